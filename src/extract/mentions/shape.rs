//! How names are written: case and letters against the registry's spelling, sentences and
//! lines around a place, URLs, headings, and the gap between a name and its citation.

use std::sync::LazyLock;

use regex::Regex;

use crate::extract::callouts::Callout;
use crate::text;

pub(super) fn overlaps(taken: &[(usize, usize)], s: usize, e: usize) -> bool {
    taken.iter().any(|&(ts, te)| s < te && ts < e)
}

/// Whether a surface is written the way the name is: letter for letter ("ImageNet", "Ima-geNet"),
/// in capitals ("IMAGENET"), with digits ("wikitext-2", "cifar10"), or, for names without
/// mixed-case words ("Penn Treebank", "PASCAL VOC 2007"), with some capital ("Penn treebank",
/// "PascalVOC2007"). A mixed-case name ("StereoSet") may also be written with a capital first
/// letter only away from a sentence start ("Stereoset"), or in any case where the surface has
/// capitals inside a word ("NuScenes"). "multiple" is not "MultiPL-E".
pub(super) fn written_as_named(surface: &str, alias: &str, mid_sentence: bool) -> bool {
    let letters = |s: &str| s.chars().filter(|c| c.is_alphanumeric()).collect::<String>();
    let (s, a) = (letters(surface), letters(alias));
    if s == a || s == a.to_uppercase() {
        return true;
    }
    if s.to_lowercase() != a.to_lowercase() || !alias.chars().any(char::is_uppercase) {
        return s.to_lowercase() == a.to_lowercase();
    }
    // An acronym is not spelled by ordinary words: "A few" is not AFEW ("Epic Kitchens 100"
    // still is EPIC-KITCHENS-100).
    let words = |t: &str| t.split_whitespace().count();
    if !alias.chars().any(char::is_lowercase)
        && surface.split_whitespace().any(|w| w.starts_with(char::is_lowercase))
        && words(surface) > words(alias)
    {
        return false;
    }
    if s.chars().any(|c| c.is_ascii_digit()) {
        return true;
    }
    let mixed_case = alias
        .split([' ', '-', '/'])
        .any(|w| w.chars().skip(1).any(char::is_uppercase) && w.chars().any(char::is_lowercase));
    let initial_capital = s.chars().next().is_some_and(char::is_uppercase);
    // A surface with capitals inside a word is a name however its case differs: "NuScenes" for
    // nuScenes, "ImageNet-Vid" for ImageNet VID, "Youtube-BB" for YouTube-BB.
    let named = surface.split([' ', '-', '/']).any(|w| w.chars().skip(1).any(char::is_uppercase));
    if mixed_case {
        named || initial_capital && mid_sentence && s.chars().skip(1).all(|c| !c.is_uppercase())
    } else {
        s.chars().any(char::is_uppercase)
    }
}

/// Whether the name that ends at `end` runs on into a capitalised suffix that makes it another
/// dataset: "MIRACL-VC1" is not MIRACL, nor "KvasirCapsule-SEG" Kvasir-Capsule, nor "MNIST-M"
/// MNIST. A language code ("WMT14-EN") or another known name ("MNIST-USPS") is no suffix.
pub(super) fn runs_on(text: &str, end: usize, hits: &[crate::registry::AliasHit]) -> bool {
    let Some(tail) = text[end..].strip_prefix('-') else { return false };
    let suffix = tail.split(|c: char| !c.is_alphanumeric()).next().unwrap_or("");
    (1..=6).contains(&suffix.len())
        && suffix.starts_with(|c: char| c.is_ascii_uppercase())
        && suffix.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
        && !crate::extract::translation::is_language(suffix)
        && !hits.iter().any(|o| o.start == end + 1)
}

/// Names of three letters or fewer (NQ, CB, WiC) are easily something else.
pub(super) fn is_short(alias: &str) -> bool {
    text::key(alias).len() <= 3
}

/// The surface spells the alias letter for letter, case included (punctuation aside), or in
/// capitals ("WIC" for WiC).
pub(super) fn same_letters(surface: &str, alias: &str) -> bool {
    let f = |s: &str| s.chars().filter(|c| c.is_alphanumeric()).collect::<String>();
    f(surface) == f(alias) || f(surface) == f(alias).to_uppercase() && f(surface).chars().count() >= 3
}

pub(super) fn in_url(text: &str, at: usize) -> bool {
    // The word starts after the white space before it, however many bytes that space takes
    // (a no-break or thin space is two or three).
    let start = text[..at].char_indices().rfind(|&(_, c)| c.is_whitespace()).map_or(0, |(i, c)| i + c.len_utf8());
    let word = &text[start..text[at..].find(char::is_whitespace).map_or(text.len(), |i| at + i)];
    word.contains("://")
        || word.contains("www.")
        || word.contains('@')
        || word.contains(".com")
        || word.contains(".org")
}

/// The first callout that follows byte `end` closely (only a few words between, no sentence end).
pub fn callout_after<'a>(text: &str, end: usize, callouts: &'a [Callout]) -> Option<&'a Callout> {
    let i = callouts.partition_point(|c| c.start < end);
    let c = callouts.get(i)?;
    let gap = text.get(end..c.start)?;
    (gap.len() <= 48 && CITABLE_GAP.is_match(gap)).then_some(c)
}

/// What may stand between a dataset's name and its citation: "ImageNet [12]", "the SNLI corpus
/// (Bowman et al., 2015)", "SQuAD v1.1 test set [3]", "Multi-Genre NLI (MNLI) corpus [7]".
pub(super) static CITABLE_GAP: LazyLock<Regex> = LazyLock::new(|| {
    crate::text::regex(r"(?i)^(?:[\s,:~]|\((?:[^()]{1,30})\)|the|an?|of|its|from|as (?:an?|the)|data ?sets?|data|sets?|corpus|corpora|benchmarks?|database|challenge|collection|treebank|tasks?|test|training|train|validation|dev(?:elopment)?|splits?|versions?|v?\d[\w.]*|subsets?|images|(?:\d+[kKmMbB]?|large|small)[- ]scale)*$")
        .expect("valid regex")
});

