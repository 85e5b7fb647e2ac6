//! RSE coherence for debuggers: the `--rse-sync none|eager|lazy` policies (rse-spec.md §8,
//! §9.2) and their counters.
//!
//! This module owns when a stopped task's user register stack is written back from its kernel
//! register backing store (KRBS) to the user backing store, where a debugger reads it
//! (`/proc/<pid>/mem`, PEEKDATA, gdb), and when what the debugger may have written there is
//! reloaded into the KRBS, from which the return to user mode refills the registers.
//!
//! * `none`: nothing is written back. PEEKDATA/POKEDATA on the backing store redirect to the
//!   KRBS as Linux ≤ 2.6.24 did (`ia64_peek`/`ia64_poke`); `/proc/<pid>/mem` and engines reading
//!   memory see stale values.
//! * `eager`: every stop writes back (`arch_ptrace_stop` as proposed in 2005) and every resume
//!   reloads, before the task runs again.
//! * `lazy` (default): Linux's `TIF_RESTORE_RSE` protocol. A stop writes back only if the flag
//!   is clear, then sets it (and NOTIFY_RESUME, so the exit path is slow); the first kernel
//!   consumer of stacked state after the stop — the syscall arguments after the entry report,
//!   a signal frame, or the return to user mode (the RESTORE_RSE work, last in the loop) —
//!   clears it and reloads. A second stop in the same kernel entry finds the flag set and
//!   writes nothing, so it cannot overwrite what a debugger wrote after the first.
//!
//! Any engine can ask for the write-back ([`Kernel::rse_writeback_for`]): ptrace at each stop
//! and at attach to a stopped task, a non-stopping inspector on demand.

use crate::kernel::{Kernel, KernelError};
use crate::rbs::{self, UserRbs};
use crate::task::Tid;
use crate::work::Tif;

/// The write-back policy (`--rse-sync`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum RseSync {
    /// Never write back (PEEKDATA redirects to the KRBS).
    None,
    /// Write back at every stop, reload at every resume.
    Eager,
    /// `TIF_RESTORE_RSE`: write back at most once per kernel entry, reload before the next
    /// consumer of stacked state.
    #[default]
    Lazy,
}

impl RseSync {
    /// The name used on the command line.
    pub fn name(self) -> &'static str {
        match self {
            RseSync::None => "none",
            RseSync::Eager => "eager",
            RseSync::Lazy => "lazy",
        }
    }

    /// Parse a command-line name.
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "none" => Some(RseSync::None),
            "eager" => Some(RseSync::Eager),
            "lazy" => Some(RseSync::Lazy),
            _ => None,
        }
    }
}

/// Coherence counters of a run.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct CoherenceStats {
    /// Debugger stops (tracing stops, and group stops a tracer holds).
    pub stops: u64,
    /// Write-backs done (KRBS → user backing store).
    pub writebacks: u64,
    /// Reloads done (user backing store → KRBS).
    pub reloads: u64,
    /// Bytes written back.
    pub bytes_written: u64,
    /// Bytes reloaded.
    pub bytes_reloaded: u64,
    /// Write-backs not done because one was already done in this kernel entry (lazy).
    pub avoided: u64,
}

/// Why a write-back is asked for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SyncReason {
    /// A debugger stop.
    Stop,
    /// An engine wants to read the user backing store without stopping the task, or a tracer
    /// attached to a stopped task.
    Demand,
}

impl Kernel {
    /// The policy in force.
    pub fn rse_sync(&self) -> RseSync {
        self.config.rse_sync
    }

    /// `tid` (switched out, inside the kernel) reached a debugger stop: write back as the
    /// policy says.
    pub(crate) fn rse_on_stop(&mut self, tid: Tid) -> Result<(), KernelError> {
        self.stats.coherence.stops += 1;
        self.rse_writeback_for(tid, SyncReason::Stop)
    }

    /// Write `tid`'s user register stack back to user memory (K → U) as the policy says; the
    /// task is inside the kernel (switched out, or current on its vCPU for a demand). `lazy`: at most once until the next reload (the
    /// `TIF_RESTORE_RSE` test-and-set); `eager`: always, and the resume reloads; `none`: never.
    pub fn rse_writeback_for(&mut self, tid: Tid, why: SyncReason) -> Result<(), KernelError> {
        let policy = self.config.rse_sync;
        let Some(t) = self.tasks.get_mut(&tid) else {
            return Ok(());
        };
        let on_cpu = t.on_cpu;
        match policy {
            RseSync::None => return Ok(()),
            RseSync::Lazy => {
                if t.work.flags.test_and_set(Tif::RestoreRse) {
                    self.stats.coherence.avoided += 1;
                    return Ok(());
                }
                // RESTORE_RSE is in this kernel's exit work mask, but Linux's is not: every
                // setter raises NOTIFY_RESUME too (rse-spec.md §8.5 point 3).
                t.work.flags.set(Tif::NotifyResume);
            }
            // A task current in the kernel (a non-stopping inspector's demand) is written back
            // every time and needs no reload: nobody can edit its memory before it goes on.
            RseSync::Eager if on_cpu.is_some() => {}
            RseSync::Eager => {
                // A demand write-back of an eager task that is stopped is already done.
                if why == SyncReason::Demand && t.eager_reload {
                    self.stats.coherence.avoided += 1;
                    return Ok(());
                }
                t.eager_reload = true;
            }
        }
        let bytes = match on_cpu {
            Some(cpu) => self.writeback_current(cpu, tid)?,
            None => self.writeback_now(tid),
        };
        self.stats.coherence.writebacks += 1;
        self.stats.coherence.bytes_written += bytes;
        Ok(())
    }

