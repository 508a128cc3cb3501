// Arrays and spans: append, index, pop_front, a returned array.
fn sum(mut span: Span<felt252>) -> felt252 {
    let mut acc = 0;
    while let Option::Some(v) = span.pop_front() {
        acc += *v;
    }
    acc
}

fn main() -> Array<felt252> {
    let mut a: Array<felt252> = ArrayTrait::new();
    let mut i: felt252 = 0;
    while i != 20 {
        a.append(i * i);
        i += 1;
    }
    let total = sum(a.span());
    let mut out = array![total, *a.at(5), a.len().into()];
    let mut nested: Array<Array<u32>> = array![array![1, 2], array![3]];
    let inner = nested.pop_front().unwrap();
    out.append((*inner.at(1)).into());
    out
}
