//! Numbers to entries, for the paper as a whole: "[n]" names the entry labelled n; in an
//! unlabelled list, the n-th entry as far as the paper's evidence shows the list was split right.
//! Anchors ("Deng et al. [7]" where Deng's entry sits near the seventh) and the highest number
//! against the entry count reveal a lost, merged or split entry; the offset is repaired where the
//! evidence on both sides agrees, and where it cannot decide, the number is left unresolved.

use std::collections::HashMap;
use std::sync::LazyLock;

use regex::Regex;

use super::numeric::Group;
use super::NAME;
use crate::extract::references::Reference;

/// How far from the n-th entry an anchor's author may sit: a list seldom loses more entries.
const ANCHOR_REACH: usize = 6;
/// How far before a callout its anchor's name may stand.
const ANCHOR_WINDOW: usize = 80;

/// The entry a number names and the rule that says so.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Target {
    pub entry: usize,
    pub rule: &'static str,
}

pub const BY_LABEL: &str = "numeric callout, by label";
pub const BY_POSITION: &str = "numeric callout, by position";
pub const REPAIRED: &str = "numeric callout, by position repaired at anchors";

/// What each number of a paper's numeric callouts names.
#[derive(Debug, Default)]
pub struct NumberMap {
    targets: HashMap<u32, Target>,
}

impl NumberMap {
    pub fn get(&self, n: u32) -> Option<Target> {
        self.targets.get(&n).copied()
    }
}

static AUTHOR_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    crate::text::regex(&format!(r"({NAME})(?:\s+et\s+al\.?|\s+(?:and|&)\s+{NAME})?(?:'s)?\s*$")).expect("valid regex")
});

/// Every pattern of this module, so that they can be compiled ahead of use.
pub(crate) static PATTERNS: [&LazyLock<Regex>; 1] = [&AUTHOR_BEFORE];

/// Builds the map from the paper's list and the numeric callouts it writes.
pub fn build(text: &str, refs: &[Reference], groups: &[Group]) -> NumberMap {
    let mut map = NumberMap::default();
    let numbered: Vec<(u32, usize)> = refs
        .iter()
        .enumerate()
        .filter_map(|(i, r)| r.label.as_deref().and_then(|l| l.parse::<u32>().ok()).map(|n| (n, i)))
        .collect();
    if numbered.len() * 2 >= refs.len() && !numbered.is_empty() {
        for (n, i) in numbered {
            map.targets.entry(n).or_insert(Target { entry: i, rule: BY_LABEL });
        }
        return map;
    }
    let highest = groups
        .iter()
        .flat_map(|g| g.numbers.iter().copied())
        .filter(|&n| n as usize <= refs.len() + ANCHOR_REACH)
        .max();
    let Some(highest) = highest else { return map };
    let anchors = anchors(text, refs, groups);
    let n_refs = refs.len() as i64;
    // Offsets known at points: the list's start (its first entries are seldom lost), each anchor,
    // and its end where the count says entries were lost or merged (the last number then names
    // the last entry).
    // An anchor is the text's own word, and outranks the count at its number.
    let mut points: Vec<(u32, i64)> = anchors.clone();
    let anchored = |n: u32| anchors.iter().any(|a| a.0 == n);
    if !anchored(1) {
        points.push((1, 0));
    }
    if !anchored(highest) {
        match n_refs.cmp(&(highest as i64)) {
            std::cmp::Ordering::Less => points.push((highest, n_refs - highest as i64)),
            std::cmp::Ordering::Equal => points.push((highest, 0)),
            std::cmp::Ordering::Greater => {}
        }
    }
    points.sort_unstable();
    let repaired = points.iter().any(|&(_, d)| d != 0);
    for n in 1..=highest {
        crate::deadline::check();
        let before = points.iter().rev().find(|&&(p, _)| p <= n);
        let after = points.iter().find(|&&(p, _)| p >= n);
        let offset = match (before, after) {
            (Some(&(pb, db)), _) if pb == n => Some(db),
            (_, Some(&(pa, da))) if pa == n => Some(da),
            (Some(&(_, db)), Some(&(_, da))) => (db == da).then_some(db),
            (Some(&(_, db)), None) => Some(db),
            (None, Some(&(_, da))) => Some(da),
            (None, None) => None,
        };
        let Some(offset) = offset else { continue };
        let entry = n as i64 - 1 + offset;
        if (0..n_refs).contains(&entry) {
            let rule = if repaired { REPAIRED } else { BY_POSITION };
            map.targets.insert(n, Target { entry: entry as usize, rule });
        }
    }
    map
}

