//! F-unit execution (SDM Vol. 3 instruction pages `fma` .. `fxor`, Vol. 1 ch. 5
//! "Floating-point Programming Model").
//!
//! This module owns every F-unit instruction: operand checks (Illegal Operation for an f0/f1
//! target, Disabled Floating-point Register), NaTVal propagation, the FPSR status fields
//! (`sf0`–`sf3`: ftz, wre, pc, rc, td and the v d z o u i flags; FPSR.traps), IEEE faults
//! (`Fault::FpFault`, nothing written) and traps (`Fault::FpTrap`, after the result is
//! written).
//!
//! ## Arithmetic: why not a soft-float crate
//! `rustc_apfloat` (the LLVM APFloat port) was evaluated: its `IeeeFloat<S: Semantics>` can
//! describe a 64-bit-precision, 17-bit-exponent format and has a fused `mul_add` with
//! rounding modes and IEEE status. It does not fit the architecture, because
//! (1) all operands of `mul_add` share one semantics, so `fma.s`/`fma.d` of 64-bit register
//! operands (one rounding to 24/53 bits) would need a double rounding or a round-to-odd
//! intermediate the crate does not offer; (2) the exponent range is chosen per instruction
//! from pc/wre/completer (Table 5-6: 8/11/15/17 bits with 24/53/64-bit precision, 12
//! combinations), with register-format results (denormals keep the format's minimum
//! exponent, double-extended denormals exponent 0); (3) unnormal operands, pseudo-zeros,
//! NaTVal, unsupported encodings and the o/u trap's exponent-wrapped result have no crate
//! equivalent. The exact product is only 128 bits, so `arith` (a 256-bit aligned add and
//! one rounding) is short; `rustc_apfloat` is used as an independent oracle in the tests
//! (`tests/table_fp.rs`) for the 64-bit-precision, 17-bit-exponent case.

mod arith;

use ia64_isa::unit_f::{
    FInsn, FcmpRel, FmaOp, FpcmpRel, LogicOp, MergeKind, MinMaxOp, MixOp, Pc, Sf, XmaKind,
};

use super::{Flow, SlotCtx};
use crate::fault::Fault;
use crate::fr_format::{fr_to_single, single_to_fr};
use crate::mem::Memory;
use crate::state::{ar, psr, Fr, State};
pub use arith::Val;
use arith::{range, Ctl, Rounded, D, I, O, U, V, Z};

/// ISR.code of an FP fault (SDM Vol. 3 §3.3 `fp_decode_fault`; Ski `fpSimdFault`): one bit,
/// by priority swa > v > z > d, v = bit 0, d = 1, z = 2, swa = 3. A parallel operation
/// reports its *high* single (register bits 63:32) in bits 3:0 and its low single in 7:4
/// (the pseudo-code's "hi_faults are recorded in the low four bits").
const SWA: u16 = 8;
/// Shift of a parallel operation's low-half fault bits.
const FAULT_LO_SHIFT: u32 = 4;
/// ISR.code of an FP trap (SDM Vol. 3 §3.3 `fp_decode_trap`; Vol. 2 Part I §5.6 trap code):
/// bit 0 = the FP trap in the trap-code field; o = 11, u = 12, i = 13, fpa = 14 for a scalar
/// operation and for a parallel operation's high single; the low single in bits 7..10.
const TRAP_FP: u16 = 1;
/// ISR.code bit of the o trap (scalar / high half; u, i, fpa follow).
const TRAP_HI_SHIFT: u32 = 11;
/// ISR.code bit of the low half's o trap (u, i, fpa follow).
const TRAP_LO_SHIFT: u32 = 7;

/// The fault code of a parallel operation from its halves' scalar codes.
#[inline]
fn par_fault(lo: u16, hi: u16) -> u16 {
    hi | (lo << FAULT_LO_SHIFT)
}

/// True for the `.unc` floating-point compares and classes.
pub fn consumes_qp(insn: &FInsn) -> bool {
    matches!(
        insn,
        FInsn::Fcmp { unc: true, .. } | FInsn::Fclass { unc: true, .. }
    )
}

/// The effect of a `.unc` compare whose qualifying predicate is false: both predicates
/// cleared (SDM Vol. 3 `fcmp`, `fclass`).
pub fn exec_qp_false(st: &mut State, insn: &FInsn) -> Result<(), Fault> {
    match *insn {
        FInsn::Fcmp { p1, p2, f2, f3, .. } => {
            if p1 == p2 {
                return Err(Fault::IllegalOperation);
            }
            fr_enabled(st, &[f2, f3])?;
            st.write_pr(p1, false);
            st.write_pr(p2, false);
        }
        FInsn::Fclass { p1, p2, f2, .. } => {
            if p1 == p2 {
                return Err(Fault::IllegalOperation);
            }
            fr_enabled(st, &[f2])?;
            st.write_pr(p1, false);
            st.write_pr(p2, false);
        }
        _ => {}
    }
    Ok(())
}

/// Disabled FP Register check over every operand (SDM Vol. 3 `fp_reg_disabled`).
fn fr_enabled(st: &State, regs: &[u8]) -> Result<(), Fault> {
    let mut low = false;
    let mut high = false;
    for &f in regs {
        if f >= 32 {
            high |= st.psr_bit(psr::DFH);
        } else if f >= 2 {
            low |= st.psr_bit(psr::DFL);
        }
    }
    if low || high {
        Err(Fault::DisabledFpRegister { low, high })
    } else {
        Ok(())
    }
}

/// Target checks (Illegal Operation for f0/f1, SDM `fp_check_target_register`) then the
/// disabled check over target and sources.
fn check(st: &State, f1: u8, srcs: &[u8]) -> Result<(), Fault> {
    if f1 < 2 {
        return Err(Fault::IllegalOperation);
    }
    fr_enabled(st, &[f1])?;
    fr_enabled(st, srcs)
}

fn sf_index(sf: Sf) -> u32 {
    match sf {
        Sf::S0 => 0,
        Sf::S1 => 1,
        Sf::S2 => 2,
        Sf::S3 => 3,
    }
}

