// Unbounded recursion: every call writes two cells, so the stack grows until the step limit.
func f() {
    f();
    return ();
}

func main() {
    f();
    return ();
}
