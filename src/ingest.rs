//! The ingest session: read, extract, resolve and store, a batch per transaction, told to a [`Reporter`].
//!
//! Inputs are read and extracted on the workers, resolved, and stored a batch of whole papers per
//! transaction; one bad input is reported and the rest go on, while a catalog that cannot be
//! written ends the session.

use std::io::BufRead;
use std::path::PathBuf;

use crate::error::ErrorKind;
use crate::pipeline::{self, Outcome, Processed};
use crate::read::{self, Limits};
use crate::store::{HeldPapers, StoreOutcome};
use crate::{Catalog, Error, Registry, Resolved, Result};

/// How many papers are stored in one transaction: a chunk of the pipeline, so that the papers
/// extracted together are committed together.
pub const BATCH: usize = pipeline::CHUNK;

/// What a session is told to do besides storing.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Read papers the catalog holds already again, and replace what was extracted from them.
    pub reread: bool,
    pub limits: Limits,
}

/// One stored input, as a reporter is told it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stored {
    /// The paper's source: the input as given (`-` for standard input), or as its record says.
    pub source: String,
    pub outcome: StoreOutcome,
    /// How many datasets and reference entries were stored with it (none for content the
    /// catalog held already).
    pub datasets: usize,
    pub references: usize,
}

/// A session's counts, for its closing report.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct Summary {
    /// Inputs met: papers or records found, and paths that failed before any reading.
    pub inputs: usize,
    /// New papers, `replaced` of them the new content of a file ingested before.
    pub added: usize,
    pub replaced: usize,
    /// Content the catalog held already (read again with `reread`).
    pub same: usize,
    pub failed: usize,
    /// Files the folder walks passed over without reading them, by reason (not counted in
    /// `inputs`).
    #[serde(skip_serializing_if = "read::Skipped::is_empty")]
    pub skipped: read::Skipped,
    /// The current papers the catalog holds after the session.
    pub papers: i64,
}

/// Where a session's outcomes go: a person's terminal, a summary, a program's JSON Lines. A
/// reporter that cannot write ends the session with an [`ErrorKind::Output`] error.
pub trait Reporter {
    /// The session has `inputs` inputs to handle: told first, where the number is known.
    fn begin(&mut self, _inputs: usize) {}

    /// One more input is handled, stored or failed (a progress display's tick).
    fn advance(&mut self) {}

    /// A batch is committed, and these are its papers: told only then, so that no report names
    /// a paper that a crash could still take back.
    fn committed(&mut self, papers: &[Stored]) -> std::io::Result<()>;

    /// An input that failed (it was not stored), told at once; the session goes on.
    fn failed(&mut self, error: &Error) -> std::io::Result<()>;

    /// The session is over, with its counts.
    fn finished(&mut self, summary: &Summary) -> std::io::Result<()>;
}

/// Ingests papers from `paths` (files, folders walked recursively, `-` for standard input) into
/// `catalog`: content the catalog holds already is only identified by its SHA-256, unless
/// `options.reread` says to read it again.
pub fn ingest(
    catalog: &mut Catalog,
    paths: &[PathBuf],
    options: &Options,
    reporter: &mut dyn Reporter,
) -> Result<Summary> {
    let registry = catalog.registry()?;
    let (inputs, walk_errors, skipped) = read::collect(paths);
    let mut session = Session::new(catalog, reporter);
    session.summary.inputs = inputs.len() + walk_errors.len();
    session.summary.skipped = skipped;
    for e in &walk_errors {
        session.fail(e)?;
    }
    session.reporter.begin(inputs.len());
    let held = HeldPapers::open(session.catalog.path())?;
    let known = |sha256: &str| !options.reread && held.holds(sha256);
    pipeline::process_new(
        &inputs,
        &registry,
        &options.limits,
        crate::extract::Detail::Findings,
        &known,
        |input, outcome| {
            session.store(|catalog| match outcome? {
                Outcome::New(processed) => store_processed(catalog, *processed, &registry, options.reread),
                Outcome::Known { sha256 } => match catalog.store_known(&sha256, &input.display())? {
                    Some(outcome) => Ok(Stored { source: input.display(), outcome, datasets: 0, references: 0 }),
                    // Gone since it was looked up: read it after all.
                    None => {
                        let processed = pipeline::process_input(input, &registry, &options.limits)?;
                        store_processed(catalog, processed, &registry, options.reread)
                    }
                },
            })
        },
    )?;
    session.finish()
}

