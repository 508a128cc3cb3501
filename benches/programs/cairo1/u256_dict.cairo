// Cairo 1 benchmark: u256 arithmetic and a Felt252Dict in a loop (about 1.5M steps).
use core::dict::Felt252Dict;

fn main() -> felt252 {
    let mut d: Felt252Dict<u128> = Default::default();
    let mut acc: u256 = 1;
    let mut i: u128 = 0;
    while i != 6000 {
        acc = (acc * 0x10001 + i.into()) % 0xffffffffffffffffffffffffffffff61;
        d.insert((i % 512).into(), acc.low);
        i += 1;
    }
    d.get(7).into() + acc.low.into()
}
