//! Reading a Cairo PIE zip (`--run_from_cairo_pie`) and cairo-lang's checks of it
//! (`CairoPie.from_file`, `verify_zip_format`, `run_validity_checks`).

use crate::vm::{Relocatable, Value};
use starknet_types_core::felt::Felt;
use std::io::Read;

/// A segment's index and size.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SegmentInfo {
    /// Index.
    pub index: i64,
    /// Size.
    pub size: u64,
}

/// A loaded Cairo PIE.
#[derive(Clone, Debug)]
pub struct CairoPie {
    /// The stripped program's data.
    pub data: Vec<Felt>,
    /// Its builtins.
    pub builtins: Vec<String>,
    /// The pc of main.
    pub main: u64,
    /// Program segment.
    pub program_segment: SegmentInfo,
    /// Execution segment.
    pub execution_segment: SegmentInfo,
    /// Return-fp segment.
    pub ret_fp_segment: SegmentInfo,
    /// Return-pc segment.
    pub ret_pc_segment: SegmentInfo,
    /// Builtin segments by name, in index order.
    pub builtin_segments: Vec<(String, SegmentInfo)>,
    /// The other segments.
    pub extra_segments: Vec<SegmentInfo>,
    /// The memory cells.
    pub memory: Vec<(Relocatable, Value)>,
    /// `additional_data.json`.
    pub additional_data: serde_json::Value,
    /// `execution_resources.json`.
    pub execution_resources: serde_json::Value,
    /// Steps.
    pub n_steps: u64,
    /// `version.json` (default `{"cairo_pie": "1.0"}`).
    pub version: serde_json::Value,
    /// The files as read, for the compatibility check.
    pub metadata: serde_json::Value,
}

/// Why a PIE was refused: an assertion (`Error: ...`) or cairo-run's `CairoRunError` (the
/// validity checks), which it does not catch.
#[derive(Debug)]
pub enum PieError {
    /// An assertion message.
    Assertion(String),
    /// `Security check for the CairoPIE input failed: ...`.
    Validity(String),
}

fn assertion(m: &str) -> PieError {
    PieError::Assertion(m.to_string())
}

const FILES: [&str; 5] =
    ["metadata.json", "memory.bin", "additional_data.json", "execution_resources.json", "version.json"];

fn seg(v: &serde_json::Value) -> Result<SegmentInfo, String> {
    let index = v.get("index").and_then(|x| x.as_i64()).ok_or("Invalid type for segment_info.")?;
    let size = v.get("size").and_then(|x| x.as_i64()).ok_or("Invalid type for segment_info.")?;
    if !(0..1 << 30).contains(&index) {
        return Err("Invalid segment index.".into());
    }
    if !(0..1 << 30).contains(&size) {
        return Err("Invalid segment size.".into());
    }
    Ok(SegmentInfo { index, size: size as u64 })
}

/// JSON text with every integer literal of more than 18 digits quoted, so that serde_json
/// (without `arbitrary_precision`) keeps it exact (as a decimal string).
pub fn quote_big_integers(input: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(input.len() + 64);
    let (mut i, mut in_str) = (0, false);
    while i < input.len() {
        let c = input[i];
        if in_str {
            out.push(c);
            if c == b'\\' && i + 1 < input.len() {
                out.push(input[i + 1]);
                i += 2;
                continue;
            }
            if c == b'"' {
                in_str = false;
            }
            i += 1;
            continue;
        }
        if c == b'"' {
            in_str = true;
            out.push(c);
            i += 1;
            continue;
        }
        if c == b'-' || c.is_ascii_digit() {
            let start = i;
            i += 1;
            while i < input.len() && input[i].is_ascii_digit() {
                i += 1;
            }
            let is_int = !(i < input.len() && matches!(input[i], b'.' | b'e' | b'E'));
            let tok = &input[start..i];
            if is_int && tok.len() > 18 {
                out.push(b'"');
                out.extend_from_slice(tok);
                out.push(b'"');
            } else {
                out.extend_from_slice(tok);
            }
            continue;
        }
        out.push(c);
        i += 1;
    }
    out
}

/// A JSON integer (possibly quoted by [`quote_big_integers`], or a `0x` hex string) as a felt.
pub fn json_felt(v: &serde_json::Value) -> Option<Felt> {
    match v {
        serde_json::Value::Number(n) => Felt::from_dec_str(&n.to_string()).ok(),
        serde_json::Value::String(s) if s.starts_with("0x") => Felt::from_hex(s).ok(),
        serde_json::Value::String(s) => Felt::from_dec_str(s).ok(),
        _ => None,
    }
}

fn decode_value(b: &[u8]) -> Value {
    let mut le = [0u8; 32];
    le.copy_from_slice(b);
    if le[31] & 0x80 != 0 {
        let mut lo = [0u8; 8];
        lo.copy_from_slice(&le[..8]);
        let n = u64::from_le_bytes(lo);
        Value::Ptr(Relocatable::new(((n >> 47) & 0xffff) as i64, n & ((1 << 47) - 1)))
    } else {
        Value::Int(Felt::from_bytes_le(&le))
    }
}

