//! The ingest pipeline without a catalog: read → extract → resolve, on every core.
//!
//! The store stage is the caller's, so that `extract` runs the same stages without a catalog.

use crate::extract::{self, Extraction};
use crate::read::{self, Input, Limits};
use crate::registry::Registry;
use crate::resolve::{self, Resolved};
use crate::{Document, Error};

thread_local! {
    static CATCHING: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Whether a panic now would be caught and reported by [`process`] (the binary's panic hook
/// stays quiet then, and prints a one-line internal error otherwise).
pub fn is_catching() -> bool {
    CATCHING.with(|c| c.get())
}

/// One input, read and extracted.
pub struct Processed {
    pub document: Document,
    pub extraction: Extraction,
}

/// What became of one input when the caller holds some papers already.
pub enum Outcome {
    /// A paper the caller does not hold: read and extracted.
    New(Box<Processed>),
    /// Content the caller holds already (by SHA-256): identified, not read further.
    Known { sha256: String },
}

impl Processed {
    pub fn resolve(&self, registry: &Registry) -> Resolved {
        resolve::resolve(&self.document, &self.extraction, registry)
    }
}

/// How many inputs are read and extracted together before their results are handed on in
/// order: enough to keep every core busy, few enough that memory does not grow with the batch.
pub const CHUNK: usize = 64;

/// Reads and extracts `inputs` on all cores, handing each result to `each` in input order, a
/// chunk at a time; the next chunk is extracted while `each` handles the current one. An error
/// from `each` (the caller's, of the caller's type) stops the run and is returned.
pub fn process_all<F, E>(
    inputs: &[Input],
    registry: &Registry,
    limits: &Limits,
    detail: extract::Detail,
    mut each: F,
) -> Result<(), E>
where
    F: FnMut(&Input, Result<Processed, Error>) -> Result<(), E>,
{
    process_new(inputs, registry, limits, detail, &|_| false, |input, outcome| match outcome {
        Ok(Outcome::New(processed)) => each(input, Ok(*processed)),
        Ok(Outcome::Known { .. }) => Ok(()),
        Err(e) => each(input, Err(e)),
    })
}

/// Like [`process_all`], except that an input whose SHA-256 `known` recognises is only
/// identified: a second run over a folder (after an interruption, or to add a few new papers)
/// costs a hash per paper it has already, not a reading.
pub fn process_new<F, E>(
    inputs: &[Input],
    registry: &Registry,
    limits: &Limits,
    detail: extract::Detail,
    known: &(dyn Fn(&str) -> bool + Sync),
    mut each: F,
) -> Result<(), E>
where
    F: FnMut(&Input, Result<Outcome, Error>) -> Result<(), E>,
{
    use rayon::prelude::*;
    std::thread::scope(|scope| {
        // The registry's alias index is built beside the reading of the first papers, which
        // need it only once their sections, references and callouts are found.
        scope.spawn(|| registry.prepare());
        let (send, receive) = std::sync::mpsc::sync_channel::<Vec<Result<Outcome, Error>>>(1);
        scope.spawn(move || {
            let one = |input: &Input| {
                let bytes = read::load(input, limits)?;
                let sha256 = read::sha256(&bytes);
                if known(&sha256) {
                    return Ok(Outcome::Known { sha256 });
                }
                process(input, &bytes, sha256, registry, limits, detail).map(|p| Outcome::New(Box::new(p)))
            };
            for chunk in inputs.chunks(CHUNK) {
                // One input needs no thread pool: starting rayon's workers costs more than the
                // paper gains from them.
                let results =
                    if chunk.len() > 1 { chunk.par_iter().map(one).collect() } else { chunk.iter().map(one).collect() };
                if send.send(results).is_err() {
                    break;
                }
            }
        });
        for (chunk, results) in inputs.chunks(CHUNK).zip(receive) {
            for (input, result) in chunk.iter().zip(results) {
                each(input, result)?;
            }
        }
        Ok(())
    })
}

/// Reads and extracts one input.
pub fn process_input(input: &Input, registry: &Registry, limits: &Limits) -> Result<Processed, Error> {
    let bytes = read::load(input, limits)?;
    let sha256 = read::sha256(&bytes);
    process(input, &bytes, sha256, registry, limits, extract::Detail::Findings)
}

/// Reads and extracts one input's bytes, within `--timeout`. A bug that panics inside a stage (a
/// reader meeting a file it does not expect, say) costs this input, reported as an error, never
/// the batch; so does running out of time.
fn process(
    input: &Input,
    bytes: &[u8],
    sha256: String,
    registry: &Registry,
    limits: &Limits,
    detail: extract::Detail,
) -> Result<Processed, Error> {
    CATCHING.with(|c| c.set(true));
    let caught = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        crate::deadline::within(limits.timeout, || {
            read::read_identified(&input.display(), bytes, sha256, limits).map(|document| {
                let extraction = extract::extract_with(&document, registry, detail);
                Processed { document, extraction }
            })
        })
    }));
    CATCHING.with(|c| c.set(false));
    let over_time = || Error::Read {
        path: input.display(),
        kind: crate::error::ErrorKind::Timeout,
        reason: format!("reading and extracting it took longer than {} s (--timeout)", limits.timeout.as_secs()),
    };
    caught.map(|in_time| in_time.unwrap_or_else(|_| Err(over_time()))).unwrap_or_else(|panic| {
        let what = panic
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| panic.downcast_ref::<String>().cloned())
            .unwrap_or_default();
        let what: String = what.chars().take(120).collect();
        Err(Error::Read {
            path: input.display(),
            kind: crate::error::ErrorKind::Internal,
            reason: format!("internal error while reading ({what}); please report it"),
        })
    })
}
