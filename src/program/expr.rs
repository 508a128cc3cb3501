//! Reference expressions and Cairo types: the AST and a parser for the text cairo-compile
//! writes into `reference_manager.references[*].value` and `cairo_type` fields.
//!
//! The grammar is the expression/type part of cairo-lang's `cairo.ebnf`, restricted to what a
//! compiled reference can contain: registers `ap`/`fp`, decimal and hex integers, `[e]`,
//! `+ - * /`, `**`, unary `-`, parentheses, tuples `(a, b)` (items may be named, `x=e`) and
//! `cast(e, T)`. The AST keeps parentheses and negations exactly as cairo-lang's parser does,
//! because the "simple reference" check used for error-message substitution counts them.
//!
//! Types: `felt`, `codeoffset`, `T*`, `T**` (any depth), struct names (`a.b.C`), and tuples
//! `(felt, T*)` / `(x: felt, y: felt)` / `(felt,)` / `()`.

use starknet_types_core::felt::Felt;
use std::fmt;

/// Deepest nesting accepted in an expression or a type (parentheses, brackets, casts, pointer
/// stars, tuples). Deeper input is rejected instead of risking the stack.
pub const MAX_NESTING: usize = 200;

/// A register.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Register {
    /// The allocation pointer.
    Ap,
    /// The frame pointer.
    Fp,
}

/// A binary operator.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BinOp {
    /// `+`
    Add,
    /// `-`
    Sub,
    /// `*`
    Mul,
    /// `/` (field division)
    Div,
}

impl BinOp {
    fn symbol(self) -> &'static str {
        match self {
            BinOp::Add => "+",
            BinOp::Sub => "-",
            BinOp::Mul => "*",
            BinOp::Div => "/",
        }
    }
}

/// A reference expression.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Expr {
    /// An integer literal (reduced modulo the prime).
    Const(Felt),
    /// `ap` or `fp`.
    Reg(Register),
    /// `[e]`
    Deref(Box<Expr>),
    /// `-e`
    Neg(Box<Expr>),
    /// `(e)`
    Paren(Box<Expr>),
    /// `a op b`
    Bin(BinOp, Box<Expr>, Box<Expr>),
    /// `a ** b`
    Pow(Box<Expr>, Box<Expr>),
    /// `cast(e, T)`
    Cast(Box<Expr>, CairoType),
    /// `(a, b, ...)`, items possibly named (`x=a`).
    Tuple(Vec<(Option<String>, Expr)>),
}

/// A Cairo type.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum CairoType {
    /// `felt`
    Felt,
    /// `codeoffset`
    Codeoffset,
    /// `T*`
    Pointer(Box<CairoType>),
    /// A struct (or type definition) by its full name, e.g. `starkware.cairo.common.uint256.Uint256`.
    Struct(String),
    /// `(T1, T2)` or `(a: T1, b: T2)`.
    Tuple(Vec<TupleItem>),
}

/// An item of a tuple type.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct TupleItem {
    /// The item's name, for named tuples.
    pub name: Option<String>,
    /// The item's type.
    pub ty: CairoType,
}

impl CairoType {
    /// `T*` for this type `T`.
    pub fn pointer_to(self) -> CairoType {
        CairoType::Pointer(Box::new(self))
    }

    /// cairo-lang's `is_simple_type`: `felt`, `felt*`, `T**`, `T***`, ... (values that `ids`
    /// returns as plain felts/pointers rather than as struct references).
    pub fn is_simple(&self) -> bool {
        match self {
            CairoType::Felt => true,
            CairoType::Pointer(p) => matches!(**p, CairoType::Felt | CairoType::Pointer(_)),
            _ => false,
        }
    }
}

impl fmt::Display for CairoType {
    /// cairo-lang's `CairoType.format()`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CairoType::Felt => f.write_str("felt"),
            CairoType::Codeoffset => f.write_str("codeoffset"),
            CairoType::Pointer(p) => write!(f, "{p}*"),
            CairoType::Struct(name) => f.write_str(name),
            CairoType::Tuple(items) => {
                f.write_str("(")?;
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        f.write_str(", ")?;
                    }
                    if let Some(name) = &item.name {
                        write!(f, "{name}: ")?;
                    }
                    write!(f, "{}", item.ty)?;
                }
                if items.len() == 1 && items[0].name.is_none() {
                    f.write_str(",")?;
                }
                f.write_str(")")
            }
        }
    }
}

