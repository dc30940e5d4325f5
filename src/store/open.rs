//! Opening a catalog: its file, pragmas, migrations and seeds, and the read-only second connection.
//!
//! The pragmas are WAL, foreign keys and a busy timeout; migrations come from `schema/` (refused
//! for a catalog from a newer citekb); the seed registry is kept up to date; ingest asks the second
//! connection which papers are held.

use rusqlite::{Connection, OptionalExtension, TransactionBehavior};

use super::registry::upsert_entries;
use super::Catalog;
use crate::registry::Registry;
use crate::{Error, Result};

mod embedded {
    refinery::embed_migrations!("schema");
}

/// The newest migration this build carries.
fn known_version() -> i64 {
    embedded::migrations::runner().get_migrations().iter().map(|m| i64::from(m.version())).max().unwrap_or(0)
}

impl Catalog {
    /// Opens (creating if need be) the catalog at `path` (`:memory:` for a private one), applies
    /// pending migrations and brings the seed registry up to date.
    pub fn open(path: &str) -> Result<Catalog> {
        let wrap = |source: rusqlite::Error| Error::Catalog { path: path.to_string(), source };
        if path != ":memory:" {
            if let Some(parent) = std::path::Path::new(path).parent().filter(|p| !p.as_os_str().is_empty()) {
                std::fs::create_dir_all(parent)
                    .map_err(|source| Error::CatalogFolder { path: parent.to_path_buf(), source })?;
            }
        }
        let mut conn = Connection::open(path).map_err(wrap)?;
        conn.busy_timeout(std::time::Duration::from_secs(30)).map_err(wrap)?;
        // A catalog from a newer citekb is refused before anything is written to it.
        let found = applied_version(&conn).map_err(wrap)?;
        let known = known_version();
        if found > known {
            return Err(Error::NewerCatalog { path: path.to_string(), found, known });
        }
        conn.pragma_update(None, "foreign_keys", "ON").map_err(wrap)?;
        if path != ":memory:" {
            // Processes opening a new catalog together all switch it to WAL; SQLite answers
            // "busy" at once to all but one, so the others wait their turn here.
            let mode: String =
                while_busy(|| conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0)), is_busy).map_err(wrap)?;
            if !mode.eq_ignore_ascii_case("wal") {
                return Err(Error::Invalid(format!("catalog {path}: could not switch to WAL journal (got {mode})")));
            }
        }
        conn.pragma_update(None, "synchronous", "NORMAL").map_err(wrap)?;
        // 64 MiB of page cache: a large catalog's indexes stay in memory while ingesting.
        conn.pragma_update(None, "cache_size", -65536).map_err(wrap)?;
        // Room for every statement storing a paper runs, each parsed once.
        conn.set_prepared_statement_cache_capacity(64);
        if found < known {
            migrate(&mut conn, known).map_err(|reason| Error::Migration { path: path.to_string(), reason })?;
        }
        let mut catalog = Catalog { conn, path: path.to_string() };
        catalog.sync_seeds()?;
        Ok(catalog)
    }

    /// Opens an existing catalog for a command that only reads it. A catalog at this build's
    /// schema version with current seeds is opened read-only: nothing is written (no migration,
    /// no seed check that writes), and a file the user may not write is still answered from.
    /// Any other catalog is opened as by [`Catalog::open`], to be brought up to date first.
    pub fn open_to_read(path: &str) -> Result<Catalog> {
        if path == ":memory:" {
            return Catalog::open(path);
        }
        let wrap = |source: rusqlite::Error| Error::Catalog { path: path.to_string(), source };
        let conn = read_only_connection(path).map_err(wrap)?;
        let found = applied_version(&conn).map_err(wrap)?;
        let known = known_version();
        if found > known {
            return Err(Error::NewerCatalog { path: path.to_string(), found, known });
        }
        // Behind this build (or not made yet: another process may be creating it), it is
        // brought up to date by the writer's path; so it is when its seeds are out of date.
        let current = found == known
            && conn
                .query_row("SELECT value FROM catalog_meta WHERE key = 'seeds_fingerprint'", [], |r| {
                    r.get::<_, String>(0)
                })
                .optional()
                .map_err(wrap)?
                .is_some_and(|seeds| seeds == Registry::builtin_fingerprint());
        if !current {
            drop(conn);
            return Catalog::open(path);
        }
        conn.set_prepared_statement_cache_capacity(64);
        Ok(Catalog { conn, path: path.to_string() })
    }

    /// Loads the built-in registry into the catalog when the seeds changed since the last open.
    fn sync_seeds(&mut self) -> Result<()> {
        let fingerprint = Registry::builtin_fingerprint();
        let current: Option<String> = self
            .conn
            .query_row("SELECT value FROM catalog_meta WHERE key = 'seeds_fingerprint'", [], |r| r.get(0))
            .optional()?;
        if current.as_deref() == Some(fingerprint.as_str()) {
            return Ok(());
        }
        let registry = Registry::builtin()?;
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        // Another process may have synced while this one waited for the lock.
        let current: Option<String> = tx
            .query_row("SELECT value FROM catalog_meta WHERE key = 'seeds_fingerprint'", [], |r| r.get(0))
            .optional()?;
        if current.as_deref() != Some(fingerprint.as_str()) {
            upsert_entries(&tx, &registry.entries, "seed")?;
            tx.execute(
                "INSERT INTO catalog_meta (key, value) VALUES ('seeds_fingerprint', ?1)
                 ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                [&fingerprint],
            )?;
        }
        tx.commit()?;
        Ok(())
    }
}

