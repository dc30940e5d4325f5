//! Citation identity: whether two reference entries cite one work, in whatever style each is written.
//!
//! Each entry is reduced to a [`WorkPrint`] (identifiers, first author, year, volume, first page,
//! title, venue), and two prints are compared by an ordered list of rules: identifiers decide
//! alone; then a similar title with a compatible first author and year; then, where a style
//! gives no title, first author, year, volume and first page together. Everything else is not
//! the same work: a similarity, never an exact key, so that one typo or a PDF's damage does not
//! split a work, and a year or a first page that disagrees keeps two look-alikes apart.
//! [`WorkPrint::blocks`] gives the keys under which candidates are looked up before comparing.

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
    include_str!("../../data/words/front-matter.txt")
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
            title_numbers,
            doi: p.doi.as_deref().map(str::to_lowercase),
            arxiv: p.arxiv.clone(),
            surname: p.first_surname().map(|s| letters(&s)).filter(|s| s.len() >= 2),
            year: p.year,
            volume: p.volume.as_deref().and_then(leading_number),
            first_page: page_range_start(raw).or_else(|| p.pages.as_deref().and_then(leading_number)),
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
        (Some(x), Some(y)) if surnames_may_be_damaged(x, y) => (None, true),
        (Some(_), Some(_)) => return Different { reason: "different first authors" },
        _ => (None, false),
    };
    let volume = agree(&a.volume, &b.volume);
    let page = agree(&a.first_page, &b.first_page);
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
    Different { reason: "not enough in common" }
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

/// Words of a venue that carry its name: "Journal of the Ice Society" → journal, ice, society.
fn venue_words(venue: &str) -> Vec<String> {
    const FILLERS: [&str; 9] = ["of", "the", "and", "for", "in", "on", "de", "der", "und"];
    venue
        .split(|c: char| !c.is_alphanumeric())
        .map(text::ascii_key)
        .filter(|w| !w.is_empty() && !FILLERS.contains(&w.as_str()))
        .collect()
}

/// Whether one venue's words abbreviate the other's, word for word: each shorter word starts
/// with the longer word's first letter and keeps the rest of its letters in order ("Org. Lett."
/// = "Organic Letters", "Proc. Natl. Acad. Sci." = "Proceedings of the National Academy of
/// Sciences").
fn abbreviates(a: &[String], b: &[String]) -> bool {
    fn shortens(short: &str, long: &str) -> bool {
        let mut rest = long.chars();
        short.chars().next() == long.chars().next() && short.chars().all(|c| rest.any(|l| l == c))
    }
    !a.is_empty()
        && a.len() == b.len()
        && a.iter().zip(b).all(|(x, y)| if x.len() <= y.len() { shortens(x, y) } else { shortens(y, x) })
}

/// The share of the shorter word list found in the longer (both sorted and unique).
fn containment(a: &[String], b: &[String]) -> f64 {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if short.is_empty() {
        return 0.0;
    }
    let inside = short.iter().filter(|w| long.binary_search(w).is_ok()).count();
    inside as f64 / short.len() as f64
}

fn agree(a: &Option<String>, b: &Option<String>) -> Option<bool> {
    match (a, b) {
        (Some(x), Some(y)) => Some(x == y),
        _ => None,
    }
}

fn surnames_agree(a: &str, b: &str) -> bool {
    a == b
        || (a.len().min(b.len()) >= SURNAME_FUZZY_FROM && strsim::levenshtein(a, b) <= 1)
        // One entry may keep a particle or a second surname the other drops ("van der Berg").
        || (a.len().min(b.len()) >= SURNAME_FUZZY_FROM && (a.ends_with(b) || b.ends_with(a)))
}

