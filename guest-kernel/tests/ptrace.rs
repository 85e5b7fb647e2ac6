//! ptrace and `/proc/<pid>/mem` seen from a tracer: small guest programs (`test-programs/src/
//! pt-*.s`) run on the kernel and print one `label = value` line per request or stop; each test
//! checks every line against values written out here from the Linux/ia64 ABI and the Linux
//! sources cited next to them (kernel-facilities.md §4, rse-spec.md §7.3), never from the code
//! under test.
//!
//! Kernel-level checks that need the kernel's internals (a group exit's EXIT stops in every
//! thread, the CLD_CONTINUED report to a tracer that is not the parent, the debug registers of
//! the user area, INTERRUPT of a listening tracee) are unit tests in `src/ptrace.rs`.
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

/// errno values (include/uapi/asm-generic/errno-base.h), as the programs print a failure.
const EPERM: &str = "-1";
const ENOENT: &str = "-2";
const ESRCH: &str = "-3";
const EIO: &str = "-5";
const EACCES: &str = "-13";
const EFAULT: &str = "-14";
const EINVAL: &str = "-22";

const SIGKILL: u32 = 9;
const SIGTRAP: u32 = 5;
const SIGUSR1: u32 = 10;
const SIGUSR2: u32 = 12;
const SIGCHLD: u32 = 17;
const SIGCONT: u32 = 18;
const SIGSTOP: u32 = 19;

/// PTRACE_EVENT_* (include/uapi/linux/ptrace.h).
const EV_FORK: u32 = 1;
const EV_VFORK: u32 = 2;
const EV_CLONE: u32 = 3;
const EV_EXEC: u32 = 4;
const EV_VFORK_DONE: u32 = 5;
const EV_EXIT: u32 = 6;
const EV_STOP: u32 = 128;

/// SI_USER, SI_KERNEL (include/uapi/asm-generic/siginfo.h).
const SI_USER: i32 = 0;
const SI_KERNEL: i32 = 0x80;

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

/// An event stop: the code is `SIGTRAP | event << 8`.
fn event(ev: u32) -> String {
    stopped(SIGTRAP | ev << 8)
}

/// A stop under SEIZE that reports PTRACE_EVENT_STOP: the group stop of `sig` or (SIGTRAP)
/// an INTERRUPT/LISTEN trap.
fn event_stop(sig: u32) -> String {
    stopped(sig | EV_STOP << 8)
}

/// An exit with `code` (`code << 8`), or a kill by `sig` (the signal number).
fn exited(code: u32) -> String {
    hex(code << 8)
}

fn killed(sig: u32) -> String {
    hex(sig)
}

fn expect_exit(program: &str, outcome: &Outcome, out: &str) {
    assert_eq!(*outcome, Outcome::Exited(0), "{program}:\n{out}");
}

// ---------------------------------------------------------------------------------------------
// The tests
// ---------------------------------------------------------------------------------------------

