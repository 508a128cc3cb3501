// A panic with a message: the run ends with the panic's data.
fn check(x: u32) -> u32 {
    assert(x < 10, 'x is too big');
    x * 2
}

fn main() -> u32 {
    let a = check(3);
    check(a + 20)
}
