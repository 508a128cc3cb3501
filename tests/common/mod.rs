//! Shared test helpers: fixture discovery and the golden file format written by
//! `tests/programs/regen.py`.

use serde::Deserialize;
use std::path::{Path, PathBuf};

/// A golden result produced by cairo-run.
#[derive(Deserialize, Debug)]
#[allow(dead_code)]
pub struct Golden {
    pub program: String,
    pub flags: Vec<String>,
    pub exit_code: i32,
    pub steps: Option<u64>,
    pub trace_sha256: Option<String>,
    pub memory_sha256: Option<String>,
    pub memory_cells: Option<u64>,
    pub stdout: String,
    pub stderr: String,
    #[serde(default)]
    pub custom_hint: bool,
    /// Hints registered by tests/builtins.rs (not yet in the default registry, or custom).
    #[serde(default)]
    pub test_hints: bool,
    /// sha256 of each Cairo PIE file (memory.bin: records sorted by address).
    #[serde(default)]
    pub cairo_pie: Option<std::collections::BTreeMap<String, String>>,
    /// sha256 of the AIR public input (proof mode).
    #[serde(default)]
    pub air_public_input_sha256: Option<String>,
    /// sha256 of the AIR private input, parsed, without paths, keys sorted, compact.
    #[serde(default)]
    pub air_private_input_sha256: Option<String>,
}

/// Python's `json.dumps(v, sort_keys=True, separators=(",", ":"))` for ASCII data.
pub fn canonical_json(v: &serde_json::Value) -> String {
    match v {
        serde_json::Value::Object(m) => {
            let mut keys: Vec<&String> = m.keys().collect();
            keys.sort();
            let items: Vec<String> = keys
                .iter()
                .map(|k| format!("{}:{}", serde_json::Value::String((*k).clone()), canonical_json(&m[*k])))
                .collect();
            format!("{{{}}}", items.join(","))
        }
        serde_json::Value::Array(a) => {
            format!("[{}]", a.iter().map(canonical_json).collect::<Vec<_>>().join(","))
        }
        other => other.to_string(),
    }
}

/// The digest regen.py records for an AIR private input.
pub fn private_input_digest(text: &str) -> String {
    let mut v: serde_json::Value = serde_json::from_str(text).expect("private input is JSON");
    if let Some(m) = v.as_object_mut() {
        m.remove("trace_path");
        m.remove("memory_path");
    }
    sha256_hex(canonical_json(&v).as_bytes())
}

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Every `*.golden.json` under the given directories (relative to the repo root), sorted.
pub fn goldens(dirs: &[&str]) -> Vec<(PathBuf, Golden)> {
    let mut out = Vec::new();
    for d in dirs {
        let dir = root().join(d);
        let Ok(rd) = std::fs::read_dir(&dir) else { continue };
        for e in rd.flatten() {
            let p = e.path();
            if p.to_string_lossy().ends_with(".golden.json") {
                let g: Golden = serde_json::from_slice(&std::fs::read(&p).unwrap())
                    .unwrap_or_else(|e| panic!("{}: {e}", p.display()));
                out.push((p, g));
            }
        }
    }
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

/// The program a golden file refers to.
pub fn program_path(golden_path: &Path, g: &Golden) -> PathBuf {
    golden_path.parent().unwrap().join(&g.program)
}

pub fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    let d = Sha256::digest(bytes);
    d.iter().map(|b| format!("{b:02x}")).collect()
}

/// The sha256 of a memory file's 40-byte records sorted by address.
pub fn memory_digest(bytes: &[u8]) -> (String, u64) {
    let mut recs: Vec<&[u8]> = bytes.chunks(40).collect();
    recs.sort_by_key(|r| u64::from_le_bytes(r[..8].try_into().unwrap()));
    (sha256_hex(&recs.concat()), recs.len() as u64)
}

/// The value of `--flag` in a golden's flags.
pub fn flag<'a>(g: &'a Golden, name: &str) -> Option<&'a str> {
    g.flags.iter().position(|f| f == name).and_then(|i| g.flags.get(i + 1)).map(|s| s.as_str())
}

/// The digests regen.py records for a Cairo PIE zip.
pub fn pie_digests(zip_bytes: &[u8]) -> std::collections::BTreeMap<String, String> {
    use std::io::Read;
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(zip_bytes)).expect("a zip");
    let mut out = std::collections::BTreeMap::new();
    for i in 0..z.len() {
        let mut f = z.by_index(i).unwrap();
        let mut data = Vec::new();
        f.read_to_end(&mut data).unwrap();
        let d = if f.name() == "memory.bin" { memory_digest(&data).0 } else { sha256_hex(&data) };
        out.insert(f.name().to_string(), d);
    }
    out
}

/// The same digests for files held in memory.
pub fn pie_file_digests(files: &[(&str, Vec<u8>)]) -> std::collections::BTreeMap<String, String> {
    files
        .iter()
        .map(|(n, d)| (n.to_string(), if *n == "memory.bin" { memory_digest(d).0 } else { sha256_hex(d) }))
        .collect()
}

/// A relocated cairo-vm run as files: the trace bytes (ap, fp, pc as u64 LE per step) and the
/// memory as address -> 32-byte little-endian value.
pub fn cairo_vm_files(
    runner: &cairo_vm::vm::runners::cairo_runner::CairoRunner,
) -> (Vec<u8>, std::collections::BTreeMap<u64, [u8; 32]>) {
    let mut trace = Vec::new();
    for e in runner.relocated_trace.as_ref().expect("trace enabled") {
        for v in [e.ap, e.fp, e.pc] {
            trace.extend_from_slice(&(v as u64).to_le_bytes());
        }
    }
    let mut mem = std::collections::BTreeMap::new();
    for (addr, v) in runner.relocated_memory.iter().enumerate() {
        if let Some(f) = v {
            mem.insert(addr as u64, f.to_bytes_le());
        }
    }
    (trace, mem)
}
