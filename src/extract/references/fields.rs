//! Parsing one reference entry: every token labelled with the field it belongs to (author,
//! title, journal, date, volume, pages, ...) by the citation CRF, then the fields assembled into
//! a [`ParsedReference`]; identifiers (DOI, arXiv id, URL) are read by pattern, where they are exact.

use std::sync::LazyLock;

use regex::Regex;

use super::crf::{Features, Tagger, CITATION};
use super::tokens::{shape, tokenize, Token};
use crate::bib::{split_names, ParsedReference};

/// The fields of a citation, as GROBID's annotations mark them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    Author,
    Editor,
    /// The work's own title (an article's, a chapter's).
    Title,
    Journal,
    /// A book or proceedings: the venue where the entry also has a title, else the title.
    Book,
    Series,
    Date,
    Volume,
    Issue,
    Pages,
    Publisher,
    Location,
    Institution,
    Collaboration,
    Identifier,
    Url,
    Report,
    Note,
    /// Punctuation and words between fields.
    Other,
}

impl Field {
    pub const ALL: [Field; 19] = [
        Field::Author,
        Field::Editor,
        Field::Title,
        Field::Journal,
        Field::Book,
        Field::Series,
        Field::Date,
        Field::Volume,
        Field::Issue,
        Field::Pages,
        Field::Publisher,
        Field::Location,
        Field::Institution,
        Field::Collaboration,
        Field::Identifier,
        Field::Url,
        Field::Report,
        Field::Note,
        Field::Other,
    ];

    /// The label the model writes.
    pub fn label(self) -> &'static str {
        match self {
            Field::Author => "author",
            Field::Editor => "editor",
            Field::Title => "title",
            Field::Journal => "journal",
            Field::Book => "book",
            Field::Series => "series",
            Field::Date => "date",
            Field::Volume => "volume",
            Field::Issue => "issue",
            Field::Pages => "pages",
            Field::Publisher => "publisher",
            Field::Location => "location",
            Field::Institution => "institution",
            Field::Collaboration => "collaboration",
            Field::Identifier => "id",
            Field::Url => "url",
            Field::Report => "report",
            Field::Note => "note",
            Field::Other => "O",
        }
    }

    pub fn from_label(label: &str) -> Field {
        Field::ALL.into_iter().find(|f| f.label() == label).unwrap_or(Field::Other)
    }
}

/// The fields of one entry, each a byte range of the entry's text.
#[derive(Debug, Clone, Default)]
pub struct Labelled {
    pub spans: Vec<(usize, usize, Field)>,
}

impl Labelled {
    fn first(&self, field: Field) -> Option<(usize, usize)> {
        self.spans.iter().find(|s| s.2 == field).map(|s| (s.0, s.1))
    }
}

/// Labels the tokens of `entry` with the citation model.
pub fn label(entry: &str) -> Labelled {
    label_with(entry, &|f| CITATION.tag(f))
}

/// [`label`] with another tagger (a model being trained or checked).
pub fn label_with(entry: &str, tag: &Tagger) -> Labelled {
    let tokens = tokenize(entry, 0);
    let features = features(&tokens);
    let Some(labels) = tag(&features) else {
        return Labelled::default();
    };
    group(&tokens, labels.iter().map(|l| Field::from_label(l)))
}

/// Runs of tokens with one field, as byte ranges.
pub fn group(tokens: &[Token], labels: impl IntoIterator<Item = Field>) -> Labelled {
    let mut spans: Vec<(usize, usize, Field)> = Vec::new();
    let mut prev: Option<Field> = None;
    for (t, f) in tokens.iter().zip(labels) {
        match spans.last_mut() {
            Some(last) if prev == Some(f) && f != Field::Other => last.1 = t.end,
            _ if f == Field::Other => {}
            _ => spans.push((t.start, t.end, f)),
        }
        prev = Some(f);
    }
    Labelled { spans }
}

macro_rules! re {
    ($name:ident, $pat:expr) => {
        static $name: LazyLock<Regex> = LazyLock::new(|| crate::text::regex($pat).expect("valid regex"));
    };
}

re!(URL, r"(?i)(?:https?://|www\.)\s?[^\s,;]+");
re!(SOFT_HYPHEN, r"(\p{Ll})- (\p{Ll})");
re!(YEAR, r"(?:^|[^\d/.:\w-])((?:18|19|20)\d\d)([a-z])?(?:[^\d\w]|$)");

/// Every pattern of this module, so that they can be compiled ahead of use.
pub(crate) static PATTERNS: [&LazyLock<Regex>; 5] = [&crate::bib::DOI, &crate::bib::ARXIV, &URL, &SOFT_HYPHEN, &YEAR];

