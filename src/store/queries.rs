//! Read queries over the catalog: typed rows that the CLI prints in any format.
//!
//! Superseded papers (older content of a file that changed) are left out. The big reports stream
//! their rows.

use rusqlite::{params, OptionalExtension};
use serde::Serialize;

use super::Catalog;
use crate::{text, Error, Result};

#[derive(Debug, Clone, Default, Serialize)]
pub struct PaperRow {
    pub paper_id: i64,
    pub source: String,
    pub title: Option<String>,
    pub year: Option<i64>,
    pub doi: Option<String>,
    pub arxiv: Option<String>,
    pub format: String,
    pub datasets: i64,
    pub references: i64,
    pub ingested_at: String,
}

/// A paper that names a dataset, with what the dataset is to it.
#[derive(Debug, Clone, Default, Serialize)]
pub struct PaperUseRow {
    pub paper_id: i64,
    pub source: String,
    pub title: Option<String>,
    pub year: Option<i64>,
    pub dataset: String,
    pub role: String,
    pub mentions: i64,
    pub citation: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct DatasetRow {
    pub id: i64,
    pub name: String,
    pub aliases: Vec<String>,
    pub family: Option<String>,
    pub version: Option<String>,
    pub papers: i64,
    pub used_by: i64,
    pub canonical_citation: Option<String>,
}

/// One dataset of one paper, with the reference entry the paper cites for it.
#[derive(Debug, Clone, Default, Serialize)]
pub struct PaperDatasetRow {
    pub dataset_id: i64,
    pub dataset: String,
    pub role: String,
    pub mentions: i64,
    pub citation_id: Option<i64>,
    pub reference: Option<String>,
    pub link_rule: Option<String>,
}

/// A row of the usage report: one paper and one dataset.
#[derive(Debug, Clone, Default, Serialize)]
pub struct UsageRow {
    pub paper_id: i64,
    pub paper_source: String,
    pub paper_title: Option<String>,
    pub dataset: String,
    pub dataset_id: i64,
    pub role: String,
    pub mentions: i64,
    pub citation_id: Option<i64>,
    pub citation_raw: Option<String>,
    pub citation_title: Option<String>,
    pub citation_year: Option<i64>,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct CitationRow {
    pub citation_id: i64,
    pub title: Option<String>,
    pub authors: Option<String>,
    pub year: Option<i64>,
    pub venue: Option<String>,
    pub doi: Option<String>,
    pub variants: i64,
    pub papers: i64,
}

/// Evidence: a sentence where a paper names a dataset.
#[derive(Debug, Clone, Default, Serialize)]
pub struct EvidenceRow {
    pub dataset: String,
    pub surface: String,
    pub section: String,
    pub sentence: String,
    pub start: i64,
    pub end: i64,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct ReferenceRow {
    pub position: i64,
    pub label: Option<String>,
    pub citation_id: i64,
    pub raw: String,
}

/// How one paper cites a dataset (for `show dataset`).
#[derive(Debug, Clone, Default, Serialize)]
pub struct DatasetCitationRow {
    pub citation_id: i64,
    pub title: Option<String>,
    pub year: Option<i64>,
    pub papers: i64,
}

/// A paper with its counts of datasets and references (a WHERE clause follows).
const PAPER_ROW_SQL: &str = "SELECT p.id, p.source_path, p.title, p.format,
        (SELECT COUNT(*) FROM dataset_usages u WHERE u.paper_id = p.id),
        (SELECT COUNT(*) FROM reference_entries r WHERE r.paper_id = p.id),
        p.ingested_at, p.year, p.doi, p.arxiv
 FROM papers p";

fn paper_row(r: &rusqlite::Row) -> rusqlite::Result<PaperRow> {
    Ok(PaperRow {
        paper_id: r.get(0)?,
        source: r.get(1)?,
        title: r.get(2)?,
        format: r.get(3)?,
        datasets: r.get(4)?,
        references: r.get(5)?,
        ingested_at: r.get(6)?,
        year: r.get(7)?,
        doi: r.get(8)?,
        arxiv: r.get(9)?,
    })
}

/// Papers that name a dataset, with its role and the entry each cites (`papers --dataset`).
pub const PAPERS_USING_SQL: &str = "SELECT p.id, p.source_path, p.title, d.name, u.role, u.mention_count, r.raw, p.year
             FROM dataset_usages u
             JOIN papers p ON p.id = u.paper_id
             JOIN datasets d ON d.id = u.dataset_id
             LEFT JOIN reference_entries r ON r.id = u.reference_id
             WHERE u.dataset_id = ?1 AND (?2 IS NULL OR u.role = ?2) AND p.superseded_by IS NULL
               AND (?3 IS NULL OR p.year >= ?3)
             ORDER BY p.id";

/// One paper's datasets (`datasets --paper`).
pub const PAPER_DATASETS_SQL: &str = "SELECT d.id, d.name, u.role, u.mention_count, r.citation_id, r.raw, u.link_rule
             FROM dataset_usages u
             JOIN datasets d ON d.id = u.dataset_id
             LEFT JOIN reference_entries r ON r.id = u.reference_id
             WHERE u.paper_id = ?1
             ORDER BY u.mention_count DESC, d.name";

/// The works papers cite for a dataset (`show dataset`, canonical citations).
pub const DATASET_CITATIONS_SQL: &str = "SELECT c.id, c.title, c.year, COUNT(DISTINCT u.paper_id),
                    (SELECT COALESCE(d.intro_author, '') = '' FROM datasets d WHERE d.id = ?1) OR NOT EXISTS (
                        SELECT 1 FROM datasets d WHERE d.id = ?1
                          AND lower(c.first_author) = lower(d.intro_author) AND abs(c.year - d.intro_year) <= 1)
             FROM dataset_usages u
             JOIN papers p ON p.id = u.paper_id AND p.superseded_by IS NULL
             JOIN reference_entries r ON r.id = u.reference_id
             JOIN citations c ON c.id = r.citation_id
             WHERE u.dataset_id = ?1
             GROUP BY c.id ORDER BY COUNT(DISTINCT u.paper_id) DESC, 5, c.id";

/// A paper's evidence sentences (`show paper`).
pub const PAPER_EVIDENCE_SQL: &str = "SELECT d.name, m.surface, m.section, m.sentence, m.start, m.end
             FROM mentions m JOIN datasets d ON d.id = m.dataset_id
             WHERE m.paper_id = ?1 ORDER BY m.start";

/// The usage report: a row per current paper and dataset, with the entry the paper cites for it.
const USAGE_SQL: &str = "SELECT p.id, p.source_path, p.title, d.name, d.id, u.role, u.mention_count,
                    r.citation_id, r.raw, c.title, c.year
             FROM dataset_usages u
             JOIN papers p ON p.id = u.paper_id AND p.superseded_by IS NULL
             JOIN datasets d ON d.id = u.dataset_id
             LEFT JOIN reference_entries r ON r.id = u.reference_id
             LEFT JOIN citations c ON c.id = r.citation_id
             ORDER BY p.id, u.mention_count DESC, d.name";

fn usage_row(r: &rusqlite::Row) -> rusqlite::Result<UsageRow> {
    Ok(UsageRow {
        paper_id: r.get(0)?,
        paper_source: r.get(1)?,
        paper_title: r.get(2)?,
        dataset: r.get(3)?,
        dataset_id: r.get(4)?,
        role: r.get(5)?,
        mentions: r.get(6)?,
        citation_id: r.get(7)?,
        citation_raw: r.get(8)?,
        citation_title: r.get(9)?,
        citation_year: r.get(10)?,
    })
}

/// Every cited work with how many reference variants and current papers point to it.
const CITATIONS_SQL: &str = "SELECT c.id, c.title, c.authors, c.year, c.venue, c.doi,
                    COUNT(DISTINCT r.raw), COUNT(DISTINCT r.paper_id)
             FROM citations c
             JOIN reference_entries r ON r.citation_id = c.id
             JOIN papers p ON p.id = r.paper_id AND p.superseded_by IS NULL
             GROUP BY c.id ORDER BY COUNT(DISTINCT r.paper_id) DESC, c.id";

fn citation_row(r: &rusqlite::Row) -> rusqlite::Result<CitationRow> {
    Ok(CitationRow {
        citation_id: r.get(0)?,
        title: r.get(1)?,
        authors: r.get(2)?,
        year: r.get(3)?,
        venue: r.get(4)?,
        doi: r.get(5)?,
        variants: r.get(6)?,
        papers: r.get(7)?,
    })
}

/// Runs `sql` and hands each row, as `map` reads it, to `each`, which may stop the run with an
/// error of its own.
fn each_row<T, E: From<Error>>(
    conn: &rusqlite::Connection,
    sql: &str,
    map: fn(&rusqlite::Row) -> rusqlite::Result<T>,
    each: impl FnMut(T) -> Result<(), E>,
) -> Result<(), E> {
    each_row_with(conn, sql, [], map, each)
}

/// [`each_row`] for a statement with parameters.
fn each_row_with<T, E: From<Error>>(
    conn: &rusqlite::Connection,
    sql: &str,
    params: impl rusqlite::Params,
    map: fn(&rusqlite::Row) -> rusqlite::Result<T>,
    mut each: impl FnMut(T) -> Result<(), E>,
) -> Result<(), E> {
    let mut stmt = conn.prepare(sql).map_err(Error::from)?;
    let mut rows = stmt.query(params).map_err(Error::from)?;
    while let Some(row) = rows.next().map_err(Error::from)? {
        each(map(row).map_err(Error::from)?)?;
    }
    Ok(())
}

/// The rows a streaming query hands on, gathered.
fn collect<T>(query: impl FnOnce(&mut dyn FnMut(T) -> Result<()>) -> Result<()>) -> Result<Vec<T>> {
    let mut out = Vec::new();
    query(&mut |row| {
        out.push(row);
        Ok(())
    })?;
    Ok(out)
}

impl Catalog {
    /// The dataset a name or alias denotes, by key.
    pub fn find_dataset(&self, name: &str) -> Result<Option<(i64, String)>> {
        for key in [text::key(name), text::dataset_key(name)] {
            if key.is_empty() {
                continue;
            }
            let hit = self
                .conn
                .query_row(
                    "SELECT d.id, d.name FROM datasets d WHERE d.key = ?1
                     UNION ALL
                     SELECT d.id, d.name FROM dataset_aliases a JOIN datasets d ON d.id = a.dataset_id WHERE a.key = ?1
                     LIMIT 1",
                    [&key],
                    |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)),
                )
                .optional()?;
            if let Some((id, _)) = hit {
                let id = super::curation::current(&self.conn, super::curation::Kind::Dataset, id)?;
                let name = self.conn.query_row("SELECT name FROM datasets WHERE id = ?1", [id], |r| r.get(0))?;
                return Ok(Some((id, name)));
            }
        }
        Ok(None)
    }

