//! I-unit execution (SDM Vol. 3 §4.3 "I-Unit Instruction Encodings"): multimedia multiplies,
//! mix/mux/pack/unpack, shifts, `shrp`, `extr`, `dep`, `tbit`/`tnat`/`tf`, `popcnt`, `clz`,
//! moves to/from BR, PR, AR (I-side: pfs, lc, ec, and the ignored ARs) and IP, `chk.s.i`,
//! `zxt`/`sxt`/`czx`, `break.i`/`nop.i`/`hint.i`.
//!
//! The decoder keeps `shl`/`shr`/`shr.u` by an immediate as the instructions they are
//! (`dep.z`/`extr`/`extr.u`), so they execute as those. Every instruction reads and checks
//! everything before its first write (compute, then commit).

use ia64_isa::unit_i::{
    ExtOp, Half, IInsn, MmOp, MmSize, Mux1Type, Sat, ShiftSize, Side, TestCtype, TestRel, TestWhat,
};

use super::alu::{clear_pred_pair, lanes, sat_s, sat_u, sx, write_pred_pair, PredWrite};
use super::{Flow, SlotCtx};
use crate::fault::Fault;
use crate::state::{ar, State};

/// True for the `.unc` tests (`tbit`, `tnat`, `tf` with ctype `.unc`).
#[inline]
pub fn consumes_qp(insn: &IInsn) -> bool {
    matches!(
        insn,
        IInsn::Test {
            ctype: TestCtype::Unc,
            ..
        }
    )
}

/// Execute an I-unit instruction whose qualifying predicate is true.
#[inline(never)]
pub fn exec(st: &mut State, insn: &IInsn, ctx: SlotCtx) -> Result<Flow, Fault> {
    match *insn {
        IInsn::Pmpyshr2 {
            unsigned,
            r1,
            r2,
            r3,
            count,
        } => bin(st, r1, r2, r3, |a, b| pmpyshr2(unsigned, count, a, b)),
        IInsn::Mm { op, r1, r2, r3 } => mm_op(st, op, r1, r2, r3),
        IInsn::Mux1 { r1, r2, mbtype } => mux1(st, r1, r2, mbtype),
        IInsn::Mux2 { r1, r2, mht } => un(st, r1, r2, |v| mux2(v, mht)),
        IInsn::ShrVar {
            size,
            unsigned,
            r1,
            r3,
            r2,
        } => bin(st, r1, r3, r2, |v, c| shr(size, unsigned, v, c)),
        IInsn::ShrImm {
            size,
            unsigned,
            r1,
            r3,
            count,
        } => un(st, r1, r3, |v| shr(size, unsigned, v, u64::from(count))),
        IInsn::ShlVar { size, r1, r2, r3 } => bin(st, r1, r2, r3, |v, c| shl(size, v, c)),
        IInsn::ShlImm {
            size,
            r1,
            r2,
            count,
        } => un(st, r1, r2, |v| shl(size, v, u64::from(count))),
        IInsn::Popcnt { r1, r3 } => un(st, r1, r3, |v| u64::from(v.count_ones())),
        IInsn::Clz { r1, r3 } => un(st, r1, r3, |v| u64::from(v.leading_zeros())),
        IInsn::Shrp { r1, r2, r3, count } => bin(st, r1, r2, r3, |hi, lo| shrp(hi, lo, count)),
        IInsn::Extr {
            signed,
            r1,
            r3,
            pos,
            len,
        } => un(st, r1, r3, |v| extr(signed, v, pos, len)),
        IInsn::DepZ { r1, r2, pos, len } => un(st, r1, r2, |v| dep(v, 0, pos, len)),
        IInsn::DepZImm { r1, imm, pos, len } => {
            put(st, r1, dep(imm as i64 as u64, 0, pos, len), false)
        }
        IInsn::DepImm {
            r1,
            imm,
            r3,
            pos,
            len,
        } => un(st, r1, r3, |v| dep(imm as i64 as u64, v, pos, len)),
        IInsn::Dep {
            r1,
            r2,
            r3,
            pos,
            len,
        } => bin(st, r1, r2, r3, |a, b| dep(a, b, pos, len)),
        IInsn::Test {
            what,
            rel,
            ctype,
            p1,
            p2,
        } => test(st, what, rel, ctype, p1, p2),
        IInsn::Break { imm } => Err(Fault::Break {
            imm: u64::from(imm),
        }),
        IInsn::Nop { .. } | IInsn::Hint { .. } => Ok(Flow::Next),
        IInsn::ChkS { r2, target } => Ok(chk_s(st, r2, target)),
        IInsn::MovToBr { b1, r2, .. } => mov_to_br(st, b1, r2),
        IInsn::MovFromBr { r1, b2 } => put(st, r1, st.br[usize::from(b2 & 7)], false),
        IInsn::MovToPr { r2, mask } => mov_to_pr(st, r2, mask),
        IInsn::MovToPrRot { imm } => {
            write_prs(st, imm, !0xffff);
            Ok(Flow::Next)
        }
        IInsn::MovFromIp { r1 } => put(st, r1, ctx.ip, false),
        IInsn::MovFromPr { r1 } => put(st, r1, read_prs(st), false),
        IInsn::MovToAr { ar3, r2 } => {
            let (v, nat) = st.read_gr(r2);
            mov_to_ar(st, ar3, v, nat)
        }
        IInsn::MovToArImm { ar3, imm } => mov_to_ar(st, ar3, imm as i64 as u64, false),
        IInsn::MovFromAr { r1, ar3 } => mov_from_ar(st, r1, ar3),
        IInsn::Ext { op, r1, r3 } => un(st, r1, r3, |v| ext(op, v)),
    }
}

