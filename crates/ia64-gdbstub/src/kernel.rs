//! [`KernelBackend`]: the [`Backend`] of a program running on the guest kernel
//! (`ia64-guest-kernel`), so that gdb debugs it through the kernel's gdb engine
//! (`ia64_guest_kernel::gdb`).
//!
//! This module only translates: gdb's raw register numbers to the kernel's registers, the
//! stub's resume actions and events to the kernel's, kernel errors to backend errors. Every
//! stop, resume, register and memory access is the kernel's (its tracing-engine layer and its
//! RSE coherence policy); nothing here touches the machine directly.

use ia64_guest_kernel::gdb::{DebugRun, DebugStop, GdbError, GdbReg, ThreadRun};
use ia64_guest_kernel::kernel::{Kernel, KernelError};

use crate::backend::{
    Backend, BackendError, ResumeHow, RunEvent, StopReason, ThreadAction, WatchKind,
};
use crate::regs::{regnum, Ia64Regs};

/// SIGKILL: what [`RunEvent::Killed`] reports when the kernel itself failed.
const SIGKILL: u8 = 9;

/// A program on the guest kernel, under gdb.
pub struct KernelBackend {
    /// The kernel running the program (after the session: to run it on after a detach, or
    /// to read its outcome).
    pub kernel: Kernel,
    /// The program's absolute host path, for gdb's `qXfer:exec-file:read`.
    pub exec_path: Option<String>,
    /// A host-side error that ended the run (reported to gdb as a SIGKILL).
    pub error: Option<KernelError>,
}

impl KernelBackend {
    /// Put the first program of `kernel` under gdb: it stops before its first instruction.
    pub fn new(mut kernel: Kernel, exec_path: Option<String>) -> Result<Self, KernelError> {
        kernel.gdb_attach()?;
        Ok(Self {
            kernel,
            exec_path,
            error: None,
        })
    }
}

fn backend_error(e: GdbError) -> BackendError {
    match e {
        GdbError::NoThread => BackendError::NoThread,
        GdbError::Invalid => BackendError::Invalid,
    }
}

/// The kernel's register for raw gdb register `n` (`None`: gdb never writes it, or it is
/// computed from memory: raw r32–r127, the raw predicate slots, vfp, vrap).
fn kernel_reg(n: usize) -> Option<GdbReg> {
    Some(match n {
        0..32 => GdbReg::Gr(n as u8),
        128..256 => GdbReg::Fr((n - regnum::FR0) as u8),
        320..328 => GdbReg::Br((n - regnum::BR0) as u8),
        regnum::PR => GdbReg::Pr,
        regnum::IP => GdbReg::Ip,
        regnum::PSR => GdbReg::Psr,
        regnum::CFM => GdbReg::Cfm,
        334..462 => GdbReg::Ar((n - regnum::AR0) as u8),
        _ => return None,
    })
}

fn stop_reason(r: DebugStop) -> StopReason {
    match r {
        DebugStop::Breakpoint { addr } => StopReason::Breakpoint { addr },
        DebugStop::Watch { kind, addr } => StopReason::Watch {
            kind: match kind {
                ia64_guest_kernel::gdb::WatchKind::Write => WatchKind::Write,
                ia64_guest_kernel::gdb::WatchKind::Read => WatchKind::Read,
                ia64_guest_kernel::gdb::WatchKind::Access => WatchKind::Access,
            },
            addr,
        },
        DebugStop::Step => StopReason::Step,
        DebugStop::Signal(s) => StopReason::Signal(s as u8),
    }
}

fn kernel_watch(kind: WatchKind) -> ia64_guest_kernel::gdb::WatchKind {
    match kind {
        WatchKind::Write => ia64_guest_kernel::gdb::WatchKind::Write,
        WatchKind::Read => ia64_guest_kernel::gdb::WatchKind::Read,
        WatchKind::Access => ia64_guest_kernel::gdb::WatchKind::Access,
    }
}

impl Backend for KernelBackend {
    fn threads(&mut self) -> Vec<u64> {
        self.kernel.gdb_threads()
    }

