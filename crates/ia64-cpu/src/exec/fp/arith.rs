//! Exact IEEE arithmetic on the 82-bit register format: operand classification
//! (`fp_reg_read` / `fp_is_*` of SDM Vol. 3 §3.3), the fused multiply-add with a single
//! rounding to 24/53/64 bits in the exponent range that precision control and `wre` select
//! (SDM Vol. 1 §5.2.2 Table 5-6, "Floating-point Computation Model Control Definitions"), and
//! the IEEE flags, faults and traps (SDM Vol. 1 §5.4 "Floating-point Exception Fault/Trap").
//!
//! Values are unpacked into [`Val`]; a finite value is `sig * 2^(e - 63)` with `sig` possibly
//! unnormalized. The product of two 64-bit significands is exact in 128 bits; the addend is
//! aligned to it in a 256-bit frame ([`U256`]) so the sum is exact up to a sticky bit below
//! 128 significant bits, and [`round`] rounds once.

use crate::state::Fr;

/// IEEE flag bits, in FPSR status-field order (SDM Vol. 1 Figure 5-5): v d z o u i.
pub const V: u8 = 1;
/// Denormal/unnormal operand.
pub const D: u8 = 2;
/// Zero divide.
pub const Z: u8 = 4;
/// Overflow.
pub const O: u8 = 8;
/// Underflow.
pub const U: u8 = 16;
/// Inexact.
pub const I: u8 = 32;

/// Biased exponent of 2^0.
pub const BIAS: i32 = 0xffff;
/// Unbiased exponent of register exponent field 0 (a double-extended denormal:
/// SDM Vol. 1 §5.1.2, value `2^-16382 * significand`).
const EXP0: i32 = -16382;

/// An unpacked register value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Val {
    /// NaTVal.
    Nat,
    /// Unsupported encoding (exponent 0x1FFFF with integer bit 0).
    Unsupported,
    /// A NaN (`sig` with the integer bit); quiet when bit 62 is set.
    Nan { sign: bool, sig: u64 },
    /// An infinity.
    Inf(bool),
    /// A zero (any exponent with a zero significand).
    Zero(bool),
    /// A finite nonzero value `sig * 2^(e-63)`; `unorm` when the register encoding is
    /// unnormalized or a (pseudo-)denormal.
    Fin {
        sign: bool,
        e: i32,
        sig: u64,
        unorm: bool,
    },
}

impl Val {
    /// Classify a register (SDM Vol. 1 §5.1.3 Table 5-2).
    #[inline]
    pub fn of(f: Fr) -> Val {
        let exp = f.exp & 0x1ffff;
        if exp == 0x1ffff {
            return if f.significand >> 63 == 0 {
                Val::Unsupported
            } else if f.significand << 1 == 0 {
                Val::Inf(f.sign)
            } else {
                Val::Nan {
                    sign: f.sign,
                    sig: f.significand,
                }
            };
        }
        if f == Fr::NATVAL {
            return Val::Nat;
        }
        if f.significand == 0 && exp == 0 {
            return Val::Zero(f.sign);
        }
        let e = if exp == 0 { EXP0 } else { exp as i32 - BIAS };
        Val::Fin {
            sign: f.sign,
            e,
            sig: f.significand,
            unorm: exp == 0 || f.significand >> 63 == 0,
        }
    }

    /// Classify an IEEE single (a half of a parallel operand).
    #[inline]
    pub fn of_single(v: u32) -> Val {
        Val::of(crate::fr_format::single_to_fr(v))
    }

    /// True for NaNs.
    pub fn is_nan(self) -> bool {
        matches!(self, Val::Nan { .. })
    }

    /// True for signaling NaNs.
    pub fn is_snan(self) -> bool {
        matches!(self, Val::Nan { sig, .. } if sig & (1 << 62) == 0)
    }

    /// True for zeros.
    pub fn is_zero(self) -> bool {
        matches!(self, Val::Zero(_))
    }

    /// True for unnormalized/denormal finite values (the d flag).
    pub fn unorm(self) -> bool {
        matches!(self, Val::Fin { unorm: true, .. })
    }

