//! Splitting a reference section into entries. The section is cut into chunks (each line, and
//! each piece of a line after a sentence's end where another entry could begin: "... 2018.- Next,
//! A.", "...(2002); B. Aubert"), and the segmenter CRF labels every chunk as the start of an
//! entry (`B`), its continuation (`I`) or no part of any (`O`: running heads, page numbers),
//! from how the chunk opens and ends, the line before it, the numbering the list keeps, and how
//! the list's other lines open (the style of a list being one).

use std::collections::HashMap;

use super::crf::{Features, Tagger, SEGMENTER};
use super::tokens::{shape, tokenize, Token};

pub const BEGIN: &str = "B";
pub const INSIDE: &str = "I";
pub const OUTSIDE: &str = "O";

/// A line this much shorter than the section's median line is short (an entry's last line, most
/// often); a line this much longer is long.
const SHORT_LINE: f64 = 0.6;
const LONG_LINE: f64 = 1.4;
/// Sections whose median line is longer than this hold one entry a line (GROBID text, JATS
/// rendered as text) rather than a PDF's column lines.
const ONE_ENTRY_A_LINE: usize = 130;
/// The share of lines with a year above which a section is read as one entry a line.
const YEAR_EVERY_LINE: f64 = 0.8;
/// A numbering must run this far (1, 2, 3, ...) to count as the list's labels.
const MIN_CHAIN: usize = 3;
/// An opening shared by this share of the section's lines is the list's style.
const COMMON_OPENING: f64 = 0.25;

/// A piece of the section that may start an entry: tokens `first..end`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Chunk {
    pub first: usize,
    pub end: usize,
}

/// Byte spans of the entries of `text[start..end]` (the section without its heading).
pub fn entries(text: &str, start: usize, end: usize) -> Vec<(usize, usize)> {
    entries_with(text, start, end, &|f| SEGMENTER.tag(f))
}

/// [`entries`] with another tagger (a model being trained or checked).
pub fn entries_with(text: &str, start: usize, end: usize, tag: &Tagger) -> Vec<(usize, usize)> {
    let block = &text[start..end];
    let tokens = tokenize(block, start);
    if tokens.is_empty() {
        return Vec::new();
    }
    let chunks = chunks(&tokens);
    let features = features(block, start, &tokens, &chunks);
    let labels = tag(&features).unwrap_or_else(|| {
        // Without a model: one entry a line.
        chunks.iter().map(|c| if tokens[c.first].line_start { BEGIN.to_string() } else { INSIDE.to_string() }).collect()
    });
    let labels = author_year_labels_open_entries(&tokens, &chunks, labels);
    let labels = author_lists_open_entries(block, &tokens, &chunks, labels);
    spans(&tokens, &chunks, &labels)
}

/// In a list whose entries open with their authors and then the year as a sentence of its own
/// (ACL's style: "Ann Bee, Bob Cee, and Cal Dee. 2021."), such an opening after a
/// sentence's end inside a line opens an entry too: two entries run together on one line.
fn author_lists_open_entries(block: &str, tokens: &[Token], chunks: &[Chunk], mut labels: Vec<String>) -> Vec<String> {
    // Only where each line holds an entry: in a PDF's column lines a name list after a period
    // is as often the rest of the entry before.
    let mut lengths: Vec<usize> = block.lines().map(str::len).filter(|&n| n > 0).collect();
    lengths.sort_unstable();
    if lengths.get(lengths.len() / 2).is_none_or(|&median| median <= ONE_ENTRY_A_LINE) {
        return labels;
    }
    let line_chunks: Vec<&Chunk> = chunks.iter().filter(|c| tokens[c.first].line_start).collect();
    let styled = line_chunks.iter().filter(|c| names_then_year(tokens, c.first)).count();
    if styled < MIN_CHAIN || (styled as f64) < COMMON_OPENING * line_chunks.len() as f64 {
        return labels;
    }
    for (c, label) in chunks.iter().zip(labels.iter_mut()) {
        crate::deadline::check();
        if tokens[c.first].line_start || label.as_str() != INSIDE || !names_then_year(tokens, c.first) {
            continue;
        }
        // The entry before has had its year: this is a second author list, not the first's end.
        let line_first = tokens[..c.first].iter().rposition(|t| t.line_start).unwrap_or(0);
        if tokens[line_first..c.first].iter().any(|t| t.year().is_some()) {
            *label = BEGIN.to_string();
        }
    }
    labels
}

