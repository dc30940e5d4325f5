//! Canonical citation fields: each work's title, authors, year, venue, ... voted over its entries.
//!
//! For each field the value most entries give wins (values compared by their letters and
//! digits), and of that value the least damaged form is shown: proper capitals, no hyphen left
//! from a line break, no glyph a PDF font lost, no space inside a number. A vote is taken
//! again whenever an entry, a merge or a split could change it.

use rusqlite::{params, Connection, OptionalExtension};

use crate::resolve::ReferenceRecord;
use crate::{text, Result};

/// The voted fields, in the order of the `SELECT` below.
const FIELDS: usize = 9;

/// Votes a work's fields over all its entries now.
pub(crate) fn revote_citation(tx: &Connection, id: i64) -> Result<()> {
    let mut stmt = tx.prepare_cached(
        "SELECT title, authors, year, venue, doi, arxiv, url, volume, pages FROM reference_entries WHERE citation_id = ?1",
    )?;
    let rows: Vec<[Option<String>; FIELDS]> = stmt
        .query_map([id], |r| {
            Ok([
                r.get(0)?,
                r.get(1)?,
                r.get::<_, Option<i64>>(2)?.map(|y| y.to_string()),
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
                r.get(6)?,
                r.get(7)?,
                r.get(8)?,
            ])
        })?
        .collect::<rusqlite::Result<_>>()?;
    let best = |field: usize| best_value(rows.iter().filter_map(|row| row[field].as_deref()));
    let authors = best(1);
    let first_author = authors.as_deref().and_then(|a| a.split("; ").next()).map(crate::bib::surname_of);
    tx.execute(
        "UPDATE citations SET title = COALESCE(?2, title), authors = COALESCE(?3, authors), first_author = COALESCE(?4, first_author),
                year = COALESCE(?5, year), venue = COALESCE(?6, venue), doi = COALESCE(?7, doi), arxiv = COALESCE(?8, arxiv), url = COALESCE(?9, url),
                volume = COALESCE(?10, volume), pages = COALESCE(?11, pages)
         WHERE id = ?1",
        params![
            id,
            best(0),
            authors,
            first_author,
            best(2).and_then(|y| y.parse::<i64>().ok()),
            best(3),
            best(4),
            best(5),
            best(6),
            best(7),
            best(8)
        ],
    )?;
    Ok(())
}

/// Votes a work's fields again after `entry` joined it, if the entry could change the vote:
/// where it gives a field the work lacks, a value other than the winner's, or a better form
/// of the winner. An entry that agrees on every field only adds to the winners.
pub(crate) fn revote_if_changed(tx: &Connection, id: i64, entry: &ReferenceRecord) -> Result<()> {
    let current: Option<[Option<String>; 4]> = tx
        .prepare_cached("SELECT title, authors, year, venue FROM citations WHERE id = ?1")?
        .query_row([id], |r| Ok([r.get(0)?, r.get(1)?, r.get::<_, Option<i64>>(2)?.map(|y| y.to_string()), r.get(3)?]))
        .optional()?;
    let Some(current) = current else { return Ok(()) };
    let q = &entry.parsed;
    let given = [
        q.title.clone(),
        (!q.authors.is_empty()).then(|| q.authors.join("; ")),
        q.year.map(|y| y.to_string()),
        q.venue.clone(),
    ];
    let changes = given.iter().zip(&current).any(|(new, old)| match (new, old) {
        (Some(n), Some(o)) => text::key(n) != text::key(o) || damage(n) < damage(o),
        (Some(_), None) => true,
        _ => false,
    });
    if changes {
        revote_citation(tx, id)?;
    }
    Ok(())
}

/// The value most of `values` give (compared by letters and digits), shown in its least
/// damaged form, then its longest. Ties between values go to the more often given, then the
/// less damaged, the longer and the greater: deterministic, and a venue version's later year
/// over its preprint's.
fn best_value<'a>(values: impl Iterator<Item = &'a str>) -> Option<String> {
    let mut groups: std::collections::HashMap<String, (usize, &'a str)> = std::collections::HashMap::new();
    for v in values {
        let g = groups.entry(text::key(v)).or_insert((0, v));
        g.0 += 1;
        if (damage(v), std::cmp::Reverse(v.len())) < (damage(g.1), std::cmp::Reverse(g.1.len())) {
            g.1 = v;
        }
    }
    groups
        .into_values()
        .max_by(|a, b| {
            a.0.cmp(&b.0).then(damage(b.1).cmp(&damage(a.1))).then(a.1.len().cmp(&b.1.len())).then_with(|| a.1.cmp(b.1))
        })
        .map(|(_, v)| v.to_string())
}

/// How damaged a form looks: one point for each sign that a PDF or a style mangled it.
fn damage(v: &str) -> usize {
    let chars: Vec<char> = v.chars().collect();
    let mut points = 0;
    for w in chars.windows(3) {
        // "Sánchez- Rada", "recog- nition": a hyphen left from a line break.
        points += usize::from(w[0].is_alphabetic() && w[1] == '-' && w[2] == ' ');
        // "100, 000": a space inside a number.
        points += usize::from(w[0].is_ascii_digit() && w[1] == ',' && w[2] == ' ') * usize::from(chars.len() > 3);
    }
    // Glyphs a PDF's font lost or mapped wrong, and the replacement character.
    points += chars.iter().filter(|c| matches!(c, 'þ' | 'ﬁ' | 'ﬂ' | 'ﬀ' | '\u{FFFD}')).count();
    // A space before punctuation ("models , and").
    points += v.matches(" ,").count() + v.matches(" .").count();
    let letters: Vec<&char> = chars.iter().filter(|c| c.is_alphabetic()).collect();
    if letters.len() >= 12 {
        // All capitals, or no capital at all where a title or name has some.
        let upper = letters.iter().filter(|c| c.is_uppercase()).count();
        points += usize::from(upper == letters.len()) + usize::from(upper == 0);
    }
    points
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_most_given_value_wins_in_its_least_damaged_form() {
        let forms = [
            "Rank: 50, 000+ questions for reading",
            "Rank: 50,000+ questions for reading",
            "RANK: 50,000+ QUESTIONS FOR READING",
        ];
        assert_eq!(best_value(forms.into_iter()).as_deref(), Some("Rank: 50,000+ questions for reading"));
    }

    #[test]
    fn a_broken_hyphen_loses_to_the_whole_word() {
        let forms = ["Sánchez- Rada, J.", "Sánchez-Rada, J."];
        assert_eq!(best_value(forms.into_iter()).as_deref(), Some("Sánchez-Rada, J."));
    }

    #[test]
    fn more_entries_outvote_a_cleaner_other_value() {
        let forms = ["Ice Letters", "Ice Letters", "Journal of Ice"];
        assert_eq!(best_value(forms.into_iter()).as_deref(), Some("Ice Letters"));
    }
}
