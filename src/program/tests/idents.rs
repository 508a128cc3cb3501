//! The identifier manager against cairo-lang's `IdentifierManager` (expected results were
//! printed by cairo-lang for the same definitions).

use super::super::{Identifier, IdentifierError, Identifiers};
use starknet_types_core::felt::Felt;

fn konst(v: i64) -> Identifier {
    Identifier::Const { value: v.into(), felt: Felt::from(v) }
}

fn alias(d: &str) -> Identifier {
    Identifier::Alias { destination: d.into() }
}

fn manager() -> Identifiers {
    Identifiers::new(vec![
        ("a.x".into(), konst(1)),
        ("a.b.x".into(), konst(2)),
        ("a.b.f".into(), Identifier::Function { pc: 5, decorators: vec![] }),
        ("a.b.f.y".into(), konst(3)),
        ("a.al".into(), alias("a.b")),
        ("c.cyc1".into(), alias("c.cyc2")),
        ("c.cyc2".into(), alias("c.cyc1")),
        ("a.bad".into(), alias("nope.z")),
        ("d2.b.nothing".into(), konst(4)),
    ])
}

fn scopes(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| s.to_string()).collect()
}

/// `canonical [non parsed]` or the error text.
fn search(m: &Identifiers, sc: &[&str], name: &str) -> String {
    match m.search(&scopes(sc), name) {
        Ok(r) => format!("{} {}", r.canonical_name, r.non_parsed.join(".")).trim_end().to_string(),
        Err(e) => format!("ERR {e}"),
    }
}

#[test]
fn search_matches_cairo_lang() {
    let m = manager();
    // The last accessible scope is searched first.
    assert_eq!(search(&m, &["a", "a.b"], "x"), "a.b.x");
    assert_eq!(search(&m, &["a.b", "a"], "x"), "a.x");
    // Aliases are followed, keeping the rest of the name.
    assert_eq!(search(&m, &["a", "a.b"], "al.x"), "a.b.x");
    // Partial paths through namespaces and functions.
    assert_eq!(search(&m, &["a"], "b.f.y"), "a.b.f.y");
    assert_eq!(search(&m, &["a", "a.b"], "f.y"), "a.b.f.y");
    // A reference-like identifier followed by more components: the rest is not parsed.
    assert_eq!(search(&m, &["a"], "x.y"), "a.x y");
    // A missing scope moves on to the next one...
    assert_eq!(search(&m, &["a", "dd"], "b.x"), "a.b.x");
    // ...but a miss after the first component does not.
    assert_eq!(search(&m, &["d2", "a"], "b.nothing"), "ERR Unknown identifier 'a.b.nothing'.");
    assert_eq!(search(&m, &["c"], "cyc1"), "ERR Cyclic aliasing detected: c.cyc1 -> c.cyc2 -> c.cyc1");
    assert_eq!(
        search(&m, &["a"], "bad"),
        "ERR Alias resolution failed: a.bad -> nope.z. Unknown identifier 'nope'."
    );
    assert_eq!(search(&m, &["a"], "zz"), "ERR Unknown identifier 'zz'.");
}

#[test]
fn scopes_match_cairo_lang() {
    let m = manager();
    let s = m.search_scope(&scopes(&["a"]), "al").unwrap();
    assert_eq!(m.scope_name(s), "a.b");
    assert_eq!(m.get_scope("a.x").unwrap_err().to_string(), "Identifier 'a.x' is const, expected a scope.");
    assert_eq!(m.get("a.b").unwrap_err(), IdentifierError::NotAnIdentifier("a.b".into()));
    assert_eq!(
        m.search_scope(&scopes(&["c"]), "cyc1").unwrap_err().to_string(),
        "Cyclic aliasing detected: c.cyc1 -> c.cyc2 -> c.cyc1"
    );
    assert_eq!(m.get_by_full_name("a.b.f").and_then(Identifier::pc), Some(5));
    assert!(m.get_by_full_name("a.al").is_some());
    assert!(m.get_by_full_name("a.b").is_none());
    assert_eq!(m.len(), 9);
}
