// add_mod and mul_mod without the fill hint: one instance each, every value of the values table
// written by the program (the security checks verify a + b = c and a * b = c mod p).
%builtins range_check96 add_mod mul_mod

from starkware.cairo.common.alloc import alloc
from starkware.cairo.common.cairo_builtins import ModBuiltin, UInt384

func main{range_check96_ptr: felt*, add_mod_ptr: ModBuiltin*, mul_mod_ptr: ModBuiltin*}() {
    let (values: UInt384*) = alloc();
    assert values[0] = UInt384(5, 0, 0, 0);
    assert values[1] = UInt384(9, 0, 0, 0);
    assert values[2] = UInt384(3, 0, 0, 0);
    assert values[3] = UInt384(6, 0, 0, 0);
    let (add_offsets: felt*) = alloc();
    assert add_offsets[0] = 0;
    assert add_offsets[1] = 4;
    assert add_offsets[2] = 8;
    let (mul_offsets: felt*) = alloc();
    assert mul_offsets[0] = 0;
    assert mul_offsets[1] = 4;
    assert mul_offsets[2] = 12;
    assert add_mod_ptr[0] = ModBuiltin(
        p=UInt384(11, 0, 0, 0), values_ptr=values, offsets_ptr=add_offsets, n=1
    );
    assert mul_mod_ptr[0] = ModBuiltin(
        p=UInt384(13, 0, 0, 0), values_ptr=values, offsets_ptr=mul_offsets, n=1
    );
    let add_mod_ptr = add_mod_ptr + ModBuiltin.SIZE;
    let mul_mod_ptr = mul_mod_ptr + ModBuiltin.SIZE;
    return ();
}
