//! PDF papers: text from pdf-extract, normalised for reading, or refused when it is no text.
//!
//! Normalised: ligatures, line-end hyphenation, running headers and footers, page numbers. A PDF
//! whose text layer is empty (a scan) or garbage (a broken font encoding) is refused rather than
//! ingested as noise.
//!
//! pdf-extract can panic or spin on hostile files, so the binary runs it in a child process
//! (`citekb __pdf-text`, fed the bytes on stdin) under a time bound; used as a library without a
//! helper program, it runs in process behind `catch_unwind`.

use std::io::{Read, Write};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use unicode_normalization::UnicodeNormalization;

use super::Refusal;
use crate::error::ErrorKind;

mod xref;

/// Page texts of a PDF, with a form feed between pages.
pub const PAGE_BREAK: char = '\u{c}';

/// The text, the title, and warnings.
pub(crate) fn read(
    bytes: &[u8],
    helper: Option<&Path>,
    timeout: Duration,
) -> Result<(String, Option<String>, Vec<String>), Refusal> {
    let raw = match helper {
        Some(exe) => extract_in_child(exe, bytes, timeout)?,
        None => extract_pages(bytes)?,
    };
    let pages: Vec<&str> = raw.split(PAGE_BREAK).collect();
    let text = normalise(&pages);
    let letters = text.chars().filter(|c| c.is_alphabetic()).count();
    if letters < 200 {
        return Err("no text layer (a scanned PDF?); run OCR first, or give citekb GROBID's TEI".into());
    }
    if !reads_as_language(&text) {
        return Err("the text layer is unreadable (broken font encoding); run OCR or GROBID on it instead".into());
    }
    let title = guess_title(&text);
    Ok((text, title, Vec::new()))
}

/// pdf-extract in this process: page texts joined by form feeds. A panic is an error. A PDF
/// that fails or reads empty (not for a password) is tried once more with its cross-reference
/// table rebuilt ([`xref::rebuilt`]), and the better reading is kept.
pub fn extract_pages(bytes: &[u8]) -> Result<String, String> {
    let first = pages_of(bytes.to_vec());
    let blank = |text: &str| !text.chars().any(char::is_alphanumeric);
    let worth_repairing = match &first {
        Ok(text) => blank(text),
        Err(reason) => reason != ENCRYPTED,
    };
    if !worth_repairing {
        return first;
    }
    match xref::rebuilt(bytes).map(pages_of) {
        Some(Ok(text)) if !blank(&text) => Ok(text),
        _ => first,
    }
}

fn pages_of(bytes: Vec<u8>) -> Result<String, String> {
    let result = std::panic::catch_unwind(move || pdf_extract::extract_text_from_mem_by_pages(&bytes));
    match result {
        Ok(Ok(pages)) => Ok(pages.join(&PAGE_BREAK.to_string())),
        Ok(Err(e)) => Err(describe(&e.to_string())),
        Err(_) => Err("the PDF parser crashed on this file (damaged or unusual PDF)".into()),
    }
}

/// Why a PDF protected by a password is refused.
const ENCRYPTED: &str = "the PDF is encrypted with a password (decrypt it first, with qpdf --decrypt)";

fn describe(error: &str) -> String {
    let lower = error.to_lowercase();
    if lower.contains("encrypt") || lower.contains("password") {
        ENCRYPTED.into()
    } else {
        let first = error.lines().next().unwrap_or(error);
        format!("not a readable PDF ({first})")
    }
}

/// Most memory (address space) the PDF reader's child may take, in KiB: 8 times what the largest
/// real PDF seen needs (about 130 MB), far below what a decompression bomb asks for.
const CHILD_MEMORY_KIB: u64 = 1024 * 1024;

