//! Reading `main`'s return value back from memory and printing it (cairo1-run's
//! `--print_output`), and recognising panics.
//!
//! Values are printed by their Sierra type: integers in decimal (signed ones with their sign),
//! `bool` as `true`/`false`, arrays and spans as `[a b c]`, structs and tuples as their
//! members separated by spaces, enums as their variant's payload (`Option::None` and other
//! empty variants print nothing; `Nullable` null prints `null`), boxes as their content.
//! A `PanicResult` whose variant is `Err` is a panic: its data (an array of felts) is
//! returned instead.

use super::Cairo1Error;
use crate::vm::{Memory, Relocatable, Value};
use cairo_lang_sierra::ids::ConcreteTypeId;
use cairo_lang_sierra::program::{GenericArg, Program as SierraProgram};
use cairo_lang_sierra_type_size::TypeSizeMap;
use starknet_types_core::felt::Felt;
use std::collections::HashMap;

/// Names, generic arguments and sizes of a program's types.
#[derive(Clone, Debug)]
pub struct TypeInfo {
    decls: HashMap<ConcreteTypeId, (String, Vec<GenericArg>, Option<String>)>,
    sizes: TypeSizeMap,
}

impl TypeInfo {
    pub(super) fn new(program: &SierraProgram, sizes: TypeSizeMap) -> Self {
        let decls = program
            .type_declarations
            .iter()
            .map(|d| {
                let user = d.long_id.generic_args.first().and_then(|a| match a {
                    GenericArg::UserType(u) => u.debug_name.as_ref().map(|s| s.to_string()),
                    _ => None,
                });
                (d.id.clone(), (d.long_id.generic_id.0.to_string(), d.long_id.generic_args.clone(), user))
            })
            .collect();
        TypeInfo { decls, sizes }
    }

    /// The generic type's name (`felt252`, `Array`, `Struct`, `Enum`, ...).
    pub fn generic(&self, ty: &ConcreteTypeId) -> &str {
        self.decls.get(ty).map_or("", |d| d.0.as_str())
    }

    /// The size of a type in cells.
    pub fn size(&self, ty: &ConcreteTypeId) -> Result<i16, Cairo1Error> {
        self.sizes.get(ty).copied().ok_or_else(|| Cairo1Error::Sierra(format!("no size for type {ty}")))
    }

    fn user_name(&self, ty: &ConcreteTypeId) -> &str {
        self.decls.get(ty).and_then(|d| d.2.as_deref()).unwrap_or("")
    }

    fn type_args(&self, ty: &ConcreteTypeId) -> Vec<ConcreteTypeId> {
        self.decls
            .get(ty)
            .map(|d| {
                d.1.iter()
                    .filter_map(|a| if let GenericArg::Type(t) = a { Some(t.clone()) } else { None })
                    .collect()
            })
            .unwrap_or_default()
    }
}

/// Where `main`'s return value is after the run, and its type.
#[derive(Clone, Debug)]
pub struct ReturnInfo {
    /// The program's types.
    pub info: std::sync::Arc<TypeInfo>,
    /// The return value's type (the last of `main`'s return types).
    pub ty: ConcreteTypeId,
    /// Its size in cells.
    pub size: u64,
    /// Cells between the value and the final ap (the builtins' final pointers).
    pub below: u64,
}

/// `main`'s outcome.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// It returned: the value, printed.
    Returned(String),
    /// It panicked with this data.
    Panicked(Vec<Felt>),
}

impl ReturnInfo {
    /// Reads the value (or the panic data) below `final_ap`.
    pub fn read(&self, memory: &Memory, final_ap: Relocatable) -> Result<Outcome, String> {
        let start = final_ap
            .offset
            .checked_sub(self.below + self.size)
            .ok_or_else(|| "the return value is not on the stack".to_string())?;
        let cells: Vec<Value> = (0..self.size)
            .map(|i| {
                let a = Relocatable::new(final_ap.segment, start + i);
                memory.get(a).ok_or_else(|| format!("the return value's cell {a} is not set"))
            })
            .collect::<Result<_, _>>()?;
        let r = Reader { info: &self.info, memory };
        if self.info.user_name(&self.ty).starts_with("core::panics::PanicResult") {
            let variants = self.info.type_args(&self.ty);
            let sel = cells.first().and_then(Value::as_int).ok_or("bad PanicResult")?;
            if sel == Felt::ONE {
                // Err((Panic, Array<felt252>)): the array's start and end are the last cells.
                let n = cells.len();
                let data = r.felts(&cells[n - 2], &cells[n - 1])?;
                return Ok(Outcome::Panicked(data));
            }
            let ok = variants.first().ok_or("bad PanicResult")?;
            let ok_size = self.info.size(ok).map_err(|e| e.to_string())? as usize;
            let payload = &cells[cells.len() - ok_size..];
            return Ok(Outcome::Returned(r.format(ok, payload)?.join(" ")));
        }
        Ok(Outcome::Returned(r.format(&self.ty, &cells)?.join(" ")))
    }
}

