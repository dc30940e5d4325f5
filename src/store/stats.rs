//! The catalog in numbers (`citekb stats`): papers, datasets, usages and citation coverage.
//!
//! Read through the V7 views, so that the numbers count what the queries show: current papers,
//! datasets not merged into another.

use serde::Serialize;

use super::Catalog;
use crate::Result;

/// One number of the summary: how many of `group` have `value`, and their share of the group.
#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct StatRow {
    pub group: String,
    pub value: String,
    pub count: i64,
    /// `count` over the group's whole (the papers, the usages, ...), where a share means something.
    pub share: Option<f64>,
}

/// Years a reference may carry: outside them a "year" is a page number or a parsing slip.
const PLAUSIBLE_YEARS: (i64, i64) = (1900, 2100);

/// The groups of counts, each as (group, SQL giving (value, count) rows, the SQL of its whole).
/// A paper is counted under its own year where its file states one, else under the year of the
/// newest work it cites, the earliest it can have appeared.
fn groups() -> Vec<(&'static str, String, Option<&'static str>)> {
    let (earliest, latest) = PLAUSIBLE_YEARS;
    vec![
        (
            "totals",
            "SELECT 'papers', COUNT(*) FROM current_papers
             UNION ALL SELECT 'datasets named', COUNT(DISTINCT dataset_id) FROM usage
             UNION ALL SELECT 'usages', COUNT(*) FROM usage
             UNION ALL SELECT 'reference entries', COUNT(*) FROM reference_entries r JOIN current_papers p ON p.id = r.paper_id
             UNION ALL SELECT 'works cited', COUNT(DISTINCT r.citation_id) FROM reference_entries r JOIN current_papers p ON p.id = r.paper_id"
                .to_string(),
            None,
        ),
        (
            "papers by format",
            "SELECT format, COUNT(*) FROM current_papers GROUP BY format ORDER BY COUNT(*) DESC, format".to_string(),
            Some("SELECT COUNT(*) FROM current_papers"),
        ),
        (
            "papers by year (their own, else their newest reference's)",
            format!(
                "SELECT COALESCE(CAST(newest AS TEXT), 'unknown'), COUNT(*) FROM (
                     SELECT p.id, COALESCE(p.year, (SELECT MAX(r.year) FROM reference_entries r
                                   WHERE r.paper_id = p.id AND r.year BETWEEN {earliest} AND {latest})) AS newest
                     FROM current_papers p)
                 GROUP BY newest ORDER BY newest IS NULL, newest"
            ),
            Some("SELECT COUNT(*) FROM current_papers"),
        ),
        (
            "datasets named by origin",
            "SELECT d.origin, COUNT(*) FROM current_datasets d
             WHERE EXISTS (SELECT 1 FROM usage u WHERE u.dataset_id = d.id)
             GROUP BY d.origin ORDER BY COUNT(*) DESC, d.origin"
                .to_string(),
            Some("SELECT COUNT(DISTINCT dataset_id) FROM usage"),
        ),
        (
            "datasets named by domain",
            "SELECT COALESCE(d.domain, 'unknown'), COUNT(*) FROM current_datasets d
             WHERE EXISTS (SELECT 1 FROM usage u WHERE u.dataset_id = d.id)
             GROUP BY d.domain ORDER BY COUNT(*) DESC, d.domain"
                .to_string(),
            Some("SELECT COUNT(DISTINCT dataset_id) FROM usage"),
        ),
        (
            "usages by role",
            "SELECT role, COUNT(*) FROM usage GROUP BY role ORDER BY COUNT(*) DESC, role".to_string(),
            Some("SELECT COUNT(*) FROM usage"),
        ),
        (
            "usages with a citation, by role",
            "SELECT role, COUNT(citation_id) FROM usage GROUP BY role ORDER BY role".to_string(),
            None,
        ),
        (
            "citation coverage",
            "SELECT 'usages with a citation', COUNT(citation_id) FROM usage".to_string(),
            Some("SELECT COUNT(*) FROM usage"),
        ),
    ]
}

impl Catalog {
    /// The summary's rows, group by group; the last group is the `top` datasets most papers use
    /// (or introduce), with their share of the papers.
    pub fn stats(&self, top: usize) -> Result<Vec<StatRow>> {
        let mut rows = Vec::new();
        for (group, sql, whole_sql) in groups() {
            let whole: Option<i64> = match whole_sql {
                Some(w) => Some(self.conn.query_row(w, [], |r| r.get(0))?),
                None => None,
            };
            self.push_group(&mut rows, group, &sql, [], whole)?;
        }
        // Coverage within each role: the share of that role's usages with a citation.
        for row in rows.iter_mut().filter(|r| r.group == "usages with a citation, by role") {
            let of_role: i64 =
                self.conn.query_row("SELECT COUNT(*) FROM usage WHERE role = ?1", [&row.value], |r| r.get(0))?;
            row.share = share(row.count, of_role);
        }
        let papers: i64 = self.conn.query_row("SELECT COUNT(*) FROM current_papers", [], |r| r.get(0))?;
        self.push_group(
            &mut rows,
            "datasets most used",
            "SELECT dataset, COUNT(*) FROM usage WHERE role IN ('used', 'introduced')
             GROUP BY dataset_id ORDER BY COUNT(*) DESC, dataset LIMIT ?1",
            [top as i64],
            Some(papers),
        )?;
        Ok(rows)
    }

    fn push_group(
        &self,
        rows: &mut Vec<StatRow>,
        group: &str,
        sql: &str,
        params: impl rusqlite::Params,
        whole: Option<i64>,
    ) -> Result<()> {
        let mut stmt = self.conn.prepare(sql)?;
        let found = stmt.query_map(params, |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))?;
        for row in found {
            let (value, count) = row?;
            rows.push(StatRow { group: group.to_string(), value, count, share: whole.and_then(|w| share(count, w)) });
        }
        Ok(())
    }
}

/// The digits a share keeps: a tenth of a percent.
const SHARE_DIGITS: f64 = 1000.0;

/// `part` over `whole`, rounded; none of nothing.
fn share(part: i64, whole: i64) -> Option<f64> {
    (whole > 0).then(|| (part as f64 / whole as f64 * SHARE_DIGITS).round() / SHARE_DIGITS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_empty_catalog_has_zero_totals_and_no_shares() {
        let catalog = Catalog::open(":memory:").unwrap();
        let rows = catalog.stats(10).unwrap();
        let papers = rows.iter().find(|r| r.group == "totals" && r.value == "papers").unwrap();
        assert_eq!(papers.count, 0);
        let coverage = rows.iter().find(|r| r.group == "citation coverage").unwrap();
        assert_eq!((coverage.count, coverage.share), (0, None));
        assert!(!rows.iter().any(|r| r.group == "datasets most used"));
    }

    #[test]
    fn shares_are_rounded_to_a_tenth_of_a_percent() {
        assert_eq!(share(1, 3), Some(0.333));
        assert_eq!(share(2, 2), Some(1.0));
        assert_eq!(share(0, 0), None);
    }
}