/// The effect of a `.unc` test whose qualifying predicate is false: both targets ← 0.
pub fn exec_qp_false(st: &mut State, insn: &IInsn) -> Result<(), Fault> {
    match *insn {
        IInsn::Test {
            ctype: TestCtype::Unc,
            p1,
            p2,
            ..
        } => clear_pred_pair(st, p1, p2),
        _ => Ok(()),
    }
}

// -------------------------------------------------------------------------------------------
// Operand plumbing
// -------------------------------------------------------------------------------------------

/// Write r1 (Illegal Operation for r0 / out of frame, checked before the write).
#[inline(always)]
pub(crate) fn put(st: &mut State, r1: u8, v: u64, nat: bool) -> Result<Flow, Fault> {
    st.write_gr(r1, v, nat).map(|()| Flow::Next)
}

/// One source: r1 ← f(src), NaT propagated.
#[inline(always)]
pub(crate) fn un(st: &mut State, r1: u8, src: u8, f: impl Fn(u64) -> u64) -> Result<Flow, Fault> {
    let (v, nat) = st.read_gr(src);
    put(st, r1, f(v), nat)
}

/// Two sources: r1 ← f(a, b), NaT = OR of the sources' NaTs.
#[inline(always)]
pub(crate) fn bin(
    st: &mut State,
    r1: u8,
    a: u8,
    b: u8,
    f: impl Fn(u64, u64) -> u64,
) -> Result<Flow, Fault> {
    let (x, nx) = st.read_gr(a);
    let (y, ny) = st.read_gr(b);
    put(st, r1, f(x, y), nx | ny)
}

// -------------------------------------------------------------------------------------------
// Shifts, extract, deposit (SDM Vol. 3 `shl`, `shr`, `pshl`, `pshr`, `shrp`, `extr`, `dep`)
// -------------------------------------------------------------------------------------------

/// Element width of a shift.
#[inline(always)]
fn shift_width(size: ShiftSize) -> u32 {
    match size {
        ShiftSize::P2 => 16,
        ShiftSize::P4 => 32,
        ShiftSize::Full => 64,
    }
}

/// `shl`/`pshl{2,4}`: a count of at least the element width gives 0 (the count is the whole
/// unsigned 64-bit register value in the variable forms).
#[inline(always)]
fn shl(size: ShiftSize, v: u64, count: u64) -> u64 {
    let w = shift_width(size);
    if count >= u64::from(w) {
        return 0;
    }
    let c = count as u32;
    if w == 64 {
        return v << c;
    }
    lanes(v, 0, w, |x, _| (x << c) as i64)
}

/// `shr[.u]`/`pshr{2,4}[.u]`: counts at least the width give 0 (`.u`) or the sign fill.
#[inline(always)]
fn shr(size: ShiftSize, unsigned: bool, v: u64, count: u64) -> u64 {
    let w = shift_width(size);
    if unsigned && count >= u64::from(w) {
        return 0;
    }
    let c = count.min(u64::from(w) - 1) as u32;
    match (w, unsigned) {
        (64, true) => v >> c,
        (64, false) => ((v as i64) >> c) as u64,
        (_, true) => lanes(v, 0, w, |x, _| (x >> c) as i64),
        (_, false) => lanes(v, 0, w, |x, _| sx(x, w) >> c),
    }
}

