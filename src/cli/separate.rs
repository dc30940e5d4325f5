//! `citekb separate`: "these are different", a decision merges respect.

use std::io::Write;

use clap::{Args, Subcommand};

use super::{curated_citation_id, curated_dataset_id, Exit};
use crate::store::curation::Kind;
use crate::Catalog;

/// Record that two datasets (or two citations) are different: no merge of them is made, by a
/// person or by citekb.
///
/// Examples:
///   citekb separate dataset GLUE SuperGLUE
///   citekb separate citation 55 1854
#[derive(Debug, Args)]
#[command(verbatim_doc_comment)]
pub struct SeparateArgs {
    #[command(subcommand)]
    pub what: SeparateWhat,
}

#[derive(Debug, Subcommand)]
pub enum SeparateWhat {
    /// Datasets A and B (names or aliases) are different
    Dataset { a: String, b: String },
    /// Citations A and B (ids, as `export citations` lists them, or exact titles) are different works
    Citation { a: String, b: String },
}

impl SeparateArgs {
    pub fn run(&self, catalog: &mut Catalog) -> anyhow::Result<Exit> {
        match &self.what {
            SeparateWhat::Dataset { a, b } => {
                let (x, y) = (curated_dataset_id(catalog, a)?, curated_dataset_id(catalog, b)?);
                catalog.separate(Kind::Dataset, x, y)?;
            }
            SeparateWhat::Citation { a, b } => {
                let (x, y) = (curated_citation_id(catalog, a)?, curated_citation_id(catalog, b)?);
                catalog.separate(Kind::Citation, x, y)?;
            }
        }
        writeln!(std::io::stdout(), "recorded: they are different")?;
        Ok(Exit::Ok)
    }
}
