//! PDF input: a small PDF written here is read like its text; unreadable PDFs are refused with
//! one line, and a broken one never takes the batch down.

use super::Env;

/// A minimal one-font PDF with one page per `pages` entry, each a list of text lines.
pub fn make_pdf(pages: &[&[&str]]) -> Vec<u8> {
    let contents: Vec<Vec<u8>> = pages
        .iter()
        .map(|lines| {
            let mut content = String::from("BT /F1 10 Tf 12 TL 50 760 Td\n");
            for line in lines.iter() {
                let escaped = line.replace('\\', "\\\\").replace('(', "\\(").replace(')', "\\)");
                content.push_str(&format!("({escaped}) Tj T*\n"));
            }
            content.push_str("ET");
            content.into_bytes()
        })
        .collect();
    pdf_of_contents(&contents)
}

/// A one-font PDF with one page per content stream.
fn pdf_of_contents(contents: &[Vec<u8>]) -> Vec<u8> {
    let mut objects: Vec<Vec<u8>> = Vec::new();
    let n_pages = contents.len();
    // 1: catalog, 2: pages, 3: font, then per page: page object and content stream.
    objects.push(b"<< /Type /Catalog /Pages 2 0 R >>".to_vec());
    let kids: Vec<String> = (0..n_pages).map(|i| format!("{} 0 R", 4 + 2 * i)).collect();
    objects.push(format!("<< /Type /Pages /Kids [{}] /Count {n_pages} >>", kids.join(" ")).into_bytes());
    objects.push(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>".to_vec());
    for (i, content) in contents.iter().enumerate() {
        objects.push(
            format!(
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> /Contents {} 0 R >>",
                5 + 2 * i
            )
            .into_bytes(),
        );
        let mut stream = format!("<< /Length {} >>\nstream\n", content.len() + 1).into_bytes();
        stream.extend_from_slice(content);
        stream.extend_from_slice(b"\nendstream");
        objects.push(stream);
    }
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, o) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n", i + 1).as_bytes());
        out.extend_from_slice(o);
        out.extend_from_slice(b"\nendobj\n");
    }
    let xref = out.len();
    out.extend_from_slice(format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes());
    for off in offsets {
        out.extend_from_slice(format!("{off:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!("trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n", objects.len() + 1).as_bytes(),
    );
    out
}

fn paper_pages() -> Vec<Vec<String>> {
    let body: Vec<String> = (0..12)
        .map(|i| format!("In experiment {i} we train the model on the CIFAR-10 dataset [1] and report the accuracy of the test set."))
        .collect();
    let mut first = vec!["Learning Small Models on Tiny Images".to_string(), String::new(), "Abstract".to_string()];
    first.extend(body.iter().take(6).cloned());
    let mut second = vec!["1 Experiments".to_string()];
    second.extend(body.iter().skip(6).cloned());
    second.push("References".into());
    second.push("[1] A. Krizhevsky. Learning multiple layers of features from tiny images. Tech. Rep., 2009.".into());
    vec![first, second]
}

fn as_refs(pages: &[Vec<String>]) -> Vec<Vec<&str>> {
    pages.iter().map(|p| p.iter().map(String::as_str).collect()).collect()
}

#[test]
fn a_pdf_reads_like_its_text() {
    let env = Env::new();
    let pages = paper_pages();
    let refs = as_refs(&pages);
    let slices: Vec<&[&str]> = refs.iter().map(Vec::as_slice).collect();
    let p = env.write("paper.pdf", make_pdf(&slices));
    let out = env.cmd(&["extract", p.to_str().unwrap()]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["format"], "pdf");
    assert_eq!(v["title"], "Learning Small Models on Tiny Images");
    assert_eq!(v["references"].as_array().unwrap().len(), 1);
    let cifar = &v["datasets"][0];
    assert_eq!(cifar["name"], "CIFAR-10");
    assert!(cifar["citation"]["raw"].as_str().unwrap().contains("Krizhevsky"), "{v}");
}

#[test]
fn unreadable_pdfs_are_refused_and_the_batch_goes_on() {
    let env = Env::new();
    let soup: Vec<String> = (0..40).map(|i| format!("Xq zvb krt plm qwe rty uio asd fgh jkl zxc vbn {i}")).collect();
    let soup_refs: Vec<&str> = soup.iter().map(String::as_str).collect();
    env.write("papers/a_garbled.pdf", make_pdf(&[&soup_refs]));
    env.write("papers/b_empty_page.pdf", make_pdf(&[&[]]));
    let good = make_pdf(&[
        &["A Good Paper"],
        &["We evaluate on MNIST and report the accuracy on the test set of the data."; 30],
    ]);
    env.write("papers/c_truncated.pdf", &good[..good.len() / 2]);
    let pages = paper_pages();
    let refs = as_refs(&pages);
    let slices: Vec<&[&str]> = refs.iter().map(Vec::as_slice).collect();
    env.write("papers/d_good.pdf", make_pdf(&slices));
    let dir = env.path("papers");
    let (code, out, err) = env.run(&["ingest", dir.to_str().unwrap()]);
    assert_eq!(code, 2, "{out}{err}");
    assert!(out.contains("1 added") && out.contains("3 failed"), "{out}{err}");
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 3, "{err}");
    assert!(lines[0].contains("a_garbled.pdf: the text layer is unreadable"), "{err}");
    assert!(lines[1].contains("b_empty_page.pdf: no text layer"), "{err}");
    assert!(lines[2].contains("c_truncated.pdf: "), "{err}");
    assert!(!err.contains("panicked"), "{err}");
}

