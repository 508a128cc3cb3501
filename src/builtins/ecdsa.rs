//! ecdsa: instances of 2 cells, a public key and a message hash; a validation rule checks the
//! pair against the signature a hint registered for the instance (`ecdsa_builtin.add_signature`,
//! see [`super::Builtins::add_signature`]), as cairo-lang's `SignatureBuiltinRunner` does.
//!
//! Verification follows cairo-lang's `starkware.crypto.signature.verify`: its range assertions
//! come first, with their messages (`s = ...`, `r = ...`, `w = ...`, `msg_hash = ...`); the
//! curve arithmetic itself is starknet-crypto's.

use crate::vm::{Memory, MemoryError, Relocatable, SegmentValidator, Value};
use num_bigint::BigUint;
use starknet_types_core::felt::Felt;
use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};

/// The curve's order.
pub fn ec_order() -> BigUint {
    BigUint::parse_bytes(b"800000000000010ffffffffffffffffb781126dcae7b2321e66a241adc64d2f", 16)
        .expect("constant")
}

/// The signature's `w = s^-1 mod EC_ORDER` (cairo-lang's `inv_mod_curve_size`).
pub fn inv_mod_curve_size(s: &BigUint) -> BigUint {
    let n = ec_order();
    s.modpow(&(&n - 2u32), &n)
}

/// Checks an address given to `add_signature` (cairo-lang's messages).
pub fn check_signature_address(base: Relocatable, addr: Value) -> Result<Relocatable, String> {
    let Value::Ptr(p) = addr else {
        return Err(format!("Expected memory address to be relocatable value. Found: {addr}."));
    };
    if p.segment != base.segment {
        return Err(format!("Signature hint must point to the signature builtin segment, not {p}."));
    }
    if !p.offset.is_multiple_of(2) {
        return Err(format!("Signature hint must point to the public key cell, not {p}."));
    }
    Ok(p)
}

/// cairo-lang's `verify(msg_hash, r, s, public_key)` for a public key given by its x
/// coordinate.
pub fn verify(pubkey: &Felt, msg: &Felt, r: &Felt, s: &Felt) -> Result<bool, String> {
    let (rb, sb, mb) = (r.to_biguint(), s.to_biguint(), msg.to_biguint());
    let bound = BigUint::from(1u8) << 251;
    if sb < BigUint::from(1u8) || sb >= ec_order() {
        return Err(format!("s = {sb}"));
    }
    let w = inv_mod_curve_size(&sb);
    if rb < BigUint::from(1u8) || rb >= bound {
        return Err(format!("r = {rb}"));
    }
    if w < BigUint::from(1u8) || w >= bound {
        return Err(format!("w = {w}"));
    }
    if mb >= bound {
        return Err(format!("msg_hash = {mb}"));
    }
    let conv = |f: &Felt| starknet_crypto::Felt::from_bytes_be(&f.to_bytes_be());
    Ok(starknet_crypto::verify(&conv(pubkey), &conv(msg), &conv(r), &conv(s)).unwrap_or(false))
}

/// The ECDSA segment's validation rule, sharing the signature table with [`super::Builtins`].
pub struct Validator {
    signatures: Arc<Mutex<BTreeMap<Relocatable, (Felt, Felt)>>>,
}

impl Validator {
    /// A rule over `signatures`.
    pub fn new(signatures: Arc<Mutex<BTreeMap<Relocatable, (Felt, Felt)>>>) -> Self {
        Validator { signatures }
    }
}

impl SegmentValidator for Validator {
    fn validate(&self, addr: Relocatable, value: &Value, memory: &Memory) -> Result<(), MemoryError> {
        let (pk_addr, msg_addr, pubkey, msg) = if addr.offset.is_multiple_of(2) {
            let m = Relocatable::new(addr.segment, addr.offset + 1);
            match memory.get(m) {
                Some(v) => (addr, m, *value, v),
                None => return Ok(()),
            }
        } else {
            let p = Relocatable::new(addr.segment, addr.offset - 1);
            match memory.get(p) {
                Some(v) => (p, addr, v, *value),
                None => return Ok(()),
            }
        };
        let fail = |m: String| Err(MemoryError::Validation(m));
        let Value::Int(pubkey) = pubkey else {
            return fail(format!(
                "ECDSA builtin: Expected public key at address {pk_addr} to be an integer. Got: {pubkey}."
            ));
        };
        let Value::Int(msg) = msg else {
            return fail(format!(
                "ECDSA builtin: Expected message hash at address {msg_addr} to be an integer. Got: {msg}."
            ));
        };
        let sig = self.signatures.lock().ok().and_then(|m| m.get(&pk_addr).copied());
        let Some((r, s)) = sig else {
            return fail(format!(
                "Signature hint is missing for ECDSA builtin at address {pk_addr}. Add it using 'ecdsa_builtin.add_signature'."
            ));
        };
        match verify(&pubkey, &msg, &r, &s) {
            Ok(true) => Ok(()),
            Ok(false) => fail(format!(
                "Signature ({r}, {s}), is invalid, with respect to the public key {pubkey}, and the message hash {msg}."
            )),
            Err(m) => fail(m),
        }
    }
}
