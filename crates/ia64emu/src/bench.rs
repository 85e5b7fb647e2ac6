//! `ia64emu bench speed`: run the loop and recursion workloads end to end (ELF loading, the
//! syscall path and the memory system included) and print guest instructions per second and
//! the RSE counters. The workloads are embedded, so the command works from any directory.

use std::time::Instant;

use anyhow::{bail, Context, Result};
use clap::{Args, ValueEnum};
use ia64_cpu::exec::NoTrace;
use ia64_guest_kernel::kernel::{Config, Kernel, Outcome};
use ia64_machine::console::Console;
use ia64_machine::loader::ProcessSpec;

/// Which benchmark suite.
#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum Suite {
    /// Guest instructions per second on the loop and recursion workloads.
    Speed,
    /// RSE coherence policies × RSC modes on tracing workloads (table, JSON, SVG).
    Coherence,
}

/// Options of `ia64emu bench`.
#[derive(Args, Debug)]
pub struct BenchArgs {
    /// The suite to run.
    suite: Suite,
    /// Physical stacked registers.
    #[arg(long, value_name = "N", default_value_t = 96)]
    stacked_regs: usize,
    /// Options of the coherence suite.
    #[command(flatten)]
    coherence: crate::bench_coherence::CoherenceArgs,
}

struct Workload {
    name: &'static str,
    what: &'static str,
    elf: &'static [u8],
    stdout: &'static [u8],
}

const WORKLOADS: [Workload; 4] = [
    Workload {
        name: "cloop",
        what: "counted br.cloop loop",
        elf: include_bytes!("../../../test-programs/bin/bench-cloop"),
        stdout: include_bytes!("../../../test-programs/expected/bench-cloop.stdout"),
    },
    Workload {
        name: "alu",
        what: "ALU compare-and-branch loop",
        elf: include_bytes!("../../../test-programs/bin/bench-alu"),
        stdout: include_bytes!("../../../test-programs/expected/bench-alu.stdout"),
    },
    Workload {
        name: "ldst",
        what: "load/store loop",
        elf: include_bytes!("../../../test-programs/bin/bench-ldst"),
        stdout: include_bytes!("../../../test-programs/expected/bench-ldst.stdout"),
    },
    Workload {
        name: "recursion",
        what: "recursion depth 10000, 21 stacked regs/frame",
        elf: include_bytes!("../../../test-programs/bin/bench-recursion"),
        stdout: include_bytes!("../../../test-programs/expected/bench-recursion.stdout"),
    },
];

/// Run the suite and print the table.
pub fn bench(a: &BenchArgs) -> Result<()> {
    match a.suite {
        Suite::Speed => speed(a.stacked_regs),
        Suite::Coherence => crate::bench_coherence::run(&a.coherence, a.stacked_regs),
    }
}

fn speed(stacked_regs: usize) -> Result<()> {
    println!(
        "{:<10} {:>12} {:>8} {:>10} {:>10} {:>10}  workload",
        "name", "instructions", "seconds", "M insn/s", "spills", "fills"
    );
    for w in &WORKLOADS {
        let config = Config {
            stacked_regs,
            ..Config::default()
        };
        let spec = ProcessSpec::new([format!("bench-{}", w.name)]);
        let mut k = Kernel::new(w.elf, &spec, config, Console::capture())
            .with_context(|| w.name.to_string())?;
        let start = Instant::now();
        let r = k.run(&mut NoTrace).with_context(|| w.name.to_string())?;
        let secs = start.elapsed().as_secs_f64();
        if r.outcome != Outcome::Exited(0) || k.console.stdout() != w.stdout {
            bail!(
                "bench {}: wrong result (outcome {:?}, stdout {:?})",
                w.name,
                r.outcome,
                String::from_utf8_lossy(k.console.stdout())
            );
        }
        let tot = k.totals();
        let t = tot.rse.total();
        println!(
            "{:<10} {:>12} {:>8.3} {:>10.1} {:>10} {:>10}  {}",
            w.name,
            tot.instructions,
            secs,
            tot.instructions as f64 / secs.max(1e-9) / 1e6,
            t.spills,
            t.fills,
            w.what
        );
    }
    Ok(())
}