/// Runs `exe __pdf-text` on the bytes under a memory bound, killing it after `timeout`.
fn extract_in_child(exe: &Path, bytes: &[u8], timeout: Duration) -> Result<String, Refusal> {
    // The shell sets the bound and becomes the reader (`exec`), so the bound is the child's.
    let mut child = Command::new("/bin/sh")
        .arg("-c")
        .arg(format!("ulimit -v {CHILD_MEMORY_KIB} && exec \"$0\" __pdf-text"))
        .arg(exe)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("could not start the PDF reader: {e}"))?;
    let mut stdin = child.stdin.take().expect("piped stdin");
    let input = bytes.to_vec();
    let writer = std::thread::spawn(move || {
        // The child may stop reading early (a file it refuses); that is no error here.
        let _ = stdin.write_all(&input);
    });
    let mut stdout = child.stdout.take().expect("piped stdout");
    let reader = std::thread::spawn(move || {
        let mut out = Vec::new();
        let _ = stdout.read_to_end(&mut out);
        out
    });
    let mut stderr = child.stderr.take().expect("piped stderr");
    let err_reader = std::thread::spawn(move || {
        let mut out = String::new();
        let _ = stderr.read_to_string(&mut out);
        out
    });
    let start = Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if start.elapsed() > timeout => {
                let _ = child.kill();
                let _ = child.wait();
                let reason = format!("reading the PDF took longer than {} s (--timeout)", timeout.as_secs());
                return Err(Refusal::new(ErrorKind::Timeout, reason));
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(5)),
            Err(e) => return Err(format!("the PDF reader failed: {e}").into()),
        }
    };
    let _ = writer.join();
    let out = reader.join().unwrap_or_default();
    let err = err_reader.join().unwrap_or_default();
    if !status.success() {
        let message = err.lines().rev().find(|l| !l.trim().is_empty()).unwrap_or("").trim();
        let message = message.trim_start_matches("citekb: ");
        if err.contains("memory allocation") {
            let reason = format!("reading the PDF needed more than {} MiB of memory", CHILD_MEMORY_KIB / 1024);
            return Err(Refusal::new(ErrorKind::TooLarge, reason));
        }
        return Err(if message.is_empty() || message.contains("internal error") {
            "the PDF parser crashed on this file (damaged or unusual PDF)".into()
        } else {
            message.into()
        });
    }
    Ok(String::from_utf8_lossy(&out).into_owned())
}

/// Page texts to one text: NFKC (ligatures), line-end hyphenation rejoined where a lower-case
/// word continues ("repre-\nsentation"), lines repeated at the top or bottom of most pages
/// (running headers, footers) and bare page numbers dropped.
pub fn normalise(pages: &[&str]) -> String {
    let pages: Vec<Vec<String>> = pages
        .iter()
        .map(|p| p.nfkc().collect::<String>().lines().map(|l| l.trim_end().to_string()).collect())
        .collect();
    let repeated = running_lines(&pages);
    let mut out = String::new();
    for page in &pages {
        for line in page {
            let t = line.trim();
            if t.chars().all(|c| c.is_ascii_digit()) && !t.is_empty() && t.len() <= 4 {
                continue;
            }
            if !t.is_empty() && repeated.contains(&normalise_running(t)) {
                continue;
            }
            if let Some(stem) = out.strip_suffix('\n').and_then(|o| o.strip_suffix('-')) {
                // A hyphen at the end of the previous line, and a lower-case continuation here.
                let prev_letter = stem.chars().next_back().is_some_and(char::is_alphabetic);
                if prev_letter && t.chars().next().is_some_and(char::is_lowercase) {
                    let keep = stem.len();
                    out.truncate(keep);
                    out.push_str(t);
                    out.push('\n');
                    continue;
                }
            }
            out.push_str(line);
            out.push('\n');
        }
        out.push('\n');
    }
    out
}

/// A line with its digits dropped, so "Page 3" and "Page 4" are the same running line.
fn normalise_running(line: &str) -> String {
    line.chars().filter(|c| !c.is_ascii_digit()).collect::<String>().trim().to_string()
}

/// Lines standing among the first or last two of at least half the pages (three pages or more).
fn running_lines(pages: &[Vec<String>]) -> std::collections::HashSet<String> {
    use std::collections::HashMap;
    let mut counts: HashMap<String, usize> = HashMap::new();
    for page in pages {
        let lines: Vec<&String> = page.iter().filter(|l| !l.trim().is_empty()).collect();
        let mut edge: Vec<String> =
            lines.iter().take(2).chain(lines.iter().rev().take(2)).map(|l| normalise_running(l)).collect();
        edge.sort();
        edge.dedup();
        for l in edge {
            if l.len() >= 3 {
                *counts.entry(l).or_default() += 1;
            }
        }
    }
    let pages_n = pages.len();
    counts.into_iter().filter(|&(_, n)| pages_n >= 3 && n * 2 >= pages_n).map(|(l, _)| l).collect()
}

/// Whether the text reads as language: common short words make up a fair share of its words
/// (a broken font encoding yields letter soup without them).
fn reads_as_language(text: &str) -> bool {
    const COMMON: &[&str] = &[
        "the", "of", "and", "to", "in", "a", "is", "for", "that", "we", "on", "with", "as", "are", "by", "this", "be",
        "from", "an", "de", "la", "et", "le", "der", "die", "und",
    ];
    let words: Vec<String> = text
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
        .take(20_000)
        .map(str::to_lowercase)
        .collect();
    if words.len() < 50 {
        return false;
    }
    let common = words.iter().filter(|w| COMMON.contains(&w.as_str())).count();
    common * 100 >= words.len() * 4
}

