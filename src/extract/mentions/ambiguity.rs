//! How ambiguous a registry name is, decided from the name alone, and the evidence a paper must
//! give before an ambiguous name counts as the dataset.
//!
//! A name is a *term* when papers of some field write it as something other than data: an
//! ordinary word, a term of the sciences, a gene, a unit, a person, a place, an organisation or
//! a licence (the list in `data/words/common-terms.txt`, which holds acronyms such as "MR" and
//! "ABC" too), a label of letters and a number ("C3", "M1", "PC2"), or a capital and one or two
//! small letters ("Pol"). Any other name of three letters or fewer, or one the seeds mark
//! `needs_context`, is *short*: the sentence must speak of data. The decision is the name's, the
//! same in every paper. A term counts only with evidence that the paper means the dataset
//! ([`Evidence`]), and never where the paper defines the acronym as something else
//! ([`own_definitions`]).

use std::collections::HashSet;
use std::sync::LazyLock;

use regex::Regex;

use crate::extract::callouts::Callout;
use crate::extract::references::Reference;
use crate::registry::DatasetEntry;
use crate::text;

/// How much a registry name needs its context.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Ambiguity {
    /// A name nothing else is called: "ImageNet", "Penn Treebank".
    Plain,
    /// Short, or marked `needs_context` in the seeds: the sentence must speak of data.
    Short,
    /// An ordinary word or a term of some field: it needs [`Evidence`].
    Term,
}

/// The list's words by their letters and digits, case kept: "Davis" is a surname where "DAVIS"
/// is a dataset, "FISH" an assay where "Fish" is a word.
static COMMON_TERMS: LazyLock<HashSet<String>> =
    LazyLock::new(|| word_list(include_str!("../../../data/words/common-terms.txt")).map(letters).collect());

fn letters(s: &str) -> String {
    s.chars().filter(|c| c.is_alphanumeric()).collect()
}

static AFTER_NAME: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| word_list(include_str!("../../../data/words/after-name.txt")).collect());

/// The words of a word list: one a line, `#` comments and blank lines aside.
pub(super) fn word_list(list: &'static str) -> impl Iterator<Item = &'static str> {
    list.lines().map(|l| l.split('#').next().unwrap_or("").trim()).filter(|l| !l.is_empty())
}

/// Whether a name is written as an ordinary word or a term of some field: as the list writes
/// it, or so with a capital first letter (a sentence's first word, a heading).
pub fn is_common_term(name: &str) -> bool {
    let written = letters(name);
    let lowered_first = {
        let mut c = written.chars();
        c.next().map_or(String::new(), |f| f.to_lowercase().chain(c).collect())
    };
    COMMON_TERMS.contains(&written) || COMMON_TERMS.contains(&lowered_first) || is_label(name) || is_assay(name)
}

/// "C3", "M1", "PC2": one or two capitals and a number of one or two digits, the way genes,
/// components, regions and principal components are labelled.
fn is_label(name: &str) -> bool {
    let letters = name.chars().take_while(char::is_ascii_uppercase).count();
    let digits = name.len() - letters;
    (1..=2).contains(&letters) && (1..=2).contains(&digits) && name[letters..].chars().all(|c| c.is_ascii_digit())
}

/// "RNA-seq", "ChIP-Seq", "ATAC-seq": a sequencing assay, a method that makes data.
fn is_assay(name: &str) -> bool {
    let lower = name.to_lowercase();
    lower.ends_with("-seq") || lower.ends_with("seq") && name.chars().take(3).all(|c| c.is_ascii_uppercase())
}

/// "Pol", "Fen", "Ade": a capital and one or two small letters reads as a word, a syllable of a
/// name ("van der Pol") or a gene's symbol as often as a dataset's name.
fn is_short_word(surface: &str) -> bool {
    let mut chars = surface.chars();
    chars.next().is_some_and(|c| c.is_uppercase())
        && (1..=2).contains(&chars.clone().count())
        && chars.all(|c| c.is_lowercase())
}

/// Whether a surface spells an ambiguous name exactly, punctuation included: "B/100" and
/// "B - 100" are no "B100".
pub fn spelled_exactly(surface: &str, alias: &str) -> bool {
    let marks = |s: &str| s.chars().filter(|c| !c.is_alphanumeric()).collect::<String>();
    marks(surface) == marks(alias)
}

/// The ambiguity of a registry alias as the paper writes it (`surface`), `needs_context` being
/// the seeds' mark.
pub fn of(surface: &str, alias: &str, needs_context: bool) -> Ambiguity {
    let written_as_the_term = is_common_term(alias)
        && letters(surface).to_lowercase() == letters(alias).to_lowercase()
        && !letters(surface).chars().all(|c| c.is_uppercase() || c.is_ascii_digit());
    if is_common_term(surface) || written_as_the_term || is_short_word(surface) {
        Ambiguity::Term
    } else if needs_context || text::key(alias).len() <= 3 {
        Ambiguity::Short
    } else {
        Ambiguity::Plain
    }
}

/// Why a paper is taken to mean the dataset where it writes an ambiguous name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Evidence {
    /// "the Adult dataset", "the Adult and Census datasets".
    DataNounAfter,
    /// "on the datasets Adult and Census", "benchmarks such as Adult".
    DataNounBefore,
    /// "trained on Adult", "results on MR and CR".
    UseVerb,
    /// "Adult (Kohavi, 1996)" where the cited entry is the dataset's introducing paper.
    IntroCited,
    /// The dataset's unambiguous name stands elsewhere in the paper.
    FullName,
    /// A cell under a table's "Dataset" heading.
    DatasetCell,
    /// Listed beside a dataset with an unambiguous name: "Adult, MNIST and USPS".
    ListedWithDatasets,
}

