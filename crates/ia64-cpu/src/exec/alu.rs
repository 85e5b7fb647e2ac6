//! A-unit execution (SDM Vol. 3 §4.2 "A-Unit Instruction Encodings" and the instruction pages):
//! integer ALU, shift-left-add, add immediate, compares (all types, including `.unc` and the
//! parallel `and`/`or`/`or.andcm` forms; the assembler's `andcm`/`orcm`/`and.orcm` are
//! pseudo-ops of these with the relation complemented or the targets swapped) and the A9/A10
//! multimedia ALU.
//!
//! Every instruction reads its sources, computes, and commits with one `write_gr`/`write_pr`
//! sequence only after every fault check (compute, then commit). ALU results carry the OR of
//! their sources' NaT bits (SDM Vol. 1 §5.5.1 "Deferred exceptions and NaT propagation").
//!
//! This module also owns the predicate-pair write rules shared with the I-unit tests
//! (`write_pred_pair`, SDM Vol. 3 `cmp` "Comparison Types" table).

use ia64_isa::unit_a::{
    AInsn, AddImmKind, AluImmOp, AluOp, CmpRel, CmpSize, CmpType, PSize, PcmpRel, Sat,
};

use super::SlotCtx;
use crate::fault::Fault;
use crate::state::State;

// -------------------------------------------------------------------------------------------
// Predicate-pair writes (SDM Vol. 3 `cmp`, `tbit`, `tnat`: "Comparison Types")
// -------------------------------------------------------------------------------------------

/// How a compare or test writes its two predicate targets when its qualifying predicate is
/// true (`.unc` then behaves as [`PredWrite::Normal`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum PredWrite {
    /// Normal and `.unc`: p1 ← rel, p2 ← !rel; both ← 0 on a NaT source.
    Normal,
    /// `.and`: both ← 0 when the relation is false or a source is NaT.
    And,
    /// `.or`: both ← 1 when the relation is true and no source is NaT.
    Or,
    /// `.or.andcm`: p1 ← 1, p2 ← 0 when the relation is true and no source is NaT.
    OrAndcm,
}

/// Commit a compare/test result to p1/p2 (SDM Vol. 3 `cmp` operation pseudo-code). The caller
/// has already rejected `p1 == p2` (Illegal Operation). Writes to p0 are ignored.
#[inline(always)]
pub(crate) fn write_pred_pair(st: &mut State, w: PredWrite, p1: u8, p2: u8, rel: bool, nat: bool) {
    match w {
        PredWrite::Normal => {
            let v = rel && !nat;
            st.write_pr(p1, v);
            st.write_pr(p2, !rel && !nat);
        }
        PredWrite::And => {
            if nat || !rel {
                st.write_pr(p1, false);
                st.write_pr(p2, false);
            }
        }
        PredWrite::Or => {
            if !nat && rel {
                st.write_pr(p1, true);
                st.write_pr(p2, true);
            }
        }
        PredWrite::OrAndcm => {
            if !nat && rel {
                st.write_pr(p1, true);
                st.write_pr(p2, false);
            }
        }
    }
}

/// `.unc` with a false qualifying predicate: both targets ← 0, after the `p1 == p2` check
/// (SDM Vol. 3 `cmp`: the `else` branch of the pseudo-code).
#[inline]
pub(crate) fn clear_pred_pair(st: &mut State, p1: u8, p2: u8) -> Result<(), Fault> {
    if p1 == p2 {
        return Err(Fault::IllegalOperation);
    }
    st.write_pr(p1, false);
    st.write_pr(p2, false);
    Ok(())
}

#[inline(always)]
fn pred_write(c: CmpType) -> PredWrite {
    match c {
        CmpType::Normal | CmpType::Unc => PredWrite::Normal,
        CmpType::And => PredWrite::And,
        CmpType::Or => PredWrite::Or,
        CmpType::OrAndcm => PredWrite::OrAndcm,
    }
}

