// Felt252Dict: entries, updates, big keys, squashing at the end (segment arena).
use core::dict::Felt252Dict;

fn main() -> felt252 {
    let mut d: Felt252Dict<felt252> = Default::default();
    let mut i: felt252 = 0;
    while i != 30 {
        d.insert(i, i * 10);
        d.insert(i * 0x1000000000000000000000000000000000000000, i + 1);
        i += 1;
    }
    d.insert(5, d.get(5) + d.get(7));
    let mut e: Felt252Dict<u64> = Default::default();
    e.insert(1, 2);
    e.insert(1, 3);
    let squashed = d.squash();
    let _ = squashed;
    d = Default::default();
    d.insert(3, 4);
    d.get(3) + d.get(4) + e.get(1).into()
}
