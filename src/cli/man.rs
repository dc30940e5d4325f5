//! `citekb man`: the manual pages, generated from the command definitions.

use std::path::PathBuf;

use anyhow::Context;
use clap::{Args, CommandFactory};

use super::{Cli, Exit};

/// Print the manual page (roff) of citekb, or write one page per command into a folder.
///
/// Examples:
///   citekb man | man -l -
///   citekb man --dir ~/.local/share/man/man1
#[derive(Debug, Args)]
#[command(verbatim_doc_comment)]
pub struct ManArgs {
    /// Write citekb.1 and a citekb-COMMAND.1 for each command into this folder instead
    #[arg(long, value_name = "DIR")]
    pub dir: Option<PathBuf>,
}

impl ManArgs {
    pub fn run(&self) -> anyhow::Result<Exit> {
        let command = Cli::command();
        match &self.dir {
            None => {
                let mut page = Vec::new();
                clap_mangen::Man::new(command).render(&mut page)?;
                std::io::Write::write_all(&mut std::io::stdout().lock(), &page)?;
            }
            Some(dir) => {
                std::fs::create_dir_all(dir).with_context(|| format!("{}: cannot create the folder", dir.display()))?;
                clap_mangen::generate_to(command, dir)
                    .with_context(|| format!("{}: cannot write the pages", dir.display()))?;
            }
        }
        Ok(Exit::Ok)
    }
}
