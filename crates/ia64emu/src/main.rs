//! `ia64emu`: the command-line front end.
//!
//! Subcommands: `disasm FILE` (objdump-style listing).  Host-side errors are
//! one line on stderr and a non-zero exit status, never a panic backtrace.

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
    /// Run a guest program (not available yet: see the README status table).
    Run {
        /// The guest ELF program.
        program: PathBuf,
        /// Arguments passed to the guest.
        #[arg(trailing_var_arg = true, allow_hyphen_values = true)]
        args: Vec<String>,
    },
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
    let result = match &cli.command {
        Command::Disasm { file } => disasm(file),
        Command::Run { program, .. } => Err(anyhow::anyhow!(
            "{}: running guest programs is not implemented yet (CPU core and kernel are open issues)",
            program.display()
        )),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("ia64emu: {e:#}");
            ExitCode::FAILURE
        }
    }
}
