// error: a keccak input lane of 2^200.
%builtins keccak

from starkware.cairo.common.cairo_builtins import KeccakBuiltin
from starkware.cairo.common.keccak_state import KeccakBuiltinState

func main{keccak_ptr: KeccakBuiltin*}() {
    assert keccak_ptr.input = KeccakBuiltinState(0, 0, 2 ** 200, 0, 0, 0, 0, 0);
    tempvar r = keccak_ptr.output.s1;
    let keccak_ptr = keccak_ptr + KeccakBuiltin.SIZE;
    return ();
}
