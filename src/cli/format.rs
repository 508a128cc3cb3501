//! Which kind of program file `run` was given, without building the whole JSON in memory.
//!
//! `load_any` asks only when the one-pass load
//! ([`crate::program::Program::from_json_bytes_if_cairo_zero`]) did not answer: a Cairo Zero
//! program, the common case, is then read once instead of twice.
//!
//! [`program_format::detect_format`] decides from the document's top-level keys and the keys of its
//! `program` object, but reads them by parsing the whole file into a `serde_json::Value`: for
//! a 17 MiB Cairo Zero program that is some 40 MiB of maps and strings, freed before the
//! program is loaded, yet the run's peak memory (issue #7). [`detect_format`] hands it an
//! *outline* of the document instead: the same objects down to the second level, every other
//! value `null`, read in one streaming pass that keeps nothing but those keys. Only when the
//! outline is not Cairo Zero (a Cairo 1 file, small, which its loader parses whole anyway) is
//! the real document passed, so the answer is always [`program_format::detect_format`]'s:
//!
//! * the outline pass is at least as lenient as parsing a `Value` (it parses what it keeps the
//!   way `Value` does and skips the rest with `IgnoredAny`), so when it fails, so does the
//!   `Value`, and [`program_format::detect_format`] answers Cairo Zero;
//! * when it succeeds, the outline has the document's keys at both levels (a repeated key
//!   keeps its last value, as in a `Value`), so Cairo Zero for the outline is Cairo Zero for
//!   the document, whether or not the document would parse as a `Value`.

use crate::program::format::{self as program_format, InputFormat};
use serde::de::{self, Deserialize, DeserializeSeed, Deserializer, IgnoredAny, Visitor};
use serde_json::{Map, Value};
use std::fmt;
use std::path::Path;

/// [`program_format::detect_format`]'s answer, without parsing a Cairo Zero program into a `Value` (see
/// the module docs).
pub(super) fn detect_format(path: &Path, bytes: &[u8]) -> InputFormat {
    let outline = outline(bytes).unwrap_or(Value::Null);
    // Serialising a `Value` of strings, maps and nulls cannot fail.
    let outline = serde_json::to_vec(&outline).unwrap_or_default();
    match program_format::detect_format(path, &outline) {
        InputFormat::CairoZero => InputFormat::CairoZero,
        _ => program_format::detect_format(path, bytes),
    }
}

/// How many levels of objects an outline keeps.
const OUTLINE_LEVELS: u8 = 2;

/// The JSON document `bytes` with its objects down to [`OUTLINE_LEVELS`] and every other value
/// `null`; `None` when it is not JSON.
fn outline(bytes: &[u8]) -> Option<Value> {
    let mut d = serde_json::Deserializer::from_slice(bytes);
    let v = Outline { levels: OUTLINE_LEVELS }.deserialize(&mut d).ok()?;
    d.end().ok()?;
    Some(v)
}

/// The `Number` token through which serde_json's `arbitrary_precision` feature (on in builds
/// with the cairo-vm crate) passes every number to `deserialize_any`, as a one-entry map.
const NUMBER_TOKEN: &str = "$serde_json::private::Number";

/// Reads a value as its outline, keeping objects for `levels` more levels.
#[derive(Clone, Copy)]
struct Outline {
    levels: u8,
}

impl<'de> DeserializeSeed<'de> for Outline {
    type Value = Value;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        if self.levels == 0 {
            IgnoredAny::deserialize(d)?;
            return Ok(Value::Null);
        }
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Outline {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_i64<E: de::Error>(self, _: i64) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_u64<E: de::Error>(self, _: u64) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_f64<E: de::Error>(self, _: f64) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_str<E: de::Error>(self, _: &str) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_unit<E: de::Error>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(Value::Null)
    }

