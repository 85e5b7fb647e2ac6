//! Tasks (threads), thread groups (processes) and memory descriptors: the kernel's plain data
//! about who runs, what they share, and where each one stands in the kernel.
//!
//! A task that is not on a vCPU keeps its whole register state in [`Task::ctx`] after the
//! context switch has flushed its dirty stacked registers into its kernel register backing
//! store (see [`crate::sched`]); where it resumes in the kernel is [`Resume`].

use std::collections::VecDeque;

use ia64_cpu::state::State;
use ia64_machine::layout::KernelTaskArea;
use ia64_machine::space::AddressSpace;

use crate::entry::PtRegs;
use crate::sched::SwitchStack;
use crate::signal::{SigAction, SigInfo, NSIG};
use crate::syscall::File;
use crate::work::TaskWork;

/// Thread id (also the process id of a thread-group leader).
pub type Tid = u64;

/// Index of a memory descriptor in [`Mms`].
pub type MmId = usize;

/// Why a blocked task waits.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Wait {
    /// `futex(FUTEX_WAIT)` on this user address of this memory descriptor.
    Futex {
        /// Memory descriptor.
        mm: MmId,
        /// User address of the futex word.
        uaddr: u64,
    },
    /// `wait4`/`waitid` for children.
    Child,
    /// `nanosleep` until this clock value (ns).
    Sleep {
        /// Deadline.
        until: u64,
    },
    /// `vfork`: the parent waits until the child execs or exits.
    VforkDone {
        /// The child.
        child: Tid,
    },
    /// `pause`/`rt_sigsuspend`: until a signal is delivered.
    Signal,
}

/// Where a task stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RunState {
    /// Ready to run (in a run queue or running).
    Runnable,
    /// Sleeping.
    Blocked(Wait),
    /// Job-control stopped (group stop).
    Stopped,
    /// Stopped by a tracing engine (`TASK_TRACED`: the utrace stop).
    Traced,
    /// Exited; its resources are gone (the thread group may still be a zombie).
    Dead,
}

/// Where a switched-out task continues in the kernel when it runs again.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Resume {
    /// A new process image: straight to user mode (no kernel frame to restore).
    Start,
    /// Blocked inside syscall `nr` (handler frame current): run it again.
    Syscall {
        /// Syscall number.
        nr: u64,
        /// Arguments.
        args: [u64; 8],
    },
    /// A new child of `clone`: finish the syscall with result 0.
    ForkChild,
    /// In the return-to-user work loop (user frame current): run it again, then leave.
    ExitWork,
    /// Stopped in the syscall-entry report: finish the entry work, then run the syscall.
    SyscallEnterWork,
    /// A vfork parent stopped before waiting for `child`; `result` is the syscall's.
    VforkStop {
        /// The child.
        child: Tid,
        /// The result of the vfork.
        result: crate::entry::SysResult,
    },
    /// Stopped in the exit report: finish exiting with wait status `status` (the whole group
    /// when `group`).
    Exit {
        /// `exit_group` rather than `exit`.
        group: bool,
        /// The wait status.
        status: i32,
    },
}

/// Per-task counters.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct TaskStats {
    /// Context switches away from this task.
    pub switches: u64,
    /// Of which involuntary (preemption by the timer).
    pub preemptions: u64,
    /// Moves to another vCPU.
    pub migrations: u64,
    /// Signals delivered to a handler.
    pub signals_delivered: u64,
    /// Bytes the context switch flushed into the kernel backing store.
    pub krbs_flushed: u64,
    /// Bytes reloaded from the kernel backing store (switch-in fills and exit `loadrs`).
    pub krbs_reloaded: u64,
    /// Syscalls made.
    pub syscalls: u64,
    /// Guest instructions retired by this task.
    pub instructions: u64,
}

/// `ss_flags`: currently executing on the alternate stack.
pub const SS_ONSTACK: u32 = 1;
/// `ss_flags`: no alternate stack.
pub const SS_DISABLE: u32 = 2;

