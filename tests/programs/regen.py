#!/usr/bin/env python3
"""Regenerates the golden results of the Cairo Zero test corpus with the reference toolchain.

For every NAME.cairo in tests/programs/, examples/ and benches/programs/ (paths relative to the
repository root, which is the parent of tests/), this script:
  1. compiles it to NAME.json with `cairo-compile NAME.cairo --output NAME.json`, run from the
     program's own directory (so that the debug info names the file as the bare NAME.cairo),
     if NAME.json is missing or --recompile is given;
  2. runs `cairo-run --program NAME.json --trace_file T --memory_file M --print_output
     --print_info --layout L [flags]` from the program's directory (`cairo-run-all` for the
     all_cairo layout), with the layout and flags taken from tests/programs/manifest.json;
  3. writes NAME.golden.json next to the program (format described in tests/programs/README.md).

cairo-run 0.14.0.1 has no --entrypoint flag: for a manifest entry with
["--entrypoint", "FUNC"], the script runs cairo-run's own main() in the venv's python with
Program.main patched to return the label FUNC; everything else is cairo-run unchanged.

It also compiles the fixtures of tests/data/ (programs the tests run under both engines and
compare with each other, so they have no golden), likewise when missing or with --recompile;
--data-only does just that.

Usage: python3 tests/programs/regen.py [--venv DIR] [--recompile] [--skip-benches]
                                       [--only NAME ...] [--hint-coverage] [--data-only]
Only the Python standard library is needed (the toolchain itself lives in the venv).
"""

import argparse
import hashlib
import json
import os
import re
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

SCRIPT_DIR = Path(__file__).resolve().parent
REPO_ROOT = SCRIPT_DIR.parent.parent
PROGRAM_DIRS = [
    REPO_ROOT / "tests" / "programs",
    REPO_ROOT / "examples",
    REPO_ROOT / "benches" / "programs",
]
BENCH_DIR = REPO_ROOT / "benches" / "programs"
DATA_DIR = REPO_ROOT / "tests" / "data"
MANIFEST = SCRIPT_DIR / "manifest.json"
INSTALL_SCRIPT = REPO_ROOT.parent / "shared" / "tools" / "install-cairo-lang.sh"
MEMORY_RECORD = 40  # u64 LE address + 32-byte LE value.
LIBRARY_MODULES = ["alloc", "memcpy", "memset", "math", "math_cmp"]
# Further modules whose hints the hint_* fixtures execute (reported by --hint-coverage).
LIBRARY_MODULES += ["uint256", "find_element", "set", "usort", "dict", "default_dict", "squash_dict", "pow", "log2_ceil"]
LIBRARY_MODULES += ["small_merkle_tree", "merkle_multi_update", "merkle_update", "patricia"]
LIBRARY_MODULES += ["ec", "signature", "modulo", "builtin_poseidon/poseidon", "hash_state_poseidon"]
LIBRARY_MODULES += ["cairo_blake2s/blake2s", "cairo_sha256/sha256_utils"]
LIBRARY_MODULES += ["keccak", "keccak_utils/keccak_utils", "cairo_keccak/keccak", "builtin_keccak/keccak"]
LIBRARY_MODULES += ["cairo_secp/bigint", "cairo_secp/field", "cairo_secp/ec", "secp256r1/field", "secp256r1/ec"]

# Runs cairo-run's main() with Program.main pointing at another function (cairo-run 0.14.0.1
# has no --entrypoint flag). argv: ENTRYPOINT cairo-run-args...
ENTRYPOINT_WRAPPER = """
import sys
entry = sys.argv[1]
sys.argv = ["cairo-run"] + sys.argv[2:]
from starkware.cairo.lang.compiler.program import Program
Program.main = property(lambda self: self.get_label(entry))
import starkware.cairo.lang.instances as inst
inst.LAYOUTS.setdefault("all_cairo", inst.all_cairo_instance)
from starkware.cairo.lang.vm.cairo_run import main
sys.exit(main())
"""

