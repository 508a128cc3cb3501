// error: bitwise outputs the program writes itself (before or after the inputs) are checked
// at the end of the run against the builtin's deduction. Instances 0 and 1 hold correct
// written outputs next to deduced ones; instance 2's x | y is written wrong.
%builtins bitwise

from starkware.cairo.common.cairo_builtins import BitwiseBuiltin

func main{bitwise_ptr: BitwiseBuiltin*}() {
    // Instance 0: x ^ y written first, x & y read (deduced).
    assert bitwise_ptr.x_xor_y = 6;
    assert bitwise_ptr.x = 12;
    assert bitwise_ptr.y = 10;
    assert bitwise_ptr.x_and_y = 8;
    let bitwise_ptr = bitwise_ptr + BitwiseBuiltin.SIZE;
    // Instance 1: inputs first, then every output written (all correct).
    assert bitwise_ptr.x = 5;
    assert bitwise_ptr.y = 3;
    tempvar a = bitwise_ptr.x_or_y;
    assert a = 7;
    let bitwise_ptr = bitwise_ptr + BitwiseBuiltin.SIZE;
    // Instance 2: x | y written wrong before the inputs.
    assert bitwise_ptr.x_or_y = 4;
    assert bitwise_ptr.x = 1;
    assert bitwise_ptr.y = 2;
    let bitwise_ptr = bitwise_ptr + BitwiseBuiltin.SIZE;
    return ();
}