// -------------------------------------------------------------------------------------------
// Entry points
// -------------------------------------------------------------------------------------------

/// True for the compares whose type is `.unc` (they clear both targets when the qualifying
/// predicate is false).
#[inline]
pub fn consumes_qp(insn: &AInsn) -> bool {
    matches!(
        insn,
        AInsn::Cmp {
            ctype: CmpType::Unc,
            ..
        } | AInsn::CmpImm {
            ctype: CmpType::Unc,
            ..
        }
    )
}

/// Execute an A-unit instruction whose qualifying predicate is true.
#[inline(never)]
pub fn exec(st: &mut State, insn: &AInsn, _ctx: SlotCtx) -> Result<(), Fault> {
    match *insn {
        AInsn::Alu { op, r1, r2, r3 } => alu(st, op, r1, r2, r3),
        AInsn::Shladd {
            p4,
            r1,
            r2,
            count,
            r3,
        } => shladd(st, p4, r1, r2, count, r3),
        AInsn::AluImm { op, r1, imm, r3 } => alu_imm(st, op, r1, imm as u64, r3),
        AInsn::AddImm { kind, r1, imm, r3 } => add_imm(st, kind, r1, imm as u64, r3),
        AInsn::Cmp {
            size,
            rel,
            ctype,
            p1,
            p2,
            r2,
            r3,
        } => {
            let a = st.read_gr(r2);
            cmp(st, size, rel, ctype, p1, p2, a, r3)
        }
        AInsn::CmpImm {
            size,
            rel,
            ctype,
            p1,
            p2,
            imm,
            r3,
        } => cmp(st, size, rel, ctype, p1, p2, (imm as u64, false), r3),
        AInsn::Padd {
            size,
            sat,
            r1,
            r2,
            r3,
        } => mm(st, r1, r2, r3, |a, b| padd(size, sat, a, b)),
        AInsn::Psub {
            size,
            sat,
            r1,
            r2,
            r3,
        } => mm(st, r1, r2, r3, |a, b| psub(size, sat, a, b)),
        AInsn::Pavg {
            size,
            raz,
            r1,
            r2,
            r3,
        } => mm(st, r1, r2, r3, |a, b| pavg(size, raz, a, b)),
        AInsn::Pavgsub { size, r1, r2, r3 } => mm(st, r1, r2, r3, |a, b| pavgsub(size, a, b)),
        AInsn::Pcmp {
            size,
            rel,
            r1,
            r2,
            r3,
        } => mm(st, r1, r2, r3, |a, b| pcmp(size, rel, a, b)),
        AInsn::PshAdd2 {
            right,
            r1,
            r2,
            count,
            r3,
        } => mm(st, r1, r2, r3, |a, b| pshadd2(right, count, a, b)),
    }
}

/// The effect of a `.unc` compare whose qualifying predicate is false: both targets ← 0.
pub fn exec_qp_false(st: &mut State, insn: &AInsn) -> Result<(), Fault> {
    match *insn {
        AInsn::Cmp {
            ctype: CmpType::Unc,
            p1,
            p2,
            ..
        }
        | AInsn::CmpImm {
            ctype: CmpType::Unc,
            p1,
            p2,
            ..
        } => clear_pred_pair(st, p1, p2),
        _ => Ok(()),
    }
}

// -------------------------------------------------------------------------------------------
// Integer ALU (SDM Vol. 3 `add`, `sub`, `addp4`, `and`, `andcm`, `or`, `xor`, `shladd`,
// `shladdp4`)
// -------------------------------------------------------------------------------------------

/// `addp4` / `shladdp4` result: the low 32 bits of the sum, zero-extended, with bits 62:61
/// taken from bits 31:30 of the r3 operand (SDM Vol. 3 `addp4`, `shladdp4`).
#[inline(always)]
fn p4(sum: u64, base: u64) -> u64 {
    (sum & 0xffff_ffff) | (((base >> 30) & 3) << 61)
}

