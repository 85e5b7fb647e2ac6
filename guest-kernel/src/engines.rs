//! The kernel side of the tracing-engine layer: [`crate::utrace`] over this kernel's tasks.
//!
//! This module owns the binding between the pure engine layer and the kernel: the
//! [`UtraceHost`] implementation (task facts, thread-flag effects, the signal queue, stepping),
//! the kinds of engines the kernel knows ([`EngineKind`]) and the dispatch of callbacks to
//! them, and the kernel's hook points (`Kernel::trace_stop` and the `trace_*` helpers the
//! entry, exit, signal and process code call).
//!
//! A report that stops returns [`Reported::Stopped`]: the kernel marks the task
//! [`RunState::Traced`], records where it continues ([`Resume`]) and switches it out — the
//! host-side form of `utrace_stop` sleeping in `schedule()`. When an engine resumes it,
//! [`UtraceHost::wake_up_quiescent`] makes it runnable and the same report function is called
//! again, which continues after the stop.
//!
//! Engines: [`EngineKind::Ptrace`] ([`crate::ptrace`]), and the two non-stopping engines of
//! `ia64emu run`: [`EngineKind::Strace`] and [`EngineKind::CountSyscalls`]
//! ([`crate::strace`]).

use ia64_cpu::state::psr;

use crate::kernel::{Kernel, KernelError};
use crate::signal::{sig, SigAction, SigInfo};
use crate::task::{Resume, RunState, Tid};
use crate::utrace::{
    self, Callee, ExitState, Report, Reported, TaskFacts, UserStep, Utrace, UtraceHost,
};
use crate::work::{NotifyUser, SyscallWork, Tif};

/// The engines this kernel knows (the utrace ops vectors).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum EngineKind {
    /// ptrace ([`crate::ptrace`]); its data is the tracer's tid.
    Ptrace,
    /// `--strace`: syscall entry/exit, signals, clone and exit reporting without stopping.
    Strace,
    /// `--count-syscalls`: counts syscalls and errors, nothing else.
    CountSyscalls,
    /// The host-side coherence harness ([`crate::harness`]): stops at chosen events and
    /// checks the user backing store at each stop.
    Harness,
    /// A gdb remote stub ([`crate::gdb`]): all-stop debugging of one program.
    Gdb,
}

/// The engine layer of this kernel.
pub type KernelUtrace = Utrace<Tid, EngineKind, u64>;

/// The notify-resume user of the engine layer (registered first, so its id is 0).
pub const UTRACE_NOTIFY: NotifyUser = NotifyUser::FIRST;

impl UtraceHost for Kernel {
    type Task = Tid;
    type Ops = EngineKind;
    type Data = u64;

    fn utrace(&mut self) -> &mut KernelUtrace {
        &mut self.utrace
    }

    fn current(&self) -> Option<Tid> {
        Some(self.cur)
    }

    fn task_facts(&self, task: Tid) -> Option<TaskFacts> {
        let t = self.tasks.get(&task)?;
        let exit = match t.state {
            RunState::Dead => ExitState::Zombie,
            _ => ExitState::Live,
        };
        Some(TaskFacts {
            kernel_thread: false,
            job_stopped: t.state == RunState::Stopped,
            exit,
        })
    }

    fn fatal_signal_pending(&self, task: Tid) -> bool {
        self.kill_pending(task)
    }

    fn signal_pending(&self, task: Tid) -> bool {
        self.tasks
            .get(&task)
            .is_some_and(|t| t.work.flags.test(Tif::SigPending))
    }

    fn group_stop_pending(&self, task: Tid) -> bool {
        let Some(t) = self.tasks.get(&task) else {
            return false;
        };
        !t.stop_consumed
            && t.state != RunState::Stopped
            && self
                .groups
                .get(&t.tgid)
                .is_some_and(|g| g.stopped.is_some())
    }

