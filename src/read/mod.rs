//! The read stage: finds the input files, detects each one's format, and makes it a [`Document`].
//!
//! The format is told from the content first and the name second; formats without a reader are
//! refused with a clear reason.

mod archive;
mod latex;
pub mod metadata;
pub mod pdf;
mod text;
mod xml;

use std::io::Read;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use crate::document::{Document, Format, PaperMeta};
use crate::error::{Error, ErrorKind};

/// Why a reader refused an input: the kind of failure and the reason for the one-line report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Refusal {
    pub kind: ErrorKind,
    pub reason: String,
}

impl Refusal {
    pub fn new(kind: ErrorKind, reason: impl Into<String>) -> Refusal {
        Refusal { kind, reason: reason.into() }
    }

    fn of(self, path: &str) -> Error {
        Error::Read { path: path.to_string(), kind: self.kind, reason: self.reason }
    }
}

/// A reader's plain reason is an unreadable input.
impl From<String> for Refusal {
    fn from(reason: String) -> Refusal {
        Refusal::new(ErrorKind::Unreadable, reason)
    }
}

impl From<&str> for Refusal {
    fn from(reason: &str) -> Refusal {
        Refusal::new(ErrorKind::Unreadable, reason)
    }
}

/// Bounds on what one input may cost, and how PDFs are read.
#[derive(Debug, Clone)]
pub struct Limits {
    /// Largest input file, in bytes.
    pub max_file_bytes: u64,
    /// Longest time reading and extracting one input may take (a PDF's reader child included).
    pub timeout: std::time::Duration,
    /// Largest size an archive may unpack to, in bytes.
    pub max_unpacked_bytes: u64,
    /// A program that extracts a PDF's text in a child process (`citekb __pdf-text`); without
    /// one, PDFs are read in this process, with no time bound.
    pub pdf_helper: Option<PathBuf>,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_file_bytes: 64 * 1024 * 1024,
            timeout: std::time::Duration::from_secs(60),
            max_unpacked_bytes: archive::MAX_UNPACKED,
            pdf_helper: None,
        }
    }
}

/// One thing to read: a file, or standard input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    File(PathBuf),
    Stdin,
}

impl Input {
    pub fn display(&self) -> String {
        match self {
            Input::File(p) => p.display().to_string(),
            Input::Stdin => "-".to_string(),
        }
    }
}

/// File name endings a folder walk picks up; a file named explicitly is read whatever its name.
const PAPER_EXTENSIONS: &[&str] =
    &["txt", "md", "markdown", "text", "pdf", "xml", "tei", "nxml", "tex", "gz", "tgz", "tar"];

/// Expands the paths a user gave into inputs, in a stable order: files as given, folders walked
/// recursively (sorted, hidden entries skipped), `-` as standard input. Problems met on the way
/// (a missing path, an unreadable folder, a symlink loop) come back as errors beside the inputs,
/// so one bad path never hides the rest.
pub fn collect_inputs(paths: &[PathBuf]) -> (Vec<Input>, Vec<Error>) {
    let (inputs, errors, _) = collect(paths);
    (inputs, errors)
}

/// Files a folder walk passed over without reading them, counted by the reason.
pub type Skipped = std::collections::BTreeMap<&'static str, usize>;

/// A folder walk skips a file whose name has no paper's ending (figures, data, code).
pub const SKIPPED_TYPE: &str = "not a paper's file type (by its name)";
/// A folder walk skips hidden files and folders (`.git`, editor files), a folder counting once.
pub const SKIPPED_HIDDEN: &str = "hidden";
/// A folder walk follows symbolic links only while they stay inside the folder: a link out of it
/// (to `/`, to someone's home) is skipped; named on the command line, its target is read.
pub const SKIPPED_OUTSIDE: &str = "a link out of the folder";

