// Error: write-once memory violation inside a hint. A cell above ap is written before the call
// to alloc, then alloc's hint (`memory[ap] = segments.add()`) writes a different value to it.
from starkware.cairo.common.alloc import alloc

func main() {
    // call pushes 2 cells (old fp, return pc), so alloc's [ap] is the current [ap + 2].
    [ap + 2] = 7;
    let (p) = alloc();
    assert [p] = 1;
    return ();
}
