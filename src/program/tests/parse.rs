//! Reference expressions and Cairo types.

use super::super::expr::{parse_expr, parse_type, BinOp, CairoType, Expr, Register, MAX_NESTING};
use super::super::{infer_type, is_simple_reference};
use starknet_types_core::felt::Felt;

fn c(v: u64) -> Box<Expr> {
    Box::new(Expr::Const(Felt::from(v)))
}

fn st(name: &str) -> CairoType {
    CairoType::Struct(name.into())
}

#[test]
fn parses_compiled_reference_forms() {
    let e = parse_expr("[cast(fp + (-4), felt*)]").unwrap();
    assert_eq!(
        e,
        Expr::Deref(Box::new(Expr::Cast(
            Box::new(Expr::Bin(
                BinOp::Add,
                Box::new(Expr::Reg(Register::Fp)),
                Box::new(Expr::Paren(Box::new(Expr::Neg(c(4)))))
            )),
            CairoType::Felt.pointer_to()
        )))
    );
    assert_eq!(infer_type(&e), Ok(CairoType::Felt));
    let cases = [
        ("cast([fp + (-3)], felt*)", "felt*"),
        ("cast(ap + (-1), felt*)", "felt*"),
        ("[cast([fp + (-3)] + 2, felt*)]", "felt"),
        ("cast(17, felt)", "felt"),
        (
            "[cast(ap + (-2), starkware.cairo.common.uint256.Uint256*)]",
            "starkware.cairo.common.uint256.Uint256",
        ),
        ("cast([ap + (-1)] + [fp + 3], felt)", "felt"),
        ("[cast(fp + (-6), (felt, felt)*)]", "(felt, felt)"),
        ("[cast(fp + (-4), (x: felt, y: felt)*)]", "(x: felt, y: felt)"),
        ("[cast(fp + (-4), felt**)]", "felt*"),
        ("[cast(fp + (-3), __main__.Point***)]", "__main__.Point**"),
        ("cast(0, codeoffset)", "codeoffset"),
        ("cast((1, 2), (felt, felt))", "(felt, felt)"),
        ("cast(([fp + 3], fp + 3, 4), __main__.Seg)", "__main__.Seg"),
        ("cast((3, [fp + (-5)]), (a: felt, b: felt))", "(a: felt, b: felt)"),
        ("cast(-[fp + (-5)], felt)", "felt"),
        ("cast([fp + (-5)] * [fp + (-5)] + 16, felt)", "felt"),
        ("cast([fp + (-5)] - [fp + 17], felt)", "felt"),
        ("[cast(fp, felt*)]", "felt"),
        ("cast(0x10 + 2 ** 3, felt)", "felt"),
        ("[ap]", "felt"),
        ("cast((felt_x=1,), (felt_x: felt))", "(felt_x: felt)"),
    ];
    for (text, ty) in cases {
        let e = parse_expr(text).unwrap_or_else(|err| panic!("{text}: {err}"));
        assert_eq!(infer_type(&e).map(|t| t.to_string()), Ok(ty.to_string()), "{text}");
    }
    let big = "cast([fp + (-5)] * 1206167596222043737899107594365023368541035738443865566657697352045290673494, felt)";
    assert!(parse_expr(big).is_ok());
}

#[test]
fn precedence() {
    // a - b + c is (a - b) + c; * binds tighter; unary - binds looser than **.
    let e = parse_expr("1 - 2 + 3 * 4").unwrap();
    assert_eq!(
        e,
        Expr::Bin(
            BinOp::Add,
            Box::new(Expr::Bin(BinOp::Sub, c(1), c(2))),
            Box::new(Expr::Bin(BinOp::Mul, c(3), c(4)))
        )
    );
    assert_eq!(parse_expr("-2 ** 3").unwrap(), Expr::Neg(Box::new(Expr::Pow(c(2), c(3)))));
    assert_eq!(parse_expr("(1,)").unwrap(), Expr::Tuple(vec![(None, *c(1))]));
    assert_eq!(parse_expr("()").unwrap(), Expr::Tuple(vec![]));
    assert_eq!(parse_expr("(x=1)").unwrap(), Expr::Tuple(vec![(Some("x".into()), *c(1))]));
}