/// Like [`collect_inputs`], with the count of what the folder walks skipped, by reason.
pub fn collect(paths: &[PathBuf]) -> (Vec<Input>, Vec<Error>, Skipped) {
    let mut inputs = Vec::new();
    let mut errors = Vec::new();
    let mut skipped = Skipped::new();
    for path in paths {
        if path.as_os_str() == "-" {
            inputs.push(Input::Stdin);
            continue;
        }
        match std::fs::metadata(path) {
            Err(e) => errors.push(io_refusal(&e).of(&path.display().to_string())),
            Ok(m) if m.is_dir() => walk(path, &mut inputs, &mut errors, &mut skipped),
            Ok(_) => inputs.push(Input::File(path.clone())),
        }
    }
    (inputs, errors, skipped)
}

fn walk(dir: &Path, inputs: &mut Vec<Input>, errors: &mut Vec<Error>, skipped: &mut Skipped) {
    let root = dir.canonicalize().unwrap_or_else(|_| dir.to_path_buf());
    let mut walker = walkdir::WalkDir::new(dir).follow_links(true).sort_by_file_name().into_iter();
    while let Some(entry) = walker.next() {
        if let Ok(e) = &entry {
            let hidden = e.depth() > 0 && e.file_name().to_string_lossy().starts_with('.');
            let outside = e.path_is_symlink() && !e.path().canonicalize().is_ok_and(|t| t.starts_with(&root));
            if hidden || outside {
                if e.file_type().is_dir() {
                    walker.skip_current_dir();
                }
                *skipped.entry(if hidden { SKIPPED_HIDDEN } else { SKIPPED_OUTSIDE }).or_default() += 1;
                continue;
            }
        }
        match entry {
            Ok(e) if e.file_type().is_file() => {
                let name = e.file_name().to_string_lossy().to_lowercase();
                let wanted = name.rsplit_once('.').is_some_and(|(_, ext)| PAPER_EXTENSIONS.contains(&ext));
                if wanted {
                    inputs.push(Input::File(e.into_path()));
                } else {
                    *skipped.entry(SKIPPED_TYPE).or_default() += 1;
                }
            }
            Ok(e) if !e.file_type().is_dir() => {
                errors.push(
                    Refusal::from("not a regular file (a FIFO, a device or a socket), not read")
                        .of(&e.path().display().to_string()),
                );
            }
            Ok(_) => {}
            Err(e) => {
                let path = e.path().map(|p| p.display().to_string()).unwrap_or_else(|| dir.display().to_string());
                let refusal = if e.loop_ancestor().is_some() {
                    Refusal::from("symbolic link loop, skipped")
                } else if let Some(io) = e.io_error() {
                    io_refusal(io)
                } else {
                    Refusal::from(e.to_string())
                };
                errors.push(refusal.of(&path));
            }
        }
    }
}

fn io_refusal(e: &std::io::Error) -> Refusal {
    match e.kind() {
        std::io::ErrorKind::NotFound => Refusal::new(ErrorKind::NotFound, "no such file or folder"),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => e.to_string().into(),
    }
}

/// Reads one input into a document.
pub fn read_input(input: &Input, limits: &Limits) -> Result<Document, Error> {
    let bytes = load(input, limits)?;
    read_bytes(&input.display(), &bytes, limits)
}

/// The bytes of one input, within the size limit.
pub fn load(input: &Input, limits: &Limits) -> Result<Vec<u8>, Error> {
    let source = input.display();
    let fail = |refusal: Refusal| refusal.of(&source);
    let too_large = |reason: String| fail(Refusal::new(ErrorKind::TooLarge, reason));
    let bytes = match input {
        Input::Stdin => {
            let mut buf = Vec::new();
            std::io::stdin()
                .lock()
                .take(limits.max_file_bytes + 1)
                .read_to_end(&mut buf)
                .map_err(|e| fail(io_refusal(&e)))?;
            buf
        }
        Input::File(path) => {
            let meta = std::fs::metadata(path).map_err(|e| fail(io_refusal(&e)))?;
            // A FIFO would block the batch until a writer came, a device (`/dev/zero`) never
            // ends: only regular files are papers. Checked before opening, since opening a
            // FIFO blocks already.
            if !meta.is_file() {
                return Err(fail(Refusal::from("not a regular file (a FIFO, a device or a socket), not read")));
            }
            if meta.len() > limits.max_file_bytes {
                return Err(too_large(format!(
                    "file is {} bytes, over the limit of {} (--max-file-size)",
                    meta.len(),
                    limits.max_file_bytes
                )));
            }
            // Bounded while reading too: a file may grow after its size was looked at.
            let mut buf = Vec::with_capacity(meta.len() as usize);
            std::fs::File::open(path)
                .and_then(|f| f.take(limits.max_file_bytes + 1).read_to_end(&mut buf))
                .map_err(|e| fail(io_refusal(&e)))?;
            buf
        }
    };
    if bytes.len() as u64 > limits.max_file_bytes {
        return Err(too_large(format!("input is over the limit of {} bytes (--max-file-size)", limits.max_file_bytes)));
    }
    Ok(bytes)
}

