//! `citekb load`: stores extraction records without reading the papers again.

use std::io::Write;

use std::io::BufRead;
use std::path::PathBuf;

use clap::Args;

use super::Exit;
use crate::store::StoreOutcome;
use crate::Catalog;

/// Load extraction records (`citekb extract --format jsonl` output) into the catalog, with the
/// same deduplication as ingest, without reading the papers again: the reduce step after
/// extracting shards elsewhere. A bad line is reported and the rest load.
///
/// Example: citekb extract --format jsonl shard-07/ > shard-07.jsonl && citekb load shard-07.jsonl
#[derive(Debug, Args)]
pub struct LoadArgs {
    /// JSON Lines files of extraction records; - reads standard input
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
}

impl LoadArgs {
    pub fn run(&self, catalog: &mut Catalog) -> anyhow::Result<Exit> {
        let (mut added, mut same, mut failed) = (0, 0, 0);
        // Records are stored in batches of whole papers, as ingest stores them.
        let mut handled = 0;
        for file in &self.files {
            let reader: Box<dyn BufRead> = if file.as_os_str() == "-" {
                Box::new(std::io::stdin().lock())
            } else {
                match std::fs::File::open(file) {
                    Ok(f) => Box::new(std::io::BufReader::new(f)),
                    Err(e) => {
                        eprintln!("failed  {}: {e}", file.display());
                        failed += 1;
                        continue;
                    }
                }
            };
            for (n, line) in reader.lines().enumerate() {
                let line = match line {
                    Ok(line) => line,
                    Err(e) => {
                        catalog.commit_batch()?;
                        return Err(e.into());
                    }
                };
                if line.trim().is_empty() {
                    continue;
                }
                if handled % crate::pipeline::CHUNK == 0 {
                    catalog.begin_batch()?;
                }
                handled += 1;
                let stored = serde_json::from_str(&line)
                    .map_err(|e| crate::Error::Invalid(format!("not JSON ({e})")))
                    .and_then(|v| crate::record::from_record(&v))
                    .and_then(|r| catalog.store(&r));
                match stored {
                    Ok(StoreOutcome::Added { .. }) => added += 1,
                    Ok(_) => same += 1,
                    Err(e) => {
                        failed += 1;
                        eprintln!("failed  {}, line {}: {e}", file.display(), n + 1);
                    }
                }
                if handled % crate::pipeline::CHUNK == 0 {
                    catalog.commit_batch()?;
                }
            }
        }
        catalog.commit_batch()?;
        writeln!(
            std::io::stdout(),
            "{added} added, {same} already in the catalog, {failed} failed; the catalog holds {} papers",
            catalog.paper_count()?
        )?;
        Ok(if failed > 0 { Exit::Error } else { Exit::Ok })
    }
}