    /// A paper by id, by SHA-256 (or a unique prefix of 8+ characters), or by a path it was read from.
    pub fn find_paper(&self, id_or_path: &str) -> Result<Option<i64>> {
        if let Ok(id) = id_or_path.parse::<i64>() {
            if let Some(id) =
                self.conn.query_row("SELECT id FROM papers WHERE id = ?1", [id], |r| r.get(0)).optional()?
            {
                return Ok(Some(id));
            }
        }
        let by_path = self
            .conn
            .query_row("SELECT paper_id FROM paper_sources WHERE path = ?1", [id_or_path], |r| r.get(0))
            .optional()?;
        if by_path.is_some() {
            return Ok(by_path);
        }
        if id_or_path.len() >= 8 && id_or_path.chars().all(|c| c.is_ascii_hexdigit()) {
            let mut stmt =
                self.conn.prepare("SELECT id FROM papers WHERE sha256 >= ?1 AND sha256 < ?1 || 'g' LIMIT 2")?;
            let ids: Vec<i64> =
                stmt.query_map([id_or_path.to_lowercase()], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
            if ids.len() == 1 {
                return Ok(Some(ids[0]));
            }
        }
        // A path given differently (./a.txt vs a.txt) than when it was ingested.
        if let Ok(canonical) = std::fs::canonicalize(id_or_path) {
            let mut stmt = self.conn.prepare("SELECT path, paper_id FROM paper_sources")?;
            let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))?;
            for row in rows {
                let (path, id) = row?;
                if std::fs::canonicalize(&path).is_ok_and(|p| p == canonical) {
                    return Ok(Some(id));
                }
            }
        }
        Ok(None)
    }