/// The 13-bit status field `sf` of FPSR (SDM Vol. 1 Figure 5-5).
fn sf_bits(st: &State, sf: Sf) -> u64 {
    (st.ar[usize::from(ar::FPSR)] >> (6 + 13 * sf_index(sf))) & 0x1fff
}

/// Precision selection of a computation.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Prec {
    /// From the status field (no completer).
    Dyn,
    /// `.s`.
    S,
    /// `.d`.
    D,
    /// Parallel single (always 24 bits, 8-bit exponent).
    Par,
}

/// Rounding parameters from status field `sf` (SDM Vol. 1 Table 5-6).
fn ctl(st: &State, sf: Sf, p: Prec) -> Ctl {
    let b = sf_bits(st, sf);
    let wre = b & 2 != 0;
    let (prec, ebits) = match p {
        Prec::Dyn => (
            match (b >> 2) & 3 {
                0 => 24,
                2 => 53,
                _ => 64,
            },
            if wre { 17 } else { 15 },
        ),
        Prec::S => (24, if wre { 17 } else { 8 }),
        Prec::D => (53, if wre { 17 } else { 11 }),
        Prec::Par => (24, 8),
    };
    let (emin, emax) = range(ebits);
    let td = b & 0x40 != 0;
    Ctl {
        rc: ((b >> 4) & 3) as u8,
        prec,
        emin,
        emax,
        ftz: b & 1 != 0,
        disabled: if td {
            0x3f
        } else {
            (st.ar[usize::from(ar::FPSR)] & 0x3f) as u8
        },
    }
}

/// Set flags in status field `sf`.
fn set_flags(st: &mut State, sf: Sf, flags: u8) {
    st.ar[usize::from(ar::FPSR)] |= u64::from(flags & 0x3f) << (13 + 13 * sf_index(sf));
}

/// One half (or the scalar) result of an arithmetic instruction.
#[derive(Clone, Copy, Debug)]
struct Res {
    fr: Fr,
    flags: u8,
    trap: u8,
    fpa: bool,
}

impl Res {
    fn plain(fr: Fr, flags: u8) -> Res {
        Res {
            fr,
            flags,
            trap: 0,
            fpa: false,
        }
    }
    fn of(r: Rounded, extra: u8) -> Res {
        Res {
            fr: r.fr,
            flags: r.flags | extra,
            trap: r.trap,
            fpa: r.fpa,
        }
    }
}

/// An IEEE fault result: the enabled exceptions v/d/z (as fault code bits 0..2) or swa.
type FRes = Result<Res, u16>;

/// Signal `flag` (v, d or z): a fault if enabled, else the flag.
fn signal(c: &Ctl, flag: u8) -> Result<u8, u16> {
    if c.disabled & flag == 0 {
        Err(u16::from(flag & 7))
    } else {
        Ok(flag)
    }
}

/// Invalid operation with the QNaN indefinite result.
fn invalid(c: &Ctl) -> FRes {
    signal(c, V).map(|f| Res::plain(arith::QNAN_INDEFINITE, f))
}

/// NaN operand handling shared by the arithmetic: the first NaN in `order` (quieted) with
/// v when any operand is a signaling NaN.
fn nan_result(c: &Ctl, order: &[Val]) -> Option<FRes> {
    let first = order.iter().find(|v| v.is_nan())?;
    let mut flags = 0;
    if order.iter().any(|v| v.is_snan()) {
        match signal(c, V) {
            Ok(f) => flags = f,
            Err(e) => return Some(Err(e)),
        }
    }
    if let Val::Nan { sign, sig } = *first {
        return Some(Ok(Res::plain(arith::quiet(sign, sig), flags)));
    }
    None
}

/// Denormal/unnormal operand check: the d flag (or fault).
fn denorm(c: &Ctl, ops: &[Val]) -> Result<u8, u16> {
    if ops.iter().any(|v| v.unorm()) {
        signal(c, D)
    } else {
        Ok(0)
    }
}

/// `f3 * f4 + f2` with `op` (SDM Vol. 3 `fma`/`fms`/`fnma`; NaN priority f4, f2, f3).
fn fma_op(c: &Ctl, op: FmaOp, a: Val, b: Val, cv: Val, mul_only: bool) -> FRes {
    if [a, b, cv].contains(&Val::Nat) {
        return Ok(Res::plain(Fr::NATVAL, 0));
    }
    if [a, b, cv].contains(&Val::Unsupported) {
        return invalid(c);
    }
    if let Some(r) = nan_result(c, &[b, cv, a]) {
        return r;
    }
    let negp = op == FmaOp::Fnma;
    let negc = op == FmaOp::Fms;
    let pinf = matches!(a, Val::Inf(_)) || matches!(b, Val::Inf(_));
    if pinf || matches!(cv, Val::Inf(_)) {
        let psign = a.sign() ^ b.sign() ^ negp;
        let csign = cv.sign() ^ negc;
        let sign = if pinf {
            if a.is_zero() || b.is_zero() {
                return invalid(c);
            }
            if matches!(cv, Val::Inf(_)) && csign != psign && !mul_only {
                return invalid(c);
            }
            psign
        } else {
            csign
        };
        let d = denorm(c, &[a, b, cv])?;
        return Ok(Res::plain(
            Fr {
                sign,
                exp: 0x1ffff,
                significand: 1 << 63,
            },
            d,
        ));
    }
    let d = denorm(c, &[a, b, cv])?;
    Ok(Res::of(
        arith::fma_finite(a, b, cv, negp, negc, mul_only, c),
        d,
    ))
}

/// Reciprocal table (SDM Vol. 3 `frcpa`, `fp_ieee_recip`): 256 11-bit entries
/// `round(2^20 / (2i + 513))`, i.e. 2^11 / (1 + (i + 1/2)/256) rounded.
const fn recip_entry(i: u64) -> u64 {
    ((1u64 << 21) / (2 * i + 513)).div_ceil(2)
}

