//! Cairo PIE output (`--cairo_pie_output`): a zip of metadata.json, memory.bin,
//! additional_data.json, execution_resources.json and version.json, as cairo-lang's
//! `CairoRunner.get_cairo_pie` builds it and `CairoPie.to_file` writes it (deflated entries,
//! JSON in Python's compact layout, memory records as `(address, value)` with relocatables
//! encoded as cairo-lang's `RelocatableValue.to_bytes`).
//!
//! The memory records are written in address order (cairo-lang writes them in the order cells
//! were first set); everything else is byte for byte cairo-lang's.

use super::json::J;
use crate::builtins::{BuiltinKind, BuiltinRunner};
use crate::program::Program;
use crate::runner::{proof, RunOutput};
use crate::vm::{Relocatable, Value};
use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;
use std::path::Path;

const OFFSET_BITS: u32 = 47;

fn segment_info(index: i64, size: u64) -> J {
    J::obj(vec![("index", J::int(index)), ("size", J::int(size))])
}

/// The 8-byte address encoding (`2^63 | segment << 47 | offset`).
fn addr_bytes(r: Relocatable) -> [u8; 8] {
    ((1u64 << 63) | ((r.segment as u64) << OFFSET_BITS) | r.offset).to_le_bytes()
}

/// The 32-byte value encoding (felts as themselves; pointers `2^255 | segment << 47 | offset`).
fn value_bytes(v: &Value) -> [u8; 32] {
    match v {
        Value::Int(f) => cairo_jit_runtime::felt::to_bytes_le(f.to_raw()),
        Value::Ptr(p) => {
            let mut b = [0u8; 32];
            b[..8].copy_from_slice(&(((p.segment as u64) << OFFSET_BITS) | p.offset).to_le_bytes());
            b[31] |= 0x80;
            b
        }
    }
}

/// The PIE's files, by name, in cairo-lang's order.
pub fn pie_files(
    run: &RunOutput,
    program: &Program,
    merge_extra_segments: bool,
) -> Result<Vec<(&'static str, Vec<u8>)>, String> {
    let mem = &run.vm.memory;
    if run.trace.is_empty() && run.vm.current_step > 0 {
        return Err("a Cairo PIE needs the run's trace (run with TraceMode::On)".into());
    }
    // Builtin segments: name -> (index, stop - base).
    let mut builtin_segments = Vec::new();
    let mut known = BTreeSet::new();
    for b in run.builtins() {
        let stop = b.stop_ptr.ok_or_else(|| format!("{} segment stop ptr is None.", b.kind))?;
        builtin_segments
            .push((b.kind.name().to_string(), segment_info(b.base.segment, stop.offset - b.base.offset)));
        known.insert(b.base.segment);
    }
    let n_used = program.builtins.len() as u64;
    let ex = run.execution_base;
    let ret = |i: u64| -> Result<Relocatable, String> {
        match mem.get(Relocatable::new(ex.segment, ex.offset + n_used + i)) {
            Some(Value::Ptr(p)) => Ok(p),
            other => Err(format!(
                "Expecting a relocatable value got {}.",
                other.map(|v| v.to_string()).unwrap_or_else(|| "None".into())
            )),
        }
    };
    let (ret_fp, ret_pc) = (ret(0)?, ret(1)?);
    for r in [ret_fp, ret_pc] {
        let size = mem.segment_len(r.segment).unwrap_or(0);
        if size != 0 {
            return Err(format!("Unexpected ret_fp_segment size {size}"));
        }
    }
    for r in [run.program_base, ex, ret_fp, ret_pc] {
        known.insert(r.segment);
    }
    let mut extra: Vec<(i64, u64)> = (0..mem.num_segments() as i64)
        .filter(|s| !known.contains(s))
        .map(|s| (s, run.segment_size(s)))
        .collect();
    // --merge_extra_segments: one segment at the first extra index, the others relocated into it.
    let mut merged: BTreeMap<i64, Relocatable> = BTreeMap::new();
    if merge_extra_segments && !extra.is_empty() {
        let first = extra[0].0;
        let mut acc = 0;
        for &(s, size) in &extra {
            merged.insert(s, Relocatable::new(first, acc));
            acc += size;
        }
        extra = vec![(first, acc)];
    }
    let relocate = |r: Relocatable| -> Relocatable {
        match merged.get(&r.segment) {
            Some(base) => Relocatable::new(base.segment, base.offset + r.offset),
            None => r,
        }
    };
    let stripped = J::obj(vec![
        (
            "prime",
            J::Int("3618502788666131213697322783095070105623107215331596699973092056135872020481".into()),
        ),
        ("data", J::Arr(program.data.iter().map(J::int).collect())),
        ("builtins", J::Arr(program.builtins.iter().map(|b| J::str(b.clone())).collect())),
        ("main", program.main().map(J::int).unwrap_or(J::Null)),
    ]);
    let metadata = J::obj(vec![
        ("program", stripped),
        ("program_segment", segment_info(run.program_base.segment, program.data.len() as u64)),
        ("execution_segment", segment_info(ex.segment, run.vm.ap.offset - ex.offset)),
        ("ret_fp_segment", segment_info(ret_fp.segment, 0)),
        ("ret_pc_segment", segment_info(ret_pc.segment, 0)),
        ("builtin_segments", J::Obj(builtin_segments)),
        ("extra_segments", J::Arr(extra.iter().map(|&(s, n)| segment_info(s, n)).collect())),
    ]);

    let mut memory = Vec::new();
    for seg in 0..mem.num_segments() as i64 {
        for (off, v) in mem.segment_values(seg) {
            memory.extend_from_slice(&addr_bytes(relocate(Relocatable::new(seg, off))));
            let v = match v {
                Value::Ptr(p) => Value::Ptr(relocate(p)),
                v => v,
            };
            memory.extend_from_slice(&value_bytes(&v));
        }
    }

    let additional = J::Obj(
        run.builtins()
            .iter()
            .map(|b| Ok((format!("{}_builtin", b.kind), additional_data(run, b)?)))
            .collect::<Result<Vec<_>, String>>()?,
    );
    let holes = proof::memory_holes(
        &run.trace,
        &run.vm,
        &run.finalized_sizes,
        (run.program_base, program.data.len() as u64),
    )?;
    let counter = J::Obj(
        run.builtins()
            .iter()
            .map(|b| (format!("{}_builtin", b.kind), J::int(b.used_instances(mem))))
            .collect(),
    );
    let resources = J::obj(vec![
        ("builtin_instance_counter", counter),
        ("n_memory_holes", J::int(holes)),
        ("n_steps", J::int(run.original_steps)),
    ]);
    let version = J::obj(vec![("cairo_pie", J::str("1.1"))]);
    Ok(vec![
        ("metadata.json", metadata.compact().into_bytes()),
        ("memory.bin", memory),
        ("additional_data.json", additional.compact().into_bytes()),
        ("execution_resources.json", resources.compact().into_bytes()),
        ("version.json", version.compact().into_bytes()),
    ])
}

