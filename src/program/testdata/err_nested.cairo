%builtins range_check
// A failing assert two calls deep.

func inner(x: felt) {
    assert x = 5;
    return ();
}

func middle(y: felt) {
    inner(y + 1);
    return ();
}

func main{range_check_ptr}() {
    middle(1);
    return ();
}