#[test]
fn types() {
    assert_eq!(parse_type("felt**").unwrap(), CairoType::Felt.pointer_to().pointer_to());
    assert_eq!(parse_type("a.B***").unwrap(), st("a.B").pointer_to().pointer_to().pointer_to());
    for t in ["(felt,)", "()", "(x: felt, y: a.B*)", "((felt, felt)*, codeoffset)", "(felt, felt)**"] {
        assert_eq!(parse_type(t).unwrap().to_string(), t);
    }
    assert!(CairoType::Felt.is_simple());
    assert!(CairoType::Felt.pointer_to().is_simple());
    assert!(st("S").pointer_to().pointer_to().is_simple());
    assert!(!st("S").pointer_to().is_simple());
    assert!(!st("S").is_simple());
    assert!(!parse_type("(felt, felt)*").unwrap().is_simple());
}

#[test]
fn unknown_syntax_is_an_error() {
    for bad in [
        "",
        "[fp",
        "fp +",
        "cast(fp)",
        "cast(fp, )",
        "foo",
        "[fp].x",
        "[fp][1]",
        "&[fp]",
        "'ab'",
        "nondet %{ 1 %}",
        "fp @ 1",
        "0x",
        "12ab",
        "cast(fp, felt*",
        "f(1)",
        "(1, 2",
        "[fp] ]",
    ] {
        assert!(parse_expr(bad).is_err(), "{bad:?} should not parse");
    }
    for bad in ["", "felt,", "*", "(felt", "a..b", "felt felt", "(x: )"] {
        assert!(parse_type(bad).is_err(), "{bad:?} should not parse");
    }
    let deep = format!("{}fp{}", "(".repeat(MAX_NESTING + 5), ")".repeat(MAX_NESTING + 5));
    assert!(parse_expr(&deep).unwrap_err().contains("nesting"));
    let long_sum = vec!["1"; 10_000].join(" + ");
    assert!(parse_expr(&long_sum).unwrap_err().contains("nesting"));
    let stars = format!("felt{}", "*".repeat(10_000));
    assert!(parse_type(&stars).unwrap_err().contains("nesting"));
    let negs = format!("{}1", "-".repeat(100_000));
    assert!(parse_expr(&negs).is_err());
}

#[test]
fn type_errors_are_reported() {
    let e = parse_expr("[cast(fp, (felt, felt))]").unwrap();
    assert_eq!(infer_type(&e), Err("Cannot dereference type '(felt, felt)'.".to_string()));
    let e = parse_expr("cast(fp, felt*) * 2").unwrap();
    assert!(infer_type(&e).unwrap_err().contains("Operator '*'"));
    let e = parse_expr("cast(fp, felt*) - cast(fp, felt*)").unwrap();
    assert_eq!(infer_type(&e), Ok(CairoType::Felt));
}

#[test]
fn simple_reference_check() {
    // Counts as cairo-lang does: parentheses and negations are nodes.
    assert!(is_simple_reference(&parse_expr("[cast(fp + (-4), felt*)]").unwrap(), 20));
    assert!(is_simple_reference(&parse_expr("cast([fp + (-4)] + 1, felt)").unwrap(), 20));
    assert!(!is_simple_reference(&parse_expr("cast([fp] / 3, felt)").unwrap(), 20));
    assert!(!is_simple_reference(&parse_expr("cast((1, 2), (felt, felt))").unwrap(), 20));
    // [cast(fp + (-4), felt*)]: bound 20 - 2; fp + (-4) = 1 + (1 + 1 + 1) + 1 = 5.
    assert!(is_simple_reference(&parse_expr("[cast(fp + (-4), felt*)]").unwrap(), 8));
    assert!(!is_simple_reference(&parse_expr("[cast(fp + (-4), felt*)]").unwrap(), 7));
}