/// A paper's identity: the SHA-256 of its bytes, lower-case hex.
pub fn sha256(bytes: &[u8]) -> String {
    crate::hex(&Sha256::digest(bytes))
}

/// Reads a paper from its bytes; `source` names it in the document and in errors.
pub fn read_bytes(source: &str, bytes: &[u8], limits: &Limits) -> Result<Document, Error> {
    read_identified(source, bytes, sha256(bytes), limits)
}

/// Like [`read_bytes`], for bytes whose SHA-256 the caller has computed already.
pub fn read_identified(source: &str, bytes: &[u8], sha256: String, limits: &Limits) -> Result<Document, Error> {
    let fail = |refusal: Refusal| refusal.of(source);
    let format = detect(source, bytes).map_err(|r| fail(r.into()))?;
    let byte_size = bytes.len() as u64;
    let unstructured = |r: (String, Option<String>, Vec<String>)| (r.0, r.1, r.2, None, PaperMeta::default());
    let structured = |r: xml::Reading| (r.0, r.1, r.2, Some(r.3), r.4);
    let (text, title, warnings, references, meta) = match format {
        Format::Text | Format::Markdown => unstructured(text::read(bytes).map_err(|r| fail(r.into()))?),
        Format::Latex if !is_archive(bytes) => unstructured(latex::read(bytes).map_err(|r| fail(r.into()))?),
        Format::Latex => {
            let (source, mut warnings) = archive::latex_source(bytes, limits.max_unpacked_bytes).map_err(fail)?;
            let (text, title, more) = latex::read(&source).map_err(|r| fail(r.into()))?;
            warnings.extend(more);
            (text, title, warnings, None, PaperMeta::default())
        }
        Format::Pdf => unstructured(
            pdf::read(bytes, limits.pdf_helper.as_deref(), crate::deadline::remaining().unwrap_or(limits.timeout))
                .map_err(fail)?,
        ),
        Format::Tei => structured(xml::read_tei(bytes).map_err(|r| fail(r.into()))?),
        Format::Jats => structured(xml::read_jats(bytes).map_err(|r| fail(r.into()))?),
    };
    if text.trim().is_empty() {
        return Err(fail("no text in the file".into()));
    }
    if let Some(line) = text.split('\n').map(str::len).find(|&n| n > MAX_LINE_BYTES) {
        let reason = format!(
            "a line of {line} bytes, over the bound of {MAX_LINE_BYTES}: no paper's text runs that long unbroken"
        );
        return Err(fail(Refusal::new(ErrorKind::TooLarge, reason)));
    }
    let meta = metadata::filled(meta, metadata::from_first_page(&text));
    Ok(Document { source: source.to_string(), format, sha256, byte_size, text, title, warnings, references, meta })
}

/// Longest line a paper's text may have, in bytes. The longest in the real corpora is about
/// 60 kB (a tokenised section on one line); extraction grows faster than linearly along a line
/// dense with names, so a line of tens of megabytes would hold a batch for many minutes.
pub const MAX_LINE_BYTES: usize = 2 * 1024 * 1024;

/// A gzip or tar archive (an arXiv source bundle).
fn is_archive(bytes: &[u8]) -> bool {
    bytes.starts_with(&[0x1f, 0x8b]) || (bytes.len() > 262 && &bytes[257..262] == b"ustar")
}

