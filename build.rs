//! Embeds the migrations and the seed registry: reruns when `schema/` or `seeds/` change,
//! and writes the list of seed files so that adding a domain needs no code change.
use std::{env, fs, path::Path};

fn main() {
    println!("cargo:rerun-if-changed=schema");
    println!("cargo:rerun-if-changed=seeds");
    let root = env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let mut files: Vec<_> = fs::read_dir(Path::new(&root).join("seeds"))
        .expect("seeds/ exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "csv"))
        .collect();
    files.sort();
    let mut out =
        String::from("/// (domain, CSV text) for each file in `seeds/`.\npub const SEED_FILES: &[(&str, &str)] = &[\n");
    for path in files {
        println!("cargo:rerun-if-changed={}", path.display());
        // "language-2.csv" holds more of the domain "language".
        let stem = path.file_stem().unwrap().to_string_lossy().to_string();
        let domain = stem.split('-').next().unwrap_or(&stem).to_string();
        out.push_str(&format!("    ({domain:?}, include_str!({:?})),\n", path.display().to_string()));
    }
    out.push_str("];\n");
    fs::write(Path::new(&env::var("OUT_DIR").unwrap()).join("seeds.rs"), out).expect("write seeds.rs");
}
