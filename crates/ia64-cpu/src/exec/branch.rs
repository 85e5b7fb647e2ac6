//! B-unit execution (SDM Vol. 3 §4.5 B1–B9 and the `br`, `brp`, `cover`, `clrrrb`, `rfi`,
//! `bsw`, `epc`, `vmsw`, `break`/`nop`/`hint` pages).
//!
//! This module owns the semantics of every [`BInsn`]: IP-relative and indirect branches,
//! calls and returns (the frame moves are [`crate::rse::Rse`] primitives), the counted and
//! modulo-scheduled loop branches with AR.LC/AR.EC, PR\[63\] and register rotation, the
//! miscellaneous B8 operations and `break.b`.
//!
//! It also owns the taken-branch checks shared with the X unit ([`check_target`]) and the
//! call primitive ([`call`]) that `brl.call` reuses.
//!
//! # Choices and deviations (documented here, requested in the lead's notes)
//!
//! * **Traps raised by a taken branch.** The SDM raises the Unimplemented Instruction Address
//!   trap and the Lower-Privilege Transfer trap *after* the branch has committed (IIP = the
//!   target). The branch commits everything (BR\[b1\], the frame, AR.EC, PSR.cpl, LC and
//!   rotation for the loop branches) and returns [`Flow::BranchTrap`]; the run loop retires it,
//!   sets IP to the target and returns the trap. The Unimplemented Instruction Address trap has
//!   priority over the Lower-Privilege Transfer trap (SDM Vol. 2 Part I Table 5-6); the Taken
//!   Branch and Single Step traps are raised by the run loop.
//! * **Unimplemented addresses.** IMPL_VA_MSB = 50 (with PSR.vm = 1 bit 50 also counts as
//!   unimplemented, SDM Vol. 2 Part I §4.1.1.7): with PSR.it = 1 a target whose bits 60:51 are
//!   not all equal to bit 50 is unimplemented. With PSR.it = 0, IMPL_PA_MSB = 49 (Itanium 2's
//!   50 physical address bits): bits 62:50 must be zero (bit 63 is the uncacheable attribute).
//! * **`epc`** with PSR.it = 1 asks the memory for the page holding the `epc`
//!   ([`Memory::epc_promotion`]: the TLB.pl of an execute-promote page, TLB.ar = 7); a memory
//!   without such pages answers `None` and `epc` then leaves PSR.cpl unchanged, as the SDM says
//!   for any other page.
//! * **`vmsw`**: PSR.vm is not implemented by this processor model (implementing it is optional,
//!   SDM Vol. 3 `vmsw`), so `vmsw.0`/`vmsw.1` raise Illegal Operation.
//! * **`br.ia`**: the IA-32 instruction set is not supported; after the architectural checks
//!   (qp ≠ 0, dirty registers, PSR.di) it returns [`Fault::Unimplemented`].
//! * The "must be followed by a stop" rules of `cover`, `clrrrb`, `bsw`, `rfi`, `brl` are
//!   *undefined behavior* in the SDM (not faults), so they are not checked.

use ia64_isa::unit_b::{BInsn, IndBr, IpBr};

use super::{Flow, SlotCtx};
use crate::fault::Fault;
use crate::mem::Memory;
use crate::state::{ar, psr, State};

/// Highest implemented virtual address bit (IMPL_VA_MSB).
pub const IMPL_VA_MSB: u32 = 50;
/// Highest implemented physical address bit (IMPL_PA_MSB).
pub const IMPL_PA_MSB: u32 = 49;

/// `br.wtop`/`br.wexit` use their qualifying predicate as the loop condition, so they run even
/// when it is false (SDM Vol. 3 `br`, "case 'wtop'"); `br.ia` with a qp other than p0 is an
/// Illegal Operation whatever the predicate's value ("case 'ia': if (qp != 0)
/// illegal_operation_fault()").
#[inline]
pub fn consumes_qp(insn: &BInsn) -> bool {
    matches!(
        insn,
        BInsn::Br {
            kind: IpBr::Wtop | IpBr::Wexit,
            ..
        } | BInsn::BrInd {
            kind: IndBr::Ia,
            p0: false,
            ..
        }
    )
}

