//! Which kind of program file a path holds: Cairo Zero JSON, or one of Cairo 1's formats. This
//! needs no Cairo 1 crate, so a build without the `cairo1` feature still recognises a Cairo 1
//! file and says it cannot run it.

/// The kinds of program files `cairo-jit run` accepts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InputFormat {
    /// cairo-compile's JSON (Cairo Zero).
    CairoZero,
    /// A Sierra program (Cairo 1), as JSON.
    Sierra,
    /// A Sierra program in Sierra's text syntax (`.sierra`).
    SierraText,
    /// A cairo-lang-executable / `scarb build` executable (Cairo 1).
    Executable,
    /// A `.cairo` source file of Cairo 1 (needs the `cairo1-compiler` feature).
    CairoSource,
}

/// Guesses the format of a program file from its top-level JSON keys (or its extension for
/// sources): `data` + `prime` is Cairo Zero, `program.bytecode` + `entrypoints` an executable,
/// `type_declarations` / `statements` (or a versioned `program` of those) Sierra.
pub fn detect_format(path: &std::path::Path, bytes: &[u8]) -> InputFormat {
    if path.extension().is_some_and(|e| e == "cairo") {
        return InputFormat::CairoSource;
    }
    if path.extension().is_some_and(|e| e == "sierra") {
        return InputFormat::SierraText;
    }
    let Ok(serde_json::Value::Object(top)) = serde_json::from_slice::<serde_json::Value>(bytes) else {
        return InputFormat::CairoZero;
    };
    if top.contains_key("entrypoints") && top.get("program").is_some_and(|p| p.get("bytecode").is_some()) {
        return InputFormat::Executable;
    }
    let sierra_keys = |o: &serde_json::Map<String, serde_json::Value>| {
        o.contains_key("type_declarations")
            || o.contains_key("libfunc_declarations")
            || o.contains_key("statements")
    };
    if sierra_keys(&top) || top.get("program").and_then(|p| p.as_object()).is_some_and(sierra_keys) {
        return InputFormat::Sierra;
    }
    InputFormat::CairoZero
}