    fn visit_map<A: de::MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut out = Map::new();
        let inner = Outline { levels: self.levels - 1 };
        let mut first = true;
        while let Some(key) = map.next_key::<String>()? {
            if first && key == NUMBER_TOKEN {
                // A number under `arbitrary_precision`, not an object.
                map.next_value::<IgnoredAny>()?;
                return Ok(Value::Null);
            }
            first = false;
            let value = map.next_value_seed(inner)?;
            out.insert(key, value);
        }
        Ok(Value::Object(out))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every program file of the repository and hand-written edge cases: the answer is
    /// `program_format::detect_format`'s.
    #[test]
    fn detect_format_answers_as_cairo1_detect_format() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut files = Vec::new();
        for dir in ["benches/programs", "benches/programs/cairo1", "tests/data", "tests/programs/cairo1"] {
            for e in std::fs::read_dir(root.join(dir)).expect("fixture directory") {
                let p = e.expect("directory entry").path();
                if p.extension().is_some_and(|x| x == "json" || x == "sierra") {
                    files.push((p.clone(), std::fs::read(&p).expect("fixture")));
                }
            }
        }
        assert!(files.len() > 20, "fixtures found: {}", files.len());
        let json = Path::new("x.json");
        let cases: &[&str] = &[
            "",
            "{",
            "null",
            "[]",
            "12",
            "\"s\"",
            "{}",
            r#"{"prime": "0x1", "data": []}"#,
            r#"{"type_declarations": 3}"#,
            r#"{"statements": []} x"#,
            r#"{"program": {"statements": 1}}"#,
            r#"{"program": [{"statements": 1}]}"#,
            r#"{"program": {"bytecode": ["0x1"]}, "entrypoints": []}"#,
            r#"{"program": {"bytecode": 1}}"#,
            r#"{"entrypoints": [], "program": 5}"#,
            r#"{"entrypoints": [], "program": {"bytecode": 1}, "program": {}}"#,
            r#"{"entrypoints": [], "program": {}, "program": {"bytecode": 1}}"#,
            r#"{"entrypoints": [], "program": {"a": {"bytecode": 1}}}"#,
            r#"{"statements": [], "x": 1e400}"#,
            r#"{"statements": [], "x": [[[[1]]]] }"#,
            r#"{"$serde_json::private::Number": "1", "statements": []}"#,
            r#"{"program": {"$serde_json::private::Number": "1", "statements": []}}"#,
            r#"{"statements": [], "x": "\ud800"}"#,
            r#"{"statements": [], "x": "\q"}"#,
        ];
        let mut deep = "[".repeat(200);
        deep.push_str(r#"{"statements": []}"#);
        deep.push_str(&"]".repeat(200));
        let deep_key = format!(r#"{{"statements": [], "x": {}{}}}"#, "[".repeat(200), "]".repeat(200));
        for c in cases.iter().copied().chain([deep.as_str(), deep_key.as_str()]) {
            files.push((json.to_path_buf(), c.as_bytes().to_vec()));
        }
        // Invalid UTF-8 inside a skipped string, and in a key.
        files.push((json.to_path_buf(), b"{\"statements\": [], \"x\": \"\xff\"}".to_vec()));
        files.push((json.to_path_buf(), b"{\"statements\": [], \"\xff\": 1}".to_vec()));
        for name in ["x.cairo", "x.sierra"] {
            files.push((Path::new(name).to_path_buf(), b"{".to_vec()));
        }
        let mut kinds = std::collections::BTreeSet::new();
        for (path, bytes) in &files {
            let want = program_format::detect_format(path, bytes);
            assert_eq!(
                detect_format(path, bytes),
                want,
                "{} {:?}",
                path.display(),
                String::from_utf8_lossy(bytes)
            );
            kinds.insert(format!("{want:?}"));
        }
        // The cases reach every answer.
        assert_eq!(kinds.len(), 5, "{kinds:?}");
    }

    /// `Program::from_json_bytes_if_cairo_zero` (the CLI's one-pass load) answers only for
    /// files the format detection takes for Cairo Zero, and does answer for the Cairo Zero
    /// programs of the repository; a key of a Cairo 1 format, whatever its value, sends a
    /// program to the detection.
    #[test]
    fn one_pass_load_only_for_what_detection_calls_cairo_zero() {
        use crate::program::Program;
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut loaded = 0;
        for dir in [
            "benches/programs",
            "benches/programs/cairo1",
            "tests/data",
            "tests/programs",
            "tests/programs/cairo1",
        ] {
            for e in std::fs::read_dir(root.join(dir)).expect("fixture directory") {
                let p = e.expect("directory entry").path();
                if p.extension().is_none_or(|x| x != "json") || p.to_string_lossy().ends_with(".golden.json")
                {
                    continue;
                }
                let bytes = std::fs::read(&p).expect("fixture");
                if Program::from_json_bytes_if_cairo_zero(&bytes).is_some() {
                    assert_eq!(
                        program_format::detect_format(&p, &bytes),
                        InputFormat::CairoZero,
                        "{}",
                        p.display()
                    );
                    loaded += 1;
                } else {
                    // Not loaded in one pass: a Cairo 1 file, or one that does not load at all.
                    assert!(
                        program_format::detect_format(&p, &bytes) != InputFormat::CairoZero
                            || Program::from_json_bytes(&bytes).is_err(),
                        "{}",
                        p.display()
                    );
                }
            }
        }
        assert!(loaded > 50, "Cairo Zero programs loaded in one pass: {loaded}");
        let fib = std::fs::read_to_string(root.join("examples/fib.json")).expect("example");
        assert!(Program::from_json_bytes_if_cairo_zero(fib.as_bytes()).is_some());
        let body = fib.trim_start().strip_prefix('{').expect("an object");
        for key in ["entrypoints", "program", "type_declarations", "libfunc_declarations", "statements"] {
            for value in ["null", "{}", "[]", r#"{"bytecode": []}"#] {
                let doc = format!(r#"{{"{key}": {value}, {body}"#);
                assert!(Program::from_json_bytes_if_cairo_zero(doc.as_bytes()).is_none(), "{key}: {value}");
            }
        }
        for bad in ["", "{", "[]", r#"{"prime": "0x1"}"#] {
            assert!(Program::from_json_bytes_if_cairo_zero(bad.as_bytes()).is_none(), "{bad}");
        }
    }

    /// The outline of a Cairo Zero program keeps its keys, not its contents.
    #[test]
    fn outline_keeps_two_levels_of_keys() {
        let bytes =
            std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("benches/programs/fib_loop.json"))
                .expect("fixture");
        let o = outline(&bytes).expect("valid JSON");
        let top = o.as_object().expect("an object");
        assert!(top.contains_key("data") && top.contains_key("prime"), "{:?}", top.keys());
        assert_eq!(top["data"], Value::Null);
        let ids = top["identifiers"].as_object().expect("identifiers outline");
        assert!(ids.contains_key("__main__.main"));
        assert!(ids.values().all(Value::is_null));
        assert!(serde_json::to_vec(&o).expect("serialises").len() < bytes.len() / 2);
        assert_eq!(
            outline(br#"{"a": {"b": {"c": 1}}, "n": 7}"#),
            Some(serde_json::json!({"a": {"b": null}, "n": null}))
        );
        assert_eq!(outline(b"{} x"), None);
    }

    /// Detecting a big Cairo Zero program's format holds next to nothing beyond the input
    /// (a `serde_json::Value` of keccak_loop.json is over twice its 17 MiB).
    #[test]
    fn detecting_the_format_holds_little() {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("benches/programs/keccak_loop.json");
        let bytes = std::fs::read(&path).expect("bench program");
        let (format, peak) = crate::program::tests::heap::heap_peak(|| detect_format(&path, &bytes));
        assert_eq!(format, InputFormat::CairoZero);
        assert!(peak < 1 << 20, "peak heap {peak} bytes");
    }
}
