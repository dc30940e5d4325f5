//! Text normalisation: the keys names are compared by, and a folded view of a paper's text.
//!
//! The folded view matches names across case, punctuation and line-end hyphenation while keeping
//! original offsets.

use unicode_normalization::UnicodeNormalization;

/// A regex for the extract stage, with room for its lazy DFA (long papers outgrow the default
/// cache, which then rebuilds its states over and over).
///
/// Patterns write letters as `\p{L}`, `\p{Lu}` and `\p{Ll}`, digits as `\d` and word
/// characters as `\w`; they are compiled as the letters of the scripts papers write names in
/// ([`LETTER`], [`UPPER`], [`LOWER`]), the ASCII digits, and those with `_`. Unicode's full classes make a pattern several times slower to
/// compile (upper and lower case alternate code point by code point through the Latin extensions,
/// each a range of its own), and compiling the patterns is most of what one paper's ingest costs.
pub fn regex(pattern: &str) -> Result<regex::Regex, regex::Error> {
    let pattern = pattern
        .replace(r"\p{Lu}", &format!("[{UPPER}]"))
        .replace(r"\p{Ll}", &format!("[{LOWER}]"))
        .replace(r"\p{L}", &format!("[{LETTER}]"))
        .replace(r"\d", "[0-9]")
        .replace(r"(?-u:\w)", r"\w")
        .replace(r"\w", &format!("[0-9_{LETTER}]"));
    regex::RegexBuilder::new(&pattern).dfa_size_limit(32 << 20).build()
}

/// Letters of the Latin (with its extensions, Vietnamese's included), Greek and Cyrillic scripts.
pub const LETTER: &str = "A-Za-zªµºÀ-ÖØ-öø-ɏͰ-ϿЀ-ӿḀ-ỿ";
/// Capitals of those scripts; where the cases alternate code point by code point (Latin Extended,
/// Cyrillic's historic letters), both cases.
pub const UPPER: &str = "A-ZÀ-ÖØ-ÞĀ-ɏΑ-ΩϘ-ϯЀ-ЯѠ-ӿḀ-ỿ";
/// Small letters of those scripts; where the cases alternate, both cases.
pub const LOWER: &str = "a-zªµºß-öø-ɏά-ώϘ-ϯа-ӿḀ-ỿ";

/// The comparison key of a name: ASCII-folded, lower case, letters and digits only.
/// `CIFAR-10`, `cifar10` and `CIFAR 10` share the key `cifar10`.
pub fn key(s: &str) -> String {
    if s.is_ascii() {
        // Most names are plain ASCII: no normalisation needed.
        let mut out = String::with_capacity(s.len());
        out.extend(s.bytes().filter(u8::is_ascii_alphanumeric).map(|b| b.to_ascii_lowercase() as char));
        return out;
    }
    // Character by character, exactly as `Folded` folds a paper, so that a key and a match in
    // a folded text always agree (deunicode also spells out ligatures: "ﬁ" → "fi").
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        push_folded(c, &mut out);
    }
    out
}

/// A key of plain ASCII letters and digits: accents come off ("Zürich" → "zurich") and
/// characters with no ASCII form are dropped, not spelled out, so a PDF's damaged "100,000þ"
/// keys like "100,000+".
pub fn ascii_key(s: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    if s.is_ascii() {
        // Nothing to decompose: most keys are plain ASCII.
        return s.bytes().filter(u8::is_ascii_alphanumeric).map(|b| b.to_ascii_lowercase() as char).collect();
    }
    s.nfkd().filter(char::is_ascii_alphanumeric).map(|c| c.to_ascii_lowercase()).collect()
}

/// Which function keys the aliases a catalog stores, every origin alike (seed, import, manual,
/// discovered): [`dataset_key`]. Part of the seeds' fingerprint, so that a catalog whose seed
/// aliases were keyed another way has them keyed again when it is next opened for writing.
pub const ALIAS_KEYS: &str = "dataset_key/1";