/// Reciprocal square-root table (SDM Vol. 3 `frsqrta`, `fp_ieee_recip_sqrt`): entry `i`
/// (bit 7 = exponent parity, low 7 bits = fraction bits 62:56) is
/// `round(2^11 / sqrt(m))` with `m = (1 + (j + 1/2)/128)` times 2 when bit 7 is clear.
fn rsqrt_entry(i: u64) -> u64 {
    let j = i & 127;
    // m = num / 256 with num = (256 + 2j + 1) * (2 if i < 128 else 1).
    let num = (256 + 2 * j + 1) * if i < 128 { 2 } else { 1 };
    // v = round(2048 / sqrt(num/256)) = round(32768 / sqrt(num)): the largest v with
    // (2v - 1)^2 * num <= 4 * 32768^2.
    let lim = 4u128 * 32768 * 32768;
    let mut v = 1u64;
    while u128::from(2 * v + 1) * u128::from(2 * v + 1) * u128::from(num) <= lim {
        v += 1;
    }
    v
}

/// `fp_ieee_recip` of a normalized finite divisor: sign of the divisor.
fn recip(sign: bool, e: i32, sig: u64) -> Fr {
    let idx = (sig >> 55) & 0xff;
    Fr {
        sign,
        exp: ((-e - 1 + arith::BIAS) as u32) & 0x1ffff,
        significand: recip_entry(idx) << 53,
    }
}

/// `fp_ieee_recip_sqrt` of a normalized positive value.
fn recip_sqrt(e: i32, sig: u64) -> Fr {
    let biased = e + arith::BIAS;
    let idx = (((biased & 1) as u64) << 7) | ((sig >> 56) & 0x7f);
    Fr {
        sign: false,
        exp: ((arith::BIAS - 1 - (e >> 1)) as u32) & 0x1ffff,
        significand: rsqrt_entry(idx) << 53,
    }
}

const INF: fn(bool) -> Fr = |sign| Fr {
    sign,
    exp: 0x1ffff,
    significand: 1 << 63,
};
const ZERO: fn(bool) -> Fr = |sign| Fr {
    sign,
    exp: 0,
    significand: 0,
};

/// Scalar `frcpa` (SDM Vol. 3 `frcpa`): (result, p2) or a fault code.
fn frcpa(c: &Ctl, num: Val, den: Val) -> Result<(Res, bool), u16> {
    if num == Val::Nat || den == Val::Nat {
        return Ok((Res::plain(Fr::NATVAL, 0), false));
    }
    if num == Val::Unsupported || den == Val::Unsupported {
        return invalid(c).map(|r| (r, false));
    }
    if let Some(r) = nan_result(c, &[num, den]) {
        return r.map(|r| (r, false));
    }
    let (ni, di) = (matches!(num, Val::Inf(_)), matches!(den, Val::Inf(_)));
    let dz = den.is_zero() || den.norm().is_none() && !di;
    let nz = num.is_zero() || num.norm().is_none() && !ni;
    if (ni && di) || (nz && dz) {
        return invalid(c).map(|r| (r, false));
    }
    let sign = num.sign() ^ den.sign();
    if !ni && dz {
        return signal(c, Z).map(|f| (Res::plain(INF(sign), f), false));
    }
    // Software-assist limits (operands outside the range the division sequence handles).
    if let (Some((_, e2, _)), Some((_, e3, _))) = (num.norm(), den.norm()) {
        let est = e2 - e3;
        let b3 = e3 + arith::BIAS;
        if b3 <= 0
            || e3 >= arith::BIAS - 2
            || est <= 2 - arith::BIAS
            || est >= arith::BIAS
            || e2 + arith::BIAS <= 64
        {
            return Err(SWA);
        }
    }
    let d = denorm(c, &[num, den])?;
    if ni {
        return Ok((Res::plain(INF(sign), d), false));
    }
    if nz || di {
        return Ok((Res::plain(ZERO(sign), d), false));
    }
    let (s3, e3, m3) = den.norm().unwrap_or((false, 0, 1 << 63));
    Ok((Res::plain(recip(s3, e3, m3), d), true))
}

/// Scalar `frsqrta` (SDM Vol. 3 `frsqrta`).
fn frsqrta(c: &Ctl, v: Val) -> Result<(Res, bool), u16> {
    if v == Val::Nat {
        return Ok((Res::plain(Fr::NATVAL, 0), false));
    }
    if v == Val::Unsupported {
        return invalid(c).map(|r| (r, false));
    }
    if let Some(r) = nan_result(c, &[v]) {
        return r.map(|r| (r, false));
    }
    let zero = v.is_zero() || (v.norm().is_none() && !matches!(v, Val::Inf(_)));
    if v.sign() && !zero {
        return invalid(c).map(|r| (r, false));
    }
    if let Val::Inf(_) = v {
        return Ok((Res::plain(INF(false), 0), false));
    }
    if let Some((_, e, _)) = v.norm() {
        if e + arith::BIAS <= 64 {
            return Err(SWA);
        }
    }
    let d = denorm(c, &[v])?;
    match v.norm() {
        Some((_, e, m)) => Ok((Res::plain(recip_sqrt(e, m), d), true)),
        None => Ok((Res::plain(ZERO(v.sign()), d), false)),
    }
}

/// Single-precision exponent bias.
const SGL_BIAS: i32 = 127;

