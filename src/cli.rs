//! Command-line interface: no subcommand opens the window; the subcommands serve the Sandbox and
//! check GSTINs for support staff.

use std::net::SocketAddr;
use std::process::ExitCode;
use std::time::Duration;

use clap::{Parser, Subcommand, ValueEnum};

use crate::domain::gstin;
use crate::sandbox::faults::{DEFAULT_FAULT_COUNT, DEFAULT_FAULT_DELAY, Fault};
use crate::sandbox::store::{ApprovalMode, StoreOptions};
use crate::sandbox::{self, DEFAULT_ADDR, DEFAULT_TOKEN, SandboxConfig};

#[derive(Debug, Parser)]
#[command(
    name = "sourcehub-desk",
    version,
    about = "Create and review Sourcehub customers. With no subcommand, opens the window."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run the stand-in Sourcehub server (the Sandbox) in the foreground until Ctrl+C.
    Sandbox(SandboxArgs),
    /// Check GSTINs: one line per value, exit status 0 only if all are valid.
    Gstin(GstinArgs),
    /// Test whether an API key works: exit 0 connected, 2 key problem, 3 network or server problem.
    Check(crate::check::CheckArgs),
}

#[derive(Debug, clap::Args)]
pub struct SandboxArgs {
    /// Address to listen on; 127.0.0.1:0 picks a free port (the printed line shows it).
    #[arg(long, default_value = DEFAULT_ADDR)]
    pub addr: SocketAddr,
    /// The API key clients must send as `Authorization: Bearer TOKEN`.
    #[arg(long, default_value = DEFAULT_TOKEN)]
    pub token: String,
    /// How new customers are approved: by-gst (accepted when Registered, else pending),
    /// accepted, pending, rejected, or auto (pending, then after --approval-delay accepted,
    /// or rejected when the number does not look like a mobile).
    #[arg(long, value_enum, default_value_t = ApprovalArg::ByGst)]
    pub approval: ApprovalArg,
    /// Seconds an auto-approved customer stays pending.
    #[arg(long, default_value_t = 5)]
    pub approval_delay: u64,
    /// Store an empty GSTIN whatever was sent, as the documented sample response does.
    #[arg(long)]
    pub drop_gstin: bool,
    /// Misbehave on purpose, to see how a client copes. Every fault applies to every endpoint
    /// except slow-create, which slows only POST /customers/create; only slow-create stores a
    /// customer, a create under any other fault never does.
    #[arg(long, value_enum, value_name = "MODE")]
    pub fault: Option<Fault>,
    /// With --fault rate-limit: how many requests get HTTP 429 (Retry-After: 1) before the
    /// Sandbox answers normally.
    #[arg(long, value_name = "N", default_value_t = DEFAULT_FAULT_COUNT)]
    pub fault_count: u32,
    /// With --fault slow-create: seconds to hold the answer to a stored create.
    #[arg(long, value_name = "SECS", default_value_t = DEFAULT_FAULT_DELAY.as_secs())]
    pub fault_delay: u64,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ApprovalArg {
    ByGst,
    Accepted,
    Pending,
    Rejected,
    Auto,
}

impl From<ApprovalArg> for ApprovalMode {
    fn from(a: ApprovalArg) -> Self {
        match a {
            ApprovalArg::ByGst => ApprovalMode::ByGst,
            ApprovalArg::Accepted => ApprovalMode::Accepted,
            ApprovalArg::Pending => ApprovalMode::Pending,
            ApprovalArg::Rejected => ApprovalMode::Rejected,
            ApprovalArg::Auto => ApprovalMode::Auto,
        }
    }
}

#[derive(Debug, clap::Args)]
pub struct GstinArgs {
    /// One or more GSTINs (quote values that contain spaces).
    #[arg(required = true)]
    pub values: Vec<String>,
    /// Print one JSON object per value instead of tab-separated lines.
    #[arg(long)]
    pub json: bool,
}

pub fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        None => {
            crate::ui::run_window()
                .map_err(|e| anyhow::anyhow!("the window could not open: {e}"))?;
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Sandbox(args)) => {
            sandbox::run_foreground(SandboxConfig {
                addr: args.addr,
                token: args.token,
                options: StoreOptions {
                    approval: args.approval.into(),
                    approval_delay: Duration::from_secs(args.approval_delay),
                    drop_gstin: args.drop_gstin,
                    data_limit: None,
                },
                fault: args.fault,
                fault_count: args.fault_count,
                fault_delay: Duration::from_secs(args.fault_delay),
            })?;
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Gstin(args)) => Ok(gstin_command(&args)),
        Some(Command::Check(args)) => Ok(ExitCode::from(crate::check::run(&args))),
    }
}

fn gstin_command(args: &GstinArgs) -> ExitCode {
    let mut all_valid = true;
    for value in &args.values {
        if args.json {
            let v = gstin::cli_json(value);
            all_valid &= v.get("valid").and_then(|b| b.as_bool()).unwrap_or(false);
            println!("{v}");
        } else {
            let (valid, line) = gstin::cli_line(value);
            all_valid &= valid;
            println!("{line}");
        }
    }
    if all_valid {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sandbox_flags_parse_in_all_spellings() {
        let cli = Cli::try_parse_from(["sourcehub-desk", "sandbox", "--addr", "127.0.0.1:0"])
            .expect("parses");
        match cli.command {
            Some(Command::Sandbox(a)) => {
                assert_eq!(a.addr.port(), 0);
                assert_eq!(a.token, "sandbox");
            }
            other => panic!("unexpected {other:?}"),
        }
        let cli = Cli::try_parse_from([
            "sourcehub-desk",
            "sandbox",
            "--token=abc",
            "--addr=127.0.0.1:9000",
        ])
        .expect("parses");
        assert!(
            matches!(cli.command, Some(Command::Sandbox(SandboxArgs { ref token, .. })) if token == "abc")
        );
        assert!(Cli::try_parse_from(["sourcehub-desk", "sandbox", "--addr", "nonsense"]).is_err());
        let cli = Cli::try_parse_from(["sourcehub-desk"]).expect("parses");
        assert!(cli.command.is_none());
    }

    #[test]
    fn fault_flags_parse() {
        for f in Fault::ALL {
            let cli = Cli::try_parse_from(["sourcehub-desk", "sandbox", "--fault", f.name()])
                .expect("parses");
            assert!(
                matches!(cli.command, Some(Command::Sandbox(ref a)) if a.fault == Some(f)),
                "{f}"
            );
        }
        let cli = Cli::try_parse_from([
            "sourcehub-desk",
            "sandbox",
            "--fault=rate-limit",
            "--fault-count",
            "5",
        ])
        .expect("parses");
        assert!(matches!(
            cli.command,
            Some(Command::Sandbox(SandboxArgs {
                fault: Some(Fault::RateLimit),
                fault_count: 5,
                fault_delay: 30,
                ..
            }))
        ));
        assert!(Cli::try_parse_from(["sourcehub-desk", "sandbox", "--fault", "gremlins"]).is_err());
    }

    #[test]
    fn gstin_needs_a_value() {
        assert!(Cli::try_parse_from(["sourcehub-desk", "gstin"]).is_err());
        let cli =
            Cli::try_parse_from(["sourcehub-desk", "gstin", "--json", "a", "b"]).expect("parses");
        assert!(
            matches!(cli.command, Some(Command::Gstin(GstinArgs { json: true, ref values })) if values.len() == 2)
        );
    }
}
