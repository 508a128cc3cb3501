//! Adversarial programs under both engines: unbounded recursion stopped by the step limit,
//! control flow into data, the most extreme offsets an instruction encodes. Compiled code must
//! stay inside its buffers and agree with the interpreter; the errors are cairo-run's.

use crate::common::*;
use cairo_jit::jit::JitOptions;
use cairo_jit::program::Program;
use cairo_jit::runner::{Engine, RunConfig};
use cairo_jit::testing::{compare_engines, Outcome};

fn data(name: &str) -> Program {
    Program::from_file(&root().join("tests/data").join(name)).unwrap()
}

#[test]
fn unbounded_recursion_hits_the_step_limit_identically() {
    let o =
        compare_engines(&data("infinite_recursion.json"), &RunConfig::new().with_max_steps(Some(200_000)))
            .unwrap();
    match o {
        Outcome::Err { step, message, .. } => {
            assert_eq!(step, Some(200_000));
            assert!(message.contains("Error: End of program was not reached"), "{message}");
        }
        other => panic!("expected the step limit, got {}", other.brief()),
    }
}

#[test]
fn jumps_into_data_agree() {
    let o =
        compare_engines(&data("jump_into_data.json"), &RunConfig::new().with_max_steps(Some(1000))).unwrap();
    assert!(matches!(o, Outcome::Ok { .. }), "{}", o.brief());
}

#[test]
fn extreme_offsets_agree_and_read_below_the_segment_as_cairo_run_does() {
    let o = compare_engines(&data("extreme_offsets.json"), &RunConfig::new()).unwrap();
    match o {
        Outcome::Err { pc, message, .. } => {
            assert_eq!(pc.as_deref(), Some("0:4"));
            // cairo-run: the offset is reduced modulo p.
            assert!(message.contains(
                "Unknown value for memory cell at address 1:3618502788666131213697322783095070105623107215331596699973092056135871987715."
            ), "{message}");
        }
        other => panic!("expected an error, got {}", other.brief()),
    }
}

#[test]
fn dump_clif_writes_annotated_regions() {
    let dir = std::env::temp_dir().join(format!("cairo-jit-clif-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let program = Program::from_file(&root().join("tests/programs/loops.json")).unwrap();
    let cfg =
        RunConfig::new().with_engine(Engine::Jit(JitOptions { threshold: 0, dump_clif: Some(dir.clone()) }));
    let out = cairo_jit::runner::run(&program, &cfg).unwrap();
    let regions = out.jit_stats.unwrap().regions;
    let files: Vec<_> = std::fs::read_dir(&dir).unwrap().flatten().collect();
    assert_eq!(files.len() as u64, regions);
    let text = std::fs::read_to_string(files[0].path()).unwrap();
    assert!(text.lines().next().unwrap().starts_with("; pc "), "{text}");
    assert!(text.contains("function u0:"), "{text}");
    let _ = std::fs::remove_dir_all(&dir);
}
