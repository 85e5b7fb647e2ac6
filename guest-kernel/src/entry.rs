//! Kernel entry and exit: how the register stack moves between the user's physical frame, the
//! task's kernel register backing store (KRBS) and the user backing store, exactly as
//! Linux/ia64's `break_fault` / `ia64_syscall_setup` / `DO_SAVE_MIN` and `ia64_leave_syscall` /
//! `ia64_leave_kernel` do it (rse-spec.md §7.1–§7.2), using the same RSE primitives the
//! instructions use.
//!
//! Entry (both kinds):
//! 1. the interruption is delivered (IIP, IPSR, ISR, IIM; PSR: cpl 0, ic 0, bank 0);
//! 2. non-syscall interruptions `cover` the user frame (IFS = user CFM, v = 1) — syscalls do not;
//! 3. `mov ar.rsc = 0`; save the user RNAT and BSPSTORE in [`PtRegs`]; `mov ar.bspstore = krbs`
//!    (the user's dirty registers are now homed on the kernel backing store);
//!    `loadrs = (ar.bsp − krbs) << 16`; `mov ar.rsc = 3` (eager, pl 0);
//! 4. syscalls: `br.call` + `alloc 8,0,0,0` (ia64_syscall_setup) so in0–in7 are the user's
//!    out0–out7; NaT arguments are replaced by −1 (written back into those registers, as Linux
//!    does); `cr_ifs = ar.pfs` with bit 63 clear (so `in_syscall()` holds); then the handler
//!    frame is formed the same way and stays current while the syscall runs.
//!
//! Syscalls advance IIP past the `break` at entry, as `break_fault` does.
//!
//! Exit: results in r8/r10 (syscalls), `br.ret` out of the handler frame, `cover` (syscalls; the
//! user frame joins the dirty partition, IFS = user CFM with v = 1) or IFS ← `pt.cr_ifs`
//! (other interruptions), `loadrs` of the user part from the KRBS, `mov ar.bspstore =
//! pt.ar_bspstore`, `mov ar.rnat = pt.ar_rnat`, user RSC and PFS, then `rfi`.
//!
//! Differences from Linux, all invisible to user mode and to ptrace:
//! * the kernel is host code, so no kernel instructions run between entry and exit: kernel
//!   frames are modelled by the syscall-setup and handler frames only (8 inputs each), and the
//!   eager RSE does no background spills while the kernel runs (only mandatory spills and the
//!   explicit `flushrs` of a context switch move registers to the KRBS);
//! * `rse_clear_invalid` is not needed: this RSE zeroes newly exposed registers itself.

use ia64_cpu::fault::Fault;
use ia64_cpu::interrupt;
use ia64_cpu::mem::{Access, Memory};
use ia64_cpu::rse::{AllocArgs, Ifs, RseFault};
use ia64_cpu::state::{cr, psr, State};

/// What a kernel entry saved (the part of Linux's `struct pt_regs` that concerns the RSE and
/// the return).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct PtRegs {
    /// CR.IPSR at entry (the user PSR, with ri = the interrupted slot).
    pub cr_ipsr: u64,
    /// CR.IIP at entry.
    pub cr_iip: u64,
    /// Syscalls: the user CFM (AR.PFS of the setup call) with bit 63 clear; other
    /// interruptions: CR.IFS after `cover` (bit 63 = IFS.v set).
    pub cr_ifs: u64,
    /// User AR.RSC.
    pub ar_rsc: u64,
    /// User AR.BSPSTORE at entry.
    pub ar_bspstore: u64,
    /// User AR.RNAT at entry.
    pub ar_rnat: u64,
    /// User AR.PFS at entry (restored at every exit).
    pub ar_pfs: u64,
    /// `(ar.bsp − krbs) << 16` after the switch: the user dirty partition in KRBS layout,
    /// shifted into the RSC.loadrs position.
    pub loadrs: u64,
    /// Kernel register backing store base of the task.
    pub krbs: u64,
}