/// One half of `fprcpa`.
fn fprcpa_half(c: &Ctl, num: Val, den: Val) -> Result<(Res, bool), u16> {
    if let Some(r) = nan_result(c, &[num, den]) {
        return r.map(|r| (r, false));
    }
    let (ni, di) = (matches!(num, Val::Inf(_)), matches!(den, Val::Inf(_)));
    if (ni && di) || (num.is_zero() && den.is_zero()) {
        return invalid(c).map(|r| (r, false));
    }
    let sign = num.sign() ^ den.sign();
    if !ni && den.is_zero() {
        return signal(c, Z).map(|f| (Res::plain(INF(sign), f), false));
    }
    let d = denorm(c, &[num, den])?;
    if ni {
        return Ok((Res::plain(INF(sign), d), false));
    }
    if num.is_zero() || di {
        return Ok((Res::plain(ZERO(sign), d), false));
    }
    if den.unorm() {
        return Ok((Res::plain(INF(den.sign()), d), false));
    }
    let (s3, e3, m3) = den.norm().unwrap_or((false, 0, 1 << 63));
    if e3 >= SGL_BIAS - 2 {
        return Ok((Res::plain(ZERO(s3), d), false));
    }
    let e2 = num.norm().map_or(0, |n| n.1);
    let est = e2 - e3;
    let ok = !(est >= SGL_BIAS || est <= 2 - SGL_BIAS || e2 <= 24 - SGL_BIAS);
    Ok((Res::plain(recip(s3, e3, m3), d), ok))
}

/// One half of `fprsqrta`.
fn fprsqrta_half(c: &Ctl, v: Val) -> Result<(Res, bool), u16> {
    if let Some(r) = nan_result(c, &[v]) {
        return r.map(|r| (r, false));
    }
    if v.sign() && !v.is_zero() {
        return invalid(c).map(|r| (r, false));
    }
    if let Val::Inf(_) = v {
        return Ok((Res::plain(ZERO(false), 0), false));
    }
    let d = denorm(c, &[v])?;
    match v.norm() {
        Some((_, e, m)) => Ok((Res::plain(recip_sqrt(e, m), d), e > 24 - SGL_BIAS)),
        None => Ok((Res::plain(INF(v.sign()), d), false)),
    }
}

/// `a < b` on non-NaN values (SDM `fp_less_than`).
fn less(a: Val, b: Val) -> bool {
    key(a) < key(b)
}

/// Ordering key of a non-NaN value: (class rank with sign, exponent, significand).
fn key(v: Val) -> (i8, i64, i128) {
    match v {
        Val::Inf(s) => (if s { -2 } else { 2 }, 0, 0),
        Val::Fin { .. } => match v.norm() {
            Some((s, e, m)) => {
                let k = (i64::from(e), i128::from(m));
                if s {
                    (-1, -k.0, -k.1)
                } else {
                    (1, k.0, k.1)
                }
            }
            None => (0, 0, 0),
        },
        _ => (0, 0, 0),
    }
}

/// `fcmp`-style relation on two values: Ok(result) or a fault code.
fn compare(c: &Ctl, rel: FpcmpRel, a: Val, b: Val) -> Result<(bool, u8), u16> {
    let unord = a.is_nan() || b.is_nan() || a == Val::Unsupported || b == Val::Unsupported;
    let signaling = matches!(
        rel,
        FpcmpRel::Lt | FpcmpRel::Le | FpcmpRel::Nlt | FpcmpRel::Nle
    );
    let mut flags = 0;
    if unord
        && (signaling
            || a.is_snan()
            || b.is_snan()
            || a == Val::Unsupported
            || b == Val::Unsupported)
    {
        flags |= signal(c, V)?;
    }
    if !unord {
        flags |= denorm(c, &[a, b])?;
    }
    let eq = !unord && key(a) == key(b);
    let lt = !unord && less(a, b);
    let r = match rel {
        FpcmpRel::Eq => eq,
        FpcmpRel::Lt => lt,
        FpcmpRel::Le => lt || eq,
        FpcmpRel::Unord => unord,
        FpcmpRel::Neq => !eq,
        FpcmpRel::Nlt => !lt,
        FpcmpRel::Nle => !(lt || eq),
        FpcmpRel::Ord => !unord,
    };
    Ok((r, flags))
}

/// `fclass.m` (SDM Vol. 3 `fclass`).
fn fclass(f: Fr, m: u16) -> bool {
    let v = Val::of(f);
    let class = match v {
        Val::Nat => return m & 0x100 != 0,
        Val::Nan { .. } => return m & if v.is_snan() { 0x040 } else { 0x080 } != 0,
        Val::Unsupported => return false,
        Val::Zero(_) => 0x004,
        Val::Fin { unorm, .. } => {
            if unorm {
                0x008
            } else {
                0x010
            }
        }
        Val::Inf(_) => 0x020,
    };
    let sign = if v.sign() { 0x002 } else { 0x001 };
    m & sign != 0 && m & class != 0
}

/// `fmin`/`fmax`/`famin`/`famax` on two register values: (result, flags) or a fault.
fn minmax(c: &Ctl, op: MinMaxOp, f2: Fr, f3: Fr, a: Val, b: Val) -> Result<(Fr, u8), u16> {
    if a == Val::Nat || b == Val::Nat {
        return Ok((Fr::NATVAL, 0));
    }
    if a.is_nan() || b.is_nan() || a == Val::Unsupported || b == Val::Unsupported {
        let f = signal(c, V)?;
        return Ok((f3, f));
    }
    let d = denorm(c, &[a, b])?;
    let abs = |v: Val| match v {
        Val::Inf(_) => Val::Inf(false),
        Val::Zero(_) => Val::Zero(false),
        Val::Fin { e, sig, unorm, .. } => Val::Fin {
            sign: false,
            e,
            sig,
            unorm,
        },
        x => x,
    };
    let pick2 = match op {
        MinMaxOp::Min => less(a, b),
        MinMaxOp::Max => less(b, a),
        MinMaxOp::Amin => less(abs(a), abs(b)),
        MinMaxOp::Amax => less(abs(b), abs(a)),
    };
    Ok((if pick2 { f2 } else { f3 }, d))
}

/// Assemble a scalar arithmetic outcome: write, flags, trap.
fn commit(st: &mut State, sf: Sf, f1: u8, r: Result<Res, u16>) -> Result<Flow, Fault> {
    let r = r.map_err(|code| Fault::FpFault { code })?;
    st.write_fr(f1, r.fr);
    set_flags(st, sf, r.flags);
    trap((r.trap, r.fpa), (0, false))
}

