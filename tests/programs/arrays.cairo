// Arrays in fresh segments (alloc hint): filling, summing, reversing and reading back,
// plus an array of arrays (pointers stored in a segment).
from starkware.cairo.common.alloc import alloc

func fill_squares(arr: felt*, i, n) {
    if (i == n) {
        return ();
    }
    assert arr[i] = i * i;
    return fill_squares(arr, i + 1, n);
}

func array_sum(arr: felt*, n) -> felt {
    if (n == 0) {
        return 0;
    }
    let rest = array_sum(arr + 1, n - 1);
    return arr[0] + rest;
}

func reverse(src: felt*, n, dst: felt*) {
    if (n == 0) {
        return ();
    }
    assert dst[n - 1] = src[0];
    return reverse(src + 1, n - 1, dst);
}

func main() {
    alloc_locals;
    let (local squares: felt*) = alloc();
    fill_squares(squares, 0, 10);
    let s = array_sum(squares, 10);
    assert s = 285;
    let (local rev: felt*) = alloc();
    reverse(squares, 10, rev);
    assert rev[0] = 81;
    assert rev[9] = 0;
    // An array of arrays.
    let (local rows: felt**) = alloc();
    assert rows[0] = squares;
    assert rows[1] = rev;
    assert rows[1][2] = 49;
    assert rows[0][3] = 9;
    // Writing a new cell through a double dereference: rev[10] is unknown before this.
    assert rev[10] = rows[0][9];
    assert rev[10] = 81;
    return ();
}
