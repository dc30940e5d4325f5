//! The ingest session's reporters: a line per paper, a summary only, or JSON Lines for programs.
//!
//! Failures are one line each, on stderr for people.

use std::io::Write;

use serde::Serialize;

use super::output::counted;

use crate::ingest::{Reporter, Stored, Summary};
use crate::store::StoreOutcome;
use crate::Error;

/// Which closing line a summary prints: ingest counts its inputs and the changed files it
/// replaced, load its records.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Closing {
    Ingest,
    Load,
}

/// An error and its causes on one line, joined by ": ".
fn one_line(e: &Error) -> String {
    let chain: Vec<String> =
        std::iter::successors(Some(e as &dyn std::error::Error), |e| e.source()).map(|e| e.to_string()).collect();
    chain.join(": ")
}

/// Failures on stderr, a progress bar where a person watches (stderr is a terminal), and the
/// closing line; no line per paper.
pub struct SummaryReporter {
    closing: Closing,
    bar: indicatif::ProgressBar,
}

impl SummaryReporter {
    pub fn new(closing: Closing) -> SummaryReporter {
        SummaryReporter { closing, bar: indicatif::ProgressBar::hidden() }
    }

    /// Prints around the progress bar, never through it.
    fn print(&self, line: impl FnOnce() -> std::io::Result<()>) -> std::io::Result<()> {
        self.bar.suspend(line)
    }
}

impl Reporter for SummaryReporter {
    fn begin(&mut self, inputs: usize) {
        if std::io::IsTerminal::is_terminal(&std::io::stderr()) && inputs > 1 {
            self.bar = indicatif::ProgressBar::new(inputs as u64);
            self.bar.set_style(
                indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} papers, {per_sec}, {eta} left")
                    .expect("a valid template"),
            );
        }
    }

    fn advance(&mut self) {
        self.bar.inc(1);
    }

    fn committed(&mut self, _papers: &[Stored]) -> std::io::Result<()> {
        Ok(())
    }

    fn failed(&mut self, error: &Error) -> std::io::Result<()> {
        self.print(|| writeln!(std::io::stderr(), "failed  {}", one_line(error)))
    }

    fn finished(&mut self, s: &Summary) -> std::io::Result<()> {
        self.bar.finish_and_clear();
        let mut out = std::io::stdout();
        match self.closing {
            Closing::Ingest => writeln!(
                out,
                "{}: {} added ({} replacing changed files), {} already in the catalog, {} failed; the catalog holds {}{}",
                counted(s.inputs as i64, "input", "inputs"),
                s.added,
                s.replaced,
                s.same,
                s.failed,
                counted(s.papers, "paper", "papers"),
                s.skipped.iter().map(|(why, n)| format!("; {n} skipped, {why}")).collect::<String>()
            ),
            Closing::Load => writeln!(
                out,
                "{} added, {} already in the catalog, {} failed; the catalog holds {}",
                s.added,
                s.same,
                s.failed,
                counted(s.papers, "paper", "papers")
            ),
        }
    }
}

/// An error that ends the session is printed after the bar is gone.
impl Drop for SummaryReporter {
    fn drop(&mut self) {
        self.bar.finish_and_clear();
    }
}

/// A line per paper once its batch is committed (`added`, `updated`, `reread`, `same`), then
/// the summary's lines.
pub struct HumanReporter {
    summary: SummaryReporter,
}

impl HumanReporter {
    pub fn new(closing: Closing) -> HumanReporter {
        HumanReporter { summary: SummaryReporter::new(closing) }
    }
}

