//! Where each account's entry sits in a per-account read model's list, by stream id: the one
//! lookup the statement, the chart and the overview share.

use std::collections::HashMap;

/// Stream id to the place of its entry in a list kept in opening order. (u64 values: the one
/// map type the wasm already carries, see `BankState`.)
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StreamIndex(HashMap<String, u64>);

impl StreamIndex {
    /// The index of a list whose entries have these stream ids, in order.
    pub fn of<'a>(ids: impl Iterator<Item = &'a str>) -> Self {
        let mut index = StreamIndex::default();
        for (slot, id) in ids.enumerate() {
            index.add(id, slot);
        }
        index
    }

    /// The entry of `id` is at `slot`.
    pub fn add(&mut self, id: &str, slot: usize) {
        self.0.insert(id.to_string(), slot as u64);
    }

    /// Where the entry of `id` is, if it has one.
    pub fn slot(&self, id: &str) -> Option<usize> {
        self.0.get(id).map(|&slot| slot as usize)
    }
}
