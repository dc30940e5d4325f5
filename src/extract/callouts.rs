//! Callouts: the places in the body that cite the reference list, numeric ("[3]", "[3, 5-7]",
//! "[3]–[5]") or author-year ("(Deng et al., 2009)", "Deng et al. (2009a)", "Rajpurkar et al.
//! 2016", "[Harper and Konstan, 2015]"), each resolved to the entries it names.

use std::sync::LazyLock;

use regex::Regex;
use serde::Serialize;

use super::references::Reference;
use super::sections::{Layout, SectionKind};
use crate::text;

/// One citation in the body, and the entries it resolves to.
#[derive(Debug, Clone, Serialize)]
pub struct Callout {
    pub start: usize,
    pub end: usize,
    /// Indices into the reference list, in the order the callout names them.
    pub targets: Vec<usize>,
    /// Author-year items the callout names, resolved or not: (surname, year).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub cites: Vec<(String, i32)>,
}

static NUMERIC: LazyLock<Regex> = LazyLock::new(|| {
    crate::text::regex(r"\[(\d{1,4}(?:\s*[-–,;]\s*\d{1,4})*)\](?:\s*[-–]\s*\[(\d{1,4})\])?").expect("valid regex")
});
static PARENS: LazyLock<Regex> =
    LazyLock::new(|| crate::text::regex(r"[(\[]([^()\[\]]{3,}?(?:19|20)\d\d[a-z]?)[)\]]").expect("valid regex"));

// A name: "Deng", "Fei-Fei", "De Meulder", "van der Maaten", "Tjong Kim Sang", "O'Neil".
const NAME: &str =
    r"(?:(?:van|von|de|der|den|del|la|le|da|di|dos|du)\s+)*\p{Lu}[\p{L}'’-]+(?:\s+\p{Lu}[\p{L}'’-]+){0,2}";
static ITEM: LazyLock<Regex> = LazyLock::new(|| {
    crate::text::regex(&format!(
        r"({NAME})(?:\s+et\s+al\.?|\s+(?:and|&)\s+({NAME}))?,?\s+((?:19|20)\d\d)([a-z])?((?:\s*,\s*(?:(?:19|20)\d\d)?[a-z])*)"
    ))
    .expect("valid regex")
});
static NARRATIVE: LazyLock<Regex> = LazyLock::new(|| {
    crate::text::regex(&format!(
        r"({NAME})(?:\s+et\s+al\.?|\s+(?:and|&)\s+({NAME}))?\s*(?:'s\s+)?\(?((?:19|20)\d\d)([a-z])?\)?"
    ))
    .expect("valid regex")
});

/// Finds and resolves every callout outside the reference list.
pub fn find(text: &str, layout: &Layout, refs: &[Reference]) -> Vec<Callout> {
    let mut out: Vec<Callout> = Vec::new();
    let labels: std::collections::HashMap<&str, usize> =
        refs.iter().enumerate().filter_map(|(i, r)| r.label.as_deref().map(|l| (l, i))).collect();
    let numbered_labels = labels.keys().filter(|l| l.chars().all(|c| c.is_ascii_digit())).count();
    let in_body = |pos: usize| layout.kind_at(pos) != SectionKind::References;

    for c in NUMERIC.captures_iter(text) {
        let m = c.get(0).expect("match");
        if !in_body(m.start()) {
            continue;
        }
        let mut numbers = expand_numbers(&c[1]);
        if let Some(to) = c.get(2).and_then(|x| x.as_str().parse::<usize>().ok()) {
            if let Some(&from) = numbers.last() {
                if to > from && to - from <= 50 {
                    numbers.extend(from + 1..=to);
                }
            }
        }
        let targets: Vec<usize> = numbers
            .iter()
            .filter_map(|n| {
                if numbered_labels > 0 {
                    labels.get(n.to_string().as_str()).copied()
                } else {
                    // An unlabelled list: the n-th entry.
                    n.checked_sub(1).filter(|&i| i < refs.len())
                }
            })
            .collect();
        let targets = cross_check(text, m.start(), targets, refs);
        if !targets.is_empty() {
            out.push(Callout { start: m.start(), end: m.end(), targets, cites: Vec::new() });
        }
    }

    for c in PARENS.captures_iter(text) {
        let m = c.get(0).expect("match");
        if !in_body(m.start()) || out.iter().any(|o| o.start < m.end() && m.start() < o.end) {
            continue;
        }
        let inner = c.get(1).expect("group");
        // A bracket holds at most 400 characters of callouts (checked here, not in the pattern,
        // where a counted repetition compiles into as many copies).
        if inner.as_str().chars().count() > 400 {
            continue;
        }
        let mut cites = Vec::new();
        let mut targets = Vec::new();
        for part in inner.as_str().split(';') {
            for item in ITEM.captures_iter(part) {
                push_items(&item, refs, &mut cites, &mut targets);
            }
        }
        if !cites.is_empty() {
            out.push(Callout { start: m.start(), end: m.end(), targets, cites });
        }
    }

    for c in NARRATIVE.captures_iter(text) {
        let m = c.get(0).expect("match");
        if !in_body(m.start()) || out.iter().any(|o| o.start < m.end() && m.start() < o.end) {
            continue;
        }
        let first = &c[1];
        // A sentence-initial capitalised word is no author unless an entry says so.
        let mut cites = Vec::new();
        let mut targets = Vec::new();
        push_items(&c, refs, &mut cites, &mut targets);
        if !targets.is_empty() && !first.is_empty() {
            out.push(Callout { start: m.start(), end: m.end(), targets, cites });
        }
    }
    out.sort_by_key(|c| c.start);
    out
}