impl fmt::Display for Expr {
    /// A readable rendering close to cairo-lang's `Expression.format()`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Expr::Const(v) => write!(f, "{v}"),
            Expr::Reg(Register::Ap) => f.write_str("ap"),
            Expr::Reg(Register::Fp) => f.write_str("fp"),
            Expr::Deref(e) => write!(f, "[{e}]"),
            Expr::Neg(e) => write!(f, "-{e}"),
            Expr::Paren(e) => write!(f, "({e})"),
            Expr::Bin(op, a, b) => write!(f, "{a} {} {b}", op.symbol()),
            Expr::Pow(a, b) => write!(f, "{a} ** {b}"),
            Expr::Cast(e, t) => write!(f, "cast({e}, {t})"),
            Expr::Tuple(items) => {
                f.write_str("(")?;
                for (i, (name, e)) in items.iter().enumerate() {
                    if i > 0 {
                        f.write_str(", ")?;
                    }
                    if let Some(n) = name {
                        write!(f, "{n}={e}")?;
                    } else {
                        write!(f, "{e}")?;
                    }
                }
                if items.len() == 1 && items[0].0.is_none() {
                    f.write_str(",")?;
                }
                f.write_str(")")
            }
        }
    }
}

/// A lexical token.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Tok<'a> {
    Int(Felt),
    Ident(&'a str),
    Punct(&'static str),
}

fn tokenize(text: &str) -> Result<Vec<Tok<'_>>, String> {
    const PUNCTS: [&str; 13] = ["**", "(", ")", "[", "]", ",", "+", "-", "*", "/", ".", ":", "="];
    let bytes = text.as_bytes();
    let mut toks = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b.is_ascii_whitespace() {
            i += 1;
        } else if b.is_ascii_digit() {
            let start = i;
            let value = if b == b'0' && matches!(bytes.get(i + 1), Some(b'x' | b'X')) {
                i += 2;
                let ds = i;
                while i < bytes.len() && bytes[i].is_ascii_hexdigit() {
                    i += 1;
                }
                if ds == i {
                    return Err(format!("bad hex literal at offset {start}"));
                }
                small_or_big(&text[ds..i], 16)
            } else {
                while i < bytes.len() && bytes[i].is_ascii_digit() {
                    i += 1;
                }
                small_or_big(&text[start..i], 10)
            };
            if i < bytes.len() && (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'_') {
                return Err(format!("bad number at offset {start}"));
            }
            let value = value.ok_or_else(|| format!("bad number at offset {start}"))?;
            toks.push(Tok::Int(value));
        } else if b.is_ascii_alphabetic() || b == b'_' {
            let start = i;
            while i < bytes.len() && (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'_') {
                i += 1;
            }
            toks.push(Tok::Ident(&text[start..i]));
        } else if let Some(p) = PUNCTS.iter().find(|p| bytes[i..].starts_with(p.as_bytes())) {
            toks.push(Tok::Punct(p));
            i += p.len();
        } else {
            let c = text[i..].chars().next().unwrap_or('?');
            return Err(format!("unexpected character '{c}' at offset {i}"));
        }
    }
    Ok(toks)
}

/// An integer literal's digits in `radix` (already checked) as a felt: through a `u64` when
/// it fits, else through a big integer.
fn small_or_big(digits: &str, radix: u32) -> Option<Felt> {
    match u64::from_str_radix(digits, radix) {
        Ok(v) => Some(Felt::from(v)),
        Err(_) => num_bigint::BigUint::parse_bytes(digits.as_bytes(), radix).map(|v| Felt::from(&v)),
    }
}

/// A recursive-descent parser over the tokens.
struct Parser<'a> {
    toks: Vec<Tok<'a>>,
    pos: usize,
    depth: usize,
}

type PResult<T> = Result<T, String>;

impl<'a> Parser<'a> {
    fn new(text: &'a str) -> PResult<Parser<'a>> {
        Ok(Parser { toks: tokenize(text)?, pos: 0, depth: 0 })
    }

    fn peek(&self) -> Option<&Tok<'a>> {
        self.toks.get(self.pos)
    }

    fn peek_punct(&self, p: &str) -> bool {
        matches!(self.peek(), Some(Tok::Punct(q)) if *q == p)
    }

