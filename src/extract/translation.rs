//! Machine-translation benchmarks: a language pair in a paper that names its campaign.
//!
//! A language pair ("English to German", "En→De", "EN-DE") in a paper that names its evaluation
//! campaign (WMT 2014, IWSLT'15, newstest2014) is that campaign's dataset for the pair ("WMT 2014
//! English-German"), whichever way the pair is written.

use std::collections::HashMap;
use std::sync::LazyLock;

use regex::Regex;

/// Languages by name and by their two-letter code.
const LANGUAGES: &[(&str, &str)] = &[
    ("Arabic", "ar"),
    ("Bengali", "bn"),
    ("Bulgarian", "bg"),
    ("Chinese", "zh"),
    ("Croatian", "hr"),
    ("Czech", "cs"),
    ("Danish", "da"),
    ("Dutch", "nl"),
    ("English", "en"),
    ("Estonian", "et"),
    ("Finnish", "fi"),
    ("French", "fr"),
    ("German", "de"),
    ("Greek", "el"),
    ("Gujarati", "gu"),
    ("Hausa", "ha"),
    ("Hebrew", "he"),
    ("Hindi", "hi"),
    ("Hungarian", "hu"),
    ("Icelandic", "is"),
    ("Indonesian", "id"),
    ("Inuktitut", "iu"),
    ("Italian", "it"),
    ("Japanese", "ja"),
    ("Kazakh", "kk"),
    ("Khmer", "km"),
    ("Korean", "ko"),
    ("Latvian", "lv"),
    ("Lithuanian", "lt"),
    ("Malay", "ms"),
    ("Nepali", "ne"),
    ("Norwegian", "no"),
    ("Pashto", "ps"),
    ("Persian", "fa"),
    ("Polish", "pl"),
    ("Portuguese", "pt"),
    ("Romanian", "ro"),
    ("Russian", "ru"),
    ("Serbian", "sr"),
    ("Sinhala", "si"),
    ("Slovak", "sk"),
    ("Slovenian", "sl"),
    ("Spanish", "es"),
    ("Swedish", "sv"),
    ("Tamil", "ta"),
    ("Thai", "th"),
    ("Turkish", "tr"),
    ("Ukrainian", "uk"),
    ("Urdu", "ur"),
    ("Vietnamese", "vi"),
];

/// The language a name or code stands for, by its name.
fn language(word: &str) -> Option<&'static str> {
    LANGUAGES
        .iter()
        .find(|(name, code)| name.eq_ignore_ascii_case(word) || code.eq_ignore_ascii_case(word))
        .map(|(name, _)| *name)
}

/// Whether a word names a language or is its two-letter code ("German", "DE").
pub(super) fn is_language(word: &str) -> bool {
    language(word).is_some()
}

/// "WMT 2014", "WMT'14", "WMT14", "IWSLT 2015", "newstest2014".
static CAMPAIGN: LazyLock<Regex> = LazyLock::new(|| {
    crate::text::regex(
        r"(?-u:\b)(?:(WMT|IWSLT)(?:\s?['’]?\s?((?:19|20)\d\d|[0-2]\d))?|(newstest)\s?((?:19|20)\d\d))(?-u:\b)",
    )
    .expect("valid regex")
});

/// A pair of languages by name ("English-German", "English to German", "German → English") or
/// by code ("En-De", "EN→DE", "en-de", "EnDe"); in tokenised text, where the arrow is lost, also
/// "English German" and "EN DE" (held to pairs with English, see [`find`]).
static PAIR: LazyLock<Regex> = LazyLock::new(|| {
    let names = LANGUAGES.iter().map(|(n, _)| *n).collect::<Vec<_>>().join("|");
    let codes = LANGUAGES.iter().map(|(_, c)| *c).collect::<Vec<_>>().join("|");
    let title =
        LANGUAGES.iter().map(|(_, c)| format!("{}{}", c[..1].to_uppercase(), &c[1..])).collect::<Vec<_>>().join("|");
    let upper = codes.to_uppercase();
    let arrow = r"\s?(?:-|–|—|→|->|↔|<->|/)\s?";
    let alternatives = [
        // Tokenised text spaces hyphens out: "English - to - French".
        format!(r"({names})(?:{arrow}|\s(?:-\s)?(?:to|into)(?:\s-)?\s)({names})"),
        format!(r"({names})\s({names})"),
        format!(r"((?i:{codes})){arrow}((?i:{codes}))"),
        format!(r"({title})({title})"),
        format!(r"({upper})\s({upper})"),
    ];
    crate::text::regex(&format!(r"(?-u:\b)(?:{})(?-u:\b)", alternatives.join("|"))).expect("valid regex")
});

