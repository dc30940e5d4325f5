//! Links: groups a paper's mentions into datasets and links each dataset to the reference entry
//! the paper cites for it, with the rule that chose it and how sure that rule is.

use std::collections::{BTreeMap, HashMap};
use std::sync::LazyLock;

use regex::Regex;
use serde::Serialize;

use super::callouts::Callout;
use super::mentions::{callout_after, DatasetRef, Mention};
use super::references::Reference;
use super::{DatasetFinding, Role};
use crate::registry::Registry;
use crate::text::{self, Folded};

/// Builds one finding per dataset the mentions name.
pub fn findings(
    text: &str,
    mentions: &[Mention],
    callouts: &[Callout],
    refs: &[Reference],
    registry: &Registry,
) -> Vec<DatasetFinding> {
    let mut groups: BTreeMap<DatasetRef, Vec<&Mention>> = BTreeMap::new();
    for m in mentions {
        groups.entry(m.dataset.clone()).or_default().push(m);
    }
    fold_families_into_their_member(&mut groups, registry);
    let titles = Titles::new(refs, registry);

    let mut out = Vec::new();
    for (dataset, ms) in &groups {
        crate::deadline::check();
        let (name, mut aliases) = names_of(dataset, ms, registry);
        let link = link(text, dataset, ms, mentions, callouts, refs, &titles, registry);
        aliases.retain(|a| text::key(a) != text::key(&name));
        out.push(DatasetFinding {
            name,
            aliases,
            dataset: dataset.clone(),
            // Decided from the dataset's own mentions by `roles::decide`, after linking.
            role: Role::Mentioned,
            mentions: ms.len(),
            reference: link.map(|l| l.reference),
            link_rule: link.map(|l| l.rule),
            link_confidence: link.map(|l| l.confidence),
        });
    }
    out.sort_by(|a, b| b.mentions.cmp(&a.mentions).then_with(|| a.name.cmp(&b.name)));
    out
}

/// "CIFAR" in the abstract and "CIFAR-10" later: where a paper names a family and exactly one of
/// its members, introduced by the same paper, the family's mentions are that member's.
fn fold_families_into_their_member(groups: &mut BTreeMap<DatasetRef, Vec<&Mention>>, registry: &Registry) {
    let known: Vec<usize> =
        groups.keys().filter_map(|d| if let DatasetRef::Known(i) = d { Some(*i) } else { None }).collect();
    for &family in &known {
        let family_name = &registry.entries[family].name;
        let members: Vec<usize> = known
            .iter()
            .copied()
            .filter(|&m| registry.entries[m].family.as_deref() == Some(family_name.as_str()))
            .collect();
        // The family name is shorthand for the one member the paper names when the same paper
        // introduced both (SQuAD and SQuAD v1.1, CIFAR and CIFAR-10); GLUE beside STS-B and
        // ImageNet beside ImageNet-C stay themselves.
        let same_paper = |m: usize| {
            let (a, b) = (&registry.entries[m].intro, &registry.entries[family].intro);
            a.year.is_some() && a.year == b.year && a.author.is_some() && a.author == b.author
        };
        if members.len() == 1 && registry.entries[members[0]].version.is_some() && same_paper(members[0]) {
            if let Some(ms) = groups.remove(&DatasetRef::Known(family)) {
                let target = groups.entry(DatasetRef::Known(members[0])).or_default();
                target.extend(ms);
                target.sort_by_key(|m| m.start);
            }
        }
    }
}

