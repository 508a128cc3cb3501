//! Loading: fields, identifiers, validation errors.

use super::super::{CairoType, Identifier, Program, ProgramError};
use super::{ERR_ATTR_JSON, ERR_LOCAL_JSON, IDS_JSON};
use starknet_types_core::felt::Felt;

/// The program as a JSON value (big integers quoted so that they survive the round trip).
pub(super) fn ids_json() -> serde_json::Value {
    serde_json::from_slice(&super::super::raw::quote_big_integers(IDS_JSON).unwrap()).unwrap()
}

pub(super) fn load_value(v: &serde_json::Value) -> Result<Program, ProgramError> {
    Program::from_json_bytes(serde_json::to_string(v).unwrap().as_bytes())
}

#[test]
fn loads_fields() {
    let prog = Program::from_json_bytes(IDS_JSON).unwrap();
    assert_eq!(prog.builtins(), ["output", "range_check"]);
    assert_eq!(prog.main_scope(), "__main__");
    assert_eq!(prog.compiler_version(), Some("0.14.0.1"));
    assert_eq!(prog.data()[1], Felt::from_hex(ids_json()["data"][1].as_str().unwrap()).unwrap());
    assert_eq!(prog.data().len(), ids_json()["data"].as_array().unwrap().len());
    assert!(prog.debug_info().is_none());
    assert_eq!(prog.hints().len(), 7);
    assert_eq!(prog.hints_at(1)[0].code, "memory[ap] = segments.add()");
    assert!(prog.hints_at(2).is_empty());
    let main = prog.main().unwrap();
    assert_eq!(Some(main), prog.entrypoint("main"));
    assert!(
        matches!(prog.identifiers().get_by_full_name("__main__.main"), Some(Identifier::Function { pc, .. }) if *pc == main)
    );
    assert_eq!(prog.start(), None);
    assert_eq!(prog.end(), None);
    assert_eq!(prog.entrypoint("nope"), None);
    // Following an alias: __main__.alloc -> starkware.cairo.common.alloc.alloc.
    let alloc =
        prog.identifiers().get_by_full_name("starkware.cairo.common.alloc.alloc").and_then(|d| d.pc());
    assert!(matches!(prog.identifiers().get_by_full_name("__main__.alloc"), Some(Identifier::Alias { .. })));
    assert_eq!(prog.get_label("alloc").ok(), alloc);
    assert!(prog.get_label("MY_CONST").is_err());
    assert_eq!(prog.get_const("MY_CONST").unwrap(), Felt::from(17));
    assert_eq!(prog.get_const("ns.INNER").unwrap(), Felt::from(3));
}

#[test]
fn big_constants_are_exact() {
    let prog = Program::from_json_bytes(IDS_JSON).unwrap();
    match prog.identifiers().get_by_full_name("__main__.HUGE") {
        Some(Identifier::Const { value, felt }) => {
            assert_eq!(value.to_string(), "1606938044258990275541962092341162602522202993782792835301376");
            assert_eq!(*felt, Felt::TWO.pow(200u32));
        }
        other => panic!("{other:?}"),
    }
    match prog.identifiers().get_by_full_name("__main__.NEG") {
        Some(Identifier::Const { value, felt }) => {
            assert_eq!(value.to_string(), "-5");
            assert_eq!(*felt, -Felt::from(5));
        }
        other => panic!("{other:?}"),
    }
    // A negative constant with more than 18 digits (from the uint256 module's hints).
    let c = prog.identifiers().get_by_full_name("starkware.cairo.common.uint256.SHIFT");
    assert!(matches!(c, Some(Identifier::Const { felt, .. }) if *felt == Felt::TWO.pow(128u32)));
}