/// A1: register-register ALU.
#[inline(always)]
pub(crate) fn alu(st: &mut State, op: AluOp, r1: u8, r2: u8, r3: u8) -> Result<(), Fault> {
    let (a, na) = st.read_gr(r2);
    let (b, nb) = st.read_gr(r3);
    st.write_gr(r1, alu_value(op, a, b), na | nb)
}

/// The A1 operations on values (SDM Vol. 3 `add`, `sub`, `addp4`, `and`, `andcm`, `or`, `xor`).
#[inline(always)]
pub(crate) fn alu_value(op: AluOp, a: u64, b: u64) -> u64 {
    match op {
        AluOp::Add => a.wrapping_add(b),
        AluOp::AddPlus1 => a.wrapping_add(b).wrapping_add(1),
        AluOp::Sub => a.wrapping_sub(b),
        AluOp::SubMinus1 => a.wrapping_sub(b).wrapping_sub(1),
        AluOp::Addp4 => p4(a.wrapping_add(b), b),
        AluOp::And => a & b,
        AluOp::Andcm => a & !b,
        AluOp::Or => a | b,
        AluOp::Xor => a ^ b,
    }
}

/// A2: `shladd`/`shladdp4 r1 = r2, count, r3` (count 1..=4).
#[inline(always)]
pub(crate) fn shladd(
    st: &mut State,
    p4_form: bool,
    r1: u8,
    r2: u8,
    count: u8,
    r3: u8,
) -> Result<(), Fault> {
    let (a, na) = st.read_gr(r2);
    let (b, nb) = st.read_gr(r3);
    let sum = (a << (count & 63)).wrapping_add(b);
    let v = if p4_form { p4(sum, b) } else { sum };
    st.write_gr(r1, v, na | nb)
}

/// A3: `op r1 = imm8, r3` (the immediate is the first operand; its NaT is 0).
#[inline(always)]
pub(crate) fn alu_imm(st: &mut State, op: AluImmOp, r1: u8, imm: u64, r3: u8) -> Result<(), Fault> {
    let (b, nb) = st.read_gr(r3);
    st.write_gr(r1, alu_imm_value(op, imm, b), nb)
}

/// The A3 operations on values (SDM Vol. 3 `sub`, `and`, `andcm`, `or`, `xor`, immediate form).
#[inline(always)]
pub(crate) fn alu_imm_value(op: AluImmOp, imm: u64, b: u64) -> u64 {
    match op {
        AluImmOp::Sub => imm.wrapping_sub(b),
        AluImmOp::And => imm & b,
        AluImmOp::Andcm => imm & !b,
        AluImmOp::Or => imm | b,
        AluImmOp::Xor => imm ^ b,
    }
}

/// A4/A5: `adds`, `addp4 r1 = imm14, r3`, `addl r1 = imm22, r3`.
#[inline(always)]
pub(crate) fn add_imm(
    st: &mut State,
    kind: AddImmKind,
    r1: u8,
    imm: u64,
    r3: u8,
) -> Result<(), Fault> {
    let (b, nb) = st.read_gr(r3);
    let sum = imm.wrapping_add(b);
    let v = match kind {
        AddImmKind::Adds | AddImmKind::Addl => sum,
        AddImmKind::Addp4 => p4(sum, b),
    };
    st.write_gr(r1, v, nb)
}

// -------------------------------------------------------------------------------------------
// Compares (SDM Vol. 3 `cmp`, `cmp4`)
// -------------------------------------------------------------------------------------------

