//! Mentions: every place the paper names a dataset, from the registry's names and aliases and
//! from the ways papers name data the registry does not know ("the X dataset", "X corpus",
//! "Long Form (ABBR)", a cited entry titled "X: a benchmark for ..."), with models, metrics,
//! tasks and generic phrases rejected and short ambiguous names held to their context.

use std::collections::HashMap;
use std::sync::LazyLock;

use regex::Regex;
use serde::Serialize;

use super::callouts::Callout;
use super::references::Reference;
use super::sections::{Layout, SectionKind};
use crate::registry::Registry;
use crate::text::{self, Folded};

mod ambiguity;
mod discovered;
mod known;
mod lists;
mod names;
mod shape;
mod tables;
use names::*;
use shape::*;
pub use shape::{callout_after, sentence_at};

/// Which dataset a mention names.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum DatasetRef {
    /// An entry of the registry, by index.
    Known(usize),
    /// A dataset the registry does not know, by its key.
    Discovered(String),
}

/// One place the paper names a dataset.
#[derive(Debug, Clone, Serialize)]
pub struct Mention {
    pub dataset: DatasetRef,
    /// The text as written.
    pub surface: String,
    pub start: usize,
    pub end: usize,
    pub section: SectionKind,
    /// Byte range of the sentence around it.
    pub sentence: (usize, usize),
    /// For a discovered dataset, the name this mention gives it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// For a name that is also a word or a term, what showed the paper means the dataset.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub evidence: Option<&'static str>,
}

/// Words near a name that say it is data: a short or ambiguous name needs one of them.
static DATA_CONTEXT: LazyLock<Regex> = LazyLock::new(|| {
    crate::text::regex(r"(?i)(?-u:\b)(data ?sets?|corpus|corpora|benchmarks?|database|train(?:ed|ing)?|test(?:ed|ing)?|evaluat\w*|fine-?tun\w*|pre-?train\w*|dev(?:elopment)? set|validation|splits?|tasks?|challenge|collection|samples|examples|instances|images|sentences|documents|accuracy|results? on|experiments? on)(?-u:\b)")
        .expect("valid regex")
});

/// What the mention finder reads of one paper.
pub(super) struct Context<'a> {
    pub text: &'a str,
    pub folded: &'a Folded,
    pub layout: &'a Layout,
    pub callouts: &'a [Callout],
    pub refs: &'a [Reference],
    pub registry: &'a Registry,
}

impl Context<'_> {
    /// Whether a place counts: outside the reference list and the acknowledgements.
    fn counted(&self, pos: usize) -> bool {
        !matches!(self.layout.kind_at(pos), SectionKind::References | SectionKind::Acknowledgements)
    }

    fn mention(&self, dataset: DatasetRef, start: usize, end: usize, name: Option<String>) -> Mention {
        Mention {
            dataset,
            surface: self.text[start..end].to_string(),
            start,
            end,
            section: self.layout.kind_at(start),
            sentence: sentence_at(self.text, start),
            name,
            evidence: None,
        }
    }
}

/// Where a candidate name came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Source {
    /// A name or alias of the registry.
    Registry,
    /// "WMT English to German".
    LanguagePair,
    /// "the X dataset", "X corpus".
    CuePhrase,
    /// "SemEval 2014 task 7".
    SharedTask,
    /// "we release X, a dataset of ...".
    Apposition,
    /// "Long Form Dataset (LFD)".
    Abbreviation,
    /// The paper's own title: "X: A Benchmark for ...".
    OwnTitle,
    /// "- X: The ... dataset contains ...".
    ListDefinition,
    /// A reference entry titled "X: a corpus of ...".
    ReferenceTitle,
    /// Listed beside known datasets.
    ListBesideKnown,
    /// A name right before a citation of a paper about data by that name.
    CitedTitle,
    /// A cell under a table's "Dataset" heading.
    TableCell,
}

/// What the finder decided of one candidate, and the rule that decided it (`extract --explain`).
#[derive(Debug, Clone, Serialize)]
pub struct Decision {
    /// The candidate as written (a discovered name as the finder cleaned it).
    pub candidate: String,
    pub source: Source,
    /// Byte range in the text, where the candidate is one place.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end: Option<usize>,
    /// The registry dataset it would be.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dataset: Option<String>,
    pub accepted: bool,
    pub rule: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub evidence: Option<&'static str>,
}

impl Decision {
    fn accepted(
        source: Source,
        candidate: &str,
        span: Option<(usize, usize)>,
        rule: &'static str,
        evidence: Option<&'static str>,
    ) -> Decision {
        Decision {
            candidate: candidate.to_string(),
            source,
            start: span.map(|s| s.0),
            end: span.map(|s| s.1),
            dataset: None,
            accepted: true,
            rule,
            evidence,
        }
    }

    fn rejected(source: Source, candidate: &str, span: Option<(usize, usize)>, rule: &'static str) -> Decision {
        Decision { accepted: false, ..Decision::accepted(source, candidate, span, rule, None) }
    }

    fn of(self, dataset: &str) -> Decision {
        Decision { dataset: Some(dataset.to_string()), ..self }
    }
}

/// Where decisions are written when they are asked for; nothing is built when they are not.
pub(super) struct Explain(Option<Vec<Decision>>);

impl Explain {
    fn push(&mut self, decision: impl FnOnce() -> Decision) {
        if let Some(log) = &mut self.0 {
            log.push(decision());
        }
    }
}

/// Finds every dataset mention outside the reference list.
pub fn find(
    text: &str,
    folded: &Folded,
    layout: &Layout,
    callouts: &[Callout],
    refs: &[Reference],
    registry: &Registry,
) -> Vec<Mention> {
    let ctx = Context { text, folded, layout, callouts, refs, registry };
    run(&ctx, &mut Explain(None))
}

