//! Tracing engines: the utrace engine layer (kernel-facilities.md §1), in Rust terms.
//!
//! This module owns the *rules* of tracing engines: which engines are attached to which task,
//! their event masks and reference counts, the order of callbacks, the `u32` action encoding
//! and how the answers of several engines combine, the stop/resume protocol, and the tear-down
//! at death and reap. It is kernel-independent: the kernel implements [`UtraceHost`] (task
//! facts, a few thread-flag effects, the signal queue, and the dispatch of callbacks to its
//! engines), keeps one [`Utrace`] and calls the `report_*` functions at its hook points.
//!
//! Sources: the utrace API and implementation of Linux 3.1 (`include/linux/utrace.h`,
//! `kernel/utrace.c`, Roland McGrath, final 2009 API) as restated in §1, and the earlier
//! `utrace_first_engine` (2007–2009 `kernel/utrace.c`) for the clone-attach priority rule.
//! Names follow utrace without its `utrace_`/`UTRACE_` prefixes.
//!
//! # Model (§1.2, §1.7, §1.8)
//!
//! * An engine is an [`EngineId`] in the [`Utrace`] registry: its ops (a kernel-chosen value
//!   naming the callback vector, [`UtraceHost::Ops`]), private data ([`UtraceHost::Data`]), event
//!   mask plus the internal [`ENGINE_STOP`] bit, and a reference count. [`attach`] returns one
//!   reference for the caller; being attached holds another. [`engine_put`] drops one; the last
//!   drop calls [`UtraceHost::release`]. Ids are never reused: a stale id answers `ESRCH`.
//! * Detaching is asynchronous: the engine's ops become [`EngineOps::Detached`] (utrace's
//!   "detached ops", whose quiesce callback answers DETACH) and it is unlinked the next time the
//!   task is quiescent ([`EngineOps::Gone`], utrace's `ops == NULL`).
//! * Per task ([`TaskUtrace`]): the attached and attaching lists, the OR of the engines' masks
//!   (`utrace_flags`, the hot-path test [`Utrace::wants`]), the pending resume request, the
//!   engine whose callback is running, the death/reap bits, whether the task is in the utrace
//!   stop (`TASK_UTRACED`), and where a report stopped ([`Progress`]).
//!
//! # Stops without blocking
//!
//! Linux's `utrace_stop` sleeps in `schedule()`. The host-side kernel cannot block, so a report
//! that stops returns [`Reported::Stopped`]: the task is now in the utrace stop
//! ([`Utrace::is_utraced`]); the kernel switches it out and, once it is woken
//! ([`UtraceHost::wake_up_quiescent`], or SIGKILL and [`Utrace::wake_killed`]), calls the same
//! `report_*` function again. That call continues after the stop — it never repeats callbacks
//! already made — from the [`Progress`] recorded per task, as `work.rs`'s syscall work does.
//!
//! # Hook points: how the kernel calls this layer
//!
//! | kernel hook | call | kernel then |
//! |---|---|---|
//! | copy of a new task (`copy_process`) | [`Utrace::task_created`] | — |
//! | syscall entry (`SyscallWork::Trace`, raised by [`UtraceHost::set_syscall_trace`]) | [`report_syscall_entry`] | `Run`: run the syscall; `Abort`: skip it (ENOSYS unless a tracer set a result) |
//! | syscall exit | [`report_syscall_exit`] | a STOP happens later, in [`report_resume`] |
//! | clone, in the parent, after the child exists and before it can run | [`report_clone`] (always: it also ends the child's "starting" window) | for `CLONE_VFORK`, [`finish_vfork`] before waiting for the child |
//! | exec succeeded, before the new image runs | [`report_exec`] | — |
//! | `do_exit`, before teardown | [`report_exit`] (may rewrite the exit code) | — |
//! | after `exit_notify` (the task is a zombie) | [`report_death`] | — |
//! | `release_task` (reaped or autoreaped) | [`report_reap`] | free the task |
//! | group stop / continue of this thread | [`report_jctl`] | — |
//! | `NOTIFY_RESUME` work (a notify-resume user) | [`report_resume`] | — |
//! | signal dequeue (`get_signal`), before the kernel dequeues | [`get_signal`] | see [`SignalDecision`] |
//! | after a handler frame was built | [`signal_handler`] | — |
//! | `recalc_sigpending` | [`Utrace::interrupt_pending`] keeps `SIGPENDING` set | — |
//! | SIGKILL sent to a task in the utrace stop | [`Utrace::wake_killed`], then make it run | — |
//!
//! Every `report_*` function tests the hot-path flags itself, so calling one for a task without
//! engines costs a map lookup.

use std::collections::BTreeMap;
use std::fmt;

use crate::signal::{self, sig, DefaultAction, SigAction, SigInfo};

// ---------------------------------------------------------------------------------------------
// Events (§1.2)
// ---------------------------------------------------------------------------------------------

/// A set of [`Event`] bits (`UTRACE_EVENT(x)` is `1 << x`), possibly with [`ENGINE_STOP`].
pub type EventMask = u32;

/// The utrace events, in bit order (`enum utrace_events`, §1.2).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[repr(u32)]
pub enum Event {
    /// The thread is at a safe point and can be examined (`report_quiesce`).
    Quiesce = 0,
    /// The zombie was reaped (`report_reap`).
    Reap = 1,
    /// A clone, fork or vfork succeeded (`report_clone`).
    Clone = 2,
    /// An exec succeeded (`report_exec`).
    Exec = 3,
    /// Exit is in progress (`report_exit`).
    Exit = 4,
    /// The thread is dead (`report_death`).
    Death = 5,
    /// Syscall entry (`report_syscall_entry`).
    SyscallEntry = 6,
    /// Syscall exit (`report_syscall_exit`).
    SyscallExit = 7,
    /// A signal with a handler is about to be delivered (`report_signal`).
    Signal = 8,
    /// A signal that will be ignored (`report_signal`).
    SignalIgn = 9,
    /// A stop signal (`report_signal`).
    SignalStop = 10,
    /// A terminating signal (`report_signal`).
    SignalTerm = 11,
    /// A core-dumping signal (`report_signal`).
    SignalCore = 12,
    /// A job-control stop or continue (`report_jctl`).
    Jctl = 13,
}

/// The number of events (`_UTRACE_NEVENTS`).
pub const NEVENTS: u32 = 14;

impl Event {
    /// Every event, in bit order.
    pub const ALL: [Event; NEVENTS as usize] = [
        Event::Quiesce,
        Event::Reap,
        Event::Clone,
        Event::Exec,
        Event::Exit,
        Event::Death,
        Event::SyscallEntry,
        Event::SyscallExit,
        Event::Signal,
        Event::SignalIgn,
        Event::SignalStop,
        Event::SignalTerm,
        Event::SignalCore,
        Event::Jctl,
    ];

    /// This event's bit (`UTRACE_EVENT(x)`).
    pub const fn bit(self) -> EventMask {
        1 << self as u32
    }
}

/// The mask of `events`.
pub fn event_mask(events: &[Event]) -> EventMask {
    events.iter().fold(0, |m, e| m | e.bit())
}

/// The five signal events, all reported through `report_signal` (`UTRACE_EVENT_SIGNAL_ALL`).
pub const EVENT_SIGNAL_ALL: EventMask = Event::Signal.bit()
    | Event::SignalIgn.bit()
    | Event::SignalStop.bit()
    | Event::SignalTerm.bit()
    | Event::SignalCore.bit();

/// Both syscall events (`UTRACE_EVENT_SYSCALL`).
pub const EVENT_SYSCALL: EventMask = Event::SyscallEntry.bit() | Event::SyscallExit.bit();

/// The reports made synchronously by death (`_UTRACE_DEATH_EVENTS`).
pub const DEATH_EVENTS: EventMask = Event::Death.bit() | Event::Quiesce.bit();

/// Internal bit past the events: "this engine wants the thread stopped" (§1.2). Mirrored into
/// the task's flags; only a reset clears it there.
pub const ENGINE_STOP: EventMask = 1 << NEVENTS;

const _: () = assert!(Event::ALL[NEVENTS as usize - 1] as u32 == NEVENTS - 1);

// ---------------------------------------------------------------------------------------------
// The u32 action encoding (§1.4)
// ---------------------------------------------------------------------------------------------

/// The resume action: the low bits of every callback's answer (`enum utrace_resume_action`).
/// The order matters: when engines disagree, the smallest value (the most constrained request)
/// wins (§1.4).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[repr(u32)]
pub enum ResumeAction {
    /// Stay stopped (sticky: until the same engine says otherwise).
    Stop = 0,
    /// Report soon and interrupt a syscall in progress as SIGSTOP would.
    Interrupt = 1,
    /// Report soon (a quiesce or signal callback).
    Report = 2,
    /// Resume for one instruction.
    SingleStep = 3,
    /// Resume for one block (until a taken branch).
    BlockStep = 4,
    /// Resume normally.
    Resume = 5,
    /// Detach this engine.
    Detach = 6,
}

/// One past the largest resume action (`UTRACE_RESUME_MAX`).
pub const RESUME_MAX: u32 = 7;
/// Bits of the resume action (`UTRACE_RESUME_BITS`).
pub const RESUME_BITS: u32 = 3;
/// Mask of the resume action (`UTRACE_RESUME_MASK`).
pub const RESUME_MASK: u32 = (1 << RESUME_BITS) - 1;

const _: () = assert!(RESUME_MAX <= 1 << RESUME_BITS);

impl ResumeAction {
    /// Every action, in value order.
    pub const ALL: [ResumeAction; RESUME_MAX as usize] = [
        ResumeAction::Stop,
        ResumeAction::Interrupt,
        ResumeAction::Report,
        ResumeAction::SingleStep,
        ResumeAction::BlockStep,
        ResumeAction::Resume,
        ResumeAction::Detach,
    ];

    /// The encoded value.
    pub const fn bits(self) -> u32 {
        self as u32
    }

    /// The action with value `v` (`None` for `RESUME_MAX` and above).
    pub fn from_bits(v: u32) -> Option<Self> {
        Self::ALL.get(usize::try_from(v).ok()?).copied()
    }

    /// Combine two engines' votes: the more constrained (smaller) wins (§1.4).
    pub fn combine(self, other: Self) -> Self {
        self.min(other)
    }
}

impl TryFrom<u32> for ResumeAction {
    type Error = Error;

    /// `utrace_control`'s range check: `EINVAL` for `RESUME_MAX` and above.
    fn try_from(v: u32) -> Result<Self, Error> {
        Self::from_bits(v).ok_or(Error::Inval)
    }
}

/// `utrace_resume_action`: the resume action in the low bits of `action` (`None` for the
/// unused value 7).
pub fn resume_action(action: u32) -> Option<ResumeAction> {
    ResumeAction::from_bits(action & RESUME_MASK)
}

/// The signal disposition in a `report_signal` answer (`enum utrace_signal_action`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[repr(u32)]
pub enum SignalAction {
    /// Deliver according to the (possibly rewritten) return action.
    Deliver = 0x00,
    /// Ignore the signal.
    Ign = 0x10,
    /// Terminate as a SIGTERM would.
    Term = 0x20,
    /// Terminate with a core dump as a SIGQUIT would.
    Core = 0x30,
    /// Stop as a SIGSTOP would.
    Stop = 0x40,
    /// Stop as a SIGTSTP would.
    Tstp = 0x50,
    /// An explicit report before dequeuing (no signal).
    Report = 0x60,
    /// Right after a handler frame was built.
    Handler = 0x70,
}