/// Execute a B-unit instruction.
#[inline(never)]
pub fn exec<M: Memory + ?Sized>(
    st: &mut State,
    mem: &mut M,
    insn: &BInsn,
    ctx: SlotCtx,
) -> Result<Flow, Fault> {
    match *insn {
        BInsn::Br { kind, target, .. } => ip_relative(st, kind, target, ctx),
        BInsn::CallRel { b1, target, .. } => call(st, b1, target, ctx),
        BInsn::BrInd { kind, b2, p0, .. } => indirect(st, mem, kind, b2, p0),
        BInsn::CallInd { b1, b2, .. } => {
            let target = read_br(st, b2) & !15;
            call(st, b1, target, ctx)
        }
        BInsn::BrpRel { .. } | BInsn::BrpInd { .. } | BInsn::Nop { .. } | BInsn::Hint { .. } => {
            Ok(Flow::Next)
        }
        BInsn::Cover => cover(st),
        BInsn::Clrrrb => {
            st.rse.clrrrb();
            Ok(Flow::Next)
        }
        BInsn::ClrrrbPr => {
            st.rse.clrrrb_pr();
            Ok(Flow::Next)
        }
        BInsn::Rfi => {
            crate::interrupt::rfi(st, mem)?;
            Ok(Flow::Resume)
        }
        BInsn::Bsw0 => bsw(st, false),
        BInsn::Bsw1 => bsw(st, true),
        BInsn::Epc => epc(st, mem, ctx.ip),
        BInsn::Vmsw0 | BInsn::Vmsw1 => vmsw(st),
        BInsn::Break { imm } => Err(Fault::Break {
            imm: u64::from(imm),
        }),
    }
}

// -------------------------------------------------------------------------------------------
// Shared helpers (also used by the X unit)
// -------------------------------------------------------------------------------------------

/// BR\[b\] (the decoder gives 0..=7; masked so no value can index out of bounds).
#[inline(always)]
fn read_br(st: &State, b: u8) -> u64 {
    st.br[usize::from(b & 7)]
}

/// Is `target` an unimplemented instruction address? (SDM Vol. 3 `br`,
/// `unimplemented_virtual_address(tmp_IP, PSR.vm)` when PSR.it = 1, else
/// `unimplemented_physical_address(tmp_IP)`; see the module docs for the constants.)
#[inline(always)]
pub fn unimplemented_address(st: &State, target: u64) -> bool {
    unimplemented_address_in(st.psr_bit(psr::IT), st.psr_bit(psr::VM), target)
}

/// [`unimplemented_address`] for explicit PSR.it / PSR.vm values (the pre-decoder evaluates
/// it for every mode of a static branch target).
#[inline(always)]
pub fn unimplemented_address_in(it: bool, vm: bool, target: u64) -> bool {
    if it {
        let msb = if vm { IMPL_VA_MSB - 1 } else { IMPL_VA_MSB };
        // Bits 60:msb (inclusive) must all equal bit msb: shift them down and compare with
        // all-zeros or all-ones.
        let width = 61 - msb;
        let field = (target >> msb) & ((1u64 << width) - 1);
        field != 0 && field != (1u64 << width) - 1
    } else {
        // Bits 62:IMPL_PA_MSB+1 must be zero.
        let field = (target << 1) >> (IMPL_PA_MSB + 2);
        field != 0
    }
}

/// The checks a taken branch makes on its target before it commits (see the module docs on
/// traps): Unimplemented Instruction Address.
#[inline(always)]
pub fn check_target(st: &State, target: u64) -> Result<(), Fault> {
    if unimplemented_address(st, target) {
        Err(Fault::UnimplementedInstructionAddress { target })
    } else {
        Ok(())
    }
}

