//! LaTeX sources: markup turned into the plain text the extract stage reads.
//!
//! Sections become numbered heading lines, `\bibitem`s a numbered reference list, and every
//! `\cite{key}` the numeric callout `[n]` of its entry, so callouts resolve exactly by key. Math is
//! dropped, tables keep their cells, and text that is not UTF-8 is read as Latin-1 with a warning.

use std::collections::HashMap;

/// Commands whose arguments are dropped with them (with how many mandatory arguments).
const DROP_WITH_ARGS: &[(&str, usize)] = &[
    ("label", 1),
    ("ref", 1),
    ("eqref", 1),
    ("autoref", 1),
    ("cref", 1),
    ("Cref", 1),
    ("pageref", 1),
    ("url", 1),
    ("includegraphics", 1),
    ("vspace", 1),
    ("hspace", 1),
    ("bibliographystyle", 1),
    ("bibliography", 1),
    ("usepackage", 1),
    ("documentclass", 1),
    ("newcommand", 2),
    ("renewcommand", 2),
    ("providecommand", 2),
    ("newenvironment", 3),
    ("renewenvironment", 3),
    ("setlength", 2),
    ("addtolength", 2),
    ("setcounter", 2),
    ("addtocounter", 2),
    ("definecolor", 3),
    ("color", 1),
    ("textcolor", 1),
    // \captionof{figure}{Text}: the float type goes, the caption stays.
    ("captionof", 1),
    ("input", 1),
    ("include", 1),
    ("author", 1),
    ("affiliation", 1),
    ("address", 1),
    ("email", 1),
    ("thanks", 1),
    ("footnotemark", 0),
    // Note marks glue onto the name before them: "Echonest\tnote{h}" is no "Echonesth".
    ("tnote", 1),
    ("textsuperscript", 1),
    ("multicolumn", 2),
    ("multirow", 2),
    ("cline", 1),
    ("cmidrule", 1),
    ("def", 0),
    ("let", 0),
    ("fontsize", 2),
    ("raisebox", 1),
    ("scalebox", 1),
    ("resizebox", 2),
    ("rule", 2),
    ("hypersetup", 1),
    ("date", 1),
    ("icmlauthor", 2),
    ("icmlaffiliation", 2),
    ("icmlcorrespondingauthor", 2),
    ("icmlkeywords", 1),
    ("title", 1),
];

/// Environments whose content is no running text.
const SKIP_ENVIRONMENTS: &[&str] = &[
    "equation",
    "equation*",
    "align",
    "align*",
    "eqnarray",
    "eqnarray*",
    "displaymath",
    "math",
    "gather",
    "gather*",
    "multline",
    "multline*",
    "tikzpicture",
    "algorithmic",
    "algorithm2e",
    "lstlisting",
    "verbatim",
    "comment",
    "thebibliography",
    "figure*",
    "pgfpicture",
    "picture",
];

const CITE_COMMANDS: &[&str] = &[
    "cite",
    "citep",
    "citet",
    "citealp",
    "citealt",
    "citeauthor",
    "citeyear",
    "citeyearpar",
    "newcite",
    "shortcite",
    "parencite",
    "textcite",
    "autocite",
    "citenum",
    "Cite",
    "Citep",
    "Citet",
    "footcite",
    "nocite",
];

/// The text, the title, and warnings.
pub fn read(bytes: &[u8]) -> Result<(String, Option<String>, Vec<String>), String> {
    let mut warnings = Vec::new();
    let source = match std::str::from_utf8(bytes) {
        Ok(s) => s.to_string(),
        Err(e) => {
            warnings.push(format!("not valid UTF-8 (first bad byte at offset {}); read as Latin-1", e.valid_up_to()));
            bytes.iter().map(|&b| b as char).collect()
        }
    };
    if source.contains('\0') {
        return Err("binary data, not a LaTeX source".into());
    }
    let source = expand_macros(&strip_comments(&source));
    let title = command_argument(&source, "title").map(|t| one_line(&convert(&t, &HashMap::new()).text));
    let body = match (source.find("\\begin{document}"), source.rfind("\\end{document}")) {
        (Some(s), Some(e)) if s < e => &source[s + "\\begin{document}".len()..e],
        (Some(s), _) => &source[s + "\\begin{document}".len()..],
        _ => &source[..],
    };
    let bibliography = bibitems(body);
    let keys: HashMap<String, usize> = bibliography.iter().enumerate().map(|(i, (k, _))| (k.clone(), i + 1)).collect();
    let converted = convert(body, &keys);
    let mut text = String::new();
    if let Some(t) = &title {
        text.push_str(t);
        text.push_str("\n\n");
    }
    text.push_str(&tidy(&converted.text));
    if !bibliography.is_empty() {
        text.push_str("\n\nReferences\n\n");
        for (i, (_, entry)) in bibliography.iter().enumerate() {
            let entry = one_line(&convert(entry, &HashMap::new()).text);
            text.push_str(&format!("[{}] {}\n", i + 1, entry));
        }
    }
    Ok((text, title.filter(|t| !t.is_empty()), warnings))
}

