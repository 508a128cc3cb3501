// Proof mode (all_cairo): every builtin but ecdsa used once (ecdsa's segment exists, unused);
// the keccak ratio forces 2^15 steps.
%builtins output pedersen range_check bitwise ec_op keccak poseidon range_check96 add_mod mul_mod

from starkware.cairo.common.alloc import alloc
from starkware.cairo.common.cairo_builtins import (
    BitwiseBuiltin,
    EcOpBuiltin,
    HashBuiltin,
    KeccakBuiltin,
    ModBuiltin,
    PoseidonBuiltin,
    UInt384,
)
from starkware.cairo.common.ec_point import EcPoint
from starkware.cairo.common.keccak_state import KeccakBuiltinState
from starkware.cairo.common.poseidon_state import PoseidonBuiltinState
from starkware.cairo.common.serialize import serialize_word

const GX = 874739451078007766457464989774322083649278607533249481151382481072868806602;
const GY = 152666792071518830868575557812948353041420400780739481342941381225525861407;

func main{
    output_ptr: felt*,
    pedersen_ptr: HashBuiltin*,
    range_check_ptr,
    bitwise_ptr: BitwiseBuiltin*,
    ec_op_ptr: EcOpBuiltin*,
    keccak_ptr: KeccakBuiltin*,
    poseidon_ptr: PoseidonBuiltin*,
    range_check96_ptr: felt*,
    add_mod_ptr: ModBuiltin*,
    mul_mod_ptr: ModBuiltin*,
}() {
    alloc_locals;
    assert pedersen_ptr.x = 1;
    assert pedersen_ptr.y = 2;
    serialize_word(pedersen_ptr.result);
    let pedersen_ptr = pedersen_ptr + HashBuiltin.SIZE;
    assert [range_check_ptr] = 1000;
    let range_check_ptr = range_check_ptr + 1;
    assert bitwise_ptr.x = 12;
    assert bitwise_ptr.y = 10;
    serialize_word(bitwise_ptr.x_xor_y);
    let bitwise_ptr = bitwise_ptr + BitwiseBuiltin.SIZE;
    assert ec_op_ptr.p = EcPoint(GX, GY);
    assert ec_op_ptr.q = EcPoint(
        875940955200611947500760302054417515671876219465574517800446702396947535610,
        2976950011013311701273347535189853905279003536832852550673682997603920566673,
    );
    assert ec_op_ptr.m = 0;
    serialize_word(ec_op_ptr.r.x);
    let ec_op_ptr = ec_op_ptr + EcOpBuiltin.SIZE;
    assert keccak_ptr.input = KeccakBuiltinState(1, 2, 3, 4, 5, 6, 7, 8);
    serialize_word(keccak_ptr.output.s0);
    let keccak_ptr = keccak_ptr + KeccakBuiltin.SIZE;
    assert poseidon_ptr.input = PoseidonBuiltinState(1, 2, 3);
    serialize_word(poseidon_ptr.output.s1);
    let poseidon_ptr = poseidon_ptr + PoseidonBuiltin.SIZE;
    assert [range_check96_ptr] = 2 ** 95;
    let range_check96_ptr = range_check96_ptr + 1;
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
