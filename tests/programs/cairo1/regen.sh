#!/bin/sh
# Recompiles the Cairo 1 test programs and the Cairo 1 benchmark to Sierra JSON
# (NAME.cairo -> NAME.sierra.json) with cairo-lang-compiler 2.12 (feature `cairo1-compiler`).
#
# The compiler needs the Cairo core library of the same version: CAIRO_CORELIB, else the one
# the cairo-lang 0.14.0.1 Python package ships (in ../.cairo-lang-venv, see regen.py).
set -eu
root=$(cd "$(dirname "$0")/../../.." && pwd)
corelib=${CAIRO_CORELIB:-$(ls -d "$root"/../.cairo-lang-venv/lib/python3*/site-packages/starkware/starknet/compiler/v1/sierra-compiler-major-1/corelib/src 2>/dev/null | head -n 1)}
[ -n "$corelib" ] || { echo "no corelib: set CAIRO_CORELIB" >&2; exit 1; }
cd "$root"
cargo run --release --features cairo1-compiler --example cairo1_compile -- --corelib "$corelib" \
    tests/programs/cairo1/*.cairo benches/programs/cairo1/*.cairo
