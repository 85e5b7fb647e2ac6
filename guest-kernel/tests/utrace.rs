//! The utrace engine layer (kernel-facilities.md §1) over a mock kernel: the action encoding
//! and how answers combine, attach flags and their errors, reference counts and release, the
//! callback order (reversed at syscall entry), attach during a callback, detach races, the
//! stop/resume/report guarantees, resumable stops, the clone-attach priority rule, signals,
//! death and reap, and the engine-level checks of the utrace tests listed in §1 "Tests worth
//! porting" (and two ptrace-tests checks that live at this layer).

use std::collections::{BTreeMap, BTreeSet, VecDeque};

use ia64_guest_kernel::signal::{sig, SigAction, SigInfo, SIG_DFL, SIG_IGN};
use ia64_guest_kernel::utrace::*;
use proptest::prelude::*;

type Tid = u64;
type Name = &'static str;

const TRACER: Tid = 1;
const TRACEE: Tid = 10;
const CHILD: Tid = 11;
const KTHREAD: Tid = 2;

/// Callback vectors of the mock engines.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Ops {
    /// Has every callback.
    Tracer,
    /// Another vector (for MATCH_OPS).
    Counter,
    /// Has no `report_signal` (signal reports fall back to `report_quiesce`).
    NoSignal,
}

/// Which callback was made (quiesce with its event bits).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Kind {
    Quiesce(u32),
    Signal,
    Clone,
    Jctl,
    Exec,
    Entry,
    ExitSys,
    Exit,
    Death,
    Reap,
}

fn kind_of(r: &Report<'_, Tid>) -> Kind {
    match r {
        Report::Quiesce { event } => Kind::Quiesce(*event),
        Report::Signal { .. } => Kind::Signal,
        Report::Clone { .. } => Kind::Clone,
        Report::Jctl { .. } => Kind::Jctl,
        Report::Exec => Kind::Exec,
        Report::SyscallEntry => Kind::Entry,
        Report::SyscallExit => Kind::ExitSys,
        Report::Exit { .. } => Kind::Exit,
        Report::Death { .. } => Kind::Death,
        Report::Reap => Kind::Reap,
    }
}

/// Event bits written out (independent of the code under test).
const Q: u32 = 1 << 0;
const REAP: u32 = 1 << 1;
const CLONE: u32 = 1 << 2;
const EXEC: u32 = 1 << 3;
const EXIT: u32 = 1 << 4;
const DEATH: u32 = 1 << 5;
const ENTRY: u32 = 1 << 6;
const EXITSYS: u32 = 1 << 7;
const SIGNAL_ALL: u32 = 0x1f << 8;
const JCTL: u32 = 1 << 13;

/// Resume actions and dispositions written out.
const STOP: u32 = 0;
const INTERRUPT: u32 = 1;
const REPORT: u32 = 2;
const SINGLESTEP: u32 = 3;
const RESUME: u32 = 5;
const DETACH: u32 = 6;
const SIG_DELIVER: u32 = 0x00;
const SIG_IGNORE: u32 = 0x10;
const SIG_TERM: u32 = 0x20;
const SIG_REPORT: u32 = 0x60;
const SIG_HANDLER: u32 = 0x70;
const HOLD: u32 = 0x100;
const ABORT: u32 = 0x10;
const RESUMED: u32 = 0x100;

/// One callback as the engine saw it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Call {
    task: Tid,
    name: Name,
    kind: Kind,
    action: u32,
}

/// A kernel effect the layer asked for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Effect {
    NotifyResume(Tid),
    SigPending(Tid),
    SignalWakeUp(Tid),
    Recalc(Tid),
    SyscallTrace(Tid, bool),
    Wake(Tid),
    Step(Tid, UserStep),
    PushBack(Tid, u32),
    ResetHandler(Tid, u32),
}

