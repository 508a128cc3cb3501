//! The AIR public and private inputs of a proof-mode run, as cairo-run writes them
//! (`--air_public_input`, `--air_private_input`): JSON with Python's layout (`indent=4`).

use super::json::J;
use crate::builtins::{ecdsa, BuiltinKind, BuiltinRunner};
use crate::runner::{proof, RunOutput};
use crate::vm::trace::unpack;
use crate::vm::{Relocatable, Value};
use starknet_types_core::felt::Felt;
use std::collections::BTreeMap;
use std::path::{Component, Path, PathBuf};

fn hex(f: &Felt) -> String {
    format!("{:#x}", f.to_biguint())
}

fn reloc(run: &RunOutput, r: Relocatable) -> Result<u64, String> {
    run.relocation.address(r).ok_or_else(|| format!("cannot relocate {r}"))
}

fn value_hex(run: &RunOutput, v: Value) -> Result<String, String> {
    Ok(match v {
        Value::Int(f) => hex(&f),
        Value::Ptr(p) => format!("{:#x}", reloc(run, p)?),
    })
}

/// `--air_public_input`'s JSON text (with the final newline).
pub fn public_input_json(run: &RunOutput) -> Result<String, String> {
    let (first, last) = match (run.trace.first(), run.trace.last()) {
        (Some(f), Some(l)) => (f, l),
        _ => return Err("list index out of range".into()),
    };
    let (rc_min, rc_max) = proof::rc_limits(&run.trace, &run.vm)?.unwrap_or((0, 0));
    let seg = |b: u64, e: u64| J::obj(vec![("begin_addr", J::int(b)), ("stop_ptr", J::int(e))]);
    let mut segments = vec![
        ("program".to_string(), seg(reloc(run, unpack(first.pc))?, reloc(run, unpack(last.pc))?)),
        ("execution".to_string(), seg(reloc(run, unpack(first.ap))?, reloc(run, unpack(last.ap))?)),
    ];
    for b in run.builtins() {
        let stop = if run.program_builtins.iter().any(|n| n == b.kind.name()) {
            b.stop_ptr.ok_or_else(|| format!("The {} builtin stop pointer was not set.", b.kind))?
        } else {
            b.base
        };
        segments.push((b.kind.name().to_string(), seg(reloc(run, b.base)?, reloc(run, stop)?)));
    }
    let mut public_memory = Vec::new();
    for &(s, off, page) in &run.public_memory {
        let addr = Relocatable::new(s, off);
        let v = run.vm.memory.get(addr).ok_or_else(|| format!("{}", reloc(run, addr).unwrap_or(0)))?;
        public_memory.push(J::obj(vec![
            ("address", J::int(reloc(run, addr)?)),
            ("value", J::str(value_hex(run, v)?)),
            ("page", J::int(page)),
        ]));
    }
    let j = J::obj(vec![
        ("layout", J::str(run.layout.name)),
        ("rc_min", J::int(rc_min)),
        ("rc_max", J::int(rc_max)),
        ("n_steps", J::int(run.trace.total())),
        ("memory_segments", J::Obj(segments)),
        ("public_memory", J::Arr(public_memory)),
        ("dynamic_params", J::Null),
    ]);
    Ok(j.pretty() + "\n")
}

/// Python's `os.path.abspath`.
fn abspath(p: &Path) -> PathBuf {
    let joined =
        if p.is_absolute() { p.to_path_buf() } else { std::env::current_dir().unwrap_or_default().join(p) };
    let mut out = PathBuf::new();
    for c in joined.components() {
        match c {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            c => out.push(c),
        }
    }
    out
}

/// `--air_private_input`'s JSON text (with the final newline).
pub fn private_input_json(run: &RunOutput, trace_path: &Path, memory_path: &Path) -> Result<String, String> {
    let mut pairs = vec![
        ("trace_path".to_string(), J::str(abspath(trace_path).to_string_lossy())),
        ("memory_path".to_string(), J::str(abspath(memory_path).to_string_lossy())),
    ];
    for b in run.builtins() {
        if let Some(v) = builtin_private_input(run, b)? {
            pairs.push((b.kind.name().to_string(), v));
        }
    }
    Ok(J::Obj(pairs).pretty() + "\n")
}

/// The input cells of each instance: index -> [(cell index, value)].
fn instances(run: &RunOutput, b: &BuiltinRunner) -> BTreeMap<u64, Vec<(u64, Value)>> {
    let cpi = b.kind.cells_per_instance();
    let mut m: BTreeMap<u64, Vec<(u64, Value)>> = BTreeMap::new();
    for (off, v) in run.vm.memory.segment_values(b.base.segment) {
        m.entry(off / cpi).or_default().push((off % cpi, v));
    }
    m
}

fn felt_of(v: &Value) -> Result<Felt, String> {
    v.as_int().ok_or_else(|| "assert isinstance(val, int)".to_string())
}

