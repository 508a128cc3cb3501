//! The fast paths of the loader: raw identifier objects, big constants without serde_json's
//! `arbitrary_precision`, debug-info flow-tracking data (checked, not kept), shared reference
//! names, data words.

use super::super::raw::{integer_after_key, BigIntLit};
use super::super::{infer_type, parse_expr, Identifier, Identifiers, Program, ProgramError, ReferenceIds};
use super::loader::{ids_json, load_value};
use super::{ERR_ATTR_JSON, IDS_JSON};
use serde::de::value::{Error as ValueError, F64Deserializer};
use serde::de::IntoDeserializer;
use serde::Deserialize;
use starknet_types_core::felt::Felt;

#[test]
fn big_integers_arriving_as_floats_are_read_from_the_text() {
    // Without `arbitrary_precision`, serde_json hands integers beyond 64 bits over as f64.
    let d: F64Deserializer<ValueError> = 2f64.powi(128).into_deserializer();
    assert!(matches!(BigIntLit::deserialize(d), Ok(BigIntLit::Lossy)));
    let d: F64Deserializer<ValueError> = 1.5f64.into_deserializer();
    assert!(BigIntLit::deserialize(d).is_err());
    let text = br#"{"type": "const", "value" :  -340282366920938463463374607431768211456}"#;
    let key = text.windows(5).position(|w| w == b"value").unwrap();
    let addr = text.as_ptr() as usize + key;
    assert_eq!(
        integer_after_key(text, addr).map(|v| v.to_string()).as_deref(),
        Some("-340282366920938463463374607431768211456")
    );
    for bad in [&br#"{"value": 1e40}"#[..], br#"{"value": 1.0}"#, br#"{"value": "x"}"#, br#"{"value": -}"#] {
        let addr = bad.as_ptr() as usize + 2;
        assert_eq!(integer_after_key(bad, addr), None, "{}", String::from_utf8_lossy(bad));
    }
    assert_eq!(integer_after_key(b"abc", 1), None);
}

#[test]
fn identifier_objects_keep_serde_errors() {
    let mut j = ids_json();
    j["identifiers"]["__main__.main"] = serde_json::json!({"decorators": []});
    let e = load_value(&j).unwrap_err();
    assert!(matches!(&e, ProgramError::Json(m) if m.contains("missing field `type`")), "{e}");
    j["identifiers"]["__main__.main"] = serde_json::json!({"type": "function"});
    let e = load_value(&j).unwrap_err();
    assert!(matches!(&e, ProgramError::Json(m) if m.contains("missing field `pc`")), "{e}");
    j["identifiers"]["__main__.main"] = serde_json::json!({"type": "const", "value": {"a": 1}});
    assert!(matches!(load_value(&j), Err(ProgramError::Json(_))));
    // Unknown fields are skipped, as before.
    j["identifiers"]["__main__.main"] = serde_json::json!({"type": "label", "pc": 3, "extra": [{"x": null}]});
    let p = load_value(&j).unwrap();
    assert_eq!(p.identifiers().get_by_full_name("__main__.main"), Some(&Identifier::Label { pc: 3 }));
}

#[test]
fn debug_info_flow_tracking_data_is_checked() {
    let mut j: serde_json::Value = serde_json::from_slice(ERR_ATTR_JSON).unwrap();
    let locs = j["debug_info"]["instruction_locations"].as_object_mut().unwrap();
    let (pc, loc) = locs
        .iter_mut()
        .find(|(_, l)| !l["flow_tracking_data"]["reference_ids"].as_object().unwrap().is_empty())
        .unwrap();
    let pc = pc.clone();
    loc["flow_tracking_data"]["reference_ids"]["__main__.bogus"] = 100000.into();
    let e = load_value(&j).unwrap_err();
    let msg = e.to_string();
    assert!(matches!(e, ProgramError::UnknownReferenceId { id: 100000, .. }), "{msg}");
    assert!(msg.contains(&format!("debug_info at pc {pc}")) && msg.contains("__main__.bogus"), "{msg}");
    let locs = j["debug_info"]["instruction_locations"].as_object_mut().unwrap();
    locs[&pc]["flow_tracking_data"] = serde_json::json!({"reference_ids": {}});
    let e = load_value(&j).unwrap_err();
    assert!(matches!(&e, ProgramError::Json(m) if m.contains("missing field `ap_tracking`")), "{e}");
}