    fn set_notify_resume(&mut self, task: Tid) {
        if let Some(t) = self.tasks.get_mut(&task) {
            t.work.set_notify_resume(UTRACE_NOTIFY);
        }
    }

    fn set_sigpending(&mut self, task: Tid) {
        if let Some(t) = self.tasks.get_mut(&task) {
            t.work.flags.set(Tif::SigPending);
        }
    }

    fn signal_wake_up(&mut self, task: Tid) {
        self.signal_wake(task);
    }

    fn recalc_sigpending(&mut self, task: Tid) {
        Kernel::recalc_sigpending(self, task);
    }

    fn set_syscall_trace(&mut self, task: Tid, on: bool) {
        if let Some(t) = self.tasks.get_mut(&task) {
            if on {
                t.work.syscall_work.set(SyscallWork::Trace);
            } else {
                t.work.syscall_work.clear(SyscallWork::Trace);
            }
        }
    }

    fn wake_up_quiescent(&mut self, task: Tid) {
        let listening = self.ptrace.get(&task).is_some_and(|c| c.listening);
        let Some(t) = self.tasks.get_mut(&task) else {
            return;
        };
        match t.state {
            RunState::Traced => t.state = RunState::Runnable,
            // ptrace resumes a tracee from its group stop (it has taken part in it); a
            // listening tracee stays in the group stop.
            RunState::Stopped if !listening => t.state = RunState::Runnable,
            _ => return,
        }
        self.enqueue(task);
    }

    fn set_user_step(&mut self, task: Tid, step: UserStep) {
        let Some(t) = self.tasks.get_mut(&task) else {
            return;
        };
        let (ss, tb) = match step {
            UserStep::Off => (false, false),
            UserStep::Single => (true, false),
            UserStep::Block => (false, true),
        };
        // user_enable_single_step: ipsr.ss / ipsr.tb of the return to user mode, and
        // TIF_SINGLESTEP so a syscall exit reports the step.
        let mut ipsr = t.pt.cr_ipsr & !((1 << psr::SS) | (1 << psr::TB));
        ipsr |= u64::from(ss) << psr::SS | u64::from(tb) << psr::TB;
        t.pt.cr_ipsr = ipsr;
        t.stepping = ss || tb;
        if ss || tb {
            t.work.syscall_work.set(SyscallWork::SingleStep);
        } else {
            t.work.syscall_work.clear(SyscallWork::SingleStep);
        }
    }

    fn dequeue_signal(&mut self, task: Tid) -> Option<(SigInfo, SigAction)> {
        let info = self.dequeue(task)?;
        let tgid = self.tasks.get(&task).map_or(0, |t| t.tgid);
        Some((info, self.action(tgid, info.signo)))
    }

    fn dequeue_sigkill(&mut self, task: Tid) -> Option<(SigInfo, SigAction)> {
        let t = self.tasks.get_mut(&task)?;
        let i = t.pending.iter().position(|x| x.signo == sig::SIGKILL)?;
        let info = t.pending.remove(i)?;
        Some((info, SigAction::default()))
    }

    fn push_back_signal(&mut self, task: Tid, info: &SigInfo) {
        if let Some(t) = self.tasks.get_mut(&task) {
            t.pending.push_front(*info);
            t.work.flags.set(Tif::SigPending);
        }
    }

    fn reset_handler(&mut self, task: Tid, signo: u32) {
        let tgid = self.tasks.get(&task).map_or(0, |t| t.tgid);
        if let Some(a) = self
            .groups
            .get_mut(&tgid)
            .and_then(|g| g.actions.get_mut(signo as usize))
        {
            *a = SigAction::default();
        }
    }

    fn report(
        &mut self,
        callee: Callee<Tid, EngineKind, u64>,
        action: u32,
        report: &mut Report<'_, Tid>,
    ) -> u32 {
        self.stats.engine_callbacks += 1;
        match callee.ops {
            EngineKind::Ptrace => crate::ptrace::report(self, callee, action, report),
            EngineKind::Strace | EngineKind::CountSyscalls => {
                crate::strace::report(self, callee, action, report)
            }
            EngineKind::Harness => crate::harness::report(self, callee, action, report),
            EngineKind::Gdb => crate::gdb::report(self, callee, action, report),
        }
    }