/// One builtin's entry (cairo-lang's `air_private_input`), `None` for output.
fn builtin_private_input(run: &RunOutput, b: &BuiltinRunner) -> Result<Option<J>, String> {
    let name = b.kind.name();
    let named = |names: &[&str], what: &str| -> Result<J, String> {
        let mut out = Vec::new();
        for (idx, cells) in instances(run, b) {
            let mut item = vec![("index".to_string(), J::int(idx))];
            for (i, n) in names.iter().enumerate() {
                if let Some((_, v)) = cells.iter().find(|(c, _)| *c == i as u64) {
                    item.push((n.to_string(), J::str(hex(&felt_of(v)?))));
                }
            }
            if item.len() == 1 {
                continue;
            }
            for (i, n) in names.iter().enumerate() {
                if !cells.iter().any(|(c, _)| *c == i as u64) {
                    return Err(match what {
                        "xy" => format!(
                            "Missing {} input of {name} instance {idx}.",
                            if i == 0 { "first" } else { "second" }
                        ),
                        "named" => format!("Missing input '{n}' of {name} instance {idx}."),
                        _ => format!("Missing input #{i} of {name} instance {idx}."),
                    });
                }
            }
            out.push(J::Obj(item));
        }
        Ok(J::Arr(out))
    };
    let j = match b.kind {
        BuiltinKind::Output | BuiltinKind::SegmentArena => return Ok(None),
        BuiltinKind::Pedersen | BuiltinKind::Bitwise => named(&["x", "y"], "xy")?,
        BuiltinKind::EcOp => named(&["p_x", "p_y", "q_x", "q_y", "m"], "named")?,
        BuiltinKind::Keccak => named(
            &["input_s0", "input_s1", "input_s2", "input_s3", "input_s4", "input_s5", "input_s6", "input_s7"],
            "indexed",
        )?,
        BuiltinKind::Poseidon => named(&["input_s0", "input_s1", "input_s2"], "indexed")?,
        BuiltinKind::RangeCheck | BuiltinKind::RangeCheck96 => {
            let mut out = Vec::new();
            for (off, v) in run.vm.memory.segment_values(b.base.segment) {
                out.push(J::obj(vec![("index", J::int(off)), ("value", J::str(hex(&felt_of(&v)?)))]));
            }
            J::Arr(out)
        }
        BuiltinKind::Ecdsa => {
            let sigs = run.vm.builtins.signatures.lock().map_err(|_| "signature table poisoned")?.clone();
            let mut out = Vec::new();
            for (addr, (r, s)) in sigs {
                let idx = (addr.offset - b.base.offset) / 2;
                let pk = run.vm.memory.get_value(addr).map_err(|e| e.to_string())?;
                let msg = run
                    .vm
                    .memory
                    .get_value(Relocatable::new(addr.segment, addr.offset + 1))
                    .map_err(|e| e.to_string())?;
                let w = ecdsa::inv_mod_curve_size(&s.to_biguint());
                out.push(J::obj(vec![
                    ("index", J::int(idx)),
                    ("pubkey", J::str(hex(&felt_of(&pk)?))),
                    ("msg", J::str(hex(&felt_of(&msg)?))),
                    (
                        "signature_input",
                        J::obj(vec![("r", J::str(hex(&r))), ("w", J::str(format!("{w:#x}")))]),
                    ),
                ]));
            }
            J::Arr(out)
        }
        BuiltinKind::AddMod | BuiltinKind::MulMod => mod_private_input(run, b)?,
    };
    Ok(Some(j))
}

fn mod_private_input(run: &RunOutput, b: &BuiltinRunner) -> Result<J, String> {
    const NAMES: [&str; 7] = ["p0", "p1", "p2", "p3", "values_ptr", "offsets_ptr", "n"];
    let mem = &run.vm.memory;
    let mut out = Vec::new();
    for (idx, cells) in instances(run, b) {
        let mut item = vec![("index".to_string(), J::int(idx))];
        let mut values_ptr = None;
        let mut offsets_ptr = None;
        let mut fields = Vec::new();
        for (c, v) in &cells {
            let name = NAMES[*c as usize];
            let j = match v {
                Value::Ptr(p) => {
                    if name == "values_ptr" {
                        values_ptr = Some(*p);
                    } else if name == "offsets_ptr" {
                        offsets_ptr = Some(*p);
                    }
                    J::int(reloc(run, *p)?)
                }
                Value::Int(f) if *c < 4 => J::str(hex(f)),
                Value::Int(f) => J::int(f),
            };
            fields.push((name.to_string(), j));
        }
        let mut batch = Vec::new();
        if let Some(op) = offsets_ptr {
            let vp = values_ptr.ok_or("assert idx in values_addr_per_instance")?;
            let mut e = Vec::new();
            for (i, s) in ["a", "b", "c"].iter().enumerate() {
                let off = mem
                    .get_value(Relocatable::new(op.segment, op.offset + i as u64))
                    .map_err(|e| e.to_string())?;
                let off_u =
                    off.as_int().and_then(|f| crate::builtins::modulo::felt_u64(&f)).ok_or("bad offset")?;
                e.push((format!("{s}_offset"), J::int(off_u)));
                for d in 0..4 {
                    let v = mem
                        .get_value(Relocatable::new(vp.segment, vp.offset + off_u + d))
                        .map_err(|e| e.to_string())?;
                    e.push((format!("{s}{d}"), J::str(hex(&felt_of(&v)?))));
                }
            }
            batch.push(J::Obj(e));
        } else {
            batch.push(J::Obj(vec![]));
        }
        item.push(("batch".to_string(), J::Arr(batch)));
        item.extend(fields);
        out.push(J::Obj(item));
    }
    let zero = run.vm.builtins.zero_segment.map(|(z, _)| z).ok_or("Uninitialized self.zero_value.")?;
    Ok(J::obj(vec![("instances", J::Arr(out)), ("zero_value_address", J::int(reloc(run, zero)?))]))
}
