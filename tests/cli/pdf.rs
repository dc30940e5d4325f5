//! PDF input: a small PDF written here is read like its text; unreadable PDFs are refused with
//! one line, and a broken one never takes the batch down.

use super::Env;

/// A minimal one-font PDF with one page per `pages` entry, each a list of text lines.
pub fn make_pdf(pages: &[&[&str]]) -> Vec<u8> {
    let mut objects: Vec<String> = Vec::new();
    let n_pages = pages.len();
    // 1: catalog, 2: pages, 3: font, then per page: page object and content stream.
    objects.push("<< /Type /Catalog /Pages 2 0 R >>".into());
    let kids: Vec<String> = (0..n_pages).map(|i| format!("{} 0 R", 4 + 2 * i)).collect();
    objects.push(format!("<< /Type /Pages /Kids [{}] /Count {n_pages} >>", kids.join(" ")));
    objects.push("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>".into());
    for (i, lines) in pages.iter().enumerate() {
        let mut content = String::from("BT /F1 10 Tf 12 TL 50 760 Td\n");
        for line in lines.iter() {
            let escaped = line.replace('\\', "\\\\").replace('(', "\\(").replace(')', "\\)");
            content.push_str(&format!("({escaped}) Tj T*\n"));
        }
        content.push_str("ET");
        objects.push(format!(
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> /Contents {} 0 R >>",
            5 + 2 * i
        ));
        objects.push(format!("<< /Length {} >>\nstream\n{content}\nendstream", content.len() + 1));
    }
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, o) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n{o}\nendobj\n", i + 1).as_bytes());
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
