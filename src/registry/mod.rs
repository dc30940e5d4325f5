//! The dataset registry: known datasets, their aliases and families, and the index that finds them.
//!
//! Loaded from the built-in seeds (or a catalog); the alias index finds the names in a paper's
//! text.

use std::collections::HashMap;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use crate::text::{self, Folded};
use crate::Error;

mod pwc;

pub use pwc::{parse_pwc_jsonl, PwcSkipped};

mod seeds {
    include!(concat!(env!("OUT_DIR"), "/seeds.rs"));
}

/// The paper that introduced a dataset, as the registry knows it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct IntroPaper {
    pub title: Option<String>,
    /// Surname of the first author.
    pub author: Option<String>,
    pub year: Option<i32>,
}

/// One known dataset.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DatasetEntry {
    pub name: String,
    pub aliases: Vec<String>,
    /// The `name` of the family this dataset is a version or member of.
    pub family: Option<String>,
    pub version: Option<String>,
    pub domain: Option<String>,
    /// Names and aliases that are also ordinary words or ambiguous acronyms (as given).
    pub needs_context: Vec<String>,
    pub intro: IntroPaper,
}

impl DatasetEntry {
    /// The name followed by the aliases.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.name.as_str()).chain(self.aliases.iter().map(String::as_str))
    }

    pub fn key(&self) -> String {
        text::dataset_key(&self.name)
    }
}

/// A row of a seed or registry CSV file (see `seeds/README.md`).
#[derive(Debug, Deserialize, Serialize)]
pub struct RegistryRow {
    pub name: String,
    #[serde(default)]
    pub aliases: String,
    #[serde(default)]
    pub family: String,
    #[serde(default)]
    pub version: String,
    #[serde(default)]
    pub needs_context: String,
    #[serde(default)]
    pub intro_title: String,
    #[serde(default)]
    pub intro_author: String,
    #[serde(default)]
    pub intro_year: String,
    #[serde(default)]
    pub domain: Option<String>,
    /// Where the dataset came from (`seed`, `import`, `manual`, `discovered`), on export only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub origin: Option<String>,
}

fn split_list(s: &str) -> Vec<String> {
    s.split('|').map(str::trim).filter(|x| !x.is_empty()).map(String::from).collect()
}

fn non_empty(s: &str) -> Option<String> {
    let s = s.trim();
    (!s.is_empty()).then(|| s.to_string())
}

impl RegistryRow {
    fn into_entry(self, domain: Option<&str>) -> Result<DatasetEntry, String> {
        if self.name.trim().is_empty() || text::key(&self.name).is_empty() {
            return Err("empty name".into());
        }
        let year = match non_empty(&self.intro_year) {
            None => None,
            Some(y) => Some(text::year_of(&y).ok_or_else(|| format!("intro_year {y:?} is not a year"))?),
        };
        Ok(DatasetEntry {
            name: self.name.trim().to_string(),
            aliases: split_list(&self.aliases),
            family: non_empty(&self.family),
            version: non_empty(&self.version),
            domain: self.domain.as_deref().and_then(non_empty).or_else(|| domain.map(String::from)),
            needs_context: split_list(&self.needs_context),
            intro: IntroPaper { title: non_empty(&self.intro_title), author: non_empty(&self.intro_author), year },
        })
    }
}

impl From<&DatasetEntry> for RegistryRow {
    fn from(e: &DatasetEntry) -> Self {
        RegistryRow {
            name: e.name.clone(),
            aliases: e.aliases.join("|"),
            family: e.family.clone().unwrap_or_default(),
            version: e.version.clone().unwrap_or_default(),
            needs_context: e.needs_context.join("|"),
            intro_title: e.intro.title.clone().unwrap_or_default(),
            intro_author: e.intro.author.clone().unwrap_or_default(),
            intro_year: e.intro.year.map(|y| y.to_string()).unwrap_or_default(),
            domain: e.domain.clone(),
            origin: None,
        }
    }
}

