//! M-unit system instructions (major opcodes 0–1; SDM Vol. 3 §4.4 formats M20–M48): this module
//! owns their execution.
//!
//! | group | instructions | SDM Vol. 3 page |
//! |---|---|---|
//! | hints | `break.m`, `nop.m`, `hint.m`, `mov dahr` | `break`, `nop`, `hint`, `mov dahr` |
//! | ordering | `invala`, `fwb`, `mf`, `mf.a`, `srlz.d`, `srlz.i`, `sync.i` | `invala`, `fwb`, `mf`, `srlz`, `sync` |
//! | register stack | `alloc`, `flushrs`, `loadrs` | `alloc`, `flushrs`, `loadrs` |
//! | speculation | `chk.a`, `chk.s.m`, `chk.s` (fr), `invala.e` | `chk`, `invala` |
//! | PSR | `sum`, `rum`, `ssm`, `rsm`, `mov psr.l/psr.um/psr` | `sum`, `rum`, `ssm`, `rsm`, `mov psr` |
//! | registers | `mov.m` to/from AR, `mov` to/from CR, indirect files | `mov ar`, `mov cr`, `mov indirect` |
//! | translation | `itc`, `itr`, `ptc.*`, `ptr`, `ptc.e`, `tpa`, `tak`, `thash`, `ttag`, `probe`, `fc` | same names |
//!
//! Every instruction follows *compute, then commit*: all checks come first, in the order of the
//! SDM pseudo-code, so that a faulting slot changes nothing. (The RSE instructions `alloc` and
//! `flushrs` are the architectural exception: spills already performed when an RSE store faults
//! stay performed; the RSE owns that rule, see `rse.rs`.)
//!
//! Implementation choices (the architecture leaves them to the implementation):
//! * The model is an Itanium 2 without the Itanium 9300/9500 additions: AR45 (RUC) is a reserved
//!   AR, `mov r = dahr[r3]` is a reserved encoding (Illegal Operation), and `mov dahr = imm16`
//!   executes as the `hint.m` it is on such a processor (no architectural effect).
//! * 61 implemented virtual-address bits (IMPL_VA_MSB = 60, the largest legal value): no virtual
//!   address is unimplemented, so `thash`/`ttag` only produce NaT from a NaT source.
//! * Implemented page sizes for region registers: 4K, 8K, 16K, 64K, 256K, 1M, 4M, 16M, 64M,
//!   256M, 1G, 4G; rid and protection keys are 24 bits wide.
//! * Memory ordering instructions are no-ops (the model is sequentially consistent); `sync.i`
//!   returns [`Flow::FlushAllCode`] and `fc`/`fc.i` return [`Flow::FlushCode`].
//! * The long-format VHPT hash and the `ttag` tag are implementation specific; this model uses
//!   the oldest published one (Ski's): hash = `(vpn ^ rid) << 5` in the region of PTA.base,
//!   tag = `vpn ^ (rid << 39)`.

use ia64_isa::unit_m_sys::{
    ChkAKind, IndFile, MSysInsn, ProbeKind, PsrMaskOp, PsrPart, PurgeOp, RseOp, SyncOp, TlbSide,
    TransOp,
};

use super::{Flow, SlotCtx};
use crate::alat::AlatReg;
use crate::fault::{Fault, RefKind};
use crate::mem::{Access, MemFault, MemFaultKind, Memory, TranslationOp};
use crate::rse::{AllocArgs, Cfm, Ifs};
use crate::state::{ar, cr, psr, State};

