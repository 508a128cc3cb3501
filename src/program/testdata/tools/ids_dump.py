# Differential check of ids resolution (see src/program/tests/corpus.rs):
#   python ids_dump.py A.json B.json > py.txt  (with the cairo-lang venv python), then run the Rust
#   test corpus_loads_and_every_hint_name_resolves with CAIRO_JIT_IDS_DUMP_PROGRAMS="A.json B.json"
#   CAIRO_JIT_IDS_DUMP_OUT=rs.txt and compare the sorted outputs.
# For every hint of each program, resolves ids.<name> (and one level of struct members) for
# every reference name of the hint, with a synthetic memory, as cairo-lang's VmConsts does.
import json, sys
from starkware.cairo.lang.compiler.program import Program
from starkware.cairo.lang.vm.vm_consts import VmConsts, VmConstsContext, VmConstsReference, VmConstsStruct
from starkware.cairo.lang.compiler.expression_evaluator import ExpressionEvaluator
from starkware.cairo.lang.vm.relocatable import RelocatableValue as R

class Mem(dict):
    def __getitem__(self, k):
        if isinstance(k, R):
            return R(k.segment_index + 1, k.offset + 1)
        raise KeyError(k)

def fmt(v, P):
    if isinstance(v, VmConstsReference):
        a = v.address_
        return f"S:{v._struct_definition.full_name}@{a % P if isinstance(a, int) else a}"
    if isinstance(v, VmConstsStruct): return f"D:{v._struct_definition.full_name}"
    if isinstance(v, VmConsts): return "C"
    if isinstance(v, int): return f"V:{v % P}"
    return f"V:{v}"

for path in sys.argv[1:]:
    prog = Program.load(data=json.load(open(path)))
    P = prog.prime
    name = path.split('/')[-1]
    for pc in sorted(prog.hints):
        for idx, hint in enumerate(prog.hints[pc]):
            memory = Mem()
            ap, fp = R(1, 1000), R(1, 500)
            ids = VmConsts(context=VmConstsContext(identifiers=prog.identifiers,
                evaluator=ExpressionEvaluator(P, ap, fp, memory, prog.identifiers).eval,
                reference_manager=prog.reference_manager, flow_tracking_data=hint.flow_tracking_data,
                memory=memory, pc=pc), accessible_scopes=hint.accessible_scopes)
            names = sorted(set(str(n).split('.')[-1] for n in hint.flow_tracking_data.reference_ids))
            for n in names:
                if n.startswith('__'): continue
                try:
                    v = getattr(ids, n)
                    out = fmt(v, P)
                except Exception as e:
                    v = None; out = "ERR"
                print(f"{name} {pc} {idx} {n} => {out}")
                if isinstance(v, VmConstsReference):
                    for m in sorted(v._struct_definition.members):
                        try: out = fmt(getattr(v, m), P)
                        except Exception: out = "ERR"
                        print(f"{name} {pc} {idx} {n}.{m} => {out}")
