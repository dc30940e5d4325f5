//! Citation identity: whether two reference entries cite one work, in whatever style each is written.
//!
//! Each entry is reduced to a [`WorkPrint`] (identifiers, first author, year, volume, first page,
//! title, venue), and two prints are compared by an ordered list of rules: identifiers decide
//! alone; then a similar title with a compatible first author and year; then, where a style
//! gives no title, first author, year, volume and first page together. Everything else is not
//! the same work: a similarity, never an exact key, so that one typo or a PDF's damage does not
//! split a work, and a year or a first page that disagrees keeps two look-alikes apart.
//! [`WorkPrint::blocks`] gives the keys under which candidates are looked up before comparing.

mod likeness;
mod numbers;

pub use likeness::similarity;
use likeness::{
    abbreviates, containment, letters, surnames_agree, surnames_may_be_damaged, title_similarity, venue_words,
    written_in,
};
use numbers::{agree, leading_number, page_after_colon, page_range_start, rejoin_digits};

use crate::bib::ParsedReference;
use crate::text;

/// Titles at least this similar (trigram Dice of their letters and digits) name one work when
/// first author and year agree: a typo, a lost space or a PDF ligature costs a few trigrams of
/// a hundred, while two different titles of one author share few.
pub const TITLE_SAME: f64 = 0.86;
/// With a volume or first page that agrees as well, a title this similar is enough: the
/// numbers carry the rest of the evidence (titles with glyph damage or words dropped).
pub const TITLE_SAME_WITH_NUMBERS: f64 = 0.60;
/// Where the parse of one style put the title in the venue (or read no title at all), an entry
/// whose words are at least this much within the other's, with first author, year and first
/// page agreeing, is the same work written shorter.
pub const WORDS_CONTAINED: f64 = 0.85;
/// Venues at least this similar are one venue where no first author tells two works apart.
pub const VENUE_SAME: f64 = 0.60;
/// A title shorter than this (letters and digits) says too little to name a work by itself.
pub const MIN_TITLE_KEY: usize = 12;
/// Surnames of at least this length may differ by one edit (a PDF's split or lost letter).
pub const SURNAME_FUZZY_FROM: usize = 5;
/// The letters an entry opens with that are searched for the other entry's first author where
/// the two parses disagree on it: the first author and the start of the second, in every style
/// that opens with the authors ("P. Lagerb ack an d K. Carlson" holds "lagerback").
pub const LEAD_LETTERS: usize = 40;
/// A surname at least this long is found in the other entry's opening letters as it is; one
/// this long or longer ([`SURNAME_FUZZY_FROM`]) with one letter damaged.
pub const SURNAME_IN_TEXT_FROM: usize = 4;

/// What tells one work from another, as any citation style writes it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct WorkPrint {
    pub doi: Option<String>,
    pub arxiv: Option<String>,
    /// The first author's surname, ASCII letters only ("O'Neil" → "oneil").
    pub surname: Option<String>,
    pub year: Option<i32>,
    pub volume: Option<String>,
    pub first_page: Option<String>,
    /// The title's letters and digits, lower case.
    pub title: Option<String>,
    pub venue: Option<String>,
    /// The venue's words, lower case, without "of", "the", "and", ...: for telling an
    /// abbreviation ("J. Ice Stud.") from another venue.
    pub venue_words: Vec<String>,
    /// The entry's words (letters only, folded), sorted and unique: for comparing entries
    /// whatever fields their parse found.
    pub words: Vec<String>,
    /// The first [`LEAD_LETTERS`] letters of the entry's text, lower case, spaces and marks
    /// dropped: where the first author is written whatever a scan did to its spaces.
    pub lead: String,
    /// The numbers in the title ("Part 2", "Figures 9-10", "6/2011"): two titles whose numbers
    /// differ (neither set within the other: a parse may cut a number off) are two works.
    pub title_numbers: Vec<String>,
    /// The work is an erratum, correction or retraction notice of another work.
    pub notice: bool,
    /// The work is an issue's front matter (a table of contents, an editorial board list),
    /// which every issue of every journal has under the same title.
    pub front_matter: bool,
    /// The venue is a preprint server: its version is a year before the venue version's.
    pub preprint: bool,
}