/// Execute an M-unit system instruction whose qualifying predicate is true.
#[inline]
pub fn exec<M: Memory + ?Sized>(
    st: &mut State,
    mem: &mut M,
    insn: &MSysInsn,
    ctx: SlotCtx,
) -> Result<Flow, Fault> {
    let _ = ctx;
    use MSysInsn as S;
    match *insn {
        // `nop.m`, `hint.m` (SDM Vol. 3 `nop`, `hint`): no effect. `mov dahr` is `hint.m` on
        // this model (module docs).
        S::Nop { .. } | S::Hint { .. } | S::MovToDahr { .. } => Ok(Flow::Next),
        S::Break { imm } => Err(Fault::Break { imm }),
        S::Alloc { r1, sof, sol, sor } => alloc(st, mem, r1, sof, sol, sor),
        S::Rse { op } => rse_op(st, mem, op),
        S::Sync { op } => Ok(sync(st, op)),
        S::InvalaEGr { r1 } => {
            invala_gr(st, r1);
            Ok(Flow::Next)
        }
        S::InvalaEFr { f1 } => {
            st.alat.remove(st.alat_fr(f1));
            Ok(Flow::Next)
        }
        S::ChkAGr { kind, r1, target } => chk_a_gr(st, kind, r1, target),
        S::ChkAFr { kind, f1, target } => Ok(chk_a_fr(st, kind, f1, target)),
        S::ChkSGr { r2, target } => Ok(branch_if(st.read_gr(r2).1, target)),
        S::ChkSFr { f2, target } => {
            st.check_fr_enabled(f2)?;
            Ok(branch_if(st.read_fr(f2).is_natval(), target))
        }
        S::PsrMask { op, imm } => psr_mask(st, op, imm).map(|()| Flow::Next),
        S::MovToPsr { part, r2 } => mov_to_psr(st, part, r2).map(|()| Flow::Next),
        S::MovFromPsr { r1, part } => mov_from_psr(st, r1, part).map(|()| Flow::Next),
        S::MovToAr { ar, r2 } => {
            let (v, nat) = st.read_gr(r2);
            mov_to_ar(st, ar, v, nat).map(|()| Flow::Next)
        }
        S::MovToArImm { ar, imm } => mov_to_ar(st, ar, imm as u64, false).map(|()| Flow::Next),
        S::MovFromAr { r1, ar } => {
            st.check_gr_target(r1)?;
            let v = mov_from_ar(st, ar)?;
            st.write_gr(r1, v, false).map(|()| Flow::Next)
        }
        S::MovToCr { cr, r2 } => mov_to_cr(st, cr, r2).map(|()| Flow::Next),
        S::MovFromCr { r1, cr } => mov_from_cr(st, r1, cr).map(|()| Flow::Next),
        S::MovToInd { file, r3, r2 } => mov_to_ind(st, file, r3, r2).map(|()| Flow::Next),
        S::MovFromInd { file, r1, r3 } => mov_from_ind(st, file, r1, r3).map(|()| Flow::Next),
        S::Itc { side, r2 } => itc(st, mem, side, r2).map(|()| Flow::Next),
        S::Itr { side, r3, r2 } => itr(st, mem, side, r3, r2).map(|()| Flow::Next),
        S::Purge { op, r3, r2 } => purge(st, mem, op, r3, r2).map(|()| Flow::Next),
        S::PtcE { r3 } => ptc_e(st, mem, r3).map(|()| Flow::Next),
        S::Translate { op, r1, r3 } => translate(st, mem, op, r1, r3).map(|()| Flow::Next),
        S::ProbeReg { kind, r1, r3, r2 } => {
            let (pl, pl_nat) = st.read_gr(r2);
            probe(st, mem, kind, r1, r3, pl, pl_nat).map(|()| Flow::Next)
        }
        S::ProbeImm { kind, r1, r3, imm } => {
            probe(st, mem, kind, r1, r3, u64::from(imm), false).map(|()| Flow::Next)
        }
        S::ProbeFault { kind, r3, imm } => probe_fault(st, mem, kind, r3, imm).map(|()| Flow::Next),
        S::Fc { r3, .. } => fc(st, mem, r3),
    }
}

// ---------------------------------------------------------------------------------------------
// Small helpers
// ---------------------------------------------------------------------------------------------

/// A taken branch to `target` when `cond` holds (the `chk` instructions).
#[inline]
fn branch_if(cond: bool, target: u64) -> Flow {
    if cond {
        Flow::Branch(target)
    } else {
        Flow::Next
    }
}

/// Bits `lo..lo+len` of `v`.
#[inline]
fn field(v: u64, lo: u32, len: u32) -> u64 {
    (v >> lo) & ((1u64 << len) - 1)
}

/// Read GR `r` for an operand that cannot be NaT (Register NaT Consumption, ISR.code 0).
#[inline]
fn gr_no_nat(st: &State, r: u8) -> Result<u64, Fault> {
    st.read_gr_checked(r)
}

/// Read an address operand of a non-access instruction (`tpa`, `tak`, `probe`, `fc`): a NaT
/// raises Register NaT Consumption with ISR.na (SDM Vol. 2 Part I §5.8).
#[inline]
fn nonaccess_addr(st: &State, r: u8) -> Result<u64, Fault> {
    let (v, nat) = st.read_gr(r);
    if nat {
        Err(Fault::NatAddress {
            kind: RefKind::NonAccess,
        })
    } else {
        Ok(v)
    }
}

/// A memory-system failure of a non-access reference.
#[inline]
fn nonaccess_fault(f: MemFault) -> Fault {
    Fault::data(f, RefKind::NonAccess)
}

// ---------------------------------------------------------------------------------------------
// Register stack, ordering, ALAT
// ---------------------------------------------------------------------------------------------

/// `alloc r1 = ar.pfs, i, l, o, r` (SDM Vol. 3 `alloc`): the RSE checks the operands and the
/// target against the new frame and performs mandatory spills; r1 ← the old AR.PFS, NaT clear.
fn alloc<M: Memory + ?Sized>(
    st: &mut State,
    mem: &mut M,
    r1: u8,
    sof: u8,
    sol: u8,
    sor: u8,
) -> Result<Flow, Fault> {
    let args = AllocArgs {
        sof: u32::from(sof),
        sol: u32::from(sol),
        sor: u32::from(sor),
    };
    let old_pfs = st.rse.alloc(mem, args, r1)?;
    st.write_gr(r1, old_pfs, false)?;
    Ok(Flow::Next)
}