    /// Run `f` on the user backing store of switched-out `tid` (its geometry and a view of
    /// its memory), then keep the RNAT values `f` may have changed (`put_rnat`). `None`: no
    /// such task or memory.
    pub(crate) fn with_stopped_rbs<R>(
        &mut self,
        tid: Tid,
        f: impl FnOnce(&mut ia64_machine::mmu::MemView<'_>, &mut UserRbs) -> R,
    ) -> Option<R> {
        let t = self.tasks.get(&tid)?;
        let (mut rbs, mm) = (UserRbs::new(&t.pt, &t.sw), t.mm);
        let r = f(&mut self.mm_view(mm)?, &mut rbs);
        if let Some(t) = self.tasks.get_mut(&tid) {
            rbs.commit(&mut t.pt, &mut t.sw);
        }
        Some(r)
    }

    /// `ia64_sync_user_rbs` on switched-out `tid`; returns the bytes written (a fault on the
    /// user backing store stops the copy and is ignored, as Linux ignores it).
    fn writeback_now(&mut self, tid: Tid) -> u64 {
        let r = self.with_stopped_rbs(tid, |m, r| rbs::sync_user_rbs(m, r).ok());
        let Some(Some(r)) = r else {
            return 0;
        };
        if let Some(t) = self.tasks.get_mut(&tid) {
            t.rnat_end = r.rnat_end;
        }
        r.bytes
    }

    /// `ia64_sync_user_rbs` on `tid`, current on `cpu` inside the kernel (a non-stopping
    /// inspector's demand): flushed and refilled around the copy, as `unw_init_running` does.
    fn writeback_current(&mut self, cpu: usize, tid: Tid) -> Result<u64, KernelError> {
        let Some(mut pt) = self.tasks.get(&tid).map(|t| t.pt) else {
            return Ok(0);
        };
        let (c, mut view) = self.cpu_view(cpu);
        let r = rbs::with_flushed(&mut c.state, &mut view, &mut pt, |m, r| {
            rbs::sync_user_rbs(m, r).ok()
        })?;
        let Some(r) = r else {
            return Ok(0);
        };
        if let Some(t) = self.tasks.get_mut(&tid) {
            t.pt = pt;
            t.rnat_end = r.rnat_end;
        }
        Ok(r.bytes)
    }

    /// `ia64_sync_kernel_rbs` on switched-out `tid` (U → K); returns the bytes read.
    fn reload_switched_out(&mut self, tid: Tid) -> u64 {
        self.with_stopped_rbs(tid, |m, r| rbs::sync_kernel_rbs(m, r).unwrap_or(0))
            .unwrap_or(0)
    }

    /// `eager`: a task resumed after a stop reloads before it runs again (called while it is
    /// still switched out).
    pub(crate) fn rse_on_resume(&mut self, tid: Tid) {
        let due = self
            .tasks
            .get_mut(&tid)
            .is_some_and(|t| std::mem::take(&mut t.eager_reload));
        if due && self.config.rse_sync == RseSync::Eager {
            let bytes = self.reload_switched_out(tid);
            self.stats.coherence.reloads += 1;
            self.stats.coherence.bytes_reloaded += bytes;
        }
    }

    /// `lazy`: a kernel consumer of stacked state is next (or the return to user mode):
    /// `ia64_sync_krbs` if RESTORE_RSE is set — clear it first, then reload, on the task
    /// current on `cpu` (flushed and refilled around the copy, as `unw_init_running` does).
    pub(crate) fn rse_restore(&mut self, cpu: usize, tid: Tid) -> Result<(), KernelError> {
        let due = self
            .tasks
            .get_mut(&tid)
            .is_some_and(|t| t.work.flags.test_and_clear(Tif::RestoreRse));
        if !due {
            return Ok(());
        }
        self.rse_reload(cpu, tid)
    }

    /// The reload of [`Kernel::rse_restore`] once RESTORE_RSE is known to have been set (the
    /// exit-to-user loop clears each flag before it calls the flag's handler).
    pub(crate) fn rse_reload(&mut self, cpu: usize, tid: Tid) -> Result<(), KernelError> {
        let Some(mut pt) = self.tasks.get(&tid).map(|t| t.pt) else {
            return Ok(());
        };
        let (c, mut view) = self.cpu_view(cpu);
        let bytes = rbs::with_flushed(&mut c.state, &mut view, &mut pt, |m, r| {
            rbs::sync_kernel_rbs(m, r).unwrap_or(0)
        })?;
        if let Some(t) = self.tasks.get_mut(&tid) {
            t.pt = pt;
        }
        self.stats.coherence.reloads += 1;
        self.stats.coherence.bytes_reloaded += bytes;
        Ok(())
    }

    /// PEEKDATA under `none`: Linux ≤ 2.6.24 redirected accesses to the backing-store range
    /// of a stopped tracee to its KRBS (`ia64_peek`); other policies read memory. `None` when
    /// the address is not redirected.
    pub(crate) fn rbs_redirect_peek(&mut self, tid: Tid, addr: u64) -> Option<Option<u64>> {
        if self.config.rse_sync != RseSync::None {
            return None;
        }
        self.with_stopped_rbs(tid, |m, r| {
            r.on_kernel_rbs(addr).then(|| rbs::peek(m, r, addr).ok())
        })?
    }

    /// POKEDATA under `none` (`ia64_poke`); `None` when the address is not redirected.
    pub(crate) fn rbs_redirect_poke(&mut self, tid: Tid, addr: u64, v: u64) -> Option<bool> {
        if self.config.rse_sync != RseSync::None {
            return None;
        }
        self.with_stopped_rbs(tid, |m, r| {
            r.on_kernel_rbs(addr)
                .then(|| rbs::poke(m, r, addr, v).is_ok())
        })?
    }
}
