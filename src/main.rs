//! The citekb binary: parses arguments, runs the command, and maps errors to exit codes.

use std::process::ExitCode;

use citekb::cli::{self, Cli, Exit};
use clap::Parser;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli::run(cli) {
        Ok(exit) => ExitCode::from(exit as u8),
        Err(e) => {
            // A closed pipe (`citekb papers | head`) is no error.
            if e.chain().any(|c| {
                c.downcast_ref::<std::io::Error>().is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
            }) {
                return ExitCode::SUCCESS;
            }
            let chain: Vec<String> = e.chain().map(|c| c.to_string()).collect();
            eprintln!("citekb: {}", chain.join(": "));
            ExitCode::from(Exit::Error as u8)
        }
    }
}
