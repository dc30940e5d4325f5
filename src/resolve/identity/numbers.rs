//! The numbers that name a work (volume, first page), read from an entry's fields and text.

use crate::text;

/// The number a volume or page range starts with ("205–216" → "205", "e1003" → "e1003").
pub(super) fn leading_number(s: &str) -> Option<String> {
    let s = s.trim();
    let n: String = s.chars().take_while(|c| c.is_ascii_alphanumeric()).collect::<String>().to_lowercase();
    n.chars().any(|c| c.is_ascii_digit()).then_some(n)
}

/// A single page after a closing parenthesis and a colon, where MLA ("118.4 (2004): 262.") and
/// Chicago ("118 (4): 262.") put it, closing the entry: a parse may take the issue for it.
pub(super) fn page_after_colon(raw: &str) -> Option<String> {
    static AFTER: std::sync::LazyLock<regex::Regex> =
        std::sync::LazyLock::new(|| text::regex(r"\)\s?:\s?([A-Za-z]?\d{1,6})\s*\.?\s*$").expect("valid pattern"));
    AFTER.captures(raw.trim_end()).map(|c| c[1].to_lowercase())
}

/// A page field of digits a scan broke apart ("4 44", "2 05") is one number; anything else is
/// kept as written.
pub(super) fn rejoin_digits(pages: &str) -> String {
    let pages = pages.trim();
    if pages.contains(' ') && pages.chars().all(|c| c.is_ascii_digit() || c == ' ') {
        pages.split_whitespace().collect()
    } else {
        pages.to_string()
    }
}

/// The first page of the last page range in an entry's text ("205–216" → "205"), where a range
/// of two years is no page range.
pub(super) fn page_range_start(raw: &str) -> Option<String> {
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

/// Whether two numbers that both entries give are the same.
pub(super) fn agree(a: &Option<String>, b: &Option<String>) -> Option<bool> {
    match (a, b) {
        (Some(x), Some(y)) => Some(x == y),
        _ => None,
    }
}