/// Mask of the signal disposition (`UTRACE_SIGNAL_MASK`).
pub const SIGNAL_ACTION_MASK: u32 = 0xf0;
/// Flag: push the signal back onto the queue (`UTRACE_SIGNAL_HOLD`).
pub const SIGNAL_HOLD: u32 = 0x100;

impl SignalAction {
    const ALL: [SignalAction; 8] = [
        SignalAction::Deliver,
        SignalAction::Ign,
        SignalAction::Term,
        SignalAction::Core,
        SignalAction::Stop,
        SignalAction::Tstp,
        SignalAction::Report,
        SignalAction::Handler,
    ];

    /// The encoded value.
    pub const fn bits(self) -> u32 {
        self as u32
    }
}

/// `utrace_signal_action`: the signal disposition in `action` (`None` for 0x80–0xf0, which no
/// disposition uses: delivery treats them like IGN).
pub fn signal_action(action: u32) -> Option<SignalAction> {
    let v = action & SIGNAL_ACTION_MASK;
    SignalAction::ALL.iter().copied().find(|a| a.bits() == v)
}

/// The syscall disposition in a `report_syscall_entry` answer (`enum utrace_syscall_action`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[repr(u32)]
pub enum SyscallAction {
    /// Run the syscall.
    Run = 0x00,
    /// Do not run it.
    Abort = 0x10,
}

/// Mask of the syscall disposition (`UTRACE_SYSCALL_MASK`).
pub const SYSCALL_ACTION_MASK: u32 = 0xf0;
/// Flag: a repeated entry report after a stop (`UTRACE_SYSCALL_RESUMED`).
pub const SYSCALL_RESUMED: u32 = 0x100;

impl SyscallAction {
    /// The encoded value.
    pub const fn bits(self) -> u32 {
        self as u32
    }
}

/// `utrace_syscall_action`: the syscall disposition in `action` (`None` for values other than
/// RUN and ABORT, which run the syscall).
pub fn syscall_action(action: u32) -> Option<SyscallAction> {
    match action & SYSCALL_ACTION_MASK {
        0x00 => Some(SyscallAction::Run),
        0x10 => Some(SyscallAction::Abort),
        _ => None,
    }
}

/// A callback answer: `disposition | resume` (§1.4).
pub const fn encode(disposition: u32, resume: ResumeAction) -> u32 {
    disposition | resume.bits()
}

/// The resume action a callback answer takes effect as: the unused value 7 compares above
/// every action in `kernel/utrace.c`, so it behaves as RESUME.
fn answer_action(ret: u32) -> ResumeAction {
    resume_action(ret).unwrap_or(ResumeAction::Resume)
}

// ---------------------------------------------------------------------------------------------
// Attach flags and errors (§1.5)
// ---------------------------------------------------------------------------------------------

/// Consider only engines with the given ops (`UTRACE_ATTACH_MATCH_OPS`).
pub const ATTACH_MATCH_OPS: u32 = 0x1;
/// Consider only engines with the given data (`UTRACE_ATTACH_MATCH_DATA`).
pub const ATTACH_MATCH_DATA: u32 = 0x2;
/// The match bits (`UTRACE_ATTACH_MATCH_MASK`).
pub const ATTACH_MATCH_MASK: u32 = 0xf;
/// Create a new engine; without it, look one up (`UTRACE_ATTACH_CREATE`).
pub const ATTACH_CREATE: u32 = 0x10;
/// Refuse if a matching engine exists (`UTRACE_ATTACH_EXCLUSIVE`).
pub const ATTACH_EXCLUSIVE: u32 = 0x20;

/// An error of the engine API, with the errno Linux returns for it (asm-generic numbers, which
/// ia64 uses). `ENOMEM` has no variant: the registry cannot fail to allocate.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, thiserror::Error)]
pub enum Error {
    /// `EPERM`: the target is a kernel thread.
    #[error("EPERM: utrace is for user threads")]
    Perm,
    /// `ENOENT`: a lookup found no matching engine.
    #[error("ENOENT: no matching engine")]
    NoEnt,
    /// `ESRCH`: the task is dead or reaped, or the engine is detached (or not this task's).
    #[error("ESRCH: task or engine gone")]
    Srch,
    /// `EAGAIN`: the task ran between examine calls, or is not stopped.
    #[error("EAGAIN: the task is not (or was not always) stopped")]
    Again,
    /// `EEXIST`: an exclusive attach found a matching engine.
    #[error("EEXIST: a matching engine is attached")]
    Exist,
    /// `EINVAL`: bad ops, an action out of range, or a request that needs QUIESCE.
    #[error("EINVAL: invalid argument")]
    Inval,
    /// `EOPNOTSUPP`: the architecture cannot single-step.
    #[error("EOPNOTSUPP: no single-step support")]
    OpNotSupp,
    /// `EALREADY`: the death report has begun (or the task is already dying).
    #[error("EALREADY: the death report has begun")]
    Already,
    /// `EINPROGRESS`: the request takes effect later (a callback may be running, or the task
    /// has yet to stop).
    #[error("EINPROGRESS: takes effect at the next callback")]
    InProgress,
    /// `ERESTARTSYS`: [`barrier`] must wait (Linux sleeps and retries; the host-side caller
    /// waits and calls again, e.g. by restarting its syscall).
    #[error("ERESTARTSYS: wait, then call again")]
    RestartSys,
    /// `ERESTARTNOINTR`: the target is a newborn thread whose creator has not yet had its
    /// `report_clone` (the creator attaches first); call again later.
    #[error("ERESTARTNOINTR: the new thread's creator attaches first")]
    RestartNoIntr,
}

impl Error {
    /// The errno value (positive).
    pub const fn errno(self) -> i64 {
        match self {
            Error::Perm => 1,
            Error::NoEnt => 2,
            Error::Srch => 3,
            Error::Again => 11,
            Error::Exist => 17,
            Error::Inval => 22,
            Error::OpNotSupp => 95,
            Error::Already => 114,
            Error::InProgress => 115,
            Error::RestartSys => 512,
            Error::RestartNoIntr => 513,
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Engines and per-task state
// ---------------------------------------------------------------------------------------------

/// An engine handle: an index into the [`Utrace`] registry (never reused).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct EngineId(u64);

impl EngineId {
    /// The raw index.
    pub fn raw(self) -> u64 {
        self.0
    }
}

impl fmt::Display for EngineId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "engine#{}", self.0)
    }
}

/// An engine's ops (§1.7): live, marked detached, or fully detached.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EngineOps<O> {
    /// Attached with these callbacks.
    Live(O),
    /// Marked detached (utrace's `utrace_detached_ops`): its quiesce answers DETACH and it is
    /// unlinked when the task is next quiescent.
    Detached,
    /// Fully detached (`ops == NULL`): every call on it answers `ESRCH`.
    Gone,
}

/// One engine in the registry.
#[derive(Clone, Debug)]
struct Engine<T, O, D> {
    task: T,
    ops: EngineOps<O>,
    /// The ops at attach time: whose `release` runs when the last reference goes.
    release_ops: O,
    data: D,
    /// Event mask plus [`ENGINE_STOP`].
    flags: EventMask,
    refs: u32,
}

/// What the registry knows about one engine.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct EngineInfo<T, O, D> {
    /// The task it was attached to.
    pub task: T,
    /// Its ops state.
    pub ops: EngineOps<O>,
    /// Its private data.
    pub data: D,
    /// Its event mask (without [`ENGINE_STOP`]).
    pub events: EventMask,
    /// Does it want the task stopped?
    pub wants_stop: bool,
    /// References held.
    pub refs: u32,
}

/// The engine a callback is made to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Callee<T, O, D> {
    /// The reporting task (for `report_reap`: the reaped task).
    pub task: T,
    /// The engine.
    pub engine: EngineId,
    /// Its ops.
    pub ops: O,
    /// Its private data.
    pub data: D,
}

/// Where a task's report stopped (resumable reports keep it across the stop).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Progress {
    /// No report in flight.
    #[default]
    Idle,
    /// Stopped at syscall entry; `result` is the syscall disposition chained so far.
    SyscallEntry {
        /// The chained disposition bits.
        result: u32,
    },
    /// Stopped in the exit report, before teardown.
    Exit,
    /// Stopped in the return-to-user report.
    Resume,
    /// Stopped in the signal report; `hold` is the signal to push back afterwards.
    Signal {
        /// The held signal (SIGNAL_HOLD).
        hold: Option<SigInfo>,
    },
    /// Stopped before the vfork wait.
    Vfork,
}

/// The per-task state of the engine layer (`struct utrace`, §1.8).
#[derive(Clone, Debug)]
pub struct TaskUtrace<T> {
    attached: Vec<EngineId>,
    attaching: Vec<EngineId>,
    /// `task->utrace_flags`: the OR of the engines' masks, REAP, and [`ENGINE_STOP`].
    flags: EventMask,
    /// The child during `report_clone`.
    cloning: Option<T>,
    /// The engine whose callback is running.
    reporting: Option<EngineId>,
    /// The most constrained pending resume request.
    resume: ResumeAction,
    signal_handler: bool,
    vfork_stop: bool,
    death: bool,
    reap: bool,
    pending_attach: bool,
    /// A newborn thread whose creator's `report_clone` has not run (`PF_STARTING`).
    starting: bool,
    /// In the utrace stop (`TASK_UTRACED`).
    utraced: bool,
    /// The syscall-trace work is raised (`TIF_SYSCALL_TRACE`, which only this layer raises).
    syscall_trace: bool,
    /// Times the task left the utrace stop (for examine bracketing).
    wakeups: u64,
    progress: Progress,
}

impl<T> Default for TaskUtrace<T> {
    fn default() -> Self {
        Self {
            attached: Vec::new(),
            attaching: Vec::new(),
            flags: 0,
            cloning: None,
            reporting: None,
            resume: ResumeAction::Resume,
            signal_handler: false,
            vfork_stop: false,
            death: false,
            reap: false,
            pending_attach: false,
            starting: false,
            utraced: false,
            syscall_trace: false,
            wakeups: 0,
            progress: Progress::Idle,
        }
    }
}

impl<T> TaskUtrace<T> {
    /// Move the attaching engines to the end of the attached list (`splice_attaching`).
    fn splice_attaching(&mut self) {
        self.attached.append(&mut self.attaching);
        self.pending_attach = false;
    }

    /// Lower the pending resume request to `action` if that is more constrained; returns
    /// whether it did.
    fn lower_resume(&mut self, action: ResumeAction) -> bool {
        let lower = action < self.resume;
        if lower {
            self.resume = action;
        }
        lower
    }
}

/// Counters of the engine layer.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct UtraceStats {
    /// Engines attached.
    pub attaches: u64,
    /// Reporting passes over a task's engines.
    pub passes: u64,
    /// Callbacks made to engines.
    pub callbacks: u64,
    /// Times a task entered the utrace stop.
    pub stops: u64,
    /// Engines released (last reference dropped).
    pub releases: u64,
}

/// The engine registry and the per-task engine state of the whole kernel.
#[derive(Clone, Debug)]
pub struct Utrace<T, O, D> {
    engines: BTreeMap<EngineId, Engine<T, O, D>>,
    tasks: BTreeMap<T, TaskUtrace<T>>,
    next_engine: u64,
    /// Counters.
    pub stats: UtraceStats,
}

impl<T, O, D> Default for Utrace<T, O, D> {
    fn default() -> Self {
        Self {
            engines: BTreeMap::new(),
            tasks: BTreeMap::new(),
            next_engine: 1,
            stats: UtraceStats::default(),
        }
    }
}