/// The alternatives of [`PAIR`] that join two languages by a space alone.
const SPACED: [usize; 2] = [1, 4];

/// Every pattern of this module, so that they can be compiled ahead of use ([`super::compile_patterns`]).
pub(super) static PATTERNS: [&LazyLock<Regex>; 2] = [&CAMPAIGN, &PAIR];

/// A translation benchmark named in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PairMention {
    /// "WMT 2014 English-German": the campaign, its year where the paper gives one, the pair as
    /// written first in the paper.
    pub name: String,
    /// The same for the other direction, so both find one dataset.
    pub reverse: String,
    pub start: usize,
    pub end: usize,
}

/// One campaign as the text names it.
struct Campaign {
    name: &'static str,
    year: Option<u16>,
    start: usize,
    end: usize,
}

fn campaigns(text: &str) -> Vec<Campaign> {
    CAMPAIGN
        .captures_iter(text)
        .map(|c| {
            let m = c.get(0).expect("match");
            let (name, year) = match c.get(1) {
                Some(n) => (if n.as_str() == "WMT" { "WMT" } else { "IWSLT" }, c.get(2)),
                None => ("WMT", c.get(4)),
            };
            let year = year.and_then(|y| y.as_str().parse::<u16>().ok()).map(|y| if y < 100 { 2000 + y } else { y });
            Campaign { name, year, start: m.start(), end: m.end() }
        })
        .collect()
}

