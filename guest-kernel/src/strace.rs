//! Two tracing engines that never stop the tracee, for `ia64emu run`: `--strace` (a readable
//! line per syscall, signal and exit, like strace's output) and `--count-syscalls` (a
//! filtered engine that only counts syscalls and errors, like `strace -c` without times).
//!
//! This module owns both engines' callbacks, their per-run state ([`TraceEngines`]), the
//! syscall name and argument table they print with, and the summary table. Both attach to the
//! first task and, from their clone callbacks, to every new task (the creator wins the race
//! for the child, so no syscall of a child is missed). Lines go to the console's stderr, so a
//! run's output and its trace interleave deterministically.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::time::Instant;

use ia64_machine::console::Stream;

use crate::engines::EngineKind;
use crate::kernel::{Kernel, INIT_PID};
use crate::sigframe;
use crate::signal::SigInfo;
use crate::task::Tid;
use crate::utrace::{
    self, encode, event_mask, Callee, Event, Report, ResumeAction, ATTACH_CREATE, ATTACH_EXCLUSIVE,
    ATTACH_MATCH_OPS, EVENT_SIGNAL_ALL, SIGNAL_ACTION_MASK,
};

/// Per-syscall counts of `--count-syscalls`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct SyscallCount {
    /// Calls.
    pub calls: u64,
    /// Calls that returned an error.
    pub errors: u64,
}

/// The state of the run's non-stopping engines.
#[derive(Clone, Debug, Default)]
pub struct TraceEngines {
    /// `--strace` is on.
    pub strace: bool,
    /// `--count-syscalls` is on.
    pub count: bool,
    /// Syscalls entered and not yet returned, by tid: number and arguments (strace).
    pending: BTreeMap<Tid, (u64, [u64; 6])>,
    /// Counts by syscall number.
    pub counts: BTreeMap<u64, SyscallCount>,
    /// Events each engine handled (strace, count).
    pub events: [u64; 2],
    /// Host time spent in each engine's callbacks (ns; not deterministic, shown by `--stats`).
    pub host_ns: [u64; 2],
}

/// Attach the engines asked for in `cfg` to `tid` (the first task, or a new child from the
/// parent's clone callback).
pub(crate) fn attach_all(k: &mut Kernel, tid: Tid) {
    let flags = ATTACH_CREATE | ATTACH_EXCLUSIVE | ATTACH_MATCH_OPS;
    let wanted = [
        (k.trace_engines.strace, EngineKind::Strace, strace_events()),
        (
            k.trace_engines.count,
            EngineKind::CountSyscalls,
            count_events(),
        ),
    ];
    for (on, kind, events) in wanted {
        if !on {
            continue;
        }
        if let Ok(e) = utrace::attach(k, tid, flags, Some(kind), 0) {
            let _ = utrace::set_events(k, tid, e, events);
            let _ = utrace::engine_put(k, e);
        }
    }
}

fn strace_events() -> u32 {
    event_mask(&[
        Event::SyscallEntry,
        Event::SyscallExit,
        Event::Clone,
        Event::Death,
    ]) | EVENT_SIGNAL_ALL
}

/// The count engine is filtered: syscall events and clone (to follow children), nothing else.
fn count_events() -> u32 {
    event_mask(&[Event::SyscallEntry, Event::SyscallExit, Event::Clone])
}

