//! `citekb merge`: one dataset or citation into another, by a person's decision.

use std::io::Write;

use clap::{Args, Subcommand};

use super::{curated_citation_id, curated_dataset_id, Exit};
use crate::Catalog;

/// Merge two datasets (or two citations) that are one: the first joins the second, which keeps
/// its name. Recorded in the log; `citekb split` undoes it; it survives re-ingest.
///
/// Examples:
///   citekb merge dataset "ImageNet ILSVRC" ImageNet
///   citekb merge citation 812 36
#[derive(Debug, Args)]
#[command(verbatim_doc_comment)]
pub struct MergeArgs {
    #[command(subcommand)]
    pub what: MergeWhat,
}

#[derive(Debug, Subcommand)]
pub enum MergeWhat {
    /// Dataset FROM joins dataset INTO (names or aliases)
    Dataset { from: String, into: String },
    /// Citation FROM joins citation INTO (ids, as `export citations` lists them, or exact titles)
    Citation { from: String, into: String },
}

impl MergeArgs {
    pub fn run(&self, catalog: &mut Catalog) -> anyhow::Result<Exit> {
        match &self.what {
            MergeWhat::Dataset { from, into } => {
                let (a, b) = (curated_dataset_id(catalog, from)?, curated_dataset_id(catalog, into)?);
                let log = catalog.merge_datasets(a, b, "manual merge")?;
                writeln!(
                    std::io::stdout(),
                    "merged dataset {from:?} into {into:?} (log entry {log}; undo with: citekb split dataset {a})"
                )?;
            }
            MergeWhat::Citation { from, into } => {
                let (from, into) = (curated_citation_id(catalog, from)?, curated_citation_id(catalog, into)?);
                let log = catalog.merge_citations(from, into)?;
                writeln!(
                    std::io::stdout(),
                    "merged citation {from} into {into} (log entry {log}; undo with: citekb split citation {from})"
                )?;
            }
        }
        Ok(Exit::Ok)
    }
}
