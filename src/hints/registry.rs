//! The hint table: normalized hint text -> Rust function, built once per process.
//!
//! Normalization is cairo-lang's: hint code is compared after dedenting and stripping, so the
//! same hint written with other indentation (or with a trailing newline) matches.

use super::{HintCtx, HintError};
use std::collections::HashMap;
use std::sync::OnceLock;

/// A hint implementation.
pub type HintFn = fn(&mut HintCtx<'_>) -> Result<(), HintError>;

/// Hint texts and their implementations.
///
/// Custom hints are added with [`HintRegistry::register`]:
///
/// ```
/// use cairo_jit::hints::{HintCtx, HintError, HintRegistry};
/// use starknet_types_core::felt::Felt;
///
/// fn answer(ctx: &mut HintCtx<'_>) -> Result<(), HintError> {
///     let ap = ctx.ap();
///     ctx.insert(ap, Felt::from(42))
/// }
///
/// let mut registry = HintRegistry::with_builtin_hints();
/// registry.register("memory[ap] = 6 * 7", answer);
/// assert!(registry.get("  memory[ap] = 6 * 7\n").is_some());
/// ```
#[derive(Clone, Default)]
pub struct HintRegistry {
    table: HashMap<String, HintFn>,
}

impl std::fmt::Debug for HintRegistry {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("HintRegistry").field("hints", &self.table.len()).finish()
    }
}

impl HintRegistry {
    /// An empty registry.
    pub fn new() -> Self {
        Self::default()
    }

    /// A registry with every built-in hint.
    pub fn with_builtin_hints() -> Self {
        let mut r = Self::new();
        for (code, f) in super::cairo0::HINTS {
            r.register(code, *f);
        }
        r
    }

    /// Registers (or replaces) the implementation of a hint text.
    pub fn register(&mut self, code: &str, f: HintFn) {
        self.table.insert(normalize(code), f);
    }

    /// The implementation of a hint text, if known.
    pub fn get(&self, code: &str) -> Option<HintFn> {
        self.table.get(&normalize(code)).copied()
    }

    /// The number of hint texts known.
    pub fn len(&self) -> usize {
        self.table.len()
    }

    /// Whether no hint is known.
    pub fn is_empty(&self) -> bool {
        self.table.is_empty()
    }
}

/// The registry of built-in hints, built on first use.
pub fn default_registry() -> &'static HintRegistry {
    static R: OnceLock<HintRegistry> = OnceLock::new();
    R.get_or_init(HintRegistry::with_builtin_hints)
}

/// Dedents (removes the common leading whitespace of non-blank lines), strips trailing
/// whitespace of every line, and strips leading and trailing blank lines.
pub fn normalize(code: &str) -> String {
    let lines: Vec<&str> = code.lines().map(|l| l.trim_end()).collect();
    let indent =
        lines.iter().filter(|l| !l.is_empty()).map(|l| l.len() - l.trim_start().len()).min().unwrap_or(0);
    let body: Vec<&str> = lines.iter().map(|l| if l.len() >= indent { &l[indent..] } else { "" }).collect();
    body.join("\n").trim_matches('\n').to_string()
}

#[cfg(test)]
mod tests {
    use super::normalize;

    #[test]
    fn normalization() {
        assert_eq!(normalize("  a\n    b\n  "), "a\n  b");
        assert_eq!(normalize("\n    x = 1\n\n    y = 2\n"), "x = 1\n\ny = 2");
        assert_eq!(normalize(" memory[ap] = segments.add() "), "memory[ap] = segments.add()");
    }
}