/// One callback to the strace or count engine.
pub(crate) fn report(
    k: &mut Kernel,
    c: Callee<Tid, EngineKind, u64>,
    action: u32,
    r: &mut Report<'_, Tid>,
) -> u32 {
    let which = usize::from(c.ops == EngineKind::CountSyscalls);
    let start = Instant::now();
    k.trace_engines.events[which] += 1;
    let answer = match (c.ops, r) {
        (_, Report::Clone { child, .. }) => {
            let child = *child;
            let flags = ATTACH_CREATE | ATTACH_EXCLUSIVE | ATTACH_MATCH_OPS;
            if let Ok(e) = utrace::attach(k, child, flags, Some(c.ops), 0) {
                let ev = if c.ops == EngineKind::Strace {
                    strace_events()
                } else {
                    count_events()
                };
                let _ = utrace::set_events(k, child, e, ev);
                let _ = utrace::engine_put(k, e);
            }
            ResumeAction::Resume.bits()
        }
        (EngineKind::CountSyscalls, Report::SyscallEntry) => {
            let nr = k.task_state(c.task).map_or(0, |s| s.gr[15]);
            k.trace_engines.counts.entry(nr).or_default().calls += 1;
            k.trace_engines.pending.insert(c.task, (nr, [0; 6]));
            ResumeAction::Resume.bits()
        }
        (EngineKind::CountSyscalls, Report::SyscallExit) => {
            let failed = k.task_state(c.task).is_some_and(|s| s.gr[10] == u64::MAX);
            if let Some((nr, _)) = k.trace_engines.pending.remove(&c.task) {
                if failed {
                    k.trace_engines.counts.entry(nr).or_default().errors += 1;
                }
            }
            ResumeAction::Resume.bits()
        }
        (EngineKind::Strace, Report::SyscallEntry) => {
            strace_entry(k, c.task);
            ResumeAction::Resume.bits()
        }
        (EngineKind::Strace, Report::SyscallExit) => {
            strace_exit(k, c.task);
            ResumeAction::Resume.bits()
        }
        (EngineKind::Strace, Report::Signal { info, .. }) => {
            if info.signo != 0 {
                let line = format!("{}--- {} ---\n", prefix(c.task), describe_signal(info));
                emit(k, &line);
            }
            // Leave the disposition as it is.
            encode(action & SIGNAL_ACTION_MASK, ResumeAction::Resume)
        }
        (EngineKind::Strace, Report::Death { group_dead, .. }) => {
            if *group_dead {
                strace_death(k, c.task);
            }
            ResumeAction::Detach.bits()
        }
        _ => ResumeAction::Resume.bits(),
    };
    k.trace_engines.host_ns[which] += start.elapsed().as_nanos() as u64;
    answer
}

fn prefix(tid: Tid) -> String {
    if tid == INIT_PID {
        String::new()
    } else {
        format!("[pid {tid}] ")
    }
}

fn emit(k: &mut Kernel, s: &str) {
    let _ = k.console.write(Stream::Stderr, s.as_bytes());
}

fn strace_entry(k: &mut Kernel, tid: Tid) {
    let Some(st) = k.task_state(tid) else {
        return;
    };
    let nr = st.gr[15];
    let args: [u64; 6] = std::array::from_fn(|i| st.read_gr(32 + i as u8).0);
    if matches!(nr, NR_EXIT | NR_EXIT_GROUP) {
        let line = format!(
            "{}{} = ?\n",
            prefix(tid),
            call_text(k, tid, nr, &args, None)
        );
        emit(k, &line);
        return;
    }
    k.trace_engines.pending.insert(tid, (nr, args));
}

fn strace_exit(k: &mut Kernel, tid: Tid) {
    let Some((nr, args)) = k.trace_engines.pending.remove(&tid) else {
        return;
    };
    let (r8, r10) = k.task_state(tid).map_or((0, 0), |s| (s.gr[8], s.gr[10]));
    let ok = r10 != u64::MAX;
    let call = call_text(k, tid, nr, &args, ok.then_some(r8));
    let ret = if ok {
        let spec = lookup(nr).map_or("", |s| s.2);
        if spec.starts_with('X') {
            format!("{r8:#x}")
        } else {
            format!("{}", r8 as i64)
        }
    } else {
        match errno_name(r8) {
            Some((name, text)) => format!("-1 {name} ({text})"),
            None => format!("-1 errno {r8}"),
        }
    };
    let line = format!("{}{} = {}\n", prefix(tid), call, ret);
    emit(k, &line);
}

fn strace_death(k: &mut Kernel, tid: Tid) {
    let tgid = k.tasks.get(&tid).map_or(tid, |t| t.tgid);
    let status = k.groups.get(&tgid).and_then(|g| g.exit_status).unwrap_or(0);
    let line = if status & 0x7f == 0 {
        format!(
            "{}+++ exited with {} +++\n",
            prefix(tid),
            (status >> 8) & 0xff
        )
    } else {
        let name = sigframe::signal_name(status & 0x7f).unwrap_or("SIG?");
        format!("{}+++ killed by {} +++\n", prefix(tid), name)
    };
    emit(k, &line);
}

