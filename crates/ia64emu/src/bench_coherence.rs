//! `ia64emu bench coherence`: the RSE coherence policies (`none`, `eager`, `lazy`) compared on
//! tracing workloads, crossed with the two RSC modes the guest runs its register stack in
//! (enforced lazy, eager), through the host-side harness (`ia64_guest_kernel::harness`) driving
//! the embedded `test-programs/bin/coh-stack`.
//!
//! This module owns the workload list, the runs, the table printed on stdout, and the JSON and
//! SVG files (both hand-written: the JSON is flat, the SVG a grouped bar chart of bytes copied
//! per stop). Every column is deterministic except the host time per stop.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use clap::Args;
use ia64_guest_kernel::coherence::RseSync;
use ia64_guest_kernel::harness::{self, HarnessConfig, StopKind};
use ia64_guest_kernel::kernel::{Config, Outcome};

/// The guest program of every workload.
const ELF: &[u8] = include_bytes!("../../../test-programs/bin/coh-stack");

/// Options of `ia64emu bench coherence`.
#[derive(Args, Debug, Clone)]
pub struct CoherenceArgs {
    /// Where to write the results as JSON.
    #[arg(
        long,
        value_name = "FILE",
        default_value = "target/bench-coherence.json"
    )]
    pub json: PathBuf,
    /// Where to write the chart (SVG).
    #[arg(
        long,
        value_name = "FILE",
        default_value = "target/bench-coherence.svg"
    )]
    pub svg: PathBuf,
}

/// One workload: coh-stack's mode, depth and repetitions, and the stops a tracer takes.
struct Workload {
    name: &'static str,
    what: &'static str,
    mode: &'static str,
    depth: &'static str,
    reps: &'static str,
    stops: &'static [StopKind],
}

const WORKLOADS: [Workload; 6] = [
    Workload {
        name: "syscalls",
        what: "syscall tracing: entry and exit stops of 2000 getpid",
        mode: "s",
        depth: "8",
        reps: "2000",
        stops: &[StopKind::SyscallEntry, StopKind::SyscallExit],
    },
    Workload {
        name: "signals",
        what: "signal stops, two per kernel entry (2 pending signals unblocked)",
        mode: "g",
        depth: "8",
        reps: "500",
        stops: &[StopKind::Signal],
    },
    Workload {
        name: "exit+signal",
        what: "syscall-exit stops followed by signal stops",
        mode: "g",
        depth: "8",
        reps: "500",
        stops: &[StopKind::SyscallExit, StopKind::Signal],
    },
    Workload {
        name: "fork",
        what: "fork event chains: fork, child exit and parent syscall-exit stops",
        mode: "f",
        depth: "8",
        reps: "100",
        stops: &[StopKind::Fork, StopKind::Exit, StopKind::SyscallExit],
    },
    Workload {
        name: "vfork",
        what: "vfork, vfork-done and syscall-exit stops",
        mode: "v",
        depth: "8",
        reps: "100",
        stops: &[StopKind::Vfork, StopKind::VforkDone, StopKind::SyscallExit],
    },
    Workload {
        name: "deep",
        what: "recursion 60 deep (480 stacked registers), entry and exit stops",
        mode: "s",
        depth: "60",
        reps: "500",
        stops: &[StopKind::SyscallEntry, StopKind::SyscallExit],
    },
];

const POLICIES: [RseSync; 3] = [RseSync::None, RseSync::Eager, RseSync::Lazy];

/// The guest's RSC mode: the program's argument and the name in the table.
const RSC_MODES: [(&str, &str); 2] = [("l", "lazy"), ("e", "eager")];

/// One row of the results.
#[derive(Clone, Debug)]
struct Row {
    workload: &'static str,
    policy: &'static str,
    rsc: &'static str,
    stops: u64,
    writebacks: u64,
    reloads: u64,
    avoided: u64,
    bytes_written: u64,
    bytes_reloaded: u64,
    instructions: u64,
    host_ns_per_stop: f64,
}