/// `pdf` with the offsets of its cross-reference table moved by `shift` bytes (`None`: the table
/// and `startxref` cut off), as tools that edit a PDF without updating its table leave it.
fn with_broken_xref(pdf: &[u8], shift: Option<usize>) -> Vec<u8> {
    let text = String::from_utf8(pdf.to_vec()).unwrap();
    let table = text.rfind("\nxref\n").unwrap() + 1;
    let Some(shift) = shift else {
        return format!("{}trailer\n<< /Root 1 0 R >>\n%%EOF\n", &text[..table]).into_bytes();
    };
    let trailer = text.rfind("trailer\n").unwrap();
    let moved: String = text[table..trailer]
        .lines()
        .map(|line| match line.strip_suffix(" 00000 n ") {
            Some(offset) => format!("{:010} 00000 n \n", offset.parse::<usize>().unwrap() + shift),
            None => format!("{line}\n"),
        })
        .collect();
    format!("{}{moved}{}", &text[..table], &text[trailer..]).into_bytes()
}

/// `pdf` encrypted by an incremental update that adds a standard security handler whose user
/// password is not empty: no reader can open it without the password.
fn with_password(pdf: &[u8]) -> Vec<u8> {
    let text = String::from_utf8(pdf.to_vec()).unwrap();
    let previous = text.rsplit("startxref\n").next().unwrap().lines().next().unwrap().to_string();
    let object = format!(
        "99 0 obj\n<< /Filter /Standard /V 1 /R 2 /O <{}> /U <{}> /P -44 >>\nendobj\n",
        "5a".repeat(32),
        "c3".repeat(32)
    );
    let table = text.len() + object.len();
    let id = "ab".repeat(16);
    format!(
        "{text}{object}xref\n99 1\n{:010} 00000 n \ntrailer\n<< /Size 100 /Root 1 0 R /Prev {previous} /Encrypt 99 0 R /ID [<{id}> <{id}>] >>\nstartxref\n{table}\n%%EOF\n",
        text.len()
    )
    .into_bytes()
}

#[test]
fn a_scan_whose_pages_are_images_is_refused_as_having_no_text_layer() {
    let env = Env::new();
    // Each page one grey image filling the page, as a scanner writes it, and no text.
    let pixels: Vec<u8> = (0..64u8).map(|i| i.wrapping_mul(37)).collect();
    let page = |_| {
        let mut content = b"q 612 0 0 792 0 0 cm BI /W 8 /H 8 /CS /G /BPC 8 ID ".to_vec();
        content.extend_from_slice(&pixels);
        content.extend_from_slice(b" EI Q");
        content
    };
    let scan = env.write("scan.pdf", pdf_of_contents(&(0..3).map(page).collect::<Vec<_>>()));
    let (code, _, err) = env.run(&["ingest", scan.to_str().unwrap()]);
    assert_eq!(code, 2, "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("scan.pdf: no text layer (a scanned PDF?)"), "{err}");
}

#[test]
fn a_broken_cross_reference_table_is_rebuilt_and_a_password_is_refused_in_words() {
    let env = Env::new();
    let pages = paper_pages();
    let refs = as_refs(&pages);
    let slices: Vec<&[&str]> = refs.iter().map(Vec::as_slice).collect();
    let pdf = make_pdf(&slices);
    let shifted = env.write("shifted.pdf", with_broken_xref(&pdf, Some(7)));
    let cut = env.write("cut.pdf", with_broken_xref(&pdf, None));
    for p in [&shifted, &cut] {
        let out = env.cmd(&["extract", p.to_str().unwrap()]).output().unwrap();
        assert!(out.status.success(), "{}: {}", p.display(), String::from_utf8_lossy(&out.stderr));
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(v["title"], "Learning Small Models on Tiny Images", "{}", p.display());
        assert_eq!(v["datasets"][0]["name"], "CIFAR-10", "{}", p.display());
    }
    let locked = env.write("locked.pdf", with_password(&pdf));
    let (code, _, err) = env.run(&["ingest", locked.to_str().unwrap(), shifted.to_str().unwrap()]);
    assert_eq!(code, 2, "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("locked.pdf: the PDF is encrypted with a password"), "{err}");
    assert_eq!(env.json(&["papers", "--format", "json"]).as_array().unwrap().len(), 1);
}