/// The key of a dataset name: like [`key`], but a leading "the" and a trailing generic noun
/// ("dataset", "corpus", "benchmark", ...) do not count, so "the SNLI corpus" keys as `snli`.
pub fn dataset_key(name: &str) -> String {
    let words: Vec<&str> = name.split_whitespace().collect();
    let mut lo = 0;
    let mut hi = words.len();
    if hi > 1 && words[0].eq_ignore_ascii_case("the") {
        lo = 1;
    }
    while hi - lo > 1 && is_generic_noun(words[hi - 1]) {
        hi -= 1;
    }
    key(&words[lo..hi].join(" "))
}

/// Nouns that say "this is data" without naming which.
pub fn is_generic_noun(word: &str) -> bool {
    matches!(
        key(word).as_str(),
        "dataset" | "datasets" | "data" | "corpus" | "corpora" | "benchmark" | "benchmarks" | "database" | "set"
    )
}

fn push_folded(c: char, out: &mut String) {
    if c.is_ascii_alphanumeric() {
        out.push(c.to_ascii_lowercase());
    } else if !c.is_ascii() && c.is_alphanumeric() {
        for f in deunicode::deunicode_char(c).unwrap_or("").chars() {
            if f.is_ascii_alphanumeric() {
                out.push(f.to_ascii_lowercase());
            }
        }
    }
}

/// A paper's text reduced to lower-case letters and digits, with a map back to the original.
///
/// Each folded byte remembers the original byte range of the character it came from, and whether
/// a word (a run of letters and digits) starts or ends there, so a match in the folded text can be
/// required to begin and end on word boundaries of the original: "CIFAR-10" never matches inside
/// "CIFAR-100", nor "ImageNet" inside "ImageNet22k".
/// What folding meets, character by character: a character that folds to something, and the
/// end of a word.
enum FoldedPiece<'a> {
    Char { at: usize, end: usize, folded: &'a str, word_starts: bool },
    WordEnd,
}

/// Folds `original` character by character, telling `each` what it meets; every word that
/// starts also ends.
fn fold_words(original: &str, mut each: impl FnMut(FoldedPiece)) {
    let mut in_word = false;
    let mut buf = String::new();
    let bytes = original.as_bytes();
    for (i, c) in original.char_indices() {
        buf.clear();
        push_folded(c, &mut buf);
        // "3.1B" and "100,000" are one word: a point or comma between digits joins them.
        let joins_digits = matches!(c, '.' | ',')
            && i > 0
            && bytes[i - 1].is_ascii_digit()
            && bytes.get(i + 1).is_some_and(u8::is_ascii_digit);
        if buf.is_empty() && joins_digits && in_word {
            continue;
        }
        if buf.is_empty() {
            if in_word {
                each(FoldedPiece::WordEnd);
            }
            in_word = false;
            continue;
        }
        each(FoldedPiece::Char { at: i, end: i + c.len_utf8(), folded: &buf, word_starts: !in_word });
        in_word = true;
    }
    if in_word {
        each(FoldedPiece::WordEnd);
    }
}

#[derive(Debug, Clone, Default)]
pub struct Folded {
    /// Lower-case ASCII letters and digits.
    pub text: String,
    /// For each byte of `text`: (start, end) byte offsets in the original.
    spans: Vec<(u32, u32)>,
    /// For each byte of `text`: a word of the original starts here.
    word_start: Vec<bool>,
    /// For each byte of `text`: a word of the original ends here.
    word_end: Vec<bool>,
}

impl Folded {
    pub fn new(original: &str) -> Self {
        let mut f = Folded::default();
        fold_words(original, |piece| match piece {
            FoldedPiece::Char { at, end, folded, word_starts } => {
                for (k, b) in folded.bytes().enumerate() {
                    f.text.push(b as char);
                    f.spans.push((at as u32, end as u32));
                    f.word_start.push(word_starts && k == 0);
                    f.word_end.push(false);
                }
            }
            FoldedPiece::WordEnd => *f.word_end.last_mut().expect("a word has bytes") = true,
        });
        f
    }

    /// How many words `original` holds, counted as [`Folded::new`] counts them.
    pub fn count_words(original: &str) -> usize {
        let mut words = 0;
        fold_words(original, |piece| words += usize::from(matches!(piece, FoldedPiece::WordEnd)));
        words
    }