/// A taken call (`br.call`, `brl.call`; SDM Vol. 3 `br` "case 'call'", `brl`): BR\[b1\] ← IP +
/// 16 (the next bundle), AR.PFS ← {CFM, EC, cpl}, the caller's outputs become the callee's
/// frame ([`crate::rse::Rse::br_call`]: no memory traffic, cannot fault). The ALAT is tagged
/// by physical register, so `alat_frame_update` has nothing to do.
#[inline]
pub fn call(st: &mut State, b1: u8, target: u64, ctx: SlotCtx) -> Result<Flow, Fault> {
    st.br[usize::from(b1 & 7)] = ctx.ip.wrapping_add(16);
    let (ec, cpl) = (st.ec(), st.cpl());
    st.rse.br_call(ec, cpl);
    taken(st, target)
}

/// The flow of a taken branch that has committed: to `target`, or, when `target` is an
/// unimplemented address, the Unimplemented Instruction Address trap after the branch.
#[inline(always)]
pub fn taken(st: &State, target: u64) -> Result<Flow, Fault> {
    let target = target & !15;
    if unimplemented_address(st, target) {
        Ok(Flow::BranchTrap {
            target,
            trap: Fault::UnimplementedInstructionAddress { target },
        })
    } else {
        Ok(Flow::Branch(target))
    }
}

// -------------------------------------------------------------------------------------------
// IP-relative branches (B1, B2)
// -------------------------------------------------------------------------------------------

/// `br.cond`, `br.wexit`, `br.wtop` (B1), `br.cloop`, `br.cexit`, `br.ctop` (B2).
#[inline]
fn ip_relative(st: &mut State, kind: IpBr, target: u64, ctx: SlotCtx) -> Result<Flow, Fault> {
    match kind {
        // Executed only with a true qualifying predicate: taken.
        IpBr::Cond => taken(st, target),
        IpBr::Cloop => cloop(st, target, ctx),
        IpBr::Ctop => counted_modulo(st, target, ctx, false),
        IpBr::Cexit => counted_modulo(st, target, ctx, true),
        IpBr::Wtop => while_modulo(st, target, ctx, false),
        IpBr::Wexit => while_modulo(st, target, ctx, true),
    }
}

/// "The loop-type branches (br.cloop, br.ctop, br.cexit, br.wtop, and br.wexit) are only
/// allowed in instruction slot 2 within a bundle. Executing such an instruction in either
/// slot 0 or 1 will cause an Illegal Operation fault, whether the branch would have been
/// taken or not." (SDM Vol. 3 `br`.)
#[inline(always)]
fn require_slot2(ctx: SlotCtx) -> Result<(), Fault> {
    if ctx.slot == 2 {
        Ok(())
    } else {
        Err(Fault::IllegalOperation)
    }
}

/// AR.EC ← `ec` (the 6-bit count; the other bits of the register are left as they are).
#[inline(always)]
fn set_ec(st: &mut State, ec: u8) {
    let r = &mut st.ar[usize::from(ar::EC)];
    *r = (*r & !0x3f) | u64::from(ec & 0x3f);
}

/// `br.cloop` (SDM Vol. 3 `br` "case 'cloop'"): taken iff LC ≠ 0, and then LC is decremented.
#[inline]
pub(crate) fn cloop(st: &mut State, target: u64, ctx: SlotCtx) -> Result<Flow, Fault> {
    require_slot2(ctx)?;
    let lc = st.lc();
    if lc == 0 {
        return Ok(Flow::Next);
    }
    let flow = taken(st, target)?;
    st.ar[usize::from(ar::LC)] = lc - 1;
    Ok(flow)
}