/// The ISR.code o/u/i/fpa nibble of one trapping half (nothing when it raised no trap).
#[inline]
fn trap_bits((t, fpa): (u8, bool)) -> u16 {
    if t & (O | U | I) == 0 {
        return 0;
    }
    u16::from((t & (O | U | I)) >> 3) | (u16::from(fpa) << 3)
}

/// The FP trap, if any, of a scalar result (`hi`, with `lo` = no trap) or of a parallel
/// result's high and low singles (SDM Vol. 3 `fp_decode_trap`): taken after the result and
/// the flags are written.
fn trap(hi: (u8, bool), lo: (u8, bool)) -> Result<Flow, Fault> {
    let code = trap_bits(hi) << TRAP_HI_SHIFT | trap_bits(lo) << TRAP_LO_SHIFT;
    if code == 0 {
        return Ok(Flow::Next);
    }
    Err(Fault::FpTrap {
        code: code | TRAP_FP,
    })
}

/// Single-precision encoding of a parallel half when either half takes an o/u trap (SDM
/// Vol. 3 `fp_ieee_round_sp`, Vol. 1 §5.4.2): the exponent-unbounded result's exponent
/// rebiased to 127 and kept modulo 2^8 (the wrapped result the IEEE filter rescales);
/// in-range values encode as `fr_to_single`.
fn single_wrapped(f: Fr) -> u32 {
    let exp = f.exp & 0x1ffff;
    let e8 = if exp == 0 {
        0
    } else if exp == 0x1ffff {
        0xff
    } else {
        let unnormal = i32::from(f.significand >> 63 == 0);
        ((exp as i32 - arith::BIAS + SGL_BIAS - unnormal) & 0xff) as u32
    };
    (u32::from(f.sign) << 31) | (e8 << 23) | (((f.significand << 1) >> 41) as u32)
}

/// The two single halves of a parallel operand.
fn halves(f: Fr) -> [Val; 2] {
    [
        Val::of_single(f.significand as u32),
        Val::of_single((f.significand >> 32) as u32),
    ]
}

/// Register value of a parallel result (exponent 0x1003E, sign 0).
fn par(lo: u32, hi: u32) -> Fr {
    Fr::from_sig(u64::from(lo) | (u64::from(hi) << 32))
}

/// Run `op` on both halves; combine results, flags, fault codes and traps.
fn parallel(
    st: &mut State,
    sf: Sf,
    f1: u8,
    srcs: &[Fr],
    op: impl Fn(&Ctl, [Val; 3]) -> Result<(Res, bool), u16>,
) -> Result<(Flow, bool), Fault> {
    if srcs.iter().any(|f| f.is_natval()) {
        st.write_fr(f1, Fr::NATVAL);
        return Ok((Flow::Next, false));
    }
    let c = ctl(st, sf, Prec::Par);
    let h: Vec3 = srcs.iter().map(|f| halves(*f)).collect();
    let get = |i: usize| [h.get(0, i), h.get(1, i), h.get(2, i)];
    let lo = op(&c, get(0));
    let hi = op(&c, get(1));
    let (lo, hi) = match (lo, hi) {
        (Ok(l), Ok(h)) => (l, h),
        (l, h) => {
            let code = par_fault(l.err().unwrap_or(0), h.err().unwrap_or(0));
            return Err(Fault::FpFault { code });
        }
    };
    let wrapped = (lo.0.trap | hi.0.trap) & (O | U) != 0;
    let enc = if wrapped {
        single_wrapped
    } else {
        fr_to_single
    };
    st.write_fr(f1, par(enc(lo.0.fr), enc(hi.0.fr)));
    set_flags(st, sf, lo.0.flags | hi.0.flags);
    trap((hi.0.trap, hi.0.fpa), (lo.0.trap, lo.0.fpa)).map(|f| (f, lo.1 && hi.1))
}

/// Up to three parallel operands' halves (fixed-size, no allocation).
struct Vec3([[Val; 2]; 3], usize);

impl FromIterator<[Val; 2]> for Vec3 {
    fn from_iter<T: IntoIterator<Item = [Val; 2]>>(it: T) -> Self {
        let mut v = Vec3([[Val::Zero(false); 2]; 3], 0);
        for x in it {
            if v.1 < 3 {
                v.0[v.1] = x;
                v.1 += 1;
            }
        }
        v
    }
}

impl Vec3 {
    fn get(&self, k: usize, half: usize) -> Val {
        if k < self.1 {
            self.0[k][half]
        } else {
            Val::Zero(false)
        }
    }
}

