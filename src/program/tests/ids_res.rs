//! `ids` resolution on `testdata/ids.cairo`, checked by hand (and against cairo-lang's
//! `VmConsts` run on the same program with the same memory).
//!
//! Hint H1 (pc 65, in `use_struct`, ap tracking group 9 offset 6) sees:
//! `p = [cast(fp + (-11), Point**)]`, `s = [cast(fp + (-10), Seg*)]`,
//! `t = [cast(fp + (-6), (felt, felt)*)]`, `pp = [cast(fp + (-4), Point***)]`,
//! `arr = [cast(fp + (-3), felt**)]`, `loc = [cast(fp, felt*)]`, `tv = [cast(fp + 1, felt*)]`,
//! `tv2 = l2 = [cast(ap + (-1), felt*)]` (offset 6), `__temp5 = [cast(ap + (-1), felt*)]`
//! (offset 4), `expr = cast([fp] * 3 + [fp + (-3)], felt)`, `cst = cast(5, felt)`,
//! `q = cast([fp + (-11)] + 2, Point*)`.

use super::super::{IdsError, IdsValue, Program};
use super::{r, v, FakeMemory, IDS_JSON};
use crate::vm::value::Value;
use starknet_types_core::felt::Felt;

const H1: usize = 65;
const H2: usize = 71;
const H3: usize = 128;

fn program() -> Program {
    Program::from_json_bytes(IDS_JSON).expect("ids.json loads")
}

/// fp = 1:30, ap = 1:40. p (at 1:19) -> 2:0 = Point(5, 6); s at 1:20 = Seg(a=(11, 12),
/// b=2:4 -> Point(21, 22), n=13); t at 1:24; pp (1:26) -> 3:0 -> 2:0; arr (1:27) -> 4:0;
/// loc (1:30) = 100, tv (1:31) = 200, [ap - 1] = 1:39 = 201, 1:37 = 300, 2:2 = 7.
fn mem_h1() -> FakeMemory {
    FakeMemory::new(
        "1:40",
        "1:30",
        "1:19=2:0 2:0=5 2:1=6 1:20=11 1:21=12 1:22=2:4 1:23=13 2:4=21 2:5=22 1:24=31 1:25=32 \
         1:26=3:0 3:0=2:0 1:27=4:0 1:30=100 1:31=200 1:39=201 1:37=300 2:2=7",
    )
}

fn struct_ref(val: IdsValue) -> (String, Value) {
    match val {
        IdsValue::StructRef { def, address } => (def.full_name.clone(), address),
        other => panic!("expected a struct reference, got {other:?}"),
    }
}

#[test]
fn hint_refs_table_has_the_short_names() {
    let prog = program();
    let hint = &prog.hints_at(H1)[0];
    assert!(hint.code.contains("H1"));
    for name in ["p", "s", "t", "pp", "arr", "loc", "tv", "tv2", "l2", "expr", "cst", "q", "__temp5"] {
        assert!(hint.refs.get(name).is_some(), "{name} missing from the hint table");
    }
    assert_eq!(hint.refs.len(), 13);
    assert!(hint.refs.get("late").is_none());
}

#[test]
fn pointer_to_struct_reference() {
    let prog = program();
    let mem = mem_h1();
    let ids = prog.ids(&prog.hints_at(H1)[0], &mem);
    assert_eq!(struct_ref(ids.resolve("p").unwrap()), ("__main__.Point".into(), v("2:0")));
    assert_eq!(ids.get_felt("p.x").unwrap(), Felt::from(5));
    assert_eq!(ids.get_felt("p.y").unwrap(), Felt::from(6));
    assert_eq!(ids.get_value("p.address_").unwrap(), v("2:0"));
    assert_eq!(ids.get_ptr("p").unwrap(), r("2:0"));
    // The pointer itself is stored at fp - 11; ids.p = v writes there.
    assert_eq!(ids.get_addr("p").unwrap(), r("1:19"));
    assert_eq!(ids.set_target("p").unwrap(), r("1:19"));
    // Members are read/written at P + offset.
    assert_eq!(ids.get_addr("p.y").unwrap(), r("2:1"));
    assert_eq!(ids.set_target("p.y").unwrap(), r("2:1"));
    assert_eq!(
        ids.get_value("p.z"),
        Err(IdsError::NotAMember { member: "z".into(), struct_name: "__main__.Point".into() })
    );
    assert_eq!(ids.struct_size("p").unwrap(), 2);
    // q = cast([fp - 11] + 2, Point*): not a deref, so it has a value but no address.
    assert_eq!(struct_ref(ids.resolve("q").unwrap()), ("__main__.Point".into(), v("2:2")));
    assert_eq!(ids.get_felt("q.x").unwrap(), Felt::from(7));
    assert!(matches!(ids.set_target("q"), Err(IdsError::NotAssignable { .. })));
    assert!(matches!(ids.get_addr("q"), Err(IdsError::WrongKind { .. })));
}

