//! Fuzzes the paper.nxml reader and the extract stage behind it: no input may panic.
#![no_main]

mod common;

libfuzzer_sys::fuzz_target!(|data: &[u8]| common::run("paper.nxml", br#"<?xml version="1.0"?><article>"#, data));
