//! The command-line interface: argument parsing, the catalog's location, and exit codes.
//!
//! clap derive, one file per subcommand; `main.rs` only calls [`run`] and [`fail`].

mod alias;
mod check;
mod completions;
mod datasets;
mod export;
mod extract;
mod ingest;
mod load;
mod log;
mod man;
mod merge;
pub mod output;
mod papers;
mod registry;
mod rename;
pub mod report;
mod separate;
mod show;
mod split;
mod stats;
mod suggest;

use std::path::PathBuf;

use clap::{Parser, Subcommand};

use crate::{Catalog, ErrorKind};

/// Exit codes: 0 ok, 1 nothing found (a query with no rows, a dataset, paper or citation the
/// catalog does not know), 2 an error (bad arguments, a file that failed, a catalog
/// that cannot be opened).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    Ok = 0,
    NothingFound = 1,
    Error = 2,
}

/// citekb: which datasets research papers use, and how they cite them.
///
/// Ingest papers into a catalog (one SQLite file), then ask which papers use a dataset, which
/// datasets a paper uses and how it cites them, and export CSV reports.
#[derive(Debug, Parser)]
#[command(name = "citekb", version, about, long_about, after_help = EXAMPLES)]
pub struct Cli {
    /// The catalog file [default: $CITEKB_DB, else $XDG_DATA_HOME/citekb/catalog.db, else ~/.local/share/citekb/catalog.db]; extract, completions and man use none and refuse it
    #[arg(long, global = true, value_name = "PATH")]
    pub db: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Command,
}

const EXAMPLES: &str = "Examples:
  citekb ingest papers/                      ingest a folder, recursively
  citekb papers --dataset ImageNet           which papers name ImageNet, and its role in each
  citekb datasets --paper papers/bert.txt    one paper's datasets and the entries it cites for them
  citekb export usage -o usage.csv           the usage report as CSV";

#[derive(Debug, Subcommand)]
pub enum Command {
    Ingest(ingest::IngestArgs),
    Extract(extract::ExtractArgs),
    Load(load::LoadArgs),
    Papers(papers::PapersArgs),
    Datasets(datasets::DatasetsArgs),
    Show(show::ShowArgs),
    Export(export::ExportArgs),
    Check(check::CheckArgs),
    Merge(merge::MergeArgs),
    Split(split::SplitArgs),
    Alias(alias::AliasArgs),
    Rename(rename::RenameArgs),
    Separate(separate::SeparateArgs),
    Log(log::LogArgs),
    Registry(registry::RegistryArgs),
    Stats(stats::StatsArgs),
    Completions(completions::CompletionsArgs),
    Man(man::ManArgs),
}

/// The first argument that makes citekb the PDF reader's child process (text of the PDF on
/// standard input to standard output) instead of the command line: kept out of the commands, so
/// that no help, completion or man page offers it.
pub const PDF_TEXT: &str = "__pdf-text";

impl Exit {
    /// The exit code a library failure ends the run with. Every kind is an error (2), a
    /// missing paper or dataset included: a query that finds nothing says so itself and exits 1
    /// without failing. Matched whole, so that a new kind is a decision here.
    pub fn for_kind(kind: ErrorKind) -> Exit {
        match kind {
            ErrorKind::NotFound
            | ErrorKind::Invalid
            | ErrorKind::Unreadable
            | ErrorKind::TooLarge
            | ErrorKind::Timeout
            | ErrorKind::Catalog
            | ErrorKind::Output
            | ErrorKind::Internal => Exit::Error,
        }
    }
}

/// Ends a run that failed: the error on one line (its causes joined by ": ") and its exit code.
/// The one place a closed pipe is recognised: when the reader of standard output has gone
/// (`citekb papers | head`) the output is over, which is no error, and nothing is printed.
pub fn fail(e: &anyhow::Error) -> Exit {
    let closed_pipe = e.chain().any(|cause| {
        cause.downcast_ref::<std::io::Error>().is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    });
    if closed_pipe {
        return Exit::Ok;
    }
    if let Some(unknown) = e.downcast_ref::<suggest::Unknown>() {
        eprintln!("citekb: {unknown}");
        return if unknown.refused { Exit::Error } else { Exit::NothingFound };
    }
    let mut chain: Vec<String> = Vec::new();
    for cause in e.chain() {
        match storage_problem(cause) {
            Some(problem) => {
                chain.push(format!("{problem} (SQLite: {cause})"));
                break;
            }
            None => chain.push(cause.to_string()),
        }
    }
    eprintln!("citekb: {}", chain.join(": "));
    e.chain().find_map(|cause| cause.downcast_ref::<crate::Error>()).map_or(Exit::Error, |e| Exit::for_kind(e.kind()))
}

