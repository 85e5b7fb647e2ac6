//! The kernel side of signals: sending (`kill`, `tkill`, `tgkill`, faults), what is pending,
//! the signal syscalls (`rt_sigaction`, `rt_sigprocmask`, `rt_sigpending`, `rt_sigsuspend`,
//! `sigaltstack`), and `do_signal` on the way back to user mode: default actions (terminate,
//! stop and continue the thread group, ignore), syscall restart, and handler delivery.
//!
//! Linux facts (kernel/signal.c `prepare_signal`, `complete_signal`, `get_signal`,
//! `do_signal_stop`; arch/ia64/kernel/signal.c `ia64_do_signal`): SIGKILL and SIGSTOP cannot be
//! caught or blocked; a stop signal discards pending SIGCONT and SIGCONT discards pending stop
//! signals and resumes a stopped group when it is sent (the first thread through `get_signal`
//! then makes the CLD_CONTINUED job-control report); ignored signals are dropped when sent
//! unless blocked or the target is traced (its tracer sees them); a standard signal already
//! pending is not queued twice; synchronous fault signals are dequeued first, then the lowest
//! number. Documented choice: no core files are written, so a "core" default action reports the
//! plain signal number (as with `ulimit -c 0`).

use ia64_cpu::fr_format::{fr_to_spill, spill_to_fr};
use ia64_cpu::state::{ar, psr, State};
use ia64_machine::layout::GATE_ADDR;
use ia64_machine::loader::FPSR_DEFAULT;

use crate::entry::{self, SysResult};
use crate::kernel::{Kernel, KernelError};
use crate::process::restart;
use crate::sigframe as frame;
use crate::signal::{self, bit, sig, DefaultAction, SigAction, SigInfo, NSIG, UNBLOCKABLE};
use crate::syscall::{err, errno, le_u64, ok, Action};
use crate::task::{AltStack, ChildEvent, Resume, RunState, Tid, Wait, SS_DISABLE, SS_ONSTACK};
use crate::utrace::{self, Jctl, Reported, SignalDecision};
use crate::work::SyscallWork;

/// `sa_flags` bits (the ABI constants of [`crate::sigframe`]).
pub use crate::sigframe::sa;

/// Signals that come from the instruction stream, dequeued first (kernel/signal.c
/// `SYNCHRONOUS_MASK`).
const SYNCHRONOUS: [u32; 6] = [
    sig::SIGSEGV,
    sig::SIGBUS,
    sig::SIGILL,
    sig::SIGTRAP,
    sig::SIGFPE,
    sig::SIGSYS,
];

use crate::sigframe::MINSIGSTKSZ;

/// The most signal passes one `do_signal` makes (each consumes a signal or an engine report;
/// a guard against engines that never settle).
const MAX_SIGNAL_PASSES: usize = 256;

fn is_stop(s: u32) -> bool {
    matches!(s, sig::SIGSTOP | sig::SIGTSTP | sig::SIGTTIN | sig::SIGTTOU)
}

impl Kernel {
    pub(crate) fn action(&self, tgid: Tid, s: u32) -> SigAction {
        self.groups
            .get(&tgid)
            .and_then(|g| g.actions.get(s as usize).copied())
            .unwrap_or_default()
    }

    fn ignored(&self, tgid: Tid, s: u32) -> bool {
        let a = self.action(tgid, s);
        a.handler == signal::SIG_IGN
            || (a.handler == signal::SIG_DFL && signal::default_action(s) == DefaultAction::Ignore)
    }

    /// The signal set pending for `tid` (its own and its group's).
    fn pending_set(&self, tid: Tid) -> u64 {
        let Some(t) = self.tasks.get(&tid) else {
            return 0;
        };
        let own = t.pending.iter().fold(0, |m, i| m | bit(i.signo));
        let shared = self.groups.get(&t.tgid).map_or(0, |g| {
            g.shared_pending.iter().fold(0, |m, i| m | bit(i.signo))
        });
        own | shared
    }

    /// Whether `tid` has work for `do_signal`: an unblocked pending signal, a group stop to
    /// join, or a group exit.
    pub(crate) fn signal_pending(&self, tid: Tid) -> bool {
        let Some(t) = self.tasks.get(&tid) else {
            return false;
        };
        let g = self.groups.get(&t.tgid);
        if g.is_some_and(|g| g.exit_status.is_some() || (g.stopped.is_some() && !t.stop_consumed)) {
            return true;
        }
        self.pending_set(tid) & !t.blocked != 0 || self.utrace.interrupt_pending(tid)
    }

    /// A synchronous signal from a fault: unblocked and reset to the default action if it is
    /// blocked or ignored (`force_sig_info`), then queued for `tid`.
    pub(crate) fn force_signal(&mut self, tid: Tid, info: SigInfo) {
        let Some(t) = self.tasks.get_mut(&tid) else {
            return;
        };
        let s = info.signo;
        let tgid = t.tgid;
        let blocked = t.blocked & bit(s) != 0;
        t.blocked &= !bit(s);
        if blocked || self.action(tgid, s).handler == signal::SIG_IGN {
            if let Some(g) = self.groups.get_mut(&tgid) {
                g.actions[s as usize] = SigAction::default();
            }
        }
        if let Some(t) = self.tasks.get_mut(&tid) {
            t.pending.push_back(info);
        }
    }