/// Parses one entry's text into fields.
pub fn parse(raw: &str) -> ParsedReference {
    crate::deadline::check();
    let fields = label(raw);
    assemble(raw, &fields)
}

/// The first page a physics-style entry prints right after the volume, with no label and no
/// range ("Phys. Rev. B 23, 1234 (1981)", "Medical Hypotheses 35, 1 (1991)"): a comma, a
/// number (or an article number such as "e1003"), then the year in brackets or the entry's end.
fn page_after_volume(rest: &str) -> Option<String> {
    static PAGE: LazyLock<Regex> =
        LazyLock::new(|| crate::text::regex(r"^,\s*([A-Za-z]?\d{1,6})\s*(?:\(|\.?\s*$)").expect("valid regex"));
    PAGE.captures(rest).map(|c| c[1].to_string())
}

/// The entry's fields from its labelled spans.
pub fn assemble(raw: &str, l: &Labelled) -> ParsedReference {
    let text_of = |f: Field| l.first(f).map(|(s, e)| clean_field(&raw[s..e]));
    let title = text_of(Field::Title).filter(|t| !t.is_empty());
    let book = text_of(Field::Book).filter(|t| !t.is_empty());
    let journal = text_of(Field::Journal).filter(|t| !t.is_empty());
    // A "journal" that ends the entry right after its date, with no volume, issue or pages, is
    // the work's own title, a short one the model took for a venue ("Vance, S. (2016).
    // Cc-birds."). Where the date follows ("Okafor, A. Journal of Things 2009.") it stays a venue:
    // styles without titles write the year after the journal.
    let located = [Field::Volume, Field::Issue, Field::Pages].iter().any(|&f| l.first(f).is_some());
    let ends_after_date = match (l.first(Field::Journal), l.first(Field::Date)) {
        (Some((start, end)), Some((_, date_end))) => {
            date_end <= start && raw[end..].chars().all(|c| !c.is_alphanumeric())
        }
        _ => false,
    };
    let title_alone = !located && ends_after_date;
    let (title, venue) = match (title, book, journal) {
        (Some(t), b, j) => (Some(t), j.or(b)),
        (None, Some(b), j) => (Some(b), j),
        (None, None, Some(j)) if title_alone => (Some(j), None),
        (None, None, j) => (None, j),
    };
    let mut authors: Vec<String> =
        l.first(Field::Author).map(|(s, e)| split_names(&unbreak(&raw[s..e]))).unwrap_or_default();
    if authors.is_empty() {
        if let Some(c) = text_of(Field::Collaboration) {
            authors.push(c);
        }
    }
    let (year, year_suffix) = l
        .first(Field::Date)
        .and_then(|(s, e)| year_in(&raw[s..e]))
        .or_else(|| year_outside_identifiers(raw))
        .map_or((None, None), |(y, s)| (Some(y), s));
    ParsedReference {
        authors,
        year,
        year_suffix,
        title: title.map(|t| strip_quotes(&unbreak(&t)).to_string()).filter(|t| t.chars().count() >= 2),
        venue: venue.map(|v| unbreak(&v)),
        volume: text_of(Field::Volume),
        issue: text_of(Field::Issue),
        pages: text_of(Field::Pages)
            .or_else(|| l.first(Field::Volume).and_then(|(_, end)| page_after_volume(&raw[end..]))),
        publisher: text_of(Field::Publisher),
        doi: crate::bib::doi_in(raw),
        arxiv: crate::bib::arxiv_in(raw),
        url: URL.find(raw).map(|m| m.as_str().replace(' ', "").trim_end_matches(['.', ')']).to_string()),
    }
}

/// A field's text on one line, without the punctuation that joins it to the next.
fn clean_field(s: &str) -> String {
    let one = s.split_whitespace().collect::<Vec<_>>().join(" ");
    one.trim_matches(|c: char| matches!(c, ',' | ';' | ':' | ' ') || c == '.' && !one.ends_with(".."))
        .trim_end_matches(['(', '['])
        .trim()
        .to_string()
}

/// Rejoins words a line end broke ("anno- tated" → "annotated").
fn unbreak(s: &str) -> String {
    SOFT_HYPHEN.replace_all(s, "$1$2").into_owned()
}

fn strip_quotes(s: &str) -> &str {
    s.trim_matches(|c: char| matches!(c, '"' | '“' | '”' | '\'' | '‘' | '’' | '«' | '»' | ' ' | ',' | '.'))
}

/// The year (and its letter: "2018a") a date field holds.
fn year_in(s: &str) -> Option<(i32, Option<char>)> {
    let c = YEAR.captures(s)?;
    Some((c[1].parse().ok()?, c.get(2).and_then(|m| m.as_str().chars().next())))
}

