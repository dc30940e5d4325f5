//! `citekb alias`: another name for a dataset.

use std::io::Write;

use clap::{Args, Subcommand};

use super::{curated_dataset_id, Exit};
use crate::Catalog;

/// Add a name a dataset goes by. Papers ingested from now on (or re-read with `ingest
/// --reread`) find it by that name too.
///
/// Example: citekb alias add "Multi-Genre NLI" "MNLI corpus"
#[derive(Debug, Args)]
#[command(verbatim_doc_comment)]
pub struct AliasArgs {
    #[command(subcommand)]
    pub what: AliasWhat,
}

#[derive(Debug, Subcommand)]
pub enum AliasWhat {
    /// Give DATASET (any of its names) the alias ALIAS
    Add { dataset: String, alias: String },
}

impl AliasArgs {
    pub fn run(&self, catalog: &mut Catalog) -> anyhow::Result<Exit> {
        let AliasWhat::Add { dataset, alias } = &self.what;
        let id = curated_dataset_id(catalog, dataset)?;
        catalog.add_alias(id, alias)?;
        writeln!(std::io::stdout(), "{dataset:?} now also goes by {alias:?}")?;
        Ok(Exit::Ok)
    }
}
