//! The kernel proper (first cut: one process, one thread, one vCPU): loading a program, the run
//! loop that turns CPU events into kernel entries, syscalls and signals, and the statistics.

use std::collections::BTreeSet;
use std::io::Read;

use ia64_cpu::exec::{Exit, Tracer};
use ia64_cpu::fault::Fault;
use ia64_cpu::mem::Memory;
use ia64_cpu::rse::AllocArgs;
use ia64_cpu::state::{ar, psr, State};
use ia64_cpu::Cpu;
use ia64_machine::console::Console;
use ia64_machine::layout::{kernel_task_area, KernelTaskArea};
use ia64_machine::loader::{self, LoadError, ProcessImage, ProcessSpec};
use ia64_machine::machine::{Machine, MachineError, VcpuExit};
use ia64_machine::space::{AddressSpace, MapError, PageLevel, Perm, SpaceKind};

use crate::entry::{self, EntryError, EntryKind, SysResult};
use crate::signal;
use crate::syscall::{errno, Action, File};

/// The syscall `break` immediate (Linux/ia64 `__BREAK_SYSCALL`).
pub const BREAK_SYSCALL: u64 = 0x100000;

/// The timer interrupt vector (Linux/ia64 `IA64_TIMER_VECTOR`).
pub const TIMER_VECTOR: u8 = 0xef;

/// How the machine is set up.
#[derive(Clone, Debug)]
pub struct Config {
    /// Physical stacked registers (multiple of 8, ≥ 96).
    pub stacked_regs: usize,
    /// Stop the guest (SIGXCPU) after this many instructions.
    pub max_insns: Option<u64>,
    /// Instructions per run slice (the granularity of limits and, later, of scheduling).
    pub slice: u64,
    /// vCPUs (the single thread runs on vCPU 0; scheduling across vCPUs is issue #5).
    pub cpus: usize,
    /// Instructions between timer interrupts: 4,000,000 = Linux's HZ 250 when one instruction
    /// takes a nanosecond, the clock this kernel keeps.
    pub tick: u64,
}

impl Default for Config {
    fn default() -> Self {
        Self {
            stacked_regs: 96,
            max_insns: None,
            slice: 1 << 22,
            cpus: 1,
            tick: 4_000_000,
        }
    }
}

/// The process (first cut: a single thread).
#[derive(Clone, Debug)]
pub struct Process {
    /// Process (and thread) id.
    pub pid: u64,
    /// Open files by descriptor.
    pub fds: Vec<Option<File>>,
    /// Start of the heap.
    pub brk_start: u64,
    /// Current program break.
    pub brk: u64,
    /// Base of anonymous mappings.
    pub mmap_base: u64,
    /// Nanoseconds slept (the deterministic clock advances by them).
    pub slept_ns: u64,
    /// The task's kernel-only area (kernel register backing store).
    pub karea: KernelTaskArea,
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
        /// The fault (None for the instruction limit).
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

/// The machine and the kernel running one program.
pub struct Kernel {
    /// The machine: physical memory, kernel address space, vCPUs.
    pub machine: Machine,
    /// The process address space (regions 0–4).
    pub uspace: AddressSpace,
    /// Console output.
    pub console: Console,
    /// Guest standard input.
    pub stdin: Box<dyn Read>,
    /// The process.
    pub process: Process,
    /// Counters.
    pub stats: KernelStats,
    /// Syscall numbers answered with ENOSYS (logged once each).
    pub unknown_syscalls: BTreeSet<u64>,
    /// The initial process image.
    pub image: ProcessImage,
    config: Config,
}

impl Kernel {
    /// Load `elf` with `argv`/`envp` and prepare the first thread.
    pub fn new(
        elf: &[u8],
        spec: &ProcessSpec,
        config: Config,
        console: Console,
    ) -> Result<Self, KernelError> {
        let mut machine = Machine::new(config.cpus, config.stacked_regs)?;
        let mut uspace = AddressSpace::new(SpaceKind::User);
        let image = loader::exec(elf, spec, &mut machine.phys, &mut uspace)?;
        let karea = kernel_task_area(0).ok_or(MapError::WrongRegion(0))?;
        machine.kspace.map(
            &mut machine.phys,
            karea.base,
            karea.end - karea.base,
            Perm::RW,
            PageLevel::Kernel,
        )?;
        {
            let (cpu, mut view) = machine.view(0, &uspace);
            start_thread(&mut cpu.state, &mut view, &image)?;
        }
        for v in &mut machine.vcpus {
            v.timer.set_itv(u64::from(TIMER_VECTOR));
            v.timer.set_itm(config.tick);
        }
        let process = Process {
            pid: 1,
            fds: vec![Some(File::Stdin), Some(File::Stdout), Some(File::Stderr)],
            brk_start: image.brk_start,
            brk: image.brk_start,
            mmap_base: image.mmap_base,
            slept_ns: 0,
            karea,
        };
        Ok(Self {
            machine,
            uspace,
            console,
            stdin: Box::new(std::io::stdin()),
            process,
            stats: KernelStats::default(),
            unknown_syscalls: BTreeSet::new(),
            image,
            config,
        })
    }