/// Expands macros without arguments (`\newcommand{\thumos}{THUMOS'14}`, `\def\ours{X}`), which
/// papers use for dataset names as often as for anything else.
fn expand_macros(s: &str) -> String {
    let mut macros: Vec<(String, String)> = Vec::new();
    for command in ["\\newcommand", "\\renewcommand", "\\providecommand", "\\def"] {
        let mut from = 0;
        while let Some(p) = s[from..].find(command) {
            let at = from + p + command.len();
            from = at;
            let rest = s[at..].trim_start_matches('*').trim_start();
            // The name: {\foo} or \foo.
            let (name, after) = match braced(rest) {
                Some((n, a)) => (n.trim().to_string(), a),
                None => {
                    let Some(r) = rest.strip_prefix('\\') else { continue };
                    let e = r.find(|c: char| !c.is_ascii_alphabetic()).unwrap_or(r.len());
                    (format!("\\{}", &r[..e]), &r[e..])
                }
            };
            // Only macros without parameters, whose body is short text.
            if after.trim_start().starts_with('[') || after.trim_start().starts_with('#') {
                continue;
            }
            if let Some((body, _)) = braced(after) {
                // A name is a backslash and letters; `{ü}` or `{\\}` names no macro to expand.
                let simple = name
                    .strip_prefix('\\')
                    .is_some_and(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_alphabetic()));
                if simple && body.len() <= 80 && !body.contains('#') && !body.contains('\n') {
                    macros.push((name, body.to_string()));
                }
            }
        }
    }
    if macros.is_empty() {
        return s.to_string();
    }
    macros.sort_by_key(|(n, _)| std::cmp::Reverse(n.len()));
    let mut out = s.to_string();
    for _ in 0..2 {
        for (name, body) in &macros {
            crate::deadline::check();
            let mut result = String::with_capacity(out.len());
            let mut rest = out.as_str();
            while let Some(p) = rest.find(name.as_str()) {
                let after = &rest[p + name.len()..];
                let whole_name = !after.starts_with(|c: char| c.is_ascii_alphabetic());
                // Leave the definition itself alone.
                let defining = rest[..p].trim_end().ends_with("command{") || rest[..p].ends_with("\\def");
                result.push_str(&rest[..p]);
                if whole_name && !defining {
                    result.push_str(body);
                    // "\thumos{}" and "\thumos\ " leave their empty group or space behind.
                    if let Some(a) = after.strip_prefix("\\ ") {
                        result.push(' ');
                        rest = a;
                    } else {
                        rest = after.strip_prefix("{}").unwrap_or(after);
                    }
                } else {
                    result.push_str(name);
                    rest = after;
                }
            }
            result.push_str(rest);
            out = result;
        }
    }
    out
}

/// Removes `%` comments (not `\%`), keeping line structure.
fn strip_comments(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for line in s.split_inclusive('\n') {
        crate::deadline::check();
        let mut cut = line.len();
        let b = line.as_bytes();
        for i in 0..b.len() {
            if b[i] == b'%' && (i == 0 || b[i - 1] != b'\\') {
                cut = i;
                break;
            }
        }
        out.push_str(&line[..cut]);
        if cut < line.len() && line.ends_with('\n') {
            out.push('\n');
        }
    }
    out
}

/// The braced argument of the first `\name{...}`.
fn command_argument(s: &str, name: &str) -> Option<String> {
    let pat = format!("\\{name}");
    let mut from = 0;
    while let Some(p) = s[from..].find(&pat) {
        let at = from + p + pat.len();
        from = at;
        if s[at..].starts_with(|c: char| c.is_ascii_alphabetic()) {
            continue;
        }
        let rest = skip_optional(&s[at..]);
        let offset = s.len() - rest.len();
        if let Some((arg, _)) = braced(&s[offset..]) {
            return Some(arg.to_string());
        }
    }
    None
}

