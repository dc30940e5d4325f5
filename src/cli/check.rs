//! `citekb check`: the catalog's health, and safe repairs.

use clap::Args;

use super::output::{write_rows, OutputArgs};
use super::Exit;
use crate::Catalog;

/// Check the catalog: SQLite's integrity and foreign-key checks, rows nothing refers to, and
/// counts. Exit 0 when healthy, 1 when there are rows to repair, 2 when the file is damaged.
///
/// Example: citekb check --repair
#[derive(Debug, Args)]
#[command(verbatim_doc_comment)]
pub struct CheckArgs {
    /// Drop rows nothing refers to (orphan citations, unused discovered datasets, stray mentions)
    #[arg(long)]
    pub repair: bool,
    #[command(flatten)]
    pub output: OutputArgs,
}

impl CheckArgs {
    pub fn run(&self, catalog: &mut Catalog) -> anyhow::Result<Exit> {
        let report = catalog.check(self.repair)?;
        write_rows(&self.output, &mut std::io::stdout().lock(), &report.findings)?;
        Ok(if report.corrupt {
            Exit::Error
        } else if report.orphans > 0 && !self.repair {
            Exit::NothingFound
        } else {
            Exit::Ok
        })
    }
}