#[test]
fn struct_valued_reference_and_nested_members() {
    let prog = program();
    let mem = mem_h1();
    let ids = prog.ids(&prog.hints_at(H1)[0], &mem);
    // s: Seg is [fp - 10]: the struct at 1:20.
    assert_eq!(struct_ref(ids.resolve("s").unwrap()), ("__main__.Seg".into(), v("1:20")));
    assert_eq!(ids.get_value("s.address_").unwrap(), v("1:20"));
    assert_eq!(ids.get_addr("s").unwrap(), r("1:20"));
    // s.a is a Point member (offset 0): a struct at 1:20.
    assert_eq!(struct_ref(ids.resolve("s.a").unwrap()), ("__main__.Point".into(), v("1:20")));
    assert_eq!(ids.get_felt("s.a.y").unwrap(), Felt::from(12));
    assert_eq!(ids.get_addr("s.a.y").unwrap(), r("1:21"));
    // s.b is a Point* member (offset 2): the struct at memory[1:22] = 2:4.
    assert_eq!(struct_ref(ids.resolve("s.b").unwrap()), ("__main__.Point".into(), v("2:4")));
    assert_eq!(ids.get_felt("s.b.y").unwrap(), Felt::from(22));
    assert_eq!(ids.set_target("s.b.x").unwrap(), r("2:4"));
    assert_eq!(ids.get_felt("s.n").unwrap(), Felt::from(13));
    assert_eq!(ids.set_target("s.n").unwrap(), r("1:23"));
    assert_eq!(ids.get_addr("s.b").unwrap(), r("1:22"));
    // Only felts and pointers can be assigned as a whole.
    assert!(matches!(ids.set_target("s"), Err(IdsError::NotAssignable { .. })));
    assert_eq!(ids.member_offset("s", "b").unwrap(), 2);
    assert_eq!(ids.struct_size("s").unwrap(), 4);
}

#[test]
fn simple_references_and_ap_correction() {
    let prog = program();
    let mem = mem_h1();
    let ids = prog.ids(&prog.hints_at(H1)[0], &mem);
    assert_eq!(ids.get_value("pp").unwrap(), v("3:0")); // Point** is a plain pointer.
    assert_eq!(ids.get_ptr("arr").unwrap(), r("4:0"));
    assert_eq!(ids.get_felt("loc").unwrap(), Felt::from(100));
    assert_eq!(ids.get_felt("tv").unwrap(), Felt::from(200));
    // tv2 = [ap - 1] defined at offset 6 == the hint's: ap - 1 = 1:39.
    assert_eq!(ids.get_felt("tv2").unwrap(), Felt::from(201));
    assert_eq!(ids.get_felt("l2").unwrap(), Felt::from(201));
    assert_eq!(ids.get_addr("tv2").unwrap(), r("1:39"));
    assert_eq!(ids.set_target("tv").unwrap(), r("1:31"));
    assert_eq!(ids.set_target("loc").unwrap(), r("1:30"));
    // `.address_` of a felt reference (an extension: cairo-lang has no attribute there).
    assert_eq!(ids.get_value("tv.address_").unwrap(), v("1:31"));
    // __temp5 = [ap - 1] defined at offset 4: ap at definition = 1:40 - 2, so 1:37. cairo-lang's
    // ids refuses names starting with "__", and so do we; the reference itself evaluates.
    assert_eq!(ids.get_value("__temp5"), Err(IdsError::Unknown("__temp5".into())));
    // expr = [fp] * 3 + [fp - 3] = 300 + 4:0.
    assert_eq!(ids.get_value("expr").unwrap(), v("4:300"));
    assert_eq!(ids.get_felt("cst").unwrap(), Felt::from(5));
    assert!(matches!(ids.set_target("cst"), Err(IdsError::NotAssignable { .. })));
    // A tuple reference is not accessible (cairo-lang: "Type must be of the form T*.").
    assert!(matches!(ids.get_value("t"), Err(IdsError::Unsupported { .. })));
    // t is [fp - 6], so it still has an address.
    assert_eq!(ids.get_addr("t").unwrap(), r("1:24"));
}

