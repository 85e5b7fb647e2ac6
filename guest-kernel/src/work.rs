//! Thread work flags, the return-to-user work loop, the notify-resume registry and the one-time
//! syscall work: the shape of Linux's generic entry code (`kernel/entry/common.c`,
//! `include/linux/entry-common.h`, `include/linux/resume_user_mode.h`), restated in
//! kernel-facilities.md §3.
//!
//! This module owns the *rules*, not the work itself. It is kernel-independent: the kernel
//! implements the traits ([`ExitWork`], [`NotifyResumeWork`], [`SyscallWorkHooks`]) whose
//! methods are the handlers, and keeps one [`TaskWork`] per task.
//!
//! * **Thread flags** ([`Tif`], in a [`TifFlags`] word) are the exit-to-user work. Each flag has
//!   exactly one handler, an [`ExitWork`] method, reached through one wildcard-free `match`
//!   ([`run_handler`]): a flag without a handler does not compile. The exit mask
//!   [`EXIT_TO_USER_MODE_WORK`] is the union of the handler table [`Tif::ALL`], whose
//!   completeness is itself checked at compile time — never "all bits except" (§3.3, §3.6
//!   rule 1).
//! * **The loop** ([`exit_to_user_mode_loop`]) sweeps the table in the fixed order reschedule,
//!   signals, notify-resume, then the ia64 RSE sync (§3.2, §3.6 rule 6; ia64's
//!   `do_notify_resume_user` runs `TIF_RESTORE_RSE` last, §3.5), clears each bit before calling
//!   its handler (§3.6 rule 4), re-reads the flags after every pass (rule 3) and stops with a
//!   [`Livelock`] diagnostic after [`MAX_PASSES`] passes instead of hanging.
//! * **Notify-resume users** ([`NotifyRegistry`], [`NotifyPending`]) multiplex `NOTIFY_RESUME`
//!   as `resume_user_mode_work` does (§3.2): [`TaskWork::set_notify_resume`] publishes the
//!   user's work, then test-and-sets the flag; [`resume_user_mode_work`] clears the flag first,
//!   then runs each pending user in registration order.
//! * **Syscall work** ([`SyscallWork`], a separate word, §3.2 "from 5.11") is one-time work
//!   outside the loop (§3.6 rules 7–8): [`syscall_enter_work`] and [`syscall_exit_work`].
//!
//! Handlers return a [`Step`]. The host-side kernel cannot block inside a handler the way
//! Linux's `schedule()` does, so a handler that gives up the CPU returns
//! [`Step::Descheduled`]; the loop returns at once and the kernel calls it again from the top
//! when the task runs again. Syscall work keeps its progress in [`TaskWork::syscall_progress`]
//! so that a second call continues after a tracer stop instead of repeating it.

use std::fmt;
use std::marker::PhantomData;

use crate::entry::SysResult;
use crate::syscall::errno;

// ---------------------------------------------------------------------------------------------
// Flag sets
// ---------------------------------------------------------------------------------------------

/// A fieldless enum whose variants are bits of a [`FlagSet`].
pub trait Flag: Copy + Eq + fmt::Debug + 'static {
    /// Every variant, in table order (complete: checked at compile time by `flag_table!`).
    const TABLE: &'static [Self];
    /// This flag's bit (distinct per variant).
    fn bit(self) -> u32;
}

/// Implements [`Flag`] for `$e` from the list of its variants in table order, and checks at
/// compile time that the list is complete and in declaration order:
/// * a wildcard-free `match` over the listed variants fails to compile (E0004) when a variant
///   is missing from the list;
/// * `ALL[i] as usize == i` rejects duplicates and a list out of declaration order, so the
///   discriminant is the table position and `1 << discriminant` a distinct bit.
macro_rules! flag_table {
    ($e:ident: $($v:ident),+ $(,)?) => {
        impl $e {
            /// Every variant, in table order.
            pub const ALL: &'static [$e] = &[$($e::$v),+];
            /// The number of variants.
            pub const COUNT: usize = Self::ALL.len();
            /// The set of every variant.
            pub const EVERY: FlagSet<$e> = {
                let mut bits = 0u32;
                let mut i = 0;
                while i < Self::COUNT {
                    bits |= 1 << (Self::ALL[i] as u32);
                    i += 1;
                }
                FlagSet::from_bits(bits)
            };
        }

        const _: () = {
            #[allow(dead_code)]
            const fn every_variant_is_listed(x: $e) {
                match x {
                    $($e::$v => {})+
                }
            }
            assert!($e::COUNT <= 32, "a FlagSet holds at most 32 flags");
            let mut i = 0;
            while i < $e::COUNT {
                assert!(
                    $e::ALL[i] as usize == i,
                    "the table must list each variant once, in declaration order"
                );
                i += 1;
            }
        };

        impl Flag for $e {
            const TABLE: &'static [Self] = $e::ALL;
            fn bit(self) -> u32 {
                1 << (self as u32)
            }
        }
    };
}

