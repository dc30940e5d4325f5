//! The citekb binary: parses arguments, runs the command, and maps errors to exit codes.

use std::process::ExitCode;

use citekb::cli::{self, Cli};
use clap::Parser;

fn main() -> ExitCode {
    // A panic inside a stage is caught and reported as one line by the pipeline; anywhere else
    // it is a bug, reported on one line too, without a backtrace.
    std::panic::set_hook(Box::new(|info| {
        if !citekb::pipeline::is_catching() {
            eprintln!("citekb: internal error: {info}; please report it");
        }
    }));
    let result = if std::env::args_os().nth(1).is_some_and(|a| a == cli::PDF_TEXT) {
        cli::pdf_text()
    } else {
        cli::run(Cli::parse())
    };
    let exit = match result {
        Ok(exit) => exit,
        Err(e) => cli::fail(&e),
    };
    ExitCode::from(exit as u8)
}
