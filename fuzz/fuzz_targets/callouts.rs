//! Fuzzes the callout stage: the fuzzer's text is a paper's body before a reference list of
//! numbered and author-year entries, so its brackets, parentheses, superscripts and names are
//! read as callouts and aligned to the entries. No input may panic.
#![no_main]

mod common;

const HEAD: &[u8] = b"A Paper on Callouts\n\nAbstract\nWe study callouts.\n\n1 Introduction\n\n";
const TAIL: &[u8] = b"\n\nReferences\n\n\
[1] A. Smith and B. Jones. A first title. In Proceedings of the Conference, 2015.\n\
[2] C. Lee, D. Kim, and E. Park. A second title. Journal of Things, 12(3):1-10, 2019.\n\
[3] Smith, A. (2015a). A third title. arXiv preprint arXiv:1501.00001.\n\
[4] Zhang, W. et al. 2020. The fourth title. In Proc. of the Workshop.\n";

libfuzzer_sys::fuzz_target!(|data: &[u8]| common::run_between("paper.txt", HEAD, data, TAIL));
