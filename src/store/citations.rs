//! Citation identity and voting: the work each reference entry cites, and its voted fields.
//!
//! A work is found by any of its keys or made; joins are logged as merges, and each work's fields
//! are voted from the entries that cite it.

use rusqlite::{params, Connection, OptionalExtension};

use super::curation;
use crate::bib::ParsedReference;
use crate::resolve::identity::{self, Verdict, WorkPrint};
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

/// Keys that name one work by themselves: an identifier, or the entry's whole text.
fn is_identity_key(key: &str) -> bool {
    key.starts_with("doi:") || key.starts_with("arxiv:") || key.starts_with("raw:")
}

/// At most this many entries are compared under one block key (the most recent): a block of a
/// common surname and year grows with the catalog, and the rules need only a few entries of
/// each work.
const BLOCK_CANDIDATES: i64 = 40;
/// Entries of a work compared when a key of the work (not an entry) is the candidate.
const ENTRIES_PER_WORK: i64 = 8;

/// A work an entry was found to cite, and why.
struct Found {
    citation: i64,
    rule: &'static str,
    score: f64,
}

/// The works an entry cites by the identity rules: any citation one of its identity keys
/// names, and every citation with an entry that the rules find to be the same work (and none
/// that they find to be another with a different identifier). Oldest first.
fn find_works(tx: &Connection, r: &ReferenceRecord, print: &WorkPrint, lookups: &[String]) -> Result<Vec<Found>> {
    let mut found: Vec<Found> = Vec::new();
    let mut to_compare: Vec<i64> = Vec::new(); // entry ids
    let mut key_stmt = tx.prepare_cached("SELECT citation_id FROM citation_keys WHERE key = ?1")?;
    let mut work_entries =
        tx.prepare_cached("SELECT id FROM reference_entries WHERE citation_id = ?1 ORDER BY id LIMIT ?2")?;
    for key in r.citation_keys.iter().chain(std::iter::once(&raw_key(&r.raw))) {
        let Some(id) = key_stmt.query_row([key], |row| row.get::<_, i64>(0)).optional()? else { continue };
        if is_identity_key(key) {
            let citation = curation::current(tx, curation::Kind::Citation, id)?;
            let rule = match key.split(':').next() {
                Some("doi") => "same DOI",
                Some("arxiv") => "same arXiv id",
                _ => "same text",
            };
            found.push(Found { citation, rule, score: 1.0 });
        } else {
            let ids = work_entries.query_map(params![id, ENTRIES_PER_WORK], |row| row.get(0))?;
            for e in ids {
                to_compare.push(e?);
            }
        }
    }
    let mut block_stmt = tx.prepare_cached(
        "SELECT entry_id FROM reference_blocks WHERE key = ?1 ORDER BY entry_id DESC LIMIT ?2",
    )?;
    for key in lookups {
        for e in block_stmt.query_map(params![key, BLOCK_CANDIDATES], |row| row.get(0))? {
            to_compare.push(e?);
        }
    }
    to_compare.sort_unstable();
    to_compare.dedup();
    let mut entry_stmt = tx.prepare_cached(
        "SELECT citation_id, authors, title, year, venue, volume, pages, doi, arxiv, raw FROM reference_entries WHERE id = ?1",
    )?;
    let mut vetoed: Vec<i64> = Vec::new();
    for e in to_compare {
        let (citation, other, raw) = entry_stmt.query_row([e], |row| {
            let authors: Option<String> = row.get(1)?;
            Ok((
                row.get::<_, i64>(0)?,
                ParsedReference {
                    authors: authors.map(|a| a.split("; ").map(str::to_string).collect()).unwrap_or_default(),
                    title: row.get(2)?,
                    year: row.get(3)?,
                    venue: row.get(4)?,
                    volume: row.get(5)?,
                    pages: row.get(6)?,
                    doi: row.get(7)?,
                    arxiv: row.get(8)?,
                    ..Default::default()
                },
                row.get::<_, String>(9)?,
            ))
        })?;
        let citation = curation::current(tx, curation::Kind::Citation, citation)?;
        match identity::compare(print, &WorkPrint::of(&other, &raw)) {
            Verdict::Same { rule, score } => {
                if !found.iter().any(|f| f.citation == citation) {
                    found.push(Found { citation, rule, score });
                }
            }
            Verdict::Different { reason } if reason.starts_with("different DOIs") || reason.starts_with("different arXiv") => {
                vetoed.push(citation)
            }
            Verdict::Different { .. } => {}
        }
    }
    found.retain(|f| f.rule.starts_with("same DOI") || f.rule.starts_with("same arXiv") || !vetoed.contains(&f.citation));
    found.sort_by_key(|f| f.citation);
    Ok(found)
}

