//! The hint table: normalized hint text -> Rust function, built once per process.
//!
//! Normalization is cairo-lang's (see [`normalize`]): the key is the text the compiler stores
//! for a `%{ %}` block, so the same hint written with other indentation (or with a trailing
//! newline) matches, and texts that cairo-lang's whitelists tell apart stay apart.

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
        for (codes, f) in super::cairo0::SHARED {
            for code in *codes {
                r.register(code, *f);
            }
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

/// The hint text as cairo-lang's compiler stores it (`ExprHint.from_str`): leading blank lines
/// dropped, trailing whitespace of the whole text stripped, and the common indentation (counted
/// in spaces over the non-empty lines) removed. Interior lines are otherwise kept as they are.
///
/// This is exactly the text a compiled program holds and the Starknet whitelists compare (as a
/// dict key), so two texts are the same hint here exactly when they are for cairo-lang. The
/// function is idempotent: a compiled program's hint text is its own normal form.
pub fn normalize(code: &str) -> String {
    // `%{(?P<prefix_whitespace>([ \t]*\n)*)(?P<code>.*?)%}`: whole blank lines at the start.
    let mut rest = code;
    while let Some(nl) = rest.find('\n') {
        if rest[..nl].bytes().all(|b| b == b' ' || b == b'\t') {
            rest = &rest[nl + 1..];
        } else {
            break;
        }
    }
    let body = rest.trim_end();
    let indent = body
        .split('\n')
        .filter(|l| !l.is_empty())
        .map(|l| l.len() - l.trim_start_matches(' ').len())
        .min()
        .unwrap_or(0);
    let lines: Vec<&str> = body.split('\n').map(|l| l.get(indent..).unwrap_or("")).collect();
    lines.join("\n")
}

#[cfg(test)]
mod tests {
    use super::normalize;

    #[test]
    fn normalization() {
        assert_eq!(normalize("  a\n    b\n  "), "a\n  b");
        assert_eq!(normalize("\n    x = 1\n\n    y = 2\n"), "x = 1\n\ny = 2");
        assert_eq!(normalize(" memory[ap] = segments.add() "), "memory[ap] = segments.add()");
        // Interior trailing whitespace is kept (the whitelists have such texts), and
        // whitespace-only lines count for the common indentation, as in `ExprHint.from_str`.
        assert_eq!(normalize("  a = 1 \n  b"), "a = 1 \nb");
        assert_eq!(normalize("    a\n  \n    b"), "  a\n\n  b");
        assert_eq!(normalize("\t\n  \n  x\n"), "x");
        for s in ["a\n  b", "x = 1\n\ny = 2", "def f():\n    return 1 \n\nf()"] {
            assert_eq!(normalize(&normalize(s)), normalize(s));
        }
    }
}
