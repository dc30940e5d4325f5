//! Author-year callouts: in parentheses or brackets ("(Deng et al., 2009; Krizhevsky and Hinton
//! 2009a, b)", "[Harper and Konstan, 2015]") or narrative ("Deng et al. (2009)", "Rajpurkar et
//! al. 2016"), each item resolved by first author and year, then the second author, then the
//! letter after the year.

use std::sync::LazyLock;

use regex::Regex;

use super::NAME;
use crate::extract::references::Reference;
use crate::text;

/// A bracket of callouts holds at most this many characters (checked in code: a counted
/// repetition in a pattern compiles into as many copies).
const MAX_GROUP: usize = 400;

static GROUP: LazyLock<Regex> = LazyLock::new(|| {
    crate::text::regex(r"[(\[]([^()\[\]]{3,}?(?:1[89]|20)\d\d[a-z]?[^()\[\]]*?)[)\]]").expect("valid regex")
});
static ITEM: LazyLock<Regex> = LazyLock::new(|| {
    crate::text::regex(&format!(
        r"({NAME})(?:\s+et\.?\s+al\.?|\s+(?:and|&)\s+({NAME}))?,?\s+((?:1[89]|20)\d\d)([a-z])?((?:\s*,\s*(?:(?:1[89]|20)\d\d[a-z]?|[a-z])(?-u:\b))*)"
    ))
    .expect("valid regex")
});
static NARRATIVE: LazyLock<Regex> = LazyLock::new(|| {
    crate::text::regex(&format!(
        r"({NAME})(?:\s+et\.?\s+al\.?|\s+(?:and|&)\s+({NAME}))?\s*(?:'s\s+)?\(?((?:1[89]|20)\d\d)([a-z])?\)?"
    ))
    .expect("valid regex")
});

/// Every pattern of this module, so that they can be compiled ahead of use.
pub(crate) static PATTERNS: [&LazyLock<Regex>; 3] = [&GROUP, &ITEM, &NARRATIVE];

/// One author-year callout: its span and the entries its items resolve to.
pub struct Found {
    pub start: usize,
    pub end: usize,
    pub targets: Vec<usize>,
    pub narrative: bool,
}

/// Every author-year callout of the body.
pub fn find(text: &str, in_body: &dyn Fn(usize) -> bool, refs: &[Reference]) -> Vec<Found> {
    let mut out: Vec<Found> = Vec::new();
    for c in GROUP.captures_iter(text) {
        crate::deadline::check();
        let m = c.get(0).expect("match");
        let inner = c.get(1).expect("group");
        if !in_body(m.start()) || inner.as_str().len() > MAX_GROUP {
            continue;
        }
        let mut items = 0;
        let mut targets = Vec::new();
        for part in inner.as_str().split(';') {
            for item in ITEM.captures_iter(part) {
                items += 1;
                resolve_item(&item, refs, &mut targets);
            }
        }
        if items > 0 {
            out.push(Found { start: m.start(), end: m.end(), targets, narrative: false });
        }
    }
    for c in NARRATIVE.captures_iter(text) {
        crate::deadline::check();
        let m = c.get(0).expect("match");
        if !in_body(m.start()) || out.iter().any(|o| o.start < m.end() && m.start() < o.end) {
            continue;
        }
        // A capitalised word before a year is a callout only where an entry says so.
        let mut targets = Vec::new();
        resolve_item(&c, refs, &mut targets);
        if !targets.is_empty() {
            out.push(Found { start: m.start(), end: m.end(), targets, narrative: true });
        }
    }
    out.sort_by_key(|f| f.start);
    out
}

/// Resolves one item ("Wang et al., 2018a, b") into the entries it names.
fn resolve_item(c: &regex::Captures, refs: &[Reference], targets: &mut Vec<usize>) {
    let surname = &c[1];
    let second = c.get(2).map(|m| m.as_str());
    let Ok(year) = c[3].parse::<i32>() else { return };
    let mut works: Vec<(i32, Option<char>)> = vec![(year, c.get(4).and_then(|m| m.as_str().chars().next()))];
    // "2018a, b" and "2018, 2019": further works of the same authors.
    if let Some(more) = c.get(5) {
        for piece in more.as_str().split(',').map(str::trim).filter(|p| !p.is_empty()) {
            match text::year_of(piece) {
                Some(y) => works.push((y, piece.chars().last().filter(char::is_ascii_lowercase))),
                None => works.push((works.last().expect("one work").0, piece.chars().next())),
            }
        }
    }
    for (y, suffix) in works {
        // "As Wang et al." or "In Deng et al.": a capitalised word before the surname is no part
        // of it unless the entry says so, so try the name from each of its words on.
        let words: Vec<&str> = surname.split_whitespace().collect();
        let found = (0..words.len()).find_map(|k| resolve(refs, &words[k..].join(" "), second, y, suffix));
        if let Some(t) = found.filter(|t| !targets.contains(t)) {
            targets.push(t);
        }
    }
}

/// The entry an author-year item names: first author and year, then the second author for
/// "A and B", then the letter after the year among that author's works of that year.
fn resolve(refs: &[Reference], surname: &str, second: Option<&str>, year: i32, suffix: Option<char>) -> Option<usize> {
    // Where the parser found no year, the first year the entry writes.
    let of_year = |r: &&Reference| r.parsed.year.or_else(|| first_year(&r.raw)) == Some(year);
    let mut candidates: Vec<usize> = refs
        .iter()
        .enumerate()
        .filter(|(_, r)| of_year(r) && r.parsed.author_matches(0, surname))
        .map(|(i, _)| i)
        .collect();
    if candidates.is_empty() {
        // Author fields a damaged list ran together ("Alam S.M.Okafor N.R.1998 ...") still open
        // with the first author's surname.
        candidates = refs
            .iter()
            .enumerate()
            .filter(|(_, r)| of_year(r) && opens_with_name(&r.raw, surname))
            .map(|(i, _)| i)
            .collect();
    }
    if candidates.is_empty() {
        // Keyed lists ("[He et al., 2017]") name the callout exactly.
        let key = text::key(surname);
        return refs.iter().position(|r| {
            r.label.as_deref().is_some_and(|l| {
                let lk = text::key(l);
                key.len() > 1 && lk.starts_with(&key) && lk.contains(&year.to_string())
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
        return candidates.get(k).copied();
    }
    // Two works of one author and year, told apart by no letter: no way to know which.
    (candidates.len() == 1).then(|| candidates[0])
}

/// The first four digits standing alone in a text, read as a year ("N.R.2011 A study" → 2011).
fn first_year(raw: &str) -> Option<i32> {
    raw.split(|c: char| !c.is_ascii_digit()).find(|d| d.len() == 4).and_then(text::year_of)
}

/// Whether an entry's text opens with the surname as a whole word ("Okafor S.M.Lund ..." opens
/// with "Okafor", "Okaforo" does not).
fn opens_with_name(raw: &str, surname: &str) -> bool {
    raw.trim_start().strip_prefix(surname).is_some_and(|rest| !rest.starts_with(char::is_alphanumeric))
        && !surname.is_empty()
}