/// An alternate signal stack (`sigaltstack`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct AltStack {
    /// Base.
    pub sp: u64,
    /// Size (0 = none).
    pub size: u64,
    /// SS_DISABLE when none is set.
    pub flags: u32,
}

/// One thread.
#[derive(Clone, Debug)]
pub struct Task {
    /// Thread id.
    pub tid: Tid,
    /// Thread group id (the process id).
    pub tgid: Tid,
    /// Memory descriptor.
    pub mm: MmId,
    /// Kernel-only area slot and its addresses (the kernel register backing store).
    pub kslot: u64,
    /// The kernel-only area.
    pub karea: KernelTaskArea,
    /// Register state while not on a vCPU (meaningless while running).
    pub ctx: Box<State>,
    /// Run state.
    pub state: RunState,
    /// vCPU it is on, if running.
    pub on_cpu: Option<usize>,
    /// vCPU it last ran on (or is queued on).
    pub cpu: usize,
    /// Allowed vCPUs (bit n = vCPU n).
    pub affinity: u64,
    /// Where it continues in the kernel.
    pub resume: Resume,
    /// The registers saved by the current kernel entry.
    pub pt: PtRegs,
    /// Where its flushed KRBS ends while switched out.
    pub sw: SwitchStack,
    /// Its user state at the last exit/fault entry (what `--regs-json` reports if that ended
    /// the program).
    pub last_user: Option<Box<State>>,
    /// Thread flags, syscall work, notify-resume users and their counters.
    pub work: TaskWork,
    /// Blocked signals.
    pub blocked: u64,
    /// Signals pending for this thread, in arrival order.
    pub pending: VecDeque<SigInfo>,
    /// The alternate signal stack.
    pub altstack: AltStack,
    /// `set_tid_address` / CLONE_CHILD_CLEARTID.
    pub clear_child_tid: u64,
    /// The vfork parent waiting for this task to exec or exit.
    pub vfork_parent: Option<Tid>,
    /// Signal mask to restore after `rt_sigsuspend` delivers.
    pub saved_mask: Option<u64>,
    /// A `FUTEX_WAKE` woke this waiter.
    pub futex_woken: bool,
    /// Order in which futex waiters started waiting.
    pub wait_seq: u64,
    /// Result to return when woken (vfork parent).
    pub wake_result: Option<crate::entry::SysResult>,
    /// `prctl(PR_SET_UNALIGN)` bits (ia64 `IA64_THREAD_UAC_NOPRINT` = 1, `_SIGBUS` = 2);
    /// inherited by clone, kept across execve.
    pub unalign: u32,
    /// `nanosleep` / futex timeout deadline while sleeping.
    pub wake_at: Option<u64>,
    /// Instructions run since the task was last put on a vCPU (for time slices).
    pub slice_used: u64,
    /// Counters.
    pub stats: TaskStats,
    /// It has taken part in its group's current stop (`JOBCTL_STOP_PENDING` is clear).
    pub stop_consumed: bool,
    /// Hardware stepping is on for its return to user mode (`TIF_SINGLESTEP`).
    pub stepping: bool,
    /// Its own wait status once it exits (`exit`).
    pub exit_status: Option<u32>,
    /// An engine aborted the syscall at the entry report.
    pub syscall_abort: bool,
    /// The syscall-exit work frame is pushed (see [`crate::entry::enter_exit_work`]).
    pub exit_frame: bool,
    /// `eager`: written back at a stop; reload before it runs again.
    pub eager_reload: bool,
    /// The NaT collection bits of the partial group below the user backing store's end, as
    /// the last write-back computed them (what a debugger reads as `$rnat`).
    pub rnat_end: u64,
    /// Where it is in its exit.
    pub exit: ExitProgress,
}