/// Where the model marked no date: the last year outside identifiers and URLs.
fn year_outside_identifiers(raw: &str) -> Option<(i32, Option<char>)> {
    YEAR.captures_iter(raw)
        .filter(|c| !in_identifier(raw, c.get(1).expect("group").start()))
        .last()
        .and_then(|c| Some((c[1].parse().ok()?, c.get(2).and_then(|m| m.as_str().chars().next()))))
}

/// Whether byte `at` of `s` lies inside an arXiv id, DOI or URL (where digits are no year).
fn in_identifier(s: &str, at: usize) -> bool {
    // After the space by its own length: a no-break or thin space is two or three bytes.
    let word_start = s[..at].char_indices().rev().find(|(_, c)| c.is_whitespace()).map_or(0, |(i, c)| i + c.len_utf8());
    let word = s[word_start..].split_whitespace().next().unwrap_or("");
    word.contains("10.") && word.contains('/')
        || word.to_ascii_lowercase().contains("arxiv")
        || word.contains("://")
        || {
            let digits = word.trim_matches(|c: char| !c.is_ascii_digit());
            digits.len() > 4 && digits.contains('.') && digits.chars().filter(|c| c.is_ascii_digit()).count() >= 8
        }
}

/// The features of every token of one entry.
pub fn features(tokens: &[Token]) -> Features {
    let n = tokens.len().max(1);
    let shapes: Vec<&str> = tokens.iter().map(|t| shape(t.text)).collect();
    let words: Vec<String> =
        tokens.iter().map(|t| t.text.chars().take(20).flat_map(char::to_lowercase).collect()).collect();
    let mut f = Features::with_capacity(tokens.len());
    let mut quote_open = false;
    let mut paren_depth = 0usize;
    let mut years_before = 0usize;
    let mut since_year = usize::MAX;
    let mut commas = 0usize;
    let mut periods = 0usize;
    for (i, t) in tokens.iter().enumerate() {
        f.next_item();
        f.add("bias");
        f.add2("s=", shapes[i]);
        f.add2("w=", &words[i]);
        if t.is_word() && !t.is_number() {
            let chars: Vec<char> = words[i].chars().collect();
            for k in 1..=3.min(chars.len()) {
                f.add(format!("p{k}={}", chars[..k].iter().collect::<String>()));
                f.add(format!("x{k}={}", chars[chars.len() - k..].iter().collect::<String>()));
            }
        }
        f.add(format!("rel={}", i * 10 / n));
        if i == 0 {
            f.add("first");
        }
        if i + 1 == tokens.len() {
            f.add("last");
        }
        if !t.space_before {
            f.add("glued");
        }
        for d in [-3isize, -2, -1, 1, 2, 3] {
            let j = i as isize + d;
            if j < 0 || j as usize >= tokens.len() {
                f.add(format!("s{d}=edge"));
                continue;
            }
            let j = j as usize;
            f.add(format!("s{d}={}", shapes[j]));
            if d.abs() <= 2 {
                f.add(format!("w{d}={}", words[j]));
            }
        }
        if i > 0 {
            f.add(format!("ss={}|{}", shapes[i - 1], shapes[i]));
            f.add(format!("ww={}|{}", words[i - 1], words[i]));
        }
        if i + 1 < tokens.len() {
            f.add(format!("ss+={}|{}", shapes[i], shapes[i + 1]));
        }
        if quote_open {
            f.add("in_quotes");
        }
        if paren_depth > 0 {
            f.add("in_parens");
        }
        f.add(format!("years_before={}", years_before.min(2)));
        f.add(format!("since_year={}", bucket(since_year)));
        f.add(format!("commas={}", bucket(commas)));
        f.add(format!("periods={}", bucket(periods)));
        match t.text {
            "(" | "[" => paren_depth += 1,
            ")" | "]" => paren_depth = paren_depth.saturating_sub(1),
            "," => commas += 1,
            "." => periods += 1,
            _ => {}
        }
        match t.text {
            "“" | "«" | "„" => quote_open = true,
            "”" | "»" => quote_open = false,
            "\"" => quote_open = !quote_open,
            _ => {}
        }
        if t.year().is_some() {
            years_before += 1;
            since_year = 0;
        } else if since_year != usize::MAX {
            since_year += 1;
        }
    }
    f
}

