//! Citation formats: canonical citations as BibTeX (stable, readable keys; escaped fields) and
//! as CSL-JSON, for reference managers.

use std::collections::HashMap;

use serde::Serialize;
use serde_json::{json, Value};

use crate::bib::surname_of;

/// A canonical citation with the fields the formats need.
#[derive(Debug, Clone, Default, Serialize)]
pub struct CitationRecord {
    pub id: i64,
    pub title: Option<String>,
    /// As parsed, one name each ("Jia Deng" or "Deng, J.").
    pub authors: Vec<String>,
    pub year: Option<i64>,
    pub venue: Option<String>,
    pub doi: Option<String>,
    pub arxiv: Option<String>,
    pub url: Option<String>,
}

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

/// A value in BibTeX braces: LaTeX's special characters escaped, braces balanced.
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for ch in s.chars() {
        match ch {
            '\\' => out.push_str("\\textbackslash{}"),
            '{' => out.push_str("\\{"),
            '}' => out.push_str("\\}"),
            '&' | '%' | '$' | '#' | '_' => {
                out.push('\\');
                out.push(ch);
            }
            '~' => out.push_str("\\textasciitilde{}"),
            '^' => out.push_str("\\textasciicircum{}"),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// The citations as a BibTeX file.
pub fn to_bibtex(citations: &[CitationRecord]) -> String {
    let keys = bibtex_keys(citations);
    let mut out = String::new();
    for c in citations {
        let kind = kind_of(c);
        let entry_type = match kind {
            EntryKind::Article => "article",
            EntryKind::Proceedings => "inproceedings",
            EntryKind::Preprint | EntryKind::Other => "misc",
        };
        out.push_str(&format!("@{entry_type}{{{},\n", keys[&c.id]));
        let mut escaped_field = |name: &str, escaped: String| {
            if !escaped.trim().is_empty() {
                out.push_str(&format!("  {name} = {{{}}},\n", escaped.trim()));
            }
        };
        if let Some(t) = &c.title {
            // Double braces keep the title's capitals as written ("ImageNet", not "Imagenet").
            escaped_field("title", format!("{{{}}}", escape(t.trim())));
        }
        let mut field = |name: &str, value: &str| escaped_field(name, escape(value.trim()));
        if !c.authors.is_empty() {
            field("author", &c.authors.join(" and "));
        }
        if let Some(y) = c.year {
            field("year", &y.to_string());
        }
        if let Some(v) = &c.venue {
            match kind {
                EntryKind::Article => field("journal", v),
                EntryKind::Proceedings => field("booktitle", v),
                _ => field("howpublished", v),
            }
        }
        if let Some(d) = &c.doi {
            field("doi", d);
        }
        if let Some(a) = &c.arxiv {
            field("eprint", a);
            field("archiveprefix", "arXiv");
        }
        if let Some(u) = &c.url {
            field("url", u);
        }
        out.push_str("}\n\n");
    }
    out
}

/// The citations as CSL-JSON (one array), for Zotero, Pandoc and other CSL processors.
pub fn to_csl_json(citations: &[CitationRecord]) -> Value {
    let keys = bibtex_keys(citations);
    let items: Vec<Value> = citations
        .iter()
        .map(|c| {
            let kind = match kind_of(c) {
                EntryKind::Article => "article-journal",
                EntryKind::Proceedings => "paper-conference",
                EntryKind::Preprint => "article",
                EntryKind::Other => "document",
            };
            let authors: Vec<Value> = c
                .authors
                .iter()
                .map(|a| {
                    let family = surname_of(a);
                    let given = match a.split_once(',') {
                        Some((_, g)) => g.trim().to_string(),
                        None => a.trim().strip_suffix(family.as_str()).unwrap_or("").trim().to_string(),
                    };
                    json!({"family": family, "given": given})
                })
                .collect();
            let mut item = json!({"id": keys[&c.id], "type": kind, "title": c.title, "author": authors});
            let obj = item.as_object_mut().expect("an object");
            if let Some(y) = c.year {
                obj.insert("issued".into(), json!({"date-parts": [[y]]}));
            }
            if let Some(v) = &c.venue {
                obj.insert("container-title".into(), json!(v));
            }
            if let Some(d) = &c.doi {
                obj.insert("DOI".into(), json!(d));
            }
            if let Some(u) = c.url.clone().or_else(|| c.arxiv.as_ref().map(|a| format!("https://arxiv.org/abs/{a}"))) {
                obj.insert("URL".into(), json!(u));
            }
            item
        })
        .collect();
    Value::Array(items)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn deng() -> CitationRecord {
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

    #[test]
    fn special_characters_are_escaped() {
        let c = CitationRecord { title: Some("50% of R&D_costs {braced} $x$ #1".into()), ..deng() };
        let bib = to_bibtex(&[c]);
        assert!(bib.contains(r"title = {{50\% of R\&D\_costs \{braced\} \$x\$ \#1}}"), "{bib}");
        assert!(bib.starts_with("@inproceedings{deng2009"));
        assert!(bib.contains("author = {Jia Deng and Wei Dong and Li Fei-Fei}"));
    }

    #[test]
    fn csl_json_has_names_and_dates() {
        let v = to_csl_json(&[deng()]);
        assert_eq!(v[0]["author"][0]["family"], "Deng");
        assert_eq!(v[0]["author"][0]["given"], "Jia");
        assert_eq!(v[0]["issued"]["date-parts"][0][0], 2009);
        assert_eq!(v[0]["type"], "paper-conference");
    }
}