impl PtRegs {
    /// Linux `in_syscall(pt)`: `(long)pt->cr_ifs >= 0`.
    pub fn in_syscall(&self) -> bool {
        (self.cr_ifs as i64) >= 0
    }
}

/// How the kernel was entered.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EntryKind {
    /// `break 0x100000`.
    Syscall,
    /// Any other fault, trap or interrupt.
    Interruption,
}

/// A kernel-side RSE operation failed: a bug or an unmapped KRBS, never a guest error.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
#[error("kernel RSE operation failed during {during}: {fault:?}")]
pub struct EntryError {
    /// What the kernel was doing.
    pub during: &'static str,
    /// The fault.
    pub fault: Fault,
}

/// The step of [`leave`] that returns to user mode; the only one whose failure is the user
/// context's (its mandatory fill of the returned-to frame), see [`EntryError::in_rfi`].
const RFI_STEP: &str = "rfi";

impl EntryError {
    /// Whether the failure is the `rfi` that returns to user mode (a fill of the frame it
    /// returns to), rather than a kernel-side step.
    pub fn in_rfi(&self) -> bool {
        self.during == RFI_STEP
    }
}

fn ctx<T>(during: &'static str, r: Result<T, RseFault>) -> Result<T, EntryError> {
    r.map_err(|f| EntryError {
        during,
        fault: f.into(),
    })
}

/// Enter the kernel for `fault`, raised at bundle `ip`, slot `slot`; `krbs` is the task's
/// kernel register backing store (kernel-only guest memory).
pub fn enter<M: Memory + ?Sized>(
    st: &mut State,
    mem: &mut M,
    kind: EntryKind,
    fault: &Fault,
    ip: u64,
    slot: u8,
    krbs: u64,
) -> Result<PtRegs, EntryError> {
    interrupt::deliver(st, fault, ip, slot);
    let mut pt = PtRegs {
        cr_ipsr: st.cr[usize::from(cr::IPSR)],
        cr_iip: st.cr[usize::from(cr::IIP)],
        krbs,
        ..PtRegs::default()
    };
    if kind == EntryKind::Interruption {
        st.rse.cover_into_ifs();
        pt.cr_ifs = st.rse.ifs().encode();
    }
    // Every entry saves AR.PFS in pt_regs (DO_SAVE_MIN / ia64_syscall_setup) and every exit
    // restores it: the kernel's own calls (syscall setup, context switches) overwrite it.
    pt.ar_pfs = st.rse.mov_from_pfs();
    pt.ar_rsc = st.rse.mov_from_rsc();
    ctx("mov ar.rsc=0", st.rse.mov_to_rsc(0, false, 0))?;
    pt.ar_bspstore = ctx("mov r=ar.bspstore", st.rse.mov_from_bspstore())?;
    pt.ar_rnat = ctx("mov r=ar.rnat", st.rse.mov_from_rnat())?;
    ctx("mov ar.bspstore=krbs", st.rse.mov_to_bspstore(krbs, false))?;
    pt.loadrs = st.rse.bsp().wrapping_sub(krbs) << 16;
    ctx("mov ar.rsc=3", st.rse.mov_to_rsc(3, false, 0))?;
    if kind == EntryKind::Syscall {
        // break_fault advances IIP/IPSR.ri past the `break` before the syscall runs, so the
        // saved state (and a signal frame or a tracer) sees the return address.
        increment_ip(mem, &mut pt);
        syscall_setup(st, mem, &mut pt)?;
    }
    Ok(pt)
}

/// Form an 8-input frame over the caller's output area: `br.call` then `alloc 8,0,0,0`.
fn call_with_8_inputs<M: Memory + ?Sized>(st: &mut State, mem: &mut M) -> Result<(), EntryError> {
    st.rse.br_call(st.ec(), st.cpl());
    let args = AllocArgs {
        sof: 8,
        sol: 8,
        sor: 0,
    };
    ctx("alloc 8,0,0,0", st.rse.alloc(mem, args, 32)).map(|_| ())
}