/// Why two entries are, or are not, one work.
#[derive(Debug, Clone, PartialEq)]
pub enum Verdict {
    Same { rule: &'static str, score: f64 },
    Different { reason: &'static str },
}

impl Verdict {
    pub fn is_same(&self) -> bool {
        matches!(self, Verdict::Same { .. })
    }
}

const NOTICE_WORDS: [&str; 6] = ["erratum", "errata", "corrigendum", "correction", "retraction", "retracted"];
/// Titles of an issue's or a book's parts that are no work of their own (a data file).
static FRONT_MATTER: std::sync::LazyLock<Vec<&'static str>> = std::sync::LazyLock::new(|| {
    include_str!("../../../data/words/front-matter.txt")
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect()
});
const PREPRINT_VENUES: [&str; 6] = ["arxiv", "corr", "biorxiv", "medrxiv", "ssrn", "preprint"];

impl WorkPrint {
    /// The print of an entry from its parsed fields and its text (the text gives the page range
    /// where the parse put an issue number in its place).
    pub fn of(p: &ParsedReference, raw: &str) -> WorkPrint {
        let title = p.title.as_deref().map(text::ascii_key).filter(|t| !t.is_empty());
        let venue = p.venue.as_deref().map(text::ascii_key).filter(|v| !v.is_empty());
        let first_words = p.title.as_deref().map(|t| t.split_whitespace().next().unwrap_or("").to_lowercase());
        let notice = first_words
            .as_deref()
            .is_some_and(|w| NOTICE_WORDS.iter().any(|n| w.trim_matches(|c: char| !c.is_alphanumeric()) == *n));
        let front_matter = title.as_deref().is_some_and(|t| FRONT_MATTER.iter().any(|f| t.starts_with(f)));
        let raw_key = text::ascii_key(raw);
        let preprint = venue.as_deref().is_some_and(|v| PREPRINT_VENUES.iter().any(|s| v.starts_with(s)))
            || p.arxiv.is_some()
            || PREPRINT_VENUES.iter().any(|s| raw_key.contains(s));
        let mut words: Vec<String> =
            raw.split(|c: char| !c.is_alphabetic()).map(text::ascii_key).filter(|w| w.len() >= 2).collect();
        words.sort_unstable();
        words.dedup();
        let title_numbers = p
            .title
            .as_deref()
            .map(|t| t.split(|c: char| !c.is_ascii_digit()).filter(|n| !n.is_empty()).map(str::to_string).collect())
            .unwrap_or_default();
        WorkPrint {
            words,
            lead: letters(raw).chars().take(LEAD_LETTERS).collect(),
            title_numbers,
            doi: p.doi.as_deref().map(str::to_lowercase),
            arxiv: p.arxiv.clone(),
            surname: p.first_surname().map(|s| letters(&s)).filter(|s| s.len() >= 2),
            year: p.year,
            volume: p.volume.as_deref().and_then(leading_number),
            first_page: page_range_start(raw)
                .or_else(|| page_after_colon(raw))
                .or_else(|| p.pages.as_deref().map(rejoin_digits).as_deref().and_then(leading_number)),
            title,
            venue,
            venue_words: p.venue.as_deref().map(venue_words).unwrap_or_default(),
            notice,
            front_matter,
            preprint,
        }
    }

    /// A title long enough to name a work.
    fn named_title(&self) -> Option<&str> {
        self.title.as_deref().filter(|t| t.len() >= MIN_TITLE_KEY)
    }

    /// Keys under which entries that may cite the same work are found: first author and year,
    /// year with volume and first page, and the title's longest words (which survive a typo
    /// elsewhere in it). Sharing a key is a reason to compare, not a decision.
    pub fn blocks(&self, title_words: &[String]) -> Vec<String> {
        let mut keys = Vec::new();
        if let (Some(s), Some(y)) = (&self.surname, self.year) {
            keys.push(format!("ay:{s}:{y}"));
        }
        if let (Some(y), Some(v), Some(p)) = (self.year, &self.volume, &self.first_page) {
            keys.push(format!("vp:{y}:{v}:{p}"));
        }
        // A volume and first page name a work with few look-alikes even where one entry's year
        // is lost to a scan ("(1 98l)").
        if let (Some(v), Some(p)) = (&self.volume, &self.first_page) {
            keys.push(format!("v:{v}:{p}"));
        }
        for w in title_words {
            if let Some(y) = self.year {
                keys.push(format!("twy:{w}:{y}"));
            }
            keys.push(format!("tw:{w}"));
        }
        keys
    }

    /// The blocks to look candidates up under: all but the title words without a year, where
    /// the year is known (those blocks are large, and serve entries whose year is lost).
    pub fn lookups(&self, blocks: &[String]) -> Vec<String> {
        let year_known = self.year.is_some();
        blocks.iter().filter(|k| !(year_known && k.starts_with("tw:"))).cloned().collect()
    }
}