    fn read_regs(&mut self, tid: u64, regs: &mut Ia64Regs) -> Result<(), BackendError> {
        let r = self.kernel.gdb_regs(tid).map_err(backend_error)?;
        regs.gr[..32].copy_from_slice(&r.gr);
        regs.fr = r.fr;
        regs.br = r.br;
        regs.pr = r.pr;
        // The 64 raw predicate slots gdb never shows stay unavailable; so do raw r32–r127.
        regs.ip = r.ip;
        regs.psr = r.psr;
        regs.cfm = r.cfm;
        regs.ar = r.ar;
        Ok(())
    }

    fn write_reg(&mut self, tid: u64, n: usize, bytes: &[u8]) -> Result<(), BackendError> {
        let reg = kernel_reg(n).ok_or(BackendError::Invalid)?;
        let mut b = [0u8; 16];
        b.get_mut(..bytes.len())
            .ok_or(BackendError::Invalid)?
            .copy_from_slice(bytes);
        let value = u128::from_le_bytes(b);
        self.kernel
            .gdb_write_reg(tid, reg, value)
            .map_err(backend_error)
    }

    fn read_mem(&mut self, tid: u64, addr: u64, buf: &mut [u8]) -> Result<usize, BackendError> {
        match self.kernel.gdb_read_mem(tid, addr, buf) {
            Ok(0) if !buf.is_empty() => Err(BackendError::Fault),
            Ok(n) => Ok(n),
            Err(e) => Err(backend_error(e)),
        }
    }

    fn write_mem(&mut self, tid: u64, addr: u64, data: &[u8]) -> Result<(), BackendError> {
        match self.kernel.gdb_write_mem(tid, addr, data) {
            Ok(n) if n == data.len() => Ok(()),
            Ok(_) => Err(BackendError::Fault),
            Err(e) => Err(backend_error(e)),
        }
    }

    fn resume(&mut self, how: &ResumeHow) -> Result<(), BackendError> {
        let actions: Vec<(u64, ThreadRun, Option<u32>)> = how
            .actions
            .iter()
            .map(|&(tid, a, s)| {
                let run = match a {
                    ThreadAction::Continue => ThreadRun::Continue,
                    ThreadAction::Step => ThreadRun::Step,
                };
                (tid, run, s.map(u32::from))
            })
            .collect();
        self.kernel
            .gdb_resume(&actions, how.others_continue)
            .map_err(backend_error)
    }

    fn run(&mut self, budget: u64) -> RunEvent {
        if self.error.is_some() {
            return RunEvent::Killed(SIGKILL);
        }
        match self.kernel.run_until_event(budget) {
            Ok(DebugRun::Budget) => RunEvent::Budget,
            Ok(DebugRun::Stopped { tid, reason }) => RunEvent::Stopped {
                tid,
                reason: stop_reason(reason),
            },
            Ok(DebugRun::Exited(s)) => RunEvent::Exited(s),
            Ok(DebugRun::Killed(s)) => RunEvent::Killed(s),
            Err(e) => {
                self.error = Some(e);
                RunEvent::Killed(SIGKILL)
            }
        }
    }

    fn interrupt(&mut self) -> u64 {
        match self.kernel.gdb_interrupt() {
            Ok(tid) => tid.unwrap_or(1),
            Err(e) => {
                self.error = Some(e);
                1
            }
        }
    }

    fn add_breakpoint(&mut self, addr: u64) -> Result<(), BackendError> {
        self.kernel.gdb_add_breakpoint(addr).map_err(backend_error)
    }

    fn remove_breakpoint(&mut self, addr: u64) -> Result<(), BackendError> {
        self.kernel
            .gdb_remove_breakpoint(addr)
            .map_err(backend_error)
    }

    fn add_watchpoint(&mut self, addr: u64, len: u64, kind: WatchKind) -> Result<(), BackendError> {
        self.kernel
            .gdb_add_watchpoint(addr, len, kernel_watch(kind))
            .map_err(backend_error)
    }

    fn remove_watchpoint(
        &mut self,
        addr: u64,
        len: u64,
        kind: WatchKind,
    ) -> Result<(), BackendError> {
        self.kernel
            .gdb_remove_watchpoint(addr, len, kernel_watch(kind))
            .map_err(backend_error)
    }

    fn exec_file(&mut self) -> Option<String> {
        self.exec_path.clone()
    }

    fn kill(&mut self) {
        self.kernel.gdb_kill();
    }

    fn detach(&mut self) {
        self.kernel.gdb_detach();
    }
}
