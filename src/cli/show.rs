//! `citekb show`: everything known about one paper or one dataset.

use std::io::Write;

use clap::{Args, Subcommand};
use serde_json::json;

use super::output::{counted, write_rows, OutputArgs, OutputFormat};
use super::Exit;
use crate::Catalog;

/// Show everything known about a paper or a dataset.
///
/// With --format table (the default) a readable report; json/jsonl one object; csv/tsv the main
/// table (a paper's datasets, a dataset's papers).
///
/// Examples:
///   citekb show paper 3
///   citekb show dataset MNLI --format json
#[derive(Debug, Args)]
#[command(verbatim_doc_comment)]
pub struct ShowArgs {
    #[command(subcommand)]
    pub what: ShowWhat,
    #[command(flatten)]
    pub output: OutputArgs,
}

#[derive(Debug, Subcommand)]
pub enum ShowWhat {
    /// A paper: its datasets, how it cites each, its references and the evidence sentences
    Paper {
        /// Id, SHA-256 (or 8+ leading characters), or a path it was ingested from
        id: String,
    },
    /// A dataset: aliases, family, canonical citation, other citations, and the papers
    Dataset {
        /// Any name or alias
        name: String,
    },
}

impl ShowArgs {
    pub fn run(&self, catalog: &Catalog) -> anyhow::Result<Exit> {
        match &self.what {
            ShowWhat::Paper { id } => self.paper(catalog, id),
            ShowWhat::Dataset { name } => self.dataset(catalog, name),
        }
    }

    fn paper(&self, catalog: &Catalog, id: &str) -> anyhow::Result<Exit> {
        let paper_id = super::paper_id(catalog, id)?;
        let paper = catalog.paper(paper_id)?;
        let datasets = catalog.paper_datasets(paper_id)?;
        let references = catalog.paper_references(paper_id)?;
        let evidence = catalog.paper_evidence(paper_id)?;
        let mut out = std::io::stdout().lock();
        match self.output.format() {
            OutputFormat::Json | OutputFormat::Jsonl => {
                let v = json!({"paper": paper, "datasets": datasets, "references": references, "evidence": evidence});
                write_json(&mut out, &v, self.output.format())?;
            }
            OutputFormat::Csv | OutputFormat::Tsv => {
                write_rows(&self.output, &mut out, &datasets)?;
            }
            OutputFormat::Table => {
                writeln!(out, "paper {}: {}", paper.paper_id, paper.title.as_deref().unwrap_or("(no title)"))?;
                writeln!(out, "source: {}  format: {}  ingested: {}", paper.source, paper.format, paper.ingested_at)?;
                let record: Vec<String> = [
                    paper.year.map(|y| format!("year: {y}")),
                    paper.doi.as_ref().map(|d| format!("doi: {d}")),
                    paper.arxiv.as_ref().map(|a| format!("arXiv: {a}")),
                ]
                .into_iter()
                .flatten()
                .collect();
                if !record.is_empty() {
                    writeln!(out, "{}", record.join("  "))?;
                }
                writeln!(out, "\ndatasets ({}):", datasets.len())?;
                for d in &datasets {
                    writeln!(out, "  {} [{}] {}", d.dataset, d.role, counted(d.mentions, "mention", "mentions"))?;
                    match &d.reference {
                        Some(r) => writeln!(out, "    cites: {r}")?,
                        None => writeln!(out, "    cites: (no reference entry)")?,
                    }
                    for e in evidence.iter().filter(|e| e.dataset == d.dataset).take(2) {
                        writeln!(out, "    \u{201c}{}\u{201d} ({})", e.sentence, e.section)?;
                    }
                }
                writeln!(out, "\nreferences ({}):", references.len())?;
                for r in &references {
                    writeln!(out, "  [{}] {}", r.label.clone().unwrap_or_else(|| (r.position + 1).to_string()), r.raw)?;
                }
            }
        }
        Ok(Exit::Ok)
    }

    fn dataset(&self, catalog: &Catalog, name: &str) -> anyhow::Result<Exit> {
        let Some((id, canonical)) = catalog.find_dataset(name)? else {
            return Err(super::suggest::unknown_dataset(catalog, name)?.into());
        };
        let all = catalog.datasets(true, None)?;
        let row = all.iter().find(|d| d.id == id).cloned().unwrap_or_default();
        let members: Vec<String> =
            all.iter().filter(|d| d.family.as_deref() == Some(canonical.as_str())).map(|d| d.name.clone()).collect();
        let citations = catalog.dataset_citations(id)?;
        let papers = catalog.papers_using(&[id], None, None)?;
        let mut out = std::io::stdout().lock();
        match self.output.format() {
            OutputFormat::Json | OutputFormat::Jsonl => {
                let v = json!({
                    "id": id, "name": canonical, "aliases": row.aliases, "family": row.family,
                    "version": row.version, "members": members,
                    "canonical_citation": citations.first(), "citations": citations, "papers": papers,
                });
                write_json(&mut out, &v, self.output.format())?;
            }
            OutputFormat::Csv | OutputFormat::Tsv => {
                write_rows(&self.output, &mut out, &papers)?;
            }
            OutputFormat::Table => {
                writeln!(out, "dataset {id}: {canonical}")?;
                writeln!(out, "aliases: {}", row.aliases.join("; "))?;
                if let Some(f) = &row.family {
                    writeln!(
                        out,
                        "family: {f}{}",
                        row.version.as_deref().map(|v| format!(" (version {v})")).unwrap_or_default()
                    )?;
                }
                if !members.is_empty() {
                    writeln!(out, "versions and members: {}", members.join("; "))?;
                }
                writeln!(out, "\ncitations ({}):", citations.len())?;
                for (i, c) in citations.iter().enumerate() {
                    let mark = if i == 0 { "canonical" } else { "other" };
                    writeln!(
                        out,
                        "  [{mark}] citation {}: {} ({}), cited by {}",
                        c.citation_id,
                        c.title.as_deref().unwrap_or("?"),
                        c.year.map(|y| y.to_string()).unwrap_or_else(|| "?".into()),
                        counted(c.papers, "paper", "papers")
                    )?;
                }
                writeln!(out, "\npapers ({}):", papers.len())?;
                for p in &papers {
                    writeln!(out, "  paper {} [{}] {}", p.paper_id, p.role, p.title.as_deref().unwrap_or(&p.source))?;
                    writeln!(out, "    cites: {}", p.citation.as_deref().unwrap_or("(no reference entry)"))?;
                }
            }
        }
        Ok(Exit::Ok)
    }
}

fn write_json(out: &mut dyn Write, v: &serde_json::Value, format: OutputFormat) -> std::io::Result<()> {
    if format == OutputFormat::Json {
        serde_json::to_writer_pretty(&mut *out, v)?;
    } else {
        serde_json::to_writer(&mut *out, v)?;
    }
    writeln!(out)
}
