//! The call stack at a fault, as cairo-lang's `get_traceback_entries` walks it: follow the fp
//! chain through `[fp - 2]` (caller fp) and `[fp - 1]` (return pc), and accept a frame only when
//! the cells before the return pc decode as a call instruction.

use crate::casm::{self, Opcode, PcUpdate, Res};
use crate::vm::{Memory, Relocatable, Value};
use cairo_jit_runtime::felt;

/// Most frames reported (cairo-lang's `MAX_TRACEBACK_ENTRIES`).
pub const MAX_TRACEBACK_ENTRIES: usize = 20;

/// The size of `word` when it decodes as a call instruction as cairo-lang's
/// `is_call_instruction` defines it (res = op1, an absolute or relative jump).
fn call_size(word: &Value) -> Option<u64> {
    let Value::Int(f) = word else { return None };
    let i = casm::decode(felt::to_canonical(f.to_raw())).ok()?;
    let ok = i.opcode == Opcode::Call
        && i.res == Res::Op1
        && matches!(i.pc_update, PcUpdate::JumpAbs | PcUpdate::JumpRel);
    ok.then(|| i.size())
}

/// `(fp, call pc)` of each calling frame, most recent call last.
pub fn entries(memory: &Memory, fp: Relocatable) -> Vec<(Relocatable, Relocatable)> {
    let mut out = Vec::new();
    let mut fp = fp;
    for _ in 0..MAX_TRACEBACK_ENTRIES {
        let (Some(a2), Some(a1)) = (fp.add_i64(-2), fp.add_i64(-1)) else { break };
        let (opt_fp, opt_ret) = (memory.get(a2), memory.get(a1));
        if opt_fp == Some(Value::Ptr(fp)) {
            break;
        }
        let (Some(Value::Ptr(nfp)), Some(Value::Ptr(ret_pc))) = (opt_fp, opt_ret) else { break };
        fp = nfp;
        let i0 = ret_pc.add_i64(-2).and_then(|a| memory.get(a));
        let i1 = ret_pc.add_i64(-1).and_then(|a| memory.get(a));
        let call_pc = match (i0, i1) {
            // An immediate-free call just before the return pc...
            (_, Some(w1)) if call_size(&w1) == Some(1) => ret_pc.add_i64(-1),
            // ...or any call two cells before it (the immediate is ignored when unused).
            (Some(w0), Some(Value::Int(_))) if call_size(&w0).is_some() => ret_pc.add_i64(-2),
            _ => break,
        };
        let Some(call_pc) = call_pc else { break };
        out.push((fp, call_pc));
    }
    out.reverse();
    out
}
