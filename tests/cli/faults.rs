//! Faults at every step: each writing command killed with SIGKILL at random points leaves a
//! catalog that passes `PRAGMA integrity_check` and `citekb check`, and a rerun completes; eight
//! writers at once on one catalog lose and double nothing and never show "database is locked".

use std::time::{Duration, Instant};

use super::{examples, tiny_paper, Env};

/// How many times each command is killed.
const KILLS: usize = 6;

/// Random points in time: xorshift seeded from the clock; the seed is in every failure message.
struct Points(u64);

impl Points {
    fn new() -> Points {
        let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().subsec_nanos();
        Points(u64::from(nanos) | 1)
    }

    /// A point in `0..span`.
    fn within(&mut self, span: Duration) -> Duration {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        span.mul_f64((self.0 % 10_000) as f64 / 10_000.0)
    }
}

/// How long `args` takes when left alone (it is then undone by `reset`).
fn duration_of(env: &Env, args: &[&str], reset: &dyn Fn(&Env)) -> Duration {
    let start = Instant::now();
    let (code, out, err) = env.run(args);
    assert!(code == 0 || code == 1, "{args:?} alone: {out}{err}");
    let took = start.elapsed();
    reset(env);
    took
}

/// Starts `args` and kills it with SIGKILL after `delay` (it may have finished by then).
fn kill_after(env: &Env, args: &[&str], delay: Duration) {
    let mut child = env.spawn(args);
    std::thread::sleep(delay);
    let _ = child.kill();
    let _ = child.wait();
}

/// The catalog is whole: SQLite's own check, then citekb's (no orphans, counters right).
pub(super) fn assert_whole(env: &Env, what: &str) {
    let conn = rusqlite::Connection::open(env.db()).unwrap();
    let ok: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap();
    assert_eq!(ok, "ok", "{what}");
    drop(conn);
    let (code, out, err) = env.run(&["check"]);
    assert_eq!(code, 0, "{what}: citekb check:\n{out}{err}");
}

fn count(env: &Env, sql: &str) -> i64 {
    rusqlite::Connection::open(env.db()).unwrap().query_row(sql, [], |r| r.get(0)).unwrap()
}

/// Kills `args` at KILLS random points of its run and checks the catalog after each; `finish`
/// then brings the work to its end (a rerun that must succeed), and `reset` puts the catalog
/// back for the next kill.
fn kill_at_random_points(env: &Env, args: &[&str], reset: &dyn Fn(&Env), finish: &dyn Fn(&Env)) {
    let mut points = Points::new();
    let seed = points.0;
    let span = duration_of(env, args, reset);
    for i in 0..KILLS {
        let delay = points.within(span);
        kill_after(env, args, delay);
        assert_whole(env, &format!("{args:?} killed after {delay:?} (kill {i}, seed {seed})"));
        finish(env);
        assert_whole(env, &format!("{args:?} finished after a kill at {delay:?} (seed {seed})"));
        reset(env);
    }
}

/// A `finish` that runs `args` again and wants it to succeed.
fn rerun<'a>(args: &'a [&'a str]) -> impl Fn(&Env) + 'a {
    move |env: &Env| {
        let (code, out, err) = env.run(args);
        assert_eq!(code, 0, "{args:?} rerun: {out}{err}");
    }
}

fn many_papers(env: &Env, n: usize) -> String {
    for i in 0..n {
        env.write(
            &format!("many/p{i:03}.txt"),
            tiny_paper(&format!("Paper {i}"), if i % 2 == 0 { "MNIST" } else { "SVHN" }),
        );
    }
    env.path("many").display().to_string()
}

fn empty_catalog(env: &Env) {
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", env.db().display()));
    }
    env.run(&["papers"]);
}

#[test]
fn ingest_and_load_killed_anywhere_leave_whole_papers_and_rerun_to_the_end() {
    let env = Env::new();
    let dir = many_papers(&env, 40);
    empty_catalog(&env);
    let ingest = ["ingest", "--summary", &dir];
    kill_at_random_points(&env, &ingest, &empty_catalog, &|env: &Env| {
        rerun(&ingest)(env);
        assert_eq!(count(env, "SELECT COUNT(*) FROM papers"), 40);
    });
    let (code, records, err) = env.run(&["extract", &dir]);
    assert_eq!(code, 0, "{err}");
    let records = env.write("records.jsonl", records).display().to_string();
    let load = ["load", &records];
    kill_at_random_points(&env, &load, &empty_catalog, &|env: &Env| {
        rerun(&load)(env);
        assert_eq!(count(env, "SELECT COUNT(*) FROM papers"), 40);
    });
}