/// Language pairs in `text` (where `counted` allows), each named for its campaign: the one
/// written right before it ("WMT English to German", "WMT'14 En-De"), else the nearest one in the
/// same sentence, else the campaign (and year) the paper names most. A paper that names no
/// campaign has no translation benchmark here.
pub fn find(
    text: &str,
    sentence_at: impl Fn(usize) -> (usize, usize),
    counted: impl Fn(usize) -> bool,
) -> Vec<PairMention> {
    let all = campaigns(text);
    let body: Vec<&Campaign> = all.iter().filter(|c| counted(c.start)).collect();
    if body.is_empty() {
        return Vec::new();
    }
    // The paper's campaign: the one it names most, with the year it gives that campaign most.
    let mut counts: HashMap<(&str, Option<u16>), usize> = HashMap::new();
    for c in &body {
        *counts.entry((c.name, c.year)).or_default() += 1;
    }
    let main_name = {
        let mut by_name: HashMap<&str, usize> = HashMap::new();
        for ((n, _), k) in &counts {
            *by_name.entry(n).or_default() += k;
        }
        by_name.into_iter().max_by_key(|&(n, k)| (k, std::cmp::Reverse(n))).map(|(n, _)| n).expect("a campaign")
    };
    let main_year = counts
        .iter()
        .filter(|((n, y), _)| *n == main_name && y.is_some())
        .max_by_key(|&(&(_, y), &k)| (k, y))
        .and_then(|((_, y), _)| *y);
    // Each place a pair stands, with the campaign written right before it and the nearest one
    // in its sentence.
    type Label = (&'static str, Option<u16>);
    type Pair = (&'static str, &'static str);
    struct Place {
        pair: Pair,
        start: usize,
        end: usize,
        attached: Option<Label>,
        nearest: Option<Label>,
    }
    let mut places = Vec::new();
    for c in PAIR.captures_iter(text) {
        let m = c.get(0).expect("match");
        if !counted(m.start()) {
            continue;
        }
        let Some(alternative) = (0..5).find(|i| c.get(2 * i + 1).is_some()) else { continue };
        let (Some(a), Some(b)) = (language(&c[2 * alternative + 1]), language(&c[2 * alternative + 2])) else {
            continue;
        };
        // Two languages side by side with nothing between them are a pair only with English
        // on one side ("English German", "RU EN"); "IT IS" is no pair.
        if a == b || SPACED.contains(&alternative) && a != "English" && b != "English" {
            continue;
        }
        let before = text[..m.start()].trim_end().len();
        let attached = all.iter().rev().find(|k| k.end == before && before < m.start()).map(|k| (k.name, k.year));
        let sentence = sentence_at(m.start());
        let nearest = all
            .iter()
            .filter(|k| sentence.0 <= k.start && k.end <= sentence.1)
            .min_by_key(|k| k.start.abs_diff(m.start()))
            .map(|k| (k.name, k.year.or(main_year.filter(|_| k.name == main_name))));
        places.push(Place { pair: (a, b), start: m.start(), end: m.end(), attached, nearest });
    }
    // A pair is one benchmark throughout the paper: the campaign written before it most often,
    // else the one its sentences name most, else the paper's; named in the direction first written.
    let unordered = |(a, b): Pair| if a <= b { (a, b) } else { (b, a) };
    let most = |labels: Vec<Label>| -> Option<Label> {
        let mut counts: Vec<(Label, usize)> = Vec::new();
        for l in labels {
            match counts.iter_mut().find(|(x, _)| *x == l) {
                Some((_, k)) => *k += 1,
                None => counts.push((l, 1)),
            }
        }
        // The most often; between as many, the first written.
        counts.iter().rev().max_by_key(|(_, k)| *k).map(|(l, _)| *l)
    };
    let mut chosen: HashMap<Pair, (Label, Pair)> = HashMap::new();
    for place in &places {
        let key = unordered(place.pair);
        if chosen.contains_key(&key) {
            continue;
        }
        let same: Vec<&Place> = places.iter().filter(|p| unordered(p.pair) == key).collect();
        let label = most(same.iter().filter_map(|p| p.attached).collect())
            .or_else(|| most(same.iter().filter_map(|p| p.nearest).collect()))
            .unwrap_or((main_name, main_year));
        chosen.insert(key, (label, place.pair));
    }
    places
        .iter()
        .map(|place| {
            let ((campaign, year), (a, b)) = chosen[&unordered(place.pair)];
            let label = |x: &str, y: &str| match year {
                Some(year) => format!("{campaign} {year} {x}-{y}"),
                None => format!("{campaign} {x}-{y}"),
            };
            PairMention { name: label(a, b), reverse: label(b, a), start: place.start, end: place.end }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(text: &str) -> Vec<String> {
        find(text, |_| (0, text.len()), |_| true).into_iter().map(|p| p.name).collect()
    }

    #[test]
    fn a_pair_takes_the_campaign_written_before_it_or_the_papers() {
        assert_eq!(
            names("We evaluate on WMT English to German and WMT 2016 En-Ro."),
            ["WMT English-German", "WMT 2016 English-Romanian"]
        );
        assert_eq!(
            names("WMT English to German. As WMT 2015 did, German-English. WMT English to German."),
            ["WMT English-German"; 3],
            "one pair is one benchmark throughout"
        );
        assert_eq!(names("Results on WMT'14. Our English→German model beats all."), ["WMT 2014 English-German"]);
        assert_eq!(names("newstest2014 is the test set. For De-En we use beam 4."), ["WMT 2014 German-English"]);
        assert_eq!(
            names("IWSLT 2015 English-Vietnamese, WMT16 EN DE"),
            ["IWSLT 2015 English-Vietnamese", "WMT 2016 English-German"]
        );
    }

    #[test]
    fn no_campaign_no_benchmark_and_no_pair_of_one_language() {
        assert!(names("We translate English to German with our model.").is_empty());
        assert!(names("WMT 2014: English-English paraphrases").is_empty());
        assert!(names("WMT 2014. It is clear; IT IS done.").is_empty(), "codes need a joiner, or English");
        assert!(names("WMT 2014. Our German French model").is_empty(), "side by side, English is one of them");
        assert_eq!(names("WMT 2014 . English German results"), ["WMT 2014 English-German"]);
    }

    #[test]
    fn tokenised_text_spaces_the_joiner_out() {
        assert_eq!(names("results on the WMT 2014 English - to - French task ."), ["WMT 2014 English-French"]);
    }

    #[test]
    fn the_reverse_direction_is_named_too() {
        let p = find("WMT14 En-De", |_| (0, 11), |_| true);
        assert_eq!(p[0].reverse, "WMT 2014 German-English");
    }
}
