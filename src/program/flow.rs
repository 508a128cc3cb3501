//! Flow-tracking data: the ap tracking and the live references at a pc.
//!
//! A program's JSON repeats the same reference names (`a.b.f.x`) in the flow-tracking data of
//! nearly every instruction (`debug_info` alone holds ~145k of them for a keccak program).
//! [`ReferenceIds`] keeps them as shared `Arc<str>`s, sorted by name; while a program loads,
//! a per-thread [`Interner`] gives every occurrence of a name the same `Arc`, so a name costs
//! one allocation per program rather than one per occurrence.
//!
//! Invariant: the pairs of a [`ReferenceIds`] are sorted by name, without duplicates (a name
//! repeated in the JSON keeps its last id, as a map would).

use super::eval::ApTracking;
use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::Deserialize;
use std::cell::RefCell;
use std::collections::HashMap;
use std::fmt;
use std::sync::Arc;

/// Live references: full name -> id in the reference manager, sorted by name.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ReferenceIds(Vec<(Arc<str>, usize)>);

impl ReferenceIds {
    /// Builds the table from `(full name, id)` pairs in any order; a repeated name keeps its
    /// last id.
    pub fn from_pairs<S: Into<Arc<str>>>(pairs: impl IntoIterator<Item = (S, usize)>) -> ReferenceIds {
        ReferenceIds::from_vec(pairs.into_iter().map(|(n, id)| (n.into(), id)).collect())
    }

    fn from_vec(mut v: Vec<(Arc<str>, usize)>) -> ReferenceIds {
        if v.windows(2).all(|w| w[0].0 < w[1].0) {
            return ReferenceIds(v);
        }
        // Stable: equal names stay in input order, so the last one is the one kept.
        v.sort_by(|a, b| a.0.cmp(&b.0));
        let mut out: Vec<(Arc<str>, usize)> = Vec::with_capacity(v.len());
        for e in v {
            match out.last_mut() {
                Some(last) if last.0 == e.0 => *last = e,
                _ => out.push(e),
            }
        }
        ReferenceIds(out)
    }

    /// The id of the reference with this full name.
    pub fn get(&self, name: &str) -> Option<usize> {
        self.0.binary_search_by(|(n, _)| (**n).cmp(name)).ok().map(|i| self.0[i].1)
    }

    /// `(full name, id)` pairs, by name.
    pub fn iter(&self) -> impl Iterator<Item = (&str, usize)> {
        self.0.iter().map(|(n, id)| (&**n, *id))
    }

    /// Full names, sorted.
    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.0.iter().map(|(n, _)| &**n)
    }

    /// Number of live references.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl std::ops::Index<&str> for ReferenceIds {
    type Output = usize;

    /// # Panics
    /// If `name` is not in the table.
    fn index(&self, name: &str) -> &usize {
        let i = self
            .0
            .binary_search_by(|(n, _)| (**n).cmp(name))
            .unwrap_or_else(|_| panic!("no reference '{name}'"));
        &self.0[i].1
    }
}

/// Flow-tracking data at a pc: the ap tracking and the live references.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FlowTrackingData {
    /// ap tracking at this pc.
    pub ap_tracking: ApTracking,
    /// Live references: full name -> reference id.
    pub reference_ids: ReferenceIds,
}

/// Shares reference names while one program loads (see the module docs).
#[derive(Default)]
pub(crate) struct Interner {
    /// Name -> index in `list`.
    index: HashMap<Arc<str>, u32>,
    list: Vec<Arc<str>>,
    /// The names (indices in `list`) of the previous sorted `reference_ids` map: consecutive
    /// pcs mostly share their live references, so most names are found here by a merge walk,
    /// without hashing.
    prev: Vec<u32>,
}

impl Interner {
    /// `name` as a shared string and its index; `cursor` walks `prev` in step with a sorted
    /// map; the third value is the position in `prev` where the name was found.
    fn intern(&mut self, name: &str, cursor: &mut usize) -> (Arc<str>, u32, Option<usize>) {
        while let Some(&p) = self.prev.get(*cursor) {
            let s = &self.list[p as usize];
            match (**s).cmp(name) {
                std::cmp::Ordering::Less => *cursor += 1,
                std::cmp::Ordering::Equal => {
                    *cursor += 1;
                    return (s.clone(), p, Some(*cursor - 1));
                }
                std::cmp::Ordering::Greater => break,
            }
        }
        if let Some(&i) = self.index.get(name) {
            return (self.list[i as usize].clone(), i, None);
        }
        let a: Arc<str> = name.into();
        // More than 2^32 distinct names cannot come from a real program; stop sharing.
        let Ok(i) = u32::try_from(self.list.len()) else { return (a, u32::MAX, None) };
        self.index.insert(a.clone(), i);
        self.list.push(a.clone());
        (a, i, None)
    }
}

