//! Numeric callouts: "[3]", "[3, 5-7]", "[3]–[5]", "(3)" and superscripts that a text layer
//! glued to the word before ("changes.7", "elsewhere22"), found as candidates; which kinds a
//! paper uses is decided from the whole paper, since "(3)" is as often an equation or a list item.

use std::sync::LazyLock;

use regex::Regex;

/// How a numeric callout is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Bracket,
    Paren,
    Superscript,
}

/// One numeric callout candidate and the numbers it names, in its order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Group {
    pub start: usize,
    pub end: usize,
    pub numbers: Vec<u32>,
    pub kind: Kind,
}

/// A range wider than this ("[1-2000]") is no citation of every entry in it.
const MAX_RANGE: u32 = 60;
/// A kind of callout counts for a paper once it is written this often.
const MIN_STYLE_USES: usize = 3;
/// Superscripts glued to words count only where a paper has this many, with numbers that run in
/// the order of first citation, since digits after letters are as often units, genes or names.
const MIN_SUPERSCRIPTS: usize = 5;
/// Superscripts outnumber brackets and parentheses this many times over in a paper that cites
/// by superscript and also writes a few "(2)" or "[3]" for other things.
const SUPERSCRIPT_DOMINANCE: usize = 4;
/// The share of new numbers that continue the run (each first seen at most this far past the
/// highest before it) for a paper's numbers to read as citations in order of first use.
const IN_ORDER_SHARE: f64 = 0.6;
const IN_ORDER_STEP: u32 = 3;

static BRACKET: LazyLock<Regex> = LazyLock::new(|| {
    crate::text::regex(r"\[\s*(\d{1,4}(?:\s*[-–—,;]\s*\d{1,4})*)\s*\](?:\s*[-–]\s*\[(\d{1,4})\])?")
        .expect("valid regex")
});
static PAREN: LazyLock<Regex> =
    LazyLock::new(|| crate::text::regex(r"\(\s*(\d{1,4}(?:\s*[-–—,;]\s*\d{1,4})*)\s*\)").expect("valid regex"));

/// Every pattern of this module, so that they can be compiled ahead of use.
pub(crate) static PATTERNS: [&LazyLock<Regex>; 2] = [&BRACKET, &PAREN];

/// Words before "(3)" that make it no citation: an equation, a figure, a step of a list.
fn names_a_thing(word: &str) -> bool {
    let w = word.trim_end_matches('.').to_ascii_lowercase();
    matches!(
        w.as_str(),
        "eq" | "eqs"
            | "equation"
            | "equations"
            | "fig"
            | "figs"
            | "figure"
            | "figures"
            | "table"
            | "tables"
            | "tab"
            | "section"
            | "sections"
            | "sec"
            | "step"
            | "steps"
            | "chapter"
            | "appendix"
            | "panel"
            | "lane"
            | "lanes"
            | "group"
            | "groups"
            | "model"
            | "models"
            | "case"
            | "cases"
            | "type"
            | "stage"
            | "class"
            | "level"
            | "condition"
            | "experiment"
            | "study"
            | "scheme"
            | "line"
            | "row"
            | "column"
            | "item"
            | "inequality"
            | "theorem"
            | "lemma"
            | "definition"
            | "formula"
            | "n"
            | "p"
            | "df"
    )
}

/// Every numeric candidate of the body (`in_body` says whether an offset is body text).
pub fn candidates(text: &str, in_body: &dyn Fn(usize) -> bool) -> Vec<Group> {
    let mut out = Vec::new();
    for c in BRACKET.captures_iter(text) {
        crate::deadline::check();
        let m = c.get(0).expect("match");
        if !in_body(m.start()) {
            continue;
        }
        let mut numbers = expand(&c[1]);
        if let (Some(to), Some(&from)) = (c.get(2).and_then(|x| x.as_str().parse::<u32>().ok()), numbers.last()) {
            if to > from && to - from <= MAX_RANGE {
                numbers.extend(from + 1..=to);
            }
        }
        out.push(Group { start: m.start(), end: m.end(), numbers, kind: Kind::Bracket });
    }
    for c in PAREN.captures_iter(text) {
        crate::deadline::check();
        let m = c.get(0).expect("match");
        if !in_body(m.start()) {
            continue;
        }
        let before = text[..m.start()].trim_end();
        let word = before.rsplit(|c: char| c.is_whitespace() || c == '(').next().unwrap_or("");
        // "(1) ... (2) ..." opening lines or following a colon enumerate; "f(3)" is a function.
        let glued = !text[..m.start()].ends_with(char::is_whitespace) && !before.is_empty();
        let at_line_start = before.is_empty() || before.ends_with('\n') || text[..m.start()].ends_with('\n');
        if names_a_thing(word) || glued || at_line_start || before.ends_with(':') {
            continue;
        }
        out.push(Group { start: m.start(), end: m.end(), numbers: expand(&c[1]), kind: Kind::Paren });
    }
    out.extend(superscripts(text, in_body));
    out.sort_by_key(|g| g.start);
    out
}

