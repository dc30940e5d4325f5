//! Training material for the reference models: GROBID's annotated TEI files read into labelled
//! examples (reference sections with their entries, citations with their fields), and the
//! variants of a section that other readers produce (one entry a line, re-wrapped, unlabelled,
//! entries run together), so that one model serves PDF lines and every other layout.

pub mod restyle;

use std::path::Path;

use super::fields::Field;
pub use restyle::{restyled, Style};

/// A reference section as laid out, with the byte spans of its entries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SectionExample {
    pub name: String,
    pub text: String,
    pub entries: Vec<(usize, usize)>,
}

/// One citation with the byte spans of its fields; text outside every span is punctuation or
/// words no field claims.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CitationExample {
    pub text: String,
    pub fields: Vec<(usize, usize, Field)>,
}

/// Reads a GROBID reference-segmenter file (`<listBibl>` of `<bibl>` entries, `<lb/>` at each
/// line end as the PDF laid it out).
pub fn read_section_file(path: &Path) -> Result<SectionExample, String> {
    let xml = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let doc = parse_xml(&xml).map_err(|e| format!("{}: {e}", path.display()))?;
    let list = doc
        .descendants()
        .find(|n| n.tag_name().name() == "listBibl")
        .ok_or_else(|| format!("{}: no listBibl", path.display()))?;
    let mut out = Builder::default();
    let mut entries = Vec::new();
    for child in list.children() {
        if child.is_element() && child.tag_name().name() == "bibl" {
            out.soft_break();
            let start = out.text.len();
            out.walk(child);
            entries.push((start, out.text.trim_end().len()));
        } else {
            out.walk(child);
        }
    }
    let name = path.file_name().map(|f| f.to_string_lossy().into_owned()).unwrap_or_default();
    let text = out.text.trim_end().to_string();
    Ok(SectionExample { name, text, entries })
}

/// Reads a GROBID citation file: every `<bibl>` an entry, its tagged children its fields.
pub fn read_citation_file(path: &Path) -> Result<Vec<CitationExample>, String> {
    let xml = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let doc = parse_xml(&xml).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut out = Vec::new();
    for bibl in doc.descendants().filter(|n| n.tag_name().name() == "bibl") {
        let mut b = Builder { flatten_lines: true, ..Builder::default() };
        let mut spans: Vec<(usize, usize, Field)> = Vec::new();
        let mut open: Vec<(usize, Field)> = Vec::new();
        b.walk_fields(bibl, &mut spans, &mut open);
        b.trim_end();
        let text = b.text;
        let fields: Vec<(usize, usize, Field)> = spans
            .into_iter()
            .filter_map(|(s, e, f)| {
                let piece = &text[s.min(text.len())..e.min(text.len())];
                let lead = piece.len() - piece.trim_start().len();
                let piece_end = s + piece.trim_end().len();
                (piece_end > s + lead).then_some((s + lead, piece_end, f))
            })
            .collect();
        if !fields.is_empty() {
            out.push(CitationExample { text, fields });
        }
    }
    Ok(out)
}

fn parse_xml(xml: &str) -> Result<roxmltree::Document<'_>, roxmltree::Error> {
    roxmltree::Document::parse_with_options(
        xml,
        roxmltree::ParsingOptions { allow_dtd: true, ..roxmltree::ParsingOptions::default() },
    )
}

/// The field a citation element marks.
fn field_of(node: roxmltree::Node) -> Option<Field> {
    let attr = |k: &str| node.attribute(k).unwrap_or("").to_ascii_lowercase();
    Some(match node.tag_name().name() {
        "author" => Field::Author,
        "editor" => Field::Editor,
        "title" => match attr("level").as_str() {
            "a" => Field::Title,
            "j" => Field::Journal,
            "s" => Field::Series,
            _ => Field::Book,
        },
        "date" => Field::Date,
        "biblScope" => {
            let kind = format!("{}{}", attr("type"), attr("unit"));
            match kind.as_str() {
                "vol" | "volume" => Field::Volume,
                "issue" => Field::Issue,
                "pp" | "page" => Field::Pages,
                _ => Field::Note,
            }
        }
        "publisher" => Field::Publisher,
        "pubPlace" => Field::Location,
        "orgName" if attr("type") == "collaboration" => Field::Collaboration,
        "orgName" => Field::Institution,
        "idno" => Field::Identifier,
        "ptr" => Field::Url,
        "note" if attr("type") == "report" => Field::Report,
        "note" => Field::Note,
        _ => return None,
    })
}