/// `flushrs` / `loadrs` (SDM Vol. 3 `flushrs`, `loadrs`; Vol. 2 Part I §6.5).
fn rse_op<M: Memory + ?Sized>(st: &mut State, mem: &mut M, op: RseOp) -> Result<Flow, Fault> {
    match op {
        RseOp::Flushrs => st.rse.flushrs(mem)?,
        RseOp::Loadrs => st.rse.loadrs(mem)?,
    }
    Ok(Flow::Next)
}

/// The M24 group (SDM Vol. 3 `invala`, `fwb`, `mf`, `srlz`, `sync`). Ordering and
/// serialisation have nothing to do in this sequential model.
fn sync(st: &mut State, op: SyncOp) -> Flow {
    match op {
        SyncOp::Invala => {
            st.alat.clear();
            Flow::Next
        }
        SyncOp::SyncI => Flow::FlushAllCode,
        SyncOp::Fwb | SyncOp::Mf | SyncOp::MfA | SyncOp::SrlzD | SyncOp::SrlzI => Flow::Next,
    }
}

/// `invala.e r1` (SDM Vol. 3 `invala`: no interruptions). An out-of-frame register has no
/// physical register and hence no entry: nothing happens.
fn invala_gr(st: &mut State, r1: u8) {
    if let Some(reg) = st.alat_gr(r1) {
        st.alat.remove(reg);
    }
}

/// `chk.a.nc`/`chk.a.clr r1, target` (SDM Vol. 3 `chk`): branch when the ALAT holds no entry for
/// r1; with `.clr` a found entry is removed. An out-of-frame r1 is an Illegal Operation.
fn chk_a_gr(st: &mut State, kind: ChkAKind, r1: u8, target: u64) -> Result<Flow, Fault> {
    let reg = st.alat_gr(r1).ok_or(Fault::IllegalOperation)?;
    Ok(chk_a(st, kind, reg, target))
}

/// `chk.a.nc`/`chk.a.clr f1, target` (SDM Vol. 3 `chk`).
fn chk_a_fr(st: &mut State, kind: ChkAKind, f1: u8, target: u64) -> Flow {
    let reg = st.alat_fr(f1);
    chk_a(st, kind, reg, target)
}

fn chk_a(st: &mut State, kind: ChkAKind, reg: AlatReg, target: u64) -> Flow {
    if !st.alat.contains(reg) {
        return Flow::Branch(target);
    }
    if kind == ChkAKind::Clr {
        st.alat.remove(reg);
    }
    Flow::Next
}

// ---------------------------------------------------------------------------------------------
// PSR (SDM Vol. 3 `sum`, `rum`, `ssm`, `rsm`, `mov psr`; Vol. 2 Part I §3.3.2)
// ---------------------------------------------------------------------------------------------

/// User-mask bits a write may touch: be, up, ac, mfl, mfh (PSR{5:1}; bit 0 is reserved).
const UM_WRITABLE: u64 = psr::UM_MASK & !1;
/// The system mask: PSR{23:0}.
const SM_MASK: u64 = (1 << 24) - 1;
/// The lower half written by `mov psr.l`: PSR{31:0}.
const L_MASK: u64 = 0xffff_ffff;

/// Reserved-field check of a user-mask value (anything outside PSR{5:1}).
#[inline]
fn check_um(v: u64) -> Result<(), Fault> {
    if v & !UM_WRITABLE != 0 {
        Err(Fault::ReservedRegisterField)
    } else {
        Ok(())
    }
}

/// The user-mask bits a write of `v` actually changes: PSR.up only while PSR.sp is 0 (secure
/// performance monitors, SDM Vol. 3 `sum`/`rum`/`mov psr.um`).
#[inline]
fn um_effective(st: &State, v: u64) -> u64 {
    if st.psr_bit(psr::SP) {
        v & !(1 << psr::UP)
    } else {
        v
    }
}

/// `sum`/`rum`/`ssm`/`rsm imm24`.
fn psr_mask(st: &mut State, op: PsrMaskOp, imm: u64) -> Result<(), Fault> {
    let new = match op {
        PsrMaskOp::Sum | PsrMaskOp::Rum => {
            check_um(imm)?;
            let m = um_effective(st, imm);
            if op == PsrMaskOp::Sum {
                st.psr | m
            } else {
                st.psr & !m
            }
        }
        PsrMaskOp::Ssm | PsrMaskOp::Rsm => {
            st.require_pl0()?;
            if imm & psr::RESERVED & SM_MASK != 0 || imm & !SM_MASK != 0 {
                return Err(Fault::ReservedRegisterField);
            }
            if op == PsrMaskOp::Ssm {
                st.psr | imm
            } else {
                st.psr & !imm
            }
        }
    };
    // Only PSR{23:0} can change, so PSR.bn never does; write_psr keeps the banks consistent.
    st.write_psr(new);
    Ok(())
}

