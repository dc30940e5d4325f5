//! `citekb stats`: the catalog in numbers.

use clap::Args;

use super::output::{write_rows, OutputArgs};
use super::Exit;
use crate::Catalog;

/// The catalog in numbers: totals, papers by format and by year (their own, else their newest
/// reference's), the datasets named by origin and domain, usages by role, citation coverage (the
/// share of usages whose paper cites an entry for the dataset) and the datasets most papers use.
///
/// Each row is a group, a value, a count and its share of the group's whole.
///
/// Examples:
///   citekb stats
///   citekb stats --top 25 --json
#[derive(Debug, Args)]
#[command(verbatim_doc_comment)]
pub struct StatsArgs {
    /// How many of the most used datasets to list
    #[arg(long, value_name = "N", default_value_t = 10)]
    pub top: usize,
    #[command(flatten)]
    pub output: OutputArgs,
}

impl StatsArgs {
    pub fn run(&self, catalog: &Catalog) -> anyhow::Result<Exit> {
        write_rows(&self.output, &mut std::io::stdout().lock(), &catalog.stats(self.top)?)?;
        Ok(Exit::Ok)
    }
}