    /// The sign bit.
    pub fn sign(self) -> bool {
        match self {
            Val::Nan { sign, .. } | Val::Inf(sign) | Val::Zero(sign) | Val::Fin { sign, .. } => {
                sign
            }
            _ => false,
        }
    }

    /// Normalized finite value: (sign, e, sig with bit 63 set).
    #[inline]
    pub fn norm(self) -> Option<(bool, i32, u64)> {
        match self {
            Val::Fin { sign, e, sig, .. } if sig != 0 => {
                let lz = sig.leading_zeros();
                Some((sign, e - lz as i32, sig << lz))
            }
            _ => None,
        }
    }
}

/// The quiet NaN indefinite (SDM Vol. 1 §5.1.3): sign 1, exponent 0x1FFFF, 1.1000...
pub const QNAN_INDEFINITE: Fr = Fr {
    sign: true,
    exp: 0x1ffff,
    significand: 0xc000_0000_0000_0000,
};

/// Quieted NaN register value.
#[inline]
pub fn quiet(sign: bool, sig: u64) -> Fr {
    Fr {
        sign,
        exp: 0x1ffff,
        significand: sig | (1 << 62),
    }
}

/// Rounding and range parameters of one computation (SDM Vol. 1 Table 5-6).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Ctl {
    /// Rounding control: 0 nearest, 1 toward -inf, 2 toward +inf, 3 toward zero.
    pub rc: u8,
    /// Significand bits (24, 53, 64).
    pub prec: u32,
    /// Minimum and maximum unbiased exponent of normals.
    pub emin: i32,
    /// Maximum exponent.
    pub emax: i32,
    /// Flush-to-zero.
    pub ftz: bool,
    /// Trap disable bits (FPSR.traps, all set when sf.td): vd dd zd od ud id.
    pub disabled: u8,
}

/// Exponent range of `bits` exponent bits: (emin, emax).
pub const fn range(bits: u32) -> (i32, i32) {
    let emax = (1i32 << (bits - 1)) - 1;
    (1 - emax, emax)
}

/// The outcome of a rounded computation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rounded {
    /// The register value.
    pub fr: Fr,
    /// Flags raised (o, u, i): set in the FPSR whether or not the trap is enabled.
    pub flags: u8,
    /// Trap-enabled exceptions that occurred (o, u, i): an FP trap after the write.
    pub trap: u8,
    /// The delivered result's magnitude exceeds the exact one (ISR.fpa, SDM Vol. 1 §5.4.1.3:
    /// a significand incremented by rounding, or infinity substituted on overflow).
    pub fpa: bool,
}

/// A 256-bit unsigned integer (hi, lo).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct U256(u128, u128);

impl U256 {
    fn shr_sticky(self, n: u32) -> (U256, bool) {
        if n == 0 {
            (self, false)
        } else if n < 128 {
            let lost = self.1 << (128 - n) != 0;
            (
                U256(self.0 >> n, (self.1 >> n) | (self.0 << (128 - n))),
                lost,
            )
        } else if n < 256 {
            let m = n - 128;
            let lost = self.1 != 0 || (m > 0 && self.0 << (128 - m) != 0);
            (U256(0, self.0 >> m), lost)
        } else {
            (U256(0, 0), self.0 != 0 || self.1 != 0)
        }
    }
    fn leading_zeros(self) -> u32 {
        if self.0 != 0 {
            self.0.leading_zeros()
        } else {
            128 + self.1.leading_zeros()
        }
    }
    fn shl(self, n: u32) -> U256 {
        if n == 0 {
            self
        } else if n < 128 {
            U256((self.0 << n) | (self.1 >> (128 - n)), self.1 << n)
        } else if n < 256 {
            U256(self.1 << (n - 128), 0)
        } else {
            U256(0, 0)
        }
    }
    fn add(self, o: U256) -> (U256, bool) {
        let (lo, c) = self.1.overflowing_add(o.1);
        let (hi, c1) = self.0.overflowing_add(o.0);
        let (hi, c2) = hi.overflowing_add(u128::from(c));
        (U256(hi, lo), c1 || c2)
    }
    fn sub(self, o: U256) -> U256 {
        let (lo, b) = self.1.overflowing_sub(o.1);
        let hi = self.0.wrapping_sub(o.0).wrapping_sub(u128::from(b));
        U256(hi, lo)
    }
    fn ge(self, o: U256) -> bool {
        (self.0, self.1) >= (o.0, o.1)
    }
}

