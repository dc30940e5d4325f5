//! `citekb extract`: the ingest pipeline without the catalog, one JSON object per paper.

use std::io::Write;
use std::path::PathBuf;

use clap::{Args, ValueEnum};

use super::Exit;
use crate::extract::Detail;
use crate::pipeline;
use crate::read::{self, Limits};
use crate::Registry;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExtractFormat {
    Jsonl,
    Json,
}

/// Extract datasets and citations from papers without a catalog, using the built-in registry.
///
/// Prints one JSON object per paper: source, format, title, sha256, datasets (name, aliases,
/// role, mentions, citation: the paper's own reference entry or null) and references (the
/// parsed reference list).
///
/// Example: citekb extract --format jsonl papers/ > extraction.jsonl
#[derive(Debug, Args)]
#[command(verbatim_doc_comment)]
pub struct ExtractArgs {
    /// Files or folders; - reads one paper from standard input
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// jsonl: one object per line; json: one array
    #[arg(long, value_enum, default_value_t = ExtractFormat::Jsonl)]
    pub format: ExtractFormat,
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
    /// Also print every mention candidate (registry names and names found otherwise), with
    /// the rule that kept or rejected it: "candidates": [{"candidate", "source", "start",
    /// "end", "dataset", "accepted", "rule", "evidence"}]
    #[arg(long)]
    pub explain: bool,
}

impl ExtractArgs {
    pub fn run(&self) -> anyhow::Result<Exit> {
        crate::extract::compile_patterns_in_background();
        let registry = Registry::builtin()?;
        let limits = super::limits(self.max_file_size, self.timeout, self.max_unpacked_size);
        let (inputs, walk_errors) = read::collect_inputs(&self.paths);
        let mut failed = walk_errors.len();
        for e in &walk_errors {
            eprintln!("failed  {e}");
        }
        let stdout = std::io::stdout();
        let mut out = std::io::BufWriter::new(stdout.lock());
        let mut all = Vec::new();
        let detail = if self.explain { Detail::Explained } else { Detail::Findings };
        pipeline::process_all(&inputs, &registry, &limits, detail, |_, processed| -> std::io::Result<()> {
            match processed {
                Ok(p) => {
                    let record = crate::record::to_record(&p, &registry);
                    match self.format {
                        ExtractFormat::Jsonl => {
                            serde_json::to_writer(&mut out, &record)?;
                            writeln!(out)?;
                        }
                        ExtractFormat::Json => all.push(record),
                    }
                }
                Err(e) => {
                    failed += 1;
                    eprintln!("failed  {e}");
                }
            }
            Ok(())
        })?;
        if self.format == ExtractFormat::Json {
            serde_json::to_writer_pretty(&mut out, &all)?;
            writeln!(out)?;
        }
        out.flush()?;
        Ok(if failed > 0 { Exit::Error } else { Exit::Ok })
    }
}
