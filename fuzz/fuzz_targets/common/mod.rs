//! What the fuzz targets share: read the bytes under a name, extract whatever reads, and tell a
//! panic of citekb's own (a crash) from one inside the PDF library (a refused file).

// Each target uses the helpers it needs; the module is compiled into each target.
#![allow(dead_code)]

use std::sync::{Once, OnceLock};

use citekb::read::{read_bytes, Limits};
use citekb::Registry;

pub fn registry() -> &'static Registry {
    static R: OnceLock<Registry> = OnceLock::new();
    R.get_or_init(|| Registry::builtin().expect("seeds parse"))
}

/// Source folders of the libraries whose panics citekb contains: pdf-extract and what it parses
/// with. The binary runs them in a child process; in process (here) they run behind
/// `catch_unwind`, and such a panic is the file refused, as the user sees it.
const CONTAINED: &[&str] =
    &["/pdf-extract-", "/lopdf-", "/adobe-cmap-parser-", "/type1-encoding-parser-", "/cff-parser-", "/postscript-"];

/// libFuzzer's hook aborts on any panic, before `catch_unwind` can see it; this one lets a
/// panic raised inside a contained library unwind to citekb's guard, and hands every other one
/// to libFuzzer's hook: a crash.
fn contain_library_panics() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let fuzzer = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let contained = info.location().is_some_and(|l| CONTAINED.iter().any(|c| l.file().contains(c)));
            if !contained {
                fuzzer(info);
            }
        }));
    });
}

/// Reads `head`, the fuzzer's bytes and `tail` as a file called `name`; whatever reads must
/// also extract. Neither may panic, except inside a contained library.
pub fn run_between(name: &str, head: &[u8], data: &[u8], tail: &[u8]) {
    contain_library_panics();
    let mut bytes = head.to_vec();
    bytes.extend_from_slice(data);
    bytes.extend_from_slice(tail);
    if let Ok(doc) = read_bytes(name, &bytes, &Limits::default()) {
        let _ = citekb::extract::extract(&doc, registry());
    }
}

/// [`run_between`] with nothing after the fuzzer's bytes.
pub fn run(name: &str, head: &[u8], data: &[u8]) {
    run_between(name, head, data, b"");
}
