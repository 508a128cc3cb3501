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
