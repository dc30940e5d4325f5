//! Nothing lost, nothing half-written: concurrent writers, a killed ingest, a catalog from a
//! newer citekb, and SQL in names.

use std::time::Duration;

use super::{big_latex_bundle, examples, tiny_paper, Env};

fn count(env: &Env, sql: &str) -> i64 {
    let conn = rusqlite::Connection::open(env.db()).unwrap();
    conn.query_row(sql, [], |r| r.get(0)).unwrap()
}

#[test]
fn concurrent_ingests_into_one_new_catalog_all_succeed() {
    let env = Env::new();
    let mut children = Vec::new();
    for i in 0..4 {
        let own = env.write(&format!("own{i}/paper{i}.txt"), tiny_paper(&format!("Paper number {i}"), "MNIST"));
        let child = env.spawn(&["ingest", "--summary", examples().to_str().unwrap(), own.to_str().unwrap()]);
        children.push(child);
    }
    // Queries run while the writers write: found (0) or nothing yet (1), never an error. Before
    // any writer has made the file a query is refused instead (options.rs), so wait for it.
    for _ in 0..200 {
        if env.db().exists() {
            break;
        }
        std::thread::sleep(Duration::from_millis(25));
    }
    for _ in 0..5 {
        let (code, _, err) = env.run(&["papers", "--format", "json"]);
        assert!(code == 0 || code == 1, "{err}");
    }
    for child in children {
        let out = child.wait_with_output().unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    }
    assert_eq!(count(&env, "SELECT COUNT(*) FROM papers"), 4 + 4, "no paper lost or duplicated");
    assert_eq!(env.run(&["check"]).0, 0);
}