/// Byte range of the sentence around `at`: from after the previous sentence end to the next.
pub fn sentence_at(text: &str, at: usize) -> (usize, usize) {
    let bytes = text.as_bytes();
    let is_end = |i: usize| -> bool {
        let c = bytes[i];
        if c == b'\n' && i + 1 < bytes.len() && bytes[i + 1] == b'\n' {
            return true;
        }
        if !(c == b'.' || c == b'?' || c == b'!') || i + 1 >= bytes.len() || bytes[i + 1] != b' ' {
            return false;
        }
        // "et al." and "e.g." and initials do not end a sentence.
        let word_start = text[..i].rfind([' ', '(', '\n']).map_or(0, |p| p + 1);
        let word = &text[word_start..i];
        !(word.len() <= 1
            || matches!(word, "al" | "e.g" | "i.e" | "vs" | "Fig" | "Eq" | "Sec" | "Tab" | "cf" | "etc" | "approx"))
    };
    let mut s = at.min(text.len());
    let lo = at.saturating_sub(1500);
    while s > lo {
        if is_end(s - 1) {
            break;
        }
        s -= 1;
    }
    let mut e = at;
    let hi = (at + 1500).min(text.len());
    while e < hi {
        if is_end(e) {
            e += 1;
            break;
        }
        e += 1;
    }
    let s = text.ceil_char_boundary(s);
    let e = text.floor_char_boundary(e.min(text.len()));
    // Trim the sentence's surrounding white space.
    let slice = &text[s..e];
    let lead = slice.len() - slice.trim_start().len();
    let trail = slice.len() - slice.trim_end().len();
    (s + lead, (e - trail).max(s + lead))
}

/// Whether the paper writes this word in lower case somewhere: then it is a word of the language.
pub(super) fn used_as_word(text: &str, surface: &str) -> bool {
    let lower = surface.to_lowercase();
    if lower == surface || !lower.chars().all(|c| c.is_alphabetic()) {
        return false;
    }
    let mut from = 0;
    while let Some(p) = text[from..].find(&lower) {
        let s = from + p;
        let e = s + lower.len();
        let before = text[..s].chars().next_back().is_none_or(|c| !c.is_alphanumeric());
        let after = text[e..].chars().next().is_none_or(|c| !c.is_alphanumeric());
        if before && after {
            return true;
        }
        from = e;
    }
    false
}

/// Whether the words right before and after a span are capitalised (the span is inside a name).
pub(super) fn inside_capitalised_run(text: &str, start: usize, end: usize) -> bool {
    let capitalised = |w: &str| {
        w.chars().next().is_some_and(char::is_uppercase)
            && w.chars().any(char::is_lowercase)
            && !matches!(
                w,
                "The"
                    | "A"
                    | "An"
                    | "In"
                    | "On"
                    | "We"
                    | "Our"
                    | "This"
                    | "These"
                    | "It"
                    | "For"
                    | "To"
                    | "Of"
                    | "And"
                    | "With"
            )
    };
    let before = text[..start].trim_end_matches([' ', '-']);
    let prev = before.rsplit(|c: char| c.is_whitespace()).next().unwrap_or("");
    let glued_before = before.len() < start && !before.ends_with(['.', ',', ';', ':', '(', '|']) && capitalised(prev);
    let after = &text[end..];
    let next = after.trim_start_matches([' ', '-']).split(|c: char| c.is_whitespace()).next().unwrap_or("");
    let glued_after = after.starts_with([' ', '-'])
        && capitalised(next.trim_end_matches([',', '.', ';', ':', ')']))
        && !next.ends_with(['.', ',']);
    (glued_before && !starts_sentence(text, before.len() - prev.len())) || glued_after && !is_generic_cue(next)
}

pub(super) fn is_generic_cue(word: &str) -> bool {
    text::is_generic_noun(word) || matches!(text::key(word).as_str(), "challenge" | "collection" | "treebank")
}

/// Byte range of the line around `at`.
pub(super) fn line_at(text: &str, at: usize) -> (usize, usize) {
    let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let end = text[at..].find('\n').map_or(text.len(), |i| at + i);
    (start, end)
}

/// "TREC", "OLID", "SST": two or more capitals and nothing else.
pub(super) fn is_acronym(word: &str) -> bool {
    let w = word.trim_matches(|c: char| !c.is_alphanumeric());
    w.chars().count() >= 2 && w.chars().all(|c| c.is_uppercase())
}

/// Whether byte `at` stands on a heading-like line: short, without a final period.
pub(super) fn on_heading_line(text: &str, at: usize) -> bool {
    let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let end = text[at..].find('\n').map_or(text.len(), |i| at + i);
    let line = text[start..end].trim();
    line.len() < 80 && !line.ends_with('.')
}

pub(super) fn starts_sentence(text: &str, at: usize) -> bool {
    let before = text[..at].trim_end_matches([' ', '\t', '"', '“', '(']);
    before.is_empty() || before.ends_with(['.', '?', '!', '\n', ':'])
}

pub(super) fn has_inner_capital(name: &str) -> bool {
    name.split_whitespace().skip(1).any(|w| w.chars().next().is_some_and(|c| c.is_uppercase() || c.is_ascii_digit()))
        || name
            .split_whitespace()
            .next()
            .is_some_and(|w| w.chars().skip(1).any(|c| c.is_uppercase() || c.is_ascii_digit()))
}
