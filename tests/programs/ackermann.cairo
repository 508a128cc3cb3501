// A small Ackermann function: deeply nested recursion with non-tail calls.
func ack(m, n) -> felt {
    if (m == 0) {
        return n + 1;
    }
    if (n == 0) {
        return ack(m - 1, 1);
    }
    let inner = ack(m, n - 1);
    return ack(m - 1, inner);
}

func main() {
    let a = ack(1, 3);
    assert a = 5;
    let b = ack(2, 3);
    assert b = 9;
    return ();
}