/// "3, 5-7" → [3, 5, 6, 7].
pub fn expand(s: &str) -> Vec<u32> {
    let mut out = Vec::new();
    for part in s.split([',', ';']) {
        let part = part.trim();
        if let Some((a, b)) = part.split_once(['-', '–', '—']) {
            if let (Ok(a), Ok(b)) = (a.trim().parse::<u32>(), b.trim().parse::<u32>()) {
                if a <= b && b - a <= MAX_RANGE {
                    out.extend(a..=b);
                }
            }
        } else if let Ok(n) = part.parse() {
            out.push(n);
        }
    }
    out
}

/// Digits a text layer glued to the end of a word or sentence, where a superscript stood:
/// "changes.7 Overall", "elsewhere22 and", "et al6", "Tables.3,4".
fn superscripts(text: &str, in_body: &dyn Fn(usize) -> bool) -> Vec<Group> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if !bytes[i].is_ascii_digit() || i == 0 || bytes[i - 1].is_ascii_digit() {
            i += 1;
            continue;
        }
        let start = i;
        let mut end = i;
        while end < bytes.len()
            && (bytes[end].is_ascii_digit() || bytes[end] == b',' || text[end..].starts_with('–') || bytes[end] == b'-')
        {
            end += if text[end..].starts_with('–') { '–'.len_utf8() } else { 1 };
        }
        // Trailing separators belong to the sentence.
        while end > start && !bytes[end - 1].is_ascii_digit() {
            end -= 1;
        }
        i = end.max(i + 1);
        let after_ok =
            end == bytes.len() || bytes[end].is_ascii_whitespace() || matches!(bytes[end], b'.' | b';' | b':' | b')');
        if !after_ok || !in_body(start) || !glued_to_word(text, start) {
            continue;
        }
        let numbers = expand(&text[start..end]);
        if !numbers.is_empty() {
            out.push(Group { start, end, numbers, kind: Kind::Superscript });
        }
    }
    out
}

/// Whether digits at `at` follow, with no space, a lower-case word of three letters or more
/// ("elsewhere22", "al6"), or a sentence's end or closing bracket after such a word
/// ("changes.7", "(n = 4).8"): not a unit ("cm2"), a gene ("BRCA1") or a decimal ("3.7").
fn glued_to_word(text: &str, at: usize) -> bool {
    let before = &text[..at];
    let (core, mark) = match before.chars().last() {
        Some(c @ ('.' | ')')) => (&before[..before.len() - 1], Some(c)),
        _ => (before, None),
    };
    let word: Vec<char> = {
        let mut w: Vec<char> = core.chars().rev().take_while(|c| c.is_alphabetic()).collect();
        w.reverse();
        w
    };
    // "elsewhere", "Smith" (five letters or more when capitalised: "Fig" and "Eq" are no words
    // a citation follows).
    let word_like =
        word.len() >= 3 && word[1..].iter().all(|c| c.is_lowercase()) && (word[0].is_lowercase() || word.len() >= 5);
    let et_al = word == ['a', 'l'] && core.ends_with(" al");
    match mark {
        None | Some('.') => word_like || et_al || mark == Some('.') && core.ends_with(')'),
        _ => word_like || core.ends_with(|c: char| c.is_alphabetic()),
    }
}

