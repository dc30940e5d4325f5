//! Mentions: every place the paper names a dataset, from the registry's names and aliases and
//! from the ways papers name data the registry does not know ("the X dataset", "X corpus",
//! "Long Form (ABBR)", a cited entry titled "X: a benchmark for ..."), with models, metrics,
//! tasks and generic phrases rejected and short ambiguous names held to their context.

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use regex::Regex;
use serde::Serialize;

use super::callouts::Callout;
use super::references::Reference;
use super::sections::{Layout, SectionKind};
use crate::registry::Registry;
use crate::text::{self, Folded};

mod ambiguity;
mod lists;
mod names;
mod shape;
mod tables;
use ambiguity::Ambiguity;
use lists::name_lists;
use names::*;
use shape::*;
pub use shape::{callout_after, sentence_at};
use tables::dataset_cells;

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

/// Finds every dataset mention outside the reference list.
pub fn find(
    text: &str,
    folded: &Folded,
    layout: &Layout,
    callouts: &[Callout],
    refs: &[Reference],
    registry: &Registry,
) -> Vec<Mention> {
    let counted = |pos: usize| !matches!(layout.kind_at(pos), SectionKind::References | SectionKind::Acknowledgements);
    let mut mentions: Vec<Mention> = Vec::new();

    // 1. The registry's names, each held to its context where it is short or ambiguous.
    let hits: Vec<_> = registry.find(text, folded).into_iter().filter(|h| counted(h.start)).collect();
    // Written as the registry writes it; and "Stereoset" for StereoSet, but not "Multiple" for
    // MultiPL-E in a paper that writes "multiple" as a word.
    let cased = |h: &crate::registry::AliasHit| {
        let surface = &text[h.start..h.end];
        // A name of several words in lower case is still the name when "dataset" or "corpus"
        // follows it: "the Google one-billion-word dataset".
        let named_as_data = surface.split([' ', '-']).count() >= 2
            && h.alias.split([' ', '-']).count() >= 2
            && !h.needs_context
            && text[h.end..]
                .split_whitespace()
                .next()
                .is_some_and(|w| text::is_generic_noun(w.trim_end_matches([',', '.'])));
        if named_as_data {
            return true;
        }
        // After a colon a name need not be capitalised as a sentence's first word is.
        let capitalised_as_first_word = starts_sentence(text, h.start) && !text[..h.start].trim_end().ends_with(':');
        written_as_named(surface, &h.alias, !capitalised_as_first_word)
            && (same_letters(surface, &h.alias) || !used_as_word(text, surface))
    };
    // The cells under a table's "Dataset" heading name datasets, however they are written.
    let cells = dataset_cells(text, &hits.iter().map(|h| (h.start, h.end)).collect::<Vec<_>>());
    let whole_cell = |s: usize, e: usize| cells.iter().any(|&(cs, ce)| cs == s && ce == e);
    // A short name split by a space or slash ("B 100", "B/100" for B100) is as ambiguous as a term.
    let level = |h: &crate::registry::AliasHit| {
        let surface = &text[h.start..h.end];
        if split_short_name(surface, &h.alias) {
            Ambiguity::Term
        } else {
            ambiguity::of(surface, &h.alias, h.needs_context)
        }
    };
    let plainly_named: HashSet<usize> =
        hits.iter().filter(|h| level(h) == Ambiguity::Plain && cased(h)).map(|h| h.entry).collect();
    // "Crosstab based technique (CBT)": the paper's own acronyms are not the registry's.
    let definitions = ambiguity::own_definitions(text);
    let defined_otherwise = |h: &crate::registry::AliasHit| {
        let key = text::key(&h.alias);
        definitions
            .iter()
            .any(|(short, long)| *short == key && !ambiguity::long_form_names(&registry.entries[h.entry], long))
    };
    for h in &hits {
        crate::deadline::check();
        let surface = &text[h.start..h.end];
        // "Jumper et al., 2021" is an author, not the Procgen game.
        let author = text[h.end..].trim_start().starts_with("et al");
        if in_url(text, h.start) || runs_on(text, h.end, &hits) || author {
            continue;
        }
        // "multiple" is a word, not MultiPL-E: a name written otherwise than the registry writes
        // it counts only where the paper also writes it properly.
        let in_cell = whole_cell(h.start, h.end);
        if !in_cell && !cased(h) && !plainly_named.contains(&h.entry) {
            continue;
        }
        // An ambiguous name inside a longer capitalised name is part of that name ("German
        // Traffic Signs Recognition Benchmark" is no Traffic dataset).
        if h.needs_context && inside_capitalised_run(text, h.start, h.end) {
            continue;
        }
        let short = is_short(&h.alias);
        if !in_cell && (short || h.needs_context) && !same_letters(surface, &h.alias) {
            continue;
        }
        if defined_otherwise(h) {
            continue;
        }
        // An ordinary word or a term of some field counts only where the paper shows it means
        // the dataset.
        let evidence = if level(h) != Ambiguity::Term {
            None
        } else if in_cell {
            Some(ambiguity::Evidence::DatasetCell)
        } else {
            match term_evidence(text, h, &hits, callouts, refs, registry, &plainly_named) {
                Some(evidence) => Some(evidence),
                None => continue,
            }
        };
        // An ambiguous word before a term of mathematics or modelling is part of that term:
        // "Fisher vectors", "Fisher information matrix", "Car model".
        if !in_cell && h.needs_context && TERM_HEAD.is_match(&text[h.end..]) {
            continue;
        }
        if !in_cell && (h.needs_context || short) {
            let sentence = sentence_at(text, h.start);
            let cited = callout_after(text, h.end, callouts).is_some();
            // Words that speak of data, or other datasets named in the same sentence or table row
            // ("CiteULike | Netflix | MovieLens").
            let line = line_at(text, h.start);
            let among_datasets = hits.iter().any(|o| {
                o.entry != h.entry
                    && !o.needs_context
                    && !is_short(&o.alias)
                    && (sentence.0 <= o.start && o.end <= sentence.1 || line.0 <= o.start && o.end <= line.1)
            });
            let context = DATA_CONTEXT.is_match(&text[sentence.0..sentence.1]) || among_datasets;
            let confirmed = plainly_named.contains(&h.entry);
            // Spelled exactly as the registry writes it, and supported by the sentence, a
            // citation, or an unambiguous name of the same dataset elsewhere in the paper.
            if !(context || cited || confirmed) {
                continue;
            }
        }
        // "Europarl v7", "News Commentary v13": a version written after the name is part of the
        // surface (the dataset stays the same).
        let end = h.end + VERSION_SUFFIX.find(&text[h.end..]).map_or(0, |m| m.end());
        let mut found = mention(text, layout, DatasetRef::Known(h.entry), h.start, end, None);
        found.evidence = evidence.map(ambiguity::Evidence::as_str);
        mentions.push(found);
    }

    // A language pair where the paper names a translation campaign: "WMT English to German".
    let registry_taken: Vec<(usize, usize)> = mentions.iter().map(|m| (m.start, m.end)).collect();
    for pair in super::translation::find(text, |at| sentence_at(text, at), counted) {
        if overlaps(&registry_taken, pair.start, pair.end) {
            continue;
        }
        let dataset = match registry.lookup_index(&pair.name).or_else(|| registry.lookup_index(&pair.reverse)) {
            Some(entry) => DatasetRef::Known(entry),
            // Both directions are one dataset: keyed by the direction that sorts first.
            None => DatasetRef::Discovered(text::dataset_key(pair.name.as_str().min(pair.reverse.as_str()))),
        };
        let name = matches!(dataset, DatasetRef::Discovered(_)).then_some(pair.name);
        mentions.push(mention(text, layout, dataset, pair.start, pair.end, name));
    }

    // 2. Names the registry does not know.
    let mut taken: Vec<(usize, usize)> = mentions.iter().map(|m| (m.start, m.end)).collect();
    let mut discovered: HashMap<String, String> = HashMap::new();
    // (abbreviation, key of the long form it stands for), from "Long Form (LF)".
    let mut abbreviations: Vec<(String, String)> = Vec::new();
    // Keys of names the text itself calls data beside a known dataset ("the Citeseer and Pubmed
    // datasets"): they need not look like names or stand twice.
    let mut vouched: Vec<String> = Vec::new();
    let consider = |name: &str, discovered: &mut HashMap<String, String>| {
        let name = clean_name(name);
        if acceptable_name(&name) && registry.lookup_index(&name).is_none() {
            discovered.entry(text::dataset_key(&name)).or_insert(name);
        }
    };
    for c in CUE_PHRASE.captures_iter(text) {
        crate::deadline::check();
        let m = c.get(1).expect("group");
        if !counted(m.start()) {
            continue;
        }
        // Start after any known dataset the phrase runs into ("ImageNet and the Foo dataset").
        // A phrase that runs into a known dataset is trimmed after it only where a connector
        // follows it ("ImageNet and the Foo dataset"); otherwise the known name is part of a
        // longer one and the phrase is no new dataset.
        let from =
            taken.iter().filter(|&&(s, e)| s < m.end() && m.start() < e).map(|&(_, e)| e).max().unwrap_or(m.start());
        // A phrase never runs across a sentence's end ("... in support of EBM. The corpus").
        let from = text.get(from..m.end()).and_then(|p| p.rfind(". ")).map_or(from, |i| from + i + 2);
        if from >= m.end() {
            continue;
        }
        if from > m.start() {
            let after = text[from..m.end()].trim_start();
            let connected =
                ["and ", "or ", ", ", "& "].iter().any(|c| after.starts_with(c)) || text[from..].starts_with(',');
            if !connected {
                continue;
            }
        }
        let cue = &c[2];
        let named_cue = cue.chars().next().is_some_and(char::is_uppercase) && !cue.eq_ignore_ascii_case("data");
        let phrase = text[from..m.end()].to_string();
        // "the MNIST and SVHN datasets" names two datasets; "X and Y Corpus" one.
        let names: Vec<String> =
            if named_cue { vec![format!("{phrase} {cue}")] } else { phrase.split(" and ").map(String::from).collect() };
        if on_heading_line(text, m.start()) {
            continue;
        }
        for name in names {
            let at = from + phrase.find(name.split_whitespace().next().unwrap_or("")).unwrap_or(0);
            if !starts_sentence(text, at) || name.split_whitespace().count() > 1 && has_inner_capital(&name) {
                consider(&name, &mut discovered);
            }
        }
    }
    // Shared tasks are datasets: "SemEval 2014 task 7", "the 2010 i2b2/VA challenge".
    for c in SHARED_TASK.captures_iter(text) {
        crate::deadline::check();
        let m = c.get(0).expect("match");
        // A SemEval or Senseval year is a workshop; its tasks are the datasets.
        let workshop = c[1].to_lowercase().starts_with("semeval") || c[1].to_lowercase().starts_with("senseval");
        if counted(m.start()) && !overlaps(&taken, m.start(), m.end()) && !(workshop && c.get(3).is_none()) {
            let name = shared_task_name(&c);
            if registry.lookup_index(&name).is_none() {
                discovered.entry(text::dataset_key(&name)).or_insert(name);
            }
        }
    }
    // "we release ContraNLI, a dataset of 2,000 pairs", "SNLI-VE, a new benchmark for ...".
    for c in APPOSITIVE.captures_iter(text) {
        crate::deadline::check();
        let m = c.get(1).expect("group");
        if counted(m.start()) && !overlaps(&taken, m.start(), m.end()) && looks_like_a_proper_name(m.as_str()) {
            consider(m.as_str(), &mut discovered);
        }
    }
    for c in ABBREVIATION.captures_iter(text) {
        crate::deadline::check();
        let (long, short) = (c.get(1).expect("group"), &c[2]);
        if !counted(long.start()) || !initials_match(long.as_str(), short) {
            continue;
        }
        let long_name = trim_long_form(long.as_str(), short);
        let words: Vec<&str> = long.as_str().split_whitespace().collect();
        let known_suffix = (0..words.len()).any(|k| registry.lookup_index(&words[k..].join(" ")).is_some());
        if known_suffix || !initials_match(&long_name, short) {
            continue;
        }
        // "CMU Multi-Modal Activity (CMU-MMAC) database", "the Lung Nodule Analysis (LUNA)
        // competition dataset": the data noun may follow the abbreviation.
        let after = &text[c.get(0).expect("match").end()..];
        let noun_after = after.split_whitespace().take(2).enumerate().any(|(i, w)| {
            let w = w.trim_end_matches([',', '.', ';', ':']);
            is_generic_cue(w) && (i == 0 || !w.starts_with(char::is_uppercase))
        });
        // "the Semantic Textual Similarity (STS) benchmark" is the STS Benchmark.
        let noun = after.split_whitespace().next().unwrap_or("").trim_end_matches([',', '.', ';', ':']);
        let known_with_noun = noun_after && registry.lookup_index(&format!("{short} {noun}")).is_some();
        match (registry.lookup_index(&long_name), registry.lookup_index(short)) {
            (None, None) if (GENERIC_TAIL.is_match(&long_name) || noun_after) && !known_with_noun => {
                consider(&long_name, &mut discovered);
                abbreviations.push((short.to_string(), text::dataset_key(&clean_name(&long_name))));
            }
            _ => {}
        }
    }
    // The paper's own title: "LRW-1000: A Naturally-Distributed Large-Scale Benchmark ...",
    // where the body names it too (a title garbled by extraction, "Re Co CoRD", it does not).
    if let Some(name) = layout.title.as_deref().and_then(titled_dataset) {
        if folded.find_key(&text::key(&name)).nth(1).is_some() {
            consider(&name, &mut discovered);
        }
    }
    // A definition in a list: "- AJGT: The Arabic Jordanian General Tweets dataset contains ...".
    for c in DEFINED.captures_iter(text) {
        crate::deadline::check();
        let m = c.get(0).expect("match");
        if counted(m.start()) && m.len() <= 220 && !overlaps(&taken, m.start(), m.end()) {
            consider(&c[1], &mut discovered);
        }
    }
    for r in refs {
        crate::deadline::check();
        if let Some(name) = title_dataset_name(r) {
            if registry.lookup_index(&name).is_none() && acceptable_name(&name) {
                discovered.entry(text::dataset_key(&name)).or_insert(name);
            }
        }
    }
    // Names listed beside known datasets, in a table row or an enumeration: "on DUT-OMRON,
    // HKU-IS and PASCAL-S", "CiteULike | Netflix | Epinions".
    for (start, _, items) in name_lists(text, callouts) {
        crate::deadline::check();
        let known = items.iter().filter(|&&(is, ie)| overlaps(&taken, is, ie)).count();
        // "on four datasets: Clipart1k, Watercolor2k and Comic2k": the words right before the
        // list say what it holds, where no member is known yet.
        let lead = text.floor_char_boundary(start.saturating_sub(40));
        let announced = PLURAL_DATA.find_iter(&text[lead..start]).last().is_some_and(|cue| {
            let between = text[lead + cue.end()..start].trim_matches(|c: char| c.is_whitespace() || ":,(".contains(c));
            matches!(between, "" | "namely" | "such as" | "including" | "like" | "i.e." | "e.g.")
        });
        if !counted(start) || known == 0 && !announced {
            continue;
        }
        // Of two names, one known, the other is a dataset where it looks like a name and the
        // sentence speaks of data, or where the pair is called data: "the Citeseer and Pubmed
        // datasets".
        if items.len() == 2 {
            let sentence = sentence_at(text, start);
            let speaks_of_data = DATA_CONTEXT.is_match(&text[sentence.0..sentence.1]);
            let end = items[1].1;
            let called_data = PLURAL_DATA
                .find(&text[end..text.ceil_char_boundary(end + 12)])
                .is_some_and(|m| text[end..end + m.start()].trim().is_empty());
            for &(is, ie) in &items {
                let item = &text[is..ie];
                if known != 1 || overlaps(&taken, is, ie) {
                    continue;
                }
                if called_data && item.chars().next().is_some_and(char::is_uppercase) {
                    consider(item, &mut discovered);
                    vouched.push(text::dataset_key(&clean_name(item)));
                } else if speaks_of_data && looks_like_a_proper_name(item) {
                    consider(item, &mut discovered);
                }
            }
            continue;
        }
        for (is, ie) in items {
            let item = &text[is..ie];
            // Beside two known datasets, a capitalised word is a dataset too ("Iris, Wine,
            // Ozone and Sonar"); beside one, only a name-like one.
            let titled = known >= 2 && item.chars().next().is_some_and(char::is_uppercase);
            let name_like = titled
                || looks_like_a_proper_name(item)
                || item.split_whitespace().all(|w| is_acronym(w) && w.len() >= 4);
            if name_like && !overlaps(&taken, is, ie) && item.split_whitespace().count() <= 3 {
                consider(item, &mut discovered);
            }
        }
    }
    // "Dakshina (Roark et al., 2020)" where the cited entry is titled "... the Dakshina dataset":
    // a name right before a citation of a paper about data by that name.
    for c in callouts {
        crate::deadline::check();
        if !counted(c.start) {
            continue;
        }
        let Some(name) = name_before(text, c.start) else { continue };
        let key = text::dataset_key(&name);
        if key.len() < 3 || overlaps(&taken, c.start.saturating_sub(name.len() + 2), c.start) {
            continue;
        }
        let titled = c.targets.iter().any(|&t| {
            let title = refs[t].parsed.title.as_deref().unwrap_or("");
            TITLE_CUE.is_match(title) && Folded::new(title).contains_key(&key)
        });
        if titled && acceptable_name(&name) && registry.lookup_index(&name).is_none() {
            discovered.entry(key).or_insert(name);
        }
    }
    // A dataset cell the registry does not know is a dataset by that name, as written there.
    let mut cell_mentions = Vec::new();
    for &(s, e) in &cells {
        crate::deadline::check();
        let name = clean_name(&text[s..e]);
        if !counted(s) || overlaps(&taken, s, e) || !shaped_as_a_name(&name) || !name.chars().any(char::is_alphabetic) {
            continue;
        }
        let key = text::dataset_key(&name);
        discovered.entry(key.clone()).or_insert_with(|| name.clone());
        cell_mentions.push(mention(text, layout, DatasetRef::Discovered(key), s, e, Some(name)));
        taken.push((s, e));
    }
    // Every place a discovered name stands in the body: with its generic noun where the paper
    // writes one ("Ubuntu Dialogue Corpus"), else without ("Ubuntu Dialogue").
    // An abbreviation is one name of its long form's dataset, never a dataset of its own.
    abbreviations.retain(|(_, long)| discovered.contains_key(long));
    for (short, _) in &abbreviations {
        discovered.remove(&text::dataset_key(short));
    }
    let mut names: Vec<(&String, &String)> = discovered.iter().collect();
    names.sort();
    let mut found: Vec<(usize, usize, &String, &String)> = Vec::new();
    for (key, name) in names {
        crate::deadline::check();
        let mut keys = vec![text::key(name), key.clone()];
        keys.extend(abbreviations.iter().filter(|(_, long)| long == key).map(|(short, _)| text::key(short)));
        keys.dedup();
        for k in keys.iter().filter(|k| k.len() >= 3) {
            for (s, e) in folded.find_key(k) {
                let (start, end) = folded.original_range(s, e);
                let clash = |a: usize, b: usize| found.iter().any(|&(fs, fe, _, _)| a < fe && fs < b);
                if !counted(start) || overlaps(&taken, start, end) || clash(start, end) || in_url(text, start) {
                    continue;
                }
                // An all-lower-case spelling of a name is an ordinary word, not the name.
                if !text[start..end].chars().any(|c| c.is_uppercase() || c.is_ascii_digit()) {
                    continue;
                }
                found.push((start, end, key, name));
            }
        }
    }
    // A discovered name must look like a name: capitals inside a word, digits or an acronym
    // ("WikiHow", "IIIT5K", "OLID"); or be cited right where it stands; or stand more than once
    // away from a sentence start ("the Ubuntu Dialogue Corpus ... Ubuntu Dialogue Corpus").
    let mut by_key: HashMap<&String, Vec<(usize, usize, &String)>> = HashMap::new();
    for (start, end, key, name) in found {
        crate::deadline::check();
        by_key.entry(key).or_default().push((start, end, name));
    }
    let mut keys: Vec<&String> = by_key.keys().copied().collect();
    keys.sort();
    for key in keys {
        crate::deadline::check();
        let places = &by_key[key];
        let name = places[0].2;
        let proper = looks_like_a_proper_name(name) || name.split_whitespace().any(is_acronym);
        let cited = places.iter().any(|&(_, e, _)| callout_after(text, e, callouts).is_some());
        let repeated =
            places.iter().filter(|&&(s, _, _)| !starts_sentence(text, s) && !on_heading_line(text, s)).count() >= 2;
        if !(proper || cited || repeated || vouched.contains(key)) {
            continue;
        }
        for &(start, end, name) in places {
            mentions.push(mention(text, layout, DatasetRef::Discovered(key.clone()), start, end, Some(name.clone())));
        }
    }
    mentions.extend(cell_mentions);
    keep_web_sources_named_as_data(text, &mut mentions, registry);
    mentions.sort_by_key(|m| m.start);
    mentions
}

