//! Conversions between the 82-bit floating-point register format and the memory formats
//! (SDM Vol. 1 §5.1 "Data Types and Formats", Figures 5-4..5-9 "Memory to Floating-point
//! Register Data Translation" / "Floating-point Register to Memory Data Translation", and
//! §5.3 "Floating-point Instructions"; the `fp_mem_to_fr_format` / `fp_fr_to_mem_format`
//! functions of SDM Vol. 3 §3.3 used by `ldf`, `stf`, `getf`, `setf`).
//!
//! This module owns every bit-level translation the M unit needs; the F unit reuses them:
//!
//! | memory format | load | store |
//! |---|---|---|
//! | single (4 bytes, `ldfs`/`stfs`, `setf.s`/`getf.s`) | [`single_to_fr`] | [`fr_to_single`] |
//! | double (8 bytes, `ldfd`/`stfd`, `setf.d`/`getf.d`) | [`double_to_fr`] | [`fr_to_double`] |
//! | double-extended (10 bytes, `ldfe`/`stfe`) | [`ext_to_fr`] | [`fr_to_ext`] |
//! | integer (8 bytes, `ldf8`/`stf8`, `setf.sig`/`getf.sig`) | [`int_to_fr`] | [`fr_to_int`] |
//! | spill (16 bytes, `ldf.fill`/`stf.spill`) | [`spill_to_fr`] | [`fr_to_spill`] |
//! | sign+exponent (`setf.exp`/`getf.exp`) | [`exp_to_fr`] | [`fr_to_exp`] |
//!
//! Memory values are *logical* little-endian integers (byte order is the caller's business).
//! Loads never round: single/double values map exactly (denormals become unnormalized
//! register values with the format's minimum exponent, 0xFF81 / 0xFC01, and integer bit 0;
//! infinities and NaNs get the all-ones register exponent 0x1FFFF; zeros exponent 0).
//! Stores take the sign, the exponent's most significant bit and its low 7 (single), 10
//! (double) or 14 (double-extended) bits, and the significand's fraction bits; for single and
//! double an integer bit of 0 (zero, denormal, unnormal) gives a memory exponent of 0. Values
//! out of the target range are therefore *truncated* exactly as the architecture defines,
//! not rounded (that is `fnorm`'s job, before the store).
//!
//! NaTVal (exponent 0x1FFFE, significand 0, sign 0) survives only the spill format; the
//! callers handle NaT propagation (a store of NaTVal faults, `getf` of NaTVal gives a NaT GR,
//! `setf` of a NaT GR gives NaTVal).
//!
//! ```
//! use ia64_cpu::fr_format::{double_to_fr, fr_to_double};
//! let one = double_to_fr(1.0f64.to_bits());
//! assert_eq!((one.exp, one.significand), (0xffff, 1 << 63));
//! assert_eq!(fr_to_double(one), 1.0f64.to_bits());
//! ```

use crate::state::Fr;

/// Register exponent of infinities and NaNs.
pub const EXP_ONES: u32 = 0x1ffff;
/// Register exponent bias (SDM Vol. 1 Table 5-1).
pub const EXP_BIAS: u32 = 0xffff;
const EXP_MASK: u32 = 0x1ffff;
const INT_BIT: u64 = 1 << 63;

#[inline]
fn fr(sign: bool, exp: u32, significand: u64) -> Fr {
    Fr {
        sign,
        exp: exp & EXP_MASK,
        significand,
    }
}

/// Shared single/double load translation: `bits` exponent bits, `fbits` fraction bits.
#[inline]
fn ieee_to_fr(sign: bool, e: u32, frac: u64, ebits: u32, fbits: u32) -> Fr {
    let emax = (1u32 << ebits) - 1;
    let bias = emax >> 1;
    let shift = 63 - fbits;
    if e == emax {
        fr(sign, EXP_ONES, INT_BIT | (frac << shift))
    } else if e == 0 && frac == 0 {
        fr(sign, 0, 0)
    } else if e == 0 {
        // Denormal: minimum exponent, integer bit 0 (an unnormalized register value).
        fr(sign, EXP_BIAS - bias + 1, frac << shift)
    } else {
        fr(sign, e + EXP_BIAS - bias, INT_BIT | (frac << shift))
    }
}

/// Shared single/double store translation.
#[inline]
fn fr_to_ieee(f: Fr, ebits: u32, fbits: u32) -> u64 {
    let low = ebits - 1;
    let e = if f.significand & INT_BIT == 0 {
        0
    } else {
        let msb = u64::from((f.exp >> 16) & 1);
        (msb << low) | u64::from(f.exp & ((1 << low) - 1))
    };
    let frac = (f.significand << 1) >> (64 - fbits);
    (u64::from(f.sign) << (ebits + fbits)) | (e << fbits) | frac
}