/// `mov psr.l = r2` (privileged; PSR{31:0} ← r2{31:0}) and `mov psr.um = r2`.
fn mov_to_psr(st: &mut State, part: PsrPart, r2: u8) -> Result<(), Fault> {
    match part {
        PsrPart::Um => {
            let v = gr_no_nat(st, r2)?;
            check_um(v)?;
            let m = um_effective(st, UM_WRITABLE);
            st.write_psr((st.psr & !m) | (v & m));
        }
        PsrPart::L | PsrPart::Psr => {
            st.require_pl0()?;
            let v = gr_no_nat(st, r2)?;
            if v & L_MASK & psr::RESERVED != 0 {
                return Err(Fault::ReservedRegisterField);
            }
            st.write_psr((st.psr & !L_MASK) | (v & L_MASK));
        }
    }
    Ok(())
}

/// `mov r1 = psr` (privileged: PSR{36:35} and PSR{31:0}; cpl and is read as 0) and
/// `mov r1 = psr.um` (PSR{5:0}).
fn mov_from_psr(st: &mut State, r1: u8, part: PsrPart) -> Result<(), Fault> {
    st.check_gr_target(r1)?;
    let v = match part {
        PsrPart::Um => st.psr & psr::UM_MASK,
        PsrPart::Psr | PsrPart::L => {
            st.require_pl0()?;
            st.psr & (L_MASK | (1 << psr::MC) | (1 << psr::IT))
        }
    };
    st.write_gr(r1, v, false)
}

// ---------------------------------------------------------------------------------------------
// Application registers, M side (SDM Vol. 3 `mov ar`; Vol. 1 §3.1.8, Table 3-3)
// ---------------------------------------------------------------------------------------------

/// ARs the M unit may not name (reserved, or I-unit registers PFS/LC/EC and 67–111):
/// Illegal Operation. AR45 (RUC) is reserved on this model (module docs).
#[inline]
fn m_ar_reserved(a: u8) -> bool {
    matches!(
        a,
        8..=15 | 20 | 22..=23 | 31 | 33..=35 | 37..=39 | 41..=43 | 45..=47 | 64..=111 | 128..
    )
}

/// Ignored ARs: reads return 0, writes do nothing.
#[inline]
fn ar_ignored(a: u8) -> bool {
    matches!(a, 48..=63 | 112..=127)
}

/// Reserved fields of AR.FPSR (SDM Vol. 1 §5.2.2): bits 63:58, sf0.td (bit 12), and the
/// reserved precision-control value 01 in any status field.
fn fpsr_reserved(v: u64) -> bool {
    let pc_reserved = [8u32, 21, 34, 47].iter().any(|&lo| field(v, lo, 2) == 1);
    v >> 58 != 0 || v & (1 << 12) != 0 || pc_reserved
}

/// `mov.m ar3 = r2` / `mov.m ar3 = imm8`.
fn mov_to_ar(st: &mut State, a: u8, v: u64, nat: bool) -> Result<(), Fault> {
    if m_ar_reserved(a) {
        return Err(Fault::IllegalOperation);
    }
    if a == ar::BSP {
        st.rse.mov_to_bsp()?;
    }
    // RSE registers: mode, NaT and reserved-field checks live in the RSE, in SDM order.
    match a {
        ar::RSC => return Ok(st.rse.mov_to_rsc(v, nat, st.cpl())?),
        ar::BSPSTORE => return Ok(st.rse.mov_to_bspstore(v, nat)?),
        ar::RNAT => return Ok(st.rse.mov_to_rnat(v, nat)?),
        _ => {}
    }
    if nat {
        return Err(Fault::RegisterNatConsumption);
    }
    if a == ar::FPSR && fpsr_reserved(v) {
        return Err(Fault::ReservedRegisterField);
    }
    if (a <= ar::K0 + 7 || a == ar::ITC) && st.cpl() != 0 {
        return Err(Fault::PrivilegedRegister);
    }
    if ar_ignored(a) {
        return Ok(());
    }
    if a == ar::ITC {
        st.itc_offset = v.wrapping_sub(st.retired);
    } else {
        st.ar[usize::from(a)] = v;
    }
    Ok(())
}

/// `mov.m r1 = ar3` (the caller has checked r1).
fn mov_from_ar(st: &State, a: u8) -> Result<u64, Fault> {
    if m_ar_reserved(a) {
        return Err(Fault::IllegalOperation);
    }
    Ok(match a {
        ar::RSC => st.rse.mov_from_rsc(),
        ar::BSP => st.rse.mov_from_bsp(),
        ar::BSPSTORE => st.rse.mov_from_bspstore()?,
        ar::RNAT => st.rse.mov_from_rnat()?,
        ar::ITC => {
            if st.psr_bit(psr::SI) && st.cpl() != 0 {
                return Err(Fault::PrivilegedRegister);
            }
            st.itc()
        }
        _ if ar_ignored(a) => 0,
        _ => st.ar[usize::from(a)],
    })
}

// ---------------------------------------------------------------------------------------------
// Control registers (SDM Vol. 3 `mov cr`; Vol. 2 Part I §3.3.5, Table 3-3)
// ---------------------------------------------------------------------------------------------

/// Reserved CR numbers: Illegal Operation.
#[inline]
fn cr_reserved(c: u8) -> bool {
    matches!(c, 3..=7 | 9..=15 | 18 | 26..=63 | 75..=79 | 82..)
}