/// Execute an F-unit instruction.
pub fn exec<M: Memory + ?Sized>(
    st: &mut State,
    mem: &mut M,
    insn: &FInsn,
    ctx: SlotCtx,
) -> Result<Flow, Fault> {
    let _ = mem;
    match *insn {
        FInsn::Fma {
            op,
            pc,
            sf,
            f1,
            f3,
            f4,
            f2,
        } => {
            check(st, f1, &[f2, f3, f4])?;
            let p = match pc {
                Pc::Dynamic => Prec::Dyn,
                Pc::Single => Prec::S,
                Pc::Double => Prec::D,
            };
            let c = ctl(st, sf, p);
            let (a, b, cv) = (
                Val::of(st.read_fr(f3)),
                Val::of(st.read_fr(f4)),
                Val::of(st.read_fr(f2)),
            );
            let r = fma_op(&c, op, a, b, cv, f2 == 0);
            commit(st, sf, f1, r)
        }
        FInsn::Fpma {
            op,
            sf,
            f1,
            f3,
            f4,
            f2,
        } => {
            check(st, f1, &[f2, f3, f4])?;
            let srcs = [st.read_fr(f3), st.read_fr(f4), st.read_fr(f2)];
            parallel(st, sf, f1, &srcs, |c, v| {
                fma_op(c, op, v[0], v[1], v[2], f2 == 0).map(|r| (r, false))
            })
            .map(|x| x.0)
        }
        FInsn::Xma {
            kind,
            f1,
            f3,
            f4,
            f2,
        } => {
            check(st, f1, &[f2, f3, f4])?;
            let (a, b, c) = (st.read_fr(f3), st.read_fr(f4), st.read_fr(f2));
            let r = if a.is_natval() || b.is_natval() || c.is_natval() {
                Fr::NATVAL
            } else {
                let (x, y, z) = (a.significand, b.significand, c.significand);
                Fr::from_sig(match kind {
                    XmaKind::L => x.wrapping_mul(y).wrapping_add(z),
                    XmaKind::Hu => ((u128::from(x) * u128::from(y) + u128::from(z)) >> 64) as u64,
                    XmaKind::H => {
                        ((i128::from(x as i64) * i128::from(y as i64))
                            .wrapping_add(i128::from(z as i64))
                            >> 64) as u64
                    }
                })
            };
            st.write_fr(f1, r);
            Ok(Flow::Next)
        }
        FInsn::Fselect { f1, f3, f4, f2 } => {
            check(st, f1, &[f2, f3, f4])?;
            let (a, b, m) = (st.read_fr(f3), st.read_fr(f4), st.read_fr(f2));
            let r = if a.is_natval() || b.is_natval() || m.is_natval() {
                Fr::NATVAL
            } else {
                Fr::from_sig((a.significand & m.significand) | (b.significand & !m.significand))
            };
            st.write_fr(f1, r);
            Ok(Flow::Next)
        }
        FInsn::Fcmp {
            rel,
            sf,
            p1,
            p2,
            f2,
            f3,
            ..
        } => {
            // SDM Vol. 3 `fcmp`: p1 == p2 is an Illegal Operation.
            if p1 == p2 {
                return Err(Fault::IllegalOperation);
            }
            fr_enabled(st, &[f2, f3])?;
            let (a, b) = (st.read_fr(f2), st.read_fr(f3));
            if a.is_natval() || b.is_natval() {
                st.write_pr(p1, false);
                st.write_pr(p2, false);
                return Ok(Flow::Next);
            }
            let c = ctl(st, sf, Prec::Dyn);
            let rel = match rel {
                FcmpRel::Eq => FpcmpRel::Eq,
                FcmpRel::Lt => FpcmpRel::Lt,
                FcmpRel::Le => FpcmpRel::Le,
                FcmpRel::Unord => FpcmpRel::Unord,
            };
            let (r, flags) =
                compare(&c, rel, Val::of(a), Val::of(b)).map_err(|code| Fault::FpFault { code })?;
            st.write_pr(p1, r);
            st.write_pr(p2, !r);
            set_flags(st, sf, flags);
            Ok(Flow::Next)
        }
        FInsn::Fclass {
            p1,
            p2,
            f2,
            fclass9,
            ..
        } => {
            if p1 == p2 {
                return Err(Fault::IllegalOperation);
            }
            fr_enabled(st, &[f2])?;
            let r = fclass(st.read_fr(f2), fclass9);
            st.write_pr(p1, r);
            st.write_pr(p2, !r);
            Ok(Flow::Next)
        }
        FInsn::Frcpa {
            parallel: false,
            sf,
            f1,
            p2,
            f2,
            f3,
        } => {
            check(st, f1, &[f2, f3])?;
            let c = ctl(st, sf, Prec::Dyn);
            let (r, p) = frcpa(&c, Val::of(st.read_fr(f2)), Val::of(st.read_fr(f3)))
                .map_err(|code| Fault::FpFault { code })?;
            st.write_fr(f1, r.fr);
            st.write_pr(p2, p);
            set_flags(st, sf, r.flags);
            Ok(Flow::Next)
        }
        FInsn::Frcpa {
            parallel: true,
            sf,
            f1,
            p2,
            f2,
            f3,
        } => {
            check(st, f1, &[f2, f3])?;
            let srcs = [st.read_fr(f2), st.read_fr(f3)];
            let nat = srcs.iter().any(|f| f.is_natval());
            let (flow, p) = parallel(st, sf, f1, &srcs, |c, v| fprcpa_half(c, v[0], v[1]))?;
            st.write_pr(p2, p && !nat);
            Ok(flow)
        }
        FInsn::Frsqrta {
            parallel: false,
            sf,
            f1,
            p2,
            f3,
        } => {
            check(st, f1, &[f3])?;
            let c = ctl(st, sf, Prec::Dyn);
            let (r, p) =
                frsqrta(&c, Val::of(st.read_fr(f3))).map_err(|code| Fault::FpFault { code })?;
            st.write_fr(f1, r.fr);
            st.write_pr(p2, p);
            set_flags(st, sf, r.flags);
            Ok(Flow::Next)
        }
        FInsn::Frsqrta {
            parallel: true,
            sf,
            f1,
            p2,
            f3,
        } => {
            check(st, f1, &[f3])?;
            let srcs = [st.read_fr(f3)];
            let (flow, p) = parallel(st, sf, f1, &srcs, |c, v| fprsqrta_half(c, v[0]))?;
            st.write_pr(p2, p);
            Ok(flow)
        }
        FInsn::MinMax {
            op,
            parallel: false,
            sf,
            f1,
            f2,
            f3,
        } => {
            check(st, f1, &[f2, f3])?;
            let c = ctl(st, sf, Prec::Dyn);
            let (x, y) = (st.read_fr(f2), st.read_fr(f3));
            let (r, flags) = minmax(&c, op, x, y, Val::of(x), Val::of(y))
                .map_err(|code| Fault::FpFault { code })?;
            st.write_fr(f1, r);
            set_flags(st, sf, flags);
            Ok(Flow::Next)
        }
        FInsn::MinMax {
            op,
            parallel: true,
            sf,
            f1,
            f2,
            f3,
        } => {
            check(st, f1, &[f2, f3])?;
            let (x, y) = (st.read_fr(f2), st.read_fr(f3));
            if x.is_natval() || y.is_natval() {
                st.write_fr(f1, Fr::NATVAL);
                return Ok(Flow::Next);
            }
            let c = ctl(st, sf, Prec::Par);
            let mut out = [0u32; 2];
            let mut flags = 0;
            let mut code = 0;
            for (i, o) in out.iter_mut().enumerate() {
                let (a, b) = (
                    (x.significand >> (32 * i)) as u32,
                    (y.significand >> (32 * i)) as u32,
                );
                match minmax(
                    &c,
                    op,
                    single_to_fr(a),
                    single_to_fr(b),
                    Val::of_single(a),
                    Val::of_single(b),
                ) {
                    Ok((r, f)) => {
                        *o = fr_to_single(r);
                        flags |= f;
                    }
                    Err(e) => code |= if i == 0 { par_fault(e, 0) } else { e },
                }
            }
            if code != 0 {
                return Err(Fault::FpFault { code });
            }
            st.write_fr(f1, par(out[0], out[1]));
            set_flags(st, sf, flags);
            Ok(Flow::Next)
        }
        FInsn::Fpcmp {
            rel,
            sf,
            f1,
            f2,
            f3,
        } => {
            check(st, f1, &[f2, f3])?;
            let (x, y) = (st.read_fr(f2), st.read_fr(f3));
            if x.is_natval() || y.is_natval() {
                st.write_fr(f1, Fr::NATVAL);
                return Ok(Flow::Next);
            }
            let c = ctl(st, sf, Prec::Par);
            let mut out = 0u64;
            let mut flags = 0;
            let mut code = 0;
            for i in 0..2 {
                let (a, b) = (
                    (x.significand >> (32 * i)) as u32,
                    (y.significand >> (32 * i)) as u32,
                );
                match compare(&c, rel, Val::of_single(a), Val::of_single(b)) {
                    Ok((r, f)) => {
                        if r {
                            out |= 0xffff_ffffu64 << (32 * i);
                        }
                        flags |= f;
                    }
                    Err(e) => code |= if i == 0 { par_fault(e, 0) } else { e },
                }
            }
            if code != 0 {
                return Err(Fault::FpFault { code });
            }
            st.write_fr(f1, Fr::from_sig(out));
            set_flags(st, sf, flags);
            Ok(Flow::Next)
        }
        FInsn::Merge {
            kind,
            parallel,
            f1,
            f2,
            f3,
        } => {
            check(st, f1, &[f2, f3])?;
            let (a, b) = (st.read_fr(f2), st.read_fr(f3));
            let r = if a.is_natval() || b.is_natval() {
                Fr::NATVAL
            } else if parallel {
                let (x, y) = (a.significand, b.significand);
                const SIGNS: u64 = 0x8000_0000_8000_0000;
                const SE: u64 = 0xff80_0000_ff80_0000;
                Fr::from_sig(match kind {
                    MergeKind::S => (x & SIGNS) | (y & !SIGNS),
                    MergeKind::Ns => (!x & SIGNS) | (y & !SIGNS),
                    MergeKind::Se => (x & SE) | (y & !SE),
                })
            } else {
                match kind {
                    MergeKind::S => Fr { sign: a.sign, ..b },
                    MergeKind::Ns => Fr { sign: !a.sign, ..b },
                    MergeKind::Se => Fr {
                        sign: a.sign,
                        exp: a.exp,
                        significand: b.significand,
                    },
                }
            };
            st.write_fr(f1, r);
            Ok(Flow::Next)
        }
        FInsn::Mix { op, f1, f2, f3 } => {
            check(st, f1, &[f2, f3])?;
            let (a, b) = (st.read_fr(f2), st.read_fr(f3));
            let r = if a.is_natval() || b.is_natval() {
                Fr::NATVAL
            } else {
                Fr::from_sig(mix(op, a, b))
            };
            st.write_fr(f1, r);
            Ok(Flow::Next)
        }
        FInsn::Logic { op, f1, f2, f3 } => {
            check(st, f1, &[f2, f3])?;
            let (a, b) = (st.read_fr(f2), st.read_fr(f3));
            let r = if a.is_natval() || b.is_natval() {
                Fr::NATVAL
            } else {
                let (x, y) = (a.significand, b.significand);
                Fr::from_sig(match op {
                    LogicOp::And => x & y,
                    LogicOp::Andcm => x & !y,
                    LogicOp::Or => x | y,
                    LogicOp::Xor => x ^ y,
                })
            };
            st.write_fr(f1, r);
            Ok(Flow::Next)
        }
        FInsn::FcvtFx {
            unsigned,
            trunc,
            parallel,
            sf,
            f1,
            f2,
        } => {
            check(st, f1, &[f2])?;
            let x = st.read_fr(f2);
            if x.is_natval() {
                st.write_fr(f1, Fr::NATVAL);
                return Ok(Flow::Next);
            }
            if parallel {
                let c = ctl(st, sf, Prec::Par);
                let srcs = [x];
                return parallel_cvt(st, sf, f1, &c, srcs[0], unsigned, trunc);
            }
            let c = ctl(st, sf, Prec::Dyn);
            let r = cvt_fx(&c, Val::of(x), unsigned, trunc, 64);
            commit(
                st,
                sf,
                f1,
                r.map(|(v, f, t, fpa)| Res {
                    fr: Fr::from_sig(v),
                    flags: f,
                    trap: t,
                    fpa,
                }),
            )
        }
        FInsn::FcvtXf { f1, f2 } => {
            check(st, f1, &[f2])?;
            let x = st.read_fr(f2);
            let r = if x.is_natval() {
                Fr::NATVAL
            } else {
                let v = x.significand as i64;
                if v == 0 {
                    ZERO(false)
                } else {
                    let m = v.unsigned_abs();
                    let lz = m.leading_zeros();
                    Fr {
                        sign: v < 0,
                        exp: Fr::INT_EXP - lz,
                        significand: m << lz,
                    }
                }
            };
            st.write_fr(f1, r);
            Ok(Flow::Next)
        }
        FInsn::Fsetc { sf, amask, omask } => {
            // SDM Vol. 3 `fsetc`: sf.controls = (sf0.controls & amask7) | omask7.
            let sh = 6 + 13 * sf_index(sf);
            let fpsr = st.ar[usize::from(ar::FPSR)];
            let c0 = (fpsr >> 6) & 0x7f;
            let c = (c0 & u64::from(amask & 0x7f)) | u64::from(omask & 0x7f);
            st.ar[usize::from(ar::FPSR)] = (fpsr & !(0x7f << sh)) | (c << sh);
            Ok(Flow::Next)
        }
        FInsn::Fclrf { sf } => {
            let sh = 13 + 13 * sf_index(sf);
            st.ar[usize::from(ar::FPSR)] &= !(0x3f << sh);
            Ok(Flow::Next)
        }
        FInsn::Fchkf { sf, target } => {
            // SDM Vol. 3 `fchkf`: branch when sf's flags include a trap-enabled flag or a
            // flag not set in sf0.
            let fpsr = st.ar[usize::from(ar::FPSR)];
            let flags = (fpsr >> (13 + 13 * sf_index(sf))) & 0x3f;
            let f0 = (fpsr >> 13) & 0x3f;
            let enabled = !fpsr & 0x3f;
            if flags & enabled != 0 || flags & !f0 != 0 {
                Ok(Flow::Branch(target))
            } else {
                Ok(Flow::Next)
            }
        }
        FInsn::Break { imm } => {
            let _ = ctx;
            Err(Fault::Break {
                imm: u64::from(imm),
            })
        }
        FInsn::Nop { .. } | FInsn::Hint { .. } => Ok(Flow::Next),
    }
}

