//! What a run leaves behind: the trace and memory files in cairo-run's binary formats, and the
//! `--print_output` / `--print_info` texts.
//!
//! Files are written to a temporary sibling and renamed into place once complete, so a failed
//! or interrupted run never leaves a half-written file under the requested name.

pub mod air;
pub mod json;
pub mod pie;
pub mod pie_read;

use crate::runner::RunOutput;
use crate::vm::trace::unpack;
use crate::vm::Value;
use starknet_types_core::felt::Felt;
use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::Path;

/// The files' write buffer. Writing happens at the run's peak (every cell is still resident),
/// so this buffer adds to the peak; 64 KiB already makes the system calls' cost negligible
/// (a few hundred per file).
const WRITE_BUFFER: usize = 64 << 10;

/// Writes `path` atomically: `f` writes into a temporary file that is renamed on success.
pub fn write_atomically(
    path: &Path,
    f: impl FnOnce(&mut BufWriter<File>) -> io::Result<()>,
) -> io::Result<()> {
    // Only a regular file (or a new one) is replaced by rename. Anything else that exists,
    // `/dev/null`, a FIFO, a symlink, is written in place: renaming over it would replace the
    // device or the link itself.
    if let Ok(meta) = std::fs::symlink_metadata(path) {
        if !meta.file_type().is_file() {
            let mut w = BufWriter::with_capacity(
                WRITE_BUFFER,
                std::fs::OpenOptions::new().write(true).truncate(true).open(path)?,
            );
            f(&mut w)?;
            w.flush()?;
            return Ok(());
        }
    }
    let name =
        path.file_name().ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "not a file path"))?;
    let mut tmp_name = std::ffi::OsString::from(".");
    tmp_name.push(name);
    tmp_name.push(format!(".tmp-{}", std::process::id()));
    let tmp = path.with_file_name(tmp_name);
    let result = (|| {
        let mut w = BufWriter::with_capacity(WRITE_BUFFER, File::create(&tmp)?);
        f(&mut w)?;
        w.into_inner().map_err(|e| e.into_error())?.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

/// Trace entries relocated per write (96 KiB of output).
const TRACE_CHUNK: usize = 4096;

/// The relocated trace: per step `ap, fp, pc` as u64 little-endian.
pub fn write_trace(run: &RunOutput, w: &mut impl Write) -> io::Result<()> {
    let bases = &run.relocation.bases;
    let reloc = |v: u64| {
        let r = unpack(v);
        bases[r.segment as usize] + r.offset
    };
    let mut buf = Vec::with_capacity(24 * TRACE_CHUNK);
    let mut result = Ok(());
    run.trace.for_each_chunk(|entries| {
        for chunk in entries.chunks(TRACE_CHUNK) {
            if result.is_err() {
                return;
            }
            buf.clear();
            for e in chunk {
                buf.extend_from_slice(&reloc(e.ap).to_le_bytes());
                buf.extend_from_slice(&reloc(e.fp).to_le_bytes());
                buf.extend_from_slice(&reloc(e.pc).to_le_bytes());
            }
            result = w.write_all(&buf);
        }
    })?;
    result
}

/// The relocated memory: per set cell, in address order, the address as u64 LE then the value
/// as 32 bytes LE.
pub fn write_memory(run: &RunOutput, w: &mut impl Write) -> io::Result<()> {
    let rel = &run.relocation;
    let mut rec = [0u8; 40];
    for (seg, base) in rel.bases.iter().enumerate() {
        // Straight from the cells: a felt's bytes from its limbs, a pointer's address from its
        // segment's base.
        for (off, c) in run.vm.memory.segment_cells(seg as i64).iter().enumerate() {
            if !c.is_set() {
                continue;
            }
            rec[..8].copy_from_slice(&(base + off as u64).to_le_bytes());
            if c.is_reloc() {
                let a =
                    rel.address(crate::vm::Relocatable::new(c.segment(), c.offset())).ok_or_else(|| {
                        let v = Value::from_cell(c).expect("set cell");
                        io::Error::new(io::ErrorKind::InvalidData, format!("cannot relocate value {v}"))
                    })?;
                rec[8..16].copy_from_slice(&a.to_le_bytes());
                rec[16..].fill(0);
            } else {
                rec[8..].copy_from_slice(&cairo_jit_runtime::felt::to_bytes_le(c.raw()));
            }
            w.write_all(&rec)?;
        }
    }
    Ok(())
}

/// A felt as cairo-lang's `to_field_element` prints it: in `(-p/2, p/2]`.
pub fn signed_felt(f: &Felt) -> String {
    // f > (p - 1) / 2 exactly when p - f < f.
    if -*f < *f {
        format!("-{}", -*f)
    } else {
        f.to_string()
    }
}

/// The `--print_output` text (empty when the program has no output builtin).
pub fn output_text(run: &RunOutput) -> String {
    if run.output_builtin().is_none() {
        return String::new();
    }
    let mut s = String::from("Program output:\n");
    for v in run.output_values() {
        match v {
            Some(Value::Int(f)) => s.push_str(&format!("  {}\n", signed_felt(&f))),
            Some(Value::Ptr(p)) => s.push_str(&format!("  {p}\n")),
            None => s.push_str("  <missing>\n"),
        }
    }
    s.push('\n');
    s
}

/// The `--print_info` text (in proof mode followed by the builtin usage table).
pub fn info_text(run: &RunOutput) -> String {
    let mut s = registers_text(run);
    if run.mode == crate::runner::RunMode::Proof {
        s.push_str(&builtin_usage_text(run));
        s.push('\n');
    }
    s
}

/// cairo-lang's `get_builtin_usage`: per builtin runner, the share of its allocated cells used.
pub fn builtin_usage_text(run: &RunOutput) -> String {
    let runners = run.builtins();
    if runners.is_empty() {
        return String::new();
    }
    let mut s = String::from("\nBuiltin usage:\n");
    for b in runners {
        let (used, size) = b.used_and_allocated(&run.vm.memory, run.vm.current_step).unwrap_or((0, 0));
        let pct = if size > 0 { format!("{:.2}%", used as f64 / size as f64 * 100.0) } else { "100%".into() };
        s.push_str(&format!("{:<30} {:>7} (used {used} cells)\n", format!("{}_builtin", b.kind), pct));
    }
    s
}

fn registers_text(run: &RunOutput) -> String {
    let steps = run.vm.current_step;
    let original = run.original_steps;
    let cells: usize = (0..run.vm.memory.num_segments())
        .map(|s| run.vm.memory.segment_cells(s as i64).iter().filter(|c| c.is_set()).count())
        .sum();
    format!(
        "Number of steps: {steps} (originally, {original})\nUsed memory cells: {cells}\nRegister values after execution:\npc = {}\nap = {}\nfp = {}\n\n",
        run.vm.pc, run.vm.ap, run.vm.fp
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::runner::{Layout, RunConfig, TraceMode};

    /// Writing the files happens at the run's peak memory, so what it allocates adds to the peak:
    /// a bounded buffer or two, nothing that grows with the trace or the memory (memcpy_loop's
    /// 1.2M-step trace is 29 MB, its memory file 49 MB).
    #[test]
    fn writing_the_files_holds_little_heap() {
        let dir = std::env::temp_dir().join(format!("cairo-jit-output-heap-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/benches/programs/memcpy_loop.json");
        let program = crate::program::Program::from_json_bytes(&std::fs::read(path).unwrap()).unwrap();
        let mut config =
            RunConfig::new().with_layout(Layout::by_name("plain").unwrap()).with_trace(TraceMode::On);
        config.trace_spill_dir = Some(dir.clone());
        let out = crate::runner::run(&program, &config).unwrap();
        assert!(out.trace.total() > 100_000 && out.trace.in_memory().is_none());
        let (trace, memory) = (dir.join("trace.bin"), dir.join("memory.bin"));
        let (written, peak) = crate::program::tests::heap::heap_peak(|| {
            write_atomically(&trace, |w| write_trace(&out, w))?;
            write_atomically(&memory, |w| write_memory(&out, w))
        });
        written.unwrap();
        let sizes = (std::fs::metadata(&trace).unwrap().len(), std::fs::metadata(&memory).unwrap().len());
        let _ = std::fs::remove_dir_all(&dir);
        assert_eq!(sizes.0, 24 * out.trace.total());
        assert!(sizes.1 > 10 << 20, "memory file of {} bytes", sizes.1);
        assert!(peak <= 320 << 10, "writing both files held {peak} bytes of heap at once");
    }
}