/// Whether the tokens from `i` are an author list (capitalised names, initials, commas, "and",
/// particles) closed by a period, then a year and a period.
fn names_then_year(tokens: &[Token], i: usize) -> bool {
    /// "Name Name, Name Name, ... and Name Name" is at most this many tokens before its period.
    const LONGEST_AUTHOR_LIST: usize = 60;
    const JOINERS: [&str; 8] = [",", "and", "&", "-", "'", "’", "et", "al"];
    const PARTICLES: [&str; 12] = ["van", "von", "de", "der", "den", "di", "da", "la", "le", "du", "dos", "del"];
    let mut names = 0;
    let on_its_line = |k: usize| tokens.get(k).is_some_and(|t| t.line == tokens[i].line);
    for k in i..tokens.len().min(i + LONGEST_AUTHOR_LIST) {
        if !on_its_line(k) {
            return false;
        }
        let t = tokens[k].text;
        if t == "." {
            let initial = k > i && tokens[k - 1].text.chars().count() == 1;
            if initial {
                continue;
            }
            let year = on_its_line(k + 1) && tokens[k + 1].year().is_some();
            return names >= 1 && year && on_its_line(k + 2) && tokens[k + 2].text == ".";
        }
        if JOINERS.contains(&t) || PARTICLES.contains(&t) {
            continue;
        }
        let mut chars = t.chars();
        if chars.next().is_some_and(char::is_uppercase) && !t.chars().any(|c| c.is_ascii_digit()) {
            names += 1;
        } else {
            return false;
        }
    }
    false
}

/// In a list whose entries open with author-year labels ("[He et al., 2017] Xiangnan He, ..."),
/// such a label inside a line opens an entry too: lists of this style come out of PDFs as one
/// paragraph, a style too rare in the training files for the model to have learnt it.
fn author_year_labels_open_entries(tokens: &[Token], chunks: &[Chunk], mut labels: Vec<String>) -> Vec<String> {
    // A label whose opening bracket the PDF reader lost still ends "..., 2015]" before the name.
    let labelled_line = |c: &Chunk| {
        author_year_label(tokens, c.first)
            || tokens[c.first..c.end]
                .iter()
                .take(16)
                .position(|t| t.text == "]")
                .is_some_and(|close| close >= 2 && tokens[c.first + close - 1].year().is_some())
    };
    let line_starts = chunks.iter().filter(|c| tokens[c.first].line_start && labelled_line(c)).count();
    if line_starts < MIN_CHAIN {
        return labels;
    }
    for (c, label) in chunks.iter().zip(labels.iter_mut()) {
        crate::deadline::check();
        if !tokens[c.first].line_start && author_year_label(tokens, c.first) {
            *label = BEGIN.to_string();
        }
    }
    labels
}

/// Entries from chunk labels: each `B` (or an `I` after an `O`) opens one; `O` chunks are no part
/// of any.
pub fn spans<S: AsRef<str>>(tokens: &[Token], chunks: &[Chunk], labels: &[S]) -> Vec<(usize, usize)> {
    let mut out: Vec<(usize, usize)> = Vec::new();
    let mut open: Option<(usize, usize)> = None;
    for (c, label) in chunks.iter().zip(labels) {
        crate::deadline::check();
        let (s, e) = (tokens[c.first].start, tokens[c.end - 1].end);
        match label.as_ref() {
            OUTSIDE => {
                out.extend(open.take());
            }
            l => match open.as_mut() {
                Some(o) if l != BEGIN => o.1 = e,
                _ => {
                    out.extend(open.take());
                    open = Some((s, e));
                }
            },
        }
    }
    out.extend(open);
    out
}