    /// Run the program to its end.
    pub fn run<T: Tracer>(&mut self, tracer: &mut T) -> Result<RunResult, KernelError> {
        loop {
            let budget = match self.config.max_insns {
                Some(max) => {
                    let left = max.saturating_sub(self.cpu().state.retired);
                    if left == 0 {
                        return Ok(self.killed(signal::sig::SIGXCPU, None));
                    }
                    left.min(self.config.slice)
                }
                None => self.config.slice,
            };
            let exit = match self.machine.run_vcpu(0, &self.uspace, budget, tracer) {
                VcpuExit::Timer(vector) => {
                    self.timer_interrupt(vector)?;
                    continue;
                }
                VcpuExit::Cpu(exit) => exit,
            };
            match exit {
                Exit::Budget => {}
                Exit::Unsupported(what) => {
                    let st = &self.cpu().state;
                    return Err(KernelError::Unsupported {
                        ip: st.ip,
                        slot: st.slot,
                        what,
                    });
                }
                Exit::Fault(Fault::Break { imm: BREAK_SYSCALL }) => {
                    if let Some(done) = self.handle_syscall()? {
                        return Ok(done);
                    }
                }
                Exit::Fault(f @ Fault::DisabledFpRegister { .. }) => self.enable_fp(&f)?,
                Exit::Fault(f) => {
                    return Ok(self.killed(signal::for_fault(&f), Some(f)));
                }
            }
        }
    }

    /// vCPU 0's processor (the one the thread runs on).
    pub fn cpu(&self) -> &Cpu {
        &self.machine.vcpus[0].cpu
    }

    fn killed(&self, signal: u32, fault: Option<Fault>) -> RunResult {
        let st = &self.cpu().state;
        RunResult {
            outcome: Outcome::Killed {
                signal,
                fault,
                ip: st.ip,
                slot: st.slot,
            },
            final_state: st.clone(),
        }
    }

    /// A syscall: enter the kernel, dispatch, leave (or end the program).
    fn handle_syscall(&mut self) -> Result<Option<RunResult>, KernelError> {
        self.stats.entries += 1;
        let krbs = self.process.karea.krbs;
        let fault = Fault::Break { imm: BREAK_SYSCALL };
        let (cpu, mut view) = self.machine.view(0, &self.uspace);
        let st = &mut cpu.state;
        let (ip, slot) = (st.ip, st.slot);
        let nr = st.gr[15];
        let exiting = matches!(
            nr,
            crate::syscall::nr::EXIT | crate::syscall::nr::EXIT_GROUP
        );
        let snapshot = exiting.then(|| st.clone());
        let pt = entry::enter(st, &mut view, EntryKind::Syscall, &fault, ip, slot, krbs)?;
        let action = match entry::syscall_args(&self.cpu().state, &pt) {
            Some((nr, args)) => self.syscall(nr, args),
            None => Action::Return(SysResult::Err(errno::EINVAL)),
        };
        match action {
            Action::Exit(status) => Ok(Some(RunResult {
                outcome: Outcome::Exited(status),
                final_state: snapshot.unwrap_or_else(|| self.cpu().state.clone()),
            })),
            Action::Return(r) => {
                let (cpu, mut view) = self.machine.view(0, &self.uspace);
                entry::leave_syscall(&mut cpu.state, &mut view, &pt, r)?;
                Ok(None)
            }
        }
    }

    /// Disabled FP Register fault: Linux enables the high FP partition for the task
    /// (`disabled_fph_fault`: clears ipsr.dfh) and re-executes the instruction.
    fn enable_fp(&mut self, f: &Fault) -> Result<(), KernelError> {
        self.stats.entries += 1;
        let krbs = self.process.karea.krbs;
        let (cpu, mut view) = self.machine.view(0, &self.uspace);
        let st = &mut cpu.state;
        let (ip, slot) = (st.ip, st.slot);
        let mut pt = entry::enter(st, &mut view, EntryKind::Interruption, f, ip, slot, krbs)?;
        pt.cr_ipsr &= !((1 << psr::DFH) | (1 << psr::DFL));
        entry::leave(st, &mut view, &pt)?;
        Ok(())
    }

    /// Timer interrupt: enter the kernel through the interruption path (`cover`, switch to the
    /// kernel backing store), count the tick, re-arm ITM one tick later, return to the thread.
    /// With a single thread there is nothing to reschedule (issue #5 adds the scheduler).
    fn timer_interrupt(&mut self, vector: u8) -> Result<(), KernelError> {
        self.stats.entries += 1;
        self.stats.timer_interrupts += 1;
        let krbs = self.process.karea.krbs;
        let tick = self.config.tick;
        let (cpu, mut view) = self.machine.view(0, &self.uspace);
        let st = &mut cpu.state;
        let (ip, slot) = (st.ip, st.slot);
        let f = Fault::ExternalInterrupt { vector };
        let pt = entry::enter(st, &mut view, EntryKind::Interruption, &f, ip, slot, krbs)?;
        entry::leave(st, &mut view, &pt)?;
        let v = &mut self.machine.vcpus[0];
        let next = v.timer.itc().wrapping_add(tick);
        v.timer.set_itm(next);
        Ok(())
    }
}

/// Linux `start_thread` plus the return to user mode: the initial registers of the process.
fn start_thread<M: Memory + ?Sized>(
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
