//! The gdb tracing engine: what a gdb remote stub needs from the kernel, built on the engine
//! layer ([`crate::utrace`]) like ptrace, so every gdb stop is a kernel stop and every resume goes
//! through the engine's controls.
//!
//! This module owns the gdb engine ([`EngineKind::Gdb`]): its per-program state ([`Gdb`]), its
//! callbacks, the all-stop discipline, the bounded run the stub drives
//! ([`Kernel::run_until_event`]), and the stub's view of a stopped thread: registers in the
//! form gdb's ia64 support expects (rse-spec.md §10.3), register writes, memory, threads,
//! interrupt, kill and detach. The protocol lives in the `ia64-gdbstub` crate; this module knows
//! nothing of it.
//!
//! # Stops
//!
//! A gdb stop is a kernel stop, as under Linux with a ptrace-based gdbserver:
//!
//! * **event stops** — a single step done, a signal, and (with the CPU's debug hooks) a
//!   breakpoint or watchpoint hit — reach the engine as a signal report: the step trap and the
//!   debug trap enter the kernel through the interruption path and send SIGTRAP (`TRAP_TRACE`,
//!   `TRAP_HWBKPT`, as `ia64_fault` does for vectors 36 and 29); the engine takes the signal,
//!   answers STOP, and `Kernel::trace_stop` switches the thread out and runs the coherence
//!   policy's stop hook (`rse_on_stop`), exactly as for a ptrace signal-delivery stop. A SIGTRAP
//!   the engine caused is swallowed; any other signal is delivered on resume only if gdb passes
//!   it on (`vCont;C`), as ptrace's signal injection does.
//! * **all-stop** — when one thread reports, every other thread of the program is stopped too:
//!   * a thread running in user mode on a vCPU is at an instruction boundary (the machine loop
//!     runs between instructions); the engine asks it to stop (`control(STOP)`, which raises
//!     NOTIFY_RESUME) and the thread enters the kernel as for an interrupt (the reschedule IPI
//!     that `kick_process` sends on Linux: `cover`, kernel backing store), then takes the
//!     return-to-user work, where the engine's quiesce report stops it: a utrace stop with the
//!     coherence write-back, as Linux stops the other threads of a gdb inferior with SIGSTOP;
//!   * a thread inside the kernel (blocked in a syscall, or preempted and waiting on a run
//!     queue) is already quiescent: it cannot run a user instruction before its return-to-user
//!     work, where the engine's pending STOP catches it. Its registers are those the entry
//!     saved, and its stacked registers are made readable by a demand write-back
//!     ([`Kernel::rse_writeback_for`], the same policy code: lazy sets RESTORE_RSE so the
//!     return reloads what gdb may have written, eager reloads at its next dispatch, none
//!     writes nothing). gdb on Linux shows such a thread where its syscall will return (the
//!     instruction after the `break`, IIP advanced by the syscall entry), which is what the
//!     saved `pt_regs` give here.
//! * **interrupt** (Ctrl-C): the same all-stop, then the lowest thread id is reported with
//!   SIGINT (gdb's default for SIGINT is "stop, print, do not pass", so nothing is delivered).
//!
//! # Resuming
//!
//! Each thread continues, single-steps (one slot; `psr.ss` and TIF_SINGLESTEP through the
//! engine's SINGLESTEP, which also steps over a syscall `break`) or stays stopped, as gdb's
//! `vCont` says; a thread that stays stopped keeps the engine's STOP, so if something wakes it
//! it stops again at its return-to-user work without running a user instruction (gdb's
//! scheduler locking).
//!
//! # Registers
//!
//! A stopped thread's registers are read and written through ptrace's user-area code
//! ([`crate::ptrace`]): `bsp` is `PT_AR_BSP` (the end of the interrupted frame,
//! [`crate::rbs::user_rbs_end`]), `cfm`, `ip`, `psr` (with `ri` in bits 42:41), `pfs`, `rsc`,
//! `bspstore`, r1–r31 (r16–r31 from the bank the user ran in), f0–f127 in the `stf.spill`
//! image, `pr`, b0–b7 and the application registers. `rnat` is the NaT collection of the
//! partial group below `bsp` ([`rbs::get_rnat`] at `rnat_addr(bsp)`, `ia64_peek`'s answer there),
//! which is what gdb uses `$rnat` for. Writes to `bsp` and `cfm` follow `PT_AR_BSP`/`PT_CFM`:
//! the return takes the interruption path and refills the frame from memory (rse-spec §9.3,
//! §10.5, what gdb's inferior calls rely on).

use std::collections::{BTreeMap, BTreeSet, VecDeque};

use ia64_cpu::exec::NoTrace;
use ia64_cpu::fault::Fault;
use ia64_cpu::rse::addr::rse_rnat_addr;
use ia64_cpu::state::ar;
use ia64_cpu::{DebugEvent, Watch};