/// `br.ctop` / `br.cexit` (SDM Vol. 3 `br` "case 'ctop', 'cexit'", Vol. 1 §4.5.3):
/// ctop is taken iff LC ≠ 0 or EC > 1, cexit iff not. Then
/// LC ≠ 0: LC−−, PR\[63\] ← 1, rotate; else EC ≠ 0: EC−−, PR\[63\] ← 0, rotate;
/// else PR\[63\] ← 0 (no rotation). PR\[63\] is written before the rotation, so the value
/// appears as p16 afterwards.
#[inline]
fn counted_modulo(st: &mut State, target: u64, ctx: SlotCtx, exit: bool) -> Result<Flow, Fault> {
    require_slot2(ctx)?;
    let (lc, ec) = (st.lc(), st.ec());
    let cont = lc != 0 || ec > 1;
    let flow = if cont != exit {
        taken(st, target)?
    } else {
        Flow::Next
    };
    if lc != 0 {
        st.ar[usize::from(ar::LC)] = lc - 1;
        st.write_pr(63, true);
        st.rse.rotate_regs();
    } else if ec != 0 {
        set_ec(st, ec - 1);
        st.write_pr(63, false);
        st.rse.rotate_regs();
    } else {
        st.write_pr(63, false);
    }
    Ok(flow)
}

/// `br.wtop` / `br.wexit` (SDM Vol. 3 `br` "case 'wtop', 'wexit'", Vol. 1 §4.5.3): the
/// condition is PR\[qp\] (read here: these run with a false predicate too). wtop is taken iff
/// PR\[qp\] or EC > 1, wexit iff not. Then PR\[63\] ← 0 and PR\[qp\]: rotate; else EC ≠ 0:
/// EC−−, rotate; else nothing more.
#[inline]
fn while_modulo(st: &mut State, target: u64, ctx: SlotCtx, exit: bool) -> Result<Flow, Fault> {
    require_slot2(ctx)?;
    let p = st.read_pr(ctx.qp);
    let ec = st.ec();
    let cont = p || ec > 1;
    let flow = if cont != exit {
        taken(st, target)?
    } else {
        Flow::Next
    };
    st.write_pr(63, false);
    if p {
        st.rse.rotate_regs();
    } else if ec != 0 {
        set_ec(st, ec - 1);
        st.rse.rotate_regs();
    }
    Ok(flow)
}

// -------------------------------------------------------------------------------------------
// Indirect branches (B4)
// -------------------------------------------------------------------------------------------

/// `br.cond b2`, `br.ret b2`, `br.ia b2`.
#[inline]
fn indirect<M: Memory + ?Sized>(
    st: &mut State,
    mem: &mut M,
    kind: IndBr,
    b2: u8,
    p0: bool,
) -> Result<Flow, Fault> {
    match kind {
        IndBr::Cond => taken(st, read_br(st, b2)),
        IndBr::Ret => ret(st, mem, b2),
        IndBr::Ia => br_ia(st, p0),
    }
}

/// `br.ret` (SDM Vol. 3 `br` "case 'ret'"; rse-spec.md §4.3): the frame comes back from
/// AR.PFS.pfm ([`crate::rse::Rse::br_ret`], which may fill from memory: a fill fault changes
/// nothing), AR.EC ← PFS.pec, and PSR.cpl ← PFS.ppl if that is numerically larger (a return
/// never raises privilege). A demotion with PSR.lp set is a Lower-Privilege Transfer trap
/// (raised after the return commits, see the module docs).
#[inline]
fn ret<M: Memory + ?Sized>(st: &mut State, mem: &mut M, b2: u8) -> Result<Flow, Fault> {
    let target = read_br(st, b2) & !15;
    let info = st.rse.br_ret(mem)?;
    set_ec(st, info.pec);
    let demote = info.ppl > st.cpl();
    if demote {
        st.set_cpl(info.ppl);
    }
    match taken(st, target)? {
        Flow::Branch(t) if demote && st.psr_bit(psr::LP) => Ok(Flow::BranchTrap {
            target: t,
            trap: Fault::LowerPrivilegeTransfer,
        }),
        flow => Ok(flow),
    }
}

