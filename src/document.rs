//! The read stage's output: one paper as text, whatever format it came in.

use serde::{Deserialize, Serialize};

pub use crate::bib::ParsedReference;

/// The formats citekb recognises, detected from content first and the file name second.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
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
    /// Who wrote the paper, when and where, and its identifiers, as far as the format states them.
    pub meta: PaperMeta,
}

/// A paper's own bibliographic record: what tells two files of one work apart from two works.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PaperMeta {
    /// "Surname, Given", in the paper's order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub authors: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub year: Option<i32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub venue: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub doi: Option<String>,
    /// Without its version ("1810.04805").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub arxiv: Option<String>,
}

/// A reference entry as a structured format gives it.
#[derive(Debug, Clone)]
pub struct GivenReference {
    /// As the text's reference list writes it (`[n] raw`).
    pub raw: String,
    pub parsed: ParsedReference,
}
