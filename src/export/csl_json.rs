//! CSL-JSON: the canonical citations as one array, for Zotero, Pandoc and other CSL processors.

use serde_json::{json, Value};

use super::{bibtex_keys, kind_of, whole_url, EntryKind};
use crate::bib::names::Name;
use crate::bib::CitationRecord;

/// One author as a CSL name: the family name's leading lower-case words ("van der") are its
/// particle, so that "van der Maaten" sorts under M as Zotero and CSL styles expect.
fn csl_name(written: &str) -> Value {
    let name = Name::parse(written);
    let words: Vec<&str> = name.family.split_whitespace().collect();
    let particles =
        words.iter().take_while(|w| w.starts_with(char::is_lowercase)).count().min(words.len().saturating_sub(1));
    let mut out = serde_json::Map::new();
    out.insert("family".into(), json!(words[particles..].join(" ")));
    for (field, value) in
        [("given", name.given), ("non-dropping-particle", words[..particles].join(" ")), ("suffix", name.suffix)]
    {
        if !value.is_empty() {
            out.insert(field.into(), json!(value));
        }
    }
    Value::Object(out)
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
            let authors: Vec<Value> = c.authors.iter().filter(|a| !a.trim().is_empty()).map(|a| csl_name(a)).collect();
            let mut item = json!({"id": keys[&c.id], "type": kind});
            let obj = item.as_object_mut().expect("an object");
            // CSL-JSON has no null title: a work without one has no title field.
            if let Some(t) = c.title.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
                obj.insert("title".into(), json!(t));
            }
            if !authors.is_empty() {
                obj.insert("author".into(), Value::Array(authors));
            }
            if let Some(y) = c.year {
                obj.insert("issued".into(), json!({"date-parts": [[y]]}));
            }
            if let Some(v) = &c.venue {
                obj.insert("container-title".into(), json!(v));
            }
            let present = |v: &Option<String>| v.as_deref().map(str::trim).filter(|v| !v.is_empty()).map(String::from);
            if let Some(v) = present(&c.volume) {
                obj.insert("volume".into(), json!(v));
            }
            if let Some(p) = present(&c.pages) {
                obj.insert("page".into(), json!(p));
            }
            if let Some(d) = &c.doi {
                obj.insert("DOI".into(), json!(d));
            }
            if let Some(u) = whole_url(c)
                .map(String::from)
                .or_else(|| c.arxiv.as_ref().map(|a| format!("https://arxiv.org/abs/{a}")))
            {
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

    #[test]
    fn volume_and_page_are_strings_and_empty_ones_are_left_out() {
        let c = CitationRecord { volume: Some("115".into()), pages: Some(" ".into()), ..deng() };
        let v = to_csl_json(&[c]);
        assert_eq!(v[0]["volume"], "115");
        assert!(v[0].get("page").is_none(), "{v}");
    }

    #[test]
    fn no_title_is_no_field_and_particles_are_told_apart() {
        let c = CitationRecord { title: None, authors: vec!["van der Maaten, L.".into(), "Hinton".into()], ..deng() };
        let v = to_csl_json(&[c]);
        assert!(v[0].get("title").is_none(), "{v}");
        assert_eq!(v[0]["author"][0], json!({"family": "Maaten", "given": "L.", "non-dropping-particle": "van der"}));
        assert_eq!(v[0]["author"][1], json!({"family": "Hinton"}));
    }
}