/// Cuts the tokens into chunks: at every line start, and inside a line where a sentence ends
/// ("." or ";", or a bullet glued to one: ".-", ")-") and what follows could open an entry (a
/// capitalised word, a bracket, a number).
pub fn chunks(tokens: &[Token]) -> Vec<Chunk> {
    let mut starts = Vec::new();
    for (i, t) in tokens.iter().enumerate() {
        if t.line_start || i == 0 || may_open_mid_line(tokens, i) {
            starts.push(i);
        }
    }
    starts
        .iter()
        .enumerate()
        .map(|(k, &first)| Chunk { first, end: starts.get(k + 1).copied().unwrap_or(tokens.len()) })
        .collect()
}

fn may_open_mid_line(tokens: &[Token], i: usize) -> bool {
    let t = &tokens[i];
    let prev = tokens[i - 1].text;
    // "...; b) Next, A.": the items of a compound entry.
    let lettered_item = prev == ";"
        && t.text.len() == 1
        && t.text.chars().all(|c| c.is_ascii_lowercase())
        && tokens.get(i + 1).is_some_and(|n| n.text == ")");
    // "... L95 [3] Next A": a bracketed label opens an entry whatever stands before it.
    let bracket_label = t.text == "["
        && tokens.get(i + 1).is_some_and(|n| n.is_number())
        && tokens.get(i + 2).is_some_and(|n| n.text == "]");
    if lettered_item || (bracket_label || author_year_label(tokens, i)) && t.space_before {
        return true;
    }
    let opens = t.text.chars().next().is_some_and(|c| c.is_uppercase() || c == '[' || c.is_ascii_digit());
    if !opens || !t.space_before {
        return false;
    }
    let before = i.checked_sub(2).map(|p| tokens[p].text);
    // "J. Deng": a period after an initial ends no entry.
    let after_initial =
        prev == "." && before.is_some_and(|b| b.chars().count() == 1 && b.chars().all(char::is_uppercase));
    // A "-" glued to the previous entry's end is a bullet; one opening its line is the line's own.
    let glued_bullet = prev == "-" && !tokens[i - 1].line_start && matches!(before, Some("." | ")" | ";"));
    matches!(prev, "." | ";") && !after_initial || glued_bullet
}

/// "[He et al., 2017] Xiangnan He, ...": a bracketed author-year label (a capitalised name, a
/// year just before the closing bracket) opens an entry in the lists that label entries so.
fn author_year_label(tokens: &[Token], i: usize) -> bool {
    /// "[Name, Name, and Name, 2017]" is at most this many tokens inside the brackets.
    const LONGEST_LABEL: usize = 14;
    if tokens[i].text != "["
        || !tokens.get(i + 1).is_some_and(|n| n.text.chars().next().is_some_and(char::is_uppercase))
    {
        return false;
    }
    let Some(close) = tokens[i + 1..].iter().take(LONGEST_LABEL).position(|t| t.text == "]") else {
        return false;
    };
    let inside = &tokens[i + 1..i + 1 + close];
    // "2017" or "2017a".
    let year = |t: &Token| {
        t.year().is_some()
            || t.text.len() == 5
                && t.text[..4].bytes().all(|b| b.is_ascii_digit())
                && t.text.as_bytes()[4].is_ascii_lowercase()
    };
    inside.iter().rev().take(2).any(year) && inside.iter().all(|t| t.line == tokens[i].line)
}

/// What the segmenter knows of a line.
struct Line {
    chars: usize,
    last: &'static str,
    first_token: usize,
    has_year: bool,
}

