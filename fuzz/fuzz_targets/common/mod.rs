//! What the reader fuzz targets share: read the bytes under a name, extract whatever reads.

use std::sync::OnceLock;

use citekb::read::{read_bytes, Limits};
use citekb::Registry;

fn registry() -> &'static Registry {
    static R: OnceLock<Registry> = OnceLock::new();
    R.get_or_init(|| Registry::builtin().expect("seeds parse"))
}

/// Reads `head` followed by the fuzzer's bytes as a file called `name`; whatever reads must
/// also extract. Neither may panic.
pub fn run(name: &str, head: &[u8], data: &[u8]) {
    let mut bytes = head.to_vec();
    bytes.extend_from_slice(data);
    if let Ok(doc) = read_bytes(name, &bytes, &Limits::default()) {
        let _ = citekb::extract::extract(&doc, registry());
    }
}
