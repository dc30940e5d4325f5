//! References: the paper's reference list split into entries (numbered, bulleted, keyed or
//! hanging, and entries run together on one line taken apart), each parsed into authors, year,
//! title, venue, DOI, arXiv id and URL.

use std::sync::LazyLock;

use regex::Regex;
use serde::Serialize;

use crate::text;

pub use crate::bib::ParsedReference;

/// One entry of the reference list.
#[derive(Debug, Clone, Serialize)]
pub struct Reference {
    /// The label the paper gives it: "12" for "[12]", or a key such as "He et al., 2017".
    pub label: Option<String>,
    /// The entry as written, without its list marker.
    pub raw: String,
    /// Byte range of `raw` in the paper's text.
    pub start: usize,
    pub end: usize,
    pub parsed: ParsedReference,
}


macro_rules! re {
    ($name:ident, $pat:expr) => {
        static $name: LazyLock<Regex> = LazyLock::new(|| crate::text::regex($pat).expect("valid regex"));
    };
}

re!(BULLET, r"^[-•*▪◦]\s+");
re!(BRACKET_NUM, r"^\[(\d{1,4})\]\s*");
re!(DOTTED_NUM, r"^(\d{1,4})\.\s+\S");
re!(DOTTED_LABEL, r"^(\d{1,4})\.\s+");
re!(BRACKET_KEY, r"^\[([^\[\]]{2,80}?\d{4}[a-z]?)\]\s*");
// GROBID text sometimes loses the opening bracket of a key: "He et al., 2017] Xiangnan He, ..."
re!(LOST_BRACKET_KEY, r"^([A-Z][^\[\]]{1,80}?\d{4}[a-z]?)\]\s+");
re!(JOINED_BULLET, r"\.-\s+[\p{Lu}\[]");
re!(GLUED_BULLET, r"[\w/]-\s");
re!(YEAR_END, r"[ ,(](?:19|20)\d\d[a-z]?\)?\.\s+");
re!(JOINED_BRACKET, r"\.\s+(\[[^\[\]]{1,80}\])\s+[\p{Lu}]");
re!(DOT_YEAR_DOT, r"\.\s+((?:19|20)\d\d[a-z]?)\.\s");
re!(YEAR, r"(?:^|[^\d/.:\w-])((?:19|20)\d\d)([a-z])?(?:[^\d\w]|$)");
re!(DOI, r"(?i)(?-u:\b)(10\.\d{4,9}/[^\s,;]+)");
re!(ARXIV, r"(?i)(?:arxiv[:\s]*|abs/\s?|arxiv\.org/abs/\s?)(\d{4}\.\d{4,5})(?:v\d+)?");
re!(URL, r"https?://\s?[^\s,;]+");
re!(SOFT_HYPHEN, r"(\p{Ll})- (\p{Ll})");

/// The entries a structured format gave, found where the reader wrote them (`[n] raw` lines
/// after byte `from`), labelled `n` as the text's callouts name them.
pub fn locate_given(text: &str, from: usize, given: &[crate::document::GivenReference]) -> Vec<Reference> {
    let mut at = from;
    given
        .iter()
        .enumerate()
        .map(|(i, g)| {
            let marker = format!("[{}] ", i + 1);
            let start = text[at..].find(&format!("{marker}{}", g.raw)).map_or(at, |p| at + p + marker.len());
            let end = (start + g.raw.len()).min(text.len());
            at = end;
            Reference { label: Some((i + 1).to_string()), raw: g.raw.clone(), start, end, parsed: g.parsed.clone() }
        })
        .collect()
}

/// Splits the reference list (bytes `start..end` of `text`, heading line included) into entries.
pub fn split(text: &str, start: usize, end: usize) -> Vec<Reference> {
    let block = &text[start..end];
    let mut lines: Vec<(usize, &str)> = Vec::new();
    let mut offset = start;
    for l in block.split_inclusive('\n') {
        lines.push((offset, l));
        offset += l.len();
    }
    // Drop the heading line.
    if let Some(first) = lines.iter().position(|(_, l)| !l.trim().is_empty()) {
        lines.drain(..=first);
    }
    let spans = entry_spans(&lines);
    let mut out = Vec::new();
    for (s, e) in spans {
        for (ps, pe) in split_run_together(text, s, e) {
            if let Some(r) = make_reference(text, ps, pe) {
                out.push(r);
            }
        }
    }
    out
}

/// Marker kinds a line can start with.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
enum Marker {
    Bullet,
    BracketNum,
    DottedNum,
    BracketKey,
}

fn marker_of(line: &str) -> Option<Marker> {
    let l = line.trim_start();
    if BRACKET_NUM.is_match(l) {
        Some(Marker::BracketNum)
    } else if BRACKET_KEY.is_match(l) {
        Some(Marker::BracketKey)
    } else if BULLET.is_match(l) {
        Some(Marker::Bullet)
    } else if DOTTED_NUM.is_match(l) {
        Some(Marker::DottedNum)
    } else {
        None
    }
}

