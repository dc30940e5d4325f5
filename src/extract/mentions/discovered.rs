//! Names the registry does not know: candidates from the ways papers name data (cue phrases,
//! shared tasks, appositions, abbreviations, the paper's title, definitions, reference titles,
//! lists beside known datasets, a name before a citation of a paper about it, table cells), then
//! every place each stands in the text, then a decision on whether it looks like a name.

use std::collections::HashMap;

use super::lists::name_lists;
use super::names::*;
use super::shape::*;
use super::{Context, DatasetRef, Decision, Explain, Mention, Source, DATA_CONTEXT};
use crate::text::{self, Folded};

/// The discovered names so far: key → name as first written, and the source that found it.
#[derive(Default)]
struct Candidates {
    names: HashMap<String, (String, Source)>,
    /// (abbreviation, key of the long form it stands for), from "Long Form (LF)".
    abbreviations: Vec<(String, String)>,
    /// Keys of names the text itself calls data beside a known dataset ("the Citeseer and
    /// Pubmed datasets"): they need not look like names or stand twice.
    vouched: Vec<String>,
}

impl Candidates {
    /// A name found by `source`, kept where it is shaped as a name and the registry does not
    /// know it.
    fn consider(&mut self, ctx: &Context, name: &str, source: Source, explain: &mut Explain) {
        let name = clean_name(name);
        let rejected = if !acceptable_name(&name) {
            Some("not shaped as a dataset's name")
        } else if ctx.registry.lookup_index(&name).is_some() {
            Some("a registry name")
        } else {
            None
        };
        match rejected {
            Some(rule) => explain.push(|| Decision::rejected(source, &name, None, rule)),
            None => self.add(name, source),
        }
    }

    /// A name taken as it is (its generator has checked it).
    fn add(&mut self, name: String, source: Source) {
        self.names.entry(text::dataset_key(&name)).or_insert((name, source));
    }
}

/// A candidate generator: reads the paper (and the spans known datasets took) and adds names.
type Generator = fn(&Context, &[(usize, usize)], &mut Candidates, &mut Explain);

/// Candidate generators, in order (a key keeps the name and source that found it first).
const GENERATORS: &[Generator] = &[
    cue_phrases,
    shared_tasks,
    appositions,
    abbreviations,
    own_title,
    definitions,
    reference_titles,
    lists_beside_known,
    names_before_citations,
];

/// Every mention of a dataset the registry does not know; `taken` are the spans already
/// mentions of known datasets, `cells` the cells under a table's "Dataset" heading.
pub(super) fn find(
    ctx: &Context,
    taken: &[(usize, usize)],
    cells: &[(usize, usize)],
    explain: &mut Explain,
) -> Vec<Mention> {
    let mut found = Candidates::default();
    for generate in GENERATORS {
        generate(ctx, taken, &mut found, explain);
    }
    let mut taken = taken.to_vec();
    let cell_mentions = table_cells(ctx, cells, &mut taken, &mut found);
    // An abbreviation is one name of its long form's dataset, never a dataset of its own.
    found.abbreviations.retain(|(_, long)| found.names.contains_key(long));
    for (short, _) in &found.abbreviations {
        if let Some((name, source)) = found.names.remove(&text::dataset_key(short)) {
            explain.push(|| Decision::rejected(source, &name, None, "the abbreviation of another name"));
        }
    }
    let mut mentions = decide(ctx, &taken, &found, explain);
    mentions.extend(cell_mentions);
    mentions
}

/// "the X dataset", "X corpus", "the MNIST and SVHN datasets".
fn cue_phrases(ctx: &Context, taken: &[(usize, usize)], found: &mut Candidates, explain: &mut Explain) {
    let text = ctx.text;
    for c in CUE_PHRASE.captures_iter(text) {
        crate::deadline::check();
        let m = c.get(1).expect("group");
        if !ctx.counted(m.start()) {
            continue;
        }
        // A phrase that runs into a known dataset is trimmed after it only where a connector
        // follows it ("ImageNet and the Foo dataset"); otherwise the known name is part of a
        // longer one and the phrase is no new dataset.
        let from =
            taken.iter().filter(|&&(s, e)| s < m.end() && m.start() < e).map(|&(_, e)| e).max().unwrap_or(m.start());
        // A phrase never runs across a sentence's end ("... written for QXV. The corpus").
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
                found.consider(ctx, &name, Source::CuePhrase, explain);
            }
        }
    }
}