/// Text built from XML, with whitespace as a PDF's text layer gives it.
#[derive(Default)]
struct Builder {
    text: String,
    /// Line ends become spaces (a citation is one line).
    flatten_lines: bool,
}

impl Builder {
    fn push_text(&mut self, s: &str) {
        for c in s.chars() {
            if c.is_whitespace() {
                if !self.text.is_empty() && !self.text.ends_with([' ', '\n']) {
                    self.text.push(' ');
                }
            } else {
                self.text.push(c);
            }
        }
    }

    fn line_break(&mut self) {
        if self.flatten_lines {
            self.push_text(" ");
            return;
        }
        self.trim_end();
        if !self.text.is_empty() && !self.text.ends_with('\n') {
            self.text.push('\n');
        }
    }

    /// A break that needs no new line where the text already ends one.
    fn soft_break(&mut self) {
        self.trim_end();
        if !self.text.is_empty() && !self.text.ends_with('\n') {
            self.text.push(' ');
        }
    }

    fn trim_end(&mut self) {
        while self.text.ends_with(' ') {
            self.text.pop();
        }
    }

    fn walk(&mut self, node: roxmltree::Node) {
        if node.is_text() {
            self.push_text(node.text().unwrap_or(""));
        } else if node.is_element() {
            if node.tag_name().name() == "lb" {
                self.line_break();
                return;
            }
            for c in node.children() {
                self.walk(c);
            }
        }
    }

    fn walk_fields(
        &mut self,
        node: roxmltree::Node,
        spans: &mut Vec<(usize, usize, Field)>,
        open: &mut Vec<(usize, Field)>,
    ) {
        for c in node.children() {
            if c.is_text() {
                self.push_text(c.text().unwrap_or(""));
            } else if c.is_element() {
                if c.tag_name().name() == "lb" {
                    self.line_break();
                    continue;
                }
                // The outermost marked element names the field ("<author><orgName>" is an author).
                match field_of(c).filter(|_| open.is_empty()) {
                    Some(f) => {
                        let start = self.text.len();
                        open.push((start, f));
                        self.walk_fields(c, spans, open);
                        open.pop();
                        spans.push((start, self.text.len(), f));
                    }
                    None => self.walk_fields(c, spans, open),
                }
            }
        }
    }
}

/// A small deterministic generator, so that the variants (and so the models) are reproducible.
pub struct Lcg(u64);

impl Lcg {
    pub fn new(seed: u64) -> Lcg {
        Lcg(seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407))
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        self.0 >> 33
    }

    /// True with probability `percent` / 100.
    pub fn chance(&mut self, percent: u64) -> bool {
        self.next_u64() % 100 < percent
    }
}

/// The ways a reference section reaches the segmenter besides a PDF's lines.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// As the PDF laid it out.
    AsLaidOut,
    /// One entry a line (GROBID text, JATS rendered as text), optionally bulleted ("- ") with
    /// blank lines between entries, some entries run together on one line.
    OneALine { bulleted: bool },
    /// Each entry re-flowed at a width, as another text layer wraps it.
    Wrapped { width: usize },
    /// As laid out, with the entries' labels ("[12]", "12.") taken off.
    Unlabelled,
    /// As laid out, with a blank line between entries and some of an entry's lines run
    /// together, as some PDF text layers give them.
    Paragraphs,
}

