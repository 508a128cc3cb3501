//! add_mod and mul_mod: instances of 7 cells `p0..p3, values_ptr, offsets_ptr, n` describing a
//! batch of modular operations `c = a op b (mod p)` over 384-bit numbers held as 4 words of 96
//! bits in a values table, with their offsets in an offsets table (cairo-lang's
//! `ModBuiltinRunner`). The builtins deduce nothing themselves: the library's
//! `run_mod_p_circuit` hint calls [`fill_memory`], which writes the remaining instances and the
//! unknown values.

use crate::vm::{Memory, Relocatable, Value};
use num_bigint::{BigInt, Sign};
use num_integer::Integer;
use num_traits::{One, Signed, ToPrimitive, Zero};
use starknet_types_core::felt::Felt;

/// Words per number.
pub const N_WORDS: u64 = 4;
/// Bits per word.
pub const WORD_BIT_LEN: u32 = 96;
/// Operations per instance.
pub const BATCH_SIZE: u64 = 1;
/// The largest `n` [`fill_memory`] accepts.
pub const MAX_N: u64 = 100_000;
/// Cells of the zero segment the builtins need.
pub const ZERO_SEGMENT_SIZE: u64 = 4;

/// Which operation.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum ModOp {
    /// add_mod.
    Add,
    /// mul_mod.
    Mul,
}

impl ModOp {
    fn name(self) -> &'static str {
        match self {
            ModOp::Add => "add_mod",
            ModOp::Mul => "mul_mod",
        }
    }
    fn apply(self, a: &BigInt, b: &BigInt) -> BigInt {
        match self {
            ModOp::Add => a + b,
            ModOp::Mul => a * b,
        }
    }
    fn py_op(self) -> &'static str {
        match self {
            ModOp::Add => "<built-in function add>",
            ModOp::Mul => "<built-in function mul>",
        }
    }
    fn k_bound(self) -> BigInt {
        match self {
            ModOp::Add => BigInt::from(2),
            ModOp::Mul => int_lim(),
        }
    }
}

fn int_lim() -> BigInt {
    BigInt::one() << (N_WORDS as usize * WORD_BIT_LEN as usize)
}

/// The felt as a u64, if it is one.
pub fn felt_u64(f: &Felt) -> Option<u64> {
    let b = f.to_bytes_be();
    if b[..24].iter().any(|&x| x != 0) {
        return None;
    }
    let mut w = [0u8; 8];
    w.copy_from_slice(&b[24..]);
    Some(u64::from_be_bytes(w))
}

fn at(p: Relocatable, i: u64) -> Relocatable {
    Relocatable::new(p.segment, p.offset + i)
}

fn get(memory: &Memory, a: Relocatable) -> Result<Value, String> {
    memory.get(a).ok_or_else(|| format!("Unknown value for memory cell at address {a}."))
}

fn big(f: &Felt) -> BigInt {
    BigInt::from_biguint(Sign::Plus, f.to_biguint())
}

/// Reads the 4 words at `addr`: `(words, value)`, value `None` when a word is missing.
fn read_n_words(memory: &Memory, addr: Relocatable) -> Result<(Vec<BigInt>, Option<BigInt>), String> {
    let mut words = Vec::new();
    let mut value = BigInt::zero();
    for i in 0..N_WORDS {
        let a = at(addr, i);
        let Some(w) = memory.get(a) else { return Ok((words, None)) };
        let Value::Int(w) = w else { return Err(format!("Expected integer at address {a}. Got: {w}.")) };
        if w.bits() > WORD_BIT_LEN as usize {
            return Err(format!(
                "Expected integer at address {a} to be smaller than 2^{WORD_BIT_LEN}. Got: {w}."
            ));
        }
        let w = big(&w);
        value += &w << (WORD_BIT_LEN as usize * i as usize);
        words.push(w);
    }
    Ok((words, Some(value)))
}

fn write_n_words(memory: &mut Memory, addr: Relocatable, value: &BigInt) -> Result<(), String> {
    let mut v = value.clone();
    let shift = BigInt::one() << WORD_BIT_LEN;
    for i in 0..N_WORDS {
        let (q, r) = v.div_mod_floor(&shift);
        let word = Felt::from(&r);
        memory.insert(at(addr, i), Value::Int(word)).map_err(|e| e.to_string())?;
        v = q;
    }
    if !v.is_zero() {
        return Err(String::new());
    }
    Ok(())
}

/// An instance's inputs.
#[derive(Clone, Debug)]
pub struct Inputs {
    /// The modulus words.
    pub p_words: Vec<BigInt>,
    /// The modulus.
    pub p: BigInt,
    /// The values table.
    pub values_ptr: Relocatable,
    /// The offsets table.
    pub offsets_ptr: Relocatable,
    /// The operations left (when read).
    pub n: Option<BigInt>,
}