/// Byte ranges of entries: from list markers where the list has them, else from blank-line
/// paragraphs, else from lines that start like an author list after a line that ended one.
fn entry_spans(lines: &[(usize, &str)]) -> Vec<(usize, usize)> {
    let non_empty: Vec<&(usize, &str)> = lines.iter().filter(|(_, l)| !l.trim().is_empty()).collect();
    if non_empty.is_empty() {
        return Vec::new();
    }
    let end_of = |i: usize| lines[i].0 + lines[i].1.len();
    let mut counts = std::collections::HashMap::new();
    for (_, l) in &non_empty {
        if let Some(m) = marker_of(l) {
            *counts.entry(m).or_insert(0usize) += 1;
        }
    }
    // The most frequent marker; a tie goes to the marker listed first in `Marker` (stable).
    let dominant = counts.iter().max_by_key(|(&m, &n)| (n, std::cmp::Reverse(m as u8))).map(|(&m, &n)| (m, n));
    let mut starts: Vec<usize> = Vec::new();
    // In a marked list, the lines an entry may run over (a paragraph without a marker after a
    // blank line is no part of the list: an appendix that follows it, say).
    let mut stops: Vec<usize> = Vec::new();
    match dominant {
        Some((marker, n)) if n * 3 >= non_empty.len() || n >= 3 && n * 5 >= non_empty.len() => {
            let mut prev_blank = false;
            for (i, (_, l)) in lines.iter().enumerate() {
                if marker_of(l) == Some(marker) {
                    starts.push(i);
                } else if prev_blank && !l.trim().is_empty() {
                    stops.push(i);
                }
                prev_blank = l.trim().is_empty();
            }
        }
        _ => {
            // Paragraph breaks between entries (blank lines before the first entry do not count).
            let first = lines.iter().position(|(_, l)| !l.trim().is_empty()).unwrap_or(0);
            let paragraphs =
                lines[first..].windows(2).filter(|w| w[0].1.trim().is_empty() && !w[1].1.trim().is_empty()).count();
            let mut prev_blank = true;
            let mut prev_ended = true;
            for (i, (_, l)) in lines.iter().enumerate() {
                let t = l.trim();
                if t.is_empty() {
                    prev_blank = true;
                    continue;
                }
                let by_paragraph = paragraphs * 4 >= non_empty.len() && prev_blank;
                let by_line = paragraphs * 4 < non_empty.len() && prev_ended && starts_like_authors(t);
                if starts.is_empty() || by_paragraph || by_line {
                    starts.push(i);
                }
                prev_blank = false;
                prev_ended = t.ends_with('.') || t.ends_with(".)");
            }
        }
    }
    let mut spans = Vec::new();
    for (k, &i) in starts.iter().enumerate() {
        let next = starts.get(k + 1).map_or(lines.len(), |&j| j);
        let stop = stops.iter().copied().find(|&s| s > i && s < next).unwrap_or(next);
        let last = stop - 1;
        // Trim trailing blank lines from the span.
        let mut j = last;
        while j > i && lines[j].1.trim().is_empty() {
            j -= 1;
        }
        spans.push((lines[i].0, end_of(j)));
    }
    spans
}

static AUTHORISH: LazyLock<Regex> = LazyLock::new(|| {
    crate::text::regex(r"^(?:[\p{Lu}][\p{L}'’-]+,\s+(?:[\p{Lu}]\.|[\p{Lu}][\p{L}]+)|(?:[\p{Lu}]\.\s?)+[\p{Lu}][\p{L}'’-]+|[\p{Lu}][\p{L}'’-]+\s+(?:[\p{Lu}]\.?\s+)?[\p{Lu}][\p{L}'’-]+\s*(?:,|and(?-u:\b)|\.\s))")
        .expect("valid regex")
});

/// "Deng, J.", "J. Deng,", "Jia Deng, Wei Dong": a line that opens with a name.
fn starts_like_authors(line: &str) -> bool {
    AUTHORISH.is_match(line)
}

/// Splits an entry that holds several run together ("...1810.04805.- Next, A." or "... 2017.
/// Adina Williams, Nikita Nangia, and Samuel R Bowman. 2017. A broad-coverage ...").
fn split_run_together(text: &str, start: usize, end: usize) -> Vec<(usize, usize)> {
    let s = &text[start..end];
    let mut cuts: Vec<usize> = Vec::new();
    for m in JOINED_BULLET.find_iter(s) {
        cuts.push(m.end() - s[..m.end()].chars().last().map_or(1, char::len_utf8));
    }
    // A bullet glued to the end of a URL or a number: "...978-3-319-25343-5_3- Oscar Araque, ...".
    // It must open a real author list: "Fei- Fei, L." is a name broken at a line end, and
    // ".../First- Quora-Dataset-Release" a URL.
    for m in GLUED_BULLET.find_iter(s) {
        let at = m.end();
        if starts_like_authors(&s[at..]) && split_authors_prefix(&s[at..]).0.len() >= 2 {
            cuts.push(at);
        }
    }
    // "..., 2019a. Sanjeev Arora, Simon S Du, and Wei Hu. Fine-grained analysis ...": an entry
    // that ends with its year, followed by another entry's author list and title.
    for m in YEAR_END.find_iter(s) {
        let at = m.end();
        if at < s.len() && starts_like_authors(&s[at..]) {
            let (authors, rest) = split_authors_prefix(&s[at..]);
            if authors.len() >= 2 && rest.chars().next().is_some_and(char::is_uppercase) {
                cuts.push(at);
            }
        }
    }
    for c in JOINED_BRACKET.captures_iter(s) {
        cuts.push(c.get(1).expect("group").start());
    }
    // Author-year entries: every ". YEAR." after the first ends an author list; walk back to
    // where that list begins.
    let years: Vec<_> = DOT_YEAR_DOT.captures_iter(s).map(|c| c.get(0).expect("match").start()).collect();
    for &dot in years.iter().skip(1) {
        if let Some(begin) = author_block_start(s, dot) {
            if begin > 0 {
                cuts.push(begin);
            }
        }
    }
    cuts.sort_unstable();
    cuts.dedup();
    let mut out = Vec::new();
    let mut from = 0;
    for c in cuts {
        if c > from + 20 {
            out.push((start + from, start + c));
            from = c;
        }
    }
    out.push((start + from, end));
    out
}

