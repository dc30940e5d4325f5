//! `citekb ingest`: runs the library's ingest session with the reporter the options ask for.

use std::path::PathBuf;

use anyhow::Context;
use clap::{Args, ValueEnum};

use super::report::{Closing, HumanReporter, JsonLinesReporter, PipeTolerant, SummaryReporter};
use super::Exit;
use crate::ingest::{self, Options, Reporter};
use crate::read::Limits;
use crate::{Catalog, ErrorKind};

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum IngestFormat {
    /// A line per paper for people, failures on stderr
    Text,
    /// One JSON object per paper, failure and summary, on stdout
    Jsonl,
}

/// Ingest papers (files, folders walked recursively, or - for standard input).
///
/// A paper is identified by the SHA-256 of its content: ingesting the same content again (from
/// any path) changes nothing and says so. When a file at a path already ingested has new
/// content, the new content becomes a new paper and the old one is kept but marked superseded,
/// so queries show the current version only.
///
/// Folders are walked recursively, hidden entries skipped. Papers are stored a batch of whole
/// papers per transaction; content the catalog holds already is only hashed, not read again,
/// so a rerun after an interruption resumes. A line per paper is printed once its batch is
/// committed (added, updated, reread, same), then a summary; a file that fails is one line on
/// stderr and the rest go on (exit 2). --format jsonl reports to programs instead: one JSON
/// object per paper (added, reread, same), failure (failed, with its kind) and the closing
/// summary, all on stdout.
///
/// Example: citekb ingest papers/ extra/paper.txt
#[derive(Debug, Args)]
#[command(verbatim_doc_comment)]
pub struct IngestArgs {
    /// Files or folders to ingest; - reads one paper from standard input
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Print only the closing summary (and failures), not a line per paper
    #[arg(long)]
    pub summary: bool,
    /// How to report: text for people, jsonl for programs
    #[arg(long, value_enum, default_value_t = IngestFormat::Text)]
    pub format: IngestFormat,
    /// Read papers already in the catalog again and replace what was extracted from them (after
    /// an upgrade of citekb, or to apply new aliases and merges to them)
    #[arg(long)]
    pub reread: bool,
    /// Largest input file in bytes
    #[arg(long, value_name = "BYTES", default_value_t = Limits::default().max_file_bytes)]
    pub max_file_size: u64,
    /// Longest time reading and extracting one file may take, in seconds (any format; the file
    /// is then refused and the batch goes on)
    #[arg(long, visible_alias = "pdf-timeout", value_name = "SECONDS", default_value_t = 60)]
    pub timeout: u64,
    /// Largest size an archive (an arXiv source bundle) may unpack to, in bytes
    #[arg(long, value_name = "BYTES", default_value_t = Limits::default().max_unpacked_bytes)]
    pub max_unpacked_size: u64,
}

impl IngestArgs {
    pub fn run(&self, db: &std::path::Path) -> anyhow::Result<Exit> {
        // Compiled while the catalog opens: a single paper's start-up is mostly this.
        crate::extract::compile_patterns_in_background();
        let mut catalog = Catalog::open(&db.to_string_lossy())?;
        let options = Options {
            reread: self.reread,
            limits: super::limits(self.max_file_size, self.timeout, self.max_unpacked_size),
        };
        let mut reporter: Box<dyn Reporter> = match (self.format, self.summary) {
            (IngestFormat::Jsonl, summary) => Box::new(PipeTolerant::new(JsonLinesReporter { per_paper: !summary })),
            (IngestFormat::Text, true) => Box::new(PipeTolerant::new(SummaryReporter::new(Closing::Ingest))),
            (IngestFormat::Text, false) => Box::new(PipeTolerant::new(HumanReporter::new(Closing::Ingest))),
        };
        let summary = match ingest::ingest(&mut catalog, &self.paths, &options, reporter.as_mut()) {
            Ok(summary) => summary,
            Err(e) if e.kind() == ErrorKind::Catalog => {
                return Err(e).with_context(|| format!("catalog {}", db.display()));
            }
            Err(e) => return Err(e.into()),
        };
        Ok(if summary.failed > 0 { Exit::Error } else { Exit::Ok })
    }
}