/// cairo-lang's `read_inputs`.
pub fn read_inputs(memory: &Memory, op: ModOp, addr: Relocatable, read_n: bool) -> Result<Inputs, String> {
    let name = op.name();
    let ptr = |i: u64| -> Result<Relocatable, String> {
        let a = at(addr, i);
        match get(memory, a)? {
            Value::Ptr(p) => Ok(p),
            v => Err(format!("{name} builtin: Expected RelocatableValue at address {a}. Got: {v}.")),
        }
    };
    let values_ptr = ptr(4)?;
    let offsets_ptr = ptr(5)?;
    let n = if read_n {
        let a = at(addr, 6);
        let n = match get(memory, a)? {
            Value::Int(n) => big(&n),
            v => return Err(format!("{name} builtin: Expected integer at address {a}. Got: {v}.")),
        };
        if n < BigInt::one() {
            return Err(format!("{name} builtin: Expected n >= 1. Got: {n}."));
        }
        Some(n)
    } else {
        None
    };
    let (words, value) = read_n_words(memory, addr)?;
    let p = value.ok_or_else(|| {
        format!("{name} builtin: Missing value at address {}.", at(addr, words.len() as u64))
    })?;
    Ok(Inputs { p_words: words, p, values_ptr, offsets_ptr, n })
}

fn fill_inputs(memory: &mut Memory, op: ModOp, ptr: Relocatable, inputs: &Inputs) -> Result<(), String> {
    let n = inputs.n.clone().unwrap_or_default();
    if n > BigInt::from(MAX_N) {
        return Err(format!("{} builtin: n must be <= {MAX_N}", op.name()));
    }
    let n = n.to_u64().unwrap_or(0);
    for instance in 1..n / BATCH_SIZE {
        let ip = at(ptr, 7 * instance);
        let mut put = |i: u64, v: Value| memory.insert(at(ip, i), v).map_err(|e| e.to_string());
        for (i, w) in inputs.p_words.iter().enumerate() {
            put(i as u64, Value::Int(Felt::from(w)))?;
        }
        put(4, Value::Ptr(inputs.values_ptr))?;
        put(5, Value::Ptr(at(inputs.offsets_ptr, 3 * instance * BATCH_SIZE)))?;
        put(6, Value::Int(Felt::from(n - instance * BATCH_SIZE)))?;
    }
    Ok(())
}

fn fill_offsets(memory: &mut Memory, inputs: &Inputs, index: u64, n_copies: i64) -> Result<(), String> {
    if n_copies <= 0 {
        return Ok(());
    }
    let mut first = Vec::new();
    for i in 0..3 {
        first.push(get(memory, at(inputs.offsets_ptr, i))?);
    }
    for i in 0..n_copies as u64 {
        for (j, v) in first.iter().enumerate() {
            memory
                .insert(at(inputs.offsets_ptr, 3 * (index + i) + j as u64), *v)
                .map_err(|e| e.to_string())?;
        }
    }
    Ok(())
}

#[derive(PartialEq, Eq, Debug)]
enum Fill {
    Success,
    MissingOperand,
    ZeroDivisor,
}

fn calc_operand(op: ModOp, known: &BigInt, res: &BigInt, p: &BigInt) -> Result<(Fill, BigInt), String> {
    match op {
        ModOp::Add => {
            if known > &(res + p) {
                return Err(format!("add_mod builtin: addend greater than sum + p: {known} > {res} + {p}."));
            }
            Ok((Fill::Success, if known <= res { res - known } else { res + p - known }))
        }
        ModOp::Mul => {
            let e = known.extended_gcd(p);
            let (x, gcd) = (e.x, e.gcd);
            if gcd != BigInt::one() {
                return Ok((Fill::ZeroDivisor, p / gcd));
            }
            let tmp = (res * x).mod_floor(p);
            let k = (known * &tmp - res) / p;
            if k >= op.k_bound() {
                return Err(format!(
                    "mul_mod builtin: (({known} * q) - {res}) / {p} > {} for any q > 0, such that {known} * q = {res} (mod {p}).",
                    op.k_bound()
                ));
            }
            if !k.is_negative() {
                return Ok((Fill::Success, tmp));
            }
            Ok((Fill::Success, tmp + p * (Integer::div_floor(&(known - 1 - k), known))))
        }
    }
}

fn py_list(values: &[Option<BigInt>]) -> String {
    let items: Vec<String> =
        values.iter().map(|v| v.as_ref().map(|v| v.to_string()).unwrap_or_else(|| "None".into())).collect();
    format!("[{}]", items.join(", "))
}