    fn release(&mut self, ops: EngineKind, data: u64) {
        tracing::debug!(target: "kernel::utrace", ?ops, data, "engine released");
    }
}

impl Kernel {
    /// Run an engine-layer call as `tid`'s kernel code (`current`).
    pub(crate) fn as_current<R>(&mut self, tid: Tid, f: impl FnOnce(&mut Self) -> R) -> R {
        let saved = self.cur;
        self.cur = tid;
        let r = f(self);
        self.cur = saved;
        r
    }

    /// A report stopped `tid` (on `cpu`): it is in the tracing stop, continues at `resume`
    /// when an engine lets it go, and leaves the vCPU now.
    pub(crate) fn trace_stop(
        &mut self,
        cpu: usize,
        tid: Tid,
        resume: Resume,
    ) -> Result<(), KernelError> {
        if let Some(t) = self.tasks.get_mut(&tid) {
            if t.state == RunState::Runnable {
                t.state = RunState::Traced;
            }
            t.resume = resume;
        }
        self.stats.trace_stops += 1;
        self.switch_away(cpu, tid)?;
        // arch_ptrace_stop: the user register stack goes where the debugger reads it.
        self.rse_on_stop(tid)?;
        self.on_trace_stop(tid);
        // The host-side harness examines (and may edit and resume) a task it stopped.
        crate::harness::on_stopped(self, tid)?;
        // A gdb stop answered in an event report is now an event for the stub.
        crate::gdb::on_stopped(self, tid);
        // An engine may already have let it go (a stop that ended during the report).
        if !self.utrace.is_utraced(tid) {
            self.utrace_wake(tid);
        }
        Ok(())
    }

    /// Attach an engine of `kind` (one per task: CREATE | EXCLUSIVE | MATCH_OPS) with `data`
    /// and `events` to `tid`; the attachment holds the only reference. `None`: not attached
    /// (the task is gone, or such an engine is already there).
    pub(crate) fn attach_exclusive(
        &mut self,
        tid: Tid,
        kind: EngineKind,
        data: u64,
        events: u32,
    ) -> Option<utrace::EngineId> {
        self.try_attach_exclusive(tid, kind, data, events).ok()
    }

    /// [`Kernel::attach_exclusive`] with the engine layer's reason when it does not attach
    /// (`Exist`: such an engine is already there).
    pub(crate) fn try_attach_exclusive(
        &mut self,
        tid: Tid,
        kind: EngineKind,
        data: u64,
        events: u32,
    ) -> Result<utrace::EngineId, utrace::Error> {
        let flags = utrace::ATTACH_CREATE | utrace::ATTACH_EXCLUSIVE | utrace::ATTACH_MATCH_OPS;
        let e = utrace::attach(self, tid, flags, Some(kind), data)?;
        let _ = utrace::set_events(self, tid, e, events);
        // The caller's reference: the attached one keeps the engine.
        let _ = utrace::engine_put(self, e);
        Ok(e)
    }

    /// Make `tid` runnable again after a tracing stop if the engine layer no longer holds it.
    pub(crate) fn utrace_wake(&mut self, tid: Tid) {
        UtraceHost::wake_up_quiescent(self, tid);
    }

    /// The engine-layer notify-resume user: `utrace_resume`. Returns false when the task
    /// stopped (and left the vCPU).
    pub(crate) fn trace_resume_work(&mut self, cpu: usize, tid: Tid) -> Result<bool, KernelError> {
        match self.as_current(tid, |k| utrace::report_resume(k, tid)) {
            Reported::Done(()) => Ok(true),
            Reported::Stopped => {
                self.trace_stop(cpu, tid, Resume::ExitWork)?;
                Ok(false)
            }
        }
    }
}
