//! A paper's own bibliographic record ([`PaperMeta`]): from the header of GROBID TEI and JATS,
//! and, for every format, from what its first page states (a DOI, an arXiv stamp).

use roxmltree::Node;

use crate::document::PaperMeta;

/// How much of the text is the first page: the title block, the abstract, the arXiv stamp and
/// a journal's DOI line come before this in the papers of every format seen.
const FIRST_PAGE_BYTES: usize = 4000;

/// TEI's `fileDesc/sourceDesc/biblStruct`: the authors of `analytic`, the date and venue of
/// `monogr`, its `idno`s.
pub fn from_tei(root: Node) -> PaperMeta {
    let Some(record) = path(root, &["teiHeader", "fileDesc", "sourceDesc", "biblStruct"]) else {
        return PaperMeta::default();
    };
    let authors = path(record, &["analytic"])
        .into_iter()
        .flat_map(|a| children(a, "author"))
        .filter_map(|a| child(a, "persName"))
        .filter_map(|p| {
            let given: Vec<String> = children(p, "forename").map(|f| text(f)).collect();
            name(child(p, "surname").map(text), given.join(" "))
        })
        .collect();
    let monogr = child(record, "monogr");
    let date = monogr.and_then(|m| path(m, &["imprint", "date"]));
    let year =
        date.and_then(|d| d.attribute("when").map(str::to_string).or_else(|| Some(text(d)))).and_then(|d| year_in(&d));
    let venue = monogr.and_then(|m| child(m, "title")).map(text).filter(|t| !t.is_empty());
    let idno = |kind: &str| {
        record
            .descendants()
            .filter(|n| n.tag_name().name() == "idno")
            .find(|n| n.attribute("type").is_some_and(|t| t.eq_ignore_ascii_case(kind)))
            .map(text)
            .filter(|v| !v.is_empty())
    };
    let arxiv = idno("arXiv").map(|a| without_version(a.trim_start_matches("arXiv:")));
    PaperMeta { authors, year, venue, doi: idno("DOI").map(|d| d.to_lowercase()), arxiv }
}

/// JATS `front`: the authors of `article-meta/contrib-group`, the first `pub-date` year, the
/// journal's title, the `article-id`s.
pub fn from_jats(root: Node) -> PaperMeta {
    let Some(front) = child(root, "front") else { return PaperMeta::default() };
    let Some(article) = child(front, "article-meta") else { return PaperMeta::default() };
    let authors = children(article, "contrib-group")
        .flat_map(|g| children(g, "contrib"))
        .filter(|c| c.attribute("contrib-type").is_none_or(|t| t == "author"))
        .filter_map(|c| child(c, "name"))
        .filter_map(|n| name(child(n, "surname").map(text), child(n, "given-names").map(text).unwrap_or_default()))
        .collect();
    let year = children(article, "pub-date").filter_map(|d| child(d, "year")).find_map(|y| year_in(&text(y)));
    let venue = path(front, &["journal-meta", "journal-title-group", "journal-title"])
        .or_else(|| path(front, &["journal-meta", "journal-title"]))
        .map(text)
        .filter(|t| !t.is_empty());
    let id = |kind: &str| {
        children(article, "article-id")
            .find(|n| n.attribute("pub-id-type") == Some(kind))
            .map(text)
            .filter(|v| !v.is_empty())
    };
    PaperMeta {
        authors,
        year,
        venue,
        doi: id("doi").map(|d| d.to_lowercase()),
        arxiv: id("arxiv").map(|a| without_version(&a)),
    }
}

/// What the first page of any paper states of the paper itself, where it is told apart from
/// what the paper cites: the stamp arXiv puts in the margin ("arXiv:1810.04805v2 [cs.CL] 24 May
/// 2019", an id with its category in brackets), and a DOI on a line of its own, as journals print
/// it ("DOI: 10.1371/...", "https://doi.org/10.1038/..."). An id or a DOI inside a sentence (a
/// cited preprint, a dataset's DOI in the abstract) is no paper's own, and is left alone.
pub fn from_first_page(text: &str) -> PaperMeta {
    let page = &text[..text.floor_char_boundary(FIRST_PAGE_BYTES.min(text.len()))];
    let stamp = ARXIV_STAMP.captures(page);
    let arxiv = stamp.as_ref().map(|c| c[1].to_string());
    let year = stamp
        .as_ref()
        .and_then(|c| c.get(2))
        .and_then(|y| crate::text::year_of(y.as_str()))
        .or_else(|| arxiv.as_deref().and_then(year_of_arxiv_id));
    let doi = DOI_LINE.captures(page).map(|c| c[1].trim_end_matches(['.', ')', ']']).to_lowercase());
    PaperMeta { doi, arxiv, year, ..PaperMeta::default() }
}

