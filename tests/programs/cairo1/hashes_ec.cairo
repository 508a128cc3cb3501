// Builtins from Cairo 1: pedersen, poseidon, bitwise, ec_op; EC hints (FieldSqrt,
// RandomEcPoint) and DebugPrint.
use core::pedersen::pedersen;
use core::poseidon::poseidon_hash_span;
use core::ec::{EcPointTrait, EcStateTrait, stark_curve};

fn main() -> (felt252, felt252, u128, felt252) {
    let h = pedersen(1, 2);
    let p = poseidon_hash_span(array![1, 2, 3].span());
    let bits: u128 = (0xff00_u128 & 0x0ff0_u128) | (0x1234_u128 ^ 0x4321_u128);
    let g = EcPointTrait::new(stark_curve::GEN_X, stark_curve::GEN_Y).unwrap();
    let p2 = EcPointTrait::new_from_x(1).unwrap();
    let mut state = EcStateTrait::init();
    state.add(g);
    state.add_mul(3, g);
    state.add(p2);
    let r = state.finalize_nz().unwrap();
    let (x, _y) = r.coordinates();
    println!("x = {}", x);
    (h, p, bits, x)
}
