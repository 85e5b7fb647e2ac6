//! The host-side RSE coherence harness (issue #7): a tracing engine that stops a task at chosen
//! events and, at each stop, compares the stacked registers a debugger reads from user memory
//! with their true values, applies edits through user memory, and lets the task go on; plus the
//! two other engine uses the coherence design must serve cheaply (rse-spec.md §8–§9): a
//! filtered engine that watches every syscall and does nothing, and a non-stopping inspector
//! that samples the first input register of every frame at each syscall entry.
//!
//! This module owns the harness API ([`run`], [`HarnessConfig`], [`HarnessReport`]), the engine
//! callbacks of [`EngineKind::Harness`], the hook the kernel calls when a task the harness
//! stopped is switched out (`on_stopped`) or joins a group stop (`on_group_stop`) or its
//! vfork completes (`vfork_done`), the edits a debugger makes at a stop (register values
//! through `/proc/<pid>/mem` or POKEDATA; NaT bits through the collection word or
//! `PT_AR_RNAT`) and the rendering of the tables. What a stop's table holds — the frame walk,
//! across signal frames too, the NaT bits, the memory view of the backing store — is the
//! [`stack`] submodule's.

use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::fmt::Write as _;
use std::time::Instant;

use ia64_cpu::exec::NoTrace;
use ia64_cpu::rse::addr::{rse_rnat_addr, rse_skip_regs, rse_slot_num};
use ia64_cpu::rse::{Cfm, FRAME_MARKER_MASK};
use ia64_machine::console::Console;
use ia64_machine::loader::ProcessSpec;

use crate::coherence::{CoherenceStats, SyncReason};
use crate::engines::EngineKind;
use crate::kernel::{Config, Kernel, KernelError, KernelStats, Outcome, INIT_PID};
use crate::ptrace::UReg;
use crate::rbs::UserRbs;
use crate::signal::{sig, SigInfo};
use crate::task::{RunState, Tid};
use crate::utrace::{
    self, encode, event_mask, signal_action, Callee, EngineId, Event, Report, ResumeAction,
    SignalAction, SyscallAction, CLONE_VFORK, EVENT_SIGNAL_ALL, SIGNAL_ACTION_MASK,
    SYSCALL_RESUMED,
};

pub mod stack;

pub use stack::{FrameInfo, MemoryView, RbsInfo, RegEntry, SignalContext};

/// A kind of debugger stop the harness can take.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum StopKind {
    /// Syscall entry (before the arguments are read).
    SyscallEntry,
    /// Syscall exit.
    SyscallExit,
    /// Signal delivery (the signal is delivered after the stop).
    Signal,
    /// The task joined a group stop.
    GroupStop,
    /// A clone that is neither a fork nor a vfork (in the parent).
    Clone,
    /// A fork: `clone` with exit signal SIGCHLD (in the parent).
    Fork,
    /// A vfork (in the parent, before it waits for the child).
    Vfork,
    /// The vfork child released the parent (exec or exit), before the syscall returns.
    VforkDone,
    /// An exec succeeded, before the new image runs.
    Exec,
    /// Exit began (the task is still whole).
    Exit,
    /// One instruction was stepped.
    SingleStep,
    /// The harness attached to a task already in a group stop.
    Attach,
    /// A stop the harness did not ask for by kind (should not happen).
    Other,
}

impl StopKind {
    /// Every kind the harness can ask for.
    pub const ALL: [StopKind; 12] = [
        StopKind::SyscallEntry,
        StopKind::SyscallExit,
        StopKind::Signal,
        StopKind::GroupStop,
        StopKind::Clone,
        StopKind::Fork,
        StopKind::Vfork,
        StopKind::VforkDone,
        StopKind::Exec,
        StopKind::Exit,
        StopKind::SingleStep,
        StopKind::Attach,
    ];

    /// A short name for tables.
    pub fn name(self) -> &'static str {
        match self {
            StopKind::SyscallEntry => "syscall-entry",
            StopKind::SyscallExit => "syscall-exit",
            StopKind::Signal => "signal",
            StopKind::GroupStop => "group-stop",
            StopKind::Clone => "clone",
            StopKind::Fork => "fork",
            StopKind::Vfork => "vfork",
            StopKind::VforkDone => "vfork-done",
            StopKind::Exec => "exec",
            StopKind::Exit => "exit",
            StopKind::SingleStep => "single-step",
            StopKind::Attach => "attach",
            StopKind::Other => "other",
        }
    }
}

/// How an edit reaches the tracee's memory.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EditPath {
    /// A write through `/proc/<pid>/mem` (plain user memory).
    ProcMem,
    /// `PTRACE_POKEDATA` (redirected to the kernel backing store under `none`, as Linux ≤ 2.6.24).
    PokeData,
}

