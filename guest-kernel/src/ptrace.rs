//! ptrace, built as one tracing engine on [`crate::utrace`] (kernel-facilities.md §1.9, §4).
//!
//! This module owns the ptrace engine: its per-tracee state ([`PtraceCtx`]), its callbacks
//! (which turn engine reports into ptrace stops with their wait statuses), the `ptrace`
//! syscall with every request, the register view of a stopped tracee (the Linux/ia64 user
//! area offsets of `ptrace_offsets.h` and `struct pt_all_user_regs`), the tracer's side of
//! `wait4`, and the access rules (`ptrace_may_access`) that `/proc/<pid>/mem` shares. Every
//! stop, resume and detach goes through the engine layer: there is no other path.
//!
//! # Stops
//!
//! Each engine report that must stop the tracee pushes a [`Stop`] on the tracee's queue and
//! answers STOP. The front of the queue is the stop the tracer sees (`wait4` status
//! `code << 8 | 0x7f`); a resume request pops it and, if more stops are queued (a clone event
//! then the syscall-exit stop of the same syscall, for example), asks the engine layer for
//! another report so that the tracee stops again before it returns to user mode, in order.
//!
//! * syscall-enter and syscall-exit stops (PTRACE_SYSCALL): `SIGTRAP`, `| 0x80` with
//!   TRACESYSGOOD;
//! * signal-delivery stops: the engine takes the signal (IGN + STOP) and asks for an
//!   INTERRUPT report; after the tracer resumes, that report delivers the signal the tracer
//!   chose (or none), with a rebuilt siginfo when the number changed;
//! * event stops: `SIGTRAP | event << 8` for FORK, VFORK, CLONE (the child is attached with the
//!   same options and starts with SIGSTOP pending, or an interrupt stop under SEIZE), EXEC,
//!   VFORK_DONE and EXIT (every thread of an exiting group makes its own); without TRACEEXEC
//!   an attached (not seized) tracee gets the legacy SIGTRAP after exec;
//! * group stops: the stop signal (after ATTACH) or `PTRACE_EVENT_STOP << 8 | signal`
//!   (SEIZE); INTERRUPT stops: `PTRACE_EVENT_STOP << 8 | SIGTRAP`. LISTEN at either leaves the
//!   tracee where it is until SIGCONT or INTERRUPT makes it trap again.
//!
//! A tracer that is not the tracee's parent also learns that the tracee's stopped group
//! continued (SIGCHLD with CLD_CONTINUED), through the engine's job-control report.
//!
//! Documented differences from Linux: the tracer's `wait4` reports a traced thread that is
//! not its child process by tid (as `__WALL` does); tasks run with identical credentials and no
//! capabilities, under the rules of Yama `ptrace_scope = 1` (the default of Debian and Ubuntu):
//! attaching, and opening `/proc/<pid>/mem`, needs the target to be a descendant of the caller
//! or in its thread group. `PTRACE_SYSEMU` is x86-only and not provided, as on Linux/ia64.

use std::collections::VecDeque;

use ia64_cpu::fr_format::{fr_to_spill, spill_to_fr};
use ia64_cpu::mem::Access;
use ia64_cpu::state::{ar, psr, State};

use crate::engines::EngineKind;
use crate::kernel::Kernel;
use crate::sigframe;
use crate::signal::{sig, SigInfo};
use crate::syscall::{err, errno, ok, Action};
use crate::task::{RunState, Tid};
use crate::utrace::{
    self, encode, event_mask, signal_action, Callee, EngineId, Event, Report, ResumeAction,
    SignalAction, SyscallAction, EVENT_SIGNAL_ALL, EVENT_SYSCALL, SYSCALL_RESUMED,
};

/// ptrace requests (kernel-facilities.md §4.2; ia64 GETREGS/SETREGS/SINGLEBLOCK).
pub mod req {
    /// PTRACE_TRACEME
    pub const TRACEME: u64 = 0;
    /// PTRACE_PEEKTEXT
    pub const PEEKTEXT: u64 = 1;
    /// PTRACE_PEEKDATA
    pub const PEEKDATA: u64 = 2;
    /// PTRACE_PEEKUSR
    pub const PEEKUSR: u64 = 3;
    /// PTRACE_POKETEXT
    pub const POKETEXT: u64 = 4;
    /// PTRACE_POKEDATA
    pub const POKEDATA: u64 = 5;
    /// PTRACE_POKEUSR
    pub const POKEUSR: u64 = 6;
    /// PTRACE_CONT
    pub const CONT: u64 = 7;
    /// PTRACE_KILL
    pub const KILL: u64 = 8;
    /// PTRACE_SINGLESTEP
    pub const SINGLESTEP: u64 = 9;
    /// PTRACE_SINGLEBLOCK (ia64)
    pub const SINGLEBLOCK: u64 = 12;
    /// PTRACE_ATTACH
    pub const ATTACH: u64 = 16;
    /// PTRACE_DETACH
    pub const DETACH: u64 = 17;
    /// PTRACE_GETREGS (ia64: `struct pt_all_user_regs`)
    pub const GETREGS: u64 = 18;
    /// PTRACE_SETREGS (ia64)
    pub const SETREGS: u64 = 19;
    /// PTRACE_SYSCALL
    pub const SYSCALL: u64 = 24;
    /// PTRACE_SETOPTIONS
    pub const SETOPTIONS: u64 = 0x4200;
    /// PTRACE_GETEVENTMSG
    pub const GETEVENTMSG: u64 = 0x4201;
    /// PTRACE_GETSIGINFO
    pub const GETSIGINFO: u64 = 0x4202;
    /// PTRACE_SETSIGINFO
    pub const SETSIGINFO: u64 = 0x4203;
    /// PTRACE_SEIZE
    pub const SEIZE: u64 = 0x4206;
    /// PTRACE_INTERRUPT
    pub const INTERRUPT: u64 = 0x4207;
    /// PTRACE_LISTEN
    pub const LISTEN: u64 = 0x4208;
}

/// PTRACE_O_* options.
pub mod opt {
    /// TRACESYSGOOD
    pub const TRACESYSGOOD: u64 = 1;
    /// TRACEFORK
    pub const TRACEFORK: u64 = 2;
    /// TRACEVFORK
    pub const TRACEVFORK: u64 = 4;
    /// TRACECLONE
    pub const TRACECLONE: u64 = 8;
    /// TRACEEXEC
    pub const TRACEEXEC: u64 = 0x10;
    /// TRACEVFORKDONE
    pub const TRACEVFORKDONE: u64 = 0x20;
    /// TRACEEXIT
    pub const TRACEEXIT: u64 = 0x40;
    /// TRACESECCOMP (accepted, nothing to report: no seccomp)
    pub const TRACESECCOMP: u64 = 0x80;
    /// EXITKILL
    pub const EXITKILL: u64 = 1 << 20;
    /// Every option this kernel accepts.
    pub const MASK: u64 = 0xff | EXITKILL;
}

/// PTRACE_EVENT_* values.
pub mod event {
    /// FORK
    pub const FORK: u32 = 1;
    /// VFORK
    pub const VFORK: u32 = 2;
    /// CLONE
    pub const CLONE: u32 = 3;
    /// EXEC
    pub const EXEC: u32 = 4;
    /// VFORK_DONE
    pub const VFORK_DONE: u32 = 5;
    /// EXIT
    pub const EXIT: u32 = 6;
    /// STOP (group stop and INTERRUPT under SEIZE)
    pub const STOP: u32 = 128;
}

/// `CLONE_PTRACE`.
const CLONE_PTRACE: u64 = 0x2000;
/// `CLONE_UNTRACED`.
const CLONE_UNTRACED: u64 = 0x0080_0000;
/// `CLONE_VFORK`.
const CLONE_VFORK: u64 = 0x4000;

/// What kind of stop a [`Stop`] is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StopKind {
    /// Syscall-enter-stop.
    SyscallEntry,
    /// Syscall-exit-stop.
    SyscallExit,
    /// Signal-delivery-stop.
    Signal,
    /// Group stop (job control).
    Group,
    /// PTRACE_EVENT_* stop.
    Event(u32),
    /// PTRACE_INTERRUPT (or the seized child's first) stop.
    Interrupt,
}

/// One ptrace stop.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Stop {
    /// Its kind.
    pub kind: StopKind,
    /// The wait status is `code << 8 | 0x7f`.
    pub code: u32,
    /// Its siginfo (`GETSIGINFO`), if it has one.
    pub info: Option<SigInfo>,
}

/// Per-tracee state (`struct ptrace_context`).
#[derive(Clone, Debug)]
pub struct PtraceCtx {
    /// The tracer thread.
    pub tracer: Tid,
    /// The ptrace engine attached to the tracee.
    pub engine: EngineId,
    /// PTRACE_O_* options.
    pub options: u64,
    /// Attached with SEIZE.
    pub seized: bool,
    /// Stops not yet resumed; the front is the one the tracer sees.
    pub stops: VecDeque<Stop>,
    /// The front stop has been reported by `wait4`.
    pub reported: bool,
    /// How callbacks let the tracee go on (RESUME, SINGLESTEP or BLOCKSTEP).
    pub resume: ResumeAction,
    /// PTRACE_SYSCALL: stop at syscall entry and exit.
    pub syscall: bool,
    /// The signal the tracer chose at the last signal-delivery stop (`signo` 0: none).
    pub inject: Option<SigInfo>,
    /// PTRACE_LISTEN is in effect.
    pub listening: bool,
    /// GETEVENTMSG.
    pub eventmsg: u64,
    /// A VFORK_DONE stop is owed when the vfork completes.
    pub vfork_done: bool,
}