impl<T: Copy + Ord, O: Copy + Eq, D: Copy + Eq> Utrace<T, O, D> {
    /// An empty registry.
    pub fn new() -> Self {
        Self::default()
    }

    fn task(&self, task: T) -> Option<&TaskUtrace<T>> {
        self.tasks.get(&task)
    }

    fn task_mut(&mut self, task: T) -> Option<&mut TaskUtrace<T>> {
        self.tasks.get_mut(&task)
    }

    /// The task's flags (`utrace_flags`): 0 when no engine is attached.
    pub fn flags(&self, task: T) -> EventMask {
        self.task(task).map_or(0, |t| t.flags)
    }

    /// The hot-path test: does some engine of `task` want `event`?
    pub fn wants(&self, task: T, event: Event) -> bool {
        self.flags(task) & event.bit() != 0
    }

    /// Is `task` in the utrace stop (`TASK_UTRACED`)? The kernel must not run it.
    pub fn is_utraced(&self, task: T) -> bool {
        self.task(task).is_some_and(|t| t.utraced)
    }

    /// `utrace_interrupt_pending`: an INTERRUPT is pending, so `SIGPENDING` must stay set.
    pub fn interrupt_pending(&self, task: T) -> bool {
        self.task(task)
            .is_some_and(|t| t.resume == ResumeAction::Interrupt)
    }

    /// The task's pending resume request (`utrace->resume`).
    pub fn pending_resume(&self, task: T) -> ResumeAction {
        self.task(task).map_or(ResumeAction::Resume, |t| t.resume)
    }

    /// Where the task's report stopped.
    pub fn progress(&self, task: T) -> Progress {
        self.task(task).map_or(Progress::Idle, |t| t.progress)
    }

    /// The task's engines: attached ones in attach order, then those still attaching.
    pub fn engines(&self, task: T) -> Vec<EngineId> {
        self.task(task)
            .map(|t| t.attached.iter().chain(&t.attaching).copied().collect())
            .unwrap_or_default()
    }

    /// What the registry knows about `engine` (`None` once its last reference is gone).
    pub fn engine(&self, engine: EngineId) -> Option<EngineInfo<T, O, D>> {
        self.engines.get(&engine).map(|e| EngineInfo {
            task: e.task,
            ops: e.ops,
            data: e.data,
            events: e.flags & !ENGINE_STOP,
            wants_stop: e.flags & ENGINE_STOP != 0,
            refs: e.refs,
        })
    }

    /// `utrace_engine_get`: take another reference (`ESRCH` once the last one is gone).
    pub fn engine_get(&mut self, engine: EngineId) -> Result<(), Error> {
        let e = self.engines.get_mut(&engine).ok_or(Error::Srch)?;
        e.refs = e.refs.saturating_add(1);
        Ok(())
    }

    /// A new thread exists (`copy_process`): until its creator's [`report_clone`] has run,
    /// only the creator may attach to it (the creator wins any race for the child).
    pub fn task_created(&mut self, child: T) {
        self.tasks.entry(child).or_default().starting = true;
    }

    /// SIGKILL woke `task` out of the utrace stop (it never runs user code again; §1.6). Returns
    /// whether it was stopped; the kernel then runs it, re-entering the report that stopped.
    pub fn wake_killed(&mut self, task: T) -> bool {
        let Some(t) = self.task_mut(task) else {
            return false;
        };
        let was = t.utraced;
        if was {
            t.utraced = false;
            t.wakeups += 1;
        }
        was
    }

    fn set_reporting(&mut self, task: T, engine: Option<EngineId>) {
        if let Some(t) = self.task_mut(task) {
            t.reporting = engine;
        }
    }

    fn set_progress(&mut self, task: T, p: Progress) {
        if let Some(t) = self.task_mut(task) {
            t.progress = p;
        }
    }

    /// Mark `engine` as wanting the stop, in its flags and the task's.
    fn mark_wants_stop(&mut self, task: T, engine: EngineId) {
        if let Some(e) = self.engines.get_mut(&engine) {
            e.flags |= ENGINE_STOP;
        }
        if let Some(t) = self.task_mut(task) {
            t.flags |= ENGINE_STOP;
        }
    }

    fn clear_wants_stop(&mut self, engine: EngineId) {
        if let Some(e) = self.engines.get_mut(&engine) {
            e.flags &= !ENGINE_STOP;
        }
    }

    fn wants_stop(&self, engine: EngineId) -> bool {
        self.engines
            .get(&engine)
            .is_some_and(|e| e.flags & ENGINE_STOP != 0)
    }

    /// The attached engines, in callback order.
    fn snapshot(&self, task: T, order: Order) -> Vec<EngineId> {
        let mut ids = self
            .task(task)
            .map(|t| t.attached.clone())
            .unwrap_or_default();
        if order == Order::Reverse {
            ids.reverse();
        }
        ids
    }

    /// `find_matching_engine`: the first live engine (attached, then attaching) that matches.
    fn find_matching(&self, task: T, flags: u32, ops: Option<O>, data: D) -> Option<EngineId> {
        let t = self.task(task)?;
        t.attached.iter().chain(&t.attaching).copied().find(|id| {
            self.engines.get(id).is_some_and(|e| {
                let live = matches!(e.ops, EngineOps::Live(_));
                let ops_ok =
                    flags & ATTACH_MATCH_OPS == 0 || ops.map(EngineOps::Live) == Some(e.ops);
                let data_ok = flags & ATTACH_MATCH_DATA == 0 || e.data == data;
                live && ops_ok && data_ok
            })
        })
    }

    /// `get_utrace_lock` for an attached engine: the engine must be live and this task's, and
    /// the task not reaped.
    fn check_live(&self, task: T, engine: EngineId) -> Result<(), Error> {
        let e = self.engines.get(&engine).ok_or(Error::Srch)?;
        if !matches!(e.ops, EngineOps::Live(_)) || e.task != task {
            return Err(Error::Srch);
        }
        match self.task(task) {
            Some(t) if !t.reap => Ok(()),
            _ => Err(Error::Srch),
        }
    }
}

/// Callback order of a pass.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Order {
    /// Attach order.
    Forward,
    /// Reverse attach order (syscall entry, §1.6).
    Reverse,
}

// ---------------------------------------------------------------------------------------------
// The kernel's side
// ---------------------------------------------------------------------------------------------

/// Where a task is in its life, as utrace needs to know it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExitState {
    /// Alive (`exit_state == 0`).
    Live,
    /// Dead, not yet reaped (`EXIT_ZOMBIE`).
    Zombie,
    /// Being released (`EXIT_DEAD`).
    Dead,
}

/// Facts about a task that the engine layer asks the kernel for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TaskFacts {
    /// A kernel thread (`PF_KTHREAD`): engines cannot attach.
    pub kernel_thread: bool,
    /// In a job-control stop (`TASK_STOPPED`).
    pub job_stopped: bool,
    /// Where it is in its life.
    pub exit: ExitState,
}

/// Hardware stepping for the task's return to user mode (ia64: `psr.ss` for one instruction,
/// `psr.tb` for a taken branch, §1 "What a mini kernel must implement" item 8).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UserStep {
    /// No stepping (`user_disable_single_step`).
    Off,
    /// One instruction (`user_enable_single_step`).
    Single,
    /// One block (`user_enable_block_step`).
    Block,
}

/// What a job-control report is about (`report_jctl`'s `type`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Jctl {
    /// The thread stops (`CLD_STOPPED`).
    Stopped,
    /// The thread continues (`CLD_CONTINUED`).
    Continued,
}

impl Jctl {
    /// The `si_code` value (`CLD_STOPPED` 5, `CLD_CONTINUED` 6).
    pub fn cld_code(self) -> i32 {
        match self {
            Jctl::Stopped => signal::code::CLD_STOPPED,
            Jctl::Continued => signal::code::CLD_CONTINUED,
        }
    }
}

/// The callback being made and its event-specific arguments (`struct utrace_engine_ops`,
/// §1.3). Registers are the kernel's: a callback reads them for `callee.task`.
#[derive(Debug)]
pub enum Report<'a, T> {
    /// `report_quiesce`: `event` is the bit of the event about to be reported, or 0.
    Quiesce {
        /// The event's bit, or 0.
        event: EventMask,
    },
    /// `report_signal`: the engine may rewrite `info` (including its number) and `return_ka`.
    Signal {
        /// The signal's information (zero for REPORT and HANDLER reports).
        info: &'a mut SigInfo,
        /// The signal's action (`None` for REPORT and HANDLER reports).
        orig_ka: Option<&'a SigAction>,
        /// The action DELIVER will take.
        return_ka: &'a mut SigAction,
    },
    /// `report_clone`, in the parent, before the child can run.
    Clone {
        /// The clone flags.
        clone_flags: u64,
        /// The new thread.
        child: T,
    },
    /// `report_jctl`: `notify` = this thread is the last to stop and will notify the parent.
    Jctl {
        /// Stop or continue.
        what: Jctl,
        /// The last thread.
        notify: bool,
    },
    /// `report_exec`, after a successful exec, before the new image runs.
    Exec,
    /// `report_syscall_entry`.
    SyscallEntry,
    /// `report_syscall_exit`.
    SyscallExit,
    /// `report_exit`: the engine may change the wait status through `code`.
    Exit {
        /// The status exit began with.
        orig_code: i64,
        /// The status exit will report.
        code: &'a mut i64,
    },
    /// `report_death`: only DETACH in the answer matters.
    Death {
        /// The whole thread group is dead.
        group_dead: bool,
        /// The signal sent to the parent (-1: none).
        signal: i32,
    },
    /// `report_reap`: always last; the answer is ignored and the engine is detached after it.
    Reap,
}

/// The kernel as the engine layer sees it: task facts, thread-flag effects, the signal queue,
/// and the engines' callbacks. Every method concerns the task passed to it.
pub trait UtraceHost {
    /// Task identifier.
    type Task: Copy + Ord + fmt::Debug;
    /// Names an engine's callback vector (compared by `ATTACH_MATCH_OPS`).
    type Ops: Copy + Eq + fmt::Debug;
    /// An engine's private data (compared by `ATTACH_MATCH_DATA`).
    type Data: Copy + Eq + fmt::Debug;

    /// `arch_has_single_step()` (ia64: yes, `psr.ss`).
    const HAS_SINGLE_STEP: bool = true;
    /// `arch_has_block_step()` (ia64: yes, `psr.tb`).
    const HAS_BLOCK_STEP: bool = true;

    /// The kernel's engine layer state.
    fn utrace(&mut self) -> &mut Utrace<Self::Task, Self::Ops, Self::Data>;

    /// The task whose kernel code is running now (`current`), if any.
    fn current(&self) -> Option<Self::Task>;
    /// Facts about `task` (`None`: no such task, treated as dead).
    fn task_facts(&self, task: Self::Task) -> Option<TaskFacts>;
    /// A SIGKILL (or group exit) is pending (`fatal_signal_pending`).
    fn fatal_signal_pending(&self, task: Self::Task) -> bool;
    /// `TIF_SIGPENDING` is set (`signal_pending`).
    fn signal_pending(&self, task: Self::Task) -> bool;
    /// A group stop is pending for the thread (`task->jobctl & JOBCTL_PENDING_MASK`).
    fn group_stop_pending(&self, task: Self::Task) -> bool;