    /// What sending to thread `target` of group `tgid` does before queueing
    /// (`prepare_signal`); false: drop the signal.
    fn prepare(&mut self, tgid: Tid, target: Tid, info: &SigInfo) -> bool {
        let s = info.signo;
        let threads = self
            .groups
            .get(&tgid)
            .map(|g| g.threads.clone())
            .unwrap_or_default();
        if self
            .groups
            .get(&tgid)
            .is_none_or(|g| g.zombie || g.exit_status.is_some())
        {
            return false;
        }
        if is_stop(s) {
            self.discard(tgid, &threads, bit(sig::SIGCONT));
        } else if s == sig::SIGCONT {
            self.discard(
                tgid,
                &threads,
                bit(sig::SIGSTOP) | bit(sig::SIGTSTP) | bit(sig::SIGTTIN) | bit(sig::SIGTTOU),
            );
            self.continue_group(tgid);
        }
        if s == sig::SIGKILL {
            return true;
        }
        let blocked_everywhere = threads
            .iter()
            .all(|t| self.tasks.get(t).is_none_or(|x| x.blocked & bit(s) != 0));
        !self.ignored(tgid, s) || blocked_everywhere || self.sees_ignored_signals(target)
    }

    /// `sig_ignored`: "Tracers may want to know about even ignored signal" — a traced task
    /// keeps its ignored signals, which its tracer sees at delivery. In the engine layer that
    /// is a task with an engine that asked for reports of signals that will be ignored
    /// (utrace's `tracehook_consider_ignored_signal`); every ptrace tracee has one.
    fn sees_ignored_signals(&self, tid: Tid) -> bool {
        self.utrace.wants(tid, utrace::Event::SignalIgn)
    }

    fn discard(&mut self, tgid: Tid, threads: &[Tid], mask: u64) {
        if let Some(g) = self.groups.get_mut(&tgid) {
            g.shared_pending.retain(|i| bit(i.signo) & mask == 0);
        }
        for t in threads {
            if let Some(x) = self.tasks.get_mut(t) {
                x.pending.retain(|i| bit(i.signo) & mask == 0);
            }
        }
    }

    /// SIGCONT: a stopped group runs again; the parent learns it (CLD_CONTINUED).
    fn continue_group(&mut self, tgid: Tid) {
        let (was_stopped, threads, ppid) = match self.groups.get_mut(&tgid) {
            Some(g) => {
                let was =
                    g.stopped.take().is_some() || matches!(g.event, Some(ChildEvent::Stopped(_)));
                if was {
                    g.event = Some(ChildEvent::Continued);
                    g.cld_continued = true;
                }
                (was, g.threads.clone(), g.ppid)
            }
            None => return,
        };
        for t in threads {
            if let Some(x) = self.tasks.get_mut(&t) {
                x.stop_consumed = false;
                if x.state == RunState::Stopped && !self.utrace.is_utraced(t) {
                    x.state = RunState::Runnable;
                }
            }
            self.ptrace_group_continued(t);
            self.enqueue(t);
        }
        if was_stopped {
            self.notify_parent_stop(tgid, ppid, signal::code::CLD_CONTINUED, sig::SIGCONT);
        }
    }

    pub(crate) fn notify_parent_stop(&mut self, tgid: Tid, ppid: Tid, code: i32, s: u32) {
        let nocldstop = self.action(ppid, sig::SIGCHLD).flags & sa::NOCLDSTOP != 0;
        if !nocldstop && self.groups.contains_key(&ppid) {
            let info = SigInfo {
                signo: sig::SIGCHLD,
                code,
                pid: tgid,
                status: s as i32,
                ..SigInfo::default()
            };
            self.send_group(ppid, info);
        }
        self.wake_waiters(ppid);
    }

    /// Send `info` to thread group `tgid` (`kill`, SIGCHLD).
    pub(crate) fn send_group(&mut self, tgid: Tid, info: SigInfo) {
        // kill(pid) finds the group's leader (`pid_task`); the checks are made on it.
        let leader = self
            .groups
            .get(&tgid)
            .and_then(|g| g.threads.first().copied())
            .unwrap_or(tgid);
        if !self.prepare(tgid, leader, &info) {
            return;
        }
        if info.signo == sig::SIGKILL {
            self.kill_group(leader, info);
            return;
        }
        let Some(g) = self.groups.get_mut(&tgid) else {
            return;
        };
        if info.signo < 32 && g.shared_pending.iter().any(|i| i.signo == info.signo) {
            return;
        }
        g.shared_pending.push_back(info);
        // complete_signal: the first thread that does not block it gets SIGPENDING and is
        // woken if it sleeps.
        let threads = g.threads.clone();
        if let Some(&t) = threads.iter().find(|t| {
            self.tasks
                .get(t)
                .is_some_and(|x| x.blocked & bit(info.signo) == 0)
        }) {
            self.signal_wake(t);
        }
    }

