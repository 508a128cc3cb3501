//! Layouts: cairo-lang's `instances.py`, parameter for parameter.
//!
//! A layout names its builtins in order (the order of their segments) with each builtin's
//! ratio (steps per instance; `ratio_den` for the low-ratio builtins, whose real ratio is
//! `ratio / ratio_den`), and the AIR's per-step budgets that proof mode checks: range-check
//! units, memory units, the public-memory fraction and the diluted pool.
//!
//! Invariant: `builtins` is a subsequence of [`BuiltinKind::ALL`] (the canonical order), so a
//! builtin's segment index follows from its position.
//!
//! The parameters every layout shares are not repeated: range_check checks 8 parts of 16 bits
//! (range_check96 6), bitwise works on 251 bits, ec_op takes scalars below the field prime over
//! 256 doublings, keccak packs its state in 8 felts of 200 bits with 16 instances per
//! component, add_mod and mul_mod use 4 words of 96 bits in batches of 1.

use crate::builtins::BuiltinKind;
use std::sync::OnceLock;
use BuiltinKind::*;

/// A builtin's instance definition in a layout.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BuiltinDef {
    /// Which builtin.
    pub kind: BuiltinKind,
    /// Steps per instance; `None` in the parameterless dynamic layout (exactly as many
    /// instances as used, up to a power of two).
    pub ratio: Option<u32>,
    /// The denominator of the ratio (1 except for range_check96, add_mod, mul_mod).
    pub ratio_den: u32,
}

/// The diluted pool: `2^log_units_per_step` diluted cells per step, `n_bits` bits spaced
/// `spacing` apart.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DilutedPool {
    /// Log2 of diluted units per step (may be negative).
    pub log_units_per_step: i32,
    /// Spacing between information bits.
    pub spacing: u32,
    /// Information bits.
    pub n_bits: u32,
}

/// A layout: cairo-lang's `CairoLayout`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Layout {
    /// cairo-lang's name for it.
    pub name: &'static str,
    /// Whether the output builtin is part of it.
    pub output: bool,
    /// Its other builtins, in layout order.
    pub defs: Vec<BuiltinDef>,
    /// Range-check units per step (`None`: dynamic, unknown).
    pub rc_units: Option<u32>,
    /// Memory units per step.
    pub memory_units_per_step: Option<u32>,
    /// Public memory cells are 1 in `public_memory_fraction` of all memory cells.
    pub public_memory_fraction: u32,
    /// The diluted pool, for layouts with bitwise or keccak.
    pub diluted_pool: Option<DilutedPool>,
    /// CPU component step.
    pub cpu_component_step: Option<u32>,
}

fn def(kind: BuiltinKind, ratio: u32) -> BuiltinDef {
    BuiltinDef { kind, ratio: Some(ratio), ratio_den: 1 }
}

fn pool(log_units_per_step: i32) -> Option<DilutedPool> {
    Some(DilutedPool { log_units_per_step, spacing: 4, n_bits: 16 })
}

fn layout(
    name: &'static str,
    rc_units: u32,
    public_memory_fraction: u32,
    diluted_pool: Option<DilutedPool>,
    defs: Vec<BuiltinDef>,
) -> Layout {
    Layout {
        name,
        output: !defs.is_empty(),
        defs,
        rc_units: Some(rc_units),
        memory_units_per_step: Some(8),
        public_memory_fraction,
        diluted_pool,
        cpu_component_step: Some(1),
    }
}