/// The relation `a rel b`; `cmp4` compares the low 32 bits (SDM Vol. 3 `cmp4`: the operands
/// are sign- or zero-extended from bit 31 according to the relation).
#[inline(always)]
pub(crate) fn relation(size: CmpSize, rel: CmpRel, a: u64, b: u64) -> bool {
    let (sa, sb, ua, ub) = match size {
        CmpSize::Cmp8 => (a as i64, b as i64, a, b),
        CmpSize::Cmp4 => (
            i64::from(a as i32),
            i64::from(b as i32),
            u64::from(a as u32),
            u64::from(b as u32),
        ),
    };
    match rel {
        CmpRel::Eq => ua == ub,
        CmpRel::Ne => ua != ub,
        CmpRel::Lt => sa < sb,
        CmpRel::Le => sa <= sb,
        CmpRel::Gt => sa > sb,
        CmpRel::Ge => sa >= sb,
        CmpRel::Ltu => ua < ub,
    }
}

/// A6/A7/A8: `cmp[4].rel.ctype p1, p2 = src, r3`, `src` being (value, NaT) of r2 / r0 / imm8.
/// `p1 == p2` is an Illegal Operation fault for every compare type (SDM Vol. 3 `cmp`).
#[allow(clippy::too_many_arguments)]
#[inline(always)]
pub(crate) fn cmp(
    st: &mut State,
    size: CmpSize,
    rel: CmpRel,
    ctype: CmpType,
    p1: u8,
    p2: u8,
    (a, na): (u64, bool),
    r3: u8,
) -> Result<(), Fault> {
    if p1 == p2 {
        return Err(Fault::IllegalOperation);
    }
    let (b, nb) = st.read_gr(r3);
    let r = relation(size, rel, a, b);
    write_pred_pair(st, pred_write(ctype), p1, p2, r, na | nb);
    Ok(())
}

// -------------------------------------------------------------------------------------------
// Multimedia ALU (SDM Vol. 3 `padd`, `psub`, `pavg`, `pavgsub`, `pcmp`, `pshladd2`,
// `pshradd2`)
// -------------------------------------------------------------------------------------------

/// Read r2, r3, apply `f` to the values and write r1 with the OR of the NaT bits.
#[inline(always)]
fn mm(st: &mut State, r1: u8, r2: u8, r3: u8, f: impl Fn(u64, u64) -> u64) -> Result<(), Fault> {
    let (a, na) = st.read_gr(r2);
    let (b, nb) = st.read_gr(r3);
    st.write_gr(r1, f(a, b), na | nb)
}

/// Element width in bits.
#[inline(always)]
fn width(size: PSize) -> u32 {
    match size {
        PSize::B1 => 8,
        PSize::B2 => 16,
        PSize::B4 => 32,
    }
}

/// Apply `f` to each pair of `bits`-wide elements (zero-extended) of `a` and `b`; the low
/// `bits` of each result form the element of the result. `bits` is 8, 16 or 32.
#[inline(always)]
pub(crate) fn lanes(a: u64, b: u64, bits: u32, f: impl Fn(u64, u64) -> i64) -> u64 {
    let mask = (1u64 << bits) - 1;
    let mut out = 0;
    let mut sh = 0;
    while sh < 64 {
        let e = f((a >> sh) & mask, (b >> sh) & mask) as u64 & mask;
        out |= e << sh;
        sh += bits;
    }
    out
}

/// Sign-extend the `bits`-wide element `v`.
#[inline(always)]
pub(crate) fn sx(v: u64, bits: u32) -> i64 {
    let s = 64 - bits;
    ((v << s) as i64) >> s
}

/// Signed saturation to `bits` (SDM Vol. 3 `padd` "sss").
#[inline(always)]
pub(crate) fn sat_s(v: i64, bits: u32) -> i64 {
    let max = (1i64 << (bits - 1)) - 1;
    v.clamp(-max - 1, max)
}

/// Unsigned saturation to `bits` (SDM Vol. 3 `padd` "uuu"/"uus").
#[inline(always)]
pub(crate) fn sat_u(v: i64, bits: u32) -> i64 {
    v.clamp(0, (1i64 << bits) - 1)
}

