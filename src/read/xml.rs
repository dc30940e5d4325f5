//! Structured XML papers: GROBID TEI and JATS (PubMed Central, PLOS), their structure used as given.
//!
//! The title, the abstract, sections with their headings, tables, footnotes, the parsed
//! bibliography (`biblStruct`, `ref`), and the callout links (`<ref type="bibr" target="#b12">`,
//! `<xref ref-type="bibr" rid="R12">`), which become the exact numeric callouts `[13]` of the text.

use std::collections::HashMap;

use roxmltree::{Document as XmlDocument, Node, ParsingOptions};

use crate::bib::ParsedReference;
use crate::document::{GivenReference, PaperMeta};

/// What a structured reader gives: text, title, warnings, the parsed reference list, and the
/// paper's own record from its header.
pub type Reading = (String, Option<String>, Vec<String>, Vec<GivenReference>, PaperMeta);

/// Which dialect: the element names that matter differ.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Dialect {
    Tei,
    Jats,
}

pub fn read_tei(bytes: &[u8]) -> Result<Reading, String> {
    read(bytes, Dialect::Tei)
}

pub fn read_jats(bytes: &[u8]) -> Result<Reading, String> {
    read(bytes, Dialect::Jats)
}

fn read(bytes: &[u8], dialect: Dialect) -> Result<Reading, String> {
    let source = std::str::from_utf8(bytes)
        .map_err(|e| format!("not valid UTF-8 (first bad byte at offset {})", e.valid_up_to()))?;
    let source = replace_named_entities(source);
    let options = ParsingOptions { allow_dtd: true, ..ParsingOptions::default() };
    let doc = XmlDocument::parse_with_options(&source, options).map_err(|e| format!("malformed XML ({e})"))?;
    let depth = element_depth(&doc);
    if depth > MAX_DEPTH {
        return Err(format!("XML elements nested {depth} deep, over the bound of {MAX_DEPTH}"));
    }
    let root = doc.root_element();
    let (refs, ids) = match dialect {
        Dialect::Tei => tei_bibliography(root),
        Dialect::Jats => jats_bibliography(root),
    };
    let mut w = Writer { out: String::new(), ids: &ids, dialect };
    let title = match dialect {
        Dialect::Tei => find_path(root, &["teiHeader", "fileDesc", "titleStmt", "title"]),
        Dialect::Jats => find_path(root, &["front", "article-meta", "title-group", "article-title"]),
    }
    .map(|n| one_line(&plain_text(n)))
    .filter(|t| !t.is_empty());
    if let Some(t) = &title {
        w.out.push_str(t);
        w.out.push_str("\n\n");
    }
    let abstract_node = match dialect {
        Dialect::Tei => find_path(root, &["teiHeader", "profileDesc", "abstract"]),
        Dialect::Jats => find_path(root, &["front", "article-meta", "abstract"]),
    };
    if let Some(a) = abstract_node {
        w.out.push_str("Abstract\n\n");
        w.block(a);
    }
    let body = match dialect {
        Dialect::Tei => find_path(root, &["text", "body"]),
        Dialect::Jats => find_path(root, &["body"]),
    };
    let mut numbering = Numbering::default();
    if let Some(b) = body {
        w.sections(b, &mut numbering, 0);
    }
    // Footnotes (TEI: notes at the foot of the body), acknowledgements and appendices (back).
    if dialect == Dialect::Tei {
        let notes: Vec<Node> = body
            .into_iter()
            .flat_map(|b| b.children())
            .filter(|n| n.has_tag_name(("http://www.tei-c.org/ns/1.0", "note")) || n.tag_name().name() == "note")
            .collect();
        if !notes.is_empty() {
            w.out.push_str("Footnotes\n\n");
            for n in notes {
                w.block(n);
            }
        }
    }
    let back = match dialect {
        Dialect::Tei => find_path(root, &["text", "back"]),
        Dialect::Jats => find_path(root, &["back"]),
    };
    if let Some(back) = back {
        for div in back
            .children()
            .filter(|n| matches!(n.tag_name().name(), "div" | "ack" | "app-group" | "app" | "sec" | "fn-group"))
        {
            let kind = div.attribute("type").unwrap_or(div.tag_name().name());
            let heading = match kind {
                "acknowledgement" | "ack" => "Acknowledgements",
                "annex" | "app-group" | "app" => "Appendix",
                "fn-group" => "Footnotes",
                _ => "Appendix",
            };
            if div.descendants().any(|n| matches!(n.tag_name().name(), "listBibl" | "ref-list")) && kind != "annex" {
                continue;
            }
            w.out.push_str(heading);
            w.out.push_str("\n\n");
            w.sections(div, &mut numbering, 1);
        }
    }
    if !refs.is_empty() {
        w.out.push_str("References\n\n");
        for (i, r) in refs.iter().enumerate() {
            w.out.push_str(&format!("[{}] {}\n", i + 1, r.raw));
        }
    }
    let meta = match dialect {
        Dialect::Tei => super::metadata::from_tei(root),
        Dialect::Jats => super::metadata::from_jats(root),
    };
    Ok((w.out, title, Vec::new(), refs, meta))
}