/// The section as another layout writes it; entries keep their order and text.
pub fn relayout(ex: &SectionExample, layout: Layout, rng: &mut Lcg) -> SectionExample {
    let entry_texts: Vec<&str> = ex.entries.iter().map(|&(s, e)| &ex.text[s..e]).collect();
    let mut text = String::new();
    let mut entries = Vec::new();
    match layout {
        Layout::AsLaidOut => return ex.clone(),
        Layout::Paragraphs => {
            for entry in &entry_texts {
                if !text.is_empty() {
                    text.push_str("\n\n");
                }
                let start = text.len();
                for (i, line) in entry.split('\n').enumerate() {
                    if i > 0 {
                        text.push(if rng.chance(30) { ' ' } else { '\n' });
                    }
                    text.push_str(line.trim());
                }
                entries.push((start, text.len()));
            }
        }
        Layout::Unlabelled => {
            let mut last = 0;
            for &(s, e) in &ex.entries {
                text.push_str(&ex.text[last..s]);
                let entry = &ex.text[s..e];
                let body = strip_label(entry);
                let start = text.len();
                text.push_str(body);
                entries.push((start, text.len()));
                last = e;
            }
            text.push_str(&ex.text[last..]);
        }
        Layout::OneALine { bulleted } => {
            let mut k = 0;
            while k < entry_texts.len() {
                if !text.is_empty() {
                    text.push_str(if bulleted { "\n\n" } else { "\n" });
                }
                if bulleted {
                    text.push_str("- ");
                }
                let start = text.len();
                text.push_str(&one_line(entry_texts[k]));
                entries.push((start, text.len()));
                // Some lines hold the next entry too: after a bullet glued to the end ("...
                // 2018.- Next"), or after a plain space.
                while k + 1 < entry_texts.len() && rng.chance(8) {
                    k += 1;
                    text.push_str(if bulleted && rng.chance(50) { "- " } else { " " });
                    let start = text.len();
                    text.push_str(&one_line(entry_texts[k]));
                    entries.push((start, text.len()));
                }
                k += 1;
            }
        }
        Layout::Wrapped { width } => {
            for entry in &entry_texts {
                if !text.is_empty() {
                    text.push('\n');
                }
                let start = text.len();
                push_wrapped(&mut text, &one_line(entry), width);
                entries.push((start, text.len()));
            }
        }
    }
    SectionExample { name: ex.name.clone(), text, entries }
}

/// Appends a one-line entry re-flowed at `width` characters, as another text layer wraps it.
fn push_wrapped(text: &mut String, entry: &str, width: usize) {
    let mut col = 0;
    for (i, word) in entry.split(' ').enumerate() {
        if i > 0 {
            if col + 1 + word.chars().count() > width {
                text.push('\n');
                col = 0;
            } else {
                text.push(' ');
                col += 1;
            }
        }
        text.push_str(word);
        col += word.chars().count();
    }
}

/// An entry's lines joined as GROBID's text joins them: a hyphen at a line end stays, followed
/// by a space ("analy- sis").
fn one_line(entry: &str) -> String {
    entry.split('\n').map(str::trim).filter(|l| !l.is_empty()).collect::<Vec<_>>().join(" ")
}

/// The entry without a leading "[12]", "12." or "(12)".
fn strip_label(entry: &str) -> &str {
    let t = entry.trim_start();
    let close = match t.chars().next() {
        Some('[') => t.find(']'),
        Some('(') => t.find(')'),
        Some(c) if c.is_ascii_digit() => {
            let digits = t.find(|c: char| !c.is_ascii_digit()).unwrap_or(t.len());
            t[digits..]
                .starts_with('.')
                .then_some(digits)
                .or((digits <= 3 && t[digits..].starts_with(' ')).then(|| digits - 1))
        }
        _ => None,
    };
    match close {
        Some(i) if i < 12 => t[i + 1..].trim_start(),
        _ => t,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn section_files_keep_lines_and_entries() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("s.tei.xml");
        std::fs::write(
            &p,
            "<tei><text><listBibl>\n  References<lb/>\n  <bibl><label>[1]</label> A. One, Title\n one.<lb/> J. 2 (2001).<lb/> </bibl>\n  <bibl><label>[2]</label> B. Two, Another, 2002;<lb/></bibl></listBibl></text></tei>",
        )
        .unwrap();
        let ex = read_section_file(&p).unwrap();
        assert_eq!(ex.text, "References\n[1] A. One, Title one.\nJ. 2 (2001).\n[2] B. Two, Another, 2002;");
        let entries: Vec<&str> = ex.entries.iter().map(|&(s, e)| &ex.text[s..e]).collect();
        assert_eq!(entries, ["[1] A. One, Title one.\nJ. 2 (2001).", "[2] B. Two, Another, 2002;"]);
        let un = relayout(&ex, Layout::Unlabelled, &mut Lcg::new(1));
        assert_eq!(&un.text[un.entries[1].0..un.entries[1].1], "B. Two, Another, 2002;");
        let one = relayout(&ex, Layout::Wrapped { width: 12 }, &mut Lcg::new(1));
        assert_eq!(&one.text[one.entries[0].0..one.entries[0].1], "[1] A. One,\nTitle one.\nJ. 2 (2001).");
    }

    #[test]
    fn citation_files_give_fields() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("c.xml");
        std::fs::write(
            &p,
            "<citations><bibl><author>Deng, J.</author> (<date>2009</date>). <title level=\"a\">Image data</title>. <title level=\"j\">CVPR</title> <biblScope unit=\"volume\">3</biblScope>.</bibl></citations>",
        )
        .unwrap();
        let ex = read_citation_file(&p).unwrap();
        assert_eq!(ex[0].text, "Deng, J. (2009). Image data. CVPR 3.");
        let f: Vec<(&str, Field)> = ex[0].fields.iter().map(|&(s, e, f)| (&ex[0].text[s..e], f)).collect();
        assert_eq!(
            f,
            [
                ("Deng, J.", Field::Author),
                ("2009", Field::Date),
                ("Image data", Field::Title),
                ("CVPR", Field::Journal),
                ("3", Field::Volume)
            ]
        );
    }
}

