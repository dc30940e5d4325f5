//! Upgrades: a catalog at every earlier schema version, built here by applying the migration
//! files up to that version and holding real data, opens with that data intact; a catalog from a
//! newer citekb is refused unmodified.

use std::path::{Path, PathBuf};

use rusqlite::Connection;

use super::Env;

/// The migration files, in version order: (version, path).
fn migrations() -> Vec<(i64, PathBuf)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("schema");
    let mut found: Vec<(i64, PathBuf)> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter_map(|p| {
            let name = p.file_name()?.to_str()?.to_string();
            let version = name.strip_prefix('V')?.split_once("__")?.0.parse().ok()?;
            Some((version, p))
        })
        .collect();
    found.sort();
    found
}

fn columns(conn: &Connection, schema: &str, table: &str) -> Vec<String> {
    let mut stmt = conn.prepare(&format!("PRAGMA {schema}.table_info(\"{table}\")")).unwrap();
    stmt.query_map([], |r| r.get::<_, String>(1)).unwrap().map(Result::unwrap).collect()
}

fn strings(conn: &Connection, sql: &str) -> Vec<String> {
    let mut stmt = conn.prepare(sql).unwrap();
    stmt.query_map([], |r| r.get::<_, String>(0)).unwrap().map(Result::unwrap).collect()
}

/// Writes at `db` a catalog as a citekb of schema `version` left it: the migrations up to
/// `version` applied, with their history rows, and the data of the catalog at `latest` in the
/// columns that version has. Triggers are off while copying, since the copied counters already
/// count the copied rows.
fn catalog_at(version: i64, db: &Path, latest: &Path) {
    let conn = Connection::open(db).unwrap();
    for (v, path) in migrations().into_iter().filter(|(v, _)| *v <= version) {
        let sql = std::fs::read_to_string(&path).unwrap();
        conn.execute_batch(&sql).unwrap_or_else(|e| panic!("V{v}: {e}"));
    }
    conn.execute("ATTACH DATABASE ?1 AS latest", [latest.to_str().unwrap()]).unwrap();
    conn.execute(
        "CREATE TABLE refinery_schema_history AS SELECT * FROM latest.refinery_schema_history WHERE version <= ?1",
        [version],
    )
    .unwrap();
    let triggers: Vec<(String, String)> = {
        let mut stmt = conn.prepare("SELECT name, sql FROM main.sqlite_master WHERE type = 'trigger'").unwrap();
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?))).unwrap().map(Result::unwrap).collect()
    };
    for (name, _) in &triggers {
        conn.execute_batch(&format!("DROP TRIGGER \"{name}\"")).unwrap();
    }
    let tables = strings(
        &conn,
        "SELECT name FROM main.sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
            AND name != 'refinery_schema_history' AND name IN (SELECT name FROM latest.sqlite_master WHERE type = 'table')
         ORDER BY rowid",
    );
    for table in tables {
        let theirs = columns(&conn, "latest", &table);
        let shared: Vec<String> = columns(&conn, "main", &table)
            .into_iter()
            .filter(|c| theirs.contains(c))
            .map(|c| format!("\"{c}\""))
            .collect();
        let list = shared.join(", ");
        conn.execute_batch(&format!(
            "INSERT OR REPLACE INTO main.\"{table}\" ({list}) SELECT {list} FROM latest.\"{table}\""
        ))
        .unwrap_or_else(|e| panic!("V{version} {table}: {e}"));
    }
    for (_, sql) in &triggers {
        conn.execute_batch(sql).unwrap();
    }
    conn.execute_batch("DETACH DATABASE latest").unwrap();
}

fn count(db: &Path, sql: &str) -> i64 {
    Connection::open(db).unwrap().query_row(sql, [], |r| r.get(0)).unwrap()
}

#[test]
fn a_catalog_at_every_earlier_schema_version_opens_with_its_data_intact() {
    let latest = Env::new();
    latest.ingest_examples();
    let (_, usage, _) = latest.run(&["export", "usage"]);
    let (_, citations, _) = latest.run(&["export", "citations"]);
    let current = migrations().last().unwrap().0;
    assert_eq!(count(&latest.db(), "SELECT MAX(version) FROM refinery_schema_history"), current);
    for (version, _) in migrations() {
        let env = Env::new();
        catalog_at(version, &env.db(), &latest.db());
        assert_eq!(count(&env.db(), "SELECT MAX(version) FROM refinery_schema_history"), version);
        let (code, out, err) = env.run(&["export", "usage"]);
        assert_eq!(code, 0, "V{version}: {err}");
        assert_eq!(out, usage, "V{version}: the usage report is the same after the upgrade");
        assert_eq!(env.run(&["export", "citations"]).1, citations, "V{version}: citations");
        assert_eq!(count(&env.db(), "SELECT MAX(version) FROM refinery_schema_history"), current, "V{version}");
        let (code, out, err) = env.run(&["check"]);
        assert_eq!(code, 0, "V{version}: the upgraded catalog is healthy:\n{out}{err}");
        // It keeps deduplicating: the same papers again add nothing.
        let (code, out, err) = env.run(&["ingest", super::examples().to_str().unwrap()]);
        assert_eq!(code, 0, "V{version}: {err}");
        assert!(out.contains("0 added"), "V{version}: {out}");
    }
}

#[test]
fn a_catalog_one_version_ahead_is_refused_and_not_modified() {
    let latest = Env::new();
    latest.ingest_examples();
    let ahead = migrations().last().unwrap().0 + 1;
    {
        let conn = Connection::open(latest.db()).unwrap();
        conn.execute(
            "INSERT INTO refinery_schema_history (version, name, applied_on, checksum) VALUES (?1, 'ahead', 'x', '0')",
            [ahead],
        )
        .unwrap();
        conn.pragma_update(None, "wal_checkpoint", "TRUNCATE").unwrap();
    }
    let before = std::fs::read(latest.db()).unwrap();
    for args in [&["papers"][..], &["ingest", super::examples().to_str().unwrap()], &["check", "--repair"]] {
        let (code, _, err) = latest.run(args);
        assert_eq!(code, 2, "{args:?}");
        assert!(err.contains("newer citekb") && err.contains(&format!("schema version {ahead}")), "{err}");
        assert_eq!(err.lines().count(), 1, "{err}");
    }
    assert_eq!(std::fs::read(latest.db()).unwrap(), before, "byte for byte");
}