/// Write `value` into stacked register `reg` of frame `frame` (0 = innermost) through user
/// memory at the harness's stop number `stop` (counted from 0 over every stop of the run).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Edit {
    /// The stop (index in [`HarnessReport::stops`]).
    pub stop: usize,
    /// The frame (0 = the interrupted one).
    pub frame: usize,
    /// The register (32..).
    pub reg: u8,
    /// The value written.
    pub value: u64,
    /// How it is written.
    pub via: EditPath,
}

/// How a NaT-bit edit reaches the tracee.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NatPath {
    /// Read, change and write the register's NaT-collection word (at `rnat_addr(addr)`)
    /// through `/proc/<pid>/mem`.
    ProcMem,
    /// The same through `PTRACE_PEEKDATA`/`PTRACE_POKEDATA`.
    PokeData,
    /// `PTRACE_PEEKUSR`/`PTRACE_POKEUSR` of `PT_AR_RNAT`: as this kernel's ptrace (and Linux's
    /// regset code) implements it, the user RNAT saved at the entry (`pt.ar_rnat`), whose bits
    /// are those of the partial group's slots below `PT_AR_BSPSTORE`.
    PtArRnat,
}

/// Set or clear the NaT bit of stacked register `reg` of frame `frame` at stop `stop` (after
/// the value edits of that stop).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NatEdit {
    /// The stop (index in [`HarnessReport::stops`]).
    pub stop: usize,
    /// The frame (0 = the interrupted one).
    pub frame: usize,
    /// The register (32..).
    pub reg: u8,
    /// The new NaT bit.
    pub nat: bool,
    /// How it is written.
    pub via: NatPath,
}

/// What the harness engine does.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum EngineMode {
    /// Stop at the chosen kinds, read the tables, apply edits.
    #[default]
    Stops,
    /// A filtered engine that watches every syscall (entry and exit) and does nothing.
    Filtered,
    /// A non-stopping inspector: at each syscall entry, a demand write-back, then the first
    /// input register of every frame read from user memory.
    Sampler,
}

/// What the harness does in a run.
#[derive(Clone, Debug)]
pub struct HarnessConfig {
    /// The engine.
    pub mode: EngineMode,
    /// The stops to take ([`EngineMode::Stops`]).
    pub stops: BTreeSet<StopKind>,
    /// Edits to make.
    pub edits: Vec<Edit>,
    /// NaT-bit edits to make.
    pub nat_edits: Vec<NatEdit>,
    /// At each stop, also read every word of `[PT_AR_BSPSTORE, PT_AR_BSP)` through
    /// `/proc/<pid>/mem` and PEEKDATA ([`MemoryView`]), and show it and the RNAT values a
    /// debugger has ([`RbsInfo`]) in the rendering.
    pub memory_view: bool,
    /// Attach to every new task from the clone report (otherwise only the first task, and
    /// tasks found in a group stop when [`StopKind::Attach`] is asked for).
    pub follow_children: bool,
    /// After the first stop, single-step this many instructions (each a [`StopKind::SingleStep`]
    /// stop).
    pub single_steps: u32,
    /// Read the register tables at each stop (a benchmark may only stop).
    pub read_tables: bool,
    /// The most frames walked.
    pub max_frames: usize,
}

impl Default for HarnessConfig {
    fn default() -> Self {
        Self {
            mode: EngineMode::Stops,
            stops: BTreeSet::new(),
            edits: Vec::new(),
            nat_edits: Vec::new(),
            memory_view: false,
            follow_children: true,
            single_steps: 0,
            read_tables: true,
            max_frames: 256,
        }
    }
}

impl HarnessConfig {
    /// Stop at `kinds`, read tables, follow children.
    pub fn stops(kinds: &[StopKind]) -> Self {
        Self {
            stops: kinds.iter().copied().collect(),
            ..Self::default()
        }
    }
}

/// An edit as it was made.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct EditDone {
    /// The edit.
    pub edit: Edit,
    /// The address written (`None`: no such register at that stop).
    pub addr: Option<u64>,
    /// The write succeeded.
    pub ok: bool,
}

/// A NaT-bit edit as it was made.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NatEditDone {
    /// The edit.
    pub edit: NatEdit,
    /// The register's address (`None`: no such register at that stop).
    pub addr: Option<u64>,
    /// The word written: its collection word, or `PT_AR_RNAT`, before and after.
    pub word: Option<(u64, u64)>,
    /// The write succeeded.
    pub ok: bool,
}