thread_local! {
    static INTERNER: RefCell<Option<Interner>> = const { RefCell::new(None) };
}

/// Installs an interner for the current thread while it lives (one program load).
pub(crate) struct InternerGuard {
    previous: Option<Interner>,
}

impl InternerGuard {
    pub(crate) fn install() -> InternerGuard {
        InternerGuard { previous: INTERNER.with(|i| i.borrow_mut().replace(Interner::default())) }
    }
}

impl Drop for InternerGuard {
    fn drop(&mut self) {
        let previous = self.previous.take();
        INTERNER.with(|i| *i.borrow_mut() = previous);
    }
}

/// A JSON object key, borrowed from the input when it has no escapes.
pub(crate) enum Key<'de> {
    Borrowed(&'de str),
    Owned(String),
}

impl Key<'_> {
    pub(crate) fn as_str(&self) -> &str {
        match self {
            Key::Borrowed(s) => s,
            Key::Owned(s) => s,
        }
    }

    /// The address of the key's text in the input, when it is borrowed from it.
    pub(crate) fn address(&self) -> Option<usize> {
        match self {
            Key::Borrowed(s) => Some(s.as_ptr() as usize),
            Key::Owned(_) => None,
        }
    }
}

impl<'de: 'a, 'a> Deserialize<'de> for Key<'a> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Key<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string")
            }
            fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Key<'de>, E> {
                Ok(Key::Borrowed(v))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Key<'de>, E> {
                Ok(Key::Owned(v.to_string()))
            }
        }
        d.deserialize_str(V)
    }
}

/// A JSON string as raw bytes, borrowed from the input when it has no escapes (serde_json
/// does not check UTF-8 for these).
pub(crate) enum RawStr<'a> {
    Borrowed(&'a [u8]),
    Owned(Vec<u8>),
}

impl RawStr<'_> {
    pub(crate) fn as_bytes(&self) -> &[u8] {
        match self {
            RawStr::Borrowed(s) => s,
            RawStr::Owned(s) => s,
        }
    }
}

impl<'de: 'a, 'a> Deserialize<'de> for RawStr<'a> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = RawStr<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string")
            }
            fn visit_borrowed_bytes<E: de::Error>(self, v: &'de [u8]) -> Result<RawStr<'de>, E> {
                Ok(RawStr::Borrowed(v))
            }
            fn visit_bytes<E: de::Error>(self, v: &[u8]) -> Result<RawStr<'de>, E> {
                Ok(RawStr::Owned(v.to_vec()))
            }
            fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<RawStr<'de>, E> {
                Ok(RawStr::Borrowed(v.as_bytes()))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<RawStr<'de>, E> {
                Ok(RawStr::Owned(v.as_bytes().to_vec()))
            }
        }
        d.deserialize_bytes(V)
    }
}

impl<'de> Deserialize<'de> for ReferenceIds {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = ReferenceIds;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a map")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<ReferenceIds, A::Error> {
                let mut pairs: Vec<(Arc<str>, usize)> = Vec::with_capacity(map.size_hint().unwrap_or(0));
                let mut indices: Vec<u32> = Vec::with_capacity(pairs.capacity());
                // Taken out of the thread-local for the whole map (put back below; lost, which
                // only stops sharing, if the map is malformed).
                let mut interner = INTERNER.with(|i| i.borrow_mut().take());
                let mut cursor = 0;
                // Whether the keys so far are strictly increasing. Two consecutive keys found in
                // `prev` (which is sorted) at increasing positions need no comparison.
                let mut sorted = true;
                let mut last_hit: Option<usize> = None;
                while let Some(key) = map.next_key::<Key<'de>>()? {
                    let id: usize = map.next_value()?;
                    let name = key.as_str();
                    let (name, index, hit) = match interner.as_mut() {
                        Some(interner) => interner.intern(name, &mut cursor),
                        None => (name.into(), u32::MAX, None),
                    };
                    if sorted {
                        sorted = match (last_hit, hit) {
                            (Some(a), Some(b)) => a < b,
                            _ => pairs.last().is_none_or(|(last, _)| **last < *name),
                        };
                    }
                    last_hit = hit;
                    pairs.push((name, id));
                    indices.push(index);
                }
                if let Some(interner) = interner.as_mut() {
                    interner.prev = if sorted && !indices.contains(&u32::MAX) { indices } else { Vec::new() };
                }
                INTERNER.with(|i| *i.borrow_mut() = interner);
                let ids = if sorted { ReferenceIds(pairs) } else { ReferenceIds::from_vec(pairs) };
                Ok(ids)
            }
        }
        d.deserialize_map(V)
    }
}
