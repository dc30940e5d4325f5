//! The resolve stage: one paper's extraction as catalog records with canonical keys.
//!
//! A dataset key per real dataset, a citation key per real work, without touching SQLite.

pub mod identity;
pub mod works;

use serde::{Deserialize, Serialize};

use crate::extract::{DatasetRef, Extraction, ParsedReference, Role};
use crate::registry::{IntroPaper, Registry};
use crate::text;
use crate::Document;

/// The paper itself.
#[derive(Debug, Clone, Serialize)]
pub struct PaperRecord {
    pub sha256: String,
    pub source: String,
    pub format: String,
    pub title: Option<String>,
    pub byte_size: u64,
    /// Authors, year, venue and identifiers, as far as the paper states them.
    pub meta: crate::document::PaperMeta,
}

/// A reference entry and the keys of the work it cites (the first is its main key).
#[derive(Debug, Clone, Serialize)]
pub struct ReferenceRecord {
    pub position: usize,
    pub label: Option<String>,
    pub raw: String,
    pub parsed: ParsedReference,
    pub citation_keys: Vec<String>,
}

/// Where a dataset record comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Origin {
    Seed,
    Discovered,
}

/// A dataset the paper names, keyed for deduplication, with how the paper uses and cites it.
#[derive(Debug, Clone, Serialize)]
pub struct DatasetRecord {
    pub key: String,
    pub name: String,
    pub aliases: Vec<String>,
    pub origin: Origin,
    pub family_key: Option<String>,
    pub version: Option<String>,
    pub domain: Option<String>,
    pub intro: IntroPaper,
    pub role: Role,
    pub mentions: usize,
    /// Position of the cited entry in [`Resolved::references`].
    pub reference: Option<usize>,
    pub link_rule: Option<String>,
    pub link_confidence: Option<f64>,
}

/// One piece of evidence.
#[derive(Debug, Clone, Serialize)]
pub struct MentionRecord {
    pub dataset_key: String,
    pub surface: String,
    pub section: String,
    pub sentence: String,
    pub start: usize,
    pub end: usize,
}

/// Everything the store stage writes for one paper.
#[derive(Debug, Clone, Serialize)]
pub struct Resolved {
    pub paper: PaperRecord,
    pub references: Vec<ReferenceRecord>,
    pub datasets: Vec<DatasetRecord>,
    pub mentions: Vec<MentionRecord>,
}

/// The keys of the work a reference cites, strongest first: its DOI, its arXiv id, and its first
/// author's surname with the start of its title (the year is left out, so that a preprint and
/// its venue version, a year apart, are one work); where none of them is known, its whole text.
/// Two references that share any key cite one work.
pub fn citation_keys(p: &ParsedReference, raw: &str) -> Vec<String> {
    let mut keys = Vec::new();
    if let Some(doi) = &p.doi {
        keys.push(format!("doi:{}", doi.to_lowercase()));
    }
    if let Some(arxiv) = &p.arxiv {
        keys.push(format!("arxiv:{arxiv}"));
    }
    if let Some(title) = &p.title {
        let t = text::ascii_key(title);
        let surname = p.first_surname().map(|s| text::key(&s)).unwrap_or_default();
        if t.len() >= 10 {
            keys.push(format!("title:{surname}:{}", &t[..t.len().min(48)]));
            // A shorter prefix too: one entry's title may run into a date or a venue that the
            // other's does not ("Question pairs, January 2017").
            if t.len() >= 32 && !surname.is_empty() {
                keys.push(format!("title32:{surname}:{}", &t[..32]));
            }
        } else if t.len() >= 4 && !surname.is_empty() {
            // A short title ("CC-News") names a work only with its author and year.
            if let Some(y) = p.year {
                keys.push(format!("short:{surname}:{y}:{t}"));
            }
        }
    }
    if keys.is_empty() {
        keys.push(format!("raw:{}", text::key(raw)));
    }
    keys
}

/// The main key of the work a reference cites (the first of [`citation_keys`]).
pub fn citation_key(p: &ParsedReference, raw: &str) -> String {
    citation_keys(p, raw).swap_remove(0)
}

