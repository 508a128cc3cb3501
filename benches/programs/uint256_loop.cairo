// Throughput benchmark: uint256 arithmetic (uint256_add, uint256_mul, uint256_unsigned_div_rem,
// with their split_64 / div_rem hints and range checks), 2,000 rounds of
// x <- (x * C + x + C) mod M (layout small). The final value is asserted.
%builtins output range_check

from starkware.cairo.common.serialize import serialize_word
from starkware.cairo.common.uint256 import (
    Uint256,
    uint256_add,
    uint256_mul,
    uint256_unsigned_div_rem,
)

const ROUNDS = 2000;

func rounds{range_check_ptr}(x: Uint256, n: felt) -> Uint256 {
    alloc_locals;
    if (n == 0) {
        return x;
    }
    let c = Uint256(0x1234567890abcdef1234567890abcdef, 0x0fedcba0987654321fedcba098765432);
    let m = Uint256(0xffffffffffffffffffffffffffffff61, 0x7fffffffffffffffffffffffffffffff);
    let (lo, _) = uint256_mul(x, c);
    let (s, _) = uint256_add(lo, x);
    let (s2, _) = uint256_add(s, c);
    let (_, r) = uint256_unsigned_div_rem(s2, m);
    return rounds(r, n - 1);
}

func main{output_ptr: felt*, range_check_ptr}() {
    let x = rounds(Uint256(3, 5), ROUNDS);
    assert x.low = 0x790d9753df09f6bbc9cac75fcff247ae;
    assert x.high = 0x280ed0fbd607e78d52aa46d9dc9213bb;
    serialize_word(x.low);
    serialize_word(x.high);
    return ();
}
