//! Debug info and error locations, formatted byte-for-byte as cairo-lang prints them.
//!
//! Ports of `Location.to_string`, `Location.to_string_with_content` and `get_location_marks`
//! (`compiler/error_handling.py`), of `LocationError.__str__` / `VmException`
//! (`vm/vm_exceptions.py`), and of the VM's traceback and `with_attr` error-message code
//! (`get_traceback`, `get_error_attr_value`, `substitute_error_message_references` in
//! `vm/virtual_machine_base.py`).
//!
//! A cairo-run error looks like:
//!
//! ```text
//! Error message: x must not be zero. Got x=0.     <- with_attr messages active at the pc
//! e.cairo:5:5: Error at pc=0:9:                     <- location (parents first), message
//! An ASSERT_EQ instruction failed: 2 != 5.
//!     assert x = 5;
//!     ^***********^
//! Cairo traceback (most recent call last):          <- one entry per caller, outermost first
//! e.cairo:15:5: (pc=0:19)
//!     middle(1);
//!     ^*******^
//! ```
//!
//! [`ErrorFormatter::format`] produces this text (without the final newline that `print`
//! adds) from the failing pc and fp, the inner message, the traceback entries (computed by the
//! caller from the frame chain) and the notes.

use super::eval::{self, decimal_repr, is_simple_reference, EvalContext};
use super::ids::MemoryView;
use super::{Attribute, FlowTrackingData, Program};
use crate::vm::value::Relocatable;
use std::collections::BTreeMap;

/// A source location; `parent` is the location that caused this one to be reached (e.g. the
/// use of a reference whose definition is `self`) and the message explaining it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Location {
    /// First line (1-based).
    pub start_line: i64,
    /// First column (1-based).
    pub start_col: i64,
    /// Last line.
    pub end_line: i64,
    /// Column just after the end.
    pub end_col: i64,
    /// The source file (may be absent).
    pub filename: Option<String>,
    /// The parent location and its message, e.g. `While expanding the reference 'x' in:`.
    pub parent: Option<(Box<Location>, String)>,
}

impl Location {
    /// cairo-lang's `Location.to_string(message)`: `file:line:col` and `: message` if any.
    pub fn to_string_with_message(&self, message: &str) -> String {
        let filename = self.filename.as_deref().unwrap_or("");
        let sep = if message.is_empty() { "" } else { ": " };
        format!("{filename}:{}:{}{sep}{message}", self.start_line, self.start_col)
    }

    /// cairo-lang's `Location.to_string_with_content(message)`: the first line, then (when the
    /// file's content is known) the source line and the `^***^` marks.
    pub fn to_string_with_content(&self, message: &str, content: Option<&str>) -> String {
        let first = self.to_string_with_message(message);
        match content {
            None => first,
            Some(c) => format!("{first}\n{}", get_location_marks(c, self)),
        }
    }

    /// The chain of parent locations, innermost first.
    pub fn parent_locations(&self) -> Vec<&Location> {
        let mut v = Vec::new();
        let mut cur = self;
        while let Some((p, _)) = &cur.parent {
            v.push(&**p);
            cur = p;
        }
        v
    }

    /// The outermost parent (self if none).
    pub fn topmost(&self) -> &Location {
        self.parent_locations().last().copied().unwrap_or(self)
    }
}

/// cairo-lang's `get_location_marks`: the location's first source line and, under it, `^` at
/// the start column and `^` at the end (with `*` between), or `^` alone for short spans.
/// Returns `""` when the line does not exist in `content`.
pub fn get_location_marks(content: &str, location: &Location) -> String {
    let lines = python_splitlines(content);
    let idx = location.start_line - 1;
    let Some(line) = usize::try_from(idx).ok().and_then(|i| lines.get(i)) else { return String::new() };
    let start_col = location.start_col;
    let end_col = if location.start_line == location.end_line {
        location.end_col
    } else {
        line.chars().count() as i64 + 1
    };
    let spaces = " ".repeat(clamp_count(start_col - 1));
    if end_col > start_col.saturating_add(1) {
        let stars = "*".repeat(clamp_count(end_col - start_col - 2));
        format!("{line}\n{spaces}^{stars}^")
    } else {
        format!("{line}\n{spaces}^")
    }
}