    /// Whether folded bytes `start..end` begin and end on word boundaries of the original.
    pub fn on_boundaries(&self, start: usize, end: usize) -> bool {
        start < end && end <= self.text.len() && self.word_start[start] && self.word_end[end - 1]
    }

    /// Folded byte ranges where `key` stands on word boundaries.
    pub fn find_key<'a>(&'a self, key: &'a str) -> impl Iterator<Item = (usize, usize)> + 'a {
        let mut from = 0;
        std::iter::from_fn(move || {
            if key.is_empty() {
                return None;
            }
            while let Some(p) = self.text.get(from..)?.find(key) {
                let s = from + p;
                from = s + 1;
                if self.on_boundaries(s, s + key.len()) {
                    return Some((s, s + key.len()));
                }
            }
            None
        })
    }

    /// Whether `key` stands somewhere on word boundaries.
    pub fn contains_key(&self, key: &str) -> bool {
        self.find_key(key).next().is_some()
    }

    /// The folded byte offsets where a word of the original starts.
    pub fn word_starts(&self) -> impl Iterator<Item = usize> + '_ {
        self.word_start.iter().enumerate().filter(|(_, &starts)| starts).map(|(i, _)| i)
    }

    /// How many words of the original folded bytes `start..end` span.
    pub fn words_in(&self, start: usize, end: usize) -> usize {
        self.word_start[start..end].iter().filter(|&&b| b).count()
    }

    /// The original byte range of folded bytes `start..end`.
    pub fn original_range(&self, start: usize, end: usize) -> (usize, usize) {
        (self.spans[start].0 as usize, self.spans[end - 1].1 as usize)
    }

    /// Folded byte index of the first folded byte at or after original offset `offset`.
    pub fn folded_index(&self, offset: usize) -> usize {
        self.spans.partition_point(|&(s, _)| (s as usize) < offset)
    }
}

/// Text for matching: ligatures expanded (NFKC), line-end hyphenation rejoined where a lower-case
/// word continues on the next line ("repre-\nsentation"), other whitespace runs kept as they are.
/// Returns the new text; callers that need offsets into the original use [`Folded`] instead.
pub fn clean_for_display(s: &str) -> String {
    let s: String = s.nfkc().collect();
    let mut out = String::with_capacity(s.len());
    let mut last_space = false;
    for c in s.chars() {
        if c.is_whitespace() {
            if !last_space {
                out.push(' ');
            }
            last_space = true;
        } else {
            out.push(c);
            last_space = false;
        }
    }
    out.trim().to_string()
}

