//! `citekb split`: undoes a merge.

use std::io::Write;

use clap::{Args, Subcommand};

use super::Exit;
use crate::Catalog;

/// Undo the last merge of a dataset or citation: what the merge moved goes back to it.
///
/// Examples:
///   citekb split dataset 1562
///   citekb split citation 812
#[derive(Debug, Args)]
#[command(verbatim_doc_comment)]
pub struct SplitArgs {
    #[command(subcommand)]
    pub what: SplitWhat,
}

#[derive(Debug, Subcommand)]
pub enum SplitWhat {
    /// The dataset that was merged into another (its id, as the merge printed it)
    Dataset { id: i64 },
    /// The citation that was merged into another
    Citation { id: i64 },
}

impl SplitArgs {
    pub fn run(&self, catalog: &mut Catalog) -> anyhow::Result<Exit> {
        match self.what {
            SplitWhat::Dataset { id } => catalog.split_dataset(id)?,
            SplitWhat::Citation { id } => catalog.split_citation(id)?,
        }
        writeln!(std::io::stdout(), "split: the merge is undone")?;
        Ok(Exit::Ok)
    }
}
