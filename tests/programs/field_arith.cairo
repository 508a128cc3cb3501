// Field arithmetic: negative numbers, felts near the prime, wrap-around, and field division
// (`/` on felts compiles to a mul instruction whose operand is deduced). Prints the results.
%builtins output

from starkware.cairo.common.serialize import serialize_word

const P_MINUS_1 = -1;
const HALF_PRIME = 1809251394333065606848661391547535052811553607665798349986546028067936010240;

func div(a, b) -> felt {
    // Compiles to `a = b * [ap]` with [ap] deduced.
    tempvar q = a / b;
    return q;
}

func main{output_ptr: felt*}() {
    alloc_locals;
    // Negative numbers.
    tempvar neg = 3 - 10;
    assert neg = -7;
    serialize_word(neg);
    serialize_word(-1);
    // Wrap-around: (P - 1) + 2 = 1.
    tempvar big = P_MINUS_1;
    tempvar wrapped = big + 2;
    assert wrapped = 1;
    serialize_word(big);
    serialize_word(wrapped);
    // Around P / 2: the largest "positive" and smallest "negative" values.
    serialize_word(HALF_PRIME);
    serialize_word(HALF_PRIME + 1);
    serialize_word(HALF_PRIME + 2);
    // 2^250 and -(2^250).
    serialize_word(2 ** 250);
    serialize_word(-(2 ** 250));
    // Field division.
    let third = div(1, 3);
    assert third * 3 = 1;
    serialize_word(third);
    let q = div(100, 7);
    serialize_word(q);
    let exact = div(144, 12);
    assert exact = 12;
    serialize_word(exact);
    let neg_div = div(-10, 4);
    serialize_word(neg_div);
    // Multiplying large values.
    tempvar sq = big * big;
    assert sq = 1;
    tempvar m = HALF_PRIME * 2;
    assert m = -1;
    serialize_word(m);
    return ();
}
