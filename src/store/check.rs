//! Catalog health: integrity and foreign-key checks, orphan rows, counts, and the safe repairs.
//!
//! The only repairs made are safe ones: dropping what nothing refers to, recounting kept counts.

use serde::Serialize;

use super::Catalog;
use crate::Result;

/// One finding of a check.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Finding {
    /// `integrity`, `foreign_key`, `orphan` or `count`.
    pub kind: String,
    pub what: String,
    pub count: i64,
    /// What `--repair` does about it, if anything.
    pub repair: String,
}

/// The condition (on a row of `citations`) that keeps a citation curation still needs: one merged
/// into another, one another is merged into, and either side of a merge not undone, so that
/// `citekb split citation` can always put a merge back.
macro_rules! citation_kept_by_curation {
    () => {
        "(citations.merged_into IS NOT NULL
          OR EXISTS (SELECT 1 FROM citations m WHERE m.merged_into = citations.id)
          OR EXISTS (SELECT 1 FROM curation_log l WHERE l.kind = 'citation' AND l.action = 'merge' AND l.undone = 0
                     AND citations.id IN (l.subject, l.object)))"
    };
}

/// The same for a row of `datasets`, and the family members a merge's undo data names.
macro_rules! dataset_kept_by_curation {
    () => {
        "(datasets.merged_into IS NOT NULL
          OR EXISTS (SELECT 1 FROM datasets m WHERE m.merged_into = datasets.id)
          OR EXISTS (SELECT 1 FROM curation_log l WHERE l.kind = 'dataset' AND l.action = 'merge' AND l.undone = 0
                     AND (datasets.id IN (l.subject, l.object)
                          OR datasets.id IN (SELECT value FROM json_each(CASE WHEN json_valid(l.undo) THEN l.undo END, '$.members')))))"
    };
}

/// The same for a row of `mentions`: the mentions a dataset merge not undone moved.
macro_rules! mention_kept_by_curation {
    () => {
        "EXISTS (SELECT 1 FROM curation_log l, json_each(CASE WHEN json_valid(l.undo) THEN l.undo END, '$.mentions') j
                 WHERE l.kind = 'dataset' AND l.action = 'merge' AND l.undone = 0 AND j.value = mentions.id)"
    };
}

macro_rules! orphan_citation {
    () => {
        concat!(
            "NOT EXISTS (SELECT 1 FROM reference_entries r WHERE r.citation_id = citations.id) AND NOT ",
            citation_kept_by_curation!()
        )
    };
}

macro_rules! orphan_dataset {
    () => {
        concat!(
            "datasets.origin = 'discovered' AND NOT EXISTS (SELECT 1 FROM dataset_usages u WHERE u.dataset_id = datasets.id)
             AND NOT EXISTS (SELECT 1 FROM datasets f WHERE f.family_id = datasets.id) AND NOT ",
            dataset_kept_by_curation!()
        )
    };
}

macro_rules! orphan_mention {
    () => {
        concat!(
            "NOT EXISTS (SELECT 1 FROM dataset_usages u WHERE u.paper_id = mentions.paper_id AND u.dataset_id = mentions.dataset_id)
             AND NOT ",
            mention_kept_by_curation!()
        )
    };
}

/// Rows nothing refers to, each with the statement that counts them and the one that drops them.
/// What a merge not undone moved or left behind is referred to by its undo data (the curation
/// log), so it is never one of them: a repair never takes from a later `citekb split`.
const ORPHANS: &[(&str, &str, &str)] = &[
    (
        "citations no reference entry points to",
        concat!("SELECT COUNT(*) FROM citations WHERE ", orphan_citation!()),
        concat!("DELETE FROM citations WHERE ", orphan_citation!()),
    ),
    (
        "discovered datasets no paper names",
        concat!("SELECT COUNT(*) FROM datasets WHERE ", orphan_dataset!()),
        concat!("DELETE FROM datasets WHERE ", orphan_dataset!()),
    ),
    (
        "mentions of a dataset the paper has no usage row for",
        concat!("SELECT COUNT(*) FROM mentions WHERE ", orphan_mention!()),
        concat!("DELETE FROM mentions WHERE ", orphan_mention!()),
    ),
    (
        "paper sources whose paper is superseded",
        "SELECT COUNT(*) FROM paper_sources s JOIN papers p ON p.id = s.paper_id WHERE p.superseded_by IS NOT NULL",
        "",
    ),
];

