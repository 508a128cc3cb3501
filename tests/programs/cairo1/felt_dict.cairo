// Felt252Dict: counting occurrences, reading missing keys (zero default), overwriting,
// a dictionary of u64 values, and the squash at the end through the segment arena.
fn count(values: Span<felt252>) -> Felt252Dict<felt252> {
    let mut counts: Felt252Dict<felt252> = Default::default();
    let mut s = values;
    loop {
        match s.pop_front() {
            Option::Some(v) => {
                let c = counts.get(*v);
                counts.insert(*v, c + 1);
            },
            Option::None => { break; },
        }
    }
    counts
}

fn main(values: Array<felt252>) -> Array<felt252> {
    let mut out = ArrayTrait::new();
    let mut counts = count(values.span());
    out.append(counts.get(1));
    out.append(counts.get(2));
    out.append(counts.get(3));
    out.append(counts.get(12345));
    counts.insert(2, 100);
    out.append(counts.get(2));

    let mut squares: Felt252Dict<u64> = Default::default();
    let mut i: u64 = 0;
    while i < 20 {
        squares.insert(i.into(), i * i);
        i += 1;
    }
    let mut total: u64 = 0;
    let mut k: u64 = 0;
    while k < 25 {
        total += squares.get(k.into());
        k += 1;
    }
    out.append(total.into());
    // Squashed explicitly: the squashed dict is dropped.
    let _squashed = squares.squash();
    out
}