/// pt-errors: every request's error returns (kernel/ptrace.c ptrace_attach, ptrace_traceme,
/// ptrace_check_attach, ptrace_request; arch/ia64/kernel/ptrace.c arch_ptrace, access_uarea,
/// ptrace_getregs/setregs; LTP ptrace03 and ptrace06), and the Yama `ptrace_scope = 1` rules.
#[test]
fn ptrace_error_returns() {
    let (_k, outcome, out) = run("pt-errors", &[]);
    let mut r = Report::parse("pt-errors", &out);
    // A child: TRACEME once, then again (ptrace03); it cannot attach to its parent (not a
    // descendant), to itself (its own thread group) or to nobody; it traces nothing.
    r.eq("traceme_1", "0")
        .eq("traceme_2", EPERM)
        .eq("attach_parent", EPERM)
        .eq("attach_self", EPERM)
        .eq("seize_self", EPERM)
        .eq("attach_nonexistent", ESRCH)
        .eq("seize_nonexistent", ESRCH)
        .eq("peek_not_tracee", ESRCH)
        .eq("peek_nonexistent", ESRCH)
        .eq("open_parent_mem", EACCES)
        .eq("c1_exit", exited(0));
    // A sibling is not a descendant either.
    r.eq("attach_sibling", EPERM)
        .eq("open_sibling_mem", EACCES)
        .eq("c3_exit", exited(0));
    // The parent and its running child.
    r.eq("peek_untraced", ESRCH)
        .eq("interrupt_untraced", ESRCH)
        .eq("seize", "0")
        .eq("peek_running", ESRCH)
        .eq("attach_traced", EPERM)
        .eq("seize_traced", EPERM)
        // SEIZE's addr and flags are checked before anything else (retval = -EIO).
        .eq("seize_addr", EIO)
        .eq("seize_bad_options", EIO)
        .eq("interrupt", "0")
        .eq("interrupt_status", event_stop(SIGTRAP))
        .eq("getsiginfo", "0")
        .eq("interrupt_si_signo", dec(SIGTRAP))
        .eq("interrupt_si_code", dec(SIGTRAP | EV_STOP << 8))
        // The tracee loops on sched_yield: r15 = 1024 + 140 (syscall.tbl).
        .eq("peekusr_r15", "1164");
    // access_uarea: unaligned offsets and the holes of the user area are EIO.
    for hole in [
        "peekusr_nat_hole",
        "peekusr_r7_hole",
        "peekusr_lc_hole",
        "peekusr_past_ssd",
        "peekusr_unaligned",
        "peekusr_minus8",
    ] {
        r.eq(hole, EIO);
    }
    // ptrace06: PEEK/POKE at 0..3 and -1..-4, and at a kernel address, are EIO.
    for bad in [
        "peekdata_0",
        "peekdata_1",
        "peekdata_2",
        "peekdata_3",
        "peekdata_m1",
        "peekdata_m2",
        "peekdata_m3",
        "peekdata_m4",
        "peektext_0",
        "peekdata_region5",
        "pokedata_0",
        "pokedata_m1",
        "poketext_0",
    ] {
        r.eq(bad, EIO);
    }
    // ia64 GETREGS/SETREGS: any bad or unaligned buffer is EIO (ptrace_getregs: access_ok,
    // the alignment check, `retval ? -EIO : 0`); the generic requests copy with EFAULT.
    r.eq("getregs_null", EIO)
        .eq("getregs_unaligned", EIO)
        .eq("setregs_null", EIO)
        .eq("getsiginfo_null", EFAULT)
        .eq("setsiginfo_null", EFAULT)
        .eq("geteventmsg_null", EFAULT)
        .eq("setoptions_bad", EINVAL)
        .eq("request_unknown", EIO)
        .eq("cont_bad_signal", EIO)
        .eq("detach_bad_signal", EIO)
        .eq("still_stopped_r15", "1164");
    // PTRACE_LISTEN is allowed at any PTRACE_EVENT_STOP trap (last_siginfo's si_code >> 8 ==
    // PTRACE_EVENT_STOP), the INTERRUPT trap included; a listening tracee is not stopped for
    // the other requests, and INTERRUPT re-traps it.
    r.eq("listen_at_interrupt", "0")
        .eq("peek_listening", ESRCH)
        .eq("interrupt_listening", "0")
        .eq("relisten_status", event_stop(SIGTRAP));
    r.eq("kill", "0")
        .eq("kill_status", killed(SIGKILL))
        .eq("peek_reaped", ESRCH);
    r.finish();
    expect_exit("pt-errors", &outcome, &out);
}