/// Read-only CRs (IVR, IRR0–3): a write is an Illegal Operation.
#[inline]
fn cr_read_only(c: u8) -> bool {
    c == cr::IVR || (cr::IRR0..cr::IRR0 + 4).contains(&c)
}

/// The interruption CRs (IPSR..IHA): Illegal Operation while PSR.ic is 1.
#[inline]
fn cr_interruption(c: u8) -> bool {
    (cr::IPSR..=cr::IHA).contains(&c)
}

/// The architectural checks common to both directions of `mov cr`.
fn cr_access(st: &State, c: u8, write: bool) -> Result<(), Fault> {
    if cr_reserved(c) || (write && cr_read_only(c)) || (st.psr_bit(psr::IC) && cr_interruption(c)) {
        return Err(Fault::IllegalOperation);
    }
    Ok(())
}

/// A frame marker that cannot be formed, as a reserved CR.IFS / PFS field.
fn frame_marker_reserved(m: Cfm) -> bool {
    let rot = m.rotating();
    !m.is_valid()
        || (rot != 0 && u32::from(m.rrb_gr) >= rot)
        || (rot == 0 && m.rrb_gr != 0)
        || m.rrb_fr >= 96
        || m.rrb_pr >= 48
}

/// The value a CR write stores (ignored fields cleared), or Reserved Register/Field.
fn cr_write_value(c: u8, v: u64) -> Result<u64, Fault> {
    let reserved = |bad: bool, keep: u64| {
        if bad {
            Err(Fault::ReservedRegisterField)
        } else {
            Ok(v & keep)
        }
    };
    match c {
        // DCR: pp, be, lc (2:0) and dm..dd (14:8).
        cr::DCR => reserved(v >> 15 != 0 || field(v, 3, 5) != 0, u64::MAX),
        // IVA: bits 14:0 ignored.
        cr::IVA => Ok(v & !0x7fff),
        // PTA: ve 0, size 7:2 (≥ 15), vf 8, base 63:15; bit 1 and 14:9 reserved.
        cr::PTA => reserved(
            field(v, 9, 6) != 0 || field(v, 2, 6) < 15 || v & 2 != 0,
            u64::MAX,
        ),
        // IPSR: the PSR's reserved bits, and ri = 3.
        cr::IPSR => reserved(
            v & psr::RESERVED != 0 || field(v, psr::RI, 2) == 3,
            u64::MAX,
        ),
        // ISR: 31:24 and 63:44 reserved, ei = 3 reserved.
        cr::ISR => reserved(
            field(v, 24, 8) != 0 || v >> 44 != 0 || field(v, 41, 2) == 3,
            u64::MAX,
        ),
        // IHA: bits 1:0 ignored.
        cr::IHA => Ok(v & !3),
        // LID: eid 23:16, id 31:24; 15:0 ignored, 63:32 reserved.
        cr::LID => reserved(v >> 32 != 0, 0xffff_0000),
        // TPR: mic 7:4, mmi 16; 15:8 reserved; the rest ignored.
        cr::TPR => reserved(field(v, 8, 8) != 0, 0x100f0),
        // EOI: writing signals end of interrupt; the register reads 0.
        cr::EOI => Ok(0),
        // ITV/PMV/CMCV: vector 7:0, m 16; 11:8 and 15:13 reserved; 12 and 63:17 ignored.
        cr::ITV | cr::PMV | cr::CMCV => reserved(
            field(v, 8, 4) != 0 || field(v, 13, 3) != 0,
            0x1ffff & !0x1000,
        ),
        // LRR0/1: vector 7:0, dm 10:8 (1, 3, 6 reserved), 11 and 14 reserved.
        cr::LRR0 | cr::LRR1 => reserved(
            v & ((1 << 11) | (1 << 14)) != 0 || matches!(field(v, 8, 3), 1 | 3 | 6),
            0x1ffff & !0x1000,
        ),
        _ => Ok(v),
    }
}

/// `mov cr3 = r2` (privileged). CR.IFS goes to the RSE.
fn mov_to_cr(st: &mut State, c: u8, r2: u8) -> Result<(), Fault> {
    cr_access(st, c, true)?;
    st.require_pl0()?;
    let v = gr_no_nat(st, r2)?;
    if c == cr::IFS {
        let ifs = Ifs::decode(v);
        if v & Ifs::RESERVED != 0 || (ifs.v && frame_marker_reserved(ifs.ifm)) {
            return Err(Fault::ReservedRegisterField);
        }
        st.rse.set_ifs(ifs);
        return Ok(());
    }
    let stored = cr_write_value(c, v)?;
    st.cr[usize::from(c)] = stored;
    Ok(())
}

/// `mov r1 = cr3` (privileged). IVR reads its stored value: this model keeps no interrupt
/// controller in `State`, so reading IVR has no side effect here.
fn mov_from_cr(st: &mut State, r1: u8, c: u8) -> Result<(), Fault> {
    cr_access(st, c, false)?;
    st.check_gr_target(r1)?;
    st.require_pl0()?;
    let v = if c == cr::IFS {
        st.rse.ifs().encode()
    } else {
        st.cr[usize::from(c)]
    };
    st.write_gr(r1, v, false)
}