const COUNTS: &[(&str, &str)] = &[
    ("papers", "SELECT COUNT(*) FROM papers WHERE superseded_by IS NULL"),
    ("superseded papers", "SELECT COUNT(*) FROM papers WHERE superseded_by IS NOT NULL"),
    ("datasets", "SELECT COUNT(*) FROM datasets"),
    ("dataset aliases", "SELECT COUNT(*) FROM dataset_aliases"),
    ("reference entries", "SELECT COUNT(*) FROM reference_entries"),
    ("citations", "SELECT COUNT(*) FROM citations"),
    ("dataset usages", "SELECT COUNT(*) FROM dataset_usages"),
    ("mentions", "SELECT COUNT(*) FROM mentions"),
];

/// The outcome of a check: findings, and whether anything is wrong.
#[derive(Debug, Default)]
pub struct CheckReport {
    pub findings: Vec<Finding>,
    /// SQLite found the file damaged: nothing citekb can repair.
    pub corrupt: bool,
    /// Rows nothing refers to, and kept counts that disagree with the rows (repairable).
    pub orphans: i64,
}

impl Catalog {
    /// Checks the catalog; with `repair`, drops rows nothing refers to, in one transaction.
    pub fn check(&mut self, repair: bool) -> Result<CheckReport> {
        let mut report = CheckReport::default();
        let integrity: Vec<String> = self
            .conn
            .prepare("PRAGMA integrity_check")?
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        let ok = integrity.len() == 1 && integrity[0] == "ok";
        report.corrupt = !ok;
        report.findings.push(Finding {
            kind: "integrity".into(),
            what: if ok { "ok".into() } else { integrity.join("; ") },
            count: if ok { 0 } else { integrity.len() as i64 },
            repair: if ok {
                String::new()
            } else {
                "none: restore from a copy, or re-ingest into a new catalog".into()
            },
        });
        let fk: i64 = self.conn.prepare("PRAGMA foreign_key_check")?.query_map([], |_| Ok(()))?.count() as i64;
        report.corrupt |= fk > 0;
        report.findings.push(Finding {
            kind: "foreign_key".into(),
            what: "rows pointing to rows that do not exist".into(),
            count: fk,
            repair: if fk > 0 { "none: re-ingest into a new catalog".into() } else { String::new() },
        });
        let tx = self.conn.transaction()?;
        for (what, count_sql, repair_sql) in ORPHANS {
            let n: i64 = tx.query_row(count_sql, [], |r| r.get(0))?;
            let mut repair_text = String::new();
            if n > 0 && !repair_sql.is_empty() {
                report.orphans += n;
                repair_text = if repair { format!("dropped {n}") } else { "--repair drops them".into() };
                if repair {
                    tx.execute(repair_sql, [])?;
                }
            }
            report.findings.push(Finding {
                kind: "orphan".into(),
                what: what.to_string(),
                count: n,
                repair: repair_text,
            });
        }
        let counted: i64 = tx.query_row("SELECT COUNT(*) FROM papers WHERE superseded_by IS NULL", [], |r| r.get(0))?;
        let kept: i64 =
            tx.query_row("SELECT value FROM catalog_counts WHERE name = 'current_papers'", [], |r| r.get(0))?;
        let off = (kept - counted).abs();
        report.orphans += off;
        if off > 0 && repair {
            tx.execute("UPDATE catalog_counts SET value = ?1 WHERE name = 'current_papers'", [counted])?;
        }
        let stale_citations: i64 = tx.query_row(
            "SELECT COUNT(*) FROM citations c WHERE c.entry_count != (SELECT COUNT(*) FROM reference_entries r WHERE r.citation_id = c.id)",
            [],
            |r| r.get(0),
        )?;
        report.orphans += stale_citations;
        if stale_citations > 0 && repair {
            tx.execute(
                "UPDATE citations SET entry_count = (SELECT COUNT(*) FROM reference_entries r WHERE r.citation_id = citations.id)",
                [],
            )?;
        }
        report.findings.push(Finding {
            kind: "counter".into(),
            what: "works whose kept count of citing entries is off".into(),
            count: stale_citations,
            repair: match (stale_citations, repair) {
                (0, _) => String::new(),
                (_, true) => "recounted".into(),
                (_, false) => "--repair recounts them".into(),
            },
        });
        report.findings.push(Finding {
            kind: "counter".into(),
            what: format!("the kept count of current papers ({kept}) against the papers ({counted})"),
            count: off,
            repair: match (off, repair) {
                (0, _) => String::new(),
                (_, true) => format!("recounted: {counted}"),
                (_, false) => "--repair recounts them".into(),
            },
        });
        tx.commit()?;
        for (what, sql) in COUNTS {
            let n: i64 = self.conn.query_row(sql, [], |r| r.get(0))?;
            report.findings.push(Finding {
                kind: "count".into(),
                what: what.to_string(),
                count: n,
                repair: String::new(),
            });
        }
        Ok(report)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_fresh_catalog_is_healthy_and_orphans_are_repaired() {
        let mut c = Catalog::open(":memory:").unwrap();
        let r = c.check(false).unwrap();
        assert!(!r.corrupt);
        assert_eq!(r.orphans, 0);
        c.conn.execute("INSERT INTO citations (key, created_at) VALUES ('raw:lonely', 'now')", []).unwrap();
        let r = c.check(false).unwrap();
        assert_eq!(r.orphans, 1);
        let r = c.check(true).unwrap();
        assert_eq!(r.orphans, 1);
        assert_eq!(c.check(false).unwrap().orphans, 0);
    }

    #[test]
    fn the_kept_paper_count_follows_inserts_supersessions_and_deletes_and_is_recounted() {
        let mut c = Catalog::open(":memory:").unwrap();
        let insert = "INSERT INTO papers (sha256, source_path, format, byte_size, ingested_at, extractor_version)
                      VALUES (?1, 'p.txt', 'text', 1, 'now', 'test')";
        for sha in ["a", "b", "c"] {
            c.conn.execute(insert, [sha]).unwrap();
        }
        assert_eq!(c.paper_count().unwrap(), 3);
        c.conn.execute("UPDATE papers SET superseded_by = 3 WHERE sha256 = 'a'", []).unwrap();
        assert_eq!(c.paper_count().unwrap(), 2);
        c.conn.execute("UPDATE papers SET superseded_by = NULL WHERE sha256 = 'a'", []).unwrap();
        c.conn.execute("DELETE FROM papers WHERE sha256 = 'b'", []).unwrap();
        assert_eq!(c.paper_count().unwrap(), 2);
        assert_eq!(c.check(false).unwrap().orphans, 0);
        c.conn.execute("INSERT INTO citations (key, created_at) VALUES ('raw:w', 'now')", []).unwrap();
        let entry = "INSERT INTO reference_entries (paper_id, position, raw, citation_id) VALUES (1, ?1, 'W', ?2)";
        c.conn.execute(entry, rusqlite::params![0, 1]).unwrap();
        c.conn.execute(entry, rusqlite::params![1, 1]).unwrap();
        let kept =
            |c: &Catalog| -> i64 { c.conn.query_row("SELECT entry_count FROM citations", [], |r| r.get(0)).unwrap() };
        assert_eq!(kept(&c), 2);
        c.conn.execute("DELETE FROM reference_entries WHERE position = 0", []).unwrap();
        assert_eq!(kept(&c), 1);
        assert_eq!(c.check(false).unwrap().orphans, 0);
        c.conn.execute("UPDATE catalog_counts SET value = 7", []).unwrap();
        assert_eq!(c.check(false).unwrap().orphans, 5);
        c.check(true).unwrap();
        assert_eq!(c.paper_count().unwrap(), 2);
        assert_eq!(c.check(false).unwrap().orphans, 0);
    }

    /// One paper citing two works and naming two discovered datasets, with a mention of each.
    fn curated() -> Catalog {
        let c = Catalog::open(":memory:").unwrap();
        c.conn
            .execute_batch(
                "INSERT INTO papers (id, sha256, source_path, format, byte_size, ingested_at, extractor_version)
                   VALUES (1, 'p', 'p.txt', 'text', 1, 'now', 'test');
                 INSERT INTO citations (id, key, created_at) VALUES (901, 'raw:one', 'now'), (902, 'raw:two', 'now');
                 INSERT INTO reference_entries (paper_id, position, raw, citation_id) VALUES (1, 0, 'One', 901), (1, 1, 'Two', 902);
                 INSERT INTO datasets (id, name, key, origin, created_at) VALUES (9001, 'Zeta Set', 'zetaset', 'discovered', 'now'),
                                                                            (9002, 'Zeta', 'zeta', 'discovered', 'now');
                 INSERT INTO dataset_aliases (key, dataset_id, alias, origin) VALUES ('zetaset', 9001, 'Zeta Set', 'discovered');
                 INSERT INTO dataset_usages (paper_id, dataset_id, role, mention_count) VALUES (1, 9001, 'used', 1), (1, 9002, 'used', 2);
                 INSERT INTO mentions (paper_id, dataset_id, surface, section, sentence, start, end)
                   VALUES (1, 9001, 'Zeta Set', 'experiments', 'On Zeta Set.', 3, 11), (1, 9002, 'Zeta', 'abstract', 'Zeta.', 0, 4);",
            )
            .unwrap();
        c
    }

    fn count(c: &Catalog, sql: &str) -> i64 {
        c.conn.query_row(sql, [], |r| r.get(0)).unwrap()
    }

    #[test]
    fn a_merged_citation_is_no_orphan_and_survives_a_repair_for_its_split() {
        let mut c = curated();
        c.merge_citations(901, 902).unwrap();
        assert_eq!(c.check(false).unwrap().orphans, 0, "the merged work is kept for its split");
        c.check(true).unwrap();
        assert_eq!(count(&c, "SELECT COUNT(*) FROM citations"), 2);
        c.split_citation(901).unwrap();
        assert_eq!(count(&c, "SELECT citation_id FROM reference_entries WHERE position = 0"), 901);
        assert_eq!(c.check(false).unwrap().orphans, 0);
    }

    #[test]
    fn a_merged_dataset_is_no_orphan_and_survives_a_repair_for_its_split() {
        let mut c = curated();
        c.merge_datasets(9001, 9002, "manual merge").unwrap();
        assert_eq!(c.check(false).unwrap().orphans, 0, "the merged dataset is kept for its split");
        c.check(true).unwrap();
        assert_eq!(count(&c, "SELECT COUNT(*) FROM datasets WHERE id = 9001"), 1);
        c.split_dataset(9001).unwrap();
        assert_eq!(count(&c, "SELECT COUNT(*) FROM dataset_usages WHERE dataset_id = 9001"), 1);
        assert_eq!(count(&c, "SELECT COUNT(*) FROM mentions WHERE dataset_id = 9001"), 1);
        assert_eq!(count(&c, "SELECT dataset_id FROM dataset_aliases WHERE key = 'zetaset'"), 9001);
        assert_eq!(c.check(false).unwrap().orphans, 0);
    }

    #[test]
    fn once_a_merge_is_undone_its_rows_are_orphans_like_any_other() {
        let mut c = curated();
        c.merge_citations(901, 902).unwrap();
        c.split_citation(901).unwrap();
        c.conn.execute("DELETE FROM reference_entries WHERE citation_id = 901", []).unwrap();
        assert_eq!(c.check(false).unwrap().orphans, 1);
    }
}
