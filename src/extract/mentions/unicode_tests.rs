//! Names among Unicode spaces and combining marks: read, and offsets on character boundaries.

use std::sync::LazyLock;

use proptest::prelude::*;

use crate::document::{Document, Format};
use crate::extract::{self, DatasetRef, Extraction};
use crate::registry::Registry;
use crate::text;

static REGISTRY: LazyLock<Registry> = LazyLock::new(|| Registry::builtin().expect("built-in registry"));

/// Every character of Unicode's White_Space property, and the zero-width ones papers carry
/// (zero-width space and joiners, word joiner, byte-order mark, Mongolian vowel separator).
const SPACES: &[char] = &[
    '\t', '\n', '\u{b}', '\u{c}', '\r', ' ', '\u{85}', '\u{a0}', '\u{1680}', '\u{2000}', '\u{2001}', '\u{2002}',
    '\u{2003}', '\u{2004}', '\u{2005}', '\u{2006}', '\u{2007}', '\u{2008}', '\u{2009}', '\u{200a}', '\u{2028}',
    '\u{2029}', '\u{202f}', '\u{205f}', '\u{3000}', '\u{200b}', '\u{200c}', '\u{200d}', '\u{2060}', '\u{feff}',
    '\u{180e}',
];

/// Combining marks of every block that has them: acute, diaeresis, cedilla, enclosing circle,
/// a half mark, a supplement mark, an enclosing Cyrillic sign.
const MARKS: &[char] = &['\u{301}', '\u{308}', '\u{327}', '\u{20dd}', '\u{fe20}', '\u{1dc0}', '\u{489}', '\u{1ab0}'];

/// Names of the built-in registry, one word and several.
const NAMES: &[&str] = &["MNIST", "ImageNet", "Penn Treebank", "CIFAR-10"];

fn extract(text: &str) -> (String, Extraction) {
    // As a text reader hands it over: the text itself, nothing parsed.
    let doc = Document {
        source: "paper.txt".into(),
        format: Format::Text,
        sha256: String::new(),
        byte_size: text.len() as u64,
        text: text.to_string(),
        title: None,
        warnings: Vec::new(),
        references: None,
        meta: Default::default(),
    };
    let extraction = extract::extract(&doc, &REGISTRY);
    (doc.text, extraction)
}

/// Every mention's span lies on character boundaries of the text as read, holds its surface,
/// and the surface keys as a name of the dataset it stands for.
fn check_spans(text: &str, extraction: &Extraction) {
    for m in &extraction.mentions {
        assert!(text.is_char_boundary(m.start) && text.is_char_boundary(m.end), "{m:?} in {text:?}");
        assert!(text.is_char_boundary(m.sentence.0) && text.is_char_boundary(m.sentence.1), "{m:?}");
        assert_eq!(&text[m.start..m.end], m.surface);
        if let DatasetRef::Known(i) = m.dataset {
            let surface = text::key(&m.surface);
            assert!(
                REGISTRY.entries[i].names().any(|n| surface.starts_with(&text::key(n))),
                "{:?} is no name of {}",
                m.surface,
                REGISTRY.entries[i].name
            );
        }
    }
}

fn found(extraction: &Extraction, name: &str) -> bool {
    extraction.datasets.iter().any(|d| d.name == name)
}

/// A paper that names `name` with `before` and `after` around it.
fn paper(before: &str, name: &str, after: &str) -> String {
    format!(
        "Reading Spaces\n\nAbstract\nWe study reading.\n\n1 Experiments\n\
         We train and evaluate on{before}{name}{after}data and report accuracy.\n"
    )
}

#[test]
fn every_space_before_and_after_a_name_is_read() {
    for &space in SPACES {
        for name in NAMES {
            let text = paper(&space.to_string(), name, &format!("{space}"));
            let (read, extraction) = extract(&text);
            check_spans(&read, &extraction);
            assert!(found(&extraction, name), "{name} after U+{:04X}: {:?}", space as u32, extraction.datasets);
        }
    }
}

#[test]
fn a_space_inside_a_name_of_two_words_is_read() {
    for &space in SPACES.iter().filter(|c| c.is_whitespace() && !matches!(c, '\n' | '\u{2028}' | '\u{2029}')) {
        let name = format!("Penn{space}Treebank");
        let (read, extraction) = extract(&paper(" ", &name, " "));
        check_spans(&read, &extraction);
        assert!(found(&extraction, "Penn Treebank"), "U+{:04X}: {:?}", space as u32, extraction.datasets);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn spaces_and_marks_around_names_never_panic(
        before in prop::sample::select(SPACES),
        after in prop::sample::select(SPACES),
        mark in prop::sample::select(MARKS),
        name in prop::sample::select(NAMES),
        // Where the mark goes: before the name, after it, or after its first letter.
        place in 0..3usize,
        repeat in 1..3usize,
    ) {
        let mut named = name.to_string();
        match place {
            0 => named.insert(0, mark),
            1 => named.push(mark),
            _ => named.insert(1, mark),
        }
        let sentence = paper(&before.to_string(), &named, &after.to_string());
        let text = sentence.repeat(repeat);
        let (read, extraction) = extract(&text);
        check_spans(&read, &extraction);
        // A mark on the name's edge, between it and a space, leaves it the name.
        if place < 2 && before.is_whitespace() && after.is_whitespace() {
            prop_assert!(found(&extraction, name), "{:?}: {:?}", named, extraction.datasets);
        }
    }
}