use crate::coherence::SyncReason;
use crate::engines::EngineKind;
use crate::kernel::{Kernel, KernelError, Outcome, INIT_PID};
use crate::ptrace::UReg;
use crate::rbs;
use crate::signal::{code, sig, SigInfo};
use crate::task::{Resume, RunState, Tid};
use crate::utrace::{
    self, encode, event_mask, signal_action, Callee, EngineId, Event, Report, ResumeAction,
    SignalAction, EVENT_SIGNAL_ALL, SIGNAL_ACTION_MASK,
};

/// The reschedule IPI (`IA64_IPI_RESCHEDULE`): how another CPU makes a running thread enter the
/// kernel (`kick_process`).
pub const RESCHEDULE_VECTOR: u8 = 0xfd;

/// `CLONE_THREAD`: a new thread of the same program, which gdb follows.
const CLONE_THREAD: u64 = 0x0001_0000;

/// Why a thread stopped for gdb.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DebugStop {
    /// About to execute the instruction at `addr` (`ip | slot`), a breakpoint address.
    Breakpoint {
        /// The breakpoint address.
        addr: u64,
    },
    /// A data access touched a watched range (the instruction has executed).
    Watch {
        /// The kind of access.
        kind: WatchKind,
        /// The data address.
        addr: u64,
    },
    /// The single step asked for is done.
    Step,
    /// A signal (not delivered unless gdb passes it on when it resumes the thread).
    Signal(u32),
}

/// Kinds of data access a watchpoint catches.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum WatchKind {
    /// Writes.
    Write,
    /// Reads.
    Read,
    /// Reads and writes.
    Access,
}

/// What [`Kernel::run_until_event`] reports.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DebugRun {
    /// The budget is spent (or nothing could run) and nothing must be reported.
    Budget,
    /// `tid` stopped for `reason`; every other thread of the program is stopped too.
    Stopped {
        /// The reporting thread.
        tid: Tid,
        /// Why.
        reason: DebugStop,
    },
    /// The program exited with this status (0..=255).
    Exited(u8),
    /// The program was killed by this signal.
    Killed(u8),
}

/// What a thread does when the program next runs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ThreadRun {
    /// Run freely.
    Continue,
    /// Execute one instruction (one slot), then stop with [`DebugStop::Step`].
    Step,
}

/// Why a gdb request on a thread failed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GdbError {
    /// No stopped thread of the program has this id.
    NoThread,
    /// The register cannot take this value (or cannot be written at all).
    Invalid,
}

/// A register gdb writes (raw gdb numbering is the stub's business).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GdbReg {
    /// r0–r31.
    Gr(u8),
    /// f0–f127 (spill image).
    Fr(u8),
    /// b0–b7.
    Br(u8),
    /// All predicates.
    Pr,
    /// Bundle address.
    Ip,
    /// PSR (slot in bits 42:41).
    Psr,
    /// Current frame marker.
    Cfm,
    /// ar0–ar127.
    Ar(u8),
}

/// A stopped thread's registers as gdb reads them (rse-spec §10.3).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GdbRegs {
    /// r0–r31 (r0 = 0).
    pub gr: [u64; 32],
    /// f0–f127 as `stf.spill` images.
    pub fr: [u128; 128],
    /// b0–b7.
    pub br: [u64; 8],
    /// Predicates.
    pub pr: u64,
    /// Bundle address of the next instruction.
    pub ip: u64,
    /// User PSR with the slot in `ri` (bits 42:41).
    pub psr: u64,
    /// CFM of the interrupted frame.
    pub cfm: u64,
    /// Application registers; `bsp` (17) is the end of the frame, `rnat` (19) the collection
    /// of the partial group below it.
    pub ar: [u64; 128],
}

/// What a thread of the program is to do.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Mode {
    /// Stay stopped (the engine holds STOP on it).
    Held,
    /// Run.
    Run,
    /// One step.
    Step,
}

impl Mode {
    fn action(self) -> ResumeAction {
        match self {
            Mode::Held => ResumeAction::Stop,
            Mode::Run => ResumeAction::Resume,
            Mode::Step => ResumeAction::SingleStep,
        }
    }
}

