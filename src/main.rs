use std::process::ExitCode;

use clap::Parser;
use sourcehub_desk::cli::{Cli, run};

fn main() -> ExitCode {
    env_logger::Builder::from_env(env_logger::Env::default().default_filter_or("warn")).init();
    match run(Cli::parse()) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("sourcehub-desk: {e:#}");
            ExitCode::from(1)
        }
    }
}
