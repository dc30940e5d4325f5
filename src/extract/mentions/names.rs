//! Names the registry does not know: the patterns that find them (cue phrases, abbreviations,
//! appositives, shared tasks, titles) and the tests a phrase must pass to be a dataset's name.

use std::sync::LazyLock;

use regex::Regex;

use super::ambiguity;
use crate::extract::references::Reference;
use crate::text;

// "the Ubuntu Dialogue Corpus", "WikiHow dataset", "the RealNews corpus", "IIIT5K benchmark",
// "the nuScenes dataset", a "“Multi-Person PoseTrack” dataset".
pub(super) static CUE_PHRASE: LazyLock<Regex> = LazyLock::new(|| {
    let word = r"(?:\p{Lu}[\p{L}\d'’&+./-]*|\p{Ll}{1,3}\p{Lu}[\p{L}\d'’&+./-]*|\d[\p{L}\d./-]*\p{L}[\p{L}\d./-]*)";
    crate::text::regex(&format!(
        r"({word}(?:[ -](?:{word}|of|for|and|de|-)){{0,5}})[”\x22’']?[ -](data ?sets?|test sets?|corpus|corpora|benchmark|treebank|database|Dataset|Corpus|Benchmark|Treebank|Database|Challenge|Collection|Suite)(?-u:\b)"
    ))
    .expect("valid regex")
});

// "Multi-Genre Natural Language Inference (MultiNLI)": a long form and its abbreviation.
pub(super) static ABBREVIATION: LazyLock<Regex> = LazyLock::new(|| {
    crate::text::regex(r"((?:\p{Lu}[\p{L}\d'’-]*[ -]){1,8}?(?:\p{Lu}[\p{L}\d'’-]*|[Dd]ataset|[Cc]orpus|[Bb]enchmark))\s+\(([\p{Lu}][\p{L}\d-]{1,14})\)")
        .expect("valid regex")
});
/// Words that, right after a name, make it part of a technical term rather than a dataset.
pub(super) static TERM_HEAD: LazyLock<Regex> = LazyLock::new(|| {
    crate::text::regex(r"^ (?:vectors?|information|criterion|kernels?|matri(?:x|ces)|discriminant|distribution|functions?|models?|loss|encoding|layers?|metrics?|score)(?-u:\b)")
        .expect("valid regex")
});
pub(super) static PLURAL_DATA: LazyLock<Regex> = LazyLock::new(|| {
    crate::text::regex(r"(?i)(?-u:\b)(?:data ?sets|benchmarks|corpora)(?-u:\b)").expect("valid regex")
});
pub(super) static DEFINED: LazyLock<Regex> = LazyLock::new(|| {
    crate::text::regex(r"(?m)^(?:[-•*▪◦] )?([\p{Lu}\d][\p{L}\d.+'’-]*(?: [\p{Lu}\d][\p{L}\d.+'’-]*){0,3}): (?:The|A|An|This) [^.\n]*?(?-u:\b)(?:data ?set|[Dd]ataset|corpus|[Cc]orpus|benchmark|database|collection|treebank)(?-u:\b)")
        .expect("valid regex")
});
pub(super) static SPACED_HYPHEN: LazyLock<Regex> =
    LazyLock::new(|| crate::text::regex(r"([\p{L}\d]) - ([\p{L}\d])").expect("valid regex"));
pub(super) static GENERIC_TAIL: LazyLock<Regex> = LazyLock::new(|| {
    crate::text::regex(
        r"(?i)(?-u:\b)(data ?set|corpus|benchmark|treebank|database|challenge|collection|bank|questions|suite)s?$",
    )
    .expect("valid regex")
});

pub(super) static VERSION_SUFFIX: LazyLock<Regex> =
    LazyLock::new(|| crate::text::regex(r"^[ -]?(?:v|version ?)\d+(?:\.\d+)*(?-u:\b)").expect("valid regex"));

pub(super) static SHARED_TASK: LazyLock<Regex> = LazyLock::new(|| {
    crate::text::regex(r"(?-u:\b)(SemEval|SENSEVAL|Senseval|BioCreative|CLEF|TAC|DUC|MUC)(?: ?- ?| )?((?:19|20)\d\d)(?:,?\s+[Tt]ask\s*(\d{1,2}))?(?-u:\b)")
        .expect("valid regex")
});

/// "SemEval-2014 Task 7" however the paper writes it.
pub(super) fn shared_task_name(c: &regex::Captures) -> String {
    match c.get(3) {
        Some(task) => format!("{}-{} Task {}", &c[1], &c[2], task.as_str()),
        None => format!("{}-{}", &c[1], &c[2]),
    }
}

