//! The `gdbstub` target: maps gdb's requests onto a [`Backend`] and keeps the breakpoints,
//! watchpoints and pending resume actions.
//!
//! Breakpoints are kept here, never written into guest code: gdb's software ('Z0') and
//! hardware ('Z1') breakpoints are two sets of addresses, and the backend is told about an
//! address when it enters their union and when it leaves it. 'Z' packets are idempotent, as
//! the protocol requires. Watchpoints ('Z2'–'Z4') are kept the same way.

use std::collections::BTreeSet;
use std::num::NonZeroUsize;

use gdbstub::common::{Pid, Signal, Tid};
use gdbstub::target::ext::base::multithread::{
    MultiThreadBase, MultiThreadResume, MultiThreadResumeOps, MultiThreadSchedulerLocking,
    MultiThreadSchedulerLockingOps, MultiThreadSingleStep, MultiThreadSingleStepOps,
};
use gdbstub::target::ext::base::single_register_access::{
    SingleRegisterAccess, SingleRegisterAccessOps,
};
use gdbstub::target::ext::base::BaseOps;
use gdbstub::target::ext::breakpoints::{
    Breakpoints, BreakpointsOps, HwBreakpoint, HwBreakpointOps, HwWatchpoint, HwWatchpointOps,
    SwBreakpoint, SwBreakpointOps,
};
use gdbstub::target::ext::exec_file::{ExecFile, ExecFileOps};
use gdbstub::target::ext::extended_mode::{
    Args, AttachKind, ExtendedMode, ExtendedModeOps, ShouldTerminate,
};
use gdbstub::target::{Target, TargetError, TargetResult};

use crate::arch::{Ia64, Ia64RegId};
use crate::backend::{Backend, BackendError, ResumeHow, ThreadAction, WatchKind};
use crate::regs::{self, Ia64Regs, NUM_RAW_REGS};

/// errno values of the `Exx` replies.
const EFAULT: u8 = 14;
const EINVAL: u8 = 22;
const ESRCH: u8 = 3;
const EPERM: u8 = 1;

/// A backend error as a `gdbstub` target error.
fn target_error(e: BackendError) -> TargetError<BackendError> {
    match e {
        BackendError::Fault => TargetError::Errno(EFAULT),
        BackendError::Invalid => TargetError::Errno(EINVAL),
        BackendError::NoThread => TargetError::Errno(ESRCH),
        fatal @ BackendError::Fatal(_) => TargetError::Fatal(fatal),
    }
}

/// A gdbstub thread id as a guest tid.
pub(crate) fn tid_of(tid: Tid) -> u64 {
    tid.get() as u64
}

/// A guest tid as a gdbstub thread id (`None` for 0 or one too wide for `usize`).
pub(crate) fn gdb_tid(tid: u64) -> Option<Tid> {
    usize::try_from(tid).ok().and_then(NonZeroUsize::new)
}

/// `gdbstub`'s watchpoint kind as the backend's.
fn kind_from_gdbstub(kind: gdbstub::target::ext::breakpoints::WatchKind) -> WatchKind {
    use gdbstub::target::ext::breakpoints::WatchKind as G;
    match kind {
        G::Write => WatchKind::Write,
        G::Read => WatchKind::Read,
        G::ReadWrite => WatchKind::Access,
    }
}

/// Slot numbers above 2 do not exist; gdb refuses them itself
/// (`ia64_memory_insert_breakpoint`), so one here is a confused client.
fn valid_slot(addr: u64) -> bool {
    addr & 0xf <= 2
}

/// The stub's target: the backend plus what the stub keeps between packets.
pub(crate) struct StubTarget<'b, B: Backend> {
    pub(crate) backend: &'b mut B,
    sw: BTreeSet<u64>,
    hw: BTreeSet<u64>,
    watches: BTreeSet<(u64, u64, WatchKind)>,
    pending: ResumeHow,
    exec_file: Option<String>,
}

impl<'b, B: Backend> StubTarget<'b, B> {
    pub(crate) fn new(backend: &'b mut B) -> Self {
        let exec_file = backend.exec_file();
        StubTarget {
            backend,
            exec_file,
            sw: BTreeSet::new(),
            hw: BTreeSet::new(),
            watches: BTreeSet::new(),
            pending: ResumeHow::default(),
        }
    }

