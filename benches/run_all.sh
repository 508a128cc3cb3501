#!/usr/bin/env bash
# Regenerates benches/results/ and the table and chart of BENCHMARKS.md.
#
#   bash benches/run_all.sh            # everything (about 30 minutes on 2 cores)
#   SKIP_CRITERION=1 bash benches/run_all.sh   # only the cairo-jit bench reports and peaks
#
# 1. `cairo-jit bench` per program (5 runs per engine; compile time, CPU/wall, peak RSS
#    of a child run writing both files);
# 2. cairo-vm's peak RSS per program, trace and memory files serialized (CAIRO_VM_PEAK);
# 3. one criterion run of the trace-on functions of every group (interp, jit and cairo-vm side
#    by side), from which chart.py takes all three engines' steps/s;
# 4. chart.py: the markdown table (printed) and benches/results/throughput.svg.
set -euo pipefail
cd "$(dirname "$0")/.."
PROGRAMS="fib_loop:plain factorial_loop:plain memcpy_loop:plain pedersen_loop:small \
poseidon_many:recursive_with_poseidon keccak_loop:recursive sha256_loop:recursive \
blake2s_loop:recursive dict_squash:small usort_loop:small uint256_loop:small \
secp_verify:small find_compare:small"
cargo build --release
out=benches/results
mkdir -p "$out"
for pl in $PROGRAMS; do
  p=${pl%%:*}; l=${pl##*:}
  ./target/release/cairo-jit bench "benches/programs/$p.json" --layout "$l" --runs 5 > "$out/$p.txt"
done
: > "$out/cairo_vm_peak.txt"
for pl in $PROGRAMS; do
  CAIRO_VM_PEAK="benches/programs/${pl%%:*}.json:${pl##*:}" cargo bench -q --bench engines 2>/dev/null \
    | grep '^cairo-vm' >> "$out/cairo_vm_peak.txt" || true
done
if [ -z "${SKIP_CRITERION:-}" ]; then
  cargo bench --bench engines -- '^[a-z0-9_]+/(interp|jit|cairo-vm)/[0-9]+$'
fi
order=$(for pl in $PROGRAMS; do printf '%s ' "${pl%%:*}"; done)
# shellcheck disable=SC2086
python3 benches/chart.py "$out" --svg "$out/throughput.svg" --order $order