pub(super) static APPOSITIVE: LazyLock<Regex> = LazyLock::new(|| {
    crate::text::regex(r"(?-u:\b)(\p{Lu}[\p{L}\d-]*(?:\s\p{Lu}[\p{L}\d-]*){0,2}),\s+(?:a|an|the)\s+(?:new\s+|novel\s+|large\s+|large-scale\s+|small\s+|public\s+|publicly available\s+|challenging\s+)?(?:[\p{Ll}-]+\s+){0,2}?(?:data ?set|corpus|benchmark|collection|database|treebank)(?-u:\b)")
        .expect("valid regex")
});

/// "ContraNLI", "SNLI-VE", "WikiText-103": capitals inside the word, digits, or an acronym.
pub(super) fn looks_like_a_proper_name(name: &str) -> bool {
    name.split_whitespace().any(|w| {
        let inner_caps = w.chars().skip(1).filter(|c| c.is_uppercase()).count();
        inner_caps >= 1 || w.chars().any(|c| c.is_ascii_digit())
    })
}

/// "Multi-Genre Natural Language Inference" and "MultiNLI": do the abbreviation's capitals
/// follow the long form's words?
pub(super) fn initials_match(long: &str, short: &str) -> bool {
    let caps: String = short.chars().filter(|c| c.is_uppercase()).collect::<String>().to_lowercase();
    if caps.len() < 2 {
        return false;
    }
    let initials: String = long
        .split([' ', '-'])
        .filter(|w| !w.is_empty())
        .filter_map(|w| w.chars().next())
        .filter(|c| c.is_uppercase())
        .collect::<String>()
        .to_lowercase();
    // The abbreviation's capitals appear in order among the long form's initials.
    let mut it = initials.chars();
    caps.chars().all(|c| it.any(|i| i == c)) && initials.len() <= caps.len() + 3
}

/// The part of a long form that the abbreviation covers: its last words.
pub(super) fn trim_long_form(long: &str, short: &str) -> String {
    let caps = short.chars().filter(|c| c.is_uppercase()).count();
    let words: Vec<&str> = long.split_whitespace().collect();
    let keep = words.len().min(caps.max(2) + 1);
    words[words.len() - keep..].join(" ")
}

/// A cited entry titled "Name: a large-scale dataset for ..." names a dataset.
pub(super) fn title_dataset_name(r: &Reference) -> Option<String> {
    titled_dataset(r.parsed.title.as_deref()?)
}

/// The name a title gives a dataset: "CliCR: A Dataset of Clinical Case Reports ...".
pub(super) fn titled_dataset(title: &str) -> Option<String> {
    let (head, tail) = title.split_once(": ")?;
    let head = head.trim();
    let words = head.split_whitespace().count();
    (TITLE_CUE.is_match(tail) && (1..=4).contains(&words) && head.chars().next().is_some_and(|c| c.is_alphanumeric()))
        .then(|| head.to_string())
}

/// Words in a title that say the paper is about data.
pub(super) static TITLE_CUE: LazyLock<Regex> = LazyLock::new(|| {
    crate::text::regex(r"(?i)(?-u:\b)(data ?sets?|corpus|corpora|benchmarks?|database|challenge|collection|treebank|questions|suite|shared task|reading comprehension|evaluation)(?-u:\b)")
        .expect("valid regex")
});

/// The name right before a callout: one to four capitalised or digit-bearing words ("Dakshina",
/// "the Penn Treebank", "Hateful Memes"), the generic noun and "the" aside.
pub(super) fn name_before(text: &str, at: usize) -> Option<String> {
    let window_start = text.floor_char_boundary(at.saturating_sub(80));
    let before = text[window_start..at].trim_end();
    let mut words: Vec<&str> = Vec::new();
    for w in before.split_whitespace().rev() {
        let bare = w.trim_matches(|c: char| !c.is_alphanumeric());
        if bare.is_empty() || w.ends_with(['.', ',', ';', ':', ')']) && !words.is_empty() {
            break;
        }
        let name_like = bare.chars().next().is_some_and(|c| c.is_uppercase() || c.is_ascii_digit());
        if words.is_empty() && text::is_generic_noun(bare) {
            words.push(w);
            continue;
        }
        if !name_like || words.len() >= 5 {
            break;
        }
        words.push(w);
    }
    words.reverse();
    let name = clean_name(&words.join(" "));
    let name = name.trim_end_matches(|c: char| !c.is_alphanumeric()).to_string();
    let words_left: Vec<&str> = name.split_whitespace().filter(|w| !text::is_generic_noun(w)).collect();
    (!words_left.is_empty()).then(|| words_left.join(" "))
}

