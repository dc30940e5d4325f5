//! citekb: a persistent citation knowledge base of the datasets research papers use and how they cite them.
//!
//! The ingest pipeline is a chain of stages, each with its own type: [`read`] (a file →
//! [`Document`]) → [`extract`] (→ [`Extraction`]) → [`resolve`] (→ [`Resolved`]) → [`store`] (each
//! paper whole or not at all, in batches, into the SQLite [`Catalog`]), run by an [`ingest`]
//! session. `docs/architecture.md` draws the modules.

#[cfg(test)]
mod architecture;
pub mod bib;
pub mod cli;
pub mod deadline;
pub mod document;
pub mod error;
pub mod export;
pub mod extract;
pub mod ingest;
pub mod pipeline;
pub mod read;
pub mod record;
pub mod registry;
pub mod resolve;
pub mod store;
pub mod text;

pub use document::{Document, Format};
pub use error::{Error, ErrorKind, Result};
pub use extract::Extraction;
pub use registry::Registry;
pub use resolve::Resolved;
pub use store::Catalog;

/// Version of the extraction method, stored with every paper so that a catalog can tell which
/// papers an improved extractor would read differently.
pub const EXTRACTOR_VERSION: &str = concat!("citekb-", env!("CARGO_PKG_VERSION"), "/extract-1");

/// Lower-case hexadecimal of bytes (sha2 digests no longer format with `{:x}`).
pub fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    bytes.iter().fold(String::with_capacity(bytes.len() * 2), |mut s, b| {
        let _ = write!(s, "{b:02x}");
        s
    })
}
