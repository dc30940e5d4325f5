//! `citekb ingest`: reads papers into the catalog, a batch of whole papers per transaction, and
//! reports a line per paper once its batch is committed (or a summary); one bad file is
//! reported and the rest go on.

use std::io::Write;
use std::path::PathBuf;

use clap::Args;

use super::Exit;
use crate::pipeline::{self, Outcome};
use crate::read::{self, Limits};
use crate::store::{HeldPapers, StoreOutcome};
use crate::Catalog;

/// Ingest papers (files, folders walked recursively, or - for standard input).
///
/// A paper is identified by the SHA-256 of its content: ingesting the same content again (from
/// any path) changes nothing and says so. When a file at a path already ingested has new
/// content, the new content becomes a new paper and the old one is kept but marked superseded,
/// so queries show the current version only.
///
/// Example: citekb ingest papers/ extra/paper.txt
#[derive(Debug, Args)]
pub struct IngestArgs {
    /// Files or folders to ingest; - reads one paper from standard input
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Print only the closing summary, not a line per paper
    #[arg(long)]
    pub summary: bool,
    /// Read papers already in the catalog again and replace what was extracted from them (after
    /// an upgrade of citekb, or to apply new aliases and merges to them)
    #[arg(long)]
    pub reread: bool,
    /// Largest input file in bytes
    #[arg(long, value_name = "BYTES", default_value_t = Limits::default().max_file_bytes)]
    pub max_file_size: u64,
    /// Longest time reading one PDF may take, in seconds
    #[arg(long, value_name = "SECONDS", default_value_t = 60)]
    pub pdf_timeout: u64,
    /// Largest size an archive (an arXiv source bundle) may unpack to, in bytes
    #[arg(long, value_name = "BYTES", default_value_t = Limits::default().max_unpacked_bytes)]
    pub max_unpacked_size: u64,
}

impl IngestArgs {
    pub fn run(&self, db: &std::path::Path) -> anyhow::Result<Exit> {
        crate::extract::compile_patterns_in_background();
        let mut catalog = Catalog::open(&db.to_string_lossy())?;
        let registry = catalog.registry()?;
        let limits = super::limits(self.max_file_size, self.pdf_timeout, self.max_unpacked_size);
        let (inputs, walk_errors) = read::collect_inputs(&self.paths);
        let mut failed = walk_errors.len();
        for e in &walk_errors {
            eprintln!("failed  {e}");
        }
        let (mut added, mut same, mut replaced) = (0, 0, 0);
        let mut store_error = None;
        // A progress bar where a person watches (stderr is a terminal); nothing otherwise.
        let bar = if std::io::IsTerminal::is_terminal(&std::io::stderr()) && inputs.len() > 1 {
            let bar = indicatif::ProgressBar::new(inputs.len() as u64);
            bar.set_style(
                indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} papers, {per_sec}, {eta} left")
                    .expect("a valid template"),
            );
            bar
        } else {
            indicatif::ProgressBar::hidden()
        };
        // A batch's lines wait for its commit, so that no line reports a paper a crash could
        // still take back; they are printed around the bar, never through it.
        let mut lines: Vec<String> = Vec::new();
        macro_rules! say {
            ($($arg:tt)*) => { lines.push(format!($($arg)*)) };
        }
        let mut handled = 0;
        // Papers the catalog holds already are only identified, unless they are to be read again.
        let held = HeldPapers::open(&db.to_string_lossy())?;
        let known = |sha256: &str| !self.reread && held.holds(sha256);
        pipeline::process_new(&inputs, &registry, &limits, &known, |input, processed| {
            // The papers of one chunk of the pipeline are stored in one batch.
            if handled % pipeline::CHUNK == 0 {
                if let Err(e) = catalog.begin_batch() {
                    store_error = Some(anyhow::Error::from(e));
                    return Err(crate::Error::Invalid("stopped".into()));
                }
            }
            handled += 1;
            let store = |catalog: &mut Catalog, p: pipeline::Processed| -> anyhow::Result<(StoreOutcome, usize, usize)> {
                let resolved = p.resolve(&registry);
                let datasets = resolved.datasets.len();
                let refs = resolved.references.len();
                Ok((catalog.store_with(&resolved, self.reread)?, datasets, refs))
            };
            let outcome = match processed {
                Ok(Outcome::New(p)) => store(&mut catalog, *p),
                Ok(Outcome::Known { sha256 }) => match catalog.store_known(&sha256, &input.display()) {
                    Ok(Some(held)) => Ok((held, 0, 0)),
                    // Gone since it was looked up: read it after all.
                    Ok(None) => pipeline::process_input(input, &registry, &limits)
                        .map_err(Into::into)
                        .and_then(|p| store(&mut catalog, p)),
                    Err(e) => Err(e.into()),
                },
                Err(e) => Err(e.into()),
            };
            match outcome {
                Ok((StoreOutcome::Added { paper_id, replaced: old }, datasets, refs)) => {
                    added += 1;
                    if let Some(old) = old {
                        replaced += 1;
                        if !self.summary {
                            say!("updated {}  paper {paper_id} ({datasets} datasets, {refs} references) replaces paper {old}: the file changed", input.display());
                        }
                    } else if !self.summary {
                        say!("added   {}  paper {paper_id} ({datasets} datasets, {refs} references)", input.display());
                    }
                }
                Ok((StoreOutcome::Reread { paper_id }, datasets, refs)) => {
                    same += 1;
                    if !self.summary {
                        say!("reread  {}  paper {paper_id} ({datasets} datasets, {refs} references)", input.display());
                    }
                }
                Ok((StoreOutcome::Duplicate { paper_id, first_source }, _, _)) => {
                    same += 1;
                    if !self.summary {
                        if first_source == input.display() {
                            say!("same    {}  already paper {paper_id}, unchanged", input.display());
                        } else {
                            say!("same    {}  already paper {paper_id}: identical content to {first_source}", input.display());
                        }
                    }
                }
                Err(e) => {
                    failed += 1;
                    // A catalog that cannot be written ends the batch; a bad file does not.
                    if e.downcast_ref::<crate::Error>().is_some_and(|x| x.kind() == crate::ErrorKind::Catalog) {
                        store_error = Some(e);
                        return Err(crate::Error::Invalid("stopped".into()));
                    }
                    let chain: Vec<String> = e.chain().map(|c| c.to_string()).collect();
                    bar.suspend(|| eprintln!("failed  {}", chain.join(": ")));
                }
            }
            bar.inc(1);
            if handled % pipeline::CHUNK == 0 || handled == inputs.len() {
                if let Err(e) = catalog.commit_batch() {
                    store_error = Some(anyhow::Error::from(e));
                    return Err(crate::Error::Invalid("stopped".into()));
                }
                let printed = bar.suspend(|| {
                    lines.drain(..).try_for_each(|line| writeln!(std::io::stdout(), "{line}"))
                });
                if let Err(e) = printed {
                    store_error = Some(anyhow::Error::from(e));
                    return Err(crate::Error::Invalid("stopped".into()));
                }
            }
            Ok(())
        })
        .ok();
        bar.finish_and_clear();
        if let Some(e) = store_error {
            return Err(e.context(format!("catalog {}", db.display())));
        }
        let papers = catalog.paper_count()?;
        writeln!(
            std::io::stdout(),
            "{} inputs: {added} added ({replaced} replacing changed files), {same} already in the catalog, {failed} failed; the catalog holds {papers} papers",
            inputs.len() + walk_errors.len()
        )?;
        Ok(if failed > 0 { Exit::Error } else { Exit::Ok })
    }
}
