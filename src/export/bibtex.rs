//! BibTeX: one entry per canonical citation, its fields escaped for LaTeX.

use super::{bibtex_keys, kind_of, EntryKind};
use crate::bib::CitationRecord;

/// A value in BibTeX braces: LaTeX's special characters escaped, braces balanced.
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for ch in s.chars() {
        match ch {
            '\\' => out.push_str("\\textbackslash{}"),
            '{' => out.push_str("\\{"),
            '}' => out.push_str("\\}"),
            '&' | '%' | '$' | '#' | '_' => {
                out.push('\\');
                out.push(ch);
            }
            '~' => out.push_str("\\textasciitilde{}"),
            '^' => out.push_str("\\textasciicircum{}"),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// The citations as a BibTeX file.
pub fn to_bibtex(citations: &[CitationRecord]) -> String {
    let keys = bibtex_keys(citations);
    let mut out = String::new();
    for c in citations {
        let kind = kind_of(c);
        let entry_type = match kind {
            EntryKind::Article => "article",
            EntryKind::Proceedings => "inproceedings",
            EntryKind::Preprint | EntryKind::Other => "misc",
        };
        out.push_str(&format!("@{entry_type}{{{},\n", keys[&c.id]));
        let mut escaped_field = |name: &str, escaped: String| {
            if !escaped.trim().is_empty() {
                out.push_str(&format!("  {name} = {{{}}},\n", escaped.trim()));
            }
        };
        if let Some(t) = &c.title {
            // Double braces keep the title's capitals as written ("ImageNet", not "Imagenet").
            escaped_field("title", format!("{{{}}}", escape(t.trim())));
        }
        let mut field = |name: &str, value: &str| escaped_field(name, escape(value.trim()));
        if !c.authors.is_empty() {
            field("author", &c.authors.join(" and "));
        }
        if let Some(y) = c.year {
            field("year", &y.to_string());
        }
        if let Some(v) = &c.venue {
            match kind {
                EntryKind::Article => field("journal", v),
                EntryKind::Proceedings => field("booktitle", v),
                _ => field("howpublished", v),
            }
        }
        if let Some(d) = &c.doi {
            field("doi", d);
        }
        if let Some(a) = &c.arxiv {
            field("eprint", a);
            field("archiveprefix", "arXiv");
        }
        if let Some(u) = &c.url {
            field("url", u);
        }
        out.push_str("}\n\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::tests::deng;

    #[test]
    fn special_characters_are_escaped() {
        let c = CitationRecord { title: Some("50% of R&D_costs {braced} $x$ #1".into()), ..deng() };
        let bib = to_bibtex(&[c]);
        assert!(bib.contains(r"title = {{50\% of R\&D\_costs \{braced\} \$x\$ \#1}}"), "{bib}");
        assert!(bib.starts_with("@inproceedings{deng2009"));
        assert!(bib.contains("author = {Jia Deng and Wei Dong and Li Fei-Fei}"));
    }
}