#[test]
fn structs_and_types() {
    let prog = Program::from_json_bytes(IDS_JSON).unwrap();
    let seg = prog.struct_def("__main__.Seg").unwrap();
    assert_eq!(seg.size, 4);
    let names: Vec<_> =
        seg.members_by_offset().into_iter().map(|(n, m)| (n, m.offset, m.cairo_type.to_string())).collect();
    assert_eq!(
        names,
        [("a", 0, "__main__.Point".to_string()), ("b", 2, "__main__.Point*".into()), ("n", 3, "felt".into())]
    );
    let args = prog.struct_def("__main__.use_struct.Args").unwrap();
    assert_eq!(args.members["t"].cairo_type.to_string(), "(felt, felt)");
    assert_eq!(
        args.members["pp"].cairo_type,
        CairoType::Struct("__main__.Point".into()).pointer_to().pointer_to()
    );
    assert_eq!(prog.identifiers().type_size(&args.members["t"].cairo_type), Ok(2));
    assert_eq!(prog.identifiers().type_size(&args.members["s"].cairo_type), Ok(4));
    // Uint256 through the alias is not a struct by full name (no alias resolution), as in
    // cairo-lang's get_struct_definition.
    assert!(prog.struct_def("__main__.Uint256").is_none());
    assert!(prog.struct_def("starkware.cairo.common.uint256.Uint256").is_some());
}

#[test]
fn attributes_in_cairo_lang_order() {
    let prog = Program::from_json_bytes(ERR_LOCAL_JSON).unwrap();
    let attrs = prog.attributes();
    assert_eq!(attrs.len(), 3);
    // The inner with_attr closes first and comes first.
    assert_eq!(attrs[0].value, "second {v}");
    assert_eq!(attrs[1].value, "bad v={v} t={t} p={p} px={p.x} ");
    let at: Vec<_> =
        prog.error_attributes_at(attrs[0].start_pc).into_iter().map(|a| a.value.as_str()).collect();
    assert_eq!(at, ["second {v}", "bad v={v} t={t} p={p} px={p.x} "]);
    assert!(prog.error_attributes_at(attrs[1].end_pc).is_empty() || attrs[1].end_pc == attrs[2].start_pc);
    let prog = Program::from_json_bytes(ERR_ATTR_JSON).unwrap();
    assert!(prog.debug_info().unwrap().file_contents.contains_key("err_attr.cairo"));
}

fn expect_err(v: &serde_json::Value, check: impl Fn(&ProgramError) -> bool) -> String {
    match load_value(v) {
        Ok(_) => panic!("expected an error"),
        Err(e) => {
            assert!(check(&e), "unexpected error: {e}");
            e.to_string()
        }
    }
}

#[test]
fn rejects_other_primes() {
    let mut j = ids_json();
    j["prime"] = "0x7".into();
    let msg = expect_err(&j, |e| matches!(e, ProgramError::UnsupportedPrime(p) if p == "0x7"));
    assert!(
        msg.contains("0x7")
            && msg.contains("0x800000000000011000000000000000000000000000000000000000000000001")
    );
    j["prime"] = "banana".into();
    expect_err(&j, |e| matches!(e, ProgramError::UnsupportedPrime(_)));
    j["prime"] = 7.into();
    expect_err(&j, |e| matches!(e, ProgramError::Json(_)));
}

#[test]
fn rejects_bad_data_words() {
    for bad in ["0xzz", "12", "0x", "0x800000000000011000000000000000000000000000000000000000000000001"] {
        let mut j = ids_json();
        j["data"][3] = bad.into();
        let msg =
            expect_err(&j, |e| matches!(e, ProgramError::InvalidDataWord { index: 3, word } if word == bad));
        assert!(msg.contains("data[3]"), "{msg}");
    }
    let mut j = ids_json();
    j["data"][3] = 5.into();
    let msg = expect_err(&j, |e| matches!(e, ProgramError::Json(_)));
    assert!(msg.contains("line") && msg.contains("column"), "{msg}");
}

