//! The machine: N vCPUs sharing guest physical memory and the kernel address space.
//!
//! Each vCPU is a [`Cpu`] (architectural state and its decoded-bundle cache) with its own
//! software TLB and interval timer. [`Machine::run_vcpu`] runs one vCPU in the address space of
//! the task the kernel put on it, for a budget of instructions, and ends the slice exactly when
//! the vCPU's timer matches (ITC counts retired instructions, so this is deterministic).
//! vCPUs are interleaved by the kernel in fixed quanta; nothing here runs in parallel on the host.
//!
//! Code writes: `PhysMem` keeps one list of written code pages, drained by whichever vCPU runs
//! next; after every slice (and before every run) the machine passes the drained pages on to
//! the other vCPUs, which drop them from their decoded-bundle caches before they run again.

use ia64_cpu::exec::{Exit, Tracer};
use ia64_cpu::rse::RseConfigError;
use ia64_cpu::Cpu;

use crate::mmu::MemView;
use crate::phys::PhysMem;
use crate::space::{AddressSpace, SpaceKind};
use crate::timer::IntervalTimer;
use crate::tlb::Tlb;

/// Most vCPUs a machine may have.
pub const MAX_VCPUS: usize = 64;

/// One virtual processor.
#[derive(Debug)]
pub struct Vcpu {
    /// Processor number (CR.LID id field).
    pub id: usize,
    /// The processor.
    pub cpu: Cpu,
    /// Its software TLB.
    pub tlb: Tlb,
    /// Its interval timer.
    pub timer: IntervalTimer,
    /// Timer interrupts taken.
    pub timer_interrupts: u64,
    /// Code pages written elsewhere that this vCPU's cache must drop before it runs.
    pub stale_code: Vec<u64>,
}

/// Why [`Machine::run_vcpu`] returned.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum VcpuExit {
    /// The CPU stopped by itself (budget, fault, unsupported instruction, debugger hook:
    /// `Exit::Debug` is passed through).
    Cpu(Exit),
    /// The vCPU's timer interrupt is pending (vector); the CPU stopped between instructions.
    Timer(u8),
}

/// A bad machine configuration.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum MachineError {
    /// vCPU count outside 1..=MAX_VCPUS.
    #[error("invalid --cpus {0}: must be between 1 and 64")]
    Cpus(usize),
    /// Bad physical stacked-register count.
    #[error("invalid --stacked-regs {}: must be a multiple of 8, at least 96", .0.n_phys)]
    StackedRegs(RseConfigError),
}

/// Physical memory, the kernel address space and the vCPUs.
#[derive(Debug)]
pub struct Machine {
    /// Guest physical memory.
    pub phys: PhysMem,
    /// The kernel address space (regions 5–7), shared by every task.
    pub kspace: AddressSpace,
    /// The vCPUs.
    pub vcpus: Vec<Vcpu>,
}

impl Machine {
    /// A machine with `n` vCPUs, each with an `n_phys`-register stacked file.
    pub fn new(n: usize, n_phys: usize) -> Result<Self, MachineError> {
        if n == 0 || n > MAX_VCPUS {
            return Err(MachineError::Cpus(n));
        }
        let mut vcpus = Vec::with_capacity(n);
        for id in 0..n {
            let mut cpu = Cpu::new(n_phys).map_err(MachineError::StackedRegs)?;
            // CR.LID: id in bits 31:24 (SDM Vol. 2 Part I §5.8.3.1, "Local ID").
            cpu.state.cr[usize::from(ia64_cpu::state::cr::LID)] = (id as u64) << 24;
            vcpus.push(Vcpu {
                id,
                cpu,
                tlb: Tlb::new(),
                timer: IntervalTimer::new(),
                timer_interrupts: 0,
                stale_code: Vec::new(),
            });
        }
        Ok(Self {
            phys: PhysMem::new(),
            kspace: AddressSpace::new(SpaceKind::Kernel),
            vcpus,
        })
    }