/// A traced task died: what its tracer's `wait4` reports (when the tracer is not the real
/// parent that collects the zombie anyway).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TraceeExit {
    /// The tracer thread.
    pub tracer: Tid,
    /// The dead tracee.
    pub tid: Tid,
    /// Its wait status.
    pub status: u32,
}

/// Counters of the ptrace engine.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct PtraceStats {
    /// ptrace syscalls.
    pub requests: u64,
    /// Stops reported to tracers by wait.
    pub stops_reported: u64,
}

/// The ptrace engine's event mask: QUIESCE, CLONE, EXEC, JCTL, DEATH, every signal, plus EXIT
/// with TRACEEXIT in `options` and the syscall events under PTRACE_SYSCALL (`syscall`) (§1.9).
fn events_for(options: u64, syscall: bool) -> u32 {
    let mut m = event_mask(&[
        Event::Quiesce,
        Event::Clone,
        Event::Exec,
        Event::Jctl,
        Event::Death,
    ]) | EVENT_SIGNAL_ALL;
    if options & opt::TRACEEXIT != 0 {
        m |= Event::Exit.bit();
    }
    if syscall {
        m |= EVENT_SYSCALL;
    }
    m
}

// ---------------------------------------------------------------------------------------------
// The engine's callbacks
// ---------------------------------------------------------------------------------------------

/// One callback to the ptrace engine of `c.task`.
pub(crate) fn report(
    k: &mut Kernel,
    c: Callee<Tid, EngineKind, u64>,
    action: u32,
    r: &mut Report<'_, Tid>,
) -> u32 {
    let tid = c.task;
    let Some(ctx) = k.ptrace.get(&tid).filter(|x| x.engine == c.engine) else {
        return ResumeAction::Detach.bits();
    };
    let resume = ctx.resume;
    match r {
        Report::Quiesce { event } => {
            if *event == 0 && !ctx.stops.is_empty() {
                ResumeAction::Stop.bits()
            } else {
                resume.bits()
            }
        }
        Report::SyscallEntry => {
            if action & SYSCALL_RESUMED != 0 || !ctx.syscall {
                return encode(SyscallAction::Run.bits(), resume);
            }
            push_syscall_stop(k, tid, StopKind::SyscallEntry);
            encode(SyscallAction::Run.bits(), ResumeAction::Stop)
        }
        Report::SyscallExit => {
            if !ctx.syscall {
                return resume.bits();
            }
            push_syscall_stop(k, tid, StopKind::SyscallExit);
            ResumeAction::Stop.bits()
        }
        Report::Clone { clone_flags, child } => on_clone(k, tid, *clone_flags, *child),
        Report::Exec => on_exec(k, tid),
        Report::Exit { code, .. } => {
            if ctx.options & opt::TRACEEXIT == 0 {
                return resume.bits();
            }
            // A thread killed by its group's exit may have been in another stop (its trap
            // ended by the kill): the EXIT event is the stop now (ptrace-utrace.c
            // ptrace_report_exit sets the stop code whatever was pending).
            if let Some(c) = ctx_mut(k, tid) {
                c.stops.clear();
                c.inject = None;
                c.listening = false;
            }
            let status = **code as u64;
            push_event(k, tid, event::EXIT, status);
            ResumeAction::Stop.bits()
        }
        Report::Death { .. } => {
            on_death(k, tid);
            ResumeAction::Detach.bits()
        }
        Report::Reap => ResumeAction::Detach.bits(),
        Report::Jctl { what, .. } => match what {
            utrace::Jctl::Stopped => {
                let s = k
                    .tasks
                    .get(&tid)
                    .and_then(|t| k.groups.get(&t.tgid))
                    .and_then(|g| g.stopped)
                    .unwrap_or(sig::SIGSTOP);
                push_group_stop(k, tid, s);
                ResumeAction::Stop.bits()
            }
            utrace::Jctl::Continued => {
                k.ptrace_notify_continued(tid);
                resume.bits()
            }
        },
        Report::Signal {
            info, return_ka, ..
        } => on_signal(k, tid, action, info, return_ka),
    }
}

fn ctx_mut(k: &mut Kernel, tid: Tid) -> Option<&mut PtraceCtx> {
    k.ptrace.get_mut(&tid)
}

fn push(k: &mut Kernel, tid: Tid, stop: Stop) {
    if let Some(c) = ctx_mut(k, tid) {
        if c.stops.is_empty() {
            c.reported = false;
        }
        c.stops.push_back(stop);
    }
}

/// Queue a SIGTRAP stop whose wait status and `si_code` are both `code`.
fn push_trap(k: &mut Kernel, tid: Tid, kind: StopKind, code: u32) {
    let info = SigInfo {
        signo: sig::SIGTRAP,
        code: code as i32,
        ..SigInfo::default()
    };
    push(
        k,
        tid,
        Stop {
            kind,
            code,
            info: Some(info),
        },
    );
}

fn push_syscall_stop(k: &mut Kernel, tid: Tid, kind: StopKind) {
    let good = k
        .ptrace
        .get(&tid)
        .is_some_and(|c| c.options & opt::TRACESYSGOOD != 0);
    push_trap(k, tid, kind, sig::SIGTRAP | if good { 0x80 } else { 0 });
}

fn push_event(k: &mut Kernel, tid: Tid, ev: u32, msg: u64) {
    if let Some(c) = ctx_mut(k, tid) {
        c.eventmsg = msg;
    }
    push_trap(k, tid, StopKind::Event(ev), sig::SIGTRAP | ev << 8);
}

fn push_group_stop(k: &mut Kernel, tid: Tid, s: u32) {
    let seized = k.ptrace.get(&tid).is_some_and(|c| c.seized);
    let code = if seized { event::STOP << 8 | s } else { s };
    let info = seized.then(|| SigInfo {
        signo: s,
        code: (event::STOP << 8 | s) as i32,
        ..SigInfo::default()
    });
    push(
        k,
        tid,
        Stop {
            kind: StopKind::Group,
            code,
            info,
        },
    );
}

fn push_interrupt_stop(k: &mut Kernel, tid: Tid) {
    push_trap(k, tid, StopKind::Interrupt, event::STOP << 8 | sig::SIGTRAP);
}

/// A signal report: take a real signal (signal-delivery-stop), or, in the REPORT pass after
/// it, deliver what the tracer chose.
fn on_signal(
    k: &mut Kernel,
    tid: Tid,
    action: u32,
    info: &mut SigInfo,
    return_ka: &mut crate::signal::SigAction,
) -> u32 {
    let Some(ctx) = k.ptrace.get(&tid) else {
        return ResumeAction::Detach.bits();
    };
    let resume = ctx.resume;
    let engine = ctx.engine;
    let disposition = action & utrace::SIGNAL_ACTION_MASK;
    match signal_action(action) {
        Some(SignalAction::Report | SignalAction::Handler) => {
            // A stop queued meanwhile (INTERRUPT) is taken after the tracer's choice.
            let then = if k.ptrace.get(&tid).is_some_and(|c| !c.stops.is_empty()) {
                ResumeAction::Stop
            } else {
                resume
            };
            match ctx_mut(k, tid).and_then(|c| c.inject.take()) {
                Some(inj) => encode(deliver_injected(k, tid, inj, info, return_ka), then),
                None => encode(disposition, then),
            }
        }
        _ => {
            let stop = Stop {
                kind: StopKind::Signal,
                code: info.signo,
                info: Some(*info),
            };
            push(k, tid, stop);
            // The report after the stop delivers the tracer's choice (§1.9).
            let _ = utrace::control(k, tid, engine, ResumeAction::Interrupt);
            encode(SignalAction::Ign.bits(), ResumeAction::Stop)
        }
    }
}

/// The signal the tracer chose at a signal-delivery stop (kernel/signal.c `ptrace_signal`):
/// none (IGN); one the tracee now blocks goes back on its queue (IGN now); else it is
/// delivered with its current action.
fn deliver_injected(
    k: &mut Kernel,
    tid: Tid,
    inj: SigInfo,
    info: &mut SigInfo,
    return_ka: &mut crate::signal::SigAction,
) -> u32 {
    if inj.signo == 0 {
        return SignalAction::Ign.bits();
    }
    let blocked = k
        .tasks
        .get(&tid)
        .is_some_and(|t| t.blocked & crate::signal::bit(inj.signo) != 0);
    if blocked {
        k.send_thread(tid, inj);
        return SignalAction::Ign.bits();
    }
    *info = inj;
    let tgid = k.tasks.get(&tid).map_or(0, |t| t.tgid);
    *return_ka = k.action(tgid, inj.signo);
    SignalAction::Deliver.bits()
}

/// The clone report in the parent: attach the child when the options (or CLONE_PTRACE) say
/// so, and stop for the event.
fn on_clone(k: &mut Kernel, parent: Tid, flags: u64, child: Tid) -> u32 {
    let Some(ctx) = k.ptrace.get(&parent).cloned() else {
        return ResumeAction::Detach.bits();
    };
    let vfork = flags & CLONE_VFORK != 0;
    let exit_sig = (flags & 0xff) as u32;
    let ev = if vfork {
        (ctx.options & opt::TRACEVFORK != 0).then_some(event::VFORK)
    } else if exit_sig == sig::SIGCHLD {
        (ctx.options & opt::TRACEFORK != 0).then_some(event::FORK)
    } else {
        (ctx.options & opt::TRACECLONE != 0).then_some(event::CLONE)
    };
    if flags & CLONE_UNTRACED != 0 || (ev.is_none() && flags & CLONE_PTRACE == 0) {
        return ctx.resume.bits();
    }
    if attach_engine(k, child, ctx.tracer, ctx.options, ctx.seized).is_ok() {
        if ctx.seized {
            push_interrupt_stop(k, child);
            if let Some(e) = k.ptrace.get(&child).map(|c| c.engine) {
                let _ = utrace::control(k, child, e, ResumeAction::Interrupt);
            }
        } else {
            k.send_thread(child, SigInfo::user(sig::SIGSTOP, 0));
        }
    }
    let Some(ev) = ev else {
        return ctx.resume.bits();
    };
    if vfork && ctx.options & opt::TRACEVFORKDONE != 0 {
        if let Some(c) = ctx_mut(k, parent) {
            c.vfork_done = true;
        }
    }
    push_event(k, parent, ev, child);
    ResumeAction::Stop.bits()
}

