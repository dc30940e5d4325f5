//! The catalog's SQL views: what someone querying the file with sqlite3 or datasette sees is
//! what the CLI shows.

use serde_json::Value;

use super::{tiny_paper, Env};

/// Every row of `sql` as JSON objects, column names as keys.
fn rows(env: &Env, sql: &str) -> Vec<Value> {
    let conn = rusqlite::Connection::open(env.db()).unwrap();
    let mut stmt = conn.prepare(sql).unwrap();
    let names: Vec<String> = stmt.column_names().map(String::from).collect();
    let mut out = Vec::new();
    let mut rows = stmt.query([]).unwrap();
    while let Some(row) = rows.next().unwrap() {
        let mut object = serde_json::Map::new();
        for (i, name) in names.iter().enumerate() {
            let value = match row.get_ref(i).unwrap() {
                rusqlite::types::ValueRef::Null => Value::Null,
                rusqlite::types::ValueRef::Integer(n) => Value::from(n),
                rusqlite::types::ValueRef::Real(x) => Value::from(x),
                rusqlite::types::ValueRef::Text(t) => Value::from(String::from_utf8_lossy(t).into_owned()),
                rusqlite::types::ValueRef::Blob(_) => panic!("{name}: a blob"),
            };
            object.insert(name.clone(), value);
        }
        out.push(Value::Object(object));
    }
    out
}

/// A catalog with the examples and one paper whose file changed, so that it has a superseded
/// version the views must leave out.
fn catalog_with_a_superseded_paper() -> Env {
    let env = Env::new();
    env.ingest_examples();
    let p = env.write("paper.txt", tiny_paper("A paper", "MNIST"));
    assert_eq!(env.run(&["ingest", p.to_str().unwrap()]).0, 0);
    std::fs::write(&p, tiny_paper("A paper", "SVHN")).unwrap();
    assert_eq!(env.run(&["ingest", p.to_str().unwrap()]).0, 0);
    env
}

#[test]
fn the_usage_view_is_the_usage_report() {
    let env = catalog_with_a_superseded_paper();
    let report = env.json(&["export", "usage", "--format", "json"]);
    let view = rows(&env, "SELECT * FROM usage ORDER BY paper_id, mentions DESC, dataset");
    assert!(view.len() > 4, "the examples and the tiny paper name datasets: {view:?}");
    assert_eq!(Value::Array(view), report);
    let all_usages = rows(&env, "SELECT COUNT(*) AS n FROM dataset_usages")[0]["n"].as_i64().unwrap();
    assert!(all_usages > report.as_array().unwrap().len() as i64, "the superseded paper's usage is left out");
}

#[test]
fn current_papers_are_the_papers_the_cli_lists() {
    let env = catalog_with_a_superseded_paper();
    let listed: Vec<i64> = env
        .json(&["papers", "--format", "json"])
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["paper_id"].as_i64().unwrap())
        .collect();
    let current: Vec<i64> =
        rows(&env, "SELECT id FROM current_papers ORDER BY id").iter().map(|p| p["id"].as_i64().unwrap()).collect();
    assert_eq!(current, listed);
    assert_eq!(rows(&env, "SELECT COUNT(*) AS n FROM papers")[0]["n"], listed.len() as i64 + 1);
}

#[test]
fn merged_datasets_leave_the_current_datasets_view() {
    let env = Env::new();
    env.ingest_examples();
    let before = rows(&env, "SELECT COUNT(*) AS n FROM current_datasets")[0]["n"].as_i64().unwrap();
    let (code, _, err) = env.run(&["merge", "dataset", "ContraNLI", "SNLI"]);
    assert_eq!(code, 0, "{err}");
    let after = rows(&env, "SELECT COUNT(*) AS n FROM current_datasets")[0]["n"].as_i64().unwrap();
    assert_eq!(after, before - 1);
    assert!(rows(&env, "SELECT 1 FROM current_datasets WHERE name = 'ContraNLI'").is_empty());
}