/// `fmix`, `fsxt`, `fpack`, `fswap` on significands (SDM Vol. 3 pages of the same names).
fn mix(op: MixOp, a: Fr, b: Fr) -> u64 {
    let (x, y) = (a.significand, b.significand);
    let (xh, xl, yh, yl) = (x >> 32, x & 0xffff_ffff, y >> 32, y & 0xffff_ffff);
    let sext = |v: u64| {
        if v & 0x8000_0000 != 0 {
            0xffff_ffffu64
        } else {
            0
        }
    };
    match op {
        MixOp::MixLr => (xh << 32) | yl,
        MixOp::MixR => (xl << 32) | yl,
        MixOp::MixL => (xh << 32) | yh,
        MixOp::SxtR => (sext(xl) << 32) | yl,
        MixOp::SxtL => (sext(xh) << 32) | yh,
        MixOp::Pack => (u64::from(fr_to_single(a)) << 32) | u64::from(fr_to_single(b)),
        MixOp::Swap => (xl << 32) | yh,
        MixOp::SwapNl => ((xl ^ 0x8000_0000) << 32) | yh,
        MixOp::SwapNr => (xl << 32) | (yh ^ 0x8000_0000),
    }
}

/// Conversion to an integer of `bits` bits (SDM Vol. 3 `fcvt.fx`, `fcvt_exception_fault_check`):
/// (value, flags, trap, fpa) or a fault code. A NaN, an unsupported encoding, an infinity or a
/// value whose rounded integer is out of range is invalid (the integer indefinite, v only);
/// otherwise an unnormal operand raises d, an inexact conversion i, and fpa says the integer's
/// magnitude was rounded up (Vol. 1 §5.4.1.3).
fn cvt_fx(
    c: &Ctl,
    v: Val,
    unsigned: bool,
    trunc: bool,
    bits: u32,
) -> Result<(u64, u8, u8, bool), u16> {
    let indefinite = 1u64 << (bits - 1);
    let rc = if trunc { 3 } else { c.rc };
    let fits = |x: u64| {
        if bits == 64 {
            true
        } else if unsigned {
            x >> bits == 0
        } else {
            let s = x as i64;
            s >= -(1i64 << (bits - 1)) && s < (1i64 << (bits - 1))
        }
    };
    let r = match v {
        Val::Nan { .. } | Val::Unsupported | Val::Inf(_) | Val::Nat => Err(()),
        _ => arith::to_int(v, rc, unsigned).and_then(|r| if fits(r.0) { Ok(r) } else { Err(()) }),
    };
    match r {
        Err(()) => Ok((indefinite, signal(c, V)?, 0, false)),
        Ok((x, inexact, up)) => {
            let d = denorm(c, &[v])?;
            let mask = if bits == 64 {
                u64::MAX
            } else {
                (1u64 << bits) - 1
            };
            let i = if inexact { I } else { 0 };
            Ok((x & mask, d | i, i & !c.disabled, up))
        }
    }
}

