//! Callouts: the places in the body that cite the reference list, numeric ("[3]", "[3, 5-7]",
//! "(3)", superscripts) or author-year ("(Deng et al., 2009)", "Deng et al. (2009a)"), each
//! resolved to the entries it names, with the rule that resolved it. Numbers are mapped to
//! entries for the paper as a whole ([`align`]), so a lost or split entry shifts nothing.

pub mod align;
pub mod author_year;
pub mod numeric;

use std::sync::LazyLock;

use regex::Regex;
use serde::Serialize;

use super::references::Reference;
use super::sections::{Layout, SectionKind};

/// One citation in the body, and the entries it resolves to.
#[derive(Debug, Clone, Serialize)]
pub struct Callout {
    pub start: usize,
    pub end: usize,
    /// Indices into the reference list, in the order the callout names them; empty where the
    /// paper's evidence could not tell which entries it names.
    pub targets: Vec<usize>,
    /// How the targets were found.
    pub rule: &'static str,
}

pub const AUTHOR_YEAR: &str = "author-year callout";
pub const NARRATIVE: &str = "narrative author-year callout";

// A name: "Deng", "Fei-Fei", "De Meulder", "van der Maaten", "Tjong Kim Sang", "O'Neil".
pub(crate) const NAME: &str =
    r"(?:(?:van|von|de|der|den|del|la|le|da|di|dos|du)\s+)*\p{Lu}[\p{L}'’-]+(?:\s+\p{Lu}[\p{L}'’-]+){0,2}";

/// Finds and resolves every callout outside the reference list.
pub fn find(text: &str, layout: &Layout, refs: &[Reference]) -> Vec<Callout> {
    let in_body = |pos: usize| layout.kind_at(pos) != SectionKind::References;
    let mut out: Vec<Callout> = author_year::find(text, &in_body, refs)
        .into_iter()
        .map(|f| Callout {
            start: f.start,
            end: f.end,
            targets: f.targets,
            rule: if f.narrative { NARRATIVE } else { AUTHOR_YEAR },
        })
        .collect();
    if refs.is_empty() {
        return out;
    }
    let resolved_author_year = out.iter().filter(|c| !c.targets.is_empty()).count();
    let candidates = numeric::candidates(text, &in_body);
    let styles = numeric::styles(&candidates, refs.len(), resolved_author_year);
    let overlaps = |g: &numeric::Group, out: &[Callout]| out.iter().any(|o| o.start < g.end && g.start < o.end);
    let groups: Vec<numeric::Group> =
        candidates.into_iter().filter(|g| styles.contains(&g.kind) && !overlaps(g, &out)).collect();
    let numbers = align::build(text, refs, &groups);
    for g in groups {
        crate::deadline::check();
        let found: Vec<align::Target> = g.numbers.iter().filter_map(|&n| numbers.get(n)).collect();
        // Numbers past the list ("[2019]", a footnote mark) are no callout.
        if found.is_empty() && g.numbers.iter().all(|&n| n == 0 || n as usize > refs.len() + 1) {
            continue;
        }
        let mut targets: Vec<usize> = Vec::new();
        for t in &found {
            if !targets.contains(&t.entry) {
                targets.push(t.entry);
            }
        }
        let rule = found.first().map_or(align::BY_POSITION, |t| t.rule);
        out.push(Callout { start: g.start, end: g.end, targets, rule });
    }
    out.sort_by_key(|c| c.start);
    out
}