#[test]
fn ap_based_reference_at_ap_offset_difference() {
    // Through the public evaluation pieces: __temp5 at group 9 offset 4, seen from offset 6.
    let prog = program();
    let hint = &prog.hints_at(H1)[0];
    let id = hint.flow_tracking_data.reference_ids["__main__.use_struct.__temp5"];
    let reference = prog.reference(id).unwrap();
    let mem = mem_h1();
    let ap = super::super::eval::corrected_ap(
        mem.ap,
        &hint.flow_tracking_data.ap_tracking,
        &reference.ap_tracking,
    );
    assert_eq!(ap, Some(r("1:38")));
    let ctx = super::super::EvalContext { ap, fp: mem.fp, memory: &mem };
    assert_eq!(super::super::eval::eval(&reference.expr, &ctx).unwrap(), v("300"));
}

#[test]
fn constants_structs_and_scopes() {
    let prog = program();
    let mem = mem_h1();
    let ids = prog.ids(&prog.hints_at(H1)[0], &mem);
    assert_eq!(ids.get_felt("MY_CONST").unwrap(), Felt::from(17));
    assert_eq!(ids.get_felt("NEG").unwrap(), Felt::from(-5));
    assert_eq!(ids.get_felt("HUGE").unwrap(), Felt::TWO.pow(200u32));
    assert_eq!(ids.get_felt("ns.INNER").unwrap(), Felt::from(3));
    assert_eq!(ids.resolve("ns").unwrap(), IdsValue::Scope { name: "__main__.ns".into(), pc: None });
    let helper_pc = prog.get_label("ns.helper").unwrap();
    assert_eq!(
        ids.resolve("ns.helper").unwrap(),
        IdsValue::Scope { name: "__main__.ns.helper".into(), pc: Some(helper_pc) }
    );
    assert_eq!(ids.get_value("ns.helper.instruction_offset_").unwrap(), Value::from(helper_pc as u64));
    assert_eq!(ids.get_felt("Point.SIZE").unwrap(), Felt::from(2));
    assert_eq!(ids.get_felt("Point.y").unwrap(), Felt::from(1));
    assert_eq!(ids.get_felt("Seg.SIZE").unwrap(), Felt::from(4));
    assert_eq!(ids.get_felt("Seg.n").unwrap(), Felt::from(3));
    assert_eq!(ids.member_offset("Seg", "b").unwrap(), 2);
    assert_eq!(ids.struct_size("Point").unwrap(), 2);
    // Uint256 is an alias (an import) in __main__.
    assert_eq!(ids.get_felt("Uint256.SIZE").unwrap(), Felt::from(2));
    assert_eq!(ids.get_felt("Uint256.high").unwrap(), Felt::from(1));
    assert_eq!(
        ids.resolve("alloc").unwrap(),
        IdsValue::Scope {
            name: "starkware.cairo.common.alloc.alloc".into(),
            pc: prog.get_label("alloc").ok()
        }
    );
    assert!(matches!(ids.set_target("MY_CONST"), Err(IdsError::NotAssignable { .. })));
    assert!(matches!(ids.set_target("Point.SIZE"), Err(IdsError::NotAssignable { .. })));
    assert!(matches!(ids.get_value("MY_CONST.x"), Err(IdsError::WrongKind { .. })));
    assert!(matches!(ids.get_value("Point"), Err(IdsError::WrongKind { .. })));
}

#[test]
fn unknown_and_revoked_names() {
    let prog = program();
    let mem = mem_h1();
    let ids = prog.ids(&prog.hints_at(H1)[0], &mem);
    assert_eq!(ids.get_value("nope"), Err(IdsError::Unknown("nope".into())));
    assert_eq!(ids.get_value("ns.nope"), Err(IdsError::Unknown("ns.nope".into())));
    // SHIFT exists only in the uint256 module.
    assert_eq!(ids.get_value("SHIFT"), Err(IdsError::Unknown("SHIFT".into())));
    // Defined after the hint: not in its flow-tracking data.
    assert!(matches!(ids.get_value("late"), Err(IdsError::Revoked { name, .. }) if name == "late"));
    assert!(matches!(ids.get_value("after"), Err(IdsError::Revoked { .. })));
    assert_eq!(ids.get_value("a..b"), Err(IdsError::InvalidPath("a..b".into())));
    assert_eq!(ids.get_value(""), Err(IdsError::InvalidPath("".into())));
}