    /// Send `info` to thread `tid` only (`tkill`, `tgkill`).
    pub(crate) fn send_thread(&mut self, tid: Tid, info: SigInfo) {
        let Some(tgid) = self.tasks.get(&tid).map(|t| t.tgid) else {
            return;
        };
        if !self.prepare(tgid, tid, &info) {
            return;
        }
        if info.signo == sig::SIGKILL {
            self.kill_group(tid, info);
            return;
        }
        let Some(t) = self.tasks.get_mut(&tid) else {
            return;
        };
        if info.signo < 32 && t.pending.iter().any(|i| i.signo == info.signo) {
            return;
        }
        t.pending.push_back(info);
        if t.blocked & bit(info.signo) == 0 {
            self.signal_wake(tid);
        }
    }

    /// `signal_wake_up`: an interruptible sleeper is woken (its syscall returns a restart
    /// errno); a stopped task only for SIGKILL/SIGCONT (handled by the senders).
    pub(crate) fn signal_wake(&mut self, tid: Tid) {
        if let Some(t) = self.tasks.get_mut(&tid) {
            t.work.flags.set(crate::work::Tif::SigPending);
        }
        let interruptible = self.tasks.get(&tid).is_some_and(
            |t| matches!(t.state, RunState::Blocked(w) if !matches!(w, Wait::VforkDone { .. })),
        );
        if interruptible {
            self.wake(tid);
        }
    }

    // ----- syscalls -----

    fn sig_info_user(&self, s: u32, code: i32) -> SigInfo {
        SigInfo {
            signo: s,
            code,
            pid: self.cur_tgid(),
            ..SigInfo::default()
        }
    }

    pub(crate) fn sys_kill(&mut self, pid: i64, s: u64) -> Action {
        if s > NSIG as u64 {
            return err(errno::EINVAL);
        }
        let s = s as u32;
        let targets: Vec<Tid> = if pid > 0 {
            let p = pid as u64;
            if !self.groups.contains_key(&p) {
                return err(errno::ESRCH);
            }
            vec![p]
        } else if pid == -1 {
            let me = self.cur_tgid();
            self.groups
                .keys()
                .copied()
                .filter(|&g| g != me && g != crate::kernel::INIT_PID)
                .collect()
        } else {
            vec![self.cur_tgid()]
        };
        if targets.is_empty() {
            return err(errno::ESRCH);
        }
        if s != 0 {
            for g in targets {
                let info = self.sig_info_user(s, signal::code::SI_USER);
                self.send_group(g, info);
            }
        }
        ok(0)
    }

    pub(crate) fn sys_tkill(&mut self, tgid: Option<u64>, tid: u64, s: u64) -> Action {
        if s > NSIG as u64 || tid as i64 <= 0 || tgid.is_some_and(|g| g as i64 <= 0) {
            return err(errno::EINVAL);
        }
        match self.tasks.get(&tid) {
            Some(t) if tgid.is_none_or(|g| g == t.tgid) => {}
            _ => return err(errno::ESRCH),
        }
        if s != 0 {
            let info = self.sig_info_user(s as u32, signal::code::SI_TKILL);
            self.send_thread(tid, info);
        }
        ok(0)
    }

    pub(crate) fn sys_rt_sigaction(&mut self, s: u64, act: u64, oact: u64, size: u64) -> Action {
        if size != 8 || s == 0 || s > NSIG as u64 {
            return err(errno::EINVAL);
        }
        let s = s as u32;
        if act != 0 && bit(s) & UNBLOCKABLE != 0 {
            return err(errno::EINVAL);
        }
        let tgid = self.cur_tgid();
        let old = self.action(tgid, s);
        let new = if act != 0 {
            match self.copy_from_user(act, frame::SIGACTION_SIZE as u64) {
                Ok(b) => frame::SigAction::decode(&b).map(|a| SigAction {
                    mask: a.mask & !UNBLOCKABLE,
                    ..a
                }),
                Err(e) => return err(e),
            }
        } else {
            None
        };
        if oact != 0 {
            if let Err(e) = self.copy_to_user(oact, &old.encode()) {
                return err(e);
            }
        }
        if let Some(a) = new {
            if let Some(g) = self.groups.get_mut(&tgid) {
                g.actions[s as usize] = a;
            }
            if self.ignored(tgid, s) {
                let threads = self
                    .groups
                    .get(&tgid)
                    .map(|g| g.threads.clone())
                    .unwrap_or_default();
                self.discard(tgid, &threads, bit(s));
            }
        }
        ok(0)
    }

    pub(crate) fn sys_rt_sigprocmask(
        &mut self,
        how: u64,
        set: u64,
        oset: u64,
        size: u64,
    ) -> Action {
        if size != 8 {
            return err(errno::EINVAL);
        }
        let tid = self.cur;
        let old = self.tasks.get(&tid).map_or(0, |t| t.blocked);
        let new = if set != 0 {
            let b = match self.copy_from_user(set, 8) {
                Ok(b) => le_u64(&b, 0),
                Err(e) => return err(e),
            };
            Some(match how {
                0 => old | b,
                1 => old & !b,
                2 => b,
                _ => return err(errno::EINVAL),
            })
        } else {
            None
        };
        if oset != 0 {
            if let Err(e) = self.copy_to_user(oset, &old.to_le_bytes()) {
                return err(e);
            }
        }
        if let (Some(m), Some(t)) = (new, self.tasks.get_mut(&tid)) {
            t.blocked = m & !UNBLOCKABLE;
        }
        ok(0)
    }

