// memset's loop hint with no `n` in scope (no `vm_enter_scope` before it): the hint fails
// with Python's NameError, from compiled code as from the interpreter.
func count(len: felt) {
    loop:
    let continue_loop = [ap];
    %{
        n -= 1
        ids.continue_loop = 1 if n > 0 else 0
    %}
    jmp loop if continue_loop != 0, ap++;
    return ();
}

func main() {
    [ap] = 0, ap++;
    count(10);
    return ();
}
