//! arXiv source bundles, unpacked in memory within a bound, as one LaTeX source.
//!
//! `.tar.gz`, `.tgz`, `.tar`, or a gzipped single `.tex`; nothing is written to disk. The main
//! `.tex` file has its `\input`/`\include`d files joined in, and the `.bbl` bibliography appended
//! where the sources have no `\bibitem`s of their own.

use std::collections::HashMap;
use std::io::Read;

use super::Refusal;
use crate::error::ErrorKind;

fn too_large(max_unpacked: u64) -> Refusal {
    Refusal::new(ErrorKind::TooLarge, format!("unpacks to more than {max_unpacked} bytes (the bound on archives)"))
}

/// Largest unpacked size of a bundle.
pub const MAX_UNPACKED: u64 = 256 * 1024 * 1024;

/// The bundle as one LaTeX source, and warnings.
pub(crate) fn latex_source(bytes: &[u8], max_unpacked: u64) -> Result<(Vec<u8>, Vec<String>), Refusal> {
    let data = if bytes.starts_with(&[0x1f, 0x8b]) {
        let mut out = Vec::new();
        flate2::read::MultiGzDecoder::new(bytes)
            .take(max_unpacked + 1)
            .read_to_end(&mut out)
            .map_err(|e| format!("damaged gzip data ({e})"))?;
        if out.len() as u64 > max_unpacked {
            return Err(too_large(max_unpacked));
        }
        out
    } else {
        bytes.to_vec()
    };
    if !is_tar(&data) {
        return Ok((data, Vec::new()));
    }
    let files = untar(&data, max_unpacked)?;
    let mut warnings = Vec::new();
    let tex: HashMap<&str, &Vec<u8>> =
        files.iter().filter(|(n, _)| n.ends_with(".tex")).map(|(n, b)| (n.as_str(), b)).collect();
    let main = tex
        .iter()
        .filter(|(_, b)| contains(b, b"\\documentclass") || contains(b, b"\\begin{document}"))
        .max_by_key(|(_, b)| b.len())
        .map(|(n, _)| n.to_string())
        .ok_or("the archive holds no main .tex file (none with \\documentclass)")?;
    let mut seen = Vec::new();
    let mut source = expand(&main, &files, &mut seen, 0);
    if !contains(&source, b"\\bibitem") {
        if let Some((_, bbl)) = files.iter().find(|(n, _)| n.ends_with(".bbl")) {
            source = with_bibliography(&source, bbl);
        }
    }
    if files.iter().any(|(n, _)| n.ends_with(".bib")) && !contains(&source, b"\\bibitem") {
        warnings.push("the bibliography is a .bib without a .bbl: citations are not linked".into());
    }
    Ok((source, warnings))
}

/// The `.bbl` in place of `\bibliography{...}`, else before `\end{document}`, else at the end.
fn with_bibliography(source: &[u8], bbl: &[u8]) -> Vec<u8> {
    let text = String::from_utf8_lossy(source);
    let bbl = String::from_utf8_lossy(bbl);
    let at = text.find("\\bibliography{").map(|p| (p, text[p..].find('}').map_or(text.len(), |e| p + e + 1)));
    let (start, end) = at.or_else(|| text.rfind("\\end{document}").map(|p| (p, p))).unwrap_or((text.len(), text.len()));
    format!("{}\n{}\n{}", &text[..start], bbl, &text[end..]).into_bytes()
}