/// Deepest nesting of elements a paper may have. Real TEI and JATS, MathML included, stay under
/// 60; the readers below walk the tree recursively, and a few thousand levels overflow a
/// worker's stack.
const MAX_DEPTH: usize = 256;

/// How deep the document's elements nest, found without recursion (document order puts a
/// parent before its children).
fn element_depth(doc: &XmlDocument) -> usize {
    let mut depth_of = vec![0usize; doc.descendants().len()];
    let mut deepest = 0;
    for node in doc.descendants() {
        crate::deadline::check();
        let depth = node.parent().map_or(0, |p| depth_of[p.id().get_usize()] + 1);
        depth_of[node.id().get_usize()] = depth;
        deepest = deepest.max(depth);
    }
    deepest
}

/// Named entities the DTD would define (`&nbsp;`, `&ndash;`, ...), which a parser without the DTD
/// does not know: the common ones become their characters, others a space. Every reference to a
/// named entity is replaced here, whatever its name, so entities a document declares itself are
/// never expanded: no entity expansion bomb ("billion laughs") and no external entity is read.
fn replace_named_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let known = |name: &str| -> Option<&'static str> {
        Some(match name {
            "amp" => "&amp;",
            "lt" => "&lt;",
            "gt" => "&gt;",
            "quot" => "&quot;",
            "apos" => "&apos;",
            "nbsp" | "thinsp" | "ensp" | "emsp" => " ",
            "ndash" => "\u{2013}",
            "mdash" => "\u{2014}",
            "hellip" => "\u{2026}",
            "lsquo" | "rsquo" => "'",
            "ldquo" | "rdquo" => "\"",
            "times" => "\u{d7}",
            _ => return None,
        })
    };
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(p) = rest.find('&') {
        out.push_str(&rest[..p]);
        let after = &rest[p + 1..];
        // A name (of XML's name characters) ended by `;`; `&#38;` and a stray `&` are no names.
        let name =
            after.find(|c: char| !(c.is_alphanumeric() || matches!(c, '_' | '-' | '.' | ':'))).unwrap_or(after.len());
        let end = (name > 0 && after[name..].starts_with(';')).then_some(name);
        match end {
            Some(e) => {
                out.push_str(known(&after[..e]).unwrap_or(" "));
                rest = &after[e + 1..];
            }
            _ => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

#[derive(Default)]
struct Numbering {
    top: usize,
}

struct Writer<'a> {
    out: String,
    /// Bibliography ids ("b12", "R12") → their position (1-based) in the reference list.
    ids: &'a HashMap<String, usize>,
    dialect: Dialect,
}

impl Writer<'_> {
    /// Sections, in order: a heading line, then their paragraphs, tables and subsections.
    fn sections(&mut self, node: Node, numbering: &mut Numbering, depth: usize) {
        for child in node.children().filter(Node::is_element) {
            match child.tag_name().name() {
                "div" | "sec" => {
                    let head = child.children().find(|n| matches!(n.tag_name().name(), "head" | "title"));
                    if let Some(h) = head {
                        let text = one_line(&plain_text(h));
                        let n = h.attribute("n").map(String::from).or_else(|| {
                            child.children().find(|c| c.tag_name().name() == "label").map(|l| one_line(&plain_text(l)))
                        });
                        let n = n.unwrap_or_else(|| {
                            if depth == 0 {
                                numbering.top += 1;
                                numbering.top.to_string()
                            } else {
                                String::new()
                            }
                        });
                        if !text.is_empty() {
                            self.out.push_str(format!("{n} {text}\n\n").trim_start());
                        }
                    }
                    self.sections(child, numbering, depth + 1);
                }
                "head" | "title" | "label" => {}
                "note" if self.dialect == Dialect::Tei && node.tag_name().name() == "body" => {}
                _ => self.block(child),
            }
        }
    }

    /// A paragraph-level element: its text, then a blank line.
    fn block(&mut self, node: Node) {
        match node.tag_name().name() {
            "figure" | "fig" | "table-wrap" => {
                for part in node
                    .descendants()
                    .filter(|n| matches!(n.tag_name().name(), "head" | "figDesc" | "caption" | "table" | "label"))
                {
                    if part.tag_name().name() == "table" {
                        self.table(part);
                    } else if part.parent().is_some_and(|p| p == node) || part.tag_name().name() == "caption" {
                        self.inline(part);
                        self.out.push('\n');
                    }
                }
                self.out.push('\n');
            }
            "table" => self.table(node),
            "formula" | "disp-formula" => {}
            "list" => {
                for item in node.children().filter(Node::is_element) {
                    self.out.push_str("- ");
                    self.inline(item);
                    self.out.push('\n');
                }
                self.out.push('\n');
            }
            "p" | "s" | "note" | "fn" | "ab" => {
                self.inline(node);
                self.out.push_str("\n\n");
            }
            _ => {
                let has_blocks =
                    node.children().any(|c| matches!(c.tag_name().name(), "p" | "div" | "sec" | "list" | "figure"));
                if has_blocks {
                    for c in node.children().filter(Node::is_element) {
                        self.block(c);
                    }
                } else {
                    self.inline(node);
                    self.out.push_str("\n\n");
                }
            }
        }
    }

    /// A table: one line per row, cells separated by " | ".
    fn table(&mut self, node: Node) {
        for row in node.descendants().filter(|n| matches!(n.tag_name().name(), "row" | "tr")) {
            crate::deadline::check();
            let cells: Vec<String> = row
                .children()
                .filter(|c| matches!(c.tag_name().name(), "cell" | "td" | "th"))
                .map(|c| one_line(&plain_text(c)))
                .collect();
            self.out.push_str(&cells.join(" | "));
            self.out.push('\n');
        }
        self.out.push('\n');
    }

    /// Running text, with bibliography links as numeric callouts and formulas left out.
    fn inline(&mut self, node: Node) {
        for child in node.children() {
            if child.is_text() {
                self.out.push_str(child.text().unwrap_or(""));
                continue;
            }
            if !child.is_element() {
                continue;
            }
            let name = child.tag_name().name();
            let bibr = match self.dialect {
                Dialect::Tei => name == "ref" && child.attribute("type") == Some("bibr"),
                Dialect::Jats => name == "xref" && child.attribute("ref-type") == Some("bibr"),
            };
            if bibr {
                let target = match self.dialect {
                    Dialect::Tei => child.attribute("target").map(|t| t.trim_start_matches('#').to_string()),
                    Dialect::Jats => child.attribute("rid").map(String::from),
                };
                let numbers: Vec<String> = target
                    .iter()
                    .flat_map(|t| {
                        t.split_whitespace().map(|x| x.trim_start_matches('#').to_string()).collect::<Vec<_>>()
                    })
                    .filter_map(|id| self.ids.get(&id).map(|n| n.to_string()))
                    .collect();
                if numbers.is_empty() {
                    // Unlinked refs stand side by side ("<ref>CoNLL-2003</ref><ref>and ACE</ref>").
                    self.out.push(' ');
                    self.inline(child);
                    self.out.push(' ');
                } else {
                    self.out.push_str(&format!(" [{}]", numbers.join(", ")));
                }
                continue;
            }
            match name {
                "formula" | "inline-formula" | "disp-formula" | "math" | "tex-math" => self.out.push(' '),
                "lb" | "break" => self.out.push('\n'),
                _ => self.inline(child),
            }
        }
    }
}

