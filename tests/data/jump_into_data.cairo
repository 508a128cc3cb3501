// Control flow that lands on data words: an immediate decoded as an instruction, then a word
// that is not an instruction at all.
func main() {
    [ap] = 0x10780017fff7fff, ap++;
    jmp rel 3;
    [ap] = 0x208b7fff7fff7ffe, ap++;
    jmp rel 1;
    dw 0x7fffffffffffffff;
    ret;
}