# Like ENTRYPOINT_WRAPPER (entrypoint "main" means no override), but also records the source of
# every hint that is executed into the JSON file named by $HINT_LOG (used by --hint-coverage).
COVERAGE_WRAPPER = """
import atexit, json, os, sys
entry = sys.argv[1]
sys.argv = ["cairo-run"] + sys.argv[2:]
from starkware.cairo.lang.compiler.program import Program
if entry != "main":
    Program.main = property(lambda self: self.get_label(entry))
import starkware.cairo.lang.instances as inst
inst.LAYOUTS.setdefault("all_cairo", inst.all_cairo_instance)
import starkware.cairo.lang.vm.virtual_machine_base as vmb
sources, executed = {}, set()
orig_compile, orig_exec = vmb.VirtualMachineBase.compile_hint, vmb.VirtualMachineBase.exec_hint
def compile_hint(self, source, *args, **kwargs):
    code = orig_compile(self, source, *args, **kwargs)
    sources[id(code)] = (code, source)
    return code
def exec_hint(self, code, globals_, hint_index):
    executed.add(sources[id(code)][1])
    return orig_exec(self, code, globals_, hint_index)
vmb.VirtualMachineBase.compile_hint = compile_hint
vmb.VirtualMachineBase.exec_hint = exec_hint
atexit.register(lambda: json.dump(sorted(executed), open(os.environ["HINT_LOG"], "w")))
from starkware.cairo.lang.vm.cairo_run import main
sys.exit(main())
"""


def find_venv(requested):
    """Returns the venv directory, installing the toolchain if needed and possible."""
    if requested:
        venv = Path(requested).resolve()
        if (venv / "bin" / "cairo-run").exists():
            return venv
    else:
        for candidate in (REPO_ROOT / ".cairo-lang-venv", REPO_ROOT.parent / ".cairo-lang-venv"):
            if (candidate / "bin" / "cairo-run").exists():
                return candidate
        venv = REPO_ROOT / ".cairo-lang-venv"
    if not INSTALL_SCRIPT.exists():
        sys.exit(f"no cairo-lang venv at {venv} and no {INSTALL_SCRIPT} to create one")
    print(f"installing cairo-lang into {venv} with {INSTALL_SCRIPT}", file=sys.stderr)
    subprocess.run(["bash", str(INSTALL_SCRIPT), str(venv)], check=True)
    return venv


def load_manifest():
    with open(MANIFEST) as f:
        manifest = json.load(f)
    return {k: v for k, v in manifest.items() if not k.startswith("_")}


def discover(skip_benches, only):
    programs = {}
    for d in PROGRAM_DIRS:
        if skip_benches and d == BENCH_DIR:
            continue
        for src in sorted(d.glob("*.cairo")):
            name = src.stem
            if name in programs:
                sys.exit(f"duplicate program name {name}: {programs[name]} and {src}")
            programs[name] = src
    if only:
        missing = [n for n in only if n not in programs]
        if missing:
            sys.exit(f"unknown programs: {missing}")
        programs = {n: programs[n] for n in only}
    return programs


def compile_program(venv, src, recompile, manifest):
    out = src.with_suffix(".json")
    if out.exists() and not recompile:
        return
    print(f"compiling {src.relative_to(REPO_ROOT)}", file=sys.stderr)
    extra = list(manifest.get(src.stem, {}).get("compile_flags", []))
    subprocess.run(
        [str(venv / "bin" / "cairo-compile"), src.name, "--output", out.name] + extra,
        cwd=src.parent,
        check=True,
    )


def pie_digest(path):
    """sha256 of each file of a Cairo PIE zip (memory.bin: of its records sorted by address)."""
    import zipfile

    out = {}
    with zipfile.ZipFile(path) as zf:
        for info in zf.infolist():
            data = zf.read(info.filename)
            if info.filename == "memory.bin":
                out[info.filename] = memory_digest(data)[0]
            else:
                out[info.filename] = hashlib.sha256(data).hexdigest()
    return out


def private_input_digest(text):
    """sha256 of the AIR private input parsed, without its absolute paths, keys sorted, compact."""
    data = json.loads(text)
    data.pop("trace_path", None)
    data.pop("memory_path", None)
    return hashlib.sha256(
        json.dumps(data, sort_keys=True, separators=(",", ":")).encode()
    ).hexdigest()


def run_settings(name, program_json, manifest):
    """Returns (flags, custom_hint, test_hints): flags always start with --layout L."""
    entry = manifest.get(name, {})
    layout = entry.get("layout")
    if layout is None:
        with open(program_json) as f:
            has_builtins = bool(json.load(f).get("builtins"))
        layout = "small" if has_builtins else "plain"
    flags = ["--layout", layout] + list(entry.get("flags", []))
    return flags, bool(entry.get("custom_hint", False)), bool(entry.get("test_hints", False))