/// One stop.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StopRecord {
    /// Its index over the run.
    pub index: usize,
    /// Its kind.
    pub kind: StopKind,
    /// The stopped task.
    pub tid: Tid,
    /// Syscall number, signal number or child tid, as the kind has one.
    pub detail: Option<u64>,
    /// The frames walked.
    pub frames: Vec<FrameInfo>,
    /// The signal frames the walk went through, innermost first.
    pub contexts: Vec<SignalContext>,
    /// The user backing store as a debugger sees it (`None`: no such task).
    pub rbs: Option<RbsInfo>,
    /// The words of the backing store through both read paths ([`HarnessConfig::memory_view`]).
    pub memory: Option<MemoryView>,
    /// Every register of every frame (inputs and locals of callers; the whole innermost frame).
    pub regs: Vec<RegEntry>,
    /// Coherence counters since the previous stop (this stop's write-back included).
    pub coherence: CoherenceStats,
    /// Edits made at this stop.
    pub edits: Vec<EditDone>,
    /// NaT-bit edits made at this stop.
    pub nat_edits: Vec<NatEditDone>,
}

impl StopRecord {
    /// Registers whose user-memory value (or NaT bit) is stale.
    pub fn stale(&self) -> usize {
        self.regs.iter().filter(|r| r.stale()).count()
    }

    /// The entry of register `reg` of frame `frame`.
    pub fn reg(&self, frame: usize, reg: u8) -> Option<&RegEntry> {
        self.regs.iter().find(|r| r.frame == frame && r.reg == reg)
    }
}

/// One sample of the non-stopping inspector.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sample {
    /// The task.
    pub tid: Tid,
    /// The syscall number.
    pub nr: u64,
    /// in0 (r32) of every frame, innermost first, read from user memory.
    pub in0: Vec<Option<u64>>,
}

/// The harness's per-run state, kept in the kernel while it runs.
#[derive(Debug, Default)]
pub struct Harness {
    cfg: HarnessConfig,
    engines: BTreeMap<Tid, EngineId>,
    pending: BTreeMap<Tid, VecDeque<(StopKind, Option<u64>)>>,
    inject: BTreeMap<Tid, SigInfo>,
    resume: BTreeMap<Tid, ResumeAction>,
    vfork_parents: BTreeSet<Tid>,
    vfork_done: BTreeSet<Tid>,
    steps_left: u32,
    last: CoherenceStats,
    stops: Vec<StopRecord>,
    samples: Vec<Sample>,
}

impl Harness {
    fn new(cfg: HarnessConfig) -> Self {
        let mut cfg = cfg;
        if cfg.single_steps > 0 {
            cfg.stops.insert(StopKind::SingleStep);
        }
        Self {
            steps_left: cfg.single_steps,
            cfg,
            ..Self::default()
        }
    }

    fn wants(&self, kind: StopKind) -> bool {
        self.cfg.mode == EngineMode::Stops && self.cfg.stops.contains(&kind)
    }

    fn resume_of(&self, tid: Tid) -> ResumeAction {
        self.resume
            .get(&tid)
            .copied()
            .unwrap_or(ResumeAction::Resume)
    }
}

/// The result of a harness run.
#[derive(Clone, Debug)]
pub struct HarnessReport {
    /// How the run ended.
    pub outcome: Outcome,
    /// Guest standard output.
    pub stdout: Vec<u8>,
    /// Guest standard error.
    pub stderr: Vec<u8>,
    /// Every stop.
    pub stops: Vec<StopRecord>,
    /// The inspector's samples.
    pub samples: Vec<Sample>,
    /// Kernel counters (coherence included).
    pub stats: KernelStats,
    /// Guest instructions retired.
    pub instructions: u64,
    /// Host time of the run in nanoseconds (not deterministic).
    pub host_ns: u64,
}

impl HarnessReport {
    /// The coherence counters of the run.
    pub fn coherence(&self) -> CoherenceStats {
        self.stats.coherence
    }

    /// Every stop's table, as text ([`render_stop`]).
    pub fn render(&self) -> String {
        self.stops.iter().map(render_stop).collect()
    }
}

// ---------------------------------------------------------------------------------------------
// Running
// ---------------------------------------------------------------------------------------------

/// Load `elf` with `argv`, attach the harness engine to the first task and run to the end.
pub fn run(
    elf: &[u8],
    argv: &[&str],
    config: Config,
    h: HarnessConfig,
) -> Result<HarnessReport, KernelError> {
    let spec = ProcessSpec::new(argv.iter().map(|s| s.as_bytes()));
    let mut k = Kernel::new(elf, &spec, config, Console::capture())?;
    let mode = h.mode;
    k.harness = Some(Box::new(Harness::new(h)));
    attach_engine(&mut k, INIT_PID, mode);
    let start = Instant::now();
    let r = k.run(&mut NoTrace)?;
    let host_ns = start.elapsed().as_nanos() as u64;
    let hs = k.harness.take().map(|b| *b).unwrap_or_default();
    let (stdout, stderr) = k.console.take();
    Ok(HarnessReport {
        outcome: r.outcome,
        stdout,
        stderr,
        stops: hs.stops,
        samples: hs.samples,
        stats: k.stats,
        instructions: k.retired,
        host_ns,
    })
}