/// Every section file of a folder, in name order.
pub fn read_section_dir(dir: &Path) -> Result<Vec<SectionExample>, String> {
    files_of(dir)?.iter().map(|p| read_section_file(p)).collect()
}

/// Every citation file of a folder, in name order, with its file name.
pub fn read_citation_dir(dir: &Path) -> Result<Vec<(String, Vec<CitationExample>)>, String> {
    files_of(dir)?
        .iter()
        .map(|p| {
            Ok((p.file_name().map(|f| f.to_string_lossy().into_owned()).unwrap_or_default(), read_citation_file(p)?))
        })
        .collect()
}

fn files_of(dir: &Path) -> Result<Vec<std::path::PathBuf>, String> {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "xml"))
        .collect();
    files.sort();
    Ok(files)
}

/// The layouts a section is trained in: as laid out, unlabelled where it has labels, one entry
/// a line (plain and bulleted), and re-wrapped.
pub fn variants(ex: &SectionExample, seed: u64) -> Vec<SectionExample> {
    let mut rng = Lcg::new(seed);
    let mut layouts = vec![
        Layout::AsLaidOut,
        Layout::OneALine { bulleted: false },
        Layout::OneALine { bulleted: true },
        Layout::Wrapped { width: 90 },
        Layout::Paragraphs,
    ];
    let labelled =
        ex.entries.iter().filter(|&&(s, e)| strip_label(&ex.text[s..e]).len() < e - s).count() * 2 > ex.entries.len();
    if labelled {
        layouts.push(Layout::Unlabelled);
    }
    layouts.into_iter().map(|l| relayout(ex, l, &mut rng)).collect()
}

/// A section's features and gold labels, for training.
pub fn section_sequence(ex: &SectionExample) -> (super::crf::Features, Vec<&'static str>) {
    let tokens = super::tokens::tokenize(&ex.text, 0);
    let chunks = super::segment::chunks(&tokens);
    let features = super::segment::features(&ex.text, 0, &tokens, &chunks);
    (features, super::segment::gold_labels(&tokens, &chunks, &ex.entries))
}

/// A citation's features and gold labels, for training.
pub fn citation_sequence(ex: &CitationExample) -> (super::crf::Features, Vec<&'static str>) {
    let tokens = super::tokens::tokenize(&ex.text, 0);
    let labels = tokens
        .iter()
        .map(|t| ex.fields.iter().find(|&&(s, e, _)| t.start >= s && t.end <= e).map_or(Field::Other, |f| f.2).label())
        .collect();
    (super::fields::features(&tokens), labels)
}

/// The comparison key of an entry, as the evaluation compares them: its label off, letters and
/// digits only.
pub fn entry_key(entry: &str) -> String {
    crate::text::ascii_key(strip_label(entry.trim_start_matches(['-', ' ', '•'])))
}

/// Entries split right.
#[derive(Debug, Default, Clone, Copy)]
pub struct SplitScore {
    pub right: usize,
    pub predicted: usize,
    pub gold: usize,
    pub sections: usize,
    pub exact: usize,
}