/// The line a person reads for one stored paper.
fn paper_line(p: &Stored) -> String {
    let counts = format!(
        "({}, {})",
        counted(p.datasets as i64, "dataset", "datasets"),
        counted(p.references as i64, "reference", "references")
    );
    match &p.outcome {
        StoreOutcome::Added { paper_id, replaced: Some(old), .. } => {
            format!("updated {}  paper {paper_id} {counts} replaces paper {old}: the file changed", p.source)
        }
        StoreOutcome::Added { paper_id, replaced: None, same_work: Some(w) } if w.now_current => format!(
            "added   {}  paper {paper_id} {counts}, the same work as paper {} ({}), and now its current version",
            p.source, w.paper_id, w.rule
        ),
        StoreOutcome::Added { paper_id, replaced: None, same_work: Some(w) } => format!(
            "added   {}  paper {paper_id} {counts}, a version of paper {} ({}), which stays current",
            p.source, w.paper_id, w.rule
        ),
        StoreOutcome::Added { paper_id, replaced: None, same_work: None } => {
            format!("added   {}  paper {paper_id} {counts}", p.source)
        }
        StoreOutcome::Reread { paper_id } => format!("reread  {}  paper {paper_id} {counts}", p.source),
        StoreOutcome::Duplicate { paper_id, first_source } if *first_source == p.source => {
            format!("same    {}  already paper {paper_id}, unchanged", p.source)
        }
        StoreOutcome::Duplicate { paper_id, first_source } => {
            format!("same    {}  already paper {paper_id}: identical content to {first_source}", p.source)
        }
    }
}

impl Reporter for HumanReporter {
    fn begin(&mut self, inputs: usize) {
        self.summary.begin(inputs);
    }

    fn advance(&mut self) {
        self.summary.advance();
    }

    fn committed(&mut self, papers: &[Stored]) -> std::io::Result<()> {
        self.summary.print(|| {
            let mut out = std::io::stdout().lock();
            papers.iter().try_for_each(|p| writeln!(out, "{}", paper_line(p)))
        })
    }

    fn failed(&mut self, error: &Error) -> std::io::Result<()> {
        self.summary.failed(error)
    }

    fn finished(&mut self, summary: &Summary) -> std::io::Result<()> {
        self.summary.finished(summary)
    }
}

/// One JSON object per line on stdout, failures included, for programs: `{"event": "added" |
/// "reread" | "same" | "failed" | "summary", ...}`. With `per_paper` false, only the failures
/// and the summary.
pub struct JsonLinesReporter {
    pub per_paper: bool,
}

#[derive(Serialize)]
#[serde(tag = "event", rename_all = "lowercase")]
enum Event<'a> {
    Added {
        source: &'a str,
        paper_id: i64,
        replaces: Option<i64>,
        /// The paper held already that is the same work, and which of the two is current.
        #[serde(skip_serializing_if = "Option::is_none")]
        same_work_as: Option<i64>,
        #[serde(skip_serializing_if = "Option::is_none")]
        current: Option<bool>,
        datasets: usize,
        references: usize,
    },
    Reread {
        source: &'a str,
        paper_id: i64,
        datasets: usize,
        references: usize,
    },
    Same {
        source: &'a str,
        paper_id: i64,
        first_source: &'a str,
    },
    Failed {
        kind: &'static str,
        error: String,
    },
    Summary(&'a Summary),
}

impl<'a> Event<'a> {
    fn of(p: &'a Stored) -> Event<'a> {
        let (source, datasets, references) = (p.source.as_str(), p.datasets, p.references);
        match &p.outcome {
            StoreOutcome::Added { paper_id, replaced, same_work } => Event::Added {
                source,
                paper_id: *paper_id,
                replaces: *replaced,
                same_work_as: same_work.as_ref().map(|w| w.paper_id),
                current: same_work.as_ref().map(|w| w.now_current),
                datasets,
                references,
            },
            StoreOutcome::Reread { paper_id } => Event::Reread { source, paper_id: *paper_id, datasets, references },
            StoreOutcome::Duplicate { paper_id, first_source } => {
                Event::Same { source, paper_id: *paper_id, first_source }
            }
        }
    }

    fn write(&self) -> std::io::Result<()> {
        let mut out = std::io::stdout().lock();
        serde_json::to_writer(&mut out, self)?;
        writeln!(out)
    }
}

impl Reporter for JsonLinesReporter {
    fn committed(&mut self, papers: &[Stored]) -> std::io::Result<()> {
        if self.per_paper {
            papers.iter().try_for_each(|p| Event::of(p).write())?;
        }
        Ok(())
    }

    fn failed(&mut self, error: &Error) -> std::io::Result<()> {
        Event::Failed { kind: error.kind().as_str(), error: one_line(error) }.write()
    }