/// Which kinds of numeric callout a paper writes, from all its candidates: brackets always;
/// "(3)" where the paper writes it more than brackets and author-year callouts; superscripts
/// where the paper writes neither, often, with numbers in order of first citation.
pub fn styles(groups: &[Group], entries: usize, author_year: usize) -> Vec<Kind> {
    let fits =
        |g: &&Group| !g.numbers.is_empty() && g.numbers.iter().all(|&n| n >= 1 && n as usize <= entries.max(1) + 1);
    let count = |k: Kind| groups.iter().filter(|g| g.kind == k).filter(fits).count();
    let (brackets, parens, supers) = (count(Kind::Bracket), count(Kind::Paren), count(Kind::Superscript));
    let mut out = vec![Kind::Bracket];
    if parens >= MIN_STYLE_USES && parens > brackets && parens > author_year && in_order(groups, Kind::Paren) {
        out.push(Kind::Paren);
    }
    // A few "(2)" list items or "[3]" in a table do not make a superscript paper bracketed:
    // superscripts count where they outnumber each other kind severalfold.
    let dominant = |other: usize| other < MIN_STYLE_USES || supers >= SUPERSCRIPT_DOMINANCE * other;
    if supers >= MIN_SUPERSCRIPTS
        && dominant(brackets)
        && dominant(parens)
        && author_year < supers
        && in_order(groups, Kind::Superscript)
    {
        out.push(Kind::Superscript);
    }
    out
}

/// Whether a kind's numbers first appear in order (1, 2, 3, ..., as lists ordered by first
/// citation number them), allowing small jumps.
fn in_order(groups: &[Group], kind: Kind) -> bool {
    let mut highest = 0;
    let (mut new, mut ordered) = (0usize, 0usize);
    for g in groups.iter().filter(|g| g.kind == kind) {
        for &n in &g.numbers {
            if n > highest {
                new += 1;
                if n <= highest + IN_ORDER_STEP {
                    ordered += 1;
                }
                highest = n;
            }
        }
    }
    new > 0 && ordered as f64 >= IN_ORDER_SHARE * new as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    fn groups(text: &str) -> Vec<(String, Vec<u32>, Kind)> {
        candidates(text, &|_| true).into_iter().map(|g| (text[g.start..g.end].to_string(), g.numbers, g.kind)).collect()
    }

    #[test]
    fn brackets_parens_and_ranges() {
        let g = groups("as in [1], [2, 4-6] and [7]–[9]; rates (3, 5) rise. See Eq. (4) and f(2).");
        assert_eq!(g[0], ("[1]".into(), vec![1], Kind::Bracket));
        assert_eq!(g[1].1, vec![2, 4, 5, 6]);
        assert_eq!(g[2].1, vec![7, 8, 9]);
        assert_eq!(g[3], ("(3, 5)".into(), vec![3, 5], Kind::Paren));
        assert_eq!(g.len(), 4, "{g:?}");
    }

    #[test]
    fn superscripts_after_words_not_units_or_genes() {
        let g = groups("the cells changes.7 Over elsewhere12,13 and Smith et al4 found BRCA1 in 3 cm2 at 3.5 m.");
        let found: Vec<&str> = g.iter().map(|x| x.0.as_str()).collect();
        assert_eq!(found, ["7", "12,13", "4"]);
    }

    #[test]
    fn styles_from_the_whole_paper() {
        let seq =
            |kind: Kind, n: u32| Group { start: n as usize * 10, end: n as usize * 10 + 3, numbers: vec![n], kind };
        let supers: Vec<Group> = (1..=8).map(|n| seq(Kind::Superscript, n)).collect();
        assert!(styles(&supers, 10, 0).contains(&Kind::Superscript));
        // Scattered numbers are no citation order.
        let scattered: Vec<Group> = [9, 2, 40, 3, 77, 5].iter().map(|&n| seq(Kind::Superscript, n)).collect();
        assert!(!styles(&scattered, 80, 0).contains(&Kind::Superscript));
        let parens: Vec<Group> = (1..=5).map(|n| seq(Kind::Paren, n)).collect();
        assert!(styles(&parens, 10, 0).contains(&Kind::Paren));
        assert!(!styles(&parens, 10, 9).contains(&Kind::Paren));
        // A superscript paper with three "(n)" list items still cites by superscript; one with as
        // many brackets as superscripts does not.
        let mixed: Vec<Group> =
            (1..=20).map(|n| seq(Kind::Superscript, n)).chain((1..=3).map(|n| seq(Kind::Paren, n))).collect();
        assert!(styles(&mixed, 30, 0).contains(&Kind::Superscript));
        let even: Vec<Group> =
            (1..=6).map(|n| seq(Kind::Superscript, n)).chain((1..=6).map(|n| seq(Kind::Bracket, n))).collect();
        assert!(!styles(&even, 30, 0).contains(&Kind::Superscript));
    }
}