impl Evidence {
    pub fn as_str(self) -> &'static str {
        match self {
            Evidence::DataNounAfter => "data noun after",
            Evidence::DataNounBefore => "data noun before",
            Evidence::UseVerb => "use verb",
            Evidence::IntroCited => "introducing paper cited",
            Evidence::FullName => "full name elsewhere",
            Evidence::DatasetCell => "dataset table cell",
            Evidence::ListedWithDatasets => "listed with datasets",
        }
    }
}

/// Other names of a list, between the name and the words that speak of them.
const LIST: &str = r"(?:\s*(?:,|and|or|&|/)\s*(?:the\s+)?[\p{Lu}\d][\p{L}\d+.'’-]*)";

static DATA_NOUN_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    text::regex(&format!(
        r"^[)”\x22’']?(?:[ -]?(?:v|version ?)\d[\d.]*)?{LIST}{{0,4}}[)”\x22’']?[\s-]+(?:data ?sets?|data ?bases?|corpus|corpora|benchmarks?|treebank|collection|challenge)(?-u:\b)"
    ))
    .expect("valid regex")
});

static DATA_NOUN_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    text::regex(
        r"(?-u:\b)(?i:data ?sets?|data ?bases?|benchmarks?|corpora|corpus|tasks)\s*(?:,|:|\()?\s*(?:(?:which|that)\s+)?(?:consist(?:s|ing)? of|include[sd]?|including|such as|namely|like|called|named|of|from|e\.g\.,?|i\.e\.,?)?\s*(?:,|:)?\s*(?:the\s+)?(?:[\p{Lu}\d][\p{L}\d+.'’-]*\s*(?:,|and|or|&)\s*){0,4}(?:the\s+)?[“\x22‘']?$",
    )
    .expect("valid regex")
});

static USE_VERB: LazyLock<Regex> = LazyLock::new(|| {
    text::regex(r"(?-u:\b)(?i:train(?:ed|ing)?|evaluat(?:e|ed|es|ing|ion)|test(?:ed|ing)?|fine-?tun(?:e|ed|es|ing)|pre-?train(?:ed|ing)?|experiments?|results?|accuracy|benchmark(?:ed|ing)?)\s+(?:on|using|with|over|against)\s+(?:the\s+)?(?:[\p{Lu}\d][\p{L}\d+.'’-]*\s*(?:,|and|or|&)\s*){0,4}(?:the\s+)?$")
        .expect("valid regex")
});

/// What may stand between two names of a list: separators, callouts, abbreviations.
static LIST_GAP: LazyLock<Regex> = LazyLock::new(|| {
    text::regex(r"^(?:[\s,;/&|]|and|or|[\p{Lu}\d][\p{L}\d+.'’-]*|\[[^\]\n]{0,20}\]|\([^()\n]{0,40}\))*$")
        .expect("valid regex")
});

/// Longest gap between two names of one list: room for two more names with their citations
/// ("MNLI (Williams et al., 2018), QNLI (Wang et al., 2019), RTE").
const LIST_GAP_MAX: usize = 100;

/// How far before a name the words that speak of it are looked for.
const LEAD_WINDOW: usize = 120;

