// Proof mode (all_cairo, test hints): run_mod_p_circuit; the modulo builtins in the AIR private input.


%builtins range_check96 add_mod mul_mod

from starkware.cairo.common.alloc import alloc
from starkware.cairo.common.cairo_builtins import ModBuiltin, UInt384
from starkware.cairo.common.modulo import run_mod_p_circuit

func main{range_check96_ptr: felt*, add_mod_ptr: ModBuiltin*, mul_mod_ptr: ModBuiltin*}() {
    alloc_locals;
    let (local values: UInt384*) = alloc();
    // x, y, z known; t = x + y, u = t * x, v = u + z unknown.
    assert values[0] = UInt384(0x10, 0x20, 0x30, 0x40);
    assert values[1] = UInt384(0xffffffffffff, 0x1234, 0, 0x7);
    assert values[2] = UInt384(3, 0, 0, 0);
    let (local add_offsets: felt*) = alloc();
    assert add_offsets[0] = 0;
    assert add_offsets[1] = 4;
    assert add_offsets[2] = 12;
    assert add_offsets[3] = 16;
    assert add_offsets[4] = 8;
    assert add_offsets[5] = 20;
    let (local mul_offsets: felt*) = alloc();
    assert mul_offsets[0] = 12;
    assert mul_offsets[1] = 0;
    assert mul_offsets[2] = 16;
    let p = UInt384(0xfffffffffffffffffffffff, 0xfffffffffffffffffffffff, 0xfffffffffffffffffffffff, 0xffff);
    run_mod_p_circuit(p, values, add_offsets, 2, mul_offsets, 1);
    assert range_check96_ptr[0] = values[5].d0;
    let range_check96_ptr = range_check96_ptr + 1;
    return ();
}
