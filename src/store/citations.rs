//! Citation identity and voting: the work each reference entry cites, and its voted fields.
//!
//! A work is found by any of its keys or made; joins are logged as merges, and each work's fields
//! are voted from the entries that cite it.

use rusqlite::{params, Connection, OptionalExtension};

use super::curation;
use crate::resolve::ReferenceRecord;
use crate::{text, Result};

/// A work's fields from all the entries that cite it: for each field the value most entries
/// give (letters and digits compared), and among those the longest (the most complete).
/// A work's vote settles as entries accumulate, so it is re-run while the work has few entries
/// and then whenever their number reaches a power of two: a constant cost per paper, however
/// often a work is cited.
pub(super) fn refresh_citation(tx: &Connection, id: i64) -> Result<()> {
    let n: i64 = tx.prepare_cached("SELECT entry_count FROM citations WHERE id = ?1")?.query_row([id], |r| r.get(0))?;
    if n > 8 && n & (n - 1) != 0 {
        return Ok(());
    }
    revote_citation(tx, id)
}

/// Votes a work's fields over its entries now, whatever their number: after a merge or a split
/// changed which entries cite it.
pub(crate) fn revote_citation(tx: &Connection, id: i64) -> Result<()> {
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
    let first_author = authors.as_deref().and_then(|a| a.split("; ").next()).map(crate::bib::surname_of);
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
pub(super) fn get_or_create_citation(tx: &Connection, r: &ReferenceRecord) -> Result<i64> {
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

fn insert_citation(tx: &Connection, r: &ReferenceRecord, authors: Option<String>) -> Result<i64> {
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