#[test]
fn reference_ids_are_sorted_and_keep_the_last_duplicate() {
    let ids = ReferenceIds::from_pairs([("b", 1), ("a", 2), ("b", 3)]);
    assert_eq!(ids.iter().collect::<Vec<_>>(), [("a", 2), ("b", 3)]);
    assert_eq!(ids.get("b"), Some(3));
    assert_eq!(ids.get("c"), None);
    // Through the JSON (and the interner), with names shared between maps.
    let j: Vec<ReferenceIds> =
        serde_json::from_str(r#"[{"x.b": 1, "x.a": 2, "x.b": 3}, {"x.a": 4, "x.c": 5}]"#).unwrap();
    assert_eq!(j[0], ids_of(&[("x.a", 2), ("x.b", 3)]));
    assert_eq!(j[1], ids_of(&[("x.a", 4), ("x.c", 5)]));
    let prog = Program::from_json_bytes(IDS_JSON).unwrap();
    for hints in prog.hints().values() {
        for h in hints {
            let keys: Vec<&str> = h.flow_tracking_data.reference_ids.keys().collect();
            assert!(keys.windows(2).all(|w| w[0] < w[1]), "{keys:?}");
        }
    }
}

fn ids_of(pairs: &[(&str, usize)]) -> ReferenceIds {
    ReferenceIds::from_pairs(pairs.iter().map(|&(n, id)| (n, id)))
}

#[test]
fn data_words_accept_leading_zeros_and_any_case() {
    let mut j = ids_json();
    j["data"][0] = "0x00000000000000000000000000000000000000000000000000000000000000000000000ABCdef".into();
    let p = load_value(&j).unwrap();
    assert_eq!(p.data()[0], Felt::from(0xabcdef));
    j["data"][0] = "0X800000000000011000000000000000000000000000000000000000000000000".into();
    let p = load_value(&j).unwrap();
    assert_eq!(p.data()[0], -Felt::ONE);
    for bad in ["0x1000000000000000000000000000000000000000000000000000000000000000", "0x-1", "0x 1"] {
        j["data"][0] = bad.into();
        assert!(matches!(load_value(&j), Err(ProgramError::InvalidDataWord { index: 0, .. })), "{bad}");
    }
    j["data"][0] = "0x1".into();
    j["prime"] = "0x0800000000000011000000000000000000000000000000000000000000000001".into();
    assert!(load_value(&j).is_ok());
}

#[test]
fn repeated_reference_texts_parse_once_and_alike() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("benches/programs/keccak_loop.json");
    let p = Program::from_file(&path).unwrap();
    let refs = p.references();
    let distinct: std::collections::BTreeSet<&str> = refs.iter().map(|r| r.text.as_str()).collect();
    assert!(distinct.len() * 2 < refs.len(), "{} of {}", distinct.len(), refs.len());
    for r in refs {
        let expr = parse_expr(&r.text).unwrap();
        assert_eq!(r.expr, expr, "{}", r.text);
        assert_eq!(r.ty, infer_type(&expr), "{}", r.text);
    }
    // A bad text is reported at its first occurrence.
    let mut j = ids_json();
    let n = j["reference_manager"]["references"].as_array().unwrap().len();
    assert!(n >= 3);
    for i in [1, 2] {
        j["reference_manager"]["references"][i]["value"] = "[fp +]".into();
    }
    let e = load_value(&j).unwrap_err();
    assert!(
        matches!(&e, ProgramError::InvalidReference { context, .. } if context == "reference_manager.references[1]"),
        "{e}"
    );
}

#[test]
fn identifiers_in_any_order_keep_the_last_duplicate() {
    let c = |v: i64| Identifier::Const { value: v.into(), felt: Felt::from(v) };
    let ids = Identifiers::new(vec![
        ("b.x".into(), c(1)),
        ("a.y".into(), c(2)),
        ("b.x".into(), c(3)),
        ("".into(), c(4)),
        ("a".into(), c(5)),
    ]);
    let all: Vec<(&str, &Identifier)> = ids.iter().collect();
    assert_eq!(all, [("a", &c(5)), ("a.y", &c(2)), ("b.x", &c(3))]);
    assert_eq!(ids.get_by_full_name("b.x"), Some(&c(3)));
    assert_eq!(ids.get_by_full_name("b"), None);
    assert_eq!(ids.get_by_full_name(""), None);
    let found = ids.search(&["b".to_string()], "x").unwrap();
    assert_eq!(ids.def(found.def), ("b.x", &c(3)));
}
