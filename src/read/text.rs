//! Plain-text and Markdown papers: UTF-8 text taken as it is.
//!
//! Markdown's heading marks are kept: the section splitter reads them.

/// The text, its title if the format states one, and warnings.
pub fn read(bytes: &[u8]) -> Result<(String, Option<String>, Vec<String>), String> {
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    let text = match std::str::from_utf8(bytes) {
        Ok(t) => t.to_string(),
        Err(e) => return Err(format!("not valid UTF-8 (first bad byte at offset {})", e.valid_up_to())),
    };
    let control = text.chars().filter(|c| c.is_control() && !c.is_whitespace()).count();
    if control * 20 > text.chars().count().max(1) {
        return Err("mostly control characters, not a text paper".into());
    }
    let title = text.lines().find_map(|l| l.strip_prefix("# ").map(|t| t.trim().to_string())).filter(|t| !t.is_empty());
    Ok((text.replace("\r\n", "\n"), title, Vec::new()))
}
