//! Export formats above the store: canonical citations as BibTeX and CSL-JSON, with shared keys.
//!
//! For reference managers; the keys are stable and readable, and both formats use them.

mod bibtex;
mod csl_json;

use std::collections::HashMap;

use crate::bib::names::Name;
use crate::bib::CitationRecord;

pub use bibtex::to_bibtex;
pub use csl_json::to_csl_json;

/// What sort of work a citation is, as its venue's words and its identifiers tell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum EntryKind {
    Article,
    Proceedings,
    Preprint,
    Other,
}

/// Journals whose names start like a conference's ("Proceedings of the IEEE").
const JOURNAL_PHRASES: &[&str] = &["proceedings of the ieee", "proceedings of the national academy"];

/// Words that make a venue a conference's or a workshop's.
const PROCEEDINGS_WORDS: &[&str] = &["proceedings", "proc", "conference", "conf", "workshop", "symposium"];

/// Words that make a venue a journal.
const JOURNAL_WORDS: &[&str] = &[
    "journal",
    "transactions",
    "trans",
    "letters",
    "review",
    "nature",
    "science",
    "plos",
    "jmlr",
    "tpami",
    "ijcv",
    "bioinformatics",
    "tacl",
    "pnas",
    "neurocomputing",
];

/// Conferences cited by their acronym alone ("CVPR", "In NeurIPS 2019").
const CONFERENCE_ACRONYMS: &[&str] = &[
    "cvpr",
    "iccv",
    "eccv",
    "neurips",
    "nips",
    "icml",
    "iclr",
    "acl",
    "emnlp",
    "naacl",
    "eacl",
    "coling",
    "aaai",
    "ijcai",
    "kdd",
    "sigir",
    "interspeech",
    "icassp",
    "miccai",
    "wsdm",
    "www",
    "bmvc",
    "wacv",
    "lrec",
    "aistats",
    "uai",
    "colt",
    "corl",
    "icra",
    "iros",
];

/// A venue's words, lower case, URLs left out and years cut from acronyms ("CVPR2016" → "cvpr").
fn venue_words(venue: &str) -> Vec<String> {
    venue
        .split_whitespace()
        .filter(|w| !w.contains("://") && !w.to_lowercase().starts_with("www."))
        .flat_map(|w| w.split(|c: char| !c.is_alphanumeric()))
        .map(|w| w.trim_end_matches(|c: char| c.is_ascii_digit()).to_lowercase())
        .filter(|w| !w.is_empty())
        .collect()
}

fn kind_of(c: &CitationRecord) -> EntryKind {
    let venue = c.venue.as_deref().unwrap_or("");
    let words = venue_words(venue);
    let has = |list: &[&str]| words.iter().any(|w| list.contains(&w.as_str()));
    let phrase = words.join(" ");
    if JOURNAL_PHRASES.iter().any(|p| phrase.contains(p)) {
        EntryKind::Article
    } else if has(PROCEEDINGS_WORDS) {
        EntryKind::Proceedings
    } else if has(JOURNAL_WORDS) {
        EntryKind::Article
    } else if has(CONFERENCE_ACRONYMS) {
        EntryKind::Proceedings
    } else if c.arxiv.is_some() || has(&["arxiv", "corr"]) {
        EntryKind::Preprint
    } else {
        EntryKind::Other
    }
}

/// A citation's URL if it is whole: its host has a dot. A reference's URL cut at its first dot
/// ("https://www") would send a reader nowhere, so it is left out rather than exported.
fn whole_url(c: &CitationRecord) -> Option<&str> {
    let url = c.url.as_deref()?.trim();
    let host = url.split_once("://").map_or(url, |(_, rest)| rest).split(['/', '?', '#']).next().unwrap_or("");
    (host.contains('.') && !host.ends_with('.')).then_some(url)
}

/// Title words a citation key skips, as Better BibTeX's `shorttitle` does: articles,
/// conjunctions and prepositions carry nothing of the title.
const FUNCTION_WORDS: &[&str] = &[
    "a", "an", "the", "and", "or", "nor", "but", "so", "yet", "as", "at", "by", "for", "from", "in", "into", "is",
    "of", "off", "on", "onto", "over", "per", "than", "to", "toward", "towards", "up", "upon", "via", "with", "within",
    "without", "about", "above", "across", "after", "against", "along", "among", "around", "before", "behind", "below",
    "beneath", "beside", "between", "beyond", "during", "except", "inside", "like", "near", "past", "since", "through",
    "under", "until", "versus", "while", "der", "die", "das", "de", "la", "le", "les", "el",
];

/// The title words a key takes: Better BibTeX's `shorttitle(3, 3)`.
const KEY_TITLE_WORDS: usize = 3;

/// Letters and digits only, accents and other scripts spelled out in ASCII.
fn ascii(s: &str) -> String {
    deunicode::deunicode(s).chars().filter(char::is_ascii_alphanumeric).collect()
}