/// Shared tasks are datasets: "SemEval 2014 task 7", "the 2010 i2b2/VA challenge".
fn shared_tasks(ctx: &Context, taken: &[(usize, usize)], found: &mut Candidates, _: &mut Explain) {
    for c in SHARED_TASK.captures_iter(ctx.text) {
        crate::deadline::check();
        let m = c.get(0).expect("match");
        // A SemEval or Senseval year is a workshop; its tasks are the datasets.
        let workshop = c[1].to_lowercase().starts_with("semeval") || c[1].to_lowercase().starts_with("senseval");
        if ctx.counted(m.start()) && !overlaps(taken, m.start(), m.end()) && !(workshop && c.get(3).is_none()) {
            let name = shared_task_name(&c);
            if ctx.registry.lookup_index(&name).is_none() {
                found.add(name, Source::SharedTask);
            }
        }
    }
}

/// "we release ContraNLI, a dataset of 2,000 pairs", "SNLI-VE, a new benchmark for ...".
fn appositions(ctx: &Context, taken: &[(usize, usize)], found: &mut Candidates, explain: &mut Explain) {
    for c in APPOSITIVE.captures_iter(ctx.text) {
        crate::deadline::check();
        let m = c.get(1).expect("group");
        if ctx.counted(m.start()) && !overlaps(taken, m.start(), m.end()) && looks_like_a_proper_name(m.as_str()) {
            found.consider(ctx, m.as_str(), Source::Apposition, explain);
        }
    }
}

/// "Long Form Dataset (LFD)": the long form is a dataset where it ends in a data noun or one
/// follows the abbreviation, and the abbreviation is one of its names.
fn abbreviations(ctx: &Context, _: &[(usize, usize)], found: &mut Candidates, explain: &mut Explain) {
    let (text, registry) = (ctx.text, ctx.registry);
    for c in ABBREVIATION.captures_iter(text) {
        crate::deadline::check();
        let (long, short) = (c.get(1).expect("group"), &c[2]);
        if !ctx.counted(long.start()) || !initials_match(long.as_str(), short) {
            continue;
        }
        let long_name = trim_long_form(long.as_str(), short);
        let words: Vec<&str> = long.as_str().split_whitespace().collect();
        let known_suffix = (0..words.len()).any(|k| registry.lookup_index(&words[k..].join(" ")).is_some());
        if known_suffix || !initials_match(&long_name, short) {
            continue;
        }
        // "the Harbour Traffic Video (HTV) database", "the Retinal Vessel Atlas (RVA)
        // challenge dataset": the data noun may follow the abbreviation.
        let after = &text[c.get(0).expect("match").end()..];
        let noun_after = after.split_whitespace().take(2).enumerate().any(|(i, w)| {
            let w = w.trim_end_matches([',', '.', ';', ':']);
            is_generic_cue(w) && (i == 0 || !w.starts_with(char::is_uppercase))
        });
        // "the Semantic Textual Similarity (STS) benchmark" is the STS Benchmark.
        let noun = after.split_whitespace().next().unwrap_or("").trim_end_matches([',', '.', ';', ':']);
        let known_with_noun = noun_after && registry.lookup_index(&format!("{short} {noun}")).is_some();
        let unknown = registry.lookup_index(&long_name).is_none() && registry.lookup_index(short).is_none();
        if unknown && (GENERIC_TAIL.is_match(&long_name) || noun_after) && !known_with_noun {
            found.consider(ctx, &long_name, Source::Abbreviation, explain);
            found.abbreviations.push((short.to_string(), text::dataset_key(&clean_name(&long_name))));
        }
    }
}

/// The paper's own title: "WXR-500: A Large-Scale Benchmark for Reading Road Signs", where
/// the body names it too (a title garbled by extraction, "Wx R Xr", it does not).
fn own_title(ctx: &Context, _: &[(usize, usize)], found: &mut Candidates, explain: &mut Explain) {
    if let Some(name) = ctx.layout.title.as_deref().and_then(titled_dataset) {
        if ctx.folded.find_key(&text::key(&name)).nth(1).is_some() {
            found.consider(ctx, &name, Source::OwnTitle, explain);
        }
    }
}