    /// Raise `TIF_NOTIFY_RESUME` and kick the task (`set_notify_resume`): it will call
    /// [`report_resume`] before returning to user mode.
    fn set_notify_resume(&mut self, task: Self::Task);
    /// Raise `TIF_SIGPENDING` on the task (no wake-up).
    fn set_sigpending(&mut self, task: Self::Task);
    /// Raise `TIF_SIGPENDING` and interrupt a blocking syscall (`signal_wake_up`).
    fn signal_wake_up(&mut self, task: Self::Task);
    /// Recompute `TIF_SIGPENDING` from real pending signals (and
    /// [`Utrace::interrupt_pending`]).
    fn recalc_sigpending(&mut self, task: Self::Task);
    /// Set or clear the syscall-trace work (`TIF_SYSCALL_TRACE`), which makes the kernel call
    /// [`report_syscall_entry`] and [`report_syscall_exit`].
    fn set_syscall_trace(&mut self, task: Self::Task, on: bool);
    /// The task left the utrace stop: make it runnable unless it is in a job-control stop
    /// (`wake_up_quiescent(task, __TASK_UTRACED)`).
    fn wake_up_quiescent(&mut self, task: Self::Task);
    /// Set the task's hardware stepping for its return to user mode.
    fn set_user_step(&mut self, task: Self::Task, step: UserStep);

    /// Dequeue the task's next deliverable signal and its current action (`dequeue_signal`).
    fn dequeue_signal(&mut self, task: Self::Task) -> Option<(SigInfo, SigAction)>;
    /// Dequeue only a pending SIGKILL and its action.
    fn dequeue_sigkill(&mut self, task: Self::Task) -> Option<(SigInfo, SigAction)>;
    /// Put `info` back at the head of the task's queue and raise `TIF_SIGPENDING`.
    fn push_back_signal(&mut self, task: Self::Task, info: &SigInfo);
    /// `SA_ONESHOT`: reset the action of `signo` to `SIG_DFL`.
    fn reset_handler(&mut self, task: Self::Task, signo: u32);

    /// Does the callback vector `ops` have `report_signal`? Without it, signal reports fall
    /// back to `report_quiesce` (§1.3).
    fn has_report_signal(&self, _ops: Self::Ops) -> bool {
        true
    }
    /// Make one callback to an engine; return its answer in the §1.4 encoding. `action` is
    /// the answer so far (for `report_death` and `report_reap` it carries no meaning). The
    /// callback may call back into this layer ([`attach`], [`set_events`], [`control`], …).
    fn report(
        &mut self,
        callee: Callee<Self::Task, Self::Ops, Self::Data>,
        action: u32,
        report: &mut Report<'_, Self::Task>,
    ) -> u32;
    /// The engine's last reference is gone: free `data` (`ops->release`).
    fn release(&mut self, ops: Self::Ops, data: Self::Data);
}

/// What a report that can stop tells the kernel.
#[must_use]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reported<V> {
    /// The report is complete.
    Done(V),
    /// The task entered the utrace stop: switch it out; when it is woken, call the same
    /// function again, which continues after the stop.
    Stopped,
}

/// What syscall entry decided.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SyscallDecision {
    /// Run the syscall the registers describe now.
    Run,
    /// Do not run it (an engine answered ABORT, or SIGKILL ended the stop).
    Abort,
}

/// What the signal report tells the signal code (`utrace_get_signal`'s result).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SignalDecision {
    /// No engine intercepts signals now: dequeue and deliver as usual (result 0).
    Normal,
    /// Nothing to deliver now: start the signal loop again (result -1).
    Again,
    /// Act as the signal code does for signal `signr` with action `ka` (ignore, handler, or
    /// `signr`'s default action), but report `info.signo` as the signal (they differ when an
    /// engine chose TERM, CORE, STOP or TSTP: `signr` is then SIGTERM, SIGQUIT, SIGSTOP or
    /// SIGTSTP with `SIG_DFL`). A handler's `SA_ONESHOT` reset is already done.
    Deliver {
        /// The signal whose action to take.
        signr: u32,
        /// The (possibly rewritten) signal information.
        info: SigInfo,
        /// The action.
        ka: SigAction,
    },
}

type Ut<H> = Utrace<<H as UtraceHost>::Task, <H as UtraceHost>::Ops, <H as UtraceHost>::Data>;
type CalleeOf<H> = Callee<<H as UtraceHost>::Task, <H as UtraceHost>::Ops, <H as UtraceHost>::Data>;

fn ut<H: UtraceHost + ?Sized>(h: &mut H) -> &mut Ut<H> {
    h.utrace()
}

fn facts<H: UtraceHost + ?Sized>(h: &H, task: H::Task) -> TaskFacts {
    h.task_facts(task).unwrap_or(TaskFacts {
        kernel_thread: false,
        job_stopped: false,
        exit: ExitState::Dead,
    })
}

fn is_exiting<H: UtraceHost + ?Sized>(h: &H, task: H::Task) -> bool {
    facts(h, task).exit != ExitState::Live
}

// ---------------------------------------------------------------------------------------------
// Reference counts (§1.7)
// ---------------------------------------------------------------------------------------------

/// `utrace_engine_put`: drop one reference; the last one releases the engine
/// ([`UtraceHost::release`]) and frees its id. `ESRCH` if the id is already free.
pub fn engine_put<H: UtraceHost + ?Sized>(h: &mut H, engine: EngineId) -> Result<(), Error> {
    let u = ut(h);
    let e = u.engines.get_mut(&engine).ok_or(Error::Srch)?;
    e.refs = e.refs.saturating_sub(1);
    if e.refs > 0 {
        return Ok(());
    }
    let Some(e) = u.engines.remove(&engine) else {
        return Ok(());
    };
    u.stats.releases += 1;
    h.release(e.release_ops, e.data);
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// attach, set_events, control, barrier, examine (§1.5)
// ---------------------------------------------------------------------------------------------

/// `utrace_attach_task`. Without [`ATTACH_CREATE`], look up the first engine matching
/// `flags`/`ops`/`data` and return a new reference to it (`ENOENT` if none). With it, create
/// an engine (one reference for the caller, one for being attached); it joins the task's
/// engines at the next reporting pass, so an engine attached during a report gets no callback
/// for that report (§1.6). Errors: `EINVAL` (no ops), `EPERM` (kernel thread), `EEXIST`
/// ([`ATTACH_EXCLUSIVE`] and a match exists), `ESRCH` (the task is `EXIT_DEAD`),
/// `ERESTARTNOINTR` (a newborn thread and the caller is not its creator in `report_clone`).
pub fn attach<H: UtraceHost + ?Sized>(
    h: &mut H,
    task: H::Task,
    flags: u32,
    ops: Option<H::Ops>,
    data: H::Data,
) -> Result<EngineId, Error> {
    if flags & ATTACH_CREATE == 0 {
        return lookup(h, task, flags, ops, data);
    }
    let ops = ops.ok_or(Error::Inval)?;
    let f = facts(h, task);
    if f.kernel_thread {
        return Err(Error::Perm);
    }
    if !creator_may_attach(h, task) {
        return Err(Error::RestartNoIntr);
    }
    let u = ut(h);
    if flags & ATTACH_EXCLUSIVE != 0 && u.find_matching(task, flags, Some(ops), data).is_some() {
        return Err(Error::Exist);
    }
    let t = u.tasks.entry(task).or_default();
    if t.flags == 0 {
        if f.exit == ExitState::Dead {
            return Err(Error::Srch);
        }
        t.flags = Event::Reap.bit();
    }
    let id = EngineId(u.next_engine);
    u.next_engine += 1;
    t.attaching.push(id);
    t.pending_attach = true;
    u.engines.insert(
        id,
        Engine {
            task,
            ops: EngineOps::Live(ops),
            release_ops: ops,
            data,
            flags: 0,
            refs: 2,
        },
    );
    u.stats.attaches += 1;
    Ok(id)
}

fn lookup<H: UtraceHost + ?Sized>(
    h: &mut H,
    task: H::Task,
    flags: u32,
    ops: Option<H::Ops>,
    data: H::Data,
) -> Result<EngineId, Error> {
    let u = ut(h);
    let id = u
        .find_matching(task, flags, ops, data)
        .ok_or(Error::NoEnt)?;
    u.engine_get(id)?;
    Ok(id)
}

/// The clone-attach priority rule (2007–2009 `utrace_first_engine`): while a newborn thread is
/// starting, only its creator, from inside `report_clone` for that child, may attach to it.
fn creator_may_attach<H: UtraceHost + ?Sized>(h: &mut H, task: H::Task) -> bool {
    let current = h.current();
    let u = ut(h);
    if !u.task(task).is_some_and(|t| t.starting) {
        return true;
    }
    current
        .and_then(|c| u.task(c))
        .is_some_and(|p| p.cloning == Some(task))
}

/// `utrace_set_events`: replace the engine's event mask ([`ENGINE_STOP`] in `events` is
/// ignored). Enabling a syscall event raises the task's syscall-trace work. On a stopped task
/// the change is synchronous. Errors: `ESRCH` (engine detached or attached to another task,
/// task reaped), `EALREADY`
/// (clearing DEATH or QUIESCE once the death report began, or setting them on a dying task),
/// `EINPROGRESS` (bits were cleared while the task, running and not the caller, may be inside
/// a callback to this engine; see [`barrier`]).
pub fn set_events<H: UtraceHost + ?Sized>(
    h: &mut H,
    task: H::Task,
    engine: EngineId,
    events: EventMask,
) -> Result<(), Error> {
    let events = events & !ENGINE_STOP;
    let exiting = is_exiting(h, task);
    let is_current = h.current() == Some(task);
    let u = ut(h);
    u.check_live(task, engine)?;
    let (Some(t), Some(e)) = (u.tasks.get_mut(&task), u.engines.get_mut(&engine)) else {
        return Err(Error::Srch);
    };
    let old = e.flags & !ENGINE_STOP;
    if (old & !events) & DEATH_EVENTS != 0 && t.death {
        return Err(Error::Already);
    }
    if (events & !old) & DEATH_EVENTS != 0 && exiting {
        return Err(Error::Already);
    }
    e.flags = events | (e.flags & ENGINE_STOP);
    t.flags |= events;
    let cleared = old & !events != 0;
    let busy = cleared && !is_current && !t.utraced && !exiting && t.reporting == Some(engine);
    let raise_trace = events & EVENT_SYSCALL != 0 && !t.syscall_trace;
    t.syscall_trace |= raise_trace;
    if raise_trace {
        h.set_syscall_trace(task, true);
    }
    if busy {
        return Err(Error::InProgress);
    }
    Ok(())
}

/// `utrace_control`: ask the task to stop, resume, report, interrupt, step or detach this
/// engine (§1.5).
///
/// * `Stop`: 0 only if the task is already stopped (utrace or job control); otherwise
///   `EINPROGRESS` and it acts as `Report`: stop from the coming callback.
/// * `Resume`: clear this engine's stop; the task stays stopped while another engine keeps it.
/// * `Report`, `SingleStep`, `BlockStep`: clear this engine's stop and request a report
///   (`EINVAL` without QUIESCE in the engine's mask; `EOPNOTSUPP` without single-step).
/// * `Interrupt`: like `Report`, and interrupt a syscall; forces a `report_signal`.
/// * `Detach`: 0 when the task was stopped (no more callbacks), `EINPROGRESS` when a callback
///   to this engine may be running; on a dead task `EALREADY` once `report_death` began.
///
/// On a dead task every action but `Detach` is `ESRCH`; so is any action on a detached engine
/// or one attached to another task. The QUIESCE check covers REPORT, SINGLESTEP and BLOCKSTEP,
/// as `kernel/utrace.c` does (`REPORT <= action < RESUME`; §1.5 also lists INTERRUPT).
pub fn control<H: UtraceHost + ?Sized>(
    h: &mut H,
    task: H::Task,
    engine: EngineId,
    action: ResumeAction,
) -> Result<(), Error> {
    use ResumeAction as A;
    let needs_quiesce = matches!(action, A::Report | A::SingleStep | A::BlockStep);
    let engine_flags = ut(h).engines.get(&engine).map_or(0, |e| e.flags);
    if needs_quiesce && engine_flags & Event::Quiesce.bit() == 0 {
        tracing::warn!(target: "kernel::utrace", %engine, ?action, "control without QUIESCE");
        return Err(Error::Inval);
    }
    ut(h).check_live(task, engine)?;
    let mut reset = ut(h).is_utraced(task);
    if is_exiting(h, task) {
        control_dead(ut(h), task, action)?;
        reset = true;
    }
    let (ret, reset) = apply_control(h, task, engine, action, reset);
    if reset {
        utrace_reset(h, task);
    }
    ret
}

/// `utrace_control_dead`: only DETACH, and only before the death report.
fn control_dead<T: Copy + Ord, O: Copy + Eq, D: Copy + Eq>(
    u: &Utrace<T, O, D>,
    task: T,
    action: ResumeAction,
) -> Result<(), Error> {
    let t = u.task(task).ok_or(Error::Srch)?;
    if action != ResumeAction::Detach || t.reap {
        return Err(Error::Srch);
    }
    if t.death {
        return Err(Error::Already);
    }
    Ok(())
}

/// The body of [`control`] for one action; returns its result and whether to reset.
fn apply_control<H: UtraceHost + ?Sized>(
    h: &mut H,
    task: H::Task,
    engine: EngineId,
    action: ResumeAction,
    reset: bool,
) -> (Result<(), Error>, bool) {
    use ResumeAction as A;
    match action {
        A::Stop => {
            ut(h).mark_wants_stop(task, engine);
            let stopped = reset || do_stop(h, task);
            (
                if stopped {
                    Ok(())
                } else {
                    Err(Error::InProgress)
                },
                false,
            )
        }
        A::Detach => control_detach(h, task, engine, reset),
        A::Resume => {
            ut(h).clear_wants_stop(engine);
            (Ok(()), reset)
        }
        A::SingleStep | A::BlockStep if !H::HAS_SINGLE_STEP => {
            tracing::warn!(target: "kernel::utrace", %engine, "single-step unsupported");
            (Err(Error::OpNotSupp), false)
        }
        A::Report | A::SingleStep | A::BlockStep => {
            let action = if action == A::BlockStep && !H::HAS_BLOCK_STEP {
                A::SingleStep
            } else {
                action
            };
            ut(h).clear_wants_stop(engine);
            request_report(h, task, action);
            (Ok(()), reset)
        }
        A::Interrupt => {
            control_interrupt(h, task, engine, reset);
            (Ok(()), reset)
        }
    }
}

fn control_detach<H: UtraceHost + ?Sized>(
    h: &mut H,
    task: H::Task,
    engine: EngineId,
    reset: bool,
) -> (Result<(), Error>, bool) {
    let u = ut(h);
    if u.wants_stop(engine) {
        if let Some(t) = u.task_mut(task) {
            t.flags &= !ENGINE_STOP;
        }
    }
    if let Some(e) = u.engines.get_mut(&engine) {
        e.ops = EngineOps::Detached;
        e.flags = Event::Quiesce.bit();
    }
    let reset = reset || do_stop(h, task);
    let busy = !reset
        && ut(h)
            .task(task)
            .is_some_and(|t| t.reporting == Some(engine));
    (if busy { Err(Error::InProgress) } else { Ok(()) }, reset)
}

fn control_interrupt<H: UtraceHost + ?Sized>(
    h: &mut H,
    task: H::Task,
    engine: EngineId,
    stopped: bool,
) {
    let u = ut(h);
    u.clear_wants_stop(engine);
    let Some(t) = u.task_mut(task) else {
        return;
    };
    if t.resume == ResumeAction::Interrupt {
        return;
    }
    t.resume = ResumeAction::Interrupt;
    if stopped {
        h.set_sigpending(task);
    } else {
        h.signal_wake_up(task);
    }
}

/// Lower the pending resume request to `action` and make the task call [`report_resume`].
fn request_report<H: UtraceHost + ?Sized>(h: &mut H, task: H::Task, action: ResumeAction) {
    if ut(h).task_mut(task).is_some_and(|t| t.lower_resume(action)) {
        h.set_notify_resume(task);
    }
}

/// `utrace_do_stop`: a stopped task (job control or utrace) is now utrace-stopped too;
/// a running one is asked for a report. Returns whether it is stopped.
fn do_stop<H: UtraceHost + ?Sized>(h: &mut H, task: H::Task) -> bool {
    let job_stopped = facts(h, task).job_stopped;
    let Some(t) = ut(h).task_mut(task) else {
        return false;
    };
    if job_stopped || t.utraced {
        t.utraced = true;
        return true;
    }
    if t.resume > ResumeAction::Report {
        t.resume = ResumeAction::Report;
        h.set_notify_resume(task);
    }
    false
}

/// `utrace_barrier`: 0 once the task is not inside a callback to this engine (at once on the
/// caller's own task). A detached engine still on the task's list makes the caller wait until
/// it is unlinked, then answers `ESRCH`. The host-side caller cannot sleep: `ERESTARTSYS` means
/// "wait, then call again".
pub fn barrier<H: UtraceHost + ?Sized>(
    h: &mut H,
    task: H::Task,
    engine: EngineId,
) -> Result<(), Error> {
    if h.current() == Some(task) {
        return Ok(());
    }
    let u = ut(h);
    match u.engines.get(&engine).map(|e| e.ops) {
        None | Some(EngineOps::Gone) => return Err(Error::Srch),
        Some(EngineOps::Detached) => return Err(Error::RestartSys),
        Some(EngineOps::Live(_)) => {}
    }
    match u.task(task) {
        None => Err(Error::Srch),
        Some(t) if t.reap => Err(Error::Srch),
        Some(t) if t.reporting == Some(engine) => Err(Error::RestartSys),
        Some(_) => Ok(()),
    }
}

/// The state [`prepare_examine`] saw (`struct utrace_examiner`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Examiner {
    wakeups: u64,
}