/// `shrp r1 = r2, r3, count`: the low 64 bits of (r2 : r3) >> count.
#[inline(always)]
pub(crate) fn shrp(hi: u64, lo: u64, count: u8) -> u64 {
    let c = u32::from(count & 63);
    if c == 0 {
        lo
    } else {
        (lo >> c) | (hi << (64 - c))
    }
}

/// Mask of the low `len` bits (`len` 0..=64).
#[inline(always)]
fn ones(len: u32) -> u64 {
    if len >= 64 {
        !0
    } else {
        (1u64 << len) - 1
    }
}

/// `extr[.u] r1 = r3, pos, len`: a field running past bit 63 is cut at bit 63, whose value
/// then gives the sign (SDM Vol. 3 `extr`).
#[inline(always)]
pub(crate) fn extr(signed: bool, v: u64, pos: u8, len: u8) -> u64 {
    let pos = u32::from(pos & 63);
    let len = u32::from(len).clamp(1, 64 - pos);
    let field = (v >> pos) & ones(len);
    if signed {
        sx(field, len) as u64
    } else {
        field
    }
}

/// `dep`: the low `len` bits of `src` replace bits pos..pos+len of `target`; bits beyond 63
/// are dropped (SDM Vol. 3 `dep`; `dep.z` uses a zero target).
#[inline(always)]
pub(crate) fn dep(src: u64, target: u64, pos: u8, len: u8) -> u64 {
    let pos = u32::from(pos & 63);
    let mask = ones(u32::from(len)) << pos;
    (target & !mask) | ((src << pos) & mask)
}

/// `zxt`, `sxt`, `czx` (SDM Vol. 3 `zxt`, `sxt`, `czx`).
#[inline(always)]
fn ext(op: ExtOp, v: u64) -> u64 {
    match op {
        ExtOp::Zxt(n) => v & ones(u32::from(n) * 8),
        ExtOp::Sxt(n) => sx(v & ones(u32::from(n) * 8), u32::from(n) * 8) as u64,
        ExtOp::CzxL(n) => czx_left(v, u32::from(n) * 8),
        ExtOp::CzxR(n) => czx_right(v, u32::from(n) * 8),
    }
}

/// Index, counted from the most significant element, of the first zero element; the element
/// count if none.
#[inline(always)]
fn czx_left(v: u64, w: u32) -> u64 {
    let n = 64 / w;
    (0..n)
        .find(|i| (v >> (64 - w * (i + 1))) & ones(w) == 0)
        .map_or(u64::from(n), u64::from)
}

/// Index, counted from the least significant element, of the first zero element; the element
/// count if none.
#[inline(always)]
fn czx_right(v: u64, w: u32) -> u64 {
    let n = 64 / w;
    (0..n)
        .find(|i| (v >> (w * i)) & ones(w) == 0)
        .map_or(u64::from(n), u64::from)
}

// -------------------------------------------------------------------------------------------
// Multimedia (SDM Vol. 3 `pmpyshr2`, `pmpy2`, `mix`, `mux1`, `mux2`, `pack`, `unpack`,
// `pmin`, `pmax`, `psad1`)
// -------------------------------------------------------------------------------------------

/// Element `i` (`w` bits wide) of `v`.
#[inline(always)]
fn elem(v: u64, w: u32, i: u32) -> u64 {
    (v >> (w * i)) & ones(w)
}

/// `pmpyshr2[.u] r1 = r2, r3, count`: 16×16 products (signed, or unsigned with `.u`) shifted
/// right by count, low 16 bits kept.
#[inline(always)]
fn pmpyshr2(unsigned: bool, count: u8, a: u64, b: u64) -> u64 {
    let c = u32::from(count & 31);
    if unsigned {
        lanes(a, b, 16, |x, y| ((x * y) >> c) as i64)
    } else {
        lanes(a, b, 16, |x, y| (sx(x, 16) * sx(y, 16)) >> c)
    }
}

