//! How alike two entries' names, titles and venues are, damaged as scans and PDFs damage them.

use super::{SURNAME_FUZZY_FROM, SURNAME_IN_TEXT_FROM, TITLE_SAME};
use crate::text;

/// Words of a venue that carry its name: "Journal of the Ice Society" → journal, ice, society.
pub(super) fn venue_words(venue: &str) -> Vec<String> {
    const FILLERS: [&str; 9] = ["of", "the", "and", "for", "in", "on", "de", "der", "und"];
    venue
        .split(|c: char| !c.is_alphanumeric())
        .map(text::ascii_key)
        .filter(|w| !w.is_empty() && !FILLERS.contains(&w.as_str()))
        .collect()
}

/// Whether one venue's words abbreviate the other's, word for word: each shorter word starts
/// with the longer word's first letter and keeps the rest of its letters in order ("Org. Lett."
/// = "Organic Letters", "Proc. Natl. Acad. Sci." = "Proceedings of the National Academy of
/// Sciences").
pub(super) fn abbreviates(a: &[String], b: &[String]) -> bool {
    fn shortens(short: &str, long: &str) -> bool {
        let mut rest = long.chars();
        short.chars().next() == long.chars().next() && short.chars().all(|c| rest.any(|l| l == c))
    }
    !a.is_empty()
        && a.len() == b.len()
        && a.iter().zip(b).all(|(x, y)| if x.len() <= y.len() { shortens(x, y) } else { shortens(y, x) })
}

/// The share of the shorter word list found in the longer (both sorted and unique).
pub(super) fn containment(a: &[String], b: &[String]) -> f64 {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if short.is_empty() {
        return 0.0;
    }
    let inside = short.iter().filter(|w| long.binary_search(w).is_ok()).count();
    inside as f64 / short.len() as f64
}

pub(super) fn surnames_agree(a: &str, b: &str) -> bool {
    a == b
        || (a.len().min(b.len()) >= SURNAME_FUZZY_FROM && strsim::levenshtein(a, b) <= 1)
        // One entry may keep a particle or a second surname the other drops ("van der Berg").
        || (a.len().min(b.len()) >= SURNAME_FUZZY_FROM && (a.ends_with(b) || b.ends_with(a)))
}

/// Whether two first authors' surnames that do not agree may still be one name damaged by a scan
/// or a PDF's text layer: letters read wrong ("berglund", "berilunz"), a space put inside it
/// that cut it in two ("simpson", "mpson"). Only where the venue, year, volume and first page of
/// the two entries all agree is this taken for one author.
pub(super) fn surnames_may_be_damaged(a: &str, b: &str) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    short.len() >= DAMAGED_SURNAME_FROM && long.ends_with(short)
        || strsim::normalized_levenshtein(a, b) >= DAMAGED_SURNAME_SIMILARITY
}

/// Whether a surname is written in another entry's opening letters, whole or with one letter
/// damaged: the first author of an entry whose parse took a broken name for another.
pub(super) fn written_in(surname: &str, lead: &str) -> bool {
    let n = surname.len();
    if n < SURNAME_IN_TEXT_FROM || lead.len() < n {
        return false;
    }
    lead.contains(surname)
        || n >= SURNAME_FUZZY_FROM
            && (n - 1..=n + 1)
                .filter(|&w| w <= lead.len())
                .any(|w| (0..=lead.len() - w).any(|i| strsim::levenshtein(surname, &lead[i..i + w]) <= 1))
}

/// Fewest letters the surviving end of a cut surname must have.
pub(super) const DAMAGED_SURNAME_FROM: usize = 3;

/// How alike two spellings of one damaged surname stay: OCR noise damages two or three letters
/// of an eight-letter name, leaving it 0.6 to 0.75 alike.
pub(super) const DAMAGED_SURNAME_SIMILARITY: f64 = 0.6;

/// Lower-case ASCII letters only.
pub(super) fn letters(s: &str) -> String {
    text::ascii_key(s).chars().filter(char::is_ascii_alphabetic).collect()
}

/// How alike two title keys are: their trigram [`similarity`], or [`TITLE_SAME`] where one is
/// the start or the end of the other and long enough to name a work (a title that runs on into
/// a date or a venue the other entry does not give, or whose head the parse cut off).
pub(super) fn title_similarity(a: &str, b: &str) -> f64 {
    /// A shared start this long is a title, not a common opening phrase.
    const PREFIX: usize = 32;
    let sim = similarity(a, b);
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if short.len() >= PREFIX && (long.starts_with(short) || long.ends_with(short)) {
        sim.max(TITLE_SAME)
    } else {
        sim
    }
}

/// Dice similarity of two keys' character trigrams: 1.0 for equal keys, robust to a typo or a
/// lost space (each costs at most three trigrams), low for different words.
pub fn similarity(a: &str, b: &str) -> f64 {
    if a == b {
        return 1.0;
    }
    let (ta, tb) = (trigrams(a), trigrams(b));
    if ta.is_empty() || tb.is_empty() {
        return 0.0;
    }
    let (mut i, mut j, mut shared) = (0, 0, 0);
    while i < ta.len() && j < tb.len() {
        match ta[i].cmp(&tb[j]) {
            std::cmp::Ordering::Equal => {
                shared += 1;
                i += 1;
                j += 1;
            }
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
        }
    }
    2.0 * shared as f64 / (ta.len() + tb.len()) as f64
}

pub(super) fn trigrams(s: &str) -> Vec<[u8; 3]> {
    let mut t: Vec<[u8; 3]> = s.as_bytes().windows(3).map(|w| [w[0], w[1], w[2]]).collect();
    t.sort_unstable();
    t
}
