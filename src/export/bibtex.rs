//! BibTeX: one entry per canonical citation, written through the biblatex crate.
//!
//! Names are split into family (particles kept: "van der Maaten"), given and suffix; a title's
//! words whose capitals matter ("ImageNet", "BERT") are braced one by one, never the whole title.

use biblatex::{Bibliography, Chunk, Entry, EntryType, Spanned};

use super::{bibtex_keys, kind_of, whole_url, EntryKind};
use crate::bib::names::Name;
use crate::bib::CitationRecord;

/// The share of a title's letters in capitals above which it is shouting (damaged, or an
/// all-caps style): its capitals say nothing about the words, so none is protected.
const SHOUTING: f64 = 0.6;

/// One author as BibTeX reads a name: "von Last, First" or "von Last, Jr, First".
fn bibtex_name(written: &str) -> String {
    let name = Name::parse(written);
    match (name.given.is_empty(), name.suffix.is_empty()) {
        (true, true) => name.family,
        (false, true) => format!("{}, {}", name.family, name.given),
        (true, false) => format!("{}, {}, ", name.family, name.suffix).trim_end_matches(", ").to_string(),
        (false, false) => format!("{}, {}, {}", name.family, name.suffix, name.given),
    }
}

/// A word whose capitals a style must not change: a capital after its first letter
/// ("ImageNet", "BERT", "CIFAR-10"), or a first-letter capital with digits ("Q8").
fn keeps_its_capitals(word: &str) -> bool {
    let mut letters = word.chars().filter(|c| c.is_alphabetic());
    letters.next();
    letters.any(char::is_uppercase)
        || (word.starts_with(char::is_uppercase) && word.contains(|c: char| c.is_ascii_digit()))
}

/// A title as chunks: the words that keep their capitals verbatim (braced), the rest as text.
fn title_chunks(title: &str) -> Vec<Spanned<Chunk>> {
    let letters: Vec<char> = title.chars().filter(|c| c.is_alphabetic()).collect();
    let capitals = letters.iter().filter(|c| c.is_uppercase()).count();
    let shouting = !letters.is_empty() && capitals as f64 / letters.len() as f64 > SHOUTING;
    let mut chunks: Vec<Spanned<Chunk>> = Vec::new();
    let mut text = String::new();
    for (i, word) in title.split_whitespace().enumerate() {
        let space = if i == 0 { "" } else { " " };
        if !shouting && keeps_its_capitals(word) {
            text.push_str(space);
            chunks.push(Spanned::detached(Chunk::Normal(std::mem::take(&mut text))));
            chunks.push(Spanned::detached(Chunk::Verbatim(word.to_string())));
        } else {
            text.push_str(space);
            text.push_str(word);
        }
    }
    chunks.push(Spanned::detached(Chunk::Normal(text)));
    chunks.retain(|c| !c.v.get().is_empty());
    chunks
}

fn text(value: &str) -> Vec<Spanned<Chunk>> {
    vec![Spanned::detached(Chunk::Normal(value.trim().to_string()))]
}

/// A DOI, eprint or URL: written whole and unescaped but for braces and backslashes (biblatex
/// knows these fields as verbatim), in one pair of braces.
fn identifier(value: &str) -> Vec<Spanned<Chunk>> {
    vec![Spanned::detached(Chunk::Normal(value.trim().to_string()))]
}

/// One citation as an entry of its kind, with the fields the catalog has for it.
fn entry(c: &CitationRecord, key: String) -> Entry {
    let kind = kind_of(c);
    let entry_type = match kind {
        EntryKind::Article => EntryType::Article,
        EntryKind::Proceedings => EntryType::InProceedings,
        EntryKind::Preprint | EntryKind::Other => EntryType::Misc,
    };
    let mut e = Entry::new(key, entry_type);
    let present = |v: &Option<String>| v.as_deref().map(str::trim).filter(|v| !v.is_empty()).map(String::from);
    if let Some(t) = present(&c.title) {
        e.set("title", title_chunks(&t));
    }
    let authors: Vec<String> = c.authors.iter().filter(|a| !a.trim().is_empty()).map(|a| bibtex_name(a)).collect();
    if !authors.is_empty() {
        e.set("author", text(&authors.join(" and ")));
    }
    if let Some(y) = c.year {
        e.set("year", text(&y.to_string()));
    }
    if let Some(v) = present(&c.venue) {
        let field = match kind {
            EntryKind::Article => "journal",
            EntryKind::Proceedings => "booktitle",
            EntryKind::Preprint | EntryKind::Other => "howpublished",
        };
        e.set(field, text(&v));
    }
    if let Some(v) = present(&c.volume) {
        e.set("volume", text(&v));
    }
    if let Some(p) = present(&c.pages) {
        // BibTeX writes a page range with an en dash, "248--255".
        e.set("pages", text(&PAGE_DASH.replace_all(&p, "--")));
    }
    if let Some(d) = present(&c.doi) {
        e.set("doi", identifier(&d));
    }
    if let Some(a) = present(&c.arxiv) {
        e.set("eprint", identifier(&a));
        e.set("archiveprefix", text("arXiv"));
    }
    if let Some(u) = whole_url(c) {
        e.set("url", identifier(u));
    }
    e
}