/// The I2 two-source operations.
#[inline]
fn mm_op(st: &mut State, op: MmOp, r1: u8, r2: u8, r3: u8) -> Result<Flow, Fault> {
    let f: fn(u64, u64) -> u64 = match op {
        MmOp::Mix(MmSize::B1, side) => pick_mix::<8>(side),
        MmOp::Mix(MmSize::H2, side) => pick_mix::<16>(side),
        MmOp::Mix(MmSize::W4, side) => pick_mix::<32>(side),
        MmOp::Unpack(MmSize::B1, half) => pick_unpack::<8>(half),
        MmOp::Unpack(MmSize::H2, half) => pick_unpack::<16>(half),
        MmOp::Unpack(MmSize::W4, half) => pick_unpack::<32>(half),
        MmOp::Pack(MmSize::H2, Sat::Sss) => |a, b| pack::<16, true>(a, b),
        MmOp::Pack(MmSize::H2, Sat::Uss) => |a, b| pack::<16, false>(a, b),
        MmOp::Pack(MmSize::W4, Sat::Sss) => |a, b| pack::<32, true>(a, b),
        MmOp::Pmin(MmSize::B1) => |a, b| lanes(a, b, 8, |x, y| x.min(y) as i64),
        MmOp::Pmax(MmSize::B1) => |a, b| lanes(a, b, 8, |x, y| x.max(y) as i64),
        MmOp::Pmin(MmSize::H2) => |a, b| lanes(a, b, 16, |x, y| sx(x, 16).min(sx(y, 16))),
        MmOp::Pmax(MmSize::H2) => |a, b| lanes(a, b, 16, |x, y| sx(x, 16).max(sx(y, 16))),
        MmOp::Psad1 => psad1,
        MmOp::Pmpy2(side) => match side {
            Side::R => |a, b| pmpy2(a, b, 0),
            Side::L => |a, b| pmpy2(a, b, 1),
        },
        // Itanium 9500 additions. binutils gives only their encoding and syntax
        // (`mpy4 r1 = r2, r3`, `mpyshl4 r1 = r2, r3`); no public description of their operation
        // (which 32-bit halves are multiplied, what is shifted) could be consulted: the SDM
        // pages are not available here and Ski predates them. They are refused, not guessed.
        MmOp::Mpy4 => return Err(Fault::Unimplemented("mpy4")),
        MmOp::Mpyshl4 => return Err(Fault::Unimplemented("mpyshl4")),
        // Combinations the decoder never produces (reserved encodings).
        MmOp::Pack(..) | MmOp::Pmin(_) | MmOp::Pmax(_) => return Err(Fault::IllegalOperation),
    };
    bin(st, r1, r2, r3, f)
}

/// `mix{1,2,4}.{l,r}`: result element 2i+1 from r2, 2i from r3; `.l` takes the odd (left)
/// elements of each pair, `.r` the even (right) ones.
fn pick_mix<const W: u32>(side: Side) -> fn(u64, u64) -> u64 {
    match side {
        Side::L => |a, b| mix::<W>(a, b, 1),
        Side::R => |a, b| mix::<W>(a, b, 0),
    }
}

#[inline(always)]
fn mix<const W: u32>(a: u64, b: u64, odd: u32) -> u64 {
    let mut out = 0;
    for pair in 0..(32 / W) {
        let src = 2 * pair + odd;
        out |= elem(b, W, src) << (W * 2 * pair);
        out |= elem(a, W, src) << (W * (2 * pair + 1));
    }
    out
}

/// `unpack{1,2,4}.{h,l}`: interleave the high (`.h`) or low (`.l`) halves; result element
/// 2i+1 from r2, 2i from r3.
fn pick_unpack<const W: u32>(half: Half) -> fn(u64, u64) -> u64 {
    match half {
        Half::H => |a, b| unpack::<W>(a, b, 32 / W),
        Half::L => |a, b| unpack::<W>(a, b, 0),
    }
}

#[inline(always)]
fn unpack<const W: u32>(a: u64, b: u64, base: u32) -> u64 {
    let mut out = 0;
    for i in 0..(32 / W) {
        out |= elem(b, W, base + i) << (W * 2 * i);
        out |= elem(a, W, base + i) << (W * (2 * i + 1));
    }
    out
}