// ---------------------------------------------------------------------------------------------
// Indirect register files (SDM Vol. 3 `mov indirect`; Vol. 2 Part I §3.3.6–3.3.8, §7)
// ---------------------------------------------------------------------------------------------

/// Page sizes (log2) this model implements (module docs).
fn page_size_implemented(ps: u64) -> bool {
    matches!(
        ps,
        12 | 13 | 14 | 16 | 18 | 20 | 22 | 24 | 26 | 28 | 30 | 32
    )
}

/// Number of registers of a file (`State::ind` sizes); 0 for files this model lacks.
fn ind_len(st: &State, file: IndFile) -> usize {
    match file {
        IndFile::Rr => st.ind.rr.len(),
        IndFile::Dbr => st.ind.dbr.len(),
        IndFile::Ibr => st.ind.ibr.len(),
        IndFile::Pkr => st.ind.pkr.len(),
        IndFile::Pmc => st.ind.pmc.len(),
        IndFile::Pmd => st.ind.pmd.len(),
        IndFile::Cpuid => st.ind.cpuid.len(),
        IndFile::Msr | IndFile::Dahr => 0,
    }
}

/// Index of `file[r3]`: GR[r3]{63:61} for region registers, GR[r3]{7:0} otherwise;
/// Reserved Register/Field beyond the file.
fn ind_index(st: &State, file: IndFile, r3: u8) -> Result<usize, Fault> {
    let v = gr_no_nat(st, r3)?;
    let i = if file == IndFile::Rr {
        (v >> 61) as usize
    } else {
        (v & 0xff) as usize
    };
    if i >= ind_len(st, file) {
        return Err(Fault::ReservedRegisterField);
    }
    Ok(i)
}

/// The register `file[i]` (the index has been checked).
fn ind_reg(st: &mut State, file: IndFile, i: usize) -> Option<&mut u64> {
    let ind = &mut st.ind;
    match file {
        IndFile::Rr => ind.rr.get_mut(i),
        IndFile::Dbr => ind.dbr.get_mut(i),
        IndFile::Ibr => ind.ibr.get_mut(i),
        IndFile::Pkr => ind.pkr.get_mut(i),
        IndFile::Pmc => ind.pmc.get_mut(i),
        IndFile::Pmd => ind.pmd.get_mut(i),
        IndFile::Cpuid => ind.cpuid.get_mut(i),
        IndFile::Msr | IndFile::Dahr => None,
    }
}

/// The value stored by a write of `v` to `file[i]` (ignored fields cleared), or Reserved
/// Register/Field.
fn ind_write_value(file: IndFile, i: usize, v: u64) -> Result<u64, Fault> {
    let bad = match file {
        // RR: ve 0, ps 7:2, rid 31:8 (24 bits); bit 1 and 63:32 reserved.
        IndFile::Rr => v >> 32 != 0 || v & 2 != 0 || !page_size_implemented(field(v, 2, 6)),
        // PKR: v 0, wd 1, rd 2, xd 3, key 31:8; 7:4 and 63:32 reserved.
        IndFile::Pkr => v >> 32 != 0 || field(v, 4, 4) != 0,
        _ => false,
    };
    if bad {
        return Err(Fault::ReservedRegisterField);
    }
    Ok(match file {
        // Odd DBRs: bits 61:60 ignored; odd IBRs: bits 62:60 ignored.
        IndFile::Dbr if i % 2 == 1 => v & !(3 << 60),
        IndFile::Ibr if i % 2 == 1 => v & !(7 << 60),
        _ => v,
    })
}

/// `mov file[r3] = r2` (privileged).
fn mov_to_ind(st: &mut State, file: IndFile, r3: u8, r2: u8) -> Result<(), Fault> {
    if matches!(file, IndFile::Cpuid | IndFile::Dahr) {
        // Read-only files have no move-to encoding (the decoder never produces one).
        return Err(Fault::IllegalOperation);
    }
    st.require_pl0()?;
    let (_, nat3) = st.read_gr(r3);
    let v = gr_no_nat(st, r2)?;
    if nat3 {
        return Err(Fault::RegisterNatConsumption);
    }
    let i = ind_index(st, file, r3)?;
    let v = ind_write_value(file, i, v)?;
    if file == IndFile::Pkr && v & 1 != 0 {
        // A valid key may live in one PKR only: invalidate the others holding it.
        let key = field(v, 8, 24);
        for p in st.ind.pkr.iter_mut() {
            if field(*p, 8, 24) == key {
                *p &= !1;
            }
        }
    }
    if let Some(reg) = ind_reg(st, file, i) {
        *reg = v;
    }
    Ok(())
}