/// `ia64_syscall_setup`: de-NaT the arguments, record the user CFM, return to the user frame;
/// then form the handler's frame.
fn syscall_setup<M: Memory + ?Sized>(
    st: &mut State,
    mem: &mut M,
    pt: &mut PtRegs,
) -> Result<(), EntryError> {
    call_with_8_inputs(st, mem)?;
    for r in 32..40u8 {
        if st.read_gr(r).1 {
            // Linux: "(p?) mov inN=-1" for a NaT argument.
            let _ = st.write_gr(r, u64::MAX, false);
        }
    }
    pt.cr_ifs = st.rse.mov_from_pfs() & !(1 << 63);
    ctx("br.ret from syscall setup", st.rse.br_ret(mem))?;
    call_with_8_inputs(st, mem)
}

/// The syscall number (r15) and arguments in0–in7 of the handler frame. `None` when the
/// syscall must fail with EINVAL before dispatch: a NaT r15 or a user frame with more than 8
/// outputs (rse-spec.md §7.1).
pub fn syscall_args(st: &State, pt: &PtRegs) -> Option<(u64, [u64; 8])> {
    let (nr, nat) = st.read_gr(15);
    let user = ia64_cpu::rse::Cfm::decode(pt.cr_ifs);
    if nat || user.outputs() > 8 {
        return None;
    }
    let mut a = [0u64; 8];
    for (i, v) in a.iter_mut().enumerate() {
        *v = st.read_gr(32 + i as u8).0;
    }
    Some((nr, a))
}

/// A syscall's result as Linux/ia64 returns it: r8 = value or positive errno, r10 = 0 or −1.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SysResult {
    /// Success with a value.
    Ok(u64),
    /// Failure with a (positive) errno.
    Err(u64),
}

/// Finish a syscall: write r8/r10 and leave the handler frame (`br.ret`); the user frame is
/// current again and the return-to-user work may run before [`leave`].
pub fn finish_syscall<M: Memory + ?Sized>(
    st: &mut State,
    mem: &mut M,
    result: SysResult,
) -> Result<(), EntryError> {
    set_result(st, result);
    ctx("br.ret from the handler", st.rse.br_ret(mem)).map(|_| ())
}

/// The frame the syscall-exit work runs in: `br.call` from the user frame with 8 inputs, so
/// the user's output registers (in0–in7 of this frame) join the dirty partition and reach the
/// kernel backing store when the task is switched out, as Linux's `syscall_trace_leave` and
/// `notify_resume_user` ("asmlinkage so the input arguments are preserved") arrange.
pub fn enter_exit_work<M: Memory + ?Sized>(st: &mut State, mem: &mut M) -> Result<(), EntryError> {
    call_with_8_inputs(st, mem)
}

/// Leave the exit-work frame of [`enter_exit_work`]: the user frame is current again.
pub fn leave_exit_work<M: Memory + ?Sized>(st: &mut State, mem: &mut M) -> Result<(), EntryError> {
    ctx("br.ret from the exit work", st.rse.br_ret(mem)).map(|_| ())
}

/// Write a syscall result into r8/r10 (Linux/ia64: r8 = value or errno, r10 = 0 or −1).
pub fn set_result(st: &mut State, result: SysResult) {
    let (r8, r10) = match result {
        SysResult::Ok(v) => (v, 0),
        SysResult::Err(e) => (e, u64::MAX),
    };
    st.gr[8] = r8;
    st.gr[10] = r10;
    st.nat &= !((1 << 8) | (1 << 10));
}

/// Leave the kernel after a syscall with no work pending: [`finish_syscall`] then [`leave`].
pub fn leave_syscall<M: Memory + ?Sized>(
    st: &mut State,
    mem: &mut M,
    pt: &PtRegs,
    result: SysResult,
) -> Result<(), EntryError> {
    finish_syscall(st, mem, result)?;
    leave(st, mem, pt)
}

