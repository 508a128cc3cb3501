//! Decoding and encoding of the 63-bit instruction word (see cairo-lang's
//! `compiler/encode.py`). Flag k is bit 48 + k; offsets are biased by 2^15.

use super::instruction::*;
use thiserror::Error;

/// Why an instruction word is not a valid instruction. Messages are cairo-lang's: an invalid
/// flag combination is reported as Python reports the failed table lookup, by the tuple of
/// flag bits (e.g. `(1, 1, 0)`).
#[derive(Debug, Error, Clone, PartialEq, Eq)]
pub enum DecodeError {
    /// The word is 2^63 or more (bits above 63 are opcode extensions this VM does not support).
    #[error("Unsupported instruction: {0}.")]
    TooLarge(String),
    /// An invalid combination of the flags of one field; the tuple of its bits.
    #[error("{0}")]
    Flags(String),
    /// jnz with res other than unconstrained (cairo-lang's bare assertion: no message).
    #[error("")]
    JnzRes,
    /// call with an ap update.
    #[error("CALL must have update_ap is ADD2")]
    CallApUpdate,
    /// An immediate op1 with off2 != 1.
    #[error("In immediate mode, off2 should be 1.")]
    ImmOff2,
}

fn bits(flags: u64, ks: &[u32]) -> DecodeError {
    let v: Vec<String> = ks.iter().map(|k| ((flags >> k) & 1).to_string()).collect();
    DecodeError::Flags(format!("({})", v.join(", ")))
}

/// Decodes an instruction word given as the canonical value of a field element (64-bit limbs,
/// most significant first, as `felt::to_canonical` returns them).
pub fn decode(word: [u64; 4]) -> Result<Instruction, DecodeError> {
    if word[0] != 0 || word[1] != 0 || word[2] != 0 || word[3] >> 63 != 0 {
        let hex = format!("{:x}{:016x}{:016x}{:016x}", word[0], word[1], word[2], word[3]);
        return Err(DecodeError::TooLarge(format!("0x{}", hex.trim_start_matches('0'))));
    }
    decode_u64(word[3])
}

fn decode_u64(w: u64) -> Result<Instruction, DecodeError> {
    let off = |i: u32| ((w >> (16 * i)) & 0xffff) as i32 - (1 << 15);
    let (off0, off1, off2) = (off(0) as i16, off(1) as i16, off(2) as i16);
    let flags = w >> 48;
    let bit = |k: u32| (flags >> k) & 1;
    let dst_reg = if bit(0) == 1 { Reg::Fp } else { Reg::Ap };
    let op0_reg = if bit(1) == 1 { Reg::Fp } else { Reg::Ap };
    let op1_src = match (flags >> 2) & 0b111 {
        0 => Op1Src::Op0,
        0b001 => Op1Src::Imm,
        0b010 => Op1Src::Fp,
        0b100 => Op1Src::Ap,
        _ => return Err(bits(flags, &[2, 4, 3])),
    };
    let pc_update = match (flags >> 7) & 0b111 {
        0 => PcUpdate::Regular,
        0b001 => PcUpdate::JumpAbs,
        0b010 => PcUpdate::JumpRel,
        0b100 => PcUpdate::Jnz,
        _ => return Err(bits(flags, &[7, 8, 9])),
    };
    let res = match (flags >> 5) & 0b11 {
        0 if pc_update == PcUpdate::Jnz => Res::Unconstrained,
        0 => Res::Op1,
        0b01 => Res::Add,
        0b10 => Res::Mul,
        _ => return Err(bits(flags, &[5, 6])),
    };
    if pc_update == PcUpdate::Jnz && res != Res::Unconstrained {
        return Err(DecodeError::JnzRes);
    }
    let mut ap_update = match (flags >> 10) & 0b11 {
        0 => ApUpdate::Regular,
        0b01 => ApUpdate::Add,
        0b10 => ApUpdate::Add1,
        _ => return Err(bits(flags, &[10, 11])),
    };
    let opcode = match (flags >> 12) & 0b111 {
        0 => Opcode::Nop,
        0b001 => Opcode::Call,
        0b010 => Opcode::Ret,
        0b100 => Opcode::AssertEq,
        _ => return Err(bits(flags, &[12, 13, 14])),
    };
    let fp_update = match opcode {
        Opcode::Call => {
            if ap_update != ApUpdate::Regular {
                return Err(DecodeError::CallApUpdate);
            }
            ap_update = ApUpdate::Add2;
            FpUpdate::ApPlus2
        }
        Opcode::Ret => FpUpdate::Dst,
        _ => FpUpdate::Regular,
    };
    if op1_src == Op1Src::Imm && off2 != 1 {
        return Err(DecodeError::ImmOff2);
    }
    Ok(Instruction {
        off0,
        off1,
        off2,
        dst_reg,
        op0_reg,
        op1_src,
        res,
        pc_update,
        ap_update,
        fp_update,
        opcode,
    })
}