    /// Is `addr` a software breakpoint (else, if it is one at all, a hardware one)?
    pub(crate) fn is_sw_breakpoint(&self, addr: u64) -> bool {
        self.sw.contains(&addr)
    }

    /// Is `addr` a hardware breakpoint?
    pub(crate) fn is_hw_breakpoint(&self, addr: u64) -> bool {
        self.hw.contains(&addr)
    }

    /// Removes every breakpoint and watchpoint from the backend (before kill or detach).
    pub(crate) fn clear_all(&mut self) {
        let addrs: BTreeSet<u64> = self.sw.union(&self.hw).copied().collect();
        for addr in addrs {
            // Best effort: the session is ending and nothing can be reported any more.
            let _ = self.backend.remove_breakpoint(addr);
        }
        for (addr, len, kind) in std::mem::take(&mut self.watches) {
            let _ = self.backend.remove_watchpoint(addr, len, kind);
        }
        self.sw.clear();
        self.hw.clear();
    }

    fn add_bp(&mut self, addr: u64, hw: bool) -> TargetResult<bool, Self> {
        if !valid_slot(addr) {
            return Err(TargetError::Errno(EINVAL));
        }
        let known = self.sw.contains(&addr) || self.hw.contains(&addr);
        if !known {
            self.backend.add_breakpoint(addr).map_err(target_error)?;
        }
        if hw {
            self.hw.insert(addr);
        } else {
            self.sw.insert(addr);
        }
        Ok(true)
    }

    fn remove_bp(&mut self, addr: u64, hw: bool) -> TargetResult<bool, Self> {
        let removed = if hw {
            self.hw.remove(&addr)
        } else {
            self.sw.remove(&addr)
        };
        if removed && !self.sw.contains(&addr) && !self.hw.contains(&addr) {
            self.backend.remove_breakpoint(addr).map_err(target_error)?;
        }
        Ok(true)
    }

    fn set_action(&mut self, tid: Tid, action: ThreadAction, signal: Option<Signal>) {
        let tid = tid_of(tid);
        let signal = signal.map(|s| s.0).filter(|&s| s != 0);
        self.pending.actions.retain(|(t, _, _)| *t != tid);
        self.pending.actions.push((tid, action, signal));
        self.pending.actions.sort_by_key(|(t, _, _)| *t);
    }
}

impl<B: Backend> Target for StubTarget<'_, B> {
    type Arch = Ia64;
    type Error = BackendError;

    fn base_ops(&mut self) -> BaseOps<'_, Ia64, BackendError> {
        BaseOps::MultiThread(self)
    }

    fn support_breakpoints(&mut self) -> Option<BreakpointsOps<'_, Self>> {
        Some(self)
    }

    /// gdb's ia64 architecture has no target description (see [`crate::arch`]).
    fn use_target_description_xml(&self) -> bool {
        false
    }

    fn use_lldb_register_info(&self) -> bool {
        false
    }

    fn support_exec_file(&mut self) -> Option<ExecFileOps<'_, Self>> {
        self.exec_file.is_some().then_some(self)
    }

    /// Only for what it changes under plain `target remote`: 'vKill' is answered "OK"
    /// before the session ends (without it gdb reports "Remote connection closed"), and
    /// 'qAttached' says the program was started for the debugger, so gdb kills it on quit
    /// as it does with gdbserver.
    fn support_extended_mode(&mut self) -> Option<ExtendedModeOps<'_, Self>> {
        Some(self)
    }
}

impl<B: Backend> ExtendedMode for StubTarget<'_, B> {
    /// Starting programs from gdb ('vRun') is not supported.
    fn run(&mut self, _filename: Option<&[u8]>, _args: Args<'_, '_>) -> TargetResult<Pid, Self> {
        Err(TargetError::Errno(EPERM))
    }

    /// Attaching to another process ('vAttach') is not supported.
    fn attach(&mut self, _pid: Pid) -> TargetResult<(), Self> {
        Err(TargetError::Errno(EPERM))
    }

    fn query_if_attached(&mut self, _pid: Pid) -> TargetResult<AttachKind, Self> {
        Ok(AttachKind::Run)
    }

    /// The session ends with `Outcome::Killed`; `serve` then calls `Backend::kill`.
    fn kill(&mut self, _pid: Option<Pid>) -> TargetResult<ShouldTerminate, Self> {
        Ok(ShouldTerminate::Yes)
    }

    /// 'R' (extended-remote only): not supported, ignored.
    fn restart(&mut self) -> Result<(), BackendError> {
        Ok(())
    }
}