/// Resolves one paper.
pub fn resolve(doc: &Document, extraction: &Extraction, registry: &Registry) -> Resolved {
    let references: Vec<ReferenceRecord> = extraction
        .references
        .iter()
        .enumerate()
        .map(|(i, r)| ReferenceRecord {
            position: i,
            label: r.label.clone(),
            raw: r.raw.clone(),
            parsed: r.parsed.clone(),
            citation_keys: citation_keys(&r.parsed, &r.raw),
        })
        .collect();
    let mut datasets = Vec::new();
    for f in &extraction.datasets {
        crate::deadline::check();
        let record = match &f.dataset {
            DatasetRef::Known(i) => {
                let e = &registry.entries[*i];
                DatasetRecord {
                    key: e.key(),
                    name: e.name.clone(),
                    aliases: f.aliases.clone(),
                    origin: Origin::Seed,
                    family_key: e.family.as_deref().map(text::dataset_key),
                    version: e.version.clone(),
                    domain: e.domain.clone(),
                    intro: e.intro.clone(),
                    role: f.role,
                    mentions: f.mentions,
                    reference: f.reference,
                    link_rule: f.link_rule.map(String::from),
                    link_confidence: f.link_confidence,
                }
            }
            DatasetRef::Discovered(key) => DatasetRecord {
                key: key.clone(),
                name: f.name.clone(),
                aliases: f.aliases.clone(),
                origin: Origin::Discovered,
                family_key: None,
                version: None,
                domain: None,
                intro: IntroPaper::default(),
                role: f.role,
                mentions: f.mentions,
                reference: f.reference,
                link_rule: f.link_rule.map(String::from),
                link_confidence: f.link_confidence,
            },
        };
        datasets.push(record);
    }
    let key_of = |d: &DatasetRef| match d {
        DatasetRef::Known(i) => registry.entries[*i].key(),
        DatasetRef::Discovered(k) => k.clone(),
    };
    // Mentions of a family folded into its member keep the member's key.
    let kept: std::collections::HashSet<String> = datasets.iter().map(|d| d.key.clone()).collect();
    let mentions = extraction
        .mentions
        .iter()
        .map(|m| {
            let mut key = key_of(&m.dataset);
            if !kept.contains(&key) {
                if let DatasetRef::Known(i) = &m.dataset {
                    let family = &registry.entries[*i].name;
                    if let Some(member) =
                        datasets.iter().find(|d| d.family_key.as_deref() == Some(&text::dataset_key(family)))
                    {
                        key = member.key.clone();
                    }
                }
            }
            MentionRecord {
                dataset_key: key,
                surface: m.surface.clone(),
                section: format!("{:?}", m.section).to_lowercase(),
                sentence: text::clean_for_display(&doc.text[m.sentence.0..m.sentence.1]),
                start: m.start,
                end: m.end,
            }
        })
        .collect();
    Resolved {
        paper: PaperRecord {
            sha256: doc.sha256.clone(),
            source: doc.source.clone(),
            format: doc.format.to_string(),
            title: extraction.title.clone().or_else(|| doc.title.clone()),
            byte_size: doc.byte_size,
            meta: doc.meta.clone(),
        },
        references,
        datasets,
        mentions,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::references::parse;

    #[test]
    fn one_work_one_key_across_formats() {
        let a = "Maya Okafor, Bo Lund, Cy Marsh, Li-Na Quist, and Dee Rhee. 2009. Pictureset: A large collection of labelled pictures. In Proc. of Vision.";
        let b = "M. Okafor, B. Lund, C. Marsh, L.-N. Quist, and D. Rhee. PictureSet: A Large Collection of Labelled Pictures. In PV09, 2009.";
        assert_eq!(citation_key(&parse(a), a), citation_key(&parse(b), b));
    }

    #[test]
    fn different_works_keep_different_keys() {
        let a = "Ann Soto, Ben Tran, and Cy Umar. 2018. Taskbench: A suite of language tasks for testing models. In Workshop on Tests.";
        let b = "Ann Soto, Dee Vance, and Cy Umar. 2019. Supertaskbench: A harder suite of language tasks for testing models. In Proc. of Learning.";
        assert_ne!(citation_key(&parse(a), a), citation_key(&parse(b), b));
    }

    #[test]
    fn an_arxiv_id_and_a_title_both_name_the_work() {
        let a = "Eva Wal, Fay Xu, and Gus R Young. 2017. A wide corpus of sentence pairs for reading inference. arXiv preprint arXiv:1704.01234.";
        let b = "Eva Wal, Fay Xu, and Gus R. Young. A wide corpus of sentence pairs for reading inference. In Proc. of Language, 2018.";
        let (ka, kb) = (citation_keys(&parse(a), a), citation_keys(&parse(b), b));
        assert_eq!(ka[0], "arxiv:1704.01234");
        assert!(ka.iter().any(|k| kb.contains(k)), "{ka:?} {kb:?}");
    }

    #[test]
    fn pdf_damage_and_trailing_dates_do_not_split_a_work() {
        let shared = |a: &str, b: &str| {
            let (ka, kb) = (citation_keys(&parse(a), a), citation_keys(&parse(b), b));
            assert!(ka.iter().any(|k| kb.contains(k)), "{ka:?} {kb:?}");
        };
        // A glyph the PDF font lost ("+" read as "þ"), and the other style.
        shared(
            "Maya Okafor, Bo Lund, Cy Marsh, and Dee Quist. 2016. Ranking: 50,000+ questions for careful reading of text. In Proc. of Things.",
            "Okafor, M. et al. (2016) Ranking: 50,000þ questions for careful reading of text. In Proc. of Things.",
        );
        // A date after the title, and a letter the PDF dropped from a name.
        shared(
            "Ann Soto, Ben Tran, and Kornél Umar. 2017. First river dataset release: Question pairs, January 2017.",
            "Ann Soto, Ben Tran, and Kornl Umar. First River dataset release: Question pairs.",
        );
        let e = "Sam Vance. 2016. Cc-birds. http://example.org/2016/10/birds-dataset/.";
        shared(e, "Vance, S. (2016). Cc-birds.");
        let g = "Sam Vance. 2019. Cc-birds. http://example.org/.";
        let disjoint = !citation_keys(&parse(e), e).iter().any(|k| citation_keys(&parse(g), g).contains(k));
        assert!(disjoint, "short titles need the same year");
    }

    #[test]
    fn identifiers_win() {
        let a = "Someone. 2018. A title of some length. arXiv preprint arXiv:1804.07461.";
        assert_eq!(citation_key(&parse(a), a), "arxiv:1804.07461");
    }
}
