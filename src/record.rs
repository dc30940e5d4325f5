//! Extraction records: one JSON object per paper, as `extract` prints them and `load` stores them.
//!
//! The format `../shared/eval` scores, plus what the catalog needs, so that extraction can run
//! anywhere as a map step and loading is the reduce. One serde type each way: a line that is no
//! record is refused naming the field at fault.

use serde::{Deserialize, Serialize};

use crate::bib::ParsedReference;
use crate::document::Format;
use crate::extract::{Role, Section};
use crate::pipeline::Processed;
use crate::registry::{IntroPaper, Registry};
use crate::resolve::{DatasetRecord, MentionRecord, Origin, PaperRecord, ReferenceRecord, Resolved};
use crate::Error;

/// The record of one paper. Fields are written in this order; records from older citekb
/// versions, without keys or evidence, load with what they have.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Record {
    pub source: String,
    #[serde(default = "unstated_format")]
    pub format: Format,
    #[serde(default)]
    pub title: Option<String>,
    /// The paper's own record: authors, year, venue, DOI, arXiv id (older records have none).
    #[serde(default)]
    pub meta: crate::document::PaperMeta,
    pub sha256: String,
    #[serde(default)]
    pub byte_size: u64,
    #[serde(default)]
    pub extractor_version: Option<String>,
    #[serde(default)]
    pub warnings: Vec<String>,
    /// For people and the evaluation; loading has no use for them.
    #[serde(default, skip_deserializing)]
    pub sections: Vec<Section>,
    #[serde(default)]
    pub datasets: Vec<DatasetEntry>,
    #[serde(default)]
    pub references: Vec<ReferenceEntry>,
    /// The body's citations of the list, for people and the evaluation.
    #[serde(default, skip_deserializing)]
    pub callouts: Vec<CalloutEntry>,
    /// Every mention candidate and the rule that decided it (`extract --explain`).
    #[serde(default, skip_deserializing, skip_serializing_if = "Vec::is_empty")]
    pub candidates: Vec<crate::extract::mentions::Decision>,
}

/// One callout: its byte span in the text, as written, the entries it names (indices into
/// `references`) and the rule that resolved them.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CalloutEntry {
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub targets: Vec<usize>,
    pub rule: String,
}

/// A record without a format was read as plain text.
fn unstated_format() -> Format {
    Format::Text
}

/// One dataset the paper names: what the paper says of it, then the catalog's keys for it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DatasetEntry {
    pub name: String,
    #[serde(default)]
    pub aliases: Vec<String>,
    #[serde(default = "unstated_role")]
    pub role: Role,
    #[serde(default)]
    pub mentions: usize,
    /// The paper's own reference entry for it, as the evaluation scores it.
    #[serde(default)]
    pub citation: Option<CitationEntry>,
    /// The dataset key; without one, the key of `name`.
    #[serde(default)]
    pub key: Option<String>,
    #[serde(default = "unstated_origin")]
    pub origin: Origin,
    #[serde(default)]
    pub family_key: Option<String>,
    #[serde(default)]
    pub version: Option<String>,
    #[serde(default)]
    pub domain: Option<String>,
    #[serde(default)]
    pub intro: IntroPaper,
    /// Index into the record's `references` of the cited entry.
    #[serde(default)]
    pub reference: Option<usize>,
    #[serde(default)]
    pub evidence: Vec<Evidence>,
    /// How the role was decided: the rule and the sentence it read.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role_evidence: Option<RoleEvidence>,
}

/// The rule that gave a dataset its role, and the sentence (or table row) it read, if any.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct RoleEvidence {
    #[serde(default)]
    pub rule: String,
    #[serde(default)]
    pub sentence: String,
    #[serde(default)]
    pub start: usize,
    #[serde(default)]
    pub end: usize,
}

fn unstated_role() -> Role {
    Role::Mentioned
}

fn unstated_origin() -> Origin {
    Origin::Discovered
}

/// The entry a paper cites for a dataset, and the rule that linked it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CitationEntry {
    #[serde(default)]
    pub raw: String,
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub year: Option<i32>,
    #[serde(default)]
    pub authors: Vec<String>,
    #[serde(default)]
    pub label: Option<String>,
    #[serde(default)]
    pub rule: Option<String>,
    /// How sure the rule is (0 to 1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub confidence: Option<f64>,
}

/// A sentence where the paper names a dataset.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Evidence {
    #[serde(default)]
    pub surface: String,
    #[serde(default)]
    pub section: String,
    #[serde(default)]
    pub sentence: String,
    #[serde(default)]
    pub start: usize,
    #[serde(default)]
    pub end: usize,
}