impl<B: Backend> ExecFile for StubTarget<'_, B> {
    fn get_exec_file(
        &self,
        _pid: Option<Pid>,
        offset: u64,
        length: usize,
        buf: &mut [u8],
    ) -> TargetResult<usize, Self> {
        let path = self.exec_file.as_deref().unwrap_or_default().as_bytes();
        let start = usize::try_from(offset)
            .unwrap_or(usize::MAX)
            .min(path.len());
        let n = length.min(buf.len()).min(path.len() - start);
        buf[..n].copy_from_slice(&path[start..start + n]);
        Ok(n)
    }
}

impl<B: Backend> MultiThreadBase for StubTarget<'_, B> {
    fn read_registers(&mut self, regs: &mut Ia64Regs, tid: Tid) -> TargetResult<(), Self> {
        *regs = Ia64Regs::default();
        self.backend
            .read_regs(tid_of(tid), regs)
            .map_err(target_error)
    }

    /// A 'G' write: the registers whose value differs from the thread's current, available
    /// ones are written one by one in register-number order.
    fn write_registers(&mut self, regs: &Ia64Regs, tid: Tid) -> TargetResult<(), Self> {
        let tid = tid_of(tid);
        let mut current = Ia64Regs::default();
        self.backend
            .read_regs(tid, &mut current)
            .map_err(target_error)?;
        for n in 0..NUM_RAW_REGS {
            if !current.is_available(n) {
                continue;
            }
            let (Some(new), Some(old)) = (regs.raw_bytes(n), current.raw_bytes(n)) else {
                continue;
            };
            if new != old {
                self.backend.write_reg(tid, n, &new).map_err(target_error)?;
            }
        }
        Ok(())
    }

    fn support_single_register_access(&mut self) -> Option<SingleRegisterAccessOps<'_, Tid, Self>> {
        Some(self)
    }

    fn read_addrs(&mut self, start: u64, data: &mut [u8], tid: Tid) -> TargetResult<usize, Self> {
        self.backend
            .read_mem(tid_of(tid), start, data)
            .map(|n| n.min(data.len()))
            .map_err(target_error)
    }

    fn write_addrs(&mut self, start: u64, data: &[u8], tid: Tid) -> TargetResult<(), Self> {
        self.backend
            .write_mem(tid_of(tid), start, data)
            .map_err(target_error)
    }

    fn list_active_threads(&mut self, report: &mut dyn FnMut(Tid)) -> Result<(), BackendError> {
        for tid in self.backend.threads() {
            if let Some(t) = gdb_tid(tid) {
                report(t);
            }
        }
        Ok(())
    }

    fn support_resume(&mut self) -> Option<MultiThreadResumeOps<'_, Self>> {
        Some(self)
    }
}

impl<B: Backend> SingleRegisterAccess<Tid> for StubTarget<'_, B> {
    /// A 'p' read; an unavailable register answers `xx…` (length 0 to gdbstub).
    fn read_register(
        &mut self,
        tid: Tid,
        reg: Ia64RegId,
        buf: &mut [u8],
    ) -> TargetResult<usize, Self> {
        let mut regs = Ia64Regs::default();
        self.backend
            .read_regs(tid_of(tid), &mut regs)
            .map_err(target_error)?;
        if !regs.is_available(reg.0) {
            return Ok(0);
        }
        let bytes = regs.raw_bytes(reg.0).ok_or(TargetError::Errno(EINVAL))?;
        let out = buf
            .get_mut(..bytes.len())
            .ok_or(TargetError::Errno(EINVAL))?;
        out.copy_from_slice(&bytes);
        Ok(bytes.len())
    }

    /// A 'P' write, passed on as it is.
    fn write_register(&mut self, tid: Tid, reg: Ia64RegId, val: &[u8]) -> TargetResult<(), Self> {
        if regs::size(reg.0) != Some(val.len()) {
            return Err(TargetError::Errno(EINVAL));
        }
        self.backend
            .write_reg(tid_of(tid), reg.0, val)
            .map_err(target_error)
    }
}