/// `{...}` at the start of `s` (after white space): its content and what follows it.
fn braced(s: &str) -> Option<(&str, &str)> {
    let t = s.trim_start();
    if !t.starts_with('{') {
        return None;
    }
    let mut depth = 0usize;
    for (i, c) in t.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => {
                depth -= 1;
                if depth == 0 {
                    return Some((&t[1..i], &t[i + 1..]));
                }
            }
            '\\' => {}
            _ => {}
        }
    }
    None
}

/// Skips `[...]` optional arguments.
fn skip_optional(s: &str) -> &str {
    let mut t = s;
    loop {
        let trimmed = t.trim_start();
        if !trimmed.starts_with('[') {
            return t;
        }
        match trimmed.find(']') {
            Some(e) => t = &trimmed[e + 1..],
            None => return t,
        }
    }
}

/// `\bibitem[label]{key} text` entries of a `thebibliography` environment, in order.
fn bibitems(body: &str) -> Vec<(String, String)> {
    let Some(start) = body.find("\\begin{thebibliography}") else { return Vec::new() };
    let end = body[start..].find("\\end{thebibliography}").map_or(body.len(), |e| start + e);
    let block = &body[start..end];
    let mut out = Vec::new();
    let parts: Vec<&str> = block.split("\\bibitem").skip(1).collect();
    for part in parts {
        let rest = skip_optional(part);
        if let Some((key, text)) = braced(rest) {
            out.push((key.trim().to_string(), text.replace("\\newblock", " ")));
        }
    }
    out
}

struct Converted {
    text: String,
}