fn find_path<'a, 'b>(root: Node<'a, 'b>, path: &[&str]) -> Option<Node<'a, 'b>> {
    let mut node = root;
    for name in path {
        node = node.children().find(|c| c.tag_name().name() == *name)?;
    }
    Some(node)
}

fn child<'a, 'b>(node: Node<'a, 'b>, name: &str) -> Option<Node<'a, 'b>> {
    node.children().find(|c| c.tag_name().name() == name)
}

fn plain_text(node: Node) -> String {
    node.descendants().filter(Node::is_text).filter_map(|n| n.text()).collect::<Vec<_>>().join("")
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn year_in(s: &str) -> Option<i32> {
    s.get(..4).and_then(crate::text::year_of)
}

/// TEI `listBibl/biblStruct`: the parsed entries and their ids.
fn tei_bibliography(root: Node) -> (Vec<GivenReference>, HashMap<String, usize>) {
    let mut refs = Vec::new();
    let mut ids = HashMap::new();
    for b in root
        .descendants()
        .filter(|n| n.tag_name().name() == "biblStruct" && n.ancestors().any(|a| a.tag_name().name() == "listBibl"))
    {
        let analytic = child(b, "analytic");
        let monogr = child(b, "monogr");
        let title_node = analytic.and_then(|a| child(a, "title")).or_else(|| monogr.and_then(|m| child(m, "title")));
        let title = title_node.map(|t| one_line(&plain_text(t))).filter(|t| !t.is_empty());
        let venue = if analytic.is_some() {
            monogr.and_then(|m| child(m, "title")).map(|t| one_line(&plain_text(t)))
        } else {
            None
        };
        let authors: Vec<String> = analytic
            .or(monogr)
            .into_iter()
            .flat_map(|a| a.children().filter(|c| c.tag_name().name() == "author"))
            .filter_map(|a| a.descendants().find(|n| n.tag_name().name() == "persName"))
            .map(|p| {
                let forenames: Vec<String> = p
                    .children()
                    .filter(|c| c.tag_name().name() == "forename")
                    .map(|f| one_line(&plain_text(f)))
                    .collect();
                let surname = child(p, "surname").map(|s| one_line(&plain_text(s))).unwrap_or_default();
                one_line(&format!("{} {}", forenames.join(" "), surname))
            })
            .filter(|a| !a.is_empty())
            .collect();
        let year = b
            .descendants()
            .find(|n| n.tag_name().name() == "date")
            .and_then(|d| d.attribute("when").and_then(year_in).or_else(|| year_in(&plain_text(d))));
        let idno = |kind: &str| {
            b.descendants()
                .find(|n| {
                    n.tag_name().name() == "idno" && n.attribute("type").is_some_and(|t| t.eq_ignore_ascii_case(kind))
                })
                .map(|n| one_line(&plain_text(n)))
        };
        let url = b
            .descendants()
            .find(|n| n.tag_name().name() == "ptr")
            .and_then(|p| p.attribute("target"))
            .map(String::from);
        let parsed = ParsedReference {
            authors,
            year,
            year_suffix: None,
            title,
            venue,
            doi: idno("DOI"),
            arxiv: idno("arXiv").map(|a| a.trim_start_matches("arXiv:").to_string()),
            url,
            ..Default::default()
        };
        let raw = b
            .children()
            .find(|n| n.tag_name().name() == "note" && n.attribute("type") == Some("raw_reference"))
            .map(|n| one_line(&plain_text(n)))
            .unwrap_or_else(|| render(&parsed));
        if let Some(id) = b.attribute(("http://www.w3.org/XML/1998/namespace", "id")) {
            ids.insert(id.to_string(), refs.len() + 1);
        }
        refs.push(GivenReference { raw, parsed });
    }
    (refs, ids)
}

/// JATS `ref-list/ref` with `element-citation`, `mixed-citation` or `citation`.
fn jats_bibliography(root: Node) -> (Vec<GivenReference>, HashMap<String, usize>) {
    let mut refs = Vec::new();
    let mut ids = HashMap::new();
    for r in root
        .descendants()
        .filter(|n| n.tag_name().name() == "ref" && n.parent().is_some_and(|p| p.tag_name().name() == "ref-list"))
    {
        let Some(c) = r.children().find(|n| {
            matches!(n.tag_name().name(), "element-citation" | "mixed-citation" | "citation" | "nlm-citation")
        }) else {
            continue;
        };
        let text_of = |name: &str| {
            c.descendants()
                .find(|n| n.tag_name().name() == name)
                .map(|n| one_line(&plain_text(n)))
                .filter(|t| !t.is_empty())
        };
        let authors: Vec<String> = c
            .descendants()
            .filter(|n| n.tag_name().name() == "name")
            .map(|n| {
                let given = child(n, "given-names").map(|g| one_line(&plain_text(g))).unwrap_or_default();
                let surname = child(n, "surname").map(|s| one_line(&plain_text(s))).unwrap_or_default();
                one_line(&format!("{given} {surname}"))
            })
            .filter(|a| !a.is_empty())
            .collect();
        let title = text_of("article-title").or_else(|| text_of("chapter-title")).or_else(|| text_of("source"));
        let venue = if text_of("article-title").is_some() { text_of("source") } else { None };
        let pub_id = |kind: &str| {
            c.descendants()
                .find(|n| n.tag_name().name() == "pub-id" && n.attribute("pub-id-type") == Some(kind))
                .map(|n| one_line(&plain_text(n)))
        };
        let parsed = ParsedReference {
            authors,
            year: text_of("year").and_then(|y| year_in(&y)),
            year_suffix: None,
            title,
            venue,
            doi: pub_id("doi"),
            arxiv: pub_id("arxiv"),
            url: c
                .descendants()
                .find(|n| n.tag_name().name() == "ext-link")
                .and_then(|n| n.attribute(("http://www.w3.org/1999/xlink", "href")))
                .map(String::from),
            ..Default::default()
        };
        let raw = if c.tag_name().name() == "mixed-citation" { one_line(&plain_text(c)) } else { render(&parsed) };
        if let Some(id) = r.attribute("id") {
            ids.insert(id.to_string(), refs.len() + 1);
        }
        refs.push(GivenReference { raw, parsed });
    }
    (refs, ids)
}

/// "Authors. Year. Title. Venue." from parsed fields.
fn render(p: &ParsedReference) -> String {
    let mut parts = Vec::new();
    if !p.authors.is_empty() {
        parts.push(p.authors.join(", "));
    }
    if let Some(y) = p.year {
        parts.push(y.to_string());
    }
    if let Some(t) = &p.title {
        parts.push(t.clone());
    }
    if let Some(v) = &p.venue {
        parts.push(v.clone());
    }
    if let Some(d) = &p.doi {
        parts.push(format!("doi:{d}"));
    }
    let s = parts.join(". ");
    if s.is_empty() {
        "(empty reference)".into()
    } else {
        format!("{s}.")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deep_nesting_is_refused_and_declared_entities_never_expand() {
        let nest = |n: usize| format!("<TEI><text><body>{}x{}</body></text></TEI>", "<p>".repeat(n), "</p>".repeat(n));
        assert!(read_tei(nest(200).as_bytes()).is_ok());
        assert!(read_tei(nest(20_000).as_bytes()).unwrap_err().contains("nested"));
        let mut dtd = String::from("<!DOCTYPE TEI [<!ENTITY l_0 'lol'><!ENTITY out SYSTEM 'file:///etc/passwd'>");
        for i in 1..10 {
            dtd += &format!("<!ENTITY l_{i} '{}'>", format!("&l_{};", i - 1).repeat(10));
        }
        let tei = format!("{dtd}]><TEI><teiHeader><fileDesc><titleStmt><title>A &l_9; &out; b</title></titleStmt></fileDesc></teiHeader><text><body><p>x</p></body></text></TEI>");
        assert_eq!(read_tei(tei.as_bytes()).unwrap().1.as_deref(), Some("A b"));
    }

    const TEI: &str = r##"<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0">
<teiHeader><fileDesc><titleStmt><title level="a" type="main">Tiny Images Revisited</title></titleStmt></fileDesc>
<profileDesc><abstract><p>We study CIFAR-10.</p></abstract></profileDesc></teiHeader>
<text><body>
<div><head n="1">Experiments</head><p>We train on CIFAR-10 <ref type="bibr" target="#b1">(Krizhevsky, 2009)</ref> and ImageNet <ref type="bibr" target="#b0">[1]</ref> &amp; more.</p>
<figure type="table"><head>Table 1</head><table><row><cell>Dataset</cell><cell>Acc</cell></row><row><cell>CIFAR-10</cell><cell>93.1</cell></row></table></figure></div>
</body>
<back><div type="references"><listBibl>
<biblStruct xml:id="b0"><analytic><title level="a" type="main">ImageNet: A large-scale hierarchical image database</title>
<author><persName><forename type="first">Jia</forename><surname>Deng</surname></persName></author></analytic>
<monogr><title level="m">CVPR</title><imprint><date type="published" when="2009"/></imprint></monogr></biblStruct>
<biblStruct xml:id="b1"><analytic><title level="a" type="main">Learning multiple layers of features from tiny images</title>
<author><persName><forename type="first">Alex</forename><surname>Krizhevsky</surname></persName></author></analytic>
<monogr><title/><imprint><date type="published" when="2009"/></imprint></monogr>
<note type="raw_reference">Alex Krizhevsky. 2009. Learning multiple layers of features from tiny images. Tech. Rep.</note></biblStruct>
</listBibl></div></back></text></TEI>"##;

    #[test]
    fn tei_structure_becomes_text_with_exact_callouts() {
        let (text, title, _, refs, _) = read_tei(TEI.as_bytes()).unwrap();
        assert_eq!(title.as_deref(), Some("Tiny Images Revisited"));
        assert!(text.contains("Abstract\n\nWe study CIFAR-10."), "{text}");
        assert!(text.contains("1 Experiments\n\nWe train on CIFAR-10  [2] and ImageNet  [1] & more."), "{text}");
        assert!(text.contains("CIFAR-10 | 93.1"), "{text}");
        assert_eq!(refs.len(), 2);
        assert_eq!(refs[0].parsed.authors, vec!["Jia Deng"]);
        assert_eq!(refs[0].parsed.year, Some(2009));
        assert_eq!(
            refs[1].raw,
            "Alex Krizhevsky. 2009. Learning multiple layers of features from tiny images. Tech. Rep."
        );
        assert!(text.contains("References\n\n[1] Jia Deng. 2009. ImageNet: A large-scale"), "{text}");
    }

    #[test]
    fn jats_with_a_dtd_and_entities() {
        let jats = r#"<?xml version="1.0"?>
<!DOCTYPE article PUBLIC "-//NLM//DTD JATS (Z39.96) Journal Archiving and Interchange DTD v1.0 20120330//EN" "JATS-archivearticle1.dtd">
<article><front><article-meta><title-group><article-title>Digits&nbsp;Again</article-title></title-group></article-meta></front>
<body><sec><title>Methods</title><p>We use MNIST <xref ref-type="bibr" rid="R1">1</xref>.</p></sec></body>
<back><ref-list><ref id="R1"><label>1</label><element-citation><person-group><name><surname>LeCun</surname><given-names>Y</given-names></name></person-group>
<article-title>Gradient-based learning applied to document recognition</article-title><source>Proc IEEE</source><year>1998</year></element-citation></ref></ref-list></back></article>"#;
        let (text, title, _, refs, _) = read_jats(jats.as_bytes()).unwrap();
        assert_eq!(title.as_deref(), Some("Digits Again"));
        assert!(text.contains("1 Methods\n\nWe use MNIST  [1]."), "{text}");
        assert_eq!(refs[0].parsed.title.as_deref(), Some("Gradient-based learning applied to document recognition"));
        assert_eq!(refs[0].parsed.venue.as_deref(), Some("Proc IEEE"));
    }

    #[test]
    fn malformed_xml_is_an_error() {
        assert!(read_tei(b"<TEI><text>").unwrap_err().contains("malformed XML"));
    }
}