/// The gdb engine's state for the debugged program (one thread group).
#[derive(Debug, Default)]
pub struct Gdb {
    /// The program's thread group.
    tgid: Tid,
    /// The engine on each thread.
    engines: BTreeMap<Tid, EngineId>,
    /// What each thread does (absent: [`Mode::Held`]).
    modes: BTreeMap<Tid, Mode>,
    /// Threads created while the program runs continue (else they start stopped).
    others_continue: bool,
    /// A stop answered in a report that has not happened yet, and its reason.
    owed: BTreeMap<Tid, DebugStop>,
    /// Stops that happened and gdb has not been told about, in order.
    events: VecDeque<(Tid, DebugStop)>,
    /// The signal each thread stopped with at its last signal stop.
    taken: BTreeMap<Tid, SigInfo>,
    /// The signal to deliver from the report after the stop (gdb passed it on).
    deliver: BTreeMap<Tid, SigInfo>,
    /// The debug trap that sent a thread its SIGTRAP (breakpoint or watchpoint).
    debug_trap: BTreeMap<Tid, DebugStop>,
    /// Threads stopped at a breakpoint, by its address: resumed there with the breakpoint
    /// still set, they execute the instruction (the vCPU's skip) instead of stopping again.
    parked: BTreeMap<Tid, u64>,
    /// Breakpoint addresses (`ip | slot`).
    breakpoints: BTreeSet<u64>,
    /// Watched ranges.
    watches: BTreeSet<(u64, u64, WatchKind)>,
    /// The next vCPU of the current round (runs resume mid-round, so the interleaving is the
    /// one `Kernel::run` makes).
    next_cpu: usize,
}

impl Gdb {
    fn mode(&self, tid: Tid) -> Mode {
        self.modes.get(&tid).copied().unwrap_or(Mode::Held)
    }
}

fn events() -> u32 {
    event_mask(&[Event::Quiesce, Event::Clone, Event::Death]) | EVENT_SIGNAL_ALL
}

/// Attach the gdb engine to `tid`; returns whether it is attached.
fn attach_engine(k: &mut Kernel, tid: Tid) -> bool {
    let Some(e) = k.attach_exclusive(tid, EngineKind::Gdb, 0, events()) else {
        return false;
    };
    if let Some(g) = k.gdb.as_mut() {
        g.engines.insert(tid, e);
    }
    true
}

// ---------------------------------------------------------------------------------------------
// Callbacks
// ---------------------------------------------------------------------------------------------

/// One callback to the gdb engine.
pub(crate) fn report(
    k: &mut Kernel,
    c: Callee<Tid, EngineKind, u64>,
    action: u32,
    r: &mut Report<'_, Tid>,
) -> u32 {
    let tid = c.task;
    let Some(g) = k.gdb.as_ref() else {
        return ResumeAction::Detach.bits();
    };
    let owed = g.owed.contains_key(&tid);
    let mode = if owed { Mode::Held } else { g.mode(tid) };
    match r {
        Report::Quiesce { .. } => mode.action().bits(),
        Report::Clone { clone_flags, child } => {
            on_clone(k, *clone_flags, *child);
            mode.action().bits()
        }
        Report::Death { .. } | Report::Reap => {
            if let Some(g) = k.gdb.as_mut() {
                g.engines.remove(&tid);
                g.modes.remove(&tid);
            }
            ResumeAction::Detach.bits()
        }
        Report::Signal {
            info, return_ka, ..
        } => {
            let disposition = action & SIGNAL_ACTION_MASK;
            match signal_action(action) {
                Some(SignalAction::Report | SignalAction::Handler) => {
                    if mode != Mode::Held {
                        step_off_breakpoint(k, tid);
                    }
                    let chosen = k.gdb.as_mut().and_then(|g| g.deliver.remove(&tid));
                    if let Some(chosen) = chosen {
                        **info = chosen;
                        let tgid = k.tasks.get(&tid).map_or(0, |t| t.tgid);
                        **return_ka = k.action(tgid, chosen.signo);
                        return encode(SignalAction::Deliver.bits(), mode.action());
                    }
                    encode(disposition, mode.action())
                }
                _ => on_signal(k, tid, c.engine, info),
            }
        }
        _ => mode.action().bits(),
    }
}

/// A real signal: a gdb stop. The engine's own SIGTRAPs (a step, a debug trap) become step,
/// breakpoint or watchpoint stops and are dropped; any other signal is kept for gdb to pass on.
fn on_signal(k: &mut Kernel, tid: Tid, engine: EngineId, info: &SigInfo) -> u32 {
    let stepping = k.tasks.get(&tid).is_some_and(|t| t.stepping);
    let Some(g) = k.gdb.as_mut() else {
        return ResumeAction::Detach.bits();
    };
    let trap = info.signo == sig::SIGTRAP;
    let reason = match g.debug_trap.remove(&tid) {
        Some(d) if trap && info.code == code::TRAP_HWBKPT => d,
        _ if trap && stepping && info.code == code::TRAP_TRACE => DebugStop::Step,
        _ => {
            g.taken.insert(tid, *info);
            DebugStop::Signal(info.signo)
        }
    };
    if !matches!(reason, DebugStop::Signal(_)) {
        g.taken.remove(&tid);
    }
    g.owed.insert(tid, reason);
    // The report after the stop delivers what gdb chose (or nothing).
    let _ = utrace::control(k, tid, engine, ResumeAction::Interrupt);
    encode(SignalAction::Ign.bits(), ResumeAction::Stop)
}