/// `padd{1,2,4}[.sss|.uuu|.uus]`: `.uus` adds a signed r3 element to an unsigned r2 element
/// with an unsigned result.
#[inline(always)]
fn padd(size: PSize, sat: Sat, a: u64, b: u64) -> u64 {
    let w = width(size);
    match sat {
        Sat::Modulo => lanes(a, b, w, |x, y| x.wrapping_add(y) as i64),
        Sat::Sss => lanes(a, b, w, |x, y| sat_s(sx(x, w) + sx(y, w), w)),
        Sat::Uuu => lanes(a, b, w, |x, y| sat_u(x as i64 + y as i64, w)),
        Sat::Uus => lanes(a, b, w, |x, y| sat_u(x as i64 + sx(y, w), w)),
    }
}

/// `psub{1,2,4}[.sss|.uuu|.uus]`.
#[inline(always)]
fn psub(size: PSize, sat: Sat, a: u64, b: u64) -> u64 {
    let w = width(size);
    match sat {
        Sat::Modulo => lanes(a, b, w, |x, y| x.wrapping_sub(y) as i64),
        Sat::Sss => lanes(a, b, w, |x, y| sat_s(sx(x, w) - sx(y, w), w)),
        Sat::Uuu => lanes(a, b, w, |x, y| sat_u(x as i64 - y as i64, w)),
        Sat::Uus => lanes(a, b, w, |x, y| sat_u(x as i64 - sx(y, w), w)),
    }
}

/// `pavg{1,2}[.raz]`: unsigned average; without `.raz` the sum's low bit is ORed into the
/// halved result, with `.raz` one is added before halving (SDM Vol. 3 `pavg`).
#[inline(always)]
fn pavg(size: PSize, raz: bool, a: u64, b: u64) -> u64 {
    let w = width(size);
    if raz {
        lanes(a, b, w, |x, y| ((x + y + 1) >> 1) as i64)
    } else {
        lanes(a, b, w, |x, y| {
            let s = x + y;
            ((s >> 1) | (s & 1)) as i64
        })
    }
}

/// `pavgsub{1,2}`: (unsigned r2 − unsigned r3) halved arithmetically, low bit ORed in
/// (SDM Vol. 3 `pavgsub`).
#[inline(always)]
fn pavgsub(size: PSize, a: u64, b: u64) -> u64 {
    lanes(a, b, width(size), |x, y| {
        let d = x as i64 - y as i64;
        (d >> 1) | (d & 1)
    })
}

/// `pcmp{1,2,4}.{eq,gt}`: all-ones elements where the relation holds (`gt` signed).
#[inline(always)]
fn pcmp(size: PSize, rel: PcmpRel, a: u64, b: u64) -> u64 {
    let w = width(size);
    lanes(a, b, w, |x, y| {
        let t = match rel {
            PcmpRel::Eq => x == y,
            PcmpRel::Gt => sx(x, w) > sx(y, w),
        };
        -i64::from(t)
    })
}

/// `pshladd2 r1 = r2, count, r3`: each r2 element shifted left; if that overflows 16 signed
/// bits the element is the saturated shift, otherwise the r3 element is added with signed
/// saturation; `pshradd2`: arithmetic right shift, then
/// saturating add (SDM Vol. 3 `pshladd2`, `pshradd2`). `count` is 1..=4.
#[inline(always)]
fn pshadd2(right: bool, count: u8, a: u64, b: u64) -> u64 {
    let c = u32::from(count & 15);
    lanes(a, b, 16, |x, y| {
        let x = sx(x, 16);
        if right {
            return sat_s((x >> c) + sx(y, 16), 16);
        }
        let shifted = x << c;
        if shifted != sat_s(shifted, 16) {
            // The shift itself saturated: the addend is not applied.
            return sat_s(shifted, 16);
        }
        sat_s(shifted + sx(y, 16), 16)
    })
}