/// `br.ia` (SDM Vol. 3 `br` "case 'ia'"): Illegal Operation if qp ≠ 0 or if there are dirty
/// registers (AR.BSPSTORE ≠ AR.BSP); Disabled Instruction Set Transition if PSR.di; otherwise
/// the switch to IA-32, which this emulator does not support.
#[inline]
fn br_ia(st: &State, p0: bool) -> Result<Flow, Fault> {
    if !p0 || st.rse.bspstore() != st.rse.bsp() {
        return Err(Fault::IllegalOperation);
    }
    if st.psr_bit(psr::DI) {
        return Err(Fault::DisabledIsaTransition);
    }
    Err(Fault::Unimplemented(
        "br.ia: the IA-32 instruction set is not supported",
    ))
}

// -------------------------------------------------------------------------------------------
// Miscellaneous (B8)
// -------------------------------------------------------------------------------------------

/// `cover` (SDM Vol. 3 `cover`; rse-spec.md §4.4): the frame joins the dirty partition, CFM
/// becomes empty, and with PSR.ic = 0 CR.IFS ← {CFM, v = 1}. PSR.vm is not implemented, so
/// the virtualization fault cannot occur.
#[inline]
fn cover(st: &mut State) -> Result<Flow, Fault> {
    let ic = st.psr_bit(psr::IC);
    st.rse.cover(ic);
    Ok(Flow::Next)
}

/// `bsw.0` / `bsw.1` (SDM Vol. 3 `bsw`): privileged; PSR.bn ← 0/1, exchanging GR16–31 when
/// it changes.
#[inline]
fn bsw(st: &mut State, bank1: bool) -> Result<Flow, Fault> {
    st.require_pl0()?;
    let new = (st.psr & !(1 << psr::BN)) | (u64::from(bank1) << psr::BN);
    st.write_psr(new);
    Ok(Flow::Next)
}

/// `epc` (SDM Vol. 3 `epc`):
///
/// ```text
/// if (AR[PFS].ppl < PSR.cpl) illegal_operation_fault();
/// if (PSR.it) PSR.cpl = tlb_enter_privileged_code();
/// else        PSR.cpl = 0;
/// ```
///
/// `tlb_enter_privileged_code()`: when the page containing the `epc` has execute-only
/// ("execute, promote") access rights and its privilege level is numerically lower than
/// PSR.cpl, the new level is the page's; otherwise PSR.cpl is unchanged (no fault: "no action is
/// taken"). The promotion never demotes. `ip` is the bundle address of the `epc`; the memory
/// reports the page ([`Memory::epc_promotion`]). The Illegal Operation check comes first, so a
/// faulting `epc` does not consult the memory.
#[inline]
fn epc<M: Memory + ?Sized>(st: &mut State, mem: &mut M, ip: u64) -> Result<Flow, Fault> {
    let cpl = st.cpl();
    if st.rse.pfs().ppl < cpl {
        return Err(Fault::IllegalOperation);
    }
    if !st.psr_bit(psr::IT) {
        st.set_cpl(0);
    } else if let Some(pl) = mem.epc_promotion(ip) {
        if pl < cpl {
            st.set_cpl(pl);
        }
    }
    Ok(Flow::Next)
}

/// `vmsw.0` / `vmsw.1` (SDM Vol. 3 `vmsw`: "if (!implemented_vm()) illegal_operation_fault()",
/// the first check of the page, before the privilege check and the Virtualization fault).
/// PSR.vm and `vmsw` exist only on processors that implement the virtualization extension
/// (SDM Vol. 2 Part I, PSR.vm); this processor model does not, so both forms raise Illegal
/// Operation at every privilege level and on every page.
#[inline]
fn vmsw(st: &State) -> Result<Flow, Fault> {
    let _ = st;
    Err(Fault::IllegalOperation)
}
