//! Datasets as the registry knows them: get-or-create by key, the catalog's registry, import and export.
//!
//! Get-or-create by key with aliases and families serves the seeds, imports and the write path.

use rusqlite::{params, Connection, OptionalExtension, TransactionBehavior};

use super::{curation, run, Catalog};
use crate::registry::{DatasetEntry, IntroPaper, Registry};
use crate::{text, Result};

impl Catalog {
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
                let k = text::dataset_key(name);
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
                        let needs_context = e.needs_context.iter().any(|n| text::dataset_key(n) == k);
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

/// The dataset a key (or, for a discovered one, any of its aliases) already names, following
/// merges to the dataset that stands for it now.
pub(super) fn find_dataset(tx: &Connection, key: &str, aliases: &[String]) -> Result<Option<i64>> {
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
pub(super) fn upsert_entries(tx: &Connection, entries: &[DatasetEntry], origin: &str) -> Result<()> {
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
            let k = text::dataset_key(name);
            if k.is_empty() {
                continue;
            }
            let needs_context = e.needs_context.iter().any(|n| text::dataset_key(n) == k);
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
