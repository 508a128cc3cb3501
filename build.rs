//! Build script: links the `cairo-jit` executable as a position-dependent (non-PIE) binary on
//! Linux.
//!
//! A PIE binary is relocated at load time: the dynamic loader reads about half a megabyte of
//! relocation records and writes every pointer in `.data.rel.ro`, which turns those pages into
//! private dirty memory. Both stay resident for the whole run and count in its peak memory
//! (about 1.3 MB, a few percent of a million-step run's). A position-dependent executable has
//! its addresses fixed at link time: no relocation at load, read-only data stays clean file
//! pages mapped only where touched. The code itself is unchanged (it is compiled as
//! position-independent code either way), and the library, tests and benches are unaffected.

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    if std::env::var("CARGO_CFG_TARGET_OS").as_deref() == Ok("linux") {
        println!("cargo:rustc-link-arg-bins=-no-pie");
    }
}