/// Whether the bundle at `ip` is MLX (template 0x04 or 0x05), read as Linux reads it from the
/// user's code. An unreadable bundle counts as not MLX (Linux's `get_user` leaves the word 0).
fn is_mlx<M: Memory + ?Sized>(mem: &mut M, ip: u64) -> bool {
    mem.read_u8(ip & !15, Access::data(0))
        .is_ok_and(|b| (b & 0x1f) >> 1 == 2)
}

/// `ia64_increment_ip` (arch/ia64/kernel/ptrace.c): the next instruction after IIP/IPSR.ri.
/// Slot 2 of an MLX bundle is the second half of its L+X instruction (`rfi` to it is an
/// Illegal Operation fault), so after slot 1 of an MLX bundle comes the next bundle.
pub fn increment_ip<M: Memory + ?Sized>(mem: &mut M, pt: &mut PtRegs) {
    let ri = (pt.cr_ipsr >> psr::RI) & 3;
    let next_bundle = ri >= 2 || (ri == 1 && is_mlx(mem, pt.cr_iip));
    let (ip, ri) = if next_bundle {
        (pt.cr_iip.wrapping_add(16), 0)
    } else {
        (pt.cr_iip, ri + 1)
    };
    pt.cr_iip = ip;
    pt.cr_ipsr = (pt.cr_ipsr & !(3 << psr::RI)) | (ri << psr::RI);
}

/// `ia64_decrement_ip`: back to the previous instruction (a restarted syscall runs its `break`
/// again): from slot 0 to the previous bundle's last instruction, slot 1 if it is MLX.
pub fn decrement_ip<M: Memory + ?Sized>(mem: &mut M, pt: &mut PtRegs) {
    let ri = (pt.cr_ipsr >> psr::RI) & 3;
    let (ip, ri) = if ri == 0 {
        let prev = pt.cr_iip.wrapping_sub(16);
        (prev, if is_mlx(mem, prev) { 1 } else { 2 })
    } else {
        (pt.cr_iip, ri - 1)
    };
    pt.cr_iip = ip;
    pt.cr_ipsr = (pt.cr_ipsr & !(3 << psr::RI)) | (ri << psr::RI);
}

/// Return to user mode (the common tail of `ia64_leave_syscall` and `ia64_leave_kernel`).
pub fn leave<M: Memory + ?Sized>(
    st: &mut State,
    mem: &mut M,
    pt: &PtRegs,
) -> Result<(), EntryError> {
    let loadrs = if pt.in_syscall() {
        // The user frame was not covered at entry: cover it now (PSR.ic = 0 → IFS = CFM, v 1)
        // and recompute the size of what must come back. Like ia64_leave_kernel's
        // `rbs_switch`, the start of the user part is `bsp − pt.loadrs` (not krbs itself):
        // a clone child with a new stack has loadrs 0, so only its current frame comes back.
        let base = st.rse.bsp().wrapping_sub(pt.loadrs >> 16);
        st.rse.cover_into_ifs();
        st.rse.bsp().wrapping_sub(base)
    } else {
        st.rse.set_ifs(Ifs::decode(pt.cr_ifs));
        pt.loadrs >> 16
    };
    ctx(
        "mov ar.rsc=loadrs",
        st.rse.mov_to_rsc(loadrs << 16, false, 0),
    )?;
    ctx("loadrs", st.rse.loadrs(mem))?;
    ctx(
        "mov ar.bspstore=user",
        st.rse.mov_to_bspstore(pt.ar_bspstore, false),
    )?;
    ctx("mov ar.rnat=user", st.rse.mov_to_rnat(pt.ar_rnat, false))?;
    ctx("mov ar.pfs=user", st.rse.mov_to_pfs(pt.ar_pfs, false))?;
    ctx("mov ar.rsc=user", st.rse.mov_to_rsc(pt.ar_rsc, false, 0))?;
    st.cr[usize::from(cr::IPSR)] = pt.cr_ipsr;
    st.cr[usize::from(cr::IIP)] = pt.cr_iip;
    interrupt::rfi(st, mem).map_err(|fault| EntryError {
        during: RFI_STEP,
        fault,
    })
}
