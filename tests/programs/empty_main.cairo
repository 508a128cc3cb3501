// The smallest program: main returns immediately (one step).
func main() {
    ret;
}