#[test]
fn other_ap_group_revokes_only_ap_based_references() {
    // H2 follows a call with an unknown ap change: group 10.
    let prog = program();
    let mem = mem_h1();
    let hint = &prog.hints_at(H2)[0];
    assert!(hint.code.contains("H2"));
    let ids = prog.ids(hint, &mem);
    let err = ids.get_value("tv2").unwrap_err();
    assert!(matches!(&err, IdsError::Revoked { name, .. } if name == "tv2"), "{err}");
    assert!(err.to_string().starts_with("Reference 'tv2' is revoked"));
    assert!(matches!(ids.get_value("l2"), Err(IdsError::Revoked { .. })));
    // fp-based references still work, and so does one of the new group.
    assert_eq!(ids.get_felt("loc").unwrap(), Felt::from(100));
    assert_eq!(ids.get_felt("p.x").unwrap(), Felt::from(5));
    assert_eq!(ids.get_felt("after").unwrap(), Felt::from(201));
}

#[test]
fn main_hint_uint256_locals() {
    let prog = program();
    let mem = FakeMemory::new("1:60", "1:50", "1:50=3 1:51=0 1:55=1:53 1:53=1 1:54=2 1:59=42");
    let hint = &prog.hints_at(H3)[0];
    let ids = prog.ids(hint, &mem);
    let (name, addr) = struct_ref(ids.resolve("a").unwrap());
    assert_eq!((name.as_str(), addr), ("starkware.cairo.common.uint256.Uint256", v("1:50")));
    assert_eq!(ids.get_felt("a.low").unwrap(), Felt::from(3));
    assert_eq!(ids.get_felt("a.high").unwrap(), Felt::ZERO);
    assert_eq!(ids.set_target("a.high").unwrap(), r("1:51"));
    // res, v and arr are ap-based from group 11; the hint is in group 12.
    assert!(matches!(ids.get_value("res"), Err(IdsError::Revoked { .. })));
    assert!(matches!(ids.get_value("v"), Err(IdsError::Revoked { .. })));
    assert_eq!(ids.get_felt("r").unwrap(), Felt::from(42));
    assert_eq!(struct_ref(ids.resolve("pt").unwrap()), ("__main__.Point".into(), v("1:53")));
    assert_eq!(ids.get_felt("pt.y").unwrap(), Felt::from(2));
    assert_eq!(struct_ref(ids.resolve("pptr").unwrap()), ("__main__.Point".into(), v("1:53")));
    assert_eq!(ids.get_felt("pptr.x").unwrap(), Felt::from(1));
    // s = cast(([fp + 3], fp + 3, 4), Seg) has no address.
    assert!(matches!(ids.get_value("s"), Err(IdsError::Eval { .. })));
    // output_ptr is [fp - 4] = 1:46: unset.
    let err = ids.get_value("output_ptr").unwrap_err();
    assert!(err.to_string().contains("Unknown value for memory cell at address 1:46"), "{err}");
}

#[test]
fn library_hint_uint256_add() {
    // `ids.a.low + ids.b.low`, `ids.carry_low = ...` in uint256_add (pc 20, group 5 offset 4).
    let prog = program();
    let hint = &prog.hints_at(20)[0];
    assert!(hint.code.starts_with("sum_low = ids.a.low + ids.b.low"));
    let mem = FakeMemory::new("1:104", "1:100", "1:94=7 1:95=8 1:96=9 1:97=10");
    let ids = prog.ids(hint, &mem);
    assert_eq!(ids.get_felt("a.low").unwrap(), Felt::from(7)); // a = [fp - 6]
    assert_eq!(ids.get_felt("b.high").unwrap(), Felt::from(10)); // b = [fp - 4]
    assert_eq!(ids.set_target("carry_low").unwrap(), r("1:102")); // [fp + 2]
    assert_eq!(ids.set_target("carry_high").unwrap(), r("1:103"));
    assert_eq!(ids.set_target("res.high").unwrap(), r("1:101"));
    assert_eq!(ids.get_felt("SHIFT").unwrap(), Felt::TWO.pow(128u32));
    assert_eq!(ids.struct_size("Uint256").unwrap(), 2);
}

#[test]
fn table_and_search_agree_for_every_hint_name() {
    // Resolving through the precomputed table and through the plain identifier search gives
    // the same result for every reference name of every hint.
    let prog = program();
    let mem = mem_h1();
    for hints in prog.hints().values() {
        for hint in hints {
            let with_table = prog.ids(hint, &mem);
            let without =
                super::super::Ids::new(&prog, &hint.accessible_scopes, &hint.flow_tracking_data, &mem);
            for full in hint.flow_tracking_data.reference_ids.keys() {
                let short = full.rsplit('.').next().unwrap();
                assert_eq!(with_table.resolve(short), without.resolve(short), "{full}");
                assert_eq!(with_table.get_addr(short), without.get_addr(short), "{full}");
            }
        }
    }
}