/// What a failed catalog write means to the user, for the SQLite failures that are about the
/// file and not about citekb: a full disk (or a file size limit) and a catalog that may not be
/// written. What was committed before stays: every write is a transaction.
fn storage_problem(cause: &(dyn std::error::Error + 'static)) -> Option<&'static str> {
    use rusqlite::ffi;
    let sqlite = match cause.downcast_ref::<crate::Error>() {
        Some(crate::Error::Sql(e) | crate::Error::Catalog { source: e, .. }) => Some(e),
        _ => cause.downcast_ref::<rusqlite::Error>(),
    };
    let failure = match sqlite {
        Some(rusqlite::Error::SqliteFailure(failure, _)) => failure,
        _ => cause.downcast_ref::<ffi::Error>()?,
    };
    match failure.extended_code {
        ffi::SQLITE_FULL | ffi::SQLITE_IOERR_WRITE | ffi::SQLITE_IOERR_FSYNC | ffi::SQLITE_IOERR_TRUNCATE => Some(
            "could not write the catalog: the disk is full or a file size limit was reached; what was stored before is kept",
        ),
        code if code & 0xff == ffi::SQLITE_READONLY => {
            Some("the catalog is read-only here (no permission to write it or its folder): this command writes to it")
        }
        _ => None,
    }
}

/// Parses the arguments, runs the command, and returns its exit code. Only the commands that add
/// to a catalog (`ingest`, `load`, `registry import`) create one; the others need it to exist.
pub fn run(cli: Cli) -> anyhow::Result<Exit> {
    if let (Some(_), Some(name)) = (&cli.db, cli.command.without_catalog()) {
        anyhow::bail!("--db: `citekb {name}` uses no catalog (ingest stores papers in one)");
    }
    let db = || catalog_path(cli.db.clone());
    let existing = || open_existing(&db()?);
    let to_read = || open_to_read(&db()?);
    match &cli.command {
        Command::Ingest(args) => args.run(&db()?),
        Command::Extract(args) => args.run(),
        Command::Load(args) => args.run(&mut open(&db()?)?),
        Command::Registry(args) if args.adds() => args.run(&mut open(&db()?)?),
        Command::Registry(args) => args.run(&mut existing()?),
        Command::Papers(args) => args.run(&to_read()?),
        Command::Datasets(args) => args.run(&to_read()?),
        Command::Show(args) => args.run(&to_read()?),
        Command::Export(args) => args.run(&to_read()?),
        Command::Check(args) => args.run(&mut existing()?),
        Command::Merge(args) => args.run(&mut existing()?),
        Command::Split(args) => args.run(&mut existing()?),
        Command::Alias(args) => args.run(&mut existing()?),
        Command::Rename(args) => args.run(&mut existing()?),
        Command::Separate(args) => args.run(&mut existing()?),
        Command::Log(args) => args.run(&to_read()?),
        Command::Stats(args) => args.run(&to_read()?),
        Command::Completions(args) => args.run(),
        Command::Man(args) => args.run(),
    }
}

impl Command {
    /// The name of a command that never opens a catalog, for which `--db` would do nothing.
    fn without_catalog(&self) -> Option<&'static str> {
        match self {
            Command::Extract(_) => Some("extract"),
            Command::Completions(_) => Some("completions"),
            Command::Man(_) => Some("man"),
            _ => None,
        }
    }
}

/// The child side of the PDF reader: bytes on stdin, page texts on stdout.
pub fn pdf_text() -> anyhow::Result<Exit> {
    use std::io::{Read, Write};
    let mut bytes = Vec::new();
    std::io::stdin().read_to_end(&mut bytes)?;
    match crate::read::pdf::extract_pages(&bytes) {
        Ok(text) => {
            std::io::stdout().write_all(text.as_bytes())?;
            Ok(Exit::Ok)
        }
        Err(reason) => {
            eprintln!("{reason}");
            Ok(Exit::Error)
        }
    }
}

/// Input limits from the command line; PDFs are read by a child process of this program.
fn limits(max_file_size: u64, timeout: u64, max_unpacked_size: u64) -> crate::read::Limits {
    crate::read::Limits {
        max_file_bytes: max_file_size,
        timeout: std::time::Duration::from_secs(timeout.max(1)),
        max_unpacked_bytes: max_unpacked_size,
        pdf_helper: std::env::current_exe().ok(),
    }
}

/// Where the catalog is: `--db`, else `CITEKB_DB`, else the user's data folder.
pub fn catalog_path(flag: Option<PathBuf>) -> anyhow::Result<PathBuf> {
    if let Some(p) = flag {
        return Ok(p);
    }
    if let Some(p) = std::env::var_os("CITEKB_DB").filter(|p| !p.is_empty()) {
        return Ok(PathBuf::from(p));
    }
    let data = std::env::var_os("XDG_DATA_HOME")
        .filter(|p| !p.is_empty())
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".local/share")));
    match data {
        Some(d) => Ok(d.join("citekb").join("catalog.db")),
        None => anyhow::bail!("no catalog location: pass --db PATH or set CITEKB_DB"),
    }
}