/// pt-events: syscall stops without TRACESYSGOOD and every event stop, with GETEVENTMSG and
/// the event siginfo (kernel/ptrace.c ptrace_event, ptrace_do_notify; kernel/fork.c
/// kernel_clone; fs/exec.c; kernel/exit.c), and the legacy SIGTRAP after exec.
#[test]
fn ptrace_event_stops() {
    let exit_status = bin("exit-status");
    let path = exit_status.to_str().expect("utf-8 path");
    let (_k, outcome, out) = run("pt-events", &[path]);
    let mut r = Report::parse("pt-events", &out);
    // Pids: the parent 1, C 2, the fork child 3, the vfork child 4, the clone child 5, D 6.
    let (c, fork_child, vfork_child, clone_child) = (2, 3, 4, 5);
    r.eq("first_stop", stopped(SIGSTOP))
        .eq("setoptions", "0")
        .eq("sys_entry_status", stopped(SIGTRAP))
        .eq("sys_entry_nr", "1041")
        .eq("sys_entry_si_code", dec(SIGTRAP))
        .eq("sys_exit_status", stopped(SIGTRAP))
        .eq("sys_exit_r8", dec(c));
    // Each new child is traced from the start, with SIGSTOP pending and the parent's options
    // (so its exit makes an EXIT event with the exit code as message).
    let child = |r: &mut Report, kind: &str, pid: u32, code: u32| {
        r.eq(&format!("{kind}_msg"), dec(pid))
            .eq(&format!("{kind}_child_stop"), stopped(SIGSTOP))
            .eq(&format!("{kind}_child_exit_event"), event(EV_EXIT))
            .eq(&format!("{kind}_child_exit_msg"), dec(code << 8))
            .eq(&format!("{kind}_child_exit"), exited(code));
    };
    r.eq("fork_status", event(EV_FORK))
        .eq("fork_si_code", dec(SIGTRAP | EV_FORK << 8));
    child(&mut r, "fork", fork_child, 5);
    // The tracer reaping the fork child hands it back to C, its real parent, with SIGCHLD;
    // a traced task's signals are never ignored (sig_ignored), so C reports it.
    r.eq("fork_sigchld_status", stopped(SIGCHLD));
    r.eq("vfork_status", event(EV_VFORK));
    child(&mut r, "vfork", vfork_child, 6);
    r.eq("vfork_done_status", event(EV_VFORK_DONE))
        .eq("vfork_done_msg", dec(vfork_child))
        .eq("vfork_sigchld_status", stopped(SIGCHLD));
    r.eq("clone_status", event(EV_CLONE));
    child(&mut r, "clone", clone_child, 7);
    // exec: the message is the pid before exec; exit-status exits with 42.
    r.eq("exec_status", event(EV_EXEC))
        .eq("exec_msg", dec(c))
        .eq("exit_event_status", event(EV_EXIT))
        .eq("exit_msg", dec(42 << 8))
        .eq("final_status", exited(42));
    // Without TRACEEXEC, an ATTACHed (not seized) tracee gets SIGTRAP after exec, sent by
    // send_sig(SIGTRAP, current, 0): SI_USER with si_pid = the exec'ing process.
    r.eq("legacy_exec_status", stopped(SIGTRAP))
        .eq("legacy_exec_si_code", dec(SI_USER))
        .eq("legacy_exec_si_pid_is_child", "1")
        .eq("legacy_exit", exited(42));
    r.finish();
    expect_exit("pt-events", &outcome, &out);
}

/// pt-seize: SEIZE, INTERRUPT, LISTEN, group stops under SEIZE and after ATTACH, DETACH, and a
/// child auto-attached under SEIZE (kernel/ptrace.c; kernel/signal.c do_jobctl_trap,
/// ptrace_trap_notify).
#[test]
fn ptrace_seize_and_group_stops() {
    let (_k, outcome, out) = run("pt-seize", &[]);
    let mut r = Report::parse("pt-seize", &out);
    r.eq("seize", "0")
        .eq("interrupt", "0")
        .eq("interrupt_status", event_stop(SIGTRAP))
        .eq("interrupt_si_code", dec(SIGTRAP | EV_STOP << 8))
        .eq("cont", "0")
        .eq("kill_sigstop", "0")
        // The signal is reported first (signal-delivery stop), with the sender's siginfo.
        .eq("sigstop_delivery_status", stopped(SIGSTOP))
        .eq("sigstop_si_code", dec(SI_USER))
        .eq("sigstop_si_pid_is_parent", "1")
        // Injected, it starts the group stop; under SEIZE that is a PTRACE_EVENT_STOP with a
        // siginfo (si_code = signal | PTRACE_EVENT_STOP << 8).
        .eq("cont_inject_sigstop", "0")
        .eq("group_stop_status", event_stop(SIGSTOP))
        .eq("group_stop_si_code", dec(SIGSTOP | EV_STOP << 8))
        .eq("group_stop_si_signo", dec(SIGSTOP))
        .eq("listen", "0")
        .eq("peek_listening", ESRCH)
        .eq("listening_wnohang", "0")
        // SIGCONT ends the group stop: the listening tracee traps (SIGTRAP: the group is not
        // stopped any more), then SIGCONT itself is reported.
        .eq("kill_sigcont", "0")
        .eq("continued_status", event_stop(SIGTRAP))
        .eq("sigcont_delivery_status", stopped(SIGCONT))
        .eq("interrupt2_status", event_stop(SIGTRAP))
        .eq("detach", "0")
        .eq("peek_detached", ESRCH);
    // ATTACH sends SIGSTOP with SEND_SIG_PRIV (si_code SI_KERNEL); the group stop it starts,
    // when injected, has no siginfo after ATTACH.
    r.eq("attach", "0")
        .eq("attach_stop_status", stopped(SIGSTOP))
        .eq("attach_si_code", dec(SI_KERNEL))
        .eq("attach_group_stop_status", stopped(SIGSTOP))
        .eq("attach_group_stop_getsiginfo", EINVAL)
        .eq("interrupt_attached", EIO)
        .eq("listen_attached", EIO)
        .eq("kill_status", killed(SIGKILL));
    // A child attached under SEIZE starts with a PTRACE_EVENT_STOP trap, not SIGSTOP.
    r.eq("seize_tracefork", "0")
        .eq("d_fork_status", event(EV_FORK))
        .eq("g_first_status", event_stop(SIGTRAP))
        .eq("g_first_si_code", dec(SIGTRAP | EV_STOP << 8))
        .eq("g_exit", exited(9))
        .eq("d_sigchld_status", stopped(SIGCHLD))
        .eq("d_exit", exited(0));
    r.finish();
    expect_exit("pt-seize", &outcome, &out);
}

