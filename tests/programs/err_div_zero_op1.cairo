// Error: op1 cannot be deduced from `dst = op0 * op1` when op0 = 0 (division by zero); unlike the
// op0 case, cairo-run reports the unknown op1 cell.
func main() {
    [ap] = 0, ap++;
    [ap] = 5, ap++;
    [ap - 1] = [ap - 2] * [ap], ap++;
    ret;
}