pub(super) fn clean_name(name: &str) -> String {
    // Tokenised text spaces out hyphens: "T - LESS" is T-LESS.
    let joined = SPACED_HYPHEN.replace_all(name, "$1-$2");
    let words: Vec<&str> = joined.split_whitespace().collect();
    let lo = words
        .iter()
        .position(|w| {
            !matches!(
                w.to_lowercase().as_str(),
                "the" | "a" | "an" | "our" | "this" | "these" | "and" | "of" | "on" | "in" | "for" | "-"
            )
        })
        .unwrap_or(words.len());
    let hi = words
        .iter()
        .rposition(|w| !matches!(w.to_lowercase().as_str(), "the" | "and" | "of" | "on" | "in" | "for" | "-"))
        .map_or(lo, |i| i + 1);
    words[lo..hi.max(lo)].join(" ").trim_matches(|c: char| !c.is_alphanumeric() && c != ')' && c != '+').to_string()
}

/// A discovered name must look like a proper name and not be a model, metric, task or phrase.
pub(super) fn acceptable_name(name: &str) -> bool {
    !ambiguity::is_common_term(name) && shaped_as_a_name(name)
}

/// A name that is no model, metric, task or phrase; an ordinary word or term may be one, where
/// something else says it is data (a table's "Dataset" column).
pub(super) fn shaped_as_a_name(name: &str) -> bool {
    let key = text::dataset_key(name);
    if key.len() < 2 || key.len() > 60 || key.chars().all(|c| c.is_ascii_digit()) {
        return false;
    }
    let first = name.split_whitespace().next().unwrap_or("");
    let first_key = text::key(first);
    if NOT_DATASETS.contains(&key.as_str())
        || name.split_whitespace().any(|w| NOT_DATASETS.contains(&text::key(w).as_str()))
    {
        return false;
    }
    if GENERIC_FIRST.contains(&first_key.as_str()) {
        return false;
    }
    // A model's name joined to another word or to its depth is still a model: "Resnet-50",
    // "ResNet50", "DNN-HMM", "S-LSTM".
    let architecture = |w: &str| ARCHITECTURES.contains(&text::key(w).trim_end_matches(|c: char| c.is_ascii_digit()));
    if architecture(name) || name.split(['-', ' ']).any(architecture) {
        return false;
    }
    // A section label ("A.1 Dataset") or a lone letter is no name.
    let label = first.len() <= 5
        && first.chars().next().is_some_and(|c| c.is_ascii_uppercase())
        && first[1..].chars().all(|c| c.is_ascii_digit() || c == '.');
    if label && name.split_whitespace().count() > 1 {
        return false;
    }
    // A record's accession number ("MIM 123456"): an entry of a database, not a dataset.
    let words: Vec<&str> = name.split_whitespace().collect();
    let accession = words.len() == 2
        && words[1].len() >= ACCESSION_MIN_DIGITS
        && text::key(words[1]) == words[1]
        && words[1].chars().all(|c| c.is_ascii_digit());
    // A digit-led name is a quantity ("10K images"), not a dataset.
    !accession && !first.chars().next().is_some_and(|c| c.is_ascii_digit())
}

/// Digits of the number after a word from which the two are an accession number: dataset names
/// carry years and sizes of up to four digits ("Caltech 101", "Market 1501", "COCO 2017").
const ACCESSION_MIN_DIGITS: usize = 5;

/// Words that start generic phrases ("Training dataset", "Our corpus").
pub(super) static GENERIC_FIRST: LazyLock<Vec<&'static str>> =
    LazyLock::new(|| ambiguity::word_list(include_str!("../../../data/words/generic-first.txt")).collect());

/// Model architectures, which name no data even as part of a hyphenated name.
pub(super) static ARCHITECTURES: LazyLock<Vec<&'static str>> =
    LazyLock::new(|| ambiguity::word_list(include_str!("../../../data/words/architectures.txt")).collect());

/// Models, metrics, tasks and tools that "X dataset" patterns pick up (architectures aside:
/// [`ARCHITECTURES`] are checked in every part of a name).
pub(super) static NOT_DATASETS: LazyLock<Vec<&'static str>> =
    LazyLock::new(|| ambiguity::word_list(include_str!("../../../data/words/not-datasets.txt")).collect());