fn on_exec(k: &mut Kernel, tid: Tid) -> u32 {
    let Some(ctx) = k.ptrace.get(&tid).cloned() else {
        return ResumeAction::Detach.bits();
    };
    if ctx.options & opt::TRACEEXEC != 0 {
        push_event(k, tid, event::EXEC, tid);
        return ResumeAction::Stop.bits();
    }
    if !ctx.seized {
        // The legacy SIGTRAP after exec: `send_sig(SIGTRAP, current, 0)` (SEND_SIG_NOINFO:
        // SI_USER, si_pid = the exec'ing process).
        let tgid = k.tasks.get(&tid).map_or(0, |t| t.tgid);
        k.send_thread(tid, SigInfo::user(sig::SIGTRAP, tgid));
    }
    ctx.resume.bits()
}

/// The tracee died: a tracer that is not its real parent collects the exit through wait.
fn on_death(k: &mut Kernel, tid: Tid) {
    let Some(ctx) = k.ptrace.remove(&tid) else {
        return;
    };
    let Some(t) = k.tasks.get(&tid) else {
        return;
    };
    let tgid = t.tgid;
    let status = t
        .exit_status
        .or_else(|| k.groups.get(&tgid).and_then(|g| g.exit_status))
        .unwrap_or(0);
    let tracer_tgid = k.tasks.get(&ctx.tracer).map(|t| t.tgid);
    let parent = k.groups.get(&tgid).map(|g| g.ppid);
    let reported_as_child = tid == tgid && parent.is_some() && parent == tracer_tgid;
    if !reported_as_child && tracer_tgid.is_some() {
        k.ptrace_exits.push(TraceeExit {
            tracer: ctx.tracer,
            tid,
            status,
        });
        if let Some(g) = tracer_tgid {
            k.wake_waiters(g);
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Attaching
// ---------------------------------------------------------------------------------------------

/// Attach a ptrace engine for `tracer` to `tid` (exclusive: one ptrace per thread).
fn attach_engine(
    k: &mut Kernel,
    tid: Tid,
    tracer: Tid,
    options: u64,
    seized: bool,
) -> Result<(), u64> {
    let events = events_for(options, false);
    let engine = k
        .try_attach_exclusive(tid, EngineKind::Ptrace, tracer, events)
        .map_err(|e| {
            if e == utrace::Error::Exist {
                errno::EPERM
            } else {
                e.errno().unsigned_abs()
            }
        })?;
    let ctx = PtraceCtx {
        tracer,
        engine,
        options,
        seized,
        stops: VecDeque::new(),
        reported: false,
        resume: ResumeAction::Resume,
        syscall: false,
        inject: None,
        listening: false,
        eventmsg: 0,
        vfork_done: false,
    };
    k.ptrace.insert(tid, ctx);
    Ok(())
}

/// Is `anc` (a thread group) an ancestor of thread group `tgid`?
fn is_ancestor(k: &Kernel, anc: Tid, mut tgid: Tid) -> bool {
    for _ in 0..k.groups.len() + 1 {
        let Some(g) = k.groups.get(&tgid) else {
            return false;
        };
        if g.ppid == anc {
            return true;
        }
        if g.ppid == 0 || g.ppid == tgid {
            return false;
        }
        tgid = g.ppid;
    }
    false
}

/// `__ptrace_may_access` for `caller` on `target` (§4.7): the same thread group always; then
/// credentials (identical for every task here) and dumpability (always); then the Yama
/// `ptrace_scope = 1` rule: the target must descend from the caller.
pub(crate) fn may_access(k: &Kernel, caller: Tid, target: Tid) -> bool {
    let (Some(c), Some(t)) = (k.tasks.get(&caller), k.tasks.get(&target)) else {
        return false;
    };
    if c.tgid == t.tgid {
        return true;
    }
    if k.ptrace.get(&target).is_some_and(|x| x.tracer == caller) {
        return true;
    }
    is_ancestor(k, c.tgid, t.tgid)
}

// ---------------------------------------------------------------------------------------------
// The tracer's view of the tracee's registers
// ---------------------------------------------------------------------------------------------

/// `ptrace_offsets.h` (Linux/ia64 user area).
pub mod pt {
    /// f32–f127 (16 bytes each).
    pub const F32: u64 = 0x0000;
    /// NaT bits of r0–r31.
    pub const NAT_BITS: u64 = 0x0600;
    /// f2–f5.
    pub const F2: u64 = 0x0610;
    /// f10–f31.
    pub const F10: u64 = 0x0650;
    /// r4–r7.
    pub const R4: u64 = 0x07b0;
    /// b1–b5.
    pub const B1: u64 = 0x07d8;
    /// ar.ec
    pub const AR_EC: u64 = 0x0800;
    /// ar.lc
    pub const AR_LC: u64 = 0x0808;
    /// cr.ipsr
    pub const CR_IPSR: u64 = 0x0830;
    /// cr.iip
    pub const CR_IIP: u64 = 0x0838;
    /// cfm
    pub const CFM: u64 = 0x0840;
    /// ar.unat
    pub const AR_UNAT: u64 = 0x0848;
    /// ar.pfs
    pub const AR_PFS: u64 = 0x0850;
    /// ar.rsc
    pub const AR_RSC: u64 = 0x0858;
    /// ar.rnat
    pub const AR_RNAT: u64 = 0x0860;
    /// ar.bspstore
    pub const AR_BSPSTORE: u64 = 0x0868;
    /// pr
    pub const PR: u64 = 0x0870;
    /// b6
    pub const B6: u64 = 0x0878;
    /// ar.bsp: "this points to the *end* of the backing store!"
    pub const AR_BSP: u64 = 0x0880;
    /// r1
    pub const R1: u64 = 0x0888;
    /// r2
    pub const R2: u64 = 0x0890;
    /// r3
    pub const R3: u64 = 0x0898;
    /// r12
    pub const R12: u64 = 0x08a0;
    /// r13
    pub const R13: u64 = 0x08a8;
    /// r14
    pub const R14: u64 = 0x08b0;
    /// r15
    pub const R15: u64 = 0x08b8;
    /// r8
    pub const R8: u64 = 0x08c0;
    /// r9
    pub const R9: u64 = 0x08c8;
    /// r10
    pub const R10: u64 = 0x08d0;
    /// r11
    pub const R11: u64 = 0x08d8;
    /// r16–r31
    pub const R16: u64 = 0x08e0;
    /// ar.ccv
    pub const AR_CCV: u64 = 0x0960;
    /// ar.fpsr
    pub const AR_FPSR: u64 = 0x0968;
    /// b0
    pub const B0: u64 = 0x0970;
    /// b7
    pub const B7: u64 = 0x0978;
    /// f6–f9
    pub const F6: u64 = 0x0980;
    /// ar.csd
    pub const AR_CSD: u64 = 0x09c0;
    /// ar.ssd
    pub const AR_SSD: u64 = 0x09c8;
    /// One past the last general offset.
    pub const END: u64 = 0x09d0;
    /// dbr0–dbr7, the data breakpoint registers of the thread.
    pub const DBR: u64 = 0x2000;
    /// ibr0–ibr7, the instruction breakpoint registers of the thread.
    pub const IBR: u64 = 0x3000;
}

/// A register of the user area.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum UReg {
    /// Half `hi` of floating-point register f (spill format).
    Fr(u8, bool),
    Nat,
    Gr(u8),
    Br(u8),
    Ar(u8),
    Ipsr,
    Iip,
    Cfm,
    Pr,
    Bsp,
    Bspstore,
    Rnat,
    Pfs,
    Rsc,
    /// Debug register `n` of the thread (`thread.dbr[]`, `thread.ibr[]`).
    Dbr(u8),
    Ibr(u8),
}

/// The debug breakpoint registers per kind (`IA64_NUM_DBG_REGS`).
const NUM_DBG_REGS: u64 = 8;

/// The register at user-area offset `off`, if any (`access_uarea`: unaligned offsets and the
/// holes of `ptrace_offsets.h` are rejected; past `PT_AR_SSD` only the eight `PT_DBR` and
/// eight `PT_IBR` words exist).
fn uarea_reg(off: u64) -> Option<UReg> {
    use pt::*;
    if !off.is_multiple_of(8) {
        return None;
    }
    if off >= END {
        return debug_reg(off);
    }
    let fr = |base: u64, first: u8| {
        let i = (off - base) / 16;
        Some(UReg::Fr(first + i as u8, !(off - base).is_multiple_of(16)))
    };
    let gr_run = |base: u64, first: u8| Some(UReg::Gr(first + ((off - base) / 8) as u8));
    match off {
        _ if off < NAT_BITS => fr(F32, 32),
        NAT_BITS => Some(UReg::Nat),
        _ if (F2..F10).contains(&off) => fr(F2, 2),
        _ if (F10..R4).contains(&off) => fr(F10, 10),
        _ if (R4..R4 + 32).contains(&off) => gr_run(R4, 4),
        _ if (B1..B1 + 40).contains(&off) => Some(UReg::Br(1 + ((off - B1) / 8) as u8)),
        AR_EC => Some(UReg::Ar(ar::EC)),
        AR_LC => Some(UReg::Ar(ar::LC)),
        CR_IPSR => Some(UReg::Ipsr),
        CR_IIP => Some(UReg::Iip),
        CFM => Some(UReg::Cfm),
        AR_UNAT => Some(UReg::Ar(ar::UNAT)),
        AR_PFS => Some(UReg::Pfs),
        AR_RSC => Some(UReg::Rsc),
        AR_RNAT => Some(UReg::Rnat),
        AR_BSPSTORE => Some(UReg::Bspstore),
        PR => Some(UReg::Pr),
        B6 => Some(UReg::Br(6)),
        AR_BSP => Some(UReg::Bsp),
        R1 | R2 | R3 => gr_run(R1, 1),
        R12..=R15 => gr_run(R12, 12),
        R8..=R11 => gr_run(R8, 8),
        _ if (R16..R16 + 128).contains(&off) => gr_run(R16, 16),
        AR_CCV => Some(UReg::Ar(ar::CCV)),
        AR_FPSR => Some(UReg::Ar(ar::FPSR)),
        B0 => Some(UReg::Br(0)),
        B7 => Some(UReg::Br(7)),
        _ if (F6..AR_CSD).contains(&off) => fr(F6, 6),
        AR_CSD => Some(UReg::Ar(ar::CSD)),
        AR_SSD => Some(UReg::Ar(ar::SSD)),
        _ => None,
    }
}

/// `access_uarea`'s debug registers: `PT_IBR + 8n` or `PT_DBR + 8n` for n < 8.
fn debug_reg(off: u64) -> Option<UReg> {
    let (base, reg): (u64, fn(u8) -> UReg) = if off >= pt::IBR {
        (pt::IBR, UReg::Ibr)
    } else if off >= pt::DBR {
        (pt::DBR, UReg::Dbr)
    } else {
        return None;
    };
    let n = (off - base) / 8;
    (n < NUM_DBG_REGS).then(|| reg(n as u8))
}

/// A debug-register write as `access_uarea` makes it: the odd registers (the mask and
/// privilege words) lose their privilege-level bits 58:56, so a tracer cannot set a
/// kernel-level breakpoint.
fn debug_reg_value(n: u8, v: u64) -> u64 {
    if n & 1 == 1 {
        v & !(7 << 56)
    } else {
        v
    }
}

/// The CFM bits of `cr_ifs` (38 bits).
const CFM_MASK: u64 = (1 << 38) - 1;

/// `IPSR_MASK` of arch/ia64/kernel/ptrace.c: the user mask (be, up, ac, mfl, mfh) plus db,
/// id, dd, is, ri — the only PSR bits a tracer sees (`PT_CR_IPSR` reads `cr_ipsr & IPSR_MASK`)
/// and may change.
const IPSR_MASK: u64 = (1 << psr::BE)
    | (1 << psr::UP)
    | (1 << psr::AC)
    | (1 << psr::MFL)
    | (1 << psr::MFH)
    | (1 << psr::DB)
    | (1 << psr::ID)
    | (1 << psr::DD)
    | (1 << psr::IS)
    | (3 << psr::RI);

impl Kernel {
    /// Read user-area register `r` of stopped tracee `tid`.
    pub(crate) fn read_ureg(&self, tid: Tid, r: UReg) -> Option<u64> {
        let t = self.tasks.get(&tid)?;
        let st: &State = &t.ctx;
        let p = &t.pt;
        Some(match r {
            UReg::Fr(f, hi) => {
                let v = fr_to_spill(st.read_fr(f));
                if hi {
                    (v >> 64) as u64
                } else {
                    v as u64
                }
            }
            UReg::Nat => (1..32).fold(0, |m, n| m | u64::from(user_gr(st, n).1) << n),
            UReg::Gr(n) => user_gr(st, n).0,
            UReg::Br(n) => st.br[usize::from(n)],
            UReg::Ar(n) => st.ar[usize::from(n)],
            UReg::Ipsr => p.cr_ipsr & IPSR_MASK,
            UReg::Iip => p.cr_iip,
            UReg::Cfm => p.cr_ifs & CFM_MASK,
            UReg::Pr => st.pr,
            UReg::Bsp => crate::rbs::user_rbs_end(p),
            UReg::Bspstore => p.ar_bspstore,
            UReg::Rnat => p.ar_rnat,
            UReg::Pfs => p.ar_pfs,
            UReg::Rsc => p.ar_rsc,
            UReg::Dbr(n) => st.ind.dbr[usize::from(n)],
            UReg::Ibr(n) => st.ind.ibr[usize::from(n)],
        })
    }

    /// Write user-area register `r` of stopped tracee `tid` (the rules of `access_uarea` and
    /// rse-spec.md §7.3).
    pub(crate) fn write_ureg(&mut self, tid: Tid, r: UReg, v: u64) -> bool {
        let Some(t) = self.tasks.get_mut(&tid) else {
            return false;
        };
        let st: &mut State = &mut t.ctx;
        let p = &mut t.pt;
        match r {
            UReg::Fr(f, hi) => {
                if f < 2 {
                    return false;
                }
                let old = fr_to_spill(st.read_fr(f));
                let new = if hi {
                    (old & u128::from(u64::MAX)) | u128::from(v) << 64
                } else {
                    (old & !u128::from(u64::MAX)) | u128::from(v)
                };
                st.write_fr(f, spill_to_fr(new));
            }
            UReg::Nat => {
                for n in 1..32 {
                    let (val, _) = user_gr(st, n);
                    set_user_gr(st, n, val, v >> n & 1 != 0);
                }
            }
            UReg::Gr(n) => {
                let nat = user_gr(st, n).1;
                set_user_gr(st, n, v, nat);
            }
            UReg::Br(n) => st.br[usize::from(n)] = v,
            UReg::Ar(n) => st.ar[usize::from(n)] = v,
            UReg::Ipsr => {
                let mut ipsr = (p.cr_ipsr & !IPSR_MASK) | (v & IPSR_MASK);
                if (ipsr >> psr::RI) & 3 == 3 {
                    ipsr &= !(3 << psr::RI);
                }
                p.cr_ipsr = ipsr;
            }
            UReg::Iip => p.cr_iip = v,
            UReg::Pr => st.pr = v | 1,
            UReg::Rnat => p.ar_rnat = v,
            UReg::Pfs => p.ar_pfs = v,
            // PT_AR_RSC writes are forced to privilege level 3.
            UReg::Rsc => p.ar_rsc = v | (3 << 2),
            UReg::Bspstore => p.ar_bspstore = v,
            UReg::Dbr(n) => st.ind.dbr[usize::from(n)] = debug_reg_value(n, v),
            UReg::Ibr(n) => st.ind.ibr[usize::from(n)] = debug_reg_value(n, v),
            UReg::Bsp => {
                // "Simulate a user-level write of ar.bsp": the user stack now ends at `v`; the
                // return takes the interruption path and refills the frame from memory.
                if v != crate::rbs::user_rbs_end(p) {
                    convert_to_non_syscall(p);
                    p.loadrs = 0;
                    p.ar_bspstore = v;
                }
            }
            UReg::Cfm => {
                if (p.cr_ifs ^ v) & CFM_MASK != 0 {
                    let end = crate::rbs::user_rbs_end(p);
                    if p.in_syscall() {
                        convert_to_non_syscall(p);
                        p.loadrs = 0;
                        p.ar_bspstore = end;
                    }
                    p.cr_ifs = (p.cr_ifs & !CFM_MASK) | (v & CFM_MASK);
                }
            }
        }
        true
    }
}

/// `convert_to_non_syscall`: the return goes through the interruption path (IFS valid with
/// the user CFM). The registers of the user frame must already be in user memory (the stop
/// wrote them back), which is why the tracer's geometry change is honoured there.
fn convert_to_non_syscall(p: &mut crate::entry::PtRegs) {
    if p.in_syscall() {
        p.cr_ifs = (1 << 63) | (p.cr_ifs & CFM_MASK);
    }
}

/// The user value of r`n` (r16–r31 are in the inactive bank while the kernel runs).
pub(crate) fn user_gr(st: &State, n: u8) -> (u64, bool) {
    crate::sigkernel::user_gr(st, usize::from(n))
}

fn set_user_gr(st: &mut State, n: u8, v: u64, nat: bool) {
    crate::sigkernel::set_user_gr(st, usize::from(n), v, nat);
}

// ---------------------------------------------------------------------------------------------
// struct pt_all_user_regs (GETREGS / SETREGS)
// ---------------------------------------------------------------------------------------------

/// `sizeof(struct pt_all_user_regs)` (arch/ia64/include/uapi/asm/ptrace.h): nat, cr_iip, cfm,
/// cr_ipsr, pr, `gr[32]`, `br[8]`, `ar[128]`, then `fr[128]` of `struct ia64_fpreg` — 16 bytes
/// and 16-byte aligned (asm/fpu.h: a `long double` member "forces 16-byte alignment"), so fr[]
/// starts at 1392 after 8 bytes of padding and the struct is 3440 bytes.
pub const ALL_USER_REGS_SIZE: usize = FR_OFF + 128 * 16;
const GR_OFF: usize = 5 * 8;
const BR_OFF: usize = GR_OFF + 32 * 8;
const AR_OFF: usize = BR_OFF + 8 * 8;
/// `offsetof(struct pt_all_user_regs, fr)`: ar[] ends at 1384, rounded up to 16.
const FR_OFF: usize = (AR_OFF + 128 * 8).next_multiple_of(16);

/// ar[] indices of `pt_all_user_regs` (PT_AUR_*): the architectural AR numbers.
const AUR_RSC: usize = 16;
const AUR_BSP: usize = 17;
const AUR_BSPSTORE: usize = 18;
const AUR_RNAT: usize = 19;
const AUR_CCV: usize = 32;
const AUR_UNAT: usize = 36;
const AUR_FPSR: usize = 40;
const AUR_PFS: usize = 64;
const AUR_LC: usize = 65;
const AUR_EC: usize = 66;

/// The words `ptrace_getregs` stores and `ptrace_setregs` loads: (byte offset in
/// `pt_all_user_regs`, register). Only these: nat, cr_iip, cfm, cr_ipsr, pr, gr[1..31], all
/// of br[], fr[2..127] and, of ar[], the ten entries above (not csd, ssd or any other); gr[0],
/// fr[0] and fr[1] (constants) are not stored either.
fn all_regs_words() -> Vec<(usize, UReg)> {
    let mut w = vec![
        (8, UReg::Iip),
        (24, UReg::Ipsr),
        (16, UReg::Cfm),
        (32, UReg::Pr),
        (0, UReg::Nat),
    ];
    let ar = [
        (AUR_PFS, UReg::Pfs),
        (AUR_RSC, UReg::Rsc),
        (AUR_BSPSTORE, UReg::Bspstore),
        (AUR_UNAT, UReg::Ar(ar::UNAT)),
        (AUR_CCV, UReg::Ar(ar::CCV)),
        (AUR_FPSR, UReg::Ar(ar::FPSR)),
        (AUR_EC, UReg::Ar(ar::EC)),
        (AUR_LC, UReg::Ar(ar::LC)),
        (AUR_RNAT, UReg::Rnat),
        (AUR_BSP, UReg::Bsp),
    ];
    w.extend(ar.iter().map(|&(i, r)| (AR_OFF + 8 * i, r)));
    w.extend((1..32u8).map(|n| (GR_OFF + 8 * usize::from(n), UReg::Gr(n))));
    w.extend((0..8u8).map(|n| (BR_OFF + 8 * usize::from(n), UReg::Br(n))));
    for f in 2..128u8 {
        let off = FR_OFF + 16 * usize::from(f);
        w.push((off, UReg::Fr(f, false)));
        w.push((off + 8, UReg::Fr(f, true)));
    }
    w
}

impl Kernel {
    /// `ptrace_getregs`: every error is EIO (an unaligned buffer; a word that cannot be
    /// stored: `retval ? -EIO : 0`); the words before a failing one are stored.
    fn ptrace_getregs(&mut self, tid: Tid, buf: u64) -> Action {
        if !buf.is_multiple_of(8) {
            return err(errno::EIO);
        }
        let mut failed = false;
        for (off, r) in all_regs_words() {
            let Some(v) = self.read_ureg(tid, r) else {
                return err(errno::ESRCH);
            };
            let addr = buf.wrapping_add(off as u64);
            failed |= self.copy_to_user(addr, &v.to_le_bytes()).is_err();
        }
        if failed {
            err(errno::EIO)
        } else {
            ok(0)
        }
    }

    /// `ptrace_setregs`: EIO for an unaligned or unreadable buffer (nothing is changed then);
    /// otherwise the registers are written in Linux's order — the plain words first, then
    /// through the user-area rules PT_CR_IPSR, PT_AR_RSC, PT_AR_EC, PT_AR_LC, PT_AR_RNAT,
    /// PT_AR_BSP, PT_CFM and last PT_NAT_BITS.
    fn ptrace_setregs(&mut self, tid: Tid, buf: u64) -> Action {
        if !buf.is_multiple_of(8) {
            return err(errno::EIO);
        }
        let Ok(b) = self.copy_from_user(buf, ALL_USER_REGS_SIZE as u64) else {
            return err(errno::EIO);
        };
        let late = [
            UReg::Ipsr,
            UReg::Rsc,
            UReg::Ar(ar::EC),
            UReg::Ar(ar::LC),
            UReg::Rnat,
            UReg::Bsp,
            UReg::Cfm,
            UReg::Nat,
        ];
        let words = all_regs_words();
        let value = |off: usize| crate::syscall::le_u64(&b, off);
        for &(off, r) in words.iter().filter(|(_, r)| !late.contains(r)) {
            self.write_ureg(tid, r, value(off));
        }
        for r in late {
            if let Some(&(off, _)) = words.iter().find(|(_, x)| *x == r) {
                self.write_ureg(tid, r, value(off));
            }
        }
        ok(0)
    }
}

// ---------------------------------------------------------------------------------------------
// The syscall
// ---------------------------------------------------------------------------------------------

impl Kernel {
    /// `ptrace(request, pid, addr, data)`.
    pub(crate) fn sys_ptrace(&mut self, request: u64, pid: u64, addr: u64, data: u64) -> Action {
        self.stats.ptrace.requests += 1;
        let me = self.cur;
        match request {
            req::TRACEME => return self.ptrace_traceme(me),
            req::ATTACH | req::SEIZE => return self.ptrace_attach(me, pid, request, addr, data),
            _ => {}
        }
        let tid = pid;
        let traced_by_me = self.ptrace.get(&tid).is_some_and(|c| c.tracer == me);
        if !traced_by_me {
            return err(errno::ESRCH);
        }
        match request {
            req::KILL => {
                self.send_thread(tid, SigInfo::user(sig::SIGKILL, 0));
                return ok(0);
            }
            req::INTERRUPT => return self.ptrace_interrupt(tid),
            _ => {}
        }
        if !self.ptrace_stopped(tid) {
            return err(errno::ESRCH);
        }
        match request {
            req::PEEKTEXT | req::PEEKDATA => self.ptrace_peek(tid, addr),
            req::POKETEXT | req::POKEDATA => self.ptrace_poke(tid, addr, data),
            req::PEEKUSR => match uarea_reg(addr).and_then(|r| self.read_ureg(tid, r)) {
                Some(v) => ok(v),
                None => err(errno::EIO),
            },
            req::POKEUSR => match uarea_reg(addr) {
                Some(r) if self.write_ureg(tid, r, data) => ok(0),
                _ => err(errno::EIO),
            },
            req::GETREGS => self.ptrace_getregs(tid, data),
            req::SETREGS => self.ptrace_setregs(tid, data),
            req::SETOPTIONS => self.ptrace_setoptions(tid, data),
            req::GETEVENTMSG => {
                let msg = self.ptrace.get(&tid).map_or(0, |c| c.eventmsg);
                match self.copy_to_user(data, &msg.to_le_bytes()) {
                    Ok(()) => ok(0),
                    Err(e) => err(e),
                }
            }
            req::GETSIGINFO => self.ptrace_getsiginfo(tid, data),
            req::SETSIGINFO => self.ptrace_setsiginfo(tid, data),
            req::CONT | req::SYSCALL | req::SINGLESTEP | req::SINGLEBLOCK => {
                self.ptrace_resume(tid, request, data)
            }
            req::LISTEN => self.ptrace_listen(tid),
            req::DETACH => self.ptrace_detach(tid, data),
            _ => err(errno::EIO),
        }
    }

    /// Whether tracee `tid` is in a ptrace stop the tracer may act on (`ptrace_check_attach`:
    /// stopped by the engine, switched out, not listening).
    fn ptrace_stopped(&self, tid: Tid) -> bool {
        let Some(c) = self.ptrace.get(&tid) else {
            return false;
        };
        let off_cpu = self
            .tasks
            .get(&tid)
            .is_some_and(|t| t.on_cpu.is_none() && t.state != RunState::Runnable);
        !c.listening && !c.stops.is_empty() && off_cpu && self.utrace.is_utraced(tid)
    }

    fn ptrace_traceme(&mut self, me: Tid) -> Action {
        if self.ptrace.contains_key(&me) {
            return err(errno::EPERM);
        }
        let tgid = self.tasks.get(&me).map_or(0, |t| t.tgid);
        let ppid = self.groups.get(&tgid).map_or(0, |g| g.ppid);
        let Some(&tracer) = self.groups.get(&ppid).and_then(|g| g.threads.first()) else {
            return err(errno::EPERM);
        };
        match self.as_current(me, |k| attach_engine(k, me, tracer, 0, false)) {
            Ok(()) => ok(0),
            Err(e) => err(e),
        }
    }

    /// ATTACH and SEIZE (kernel/ptrace.c): no such task is ESRCH (the lookup in the syscall);
    /// then, for SEIZE, a non-zero `addr` or an unknown option is EIO, checked before anything
    /// else (`retval = -EIO` in `ptrace_attach`); then EPERM for the caller's own thread group,
    /// a task already traced, or one the caller may not access.
    fn ptrace_attach(&mut self, me: Tid, pid: u64, request: u64, addr: u64, data: u64) -> Action {
        let Some(t) = self.tasks.get(&pid) else {
            return err(errno::ESRCH);
        };
        let seize = request == req::SEIZE;
        if seize && (addr != 0 || data & !opt::MASK != 0) {
            return err(errno::EIO);
        }
        let (tgid, my_tgid) = (t.tgid, self.cur_tgid());
        if tgid == my_tgid || self.ptrace.contains_key(&pid) {
            return err(errno::EPERM);
        }
        if !may_access(self, me, pid) {
            return err(errno::EPERM);
        }
        let options = if seize { data } else { 0 };
        if let Err(e) = attach_engine(self, pid, me, options, seize) {
            return err(e);
        }
        // A task already in a group stop never passes a stop for this tracer before it is
        // examined: write back now (ptrace_attach_sync_user_rbs, rse-spec.md §8.5 point 4).
        if self
            .tasks
            .get(&pid)
            .is_some_and(|t| t.state == RunState::Stopped)
        {
            let _ = self.rse_writeback_for(pid, crate::coherence::SyncReason::Demand);
        }
        if !seize {
            // send_sig_info(SIGSTOP, SEND_SIG_PRIV, task): SI_KERNEL, no sender.
            self.send_thread(pid, SigInfo::kernel(sig::SIGSTOP));
        }
        ok(0)
    }

    fn ptrace_interrupt(&mut self, tid: Tid) -> Action {
        let Some(c) = self.ptrace.get(&tid) else {
            return err(errno::ESRCH);
        };
        if !c.seized {
            return err(errno::EIO);
        }
        let engine = c.engine;
        // "INTERRUPT doesn't disturb existing trap sans one exception": a listening tracee
        // traps again.
        if self
            .ptrace
            .get_mut(&tid)
            .is_some_and(|c| std::mem::take(&mut c.listening))
        {
            self.ptrace_retrap(tid);
            return ok(0);
        }
        if self.ptrace.get(&tid).is_some_and(|c| c.stops.is_empty()) {
            push_interrupt_stop(self, tid);
        }
        let _ = utrace::control(self, tid, engine, ResumeAction::Interrupt);
        ok(0)
    }

    /// A listening tracee traps again (INTERRUPT, or its group continued): still held in the
    /// trap it listened at, it reports the new trap at once; back in its group stop (INTERRUPT
    /// while the group is stopped), it traps with the stop signal as a group stop does
    /// (kernel/signal.c `do_jobctl_trap`); a task SIGCONT let run traps on its way out.
    fn ptrace_retrap(&mut self, tid: Tid) {
        let Some(engine) = self.ptrace.get(&tid).map(|c| c.engine) else {
            return;
        };
        let task = self.tasks.get(&tid).map(|t| (t.state, t.tgid));
        let group_stop = task
            .filter(|(state, _)| *state == RunState::Stopped)
            .and_then(|(_, tgid)| self.groups.get(&tgid))
            .and_then(|g| g.stopped);
        if self.utrace.is_utraced(tid) {
            push_interrupt_stop(self, tid);
            self.on_trace_stop(tid);
        } else if let Some(s) = group_stop {
            // Nothing ran since the group stop wrote the register stack back.
            push_group_stop(self, tid, s);
            let _ = utrace::control(self, tid, engine, ResumeAction::Stop);
            self.on_trace_stop(tid);
        } else {
            push_interrupt_stop(self, tid);
            let _ = utrace::control(self, tid, engine, ResumeAction::Interrupt);
        }
    }

    fn ptrace_setoptions(&mut self, tid: Tid, data: u64) -> Action {
        if data & !opt::MASK != 0 {
            return err(errno::EINVAL);
        }
        let Some(c) = self.ptrace.get_mut(&tid) else {
            return err(errno::ESRCH);
        };
        c.options = data;
        let (engine, events) = (c.engine, events_for(c.options, c.syscall));
        let _ = utrace::set_events(self, tid, engine, events);
        ok(0)
    }

    fn ptrace_getsiginfo(&mut self, tid: Tid, data: u64) -> Action {
        let info = self
            .ptrace
            .get(&tid)
            .and_then(|c| c.stops.front())
            .and_then(|s| s.info);
        let Some(info) = info else {
            return err(errno::EINVAL);
        };
        let bytes = crate::sigkernel::guest_info(&info).encode();
        match self.copy_to_user(data, &bytes) {
            Ok(()) => ok(0),
            Err(e) => err(e),
        }
    }

    fn ptrace_setsiginfo(&mut self, tid: Tid, data: u64) -> Action {
        let b = match self.copy_from_user(data, sigframe::SIGINFO_SIZE as u64) {
            Ok(b) => b,
            Err(e) => return err(e),
        };
        let Some(g) = sigframe::SigInfo::decode(&b) else {
            return err(errno::EINVAL);
        };
        let Some(stop) = self.ptrace.get_mut(&tid).and_then(|c| c.stops.front_mut()) else {
            return err(errno::EINVAL);
        };
        if stop.info.is_none() {
            return err(errno::EINVAL);
        }
        stop.info = Some(crate::sigkernel::host_info(&g));
        ok(0)
    }

    /// CONT, SYSCALL, SINGLESTEP, SINGLEBLOCK: set how the tracee goes on, inject `data` at a
    /// signal-delivery stop, pop the stop, and resume (or re-stop for the next queued stop).
    fn ptrace_resume(&mut self, tid: Tid, request: u64, data: u64) -> Action {
        if data > crate::signal::NSIG as u64 {
            return err(errno::EIO);
        }
        let Some(c) = self.ptrace.get_mut(&tid) else {
            return err(errno::ESRCH);
        };
        c.syscall = request == req::SYSCALL;
        c.resume = match request {
            req::SINGLESTEP => ResumeAction::SingleStep,
            req::SINGLEBLOCK => ResumeAction::BlockStep,
            _ => ResumeAction::Resume,
        };
        let stop = c.stops.pop_front();
        c.reported = false;
        if let Some(s) = stop {
            match s.kind {
                StopKind::Signal => {
                    let mut info = s.info.unwrap_or_default();
                    if data as u32 != info.signo {
                        // kernel/signal.c ptrace_signal: a signal the tracer changed gets a
                        // new siginfo, SI_USER from the tracer (`current->parent`).
                        info = SigInfo::user(data as u32, c.tracer);
                    }
                    c.inject = Some(if data == 0 { SigInfo::default() } else { info });
                }
                // At syscall stops the signal is queued as if by tkill (ptrace-tests notes).
                StopKind::SyscallEntry | StopKind::SyscallExit if data != 0 => {
                    let info = SigInfo::user(data as u32, 0);
                    self.send_thread(tid, info);
                }
                _ => {}
            }
        }
        self.ptrace_continue(tid);
        ok(0)
    }

    /// After a stop was popped: stop again for the next queued one, or let the tracee go.
    fn ptrace_continue(&mut self, tid: Tid) {
        let Some(c) = self.ptrace.get(&tid) else {
            return;
        };
        let (engine, events, more, resume) = (
            c.engine,
            events_for(c.options, c.syscall),
            !c.stops.is_empty(),
            c.resume,
        );
        let _ = utrace::set_events(self, tid, engine, events);
        let action = if more { ResumeAction::Report } else { resume };
        let _ = utrace::control(self, tid, engine, action);
    }

    /// LISTEN (kernel/ptrace.c `ptrace_request`): EIO unless the tracee is seized and its
    /// stop is a PTRACE_EVENT_STOP trap (`last_siginfo->si_code >> 8 == PTRACE_EVENT_STOP`:
    /// a group stop or an INTERRUPT trap). The tracee is not resumed: it stays where it is but
    /// is no longer stopped for ptrace or wait, until a group-stop change (SIGCONT) or
    /// INTERRUPT makes it trap again. From a group stop the engine lets go (the task stays in
    /// the group stop, which SIGCONT ends); from an INTERRUPT trap it keeps the task stopped.
    fn ptrace_listen(&mut self, tid: Tid) -> Action {
        let Some(c) = self.ptrace.get_mut(&tid) else {
            return err(errno::ESRCH);
        };
        let front = c.stops.front().copied();
        let event_stop = front
            .and_then(|s| s.info)
            .is_some_and(|i| i.code >> 8 == event::STOP as i32);
        if !c.seized || !event_stop {
            return err(errno::EIO);
        }
        c.stops.pop_front();
        c.reported = false;
        c.listening = true;
        let engine = c.engine;
        if front.is_some_and(|s| s.kind == StopKind::Group) {
            let _ = utrace::control(self, tid, engine, ResumeAction::Resume);
        }
        ok(0)
    }

    fn ptrace_detach(&mut self, tid: Tid, data: u64) -> Action {
        if data > crate::signal::NSIG as u64 {
            return err(errno::EIO);
        }
        self.ptrace_detach_task(tid, data as u32);
        ok(0)
    }

    /// Detach the ptrace engine from `tid`; `signo` (≠ 0) is delivered from a
    /// signal-delivery stop.
    pub(crate) fn ptrace_detach_task(&mut self, tid: Tid, signo: u32) {
        let Some(c) = self.ptrace.remove(&tid) else {
            return;
        };
        let at_signal = c.stops.front().is_some_and(|s| s.kind == StopKind::Signal);
        utrace::UtraceHost::set_user_step(self, tid, utrace::UserStep::Off);
        let _ = utrace::control(self, tid, c.engine, ResumeAction::Detach);
        if signo != 0 && at_signal {
            self.send_thread(tid, SigInfo::user(signo, 0));
        }
        // The detached tracee runs on (the compatibility behaviour: even from a group stop).
        if let Some(t) = self.tasks.get_mut(&tid) {
            if matches!(t.state, RunState::Traced | RunState::Stopped) {
                t.state = RunState::Runnable;
                self.enqueue(tid);
            }
        }
    }

    /// The tracer `tracer` exits: its tracees are detached and go on (EXITKILL: killed).
    pub(crate) fn ptrace_tracer_gone(&mut self, tracer: Tid) {
        let tracees: Vec<(Tid, bool)> = self
            .ptrace
            .iter()
            .filter(|(_, c)| c.tracer == tracer)
            .map(|(&t, c)| (t, c.options & opt::EXITKILL != 0))
            .collect();
        for (t, kill) in tracees {
            if kill {
                self.send_thread(t, SigInfo::user(sig::SIGKILL, 0));
            } else {
                self.ptrace_detach_task(t, 0);
            }
        }
        self.ptrace_exits.retain(|e| e.tracer != tracer);
    }

    // ----- data access -----

    fn ptrace_peek(&mut self, tid: Tid, addr: u64) -> Action {
        match self.peek_data(tid, addr) {
            Some(v) => ok(v),
            None => err(errno::EIO),
        }
    }

    fn ptrace_poke(&mut self, tid: Tid, addr: u64, data: u64) -> Action {
        if self.poke_data(tid, addr, data) {
            ok(0)
        } else {
            err(errno::EIO)
        }
    }

    /// The word `PTRACE_PEEKDATA` reads at user address `addr` of `tid`: redirected to the
    /// kernel backing store under `none` (`ia64_peek`), plain memory otherwise (`None`: EIO).
    pub(crate) fn peek_data(&mut self, tid: Tid, addr: u64) -> Option<u64> {
        if let Some(v) = self.rbs_redirect_peek(tid, addr) {
            return v;
        }
        let mut b = [0u8; 8];
        (self.access_task_vm(tid, addr, &mut b, false) == Some(8)).then(|| u64::from_le_bytes(b))
    }

    /// Write `data` at user address `addr` of `tid` as `PTRACE_POKEDATA` does (redirected as
    /// [`Kernel::peek_data`] reads); false: EIO.
    pub(crate) fn poke_data(&mut self, tid: Tid, addr: u64, data: u64) -> bool {
        match self.rbs_redirect_poke(tid, addr, data) {
            Some(ok) => ok,
            None => self.access_task_vm(tid, addr, &mut data.to_le_bytes(), true) == Some(8),
        }
    }

    /// `access_process_vm` with FOLL_FORCE on `tid`'s address space: copy `buf.len()` bytes
    /// from (or, with `write`, to) user address `addr`; returns the bytes done (`None`: no
    /// such task).
    pub(crate) fn access_task_vm(
        &mut self,
        tid: Tid,
        addr: u64,
        buf: &mut [u8],
        write: bool,
    ) -> Option<usize> {
        let mm = self.tasks.get(&tid)?.mm;
        Some(self.access_mm(mm, addr, buf, write))
    }

    /// Copy to or from user memory of memory descriptor `mm`, byte by byte up to the first
    /// unmapped byte (forced: read-only pages are written too, as a debugger's are).
    pub(crate) fn access_mm(&mut self, mm: usize, addr: u64, buf: &mut [u8], write: bool) -> usize {
        let Some(mut view) = self.mm_view(mm) else {
            return 0;
        };
        let mut done = 0;
        for (i, b) in buf.iter_mut().enumerate() {
            let a = addr.wrapping_add(i as u64);
            if !ia64_machine::layout::is_user_region(a) {
                break;
            }
            let r = if write {
                ia64_cpu::mem::Memory::write_u8(&mut view, a, *b, Access::debug())
            } else {
                ia64_cpu::mem::Memory::read_u8(&mut view, a, Access::debug()).map(|v| *b = v)
            };
            if r.is_err() {
                break;
            }
            done += 1;
        }
        done
    }

    // ----- wait -----

    /// The tracer's side of wait: a stop or exit of a tracee of the caller's thread group
    /// matching `pid` (−1: any). Returns (tid, wait status).
    pub(crate) fn ptrace_wait_event(&mut self, pid: i64, consume: bool) -> Option<(Tid, u32)> {
        let my_tgid = self.cur_tgid();
        let mine = |k: &Self, tracer: Tid| k.tasks.get(&tracer).is_some_and(|t| t.tgid == my_tgid);
        let matches = |tid: Tid| pid <= 0 || tid == pid as u64;
        if let Some(i) = self
            .ptrace_exits
            .iter()
            .position(|e| matches(e.tid) && mine(self, e.tracer))
        {
            let e = self.ptrace_exits[i];
            if consume {
                self.ptrace_exits.remove(i);
            }
            return Some((e.tid, e.status));
        }
        let found = self
            .ptrace
            .iter()
            .filter(|(&t, c)| matches(t) && !c.reported && mine(self, c.tracer))
            .find(|(&t, c)| !c.stops.is_empty() && self.ptrace_stopped_for_wait(t))
            .map(|(&t, c)| (t, c.stops.front().map_or(0, |s| s.code)));
        let (tid, code) = found?;
        if consume {
            if let Some(c) = self.ptrace.get_mut(&tid) {
                c.reported = true;
            }
            self.stats.ptrace.stops_reported += 1;
        }
        Some((tid, code << 8 | 0x7f))
    }

    fn ptrace_stopped_for_wait(&self, tid: Tid) -> bool {
        self.utrace.is_utraced(tid)
            && self
                .tasks
                .get(&tid)
                .is_some_and(|t| t.on_cpu.is_none() && t.state != RunState::Runnable)
    }

    /// Does the caller's thread group trace anything matching `pid`?
    pub(crate) fn has_tracees(&self, pid: i64) -> bool {
        let my_tgid = self.cur_tgid();
        let mine = |tracer: Tid| self.tasks.get(&tracer).is_some_and(|t| t.tgid == my_tgid);
        self.ptrace
            .iter()
            .any(|(&t, c)| (pid <= 0 || t == pid as u64) && mine(c.tracer))
            || self
                .ptrace_exits
                .iter()
                .any(|e| (pid <= 0 || e.tid == pid as u64) && mine(e.tracer))
    }

    /// A tracee stopped: its tracer learns it (SIGCHLD with CLD_TRAPPED, wait wakes).
    pub(crate) fn on_trace_stop(&mut self, tid: Tid) {
        let Some(c) = self.ptrace.get(&tid) else {
            return;
        };
        if c.stops.is_empty() {
            return;
        }
        let code = c.stops.front().map_or(0, |s| s.code);
        let tracer = c.tracer;
        let Some(tracer_tgid) = self.tasks.get(&tracer).map(|t| t.tgid) else {
            return;
        };
        let info = SigInfo {
            signo: sig::SIGCHLD,
            code: crate::signal::code::CLD_TRAPPED,
            pid: tid,
            status: (code & 0xff) as i32,
            ..SigInfo::default()
        };
        self.send_group(tracer_tgid, info);
        self.wake_waiters(tracer_tgid);
    }

    /// The group of `tid` continued (SIGCONT): a listening tracee traps into an EVENT_STOP,
    /// which its tracer sees through wait.
    pub(crate) fn ptrace_group_continued(&mut self, tid: Tid) {
        if self
            .ptrace
            .get_mut(&tid)
            .is_some_and(|c| std::mem::take(&mut c.listening))
        {
            self.ptrace_retrap(tid);
        }
    }

    /// The job-control report of `tid` after its group continued (`report_jctl`,
    /// CLD_CONTINUED): the real parent has been told; a tracer of the group leader that is not
    /// that parent is told too (kernel/signal.c `get_signal`: "notify the ptracer of the group
    /// leader too unless it's gonna be a duplicate"): SIGCHLD with CLD_CONTINUED unless it set
    /// SA_NOCLDSTOP, and its waiters wake (`do_notify_parent_cldstop`).
    pub(crate) fn ptrace_notify_continued(&mut self, tid: Tid) {
        let Some(tgid) = self.tasks.get(&tid).map(|t| t.tgid) else {
            return;
        };
        let Some(tracer) = self.ptrace.get(&tgid).map(|c| c.tracer) else {
            return;
        };
        let Some(tracer_tgid) = self.tasks.get(&tracer).map(|t| t.tgid) else {
            return;
        };
        if self
            .groups
            .get(&tgid)
            .is_some_and(|g| g.ppid == tracer_tgid)
        {
            return;
        }
        let code = crate::signal::code::CLD_CONTINUED;
        self.notify_parent_stop(tgid, tracer_tgid, code, sig::SIGCONT);
    }

    /// The vfork of `tid` completed: a VFORK_DONE stop is owed if asked for. Returns true when
    /// the tracee must stop (through a report before the syscall returns).
    pub(crate) fn ptrace_vfork_done(&mut self, tid: Tid, child: Tid) -> bool {
        let Some(c) = self.ptrace.get_mut(&tid) else {
            return false;
        };
        if !std::mem::take(&mut c.vfork_done) {
            return false;
        }
        let engine = c.engine;
        push_event(self, tid, event::VFORK_DONE, child);
        let _ = utrace::control(self, tid, engine, ResumeAction::Report);
        true
    }
}

/// Kernel-level checks that need the kernel's internals: a tracer that is not a guest task
/// (or a task that stands in for one) drives the engine directly, at points a guest program
/// reaches deterministically; expected values come from the Linux sources cited.
#[cfg(test)]
mod tests {
    use super::*;
    use crate::kernel::{Config, KernelError, Outcome};
    use ia64_cpu::exec::NoTrace;
    use ia64_machine::console::Console;
    use ia64_machine::loader::ProcessSpec;

    /// A tracer tid with no task behind it (the tests play its part).
    const HOST_TRACER: Tid = 1000;

    fn load(name: &str, config: Config) -> Kernel {
        let path = format!("{}/../test-programs/bin/{name}", env!("CARGO_MANIFEST_DIR"));
        let elf = std::fs::read(path).expect("test program");
        Kernel::new(&elf, &ProcessSpec::new([name]), config, Console::capture()).expect("load")
    }

    fn seize(k: &mut Kernel, tid: Tid, tracer: Tid, options: u64) {
        k.as_current(tid, |k| attach_engine(k, tid, tracer, options, true))
            .expect("attach");
    }

    /// Run until every task waits for the tests (the kernel reports the deadlock); the state
    /// of each task, as the report lists them.
    fn run_until_stuck(k: &mut Kernel) -> String {
        match k.run(&mut NoTrace) {
            Err(KernelError::Deadlock(tasks)) => tasks,
            other => panic!("expected every task to wait, got {other:?}"),
        }
    }

    fn front(k: &Kernel, tid: Tid) -> Option<Stop> {
        k.ptrace.get(&tid).and_then(|c| c.stops.front().copied())
    }

    /// access_uarea: past PT_AR_SSD only PT_DBR + 8n and PT_IBR + 8n (n < 8) exist; the holes
    /// between, unaligned offsets and PT_PMD are rejected.
    #[test]
    fn debug_register_offsets() {
        assert_eq!(uarea_reg(0x2000), Some(UReg::Dbr(0)));
        assert_eq!(uarea_reg(0x2038), Some(UReg::Dbr(7)));
        assert_eq!(uarea_reg(0x3000), Some(UReg::Ibr(0)));
        assert_eq!(uarea_reg(0x3038), Some(UReg::Ibr(7)));
        for off in [0x9d0, 0x1ff8, 0x2004, 0x2040, 0x2ff8, 0x3040, 0x4000] {
            assert_eq!(uarea_reg(off), None, "{off:#x}");
        }
    }

    /// POKEUSER of an odd debug register clears its privilege-level bits 58:56 ("don't let
    /// the user set kernel-level breakpoints"); an even one keeps every bit; PEEKUSER reads the
    /// thread's registers back.
    #[test]
    fn debug_registers_through_the_user_area() {
        let mut k = load("hello", Config::default());
        let t = crate::kernel::INIT_PID;
        assert_eq!(k.read_ureg(t, UReg::Dbr(0)), Some(0));
        assert!(k.write_ureg(t, UReg::Dbr(0), u64::MAX));
        assert!(k.write_ureg(t, UReg::Dbr(1), u64::MAX));
        assert!(k.write_ureg(t, UReg::Ibr(3), u64::MAX));
        assert_eq!(k.read_ureg(t, UReg::Dbr(0)), Some(u64::MAX));
        assert_eq!(k.read_ureg(t, UReg::Dbr(1)), Some(0xf8ff_ffff_ffff_ffff));
        assert_eq!(k.read_ureg(t, UReg::Ibr(3)), Some(0xf8ff_ffff_ffff_ffff));
        assert_eq!(k.read_ureg(t, UReg::Ibr(2)), Some(0));
    }

    /// INTERRUPT of a tracee that LISTENs in a group stop: it traps again, with the group's
    /// stop signal since the group is still stopped (kernel/signal.c `do_jobctl_trap`:
    /// `PTRACE_EVENT_STOP << 8 | signr`, SIGTRAP only once the group is not stopped).
    #[test]
    fn interrupt_of_a_tracee_listening_in_a_group_stop() {
        let mut k = load("hello", Config::default());
        let t = crate::kernel::INIT_PID;
        seize(&mut k, t, HOST_TRACER, 0);
        k.send_group(t, SigInfo::user(sig::SIGSTOP, 0));
        assert_eq!(run_until_stuck(&mut k), "task 1 Traced");
        k.ptrace_resume(t, req::CONT, u64::from(sig::SIGSTOP));
        assert_eq!(run_until_stuck(&mut k), "task 1 Stopped");
        let group_stop = event::STOP << 8 | sig::SIGSTOP;
        assert_eq!(front(&k, t).map(|s| s.code), Some(group_stop));
        assert_eq!(k.ptrace_listen(t), ok(0));
        assert!(
            !k.ptrace_stopped(t),
            "a listening tracee is not stopped for ptrace"
        );
        assert_eq!(k.ptrace_interrupt(t), ok(0));
        assert!(k.ptrace_stopped(t));
        assert_eq!(
            front(&k, t).map(|s| (s.kind, s.code)),
            Some((StopKind::Group, group_stop))
        );
    }

    /// A group exit kills every thread, and each thread traced with PTRACE_O_TRACEEXIT stops
    /// at its own PTRACE_EVENT_EXIT (kernel/exit.c `do_exit` → `ptrace_event`; the killed
    /// threads get there from `get_signal` after `zap_other_threads`), with the group's exit
    /// code as event message (`do_group_exit` uses `group_exit_code`); the group is dead only
    /// when the last one has gone on. spin-threads on two vCPUs: after a million
    /// instructions thread 2 spins on vCPU 0, thread 3 on vCPU 1 and the main thread waits
    /// for them in FUTEX_WAIT. All three are seized and interrupted; thread 2 gets SIGTERM,
    /// thread 3 runs on; thread 2 reports SIGTERM, is resumed with it and dies of it
    /// (default action: terminate), which kills the main thread out of its trap and
    /// interrupts thread 3 on the other vCPU.
    #[test]
    fn every_thread_of_an_exiting_group_makes_its_exit_stop() {
        let config = Config {
            cpus: 2,
            max_insns: Some(1_000_000),
            ..Config::default()
        };
        let mut k = load("spin-threads", config);
        let r = k.run(&mut NoTrace).expect("first part");
        assert!(matches!(r.outcome, Outcome::Killed { signal: 24, .. }));
        let threads = [1, 2, 3];
        assert_eq!(k.groups[&1].threads, threads);
        assert_eq!((k.tasks[&2].on_cpu, k.tasks[&3].on_cpu), (Some(0), Some(1)));
        for t in threads {
            seize(&mut k, t, HOST_TRACER, opt::TRACEEXIT);
            assert_eq!(k.ptrace_interrupt(t), ok(0));
        }
        k.config.max_insns = None;
        assert_eq!(
            run_until_stuck(&mut k),
            "task 1 Traced, task 2 Traced, task 3 Traced"
        );
        for t in threads {
            assert_eq!(front(&k, t).map(|s| s.kind), Some(StopKind::Interrupt));
        }
        k.send_thread(2, SigInfo::user(sig::SIGTERM, 0));
        k.ptrace_resume(3, req::CONT, 0);
        k.ptrace_resume(2, req::CONT, 0);
        // Long enough for thread 2 to report the signal; thread 3 still spins on vCPU 1.
        k.config.max_insns = Some(k.retired + 100_000);
        let r = k.run(&mut NoTrace).expect("second part");
        assert!(matches!(r.outcome, Outcome::Killed { signal: 24, .. }));
        assert_eq!(front(&k, 2).map(|s| s.code), Some(sig::SIGTERM));
        assert_eq!(k.tasks[&3].on_cpu, Some(1));
        k.config.max_insns = None;
        k.ptrace_resume(2, req::CONT, u64::from(sig::SIGTERM));
        assert_eq!(
            run_until_stuck(&mut k),
            "task 1 Traced, task 2 Traced, task 3 Traced"
        );
        const SIGTERM_STATUS: u64 = 15;
        for t in threads {
            let s = front(&k, t).expect("a stop");
            assert_eq!(s.kind, StopKind::Event(event::EXIT), "task {t}");
            assert_eq!(s.code, sig::SIGTRAP | event::EXIT << 8, "task {t}");
            assert_eq!(k.ptrace[&t].eventmsg, SIGTERM_STATUS, "task {t}");
        }
        assert!(!k.groups[&1].zombie);
        for t in threads {
            k.ptrace_resume(t, req::CONT, 0);
        }
        let r = k.run(&mut NoTrace).expect("the end");
        assert!(
            matches!(r.outcome, Outcome::Killed { signal: 15, .. }),
            "{:?}",
            r.outcome
        );
    }

    /// SIGCONT ending a group stop makes one job-control report (CLD_CONTINUED) from the first
    /// thread through `get_signal`; the ptrace engine then tells a tracer that is not the real
    /// parent (kernel/signal.c `get_signal`: "notify the ptracer of the group leader too unless
    /// it's gonna be a duplicate"): SIGCHLD with si_code CLD_CONTINUED, si_pid the tracee,
    /// si_status SIGCONT. The first process has no parent; it stands in for its own tracer (a
    /// traced group keeps the SIGCHLD it would ignore, and its tracer sees it at delivery).
    #[test]
    fn a_group_continue_is_reported_to_a_tracer_that_is_not_the_parent() {
        let mut k = load("hello", Config::default());
        let t = crate::kernel::INIT_PID;
        seize(&mut k, t, t, 0);
        k.send_group(t, SigInfo::user(sig::SIGSTOP, 0));
        assert_eq!(run_until_stuck(&mut k), "task 1 Traced");
        assert_eq!(front(&k, t).map(|s| s.code), Some(sig::SIGSTOP));
        k.ptrace_resume(t, req::CONT, u64::from(sig::SIGSTOP));
        assert_eq!(run_until_stuck(&mut k), "task 1 Stopped");
        assert_eq!(
            front(&k, t).map(|s| (s.kind, s.code)),
            Some((StopKind::Group, event::STOP << 8 | sig::SIGSTOP))
        );
        k.send_group(t, SigInfo::user(sig::SIGCONT, 0));
        assert!(k.groups[&t].cld_continued);
        // The SIGCHLDs of the stops so far (CLD_TRAPPED, to the tracer's group) go: a standard
        // signal is pending once, and the next one is the point of the test.
        k.groups
            .get_mut(&t)
            .expect("group")
            .shared_pending
            .retain(|i| i.signo != sig::SIGCHLD);
        k.ptrace_resume(t, req::CONT, 0);
        assert_eq!(run_until_stuck(&mut k), "task 1 Traced");
        assert!(!k.groups[&t].cld_continued);
        let s = front(&k, t).expect("a stop");
        assert_eq!((s.kind, s.code), (StopKind::Signal, sig::SIGCHLD));
        let info = s.info.expect("siginfo");
        assert_eq!(info.code, crate::signal::code::CLD_CONTINUED);
        assert_eq!(info.pid, t);
        assert_eq!(info.status, sig::SIGCONT as i32);
    }
}