impl SplitScore {
    pub fn add(&mut self, ex: &SectionExample, predicted: &[(usize, usize)]) {
        let mut gold: Vec<String> = ex.entries.iter().map(|&(s, e)| entry_key(&ex.text[s..e])).collect();
        let mut right = 0;
        for &(s, e) in predicted {
            let k = entry_key(&ex.text[s..e]);
            if let Some(i) = gold.iter().position(|g| *g == k) {
                gold.swap_remove(i);
                right += 1;
            }
        }
        self.right += right;
        self.predicted += predicted.len();
        self.gold += ex.entries.len();
        self.sections += 1;
        self.exact += usize::from(right == ex.entries.len() && right == predicted.len());
    }

    pub fn f1(&self) -> f64 {
        let p = self.right as f64 / self.predicted.max(1) as f64;
        let r = self.right as f64 / self.gold.max(1) as f64;
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

/// Fields parsed right, as the evaluation counts them.
#[derive(Debug, Default, Clone, Copy)]
pub struct ParseScore {
    /// Entries with a title.
    pub entries: usize,
    pub title_close: usize,
    pub authors: usize,
    pub author_right: usize,
    pub years: usize,
    pub year_right: usize,
}

impl ParseScore {
    pub fn add(&mut self, ex: &CitationExample, parsed: &crate::bib::ParsedReference) {
        let gold = |f: Field| ex.fields.iter().find(|x| x.2 == f).map(|&(s, e, _)| &ex.text[s..e]);
        // The evaluation's citations all have a title: count titles over those that do.
        let title = gold(Field::Title).or_else(|| gold(Field::Book)).unwrap_or("");
        if !title.is_empty() {
            self.entries += 1;
            self.title_close += usize::from(close(title, parsed.title.as_deref().unwrap_or("")));
        }
        if let Some(a) = gold(Field::Author) {
            let first = crate::bib::names::split_list(a).into_iter().next();
            if let Some(first) = first.filter(|n| !n.family.is_empty()) {
                self.authors += 1;
                let want = crate::text::ascii_key(&first.family);
                let have = parsed.authors.first().map(|a| crate::text::ascii_key(a)).unwrap_or_default();
                self.author_right += usize::from(!want.is_empty() && have.contains(&want));
            }
        }
        if let Some(y) =
            gold(Field::Date).and_then(|d| d.split(|c: char| !c.is_ascii_digit()).find_map(crate::text::year_of))
        {
            self.years += 1;
            self.year_right += usize::from(parsed.year == Some(y));
        }
    }
}

/// At least 90% of each title's words are the other's.
pub fn close(gold: &str, predicted: &str) -> bool {
    let words = |s: &str| -> Vec<String> {
        s.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(crate::text::ascii_key)
            .filter(|w| !w.is_empty())
            .collect()
    };
    let (g, p) = (words(gold), words(predicted));
    if g.is_empty() || p.is_empty() {
        return false;
    }
    let mut rest = p.clone();
    let common = g.iter().filter(|w| rest.iter().position(|x| x == *w).map(|i| rest.swap_remove(i)).is_some()).count();
    common as f64 >= 0.9 * g.len() as f64 && common as f64 >= 0.9 * p.len() as f64
}

/// Reference sections put together from one file's citations (one style of list each), laid
/// out as a PDF would: wrapped at a width, labelled or not, with or without blank lines. The
/// segmenter so meets every style the citation files hold, not only the sections annotated whole.
pub fn synthetic_sections(name: &str, citations: &[CitationExample], seed: u64) -> Vec<SectionExample> {
    let mut rng = Lcg::new(seed);
    let mut out = Vec::new();
    let mut rest = citations;
    while !rest.is_empty() {
        let n = (15 + rng.next_u64() as usize % 45).min(rest.len());
        let (group, tail) = rest.split_at(n);
        rest = tail;
        let labels = rng.next_u64() % 4;
        let width = 50 + rng.next_u64() as usize % 60;
        let blank = rng.chance(20);
        let mut text = String::new();
        let mut entries = Vec::new();
        for (i, c) in group.iter().enumerate() {
            if !text.is_empty() {
                text.push_str(if blank { "\n\n" } else { "\n" });
            }
            let start = text.len();
            let label = match labels {
                1 => format!("[{}] ", i + 1),
                2 => format!("{}. ", i + 1),
                _ => String::new(),
            };
            push_wrapped(&mut text, &format!("{label}{}", one_line(&c.text)), width);
            entries.push((start, text.len()));
        }
        out.push(SectionExample { name: format!("{name}#{}", out.len()), text, entries });
    }
    out
}
