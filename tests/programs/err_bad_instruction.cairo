// Error: executing a data word that is not a valid instruction encoding (bit 63 set).
func main() {
    jmp bad;
    bad:
    dw 0x8000000000000000;
}
