//! `cairo-jit disasm`: the program's words as CASM, with labels from the identifiers.

use crate::casm::{self, disasm::format_instruction};
use crate::program::{Identifier, Program};
use cairo_jit_runtime::felt;
use std::collections::BTreeMap;
use std::fmt::Write;

/// The listing: one line per instruction (`pc: text`), label lines before labelled pcs, and
/// `dw` lines for words that are not valid instructions.
pub fn disassemble(p: &Program) -> String {
    let mut labels: BTreeMap<usize, Vec<&str>> = BTreeMap::new();
    for (name, id) in p.identifiers().iter() {
        if matches!(id, Identifier::Function { .. } | Identifier::Label { .. }) {
            if let Some(pc) = id.pc() {
                labels.entry(pc).or_default().push(name);
            }
        }
    }
    let data = p.data();
    let mut out = String::new();
    let mut pc = 0;
    while pc < data.len() {
        for l in labels.get(&pc).into_iter().flatten() {
            let _ = writeln!(out, "{l}:");
        }
        let word = felt::to_canonical(data[pc].to_raw());
        match casm::decode(word) {
            Ok(i) => {
                let imm = if i.size() == 2 { data.get(pc + 1) } else { None };
                let mut text = format_instruction(&i, imm);
                if i.opcode == casm::Opcode::Call && i.pc_update == casm::PcUpdate::JumpRel {
                    if let Some(off) = imm.and_then(crate::vm::value::felt_to_i128_signed) {
                        let target = pc as i128 + off;
                        if let Some(names) = usize::try_from(target).ok().and_then(|t| labels.get(&t)) {
                            let _ = write!(text, "  // {}", names.join(", "));
                        }
                    }
                }
                let _ = writeln!(out, "{pc:>6}: {text}");
                pc += i.size() as usize;
            }
            Err(_) => {
                let _ = writeln!(out, "{pc:>6}: dw {}", data[pc]);
                pc += 1;
            }
        }
    }
    out
}