/// Where the author list that ends at byte `dot` of `s` (the "." before a year) begins.
fn author_block_start(s: &str, dot: usize) -> Option<usize> {
    let before = &s[..dot];
    let mut best = None;
    let mut search_end = before.len();
    loop {
        let cand = before[..search_end].rfind(". ")?;
        let fragment = &before[cand + 2..];
        if !authorish(fragment) {
            // Junk between two entries ("... 1611.09268 . 3 http://pytorch.org/ Takeshi Onishi,
            // ..."): the list begins at the longest tail of the fragment made of names.
            if best.is_none() {
                let base = cand + 2;
                let starts = fragment.match_indices(' ').map(|(i, _)| i + 1);
                for w in starts {
                    let tail = &fragment[w..];
                    if tail.split_whitespace().count() >= 2
                        && tail.chars().next().is_some_and(char::is_uppercase)
                        && authorish(tail)
                    {
                        return Some(base + w);
                    }
                }
            }
            return best;
        }
        best = Some(cand + 2);
        // Continue past an initial ("Samuel R. Bowman") or "et al.".
        let prev_word = before[..cand].rsplit(|c: char| c.is_whitespace()).next().unwrap_or("");
        let initial = prev_word.chars().count() <= 2 && prev_word.chars().all(|c| c.is_uppercase() || c == '-')
            || prev_word == "al";
        if !initial {
            return best;
        }
        search_end = cand;
    }
}

/// A fragment made only of names, initials, commas and "and".
fn authorish(fragment: &str) -> bool {
    let words: Vec<&str> = fragment.split_whitespace().collect();
    if words.is_empty() || words.len() > 60 {
        return false;
    }
    // A venue ("In COLING.-") is no author.
    if words.first().is_some_and(|w| *w == "In") || words.iter().any(|w| w.ends_with(".-")) {
        return false;
    }
    let particles = [
        "and", "van", "de", "der", "von", "la", "da", "di", "le", "den", "del", "et", "al.", "al", "&", "dos", "du",
        "y",
    ];
    let mut names = 0;
    for (i, w) in words.iter().enumerate() {
        let bare = w.trim_end_matches([',', '.', ';']);
        if bare.is_empty() || particles.contains(&bare) {
            continue;
        }
        let first = bare.chars().next().expect("non-empty");
        // A lower-case particle written as an initial: "S. t. Brink".
        if bare.chars().count() == 1 && w.ends_with('.') {
            continue;
        }
        // "Bow- man": the tail of a word broken at a line end.
        let tail = i > 0 && words[i - 1].ends_with('-') && first.is_lowercase();
        if first.is_uppercase() && !bare.chars().any(|c| c.is_ascii_digit()) || tail {
            names += 1;
        } else {
            return false;
        }
    }
    // A name is at most five words, and a period inside it closes an initial: "Erik F Tjong Kim
    // Sang", "L.-J. Li"; "L. Fei-Fei. ImageNet: A Large-Scale Hierarchical Image" is no name.
    let chunks = fragment.split(',').flat_map(|c| c.split(" and ")).flat_map(|c| c.split(" & "));
    for chunk in chunks {
        let words: Vec<&str> = chunk.split_whitespace().filter(|w| !matches!(*w, "et" | "al." | "al")).collect();
        if words.len() > 5 {
            return false;
        }
        let inner_period = words
            .iter()
            .rev()
            .skip(1)
            .any(|w| w.ends_with('.') && w.trim_end_matches('.').split(['.', '-']).any(|p| p.chars().count() > 2));
        if inner_period {
            return false;
        }
    }
    names >= 1 && fragment.len() < 600
}