/// A new thread of the program is followed; it runs or starts stopped as the others do.
fn on_clone(k: &mut Kernel, flags: u64, child: Tid) {
    if flags & CLONE_THREAD == 0 {
        return;
    }
    let Some(run) = k.gdb.as_ref().map(|g| g.others_continue) else {
        return;
    };
    if !attach_engine(k, child) {
        return;
    }
    let mode = if run { Mode::Run } else { Mode::Held };
    let engine = k.gdb.as_mut().and_then(|g| {
        g.modes.insert(child, mode);
        g.engines.get(&child).copied()
    });
    if let (Mode::Held, Some(e)) = (mode, engine) {
        let _ = utrace::control(k, child, e, ResumeAction::Stop);
    }
}

/// `tid`, stopped at a breakpoint and now let go (in the report after its stop, on its vCPU
/// on the way back to user mode), executes the instruction there once if it has not moved.
fn step_off_breakpoint(k: &mut Kernel, tid: Tid) {
    let Some(addr) = k.gdb.as_mut().and_then(|g| g.parked.remove(&tid)) else {
        return;
    };
    let Some(t) = k.tasks.get(&tid) else {
        return;
    };
    let pc = t.pt.cr_iip | ((t.pt.cr_ipsr >> ia64_cpu::state::psr::RI) & 3);
    if let (Some(cpu), true) = (t.on_cpu, pc == addr) {
        k.machine.vcpus[cpu].cpu.debug.set_skip(Some(addr));
    }
}

/// `tid` entered a tracing stop (after the policy's write-back): a stop answered in an event
/// report becomes an event for gdb.
pub(crate) fn on_stopped(k: &mut Kernel, tid: Tid) {
    let Some(g) = k.gdb.as_mut() else {
        return;
    };
    if let Some(reason) = g.owed.remove(&tid) {
        g.modes.insert(tid, Mode::Held);
        if let DebugStop::Breakpoint { addr } = reason {
            g.parked.insert(tid, addr);
        }
        g.events.push_back((tid, reason));
    }
}

// ---------------------------------------------------------------------------------------------
// The stub's side
// ---------------------------------------------------------------------------------------------

impl Kernel {
    /// Put the first program under gdb: attach the engine and stop it before its first
    /// instruction (as a program started under gdbserver is, after its exec).
    pub fn gdb_attach(&mut self) -> Result<(), KernelError> {
        self.gdb = Some(Box::new(Gdb {
            tgid: INIT_PID,
            ..Gdb::default()
        }));
        self.gdb_stop_all()
    }

    /// Whether a gdb stop happened that the machine loop must not run past.
    pub(crate) fn gdb_event_pending(&self) -> bool {
        self.gdb.as_ref().is_some_and(|g| !g.events.is_empty())
    }

    /// The program's live threads, ascending.
    pub fn gdb_threads(&self) -> Vec<Tid> {
        let Some(g) = self.gdb.as_ref() else {
            return Vec::new();
        };
        let mut v: Vec<Tid> = self
            .groups
            .get(&g.tgid)
            .map(|gr| gr.threads.clone())
            .unwrap_or_default()
            .into_iter()
            .filter(|t| self.tasks.get(t).is_some_and(|x| x.state != RunState::Dead))
            .collect();
        v.sort_unstable();
        v
    }

    /// Run until a gdb stop, the end of the program, or about `budget` instructions (the
    /// check is made after each vCPU's turn of the machine loop). `Budget` also means nothing
    /// could run (every thread of the program is held or blocked).
    pub fn run_until_event(&mut self, budget: u64) -> Result<DebugRun, KernelError> {
        if let Some(end) = self.gdb_end() {
            return Ok(end);
        }
        if let Some(r) = self.gdb_take_event()? {
            return Ok(r);
        }
        let start = self.retired;
        loop {
            let n = self.config.cpus;
            while let Some(cpu) = self.gdb.as_mut().and_then(|g| {
                let c = g.next_cpu;
                g.next_cpu += 1;
                (c < n).then_some(c)
            }) {
                self.cpu_turn(cpu, &mut NoTrace)?;
                if let Some(end) = self.gdb_end() {
                    return Ok(end);
                }
                if let Some(r) = self.gdb_take_event()? {
                    return Ok(r);
                }
            }
            if let Some(g) = self.gdb.as_mut() {
                g.next_cpu = 0;
            }
            match self.after_round() {
                Ok(()) => {}
                // Threads gdb holds cannot run: nothing to do until gdb says so.
                Err(KernelError::Deadlock(_)) if self.gdb_holds_some() => {
                    return Ok(DebugRun::Budget)
                }
                Err(e) => return Err(e),
            }
            if let Some(end) = self.gdb_end() {
                return Ok(end);
            }
            if self.retired.wrapping_sub(start) >= budget {
                return Ok(DebugRun::Budget);
            }
        }
    }