/// The title: the first line near the top of the first page that reads like one, with the lines
/// that continue it ("... Transformers for" / "Language Understanding").
fn guess_title(text: &str) -> Option<String> {
    let lines: Vec<&str> = text.lines().take(40).map(str::trim).collect();
    let first = lines.iter().position(|l| {
        let words = l.split_whitespace().count();
        (2..=25).contains(&words)
            && !l.contains("arXiv")
            && !l.contains('@')
            && !l.to_lowercase().starts_with("proceedings")
            // A journal's running label ("RESEARCH ARTICLE") is no title.
            && (words > 3 || l.chars().any(char::is_lowercase))
            && l.chars().filter(|c| c.is_alphabetic()).count() * 10 >= l.len() * 7
    })?;
    let mut title = lines[first].to_string();
    for next in lines.iter().skip(first + 1).take(2) {
        if next.is_empty() || next.contains('@') || !continues_title(&title, next) {
            break;
        }
        title.push(' ');
        title.push_str(next);
    }
    Some(title)
}

const FUNCTION_WORDS: &[&str] = &[
    "a", "an", "and", "as", "at", "by", "for", "from", "in", "into", "of", "on", "or", "the", "to", "under", "using",
    "via", "with", "without", "towards", "through",
];

/// Whether `next` continues a title that so far reads `title`.
fn continues_title(title: &str, next: &str) -> bool {
    let last = title.split_whitespace().next_back().unwrap_or("").to_lowercase();
    if title.ends_with(':') || title.ends_with('-') || FUNCTION_WORDS.contains(&last.as_str()) {
        return true;
    }
    if next.chars().next().is_some_and(char::is_lowercase) {
        return true;
    }
    // Both title case, and the next line is no run of names (names have no function words).
    let words: Vec<&str> = next.split_whitespace().collect();
    let has_function_word = words.iter().any(|w| FUNCTION_WORDS.contains(&w.to_lowercase().as_str()));
    !title.ends_with(['.', '?', '!']) && words.len() <= 10 && has_function_word
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hyphenation_headers_and_page_numbers() {
        let header = "Journal of Things 2024";
        let pages = [
            format!("{header}\nA Study of Tiny Images\nWe study repre-\nsentation learning on CIFAR-10.\n1"),
            format!("{header}\nThe well-\nKnown results hold.\n2"),
            format!("{header}\nMore text on ﬁne-tuning here.\n3"),
        ];
        let refs: Vec<&str> = pages.iter().map(String::as_str).collect();
        let text = normalise(&refs);
        assert!(
            text.contains("We study representation\nlearning") || text.contains("We study representation learning"),
            "{text}"
        );
        assert!(text.contains("The well-\nKnown"), "{text}");
        assert!(!text.contains(header), "{text}");
        assert!(!text.lines().any(|l| l.trim() == "2"), "{text}");
        assert!(text.contains("on fine-tuning here"), "ligatures are expanded: {text}");
    }

    #[test]
    fn titles_continue_over_lines() {
        let t = guess_title("BERT: Pre-training of Deep Bidirectional Transformers for\nLanguage Understanding\nJacob Devlin Ming-Wei Chang Kenton Lee\n");
        assert_eq!(
            t.as_deref(),
            Some("BERT: Pre-training of Deep Bidirectional Transformers for Language Understanding")
        );
        let t = guess_title("Multi-LexSum: Real-World Summaries of Civil\nRights Lawsuits at Multiple Granularities\nZejiang Shen Kyle Lo\n");
        assert_eq!(
            t.as_deref(),
            Some("Multi-LexSum: Real-World Summaries of Civil Rights Lawsuits at Multiple Granularities")
        );
        let t = guess_title("Generative Adversarial Nets\nIan J. Goodfellow, Jean Pouget-Abadie\n");
        assert_eq!(t.as_deref(), Some("Generative Adversarial Nets"));
    }

    #[test]
    fn letter_soup_is_no_language() {
        let soup = "Xq zvb krt plm qwe rty uio asd fgh jkl zxc vbn ".repeat(20);
        assert!(!reads_as_language(&soup));
        let prose = "We train the model on the data and report the results of this study in the tables. ".repeat(10);
        assert!(reads_as_language(&prose));
    }
}