/// `fpcvt.fx[u][.trunc]`: both single halves to 32-bit integers.
fn parallel_cvt(
    st: &mut State,
    sf: Sf,
    f1: u8,
    c: &Ctl,
    x: Fr,
    unsigned: bool,
    trunc: bool,
) -> Result<Flow, Fault> {
    let h = halves(x);
    let mut out = [0u64; 2];
    let mut flags = 0;
    let mut traps = [(0u8, false); 2];
    let mut code = [0u16; 2];
    for i in 0..2 {
        match cvt_fx(c, h[i], unsigned, trunc, 32) {
            Ok((v, f, t, fpa)) => {
                out[i] = v;
                flags |= f;
                traps[i] = (t, fpa);
            }
            Err(e) => code[i] = e,
        }
    }
    if code != [0, 0] {
        return Err(Fault::FpFault {
            code: par_fault(code[0], code[1]),
        });
    }
    st.write_fr(f1, Fr::from_sig(out[0] | (out[1] << 32)));
    set_flags(st, sf, flags);
    trap(traps[1], traps[0])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_ends() {
        assert_eq!(recip_entry(0), 0x7fc);
        assert_eq!(recip_entry(255), 0x401);
        // Entries 128.. are the even-exponent half: 2^11 / sqrt(1 + 0.5/128) = 2044.0.
        assert_eq!(rsqrt_entry(128), 0x7fc);
        assert_eq!(rsqrt_entry(255), 0x5aa);
    }
}
