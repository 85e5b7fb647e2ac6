//! Every guest program of `test-programs/` runs end to end: its stdout and exit status equal the
//! independently computed expectations in `test-programs/expected/` (see
//! `test-programs/models/expected.py`), and its final registers (`--regs-json`) match an insta
//! snapshot. Determinism: two runs give byte-identical stdout, registers and `--stats-json`.

use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> PathBuf {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../..")).to_path_buf()
}

struct Run {
    stdout: Vec<u8>,
    stderr: String,
    status: i32,
    regs: String,
    stats: String,
}

fn run(name: &str) -> Run {
    static RUNS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = RUNS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let dir = std::env::temp_dir().join(format!(
        "ia64emu-programs-{}-{name}-{n}",
        std::process::id()
    ));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let regs = dir.join("regs.json");
    let stats = dir.join("stats.json");
    let expected = root().join("test-programs/expected");
    let args = std::fs::read_to_string(expected.join(format!("{name}.args"))).unwrap_or_default();
    // Emulator options a program needs (e.g. `--cpus 2`), one per line.
    let flags = std::fs::read_to_string(expected.join(format!("{name}.flags"))).unwrap_or_default();
    let out = Command::new(env!("CARGO_BIN_EXE_ia64emu"))
        .arg("run")
        .args(flags.split_whitespace())
        .arg("--regs-json")
        .arg(&regs)
        .arg("--stats-json")
        .arg(&stats)
        // A relative program path: argv[0] and AT_EXECFN land on the guest stack, so the
        // snapshots must not depend on where the tree is checked out.
        .current_dir(root())
        .arg(format!("test-programs/bin/{name}"))
        .args(args.split_whitespace())
        .output()
        .expect("run ia64emu");
    let r = Run {
        stdout: out.stdout,
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        status: out.status.code().unwrap_or(-1),
        regs: std::fs::read_to_string(&regs).unwrap_or_default(),
        stats: std::fs::read_to_string(&stats).unwrap_or_default(),
    };
    let _ = std::fs::remove_dir_all(&dir);
    r
}

fn check(name: &str) {
    let r = run(name);
    let expected = root().join("test-programs/expected");
    let want_out = std::fs::read(expected.join(format!("{name}.stdout"))).expect("expected stdout");
    let want_status: i32 = std::fs::read_to_string(expected.join(format!("{name}.status")))
        .expect("expected status")
        .trim()
        .parse()
        .expect("status number");
    assert_eq!(
        String::from_utf8_lossy(&r.stdout),
        String::from_utf8_lossy(&want_out),
        "{name}: stdout (stderr: {})",
        r.stderr
    );
    assert_eq!(
        r.status, want_status,
        "{name}: exit status (stderr: {})",
        r.stderr
    );
    assert!(r.regs.contains("\"gr\": ["), "{name}: regs json missing");
    insta::assert_snapshot!(format!("{name}-regs"), r.regs);
    if TASK_PROGRAMS.contains(&name) {
        // Scheduler, signal and kernel-backing-store counters per task and per vCPU.
        insta::assert_snapshot!(format!("{name}-stats"), r.stats);
    }
    let again = run(name);
    assert_eq!(again.stdout, r.stdout, "{name}: deterministic stdout");
    assert_eq!(again.regs, r.regs, "{name}: deterministic registers");
    assert_eq!(again.stats, r.stats, "{name}: deterministic counters");
}

/// The programs of the task, scheduler, signal and tracing machinery, whose counters are
/// snapshots too.
const TASK_PROGRAMS: [&str; 10] = [
    "fork-wait",
    "threads-futex",
    "sig-recursion",
    "sig-altstack",
    "segv-recover",
    "spin-threads",
    "stop-cont",
    "exec-hello",
    "waitid-faults",
    "ptrace-tracer",
];

/// A program that ends with exit_group: its final frame is the one that made the call.
fn exits_with_group(name: &str) {
    let r = run(name);
    assert!(
        r.regs.contains("\"gr\": [\"0x0\""),
        "{name}: r0 is the first register"
    );
    let r15 = r
        .regs
        .split("\"gr\": [")
        .nth(1)
        .and_then(|s| s.split(", ").nth(15))
        .unwrap_or("");
    assert_eq!(r15, "\"0x4d4\"", "{name}: r15 = __NR_exit_group (1236)");
}

macro_rules! program_tests {
    ($($test:ident => $name:literal),* $(,)?) => {$(
        #[test]
        fn $test() {
            check($name);
        }
    )*};
}

program_tests! {
    echo_args => "echo-args",
    exit_status => "exit-status",
    loop_sum => "loop-sum",
    recursion => "recursion",
    strings => "strings",
    predication => "predication",
    modsched => "modsched",
    speculation => "speculation",
    spillfill => "spillfill",
    brkmmap => "brkmmap",
    fault => "fault",
    fp_divide => "fp-divide",
    fp_misc => "fp-misc",
    fork_wait => "fork-wait",
    threads_futex => "threads-futex",
    sig_recursion => "sig-recursion",
    sig_altstack => "sig-altstack",
    segv_recover => "segv-recover",
    spin_threads => "spin-threads",
    stop_cont => "stop-cont",
    coh_stack => "coh-stack",
    exec_hello => "exec-hello",
    waitid_faults => "waitid-faults",
    ptrace_tracer => "ptrace-tracer",
}

#[test]
fn hello_greets() {
    let r = run("hello");
    assert_eq!(r.stdout, b"Hello from IA-64!\n");
    assert_eq!(r.status, 0);
    exits_with_group("hello");
    exits_with_group("loop-sum");
}

#[test]
fn fault_reports_one_line_with_the_symbol() {
    let r = run("fault");
    assert_eq!(r.status, 139, "killed by SIGSEGV");
    let lines: Vec<&str> = r.stderr.lines().collect();
    assert_eq!(lines.len(), 1, "{}", r.stderr);
    assert!(
        lines[0].starts_with("ia64emu: guest killed by SIGSEGV: "),
        "{}",
        lines[0]
    );
    assert!(lines[0].contains("faulting_load"), "{}", lines[0]);
    assert!(lines[0].contains("address 0x10"), "{}", lines[0]);
}