fn events_of(mode: EngineMode) -> u32 {
    match mode {
        EngineMode::Stops => {
            event_mask(&[
                Event::Quiesce,
                Event::Clone,
                Event::Exec,
                Event::Exit,
                Event::Death,
                Event::SyscallEntry,
                Event::SyscallExit,
            ]) | EVENT_SIGNAL_ALL
        }
        EngineMode::Filtered => {
            event_mask(&[Event::SyscallEntry, Event::SyscallExit, Event::Clone])
        }
        EngineMode::Sampler => event_mask(&[Event::SyscallEntry, Event::Clone]),
    }
}

fn mode_data(mode: EngineMode) -> u64 {
    match mode {
        EngineMode::Stops => 0,
        EngineMode::Filtered => 1,
        EngineMode::Sampler => 2,
    }
}

fn mode_of(data: u64) -> EngineMode {
    match data {
        1 => EngineMode::Filtered,
        2 => EngineMode::Sampler,
        _ => EngineMode::Stops,
    }
}

/// Attach the harness engine in `mode` to `tid`; returns whether it is attached.
fn attach_engine(k: &mut Kernel, tid: Tid, mode: EngineMode) -> bool {
    let kind = EngineKind::Harness;
    let Some(e) = k.attach_exclusive(tid, kind, mode_data(mode), events_of(mode)) else {
        return false;
    };
    if let Some(h) = k.harness.as_mut() {
        h.engines.insert(tid, e);
    }
    true
}

// ---------------------------------------------------------------------------------------------
// Callbacks
// ---------------------------------------------------------------------------------------------

/// One callback to the harness engine.
pub(crate) fn report(
    k: &mut Kernel,
    c: Callee<Tid, EngineKind, u64>,
    action: u32,
    r: &mut Report<'_, Tid>,
) -> u32 {
    if k.harness.is_none() {
        return ResumeAction::Detach.bits();
    }
    let mode = mode_of(c.data);
    match (mode, r) {
        (_, Report::Death { .. } | Report::Reap) => {
            if let Some(h) = k.harness.as_mut() {
                h.engines.remove(&c.task);
            }
            ResumeAction::Detach.bits()
        }
        (_, Report::Clone { child, .. }) if mode != EngineMode::Stops => {
            attach_engine(k, *child, mode);
            ResumeAction::Resume.bits()
        }
        (EngineMode::Filtered, _) => ResumeAction::Resume.bits(),
        (EngineMode::Sampler, Report::SyscallEntry) => {
            sample(k, c.task);
            ResumeAction::Resume.bits()
        }
        (EngineMode::Sampler, _) => ResumeAction::Resume.bits(),
        (EngineMode::Stops, r) => stops_report(k, c.task, action, r),
    }
}

/// Record that `tid` stops for `kind` and answer STOP. Stops asked for by several reports
/// before the task stops (an event report's STOP takes effect at a later report, e.g. a fork
/// or exec event followed by the syscall-exit report) are taken one after the other, in order.
fn stop_for(k: &mut Kernel, tid: Tid, kind: StopKind, detail: Option<u64>) -> u32 {
    if let Some(h) = k.harness.as_mut() {
        h.pending.entry(tid).or_default().push_back((kind, detail));
    }
    ResumeAction::Stop.bits()
}

/// A stop was answered for `tid` and has not happened yet.
fn owed(k: &Kernel, tid: Tid) -> bool {
    k.harness
        .as_ref()
        .is_some_and(|h| h.pending.get(&tid).is_some_and(|q| !q.is_empty()))
}

fn wants(k: &Kernel, kind: StopKind) -> bool {
    k.harness.as_ref().is_some_and(|h| h.wants(kind))
}

fn resume_of(k: &Kernel, tid: Tid) -> ResumeAction {
    k.harness
        .as_ref()
        .map_or(ResumeAction::Resume, |h| h.resume_of(tid))
}