#[test]
fn curation_killed_anywhere_leaves_a_whole_catalog() {
    let env = Env::new();
    env.ingest_examples();
    let merge = ["merge", "dataset", "SVHN", "MNIST"];
    let id = count(&env, "SELECT id FROM datasets WHERE name = 'SVHN'").to_string();
    let split = ["split", "dataset", id.as_str()];
    let merge_if_not = |env: &Env| {
        if !merged(env) {
            rerun(&merge)(env);
        }
    };
    let split_if_merged = |env: &Env| {
        if merged(env) {
            rerun(&split)(env);
        }
    };
    kill_at_random_points(&env, &merge, &split_if_merged, &merge_if_not);
    merge_if_not(&env);
    kill_at_random_points(&env, &split, &merge_if_not, &split_if_merged);
    // A registry import of a few thousand names, killed anywhere.
    let mut csv = String::from("name,aliases,family,version,needs_context,intro_title,intro_author,intro_year\n");
    for i in 0..3000 {
        csv += &format!("Faultset {i},FS-{i}|Fault corpus {i},,,,,,\n");
    }
    let file = env.write("registry.csv", csv).display().to_string();
    let import = ["registry", "import", &file];
    kill_at_random_points(&env, &import, &|_| {}, &rerun(&import));
    assert_eq!(count(&env, "SELECT COUNT(*) FROM datasets WHERE name LIKE 'Faultset %'"), 3000);
}

/// Whether a merge is in force: the log holds one not undone.
fn merged(env: &Env) -> bool {
    let (code, out, err) = env.run(&["log", "--format", "json"]);
    assert!(code == 0 || code == 1, "{err}");
    let log: serde_json::Value = serde_json::from_str(&out).unwrap_or_default();
    log.as_array().into_iter().flatten().any(|e| e["action"] == "merge" && e["undone"] == false)
}

#[test]
fn repair_and_export_killed_anywhere_leave_a_whole_catalog_and_a_whole_file_or_none() {
    let env = Env::new();
    env.ingest_examples();
    let out = env.path("usage.csv");
    let (_, whole, _) = env.run(&["export", "usage"]);
    let mut points = Points::new();
    let span = duration_of(&env, &["export", "usage", "-o", out.to_str().unwrap()], &|_| {});
    for _ in 0..KILLS {
        let _ = std::fs::remove_file(&out);
        kill_after(&env, &["export", "usage", "-o", out.to_str().unwrap()], points.within(span));
        if let Ok(written) = std::fs::read_to_string(&out) {
            assert_eq!(written, whole, "the output file is whole or absent");
        }
    }
    // Orphans for the repair to drop: citations no reference entry points to.
    let orphan = |env: &Env| {
        let conn = rusqlite::Connection::open(env.db()).unwrap();
        conn.execute_batch(
            "INSERT INTO citations (key, title, created_at) SELECT 'orphan-' || id, 'Orphan ' || id, created_at FROM citations",
        )
        .unwrap();
    };
    orphan(&env);
    let mut points = Points::new();
    let span = duration_of(&env, &["check", "--repair"], &orphan);
    for _ in 0..KILLS {
        kill_after(&env, &["check", "--repair"], points.within(span));
        let conn = rusqlite::Connection::open(env.db()).unwrap();
        let ok: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap();
        assert_eq!(ok, "ok");
        let (code, out, err) = env.run(&["check", "--repair"]);
        assert!(code == 0 || code == 1, "{out}{err}");
        assert_whole(&env, "after a killed repair and a rerun");
        orphan(&env);
    }
}

#[test]
fn eight_writers_at_once_lose_and_double_nothing() {
    let env = Env::new();
    let shared = examples().display().to_string();
    for round in 0..3 {
        let mut writers = Vec::new();
        for i in 0..8 {
            let own =
                env.write(&format!("own{round}_{i}/p.txt"), tiny_paper(&format!("Round {round} writer {i}"), "MNIST"));
            writers.push(env.spawn(&["ingest", "--summary", &shared, own.to_str().unwrap()]));
        }
        // Queries while they write: found (0) or nothing yet (1), never an error.
        for _ in 0..4 {
            let (code, _, err) = env.run(&["datasets", "--format", "json"]);
            assert!(code == 0 || code == 1, "round {round}: {err}");
            assert!(!err.contains("locked"), "{err}");
        }
        for w in writers {
            let out = w.wait_with_output().unwrap();
            let err = String::from_utf8_lossy(&out.stderr);
            assert!(out.status.success(), "round {round}: {err}");
            assert!(!err.contains("database is locked"), "{err}");
        }
        assert_eq!(count(&env, "SELECT COUNT(*) FROM papers"), 4 + 8 * (round + 1), "round {round}");
    }
    assert_whole(&env, "after three rounds of eight writers");
}

#[test]
fn a_reader_that_goes_away_costs_no_work() {
    let env = Env::new();
    let dir = many_papers(&env, 70);
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    let out = std::process::Command::new(assert_cmd::cargo::cargo_bin("citekb"))
        .env_remove("CITEKB_DB")
        .args(["--db", env.db().to_str().unwrap(), "ingest", &dir])
        .stdout(writer)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(count(&env, "SELECT COUNT(*) FROM papers"), 70, "every paper is stored though none was told");
}