/// The format of an input, from its first bytes, then its name. An error says why it is no paper.
pub fn detect(name: &str, bytes: &[u8]) -> Result<Format, String> {
    if bytes.is_empty() {
        return Err("empty file".into());
    }
    let head = &bytes[..bytes.len().min(4096)];
    if head.starts_with(b"%PDF-") {
        return Ok(Format::Pdf);
    }
    if head.starts_with(&[0x1f, 0x8b]) || (bytes.len() > 262 && &bytes[257..262] == b"ustar") {
        return Ok(Format::Latex);
    }
    let lower_name = name.to_lowercase();
    if lower_name.ends_with(".pdf") {
        return Err("named .pdf but is not a PDF (no %PDF- header)".into());
    }
    let head_text = String::from_utf8_lossy(head);
    let trimmed = head_text.trim_start_matches('\u{feff}').trim_start();
    if trimmed.starts_with('<') {
        // The root element, however long the prolog before it (comments, a DTD).
        match xml_root(bytes).map(|r| r.rsplit(':').next().unwrap_or(r)) {
            Some("TEI" | "teiCorpus") => return Ok(Format::Tei),
            Some("article") => return Ok(Format::Jats),
            _ => {}
        }
        if head_text.contains("<TEI") {
            return Ok(Format::Tei);
        }
        if head_text.contains("<article") || head_text.contains("JATS") {
            return Ok(Format::Jats);
        }
    }
    // Anywhere in the file, not only at its head: no text paper holds a NUL byte.
    if let Some(at) = bytes.iter().position(|&b| b == 0) {
        return Err(format!("binary data, not a paper (a NUL byte at offset {at})"));
    }
    if head_text.contains("\\documentclass") || head_text.contains("\\begin{document}") || lower_name.ends_with(".tex")
    {
        return Ok(Format::Latex);
    }
    if lower_name.ends_with(".md") || lower_name.ends_with(".markdown") || looks_like_markdown(&head_text) {
        return Ok(Format::Markdown);
    }
    Ok(Format::Text)
}

/// The name of an XML document's root element: what follows the XML declaration, comments,
/// processing instructions and the document type declaration. None when something else comes
/// first (text, or a prolog that never ends).
fn xml_root(bytes: &[u8]) -> Option<&str> {
    let mut rest = bytes.strip_prefix("\u{feff}".as_bytes()).unwrap_or(bytes);
    loop {
        rest = rest.trim_ascii_start();
        if let Some(r) = rest.strip_prefix(b"<?") {
            rest = after(r, b"?>")?;
        } else if let Some(r) = rest.strip_prefix(b"<!--") {
            rest = after(r, b"-->")?;
        } else if let Some(r) = rest.strip_prefix(b"<!DOCTYPE") {
            rest = after_doctype(r)?;
        } else {
            let name = rest.strip_prefix(b"<")?;
            let end = name.iter().position(|b| b.is_ascii_whitespace() || matches!(b, b'>' | b'/'))?;
            return std::str::from_utf8(&name[..end]).ok().filter(|n| !n.is_empty());
        }
    }
}

/// What follows the first `end` in `s`.
fn after<'a>(s: &'a [u8], end: &[u8]) -> Option<&'a [u8]> {
    s.windows(end.len()).position(|w| w == end).map(|p| &s[p + end.len()..])
}

/// What follows a document type declaration whose `<!DOCTYPE` is gone: its `>`, outside quotes
/// and outside the internal subset's brackets.
fn after_doctype(s: &[u8]) -> Option<&[u8]> {
    let (mut depth, mut quote) = (0usize, None);
    for (i, &b) in s.iter().enumerate() {
        match (quote, b) {
            (Some(q), _) if b == q => quote = None,
            (Some(_), _) => {}
            (None, b'"' | b'\'') => quote = Some(b),
            (None, b'[') => depth += 1,
            (None, b']') => depth = depth.saturating_sub(1),
            (None, b'>') if depth == 0 => return Some(&s[i + 1..]),
            _ => {}
        }
    }
    None
}

