//! Error locations, tracebacks and `with_attr` messages, byte-for-byte against cairo-run.
//!
//! Each expected string is cairo-run's stderr for the program in `testdata/` (without the
//! final newline that `print` adds); the pc, fp, traceback entries and memory are those of
//! cairo-lang's VM at the failure.

use super::super::{python_splitlines, ErrorFormatter, Location, Program, TracebackEntry, VmErrorReport};
use super::{
    r, FakeMemory, ERR_ATTR_JSON, ERR_LOCAL_JSON, ERR_NESTED_JSON, ERR_NESTED_NODEBUG_JSON,
    ERR_NESTED_NOSRC_JSON, ERR_PARENT_JSON,
};

fn entries(list: &[(&str, &str)]) -> Vec<TracebackEntry> {
    list.iter().map(|(fp, pc)| TracebackEntry { pc: r(pc), fp: r(fp) }).collect()
}

fn no_disk(_: &str) -> Option<String> {
    None
}

const NESTED_MEMORY: &str = "0=2:0 1=3:0 2=4:0 3=1 4=1:3 5=0:12 6=2 7=1:6 8=0:7";
const NESTED_ENTRIES: [(&str, &str); 2] = [("1:3", "0:10"), ("1:6", "0:5")];

fn format_nested(json: &[u8]) -> String {
    let prog = Program::from_json_bytes(json).unwrap();
    let mem = FakeMemory::new("1:9", "1:9", "").with_segment1(NESTED_MEMORY);
    let tb = entries(&NESTED_ENTRIES);
    let report = VmErrorReport {
        pc: r("0:0"),
        fp: r("1:9"),
        message: "An ASSERT_EQ instruction failed: 2 != 5.",
        traceback: Some(&tb),
        hint_index: None,
        notes: &[],
    };
    let sources = no_disk;
    prog.error_formatter(r("0:0")).with_sources(&sources).format(&report, &mem)
}

#[test]
fn failing_assert_in_nested_call() {
    let expected = "\
err_nested.cairo:5:5: Error at pc=0:0:
An ASSERT_EQ instruction failed: 2 != 5.
    assert x = 5;
    ^***********^
Cairo traceback (most recent call last):
err_nested.cairo:15:5: (pc=0:10)
    middle(1);
    ^*******^
err_nested.cairo:10:5: (pc=0:5)
    inner(y + 1);
    ^**********^";
    assert_eq!(format_nested(ERR_NESTED_JSON), expected);
}

#[test]
fn source_file_not_found_prints_first_lines_only() {
    // Compiled without --debug_info_with_source and run where err_nested.cairo does not exist.
    let expected = "\
err_nested.cairo:5:5: Error at pc=0:0:
An ASSERT_EQ instruction failed: 2 != 5.
Cairo traceback (most recent call last):
err_nested.cairo:15:5: (pc=0:10)
err_nested.cairo:10:5: (pc=0:5)";
    assert_eq!(format_nested(ERR_NESTED_NOSRC_JSON), expected);
}

#[test]
fn no_debug_info_gives_unknown_locations() {
    let expected = "\
Error at pc=0:0:
An ASSERT_EQ instruction failed: 2 != 5.
Cairo traceback (most recent call last):
Unknown location (pc=0:10)
Unknown location (pc=0:5)";
    assert_eq!(format_nested(ERR_NESTED_NODEBUG_JSON), expected);
}

