// Error: an infinite loop, stopped by the step limit (run with --steps 10000).
func main() {
    [ap] = 0, ap++;
    loop:
    [ap] = [ap - 1] + 1, ap++;
    jmp loop;
}