/// pt-signals: LTP ptrace05 (every signal but SIGKILL stops a self-traced child, even those
/// ignored by default), ptrace01 (an ignored or handled SIGUSR2 still stops it, PTRACE_KILL
/// kills it), suppression and injection on resume (kernel/signal.c sig_ignored, get_signal,
/// ptrace_signal).
#[test]
fn ptrace_signals() {
    let (_k, outcome, out) = run("pt-signals", &[]);
    let mut r = Report::parse("pt-signals", &out);
    let sent = [1, 2, 10, 11, 13, 15, 17, 18, 19, 20, 21, 28, 32, 40, 64];
    let stops: Vec<String> = sent.iter().map(|s: &u32| dec(s)).collect();
    r.seq("signal_stop", &stops)
        .eq("ptrace05_end", killed(SIGKILL));
    let twice = |v: String| vec![v.clone(), v];
    r.seq("ptrace01_stop", &twice(stopped(SIGUSR2)))
        .seq("ptrace01_kill", &twice("0".into()))
        .seq("ptrace01_status", &twice(killed(SIGKILL)));
    r.seq(
        "inject_stop",
        &[stopped(SIGUSR1), stopped(SIGUSR2), stopped(15)],
    )
    .eq("handler_count", "2")
    .eq("h1_si_code", dec(SI_USER))
    .eq("h1_si_pid_is_self", "1")
    // The tracer changed the signal: a new siginfo with SI_USER and si_pid = the tracer.
    .eq("h2_si_signo", dec(SIGUSR2))
    .eq("h2_si_code", dec(SI_USER))
    .eq("h2_si_pid_is_tracer", "1")
    .eq("inject_exit", exited(2))
    .eq("default_stop", stopped(SIGUSR1))
    .eq("default_status", killed(SIGUSR1));
    r.finish();
    expect_exit("pt-signals", &outcome, &out);
}