/// `pack{2,4}.{sss,uss}`: the signed `W`-bit elements of r2 (low half of the result) and r3
/// (high half) saturated to `W/2` bits, signed (`.sss`) or unsigned (`.uss`).
#[inline(always)]
fn pack<const W: u32, const SIGNED: bool>(a: u64, b: u64) -> u64 {
    let n = 64 / W;
    let h = W / 2;
    let mut out = 0;
    for i in 0..(2 * n) {
        let src = if i < n {
            elem(a, W, i)
        } else {
            elem(b, W, i - n)
        };
        let v = sx(src, W);
        let s = if SIGNED { sat_s(v, h) } else { sat_u(v, h) };
        out |= (s as u64 & ones(h)) << (h * i);
    }
    out
}

/// `psad1`: the sum of the absolute differences of the unsigned bytes.
fn psad1(a: u64, b: u64) -> u64 {
    (0..8).map(|i| elem(a, 8, i).abs_diff(elem(b, 8, i))).sum()
}

/// `pmpy2.{r,l}`: signed 16×16→32 products of halfwords 0 and 2 (`.r`, `first` = 0) or 1 and
/// 3 (`.l`, `first` = 1).
#[inline(always)]
fn pmpy2(a: u64, b: u64, first: u32) -> u64 {
    let p = |i: u32| (sx(elem(a, 16, i), 16) * sx(elem(b, 16, i), 16)) as u64 & 0xffff_ffff;
    p(first) | (p(first + 2) << 32)
}

/// `mux1 r1 = r2, mbtype` (SDM Vol. 3 `mux`, "Mux Permutations for 8-bit Elements").
fn mux1(st: &mut State, r1: u8, r2: u8, mbtype: Mux1Type) -> Result<Flow, Fault> {
    // Result byte i takes source byte SEL[i].
    let sel: [u32; 8] = match mbtype {
        Mux1Type::Brcst => [0; 8],
        Mux1Type::Mix => [0, 4, 2, 6, 1, 5, 3, 7],
        Mux1Type::Shuf => [0, 4, 1, 5, 2, 6, 3, 7],
        Mux1Type::Alt => [0, 2, 4, 6, 1, 3, 5, 7],
        Mux1Type::Rev => [7, 6, 5, 4, 3, 2, 1, 0],
        // Reserved mbtype values: choice, Illegal Operation.
        Mux1Type::Other(_) => return Err(Fault::IllegalOperation),
    };
    un(st, r1, r2, |v| {
        sel.iter()
            .enumerate()
            .fold(0, |acc, (i, &s)| acc | (elem(v, 8, s) << (8 * i as u32)))
    })
}

/// `mux2 r1 = r2, mhtype8`: result halfword i is source halfword mhtype8{2i+1:2i}.
#[inline(always)]
fn mux2(v: u64, mht: u8) -> u64 {
    (0..4).fold(0, |acc, i| {
        let s = (u32::from(mht) >> (2 * i)) & 3;
        acc | (elem(v, 16, s) << (16 * i))
    })
}

// -------------------------------------------------------------------------------------------
// Tests (SDM Vol. 3 `tbit`, `tnat`, `tf`)
// -------------------------------------------------------------------------------------------

/// Processor features `tf` reports (SDM Vol. 3 `tf`): 32 = `@clz`, which is implemented.
#[inline(always)]
fn feature_implemented(imm: u8) -> bool {
    imm == 32
}

/// `tbit`/`tnat`/`tf`.`rel`.`ctype p1, p2 = ...`. `p1 == p2` is an Illegal Operation fault.
/// A NaT source makes `tbit` behave as a compare with a NaT source; `tnat` and `tf` have none.
fn test(
    st: &mut State,
    what: TestWhat,
    rel: TestRel,
    ctype: TestCtype,
    p1: u8,
    p2: u8,
) -> Result<Flow, Fault> {
    if p1 == p2 {
        return Err(Fault::IllegalOperation);
    }
    let (bit, nat) = match what {
        TestWhat::Bit { r3, pos } => {
            let (v, nat) = st.read_gr(r3);
            ((v >> (pos & 63)) & 1 != 0, nat)
        }
        TestWhat::Nat { r3 } => (st.read_gr(r3).1, false),
        TestWhat::Feature { imm } => (feature_implemented(imm), false),
    };
    let r = match rel {
        TestRel::Nz => bit,
        TestRel::Z => !bit,
    };
    let w = match ctype {
        TestCtype::None | TestCtype::Unc => PredWrite::Normal,
        TestCtype::And => PredWrite::And,
        TestCtype::Or => PredWrite::Or,
        TestCtype::OrAndcm => PredWrite::OrAndcm,
    };
    write_pred_pair(st, w, p1, p2, r, nat);
    Ok(Flow::Next)
}