/// Loads extraction records (`citekb extract --format jsonl` output) from `files` (`-` for
/// standard input) into `catalog`, with the same deduplication as [`ingest`], without reading
/// the papers again. A bad line is reported with its file and line, and the rest load.
pub fn load(catalog: &mut Catalog, files: &[PathBuf], reporter: &mut dyn Reporter) -> Result<Summary> {
    let mut session = Session::new(catalog, reporter);
    for file in files {
        let name = file.display().to_string();
        let mut lines: Box<dyn BufRead> = if file.as_os_str() == "-" {
            Box::new(std::io::stdin().lock())
        } else {
            match std::fs::File::open(file) {
                Ok(f) => Box::new(std::io::BufReader::new(f)),
                Err(source) => {
                    session.summary.inputs += 1;
                    session.fail(&Error::Io { path: file.clone(), source })?;
                    continue;
                }
            }
        };
        let mut bytes = Vec::new();
        for n in 0.. {
            bytes.clear();
            match lines.read_until(b'\n', &mut bytes) {
                Ok(0) => break,
                Ok(_) => {}
                // A file that cannot be read on ends the session; what was stored is kept.
                Err(source) => {
                    session.commit()?;
                    return Err(Error::Io { path: file.clone(), source });
                }
            }
            if bytes.trim_ascii().is_empty() {
                continue;
            }
            session.summary.inputs += 1;
            let at_line = |e: Error| Error::Line { file: name.clone(), line: n + 1, source: Box::new(e) };
            // A line that is no UTF-8 is one bad record; the lines after it still load.
            let line = std::str::from_utf8(&bytes)
                .map_err(|e| Error::Record { field: None, reason: format!("not valid UTF-8 ({e})") });
            session.store(|catalog| {
                let resolved = crate::record::parse_line(line.map_err(at_line)?).map_err(at_line)?;
                store_resolved(catalog, &resolved, false).map_err(at_line)
            })?;
        }
    }
    session.finish()
}

/// Resolves and stores one read paper.
fn store_processed(catalog: &mut Catalog, processed: Processed, registry: &Registry, reread: bool) -> Result<Stored> {
    let resolved = processed.resolve(registry);
    store_resolved(catalog, &resolved, reread)
}

fn store_resolved(catalog: &mut Catalog, resolved: &Resolved, reread: bool) -> Result<Stored> {
    Ok(Stored {
        source: resolved.paper.source.clone(),
        outcome: catalog.store_with(resolved, reread)?,
        datasets: resolved.datasets.len(),
        references: resolved.references.len(),
    })
}

/// The state of one session: the open batch, the papers it holds (told once it is committed),
/// and the counts.
struct Session<'a> {
    catalog: &'a mut Catalog,
    reporter: &'a mut dyn Reporter,
    /// How many inputs the open batch has handled; none when no batch is open.
    in_batch: usize,
    pending: Vec<Stored>,
    summary: Summary,
    /// The reporter's reader went away (a closed pipe): nothing more is told.
    reader_gone: bool,
}