/// A read-only view of which contents a catalog holds, for the threads that read papers to ask
/// while the writer stores others.
pub struct HeldPapers {
    conn: Option<std::sync::Mutex<Connection>>,
}

impl HeldPapers {
    /// Opens a second, read-only connection to the catalog at `path` (a private `:memory:`
    /// catalog cannot be shared: it then holds nothing).
    pub fn open(path: &str) -> Result<HeldPapers> {
        if path == ":memory:" {
            return Ok(HeldPapers { conn: None });
        }
        let wrap = |source: rusqlite::Error| Error::Catalog { path: path.to_string(), source };
        let conn = Connection::open_with_flags(path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY).map_err(wrap)?;
        conn.busy_timeout(std::time::Duration::from_secs(30)).map_err(wrap)?;
        Ok(HeldPapers { conn: Some(std::sync::Mutex::new(conn)) })
    }

    /// Whether the catalog holds a paper with this content. A failed lookup says no: the
    /// paper is then read, and storing it finds it held.
    pub fn holds(&self, sha256: &str) -> bool {
        let Some(conn) = &self.conn else { return false };
        let Ok(conn) = conn.lock() else { return false };
        conn.query_row("SELECT 1 FROM papers WHERE sha256 = ?1", [sha256], |_| Ok(()))
            .optional()
            .ok()
            .flatten()
            .is_some()
    }
}

/// A read-only connection to the catalog at `path`, waiting on writers as the writer does. A
/// WAL catalog in a folder the user may not write, whose shared-memory file cannot be made, is
/// opened as immutable when it has no write-ahead log (everything is then in the main file);
/// with a log present, the first failure stands.
fn read_only_connection(path: &str) -> rusqlite::Result<Connection> {
    use rusqlite::OpenFlags;
    let opened = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY).and_then(|conn| {
        conn.busy_timeout(std::time::Duration::from_secs(30))?;
        conn.query_row("SELECT COUNT(*) FROM sqlite_master", [], |r| r.get::<_, i64>(0))?;
        Ok(conn)
    });
    let cannot_share = |e: &rusqlite::Error| {
        matches!(e.sqlite_error_code(), Some(rusqlite::ErrorCode::CannotOpen | rusqlite::ErrorCode::ReadOnly))
    };
    match opened {
        Err(e) if cannot_share(&e) && !std::path::Path::new(&format!("{path}-wal")).exists() => {
            let uri = format!("file:{}?immutable=1", uri_path(path));
            Connection::open_with_flags(uri, OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_URI)
        }
        outcome => outcome,
    }
}

/// A path as the path part of an SQLite `file:` URI: `%`, `?` and `#` escaped.
fn uri_path(path: &str) -> String {
    path.replace('%', "%25").replace('?', "%3f").replace('#', "%23")
}

/// How long opening a catalog waits on other processes opening it at the same moment.
const OPENING_PATIENCE: std::time::Duration = std::time::Duration::from_secs(30);

/// Runs `attempt` until it succeeds, fails for a reason `retry` does not accept, or
/// [`OPENING_PATIENCE`] runs out. For the waits SQLite's busy handler does not cover: it answers
/// "busy" at once where waiting could deadlock.
fn while_busy<T, E>(mut attempt: impl FnMut() -> Result<T, E>, retry: impl Fn(&E) -> bool) -> Result<T, E> {
    let start = std::time::Instant::now();
    loop {
        match attempt() {
            Err(e) if retry(&e) && start.elapsed() < OPENING_PATIENCE => {
                std::thread::sleep(std::time::Duration::from_millis(10));
            }
            outcome => return outcome,
        }
    }
}

fn is_busy(e: &rusqlite::Error) -> bool {
    matches!(e.sqlite_error_code(), Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked))
}

/// Applies the pending migrations, all in one transaction with their history rows, so that a
/// catalog is never left between two versions. Processes opening a new catalog together race:
/// refinery reads the history before its transaction, so a loser fails on a table the winner
/// just made, or on a lock, and tries again from the history as it now stands.
fn migrate(conn: &mut Connection, known: i64) -> Result<(), String> {
    while_busy(
        || {
            let before = applied_version(conn).map_err(|e| (e.to_string(), is_busy(&e)))?;
            if before == known {
                return Ok(());
            }
            let Err(e) = embedded::migrations::runner().set_grouped(true).run(conn) else { return Ok(()) };
            let after = applied_version(conn).map_err(|e| (e.to_string(), is_busy(&e)))?;
            let raced = after > before
                || std::error::Error::source(&e)
                    .and_then(|source| source.downcast_ref::<rusqlite::Error>())
                    .is_some_and(is_busy);
            Err((e.to_string(), raced))
        },
        |(_, raced)| *raced,
    )
    .map_err(|(reason, _)| reason)
}

fn applied_version(conn: &Connection) -> rusqlite::Result<i64> {
    let has_history: bool = conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'refinery_schema_history')",
        [],
        |r| r.get(0),
    )?;
    if !has_history {
        return Ok(0);
    }
    conn.query_row("SELECT COALESCE(MAX(version), 0) FROM refinery_schema_history", [], |r| r.get(0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn opens_in_memory_with_seeds() {
        let c = Catalog::open(":memory:").unwrap();
        let n: i64 = c.conn.query_row("SELECT COUNT(*) FROM datasets", [], |r| r.get(0)).unwrap();
        assert!(n >= 300, "{n} seed datasets");
        let r = c.registry().unwrap();
        assert_eq!(r.lookup("cifar10").map(|e| e.name.as_str()), Some("CIFAR-10"));
    }
}