/// The callbacks of the stopping engine.
fn stops_report(k: &mut Kernel, tid: Tid, action: u32, r: &mut Report<'_, Tid>) -> u32 {
    let resume = resume_of(k, tid);
    match r {
        Report::Quiesce { .. } => {
            if k.harness
                .as_mut()
                .is_some_and(|h| h.vfork_done.remove(&tid))
            {
                return stop_for(k, tid, StopKind::VforkDone, None);
            }
            // A stop answered at an event report takes effect here (report_resume).
            if owed(k, tid) {
                return ResumeAction::Stop.bits();
            }
            resume.bits()
        }
        Report::SyscallEntry => {
            if action & SYSCALL_RESUMED != 0 || !wants(k, StopKind::SyscallEntry) {
                return encode(SyscallAction::Run.bits(), resume);
            }
            let nr = k.task_state(tid).map(|s| s.gr[15]);
            stop_for(k, tid, StopKind::SyscallEntry, nr);
            encode(SyscallAction::Run.bits(), ResumeAction::Stop)
        }
        Report::SyscallExit => {
            // A tracer attaches from a syscall (PTRACE_ATTACH): to tasks found group-stopped.
            attach_stopped(k);
            if wants(k, StopKind::SyscallExit) {
                let nr = k.task_state(tid).map(|s| s.gr[15]);
                return stop_for(k, tid, StopKind::SyscallExit, nr);
            }
            resume.bits()
        }
        Report::Clone { clone_flags, child } => on_clone(k, tid, *clone_flags, *child),
        Report::Exec if wants(k, StopKind::Exec) => stop_for(k, tid, StopKind::Exec, None),
        Report::Exit { code, .. } if wants(k, StopKind::Exit) => {
            let status = **code as u64;
            stop_for(k, tid, StopKind::Exit, Some(status))
        }
        Report::Signal {
            info, return_ka, ..
        } => {
            let disposition = action & SIGNAL_ACTION_MASK;
            match signal_action(action) {
                Some(SignalAction::Report | SignalAction::Handler) => {
                    let inj = k.harness.as_mut().and_then(|h| h.inject.remove(&tid));
                    if let Some(inj) = inj {
                        **info = inj;
                        let tgid = k.tasks.get(&tid).map_or(0, |t| t.tgid);
                        **return_ka = k.action(tgid, inj.signo);
                        return encode(SignalAction::Deliver.bits(), resume);
                    }
                    if k.harness
                        .as_mut()
                        .is_some_and(|h| h.vfork_done.remove(&tid))
                    {
                        stop_for(k, tid, StopKind::VforkDone, None);
                    }
                    if owed(k, tid) {
                        return encode(disposition, ResumeAction::Stop);
                    }
                    encode(disposition, resume)
                }
                _ => on_signal(k, tid, disposition, info),
            }
        }
        _ => resume.bits(),
    }
}

/// A real signal: a signal-delivery stop (the signal is delivered by the report that follows
/// the stop), or a single-step stop for the SIGTRAP of a step (which is swallowed).
fn on_signal(k: &mut Kernel, tid: Tid, disposition: u32, info: &SigInfo) -> u32 {
    let stepping = k.tasks.get(&tid).is_some_and(|t| t.stepping);
    let step_trap =
        stepping && info.signo == sig::SIGTRAP && info.code == crate::signal::code::TRAP_TRACE;
    let kind = if step_trap {
        StopKind::SingleStep
    } else {
        StopKind::Signal
    };
    let resume = resume_of(k, tid);
    let engine = k
        .harness
        .as_ref()
        .and_then(|h| h.engines.get(&tid).copied());
    let (true, Some(engine)) = (wants(k, kind), engine) else {
        return encode(disposition, resume);
    };
    if kind == StopKind::Signal {
        if let Some(h) = k.harness.as_mut() {
            h.inject.insert(tid, *info);
        }
    }
    stop_for(k, tid, kind, Some(u64::from(info.signo)));
    // The report after the stop delivers the signal (or drops the step's SIGTRAP).
    let _ = utrace::control(k, tid, engine, ResumeAction::Interrupt);
    encode(SignalAction::Ign.bits(), ResumeAction::Stop)
}

/// The clone report in the parent: follow the child, stop for the event.
fn on_clone(k: &mut Kernel, parent: Tid, flags: u64, child: Tid) -> u32 {
    let follow = k.harness.as_ref().is_some_and(|h| h.cfg.follow_children);
    if follow {
        attach_engine(k, child, EngineMode::Stops);
    }
    let kind = if flags & CLONE_VFORK != 0 {
        StopKind::Vfork
    } else if (flags & 0xff) as u32 == sig::SIGCHLD {
        StopKind::Fork
    } else {
        StopKind::Clone
    };
    if kind == StopKind::Vfork && wants(k, StopKind::VforkDone) {
        if let Some(h) = k.harness.as_mut() {
            h.vfork_parents.insert(parent);
        }
    }
    if wants(k, kind) {
        return stop_for(k, parent, kind, Some(child));
    }
    resume_of(k, parent).bits()
}

/// The vfork of `tid` completed (the child exec'd or exited): a VFORK_DONE stop is owed if the
/// harness asked for it (taken through a report before the syscall returns).
pub(crate) fn vfork_done(k: &mut Kernel, tid: Tid) {
    let Some(h) = k.harness.as_mut() else {
        return;
    };
    if !h.vfork_parents.remove(&tid) {
        return;
    }
    let Some(&engine) = h.engines.get(&tid) else {
        return;
    };
    h.vfork_done.insert(tid);
    let _ = utrace::control(k, tid, engine, ResumeAction::Report);
}

// ---------------------------------------------------------------------------------------------
// Stops
// ---------------------------------------------------------------------------------------------