impl<'a> Session<'a> {
    fn new(catalog: &'a mut Catalog, reporter: &'a mut dyn Reporter) -> Session<'a> {
        Session {
            catalog,
            reporter,
            in_batch: 0,
            pending: Vec::with_capacity(BATCH),
            summary: Summary::default(),
            reader_gone: false,
        }
    }

    /// Stores one input with `store` inside the open batch (opening one if need be), and
    /// commits the batch when it is full. Triage: an input that fails is counted and reported,
    /// and the session goes on; a failure of the catalog itself ends it, the open batch with
    /// its papers not committed.
    fn store(&mut self, store: impl FnOnce(&mut Catalog) -> Result<Stored>) -> Result<()> {
        if self.in_batch == 0 {
            self.catalog.begin_batch()?;
        }
        self.in_batch += 1;
        match store(self.catalog) {
            Ok(stored) => {
                match stored.outcome {
                    StoreOutcome::Added { replaced, .. } => {
                        self.summary.added += 1;
                        self.summary.replaced += usize::from(replaced.is_some());
                    }
                    StoreOutcome::Duplicate { .. } | StoreOutcome::Reread { .. } => self.summary.same += 1,
                }
                self.pending.push(stored);
            }
            // The open batch is rolled back when the session is dropped.
            Err(e) if e.kind() == ErrorKind::Catalog => return Err(e),
            Err(e) => self.fail(&e)?,
        }
        self.reporter.advance();
        if self.in_batch == BATCH {
            self.commit()?;
        }
        Ok(())
    }

    /// Counts and reports an input that failed.
    fn fail(&mut self, e: &Error) -> Result<()> {
        self.summary.failed += 1;
        if self.reader_gone {
            return Ok(());
        }
        let told = self.reporter.failed(e);
        self.told(told)
    }

    /// Triage of a report that could not be written: a reader that went away (`citekb ingest
    /// dir/ | head -1`) leaves the session to finish its work untold, since what it stores is
    /// the point; any other failure to write (a full disk) ends the session.
    fn told(&mut self, told: std::io::Result<()>) -> Result<()> {
        match told {
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {
                self.reader_gone = true;
                Ok(())
            }
            told => told.map_err(Error::Report),
        }
    }

    /// Commits the open batch, if any, and tells the reporter its papers.
    fn commit(&mut self) -> Result<()> {
        self.catalog.commit_batch()?;
        self.in_batch = 0;
        let told = if self.reader_gone { Ok(()) } else { self.reporter.committed(&self.pending) };
        self.pending.clear();
        self.told(told)
    }

    fn finish(mut self) -> Result<Summary> {
        self.commit()?;
        self.summary.papers = self.catalog.paper_count()?;
        if !self.reader_gone {
            let told = self.reporter.finished(&self.summary);
            self.told(told)?;
        }
        Ok(std::mem::take(&mut self.summary))
    }
}