    pub(crate) fn sys_rt_sigpending(&mut self, set: u64, size: u64) -> Action {
        if size > 8 {
            return err(errno::EINVAL);
        }
        let tid = self.cur;
        let blocked = self.tasks.get(&tid).map_or(0, |t| t.blocked);
        let p = self.pending_set(tid) & blocked;
        match self.copy_to_user(set, &p.to_le_bytes()[..size as usize]) {
            Ok(()) => ok(0),
            Err(e) => err(e),
        }
    }

    pub(crate) fn sys_rt_sigsuspend(&mut self, set: u64, size: u64) -> Action {
        let tid = self.cur;
        if self.resumed {
            return Action::Block(Wait::Signal);
        }
        if size != 8 {
            return err(errno::EINVAL);
        }
        let m = match self.copy_from_user(set, 8) {
            Ok(b) => le_u64(&b, 0),
            Err(e) => return err(e),
        };
        if let Some(t) = self.tasks.get_mut(&tid) {
            t.saved_mask = Some(t.blocked);
            t.blocked = m & !UNBLOCKABLE;
        }
        Action::Block(Wait::Signal)
    }

    /// Whether the user stack pointer `sp` of `tid` is on its alternate stack.
    pub(crate) fn on_altstack(&self, tid: Tid, sp: u64) -> bool {
        self.tasks.get(&tid).is_some_and(|t| {
            t.altstack.size != 0 && sp.wrapping_sub(t.altstack.sp) < t.altstack.size
        })
    }

    pub(crate) fn sys_sigaltstack(&mut self, ss: u64, oss: u64) -> Action {
        let tid = self.cur;
        let sp = self.machine.vcpus[self.cur_cpu].cpu.state.gr[12];
        let on = self.on_altstack(tid, sp);
        let cur = self.tasks.get(&tid).map(|t| t.altstack).unwrap_or_default();
        if oss != 0 {
            let flags = if on {
                SS_ONSTACK
            } else if cur.size == 0 {
                SS_DISABLE
            } else {
                cur.flags & !SS_DISABLE
            };
            let old = frame::StackT {
                sp: cur.sp,
                flags: flags as i32,
                size: cur.size,
            };
            if let Err(e) = self.copy_to_user(oss, &old.encode()) {
                return err(e);
            }
        }
        if ss != 0 {
            let ss = match self.copy_from_user(ss, frame::STACK_T_SIZE as u64) {
                Ok(b) => frame::StackT::decode(&b).unwrap_or_default(),
                Err(e) => return err(e),
            };
            if on {
                return err(errno::EPERM);
            }
            let new = match ss.flags as u32 & !(1 << 31) {
                SS_DISABLE => AltStack {
                    flags: SS_DISABLE,
                    ..AltStack::default()
                },
                0 | SS_ONSTACK => {
                    if ss.size < MINSIGSTKSZ {
                        return err(errno::ENOMEM);
                    }
                    AltStack {
                        sp: ss.sp,
                        size: ss.size,
                        flags: 0,
                    }
                }
                _ => return err(errno::EINVAL),
            };
            if let Some(t) = self.tasks.get_mut(&tid) {
                t.altstack = new;
            }
        }
        ok(0)
    }

    // ----- delivery -----

    /// Take the next signal to deliver to `tid`: synchronous ones first, then the lowest
    /// number, its own queue before the group's.
    pub(crate) fn dequeue(&mut self, tid: Tid) -> Option<SigInfo> {
        let t = self.tasks.get(&tid)?;
        let avail = self.pending_set(tid) & !t.blocked;
        if avail == 0 {
            return None;
        }
        let s = SYNCHRONOUS
            .iter()
            .copied()
            .find(|&s| avail & bit(s) != 0)
            .unwrap_or(avail.trailing_zeros() + 1);
        let tgid = t.tgid;
        if let Some(t) = self.tasks.get_mut(&tid) {
            if let Some(i) = t.pending.iter().position(|x| x.signo == s) {
                return t.pending.remove(i);
            }
        }
        let g = self.groups.get_mut(&tgid)?;
        let i = g.shared_pending.iter().position(|x| x.signo == s)?;
        g.shared_pending.remove(i)
    }

    /// `do_signal`: returns false when the task left the vCPU (stopped or died).
    pub(crate) fn do_signal(&mut self, cpu: usize, tid: Tid) -> Result<bool, KernelError> {
        // Each pass either ends the work or consumes a signal or an engine report.
        for _ in 0..MAX_SIGNAL_PASSES {
            if let Some(r) = self.signal_pass(cpu, tid)? {
                return Ok(r);
            }
        }
        Ok(true)
    }