/// Single precision (IEEE binary32 bits) to register format (`ldfs`, `setf.s`).
pub fn single_to_fr(v: u32) -> Fr {
    ieee_to_fr(
        v >> 31 != 0,
        (v >> 23) & 0xff,
        u64::from(v & 0x7f_ffff),
        8,
        23,
    )
}

/// Register format to single precision bits (`stfs`, `getf.s`).
pub fn fr_to_single(f: Fr) -> u32 {
    fr_to_ieee(f, 8, 23) as u32
}

/// Double precision (IEEE binary64 bits) to register format (`ldfd`, `setf.d`).
pub fn double_to_fr(v: u64) -> Fr {
    ieee_to_fr(
        v >> 63 != 0,
        ((v >> 52) & 0x7ff) as u32,
        v & ((1 << 52) - 1),
        11,
        52,
    )
}

/// Register format to double precision bits (`stfd`, `getf.d`).
pub fn fr_to_double(f: Fr) -> u64 {
    fr_to_ieee(f, 11, 52)
}

/// Double-extended (80-bit: significand in bits 63:0, exponent 78:64, sign 79) to register
/// format (`ldfe`). Exponent 0 stays 0 (zeros, denormals and pseudo-denormals keep their
/// explicit significand), 0x7FFF becomes 0x1FFFF, others are rebiased (+0xC000).
pub fn ext_to_fr(v: u128) -> Fr {
    let significand = v as u64;
    let e = ((v >> 64) & 0x7fff) as u32;
    let sign = (v >> 79) & 1 != 0;
    let exp = match e {
        0 => 0,
        0x7fff => EXP_ONES,
        e => e + (EXP_BIAS - 0x3fff),
    };
    fr(sign, exp, significand)
}

/// Register format to double-extended (`stfe`): exponent msb and low 14 bits.
pub fn fr_to_ext(f: Fr) -> u128 {
    let e = (((f.exp >> 16) & 1) << 14) | (f.exp & 0x3fff);
    (u128::from(f.sign) << 79) | (u128::from(e) << 64) | u128::from(f.significand)
}

/// 64-bit integer to register format (`ldf8`, `setf.sig`): exponent 0x1003E, sign 0.
pub fn int_to_fr(v: u64) -> Fr {
    Fr::from_sig(v)
}

/// Register format to 64-bit integer (`stf8`, `getf.sig`): the significand.
pub fn fr_to_int(f: Fr) -> u64 {
    f.significand
}

/// Spill format (16 bytes: significand 63:0, exponent 80:64, sign 81, rest 0) to register
/// format (`ldf.fill`): every register value, NaTVal included, round-trips.
pub fn spill_to_fr(v: u128) -> Fr {
    fr((v >> 81) & 1 != 0, ((v >> 64) as u32) & EXP_MASK, v as u64)
}

/// Register format to spill format (`stf.spill`).
pub fn fr_to_spill(f: Fr) -> u128 {
    (u128::from(f.sign) << 81) | (u128::from(f.exp & EXP_MASK) << 64) | u128::from(f.significand)
}

/// `setf.exp`: sign = bit 17, exponent = bits 16:0, significand 1.0 (0x8000000000000000).
pub fn exp_to_fr(v: u64) -> Fr {
    fr((v >> 17) & 1 != 0, (v & 0x1ffff) as u32, INT_BIT)
}