/// (number, offset) where the text names an author right before a one-number callout and that
/// author's entry sits near the numbered position; an anchor that its neighbours both contradict
/// is dropped.
fn anchors(text: &str, refs: &[Reference], groups: &[Group]) -> Vec<(u32, i64)> {
    let mut found: Vec<(u32, i64)> = Vec::new();
    for g in groups.iter().filter(|g| g.numbers.len() == 1) {
        crate::deadline::check();
        let n = g.numbers[0];
        if n == 0 {
            continue;
        }
        let from = text.floor_char_boundary(g.start.saturating_sub(ANCHOR_WINDOW));
        let Some(c) = AUTHOR_BEFORE.captures(&text[from..g.start]) else { continue };
        let surname = &c[1];
        let at = n as usize - 1;
        let lo = at.saturating_sub(ANCHOR_REACH);
        let hi = (at + ANCHOR_REACH + 1).min(refs.len());
        let matching: Vec<usize> = (lo..hi).filter(|&i| refs[i].parsed.author_matches(0, surname)).collect();
        if let Some(&i) = matching.iter().min_by_key(|&&i| i.abs_diff(at)) {
            // Two entries of one author near each other leave the anchor unsure.
            if matching.len() == 1 || i == at {
                found.push((n, i as i64 - at as i64));
            }
        }
    }
    found.sort_unstable();
    found.dedup();
    // The same number anchored two ways says nothing.
    let ambiguous: Vec<u32> = found.windows(2).filter(|w| w[0].0 == w[1].0).map(|w| w[0].0).collect();
    found.retain(|a| !ambiguous.contains(&a.0));
    let kept: Vec<(u32, i64)> = (0..found.len())
        .filter(|&k| {
            let prev = k.checked_sub(1).map(|p| found[p].1);
            let next = found.get(k + 1).map(|a| a.1);
            !matches!((prev, next), (Some(p), Some(q)) if p == q && p != found[k].1)
        })
        .map(|k| found[k])
        .collect();
    kept
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bib::ParsedReference;

    fn entry(author: &str) -> Reference {
        Reference {
            label: None,
            raw: format!("{author}. A title. 2001."),
            start: 0,
            end: 0,
            parsed: ParsedReference { authors: vec![author.to_string()], ..Default::default() },
        }
    }

    fn group(text: &str, n: u32) -> Group {
        let needle = format!("[{n}]");
        let start = text.find(&needle).unwrap();
        Group { start, end: start + needle.len(), numbers: vec![n], kind: super::super::numeric::Kind::Bracket }
    }

    #[test]
    fn a_count_that_agrees_maps_by_position() {
        let refs: Vec<Reference> = ["A. Ash", "B. Birch", "C. Cedar"].iter().map(|a| entry(a)).collect();
        let text = "x [1] y [3]";
        let m = build(text, &refs, &[group(text, 1), group(text, 3)]);
        assert_eq!(m.get(3), Some(Target { entry: 2, rule: BY_POSITION }));
    }

    #[test]
    fn a_lost_entry_is_repaired_where_anchors_agree_and_unsure_between() {
        // Five entries cited, the second lost in reading: four left.
        let refs: Vec<Reference> = ["A. Ash", "C. Cedar", "D. Dogwood", "E. Elm"].iter().map(|a| entry(a)).collect();
        let text = "first [1], then [2], Cedar et al. [3] and Elm [5] and [4]";
        let groups: Vec<Group> = (1..=5).map(|n| group(text, n)).collect();
        let m = build(text, &refs, &groups);
        assert_eq!(m.get(1).map(|t| t.entry), Some(0));
        // Between the start (offset 0) and the first anchor (offset -1): no way to tell.
        assert_eq!(m.get(2), None);
        assert_eq!(m.get(3).map(|t| (t.entry, t.rule)), Some((1, REPAIRED)));
        assert_eq!(m.get(4).map(|t| t.entry), Some(2));
        assert_eq!(m.get(5).map(|t| t.entry), Some(3));
    }

    #[test]
    fn lost_entries_without_anchors_resolve_only_where_sure() {
        let refs: Vec<Reference> = ["A. Ash", "B. Birch", "C. Cedar"].iter().map(|a| entry(a)).collect();
        let text = "[1] [2] [3] [4]";
        let groups: Vec<Group> = (1..=4).map(|n| group(text, n)).collect();
        let m = build(text, &refs, &groups);
        assert_eq!(m.get(1).map(|t| t.entry), Some(0));
        assert_eq!(m.get(2), None);
        assert_eq!(m.get(4).map(|t| t.entry), Some(2));
    }

    #[test]
    fn labels_name_entries_exactly() {
        let mut refs: Vec<Reference> = ["A. Ash", "B. Birch"].iter().map(|a| entry(a)).collect();
        refs[0].label = Some("1".into());
        refs[1].label = Some("3".into());
        let text = "[3]";
        let m = build(text, &refs, &[group(text, 3)]);
        assert_eq!(m.get(3), Some(Target { entry: 1, rule: BY_LABEL }));
        assert_eq!(m.get(2), None);
    }
}