    /// One pass of `get_signal`: `None` means "again".
    fn signal_pass(&mut self, cpu: usize, tid: Tid) -> Result<Option<bool>, KernelError> {
        let Some(t) = self.tasks.get(&tid) else {
            return Ok(Some(false));
        };
        let (tgid, consumed) = (t.tgid, t.stop_consumed);
        if let Some(st) = self.groups.get(&tgid).and_then(|g| g.exit_status) {
            // The group is exiting: this thread was killed (get_signal's fatal path).
            self.do_exit(cpu, tid, true, st as i32)?;
            return Ok(Some(false));
        }
        if self
            .groups
            .get_mut(&tgid)
            .is_some_and(|g| std::mem::take(&mut g.cld_continued))
        {
            // The first thread through get_signal after SIGCONT ended a group stop reports
            // CLD_CONTINUED (utrace's tracehook_notify_jctl), then looks again ("goto relock").
            self.as_current(tid, |k| utrace::report_jctl(k, tid, Jctl::Continued, true));
            return Ok(None);
        }
        if !consumed && self.groups.get(&tgid).is_some_and(|g| g.stopped.is_some()) {
            self.stop_thread(cpu, tid)?;
            return Ok(Some(false));
        }
        let (signr, info, act) = match self.as_current(tid, |k| utrace::get_signal(k, tid)) {
            Reported::Stopped => {
                self.trace_stop(cpu, tid, Resume::ExitWork)?;
                return Ok(Some(false));
            }
            Reported::Done(SignalDecision::Again) => return Ok(None),
            Reported::Done(SignalDecision::Deliver { signr, info, ka }) => (signr, info, ka),
            Reported::Done(SignalDecision::Normal) => {
                let Some(info) = self.dequeue(tid) else {
                    self.restart_without_handler(cpu, tid);
                    return Ok(Some(true));
                };
                (info.signo, info, self.action(tgid, info.signo))
            }
        };
        match act.handler {
            signal::SIG_IGN => Ok(None),
            signal::SIG_DFL => match signal::default_action(signr) {
                DefaultAction::Ignore | DefaultAction::Continue => Ok(None),
                DefaultAction::Stop => {
                    self.begin_group_stop(tgid, tid, info.signo);
                    self.stop_thread(cpu, tid)?;
                    Ok(Some(false))
                }
                DefaultAction::Terminate | DefaultAction::Core => {
                    // do_group_exit: the other threads are killed, then this one's do_exit
                    // (with its exit report).
                    self.exit_group_by_signal(tid, info);
                    self.do_exit(cpu, tid, true, info.signo as i32)?;
                    Ok(Some(false))
                }
            },
            _ => {
                self.restart_for_handler(cpu, tid, act);
                // The signal frame is a consumer of stacked state: reload first (`lazy`).
                self.rse_restore(cpu, tid)?;
                self.setup_frame(cpu, tid, &info, act)?;
                if let Some(t) = self.tasks.get_mut(&tid) {
                    t.stats.signals_delivered += 1;
                }
                let stepping = self.tasks.get(&tid).is_some_and(|t| t.stepping);
                self.as_current(tid, |k| utrace::signal_handler(k, tid, stepping));
                Ok(Some(true))
            }
        }
    }

    /// A stop signal takes effect: the group stops with `s`; the other threads are told.
    fn begin_group_stop(&mut self, tgid: Tid, tid: Tid, s: u32) {
        let others: Vec<Tid> = match self.groups.get_mut(&tgid) {
            Some(g) => {
                g.stopped = Some(s);
                g.threads.clone()
            }
            None => return,
        };
        for &t in &others {
            if let Some(x) = self.tasks.get_mut(&t) {
                x.stop_consumed = false;
            }
        }
        for t in others.into_iter().filter(|&t| t != tid) {
            self.signal_wake(t);
        }
    }

    /// This thread joins its group's stop; the last one to stop tells the parent.
    fn stop_thread(&mut self, cpu: usize, tid: Tid) -> Result<(), KernelError> {
        let last = self.last_to_stop(tid);
        self.as_current(tid, |k| utrace::report_jctl(k, tid, Jctl::Stopped, last));
        if let Some(t) = self.tasks.get_mut(&tid) {
            t.state = RunState::Stopped;
            t.resume = Resume::ExitWork;
            t.stop_consumed = true;
        }
        self.switch_away(cpu, tid)?;
        // A tracer's engine that answered STOP holds the group stop as a tracing stop too.
        if let Some(c) = self.ptrace.get(&tid).filter(|c| !c.stops.is_empty()) {
            let engine = c.engine;
            let _ = utrace::control(self, tid, engine, utrace::ResumeAction::Stop);
            self.rse_on_stop(tid)?;
            self.on_trace_stop(tid);
        }
        // The host-side harness examines a task it traces in the group stop.
        crate::harness::on_group_stop(self, tid)?;
        let Some(tgid) = self.tasks.get(&tid).map(|t| t.tgid) else {
            return Ok(());
        };
        let (all, s, ppid) = match self.groups.get(&tgid) {
            Some(g) => (
                g.threads.iter().all(|t| {
                    self.tasks
                        .get(t)
                        .is_none_or(|x| x.state == RunState::Stopped)
                }),
                g.stopped.unwrap_or(sig::SIGSTOP),
                g.ppid,
            ),
            None => return Ok(()),
        };
        if all
            && !matches!(
                self.groups.get(&tgid).and_then(|g| g.event),
                Some(ChildEvent::Stopped(_))
            )
        {
            if let Some(g) = self.groups.get_mut(&tgid) {
                g.event = Some(ChildEvent::Stopped(s));
            }
            self.notify_parent_stop(tgid, ppid, signal::code::CLD_STOPPED, s);
        }
        Ok(())
    }