type Hook = Box<dyn FnOnce(&mut Mock, Callee<Tid, Ops, Name>, &mut Report<'_, Tid>) -> u32>;

struct MockTask {
    facts: TaskFacts,
    fatal: bool,
    sigpending: bool,
    group_stop: bool,
    queue: VecDeque<SigInfo>,
    actions: BTreeMap<u32, SigAction>,
}

impl MockTask {
    fn live() -> Self {
        Self {
            facts: TaskFacts {
                kernel_thread: false,
                job_stopped: false,
                exit: ExitState::Live,
            },
            fatal: false,
            sigpending: false,
            group_stop: false,
            queue: VecDeque::new(),
            actions: BTreeMap::new(),
        }
    }
}

/// The mock kernel: tasks, a log of callbacks and effects, scripted answers and one-shot hooks
/// that run inside a callback (and may call back into the layer).
struct Mock {
    ut: Utrace<Tid, Ops, Name>,
    tasks: BTreeMap<Tid, MockTask>,
    current: Option<Tid>,
    calls: Vec<Call>,
    effects: Vec<Effect>,
    released: Vec<(Ops, Name)>,
    answers: BTreeMap<(Name, Kind), VecDeque<u32>>,
    defaults: BTreeMap<Name, u32>,
    hooks: Vec<(Name, Kind, Hook)>,
}

impl Mock {
    fn new() -> Self {
        let mut tasks = BTreeMap::new();
        for t in [TRACER, TRACEE, CHILD] {
            tasks.insert(t, MockTask::live());
        }
        let mut k = MockTask::live();
        k.facts.kernel_thread = true;
        tasks.insert(KTHREAD, k);
        Self {
            ut: Utrace::new(),
            tasks,
            current: Some(TRACEE),
            calls: Vec::new(),
            effects: Vec::new(),
            released: Vec::new(),
            answers: BTreeMap::new(),
            defaults: BTreeMap::new(),
            hooks: Vec::new(),
        }
    }

    fn t(&mut self, tid: Tid) -> &mut MockTask {
        self.tasks.entry(tid).or_insert_with(MockTask::live)
    }

    /// Script `name`'s next answer to `kind`.
    fn answer(&mut self, name: Name, kind: Kind, ret: u32) {
        self.answers.entry((name, kind)).or_default().push_back(ret);
    }

    /// `name` answers `ret` to every callback without a scripted answer.
    fn always(&mut self, name: Name, ret: u32) {
        self.defaults.insert(name, ret);
    }

    /// Run `f` inside `name`'s next `kind` callback; it returns the answer.
    fn on(
        &mut self,
        name: Name,
        kind: Kind,
        f: impl FnOnce(&mut Mock, Callee<Tid, Ops, Name>, &mut Report<'_, Tid>) -> u32 + 'static,
    ) {
        self.hooks.push((name, kind, Box::new(f)));
    }

    /// The callbacks made so far, as (engine, callback).
    fn seq(&self) -> Vec<(Name, Kind)> {
        self.calls.iter().map(|c| (c.name, c.kind)).collect()
    }

    fn take_seq(&mut self) -> Vec<(Name, Kind)> {
        let s = self.seq();
        self.calls.clear();
        s
    }

    fn take_effects(&mut self) -> Vec<Effect> {
        std::mem::take(&mut self.effects)
    }

    fn last_action(&self, name: Name, kind: Kind) -> Option<u32> {
        self.calls
            .iter()
            .rev()
            .find(|c| c.name == name && c.kind == kind)
            .map(|c| c.action)
    }

    fn queue(&mut self, tid: Tid, signo: u32, handler: u64, flags: u64) {
        let t = self.t(tid);
        t.queue.push_back(SigInfo {
            signo,
            code: -6,
            pid: TRACER,
            ..SigInfo::default()
        });
        t.actions.insert(
            signo,
            SigAction {
                handler,
                flags,
                mask: 0,
            },
        );
        t.sigpending = true;
    }

    fn zombie(&mut self, tid: Tid) {
        self.t(tid).facts.exit = ExitState::Zombie;
    }

    fn kill(&mut self, tid: Tid) {
        self.t(tid).fatal = true;
        self.queue(tid, sig::SIGKILL, SIG_DFL, 0);
    }
}

impl UtraceHost for Mock {
    type Task = Tid;
    type Ops = Ops;
    type Data = Name;

    fn utrace(&mut self) -> &mut Utrace<Tid, Ops, Name> {
        &mut self.ut
    }

    fn current(&self) -> Option<Tid> {
        self.current
    }

    fn task_facts(&self, task: Tid) -> Option<TaskFacts> {
        self.tasks.get(&task).map(|t| t.facts)
    }

    fn fatal_signal_pending(&self, task: Tid) -> bool {
        self.tasks.get(&task).is_some_and(|t| t.fatal)
    }

    fn signal_pending(&self, task: Tid) -> bool {
        self.tasks.get(&task).is_some_and(|t| t.sigpending)
    }

    fn group_stop_pending(&self, task: Tid) -> bool {
        self.tasks.get(&task).is_some_and(|t| t.group_stop)
    }

    fn set_notify_resume(&mut self, task: Tid) {
        self.effects.push(Effect::NotifyResume(task));
    }

    fn set_sigpending(&mut self, task: Tid) {
        self.t(task).sigpending = true;
        self.effects.push(Effect::SigPending(task));
    }

    fn signal_wake_up(&mut self, task: Tid) {
        self.t(task).sigpending = true;
        self.effects.push(Effect::SignalWakeUp(task));
    }

    fn recalc_sigpending(&mut self, task: Tid) {
        let interrupt = self.ut.interrupt_pending(task);
        let t = self.t(task);
        t.sigpending = !t.queue.is_empty() || interrupt;
        self.effects.push(Effect::Recalc(task));
    }

    fn set_syscall_trace(&mut self, task: Tid, on: bool) {
        self.effects.push(Effect::SyscallTrace(task, on));
    }

    fn wake_up_quiescent(&mut self, task: Tid) {
        self.effects.push(Effect::Wake(task));
    }

    fn set_user_step(&mut self, task: Tid, step: UserStep) {
        self.effects.push(Effect::Step(task, step));
    }

    fn dequeue_signal(&mut self, task: Tid) -> Option<(SigInfo, SigAction)> {
        let t = self.t(task);
        let info = t.queue.pop_front()?;
        let ka = t.actions.get(&info.signo).copied().unwrap_or_default();
        Some((info, ka))
    }

    fn dequeue_sigkill(&mut self, task: Tid) -> Option<(SigInfo, SigAction)> {
        let t = self.t(task);
        let i = t.queue.iter().position(|s| s.signo == sig::SIGKILL)?;
        let info = t.queue.remove(i)?;
        Some((info, SigAction::default()))
    }

    fn push_back_signal(&mut self, task: Tid, info: &SigInfo) {
        self.t(task).queue.push_front(*info);
        self.effects.push(Effect::PushBack(task, info.signo));
    }

    fn reset_handler(&mut self, task: Tid, signo: u32) {
        self.t(task).actions.insert(signo, SigAction::default());
        self.effects.push(Effect::ResetHandler(task, signo));
    }

    fn has_report_signal(&self, ops: Ops) -> bool {
        ops != Ops::NoSignal
    }

    fn report(
        &mut self,
        callee: Callee<Tid, Ops, Name>,
        action: u32,
        report: &mut Report<'_, Tid>,
    ) -> u32 {
        let kind = kind_of(report);
        self.calls.push(Call {
            task: callee.task,
            name: callee.data,
            kind,
            action,
        });
        if let Some(i) = self
            .hooks
            .iter()
            .position(|(n, k, _)| *n == callee.data && *k == kind)
        {
            let (_, _, f) = self.hooks.remove(i);
            return f(self, callee, report);
        }
        if let Some(v) = self
            .answers
            .get_mut(&(callee.data, kind))
            .and_then(VecDeque::pop_front)
        {
            return v;
        }
        if let Some(&v) = self.defaults.get(callee.data) {
            return v;
        }
        // Pass the chained disposition on and resume.
        (action & !7) | RESUME
    }

    fn release(&mut self, ops: Ops, data: Name) {
        self.released.push((ops, data));
    }
}

/// Attach a new `Ops::Tracer` engine named `name` to `task` with `events`.
fn engine(m: &mut Mock, task: Tid, name: Name, events: u32) -> EngineId {
    let e = attach(m, task, ATTACH_CREATE, Some(Ops::Tracer), name).expect("attach");
    set_events(m, task, e, events).expect("set_events");
    e
}

/// The first signal check after an attach is an explicit report (a new engine is pending, §1.6):
/// the signal loop starts again. Run it and forget its callbacks and effects.
fn settle(m: &mut Mock) {
    assert_eq!(get_signal(m, TRACEE), Reported::Done(SignalDecision::Again));
    m.calls.clear();
    m.effects.clear();
}

fn ops_of(m: &Mock, e: EngineId) -> Option<EngineOps<Ops>> {
    m.ut.engine(e).map(|i| i.ops)
}

// ---------------------------------------------------------------------------------------------
// The encoding (§1.2, §1.4, §1.5)
// ---------------------------------------------------------------------------------------------

#[test]
fn event_bits_are_utrace_h_values() {
    let expected = [
        (Event::Quiesce, 0),
        (Event::Reap, 1),
        (Event::Clone, 2),
        (Event::Exec, 3),
        (Event::Exit, 4),
        (Event::Death, 5),
        (Event::SyscallEntry, 6),
        (Event::SyscallExit, 7),
        (Event::Signal, 8),
        (Event::SignalIgn, 9),
        (Event::SignalStop, 10),
        (Event::SignalTerm, 11),
        (Event::SignalCore, 12),
        (Event::Jctl, 13),
    ];
    for (e, bit) in expected {
        assert_eq!(e.bit(), 1 << bit, "{e:?}");
    }
    assert_eq!(Event::ALL.len(), 14);
    assert_eq!(NEVENTS, 14);
    assert_eq!(ENGINE_STOP, 0x4000);
    assert_eq!(EVENT_SIGNAL_ALL, 0x1f00);
    assert_eq!(EVENT_SYSCALL, 0xc0);
    assert_eq!(DEATH_EVENTS, 0x21);
    assert_eq!(event_mask(&[Event::Quiesce, Event::Jctl]), 0x2001);
}

#[test]
fn action_constants_are_utrace_h_values() {
    let resume = [
        (ResumeAction::Stop, 0),
        (ResumeAction::Interrupt, 1),
        (ResumeAction::Report, 2),
        (ResumeAction::SingleStep, 3),
        (ResumeAction::BlockStep, 4),
        (ResumeAction::Resume, 5),
        (ResumeAction::Detach, 6),
    ];
    for (a, v) in resume {
        assert_eq!(a.bits(), v);
        assert_eq!(ResumeAction::from_bits(v), Some(a));
        assert_eq!(ResumeAction::try_from(v), Ok(a));
    }
    assert_eq!((RESUME_MAX, RESUME_BITS, RESUME_MASK), (7, 3, 7));
    assert_eq!(ResumeAction::from_bits(7), None);
    assert_eq!(ResumeAction::try_from(7), Err(Error::Inval));
    assert_eq!(resume_action(0x17), None);
    let signal = [
        (SignalAction::Deliver, 0x00),
        (SignalAction::Ign, 0x10),
        (SignalAction::Term, 0x20),
        (SignalAction::Core, 0x30),
        (SignalAction::Stop, 0x40),
        (SignalAction::Tstp, 0x50),
        (SignalAction::Report, 0x60),
        (SignalAction::Handler, 0x70),
    ];
    for (a, v) in signal {
        assert_eq!(a.bits(), v);
        assert_eq!(signal_action(v | 0x105), Some(a));
    }
    assert_eq!(signal_action(0x80), None);
    assert_eq!((SIGNAL_ACTION_MASK, SIGNAL_HOLD), (0xf0, 0x100));
    assert_eq!(
        (SyscallAction::Run.bits(), SyscallAction::Abort.bits()),
        (0, 0x10)
    );
    assert_eq!((SYSCALL_ACTION_MASK, SYSCALL_RESUMED), (0xf0, 0x100));
    assert_eq!(syscall_action(0x115), Some(SyscallAction::Abort));
    assert_eq!(syscall_action(0x20), None);
    let flags = [ATTACH_MATCH_OPS, ATTACH_MATCH_DATA, ATTACH_MATCH_MASK];
    assert_eq!(flags, [1, 2, 0xf]);
    assert_eq!((ATTACH_CREATE, ATTACH_EXCLUSIVE), (0x10, 0x20));
}

#[test]
fn errnos_are_asm_generic() {
    let expected = [
        (Error::Perm, 1),
        (Error::NoEnt, 2),
        (Error::Srch, 3),
        (Error::Again, 11),
        (Error::Exist, 17),
        (Error::Inval, 22),
        (Error::OpNotSupp, 95),
        (Error::Already, 114),
        (Error::InProgress, 115),
        (Error::RestartSys, 512),
        (Error::RestartNoIntr, 513),
    ];
    for (e, n) in expected {
        assert_eq!(e.errno(), n, "{e:?}");
    }
}

fn any_resume() -> impl Strategy<Value = u32> {
    0u32..7
}

proptest! {
    /// `disposition | resume` decodes back to both parts, for signal and syscall answers.
    #[test]
    fn encoding_round_trips(r in any_resume(), s in 0u32..8, hold in any::<bool>(), abort in any::<bool>()) {
        let resume = ResumeAction::from_bits(r).unwrap();
        let disp = s << 4 | if hold { 0x100 } else { 0 };
        let v = encode(disp, resume);
        prop_assert_eq!(v, disp | r);
        prop_assert_eq!(resume_action(v), Some(resume));
        prop_assert_eq!(signal_action(v).map(SignalAction::bits), Some(s << 4));
        prop_assert_eq!(v & SIGNAL_HOLD != 0, hold);
        let sys = if abort { 0x10 } else { 0 };
        let v = encode(sys | SYSCALL_RESUMED, resume);
        prop_assert_eq!(resume_action(v), Some(resume));
        prop_assert_eq!(syscall_action(v) == Some(SyscallAction::Abort), abort);
    }

    /// Combining votes gives the numerically smallest action, in any order.
    #[test]
    fn combination_is_the_minimum(votes in proptest::collection::vec(any_resume(), 1..6)) {
        let smallest = *votes.iter().min().unwrap();
        let combined = votes
            .iter()
            .map(|&v| ResumeAction::from_bits(v).unwrap())
            .fold(ResumeAction::Resume, ResumeAction::combine);
        let expected = smallest.min(5);
        prop_assert_eq!(combined.bits(), expected);
    }

    /// Several engines at syscall exit: the pending request is the smallest non-STOP answer
    /// (a STOP becomes a REPORT there: the stop happens at the return to user mode).
    #[test]
    fn pass_keeps_the_most_constrained_answer(votes in proptest::collection::vec(0u32..6, 1..5)) {
        let mut m = Mock::new();
        let names = ["A", "B", "C", "D"];
        for (i, &v) in votes.iter().enumerate() {
            engine(&mut m, TRACEE, names[i], EXITSYS);
            m.answer(names[i], Kind::ExitSys, v);
        }
        report_syscall_exit(&mut m, TRACEE);
        let smallest = *votes.iter().min().unwrap();
        let expected = if smallest == STOP { REPORT } else { smallest };
        prop_assert_eq!(m.ut.pending_resume(TRACEE).bits(), expected);
        let raised = expected != RESUME;
        let effect = if expected == INTERRUPT { Effect::SigPending(TRACEE) } else { Effect::NotifyResume(TRACEE) };
        prop_assert_eq!(m.effects.contains(&effect), raised);
    }
}

// ---------------------------------------------------------------------------------------------
// Attach (§1.5)
// ---------------------------------------------------------------------------------------------

#[test]
fn attach_creates_lookup_matches_and_exclusive_refuses() {
    let mut m = Mock::new();
    assert_eq!(attach(&mut m, TRACEE, 0, None, "x"), Err(Error::NoEnt));
    let a = attach(&mut m, TRACEE, ATTACH_CREATE, Some(Ops::Tracer), "a").unwrap();
    let b = attach(&mut m, TRACEE, ATTACH_CREATE, Some(Ops::Counter), "b").unwrap();
    assert_eq!(m.ut.engines(TRACEE), vec![a, b]);
    // Lookups: no MATCH flag = the first engine; by ops; by data; both.
    assert_eq!(attach(&mut m, TRACEE, 0, None, "zz"), Ok(a));
    let by_ops = attach(&mut m, TRACEE, ATTACH_MATCH_OPS, Some(Ops::Counter), "zz");
    assert_eq!(by_ops, Ok(b));
    assert_eq!(attach(&mut m, TRACEE, ATTACH_MATCH_DATA, None, "b"), Ok(b));
    let both = ATTACH_MATCH_OPS | ATTACH_MATCH_DATA;
    let miss = attach(&mut m, TRACEE, both, Some(Ops::Tracer), "b");
    assert_eq!(miss, Err(Error::NoEnt));
    let none_ops = attach(&mut m, TRACEE, ATTACH_MATCH_OPS, None, "a");
    assert_eq!(none_ops, Err(Error::NoEnt));
    // Exclusive: refused when a matching engine exists.
    let excl = ATTACH_CREATE | ATTACH_EXCLUSIVE;
    let ex_ops = excl | ATTACH_MATCH_OPS;
    assert_eq!(
        attach(&mut m, TRACEE, ex_ops, Some(Ops::Tracer), "c"),
        Err(Error::Exist)
    );
    assert_eq!(
        attach(&mut m, TRACEE, excl, Some(Ops::NoSignal), "c"),
        Err(Error::Exist)
    );
    let ex_data = excl | ATTACH_MATCH_DATA;
    let c = attach(&mut m, TRACEE, ex_data, Some(Ops::Tracer), "c").unwrap();
    assert_eq!(m.ut.engines(TRACEE), vec![a, b, c]);
    assert_eq!(
        attach(&mut m, TRACER, excl, Some(Ops::Tracer), "a").map(|_| ()),
        Ok(())
    );
}

#[test]
fn attach_errors() {
    let mut m = Mock::new();
    assert_eq!(
        attach(&mut m, TRACEE, ATTACH_CREATE, None, "a"),
        Err(Error::Inval)
    );
    let kt = attach(&mut m, KTHREAD, ATTACH_CREATE, Some(Ops::Tracer), "a");
    assert_eq!(kt, Err(Error::Perm));
    m.t(TRACEE).facts.exit = ExitState::Dead;
    let dead = attach(&mut m, TRACEE, ATTACH_CREATE, Some(Ops::Tracer), "a");
    assert_eq!(dead, Err(Error::Srch));
    let missing = attach(&mut m, 99, ATTACH_CREATE, Some(Ops::Tracer), "a");
    assert_eq!(missing, Err(Error::Srch));
    // A zombie can still be attached, but cannot be given DEATH or QUIESCE any more.
    m.zombie(CHILD);
    let z = attach(&mut m, CHILD, ATTACH_CREATE, Some(Ops::Tracer), "z").unwrap();
    assert_eq!(set_events(&mut m, CHILD, z, DEATH), Err(Error::Already));
    assert_eq!(set_events(&mut m, CHILD, z, Q), Err(Error::Already));
    assert_eq!(set_events(&mut m, CHILD, z, REAP | EXEC), Ok(()));
}

#[test]
fn lookup_skips_detached_engines() {
    let mut m = Mock::new();
    let a = engine(&mut m, TRACEE, "a", ENTRY);
    m.current = Some(TRACER);
    assert_eq!(control(&mut m, TRACEE, a, ResumeAction::Detach), Ok(()));
    // Marked detached, still listed until the task is quiescent: lookups do not see it.
    assert_eq!(ops_of(&m, a), Some(EngineOps::Detached));
    assert_eq!(attach(&mut m, TRACEE, 0, None, "a"), Err(Error::NoEnt));
    let excl = ATTACH_CREATE | ATTACH_EXCLUSIVE;
    assert!(attach(&mut m, TRACEE, excl, Some(Ops::Tracer), "b").is_ok());
}

// ---------------------------------------------------------------------------------------------
// Reference counts and release (§1.7)
// ---------------------------------------------------------------------------------------------

#[test]
fn references_and_release_after_detach() {
    let mut m = Mock::new();
    let a = engine(&mut m, TRACEE, "a", ENTRY);
    assert_eq!(m.ut.engine(a).unwrap().refs, 2, "caller + attached");
    assert_eq!(attach(&mut m, TRACEE, 0, None, "a"), Ok(a));
    assert_eq!(m.ut.engine(a).unwrap().refs, 3);
    m.ut.engine_get(a).unwrap();
    assert_eq!(m.ut.engine(a).unwrap().refs, 4);
    engine_put(&mut m, a).unwrap();
    engine_put(&mut m, a).unwrap();
    assert_eq!(m.ut.engine(a).unwrap().refs, 2);
    // Detach a stopped task: unlinked at once, the attached reference goes.
    m.t(TRACEE).facts.job_stopped = true;
    m.current = Some(TRACER);
    assert_eq!(control(&mut m, TRACEE, a, ResumeAction::Stop), Ok(()));
    assert_eq!(control(&mut m, TRACEE, a, ResumeAction::Detach), Ok(()));
    assert_eq!(ops_of(&m, a), Some(EngineOps::Gone));
    assert_eq!(m.ut.engine(a).unwrap().refs, 1);
    assert!(m.released.is_empty(), "the caller still holds a reference");
    engine_put(&mut m, a).unwrap();
    assert_eq!(m.released, vec![(Ops::Tracer, "a")]);
    assert_eq!(m.ut.engine(a), None);
    assert_eq!(engine_put(&mut m, a), Err(Error::Srch));
    assert_eq!(m.ut.engine_get(a), Err(Error::Srch));
    assert_eq!(m.ut.stats.releases, 1);
}

#[test]
fn release_waits_for_the_running_task_to_quiesce() {
    let mut m = Mock::new();
    let a = engine(&mut m, TRACEE, "a", ENTRY | EXITSYS);
    engine_put(&mut m, a).unwrap();
    m.current = Some(TRACER);
    // Not stopped, not in a callback: 0, but the unlink waits for the task.
    assert_eq!(control(&mut m, TRACEE, a, ResumeAction::Detach), Ok(()));
    assert_eq!(ops_of(&m, a), Some(EngineOps::Detached));
    assert!(m.released.is_empty());
    assert!(m.effects.contains(&Effect::NotifyResume(TRACEE)));
    // The barrier waits until the engine is fully detached, then says so.
    assert_eq!(barrier(&mut m, TRACEE, a), Err(Error::RestartSys));
    m.current = Some(TRACEE);
    let _ = report_resume(&mut m, TRACEE);
    assert!(m.calls.is_empty(), "a detached engine gets no callback");
    assert_eq!(m.released, vec![(Ops::Tracer, "a")]);
    assert_eq!(m.ut.flags(TRACEE), 0);
    assert!(m.effects.contains(&Effect::SyscallTrace(TRACEE, false)));
}

// ---------------------------------------------------------------------------------------------
// Callback order (§1.6)
// ---------------------------------------------------------------------------------------------

#[test]
fn attach_order_and_reverse_at_syscall_entry() {
    let mut m = Mock::new();
    for n in ["A", "B", "C"] {
        engine(&mut m, TRACEE, n, Q | ENTRY | EXITSYS | EXEC);
    }
    assert_eq!(
        report_syscall_entry(&mut m, TRACEE),
        Reported::Done(SyscallDecision::Run)
    );
    let e = Kind::Quiesce(ENTRY);
    let want = [
        ("C", e),
        ("C", Kind::Entry),
        ("B", e),
        ("B", Kind::Entry),
        ("A", e),
        ("A", Kind::Entry),
    ];
    assert_eq!(m.take_seq(), want);
    report_syscall_exit(&mut m, TRACEE);
    let x = Kind::Quiesce(EXITSYS);
    let want = [
        ("A", x),
        ("A", Kind::ExitSys),
        ("B", x),
        ("B", Kind::ExitSys),
        ("C", x),
        ("C", Kind::ExitSys),
    ];
    assert_eq!(m.take_seq(), want);
    report_exec(&mut m, TRACEE);
    let names: Vec<Name> = m.take_seq().iter().map(|c| c.0).collect();
    assert_eq!(names, ["A", "A", "B", "B", "C", "C"]);
}

#[test]
fn quiesce_comes_only_to_engines_that_want_it_and_events_only_to_their_engines() {
    let mut m = Mock::new();
    engine(&mut m, TRACEE, "q", Q);
    engine(&mut m, TRACEE, "e", EXEC);
    engine(&mut m, TRACEE, "n", EXITSYS);
    report_exec(&mut m, TRACEE);
    assert_eq!(
        m.take_seq(),
        [("q", Kind::Quiesce(EXEC)), ("e", Kind::Exec)]
    );
}

#[test]
fn engine_attached_during_a_callback_gets_the_next_event_only() {
    let mut m = Mock::new();
    engine(&mut m, TRACEE, "A", ENTRY | EXITSYS);
    m.on("A", Kind::Entry, |m, c, _| {
        let b = attach(m, c.task, ATTACH_CREATE, Some(Ops::Tracer), "B").unwrap();
        set_events(m, c.task, b, ENTRY | EXITSYS).unwrap();
        assert_eq!(m.ut.engines(c.task).len(), 2, "attaching");
        RESUME
    });
    let _ = report_syscall_entry(&mut m, TRACEE);
    assert_eq!(m.take_seq(), [("A", Kind::Entry)]);
    report_syscall_exit(&mut m, TRACEE);
    assert_eq!(m.take_seq(), [("A", Kind::ExitSys), ("B", Kind::ExitSys)]);
    // Now B is the last attached: first at the next entry.
    let _ = report_syscall_entry(&mut m, TRACEE);
    assert_eq!(m.take_seq(), [("B", Kind::Entry), ("A", Kind::Entry)]);
}

// ---------------------------------------------------------------------------------------------
// Syscall entry: dispositions, stops, resumes (§1.4, §1.6)
// ---------------------------------------------------------------------------------------------

#[test]
fn syscall_disposition_is_chained() {
    let mut m = Mock::new();
    engine(&mut m, TRACEE, "A", ENTRY);
    engine(&mut m, TRACEE, "B", ENTRY);
    m.answer("B", Kind::Entry, ABORT | RESUME);
    let r = report_syscall_entry(&mut m, TRACEE);
    assert_eq!(r, Reported::Done(SyscallDecision::Abort));
    assert_eq!(m.last_action("B", Kind::Entry), Some(RESUME));
    assert_eq!(m.last_action("A", Kind::Entry), Some(ABORT | RESUME));
    // A (called last) can turn it back into RUN.
    m.answer("B", Kind::Entry, ABORT | RESUME);
    m.answer("A", Kind::Entry, RESUME);
    let r = report_syscall_entry(&mut m, TRACEE);
    assert_eq!(r, Reported::Done(SyscallDecision::Run));
}

#[test]
fn quiesce_answers_do_not_break_the_syscall_chain() {
    let mut m = Mock::new();
    engine(&mut m, TRACEE, "A", Q | ENTRY);
    engine(&mut m, TRACEE, "B", ENTRY);
    m.answer("B", Kind::Entry, ABORT | RESUME);
    // A's quiesce (called between B's entry and A's entry) answers a bare RESUME.
    let r = report_syscall_entry(&mut m, TRACEE);
    assert_eq!(r, Reported::Done(SyscallDecision::Abort));
    assert_eq!(m.last_action("A", Kind::Entry), Some(ABORT | RESUME));
}

#[test]
fn stop_at_syscall_entry_is_immediate_and_resumes_without_repeating() {
    let mut m = Mock::new();
    let a = engine(&mut m, TRACEE, "A", ENTRY);
    let b = engine(&mut m, TRACEE, "B", ENTRY);
    m.answer("A", Kind::Entry, STOP);
    m.answer("B", Kind::Entry, RESUME);
    assert_eq!(report_syscall_entry(&mut m, TRACEE), Reported::Stopped);
    assert!(m.ut.is_utraced(TRACEE));
    assert_eq!(m.ut.progress(TRACEE), Progress::SyscallEntry { result: 0 });
    assert!(m.ut.engine(a).unwrap().wants_stop);
    assert!(!m.ut.engine(b).unwrap().wants_stop);
    let calls = m.calls.len();
    // Running it while still stopped keeps it stopped.
    assert_eq!(report_syscall_entry(&mut m, TRACEE), Reported::Stopped);
    m.current = Some(TRACER);
    m.take_effects();
    // RESUME from the engine that did not stop it: still stopped (STOP + RESUME = stopped).
    assert_eq!(control(&mut m, TRACEE, b, ResumeAction::Resume), Ok(()));
    assert!(m.ut.is_utraced(TRACEE));
    assert!(!m.effects.contains(&Effect::Wake(TRACEE)));
    // STOP on a stopped task succeeds at once.
    assert_eq!(control(&mut m, TRACEE, b, ResumeAction::Stop), Ok(()));
    assert_eq!(control(&mut m, TRACEE, a, ResumeAction::Resume), Ok(()));
    assert!(m.ut.is_utraced(TRACEE), "B now keeps it stopped");
    assert_eq!(control(&mut m, TRACEE, b, ResumeAction::Resume), Ok(()));
    assert!(!m.ut.is_utraced(TRACEE));
    assert!(m.effects.contains(&Effect::Wake(TRACEE)));
    m.current = Some(TRACEE);
    let r = report_syscall_entry(&mut m, TRACEE);
    assert_eq!(r, Reported::Done(SyscallDecision::Run));
    assert_eq!(m.calls.len(), calls, "no callback repeated");
    assert!(m.effects.contains(&Effect::Recalc(TRACEE)));
    assert_eq!(m.ut.progress(TRACEE), Progress::Idle);
}

#[test]
fn report_request_after_entry_stop_repeats_the_report_marked_resumed() {
    let mut m = Mock::new();
    let a = engine(&mut m, TRACEE, "A", Q | ENTRY);
    m.answer("A", Kind::Entry, ABORT | STOP);
    assert_eq!(report_syscall_entry(&mut m, TRACEE), Reported::Stopped);
    m.take_seq();
    m.current = Some(TRACER);
    assert_eq!(control(&mut m, TRACEE, a, ResumeAction::Report), Ok(()));
    assert!(!m.ut.is_utraced(TRACEE));
    m.current = Some(TRACEE);
    m.answer("A", Kind::Entry, RESUME);
    let r = report_syscall_entry(&mut m, TRACEE);
    assert_eq!(r, Reported::Done(SyscallDecision::Run));
    assert_eq!(m.seq(), [("A", Kind::Quiesce(ENTRY)), ("A", Kind::Entry)]);
    let action = m.last_action("A", Kind::Entry).unwrap();
    assert_eq!(
        action,
        RESUMED | ABORT | RESUME,
        "resumed flag, chained ABORT"
    );
}

#[test]
fn sigkill_ends_an_entry_stop_and_aborts_the_syscall_then_death_then_reap() {
    let mut m = Mock::new();
    engine(&mut m, TRACEE, "A", Q | ENTRY | EXIT | DEATH | REAP);
    m.always("A", STOP);
    assert_eq!(report_syscall_entry(&mut m, TRACEE), Reported::Stopped);
    m.take_seq();
    m.kill(TRACEE);
    assert!(m.ut.wake_killed(TRACEE));
    let r = report_syscall_entry(&mut m, TRACEE);
    assert_eq!(r, Reported::Done(SyscallDecision::Abort));
    assert!(m.calls.is_empty());
    // Exit: STOP no longer holds the task.
    let mut code = 9;
    assert_eq!(report_exit(&mut m, TRACEE, &mut code), Reported::Done(()));
    assert!(!m.ut.is_utraced(TRACEE));
    m.zombie(TRACEE);
    report_death(&mut m, TRACEE, true, 17);
    report_reap(&mut m, TRACEE);
    let want = [
        ("A", Kind::Quiesce(EXIT)),
        ("A", Kind::Exit),
        ("A", Kind::Quiesce(DEATH)),
        ("A", Kind::Death),
        ("A", Kind::Reap),
    ];
    assert_eq!(m.seq(), want);
    assert_eq!(m.ut.flags(TRACEE), 0);
}

// ---------------------------------------------------------------------------------------------
// Detach races (§1.5, §1.7)
// ---------------------------------------------------------------------------------------------

#[test]
fn detach_of_a_stopped_task_stops_callbacks_and_resumes_it() {
    let mut m = Mock::new();
    let a = engine(&mut m, TRACEE, "A", ENTRY | EXITSYS);
    let b = engine(&mut m, TRACEE, "B", ENTRY | EXITSYS);
    m.answer("A", Kind::Entry, STOP);
    m.answer("B", Kind::Entry, STOP);
    assert_eq!(report_syscall_entry(&mut m, TRACEE), Reported::Stopped);
    m.current = Some(TRACER);
    m.take_effects();
    assert_eq!(control(&mut m, TRACEE, a, ResumeAction::Detach), Ok(()));
    assert!(m.ut.is_utraced(TRACEE), "B still wants it stopped");
    assert_eq!(ops_of(&m, a), Some(EngineOps::Gone));
    assert_eq!(control(&mut m, TRACEE, b, ResumeAction::Detach), Ok(()));
    assert!(!m.ut.is_utraced(TRACEE));
    assert!(m.effects.contains(&Effect::Wake(TRACEE)));
    assert_eq!(m.ut.flags(TRACEE), 0);
    m.current = Some(TRACEE);
    m.take_seq();
    let _ = report_syscall_entry(&mut m, TRACEE);
    report_syscall_exit(&mut m, TRACEE);
    assert!(m.calls.is_empty());
    assert_eq!(
        control(&mut m, TRACEE, a, ResumeAction::Resume),
        Err(Error::Srch)
    );
    assert_eq!(set_events(&mut m, TRACEE, a, ENTRY), Err(Error::Srch));
    m.current = Some(TRACER);
    assert_eq!(barrier(&mut m, TRACEE, a), Err(Error::Srch));
}

#[test]
fn detach_during_own_callback_is_in_progress_until_the_callback_returns() {
    let mut m = Mock::new();
    let a = engine(&mut m, TRACEE, "A", ENTRY | EXITSYS);
    engine(&mut m, TRACEE, "B", ENTRY | EXITSYS);
    engine_put(&mut m, a).unwrap();
    m.on("A", Kind::ExitSys, move |m, c, _| {
        // A tracer on another vCPU detaches A while the tracee is in A's callback.
        m.current = Some(TRACER);
        let r = control(m, c.task, c.engine, ResumeAction::Detach);
        assert_eq!(r, Err(Error::InProgress));
        assert_eq!(barrier(m, c.task, c.engine), Err(Error::RestartSys));
        m.current = Some(TRACEE);
        STOP
    });
    report_syscall_exit(&mut m, TRACEE);
    assert_eq!(m.take_seq(), [("A", Kind::ExitSys), ("B", Kind::ExitSys)]);
    assert_eq!(
        ops_of(&m, a),
        None,
        "unlinked at the end of the pass and released"
    );
    assert_eq!(m.released, vec![(Ops::Tracer, "A")]);
    assert_eq!(m.ut.pending_resume(TRACEE), ResumeAction::Report);
    // Its STOP answer did not count: the task does not stop at the resume report.
    assert_eq!(report_resume(&mut m, TRACEE), Reported::Done(()));
    let _ = report_syscall_entry(&mut m, TRACEE);
    assert_eq!(m.take_seq(), [("B", Kind::Entry)]);
}

#[test]
fn engine_detached_by_another_engines_callback_gets_no_callback() {
    let mut m = Mock::new();
    engine(&mut m, TRACEE, "A", EXITSYS);
    let b = engine(&mut m, TRACEE, "B", Q | EXITSYS);
    m.on("A", Kind::ExitSys, move |m, c, _| {
        // The tracee itself, inside A's callback: B is not reporting, so 0.
        assert_eq!(control(m, c.task, b, ResumeAction::Detach), Ok(()));
        RESUME
    });
    report_syscall_exit(&mut m, TRACEE);
    assert_eq!(m.seq(), [("A", Kind::ExitSys)]);
    assert_eq!(ops_of(&m, b).unwrap(), EngineOps::Gone);
}

#[test]
fn detach_by_answer_unlinks_after_the_pass() {
    let mut m = Mock::new();
    let a = engine(&mut m, TRACEE, "A", EXITSYS);
    engine(&mut m, TRACEE, "B", EXITSYS);
    m.answer("A", Kind::ExitSys, DETACH);
    report_syscall_exit(&mut m, TRACEE);
    assert_eq!(ops_of(&m, a), Some(EngineOps::Gone));
    assert_eq!(m.ut.engine(a).unwrap().refs, 1);
    assert_eq!(m.ut.engines(TRACEE).len(), 1);
    m.calls.clear();
    report_syscall_exit(&mut m, TRACEE);
    assert_eq!(m.seq(), [("B", Kind::ExitSys)]);
}

#[test]
fn clearing_events_during_a_callback_is_in_progress_and_barrier_waits_for_it() {
    let mut m = Mock::new();
    let a = engine(&mut m, TRACEE, "A", ENTRY | EXITSYS);
    m.on("A", Kind::ExitSys, move |m, c, _| {
        m.current = Some(TRACER);
        // Adding bits never answers EINPROGRESS; clearing does.
        let add = ENTRY | EXITSYS | EXEC;
        assert_eq!(set_events(m, c.task, c.engine, add), Ok(()));
        assert_eq!(
            set_events(m, c.task, c.engine, ENTRY),
            Err(Error::InProgress)
        );
        assert_eq!(barrier(m, c.task, c.engine), Err(Error::RestartSys));
        // The task itself may clear bits in its own callback.
        m.current = Some(TRACEE);
        assert_eq!(set_events(m, c.task, c.engine, ENTRY), Ok(()));
        assert_eq!(barrier(m, c.task, c.engine), Ok(()));
        RESUME
    });
    report_syscall_exit(&mut m, TRACEE);
    m.current = Some(TRACER);
    assert_eq!(barrier(&mut m, TRACEE, a), Ok(()));
    assert_eq!(m.ut.engine(a).unwrap().events, ENTRY);
}

// ---------------------------------------------------------------------------------------------
// set_events and control contracts (§1.5)
// ---------------------------------------------------------------------------------------------

#[test]
fn syscall_events_raise_syscall_trace_once_and_detach_clears_it() {
    // Port of ptrace-tests `tif-syscall-trace-after-detach`, at the engine layer.
    let mut m = Mock::new();
    let a = engine(&mut m, TRACEE, "A", ENTRY);
    let b = engine(&mut m, TRACEE, "B", EXITSYS);
    let trace_on = Effect::SyscallTrace(TRACEE, true);
    assert_eq!(m.effects.iter().filter(|&&e| e == trace_on).count(), 1);
    m.t(TRACEE).facts.job_stopped = true;
    m.current = Some(TRACER);
    m.take_effects();
    assert_eq!(control(&mut m, TRACEE, a, ResumeAction::Detach), Ok(()));
    assert!(
        !m.effects.contains(&Effect::SyscallTrace(TRACEE, false)),
        "B traces"
    );
    assert_eq!(control(&mut m, TRACEE, b, ResumeAction::Detach), Ok(()));
    assert!(m.effects.contains(&Effect::SyscallTrace(TRACEE, false)));
}

#[test]
fn set_events_errors() {
    let mut m = Mock::new();
    let a = engine(&mut m, TRACEE, "A", DEATH | Q);
    assert_eq!(
        set_events(&mut m, TRACER, a, EXEC),
        Err(Error::Srch),
        "not its task"
    );
    assert_eq!(
        set_events(&mut m, TRACEE, a, DEATH | Q | ENGINE_STOP),
        Ok(())
    );
    assert!(
        !m.ut.engine(a).unwrap().wants_stop,
        "ENGINE_STOP is ignored"
    );
    m.zombie(TRACEE);
    m.on("A", Kind::Death, |m, c, _| {
        assert_eq!(set_events(m, c.task, c.engine, Q), Err(Error::Already));
        assert_eq!(set_events(m, c.task, c.engine, DEATH | Q | EXEC), Ok(()));
        RESUME
    });
    report_death(&mut m, TRACEE, true, 17);
    assert_eq!(m.last_action("A", Kind::Death), Some(RESUME));
    report_reap(&mut m, TRACEE);
    assert_eq!(set_events(&mut m, TRACEE, a, 0), Err(Error::Srch));
}

#[test]
fn control_errors() {
    let mut m = Mock::new();
    let a = engine(&mut m, TRACEE, "A", ENTRY);
    m.current = Some(TRACER);
    for act in [
        ResumeAction::Report,
        ResumeAction::SingleStep,
        ResumeAction::BlockStep,
    ] {
        assert_eq!(
            control(&mut m, TRACEE, a, act),
            Err(Error::Inval),
            "{act:?}"
        );
    }
    // utrace.c checks QUIESCE for REPORT, SINGLESTEP and BLOCKSTEP only.
    assert_eq!(control(&mut m, TRACEE, a, ResumeAction::Interrupt), Ok(()));
    assert_eq!(
        control(&mut m, TRACER, a, ResumeAction::Resume),
        Err(Error::Srch)
    );
    let q = engine(&mut m, TRACEE, "Q", Q | DEATH);
    m.zombie(TRACEE);
    for act in [
        ResumeAction::Stop,
        ResumeAction::Resume,
        ResumeAction::Report,
    ] {
        assert_eq!(control(&mut m, TRACEE, q, act), Err(Error::Srch), "{act:?}");
    }
    m.on("Q", Kind::Death, move |m, c, _| {
        assert_eq!(
            control(m, c.task, c.engine, ResumeAction::Detach),
            Err(Error::Already)
        );
        assert_eq!(
            control(m, c.task, a, ResumeAction::Detach),
            Err(Error::Already)
        );
        RESUME
    });
    report_death(&mut m, TRACEE, true, 17);
    // Between death and reap, detach works.
    assert_eq!(control(&mut m, TRACEE, a, ResumeAction::Detach), Ok(()));
    assert_eq!(ops_of(&m, a), Some(EngineOps::Gone));
    report_reap(&mut m, TRACEE);
    assert_eq!(
        control(&mut m, TRACEE, q, ResumeAction::Detach),
        Err(Error::Srch)
    );
}

#[test]
fn stop_on_a_running_task_is_in_progress_until_its_quiesce_answers_stop() {
    let mut m = Mock::new();
    let a = engine(&mut m, TRACEE, "A", Q);
    m.current = Some(TRACER);
    assert_eq!(
        control(&mut m, TRACEE, a, ResumeAction::Stop),
        Err(Error::InProgress)
    );
    assert_eq!(m.take_effects(), [Effect::NotifyResume(TRACEE)]);
    assert_eq!(m.ut.pending_resume(TRACEE), ResumeAction::Report);
    assert_eq!(prepare_examine(&mut m, TRACEE, a), Err(Error::Again));
    m.current = Some(TRACEE);
    m.answer("A", Kind::Quiesce(0), STOP);
    assert_eq!(report_resume(&mut m, TRACEE), Reported::Stopped);
    assert_eq!(m.take_seq(), [("A", Kind::Quiesce(0))]);
    assert!(m.ut.is_utraced(TRACEE));
    m.current = Some(TRACER);
    assert_eq!(control(&mut m, TRACEE, a, ResumeAction::Stop), Ok(()));
    let exam = prepare_examine(&mut m, TRACEE, a).unwrap();
    assert_eq!(finish_examine(&mut m, TRACEE, a, exam), Ok(()));
    assert_eq!(control(&mut m, TRACEE, a, ResumeAction::Resume), Ok(()));
    assert_eq!(finish_examine(&mut m, TRACEE, a, exam), Err(Error::Inval));
    m.current = Some(TRACEE);
    assert_eq!(report_resume(&mut m, TRACEE), Reported::Done(()));
    assert!(m.calls.is_empty(), "not repeated");
}

#[test]
fn examine_sees_a_wakeup_in_between() {
    let mut m = Mock::new();
    let a = engine(&mut m, TRACEE, "A", Q);
    let b = engine(&mut m, TRACEE, "B", Q);
    m.t(TRACEE).facts.job_stopped = true;
    m.current = Some(TRACER);
    assert_eq!(control(&mut m, TRACEE, a, ResumeAction::Stop), Ok(()));
    assert_eq!(prepare_examine(&mut m, TRACEE, b), Err(Error::Inval));
    let exam = prepare_examine(&mut m, TRACEE, a).unwrap();
    // SIGKILL wakes it and it is stopped again: what was read is stale.
    assert!(m.ut.wake_killed(TRACEE));
    assert_eq!(control(&mut m, TRACEE, a, ResumeAction::Stop), Ok(()));
    assert_eq!(finish_examine(&mut m, TRACEE, a, exam), Err(Error::Again));
    m.zombie(TRACEE);
    assert_eq!(prepare_examine(&mut m, TRACEE, a), Err(Error::Srch));
}

#[test]
fn stop_of_a_job_stopped_task_holds_it_after_continue() {
    let mut m = Mock::new();
    let a = engine(&mut m, TRACEE, "A", Q);
    m.t(TRACEE).facts.job_stopped = true;
    m.current = Some(TRACER);
    assert_eq!(control(&mut m, TRACEE, a, ResumeAction::Stop), Ok(()));
    assert!(m.ut.is_utraced(TRACEE));
    m.t(TRACEE).facts.job_stopped = false; // SIGCONT
    assert!(
        m.ut.is_utraced(TRACEE),
        "the utrace stop outlives the job stop"
    );
    m.take_effects();
    assert_eq!(control(&mut m, TRACEE, a, ResumeAction::Resume), Ok(()));
    let wake = [Effect::Step(TRACEE, UserStep::Off), Effect::Wake(TRACEE)];
    assert_eq!(m.take_effects(), wake);
}

#[test]
fn single_step_request_enables_stepping_at_the_next_resume_report_and_detach_disables_it() {
    // Port of ptrace-tests `step-detach`, at the engine layer.
    let mut m = Mock::new();
    let a = engine(&mut m, TRACEE, "A", Q);
    m.current = Some(TRACER);
    let _ = control(&mut m, TRACEE, a, ResumeAction::Stop);
    m.current = Some(TRACEE);
    m.answer("A", Kind::Quiesce(0), STOP);
    assert_eq!(report_resume(&mut m, TRACEE), Reported::Stopped);
    m.current = Some(TRACER);
    m.take_effects();
    assert_eq!(control(&mut m, TRACEE, a, ResumeAction::SingleStep), Ok(()));
    let want = [Effect::NotifyResume(TRACEE), Effect::Wake(TRACEE)];
    assert_eq!(m.take_effects(), want, "no step-off: it resumes stepping");
    m.current = Some(TRACEE);
    assert_eq!(report_resume(&mut m, TRACEE), Reported::Done(()));
    m.take_effects();
    m.calls.clear();
    // The pending step request itself is the last pass: no callback, stepping on.
    assert_eq!(report_resume(&mut m, TRACEE), Reported::Done(()));
    assert_eq!(m.take_effects(), [Effect::Step(TRACEE, UserStep::Single)]);
    assert!(m.calls.is_empty());
    // Stop after the step, then detach: the task resumes without stepping.
    m.current = Some(TRACER);
    let _ = control(&mut m, TRACEE, a, ResumeAction::Stop);
    m.current = Some(TRACEE);
    m.answer("A", Kind::Quiesce(0), STOP);
    assert_eq!(report_resume(&mut m, TRACEE), Reported::Stopped);
    m.current = Some(TRACER);
    m.take_effects();
    assert_eq!(control(&mut m, TRACEE, a, ResumeAction::Detach), Ok(()));
    let effects = m.take_effects();
    assert!(
        effects.contains(&Effect::Step(TRACEE, UserStep::Off)),
        "{effects:?}"
    );
    assert!(effects.contains(&Effect::Wake(TRACEE)));
}

#[test]
fn block_step_and_interrupt_requests() {
    let mut m = Mock::new();
    let a = engine(&mut m, TRACEE, "A", Q);
    m.current = Some(TRACER);
    assert_eq!(control(&mut m, TRACEE, a, ResumeAction::BlockStep), Ok(()));
    m.current = Some(TRACEE);
    m.take_effects();
    m.answer("A", Kind::Quiesce(0), 4);
    assert_eq!(report_resume(&mut m, TRACEE), Reported::Done(()));
    assert_eq!(m.take_effects(), [Effect::Step(TRACEE, UserStep::Block)]);
    m.current = Some(TRACER);
    assert_eq!(control(&mut m, TRACEE, a, ResumeAction::Interrupt), Ok(()));
    assert_eq!(m.take_effects(), [Effect::SignalWakeUp(TRACEE)]);
    assert!(m.ut.interrupt_pending(TRACEE));
    // A second INTERRUPT does nothing more.
    assert_eq!(control(&mut m, TRACEE, a, ResumeAction::Interrupt), Ok(()));
    assert!(m.take_effects().is_empty());
}

// ---------------------------------------------------------------------------------------------
// Deferred stops: exec, syscall exit, jctl, clone, vfork, exit
// ---------------------------------------------------------------------------------------------

#[test]
fn stop_answered_to_exec_happens_at_the_return_to_user_mode() {
    let mut m = Mock::new();
    let a = engine(&mut m, TRACEE, "A", Q | EXEC | JCTL);
    m.answer("A", Kind::Exec, STOP);
    report_exec(&mut m, TRACEE);
    assert!(!m.ut.is_utraced(TRACEE));
    assert!(m.ut.engine(a).unwrap().wants_stop);
    assert_eq!(m.take_effects(), [Effect::NotifyResume(TRACEE)]);
    m.answer("A", Kind::Quiesce(0), STOP);
    assert_eq!(report_resume(&mut m, TRACEE), Reported::Stopped);
    // Jctl passes its arguments, and its STOP is deferred the same way.
    m.current = Some(TRACER);
    let _ = control(&mut m, TRACEE, a, ResumeAction::Resume);
    m.current = Some(TRACEE);
    let _ = report_resume(&mut m, TRACEE);
    m.on("A", Kind::Jctl, |_, _, r| {
        assert!(matches!(
            r,
            Report::Jctl {
                what: Jctl::Stopped,
                notify: true
            }
        ));
        STOP
    });
    report_jctl(&mut m, TRACEE, Jctl::Stopped, true);
    assert!(!m.ut.is_utraced(TRACEE));
    assert_eq!(m.ut.pending_resume(TRACEE), ResumeAction::Report);
    assert_eq!(
        (Jctl::Stopped.cld_code(), Jctl::Continued.cld_code()),
        (5, 6)
    );
}

#[test]
fn clone_callback_attaches_the_child_first_and_stops_it_before_user_mode() {
    let mut m = Mock::new();
    engine(&mut m, TRACEE, "A", CLONE);
    m.ut.task_created(CHILD);
    // A third party (on another vCPU) races for the newborn child: it must wait.
    m.current = Some(TRACER);
    let early = attach(&mut m, CHILD, ATTACH_CREATE, Some(Ops::Counter), "T");
    assert_eq!(early, Err(Error::RestartNoIntr));
    m.current = Some(TRACEE);
    m.on("A", Kind::Clone, |m, _, r| {
        let Report::Clone { clone_flags, child } = *r else {
            panic!("not a clone report");
        };
        assert_eq!((clone_flags, child), (0x11, CHILD));
        let c = attach(m, child, ATTACH_CREATE, Some(Ops::Tracer), "child").unwrap();
        set_events(m, child, c, Q).unwrap();
        assert_eq!(
            control(m, child, c, ResumeAction::Stop),
            Err(Error::InProgress)
        );
        RESUME
    });
    report_clone(&mut m, TRACEE, 0x11, CHILD);
    assert!(m.effects.contains(&Effect::NotifyResume(CHILD)));
    m.current = Some(TRACER);
    let late = attach(&mut m, CHILD, ATTACH_CREATE, Some(Ops::Counter), "T").unwrap();
    let engines = m.ut.engines(CHILD);
    assert_eq!(engines.len(), 2);
    assert_eq!(engines[1], late, "the creator's engine is first");
    // The child's first return to user mode: its engine keeps it stopped.
    m.current = Some(CHILD);
    m.answer("child", Kind::Quiesce(0), STOP);
    assert_eq!(report_resume(&mut m, CHILD), Reported::Stopped);
    assert!(m.ut.is_utraced(CHILD));
}

#[test]
fn stop_wanted_by_an_engine_without_quiesce_is_taken_at_the_next_pass() {
    let mut m = Mock::new();
    let a = engine(&mut m, TRACEE, "A", EXITSYS);
    engine(&mut m, TRACEE, "Q", Q);
    m.current = Some(TRACER);
    assert_eq!(
        control(&mut m, TRACEE, a, ResumeAction::Stop),
        Err(Error::InProgress)
    );
    m.current = Some(TRACEE);
    assert_eq!(report_resume(&mut m, TRACEE), Reported::Stopped);
    assert_eq!(m.seq(), [("Q", Kind::Quiesce(0))]);
}

#[test]
fn vfork_stop_happens_before_the_wait() {
    let mut m = Mock::new();
    let a = engine(&mut m, TRACEE, "A", CLONE);
    m.answer("A", Kind::Clone, STOP);
    report_clone(&mut m, TRACEE, CLONE_VFORK, CHILD);
    assert!(!m.effects.contains(&Effect::NotifyResume(TRACEE)));
    assert_eq!(finish_vfork(&mut m, TRACEE), Reported::Stopped);
    assert_eq!(m.ut.progress(TRACEE), Progress::Vfork);
    m.current = Some(TRACER);
    let _ = control(&mut m, TRACEE, a, ResumeAction::Resume);
    m.current = Some(TRACEE);
    assert_eq!(finish_vfork(&mut m, TRACEE), Reported::Done(()));
    assert_eq!(finish_vfork(&mut m, TRACEE), Reported::Done(()), "once");
}

#[test]
fn exit_report_may_rewrite_the_code_and_stop_before_teardown() {
    let mut m = Mock::new();
    let a = engine(&mut m, TRACEE, "A", EXIT);
    engine(&mut m, TRACEE, "B", EXIT);
    m.on("A", Kind::Exit, |_, _, r| {
        let Report::Exit { orig_code, code } = r else {
            panic!("not an exit report");
        };
        assert_eq!((*orig_code, **code), (0x100, 0x100));
        **code = 0x300;
        STOP
    });
    m.on("B", Kind::Exit, |_, _, r| {
        let Report::Exit { orig_code, code } = r else {
            panic!("not an exit report");
        };
        assert_eq!((*orig_code, **code), (0x100, 0x300));
        RESUME
    });
    let mut code = 0x100;
    assert_eq!(report_exit(&mut m, TRACEE, &mut code), Reported::Stopped);
    assert_eq!(code, 0x300);
    m.current = Some(TRACER);
    let _ = control(&mut m, TRACEE, a, ResumeAction::Resume);
    m.current = Some(TRACEE);
    m.calls.clear();
    assert_eq!(report_exit(&mut m, TRACEE, &mut code), Reported::Done(()));
    assert!(m.calls.is_empty());
}

// ---------------------------------------------------------------------------------------------
// Death and reap (§1.6 "End of life")
// ---------------------------------------------------------------------------------------------

#[test]
fn reap_waits_for_the_death_report() {
    let mut m = Mock::new();
    let a = engine(&mut m, TRACEE, "A", DEATH | REAP);
    engine_put(&mut m, a).unwrap();
    m.zombie(TRACEE);
    report_reap(&mut m, TRACEE);
    assert!(m.calls.is_empty(), "no REAP before DEATH");
    report_death(&mut m, TRACEE, false, -1);
    assert_eq!(m.seq(), [("A", Kind::Death), ("A", Kind::Reap)]);
    assert_eq!(m.released, vec![(Ops::Tracer, "A")]);
    assert!(m.ut.engines(TRACEE).is_empty());
}

#[test]
fn death_callback_detach_means_no_reap_callback() {
    let mut m = Mock::new();
    let a = engine(&mut m, TRACEE, "A", DEATH | REAP);
    engine(&mut m, TRACEE, "B", Q | REAP);
    engine_put(&mut m, a).unwrap();
    m.answer("A", Kind::Death, DETACH);
    m.zombie(TRACEE);
    report_death(&mut m, TRACEE, true, 17);
    assert_eq!(m.released, vec![(Ops::Tracer, "A")], "unlinked at once");
    report_reap(&mut m, TRACEE);
    let want = [
        ("A", Kind::Death),
        ("B", Kind::Quiesce(DEATH)),
        ("B", Kind::Reap),
    ];
    assert_eq!(m.seq(), want);
}

#[test]
fn death_arguments_and_engines_without_death() {
    let mut m = Mock::new();
    engine(&mut m, TRACEE, "R", REAP);
    m.zombie(TRACEE);
    report_death(&mut m, TRACEE, true, 17);
    assert!(m.calls.is_empty(), "nobody wants DEATH or QUIESCE");
    engine(&mut m, TRACER, "D", DEATH);
    m.on("D", Kind::Death, |_, _, r| {
        assert!(matches!(
            r,
            Report::Death {
                group_dead: false,
                signal: 17
            }
        ));
        RESUME
    });
    m.zombie(TRACER);
    report_death(&mut m, TRACER, false, 17);
    report_reap(&mut m, TRACEE);
    assert_eq!(m.seq(), [("D", Kind::Death), ("R", Kind::Reap)]);
}

// ---------------------------------------------------------------------------------------------
// Signals (§1.3 report_signal, §1.4)
// ---------------------------------------------------------------------------------------------

#[test]
fn first_signal_check_after_attach_splices_the_new_engine_then_loops() {
    let mut m = Mock::new();
    engine(&mut m, TRACEE, "A", Q | SIGNAL_ALL);
    m.queue(TRACEE, sig::SIGUSR1, 0x1000, 0);
    // Only the new engine's splice: no report was requested, so no callback either.
    assert_eq!(
        get_signal(&mut m, TRACEE),
        Reported::Done(SignalDecision::Again)
    );
    assert!(m.take_seq().is_empty());
    assert_eq!(m.t(TRACEE).queue.len(), 1, "not dequeued");
    let r = get_signal(&mut m, TRACEE);
    assert!(matches!(
        r,
        Reported::Done(SignalDecision::Deliver { signr: 10, .. })
    ));
    assert_eq!(m.last_action("A", Kind::Signal), Some(SIG_DELIVER | RESUME));
}

#[test]
fn signal_disposition_by_kind() {
    // (signal, handler, event bit, disposition the first engine sees)
    let cases = [
        (sig::SIGUSR1, 0x1000, 8, SIG_DELIVER),
        (sig::SIGUSR1, SIG_IGN, 9, SIG_IGNORE),
        (sig::SIGCHLD, SIG_DFL, 9, SIG_IGNORE),
        (sig::SIGCONT, SIG_DFL, 9, SIG_IGNORE),
        (sig::SIGSTOP, SIG_DFL, 10, 0x40),
        (sig::SIGTSTP, SIG_DFL, 10, 0x50),
        (sig::SIGTERM, SIG_DFL, 11, SIG_TERM),
        (sig::SIGUSR2, SIG_DFL, 11, SIG_TERM),
        (40, SIG_DFL, 11, SIG_TERM),
        (sig::SIGSEGV, SIG_DFL, 12, 0x30),
        (sig::SIGQUIT, SIG_DFL, 12, 0x30),
    ];
    for (s, handler, bit, disp) in cases {
        let mut m = Mock::new();
        engine(&mut m, TRACEE, "only", 1 << bit);
        settle(&mut m);
        m.queue(TRACEE, s, handler, 0);
        let _ = get_signal(&mut m, TRACEE);
        assert_eq!(m.seq(), [("only", Kind::Signal)], "signal {s}");
        assert_eq!(
            m.last_action("only", Kind::Signal),
            Some(disp | RESUME),
            "signal {s}"
        );
        // An engine wanting the other signal kinds does not see it.
        let mut m = Mock::new();
        engine(&mut m, TRACEE, "other", SIGNAL_ALL & !(1 << bit));
        settle(&mut m);
        m.queue(TRACEE, s, handler, 0);
        let r = get_signal(&mut m, TRACEE);
        assert!(m.calls.is_empty(), "signal {s}");
        let Reported::Done(SignalDecision::Deliver { signr, ka, .. }) = r else {
            panic!("signal {s}: {r:?}");
        };
        assert_eq!((signr, ka.handler), (s, handler));
    }
}

#[test]
fn signal_disposition_is_chained_and_ignore_drops_it() {
    let mut m = Mock::new();
    engine(&mut m, TRACEE, "A", SIGNAL_ALL);
    engine(&mut m, TRACEE, "B", SIGNAL_ALL);
    settle(&mut m);
    m.queue(TRACEE, sig::SIGUSR1, 0x1000, 0);
    m.answer("A", Kind::Signal, SIG_IGNORE | RESUME);
    let r = get_signal(&mut m, TRACEE);
    assert_eq!(r, Reported::Done(SignalDecision::Again));
    assert_eq!(m.last_action("B", Kind::Signal), Some(SIG_IGNORE | RESUME));
    assert!(m.t(TRACEE).queue.is_empty());
    assert!(!m.effects.iter().any(|e| matches!(e, Effect::PushBack(..))));
}

#[test]
fn chosen_default_actions_use_a_representative_signal() {
    let cases = [
        (SIG_TERM, sig::SIGTERM),
        (0x30, sig::SIGQUIT),
        (0x40, sig::SIGSTOP),
        (0x50, sig::SIGTSTP),
    ];
    for (disp, signr) in cases {
        let mut m = Mock::new();
        engine(&mut m, TRACEE, "A", SIGNAL_ALL);
        settle(&mut m);
        m.queue(TRACEE, sig::SIGUSR1, 0x1000, 0);
        m.answer("A", Kind::Signal, disp | RESUME);
        let r = get_signal(&mut m, TRACEE);
        let Reported::Done(SignalDecision::Deliver { signr: s, info, ka }) = r else {
            panic!("{r:?}");
        };
        assert_eq!((s, info.signo, ka.handler), (signr, sig::SIGUSR1, SIG_DFL));
    }
}

#[test]
fn engine_may_rewrite_the_signal_and_its_action() {
    let mut m = Mock::new();
    engine(&mut m, TRACEE, "A", SIGNAL_ALL);
    settle(&mut m);
    m.queue(TRACEE, sig::SIGUSR1, SIG_DFL, 0);
    m.on("A", Kind::Signal, |_, _, r| {
        let Report::Signal {
            info,
            orig_ka,
            return_ka,
        } = r
        else {
            panic!("not a signal report");
        };
        assert_eq!(orig_ka.map(|k| k.handler), Some(SIG_DFL));
        info.signo = sig::SIGUSR2;
        return_ka.handler = 0x2000;
        return_ka.flags = 0x8000_0000; // SA_RESETHAND
        SIG_DELIVER | RESUME
    });
    let r = get_signal(&mut m, TRACEE);
    let Reported::Done(SignalDecision::Deliver { signr, info, ka }) = r else {
        panic!("{r:?}");
    };
    assert_eq!(
        (signr, info.signo, ka.handler, ka.flags),
        (12, 12, 0x2000, 0)
    );
    assert_eq!(m.effects, [Effect::ResetHandler(TRACEE, sig::SIGUSR2)]);
}

#[test]
fn hold_pushes_the_signal_back() {
    let mut m = Mock::new();
    engine(&mut m, TRACEE, "A", SIGNAL_ALL);
    settle(&mut m);
    m.queue(TRACEE, sig::SIGUSR1, 0x1000, 0);
    m.answer("A", Kind::Signal, SIG_IGNORE | HOLD | RESUME);
    assert_eq!(
        get_signal(&mut m, TRACEE),
        Reported::Done(SignalDecision::Again)
    );
    let want = [
        Effect::Step(TRACEE, UserStep::Off),
        Effect::PushBack(TRACEE, sig::SIGUSR1),
    ];
    assert_eq!(
        m.effects, want,
        "the last pass before user mode, then the push-back"
    );
    assert_eq!(m.t(TRACEE).queue.len(), 1);
}

#[test]
fn sigkill_is_never_intercepted() {
    let mut m = Mock::new();
    engine(&mut m, TRACEE, "A", SIGNAL_ALL | Q);
    settle(&mut m);
    m.queue(TRACEE, sig::SIGKILL, SIG_DFL, 0);
    let r = get_signal(&mut m, TRACEE);
    assert!(matches!(
        r,
        Reported::Done(SignalDecision::Deliver { signr: 9, .. })
    ));
    assert!(m.calls.is_empty());
}

#[test]
fn no_signal_engines_means_normal_delivery() {
    let mut m = Mock::new();
    assert_eq!(
        get_signal(&mut m, TRACEE),
        Reported::Done(SignalDecision::Normal)
    );
    engine(&mut m, TRACEE, "A", ENTRY);
    settle(&mut m);
    m.queue(TRACEE, sig::SIGUSR1, 0x1000, 0);
    assert_eq!(
        get_signal(&mut m, TRACEE),
        Reported::Done(SignalDecision::Normal)
    );
    assert_eq!(m.t(TRACEE).queue.len(), 1, "left for the kernel");
    engine(&mut m, TRACEE, "S", SIGNAL_ALL);
    settle(&mut m);
    m.t(TRACEE).group_stop = true;
    assert_eq!(
        get_signal(&mut m, TRACEE),
        Reported::Done(SignalDecision::Normal)
    );
}

#[test]
fn engine_without_report_signal_gets_quiesce_and_cannot_change_the_disposition() {
    let mut m = Mock::new();
    let n = attach(&mut m, TRACEE, ATTACH_CREATE, Some(Ops::NoSignal), "N").unwrap();
    set_events(&mut m, TRACEE, n, Q | SIGNAL_ALL).unwrap();
    settle(&mut m);
    m.queue(TRACEE, sig::SIGUSR2, SIG_DFL, 0);
    m.answer("N", Kind::Quiesce(1 << 11), SIG_IGNORE | RESUME);
    let r = get_signal(&mut m, TRACEE);
    assert_eq!(m.seq(), [("N", Kind::Quiesce(1 << 11))]);
    // TERM stays the disposition: SIGTERM's default action, reported as SIGUSR2.
    let Reported::Done(SignalDecision::Deliver { signr, info, .. }) = r else {
        panic!("{r:?}");
    };
    assert_eq!((signr, info.signo), (sig::SIGTERM, sig::SIGUSR2));
}

#[test]
fn signal_stop_then_resume_then_pushed_back() {
    let mut m = Mock::new();
    let a = engine(&mut m, TRACEE, "A", SIGNAL_ALL);
    settle(&mut m);
    m.queue(TRACEE, sig::SIGUSR1, 0x1000, 0);
    m.answer("A", Kind::Signal, SIG_IGNORE | HOLD | STOP);
    assert_eq!(get_signal(&mut m, TRACEE), Reported::Stopped);
    assert!(m.ut.is_utraced(TRACEE));
    assert!(!m.effects.iter().any(|e| matches!(e, Effect::PushBack(..))));
    m.current = Some(TRACER);
    let _ = control(&mut m, TRACEE, a, ResumeAction::Resume);
    m.current = Some(TRACEE);
    m.calls.clear();
    assert_eq!(
        get_signal(&mut m, TRACEE),
        Reported::Done(SignalDecision::Again)
    );
    assert!(m.calls.is_empty());
    assert!(m.effects.contains(&Effect::PushBack(TRACEE, sig::SIGUSR1)));
}

#[test]
fn sigkill_during_a_signal_stop_is_delivered_alone() {
    let mut m = Mock::new();
    engine(&mut m, TRACEE, "A", SIGNAL_ALL);
    settle(&mut m);
    m.queue(TRACEE, sig::SIGUSR1, 0x1000, 0);
    m.answer("A", Kind::Signal, SIG_IGNORE | STOP);
    assert_eq!(get_signal(&mut m, TRACEE), Reported::Stopped);
    m.queue(TRACEE, sig::SIGUSR2, 0x1000, 0);
    m.kill(TRACEE);
    assert!(m.ut.wake_killed(TRACEE));
    let r = get_signal(&mut m, TRACEE);
    assert!(
        matches!(r, Reported::Done(SignalDecision::Deliver { signr: 9, .. })),
        "{r:?}"
    );
    assert_eq!(m.t(TRACEE).queue.len(), 1, "SIGUSR2 stays queued");
}

#[test]
fn interrupt_forces_a_signal_report_where_a_signal_may_be_injected() {
    let mut m = Mock::new();
    let a = engine(&mut m, TRACEE, "A", Q | SIGNAL_ALL);
    m.current = Some(TRACER);
    assert_eq!(control(&mut m, TRACEE, a, ResumeAction::Interrupt), Ok(()));
    m.current = Some(TRACEE);
    m.on("A", Kind::Signal, |_, _, r| {
        let Report::Signal {
            info,
            orig_ka,
            return_ka,
        } = r
        else {
            panic!("not a signal report");
        };
        assert!(orig_ka.is_none());
        assert_eq!(info.signo, 0);
        info.signo = sig::SIGUSR2;
        return_ka.handler = 0x2000;
        SIG_DELIVER | RESUME
    });
    let r = get_signal(&mut m, TRACEE);
    assert_eq!(m.last_action("A", Kind::Signal), Some(SIG_REPORT | RESUME));
    let Reported::Done(SignalDecision::Deliver { signr, ka, .. }) = r else {
        panic!("{r:?}");
    };
    assert_eq!((signr, ka.handler), (sig::SIGUSR2, 0x2000));
    assert!(!m.ut.interrupt_pending(TRACEE));
}

#[test]
fn report_and_interrupt_answers_to_a_signal_report_count_as_resume() {
    let mut m = Mock::new();
    let a = engine(&mut m, TRACEE, "A", Q | SIGNAL_ALL);
    m.current = Some(TRACER);
    let _ = control(&mut m, TRACEE, a, ResumeAction::Interrupt);
    m.current = Some(TRACEE);
    m.take_effects();
    m.answer("A", Kind::Signal, SIG_REPORT | INTERRUPT);
    assert_eq!(
        get_signal(&mut m, TRACEE),
        Reported::Done(SignalDecision::Again)
    );
    assert_eq!(m.ut.pending_resume(TRACEE), ResumeAction::Resume);
    let want = [Effect::Recalc(TRACEE), Effect::Step(TRACEE, UserStep::Off)];
    assert_eq!(m.take_effects(), want, "no new SIGPENDING: no report loop");
}

#[test]
fn stepping_into_a_handler_gives_a_handler_report() {
    let mut m = Mock::new();
    engine(&mut m, TRACEE, "A", Q | SIGNAL_ALL);
    signal_handler(&mut m, TRACEE, true);
    assert_eq!(m.take_effects(), [Effect::SigPending(TRACEE)]);
    // Already interrupted: a second handler setup raises nothing more.
    signal_handler(&mut m, TRACEE, true);
    assert!(m.take_effects().is_empty());
    let _ = get_signal(&mut m, TRACEE);
    assert_eq!(m.last_action("A", Kind::Signal), Some(SIG_HANDLER | RESUME));
    m.take_effects();
    // Not stepping: only a notify-resume pass, which clears the handler mark.
    signal_handler(&mut m, TRACEE, false);
    assert_eq!(m.take_effects(), [Effect::NotifyResume(TRACEE)]);
    m.calls.clear();
    assert_eq!(report_resume(&mut m, TRACEE), Reported::Done(()));
    assert_eq!(
        get_signal(&mut m, TRACEE),
        Reported::Done(SignalDecision::Normal)
    );
    assert!(m.calls.is_empty());
}

#[test]
fn engine_stopping_or_stepping_into_a_handler_gets_a_report_after_setup() {
    let mut m = Mock::new();
    engine(&mut m, TRACEE, "A", Q | SIGNAL_ALL);
    settle(&mut m);
    m.queue(TRACEE, sig::SIGUSR1, 0x1000, 0);
    m.answer("A", Kind::Signal, SIG_DELIVER | SINGLESTEP);
    let r = get_signal(&mut m, TRACEE);
    assert!(matches!(
        r,
        Reported::Done(SignalDecision::Deliver { signr: 10, .. })
    ));
    assert_eq!(m.ut.pending_resume(TRACEE), ResumeAction::Interrupt);
    assert!(m.effects.contains(&Effect::SigPending(TRACEE)));
}

// ---------------------------------------------------------------------------------------------
// No engines, bookkeeping
// ---------------------------------------------------------------------------------------------

#[test]
fn reports_without_engines_do_nothing() {
    let mut m = Mock::new();
    let r = report_syscall_entry(&mut m, TRACEE);
    assert_eq!(r, Reported::Done(SyscallDecision::Run));
    report_syscall_exit(&mut m, TRACEE);
    report_exec(&mut m, TRACEE);
    report_clone(&mut m, TRACEE, 0, CHILD);
    report_jctl(&mut m, TRACEE, Jctl::Continued, false);
    let mut code = 0;
    assert_eq!(report_exit(&mut m, TRACEE, &mut code), Reported::Done(()));
    assert_eq!(report_resume(&mut m, TRACEE), Reported::Done(()));
    assert_eq!(finish_vfork(&mut m, TRACEE), Reported::Done(()));
    signal_handler(&mut m, TRACEE, true);
    report_death(&mut m, TRACEE, true, 17);
    report_reap(&mut m, TRACEE);
    assert!(m.calls.is_empty());
    assert!(m.effects.is_empty());
    assert_eq!(m.ut.flags(TRACEE), 0);
}

#[test]
fn task_flags_are_the_union_of_engine_masks_plus_reap() {
    let mut m = Mock::new();
    let a = engine(&mut m, TRACEE, "A", ENTRY);
    engine(&mut m, TRACEE, "B", EXEC | Q);
    assert_eq!(m.ut.flags(TRACEE), REAP | ENTRY | EXEC | Q);
    assert!(m.ut.wants(TRACEE, Event::Exec));
    assert!(!m.ut.wants(TRACEE, Event::Clone));
    m.t(TRACEE).facts.job_stopped = true;
    m.current = Some(TRACER);
    let _ = control(&mut m, TRACEE, a, ResumeAction::Detach);
    assert_eq!(m.ut.flags(TRACEE), REAP | EXEC | Q);
    let names: BTreeSet<Name> =
        m.ut.engines(TRACEE)
            .iter()
            .filter_map(|&e| m.ut.engine(e).map(|i| i.data))
            .collect();
    assert_eq!(names, BTreeSet::from(["B"]));
}