/// A session that ends early (its catalog failed, or its reporter) leaves no batch open on the
/// catalog: what the batch holds was never reported, and is not written.
impl Drop for Session<'_> {
    fn drop(&mut self) {
        if self.in_batch > 0 {
            // Nothing more can be done about a rollback that fails: the error that ended the
            // session is the one to tell, and SQLite rolls back when the connection closes.
            let _ = self.catalog.rollback_batch();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Tells what it was told, in order; fails to write when told to.
    #[derive(Default)]
    struct Recorder {
        events: Vec<String>,
        /// The error writing a failure meets, if any.
        broken: Option<std::io::ErrorKind>,
    }

    impl Reporter for Recorder {
        fn begin(&mut self, inputs: usize) {
            self.events.push(format!("begin {inputs}"));
        }

        fn committed(&mut self, papers: &[Stored]) -> std::io::Result<()> {
            let names: Vec<&str> = papers.iter().map(|p| p.source.rsplit('/').next().unwrap_or_default()).collect();
            self.events.push(format!("committed {}", names.join(" ")));
            Ok(())
        }

        fn failed(&mut self, error: &Error) -> std::io::Result<()> {
            if let Some(kind) = self.broken {
                return Err(kind.into());
            }
            let at = match error {
                Error::Line { line, .. } => format!(" at line {line}"),
                _ => String::new(),
            };
            self.events.push(format!("failed {:?}{at}", error.kind()));
            Ok(())
        }

        fn finished(&mut self, summary: &Summary) -> std::io::Result<()> {
            self.events
                .push(format!("finished {} added, {} same, {} failed", summary.added, summary.same, summary.failed));
            Ok(())
        }
    }

    fn paper(dataset: &str) -> String {
        format!(
            "A paper on {dataset}\n\nAbstract\nWe evaluate on {dataset} [1].\n\n1 Experiments\n\
             We train and test on the {dataset} dataset [1].\n\nReferences\n\n\
             [1] A. Author. A dataset paper about {dataset}. In Proceedings, 2015.\n"
        )
    }

    fn folder(files: &[(&str, &str)]) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        for (name, text) in files {
            std::fs::write(dir.path().join(name), text).unwrap();
        }
        dir
    }

    #[test]
    fn a_bad_file_is_reported_and_the_rest_are_stored_and_told_once_committed() {
        let dir =
            folder(&[("a.txt", &paper("MNIST")), ("b.txt", ""), ("c.txt", &paper("MNIST")), ("d.txt", &paper("SVHN"))]);
        let mut catalog = Catalog::open(":memory:").unwrap();
        let mut reporter = Recorder::default();
        let summary = ingest(&mut catalog, &[dir.path().to_path_buf()], &Options::default(), &mut reporter).unwrap();
        assert_eq!(
            reporter.events,
            ["begin 4", "failed Unreadable", "committed a.txt c.txt d.txt", "finished 2 added, 1 same, 1 failed"]
        );
        assert_eq!((summary.inputs, summary.papers), (4, 2));
    }

    #[test]
    fn a_catalog_that_fails_ends_the_session_with_nothing_of_its_batch_written_or_told() {
        let dir = folder(&[("a.txt", &paper("MNIST"))]);
        let mut catalog = Catalog::open(":memory:").unwrap();
        catalog.conn.execute_batch("DROP TABLE mentions").unwrap();
        let mut reporter = Recorder::default();
        let err = ingest(&mut catalog, &[dir.path().to_path_buf()], &Options::default(), &mut reporter).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Catalog);
        assert_eq!(reporter.events, ["begin 1"]);
        assert!(catalog.conn.is_autocommit(), "no batch is left open");
        assert_eq!(catalog.paper_count().unwrap(), 0);
    }

    #[test]
    fn a_reporter_that_cannot_write_ends_the_session_but_a_closed_pipe_does_not() {
        let dir = folder(&[("a.txt", ""), ("b.txt", &paper("MNIST"))]);
        let mut catalog = Catalog::open(":memory:").unwrap();
        let mut reporter = Recorder { broken: Some(std::io::ErrorKind::Other), ..Recorder::default() };
        let err = ingest(&mut catalog, &[dir.path().to_path_buf()], &Options::default(), &mut reporter).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Output);
        let mut reporter = Recorder { broken: Some(std::io::ErrorKind::BrokenPipe), ..Recorder::default() };
        let summary = ingest(&mut catalog, &[dir.path().to_path_buf()], &Options::default(), &mut reporter).unwrap();
        assert_eq!((summary.failed, summary.papers), (1, 1), "the work goes on, untold");
        assert_eq!(reporter.events, ["begin 2"]);
    }

    #[test]
    fn a_bad_record_line_names_its_file_and_line_and_the_rest_load() {
        let mut catalog = Catalog::open(":memory:").unwrap();
        let registry = catalog.registry().unwrap();
        let papers = folder(&[("a.txt", &paper("MNIST"))]);
        let input = read::Input::File(papers.path().join("a.txt"));
        let processed = pipeline::process_input(&input, &registry, &Limits::default()).unwrap();
        let record = serde_json::to_string(&crate::record::to_record(&processed, &registry)).unwrap();
        let mut lines = format!("?\n{record}\n\nno record\n").into_bytes();
        lines[0] = 0xff;
        let records = tempfile::tempdir().unwrap();
        std::fs::write(records.path().join("r.jsonl"), lines).unwrap();
        let mut reporter = Recorder::default();
        let summary = load(&mut catalog, &[records.path().join("r.jsonl")], &mut reporter).unwrap();
        assert_eq!(
            reporter.events,
            [
                "failed Invalid at line 1",
                "failed Invalid at line 4",
                "committed a.txt",
                "finished 1 added, 0 same, 2 failed"
            ]
        );
        assert_eq!(summary.inputs, 3);
        let mut reporter = Recorder::default();
        let missing = records.path().join("missing.jsonl");
        load(&mut catalog, &[missing], &mut reporter).unwrap();
        assert_eq!(reporter.events[0], "failed NotFound");
    }
}
