//! A PDF's cross-reference table rebuilt from its objects, for files whose table is missing or
//! points to the wrong places (a tool joined or edited the file without updating it). Readers
//! such as pdftotext and MuPDF repair these the same way; pdf-extract does not, and reads an
//! empty page or fails.

use std::collections::BTreeMap;

/// The bytes with a new table and trailer after them, built from every `N G obj` that starts a
/// line (a later definition of an object wins, as in an incremental update). `None` when no
/// object or no document catalog is found. Objects inside object streams are not seen: a PDF
/// that has them and a broken table stays unreadable.
pub fn rebuilt(bytes: &[u8]) -> Option<Vec<u8>> {
    let objects = objects(bytes);
    let (&root, _) = objects.iter().find(|(_, &(_, at))| is_catalog(&bytes[at..]))?;
    let root_generation = objects[&root].0;
    let size = objects.keys().next_back()? + 1;
    let mut out = bytes.to_vec();
    if !out.ends_with(b"\n") {
        out.push(b'\n');
    }
    let table = out.len();
    out.extend_from_slice(format!("xref\n0 {size}\n").as_bytes());
    for number in 0..size {
        let entry = match objects.get(&number) {
            Some(&(generation, at)) => format!("{at:010} {generation:05} n \n"),
            None => "0000000000 65535 f \n".to_string(),
        };
        out.extend_from_slice(entry.as_bytes());
    }
    let trailer = format!("trailer\n<< /Size {size} /Root {root} {root_generation} R >>\nstartxref\n{table}\n%%EOF\n");
    out.extend_from_slice(trailer.as_bytes());
    Some(out)
}

/// Each object's number → (generation, offset of its `N G obj` line).
fn objects(bytes: &[u8]) -> BTreeMap<u32, (u32, usize)> {
    let mut found = BTreeMap::new();
    let mut at = 0;
    while at < bytes.len() {
        if let Some((number, generation)) = object_header(&bytes[at..]) {
            found.insert(number, (generation, at));
        }
        match bytes[at..].iter().position(|&b| b == b'\n' || b == b'\r') {
            Some(end) => at += end + 1,
            None => break,
        }
    }
    found
}

/// `N G obj` at the start of `line`: (N, G).
fn object_header(line: &[u8]) -> Option<(u32, u32)> {
    let (number, rest) = digits(line)?;
    let (generation, rest) = digits(rest.strip_prefix(b" ")?)?;
    let rest = rest.strip_prefix(b" ")?.strip_prefix(b"obj")?;
    rest.first().is_none_or(|b| !b.is_ascii_alphanumeric()).then_some((number, generation))
}

fn digits(s: &[u8]) -> Option<(u32, &[u8])> {
    let n = s.iter().take_while(|b| b.is_ascii_digit()).count();
    let value = std::str::from_utf8(&s[..n]).ok()?.parse().ok()?;
    Some((value, &s[n..]))
}

/// Whether the object starting here is the document catalog (`/Type /Catalog` in its first
/// lines; the catalog is a small dictionary).
fn is_catalog(object: &[u8]) -> bool {
    let head = &object[..object.len().min(512)];
    let end = head.windows(6).position(|w| w == b"endobj").unwrap_or(head.len());
    let head: Vec<u8> = head[..end].iter().copied().filter(|b| !b.is_ascii_whitespace()).collect();
    head.windows(13).any(|w| w == b"/Type/Catalog")
}

#[cfg(test)]
mod tests {
    use super::*;

    const BROKEN: &[u8] = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n\
        2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\n\
        xref\n0 3\n0000000000 65535 f \n0000000999 00000 n \n0000000998 00000 n \n\
        trailer\n<< /Size 3 /Root 1 0 R >>\nstartxref\n12\n%%EOF\n";

    #[test]
    fn the_new_table_points_at_each_object_and_the_catalog_is_the_root() {
        let fixed = rebuilt(BROKEN).unwrap();
        let text = String::from_utf8(fixed).unwrap();
        let table = &text[text.rfind("\nxref\n").unwrap()..];
        assert!(table.contains("0 3\n0000000000 65535 f \n0000000009 00000 n \n0000000058 00000 n \n"), "{table}");
        assert!(table.contains("/Root 1 0 R"), "{table}");
        let start: usize = text.rsplit("startxref\n").next().unwrap().lines().next().unwrap().parse().unwrap();
        assert!(text[start..].starts_with("xref\n"));
        assert_eq!(&text[9..16], "1 0 obj");
        assert_eq!(&text[58..65], "2 0 obj");
    }

    #[test]
    fn a_later_definition_wins_and_words_ending_in_obj_are_no_headers() {
        let pdf =
            b"1 0 obj\n<< /Type /Catalog >>\nendobj\n3 0 objection\n1 0 obj\n<</Type/Catalog/Pages 2 0 R>>\nendobj\n";
        let found = objects(pdf);
        assert_eq!(found.len(), 1);
        assert_eq!(found[&1], (0, 36 + 14));
    }

    #[test]
    fn no_catalog_no_table() {
        assert!(rebuilt(b"1 0 obj\n<< /Type /Pages >>\nendobj\n").is_none());
        assert!(rebuilt(b"no objects at all").is_none());
    }
}