/// `tid` entered a tracing stop (after the write-back of the policy): if the harness stopped
/// it, read the table, make the edits and let it go.
pub(crate) fn on_stopped(k: &mut Kernel, tid: Tid) -> Result<(), KernelError> {
    let Some(h) = k.harness.as_mut() else {
        return Ok(());
    };
    let Some(&engine) = h.engines.get(&tid) else {
        return Ok(());
    };
    let queue = h.pending.entry(tid).or_default();
    let (kind, detail) = queue.pop_front().unwrap_or((StopKind::Other, None));
    let action = if !queue.is_empty() {
        // Another stop is owed: resume into the next report, which stops again.
        ResumeAction::Report
    } else if h.steps_left > 0 {
        h.steps_left -= 1;
        ResumeAction::SingleStep
    } else {
        ResumeAction::Resume
    };
    if action != ResumeAction::Report {
        h.resume.insert(tid, action);
    }
    examine(k, tid, kind, detail);
    let _ = utrace::control(k, tid, engine, action);
    Ok(())
}

/// `tid` joined a group stop (switched out): if the harness traces it and asked for group
/// stops, it is a debugger stop — the policy's write-back, the table, the edits; the task
/// stays in the group stop.
pub(crate) fn on_group_stop(k: &mut Kernel, tid: Tid) -> Result<(), KernelError> {
    let traced = k
        .harness
        .as_ref()
        .is_some_and(|h| h.engines.contains_key(&tid) && h.wants(StopKind::GroupStop));
    if !traced {
        return Ok(());
    }
    k.rse_on_stop(tid)?;
    let s = k
        .tasks
        .get(&tid)
        .and_then(|t| k.groups.get(&t.tgid))
        .and_then(|g| g.stopped);
    examine(k, tid, StopKind::GroupStop, s.map(u64::from));
    Ok(())
}

/// `PTRACE_ATTACH` to every task in a group stop the harness does not trace yet: the demand
/// write-back Linux made at attach (`ptrace_attach_sync_user_rbs`, rse-spec.md §8.5 point 4),
/// then the table.
fn attach_stopped(k: &mut Kernel) {
    let found: Vec<Tid> = match k.harness.as_ref() {
        Some(h) if h.wants(StopKind::Attach) => k
            .tasks
            .values()
            .filter(|t| t.state == RunState::Stopped && !h.engines.contains_key(&t.tid))
            .map(|t| t.tid)
            .collect(),
        _ => return,
    };
    for tid in found {
        if !attach_engine(k, tid, EngineMode::Stops) {
            continue;
        }
        let _ = k.rse_writeback_for(tid, SyncReason::Demand);
        examine(k, tid, StopKind::Attach, None);
    }
}

/// Read the table of stopped `tid`, record the stop, make its edits.
fn examine(k: &mut Kernel, tid: Tid, kind: StopKind, detail: Option<u64>) {
    let Some(h) = k.harness.as_ref() else {
        return;
    };
    let (read, max, view) = (h.cfg.read_tables, h.cfg.max_frames, h.cfg.memory_view);
    let index = h.stops.len();
    let edits = at_stop(&h.cfg.edits, |e| e.stop == index);
    let nat_edits = at_stop(&h.cfg.nat_edits, |e| e.stop == index);
    let (frames, contexts) = stack::walk(k, tid, max);
    let rbs = stack::rbs_info(k, tid);
    let regs = match (read, &rbs) {
        (true, Some(r)) => stack::read_table(k, tid, &frames, &contexts, r),
        _ => Vec::new(),
    };
    let memory = match (view, &rbs) {
        (true, Some(r)) => Some(stack::memory_view(k, tid, r)),
        _ => None,
    };
    let done = edits
        .iter()
        .map(|e| apply_edit(k, tid, &frames, &contexts, *e))
        .collect();
    let nat_done = nat_edits
        .iter()
        .map(|e| apply_nat_edit(k, tid, &frames, &contexts, *e))
        .collect();
    let now = k.stats.coherence;
    let Some(h) = k.harness.as_mut() else {
        return;
    };
    let coherence = delta(now, h.last);
    h.last = now;
    h.stops.push(StopRecord {
        index,
        kind,
        tid,
        detail,
        frames,
        contexts,
        rbs,
        memory,
        regs,
        coherence,
        edits: done,
        nat_edits: nat_done,
    });
}

/// The edits of `list` that `at` selects (those of one stop).
fn at_stop<E: Copy>(list: &[E], at: impl Fn(&E) -> bool) -> Vec<E> {
    list.iter().filter(|e| at(e)).copied().collect()
}

fn delta(a: CoherenceStats, b: CoherenceStats) -> CoherenceStats {
    CoherenceStats {
        stops: a.stops.wrapping_sub(b.stops),
        writebacks: a.writebacks.wrapping_sub(b.writebacks),
        reloads: a.reloads.wrapping_sub(b.reloads),
        bytes_written: a.bytes_written.wrapping_sub(b.bytes_written),
        bytes_reloaded: a.bytes_reloaded.wrapping_sub(b.bytes_reloaded),
        avoided: a.avoided.wrapping_sub(b.avoided),
    }
}

