//! Tokens of a reference list or of one entry: words, numbers and single punctuation marks, each
//! with its byte span and the line it sits on, and their shapes: what both reference models read.

use unicode_normalization::char::is_combining_mark;

/// One token of a reference text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token<'a> {
    pub text: &'a str,
    /// Byte range in the text the tokens were cut from.
    pub start: usize,
    pub end: usize,
    /// The line (0-based) the token sits on.
    pub line: usize,
    /// The first token of its line.
    pub line_start: bool,
    /// The last token of its line.
    pub line_end: bool,
    /// Whitespace (or the text's start) before the token.
    pub space_before: bool,
}

impl Token<'_> {
    pub fn is_word(&self) -> bool {
        self.text.chars().next().is_some_and(char::is_alphanumeric)
    }

    pub fn is_number(&self) -> bool {
        self.text.bytes().all(|b| b.is_ascii_digit())
    }

    /// The token's value as a year of publication (1800 to 2039).
    pub fn year(&self) -> Option<i32> {
        let y: i32 = (self.text.len() == 4 && self.is_number()).then(|| self.text.parse().ok()).flatten()?;
        (1800..2040).contains(&y).then_some(y)
    }
}

/// A character that continues a word: letters, digits and the combining marks a PDF may leave
/// apart from their letter.
fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || is_combining_mark(c)
}

/// Cuts `text` into tokens; spans are offsets into `text` plus `offset`.
pub fn tokenize(text: &str, offset: usize) -> Vec<Token<'_>> {
    let mut out: Vec<Token> = Vec::new();
    let mut line = 0;
    let mut space_before = true;
    let mut new_line = true;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c == '\n' {
            if let Some(last) = out.last_mut() {
                last.line_end = true;
            }
            line += 1;
            new_line = true;
            space_before = true;
            continue;
        }
        if c.is_whitespace() || c.is_control() || c == '\u{ad}' {
            space_before = true;
            continue;
        }
        let mut end = i + c.len_utf8();
        if is_word_char(c) {
            while let Some(&(j, d)) = chars.peek() {
                if !is_word_char(d) {
                    break;
                }
                end = j + d.len_utf8();
                chars.next();
            }
        }
        out.push(Token {
            text: &text[i..end],
            start: offset + i,
            end: offset + end,
            line,
            line_start: new_line,
            line_end: false,
            space_before,
        });
        new_line = false;
        space_before = false;
    }
    if let Some(last) = out.last_mut() {
        last.line_end = true;
    }
    out
}

/// A token's shape, the class both models generalise over: years, numbers by length, initials,
/// capitalised, upper- and lower-case words, and each punctuation mark as itself.
pub fn shape(token: &str) -> &'static str {
    let mut chars = token.chars();
    let Some(first) = chars.next() else {
        return "empty";
    };
    if !is_word_char(first) {
        return punctuation_shape(first);
    }
    let (mut upper, mut lower, mut digit, mut other) = (0, 0, 0, 0);
    for c in token.chars() {
        if c.is_uppercase() {
            upper += 1;
        } else if c.is_lowercase() {
            lower += 1;
        } else if c.is_ascii_digit() {
            digit += 1;
        } else {
            other += 1;
        }
    }
    let n = upper + lower + digit + other;
    if digit == n {
        return match n {
            4 if matches!(token.parse::<u32>(), Ok(1800..=2039)) => "year",
            1 => "d",
            2 => "dd",
            3 => "ddd",
            4 => "dddd",
            _ => "d+",
        };
    }
    if digit > 0 {
        return if upper + lower == 0 { "d+" } else { "alnum" };
    }
    if upper == n {
        return if n == 1 {
            "X"
        } else if n <= 3 {
            "XX"
        } else {
            "XXX+"
        };
    }
    if first.is_uppercase() {
        return if upper == 1 { "Xx" } else { "XxX" };
    }
    if lower == n {
        return if n <= 3 { "x" } else { "xx+" };
    }
    if first.is_lowercase() && upper > 0 {
        return "xX";
    }
    "w"
}

fn punctuation_shape(c: char) -> &'static str {
    match c {
        '.' => ".",
        ',' => ",",
        ';' => ";",
        ':' => ":",
        '(' => "(",
        ')' => ")",
        '[' => "[",
        ']' => "]",
        '-' | '‐' | '‑' | '–' | '—' | '−' => "-",
        '"' | '“' | '”' | '„' | '«' | '»' => "\"",
        '\'' | '‘' | '’' | '`' | '´' => "'",
        '/' => "/",
        '&' => "&",
        '?' | '!' => "?",
        '*' | '†' | '‡' | '§' | '•' | '▪' | '◦' => "*",
        _ => "p",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_numbers_and_marks_with_lines() {
        let t = tokenize("[12] Deng, J.\n2009. Über-\nmodel", 100);
        let texts: Vec<&str> = t.iter().map(|t| t.text).collect();
        assert_eq!(texts, ["[", "12", "]", "Deng", ",", "J", ".", "2009", ".", "Über", "-", "model"]);
        assert_eq!(t[7].start, 114);
        assert!(t[7].line_start && t[6].line_end && t[10].line_end);
        assert_eq!(t[11].line, 2);
        assert!(t[3].space_before && !t[4].space_before);
        assert_eq!(t[7].year(), Some(2009));
    }

    #[test]
    fn combining_marks_and_odd_spaces_stay_inside_words() {
        let t = tokenize("Sa\u{301}nchez\u{a0}Rada\u{2009}2019", 0);
        let texts: Vec<&str> = t.iter().map(|t| t.text).collect();
        assert_eq!(texts, ["Sa\u{301}nchez", "Rada", "2019"]);
    }

    #[test]
    fn shapes() {
        let shapes: Vec<&str> = ["2019", "12", "J", "Deng", "NASA", "deep", "McDonald", "3D", ".", "–", "of"]
            .iter()
            .map(|w| shape(w))
            .collect();
        assert_eq!(shapes, ["year", "dd", "X", "Xx", "XXX+", "xx+", "XxX", "alnum", ".", "-", "x"]);
    }
}