#[test]
fn hint_failure_under_with_attr() {
    // assert_not_zero's hint fails; every caller is inside a with_attr.
    let prog = Program::from_json_bytes(ERR_ATTR_JSON).unwrap();
    let mem = FakeMemory::new("1:16", "1:16", "").with_segment1(
        "0=2:0 1=3:0 2=4:0 3=2:0 4=3 5=0 6=1:3 7=0:29 8=0 9=2:0 10=0 11=1:8 12=0:21 13=0 14=1:13 15=0:12",
    );
    let tb = entries(&[("1:3", "0:27"), ("1:8", "0:19"), ("1:13", "0:10")]);
    let notes = ["Traceback (most recent call last):\n  File \"/work/.cairo-lang-venv/lib/python3.11/site-packages/starkware/cairo/common/math.cairo\", line 10, in <module>\n    assert ids.value % PRIME != 0, f'assert_not_zero failed: {ids.value} = 0.'\nAssertionError: assert_not_zero failed: 0 = 0.\n".to_string()];
    let report = VmErrorReport {
        pc: r("0:0"),
        fp: r("1:16"),
        message: "Got an exception while executing a hint.",
        traceback: Some(&tb),
        hint_index: Some(0),
        notes: &notes,
    };
    let sources = no_disk;
    let got = prog.error_formatter(r("0:0")).with_sources(&sources).format(&report, &mem);
    let expected = "\
/work/.cairo-lang-venv/lib/python3.11/site-packages/starkware/cairo/common/math.cairo:7:5: Error at pc=0:0:
Got an exception while executing a hint.
    %{
    ^^
Cairo traceback (most recent call last):
Error message: in main
err_attr.cairo:22:9: (pc=0:27)
        outer(3, 0);
        ^*********^
Error message: outer failed: a=3, b=0, c=0, bad={nope} (Cannot evaluate ap-based or complex references: ['nope'])
err_attr.cairo:15:9: (pc=0:19)
        check(c);
        ^******^
Error message: x must not be zero. Got x=0.
err_attr.cairo:6:9: (pc=0:10)
        assert_not_zero(x);
        ^****************^

Traceback (most recent call last):
  File \"/work/.cairo-lang-venv/lib/python3.11/site-packages/starkware/cairo/common/math.cairo\", line 10, in <module>
    assert ids.value % PRIME != 0, f'assert_not_zero failed: {ids.value} = 0.'
AssertionError: assert_not_zero failed: 0 = 0.";
    assert_eq!(got, expected);
}

#[test]
fn assert_under_nested_with_attr_with_substitutions() {
    // Negative felts, pointers, ap-based and complex references, unknown names, `{{x}}`.
    let prog = Program::from_json_bytes(ERR_LOCAL_JSON).unwrap();
    let neg7 = "3618502788666131213697322783095070105623107215331596699973092056135872020474";
    let mem = FakeMemory::new("1:12", "1:11", "").with_segment1(&format!(
        "0=2:0 1=3:0 2=1 3=2 4={neg7} 5=1:2 6=0:16 7=1:2 8={neg7} 9=1:2 10=0:20 \
         11=3618502788666131213697322783095070105623107215331596699973092056135872020475"
    ));
    let tb = entries(&[("1:2", "0:18")]);
    let message = format!("An ASSERT_EQ instruction failed: {neg7} != 3.");
    let report = VmErrorReport {
        pc: r("0:3"),
        fp: r("1:11"),
        message: &message,
        traceback: Some(&tb),
        hint_index: None,
        notes: &[],
    };
    let sources = no_disk;
    let got = prog.error_formatter(r("0:0")).with_sources(&sources).format(&report, &mem);
    let expected = format!(
        "\
Error message: second -7
Error message: bad v=-7 t={{t}} p=1:2 px={{p.x}}  (Cannot evaluate ap-based or complex references: ['t', 'p.x'])
err_local.cairo:9:13: Error at pc=0:3:
An ASSERT_EQ instruction failed: {neg7} != 3.
            assert v = 3;
            ^***********^
Cairo traceback (most recent call last):
Error message: neg=-7 {{-7}} in main {{pt}} {{pt.x}} {{MISSING}} {{neg (Cannot evaluate ap-based or complex references: ['pt', 'pt.x', 'MISSING'])
err_local.cairo:20:9: (pc=0:18)
        g(&pt, neg);
        ^*********^"
    );
    assert_eq!(got, expected);
}

#[test]
fn parent_locations_come_first() {
    let prog = Program::from_json_bytes(ERR_PARENT_JSON).unwrap();
    let mem = FakeMemory::new("1:3", "1:2", "").with_segment1("0=2:0 1=3:0");
    let report = VmErrorReport {
        pc: r("0:4"),
        fp: r("1:2"),
        message: "Unknown value for memory cell at address 1:2.",
        traceback: Some(&[]),
        hint_index: None,
        notes: &[],
    };
    let sources = no_disk;
    let got = prog.error_formatter(r("0:0")).with_sources(&sources).format(&report, &mem);
    let expected = "\
err_parent.cairo:8:15: While expanding the reference 'x' in:
    let r = f(x);
              ^
err_parent.cairo:7:13: Error at pc=0:4:
Unknown value for memory cell at address 1:2.
    let x = z * 3;
            ^***^";
    assert_eq!(got, expected);
    let loc = &prog.instruction_location(4).unwrap().inst;
    assert_eq!(loc.parent_locations().len(), 1);
    assert_eq!(loc.topmost().start_line, 8);
}

#[test]
fn error_without_traceback_and_outside_program() {
    let prog = Program::from_json_bytes(ERR_NESTED_JSON).unwrap();
    let mem = FakeMemory::new("1:9", "1:9", "");
    let sources = no_disk;
    let f = prog.error_formatter(r("0:0")).with_sources(&sources);
    let report = VmErrorReport {
        pc: r("0:0"),
        fp: r("1:9"),
        message: "Error: End of program was not reached",
        traceback: None,
        hint_index: None,
        notes: &[],
    };
    assert_eq!(
        f.format(&report, &mem),
        "err_nested.cairo:5:5: Error at pc=0:0:\nError: End of program was not reached\n    assert x = 5;\n    ^***********^"
    );
    // A pc in another segment has no location.
    let report = VmErrorReport { pc: r("5:0"), ..report };
    assert_eq!(f.format(&report, &mem), "Error at pc=5:0:\nError: End of program was not reached");
    // Loaded elsewhere: pcs are relative to the base.
    let g = prog.error_formatter(r("3:10")).with_sources(&sources);
    assert_eq!(g.program_offset(r("3:15")), Some(5));
    assert_eq!(g.program_offset(r("3:5")), None);
    assert!(g.instruction_location(r("3:10")).is_some());
    assert_eq!(f.traceback(&[], &mem), None);
}

fn loc(start_line: i64, start_col: i64, end_line: i64, end_col: i64) -> Location {
    Location { start_line, start_col, end_line, end_col, filename: Some("f.cairo".into()), parent: None }
}

#[test]
fn location_marks_edge_cases() {
    let content = "line one\n  two\r\nthree\rfour\u{2028}five";
    assert_eq!(python_splitlines(content), ["line one", "  two", "three", "four", "five"]);
    assert_eq!(python_splitlines("a\n\nb\n"), ["a", "", "b"]);
    assert_eq!(python_splitlines(""), Vec::<&str>::new());
    let m = |l: Location| super::super::get_location_marks(content, &l);
    assert_eq!(m(loc(1, 1, 1, 5)), "line one\n^**^");
    assert_eq!(m(loc(2, 3, 2, 4)), "  two\n  ^");
    assert_eq!(m(loc(2, 3, 2, 5)), "  two\n  ^^");
    // Multi-line span: up to the end of the first line (len + 1).
    assert_eq!(m(loc(1, 6, 3, 2)), "line one\n     ^*^");
    assert_eq!(m(loc(9, 1, 9, 2)), "");
    assert_eq!(m(loc(0, 1, 0, 2)), "");
    assert_eq!(m(loc(1, 0, 1, 0)), "line one\n^");
    // Unicode: columns and lengths count characters.
    assert_eq!(super::super::get_location_marks("é = 1", &loc(1, 1, 2, 1)), "é = 1\n^***^");
    // Location.to_string: no ": " without a message; a missing line still adds a newline.
    assert_eq!(loc(3, 4, 3, 5).to_string_with_message(""), "f.cairo:3:4");
    assert_eq!(loc(3, 4, 3, 5).to_string_with_content("m", Some("x")), "f.cairo:3:4: m\n");
    assert_eq!(loc(3, 4, 3, 5).to_string_with_content("m", None), "f.cairo:3:4: m");
    let mut nameless = loc(1, 1, 1, 1);
    nameless.filename = None;
    assert_eq!(nameless.to_string_with_message("x"), ":1:1: x");
}

#[test]
fn file_contents_take_precedence_over_the_provider() {
    let prog = Program::from_json_bytes(ERR_NESTED_JSON).unwrap();
    let provider = |_: &str| Some("something else".to_string());
    let f = ErrorFormatter::new(&prog, r("0:0")).with_sources(&provider);
    assert_eq!(
        f.file_content(Some("err_nested.cairo")).unwrap().lines().next(),
        Some("%builtins range_check")
    );
    assert_eq!(f.file_content(Some("other.cairo")).as_deref(), Some("something else"));
    assert_eq!(f.file_content(None), None);
}

/// With `CAIRO_JIT_ERR_STATES=states.jsonl` (one JSON object per line: `program`, `pc`, `fp`,
/// `entries` (`[[fp, pc], ...]` or null), `inner`, `notes`, `hint_index`, `memory`
/// (`{"s:o": "value"}`) and `expected` (cairo-lang's `str(VmException)`), as dumped from
/// cairo-lang's runner at a failure), formats each error and compares it with `expected`.
#[test]
fn matches_dumped_cairo_lang_errors() {
    let Ok(path) = std::env::var("CAIRO_JIT_ERR_STATES") else { return };
    let text = std::fs::read_to_string(path).expect("states file");
    let mut checked = 0;
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        let s: serde_json::Value = serde_json::from_str(line).expect("a JSON state");
        let str_of = |k: &str| s[k].as_str().expect(k).to_string();
        let program_path = std::path::PathBuf::from(str_of("program"));
        let prog = Program::from_file(&program_path).expect("program loads");
        let dir = program_path.parent().map(|p| p.to_path_buf()).unwrap_or_default();
        let mut mem = FakeMemory::new("1:0", &str_of("fp"), "");
        for (k, val) in s["memory"].as_object().expect("memory") {
            mem.cells.insert(r(k), super::v(val.as_str().expect("value")));
        }
        let tb: Option<Vec<TracebackEntry>> = s["entries"].as_array().map(|a| {
            a.iter()
                .map(|e| TracebackEntry { fp: r(e[0].as_str().unwrap()), pc: r(e[1].as_str().unwrap()) })
                .collect()
        });
        let notes: Vec<String> =
            s["notes"].as_array().expect("notes").iter().map(|n| n.as_str().unwrap().to_string()).collect();
        let inner = str_of("inner");
        let report = VmErrorReport {
            pc: r(&str_of("pc")),
            fp: mem.fp,
            message: &inner,
            traceback: tb.as_deref(),
            hint_index: s["hint_index"].as_u64().map(|i| i as usize),
            notes: &notes,
        };
        let sources = |name: &str| std::fs::read_to_string(dir.join(name)).ok();
        let got = prog.error_formatter(r("0:0")).with_sources(&sources).format(&report, &mem);
        assert_eq!(got, str_of("expected"), "{}", program_path.display());
        checked += 1;
    }
    assert!(checked > 0);
}
