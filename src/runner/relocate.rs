//! Relocation: every segment gets a base address, the first at 1, each following the previous
//! one's effective size (cairo-lang's `relocate_segments`).

use crate::vm::{Memory, Relocatable, Value};

/// Segment bases after the run.
#[derive(Clone, Debug)]
pub struct Relocation {
    /// `bases[i]` is the address of segment i's first cell.
    pub bases: Vec<u64>,
    /// Effective sizes.
    pub sizes: Vec<u64>,
}

impl Relocation {
    /// Computes the bases from the memory's effective segment sizes.
    pub fn new(memory: &Memory) -> Result<Self, String> {
        Self::with_sizes(memory, &std::collections::BTreeMap::new())
    }

    /// Computes the bases with some segments' sizes fixed by `finalize_segments` (which may
    /// exceed their used size, never fall below it).
    pub fn with_sizes(memory: &Memory, fixed: &std::collections::BTreeMap<i64, u64>) -> Result<Self, String> {
        if memory.num_temp_segments() > 0 {
            for i in 1..=memory.num_temp_segments() as i64 {
                if memory.segment_len(-i).unwrap_or(0) > 0 {
                    // cairo-lang refuses to relocate memory left in temporary segments.
                    return Err(format!(
                        "Expected memory address to be relocatable value. Found temporary segment {}.",
                        -i
                    ));
                }
            }
        }
        let mut bases = Vec::with_capacity(memory.num_segments());
        let mut sizes = Vec::with_capacity(memory.num_segments());
        let mut next = 1u64;
        for s in 0..memory.num_segments() {
            let used = memory.segment_len(s as i64).unwrap_or(0) as u64;
            let len = fixed.get(&(s as i64)).copied().unwrap_or(used);
            if len < used {
                return Err(format!("Segment {s} exceeded its allocated size."));
            }
            bases.push(next);
            sizes.push(len);
            next += len;
        }
        Ok(Relocation { bases, sizes })
    }

    /// The absolute address of a pointer.
    #[inline]
    pub fn address(&self, r: Relocatable) -> Option<u64> {
        if r.segment < 0 {
            return None;
        }
        self.bases.get(r.segment as usize).map(|b| b + r.offset)
    }

    /// A value as it is written to the memory file: felts as themselves, pointers as addresses.
    pub fn value_bytes(&self, v: &Value) -> Option<[u8; 32]> {
        match v {
            Value::Int(f) => Some(cairo_jit_runtime::felt::to_bytes_le(f.to_raw())),
            Value::Ptr(r) => {
                let a = self.address(*r)?;
                let mut b = [0u8; 32];
                b[..8].copy_from_slice(&a.to_le_bytes());
                Some(b)
            }
        }
    }
}