impl CairoPie {
    /// Reads and checks a PIE file.
    pub fn read(bytes: &[u8]) -> Result<CairoPie, PieError> {
        if !bytes.starts_with(b"PK") {
            return Err(assertion("Invalid prefix for zip file."));
        }
        let mut z = zip::ZipArchive::new(std::io::Cursor::new(bytes))
            .map_err(|e| PieError::Assertion(e.to_string()))?;
        let mut files: Vec<(String, Vec<u8>)> = Vec::new();
        for i in 0..z.len() {
            let mut f = z.by_index(i).map_err(|e| PieError::Assertion(e.to_string()))?;
            if f.compression() != zip::CompressionMethod::Deflated {
                return Err(assertion("Invalid compress type."));
            }
            let mut d = Vec::new();
            f.read_to_end(&mut d).map_err(|e| PieError::Assertion(e.to_string()))?;
            files.push((f.name().to_string(), d));
        }
        let mut names: Vec<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
        if !names.contains(&"version.json") {
            names.push("version.json");
        }
        names.sort();
        let mut expected = FILES.to_vec();
        expected.sort();
        if names != expected {
            return Err(assertion("Invalid list of inner files in the CairoPIE zip."));
        }
        let get = |n: &str| files.iter().find(|(f, _)| f == n).map(|(_, d)| d.as_slice());
        let json = |n: &str| -> Result<serde_json::Value, PieError> {
            serde_json::from_slice(&quote_big_integers(get(n).unwrap_or(b"{}")))
                .map_err(|e| PieError::Assertion(e.to_string()))
        };
        let metadata = json("metadata.json")?;
        let additional_data = json("additional_data.json")?;
        let execution_resources = json("execution_resources.json")?;
        let version = match get("version.json") {
            Some(_) => json("version.json")?,
            None => serde_json::json!({"cairo_pie": "1.0"}),
        };
        let mem_bytes = get("memory.bin").unwrap_or(&[]);
        if mem_bytes.len() % 40 != 0 {
            return Err(assertion("Invalid memory.bin size."));
        }
        let mut memory = Vec::with_capacity(mem_bytes.len() / 40);
        let mut bad_addr = false;
        for rec in mem_bytes.chunks(40) {
            let mut a = [0u8; 8];
            a.copy_from_slice(&rec[..8]);
            let n = u64::from_le_bytes(a);
            if n >> 63 == 0 {
                bad_addr = true;
                continue;
            }
            let addr = Relocatable::new(((n >> 47) & 0xffff) as i64, n & ((1 << 47) - 1));
            memory.push((addr, decode_value(&rec[8..])));
        }
        let parse = || -> Result<CairoPie, String> {
            let p = metadata.get("program").ok_or("Invalid metadata.")?;
            let data = p
                .get("data")
                .and_then(|d| d.as_array())
                .ok_or("Invalid program data.")?
                .iter()
                .map(|v| json_felt(v).ok_or_else(|| "Invalid program data.".to_string()))
                .collect::<Result<Vec<Felt>, String>>()?;
            let builtins: Vec<String> = p
                .get("builtins")
                .and_then(|b| b.as_array())
                .ok_or("Invalid builtins.")?
                .iter()
                .map(|b| b.as_str().map(str::to_string).ok_or("Invalid builtins."))
                .collect::<Result<_, _>>()?;
            let main = p.get("main").and_then(|m| m.as_u64()).ok_or("Invalid main.")?;
            let get_seg = |k: &str| seg(metadata.get(k).unwrap_or(&serde_json::Value::Null));
            let mut builtin_segments: Vec<(String, SegmentInfo)> = metadata
                .get("builtin_segments")
                .and_then(|b| b.as_object())
                .ok_or("Invalid builtin_segments.")?
                .iter()
                .map(|(k, v)| Ok((k.clone(), seg(v)?)))
                .collect::<Result<_, String>>()?;
            builtin_segments.sort_by_key(|(_, s)| s.index);
            let extra_segments = metadata
                .get("extra_segments")
                .and_then(|e| e.as_array())
                .ok_or("Invalid type for extra_segments.")?
                .iter()
                .map(seg)
                .collect::<Result<Vec<_>, _>>()?;
            let n_steps = execution_resources.get("n_steps").and_then(|n| n.as_u64()).unwrap_or(0);
            Ok(CairoPie {
                data,
                builtins,
                main,
                program_segment: get_seg("program_segment")?,
                execution_segment: get_seg("execution_segment")?,
                ret_fp_segment: get_seg("ret_fp_segment")?,
                ret_pc_segment: get_seg("ret_pc_segment")?,
                builtin_segments,
                extra_segments,
                memory: Vec::new(),
                additional_data: additional_data.clone(),
                execution_resources: execution_resources.clone(),
                n_steps,
                version: version.clone(),
                metadata: metadata.clone(),
            })
        };
        let mut pie = parse().map_err(PieError::Assertion)?;
        pie.memory = memory;
        let v = pie.version.get("cairo_pie").and_then(|v| v.as_str()).unwrap_or("");
        if !v.starts_with("1.") {
            return Err(assertion("Incompatible Cairo-PIE version."));
        }
        if bad_addr {
            return Err(PieError::Validity("Invalid memory cell address.".into()));
        }
        pie.validity_checks().map_err(PieError::Validity)?;
        Ok(pie)
    }

