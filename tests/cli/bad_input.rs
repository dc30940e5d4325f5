//! Bad input of every kind: each bad file gets one line naming it and the reason, the exit code
//! is 2, nothing of it is written, and the good paper beside it is stored. Big inputs are made
//! here at run time, never kept in the repository.

use std::io::Write;

use super::{tiny_paper, Env};

/// Deterministic noise (xorshift), starting with a NUL so it is never text by accident.
fn noise(len: usize, seed: u64) -> Vec<u8> {
    let mut x = seed | 1;
    let mut out: Vec<u8> = (0..len)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x as u8
        })
        .collect();
    out[0] = 0;
    out
}

/// Ingests `inputs` (paths in the env), beside one good paper, and checks the outcome: exit 2,
/// one stderr line per bad file that names it and contains its reason, the good paper stored
/// and nothing else, a healthy catalog. `bad` is (the name in the line, a piece of the reason).
fn assert_refused(env: &Env, inputs: &[&str], bad: &[(&str, &str)]) {
    let good = env.write("good/zz_good.txt", tiny_paper("A good paper", "MNIST"));
    let mut args = vec!["ingest".to_string()];
    args.extend(inputs.iter().map(|i| env.path(i).display().to_string()));
    args.push(good.display().to_string());
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let (code, out, err) = env.run(&args);
    assert_eq!(code, 2, "{out}{err}");
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), bad.len(), "one line per bad file:\n{err}");
    for (name, reason) in bad {
        let line = lines.iter().find(|l| l.contains(&format!("{name}: "))).unwrap_or_else(|| panic!("{name}:\n{err}"));
        assert!(line.contains(reason), "{name}: wanted {reason:?} in {line:?}");
        assert!(!line.contains("internal error") && !line.contains("panicked"), "{line}");
    }
    let papers = env.json(&["papers", "--format", "json"]);
    let sources: Vec<&str> = papers.as_array().unwrap().iter().map(|p| p["source"].as_str().unwrap()).collect();
    assert_eq!(sources.len(), 1, "only the good paper is stored: {papers}");
    assert!(sources[0].ends_with("zz_good.txt"), "{papers}");
    assert_eq!(env.run(&["check"]).0, 0, "the catalog is healthy");
}

#[test]
fn binary_noise_under_any_name_is_refused_in_a_folder_walk_and_named() {
    let env = Env::new();
    let names = ["n.txt", "n.md", "n.tex", "n.xml", "n.nxml", "n.tei", "n.pdf", "n.gz", "n.tgz", "n.tar"];
    for (i, name) in names.iter().enumerate() {
        env.write(&format!("noise/{name}"), noise(5000, i as u64 + 7));
    }
    env.write("n.bin", noise(5000, 99));
    let mut bad: Vec<(&str, &str)> = names.iter().map(|n| (*n, "")).collect();
    bad.push(("n.bin", "binary data"));
    assert_refused(&env, &["noise", "n.bin"], &bad);
}

#[test]
fn empty_nul_and_invalid_utf8_inputs_are_refused() {
    let env = Env::new();
    env.write("in/empty.txt", "");
    // Past the first 4 kB, where a look at the head alone would miss it.
    let mut late_nul = tiny_paper("Late NUL", "SVHN").repeat(60).into_bytes();
    late_nul.extend(b"\0 and more text");
    env.write("in/late_nul.txt", late_nul);
    env.write("in/latin1.tei.xml", b"<?xml version=\"1.0\"?><TEI><text><body><p>Caf\xe9</p></body></text></TEI>");
    env.write("in/utf16.txt", "A title\n\nSome text.".encode_utf16().flat_map(u16::to_le_bytes).collect::<Vec<u8>>());
    assert_refused(
        &env,
        &["in"],
        &[
            ("empty.txt", "empty file"),
            ("late_nul.txt", "NUL byte at offset"),
            ("latin1.tei.xml", "not valid UTF-8"),
            ("utf16.txt", "binary data"),
        ],
    );
}