/// A compact set of flags of one kind (one bit per variant of `F`).
pub struct FlagSet<F> {
    bits: u32,
    kind: PhantomData<F>,
}

impl<F> FlagSet<F> {
    /// The empty set.
    pub const fn empty() -> Self {
        Self::from_bits(0)
    }

    const fn from_bits(bits: u32) -> Self {
        Self {
            bits,
            kind: PhantomData,
        }
    }

    /// The raw bits (bit `n` = the variant with discriminant `n`).
    pub const fn bits(self) -> u32 {
        self.bits
    }

    /// No flag is set.
    pub const fn is_empty(self) -> bool {
        self.bits == 0
    }

    /// The flags set in both.
    pub const fn intersection(self, other: Self) -> Self {
        Self::from_bits(self.bits & other.bits)
    }

    /// The flags set in either.
    pub const fn union(self, other: Self) -> Self {
        Self::from_bits(self.bits | other.bits)
    }
}

impl<F: Flag> FlagSet<F> {
    /// The set holding exactly `flags`.
    pub fn of(flags: &[F]) -> Self {
        flags.iter().copied().collect()
    }

    /// Is `f` set?
    pub fn test(self, f: F) -> bool {
        self.bits & f.bit() != 0
    }

    /// Set `f`.
    pub fn set(&mut self, f: F) {
        self.bits |= f.bit();
    }

    /// Clear `f`.
    pub fn clear(&mut self, f: F) {
        self.bits &= !f.bit();
    }

    /// Set `f`; was it already set? (Linux `test_and_set_tsk_thread_flag`.)
    pub fn test_and_set(&mut self, f: F) -> bool {
        let was = self.test(f);
        self.set(f);
        was
    }

    /// Clear `f`; was it set?
    pub fn test_and_clear(&mut self, f: F) -> bool {
        let was = self.test(f);
        self.clear(f);
        was
    }

    /// The set flags, in table order.
    pub fn iter(self) -> impl Iterator<Item = F> {
        F::TABLE.iter().copied().filter(move |&f| self.test(f))
    }
}

impl<F: Flag> FromIterator<F> for FlagSet<F> {
    fn from_iter<I: IntoIterator<Item = F>>(iter: I) -> Self {
        let mut s = Self::empty();
        for f in iter {
            s.set(f);
        }
        s
    }
}

impl<F> Clone for FlagSet<F> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<F> Copy for FlagSet<F> {}

impl<F> PartialEq for FlagSet<F> {
    fn eq(&self, other: &Self) -> bool {
        self.bits == other.bits
    }
}

impl<F> Eq for FlagSet<F> {}

impl<F> Default for FlagSet<F> {
    fn default() -> Self {
        Self::empty()
    }
}

impl<F: Flag> fmt::Debug for FlagSet<F> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_set().entries(self.iter()).finish()
    }
}

// ---------------------------------------------------------------------------------------------
// Thread flags and syscall work bits
// ---------------------------------------------------------------------------------------------

/// Thread-info work flags: the work to do before returning to user mode (§3.2 masks; ia64's
/// `arch/ia64/include/asm/thread_info.h`). Declaration order is the handler order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Tif {
    /// `TIF_NEED_RESCHED`: call the scheduler ([`ExitWork::schedule`]).
    NeedResched,
    /// `TIF_SIGPENDING`: deliver pending signals ([`ExitWork::do_signal`]).
    SigPending,
    /// `TIF_NOTIFY_RESUME`: run the notify-resume users ([`ExitWork::notify_resume`]).
    NotifyResume,
    /// ia64 `TIF_RESTORE_RSE` ("user RBS is newer than kernel RBS"): copy the user register
    /// backing store back into the kernel one before returning (`ia64_sync_krbs`, §3.5)
    /// ([`ExitWork::restore_rse`]).
    RestoreRse,
}

