// A write 2^31 cells past the start of the execution segment: its storage would need 64 GiB,
// which the kernel's default (heuristic) overcommit refuses on a machine with less memory.
// cairo-run keeps memory in a dict and runs this; we report an error naming the pc instead of
// aborting.
func main() {
    ap += 2147483648;
    [ap] = 1, ap++;
    ret;
}