/// The features of every chunk of a section (`block` starts at byte `base` of the text).
pub fn features(block: &str, base: usize, tokens: &[Token], chunks: &[Chunk]) -> Features {
    let lines = lines_of(block, base, tokens);
    let mut lengths: Vec<usize> = lines.iter().map(|l| l.chars).filter(|&c| c > 0).collect();
    lengths.sort_unstable();
    let median = lengths.get(lengths.len() / 2).copied().unwrap_or(1).max(1) as f64;
    let one_a_line = median as usize > ONE_ENTRY_A_LINE;
    // Where nearly every line holds a year, lines are entries (a PDF's entries run over several).
    let written = lines.iter().filter(|l| l.chars > 0).count().max(1);
    let year_lines = lines.iter().filter(|l| l.has_year).count() as f64 / written as f64;
    let years = if year_lines >= YEAR_EVERY_LINE {
        "every"
    } else if year_lines >= 0.5 {
        "most"
    } else {
        "some"
    };
    let chain = numbering_chain(tokens);
    let labelled = chain.iter().filter(|&&c| c).count() >= MIN_CHAIN;
    let shapes: Vec<&'static str> = tokens.iter().map(|t| shape(t.text)).collect();
    let openings: Vec<(String, String)> = chunks.iter().map(|c| opening(&shapes[c.first..c.end])).collect();
    let line_share =
        Shares::of(chunks.iter().zip(&openings).filter(|(c, _)| tokens[c.first].line_start).map(|(_, o)| o));
    let described: Vec<Described> = chunks.iter().map(|c| describe(tokens, &shapes, c)).collect();

    let mut f = Features::with_capacity(chunks.len());
    for (k, c) in chunks.iter().enumerate() {
        crate::deadline::check();
        let t = &tokens[c.first];
        let (fine, coarse) = &openings[k];
        let d = &described[k];
        f.next_item();
        f.add("bias");
        f.add2("open=", fine);
        f.add2("coarse=", coarse);
        f.add2("share=", line_share.class(fine, &line_share.fine));
        f.add2("coarse_share=", line_share.class(coarse, &line_share.coarse));
        f.add2("w0=", &first_word(t));
        f.add2("len=", bucket(c.end - c.first));
        f.add2("year_at=", d.year_at.map_or("none", bucket));
        f.add2("end=", d.last);
        f.add2("names=", d.names);
        f.add(format!("names&year={}|{}", d.names, d.year_at.is_some()));
        if chain[c.first] || c.first + 1 < c.end && chain[c.first + 1] {
            f.add("chain");
        }
        if labelled {
            f.add("labelled");
        }
        if one_a_line {
            f.add("one_a_line");
        }
        if t.line_start {
            let line = &lines[t.line];
            f.add("LS");
            f.add2("LS&years=", years);
            f.add(format!("LS&years&has_year={years}|{}", line.has_year));
            f.add2("LS&len=", relative(line.chars, median));
            f.add2("LS&coarse=", coarse);
            let mut prev = t.line.checked_sub(1);
            while let Some(p) = prev.filter(|&p| lines[p].chars == 0) {
                f.add("after_blank");
                prev = p.checked_sub(1);
            }
            match prev.map(|p| &lines[p]) {
                Some(prev) => {
                    f.add2("prev_line_end=", prev.last);
                    f.add(format!("prev_line_end&year={}|{}", prev.last, prev.has_year));
                    f.add(format!("years&prev_line_end={years}|{}", prev.last));
                    f.add2("prev_line_len=", relative(prev.chars, median));
                    f.add(format!(
                        "prev_line_end&coarse_share={}|{}",
                        prev.last,
                        line_share.class(coarse, &line_share.coarse)
                    ));
                }
                None => f.add("first_line"),
            }
            if labelled {
                f.add(format!("LS&labelled&chain={}", chain[c.first] || c.first + 1 < c.end && chain[c.first + 1]));
            }
            if one_a_line {
                f.add2("LS&one_a_line&coarse_share=", line_share.class(coarse, &line_share.coarse));
            }
        } else {
            let before = if c.first >= 2 && tokens[c.first - 1].text == "-" { tokens[c.first - 2].text } else { "" };
            f.add2("mid&after=", &format!("{}{}", before, tokens[c.first - 1].text));
            f.add2("mid&coarse=", coarse);
            if one_a_line {
                f.add("mid&one_a_line");
            }
        }
        if let Some(p) = k.checked_sub(1).map(|p| &described[p]) {
            f.add2("prev_end=", p.last);
            f.add2("prev_year_at=", p.year_at.map_or("none", bucket));
            f.add2("prev_len=", bucket(chunks[k - 1].end - chunks[k - 1].first));
            f.add2("prev_names=", p.names);
            f.add(format!("prev_end&open={}|{}", p.last, coarse));
        } else {
            f.add("first_chunk");
        }
        match chunks.get(k + 1) {
            Some(n) => {
                f.add2("next_coarse=", &openings[k + 1].1);
                f.add2("next_ls=", if tokens[n.first].line_start { "1" } else { "0" });
            }
            None => f.add("last_chunk"),
        }
    }
    f
}

