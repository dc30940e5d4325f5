//! The ingest pipeline as one call per input: read → extract → resolve. The store stage is the
//! caller's, so that `extract` runs the same stages without a catalog.

use crate::extract::{self, Extraction};
use crate::read::{self, Input, Limits};
use crate::registry::Registry;
use crate::resolve::{self, Resolved};
use crate::{Document, Error};

/// One input, read and extracted.
pub struct Processed {
    pub document: Document,
    pub extraction: Extraction,
}

impl Processed {
    pub fn resolve(&self, registry: &Registry) -> Resolved {
        resolve::resolve(&self.document, &self.extraction, registry)
    }
}

/// Reads and extracts one input.
pub fn process(input: &Input, registry: &Registry, limits: &Limits) -> Result<Processed, Error> {
    let document = read::read_input(input, limits)?;
    let extraction = extract::extract(&document, registry);
    Ok(Processed { document, extraction })
}
