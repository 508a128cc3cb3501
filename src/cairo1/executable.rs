//! Executables as `cairo-lang-executable` (`cairo-execute`, `scarb build`) write them:
//! `{"program": {"bytecode": [hex...], "hints": [[pc, [hint...]], ...]}, "entrypoints":
//! [{"builtins": [...], "offset": N, "kind": "Standalone" | "Bootloader"}]}`.
//!
//! The `Bootloader` entrypoint follows Cairo Zero's calling convention (builtin pointers,
//! return fp and pc on the stack, `ret` at the end): it is `main` for plain runs. The
//! `Standalone` one is `ap += n_builtins; call rel 4; jmp rel 0`: proof mode's `__start__`, with
//! `__end__` at its `jmp rel 0`. `WriteRunParam` hints receive `--args` as one array.

use super::{hint_table, run_params, Cairo1Error, Cairo1Program, EntryOptions};
use crate::builtins::BuiltinKind;
use cairo_lang_casm::hints::Hint;
use cairo_lang_utils::bigint::BigIntAsHex;
use serde::Deserialize;
use starknet_types_core::felt::Felt;

#[derive(Deserialize)]
struct RawExecutable {
    program: RawAssembled,
    entrypoints: Vec<RawEntrypoint>,
}

#[derive(Deserialize)]
struct RawAssembled {
    bytecode: Vec<BigIntAsHex>,
    #[serde(default)]
    hints: Vec<(usize, Vec<Hint>)>,
}

#[derive(Deserialize)]
struct RawEntrypoint {
    builtins: Vec<String>,
    offset: usize,
    kind: String,
}

/// The `Standalone` header's `jmp rel 0`, relative to its start.
const STANDALONE_END: usize = 4;

pub(super) fn load(bytes: &[u8], options: &EntryOptions) -> Result<Cairo1Program, Cairo1Error> {
    let raw: RawExecutable = serde_json::from_slice(bytes)
        .map_err(|e| Cairo1Error::Json { what: "executable", msg: e.to_string() })?;
    let len = raw.program.bytecode.len();
    let mut bytecode = Vec::with_capacity(len);
    for w in &raw.program.bytecode {
        if w.value.sign() == num_bigint::Sign::Minus || w.value.bits() > 252 {
            return Err(Cairo1Error::Json {
                what: "executable",
                msg: format!("bytecode word {} is not a felt", w.value),
            });
        }
        bytecode.push(Felt::from(&w.value));
    }
    for (pc, _) in &raw.program.hints {
        if *pc >= len {
            return Err(Cairo1Error::Json {
                what: "executable",
                msg: format!("hint at pc {pc} is outside the bytecode"),
            });
        }
    }
    let find = |kind: &str| raw.entrypoints.iter().find(|e| e.kind == kind);
    let (bootloader, standalone) = (find("Bootloader"), find("Standalone"));
    let Some(first) = bootloader.or(standalone) else {
        return Err(Cairo1Error::Unsupported(
            "the executable has no Bootloader or Standalone entrypoint".into(),
        ));
    };
    let mut builtins = Vec::new();
    for name in &first.builtins {
        let k = BuiltinKind::from_name(name).ok_or_else(|| {
            Cairo1Error::Unsupported(format!("the executable uses the builtin {name:?}, unknown here"))
        })?;
        builtins.push(k);
    }
    let mut sorted = builtins.clone();
    sorted.sort();
    if sorted != builtins {
        return Err(Cairo1Error::Unsupported(format!(
            "the executable's builtins are not in canonical order: {:?}",
            first.builtins
        )));
    }
    for e in &raw.entrypoints {
        if e.offset >= len {
            return Err(Cairo1Error::Json {
                what: "executable",
                msg: format!("entrypoint offset {} is outside the bytecode", e.offset),
            });
        }
    }
    let main = bootloader.map_or(first.offset, |b| b.offset);
    let proof_labels =
        standalone.map(|s| (s.offset, s.offset + STANDALONE_END)).filter(|(_, end)| *end < len);
    Ok(Cairo1Program {
        bytecode,
        hints: hint_table(raw.program.hints, run_params(&options.args)),
        builtins,
        main,
        proof_labels,
        builtin_costs: false,
        ret: None,
    })
}
