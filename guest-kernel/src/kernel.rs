//! The kernel proper: loading the first program, the machine loop that runs every vCPU in fixed
//! quanta, the kernel entries (syscalls, faults, timer interrupts) and the way back to user
//! mode, and the statistics.
//!
//! The loop is deterministic: each round gives vCPU 0, 1, … in turn a quantum of retired
//! instructions (an idle vCPU's interval timer advances by the quantum too), so every run of the
//! same program with the same flags interleaves identically. Kernel work happens between
//! instructions, on behalf of the task current on the vCPU that entered the kernel.

use std::collections::{BTreeMap, BTreeSet};
use std::io::Read;

use ia64_cpu::exec::{Exit, Tracer};
use ia64_cpu::fault::Fault;
use ia64_cpu::mem::Memory;
use ia64_cpu::rse::{AllocArgs, RseCounters, Traffic};
use ia64_cpu::state::{ar, psr, State};
use ia64_cpu::Cpu;
use ia64_machine::console::Console;
use ia64_machine::layout::kernel_task_area;
use ia64_machine::loader::{self, LoadError, ProcessImage, ProcessSpec};
use ia64_machine::machine::{Machine, MachineError, VcpuExit};
use ia64_machine::mmu::MemView;
use ia64_machine::space::{AddressSpace, MapError, PageLevel, Perm, SpaceKind};

use crate::entry::{self, EntryError, EntryKind, SysResult};
use crate::sched::{self, Sched};
use crate::signal::{self, SigAction, NSIG};
use crate::syscall::{errno, Action, File};
use crate::task::{Group, Mm, Mms, Resume, RunState, Task, TaskStats, Tid};
use crate::utrace::{self, Reported};
use crate::work::{
    self, EnterOutcome, ExitWork, LoopEnd, NotifyRegistry, NotifyResumeWork, NotifyUser, Step,
    SyscallWorkHooks, TaskContext, TaskWork, Tif,
};
use ia64_machine::tlb::Tlb;

/// The syscall `break` immediate (Linux/ia64 `__BREAK_SYSCALL`).
pub const BREAK_SYSCALL: u64 = 0x100000;

/// The timer interrupt vector (Linux/ia64 `IA64_TIMER_VECTOR`).
pub const TIMER_VECTOR: u8 = 0xef;

/// How the machine is set up.
#[derive(Clone, Debug)]
pub struct Config {
    /// Physical stacked registers (multiple of 8, ≥ 96).
    pub stacked_regs: usize,
    /// Stop the guest (SIGXCPU) after this many instructions (all vCPUs together).
    pub max_insns: Option<u64>,
    /// Instructions per run slice of a single vCPU machine.
    pub slice: u64,
    /// vCPUs.
    pub cpus: usize,
    /// Instructions between timer interrupts: 4,000,000 = Linux's HZ 250 when one instruction
    /// takes a nanosecond, the clock this kernel keeps.
    pub tick: u64,
    /// Instructions each vCPU runs per round when there are several vCPUs (the interleaving
    /// granularity of SMP runs).
    pub quantum: u64,
    /// Timer ticks a task may run before it is preempted in favour of another runnable task.
    pub timeslice_ticks: u64,
    /// Attach the strace engine to every task (`--strace`).
    pub strace: bool,
    /// Attach the syscall-counting engine to every task (`--count-syscalls`).
    pub count_syscalls: bool,
    /// The RSE write-back policy for debuggers (`--rse-sync`).
    pub rse_sync: crate::coherence::RseSync,
}

impl Default for Config {
    fn default() -> Self {
        Self {
            stacked_regs: 96,
            max_insns: None,
            slice: 1 << 22,
            cpus: 1,
            tick: 4_000_000,
            quantum: 20_000,
            timeslice_ticks: 1,
            strace: false,
            count_syscalls: false,
            rse_sync: crate::coherence::RseSync::Lazy,
        }
    }
}

/// Kernel counters.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct KernelStats {
    /// System calls handled.
    pub syscalls: u64,
    /// Kernel entries (syscalls and other interruptions).
    pub entries: u64,
    /// Timer interrupts handled.
    pub timer_interrupts: u64,
    /// Tasks created (the first one included).
    pub tasks_created: u64,
    /// Audit records written (syscall entries and exits with SYSCALL_AUDIT).
    pub audit_records: u64,
    /// Tracing-engine callbacks made.
    pub engine_callbacks: u64,
    /// Tracing stops (a task stopped by an engine).
    pub trace_stops: u64,
    /// ptrace counters.
    pub ptrace: crate::ptrace::PtraceStats,
    /// `/proc/<pid>/mem` opens.
    pub proc_mem_opens: u64,
    /// Bytes read or written through `/proc/<pid>/mem`.
    pub proc_mem_bytes: u64,
    /// RSE coherence counters.
    pub coherence: crate::coherence::CoherenceStats,
}

/// How a run ended.
#[derive(Clone, Debug, PartialEq)]
pub enum Outcome {
    /// `exit`/`exit_group` with this status.
    Exited(i32),
    /// Killed by a signal raised for `fault` at `ip`/`slot`.
    Killed {
        /// Signal number.
        signal: u32,
        /// The fault (None for the instruction limit or a signal sent by a task).
        fault: Option<Fault>,
        /// Bundle address.
        ip: u64,
        /// Slot.
        slot: u8,
    },
}

impl Outcome {
    /// The host exit status: the guest status, or 128 + signal.
    pub fn status(&self) -> i32 {
        match self {
            Outcome::Exited(s) => *s,
            Outcome::Killed { signal, .. } => 128 + *signal as i32,
        }
    }
}