fn names_of(dataset: &DatasetRef, ms: &[&Mention], registry: &Registry) -> (String, Vec<String>) {
    let mut surfaces: Vec<String> = Vec::new();
    for m in ms {
        let s = text::clean_for_display(&m.surface);
        if !surfaces.iter().any(|x| text::key(x) == text::key(&s)) {
            surfaces.push(s);
        }
    }
    match dataset {
        DatasetRef::Known(i) => {
            let e = &registry.entries[*i];
            let mut aliases = e.aliases.clone();
            for s in surfaces {
                if !aliases.iter().any(|a| text::key(a) == text::key(&s)) {
                    aliases.push(s);
                }
            }
            (e.name.clone(), aliases)
        }
        DatasetRef::Discovered(_) => {
            let mut counts: HashMap<String, usize> = HashMap::new();
            for m in ms {
                *counts.entry(m.name.clone().unwrap_or_else(|| m.surface.clone())).or_default() += 1;
            }
            let name = counts
                .into_iter()
                .max_by(|a, b| a.1.cmp(&b.1).then_with(|| b.0.cmp(&a.0)))
                .map(|x| x.0)
                .unwrap_or_default();
            (name, surfaces)
        }
    }
}

/// The entry a paper cites for a dataset, the rule that chose it and how sure it is.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Link {
    pub reference: usize,
    pub rule: &'static str,
    /// The share of links made by this rule that are right, as measured on annotated papers
    /// (`docs/extraction.md`); a ranking, not a calibrated probability for one paper.
    pub confidence: f64,
}

/// A callout after a mention, whose entry's title names the dataset or is its introducing paper:
/// two independent signals agree.
pub const CALLOUT_AND_TITLE: &str = "callout after mention, entry names dataset";
/// A callout after mentions, the same entry each time, nothing in the entry against it.
pub const CALLOUT: &str = "callout after mention";
/// An entry whose title starts with the dataset's name, with no callout after any mention.
pub const TITLE_LEADS: &str = "entry title names dataset";
/// The registry's introducing paper found in the list by its title.
pub const INTRO_BY_TITLE: &str = "registry introducing paper, by title";
/// The registry's introducing paper found by its first author and exact year.
pub const INTRO_BY_AUTHOR: &str = "registry introducing paper, by author and year";
/// An entry whose title names the dataset and says it is about data ("... a benchmark").
pub const TITLE_ABOUT_DATA: &str = "entry title names dataset and data";

/// How sure each rule is: the share of its links that were right on the annotated papers
/// (rounded down to a twentieth, so that no rule claims more than it showed).
fn confidence(rule: &str) -> f64 {
    match rule {
        CALLOUT_AND_TITLE => 0.95,
        CALLOUT => 0.9,
        INTRO_BY_TITLE => 0.95,
        TITLE_LEADS => 0.9,
        INTRO_BY_AUTHOR => 0.85,
        _ => 0.8,
    }
}

/// What one reference entry says about one dataset.
struct EntryEvidence<'a> {
    titles: &'a Titles,
    refs: &'a [Reference],
    dataset: &'a DatasetRef,
    intro: Option<&'a crate::registry::IntroPaper>,
    registry: &'a Registry,
}

impl EntryEvidence<'_> {
    fn names_dataset(&self, i: usize) -> bool {
        self.titles.names_at(i, self.dataset)
    }
    fn introduces(&self, i: usize) -> Option<&'static str> {
        self.intro.and_then(|intro| intro_match(&self.refs[i], self.titles.keys[i].as_deref(), intro))
    }
    fn supports(&self, i: usize) -> bool {
        self.names_dataset(i) || self.introduces(i).is_some()
    }
    /// The entry's title opens with another dataset's name ("PictureSet: A large collection ..."
    /// cited after "MNLI [4]"): against this dataset unless the entry also supports it.
    fn against(&self, i: usize) -> bool {
        self.titles.leads_with_other(i, |other| !self.related(other))
    }
    /// Whether a known dataset is this one, its family or a member of the same family (a paper
    /// may cite the first version's paper for a later version).
    fn related(&self, other: usize) -> bool {
        let DatasetRef::Known(ours) = *self.dataset else {
            return false;
        };
        let (a, b) = (&self.registry.entries[ours], &self.registry.entries[other]);
        let family = |e: &crate::registry::DatasetEntry| e.family.clone().unwrap_or_else(|| e.name.clone());
        ours == other || family(a) == family(b)
    }
}