flag_table!(Tif: NeedResched, SigPending, NotifyResume, RestoreRse);

/// Syscall work bits: a separate word, as since Linux 5.11 (`enum syscall_work_bit`, §3.2).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum SyscallWork {
    /// `SYSCALL_WORK_SYSCALL_TRACE`: ptrace syscall-enter and syscall-exit stops.
    Trace,
    /// `SYSCALL_WORK_SYSCALL_AUDIT`: audit at entry and exit.
    Audit,
    /// `SYSCALL_WORK_SYSCALL_EXIT_TRAP`: a single-step report at syscall exit.
    SingleStep,
    /// `SYSCALL_WORK_SYSCALL_EMU` (PTRACE_SYSEMU): report at entry, then skip the syscall.
    Emu,
}

flag_table!(SyscallWork: Trace, Audit, SingleStep, Emu);

/// The thread flags of one task.
pub type TifFlags = FlagSet<Tif>;

/// The syscall work word of one task.
pub type SyscallWorkFlags = FlagSet<SyscallWork>;

/// The exit-to-user work mask: the union of the handler table, never "all bits except"
/// (§3.6 rule 1).
pub const EXIT_TO_USER_MODE_WORK: TifFlags = Tif::EVERY;

// ---------------------------------------------------------------------------------------------
// Per-task state and counters
// ---------------------------------------------------------------------------------------------

/// Counters of the work machinery (reported by `--stats`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct WorkStats {
    /// Calls of the exit loop that found work.
    pub loops: u64,
    /// Passes over the handler table.
    pub passes: u64,
    /// Handler calls per thread flag, indexed by `Tif as usize` (table order).
    pub handler_calls: [u64; Tif::COUNT],
    /// Notify-resume user runs.
    pub notify_runs: u64,
    /// Syscall work hook calls per bit, indexed by `SyscallWork as usize`: entry reports count
    /// under `Emu` when it is set and `Trace` otherwise, exit reports under `Trace`, step
    /// reports under `SingleStep`, audits (entry and exit) under `Audit`.
    pub syscall_work_calls: [u64; SyscallWork::COUNT],
}

impl WorkStats {
    /// Handler calls for `flag`.
    pub fn calls(&self, flag: Tif) -> u64 {
        self.handler_calls[flag as usize]
    }

    /// Syscall work hook calls for `bit`.
    pub fn syscall_calls(&self, bit: SyscallWork) -> u64 {
        self.syscall_work_calls[bit as usize]
    }
}

/// Where a task's syscall work stopped (a tracer stop descheduled it). Idle between syscalls.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum SyscallWorkProgress {
    /// No syscall work under way.
    #[default]
    Idle,
    /// The syscall-enter report has been made (the task stopped in it); `work` is the syscall
    /// work word read when the entry work began (Linux reads it once).
    EnterReported {
        /// The syscall work word at entry.
        work: SyscallWorkFlags,
    },
    /// Exit audit ran and the exit (or single-step) report has been made.
    ExitReported,
}

/// The work state of one task: its two flag words, the notify-resume users it owes a run, the
/// progress of its syscall work, and its counters.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct TaskWork {
    /// Thread flags (exit-to-user work).
    pub flags: TifFlags,
    /// Syscall work word.
    pub syscall_work: SyscallWorkFlags,
    /// Notify-resume users with pending work.
    pub notify_pending: NotifyPending,
    /// Progress of the syscall work in flight.
    pub syscall_progress: SyscallWorkProgress,
    /// Counters.
    pub stats: WorkStats,
}

impl TaskWork {
    /// Linux `set_notify_resume` for one user: record the user's pending work, *then*
    /// test-and-set `NOTIFY_RESUME` (the producer publishes before raising the flag, §3.6
    /// rule 4). Returns true when the flag was newly raised: only then should the caller kick a
    /// task running on another vCPU (`kick_process`; a blocked task is not woken, §3.2).
    pub fn set_notify_resume(&mut self, user: NotifyUser) -> bool {
        self.notify_pending.set(user);
        !self.flags.test_and_set(Tif::NotifyResume)
    }
}