/// A host-side error: the run cannot continue (never a guest mistake).
#[derive(Debug, thiserror::Error)]
pub enum KernelError {
    /// The ELF file could not be loaded.
    #[error(transparent)]
    Load(#[from] LoadError),
    /// Bad configuration.
    #[error(transparent)]
    Config(#[from] MachineError),
    /// Kernel memory setup failed.
    #[error("kernel memory setup failed: {0}")]
    Map(#[from] MapError),
    /// A kernel-side RSE operation failed.
    #[error(transparent)]
    Entry(#[from] EntryError),
    /// The guest executed an instruction the emulator does not implement.
    #[error("unsupported instruction at {ip:#x} slot {slot}: {what}")]
    Unsupported {
        /// Bundle address.
        ip: u64,
        /// Slot.
        slot: u8,
        /// What is missing.
        what: &'static str,
    },
    /// Every task sleeps and nothing can wake any of them.
    #[error("deadlock: every task is blocked ({0})")]
    Deadlock(String),
    /// The return-to-user work loop did not converge (a kernel bug).
    #[error("return-to-user work loop: {0}")]
    Livelock(String),
    /// The kernel backing store of a task cannot hold that many stacked registers.
    #[error("invalid --stacked-regs {0}: at most 2048 (the kernel register backing store of a task holds the whole physical file)")]
    StackedRegs(usize),
    /// Too many tasks.
    #[error("too many tasks")]
    TooManyTasks,
}

/// The result of [`Kernel::run`].
#[derive(Clone, Debug)]
pub struct RunResult {
    /// How the program ended.
    pub outcome: Outcome,
    /// The user-visible state of the thread that ended the program, as it was when it made
    /// its last user-mode step (before any kernel entry).
    pub final_state: State,
}

/// Totals over every vCPU and task.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Totals {
    /// Guest instructions retired.
    pub instructions: u64,
    /// Bundles entered.
    pub bundles: u64,
    /// Taken branches.
    pub taken_branches: u64,
    /// Bundles decoded into the caches.
    pub decoded: u64,
    /// Cache invalidations.
    pub invalidations: u64,
    /// RSE traffic of every task.
    pub rse: RseCounters,
}

/// The machine and the kernel running one program and its descendants.
pub struct Kernel {
    /// The machine: physical memory, kernel address space, vCPUs.
    pub machine: Machine,
    /// Console output.
    pub console: Console,
    /// Guest standard input.
    pub stdin: Box<dyn Read>,
    /// Every live task by tid.
    pub tasks: BTreeMap<Tid, Task>,
    /// Every thread group (live or zombie) by tgid.
    pub groups: BTreeMap<Tid, Group>,
    /// Memory descriptors.
    pub mms: Mms,
    /// Run queues.
    pub sched: Sched,
    /// Counters.
    pub stats: KernelStats,
    /// Counters of tasks that have exited, by tid (for `--stats`).
    pub dead: BTreeMap<Tid, TaskStats>,
    /// Syscall numbers answered with ENOSYS (logged once each).
    pub unknown_syscalls: BTreeSet<u64>,
    /// The initial process image.
    pub image: ProcessImage,
    pub(crate) config: Config,
    /// The task whose kernel entry is being handled, and its vCPU.
    pub(crate) cur: Tid,
    pub(crate) cur_cpu: usize,
    /// The syscall being handled runs again after a wake-up.
    pub(crate) resumed: bool,
    pub(crate) futex_seq: u64,
    next_tid: Tid,
    free_kslots: BTreeSet<u64>,
    next_kslot: u64,
    dead_rse: RseCounters,
    pub(crate) end: Option<RunResult>,
    /// Instructions retired by all vCPUs.
    pub retired: u64,
    /// The tracing-engine layer.
    pub(crate) utrace: crate::engines::KernelUtrace,
    /// ptrace state of every traced task, by tracee.
    pub(crate) ptrace: BTreeMap<Tid, crate::ptrace::PtraceCtx>,
    /// Dead tracees whose exit their tracer has not collected.
    pub(crate) ptrace_exits: Vec<crate::ptrace::TraceeExit>,
    /// The strace and count engines' state.
    pub trace_engines: crate::strace::TraceEngines,
    /// The notify-resume users (the engine layer's is the first).
    pub notify: NotifyRegistry,
    /// A TLB for kernel accesses to another task's address space (ptrace, /proc/pid/mem).
    pub(crate) scratch_tlb: Tlb,
    /// The host-side coherence harness, when a run is driven by it ([`crate::harness`]).
    pub(crate) harness: Option<Box<crate::harness::Harness>>,
    /// The gdb engine's state, when a gdb stub debugs the program ([`crate::gdb`]).
    pub(crate) gdb: Option<Box<crate::gdb::Gdb>>,
}

/// Most physical stacked registers: a task's kernel register backing store (28 KiB after
/// the task area's other contents) must hold a flush of the whole file, its NaT collections and
/// the kernel frames.
pub const MAX_STACKED_REGS: usize = 2048;

/// The first process's pid.
pub const INIT_PID: Tid = 1;

impl Kernel {
    /// Load `elf` with `argv`/`envp` and prepare the first thread.
    pub fn new(
        elf: &[u8],
        spec: &ProcessSpec,
        config: Config,
        console: Console,
    ) -> Result<Self, KernelError> {
        if config.stacked_regs > MAX_STACKED_REGS {
            return Err(KernelError::StackedRegs(config.stacked_regs));
        }
        let mut machine = Machine::new(config.cpus, config.stacked_regs)?;
        let mut space = AddressSpace::new(SpaceKind::User);
        let image = loader::exec(elf, spec, &mut machine.phys, &mut space)?;
        map_gate(&mut machine)?;
        for v in &mut machine.vcpus {
            v.timer.set_itv(u64::from(TIMER_VECTOR));
            v.timer.set_itm(config.tick);
        }
        let n = config.cpus;
        let mut k = Self {
            machine,
            console,
            stdin: Box::new(std::io::stdin()),
            tasks: BTreeMap::new(),
            groups: BTreeMap::new(),
            mms: Mms::default(),
            sched: Sched::new(n),
            stats: KernelStats::default(),
            dead: BTreeMap::new(),
            unknown_syscalls: BTreeSet::new(),
            image: image.clone(),
            config,
            cur: INIT_PID,
            cur_cpu: 0,
            resumed: false,
            futex_seq: 0,
            next_tid: INIT_PID,
            free_kslots: BTreeSet::new(),
            next_kslot: 0,
            dead_rse: RseCounters::default(),
            end: None,
            retired: 0,
            utrace: Default::default(),
            ptrace: BTreeMap::new(),
            ptrace_exits: Vec::new(),
            trace_engines: Default::default(),
            notify: NotifyRegistry::new(),
            scratch_tlb: Tlb::new(),
            harness: None,
            gdb: None,
        };
        let user = k
            .notify
            .register("utrace")
            .map_err(|_| KernelError::Livelock("notify-resume registry".into()))?;
        debug_assert_eq!(user, crate::engines::UTRACE_NOTIFY);
        k.trace_engines.strace = k.config.strace;
        k.trace_engines.count = k.config.count_syscalls;
        let mm = k.mms.add(Mm {
            space,
            brk_start: image.brk_start,
            brk: image.brk_start,
            mmap_base: image.mmap_base,
            users: 0,
            serial: 0,
        });
        let tid = k.new_task(mm, None)?;
        k.groups.insert(
            tid,
            Group {
                tgid: tid,
                ppid: 0,
                threads: vec![tid],
                fds: vec![Some(File::Stdin), Some(File::Stdout), Some(File::Stderr)],
                actions: [SigAction::default(); NSIG + 1],
                shared_pending: Default::default(),
                exit_signal: signal::sig::SIGCHLD,
                exit_status: None,
                zombie: false,
                stopped: None,
                event: None,
                cld_continued: false,
                exit: None,
            },
        );
        k.start_image(tid, &image)?;
        k.enqueue(tid);
        crate::strace::attach_all(&mut k, tid);
        Ok(k)
    }

    /// Create a task in thread group `tgid` (None: its own) using memory descriptor `mm`, with
    /// a fresh register state and kernel area.
    pub(crate) fn new_task(&mut self, mm: usize, tgid: Option<Tid>) -> Result<Tid, KernelError> {
        let kslot = match self.free_kslots.pop_first() {
            Some(s) => s,
            None => {
                self.next_kslot += 1;
                self.next_kslot - 1
            }
        };
        let karea = kernel_task_area(kslot).ok_or(KernelError::TooManyTasks)?;
        if !self
            .machine
            .kspace
            .is_mapped(karea.base, karea.end - karea.base)
        {
            self.machine.kspace.map(
                &mut self.machine.phys,
                karea.base,
                karea.end - karea.base,
                Perm::RW,
                PageLevel::Kernel,
            )?;
        }
        let tid = self.next_tid;
        self.next_tid += 1;
        let ctx = State::new(self.config.stacked_regs)
            .map_err(|e| KernelError::Config(MachineError::StackedRegs(e)))?;
        if let Some(m) = self.mms.get_mut(mm) {
            m.users += 1;
        }
        self.stats.tasks_created += 1;
        let all = if self.config.cpus >= 64 {
            u64::MAX
        } else {
            (1u64 << self.config.cpus) - 1
        };
        self.tasks.insert(
            tid,
            Task {
                tid,
                tgid: tgid.unwrap_or(tid),
                mm,
                kslot,
                karea,
                ctx: Box::new(ctx),
                state: RunState::Runnable,
                on_cpu: None,
                cpu: 0,
                affinity: all,
                resume: Resume::Start,
                pt: Default::default(),
                sw: Default::default(),
                last_user: None,
                work: Default::default(),
                blocked: 0,
                pending: Default::default(),
                altstack: crate::task::AltStack {
                    flags: crate::task::SS_DISABLE,
                    ..Default::default()
                },
                clear_child_tid: 0,
                vfork_parent: None,
                saved_mask: None,
                wake_at: None,
                unalign: 0,
                futex_woken: false,
                wait_seq: 0,
                wake_result: None,
                slice_used: 0,
                stats: TaskStats::default(),
                stop_consumed: false,
                stepping: false,
                exit_status: None,
                syscall_abort: false,
                exit_frame: false,
                eager_reload: false,
                rnat_end: 0,
                exit: Default::default(),
            },
        );
        Ok(tid)
    }

    /// Give switched-out task `tid` the initial user state of `image` (Linux `start_thread`
    /// and the return to user mode).
    pub(crate) fn start_image(
        &mut self,
        tid: Tid,
        image: &ProcessImage,
    ) -> Result<(), KernelError> {
        let Some(t) = self.tasks.get_mut(&tid) else {
            return Ok(());
        };
        let mut st = State::new(self.config.stacked_regs)
            .map_err(|e| KernelError::Config(MachineError::StackedRegs(e)))?;
        let mm = t.mm;
        let space = &self.mms.0[mm]
            .as_ref()
            .ok_or(MapError::WrongRegion(0))?
            .space;
        let mut view = MemView::new(
            &mut self.machine.phys,
            space,
            &self.machine.kspace,
            &mut self.machine.vcpus[0].tlb,
        );
        start_thread(&mut st, &mut view, image)?;
        self.machine.vcpus[0].tlb.flush_all();
        *t.ctx = st;
        t.resume = Resume::Start;
        Ok(())
    }

    /// Run the program to its end.
    pub fn run<T: Tracer>(&mut self, tracer: &mut T) -> Result<RunResult, KernelError> {
        loop {
            for cpu in 0..self.config.cpus {
                self.cpu_turn(cpu, tracer)?;
                if let Some(r) = self.end.take() {
                    return Ok(r);
                }
            }
            self.after_round()?;
            if let Some(r) = self.end.take() {
                return Ok(r);
            }
        }
    }

    fn quantum(&self) -> u64 {
        if self.config.cpus == 1 {
            self.config.slice
        } else {
            self.config.quantum
        }
    }

    /// One vCPU's turn: run its tasks until a quantum of instructions has passed.
    pub(crate) fn cpu_turn<T: Tracer>(
        &mut self,
        cpu: usize,
        tracer: &mut T,
    ) -> Result<(), KernelError> {
        let quantum = self.quantum();
        let start = self.machine.vcpus[cpu].timer.itc();
        loop {
            let used = self.machine.vcpus[cpu].timer.itc().wrapping_sub(start);
            // A gdb stop ends the turn: the stub stops every other thread (all-stop).
            if used >= quantum || self.end.is_some() || self.gdb_event_pending() {
                return Ok(());
            }
            let tid = match self.sched.current[cpu] {
                Some(t) => t,
                None => match self.pick_next(cpu)? {
                    Some(t) => t,
                    None => {
                        self.idle(cpu, quantum - used);
                        return Ok(());
                    }
                },
            };
            // A task switched in may have finished its kernel work and left the vCPU again.
            if self.sched.current[cpu] != Some(tid) {
                continue;
            }
            let mut budget = quantum - used;
            if let Some(max) = self.config.max_insns {
                let left = max.saturating_sub(self.retired);
                if left == 0 {
                    self.instruction_limit(cpu);
                    return Ok(());
                }
                budget = budget.min(left);
            }
            let exit = self.run_current(cpu, tid, budget, tracer);
            self.handle_exit(cpu, exit)?;
        }
    }

    fn run_current<T: Tracer>(
        &mut self,
        cpu: usize,
        tid: Tid,
        budget: u64,
        tracer: &mut T,
    ) -> VcpuExit {
        let mm = self.tasks.get(&tid).map_or(0, |t| t.mm);
        let before = self.machine.vcpus[cpu].cpu.state.retired;
        let exit = match self.mms.get(mm) {
            Some(m) => self.machine.run_vcpu(cpu, &m.space, budget, tracer),
            None => VcpuExit::Cpu(Exit::Budget),
        };
        let n = self.machine.vcpus[cpu].cpu.state.retired - before;
        self.retired += n;
        self.sched.stats[cpu].instructions += n;
        if let Some(t) = self.tasks.get_mut(&tid) {
            t.stats.instructions += n;
            t.slice_used += n;
        }
        exit
    }

    fn handle_exit(&mut self, cpu: usize, exit: VcpuExit) -> Result<(), KernelError> {
        match exit {
            VcpuExit::Timer(_) => self.timer_interrupt(cpu),
            VcpuExit::Cpu(Exit::Budget) => Ok(()),
            VcpuExit::Cpu(Exit::Unsupported(what)) => {
                let st = &self.machine.vcpus[cpu].cpu.state;
                Err(KernelError::Unsupported {
                    ip: st.ip,
                    slot: st.slot,
                    what,
                })
            }
            VcpuExit::Cpu(Exit::Fault(Fault::Break { imm: BREAK_SYSCALL })) => {
                self.syscall_entry(cpu)
            }
            VcpuExit::Cpu(Exit::Fault(f @ Fault::DisabledFpRegister { .. })) => {
                self.enable_fp(cpu, &f)
            }
            VcpuExit::Cpu(Exit::Fault(f)) => self.fault_entry(cpu, f),
            // The gdb stub's breakpoints and watchpoints (crate::gdb).
            VcpuExit::Cpu(Exit::Debug(ev)) => self.gdb_debug_exit(cpu, ev),
        }
    }

    /// An idle vCPU: its timer runs on for `n` instructions.
    fn idle(&mut self, cpu: usize, n: u64) {
        let tick = self.config.tick;
        let v = &mut self.machine.vcpus[cpu];
        v.timer.advance(n);
        if v.timer.take_pending().is_some() {
            let next = v.timer.itc().wrapping_add(tick);
            v.timer.set_itm(next);
        }
        self.sched.stats[cpu].idle += n;
    }

    /// The clock: the furthest vCPU interval timer (one instruction = one nanosecond).
    pub fn now_ns(&self) -> u64 {
        self.machine
            .vcpus
            .iter()
            .map(|v| v.timer.itc())
            .max()
            .unwrap_or(0)
    }

    /// Between rounds: wake sleepers whose time has come; when nothing can run, skip time to
    /// the next deadline or report a deadlock.
    pub(crate) fn after_round(&mut self) -> Result<(), KernelError> {
        self.wake_sleepers();
        let busy = self.sched.current.iter().any(Option::is_some)
            || self.sched.rq.iter().any(|q| !q.is_empty());
        if busy {
            return Ok(());
        }
        match self.next_deadline() {
            Some(until) => {
                let now = self.now_ns();
                let skip = until.saturating_sub(now);
                for cpu in 0..self.config.cpus {
                    self.idle(cpu, skip);
                }
                self.wake_sleepers();
                Ok(())
            }
            None => Err(KernelError::Deadlock(self.describe_blocked())),
        }
    }

    fn describe_blocked(&self) -> String {
        let v: Vec<String> = self
            .tasks
            .values()
            .map(|t| format!("task {} {:?}", t.tid, t.state))
            .collect();
        v.join(", ")
    }

    /// The vCPU `i`'s processor.
    pub fn cpu_of(&self, i: usize) -> &Cpu {
        &self.machine.vcpus[i].cpu
    }

    /// vCPU 0's processor.
    pub fn cpu(&self) -> &Cpu {
        &self.machine.vcpus[0].cpu
    }

    /// The register state of live task `tid` (on its vCPU or saved).
    pub fn task_state(&self, tid: Tid) -> Option<&State> {
        let t = self.tasks.get(&tid)?;
        match t.on_cpu {
            Some(c) => Some(&self.machine.vcpus[c].cpu.state),
            None => Some(&t.ctx),
        }
    }

    /// Counters summed over every vCPU and task.
    pub fn totals(&self) -> Totals {
        let mut t = Totals {
            instructions: self.retired,
            rse: self.dead_rse,
            ..Totals::default()
        };
        for v in &self.machine.vcpus {
            t.bundles += v.cpu.stats.bundles;
            t.taken_branches += v.cpu.stats.taken_branches;
            t.decoded += v.cpu.cache.stats.decoded;
            t.invalidations += v.cpu.cache.stats.invalidations;
        }
        for tid in self.tasks.keys() {
            if let Some(st) = self.task_state(*tid) {
                add_counters(&mut t.rse, st.rse.counters());
            }
        }
        t
    }

    /// Per-task counters: live tasks and exited ones, by tid.
    pub fn task_stats(&self) -> BTreeMap<Tid, TaskStats> {
        let mut m = self.dead.clone();
        for (tid, t) in &self.tasks {
            m.insert(*tid, t.stats);
        }
        m
    }

    pub(crate) fn end_with(&mut self, r: RunResult) {
        if self.end.is_none() {
            self.end = Some(r);
        }
    }

    fn instruction_limit(&mut self, cpu: usize) {
        let st = self.machine.vcpus[cpu].cpu.state.clone();
        self.end_with(RunResult {
            outcome: Outcome::Killed {
                signal: signal::sig::SIGXCPU,
                fault: None,
                ip: st.ip,
                slot: st.slot,
            },
            final_state: st,
        });
    }

    /// A view of the current task's memory through its vCPU, with that vCPU's processor.
    pub(crate) fn cpu_view(&mut self, cpu: usize) -> (&mut Cpu, MemView<'_>) {
        let tid = self.sched.current[cpu].unwrap_or(self.cur);
        let mm = self.tasks.get(&tid).map_or(0, |t| t.mm);
        let space = match self.mms.0.get(mm).and_then(Option::as_ref) {
            Some(m) => &m.space,
            None => &self.machine.kspace,
        };
        let v = &mut self.machine.vcpus[cpu];
        (
            &mut v.cpu,
            MemView::new(
                &mut self.machine.phys,
                space,
                &self.machine.kspace,
                &mut v.tlb,
            ),
        )
    }

    // ----- kernel entries -----

    /// A syscall: enter the kernel, dispatch, and finish or block.
    fn syscall_entry(&mut self, cpu: usize) -> Result<(), KernelError> {
        self.stats.entries += 1;
        let Some(tid) = self.sched.current[cpu] else {
            return Ok(());
        };
        let krbs = self.tasks.get(&tid).map_or(0, |t| t.karea.krbs);
        let fault = Fault::Break { imm: BREAK_SYSCALL };
        let (c, mut view) = self.cpu_view(cpu);
        let st = &mut c.state;
        let (ip, slot) = (st.ip, st.slot);
        let nr = st.gr[15];
        let exiting = matches!(
            nr,
            crate::syscall::nr::EXIT | crate::syscall::nr::EXIT_GROUP
        );
        let snapshot = exiting.then(|| st.clone());
        let pt = entry::enter(st, &mut view, EntryKind::Syscall, &fault, ip, slot, krbs)?;
        let args = entry::syscall_args(st, &pt);
        if let Some(t) = self.tasks.get_mut(&tid) {
            t.pt = pt;
            t.stats.syscalls += 1;
            if let Some(s) = snapshot {
                t.last_user = Some(Box::new(s));
            }
        }
        let Some((nr, a)) = args else {
            return self.complete_syscall(cpu, SysResult::Err(errno::EINVAL));
        };
        if self
            .tasks
            .get(&tid)
            .is_none_or(|t| t.work.syscall_work.is_empty())
        {
            return self.run_syscall(cpu, tid, nr, a, true);
        }
        self.syscall_enter_work(cpu, tid)
    }

    /// The syscall entry work (tracing reports, audit), then the syscall; called again after
    /// a stop in the entry report.
    fn syscall_enter_work(&mut self, cpu: usize, tid: Tid) -> Result<(), KernelError> {
        // Back from a stop in the engines' entry report: that report continues first (it may
        // repeat for engines that asked for one, stop again, or abort the syscall).
        if matches!(
            self.utrace.progress(tid),
            utrace::Progress::SyscallEntry { .. }
        ) {
            match self.as_current(tid, |k| utrace::report_syscall_entry(k, tid)) {
                Reported::Stopped => return self.trace_stop(cpu, tid, Resume::SyscallEnterWork),
                Reported::Done(utrace::SyscallDecision::Abort) => {
                    if let Some(t) = self.tasks.get_mut(&tid) {
                        t.syscall_abort = true;
                    }
                }
                Reported::Done(utrace::SyscallDecision::Run) => {}
            }
        }
        let mut ctx = ExitCtx::new(self, cpu, tid);
        let outcome = work::syscall_enter_work(&mut ctx);
        if let Some(e) = ctx.error.take() {
            return Err(e);
        }
        match outcome {
            EnterOutcome::Run { nr } => {
                // The syscall work may have changed the arguments (a tracer at the enter stop):
                // under `lazy` they come back from user memory first (syscall_trace_enter's
                // ia64_sync_krbs), then they are read.
                self.rse_restore(cpu, tid)?;
                let st = &self.machine.vcpus[cpu].cpu.state;
                let a = std::array::from_fn(|i| st.read_gr(32 + i as u8).0);
                self.run_syscall(cpu, tid, nr, a, true)
            }
            EnterOutcome::Skip { result } => self.complete_syscall(cpu, result),
            EnterOutcome::Descheduled | EnterOutcome::Dead => Ok(()),
        }
    }

    /// Run syscall `nr` for `tid` on `cpu` (again, after a wake-up, when `first` is false).
    pub(crate) fn run_syscall(
        &mut self,
        cpu: usize,
        tid: Tid,
        nr: u64,
        a: [u64; 8],
        first: bool,
    ) -> Result<(), KernelError> {
        self.cur = tid;
        self.cur_cpu = cpu;
        self.resumed = !first;
        if first {
            self.stats.syscalls += 1;
        }
        if let Some(r) = self.tasks.get_mut(&tid).and_then(|t| t.wake_result.take()) {
            if let (crate::process::nr::CLONE | crate::process::nr::CLONE2, SysResult::Ok(child)) =
                (nr, r)
            {
                // VFORK_DONE: a stop before the syscall returns, if asked for.
                self.vfork_done(tid, child);
            }
            return self.complete_syscall(cpu, r);
        }
        let action = self.syscall(nr, a);
        // The syscall may have ended the caller (a signal to itself, exit of its group).
        if self.sched.current[cpu] != Some(tid) {
            return Ok(());
        }
        match action {
            Action::Return(r) => self.complete_syscall(cpu, r),
            Action::Block(w) => {
                if self.signal_pending(tid) {
                    let e = crate::process::restart_errno(nr);
                    return self.complete_syscall(cpu, SysResult::Err(e));
                }
                self.block(cpu, tid, w, nr, a)
            }
            Action::BlockThen(crate::task::Wait::VforkDone { child }, r) => {
                self.vfork_wait(cpu, tid, child, r)
            }
            Action::BlockThen(w, r) => {
                if let Some(t) = self.tasks.get_mut(&tid) {
                    t.wake_result = Some(r);
                }
                self.block(cpu, tid, w, nr, a)
            }
            Action::Exit(status) => self.do_exit(cpu, tid, false, (status & 0xff) << 8),
            Action::ExitGroup(status) => self.do_exit(cpu, tid, true, (status & 0xff) << 8),
            Action::Resumed => self.sigreturn_exit(cpu, tid),
            Action::UserReady => self.exec_trace_work(cpu, tid),
        }
    }

    /// A vfork parent: stop first if an engine asked for it at the clone report, then wait for
    /// the child to exec or exit (unless it already has).
    pub(crate) fn vfork_wait(
        &mut self,
        cpu: usize,
        tid: Tid,
        child: Tid,
        result: SysResult,
    ) -> Result<(), KernelError> {
        if self.as_current(tid, |k| utrace::finish_vfork(k, tid)) == Reported::Stopped {
            return self.trace_stop(cpu, tid, Resume::VforkStop { child, result });
        }
        let waiting = self
            .tasks
            .get(&child)
            .is_some_and(|c| c.vfork_parent == Some(tid));
        if waiting {
            if let Some(t) = self.tasks.get_mut(&tid) {
                t.wake_result = Some(result);
            }
            let w = crate::task::Wait::VforkDone { child };
            return self.block(cpu, tid, w, crate::process::nr::CLONE2, [0; 8]);
        }
        self.vfork_done(tid, child);
        self.complete_syscall(cpu, result)
    }

    /// A vfork of `tid` completed (the child exec'd or exited): engines that asked for it
    /// get their VFORK_DONE report before the syscall returns.
    fn vfork_done(&mut self, tid: Tid, child: Tid) {
        let _ = self.ptrace_vfork_done(tid, child);
        crate::harness::vfork_done(self, tid);
    }

    /// `do_exit` of the current task with wait status `status` (of its whole group when
    /// `group`: its other threads are killed first): the exit report first, where an engine
    /// may stop it alive.
    pub(crate) fn do_exit(
        &mut self,
        cpu: usize,
        tid: Tid,
        group: bool,
        status: i32,
    ) -> Result<(), KernelError> {
        self.exit_begins(tid, group, status);
        let mut code = i64::from(status);
        if self.as_current(tid, |k| utrace::report_exit(k, tid, &mut code)) == Reported::Stopped {
            let status = code as i32;
            return self.trace_stop(cpu, tid, Resume::Exit { group, status });
        }
        if group {
            self.exit_group(tid, code as i32, None);
            Ok(())
        } else {
            self.exit_thread(tid, code as i32)
        }
    }

    /// After a successful `execve` of a task with tracing engines: the exec report, the
    /// syscall-exit report and the return-to-user work run before the new image's first
    /// instruction, through an interruption-style entry made for the new registers (Linux
    /// returns from execve through `ia64_leave_kernel` with `pt_regs` from `start_thread`).
    fn exec_trace_work(&mut self, cpu: usize, tid: Tid) -> Result<(), KernelError> {
        if self.utrace.flags(tid) == 0 {
            return Ok(());
        }
        let f = Fault::Break { imm: BREAK_SYSCALL };
        if self.enter_interruption(cpu, &f)?.is_none() {
            return Ok(());
        }
        if let Some(t) = self.tasks.get_mut(&tid) {
            t.resume = Resume::ExitWork;
        }
        self.as_current(tid, |k| utrace::report_exec(k, tid));
        self.syscall_exit_work(cpu, tid)
    }

    /// Finish the current syscall with `r` and go back to user mode.
    pub(crate) fn complete_syscall(&mut self, cpu: usize, r: SysResult) -> Result<(), KernelError> {
        let (c, mut view) = self.cpu_view(cpu);
        entry::finish_syscall(&mut c.state, &mut view, r)?;
        entry::enter_exit_work(&mut c.state, &mut view)?;
        let Some(tid) = self.sched.current[cpu] else {
            return Ok(());
        };
        if let Some(t) = self.tasks.get_mut(&tid) {
            t.exit_frame = true;
        }
        self.syscall_exit_work(cpu, tid)
    }

    /// The syscall exit work (audit, the engines' exit report, the step report), then the
    /// return to user mode.
    pub(crate) fn syscall_exit_work(&mut self, cpu: usize, tid: Tid) -> Result<(), KernelError> {
        if self
            .tasks
            .get(&tid)
            .is_some_and(|t| !t.work.syscall_work.is_empty())
        {
            let mut ctx = ExitCtx::new(self, cpu, tid);
            let step = work::syscall_exit_work(&mut ctx);
            if let Some(e) = ctx.error.take() {
                return Err(e);
            }
            if step != Step::Continue {
                return Ok(());
            }
        }
        self.exit_to_user(cpu)
    }

    /// The return to user mode: the work loop ([`crate::work`]), then `ia64_leave_kernel`.
    pub(crate) fn exit_to_user(&mut self, cpu: usize) -> Result<(), KernelError> {
        let Some(tid) = self.sched.current[cpu] else {
            return Ok(());
        };
        self.recalc_sigpending(tid);
        let mut ctx = ExitCtx::new(self, cpu, tid);
        let end = work::exit_to_user_mode_loop(&mut ctx);
        if let Some(e) = ctx.error.take() {
            return Err(e);
        }
        match end {
            Ok(LoopEnd::ReturnToUser { .. }) => {}
            Ok(LoopEnd::Descheduled | LoopEnd::Dead) => return Ok(()),
            Err(l) => return Err(KernelError::Livelock(l.to_string())),
        }
        if self.sched.current[cpu] != Some(tid) {
            return Ok(());
        }
        let Some((pt, exit_frame)) = self.tasks.get_mut(&tid).map(|t| {
            let f = std::mem::take(&mut t.exit_frame);
            (t.pt, f)
        }) else {
            return Ok(());
        };
        let (c, mut view) = self.cpu_view(cpu);
        if exit_frame {
            entry::leave_exit_work(&mut c.state, &mut view)?;
        }
        let before = c.state.rse.counters().loadrs.bytes_loaded;
        let left = entry::leave(&mut c.state, &mut view, &pt);
        let loaded = c.state.rse.counters().loadrs.bytes_loaded - before;
        if let Err(e) = left {
            return self.incomplete_frame(tid, &pt, e);
        }
        if let Some(t) = self.tasks.get_mut(&tid) {
            t.stats.krbs_reloaded += loaded;
        }
        Ok(())
    }

    /// The return to user mode failed. A fault of the mandatory fill that `rfi` starts for the
    /// frame it returns to (the frame's registers are not in the user backing store: nothing
    /// mapped there) is a fault of the user context with an incomplete frame (rse-spec §5.4,
    /// ISR.ir; SDM Vol. 2 Part I §6.6): Linux's page-fault path sends SIGSEGV for it. This
    /// kernel cannot resume a task on an incomplete frame, so the signal is fatal here, as
    /// `force_sigsegv` makes it (a handler would need the frame it cannot have); the
    /// killing siginfo names the fault. Any other failure is a kernel error.
    fn incomplete_frame(
        &mut self,
        tid: Tid,
        pt: &entry::PtRegs,
        e: EntryError,
    ) -> Result<(), KernelError> {
        match e {
            EntryError {
                fault: f @ Fault::Rse { .. },
                ..
            } if e.in_rfi() => {
                let ri = ((pt.cr_ipsr >> psr::RI) & 3) as u8;
                // The ISR this fault would get: its bits, ISR.ei = the slot (a fault).
                let isr = f.info().isr | (u64::from(ri) << ia64_cpu::fault::isr::EI_SHIFT);
                let info = signal::info_for_fault(&f, pt.cr_iip, ri, isr);
                self.exit_group(tid, signal::sig::SIGSEGV as i32, Some(info));
                Ok(())
            }
            e => Err(e.into()),
        }
    }

    /// Raise SIGPENDING when `tid` has signal work (`recalc_sigpending`).
    pub(crate) fn recalc_sigpending(&mut self, tid: Tid) {
        let pending = self.signal_pending(tid)
            || matches!(self.utrace.progress(tid), utrace::Progress::Signal { .. });
        if let Some(t) = self.tasks.get_mut(&tid) {
            if pending {
                t.work.flags.set(Tif::SigPending);
            } else {
                t.work.flags.clear(Tif::SigPending);
            }
        }
    }

    /// Enter the kernel through the interruption path (`cover`, KRBS) for `f` on behalf of
    /// the task current on `cpu`, recording its `pt_regs`; `None` when the vCPU is idle.
    pub(crate) fn enter_interruption(
        &mut self,
        cpu: usize,
        f: &Fault,
    ) -> Result<Option<Tid>, KernelError> {
        self.stats.entries += 1;
        let Some(tid) = self.sched.current[cpu] else {
            return Ok(None);
        };
        let krbs = self.tasks.get(&tid).map_or(0, |t| t.karea.krbs);
        let (c, mut view) = self.cpu_view(cpu);
        let st = &mut c.state;
        let (ip, slot) = (st.ip, st.slot);
        let pt = entry::enter(st, &mut view, EntryKind::Interruption, f, ip, slot, krbs)?;
        if let Some(t) = self.tasks.get_mut(&tid) {
            t.pt = pt;
        }
        Ok(Some(tid))
    }

    /// A fault in user mode: enter through the interruption path and send the signal.
    fn fault_entry(&mut self, cpu: usize, f: Fault) -> Result<(), KernelError> {
        let snapshot = self.machine.vcpus[cpu].cpu.state.clone();
        let Some(tid) = self.enter_interruption(cpu, &f)? else {
            return Ok(());
        };
        let isr = self.machine.vcpus[cpu].cpu.state.cr[usize::from(ia64_cpu::state::cr::ISR)];
        let info = signal::info_for_fault(&f, snapshot.ip, snapshot.slot, isr);
        if let Some(t) = self.tasks.get_mut(&tid) {
            t.last_user = Some(Box::new(snapshot));
        }
        self.force_signal(tid, info);
        self.exit_to_user(cpu)
    }

    /// Disabled FP Register fault: Linux enables the high FP partition for the task
    /// (`disabled_fph_fault`: clears ipsr.dfh) and re-executes the instruction.
    fn enable_fp(&mut self, cpu: usize, f: &Fault) -> Result<(), KernelError> {
        let Some(tid) = self.enter_interruption(cpu, f)? else {
            return Ok(());
        };
        if let Some(t) = self.tasks.get_mut(&tid) {
            t.pt.cr_ipsr &= !((1 << psr::DFH) | (1 << psr::DFL));
        }
        self.exit_to_user(cpu)
    }

    /// Timer interrupt: count the tick, re-arm ITM one tick later, ask for a reschedule when
    /// the task used its time slice, enter through the interruption path and return through
    /// the work loop.
    fn timer_interrupt(&mut self, cpu: usize) -> Result<(), KernelError> {
        self.stats.timer_interrupts += 1;
        self.sched.stats[cpu].timer_interrupts += 1;
        let tick = self.config.tick;
        let v = &mut self.machine.vcpus[cpu];
        let next = v.timer.itc().wrapping_add(tick);
        v.timer.set_itm(next);
        let slice = tick.saturating_mul(self.config.timeslice_ticks);
        if let Some(t) = self.sched.current[cpu].and_then(|tid| self.tasks.get_mut(&tid)) {
            if t.slice_used >= slice {
                t.work.flags.set(Tif::NeedResched);
            }
        }
        let f = Fault::ExternalInterrupt {
            vector: TIMER_VECTOR,
        };
        match self.enter_interruption(cpu, &f)? {
            Some(_) => self.exit_to_user(cpu),
            None => Ok(()),
        }
    }

    // ----- scheduling -----

    /// Whether `tid` on `cpu` must or may give up the vCPU: it is not allowed there, or it
    /// asked to (NEED_RESCHED) and another task waits for this vCPU.
    fn should_switch(&self, cpu: usize, tid: Tid) -> bool {
        let Some(t) = self.tasks.get(&tid) else {
            return false;
        };
        t.affinity & (1 << cpu) == 0 || !self.sched.rq[cpu].is_empty()
    }

    /// Preempt `tid` (its resume point is set): back to the tail of a run queue.
    fn preempt(&mut self, cpu: usize, tid: Tid) -> Result<(), KernelError> {
        self.switch_away(cpu, tid)?;
        if let Some(t) = self.tasks.get_mut(&tid) {
            t.stats.preemptions += 1;
        }
        self.sched.stats[cpu].preemptions += 1;
        self.enqueue(tid);
        Ok(())
    }

    /// Block `tid` inside syscall `nr`.
    fn block(
        &mut self,
        cpu: usize,
        tid: Tid,
        w: crate::task::Wait,
        nr: u64,
        a: [u64; 8],
    ) -> Result<(), KernelError> {
        if let Some(t) = self.tasks.get_mut(&tid) {
            t.state = RunState::Blocked(w);
            t.resume = Resume::Syscall { nr, args: a };
        }
        self.switch_away(cpu, tid)
    }

    /// Take `tid` off `cpu`: flush its register stack into its KRBS and save its state.
    pub(crate) fn switch_away(&mut self, cpu: usize, tid: Tid) -> Result<(), KernelError> {
        let itc = self.machine.vcpus[cpu].timer.itc();
        let (c, mut view) = self.cpu_view(cpu);
        let (sw, flushed) = sched::switch_out(&mut c.state, &mut view)?;
        let cpu_state = &mut self.machine.vcpus[cpu].cpu.state;
        if let Some(t) = self.tasks.get_mut(&tid) {
            sched::exchange(cpu_state, &mut t.ctx, itc);
            t.sw = sw;
            t.on_cpu = None;
            t.stats.switches += 1;
            t.stats.krbs_flushed += flushed;
        }
        self.sched.current[cpu] = None;
        self.sched.stats[cpu].switches += 1;
        Ok(())
    }

    /// Put runnable `tid` on a run queue: its last vCPU if allowed, else the first allowed.
    pub(crate) fn enqueue(&mut self, tid: Tid) {
        if self.sched.is_queued(tid) {
            return;
        }
        let n = self.config.cpus;
        let Some(t) = self.tasks.get_mut(&tid) else {
            return;
        };
        if t.on_cpu.is_some() || t.state != RunState::Runnable {
            return;
        }
        let cpu = if t.affinity & (1 << t.cpu) != 0 {
            t.cpu
        } else {
            (0..n).find(|&c| t.affinity & (1 << c) != 0).unwrap_or(0)
        };
        self.sched.rq[cpu].push_back(tid);
    }

    /// Make blocked or stopped `tid` runnable.
    pub(crate) fn wake(&mut self, tid: Tid) {
        if let Some(t) = self.tasks.get_mut(&tid) {
            if matches!(t.state, RunState::Blocked(_)) {
                t.state = RunState::Runnable;
            }
        }
        self.enqueue(tid);
    }

    /// Choose the next task for idle `cpu` (its own queue first, then a task that may migrate
    /// from the longest other queue) and resume it there.
    fn pick_next(&mut self, cpu: usize) -> Result<Option<Tid>, KernelError> {
        let tid = match self.sched.rq[cpu].pop_front() {
            Some(t) => Some(t),
            None => self.steal(cpu),
        };
        let Some(tid) = tid else {
            return Ok(None);
        };
        self.dispatch(cpu, tid)?;
        Ok(Some(tid))
    }

    /// Migration: take the last task allowed on `cpu` from the longest other queue.
    fn steal(&mut self, cpu: usize) -> Option<Tid> {
        let n = self.config.cpus;
        let from = (0..n)
            .filter(|&c| c != cpu)
            .max_by_key(|&c| (self.sched.rq[c].len(), n - c))?;
        let q = &self.sched.rq[from];
        let pos = q.iter().rposition(|t| {
            self.tasks
                .get(t)
                .is_some_and(|task| task.affinity & (1 << cpu) != 0)
        })?;
        // Only pull from a vCPU that has something else to do.
        if self.sched.current[from].is_none() && q.len() <= 1 {
            return None;
        }
        let tid = self.sched.rq[from].remove(pos)?;
        self.sched.stats[cpu].migrations_in += 1;
        Some(tid)
    }

    /// Put `tid` on `cpu` and continue it where it stopped in the kernel.
    pub(crate) fn dispatch(&mut self, cpu: usize, tid: Tid) -> Result<(), KernelError> {
        let itc = self.machine.vcpus[cpu].timer.itc();
        let Some(t) = self.tasks.get_mut(&tid) else {
            return Ok(());
        };
        if t.cpu != cpu {
            t.stats.migrations += 1;
            t.cpu = cpu;
        }
        t.on_cpu = Some(cpu);
        t.slice_used = 0;
        let resume = t.resume;
        let sw = t.sw;
        sched::exchange(&mut self.machine.vcpus[cpu].cpu.state, &mut t.ctx, itc);
        self.sched.current[cpu] = Some(tid);
        // `eager`: a task that was written back at a stop reloads before it runs again.
        if sched::has_kernel_frame(resume) {
            self.rse_on_resume(tid);
        }
        let sw = self.tasks.get(&tid).map_or(sw, |t| t.sw);
        self.machine.vcpus[cpu].tlb.flush_all();
        if sched::has_kernel_frame(resume) {
            let (c, mut view) = self.cpu_view(cpu);
            let filled = sched::switch_in(&mut c.state, &mut view, sw)?;
            if let Some(t) = self.tasks.get_mut(&tid) {
                t.stats.krbs_reloaded += filled;
            }
        }
        match resume {
            Resume::Start => Ok(()),
            Resume::Syscall { nr, args } => self.run_syscall(cpu, tid, nr, args, false),
            Resume::ForkChild => self.complete_syscall(cpu, SysResult::Ok(0)),
            Resume::ExitWork => {
                // Back from a stop in `utrace_resume`: it continues first.
                if self.utrace.progress(tid) == utrace::Progress::Resume
                    && !self.trace_resume_work(cpu, tid)?
                {
                    return Ok(());
                }
                self.exit_to_user(cpu)
            }
            Resume::SyscallEnterWork => self.syscall_enter_work(cpu, tid),
            Resume::VforkStop { child, result } => self.vfork_wait(cpu, tid, child, result),
            Resume::Exit { group, status } => self.do_exit(cpu, tid, group, status),
        }
    }

    // ----- task death -----

    /// Remove `tid` from the machine: off its vCPU and queues, kernel area and memory
    /// descriptor released, counters kept. Returns the thread group.
    pub(crate) fn reap_task(&mut self, tid: Tid) -> Option<Tid> {
        let t = self.tasks.remove(&tid)?;
        self.sched.dequeue(tid);
        let state = match t.on_cpu {
            Some(c) => {
                self.sched.current[c] = None;
                self.machine.vcpus[c].cpu.state.clone()
            }
            None => (*t.ctx).clone(),
        };
        add_counters(&mut self.dead_rse, state.rse.counters());
        self.dead.insert(tid, t.stats);
        self.free_kslots.insert(t.kslot);
        self.drop_mm(t.mm);
        if let Some(g) = self.groups.get_mut(&t.tgid) {
            g.threads.retain(|&x| x != tid);
        }
        Some(t.tgid)
    }

    /// One user fewer for memory descriptor `mm`; the last one frees it.
    pub(crate) fn drop_mm(&mut self, mm: usize) {
        let Some(m) = self.mms.get_mut(mm) else {
            return;
        };
        m.users = m.users.saturating_sub(1);
        if m.users == 0 {
            if let Some(mut m) = self.mms.0[mm].take() {
                m.space.release_all(&mut self.machine.phys);
            }
        }
    }
}

/// Map the gate page (firmware/gate.bin: the syscall stub and the signal trampoline) at
/// `GATE_ADDR`, readable and executable from user mode, as Linux maps its gate DSO.
fn map_gate(m: &mut Machine) -> Result<(), KernelError> {
    use ia64_machine::layout::GATE_ADDR;
    use ia64_machine::phys::PAGE_SIZE;
    let image = crate::sigframe::GATE_IMAGE;
    let len = ia64_machine::layout::page_align_up(image.len() as u64).max(PAGE_SIZE);
    m.kspace
        .map(&mut m.phys, GATE_ADDR, len, Perm::RX, PageLevel::User)?;
    m.kspace.write_bytes(&mut m.phys, GATE_ADDR, image)?;
    Ok(())
}

fn add_counters(into: &mut RseCounters, c: &RseCounters) {
    fn add(a: &mut Traffic, b: &Traffic) {
        *a = a.plus(*b);
    }
    add(&mut into.mandatory, &c.mandatory);
    add(&mut into.eager, &c.eager);
    add(&mut into.flushrs, &c.flushrs);
    add(&mut into.loadrs, &c.loadrs);
}

/// Linux `start_thread` plus the return to user mode: the initial registers of the process.
pub(crate) fn start_thread<M: Memory + ?Sized>(
    st: &mut State,
    mem: &mut M,
    image: &ProcessImage,
) -> Result<(), KernelError> {
    fn rse<T>(
        during: &'static str,
        r: Result<T, ia64_cpu::rse::RseFault>,
    ) -> Result<T, KernelError> {
        r.map_err(|f| {
            KernelError::Entry(EntryError {
                during,
                fault: f.into(),
            })
        })
    }
    // The reset frame has 96 registers: the new process starts with an empty one.
    rse(
        "empty frame",
        st.rse.alloc(
            mem,
            AllocArgs {
                sof: 0,
                sol: 0,
                sor: 0,
            },
            1,
        ),
    )?;
    rse("bspstore", st.rse.mov_to_bspstore(image.bspstore, false))?;
    rse("rnat", st.rse.mov_to_rnat(image.rnat, false))?;
    rse("rsc", st.rse.mov_to_rsc(image.rsc, false, 3))?;
    st.write_psr(image.psr);
    st.ar[usize::from(ar::FPSR)] = image.fpsr;
    st.gr[12] = image.r12;
    st.gr[8] = image.r8;
    st.ip = image.entry;
    st.slot = 0;
    Ok(())
}

/// The work loop's view of one task on one vCPU (the handlers of [`crate::work::ExitWork`]).
struct ExitCtx<'a> {
    k: &'a mut Kernel,
    cpu: usize,
    tid: Tid,
    error: Option<KernelError>,
    scratch: TaskWork,
}

impl<'a> ExitCtx<'a> {
    fn new(k: &'a mut Kernel, cpu: usize, tid: Tid) -> Self {
        Self {
            k,
            cpu,
            tid,
            error: None,
            scratch: TaskWork::default(),
        }
    }

    fn fail(&mut self, e: KernelError) -> Step {
        self.error = Some(e);
        Step::Dead
    }

    fn still_here(&self) -> bool {
        self.k.sched.current[self.cpu] == Some(self.tid)
    }
}

impl TaskContext for ExitCtx<'_> {
    fn task_work(&mut self) -> &mut TaskWork {
        match self.k.tasks.get_mut(&self.tid) {
            Some(t) => &mut t.work,
            None => &mut self.scratch,
        }
    }
}

impl NotifyResumeWork for ExitCtx<'_> {
    fn run_notify_user(&mut self, user: NotifyUser) -> Step {
        if user != crate::engines::UTRACE_NOTIFY {
            return Step::Continue;
        }
        match self.k.trace_resume_work(self.cpu, self.tid) {
            Ok(true) => Step::Continue,
            Ok(false) if self.k.tasks.contains_key(&self.tid) => Step::Descheduled,
            Ok(false) => Step::Dead,
            Err(e) => self.fail(e),
        }
    }
}

