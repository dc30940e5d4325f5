//! `citekb separate`: "these are different", a decision merges respect.

use std::io::Write;

use clap::{Args, Subcommand};

use super::{dataset_id, Exit};
use crate::store::curation::Kind;
use crate::Catalog;

/// Record that two datasets (or two citations) are different: no merge of them is made, by a
/// person or by citekb.
///
/// Examples:
///   citekb separate dataset GLUE SuperGLUE
///   citekb separate citation 55 1854
#[derive(Debug, Args)]
pub struct SeparateArgs {
    #[command(subcommand)]
    pub what: SeparateWhat,
}

#[derive(Debug, Subcommand)]
pub enum SeparateWhat {
    Dataset { a: String, b: String },
    Citation { a: i64, b: i64 },
}

impl SeparateArgs {
    pub fn run(&self, catalog: &mut Catalog) -> anyhow::Result<Exit> {
        match &self.what {
            SeparateWhat::Dataset { a, b } => {
                let (x, y) = (dataset_id(catalog, a)?, dataset_id(catalog, b)?);
                catalog.separate(Kind::Dataset, x, y)?;
            }
            SeparateWhat::Citation { a, b } => catalog.separate(Kind::Citation, *a, *b)?,
        }
        writeln!(std::io::stdout(), "recorded: they are different")?;
        Ok(Exit::Ok)
    }
}
