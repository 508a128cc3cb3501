//! `--args "1 2 [3 4]"` / `--args_file`: the arguments of a Cairo 1 program's `main`, as
//! cairo1-run parses them (whitespace-separated decimal felts; `[ ... ]` makes an array of
//! felts, which fills an `Array<felt252>` / `Span<felt252>` parameter).

use super::Cairo1Error;
use starknet_types_core::felt::Felt;

/// One argument.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FuncArg {
    /// A single felt (fills one cell of a parameter).
    Single(Felt),
    /// An array of felts (fills the two cells, start and end, of an array parameter).
    Array(Vec<Felt>),
}

fn felt(s: &str) -> Result<Felt, Cairo1Error> {
    let ok = if let Some(d) = s.strip_prefix('-') {
        !d.is_empty() && d.bytes().all(|b| b.is_ascii_digit())
    } else {
        !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
    };
    if !ok {
        return Err(Cairo1Error::Args(format!("\"{s}\" is not a valid felt")));
    }
    Felt::from_dec_str(s).map_err(|_| Cairo1Error::Args(format!("\"{s}\" is not a valid felt")))
}

/// Parses cairo1-run's argument syntax.
pub fn parse_args(text: &str) -> Result<Vec<FuncArg>, Cairo1Error> {
    // Split into numbers and the brackets around arrays.
    let mut tokens = Vec::new();
    for word in text.split_ascii_whitespace() {
        let mut w = word;
        while let Some(rest) = w.strip_prefix('[') {
            tokens.push("[");
            w = rest;
        }
        let mut closes = 0;
        while let Some(rest) = w.strip_suffix(']') {
            closes += 1;
            w = rest;
        }
        if !w.is_empty() {
            tokens.push(w);
        }
        tokens.extend(std::iter::repeat_n("]", closes));
    }
    let mut args = Vec::new();
    let mut it = tokens.into_iter();
    while let Some(t) = it.next() {
        match t {
            "[" => {
                let mut values = Vec::new();
                loop {
                    match it.next() {
                        Some("]") => break,
                        Some("[") => return Err(Cairo1Error::Args("nested arrays are not supported".into())),
                        Some(v) => values.push(felt(v)?),
                        None => return Err(Cairo1Error::Args("unterminated array: missing \"]\"".into())),
                    }
                }
                args.push(FuncArg::Array(values));
            }
            "]" => return Err(Cairo1Error::Args("unexpected \"]\"".into())),
            v => args.push(FuncArg::Single(felt(v)?)),
        }
    }
    Ok(args)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_cairo1_run_syntax() {
        let f = |n: u64| Felt::from(n);
        assert_eq!(
            parse_args("1 2 [3 4] [] [5]").unwrap(),
            vec![
                FuncArg::Single(f(1)),
                FuncArg::Single(f(2)),
                FuncArg::Array(vec![f(3), f(4)]),
                FuncArg::Array(vec![]),
                FuncArg::Array(vec![f(5)])
            ]
        );
        assert_eq!(parse_args(" [ 7 ] ").unwrap(), vec![FuncArg::Array(vec![f(7)])]);
        assert_eq!(parse_args("-1").unwrap(), vec![FuncArg::Single(Felt::ZERO - Felt::ONE)]);
        assert!(parse_args("1 x").unwrap_err().to_string().contains("\"x\" is not a valid felt"));
        assert!(parse_args("[1 2").is_err());
        assert!(parse_args("1 ]").is_err());
        assert!(parse_args("[[1]]").is_err());
        assert!(parse_args("0x10").is_err());
    }
}
