//! `ia64emu run`: load a program into the guest kernel, run it, report.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::PathBuf;
use std::time::Instant;

use anyhow::{Context, Result};
use clap::Args;
use ia64_cpu::exec::NoTrace;
use ia64_guest_kernel::coherence::RseSync;
use ia64_guest_kernel::kernel::{Config, Kernel, Outcome, RunResult};
use ia64_guest_kernel::signal;
use ia64_machine::console::Console;
use ia64_machine::loader::ProcessSpec;
use ia64_machine::symbols::Symbolizer;

use crate::regs_json;
use crate::trace::TraceSink;

/// Options of `ia64emu run`.
#[derive(Args, Debug)]
pub struct RunArgs {
    /// Print counters to stderr when the guest ends.
    #[arg(long)]
    stats: bool,
    /// Write the counters as JSON to FILE.
    #[arg(long, value_name = "FILE")]
    stats_json: Option<PathBuf>,
    /// Write one line per executed slot to FILE.
    #[arg(long, value_name = "FILE")]
    trace: Option<PathBuf>,
    /// Write the final architectural state as JSON to FILE.
    #[arg(long, value_name = "FILE")]
    regs_json: Option<PathBuf>,
    /// Physical stacked registers (multiple of 8, at least 96).
    #[arg(long, value_name = "N", default_value_t = 96)]
    stacked_regs: usize,
    /// Number of vCPUs.
    #[arg(long, value_name = "N", default_value_t = 1)]
    cpus: usize,
    /// Kill the guest with SIGXCPU after N instructions.
    #[arg(long, value_name = "N")]
    max_insns: Option<u64>,
    /// Print every syscall, signal and exit of every task to stderr (a tracing engine that
    /// never stops the guest).
    #[arg(long)]
    strace: bool,
    /// Count syscalls and errors per syscall (a filtered tracing engine) and print the table
    /// to stderr at the end.
    #[arg(long)]
    count_syscalls: bool,
    /// How a stopped task's stacked registers reach its user backing store for debuggers:
    /// none, eager (every stop) or lazy (TIF_RESTORE_RSE, at most once per kernel entry).
    #[arg(long, value_name = "POLICY", default_value = "lazy", value_parser = parse_rse_sync)]
    rse_sync: RseSync,
    /// Before running, wait for gdb-multiarch on ADDR (host:port; port 0 picks a free one) and
    /// let it debug the program (prints "listening on ADDR" to stderr).
    #[arg(long, value_name = "ADDR")]
    gdb: Option<String>,
    /// The guest ELF program.
    program: PathBuf,
    /// Arguments passed to the guest.
    #[arg(trailing_var_arg = true, allow_hyphen_values = true)]
    args: Vec<String>,
}

/// Run the guest; returns the host exit status.
pub fn run(a: &RunArgs) -> Result<u8> {
    let elf = std::fs::read(&a.program)
        .with_context(|| format!("cannot read {}", a.program.display()))?;
    let name = a.program.display().to_string();
    let mut argv = vec![name.clone()];
    argv.extend(a.args.iter().cloned());
    let spec = ProcessSpec::new(argv);
    let config = Config {
        stacked_regs: a.stacked_regs,
        max_insns: a.max_insns,
        cpus: a.cpus,
        strace: a.strace,
        count_syscalls: a.count_syscalls,
        rse_sync: a.rse_sync,
        ..Config::default()
    };
    let mut kernel =
        Kernel::new(&elf, &spec, config, Console::host()).with_context(|| name.clone())?;
    if let Some(addr) = &a.gdb {
        kernel = gdb_session(kernel, addr, &a.program).with_context(|| name.clone())?;
    }
    let symbols = Symbolizer::from_elf(&elf).unwrap_or_default();
    let start = Instant::now();
    let result = match &a.trace {
        Some(path) => {
            let f =
                File::create(path).with_context(|| format!("cannot create {}", path.display()))?;
            let mut sink = TraceSink::new(BufWriter::new(f), symbols.clone());
            let r = kernel.run(&mut sink);
            sink.finish()
                .with_context(|| format!("cannot write {}", path.display()))?;
            r
        }
        None => kernel.run(&mut NoTrace),
    }
    .with_context(|| name.clone())?;
    let elapsed = start.elapsed().as_secs_f64();
    let _ = std::io::stdout().flush();
    report_outcome(&result, &symbols);
    if let Some(path) = &a.regs_json {
        std::fs::write(path, regs_json::render(&result.final_state))
            .with_context(|| format!("cannot write {}", path.display()))?;
    }
    if a.count_syscalls {
        eprint!(
            "{}",
            ia64_guest_kernel::strace::count_table(&kernel.trace_engines.counts)
        );
    }
    if a.stats {
        eprint!("{}", stats_text(&kernel, &result, elapsed));
    }
    if let Some(path) = &a.stats_json {
        std::fs::write(path, stats_json(&kernel, &result))
            .with_context(|| format!("cannot write {}", path.display()))?;
    }
    Ok((result.outcome.status() & 0xff) as u8)
}