/// A builtin's `get_additional_data()`.
fn additional_data(run: &RunOutput, b: &BuiltinRunner) -> Result<J, String> {
    let mem = &run.vm.memory;
    Ok(match b.kind {
        BuiltinKind::Output => {
            let o = &run.vm.builtins.output;
            let pages = o
                .pages
                .iter()
                .map(|(id, (s, n))| (id.to_string(), J::Arr(vec![J::int(s), J::int(n)])))
                .collect();
            let attributes = o.attributes.iter().map(|(k, v)| (k.clone(), J::from_serde(v))).collect();
            J::obj(vec![("pages", J::Obj(pages)), ("attributes", J::Obj(attributes))])
        }
        BuiltinKind::Pedersen => {
            // The result cells the deduction rule computed: during the run, at the end-of-run
            // check (set results with both inputs), and in the security check (every instance
            // below the highest used one).
            let seg = b.base.segment;
            let mut verified = BTreeSet::new();
            let has = |o: u64| mem.get(Relocatable::new(seg, o)).is_some();
            for (off, _) in mem.segment_values(seg) {
                if off % 3 == 2 && has(off - 1) && has(off - 2) {
                    verified.insert(off);
                }
            }
            if run.secure_run {
                if let Some(max) = mem.segment_values(seg).map(|(o, _)| o).last() {
                    for i in 0..=max / 3 {
                        if has(3 * i) && has(3 * i + 1) {
                            verified.insert(3 * i + 2);
                        }
                    }
                }
            }
            J::Arr(verified.into_iter().map(|o| J::Arr(vec![J::int(seg), J::int(o)])).collect())
        }
        BuiltinKind::Ecdsa => {
            let sigs = run.vm.builtins.signatures.lock().map_err(|_| "signature table poisoned")?.clone();
            J::Arr(
                sigs.into_iter()
                    .map(|(a, (r, s))| {
                        J::Arr(vec![
                            J::Arr(vec![J::int(a.segment), J::int(a.offset)]),
                            J::Arr(vec![J::int(r), J::int(s)]),
                        ])
                    })
                    .collect(),
            )
        }
        _ => J::Null,
    })
}