fn describe_signal(info: &SigInfo) -> String {
    let name = sigframe::signal_name(info.signo).unwrap_or("SIG?");
    let mut s = format!("{name} {{si_signo={name}, si_code={}", info.code);
    match sigframe::siginfo_layout(info.signo, info.code) {
        sigframe::SigLayout::Fault => {
            let _ = write!(s, ", si_addr={:#x}", info.addr);
        }
        sigframe::SigLayout::Chld => {
            let _ = write!(s, ", si_pid={}, si_status={}", info.pid, info.status);
        }
        _ => {
            let _ = write!(s, ", si_pid={}", info.pid);
        }
    }
    s.push('}');
    s
}

const NR_EXIT: u64 = 1025;
const NR_EXIT_GROUP: u64 = 1236;

/// Syscall names and argument kinds (numbers: 1024 + arch/ia64/kernel/syscalls/syscall.tbl).
/// Kinds: `i` signed, `u` unsigned, `x` hex, `s` C string, `b` buffer whose length is the next
/// argument (shown at exit for reads: `r`), `X` as the first character: the result is an
/// address.
const SYSCALLS: &[(u64, &str, &str)] = &[
    (1025, "exit", "i"),
    (1026, "read", "irx"),
    (1027, "write", "ibu"),
    (1029, "close", "i"),
    (1033, "execve", "sxx"),
    (1040, "lseek", "iii"),
    (1041, "getpid", ""),
    (1042, "getppid", ""),
    (1046, "getuid", ""),
    (1047, "geteuid", ""),
    (1048, "ptrace", "iixx"),
    (1053, "kill", "ii"),
    (1060, "brk", "Xx"),
    (1062, "getgid", ""),
    (1063, "getegid", ""),
    (1105, "gettid", ""),
    (1126, "wait4", "ixxx"),
    (1128, "clone", "xxxxx"),
    (1130, "uname", "x"),
    (1147, "writev", "ixi"),
    (1148, "pread64", "irui"),
    (1149, "pwrite64", "ibui"),
    (1151, "mmap", "Xxuxxix"),
    (1152, "munmap", "xu"),
    (1155, "mprotect", "xux"),
    (1164, "sched_yield", ""),
    (1168, "nanosleep", "xx"),
    (1170, "prctl", "ixxxx"),
    (1176, "sigaltstack", "xx"),
    (1177, "rt_sigaction", "ixxu"),
    (1178, "rt_sigpending", "xu"),
    (1179, "rt_sigprocmask", "ixxu"),
    (1181, "rt_sigreturn", ""),
    (1182, "rt_sigsuspend", "xu"),
    (1213, "clone2", "xxuxxx"),
    (1229, "tkill", "ii"),
    (1230, "futex", "xiixxi"),
    (1231, "sched_setaffinity", "iux"),
    (1232, "sched_getaffinity", "iux"),
    (1233, "set_tid_address", "x"),
    (1235, "tgkill", "iii"),
    (1236, "exit_group", "i"),
    (1246, "restart_syscall", ""),
    (1254, "clock_gettime", "ix"),
    (1270, "waitid", "iixi"),
    (1281, "openat", "isx"),
    (1304, "getcpu", "xxx"),
];

fn lookup(nr: u64) -> Option<&'static (u64, &'static str, &'static str)> {
    SYSCALLS.iter().find(|s| s.0 == nr)
}

/// The name of syscall `nr` (`syscall_NNNN` when unknown).
pub fn syscall_name(nr: u64) -> String {
    match lookup(nr) {
        Some(s) => s.1.to_string(),
        None => format!("syscall_{nr}"),
    }
}

fn call_text(k: &mut Kernel, tid: Tid, nr: u64, a: &[u64; 6], result: Option<u64>) -> String {
    let Some(&(_, name, spec)) = lookup(nr) else {
        return format!(
            "syscall_{nr}({:#x}, {:#x}, {:#x}, {:#x}, {:#x}, {:#x})",
            a[0], a[1], a[2], a[3], a[4], a[5]
        );
    };
    let kinds: Vec<char> = spec.trim_start_matches('X').chars().collect();
    let mut out = Vec::new();
    for (i, &kind) in kinds.iter().enumerate() {
        let v = a[i];
        let next = a.get(i + 1).copied().unwrap_or(0);
        out.push(match kind {
            'i' => format!("{}", v as i64),
            'u' => format!("{v}"),
            's' => quoted_string(k, tid, v),
            'b' => quoted_buffer(k, tid, v, next),
            'r' => match result {
                Some(n) => quoted_buffer(k, tid, v, n),
                None => format!("{v:#x}"),
            },
            _ => format!("{v:#x}"),
        });
    }
    format!("{name}({})", out.join(", "))
}

