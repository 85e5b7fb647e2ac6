//! The scheduler: per-vCPU run queues, deterministic round robin with time slices counted in
//! retired instructions, affinity, migration, and the context switch that moves a task's
//! register stack between the vCPU and its kernel register backing store.
//!
//! The context switch is Linux/ia64's `ia64_switch_to` (arch/ia64/kernel/entry.S with
//! `DO_SAVE_SWITCH_STACK` / `DO_LOAD_SWITCH_STACK`), done with the RSE primitives:
//! * out: the kernel's current frame joins the dirty partition (`br.call` into the switch
//!   routine), `flushrs` writes every dirty register — the user's and the kernel's — into the
//!   task's KRBS, and the rest of the register state is saved with the task;
//! * in: the saved state comes back, `mov ar.rsc = 0`, `loadrs` with RSC.loadrs = 0 (the
//!   physical stacked file holds nothing of the task any more), `mov ar.bspstore` / `mov ar.rnat`
//!   from the switch stack, `mov ar.rsc = 3`, and `br.ret` out of the switch routine refills
//!   the kernel frame from the KRBS (mandatory fills).
//!
//! vCPU-local state survives the switch: CR.LID, the retired-instruction count, and AR.ITC (the
//! incoming task reads the vCPU's interval timer). The ALAT is invalidated (`invala`).

use std::collections::VecDeque;

use ia64_cpu::mem::Memory;
use ia64_cpu::rse::RseFault;
use ia64_cpu::state::{cr, State};

use crate::entry::EntryError;
use crate::task::{Resume, Tid};

/// Per-vCPU scheduler counters.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct CpuStats {
    /// Context switches (a task left the vCPU).
    pub switches: u64,
    /// Of which preemptions by the timer.
    pub preemptions: u64,
    /// Tasks pulled from another vCPU's queue.
    pub migrations_in: u64,
    /// Instructions the vCPU spent idle (its timer still counts).
    pub idle: u64,
    /// Timer interrupts handled.
    pub timer_interrupts: u64,
    /// Guest instructions retired.
    pub instructions: u64,
}

/// Run queues and who runs where.
#[derive(Clone, Debug, Default)]
pub struct Sched {
    /// The task on each vCPU.
    pub current: Vec<Option<Tid>>,
    /// Runnable tasks waiting for each vCPU, in round-robin order.
    pub rq: Vec<VecDeque<Tid>>,
    /// Counters per vCPU.
    pub stats: Vec<CpuStats>,
}

impl Sched {
    /// Empty queues for `n` vCPUs.
    pub fn new(n: usize) -> Self {
        Self {
            current: vec![None; n],
            rq: vec![VecDeque::new(); n],
            stats: vec![CpuStats::default(); n],
        }
    }

    /// Remove `tid` from every queue.
    pub fn dequeue(&mut self, tid: Tid) {
        for q in &mut self.rq {
            q.retain(|&t| t != tid);
        }
    }

    /// Whether `tid` is queued somewhere.
    pub fn is_queued(&self, tid: Tid) -> bool {
        self.rq.iter().any(|q| q.contains(&tid))
    }
}

fn rse<T>(during: &'static str, r: Result<T, RseFault>) -> Result<T, EntryError> {
    r.map_err(|f| EntryError {
        during,
        fault: f.into(),
    })
}

/// The part of the switch stack this model keeps apart from the register state: where the
/// flushed KRBS ends.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct SwitchStack {
    /// AR.BSPSTORE after `flushrs` (= AR.BSP).
    pub ar_bspstore: u64,
    /// AR.RNAT after `flushrs`.
    pub ar_rnat: u64,
    /// AR.PFS before the `br.call` into the switch (the switch routine's `alloc` saves it and
    /// restores it before its `br.ret`).
    pub ar_pfs: u64,
}

/// Outgoing half of the switch: `br.call` + `flushrs`; returns the switch stack and the bytes
/// written to the KRBS.
pub fn switch_out<M: Memory + ?Sized>(
    st: &mut State,
    mem: &mut M,
) -> Result<(SwitchStack, u64), EntryError> {
    let ar_pfs = st.rse.mov_from_pfs();
    st.rse.br_call(st.ec(), st.cpl());
    let before = st.rse.counters().flushrs.bytes_stored;
    rse("flushrs (switch out)", st.rse.flushrs(mem))?;
    let flushed = st.rse.counters().flushrs.bytes_stored - before;
    // save_switch_stack: AR.RNAT is read with the RSE in enforced-lazy mode.
    let rsc = st.rse.mov_from_rsc();
    rse("mov ar.rsc=0", st.rse.mov_to_rsc(0, false, 0))?;
    let sw = SwitchStack {
        ar_bspstore: st.rse.bspstore(),
        ar_rnat: rse("mov r=ar.rnat", st.rse.mov_from_rnat())?,
        ar_pfs,
    };
    rse("mov ar.rsc (restore)", st.rse.mov_to_rsc(rsc, false, 0))?;
    Ok((sw, flushed))
}

/// Incoming half: the register state `st` (just restored) resumes its kernel frame from the
/// KRBS ending at `sw`; returns the bytes filled.
pub fn switch_in<M: Memory + ?Sized>(
    st: &mut State,
    mem: &mut M,
    sw: SwitchStack,
) -> Result<u64, EntryError> {
    rse("mov ar.rsc=0", st.rse.mov_to_rsc(0, false, 0))?;
    rse("loadrs 0", st.rse.loadrs(mem))?;
    rse(
        "mov ar.bspstore (switch in)",
        st.rse.mov_to_bspstore(sw.ar_bspstore, false),
    )?;
    rse(
        "mov ar.rnat (switch in)",
        st.rse.mov_to_rnat(sw.ar_rnat, false),
    )?;
    rse("mov ar.rsc=3", st.rse.mov_to_rsc(3, false, 0))?;
    let before = st.rse.counters().mandatory.bytes_loaded;
    rse("br.ret (switch in)", st.rse.br_ret(mem))?;
    rse(
        "mov ar.pfs (switch in)",
        st.rse.mov_to_pfs(sw.ar_pfs, false),
    )?;
    Ok(st.rse.counters().mandatory.bytes_loaded - before)
}

/// Exchange the register state on a vCPU with a task's saved one, keeping what belongs to the
/// vCPU (CR.LID and the retired-instruction count); AR.ITC keeps reading the vCPU's interval
/// timer `itc`; the ALAT is invalidated (`invala`).
pub fn exchange(cpu_state: &mut State, task_state: &mut State, itc: u64) {
    let lid = usize::from(cr::LID);
    let (id, retired) = (cpu_state.cr[lid], cpu_state.retired);
    std::mem::swap(cpu_state, task_state);
    cpu_state.cr[lid] = id;
    cpu_state.retired = retired;
    cpu_state.itc_offset = itc.wrapping_sub(retired);
    cpu_state.alat.clear();
}

/// Whether a switched-in task has a kernel frame in its KRBS to refill.
pub fn has_kernel_frame(resume: Resume) -> bool {
    !matches!(resume, Resume::Start)
}