/// Options of `ia64emu gdb`.
#[derive(Args, Debug)]
pub struct GdbArgs {
    /// Wait for gdb-multiarch on ADDR (host:port; port 0 picks a free one); prints
    /// "listening on ADDR" to stderr.
    #[arg(long, value_name = "ADDR")]
    listen: String,
    /// Physical stacked registers (multiple of 8, at least 96).
    #[arg(long, value_name = "N", default_value_t = 96)]
    stacked_regs: usize,
    /// Number of vCPUs.
    #[arg(long, value_name = "N", default_value_t = 1)]
    cpus: usize,
    /// How a stopped task's stacked registers reach its user backing store: none, eager or
    /// lazy.
    #[arg(long, value_name = "POLICY", default_value = "lazy", value_parser = parse_rse_sync)]
    rse_sync: RseSync,
    /// The guest ELF program.
    program: PathBuf,
    /// Arguments passed to the guest.
    #[arg(trailing_var_arg = true, allow_hyphen_values = true)]
    args: Vec<String>,
}

/// `ia64emu gdb`: `ia64emu run --gdb ADDR` with the options that matter to a debugger.
pub fn gdb(a: &GdbArgs) -> Result<u8> {
    run(&RunArgs {
        stats: false,
        stats_json: None,
        trace: None,
        regs_json: None,
        stacked_regs: a.stacked_regs,
        cpus: a.cpus,
        max_insns: None,
        strace: false,
        count_syscalls: false,
        rse_sync: a.rse_sync,
        gdb: Some(a.listen.clone()),
        program: a.program.clone(),
        args: a.args.clone(),
    })
}

/// Serve one gdb session on `addr` for the program loaded in `kernel`, which stops before its
/// first instruction. Returns the kernel: after a detach (or a lost connection) the program
/// runs on from where gdb left it; after an exit or a kill its outcome is already there.
fn gdb_session(kernel: Kernel, addr: &str, program: &std::path::Path) -> Result<Kernel> {
    let exec = std::fs::canonicalize(program)
        .ok()
        .map(|p| p.display().to_string());
    let mut backend = ia64_gdbstub::KernelBackend::new(kernel, exec)?;
    let listener =
        std::net::TcpListener::bind(addr).with_context(|| format!("cannot listen on {addr}"))?;
    let local = listener
        .local_addr()
        .with_context(|| format!("cannot listen on {addr}"))?;
    eprintln!("listening on {local}");
    let (conn, _) = listener
        .accept()
        .with_context(|| format!("no gdb connection on {local}"))?;
    let outcome = ia64_gdbstub::serve(&mut backend, conn)?;
    tracing::info!(target: "gdb", ?outcome, "gdb session ended");
    if let Some(e) = backend.error.take() {
        return Err(e.into());
    }
    Ok(backend.kernel)
}

fn parse_rse_sync(s: &str) -> Result<RseSync, String> {
    RseSync::parse(s).ok_or_else(|| format!("unknown policy {s:?}: none, eager or lazy"))
}

