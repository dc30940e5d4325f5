//! The library's typed errors: one enum, each variant naming what failed and why.

use std::path::PathBuf;

/// Everything the library can fail with. The binary adds context and maps these to exit codes.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A paper could not be read: the path and the reason, for a one-line report.
    #[error("{path}: {reason}")]
    Read { path: String, reason: String },

    #[error("{path}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },

    #[error("{source_name}, line {line}: {reason}")]
    Registry { source_name: String, line: usize, reason: String },

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

    #[error("{0}")]
    NotFound(String),

    #[error("{0}")]
    Invalid(String),
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