/// `mov r1 = file[r3]`: privileged except `cpuid` and `pmd`; a PMD read at cpl ≠ 0 returns 0
/// when PSR.sp is set or the generic counter's PMC.pm (bit 6) is set.
fn mov_from_ind(st: &mut State, file: IndFile, r1: u8, r3: u8) -> Result<(), Fault> {
    if file == IndFile::Dahr {
        return Err(Fault::IllegalOperation); // reserved encoding on this model (module docs)
    }
    st.check_gr_target(r1)?;
    if !matches!(file, IndFile::Cpuid | IndFile::Pmd) {
        st.require_pl0()?;
    }
    let i = ind_index(st, file, r3)?;
    let v = match file {
        IndFile::Pmd => {
            let pm = (4..=7).contains(&i) && st.ind.pmc[i] & (1 << 6) != 0;
            if st.cpl() != 0 && (st.psr_bit(psr::SP) || pm) {
                0
            } else {
                st.ind.pmd[i]
            }
        }
        _ => ind_reg(st, file, i).map_or(0, |r| *r),
    };
    st.write_gr(r1, v, false)
}

// ---------------------------------------------------------------------------------------------
// Translation: TLB inserts and purges, tpa/tak/thash/ttag, probe, fc
// (SDM Vol. 3 `itc`, `itr`, `ptc`, `ptr`, `tpa`, `tak`, `thash`, `ttag`, `probe`, `fc`)
// ---------------------------------------------------------------------------------------------

/// `itc.i`/`itc.d r2`: Illegal Operation while PSR.ic is 1, then privileged.
fn itc<M: Memory + ?Sized>(
    st: &mut State,
    mem: &mut M,
    side: TlbSide,
    r2: u8,
) -> Result<(), Fault> {
    if st.psr_bit(psr::IC) {
        return Err(Fault::IllegalOperation);
    }
    st.require_pl0()?;
    let pte = gr_no_nat(st, r2)?;
    let op = TranslationOp::InsertCache {
        instruction: side == TlbSide::I,
        ifa: st.cr[usize::from(cr::IFA)],
        itir: st.cr[usize::from(cr::ITIR)],
        pte,
    };
    mem.translation_op(op).map_err(nonaccess_fault)?;
    Ok(())
}

/// `itr.i itr[r3] = r2` / `itr.d dtr[r3] = r2`: slot = GR[r3]{7:0}; the memory system knows how
/// many translation registers it has and rejects a bad slot.
fn itr<M: Memory + ?Sized>(
    st: &mut State,
    mem: &mut M,
    side: TlbSide,
    r3: u8,
    r2: u8,
) -> Result<(), Fault> {
    if st.psr_bit(psr::IC) {
        return Err(Fault::IllegalOperation);
    }
    st.require_pl0()?;
    let slot = gr_no_nat(st, r3)? & 0xff;
    let pte = gr_no_nat(st, r2)?;
    let op = TranslationOp::InsertRegister {
        instruction: side == TlbSide::I,
        slot,
        ifa: st.cr[usize::from(cr::IFA)],
        itir: st.cr[usize::from(cr::ITIR)],
        pte,
    };
    mem.translation_op(op).map_err(nonaccess_fault)?;
    Ok(())
}

/// `ptc.l`/`ptc.g`/`ptc.ga`/`ptr.d`/`ptr.i r3, r2`: purge `[r3, r3 + 2^r2{7:2})`. `ptc.ga`
/// also removes the overlapping ALAT entries.
fn purge<M: Memory + ?Sized>(
    st: &mut State,
    mem: &mut M,
    op: PurgeOp,
    r3: u8,
    r2: u8,
) -> Result<(), Fault> {
    st.require_pl0()?;
    let addr = gr_no_nat(st, r3)?;
    let ps = field(gr_no_nat(st, r2)?, 2, 6) as u8;
    let (instruction, data, registers) = match op {
        PurgeOp::PtcL | PurgeOp::PtcG | PurgeOp::PtcGa => (true, true, false),
        PurgeOp::PtrD => (false, true, true),
        PurgeOp::PtrI => (true, false, true),
    };
    let req = TranslationOp::Purge {
        addr,
        ps,
        instruction,
        data,
        registers,
    };
    mem.translation_op(req).map_err(nonaccess_fault)?;
    if op == PurgeOp::PtcGa {
        st.alat.store(addr & !((1u64 << ps) - 1), 1u64 << ps);
    }
    Ok(())
}

/// `ptc.e r3`: purge the local translation cache.
fn ptc_e<M: Memory + ?Sized>(st: &mut State, mem: &mut M, r3: u8) -> Result<(), Fault> {
    st.require_pl0()?;
    gr_no_nat(st, r3)?;
    mem.translation_op(TranslationOp::PurgeAll)
        .map_err(nonaccess_fault)?;
    Ok(())
}

