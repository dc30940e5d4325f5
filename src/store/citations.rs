//! Citation identity in the catalog: the work each reference entry cites.
//!
//! A work is found by the identity rules (`resolve::identity`) among the entries filed under
//! the entry's blocking keys, or made; joins and merges are logged with their rule and score.

use rusqlite::{params, Connection, OptionalExtension};

use super::curation;
use crate::bib::ParsedReference;
use crate::resolve::identity::{self, Verdict, WorkPrint};
use crate::resolve::ReferenceRecord;
use crate::{text, Result};

/// Keys that name one work by themselves: an identifier, or the entry's whole text.
fn is_identity_key(key: &str) -> bool {
    key.starts_with("doi:") || key.starts_with("arxiv:") || key.starts_with("raw:")
}

/// At most this many entries are compared under one block key (the most recent): a block of a
/// common surname and year grows with the catalog, and the rules need only a few entries of
/// each work (16 and 40 give the same clusters on the dedup set; 16 compares fewer).
const BLOCK_CANDIDATES: i64 = 16;
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
    let mut block_stmt =
        tx.prepare_cached("SELECT entry_id FROM reference_blocks WHERE key = ?1 ORDER BY entry_id DESC LIMIT ?2")?;
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
        let (citation, (other, raw)) =
            entry_stmt.query_row([e], |row| Ok((row.get::<_, i64>(0)?, stored_entry(row, 1)?)))?;
        let citation = curation::current(tx, curation::Kind::Citation, citation)?;
        match identity::compare(print, &WorkPrint::of(&other, &raw)) {
            Verdict::Same { rule, score } => {
                if !found.iter().any(|f| f.citation == citation) {
                    found.push(Found { citation, rule, score });
                }
            }
            Verdict::Different { reason }
                if reason.starts_with("different DOIs") || reason.starts_with("different arXiv") =>
            {
                vetoed.push(citation)
            }
            Verdict::Different { .. } => {}
        }
    }
    found.retain(|f| {
        f.rule.starts_with("same DOI") || f.rule.starts_with("same arXiv") || !vetoed.contains(&f.citation)
    });
    found.sort_by_key(|f| f.citation);
    Ok(found)
}

fn raw_key(raw: &str) -> String {
    format!("raw:{}", text::key(raw))
}

/// Whether two works hold entries that the rules find to be different works for a reason no
/// resemblance outweighs (another first page, another year): then an entry like both is no
/// reason to make them one.
fn works_conflict(tx: &Connection, a: i64, b: i64) -> Result<bool> {
    let (xs, ys) = (work_prints(tx, a)?, work_prints(tx, b)?);
    Ok(xs.iter().any(|x| ys.iter().any(|y| identity::compare(x, y).is_conflict())))
}

/// Prints of a work's first entries (at most [`ENTRIES_PER_WORK`]).
fn work_prints(tx: &Connection, citation: i64) -> Result<Vec<WorkPrint>> {
    let mut stmt = tx.prepare_cached(
        "SELECT authors, title, year, venue, volume, pages, doi, arxiv, raw FROM reference_entries WHERE citation_id = ?1 ORDER BY id LIMIT ?2",
    )?;
    let rows = stmt.query_map(params![citation, ENTRIES_PER_WORK], |row| {
        let (p, raw) = stored_entry(row, 0)?;
        Ok(WorkPrint::of(&p, &raw))
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// A stored entry's parsed fields and text, from columns `authors, title, year, venue, volume,
/// pages, doi, arxiv, raw` starting at `at`.
fn stored_entry(row: &rusqlite::Row, at: usize) -> rusqlite::Result<(ParsedReference, String)> {
    let authors: Option<String> = row.get(at)?;
    Ok((
        ParsedReference {
            authors: authors.map(|a| a.split("; ").map(str::to_string).collect()).unwrap_or_default(),
            title: row.get(at + 1)?,
            year: row.get(at + 2)?,
            venue: row.get(at + 3)?,
            volume: row.get(at + 4)?,
            pages: row.get(at + 5)?,
            doi: row.get(at + 6)?,
            arxiv: row.get(at + 7)?,
            ..Default::default()
        },
        row.get(at + 8)?,
    ))
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
    // An entry that is the same work as several works makes them one: each later work merges
    // into the oldest through the undoable path a person's merge takes, logged with the rule,
    // its score and the entry as evidence. A pair decided to be different stays apart.
    for f in found.iter().skip(1) {
        if curation::current(tx, curation::Kind::Citation, f.citation)? == id {
            continue;
        }
        if works_conflict(tx, f.citation, id)? {
            continue;
        }
        match curation::merge_citations(tx, f.citation, id, false, f.rule, f.score, &r.raw) {
            Ok(_) | Err(crate::Error::Invalid(_)) => {}
            Err(e) => return Err(e),
        }
    }
    let mut new_keys = 0;
    for key in r.citation_keys.iter().chain(std::iter::once(&raw_key(&r.raw))) {
        new_keys +=
            tx.execute("INSERT OR IGNORE INTO citation_keys (key, citation_id) VALUES (?1, ?2)", params![key, id])?;
    }
    // An entry that joins a work in a form not seen before is logged with the rule, its score
    // and the entry as evidence.
    if let (Some(f), true) = (found.first(), new_keys > 0) {
        curation::log(
            tx,
            false,
            "join",
            curation::Kind::Citation,
            id,
            None,
            Some(f.rule),
            Some(f.score),
            Some(&r.raw),
            None,
        )?;
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