    /// Whether every other thread of `tid`'s group is already stopped.
    fn last_to_stop(&self, tid: Tid) -> bool {
        let Some(t) = self.tasks.get(&tid) else {
            return false;
        };
        self.groups.get(&t.tgid).is_some_and(|g| {
            g.threads.iter().filter(|&&x| x != tid).all(|x| {
                self.tasks
                    .get(x)
                    .is_none_or(|y| y.state == RunState::Stopped)
            })
        })
    }

    /// A syscall interrupted for a handler: EINTR, or restart (`ia64_do_signal`).
    fn restart_for_handler(&mut self, cpu: usize, tid: Tid, act: SigAction) {
        let Some(pt) = self.tasks.get(&tid).map(|t| t.pt) else {
            return;
        };
        let st = &mut self.machine.vcpus[cpu].cpu.state;
        if !pt.in_syscall() || st.gr[10] != u64::MAX {
            return;
        }
        match st.gr[8] {
            restart::ERESTARTNOHAND | restart::ERESTART_RESTARTBLOCK => st.gr[8] = errno::EINTR,
            restart::ERESTARTSYS if act.flags & sa::RESTART == 0 => st.gr[8] = errno::EINTR,
            restart::ERESTARTSYS | restart::ERESTARTNOINTR => {
                st.gr[10] = 0;
                self.restart_syscall(cpu, tid);
            }
            _ => {}
        }
    }

    /// Point the saved IP of `tid`, current on `cpu`, back at its syscall's `break`.
    fn restart_syscall(&mut self, cpu: usize, tid: Tid) {
        let Some(mut pt) = self.tasks.get(&tid).map(|t| t.pt) else {
            return;
        };
        let (_, mut view) = self.cpu_view(cpu);
        entry::decrement_ip(&mut view, &mut pt);
        if let Some(t) = self.tasks.get_mut(&tid) {
            t.pt = pt;
        }
    }

    /// No handler ran: a syscall that returned a restart errno runs again.
    pub(crate) fn restart_without_handler(&mut self, cpu: usize, tid: Tid) {
        let Some(pt) = self.tasks.get(&tid).map(|t| t.pt) else {
            return;
        };
        let st = &mut self.machine.vcpus[cpu].cpu.state;
        if !pt.in_syscall() || st.gr[10] != u64::MAX {
            return;
        }
        if matches!(
            st.gr[8],
            restart::ERESTARTSYS
                | restart::ERESTARTNOINTR
                | restart::ERESTARTNOHAND
                | restart::ERESTART_RESTARTBLOCK
        ) {
            st.gr[10] = 0;
            self.restart_syscall(cpu, tid);
        }
    }
}

/// The user value of static register `r` (r16–r31 live in the inactive bank while the
/// kernel runs with PSR.bn = 0).
pub(crate) fn user_gr(st: &State, r: usize) -> (u64, bool) {
    if (16..32).contains(&r) && !st.psr_bit(psr::BN) {
        (st.banked[r - 16], st.banked_nat >> (r - 16) & 1 != 0)
    } else {
        (st.gr[r], st.nat >> r & 1 != 0)
    }
}

pub(crate) fn set_user_gr(st: &mut State, r: usize, v: u64, nat: bool) {
    if (16..32).contains(&r) && !st.psr_bit(psr::BN) {
        st.banked[r - 16] = v;
        let m = 1u16 << (r - 16);
        st.banked_nat = if nat {
            st.banked_nat | m
        } else {
            st.banked_nat & !m
        };
    } else if r != 0 {
        st.gr[r] = v;
        st.nat = if nat {
            st.nat | 1 << r
        } else {
            st.nat & !(1 << r)
        };
    }
}

/// The kernel's form of a guest siginfo (PTRACE_SETSIGINFO).
pub(crate) fn host_info(g: &frame::SigInfo) -> SigInfo {
    let mut i = SigInfo {
        signo: g.signo.max(0) as u32,
        code: g.code,
        errno: g.errno,
        ..SigInfo::default()
    };
    match g.fields {
        frame::SigFields::Kill { pid, uid } | frame::SigFields::Rt { pid, uid, .. } => {
            i.pid = pid.max(0) as u64;
            i.uid = uid;
        }
        frame::SigFields::Chld {
            pid, uid, status, ..
        } => {
            i.pid = pid.max(0) as u64;
            i.uid = uid;
            i.status = status;
        }
        frame::SigFields::Fault {
            addr,
            imm,
            flags,
            isr,
        } => {
            i.addr = addr;
            i.imm = imm as u32;
            i.isr = isr;
            i.isr_valid = flags & frame::ISR_VALID != 0;
        }
        _ => {}
    }
    i
}

/// The guest siginfo of a queued signal, in the layout its code selects.
pub(crate) fn guest_info(i: &SigInfo) -> frame::SigInfo {
    match frame::siginfo_layout(i.signo, i.code) {
        frame::SigLayout::Fault => {
            let flags = if i.isr_valid { frame::ISR_VALID } else { 0 };
            frame::SigInfo::fault(i.signo, i.code, i.addr, i.imm as i32, flags, i.isr)
        }
        frame::SigLayout::Chld => frame::SigInfo::chld(i.code, i.pid as i32, i.uid, i.status, 0, 0),
        _ => frame::SigInfo::kill(i.signo, i.code, i.pid as i32, i.uid),
    }
}