// ---------------------------------------------------------------------------------------------
// Handlers and the exit loop
// ---------------------------------------------------------------------------------------------

/// What a handler did with the CPU.
#[must_use]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    /// The task still runs here: carry on.
    Continue,
    /// The task gave up the CPU inside the handler (another task was switched in, a group or
    /// tracer stop). The caller returns at once; the kernel calls again from the top when the
    /// task runs again (the host-side model of Linux's `schedule()` returning later).
    Descheduled,
    /// The task exited (e.g. a fatal signal: `do_exit` never returns, §3.6 rule 9).
    Dead,
}

/// Access to the [`TaskWork`] of the task a call runs for. It must keep returning that task's
/// state for the whole call, also after a handler returned [`Step::Descheduled`].
pub trait TaskContext {
    /// The task's work state.
    fn task_work(&mut self) -> &mut TaskWork;
}

/// The exit-to-user handlers: one required method per [`Tif`] flag. The loop clears the flag
/// before calling its handler; a handler may raise any flag (its own only conditionally, or
/// the loop never ends, §3.6 rule 5) and must tolerate having nothing to do.
///
/// A kernel that leaves out a handler does not compile:
///
/// ```compile_fail
/// use ia64_guest_kernel::work::{ExitWork, Step, TaskContext, TaskWork};
/// struct K(TaskWork);
/// impl TaskContext for K {
///     fn task_work(&mut self) -> &mut TaskWork { &mut self.0 }
/// }
/// impl ExitWork for K {
///     fn schedule(&mut self) -> Step { Step::Continue }
///     fn do_signal(&mut self) -> Step { Step::Continue }
///     fn notify_resume(&mut self) -> Step { Step::Continue }
///     // no restore_rse
/// }
/// ```
///
/// With every handler it does:
///
/// ```
/// use ia64_guest_kernel::work::{
///     exit_to_user_mode_loop, ExitWork, LoopEnd, Step, TaskContext, TaskWork, Tif,
/// };
/// struct K(TaskWork);
/// impl TaskContext for K {
///     fn task_work(&mut self) -> &mut TaskWork { &mut self.0 }
/// }
/// impl ExitWork for K {
///     fn schedule(&mut self) -> Step { Step::Continue }
///     fn do_signal(&mut self) -> Step { Step::Continue }
///     fn notify_resume(&mut self) -> Step { Step::Continue }
///     fn restore_rse(&mut self) -> Step { Step::Continue }
/// }
/// let mut k = K(TaskWork::default());
/// k.0.flags.set(Tif::SigPending);
/// assert_eq!(exit_to_user_mode_loop(&mut k), Ok(LoopEnd::ReturnToUser { passes: 1 }));
/// ```
pub trait ExitWork: TaskContext {
    /// `NEED_RESCHED`: `schedule()`.
    fn schedule(&mut self) -> Step;
    /// `SIGPENDING`: `arch_do_signal_or_restart` (deliver one signal, or a default action).
    fn do_signal(&mut self) -> Step;
    /// `NOTIFY_RESUME`: normally [`resume_user_mode_work`].
    fn notify_resume(&mut self) -> Step;
    /// ia64 `RESTORE_RSE`: `ia64_sync_krbs` (user RBS → kernel RBS).
    fn restore_rse(&mut self) -> Step;
}

/// Call the one handler of `flag` (the only dispatch: wildcard-free, so every flag has one).
pub fn run_handler<C: ExitWork + ?Sized>(ctx: &mut C, flag: Tif) -> Step {
    match flag {
        Tif::NeedResched => ctx.schedule(),
        Tif::SigPending => ctx.do_signal(),
        Tif::NotifyResume => ctx.notify_resume(),
        Tif::RestoreRse => ctx.restore_rse(),
    }
}

/// The most passes one call of the loop may make before it reports a [`Livelock`].
pub const MAX_PASSES: u32 = 64;

/// How the exit loop ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LoopEnd {
    /// No work is left: return to user mode. `passes` = passes over the table (0: no work).
    ReturnToUser {
        /// Passes made by this call.
        passes: u32,
    },
    /// A handler descheduled the task; call the loop again when it runs again.
    Descheduled,
    /// A handler ended the task.
    Dead,
}

