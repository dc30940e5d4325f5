//! Fuzzes the paper.tex reader and the extract stage behind it: no input may panic.
#![no_main]

use citekb::read::{read_bytes, Limits};
use citekb::Registry;
use std::sync::OnceLock;

fn registry() -> &'static Registry {
    static R: OnceLock<Registry> = OnceLock::new();
    R.get_or_init(|| Registry::builtin().expect("seeds parse"))
}

/// Reads the bytes as NAME with HEAD before them; whatever reads must also extract.
fn run(name: &str, head: &[u8], data: &[u8]) {
    let mut bytes = head.to_vec();
    bytes.extend_from_slice(data);
    if let Ok(doc) = read_bytes(name, &bytes, &Limits::default()) {
        let _ = citekb::extract::extract(&doc, registry());
    }
}

libfuzzer_sys::fuzz_target!(|data: &[u8]| run("paper.tex", br"\documentclass{article}\begin{document}", data));