/// Round increment decision for (last kept bit, round bit, sticky) under `rc` and `sign`.
#[inline]
fn inc(rc: u8, sign: bool, last: bool, round: bool, sticky: bool) -> bool {
    match rc & 3 {
        0 => round && (last || sticky),
        1 => sign && (round || sticky),
        2 => !sign && (round || sticky),
        _ => false,
    }
}

/// Keep the top `k` bits of `m` (msb at bit 127) with `sticky` below; `k` may be <= 0.
/// Returns (kept, carried out, inexact, incremented).
#[inline]
fn keep(m: u128, sticky: bool, k: i32, rc: u8, sign: bool) -> (u64, bool, bool, bool) {
    let (kept, round, st) = if k <= 0 {
        let round = k == 0 && m >> 127 != 0;
        let st = sticky || if k == 0 { m << 1 != 0 } else { m != 0 };
        (0u64, round, st)
    } else {
        let sh = 128 - k as u32;
        let kept = (m >> sh) as u64;
        let round = (m >> (sh - 1)) & 1 != 0;
        let st = sticky || (m << (k as u32 + 1)) != 0;
        (kept, round, st)
    };
    let inexact = round || st;
    let up = inc(rc, sign, kept & 1 != 0, round, st);
    if up {
        let n = kept.wrapping_add(1);
        let width = k.max(1) as u32;
        let carry = width < 64 && n >> width != 0 || width == 64 && n == 0;
        (n, carry, inexact, true)
    } else {
        (kept, false, inexact, false)
    }
}

