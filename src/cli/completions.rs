//! `citekb completions`: a shell's completion script, generated from the command definitions.

use clap::{Args, CommandFactory};
use clap_complete::Shell;

use super::{Cli, Exit};

/// Print the completion script for a shell, to be sourced by it.
///
/// Examples:
///   citekb completions bash > ~/.local/share/bash-completion/completions/citekb
///   citekb completions zsh > ~/.zfunc/_citekb
///   citekb completions fish > ~/.config/fish/completions/citekb.fish
#[derive(Debug, Args)]
#[command(verbatim_doc_comment)]
pub struct CompletionsArgs {
    /// The shell
    #[arg(value_enum)]
    pub shell: Shell,
}

impl CompletionsArgs {
    pub fn run(&self) -> anyhow::Result<Exit> {
        let mut command = Cli::command();
        let mut script = Vec::new();
        clap_complete::generate(self.shell, &mut command, "citekb", &mut script);
        std::io::Write::write_all(&mut std::io::stdout().lock(), &script)?;
        Ok(Exit::Ok)
    }
}