/// How much of a string or buffer strace shows (its default `-s 32`).
const SHOW: usize = 32;

fn quoted_string(k: &mut Kernel, tid: Tid, addr: u64) -> String {
    if addr == 0 {
        return "NULL".to_string();
    }
    let mut buf = vec![0u8; SHOW + 1];
    let n = k.access_task_vm(tid, addr, &mut buf, false).unwrap_or(0);
    if n == 0 {
        return format!("{addr:#x}");
    }
    let end = buf[..n].iter().position(|&b| b == 0);
    let s = &buf[..end.unwrap_or(n).min(SHOW)];
    let more = end.is_none_or(|e| e > SHOW);
    format!("{}{}", escape(s), if more { "..." } else { "" })
}

fn quoted_buffer(k: &mut Kernel, tid: Tid, addr: u64, len: u64) -> String {
    let show = (len as usize).min(SHOW);
    let mut buf = vec![0u8; show];
    let n = k.access_task_vm(tid, addr, &mut buf, false).unwrap_or(0);
    if n < show {
        return format!("{addr:#x}");
    }
    let more = len as usize > SHOW;
    format!("{}{}", escape(&buf), if more { "..." } else { "" })
}

fn escape(b: &[u8]) -> String {
    let mut s = String::from("\"");
    for &c in b {
        match c {
            b'\n' => s.push_str("\\n"),
            b'\t' => s.push_str("\\t"),
            b'"' => s.push_str("\\\""),
            b'\\' => s.push_str("\\\\"),
            0x20..=0x7e => s.push(c as char),
            _ => {
                let _ = write!(s, "\\{c:o}");
            }
        }
    }
    s.push('"');
    s
}

fn errno_name(e: u64) -> Option<(&'static str, &'static str)> {
    Some(match e {
        1 => ("EPERM", "Operation not permitted"),
        2 => ("ENOENT", "No such file or directory"),
        3 => ("ESRCH", "No such process"),
        4 => ("EINTR", "Interrupted system call"),
        5 => ("EIO", "Input/output error"),
        9 => ("EBADF", "Bad file descriptor"),
        10 => ("ECHILD", "No child processes"),
        11 => ("EAGAIN", "Resource temporarily unavailable"),
        12 => ("ENOMEM", "Cannot allocate memory"),
        13 => ("EACCES", "Permission denied"),
        14 => ("EFAULT", "Bad address"),
        22 => ("EINVAL", "Invalid argument"),
        29 => ("ESPIPE", "Illegal seek"),
        38 => ("ENOSYS", "Function not implemented"),
        110 => ("ETIMEDOUT", "Connection timed out"),
        512 => ("ERESTARTSYS", "To be restarted if SA_RESTART is set"),
        513 => ("ERESTARTNOINTR", "To be restarted"),
        514 => ("ERESTARTNOHAND", "To be restarted if no handler"),
        516 => ("ERESTART_RESTARTBLOCK", "Interrupted by signal"),
        _ => return None,
    })
}

/// The `--count-syscalls` summary table (`strace -c` columns without times).
pub fn count_table(counts: &BTreeMap<u64, SyscallCount>) -> String {
    let mut rows: Vec<(&u64, &SyscallCount)> = counts.iter().collect();
    rows.sort_by(|a, b| b.1.calls.cmp(&a.1.calls).then(a.0.cmp(b.0)));
    let mut s = String::from("  calls   errors syscall\n-------- -------- ----------------\n");
    let (mut calls, mut errors) = (0, 0);
    for (nr, c) in rows {
        calls += c.calls;
        errors += c.errors;
        let _ = writeln!(s, "{:>8} {:>8} {}", c.calls, c.errors, syscall_name(*nr));
    }
    let _ = writeln!(s, "-------- -------- ----------------");
    let _ = writeln!(s, "{calls:>8} {errors:>8} total");
    s
}