/// `thash`/`ttag`/`tpa`/`tak r1 = r3`.
fn translate<M: Memory + ?Sized>(
    st: &mut State,
    mem: &mut M,
    op: TransOp,
    r1: u8,
    r3: u8,
) -> Result<(), Fault> {
    st.check_gr_target(r1)?;
    let (v, nat) = match op {
        TransOp::Thash | TransOp::Ttag => {
            let (va, nat) = st.read_gr(r3);
            if nat {
                // The result is undefined with its NaT set; this model writes 0.
                (0, true)
            } else if op == TransOp::Thash {
                (thash(st, va), false)
            } else {
                (ttag(st, va), false)
            }
        }
        TransOp::Tpa | TransOp::Tak => {
            st.require_pl0()?;
            let addr = nonaccess_addr(st, r3)?;
            let req = if op == TransOp::Tpa {
                TranslationOp::Tpa { addr }
            } else {
                TranslationOp::Tak { addr }
            };
            (mem.translation_op(req).map_err(nonaccess_fault)?, false)
        }
    };
    st.write_gr(r1, v, nat)
}

/// Region register of `va` (selected by VA{63:61}).
#[inline]
fn region_reg(st: &State, va: u64) -> u64 {
    st.ind.rr[(va >> 61) as usize]
}

/// Virtual page number of `va` under its region's preferred page size (RR.ps, bits 7:2):
/// VA{IMPL_VA_MSB:0} >> ps with IMPL_VA_MSB = 60.
#[inline]
fn vpn(rr: u64, va: u64) -> u64 {
    (va & ((1u64 << 61) - 1)) >> field(rr, 2, 6)
}

/// The VHPT hash address of `va` (SDM Vol. 2 Part I §4.1.5, "VHPT Hashing"). Short format
/// (PTA.vf = 0): the region of `va`, PTA.base{60:15} outside the table-size mask, and the
/// 8-byte entry offset `vpn << 3` inside it. Long format: module docs.
pub fn thash(st: &State, va: u64) -> u64 {
    let pta = st.cr[usize::from(cr::PTA)];
    let rr = region_reg(st, va);
    let size_mask = (1u64 << field(pta, 2, 6)) - 1;
    let vpn = vpn(rr, va);
    let (region, offset) = if pta & (1 << 8) == 0 {
        (va & (7 << 61), vpn << 3)
    } else {
        (pta & (7 << 61), (vpn ^ field(rr, 8, 24)) << 5)
    };
    let mid_bits = ((1u64 << 61) - 1) & !0x7fff;
    let mid = ((pta & !size_mask) | (offset & size_mask)) & mid_bits;
    region | mid | (offset & 0x7fff)
}

/// The VHPT tag of `va` (implementation specific: module docs).
pub fn ttag(st: &State, va: u64) -> u64 {
    let rr = region_reg(st, va);
    vpn(rr, va) ^ (field(rr, 8, 24) << 39)
}

/// The privilege level a probe tests: the operand's low two bits, never more privileged than
/// PSR.cpl.
#[inline]
fn probe_pl(st: &State, pl: u64) -> u8 {
    ((pl & 3) as u8).max(st.cpl())
}

/// `probe.r`/`probe.w r1 = r3, r2|imm2`: r1 ← 1 when the access would be allowed, else 0.
/// Translation faults other than access rights are raised (the memory reports them).
fn probe<M: Memory + ?Sized>(
    st: &mut State,
    mem: &mut M,
    kind: ProbeKind,
    r1: u8,
    r3: u8,
    pl: u64,
    pl_nat: bool,
) -> Result<(), Fault> {
    st.check_gr_target(r1)?;
    let addr = nonaccess_addr(st, r3)?;
    if pl_nat {
        return Err(Fault::NatAddress {
            kind: RefKind::NonAccess,
        });
    }
    let pl = probe_pl(st, pl);
    let req = probe_request(addr, pl, kind);
    let ok = mem.translation_op(req).map_err(nonaccess_fault)?;
    st.write_gr(r1, u64::from(ok != 0), false)
}

fn probe_request(addr: u64, pl: u8, kind: ProbeKind) -> TranslationOp {
    TranslationOp::Probe {
        addr,
        pl,
        read: kind != ProbeKind::W,
        write: kind != ProbeKind::R,
    }
}

/// `probe.r.fault`/`probe.w.fault`/`probe.rw.fault r3, imm2`: raise the fault the access would
/// raise; a refused access is reported as a Data Access Rights fault of a non-access reference.
fn probe_fault<M: Memory + ?Sized>(
    st: &mut State,
    mem: &mut M,
    kind: ProbeKind,
    r3: u8,
    imm: u8,
) -> Result<(), Fault> {
    let addr = nonaccess_addr(st, r3)?;
    let pl = probe_pl(st, u64::from(imm));
    let ok = mem
        .translation_op(probe_request(addr, pl, kind))
        .map_err(nonaccess_fault)?;
    if ok == 0 {
        return Err(nonaccess_fault(MemFault {
            kind: MemFaultKind::Protection,
            addr,
            access: Access::data(pl),
        }));
    }
    Ok(())
}

/// `fc`/`fc.i r3`: the line is translated as a non-access reference (faults are raised), then
/// the decoded bundles of its page are dropped.
fn fc<M: Memory + ?Sized>(st: &mut State, mem: &mut M, r3: u8) -> Result<Flow, Fault> {
    let addr = nonaccess_addr(st, r3)?;
    mem.translation_op(TranslationOp::Tpa { addr })
        .map_err(nonaccess_fault)?;
    Ok(Flow::FlushCode(addr))
}