/// Parses registry CSV text (the seed format, with an optional `domain` column).
pub fn parse_csv(source: &str, csv_text: &str, domain: Option<&str>) -> Result<Vec<DatasetEntry>, Error> {
    let mut reader = csv::ReaderBuilder::new().trim(csv::Trim::All).from_reader(csv_text.as_bytes());
    let mut out = Vec::new();
    for (i, row) in reader.deserialize::<RegistryRow>().enumerate() {
        let line = i + 2;
        let row = row.map_err(|e| Error::Registry { source_name: source.to_string(), line, reason: e.to_string() })?;
        let entry = row.into_entry(domain).map_err(|reason| Error::Registry {
            source_name: source.to_string(),
            line,
            reason,
        })?;
        out.push(entry);
    }
    Ok(out)
}

/// Punctuation that may stand inside a dataset's name as written ("CIFAR-10", "SQuAD v1.1",
/// "CNN/Daily Mail", "D&D", "WHAM!", "Ima-geNet" broken at a line end).
const NAME_PUNCTUATION: &str = "-‐–./'’&+_!*#,";

/// How one alias of the index reads.
#[derive(Debug, Clone)]
struct AliasPattern {
    entry: usize,
    alias: String,
    needs_context: bool,
    /// Words in the alias as written, to bound how many words of text a match may span.
    words: usize,
}

/// Where an alias of a known dataset stands in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AliasHit {
    /// Index into [`Registry::entries`].
    pub entry: usize,
    /// The alias (or name) as the registry writes it.
    pub alias: String,
    /// Byte range in the original text.
    pub start: usize,
    pub end: usize,
    /// The alias is an ordinary word or an ambiguous acronym: the hit needs context.
    pub needs_context: bool,
}

/// Every name's key, found where a word starts in a folded text (a name never starts inside a
/// word). Keys are looked up by their first three letters (two for two-letter keys) and compared
/// in full. A single ingest pays for this index before its paper's mentions can be found: with
/// the registry's 9,000 keys the whole index builds in about 7 ms, where an Aho-Corasick
/// automaton alone took 9; searching a paper costs about the same.
#[derive(Debug, Default)]
struct AliasIndex {
    keys: Vec<String>,
    patterns: Vec<AliasPattern>,
    /// Key ids by the key's first bytes ([`prefix_code`]).
    by_prefix: HashMap<u32, Vec<u32>>,
}

/// The first three bytes of a key (two for a key of two), with their count, as one number.
fn prefix_code(bytes: &[u8]) -> u32 {
    let n = bytes.len().min(3);
    bytes[..n].iter().fold(n as u32, |code, &b| code << 8 | u32::from(b))
}

impl AliasIndex {
    fn new(keys: Vec<String>, patterns: Vec<AliasPattern>) -> AliasIndex {
        let mut by_prefix: HashMap<u32, Vec<u32>> = HashMap::new();
        for (id, key) in keys.iter().enumerate() {
            by_prefix.entry(prefix_code(key.as_bytes())).or_default().push(id as u32);
        }
        AliasIndex { keys, patterns, by_prefix }
    }

    /// (start, end, pattern) of every key that the folded text spells from a word's start.
    fn starting_at_words<'a>(&'a self, folded: &'a Folded) -> impl Iterator<Item = (usize, usize, usize)> + 'a {
        let text = folded.text.as_bytes();
        folded.word_starts().flat_map(move |s| {
            let rest = &text[s..];
            let codes = [
                (rest.len() >= 3).then(|| prefix_code(&rest[..3])),
                (rest.len() >= 2).then(|| prefix_code(&rest[..2])),
            ];
            codes
                .into_iter()
                .flatten()
                .filter_map(|code| self.by_prefix.get(&code))
                .flatten()
                .filter(move |&&id| rest.starts_with(self.keys[id as usize].as_bytes()))
                .map(move |&id| (s, s + self.keys[id as usize].len(), id as usize))
        })
    }
}

/// Known datasets, indexed by the keys of their names and aliases. Both indexes are built on
/// first use, or ahead of it by [`Registry::prepare`] on another thread.
#[derive(Debug, Default)]
pub struct Registry {
    pub entries: Vec<DatasetEntry>,
    by_key: OnceLock<HashMap<String, usize>>,
    index: OnceLock<AliasIndex>,
}

