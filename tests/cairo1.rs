//! Cairo 1 programs (tests/programs/cairo1: sources and their compiled Sierra) against the
//! reference: the cairo-vm crate (3.2.0) with its `Cairo1HintProcessor`, running the same
//! bytecode (our entry code + the CASM of cairo-lang-sierra-to-casm 2.12.0-dev.1) with the same
//! builtins and hints. Trace and memory must be identical in plain and proof mode; both of our
//! engines must agree; return values, panics and errors are checked by value.

use cairo_jit::builtins::BuiltinKind;
use cairo_jit::cairo1::values::{Outcome as Ret, ReturnInfo};
use cairo_jit::cairo1::{parse_args, Cairo1Program, EntryMode, EntryOptions};
use cairo_jit::hints::cairo1::SyscallHandler;
use cairo_jit::runner::{self, Cairo1Run, Layout, RunConfig, RunMode, TraceMode};
use cairo_jit::testing::{compare_engines, Outcome};
use cairo_jit::vm::{Relocatable, Value, Vm};
use cairo_vm::types::layout_name::LayoutName;
use starknet_types_core::felt::Felt;
use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

mod cairo_vm_runner;

fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/programs/cairo1")
}

/// (program, `--args`, expected `--print_output` of a plain run).
const CASES: &[(&str, &str, &str)] = &[
    ("fib_gas.sierra.json", "20", "10946"),
    ("dict.sierra", "", "16"),
    ("panic.sierra", "0", "41"),
    ("panic.sierra", "5", "Run panicked with: [37177384776983962799497701735 ('x is too big')]"),
    (
        "u128.sierra",
        "340282366920938463463374607431768211455 12345678901234567890",
        "27562871968661863283 7065756055006428585 0 194752529505939521004734088689373144555 false",
    ),
    // Compiled from the `.cairo` sources beside them (regen.sh).
    (
        "arith.sierra.json",
        "1234567 89",
        "[1234656 109876463 3618502788666131213697322783095070105623107215331596699973092056135870786003 \
         2480097416950943865567827974930328948797860001519408974138860847463912297572 109876466 13871 48 1 \
         1234655 1234654 177 79 1 2166223651007879737207 1881672302290562263 1 1 \
         3618502788666131213697322783095070105623107215331596699973092056135868316780 \
         3618502788666131213697322783095070105623107215331596699973092056135870784914 1]",
    ),
    ("arrays.sierra.json", "[3 5 7 11 13] 10", "[5 39 3 13 5 1852796517 23 5 3 390 285 10]"),
    ("felt_dict.sierra.json", "[1 2 3 2 1 2 7]", "[2 3 1 0 100 2470]"),
    (
        "u256.sierra.json",
        "123456789012345678901234567890 987654321",
        "[123456789012345678901234567889 4661 340282366920938463463374607430780557134 4660 \
         121932631124828532112482853211126352690 0 1605881813601151832760309510395461 0 158159434 0 \
         1259387197099642655487 351364182882014 1 340282366920938463463374607431768202134 21724920 0 \
         134711381149768272603919924554657114523 7485015133194968692495802627953244467 636961750 0 1]",
    ),
    ("structs_enums.sierra.json", "7", "102 2 1 -7 -7"),
    ("recursion.sierra.json", "12", "[144 1 0 99 27 1 3 8 17 23 42 64 99 99]"),
    ("panics.sierra.json", "0", "21"),
    ("panics.sierra.json", "1", "Run panicked with: [36550355383562408009504345194254431515247 ('kind must be zero')]"),
    ("panics.sierra.json", "2", "Run panicked with: [155785504327651875780457110017927835511 ('u32_mul Overflow')]"),
    ("panics.sierra.json", "3", "Run panicked with: [1637570914057682275393755530660268060279989363 ('Index out of bounds')]"),
    (
        "panics.sierra.json",
        "4",
        "Run panicked with: [29721761890975875353235833581453094220424382983267374 ('Option::unwrap failed.')]",
    ),
    ("panics.sierra.json", "5", "Run panicked with: [109356099333997 ('custom'), 1, 2, 3]"),
    ("panics.sierra.json", "6", "Run panicked with: [5420154128225384396790819266608 ('Division by 0')]"),
    ("panics.sierra.json", "7", "100"),
    // (a + b) / c^2 and a * b - c modulo the BN254 prime, the STARK prime and 3 * 2^256: an even
    // c has no inverse modulo the last, c = 0 none at all ('no inverse').
    (
        "circuit.sierra.json",
        "3 5 7",
        "[71233494594666441286873032040 17849289234138196156278065873 2277223357912144108 0 8 0 0 \
         0 56591544653045955423959964526 56591544653045955423959964525 70587030894296755 0 8 0 0 \
         0 32338025516026260242262836872 77611261238463024581430808492 9035139954469984464 0 8 0 \
         0 0]",
    ),
    (
        "circuit.sierra.json",
        // 2^200 + 12075, -1 (the STARK prime minus 1), 6 * 2^150.
        "1606938044258990275541962092341162602522202993782792835313451 \
         3618502788666131213697322783095070105623107215331596699973092056135872020480 8563486156235759286349715816696970818296479744",
        "[63445369094449624250585233053 31703550245402546129824387356 2698710488610147856 0 \
         22854595522052490946285629867 18098281689638654910095540970 2042228929088920015 0 \
         15049783203291450303786662116 1603860054796024059 256204778801864996 0 \
         79228162514264337593543938262 79228162514156251202487058431 576460752303423248 0 \
         521510237227179289244517]",
    ),
    ("circuit.sierra.json", "3 5 0", "[521510237227179289244517 521510237227179289244517 521510237227179289244517]"),
    // The benchmark program, 30 rounds (the benchmark runs 700).
    ("../../../benches/programs/cairo1/mixed_loop.sierra.json", "30", "[180597169181966940843585613072655574527 441 111]"),
];

