//! The loader never panics: truncated inputs, random byte flips, hostile values.

use super::super::{Program, ProgramError};
use super::{ERR_LOCAL_JSON, ERR_PARENT_JSON, IDS_JSON};

/// A small deterministic generator (xorshift64*), to avoid depending on `rand` here.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

fn load(bytes: &[u8]) -> Result<Program, ProgramError> {
    let out = std::panic::catch_unwind(|| Program::from_json_bytes(bytes));
    match out {
        Ok(r) => r,
        Err(_) => panic!("panic while loading {:?}", String::from_utf8_lossy(&bytes[..bytes.len().min(200)])),
    }
}

#[test]
fn truncated_prefixes_never_panic() {
    for json in [ERR_PARENT_JSON, ERR_LOCAL_JSON] {
        let end = json.iter().rposition(|&b| b == b'}').unwrap();
        let json = &json[..=end];
        let step = (json.len() / 400).max(1);
        let mut cut = 0;
        while cut < json.len() {
            let e = load(&json[..cut]).expect_err("a strict prefix is not a program");
            assert!(matches!(e, ProgramError::Json(_)), "{e}");
            cut += step;
        }
        // Every prefix near the end and the start.
        for cut in (json.len().saturating_sub(50)..json.len()).chain(0..50) {
            assert!(load(&json[..cut]).is_err());
        }
        assert!(load(json).is_ok());
    }
}

#[test]
fn random_byte_flips_never_panic() {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    const INTERESTING: &[u8] = b"{}[]\",:0123456789-xe.ntf\\ (*";
    for json in [ERR_PARENT_JSON, IDS_JSON] {
        for _ in 0..150 {
            let mut bytes = json.to_vec();
            for _ in 0..=rng.below(4) {
                let i = rng.below(bytes.len());
                bytes[i] = if rng.below(2) == 0 {
                    INTERESTING[rng.below(INTERESTING.len())]
                } else {
                    rng.next() as u8
                };
            }
            let _ = load(&bytes);
        }
    }
}

#[test]
fn mutated_values_never_panic() {
    // Replace string and number values of the program, one at a time, by hostile ones.
    let base: serde_json::Value = serde_json::from_slice(ERR_PARENT_JSON).unwrap();
    let hostile: Vec<serde_json::Value> = vec![
        serde_json::json!(-1),
        serde_json::json!(u64::MAX),
        serde_json::json!("99999999999999999999999999999999999999999999999999999999999999999999999999999999"),
        serde_json::json!(""),
        serde_json::json!("."),
        serde_json::json!("[[[[[[[[[[[[[[[[[[[[[[[[["),
        serde_json::json!("cast(fp, felt*****************************************************************)"),
        serde_json::json!(null),
        serde_json::json!([]),
        serde_json::json!({}),
        serde_json::json!(1.5),
    ];
    let mut paths = Vec::new();
    collect_leaves(&base, &mut Vec::new(), &mut paths);
    let mut rng = Rng(12345);
    for _ in 0..400 {
        let path = &paths[rng.below(paths.len())];
        let mut j = base.clone();
        let mut cur = &mut j;
        for k in path {
            cur = match k {
                Key::Obj(s) => &mut cur[s.as_str()],
                Key::Arr(i) => &mut cur[*i],
            };
        }
        *cur = hostile[rng.below(hostile.len())].clone();
        let _ = load(serde_json::to_string(&j).unwrap().as_bytes());
    }
}

enum Key {
    Obj(String),
    Arr(usize),
}

fn collect_leaves(v: &serde_json::Value, prefix: &mut Vec<Key>, out: &mut Vec<Vec<Key>>) {
    let snapshot = |p: &Vec<Key>| {
        p.iter()
            .map(|k| match k {
                Key::Obj(s) => Key::Obj(s.clone()),
                Key::Arr(i) => Key::Arr(*i),
            })
            .collect::<Vec<_>>()
    };
    match v {
        serde_json::Value::Object(m) => {
            for (k, child) in m {
                prefix.push(Key::Obj(k.clone()));
                out.push(snapshot(prefix));
                collect_leaves(child, prefix, out);
                prefix.pop();
            }
        }
        serde_json::Value::Array(a) => {
            for (i, child) in a.iter().enumerate() {
                prefix.push(Key::Arr(i));
                out.push(snapshot(prefix));
                collect_leaves(child, prefix, out);
                prefix.pop();
            }
        }
        _ => {}
    }
}

#[test]
fn deep_json_nesting_is_an_error() {
    let mut s = String::from("{\"prime\": \"0x800000000000011000000000000000000000000000000000000000000000001\", \"data\": [], \"debug_info\": {\"instruction_locations\": {\"0\": {\"inst\": ");
    for _ in 0..5000 {
        s.push_str("{\"start_line\": 1, \"start_col\": 1, \"end_line\": 1, \"end_col\": 1, \"input_file\": {}, \"parent_location\": [");
    }
    assert!(load(s.as_bytes()).is_err());
}

#[test]
fn quoting_big_integers_keeps_strings_and_floats() {
    use super::super::raw::quote_big_integers;
    assert_eq!(quote_big_integers(b"{\"a\": 12}"), None);
    let q = quote_big_integers(b"[1234567890123456789, \"1234567890123456789\\\"\", -12345678901234567890, 1.12345678901234567890, 1e1234567890123456789]").unwrap();
    assert_eq!(
        String::from_utf8(q).unwrap(),
        "[\"1234567890123456789\", \"1234567890123456789\\\"\", \"-12345678901234567890\", 1.12345678901234567890, 1e1234567890123456789]"
    );
    // Unterminated strings and stray bytes are passed through.
    assert_eq!(quote_big_integers(b"\"abc\\"), None);
    assert_eq!(
        quote_big_integers(b"- 1234567890123456789012").unwrap(),
        b"- \"1234567890123456789012\"".to_vec()
    );
}