    /// The program's end, once it has come.
    fn gdb_end(&mut self) -> Option<DebugRun> {
        let r = self.end.as_ref()?;
        Some(match r.outcome {
            Outcome::Exited(s) => DebugRun::Exited((s & 0xff) as u8),
            Outcome::Killed { signal, .. } => DebugRun::Killed(signal as u8),
        })
    }

    /// The next stop gdb has not been told about: every other thread is stopped first.
    fn gdb_take_event(&mut self) -> Result<Option<DebugRun>, KernelError> {
        let Some((tid, reason)) = self.gdb.as_mut().and_then(|g| g.events.pop_front()) else {
            return Ok(None);
        };
        self.gdb_stop_all()?;
        Ok(Some(DebugRun::Stopped { tid, reason }))
    }

    /// Whether a thread of the program is held in a tracing stop.
    fn gdb_holds_some(&self) -> bool {
        self.gdb_threads().iter().any(|t| {
            self.tasks
                .get(t)
                .is_some_and(|x| x.state == RunState::Traced)
        })
    }

    /// All-stop: every thread of the program is held (see the module documentation).
    fn gdb_stop_all(&mut self) -> Result<(), KernelError> {
        for tid in self.gdb_threads() {
            let engine = match self.gdb.as_ref().and_then(|g| g.engines.get(&tid).copied()) {
                Some(e) => e,
                None if attach_engine(self, tid) => {
                    match self.gdb.as_ref().and_then(|g| g.engines.get(&tid).copied()) {
                        Some(e) => e,
                        None => continue,
                    }
                }
                None => continue,
            };
            if let Some(g) = self.gdb.as_mut() {
                g.modes.insert(tid, Mode::Held);
            }
            let _ = utrace::control(self, tid, engine, ResumeAction::Stop);
            self.gdb_quiesce(tid)?;
        }
        Ok(())
    }

    /// Bring `tid` (asked to stop) into the kernel: a thread in user mode enters it (the
    /// reschedule IPI) and stops in its return-to-user work; a thread already inside is
    /// quiescent and written back on demand.
    fn gdb_quiesce(&mut self, tid: Tid) -> Result<(), KernelError> {
        let Some(t) = self.tasks.get(&tid) else {
            return Ok(());
        };
        if self.utrace.is_utraced(tid) {
            return Ok(());
        }
        let (on_cpu, state, resume, home) = (t.on_cpu, t.state, t.resume, t.cpu);
        let cpu = match on_cpu {
            Some(c) => Some(c),
            // Never run yet: nothing of it is in the kernel; put it on its vCPU, in user mode
            // before its first instruction, and kick it like a running thread.
            None if state == RunState::Runnable
                && resume == Resume::Start
                && self.sched.current.get(home) == Some(&None) =>
            {
                self.sched.dequeue(tid);
                self.dispatch(home, tid)?;
                Some(home)
            }
            None => None,
        };
        if let Some(cpu) = cpu {
            let kick = Fault::ExternalInterrupt {
                vector: RESCHEDULE_VECTOR,
            };
            if self.enter_interruption(cpu, &kick)?.is_some() {
                self.exit_to_user(cpu)?;
            }
        }
        let t = self.tasks.get(&tid);
        if t.is_some_and(|t| t.on_cpu.is_none()) && !self.utrace.is_utraced(tid) {
            self.rse_writeback_for(tid, SyncReason::Demand)?;
        }
        Ok(())
    }

    /// gdb's Ctrl-C: stop everything; returns the thread reported with SIGINT.
    pub fn gdb_interrupt(&mut self) -> Result<Option<Tid>, KernelError> {
        self.gdb_stop_all()?;
        Ok(self.gdb_threads().first().copied())
    }

    /// Prepare the next run: `actions` are gdb's explicit per-thread actions with the signal
    /// to deliver (if any); other threads continue when `others_continue`, else stay stopped.
    pub fn gdb_resume(
        &mut self,
        actions: &[(Tid, ThreadRun, Option<u32>)],
        others_continue: bool,
    ) -> Result<(), GdbError> {
        let threads = self.gdb_threads();
        let Some(g) = self.gdb.as_mut() else {
            return Err(GdbError::NoThread);
        };
        g.others_continue = others_continue;
        // A thread with a stop gdb has not seen yet stays stopped: it is reported next.
        let pending: Vec<Tid> = g.events.iter().map(|(t, _)| *t).collect();
        let mut plan = Vec::new();
        for &tid in &threads {
            let explicit = actions.iter().find(|(t, _, _)| *t == tid);
            let mode = match explicit {
                _ if pending.contains(&tid) => Mode::Held,
                Some((_, ThreadRun::Continue, _)) => Mode::Run,
                Some((_, ThreadRun::Step, _)) => Mode::Step,
                None if others_continue => Mode::Run,
                None => Mode::Held,
            };
            g.modes.insert(tid, mode);
            let signal = explicit.and_then(|(_, _, s)| *s).filter(|&s| s != 0);
            plan.push((tid, mode, signal, g.engines.get(&tid).copied()));
        }
        for (tid, mode, signal, engine) in plan {
            if let Some(s) = signal {
                self.gdb_pass_signal(tid, s);
            }
            if let (Some(e), true) = (engine, mode != Mode::Held) {
                let _ = utrace::control(self, tid, e, mode.action());
            }
        }
        Ok(())
    }

