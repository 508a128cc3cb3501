// error: a bitwise operand of 2^251 (the deduction of x & y fails).
%builtins bitwise

from starkware.cairo.common.cairo_builtins import BitwiseBuiltin
from starkware.cairo.common.bitwise import bitwise_and

func main{bitwise_ptr: BitwiseBuiltin*}() {
    let (x) = bitwise_and(2 ** 251, 1);
    return ();
}
