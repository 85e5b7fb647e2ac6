//! The return-to-user work loop, the notify-resume registry and the syscall work
//! (kernel-facilities.md §3): a property test over random flags and random convergent handlers,
//! the livelock watchdog, descheduling, and the fixed orders of Linux's generic entry code.

use ia64_guest_kernel::entry::SysResult;
use ia64_guest_kernel::work::{
    exit_to_user_mode_loop, resume_user_mode_work, syscall_enter_work, syscall_exit_work,
    EnterOutcome, ExitWork, LoopEnd, NotifyPending, NotifyRegistry, NotifyResumeWork, NotifyUser,
    RegisterError, Step, SyscallWork, SyscallWorkFlags, SyscallWorkHooks, SyscallWorkProgress,
    TaskContext, TaskWork, Tif, TifFlags, EXIT_TO_USER_MODE_WORK, MAX_PASSES, NO_SYSCALL,
};
use proptest::prelude::*;

/// The table position each flag must have (Linux order: reschedule, signals, notify-resume,
/// then ia64's RSE sync). Wildcard-free: a new flag does not compile here until placed.
fn expected_position(t: Tif) -> usize {
    match t {
        Tif::NeedResched => 0,
        Tif::SigPending => 1,
        Tif::NotifyResume => 2,
        Tif::RestoreRse => 3,
    }
}

const FLAGS: [Tif; 4] = [
    Tif::NeedResched,
    Tif::SigPending,
    Tif::NotifyResume,
    Tif::RestoreRse,
];

// ---------------------------------------------------------------------------------------------
// A scripted task for the exit loop
// ---------------------------------------------------------------------------------------------

/// One handler call as observed from inside the handler.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Call {
    pass: u64,
    flag: Tif,
    /// Was the flag still set when its handler ran? (must be false: clear before act)
    flag_set_during_call: bool,
}

/// A task whose handlers follow scripts: the k-th call of a flag's handler raises `raises[k]`
/// and returns `steps[k]` (nothing and Continue once a script runs out).
#[derive(Default)]
struct Scripted {
    work: TaskWork,
    raises: [Vec<TifFlags>; 4],
    steps: [Vec<Step>; 4],
    made: [usize; 4],
    calls: Vec<Call>,
    /// Times each flag went from clear to set (initially or raised by a handler).
    newly_raised: [u64; 4],
    /// A handler that raises its own flag on every call.
    forever: Option<Tif>,
    /// Handler calls that returned Descheduled.
    descheduled: usize,
}

impl Scripted {
    fn with_flags(initial: TifFlags) -> Self {
        let mut s = Self::default();
        for f in FLAGS {
            if initial.test(f) {
                s.raise(f);
            }
        }
        s
    }

    fn raise(&mut self, f: Tif) {
        if !self.work.flags.test_and_set(f) {
            self.newly_raised[expected_position(f)] += 1;
        }
    }

    fn handle(&mut self, flag: Tif) -> Step {
        let i = expected_position(flag);
        self.calls.push(Call {
            pass: self.work.stats.passes,
            flag,
            flag_set_during_call: self.work.flags.test(flag),
        });
        let k = self.made[i];
        self.made[i] += 1;
        if self.forever == Some(flag) {
            self.raise(flag);
        }
        if let Some(set) = self.raises[i].get(k).copied() {
            for f in FLAGS {
                if set.test(f) {
                    self.raise(f);
                }
            }
        }
        let step = self.steps[i].get(k).copied().unwrap_or(Step::Continue);
        self.descheduled += usize::from(step == Step::Descheduled);
        step
    }
}

impl TaskContext for Scripted {
    fn task_work(&mut self) -> &mut TaskWork {
        &mut self.work
    }
}

impl ExitWork for Scripted {
    fn schedule(&mut self) -> Step {
        self.handle(Tif::NeedResched)
    }
    fn do_signal(&mut self) -> Step {
        self.handle(Tif::SigPending)
    }
    fn notify_resume(&mut self) -> Step {
        self.handle(Tif::NotifyResume)
    }
    fn restore_rse(&mut self) -> Step {
        self.handle(Tif::RestoreRse)
    }
}

