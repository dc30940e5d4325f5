//! Roles: whether the paper introduces, uses or only mentions each dataset it names, with the
//! sentence that says so.
//!
//! Rules, in order: *introduced* where a sentence naming the dataset says the paper releases it
//! ("we collect", "we release", "our new benchmark") and does not cite someone else for it
//! ("X (Author, 2019), a ... dataset" is that author's); *used* where a sentence outside related
//! work says the paper trains, fine-tunes, pre-trains, evaluates or reports results on it, or a
//! table of the paper's own results lists it; else *mentioned*. A title naming the dataset is
//! not enough alone.

use std::sync::LazyLock;

use regex::Regex;
use serde::Serialize;

use super::callouts::Callout;
use super::mentions::{callout_after, Mention};
use super::sections::SectionKind;
use super::Role;

/// A role, the rule that gave it and the byte range of the sentence that shows it.
#[derive(Debug, Clone, Serialize)]
pub struct RoleDecision {
    pub role: Role,
    pub rule: &'static str,
    /// The sentence, where a rule read one.
    pub evidence: Option<(usize, usize)>,
}

/// The paper says it makes the data: "we introduce a new corpus", "our dataset".
static RELEASES: LazyLock<Regex> = LazyLock::new(|| {
    crate::text::regex(r"(?i)(?-u:\b)(?:we|this paper|this work|here we|in this paper,? we)(?-u:\b)[^.]{0,80}?(?-u:\b)(?:introduce|present|release|collect|construct|create|build|contribute|publish|curate|crowdsource|compile|gather|propose)\w*(?-u:\b)[^.]{0,100}?(?-u:\b)(?:data ?sets?|corpus|corpora|benchmarks?|collection|database|resource|testbed|suite|challenge|treebank)(?-u:\b)|(?-u:\b)our (?:new |proposed |own )?(?:data ?set|corpus|benchmark|collection)(?-u:\b)|(?-u:\b)(?:refer to|call|name|dub) (?:this|the resulting|our) (?:new )?(?:data ?set|corpus|benchmark|collection)(?-u:\b)")
        .expect("valid regex")
});

/// The paper does something with the data: a use verb and its preposition, results on it, or
/// one of its splits.
static USES: LazyLock<Regex> = LazyLock::new(|| {
    crate::text::regex(r"(?i)(?-u:\b)(?:(?:train|pre-?train|fine-?tun|evaluat|test|experiment|benchmark|validat)\w*(?:\s+\S+){0,4}?\s+(?:on|using|with|over|against|from|in)|we (?:also )?(?:use|used|employ|adopt|utili[sz]e|choose|select|consider|report)|(?:results?|accuracy|performance|scores?|F1|BLEU|ROUGE|perplexity|error rates?|improvements?|gains?)(?:\s+\S+){0,5}?\s+(?:on|for)|(?:test|dev|development|validation|training|train|held-out) (?:set|split|data)|is used|are used|was used|were used)(?-u:\b)")
        .expect("valid regex")
});

/// Words that describe another's data rather than the paper's use of it.
static OTHERS: LazyLock<Regex> = LazyLock::new(|| {
    crate::text::regex(r"(?i)(?-u:\b)(?:such as|similar to|compared (?:to|with)|other (?:data ?sets|corpora|benchmarks)|previous(?:ly)? work|prior work|recent work|previous works|e\.g\.|for example|introduced (?:in|by)|described in|reproduction of|recreation of|extension of|extends|derived from|unlike|in contrast to|instead of|rather than|(?:already )?existing|previously used)(?-u:\b)")
        .expect("valid regex")
});

/// How near a name the words that make it another's data must stand to count without a
/// citation: "such as X", "which extends the X benchmark", "the X corpus described in".
const DESCRIBED_REACH: usize = 50;

/// Whether words right around the mention describe another's data ([`OTHERS`]).
fn described_nearby(text: &str, m: &Mention) -> bool {
    let before = &text[text.floor_char_boundary(m.start.saturating_sub(DESCRIBED_REACH)).max(m.sentence.0)..m.start];
    let after = &text[m.end..text.ceil_char_boundary((m.end + DESCRIBED_REACH).min(m.sentence.1)).max(m.end)];
    OTHERS.find_iter(before).last().is_some_and(|c| !before[c.end()..].contains([',', ';', '(']))
        || OTHERS.find(after).is_some_and(|c| !after[..c.start()].contains([',', ';', '.']))
}

/// How far from the words that say the paper releases data its name may stand: "we release
/// FooQA, a new dataset", "a new corpus, FooQA"; further away it is another dataset of the sentence.
const RELEASE_REACH: usize = 40;

/// Where a dataset is only named, its role is this one.
const DEFAULT: RoleDecision = RoleDecision { role: Role::Mentioned, rule: "named only", evidence: None };

