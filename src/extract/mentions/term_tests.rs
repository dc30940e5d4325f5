//! Registry names that are also words or terms: counted only with evidence, and never against
//! the paper's own definition.

use crate::extract::callouts::{self, Callout};
use crate::extract::references::{self, Reference};
use crate::extract::sections::{self, Layout};
use crate::extract::DatasetRef;
use crate::registry::{parse_csv, Registry};
use crate::text::Folded;

fn registry() -> Registry {
    let csv = "name,aliases,family,version,needs_context,intro_title,intro_author,intro_year\n\
               Statlog DNA,DNA,,,DNA,,,\n\
               Children's Book Test,CBT,,,,,Hill,2016\n\
               Adult,Census Income,,,,,Kohavi,1996\n\
               MNIST,,,,,,,\n\
               Pole Telecom,Pol,,,Pol,,,\n";
    Registry::new(parse_csv("t", csv, None).unwrap())
}

/// Reads a small paper as the pipeline does and hands its parts to `f`.
fn with_paper<T>(text: &str, f: impl FnOnce(&Folded, &Layout, &[Callout], &[Reference], &Registry) -> T) -> T {
    let r = registry();
    let layout = sections::split(text, None);
    let refs = layout.references_range().map_or_else(Vec::new, |(s, e)| references::split(text, s, e));
    let calls = callouts::find(text, &layout, &refs);
    f(&Folded::new(text), &layout, &calls, &refs, &r)
}

fn found(text: &str) -> Vec<String> {
    let mut names: Vec<String> = with_paper(text, |folded, layout, calls, refs, r| {
        super::find(text, folded, layout, calls, refs, r)
            .iter()
            .filter_map(|m| match m.dataset {
                DatasetRef::Known(i) => Some(r.entries[i].name.clone()),
                DatasetRef::Discovered(_) => None,
            })
            .collect()
    });
    names.dedup();
    names
}

#[test]
fn a_term_in_running_text_is_no_dataset() {
    let t = "Title\n\n1 Methods\nWe test DNA methylation in samples and train models on HIV-infected cells. \
             The Adult participants gave consent and the data were evaluated.\n";
    assert!(found(t).is_empty(), "{:?}", found(t));
}

#[test]
fn a_term_with_evidence_is_the_dataset() {
    let t = "Title\n\n1 Experiments\nWe report accuracy on the DNA dataset. We train on Adult and MNIST.\n";
    assert_eq!(found(t), ["Statlog DNA", "Adult", "MNIST"]);
}

#[test]
fn the_papers_own_acronym_overrides_the_registry() {
    let t = "Title\n\n1 Method\nWe propose a Crosstab based technique (CBT). On the test set, CBT improves accuracy.\n";
    assert!(found(t).is_empty(), "{:?}", found(t));
    let t = "Title\n\n1 Experiments\nWe evaluate on the Children's Book Test (CBT). Results on CBT are in Table 2.\n";
    assert_eq!(found(t), ["Children's Book Test"]);
}

#[test]
fn a_short_name_split_between_letters_and_number_needs_evidence() {
    assert!(super::known::split_short_name("B/100", "B100"));
    assert!(super::known::split_short_name("B - 100", "B100"));
    assert!(!super::known::split_short_name("IJB - A", "IJB-A"));
    assert!(!super::known::split_short_name("B100", "B100"));
}

/// Each candidate's decision, as `extract --explain` prints it: (candidate, accepted, rule).
fn decisions(text: &str) -> Vec<(String, bool, &'static str)> {
    with_paper(text, |folded, layout, calls, refs, r| {
        let (mentions, decisions) = super::find_explained(text, folded, layout, calls, refs, r);
        assert_eq!(mentions.len(), super::find(text, folded, layout, calls, refs, r).len());
        decisions.into_iter().map(|d| (d.candidate, d.accepted, d.rule)).collect()
    })
}

#[test]
fn every_candidate_carries_the_rule_that_decided_it() {
    let t = "Title\n\n1 Methods\nWe measure DNA methylation. We train on MNIST and on the Okafor Scenes \
             dataset, then test on Okafor Scenes again.\n";
    let got = decisions(t);
    assert!(got.contains(&("DNA".into(), false, "an ordinary word or term without evidence")), "{got:?}");
    assert!(got.contains(&("MNIST".into(), true, "written as the registry writes it")), "{got:?}");
    assert!(
        got.iter().any(|(c, ok, rule)| c == "Okafor Scenes" && *ok && *rule == "stands twice within sentences"),
        "{got:?}"
    );
}

#[test]
fn the_papers_own_acronym_is_rejected_by_name() {
    let t = "Title\n\n1 Methods\nWe propose a crosstab based technique (CBT). CBT improves the results on our data.\n";
    let got = decisions(t);
    assert!(
        got.iter().any(|(c, ok, rule)| c == "CBT" && !ok && *rule == "the paper defines it as something else"),
        "{got:?}"
    );
}

#[test]
fn a_short_title_case_name_is_a_word_without_evidence() {
    let t = "Title\n\n1 Methods\nThe second example is a van der Pol oscillator. We also knock out the Pol gene.\n";
    assert!(found(t).is_empty(), "{:?}", found(t));
    let t = "Title\n\n1 Data\nWe train on the Pol dataset and report results on it.\n";
    assert_eq!(found(t), ["Pole Telecom"]);
}