fn flag_set() -> impl Strategy<Value = TifFlags> {
    (0u8..16).prop_map(|b| {
        FLAGS
            .iter()
            .copied()
            .filter(|f| b & (1 << expected_position(*f)) != 0)
            .collect()
    })
}

/// Checks the invariants of a finished run: final flags empty, every newly raised flag handled
/// exactly once per raise, the flag clear while its handler ran, and table order within passes.
fn check_finished(s: &Scripted) -> Result<(), TestCaseError> {
    prop_assert!(s.work.flags.is_empty(), "flags left: {:?}", s.work.flags);
    for f in FLAGS {
        let handled = s.calls.iter().filter(|c| c.flag == f).count() as u64;
        prop_assert_eq!(handled, s.newly_raised[expected_position(f)], "{:?}", f);
        prop_assert_eq!(s.work.stats.calls(f), handled, "{:?}", f);
    }
    for c in &s.calls {
        prop_assert!(
            !c.flag_set_during_call,
            "{:?} set while its handler ran",
            c.flag
        );
    }
    for w in s.calls.windows(2) {
        prop_assert!(w[0].pass <= w[1].pass);
        if w[0].pass == w[1].pass {
            prop_assert!(
                expected_position(w[0].flag) < expected_position(w[1].flag),
                "out of table order in pass {}: {:?} then {:?}",
                w[0].pass,
                w[0].flag,
                w[1].flag
            );
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig {
        rng_algorithm: proptest::test_runner::RngAlgorithm::XorShift,
        ..ProptestConfig::with_cases(2_000)
    })]

    /// Random initial flags; each handler raises, on its first few calls, a random subset of
    /// flags (its own included): the loop returns to user mode with every raise handled.
    #[test]
    fn convergent_handlers_always_return_to_user(
        initial in flag_set(),
        scripts in prop::array::uniform4(prop::collection::vec(flag_set(), 0..4)),
    ) {
        let mut s = Scripted::with_flags(initial);
        s.raises = scripts;
        let end = exit_to_user_mode_loop(&mut s);
        let passes = match end {
            Ok(LoopEnd::ReturnToUser { passes }) => passes,
            other => return Err(TestCaseError::fail(format!("{other:?}"))),
        };
        check_finished(&s)?;
        prop_assert_eq!(u64::from(passes), s.work.stats.passes);
        let distinct_passes = {
            let mut p: Vec<u64> = s.calls.iter().map(|c| c.pass).collect();
            p.dedup();
            p
        };
        prop_assert_eq!(distinct_passes, (1..=u64::from(passes)).collect::<Vec<_>>());
        prop_assert_eq!(s.work.stats.loops, u64::from(!initial.is_empty()));
    }

    /// Same, with handlers that sometimes deschedule: calling the loop again each time the
    /// task "runs again" finishes the work.
    #[test]
    fn descheduling_handlers_finish_when_called_again(
        initial in flag_set(),
        scripts in prop::array::uniform4(prop::collection::vec(flag_set(), 0..4)),
        desched in prop::array::uniform4(prop::collection::vec(any::<bool>(), 0..4)),
    ) {
        let mut s = Scripted::with_flags(initial);
        s.raises = scripts;
        s.steps = desched.map(|v| {
            v.into_iter()
                .map(|d| if d { Step::Descheduled } else { Step::Continue })
                .collect()
        });
        let mut runs = 0;
        loop {
            runs += 1;
            prop_assert!(runs <= 100);
            match exit_to_user_mode_loop(&mut s) {
                Ok(LoopEnd::ReturnToUser { .. }) => break,
                Ok(LoopEnd::Descheduled) => {}
                other => return Err(TestCaseError::fail(format!("{other:?}"))),
            }
        }
        prop_assert_eq!(runs - 1, s.descheduled);
        check_finished(&s)?;
    }
}

#[test]
fn table_is_linux_order_and_mask_is_every_flag() {
    assert_eq!(Tif::ALL.len(), 4);
    for (i, &t) in Tif::ALL.iter().enumerate() {
        assert_eq!(expected_position(t), i, "{t:?}");
        assert!(
            EXIT_TO_USER_MODE_WORK.test(t),
            "{t:?} missing from the exit mask"
        );
    }
    assert_eq!(EXIT_TO_USER_MODE_WORK.bits(), 0b1111);
    assert_eq!(SyscallWork::ALL.len(), 4);
    assert_eq!(SyscallWork::EVERY.bits(), 0b1111);
}

