// A loop with memcpy's loop hint whose flag cell is already set when the hint runs: to 1,
// which the hint agrees with until the last iteration, where it writes 0 and fails (an
// inconsistent memory assignment). Compiled code leaves a set flag cell to the hint itself.
func count(len: felt) {
    %{ vm_enter_scope({'n': ids.len}) %}
    tempvar start = len;
    loop:
    let continue_copying = [ap];
    [ap] = 1;
    %{
        n -= 1
        ids.continue_copying = 1 if n > 0 else 0
    %}
    jmp loop if continue_copying != 0, ap++;
    %{ vm_exit_scope() %}
    return ();
}

func main() {
    count(10);
    return ();
}