impl ExitWork for ExitCtx<'_> {
    /// NEED_RESCHED: `schedule()`: switch to the next task of this vCPU's queue, if any (and
    /// away from a vCPU the task may no longer use).
    fn schedule(&mut self) -> Step {
        if !self.k.should_switch(self.cpu, self.tid) {
            return Step::Continue;
        }
        if let Some(t) = self.k.tasks.get_mut(&self.tid) {
            t.resume = Resume::ExitWork;
        }
        match self.k.preempt(self.cpu, self.tid) {
            Ok(()) => Step::Descheduled,
            Err(e) => self.fail(e),
        }
    }

    /// SIGPENDING: `do_signal` until no signal needs delivery.
    fn do_signal(&mut self) -> Step {
        match self.k.do_signal(self.cpu, self.tid) {
            Ok(true) if self.still_here() => {
                self.k.recalc_sigpending(self.tid);
                Step::Continue
            }
            Ok(_) if self.k.tasks.contains_key(&self.tid) => Step::Descheduled,
            Ok(_) => Step::Dead,
            Err(e) => self.fail(e),
        }
    }

    /// NOTIFY_RESUME: the notify-resume users (the engine layer's `utrace_resume`).
    fn notify_resume(&mut self) -> Step {
        work::resume_user_mode_work(self)
    }

    /// RESTORE_RSE (`lazy`): the user backing store is newer than the KRBS: reload it
    /// (`do_notify_resume_user` → `ia64_sync_krbs`, last in the loop).
    fn restore_rse(&mut self) -> Step {
        // The loop has cleared RESTORE_RSE already (clear-before-act): reload.
        match self.k.rse_reload(self.cpu, self.tid) {
            Ok(()) => Step::Continue,
            Err(e) => self.fail(e),
        }
    }
}