#[test]
fn flag_set_operations() {
    let mut f = TifFlags::default();
    assert!(f.is_empty());
    assert!(!f.test_and_set(Tif::RestoreRse));
    assert!(f.test_and_set(Tif::RestoreRse));
    f.set(Tif::NeedResched);
    assert!(f.test(Tif::NeedResched) && f.test(Tif::RestoreRse) && !f.test(Tif::SigPending));
    assert_eq!(
        f.iter().collect::<Vec<_>>(),
        [Tif::NeedResched, Tif::RestoreRse]
    );
    assert_eq!(format!("{f:?}"), "{NeedResched, RestoreRse}");
    assert_eq!(f, TifFlags::of(&[Tif::RestoreRse, Tif::NeedResched]));
    assert!(f.test_and_clear(Tif::NeedResched));
    assert!(!f.test_and_clear(Tif::NeedResched));
    f.clear(Tif::RestoreRse);
    assert_eq!(f, TifFlags::empty());
    let w = SyscallWorkFlags::of(&[SyscallWork::Emu, SyscallWork::Trace]);
    assert_eq!(format!("{w:?}"), "{Trace, Emu}");
}

#[test]
fn no_work_makes_no_pass() {
    let mut s = Scripted::default();
    assert_eq!(
        exit_to_user_mode_loop(&mut s),
        Ok(LoopEnd::ReturnToUser { passes: 0 })
    );
    assert!(s.calls.is_empty());
    assert_eq!(s.work.stats.loops, 0);
    assert_eq!(s.work.stats.passes, 0);
}

#[test]
fn later_flag_raised_in_a_pass_is_handled_in_that_pass_earlier_one_in_the_next() {
    // do_signal raises RestoreRse (later in the table) and NeedResched (earlier).
    let mut s = Scripted::with_flags(TifFlags::of(&[Tif::SigPending]));
    s.raises[1] = vec![TifFlags::of(&[Tif::RestoreRse, Tif::NeedResched])];
    assert_eq!(
        exit_to_user_mode_loop(&mut s),
        Ok(LoopEnd::ReturnToUser { passes: 2 })
    );
    let seen: Vec<(u64, Tif)> = s.calls.iter().map(|c| (c.pass, c.flag)).collect();
    assert_eq!(
        seen,
        [
            (1, Tif::SigPending),
            (1, Tif::RestoreRse),
            (2, Tif::NeedResched)
        ]
    );
}

#[test]
fn handler_re_raising_itself_forever_is_a_livelock_not_a_hang() {
    let mut s = Scripted::with_flags(TifFlags::of(&[Tif::NotifyResume, Tif::NeedResched]));
    s.forever = Some(Tif::NotifyResume);
    let err = exit_to_user_mode_loop(&mut s).expect_err("must not converge");
    assert_eq!(err.passes, 64);
    assert_eq!(MAX_PASSES, 64);
    assert_eq!(err.pending, TifFlags::of(&[Tif::NotifyResume]));
    assert_eq!(err.calls, [1, 0, 64, 0]);
    let msg = err.to_string();
    assert!(msg.contains("after 64 passes"), "{msg}");
    assert!(msg.contains("still pending {NotifyResume}"), "{msg}");
    assert!(msg.contains("NotifyResume 64"), "{msg}");
}

#[test]
fn two_handlers_raising_each_other_forever_is_a_livelock() {
    let mut s = Scripted::with_flags(TifFlags::of(&[Tif::NeedResched]));
    // schedule raises SigPending, do_signal raises NeedResched, 100 times each.
    s.raises[0] = vec![TifFlags::of(&[Tif::SigPending]); 100];
    s.raises[1] = vec![TifFlags::of(&[Tif::NeedResched]); 100];
    let err = exit_to_user_mode_loop(&mut s).expect_err("must not converge");
    assert_eq!(err.passes, 64);
    assert_eq!(err.pending, TifFlags::of(&[Tif::NeedResched]));
    assert_eq!(err.calls, [64, 64, 0, 0]);
}