fn build_layouts() -> Vec<Layout> {
    vec![
        layout("plain", 16, 4, None, vec![]),
        layout("small", 16, 4, None, vec![def(Pedersen, 8), def(RangeCheck, 8), def(Ecdsa, 512)]),
        layout("dex", 4, 4, None, vec![def(Pedersen, 8), def(RangeCheck, 8), def(Ecdsa, 512)]),
        layout("recursive", 4, 8, pool(4), vec![def(Pedersen, 128), def(RangeCheck, 8), def(Bitwise, 8)]),
        layout(
            "starknet",
            4,
            4,
            pool(1),
            vec![
                def(Pedersen, 32),
                def(RangeCheck, 16),
                def(Ecdsa, 2048),
                def(Bitwise, 64),
                def(EcOp, 1024),
                def(Poseidon, 32),
            ],
        ),
        layout(
            "recursive_large_output",
            4,
            8,
            pool(4),
            vec![def(Pedersen, 128), def(RangeCheck, 8), def(Bitwise, 8), def(Poseidon, 8)],
        ),
        layout(
            "all_solidity",
            8,
            8,
            pool(4),
            vec![def(Pedersen, 8), def(RangeCheck, 8), def(Ecdsa, 512), def(Bitwise, 256), def(EcOp, 256)],
        ),
        layout(
            "starknet_with_keccak",
            4,
            4,
            pool(4),
            vec![
                def(Pedersen, 32),
                def(RangeCheck, 16),
                def(Ecdsa, 2048),
                def(Bitwise, 64),
                def(EcOp, 1024),
                def(Keccak, 2048),
                def(Poseidon, 32),
            ],
        ),
        Layout::dynamic(None),
        layout(
            "recursive_with_poseidon",
            4,
            8,
            pool(3),
            vec![def(Pedersen, 256), def(RangeCheck, 16), def(Bitwise, 16), def(Poseidon, 64)],
        ),
        layout(
            "all_cairo",
            8,
            8,
            pool(4),
            vec![
                def(Pedersen, 256),
                def(RangeCheck, 8),
                def(Ecdsa, 2048),
                def(Bitwise, 16),
                def(EcOp, 1024),
                def(Keccak, 2048),
                def(Poseidon, 256),
                def(RangeCheck96, 8),
                def(AddMod, 128),
                def(MulMod, 256),
            ],
        ),
    ]
}

/// The parameters of a dynamic layout (cairo-lang's `CairoLayoutParams`, read from
/// `--cairo_layout_params_file`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DynamicParams {
    /// CPU component step.
    pub cpu_component_step: u32,
    /// Range-check units per step.
    pub rc_units: u32,
    /// Memory units per step.
    pub memory_units_per_step: u32,
    /// Log2 of diluted units per step.
    pub log_diluted_units_per_step: i32,
    /// Per builtin (every builtin but output, canonical order): (ratio, ratio_den).
    pub ratios: Vec<(BuiltinKind, u32, u32)>,
}

impl DynamicParams {
    /// Parses cairo-lang's `CairoLayoutParams` JSON object; errors are worded for
    /// `Error: ...`.
    pub fn from_json(v: &serde_json::Value) -> Result<DynamicParams, String> {
        let obj = v.as_object().ok_or("CairoLayoutParams must be a JSON object.")?;
        let mut expected: Vec<String> =
            vec!["cpu_component_step".into(), "rc_units".into(), "memory_units_per_step".into()];
        expected.push("log_diluted_units_per_step".into());
        for k in BuiltinKind::ALL.iter().filter(|k| **k != Output) {
            expected.push(format!("uses_{k}_builtin"));
            expected.push(format!("{k}_ratio"));
            if k.is_low_ratio() {
                expected.push(format!("{k}_ratio_den"));
            }
        }
        if let Some(k) = obj.keys().find(|k| !expected.contains(k)) {
            return Err(format!("CairoLayoutParams.__init__() got an unexpected keyword argument '{k}'"));
        }
        let missing: Vec<&String> = expected.iter().filter(|k| !obj.contains_key(*k)).collect();
        if !missing.is_empty() {
            return Err(format!(
                "CairoLayoutParams.__init__() missing {} required positional argument{}: {}",
                missing.len(),
                if missing.len() == 1 { "" } else { "s" },
                py_and_list(&missing)
            ));
        }
        let int = |k: &str| -> Result<i64, String> {
            obj[k].as_i64().ok_or_else(|| format!("CairoLayoutParams: {k} must be an integer."))
        };
        let u = |k: &str| -> Result<u32, String> {
            u32::try_from(int(k)?).map_err(|_| format!("CairoLayoutParams: {k} is out of range."))
        };
        let mut ratios = Vec::new();
        for k in BuiltinKind::ALL.iter().copied().filter(|k| *k != Output) {
            let uses = int(&format!("uses_{k}_builtin"))?;
            let ratio = u(&format!("{k}_ratio"))?;
            if uses == 0 && ratio != 0 {
                // cairo-lang's `__post_init__`: a bare `assert`.
                return Err(String::new());
            }
            let den = if k.is_low_ratio() { u(&format!("{k}_ratio_den"))? } else { 1 };
            ratios.push((k, ratio, den));
        }
        Ok(DynamicParams {
            cpu_component_step: u("cpu_component_step")?,
            rc_units: u("rc_units")?,
            memory_units_per_step: u("memory_units_per_step")?,
            log_diluted_units_per_step: i32::try_from(int("log_diluted_units_per_step")?)
                .map_err(|_| "CairoLayoutParams: log_diluted_units_per_step is out of range.".to_string())?,
            ratios,
        })
    }
}