fn make_reference(text: &str, start: usize, end: usize) -> Option<Reference> {
    let mut s = start;
    let e = end;
    let seg = &text[s..e];
    let lead = seg.len() - seg.trim_start().len();
    s += lead;
    let mut label = None;
    let body = &text[s..e];
    if let Some(m) = BULLET.find(body) {
        s += m.end();
    }
    let body = &text[s..e];
    if let Some(c) = BRACKET_NUM.captures(body) {
        label = Some(c[1].to_string());
        s += c.get(0).expect("match").end();
    } else if let Some(c) = BRACKET_KEY.captures(body) {
        label = Some(c[1].to_string());
        s += c.get(0).expect("match").end();
    } else if let Some(c) = LOST_BRACKET_KEY.captures(body) {
        label = Some(c[1].to_string());
        s += c.get(0).expect("match").end();
    } else if let Some(c) = DOTTED_LABEL.captures(body) {
        label = Some(c[1].to_string());
        s += c.get(0).expect("match").end();
    }
    let raw = text[s..e].trim_end();
    let raw = raw.strip_suffix(".-").map(|r| format!("{r}.")).unwrap_or_else(|| raw.to_string());
    let raw = raw.trim().trim_end_matches('-').trim().to_string();
    if raw.chars().filter(|c| c.is_alphabetic()).count() < 8 {
        return None;
    }
    let end = s + raw.len().min(e - s);
    let parsed = parse(&raw);
    Some(Reference { label, raw, start: s, end, parsed })
}

static PROSE_CALLOUT: LazyLock<Regex> = LazyLock::new(|| {
    crate::text::regex(r"\([^()]{2,60}?(?:et al\.|and [\p{Lu}][\p{L}-]+),? (?:19|20)\d\d[a-z]?[;)]")
        .expect("valid regex")
});

/// Whether an "entry" is really running text: it starts in the middle of a sentence, or it
/// cites other works itself ("... (Agirre et al., 2007), Quora Question Pairs (Iyer et al., 2016)").
pub fn looks_like_prose(raw: &str) -> bool {
    let starts_lower = raw.chars().next().is_some_and(char::is_lowercase);
    starts_lower && PROSE_CALLOUT.is_match(raw) || PROSE_CALLOUT.find_iter(raw).count() >= 2
}