/// Writes the run's Cairo PIE to `path` (atomically).
pub fn write_pie(run: &RunOutput, program: &Program, path: &Path, merge: bool) -> Result<(), String> {
    let files = pie_files(run, program, merge)?;
    super::write_atomically(path, |w| {
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        for (name, bytes) in &files {
            let opts = zip::write::FileOptions::default()
                .compression_method(zip::CompressionMethod::Deflated)
                .large_file(*name == "memory.bin");
            zip.start_file(*name, opts).map_err(std::io::Error::other)?;
            zip.write_all(bytes)?;
        }
        let cursor = zip.finish().map_err(std::io::Error::other)?;
        w.write_all(&cursor.into_inner())
    })
    .map_err(|e| format!("cannot write {}: {e}", path.display()))
}

/// cairo_run's check after `--run_from_cairo_pie --secure_run`: the PIE of this run (with the
/// input's memory-holes count and version) must equal the input, pedersen data aside.
pub fn check_compatible(
    input: &super::pie_read::CairoPie,
    run: &RunOutput,
    program: &Program,
) -> Result<(), String> {
    let files = pie_files(run, program, false)?;
    let parse = |name: &str| -> serde_json::Value {
        files
            .iter()
            .find(|(n, _)| *n == name)
            .and_then(|(_, d)| serde_json::from_slice(&super::pie_read::quote_big_integers(d)).ok())
            .unwrap_or(serde_json::Value::Null)
    };
    let mut diff = vec!["CairoPie diff:".to_string()];
    if parse("metadata.json") != input.metadata {
        diff.push(" * metadata mismatch.".into());
    }
    let ours: BTreeSet<(Relocatable, [u8; 32])> = (0..run.vm.memory.num_segments() as i64)
        .flat_map(|s| {
            run.vm.memory.segment_values(s).map(move |(o, v)| (Relocatable::new(s, o), value_bytes(&v)))
        })
        .collect();
    let theirs: BTreeSet<(Relocatable, [u8; 32])> =
        input.memory.iter().map(|(a, v)| (*a, value_bytes(v))).collect();
    if ours != theirs {
        diff.push(" * memory mismatch.".into());
    }
    let strip = |v: &serde_json::Value| {
        let mut v = v.clone();
        if let Some(m) = v.as_object_mut() {
            m.remove("pedersen_builtin");
        }
        v
    };
    let (a, b) = (strip(&input.additional_data), strip(&parse("additional_data.json")));
    if a != b {
        diff.push(" * additional_data mismatch:".into());
        let mut keys: BTreeSet<String> = BTreeSet::new();
        for m in [a.as_object(), b.as_object()].into_iter().flatten() {
            keys.extend(m.keys().cloned());
        }
        for k in keys {
            if a.get(&k) != b.get(&k) {
                diff.push(format!("   * {k} mismatch."));
            }
        }
    }
    let mut res = parse("execution_resources.json");
    let holes = input.execution_resources.get("n_memory_holes").cloned().unwrap_or(serde_json::json!(0));
    if let Some(m) = res.as_object_mut() {
        m.insert("n_memory_holes".into(), holes);
    }
    let mut theirs_res = input.execution_resources.clone();
    if let Some(m) = theirs_res.as_object_mut() {
        m.entry("n_memory_holes").or_insert(serde_json::json!(0));
    }
    if res != theirs_res {
        let order: Vec<String> = run.builtins().iter().map(|b| format!("{}_builtin", b.kind)).collect();
        diff.push(format!(
            " * execution_resources mismatch: {} != {}.",
            py_resources(&theirs_res, &order),
            py_resources(&res, &order)
        ));
    }
    if diff.len() == 1 {
        return Ok(());
    }
    Err(format!(
        "The Cairo PIE input is not identical to the resulting Cairo PIE. This may indicate that the Cairo PIE was not generated by cairo_run.\n{}",
        diff.join("\n")
    ))
}

/// Python's repr of an `ExecutionResourcesStone` (counter keys in runner order first).
fn py_resources(v: &serde_json::Value, order: &[String]) -> String {
    let counter = v.get("builtin_instance_counter").and_then(|c| c.as_object());
    let mut keys: Vec<String> =
        order.iter().filter(|k| counter.is_some_and(|c| c.contains_key(*k))).cloned().collect();
    if let Some(c) = counter {
        keys.extend(c.keys().filter(|k| !order.contains(k)).cloned());
    }
    let items: Vec<String> = keys
        .iter()
        .map(|k| {
            format!("'{k}': {}", counter.and_then(|c| c.get(k)).map(|x| x.to_string()).unwrap_or_default())
        })
        .collect();
    let field = |k: &str| v.get(k).map(|x| x.to_string()).unwrap_or_else(|| "None".into());
    format!(
        "ExecutionResourcesStone(builtin_instance_counter={{{}}}, n_memory_holes={}, n_steps={})",
        items.join(", "),
        field("n_memory_holes"),
        field("n_steps")
    )
}