fn load(name: &str, args: &str, mode: EntryMode) -> Cairo1Program {
    let path = dir().join(name);
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let options = EntryOptions { mode, args: parse_args(args).unwrap(), available_gas: None };
    Cairo1Program::from_file(&path, &bytes, &options).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// The layouts: all_cairo for plain runs; in proof mode recursive_with_poseidon, since
/// cairo-vm 3.2.0's all_cairo has 4 range-check units per step where cairo-lang 0.14's has 8
/// (proof mode's padding would differ). Programs using a builtin recursive_with_poseidon lacks
/// (the circuit builtins range_check96, add_mod, mul_mod) run proof mode in cairo-vm's
/// all_cairo, which we model as all_cairo with 4 range-check units.
const PLAIN_LAYOUT: (&str, LayoutName) = ("all_cairo", LayoutName::all_cairo);
const PROOF_LAYOUT: (&str, LayoutName) = ("recursive_with_poseidon", LayoutName::recursive_with_poseidon);

fn layout(p: &Cairo1Program, proof: bool) -> (Layout, LayoutName) {
    let by_name = |(name, vm_name): (&str, LayoutName)| (Layout::by_name(name).unwrap().clone(), vm_name);
    if !proof {
        return by_name(PLAIN_LAYOUT);
    }
    let (proof_layout, vm_name) = by_name(PROOF_LAYOUT);
    if p.builtins.iter().all(|b| *b == BuiltinKind::SegmentArena || proof_layout.has(*b)) {
        return (proof_layout, vm_name);
    }
    let (mut all_cairo, vm_name) = by_name(PLAIN_LAYOUT);
    all_cairo.rc_units = Some(4);
    (all_cairo, vm_name)
}

fn config(p: &Cairo1Program, proof: bool) -> RunConfig {
    let mut cfg = RunConfig::new()
        .with_layout(&layout(p, proof).0)
        .with_mode(if proof { RunMode::Proof } else { RunMode::Plain })
        .with_trace(TraceMode::On);
    cfg.cairo1 = Some(Cairo1Run { hints: p.hints(), builtin_costs: p.builtin_costs, syscalls: None });
    cfg
}

/// A relocated memory: address -> 32-byte little-endian value.
type Cells = BTreeMap<u64, [u8; 32]>;

/// Trace bytes and relocated memory from cairo-vm running the same program.
fn reference(p: &Cairo1Program, proof: bool) -> Result<(Vec<u8>, Cells), String> {
    let (program, mut hp) = cairo_vm_runner::program(p, proof)?;
    let mut runner = cairo_vm_runner::run(p, &program, &mut hp, layout(p, proof).1, proof)?;
    runner.relocate(true, true).map_err(|e| format!("{e:?}"))?;
    Ok(crate::common::cairo_vm_files(&runner))
}

fn memory_map(bytes: &[u8]) -> Cells {
    bytes
        .chunks(40)
        .map(|r| (u64::from_le_bytes(r[..8].try_into().unwrap()), r[8..].try_into().unwrap()))
        .collect()
}

/// Runs with both engines (identical), then returns our outcome and the return value.
fn ours(p: &Cairo1Program, proof: bool) -> (Outcome, Option<Ret>) {
    let program = p.to_program().unwrap();
    let cfg = config(p, proof);
    let outcome = compare_engines(&program, &cfg).unwrap_or_else(|d| panic!("engines differ: {d}"));
    let ret = match (&p.ret, runner::run(&program, &cfg)) {
        (Some(info), Ok(out)) => Some(read(info, &out)),
        _ => None,
    };
    (outcome, ret)
}

fn read(info: &ReturnInfo, out: &runner::RunOutput) -> Ret {
    info.read(&out.vm.memory, out.vm.ap).expect("return value readable")
}

#[test]
fn cairo1_programs_match_cairo_vm_in_plain_and_proof_mode() {
    let mut failures = Vec::new();
    for (name, args, _) in CASES {
        for proof in [false, true] {
            let mode = if proof { EntryMode::Proof } else { EntryMode::Plain };
            let p = load(name, args, mode);
            let (outcome, _) = ours(&p, proof);
            let Outcome::Ok { trace, memory, .. } = outcome else {
                failures.push(format!("{name} (proof={proof}): our run failed: {}", outcome.brief()));
                continue;
            };
            match reference(&p, proof) {
                Ok((rt, rm)) => {
                    if rt != trace {
                        failures.push(format!(
                            "{name} (proof={proof}): trace differs ({} vs {} steps)",
                            trace.len() / 24,
                            rt.len() / 24
                        ));
                    }
                    if rm != memory_map(&memory) {
                        failures.push(format!("{name} (proof={proof}): memory differs"));
                    }
                }
                Err(e) => failures.push(format!("{name} (proof={proof}): cairo-vm failed: {e}")),
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn cairo1_return_values_and_panics() {
    let mut got = Vec::new();
    for (name, args, expected) in CASES {
        let p = load(name, args, EntryMode::Plain);
        let (_, ret) = ours(&p, false);
        let text = match ret {
            Some(Ret::Returned(v)) => v,
            Some(Ret::Panicked(d)) => cairo_jit::cairo1::values::panic_message(&d),
            None => "<none>".into(),
        };
        if &text != expected {
            got.push(format!("{name}: got {text:?}, expected {expected:?}"));
        }
    }
    assert!(got.is_empty(), "{}", got.join("\n"));
}

/// A minimal Starknet storage: `storage_read` / `storage_write` served from a map.
#[derive(Default)]
struct Storage {
    cells: HashMap<Felt, Felt>,
    served: Vec<String>,
}

impl SyscallHandler for Storage {
    fn syscall(&mut self, vm: &mut Vm, ptr: Relocatable) -> Result<(), String> {
        let at = |i: u64| Relocatable::new(ptr.segment, ptr.offset + i);
        let int = |vm: &Vm, i: u64| vm.memory.get(at(i)).and_then(|v| v.as_int()).ok_or("bad request");
        let selector = int(vm, 0)?;
        let gas = int(vm, 1)?;
        let name = cairo_jit::hints::cairo1::syscall::short_string(&selector);
        self.served.push(name.clone());
        let put =
            |vm: &mut Vm, i: u64, v: Felt| vm.memory.insert(at(i), Value::Int(v)).map_err(|e| e.to_string());
        match name.as_str() {
            // Request: selector, gas, address_domain, key (+ value); response: gas, 0 (+ value).
            "'StorageRead'" => {
                let v = self.cells.get(&int(vm, 3)?).copied().unwrap_or(Felt::ZERO);
                put(vm, 4, gas)?;
                put(vm, 5, Felt::ZERO)?;
                put(vm, 6, v)
            }
            "'StorageWrite'" => {
                self.cells.insert(int(vm, 3)?, int(vm, 4)?);
                put(vm, 5, gas)?;
                put(vm, 6, Felt::ZERO)
            }
            other => Err(format!("{other} is not served")),
        }
    }
}

#[test]
fn cairo1_syscalls_go_to_the_handler_or_fail_clearly() {
    let p = load("syscalls.sierra", "", EntryMode::Plain);
    let program = p.to_program().unwrap();
    // Without a handler: a clear error naming the syscall and the pc.
    let err = match runner::run(&program, &config(&p, false)) {
        Err(e) => e.to_string(),
        Ok(_) => panic!("a syscall without a handler must fail"),
    };
    assert!(
        err.contains("Starknet syscall 'StorageWrite' at pc=") && err.contains("no syscall handler"),
        "{err}"
    );
    // With one: served, and the program reads back what it wrote.
    let storage = Arc::new(Mutex::new(Storage::default()));
    let mut cfg = config(&p, false);
    cfg.cairo1.as_mut().unwrap().syscalls = Some(storage.clone());
    let out = runner::run(&program, &cfg).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(read(p.ret.as_ref().unwrap(), &out), Ret::Returned("43".into()));
    let s = storage.lock().unwrap();
    assert_eq!(s.served, ["'StorageWrite'", "'StorageRead'"]);
    assert_eq!(s.cells.values().copied().collect::<Vec<_>>(), [Felt::from(42u64)]);
}

#[test]
fn cairo1_available_gas_reaches_main() {
    // fib_gas withdraws gas in every iteration and panics when it runs out.
    let path = dir().join("fib_gas.sierra.json");
    let bytes = std::fs::read(&path).unwrap();
    let run = |gas: u64| {
        let options =
            EntryOptions { args: parse_args("20").unwrap(), available_gas: Some(gas), ..Default::default() };
        let p = Cairo1Program::from_file(&path, &bytes, &options).unwrap();
        ours(&p, false).1
    };
    assert_eq!(run(1_000_000), Some(Ret::Returned("10946".into())));
    match run(500) {
        Some(Ret::Panicked(d)) => {
            assert!(cairo_jit::cairo1::values::panic_message(&d).contains("Out of gas"), "{d:?}")
        }
        other => panic!("expected an out-of-gas panic, got {other:?}"),
    }
}

#[test]
fn cairo1_bad_inputs_are_clear_errors() {
    let path = dir().join("x.sierra.json");
    let options = EntryOptions::default();
    for (bytes, want) in [
        (&b"{"[..], "invalid program JSON"),
        (&br#"{"type_declarations": 3}"#[..], "invalid Sierra program JSON"),
        (&br#"{"program": {"bytecode": ["0x1"], "hints": [[5, []]]}, "entrypoints": []}"#[..], "outside the bytecode"),
        (&br#"{"program": {"bytecode": ["zz"]}, "entrypoints": []}"#[..], "invalid executable JSON"),
        (&br#"{"program": {"bytecode": ["0x1"]}, "entrypoints": [{"builtins": ["nope"], "offset": 0, "kind": "Standalone"}]}"#[..], "unknown here"),
    ] {
        let e = Cairo1Program::from_file(&path, bytes, &options).map(|_| ()).unwrap_err().to_string();
        assert!(e.contains(want), "{e} should say {want}");
    }
    // Arguments main does not take, or too few.
    let path = dir().join("fib_gas.sierra.json");
    let bytes = std::fs::read(&path).unwrap();
    for args in ["", "1 2", "[1]", "[1] 2"] {
        let o = EntryOptions { args: parse_args(args).unwrap(), ..Default::default() };
        let e = Cairo1Program::from_file(&path, &bytes, &o).map(|_| ()).unwrap_err().to_string();
        assert!(e.contains("argument cells"), "{args:?}: {e}");
    }
}

/// A hand-assembled executable in cairo-lang-executable's format: the Standalone header, a
/// Bootloader-convention function writing `WriteRunParam`'s first value + 1 to the output.
fn executable_json() -> String {
    use cairo_lang_casm::{casm, hints::ExternalHint, operand::*};
    let header = casm! { ap += 1; call rel 4; jmp rel 0; };
    let mut body = casm! {
        ap += 2;
        [ap + 0] = [[ap - 2] + 0], ap++;
        [ap + 0] = [ap - 1] + 1, ap++;
        [ap - 1] = [[fp - 3] + 0];
        [ap + 0] = [fp - 3] + 1, ap++;
        ret;
    };
    // WriteRunParam(0) writes the argument array's start and end at [ap], [ap + 1].
    let dst = CellRef { register: Register::AP, offset: 0 };
    let index = ResOperand::Immediate(0.into());
    body.instructions[0].hints.push(ExternalHint::WriteRunParam { index, dst }.into());
    let mut bytecode = Vec::new();
    let mut hints = Vec::new();
    for inst in header.instructions.iter().chain(body.instructions.iter()) {
        if !inst.hints.is_empty() {
            hints.push((bytecode.len(), inst.hints.clone()));
        }
        bytecode.extend(inst.assemble().encode().into_iter().map(|w| format!("{w:#x}")));
    }
    serde_json::json!({
        "program": {"bytecode": bytecode, "hints": hints},
        "entrypoints": [
            {"builtins": ["output"], "offset": 0, "kind": "Standalone"},
            {"builtins": ["output"], "offset": header.current_code_offset, "kind": "Bootloader"},
        ],
    })
    .to_string()
}

#[test]
fn cairo1_executables_run_in_plain_and_proof_mode() {
    let json = executable_json();
    let path = PathBuf::from("hello.executable.json");
    for proof in [false, true] {
        let mode = if proof { EntryMode::Proof } else { EntryMode::Plain };
        let options = EntryOptions { mode, args: parse_args("41 7").unwrap(), available_gas: None };
        let p = Cairo1Program::from_file(&path, json.as_bytes(), &options).unwrap();
        let (outcome, _) = ours(&p, proof);
        let Outcome::Ok { output, .. } = outcome else { panic!("proof={proof}: {}", outcome.brief()) };
        assert_eq!(output, "Program output:\n  42\n\n", "proof={proof}");
    }
}

#[test]
fn cairo1_cli_prints_return_values_and_panics() {
    let exe = env!("CARGO_BIN_EXE_cairo-jit");
    let run = |name: &str, extra: &[&str]| {
        let out = std::process::Command::new(exe)
            .arg("run")
            .arg(dir().join(name))
            .arg("--print_output")
            .args(extra)
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
        assert!(!stderr.contains("panicked"), "{stderr}");
        (String::from_utf8_lossy(&out.stdout).into_owned() + &stderr, out.status.code())
    };
    let (stdout, code) = run("fib_gas.sierra.json", &["--args", "20"]);
    assert_eq!((stdout.as_str(), code), ("Program Output : 10946\n", Some(0)));
    let (stdout, code) = run("panic.sierra", &["--engine", "interp", "--args", "5"]);
    assert_eq!(
        (stdout.as_str(), code),
        ("Run panicked with: [37177384776983962799497701735 ('x is too big')]\n", Some(1))
    );
    let dirp = std::env::temp_dir().join(format!("cairo1-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dirp).unwrap();
    let (t, m) = (dirp.join("t.bin"), dirp.join("m.bin"));
    let (text, code) = run(
        "dict.sierra",
        &[
            "--proof_mode",
            "--trace_file",
            t.to_str().unwrap(),
            "--memory_file",
            m.to_str().unwrap(),
            "--layout",
            "all_cairo",
        ],
    );
    assert_eq!(code, Some(0), "{text}");
    assert!(text.ends_with("Program Output : 16\n"), "{text}");
    assert!(std::fs::metadata(&t).unwrap().len() > 0 && std::fs::metadata(&m).unwrap().len() > 0);
    let _ = std::fs::remove_dir_all(&dirp);
}

/// A program listing the `segment_arena` builtin: main gets arena + 3 (the arena segment
/// starting with `[infos, 0, 0]`, the infos segment allocated just before it), writes one
/// instance and returns arena + 6 (or, `wrong`, arena + 3).
fn arena_program(wrong: bool) -> Cairo1Program {
    use cairo_lang_casm::casm;
    let step: i32 = if wrong { 0 } else { 3 };
    let code = casm! {
        [ap + 0] = [[fp + (-3)] + (-3)], ap++;
        [ap + 0] = 5, ap++;
        [ap - 1] = [[fp - 3] + 0];
        [ap - 1] = [[fp - 3] + 1];
        [ap - 1] = [[fp - 3] + 2];
        [ap + 0] = [fp - 3] + step, ap++;
        ret;
    };
    let bytecode =
        code.instructions.iter().flat_map(|i| i.assemble().encode()).map(|w| Felt::from(&w)).collect();
    Cairo1Program {
        bytecode,
        hints: Arc::new(Default::default()),
        builtins: vec![BuiltinKind::SegmentArena],
        main: 0,
        proof_labels: None,
        builtin_costs: false,
        ret: None,
    }
}

#[test]
fn segment_arena_builtin_initial_cells_and_stop_pointer() {
    let p = arena_program(false);
    let program = p.to_program().unwrap();
    let cfg = config(&p, false);
    let out = runner::run(&program, &cfg).unwrap_or_else(|e| panic!("{e}"));
    // Segments: program 0, execution 1, infos 2, arena 3, then return fp and end.
    let m = &out.vm.memory;
    let cell = |s: i64, o: u64| m.get(Relocatable::new(s, o));
    assert_eq!(cell(3, 0), Some(Value::Ptr(Relocatable::new(2, 0))));
    assert_eq!((cell(3, 1), cell(3, 2)), (Some(Value::from(0u64)), Some(Value::from(0u64))));
    assert_eq!(cell(1, 0), Some(Value::Ptr(Relocatable::new(3, 3))), "main receives arena + 3");
    let arena = out.builtins().iter().find(|b| b.kind == BuiltinKind::SegmentArena).unwrap();
    assert_eq!(arena.used_cells(m), 3);
    assert_eq!(arena.stop_ptr, Some(Relocatable::new(3, 6)));
    compare_engines(&program, &cfg).unwrap();
    let e =
        runner::run(&arena_program(true).to_program().unwrap(), &cfg).map(|_| ()).unwrap_err().to_string();
    assert!(e.contains("Invalid stop pointer for segment_arena"), "{e}");
}