    /// Every name and alias of the current datasets, each with the dataset's display name: the
    /// candidates when a name given is none of them.
    pub fn dataset_names(&self) -> Result<Vec<(String, String)>> {
        let mut stmt = self.conn.prepare(
            "SELECT d.name, d.name FROM datasets d WHERE d.merged_into IS NULL
             UNION ALL
             SELECT a.alias, d.name FROM dataset_aliases a JOIN datasets d ON d.id = a.dataset_id
             WHERE d.merged_into IS NULL",
        )?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Every path a current paper was read from: the candidates when a paper given is none.
    pub fn paper_paths(&self) -> Result<Vec<String>> {
        let mut stmt = self.conn.prepare(
            "SELECT s.path FROM paper_sources s JOIN papers p ON p.id = s.paper_id
             WHERE p.superseded_by IS NULL ORDER BY s.path",
        )?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The titled works not merged into another, (id, title): the candidates when a citation
    /// given is none of them.
    pub fn citation_titles(&self) -> Result<Vec<(i64, String)>> {
        let mut stmt =
            self.conn.prepare("SELECT id, title FROM citations WHERE merged_into IS NULL AND title IS NOT NULL")?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub fn papers(&self) -> Result<Vec<PaperRow>> {
        collect(|each| self.each_paper(None, each))
    }

    /// Every current paper, handed to `each` as it is read.
    /// Every current paper (with `since`, those of that year or later), handed to `each`.
    pub fn each_paper<E: From<Error>>(
        &self,
        since: Option<i64>,
        each: impl FnMut(PaperRow) -> Result<(), E>,
    ) -> Result<(), E> {
        let sql =
            format!("{PAPER_ROW_SQL} WHERE p.superseded_by IS NULL AND (?1 IS NULL OR p.year >= ?1) ORDER BY p.id");
        each_row_with(&self.conn, &sql, [since], paper_row, each)
    }

    /// Papers that name any of `dataset_ids`, optionally only with `role`.
    pub fn papers_using(
        &self,
        dataset_ids: &[i64],
        role: Option<&str>,
        since: Option<i64>,
    ) -> Result<Vec<PaperUseRow>> {
        let mut out = Vec::new();
        let mut stmt = self.conn.prepare(PAPERS_USING_SQL)?;
        for &id in dataset_ids {
            let rows = stmt.query_map(params![id, role, since], |r| {
                Ok(PaperUseRow {
                    paper_id: r.get(0)?,
                    source: r.get(1)?,
                    title: r.get(2)?,
                    year: r.get(7)?,
                    dataset: r.get(3)?,
                    role: r.get(4)?,
                    mentions: r.get(5)?,
                    citation: r.get(6)?,
                })
            })?;
            for row in rows {
                out.push(row?);
            }
        }
        out.sort_by_key(|r| r.paper_id);
        Ok(out)
    }

    /// A dataset's id and those of its family members (for `--include-versions`).
    pub fn with_family_members(&self, id: i64) -> Result<Vec<i64>> {
        let mut stmt = self.conn.prepare("SELECT id FROM datasets WHERE family_id = ?1 ORDER BY id")?;
        let mut ids = vec![id];
        ids.extend(stmt.query_map([id], |r| r.get::<_, i64>(0))?.collect::<rusqlite::Result<Vec<_>>>()?);
        Ok(ids)
    }

    /// Datasets named by at least one paper (or all, with `all`), most used first; with `since`,
    /// counting only the papers of that year or later.
    pub fn datasets(&self, all: bool, since: Option<i64>) -> Result<Vec<DatasetRow>> {
        let mut stmt = self.conn.prepare(
            "SELECT d.id, d.name, f.name, d.version,
                    COUNT(p.id), COUNT(CASE WHEN u.role IN ('used', 'introduced') AND p.id IS NOT NULL THEN 1 END)
             FROM datasets d
             LEFT JOIN datasets f ON f.id = d.family_id
             LEFT JOIN dataset_usages u ON u.dataset_id = d.id
             LEFT JOIN papers p ON p.id = u.paper_id AND p.superseded_by IS NULL AND (?2 IS NULL OR p.year >= ?2)
             WHERE d.merged_into IS NULL
             GROUP BY d.id
             HAVING ?1 OR COUNT(p.id) > 0
             ORDER BY COUNT(p.id) DESC, d.name",
        )?;
        type Counted = (i64, String, Option<String>, Option<String>, i64, i64);
        let rows: Vec<Counted> = stmt
            .query_map(params![all, since], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?)))?
            .collect::<rusqlite::Result<_>>()?;
        rows.into_iter()
            .map(|(id, name, family, version, papers, used_by)| {
                Ok(DatasetRow {
                    id,
                    aliases: self.aliases(id, &name)?,
                    canonical_citation: self.canonical_citation(id)?.map(|(_, t)| t),
                    name,
                    family,
                    version,
                    papers,
                    used_by,
                })
            })
            .collect()
    }

    pub fn aliases(&self, dataset_id: i64, name: &str) -> Result<Vec<String>> {
        let mut stmt = self.conn.prepare("SELECT alias FROM dataset_aliases WHERE dataset_id = ?1 ORDER BY rowid")?;
        let name_key = text::key(name);
        let aliases = stmt
            .query_map([dataset_id], |r| r.get::<_, String>(0))?
            .collect::<rusqlite::Result<Vec<_>>>()?
            .into_iter()
            .filter(|a| text::key(a) != name_key)
            .collect();
        Ok(aliases)
    }

    /// The work most papers cite for a dataset: (citation id, a readable label).
    pub fn canonical_citation(&self, dataset_id: i64) -> Result<Option<(i64, String)>> {
        Ok(self.dataset_citations(dataset_id)?.into_iter().next().map(|c| {
            let label = match (&c.title, c.year) {
                (Some(t), Some(y)) => format!("{t} ({y})"),
                (Some(t), None) => t.clone(),
                (None, _) => format!("citation {}", c.citation_id),
            };
            (c.citation_id, label)
        }))
    }

    /// Every work papers cite for a dataset, most cited first; among equals, the registry's
    /// introducing paper first.
    pub fn dataset_citations(&self, dataset_id: i64) -> Result<Vec<DatasetCitationRow>> {
        let mut stmt = self.conn.prepare(DATASET_CITATIONS_SQL)?;
        let rows = stmt.query_map([dataset_id], |r| {
            Ok(DatasetCitationRow { citation_id: r.get(0)?, title: r.get(1)?, year: r.get(2)?, papers: r.get(3)? })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub fn paper_datasets(&self, paper_id: i64) -> Result<Vec<PaperDatasetRow>> {
        let mut stmt = self.conn.prepare(PAPER_DATASETS_SQL)?;
        let rows = stmt.query_map([paper_id], |r| {
            Ok(PaperDatasetRow {
                dataset_id: r.get(0)?,
                dataset: r.get(1)?,
                role: r.get(2)?,
                mentions: r.get(3)?,
                citation_id: r.get(4)?,
                reference: r.get(5)?,
                link_rule: r.get(6)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub fn paper(&self, paper_id: i64) -> Result<PaperRow> {
        self.papers_where(paper_id)?.ok_or_else(|| Error::NotFound(format!("no paper {paper_id}")))
    }

    fn papers_where(&self, paper_id: i64) -> Result<Option<PaperRow>> {
        Ok(self.conn.query_row(&format!("{PAPER_ROW_SQL} WHERE p.id = ?1"), [paper_id], paper_row).optional()?)
    }

    pub fn paper_evidence(&self, paper_id: i64) -> Result<Vec<EvidenceRow>> {
        let mut stmt = self.conn.prepare(PAPER_EVIDENCE_SQL)?;
        let rows = stmt.query_map([paper_id], |r| {
            Ok(EvidenceRow {
                dataset: r.get(0)?,
                surface: r.get(1)?,
                section: r.get(2)?,
                sentence: r.get(3)?,
                start: r.get(4)?,
                end: r.get(5)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub fn paper_references(&self, paper_id: i64) -> Result<Vec<ReferenceRow>> {
        let mut stmt = self.conn.prepare(
            "SELECT position, label, citation_id, raw FROM reference_entries WHERE paper_id = ?1 ORDER BY position",
        )?;
        let rows = stmt.query_map([paper_id], |r| {
            Ok(ReferenceRow { position: r.get(0)?, label: r.get(1)?, citation_id: r.get(2)?, raw: r.get(3)? })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub fn usage(&self) -> Result<Vec<UsageRow>> {
        collect(|each| self.each_usage(each))
    }

    /// The usage report's rows (a paper and a dataset each), handed to `each` as they are read.
    pub fn each_usage<E: From<Error>>(&self, each: impl FnMut(UsageRow) -> Result<(), E>) -> Result<(), E> {
        each_row(&self.conn, USAGE_SQL, usage_row, each)
    }

    pub fn citations(&self) -> Result<Vec<CitationRow>> {
        collect(|each| self.each_citation(each))
    }

    /// Every cited work with its counts, most cited first, handed to `each` as it is read.
    pub fn each_citation<E: From<Error>>(&self, each: impl FnMut(CitationRow) -> Result<(), E>) -> Result<(), E> {
        each_row(&self.conn, CITATIONS_SQL, citation_row, each)
    }

    /// Canonical citations for the citation formats: the works papers cite for a dataset (for
    /// `dataset`, for that one), or with `all` every work a current paper cites.
    pub fn canonical_citations(&self, dataset: Option<i64>, all: bool) -> Result<Vec<crate::bib::CitationRecord>> {
        let mut stmt = self.conn.prepare(
            "SELECT DISTINCT c.id, c.title, c.authors, c.year, c.venue, c.doi, c.arxiv, c.url, c.volume, c.pages
             FROM citations c
             JOIN reference_entries r ON r.citation_id = c.id
             JOIN papers p ON p.id = r.paper_id AND p.superseded_by IS NULL
             WHERE c.merged_into IS NULL
               AND (?1 IS NULL OR EXISTS (SELECT 1 FROM dataset_usages u WHERE u.reference_id = r.id AND u.dataset_id = ?1))
               AND (?2 OR EXISTS (SELECT 1 FROM dataset_usages u WHERE u.reference_id = r.id))
             ORDER BY c.id",
        )?;
        let rows = stmt.query_map(params![dataset, all], |r| {
            let authors: Option<String> = r.get(2)?;
            Ok(crate::bib::CitationRecord {
                id: r.get(0)?,
                title: r.get(1)?,
                authors: authors.map(|a| a.split("; ").map(String::from).collect()).unwrap_or_default(),
                year: r.get(3)?,
                venue: r.get(4)?,
                doi: r.get(5)?,
                arxiv: r.get(6)?,
                url: r.get(7)?,
                volume: r.get(8)?,
                pages: r.get(9)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// How many papers the catalog holds (superseded versions aside).
    /// The number of current (not superseded) papers, as the catalog keeps it.
    pub fn paper_count(&self) -> Result<i64> {
        Ok(self.conn.query_row("SELECT value FROM catalog_counts WHERE name = 'current_papers'", [], |r| r.get(0))?)
    }
}

#[cfg(test)]
mod plans {
    use super::*;

    /// The plan's steps, as SQLite words them ("SEARCH u USING INDEX ...", "SCAN p").
    fn plan(catalog: &Catalog, sql: &str) -> Vec<String> {
        let mut stmt = catalog.conn.prepare(&format!("EXPLAIN QUERY PLAN {sql}")).unwrap();
        let n = stmt.parameter_count();
        let params: Vec<i64> = vec![1; n];
        let rows = stmt.query_map(rusqlite::params_from_iter(params), |r| r.get::<_, String>(3)).unwrap();
        rows.map(Result::unwrap).collect()
    }

    #[test]
    fn the_main_queries_search_indexes_and_scan_no_big_table() {
        let catalog = Catalog::open(":memory:").unwrap();
        for (name, sql) in [
            ("papers --dataset", PAPERS_USING_SQL),
            ("datasets --paper", PAPER_DATASETS_SQL),
            ("dataset citations", DATASET_CITATIONS_SQL),
            ("paper evidence", PAPER_EVIDENCE_SQL),
            // What SQLite asks for each reference entry a re-read deletes (foreign key check).
            ("usages citing an entry", "SELECT 1 FROM dataset_usages WHERE reference_id = ?1"),
        ] {
            let steps = plan(&catalog, sql);
            let scans: Vec<&String> = steps.iter().filter(|s| s.starts_with("SCAN")).collect();
            assert!(scans.is_empty(), "{name}: {steps:?}");
        }
    }
}
