//! Fuzzes the paper.tei.xml reader and the extract stage behind it: no input may panic.
#![no_main]

mod common;

libfuzzer_sys::fuzz_target!(|data: &[u8]| common::run(
    "paper.tei.xml",
    br#"<?xml version="1.0"?><TEI xmlns="http://www.tei-c.org/ns/1.0">"#,
    data
));