/// The longest words of a title (ASCII-folded), as blocking keys; most titles keep several of
/// them intact through a typo or a damaged glyph.
pub fn title_block_words(title: Option<&str>) -> Vec<String> {
    /// Three words: one damaged word leaves two to find the work by.
    const WORDS: usize = 3;
    /// Shorter words are too common to block on.
    const MIN_LEN: usize = 6;
    let Some(title) = title else { return Vec::new() };
    let mut words: Vec<String> = title.split(|c: char| !c.is_alphanumeric()).map(text::ascii_key).collect();
    words.retain(|w| w.len() >= MIN_LEN);
    words.sort_by(|a, b| b.len().cmp(&a.len()).then_with(|| a.cmp(b)));
    words.dedup();
    words.truncate(WORDS);
    words
}

/// Whether entries `a` and `b` cite one work, by the first rule that decides.
pub fn compare(a: &WorkPrint, b: &WorkPrint) -> Verdict {
    use Verdict::{Different, Same};
    if let (Some(x), Some(y)) = (&a.doi, &b.doi) {
        return if x == y { Same { rule: "same DOI", score: 1.0 } } else { Different { reason: "different DOIs" } };
    }
    if let (Some(x), Some(y)) = (&a.arxiv, &b.arxiv) {
        return if x == y {
            Same { rule: "same arXiv id", score: 1.0 }
        } else {
            Different { reason: "different arXiv ids" }
        };
    }
    if a.notice != b.notice {
        return Different { reason: "a notice is not the work it corrects" };
    }
    if let (Some(x), Some(y)) = (a.year, b.year) {
        // A preprint is often cited with the year before its venue version's; an entry that
        // names no venue may be either, and so may a proceedings entry (no volume), which
        // papers often cite by their preprint's year. Two journal versions a year apart (both
        // with a volume) are two works.
        let maybe_preprint = a.preprint
            || b.preprint
            || a.venue.is_none()
            || b.venue.is_none()
            || (a.volume.is_none() && b.volume.is_none());
        if x != y && !(maybe_preprint && (x - y).abs() == 1) {
            return Different { reason: "different years" };
        }
    }
    // A first author spelled alike in both, or (`damaged_surname`) one a scan or a PDF may have
    // damaged into the other, which only the numbers of a title-less entry can outweigh below.
    let (surname, damaged_surname) = match (&a.surname, &b.surname) {
        (Some(x), Some(y)) if surnames_agree(x, y) => (Some(true), false),
        (Some(x), Some(y)) if surnames_may_be_damaged(x, y) || written_in(x, &b.lead) || written_in(y, &a.lead) => {
            (None, true)
        }
        (Some(_), Some(_)) => return Different { reason: "different first authors" },
        _ => (None, false),
    };
    let (a_volume, a_page) = numbers_in_place(a, b);
    let (b_volume, b_page) = numbers_in_place(b, a);
    let volume = agree(&a_volume, &b_volume);
    let page = agree(&a_page, &b_page);
    if disjoint_numbers(a, b) {
        // A style that prints one number after the title ("Title 23 (2011)") leaves open whether
        // it is a volume or a page; where the two entries have no number in common at all, they
        // are two parts of one book or two articles of one journal.
        return Different { reason: "no volume or page in common" };
    }
    if page == Some(false) {
        // Two chapters of one book, two articles of one issue, a notice and its article.
        return Different { reason: "different first pages" };
    }
    if volume == Some(false) && a.title.is_none() || volume == Some(false) && b.title.is_none() {
        return Different { reason: "different volumes" };
    }
    let numbers_agree = volume == Some(true) || page == Some(true);
    let venue = match (&a.venue, &b.venue) {
        (Some(_), Some(_)) if abbreviates(&a.venue_words, &b.venue_words) => Some(1.0),
        (Some(x), Some(y)) => Some(similarity(x, y)),
        _ => None,
    };
    if a.front_matter || b.front_matter {
        let same_issue = a.title == b.title
            && venue.is_some_and(|v| v >= VENUE_SAME)
            && a.year.is_some()
            && a.year == b.year
            && volume == Some(true)
            && page == Some(true);
        return if same_issue {
            Same { rule: "same front matter of one issue", score: 1.0 }
        } else {
            Different { reason: "front matter of different issues" }
        };
    }
    if let (Some(x), Some(y)) = (a.named_title(), b.named_title()) {
        let sim = title_similarity(x, y);
        let author_ok = surname.is_some() || (a.surname.is_none() && b.surname.is_none());
        if damaged_surname {
            return Different { reason: "different first authors" };
        }
        let year_known = a.year.is_some() && b.year.is_some();
        let within = |x: &[String], y: &[String]| x.iter().all(|n| y.contains(n));
        let (xn, yn) = (&a.title_numbers, &b.title_numbers);
        if !xn.is_empty() && !yn.is_empty() && !within(xn, yn) && !within(yn, xn) {
            return Different { reason: "different numbers in the titles" };
        }
        if author_ok && sim >= TITLE_SAME && (year_known || surname.is_some() || numbers_agree) {
            return Same { rule: "similar title, same first author and year", score: sim };
        }
        if author_ok && sim >= TITLE_SAME_WITH_NUMBERS && numbers_agree && volume != Some(false) && page != Some(false)
        {
            return Same { rule: "similar title, same first author, year and volume or page", score: sim };
        }
    }
    // Fields read differently in the two styles (a title taken for a venue, a chapter's title
    // lost): the shorter entry written within the longer, with the numbers that name the work.
    let year_same = a.year.is_some() && a.year == b.year;
    if surname == Some(true) && year_same && page == Some(true) {
        let contained = containment(&a.words, &b.words);
        if contained >= WORDS_CONTAINED {
            return Same {
                rule: "same first author, year and first page, one entry within the other",
                score: contained,
            };
        }
    }
    if a.named_title().is_some() && b.named_title().is_some() {
        return Different { reason: "different titles" };
    }
    // A style without titles: the numbers name the work, with the first author, or with the
    // venue where neither entry names an author.
    if year_same && volume == Some(true) && page == Some(true) {
        let venue_ok = venue.is_none_or(|v| v >= VENUE_SAME);
        if surname == Some(true) && venue_ok {
            return Same { rule: "same first author, year, volume and first page", score: 1.0 };
        }
        if surname.is_none() && venue.is_some_and(|v| v >= VENUE_SAME) {
            let rule = if damaged_surname {
                "same venue, year, volume and first page, the first author's name damaged"
            } else {
                "same venue, year, volume and first page"
            };
            return Same { rule, score: venue.unwrap_or(0.0) };
        }
    }
    // A volume one entry lost (glued to the venue by a scan, "Focus21", or damaged, "O7"): the
    // first page with the first author, year and venue.
    if year_same && page == Some(true) && volume.is_none() && surname == Some(true) {
        if let Some(v) = venue.filter(|&v| v >= VENUE_SAME) {
            return Same { rule: "same first author, year, venue and first page", score: v };
        }
    }
    // A year a scan made unreadable in one entry ("(2O1l)"): the venue must agree as well.
    let year_lost = a.year.is_none() != b.year.is_none();
    if year_lost && volume == Some(true) && page == Some(true) && (surname == Some(true) || damaged_surname) {
        if let Some(v) = venue.filter(|&v| v >= VENUE_SAME) {
            return Same { rule: "same first author, venue, volume and first page, one year lost", score: v };
        }
    }
    Different { reason: "not enough in common" }
}