/// LaTeX markup to text.
fn convert(s: &str, keys: &HashMap<String, usize>) -> Converted {
    let mut out = String::with_capacity(s.len());
    let mut section = 0usize;
    let mut subsection = 0usize;
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        match c {
            b'\\' => {
                let name_start = i + 1;
                let mut j = name_start;
                while j < b.len() && b[j].is_ascii_alphabetic() {
                    j += 1;
                }
                if j == name_start {
                    // A one-character command: an escape (\%, \&, \_, \\) or an accent (\'e).
                    let Some(ch) = s[name_start..].chars().next() else { break };
                    match ch {
                        '\\' => out.push('\n'),
                        '%' | '&' | '_' | '#' | '$' | '{' | '}' => out.push(ch),
                        ',' | ';' | ' ' | '!' => out.push(' '),
                        _ => {}
                    }
                    i = name_start + ch.len_utf8();
                    continue;
                }
                let name = &s[name_start..j];
                let mut rest = &s[j..];
                if name.ends_with('*') || rest.starts_with('*') {
                    rest = &rest[1..];
                }
                match name {
                    "section" | "subsection" | "subsubsection" | "paragraph" | "chapter" => {
                        let rest2 = skip_optional(rest);
                        if let Some((arg, after)) = braced(rest2) {
                            let heading = one_line(&convert(arg, keys).text);
                            match name {
                                "section" | "chapter" => {
                                    section += 1;
                                    subsection = 0;
                                    out.push_str(&format!("\n\n{section} {heading}\n"));
                                }
                                "subsection" => {
                                    subsection += 1;
                                    out.push_str(&format!("\n\n{section}.{subsection} {heading}\n"));
                                }
                                _ => out.push_str(&format!("\n\n{heading}. ")),
                            }
                            i = s.len() - after.len();
                            continue;
                        }
                    }
                    "begin" | "end" => {
                        if let Some((env, after)) = braced(rest) {
                            let env = env.trim();
                            if name == "begin" && SKIP_ENVIRONMENTS.contains(&env) {
                                let close = format!("\\end{{{env}}}");
                                let after_start = s.len() - after.len();
                                i = s[after_start..].find(&close).map_or(s.len(), |e| after_start + e + close.len());
                                out.push(' ');
                                continue;
                            }
                            if env == "abstract" {
                                out.push_str(if name == "begin" { "\n\nAbstract\n" } else { "\n\n" });
                            } else {
                                out.push('\n');
                            }
                            let after = if name == "begin" { skip_optional(after) } else { after };
                            // Table column specs: \begin{tabular}{lcc}
                            let after = if name == "begin" && env.starts_with("tabular") {
                                braced(after).map_or(after, |(_, a)| a)
                            } else {
                                after
                            };
                            i = s.len() - after.len();
                            continue;
                        }
                    }
                    _ if CITE_COMMANDS.contains(&name) => {
                        let rest2 = skip_optional(rest);
                        if let Some((arg, after)) = braced(rest2) {
                            let numbers: Vec<String> =
                                arg.split(',').filter_map(|k| keys.get(k.trim())).map(|n| n.to_string()).collect();
                            if !numbers.is_empty() {
                                out.push_str(&format!(" [{}]", numbers.join(", ")));
                            }
                            i = s.len() - after.len();
                            continue;
                        }
                    }
                    "href" => {
                        // \href{url}{text}: keep the text.
                        if let Some((_, after)) = braced(rest) {
                            i = s.len() - after.len();
                            continue;
                        }
                    }
                    "item" => {
                        out.push_str("\n- ");
                        i = s.len() - skip_optional(rest).len();
                        continue;
                    }
                    "footnote" => {
                        out.push_str(" (");
                        if let Some((arg, after)) = braced(rest) {
                            out.push_str(&convert(arg, keys).text);
                            out.push_str(") ");
                            i = s.len() - after.len();
                            continue;
                        }
                    }
                    _ => {}
                }
                if let Some(&(_, args)) = DROP_WITH_ARGS.iter().find(|(n, _)| *n == name) {
                    let mut r = skip_optional(rest);
                    for _ in 0..args {
                        r = skip_optional(r);
                        // \newcommand\foo{...} names the command without braces.
                        let t = r.trim_start();
                        if let Some(command) = t.strip_prefix('\\') {
                            let e = command.find(|c: char| !c.is_ascii_alphabetic()).map_or(command.len(), |e| e);
                            r = &command[e..];
                            continue;
                        }
                        match braced(r) {
                            Some((_, after)) => r = after,
                            None => break,
                        }
                    }
                    if name == "def" {
                        // \def\foo{...}
                        let t = r.trim_start();
                        let e = t.find('{').unwrap_or(0);
                        r = braced(&t[e..]).map_or(t, |(_, a)| a);
                    }
                    i = s.len() - r.len();
                    out.push(' ');
                    continue;
                }
                // Any other command: drop its name, keep its arguments' text.
                i = j;
                if matches!(name, "hline" | "toprule" | "midrule" | "bottomrule" | "newline" | "par" | "noindent") {
                    out.push('\n');
                } else if !rest.starts_with('{') {
                    out.push(' ');
                }
            }
            b'$' => {
                // Inline or display math: dropped, but digits and letters of "$4\times$" are no
                // dataset names anyway.
                let double = b.get(i + 1) == Some(&b'$');
                let delim = if double { "$$" } else { "$" };
                let from = i + delim.len();
                let mut k = from;
                let mut end = s.len();
                while k < b.len() {
                    if b[k] == b'\\' {
                        k += 2;
                        continue;
                    }
                    if b[k..].starts_with(delim.as_bytes()) {
                        end = k;
                        break;
                    }
                    k += 1;
                }
                out.push(' ');
                i = (end + delim.len()).min(s.len());
            }
            b'{' | b'}' => i += 1,
            b'&' => {
                out.push_str(" | ");
                i += 1;
            }
            b'~' => {
                out.push(' ');
                i += 1;
            }
            _ => {
                let ch = s[i..].chars().next().expect("in bounds");
                out.push(ch);
                i += ch.len_utf8();
            }
        }
    }
    Converted { text: out }
}

/// Quotes and dashes as text writes them, and no runs of blank lines or spaces.
fn tidy(s: &str) -> String {
    let s = s.replace("``", "\u{201c}").replace("''", "\u{201d}").replace("---", "\u{2014}").replace("--", "\u{2013}");
    let mut out = String::with_capacity(s.len());
    let mut blank = 0;
    for line in s.lines() {
        crate::deadline::check();
        let line = line.split_whitespace().collect::<Vec<_>>().join(" ");
        if line.is_empty() {
            blank += 1;
            continue;
        }
        if blank > 0 && !out.is_empty() {
            out.push('\n');
        }
        blank = 0;
        out.push_str(&line);
        out.push('\n');
    }
    out
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests;