/// One line on stderr when the guest was killed.
fn report_outcome(r: &RunResult, symbols: &Symbolizer) {
    if let Outcome::Killed {
        signal: sig,
        fault,
        ip,
        slot,
    } = &r.outcome
    {
        let at = symbols
            .symbolize(ip + u64::from(*slot))
            .map(|s| format!(" ({s})"))
            .unwrap_or_default();
        let what = match fault {
            Some(f) => {
                let addr = f
                    .info()
                    .ifa
                    .map(|a| format!(", address {a:#x}"))
                    .unwrap_or_default();
                format!("{} at {ip:#x} slot {slot}{at}{addr}", f.name())
            }
            None if *sig == signal::sig::SIGXCPU => {
                format!("instruction limit reached at {ip:#x} slot {slot}{at}")
            }
            // A signal sent by a task, or gdb's kill: no instruction to name.
            None => {
                eprintln!("ia64emu: guest killed by {}", signal::name(*sig));
                return;
            }
        };
        eprintln!("ia64emu: guest killed by {}: {what}", signal::name(*sig));
    }
}

fn stats_text(k: &Kernel, r: &RunResult, secs: f64) -> String {
    let tot = k.totals();
    let c = &tot.rse;
    let mut s = String::new();
    s += &format!(
        "ia64emu: exit status {}, {} instructions, {} bundles, {} taken branches\n",
        r.outcome.status(),
        tot.instructions,
        tot.bundles,
        tot.taken_branches
    );
    s += &format!(
        "ia64emu: {} syscalls, {} timer interrupts, {} kernel entries, {} bundles decoded, {} code invalidations\n",
        k.stats.syscalls,
        k.stats.timer_interrupts,
        k.stats.entries,
        tot.decoded,
        tot.invalidations
    );
    for (name, t) in [
        ("mandatory", c.mandatory),
        ("eager", c.eager),
        ("flushrs", c.flushrs),
        ("loadrs", c.loadrs),
    ] {
        s += &format!(
            "ia64emu: rse {name:<9} spills {} fills {} nat-written {} nat-read {} bytes-stored {} bytes-loaded {}\n",
            t.spills, t.fills, t.nat_written, t.nat_read, t.bytes_stored, t.bytes_loaded
        );
    }
    for (i, c) in k.sched.stats.iter().enumerate() {
        s += &format!(
            "ia64emu: cpu {i} instructions {} idle {} switches {} preemptions {} migrations-in {} timer-interrupts {}\n",
            c.instructions, c.idle, c.switches, c.preemptions, c.migrations_in, c.timer_interrupts
        );
    }
    for (tid, t) in k.task_stats() {
        s += &format!(
            "ia64emu: task {tid} instructions {} syscalls {} switches {} preemptions {} migrations {} signals {} krbs-flushed {} krbs-reloaded {}\n",
            t.instructions,
            t.syscalls,
            t.switches,
            t.preemptions,
            t.migrations,
            t.signals_delivered,
            t.krbs_flushed,
            t.krbs_reloaded
        );
    }
    let co = &k.stats.coherence;
    s += &format!(
        "ia64emu: coherence ({}) stops {} write-backs {} reloads {} bytes-written {} bytes-reloaded {} write-backs-avoided {}\n",
        k.rse_sync().name(),
        co.stops,
        co.writebacks,
        co.reloads,
        co.bytes_written,
        co.bytes_reloaded,
        co.avoided
    );
    s += &tracing_text(k);
    let mips = if secs > 0.0 {
        tot.instructions as f64 / secs / 1e6
    } else {
        0.0
    };
    s += &format!("ia64emu: {secs:.3} s host time, {mips:.1} M instructions/s\n");
    s
}

/// Whether the run used any tracing facility (its counters are then reported).
fn traced(k: &Kernel) -> bool {
    k.stats.engine_callbacks > 0 || k.stats.ptrace.requests > 0 || k.stats.proc_mem_opens > 0
}

fn tracing_text(k: &Kernel) -> String {
    if !traced(k) {
        return String::new();
    }
    let e = &k.trace_engines;
    let mut s = format!(
        "ia64emu: tracing engine-callbacks {} trace-stops {} ptrace-requests {} ptrace-stops-reported {} proc-mem-opens {} proc-mem-bytes {}\n",
        k.stats.engine_callbacks,
        k.stats.trace_stops,
        k.stats.ptrace.requests,
        k.stats.ptrace.stops_reported,
        k.stats.proc_mem_opens,
        k.stats.proc_mem_bytes
    );
    for (i, name) in ["strace", "count-syscalls"].into_iter().enumerate() {
        if e.events[i] > 0 {
            s += &format!(
                "ia64emu: engine {name} events {} host-ns {} ns/event {:.0}\n",
                e.events[i],
                e.host_ns[i],
                e.host_ns[i] as f64 / e.events[i] as f64
            );
        }
    }
    s
}