fn fill_value(memory: &mut Memory, op: ModOp, inputs: &Inputs, index: u64) -> Result<Fill, String> {
    let mut addrs = Vec::new();
    for k in 0..3 {
        let off = get(memory, at(inputs.offsets_ptr, 3 * index + k))?;
        let a = match off {
            Value::Int(o) => felt_u64(&o).map(|o| at(inputs.values_ptr, o)),
            Value::Ptr(_) => None,
        }
        .ok_or_else(|| format!("Cannot add {} and {off}.", inputs.values_ptr))?;
        addrs.push(a);
    }
    let mut values = Vec::new();
    for a in &addrs {
        values.push(read_n_words(memory, *a)?.1);
    }
    let p = &inputs.p;
    match (&values[0], &values[1], &values[2]) {
        (Some(_), Some(_), Some(_)) => Ok(Fill::Success),
        (Some(a), Some(b), None) => {
            let tmp = op.apply(a, b);
            let kb = op.k_bound();
            if tmp.clone() - (&kb - 1) * p > int_lim() - 1 {
                return Err(format!(
                    "{} builtin: Expected a {} b - {} * p <= {}. Got: values={}, p={p}.",
                    op.name(),
                    op.py_op(),
                    &kb - 1,
                    int_lim() - 1,
                    py_list(&values)
                ));
            }
            let v = if tmp < &kb * p { tmp.mod_floor(p) } else { tmp - (&kb - 1) * p };
            write_n_words(memory, addrs[2], &v)?;
            Ok(Fill::Success)
        }
        (Some(a), None, Some(c)) => {
            let (r, v) = calc_operand(op, a, c, p)?;
            write_n_words(memory, addrs[1], &v)?;
            Ok(r)
        }
        (None, Some(b), Some(c)) => {
            let (r, v) = calc_operand(op, b, c, p)?;
            write_n_words(memory, addrs[0], &v)?;
            Ok(r)
        }
        _ => Ok(Fill::MissingOperand),
    }
}

/// cairo-lang's `ModBuiltinRunner.fill_memory`: `add_mod` and `mul_mod` are
/// `(builtin pointer, number of operations)` for the builtins the caller has runners for.
/// Errors are cairo-lang's messages.
pub fn fill_memory(
    memory: &mut Memory,
    add_mod: Option<(Relocatable, u64)>,
    mul_mod: Option<(Relocatable, u64)>,
) -> Result<(), String> {
    let add_mod = add_mod.filter(|a| a.1 != 0);
    let mul_mod = mul_mod.filter(|m| m.1 != 0);
    let mut add_inputs = None;
    if let Some((ptr, n)) = add_mod {
        if n > MAX_N {
            return Err(format!("add_mod builtin: n must be <= {MAX_N}"));
        }
        let inputs = read_inputs(memory, ModOp::Add, ptr, true)?;
        fill_inputs(memory, ModOp::Add, ptr, &inputs)?;
        let total = inputs.n.as_ref().and_then(|v| v.to_i64()).unwrap_or(0);
        fill_offsets(memory, &inputs, n, total - n as i64)?;
        add_inputs = Some(inputs);
    }
    let mut mul_inputs = None;
    if let Some((ptr, n)) = mul_mod {
        if n > MAX_N {
            return Err(format!("mul_mod builtin: n must be <= {MAX_N}"));
        }
        mul_inputs = Some(read_inputs(memory, ModOp::Mul, ptr, false)?);
    }
    if add_inputs.is_none() && mul_inputs.is_none() {
        return Err("At least one of add_mod and mul_mod must be given.".into());
    }
    let add_n = add_mod.map(|a| a.1).unwrap_or(0);
    let mul_n = mul_mod.map(|m| m.1).unwrap_or(0);
    let (mut ai, mut mi) = (0u64, 0u64);
    let mut n_computed: Option<u64> = None;
    while ai < add_n || mi < mul_n {
        if let (true, Some(inputs)) = (ai < add_n, &add_inputs) {
            if fill_value(memory, ModOp::Add, inputs, ai)? == Fill::Success {
                ai += 1;
                continue;
            }
        }
        match (mi < mul_n, &mul_inputs) {
            (true, Some(inputs)) => {
                let r = fill_value(memory, ModOp::Mul, inputs, mi)?;
                if r == Fill::MissingOperand {
                    return Err(format!(
                        "Could not fill the values table, add_mod_index={ai}, mul_mod_index={mi}"
                    ));
                }
                if r == Fill::ZeroDivisor && n_computed.is_none() {
                    n_computed = Some(mi);
                }
                mi += 1;
            }
            // cairo-lang loops forever here; stop with its message instead.
            _ => {
                return Err(format!(
                    "Could not fill the values table, add_mod_index={ai}, mul_mod_index={mi}"
                ))
            }
        }
    }
    if let (Some((ptr, n)), Some(mut inputs)) = (mul_mod, mul_inputs) {
        let n_ptr = at(ptr, 6);
        let computed = match n_computed {
            Some(c) => c,
            None => {
                let c = match memory.get(n_ptr) {
                    Some(Value::Int(v)) => felt_u64(&v).unwrap_or(u64::MAX),
                    Some(v) => return Err(format!("unsupported operand type(s) for -: '{v}' and 'int'")),
                    None => n,
                };
                inputs.n = Some(BigInt::from(c));
                fill_offsets(memory, &inputs, n, c as i64 - n as i64)?;
                c
            }
        };
        memory.insert(n_ptr, Value::Int(Felt::from(computed))).map_err(|e| e.to_string())?;
        inputs.n = Some(BigInt::from(computed));
        fill_inputs(memory, ModOp::Mul, ptr, &inputs)?;
    }
    Ok(())
}