/// The loop did not converge within [`MAX_PASSES`] passes: some handler keeps re-raising work
/// (§3.6 rule 5). A kernel bug, reported instead of hanging.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Livelock {
    /// Passes made.
    pub passes: u32,
    /// Flags still set.
    pub pending: TifFlags,
    /// Handler calls per flag in this call, indexed by `Tif as usize`.
    pub calls: [u32; Tif::COUNT],
}

impl fmt::Display for Livelock {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "return-to-user work loop did not converge after {} passes: still pending {:?}; \
             handler calls:",
            self.passes, self.pending
        )?;
        for (flag, n) in Tif::ALL.iter().zip(self.calls) {
            write!(f, " {flag:?} {n}")?;
        }
        write!(
            f,
            " (a handler keeps re-raising work: kernel-facilities.md §3.6 rule 5)"
        )
    }
}

impl std::error::Error for Livelock {}

/// Linux `exit_to_user_mode_loop` (§3.2): while exit work is pending, sweep the handler table
/// in order; for each flag that is set, clear it, then call its handler (the flags are re-read
/// before each handler, so a flag raised by an earlier handler of the same pass is handled in
/// that pass when it comes later in the table, and in the next pass otherwise).
pub fn exit_to_user_mode_loop<C: ExitWork + ?Sized>(ctx: &mut C) -> Result<LoopEnd, Livelock> {
    let mut passes = 0u32;
    let mut calls = [0u32; Tif::COUNT];
    loop {
        let pending = ctx.task_work().flags.intersection(EXIT_TO_USER_MODE_WORK);
        if pending.is_empty() {
            return Ok(LoopEnd::ReturnToUser { passes });
        }
        if passes == MAX_PASSES {
            return Err(Livelock {
                passes,
                pending,
                calls,
            });
        }
        passes += 1;
        let stats = &mut ctx.task_work().stats;
        stats.loops += u64::from(passes == 1);
        stats.passes += 1;
        for &flag in Tif::ALL {
            let work = ctx.task_work();
            if !work.flags.test_and_clear(flag) {
                continue;
            }
            work.stats.handler_calls[flag as usize] += 1;
            calls[flag as usize] += 1;
            match run_handler(ctx, flag) {
                Step::Continue => {}
                Step::Descheduled => return Ok(LoopEnd::Descheduled),
                Step::Dead => return Ok(LoopEnd::Dead),
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Notify-resume users
// ---------------------------------------------------------------------------------------------

/// A registered notify-resume user (its id is its registration index).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct NotifyUser(u8);

impl NotifyUser {
    /// The user a registry hands out first (id 0).
    pub const FIRST: NotifyUser = NotifyUser(0);

    /// The registration index.
    pub fn id(self) -> u8 {
        self.0
    }

    fn bit(self) -> u32 {
        1 << self.0
    }
}

/// The notify-resume users of the kernel, in registration order (which is their run order).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct NotifyRegistry {
    names: Vec<&'static str>,
}

/// Registering a notify-resume user failed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum RegisterError {
    /// All [`NotifyRegistry::MAX_USERS`] ids are taken.
    #[error("no free notify-resume user id for {0}")]
    Full(&'static str),
    /// The name is already registered.
    #[error("notify-resume user {0} is already registered")]
    Duplicate(&'static str),
}

impl NotifyRegistry {
    /// The most users (one bit each in [`NotifyPending`]).
    pub const MAX_USERS: usize = 32;

    /// An empty registry.
    pub fn new() -> Self {
        Self::default()
    }

    /// Register `name`; users run in registration order.
    pub fn register(&mut self, name: &'static str) -> Result<NotifyUser, RegisterError> {
        if self.names.contains(&name) {
            return Err(RegisterError::Duplicate(name));
        }
        let id = u8::try_from(self.names.len())
            .ok()
            .filter(|&id| usize::from(id) < Self::MAX_USERS)
            .ok_or(RegisterError::Full(name))?;
        self.names.push(name);
        Ok(NotifyUser(id))
    }

    /// The users, in registration order.
    pub fn users(&self) -> impl Iterator<Item = (NotifyUser, &'static str)> + '_ {
        (0u8..)
            .zip(self.names.iter())
            .map(|(id, &n)| (NotifyUser(id), n))
    }

    /// The name of `user`.
    pub fn name(&self, user: NotifyUser) -> Option<&'static str> {
        self.names.get(usize::from(user.0)).copied()
    }
}

/// The notify-resume users a task owes a run (one bit per user id).
#[derive(Clone, Copy, Default, PartialEq, Eq)]
pub struct NotifyPending(u32);

impl NotifyPending {
    /// Mark `user` pending.
    pub fn set(&mut self, user: NotifyUser) {
        self.0 |= user.bit();
    }

    /// Is `user` pending?
    pub fn test(self, user: NotifyUser) -> bool {
        self.0 & user.bit() != 0
    }

    /// Clear `user`; was it pending?
    pub fn test_and_clear(&mut self, user: NotifyUser) -> bool {
        let was = self.test(user);
        self.0 &= !user.bit();
        was
    }

    /// Nothing is pending.
    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// The pending users in registration order.
    pub fn iter(self) -> impl Iterator<Item = NotifyUser> {
        (0..NotifyRegistry::MAX_USERS as u8)
            .map(NotifyUser)
            .filter(move |&u| self.test(u))
    }
}

impl fmt::Debug for NotifyPending {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_set()
            .entries(self.iter().map(NotifyUser::id))
            .finish()
    }
}

/// Runs one notify-resume user's work for the task.
pub trait NotifyResumeWork: TaskContext {
    /// Run `user`'s pending work (its pending bit is already clear; it may set it again with
    /// [`TaskWork::set_notify_resume`], and is then run on the next pass).
    fn run_notify_user(&mut self, user: NotifyUser) -> Step;
}

/// Linux `resume_user_mode_work` (§3.2): clear `NOTIFY_RESUME` first, then run each pending
/// user once, in registration order, clearing its pending bit before running it. Work set again
/// during the run re-raises the flag, so the loop comes back for it. If a user deschedules or
/// ends the task, the users still pending keep the flag raised.
pub fn resume_user_mode_work<C: NotifyResumeWork + ?Sized>(ctx: &mut C) -> Step {
    ctx.task_work().flags.clear(Tif::NotifyResume);
    for user in (0..NotifyRegistry::MAX_USERS as u8).map(NotifyUser) {
        let work = ctx.task_work();
        if !work.notify_pending.test_and_clear(user) {
            continue;
        }
        work.stats.notify_runs += 1;
        let step = ctx.run_notify_user(user);
        if step != Step::Continue {
            let work = ctx.task_work();
            if !work.notify_pending.is_empty() {
                work.flags.set(Tif::NotifyResume);
            }
            return step;
        }
    }
    Step::Continue
}

// ---------------------------------------------------------------------------------------------
// Syscall work
// ---------------------------------------------------------------------------------------------

/// The syscall number that means "no syscall" (−1): a tracer cancels a syscall by setting it.
pub const NO_SYSCALL: u64 = u64::MAX;

/// The syscall work hooks. Reports are ptrace stops and may deschedule or end the task.
pub trait SyscallWorkHooks: TaskContext {
    /// The syscall-enter-stop (`ptrace_report_syscall_entry`), also made under SYSEMU.
    fn report_syscall_entry(&mut self) -> Step;
    /// Is a fatal signal pending (checked after the enter report: the syscall is then skipped)?
    fn fatal_signal_pending(&mut self) -> bool;
    /// The syscall number, read again after the report (the tracer may have changed it).
    fn syscall_nr(&mut self) -> u64;
    /// The result a tracer left for a skipped syscall, if it set one.
    fn skip_result(&mut self) -> Option<SysResult>;
    /// Audit at entry (`audit_syscall_entry`).
    fn audit_entry(&mut self, nr: u64);
    /// Audit at exit (`audit_syscall_exit`).
    fn audit_exit(&mut self);
    /// The syscall-exit-stop (`ptrace_report_syscall_exit` without step).
    fn report_syscall_exit(&mut self) -> Step;
    /// The single-step report at syscall exit (`user_single_step_report`).
    fn report_single_step(&mut self) -> Step;
}

/// What syscall entry work decided.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EnterOutcome {
    /// Run syscall `nr` (read again after the work).
    Run {
        /// The syscall number.
        nr: u64,
    },
    /// Do not run the syscall; return `result` (ENOSYS unless the tracer set one).
    Skip {
        /// The syscall's result.
        result: SysResult,
    },
    /// The task stopped in the enter report; call again when it runs again.
    Descheduled,
    /// The task ended in the enter report.
    Dead,
}

fn count_syscall(ctx: &mut (impl TaskContext + ?Sized), bit: SyscallWork) {
    ctx.task_work().stats.syscall_work_calls[bit as usize] += 1;
}

/// Linux `syscall_trace_enter` (§3.2, §3.6 rule 8): ptrace (the enter report; under SYSEMU,
/// report then skip), then read the syscall number again, then audit. Resumable: after a
/// [`EnterOutcome::Descheduled`] the next call continues after the report.
pub fn syscall_enter_work<C: SyscallWorkHooks + ?Sized>(ctx: &mut C) -> EnterOutcome {
    let work = match ctx.task_work().syscall_progress {
        SyscallWorkProgress::EnterReported { work } => work,
        other => {
            debug_assert_eq!(
                other,
                SyscallWorkProgress::Idle,
                "syscall exit work unfinished"
            );
            let work = ctx.task_work().syscall_work;
            if work.test(SyscallWork::Trace) || work.test(SyscallWork::Emu) {
                let bit = if work.test(SyscallWork::Emu) {
                    SyscallWork::Emu
                } else {
                    SyscallWork::Trace
                };
                count_syscall(ctx, bit);
                ctx.task_work().syscall_progress = SyscallWorkProgress::EnterReported { work };
                match ctx.report_syscall_entry() {
                    Step::Continue => {}
                    Step::Descheduled => return EnterOutcome::Descheduled,
                    Step::Dead => return EnterOutcome::Dead,
                }
            }
            work
        }
    };
    ctx.task_work().syscall_progress = SyscallWorkProgress::Idle;
    finish_enter_work(ctx, work)
}

/// The part of entry work after the report.
fn finish_enter_work<C: SyscallWorkHooks + ?Sized>(
    ctx: &mut C,
    work: SyscallWorkFlags,
) -> EnterOutcome {
    let reported = work.test(SyscallWork::Trace) || work.test(SyscallWork::Emu);
    if reported && (ctx.fatal_signal_pending() || work.test(SyscallWork::Emu)) {
        return skip(ctx);
    }
    let nr = ctx.syscall_nr();
    if work.test(SyscallWork::Audit) {
        count_syscall(ctx, SyscallWork::Audit);
        ctx.audit_entry(nr);
    }
    if nr == NO_SYSCALL {
        return skip(ctx);
    }
    EnterOutcome::Run { nr }
}

fn skip<C: SyscallWorkHooks + ?Sized>(ctx: &mut C) -> EnterOutcome {
    let result = ctx.skip_result().unwrap_or(SysResult::Err(errno::ENOSYS));
    EnterOutcome::Skip { result }
}

/// Linux `syscall_exit_work` (§3.2): audit, then the syscall-exit report — or, when single-step
/// is set and SYSEMU is not, the single-step report instead (under SYSEMU the step was already
/// reported at entry). Resumable: after [`Step::Descheduled`] the next call finishes without
/// repeating anything. Returns [`Step::Continue`] when done (go on to the exit loop).
pub fn syscall_exit_work<C: SyscallWorkHooks + ?Sized>(ctx: &mut C) -> Step {
    match ctx.task_work().syscall_progress {
        SyscallWorkProgress::ExitReported => {
            ctx.task_work().syscall_progress = SyscallWorkProgress::Idle;
            return Step::Continue;
        }
        other => debug_assert_eq!(
            other,
            SyscallWorkProgress::Idle,
            "syscall entry work unfinished"
        ),
    }
    let work = ctx.task_work().syscall_work;
    if work.test(SyscallWork::Audit) {
        count_syscall(ctx, SyscallWork::Audit);
        ctx.audit_exit();
    }
    let step = work.test(SyscallWork::SingleStep) && !work.test(SyscallWork::Emu);
    if !step && !work.test(SyscallWork::Trace) {
        return Step::Continue;
    }
    ctx.task_work().syscall_progress = SyscallWorkProgress::ExitReported;
    let r = if step {
        count_syscall(ctx, SyscallWork::SingleStep);
        ctx.report_single_step()
    } else {
        count_syscall(ctx, SyscallWork::Trace);
        ctx.report_syscall_exit()
    };
    if r == Step::Continue {
        ctx.task_work().syscall_progress = SyscallWorkProgress::Idle;
    }
    r
}
