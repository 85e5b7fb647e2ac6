//! `ia64emu`: the command-line front end.
//!
//! Subcommands: `run PROGRAM [ARGS...]` (run a guest program), `gdb --listen ADDR PROGRAM
//! [ARGS...]` (debug it with gdb-multiarch), `disasm FILE` (objdump-style listing). Host-side
//! errors are one line on stderr and a non-zero exit status, never a panic backtrace.

mod bench;
mod bench_coherence;
mod regs_json;
mod run;
mod trace;

use anyhow::{Context, Result};
use clap::{Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;

/// IA-64 full-system emulator.
#[derive(Parser)]
#[command(name = "ia64emu", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// List an ELF file's executable sections the way `objdump -d` does.
    Disasm {
        /// The ELF file.
        file: PathBuf,
    },
    /// Run a guest program; the exit status is the guest's (128 + signal when killed).
    Run(run::RunArgs),
    /// Wait for gdb-multiarch on an address and let it debug a guest program (the exit status
    /// is the guest's, as for `run`).
    Gdb(run::GdbArgs),
    /// Run a benchmark suite and print a table (`speed`: guest instructions per second).
    Bench(bench::BenchArgs),
}

fn disasm(file: &PathBuf) -> Result<()> {
    let data = std::fs::read(file).with_context(|| format!("cannot read {}", file.display()))?;
    let text = ia64_machine::elf::disassemble(&data, &file.display().to_string())
        .with_context(|| file.display().to_string())?;
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    // A closed pipe (e.g. `| head`) is not an error worth reporting.
    let _ = out.write_all(text.as_bytes());
    Ok(())
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .with_max_level(tracing::Level::WARN)
        .with_target(true)
        .without_time()
        .init();
    let result = match &cli.command {
        Command::Disasm { file } => disasm(file),
        Command::Bench(args) => bench::bench(args),
        Command::Run(args) => match run::run(args) {
            Ok(status) => return ExitCode::from(status),
            Err(e) => Err(e),
        },
        Command::Gdb(args) => match run::gdb(args) {
            Ok(status) => return ExitCode::from(status),
            Err(e) => Err(e),
        },
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("ia64emu: {e:#}");
            ExitCode::FAILURE
        }
    }
}
