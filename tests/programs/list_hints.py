#!/usr/bin/env python3
"""Lists every Cairo Zero hint text of cairo-lang's common library and Starknet whitelists.

Writes tests/data/cairo0_hints.json: one entry per distinct hint text, as the compiler stores
it in a compiled program (`ExprHint.from_str`: leading blank lines dropped, trailing whitespace
of the whole text stripped, common indentation removed), which is also the text the whitelists
compare exactly (`HintsWhitelist.verify_hint_secure` looks `hint.code` up in a dict). Sources:

  * every hint of `starkware/cairo/common/**/*.cairo`, as compiled: each file is compiled on
    its own, so `nondet %{ X %}` is listed as the hint the compiler makes of it
    (`memory[ap] = to_felt_or_relocatable(X)`); a file that does not compile on its own
    contributes its `%{ %}` blocks found by cairo-lang's parser (hints quoted in comments are
    never counted);
  * every entry of `starkware/starknet/security/whitelists/*.json` (hint lines joined by "\\n").

Each entry: {"code": TEXT, "library": ["path.cairo:function", ...], "whitelists": [FILE, ...]}.
Entries are sorted by their first library location (whitelist-only hints last, by file then
text), so that the file reads module by module.

Usage: python3 tests/programs/list_hints.py [--venv DIR]
Runs itself again with the venv's python (cairo-lang must be importable).
"""

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

SCRIPT_DIR = Path(__file__).resolve().parent
REPO_ROOT = SCRIPT_DIR.parent.parent
OUT = REPO_ROOT / "tests" / "data" / "cairo0_hints.json"


def find_venv(requested):
    candidates = [Path(requested)] if requested else [
        REPO_ROOT / ".cairo-lang-venv",
        REPO_ROOT.parent / ".cairo-lang-venv",
    ]
    for c in candidates:
        if (c / "bin" / "python").exists():
            return c.resolve()
    sys.exit(f"no cairo-lang venv among {[str(c) for c in candidates]}")


def collect():
    """Runs inside the venv: returns the entries."""
    import tempfile

    import starkware
    from starkware.cairo.lang.cairo_constants import DEFAULT_PRIME
    from starkware.cairo.lang.compiler.ast.code_elements import CodeElementFunction, CodeElementHint
    from starkware.cairo.lang.compiler.ast.expr import ExprHint
    from starkware.cairo.lang.compiler.cairo_compile import compile_cairo_files
    from starkware.cairo.lang.compiler.parser import parse_file

    root = Path(starkware.__file__).resolve().parent
    site = root.parent
    common = root / "cairo" / "common"
    entries = {}

    def add(code, where=None, whitelist=None):
        e = entries.setdefault(code, {"code": code, "library": [], "whitelists": []})
        if where is not None and where not in e["library"]:
            e["library"].append(where)
        if whitelist is not None and whitelist not in e["whitelists"]:
            e["whitelists"].append(whitelist)

    def walk(node, rel, func, found):
        """Statement hints (`%{ %}`) and expression hints (`nondet %{ %}`) of a parsed file."""
        if isinstance(node, CodeElementFunction):
            func = node.name
        if isinstance(node, CodeElementHint):
            found.append(("statement", node.hint_code, f"{rel}:{func or '<top>'}"))
            return
        if isinstance(node, ExprHint):
            found.append(("nondet", node.hint_code, f"{rel}:{func or '<top>'}"))
            return
        for child in node.get_children():
            if child is not None:
                walk(child, rel, func, found)

    # Some library files import `src.starkware...`: make that path resolvable.
    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / "src").symlink_to(site)
        for path in sorted(common.rglob("*.cairo")):
            rel = str(path.relative_to(site))
            found = []
            walk(parse_file(path.read_text(), filename=str(path)), rel, None, found)
            if not found:
                continue
            try:
                program = compile_cairo_files(
                    [str(path)], prime=DEFAULT_PRIME, cairo_path=[tmp], debug_info=True
                )
            except Exception as exc:  # A library file that does not compile on its own.
                if any(kind == "nondet" for kind, _, _ in found):
                    sys.exit(f"{rel} does not compile ({exc}) and has nondet hints")
                for _, code, where in found:
                    add(code, where)
                continue
            # The compiled texts: `nondet %{ X %}` becomes `memory[ap] = ...(X)` (or
            # `memory[fp + N] = ...` for a local), statement hints are unchanged.
            locations = program.debug_info.instruction_locations
            for pc, hints in sorted(program.hints.items()):
                for index, hint in enumerate(hints):
                    loc = locations[pc].hints[index].location.input_file.filename
                    if Path(loc).resolve() != path.resolve():
                        continue  # Reported when its own file is compiled.
                    func = str(hint.accessible_scopes[-1]).split(".")[-1]
                    add(hint.code, f"{rel}:{func}")

    for path in sorted((root / "starknet" / "security" / "whitelists").glob("*.json")):
        data = json.loads(path.read_text())
        for item in data["allowed_reference_expressions_for_hint"]:
            add("\n".join(item["hint_lines"]), whitelist=path.name)

    def key(e):
        if e["library"]:
            return (0, e["library"][0], "", e["code"])
        return (1, "", e["whitelists"][0], e["code"])

    return sorted(entries.values(), key=key)


def main():
    if os.environ.get("LIST_HINTS_IN_VENV") == "1":
        entries = collect()
        OUT.parent.mkdir(parents=True, exist_ok=True)
        with open(OUT, "w") as f:
            json.dump(entries, f, indent=1)
            f.write("\n")
        lib = sum(1 for e in entries if e["library"])
        print(f"{OUT.relative_to(REPO_ROOT)}: {len(entries)} hint texts ({lib} in the library)")
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--venv", help="cairo-lang venv (default: <repo>/.cairo-lang-venv)")
    args = parser.parse_args()
    venv = find_venv(args.venv)
    env = dict(os.environ, LIST_HINTS_IN_VENV="1")
    subprocess.run([str(venv / "bin" / "python"), str(Path(__file__).resolve())], env=env, check=True)


if __name__ == "__main__":
    main()