#[test]
fn a_killed_ingest_leaves_whole_papers_and_a_rerun_completes_it() {
    let env = Env::new();
    let n = 40;
    for i in 0..n {
        env.write(
            &format!("many/p{i:03}.txt"),
            tiny_paper(&format!("Paper {i}"), if i % 2 == 0 { "MNIST" } else { "SVHN" }),
        );
    }
    let dir = env.path("many");
    // Open the catalog once so the kills land in ingest work, not in the first migration.
    env.create_catalog();
    for delay_ms in [15u64, 40, 80, 120] {
        let mut child = env.spawn(&["ingest", "--summary", dir.to_str().unwrap()]);
        std::thread::sleep(Duration::from_millis(delay_ms));
        let _ = child.kill();
        let _ = child.wait();
        let conn = rusqlite::Connection::open(env.db()).unwrap();
        let ok: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap();
        assert_eq!(ok, "ok");
        // Every stored paper is whole: its reference and its dataset are there.
        let partial: i64 = conn
            .query_row(
                "SELECT COUNT(*) FROM papers p WHERE (SELECT COUNT(*) FROM reference_entries r WHERE r.paper_id = p.id) != 1
                    OR (SELECT COUNT(*) FROM dataset_usages u WHERE u.paper_id = p.id) != 1",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(partial, 0);
    }
    let (code, out, err) = env.run(&["ingest", "--summary", dir.to_str().unwrap()]);
    assert_eq!(code, 0, "{out}{err}");
    assert_eq!(count(&env, "SELECT COUNT(*) FROM papers"), n);
}

#[test]
fn a_rerun_identifies_the_papers_it_holds_without_reading_them_again() {
    // Under a 50 kB unpacking bound this bundle is refused when read; held, it is only hashed.
    let env = Env::new();
    let bundle = env.write("bundle.tar.gz", big_latex_bundle());
    let bundle = bundle.to_str().unwrap();
    let (code, out, err) = env.run(&["ingest", bundle]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("1 added"), "{out}");
    let (code, out, err) = env.run(&["ingest", "--max-unpacked-size", "50000", bundle]);
    assert_eq!(code, 0, "{err}");
    assert!(out.starts_with("same"), "{out}");
    let copy = env.write("copy.tar.gz", std::fs::read(bundle).unwrap());
    let (code, out, _) = env.run(&["ingest", "--max-unpacked-size", "50000", copy.to_str().unwrap()]);
    assert_eq!(code, 0);
    assert!(out.contains("identical content to") && out.contains("bundle.tar.gz"), "{out}");
    let (code, _, err) = env.run(&["ingest", "--reread", "--max-unpacked-size", "50000", bundle]);
    assert_eq!(code, 2, "--reread reads it");
    assert!(err.contains("unpacks to more than 50000 bytes"), "{err}");
}

#[test]
fn a_catalog_from_a_newer_citekb_is_refused_and_left_untouched() {
    let env = Env::new();
    env.ingest_examples();
    {
        let conn = rusqlite::Connection::open(env.db()).unwrap();
        conn.execute("INSERT INTO refinery_schema_history (version, name, applied_on, checksum) VALUES (999, 'future', 'x', '0')", [])
            .unwrap();
        conn.pragma_update(None, "wal_checkpoint", "TRUNCATE").unwrap();
    }
    let before = std::fs::read(env.db()).unwrap();
    let (code, _, err) = env.run(&["papers"]);
    assert_eq!(code, 2);
    assert!(err.contains("newer citekb") && err.contains("not modified"), "{err}");
    assert_eq!(std::fs::read(env.db()).unwrap(), before);
}

#[test]
fn sql_in_names_is_data() {
    let env = Env::new();
    let evil = "Robert'); DROP TABLE papers;--";
    let p = env.write("evil.txt", tiny_paper(evil, "MNIST"));
    assert_eq!(env.run(&["ingest", p.to_str().unwrap()]).0, 0);
    let (code, out, _) = env.run(&["papers", "--dataset", "'); DROP TABLE papers;--", "--format", "json"]);
    assert_eq!((code, out.trim()), (1, "[]"));
    let papers = env.json(&["papers", "--format", "json"]);
    assert_eq!(papers[0]["title"], evil);
    assert_eq!(env.run(&["check"]).0, 0);
}

#[test]
fn check_reports_counts_and_exits_0_when_healthy() {
    let env = Env::new();
    env.ingest_examples();
    let rows = env.json(&["check", "--format", "json"]);
    let papers = rows.as_array().unwrap().iter().find(|r| r["kind"] == "count" && r["what"] == "papers").unwrap();
    assert_eq!(papers["count"], 4);
    assert_eq!(rows[0]["what"], "ok");
}

#[test]
fn a_v1_catalog_with_data_upgrades_and_keeps_everything() {
    // A catalog as the latest citekb writes it, then the same data in a catalog built by
    // migration V1 alone, as a citekb from before V2 wrote it.
    let latest = Env::new();
    latest.ingest_examples();
    let (_, usage_before, _) = latest.run(&["export", "usage"]);
    let env = Env::new();
    {
        let conn = rusqlite::Connection::open(env.db()).unwrap();
        conn.execute_batch(include_str!("../../schema/V1__catalog.sql")).unwrap();
        conn.execute("ATTACH DATABASE ?1 AS latest", [latest.db().to_str().unwrap()]).unwrap();
        conn.execute_batch(
            "CREATE TABLE refinery_schema_history AS SELECT * FROM latest.refinery_schema_history WHERE version = 1;
             INSERT INTO catalog_meta SELECT * FROM latest.catalog_meta;
             INSERT INTO papers SELECT id, sha256, source_path, format, title, byte_size, ingested_at, extractor_version,
               superseded_by FROM latest.papers;
             INSERT INTO paper_sources SELECT * FROM latest.paper_sources;
             INSERT INTO datasets SELECT id, name, key, family_id, version, domain, origin, intro_title, intro_author, intro_year, created_at FROM latest.datasets;
             INSERT INTO dataset_aliases SELECT * FROM latest.dataset_aliases;
             INSERT INTO citations SELECT id, key, title, authors, first_author, year, venue, doi, arxiv, url, created_at FROM latest.citations;
             INSERT INTO reference_entries SELECT id, paper_id, position, label, raw, authors, title, year, venue, doi, arxiv, url, citation_id
               FROM latest.reference_entries;
             INSERT INTO dataset_usages SELECT paper_id, dataset_id, role, mention_count, reference_id, link_rule
               FROM latest.dataset_usages;
             INSERT INTO mentions SELECT * FROM latest.mentions;
             DETACH DATABASE latest;",
        )
        .unwrap();
    }
    assert_eq!(count(&env, "SELECT MAX(version) FROM refinery_schema_history"), 1);
    let (code, usage_after, err) = env.run(&["export", "usage"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(usage_after, usage_before);
    let latest_version = std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/schema"))
        .unwrap()
        .filter_map(|f| f.ok()?.file_name().to_str()?.strip_prefix('V')?.split("__").next()?.parse::<i64>().ok())
        .max()
        .unwrap();
    assert_eq!(count(&env, "SELECT MAX(version) FROM refinery_schema_history"), latest_version);
    assert_eq!(
        count(&env, "SELECT COUNT(*) FROM citations c WHERE c.entry_count != (SELECT COUNT(*) FROM reference_entries r WHERE r.citation_id = c.id)"),
        0,
        "each work's kept entry count starts from the entries already there"
    );
    assert_eq!(
        count(&env, "SELECT value FROM catalog_counts WHERE name = 'current_papers'"),
        4,
        "the kept paper count starts from the papers already there"
    );
    assert_eq!(
        count(&env, "SELECT COUNT(*) FROM citations c WHERE NOT EXISTS (SELECT 1 FROM citation_keys k WHERE k.citation_id = c.id)"),
        0,
        "every citation is findable by its key after the upgrade"
    );
    // The upgraded catalog keeps deduplicating.
    let (code, out, _) = env.run(&["ingest", examples().to_str().unwrap()]);
    assert_eq!(code, 0);
    assert!(out.contains("0 added"), "{out}");
}
