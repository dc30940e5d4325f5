//! Fuzzes the paper.tex reader and the extract stage behind it: no input may panic.
#![no_main]

mod common;

libfuzzer_sys::fuzz_target!(|data: &[u8]| common::run("paper.tex", br"\documentclass{article}\begin{document}", data));