/// Whether two first authors' surnames that do not agree may still be one name damaged by a scan
/// or a PDF's text layer: letters read wrong ("berglund", "berilunz"), a space put inside it
/// that cut it in two ("simpson", "mpson"). Only where the venue, year, volume and first page of
/// the two entries all agree is this taken for one author.
fn surnames_may_be_damaged(a: &str, b: &str) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    short.len() >= DAMAGED_SURNAME_FROM && long.ends_with(short)
        || strsim::normalized_levenshtein(a, b) >= DAMAGED_SURNAME_SIMILARITY
}

/// Fewest letters the surviving end of a cut surname must have.
const DAMAGED_SURNAME_FROM: usize = 3;

/// How alike two spellings of one damaged surname stay: OCR noise damages two or three letters
/// of an eight-letter name, leaving it 0.6 to 0.75 alike.
const DAMAGED_SURNAME_SIMILARITY: f64 = 0.6;

/// Lower-case ASCII letters only.
fn letters(s: &str) -> String {
    text::ascii_key(s).chars().filter(char::is_ascii_alphabetic).collect()
}

/// The number a volume or page range starts with ("205–216" → "205", "e1003" → "e1003").
fn leading_number(s: &str) -> Option<String> {
    let s = s.trim();
    let n: String = s.chars().take_while(|c| c.is_ascii_alphanumeric()).collect::<String>().to_lowercase();
    n.chars().any(|c| c.is_ascii_digit()).then_some(n)
}

/// How alike two title keys are: their trigram [`similarity`], or [`TITLE_SAME`] where one is
/// the start or the end of the other and long enough to name a work (a title that runs on into
/// a date or a venue the other entry does not give, or whose head the parse cut off).
fn title_similarity(a: &str, b: &str) -> f64 {
    /// A shared start this long is a title, not a common opening phrase.
    const PREFIX: usize = 32;
    let sim = similarity(a, b);
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if short.len() >= PREFIX && (long.starts_with(short) || long.ends_with(short)) {
        sim.max(TITLE_SAME)
    } else {
        sim
    }
}

/// The first page of the last page range in an entry's text ("205–216" → "205"), where a range
/// of two years is no page range.
fn page_range_start(raw: &str) -> Option<String> {
    static RANGE: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        text::regex(r"(?:^|[^\w.])([A-Za-z]?\d{1,6})\s?[-–—]\s?[A-Za-z]?(\d{1,6})\b").expect("valid pattern")
    });
    // Identifiers and addresses hold dashes that are no page range ("10.1000/s17-2001").
    let text: String = raw
        .split_whitespace()
        .filter(|t| !t.contains('/') && !t.to_ascii_lowercase().starts_with("doi") && !t.contains("arXiv:"))
        .collect::<Vec<_>>()
        .join(" ");
    let (first, last) =
        RANGE.captures_iter(&text).filter_map(|c| Some((c.get(1)?.as_str(), c.get(2)?.as_str()))).last()?;
    let digits = |s: &str| s.trim_start_matches(|c: char| c.is_ascii_alphabetic()).parse::<u64>().ok();
    let (a, b) = (digits(first)?, digits(last)?);
    let years = (1500..=2100).contains(&a) && (1500..=2100).contains(&b);
    // "205–16" abbreviates 205–216: the end may be shorter than the start.
    (!years && (b >= a || last.len() < first.len())).then(|| first.to_lowercase())
}

/// Dice similarity of two keys' character trigrams: 1.0 for equal keys, robust to a typo or a
/// lost space (each costs at most three trigrams), low for different words.
pub fn similarity(a: &str, b: &str) -> f64 {
    if a == b {
        return 1.0;
    }
    let (ta, tb) = (trigrams(a), trigrams(b));
    if ta.is_empty() || tb.is_empty() {
        return 0.0;
    }
    let (mut i, mut j, mut shared) = (0, 0, 0);
    while i < ta.len() && j < tb.len() {
        match ta[i].cmp(&tb[j]) {
            std::cmp::Ordering::Equal => {
                shared += 1;
                i += 1;
                j += 1;
            }
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
        }
    }
    2.0 * shared as f64 / (ta.len() + tb.len()) as f64
}

