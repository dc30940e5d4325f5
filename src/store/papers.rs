//! The paper write path: one resolved paper stored whole or not at all.
//!
//! A transaction of its own, or a savepoint inside a batch: its sources and supersession, its
//! reference entries, dataset usages and mentions.

use rusqlite::{params, Connection, OptionalExtension, TransactionBehavior};

use super::citations::{file_entry_blocks, get_or_create_citation};
use super::registry::{find_dataset, upsert_entries};
use super::vote::revote_if_changed;
use super::{row, run, Catalog};
use crate::registry::DatasetEntry;
use crate::resolve::{works, Origin, Resolved};
use crate::{text, Error, Result};

/// What storing a paper did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StoreOutcome {
    /// A new paper; `replaced` is the paper that was at the same path with other content, and
    /// `same_work` the paper held already that is the same work in another file.
    Added { paper_id: i64, replaced: Option<i64>, same_work: Option<SameWork> },
    /// The same content is already in the catalog (under `first_source`): nothing changed.
    Duplicate { paper_id: i64, first_source: String },
    /// The same content was read again and its rows replaced (`--reread`).
    Reread { paper_id: i64 },
}

/// A new paper that is a work the catalog holds already, in another file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SameWork {
    /// The paper held already.
    pub paper_id: i64,
    /// Whether the new paper became the work's current version (its format gives more to read).
    pub now_current: bool,
    /// The rule that tells they are one work.
    pub rule: &'static str,
}

impl Catalog {
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

    /// Rolls the open batch back, if any: none of its papers is written.
    pub fn rollback_batch(&mut self) -> Result<()> {
        if !self.conn.is_autocommit() {
            self.conn.execute_batch("ROLLBACK")?;
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
        write_record(tx, id, p)?;
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
    write_record(tx, paper_id, p)?;
    if remember_path {
        run(
            tx,
            "INSERT INTO paper_sources (path, paper_id, seen_at) VALUES (?1, ?2, strftime('%Y-%m-%dT%H:%M:%SZ','now'))
             ON CONFLICT(path) DO UPDATE SET paper_id = excluded.paper_id, seen_at = excluded.seen_at",
            params![p.source, paper_id],
        )?;
    }
    if let Some(old) = replaced {
        supersede(tx, old, paper_id, "new content")?;
    }
    let same_work = match replaced {
        Some(_) => None,
        None => file_under_its_work(tx, paper_id, p)?,
    };
    write_extraction(tx, paper_id, resolved)?;
    Ok(StoreOutcome::Added { paper_id, replaced, same_work })
}

fn supersede(tx: &Connection, old: i64, new: i64, reason: &str) -> Result<()> {
    run(tx, "UPDATE papers SET superseded_by = ?1, superseded_as = ?2 WHERE id = ?3", params![new, reason, old])?;
    // A paper that was the current version of its work hands its versions on.
    run(
        tx,
        "UPDATE papers SET superseded_by = ?1 WHERE superseded_by = ?2 AND superseded_as = 'same work'",
        params![new, old],
    )?;
    Ok(())
}

/// The paper's own record (authors, year, venue, identifiers) and its title's work key.
fn write_record(tx: &Connection, paper_id: i64, p: &crate::resolve::PaperRecord) -> Result<()> {
    let m = &p.meta;
    run(
        tx,
        "UPDATE papers SET authors = ?1, year = ?2, venue = ?3, doi = ?4, arxiv = ?5, title_key = ?6 WHERE id = ?7",
        params![
            (!m.authors.is_empty()).then(|| m.authors.join("; ")),
            m.year,
            m.venue,
            m.doi,
            m.arxiv,
            p.title.as_deref().and_then(works::title_key),
            paper_id
        ],
    )?;
    Ok(())
}

/// Where the new paper is a work the catalog holds as another current paper (by DOI, arXiv id
/// or title: [`works::same_work`]), one of the two becomes a version of the other: the one whose
/// format gives more to read stays current ([`works::format_rank`]; the paper held, on a tie).
fn file_under_its_work(tx: &Connection, paper_id: i64, p: &crate::resolve::PaperRecord) -> Result<Option<SameWork>> {
    let facts = |doi: Option<String>,
                 arxiv: Option<String>,
                 year: Option<i64>,
                 authors: Option<String>,
                 key: Option<String>| {
        works::WorkFacts {
            doi,
            arxiv,
            year,
            first_surname: authors.as_deref().and_then(|a| a.split("; ").next()).and_then(works::surname_key),
            title_key: key,
        }
    };
    let new = facts(
        p.meta.doi.clone(),
        p.meta.arxiv.clone(),
        p.meta.year.map(i64::from),
        (!p.meta.authors.is_empty()).then(|| p.meta.authors.join("; ")),
        p.title.as_deref().and_then(works::title_key),
    );
    if new.doi.is_none() && new.arxiv.is_none() && new.title_key.is_none() {
        return Ok(None);
    }
    let mut stmt = tx.prepare_cached(
        "SELECT id, format, doi, arxiv, year, authors, title_key FROM papers
         WHERE superseded_by IS NULL AND id <> ?1 AND (doi = ?2 OR arxiv = ?3 OR title_key = ?4)
         ORDER BY id",
    )?;
    let candidates: Vec<(i64, String, works::WorkFacts)> = stmt
        .query_map(params![paper_id, new.doi, new.arxiv, new.title_key], |r| {
            Ok((r.get(0)?, r.get(1)?, facts(r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?)))
        })?
        .collect::<rusqlite::Result<_>>()?;
    let Some((held, format, rule)) = candidates
        .into_iter()
        .find_map(|(id, format, old)| works::same_work(&new, &old).map(|rule| (id, format, rule)))
    else {
        return Ok(None);
    };
    let now_current = works::format_rank(&p.format) > works::format_rank(&format);
    if now_current {
        supersede(tx, held, paper_id, "same work")?;
    } else {
        supersede(tx, paper_id, held, "same work")?;
    }
    Ok(Some(SameWork { paper_id: held, now_current, rule }))
}

/// A paper's extracted rows: reference entries, dataset usages, mentions.
fn write_extraction(tx: &Connection, paper_id: i64, resolved: &Resolved) -> Result<()> {
    {
        let mut reference_ids = Vec::with_capacity(resolved.references.len());
        for r in &resolved.references {
            let citation_id = get_or_create_citation(tx, r)?;
            let q = &r.parsed;
            run(tx,
                "INSERT INTO reference_entries (paper_id, position, label, raw, authors, title, year, venue, doi, arxiv, url, citation_id, volume, pages)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
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
                    citation_id,
                    q.volume,
                    q.pages
                ],
            )?;
            let entry_id = tx.last_insert_rowid();
            file_entry_blocks(tx, entry_id, r)?;
            revote_if_changed(tx, citation_id, r)?;
            reference_ids.push(entry_id);
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
                "INSERT INTO dataset_usages (paper_id, dataset_id, role, mention_count, reference_id, link_rule, link_confidence)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
                 ON CONFLICT(paper_id, dataset_id) DO UPDATE SET mention_count = mention_count + excluded.mention_count",
                params![paper_id, dataset_id, d.role.as_str(), d.mentions as i64, reference_id, d.link_rule, d.link_confidence],
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
