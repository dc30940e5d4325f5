//! Citation curation: merging two works through one undoable path (a person's or citekb's), and splitting them.

use rusqlite::{params, Connection, TransactionBehavior};
use serde::{Deserialize, Serialize};

use super::{current, distinct, last_merge, log, require, Kind};
use crate::store::vote::revote_citation;
use crate::store::Catalog;
use crate::{Error, Result};

/// What a citation merge moved, to put it back.
#[derive(Debug, Default, Serialize, Deserialize)]
struct CitationMergeUndo {
    references: Vec<i64>,
    keys: Vec<String>,
}

/// Merges citation `from` into `into` inside the caller's transaction: `from`'s reference
/// entries and keys point to `into`, `from` points to `into` from then on, and the merge is
/// logged with what it moved, so that `citekb split citation FROM` undoes it whoever made it.
/// `by_hand` says whether a person decided it; `rule`, `score` and `evidence` say why. The
/// survivor's fields are voted again over its entries. Returns the log entry.
///
/// Refused, with nothing written: an id the catalog does not have ([`Error::Missing`]), two ids
/// that are one work already, and a pair decided to be different (`citekb separate`).
#[allow(clippy::too_many_arguments)]
pub fn merge_citations(
    tx: &Connection,
    from: i64,
    into: i64,
    by_hand: bool,
    rule: &str,
    score: f64,
    evidence: &str,
) -> Result<i64> {
    require(tx, Kind::Citation, from)?;
    require(tx, Kind::Citation, into)?;
    let (from, into) = (current(tx, Kind::Citation, from)?, current(tx, Kind::Citation, into)?);
    if from == into {
        return Err(Error::Invalid(format!("citations {from} and {into} are already one work")));
    }
    if distinct(tx, Kind::Citation, from, into)? {
        return Err(Error::Invalid(format!(
            "citations {from} and {into} were decided to be different works (citekb separate); not merged"
        )));
    }
    let mut undo = CitationMergeUndo::default();
    let mut stmt = tx.prepare("SELECT id FROM reference_entries WHERE citation_id = ?1 ORDER BY id")?;
    undo.references = stmt.query_map([from], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
    drop(stmt);
    let mut stmt = tx.prepare("SELECT key FROM citation_keys WHERE citation_id = ?1 ORDER BY key")?;
    undo.keys = stmt.query_map([from], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
    drop(stmt);
    tx.execute("UPDATE reference_entries SET citation_id = ?1 WHERE citation_id = ?2", params![into, from])?;
    tx.execute("UPDATE citation_keys SET citation_id = ?1 WHERE citation_id = ?2", params![into, from])?;
    tx.execute("UPDATE citations SET merged_into = ?1 WHERE id = ?2", params![into, from])?;
    revote_citation(tx, into)?;
    let undo_json = serde_json::to_string(&undo).map_err(|e| Error::Invalid(format!("undo data: {e}")))?;
    let evidence = (!evidence.is_empty()).then_some(evidence);
    let id = log(
        tx,
        by_hand,
        "merge",
        Kind::Citation,
        from,
        Some(into),
        Some(rule),
        Some(score),
        evidence,
        Some(&undo_json),
    )?;
    Ok(id)
}

/// Undoes the last merge of citation `merged` inside the caller's transaction: its entries and
/// keys go back to it, and both works' fields are voted again.
pub fn split_citation(tx: &Connection, merged: i64) -> Result<()> {
    require(tx, Kind::Citation, merged)?;
    let (log_id, into, undo) = last_merge(tx, Kind::Citation, merged)?;
    let undo: CitationMergeUndo =
        serde_json::from_str(&undo).map_err(|e| Error::Invalid(format!("damaged log entry {log_id}: {e}")))?;
    for r in &undo.references {
        tx.execute("UPDATE reference_entries SET citation_id = ?1 WHERE id = ?2", params![merged, r])?;
    }
    for k in &undo.keys {
        tx.execute("UPDATE citation_keys SET citation_id = ?1 WHERE key = ?2", params![merged, k])?;
    }
    tx.execute("UPDATE citations SET merged_into = NULL WHERE id = ?1", [merged])?;
    tx.execute("UPDATE curation_log SET undone = 1 WHERE id = ?1", [log_id])?;
    revote_citation(tx, merged)?;
    revote_citation(tx, into)?;
    log(
        tx,
        true,
        "split",
        Kind::Citation,
        merged,
        Some(into),
        Some("undo of merge"),
        None,
        Some(&format!("log entry {log_id}")),
        None,
    )?;
    Ok(())
}

/// The rule and score of a person's merge.
const MANUAL_MERGE: (&str, f64) = ("manual merge", 1.0);

impl Catalog {
    /// A person's merge of citation `from` into `into`, in one transaction ([`merge_citations`]).
    pub fn merge_citations(&mut self, from: i64, into: i64) -> Result<i64> {
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let id = merge_citations(&tx, from, into, true, MANUAL_MERGE.0, MANUAL_MERGE.1, "")?;
        tx.commit()?;
        Ok(id)
    }

    /// Undoes the last merge of citation `merged`, in one transaction ([`split_citation`]).
    pub fn split_citation(&mut self, merged: i64) -> Result<()> {
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        split_citation(&tx, merged)?;
        tx.commit()?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ErrorKind;

    /// A catalog with one paper citing two works (ids 1 and 2) with one entry each.
    fn two_works() -> Catalog {
        let c = Catalog::open(":memory:").unwrap();
        c.conn
            .execute_batch(
                "INSERT INTO papers (sha256, source_path, format, byte_size, ingested_at, extractor_version)
                   VALUES ('p', 'p.txt', 'text', 1, 'now', 'test');
                 INSERT INTO citations (id, key, title, created_at) VALUES (1, 'title:a:alpha', 'Alpha', 'now'),
                                                                         (2, 'title:b:beta', 'Beta', 'now');
                 INSERT INTO citation_keys (key, citation_id) VALUES ('title:a:alpha', 1), ('title:b:beta', 2);
                 INSERT INTO reference_entries (paper_id, position, raw, title, citation_id)
                   VALUES (1, 0, 'A. Alpha', 'Alpha', 1), (1, 1, 'B. Beta', 'Beta', 2);",
            )
            .unwrap();
        c
    }

    fn citation_of_entry(c: &Catalog, position: i64) -> i64 {
        c.conn
            .query_row("SELECT citation_id FROM reference_entries WHERE position = ?1", [position], |r| r.get(0))
            .unwrap()
    }

    #[test]
    fn an_automatic_merge_inside_a_transaction_is_logged_and_a_split_undoes_it() {
        let mut c = two_works();
        {
            let tx = c.conn.transaction().unwrap();
            merge_citations(&tx, 2, 1, false, "same first author and title", 0.93, "B. Beta").unwrap();
            tx.commit().unwrap();
        }
        assert_eq!(citation_of_entry(&c, 1), 1);
        let (manual, rule, score, evidence): (bool, String, f64, String) = c
            .conn
            .query_row("SELECT manual, rule, score, evidence FROM curation_log WHERE action = 'merge'", [], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
            })
            .unwrap();
        assert_eq!(
            (manual, rule.as_str(), score, evidence.as_str()),
            (false, "same first author and title", 0.93, "B. Beta")
        );
        c.split_citation(2).unwrap();
        assert_eq!(citation_of_entry(&c, 1), 2);
        let key_owner: i64 = c
            .conn
            .query_row("SELECT citation_id FROM citation_keys WHERE key = 'title:b:beta'", [], |r| r.get(0))
            .unwrap();
        assert_eq!(key_owner, 2);
    }

    #[test]
    fn a_merge_revotes_the_survivor() {
        let mut c = two_works();
        c.conn.execute("UPDATE citations SET title = NULL WHERE id = 1", []).unwrap();
        c.conn.execute("UPDATE reference_entries SET title = NULL WHERE position = 0", []).unwrap();
        c.merge_citations(2, 1).unwrap();
        let title: Option<String> =
            c.conn.query_row("SELECT title FROM citations WHERE id = 1", [], |r| r.get(0)).unwrap();
        assert_eq!(title.as_deref(), Some("Beta"), "the merged entry's title is voted onto the survivor");
    }

    #[test]
    fn missing_ids_are_refused_with_nothing_written() {
        let mut c = two_works();
        for (from, into) in [(99, 1), (1, 98)] {
            let err = c.merge_citations(from, into).unwrap_err();
            assert_eq!(err.kind(), ErrorKind::NotFound, "{err}");
            assert!(matches!(err, Error::Missing { id, .. } if id == 99 || id == 98), "{err}");
        }
        assert_eq!(c.split_citation(97).unwrap_err().kind(), ErrorKind::NotFound);
        let logged: i64 = c.conn.query_row("SELECT COUNT(*) FROM curation_log", [], |r| r.get(0)).unwrap();
        assert_eq!(logged, 0);
    }
}