/// `utrace_prepare_examine`: the engine keeps the task stopped and it is stopped, so its
/// registers may be read. `EINVAL` (the engine does not want it stopped), `ESRCH` (dead),
/// `EAGAIN` (it is running).
pub fn prepare_examine<H: UtraceHost + ?Sized>(
    h: &mut H,
    task: H::Task,
    engine: EngineId,
) -> Result<Examiner, Error> {
    if h.current() == Some(task) {
        return Ok(Examiner { wakeups: 0 });
    }
    let f = facts(h, task);
    let u = ut(h);
    if !u.wants_stop(engine) {
        return Err(Error::Inval);
    }
    if f.exit != ExitState::Live {
        return Err(Error::Srch);
    }
    match u.task(task) {
        Some(t) if t.utraced || f.job_stopped => Ok(Examiner { wakeups: t.wakeups }),
        _ => Err(Error::Again),
    }
}

/// `utrace_finish_examine`: `EAGAIN` if the task ran since [`prepare_examine`] (what was read
/// is stale), `EINVAL` if the engine no longer keeps it stopped.
pub fn finish_examine<H: UtraceHost + ?Sized>(
    h: &mut H,
    task: H::Task,
    engine: EngineId,
    exam: Examiner,
) -> Result<(), Error> {
    if h.current() == Some(task) {
        return Ok(());
    }
    let job_stopped = facts(h, task).job_stopped;
    let u = ut(h);
    if !u.wants_stop(engine) {
        return Err(Error::Inval);
    }
    match u.task(task) {
        Some(t) if (t.utraced || job_stopped) && t.wakeups == exam.wakeups => Ok(()),
        _ => Err(Error::Again),
    }
}

// ---------------------------------------------------------------------------------------------
// Reset and stop (§1.8)
// ---------------------------------------------------------------------------------------------

/// `utrace_reset`: splice attaching engines, unlink detached ones (dropping their attached
/// reference), recompute the task's flags, clear syscall tracing nobody wants, and wake the
/// task from the utrace stop if no engine wants it stopped. Returns true when no engine is
/// left.
fn utrace_reset<H: UtraceHost + ?Sized>(h: &mut H, task: H::Task) -> bool {
    let exiting = is_exiting(h, task);
    let u = ut(h);
    let Some(t) = u.tasks.get_mut(&task) else {
        return true;
    };
    t.splice_attaching();
    let mut flags = 0;
    let mut detached = Vec::new();
    let engines = &mut u.engines;
    t.attached.retain(|id| match engines.get_mut(id) {
        Some(e) if matches!(e.ops, EngineOps::Live(_)) => {
            flags |= e.flags | Event::Reap.bit();
            true
        }
        Some(e) => {
            e.ops = EngineOps::Gone;
            detached.push(*id);
            false
        }
        None => false,
    });
    let clear_trace = !exiting && flags & EVENT_SYSCALL == 0 && t.syscall_trace;
    t.syscall_trace &= !clear_trace;
    if exiting {
        flags &= Event::Reap.bit();
    }
    if flags == 0 {
        t.resume = ResumeAction::Resume;
        t.signal_handler = false;
    }
    let wake = t.utraced && flags & ENGINE_STOP == 0;
    let step_off = wake && t.resume == ResumeAction::Resume;
    if wake {
        t.utraced = false;
        t.wakeups += 1;
    }
    t.flags = flags;
    if clear_trace {
        h.set_syscall_trace(task, false);
    }
    if step_off {
        h.set_user_step(task, UserStep::Off);
    }
    if wake {
        h.wake_up_quiescent(task);
    }
    for id in detached {
        let _ = engine_put(h, id);
    }
    flags == 0
}

/// `utrace_stop`: enter the utrace stop unless no engine wants it any more (after a reset) or
/// a fatal signal is pending. `action` (the most constrained non-STOP answer) becomes the
/// pending resume request. Returns whether the task stopped.
fn utrace_stop<H: UtraceHost + ?Sized>(h: &mut H, task: H::Task, action: ResumeAction) -> bool {
    for _ in 0..2 {
        if ut(h).task_mut(task).is_some_and(|t| t.lower_resume(action)) {
            raise_for(h, task, action);
        }
        if ut(h).flags(task) & ENGINE_STOP != 0 {
            break;
        }
        utrace_reset(h, task);
        if ut(h).flags(task) & ENGINE_STOP == 0 {
            return false;
        }
    }
    if h.fatal_signal_pending(task) {
        return false;
    }
    let u = ut(h);
    let Some(t) = u.task_mut(task) else {
        return false;
    };
    t.utraced = true;
    u.stats.stops += 1;
    true
}

/// The work bit a pending resume request needs: INTERRUPT goes through the signal path.
fn raise_for<H: UtraceHost + ?Sized>(h: &mut H, task: H::Task, action: ResumeAction) {
    if action == ResumeAction::Interrupt {
        h.set_sigpending(task);
    } else {
        h.set_notify_resume(task);
    }
}

/// Continue after the utrace stop (the end of `utrace_stop`): the report is no longer in
/// flight, and pending signals are recomputed. Returns false if the task is still stopped (the
/// kernel ran it without waking it).
fn finish_stop<H: UtraceHost + ?Sized>(h: &mut H, task: H::Task) -> bool {
    let Some(t) = ut(h).task_mut(task) else {
        return true;
    };
    if t.utraced {
        return false;
    }
    t.progress = Progress::Idle;
    h.recalc_sigpending(task);
    true
}