/// Python's "'a', 'b' and 'c'" for missing arguments.
fn py_and_list(items: &[&String]) -> String {
    let q: Vec<String> = items.iter().map(|s| format!("'{s}'")).collect();
    match q.len() {
        0 => String::new(),
        1 => q[0].clone(),
        2 => format!("{} and {}", q[0], q[1]),
        n => format!("{}, and {}", q[..n - 1].join(", "), q[n - 1]),
    }
}

impl Layout {
    /// The layout of a name (`dynamic` without parameters: every builtin, dynamic ratios).
    pub fn by_name(name: &str) -> Option<&'static Layout> {
        static LAYOUTS: OnceLock<Vec<Layout>> = OnceLock::new();
        LAYOUTS.get_or_init(build_layouts).iter().find(|l| l.name == name)
    }

    /// Every layout name, for help texts and errors.
    pub fn names() -> Vec<&'static str> {
        vec![
            "plain",
            "small",
            "dex",
            "recursive",
            "starknet",
            "recursive_large_output",
            "all_solidity",
            "starknet_with_keccak",
            "dynamic",
            "recursive_with_poseidon",
            "all_cairo",
        ]
    }

    /// cairo-lang's `build_dynamic_layout`: every builtin, with the ratios of `params` (or
    /// dynamic ratios without them).
    pub fn dynamic(params: Option<&DynamicParams>) -> Layout {
        let defs = BuiltinKind::ALL
            .iter()
            .copied()
            .filter(|k| *k != Output)
            .map(|kind| {
                let (ratio, ratio_den) = match params {
                    Some(p) => {
                        let (_, r, d) =
                            p.ratios.iter().find(|(k, _, _)| *k == kind).copied().unwrap_or((kind, 0, 1));
                        (Some(r), d)
                    }
                    None => (None, 1),
                };
                BuiltinDef { kind, ratio, ratio_den }
            })
            .collect();
        Layout {
            name: "dynamic",
            output: true,
            defs,
            rc_units: params.map(|p| p.rc_units),
            memory_units_per_step: params.map(|p| p.memory_units_per_step),
            public_memory_fraction: 8,
            diluted_pool: Some(DilutedPool {
                log_units_per_step: params.map(|p| p.log_diluted_units_per_step).unwrap_or(0),
                spacing: 4,
                n_bits: 16,
            }),
            cpu_component_step: params.map(|p| p.cpu_component_step),
        }
    }

    /// The layout's builtins in order, output first when present.
    pub fn builtins(&self) -> Vec<BuiltinKind> {
        let mut v = Vec::with_capacity(self.defs.len() + 1);
        if self.output {
            v.push(Output);
        }
        v.extend(self.defs.iter().map(|d| d.kind));
        v
    }

    /// Whether the layout has `kind`.
    pub fn has(&self, kind: BuiltinKind) -> bool {
        if kind == Output {
            self.output
        } else {
            self.defs.iter().any(|d| d.kind == kind)
        }
    }

    /// The instance definition of `kind` (output has none).
    pub fn def(&self, kind: BuiltinKind) -> Option<&BuiltinDef> {
        self.defs.iter().find(|d| d.kind == kind)
    }
}
