//! `--dump_clif`: a region's Cranelift IR, headed by its CASM and with each instruction's
//! block annotated with the CASM pc and instruction it came from.

use super::analysis::Region;
use crate::casm::disasm::format_instruction;
use cranelift_codegen::entity::SecondaryMap;
use cranelift_codegen::ir::{Block, Function, Inst, Value};
use cranelift_codegen::write::{decorate_function, FuncWriter, PlainWriter};
use starknet_types_core::felt::Felt;
use std::collections::{BTreeMap, HashMap};
use std::fmt::{self, Write};

/// The text of one region: a `; pc N: INSTRUCTION` line per CASM instruction, then the
/// function, each instruction's first block preceded by the same line.
pub fn annotated(func: &Function, region: &Region, blocks: &BTreeMap<u64, Block>) -> String {
    let mut notes = HashMap::new();
    let mut text = String::new();
    for ri in region.insts.values() {
        let imm = (ri.inst.size() == 2).then(|| Felt::from_raw(ri.imm.raw()));
        let line = format!("; pc {}: {}", ri.pc, format_instruction(&ri.inst, imm.as_ref()));
        text.push_str(&line);
        text.push('\n');
        if let Some(&b) = blocks.get(&ri.pc) {
            notes.insert(b, line);
        }
    }
    text.push('\n');
    let mut w = Annotator { notes };
    if decorate_function(&mut w, &mut text, func).is_err() {
        text.push_str("; (CLIF could not be written)\n");
    }
    text
}

struct Annotator {
    notes: HashMap<Block, String>,
}

impl FuncWriter for Annotator {
    fn write_block_header(
        &mut self,
        w: &mut dyn Write,
        func: &Function,
        block: Block,
        indent: usize,
    ) -> fmt::Result {
        if let Some(n) = self.notes.get(&block) {
            writeln!(w)?;
            writeln!(w, "{n}")?;
        }
        PlainWriter.write_block_header(w, func, block, indent)
    }

    fn write_instruction(
        &mut self,
        w: &mut dyn Write,
        func: &Function,
        aliases: &SecondaryMap<Value, Vec<Value>>,
        inst: Inst,
        indent: usize,
    ) -> fmt::Result {
        PlainWriter.write_instruction(w, func, aliases, inst, indent)
    }
}