def cairo_run_command(venv, program_name, flags, trace, memory, wrapper=None, air=None, pie=None):
    """Builds the command line; handles the emulated --entrypoint flag."""
    flags = list(flags)
    if pie is not None:
        flags += ["--cairo_pie_output", str(pie)]
    if air is not None:
        flags += ["--air_public_input", str(air[0]), "--air_private_input", str(air[1])]
    entrypoint = None
    if "--entrypoint" in flags:
        i = flags.index("--entrypoint")
        entrypoint = flags[i + 1]
        del flags[i : i + 2]
    args = [
        "--program",
        program_name,
        "--trace_file",
        str(trace),
        "--memory_file",
        str(memory),
        "--print_output",
        "--print_info",
    ] + flags
    if wrapper is not None:
        return [str(venv / "bin" / "python"), "-c", wrapper, entrypoint or "main"] + args
    if entrypoint is not None:
        return [str(venv / "bin" / "python"), "-c", ENTRYPOINT_WRAPPER, entrypoint] + args
    layout = flags[flags.index("--layout") + 1]
    tool = "cairo-run-all" if layout == "all_cairo" else "cairo-run"
    return [str(venv / "bin" / tool)] + args


def memory_digest(data):
    if len(data) % MEMORY_RECORD != 0:
        raise ValueError(f"memory file size {len(data)} is not a multiple of {MEMORY_RECORD}")
    records = [data[i : i + MEMORY_RECORD] for i in range(0, len(data), MEMORY_RECORD)]
    records.sort(key=lambda r: int.from_bytes(r[:8], "little"))
    return hashlib.sha256(b"".join(records)).hexdigest(), len(records)


def run_program(venv, name, src, manifest):
    program_json = src.with_suffix(".json")
    flags, custom_hint, test_hints = run_settings(name, program_json, manifest)
    with tempfile.TemporaryDirectory(prefix="cairo-golden-") as tmp:
        trace, memory = Path(tmp) / "trace.bin", Path(tmp) / "memory.bin"
        proof = "--proof_mode" in flags
        air = (Path(tmp) / "public.json", Path(tmp) / "private.json") if proof else None
        pie = Path(tmp) / "pie.zip" if manifest.get(name, {}).get("pie") else None
        cmd = cairo_run_command(venv, program_json.name, flags, trace, memory, air=air, pie=pie)
        proc = subprocess.run(cmd, cwd=src.parent, capture_output=True)
        stdout = proc.stdout.decode("utf-8")
        stderr = proc.stderr.decode("utf-8")
        trace_bytes = trace.read_bytes() if trace.exists() else b""
        memory_bytes = memory.read_bytes() if memory.exists() else b""
        air_public = air[0].read_bytes() if air and proc.returncode == 0 else None
        air_private = air[1].read_text() if air and proc.returncode == 0 else None
        pie_digests = pie_digest(pie) if pie and proc.returncode == 0 else None
    # cairo-run opens (and so creates) both files before running, but only fills them after a
    # successful run: an empty file means "not written".
    written = proc.returncode == 0
    steps = None
    if proc.returncode == 0:
        m = re.search(r"^Number of steps: (\d+)", stdout, re.MULTILINE)
        steps = int(m.group(1)) if m else None
    if written and memory_bytes:
        memory_sha, memory_cells = memory_digest(memory_bytes)
    else:
        memory_sha, memory_cells = None, None
    golden = {
        "program": program_json.name,
        "flags": flags,
        "exit_code": proc.returncode,
        "steps": steps,
        "trace_sha256": hashlib.sha256(trace_bytes).hexdigest()
        if written and trace_bytes
        else None,
        "memory_sha256": memory_sha,
        "memory_cells": memory_cells,
        "stdout": stdout,
        "stderr": stderr,
        "custom_hint": custom_hint,
    }
    if test_hints:
        golden["test_hints"] = True
    if pie_digests is not None:
        golden["cairo_pie"] = pie_digests
    if air_public is not None:
        golden["air_public_input_sha256"] = hashlib.sha256(air_public).hexdigest()
        golden["air_private_input_sha256"] = private_input_digest(air_private)
    out = src.parent / f"{name}.golden.json"
    with open(out, "w") as f:
        f.write(format_golden(golden))
    return golden


def format_golden(golden):
    """One key per line, 2-space indent, each value (the flags list too) on its key's line."""
    lines = [f"  {json.dumps(k)}: {json.dumps(v)}" for k, v in golden.items()]
    return "{\n" + ",\n".join(lines) + "\n}\n"


# ---- hint coverage ----------------------------------------------------------------------------