fn push_items(c: &regex::Captures, refs: &[Reference], cites: &mut Vec<(String, i32)>, targets: &mut Vec<usize>) {
    let surname = c[1].to_string();
    let second = c.get(2).map(|m| m.as_str().to_string());
    let Ok(year) = c[3].parse::<i32>() else {
        return;
    };
    let mut suffixes: Vec<Option<char>> = vec![c.get(4).and_then(|m| m.as_str().chars().next())];
    // "2018a, b" and "2018, 2019": further works of the same authors.
    let mut years = vec![year];
    if let Some(more) = c.get(5) {
        for piece in more.as_str().split(',').map(str::trim).filter(|p| !p.is_empty()) {
            if let Some(y) = text::year_of(piece) {
                years.push(y);
                suffixes.push(piece.chars().last().filter(char::is_ascii_lowercase));
            } else {
                years.push(*years.last().expect("one year"));
                suffixes.push(piece.chars().next());
            }
        }
    }
    for (y, suffix) in years.into_iter().zip(suffixes) {
        cites.push((surname.clone(), y));
        // "As Wang et al." or "In Deng et al.": a capitalised word before the surname is no part
        // of it unless the entry says so, so try the name from each of its words on.
        let words: Vec<&str> = surname.split_whitespace().collect();
        let found = (0..words.len())
            .find_map(|k| resolve_author_year(refs, &words[k..].join(" "), second.as_deref(), y, suffix));
        if let Some(t) = found {
            if !targets.contains(&t) {
                targets.push(t);
            }
        }
    }
}

/// "3, 5-7" → [3, 5, 6, 7].
fn expand_numbers(s: &str) -> Vec<usize> {
    let mut out = Vec::new();
    for part in s.split([',', ';']) {
        let part = part.trim();
        if let Some((a, b)) = part.split_once(['-', '–']) {
            if let (Ok(a), Ok(b)) = (a.trim().parse::<usize>(), b.trim().parse::<usize>()) {
                if a <= b && b - a <= 50 {
                    out.extend(a..=b);
                }
            }
        } else if let Ok(n) = part.parse() {
            out.push(n);
        }
    }
    out
}

static AUTHOR_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    crate::text::regex(&format!(r"({NAME})(?:\s+et\s+al\.?|\s+(?:and|&)\s+{NAME})\s*$")).expect("valid regex")
});

/// "Krizhevsky et al. [12]": where the text names an author right before a numeric callout
/// and the numbered entry is someone else's, a lost or split entry has shifted the numbering;
/// look for that author's entry nearby instead of trusting the number.
fn cross_check(text: &str, at: usize, targets: Vec<usize>, refs: &[Reference]) -> Vec<usize> {
    if targets.len() != 1 {
        return targets;
    }
    let window_start = text.floor_char_boundary(at.saturating_sub(60));
    let Some(c) = AUTHOR_BEFORE.captures(&text[window_start..at]) else {
        return targets;
    };
    let surname = &c[1];
    let t = targets[0];
    if refs[t].parsed.author_matches(0, surname) {
        return targets;
    }
    let lo = t.saturating_sub(3);
    let hi = (t + 4).min(refs.len());
    (lo..hi).find(|&i| refs[i].parsed.author_matches(0, surname)).map_or(targets, |i| vec![i])
}