/// The addresses an instance reads besides its own cells (offsets and values), which are not
/// memory holes (cairo-lang's `get_memory_accesses`).
pub fn memory_accesses(memory: &Memory, base: Relocatable, segment_size: u64) -> Vec<Relocatable> {
    let mut out = Vec::new();
    for instance in 0..segment_size.div_ceil(7) {
        let (Some(Value::Ptr(offsets)), Some(Value::Ptr(values))) =
            (memory.get(at(base, 7 * instance + 5)), memory.get(at(base, 7 * instance + 4)))
        else {
            continue;
        };
        for i in 0..3 * BATCH_SIZE {
            let oa = at(offsets, i);
            out.push(oa);
            if let Some(Value::Int(o)) = memory.get(oa) {
                if let Some(o) = felt_u64(&o) {
                    for j in 0..N_WORDS {
                        out.push(at(values, o + j));
                    }
                }
            }
        }
    }
    out
}

/// cairo-lang's `run_security_checks` beyond the simple builtin's: every instance computes
/// `c = a op b (mod p)` within the k bound, and consecutive instances chain.
pub fn security_checks(memory: &Memory, op: ModOp, base: Relocatable, used: u64) -> Result<(), String> {
    let mut prev: Option<Inputs> = None;
    let name = op.name();
    for instance in 0..used.div_ceil(7) {
        let inputs = read_inputs(memory, op, at(base, 7 * instance), true)?;
        if let Some(p) = &prev {
            if p.n.clone().unwrap_or_default() > BigInt::from(BATCH_SIZE) {
                let ok = inputs.p_words == p.p_words
                    && inputs.values_ptr == p.values_ptr
                    && inputs.offsets_ptr == at(p.offsets_ptr, 3 * BATCH_SIZE)
                    && inputs.n == p.n.clone().map(|n| n - BigInt::from(BATCH_SIZE));
                if !ok {
                    return Err(String::new());
                }
            }
        }
        let mut v = Vec::new();
        for i in 0..3 {
            let oa = at(inputs.offsets_ptr, i);
            let off = match get(memory, oa)? {
                Value::Int(o) => o,
                o => {
                    return Err(format!("{name} builtin: Expected integer at address {oa}. Got: {o}."));
                }
            };
            let va = felt_u64(&off).map(|o| at(inputs.values_ptr, o)).unwrap_or(inputs.values_ptr);
            let (words, value) = read_n_words(memory, va)?;
            let value = value.ok_or_else(|| {
                format!("{name} builtin: Missing value at address {}.", at(va, words.len() as u64))
            })?;
            v.push(value);
        }
        let p = &inputs.p;
        if p.is_zero() {
            return Err("integer division or modulo by zero".into());
        }
        let r = op.apply(&v[0], &v[1]);
        if r.mod_floor(p) != v[2].mod_floor(p) {
            return Err(format!(
                "{name} builtin: Expected a {} b == c (mod p). Got: instance={instance}, batch=0.",
                op.py_op()
            ));
        }
        if !(r.clone() - &v[2] < op.k_bound() * p && r >= v[2]) {
            return Err(format!(
                "{name} builtin: Expected (a {} b - c)/p to be in {{0,1,...,{}}} Got: instance={instance}, batch=0.",
                op.py_op(),
                op.k_bound() - 1
            ));
        }
        prev = Some(inputs);
    }
    if let Some(p) = prev {
        if p.n != Some(BigInt::from(BATCH_SIZE)) {
            return Err(String::new());
        }
    }
    Ok(())
}