fn looks_like_markdown(head: &str) -> bool {
    head.lines().filter(|l| l.starts_with("# ") || l.starts_with("## ")).count() >= 2
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_from_content_before_name() {
        assert_eq!(detect("x.txt", b"%PDF-1.5 ..."), Ok(Format::Pdf));
        assert_eq!(detect("paper", b"<?xml version='1.0'?><TEI xmlns=''>"), Ok(Format::Tei));
        assert_eq!(detect("a.txt", b"\\documentclass{article}"), Ok(Format::Latex));
        assert_eq!(detect("a.md", b"Title\n\nText"), Ok(Format::Markdown));
        assert_eq!(detect("a.txt", b"Title\n\nText"), Ok(Format::Text));
    }

    #[test]
    fn detects_xml_by_its_root_after_any_prolog() {
        let comment = format!("<!-- {} -->", "a comment that goes on ".repeat(400));
        let tei = format!("<?xml version='1.0'?>\n{comment}<!DOCTYPE TEI [<!ENTITY x 'a>b'>]><TEI><text/></TEI>");
        assert_eq!(detect("a.xml", tei.as_bytes()), Ok(Format::Tei));
        let jats = format!("{comment}<article article-type='research-article'><front/></article>");
        assert_eq!(detect("a.xml", jats.as_bytes()), Ok(Format::Jats));
        assert_eq!(xml_root(b"<!-- never closed <TEI>"), None);
    }

    #[test]
    fn refuses_what_is_no_paper() {
        assert!(detect("a.txt", b"").unwrap_err().contains("empty"));
        assert!(detect("a.pdf", b"hello").unwrap_err().contains("not a PDF"));
        assert!(detect("a.bin", b"ab\0cd").unwrap_err().contains("binary"));
    }

    #[test]
    fn failures_have_kinds() {
        let dir = tempfile::tempdir().unwrap();
        let big = dir.path().join("big.txt");
        std::fs::write(&big, "A title\n\nSome text.").unwrap();
        let limits = Limits { max_file_bytes: 5, ..Limits::default() };
        assert_eq!(load(&Input::File(big), &limits).unwrap_err().kind(), ErrorKind::TooLarge);
        let missing = Input::File(dir.path().join("missing.txt"));
        assert_eq!(load(&missing, &limits).unwrap_err().kind(), ErrorKind::NotFound);
        assert_eq!(read_bytes("a.bin", b"ab\0cd", &Limits::default()).unwrap_err().kind(), ErrorKind::Unreadable);
        let line = format!("A title\n\n{}", "word ".repeat(MAX_LINE_BYTES / 5 + 1));
        assert_eq!(read_bytes("a.txt", line.as_bytes(), &Limits::default()).unwrap_err().kind(), ErrorKind::TooLarge);
        let (_, errors) = collect_inputs(&[dir.path().join("nowhere")]);
        assert_eq!(errors.iter().map(Error::kind).collect::<Vec<_>>(), [ErrorKind::NotFound]);
    }

    #[test]
    fn identity_is_the_content_hash() {
        let a = read_bytes("a.txt", b"A title\n\nSome text.", &Limits::default()).unwrap();
        let b = read_bytes("b.txt", b"A title\n\nSome text.", &Limits::default()).unwrap();
        assert_eq!(a.sha256, b.sha256);
        assert_eq!(a.sha256.len(), 64);
    }
}

#[cfg(test)]
mod props {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        #[test]
        fn any_bytes_read_or_fail_cleanly(bytes in prop::collection::vec(any::<u8>(), 0..400), name in "[a-z]{1,5}\\.(txt|md|tex|xml|pdf|gz)") {
            let limits = Limits::default();
            if let Ok(doc) = read_bytes(&name, &bytes, &limits) {
                // Whatever reads also extracts without panicking.
                let registry = crate::Registry::builtin().unwrap();
                let _ = crate::extract::extract(&doc, &registry);
            }
        }

        #[test]
        fn markup_like_text_reads(body in "(\\\\[a-z]{1,8}(\\{[a-z ]{0,10}\\})?|<[a-z]{1,5}>|</[a-z]{1,5}>|[a-z .,]{1,10}|\\$|%|&){0,60}") {
            let limits = Limits::default();
            for (name, head) in [("x.tex", "\\documentclass{article}\\begin{document}"), ("x.xml", "<TEI>"), ("y.xml", "<article>")] {
                let _ = read_bytes(name, format!("{head}{body}").as_bytes(), &limits);
            }
        }
    }
}