struct Reader<'a> {
    info: &'a TypeInfo,
    memory: &'a Memory,
}

impl Reader<'_> {
    fn felts(&self, start: &Value, end: &Value) -> Result<Vec<Felt>, String> {
        let (s, e) = (start.as_ptr().ok_or("bad array")?, end.as_ptr().ok_or("bad array")?);
        (s.offset..e.offset.max(s.offset))
            .map(|o| {
                self.memory
                    .get(Relocatable::new(s.segment, o))
                    .and_then(|v| v.as_int())
                    .ok_or_else(|| format!("array cell {}:{o} is not a felt", s.segment))
            })
            .collect()
    }

    fn cells_at(&self, p: Relocatable, n: u64) -> Result<Vec<Value>, String> {
        (0..n)
            .map(|i| {
                let a = Relocatable::new(p.segment, p.offset + i);
                self.memory.get(a).ok_or_else(|| format!("cell {a} is not set"))
            })
            .collect()
    }

    /// The printed tokens of a value of type `ty` held in `cells`.
    fn format(&self, ty: &ConcreteTypeId, cells: &[Value]) -> Result<Vec<String>, String> {
        let info = self.info;
        let args = info.type_args(ty);
        let size = |t: &ConcreteTypeId| info.size(t).map(|s| s as usize).map_err(|e| e.to_string());
        match info.generic(ty) {
            "Snapshot" | "NonZero" => match args.first() {
                Some(inner) => self.format(inner, cells),
                None => Ok(raw(cells)),
            },
            "Array" => {
                let elem = args.first().ok_or("bad Array")?;
                let (s, e) = (cells[0].as_ptr().ok_or("bad array")?, cells[1].as_ptr().ok_or("bad array")?);
                let es = size(elem)?.max(1) as u64;
                let n = e.offset.saturating_sub(s.offset) / es;
                let mut items = Vec::new();
                for i in 0..n {
                    let c = self.cells_at(Relocatable::new(s.segment, s.offset + i * es), es)?;
                    items.push(self.format(elem, &c)?.join(" "));
                }
                Ok(vec![format!("[{}]", items.join(" "))])
            }
            "Box" => {
                let inner = args.first().ok_or("bad Box")?;
                let p = cells[0].as_ptr().ok_or("bad Box")?;
                self.format(inner, &self.cells_at(p, size(inner)? as u64)?)
            }
            "Nullable" => match cells[0] {
                Value::Ptr(p) => {
                    let inner = args.first().ok_or("bad Nullable")?;
                    self.format(inner, &self.cells_at(p, size(inner)? as u64)?)
                }
                Value::Int(_) => Ok(vec!["null".into()]),
            },
            "Struct" => {
                let mut out = Vec::new();
                let mut at = 0;
                for m in &args {
                    let s = size(m)?;
                    out.extend(self.format(m, &cells[at..at + s])?);
                    at += s;
                }
                Ok(out)
            }
            "Enum" => {
                let n = args.len();
                let sel = cells.first().and_then(Value::as_int).ok_or("bad enum")?;
                let sel = usize::try_from(sel.to_biguint()).map_err(|_| "bad enum selector")?;
                // cairo-lang-sierra-to-casm's variant selector: the index for two variants or
                // fewer, else 2 * (n - index) - 1.
                let index = if n <= 2 { sel } else { n - sel.div_ceil(2) };
                if info.user_name(ty) == "core::bool" {
                    return Ok(vec![if index == 1 { "true" } else { "false" }.into()]);
                }
                let v = args.get(index).ok_or("bad enum variant")?;
                let s = size(v)?;
                self.format(v, &cells[cells.len() - s..])
            }
            "i8" | "i16" | "i32" | "i64" | "i128" => Ok(cells
                .iter()
                .map(|c| match c.as_int() {
                    Some(f) if f.to_biguint() > (Felt::MAX.to_biguint() >> 1u32) => {
                        format!("-{}", Felt::ZERO - f)
                    }
                    _ => c.to_string(),
                })
                .collect()),
            _ => Ok(raw(cells)),
        }
    }
}

fn raw(cells: &[Value]) -> Vec<String> {
    cells.iter().map(|c| c.to_string()).collect()
}

/// A panic's data as cairo1-run prints it: `Run panicked with: [1 ('msg'), 2]`.
pub fn panic_message(data: &[Felt]) -> String {
    let items: Vec<String> = data
        .iter()
        .map(|f| {
            let bytes: Vec<u8> = f.to_bytes_be().into_iter().skip_while(|b| *b == 0).collect();
            match String::from_utf8(bytes) {
                Ok(s) if !s.is_empty() && s.chars().all(|c| !c.is_control()) => format!("{f} ('{s}')"),
                _ => f.to_string(),
            }
        })
        .collect();
    format!("Run panicked with: [{}]", items.join(", "))
}
