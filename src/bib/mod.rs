//! Bibliographic records below every stage: parsed reference fields, canonical citations, names.
//!
//! Shared by the readers, the extract stage, the store and the export formats; it depends on
//! nothing but `text`.

pub mod names;

use serde::Serialize;

use crate::text;

/// A DOI anywhere in a string ("doi:10.1234/abc.", "https://doi.org/10.1234/abc").
pub(crate) static DOI: std::sync::LazyLock<regex::Regex> =
    std::sync::LazyLock::new(|| text::regex(r"(?i)(?-u:\b)(10\.\d{4,9}/[^\s,;]+)").expect("valid regex"));

/// An arXiv id, new style (1810.04805) or old (cs/0101001, math.GT/0309136), after a word that
/// says it is one; the version is left out.
pub(crate) static ARXIV: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    text::regex(r"(?i)(?:arxiv[:\s]*|abs/\s?|arxiv\.org/abs/\s?)(\d{4}\.\d{4,5}|[a-z-]+(?:\.[A-Z]{2})?/\d{7})(?:v\d+)?")
        .expect("valid regex")
});

/// The first DOI in `s`, without the punctuation that ends a sentence or a bracket after it.
pub fn doi_in(s: &str) -> Option<String> {
    DOI.captures(s).map(|c| c[1].trim_end_matches(['.', ')', ']']).to_string())
}

/// The first arXiv id in `s`.
pub fn arxiv_in(s: &str) -> Option<String> {
    ARXIV.captures(s).map(|c| c[1].to_string())
}

pub use names::{split_names, Name};

/// The fields of a reference entry, as far as they can be told apart.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ParsedReference {
    /// One name each, as the entry writes it ("Deng, J.", "Jia Deng", "Martin GA"); [`Name::parse`]
    /// tells its family and given names apart.
    pub authors: Vec<String>,
    pub year: Option<i32>,
    /// The letter after the year ("2018a"), which tells one author's works of a year apart.
    pub year_suffix: Option<char>,
    pub title: Option<String>,
    /// The journal, proceedings or book the work appeared in.
    pub venue: Option<String>,
    pub volume: Option<String>,
    pub issue: Option<String>,
    /// "211-252", or an article number.
    pub pages: Option<String>,
    pub publisher: Option<String>,
    pub doi: Option<String>,
    pub arxiv: Option<String>,
    pub url: Option<String>,
}

impl ParsedReference {
    /// The first author's surname as written ("Tjong Kim Sang" stays whole only where the
    /// entry writes "Surname, Given"; otherwise the last word of the name).
    pub fn first_surname(&self) -> Option<String> {
        self.authors.first().map(|a| surname_of(a))
    }

    /// Whether `surname` (as a callout writes it) names the author at `index`.
    pub fn author_matches(&self, index: usize, surname: &str) -> bool {
        let Some(author) = self.authors.get(index) else {
            return false;
        };
        let want = text::key(surname);
        if want.is_empty() {
            return false;
        }
        let have = text::key(author);
        // "Tjong Kim Sang" matches "Erik F Tjong Kim Sang"; "Sang" matches too.
        have.ends_with(&want)
            || text::key(&surname_of(author)) == want
            || text::key(&names::Name::parse(author).family) == want
            || {
                // "Surname, G." keeps the surname first.
                author.contains(',') && have.starts_with(&want)
            }
    }
}

/// A canonical citation (a work, as the catalog settles its fields from every entry that cites
/// it), with the fields the export formats need.
#[derive(Debug, Clone, Default, Serialize)]
pub struct CitationRecord {
    pub id: i64,
    pub title: Option<String>,
    /// As parsed, one name each ("Jia Deng" or "Deng, J.").
    pub authors: Vec<String>,
    pub year: Option<i64>,
    pub venue: Option<String>,
    pub doi: Option<String>,
    pub arxiv: Option<String>,
    pub url: Option<String>,
    /// The journal volume and the page range ("248-255"), where entries give them.
    pub volume: Option<String>,
    pub pages: Option<String>,
}

/// The surname in a name as written: the part before a comma ("Deng, J."), else the last
/// word that is no generational suffix ("Jia Deng", "Martin Luther King Jr.").
pub fn surname_of(author: &str) -> String {
    if let Some((surname, _)) = author.split_once(',') {
        return surname.trim().to_string();
    }
    let words: Vec<&str> = author
        .split_whitespace()
        .filter(|w| !matches!(w.trim_end_matches('.').to_lowercase().as_str(), "jr" | "sr" | "ii" | "iii" | "iv"))
        .collect();
    words.last().map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()).to_string()).unwrap_or_default()
}
