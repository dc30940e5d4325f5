//! Sections: the title, the headings that split a paper, and the kind of each part.
//!
//! Kinds: abstract, related work, experiments, the reference list, appendices, ...

use serde::Serialize;

/// What a part of a paper is, as far as dataset roles and reference parsing care.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SectionKind {
    /// Title and anything before the first heading.
    Front,
    Abstract,
    Introduction,
    RelatedWork,
    Method,
    Experiments,
    Conclusion,
    Acknowledgements,
    Footnotes,
    References,
    Appendix,
    Other,
}

impl SectionKind {
    /// Sections whose dataset mentions are usually about the paper's own work.
    pub fn is_own_work(self) -> bool {
        matches!(self, SectionKind::Method | SectionKind::Experiments | SectionKind::Appendix)
    }
}

/// A part of the paper: its heading and its byte range (heading line included).
#[derive(Debug, Clone, Serialize)]
pub struct Section {
    pub kind: SectionKind,
    pub heading: String,
    pub start: usize,
    pub end: usize,
}

/// The paper's title and sections, in order, covering the whole text.
#[derive(Debug, Clone)]
pub struct Layout {
    pub title: Option<String>,
    pub sections: Vec<Section>,
}

impl Layout {
    /// The section holding byte `offset`.
    pub fn section_at(&self, offset: usize) -> Option<&Section> {
        let i = self.sections.partition_point(|s| s.start <= offset);
        i.checked_sub(1).map(|i| &self.sections[i]).filter(|s| offset < s.end)
    }

    pub fn kind_at(&self, offset: usize) -> SectionKind {
        self.section_at(offset).map_or(SectionKind::Other, |s| s.kind)
    }

    /// Ends the reference list at byte `end` (after its last entry): what follows it there is an
    /// appendix, whose dataset mentions count.
    pub fn end_references_at(&mut self, end: usize) {
        let Some(i) = self.sections.iter().rposition(|s| s.kind == SectionKind::References) else { return };
        let old_end = self.sections[i].end;
        if end >= old_end || end <= self.sections[i].start {
            return;
        }
        self.sections[i].end = end;
        let appendix = Section { kind: SectionKind::Appendix, heading: String::new(), start: end, end: old_end };
        self.sections.insert(i + 1, appendix);
    }

    /// Marks bytes `start..end` inside a section as a part of another kind (a footnote that
    /// strayed into the reference list, say), splitting the section around it.
    pub fn carve(&mut self, start: usize, end: usize, kind: SectionKind) {
        let Some(i) = self.sections.iter().position(|s| s.start <= start && end <= s.end && start < end) else {
            return;
        };
        let outer = self.sections[i].clone();
        let mut parts = Vec::with_capacity(3);
        if outer.start < start {
            parts.push(Section { end: start, ..outer.clone() });
        }
        parts.push(Section { kind, heading: String::new(), start, end });
        if end < outer.end {
            parts.push(Section { start: end, ..outer });
        }
        self.sections.splice(i..=i, parts);
    }

    /// The byte range of the reference list (after its heading), if the paper has one.
    pub fn references_range(&self) -> Option<(usize, usize)> {
        let mut parts = self.sections.iter().filter(|s| s.kind == SectionKind::References);
        let first = parts.next()?;
        let end = parts.next_back().map_or(first.end, |s| s.end);
        Some((first.start, end))
    }
}

/// Splits a paper into sections. `known_title` is the reader's title where the format states one.
pub fn split(text: &str, known_title: Option<&str>) -> Layout {
    let mut headings: Vec<(usize, SectionKind, String)> = Vec::new();
    let mut title = known_title.map(str::to_string);
    let mut in_references = false;
    let mut offset = 0;
    for raw_line in text.split_inclusive('\n') {
        crate::deadline::check();
        let line_start = offset;
        offset += raw_line.len();
        let line = raw_line.trim();
        if line.is_empty() {
            continue;
        }
        if title.is_none() {
            title = Some(line.trim_start_matches('#').trim().to_string());
            continue;
        }
        if let Some((kind, heading)) = heading_of(line, in_references) {
            // An appendix that follows the reference list is an appendix, whatever its name.
            let kind = if in_references && kind != SectionKind::References { SectionKind::Appendix } else { kind };
            let kind = match (kind, headings.iter().any(|h| h.1 == SectionKind::References)) {
                (SectionKind::Other, true) => SectionKind::Appendix,
                (k, _) => k,
            };
            in_references = kind == SectionKind::References;
            headings.push((line_start, kind, heading));
        }
    }
    let mut sections = Vec::with_capacity(headings.len() + 1);
    let first = headings.first().map_or(text.len(), |h| h.0);
    sections.push(Section { kind: SectionKind::Front, heading: String::new(), start: 0, end: first });
    for (i, (start, kind, heading)) in headings.iter().enumerate() {
        let end = headings.get(i + 1).map_or(text.len(), |h| h.0);
        sections.push(Section { kind: *kind, heading: heading.clone(), start: *start, end });
    }
    Layout { title: title.filter(|t| !t.is_empty()), sections }
}