#[test]
fn fake_truncated_and_empty_pdfs_are_refused() {
    let env = Env::new();
    env.write("pdf/fake.pdf", "%PDF-1.7\nthis is no PDF at all, only a header and words\n%%EOF\n");
    env.write("pdf/header_only.pdf", "%PDF-1.4");
    let good =
        super::pdf::make_pdf(&[&["A Paper"], &["We evaluate on MNIST and report accuracy on its test set."; 20]]);
    env.write("pdf/truncated.pdf", &good[..good.len() / 3]);
    env.write("pdf/no_text.pdf", super::pdf::make_pdf(&[&[], &[]]));
    assert_refused(
        &env,
        &["pdf"],
        &[("fake.pdf", ""), ("header_only.pdf", ""), ("truncated.pdf", ""), ("no_text.pdf", "no text")],
    );
}

#[test]
fn malformed_and_deeply_nested_xml_are_refused() {
    let env = Env::new();
    env.write("x/unclosed.tei.xml", "<?xml version=\"1.0\"?><TEI><text><body><p>We use MNIST.");
    env.write("x/two_roots.xml", "<article><body/></article><article/>");
    let deep =
        format!("<TEI><text><body>{}MNIST{}</body></text></TEI>", "<div>".repeat(10_000), "</div>".repeat(10_000));
    env.write("x/deep.tei.xml", deep);
    assert_refused(
        &env,
        &["x"],
        &[("unclosed.tei.xml", "malformed XML"), ("two_roots.xml", "malformed XML"), ("deep.tei.xml", "nested")],
    );
}

/// A TEI paper with `dtd` before its root and `title` as its title.
fn tei_with(dtd: &str, title: &str) -> String {
    format!(
        "<?xml version=\"1.0\"?>\n{dtd}<TEI xmlns=\"http://www.tei-c.org/ns/1.0\"><teiHeader><fileDesc><titleStmt>\
         <title>{title}</title></titleStmt></fileDesc></teiHeader><text><body><div><head>Experiments</head>\
         <p>We train and test on the MNIST dataset.</p></div></body></text></TEI>"
    )
}

#[test]
fn declared_entities_never_expand_and_nothing_outside_is_read() {
    let env = Env::new();
    let secret = env.write("secret.txt", "SECRET-OUTSIDE-THE-PAPER");
    let mut laughs = String::from("<!DOCTYPE TEI [<!ENTITY lol_0 \"lollollollol\">");
    for i in 1..12 {
        laughs += &format!("<!ENTITY lol_{i} \"{}\">", format!("&lol_{};", i - 1).repeat(20));
    }
    laughs += "]>\n";
    env.write("x/laughs.tei.xml", tei_with(&laughs, "Laughs &lol_11; here"));
    let xxe = format!("<!DOCTYPE TEI [<!ENTITY x.e SYSTEM \"file://{}\">]>\n", secret.display());
    env.write("x/xxe.tei.xml", tei_with(&xxe, "Outside &x.e; here"));
    let dtd = format!("<!DOCTYPE TEI SYSTEM \"file://{}\">\n", secret.display());
    env.write("x/dtd.tei.xml", tei_with(&dtd, "A DTD outside"));
    let remote = "<!DOCTYPE TEI PUBLIC \"-//X//DTD Y//EN\" \"http://192.0.2.1/never.dtd\">\n";
    env.write("x/remote.tei.xml", tei_with(remote, "A remote DTD"));
    let (code, out, err) = env.run(&["ingest", env.path("x").to_str().unwrap()]);
    assert_eq!(code, 0, "{out}{err}");
    let papers = env.json(&["papers", "--format", "json"]);
    let titles: Vec<&str> = papers.as_array().unwrap().iter().map(|p| p["title"].as_str().unwrap()).collect();
    assert_eq!(titles.len(), 4, "{papers}");
    for t in &titles {
        assert!(t.len() < 40, "no entity expanded: {t:.200}");
    }
    let (_, extracted, _) = env.run(&["extract", env.path("x").to_str().unwrap()]);
    assert!(!extracted.contains("SECRET-OUTSIDE"), "an external entity was read");
    assert!(extracted.len() < 200_000, "the extraction stays small");
}