    fn eat_punct(&mut self, p: &str) -> bool {
        if self.peek_punct(p) {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    fn expect_punct(&mut self, p: &str) -> PResult<()> {
        if self.eat_punct(p) {
            Ok(())
        } else {
            Err(format!("expected '{p}', found {}", self.describe()))
        }
    }

    fn describe(&self) -> String {
        match self.peek() {
            None => "end of input".to_string(),
            Some(Tok::Int(v)) => format!("'{v}'"),
            Some(Tok::Ident(s)) => format!("'{s}'"),
            Some(Tok::Punct(p)) => format!("'{p}'"),
        }
    }

    fn enter(&mut self) -> PResult<()> {
        self.depth += 1;
        if self.depth > MAX_NESTING {
            Err(format!("nesting deeper than {MAX_NESTING}"))
        } else {
            Ok(())
        }
    }

    fn finish(&self) -> PResult<()> {
        if self.pos == self.toks.len() {
            Ok(())
        } else {
            Err(format!("unexpected {} after the end", self.describe()))
        }
    }

    /// `sum`. Returns the expression and its nesting depth.
    fn expr(&mut self) -> PResult<(Expr, usize)> {
        self.enter()?;
        let (mut lhs, mut d) = self.product()?;
        loop {
            let op = if self.eat_punct("+") {
                BinOp::Add
            } else if self.eat_punct("-") {
                BinOp::Sub
            } else {
                break;
            };
            let (rhs, rd) = self.product()?;
            d = check_depth(d.max(rd) + 1)?;
            lhs = Expr::Bin(op, Box::new(lhs), Box::new(rhs));
        }
        self.depth -= 1;
        Ok((lhs, d))
    }

    fn product(&mut self) -> PResult<(Expr, usize)> {
        let (mut lhs, mut d) = self.unary()?;
        loop {
            let op = if self.eat_punct("*") {
                BinOp::Mul
            } else if self.eat_punct("/") {
                BinOp::Div
            } else {
                break;
            };
            let (rhs, rd) = self.unary()?;
            d = check_depth(d.max(rd) + 1)?;
            lhs = Expr::Bin(op, Box::new(lhs), Box::new(rhs));
        }
        Ok((lhs, d))
    }

    fn unary(&mut self) -> PResult<(Expr, usize)> {
        if self.eat_punct("-") {
            self.enter()?;
            let (inner, d) = self.unary()?;
            self.depth -= 1;
            return Ok((Expr::Neg(Box::new(inner)), check_depth(d + 1)?));
        }
        self.pow()
    }

    fn pow(&mut self) -> PResult<(Expr, usize)> {
        let (base, bd) = self.atom()?;
        if self.eat_punct("**") {
            self.enter()?;
            let (exp, ed) = self.pow()?;
            self.depth -= 1;
            return Ok((Expr::Pow(Box::new(base), Box::new(exp)), check_depth(bd.max(ed) + 1)?));
        }
        Ok((base, bd))
    }

    fn atom(&mut self) -> PResult<(Expr, usize)> {
        let tok = self.peek().cloned().ok_or_else(|| "unexpected end of input".to_string())?;
        self.pos += 1;
        let res = match tok {
            Tok::Int(v) => (Expr::Const(v), 1),
            Tok::Ident(id) => match id {
                "ap" => (Expr::Reg(Register::Ap), 1),
                "fp" => (Expr::Reg(Register::Fp), 1),
                "cast" => {
                    self.expect_punct("(")?;
                    let (e, d) = self.expr()?;
                    self.expect_punct(",")?;
                    let t = self.ty()?;
                    self.eat_punct(",");
                    self.expect_punct(")")?;
                    (Expr::Cast(Box::new(e), t), check_depth(d + 1)?)
                }
                _ => return Err(format!("unsupported identifier '{id}' in a reference expression")),
            },
            Tok::Punct("[") => {
                let (e, d) = self.expr()?;
                self.expect_punct("]")?;
                (Expr::Deref(Box::new(e)), check_depth(d + 1)?)
            }
            Tok::Punct("(") => self.paren_or_tuple()?,
            Tok::Punct(p) => return Err(format!("unexpected '{p}'")),
        };
        if self.peek_punct("[") || self.peek_punct(".") {
            return Err(format!("unsupported subscript or member access at {}", self.describe()));
        }
        Ok(res)
    }

    fn paren_or_tuple(&mut self) -> PResult<(Expr, usize)> {
        let mut items: Vec<(Option<String>, Expr)> = Vec::new();
        let mut depth = 0;
        let mut trailing_comma = false;
        while !self.peek_punct(")") {
            let name = match (self.peek(), self.toks.get(self.pos + 1)) {
                (Some(Tok::Ident(n)), Some(Tok::Punct("="))) => {
                    let n = n.to_string();
                    self.pos += 2;
                    Some(n)
                }
                _ => None,
            };
            let (e, d) = self.expr()?;
            depth = depth.max(d);
            items.push((name, e));
            trailing_comma = self.eat_punct(",");
            if !trailing_comma {
                break;
            }
        }
        self.expect_punct(")")?;
        let depth = check_depth(depth + 1)?;
        if items.len() == 1 && !trailing_comma && items[0].0.is_none() {
            let (_, e) = items.remove(0);
            return Ok((Expr::Paren(Box::new(e)), depth));
        }
        Ok((Expr::Tuple(items), depth))
    }

    /// `type: non_identifier_type | identifier`, followed by any number of `*` / `**`.
    fn ty(&mut self) -> PResult<CairoType> {
        self.enter()?;
        let mut t = match self.peek().cloned() {
            Some(Tok::Ident("felt")) => {
                self.pos += 1;
                CairoType::Felt
            }
            Some(Tok::Ident("codeoffset")) => {
                self.pos += 1;
                CairoType::Codeoffset
            }
            Some(Tok::Ident(_)) => CairoType::Struct(self.dotted_name()?),
            Some(Tok::Punct("(")) => {
                self.pos += 1;
                self.tuple_type()?
            }
            _ => return Err(format!("expected a type, found {}", self.describe())),
        };
        let mut depth = type_depth(&t);
        loop {
            let n = if self.eat_punct("*") {
                1
            } else if self.eat_punct("**") {
                2
            } else {
                break;
            };
            depth = check_depth(depth + n)?;
            for _ in 0..n {
                t = t.pointer_to();
            }
        }
        self.depth -= 1;
        Ok(t)
    }

    fn tuple_type(&mut self) -> PResult<CairoType> {
        let mut items = Vec::new();
        while !self.peek_punct(")") {
            let name = match (self.peek(), self.toks.get(self.pos + 1)) {
                (Some(Tok::Ident(n)), Some(Tok::Punct(":"))) => {
                    let n = n.to_string();
                    self.pos += 2;
                    Some(n)
                }
                _ => None,
            };
            let ty = self.ty()?;
            items.push(TupleItem { name, ty });
            if !self.eat_punct(",") {
                break;
            }
        }
        self.expect_punct(")")?;
        let t = CairoType::Tuple(items);
        check_depth(type_depth(&t))?;
        Ok(t)
    }

    fn dotted_name(&mut self) -> PResult<String> {
        let mut name = String::new();
        loop {
            match self.peek() {
                Some(Tok::Ident(id)) => {
                    name.push_str(id);
                    self.pos += 1;
                }
                _ => return Err(format!("expected an identifier, found {}", self.describe())),
            }
            if self.peek_punct(".") {
                self.pos += 1;
                name.push('.');
            } else {
                return Ok(name);
            }
        }
    }
}

fn check_depth(d: usize) -> PResult<usize> {
    if d > MAX_NESTING {
        Err(format!("nesting deeper than {MAX_NESTING}"))
    } else {
        Ok(d)
    }
}

/// Nesting depth of a type (types are only built by the parser, which bounds it).
fn type_depth(t: &CairoType) -> usize {
    match t {
        CairoType::Felt | CairoType::Codeoffset | CairoType::Struct(_) => 1,
        CairoType::Pointer(p) => type_depth(p) + 1,
        CairoType::Tuple(items) => 1 + items.iter().map(|i| type_depth(&i.ty)).max().unwrap_or(0),
    }
}

/// Parses a reference expression such as `[cast(fp + (-3), felt*)]`.
pub fn parse_expr(text: &str) -> Result<Expr, String> {
    let mut p = Parser::new(text)?;
    let (e, _) = p.expr()?;
    p.finish()?;
    Ok(e)
}

/// Parses a Cairo type such as `starkware.cairo.common.uint256.Uint256*` or `(x: felt, y: felt)`.
pub fn parse_type(text: &str) -> Result<CairoType, String> {
    let mut p = Parser::new(text)?;
    let t = p.ty()?;
    p.finish()?;
    Ok(t)
}