    /// gdb passes signal `s` on to `tid` as it resumes: the signal it stopped with (its
    /// siginfo kept), or a new one from the debugger.
    fn gdb_pass_signal(&mut self, tid: Tid, s: u32) {
        let Some(g) = self.gdb.as_mut() else {
            return;
        };
        match g.taken.remove(&tid) {
            Some(info) if info.signo == s => {
                g.deliver.insert(tid, info);
            }
            Some(_) => {
                g.deliver.insert(tid, SigInfo::user(s, 0));
            }
            None => self.send_thread(tid, SigInfo::user(s, 0)),
        }
    }

    /// A stopped thread of the program (switched out, inside the kernel).
    fn gdb_stopped(&self, tid: Tid) -> Result<(), GdbError> {
        let ours = self
            .gdb
            .as_ref()
            .is_some_and(|g| g.engines.contains_key(&tid));
        match self.tasks.get(&tid) {
            Some(t) if ours && t.on_cpu.is_none() && t.state != RunState::Dead => Ok(()),
            _ => Err(GdbError::NoThread),
        }
    }

    /// The registers of stopped thread `tid` as gdb reads them.
    pub fn gdb_regs(&mut self, tid: Tid) -> Result<GdbRegs, GdbError> {
        self.gdb_stopped(tid)?;
        let rd = |k: &Self, r: UReg| k.read_ureg(tid, r).ok_or(GdbError::NoThread);
        let mut regs = GdbRegs {
            gr: [0; 32],
            fr: [0; 128],
            br: [0; 8],
            pr: rd(self, UReg::Pr)?,
            ip: rd(self, UReg::Iip)?,
            psr: rd(self, UReg::Ipsr)?,
            cfm: rd(self, UReg::Cfm)?,
            ar: [0; 128],
        };
        for n in 1..32u8 {
            regs.gr[usize::from(n)] = rd(self, UReg::Gr(n))?;
        }
        for f in 0..128u8 {
            let lo = rd(self, UReg::Fr(f, false))?;
            let hi = rd(self, UReg::Fr(f, true))?;
            regs.fr[usize::from(f)] = u128::from(hi) << 64 | u128::from(lo);
        }
        for n in 0..8u8 {
            regs.br[usize::from(n)] = rd(self, UReg::Br(n))?;
        }
        for a in 0..128u8 {
            regs.ar[usize::from(a)] = rd(self, ar_ureg(a))?;
        }
        regs.ar[usize::from(ar::RNAT)] = self.gdb_rnat_end(tid).ok_or(GdbError::NoThread)?;
        Ok(regs)
    }

    /// The NaT bits of the partial group below the end of `tid`'s user backing store.
    fn gdb_rnat_end(&mut self, tid: Tid) -> Option<u64> {
        self.with_stopped_rbs(tid, |m, r| {
            rbs::get_rnat(m, r, rse_rnat_addr(r.urbs_end)).unwrap_or(0)
        })
    }

    /// Write register `reg` of stopped thread `tid` (`value`: 64 bits, or the 128-bit spill
    /// image of an FR). The thread sees it when it resumes.
    pub fn gdb_write_reg(&mut self, tid: Tid, reg: GdbReg, value: u128) -> Result<(), GdbError> {
        self.gdb_stopped(tid)?;
        let v = value as u64;
        let same = |k: &Self, r: UReg| k.read_ureg(tid, r) == Some(v);
        let ok = |b: bool| if b { Ok(()) } else { Err(GdbError::Invalid) };
        let r = match reg {
            GdbReg::Gr(0) => return ok(v == 0),
            GdbReg::Gr(n) if n < 32 => UReg::Gr(n),
            GdbReg::Fr(f) if f < 2 => {
                let lo = self.read_ureg(tid, UReg::Fr(f, false));
                let hi = self.read_ureg(tid, UReg::Fr(f, true));
                return ok(lo == Some(v) && hi == Some((value >> 64) as u64));
            }
            GdbReg::Fr(f) if f < 128 => {
                let lo = self.write_ureg(tid, UReg::Fr(f, false), v);
                return ok(lo && self.write_ureg(tid, UReg::Fr(f, true), (value >> 64) as u64));
            }
            GdbReg::Br(n) if n < 8 => UReg::Br(n),
            GdbReg::Pr => UReg::Pr,
            GdbReg::Ip => UReg::Iip,
            GdbReg::Psr => UReg::Ipsr,
            GdbReg::Cfm => UReg::Cfm,
            GdbReg::Ar(a) if a == ar::RNAT => {
                let done = self.with_stopped_rbs(tid, |m, r| {
                    rbs::put_rnat(m, r, rse_rnat_addr(r.urbs_end), v).is_ok()
                });
                return ok(done == Some(true));
            }
            GdbReg::Ar(a) if writable_ar(a) => ar_ureg(a),
            // Anything else (bspstore: changing it would move bsp too, as ia64-linux-nat says)
            // can only be "written" with its current value.
            GdbReg::Ar(a) if a < 128 => return ok(same(self, ar_ureg(a))),
            _ => return Err(GdbError::Invalid),
        };
        ok(self.write_ureg(tid, r, v))
    }

