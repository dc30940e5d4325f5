//! `citekb datasets`: datasets with how many papers use them, or one paper's datasets and citations.

use clap::Args;

use super::output::{write_rows, OutputArgs};
use super::{found, Exit};
use crate::Catalog;

/// List datasets named by the catalog's papers, most used first; with --paper, one paper's
/// datasets and the reference entry it cites for each.
///
/// Examples:
///   citekb datasets --format json
///   citekb datasets --paper 3
///   citekb datasets --paper papers/bert.txt
///   citekb datasets --since 2020
#[derive(Debug, Args)]
#[command(verbatim_doc_comment)]
pub struct DatasetsArgs {
    /// A paper: its id, its SHA-256 (or 8+ leading characters), or a path it was ingested from
    #[arg(long, value_name = "ID|PATH")]
    pub paper: Option<String>,
    /// Also datasets no paper names yet (the whole registry)
    #[arg(long, conflicts_with = "paper")]
    pub all: bool,
    /// Count only the papers of this year or later (papers whose year is unknown are left out)
    #[arg(long, value_name = "YEAR", conflicts_with = "paper")]
    pub since: Option<i64>,
    #[command(flatten)]
    pub output: OutputArgs,
}

impl DatasetsArgs {
    pub fn run(&self, catalog: &Catalog) -> anyhow::Result<Exit> {
        let mut out = std::io::stdout().lock();
        let written = match &self.paper {
            None => write_rows(&self.output, &mut out, &catalog.datasets(self.all, self.since)?)?,
            Some(p) => match catalog.find_paper(p)? {
                Some(id) => write_rows(&self.output, &mut out, &catalog.paper_datasets(id)?)?,
                None => {
                    eprintln!("citekb: {}", super::suggest::unknown_paper(catalog, p)?);
                    write_rows::<crate::store::queries::PaperDatasetRow>(&self.output, &mut out, &[])?
                }
            },
        };
        Ok(found(written == 0))
    }
}
