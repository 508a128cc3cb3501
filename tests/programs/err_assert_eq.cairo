// Error: an assert_eq whose both sides are known and differ (x = 4, asserted to be 5).
func check(x) {
    assert x = 5;
    return ();
}

func main() {
    check(4);
    return ();
}