/// arXiv's margin stamp: the id, its version, the category, and the date of the version.
static ARXIV_STAMP: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    crate::text::regex(
        r"(?m)^\s*arXiv:(\d{4}\.\d{4,5})v\d+\s*\[[A-Za-z.\-]{2,20}\](?:\s+\d{1,2}\s+[A-Z][a-z]{2}\s+(\d{4}))?",
    )
    .expect("valid regex")
});

/// A DOI that a line holds on its own, after a label or as a link.
static DOI_LINE: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    crate::text::regex(r"(?mi)^[ \t]*(?:doi:?[ \t]*|https?://(?:dx\.)?doi\.org/)(10\.\d{4,9}/[^\s,;]+)[ \t]*$")
        .expect("valid regex")
});

/// `meta` with what it lacks taken from `more` (a structured header first, the first page after).
pub fn filled(meta: PaperMeta, more: PaperMeta) -> PaperMeta {
    PaperMeta {
        authors: if meta.authors.is_empty() { more.authors } else { meta.authors },
        year: meta.year.or(more.year),
        venue: meta.venue.or(more.venue),
        doi: meta.doi.or(more.doi),
        arxiv: meta.arxiv.or(more.arxiv),
    }
}

/// The year a new-style arXiv id was first submitted in ("1810.04805": 2018).
fn year_of_arxiv_id(id: &str) -> Option<i32> {
    let yy: i32 = id.get(..2)?.parse().ok()?;
    (id.as_bytes().get(4) == Some(&b'.') && id[..4].bytes().all(|b| b.is_ascii_digit())).then_some(2000 + yy)
}

fn without_version(id: &str) -> String {
    let id = id.trim();
    match id.rfind('v') {
        Some(v) if v > 0 && id[v + 1..].bytes().all(|b| b.is_ascii_digit()) && v + 1 < id.len() => id[..v].to_string(),
        _ => id.to_string(),
    }
}

/// "Surname, Given" (or the surname alone); `None` without a surname.
fn name(surname: Option<String>, given: String) -> Option<String> {
    let surname = surname.filter(|s| !s.is_empty())?;
    let given = given.trim();
    Some(if given.is_empty() { surname } else { format!("{surname}, {given}") })
}

fn year_in(s: &str) -> Option<i32> {
    s.split(|c: char| !c.is_ascii_digit()).find_map(crate::text::year_of)
}

fn path<'a, 'b>(root: Node<'a, 'b>, names: &[&str]) -> Option<Node<'a, 'b>> {
    names.iter().try_fold(root, |node, name| child(node, name))
}

fn child<'a, 'b>(node: Node<'a, 'b>, name: &str) -> Option<Node<'a, 'b>> {
    children(node, name).next()
}

