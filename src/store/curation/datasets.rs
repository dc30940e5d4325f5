//! Dataset curation: merges that record what they moved, splits that put it back, aliases and renames.

use rusqlite::{params, Connection, OptionalExtension, TransactionBehavior};
use serde::{Deserialize, Serialize};

use super::{current, distinct, last_merge, log, require, Kind};
use crate::store::Catalog;
use crate::{text, Error, Result};

/// What a dataset merge moved, to put it back.
#[derive(Debug, Default, Serialize, Deserialize)]
struct DatasetMergeUndo {
    aliases: Vec<String>,
    added_alias: Option<String>,
    moved_usages: Vec<i64>,
    /// (paper, the merged dataset's row, the surviving dataset's row before the merge)
    merged_usages: Vec<(i64, UsageRow, UsageRow)>,
    mentions: Vec<i64>,
    members: Vec<i64>,
}

#[derive(Debug, Default, Clone, Serialize, Deserialize)]
struct UsageRow {
    role: String,
    mention_count: i64,
    reference_id: Option<i64>,
    link_rule: Option<String>,
    /// Absent in undo data written before links had a confidence.
    #[serde(default)]
    link_confidence: Option<f64>,
}

fn role_rank(role: &str) -> u8 {
    match role {
        "introduced" => 2,
        "used" => 1,
        _ => 0,
    }
}

impl Catalog {
    fn dataset_name(&self, id: i64) -> Result<String> {
        self.conn
            .query_row("SELECT name FROM datasets WHERE id = ?1", [id], |r| r.get(0))
            .optional()?
            .ok_or(Error::Missing { what: Kind::Dataset.as_str(), id })
    }

