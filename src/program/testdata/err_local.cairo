struct P {
    x: felt,
    y: felt,
}
func g(p: P*, v: felt) {
    tempvar t = v + 1;
    with_attr error_message("bad v={v} t={t} p={p} px={p.x} ") {
        with_attr error_message("second {v}") {
            assert v = 3;
        }
    }
    return ();
}
func main() {
    alloc_locals;
    local pt: P = P(x=1, y=2);
    local neg = -7;
    let (__fp__, _) = get_fp_and_pc();
    with_attr error_message("neg={neg} {{neg}} in main {pt} {pt.x} {MISSING} {neg") {
        g(&pt, neg);
    }
    return ();
}
from starkware.cairo.common.registers import get_fp_and_pc