// ---------------------------------------------------------------------------------------------
// Reporting passes (§1.3, §1.4, §1.6)
// ---------------------------------------------------------------------------------------------

/// The state of one reporting pass (`struct utrace_report`).
#[derive(Clone, Copy, Debug)]
struct Pass {
    /// Chained disposition bits.
    result: u32,
    /// The most constrained answer (STOP included).
    action: ResumeAction,
    /// The most constrained answer other than STOP.
    resume_action: ResumeAction,
    detaches: bool,
    spurious: bool,
}

impl Pass {
    fn new() -> Self {
        Self {
            result: 0,
            action: ResumeAction::Resume,
            resume_action: ResumeAction::Resume,
            detaches: false,
            spurious: true,
        }
    }
}

/// `start_report`: splice new engines in and consume a pending REPORT/step request. Returns
/// the pending request as it was.
fn start_report<H: UtraceHost + ?Sized>(h: &mut H, task: H::Task) -> ResumeAction {
    let u = ut(h);
    u.stats.passes += 1;
    let Some(t) = u.task_mut(task) else {
        return ResumeAction::Resume;
    };
    let resume = t.resume;
    let consumes = resume > ResumeAction::Interrupt && resume < ResumeAction::Resume;
    if t.pending_attach || consumes {
        t.splice_attaching();
        if t.resume > ResumeAction::Interrupt {
            t.resume = ResumeAction::Resume;
        }
    }
    resume
}

fn callee<H: UtraceHost + ?Sized>(
    h: &mut H,
    task: H::Task,
    engine: EngineId,
    ops: H::Ops,
) -> Option<CalleeOf<H>> {
    let data = ut(h).engines.get(&engine)?.data;
    Some(Callee {
        task,
        engine,
        ops,
        data,
    })
}

/// Make one callback, counting it.
fn call<H: UtraceHost + ?Sized>(
    h: &mut H,
    c: CalleeOf<H>,
    action: u32,
    report: &mut Report<'_, H::Task>,
) -> u32 {
    ut(h).stats.callbacks += 1;
    h.report(c, action, report)
}

/// `report_quiesce` for `engine` (detached ops answer DETACH without a callback). Its
/// disposition bits are dropped: `report_quiesce` is not given the chained disposition, so it
/// cannot pass it on (`kernel/utrace.c` would let it reset the chain; §1.4 says it is chained).
fn quiesce<H: UtraceHost + ?Sized>(
    h: &mut H,
    task: H::Task,
    engine: EngineId,
    ops: EngineOps<H::Ops>,
    action: ResumeAction,
    event: EventMask,
) -> u32 {
    let EngineOps::Live(o) = ops else {
        return ResumeAction::Detach.bits();
    };
    match callee(h, task, engine, o) {
        Some(c) => call(h, c, action.bits(), &mut Report::Quiesce { event }) & RESUME_MASK,
        None => ResumeAction::Detach.bits(),
    }
}

/// `start_callback`: the engine's quiesce callback first (if it wants QUIESCE, or is detached),
/// then whether it wants the specific callback for `event`. Returns the ops to call it with.
fn start_callback<H: UtraceHost + ?Sized>(
    h: &mut H,
    task: H::Task,
    pass: &mut Pass,
    engine: EngineId,
    event: EventMask,
) -> Option<H::Ops> {
    ut(h).set_reporting(task, Some(engine));
    let Some((mut want, ops)) = ut(h).engines.get(&engine).map(|e| (e.flags, e.ops)) else {
        ut(h).set_reporting(task, None);
        return None;
    };
    if want & Event::Quiesce.bit() != 0 || ops == EngineOps::Detached {
        let ret = quiesce(h, task, engine, ops, pass.action, event);
        if finish_callback(h, task, pass, engine, pass.result | ret) {
            return None;
        }
        if event == 0 {
            pass.spurious = false;
            return None;
        }
        ut(h).set_reporting(task, Some(engine));
        want = ut(h).engines.get(&engine).map_or(0, |e| e.flags);
    }
    if want & ENGINE_STOP != 0 {
        pass.action = ResumeAction::Stop;
    }
    if want & event != 0 {
        if let EngineOps::Live(o) = ops {
            pass.spurious = false;
            return Some(o);
        }
    }
    ut(h).set_reporting(task, None);
    None
}

/// `finish_callback`: apply one answer to the pass and to the engine's stop; returns true if
/// the engine is (now) detached and gets no more callbacks.
fn finish_callback<H: UtraceHost + ?Sized>(
    h: &mut H,
    task: H::Task,
    pass: &mut Pass,
    engine: EngineId,
    ret: u32,
) -> bool {
    pass.result = ret & !RESUME_MASK;
    let action = answer_action(ret);
    let u = ut(h);
    let live = match u.engines.get_mut(&engine) {
        Some(e) if matches!(e.ops, EngineOps::Live(_)) => {
            if action == ResumeAction::Detach {
                e.ops = EngineOps::Detached;
            }
            action != ResumeAction::Detach
        }
        _ => false,
    };
    u.set_reporting(task, None);
    if !live {
        pass.detaches = true;
        return true;
    }
    pass.action = pass.action.min(action);
    if action == ResumeAction::Stop {
        if !u.wants_stop(engine) {
            u.mark_wants_stop(task, engine);
        }
    } else {
        pass.resume_action = pass.resume_action.min(action);
        u.clear_wants_stop(engine);
    }
    false
}

/// How the `action` argument of the specific callbacks is built.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum ActionArg {
    /// The resume action so far (most callbacks).
    Plain,
    /// `extra | disposition so far | resume action so far` (syscall entry).
    Chained(u32),
}

/// `REPORT_CALLBACKS`: for each attached engine in `order`, its quiesce callback then its
/// `args` callback if it wants `event`.
fn report_callbacks<H: UtraceHost + ?Sized>(
    h: &mut H,
    task: H::Task,
    pass: &mut Pass,
    event: EventMask,
    order: Order,
    arg: ActionArg,
    args: &mut Report<'_, H::Task>,
) {
    for engine in ut(h).snapshot(task, order) {
        let Some(ops) = start_callback(h, task, pass, engine, event) else {
            continue;
        };
        let Some(c) = callee(h, task, engine, ops) else {
            continue;
        };
        let action = match arg {
            ActionArg::Plain => pass.action.bits(),
            ActionArg::Chained(extra) => extra | pass.result | pass.action.bits(),
        };
        let ret = call(h, c, action, args);
        finish_callback(h, task, pass, engine, ret);
    }
}

/// `finish_report`: make the pass's answer the pending request (a STOP becomes a REPORT when
/// the stop happens later, at the return to user mode), and reset if needed.
fn finish_report<H: UtraceHost + ?Sized>(
    h: &mut H,
    task: H::Task,
    pass: &mut Pass,
    will_not_stop: bool,
) {
    let resume = match pass.action {
        ResumeAction::Stop if will_not_stop => ResumeAction::Report,
        ResumeAction::Stop => ResumeAction::Resume,
        a => a,
    };
    if ut(h).task_mut(task).is_some_and(|t| t.lower_resume(resume)) {
        raise_for(h, task, resume);
    }
    finish_report_reset(h, task, pass);
}

fn finish_report_reset<H: UtraceHost + ?Sized>(h: &mut H, task: H::Task, pass: &mut Pass) {
    if (pass.spurious || pass.detaches) && utrace_reset(h, task) {
        pass.action = ResumeAction::Resume;
    }
}

/// The `REPORT` macro: a forward pass whose STOP takes effect at the return to user mode.
fn simple_report<H: UtraceHost + ?Sized>(
    h: &mut H,
    task: H::Task,
    event: Event,
    args: &mut Report<'_, H::Task>,
) -> Pass {
    let mut pass = Pass::new();
    start_report(h, task);
    report_callbacks(
        h,
        task,
        &mut pass,
        event.bit(),
        Order::Forward,
        ActionArg::Plain,
        args,
    );
    finish_report(h, task, &mut pass, true);
    pass
}

/// `finish_resume_report`: the last pass before user mode decides: stop, interrupt, step or
/// resume. Returns whether the task stopped.
fn finish_resume_report<H: UtraceHost + ?Sized>(h: &mut H, task: H::Task, pass: &mut Pass) -> bool {
    use ResumeAction as A;
    finish_report_reset(h, task, pass);
    match pass.action {
        A::Stop => return utrace_stop(h, task, pass.resume_action),
        A::Interrupt => {
            if !h.signal_pending(task) {
                h.set_sigpending(task);
            }
        }
        A::BlockStep if H::HAS_BLOCK_STEP => h.set_user_step(task, UserStep::Block),
        A::BlockStep | A::SingleStep => {
            if H::HAS_SINGLE_STEP {
                h.set_user_step(task, UserStep::Single);
            } else {
                tracing::warn!(target: "kernel::utrace", "single-step unsupported");
            }
        }
        A::Report | A::Resume | A::Detach => h.set_user_step(task, UserStep::Off),
    }
    false
}

// ---------------------------------------------------------------------------------------------
// Event reports: the kernel's hook points
// ---------------------------------------------------------------------------------------------

/// `utrace_report_exec`: after a successful exec, before the new image runs. A STOP takes
/// effect at the return to user mode ([`report_resume`]).
pub fn report_exec<H: UtraceHost + ?Sized>(h: &mut H, task: H::Task) {
    if ut(h).wants(task, Event::Exec) {
        simple_report(h, task, Event::Exec, &mut Report::Exec);
    }
}

/// `utrace_report_syscall_exit`: just before the syscall returns. A STOP takes effect at the
/// return to user mode ([`report_resume`]).
pub fn report_syscall_exit<H: UtraceHost + ?Sized>(h: &mut H, task: H::Task) {
    if ut(h).wants(task, Event::SyscallExit) {
        simple_report(h, task, Event::SyscallExit, &mut Report::SyscallExit);
    }
}

/// `utrace_report_jctl`: the thread is about to stop for, or has continued from, a group stop.
/// A STOP takes effect at the return to user mode.
pub fn report_jctl<H: UtraceHost + ?Sized>(h: &mut H, task: H::Task, what: Jctl, notify: bool) {
    if ut(h).wants(task, Event::Jctl) {
        simple_report(h, task, Event::Jctl, &mut Report::Jctl { what, notify });
    }
}

/// The most syscall-entry passes one call makes (each but the last follows a stop that ended
/// at once with a new report request); a guard against engines that never settle.
const MAX_ENTRY_PASSES: u32 = 64;

/// `utrace_report_syscall_entry`: engines in **reverse** attach order (§1.6); a STOP takes
/// effect here, before the syscall. After the stop, if some engine asked for a report, the
/// pass repeats with [`SYSCALL_RESUMED`] in the action; SIGKILL during the stop aborts the
/// syscall. Call again after [`Reported::Stopped`] once the task is woken.
pub fn report_syscall_entry<H: UtraceHost + ?Sized>(
    h: &mut H,
    task: H::Task,
) -> Reported<SyscallDecision> {
    let mut pass = Pass::new();
    let mut resumed = 0;
    if let Progress::SyscallEntry { result } = ut(h).progress(task) {
        if !finish_stop(h, task) {
            return Reported::Stopped;
        }
        pass.result = result;
        match after_entry_stop(h, task, &mut pass) {
            Some(d) => return Reported::Done(d),
            None => resumed = SYSCALL_RESUMED,
        }
    } else if !ut(h).wants(task, Event::SyscallEntry) {
        return Reported::Done(SyscallDecision::Run);
    }
    for _ in 0..MAX_ENTRY_PASSES {
        start_report(h, task);
        let event = Event::SyscallEntry.bit();
        let arg = ActionArg::Chained(resumed);
        let args = &mut Report::SyscallEntry;
        report_callbacks(h, task, &mut pass, event, Order::Reverse, arg, args);
        finish_report(h, task, &mut pass, false);
        if pass.action != ResumeAction::Stop {
            return Reported::Done(entry_decision(pass.result));
        }
        if utrace_stop(h, task, pass.resume_action) {
            let p = Progress::SyscallEntry {
                result: pass.result,
            };
            ut(h).set_progress(task, p);
            return Reported::Stopped;
        }
        match after_entry_stop(h, task, &mut pass) {
            Some(d) => return Reported::Done(d),
            None => resumed = SYSCALL_RESUMED,
        }
    }
    tracing::warn!(target: "kernel::utrace", ?task, "syscall entry reports did not settle");
    Reported::Done(entry_decision(pass.result))
}

