//! The citekb binary: parses arguments, runs the command, and maps errors to exit codes.

use std::process::ExitCode;

use citekb::cli::{self, Cli, Exit};
use clap::Parser;

fn main() -> ExitCode {
    // A panic inside a stage is caught and reported as one line by the pipeline; anywhere else
    // it is a bug, reported on one line too, without a backtrace.
    std::panic::set_hook(Box::new(|info| {
        // `println!` panics when the reader of stdout has gone (`citekb papers | head`): that is
        // the end of the output, not an error.
        let message = info.payload().downcast_ref::<String>().map(String::as_str).unwrap_or_default();
        if message.contains("failed printing to stdout") && message.contains("Broken pipe") {
            std::process::exit(0);
        }
        if !citekb::pipeline::is_catching() {
            eprintln!("citekb: internal error: {info}; please report it");
        }
    }));
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