static ACL: LazyLock<Regex> = LazyLock::new(|| {
    crate::text::regex(r"(?s)^(.{2,}?)[.,]\s+((?:19|20)\d\d)([a-z])?\.\s+(.*)$").expect("valid regex")
});
static APA: LazyLock<Regex> = LazyLock::new(|| {
    crate::text::regex(r"(?s)^(.{2,}?)\s*\(((?:19|20)\d\d)([a-z])?[^)]{0,20}\)[.,:]?\s+(.*)$").expect("valid regex")
});
static QUOTED: LazyLock<Regex> = LazyLock::new(|| {
    crate::text::regex(r#"(?s)^(.{2,}?),?\s+["“”]([^"“”]{4,}?)[,.]?["“”]\s*,?\s*(.*)$"#).expect("valid regex")
});

/// Parses one entry's text into fields.
pub fn parse(raw: &str) -> ParsedReference {
    let mut p = ParsedReference {
        doi: DOI.captures(raw).map(|c| c[1].trim_end_matches(['.', ')']).to_string()),
        arxiv: ARXIV.captures(raw).map(|c| c[1].to_string()),
        url: URL.find(raw).map(|m| m.as_str().replace(' ', "").trim_end_matches('.').to_string()),
        ..Default::default()
    };
    let one_line = raw.split_whitespace().collect::<Vec<_>>().join(" ");
    let s = SOFT_HYPHEN.replace_all(&one_line, "$1$2").to_string();
    let s = s.as_str();

    // The authors run at most 900 characters, a quoted title 400: bounds checked here rather
    // than written into the patterns, where a counted repetition compiles into as many copies.
    let authors = |c: &regex::Captures| c[1].chars().count() <= 900 && authorish(&c[1]);
    let rest: &str;
    if let Some(c) = ACL.captures(s).filter(authors) {
        p.authors = split_authors(&c[1]);
        p.year = c[2].parse().ok();
        p.year_suffix = c.get(3).and_then(|m| m.as_str().chars().next());
        let (title, after) = split_title(c.get(4).map_or("", |m| m.as_str()));
        p.title = title;
        rest = after;
    } else if let Some(c) = APA.captures(s).filter(authors) {
        p.authors = split_authors(&c[1]);
        p.year = c[2].parse().ok();
        p.year_suffix = c.get(3).and_then(|m| m.as_str().chars().next());
        let (title, after) = split_title(c.get(4).map_or("", |m| m.as_str()));
        p.title = title;
        rest = after;
    } else if let Some(c) = QUOTED.captures(s).filter(|c| authors(c) && c[2].chars().count() <= 400) {
        p.authors = split_authors(&c[1]);
        p.title = Some(c[2].trim().trim_end_matches(',').to_string());
        rest = c.get(3).map_or("", |m| m.as_str());
    } else {
        // "Authors. Title. Venue, Year." : authors end at the first ". " not after an initial;
        // else "A. B, C. D, Title, Venue" with commas only.
        let (authors, after) = split_authors_prefix(s);
        match (authors.is_empty(), split_comma_style(s)) {
            (true, Some((authors, title, venue))) => {
                p.authors = authors;
                p.title = Some(title);
                rest = venue;
            }
            _ => {
                p.authors = authors;
                let (title, after) = split_title(after);
                p.title = title;
                rest = after;
            }
        }
    }
    if p.year.is_none() {
        let years: Vec<_> = YEAR
            .captures_iter(s)
            .filter(|c| {
                let m = c.get(1).expect("group");
                !in_identifier(s, m.start())
            })
            .collect();
        if let Some(c) = years.last() {
            p.year = c[1].parse().ok();
            p.year_suffix = c.get(2).and_then(|m| m.as_str().chars().next());
        }
    }
    let venue = rest.trim().trim_start_matches("In ").trim_start_matches("in ");
    let venue = venue.split([',', '(']).next().unwrap_or("").trim().trim_end_matches('.');
    if venue.chars().filter(|c| c.is_alphabetic()).count() >= 2 && text::year_of(venue).is_none() {
        p.venue = Some(venue.to_string());
    }
    p
}

/// Whether byte `at` of `s` lies inside an arXiv id, DOI or URL (where digits are no year).
fn in_identifier(s: &str, at: usize) -> bool {
    let word_start = s[..at].rfind(char::is_whitespace).map_or(0, |i| i + 1);
    let word = &s[word_start..];
    let word = word.split_whitespace().next().unwrap_or("");
    word.contains("10.") && word.contains('/') || word.contains("arXiv") || word.contains("://") || {
        let digits = word.trim_matches(|c: char| !c.is_ascii_digit());
        digits.len() > 4 && digits.contains('.') && digits.chars().filter(|c| c.is_ascii_digit()).count() >= 8
    }
}

/// Title: up to the first sentence end not inside an abbreviation; the rest is the venue.
fn split_title(s: &str) -> (Option<String>, &str) {
    let s = s.trim();
    // "..., in: The Ecology of ..." opens the venue (Elsevier style).
    if let Some(i) = s.find(", in: ").or_else(|| s.find(", In: ")) {
        let (title, _) = split_title(&s[..i]);
        return (title, &s[i + 2..]);
    }
    let bytes = s.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let c = bytes[i];
        if (c == b'.' || c == b'?' || c == b'!') && (i + 1 == bytes.len() || bytes[i + 1] == b' ') {
            let word_start = s[..i].rfind(' ').map_or(0, |p| p + 1);
            let word = &s[word_start..i];
            let abbreviation =
                word.len() <= 1 || matches!(word, "vs" | "e.g" | "i.e" | "al" | "Vol" | "vol" | "No" | "no");
            // "Man is to ... Homemaker? Debiasing Word Embeddings." : a question mark followed by
            // a capitalised word that is no venue is a subtitle's start.
            let rest = s[i + 1..].trim_start();
            let subtitle = c != b'.'
                && rest.chars().next().is_some_and(char::is_uppercase)
                && !["In ", "arXiv", "Proceedings", "Proc", "Journal", "Advances", "IEEE", "ACM"]
                    .iter()
                    .any(|v| rest.starts_with(v));
            if !abbreviation && i >= 4 && !subtitle {
                let end = if c == b'.' { i } else { i + 1 };
                let title = strip_trailing_year(s[..end].trim().trim_matches(['"', '“', '”']).trim());
                return (Some(title.to_string()).filter(|t| t.len() >= 3), &s[(i + 1).min(s.len())..]);
            }
        }
        i += 1;
    }
    let t = s.trim_end_matches('.').trim();
    ((t.len() >= 3).then(|| t.to_string()), "")
}

/// "Megatron-LM: Training ... parallelism, 2019" → without the year a venue-less entry ends with.
fn strip_trailing_year(title: &str) -> &str {
    match title.rsplit_once(", ") {
        Some((head, tail))
            if text::year_of(tail).is_some() && tail.trim_end_matches(char::is_alphabetic).len() == 4 =>
        {
            head
        }
        _ => title,
    }
}

static COMMA_NAME: LazyLock<Regex> = LazyLock::new(|| {
    crate::text::regex(r"^(?:and\s+)?(?:(?:[\p{Lu}]\.\s?-?)+\s?(?:[\p{Ll}]{1,3}\.?\s)?[\p{Lu}][\p{L}'’-]+|[\p{Lu}][\p{L}'’-]+,?\s(?:[\p{Lu}]\.-?)+)$")
        .expect("valid regex")
});

/// "V. Podgorelec, P. Kokol, I. Rozman, Decision trees: an overview ..., Journal of Medical
/// Systems 26 (5) (2002) 445-463." : names separated by commas, then the title up to the comma
/// that starts the venue (a capitalised name with a number or year after it, or "in:").
fn split_comma_style(s: &str) -> Option<(Vec<String>, String, &str)> {
    let parts: Vec<&str> = s.split(", ").collect();
    let names = parts.iter().take_while(|p| COMMA_NAME.is_match(p.trim())).count();
    if names == 0 || names >= parts.len() {
        return None;
    }
    let authors = parts[..names].iter().map(|p| p.trim().trim_start_matches("and ").to_string()).collect();
    let rest_start = parts[..names].iter().map(|p| p.len() + 2).sum::<usize>();
    let rest = &s[rest_start.min(s.len())..];
    // The title runs to the comma that opens the venue.
    let mut end = rest.len();
    for (i, _) in rest.match_indices(", ") {
        let after = &rest[i + 2..];
        let venue = after.starts_with("in:")
            || after.starts_with("In:")
            || after.starts_with("in ") && after[3..].starts_with(char::is_uppercase)
            || after.chars().next().is_some_and(char::is_uppercase) && YEAR.is_match(after);
        if venue {
            end = i;
            break;
        }
    }
    let (title, venue) = if end < rest.len() { (&rest[..end], &rest[end + 2..]) } else { split_title_str(rest) };
    let title = title.trim().trim_end_matches('.').to_string();
    (title.len() >= 3).then_some((authors, title, venue))
}