/// A repeat count from a Python-style (possibly negative) integer, bounded so that hostile
/// debug info cannot ask for gigabytes.
fn clamp_count(n: i64) -> usize {
    usize::try_from(n.clamp(0, 1 << 20)).unwrap_or(0)
}

/// Python's `str.splitlines()` (without keepends).
pub fn python_splitlines(s: &str) -> Vec<&str> {
    let mut lines = Vec::new();
    let mut start = 0;
    let mut chars = s.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let is_break = matches!(
            c,
            '\n' | '\r'
                | '\u{0b}'
                | '\u{0c}'
                | '\u{1c}'
                | '\u{1d}'
                | '\u{1e}'
                | '\u{85}'
                | '\u{2028}'
                | '\u{2029}'
        );
        if !is_break {
            continue;
        }
        lines.push(&s[start..i]);
        let mut end = i + c.len_utf8();
        if c == '\r' {
            if let Some(&(j, '\n')) = chars.peek() {
                chars.next();
                end = j + 1;
            }
        }
        start = end;
    }
    if start < s.len() {
        lines.push(&s[start..]);
    }
    lines
}

/// Python's `str.rstrip()` (whitespace as `str.isspace` defines it).
pub fn python_rstrip(s: &str) -> &str {
    s.trim_end_matches(|c: char| c.is_whitespace() || matches!(c, '\u{1c}'..='\u{1f}'))
}

/// The location of a hint's code.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HintLocation {
    /// Where the `%{ ... %}` block is.
    pub location: Location,
    /// Newlines right after `%{`.
    pub n_prefix_newlines: i64,
}

/// `debug_info.instruction_locations[pc]`.
///
/// The entry's `flow_tracking_data` is checked when the program loads (its syntax and that
/// every reference id exists) but not kept: nothing reads it (hints and `with_attr` messages
/// use their own flow-tracking data), and the live references of every pc are most of a
/// program's JSON (12 of keccak_loop's 17 MB).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InstructionLocation {
    /// The instruction's location (with its parent chain).
    pub inst: Location,
    /// The locations of the hints at this pc, by hint index.
    pub hints: Vec<Option<HintLocation>>,
    /// The scopes accessible at this instruction.
    pub accessible_scopes: Vec<String>,
}

/// `debug_info`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DebugInfo {
    /// Locations by pc (offset in the program).
    pub instruction_locations: BTreeMap<usize, InstructionLocation>,
    /// Contents of some source files (auto-generated ones); other files are read from disk.
    pub file_contents: BTreeMap<String, String>,
}

/// One traceback entry: the pc of a call instruction and the fp of the frame that executed
/// it (cairo-lang's `get_traceback_entries` gives them outermost first).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TracebackEntry {
    /// The call instruction's pc.
    pub pc: Relocatable,
    /// The caller's fp (used to substitute references in its error messages).
    pub fp: Relocatable,
}

/// Everything `VmException.__str__` prints.
#[derive(Clone, Copy, Debug)]
pub struct VmErrorReport<'a> {
    /// The pc where the error happened.
    pub pc: Relocatable,
    /// fp at that moment (for `{x}` in `with_attr` messages).
    pub fp: Relocatable,
    /// The inner error's text (e.g. `An ASSERT_EQ instruction failed: 2 != 5.`).
    pub message: &'a str,
    /// Traceback entries, outermost first; `None` when the error has no traceback (as for
    /// "End of program was not reached").
    pub traceback: Option<&'a [TracebackEntry]>,
    /// When the error comes from a hint: its index at the pc (the hint's location is then
    /// shown instead of the instruction's).
    pub hint_index: Option<usize>,
    /// Notes printed at the end (for hints: the Python-style traceback).
    pub notes: &'a [String],
}

/// Returns the content of a source file by name (see [`ErrorFormatter::with_sources`]).
pub type SourceProvider<'a> = &'a dyn Fn(&str) -> Option<String>;