/// Where a thread is in its exit (Linux: `PF_EXITING` and the SIGKILL `zap_other_threads`
/// queues for a group exit).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ExitProgress {
    /// Its group's exit killed it and its own `do_exit` has not begun (a fatal signal is
    /// pending; it is dequeued when `do_exit` starts).
    pub killed: bool,
    /// `do_exit` has begun (its exit report may hold it in a stop).
    pub exiting: bool,
}

/// How a thread group's exit began, kept until its last thread is gone: the killing signal's
/// information and, for the first process, the user state of the thread that ended the
/// program (the run's final state).
#[derive(Clone, Debug, Default)]
pub struct GroupExit {
    /// The killing signal, for an exit by signal.
    pub info: Option<SigInfo>,
    /// The user state of the thread whose exit ended the group (first process only).
    pub state: Option<Box<State>>,
}

/// A wait status reported to the parent (`wait4`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ChildEvent {
    /// Stopped by this signal (WUNTRACED): status `sig << 8 | 0x7f`.
    Stopped(u32),
    /// Continued (WCONTINUED): status 0xffff.
    Continued,
}

/// One thread group (process).
#[derive(Clone, Debug)]
pub struct Group {
    /// Process id (= leader tid).
    pub tgid: Tid,
    /// Parent process id.
    pub ppid: Tid,
    /// Live threads, in creation order.
    pub threads: Vec<Tid>,
    /// Open files by descriptor.
    pub fds: Vec<Option<File>>,
    /// Signal actions 1..=64 (index 0 unused).
    pub actions: [SigAction; NSIG + 1],
    /// Signals pending for the whole group.
    pub shared_pending: VecDeque<SigInfo>,
    /// Signal sent to the parent at exit (SIGCHLD for fork, 0 for none).
    pub exit_signal: u32,
    /// Set once the group is exiting: the wait status (`exit_group` or fatal signal).
    pub exit_status: Option<u32>,
    /// All threads dead: waiting to be reaped by the parent.
    pub zombie: bool,
    /// A group stop is in effect with this signal.
    pub stopped: Option<u32>,
    /// Unreported stop/continue event for the parent.
    pub event: Option<ChildEvent>,
    /// SIGCONT ended a group stop and no thread has reported it yet (Linux
    /// `SIGNAL_CLD_CONTINUED`): the first thread through `get_signal` makes the job-control
    /// report.
    pub cld_continued: bool,
    /// Set once the group is exiting: how (with [`Group::exit_status`]).
    pub exit: Option<GroupExit>,
}

/// A memory descriptor: one address space and its heap/mmap bookkeeping.
#[derive(Debug)]
pub struct Mm {
    /// User regions 0–4.
    pub space: AddressSpace,
    /// Start of the heap.
    pub brk_start: u64,
    /// Current program break.
    pub brk: u64,
    /// Base of anonymous mappings.
    pub mmap_base: u64,
    /// Tasks using it.
    pub users: usize,
    /// A number no other descriptor of this run has had (an open `/proc/<pid>/mem` names the
    /// descriptor it was opened on).
    pub serial: u64,
}

/// Memory descriptors by id (freed slots are reused lowest first).
#[derive(Debug, Default)]
pub struct Mms(pub Vec<Option<Mm>>, u64);

impl Mms {
    /// Add `mm` (giving it the next serial number) and return its id.
    pub fn add(&mut self, mut mm: Mm) -> MmId {
        mm.serial = self.1;
        self.1 += 1;
        match self.0.iter().position(Option::is_none) {
            Some(i) => {
                self.0[i] = Some(mm);
                i
            }
            None => {
                self.0.push(Some(mm));
                self.0.len() - 1
            }
        }
    }

    /// The descriptor `id` (kernel bug if missing).
    pub fn get(&self, id: MmId) -> Option<&Mm> {
        self.0.get(id).and_then(Option::as_ref)
    }

    /// The descriptor `id`, mutable.
    pub fn get_mut(&mut self, id: MmId) -> Option<&mut Mm> {
        self.0.get_mut(id).and_then(Option::as_mut)
    }
}
