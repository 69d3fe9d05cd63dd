//! Type-ahead matching for the lookup dropdowns. Keys are lower-cased once, when items arrive, so
//! a keystroke only scans precomputed strings (154,823 areas must stay smooth).

/// Precomputed lower-case search keys, one per item, in item order.
#[derive(Debug, Clone, Default)]
pub struct FilterIndex {
    keys: Vec<String>,
}

/// Lower-cases and folds the separators people type interchangeably, so `agaram bengaluru`
/// finds `Agaram — Bengaluru, Karnataka`.
pub fn search_key(label: &str) -> String {
    label
        .chars()
        .map(|c| match c {
            '—' | '–' | ',' | '-' | '(' | ')' | '.' => ' ',
            c => c,
        })
        .flat_map(char::to_lowercase)
        .collect()
}

impl FilterIndex {
    pub fn new() -> FilterIndex {
        FilterIndex::default()
    }

    pub fn push(&mut self, label: &str) {
        self.keys.push(search_key(label));
    }

    pub fn len(&self) -> usize {
        self.keys.len()
    }

    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }

    /// Like `matches`, but only among `candidates` (the hits of a shorter query this one
    /// extends): typing one more character narrows the last result instead of rescanning all.
    pub fn matches_within(&self, query: &str, candidates: &[u32]) -> Vec<u32> {
        let q = search_key(query);
        let words: Vec<&str> = q.split_whitespace().collect();
        let Some(first) = words.first() else {
            return candidates.to_vec();
        };
        let mut starts = Vec::new();
        let mut contains = Vec::new();
        for &i in candidates {
            let Some(key) = self.keys.get(i as usize) else {
                continue;
            };
            if words.iter().all(|w| key.contains(w)) {
                if key.starts_with(first) {
                    starts.push(i);
                } else {
                    contains.push(i);
                }
            }
        }
        // Candidates were ordered by the old first word; restore item order in each group.
        starts.sort_unstable();
        contains.sort_unstable();
        starts.extend(contains);
        starts
    }

    /// Indices of the items matching every word of `query`, items whose key starts with the
    /// query's first word first, each group in item order. An empty query matches everything.
    pub fn matches(&self, query: &str) -> Vec<u32> {
        let q = search_key(query);
        let words: Vec<&str> = q.split_whitespace().collect();
        let Some(first) = words.first() else {
            return (0..self.keys.len() as u32).collect();
        };
        let mut starts = Vec::new();
        let mut contains = Vec::new();
        for (i, key) in self.keys.iter().enumerate() {
            if words.iter().all(|w| key.contains(w)) {
                if key.starts_with(first) {
                    starts.push(i as u32);
                } else {
                    contains.push(i as u32);
                }
            }
        }
        starts.extend(contains);
        starts
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn index(labels: &[&str]) -> FilterIndex {
        let mut ix = FilterIndex::new();
        for l in labels {
            ix.push(l);
        }
        ix
    }

    #[test]
    fn every_word_must_match_and_prefixes_come_first() {
        let ix = index(&[
            "Nagaram — Warangal, Andhra Pradesh",
            "Agaram — Bengaluru, Karnataka",
            "Agara — Bengaluru, Karnataka",
        ]);
        assert_eq!(ix.matches("agaram"), vec![1, 0]);
        assert_eq!(ix.matches("AGARAM bengaluru"), vec![1]);
        assert_eq!(ix.matches("agara beng"), vec![1, 2]);
        assert_eq!(ix.matches("  "), vec![0, 1, 2]);
        assert!(ix.matches("mumbai").is_empty());
    }

    #[test]
    fn narrowing_gives_the_same_answer_as_a_full_scan() {
        let ix = index(&[
            "Nagaram — Warangal, Andhra Pradesh",
            "Agaram — Bengaluru, Karnataka",
            "Agara — Bengaluru, Karnataka",
            "Gara — Pune, Maharashtra",
        ]);
        let mut prev = ix.matches("");
        let mut typed = String::new();
        for c in "agaram beng".chars() {
            typed.push(c);
            let narrowed = ix.matches_within(&typed, &prev);
            assert_eq!(narrowed, ix.matches(&typed), "after {typed:?}");
            prev = narrowed;
        }
    }

    #[test]
    fn separators_are_folded() {
        let ix = index(&["Agaram — Bengaluru, Karnataka"]);
        assert_eq!(ix.matches("bengaluru karnataka"), vec![0]);
        assert_eq!(ix.matches("agaram-bengaluru"), vec![0]);
    }
}
