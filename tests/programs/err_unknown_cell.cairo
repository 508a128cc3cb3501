// Error: a jump to a program address past the end of the code, whose cell is unset.
from starkware.cairo.common.registers import get_label_location

func main() {
    let (here) = get_label_location(main);
    jmp abs here + 1000;
}