/// Write an edit through user memory (or POKEDATA).
fn apply_edit(
    k: &mut Kernel,
    tid: Tid,
    frames: &[FrameInfo],
    contexts: &[SignalContext],
    e: Edit,
) -> EditDone {
    let addr = stack::reg_addr(frames, contexts, e.frame, e.reg);
    let ok = addr.is_some_and(|a| match e.via {
        EditPath::ProcMem => stack::write_mem(k, tid, a, e.value),
        EditPath::PokeData => stack::pokedata(k, tid, a, e.value),
    });
    EditDone { edit: e, addr, ok }
}

/// Set or clear a NaT bit: read the word that holds it, change the bit, write it back, each
/// through the edit's path.
fn apply_nat_edit(
    k: &mut Kernel,
    tid: Tid,
    frames: &[FrameInfo],
    contexts: &[SignalContext],
    e: NatEdit,
) -> NatEditDone {
    let addr = stack::reg_addr(frames, contexts, e.frame, e.reg);
    let mut done = NatEditDone {
        edit: e,
        addr,
        word: None,
        ok: false,
    };
    let Some(a) = addr else {
        return done;
    };
    let with_bit = |w: u64| {
        let bit = 1u64 << rse_slot_num(a);
        if e.nat {
            w | bit
        } else {
            w & !bit
        }
    };
    let collection = rse_rnat_addr(a);
    let (old, ok) = match e.via {
        NatPath::ProcMem => match stack::mem_word(k, tid, collection) {
            Some(w) => (Some(w), stack::write_mem(k, tid, collection, with_bit(w))),
            None => (None, false),
        },
        NatPath::PokeData => match stack::peekdata_word(k, tid, collection) {
            Some(w) => (Some(w), stack::pokedata(k, tid, collection, with_bit(w))),
            None => (None, false),
        },
        // PTRACE_PEEKUSR, then PTRACE_POKEUSR, of PT_AR_RNAT.
        NatPath::PtArRnat => match k.read_ureg(tid, UReg::Rnat) {
            Some(w) => (Some(w), k.write_ureg(tid, UReg::Rnat, with_bit(w))),
            None => (None, false),
        },
    };
    done.word = old.map(|w| (w, with_bit(w)));
    done.ok = ok;
    done
}

// ---------------------------------------------------------------------------------------------
// The non-stopping inspector
// ---------------------------------------------------------------------------------------------

/// At a syscall entry of `tid` (current, inside the kernel): ask for the write-back, then read
/// in0 of every frame from user memory, following the saved `ar.pfs` chain as read there.
fn sample(k: &mut Kernel, tid: Tid) {
    let _ = k.rse_writeback_for(tid, SyncReason::Demand);
    let max = k.harness.as_ref().map_or(0, |h| h.cfg.max_frames);
    let nr = k.task_state(tid).map_or(0, |s| s.gr[15]);
    let Some(t) = k.tasks.get(&tid) else {
        return;
    };
    // Only pt_regs is needed: the end of the user backing store and the CFM.
    let r = UserRbs::new(&t.pt, &t.sw);
    let mut cfm = r.cfm;
    let mut bof = rse_skip_regs(r.urbs_end, -i64::from(Cfm::decode(cfm).sof));
    let mut in0 = Vec::new();
    for _ in 0..max {
        let c = Cfm::decode(cfm);
        if !stack::valid_frame(c) || c.sol == 0 {
            break;
        }
        in0.push(stack::mem_word(k, tid, bof));
        let Some(pfs) = stack::mem_word(k, tid, rse_skip_regs(bof, i64::from(c.sol) - 1)) else {
            break;
        };
        let caller = Cfm::decode(pfs & FRAME_MARKER_MASK);
        if !stack::valid_frame(caller) {
            break;
        }
        bof = rse_skip_regs(bof, -i64::from(caller.sol));
        cfm = pfs & FRAME_MARKER_MASK;
    }
    if let Some(h) = k.harness.as_mut() {
        h.samples.push(Sample { tid, nr, in0 });
    }
}

// ---------------------------------------------------------------------------------------------
// Rendering
// ---------------------------------------------------------------------------------------------

fn word(v: Option<u64>) -> String {
    v.map_or_else(|| "?".to_string(), |v| format!("{v:#x}"))
}

/// A NaT bit as text (`?`: its word is unreadable).
fn nat_word(n: Option<bool>) -> &'static str {
    match n {
        Some(true) => "NaT",
        Some(false) => "-",
        None => "?",
    }
}