/// The entry an author-year item names: first author and year, then the second author for
/// "A and B", then the letter after the year among that author's works of that year.
fn resolve_author_year(
    refs: &[Reference],
    surname: &str,
    second: Option<&str>,
    year: i32,
    suffix: Option<char>,
) -> Option<usize> {
    let mut candidates: Vec<usize> = refs
        .iter()
        .enumerate()
        .filter(|(_, r)| r.parsed.year == Some(year) && r.parsed.author_matches(0, surname))
        .map(|(i, _)| i)
        .collect();
    if candidates.is_empty() {
        // Keyed lists ("[He et al., 2017]") name the callout exactly.
        let key = text::key(&format!("{surname}{year}"));
        return refs.iter().position(|r| {
            r.label.as_deref().is_some_and(|l| {
                let lk = text::key(l);
                lk.starts_with(&text::key(surname)) && lk.contains(&year.to_string()) && key.len() > 4
            })
        });
    }
    if let Some(second) = second {
        let with_second: Vec<usize> =
            candidates.iter().copied().filter(|&i| refs[i].parsed.author_matches(1, second)).collect();
        if !with_second.is_empty() {
            candidates = with_second;
        }
    }
    if let Some(s) = suffix {
        if let Some(&i) = candidates.iter().find(|&&i| refs[i].parsed.year_suffix == Some(s)) {
            return Some(i);
        }
        let k = (s as u8).wrapping_sub(b'a') as usize;
        if k < candidates.len() {
            return Some(candidates[k]);
        }
    }
    candidates.first().copied()
}

/// Every pattern of this module, so that they can be compiled ahead of use ([`super::compile_patterns`]).
pub(super) static PATTERNS: [&LazyLock<Regex>; 5] = [&NUMERIC, &PARENS, &ITEM, &NARRATIVE, &AUTHOR_BEFORE];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::{references, sections};

    fn run(body: &str, list: &str) -> (String, Vec<Callout>, Vec<Reference>) {
        let text = format!("Title\n\n1 Introduction\n{body}\n\nReferences\n{list}");
        let layout = sections::split(&text, None);
        let (s, e) = layout.references_range().unwrap();
        let refs = references::split(&text, s, e);
        let callouts = find(&text, &layout, &refs);
        (text, callouts, refs)
    }

    const AUTHOR_YEAR: &str =
        "- Jia Deng, Wei Dong, and Li Fei-Fei. 2009. Imagenet: A large-scale hierarchical image database. In CVPR.\n\
- Alex Krizhevsky and Geoffrey Hinton. 2009. Learning multiple layers of features from tiny images. Technical report.\n\
- Alex Wang, Amanpreet Singh, and Samuel Bowman. 2018a. Glue: A multi-task benchmark. In BlackboxNLP.\n\
- Alex Wang, Yada Pruksachatkun, and Samuel Bowman. 2019. Superglue: A stickier benchmark. In NeurIPS.\n\
- Erik F Tjong Kim Sang and Fien De Meulder. 2003. Introduction to the conll-2003 shared task. In CoNLL.\n";

    #[test]
    fn author_year_callouts_resolve() {
        let (_, c, _) = run(
            "ImageNet (Deng et al., 2009) and CIFAR (Krizhevsky and Hinton, 2009; Wang et al., 2018a). \
             As Wang et al. (2019) show, CoNLL (Tjong Kim Sang and De Meulder, 2003) is old.",
            AUTHOR_YEAR,
        );
        let targets: Vec<Vec<usize>> = c.iter().map(|c| c.targets.clone()).collect();
        assert_eq!(targets, vec![vec![0], vec![1, 2], vec![3], vec![4]]);
    }

    #[test]
    fn numeric_callouts_with_ranges() {
        let list = "[1] A. One. First title. 2001.\n[2] B. Two. Second title. 2002.\n[3] C. Three. Third title. 2003.\n[4] D. Four. Fourth title. 2004.\n";
        let (_, c, _) = run("See [1], [2, 4] and [1]-[3].", list);
        let targets: Vec<Vec<usize>> = c.iter().map(|c| c.targets.clone()).collect();
        assert_eq!(targets, vec![vec![0], vec![1, 3], vec![0, 1, 2]]);
    }

    #[test]
    fn a_lost_entry_does_not_shift_named_links() {
        // Entry 2 was lost when the list was extracted: "[3]" is now the second entry.
        let list =
            "- A. One. First title. 2001.\n- C. Krizhevsky. Tiny images. 2009.\n- D. Four. Fourth title. 2004.\n";
        let (_, c, _) = run("CIFAR as in Krizhevsky et al. [3].", list);
        assert_eq!(c[0].targets, vec![1]);
    }
}

#[cfg(test)]
mod props {
    use super::*;
    use crate::extract::{references, sections};
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn callouts_point_inside_the_reference_list(body in "(\\PC|\\[[0-9, -]{1,8}\\]|\\([A-Z][a-z]+ et al\\., (19|20)[0-9]{2}\\)){0,40}") {
            let text = format!("Title\n\n1 Intro\n{body}\n\nReferences\n[1] A. Deng. Title one. 2009.\n[2] B. Krizhevsky. Title two. 2009.\n");
            let layout = sections::split(&text, None);
            let refs = layout.references_range().map_or(vec![], |(s, e)| references::split(&text, s, e));
            for c in find(&text, &layout, &refs) {
                prop_assert!(c.targets.iter().all(|&t| t < refs.len()));
                prop_assert!(c.start < c.end && c.end <= text.len());
            }
        }
    }
}