fn is_tar(data: &[u8]) -> bool {
    data.len() > 262 && &data[257..262] == b"ustar"
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

/// Regular files of a tar, by normalised path; links, devices, absolute paths and paths that
/// climb out (`..`) are skipped, since nothing is ever written anyway.
fn untar(data: &[u8], max_unpacked: u64) -> Result<Vec<(String, Vec<u8>)>, Refusal> {
    let mut archive = tar::Archive::new(data);
    let mut files = Vec::new();
    let mut total = 0u64;
    for entry in archive.entries().map_err(|e| format!("damaged tar archive ({e})"))? {
        let mut entry = entry.map_err(|e| format!("damaged tar archive ({e})"))?;
        if !entry.header().entry_type().is_file() {
            continue;
        }
        let path = entry.path().map_err(|e| format!("damaged tar archive ({e})"))?.to_string_lossy().to_string();
        if path.starts_with('/') || path.split('/').any(|p| p == "..") {
            continue;
        }
        // macOS resource forks ("._main.tex") are binary, whatever their name.
        if path.rsplit('/').next().is_some_and(|b| b.starts_with("._")) {
            continue;
        }
        let size = entry.header().size().unwrap_or(0);
        total += size;
        if total > max_unpacked {
            return Err(too_large(max_unpacked));
        }
        let wanted = [".tex", ".bbl", ".bib", ".sty", ".cls"].iter().any(|e| path.ends_with(e));
        if !wanted {
            continue;
        }
        let mut buf = Vec::with_capacity(size as usize);
        entry.read_to_end(&mut buf).map_err(|e| format!("damaged tar archive ({e})"))?;
        files.push((path.trim_start_matches("./").to_string(), buf));
    }
    Ok(files)
}

/// The file with its `\input{x}` and `\include{x}` replaced by the files they name.
fn expand(name: &str, files: &[(String, Vec<u8>)], seen: &mut Vec<String>, depth: usize) -> Vec<u8> {
    let Some((_, content)) = files.iter().find(|(n, _)| n == name) else { return Vec::new() };
    if depth > 20 || seen.iter().any(|s| s == name) {
        return Vec::new();
    }
    seen.push(name.to_string());
    let text = String::from_utf8_lossy(content);
    let mut out = String::with_capacity(text.len());
    let mut rest: &str = &text;
    loop {
        let next =
            ["\\input{", "\\include{", "\\subfile{"].iter().filter_map(|c| rest.find(c).map(|p| (p, c.len()))).min();
        let Some((p, len)) = next else { break };
        // A commented-out \input stays out.
        let line_start = rest[..p].rfind('\n').map_or(0, |i| i + 1);
        let commented = rest[line_start..p].contains('%');
        out.push_str(&rest[..p]);
        let after = &rest[p + len..];
        let Some(close) = after.find('}') else {
            rest = after;
            break;
        };
        let target = after[..close].trim();
        if !commented {
            let candidates = [target.to_string(), format!("{target}.tex")];
            let dir = name.rsplit_once('/').map(|(d, _)| format!("{d}/")).unwrap_or_default();
            let found = candidates
                .iter()
                .flat_map(|c| [c.clone(), format!("{dir}{c}")])
                .find(|c| files.iter().any(|(n, _)| n == c));
            if let Some(f) = found {
                out.push('\n');
                out.push_str(&String::from_utf8_lossy(&expand(&f, files, seen, depth + 1)));
                out.push('\n');
            }
        }
        rest = &after[close + 1..];
    }
    out.push_str(rest);
    out.into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tar_of(files: &[(&str, &str)]) -> Vec<u8> {
        let mut b = tar::Builder::new(Vec::new());
        for (name, content) in files {
            let mut h = tar::Header::new_gnu();
            h.set_size(content.len() as u64);
            h.set_mode(0o644);
            h.set_cksum();
            b.append_data(&mut h, name, content.as_bytes()).unwrap();
        }
        b.into_inner().unwrap()
    }

    fn gz(data: &[u8]) -> Vec<u8> {
        use std::io::Write;
        let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        e.write_all(data).unwrap();
        e.finish().unwrap()
    }

    #[test]
    fn inputs_are_joined_and_the_bbl_appended() {
        let t = tar_of(&[
            ("paper/main.tex", "\\documentclass{article}\\begin{document}\\input{sections/intro}\n% \\input{old}\n\\bibliography{refs}\\end{document}"),
            ("paper/sections/intro.tex", "We use CIFAR-10~\\cite{k}."),
            ("paper/main.bbl", "\\begin{thebibliography}{1}\\bibitem{k} A. Krizhevsky. Tiny images. 2009.\\end{thebibliography}"),
            ("paper/old.tex", "SHOULD NOT APPEAR"),
            ("paper/._main.tex", "\0\0binary fork"),
        ]);
        let (src, _) = latex_source(&gz(&t), MAX_UNPACKED).unwrap();
        let src = String::from_utf8(src).unwrap();
        assert!(src.contains("We use CIFAR-10~\\cite{k}."), "{src}");
        let bib = src.find("\\bibitem{k}").expect("the bbl is in");
        assert!(bib < src.find("\\end{document}").unwrap(), "inside the document: {src}");
        assert!(!src.contains("SHOULD NOT APPEAR"));
    }

    #[test]
    fn bombs_and_escapes_are_refused_or_ignored() {
        let big = "x".repeat(10_000);
        let t = tar_of(&[("main.tex", "\\documentclass{article}"), ("big.tex", &big)]);
        assert_eq!(latex_source(&gz(&t), 5_000).unwrap_err().kind, ErrorKind::TooLarge);
        let t = tar_of(&[("main.tex", "\\documentclass{article} ok")]);
        assert!(latex_source(&t, MAX_UNPACKED).is_ok());
        assert_eq!(latex_source(&[0x1f, 0x8b, 1, 2, 3], MAX_UNPACKED).unwrap_err().kind, ErrorKind::Unreadable);
    }
}
