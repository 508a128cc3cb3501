//! `.cairo` sources to Sierra with cairo-lang-compiler (feature `cairo1-compiler`).
//!
//! The compiler needs the Cairo core library's sources: a `corelib/src` directory given
//! explicitly, or found as cairo-lang's `detect_corelib` finds it (next to the current
//! directory or the executable), or through the `CAIRO_CORELIB` environment variable.

use super::Cairo1Error;
use cairo_lang_compiler::db::RootDatabase;
use cairo_lang_compiler::diagnostics::DiagnosticsReporter;
use cairo_lang_compiler::project::setup_project;
use cairo_lang_compiler::{compile_prepared_db_program, CompilerConfig};
use cairo_lang_sierra::program::Program as SierraProgram;
use std::path::{Path, PathBuf};

/// Compiles the single-file crate `path` to Sierra (ids replaced by debug names, gas withdrawn
/// automatically in loops and recursion, as `cairo-compile` does by default).
pub fn compile_cairo_file(path: &Path, corelib: Option<&Path>) -> Result<SierraProgram, Cairo1Error> {
    let corelib: Option<PathBuf> = corelib
        .map(Path::to_path_buf)
        .or_else(|| std::env::var_os("CAIRO_CORELIB").map(PathBuf::from))
        .or_else(cairo_lang_filesystem::detect::detect_corelib);
    let corelib = corelib.ok_or_else(|| {
        Cairo1Error::Compile("no Cairo corelib found: pass --corelib DIR or set CAIRO_CORELIB".into())
    })?;
    let err = |e: anyhow::Error| Cairo1Error::Compile(format!("{e:#}"));
    let mut db = RootDatabase::builder().build().map_err(err)?;
    cairo_lang_filesystem::db::init_dev_corelib(&mut db, corelib);
    let crates = setup_project(&mut db, path).map_err(|e| Cairo1Error::Compile(format!("{e}")))?;
    // Diagnostics are reported for the program's own crate only: what of the corelib the
    // program uses is still lowered (and fails to compile if broken), but unrelated corelib
    // modules do not stop the build.
    let config = CompilerConfig {
        replace_ids: true,
        diagnostics_reporter: DiagnosticsReporter::stderr().with_crates(&crates),
        ..CompilerConfig::default()
    };
    compile_prepared_db_program(&mut db, crates, config).map_err(|e| {
        let text = format!("{e:#}");
        if text.contains("without any diagnostics") {
            // Lowering failed inside the corelib, whose diagnostics are not reported.
            Cairo1Error::Compile(format!("{text} (an error in the corelib the program uses?)"))
        } else {
            Cairo1Error::Compile(text)
        }
    })
}