/// After the syscall-entry stop: SIGKILL aborts; a pending report request repeats the pass
/// (`None`); otherwise the chained disposition decides.
fn after_entry_stop<H: UtraceHost + ?Sized>(
    h: &mut H,
    task: H::Task,
    pass: &mut Pass,
) -> Option<SyscallDecision> {
    if h.fatal_signal_pending(task) {
        return Some(SyscallDecision::Abort);
    }
    if ut(h).pending_resume(task) <= ResumeAction::Report {
        *pass = Pass {
            result: pass.result,
            ..Pass::new()
        };
        return None;
    }
    Some(entry_decision(pass.result))
}

fn entry_decision(result: u32) -> SyscallDecision {
    match syscall_action(result) {
        Some(SyscallAction::Abort) => SyscallDecision::Abort,
        _ => SyscallDecision::Run,
    }
}

/// `CLONE_VFORK`.
pub const CLONE_VFORK: u64 = 0x4000;

/// `utrace_report_clone`: in the parent, after `child` exists and before it can run. Engines
/// may attach to the child from their callback (and only they may, until this returns: the
/// creator wins any race for the child) and ask it to stop, so it never reaches user mode
/// unobserved. A STOP stops the parent at its return to user mode, or for `CLONE_VFORK` in
/// [`finish_vfork`]. The kernel calls this for every new thread, engines or not.
pub fn report_clone<H: UtraceHost + ?Sized>(
    h: &mut H,
    parent: H::Task,
    clone_flags: u64,
    child: H::Task,
) {
    if ut(h).wants(parent, Event::Clone) {
        clone_pass(h, parent, clone_flags, child);
    }
    if let Some(c) = ut(h).task_mut(child) {
        c.starting = false;
    }
}

fn clone_pass<H: UtraceHost + ?Sized>(h: &mut H, parent: H::Task, flags: u64, child: H::Task) {
    let mut pass = Pass::new();
    start_report(h, parent);
    if let Some(t) = ut(h).task_mut(parent) {
        t.cloning = Some(child);
    }
    let args = &mut Report::Clone {
        clone_flags: flags,
        child,
    };
    let event = Event::Clone.bit();
    report_callbacks(
        h,
        parent,
        &mut pass,
        event,
        Order::Forward,
        ActionArg::Plain,
        args,
    );
    if let Some(t) = ut(h).task_mut(parent) {
        t.cloning = None;
    }
    let vfork = flags & CLONE_VFORK != 0;
    finish_report(h, parent, &mut pass, !vfork);
    if vfork && pass.action == ResumeAction::Stop {
        if let Some(t) = ut(h).task_mut(parent) {
            t.vfork_stop = true;
        }
    }
}

/// `utrace_finish_vfork`: before a vfork parent waits for its child, stop if the clone report
/// answered STOP.
pub fn finish_vfork<H: UtraceHost + ?Sized>(h: &mut H, task: H::Task) -> Reported<()> {
    if ut(h).progress(task) == Progress::Vfork {
        return if finish_stop(h, task) {
            Reported::Done(())
        } else {
            Reported::Stopped
        };
    }
    let Some(t) = ut(h).task_mut(task) else {
        return Reported::Done(());
    };
    if !std::mem::take(&mut t.vfork_stop) {
        return Reported::Done(());
    }
    if utrace_stop(h, task, ResumeAction::Resume) {
        ut(h).set_progress(task, Progress::Vfork);
        return Reported::Stopped;
    }
    Reported::Done(())
}

/// `utrace_report_exit`: exit has begun and cannot be prevented, all state is still live.
/// Engines may rewrite `code` (the wait status). A STOP holds the task here, before teardown
/// (not under SIGKILL).
pub fn report_exit<H: UtraceHost + ?Sized>(
    h: &mut H,
    task: H::Task,
    code: &mut i64,
) -> Reported<()> {
    if ut(h).progress(task) == Progress::Exit {
        return if finish_stop(h, task) {
            Reported::Done(())
        } else {
            Reported::Stopped
        };
    }
    if !ut(h).wants(task, Event::Exit) {
        return Reported::Done(());
    }
    let orig_code = *code;
    let args = &mut Report::Exit { orig_code, code };
    let pass = simple_report(h, task, Event::Exit, args);
    if pass.action == ResumeAction::Stop && utrace_stop(h, task, pass.resume_action) {
        ut(h).set_progress(task, Progress::Exit);
        return Reported::Stopped;
    }
    Reported::Done(())
}

/// `utrace_report_death`: the task is dead (the kernel has made it a zombie). Each engine gets
/// its quiesce and death callbacks; then detached engines are unlinked, or, if the task was
/// reaped meanwhile, the reap reports follow (§1.6: REAP never before DEATH returns).
pub fn report_death<H: UtraceHost + ?Sized>(
    h: &mut H,
    task: H::Task,
    group_dead: bool,
    signal: i32,
) {
    if ut(h).flags(task) & DEATH_EVENTS == 0 {
        return;
    }
    let u = ut(h);
    u.stats.passes += 1;
    if let Some(t) = u.task_mut(task) {
        t.death = true;
        t.resume = ResumeAction::Resume;
        t.splice_attaching();
    }
    let mut pass = Pass::new();
    let args = &mut Report::Death { group_dead, signal };
    let event = Event::Death.bit();
    report_callbacks(
        h,
        task,
        &mut pass,
        event,
        Order::Forward,
        ActionArg::Plain,
        args,
    );
    maybe_reap(h, task, false);
}

/// `utrace_release_task`: the task is being released (reaped). Each engine that wants REAP
/// gets `report_reap` — the last callback — and is detached; its attached reference is
/// dropped. Delayed until the death report is over if it has not finished. The kernel calls
/// this for every released task; the task's engine state is freed.
pub fn report_reap<H: UtraceHost + ?Sized>(h: &mut H, task: H::Task) {
    if ut(h).flags(task) == 0 {
        ut(h).tasks.remove(&task);
        return;
    }
    maybe_reap(h, task, true);
}

/// `utrace_maybe_reap`: called by the reaper (`reap`) and at the end of the death report.
fn maybe_reap<H: UtraceHost + ?Sized>(h: &mut H, task: H::Task, reap: bool) {
    let Some(t) = ut(h).task_mut(task) else {
        return;
    };
    if reap {
        t.reap = true;
        if t.flags & DEATH_EVENTS != 0 {
            return;
        }
    } else {
        t.death = false;
        if !t.reap {
            utrace_reset(h, task);
            return;
        }
    }
    t.flags = 0;
    let mut engines = std::mem::take(&mut t.attached);
    engines.append(&mut t.attaching);
    ut(h).stats.passes += 1;
    for engine in engines {
        reap_engine(h, task, engine);
    }
    ut(h).tasks.remove(&task);
}

/// One engine's reap: its callback if it wants REAP and is live, then it is fully detached.
fn reap_engine<H: UtraceHost + ?Sized>(h: &mut H, task: H::Task, engine: EngineId) {
    let Some(e) = ut(h).engines.get(&engine) else {
        return;
    };
    let wants = e.flags & Event::Reap.bit() != 0;
    if let (true, EngineOps::Live(o)) = (wants, e.ops) {
        if let Some(c) = callee(h, task, engine, o) {
            call(h, c, ResumeAction::Resume.bits(), &mut Report::Reap);
        }
    }
    if let Some(e) = ut(h).engines.get_mut(&engine) {
        e.ops = EngineOps::Gone;
        e.flags = 0;
    }
    let _ = engine_put(h, engine);
}

/// `utrace_resume`: the notify-resume work, close to user mode. Consumes a pending REPORT (a
/// `report_quiesce` with event 0 to each engine that wants QUIESCE) or step request, and
/// stops if an engine wants the task stopped. Call again after [`Reported::Stopped`].
pub fn report_resume<H: UtraceHost + ?Sized>(h: &mut H, task: H::Task) -> Reported<()> {
    if ut(h).progress(task) == Progress::Resume {
        return if finish_stop(h, task) {
            Reported::Done(())
        } else {
            Reported::Stopped
        };
    }
    if ut(h).flags(task) == 0 {
        return Reported::Done(());
    }
    if let Some(t) = ut(h).task_mut(task) {
        t.signal_handler = false;
    }
    let mut pass = Pass::new();
    pass.action = start_report(h, task);
    match pass.action {
        ResumeAction::Resume => return Reported::Done(()),
        ResumeAction::Report => quiesce_pass(h, task, &mut pass),
        _ => pass.spurious = false,
    }
    if finish_resume_report(h, task, &mut pass) {
        ut(h).set_progress(task, Progress::Resume);
        return Reported::Stopped;
    }
    Reported::Done(())
}

/// A pass with no event: `report_quiesce(0)` to each engine that wants QUIESCE.
fn quiesce_pass<H: UtraceHost + ?Sized>(h: &mut H, task: H::Task, pass: &mut Pass) {
    if ut(h).flags(task) & Event::Quiesce.bit() == 0 {
        return;
    }
    pass.action = ResumeAction::Resume;
    for engine in ut(h).snapshot(task, Order::Forward) {
        start_callback(h, task, pass, engine, 0);
    }
}

/// `utrace_signal_handler`: a handler frame was just built. The next report is a
/// `report_signal` with [`SignalAction::Handler`]; when stepping, it comes before the handler's
/// first instruction.
pub fn signal_handler<H: UtraceHost + ?Sized>(h: &mut H, task: H::Task, stepping: bool) {
    if ut(h).flags(task) == 0 {
        return;
    }
    let Some(t) = ut(h).task_mut(task) else {
        return;
    };
    t.signal_handler = true;
    if t.resume <= ResumeAction::Interrupt {
        return;
    }
    if stepping {
        t.resume = ResumeAction::Interrupt;
        h.set_sigpending(task);
    } else if t.resume == ResumeAction::Resume {
        h.set_notify_resume(task);
    }
}

// ---------------------------------------------------------------------------------------------
// Signals (§1.3 report_signal, §1.4 signal dispositions)
// ---------------------------------------------------------------------------------------------

/// Linux `sig_kernel_ignore`: default action is to ignore (SIGCONT, SIGCHLD, SIGWINCH, SIGURG).
fn kernel_ignores(signo: u32) -> bool {
    (1..32).contains(&signo)
        && matches!(
            signal::default_action(signo),
            DefaultAction::Ignore | DefaultAction::Continue
        )
}