/// Every pattern of this module, so that they can be compiled ahead of use ([`super::compile_patterns_in_background`]).
pub(super) static PATTERNS: [&LazyLock<Regex>; 6] = [
    numeric::PATTERNS[0],
    numeric::PATTERNS[1],
    align::PATTERNS[0],
    author_year::PATTERNS[0],
    author_year::PATTERNS[1],
    author_year::PATTERNS[2],
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::{references, sections};

    fn run(body: &str, list: &str) -> (String, Vec<Callout>, Vec<Reference>) {
        let text = format!("Title\n\n1 Introduction\n{body}\n\nReferences\n{list}");
        let layout = sections::split(&text, None);
        let (s, e) = layout.references_range().unwrap();
        let refs = references::split(&text, s, e);
        let callouts = find(&text, &layout, &refs);
        (text, callouts, refs)
    }

    const AUTHOR_YEAR: &str =
        "- Ada Okafor, Bo Lund, and Cy Marsh. 2009. A first collection of pictures. In Proc. One.\n\
- Dan Quist and Eva Rhee. 2009. Small images of many things. Technical report.\n\
- Fay Soto, Gus Tran, and Hal Umar. 2018a. A suite of language tasks. In Workshop Two.\n\
- Fay Soto, Ike Vance, and Hal Umar. 2019. A harder suite of tasks. In Proc. Three.\n\
- Jo Erik van der Wal and Kim De Bruin. 2003. A shared task on names. In Proc. Four.\n\
- Ada Okafor and Bo Lund. 2011. A second collection of pictures. In Proc. Five.\n";

    #[test]
    fn author_year_callouts_resolve() {
        let (_, c, refs) = run(
            "One set (Okafor et al., 2009) and another (Quist and Rhee, 2009; Soto et al., 2018a). \
             As Soto et al. (2019) show, names (van der Wal and De Bruin, 2003) are old (Okafor et al., 2009, 2011).",
            AUTHOR_YEAR,
        );
        let targets: Vec<Vec<usize>> = c.iter().map(|c| c.targets.clone()).collect();
        assert_eq!(
            targets,
            vec![vec![0], vec![1, 2], vec![3], vec![4], vec![0, 5]],
            "{:?}",
            refs.iter().map(|r| (&r.parsed.authors, r.parsed.year)).collect::<Vec<_>>()
        );
    }

    #[test]
    fn run_together_author_fields_still_resolve() {
        // A list whose names lost their spaces: the first surname still opens each entry.
        let list = "Okafor S.M.Lund N.R.2011 A first study of things. J. One.4:1–9\n\
                    Pérez-Lund A.B.Okafor C.2013 A second study. J. Two.7:3–8\n";
        let (_, c, refs) = run("As shown before (Okafor and Lund, 2011; Pérez-Lund et al., 2013).", list);
        assert_eq!(c[0].targets, vec![0, 1], "{:?}", refs.iter().map(|r| (&r.raw, r.parsed.year)).collect::<Vec<_>>());
    }

    #[test]
    fn numeric_callouts_with_ranges() {
        let list = "[1] A. One. First title. 2001.\n[2] B. Two. Second title. 2002.\n[3] C. Three. Third title. 2003.\n[4] D. Four. Fourth title. 2004.\n";
        let (_, c, _) = run("See [1], [2, 4] and [1]-[3].", list);
        let targets: Vec<Vec<usize>> = c.iter().map(|c| c.targets.clone()).collect();
        assert_eq!(targets, vec![vec![0], vec![1, 3], vec![0, 1, 2]]);
    }

    #[test]
    fn a_lost_entry_does_not_shift_named_links() {
        // Entry 2 was lost when the list was extracted: "[3]" is now the second entry.
        let list =
            "- A. One. First title. 2001.\n- C. Krizhevsky. Tiny images. 2009.\n- D. Four. Fourth title. 2004.\n";
        let (_, c, _) = run("CIFAR as in Krizhevsky et al. [3].", list);
        assert_eq!(c[0].targets, vec![1]);
    }
}

#[cfg(test)]
mod props {
    use super::*;
    use crate::extract::{references, sections};
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn callouts_point_inside_the_reference_list(body in "(\\PC|\\[[0-9, -]{1,8}\\]|\\([A-Z][a-z]+ et al\\., (19|20)[0-9]{2}\\)){0,40}") {
            let text = format!("Title\n\n1 Intro\n{body}\n\nReferences\n[1] A. Deng. Title one. 2009.\n[2] B. Krizhevsky. Title two. 2009.\n");
            let layout = sections::split(&text, None);
            let refs = layout.references_range().map_or(vec![], |(s, e)| references::split(&text, s, e));
            for c in find(&text, &layout, &refs) {
                prop_assert!(c.targets.iter().all(|&t| t < refs.len()));
                prop_assert!(c.start < c.end && c.end <= text.len());
            }
        }
    }
}
