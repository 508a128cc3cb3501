// Error: executing an instruction whose opcode bits (12..14 of the flags) are 0b011, i.e. both
// CALL and RET: not a valid opcode. All three offsets are 0 (0x8000 biased).
func main() {
    jmp bad;
    bad:
    dw 0x3000800080008000;
}
