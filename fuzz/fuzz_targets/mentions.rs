//! Fuzzes the mention stage: each byte of the input picks a piece of text (dataset names of the
//! registry, the words around them, callouts, and spaces of every width), so the text is dense
//! with names where the fuzzer wants it. No input may panic.
#![no_main]

mod common;

/// What a byte picks, by its value modulo the length.
const PIECES: &[&str] = &[
    "ImageNet",
    "MNIST",
    "CIFAR-10",
    "SQuAD 1.1",
    "MultiNLI",
    "MNLI",
    "COCO",
    "Penn Treebank",
    "SST-2",
    "GLUE",
    "the",
    " dataset",
    " corpus",
    " benchmark",
    "We train on ",
    "we evaluate on ",
    "introduced ",
    "(",
    ")",
    "[1]",
    "[2]",
    ",",
    ".",
    ";",
    "-",
    "/",
    " and ",
    " of ",
    "\n",
    "\n\n",
    "1 Experiments\n",
    " ",
    "\u{a0}",
    "\u{2009}",
    "\u{2005}",
    "\u{202f}",
    "\u{3000}",
    "\t",
    "ü",
    "é",
    "中",
    "𝔸",
    "'s",
    "’",
    "\u{200b}",
    "\u{feff}",
    "v2",
    "2012",
    "-3",
    "test set",
    "Table 1",
    "e.g.",
    "et al.",
];

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let body: String = data.iter().map(|&b| PIECES[usize::from(b) % PIECES.len()]).collect();
    let tail =
        "\n\nReferences\n\n[1] J. Deng et al. ImageNet: A large-scale hierarchical image database. In CVPR, 2009.\n\
                [2] Y. LeCun et al. Gradient-based learning applied to document recognition. Proc. IEEE, 1998.\n";
    common::run_between("paper.txt", b"A Paper\n\nAbstract\n", body.as_bytes(), tail.as_bytes());
});