/// Whether the ambiguous name at `start..end` is part of a longer term: a lower-case word
/// follows that is no word a dataset's name is followed by ("DNA methylation", "HIV-infected"),
/// or the name is possessive ("Fisher's exact test").
pub fn is_modifier(text: &str, end: usize) -> bool {
    let rest = &text[end..];
    if rest.starts_with(['\'', '’']) {
        return true;
    }
    let glued = rest.strip_prefix('-');
    let after = glued.unwrap_or(rest);
    let spaced = after.len() - after.trim_start().len();
    if glued.is_none() && (spaced == 0 || after[..spaced].contains("\n\n")) {
        return false;
    }
    let word: String = after.trim_start().chars().take_while(|c| c.is_alphabetic()).collect();
    word.chars().next().is_some_and(char::is_lowercase) && !AFTER_NAME.contains(word.as_str())
}

/// The text of the same sentence before `start`, at most [`LEAD_WINDOW`] bytes.
fn lead(text: &str, start: usize, sentence_start: usize) -> &str {
    let from = text.floor_char_boundary(start.saturating_sub(LEAD_WINDOW)).max(sentence_start);
    &text[from..start]
}

/// The words around the name that say it is data, if any.
pub fn words_say_data(text: &str, start: usize, end: usize, sentence_start: usize) -> Option<Evidence> {
    let before = lead(text, start, sentence_start);
    if DATA_NOUN_AFTER.is_match(&text[end..]) {
        Some(Evidence::DataNounAfter)
    } else if DATA_NOUN_BEFORE.is_match(before) {
        Some(Evidence::DataNounBefore)
    } else if USE_VERB.is_match(before) {
        Some(Evidence::UseVerb)
    } else {
        None
    }
}

/// Whether a callout right after the name cites the dataset's introducing paper: an entry by
/// its first author, of its year.
pub fn cites_intro(entry: &DatasetEntry, callout: Option<&Callout>, refs: &[Reference]) -> bool {
    let (Some(author), Some(year)) = (entry.intro.author.as_deref(), entry.intro.year) else { return false };
    let author = author.to_lowercase();
    callout.is_some_and(|c| {
        c.targets.iter().filter_map(|&t| refs.get(t)).any(|r| {
            r.raw.to_lowercase().contains(&author) && (r.parsed.year == Some(year) || r.raw.contains(&year.to_string()))
        })
    })
}

/// Whether the gap between two names is that of a list: "A, B and C", "A [3], B (Smith, 2019)".
pub fn listed_together(text: &str, (a_start, a_end): (usize, usize), (b_start, b_end): (usize, usize)) -> bool {
    let gap = if a_end <= b_start {
        &text[a_end..b_start]
    } else if b_end <= a_start {
        &text[b_end..a_start]
    } else {
        return false;
    };
    gap.len() <= LIST_GAP_MAX && !gap.trim().is_empty() && LIST_GAP.is_match(gap)
}

static PARENTHESISED: LazyLock<Regex> =
    LazyLock::new(|| text::regex(r"\(([A-Z][A-Za-z\d-]{1,9})\)").expect("valid regex"));

/// Words an acronym's letters may skip in its long form.
const SKIPPED: &[&str] = &["of", "the", "and", "for", "in", "on", "to", "a", "an", "with", "by"];

/// The paper's own acronyms: (key of the acronym, its long form) for each "long form (ACR)"
/// whose words' initials spell the acronym, "Crosstab based technique (CBT)", "magnetic
/// resonance (MR)".
pub fn own_definitions(text: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for c in PARENTHESISED.captures_iter(text) {
        crate::deadline::check();
        let short = c.get(1).expect("group");
        let letters: Vec<char> =
            short.as_str().chars().filter(char::is_ascii_alphabetic).map(|c| c.to_ascii_lowercase()).collect();
        let caps = short.as_str().chars().filter(char::is_ascii_uppercase).count();
        if letters.len() < 2 || caps < 2 {
            continue;
        }
        let open = c.get(0).expect("match").start();
        let window = &text[text.floor_char_boundary(open.saturating_sub(160))..open];
        let words: Vec<&str> = window.split_whitespace().collect();
        // The acronym's capitals are the initials of the last words, small words skipped.
        let caps: Vec<char> =
            short.as_str().chars().filter(char::is_ascii_uppercase).map(|c| c.to_ascii_lowercase()).collect();
        let mut need = caps.iter().rev().peekable();
        let mut taken = 0;
        for w in words.iter().rev() {
            let Some(&&want) = need.peek() else { break };
            let bare = w.trim_matches(|c: char| !c.is_alphanumeric());
            let initial = bare.chars().next().map(|c| c.to_ascii_lowercase());
            if initial == Some(want) {
                need.next();
                taken += 1;
            } else if SKIPPED.contains(&bare.to_lowercase().as_str()) && taken > 0 {
                taken += 1;
            } else {
                break;
            }
        }
        if need.peek().is_none() && taken >= 2 {
            let long = words[words.len() - taken..].join(" ");
            out.push((text::key(short.as_str()), long.trim_matches(|c: char| !c.is_alphanumeric()).to_string()));
        }
    }
    out
}