/// What a chunk holds: where its first year stands, how it ends.
struct Described {
    year_at: Option<usize>,
    last: &'static str,
    /// Whether it reads as names (initials, capitals and commas) or as prose (small words).
    names: &'static str,
}

fn describe(tokens: &[Token], shapes: &[&'static str], c: &Chunk) -> Described {
    let year_at = (c.first..c.end).find(|&i| tokens[i].year().is_some()).map(|i| i - c.first);
    let range = c.first..c.end;
    let words = range.clone().filter(|&i| tokens[i].is_word() && !tokens[i].is_number()).count().max(1);
    let small = range.clone().filter(|&i| matches!(shapes[i], "x" | "xx+")).count();
    let initials = range.clone().filter(|&i| matches!(shapes[i], "X" | "XX")).count();
    let names = if initials * 3 >= words {
        "initials"
    } else if small * 2 >= words {
        "prose"
    } else if small * 5 >= words {
        "mixed"
    } else {
        "capitals"
    };
    Described { year_at, last: end_class(tokens[c.end - 1].text, shapes[c.end - 1]), names }
}

/// How a chunk opens: the shapes of its first three tokens, and the same with capitalised words,
/// initials and acronyms one class ("Deng J," and "Li AB," open alike).
fn opening(shapes: &[&str]) -> (String, String) {
    let first = &shapes[..shapes.len().min(3)];
    (first.join("|"), first.iter().map(|s| coarse(s)).collect::<Vec<_>>().join("|"))
}

/// How common each opening is among the section's lines.
struct Shares {
    fine: HashMap<String, usize>,
    coarse: HashMap<String, usize>,
    n: usize,
}

impl Shares {
    fn of<'a>(openings: impl Iterator<Item = &'a (String, String)>) -> Shares {
        let mut s = Shares { fine: HashMap::new(), coarse: HashMap::new(), n: 0 };
        for (f, c) in openings {
            *s.fine.entry(f.clone()).or_default() += 1;
            *s.coarse.entry(c.clone()).or_default() += 1;
            s.n += 1;
        }
        s
    }

    fn class(&self, opening: &str, counts: &HashMap<String, usize>) -> &'static str {
        let share = counts.get(opening).copied().unwrap_or(0) as f64 / self.n.max(1) as f64;
        if share >= COMMON_OPENING {
            "high"
        } else if share >= 0.1 {
            "mid"
        } else if share >= 0.03 {
            "low"
        } else {
            "rare"
        }
    }
}

