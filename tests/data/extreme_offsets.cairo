// The largest offsets an instruction can encode: a write far above ap, reads of it, and a
// read far below fp (a negative address).
func main() {
    [ap + 32767] = 5;
    [ap] = [ap + 32767] * 2, ap++;
    [ap] = [fp + (-32768)], ap++;
    ret;
}
