// Error: write-once memory violation by the VM itself. [ap + 1] is written without moving ap,
// then `call` tries to store the return pc into that same cell.
func f() {
    ret;
}

func main() {
    [ap + 1] = 7;
    call f;
    ret;
}