#[test]
fn descheduled_returns_at_once_and_the_next_call_starts_from_the_top() {
    let mut s = Scripted::with_flags(TifFlags::of(&[Tif::NeedResched, Tif::SigPending]));
    s.steps[0] = vec![Step::Descheduled];
    assert_eq!(exit_to_user_mode_loop(&mut s), Ok(LoopEnd::Descheduled));
    assert_eq!(s.calls.len(), 1);
    assert_eq!(s.work.flags, TifFlags::of(&[Tif::SigPending]));
    // While off the CPU another task asked this one to reschedule again.
    s.raise(Tif::NeedResched);
    assert_eq!(
        exit_to_user_mode_loop(&mut s),
        Ok(LoopEnd::ReturnToUser { passes: 1 })
    );
    let seen: Vec<(u64, Tif)> = s.calls.iter().map(|c| (c.pass, c.flag)).collect();
    assert_eq!(
        seen,
        [
            (1, Tif::NeedResched),
            (2, Tif::NeedResched),
            (2, Tif::SigPending)
        ]
    );
    assert_eq!(s.work.stats.loops, 2);
}

#[test]
fn dead_stops_the_loop() {
    let mut s = Scripted::with_flags(TifFlags::of(&[Tif::SigPending, Tif::RestoreRse]));
    s.steps[1] = vec![Step::Dead];
    assert_eq!(exit_to_user_mode_loop(&mut s), Ok(LoopEnd::Dead));
    assert_eq!(s.calls.len(), 1);
    assert_eq!(s.calls[0].flag, Tif::SigPending);
}

// ---------------------------------------------------------------------------------------------
// Notify-resume users
// ---------------------------------------------------------------------------------------------

/// A task whose NOTIFY_RESUME handler is `resume_user_mode_work`; users follow scripts.
#[derive(Default)]
struct Notify {
    work: TaskWork,
    /// (pass, user id, NOTIFY_RESUME set during the run, own bit pending during the run)
    runs: Vec<(u64, u8, bool, bool)>,
    /// User id → users it sets again on its k-th run.
    again: Vec<Vec<Vec<NotifyUser>>>,
    /// User id → step on its k-th run.
    steps: Vec<Vec<Step>>,
    made: Vec<usize>,
}

impl Notify {
    fn new(users: usize) -> Self {
        Self {
            again: vec![Vec::new(); users],
            steps: vec![Vec::new(); users],
            made: vec![0; users],
            ..Self::default()
        }
    }
}

impl TaskContext for Notify {
    fn task_work(&mut self) -> &mut TaskWork {
        &mut self.work
    }
}

impl ExitWork for Notify {
    fn schedule(&mut self) -> Step {
        Step::Continue
    }
    fn do_signal(&mut self) -> Step {
        Step::Continue
    }
    fn notify_resume(&mut self) -> Step {
        resume_user_mode_work(self)
    }
    fn restore_rse(&mut self) -> Step {
        Step::Continue
    }
}

impl NotifyResumeWork for Notify {
    fn run_notify_user(&mut self, user: NotifyUser) -> Step {
        let id = usize::from(user.id());
        self.runs.push((
            self.work.stats.passes,
            user.id(),
            self.work.flags.test(Tif::NotifyResume),
            self.work.notify_pending.test(user),
        ));
        let k = self.made[id];
        self.made[id] += 1;
        for &u in self.again[id].get(k).map(Vec::as_slice).unwrap_or(&[]) {
            self.work.set_notify_resume(u);
        }
        self.steps[id].get(k).copied().unwrap_or(Step::Continue)
    }
}

