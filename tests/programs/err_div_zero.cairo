// Error: division by zero in a deduction. `q = 7 / z` compiles to `7 = z * q` with q unknown:
// op1 would be dst / op0 with op0 = 0, so q cannot be deduced.
func div(a, b) -> felt {
    tempvar q = a / b;
    return q;
}

func main() {
    let x = div(7, 1);
    assert x = 7;
    let y = div(7, 0);
    return ();
}
