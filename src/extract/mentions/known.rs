//! The registry's names where the text writes them, each kept or rejected by an ordered list of
//! named rules: a name counts where it is written as the registry writes it, and a short or
//! ambiguous one only where the paper shows it means the dataset.

use std::cell::OnceCell;
use std::collections::HashSet;

use super::ambiguity::{self, Ambiguity, Evidence};
use super::names::{TERM_HEAD, VERSION_SUFFIX};
use super::shape::*;
use super::tables::dataset_cells;
use super::{Context, DatasetRef, Decision, Explain, Mention, Source, DATA_CONTEXT};
use crate::registry::AliasHit;
use crate::text;

/// The registry's hits in one paper, with what the rules read across them.
struct Hits<'a> {
    ctx: &'a Context<'a>,
    hits: Vec<AliasHit>,
    /// Spans of the cells under a table's "Dataset" heading.
    cells: Vec<(usize, usize)>,
    /// Entries the paper names plainly somewhere (unambiguous, written as named).
    plainly_named: HashSet<usize>,
    /// The paper's own acronyms: (key of the short form, its long form).
    definitions: Vec<(String, String)>,
}

/// One hit as the rules see it.
struct Candidate<'h> {
    hit: &'h AliasHit,
    surface: &'h str,
    /// The whole of a dataset cell.
    in_cell: bool,
    short: bool,
    level: Ambiguity,
    /// What shows an ambiguous name means the dataset (computed when a rule first asks).
    evidence: OnceCell<Option<Evidence>>,
}

