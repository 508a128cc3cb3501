#!/bin/sh
# Recompiles the Cairo 1 programs from their sources: tests/programs/cairo1/*.cairo and
# benches/programs/cairo1/*.cairo, each NAME.cairo to NAME.sierra.json beside it, with this
# crate's cairo-lang-compiler 2.12.0-dev.1 (cargo feature `cairo1-compiler`).
#
#   tests/programs/cairo1/regen.sh CORELIB_SRC      (or CAIRO_CORELIB=CORELIB_SRC regen.sh)
#
# CORELIB_SRC is the `corelib/src` directory of a Cairo core library of the compiler's version:
# the cairo repository (github.com/starkware-libs/cairo) at tag v2.12.0-dev.1. The corelib
# that the cairo-lang 0.14.0.1 pip package ships (version 2.12.0-dev.0) lacks its
# subdirectories (ops/, num/traits/, iter/, internal/bounded_int, prelude/...) and does not
# compile as it is. The corelib is not part of this repository.
#
# The committed NAME.sierra.json files were compiled with that pip corelib completed by hand
# (the missing modules written after the cairo repository's corelib/src: prelude/, ops/,
# iter/, num/traits/, internal/bounded_int, empty tuple/fixed_size_array modules, which
# 2.12.0-dev.1's compiler looks up); the tag's corelib gives equivalent programs, possibly not
# byte for byte the same JSON. The tests compare runs, not these files' bytes.
set -eu
corelib="${1:-${CAIRO_CORELIB:-}}"
if [ -z "$corelib" ] || [ ! -f "$corelib/lib.cairo" ]; then
    echo "usage: $0 CORELIB_SRC (a corelib/src directory holding lib.cairo)" >&2
    exit 2
fi
root="$(cd "$(dirname "$0")/../../.." && pwd)"
cd "$root"
cargo run --features cairo1-compiler --example cairo1_compile -- \
    --corelib "$corelib" tests/programs/cairo1/*.cairo benches/programs/cairo1/*.cairo