/// One register: `rN=value`, `rN=mem!true` where user memory is stale, then its NaT bit in
/// brackets when either view has it set or the views differ (`[NaT]`, `[mem!true]`).
fn render_reg(out: &mut String, r: &RegEntry) {
    if r.mem != r.truth {
        let _ = write!(out, " r{}={}!{}", r.reg, word(r.mem), word(r.truth));
    } else {
        let _ = write!(out, " r{}={}", r.reg, word(r.truth));
    }
    if r.nat_stale() {
        let _ = write!(out, "[{}!{}]", nat_word(r.nat_mem), nat_word(r.nat_truth));
    } else if r.any_nat() {
        out.push_str("[NaT]");
    }
}

/// The line that says where the walk went through signal frame `s`.
fn render_context(out: &mut String, s: &SignalContext) {
    let _ = write!(
        out,
        "  -- signal {} frame, sigcontext @{:#x}: interrupted frame cfm {:#x} ends at {:#x}",
        s.signo, s.sc, s.cfm, s.bsp_end
    );
    match s.bspstore0 {
        Some(b0) => {
            let _ = writeln!(
                out,
                "; {} registers from {:#x} re-homed at {:#x} (sc_loadrs {:#x}), sc_ar_rnat {:#x}",
                s.rehomed(),
                b0,
                s.rbs_base,
                s.loadrs,
                s.ar_rnat
            );
        }
        None => out.push_str("; same backing store\n"),
    }
}

/// The backing store and memory-view line ([`HarnessConfig::memory_view`]).
fn render_rbs(out: &mut String, r: &RbsInfo, m: &MemoryView) {
    let rnat = if Some(r.rnat_end) == r.rnat_true {
        format!("{:#x}", r.rnat_end)
    } else {
        format!("{:#x}!{}", r.rnat_end, word(r.rnat_true))
    };
    let _ = write!(
        out,
        "  rbs [{:#x}, {:#x}): PT_AR_RNAT {:#x}, $rnat {}; {} words, /proc/pid/mem vs PEEKDATA: {} differ",
        r.bspstore, r.bsp_end, r.pt_ar_rnat, rnat, m.words, m.differ
    );
    if let Some(a) = m.first_differ {
        let _ = write!(out, " (first {a:#x})");
    }
    let _ = writeln!(
        out,
        ", {} stale ({} through PEEKDATA)",
        m.stale, m.peekdata_stale
    );
}

/// A stop as text: a header (kind, task, detail, stale count, counter deltas, edits), then
/// one line per frame with every register as `rN=value`, or `rN=mem!true` where user memory
/// is stale, NaT bits in brackets; a line for each signal frame the walk went through, and
/// with [`HarnessConfig::memory_view`] a line for the backing store.
pub fn render_stop(s: &StopRecord) -> String {
    let mut out = String::new();
    let detail = s.detail.map_or(String::new(), |d| format!(" ({d})"));
    let c = &s.coherence;
    let _ = writeln!(
        out,
        "#{} {}{} tid {}: {} frames, {} regs, {} stale; wb +{} ({} B) reload +{} ({} B) avoided +{}",
        s.index,
        s.kind.name(),
        detail,
        s.tid,
        s.frames.len(),
        s.regs.len(),
        s.stale(),
        c.writebacks,
        c.bytes_written,
        c.reloads,
        c.bytes_reloaded,
        c.avoided
    );
    if let (Some(r), Some(m)) = (&s.rbs, &s.memory) {
        render_rbs(&mut out, r, m);
    }
    for e in &s.edits {
        let _ = writeln!(
            out,
            "  edit frame {} r{} = {:#x} via {:?} at {}: {}",
            e.edit.frame,
            e.edit.reg,
            e.edit.value,
            e.edit.via,
            word(e.addr),
            if e.ok { "ok" } else { "failed" }
        );
    }
    for e in &s.nat_edits {
        let word_change = e
            .word
            .map_or("?".to_string(), |(a, b)| format!("{a:#x} -> {b:#x}"));
        let _ = writeln!(
            out,
            "  nat edit frame {} r{} = {} via {:?} at {}: {}: {}",
            e.edit.frame,
            e.edit.reg,
            nat_word(Some(e.edit.nat)),
            e.edit.via,
            word(e.addr),
            word_change,
            if e.ok { "ok" } else { "failed" }
        );
    }
    for (i, f) in s.frames.iter().enumerate() {
        if let Some(ctx) = f.context.checked_sub(1).and_then(|n| s.contexts.get(n)) {
            if i == 0 || s.frames[i - 1].context != f.context {
                render_context(&mut out, ctx);
            }
        }
        let (sof, sol) = f.sizes();
        let bof = stack::reg_addr(&s.frames, &s.contexts, i, 32).unwrap_or(f.bof);
        let _ = write!(out, "  f{i} sof {sof} sol {sol} @{bof:#x}:");
        for r in s.regs.iter().filter(|r| r.frame == i) {
            render_reg(&mut out, r);
        }
        out.push('\n');
    }
    out
}
