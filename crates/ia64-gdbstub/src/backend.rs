//! The interface the debugged system implements: [`Backend`] and the values it exchanges
//! with the stub.
//!
//! The stub owns the protocol, the breakpoint and watchpoint bookkeeping and the order of
//! operations; the backend owns the machine. Every method is called while the guest is
//! stopped (between [`Backend::run`] calls every thread is at an instruction boundary).
//! Thread ids are the guest's tids (nonzero).

use std::fmt;

use crate::regs::Ia64Regs;

/// Why a backend request failed. The first three become an `Exx` reply (errno values
/// EFAULT, EINVAL, ESRCH) and the session goes on; `Fatal` ends the session.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BackendError {
    /// The address range is not (entirely) accessible.
    Fault,
    /// The request is not valid: no such register, a value the register cannot take.
    Invalid,
    /// No live thread has this id.
    NoThread,
    /// The backend cannot go on; the message is one line.
    Fatal(String),
}

impl fmt::Display for BackendError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BackendError::Fault => f.write_str("bad address"),
            BackendError::Invalid => f.write_str("invalid request"),
            BackendError::NoThread => f.write_str("no such thread"),
            BackendError::Fatal(msg) => f.write_str(msg),
        }
    }
}

impl std::error::Error for BackendError {}

/// What one thread does on the next resume.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ThreadAction {
    /// Run freely.
    Continue,
    /// Execute exactly one instruction (one slot; an L+X pair counts as one), then stop with
    /// [`StopReason::Step`].
    Step,
}

/// How the guest resumes: the explicit per-thread actions of gdb's `vCont`, and what the
/// other threads do.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ResumeHow {
    /// Explicit actions, by ascending tid; the signal, if any, is delivered to that thread as
    /// it resumes (gdb passes a signal on with `C`/`S`; 0 is never sent).
    pub actions: Vec<(u64, ThreadAction, Option<u8>)>,
    /// Threads without an explicit action continue (`true`) or stay stopped (`false`: gdb's
    /// scheduler locking).
    pub others_continue: bool,
}

impl ResumeHow {
    /// What thread `tid` does: `None` means it stays stopped.
    pub fn action(&self, tid: u64) -> Option<ThreadAction> {
        match self.actions.iter().find(|(t, _, _)| *t == tid) {
            Some((_, action, _)) => Some(*action),
            None => self.others_continue.then_some(ThreadAction::Continue),
        }
    }

    /// The thread being single-stepped, if any (gdb steps at most one per resume).
    pub fn stepping(&self) -> Option<u64> {
        self.actions
            .iter()
            .find(|(_, a, _)| *a == ThreadAction::Step)
            .map(|(t, _, _)| *t)
    }

    /// The signal to deliver to `tid` as it resumes.
    pub fn signal(&self, tid: u64) -> Option<u8> {
        self.actions
            .iter()
            .find(|(t, _, _)| *t == tid)
            .and_then(|(_, _, s)| *s)
    }
}

/// Kinds of watchpoint (gdb's `watch`, `rwatch`, `awatch`; 'Z2', 'Z3', 'Z4').
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum WatchKind {
    /// Stop after a write to the range.
    Write,
    /// Stop after a read of the range.
    Read,
    /// Stop after a read or a write.
    Access,
}

/// Why a thread stopped.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StopReason {
    /// The thread is about to execute the instruction at `addr` (= `ip | slot`), which is one
    /// of the breakpoint addresses; the instruction has not executed.
    Breakpoint {
        /// The breakpoint address.
        addr: u64,
    },
    /// An access matching a watchpoint has completed (the instruction has executed).
    Watch {
        /// The kind of access that matched.
        kind: WatchKind,
        /// The data address accessed (inside the watched range).
        addr: u64,
    },
    /// The single step requested by [`ThreadAction::Step`] is done.
    Step,
    /// The thread stopped with a signal (a fault turned into a signal, a `break` that is not
    /// a syscall, …).
    Signal(u8),
}

