//! `citekb rename`: a dataset's display name.

use std::io::Write;

use clap::Args;

use super::{curated_dataset_id, Exit};
use crate::Catalog;

/// Rename a dataset. The old names stay aliases; later seed updates keep the new name.
///
/// Example: citekb rename "ImageNet" "ImageNet (ILSVRC-2012)"
#[derive(Debug, Args)]
#[command(verbatim_doc_comment)]
pub struct RenameArgs {
    /// The dataset (any of its names)
    pub dataset: String,
    /// Its new name
    pub name: String,
}

impl RenameArgs {
    pub fn run(&self, catalog: &mut Catalog) -> anyhow::Result<Exit> {
        let id = curated_dataset_id(catalog, &self.dataset)?;
        catalog.rename_dataset(id, &self.name)?;
        writeln!(std::io::stdout(), "renamed {:?} to {:?}", self.dataset, self.name)?;
        Ok(Exit::Ok)
    }
}