    /// Read `tid`'s memory at `addr` as a debugger does (`/proc/<pid>/mem`: plain user memory,
    /// which holds the stacked registers once the policy wrote them back). Returns the bytes
    /// read.
    pub fn gdb_read_mem(&mut self, tid: Tid, addr: u64, buf: &mut [u8]) -> Result<usize, GdbError> {
        self.gdb_stopped(tid)?;
        self.access_task_vm(tid, addr, buf, false)
            .ok_or(GdbError::NoThread)
    }

    /// Write `tid`'s memory (forced, as a debugger does); a write into the backing store
    /// reaches the registers when the thread resumes (the policy's reload). Returns the bytes
    /// written.
    pub fn gdb_write_mem(&mut self, tid: Tid, addr: u64, data: &[u8]) -> Result<usize, GdbError> {
        self.gdb_stopped(tid)?;
        let mut buf = data.to_vec();
        self.access_task_vm(tid, addr, &mut buf, true)
            .ok_or(GdbError::NoThread)
    }

    /// gdb killed the program: SIGKILL to its thread group (it ends at once).
    pub fn gdb_kill(&mut self) {
        let Some(tgid) = self.gdb.as_ref().map(|g| g.tgid) else {
            return;
        };
        self.send_group(tgid, SigInfo::user(sig::SIGKILL, 0));
    }

    /// gdb detached: the engine leaves every thread, which runs on undebugged.
    pub fn gdb_detach(&mut self) {
        let Some(g) = self.gdb.take() else {
            return;
        };
        for v in &mut self.machine.vcpus {
            v.cpu.debug.clear();
        }
        for (tid, engine) in g.engines {
            utrace::UtraceHost::set_user_step(self, tid, utrace::UserStep::Off);
            let _ = utrace::control(self, tid, engine, ResumeAction::Detach);
            if let Some(t) = self.tasks.get_mut(&tid) {
                if t.state == RunState::Traced {
                    t.state = RunState::Runnable;
                    self.enqueue(tid);
                }
            }
        }
    }

    /// The outcome once the program has ended ([`Kernel::run`] after a detach gives it too).
    pub fn gdb_outcome(&self) -> Option<&Outcome> {
        self.end.as_ref().map(|r| &r.outcome)
    }
}

/// The user-area register of application register `a`.
fn ar_ureg(a: u8) -> UReg {
    match a {
        ar::RSC => UReg::Rsc,
        ar::BSP => UReg::Bsp,
        ar::BSPSTORE => UReg::Bspstore,
        ar::RNAT => UReg::Rnat,
        ar::PFS => UReg::Pfs,
        _ => UReg::Ar(a),
    }
}

/// The CPU's kind of watch for a gdb watchpoint.
fn cpu_watch(kind: WatchKind) -> ia64_cpu::WatchKind {
    match kind {
        WatchKind::Write => ia64_cpu::WatchKind::Write,
        WatchKind::Read => ia64_cpu::WatchKind::Read,
        WatchKind::Access => ia64_cpu::WatchKind::Access,
    }
}

/// Application registers a tracer may write (`access_uarea`'s list; rnat apart).
fn writable_ar(a: u8) -> bool {
    matches!(
        a,
        ar::RSC
            | ar::BSP
            | ar::PFS
            | ar::UNAT
            | ar::CCV
            | ar::FPSR
            | ar::LC
            | ar::EC
            | ar::CSD
            | ar::SSD
    )
}

// ---------------------------------------------------------------------------------------------
// Breakpoints and watchpoints
// ---------------------------------------------------------------------------------------------