/// One entry of the paper's reference list, parsed, with the keys of the work it cites.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ReferenceEntry {
    #[serde(default)]
    pub label: Option<String>,
    #[serde(default)]
    pub raw: String,
    #[serde(default)]
    pub authors: Vec<String>,
    #[serde(default)]
    pub year: Option<i32>,
    #[serde(default)]
    pub year_suffix: Option<char>,
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub venue: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub volume: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub issue: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pages: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub publisher: Option<String>,
    #[serde(default)]
    pub doi: Option<String>,
    #[serde(default)]
    pub arxiv: Option<String>,
    #[serde(default)]
    pub url: Option<String>,
    /// Without them, computed again from the fields.
    #[serde(default)]
    pub keys: Vec<String>,
}

/// The record of one paper.
pub fn to_record(p: &Processed, registry: &Registry) -> Record {
    let x = &p.extraction;
    let resolved = p.resolve(registry);
    let datasets = x
        .datasets
        .iter()
        .zip(&resolved.datasets)
        .enumerate()
        .map(|(i, (d, r))| DatasetEntry {
            name: d.name.clone(),
            aliases: d.aliases.clone(),
            role: d.role,
            mentions: d.mentions,
            citation: d.reference.map(|i| {
                let e = &x.references[i];
                CitationEntry {
                    raw: e.raw.clone(),
                    title: e.parsed.title.clone(),
                    year: e.parsed.year,
                    authors: e.parsed.authors.clone(),
                    label: e.label.clone(),
                    rule: d.link_rule.map(String::from),
                    confidence: d.link_confidence,
                }
            }),
            key: Some(r.key.clone()),
            origin: r.origin,
            family_key: r.family_key.clone(),
            version: r.version.clone(),
            domain: r.domain.clone(),
            intro: r.intro.clone(),
            reference: r.reference,
            evidence: resolved
                .mentions
                .iter()
                .filter(|m| m.dataset_key == r.key)
                .map(|m| Evidence {
                    surface: m.surface.clone(),
                    section: m.section.clone(),
                    sentence: m.sentence.clone(),
                    start: m.start,
                    end: m.end,
                })
                .collect(),
            role_evidence: x.roles.get(i).map(|decision| {
                let (start, end) = decision.evidence.unwrap_or((0, 0));
                RoleEvidence {
                    rule: decision.rule.to_string(),
                    sentence: p.document.text.get(start..end).unwrap_or("").to_string(),
                    start,
                    end,
                }
            }),
        })
        .collect();
    let references = resolved
        .references
        .iter()
        .map(|r| {
            let q = &r.parsed;
            ReferenceEntry {
                label: r.label.clone(),
                raw: r.raw.clone(),
                authors: q.authors.clone(),
                year: q.year,
                year_suffix: q.year_suffix,
                title: q.title.clone(),
                venue: q.venue.clone(),
                volume: q.volume.clone(),
                issue: q.issue.clone(),
                pages: q.pages.clone(),
                publisher: q.publisher.clone(),
                doi: q.doi.clone(),
                arxiv: q.arxiv.clone(),
                url: q.url.clone(),
                keys: r.citation_keys.clone(),
            }
        })
        .collect();
    Record {
        source: p.document.source.clone(),
        format: p.document.format,
        title: resolved.paper.title,
        meta: resolved.paper.meta,
        sha256: p.document.sha256.clone(),
        byte_size: p.document.byte_size,
        extractor_version: Some(crate::EXTRACTOR_VERSION.to_string()),
        warnings: p.document.warnings.clone(),
        sections: x.sections.clone(),
        datasets,
        references,
        callouts: x
            .callouts
            .iter()
            .map(|c| CalloutEntry {
                start: c.start,
                end: c.end,
                text: p.document.text.get(c.start..c.end).unwrap_or("").to_string(),
                targets: c.targets.clone(),
                rule: c.rule.to_string(),
            })
            .collect(),
        candidates: x.candidates.clone(),
    }
}

/// One line of extraction records as the resolved paper the store writes.
pub fn parse_line(line: &str) -> Result<Resolved, Error> {
    let mut json = serde_json::Deserializer::from_str(line);
    let record: Record = serde_path_to_error::deserialize(&mut json).map_err(|e| {
        let path = e.path().to_string();
        let e = e.into_inner();
        if e.is_syntax() || e.is_eof() {
            not_json(&e)
        } else {
            // A path of "." is the record itself: serde's message names the missing field.
            Error::Record { field: (path != ".").then_some(path), reason: e.to_string() }
        }
    })?;
    json.end().map_err(|e| not_json(&e))?;
    record.into_resolved()
}

fn not_json(e: &serde_json::Error) -> Error {
    Error::Invalid(format!("not JSON ({e})"))
}