/// A rule that rejects a hit: its name (as `--explain` prints it) and its test.
type Rule = (&'static str, fn(&Hits, &Candidate) -> bool);

/// The rules, in the order they are tried; a hit that none rejects is a mention.
const REJECT: &[Rule] = &[
    ("inside a URL", |h, c| in_url(h.ctx.text, c.hit.start)),
    // "MIRACL-VC1" is not MIRACL.
    ("runs on into a longer name", |h, c| runs_on(h.ctx.text, c.hit.end, &h.hits)),
    // "Jumper et al., 2021" is an author, not the Procgen game.
    ("an author's name", |h, c| h.ctx.text[c.hit.end..].trim_start().starts_with("et al")),
    // "multiple" is a word, not MultiPL-E: a name written otherwise than the registry writes it
    // counts only where the paper also writes it properly.
    ("written otherwise than named", |h, c| !c.in_cell && !h.cased(c.hit) && !h.plainly_named.contains(&c.hit.entry)),
    // "German Traffic Signs Recognition Benchmark" is no Traffic dataset.
    ("part of a longer capitalised name", |h, c| {
        c.hit.needs_context && inside_capitalised_run(h.ctx.text, c.hit.start, c.hit.end)
    }),
    ("short or ambiguous, spelled otherwise", |_, c| {
        !c.in_cell && (c.short || c.hit.needs_context) && !same_letters(c.surface, &c.hit.alias)
    }),
    // "Crosstab based technique (CBT)": the paper's own acronyms are not the registry's.
    ("the paper defines it as something else", |h, c| h.defined_otherwise(c.hit)),
    // An ordinary word or a term of some field counts only where the paper shows it means the
    // dataset.
    ("an ordinary word or term without evidence", |h, c| h.evidence(c).is_none() && c.level == Ambiguity::Term),
    // "Fisher vectors", "Fisher information matrix", "Car model".
    ("part of the term that follows", |h, c| {
        !c.in_cell && c.hit.needs_context && TERM_HEAD.is_match(&h.ctx.text[c.hit.end..])
    }),
    ("short or ambiguous, with no data around it", |h, c| {
        !c.in_cell && (c.hit.needs_context || c.short) && !h.supported(c.hit)
    }),
];

/// Every registry name the paper writes, as mentions; and the spans of the cells under a
/// table's "Dataset" heading, which name datasets however they are written.
pub(super) fn find(ctx: &Context, explain: &mut Explain) -> (Vec<Mention>, Vec<(usize, usize)>) {
    let text = ctx.text;
    let hits: Vec<AliasHit> =
        ctx.registry.find(text, ctx.folded).into_iter().filter(|h| ctx.counted(h.start)).collect();
    let cells = dataset_cells(text, &hits.iter().map(|h| (h.start, h.end)).collect::<Vec<_>>());
    let mut all =
        Hits { ctx, hits, cells, plainly_named: HashSet::new(), definitions: ambiguity::own_definitions(text) };
    all.plainly_named =
        all.hits.iter().filter(|h| all.level(h) == Ambiguity::Plain && all.cased(h)).map(|h| h.entry).collect();
    let mut mentions = Vec::new();
    for hit in &all.hits {
        crate::deadline::check();
        let surface = &text[hit.start..hit.end];
        let c = Candidate {
            hit,
            surface,
            in_cell: all.cells.iter().any(|&(s, e)| s == hit.start && e == hit.end),
            short: is_short(&hit.alias),
            level: all.level(hit),
            evidence: OnceCell::new(),
        };
        let name = &ctx.registry.entries[hit.entry].name;
        if let Some(&(rule, _)) = REJECT.iter().find(|(_, rejects)| rejects(&all, &c)) {
            explain.push(|| Decision::rejected(Source::Registry, surface, Some((hit.start, hit.end)), rule).of(name));
            continue;
        }
        // "Europarl v7", "News Commentary v13": a version written after the name is part of the
        // surface (the dataset stays the same).
        let end = hit.end + VERSION_SUFFIX.find(&text[hit.end..]).map_or(0, |m| m.end());
        let mut found = ctx.mention(DatasetRef::Known(hit.entry), hit.start, end, None);
        found.evidence = all.evidence(&c).map(Evidence::as_str);
        explain.push(|| {
            let rule = if c.in_cell { "a dataset cell" } else { "written as the registry writes it" };
            Decision::accepted(Source::Registry, &found.surface, Some((found.start, found.end)), rule, found.evidence)
                .of(name)
        });
        mentions.push(found);
    }
    (mentions, all.cells)
}

impl Hits<'_> {
    /// Written as the registry writes it; and "Stereoset" for StereoSet, but not "Multiple" for
    /// MultiPL-E in a paper that writes "multiple" as a word.
    fn cased(&self, h: &AliasHit) -> bool {
        let text = self.ctx.text;
        let surface = &text[h.start..h.end];
        // A name of several words in lower case is still the name when "dataset" or "corpus"
        // follows it: "we pretrain on the one-billion-word corpus".
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
    }

    /// How ambiguous the hit is; a short name split by a space or slash ("B 100", "B/100" for
    /// B100) is as ambiguous as a term.
    fn level(&self, h: &AliasHit) -> Ambiguity {
        let surface = &self.ctx.text[h.start..h.end];
        if split_short_name(surface, &h.alias) {
            Ambiguity::Term
        } else {
            ambiguity::of(surface, &h.alias, h.needs_context)
        }
    }

    fn defined_otherwise(&self, h: &AliasHit) -> bool {
        let key = text::key(&h.alias);
        self.definitions.iter().any(|(short, long)| {
            *short == key && !ambiguity::long_form_names(&self.ctx.registry.entries[h.entry], long)
        })
    }

    /// For an ambiguous name, what shows the paper means the dataset; none for other names.
    fn evidence(&self, c: &Candidate) -> Option<Evidence> {
        *c.evidence.get_or_init(|| {
            if c.level != Ambiguity::Term {
                None
            } else if c.in_cell {
                Some(Evidence::DatasetCell)
            } else {
                self.term_evidence(c.hit)
            }
        })
    }

    /// Whether the paper shows that an ambiguous name (an [`Ambiguity::Term`]) means the
    /// dataset: not part of a longer term, and with words that say it is data, a citation of
    /// its introducing paper, its unambiguous name elsewhere, or beside unambiguous datasets in
    /// a list or a table row.
    fn term_evidence(&self, h: &AliasHit) -> Option<Evidence> {
        let text = self.ctx.text;
        if ambiguity::is_modifier(text, h.end) || !ambiguity::spelled_exactly(&text[h.start..h.end], &h.alias) {
            return None;
        }
        let sentence = sentence_at(text, h.start);
        let line = line_at(text, h.start);
        let table_row = text[line.0..line.1].contains(" | ");
        let listed = || {
            self.hits.iter().any(|o| {
                o.entry != h.entry
                    && ambiguity::of(&text[o.start..o.end], &o.alias, o.needs_context) == Ambiguity::Plain
                    && (ambiguity::listed_together(text, (h.start, h.end), (o.start, o.end))
                        || table_row && line.0 <= o.start && o.end <= line.1)
            })
        };
        let entry = &self.ctx.registry.entries[h.entry];
        if let Some(words) = ambiguity::words_say_data(text, h.start, h.end, sentence.0) {
            Some(words)
        } else if ambiguity::cites_intro(entry, callout_after(text, h.end, self.ctx.callouts), self.ctx.refs) {
            Some(Evidence::IntroCited)
        } else if self.plainly_named.contains(&h.entry) {
            Some(Evidence::FullName)
        } else if listed() {
            Some(Evidence::ListedWithDatasets)
        } else {
            None
        }
    }

    /// A short or ambiguous name, spelled exactly as the registry writes it, is supported by the
    /// sentence (words that speak of data, or other datasets named in it or in the same table
    /// row: "CiteULike | Netflix | MovieLens"), a citation, or an unambiguous name of the same
    /// dataset elsewhere in the paper.
    fn supported(&self, h: &AliasHit) -> bool {
        let text = self.ctx.text;
        let sentence = sentence_at(text, h.start);
        let cited = callout_after(text, h.end, self.ctx.callouts).is_some();
        let line = line_at(text, h.start);
        let among_datasets = self.hits.iter().any(|o| {
            o.entry != h.entry
                && !o.needs_context
                && !is_short(&o.alias)
                && (sentence.0 <= o.start && o.end <= sentence.1 || line.0 <= o.start && o.end <= line.1)
        });
        let context = DATA_CONTEXT.is_match(&text[sentence.0..sentence.1]) || among_datasets;
        context || cited || self.plainly_named.contains(&h.entry)
    }
}

/// Longest key of a name that a space or slash makes ambiguous: "B/100" and "B 100" are most
/// often no "B100", where "Penn  Treebank" is still the Penn Treebank.
const SPLIT_KEY_MAX: usize = 4;

/// A short name written with a space or slash its alias does not have.
pub(super) fn split_short_name(surface: &str, alias: &str) -> bool {
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
