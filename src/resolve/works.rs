//! Whether two papers are one work: the same paper arriving as PDF, TEI and text is one paper,
//! the other files kept as its versions. Identifiers decide where both papers have them; else
//! the title decides, unless the first author or the year says otherwise.

use crate::text;

/// What the catalog knows of a paper to tell its work.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WorkFacts {
    pub doi: Option<String>,
    pub arxiv: Option<String>,
    pub year: Option<i64>,
    /// The first author's surname, lower case ASCII letters.
    pub first_surname: Option<String>,
    /// [`title_key`] of the title.
    pub title_key: Option<String>,
}

/// Fewest words a title needs to identify a work on its own: shorter ones ("Introduction",
/// "Deep Learning", a running head a PDF reader took for the title) name many works.
pub const MIN_TITLE_WORDS: usize = 4;

/// Most years apart two files of one work may be dated: a preprint and its journal version, or
/// an arXiv id's year and the year its paper appeared.
pub const YEARS_APART: i64 = 1;

/// The key a title identifies its work by, or `None` for a title too short to.
pub fn title_key(title: &str) -> Option<String> {
    let words = title.split_whitespace().filter(|w| w.chars().any(char::is_alphanumeric)).count();
    let key = text::key(title);
    (words >= MIN_TITLE_WORDS && !key.is_empty()).then_some(key)
}

/// The first author's surname as [`WorkFacts`] keeps it.
pub fn surname_key(author: &str) -> Option<String> {
    let letters: String =
        text::key(&crate::bib::surname_of(author)).chars().filter(char::is_ascii_alphabetic).collect();
    (!letters.is_empty()).then_some(letters)
}

/// The rule by which `a` and `b` are one work, or `None` when they are not (or nothing shows it).
pub fn same_work(a: &WorkFacts, b: &WorkFacts) -> Option<&'static str> {
    if let (Some(x), Some(y)) = (&a.doi, &b.doi) {
        return (x.eq_ignore_ascii_case(y)).then_some("same DOI");
    }
    if let (Some(x), Some(y)) = (&a.arxiv, &b.arxiv) {
        return (x == y).then_some("same arXiv id");
    }
    let (Some(x), Some(y)) = (&a.title_key, &b.title_key) else { return None };
    if x != y {
        return None;
    }
    if let (Some(x), Some(y)) = (a.year, b.year) {
        if (x - y).abs() > YEARS_APART {
            return None;
        }
    }
    if let (Some(x), Some(y)) = (&a.first_surname, &b.first_surname) {
        if x != y {
            return None;
        }
    }
    Some("same title")
}

/// Which of a work's files is its current version: the one whose format gives the most to
/// extract from (a structured header and reference list first, then source, then text, then
/// the text of a PDF).
pub fn format_rank(format: &str) -> u8 {
    match format {
        "tei" | "jats" => 3,
        "latex" => 2,
        "text" | "markdown" => 1,
        _ => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn titled(title: &str) -> WorkFacts {
        WorkFacts { title_key: title_key(title), ..WorkFacts::default() }
    }

    #[test]
    fn identifiers_decide_where_both_papers_have_them() {
        let a = WorkFacts { doi: Some("10.1/ABC".into()), ..titled("A Study of Small Models") };
        let b = WorkFacts { doi: Some("10.1/abc".into()), ..titled("Something Else Entirely Here") };
        assert_eq!(same_work(&a, &b), Some("same DOI"));
        let c = WorkFacts { doi: Some("10.1/xyz".into()), ..titled("A Study of Small Models") };
        assert_eq!(same_work(&a, &c), None, "two DOIs, two works, whatever the titles");
        let p = WorkFacts { arxiv: Some("2101.00001".into()), ..WorkFacts::default() };
        assert_eq!(same_work(&p, &p.clone()), Some("same arXiv id"));
    }

    #[test]
    fn a_title_decides_unless_the_author_or_the_year_disagrees() {
        let pdf = titled("A Study of Small Models");
        let tei = WorkFacts {
            year: Some(2020),
            first_surname: Some("lovelace".into()),
            ..titled("A study of small models.")
        };
        assert!(same_work(&pdf, &tei).is_some(), "the PDF knows neither author nor year");
        let other_author = WorkFacts { first_surname: Some("babbage".into()), ..tei.clone() };
        assert_eq!(same_work(&tei, &other_author), None);
        let years_later = WorkFacts { year: Some(2023), ..tei.clone() };
        assert_eq!(same_work(&tei, &years_later), None);
        let preprint = WorkFacts { year: Some(2019), ..tei.clone() };
        assert!(same_work(&tei, &preprint).is_some());
    }

    #[test]
    fn short_titles_identify_nothing() {
        assert_eq!(title_key("Introduction"), None);
        assert_eq!(title_key("Deep Residual Learning"), None);
        assert_eq!(same_work(&titled("Deep Residual Learning"), &titled("Deep Residual Learning")), None);
        assert_eq!(surname_key("van der Maaten, Laurens").as_deref(), Some("vandermaaten"));
        assert_eq!(surname_key("Jia Deng").as_deref(), Some("deng"));
    }
}