/// The event and initial disposition of signal `signo` with action `ka` (`utrace_get_signal`).
fn classify(signo: u32, ka: &SigAction) -> (Event, SignalAction) {
    if ka.handler == signal::SIG_IGN {
        return (Event::SignalIgn, SignalAction::Ign);
    }
    if ka.handler != signal::SIG_DFL {
        return (Event::Signal, SignalAction::Deliver);
    }
    if kernel_ignores(signo) {
        return (Event::SignalIgn, SignalAction::Ign);
    }
    let rt = signo >= 32;
    match signal::default_action(signo) {
        DefaultAction::Core if !rt => (Event::SignalCore, SignalAction::Core),
        DefaultAction::Stop if !rt && signo == sig::SIGSTOP => {
            (Event::SignalStop, SignalAction::Stop)
        }
        DefaultAction::Stop if !rt => (Event::SignalStop, SignalAction::Tstp),
        _ => (Event::SignalTerm, SignalAction::Term),
    }
}

/// A signal report's inputs: the event, the signal and its actions.
struct SignalPass {
    event: EventMask,
    info: SigInfo,
    orig_ka: Option<SigAction>,
    return_ka: SigAction,
}

/// `utrace_get_signal`, called by the signal code before it dequeues. Either an explicit report
/// comes first (a pending INTERRUPT/REPORT request, a new engine, or a handler just set up:
/// `report_signal` with REPORT or HANDLER, where engines may inject a signal), or, if engines
/// want signal events, the next signal is dequeued here and reported to them; their chained
/// disposition decides (see [`SignalDecision`]). SIGKILL is never intercepted. Call again after
/// [`Reported::Stopped`].
pub fn get_signal<H: UtraceHost + ?Sized>(h: &mut H, task: H::Task) -> Reported<SignalDecision> {
    if let Progress::Signal { hold } = ut(h).progress(task) {
        if !finish_stop(h, task) {
            return Reported::Stopped;
        }
        return Reported::Done(after_ignored(h, task, hold));
    }
    if ut(h).flags(task) == 0 {
        return Reported::Done(SignalDecision::Normal);
    }
    let mut pass = Pass::new();
    let explicit = ut(h)
        .task(task)
        .is_some_and(|t| t.resume < ResumeAction::Resume || t.pending_attach || t.signal_handler);
    let setup = if explicit {
        explicit_report(h, task, &mut pass)
    } else {
        intercept(h, task, &mut pass)
    };
    match setup {
        Ok(mut sp) => {
            signal_callbacks(h, task, &mut pass, &mut sp);
            signal_decide(h, task, &mut pass, sp)
        }
        Err(decision) => decision,
    }
}

/// The explicit report before dequeuing: consume the pending request. `Err` when no callback
/// pass follows.
fn explicit_report<H: UtraceHost + ?Sized>(
    h: &mut H,
    task: H::Task,
    pass: &mut Pass,
) -> Result<SignalPass, Reported<SignalDecision>> {
    let u = ut(h);
    let Some(t) = u.task_mut(task) else {
        return Err(Reported::Done(SignalDecision::Again));
    };
    t.splice_attaching();
    pass.result = if t.signal_handler {
        SignalAction::Handler.bits()
    } else {
        SignalAction::Report.bits()
    };
    t.signal_handler = false;
    let resume = std::mem::replace(&mut t.resume, ResumeAction::Resume);
    let quiesce_wanted = t.flags & Event::Quiesce.bit() != 0;
    if h.signal_pending(task) {
        h.recalc_sigpending(task);
    }
    if resume > ResumeAction::Report {
        pass.action = resume;
        pass.spurious = false;
        if finish_resume_report(h, task, pass) {
            ut(h).set_progress(task, Progress::Signal { hold: None });
            return Err(Reported::Stopped);
        }
        return Err(Reported::Done(SignalDecision::Again));
    }
    if !quiesce_wanted {
        return Err(Reported::Done(SignalDecision::Again));
    }
    Ok(SignalPass {
        event: 0,
        info: SigInfo::default(),
        orig_ka: None,
        return_ka: SigAction::default(),
    })
}

/// Dequeue the next signal for the engines that want its kind. `Err` when they need not see it.
fn intercept<H: UtraceHost + ?Sized>(
    h: &mut H,
    task: H::Task,
    pass: &mut Pass,
) -> Result<SignalPass, Reported<SignalDecision>> {
    let normal = Err(Reported::Done(SignalDecision::Normal));
    let flags = ut(h).flags(task);
    if flags & EVENT_SIGNAL_ALL == 0 || h.group_stop_pending(task) {
        return normal;
    }
    let Some((info, ka)) = h.dequeue_signal(task) else {
        return normal;
    };
    let deliver = SignalDecision::Deliver {
        signr: info.signo,
        info,
        ka,
    };
    if info.signo == sig::SIGKILL {
        return Err(Reported::Done(deliver));
    }
    let (event, disposition) = classify(info.signo, &ka);
    if flags & (event.bit() | Event::Quiesce.bit()) == 0 {
        return Err(Reported::Done(deliver));
    }
    pass.result = disposition.bits();
    Ok(SignalPass {
        event: event.bit(),
        info,
        orig_ka: Some(ka),
        return_ka: ka,
    })
}

/// The signal pass: engines in attach order that want this signal's event or QUIESCE get
/// `report_signal` (or `report_quiesce` without one); REPORT and INTERRUPT answers count as
/// RESUME, so an engine cannot make the report loop.
fn signal_callbacks<H: UtraceHost + ?Sized>(
    h: &mut H,
    task: H::Task,
    pass: &mut Pass,
    sp: &mut SignalPass,
) {
    let want_bits = sp.event | Event::Quiesce.bit();
    for engine in ut(h).snapshot(task, Order::Forward) {
        ut(h).set_reporting(task, Some(engine));
        let Some((want, ops)) = ut(h).engines.get(&engine).map(|e| (e.flags, e.ops)) else {
            ut(h).set_reporting(task, None);
            continue;
        };
        if want & want_bits == 0 {
            ut(h).set_reporting(task, None);
            continue;
        }
        let mut ret = signal_answer(h, task, engine, ops, pass, sp);
        if matches!(
            answer_action(ret),
            ResumeAction::Interrupt | ResumeAction::Report
        ) {
            ret = (ret & !RESUME_MASK) | ResumeAction::Resume.bits();
        }
        finish_callback(h, task, pass, engine, ret);
    }
}

fn signal_answer<H: UtraceHost + ?Sized>(
    h: &mut H,
    task: H::Task,
    engine: EngineId,
    ops: EngineOps<H::Ops>,
    pass: &Pass,
    sp: &mut SignalPass,
) -> u32 {
    let EngineOps::Live(o) = ops else {
        return pass.result | ResumeAction::Detach.bits();
    };
    if !h.has_report_signal(o) {
        return pass.result | quiesce(h, task, engine, ops, pass.action, sp.event);
    }
    let Some(c) = callee(h, task, engine, o) else {
        return pass.result | ResumeAction::Detach.bits();
    };
    let args = &mut Report::Signal {
        info: &mut sp.info,
        orig_ka: sp.orig_ka.as_ref(),
        return_ka: &mut sp.return_ka,
    };
    call(h, c, pass.result | pass.action.bits(), args)
}

/// Act on the chained disposition (the end of `utrace_get_signal`).
fn signal_decide<H: UtraceHost + ?Sized>(
    h: &mut H,
    task: H::Task,
    pass: &mut Pass,
    mut sp: SignalPass,
) -> Reported<SignalDecision> {
    let representative = match signal_action(pass.result) {
        Some(SignalAction::Term) => Some(sig::SIGTERM),
        Some(SignalAction::Core) => Some(sig::SIGQUIT),
        Some(SignalAction::Stop) => Some(sig::SIGSTOP),
        Some(SignalAction::Tstp) => Some(sig::SIGTSTP),
        _ => None,
    };
    if let Some(signr) = representative {
        return Reported::Done(default_action_of(h, task, pass, sp, signr));
    }
    let signr = sp.info.signo;
    if signal_action(pass.result) == Some(SignalAction::Deliver) {
        let handler = sp.return_ka.handler;
        if handler == signal::SIG_DFL && signr != 0 && !kernel_ignores(signr) {
            return Reported::Done(default_action_of(h, task, pass, sp, signr));
        }
        if handler != signal::SIG_DFL && handler != signal::SIG_IGN && signr != 0 {
            return Reported::Done(run_handler(h, task, pass, &mut sp, signr));
        }
    }
    ignored(h, task, pass, sp)
}

/// The signal takes `signr`'s default action (reported as `info.signo`).
fn default_action_of<H: UtraceHost + ?Sized>(
    h: &mut H,
    task: H::Task,
    pass: &mut Pass,
    mut sp: SignalPass,
    signr: u32,
) -> SignalDecision {
    finish_report(h, task, pass, true);
    sp.return_ka.handler = signal::SIG_DFL;
    if sp.info.signo & 0x80 != 0 {
        tracing::warn!(target: "kernel::utrace", signo = sp.info.signo, "bogus si_signo");
        sp.info.signo = sig::SIGTRAP;
    }
    if pass.result & SIGNAL_HOLD != 0 {
        push_back(h, task, &sp.info);
    }
    SignalDecision::Deliver {
        signr,
        info: sp.info,
        ka: sp.return_ka,
    }
}

/// `push_back_signal`: a signal number 0 (nothing was dequeued) is not queued.
fn push_back<H: UtraceHost + ?Sized>(h: &mut H, task: H::Task, info: &SigInfo) {
    if info.signo != 0 {
        h.push_back_signal(task, info);
    }
}

/// The handler runs: if an engine wanted to stop or step, make sure a report follows the
/// handler setup; `SA_ONESHOT` is reset here.
fn run_handler<H: UtraceHost + ?Sized>(
    h: &mut H,
    task: H::Task,
    pass: &mut Pass,
    sp: &mut SignalPass,
    signr: u32,
) -> SignalDecision {
    if pass.action != ResumeAction::Resume {
        pass.action = ResumeAction::Interrupt;
    }
    finish_report(h, task, pass, true);
    if pass.result & SIGNAL_HOLD != 0 {
        push_back(h, task, &sp.info);
    }
    if sp.return_ka.flags & SA_ONESHOT != 0 {
        sp.return_ka.flags &= !SA_ONESHOT;
        h.reset_handler(task, signr);
    }
    SignalDecision::Deliver {
        signr,
        info: sp.info,
        ka: sp.return_ka,
    }
}

/// `SA_ONESHOT` (= `SA_RESETHAND`, asm-generic 0x80000000).
const SA_ONESHOT: u64 = 0x8000_0000;

/// Nothing is delivered: the last pass before user mode may stop or step the task.
fn ignored<H: UtraceHost + ?Sized>(
    h: &mut H,
    task: H::Task,
    pass: &mut Pass,
    sp: SignalPass,
) -> Reported<SignalDecision> {
    let hold = (pass.result & SIGNAL_HOLD != 0).then_some(sp.info);
    if finish_resume_report(h, task, pass) {
        ut(h).set_progress(task, Progress::Signal { hold });
        return Reported::Stopped;
    }
    Reported::Done(after_ignored(h, task, hold))
}

/// After an ignored signal (and a possible stop): a SIGKILL that ended the stop is delivered
/// alone; a held signal goes back on the queue.
fn after_ignored<H: UtraceHost + ?Sized>(
    h: &mut H,
    task: H::Task,
    hold: Option<SigInfo>,
) -> SignalDecision {
    if h.fatal_signal_pending(task) {
        if let Some((info, ka)) = h.dequeue_sigkill(task) {
            return SignalDecision::Deliver {
                signr: sig::SIGKILL,
                info,
                ka,
            };
        }
    }
    if let Some(info) = hold {
        push_back(h, task, &info);
    }
    SignalDecision::Again
}