/// Encodes an instruction into its word (the inverse of [`decode`] for valid instructions).
pub fn encode(i: &Instruction) -> u64 {
    let bias = |o: i16| (o as i32 + (1 << 15)) as u64;
    let mut flags = 0u64;
    flags |= (i.dst_reg == Reg::Fp) as u64;
    flags |= ((i.op0_reg == Reg::Fp) as u64) << 1;
    flags |= match i.op1_src {
        Op1Src::Op0 => 0,
        Op1Src::Imm => 1,
        Op1Src::Fp => 2,
        Op1Src::Ap => 4,
    } << 2;
    flags |= match i.res {
        Res::Op1 | Res::Unconstrained => 0,
        Res::Add => 1,
        Res::Mul => 2,
    } << 5;
    flags |= match i.pc_update {
        PcUpdate::Regular => 0,
        PcUpdate::JumpAbs => 1,
        PcUpdate::JumpRel => 2,
        PcUpdate::Jnz => 4,
    } << 7;
    flags |= match i.ap_update {
        ApUpdate::Regular | ApUpdate::Add2 => 0,
        ApUpdate::Add => 1,
        ApUpdate::Add1 => 2,
    } << 10;
    flags |= match i.opcode {
        Opcode::Nop => 0,
        Opcode::Call => 1,
        Opcode::Ret => 2,
        Opcode::AssertEq => 4,
    } << 12;
    bias(i.off0) | bias(i.off1) << 16 | bias(i.off2) << 32 | flags << 48
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(w: u64) -> Result<Instruction, DecodeError> {
        decode([0, 0, 0, w])
    }

    #[test]
    fn known_words() {
        // call rel 3: 0x1104800180018000 (from cairo-compile output).
        let i = d(0x1104800180018000).unwrap();
        assert_eq!(i.opcode, Opcode::Call);
        assert_eq!(i.pc_update, PcUpdate::JumpRel);
        assert_eq!(i.op1_src, Op1Src::Imm);
        assert_eq!(i.ap_update, ApUpdate::Add2);
        assert_eq!(i.fp_update, FpUpdate::ApPlus2);
        assert_eq!((i.off0, i.off1, i.off2), (0, 1, 1));
        // ret: 0x208b7fff7fff7ffe.
        let r = d(0x208b7fff7fff7ffe).unwrap();
        assert_eq!(r.opcode, Opcode::Ret);
        assert_eq!(r.pc_update, PcUpdate::JumpAbs);
        assert_eq!((r.off0, r.off1, r.off2), (-2, -1, -1));
        assert_eq!(r.fp_update, FpUpdate::Dst);
    }

    #[test]
    fn roundtrip_all_valid_flag_combinations() {
        let mut valid = 0;
        for flags in 0u64..(1 << 15) {
            let w = flags << 48 | 0x8001_8000_7fff;
            if let Ok(i) = d(w) {
                valid += 1;
                assert_eq!(encode(&i), w, "flags {flags:#x}");
            }
        }
        assert!(valid > 100);
    }

    #[test]
    fn rejects() {
        assert_eq!(d(1 << 63).unwrap_err().to_string(), "Unsupported instruction: 0x8000000000000000.");
        assert!(matches!(decode([0, 1, 0, 0]), Err(DecodeError::TooLarge(_))));
        assert_eq!(d(0b011 << 50 | 0x8001_8000_8000).unwrap_err().to_string(), "(1, 0, 1)");
        assert_eq!(d(0b11 << 53).unwrap_err().to_string(), "(1, 1)");
        assert_eq!(d(0b11 << 55).unwrap_err().to_string(), "(1, 1, 0)");
        assert_eq!(d(0b11 << 58).unwrap_err().to_string(), "(1, 1)");
        assert_eq!(d(0b11 << 60).unwrap_err().to_string(), "(1, 1, 0)");
        assert_eq!(d(1 << 57 | 1 << 53), Err(DecodeError::JnzRes));
        assert_eq!(d(1 << 60 | 1 << 59), Err(DecodeError::CallApUpdate));
        assert_eq!(d(1 << 50 | 0x8005_0000_0000), Err(DecodeError::ImmOff2));
    }
}