impl Registry {
    /// The built-in registry from `seeds/`.
    pub fn builtin() -> Result<Registry, Error> {
        let mut entries = Vec::new();
        for (domain, csv_text) in seeds::SEED_FILES {
            entries.extend(parse_csv(&format!("seeds/{domain}.csv"), csv_text, Some(domain))?);
        }
        Ok(Registry::new(entries))
    }

    /// The seed files' combined text, to tell whether a catalog's copy is current.
    pub fn builtin_fingerprint() -> String {
        use sha2::{Digest, Sha256};
        let mut h = Sha256::new();
        // How the catalog keys the seeds' aliases is part of what it holds of them: a catalog
        // whose seed aliases were keyed another way is brought up to date like one with old seeds.
        h.update(text::ALIAS_KEYS.as_bytes());
        for (domain, csv_text) in seeds::SEED_FILES {
            h.update(domain.as_bytes());
            h.update(csv_text.as_bytes());
        }
        crate::hex(&h.finalize())
    }

    /// A registry of these entries. Where two entries claim one key, the first keeps it.
    pub fn new(entries: Vec<DatasetEntry>) -> Registry {
        Registry { entries, by_key: OnceLock::new(), index: OnceLock::new() }
    }

    /// Each key of a name or alias, and the entry that holds it.
    fn by_key(&self) -> &HashMap<String, usize> {
        self.by_key.get_or_init(|| {
            let mut by_key = HashMap::new();
            for (i, e) in self.entries.iter().enumerate() {
                by_key.entry(e.key()).or_insert(i);
                for n in e.names() {
                    let k = text::key(n);
                    if !k.is_empty() {
                        by_key.entry(k).or_insert(i);
                    }
                }
            }
            by_key
        })
    }

    /// The entry a name or alias denotes, by its key.
    pub fn lookup(&self, name: &str) -> Option<&DatasetEntry> {
        self.lookup_index(name).map(|i| &self.entries[i])
    }

    pub fn lookup_index(&self, name: &str) -> Option<usize> {
        let by_key = self.by_key();
        by_key.get(&text::key(name)).or_else(|| by_key.get(&text::dataset_key(name))).copied()
    }

    /// Pairs of entries that claim the same key (only the first is reachable by it).
    pub fn key_conflicts(&self) -> Vec<(String, String, String)> {
        let mut seen: HashMap<String, usize> = HashMap::new();
        let mut out = Vec::new();
        for (i, e) in self.entries.iter().enumerate() {
            let mut keys: Vec<String> = e.names().map(text::key).filter(|k| !k.is_empty()).collect();
            keys.sort();
            keys.dedup();
            for k in keys {
                if let Some(&j) = seen.get(&k) {
                    if j != i {
                        out.push((k.clone(), self.entries[j].name.clone(), e.name.clone()));
                    }
                } else {
                    seen.insert(k, i);
                }
            }
        }
        out
    }

    /// Builds the indexes now, so that another thread can build them while the caller reads;
    /// [`Registry::find`] and [`Registry::lookup`] wait for them if they are not done.
    pub fn prepare(&self) {
        self.index();
    }

    fn index(&self) -> &AliasIndex {
        self.index.get_or_init(|| {
            let by_key = self.by_key();
            let mut patterns: Vec<AliasPattern> = Vec::new();
            let mut keys: Vec<String> = Vec::new();
            let mut seen = std::collections::HashSet::new();
            // A name of several words that ends in a plural is also written in the singular:
            // "Yahoo! Answer" for Yahoo Answers; those come after every name as written.
            let mut singulars: Vec<AliasPattern> = Vec::new();
            for (i, e) in self.entries.iter().enumerate() {
                let context_keys: Vec<String> = e.needs_context.iter().map(|n| text::key(n)).collect();
                for n in e.names() {
                    let k = text::key(n);
                    let needs_context = context_keys.contains(&k);
                    if let Some(singular) = singular_of_last_word(n) {
                        let words = Folded::count_words(&singular);
                        singulars.push(AliasPattern { entry: i, alias: singular, needs_context, words });
                    }
                    // Keys of one or two characters are too easily found by accident.
                    if k.len() < 2 || by_key.get(&k) != Some(&i) || !seen.insert(k.clone()) {
                        continue;
                    }
                    patterns.push(AliasPattern {
                        entry: i,
                        alias: n.to_string(),
                        needs_context,
                        words: Folded::count_words(n),
                    });
                    keys.push(k);
                }
            }
            for pattern in singulars {
                let k = text::key(&pattern.alias);
                if !by_key.contains_key(&k) && seen.insert(k.clone()) {
                    patterns.push(pattern);
                    keys.push(k);
                }
            }
            AliasIndex::new(keys, patterns)
        })
    }