fn trigrams(s: &str) -> Vec<[u8; 3]> {
    let mut t: Vec<[u8; 3]> = s.as_bytes().windows(3).map(|w| [w[0], w[1], w[2]]).collect();
    t.sort_unstable();
    t
}

#[cfg(test)]
mod tests {
    use super::*;

    fn print(title: Option<&str>, author: &str, year: i32, venue: &str, volume: &str, pages: &str) -> WorkPrint {
        let p = ParsedReference {
            authors: if author.is_empty() { vec![] } else { vec![author.to_string()] },
            year: Some(year),
            title: title.map(str::to_string),
            venue: (!venue.is_empty()).then(|| venue.to_string()),
            volume: (!volume.is_empty()).then(|| volume.to_string()),
            pages: (!pages.is_empty()).then(|| pages.to_string()),
            ..Default::default()
        };
        WorkPrint::of(&p, "")
    }

    const TITLE: &str = "Measuring the drift of glacier tongues with low-cost sensors";

    #[test]
    fn a_damaged_first_author_is_outweighed_only_by_every_number_of_a_title_less_entry() {
        let clean = print(None, "Lindqvist, K.", 2004, "Journal of Cold Regions", "38", "117-125");
        let scanned = print(None, "K. Lmdqvlst", 2004, "Journal of Cold Regions", "38", "117");
        let cut = print(None, "K. Lind qvist", 2004, "Journal of Cold Regions", "38", "117");
        assert!(compare(&clean, &scanned).is_same(), "{:?}", compare(&clean, &scanned));
        assert!(compare(&clean, &cut).is_same(), "{:?}", compare(&clean, &cut));
        let other = print(None, "K. Okonkwo", 2004, "Journal of Cold Regions", "38", "117");
        assert!(!compare(&clean, &other).is_same(), "another author altogether");
        let other_page = print(None, "K. Lmdqvlst", 2004, "Journal of Cold Regions", "38", "201");
        assert!(!compare(&clean, &other_page).is_same());
        let titled = print(Some(TITLE), "Lindqvist, K.", 2004, "Journal of Cold Regions", "38", "117-125");
        let titled_scan = print(Some(TITLE), "K. Lmdqvlst", 2004, "Journal of Cold Regions", "38", "117");
        assert!(!compare(&titled, &titled_scan).is_same(), "titled entries keep the strict author rule");
    }

    #[test]
    fn a_typo_and_a_lost_space_keep_one_work() {
        let a = print(Some(TITLE), "Okafor, N.", 2011, "Journal of Ice Studies", "12", "33-41");
        let b =
            print(Some("Measuring the drfit of glacier tongues withlow-cost sensors"), "N. Okafor", 2011, "", "", "");
        assert!(compare(&a, &b).is_same(), "{:?}", compare(&a, &b));
    }

    #[test]
    fn a_titleless_style_joins_by_author_year_volume_and_page() {
        let titled = print(Some(TITLE), "Okafor, N.", 2011, "Journal of Ice Studies", "12", "33–41");
        let bare = print(None, "N. Okafor", 2011, "Journal of Ice Studies", "12", "33");
        assert!(compare(&titled, &bare).is_same());
        let other_page = print(None, "N. Okafor", 2011, "Journal of Ice Studies", "12", "90");
        assert!(!compare(&titled, &other_page).is_same());
    }

    #[test]
    fn the_same_title_in_another_year_is_another_version() {
        let a = print(Some(TITLE), "Okafor, N.", 2011, "Journal of Ice Studies", "12", "33");
        let b = print(Some(TITLE), "Okafor, N.", 2014, "Ice Letters", "3", "1");
        assert_eq!(compare(&a, &b), Verdict::Different { reason: "different years" });
    }

    #[test]
    fn a_preprint_a_year_before_its_venue_version_is_one_work() {
        let a = print(Some(TITLE), "Okafor, N.", 2010, "arXiv preprint", "", "");
        let b = print(Some(TITLE), "Okafor, N.", 2011, "Journal of Ice Studies", "12", "33");
        assert!(compare(&a, &b).is_same());
    }

