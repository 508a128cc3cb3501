// is_quad_residue: the hint for a residue (sqrt exists), a non-residue (3 * y^2 = x) and 0.
%builtins output range_check

from starkware.cairo.common.math import is_quad_residue
from starkware.cairo.common.serialize import serialize_word

func main{output_ptr: felt*, range_check_ptr}() {
    let r = is_quad_residue(4);
    assert r = 1;
    serialize_word(r);
    let r = is_quad_residue(3);
    assert r = 0;
    serialize_word(r);
    let r = is_quad_residue(0);
    serialize_word(r);
    let r = is_quad_residue(-1);
    serialize_word(r);
    let r = is_quad_residue(2 ** 200 + 12345);
    serialize_word(r);
    return ();
}
