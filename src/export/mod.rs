//! Export formats above the store: canonical citations as BibTeX and CSL-JSON, with shared keys.
//!
//! For reference managers; the keys are stable and readable, and both formats use them.

mod bibtex;
mod csl_json;

use std::collections::HashMap;

use crate::bib::{surname_of, CitationRecord};

pub use bibtex::to_bibtex;
pub use csl_json::to_csl_json;

/// What sort of work a citation is, as its venue tells.
#[derive(Clone, Copy, PartialEq, Eq)]
enum EntryKind {
    Article,
    Proceedings,
    Preprint,
    Other,
}

fn kind_of(c: &CitationRecord) -> EntryKind {
    let venue = c.venue.as_deref().unwrap_or("").to_lowercase();
    let has = |words: &[&str]| words.iter().any(|w| venue.contains(w));
    if has(&[
        "proceedings",
        "conference",
        "workshop",
        "symposium",
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
    ]) {
        EntryKind::Proceedings
    } else if has(&[
        "journal",
        "transactions",
        "letters",
        "review",
        "nature",
        "science",
        "plos",
        "jmlr",
        "tpami",
        "ijcv",
        "bioinformatics",
    ]) {
        EntryKind::Article
    } else if c.arxiv.is_some() || venue.contains("arxiv") || venue.contains("corr") {
        EntryKind::Preprint
    } else {
        EntryKind::Other
    }
}

/// Stable, readable keys: first author's surname, year, first significant title word
/// (`deng2009imagenet`), with a letter added where two works would share one. Citations are
/// keyed in id order, so a key does not change when later citations are added.
pub fn bibtex_keys(citations: &[CitationRecord]) -> HashMap<i64, String> {
    let mut sorted: Vec<&CitationRecord> = citations.iter().collect();
    sorted.sort_by_key(|c| c.id);
    let mut used: HashMap<String, usize> = HashMap::new();
    let mut keys = HashMap::new();
    for c in sorted {
        let ascii = |s: &str| {
            deunicode::deunicode(s).chars().filter(|c| c.is_ascii_alphanumeric()).collect::<String>().to_lowercase()
        };
        let author =
            c.authors.first().map(|a| ascii(&surname_of(a))).filter(|a| !a.is_empty()).unwrap_or_else(|| "anon".into());
        let year = c.year.map(|y| y.to_string()).unwrap_or_default();
        let word = c
            .title
            .as_deref()
            .unwrap_or("")
            .split(|ch: char| !ch.is_alphanumeric())
            .map(ascii)
            .find(|w| {
                w.len() > 3
                    && !matches!(
                        w.as_str(),
                        "with" | "from" | "into" | "over" | "under" | "about" | "towards" | "using" | "their"
                    )
            })
            .unwrap_or_default();
        let base = format!("{author}{year}{word}");
        let n = used.entry(base.clone()).or_insert(0);
        let key = if *n == 0 { base } else { format!("{base}{}", (b'a' + (*n as u8 - 1).min(25)) as char) };
        *n += 1;
        keys.insert(c.id, key);
    }
    keys
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

    #[test]
    fn keys_are_readable_stable_and_unique() {
        let mut other = deng();
        other.id = 2;
        let keys = bibtex_keys(&[other.clone(), deng()]);
        assert_eq!(keys[&1], "deng2009imagenet");
        assert_eq!(keys[&2], "deng2009imageneta");
    }
}