impl Record {
    /// The record as the resolved paper the store writes.
    pub fn into_resolved(self) -> Result<Resolved, Error> {
        let bad = |field: String, reason: &str| Error::Record { field: Some(field), reason: reason.to_string() };
        if self.sha256.len() != 64 || !self.sha256.chars().all(|c| c.is_ascii_hexdigit()) {
            return Err(bad("sha256".into(), "not a SHA-256 (64 hexadecimal digits)"));
        }
        let references: Vec<ReferenceRecord> = self
            .references
            .into_iter()
            .enumerate()
            .map(|(position, r)| {
                let parsed = ParsedReference {
                    authors: r.authors,
                    year: r.year,
                    year_suffix: r.year_suffix,
                    title: r.title,
                    venue: r.venue,
                    volume: r.volume,
                    issue: r.issue,
                    pages: r.pages,
                    publisher: r.publisher,
                    doi: r.doi,
                    arxiv: r.arxiv,
                    url: r.url,
                };
                let citation_keys =
                    if r.keys.is_empty() { crate::resolve::citation_keys(&parsed, &r.raw) } else { r.keys };
                ReferenceRecord { position, label: r.label, raw: r.raw, parsed, citation_keys }
            })
            .collect();
        let mut datasets = Vec::with_capacity(self.datasets.len());
        let mut mentions = Vec::new();
        for (i, d) in self.datasets.into_iter().enumerate() {
            if let Some(n) = d.reference.filter(|&n| n >= references.len()) {
                let reason = format!("entry {n} of a list of {} references", references.len());
                return Err(bad(format!("datasets[{i}].reference"), &reason));
            }
            let key = d.key.unwrap_or_else(|| crate::text::dataset_key(&d.name));
            mentions.extend(d.evidence.into_iter().map(|e| MentionRecord {
                dataset_key: key.clone(),
                surface: e.surface,
                section: e.section,
                sentence: e.sentence,
                start: e.start,
                end: e.end,
            }));
            datasets.push(DatasetRecord {
                key,
                name: d.name,
                aliases: d.aliases,
                origin: d.origin,
                family_key: d.family_key,
                version: d.version,
                domain: d.domain,
                intro: d.intro,
                role: d.role,
                mentions: d.mentions,
                reference: d.reference,
                link_confidence: d.citation.as_ref().and_then(|c| c.confidence),
                link_rule: d.citation.and_then(|c| c.rule),
            });
        }
        Ok(Resolved {
            paper: PaperRecord {
                sha256: self.sha256,
                source: self.source,
                format: self.format.to_string(),
                title: self.title,
                byte_size: self.byte_size,
                meta: self.meta,
            },
            references,
            datasets,
            mentions,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SHA: &str = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    fn refused(line: &str) -> (Option<String>, String) {
        match parse_line(line).unwrap_err() {
            Error::Record { field, reason } => (field, reason),
            other => panic!("not a record error: {other}"),
        }
    }

    #[test]
    fn a_bad_field_is_named_with_its_path() {
        let line = format!(
            r#"{{"source": "a.txt", "sha256": "{SHA}", "datasets": [{{"name": "MNIST"}}, {{"name": "SVHN", "role": "usd"}}]}}"#
        );
        let (field, reason) = refused(&line);
        assert_eq!(field.as_deref(), Some("datasets[1].role"));
        assert!(reason.contains("unknown variant `usd`"), "{reason}");
        let (field, reason) = refused(&format!(r#"{{"source": "a.txt", "sha256": "{SHA}", "byte_size": "big"}}"#));
        assert_eq!(field.as_deref(), Some("byte_size"));
        assert!(reason.starts_with("invalid type"), "{reason}");
        assert_eq!(refused(r#"{"source": "a.txt"}"#).0, None, "a missing field is named by serde's message");
        assert_eq!(refused(r#"{"source": "a.txt", "sha256": "abc"}"#).0.as_deref(), Some("sha256"));
    }

    #[test]
    fn a_reference_past_the_list_is_refused() {
        let line =
            format!(r#"{{"source": "a.txt", "sha256": "{SHA}", "datasets": [{{"name": "MNIST", "reference": 0}}]}}"#);
        assert_eq!(refused(&line).0.as_deref(), Some("datasets[0].reference"));
    }

    #[test]
    fn text_that_is_no_json_says_so() {
        let trailing = format!(r#"{{"source": "a.txt", "sha256": "{SHA}"}} and more"#);
        for line in ["no record", r#"{"source": "a.txt""#, &trailing] {
            let e = parse_line(line).unwrap_err();
            assert_eq!(e.kind(), crate::ErrorKind::Invalid);
            assert!(e.to_string().starts_with("not JSON ("), "{line}: {e}");
        }
    }

    #[test]
    fn an_old_record_loads_with_what_it_has() {
        let line = format!(
            r#"{{"source": "a.txt", "sha256": "{SHA}", "datasets": [{{"name": "MNIST", "role": "used", "mentions": 2}}],
                "references": [{{"raw": "Y. LeCun. Gradient-based learning applied to document recognition. 1998.", "title": "Gradient-based learning applied to document recognition"}}]}}"#
        );
        let r = parse_line(&line).unwrap();
        assert_eq!(r.paper.format, "text");
        assert_eq!(r.datasets[0].key, crate::text::dataset_key("MNIST"));
        assert_eq!((r.datasets[0].role, r.datasets[0].origin), (Role::Used, Origin::Discovered));
        assert!(!r.references[0].citation_keys.is_empty(), "keys computed again");
    }
}