/// Formats errors as cairo-lang does, for a program loaded at `program_base`.
pub struct ErrorFormatter<'a> {
    program: &'a Program,
    program_base: Relocatable,
    sources: Option<SourceProvider<'a>>,
}

impl<'a> ErrorFormatter<'a> {
    /// A formatter for `program` loaded at `program_base` (cairo-run loads at `0:0`). Source
    /// files come from `debug_info.file_contents`, else from disk, like cairo-lang.
    pub fn new(program: &'a Program, program_base: Relocatable) -> Self {
        ErrorFormatter { program, program_base, sources: None }
    }

    /// Uses `sources` instead of the disk for files not in `debug_info.file_contents`.
    pub fn with_sources(mut self, sources: SourceProvider<'a>) -> Self {
        self.sources = Some(sources);
        self
    }

    /// The program offset of a pc, if it is in the program's segment.
    pub fn program_offset(&self, pc: Relocatable) -> Option<usize> {
        if pc.segment != self.program_base.segment {
            return None;
        }
        pc.offset.checked_sub(self.program_base.offset).and_then(|o| usize::try_from(o).ok())
    }

    /// The debug info of the instruction at `pc`.
    pub fn instruction_location(&self, pc: Relocatable) -> Option<&'a InstructionLocation> {
        self.program_offset(pc).and_then(|o| self.program.instruction_location(o))
    }

    /// The content of a source file: `file_contents`, else the source provider or the disk.
    pub fn file_content(&self, filename: Option<&str>) -> Option<String> {
        let name = filename?;
        if let Some(c) = self.program.debug_info().and_then(|d| d.file_contents.get(name)) {
            return Some(c.clone());
        }
        match self.sources {
            Some(f) => f(name),
            None => std::fs::read_to_string(name).ok(),
        }
    }

    /// `location.to_string_with_content(message)` with this formatter's sources.
    pub fn location_with_content(&self, location: &Location, message: &str) -> String {
        location.to_string_with_content(message, self.file_content(location.filename.as_deref()).as_deref())
    }

    /// cairo-lang's `get_error_attr_value(pc, fp)`: one `Error message: ...\n` line per
    /// `error_message` attribute whose range contains `pc`, with `{x}` substituted.
    pub fn error_attr_value(&self, pc: Relocatable, fp: Relocatable, memory: &dyn MemoryView) -> String {
        let Some(offset) = self.program_offset(pc) else { return String::new() };
        let mut out = String::new();
        for attr in self.program.error_attributes_at(offset) {
            out.push_str("Error message: ");
            out.push_str(&self.substitute_error_message(attr, fp, memory));
            out.push('\n');
        }
        out
    }

    /// cairo-lang's `substitute_error_message_references`: replaces each `{name}` (letters,
    /// digits, `_`, `.`) by the value of the fp-based reference `name`, in decimal (negative
    /// for felts above p/2) or `seg:off`. References that cannot be evaluated (ap-based, not
    /// simple, unknown memory, unknown names, non-references) stay as written and are listed
    /// at the end. (cairo-lang crashes on a name that is not a reference, e.g. a constant;
    /// here it is listed like the others.)
    pub fn substitute_error_message(
        &self,
        attr: &Attribute,
        fp: Relocatable,
        memory: &dyn MemoryView,
    ) -> String {
        let Some(flow) = &attr.flow_tracking_data else { return attr.value.clone() };
        let text = &attr.value;
        let bytes = text.as_bytes();
        let mut out = String::with_capacity(text.len());
        let mut invalid: Vec<&str> = Vec::new();
        let mut i = 0;
        let mut copied = 0;
        while i < bytes.len() {
            if bytes[i] == b'{' {
                let start = i + 1;
                let mut j = start;
                while j < bytes.len()
                    && (bytes[j].is_ascii_alphanumeric() || bytes[j] == b'_' || bytes[j] == b'.')
                {
                    j += 1;
                }
                if j > start && j < bytes.len() && bytes[j] == b'}' {
                    let name = &text[start..j];
                    out.push_str(&text[copied..i]);
                    match self.evaluate_fp_reference(name, &attr.accessible_scopes, flow, fp, memory) {
                        Some(v) => out.push_str(&v),
                        None => {
                            invalid.push(name);
                            out.push_str(&text[i..=j]);
                        }
                    }
                    i = j + 1;
                    copied = i;
                    continue;
                }
            }
            i += 1;
        }
        out.push_str(&text[copied..]);
        if !invalid.is_empty() {
            let list: Vec<String> = invalid.iter().map(|n| format!("'{n}'")).collect();
            out.push_str(&format!(
                " (Cannot evaluate ap-based or complex references: [{}])",
                list.join(", ")
            ));
        }
        out
    }

    /// cairo-lang's `VirtualMachineBase.evaluate_reference` (fp only), formatted with
    /// `decimal_repr`; `None` where cairo-lang reports the reference as invalid.
    fn evaluate_fp_reference(
        &self,
        name: &str,
        scopes: &[String],
        flow: &FlowTrackingData,
        fp: Relocatable,
        memory: &dyn MemoryView,
    ) -> Option<String> {
        let ids = self.program.identifiers();
        let found = ids.search(scopes, name).ok()?;
        let canonical = found.fully_parsed_name(ids).ok()?;
        let reference = self.program.reference(flow.reference_ids.get(canonical)?)?;
        if !is_simple_reference(&reference.expr, 20) || reference.uses_ap() {
            return None;
        }
        let ty = reference.ty.as_ref().ok()?;
        if !matches!(ty, super::CairoType::Felt | super::CairoType::Pointer(_)) {
            return None;
        }
        let ctx = EvalContext { ap: None, fp, memory };
        eval::eval(&reference.expr, &ctx).ok().map(|v| decimal_repr(&v))
    }

    /// cairo-lang's `get_traceback`: `Cairo traceback (most recent call last):` and, per entry,
    /// its error messages and its call's location (or `Unknown location (pc=...)`). `None` when
    /// there are no entries.
    pub fn traceback(&self, entries: &[TracebackEntry], memory: &dyn MemoryView) -> Option<String> {
        let mut tb = String::new();
        for e in entries {
            tb.push_str(&self.error_attr_value(e.pc, e.fp, memory));
            match self.instruction_location(e.pc) {
                None => tb.push_str(&format!("Unknown location (pc={})\n", e.pc)),
                Some(loc) => {
                    tb.push_str(&self.location_with_content(&loc.inst, &format!("(pc={})", e.pc)));
                    tb.push('\n');
                }
            }
        }
        if tb.is_empty() {
            None
        } else {
            Some(format!("Cairo traceback (most recent call last):\n{tb}"))
        }
    }

    /// `str(VmException)`: error messages at the pc, the location chain (outermost parent
    /// first) with `Error at pc=...:\n<message>` on the innermost, the traceback, the notes;
    /// trailing whitespace removed. cairo-run prints this to stderr followed by a newline.
    pub fn format(&self, report: &VmErrorReport<'_>, memory: &dyn MemoryView) -> String {
        let mut res = self.error_attr_value(report.pc, report.fp, memory);
        let message = format!("Error at pc={}:\n{}", report.pc, report.message);
        let inst = self.instruction_location(report.pc);
        let location = inst.map(|l| {
            report
                .hint_index
                .and_then(|h| l.hints.get(h))
                .and_then(|h| h.as_ref())
                .map(|h| &h.location)
                .unwrap_or(&l.inst)
        });
        match location {
            None => {
                res.push_str(&message);
                res.push('\n');
            }
            Some(loc) => {
                let mut chain = String::new();
                let (mut loc, mut msg): (&Location, &str) = (loc, &message);
                loop {
                    chain = format!("{}\n{chain}", self.location_with_content(loc, msg));
                    match &loc.parent {
                        None => break,
                        Some((p, m)) => {
                            loc = p;
                            msg = m;
                        }
                    }
                }
                res.push_str(&chain);
            }
        }
        if let Some(tb) = report.traceback.and_then(|entries| self.traceback(entries, memory)) {
            res.push_str(&tb);
            res.push('\n');
        }
        for note in report.notes {
            res.push_str(note);
            res.push('\n');
        }
        python_rstrip(&res).to_string()
    }
}