fn raw_key(raw: &str) -> String {
    format!("raw:{}", text::key(raw))
}

/// The work a reference cites: the oldest of the works the identity rules find it to cite,
/// else a new one. Its identity keys then name that work.
pub(super) fn get_or_create_citation(tx: &Connection, r: &ReferenceRecord) -> Result<i64> {
    let print = WorkPrint::of(&r.parsed, &r.raw);
    let blocks = print.blocks(&identity::title_block_words(r.parsed.title.as_deref()));
    let found = find_works(tx, r, &print, &print.lookups(&blocks))?;
    let q = &r.parsed;
    let authors = (!q.authors.is_empty()).then(|| q.authors.join("; "));
    let id = match found.first() {
        Some(f) => {
            tx.execute(
                "UPDATE citations SET
                   title = COALESCE(title, ?2), authors = COALESCE(authors, ?3), first_author = COALESCE(first_author, ?4),
                   year = COALESCE(year, ?5), venue = COALESCE(venue, ?6), doi = COALESCE(doi, ?7),
                   arxiv = COALESCE(arxiv, ?8), url = COALESCE(url, ?9), volume = COALESCE(volume, ?10), pages = COALESCE(pages, ?11)
                 WHERE id = ?1",
                params![f.citation, q.title, authors, q.first_surname(), q.year, q.venue, q.doi, q.arxiv, q.url, q.volume, q.pages],
            )?;
            f.citation
        }
        None => insert_citation(tx, r, authors)?,
    };
    let mut new_keys = 0;
    for key in r.citation_keys.iter().chain(std::iter::once(&raw_key(&r.raw))) {
        new_keys +=
            tx.execute("INSERT OR IGNORE INTO citation_keys (key, citation_id) VALUES (?1, ?2)", params![key, id])?;
    }
    // An entry that joins a work in a form not seen before is logged with the rule, its score
    // and the entry as evidence.
    if let (Some(f), true) = (found.first(), new_keys > 0) {
        curation::log(tx, false, "join", curation::Kind::Citation, id, None, Some(f.rule), Some(f.score), Some(&r.raw), None)?;
    }
    Ok(id)
}

/// Files a stored entry under its blocking keys, for later entries to find it by.
pub(super) fn file_entry_blocks(tx: &Connection, entry_id: i64, r: &ReferenceRecord) -> Result<()> {
    let print = WorkPrint::of(&r.parsed, &r.raw);
    let mut stmt = tx.prepare_cached("INSERT OR IGNORE INTO reference_blocks (key, entry_id) VALUES (?1, ?2)")?;
    for key in print.blocks(&identity::title_block_words(r.parsed.title.as_deref())) {
        stmt.execute(params![key, entry_id])?;
    }
    Ok(())
}

fn insert_citation(tx: &Connection, r: &ReferenceRecord, authors: Option<String>) -> Result<i64> {
    let q = &r.parsed;
    // The main key names one work: where another work holds it (a version of the same title
    // the rules keep apart), this one takes the key with a number.
    let base = &r.citation_keys[0];
    let mut key = base.clone();
    let mut exists = tx.prepare_cached("SELECT EXISTS (SELECT 1 FROM citations WHERE key = ?1)")?;
    for n in 2.. {
        if !exists.query_row([&key], |row| row.get::<_, bool>(0))? {
            break;
        }
        key = format!("{base}~{n}");
    }
    tx.execute(
        "INSERT INTO citations (key, title, authors, first_author, year, venue, doi, arxiv, url, volume, pages, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, strftime('%Y-%m-%dT%H:%M:%SZ','now'))",
        params![key, q.title, authors, q.first_surname(), q.year, q.venue, q.doi, q.arxiv, q.url, q.volume, q.pages],
    )?;
    Ok(tx.last_insert_rowid())
}