impl Kernel {
    /// Linux/ia64 `setup_frame` + `setup_sigcontext`: write the signal frame on the user
    /// stack (or the alternate one) and send the thread to `__kernel_sigtramp` in the gate
    /// page, which switches the backing store if `sc_rbs_base` says so and calls the handler.
    /// A frame that cannot be written kills the process with SIGSEGV (`force_sigsegv`).
    fn setup_frame(
        &mut self,
        cpu: usize,
        tid: Tid,
        info: &SigInfo,
        act: SigAction,
    ) -> Result<(), KernelError> {
        let Some(t) = self.tasks.get(&tid) else {
            return Ok(());
        };
        let (pt, alt, blocked, saved) = (t.pt, t.altstack, t.blocked, t.saved_mask);
        let st = &self.machine.vcpus[cpu].cpu.state;
        let sp = st.gr[12];
        let on_alt = self.on_altstack(tid, sp);
        let use_alt = act.flags & sa::ONSTACK != 0 && alt.size != 0 && !on_alt;
        let (top, rbs_base) = if use_alt {
            let rbs = if frame::rbs_on_sig_stack(pt.ar_bspstore, alt.sp, alt.size) {
                0
            } else {
                frame::alt_rbs_base(alt.sp)
            };
            (alt.sp.wrapping_add(alt.size), rbs)
        } else {
            (sp, 0)
        };
        let addr = frame::sigframe_addr(top);
        let sc = self.sigcontext(
            st,
            &pt,
            alt,
            on_alt || use_alt,
            rbs_base,
            saved.unwrap_or(blocked),
        );
        let f = frame::SigFrame::new(addr, info.signo, act.handler, guest_info(info), sc);
        let bytes = f.encode();
        let saved_cur = self.cur;
        self.cur = tid;
        let written = self.copy_to_user(addr, &bytes);
        self.cur = saved_cur;
        if written.is_err() {
            let segv = SigInfo {
                signo: sig::SIGSEGV,
                code: signal::code::SI_KERNEL,
                ..SigInfo::default()
            };
            self.exit_group(tid, sig::SIGSEGV as i32, Some(segv));
            return Ok(());
        }
        let st = &mut self.machine.vcpus[cpu].cpu.state;
        st.gr[12] = addr.wrapping_sub(frame::SIGFRAME_SP_BIAS);
        st.nat &= !(1 << 12);
        st.ar[usize::from(ar::FPSR)] = FPSR_DEFAULT;
        let tgid = self.tasks.get(&tid).map_or(0, |t| t.tgid);
        if let Some(t) = self.tasks.get_mut(&tid) {
            t.pt.cr_iip = GATE_ADDR + frame::GATE_SIGTRAMP_OFFSET;
            t.pt.cr_ipsr &= !((3 << psr::RI) | (1 << psr::BE));
            if !t.pt.in_syscall() {
                t.pt.cr_ifs = 1 << 63;
            }
            let mut mask = act.mask;
            if act.flags & sa::NODEFER == 0 {
                mask |= bit(info.signo);
            }
            t.blocked = (blocked | mask) & !UNBLOCKABLE;
            t.saved_mask = None;
        }
        if act.flags & sa::RESETHAND != 0 {
            // get_signal: only the handler goes back to SIG_DFL; flags and mask stay.
            if let Some(a) = self
                .groups
                .get_mut(&tgid)
                .and_then(|g| g.actions.get_mut(info.signo as usize))
            {
                a.handler = signal::SIG_DFL;
            }
        }
        Ok(())
    }

    /// `setup_sigcontext`: the interrupted user state.
    fn sigcontext(
        &self,
        st: &State,
        pt: &entry::PtRegs,
        alt: AltStack,
        onstack: bool,
        rbs_base: u64,
        mask: u64,
    ) -> frame::SigContext {
        let mut sc = frame::SigContext::default();
        let ri = (pt.cr_ipsr >> psr::RI) & 3;
        sc.flags = if pt.in_syscall() {
            frame::sc_flag::IN_SYSCALL
        } else {
            0
        } | if onstack { frame::sc_flag::ONSTACK } else { 0 };
        sc.ip = pt.cr_iip.wrapping_add(ri);
        sc.cfm = frame::sc_cfm_from_ifs(pt.cr_ifs);
        sc.um = pt.cr_ipsr & 0x3f;
        sc.ar_rsc = pt.ar_rsc;
        sc.ar_bsp = crate::rbs::user_rbs_end(pt);
        sc.ar_rnat = pt.ar_rnat;
        sc.ar_ccv = st.ar[usize::from(ar::CCV)];
        sc.ar_unat = st.ar[usize::from(ar::UNAT)];
        sc.ar_fpsr = st.ar[usize::from(ar::FPSR)];
        sc.ar_pfs = pt.ar_pfs;
        sc.ar_lc = st.ar[usize::from(ar::LC)];
        sc.pr = st.read_pr_all();
        sc.br = st.br;
        for r in 1..32 {
            let (v, nat) = user_gr(st, r);
            sc.gr[r] = v;
            if nat {
                sc.nat |= 1 << r;
            }
        }
        for f in 2..32u8 {
            sc.fr[usize::from(f)] = fr_to_spill(st.read_fr(f));
        }
        sc.stack = frame::StackT {
            sp: alt.sp,
            flags: if alt.size == 0 { frame::SS_DISABLE } else { 0 },
            size: alt.size,
        };
        sc.rbs_base = rbs_base;
        sc.loadrs = 0;
        sc.mask = mask;
        sc
    }

