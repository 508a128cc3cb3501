//! Compiles Cairo 1 sources to Sierra JSON (the format `cairo-jit run` accepts).
//!
//! ```sh
//! cargo run --release --features cairo1-compiler --example cairo1_compile -- \
//!     --corelib PATH/TO/corelib/src tests/programs/cairo1/*.cairo
//! ```
//!
//! Each `NAME.cairo` becomes `NAME.sierra.json` beside it.

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let mut corelib = None;
    let mut files = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        if a == "--corelib" {
            corelib = args.next().map(PathBuf::from);
        } else {
            files.push(PathBuf::from(a));
        }
    }
    let mut status = ExitCode::SUCCESS;
    for file in files {
        match cairo_jit::cairo1::compile::compile_cairo_file(&file, corelib.as_deref()) {
            Ok(program) => {
                let out = file.with_extension("sierra.json");
                let json = cairo_jit::cairo1::sierra_to_json(&program);
                if let Err(e) = std::fs::write(&out, json) {
                    eprintln!("{}: {e}", out.display());
                    status = ExitCode::FAILURE;
                } else {
                    eprintln!("wrote {}", out.display());
                }
            }
            Err(e) => {
                eprintln!("{}: {e}", file.display());
                status = ExitCode::FAILURE;
            }
        }
    }
    status
}