/// The entry the paper cites for a dataset: a callout after its mentions first, then an entry
/// that names it, then its introducing paper. An entry whose title is about another dataset is
/// never chosen for a callout.
fn link(
    text: &str,
    dataset: &DatasetRef,
    ms: &[&Mention],
    all: &[Mention],
    callouts: &[Callout],
    refs: &[Reference],
    titles: &Titles,
    registry: &Registry,
) -> Option<Link> {
    if refs.is_empty() {
        return None;
    }
    let intro = match dataset {
        DatasetRef::Known(i) => Some(&registry.entries[*i].intro),
        DatasetRef::Discovered(_) => None,
    };
    let ev = EntryEvidence { titles, refs, dataset, intro, registry };
    let made = |reference: usize, rule: &'static str| Some(Link { reference, rule, confidence: confidence(rule) });
    if let Some((best, supported)) = by_callouts(text, ms, all, callouts, &ev) {
        return made(best, if supported { CALLOUT_AND_TITLE } else { CALLOUT });
    }
    let titled: Vec<usize> = (0..refs.len()).filter(|&i| ev.names_dataset(i)).collect();
    if let Some(&i) = titled.iter().find(|&&i| titles.leads_with(i, dataset)) {
        return made(i, TITLE_LEADS);
    }
    if let Some((i, rule)) = (0..refs.len()).find_map(|i| ev.introduces(i).map(|rule| (i, rule))) {
        return made(i, rule);
    }
    let about_data = |i: usize| refs[i].parsed.title.as_deref().is_some_and(|t| ABOUT_DATA.is_match(t));
    titled.into_iter().find(|&i| about_data(i)).and_then(|i| made(i, TITLE_ABOUT_DATA))
}

/// The entry the callouts after a dataset's mentions point to ("ImageNet [12]", "SQuAD
/// (Rajpurkar et al., 2016)"), and whether its entry supports it. Of one callout's targets, those
/// that name or introduce the dataset are preferred; else each shares the callout's vote, and a
/// tie goes to the one the callout names first. Contradicted targets get no vote.
fn by_callouts(
    text: &str,
    ms: &[&Mention],
    all: &[Mention],
    callouts: &[Callout],
    ev: &EntryEvidence,
) -> Option<(usize, bool)> {
    // (entry, votes, first position among a callout's targets, supported)
    let mut votes: Vec<(usize, f64, usize, bool)> = Vec::new();
    for m in ms {
        crate::deadline::check();
        let Some(c) = callout_after(text, m.end, callouts) else {
            continue;
        };
        // Another dataset named between the mention and the callout owns the callout. `all` is
        // sorted by start: only the few mentions in the short gap are looked at.
        let after = all.partition_point(|o| o.start < m.end);
        let between = all[after..].iter().take_while(|o| o.start < c.start);
        if between.filter(|o| o.end <= c.start).any(|o| o.dataset != m.dataset) {
            continue;
        }
        // (position in the callout, entry, whether the entry supports the dataset)
        let open: Vec<(usize, usize, bool)> = c
            .targets
            .iter()
            .copied()
            .enumerate()
            .map(|(order, t)| (order, t, ev.supports(t)))
            .filter(|&(_, t, support)| support || !ev.against(t))
            .collect();
        let any_support = open.iter().any(|o| o.2);
        let chosen: Vec<(usize, usize, bool)> = open.into_iter().filter(|o| o.2 || !any_support).collect();
        let weight = 1.0 / chosen.len().max(1) as f64;
        for (order, t, support) in chosen {
            let bonus = if support { 0.5 } else { 0.0 };
            match votes.iter_mut().find(|v| v.0 == t) {
                Some(v) => {
                    v.1 += weight + bonus;
                    v.2 = v.2.min(order);
                }
                None => votes.push((t, weight + bonus, order, support)),
            }
        }
    }
    votes
        .into_iter()
        .max_by(|a, b| a.1.total_cmp(&b.1).then_with(|| b.2.cmp(&a.2)).then_with(|| b.0.cmp(&a.0)))
        .map(|(t, _, _, supported)| (t, supported))
}