/// [`find`], with every candidate's decision.
pub fn find_explained(
    text: &str,
    folded: &Folded,
    layout: &Layout,
    callouts: &[Callout],
    refs: &[Reference],
    registry: &Registry,
) -> (Vec<Mention>, Vec<Decision>) {
    let ctx = Context { text, folded, layout, callouts, refs, registry };
    let mut explain = Explain(Some(Vec::new()));
    let mentions = run(&ctx, &mut explain);
    (mentions, explain.0.unwrap_or_default())
}

/// The stages: the registry's names, language pairs of translation campaigns, names the
/// registry does not know, then web sources held to being named as data.
fn run(ctx: &Context, explain: &mut Explain) -> Vec<Mention> {
    let (mut mentions, cells) = known::find(ctx, explain);
    mentions.extend(language_pairs(ctx, &mentions, explain));
    let taken: Vec<(usize, usize)> = mentions.iter().map(|m| (m.start, m.end)).collect();
    mentions.extend(discovered::find(ctx, &taken, &cells, explain));
    keep_web_sources_named_as_data(ctx.text, &mut mentions, ctx.registry, explain);
    mentions.sort_by_key(|m| m.start);
    mentions
}

/// A language pair where the paper names a translation campaign: "WMT English to German".
fn language_pairs(ctx: &Context, known: &[Mention], explain: &mut Explain) -> Vec<Mention> {
    let text = ctx.text;
    let taken: Vec<(usize, usize)> = known.iter().map(|m| (m.start, m.end)).collect();
    let mut mentions = Vec::new();
    for pair in super::translation::find(text, |at| sentence_at(text, at), |at| ctx.counted(at)) {
        if overlaps(&taken, pair.start, pair.end) {
            continue;
        }
        let registry = ctx.registry;
        let dataset = match registry.lookup_index(&pair.name).or_else(|| registry.lookup_index(&pair.reverse)) {
            Some(entry) => DatasetRef::Known(entry),
            // Both directions are one dataset: keyed by the direction that sorts first.
            None => DatasetRef::Discovered(text::dataset_key(pair.name.as_str().min(pair.reverse.as_str()))),
        };
        let name = matches!(dataset, DatasetRef::Discovered(_)).then_some(pair.name);
        let found = ctx.mention(dataset, pair.start, pair.end, name);
        explain.push(|| {
            Decision::accepted(
                Source::LanguagePair,
                &found.surface,
                Some((found.start, found.end)),
                "a campaign's language pair",
                None,
            )
        });
        mentions.push(found);
    }
    mentions
}

/// Words that, written with a web source's name, make it data: "English Wikipedia", "a
/// Wikipedia dump", "CommonCrawl data".
static AS_DATA: LazyLock<Regex> = LazyLock::new(|| {
    crate::text::regex(r"(?i)^(?:data|dumps?|corpus|corpora|data ?sets?|snapshots?|texts?|English|German|French|Chinese|multilingual)$")
        .expect("valid regex")
});

/// A web source (the seeds' `web` domain: Wikipedia, Common Crawl) is a place as often as it is
/// data: "resources such as Wikipedia", "Wikipedia talk comments". It counts where the paper names it as
/// data at least once ("English Wikipedia", "CommonCrawl data", "a Wikipedia dump") or names it
/// three times or more; a passing mention or two is no dataset the paper uses.
/// How often a web source must stand to count without being named as data: a passing mention
/// or two is a place the paper names, not data it uses.
const WEB_SOURCE_MIN_PLACES: usize = 3;

fn keep_web_sources_named_as_data(text: &str, mentions: &mut Vec<Mention>, registry: &Registry, explain: &mut Explain) {
    let web = |m: &Mention| match m.dataset {
        DatasetRef::Known(i) => registry.entries[i].domain.as_deref() == Some("web"),
        DatasetRef::Discovered(_) => false,
    };
    let as_data = |m: &Mention| {
        // A PDF glues a footnote mark to the word: "the Reddit dataset16".
        let next = text[m.end..].split_whitespace().next().unwrap_or("");
        let next = next.trim_end_matches([',', '.', ';', ')']).trim_end_matches(|c: char| c.is_ascii_digit());
        m.surface.split_whitespace().chain([next]).any(|w| AS_DATA.is_match(w))
    };
    let mut named: HashMap<DatasetRef, (usize, bool)> = HashMap::new();
    for m in mentions.iter().filter(|m| web(m)) {
        let e = named.entry(m.dataset.clone()).or_default();
        e.0 += 1;
        e.1 |= as_data(m);
    }
    mentions.retain(|m| {
        let kept = named.get(&m.dataset).is_none_or(|&(count, data)| data || count >= WEB_SOURCE_MIN_PLACES);
        if !kept {
            let span = Some((m.start, m.end));
            explain.push(|| Decision::rejected(Source::Registry, &m.surface, span, "a web source not named as data"));
        }
        kept
    });
}

/// Every pattern of this module, so that they can be compiled ahead of use ([`super::compile_patterns`]).
pub(super) static PATTERNS: [&LazyLock<Regex>; 16] = [
    &lists::NAME_PAIR,
    &TERM_HEAD,
    &AS_DATA,
    &DATA_CONTEXT,
    &CITABLE_GAP,
    &CUE_PHRASE,
    &ABBREVIATION,
    &PLURAL_DATA,
    &DEFINED,
    &SPACED_HYPHEN,
    &GENERIC_TAIL,
    &VERSION_SUFFIX,
    &SHARED_TASK,
    &APPOSITIVE,
    &lists::ENUMERATION,
    &TITLE_CUE,
];

#[cfg(test)]
mod term_tests;
#[cfg(test)]
mod unicode_tests;

#[cfg(test)]
mod tests;
