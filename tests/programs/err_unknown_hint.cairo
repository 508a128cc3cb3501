// A hint that is not from the common library. cairo-run executes arbitrary Python, so the run
// succeeds there; a VM that only implements library hints must reject it (custom_hint: true).
func main() {
    %{ memory[ap] = 6 * 7 %}
    [ap] = [ap], ap++;
    assert [ap - 1] = 42;
    return ();
}
