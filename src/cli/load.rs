//! `citekb load`: runs the library's ingest session over extraction records, not papers.

use std::path::PathBuf;

use anyhow::Context;
use clap::Args;

use super::report::{Closing, PipeTolerant, SummaryReporter};
use super::Exit;
use crate::{Catalog, ErrorKind};

/// Load extraction records (`citekb extract --format jsonl` output) into the catalog, with the
/// same deduplication as ingest, without reading the papers again: the reduce step after
/// extracting shards elsewhere. A bad line is reported and the rest load.
///
/// Example: citekb extract --format jsonl shard-07/ > shard-07.jsonl && citekb load shard-07.jsonl
#[derive(Debug, Args)]
#[command(verbatim_doc_comment)]
pub struct LoadArgs {
    /// JSON Lines files of extraction records; - reads standard input
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
}

impl LoadArgs {
    pub fn run(&self, catalog: &mut Catalog) -> anyhow::Result<Exit> {
        let summary = match crate::ingest::load(
            catalog,
            &self.files,
            &mut PipeTolerant::new(SummaryReporter::new(Closing::Load)),
        ) {
            Ok(summary) => summary,
            Err(e) if e.kind() == ErrorKind::Catalog => {
                return Err(e).with_context(|| format!("catalog {}", catalog.path()));
            }
            Err(e) => return Err(e.into()),
        };
        Ok(if summary.failed > 0 { Exit::Error } else { Exit::Ok })
    }
}