/// A shape's class in an opening: capitalised words, initials and acronyms ("C"), lower-case
/// words ("l"), numbers ("d"), marks as themselves.
fn coarse(shape: &str) -> &str {
    match shape {
        "X" | "XX" | "XXX+" | "Xx" | "XxX" => "C",
        "x" | "xx+" | "xX" => "l",
        "year" | "d" | "dd" | "ddd" | "dddd" | "d+" => "d",
        s => s,
    }
}

/// The first word in lower case ("in", "and", "pp", "proceedings" open continuations), or its
/// shape where it is no word.
fn first_word(t: &Token) -> String {
    if !t.is_word() || t.text.bytes().any(|b| b.is_ascii_digit()) {
        return shape(t.text).to_string();
    }
    t.text.chars().take(15).flat_map(char::to_lowercase).collect()
}

fn bucket(n: usize) -> &'static str {
    match n {
        0 => "0",
        1 => "1",
        2 => "2",
        3..=5 => "3-5",
        6..=12 => "6-12",
        13..=30 => "13-30",
        _ => "31+",
    }
}

fn relative(chars: usize, median: f64) -> &'static str {
    let r = chars as f64 / median;
    if r < SHORT_LINE {
        "short"
    } else if r > LONG_LINE {
        "long"
    } else {
        "normal"
    }
}

fn lines_of(block: &str, base: usize, tokens: &[Token]) -> Vec<Line> {
    let n = tokens.last().map_or(0, |t| t.line + 1);
    let mut lines: Vec<Line> =
        (0..n).map(|_| Line { chars: 0, last: "", first_token: usize::MAX, has_year: false }).collect();
    for (i, t) in tokens.iter().enumerate() {
        let line = &mut lines[t.line];
        if line.first_token == usize::MAX {
            line.first_token = i;
        }
        line.has_year |= t.year().is_some();
        if t.line_end {
            let first = &tokens[line.first_token];
            line.chars = block[first.start - base..t.end - base].chars().count();
            line.last = end_class(t.text, shape(t.text));
        }
    }
    lines
}