    /// Every segment: program, execution, ret_fp, ret_pc, builtins, extras.
    pub fn all_segments(&self) -> Vec<SegmentInfo> {
        let mut v =
            vec![self.program_segment, self.execution_segment, self.ret_fp_segment, self.ret_pc_segment];
        v.extend(self.builtin_segments.iter().map(|(_, s)| *s));
        v.extend(self.extra_segments.iter().copied());
        v
    }

    fn size_of(&self, segment: i64) -> Option<u64> {
        self.all_segments().iter().rev().find(|s| s.index == segment).map(|s| s.size)
    }

    /// cairo-lang's `CairoPie.run_validity_checks` (metadata, resources, memory).
    fn validity_checks(&self) -> Result<(), String> {
        for (name, _) in &self.builtin_segments {
            if crate::builtins::BuiltinKind::from_name(name).is_none() {
                return Err("Invalid builtin_segments.".into());
            }
        }
        if self.program_segment.size != self.data.len() as u64 {
            return Err("Program length does not match the program segment size.".into());
        }
        let keys: Vec<String> = self.builtin_segments.iter().map(|(k, _)| k.clone()).collect();
        if self.builtins != keys {
            return Err(format!(
                "Builtin list mismatch in builtin_segments. Builtins: {:?}, segment keys: {:?}.",
                self.builtins, keys
            ));
        }
        if self.ret_fp_segment.size != 0 {
            return Err("Invalid segment size for ret_fp. Must be 0.".into());
        }
        if self.ret_pc_segment.size != 0 {
            return Err("Invalid segment size for ret_pc. Must be 0.".into());
        }
        if self.program_segment.index != 0 {
            return Err("Invalid segment index for program_segment.".into());
        }
        if self.execution_segment.index != 1 {
            return Err("Invalid segment index for execution_segment.".into());
        }
        for (i, (name, s)) in self.builtin_segments.iter().enumerate() {
            if s.index != i as i64 + 2 {
                return Err(format!("Invalid segment index for {name}."));
            }
        }
        let n = self.builtin_segments.len() as i64;
        if self.ret_fp_segment.index != n + 2 {
            return Err(format!("Invalid segment index for ret_fp_segment. {}", self.ret_fp_segment.index));
        }
        if self.ret_pc_segment.index != n + 3 {
            return Err("Invalid segment index for ret_pc_segment.".into());
        }
        for (i, s) in self.extra_segments.iter().enumerate() {
            if s.index != n + 4 + i as i64 {
                return Err("Invalid segment indices for extra_segments.".into());
            }
        }
        if !(1..1 << 30).contains(&self.n_steps) {
            return Err(format!("Invalid n_steps: {}.", self.n_steps));
        }
        for (addr, value) in &self.memory {
            if self.size_of(addr.segment).is_none_or(|s| addr.offset >= s) {
                return Err("Invalid memory cell address.".into());
            }
            if let Value::Ptr(p) = value {
                if self.size_of(p.segment).is_none() {
                    return Err("Invalid memory cell value.".into());
                }
            }
        }
        let mut names: Vec<String> = self.builtins.iter().map(|b| format!("{b}_builtin")).collect();
        names.sort();
        let mut counters: Vec<String> = self
            .execution_resources
            .get("builtin_instance_counter")
            .and_then(|c| c.as_object())
            .map(|m| m.keys().cloned().collect())
            .unwrap_or_default();
        counters.sort();
        if names != counters {
            return Err("Builtin list mismatch in execution_resources.".into());
        }
        if !self.additional_data.is_object() {
            return Err("Invalid additional_data.".into());
        }
        Ok(())
    }

    /// A minimal compiled-program JSON for the stripped program (no hints, no debug info).
    pub fn program_json(&self) -> Vec<u8> {
        serde_json::json!({
            "prime": "0x800000000000011000000000000000000000000000000000000000000000001",
            "data": self.data.iter().map(|f| format!("{:#x}", f.to_biguint())).collect::<Vec<_>>(),
            "builtins": self.builtins,
            "identifiers": {"__main__.main": {"type": "function", "pc": self.main, "decorators": []}},
            "main_scope": "__main__",
        })
        .to_string()
        .into_bytes()
    }
}
