//! The library's typed errors, and the [`ErrorKind`] callers match on.
//!
//! One enum whose variants say what failed; tests, the binary's exit codes and the ingest session's
//! triage match on the kind, never on the message.

use std::path::PathBuf;

/// What sort of failure an [`Error`] is, for callers that decide what to do about it: the
/// message is for people, the kind is for code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorKind {
    /// What was asked for is not there: a paper, a dataset, a merge to undo, an input path.
    NotFound,
    /// A request or a record that cannot be honoured as given: a bad line of a registry file or
    /// of extraction records, a curation decision that contradicts an earlier one.
    Invalid,
    /// An input that cannot be read as a paper: empty, binary, damaged, or without text.
    Unreadable,
    /// An input over one of the limits (`--max-file-size`, `--max-unpacked-size`).
    TooLarge,
    /// Reading and extracting an input took longer than allowed (`--timeout`).
    Timeout,
    /// The catalog could not be opened, migrated, read or written, or is from a newer citekb.
    Catalog,
    /// A reporter could not write what it reports (a closed pipe, a full disk).
    Output,
    /// A bug in citekb met while reading one input; the input is skipped.
    Internal,
}

impl ErrorKind {
    /// The kind's name, as JSON reports give it.
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorKind::NotFound => "not_found",
            ErrorKind::Invalid => "invalid",
            ErrorKind::Unreadable => "unreadable",
            ErrorKind::TooLarge => "too_large",
            ErrorKind::Timeout => "timeout",
            ErrorKind::Catalog => "catalog",
            ErrorKind::Output => "output",
            ErrorKind::Internal => "internal",
        }
    }
}

/// Everything the library can fail with. The binary adds context and maps the kinds to exit
/// codes.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A paper could not be read: the path, why, and the reason for a one-line report.
    #[error("{path}: {reason}")]
    Read { path: String, kind: ErrorKind, reason: String },

    /// A file could not be opened or read on (a records file, say).
    #[error("{path}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },

    /// The catalog's folder could not be made.
    #[error("{path}")]
    CatalogFolder {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },

    #[error("{source_name}, line {line}: {reason}")]
    Registry { source_name: String, line: usize, reason: String },

    /// A line of a file (of extraction records) that failed: where, and the failure, whose
    /// kind it has.
    #[error("{file}, line {line}")]
    Line {
        file: String,
        line: usize,
        #[source]
        source: Box<Error>,
    },

    /// A line of extraction records (`citekb load`) that is JSON but no record: the field at
    /// fault, where the path to one is known, and why.
    #[error("not an extraction record: {}{reason}", field.as_ref().map(|f| format!("{f}: ")).unwrap_or_default())]
    Record { field: Option<String>, reason: String },

    #[error("catalog {path}")]
    Catalog {
        path: String,
        #[source]
        source: rusqlite::Error,
    },

    #[error("catalog {path}: migration failed: {reason}")]
    Migration { path: String, reason: String },

    #[error("catalog {path} was written by a newer citekb (schema version {found}, this build knows up to {known}); it was not modified")]
    NewerCatalog { path: String, found: i64, known: i64 },

    #[error(transparent)]
    Sql(#[from] rusqlite::Error),

    /// A reporter failed to write; the io error says why.
    #[error("writing the report failed")]
    Report(#[source] std::io::Error),

    #[error("{0}")]
    NotFound(String),

    /// A curation command named a dataset or citation id the catalog does not have: refused
    /// before anything is written.
    #[error("no {what} {id} in the catalog")]
    Missing { what: &'static str, id: i64 },

    #[error("{0}")]
    Invalid(String),
}

impl Error {
    /// What sort of failure this is.
    pub fn kind(&self) -> ErrorKind {
        match self {
            Error::Read { kind, .. } => *kind,
            Error::Line { source, .. } => source.kind(),
            Error::Io { source, .. } if source.kind() == std::io::ErrorKind::NotFound => ErrorKind::NotFound,
            Error::Io { .. } => ErrorKind::Unreadable,
            Error::CatalogFolder { .. }
            | Error::Catalog { .. }
            | Error::Migration { .. }
            | Error::NewerCatalog { .. } => ErrorKind::Catalog,
            Error::Sql(_) => ErrorKind::Catalog,
            Error::Registry { .. } | Error::Record { .. } | Error::Invalid(_) => ErrorKind::Invalid,
            Error::Report(_) => ErrorKind::Output,
            Error::NotFound(_) | Error::Missing { .. } => ErrorKind::NotFound,
        }
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sqlite_failures_are_catalog_failures() {
        let sql = Error::from(rusqlite::Error::InvalidQuery);
        assert_eq!(sql.kind(), ErrorKind::Catalog);
        let newer = Error::NewerCatalog { path: "c.db".into(), found: 9, known: 1 };
        assert_eq!(newer.kind(), ErrorKind::Catalog);
    }

    #[test]
    fn a_record_error_names_its_field_and_a_line_error_has_its_cause_kind() {
        let e = Error::Record { field: Some("datasets[1].role".into()), reason: "unknown variant".into() };
        assert_eq!(e.to_string(), "not an extraction record: datasets[1].role: unknown variant");
        let at = Error::Line { file: "r.jsonl".into(), line: 3, source: Box::new(e) };
        assert_eq!(at.kind(), ErrorKind::Invalid);
        assert_eq!(at.to_string(), "r.jsonl, line 3");
    }
}