    fn finished(&mut self, summary: &Summary) -> std::io::Result<()> {
        Event::Summary(summary).write()
    }
}

/// A reporter whose reader may go away (`citekb ingest papers/ | head -1`): a write that finds
/// its pipe closed is dropped and the session goes on, so that every paper is stored and the run
/// ends as if its output had been read to the end. Each write tries again, so that failures still
/// reach stderr when only stdout has gone. Any other failure to write still ends the session.
pub struct PipeTolerant<R> {
    inner: R,
}

impl<R: Reporter> PipeTolerant<R> {
    pub fn new(inner: R) -> PipeTolerant<R> {
        PipeTolerant { inner }
    }

    fn write(&mut self, write: impl FnOnce(&mut R) -> std::io::Result<()>) -> std::io::Result<()> {
        match write(&mut self.inner) {
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
            other => other,
        }
    }
}

impl<R: Reporter> Reporter for PipeTolerant<R> {
    fn begin(&mut self, inputs: usize) {
        self.inner.begin(inputs);
    }

    fn advance(&mut self) {
        self.inner.advance();
    }

    fn committed(&mut self, papers: &[Stored]) -> std::io::Result<()> {
        self.write(|r| r.committed(papers))
    }

    fn failed(&mut self, error: &Error) -> std::io::Result<()> {
        self.write(|r| r.failed(error))
    }

    fn finished(&mut self, summary: &Summary) -> std::io::Result<()> {
        self.write(|r| r.finished(summary))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stored(outcome: StoreOutcome) -> Stored {
        Stored { source: "p.txt".into(), outcome, datasets: 2, references: 3 }
    }

    /// Counts what it is told; its writes fail as `broken` says.
    struct Flaky {
        broken: Option<std::io::ErrorKind>,
        writes: usize,
    }

    impl Reporter for Flaky {
        fn committed(&mut self, _papers: &[Stored]) -> std::io::Result<()> {
            self.writes += 1;
            self.broken.map_or(Ok(()), |kind| Err(kind.into()))
        }
        fn failed(&mut self, _error: &Error) -> std::io::Result<()> {
            self.committed(&[])
        }
        fn finished(&mut self, _summary: &Summary) -> std::io::Result<()> {
            self.committed(&[])
        }
    }

    #[test]
    fn a_closed_pipe_stops_the_writing_not_the_session() {
        let mut r = PipeTolerant::new(Flaky { broken: Some(std::io::ErrorKind::BrokenPipe), writes: 0 });
        assert!(r.committed(&[]).is_ok());
        assert!(r.committed(&[]).is_ok());
        assert!(r.finished(&Summary::default()).is_ok());
        assert_eq!(r.inner.writes, 3, "every report is tried: stderr may still be open");
        let mut r = PipeTolerant::new(Flaky { broken: Some(std::io::ErrorKind::StorageFull), writes: 0 });
        assert!(r.committed(&[]).is_err(), "a full disk is still an error");
    }

    #[test]
    fn a_line_per_outcome() {
        assert_eq!(
            paper_line(&stored(StoreOutcome::Added { paper_id: 7, replaced: Some(3), same_work: None })),
            "updated p.txt  paper 7 (2 datasets, 3 references) replaces paper 3: the file changed"
        );
        assert_eq!(
            paper_line(&Stored { datasets: 1, ..stored(StoreOutcome::Reread { paper_id: 7 }) }),
            "reread  p.txt  paper 7 (1 dataset, 3 references)"
        );
        assert_eq!(
            paper_line(&stored(StoreOutcome::Duplicate { paper_id: 7, first_source: "p.txt".into() })),
            "same    p.txt  already paper 7, unchanged"
        );
        assert_eq!(
            paper_line(&stored(StoreOutcome::Duplicate { paper_id: 7, first_source: "q.txt".into() })),
            "same    p.txt  already paper 7: identical content to q.txt"
        );
    }

    #[test]
    fn events_are_tagged_objects() {
        let added = stored(StoreOutcome::Added { paper_id: 7, replaced: None, same_work: None });
        assert_eq!(
            serde_json::to_string(&Event::of(&added)).unwrap(),
            r#"{"event":"added","source":"p.txt","paper_id":7,"replaces":null,"datasets":2,"references":3}"#
        );
        let summary = Summary { inputs: 2, added: 1, failed: 1, papers: 1, ..Summary::default() };
        assert_eq!(
            serde_json::to_string(&Event::Summary(&summary)).unwrap(),
            r#"{"event":"summary","inputs":2,"added":1,"replaced":0,"same":0,"failed":1,"papers":1}"#
        );
    }
}