/// Round the exact nonzero value `m * 2^(e - 127)` (msb of `m` at bit 127, `sticky` for
/// bits below) per `ctl` (SDM Vol. 1 §5.2.2, §5.4.3 "Floating-point Exception Traps":
/// tininess after rounding, denormal results, ftz, overflow to infinity or the largest
/// finite value, and the exponent-wrapped result when the o/u trap is enabled).
pub fn round(sign: bool, e: i32, m: u128, sticky: bool, ctl: &Ctl) -> Rounded {
    let p = ctl.prec as i32;
    let (kept, carry, inexact, up) = keep(m, sticky, p, ctl.rc, sign);
    let (kept, e1) = if carry {
        (1u64 << (p - 1), e + 1)
    } else {
        (kept, e)
    };
    let pack = |e: i32, sig: u64| Fr {
        sign,
        exp: ((e + BIAS) as u32) & 0x1ffff,
        significand: sig,
    };
    let normal_sig = kept << (64 - p);
    if e1 > ctl.emax {
        if ctl.disabled & O == 0 {
            // Overflow trap enabled (SDM Vol. 1 §8.1.2.4, §5.4.1.3): deliver the first
            // (exponent-unbounded) rounded result, its exponent kept modulo 2^17 by the
            // register format; the o flag (and i when inexact) is set in the FPSR *and*
            // reported in ISR.code, i in ISR.code even when the inexact trap is disabled;
            // fpa = the significand was incremented.
            let raised = if inexact { O | I } else { O };
            return Rounded {
                fr: pack(e1, normal_sig),
                flags: raised,
                trap: raised,
                fpa: up,
            };
        }
        let to_inf = match ctl.rc & 3 {
            0 => true,
            1 => sign,
            2 => !sign,
            _ => false,
        };
        let fr = if to_inf {
            Fr {
                sign,
                exp: 0x1ffff,
                significand: 1 << 63,
            }
        } else {
            pack(ctl.emax, (u64::MAX >> (64 - p)) << (64 - p))
        };
        let (flags, trap) = split(ctl, O | I);
        return Rounded {
            fr,
            flags,
            trap,
            fpa: to_inf,
        };
    }
    if e1 < ctl.emin {
        if ctl.disabled & U == 0 {
            // Underflow trap enabled (SDM Vol. 1 §5.4.3, §8.1.2.5): signaled on tininess
            // alone; the exponent-unbounded rounded result (modulo 2^17, no ftz), the u flag
            // (and i when that rounding was inexact) set and reported as for overflow.
            let raised = if inexact { U | I } else { U };
            return Rounded {
                fr: pack(e1, normal_sig),
                flags: raised,
                trap: raised,
                fpa: up,
            };
        }
        if ctl.ftz {
            let (flags, trap) = split(ctl, U | I);
            return Rounded {
                fr: Fr {
                    sign,
                    exp: 0,
                    significand: 0,
                },
                flags,
                trap,
                fpa: false,
            };
        }
        // Denormal result: round at the absolute position of the format's smallest
        // denormal, 2^(emin - p + 1).
        let k = p - (ctl.emin - e);
        let (d, _carry, dinexact, dup) = keep(m, sticky, k, ctl.rc, sign);
        // d counts units of 2^(emin - p + 1); as a register value with exponent emin the
        // significand is d << (64 - p) (a carry into bit p-1 makes it normal).
        let sig = d << (64 - p);
        let (flags, trap) = split(ctl, if dinexact { U | I } else { 0 });
        let fr = if sig == 0 {
            Fr {
                sign,
                exp: 0,
                significand: 0,
            }
        } else if sig >> 63 == 0 && ctl.emin == range(15).0 {
            // A double-extended denormal is encoded with exponent 0 (SDM Vol. 1 §5.1.2).
            Fr {
                sign,
                exp: 0,
                significand: sig,
            }
        } else {
            pack(ctl.emin, sig)
        };
        return Rounded {
            fr,
            flags,
            trap,
            fpa: dup,
        };
    }
    let (flags, trap) = split(ctl, if inexact { I } else { 0 });
    Rounded {
        fr: pack(e1, normal_sig),
        flags,
        trap,
        fpa: up,
    }
}

/// Raised exceptions as (FPSR flags, enabled traps): every raised o/u/i sets its FPSR flag
/// whether or not its trap is enabled (SDM Vol. 1 §5.4.1.3 "When an overflow, underflow, or
/// inexact result occurs, the appropriate status flags are updated in the FPSR. If enabled, a
/// Floating-Point Exception trap occurs"; §8.1.2.4-§8.1.2.6); the enabled ones also trap.
#[inline]
fn split(ctl: &Ctl, raised: u8) -> (u8, u8) {
    (raised, raised & !ctl.disabled)
}