/// Decides the role of one dataset from its mentions.
pub fn decide(text: &str, mentions: &[&Mention], callouts: &[Callout]) -> RoleDecision {
    let someone_elses = |m: &Mention| callout_after(text, m.end, callouts).is_some() || cited_author_after(text, m.end);
    for m in mentions {
        crate::deadline::check();
        let sentence = &text[m.sentence.0..m.sentence.1];
        let counted = !matches!(m.section, SectionKind::RelatedWork | SectionKind::References);
        let (at, end) = (m.start - m.sentence.0, m.end - m.sentence.0);
        let released = RELEASES
            .find_iter(sentence)
            .any(|r| r.start().saturating_sub(RELEASE_REACH) <= at && end <= r.end() + RELEASE_REACH);
        if counted && released && !someone_elses(m) && !sentence.contains(" et al") && !described_nearby(text, m) {
            return RoleDecision { role: Role::Introduced, rule: "the paper releases it", evidence: Some(m.sentence) };
        }
    }
    for m in mentions {
        crate::deadline::check();
        if matches!(m.section, SectionKind::RelatedWork | SectionKind::References) {
            continue;
        }
        let sentence = &text[m.sentence.0..m.sentence.1];
        // "a corpus such as X (Author, 2013)", "similar to X": another's data, described.
        let described = someone_elses(m) && OTHERS.is_match(sentence) || described_nearby(text, m);
        if described {
            continue;
        }
        // Sections under headings of their own ("4.2 Results on GLUE") are most often the paper's
        // own experiments too.
        if m.section.is_own_work() || m.section == SectionKind::Other {
            return RoleDecision {
                role: Role::Used,
                rule: "the paper's own method or experiments name it",
                evidence: Some(m.sentence),
            };
        }
        if USES.is_match(sentence) {
            return RoleDecision { role: Role::Used, rule: "a sentence uses it", evidence: Some(m.sentence) };
        }
        let line = line_at(text, m.start);
        let table_row = text[line.0..line.1].contains(" | ");
        if table_row && (m.section.is_own_work() || m.section == SectionKind::Other) {
            return RoleDecision { role: Role::Used, rule: "a table of results lists it", evidence: Some(line) };
        }
    }
    DEFAULT
}

/// "(Smith et al., 2019)" or "(Smith, 2019)" right after a name, as text a callout finder may
/// have left.
fn cited_author_after(text: &str, end: usize) -> bool {
    static AUTHOR_YEAR: LazyLock<Regex> = LazyLock::new(|| {
        crate::text::regex(r"^\s*\(\p{Lu}[\p{L}'’-]+(?: et al\.?| and \p{Lu}[\p{L}'’-]+)?,? (?:19|20)\d\d")
            .expect("valid regex")
    });
    AUTHOR_YEAR.is_match(&text[end..])
}

fn line_at(text: &str, at: usize) -> (usize, usize) {
    let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let end = text[at..].find('\n').map_or(text.len(), |i| at + i);
    (start, end)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::DatasetRef;

    fn mention(text: &str, name: &str, nth: usize, section: SectionKind) -> Mention {
        let start = text.match_indices(name).nth(nth).unwrap().0;
        Mention {
            dataset: DatasetRef::Discovered(name.to_lowercase()),
            surface: name.to_string(),
            start,
            end: start + name.len(),
            section,
            sentence: super::super::mentions::sentence_at(text, start),
            name: None,
            evidence: None,
        }
    }

    fn role(text: &str, name: &str, sections: &[SectionKind]) -> Role {
        let ms: Vec<Mention> = sections.iter().enumerate().map(|(i, &s)| mention(text, name, i, s)).collect();
        decide(text, &ms.iter().collect::<Vec<_>>(), &[]).role
    }

    #[test]
    fn releasing_is_introducing_but_citing_is_not() {
        let t = "We release FooQA, a new dataset of questions. We train on FooQA.";
        assert_eq!(role(t, "FooQA", &[SectionKind::Introduction, SectionKind::Experiments]), Role::Introduced);
        let t = "We build on BarQA (Smith et al., 2019), a long-form QA dataset. We collect nothing.";
        assert_eq!(role(t, "BarQA", &[SectionKind::Introduction]), Role::Mentioned);
    }

    #[test]
    fn training_and_evaluating_is_using() {
        let t = "Models are fine-tuned on BazNLI and we report accuracy. BazNLI is large.";
        assert_eq!(role(t, "BazNLI", &[SectionKind::Experiments, SectionKind::Experiments]), Role::Used);
        let t = "Prior work studied BazNLI in depth. BazNLI is large.";
        assert_eq!(role(t, "BazNLI", &[SectionKind::Introduction, SectionKind::Introduction]), Role::Mentioned);
        let t = "Smith et al. trained models on BazNLI.";
        assert_eq!(role(t, "BazNLI", &[SectionKind::RelatedWork]), Role::Mentioned);
    }

    #[test]
    fn data_described_as_another_s_is_not_used() {
        let t = "We train on a corpus larger than others such as BazNLI. We then run our model.";
        assert_eq!(role(t, "BazNLI", &[SectionKind::Experiments]), Role::Mentioned);
        let t = "We collect web pages and refer to this dataset as WebPix. WebPix is large.";
        assert_eq!(role(t, "WebPix", &[SectionKind::Method, SectionKind::Method]), Role::Introduced);
    }
}