/// The heading a line is, if it is one: its kind and its text without numbering.
fn heading_of(line: &str, in_references: bool) -> Option<(SectionKind, String)> {
    let (markdown, line) = match line.strip_prefix('#') {
        Some(rest) => (true, rest.trim_start_matches('#').trim()),
        None => (false, line),
    };
    if line.len() > 90 || line.is_empty() {
        return None;
    }
    let bare = line.trim_end_matches(':').trim();
    let spaced_out = letter_spaced(bare);
    let bare = spaced_out.as_deref().unwrap_or(bare);
    let (numbered, words) = strip_numbering(bare);
    if words.is_empty() {
        return None;
    }
    let kind = kind_of(words);
    if kind != SectionKind::Other {
        // A known heading: numbered, or a Markdown heading, or a short title-like line.
        // A line that ends in a hyphen or holds a URL's slashes is text wrapped over lines.
        let wrapped = words.ends_with('-') || words.contains('/');
        let short = words.split_whitespace().count() <= 5 && !words.ends_with('.') && !words.ends_with(',') && !wrapped;
        let titled = words.chars().next().is_some_and(char::is_uppercase);
        // Inside a reference list a wrapped venue line ("International Workshop on Semantic
        // Evaluations") is title case too: there the heading must open with its keyword.
        let unnumbered_ok = short && titled && (kind_at_start(words) || !in_references && is_title_case(words));
        // "A harder suite of tasks ..." is a title's second line, not heading "A": heading words
        // open with a capital.
        return (markdown || numbered.is_some() && short && titled || unnumbered_ok).then(|| (kind, words.to_string()));
    }
    if markdown {
        return Some((SectionKind::Other, words.to_string()));
    }
    // Inside a reference list, "12. Smith, J." looks like a numbered heading: only known
    // headings and appendix letters end a reference list there.
    if in_references {
        return appendix_letter(bare).then(|| (SectionKind::Appendix, words.to_string()));
    }
    (numbered.is_some() && looks_like_heading_words(words)).then(|| (SectionKind::Other, words.to_string()))
}

/// "R E F E R E N C E S" → "REFERENCES": a heading set with its letters spaced out.
fn letter_spaced(line: &str) -> Option<String> {
    let letters: Vec<&str> = line.split(' ').filter(|w| !w.is_empty()).collect();
    (letters.len() >= 5 && letters.iter().all(|w| w.chars().count() == 1 && w.chars().all(char::is_alphabetic)))
        .then(|| letters.concat())
}

/// "3.2 Datasets" → (Some("3.2"), "Datasets"); "A Appendix" → (Some("A"), "Appendix").
fn strip_numbering(line: &str) -> (Option<&str>, &str) {
    let Some((first, rest)) = line.split_once(char::is_whitespace) else {
        return (None, line);
    };
    let label = first.trim_end_matches('.');
    let numeric = !label.is_empty()
        && label.split('.').all(|p| !p.is_empty() && p.len() <= 2 && p.chars().all(|c| c.is_ascii_digit()))
        && label.split('.').next().is_some_and(|p| p.parse::<u32>().is_ok_and(|n| (1..=20).contains(&n)));
    let roman =
        matches!(label, "I" | "II" | "III" | "IV" | "V" | "VI" | "VII" | "VIII" | "IX" | "X") && first.ends_with('.');
    let lettered = label.len() == 1 && label.chars().all(|c| c.is_ascii_uppercase())
        || (label.len() >= 3
            && label.as_bytes()[0].is_ascii_uppercase()
            && label.as_bytes()[1] == b'.'
            && label[2..].split('.').all(|p| p.chars().all(|c| c.is_ascii_digit()) && !p.is_empty()));
    if numeric || roman || lettered {
        (Some(first), rest.trim())
    } else {
        (None, line)
    }
}

/// An appendix heading met inside a reference list: "Appendix ...", "Supplementary ...", or the
/// first lettered heading "A Proofs" / "A.1 Details". A name's initial is no letter heading:
/// "B. Aubert" or "P. Clark and O. Etzioni" start entries, so only "A" counts, and "A." (with
/// its period, as initials are written) only before a heading of three words or more.
fn appendix_letter(line: &str) -> bool {
    let (num, words) = strip_numbering(line);
    if words.contains(", ") {
        return false;
    }
    let lower = words.to_lowercase();
    if lower.starts_with("appendix") || lower.starts_with("supplementary") {
        return true;
    }
    let Some(num) = num else { return false };
    let first_appendix = num.starts_with('A') && (num == "A" || num.starts_with("A.") && num.len() > 2);
    let with_period = num == "A.";
    first_appendix && !with_period && looks_like_heading_words(words)
        || with_period && words.split_whitespace().count() >= 3 && looks_like_heading_words(words)
}

/// A heading's words: short, starting with a capital, not a sentence.
fn looks_like_heading_words(words: &str) -> bool {
    let n = words.split_whitespace().count();
    (1..=12).contains(&n)
        && words.chars().next().is_some_and(|c| c.is_uppercase())
        && !words.ends_with('.')
        && !words.ends_with(',')
        // "Author. 2007. Proceedings of ...": sentences inside make an entry, not a heading.
        && !words.contains(". ")
        && words.chars().filter(|c| c.is_ascii_digit()).count() * 3 < words.len()
}