/// Exact `±(a*b) ± c` of finite-or-zero operands, rounded once. `negp` negates the
/// product, `negc` the addend; `mul_only` is the `f2 = f0` IEEE multiply (SDM Vol. 3 `fma`:
/// "If f2 is f0 ... an IEEE multiply operation is performed"). Returns `None` for the zero
/// product + zero addend special sign rules handled by the caller.
pub fn fma_finite(
    a: Val,
    b: Val,
    c: Val,
    negp: bool,
    negc: bool,
    mul_only: bool,
    ctl: &Ctl,
) -> Rounded {
    let rc = ctl.rc;
    let zero = |sign| Rounded {
        fr: Fr {
            sign,
            exp: 0,
            significand: 0,
        },
        flags: 0,
        trap: 0,
        fpa: false,
    };
    let psign = a.sign() ^ b.sign() ^ negp;
    let csign = c.sign() ^ negc;
    let prod = match (a.norm(), b.norm()) {
        (Some((_, ea, sa)), Some((_, eb, sb))) => Some((ea + eb, u128::from(sa) * u128::from(sb))),
        _ => None,
    };
    let add = c.norm();
    match (prod, add) {
        (None, None) => {
            if mul_only {
                return zero(psign);
            }
            // Sum of two zeros (IEEE 754 §6.3).
            let s = if psign == csign { psign } else { rc & 3 == 1 };
            zero(s)
        }
        (None, Some((_, ec, sc))) => round(csign, ec, u128::from(sc) << 64, false, ctl),
        (Some((ep, pm)), None) => {
            // Product value pm * 2^(ep - 126): normalize to msb at 127.
            let lz = pm.leading_zeros();
            round(psign, ep + 1 - lz as i32, pm << lz, false, ctl)
        }
        (Some((ep, pm)), Some((_, ec, sc))) => {
            // Put both in a 256-bit frame: P = pm at bits 0..128 with weight of bit 255
            // being 2^(ep + 1 + 128)...; simpler: exponent of msb slot (bit 255).
            let lzp = pm.leading_zeros();
            let pexp = ep + 1 - lzp as i32; // weight of P's msb
            let pv = U256(pm << lzp, 0);
            let cv = U256(u128::from(sc) << 64, 0);
            let cexp = ec;
            let (big, bexp, bsign, small, sexp, ssign) = if pexp >= cexp {
                (pv, pexp, psign, cv, cexp, csign)
            } else {
                (cv, cexp, csign, pv, pexp, psign)
            };
            // One bit of headroom for a carry.
            let big = U256(big.0 >> 1, (big.0 << 127) | (big.1 >> 1));
            let (small, st) = U256(small.0 >> 1, (small.0 << 127) | (small.1 >> 1))
                .shr_sticky((bexp - sexp).min(300) as u32);
            let top = bexp + 1; // weight of bit 255
            let (sum, sign, sticky_neg) = if bsign == ssign {
                let (s, _) = big.add(small);
                (s, bsign, false)
            } else if big.ge(small) {
                // A lost sticky bit of `small` means the true difference is slightly less.
                let mut d = big.sub(small);
                if st {
                    d = d.sub(U256(0, 1));
                }
                (d, bsign, st)
            } else {
                (small.sub(big), ssign, false)
            };
            let _ = sticky_neg;
            if sum.0 == 0 && sum.1 == 0 && !st {
                return zero(rc & 3 == 1);
            }
            let lz = sum.leading_zeros();
            let n = sum.shl(lz);
            let e = top - lz as i32;
            round(sign, e, n.0, n.1 != 0 || st, ctl)
        }
    }
}

/// Convert a finite/zero value to a 64-bit integer rounding per `rc` (`fcvt.fx[u]`):
/// `Ok((value, inexact, magnitude rounded up))` or `Err(())` when out of range (invalid).
pub fn to_int(v: Val, rc: u8, unsigned: bool) -> Result<(u64, bool, bool), ()> {
    let (sign, e, sig) = match v.norm() {
        Some(n) => n,
        None => return Ok((0, false, false)),
    };
    // |v| = sig * 2^(e-63): integer part and fraction.
    let (int, round, sticky) = if e >= 64 {
        return Err(());
    } else if e >= 63 {
        (u128::from(sig), false, false)
    } else if e >= -1 {
        let sh = (63 - e) as u32; // 1..=64
        let int = u128::from(sig) >> sh;
        let rem = u128::from(sig) & ((1u128 << sh) - 1);
        (
            int,
            rem >> (sh - 1) != 0,
            rem & ((1u128 << (sh - 1)) - 1) != 0,
        )
    } else {
        (0, false, true)
    };
    let up = inc(rc, sign, int & 1 != 0, round, sticky);
    let mag = int + u128::from(up);
    let inexact = round || sticky;
    if unsigned {
        if sign && mag != 0 {
            return Err(());
        }
        if mag > u128::from(u64::MAX) {
            return Err(());
        }
        Ok((mag as u64, inexact, up))
    } else if sign {
        if mag > 1u128 << 63 {
            return Err(());
        }
        Ok(((mag as u64).wrapping_neg(), inexact, up))
    } else {
        if mag >= 1u128 << 63 {
            return Err(());
        }
        Ok((mag as u64, inexact, up))
    }
}