fn registry(names: &[&'static str]) -> (NotifyRegistry, Vec<NotifyUser>) {
    let mut r = NotifyRegistry::new();
    let users = names
        .iter()
        .map(|n| r.register(n).expect("register"))
        .collect();
    (r, users)
}

#[test]
fn registry_ids_follow_registration_order() {
    let (r, users) = registry(&["task_work", "rseq", "utrace"]);
    assert_eq!(users.iter().map(|u| u.id()).collect::<Vec<_>>(), [0, 1, 2]);
    assert_eq!(
        r.users().map(|(_, n)| n).collect::<Vec<_>>(),
        ["task_work", "rseq", "utrace"]
    );
    assert_eq!(r.name(users[1]), Some("rseq"));
    let mut r = r;
    assert_eq!(r.register("rseq"), Err(RegisterError::Duplicate("rseq")));
}

#[test]
fn registry_holds_at_most_32_users() {
    let names: Vec<&'static str> = (0..33)
        .map(|i| &*Box::leak(format!("user{i}").into_boxed_str()))
        .collect();
    let mut r = NotifyRegistry::new();
    for n in &names[..32] {
        r.register(n).expect("fits");
    }
    assert_eq!(r.register(names[32]), Err(RegisterError::Full("user32")));
}

#[test]
fn set_notify_resume_publishes_then_raises_once() {
    let (_, u) = registry(&["a", "b"]);
    let mut w = TaskWork::default();
    assert!(w.set_notify_resume(u[1]), "newly raised: kick");
    assert!(!w.set_notify_resume(u[0]), "already raised: no kick");
    assert!(!w.set_notify_resume(u[1]));
    assert!(w.flags.test(Tif::NotifyResume));
    assert_eq!(w.notify_pending.iter().collect::<Vec<_>>(), [u[0], u[1]]);
    assert_eq!(format!("{:?}", w.notify_pending), "{0, 1}");
    assert!(NotifyPending::default().is_empty());
}

#[test]
fn users_run_in_registration_order_with_flag_and_bit_cleared_first() {
    let (_, u) = registry(&["task_work", "accounting", "rseq"]);
    let mut t = Notify::new(3);
    // Set in reverse order; the run order is still registration order.
    t.work.set_notify_resume(u[2]);
    t.work.set_notify_resume(u[0]);
    assert_eq!(
        exit_to_user_mode_loop(&mut t),
        Ok(LoopEnd::ReturnToUser { passes: 1 })
    );
    assert_eq!(t.runs, [(1, 0, false, false), (1, 2, false, false)]);
    assert!(t.work.notify_pending.is_empty());
    assert_eq!(t.work.stats.notify_runs, 2);
}

#[test]
fn user_setting_itself_again_runs_again_on_the_next_pass() {
    let (_, u) = registry(&["task_work", "rseq"]);
    let mut t = Notify::new(2);
    t.again[1] = vec![vec![u[1]]]; // rseq sets itself again on its first run
    t.work.set_notify_resume(u[1]);
    t.work.set_notify_resume(u[0]);
    assert_eq!(
        exit_to_user_mode_loop(&mut t),
        Ok(LoopEnd::ReturnToUser { passes: 2 })
    );
    let seen: Vec<(u64, u8)> = t.runs.iter().map(|r| (r.0, r.1)).collect();
    assert_eq!(seen, [(1, 0), (1, 1), (2, 1)]);
    assert_eq!(t.work.stats.calls(Tif::NotifyResume), 2);
}

#[test]
fn user_setting_a_later_user_runs_it_in_the_same_pass_an_earlier_one_in_the_next() {
    let (_, u) = registry(&["a", "b", "c"]);
    let mut t = Notify::new(3);
    t.again[1] = vec![vec![u[2], u[0]]];
    t.work.set_notify_resume(u[1]);
    assert_eq!(
        exit_to_user_mode_loop(&mut t),
        Ok(LoopEnd::ReturnToUser { passes: 2 })
    );
    let seen: Vec<(u64, u8)> = t.runs.iter().map(|r| (r.0, r.1)).collect();
    assert_eq!(seen, [(1, 1), (1, 2), (2, 0)]);
}

#[test]
fn spurious_notify_resume_runs_nobody() {
    let mut t = Notify::new(1);
    t.work.flags.set(Tif::NotifyResume);
    assert_eq!(
        exit_to_user_mode_loop(&mut t),
        Ok(LoopEnd::ReturnToUser { passes: 1 })
    );
    assert!(t.runs.is_empty());
    assert!(t.work.flags.is_empty());
}

#[test]
fn user_descheduling_keeps_the_rest_pending_and_the_flag_raised() {
    let (_, u) = registry(&["a", "b", "c"]);
    let mut t = Notify::new(3);
    t.steps[0] = vec![Step::Descheduled];
    for &x in &u {
        t.work.set_notify_resume(x);
    }
    assert_eq!(exit_to_user_mode_loop(&mut t), Ok(LoopEnd::Descheduled));
    assert_eq!(
        t.work.notify_pending.iter().collect::<Vec<_>>(),
        [u[1], u[2]]
    );
    assert!(t.work.flags.test(Tif::NotifyResume));
    assert_eq!(
        exit_to_user_mode_loop(&mut t),
        Ok(LoopEnd::ReturnToUser { passes: 1 })
    );
    let seen: Vec<u8> = t.runs.iter().map(|r| r.1).collect();
    assert_eq!(seen, [0, 1, 2]);
}

#[test]
fn last_user_descheduling_leaves_no_spurious_flag() {
    let (_, u) = registry(&["a"]);
    let mut t = Notify::new(1);
    t.steps[0] = vec![Step::Descheduled];
    t.work.set_notify_resume(u[0]);
    assert_eq!(exit_to_user_mode_loop(&mut t), Ok(LoopEnd::Descheduled));
    assert!(t.work.flags.is_empty());
    assert!(t.work.notify_pending.is_empty());
}

// ---------------------------------------------------------------------------------------------
// Syscall work
// ---------------------------------------------------------------------------------------------

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Hook {
    ReportEntry,
    FatalCheck,
    ReadNr,
    SkipResult,
    AuditEntry(u64),
    AuditExit,
    ReportExit,
    ReportStep,
}

/// A task whose tracer scripts: the syscall number it writes during the enter report, the
/// result it leaves, and whether each report stops the task.
#[derive(Default)]
struct Sys {
    work: TaskWork,
    log: Vec<Hook>,
    nr: u64,
    tracer_sets_nr: Option<u64>,
    tracer_result: Option<SysResult>,
    tracer_switches_to_emu: bool,
    fatal: bool,
    /// Steps of successive reports (Continue when exhausted).
    report_steps: Vec<Step>,
    reports: usize,
}

impl Sys {
    fn new(work: &[SyscallWork]) -> Self {
        let mut s = Self {
            nr: 1024,
            ..Self::default()
        };
        s.work.syscall_work = SyscallWorkFlags::of(work);
        s
    }

    fn report(&mut self, h: Hook) -> Step {
        self.log.push(h);
        let step = self.report_steps.get(self.reports).copied();
        self.reports += 1;
        step.unwrap_or(Step::Continue)
    }
}

impl TaskContext for Sys {
    fn task_work(&mut self) -> &mut TaskWork {
        &mut self.work
    }
}

impl SyscallWorkHooks for Sys {
    fn report_syscall_entry(&mut self) -> Step {
        if let Some(nr) = self.tracer_sets_nr {
            self.nr = nr;
        }
        if self.tracer_switches_to_emu {
            self.work.syscall_work.set(SyscallWork::Emu);
        }
        self.report(Hook::ReportEntry)
    }
    fn fatal_signal_pending(&mut self) -> bool {
        self.log.push(Hook::FatalCheck);
        self.fatal
    }
    fn syscall_nr(&mut self) -> u64 {
        self.log.push(Hook::ReadNr);
        self.nr
    }
    fn skip_result(&mut self) -> Option<SysResult> {
        self.log.push(Hook::SkipResult);
        self.tracer_result
    }
    fn audit_entry(&mut self, nr: u64) {
        self.log.push(Hook::AuditEntry(nr));
    }
    fn audit_exit(&mut self) {
        self.log.push(Hook::AuditExit);
    }
    fn report_syscall_exit(&mut self) -> Step {
        self.report(Hook::ReportExit)
    }
    fn report_single_step(&mut self) -> Step {
        self.report(Hook::ReportStep)
    }
}

const ENOSYS: SysResult = SysResult::Err(38);

#[test]
fn no_syscall_work_runs_the_syscall() {
    let mut s = Sys::new(&[]);
    assert_eq!(syscall_enter_work(&mut s), EnterOutcome::Run { nr: 1024 });
    assert_eq!(syscall_exit_work(&mut s), Step::Continue);
    assert_eq!(s.log, [Hook::ReadNr]);
}

#[test]
fn enter_order_is_report_then_read_nr_again_then_audit() {
    let mut s = Sys::new(&[SyscallWork::Audit, SyscallWork::Trace]);
    s.tracer_sets_nr = Some(1025);
    assert_eq!(syscall_enter_work(&mut s), EnterOutcome::Run { nr: 1025 });
    assert_eq!(
        s.log,
        [
            Hook::ReportEntry,
            Hook::FatalCheck,
            Hook::ReadNr,
            Hook::AuditEntry(1025)
        ]
    );
    assert_eq!(s.work.syscall_progress, SyscallWorkProgress::Idle);
    assert_eq!(s.work.stats.syscall_calls(SyscallWork::Trace), 1);
    assert_eq!(s.work.stats.syscall_calls(SyscallWork::Audit), 1);
}

#[test]
fn emu_reports_then_skips_with_enosys_and_no_audit() {
    let mut s = Sys::new(&[SyscallWork::Emu, SyscallWork::Audit]);
    assert_eq!(
        syscall_enter_work(&mut s),
        EnterOutcome::Skip { result: ENOSYS }
    );
    assert_eq!(
        s.log,
        [Hook::ReportEntry, Hook::FatalCheck, Hook::SkipResult]
    );
    assert_eq!(s.work.stats.syscall_calls(SyscallWork::Emu), 1);
}

#[test]
fn emu_skip_returns_the_result_the_tracer_set() {
    let mut s = Sys::new(&[SyscallWork::Emu]);
    s.tracer_result = Some(SysResult::Ok(7));
    assert_eq!(
        syscall_enter_work(&mut s),
        EnterOutcome::Skip {
            result: SysResult::Ok(7)
        }
    );
}

#[test]
fn fatal_signal_after_the_enter_report_skips_the_syscall() {
    let mut s = Sys::new(&[SyscallWork::Trace, SyscallWork::Audit]);
    s.fatal = true;
    assert_eq!(
        syscall_enter_work(&mut s),
        EnterOutcome::Skip { result: ENOSYS }
    );
    assert_eq!(
        s.log,
        [Hook::ReportEntry, Hook::FatalCheck, Hook::SkipResult]
    );
}

#[test]
fn tracer_cancelling_the_syscall_skips_it_after_audit() {
    let mut s = Sys::new(&[SyscallWork::Trace, SyscallWork::Audit]);
    s.tracer_sets_nr = Some(NO_SYSCALL);
    assert_eq!(
        syscall_enter_work(&mut s),
        EnterOutcome::Skip { result: ENOSYS }
    );
    assert_eq!(
        s.log,
        [
            Hook::ReportEntry,
            Hook::FatalCheck,
            Hook::ReadNr,
            Hook::AuditEntry(u64::MAX),
            Hook::SkipResult
        ]
    );
}

#[test]
fn emu_decision_uses_the_work_word_read_at_entry() {
    // The tracer resumes with PTRACE_SYSEMU during the stop: that applies to the next syscall.
    let mut s = Sys::new(&[SyscallWork::Trace]);
    s.tracer_switches_to_emu = true;
    assert_eq!(syscall_enter_work(&mut s), EnterOutcome::Run { nr: 1024 });
}

#[test]
fn enter_resumes_after_the_stop_without_reporting_again() {
    let mut s = Sys::new(&[SyscallWork::Trace, SyscallWork::Audit]);
    s.report_steps = vec![Step::Descheduled];
    assert_eq!(syscall_enter_work(&mut s), EnterOutcome::Descheduled);
    assert_eq!(s.log, [Hook::ReportEntry]);
    assert!(matches!(
        s.work.syscall_progress,
        SyscallWorkProgress::EnterReported { .. }
    ));
    // The tracer changes the number while the task is stopped.
    s.nr = 1030;
    assert_eq!(syscall_enter_work(&mut s), EnterOutcome::Run { nr: 1030 });
    assert_eq!(
        s.log,
        [
            Hook::ReportEntry,
            Hook::FatalCheck,
            Hook::ReadNr,
            Hook::AuditEntry(1030)
        ]
    );
    assert_eq!(s.work.syscall_progress, SyscallWorkProgress::Idle);
    // The next syscall starts afresh.
    assert_eq!(syscall_enter_work(&mut s), EnterOutcome::Run { nr: 1030 });
    assert_eq!(s.log.iter().filter(|&&h| h == Hook::ReportEntry).count(), 2);
}

#[test]
fn emu_resumed_after_the_stop_still_skips() {
    let mut s = Sys::new(&[SyscallWork::Emu]);
    s.report_steps = vec![Step::Descheduled];
    assert_eq!(syscall_enter_work(&mut s), EnterOutcome::Descheduled);
    s.work.syscall_work = SyscallWorkFlags::empty(); // tracer detached during the stop
    assert_eq!(
        syscall_enter_work(&mut s),
        EnterOutcome::Skip { result: ENOSYS }
    );
    assert_eq!(
        s.log,
        [Hook::ReportEntry, Hook::FatalCheck, Hook::SkipResult]
    );
}

#[test]
fn dead_in_the_enter_report() {
    let mut s = Sys::new(&[SyscallWork::Trace, SyscallWork::Audit]);
    s.report_steps = vec![Step::Dead];
    assert_eq!(syscall_enter_work(&mut s), EnterOutcome::Dead);
    assert_eq!(s.log, [Hook::ReportEntry]);
}

#[test]
fn exit_order_is_audit_then_exit_report() {
    let mut s = Sys::new(&[SyscallWork::Trace, SyscallWork::Audit]);
    assert_eq!(syscall_exit_work(&mut s), Step::Continue);
    assert_eq!(s.log, [Hook::AuditExit, Hook::ReportExit]);
}

#[test]
fn single_step_reports_a_step_instead_of_the_exit_stop() {
    let mut s = Sys::new(&[SyscallWork::SingleStep]);
    assert_eq!(syscall_exit_work(&mut s), Step::Continue);
    assert_eq!(s.log, [Hook::ReportStep]);
    let mut s = Sys::new(&[
        SyscallWork::SingleStep,
        SyscallWork::Trace,
        SyscallWork::Audit,
    ]);
    assert_eq!(syscall_exit_work(&mut s), Step::Continue);
    assert_eq!(s.log, [Hook::AuditExit, Hook::ReportStep]);
    assert_eq!(s.work.stats.syscall_calls(SyscallWork::SingleStep), 1);
    assert_eq!(s.work.stats.syscall_calls(SyscallWork::Trace), 0);
}

#[test]
fn no_step_report_under_emu() {
    let mut s = Sys::new(&[SyscallWork::SingleStep, SyscallWork::Emu]);
    assert_eq!(syscall_exit_work(&mut s), Step::Continue);
    assert!(s.log.is_empty());
    let mut s = Sys::new(&[
        SyscallWork::SingleStep,
        SyscallWork::Emu,
        SyscallWork::Trace,
    ]);
    assert_eq!(syscall_exit_work(&mut s), Step::Continue);
    assert_eq!(s.log, [Hook::ReportExit]);
}

#[test]
fn exit_resumes_after_the_stop_without_repeating_audit_or_report() {
    let mut s = Sys::new(&[SyscallWork::Trace, SyscallWork::Audit]);
    s.report_steps = vec![Step::Descheduled];
    assert_eq!(syscall_exit_work(&mut s), Step::Descheduled);
    assert_eq!(s.work.syscall_progress, SyscallWorkProgress::ExitReported);
    assert_eq!(syscall_exit_work(&mut s), Step::Continue);
    assert_eq!(s.log, [Hook::AuditExit, Hook::ReportExit]);
    assert_eq!(s.work.syscall_progress, SyscallWorkProgress::Idle);
    // The next syscall's exit work runs in full again.
    assert_eq!(syscall_exit_work(&mut s), Step::Continue);
    assert_eq!(
        s.log,
        [
            Hook::AuditExit,
            Hook::ReportExit,
            Hook::AuditExit,
            Hook::ReportExit
        ]
    );
}

#[test]
fn full_syscall_with_stops_at_both_ends() {
    let mut s = Sys::new(&[SyscallWork::Trace]);
    s.report_steps = vec![Step::Descheduled, Step::Descheduled];
    assert_eq!(syscall_enter_work(&mut s), EnterOutcome::Descheduled);
    assert_eq!(syscall_enter_work(&mut s), EnterOutcome::Run { nr: 1024 });
    assert_eq!(syscall_exit_work(&mut s), Step::Descheduled);
    assert_eq!(syscall_exit_work(&mut s), Step::Continue);
    assert_eq!(
        s.log,
        [
            Hook::ReportEntry,
            Hook::FatalCheck,
            Hook::ReadNr,
            Hook::ReportExit
        ]
    );
}