impl Row {
    fn bytes(&self) -> u64 {
        self.bytes_written + self.bytes_reloaded
    }

    fn bytes_per_stop(&self) -> f64 {
        self.bytes() as f64 / self.stops.max(1) as f64
    }
}

/// Run every workload × policy × RSC mode, print the table, write the JSON and the chart.
pub fn run(a: &CoherenceArgs, stacked_regs: usize) -> Result<()> {
    let mut rows = Vec::new();
    println!(
        "{:<12} {:<6} {:<6} {:>6} {:>7} {:>7} {:>8} {:>10} {:>12} {:>10}",
        "workload",
        "policy",
        "rsc",
        "stops",
        "wbacks",
        "reloads",
        "avoided",
        "bytes",
        "instructions",
        "ns/stop"
    );
    for w in &WORKLOADS {
        for (rsc_arg, rsc) in RSC_MODES {
            for policy in POLICIES {
                let row = run_one(w, rsc_arg, rsc, policy, stacked_regs)?;
                println!(
                    "{:<12} {:<6} {:<6} {:>6} {:>7} {:>7} {:>8} {:>10} {:>12} {:>10.0}",
                    row.workload,
                    row.policy,
                    row.rsc,
                    row.stops,
                    row.writebacks,
                    row.reloads,
                    row.avoided,
                    row.bytes(),
                    row.instructions,
                    row.host_ns_per_stop
                );
                rows.push(row);
            }
        }
    }
    println!();
    for w in &WORKLOADS {
        println!("{:<12} {}", w.name, w.what);
    }
    println!();
    print!("{}", ratios(&rows));
    write_file(&a.json, &json(&rows))?;
    write_file(&a.svg, &svg(&rows))?;
    println!("wrote {} and {}", a.json.display(), a.svg.display());
    Ok(())
}

fn run_one(
    w: &Workload,
    rsc_arg: &str,
    rsc: &'static str,
    policy: RseSync,
    stacked_regs: usize,
) -> Result<Row> {
    let config = Config {
        stacked_regs,
        rse_sync: policy,
        ..Config::default()
    };
    let h = HarnessConfig {
        read_tables: false,
        ..HarnessConfig::stops(w.stops)
    };
    let argv = ["coh-stack", w.mode, rsc_arg, w.depth, w.reps];
    let r = harness::run(ELF, &argv, config, h).with_context(|| w.name.to_string())?;
    if r.outcome != Outcome::Exited(0) {
        bail!(
            "bench coherence {}: outcome {:?}, stdout {:?}",
            w.name,
            r.outcome,
            String::from_utf8_lossy(&r.stdout)
        );
    }
    let c = r.coherence();
    let stops = r.stops.len() as u64;
    Ok(Row {
        workload: w.name,
        policy: policy.name(),
        rsc,
        stops,
        writebacks: c.writebacks,
        reloads: c.reloads,
        avoided: c.avoided,
        bytes_written: c.bytes_written,
        bytes_reloaded: c.bytes_reloaded,
        instructions: r.instructions,
        host_ns_per_stop: r.host_ns as f64 / stops.max(1) as f64,
    })
}

fn find<'a>(rows: &'a [Row], w: &str, rsc: &str, policy: &str) -> Option<&'a Row> {
    rows.iter()
        .find(|r| r.workload == w && r.rsc == rsc && r.policy == policy)
}

/// Lazy vs eager per workload and RSC mode: bytes copied and host time per stop.
fn ratios(rows: &[Row]) -> String {
    let mut s = String::from("lazy / eager      bytes copied   host time per stop\n");
    for w in &WORKLOADS {
        for (_, rsc) in RSC_MODES {
            let (Some(l), Some(e)) = (
                find(rows, w.name, rsc, "lazy"),
                find(rows, w.name, rsc, "eager"),
            ) else {
                continue;
            };
            let b = l.bytes() as f64 / e.bytes().max(1) as f64;
            let t = l.host_ns_per_stop / e.host_ns_per_stop.max(1e-9);
            let _ = writeln!(s, "{:<12} {:<6} {:>10.3} {:>18.3}", w.name, rsc, b, t);
        }
    }
    s
}

