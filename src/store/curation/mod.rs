//! Curation: merges, splits, aliases, renames, "these are different", and the log of every decision.
//!
//! A merge records exactly what it moved, so that a split puts it back.

use rusqlite::{params, Connection, OptionalExtension, TransactionBehavior};
use serde::Serialize;

use super::Catalog;
use crate::{Error, Result};

mod citations;
mod datasets;

pub use citations::{merge_citations, split_citation};

/// Datasets or citations.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Dataset,
    Citation,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Dataset => "dataset",
            Kind::Citation => "citation",
        }
    }
}

/// A row of the curation log, as `citekb log` shows it.
#[derive(Debug, Clone, Default, Serialize)]
pub struct LogRow {
    pub id: i64,
    pub at: String,
    pub by: String,
    pub action: String,
    pub kind: String,
    pub subject: String,
    pub object: Option<String>,
    pub rule: Option<String>,
    pub score: Option<f64>,
    pub evidence: Option<String>,
    pub undone: bool,
}

/// Follows `merged_into` from a dataset or citation to the one that stands for it now.
pub(crate) fn current(conn: &Connection, kind: Kind, mut id: i64) -> rusqlite::Result<i64> {
    let sql = match kind {
        Kind::Dataset => "SELECT merged_into FROM datasets WHERE id = ?1",
        Kind::Citation => "SELECT merged_into FROM citations WHERE id = ?1",
    };
    for _ in 0..MOST_MERGE_LINKS {
        match conn.query_row(sql, [id], |r| r.get::<_, Option<i64>>(0)).optional()?.flatten() {
            Some(next) => id = next,
            None => break,
        }
    }
    Ok(id)
}

/// The most `merged_into` links followed from one row: a chain is as long as the merges made
/// one after another, and a longer one can only be a loop that damage made.
const MOST_MERGE_LINKS: usize = 64;

/// Fails with [`Error::Missing`] unless the catalog has dataset (or citation) `id`, merged or not:
/// curation refuses an id nothing has before it writes anything.
pub(crate) fn require(conn: &Connection, kind: Kind, id: i64) -> Result<()> {
    let sql = match kind {
        Kind::Dataset => "SELECT EXISTS (SELECT 1 FROM datasets WHERE id = ?1)",
        Kind::Citation => "SELECT EXISTS (SELECT 1 FROM citations WHERE id = ?1)",
    };
    if conn.query_row(sql, [id], |r| r.get::<_, bool>(0))? {
        Ok(())
    } else {
        Err(Error::Missing { what: kind.as_str(), id })
    }
}

/// Records a decision.
#[allow(clippy::too_many_arguments)]
pub(crate) fn log(
    conn: &Connection,
    manual: bool,
    action: &str,
    kind: Kind,
    subject: i64,
    object: Option<i64>,
    rule: Option<&str>,
    score: Option<f64>,
    evidence: Option<&str>,
    undo: Option<&str>,
) -> rusqlite::Result<i64> {
    conn.execute(
        "INSERT INTO curation_log (at, manual, action, kind, subject, object, rule, score, evidence, undo)
         VALUES (strftime('%Y-%m-%dT%H:%M:%SZ','now'), ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        params![manual, action, kind.as_str(), subject, object, rule, score, evidence, undo],
    )?;
    Ok(conn.last_insert_rowid())
}

/// The last merge of `merged` not yet undone: its log entry, the survivor, what it moved.
fn last_merge(conn: &Connection, kind: Kind, merged: i64) -> Result<(i64, i64, String)> {
    conn.query_row(
        "SELECT id, object, undo FROM curation_log WHERE kind = ?1 AND action = 'merge' AND subject = ?2 AND undone = 0
         ORDER BY id DESC LIMIT 1",
        params![kind.as_str(), merged],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )
    .optional()?
    .ok_or_else(|| Error::NotFound(format!("{} {merged} was not merged into another", kind.as_str())))
}

fn distinct(conn: &Connection, kind: Kind, a: i64, b: i64) -> rusqlite::Result<bool> {
    conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM distinct_pairs WHERE kind = ?1 AND a = ?2 AND b = ?3)",
        params![kind.as_str(), a.min(b), a.max(b)],
        |r| r.get(0),
    )
}

impl Catalog {
    /// A citation by id.
    pub fn find_citation(&self, id: &str) -> Result<Option<i64>> {
        let Ok(id) = id.parse::<i64>() else { return Ok(None) };
        let found = self.conn.query_row("SELECT id FROM citations WHERE id = ?1", [id], |r| r.get(0)).optional()?;
        Ok(found)
    }

    /// Merges dataset `from` into `into`: its aliases, usages, mentions and family members
    /// become `into`'s, and `from` points to `into` from now on. Returns the log entry.
    /// Records that two datasets (or citations) are different: no merge of them is made.
    pub fn separate(&mut self, kind: Kind, a: i64, b: i64) -> Result<()> {
        require(&self.conn, kind, a)?;
        require(&self.conn, kind, b)?;
        if current(&self.conn, kind, a)? == current(&self.conn, kind, b)? {
            return Err(Error::Invalid(format!(
                "{} {a} and {b} are merged now; split them first (citekb split)",
                kind.as_str()
            )));
        }
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        tx.execute(
            "INSERT OR IGNORE INTO distinct_pairs (kind, a, b, decided_at) VALUES (?1, ?2, ?3, strftime('%Y-%m-%dT%H:%M:%SZ','now'))",
            params![kind.as_str(), a.min(b), a.max(b)],
        )?;
        log(&tx, true, "separate", kind, a, Some(b), Some("manual decision: different"), None, None, None)?;
        tx.commit()?;
        Ok(())
    }

    /// The curation log, newest first.
    pub fn curation_log(&self, limit: usize) -> Result<Vec<LogRow>> {
        let mut stmt = self.conn.prepare(
            "SELECT l.id, l.at, l.manual, l.action, l.kind, l.subject, l.object, l.rule, l.score, l.evidence, l.undone,
                    CASE l.kind WHEN 'dataset' THEN (SELECT name FROM datasets WHERE id = l.subject)
                                ELSE (SELECT COALESCE(title, key) FROM citations WHERE id = l.subject) END,
                    CASE l.kind WHEN 'dataset' THEN (SELECT name FROM datasets WHERE id = l.object)
                                ELSE (SELECT COALESCE(title, key) FROM citations WHERE id = l.object) END
             FROM curation_log l ORDER BY l.id DESC LIMIT ?1",
        )?;
        let rows = stmt.query_map([limit as i64], |r| {
            let subject: i64 = r.get(5)?;
            let object: Option<i64> = r.get(6)?;
            let subject_name: Option<String> = r.get(11)?;
            let object_name: Option<String> = r.get(12)?;
            Ok(LogRow {
                id: r.get(0)?,
                at: r.get(1)?,
                by: if r.get::<_, bool>(2)? { "person".into() } else { "citekb".into() },
                action: r.get(3)?,
                kind: r.get(4)?,
                subject: format!("{subject} {}", subject_name.unwrap_or_default()).trim().to_string(),
                object: object.map(|o| format!("{o} {}", object_name.unwrap_or_default()).trim().to_string()),
                rule: r.get(7)?,
                score: r.get(8)?,
                evidence: r.get(9)?,
                undone: r.get(10)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
