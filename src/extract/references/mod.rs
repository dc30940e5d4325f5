//! References: the paper's reference list split into entries and each entry parsed into its
//! fields, both by trained sequence labellers (as GROBID does), in small steps:
//! tokens → segment (entries) → label (the list's own "[12]", "12.") → fields (authors, year,
//! title, venue, volume, pages, DOI, arXiv id, URL).

pub mod crf;
pub mod fields;
pub mod segment;
pub mod tokens;
pub mod training;

use std::sync::LazyLock;

use regex::Regex;
use serde::Serialize;

pub use crate::bib::ParsedReference;
pub use fields::parse;

/// One entry of the reference list.
#[derive(Debug, Clone, Serialize)]
pub struct Reference {
    /// The label the paper gives it: "12" for "[12]", or a key such as "He et al., 2017".
    pub label: Option<String>,
    /// The entry as written, without its list marker.
    pub raw: String,
    /// Byte range of `raw` in the paper's text.
    pub start: usize,
    pub end: usize,
    pub parsed: ParsedReference,
}

/// An entry needs this many letters to be one: fewer is a page number or a stray mark.
const MIN_ENTRY_LETTERS: usize = 8;

/// The entries a structured format gave, found where the reader wrote them (`[n] raw` lines
/// after byte `from`), labelled `n` as the text's callouts name them.
pub fn locate_given(text: &str, from: usize, given: &[crate::document::GivenReference]) -> Vec<Reference> {
    let mut at = from;
    given
        .iter()
        .enumerate()
        .map(|(i, g)| {
            let marker = format!("[{}] ", i + 1);
            let start = text[at..].find(&format!("{marker}{}", g.raw)).map_or(at, |p| at + p + marker.len());
            let end = (start + g.raw.len()).min(text.len());
            at = end;
            Reference { label: Some((i + 1).to_string()), raw: g.raw.clone(), start, end, parsed: g.parsed.clone() }
        })
        .collect()
}

/// Splits the reference list (bytes `start..end` of `text`, heading line included) into entries
/// and parses each.
pub fn split(text: &str, start: usize, end: usize) -> Vec<Reference> {
    let block = &text[start..end];
    // The heading line is no entry.
    let body_start = match block.trim_start().find('\n') {
        Some(i) => start + (block.len() - block.trim_start().len()) + i + 1,
        None => return Vec::new(),
    };
    segment::entries(text, body_start, end).into_iter().filter_map(|(s, e)| make_reference(text, s, e)).collect()
}

macro_rules! re {
    ($name:ident, $pat:expr) => {
        static $name: LazyLock<Regex> = LazyLock::new(|| crate::text::regex($pat).expect("valid regex"));
    };
}

re!(BULLET, r"^[-•*▪◦]\s+");
re!(BRACKET_NUM, r"^\[(\d{1,4})\]\s*");
re!(PAREN_NUM, r"^\((\d{1,4})\)\s+");
re!(DOTTED_LABEL, r"^(\d{1,4})\.\s+");
re!(BARE_LABEL, r"^(\d{1,4})\s+[\p{Lu}]");
re!(BRACKET_KEY, r"^\[([^\[\]]{2,80}?\d{4}[a-z]?)\]\s*");
// A bracketed author-year key whose opening bracket a list marker took ("- Smith et al., 2019] ..."),
// as text extracted from a two-column PDF writes it.
re!(OPEN_KEY, r"^(\p{Lu}[^\[\]]{1,78}?,\s?(?:19|20)\d\d[a-z]?)\]\s*");

/// An entry from its span: the list marker or label taken off, the text parsed.
fn make_reference(text: &str, start: usize, end: usize) -> Option<Reference> {
    let seg = &text[start..end];
    let mut s = start + (seg.len() - seg.trim_start().len());
    if let Some(m) = BULLET.find(&text[s..end]) {
        s += m.end();
    }
    let body = &text[s..end];
    let mut label = None;
    for pattern in [&*BRACKET_NUM, &*PAREN_NUM, &*BRACKET_KEY, &*OPEN_KEY, &*DOTTED_LABEL] {
        if let Some(c) = pattern.captures(body) {
            label = Some(c[1].to_string());
            s += c.get(0).expect("match").end();
            break;
        }
    }
    if label.is_none() {
        if let Some(c) = BARE_LABEL.captures(body) {
            label = Some(c[1].to_string());
            s += c.get(1).expect("group").end();
            s += text[s..end].len() - text[s..end].trim_start().len();
        }
    }
    let raw = text[s..end].trim_end();
    // A bullet glued to the entry's end belongs to the next one ("... 2018.- Next").
    let raw = raw.strip_suffix('-').filter(|r| r.ends_with('.')).unwrap_or(raw);
    if raw.chars().filter(|c| c.is_alphabetic()).count() < MIN_ENTRY_LETTERS {
        return None;
    }
    let raw = raw.to_string();
    let end = s + raw.len();
    let parsed = parse(&raw);
    Some(Reference { label, raw, start: s, end, parsed })
}