/// Whether a long form the paper gives an acronym names the dataset: it is one of the dataset's
/// names, shares most of its words with one, or calls itself data.
pub fn long_form_names(entry: &DatasetEntry, long: &str) -> bool {
    let long_key = text::dataset_key(long);
    let long_words: HashSet<String> = long.split([' ', '-']).map(text::key).filter(|w| !w.is_empty()).collect();
    let data_noun = long.split_whitespace().any(|w| {
        text::is_generic_noun(w) || matches!(text::key(w).as_str(), "treebank" | "bank" | "collection" | "challenge")
    });
    data_noun
        || entry.names().any(|n| {
            let words: HashSet<String> = n.split([' ', '-']).map(text::key).filter(|w| !w.is_empty()).collect();
            let shared = words.intersection(&long_words).count();
            text::dataset_key(n) == long_key || words.len() >= 2 && 2 * shared >= words.len()
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terms_are_decided_by_the_name() {
        let of = |name: &str, needs_context: bool| of(name, name, needs_context);
        assert_eq!(of("DNA", false), Ambiguity::Term);
        assert_eq!(of("Adult", false), Ambiguity::Term);
        assert_eq!(of("C3", false), Ambiguity::Term);
        assert_eq!(of("RNA-seq", false), Ambiguity::Term);
        assert_eq!(of("WiC", true), Ambiguity::Short);
        assert_eq!(of("Penn Treebank", false), Ambiguity::Plain);
        assert_eq!(of("MNIST", false), Ambiguity::Plain);
        // Written as a surname, a name is a term; in capitals, the dataset.
        assert_eq!(super::of("Davis", "DAVIS", false), Ambiguity::Term);
        assert_eq!(super::of("DAVIS", "DAVIS", false), Ambiguity::Plain);
    }

    #[test]
    fn a_term_before_another_word_is_part_of_it() {
        let t = "We measured DNA methylation, HIV-infected cells, Fisher's test and the Adult dataset.";
        let end = |w: &str| t.find(w).unwrap() + w.len();
        assert!(is_modifier(t, end("DNA")));
        assert!(is_modifier(t, end("HIV")));
        assert!(is_modifier(t, end("Fisher")));
        assert!(!is_modifier(t, end("Adult")));
    }

    #[test]
    fn words_around_a_name_say_it_is_data() {
        let t = "We train on Adult and Census. The Bank and Adult datasets. Benchmarks such as Adult. An adult Adult.";
        let at = |n: usize| {
            let s = t.match_indices("Adult").nth(n).unwrap().0;
            words_say_data(t, s, s + 5, 0)
        };
        assert_eq!(at(0), Some(Evidence::UseVerb));
        assert_eq!(at(1), Some(Evidence::DataNounAfter));
        assert_eq!(at(2), Some(Evidence::DataNounBefore));
        assert_eq!(at(3), None);
    }

    #[test]
    fn a_paper_defines_its_own_acronyms() {
        let defs =
            own_definitions("We propose a Crosstab based technique (CBT) and use magnetic resonance (MR) images.");
        assert!(defs.contains(&("cbt".to_string(), "Crosstab based technique".to_string())), "{defs:?}");
        assert!(defs.contains(&("mr".to_string(), "magnetic resonance".to_string())), "{defs:?}");
        assert!(own_definitions("a new model (GPT) here").is_empty());
    }

    #[test]
    fn lists_hold_names_together() {
        let t = "on Adult, MNIST [4] and USPS. Adult is large";
        let span = |w: &str| (t.find(w).unwrap(), t.find(w).unwrap() + w.len());
        assert!(listed_together(t, span("Adult"), span("MNIST")));
        assert!(listed_together(t, span("USPS"), span("MNIST")));
        assert!(!listed_together(t, (t.rfind("Adult").unwrap(), t.len() - 9), span("USPS")));
    }
}
