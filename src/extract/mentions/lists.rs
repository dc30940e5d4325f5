//! Lists of names: enumerations ("A, B and C", "A and B") and table rows ("A | B | C"), read
//! past their callouts, with each item's byte range.

use std::sync::LazyLock;

use regex::Regex;

use crate::extract::callouts::Callout;

/// A list of names: its byte range and each item's.
pub(super) type NameList = (usize, usize, Vec<(usize, usize)>);

pub(super) static ENUMERATION: LazyLock<Regex> = LazyLock::new(|| {
    // A name may carry its abbreviation: "Pascal-VOC (VOC)".
    // Tokenised text spaces hyphens out: "Celebrity - 1000".
    let name = r"[\p{Lu}\d][\p{L}\d.+'’-]*(?: - [\p{L}\d]+)*(?: [\p{Lu}\d][\p{L}\d.+'’-]*(?: - [\p{L}\d]+)*){0,2}(?: \([\p{Lu}][\p{L}\d-]{1,12}\))?";
    crate::text::regex(&format!(r"{name}(?:, (?:and |or )?{name}){{1,}}(?:,? (?:and|or) {name})?"))
        .expect("valid regex")
});

pub(super) static NAME_PAIR: LazyLock<Regex> = LazyLock::new(|| {
    let name = r"[\p{Lu}\d][\p{L}\d.+'’-]*(?: - [\p{L}\d]+)*(?: [\p{Lu}\d][\p{L}\d.+'’-]*(?: - [\p{L}\d]+)*)?";
    crate::text::regex(&format!(r"(?-u:\b)({name}) and ({name})(?-u:\b)")).expect("valid regex")
});

/// Enumerations of short names ("A, B and C", at least three; "A and B"), and table rows ("A | B | C"), with
/// the byte range of each item.
///
/// Callouts are read past: "VexDigits (Okafor and Lund, 1996), SVHN (Soto, 2011) and
/// MNIST [12]" lists three names.
pub(super) fn name_lists(text: &str, callouts: &[Callout]) -> Vec<NameList> {
    let decited = Decited::new(text, callouts);
    let mut out = Vec::new();
    for m in ENUMERATION.find_iter(&decited.text) {
        crate::deadline::check();
        let mut items = Vec::new();
        let mut pos = m.start();
        for part in m.as_str().split(", ") {
            let (skip, item) = match part.strip_prefix("and ").or_else(|| part.strip_prefix("or ")) {
                Some(rest) => (part.len() - rest.len(), rest),
                None => (0, part),
            };
            let mut sub = Vec::new();
            for piece in item.split(" and ").flat_map(|p| p.split(" or ")) {
                let at = item.find(piece).unwrap_or(0);
                // The item is the name, without the abbreviation after it.
                let piece = piece.split(" (").next().unwrap_or(piece);
                sub.push((pos + skip + at, pos + skip + at + piece.len()));
            }
            items.extend(sub);
            pos += part.len() + 2;
        }
        if items.len() >= 3 {
            let items = items.into_iter().map(|(s, e)| decited.original(s, e)).collect();
            let (start, end) = decited.original(m.start(), m.end());
            out.push((start, end, items));
        }
    }
    // Two names: "Molweni and FriendsQA".
    for c in NAME_PAIR.captures_iter(&decited.text) {
        crate::deadline::check();
        let (a, b) = (c.get(1).expect("group"), c.get(2).expect("group"));
        let (start, end) = decited.original(a.start(), b.end());
        out.push((start, end, vec![decited.original(a.start(), a.end()), decited.original(b.start(), b.end())]));
    }
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        crate::deadline::check();
        if line.matches(" | ").count() >= 2 {
            let mut items = Vec::new();
            let mut pos = offset;
            for cell in line.split('|') {
                let trimmed = cell.trim();
                if !trimmed.is_empty() {
                    let at = pos + cell.find(trimmed).unwrap_or(0);
                    items.push((at, at + trimmed.len()));
                }
                pos += cell.len() + 1;
            }
            out.push((offset, offset + line.len(), items));
        }
        offset += line.len();
    }
    out
}

/// A text with its callouts cut out (each with the space before it) and the spaces before commas
/// too, and where each piece that is kept starts in it and in the original.
struct Decited {
    text: String,
    /// (start in `text`, start in the original), in order.
    pieces: Vec<(usize, usize)>,
}

impl Decited {
    fn new(original: &str, callouts: &[Callout]) -> Decited {
        let mut text = String::with_capacity(original.len());
        let mut pieces = vec![(0, 0)];
        let mut from = 0;
        let mut spans: Vec<(usize, usize)> = callouts.iter().map(|c| (c.start, c.end)).collect();
        // Tokenised text, and LaTeX whose citations are gone, space commas off: "A , B and C".
        spans.extend(original.match_indices(" ,").map(|(i, _)| (i + 1, i + 1)));
        spans.sort_unstable();
        for (start, end) in spans {
            let cut = original[..start].trim_end_matches(' ').len();
            if cut < from || end < from {
                continue;
            }
            text.push_str(&original[from..cut]);
            from = end;
            pieces.push((text.len(), from));
        }
        text.push_str(&original[from..]);
        Decited { text, pieces }
    }

    /// The original range of a range of `text` (one that may run across a cut).
    fn original(&self, start: usize, end: usize) -> (usize, usize) {
        let at = |pos: usize, inclusive: bool| {
            let i = self.pieces.partition_point(|&(d, _)| if inclusive { d <= pos } else { d < pos }).max(1) - 1;
            self.pieces[i].1 + (pos - self.pieces[i].0)
        };
        (at(start, true), at(end, false).max(at(start, true)))
    }
}