/// The heading's first word is itself a section keyword ("Experiments", "Results and Analysis").
fn kind_at_start(words: &str) -> bool {
    let first = words.split_whitespace().next().unwrap_or("");
    kind_of(first) != SectionKind::Other || matches!(words.to_lowercase().as_str(), w if w.starts_with("related work"))
}

/// Every word of four letters or more starts with a capital ("Experimental Setup").
fn is_title_case(words: &str) -> bool {
    words.split_whitespace().filter(|w| w.len() >= 4).all(|w| w.chars().next().is_some_and(|c| c.is_uppercase()))
}

fn kind_of(words: &str) -> SectionKind {
    let w = words.to_lowercase();
    let w = w.trim();
    let starts = |p: &str| w.starts_with(p);
    if matches!(w, "references" | "bibliography" | "literature cited" | "works cited" | "reference")
        || starts("references and notes")
    {
        SectionKind::References
    } else if w == "abstract" {
        SectionKind::Abstract
    } else if starts("introduction") || w == "motivation" {
        SectionKind::Introduction
    } else if starts("related work")
        || starts("related works")
        || starts("background")
        || starts("prior work")
        || starts("previous work")
        || starts("literature review")
        || starts("related literature")
    {
        SectionKind::RelatedWork
    } else if starts("acknowledg") {
        SectionKind::Acknowledgements
    } else if starts("footnote") || w == "notes" {
        SectionKind::Footnotes
    } else if starts("appendix") || starts("supplementary") || starts("appendices") {
        SectionKind::Appendix
    } else if starts("conclusion")
        || starts("discussion")
        || starts("future work")
        || starts("limitations")
        || starts("summary")
    {
        SectionKind::Conclusion
    } else if [
        "experiment",
        "evaluation",
        "results",
        "dataset",
        "data set",
        "benchmark",
        "setup",
        "set-up",
        "implementation",
        "training",
        "ablation",
        "analysis",
        "empirical",
        "fine-tuning",
        "pre-training",
        "pretraining",
        "tasks",
        "data",
    ]
    .iter()
    .any(|k| w.contains(k))
    {
        SectionKind::Experiments
    } else if ["method", "approach", "model", "architecture", "our ", "proposed", "framework", "algorithm"]
        .iter()
        .any(|k| w.contains(k))
    {
        SectionKind::Method
    } else {
        SectionKind::Other
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAPER: &str = "A Study of Things\n\nAbstract:\nWe study things.\n\n1 Introduction\nThings matter.\n\n\
2 Related Work\nOthers did things.\n\n4.1 Datasets\nWe use data.\n\nReferences:\n\n- A. Author. 2019. Title.\n\n\
12. Smith, J. Another title. 2018.\n\nA Additional Results\nMore.\n";

    #[test]
    fn finds_title_and_headings() {
        let l = split(PAPER, None);
        assert_eq!(l.title.as_deref(), Some("A Study of Things"));
        let kinds: Vec<SectionKind> = l.sections.iter().map(|s| s.kind).collect();
        use SectionKind::*;
        assert_eq!(kinds, vec![Front, Abstract, Introduction, RelatedWork, Experiments, References, Appendix]);
    }

    #[test]
    fn reference_list_ends_at_the_appendix() {
        let l = split(PAPER, None);
        let (s, e) = l.references_range().unwrap();
        let refs = &PAPER[s..e];
        assert!(refs.contains("Smith, J.") && !refs.contains("More."));
    }

    #[test]
    fn a_wrapped_venue_line_does_not_end_the_list() {
        // A venue wrapped onto a line of its own reads like a title-case "evaluation" heading.
        let text = "Title\n\n1 Introduction\nText.\n\nReferences\nA. Author. 2007. Proceedings of the Third\n\
                    Shared Task Evaluations\nB. Writer. 2010. A study. In Proc.\n";
        let l = split(text, None);
        let (s, e) = l.references_range().unwrap();
        assert!(text[s..e].contains("B. Writer"), "{:?}", l.sections);
        assert!(heading_of("Results and Analysis", true).is_some());
        assert!(heading_of("Dataset-Release-Question-", true).is_none());
        assert!(heading_of("A simpler benchmark for reading", true).is_none());
    }

    #[test]
    fn markdown_headings() {
        let l = split("# Title\n\n## 1 Introduction\ntext\n## References\n[1] x\n", None);
        assert_eq!(l.title.as_deref(), Some("Title"));
        assert_eq!(l.sections.last().unwrap().kind, SectionKind::References);
    }

    #[test]
    fn sentences_are_not_headings() {
        assert!(heading_of("J. Deng, W. Dong, R. Socher, L.-J. Li, K. Li, and L. Fei-Fei. 2009", true).is_none());
        assert!(heading_of("3 We train the model for ten epochs on all data.", false).is_none());
        assert!(heading_of("2018. Deep learning", true).is_none());
    }
}
