//! CSL-JSON: the canonical citations as one array, for Zotero, Pandoc and other CSL processors.

use serde_json::{json, Value};

use super::{bibtex_keys, kind_of, EntryKind};
use crate::bib::{surname_of, CitationRecord};

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
    use crate::export::tests::deng;

    #[test]
    fn csl_json_has_names_and_dates() {
        let v = to_csl_json(&[deng()]);
        assert_eq!(v[0]["author"][0]["family"], "Deng");
        assert_eq!(v[0]["author"][0]["given"], "Jia");
        assert_eq!(v[0]["issued"]["date-parts"][0][0], 2009);
        assert_eq!(v[0]["type"], "paper-conference");
    }
}