impl Kernel {
    /// Stop a thread of the program before it executes the instruction at `addr`
    /// (`ip | slot`).
    pub fn gdb_add_breakpoint(&mut self, addr: u64) -> Result<(), GdbError> {
        if addr & 0xf > 2 {
            return Err(GdbError::Invalid);
        }
        let g = self.gdb.as_mut().ok_or(GdbError::NoThread)?;
        g.breakpoints.insert(addr);
        self.gdb_sync_hooks();
        Ok(())
    }

    /// Remove the breakpoint at `addr`.
    pub fn gdb_remove_breakpoint(&mut self, addr: u64) -> Result<(), GdbError> {
        let g = self.gdb.as_mut().ok_or(GdbError::NoThread)?;
        g.breakpoints.remove(&addr);
        self.gdb_sync_hooks();
        Ok(())
    }

    /// Stop a thread of the program after an access of `kind` touching `[addr, addr + len)`.
    pub fn gdb_add_watchpoint(
        &mut self,
        addr: u64,
        len: u64,
        kind: WatchKind,
    ) -> Result<(), GdbError> {
        if len == 0 || addr.checked_add(len).is_none() {
            return Err(GdbError::Invalid);
        }
        let g = self.gdb.as_mut().ok_or(GdbError::NoThread)?;
        g.watches.insert((addr, len, kind));
        self.gdb_sync_hooks();
        Ok(())
    }

    /// Remove a watchpoint added with the same arguments.
    pub fn gdb_remove_watchpoint(
        &mut self,
        addr: u64,
        len: u64,
        kind: WatchKind,
    ) -> Result<(), GdbError> {
        let g = self.gdb.as_mut().ok_or(GdbError::NoThread)?;
        g.watches.remove(&(addr, len, kind));
        self.gdb_sync_hooks();
        Ok(())
    }

    /// Give every vCPU the program's breakpoints and watchpoints (a thread may run on any).
    fn gdb_sync_hooks(&mut self) {
        let (breakpoints, watches): (Vec<u64>, Vec<Watch>) = match self.gdb.as_ref() {
            Some(g) => (
                g.breakpoints.iter().copied().collect(),
                g.watches
                    .iter()
                    .map(|&(addr, len, kind)| Watch {
                        addr,
                        len,
                        kind: cpu_watch(kind),
                    })
                    .collect(),
            ),
            None => (Vec::new(), Vec::new()),
        };
        for v in &mut self.machine.vcpus {
            let skip = v.cpu.debug.skip();
            v.cpu.debug.clear();
            for &b in &breakpoints {
                v.cpu.debug.add_breakpoint(b);
            }
            for &w in &watches {
                v.cpu.debug.add_watch(w);
            }
            v.cpu.debug.set_skip(skip);
        }
    }

    /// A CPU debug hook stopped the run on `cpu`: a breakpoint (before the instruction) or a
    /// watchpoint (after the access). For a thread of the program it is the Debug vector: an
    /// entry through the interruption path (IIP/IPSR.ri name the instruction the hook names;
    /// the CPU has no fault value for its hooks, so the entry is recorded as an interruption
    /// between instructions) and SIGTRAP with `TRAP_HWBKPT` and `si_addr` the instruction or
    /// the data address (`ia64_fault`, vector 29), which the engine turns into the stop. Another
    /// process running the same code (a forked child) is not debugged: it goes on.
    pub(crate) fn gdb_debug_exit(&mut self, cpu: usize, ev: DebugEvent) -> Result<(), KernelError> {
        let Some(tid) = self.sched.current[cpu] else {
            return Ok(());
        };
        let (reason, si_addr) = match ev {
            DebugEvent::Breakpoint { addr } => (DebugStop::Breakpoint { addr }, addr),
            DebugEvent::Watch { kind, addr } => (
                DebugStop::Watch {
                    kind: match kind {
                        ia64_cpu::WatchKind::Write => WatchKind::Write,
                        ia64_cpu::WatchKind::Read => WatchKind::Read,
                        ia64_cpu::WatchKind::Access => WatchKind::Access,
                    },
                    addr,
                },
                addr,
            ),
        };
        let ours = self
            .gdb
            .as_ref()
            .is_some_and(|g| g.engines.contains_key(&tid));
        if !ours {
            if let DebugStop::Breakpoint { addr } = reason {
                self.machine.vcpus[cpu].cpu.debug.set_skip(Some(addr));
            }
            return Ok(());
        }
        if let Some(g) = self.gdb.as_mut() {
            g.debug_trap.insert(tid, reason);
        }
        let entry = Fault::ExternalInterrupt {
            vector: RESCHEDULE_VECTOR,
        };
        if self.enter_interruption(cpu, &entry)?.is_none() {
            return Ok(());
        }
        let info = SigInfo {
            signo: sig::SIGTRAP,
            code: code::TRAP_HWBKPT,
            addr: si_addr,
            ..SigInfo::default()
        };
        self.force_signal(tid, info);
        self.exit_to_user(cpu)
    }
}
