//! Links and roles: groups a paper's mentions into datasets, links each dataset to the reference
//! entry the paper cites for it, and tells whether the paper uses, introduces or only mentions it.

use std::collections::{BTreeMap, HashMap};
use std::sync::LazyLock;

use regex::Regex;

use super::callouts::Callout;
use super::mentions::{callout_after, DatasetRef, Mention};
use super::references::Reference;
use super::sections::{Layout, SectionKind};
use super::{DatasetFinding, Role};
use crate::registry::Registry;
use crate::text::{self, Folded};

/// Builds one finding per dataset the mentions name.
pub fn findings(
    text: &str,
    layout: &Layout,
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
        let (name, mut aliases) = names_of(dataset, ms, registry);
        let (reference, link_rule) = match link(text, dataset, ms, mentions, callouts, refs, &titles, registry) {
            Some((r, rule)) => (Some(r), Some(rule)),
            None => (None, None),
        };
        let role = role_of(text, layout, ms, &name);
        aliases.retain(|a| text::key(a) != text::key(&name));
        out.push(DatasetFinding {
            name,
            aliases,
            dataset: dataset.clone(),
            role,
            mentions: ms.len(),
            reference,
            link_rule,
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

/// The entry the paper cites for a dataset, and the rule that chose it.
fn link(
    text: &str,
    dataset: &DatasetRef,
    ms: &[&Mention],
    all: &[Mention],
    callouts: &[Callout],
    refs: &[Reference],
    titles: &Titles,
    registry: &Registry,
) -> Option<(usize, &'static str)> {
    if refs.is_empty() {
        return None;
    }
    let entry = match dataset {
        DatasetRef::Known(i) => Some(&registry.entries[*i]),
        DatasetRef::Discovered(_) => None,
    };
    let names_dataset = |i: usize| titles.names_at(i, dataset);
    let introduces = |i: usize| entry.is_some_and(|e| is_intro_paper(&refs[i], &e.intro));

    // 1. The callout right after a mention ("ImageNet [12]", "SQuAD (Rajpurkar et al., 2016)").
    let mut votes: HashMap<usize, f64> = HashMap::new();
    for m in ms {
        let Some(c) = callout_after(text, m.end, callouts) else {
            continue;
        };
        // Another dataset named between the mention and the callout owns the callout.
        if all.iter().any(|o| o.dataset != m.dataset && o.start >= m.end && o.end <= c.start) {
            continue;
        }
        let preferred: Vec<usize> = c.targets.iter().copied().filter(|&t| names_dataset(t) || introduces(t)).collect();
        let chosen = if !preferred.is_empty() { preferred } else { c.targets.clone() };
        let weight = 1.0 / chosen.len() as f64;
        for t in chosen {
            *votes.entry(t).or_default() += weight + if names_dataset(t) || introduces(t) { 0.5 } else { 0.0 };
        }
    }
    if let Some((&best, _)) = votes.iter().max_by(|a, b| a.1.total_cmp(b.1).then_with(|| b.0.cmp(a.0))) {
        return Some((best, "callout after mention"));
    }
    // 2. An entry whose title starts with the dataset's name ("ImageNet: A large-scale
    //    hierarchical image database").
    let titled: Vec<usize> = (0..refs.len()).filter(|&i| names_dataset(i)).collect();
    let leads_with_name = |&&i: &&usize| titles.leads_with(i, dataset);
    if let Some(&i) = titled.iter().find(leads_with_name) {
        return Some((i, "entry title names dataset"));
    }
    // 3. The registry's introducing paper, found in the list by first author and year, or title;
    //    only then a title that names the dataset somewhere ("... training ImageNet in 1 hour").
    (0..refs.len()).find(|&i| introduces(i)).map(|i| (i, "registry introducing paper")).or_else(|| {
        let about_data = |i: usize| refs[i].parsed.title.as_deref().is_some_and(|t| ABOUT_DATA.is_match(t));
        titled.iter().find(|&&i| about_data(i)).map(|&i| (i, "entry title names dataset"))
    })
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
}

impl Titles {
    fn new(refs: &[Reference], registry: &Registry) -> Titles {
        let mut folded = Vec::with_capacity(refs.len());
        let mut hits = Vec::with_capacity(refs.len());
        for r in refs {
            // Where the title could not be told apart, the whole entry stands in for it.
            let title = r.parsed.title.as_deref().unwrap_or(&r.raw);
            let f = Folded::new(title);
            hits.push(registry.find(title, &f).iter().map(|h| (h.entry, h.start)).collect());
            folded.push(f);
        }
        Titles { folded, hits }
    }

    /// Whether reference `i`'s title names this dataset.
    fn names_at(&self, i: usize, dataset: &DatasetRef) -> bool {
        match dataset {
            DatasetRef::Known(e) => self.hits[i].iter().any(|&(entry, _)| entry == *e),
            DatasetRef::Discovered(key) => self.folded[i].contains_key(key),
        }
    }

    /// Whether reference `i`'s title starts with the dataset's name.
    fn leads_with(&self, i: usize, dataset: &DatasetRef) -> bool {
        match dataset {
            DatasetRef::Known(e) => self.hits[i].iter().any(|&(entry, start)| entry == *e && start == 0),
            DatasetRef::Discovered(key) => self.folded[i].text.starts_with(key.as_str()),
        }
    }
}

/// Whether a reference is the registry's introducing paper: the same title, or the same first
/// author within a year (a preprint and its venue version).
fn is_intro_paper(r: &Reference, intro: &crate::registry::IntroPaper) -> bool {
    if let (Some(t), Some(it)) = (r.parsed.title.as_deref(), intro.title.as_deref()) {
        let (a, b) = (text::key(t), text::key(it));
        if a.len() >= 12 && (a == b || b.len() >= 12 && (a.starts_with(&b) || b.starts_with(&a))) {
            return true;
        }
    }
    match (&intro.author, intro.year, r.parsed.year) {
        (Some(author), Some(iy), Some(ry)) => (iy - ry).abs() <= 1 && r.parsed.author_matches(0, author),
        _ => false,
    }
}

static INTRODUCES: LazyLock<Regex> = LazyLock::new(|| {
    crate::text::regex(r"(?i)(?-u:\b)(?:we|this paper|this work|here we)(?-u:\b)[^.]{0,80}?(?-u:\b)(?:introduce|present|release|propose|collect|construct|create|build|contribute|publish|curate|crowdsource|annotate)\w*(?-u:\b)[^.]{0,100}?(?-u:\b)(?:data ?sets?|corpus|corpora|benchmarks?|collection|database|resource|testbed|suite|challenge)(?-u:\b)|(?-u:\b)our (?:new |proposed )?(?:data ?set|corpus|benchmark)(?-u:\b)")
        .expect("valid regex")
});
static USES: LazyLock<Regex> = LazyLock::new(|| {
    crate::text::regex(r"(?i)(?-u:\b)(?:train\w*|pre-?train\w*|fine-?tun\w*|evaluat\w*|test(?:ed|ing|s)?|experiment\w*|benchmark(?:ed|ing)|results? on|accuracy|perform\w* on|outperform\w*|state[- ]of[- ]the[- ]art|sota|achiev\w*|report\w*|score\w*|split|held[- ]out|validation|dev set|test set|we use|we used|using|learned on|learnt on)(?-u:\b)")
        .expect("valid regex")
});

/// Introduced where a sentence naming it says the paper releases it; used where the paper's own
/// experiments or method name it, or a sentence says it is trained or evaluated on; else mentioned.
fn role_of(text: &str, layout: &Layout, ms: &[&Mention], name: &str) -> Role {
    let title_names_it = layout.title.as_deref().is_some_and(|t| {
        let k = text::key(name);
        k.len() >= 3 && text::key(t).contains(&k)
    });
    let mut used = false;
    for m in ms {
        let sentence = &text[m.sentence.0..m.sentence.1];
        if INTRODUCES.is_match(sentence) && (!sentence.contains(" et al") || title_names_it) {
            return Role::Introduced;
        }
        let own = m.section.is_own_work() || matches!(m.section, SectionKind::Abstract | SectionKind::Front);
        let related = m.section == SectionKind::RelatedWork;
        if !related && (own || USES.is_match(sentence)) {
            used = true;
        }
    }
    if used {
        Role::Used
    } else {
        Role::Mentioned
    }
}

/// Every pattern of this module, so that they can be compiled ahead of use ([`super::compile_patterns`]).
pub(super) static PATTERNS: [&LazyLock<Regex>; 3] = [&ABOUT_DATA, &INTRODUCES, &USES];