/// An entry's volume and first page as the other entry reads them: a style that prints one number
/// after the venue ("Animals 25 (2011)") leaves open whether it is a volume or a page, and where
/// the parse took it for the volume but it is the other entry's first page (and not its
/// volume), it is the first page.
fn numbers_in_place(p: &WorkPrint, other: &WorkPrint) -> (Option<String>, Option<String>) {
    match (&p.volume, &p.first_page) {
        (Some(v), None) if other.first_page.as_ref() == Some(v) && other.volume.as_ref() != Some(v) => {
            (None, Some(v.clone()))
        }
        _ => (p.volume.clone(), p.first_page.clone()),
    }
}

fn disjoint_numbers(a: &WorkPrint, b: &WorkPrint) -> bool {
    let numbers = |p: &WorkPrint| [p.volume.clone(), p.first_page.clone()].into_iter().flatten().collect::<Vec<_>>();
    let (x, y) = (numbers(a), numbers(b));
    !x.is_empty() && !y.is_empty() && !x.iter().any(|n| y.contains(n))
}

impl Verdict {
    /// A difference that no similarity elsewhere can outweigh: two works that hold it are never
    /// made one by a third entry that resembles both (a book's entry and two of its chapters).
    pub fn is_conflict(&self) -> bool {
        matches!(
            self,
            Verdict::Different {
                reason: "different DOIs"
                    | "different arXiv ids"
                    | "different years"
                    | "different first pages"
                    | "no volume or page in common"
                    | "different numbers in the titles"
                    | "a notice is not the work it corrects"
            }
        )
    }
}

#[cfg(test)]
mod tests;
