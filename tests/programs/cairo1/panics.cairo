// Panics, chosen by the argument: 0 returns normally, 1 fails an assert with a short string,
// 2 overflows u32 multiplication, 3 indexes an array out of bounds, 4 unwraps None,
// 5 panics with several felts through panic(), 6 divides a u64 by zero; from 7 on, returns
// 100 / (kind - 6).
fn pick(kind: felt252) -> u32 {
    let values = array![10_u32, 20, 30];
    match kind {
        0 => *values[1] + 1,
        1 => {
            assert(kind == 0, 'kind must be zero');
            0
        },
        2 => {
            let big: u32 = 0x10000;
            big * big
        },
        3 => *values[7],
        4 => {
            let none: Option<u32> = Option::None;
            none.unwrap()
        },
        5 => panic(array!['custom', 1, 2, 3]),
        _ => {
            let zero: u64 = (kind - 6).try_into().unwrap();
            (100_u64 / zero).try_into().unwrap()
        },
    }
}

fn main(kind: felt252) -> u32 {
    pick(kind)
}
