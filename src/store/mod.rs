//! The store stage and the catalog: opening the SQLite file (pragmas, migrations from `schema/`,
//! the seed registry), writing one resolved paper per transaction, and the read queries.

pub mod check;
pub mod curation;
pub mod queries;

use rusqlite::{params, Connection, OptionalExtension, TransactionBehavior};

use crate::registry::{DatasetEntry, IntroPaper, Registry};
use crate::resolve::{Origin, Resolved};
use crate::{text, Error, Result};

mod embedded {
    refinery::embed_migrations!("schema");
}

/// What storing a paper did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StoreOutcome {
    /// A new paper; `replaced` is the paper that was at the same path with other content.
    Added { paper_id: i64, replaced: Option<i64> },
    /// The same content is already in the catalog (under `first_source`): nothing changed.
    Duplicate { paper_id: i64, first_source: String },
    /// The same content was read again and its rows replaced (`--reread`).
    Reread { paper_id: i64 },
}

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
                std::fs::create_dir_all(parent).map_err(|source| Error::Io { path: parent.to_path_buf(), source })?;
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

    pub fn path(&self) -> &str {
        &self.path
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

    /// The registry extraction uses with this catalog: every dataset that is not merely
    /// discovered (seeds, imports, manual entries), with all its aliases.
    pub fn registry(&self) -> Result<Registry> {
        let mut stmt = self.conn.prepare(
            "SELECT d.id, d.name, f.name, d.version, d.domain, d.intro_title, d.intro_author, d.intro_year
             FROM datasets d LEFT JOIN datasets f ON f.id = d.family_id
             WHERE d.origin != 'discovered' AND d.merged_into IS NULL ORDER BY d.id",
        )?;
        let mut entries: Vec<(i64, DatasetEntry)> = stmt
            .query_map([], |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    DatasetEntry {
                        name: r.get(1)?,
                        aliases: Vec::new(),
                        family: r.get(2)?,
                        version: r.get(3)?,
                        domain: r.get(4)?,
                        needs_context: Vec::new(),
                        intro: IntroPaper { title: r.get(5)?, author: r.get(6)?, year: r.get(7)? },
                    },
                ))
            })?
            .collect::<rusqlite::Result<_>>()?;
        let index: std::collections::HashMap<i64, usize> =
            entries.iter().enumerate().map(|(i, (id, _))| (*id, i)).collect();
        let name_keys: Vec<String> = entries.iter().map(|(_, e)| text::key(&e.name)).collect();
        let mut stmt =
            self.conn.prepare("SELECT dataset_id, alias, needs_context FROM dataset_aliases ORDER BY rowid")?;
        let rows = stmt.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?, r.get::<_, bool>(2)?)))?;
        for row in rows {
            let (id, alias, needs_context) = row?;
            if let Some(&i) = index.get(&id) {
                let e = &mut entries[i].1;
                if needs_context {
                    e.needs_context.push(alias.clone());
                }
                if text::key(&alias) != name_keys[i] {
                    e.aliases.push(alias);
                }
            }
        }
        Ok(Registry::new(entries.into_iter().map(|(_, e)| e).collect()))
    }

    /// Writes one resolved paper: all of it, or nothing (its own transaction, or its own
    /// savepoint inside a batch).
    pub fn store(&mut self, resolved: &Resolved) -> Result<StoreOutcome> {
        self.store_with(resolved, false)
    }

    /// Records that `source` holds content the catalog has already (by SHA-256), as storing
    /// that content again would; `None` when the catalog does not hold it.
    pub fn store_known(&mut self, sha256: &str, source: &str) -> Result<Option<StoreOutcome>> {
        self.in_transaction(|tx| {
            let Some((paper_id, first_source)) = held_paper(tx, sha256)? else {
                return Ok(None);
            };
            if source != "-" {
                remember_source(tx, source, paper_id)?;
            }
            Ok(Some(StoreOutcome::Duplicate { paper_id, first_source }))
        })
    }

    /// Opens a batch: the papers stored until [`Catalog::commit_batch`] are written in one
    /// transaction, each paper in a savepoint of its own (a paper that fails leaves the others).
    /// A batch writes each touched index page once instead of once a paper, which on a big
    /// catalog is most of an ingest's writing. Nothing of it is seen before it is committed.
    pub fn begin_batch(&mut self) -> Result<()> {
        if self.conn.is_autocommit() {
            self.conn.execute_batch("BEGIN IMMEDIATE")?;
        }
        Ok(())
    }

    /// Commits the open batch, if any.
    pub fn commit_batch(&mut self) -> Result<()> {
        if !self.conn.is_autocommit() {
            self.conn.execute_batch("COMMIT")?;
        }
        Ok(())
    }

    /// Runs `write` in a transaction of its own, or, inside a batch, in a savepoint: all of it
    /// is written, or nothing.
    fn in_transaction<T>(&mut self, write: impl FnOnce(&Connection) -> Result<T>) -> Result<T> {
        if self.conn.is_autocommit() {
            let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
            let out = write(&tx)?;
            tx.commit()?;
            Ok(out)
        } else {
            let savepoint = self.conn.savepoint()?;
            let out = write(&savepoint)?;
            savepoint.commit()?;
            Ok(out)
        }
    }

    /// Like [`Catalog::store`]; with `reread`, a paper already in the catalog has its extracted
    /// rows replaced by these (the catalog's curation applies to them as to any new paper).
    pub fn store_with(&mut self, resolved: &Resolved, reread: bool) -> Result<StoreOutcome> {
        self.in_transaction(|tx| store_paper(tx, resolved, reread))
    }
}