static PROSE_CALLOUT: LazyLock<Regex> = LazyLock::new(|| {
    crate::text::regex(r"\([^()]{2,60}?(?:et al\.|and [\p{Lu}][\p{L}-]+),? (?:19|20)\d\d[a-z]?[;)]")
        .expect("valid regex")
});

/// The tail of a parenthesised callout cut off from its opening ("Smith et al., 2013), and ..."),
/// where a piece of running text was taken for an entry: no entry starts with one.
static CALLOUT_TAIL: LazyLock<Regex> = LazyLock::new(|| {
    crate::text::regex(r"^\p{Lu}[\p{L}'’-]+(?: et al\.| (?:and|&) \p{Lu}[\p{L}'’-]+)?,? (?:19|20)\d\d[a-z]?\)[,;]")
        .expect("valid regex")
});

/// Whether an "entry" is really running text: it starts in the middle of a sentence or of a
/// callout, or it cites other works itself ("... (Smith et al., 2007), and more (Jones and Lee, 2016)").
pub fn looks_like_prose(raw: &str) -> bool {
    let starts_lower = raw.chars().next().is_some_and(char::is_lowercase);
    starts_lower && PROSE_CALLOUT.is_match(raw)
        || PROSE_CALLOUT.find_iter(raw).count() >= 2
        || CALLOUT_TAIL.is_match(raw)
}

/// Every pattern of this module, so that they can be compiled ahead of use ([`super::compile_patterns_in_background`]).
pub(super) static PATTERNS: [&LazyLock<Regex>; 9] = [
    &BULLET,
    &BRACKET_NUM,
    &PAREN_NUM,
    &DOTTED_LABEL,
    &BARE_LABEL,
    &BRACKET_KEY,
    &OPEN_KEY,
    &PROSE_CALLOUT,
    &CALLOUT_TAIL,
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_and_bullets_come_off() {
        let text = "References\n[3] A. Bee, A title of a work, 1999.\n- C. Dee. Another title here. 2001.\n7. E. Eff, Third title, 2002.\n";
        for (label, raw) in [
            (Some("3"), "A. Bee, A title of a work, 1999."),
            (None, "C. Dee. Another title here. 2001."),
            (Some("7"), "E. Eff, Third title, 2002."),
        ] {
            let at = text.find(raw).unwrap();
            let line_start = text[..at].rfind('\n').unwrap() + 1;
            let line_end = at + raw.len();
            let r = make_reference(text, line_start, line_end).unwrap();
            assert_eq!((r.label.as_deref(), r.raw.as_str()), (label, raw));
            assert_eq!(&text[r.start..r.end], raw);
        }
        assert!(make_reference(text, 0, 4).is_none());
    }

    #[test]
    fn a_piece_that_starts_inside_a_callout_is_running_text() {
        assert!(looks_like_prose("Okafor et al., 2017), the Seal Count Corpus (SCC; Lund & Berg, 2019"));
        assert!(looks_like_prose("Okafor & Lund, 2017); and the rest of the sentence"));
        assert!(!looks_like_prose("Okafor, A. (2017). Counting seals from the air. In ICML."));
        assert!(!looks_like_prose("Ada Okafor and Bo Lund. 2017. Counting seals (and gulls) from the air. In ICML."));
    }

    #[test]
    fn a_key_whose_opening_bracket_the_bullet_took_is_a_label() {
        let text = "- Okafor and Lund, 2017] Ada Okafor and Bo Lund. Counting seals from the air. In ICML, 2017.";
        let r = make_reference(text, 0, text.len()).unwrap();
        assert_eq!(r.label.as_deref(), Some("Okafor and Lund, 2017"));
        assert!(r.raw.starts_with("Ada Okafor and Bo Lund."), "{}", r.raw);
        let prose = "- Okafor and Lund, who counted seals in 2017, wrote a survey. In ICML, 2017.";
        assert_eq!(make_reference(prose, 0, prose.len()).unwrap().label, None);
    }

    #[test]
    fn prose_is_no_entry() {
        assert!(looks_like_prose("ond half of a sentence (Smith et al., 2007), and more (Jones and Lee, 2016)."));
        assert!(!looks_like_prose("Ann Smith and Bo Lee. 2018. A title. In Some Venue."));
        assert!(!looks_like_prose("de Vries, H. (2019). A title (and a subtitle). Journal."));
    }
}
