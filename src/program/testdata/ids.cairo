%builtins output range_check

from starkware.cairo.common.alloc import alloc
from starkware.cairo.common.math import assert_nn, assert_not_zero
from starkware.cairo.common.uint256 import Uint256, uint256_add
from starkware.cairo.common.registers import get_fp_and_pc

const MY_CONST = 17;
const NEG = -5;
const HUGE = 2 ** 200;

struct Point {
    x: felt,
    y: felt,
}

struct Seg {
    a: Point,
    b: Point*,
    n: felt,
}

namespace ns {
    const INNER = 3;
    func helper{range_check_ptr}(v: felt) -> felt {
        assert_nn(v);
        return v + INNER;
    }
}

func unknown_ap(n: felt) {
    if (n == 0) {
        return ();
    }
    [ap] = n, ap++;
    return unknown_ap(n - 1);
}

func use_struct(p: Point*, s: Seg, t: (felt, felt), pp: Point**, arr: felt*) -> felt {
    alloc_locals;
    local loc = p.x + s.n;
    tempvar tv = loc * 2;
    tempvar tv2 = tv + 1;
    let l2 = [ap - 1];
    let expr = [fp] * 3 + [fp + (-3)];
    let cst = cast(5, felt);
    let q = p + 2;
    %{ # H1 use_struct
    %}
    unknown_ap(2);
    tempvar after = 7;
    %{ # H2 after unknown ap
    %}
    local late = 9;
    return tv + t[0] + late + after;
}

func main{output_ptr: felt*, range_check_ptr}() {
    alloc_locals;
    let (arr: felt*) = alloc();
    assert arr[0] = 5;
    let v = ns.helper(7);
    local a: Uint256 = Uint256(low=3, high=0);
    let (res, carry) = uint256_add(a, Uint256(low=5, high=0));
    local pt: Point = Point(x=1, y=2);
    let (__fp__, _) = get_fp_and_pc();
    local pptr: Point* = &pt;
    let s = Seg(a=pt, b=&pt, n=4);
    let r = use_struct(&pt, s, (1, 2), &pptr, arr);
    %{ # H3 main
    %}
    return ();
}