#[test]
fn rejects_bad_hint_pcs_and_reference_ids() {
    let mut j = ids_json();
    let n = j["data"].as_array().unwrap().len();
    let hint = j["hints"]["1"].clone();
    j["hints"][n.to_string()] = hint.clone();
    let msg = expect_err(&j, |e| matches!(e, ProgramError::InvalidHintPc { .. }));
    assert!(msg.contains(&n.to_string()) && msg.contains("outside the program"), "{msg}");

    let mut j = ids_json();
    j["hints"]["x"] = hint;
    expect_err(&j, |e| matches!(e, ProgramError::InvalidHintPc { pc, .. } if pc == "x"));

    let mut j = ids_json();
    j["hints"]["9"][0]["flow_tracking_data"]["reference_ids"]["starkware.cairo.common.math.assert_nn.a"] =
        100000.into();
    let msg = expect_err(&j, |e| matches!(e, ProgramError::UnknownReferenceId { id: 100000, .. }));
    assert!(
        msg.contains("starkware.cairo.common.math.assert_nn.a") && msg.contains("hint 0 at pc 9"),
        "{msg}"
    );
}

#[test]
fn rejects_bad_references_and_types() {
    let mut j = ids_json();
    j["reference_manager"]["references"][2]["value"] = "[cast(fp + (-4), felt*)] + foo(3)".into();
    let msg = expect_err(&j, |e| matches!(e, ProgramError::InvalidReference { .. }));
    assert!(msg.contains("references[2]") && msg.contains("foo(3)"), "{msg}");

    let mut j = ids_json();
    j["identifiers"]["__main__.Point"]["members"]["x"]["cairo_type"] = "felt**)".into();
    let msg = expect_err(&j, |e| matches!(e, ProgramError::InvalidType { .. }));
    assert!(msg.contains("member 'x' of struct '__main__.Point'"), "{msg}");

    let mut j = ids_json();
    j["identifiers"]["__main__.Point"]["members"]["x"]["offset"] = (-1).into();
    expect_err(&j, |e| matches!(e, ProgramError::InvalidIdentifier { name, .. } if name == "__main__.Point"));

    let mut j = ids_json();
    j["identifiers"]["__main__..x"] = serde_json::json!({"type": "namespace"});
    expect_err(&j, |e| matches!(e, ProgramError::InvalidScopedName { .. }));

    let mut j = ids_json();
    j["identifiers"]["__main__.x"] = serde_json::json!({"type": "what"});
    let msg = expect_err(&j, |e| matches!(e, ProgramError::Json(_)));
    assert!(msg.contains("what"), "{msg}");

    let mut j = ids_json();
    j["identifiers"]["__main__.MY_CONST"]["value"] = 1.5.into();
    expect_err(&j, |e| matches!(e, ProgramError::Json(_)));
}

#[test]
fn syntax_errors_have_positions() {
    let text = std::str::from_utf8(IDS_JSON).unwrap();
    // Cut inside the identifiers (after a big integer, so the quoting pass is involved).
    let cut = text.find("1606938044258990275541962092341162602522202993782792835301376").unwrap() + 80;
    let e = Program::from_json_bytes(&IDS_JSON[..cut]).unwrap_err();
    assert!(matches!(e, ProgramError::Json(ref m) if m.contains("EOF") && m.contains("line")), "{e}");
    let e = Program::from_json_bytes(b"{\"prime\": \"0x1\",\n  \"data\": [,]}").unwrap_err();
    assert_eq!(e.to_string(), "invalid program JSON: expected value at line 2 column 12");
    let e = Program::from_json_bytes(b"{\"data\": []}").unwrap_err();
    assert!(e.to_string().contains("missing field `prime`"), "{e}");
}

#[test]
fn from_file_reports_io_errors() {
    let e = Program::from_file(std::path::Path::new("/nonexistent/prog.json")).unwrap_err();
    assert!(matches!(e, ProgramError::Io { .. }));
    assert!(e.to_string().contains("/nonexistent/prog.json"));
}
