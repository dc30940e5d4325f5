//! The read stage's output: one paper as text, whatever format it came in.

use serde::Serialize;

use crate::text;

/// The formats citekb recognises, detected from content first and the file name second.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    Text,
    Markdown,
    Pdf,
    Tei,
    Jats,
    Latex,
}

impl Format {
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Markdown => "markdown",
            Format::Pdf => "pdf",
            Format::Tei => "tei",
            Format::Jats => "jats",
            Format::Latex => "latex",
        }
    }
}

impl std::fmt::Display for Format {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A paper as the read stage hands it on. Every offset later stages record is a byte offset
/// into `text`.
#[derive(Debug, Clone)]
pub struct Document {
    /// The path as given (or `-` for standard input).
    pub source: String,
    pub format: Format,
    /// SHA-256 of the bytes read, lower-case hex: the paper's identity.
    pub sha256: String,
    pub byte_size: u64,
    pub text: String,
    /// The title where the format states it; otherwise the extract stage finds one.
    pub title: Option<String>,
    /// Non-fatal problems met while reading (for example lenient decoding).
    pub warnings: Vec<String>,
    /// The reference list, where the format gives it parsed (TEI `biblStruct`, JATS `ref`), in
    /// the order of the text's "References" section; the text's numeric callouts `[n]` name
    /// entry n. Otherwise the extract stage splits and parses the text's list itself.
    pub references: Option<Vec<GivenReference>>,
}

/// A reference entry as a structured format gives it.
#[derive(Debug, Clone)]
pub struct GivenReference {
    /// As the text's reference list writes it (`[n] raw`).
    pub raw: String,
    pub parsed: ParsedReference,
}

/// The fields of a reference entry, as far as they can be told apart.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ParsedReference {
    pub authors: Vec<String>,
    pub year: Option<i32>,
    /// The letter after the year ("2018a"), which tells one author's works of a year apart.
    pub year_suffix: Option<char>,
    pub title: Option<String>,
    pub venue: Option<String>,
    pub doi: Option<String>,
    pub arxiv: Option<String>,
    pub url: Option<String>,
}

impl ParsedReference {
    /// The first author's surname as written ("Tjong Kim Sang" stays whole only where the
    /// entry writes "Surname, Given"; otherwise the last word of the name).
    pub fn first_surname(&self) -> Option<String> {
        self.authors.first().map(|a| crate::extract::references::surname_of(a))
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
        have.ends_with(&want) || text::key(&crate::extract::references::surname_of(author)) == want || {
            // "Surname, G." keeps the surname first.
            author.contains(',') && have.starts_with(&want)
        }
    }
}