fn split_title_str(s: &str) -> (&str, &str) {
    match s.find(". ") {
        Some(i) => (&s[..i], &s[i + 2..]),
        None => (s, ""),
    }
}

static SURNAME_THEN_COMMA: LazyLock<Regex> =
    LazyLock::new(|| crate::text::regex(r"^[\p{Lu}][\p{L}'’-]+(?:,| and )").expect("valid regex"));

/// "A. Krizhevsky, I. Sutskever, and G. Hinton. ImageNet classification..." → authors, rest:
/// the longest prefix ending at a ". " that is still a list of names ("et al." ends it).
fn split_authors_prefix(s: &str) -> (Vec<String>, &str) {
    let mut best = None;
    for (i, _) in s.match_indices(". ") {
        if !authorish(&s[..i]) {
            break;
        }
        // "I. Rozman, Decision trees": the cut after an initial is inside a name.
        if SURNAME_THEN_COMMA.is_match(&s[i + 2..]) {
            continue;
        }
        best = Some(i);
        if s[..i].ends_with(" al") {
            break;
        }
    }
    match best {
        Some(i) => (split_authors(&s[..=i]), &s[i + 2..]),
        None => (Vec::new(), s),
    }
}

/// Splits an author list: "A, B, and C", "Surname, G. and Other, H.", "A & B".
fn split_authors(s: &str) -> Vec<String> {
    let s = s.trim().trim_end_matches(',');
    // A final period ends the list unless it closes an initial ("Hinton, G.").
    let last_word = s.rsplit([' ', ',']).next().unwrap_or("");
    let s = if last_word.trim_end_matches('.').chars().count() > 2 { s.trim_end_matches('.') } else { s };
    let normalised = s.replace(", and ", ", ").replace(" and ", ", ").replace(" & ", ", ");
    let parts: Vec<&str> = normalised.split(',').map(str::trim).filter(|p| !p.is_empty()).collect();
    let is_initials = |p: &str| {
        let p = p.trim();
        if p.chars().all(|c| c.is_uppercase() || c == '.' || c == '-') && p.contains('.') {
            return true;
        }
        p.split([' ', '-']).filter(|w| !w.is_empty()).all(|w| {
            let w = w.trim_end_matches('.');
            w.chars().count() <= 2 && w.chars().all(char::is_uppercase)
        })
    };
    let mut out: Vec<String> = Vec::new();
    let mut i = 0;
    while i < parts.len() {
        let p = parts[i];
        if p == "et al." || p == "et al" {
            i += 1;
            continue;
        }
        // "Krizhevsky, A." : a surname followed by its initials.
        if i + 1 < parts.len() && is_initials(parts[i + 1]) && !is_initials(p) {
            out.push(format!("{p}, {}", parts[i + 1]));
            i += 2;
            continue;
        }
        out.push(p.trim_end_matches(" et al.").trim_end_matches(" et al").to_string());
        i += 1;
    }
    out
}

/// Every pattern of this module, so that they can be compiled ahead of use ([`super::compile_patterns`]).
pub(super) static PATTERNS: [&LazyLock<Regex>; 23] = [
    &AUTHORISH,
    &PROSE_CALLOUT,
    &ACL,
    &APA,
    &QUOTED,
    &COMMA_NAME,
    &SURNAME_THEN_COMMA,
    &BULLET,
    &BRACKET_NUM,
    &DOTTED_NUM,
    &DOTTED_LABEL,
    &BRACKET_KEY,
    &LOST_BRACKET_KEY,
    &JOINED_BULLET,
    &GLUED_BULLET,
    &YEAR_END,
    &JOINED_BRACKET,
    &DOT_YEAR_DOT,
    &YEAR,
    &DOI,
    &ARXIV,
    &URL,
    &SOFT_HYPHEN,
];

#[cfg(test)]
mod tests {
    use super::*;

    fn entries(list: &str) -> Vec<Reference> {
        let text = format!("References:\n\n{list}");
        split(&text, 0, text.len())
    }

