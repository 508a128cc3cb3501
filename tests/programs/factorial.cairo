// Recursive factorial; 70! exceeds the prime, so the result wraps around the field.

// 70! reduced modulo the Cairo prime (computed off-line).
const FACT70_MOD_P = 1548542706611593746410722008043163441002935367880745311785887731388267760345;

func factorial(n) -> felt {
    if (n == 0) {
        return 1;
    }
    let r = factorial(n - 1);
    return n * r;
}

func main() {
    let f10 = factorial(10);
    assert f10 = 3628800;
    let f20 = factorial(20);
    assert f20 = 2432902008176640000;
    let f70 = factorial(70);
    assert f70 = FACT70_MOD_P;
    return ();
}