    /// The way out of `rt_sigreturn`. Linux/ia64's `ia64_rt_sigreturn` returns the address to
    /// leave through (arch/ia64/kernel/signal.c, entry.S `sys_rt_sigreturn`): with
    /// TIF_SYSCALL_TRACE or TIF_SYSCALL_AUDIT set, `ia64_strace_leave_kernel`, whose
    /// `syscall_trace_leave` makes the syscall-exit report ("strace expects to be notified
    /// after sigreturn returns") before `ia64_leave_kernel`; else `ia64_leave_kernel` directly.
    /// The report runs in the exit-work frame, and a tracer stopped there sees the restored
    /// registers (r8/r10 of the interrupted context).
    pub(crate) fn sigreturn_exit(&mut self, cpu: usize, tid: Tid) -> Result<(), KernelError> {
        let work = self.tasks.get(&tid).map(|t| t.work.syscall_work);
        let strace_leave =
            work.is_some_and(|w| w.test(SyscallWork::Trace) || w.test(SyscallWork::Audit));
        if !strace_leave {
            return self.exit_to_user(cpu);
        }
        let (c, mut view) = self.cpu_view(cpu);
        entry::enter_exit_work(&mut c.state, &mut view)?;
        if let Some(t) = self.tasks.get_mut(&tid) {
            t.exit_frame = true;
        }
        self.syscall_exit_work(cpu, tid)
    }

    /// `rt_sigreturn`: restore the state saved in the sigcontext at `r12 + 16 + 160` and
    /// return to it through the interruption exit path (`cr_ifs` valid: the saved frame is
    /// restored by `rfi`, the trampoline's empty frame by `loadrs` of the entry's size).
    pub(crate) fn sys_rt_sigreturn(&mut self) -> Action {
        let tid = self.cur;
        let cpu = self.cur_cpu;
        let sp = self.machine.vcpus[cpu].cpu.state.gr[12];
        let addr = sp
            .wrapping_add(frame::SIGFRAME_SP_BIAS)
            .wrapping_add(frame::SIGFRAME_SC_OFFSET as u64);
        // A sigcontext whose frame marker the processor would reject (sof > 96, sol > sof,
        // sor·8 > sof) cannot be returned to: the process gets SIGSEGV, like a frame it
        // cannot read.
        let sc = match self
            .copy_from_user(addr, frame::SIGCONTEXT_SIZE as u64)
            .ok()
            .and_then(|b| frame::SigContext::decode(&b))
            .filter(|sc| ia64_cpu::rse::Cfm::decode(sc.cfm).is_valid())
        {
            Some(sc) => sc,
            None => {
                let segv = SigInfo {
                    signo: sig::SIGSEGV,
                    code: signal::code::SI_KERNEL,
                    ..SigInfo::default()
                };
                self.force_signal(tid, segv);
                return Action::Return(SysResult::Err(errno::EFAULT));
            }
        };
        {
            let (c, mut view) = self.cpu_view(cpu);
            if let Err(f) = c.state.rse.br_ret(&mut view) {
                tracing::warn!(target: "kernel::signal", ?f, "rt_sigreturn: leaving the handler frame failed");
            }
        }
        let st = &mut self.machine.vcpus[cpu].cpu.state;
        for r in 1..32 {
            set_user_gr(st, r, sc.gr[r], sc.nat >> r & 1 != 0);
        }
        st.write_pr_masked(sc.pr, !1);
        st.br = sc.br;
        st.ar[usize::from(ar::CCV)] = sc.ar_ccv;
        st.ar[usize::from(ar::UNAT)] = sc.ar_unat;
        st.ar[usize::from(ar::FPSR)] = sc.ar_fpsr;
        st.ar[usize::from(ar::LC)] = sc.ar_lc;
        for f in 2..32u8 {
            st.write_fr(f, spill_to_fr(sc.fr[usize::from(f)]));
        }
        if let Some(t) = self.tasks.get_mut(&tid) {
            t.pt.cr_ifs = sc.cfm | (1 << 63);
            t.pt.cr_iip = sc.ip & !15;
            t.pt.cr_ipsr = (t.pt.cr_ipsr & !((3 << psr::RI) | 0x3f))
                | ((sc.ip & 3).min(2) << psr::RI)
                | (sc.um & 0x3f & !(1 << psr::BE));
            t.pt.ar_rsc = sc.ar_rsc | (3 << 2);
            t.pt.ar_pfs = sc.ar_pfs;
            t.blocked = sc.mask & !UNBLOCKABLE;
        }
        Action::Resumed
    }
}