fn children<'a, 'b: 'a, 'n>(node: Node<'a, 'b>, name: &'n str) -> impl Iterator<Item = Node<'a, 'b>> + use<'a, 'b, 'n> {
    node.children().filter(move |c| c.tag_name().name() == name)
}

fn text(node: Node) -> String {
    let joined: String = node.descendants().filter(Node::is_text).filter_map(|n| n.text()).collect();
    joined.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tei(header: &str) -> String {
        format!("<TEI xmlns=\"http://www.tei-c.org/ns/1.0\"><teiHeader><fileDesc><sourceDesc>{header}</sourceDesc></fileDesc></teiHeader></TEI>")
    }

    #[test]
    fn a_tei_header_gives_authors_year_venue_and_identifiers() {
        let xml = tei(
            "<biblStruct><analytic><author><persName><forename type=\"first\">Ada</forename>\
             <forename type=\"middle\">B.</forename><surname>Lovelace</surname></persName></author>\
             <author><persName><surname>Babbage</surname></persName></author><author><orgName>A Lab</orgName></author></analytic>\
             <monogr><title level=\"j\">Journal of Engines</title><imprint><date type=\"published\" when=\"1993-09\"/></imprint></monogr>\
             <idno type=\"DOI\">10.1000/ABC.1</idno><idno type=\"arXiv\">arXiv:1801.00001v3</idno></biblStruct>",
        );
        let doc = roxmltree::Document::parse(&xml).unwrap();
        let meta = from_tei(doc.root_element());
        assert_eq!(meta.authors, ["Lovelace, Ada B.", "Babbage"]);
        assert_eq!((meta.year, meta.venue.as_deref()), (Some(1993), Some("Journal of Engines")));
        assert_eq!((meta.doi.as_deref(), meta.arxiv.as_deref()), (Some("10.1000/abc.1"), Some("1801.00001")));
    }

    #[test]
    fn a_jats_front_gives_the_authors_not_the_editors() {
        let xml = "<article><front><journal-meta><journal-title-group><journal-title>Cell Notes</journal-title>\
             </journal-title-group></journal-meta><article-meta><article-id pub-id-type=\"pmid\">1</article-id>\
             <article-id pub-id-type=\"doi\">10.1000/cn.2</article-id><contrib-group><contrib contrib-type=\"author\">\
             <name><surname>Curie</surname><given-names>Marie</given-names></name></contrib>\
             <contrib contrib-type=\"editor\"><name><surname>Editor</surname></name></contrib></contrib-group>\
             <pub-date pub-type=\"epub\"><day>1</day><year>2003</year></pub-date></article-meta></front></article>";
        let doc = roxmltree::Document::parse(xml).unwrap();
        let meta = from_jats(doc.root_element());
        assert_eq!(meta.authors, ["Curie, Marie"]);
        assert_eq!(
            (meta.year, meta.venue.as_deref(), meta.doi.as_deref()),
            (Some(2003), Some("Cell Notes"), Some("10.1000/cn.2"))
        );
    }

    #[test]
    fn the_first_page_gives_the_arxiv_stamp_and_a_doi_line_and_later_pages_do_not() {
        let page = "A Small Model\nA. Author\narXiv:2101.01234v2 [cs.LG] 3 Mar 2022\nAbstract ...";
        let meta = from_first_page(page);
        assert_eq!((meta.arxiv.as_deref(), meta.year), (Some("2101.01234"), Some(2022)));
        let undated = from_first_page("Title\narXiv:1901.00002v1 [stat.ML]\n");
        assert_eq!((undated.arxiv.as_deref(), undated.year), (Some("1901.00002"), Some(2019)), "the id's year");
        let late = format!("Title\n{}\nDOI: 10.1000/late.3", "words ".repeat(1000));
        assert_eq!(from_first_page(&late), PaperMeta::default());
        assert_eq!(from_first_page("Title\nhttps://doi.org/10.1000/Up.4.\n").doi.as_deref(), Some("10.1000/up.4"));
        assert_eq!(from_first_page("Title\nDOI: 10.1000/own.5\nAbstract").doi.as_deref(), Some("10.1000/own.5"));
    }

    #[test]
    fn what_the_first_page_cites_is_not_the_papers_own() {
        let page =
            "Title\nAbstract\nWe build on Smith (arXiv:1602.02410) and release data at doi:10.5061/dryad.x1 today.\n\
                    [1] A. Smith. Limits. arXiv preprint arXiv:1602.02410v2 [cs.CL], 2016.";
        assert_eq!(from_first_page(page), PaperMeta::default());
    }

    #[test]
    fn what_a_header_lacks_is_filled_from_the_first_page() {
        let header = PaperMeta { authors: vec!["Lovelace, Ada".into()], ..PaperMeta::default() };
        let page = PaperMeta { arxiv: Some("1801.00001".into()), year: Some(2018), ..PaperMeta::default() };
        let meta = filled(header, page);
        assert_eq!((meta.authors.len(), meta.arxiv.as_deref(), meta.year), (1, Some("1801.00001"), Some(2018)));
    }
}