/// The 4-digit year (1900-2099) inside a token such as "2009", "2009a" or "(2009)".
pub fn year_of(token: &str) -> Option<i32> {
    let digits: String = token.chars().filter(|c| c.is_ascii_digit()).collect();
    if digits.len() != 4 {
        return None;
    }
    let y: i32 = digits.parse().ok()?;
    (1900..2100).contains(&y).then_some(y)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pattern_letter_classes_cover_names_in_latin_greek_and_cyrillic() {
        let name = regex(r"^\p{Lu}[\p{L}'-]+$").unwrap();
        for ok in ["Müller", "Nguyễn", "Łukasiewicz", "Dvořák", "O'Neil", "Σωκράτης", "Иванов", "Ørsted"]
        {
            assert!(name.is_match(ok), "{ok}");
        }
        for no in ["müller", "1Müller", "Mü ller", "M"] {
            assert!(!name.is_match(no), "{no}");
        }
        let year = regex(r"^\d{4}$").unwrap();
        assert!(year.is_match("2019"));
        assert!(!year.is_match("२०१९"), "only ASCII digits are digits");
        assert!(regex(r"(?i)(?-u:\b)train(?-u:\w)*").unwrap().is_match("Training"));
    }

    #[test]
    fn keys_ignore_case_and_punctuation() {
        assert_eq!(key("CIFAR-10"), "cifar10");
        assert_eq!(key("cifar 10"), key("CIFAR10"));
        assert_eq!(key("Ima-geNet"), "imagenet");
        assert_eq!(key("Zürich"), "zurich");
        assert_ne!(key("CIFAR-10"), key("CIFAR-100"));
    }

    #[test]
    fn dataset_keys_drop_the_and_generic_nouns() {
        assert_eq!(dataset_key("the SNLI corpus"), "snli");
        assert_eq!(dataset_key("ImageNet dataset"), "imagenet");
        assert_eq!(dataset_key("Penn Treebank"), "penntreebank");
        assert_eq!(dataset_key("Dataset"), "dataset");
    }

    fn find_all(hay: &str, needle: &str) -> Vec<(usize, usize)> {
        let f = Folded::new(hay);
        let k = key(needle);
        f.find_key(&k).map(|(s, e)| f.original_range(s, e)).collect()
    }

    #[test]
    fn folded_matches_respect_word_boundaries() {
        let hay = "We use CIFAR-100 and CIFAR-10, and CIFAR10.";
        let hits = find_all(hay, "CIFAR-10");
        let surfaces: Vec<&str> = hits.iter().map(|&(s, e)| &hay[s..e]).collect();
        assert_eq!(surfaces, vec!["CIFAR-10", "CIFAR10"]);
    }

    #[test]
    fn folded_matches_across_hyphenation_and_ligatures() {
        let hay = "pretrained on Ima-geNet and the ﬁne dataset";
        let hits = find_all(hay, "ImageNet");
        assert_eq!(&hay[hits[0].0..hits[0].1], "Ima-geNet");
        assert_eq!(find_all(hay, "fine").len(), 1);
    }

    #[test]
    fn no_match_inside_a_longer_word_or_number() {
        assert!(find_all("ImageNet22k data", "ImageNet").is_empty());
        assert!(find_all("CIFAR10", "CIFAR").is_empty());
        assert!(find_all("the MNISTs", "MNIST").is_empty());
        assert!(find_all("Fashion-MNIST", "MNIST").len() == 1);
    }

    #[test]
    fn a_key_and_a_folded_match_agree_on_every_character() {
        // Found by the property test: a composition exclusion (Gurmukhi FA) that NFKC and
        // per-character folding once spelled differently.
        for (hay, needle) in [("ਫ਼{", "F"), ("ﬁne-tuning", "fine"), ("Zu\u{308}rich", "Zürich")] {
            let f = Folded::new(hay);
            for (a, b) in f.find_key(&key(needle)) {
                let (start, end) = f.original_range(a, b);
                assert_eq!(key(&hay[start..end]), key(needle), "{hay}");
            }
        }
        assert_eq!(key("Zu\u{308}rich"), key("Zürich"));
    }

    #[test]
    fn numbers_with_points_are_one_word() {
        assert!(find_all("leaving 3.1B words", "1B words").is_empty());
        assert_eq!(find_all("SQuAD 1.1 and v1.1", "SQuAD 1.1").len(), 1);
    }

    #[test]
    fn years_are_found_in_tokens() {
        assert_eq!(year_of("(2009a)."), Some(2009));
        assert_eq!(year_of("12345"), None);
        assert_eq!(year_of("1850"), None);
    }
}

#[cfg(test)]
mod props {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn keys_are_idempotent_and_ignore_case(s in "\\PC{0,60}") {
            prop_assert_eq!(key(&key(&s)), key(&s));
            prop_assert!(key(&s).chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit()));
            let ascii: String = s.chars().filter(char::is_ascii).collect();
            prop_assert_eq!(key(&ascii.to_uppercase()), key(&ascii));
        }

        #[test]
        fn folded_ranges_map_back_inside_the_text(s in "\\PC{0,200}", needle in "[a-zA-Z0-9]{1,6}") {
            let f = Folded::new(&s);
            for (a, b) in f.find_key(&key(&needle)) {
                let (start, end) = f.original_range(a, b);
                prop_assert!(start < end && end <= s.len());
                prop_assert!(s.is_char_boundary(start) && s.is_char_boundary(end));
                prop_assert_eq!(key(&s[start..end]), key(&needle));
            }
        }
    }
}
