//! The store stage: the SQLite catalog, and the only code that touches it, split by concern.
//!
//! Opening, the paper write path, citation identity, the registry, queries, curation, health
//! checks, the summary in numbers.

pub mod check;
pub(crate) mod citations;
pub mod curation;
mod open;
mod papers;
pub mod queries;
mod registry;
pub mod stats;
mod vote;

use rusqlite::Connection;

pub use open::HeldPapers;
pub use papers::{SameWork, StoreOutcome};
pub use registry::ImportReport;

/// A citekb catalog: one SQLite file.
pub struct Catalog {
    pub(crate) conn: Connection,
    path: String,
}

impl std::fmt::Debug for Catalog {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Catalog").field("path", &self.path).finish()
    }
}

impl Catalog {
    pub fn path(&self) -> &str {
        &self.path
    }
}

/// Executes a statement of the store path, prepared once per connection.
pub(super) fn run(tx: &Connection, sql: &str, params: impl rusqlite::Params) -> rusqlite::Result<usize> {
    tx.prepare_cached(sql)?.execute(params)
}

/// Reads one row with a statement of the store path, prepared once per connection.
pub(super) fn row<T>(
    tx: &Connection,
    sql: &str,
    params: impl rusqlite::Params,
    f: impl FnOnce(&rusqlite::Row<'_>) -> rusqlite::Result<T>,
) -> rusqlite::Result<T> {
    tx.prepare_cached(sql)?.query_row(params, f)
}