/// A citation's key base as Better BibTeX's default formula makes it, `auth.lower +
/// shorttitle(3, 3) + year`: the first author's family name with its particles, lower case; the
/// first three title words that are no function words, each capitalised; the year
/// (`dengImageNetLargescaleHierarchical2009`, `vandermaatenVisualizingDataUsing2008`).
fn key_base(c: &CitationRecord) -> String {
    let author = c.authors.first().map(|a| ascii(&Name::parse(a).family).to_lowercase()).unwrap_or_default();
    let title: String = c
        .title
        .as_deref()
        .unwrap_or("")
        .split_whitespace()
        .map(ascii)
        .filter(|w| !w.is_empty() && !FUNCTION_WORDS.contains(&w.to_lowercase().as_str()))
        .take(KEY_TITLE_WORDS)
        .map(|w| {
            let mut chars = w.chars();
            chars.next().map(|first| first.to_ascii_uppercase().to_string() + chars.as_str()).unwrap_or_default()
        })
        .collect();
    let year = c.year.map(|y| y.to_string()).unwrap_or_default();
    format!("{author}{title}{year}")
}

/// Citation keys as Better BibTeX makes them (see [`key_base`]), with `a`, `b`, ... added where
/// two works would share one, and `citation<id>` for a work with no author, title or year.
/// Citations are keyed in id order, so a key does not change when later citations are added.
pub fn bibtex_keys(citations: &[CitationRecord]) -> HashMap<i64, String> {
    let mut sorted: Vec<&CitationRecord> = citations.iter().collect();
    sorted.sort_by_key(|c| c.id);
    let mut used: HashMap<String, usize> = HashMap::new();
    let mut keys = HashMap::new();
    for c in sorted {
        let base = key_base(c);
        let base = if base.is_empty() { format!("citation{}", c.id) } else { base };
        let n = used.entry(base.clone()).or_insert(0);
        let key = if *n == 0 { base } else { format!("{base}{}", suffix(*n)) };
        *n += 1;
        keys.insert(c.id, key);
    }
    keys
}

/// The letters that tell apart the works sharing a key: a, b, ..., z, aa, ab, ...
fn suffix(n: usize) -> String {
    let letter = |i: usize| (b'a' + i as u8) as char;
    if n <= 26 {
        letter(n - 1).to_string()
    } else {
        format!("{}{}", suffix((n - 1) / 26), letter((n - 1) % 26))
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    pub(crate) fn deng() -> CitationRecord {
        CitationRecord {
            id: 1,
            title: Some("ImageNet: A large-scale hierarchical image database".into()),
            authors: vec!["Jia Deng".into(), "Wei Dong".into(), "Li Fei-Fei".into()],
            year: Some(2009),
            venue: Some("CVPR".into()),
            ..Default::default()
        }
    }

    fn in_venue(venue: &str) -> EntryKind {
        kind_of(&CitationRecord { venue: Some(venue.into()), ..deng() })
    }

    #[test]
    fn entry_kinds_come_from_whole_venue_words() {
        assert_eq!(in_venue("Transactions of the Association for Computational Linguistics"), EntryKind::Article);
        assert_eq!(in_venue("TACL"), EntryKind::Article, "contains acl, is no ACL conference");
        assert_eq!(in_venue("Available at https://www.example.org/data"), EntryKind::Other, "www in a URL");
        assert_eq!(in_venue("In CVPR2016"), EntryKind::Proceedings);
        assert_eq!(in_venue("Proceedings of the IEEE"), EntryKind::Article);
        assert_eq!(in_venue("Proc. of the 2019 Conference on Empirical Methods"), EntryKind::Proceedings);
        assert_eq!(in_venue("Oracle Database Manual"), EntryKind::Other, "acle is no word");
        let preprint = CitationRecord { venue: None, arxiv: Some("1810.04805".into()), ..deng() };
        assert_eq!(kind_of(&preprint), EntryKind::Preprint);
    }

    #[test]
    fn cut_urls_are_left_out() {
        let with = |u: &str| CitationRecord { url: Some(u.into()), ..deng() };
        assert_eq!(
            whole_url(&with("https://www.aclweb.org/anthology/Q99-1042")),
            Some("https://www.aclweb.org/anthology/Q99-1042")
        );
        assert_eq!(whole_url(&with("www.image-net.org")), Some("www.image-net.org"));
        assert_eq!(whole_url(&with("https://www")), None);
        assert_eq!(whole_url(&with("http://yann")), None);
    }

    #[test]
    fn keys_are_readable_stable_and_unique() {
        let mut other = deng();
        other.id = 2;
        let keys = bibtex_keys(&[other.clone(), deng()]);
        assert_eq!(keys[&1], "dengImageNetLargescaleHierarchical2009");
        assert_eq!(keys[&2], "dengImageNetLargescaleHierarchical2009a");
        let tsne = CitationRecord {
            id: 3,
            title: Some("Visualizing data using t-SNE".into()),
            authors: vec!["Laurens van der Maaten".into()],
            year: Some(2008),
            ..Default::default()
        };
        let attention = CitationRecord {
            id: 4,
            title: Some("Attention is all you need".into()),
            authors: vec!["Vaswani, A.".into()],
            year: Some(2017),
            ..Default::default()
        };
        let keys = bibtex_keys(&[tsne, attention, CitationRecord { id: 5, ..Default::default() }]);
        assert_eq!(keys[&3], "vandermaatenVisualizingDataUsing2008");
        assert_eq!(keys[&4], "vaswaniAttentionAllYou2017");
        assert_eq!(keys[&5], "citation5");
        assert_eq!((suffix(1), suffix(26), suffix(27)), ("a".into(), "z".into(), "aa".into()));
    }
}