/// How a line or chunk ends: the mark, a year, a number, or a word.
fn end_class(last: &str, shape: &'static str) -> &'static str {
    match shape {
        "year" => "year",
        "d" | "dd" | "ddd" | "dddd" | "d+" => "num",
        s if last.chars().next().is_some_and(char::is_alphanumeric) => {
            if s.starts_with('X') {
                "Word"
            } else {
                "word"
            }
        }
        s => s,
    }
}

/// The tokens of the list's own numbering: "[1]", "2.", "(3)" or a bare "4" at line starts (or
/// "[5]" anywhere) whose numbers run 1, 2, 3, ...; a stray number that breaks the run is none.
fn numbering_chain(tokens: &[Token]) -> Vec<bool> {
    let mut chain = vec![false; tokens.len()];
    let mut expected: Option<u32> = None;
    for (i, t) in tokens.iter().enumerate() {
        if !t.is_number() || t.text.len() > 4 {
            continue;
        }
        let Ok(n) = t.text.parse::<u32>() else { continue };
        let prev = i.checked_sub(1).map(|p| tokens[p].text);
        let next = tokens.get(i + 1).map(|t| t.text);
        let bracketed = matches!((prev, next), (Some("["), Some("]")) | (Some("("), Some(")")));
        let at_line_start = t.line_start || bracketed && tokens[i - 1].line_start;
        // "12. Name" at a line start, or after an entry's end in a line holding several.
        let after_end = i > 0 && tokens[i - 1].text == "." && t.space_before;
        let dotted = (t.line_start || after_end) && next == Some(".");
        let bare = t.line_start && tokens.get(i + 1).is_some_and(|n| n.is_word() && !n.is_number());
        if !(bracketed && (at_line_start || prev == Some("[")) || dotted || bare) {
            continue;
        }
        let fits = match expected {
            None => n <= 2,
            Some(e) => n == e,
        };
        if fits {
            chain[i] = true;
            if bracketed {
                chain[i - 1] = true;
            }
            expected = Some(n + 1);
        }
    }
    chain
}

/// Chunk labels for a section whose entries are known, for training: a chunk that starts an
/// entry is `B`, one inside an entry `I`, one outside every entry `O`.
pub fn gold_labels(tokens: &[Token], chunks: &[Chunk], entries: &[(usize, usize)]) -> Vec<&'static str> {
    chunks
        .iter()
        .map(|c| {
            let (s, e) = (tokens[c.first].start, tokens[c.end - 1].end);
            match entries.iter().find(|&&(es, ee)| s < ee && es < e) {
                Some(&(es, _)) if es >= s => BEGIN,
                Some(_) => INSIDE,
                None => OUTSIDE,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chunks_at_lines_and_sentence_ends() {
        let text = "A. B, Title. In Proc.- C. D, Other; E. F\nand more";
        let tokens = tokenize(text, 0);
        let starts: Vec<&str> = chunks(&tokens).iter().map(|c| tokens[c.first].text).collect();
        assert_eq!(starts, ["A", "In", "C", "E", "and"]);
    }

    #[test]
    fn author_year_labels_run_together_open_entries() {
        // A list that lost its line breaks: each "[Name, year]" label opens an entry.
        let text = "- Bee and Cee, 2011] Ann Bee and Bob Cee. A first work. J. One, 2011. [Dee et al., 2012] Cal Dee, \
                    Eve Eff and Fay Gee. A second work. In Proc., 2012.\n\
                    - Hay, 2013] Gil Hay. A third work. J. Two, 2013. [Ivy, 2014a] Ian Ivy. Fourth. 2014.\n\
                    - Jay and Kay, 2015] Joe Jay and Kim Kay. Fifth work. J. Three, 2015.\n";
        let starts: Vec<&str> =
            entries_with(text, 0, text.len(), &|_| None).iter().map(|&(s, _)| &text[s..s + 4]).collect();
        assert_eq!(starts, ["- Be", "[Dee", "- Ha", "[Ivy", "- Ja"]);
    }

    #[test]
    fn a_second_author_list_and_year_on_a_line_opens_an_entry() {
        let long = " A rather long title about counting seals and gulls from the air with small drones. In Proceedings of the Workshop.";
        let text = format!(
            "Ann Bee and Bob Cee. 2011.{long} Cal Dee, Eve Eff, and Fay Gee. 2012.{long}\nGil Hay. 2013.{long}\n\
             Ian Ivy and Joe Jay. 2014.{long}\nKim Kay. 2015.{long}\n"
        );
        let starts: Vec<&str> =
            entries_with(&text, 0, text.len(), &|_| None).iter().map(|&(s, _)| &text[s..s + 3]).collect();
        assert_eq!(starts, ["Ann", "Cal", "Gil", "Ian", "Kim"]);
    }

    #[test]
    fn labels_make_spans() {
        let text = "p. 12\n[1] A. B. Title.\nmore.\n[2] C. D. Other.";
        let tokens = tokenize(text, 0);
        let chunks = chunks(&tokens);
        let entries = [(6, 28), (29, 45)];
        let labels = gold_labels(&tokens, &chunks, &entries);
        assert_eq!(labels[0], OUTSIDE);
        assert_eq!(spans(&tokens, &chunks, &labels), entries);
    }

    #[test]
    fn numbering_runs_and_strays_do_not() {
        let text = "[1] A, 1999.\n[2] B, vol 7.\n7 days later\n[3] C.";
        let tokens = tokenize(text, 0);
        let chain = numbering_chain(&tokens);
        let numbers: Vec<&str> =
            tokens.iter().zip(&chain).filter(|(t, &c)| c && t.is_number()).map(|(t, _)| t.text).collect();
        assert_eq!(numbers, ["1", "2", "3"]);
    }
}