/// pt-regs: PEEKUSER against GETREGS under two poisons (LTP ptrace04), the `pt_all_user_regs`
/// layout, POKEUSER/SETREGS changes the tracee sees, the PT_AR_RSC and PT_CR_IPSR rules.
#[test]
fn ptrace_registers() {
    let (_k, outcome, out) = run("pt-regs", &[]);
    let mut r = Report::parse("pt-regs", &out);
    // The pairs table of pt-regs.s: 5 control words, r1-r31, b0-b7, 12 application registers,
    // 9 floating-point registers (two words each).
    let pairs = 5 + 31 + 8 + 12 + 9 * 2;
    // setf.sig puts the value in the significand with exponent 0x1003e (2^63 scale), sign 0;
    // the spill format is the significand, then sign << 17 | exponent.
    let f_hi = hex16(0x1003e);
    r.eq("stop", stopped(SIGSTOP))
        .eq("peek_r4", hex16(0x4444_4444_4444_4444))
        .eq("peek_r5", hex16(0x5555_5555_5555_5555))
        .eq("peek_r6", hex16(0x6666_6666_6666_6666))
        .eq("peek_r7", hex16(0x7777_7777_7777_7777))
        .eq("peek_f2_lo", hex16(0x0123_4567_89ab_cdef))
        .eq("peek_f2_hi", f_hi.clone())
        .eq("peek_f16_lo", hex16(0xfedc_ba98_7654_3210))
        .eq("peek_f16_hi", f_hi.clone())
        .eq("peek_lc", hex16(0x1234))
        .eq("peek_b1", hex16(0x1111_2222_3333_4444))
        // PEEKUSER(PT_CR_IPSR) is cr_ipsr & IPSR_MASK (be up ac mfl mfh db is id dd ri).
        .eq("ipsr_outside_mask", hex16(0));
    // ptrace_getregs stores ten ar[] entries (pfs, rsc, bspstore, unat, ccv, fpsr, ec, lc,
    // rnat, bsp), not ar.csd (ar[25]) or ar.ssd (ar[26]): those two words keep the poison. The
    // tracee's csd and ssd are 0 (nothing sets them), so under the 0xff poison exactly the
    // PT_AR_CSD and PT_AR_SSD pairs differ, the first at PEEKUSER offset 0x9c0; under the
    // 0x00 poison none does.
    r.seq("getregs", &["0".into(), "0".into()])
        .seq("compared", &[dec(pairs), dec(pairs)])
        .seq("mismatches", &["2".into(), "0".into()])
        .seq("first_mismatch", &[hex(0x9c0), hex(0)])
        .seq(
            "getregs_r4",
            &[hex16(0x4444_4444_4444_4444), hex16(0x4444_4444_4444_4444)],
        )
        // fr[2] at 1392 + 2 * 16: the significand, then the exponent word.
        .seq(
            "getregs_f2_lo",
            &[hex16(0x0123_4567_89ab_cdef), hex16(0x0123_4567_89ab_cdef)],
        )
        .seq("getregs_f2_hi", &[f_hi.clone(), f_hi])
        .seq("getregs_lc", &[hex16(0x1234), hex16(0x1234)])
        .seq(
            "getregs_b1",
            &[hex16(0x1111_2222_3333_4444), hex16(0x1111_2222_3333_4444)],
        )
        // sizeof(struct pt_all_user_regs) = 3440: the poison after it survives.
        .seq("past_3440", &[hex16(u64::MAX), hex16(0)]);
    r.eq("poke_r5", "0")
        .eq("peek_r5_after", hex16(0x5a5a_5a5a_5a5a_5a5a))
        .eq("setregs", "0")
        .eq("peek_r6_after", hex16(0x6b6b_6b6b_6b6b_6b6b))
        .eq("peek_r7_after", hex16(0x7777_7777_7777_7777))
        // access_elf_areg: a PT_AR_RSC write is forced to privilege level 3 (bits 3:2).
        .eq("poke_rsc", "0")
        .eq("rsc_after_poke_0", hex(3 << 2))
        .eq("child_r5", hex16(0x5a5a_5a5a_5a5a_5a5a))
        .eq("child_r6", hex16(0x6b6b_6b6b_6b6b_6b6b))
        .eq("exit", exited(0));
    r.finish();
    expect_exit("pt-regs", &outcome, &out);
}

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
        // ia64_fault, vectors 36 and 35: si_addr 0 (`ifa = 0`), __ISR_VALID and CR.ISR, whose
        // ei names the slot that trapped and whose code the trap (SDM Vol. 2 Part I §3.3.5.3
        // and the Single Step / Taken Branch vector pages: ss = bit 3, tb = bit 2). The
        // three steps ran slots 1, 2 and 0; the taken br.cond is in slot 2.
        .seq("si_addr", &[hex16(0), hex16(0), hex16(0), hex16(0)])
        .seq("si_flags", &[dec(1), dec(1), dec(1), dec(1)])
        .seq("isr_ei", &[dec(1), dec(2), dec(0), dec(2)])
        .seq("isr_code", &[hex(8), hex(8), hex(8), hex(4)])
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

/// ptrace-tracer, the tracer program of test-programs/ (its whole output is checked by
/// crates/ia64emu/tests/programs.rs): the kernel's counters agree with what it did — 25
/// syscall stops and 3 signal-delivery stops reported, one `/proc/<pid>/mem` open, 18 words
/// read (12 of the leaf's frame, 6 of its caller's) and one written.
#[test]
fn tracer_program_counters() {
    let (k, outcome, out) = run("ptrace-tracer", &[]);
    expect_exit("ptrace-tracer", &outcome, &out);
    assert_eq!(k.stats.ptrace.stops_reported, 25 + 3, "{out}");
    assert_eq!(k.stats.proc_mem_opens, 1);
    assert_eq!(k.stats.proc_mem_bytes, (18 + 1) * 8);
    let want = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../test-programs/expected/ptrace-tracer.stdout"
    ))
    .expect("expected output");
    assert_eq!(out, want);
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