#[test]
fn a_tei_whose_root_follows_a_long_prolog_is_read_as_tei() {
    let env = Env::new();
    let comment = format!("<!-- {} -->\n", "a long licence comment, ".repeat(1000));
    let p = env.write("late_root.xml", tei_with(&comment, "Late Root"));
    let (code, out, err) = env.run(&["extract", p.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(out.trim()).unwrap();
    assert_eq!((v["format"].as_str(), v["title"].as_str()), (Some("tei"), Some("Late Root")), "{v:.300}");
}

#[test]
fn huge_inputs_are_refused_by_their_bounds() {
    let env = Env::new();
    // A 200 MB file (sparse: nothing is written to disk), over the default 64 MiB file size.
    std::fs::create_dir_all(env.path("in")).unwrap();
    std::fs::File::create(env.path("in/big.txt")).unwrap().set_len(200 * 1024 * 1024).unwrap();
    // A single 50 MB line of prose.
    let sentence = "We train a model on the data and report its accuracy on the test split. ";
    let mut line = b"A title\n\n".to_vec();
    while line.len() < 50 * 1024 * 1024 {
        line.extend_from_slice(sentence.as_bytes());
    }
    env.write("in/line.txt", line);
    // A gzip bomb: 300 MiB of zeros in a few hundred kB, over the 256 MiB bound on unpacking.
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    let zeros = vec![0u8; 1024 * 1024];
    for _ in 0..300 {
        gz.write_all(&zeros).unwrap();
    }
    env.write("in/bomb.tar.gz", gz.finish().unwrap());
    assert_refused(
        &env,
        &["in"],
        &[("big.txt", "over the limit"), ("line.txt", "a line of"), ("bomb.tar.gz", "unpacks to more than")],
    );
}

/// A tar archive of `members`: (name, content, link target); names are written as given, `..`
/// and absolute ones too, as a hostile archive would hold them.
fn raw_tar(members: &[(&str, &str, Option<&str>)]) -> Vec<u8> {
    let mut b = tar::Builder::new(Vec::new());
    for (name, content, link) in members {
        let mut h = tar::Header::new_gnu();
        let raw = &mut h.as_old_mut().name;
        raw[..name.len()].copy_from_slice(name.as_bytes());
        h.set_mode(0o644);
        match link {
            Some(target) => {
                h.set_entry_type(tar::EntryType::Symlink);
                h.set_link_name(target).unwrap();
                h.set_size(0);
            }
            None => h.set_size(content.len() as u64),
        }
        h.set_cksum();
        b.append(&h, content.as_bytes()).unwrap();
    }
    b.into_inner().unwrap()
}

#[test]
fn archive_members_that_escape_are_ignored_and_input_loops_are_cut() {
    let env = Env::new();
    let main = "\\documentclass{article}\\begin{document}\\title{Bundle}We use MNIST.\n\
                \\input{../escape}\\input{/abs}\\input{link}\\input{a}\n\\end{document}";
    let tar = raw_tar(&[
        ("main.tex", main, None),
        ("../escape.tex", "ESCAPED-MEMBER", None),
        ("/abs.tex", "ABSOLUTE-MEMBER", None),
        ("link.tex", "", Some("/etc/passwd")),
        ("a.tex", "Loop-A-text \\input{b}", None),
        ("b.tex", "Loop-B-text \\input{a} \\input{main}", None),
    ]);
    let p = env.write("in/bundle.tar", tar);
    let (code, out, err) = env.run(&["extract", p.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    for absent in ["ESCAPED-MEMBER", "ABSOLUTE-MEMBER", "root:"] {
        assert!(!out.contains(absent), "{absent} was read: {out:.300}");
    }
    assert!(!env.path("escape.tex").exists() && !env.path("in/escape.tex").exists(), "nothing is unpacked");
    let (code, out, err) = env.run(&["ingest", p.to_str().unwrap()]);
    assert_eq!(code, 0, "{out}{err}");
    let papers = env.json(&["papers", "--format", "json"]);
    assert_eq!(papers.as_array().unwrap().len(), 1);
    // Each file of the loop is joined in once.
    let (_, show, _) = env.run(&["extract", "--format", "json", p.to_str().unwrap()]);
    assert!(show.len() < 100_000, "the loop was cut: {} bytes", show.len());
}

#[test]
fn a_symlink_loop_dangling_links_and_unreadable_files_in_a_folder_are_one_line_each() {
    let env = Env::new();
    env.write("in/ok.txt", tiny_paper("Fine", "SVHN"));
    std::os::unix::fs::symlink(env.path("in"), env.path("in/loop")).unwrap();
    std::os::unix::fs::symlink(env.path("in/gone.txt"), env.path("in/dangling.txt")).unwrap();
    let locked = env.write("in/locked.txt", tiny_paper("Locked", "SVHN"));
    std::fs::set_permissions(&locked, std::os::unix::fs::PermissionsExt::from_mode(0o000)).unwrap();
    // Privileged users read any file: the locked one is then a paper like the others.
    let locked_reads = std::fs::read(&locked).is_ok();
    let (code, out, err) = env.run(&["ingest", env.path("in").to_str().unwrap()]);
    assert_eq!(code, 2, "{out}{err}");
    assert!(err.contains("symbolic link loop"), "{err}");
    assert!(err.contains("dangling.txt: "), "{err}");
    let expected_lines = if locked_reads { 2 } else { 3 };
    if !locked_reads {
        assert!(err.contains("locked.txt: permission denied"), "{err}");
    }
    assert_eq!(err.lines().count(), expected_lines, "{err}");
    assert!(out.contains(&format!("{} added", if locked_reads { 2 } else { 1 })), "{out}");
}

#[test]
fn fifos_and_devices_are_refused_not_waited_on() {
    let env = Env::new();
    std::fs::create_dir_all(env.path("in")).unwrap();
    let made = std::process::Command::new("mkfifo").arg(env.path("in/pipe.txt")).status().unwrap();
    assert!(made.success(), "mkfifo");
    env.write("in/ok.txt", tiny_paper("Fine", "SVHN"));
    // Named, and met in a folder walk: refused at once either way (a read would block forever).
    let pipe = env.path("in/pipe.txt");
    let (code, _, err) = env.run(&["extract", pipe.to_str().unwrap(), "/dev/zero"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("pipe.txt: not a regular file") && err.contains("/dev/zero: not a regular file"), "{err}");
    let (code, out, err) = env.run(&["ingest", env.path("in").to_str().unwrap()]);
    assert_eq!(code, 2, "{out}{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("pipe.txt: not a regular file"), "{err}");
    assert!(out.contains("1 added"), "{out}");
}

#[test]
fn empty_standard_input_is_refused() {
    let env = Env::new();
    let out = env.cmd(&["ingest", "-"]).write_stdin("").output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("-: empty file"), "{err}");
}

#[test]
fn a_folder_walk_counts_what_it_skips_and_why() {
    let env = Env::new();
    env.write("in/a.bin", noise(3000, 5));
    env.write("in/figure.png", noise(3000, 6));
    env.write("in/.notes.txt", tiny_paper("Hidden", "SVHN"));
    env.write("in/.git/config.txt", "[core]");
    env.write("in/paper.txt", tiny_paper("Fine", "SVHN"));
    // Links that stay inside the folder are followed; links out of it are not.
    env.write("elsewhere/outside.txt", tiny_paper("Outside", "SVHN"));
    std::os::unix::fs::symlink(env.path("elsewhere"), env.path("in/out_dir")).unwrap();
    std::os::unix::fs::symlink(env.path("elsewhere/outside.txt"), env.path("in/out_file.txt")).unwrap();
    env.write("in/sub/inside.txt", tiny_paper("Inside", "SVHN"));
    std::os::unix::fs::symlink(env.path("in/sub"), env.path("in/sub_link")).unwrap();
    let (code, out, err) = env.run(&["ingest", "--summary", env.path("in").to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("2 added") && out.contains("1 already in the catalog"), "{out}");
    assert!(out.contains("2 skipped, not a paper's file type") && out.contains("2 skipped, hidden"), "{out}");
    assert!(out.contains("2 skipped, a link out of the folder"), "{out}");
    let (_, out, _) = env.run(&["ingest", "--format", "jsonl", "--summary", env.path("in").to_str().unwrap()]);
    let summary: serde_json::Value = serde_json::from_str(out.lines().last().unwrap()).unwrap();
    let skipped =
        serde_json::json!({"a link out of the folder": 2, "hidden": 2, "not a paper's file type (by its name)": 2});
    assert_eq!(summary["skipped"], skipped, "{out}");
}

/// A one-page PDF whose content stream inflates to `inflated` bytes (mostly spaces) from about
/// a thousandth of that: a decompression bomb.
fn pdf_flate_bomb(inflated: usize) -> Vec<u8> {
    let mut gz = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::fast());
    gz.write_all(b"BT /F1 10 Tf 50 760 Td (A bomb) Tj ET\n").unwrap();
    let spaces = vec![b' '; 1024 * 1024];
    for _ in 0..inflated / spaces.len() {
        gz.write_all(&spaces).unwrap();
    }
    let stream = gz.finish().unwrap();
    let mut objects: Vec<Vec<u8>> = vec![
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [4 0 R] /Count 1 >>".to_vec(),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_vec(),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> /Contents 5 0 R >>"
            .to_vec(),
    ];
    let mut content = format!("<< /Length {} /Filter /FlateDecode >>\nstream\n", stream.len()).into_bytes();
    content.extend_from_slice(&stream);
    content.extend_from_slice(b"\nendstream");
    objects.push(content);
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

#[test]
fn a_pdf_decompression_bomb_is_refused_within_the_readers_memory_bound() {
    let env = Env::new();
    env.write("in/bomb.pdf", pdf_flate_bomb(1200 * 1024 * 1024));
    assert_refused(&env, &["in"], &[("bomb.pdf", "MiB of memory")]);
}

/// Prose as dense with dataset names and callouts as a paper can be, `lines` lines of it: the
/// kind of input whose extraction grows fastest.
fn dense_prose(lines: usize) -> Vec<String> {
    let names = ["ImageNet", "CIFAR-10", "MNIST", "SQuAD", "MultiNLI", "COCO", "SVHN", "CelebA"];
    (0..lines)
        .map(|i| {
            (0..8)
                .map(|j| format!("{} dataset [{}] we use", names[(i + j) % 8], (i * 7 + j) % 40 + 1))
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect()
}

#[test]
fn a_file_of_any_format_that_takes_too_long_is_refused_at_the_time_bound() {
    let env = Env::new();
    let prose = dense_prose(12_000);
    let references: String = (1..=40).map(|n| format!("[{n}] A. Author. Title number {n}. In CVPR, 2019.\n")).collect();
    env.write("slow/slow.txt", format!("A Slow Paper\n\nAbstract\n{}\n\nReferences\n{references}", prose.join("\n")));
    let paragraphs: String = prose.iter().map(|p| format!("<p>{p}</p>")).collect();
    env.write(
        "slow/slow.tei.xml",
        tei_with("", "A Slow Paper").replace("<p>We train and test on the MNIST dataset.</p>", &paragraphs),
    );
    let good = env.write("good.txt", tiny_paper("A good paper", "MNIST"));
    let slow = env.path("slow");
    let args = ["ingest", "--timeout", "1", slow.to_str().unwrap(), good.to_str().unwrap()];
    let (code, out, err) = env.run(&args);
    assert_eq!(code, 2, "{out}{err}");
    assert_eq!(err.lines().count(), 2, "{err}");
    for name in ["slow.txt: ", "slow.tei.xml: "] {
        let line = err.lines().find(|l| l.contains(name)).unwrap_or_else(|| panic!("{name}\n{err}"));
        assert!(line.contains("took longer than 1 s (--timeout)"), "{line}");
    }
    let papers = env.json(&["papers", "--format", "json"]);
    assert_eq!(papers.as_array().unwrap().len(), 1, "only the good paper is stored: {papers}");
    assert_eq!(env.run(&["check"]).0, 0);
}

#[test]
fn a_file_deleted_mid_batch_is_one_line_and_the_batch_goes_on() {
    use std::io::BufRead;
    let env = Env::new();
    for i in 0..200 {
        env.write(&format!("batch/p{i:03}.txt"), tiny_paper(&format!("Paper {i}"), "MNIST"));
    }
    // A slow paper in the second chunk of 64 holds the reading there for seconds: long after the
    // walk listed every file and the first chunk was stored (its first line printed), long before
    // the third chunk, which holds the file deleted, is read.
    env.write("batch/p070.txt", format!("A Slow Paper\n\nAbstract\n{}\n", dense_prose(1_000).join("\n")));
    let mut child = env.spawn(&["ingest", env.path("batch").to_str().unwrap()]);
    let mut first = String::new();
    std::io::BufReader::new(child.stdout.take().unwrap()).read_line(&mut first).unwrap();
    assert!(first.starts_with("added"), "{first}");
    std::fs::remove_file(env.path("batch/p150.txt")).unwrap();
    let out = child.wait_with_output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("p150.txt: no such file"), "{err}");
    let papers = env.json(&["papers", "--format", "json"]);
    assert_eq!(papers.as_array().unwrap().len(), 199, "every other paper is stored");
    assert_eq!(env.run(&["check"]).0, 0);
}