/// The syscall work hooks. Tracing engines (the syscall reports) attach here; without an engine
/// the reports do nothing and the task goes on.
impl SyscallWorkHooks for ExitCtx<'_> {
    /// The engines' syscall-entry report; a stop continues in the entry work
    /// ([`Resume::SyscallEnterWork`]); an abort skips the syscall.
    fn report_syscall_entry(&mut self) -> Step {
        let tid = self.tid;
        match self
            .k
            .as_current(tid, |k| utrace::report_syscall_entry(k, tid))
        {
            Reported::Done(utrace::SyscallDecision::Run) => Step::Continue,
            Reported::Done(utrace::SyscallDecision::Abort) => {
                if let Some(t) = self.k.tasks.get_mut(&tid) {
                    t.syscall_abort = true;
                }
                Step::Continue
            }
            Reported::Stopped => match self.k.trace_stop(self.cpu, tid, Resume::SyscallEnterWork) {
                Ok(()) => Step::Descheduled,
                Err(e) => self.fail(e),
            },
        }
    }

    fn fatal_signal_pending(&mut self) -> bool {
        let tgid = self.k.tasks.get(&self.tid).map_or(0, |t| t.tgid);
        self.k
            .groups
            .get(&tgid)
            .is_some_and(|g| g.exit_status.is_some())
    }

    fn syscall_nr(&mut self) -> u64 {
        let aborted = self
            .k
            .tasks
            .get_mut(&self.tid)
            .is_some_and(|t| std::mem::take(&mut t.syscall_abort));
        if aborted {
            return work::NO_SYSCALL;
        }
        self.k.machine.vcpus[self.cpu].cpu.state.gr[15]
    }

    fn skip_result(&mut self) -> Option<SysResult> {
        None
    }

    /// `audit_syscall_entry`: one record (a `kernel::audit` event and a counter).
    fn audit_entry(&mut self, nr: u64) {
        self.k.stats.audit_records += 1;
        tracing::info!(target: "kernel::audit", tid = self.tid, nr, "syscall entry");
    }

    fn audit_exit(&mut self) {
        self.k.stats.audit_records += 1;
        let r8 = self.k.machine.vcpus[self.cpu].cpu.state.gr[8];
        tracing::info!(target: "kernel::audit", tid = self.tid, r8, "syscall exit");
    }

    /// The engines' syscall-exit report (a stop happens later, in `utrace_resume`).
    fn report_syscall_exit(&mut self) -> Step {
        let tid = self.tid;
        self.k
            .as_current(tid, |k| utrace::report_syscall_exit(k, tid));
        Step::Continue
    }

    /// `user_single_step_report`: SIGTRAP (TRAP_TRACE) to the task.
    fn report_single_step(&mut self) -> Step {
        let ip = self.k.tasks.get(&self.tid).map_or(0, |t| t.pt.cr_iip);
        let info = signal::SigInfo {
            signo: signal::sig::SIGTRAP,
            code: signal::code::TRAP_TRACE,
            addr: ip,
            ..signal::SigInfo::default()
        };
        self.k.force_signal(self.tid, info);
        Step::Continue
    }
}