/// `getf.exp`: sign in bit 17, exponent in bits 16:0, zero above.
pub fn fr_to_exp(f: Fr) -> u64 {
    (u64::from(f.sign) << 17) | u64::from(f.exp & EXP_MASK)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn single_normals_round_trip_and_match_host_values() {
        for x in [1.0f32, -2.5, 3.4e38, f32::MIN_POSITIVE, 0.1, -7.0e-10] {
            let f = single_to_fr(x.to_bits());
            assert_eq!(f.significand >> 63, 1, "{x}");
            assert_eq!(fr_to_single(f), x.to_bits(), "{x}");
            // Same value as the double conversion of the widened value.
            assert_eq!(f, double_to_fr(f64::from(x).to_bits()), "{x}");
        }
        let one = single_to_fr(1.0f32.to_bits());
        assert_eq!(
            (one.sign, one.exp, one.significand),
            (false, 0xffff, 1 << 63)
        );
        let m = single_to_fr((-2.5f32).to_bits());
        assert_eq!(
            (m.sign, m.exp, m.significand),
            (true, 0x10000, 0xa000_0000_0000_0000)
        );
    }

    #[test]
    fn single_specials() {
        // Zeros keep their sign and have exponent 0.
        assert_eq!(single_to_fr(0x8000_0000), fr(true, 0, 0));
        assert_eq!(fr_to_single(fr(true, 0, 0)), 0x8000_0000);
        // Smallest denormal: exponent 0xFF81, integer bit 0.
        let d = single_to_fr(1);
        assert_eq!((d.exp, d.significand), (0xff81, 1 << 40));
        assert_eq!(fr_to_single(d), 1);
        // Infinity and a NaN.
        assert_eq!(single_to_fr(0x7f80_0000), fr(false, 0x1ffff, 1 << 63));
        assert_eq!(fr_to_single(fr(false, 0x1ffff, 1 << 63)), 0x7f80_0000);
        let nan = single_to_fr(0xffc0_0001);
        assert_eq!(nan, fr(true, 0x1ffff, (1 << 63) | (1 << 62) | (1 << 40)));
        assert_eq!(fr_to_single(nan), 0xffc0_0001);
    }

    #[test]
    fn single_store_truncates_out_of_range_exponents() {
        // 2^200 in register format: exponent 0xffff + 200 = 0x100c7 -> msb 1, low 7 = 0x47.
        let f = fr(false, 0x100c7, 1 << 63);
        assert_eq!(fr_to_single(f), (0x80 | 0x47) << 23);
        // Integer bit 0 with a normal exponent stores exponent 0 (unnormal -> denormal form).
        assert_eq!(fr_to_single(fr(false, 0xffff, 1 << 62)), 0x0040_0000);
        // Register 1.0 as an integer (setf.sig 1): integer bit 0 -> exponent 0, fraction 0.
        assert_eq!(fr_to_single(Fr::from_sig(1)), 0);
    }

    #[test]
    fn double_values() {
        for x in [
            1.0f64,
            -0.0,
            1e308,
            -3.5e-300,
            f64::INFINITY,
            f64::MIN_POSITIVE,
        ] {
            assert_eq!(fr_to_double(double_to_fr(x.to_bits())), x.to_bits(), "{x}");
        }
        let d = double_to_fr(3); // denormal
        assert_eq!((d.exp, d.significand), (0xfc01, 3 << 11));
        assert_eq!(fr_to_double(d), 3);
        let two = double_to_fr(2.0f64.to_bits());
        assert_eq!((two.exp, two.significand), (0x10000, 1 << 63));
        let nan = double_to_fr(0x7ff8_0000_0000_0000);
        assert_eq!(nan, fr(false, 0x1ffff, 0xc000_0000_0000_0000));
        assert_eq!(fr_to_double(nan), 0x7ff8_0000_0000_0000);
        // Exponent msb + low 10 bits: 0xffff + 1100 = 0x1044b -> 0x400 | 0x04b.
        assert_eq!(fr_to_double(fr(false, 0x1044b, 1 << 63)) >> 52, 0x44b);
    }

    #[test]
    fn extended_values() {
        // 1.0: exponent 0x3fff, explicit integer bit.
        let one = (0x3fffu128 << 64) | (1u128 << 63);
        assert_eq!(ext_to_fr(one), Fr::ONE);
        assert_eq!(fr_to_ext(Fr::ONE), one);
        // -Infinity.
        let inf = (0xffffu128 << 64) | (1u128 << 63);
        assert_eq!(ext_to_fr(inf), fr(true, 0x1ffff, 1 << 63));
        assert_eq!(fr_to_ext(ext_to_fr(inf)), inf);
        // Denormal: exponent 0 kept, significand kept.
        assert_eq!(ext_to_fr(5), fr(false, 0, 5));
        assert_eq!(fr_to_ext(fr(false, 0, 5)), 5);
        // Register exponent 0x1003e (the integer exponent) -> msb 1, low 14 bits 0x003e.
        assert_eq!(fr_to_ext(Fr::from_sig(7)) >> 64, 0x403e);
    }

    #[test]
    fn integer_spill_and_exponent_forms() {
        assert_eq!(int_to_fr(0x1234), fr(false, 0x1003e, 0x1234));
        assert_eq!(fr_to_int(fr(true, 5, 0xdead)), 0xdead);
        for f in [
            Fr::NATVAL,
            Fr::ONE,
            fr(true, 0x1ffff, 7),
            fr(true, 0x12345, u64::MAX),
        ] {
            assert_eq!(spill_to_fr(fr_to_spill(f)), f);
        }
        assert_eq!(
            fr_to_spill(fr(true, 0x1ffff, 1)),
            (3u128 << 80) | (0x1ffffu128 << 64) | 1
        );
        assert_eq!(fr_to_spill(Fr::NATVAL), 0x1fffeu128 << 64);
        // Bits above 81 are ignored by the fill.
        assert_eq!(spill_to_fr(u128::MAX), fr(true, 0x1ffff, u64::MAX));
        assert_eq!(exp_to_fr(0x3_ffff), fr(true, 0x1ffff, 1 << 63));
        assert_eq!(exp_to_fr(0xffff_ffff_fffc_ffff), fr(false, 0xffff, 1 << 63));
        assert_eq!(fr_to_exp(fr(true, 0x1003e, 9)), 0x3_003e);
    }
}
