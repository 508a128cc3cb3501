func f(a: felt) -> felt {
    return a;
}
func main() {
    alloc_locals;
    local z;
    let x = z * 3;
    let r = f(x);
    return ();
}