    pub fn merge_datasets(&mut self, from: i64, into: i64, rule: &str) -> Result<i64> {
        let from_name = self.dataset_name(from)?;
        let into_name = self.dataset_name(into)?;
        let (from, into) = (current(&self.conn, Kind::Dataset, from)?, current(&self.conn, Kind::Dataset, into)?);
        if from == into {
            return Err(Error::Invalid(format!("{from_name} and {into_name} are already one dataset")));
        }
        if distinct(&self.conn, Kind::Dataset, from, into)? {
            return Err(Error::Invalid(format!(
                "{from_name} and {into_name} were decided to be different datasets (citekb separate); not merged"
            )));
        }
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let mut undo = DatasetMergeUndo::default();
        let mut stmt = tx.prepare("SELECT key FROM dataset_aliases WHERE dataset_id = ?1")?;
        undo.aliases = stmt.query_map([from], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
        drop(stmt);
        tx.execute("UPDATE dataset_aliases SET dataset_id = ?1 WHERE dataset_id = ?2", params![into, from])?;
        let (from_key, from_display): (String, String) =
            tx.query_row("SELECT key, name FROM datasets WHERE id = ?1", [from], |r| Ok((r.get(0)?, r.get(1)?)))?;
        if tx.execute(
            "INSERT OR IGNORE INTO dataset_aliases (key, dataset_id, alias, origin) VALUES (?1, ?2, ?3, 'manual')",
            params![from_key, into, from_display],
        )? > 0
        {
            undo.added_alias = Some(from_key);
        }
        let usage = |tx: &Connection, paper: i64, dataset: i64| -> rusqlite::Result<Option<UsageRow>> {
            tx.query_row(
                "SELECT role, mention_count, reference_id, link_rule, link_confidence FROM dataset_usages
                 WHERE paper_id = ?1 AND dataset_id = ?2",
                params![paper, dataset],
                |r| {
                    Ok(UsageRow {
                        role: r.get(0)?,
                        mention_count: r.get(1)?,
                        reference_id: r.get(2)?,
                        link_rule: r.get(3)?,
                        link_confidence: r.get(4)?,
                    })
                },
            )
            .optional()
        };
        let mut stmt = tx.prepare("SELECT paper_id FROM dataset_usages WHERE dataset_id = ?1")?;
        let papers: Vec<i64> = stmt.query_map([from], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
        drop(stmt);
        for paper in papers {
            let theirs = usage(&tx, paper, from)?.expect("listed above");
            match usage(&tx, paper, into)? {
                None => {
                    tx.execute(
                        "UPDATE dataset_usages SET dataset_id = ?1 WHERE paper_id = ?2 AND dataset_id = ?3",
                        params![into, paper, from],
                    )?;
                    undo.moved_usages.push(paper);
                }
                Some(ours) => {
                    let role = if role_rank(&theirs.role) > role_rank(&ours.role) { &theirs.role } else { &ours.role };
                    tx.execute(
                        "UPDATE dataset_usages SET role = ?1, mention_count = ?2, reference_id = COALESCE(reference_id, ?3),
                                link_confidence = CASE WHEN link_rule IS NULL THEN ?7 ELSE link_confidence END,
                                link_rule = COALESCE(link_rule, ?4)
                         WHERE paper_id = ?5 AND dataset_id = ?6",
                        params![
                            role,
                            ours.mention_count + theirs.mention_count,
                            theirs.reference_id,
                            theirs.link_rule,
                            paper,
                            into,
                            theirs.link_confidence
                        ],
                    )?;
                    tx.execute(
                        "DELETE FROM dataset_usages WHERE paper_id = ?1 AND dataset_id = ?2",
                        params![paper, from],
                    )?;
                    undo.merged_usages.push((paper, theirs, ours));
                }
            }
        }
        let mut stmt = tx.prepare("SELECT id FROM mentions WHERE dataset_id = ?1")?;
        undo.mentions = stmt.query_map([from], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
        drop(stmt);
        tx.execute("UPDATE mentions SET dataset_id = ?1 WHERE dataset_id = ?2", params![into, from])?;
        let mut stmt = tx.prepare("SELECT id FROM datasets WHERE family_id = ?1")?;
        undo.members = stmt.query_map([from], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
        drop(stmt);
        tx.execute("UPDATE datasets SET family_id = ?1 WHERE family_id = ?2 AND id != ?1", params![into, from])?;
        tx.execute("UPDATE datasets SET merged_into = ?1 WHERE id = ?2", params![into, from])?;
        let undo_json = serde_json::to_string(&undo).expect("serialisable");
        let evidence = format!("{from_name} → {into_name}");
        let id = log(
            &tx,
            true,
            "merge",
            Kind::Dataset,
            from,
            Some(into),
            Some(rule),
            Some(1.0),
            Some(&evidence),
            Some(&undo_json),
        )?;
        tx.commit()?;
        Ok(id)
    }

    /// Undoes the last merge of dataset `merged`: what the merge moved goes back.
    pub fn split_dataset(&mut self, merged: i64) -> Result<()> {
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        require(&tx, Kind::Dataset, merged)?;
        let (log_id, into, undo) = last_merge(&tx, Kind::Dataset, merged)?;
        let undo: DatasetMergeUndo =
            serde_json::from_str(&undo).map_err(|e| Error::Invalid(format!("damaged log entry {log_id}: {e}")))?;
        for key in &undo.aliases {
            tx.execute("UPDATE dataset_aliases SET dataset_id = ?1 WHERE key = ?2", params![merged, key])?;
        }
        if let Some(key) = &undo.added_alias {
            tx.execute("DELETE FROM dataset_aliases WHERE key = ?1 AND dataset_id = ?2", params![key, into])?;
        }
        for paper in &undo.moved_usages {
            tx.execute(
                "UPDATE dataset_usages SET dataset_id = ?1 WHERE paper_id = ?2 AND dataset_id = ?3",
                params![merged, paper, into],
            )?;
        }
        // A paper re-read since the merge has new rows; what refers to rows it replaced is left
        // as the re-read made it (re-read again to redo it without the merge).
        for (paper, theirs, ours) in &undo.merged_usages {
            tx.execute(
                "UPDATE dataset_usages SET role = ?1, mention_count = ?2,
                        reference_id = (SELECT id FROM reference_entries WHERE id = ?3 AND paper_id = ?5), link_rule = ?4,
                        link_confidence = ?7
                 WHERE paper_id = ?5 AND dataset_id = ?6",
                params![ours.role, ours.mention_count, ours.reference_id, ours.link_rule, paper, into, ours.link_confidence],
            )?;
            tx.execute(
                "INSERT OR IGNORE INTO dataset_usages
                   (paper_id, dataset_id, role, mention_count, reference_id, link_rule, link_confidence)
                 SELECT ?1, ?2, ?3, ?4, (SELECT id FROM reference_entries WHERE id = ?5 AND paper_id = ?1), ?6, ?7
                 WHERE EXISTS (SELECT 1 FROM papers WHERE id = ?1)",
                params![
                    paper,
                    merged,
                    theirs.role,
                    theirs.mention_count,
                    theirs.reference_id,
                    theirs.link_rule,
                    theirs.link_confidence
                ],
            )?;
        }
        for m in &undo.mentions {
            tx.execute("UPDATE mentions SET dataset_id = ?1 WHERE id = ?2", params![merged, m])?;
        }
        for m in &undo.members {
            tx.execute("UPDATE datasets SET family_id = ?1 WHERE id = ?2", params![merged, m])?;
        }
        tx.execute("UPDATE datasets SET merged_into = NULL WHERE id = ?1", [merged])?;
        tx.execute("UPDATE curation_log SET undone = 1 WHERE id = ?1", [log_id])?;
        log(
            &tx,
            true,
            "split",
            Kind::Dataset,
            merged,
            Some(into),
            Some("undo of merge"),
            None,
            Some(&format!("log entry {log_id}")),
            None,
        )?;
        tx.commit()?;
        Ok(())
    }

    /// Adds an alias to a dataset; it must not name another dataset already.
    pub fn add_alias(&mut self, dataset: i64, alias: &str) -> Result<()> {
        require(&self.conn, Kind::Dataset, dataset)?;
        let dataset = current(&self.conn, Kind::Dataset, dataset)?;
        let key = text::dataset_key(alias);
        if key.is_empty() {
            return Err(Error::Invalid(format!("alias {alias:?} has no letters or digits")));
        }
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        // Aliases stored before one key function was used for all (`text::ALIAS_KEYS`) may be
        // under the plain key: an alias another dataset holds either way is taken.
        let owner: Option<(i64, String)> = tx
            .query_row(
                "SELECT d.id, d.name FROM dataset_aliases a JOIN datasets d ON d.id = a.dataset_id WHERE a.key IN (?1, ?2)
                 UNION ALL SELECT id, name FROM datasets WHERE key = ?1 AND merged_into IS NULL LIMIT 1",
                [&key, &text::key(alias)],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        match owner {
            Some((id, _)) if id == dataset => return Ok(()),
            Some((_, name)) => {
                return Err(Error::Invalid(format!(
                    "{alias:?} already names {name}; merge the two datasets instead (citekb merge dataset)"
                )))
            }
            None => {}
        }
        tx.execute(
            "INSERT INTO dataset_aliases (key, dataset_id, alias, origin) VALUES (?1, ?2, ?3, 'manual')",
            params![key, dataset, alias],
        )?;
        log(&tx, true, "alias", Kind::Dataset, dataset, None, Some("manual alias"), None, Some(alias), None)?;
        tx.commit()?;
        Ok(())
    }

    /// Renames a dataset; the new name also becomes an alias, and later seed updates keep it.
    pub fn rename_dataset(&mut self, dataset: i64, name: &str) -> Result<()> {
        require(&self.conn, Kind::Dataset, dataset)?;
        let dataset = current(&self.conn, Kind::Dataset, dataset)?;
        let old = self.dataset_name(dataset)?;
        if name.trim().is_empty() {
            return Err(Error::Invalid("the new name is empty".into()));
        }
        self.add_alias(dataset, name)?;
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        tx.execute("UPDATE datasets SET name = ?1, curated = 1 WHERE id = ?2", params![name.trim(), dataset])?;
        log(
            &tx,
            true,
            "rename",
            Kind::Dataset,
            dataset,
            None,
            Some("manual rename"),
            None,
            Some(&format!("{old} → {name}")),
            None,
        )?;
        tx.commit()?;
        Ok(())
    }
}