fn write_file(path: &Path, text: &str) -> Result<()> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).with_context(|| dir.display().to_string())?;
    }
    std::fs::write(path, text).with_context(|| path.display().to_string())
}

fn json(rows: &[Row]) -> String {
    let mut s = String::from("{\n  \"rows\": [\n");
    for (i, r) in rows.iter().enumerate() {
        let _ = write!(
            s,
            "    {{\"workload\": \"{}\", \"policy\": \"{}\", \"rsc\": \"{}\", \"stops\": {}, \
             \"writebacks\": {}, \"reloads\": {}, \"avoided\": {}, \"bytes_written\": {}, \
             \"bytes_reloaded\": {}, \"instructions\": {}, \"host_ns_per_stop\": {:.1}}}",
            r.workload,
            r.policy,
            r.rsc,
            r.stops,
            r.writebacks,
            r.reloads,
            r.avoided,
            r.bytes_written,
            r.bytes_reloaded,
            r.instructions,
            r.host_ns_per_stop
        );
        s.push_str(if i + 1 < rows.len() { ",\n" } else { "\n" });
    }
    s.push_str("  ]\n}\n");
    s
}

/// A grouped bar chart: for each workload and RSC mode, bytes copied per stop under eager and
/// lazy (`none` copies nothing).
fn svg(rows: &[Row]) -> String {
    const BAR: f64 = 14.0;
    const GAP: f64 = 18.0;
    const H: f64 = 260.0;
    const TOP: f64 = 40.0;
    const LEFT: f64 = 60.0;
    let groups: Vec<(&str, &str)> = WORKLOADS
        .iter()
        .flat_map(|w| RSC_MODES.iter().map(move |(_, rsc)| (w.name, *rsc)))
        .collect();
    let max = rows.iter().map(Row::bytes_per_stop).fold(1.0_f64, f64::max);
    let width = LEFT + groups.len() as f64 * (2.0 * BAR + GAP) + 20.0;
    let mut s = String::new();
    let _ = writeln!(
        s,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width:.0}\" height=\"{:.0}\" \
         font-family=\"sans-serif\" font-size=\"10\">",
        TOP + H + 90.0
    );
    let _ = writeln!(
        s,
        "<text x=\"{LEFT}\" y=\"20\" font-size=\"13\">RSE coherence: bytes copied per stop \
         (eager: red, lazy: blue)</text>"
    );
    let _ = writeln!(
        s,
        "<line x1=\"{LEFT}\" y1=\"{:.0}\" x2=\"{width:.0}\" y2=\"{:.0}\" stroke=\"black\"/>",
        TOP + H,
        TOP + H
    );
    let _ = writeln!(
        s,
        "<text x=\"4\" y=\"{:.0}\">{max:.0} B</text><text x=\"4\" y=\"{:.0}\">0</text>",
        TOP + 4.0,
        TOP + H
    );
    for (i, (w, rsc)) in groups.iter().enumerate() {
        let x0 = LEFT + i as f64 * (2.0 * BAR + GAP) + GAP / 2.0;
        for (j, (policy, color)) in [("eager", "#c0392b"), ("lazy", "#2e6fb7")]
            .iter()
            .enumerate()
        {
            let v = find(rows, w, rsc, policy).map_or(0.0, Row::bytes_per_stop);
            let h = v / max * H;
            let _ = writeln!(
                s,
                "<rect x=\"{:.1}\" y=\"{:.1}\" width=\"{BAR}\" height=\"{h:.1}\" fill=\"{color}\">\
                 <title>{w} rsc={rsc} {policy}: {v:.1} B/stop</title></rect>",
                x0 + j as f64 * BAR,
                TOP + H - h
            );
        }
        let _ = writeln!(
            s,
            "<text transform=\"translate({:.1},{:.1}) rotate(60)\">{w} ({rsc})</text>",
            x0 + 4.0,
            TOP + H + 10.0
        );
    }
    s.push_str("</svg>\n");
    s
}
