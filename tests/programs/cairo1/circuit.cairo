// Circuits (core::circuit, the add_mod and mul_mod builtins, the EvalCircuit hint): for inputs
// a, b, c, the outputs (a + b) / c^2 and a * b - c modulo three moduli: the BN254 base field
// prime (three 96-bit limbs), the STARK prime, and the composite 3 * 2^256, modulo which an
// even c has no inverse. A failed evaluation (c not invertible) appends 'no inverse' instead of
// the outputs' limbs.
use core::circuit::{
    AddInputResultTrait, CircuitElement, CircuitInput, CircuitInputs, CircuitModulus,
    CircuitOutputsTrait, EvalCircuitTrait, circuit_add, circuit_inverse, circuit_mul, circuit_sub,
    u384, u96,
};

fn append_limbs(ref out: Array<felt252>, v: u384) {
    out.append(v.limb0.into());
    out.append(v.limb1.into());
    out.append(v.limb2.into());
    out.append(v.limb3.into());
}

fn eval_mod(ref out: Array<felt252>, a: u384, b: u384, c: u384, modulus: CircuitModulus) {
    let x = CircuitElement::<CircuitInput<0>> {};
    let y = CircuitElement::<CircuitInput<1>> {};
    let z = CircuitElement::<CircuitInput<2>> {};
    let quotient = circuit_mul(circuit_add(x, y), circuit_inverse(circuit_mul(z, z)));
    let difference = circuit_sub(circuit_mul(x, y), z);
    match (quotient, difference).new_inputs().next(a).next(b).next(c).done().eval(modulus) {
        Result::Ok(outputs) => {
            append_limbs(ref out, outputs.get_output(quotient));
            append_limbs(ref out, outputs.get_output(difference));
        },
        Result::Err(_) => out.append('no inverse'),
    }
}

fn modulus(limbs: [u96; 4]) -> CircuitModulus {
    TryInto::<_, CircuitModulus>::try_into(limbs).unwrap()
}

fn main(a: felt252, b: felt252, c: felt252) -> Array<felt252> {
    let (a, b, c): (u384, u384, u384) = (a.into(), b.into(), c.into());
    let bn254 = modulus([0x6871ca8d3c208c16d87cfd47, 0xb85045b68181585d97816a91, 0x30644e72e131a029, 0]);
    let stark = modulus([1, 0, 0x800000000000011, 0]);
    let composite = modulus([0, 0, 0x30000000000000000, 0]);
    let mut out = ArrayTrait::new();
    eval_mod(ref out, a, b, c, bn254);
    eval_mod(ref out, a, b, c, stark);
    eval_mod(ref out, a, b, c, composite);
    out
}