fn tracing_json(k: &Kernel) -> String {
    if !traced(k) {
        return String::new();
    }
    let e = &k.trace_engines;
    format!(
        ",\n  \"tracing\": {{\"engine_callbacks\": {}, \"trace_stops\": {}, \"ptrace_requests\": {}, \"ptrace_stops_reported\": {}, \"proc_mem_opens\": {}, \"proc_mem_bytes\": {}, \"strace_events\": {}, \"count_events\": {}}}",
        k.stats.engine_callbacks,
        k.stats.trace_stops,
        k.stats.ptrace.requests,
        k.stats.ptrace.stops_reported,
        k.stats.proc_mem_opens,
        k.stats.proc_mem_bytes,
        e.events[0],
        e.events[1]
    )
}

fn coherence_json(k: &Kernel) -> String {
    let co = &k.stats.coherence;
    format!(
        "{{\"policy\": \"{}\", \"stops\": {}, \"writebacks\": {}, \"reloads\": {}, \"bytes_written\": {}, \"bytes_reloaded\": {}, \"writebacks_avoided\": {}}}",
        k.rse_sync().name(),
        co.stops,
        co.writebacks,
        co.reloads,
        co.bytes_written,
        co.bytes_reloaded,
        co.avoided
    )
}

fn stats_json(k: &Kernel, r: &RunResult) -> String {
    let tot = k.totals();
    let c = &tot.rse;
    let traffic = |t: ia64_cpu::rse::Traffic| {
        format!(
            "{{\"spills\": {}, \"fills\": {}, \"nat_written\": {}, \"nat_read\": {}, \"bytes_stored\": {}, \"bytes_loaded\": {}}}",
            t.spills, t.fills, t.nat_written, t.nat_read, t.bytes_stored, t.bytes_loaded
        )
    };
    let cpus: Vec<String> = k
        .sched
        .stats
        .iter()
        .map(|c| {
            format!(
                "{{\"instructions\": {}, \"idle\": {}, \"switches\": {}, \"preemptions\": {}, \"migrations_in\": {}, \"timer_interrupts\": {}}}",
                c.instructions, c.idle, c.switches, c.preemptions, c.migrations_in, c.timer_interrupts
            )
        })
        .collect();
    let tasks: Vec<String> = k
        .task_stats()
        .iter()
        .map(|(tid, t)| {
            format!(
                "{{\"tid\": {tid}, \"instructions\": {}, \"syscalls\": {}, \"switches\": {}, \"preemptions\": {}, \"migrations\": {}, \"signals_delivered\": {}, \"krbs_bytes_flushed\": {}, \"krbs_bytes_reloaded\": {}}}",
                t.instructions,
                t.syscalls,
                t.switches,
                t.preemptions,
                t.migrations,
                t.signals_delivered,
                t.krbs_flushed,
                t.krbs_reloaded
            )
        })
        .collect();
    format!(
        "{{\n  \"exit_status\": {},\n  \"instructions\": {},\n  \"bundles\": {},\n  \"taken_branches\": {},\n  \"syscalls\": {},\n  \"timer_interrupts\": {},\n  \"kernel_entries\": {},\n  \"decoded_bundles\": {},\n  \"code_invalidations\": {},\n  \"rse\": {{\"mandatory\": {}, \"eager\": {}, \"flushrs\": {}, \"loadrs\": {}}},\n  \"cpus\": [{}],\n  \"tasks\": [{}],\n  \"coherence\": {}{}\n}}\n",
        r.outcome.status(),
        tot.instructions,
        tot.bundles,
        tot.taken_branches,
        k.stats.syscalls,
        k.stats.timer_interrupts,
        k.stats.entries,
        tot.decoded,
        tot.invalidations,
        traffic(c.mandatory),
        traffic(c.eager),
        traffic(c.flushrs),
        traffic(c.loadrs),
        cpus.join(", "),
        tasks.join(", "),
        coherence_json(k),
        tracing_json(k)
    )
}