// -------------------------------------------------------------------------------------------
// chk.s.i and moves (SDM Vol. 3 `chk`, `mov` (branch register, predicates, ip, application
// register))
// -------------------------------------------------------------------------------------------

/// `chk.s.i r2, target`: branch to the recovery code when r2's NaT is set.
#[inline(always)]
fn chk_s(st: &State, r2: u8, target: u64) -> Flow {
    if st.read_gr(r2).1 {
        Flow::Branch(target)
    } else {
        Flow::Next
    }
}

/// `mov[.ret] b1 = r2`: Register NaT Consumption on a NaT source; the hints do nothing.
#[inline(always)]
pub(crate) fn mov_to_br(st: &mut State, b1: u8, r2: u8) -> Result<Flow, Fault> {
    let v = st.read_gr_checked(r2)?;
    st.br[usize::from(b1 & 7)] = v;
    Ok(Flow::Next)
}

/// `mov pr = r2, mask17`: Register NaT Consumption on a NaT source.
#[inline(always)]
fn mov_to_pr(st: &mut State, r2: u8, mask: u64) -> Result<Flow, Fault> {
    let v = st.read_gr_checked(r2)?;
    write_prs(st, v, mask);
    Ok(Flow::Next)
}

/// All predicates as the program names them (bit 0 = p0 = 1).
#[inline(always)]
fn read_prs(st: &State) -> u64 {
    if st.rse.cfm().rrb_pr == 0 {
        st.pr | 1
    } else {
        st.read_pr_all()
    }
}

/// Predicates whose `mask` bit is set take the bit of `value` (p0 never changes).
#[inline(always)]
fn write_prs(st: &mut State, value: u64, mask: u64) {
    let mask = mask & !1;
    if st.rse.cfm().rrb_pr == 0 {
        st.pr = (st.pr & !mask) | (value & mask) | 1;
    } else {
        st.write_pr_masked(value, mask);
    }
}

/// I-side application registers (SDM Vol. 1 Table 3-3; Vol. 3 `mov` (application register)):
/// 64–66 (pfs, lc, ec) are I-unit registers, 48–63 and 112–127 are ignored, all others
/// (M-unit and reserved) raise Illegal Operation from an I slot.
#[derive(Clone, Copy, PartialEq, Eq)]
enum IAr {
    Pfs,
    Lc,
    Ec,
    Ignored,
}

#[inline(always)]
fn i_ar(n: u8) -> Result<IAr, Fault> {
    match n {
        ar::PFS => Ok(IAr::Pfs),
        ar::LC => Ok(IAr::Lc),
        ar::EC => Ok(IAr::Ec),
        48..=63 | 112..=127 => Ok(IAr::Ignored),
        _ => Err(Fault::IllegalOperation),
    }
}

/// `mov.i ar3 = r2 / imm8`: Illegal Operation for a non-I AR, then Register NaT Consumption,
/// then Reserved Register/Field (PFS reserved fields); EC keeps only its 6 defined bits.
fn mov_to_ar(st: &mut State, ar3: u8, v: u64, nat: bool) -> Result<Flow, Fault> {
    let which = i_ar(ar3)?;
    if nat {
        return Err(Fault::RegisterNatConsumption);
    }
    match which {
        IAr::Pfs => st.rse.mov_to_pfs(v, false)?,
        IAr::Lc => st.ar[usize::from(ar::LC)] = v,
        IAr::Ec => st.ar[usize::from(ar::EC)] = v & 0x3f,
        IAr::Ignored => {}
    }
    Ok(Flow::Next)
}

/// `mov.i r1 = ar3`: ignored ARs read 0; the result's NaT is clear.
fn mov_from_ar(st: &mut State, r1: u8, ar3: u8) -> Result<Flow, Fault> {
    let v = match i_ar(ar3)? {
        IAr::Pfs => st.rse.mov_from_pfs(),
        IAr::Lc => st.lc(),
        IAr::Ec => u64::from(st.ec()),
        IAr::Ignored => 0,
    };
    put(st, r1, v, false)
}
