//! `citekb export`: the reports and citation formats, to standard output or atomically to a file.

use std::io::Write;
use std::path::PathBuf;

use clap::{Args, ValueEnum};
use serde::Serialize;

use super::output::{write_rows, OutputArgs, RowWriter};
use super::Exit;
use crate::store::queries::{CitationRow, PaperRow, UsageRow};
use crate::Catalog;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Report {
    /// One row per paper and dataset, with the citation the paper gives for it
    Usage,
    /// One row per dataset named by a paper, with aliases and canonical citation
    Datasets,
    /// One row per paper
    Papers,
    /// One row per canonical citation, with how many reference variants and papers point to it
    Citations,
    /// The works papers cite for the datasets they name, as BibTeX (--dataset: one dataset's;
    /// --all: every work any paper cites)
    Bibtex,
    /// The same works as CSL-JSON, for Zotero, Pandoc and other CSL processors
    CslJson,
}

/// Export a report (CSV unless a format is asked for), or the works cited for datasets as
/// BibTeX or CSL-JSON.
///
/// Examples:
///   citekb export usage > usage.csv
///   citekb export citations -o citations.csv
///   citekb export bibtex --dataset ImageNet -o imagenet.bib
#[derive(Debug, Args)]
#[command(verbatim_doc_comment)]
pub struct ExportArgs {
    #[arg(value_enum)]
    pub report: Report,
    /// Write to this file (atomically: a temporary file renamed into place) instead of stdout
    #[arg(short, long, value_name = "FILE")]
    pub output_file: Option<PathBuf>,
    /// usage, bibtex and csl-json: only the rows of this dataset (any of its names), or the
    /// citations papers give for it
    #[arg(long, value_name = "NAME")]
    pub dataset: Option<String>,
    /// bibtex and csl-json: every work any paper cites, not only the works cited for datasets
    #[arg(long, conflicts_with = "dataset")]
    pub all: bool,
    #[command(flatten)]
    pub output: OutputArgs,
}

#[derive(Debug, Default, Serialize)]
struct DatasetReportRow {
    dataset_id: i64,
    name: String,
    aliases: Vec<String>,
    papers: i64,
    canonical_citation: Option<String>,
}

impl ExportArgs {
    pub fn run(&self, catalog: &Catalog) -> anyhow::Result<Exit> {
        if matches!(self.report, Report::Bibtex | Report::CslJson) {
            let dataset = match &self.dataset {
                Some(name) => Some(super::dataset_id(catalog, name)?),
                None => None,
            };
            let citations = catalog.canonical_citations(dataset, self.all)?;
            let text = match self.report {
                Report::Bibtex => crate::export::to_bibtex(&citations),
                _ => format!("{:#}\n", crate::export::to_csl_json(&citations)),
            };
            match &self.output_file {
                None => std::io::stdout().lock().write_all(text.as_bytes())?,
                Some(path) => write_atomically(path, |w| Ok(w.write_all(text.as_bytes())?))?,
            }
            return Ok(if citations.is_empty() { Exit::NothingFound } else { Exit::Ok });
        }
        if self.all {
            anyhow::bail!("--all applies to the bibtex and csl-json exports only");
        }
        let dataset = match (&self.dataset, self.report) {
            (None, _) => None,
            (Some(name), Report::Usage) => Some(super::dataset_id(catalog, name)?),
            (Some(_), _) => anyhow::bail!("--dataset applies to the usage, bibtex and csl-json exports only"),
        };
        // Reports are CSV unless asked otherwise.
        let output = OutputArgs {
            to_file: self.output_file.is_some(),
            ..self.output.defaulting_to(super::output::OutputFormat::Csv)
        };
        let report = |out: &mut dyn Write| self.write_report(catalog, dataset, &output, out);
        match &self.output_file {
            None => report(&mut std::io::stdout().lock())?,
            Some(path) => write_atomically(path, report)?,
        }
        Ok(Exit::Ok)
    }

    /// The report's rows to `out`, as the catalog reads them; usage only `dataset`'s, if given.
    fn write_report(
        &self,
        catalog: &Catalog,
        dataset: Option<i64>,
        output: &OutputArgs,
        out: &mut dyn Write,
    ) -> anyhow::Result<()> {
        match self.report {
            Report::Usage => stream::<UsageRow>(output, out, |each| {
                catalog.each_usage(
                    |row: UsageRow| if dataset.is_none_or(|d| d == row.dataset_id) { each(row) } else { Ok(()) },
                )
            }),
            Report::Papers => stream::<PaperRow>(output, out, |each| catalog.each_paper(None, each)),
            Report::Citations => stream::<CitationRow>(output, out, |each| catalog.each_citation(each)),
            Report::Bibtex | Report::CslJson => unreachable!("written as citation formats"),
            Report::Datasets => {
                let rows: Vec<DatasetReportRow> = catalog
                    .datasets(false, None)?
                    .into_iter()
                    .map(|d| DatasetReportRow {
                        dataset_id: d.id,
                        name: d.name,
                        aliases: d.aliases,
                        papers: d.papers,
                        canonical_citation: d.canonical_citation,
                    })
                    .collect();
                write_rows(output, out, &rows)?;
                Ok(())
            }
        }
    }
}

/// Writes the rows a streaming query hands on, each as it comes.
fn stream<T: Serialize + Default>(
    output: &OutputArgs,
    out: &mut dyn Write,
    query: impl FnOnce(&mut dyn FnMut(T) -> anyhow::Result<()>) -> anyhow::Result<()>,
) -> anyhow::Result<()> {
    let mut rows = RowWriter::new::<T>(output, out)?;
    query(&mut |row| Ok(rows.write(&row)?))?;
    rows.finish()?;
    Ok(())
}

/// Writes a file whole or not at all: into a temporary file beside it, then renamed over it.
pub(super) fn write_atomically(
    path: &std::path::Path,
    write: impl FnOnce(&mut dyn Write) -> anyhow::Result<()>,
) -> anyhow::Result<()> {
    use anyhow::Context;
    let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(std::path::Path::new("."));
    let mut tmp = temporary_file(dir).with_context(|| format!("{}: cannot create a file here", dir.display()))?;
    {
        let mut w = std::io::BufWriter::new(tmp.as_file_mut());
        write(&mut w).with_context(|| format!("{}: write failed", path.display()))?;
        w.flush()?;
    }
    tmp.as_file().sync_all()?;
    tmp.persist(path).with_context(|| format!("{}: cannot replace the file", path.display()))?;
    Ok(())
}

/// The mode a new file is created with before the umask takes its share, as `touch` or a shell's
/// `>` create it: a temporary file's own 0600 would leave the written file private.
#[cfg(unix)]
const NEW_FILE_MODE: u32 = 0o666;

/// A temporary file in `dir` that becomes the written file: created as any new file is, so that
/// the umask decides who may read it.
fn temporary_file(dir: &std::path::Path) -> std::io::Result<tempfile::NamedTempFile> {
    let mut builder = tempfile::Builder::new();
    #[cfg(unix)]
    builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(NEW_FILE_MODE));
    builder.tempfile_in(dir)
}