/// Title words that say a paper is about data, not merely run on it.
static ABOUT_DATA: LazyLock<Regex> = LazyLock::new(|| {
    crate::text::regex(r"(?i)(?-u:\b)(data ?sets?|corpus|corpora|benchmarks?|database|challenge|collection|treebank|shared task|task \d)(?-u:\b)")
        .expect("valid regex")
});

/// The reference titles of one paper, folded and matched against the registry once.
pub(crate) struct Titles {
    folded: Vec<Folded>,
    hits: Vec<Vec<(usize, usize)>>,
    /// [`text::key`] of each parsed title (None where the parser found no title).
    keys: Vec<Option<String>>,
}

impl Titles {
    fn new(refs: &[Reference], registry: &Registry) -> Titles {
        let mut folded = Vec::with_capacity(refs.len());
        let mut hits = Vec::with_capacity(refs.len());
        let keys = refs.iter().map(|r| r.parsed.title.as_deref().map(text::key)).collect();
        for r in refs {
            crate::deadline::check();
            // Where the title could not be told apart, the whole entry stands in for it.
            let title = r.parsed.title.as_deref().unwrap_or(&r.raw);
            let f = Folded::new(title);
            hits.push(registry.find(title, &f).iter().map(|h| (h.entry, h.start)).collect());
            folded.push(f);
        }
        Titles { folded, hits, keys }
    }

    /// Whether reference `i`'s title names this dataset.
    fn names_at(&self, i: usize, dataset: &DatasetRef) -> bool {
        match dataset {
            DatasetRef::Known(e) => self.hits[i].iter().any(|&(entry, _)| entry == *e),
            DatasetRef::Discovered(key) => self.folded[i].contains_key(key),
        }
    }

    /// Whether reference `i`'s title starts with the name of a known dataset that `other` accepts.
    fn leads_with_other(&self, i: usize, other: impl Fn(usize) -> bool) -> bool {
        self.hits[i].iter().any(|&(entry, start)| start == 0 && other(entry))
    }

    /// Whether reference `i`'s title starts with the dataset's name.
    fn leads_with(&self, i: usize, dataset: &DatasetRef) -> bool {
        match dataset {
            DatasetRef::Known(e) => self.hits[i].iter().any(|&(entry, start)| entry == *e && start == 0),
            DatasetRef::Discovered(key) => self.folded[i].text.starts_with(key.as_str()),
        }
    }
}

/// How a reference is the registry's introducing paper, if it is: the same title (or one the
/// prefix of the other), or the same first author in the same year.
/// `title_key` is the entry's [`text::key`]ed title, computed once per paper ([`Titles`]).
fn intro_match(r: &Reference, title_key: Option<&str>, intro: &crate::registry::IntroPaper) -> Option<&'static str> {
    if let (Some(a), Some(it)) = (title_key, intro.title.as_deref()) {
        let b = text::key(it);
        let b = b.as_str();
        if a.len() >= MIN_TITLE_KEY && (a == b || b.len() >= MIN_TITLE_KEY && (a.starts_with(b) || b.starts_with(a))) {
            return Some(INTRO_BY_TITLE);
        }
    }
    match (&intro.author, intro.year, r.parsed.year) {
        (Some(author), Some(iy), Some(ry)) if iy == ry && r.parsed.author_matches(0, author) => Some(INTRO_BY_AUTHOR),
        _ => None,
    }
}

/// Title keys shorter than this ("Introduction", "Software") say nothing about which work it is.
const MIN_TITLE_KEY: usize = 12;

/// Every pattern of this module, so that they can be compiled ahead of use ([`super::compile_patterns`]).
pub(super) static PATTERNS: [&LazyLock<Regex>; 1] = [&ABOUT_DATA];
