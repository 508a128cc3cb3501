//! Every program of the repository's corpus loads, and every reference name of every hint
//! resolves without panicking.
//!
//! With `CAIRO_JIT_IDS_DUMP_PROGRAMS="a.json b.json"` and `CAIRO_JIT_IDS_DUMP_OUT=out.txt`, the
//! test also writes, for each hint and each reference name (and one level of struct members),
//! what `ids.<name>` resolves to under a synthetic memory (`memory[s:o] = (s+1):(o+1)`,
//! ap = 1:1000, fp = 1:500), in the format of a cairo-lang script that does the same with
//! `VmConsts`, so the two outputs can be diffed.

use super::super::{IdsValue, MemoryView, Program};
use crate::vm::value::{Relocatable, Value};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

struct Synthetic;

impl MemoryView for Synthetic {
    fn ap(&self) -> Relocatable {
        Relocatable::new(1, 1000)
    }
    fn fp(&self) -> Relocatable {
        Relocatable::new(1, 500)
    }
    fn get(&self, a: Relocatable) -> Option<Value> {
        Some(Value::Ptr(Relocatable::new(a.segment + 1, a.offset + 1)))
    }
}

fn fmt(v: &IdsValue) -> String {
    match v {
        IdsValue::Value(v) => format!("V:{v}"),
        IdsValue::StructRef { def, address } => format!("S:{}@{address}", def.full_name),
        IdsValue::StructDef(d) => format!("D:{}", d.full_name),
        IdsValue::Scope { .. } => "C".into(),
    }
}

/// The lines `<file> <pc> <index> <path> => <result>` for one program.
fn dump(name: &str, prog: &Program, out: &mut String) {
    for (pc, hints) in prog.hints() {
        for (idx, hint) in hints.iter().enumerate() {
            let ids = prog.ids(hint, &Synthetic);
            let mut names: Vec<&str> =
                hint.flow_tracking_data.reference_ids.keys().filter_map(|n| n.rsplit('.').next()).collect();
            names.sort_unstable();
            names.dedup();
            for n in names.into_iter().filter(|n| !n.starts_with("__")) {
                let res = ids.resolve(n);
                let shown = res.as_ref().map(fmt).unwrap_or_else(|_| "ERR".into());
                let _ = writeln!(out, "{name} {pc} {idx} {n} => {shown}");
                // Exercise the other entry points too (they must not panic).
                let _ = (ids.get_addr(n), ids.set_target(n), ids.get_value(&format!("{n}.address_")));
                if let Ok(IdsValue::StructRef { def, .. }) = &res {
                    for m in def.members.keys() {
                        let p = format!("{n}.{m}");
                        let shown = ids.resolve(&p).as_ref().map(fmt).unwrap_or_else(|_| "ERR".into());
                        let _ = writeln!(out, "{name} {pc} {idx} {p} => {shown}");
                        let _ = (ids.get_addr(&p), ids.set_target(&p));
                    }
                }
            }
        }
    }
}

fn corpus_dirs() -> Vec<PathBuf> {
    // file!() is relative to the package root in the main crate (the test's working
    // directory) and absolute in a crate that includes this module by path.
    let root = Path::new(file!()).ancestors().nth(4).map(Path::to_path_buf).unwrap_or_default();
    ["tests/programs", "benches/programs", "examples"].iter().map(|d| root.join(d)).collect()
}

#[test]
fn corpus_loads_and_every_hint_name_resolves() {
    let mut files: Vec<PathBuf> = Vec::new();
    for dir in corpus_dirs() {
        let Ok(entries) = std::fs::read_dir(&dir) else { continue };
        for e in entries.flatten() {
            let p = e.path();
            let name = p.file_name().and_then(|n| n.to_str()).unwrap_or_default();
            if name.ends_with(".json") && !name.ends_with(".golden.json") && name != "manifest.json" {
                files.push(p);
            }
        }
    }
    files.sort();
    let mut out = String::new();
    for f in &files {
        let prog = Program::from_file(f).unwrap_or_else(|e| panic!("{}: {e}", f.display()));
        dump("", &prog, &mut out);
    }
    let (Ok(list), Ok(dest)) =
        (std::env::var("CAIRO_JIT_IDS_DUMP_PROGRAMS"), std::env::var("CAIRO_JIT_IDS_DUMP_OUT"))
    else {
        return;
    };
    let mut out = String::new();
    for f in list.split_whitespace() {
        let prog = Program::from_file(Path::new(f)).unwrap_or_else(|e| panic!("{f}: {e}"));
        dump(f.rsplit('/').next().unwrap_or(f), &prog, &mut out);
    }
    std::fs::write(dest, out).expect("write the dump");
}