    #[test]
    fn bulleted_acl_entries_and_run_together_lines() {
        let list = "- Alan Akbik and Roland Vollgraf. 2018. Contextual string embeddings. In COLING.- Rami Al-Rfou, Dokook Choe, and Llion Jones. 2018. Character-level language modeling. arXiv preprint arXiv:1808.04444.\n\n\
- Dan Hendrycks and Kevin Gimpel. 2016. Gaussian error linear units. CoRR, abs/1606.08415. Felix Hill, Kyunghyun Cho, and Anna Korhonen. 2016. Learning distributed representations of sentences. In NAACL.\n\n\
- Adina Williams, Nikita Nangia, and Samuel R. Bow- man. 2018. A broad-coverage challenge corpus for sentence understanding through inference. In NAACL.\n";
        let r = entries(list);
        let titles: Vec<_> = r.iter().map(|e| e.parsed.title.clone().unwrap_or_default()).collect();
        assert_eq!(
            titles,
            vec![
                "Contextual string embeddings",
                "Character-level language modeling",
                "Gaussian error linear units",
                "Learning distributed representations of sentences",
                "A broad-coverage challenge corpus for sentence understanding through inference",
            ]
        );
        assert_eq!(r[1].parsed.arxiv.as_deref(), Some("1808.04444"));
        assert_eq!(r[2].parsed.arxiv.as_deref(), Some("1606.08415"));
        assert_eq!(r[4].parsed.year, Some(2018));
        assert!(r[4].parsed.author_matches(2, "Bowman"));
        assert!(r[0].raw.starts_with("Alan Akbik") && r[0].raw.ends_with("In COLING."));
    }

    #[test]
    fn numbered_entries_with_labels() {
        let list = "[1] A. Krizhevsky. Learning multiple layers of features from tiny images. Tech. Rep., University of Toronto, 2009.\n\
[2] O. Russakovsky, J. Deng, H. Su, and L. Fei-Fei. ImageNet large scale visual recognition challenge. International Journal of Computer Vision, 115(3):211-252, 2015.\n";
        let r = entries(list);
        assert_eq!(r.len(), 2);
        assert_eq!(r[0].label.as_deref(), Some("1"));
        assert_eq!(r[0].parsed.title.as_deref(), Some("Learning multiple layers of features from tiny images"));
        assert_eq!(r[0].parsed.year, Some(2009));
        assert_eq!(r[1].parsed.year, Some(2015));
        assert_eq!(r[1].parsed.first_surname().as_deref(), Some("Russakovsky"));
        assert_eq!(r[1].parsed.venue.as_deref(), Some("International Journal of Computer Vision"));
    }

    #[test]
    fn apa_and_ieee_styles() {
        let apa = parse("Krizhevsky, A. and Hinton, G. (2009). Learning multiple layers of features from tiny images. Technical report, Citeseer.");
        assert_eq!(apa.authors, vec!["Krizhevsky, A.", "Hinton, G."]);
        assert_eq!(apa.year, Some(2009));
        assert_eq!(apa.title.as_deref(), Some("Learning multiple layers of features from tiny images"));
        assert!(apa.author_matches(0, "Krizhevsky"));
        let ieee = parse("S. Hochreiter and J. Schmidhuber, \"Long short-term memory,\" Neural computation, vol. 9, no. 8, pp. 1735-1780, 1997.");
        assert_eq!(ieee.title.as_deref(), Some("Long short-term memory"));
        assert_eq!(ieee.year, Some(1997));
        assert_eq!(ieee.first_surname().as_deref(), Some("Schmidhuber").filter(|_| false).or(Some("Hochreiter")));
    }

    #[test]
    fn keyed_entries() {
        let list = "- Harper and Konstan, 2015] F Maxwell Harper and Joseph A Konstan. The movielens datasets: History and context. TIIS, 5(4):1-19, 2015. [He et al., 2017] Xiangnan He, Lizi Liao, and Tat-Seng Chua. Neural collaborative filtering. In WWW, pages 173-182, 2017.\n";
        let r = entries(list);
        assert_eq!(r.len(), 2);
        assert_eq!(r[0].label.as_deref(), Some("Harper and Konstan, 2015"));
        assert_eq!(r[1].label.as_deref(), Some("He et al., 2017"));
        assert_eq!(r[1].parsed.title.as_deref(), Some("Neural collaborative filtering"));
    }

    #[test]
    fn hanging_entries_without_markers() {
        let list = "Deng, J., Dong, W., Socher, R., Li, L.-J., Li, K., and Fei-Fei, L. (2009). ImageNet: A large-scale\nhierarchical image database. In CVPR.\nHe, K., Zhang, X., Ren, S., and Sun, J. (2016). Deep residual learning\nfor image recognition. In CVPR.\n";
        let r = entries(list);
        assert_eq!(r.len(), 2, "{r:#?}");
        assert_eq!(r[0].parsed.year, Some(2009));
        assert_eq!(r[1].parsed.first_surname().as_deref(), Some("He"));
    }

    #[test]
    fn prose_is_no_entry() {
        assert!(looks_like_prose("tual Similarity Benchmark (STS) (Agirre et al., 2007), Quora Question Pairs (QQP) (Iyer et al., 2016), and more."));
        assert!(!looks_like_prose(
            "Alex Wang, Amanpreet Singh, and Samuel Bowman. 2018. Glue: A multi-task benchmark. In BlackboxNLP."
        ));
        assert!(!looks_like_prose("de Vries, H. (2019). A title (and a subtitle). Journal."));
    }

