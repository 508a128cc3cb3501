// modulo.cairo hint: run_mod_p_circuit (ModBuiltinRunner.fill_memory) computes the unknown
// values of a circuit: ((a + b) * c - d) * inverse-free chain mod a 96-bit-limbed prime.
%builtins output range_check96 add_mod mul_mod

from starkware.cairo.common.alloc import alloc
from starkware.cairo.common.cairo_builtins import ModBuiltin, UInt384
from starkware.cairo.common.modulo import run_mod_p_circuit
from starkware.cairo.common.serialize import serialize_word

func out{output_ptr: felt*}(x: UInt384) {
    serialize_word(x.d0);
    serialize_word(x.d1);
    serialize_word(x.d2);
    serialize_word(x.d3);
    return ();
}

func main{
    output_ptr: felt*, range_check96_ptr: felt*, add_mod_ptr: ModBuiltin*, mul_mod_ptr: ModBuiltin*
}() {
    alloc_locals;
    let (local values: UInt384*) = alloc();
    // a, b, c, d known (offsets 0, 4, 8, 12); t = a + b (16), u = t * c (20), v = u + d (24),
    // w = v * v (28).
    assert values[0] = UInt384(0x123456789, 0xabcdef, 0x1, 0x0);
    assert values[1] = UInt384(0xfffffffffffffffffffffff, 0x5, 0x0, 0x1);
    assert values[2] = UInt384(7, 0, 0, 0);
    assert values[3] = UInt384(0x42, 0x24, 0x0, 0x0);
    let (local add_offsets: felt*) = alloc();
    assert add_offsets[0] = 0;
    assert add_offsets[1] = 4;
    assert add_offsets[2] = 16;
    assert add_offsets[3] = 20;
    assert add_offsets[4] = 12;
    assert add_offsets[5] = 24;
    let (local mul_offsets: felt*) = alloc();
    assert mul_offsets[0] = 16;
    assert mul_offsets[1] = 8;
    assert mul_offsets[2] = 20;
    assert mul_offsets[3] = 24;
    assert mul_offsets[4] = 24;
    assert mul_offsets[5] = 28;
    let p = UInt384(0xfffffffffffffffffffffff1, 0xfffffffffffffffffffffff, 0xfffffffffffffffffffff, 0x3);
    run_mod_p_circuit(p, values, add_offsets, 2, mul_offsets, 2);
    out(values[4]);
    out(values[5]);
    out(values[6]);
    out(values[7]);
    return ();
}
