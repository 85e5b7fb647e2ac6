//! ptrace and `/proc/<pid>/mem` seen from a tracer: small guest programs (`test-programs/src/
//! pt-*.s`) run on the kernel and print one `label = value` line per request or stop; each test
//! checks every line against values written out here from the Linux/ia64 ABI and the Linux
//! sources cited next to them (kernel-facilities.md §4, rse-spec.md §7.3), never from the code
//! under test.
//!
//! Covered: the success path and the error returns of every request (ESRCH for a task that is
//! not a stopped tracee of the caller, EPERM for attaching to itself, to a traced task and to a
//! non-descendant under Yama `ptrace_scope = 1`, EIO for bad user-area offsets, bad addresses,
//! bad options and signals and for ia64's GETREGS/SETREGS buffers, EFAULT for bad siginfo and
//! event-message buffers, EINVAL for unknown options and for GETSIGINFO at a group stop after
//! ATTACH). EBUSY is not tested: Linux's ptrace returns it only on i386, for debug-register
//! allocation, and no request here can produce it. Every stop kind's wait status (signal
//! delivery; group stop after ATTACH and under SEIZE; syscall stops with and without
//! TRACESYSGOOD; the FORK, VFORK, VFORK_DONE, CLONE, EXEC and EXIT events with GETEVENTMSG; the
//! INTERRUPT and LISTEN traps; the first stop of a child attached under SEIZE), signal injection
//! and suppression, single-step and block-step, POKETEXT through a read-only page, SETSIGINFO,
//! the LTP ptrace01/03/04/05/06 checks, `/proc/<pid>/mem` (denied to a
//! non-ancestor, equal to PEEKDATA for the tracer, its lseek/read/write rules) and `--strace`.
//!
//! Pids are the guest kernel's choice: the first process is 1 and each new task takes the next
//! number (test-programs/README.md).

use std::path::PathBuf;

use ia64_cpu::exec::NoTrace;
use ia64_guest_kernel::kernel::{Config, Kernel, Outcome};
use ia64_machine::console::Console;
use ia64_machine::loader::ProcessSpec;

// ---------------------------------------------------------------------------------------------
// Running a program and reading its report
// ---------------------------------------------------------------------------------------------

fn bin(name: &str) -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../test-programs/bin")).join(name)
}

/// Run test program `name` with guest arguments `args` (argv[0] is the name); the kernel, how
/// the run ended and the guest's stdout.
fn run_with(name: &str, args: &[&str], config: Config) -> (Kernel, Outcome, String) {
    let elf = std::fs::read(bin(name)).expect("test program");
    let mut argv = vec![name.to_string()];
    argv.extend(args.iter().map(|a| a.to_string()));
    let mut k =
        Kernel::new(&elf, &ProcessSpec::new(argv), config, Console::capture()).expect("load");
    let r = k.run(&mut NoTrace).unwrap_or_else(|e| {
        panic!(
            "{name}: host error {e}; guest stdout so far:\n{}",
            String::from_utf8_lossy(k.console.stdout())
        )
    });
    let out = String::from_utf8_lossy(k.console.stdout()).into_owned();
    (k, r.outcome, out)
}

/// Run with a generous instruction limit, so that a tracee left running by a kernel bug ends
/// the run (SIGXCPU) instead of hanging the test.
fn run(name: &str, args: &[&str]) -> (Kernel, Outcome, String) {
    let config = Config {
        max_insns: Some(5_000_000),
        ..Config::default()
    };
    run_with(name, args, config)
}

/// The `label = value` lines of a report, in order.
struct Report {
    program: &'static str,
    lines: Vec<(String, String)>,
    text: String,
    errors: Vec<String>,
}

impl Report {
    fn parse(program: &'static str, text: &str) -> Self {
        let lines = text
            .lines()
            .filter_map(|l| l.split_once(" = "))
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        Self {
            program,
            lines,
            text: text.to_string(),
            errors: Vec::new(),
        }
    }

    fn values(&self, label: &str) -> Vec<&str> {
        self.lines
            .iter()
            .filter(|(k, _)| k == label)
            .map(|(_, v)| v.as_str())
            .collect()
    }