    #[test]
    fn identifiers_are_not_years() {
        let p = parse("Some Author. A title. arXiv preprint arXiv:2003.10555.");
        assert_eq!(p.year, None);
        assert_eq!(p.arxiv.as_deref(), Some("2003.10555"));
        let d =
            parse("A. Person. Title here. Journal 2, 3 (2016), 153-170. https://doi.org/10.1016/J.JFDS.2017.02.001");
        assert_eq!(d.doi.as_deref(), Some("10.1016/J.JFDS.2017.02.001"));
        assert_eq!(d.year, Some(2016));
    }
}

#[cfg(test)]
mod style_tests {
    use super::parse;

    #[test]
    fn icml_style_authors_then_title() {
        let p = parse("Coates, A., Ng, A., and Lee, H. An analysis of single-layer networks in unsupervised feature learning. In AISTATS, 2011.");
        assert_eq!(p.first_surname().as_deref(), Some("Coates"));
        assert_eq!(p.title.as_deref(), Some("An analysis of single-layer networks in unsupervised feature learning"));
        assert_eq!(p.year, Some(2011));
    }

    #[test]
    fn comma_separated_authors() {
        let p = parse("V. Podgorelec, P. Kokol, B. Stiglic, I. Rozman, Decision trees: an overview and their use in medicine, Journal of Medical Systems 26 (5) (2002) 445-463.");
        assert_eq!(p.authors.len(), 4);
        assert_eq!(p.title.as_deref(), Some("Decision trees: an overview and their use in medicine"));
        assert_eq!(p.year, Some(2002));
        let p = parse("Mallin, M.A., Ensign, S.H., 2001. Demographic, landscape, and meteorological factors controlling the micro- bial pollution of coastal waters, in: The Ecology of Marine Diseases. Springer.");
        assert!(p.title.as_deref().unwrap().ends_with("coastal waters"), "{p:?}");
    }

    #[test]
    fn subtitles_and_trailing_years() {
        let p = parse("Tolga Bolukbasi and Adam T Kalai. 2016. Man is to Computer Programmer as Woman is to Homemaker? Debiasing Word Embeddings. In NeurIPS.");
        assert_eq!(
            p.title.as_deref(),
            Some("Man is to Computer Programmer as Woman is to Homemaker? Debiasing Word Embeddings")
        );
        let p = parse("Mohammad Shoeybi, Mostofa Patwary, and Bryan Catanzaro. Megatron-LM: Training multi-billion parameter language models using model parallelism, 2019.");
        assert_eq!(
            p.title.as_deref(),
            Some("Megatron-LM: Training multi-billion parameter language models using model parallelism")
        );
        let p = parse("T. Gruber, S. Cammerer, J. Hoydis, and S. t. Brink, \"On deep learning-based channel decoding,\" in Proc. of CISS, 2017.");
        assert_eq!(p.title.as_deref(), Some("On deep learning-based channel decoding"));
    }

    #[test]
    fn title_case_titles_stay_titles() {
        let p = parse("J. Deng, W. Dong, R. Socher, L.-J. Li, K. Li, and L. Fei-Fei. ImageNet: A Large-Scale Hierarchical Image Database. In CVPR09, 2009.");
        assert_eq!(p.authors.len(), 6);
        assert_eq!(p.title.as_deref(), Some("ImageNet: A Large-Scale Hierarchical Image Database"));
        let p = parse("Olga Russakovsky, Jia Deng, Hao Su, et al. ImageNet Large Scale Visual Recognition Challenge. arXiv:1409.0575, 2014.");
        assert_eq!(p.first_surname().as_deref(), Some("Russakovsky"));
        assert_eq!(p.title.as_deref(), Some("ImageNet Large Scale Visual Recognition Challenge"));
    }
}

#[cfg(test)]
mod props {
    use super::*;
    use proptest::prelude::*;

    fn reference_like() -> impl Strategy<Value = String> {
        let piece = prop_oneof![
            "[A-Z][a-z]{1,8}, [A-Z]\\.",
            "[A-Z][a-z]{1,8} [A-Z][a-z]{1,8}",
            "(19|20)[0-9]{2}[a-z]?",
            "\\[[0-9]{1,3}\\]",
            "[a-z ]{1,30}",
            "arXiv:[0-9]{4}\\.[0-9]{5}",
            Just("\n".to_string()),
            Just(".- ".to_string()),
            Just(". ".to_string()),
            Just(", and ".to_string()),
            "\\PC{1,5}",
        ];
        prop::collection::vec(piece, 0..40).prop_map(|v| v.concat())
    }

    proptest! {
        #[test]
        fn splitting_any_list_keeps_entries_inside_it(list in reference_like()) {
            let text = format!("References\n\n{list}");
            for r in split(&text, 0, text.len()) {
                prop_assert!(r.start <= r.end && r.end <= text.len());
                prop_assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end));
                prop_assert!(!r.raw.is_empty());
            }
        }

        #[test]
        fn parsing_any_entry_never_panics(entry in reference_like()) {
            let p = parse(&entry);
            if let Some(y) = p.year {
                prop_assert!((1900..2100).contains(&y));
            }
        }
    }
}
