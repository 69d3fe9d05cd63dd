//! One lookup list (areas, postal codes or sales agents) as the dropdown sees it: the items that
//! have arrived, their labels and search keys, the loading state, and a cached filter result so
//! the list is filtered at most once per change of query.

use crate::api::ApiError;
use crate::domain::filter::FilterIndex;

/// `new` is `old` with more characters typed inside its last word or as new words: then every
/// match of `new` is a match of `old`.
fn extends(new: &str, old: &str) -> bool {
    !old.trim().is_empty() && new.len() > old.len() && new.starts_with(old)
}

#[derive(Debug, Clone, PartialEq)]
pub enum LoadState {
    Idle,
    Loading { retry: Option<String> },
    Loaded,
    Failed(ApiError),
}

#[derive(Debug)]
pub struct LookupList<T> {
    pub items: Vec<T>,
    pub labels: Vec<String>,
    index: FilterIndex,
    pub state: LoadState,
    cache: Option<(String, usize, Vec<u32>)>,
}

impl<T> Default for LookupList<T> {
    fn default() -> Self {
        LookupList {
            items: Vec::new(),
            labels: Vec::new(),
            index: FilterIndex::new(),
            state: LoadState::Idle,
            cache: None,
        }
    }
}

impl<T> LookupList<T> {
    pub fn clear(&mut self) {
        *self = LookupList::default();
    }

    /// Empties the items but keeps the loading state.
    pub fn clear_items(&mut self) {
        let state = std::mem::replace(&mut self.state, LoadState::Idle);
        *self = LookupList::default();
        self.state = state;
    }

    pub fn start_loading(&mut self) {
        self.clear();
        self.state = LoadState::Loading { retry: None };
    }

    pub fn extend(&mut self, items: Vec<T>, label: impl Fn(&T) -> String) {
        for item in items {
            let l = label(&item);
            self.index.push(&l);
            self.labels.push(l);
            self.items.push(item);
        }
    }

    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    pub fn is_loading(&self) -> bool {
        matches!(self.state, LoadState::Loading { .. })
    }

    /// Matching indices for `query`, recomputed only when the query or the item count changed.
    pub fn filtered(&mut self, query: &str) -> &[u32] {
        let stale = match &self.cache {
            Some((q, n, _)) => q != query || *n != self.items.len(),
            None => true,
        };
        if stale {
            // A query that extends the last one (same items) can only narrow its hits.
            let hits = match &self.cache {
                Some((q, n, prev)) if *n == self.items.len() && extends(query, q) => {
                    self.index.matches_within(query, prev)
                }
                _ => self.index.matches(query),
            };
            self.cache = Some((query.to_owned(), self.items.len(), hits));
        }
        self.last_hits()
    }

    /// The hits of the last `filtered` call, borrowed alongside `labels` without copying.
    pub fn last_hits(&self) -> &[u32] {
        match &self.cache {
            Some((_, _, hits)) => hits,
            None => &[],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filter_is_cached_until_query_or_items_change() {
        let mut list: LookupList<u32> = LookupList::default();
        list.extend(vec![1, 2, 3], |n| format!("item {n}"));
        assert_eq!(list.filtered("2"), &[1]);
        list.extend(vec![22], |n| format!("item {n}"));
        assert_eq!(list.filtered("2"), &[1, 3]);
        assert_eq!(list.filtered(""), &[0, 1, 2, 3]);
    }
}

/// The three lookup lists of the current environment.
#[derive(Debug, Default)]
pub struct Lookups {
    pub areas: LookupList<crate::api::types::Area>,
    pub postal_codes: LookupList<crate::api::types::PostalCode>,
    pub agents: LookupList<crate::api::types::SalesAgent>,
    area_by_id: std::collections::HashMap<u64, usize>,
    /// Sizes from the last complete load, for "48,200 of ~154,823".
    pub last_totals: std::collections::HashMap<super::msg::LookupKind, usize>,
}

impl Lookups {
    pub fn clear(&mut self) {
        self.areas.clear();
        self.postal_codes.clear();
        self.agents.clear();
        self.area_by_id.clear();
    }

    pub fn replace_areas(&mut self, items: Vec<crate::api::types::Area>) {
        self.areas.clear_items();
        self.area_by_id.clear();
        self.add_areas(items);
    }

    pub fn add_areas(&mut self, items: Vec<crate::api::types::Area>) {
        let start = self.areas.len();
        for (i, a) in items.iter().enumerate() {
            if let Some(id) = a.id {
                self.area_by_id.insert(id, start + i);
            }
        }
        self.areas.extend(items, |a| a.display_label());
    }

    pub fn list_state_mut(&mut self, kind: super::msg::LookupKind) -> &mut LoadState {
        use super::msg::LookupKind;
        match kind {
            LookupKind::Areas => &mut self.areas.state,
            LookupKind::PostalCodes => &mut self.postal_codes.state,
            LookupKind::SalesAgents => &mut self.agents.state,
        }
    }

    pub fn expected_total(&self, kind: super::msg::LookupKind) -> Option<usize> {
        self.last_totals.get(&kind).copied()
    }

    /// The PIN codes the chosen area reports (a Sandbox extension); empty with the real API.
    pub fn postal_codes_for_area(&self, area_id: Option<u64>) -> Vec<crate::domain::PostalPick> {
        let Some(area) = area_id
            .and_then(|id| self.area_by_id.get(&id))
            .and_then(|i| self.areas.items.get(*i))
        else {
            return Vec::new();
        };
        area.postalcodes
            .iter()
            .filter_map(|p| {
                Some(crate::domain::PostalPick {
                    id: p.id?,
                    code: p.code.clone()?,
                })
            })
            .collect()
    }
}