    /// `label` appears exactly once, with `want`.
    fn eq(&mut self, label: &str, want: impl Into<String>) -> &mut Self {
        let want = want.into();
        let got = self.values(label);
        if got != [want.as_str()] {
            self.errors
                .push(format!("{label}: want {want}, got {got:?}"));
        }
        self
    }

    /// `label` appears in order with `want`.
    fn seq(&mut self, label: &str, want: &[String]) -> &mut Self {
        let got = self.values(label);
        if got != want.iter().map(String::as_str).collect::<Vec<_>>() {
            self.errors
                .push(format!("{label}: want {want:?}, got {got:?}"));
        }
        self
    }

    /// Panics listing every mismatch (and the whole report).
    fn finish(&mut self) {
        assert!(
            self.errors.is_empty(),
            "{}: {} mismatches:\n  {}\nreport:\n{}",
            self.program,
            self.errors.len(),
            self.errors.join("\n  "),
            self.text
        );
    }
}

// ---------------------------------------------------------------------------------------------
// Values, written out
// ---------------------------------------------------------------------------------------------

const ENOENT: &str = "-2";
const EIO: &str = "-5";
const EFAULT: &str = "-14";
const EINVAL: &str = "-22";

const SIGTRAP: u32 = 5;
const SIGUSR2: u32 = 12;
const SIGSTOP: u32 = 19;

/// A status word as the programs print it: `0x` and 8 hex digits.
fn hex(v: u32) -> String {
    format!("0x{v:08x}")
}

fn hex16(v: u64) -> String {
    format!("0x{v:016x}")
}

fn dec(v: impl std::fmt::Display) -> String {
    v.to_string()
}

/// A stopped child: `sig << 8 | 0x7f` (kernel/exit.c wait_task_stopped; ptrace reports
/// `exit_code << 8 | 0x7f`).
fn stopped(code: u32) -> String {
    hex(code << 8 | 0x7f)
}

/// An exit with `code` (`code << 8`), or a kill by `sig` (the signal number).
fn exited(code: u32) -> String {
    hex(code << 8)
}

fn expect_exit(program: &str, outcome: &Outcome, out: &str) {
    assert_eq!(*outcome, Outcome::Exited(0), "{program}:\n{out}");
}

// ---------------------------------------------------------------------------------------------
// The tests
// ---------------------------------------------------------------------------------------------

/// pt-step: SINGLESTEP one slot at a time (TRAP_TRACE) and SINGLEBLOCK to a taken branch's
/// target (TRAP_BRANCH) (arch/ia64/kernel/traps.c: vectors 36 and 35), POKETEXT through a
/// read-only page, SETSIGINFO before injecting the signal.
#[test]
fn ptrace_step_poketext_setsiginfo() {
    let (_k, outcome, out) = run("pt-step", &[]);
    let mut r = Report::parse("pt-step", &out);
    const TRAP_TRACE: i32 = 2;
    const TRAP_BRANCH: i32 = 3;
    const SI_QUEUE: i32 = -1;
    r.eq("stop", stopped(SIGSTOP))
        .seq(
            "step_status",
            &[stopped(SIGTRAP), stopped(SIGTRAP), stopped(SIGTRAP)],
        )
        .seq(
            "step_si_code",
            &[dec(TRAP_TRACE), dec(TRAP_TRACE), dec(TRAP_TRACE)],
        )
        // (PT_CR_IIP - step_base, ri): after the syscall, then one slot per step, then the
        // branch target (PT_CR_IIP - block_target).
        .seq("iip", &[dec(0), dec(0), dec(16), dec(16), dec(0)])
        .seq("ri", &[dec(1), dec(2), dec(0), dec(1), dec(0)])
        .eq("block_status", stopped(SIGTRAP))
        .eq("block_si_code", dec(TRAP_BRANCH))
        .eq("poketext", "0")
        .eq("peektext_after", hex16(0x4141_4141_4141_4141))
        .eq("usr2_stop", stopped(SIGUSR2))
        .eq("setsiginfo", "0")
        .eq("handler_si_code", dec(SI_QUEUE))
        .eq("child_ro_word", hex16(0x4141_4141_4141_4141))
        .eq("exit", exited(0));
    r.finish();
    expect_exit("pt-step", &outcome, &out);
}

