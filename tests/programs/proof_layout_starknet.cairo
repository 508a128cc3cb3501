// Proof mode in the starknet layout: output and pedersen, range_check, ecdsa, bitwise, ec_op, poseidon (each used once, ecdsa
// only declared); the layout's ratios decide the padding.
%builtins output pedersen range_check ecdsa bitwise ec_op poseidon

from starkware.cairo.common.cairo_builtins import HashBuiltin, SignatureBuiltin, BitwiseBuiltin, EcOpBuiltin, PoseidonBuiltin
from starkware.cairo.common.ec_point import EcPoint
from starkware.cairo.common.poseidon_state import PoseidonBuiltinState
from starkware.cairo.common.serialize import serialize_word

const GX = 874739451078007766457464989774322083649278607533249481151382481072868806602;
const GY = 152666792071518830868575557812948353041420400780739481342941381225525861407;
const QX = 875940955200611947500760302054417515671876219465574517800446702396947535610;
const QY = 2976950011013311701273347535189853905279003536832852550673682997603920566673;

func main{
    output_ptr: felt*,
    pedersen_ptr: HashBuiltin*,
    range_check_ptr,
    ecdsa_ptr: SignatureBuiltin*,
    bitwise_ptr: BitwiseBuiltin*,
    ec_op_ptr: EcOpBuiltin*,
    poseidon_ptr: PoseidonBuiltin*,
}() {
    assert pedersen_ptr.x = 1;
    assert pedersen_ptr.y = 2;
    serialize_word(pedersen_ptr.result);
    let pedersen_ptr = pedersen_ptr + HashBuiltin.SIZE;
    assert [range_check_ptr] = 2 ** 64 + 7;
    let range_check_ptr = range_check_ptr + 1;
    assert bitwise_ptr.x = 6;
    assert bitwise_ptr.y = 3;
    serialize_word(bitwise_ptr.x_or_y);
    let bitwise_ptr = bitwise_ptr + BitwiseBuiltin.SIZE;
    assert ec_op_ptr.p = EcPoint(GX, GY);
    assert ec_op_ptr.q = EcPoint(QX, QY);
    assert ec_op_ptr.m = 5;
    serialize_word(ec_op_ptr.r.y);
    let ec_op_ptr = ec_op_ptr + EcOpBuiltin.SIZE;
    assert poseidon_ptr.input = PoseidonBuiltinState(4, 5, 6);
    serialize_word(poseidon_ptr.output.s2);
    let poseidon_ptr = poseidon_ptr + PoseidonBuiltin.SIZE;
    serialize_word(42);
    return ();
}