    #[test]
    fn an_erratum_is_not_its_article() {
        let a = print(Some(TITLE), "Okafor, N.", 2011, "Journal of Ice Studies", "12", "33");
        let b = print(Some(&format!("Erratum: {TITLE}")), "Okafor, N.", 2011, "Journal of Ice Studies", "12", "99");
        assert!(!compare(&a, &b).is_same());
    }

    #[test]
    fn front_matter_of_two_journals_stays_apart() {
        let a = print(Some("Table of Contents"), "", 2019, "Journal of Ice Studies", "20", "");
        let b = print(Some("Table of Contents"), "", 2019, "Annals of Fjords", "7", "");
        assert!(!compare(&a, &b).is_same());
    }

    #[test]
    fn a_chapter_is_not_its_book() {
        let chapter =
            print(Some("Sea ice in a warming century"), "Lind, K.", 2015, "The Polar Handbook", "", "101-130");
        let book = print(Some("The Polar Handbook"), "Lind, K.", 2015, "Frost Press", "", "");
        assert!(!compare(&chapter, &book).is_same());
    }

    #[test]
    fn different_dois_never_merge() {
        let mut a = print(Some(TITLE), "Okafor, N.", 2011, "", "", "");
        let mut b = a.clone();
        a.doi = Some("10.1000/a1".into());
        b.doi = Some("10.1000/a2".into());
        assert!(!compare(&a, &b).is_same());
    }

    #[test]
    fn a_page_range_in_the_text_wins_over_a_misread_issue() {
        let p = ParsedReference { pages: Some("4".into()), ..Default::default() };
        let print = WorkPrint::of(&p, "Okafor, N. \"Glacier tongues.\" Ice Studies 12.4 (2011): 33–41.");
        assert_eq!(print.first_page.as_deref(), Some("33"));
        let years = WorkPrint::of(&p, "Okafor, N. Ice records, 1990-2011.");
        assert_eq!(years.first_page.as_deref(), Some("4"));
        let doi = WorkPrint::of(&p, "Okafor, N. Ice records. In Proc. of Ice, pages 1–14. doi:10.1000/s17-2001.");
        assert_eq!(doi.first_page.as_deref(), Some("1"));
    }

    #[test]
    fn an_abbreviated_venue_is_the_venue() {
        let full = print(None, "Okafor, N.", 2011, "Journal of the Ice Society", "12", "33");
        let short = print(None, "N. Okafor", 2011, "J. Ice Soc.", "12", "33");
        assert!(compare(&full, &short).is_same());
        assert!(abbreviates(&venue_words("Org. Lett."), &venue_words("Organic Letters")));
        assert!(abbreviates(
            &venue_words("Proc. Natl. Acad. Sci."),
            &venue_words("Proceedings of the National Academy of Sciences")
        ));
        assert!(!abbreviates(&venue_words("Ice Lett."), &venue_words("Organic Letters")));
        let other = print(None, "N. Okafor", 2011, "Ann. Fjords", "12", "33");
        assert!(!compare(&full, &other).is_same(), "another venue with the same numbers");
    }

    #[test]
    fn chapters_of_one_book_stay_apart() {
        let a = print(None, "Lind, K.", 2015, "", "", "101–130");
        let b = print(None, "Lind, K.", 2015, "", "", "131–160");
        assert!(!compare(&a, &b).is_same());
    }

    #[test]
    fn blocks_survive_a_damaged_surname() {
        let a = print(Some(TITLE), "Okafor, N.", 2011, "J", "12", "33");
        let b = print(Some(TITLE), "Okafr, N.", 2011, "J", "12", "33");
        let (ka, kb) = (a.blocks(&title_block_words(Some(TITLE))), b.blocks(&title_block_words(Some(TITLE))));
        assert!(ka.iter().any(|k| kb.contains(k)));
        assert!(compare(&a, &b).is_same());
    }
}