    /// A memory view of `user` (plus the kernel space) through vCPU `i`'s TLB, with its CPU.
    pub fn view<'a>(&'a mut self, i: usize, user: &'a AddressSpace) -> (&'a mut Cpu, MemView<'a>) {
        let v = &mut self.vcpus[i];
        (
            &mut v.cpu,
            MemView::new(&mut self.phys, user, &self.kspace, &mut v.tlb),
        )
    }

    /// Run vCPU `i` in `user` for at most `budget` instructions, stopping early when its timer
    /// matches. The timer advances by the instructions retired.
    pub fn run_vcpu<T: Tracer>(
        &mut self,
        i: usize,
        user: &AddressSpace,
        budget: u64,
        tracer: &mut T,
    ) -> VcpuExit {
        self.share_code_writes();
        let v = &mut self.vcpus[i];
        for p in v.stale_code.drain(..) {
            v.cpu.cache.invalidate_phys(p);
        }
        let slice = match v.timer.instructions_until_match() {
            Some(0) => 1,
            Some(n) => budget.min(n),
            None => budget,
        };
        let before = v.cpu.state.retired;
        let exit = {
            let mut view = MemView::new(&mut self.phys, user, &self.kspace, &mut v.tlb);
            v.cpu.run_traced(&mut view, slice, tracer)
        };
        v.timer.advance(v.cpu.state.retired - before);
        self.finish_slice(i, exit)
    }

    /// Hand the code pages drained by any vCPU to every other vCPU (and any written by the
    /// kernel since, to all of them).
    pub fn share_code_writes(&mut self) {
        let mut pending = Vec::new();
        self.phys.drain_code_writes(&mut pending);
        pending.extend(self.phys.take_drained());
        if pending.is_empty() {
            return;
        }
        for v in &mut self.vcpus {
            for &p in &pending {
                if !v.stale_code.contains(&p) {
                    v.stale_code.push(p);
                }
            }
        }
    }

    fn finish_slice(&mut self, i: usize, exit: Exit) -> VcpuExit {
        let drained = self.phys.take_drained();
        for (j, w) in self.vcpus.iter_mut().enumerate() {
            if j != i {
                for &p in &drained {
                    if !w.stale_code.contains(&p) {
                        w.stale_code.push(p);
                    }
                }
            }
        }
        let v = &mut self.vcpus[i];
        if let Some(vector) = v.timer.take_pending() {
            v.timer_interrupts += 1;
            // A fault at the same point is taken first: the instruction did not complete, the
            // interrupt stays pending for the next slice. A debugger stop (`Exit::Debug`) is
            // treated the same way: the interrupt is taken when the debugger resumes.
            if exit == Exit::Budget {
                return VcpuExit::Timer(vector);
            }
            v.timer.force_pending();
            v.timer_interrupts -= 1;
        }
        VcpuExit::Cpu(exit)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vcpu_count_and_ids() {
        assert_eq!(Machine::new(0, 96).err(), Some(MachineError::Cpus(0)));
        assert_eq!(Machine::new(65, 96).err(), Some(MachineError::Cpus(65)));
        assert!(matches!(
            Machine::new(1, 100),
            Err(MachineError::StackedRegs(_))
        ));
        let m = Machine::new(4, 128).expect("machine");
        assert_eq!(m.vcpus.len(), 4);
        let lid = usize::from(ia64_cpu::state::cr::LID);
        assert_eq!(m.vcpus[3].cpu.state.cr[lid], 3 << 24);
        assert_eq!(m.vcpus[2].cpu.state.rse.n_phys(), 128);
    }

    /// `bench-ldst` (test-programs) started as cpu_ram.rs starts programs: its store loop
    /// `ld8 r20=[r14],8 ;; ... st8 [r15]=r20,8 / br.cloop` at 0x4000000000000100..0x130
    /// writes the buffer at 0x6000000000000670 (`movl r33`), one 8-byte element per iteration.
    fn ldst_machine() -> (Machine, AddressSpace) {
        use crate::loader::{exec, ProcessSpec};
        use ia64_cpu::rse::AllocArgs;
        use ia64_cpu::state::ar;
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../test-programs/bin/bench-ldst"
        );
        let elf = std::fs::read(path).expect("bench-ldst");
        let mut m = Machine::new(1, 96).expect("machine");
        let mut user = AddressSpace::new(SpaceKind::User);
        let image = exec(
            &elf,
            &ProcessSpec::new(["bench-ldst"]),
            &mut m.phys,
            &mut user,
        )
        .expect("load");
        let (cpu, mut mem) = m.view(0, &user);
        let st = &mut cpu.state;
        let empty = AllocArgs {
            sof: 0,
            sol: 0,
            sor: 0,
        };
        st.rse.alloc(&mut mem, empty, 1).expect("empty frame");
        st.rse
            .mov_to_bspstore(image.bspstore, false)
            .expect("bspstore");
        st.rse.mov_to_rsc(image.rsc, false, 3).expect("rsc");
        st.write_psr(image.psr);
        st.ar[usize::from(ar::FPSR)] = image.fpsr;
        st.gr[12] = image.r12;
        st.ip = image.entry;
        (m, user)
    }

    #[test]
    fn debug_exits_pass_through_and_leave_the_timer_pending() {
        use ia64_cpu::exec::NoTrace;
        use ia64_cpu::{DebugEvent, Watch, WatchKind};
        let (mut m, user) = ldst_machine();
        let store = 0x4000_0000_0000_0120;
        let buf = 0x6000_0000_0000_0670;
        m.vcpus[0].cpu.debug.add_breakpoint(store);
        // _start: MLX 2 + 4 × MII 3 = 14, then ld8 bundle 3 and the add bundle 3.
        assert_eq!(
            m.run_vcpu(0, &user, 1000, &mut NoTrace),
            VcpuExit::Cpu(Exit::Debug(DebugEvent::Breakpoint { addr: store }))
        );
        assert_eq!(m.vcpus[0].cpu.state.retired, 20);
        assert_eq!(m.vcpus[0].timer.itc(), 20);

        // The timer matches on the very instruction a watch stops after: the watch is
        // reported, the interrupt stays pending for the next slice.
        let v = &mut m.vcpus[0];
        v.cpu.debug.clear();
        v.cpu.debug.add_watch(Watch {
            addr: buf,
            len: 8,
            kind: WatchKind::Write,
        });
        v.timer.set_itv(0xef);
        v.timer.set_itm(21);
        assert_eq!(
            m.run_vcpu(0, &user, 1000, &mut NoTrace),
            VcpuExit::Cpu(Exit::Debug(DebugEvent::Watch {
                kind: WatchKind::Write,
                addr: buf
            }))
        );
        let v = &m.vcpus[0];
        assert_eq!((v.cpu.state.ip, v.cpu.state.slot), (store, 1));
        assert_eq!((v.cpu.state.retired, v.timer.itc()), (21, 21));
        assert!(v.timer.pending());
        assert_eq!(v.timer_interrupts, 0);
        m.vcpus[0].cpu.debug.clear();
        assert_eq!(m.run_vcpu(0, &user, 5, &mut NoTrace), VcpuExit::Timer(0xef));
        assert_eq!(m.vcpus[0].timer_interrupts, 1);
    }
}
