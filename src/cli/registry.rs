//! `citekb registry`: import datasets from a catalog file, export the catalog's registry.

use std::io::Write;

use std::path::PathBuf;

use clap::{Args, Subcommand, ValueEnum};

use super::output::counted;
use super::Exit;
use crate::registry::{self, RegistryRow};
use crate::Catalog;

/// Import or export the dataset registry.
///
/// Examples:
///   citekb registry import pwc_datasets.jsonl
///   citekb registry import my-datasets.csv
///   citekb registry export -o registry.csv
#[derive(Debug, Args)]
#[command(verbatim_doc_comment)]
pub struct RegistryArgs {
    #[command(subcommand)]
    pub what: RegistryWhat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RegistryFormat {
    /// Papers with Code's datasets catalog, JSON Lines (id, variants, title)
    Pwc,
    /// citekb's own CSV (the columns of seeds/*.csv, plus domain)
    Csv,
}

#[derive(Debug, Subcommand)]
pub enum RegistryWhat {
    /// Add datasets and aliases from FILE; names the catalog already gives another dataset stay there
    Import {
        file: PathBuf,
        /// The file's format [default: from its name: .jsonl is pwc, else csv]
        #[arg(long, value_enum)]
        format: Option<RegistryFormat>,
    },
    /// Write the catalog's datasets (seeds, imports, curation, discoveries) as citekb CSV
    Export {
        /// Write to this file instead of standard output
        #[arg(short, long, value_name = "FILE")]
        output_file: Option<PathBuf>,
    },
}

impl RegistryArgs {
    /// Whether the command adds to the catalog (and so may create it).
    pub fn adds(&self) -> bool {
        matches!(self.what, RegistryWhat::Import { .. })
    }

    pub fn run(&self, catalog: &mut Catalog) -> anyhow::Result<Exit> {
        use anyhow::Context;
        match &self.what {
            RegistryWhat::Import { file, format } => {
                let text = std::fs::read_to_string(file).with_context(|| format!("{}", file.display()))?;
                let pwc = match format {
                    Some(f) => *f == RegistryFormat::Pwc,
                    None => file.extension().is_some_and(|e| e == "jsonl" || e == "json"),
                };
                let entries = if pwc {
                    let (entries, skipped) = registry::parse_pwc_jsonl(&text);
                    eprintln!(
                        "left out: {} leaderboard or qualified variants, {} variants that are datasets of their own, {} lines that are no record",
                        skipped.leaderboard_variants, skipped.member_datasets, skipped.bad_lines
                    );
                    entries
                } else {
                    registry::parse_csv(&file.display().to_string(), &text, None)?
                };
                let report = catalog.import_registry(&entries)?;
                writeln!(
                    std::io::stdout(),
                    "{}: {}, {} already known, {} added, {} left with the dataset that has them",
                    file.display(),
                    counted(report.new_datasets as i64, "new dataset", "new datasets"),
                    report.known_datasets,
                    counted(report.aliases_added as i64, "alias", "aliases"),
                    counted(report.aliases_taken as i64, "alias", "aliases")
                )?;
            }
            RegistryWhat::Export { output_file } => {
                let rows: Vec<RegistryRow> = catalog
                    .registry_entries()?
                    .into_iter()
                    .map(|(e, origin)| RegistryRow { origin: Some(origin), ..RegistryRow::from(&e) })
                    .collect();
                let write = |w: &mut dyn std::io::Write| -> std::io::Result<()> {
                    let mut csv = csv::Writer::from_writer(w);
                    for r in &rows {
                        csv.serialize(r).map_err(super::output::csv_io)?;
                    }
                    csv.flush()
                };
                match output_file {
                    Some(path) => super::export::write_atomically(path, |w| Ok(write(w)?))?,
                    None => write(&mut std::io::stdout().lock())?,
                }
            }
        }
        Ok(Exit::Ok)
    }
}
