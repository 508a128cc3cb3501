//! The decoded instruction: small enums, one byte each, so that an instruction is 12 bytes.

/// A register operand base.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
#[repr(u8)]
pub enum Reg {
    /// The allocation pointer.
    Ap,
    /// The frame pointer.
    Fp,
}

/// Where op1's address comes from.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
#[repr(u8)]
pub enum Op1Src {
    /// `[op0 + off2]` (double dereference).
    Op0,
    /// The immediate at `pc + 1` (`off2` is 1).
    Imm,
    /// `[fp + off2]`.
    Fp,
    /// `[ap + off2]`.
    Ap,
}

/// How res is computed.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
#[repr(u8)]
pub enum Res {
    /// res = op1.
    Op1,
    /// res = op0 + op1.
    Add,
    /// res = op0 * op1.
    Mul,
    /// res is not constrained (jnz).
    Unconstrained,
}

/// How pc is updated.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
#[repr(u8)]
pub enum PcUpdate {
    /// pc += size.
    Regular,
    /// pc = res.
    JumpAbs,
    /// pc += res.
    JumpRel,
    /// pc += dst == 0 ? size : op1.
    Jnz,
}

/// How ap is updated.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
#[repr(u8)]
pub enum ApUpdate {
    /// Unchanged.
    Regular,
    /// ap += res.
    Add,
    /// ap += 1.
    Add1,
    /// ap += 2 (call).
    Add2,
}

/// How fp is updated.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
#[repr(u8)]
pub enum FpUpdate {
    /// Unchanged.
    Regular,
    /// fp = ap + 2 (call).
    ApPlus2,
    /// fp = dst (ret).
    Dst,
}

/// The opcode.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
#[repr(u8)]
pub enum Opcode {
    /// No assertion (jumps, `ap +=`).
    Nop,
    /// assert dst == res.
    AssertEq,
    /// call: [ap] = fp, [ap + 1] = return pc.
    Call,
    /// ret.
    Ret,
}

/// A decoded instruction. Offsets are the signed values (the encoding's biased fields minus 2^15).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Instruction {
    /// dst offset.
    pub off0: i16,
    /// op0 offset.
    pub off1: i16,
    /// op1 offset.
    pub off2: i16,
    /// dst register.
    pub dst_reg: Reg,
    /// op0 register.
    pub op0_reg: Reg,
    /// op1 source.
    pub op1_src: Op1Src,
    /// res computation.
    pub res: Res,
    /// pc update.
    pub pc_update: PcUpdate,
    /// ap update.
    pub ap_update: ApUpdate,
    /// fp update.
    pub fp_update: FpUpdate,
    /// opcode.
    pub opcode: Opcode,
}

impl Instruction {
    /// Size in words: 2 when op1 is an immediate, else 1.
    #[inline(always)]
    pub const fn size(&self) -> u64 {
        match self.op1_src {
            Op1Src::Imm => 2,
            _ => 1,
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn instruction_is_small() {
        assert!(core::mem::size_of::<super::Instruction>() <= 16);
    }
}
