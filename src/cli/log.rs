//! `citekb log`: every automatic and manual decision, newest first.

use clap::Args;

use super::output::{write_rows, OutputArgs};
use super::{found, Exit};
use crate::Catalog;

/// Show the curation log: merges, splits, aliases, renames, "different" decisions, and the
/// references citekb joined to a work, each with its rule, score, evidence and time.
///
/// Example: citekb log --limit 20
#[derive(Debug, Args)]
#[command(verbatim_doc_comment)]
pub struct LogArgs {
    /// How many entries, newest first
    #[arg(long, default_value_t = 100)]
    pub limit: usize,
    #[command(flatten)]
    pub output: OutputArgs,
}

impl LogArgs {
    pub fn run(&self, catalog: &Catalog) -> anyhow::Result<Exit> {
        let written = write_rows(&self.output, &mut std::io::stdout().lock(), &catalog.curation_log(self.limit)?)?;
        Ok(found(written == 0))
    }
}
