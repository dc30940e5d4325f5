//! Extraction records: one JSON object per paper, as `citekb extract` prints them (the format
//! `../shared/eval` scores, plus what the catalog needs) and as `citekb load` stores them, so
//! that extraction can run anywhere as a map step and loading is the reduce.

use serde_json::{json, Value};

use crate::bib::ParsedReference;
use crate::extract::Role;
use crate::pipeline::Processed;
use crate::registry::{IntroPaper, Registry};
use crate::resolve::{DatasetRecord, MentionRecord, Origin, PaperRecord, ReferenceRecord, Resolved};
use crate::Error;

/// The record of one paper.
pub fn to_record(p: &Processed, registry: &Registry) -> Value {
    let x = &p.extraction;
    let resolved = p.resolve(registry);
    let datasets: Vec<Value> = x
        .datasets
        .iter()
        .zip(&resolved.datasets)
        .map(|(d, r)| {
            let citation = d.reference.map(|i| {
                let e = &x.references[i];
                json!({
                    "raw": e.raw, "title": e.parsed.title, "year": e.parsed.year,
                    "authors": e.parsed.authors, "label": e.label, "rule": d.link_rule,
                })
            });
            let evidence: Vec<Value> = resolved
                .mentions
                .iter()
                .filter(|m| m.dataset_key == r.key)
                .map(|m| json!({"surface": m.surface, "section": m.section, "sentence": m.sentence, "start": m.start, "end": m.end}))
                .collect();
            json!({
                "name": d.name, "aliases": d.aliases, "role": d.role, "mentions": d.mentions,
                "citation": citation,
                "key": r.key, "origin": r.origin, "family_key": r.family_key, "version": r.version,
                "domain": r.domain, "intro": r.intro, "reference": r.reference, "evidence": evidence,
            })
        })
        .collect();
    let references: Vec<Value> = resolved
        .references
        .iter()
        .map(|r| {
            let q = &r.parsed;
            json!({
                "label": r.label, "raw": r.raw, "authors": q.authors, "year": q.year, "year_suffix": q.year_suffix,
                "title": q.title, "venue": q.venue, "doi": q.doi, "arxiv": q.arxiv, "url": q.url,
                "keys": r.citation_keys,
            })
        })
        .collect();
    json!({
        "source": p.document.source,
        "format": p.document.format,
        "title": resolved.paper.title,
        "sha256": p.document.sha256,
        "byte_size": p.document.byte_size,
        "extractor_version": crate::EXTRACTOR_VERSION,
        "warnings": p.document.warnings,
        "sections": x.sections,
        "datasets": datasets,
        "references": references,
    })
}

fn s(v: &Value, k: &str) -> Option<String> {
    v.get(k).and_then(Value::as_str).map(String::from)
}

fn strings(v: &Value, k: &str) -> Vec<String> {
    v.get(k)
        .and_then(Value::as_array)
        .map(|a| a.iter().filter_map(|x| x.as_str().map(String::from)).collect())
        .unwrap_or_default()
}

/// One line of extraction records as the resolved paper the store writes.
pub fn parse_line(line: &str) -> Result<Resolved, Error> {
    let value = serde_json::from_str(line).map_err(|e| Error::Invalid(format!("not JSON ({e})")))?;
    from_record(&value)
}

/// A record back as the resolved paper the store writes. Records from older citekb versions,
/// without keys or evidence, load with what they have.
pub fn from_record(v: &Value) -> Result<Resolved, Error> {
    let bad = |what: &str| Error::Invalid(format!("not an extraction record: {what}"));
    let sha256 = s(v, "sha256").filter(|x| x.len() == 64).ok_or_else(|| bad("no sha256"))?;
    let source = s(v, "source").ok_or_else(|| bad("no source"))?;
    let references: Vec<ReferenceRecord> = v
        .get("references")
        .and_then(Value::as_array)
        .map(|a| a.as_slice())
        .unwrap_or_default()
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let parsed = ParsedReference {
                authors: strings(r, "authors"),
                year: r.get("year").and_then(Value::as_i64).map(|y| y as i32),
                year_suffix: s(r, "year_suffix").and_then(|x| x.chars().next()),
                title: s(r, "title"),
                venue: s(r, "venue"),
                doi: s(r, "doi"),
                arxiv: s(r, "arxiv"),
                url: s(r, "url"),
            };
            let raw = s(r, "raw").unwrap_or_default();
            let keys = strings(r, "keys");
            let citation_keys = if keys.is_empty() { crate::resolve::citation_keys(&parsed, &raw) } else { keys };
            ReferenceRecord { position: i, label: s(r, "label"), raw, parsed, citation_keys }
        })
        .collect();
    let mut datasets = Vec::new();
    let mut mentions = Vec::new();
    for d in v.get("datasets").and_then(Value::as_array).map(|a| a.as_slice()).unwrap_or_default() {
        let name = s(d, "name").ok_or_else(|| bad("a dataset without a name"))?;
        let key = s(d, "key").unwrap_or_else(|| crate::text::dataset_key(&name));
        let origin = if s(d, "origin").as_deref() == Some("seed") { Origin::Seed } else { Origin::Discovered };
        let intro: IntroPaper =
            d.get("intro").cloned().and_then(|i| serde_json::from_value(i).ok()).unwrap_or_default();
        for e in d.get("evidence").and_then(Value::as_array).map(|a| a.as_slice()).unwrap_or_default() {
            mentions.push(MentionRecord {
                dataset_key: key.clone(),
                surface: s(e, "surface").unwrap_or_default(),
                section: s(e, "section").unwrap_or_default(),
                sentence: s(e, "sentence").unwrap_or_default(),
                start: e.get("start").and_then(Value::as_u64).unwrap_or(0) as usize,
                end: e.get("end").and_then(Value::as_u64).unwrap_or(0) as usize,
            });
        }
        let reference =
            d.get("reference").and_then(Value::as_u64).map(|i| i as usize).filter(|&i| i < references.len());
        datasets.push(DatasetRecord {
            key,
            name,
            aliases: strings(d, "aliases"),
            origin,
            family_key: s(d, "family_key"),
            version: s(d, "version"),
            domain: s(d, "domain"),
            intro,
            role: s(d, "role").as_deref().and_then(Role::parse).unwrap_or(Role::Mentioned),
            mentions: d.get("mentions").and_then(Value::as_u64).unwrap_or(0) as usize,
            reference,
            link_rule: d.get("citation").and_then(|c| s(c, "rule")),
        });
    }
    Ok(Resolved {
        paper: PaperRecord {
            sha256,
            source,
            format: s(v, "format").unwrap_or_else(|| "text".into()),
            title: s(v, "title"),
            byte_size: v.get("byte_size").and_then(Value::as_u64).unwrap_or(0),
        },
        references,
        datasets,
        mentions,
    })
}
