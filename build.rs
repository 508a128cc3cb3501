//! Build script: links the `cairo-jit` executable with compact relative relocations (RELR) on
//! Linux with glibc.
//!
//! A position-independent executable is relocated at load time: with classic RELA records the
//! dynamic loader reads about half a megabyte of them (one 24-byte record per pointer), and
//! those pages stay resident for the whole run, counting in its peak memory (about 1.3 MB, a
//! few percent of a million-step run's). RELR encodes the same relocations in a few kilobytes
//! (a bitmap of pointer slots), so the executable keeps its address randomization and loses
//! that memory. Needs GNU ld 2.38 or lld 15, and glibc 2.36 at run time. The code itself is
//! unchanged, and the library, tests and benches are unaffected.

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    let linux_gnu = std::env::var("CARGO_CFG_TARGET_OS").as_deref() == Ok("linux")
        && std::env::var("CARGO_CFG_TARGET_ENV").as_deref() == Ok("gnu");
    if linux_gnu {
        println!("cargo:rustc-link-arg-bins=-Wl,-z,pack-relative-relocs");
    }
}