impl<B: Backend> MultiThreadResume for StubTarget<'_, B> {
    fn resume(&mut self) -> Result<(), BackendError> {
        let how = std::mem::take(&mut self.pending);
        self.backend.resume(&how)
    }

    fn clear_resume_actions(&mut self) -> Result<(), BackendError> {
        // gdbstub's contract: threads without an explicit action continue unless the packet
        // asks for scheduler locking (`set_resume_action_scheduler_lock`).
        self.pending = ResumeHow {
            actions: Vec::new(),
            others_continue: true,
        };
        Ok(())
    }

    fn set_resume_action_continue(
        &mut self,
        tid: Tid,
        signal: Option<Signal>,
    ) -> Result<(), BackendError> {
        self.set_action(tid, ThreadAction::Continue, signal);
        Ok(())
    }

    fn support_single_step(&mut self) -> Option<MultiThreadSingleStepOps<'_, Self>> {
        Some(self)
    }

    fn support_scheduler_locking(&mut self) -> Option<MultiThreadSchedulerLockingOps<'_, Self>> {
        Some(self)
    }
}

impl<B: Backend> MultiThreadSingleStep for StubTarget<'_, B> {
    fn set_resume_action_step(
        &mut self,
        tid: Tid,
        signal: Option<Signal>,
    ) -> Result<(), BackendError> {
        self.set_action(tid, ThreadAction::Step, signal);
        Ok(())
    }
}

impl<B: Backend> MultiThreadSchedulerLocking for StubTarget<'_, B> {
    fn set_resume_action_scheduler_lock(&mut self) -> Result<(), BackendError> {
        self.pending.others_continue = false;
        Ok(())
    }
}

impl<B: Backend> Breakpoints for StubTarget<'_, B> {
    fn support_sw_breakpoint(&mut self) -> Option<SwBreakpointOps<'_, Self>> {
        Some(self)
    }

    fn support_hw_breakpoint(&mut self) -> Option<HwBreakpointOps<'_, Self>> {
        Some(self)
    }

    fn support_hw_watchpoint(&mut self) -> Option<HwWatchpointOps<'_, Self>> {
        Some(self)
    }
}

impl<B: Backend> SwBreakpoint for StubTarget<'_, B> {
    fn add_sw_breakpoint(&mut self, addr: u64, _kind: usize) -> TargetResult<bool, Self> {
        self.add_bp(addr, false)
    }

    fn remove_sw_breakpoint(&mut self, addr: u64, _kind: usize) -> TargetResult<bool, Self> {
        self.remove_bp(addr, false)
    }
}

impl<B: Backend> HwBreakpoint for StubTarget<'_, B> {
    fn add_hw_breakpoint(&mut self, addr: u64, _kind: usize) -> TargetResult<bool, Self> {
        self.add_bp(addr, true)
    }

    fn remove_hw_breakpoint(&mut self, addr: u64, _kind: usize) -> TargetResult<bool, Self> {
        self.remove_bp(addr, true)
    }
}

impl<B: Backend> HwWatchpoint for StubTarget<'_, B> {
    fn add_hw_watchpoint(
        &mut self,
        addr: u64,
        len: u64,
        kind: gdbstub::target::ext::breakpoints::WatchKind,
    ) -> TargetResult<bool, Self> {
        let kind = kind_from_gdbstub(kind);
        if len == 0 || addr.checked_add(len).is_none() {
            return Err(TargetError::Errno(EINVAL));
        }
        if !self.watches.contains(&(addr, len, kind)) {
            self.backend
                .add_watchpoint(addr, len, kind)
                .map_err(target_error)?;
            self.watches.insert((addr, len, kind));
        }
        Ok(true)
    }

    fn remove_hw_watchpoint(
        &mut self,
        addr: u64,
        len: u64,
        kind: gdbstub::target::ext::breakpoints::WatchKind,
    ) -> TargetResult<bool, Self> {
        let kind = kind_from_gdbstub(kind);
        if self.watches.remove(&(addr, len, kind)) {
            self.backend
                .remove_watchpoint(addr, len, kind)
                .map_err(target_error)?;
        }
        Ok(true)
    }
}