/// Executes a statement of the store path, prepared once per connection.
fn run(tx: &Connection, sql: &str, params: impl rusqlite::Params) -> rusqlite::Result<usize> {
    tx.prepare_cached(sql)?.execute(params)
}

/// Reads one row with a statement of the store path, prepared once per connection.
fn row<T>(
    tx: &Connection,
    sql: &str,
    params: impl rusqlite::Params,
    f: impl FnOnce(&rusqlite::Row<'_>) -> rusqlite::Result<T>,
) -> rusqlite::Result<T> {
    tx.prepare_cached(sql)?.query_row(params, f)
}

/// Writes one resolved paper with `tx` (see [`Catalog::store_with`]).
fn store_paper(tx: &Connection, resolved: &Resolved, reread: bool) -> Result<StoreOutcome> {
    let p = &resolved.paper;
    let remember_path = p.source != "-";
    if let Some((id, first)) = held_paper(tx, &p.sha256)? {
        if remember_path {
            remember_source(tx, &p.source, id)?;
        }
        if !reread {
            return Ok(StoreOutcome::Duplicate { paper_id: id, first_source: first });
        }
        run(tx, "DELETE FROM mentions WHERE paper_id = ?1", [id])?;
        run(tx, "DELETE FROM dataset_usages WHERE paper_id = ?1", [id])?;
        run(tx, "DELETE FROM reference_entries WHERE paper_id = ?1", [id])?;
        run(tx,
            "UPDATE papers SET title = ?1, format = ?2, ingested_at = strftime('%Y-%m-%dT%H:%M:%SZ','now'), extractor_version = ?3 WHERE id = ?4",
            params![p.title, p.format, crate::EXTRACTOR_VERSION, id],
        )?;
        write_extraction(tx, id, resolved)?;
        return Ok(StoreOutcome::Reread { paper_id: id });
    }
    let replaced: Option<i64> = if remember_path {
        row(tx, "SELECT paper_id FROM paper_sources WHERE path = ?1", [&p.source], |r| r.get(0)).optional()?
    } else {
        None
    };
    run(
        tx,
        "INSERT INTO papers (sha256, source_path, format, title, byte_size, ingested_at, extractor_version)
         VALUES (?1, ?2, ?3, ?4, ?5, strftime('%Y-%m-%dT%H:%M:%SZ','now'), ?6)",
        params![p.sha256, p.source, p.format, p.title, p.byte_size as i64, crate::EXTRACTOR_VERSION],
    )?;
    let paper_id = tx.last_insert_rowid();
    if remember_path {
        run(
            tx,
            "INSERT INTO paper_sources (path, paper_id, seen_at) VALUES (?1, ?2, strftime('%Y-%m-%dT%H:%M:%SZ','now'))
             ON CONFLICT(path) DO UPDATE SET paper_id = excluded.paper_id, seen_at = excluded.seen_at",
            params![p.source, paper_id],
        )?;
    }
    if let Some(old) = replaced {
        run(tx, "UPDATE papers SET superseded_by = ?1 WHERE id = ?2", params![paper_id, old])?;
    }
    write_extraction(tx, paper_id, resolved)?;
    Ok(StoreOutcome::Added { paper_id, replaced })
}

/// A paper's extracted rows: reference entries, dataset usages, mentions.
fn write_extraction(tx: &Connection, paper_id: i64, resolved: &Resolved) -> Result<()> {
    {
        let mut reference_ids = Vec::with_capacity(resolved.references.len());
        let mut citations_seen = Vec::with_capacity(resolved.references.len());
        for r in &resolved.references {
            let citation_id = get_or_create_citation(tx, r)?;
            citations_seen.push(citation_id);
            let q = &r.parsed;
            run(tx,
                "INSERT INTO reference_entries (paper_id, position, label, raw, authors, title, year, venue, doi, arxiv, url, citation_id)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
                params![
                    paper_id,
                    r.position as i64,
                    r.label,
                    r.raw,
                    (!q.authors.is_empty()).then(|| q.authors.join("; ")),
                    q.title,
                    q.year,
                    q.venue,
                    q.doi,
                    q.arxiv,
                    q.url,
                    citation_id
                ],
            )?;
            reference_ids.push(tx.last_insert_rowid());
        }

        citations_seen.sort_unstable();
        citations_seen.dedup();
        for id in citations_seen {
            refresh_citation(tx, id)?;
        }
        let mut dataset_ids = std::collections::HashMap::new();
        for d in &resolved.datasets {
            let dataset_id = match d.origin {
                Origin::Seed => find_dataset(tx, &d.key, &[])?.map_or_else(
                    || {
                        let entry = DatasetEntry {
                            name: d.name.clone(),
                            aliases: Vec::new(),
                            family: None,
                            version: d.version.clone(),
                            domain: d.domain.clone(),
                            needs_context: Vec::new(),
                            intro: d.intro.clone(),
                        };
                        upsert_entries(tx, std::slice::from_ref(&entry), "seed")?;
                        find_dataset(tx, &d.key, &[])?
                            .ok_or_else(|| Error::Invalid(format!("dataset {} vanished", d.name)))
                    },
                    Ok,
                )?,
                Origin::Discovered => match find_dataset(tx, &d.key, &d.aliases)? {
                    Some(id) => id,
                    None => {
                        run(tx,
                            "INSERT INTO datasets (name, key, origin, created_at) VALUES (?1, ?2, 'discovered', strftime('%Y-%m-%dT%H:%M:%SZ','now'))",
                            params![d.name, d.key],
                        )?;
                        tx.last_insert_rowid()
                    }
                },
            };
            if d.origin == Origin::Discovered {
                for alias in std::iter::once(&d.name).chain(&d.aliases) {
                    let k = text::dataset_key(alias);
                    if !k.is_empty() {
                        run(tx,
                            "INSERT OR IGNORE INTO dataset_aliases (key, dataset_id, alias, origin) VALUES (?1, ?2, ?3, 'discovered')",
                            params![k, dataset_id, alias],
                        )?;
                    }
                }
            }
            let reference_id = d.reference.and_then(|i| reference_ids.get(i).copied());
            run(tx,
                "INSERT INTO dataset_usages (paper_id, dataset_id, role, mention_count, reference_id, link_rule)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)
                 ON CONFLICT(paper_id, dataset_id) DO UPDATE SET mention_count = mention_count + excluded.mention_count",
                params![paper_id, dataset_id, d.role.as_str(), d.mentions as i64, reference_id, d.link_rule],
            )?;
            dataset_ids.insert(d.key.clone(), dataset_id);
        }
        {
            let mut stmt = tx.prepare(
                "INSERT INTO mentions (paper_id, dataset_id, surface, section, sentence, start, end) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            )?;
            for m in &resolved.mentions {
                if let Some(&dataset_id) = dataset_ids.get(&m.dataset_key) {
                    stmt.execute(params![
                        paper_id,
                        dataset_id,
                        m.surface,
                        m.section,
                        m.sentence,
                        m.start as i64,
                        m.end as i64
                    ])?;
                }
            }
        }
    }
    Ok(())
}

/// What a registry import did.
#[derive(Debug, Default, Clone, serde::Serialize)]
pub struct ImportReport {
    pub new_datasets: usize,
    pub known_datasets: usize,
    pub aliases_added: usize,
    /// Aliases another dataset already goes by: left with that dataset.
    pub aliases_taken: usize,
}

impl Catalog {
    /// Imports registry entries: a new dataset for each one the catalog does not know by any of
    /// its names; for a known one, its new aliases and missing introducing paper. Names that
    /// already belong to another dataset are left with it. One transaction.
    pub fn import_registry(&mut self, entries: &[DatasetEntry]) -> Result<ImportReport> {
        let mut report = ImportReport::default();
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        for e in entries {
            let names: Vec<String> = e.names().map(String::from).collect();
            let id = match find_dataset(&tx, &e.key(), &names)? {
                Some(id) => {
                    report.known_datasets += 1;
                    run(&tx,
                        "UPDATE datasets SET intro_title = COALESCE(intro_title, ?1), intro_author = COALESCE(intro_author, ?2),
                                intro_year = COALESCE(intro_year, ?3), domain = COALESCE(domain, ?4)
                         WHERE id = ?5",
                        params![e.intro.title, e.intro.author, e.intro.year, e.domain, id],
                    )?;
                    id
                }
                None => {
                    report.new_datasets += 1;
                    run(&tx,
                        "INSERT INTO datasets (name, key, version, domain, origin, intro_title, intro_author, intro_year, created_at)
                         VALUES (?1, ?2, ?3, ?4, 'import', ?5, ?6, ?7, strftime('%Y-%m-%dT%H:%M:%SZ','now'))",
                        params![e.name, e.key(), e.version, e.domain, e.intro.title, e.intro.author, e.intro.year],
                    )?;
                    tx.last_insert_rowid()
                }
            };
            for name in e.names() {
                let k = text::key(name);
                if k.is_empty() {
                    continue;
                }
                let owner: Option<i64> = tx
                    .query_row("SELECT dataset_id FROM dataset_aliases WHERE key = ?1", [&k], |r| r.get(0))
                    .optional()?;
                match owner {
                    Some(o) if curation::current(&tx, curation::Kind::Dataset, o)? == id => {}
                    Some(_) => report.aliases_taken += 1,
                    None => {
                        let needs_context = e.needs_context.iter().any(|n| text::key(n) == k);
                        run(&tx,
                            "INSERT INTO dataset_aliases (key, dataset_id, alias, origin, needs_context) VALUES (?1, ?2, ?3, 'import', ?4)",
                            params![k, id, name, needs_context],
                        )?;
                        report.aliases_added += 1;
                    }
                }
            }
        }
        for e in entries {
            if let Some(family) = &e.family {
                run(
                    &tx,
                    "UPDATE datasets SET family_id = (SELECT id FROM datasets WHERE key = ?1)
                     WHERE key = ?2 AND family_id IS NULL",
                    params![text::dataset_key(family), e.key()],
                )?;
            }
        }
        tx.commit()?;
        Ok(report)
    }

    /// Every dataset that is not merged into another, as registry entries (with its origin).
    pub fn registry_entries(&self) -> Result<Vec<(DatasetEntry, String)>> {
        let registry = self.registry()?;
        let mut origins = self.conn.prepare("SELECT origin FROM datasets WHERE key = ?1")?;
        let mut out = Vec::with_capacity(registry.entries.len());
        for e in registry.entries {
            let origin: String = origins.query_row([e.key()], |r| r.get(0)).unwrap_or_else(|_| "seed".into());
            out.push((e, origin));
        }
        Ok(out)
    }
}

/// The paper with this content, and the path it was first read from.
fn held_paper(tx: &Connection, sha256: &str) -> Result<Option<(i64, String)>> {
    Ok(tx
        .query_row("SELECT id, source_path FROM papers WHERE sha256 = ?1", [sha256], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?)
}

/// Remembers that `path` now holds paper `id`.
fn remember_source(tx: &Connection, path: &str, id: i64) -> Result<()> {
    run(
        tx,
        "INSERT INTO paper_sources (path, paper_id, seen_at) VALUES (?1, ?2, strftime('%Y-%m-%dT%H:%M:%SZ','now'))
         ON CONFLICT(path) DO UPDATE SET paper_id = excluded.paper_id, seen_at = excluded.seen_at",
        params![path, id],
    )?;
    Ok(())
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

/// The dataset a key (or, for a discovered one, any of its aliases) already names, following
/// merges to the dataset that stands for it now.
fn find_dataset(tx: &Connection, key: &str, aliases: &[String]) -> Result<Option<i64>> {
    match find_dataset_as_named(tx, key, aliases)? {
        Some(id) => Ok(Some(curation::current(tx, curation::Kind::Dataset, id)?)),
        None => Ok(None),
    }
}

fn find_dataset_as_named(tx: &Connection, key: &str, aliases: &[String]) -> Result<Option<i64>> {
    let by_key = tx
        .query_row(
            "SELECT id FROM datasets WHERE key = ?1 UNION ALL SELECT dataset_id FROM dataset_aliases WHERE key = ?1 LIMIT 1",
            [key],
            |r| r.get(0),
        )
        .optional()?;
    if by_key.is_some() {
        return Ok(by_key);
    }
    for a in aliases {
        let k = text::dataset_key(a);
        if k.is_empty() {
            continue;
        }
        if let Some(id) =
            tx.query_row("SELECT dataset_id FROM dataset_aliases WHERE key = ?1", [&k], |r| r.get(0)).optional()?
        {
            return Ok(Some(id));
        }
    }
    Ok(None)
}

/// Get-or-create of registry entries by key, then their aliases and families.
fn upsert_entries(tx: &Connection, entries: &[DatasetEntry], origin: &str) -> Result<()> {
    for e in entries {
        let key = e.key();
        tx.execute(
            "INSERT INTO datasets (name, key, version, domain, origin, intro_title, intro_author, intro_year, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, strftime('%Y-%m-%dT%H:%M:%SZ','now'))
             ON CONFLICT(key) DO UPDATE SET
               name = CASE WHEN datasets.origin IN ('seed', 'discovered') AND datasets.curated = 0 THEN excluded.name ELSE datasets.name END,
               version = COALESCE(excluded.version, datasets.version),
               domain = COALESCE(excluded.domain, datasets.domain),
               intro_title = COALESCE(excluded.intro_title, datasets.intro_title),
               intro_author = COALESCE(excluded.intro_author, datasets.intro_author),
               intro_year = COALESCE(excluded.intro_year, datasets.intro_year),
               origin = CASE WHEN datasets.origin = 'discovered' THEN excluded.origin ELSE datasets.origin END",
            params![e.name, key, e.version, e.domain, origin, e.intro.title, e.intro.author, e.intro.year],
        )?;
        let id: i64 = tx.query_row("SELECT id FROM datasets WHERE key = ?1", [&key], |r| r.get(0))?;
        let id = curation::current(tx, curation::Kind::Dataset, id)?;
        for name in e.names() {
            let k = text::key(name);
            if k.is_empty() {
                continue;
            }
            let needs_context = e.needs_context.iter().any(|n| text::key(n) == k);
            tx.execute(
                "INSERT INTO dataset_aliases (key, dataset_id, alias, origin, needs_context) VALUES (?1, ?2, ?3, ?4, ?5)
                 ON CONFLICT(key) DO UPDATE SET needs_context = excluded.needs_context
                 WHERE dataset_aliases.dataset_id = excluded.dataset_id",
                params![k, id, name, origin, needs_context],
            )?;
        }
    }
    for e in entries {
        if let Some(family) = &e.family {
            tx.execute(
                "UPDATE datasets SET family_id = (SELECT id FROM datasets WHERE key = ?1) WHERE key = ?2",
                params![text::dataset_key(family), e.key()],
            )?;
        }
    }
    Ok(())
}

/// A work's fields from all the entries that cite it: for each field the value most entries
/// give (letters and digits compared), and among those the longest (the most complete).
/// A work's vote settles as entries accumulate, so it is re-run while the work has few entries
/// and then whenever their number reaches a power of two: a constant cost per paper, however
/// often a work is cited.
fn refresh_citation(tx: &Connection, id: i64) -> Result<()> {
    let n: i64 = tx.prepare_cached("SELECT entry_count FROM citations WHERE id = ?1")?.query_row([id], |r| r.get(0))?;
    if n > 8 && n & (n - 1) != 0 {
        return Ok(());
    }
    let mut stmt = tx.prepare_cached(
        "SELECT title, authors, year, venue, doi, arxiv, url FROM reference_entries WHERE citation_id = ?1",
    )?;
    let rows: Vec<[Option<String>; 7]> = stmt
        .query_map([id], |r| {
            Ok([
                r.get(0)?,
                r.get(1)?,
                r.get::<_, Option<i64>>(2)?.map(|y| y.to_string()),
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
                r.get(6)?,
            ])
        })?
        .collect::<rusqlite::Result<_>>()?;
    let best = |field: usize| -> Option<String> {
        let mut counts: std::collections::HashMap<String, (usize, String)> = std::collections::HashMap::new();
        for row in &rows {
            if let Some(v) = &row[field] {
                let e = counts.entry(text::key(v)).or_insert((0, v.clone()));
                e.0 += 1;
                if v.len() > e.1.len() {
                    e.1 = v.clone();
                }
            }
        }
        // Ties go to the longer value, then the greater one: deterministic, and a venue
        // version's later year over its preprint's.
        counts
            .into_values()
            .max_by(|a, b| a.0.cmp(&b.0).then(a.1.len().cmp(&b.1.len())).then_with(|| a.1.cmp(&b.1)))
            .map(|(_, v)| v)
    };
    let authors = best(1);
    let first_author =
        authors.as_deref().and_then(|a| a.split("; ").next()).map(crate::bib::surname_of);
    tx.execute(
        "UPDATE citations SET title = COALESCE(?2, title), authors = COALESCE(?3, authors), first_author = COALESCE(?4, first_author),
                year = COALESCE(?5, year), venue = COALESCE(?6, venue), doi = COALESCE(?7, doi), arxiv = COALESCE(?8, arxiv), url = COALESCE(?9, url)
         WHERE id = ?1",
        params![id, best(0), authors, first_author, best(2).and_then(|y| y.parse::<i64>().ok()), best(3), best(4), best(5), best(6)],
    )?;
    Ok(())
}

/// The work a reference cites: the citation any of its keys already names (the oldest, where
/// keys name several), else a new one; then every key of the reference names it.
fn get_or_create_citation(tx: &Connection, r: &crate::resolve::ReferenceRecord) -> Result<i64> {
    let mut existing: Option<i64> = None;
    let mut matched_by: Option<&str> = None;
    for key in &r.citation_keys {
        let id: Option<i64> =
            tx.query_row("SELECT citation_id FROM citation_keys WHERE key = ?1", [key], |row| row.get(0)).optional()?;
        if let Some(id) = id {
            let id = curation::current(tx, curation::Kind::Citation, id)?;
            if existing.is_none() {
                matched_by = Some(key);
            }
            existing = Some(existing.map_or(id, |e: i64| e.min(id)));
        }
    }
    let q = &r.parsed;
    let authors = (!q.authors.is_empty()).then(|| q.authors.join("; "));
    let id = match existing {
        Some(id) => {
            tx.execute(
                "UPDATE citations SET
                   title = COALESCE(title, ?2), authors = COALESCE(authors, ?3), first_author = COALESCE(first_author, ?4),
                   year = COALESCE(year, ?5), venue = COALESCE(venue, ?6), doi = COALESCE(doi, ?7),
                   arxiv = COALESCE(arxiv, ?8), url = COALESCE(url, ?9)
                 WHERE id = ?1",
                params![id, q.title, authors, q.first_surname(), q.year, q.venue, q.doi, q.arxiv, q.url],
            )?;
            id
        }
        None => insert_citation(tx, r, authors)?,
    };
    let mut new_keys = 0;
    for key in &r.citation_keys {
        new_keys +=
            tx.execute("INSERT OR IGNORE INTO citation_keys (key, citation_id) VALUES (?1, ?2)", params![key, id])?;
    }
    // A reference that joins a work through one key and brings another is a merge of two ways
    // of citing it: logged with the rule and the entry as evidence.
    if let (Some(key), true) = (matched_by, existing.is_some() && new_keys > 0) {
        let rule = match key.split(':').next() {
            Some("doi") => "same DOI",
            Some("arxiv") => "same arXiv id",
            Some("title") => "same first author and title",
            _ => "same text",
        };
        curation::log(
            tx,
            false,
            "join",
            curation::Kind::Citation,
            id,
            None,
            Some(rule),
            Some(1.0),
            Some(&r.raw),
            None,
        )?;
    }
    Ok(id)
}

fn insert_citation(tx: &Connection, r: &crate::resolve::ReferenceRecord, authors: Option<String>) -> Result<i64> {
    let q = &r.parsed;
    let key = &r.citation_keys[0];
    tx.execute(
        "INSERT INTO citations (key, title, authors, first_author, year, venue, doi, arxiv, url, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, strftime('%Y-%m-%dT%H:%M:%SZ','now'))
         ON CONFLICT(key) DO UPDATE SET
           title = COALESCE(citations.title, excluded.title),
           authors = COALESCE(citations.authors, excluded.authors),
           first_author = COALESCE(citations.first_author, excluded.first_author),
           year = COALESCE(citations.year, excluded.year),
           venue = COALESCE(citations.venue, excluded.venue),
           doi = COALESCE(citations.doi, excluded.doi),
           arxiv = COALESCE(citations.arxiv, excluded.arxiv),
           url = COALESCE(citations.url, excluded.url)",
        params![key, q.title, authors, q.first_surname(), q.year, q.venue, q.doi, q.arxiv, q.url],
    )?;
    Ok(tx.query_row("SELECT id FROM citations WHERE key = ?1", [key], |row| row.get(0))?)
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
