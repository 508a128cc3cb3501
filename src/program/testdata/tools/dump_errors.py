# Dumps the VM state at a cairo-run failure (see matches_dumped_cairo_lang_errors in
# src/program/tests/errors_fmt.rs): python dump_errors.py A.json ... > states.jsonl, then run that
# test with CAIRO_JIT_ERR_STATES=states.jsonl.
# Runs each program like cairo-run (small layout unless --plain) and dumps, on a VmException,
# the state needed to format it, plus str(exc), as JSON lines.
import json, sys, os
from starkware.cairo.lang.compiler.program import Program
from starkware.cairo.lang.vm.cairo_runner import CairoRunner
from starkware.cairo.lang.vm.vm_exceptions import VmException, HintException
from starkware.cairo.lang.instances import LAYOUTS
from starkware.cairo.lang.vm.relocatable import RelocatableValue as R
for path in sys.argv[1:]:
    os.chdir(os.path.dirname(path) or ".")
    prog = Program.load(data=json.load(open(path)))
    layout = "small" if prog.builtins else "plain"
    runner = CairoRunner(program=prog, layout=LAYOUTS[layout], proof_mode=False)
    runner.initialize_segments()
    end = runner.initialize_main_entrypoint()
    runner.initialize_vm(hint_locals={})
    try:
        from starkware.cairo.lang.vm.cairo_runner import RunResources
        runner.run_until_pc(end, run_resources=RunResources(n_steps=10000) if "infinite" in path else None)
        continue
    except VmException as e:
        vm = runner.vm; rc = vm.run_context
        loc = vm.get_location(e.pc)
        hint_index = None
        if isinstance(e.inner_exc, HintException) and loc is not None:
            for i, h in enumerate(loc.hints):
                if h is not None and h.location == e.location: hint_index = i
        print(json.dumps({
            "program": path, "pc": str(e.pc), "fp": str(rc.fp),
            "entries": None if e.traceback is None else [[str(f), str(p)] for f, p in rc.get_traceback_entries()],
            "inner": str(e.inner_exc), "notes": e.notes, "hint_index": hint_index,
            "memory": {str(k): str(v) for k, v in vm.run_context.memory.items() if isinstance(k, R)},
            "expected": str(e),
        }))