    /// Every alias hit in `original` (folded as `folded`), longest first where hits overlap.
    pub fn find(&self, original: &str, folded: &Folded) -> Vec<AliasHit> {
        let index = self.index();
        let patterns = &index.patterns;
        let mut candidates: Vec<(usize, usize, usize)> = Vec::new();
        for (s, e, pid) in index.starting_at_words(folded) {
            crate::deadline::check();
            if !folded.on_boundaries(s, e) {
                continue;
            }
            let p = &patterns[pid];
            // One extra word for a line-end hyphen or a space ("Ima-geNet", "Image Net").
            if folded.words_in(s, e) > p.words + 1 {
                continue;
            }
            // A name never runs across a clause, a bracket or mathematics ("ImageNet, a ..." is no
            // ImageNet-A, "C ∈ R" no CR).
            let (os, oe) = folded.original_range(s, e);
            let surface = &original[os..oe];
            if surface.contains(", ")
                || surface.contains(". ")
                || surface.contains("\n\n")
                || surface.chars().any(|c| {
                    // Brackets only where the name has them: "DR(eye)VE".
                    !(c.is_alphanumeric()
                        || c.is_whitespace()
                        || NAME_PUNCTUATION.contains(c)
                        || "()".contains(c) && p.alias.contains(c))
                })
            {
                continue;
            }
            candidates.push((s, e, pid));
        }
        // Longest first, then leftmost; keep hits that overlap none already kept.
        candidates.sort_by_key(|&(s, e, _)| (std::cmp::Reverse(e - s), s));
        // The kept hits, disjoint, by start: of them only the last to start before `e` can
        // overlap `s..e` (it ends last of those), so each candidate costs one lookup.
        let mut taken: std::collections::BTreeMap<usize, usize> = std::collections::BTreeMap::new();
        let mut hits = Vec::new();
        for (s, e, pid) in candidates {
            crate::deadline::check();
            if taken.range(..e).next_back().is_some_and(|(_, &te)| s < te) {
                continue;
            }
            taken.insert(s, e);
            let p = &patterns[pid];
            let (start, end) = folded.original_range(s, e);
            let hit = AliasHit { entry: p.entry, alias: p.alias.clone(), start, end, needs_context: p.needs_context };
            hits.push(self.member_by_year(original, hit));
        }
        hits.sort_by_key(|h| h.start);
        hits
    }

    /// A family's name beside a year names the member of that year: "2010 i2b2" is i2b2 2010,
    /// "DUC-2004" DUC 2004, where the registry has such a member.
    fn member_by_year(&self, original: &str, hit: AliasHit) -> AliasHit {
        let is_year = |s: &str| {
            s.len() == 4 && (s.starts_with("19") || s.starts_with("20")) && s.bytes().all(|b| b.is_ascii_digit())
        };
        let before = original[..hit.start].strip_suffix([' ', '-']).unwrap_or("");
        let year_before = before
            .get(before.len().saturating_sub(4)..)
            .filter(|y| is_year(y) && !before[..before.len() - 4].ends_with(|c: char| c.is_alphanumeric()));
        let after = original[hit.end..].strip_prefix([' ', '-']).unwrap_or("");
        let year_after =
            after.get(..4).filter(|y| is_year(y) && !after[4..].starts_with(|c: char| c.is_alphanumeric()));
        let family = &self.entries[hit.entry].name;
        let member = |year: &str| {
            self.entries.iter().position(|m| m.family.as_ref() == Some(family) && m.version.as_deref() == Some(year))
        };
        if let Some(m) = year_before.and_then(member) {
            let start = hit.start - (original[..hit.start].len() - before.len()) - 4;
            return AliasHit { entry: m, alias: original[start..hit.end].to_string(), start, ..hit };
        }
        if let Some(m) = year_after.and_then(member) {
            let end = hit.end + (original[hit.end..].len() - after.len()) + 4;
            return AliasHit { entry: m, alias: original[hit.start..end].to_string(), end, ..hit };
        }
        hit
    }
}