/// pt-procmem: `/proc/<pid>/mem` for the tracer (fs/proc/base.c mem_open, mem_rw, mem_lseek):
/// it reads what PEEKDATA/PEEKTEXT read, writes what PEEKDATA then sees, and its error rules.
#[test]
fn proc_pid_mem() {
    let (k, outcome, out) = run("pt-procmem", &[]);
    let mut r = Report::parse("pt-procmem", &out);
    let value = hex16(0x1122_3344_5566_7788);
    r.eq("stop", stopped(SIGSTOP))
        .eq("open_tracee", "3")
        .eq("pread_var", "8")
        .eq("pread_var_value", value)
        .eq("pread_equals_peekdata", "1")
        .eq("pread_text", "8")
        .eq("pread_text_equals_peektext", "1")
        .eq("lseek_set_is_addr", "1")
        .eq("read_var", "8")
        .eq("read_equals_peekdata", "1")
        .eq("lseek_cur_advanced", "1")
        .eq("lseek_end", EINVAL)
        // mem_lseek forces a successful return: an address above 2^63 is not an error.
        .eq("lseek_high_r8", hex16(0xa000_0000_0000_0000))
        .eq("lseek_high_r10", "0")
        .eq("pwrite_var", "8")
        .eq("peek_after_pwrite", hex16(0x99aa_bbcc_ddee_ff00))
        .eq("write_var", "8")
        .eq("peek_after_write", hex16(0x0102_0304_0506_0708))
        .eq("pread_unmapped", EIO)
        .eq("pread_bad_buffer", EFAULT)
        .eq("pwrite_bad_buffer", EFAULT)
        .eq("pread_zero", "0")
        .eq("open_self", "4")
        .eq("self_pread_var2", hex16(0x5566_7788_99aa_bbcc))
        .eq("open_nonexistent", ENOENT)
        .eq("child_var", hex16(0x0102_0304_0506_0708))
        .eq("exit", exited(0))
        .eq("pread_after_exit", "0")
        .eq("close", "0");
    r.finish();
    expect_exit("pt-procmem", &outcome, &out);
    // Two opens succeeded (the tracee's and its own); the failed ones do not count.
    assert_eq!(k.stats.proc_mem_opens, 2);
}

/// `--strace` on hello: strace's line format for each syscall, then the exit.
#[test]
fn strace_prints_hello_syscalls() {
    let config = Config {
        strace: true,
        ..Config::default()
    };
    let (k, outcome, out) = run_with("hello", &[], config);
    assert_eq!(outcome, Outcome::Exited(0));
    assert_eq!(out, "Hello from IA-64!\n");
    let trace = String::from_utf8_lossy(k.console.stderr()).into_owned();
    assert_eq!(
        trace,
        "write(1, \"Hello from IA-64!\\n\", 18) = 18\n\
         exit_group(0) = ?\n\
         +++ exited with 0 +++\n"
    );
}

/// `--strace` does not change what a traced program does or prints: ptrace-tracer's output
/// and status are the same with the strace engine attached to every task.
#[test]
fn strace_engine_coexists_with_ptrace() {
    let (_, outcome, plain) = run("ptrace-tracer", &[]);
    let config = Config {
        strace: true,
        max_insns: Some(5_000_000),
        ..Config::default()
    };
    let (k, traced_outcome, traced) = run_with("ptrace-tracer", &[], config);
    assert_eq!(traced_outcome, outcome);
    assert_eq!(traced, plain);
    let trace = String::from_utf8_lossy(k.console.stderr()).into_owned();
    assert!(trace.contains("[pid 2] gettid() = 2\n"), "{trace}");
    assert!(trace.contains("ptrace(24, 2, 0x0, 0xc) = 0\n"), "{trace}");
}