fn bucket(n: usize) -> &'static str {
    match n {
        usize::MAX => "none",
        0 => "0",
        1 => "1",
        2 => "2",
        3..=5 => "3-5",
        6..=12 => "6-12",
        _ => "13+",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wide_spaces_before_a_year_are_read() {
        for space in ['\u{a0}', '\u{2009}', '\u{3000}'] {
            let raw = format!("Ann Soto.{space}A study of things.{space}J. One,{space}2019.");
            assert!(!in_identifier(&raw, raw.find("2019").unwrap()));
            assert_eq!(year_outside_identifiers(&raw).map(|y| y.0), Some(2019), "{raw:?}");
        }
    }

    #[test]
    fn fields_from_spans() {
        let raw = "Deng, J. and Dong, W. (2009a). “Image data- bases.” Computer Vi- sion 3(2), 1-9. doi:10.1234/abc. arXiv:0901.12345";
        let span = |piece: &str, f: Field| {
            let at = raw.find(piece).unwrap();
            (at, at + piece.len(), f)
        };
        let spans = vec![
            span("Deng, J. and Dong, W.", Field::Author),
            span("2009a", Field::Date),
            span("“Image data- bases.”", Field::Title),
            span("Computer Vi- sion", Field::Journal),
            span("3", Field::Volume),
        ];
        let p = assemble(raw, &Labelled { spans });
        assert_eq!(p.authors, ["Deng, J.", "Dong, W."]);
        assert_eq!((p.year, p.year_suffix), (Some(2009), Some('a')));
        assert_eq!(p.title.as_deref(), Some("Image databases"));
        assert_eq!(p.venue.as_deref(), Some("Computer Vision"));
        assert_eq!(p.volume.as_deref(), Some("3"));
        assert_eq!(p.doi.as_deref(), Some("10.1234/abc"));
        assert_eq!(p.arxiv.as_deref(), Some("0901.12345"));
    }

    #[test]
    fn a_book_without_an_article_title_is_the_title() {
        let raw = "A. Author, Big Book, Publisher, 1999.";
        let span = |piece: &str, f: Field| {
            let at = raw.find(piece).unwrap();
            (at, at + piece.len(), f)
        };
        let spans = vec![
            span("A. Author", Field::Author),
            span("Big Book", Field::Book),
            span("Publisher", Field::Publisher),
            span("1999", Field::Date),
        ];
        let p = assemble(raw, &Labelled { spans });
        assert_eq!(p.title.as_deref(), Some("Big Book"));
        assert_eq!(p.venue, None);
        assert_eq!(p.publisher.as_deref(), Some("Publisher"));
    }

    #[test]
    fn a_journal_with_no_volume_issue_or_pages_is_the_title() {
        let span = |raw: &str, piece: &str, f: Field| {
            let at = raw.find(piece).unwrap();
            (at, at + piece.len(), f)
        };
        let raw = "Vance, S. (2016). Cc-birds.";
        let spans = vec![
            span(raw, "Vance, S.", Field::Author),
            span(raw, "2016", Field::Date),
            span(raw, "Cc-birds", Field::Journal),
        ];
        let alone = assemble(raw, &Labelled { spans });
        assert_eq!((alone.title.as_deref(), alone.venue), (Some("Cc-birds"), None));
        let raw = "Okafor, A. Journal of Things 2009.";
        let spans = vec![
            span(raw, "Okafor, A.", Field::Author),
            span(raw, "Journal of Things", Field::Journal),
            span(raw, "2009", Field::Date),
        ];
        let titleless = assemble(raw, &Labelled { spans });
        assert_eq!((titleless.title, titleless.venue.as_deref()), (None, Some("Journal of Things")));
        let raw = "A. Vance, Phys. Rev. 12, 7 (2016).";
        let spans = vec![
            span(raw, "A. Vance", Field::Author),
            span(raw, "Phys. Rev.", Field::Journal),
            span(raw, "12", Field::Volume),
        ];
        let physics = assemble(raw, &Labelled { spans });
        assert_eq!((physics.title, physics.venue.as_deref()), (None, Some("Phys. Rev")));
    }

    #[test]
    fn a_physics_style_first_page_after_the_volume_is_the_page() {
        assert_eq!(page_after_volume(", 1234 (1981).").as_deref(), Some("1234"));
        assert_eq!(page_after_volume(", e1003 (2019)").as_deref(), Some("e1003"));
        assert_eq!(page_after_volume(", 77.").as_deref(), Some("77"));
        assert_eq!(page_after_volume("(2), 33-41."), None, "an issue, then a labelled range");
        assert_eq!(page_after_volume(", 12 pages of notes"), None);
    }

    #[test]
    fn years_inside_identifiers_are_no_years() {
        assert_eq!(year_outside_identifiers("A. B. Title. arXiv:2003.10555"), None);
        assert_eq!(
            year_outside_identifiers("A. B. Title. J. 2 (2016) https://doi.org/10.1016/J.2017.02.001"),
            Some((2016, None))
        );
    }
}