/// "Yahoo Answers" → "Yahoo Answer": a name of two words or more whose last word is a plain
/// English plural ("Answers", "Reviews", not "Class", "Corpus", "Analysis" or an acronym).
fn singular_of_last_word(name: &str) -> Option<String> {
    let (head, last) = name.rsplit_once(' ')?;
    let stem = last.strip_suffix('s')?;
    let plain = stem.len() >= 4 && last.chars().skip(1).all(|c| c.is_lowercase()) && !stem.ends_with(['s', 'u', 'i']);
    plain.then(|| format!("{head} {stem}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn small() -> Registry {
        let csv = "name,aliases,family,version,needs_context,intro_title,intro_author,intro_year\n\
                   CIFAR-10,CIFAR10,CIFAR,10,,Learning Multiple Layers of Features from Tiny Images,Krizhevsky,2009\n\
                   CIFAR-100,,CIFAR,100,,,Krizhevsky,2009\n\
                   CIFAR,,,,,,,\n\
                   MultiNLI,MNLI|Multi-Genre Natural Language Inference|Multi-Genre NLI,GLUE,,,,Williams,2018\n\
                   CommitmentBank,CB,SuperGLUE,,CB,,,\n";
        Registry::new(parse_csv("test", csv, Some("test")).unwrap())
    }

    #[test]
    fn lookup_by_any_spelling() {
        let r = small();
        assert_eq!(r.lookup("cifar10").unwrap().name, "CIFAR-10");
        assert_eq!(r.lookup("Multi-Genre NLI").unwrap().name, "MultiNLI");
        assert_eq!(r.lookup("the MNLI dataset").unwrap().name, "MultiNLI");
        assert_eq!(r.lookup("CIFAR-100").unwrap().name, "CIFAR-100");
        assert!(r.lookup("SVHN").is_none());
    }

    #[test]
    fn find_prefers_longest_and_respects_boundaries() {
        let r = small();
        let t = "We train on CIFAR-100, CIFAR10 and Multi-Genre Natural Language Inference (MNLI) with CB.";
        let hits = r.find(t, &Folded::new(t));
        let names: Vec<(&str, &str)> =
            hits.iter().map(|h| (r.entries[h.entry].name.as_str(), &t[h.start..h.end])).collect();
        assert_eq!(
            names,
            vec![
                ("CIFAR-100", "CIFAR-100"),
                ("CIFAR-10", "CIFAR10"),
                ("MultiNLI", "Multi-Genre Natural Language Inference"),
                ("MultiNLI", "MNLI"),
                ("CommitmentBank", "CB"),
            ]
        );
        assert!(hits.last().unwrap().needs_context);
    }

    #[test]
    fn a_family_beside_a_year_is_that_years_member() {
        let csv = "name,aliases,family,version,needs_context,intro_title,intro_author,intro_year\n\
                   i2b2,,,,,,,\n\
                   i2b2 2010,,i2b2,2010,,,,\n";
        let r = Registry::new(parse_csv("t", csv, None).unwrap());
        let names = |t: &str| {
            r.find(t, &Folded::new(t))
                .iter()
                .map(|h| (r.entries[h.entry].name.clone(), &t[h.start..h.end]))
                .collect::<Vec<_>>()
                .into_iter()
                .map(|(n, s)| format!("{n}={s}"))
                .collect::<Vec<_>>()
        };
        assert_eq!(names("the 2010 i2b2/VA task"), ["i2b2 2010=2010 i2b2"]);
        assert_eq!(names("on i2b2-2010 and i2b2 2012"), ["i2b2 2010=i2b2-2010", "i2b2=i2b2"]);
        assert_eq!(names("in 12010 i2b2"), ["i2b2=i2b2"]);
    }

    #[test]
    fn brackets_stand_in_a_name_only_where_the_name_has_them() {
        let csv = "name,aliases,family,version,needs_context,intro_title,intro_author,intro_year\n\
                   DR(eye)VE,,,,,,,\n\
                   CR,,,,,,,\n";
        let r = Registry::new(parse_csv("t", csv, None).unwrap());
        let t = "frames of the DR(eye)VE dataset, and C(R) is a function";
        let found: Vec<&str> = r.find(t, &Folded::new(t)).iter().map(|h| &t[h.start..h.end]).collect();
        assert_eq!(found, ["DR(eye)VE"]);
    }

    #[test]
    fn a_plural_name_is_found_in_the_singular_too() {
        let csv = "name,aliases,family,version,needs_context,intro_title,intro_author,intro_year\n\
                   Yahoo Answers,,,,,,,\n\
                   Penn Treebank,PTB Corpus,,,,,,\n";
        let r = Registry::new(parse_csv("t", csv, None).unwrap());
        let t = "on Yahoo! Answer and the PTB Corpu, not the Penn Treebank";
        let found: Vec<&str> = r.find(t, &Folded::new(t)).iter().map(|h| &t[h.start..h.end]).collect();
        assert_eq!(found, ["Yahoo! Answer", "Penn Treebank"]);
        assert_eq!(singular_of_last_word("Natural Questions").as_deref(), Some("Natural Question"));
        assert_eq!(singular_of_last_word("Brown Corpus"), None);
        assert_eq!(singular_of_last_word("Sentiment Analysis"), None);
        assert_eq!(singular_of_last_word("MS MARCO QAs"), None);
    }

    #[test]
    fn bad_rows_name_the_file_and_line() {
        let csv = "name,aliases,family,version,needs_context,intro_title,intro_author,intro_year\nX,,,,,,,19xx\n";
        let err = parse_csv("seeds/x.csv", csv, None).unwrap_err();
        assert_eq!(err.kind(), crate::ErrorKind::Invalid);
        assert!(matches!(&err, Error::Registry { source_name, line: 2, .. } if source_name == "seeds/x.csv"), "{err}");
    }
}

#[cfg(test)]
mod seed_tests {
    use super::*;

    #[test]
    fn builtin_seeds_are_consistent() {
        let r = Registry::builtin().unwrap();
        assert!(r.entries.len() >= 300, "{} seeds", r.entries.len());
        let conflicts = r.key_conflicts();
        assert!(conflicts.is_empty(), "names shared by two datasets: {conflicts:?}");
        for e in &r.entries {
            if let Some(f) = &e.family {
                assert!(r.lookup(f).is_some_and(|x| &x.name == f), "{}: family {f} has no row", e.name);
            }
            for n in &e.needs_context {
                assert!(
                    e.names().any(|x| text::key(x) == text::key(n)),
                    "{}: needs_context {n} is not one of its names",
                    e.name
                );
            }
        }
        let domains: std::collections::HashSet<_> = r.entries.iter().filter_map(|e| e.domain.as_deref()).collect();
        for d in ["vision", "language", "speech", "rl", "graphs", "tabular", "biomedical"] {
            assert!(domains.contains(d), "no {d} seeds");
        }
    }

    #[test]
    fn seeds_keep_versions_apart() {
        let r = Registry::builtin().unwrap();
        let name = |s: &str| r.lookup(s).map(|e| e.name.clone());
        assert_ne!(name("CIFAR-10"), name("CIFAR-100"));
        assert_ne!(name("SQuAD 1.1"), name("SQuAD 2.0"));
        assert_eq!(name("MNLI"), name("Multi-Genre Natural Language Inference"));
        assert_eq!(name("MNLI"), name("MultiNLI"));
        assert_eq!(name("BooksCorpus"), name("BookCorpus"));
        assert_eq!(name("ILSVRC-2012"), name("ImageNet"));
    }
}