fn open(path: &std::path::Path) -> anyhow::Result<Catalog> {
    Ok(Catalog::open(&path.to_string_lossy())?)
}

/// Opens a catalog that is there already: a query on a mistyped path is refused, not answered
/// from a new, empty catalog left behind.
fn open_existing(path: &std::path::Path) -> anyhow::Result<Catalog> {
    refuse_missing(path)?;
    open(path)
}

/// Opens an existing catalog for a command that only reads it (read-only when it is up to date).
fn open_to_read(path: &std::path::Path) -> anyhow::Result<Catalog> {
    refuse_missing(path)?;
    let shown = path.to_string_lossy();
    Ok(Catalog::open_to_read(&shown)?)
}

/// A catalog that does not exist is refused: only the commands that add to one create it.
fn refuse_missing(path: &std::path::Path) -> anyhow::Result<()> {
    if !path.exists() {
        anyhow::bail!(
            "catalog {}: no such file (papers are added with `citekb ingest PATH...`; --db or CITEKB_DB names another catalog)",
            path.display()
        );
    }
    Ok(())
}

/// A dataset's id from any of its names, or an [`suggest::Unknown`] with the names nearest.
fn dataset_id(catalog: &Catalog, name: &str) -> anyhow::Result<i64> {
    match catalog.find_dataset(name)? {
        Some((id, _)) => Ok(id),
        None => Err(suggest::unknown_dataset(catalog, name)?.into()),
    }
}

/// A dataset's id for a curation command: an unknown name is refused (exit 2), with the names nearest.
fn curated_dataset_id(catalog: &Catalog, name: &str) -> anyhow::Result<i64> {
    match catalog.find_dataset(name)? {
        Some((id, _)) => Ok(id),
        None => Err(suggest::unknown_dataset(catalog, name)?.refused().into()),
    }
}

/// A citation's id for a curation command: an unknown one is refused (exit 2), with the titles nearest.
fn curated_citation_id(catalog: &Catalog, given: &str) -> anyhow::Result<i64> {
    match suggest::find_citation(catalog, given)? {
        Some(id) => Ok(id),
        None => Err(suggest::unknown_citation(catalog, given)?.refused().into()),
    }
}

/// A paper's id from its id, SHA-256 or a path, or an [`suggest::Unknown`] with the paths nearest.
fn paper_id(catalog: &Catalog, given: &str) -> anyhow::Result<i64> {
    match catalog.find_paper(given)? {
        Some(id) => Ok(id),
        None => Err(suggest::unknown_paper(catalog, given)?.into()),
    }
}

/// Exit code for a query: 1 when it found nothing.
fn found(empty: bool) -> Exit {
    if empty {
        Exit::NothingFound
    } else {
        Exit::Ok
    }
}
