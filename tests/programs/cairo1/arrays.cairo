// Arrays and spans: append, pop_front, len, at / get, snapshots, spans sliced and summed,
// an array built from another one, and arrays of structs-free u32 values.
fn sum_span(mut s: Span<felt252>) -> felt252 {
    let mut total = 0;
    loop {
        match s.pop_front() {
            Option::Some(v) => { total += *v; },
            Option::None => { break total; },
        }
    }
}

fn squares(n: u32) -> Array<u32> {
    let mut a = ArrayTrait::new();
    let mut i: u32 = 0;
    while i < n {
        a.append(i * i);
        i += 1;
    }
    a
}

fn main(values: Array<felt252>, n: felt252) -> Array<felt252> {
    let mut out = ArrayTrait::new();
    let s = values.span();
    out.append(s.len().into());
    out.append(sum_span(s));
    out.append(*s.at(0));
    out.append(*values[values.len() - 1]);
    // get: in and out of bounds.
    out.append(match s.get(1) {
        Option::Some(v) => *v.unbox(),
        Option::None => 'none',
    });
    out.append(match s.get(1000) {
        Option::Some(v) => *v.unbox(),
        Option::None => 'none',
    });
    // slice and snapshot.
    out.append(sum_span(s.slice(1, s.len() - 2)));
    let snap = @values;
    out.append(snap.len().into());

    // pop_front on an owned array until empty, reversing it into another array.
    let mut rest = values;
    let mut reversed: Array<felt252> = ArrayTrait::new();
    let mut first = Option::None;
    loop {
        match rest.pop_front() {
            Option::Some(v) => {
                if first.is_none() {
                    first = Option::Some(v);
                }
                reversed.append(v * 10);
            },
            Option::None => { break; },
        }
    }
    out.append(first.unwrap());
    out.append(sum_span(reversed.span()));

    // An array of u32.
    let sq = squares(n.try_into().unwrap());
    let mut i = 0;
    let mut acc: u32 = 0;
    while i < sq.len() {
        acc += *sq.at(i);
        i += 1;
    }
    out.append(acc.into());
    out.append(sq.len().into());
    out
}
