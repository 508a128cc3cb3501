//! The 32-byte memory cell shared by the interpreter and generated code.
//!
//! A cell is four `u64` words. For a field element they are exactly the raw Montgomery limbs of
//! [`crate::felt::Raw`] (most significant first). A reduced element is below p < 2^252, so its
//! most significant limb is below 2^60 and the top bits of word 0 are free for tags:
//!
//! | word 0 bit | meaning |
//! |---|---|
//! | 63 ([`TAG_SET`]) | the cell holds a value (an all-zero cell is unset) |
//! | 62 ([`TAG_RELOC`]) | the value is a relocatable: word 1 is the segment index (as `i64`), word 2 the offset, word 3 is zero |
//!
//! Invariants: an unset cell is all zeros; a set felt cell has only `TAG_SET` among the tag
//! bits and reduced limbs; a set relocatable cell has `TAG_SET | TAG_RELOC` and zero in the
//! remaining bits of word 0 and in word 3. Generated code relies on these: "is set" is one bit
//! test of word 0, "is a felt" another, and the felt limbs are word 0 masked plus words 1..3.

use crate::felt::Raw;

/// Word-0 bit: the cell is set.
pub const TAG_SET: u64 = 1 << 63;
/// Word-0 bit: the value is a relocatable.
pub const TAG_RELOC: u64 = 1 << 62;
/// All tag bits of word 0.
pub const TAG_MASK: u64 = TAG_SET | TAG_RELOC;

/// One memory cell. See the module documentation for the layout.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default, Hash)]
#[repr(C, align(32))]
pub struct Cell(pub [u64; 4]);

impl Cell {
    /// The unset cell.
    pub const UNSET: Cell = Cell([0; 4]);

    /// A set cell holding the field element `raw`.
    #[inline(always)]
    pub const fn felt(raw: Raw) -> Cell {
        Cell([raw[0] | TAG_SET, raw[1], raw[2], raw[3]])
    }

    /// A set cell holding the relocatable `(segment, offset)`.
    #[inline(always)]
    pub const fn reloc(segment: i64, offset: u64) -> Cell {
        Cell([TAG_SET | TAG_RELOC, segment as u64, offset, 0])
    }

    /// Whether the cell holds a value.
    #[inline(always)]
    pub const fn is_set(&self) -> bool {
        self.0[0] & TAG_SET != 0
    }

    /// Whether the cell holds a relocatable (only meaningful when set).
    #[inline(always)]
    pub const fn is_reloc(&self) -> bool {
        self.0[0] & TAG_RELOC != 0
    }

    /// Whether the cell holds a field element.
    #[inline(always)]
    pub const fn is_felt(&self) -> bool {
        self.0[0] & TAG_MASK == TAG_SET
    }

    /// The field element's raw limbs (meaningful only when [`Cell::is_felt`]).
    #[inline(always)]
    pub const fn raw(&self) -> Raw {
        [self.0[0] & !TAG_MASK, self.0[1], self.0[2], self.0[3]]
    }

    /// The relocatable's segment index (meaningful only when [`Cell::is_reloc`]).
    #[inline(always)]
    pub const fn segment(&self) -> i64 {
        self.0[1] as i64
    }

    /// The relocatable's offset (meaningful only when [`Cell::is_reloc`]).
    #[inline(always)]
    pub const fn offset(&self) -> u64 {
        self.0[2]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::felt;

    #[test]
    fn layout() {
        assert_eq!(core::mem::size_of::<Cell>(), 32);
        assert_eq!(core::mem::align_of::<Cell>(), 32);
    }

    #[test]
    fn tags_do_not_overlap_reduced_felts() {
        // p - 1 has the largest top limb of any reduced element.
        let pm1 = felt::neg(felt::ONE);
        let c = Cell::felt(pm1);
        assert!(c.is_set() && c.is_felt() && !c.is_reloc());
        assert_eq!(c.raw(), pm1);
        let z = Cell::felt(felt::ZERO);
        assert!(z.is_set() && z.is_felt());
        assert_ne!(z, Cell::UNSET);
        let r = Cell::reloc(-3, 17);
        assert!(r.is_set() && r.is_reloc() && !r.is_felt());
        assert_eq!((r.segment(), r.offset()), (-3, 17));
    }
}