/// The dash of a page range as entries write it: a hyphen, an en dash, or BibTeX's own.
static PAGE_DASH: std::sync::LazyLock<regex::Regex> =
    std::sync::LazyLock::new(|| regex::Regex::new(r"\s*(?:-+|\u{2013}|\u{2014})\s*").expect("valid regex"));

/// The citations as a BibTeX file.
pub fn to_bibtex(citations: &[CitationRecord]) -> String {
    let mut keys = bibtex_keys(citations);
    let mut bibliography = Bibliography::new();
    for c in citations {
        bibliography.insert(entry(c, keys.remove(&c.id).unwrap_or_default()));
    }
    let mut out = bibliography.to_bibtex_string();
    if !out.is_empty() && !out.ends_with('\n') {
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::tests::deng;

    fn parsed(bib: &str) -> Bibliography {
        Bibliography::parse(bib).unwrap_or_else(|e| panic!("{e:?} in\n{bib}"))
    }

    #[test]
    fn special_characters_are_escaped_and_read_back() {
        let title = "50% of R&D_costs {braced} $x$ #1";
        let c = CitationRecord { title: Some(title.into()), ..deng() };
        let bib = to_bibtex(&[c]);
        assert!(bib.starts_with("@inproceedings{deng50RDcostsBraced2009,"), "{bib}");
        let entry = parsed(&bib).into_iter().next().unwrap();
        let read: String = entry.title().unwrap().iter().map(|c| c.v.get()).collect();
        assert_eq!(read, title);
    }

    #[test]
    fn volume_and_a_page_range_are_written_as_bibtex_has_them() {
        let c = CitationRecord { volume: Some("115".into()), pages: Some("211 – 252".into()), ..deng() };
        let bib = to_bibtex(&[c]);
        assert!(bib.contains("volume = {115}") && bib.contains("pages = {211--252}"), "{bib}");
        let entry = parsed(&bib).into_iter().next().unwrap();
        let field = |name: &str| entry.get(name).map(|chunks| chunks.iter().map(|c| c.v.get()).collect::<String>());
        // Read back, `--` is the en dash it stands for.
        assert_eq!((field("volume").as_deref(), field("pages").as_deref()), (Some("115"), Some("211\u{2013}252")));
        assert!(field("number").is_none());
    }

    #[test]
    fn names_keep_particles_in_the_family_name() {
        let c = CitationRecord { authors: vec!["Laurens van der Maaten".into(), "Geoffrey Hinton".into()], ..deng() };
        let bib = to_bibtex(&[c]);
        assert!(bib.contains("author = {van der Maaten, Laurens and Hinton, Geoffrey}"), "{bib}");
        let entry = parsed(&bib).into_iter().next().unwrap();
        let first = &entry.author().unwrap()[0];
        assert_eq!(
            (first.prefix.as_str(), first.name.as_str(), first.given_name.as_str()),
            ("van der", "Maaten", "Laurens")
        );
        assert_eq!(bibtex_name("Martin Luther King Jr."), "King, Jr., Martin Luther");
    }

    #[test]
    fn only_the_words_whose_capitals_matter_are_braced() {
        let c = CitationRecord { title: Some("BERT: Pre-training of deep Transformers on ImageNet".into()), ..deng() };
        let bib = to_bibtex(&[c]);
        assert!(bib.contains("title = {{BERT:} Pre-training of deep Transformers on {ImageNet}}"), "{bib}");
        let shouting = CitationRecord { title: Some("IMAGENET: A LARGE-SCALE IMAGE DATABASE".into()), ..deng() };
        assert!(to_bibtex(&[shouting]).contains("title = {IMAGENET: A LARGE-SCALE IMAGE DATABASE}"));
    }

    #[test]
    fn urls_and_dois_are_written_whole() {
        let url = "https://www.cs.toronto.edu/~kriz/cifar.html";
        let c = CitationRecord { url: Some(url.into()), doi: Some("10.1109/CVPR.2009.5206848".into()), ..deng() };
        let bib = to_bibtex(&[c]);
        let entry = parsed(&bib).into_iter().next().unwrap();
        assert_eq!(entry.url().unwrap(), url, "{bib}");
        assert_eq!(entry.doi().unwrap(), "10.1109/CVPR.2009.5206848");
        assert!(bib.contains("url = {https://www.cs.toronto.edu/~kriz/cifar.html},"), "one pair of braces: {bib}");
    }
}