/// What [`Backend::run`] reports.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RunEvent {
    /// The budget is spent and nothing happened that gdb must see; the stub polls its
    /// connection and calls `run` again.
    Budget,
    /// A thread stopped; every other thread is stopped too (all-stop).
    Stopped {
        /// The thread that stopped.
        tid: u64,
        /// Why.
        reason: StopReason,
    },
    /// The program exited with this status.
    Exited(u8),
    /// The program was killed by this signal.
    Killed(u8),
}

/// The system being debugged. The guest kernel implements it.
pub trait Backend {
    /// Live thread ids, ascending.
    fn threads(&mut self) -> Vec<u64>;

    /// Fills `regs` with the thread's registers in gdb's raw layout. Before answering, the
    /// user's stacked registers of the thread must be readable in memory up to the reported
    /// `bsp` (the end of the current frame, rse-spec §10.3), since gdb reads r32..r127
    /// through [`Backend::read_mem`]. `regs` arrives as [`Ia64Regs::default`].
    fn read_regs(&mut self, tid: u64, regs: &mut Ia64Regs) -> Result<(), BackendError>;

    /// Writes raw register `regnum` (little-endian bytes, 8 or 16). gdb writes `bsp` to move
    /// the end of the frame and `cfm` to change the frame (inferior calls, rse-spec §10.5);
    /// the write takes effect when the thread resumes.
    fn write_reg(&mut self, tid: u64, regnum: usize, bytes: &[u8]) -> Result<(), BackendError>;

    /// Reads guest virtual memory as `tid` sees it. Returns how many bytes from the start of
    /// `buf` could be read (fewer than asked at an inaccessible page); `Err(Fault)` when none.
    fn read_mem(&mut self, tid: u64, addr: u64, buf: &mut [u8]) -> Result<usize, BackendError>;

    /// Writes guest virtual memory as `tid` sees it (a write into the backing store changes
    /// the stacked registers it holds once the thread resumes).
    fn write_mem(&mut self, tid: u64, addr: u64, data: &[u8]) -> Result<(), BackendError>;

    /// Prepares the next run: thread actions and signals, applied once.
    fn resume(&mut self, how: &ResumeHow) -> Result<(), BackendError>;

    /// Runs up to `budget` guest instructions as prepared by the last [`Backend::resume`],
    /// stopping every thread when one of them must report (all-stop).
    fn run(&mut self, budget: u64) -> RunEvent;

    /// gdb asked to interrupt (Ctrl-C). Between `run` calls every thread is already at an
    /// instruction boundary: stop them all and return the thread to report (it is reported
    /// as stopped by SIGINT).
    fn interrupt(&mut self) -> u64;

    /// From now on, stop a thread before it executes the instruction at `addr` (`ip | slot`,
    /// slot 0..=2). An L+X instruction is at slot 1 for gdb (which refuses slot 2 of an MLX
    /// bundle) as for Linux, which never resumes at slot 2 of an MLX bundle
    /// (`ia64_increment_ip`, arch/ia64/kernel/ptrace.c). The stub calls this once per
    /// address, whatever the number of gdb breakpoints there.
    fn add_breakpoint(&mut self, addr: u64) -> Result<(), BackendError>;

    /// Stops watching for `addr`.
    fn remove_breakpoint(&mut self, addr: u64) -> Result<(), BackendError>;

    /// From now on, stop a thread after an access of `kind` that touches `[addr, addr+len)`.
    fn add_watchpoint(&mut self, addr: u64, len: u64, kind: WatchKind) -> Result<(), BackendError>;

    /// Removes a watchpoint added with the same arguments.
    fn remove_watchpoint(
        &mut self,
        addr: u64,
        len: u64,
        kind: WatchKind,
    ) -> Result<(), BackendError>;

    /// The absolute host path of the program being debugged, if known. gdb asks for it
    /// (`qXfer:exec-file:read`) when no program was given on its command line and loads its
    /// symbols and architecture from it. Asked once, when the session starts.
    fn exec_file(&mut self) -> Option<String> {
        None
    }

    /// gdb killed the program: end it (the stub has already removed every breakpoint and
    /// watchpoint).
    fn kill(&mut self);

    /// gdb detached, or the connection was lost: let the program run on undebugged (the stub
    /// has already removed every breakpoint and watchpoint).
    fn detach(&mut self);
}
