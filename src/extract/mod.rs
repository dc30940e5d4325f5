//! The extract stage: from a [`Document`] to an [`Extraction`], through pure sub-stages.
//!
//! Each sub-stage has its own type: sections → references → callouts → mentions → links and roles.
//! Every span is a byte range into the document's text, so evidence can be shown as written.

pub mod callouts;
pub mod links;
pub mod mentions;
pub mod references;
pub mod roles;
pub mod sections;
pub mod translation;

use serde::{Deserialize, Serialize};

use crate::registry::Registry;
use crate::text::Folded;
use crate::Document;

pub use callouts::Callout;
pub use mentions::{DatasetRef, Mention};
pub use references::{ParsedReference, Reference};
pub use sections::{Section, SectionKind};

/// What a dataset is to the paper that names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// Only discussed (related work, motivation).
    Mentioned,
    /// Trained, fine-tuned, pre-trained or evaluated on.
    Used,
    /// Released by the paper itself.
    Introduced,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Mentioned => "mentioned",
            Role::Used => "used",
            Role::Introduced => "introduced",
        }
    }

    pub fn parse(s: &str) -> Option<Role> {
        match s.to_ascii_lowercase().as_str() {
            "mentioned" => Some(Role::Mentioned),
            "used" => Some(Role::Used),
            "introduced" => Some(Role::Introduced),
            _ => None,
        }
    }
}

/// One dataset a paper names, with everything the paper says of it.
#[derive(Debug, Clone, Serialize)]
pub struct DatasetFinding {
    /// The canonical name (the registry's, or the paper's most common spelling).
    pub name: String,
    /// Other names: the registry's aliases and the surfaces the paper wrote.
    pub aliases: Vec<String>,
    pub dataset: DatasetRef,
    pub role: Role,
    /// How many times the paper names it.
    pub mentions: usize,
    /// Index into [`Extraction::references`] of the entry the paper cites for it.
    pub reference: Option<usize>,
    /// Why that entry: the rule that linked it.
    pub link_rule: Option<&'static str>,
    /// How sure that rule is ([`links::Link::confidence`]).
    pub link_confidence: Option<f64>,
}

/// Everything the extract stage finds in one paper.
#[derive(Debug, Clone, Serialize)]
pub struct Extraction {
    pub title: Option<String>,
    pub sections: Vec<Section>,
    pub references: Vec<Reference>,
    pub callouts: Vec<Callout>,
    pub mentions: Vec<Mention>,
    pub datasets: Vec<DatasetFinding>,
    /// For each of `datasets`, in order, how its role was decided.
    pub roles: Vec<roles::RoleDecision>,
    /// Every mention candidate and the rule that kept or rejected it, where asked for
    /// ([`Detail::Explained`]); else empty.
    pub candidates: Vec<mentions::Decision>,
}

/// How much of its reasoning the extract stage keeps.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Detail {
    /// What was found, each finding with its rule and evidence.
    #[default]
    Findings,
    /// Also every mention candidate that was considered, kept or not (`extract --explain`).
    Explained,
}

/// Compiles the extraction patterns on a thread of their own, the last needed first, while the
/// caller opens its catalog and reads its first paper; that paper's extraction compiles the
/// first needed ones itself (a pattern being compiled by the other thread is waited for). A
/// single paper's start-up, mostly pattern compilation, is so paid on two cores instead of one.
pub fn compile_patterns_in_background() {
    std::thread::spawn(|| {
        let stages = [
            &references::PATTERNS[..],
            &references::fields::PATTERNS,
            &callouts::PATTERNS,
            &translation::PATTERNS,
            &mentions::PATTERNS,
            &links::PATTERNS,
        ];
        for pattern in stages.iter().rev().flat_map(|patterns| patterns.iter().rev()) {
            std::sync::LazyLock::force(pattern);
        }
    });
}

/// Runs every sub-stage on one document.
pub fn extract(doc: &Document, registry: &Registry) -> Extraction {
    extract_with(doc, registry, Detail::Findings)
}

/// [`extract`], keeping the reasoning `detail` asks for.
pub fn extract_with(doc: &Document, registry: &Registry, detail: Detail) -> Extraction {
    let text = doc.text.as_str();
    let mut layout = sections::split(text, doc.title.as_deref());
    let mut references = match (&doc.references, layout.references_range()) {
        (Some(given), range) => references::locate_given(text, range.map_or(0, |r| r.0), given),
        (None, Some((start, end))) => references::split(text, start, end),
        (None, None) => Vec::new(),
    };
    // Prose that strayed into the list (a footnote's second half) is body text again.
    references.retain(|r| {
        let prose = references::looks_like_prose(&r.raw);
        if prose {
            layout.carve(r.start, r.end, SectionKind::Footnotes);
        }
        !prose
    });
    if let Some(last) = references.last() {
        // Text after the last entry that no entry took is no reference: an appendix, most often.
        let rest = &text[last.end..layout.references_range().map_or(last.end, |r| r.1)];
        if rest.trim().len() > 200 {
            let skip = rest.len() - rest.trim_start().len();
            layout.end_references_at(last.end + skip);
        }
    }
    crate::deadline::check();
    let callouts = callouts::find(text, &layout, &references);
    crate::deadline::check();
    let folded = Folded::new(text);
    let (mentions, candidates) = match detail {
        Detail::Findings => (mentions::find(text, &folded, &layout, &callouts, &references, registry), Vec::new()),
        Detail::Explained => mentions::find_explained(text, &folded, &layout, &callouts, &references, registry),
    };
    crate::deadline::check();
    let mut datasets = links::findings(text, &mentions, &callouts, &references, registry);
    crate::deadline::check();
    let roles = decide_roles(text, &mut datasets, &mentions, &callouts);
    Extraction {
        title: layout.title.clone(),
        sections: layout.sections,
        references,
        callouts,
        mentions,
        datasets,
        roles,
        candidates,
    }
}

/// Each dataset's role from its own mentions ([`roles::decide`]), with the rule and sentence.
fn decide_roles(
    text: &str,
    datasets: &mut [DatasetFinding],
    mentions: &[Mention],
    callouts: &[Callout],
) -> Vec<roles::RoleDecision> {
    datasets
        .iter_mut()
        .map(|d| {
            let own: Vec<&Mention> = mentions.iter().filter(|m| m.dataset == d.dataset).collect();
            let decision = roles::decide(text, &own, callouts);
            d.role = decision.role;
            decision
        })
        .collect()
}