def normalize_hint(code):
    return "\n".join(line.strip() for line in code.strip().splitlines() if line.strip())


def library_hints(venv):
    """Returns [(module, function, index_in_function, normalized_code)] for the library modules."""
    common = next((venv / "lib").glob("python3*/site-packages/starkware/cairo/common"))
    result = []
    for module in LIBRARY_MODULES:
        text = (common / f"{module}.cairo").read_text()
        for m in re.finditer(r"%\{(.*?)%\}", text, re.DOTALL):
            if "//" in text[text.rfind("\n", 0, m.start()) + 1 : m.start()]:
                continue  # A hint quoted in a comment.
            funcs = re.findall(r"^func (\w+)", text[: m.start()], re.MULTILINE)
            func = funcs[-1] if funcs else "?"
            index = sum(1 for r in result if r[0] == module and r[1] == func)
            result.append((module, func, index, normalize_hint(textwrap.dedent(m.group(1)))))
    return result


def hint_coverage(venv, programs, manifest):
    executed_by = {}
    for name, src in programs.items():
        program_json = src.with_suffix(".json")
        with open(program_json) as f:
            if not json.load(f).get("hints"):
                continue  # No hint to record: skip the second run.
        flags, _, _ = run_settings(name, program_json, manifest)
        with tempfile.TemporaryDirectory(prefix="cairo-cov-") as tmp:
            log = Path(tmp) / "hints.json"
            cmd = cairo_run_command(
                venv,
                program_json.name,
                flags,
                Path(tmp) / "t",
                Path(tmp) / "m",
                wrapper=COVERAGE_WRAPPER,
            )
            env = dict(os.environ, HINT_LOG=str(log))
            subprocess.run(cmd, cwd=src.parent, capture_output=True, env=env)
            if log.exists():
                for code in json.loads(log.read_text()):
                    # `nondet %{ X %}` runs as `memory[ap] = to_felt_or_relocatable(X)` (or
                    # `memory[fp + N] = ...` for a local): count it for the source text X too.
                    m = re.fullmatch(
                        r"memory\[(?:ap|fp \+ \d+)\] = to_felt_or_relocatable\((.*)\)", code, re.S
                    )
                    for text in [code] + ([m.group(1)] if m else []):
                        executed_by.setdefault(normalize_hint(text), []).append(name)
    missing = 0
    print("\nhint coverage (library module.function#index -> programs):")
    for module, func, index, code in library_hints(venv):
        users = executed_by.get(code, [])
        missing += not users
        print(f"  {module}.{func}#{index}: {', '.join(users) if users else 'NOT EXECUTED'}")
    known = {code for *_, code in library_hints(venv)}
    others = {c: users for c, users in executed_by.items() if c not in known}
    for code, users in sorted(others.items()):
        first = code.splitlines()[0] if code else ""
        print(f"  other hint {first[:60]!r}: {', '.join(users)}")
    return missing


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--venv", help="cairo-lang venv (default: <repo>/.cairo-lang-venv)")
    parser.add_argument("--recompile", action="store_true", help="recompile every program")
    parser.add_argument("--skip-benches", action="store_true", help="skip benches/programs")
    parser.add_argument("--only", nargs="+", metavar="NAME", help="only these programs")
    parser.add_argument(
        "--hint-coverage",
        action="store_true",
        help="also report which library hints each program executes",
    )
    parser.add_argument("--data-only", action="store_true", help="only compile tests/data/*.cairo")
    args = parser.parse_args()

    venv = find_venv(args.venv)
    if not args.only:
        for src in sorted(DATA_DIR.glob("*.cairo")):
            compile_program(venv, src, args.recompile, {})
    if args.data_only:
        return
    manifest = load_manifest()
    programs = discover(args.skip_benches, args.only)
    unknown = sorted(set(manifest) - set(discover(False, None)))
    if unknown:
        sys.exit(f"manifest.json names unknown programs: {unknown}")

    for name, src in programs.items():
        compile_program(venv, src, args.recompile, manifest)
    for name, src in programs.items():
        g = run_program(venv, name, src, manifest)
        status = f"steps={g['steps']}" if g["exit_code"] == 0 else f"exit={g['exit_code']}"
        print(f"{src.relative_to(REPO_ROOT)}: {status} {' '.join(g['flags'])}", file=sys.stderr)
    if args.hint_coverage:
        if hint_coverage(venv, programs, manifest):
            sys.exit(1)


if __name__ == "__main__":
    main()