/// Longest key of a name that a space or slash makes ambiguous: "B/100" and "B 100" are most
/// often no "B100", where "Penn  Treebank" is still the Penn Treebank.
const SPLIT_KEY_MAX: usize = 4;

/// A short name written with a space or slash its alias does not have.
fn split_short_name(surface: &str, alias: &str) -> bool {
    // Between its letters and its number: "IJB - A" of tokenised text is still IJB-A.
    let splits = |s: &str| {
        let s = s.as_bytes();
        (1..s.len()).any(|i| {
            let gap = s[i..].iter().take_while(|b| b" /-".contains(b)).count();
            s[i - 1].is_ascii_alphabetic()
                && s.get(i + gap).is_some_and(u8::is_ascii_digit)
                && s[i..i + gap].iter().any(|b| b" /".contains(b))
        })
    };
    text::key(alias).len() <= SPLIT_KEY_MAX && splits(surface) && !splits(alias)
}

/// Whether the paper shows that an ambiguous name (an [`Ambiguity::Term`]) means the dataset:
/// not part of a longer term, and with words that say it is data, a citation of its
/// introducing paper, its unambiguous name elsewhere, or beside unambiguous datasets in a list
/// or a table row.
fn term_evidence(
    text: &str,
    h: &crate::registry::AliasHit,
    hits: &[crate::registry::AliasHit],
    callouts: &[Callout],
    refs: &[Reference],
    registry: &Registry,
    plainly_named: &HashSet<usize>,
) -> Option<ambiguity::Evidence> {
    use ambiguity::Evidence;
    if ambiguity::is_modifier(text, h.end) || !ambiguity::spelled_exactly(&text[h.start..h.end], &h.alias) {
        return None;
    }
    let sentence = sentence_at(text, h.start);
    let line = line_at(text, h.start);
    let table_row = text[line.0..line.1].contains(" | ");
    let listed = || {
        hits.iter().any(|o| {
            o.entry != h.entry
                && ambiguity::of(&text[o.start..o.end], &o.alias, o.needs_context) == Ambiguity::Plain
                && (ambiguity::listed_together(text, (h.start, h.end), (o.start, o.end))
                    || table_row && line.0 <= o.start && o.end <= line.1)
        })
    };
    if let Some(words) = ambiguity::words_say_data(text, h.start, h.end, sentence.0) {
        Some(words)
    } else if ambiguity::cites_intro(&registry.entries[h.entry], callout_after(text, h.end, callouts), refs) {
        Some(Evidence::IntroCited)
    } else if plainly_named.contains(&h.entry) {
        Some(Evidence::FullName)
    } else if listed() {
        Some(Evidence::ListedWithDatasets)
    } else {
        None
    }
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
fn keep_web_sources_named_as_data(text: &str, mentions: &mut Vec<Mention>, registry: &Registry) {
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
    mentions.retain(|m| named.get(&m.dataset).is_none_or(|&(count, data)| data || count >= 3));
}

fn mention(
    text: &str,
    layout: &Layout,
    dataset: DatasetRef,
    start: usize,
    end: usize,
    name: Option<String>,
) -> Mention {
    Mention {
        dataset,
        surface: text[start..end].to_string(),
        start,
        end,
        section: layout.kind_at(start),
        sentence: sentence_at(text, start),
        name,
        evidence: None,
    }
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