/// A definition in a list: "- PHRT: The Persian Hotel Review Tweets dataset holds ...".
fn definitions(ctx: &Context, taken: &[(usize, usize)], found: &mut Candidates, explain: &mut Explain) {
    for c in DEFINED.captures_iter(ctx.text) {
        crate::deadline::check();
        let m = c.get(0).expect("match");
        if ctx.counted(m.start()) && m.len() <= DEFINITION_MAX_BYTES && !overlaps(taken, m.start(), m.end()) {
            found.consider(ctx, &c[1], Source::ListDefinition, explain);
        }
    }
}

/// Longest list item read as a definition: a line or two; past that the "Name:" is a label of
/// a paragraph, not a definition of the name.
const DEFINITION_MAX_BYTES: usize = 220;

/// A reference entry titled "X: a benchmark for ...".
fn reference_titles(ctx: &Context, _: &[(usize, usize)], found: &mut Candidates, _: &mut Explain) {
    for r in ctx.refs {
        crate::deadline::check();
        if let Some(name) = title_dataset_name(r) {
            if ctx.registry.lookup_index(&name).is_none() && acceptable_name(&name) {
                found.add(name, Source::ReferenceTitle);
            }
        }
    }
}

/// Names listed beside known datasets, in a table row or an enumeration: "on DUT-OMRON, HKU-IS
/// and PASCAL-S", "CiteULike | Netflix | Epinions".
fn lists_beside_known(ctx: &Context, taken: &[(usize, usize)], found: &mut Candidates, explain: &mut Explain) {
    let text = ctx.text;
    for (start, _, items) in name_lists(text, ctx.callouts) {
        crate::deadline::check();
        let known = items.iter().filter(|&&(is, ie)| overlaps(taken, is, ie)).count();
        // "on four datasets: Clipart1k, Watercolor2k and Comic2k": the words right before the
        // list say what it holds, where no member is known yet.
        let lead = text.floor_char_boundary(start.saturating_sub(40));
        let announced = PLURAL_DATA.find_iter(&text[lead..start]).last().is_some_and(|cue| {
            let between = text[lead + cue.end()..start].trim_matches(|c: char| c.is_whitespace() || ":,(".contains(c));
            matches!(between, "" | "namely" | "such as" | "including" | "like" | "i.e." | "e.g.")
        });
        if !ctx.counted(start) || known == 0 && !announced {
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
                if known != 1 || overlaps(taken, is, ie) {
                    continue;
                }
                if called_data && item.chars().next().is_some_and(char::is_uppercase) {
                    found.consider(ctx, item, Source::ListBesideKnown, explain);
                    found.vouched.push(text::dataset_key(&clean_name(item)));
                } else if speaks_of_data && looks_like_a_proper_name(item) {
                    found.consider(ctx, item, Source::ListBesideKnown, explain);
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
            if name_like && !overlaps(taken, is, ie) && item.split_whitespace().count() <= 3 {
                found.consider(ctx, item, Source::ListBesideKnown, explain);
            }
        }
    }
}

/// "Dakshina (Roark et al., 2020)" where the cited entry is titled "... the Dakshina dataset":
/// a name right before a citation of a paper about data by that name.
fn names_before_citations(ctx: &Context, taken: &[(usize, usize)], found: &mut Candidates, _: &mut Explain) {
    for c in ctx.callouts {
        crate::deadline::check();
        if !ctx.counted(c.start) {
            continue;
        }
        let Some(name) = name_before(ctx.text, c.start) else { continue };
        let key = text::dataset_key(&name);
        if key.len() < 3 || overlaps(taken, c.start.saturating_sub(name.len() + 2), c.start) {
            continue;
        }
        let titled = c.targets.iter().any(|&t| {
            let title = ctx.refs[t].parsed.title.as_deref().unwrap_or("");
            TITLE_CUE.is_match(title) && Folded::new(title).contains_key(&key)
        });
        if titled && acceptable_name(&name) && ctx.registry.lookup_index(&name).is_none() {
            found.add(name, Source::CitedTitle);
        }
    }
}

/// A dataset cell the registry does not know is a dataset by that name, as written there.
fn table_cells(
    ctx: &Context,
    cells: &[(usize, usize)],
    taken: &mut Vec<(usize, usize)>,
    found: &mut Candidates,
) -> Vec<Mention> {
    let text = ctx.text;
    let mut mentions = Vec::new();
    for &(s, e) in cells {
        crate::deadline::check();
        let name = clean_name(&text[s..e]);
        if !ctx.counted(s)
            || overlaps(taken, s, e)
            || !shaped_as_a_name(&name)
            || !name.chars().any(char::is_alphabetic)
        {
            continue;
        }
        let key = text::dataset_key(&name);
        found.names.entry(key.clone()).or_insert_with(|| (name.clone(), Source::TableCell));
        mentions.push(ctx.mention(DatasetRef::Discovered(key), s, e, Some(name)));
        taken.push((s, e));
    }
    mentions
}

/// Every place a discovered name stands in the body (with its generic noun where the paper
/// writes one, "Ubuntu Dialogue Corpus", else without), kept where the name looks like a name:
/// capitals inside a word, digits or an acronym ("WikiHow", "IIIT5K", "OLID"); or is cited
/// right where it stands; or stands more than once away from a sentence start.
fn decide(ctx: &Context, taken: &[(usize, usize)], found: &Candidates, explain: &mut Explain) -> Vec<Mention> {
    let text = ctx.text;
    let mut names: Vec<(&String, &(String, Source))> = found.names.iter().collect();
    names.sort();
    let mut places: Vec<(usize, usize, &String, &String)> = Vec::new();
    for (key, (name, _)) in names {
        crate::deadline::check();
        let mut keys = vec![text::key(name), key.clone()];
        keys.extend(found.abbreviations.iter().filter(|(_, long)| long == key).map(|(short, _)| text::key(short)));
        keys.dedup();
        for k in keys.iter().filter(|k| k.len() >= 3) {
            for (s, e) in ctx.folded.find_key(k) {
                let (start, end) = ctx.folded.original_range(s, e);
                let clash = |a: usize, b: usize| places.iter().any(|&(fs, fe, _, _)| a < fe && fs < b);
                if !ctx.counted(start) || overlaps(taken, start, end) || clash(start, end) || in_url(text, start) {
                    continue;
                }
                // An all-lower-case spelling of a name is an ordinary word, not the name.
                if !text[start..end].chars().any(|c| c.is_uppercase() || c.is_ascii_digit()) {
                    continue;
                }
                places.push((start, end, key, name));
            }
        }
    }
    let mut by_key: HashMap<&String, Vec<(usize, usize, &String)>> = HashMap::new();
    for (start, end, key, name) in places {
        by_key.entry(key).or_default().push((start, end, name));
    }
    let mut keys: Vec<&String> = by_key.keys().copied().collect();
    keys.sort();
    let mut mentions = Vec::new();
    for key in keys {
        crate::deadline::check();
        let places = &by_key[key];
        let name = places[0].2;
        let source = found.names[key].1;
        let rule = if looks_like_a_proper_name(name) || name.split_whitespace().any(is_acronym) {
            "shaped as a name"
        } else if places.iter().any(|&(_, e, _)| callout_after(text, e, ctx.callouts).is_some()) {
            "cited where it stands"
        } else if places.iter().filter(|&&(s, _, _)| !starts_sentence(text, s) && !on_heading_line(text, s)).count()
            >= 2
        {
            "stands twice within sentences"
        } else if found.vouched.contains(key) {
            "called data beside a known dataset"
        } else {
            explain.push(|| Decision::rejected(source, name, Some((places[0].0, places[0].1)), "looks like no name"));
            continue;
        };
        for &(start, end, name) in places {
            let found = ctx.mention(DatasetRef::Discovered(key.clone()), start, end, Some(name.clone()));
            explain.push(|| Decision::accepted(source, name, Some((start, end)), rule, None));
            mentions.push(found);
        }
    }
    mentions
}
