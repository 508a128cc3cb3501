//! Formatting decoded instructions in cairo-lang's assembly syntax, e.g.
//! `[ap] = [fp + (-3)] + 5, ap++`, `call rel 12`, `jmp rel -3 if [ap + (-1)] != 0`, `ret`.

use super::instruction::*;
use starknet_types_core::felt::Felt;

fn reg(r: Reg) -> &'static str {
    match r {
        Reg::Ap => "ap",
        Reg::Fp => "fp",
    }
}

fn addr(r: &str, off: i16) -> String {
    match off {
        0 => format!("[{r}]"),
        o if o < 0 => format!("[{r} + ({o})]"),
        o => format!("[{r} + {o}]"),
    }
}

/// A felt as assembly prints constants: negative when above p/2.
pub fn signed(f: &Felt) -> String {
    crate::output::signed_felt(f)
}

fn op0(i: &Instruction) -> String {
    addr(reg(i.op0_reg), i.off1)
}

fn op1(i: &Instruction, imm: Option<&Felt>) -> String {
    match i.op1_src {
        Op1Src::Imm => imm.map(signed).unwrap_or_else(|| "<missing immediate>".into()),
        Op1Src::Ap => addr("ap", i.off2),
        Op1Src::Fp => addr("fp", i.off2),
        Op1Src::Op0 => {
            let inner = &op0(i)[1..op0(i).len() - 1].to_string();
            addr(&format!("[{inner}]"), i.off2)
        }
    }
}

fn res(i: &Instruction, imm: Option<&Felt>) -> String {
    // A negative immediate is parenthesised inside a sum or product, as cairo-lang prints it.
    let rhs = || {
        let o = op1(i, imm);
        if o.starts_with('-') {
            format!("({o})")
        } else {
            o
        }
    };
    match i.res {
        Res::Op1 | Res::Unconstrained => op1(i, imm),
        Res::Add => format!("{} + {}", op0(i), rhs()),
        Res::Mul => format!("{} * {}", op0(i), rhs()),
    }
}

/// The instruction in cairo-lang's syntax. `imm` is the word after it, when op1 is immediate.
pub fn format_instruction(i: &Instruction, imm: Option<&Felt>) -> String {
    let dst = addr(reg(i.dst_reg), i.off0);
    let mut s = match (i.opcode, i.pc_update) {
        (Opcode::Ret, _) => "ret".to_string(),
        (Opcode::Call, PcUpdate::JumpAbs) => format!("call abs {}", res(i, imm)),
        (Opcode::Call, _) => format!("call rel {}", res(i, imm)),
        (Opcode::AssertEq, PcUpdate::Regular) => format!("{dst} = {}", res(i, imm)),
        (Opcode::Nop, PcUpdate::JumpAbs) => format!("jmp abs {}", res(i, imm)),
        (Opcode::Nop, PcUpdate::JumpRel) => format!("jmp rel {}", res(i, imm)),
        (Opcode::Nop, PcUpdate::Jnz) => format!("jmp rel {} if {dst} != 0", op1(i, imm)),
        (Opcode::Nop, PcUpdate::Regular) if i.ap_update == ApUpdate::Add => format!("ap += {}", res(i, imm)),
        (Opcode::Nop, PcUpdate::Regular) => "nop".to_string(),
        (Opcode::AssertEq, _) => format!("{dst} = {} (with {:?})", res(i, imm), i.pc_update),
    };
    match i.ap_update {
        ApUpdate::Add1 => s.push_str(", ap++"),
        ApUpdate::Add if !(i.opcode == Opcode::Nop && i.pc_update == PcUpdate::Regular) => {
            s.push_str(&format!(", ap += {}", res(i, imm)))
        }
        _ => {}
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::casm::decode;

    fn fmt(w: u64, imm: Option<i64>) -> String {
        let i = decode([0, 0, 0, w]).unwrap();
        format_instruction(&i, imm.map(Felt::from).as_ref())
    }

    #[test]
    fn formats_like_cairo_lang() {
        assert_eq!(fmt(0x1104800180018000, Some(3)), "call rel 3");
        assert_eq!(fmt(0x208b7fff7fff7ffe, None), "ret");
        // [ap] = [fp + (-3)] + 5, ap++
        let i = Instruction {
            off0: 0,
            off1: -3,
            off2: 1,
            dst_reg: Reg::Ap,
            op0_reg: Reg::Fp,
            op1_src: Op1Src::Imm,
            res: Res::Add,
            pc_update: PcUpdate::Regular,
            ap_update: ApUpdate::Add1,
            fp_update: FpUpdate::Regular,
            opcode: Opcode::AssertEq,
        };
        assert_eq!(format_instruction(&i, Some(&Felt::from(5))), "[ap] = [fp + (-3)] + 5, ap++");
        let j = Instruction {
            off0: -1,
            off2: 1,
            op1_src: Op1Src::Imm,
            res: Res::Unconstrained,
            pc_update: PcUpdate::Jnz,
            ap_update: ApUpdate::Regular,
            opcode: Opcode::Nop,
            ..i
        };
        assert_eq!(format_instruction(&j, Some(&Felt::from(-3))), "jmp rel -3 if [ap + (-1)] != 0");
        let k = Instruction {
            off0: 1,
            off1: -3,
            off2: 2,
            op0_reg: Reg::Fp,
            op1_src: Op1Src::Op0,
            res: Res::Op1,
            pc_update: PcUpdate::Regular,
            ap_update: ApUpdate::Regular,
            opcode: Opcode::AssertEq,
            ..i
        };
        assert_eq!(format_instruction(&k, None), "[ap + 1] = [[fp + (-3)] + 2]");
    }
}
