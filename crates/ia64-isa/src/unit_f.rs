//! F-unit (floating-point) instructions: formats F1..F16.
//!
//! This module owns the decoding of every slot whose template gives it the
//! F unit type, and the objdump-compatible text of those instructions.  The
//! decoded values model the operation, not the text: objdump's pseudo-ops
//! (`fadd`, `fmpy`, `fnorm`, `mov f=f`, `fabs`, `xmpy`, ...) decode to the
//! real operation (`fma`, `fmerge.s`, `xma`, ...) and only [`FInsn::write`]
//! chooses the pseudo-op spelling.
//!
//! Encodings follow the Intel Itanium SDM Vol. 3, §4.6 "F-Unit Instruction
//! Encodings": Table 4-67 (major opcodes), Table 4-68 (F1 fma family),
//! Tables 4-69/4-70 (F2 xma / F3 fselect), Table 4-71 (F4 fcmp), Tables
//! 4-72..4-75 (F6..F16 opcode 0/1 extensions: `x`, `q` and `x6`).
//!
//! Field layout of an F slot (bit 0 = qp):
//! `qp 0..6, f1/p1 6..13, f2 13..20, f3 20..27, f4/p2/x6 27..34,
//! x/ra/fc2 33, sf/x2 34..36, x/q/rb/i/s 36, major 37..41`.
//! Every F-unit instruction takes a qualifying predicate.

use crate::disasm::Ctx;
use crate::fields::{bit, bits, f1, f2, f3, f4, major, qp, sext};
use crate::insn::{rsv, DecodeError, Insn, Slot, SlotResult};
use core::fmt::{self, Write};

/// Floating-point status field selector (`.s0`..`.s3`), SDM Vol. 3 Table 4-66.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sf {
    /// `.s0`, the main status field.
    S0,
    /// `.s1`.
    S1,
    /// `.s2`.
    S2,
    /// `.s3`.
    S3,
}

impl Sf {
    /// The status field encoded in bits 34..36.
    #[inline]
    fn from_raw(raw: u64) -> Sf {
        match bits(raw, 34, 2) {
            0 => Sf::S0,
            1 => Sf::S1,
            2 => Sf::S2,
            _ => Sf::S3,
        }
    }

    /// The completer text, e.g. `.s0`.
    pub fn suffix(self) -> &'static str {
        match self {
            Sf::S0 => ".s0",
            Sf::S1 => ".s1",
            Sf::S2 => ".s2",
            Sf::S3 => ".s3",
        }
    }
}

/// Precision control of the F1 arithmetic forms (SDM Vol. 3 Table 4-68).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pc {
    /// No completer: the precision comes from the status field.
    Dynamic,
    /// `.s`: single precision.
    Single,
    /// `.d`: double precision.
    Double,
}

impl Pc {
    /// The completer text (`""`, `.s`, `.d`).
    pub fn suffix(self) -> &'static str {
        match self {
            Pc::Dynamic => "",
            Pc::Single => ".s",
            Pc::Double => ".d",
        }
    }
}

/// The three multiply-add operations of F1 (SDM Vol. 3 Table 4-68).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FmaOp {
    /// `f3*f4 + f2`.
    Fma,
    /// `f3*f4 - f2`.
    Fms,
    /// `-(f3*f4) + f2`.
    Fnma,
}

/// Variant of the fixed-point multiply-add `xma` (F2, field x2).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum XmaKind {
    /// `.l`: low 64 bits of the product (x2 = 0; `.lu` is the same op).
    L,
    /// `.hu`: high 64 bits, unsigned (x2 = 2).
    Hu,
    /// `.h`: high 64 bits, signed (x2 = 3).
    H,
}

/// Relation of the scalar compare `fcmp` (F4, fields ra/rb).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FcmpRel {
    /// `.eq`.
    Eq,
    /// `.lt`.
    Lt,
    /// `.le`.
    Le,
    /// `.unord`.
    Unord,
}

/// Relation of the parallel compare `fpcmp` (F8, x6 0x30..0x37).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FpcmpRel {
    /// `.eq`.
    Eq,
    /// `.lt`.
    Lt,
    /// `.le`.
    Le,
    /// `.unord`.
    Unord,
    /// `.neq`.
    Neq,
    /// `.nlt`.
    Nlt,
    /// `.nle`.
    Nle,
    /// `.ord`.
    Ord,
}

/// Minimum/maximum operations (F8, x6 0x14..0x17).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MinMaxOp {
    /// `fmin` / `fpmin`.
    Min,
    /// `fmax` / `fpmax`.
    Max,
    /// `famin` / `fpamin` (by absolute value).
    Amin,
    /// `famax` / `fpamax` (by absolute value).
    Amax,
}

/// Sign/exponent merge kinds (F9, x6 0x10..0x12).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MergeKind {
    /// `.s`: sign of f2, exponent and significand of f3.
    S,
    /// `.ns`: negated sign of f2.
    Ns,
    /// `.se`: sign and exponent of f2, significand of f3.
    Se,
}

/// Significand mixing and packing operations (F9, opcode 0 only).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MixOp {
    /// `fmix.lr` (x6 0x39).
    MixLr,
    /// `fmix.r` (x6 0x3a).
    MixR,
    /// `fmix.l` (x6 0x3b).
    MixL,
    /// `fsxt.r` (x6 0x3c).
    SxtR,
    /// `fsxt.l` (x6 0x3d).
    SxtL,
    /// `fpack` (x6 0x28).
    Pack,
    /// `fswap` (x6 0x34).
    Swap,
    /// `fswap.nl` (x6 0x35).
    SwapNl,
    /// `fswap.nr` (x6 0x36).
    SwapNr,
}

/// Bitwise logical operations on significands (F9, x6 0x2c..0x2f).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LogicOp {
    /// `fand`.
    And,
    /// `fandcm`.
    Andcm,
    /// `for`.
    Or,
    /// `fxor`.
    Xor,
}

/// A decoded F-unit instruction.  Register operands are register numbers;
/// immediates are architectural values; targets are absolute addresses.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FInsn {
    /// F1: floating-point multiply-add `fma`/`fms`/`fnma` (major 8..0xd,
    /// x = 0 or `.s`).  Pseudo-ops fadd, fsub, fmpy, fnmpy, fnorm and
    /// fcvt.xuf are encodings of this.
    Fma {
        /// Which multiply-add.
        op: FmaOp,
        /// Precision completer.
        pc: Pc,
        /// Status field.
        sf: Sf,
        /// Destination.
        f1: u8,
        /// Multiplicand.
        f3: u8,
        /// Multiplier.
        f4: u8,
        /// Addend.
        f2: u8,
    },
    /// F1: parallel multiply-add `fpma`/`fpms`/`fpnma` (major 9, 0xb, 0xd
    /// with x = 1).  Pseudo-ops fpmpy and fpnmpy.
    Fpma {
        /// Which multiply-add.
        op: FmaOp,
        /// Status field.
        sf: Sf,
        /// Destination.
        f1: u8,
        /// Multiplicand.
        f3: u8,
        /// Multiplier.
        f4: u8,
        /// Addend.
        f2: u8,
    },
    /// F2: fixed-point multiply-add `xma.l/.hu/.h` (major 0xe, x = 1).
    /// Pseudo-op xmpy.
    Xma {
        /// Which half of the product.
        kind: XmaKind,
        /// Destination.
        f1: u8,
        /// Multiplicand.
        f3: u8,
        /// Multiplier.
        f4: u8,
        /// Addend.
        f2: u8,
    },
    /// F3: `fselect f1=f3,f4,f2` (major 0xe, x = 0).
    Fselect {
        /// Destination.
        f1: u8,
        /// Selected where f2 bits are 1.
        f3: u8,
        /// Selected where f2 bits are 0.
        f4: u8,
        /// Selector mask.
        f2: u8,
    },
    /// F4: floating-point compare `fcmp` (major 4).
    Fcmp {
        /// Relation.
        rel: FcmpRel,
        /// `.unc` (ta bit): unconditional type.
        unc: bool,
        /// Status field.
        sf: Sf,
        /// Predicate set to the result.
        p1: u8,
        /// Predicate set to the complement.
        p2: u8,
        /// First source.
        f2: u8,
        /// Second source.
        f3: u8,
    },
    /// F5: floating-point class `fclass.m` (major 5).
    Fclass {
        /// `.unc` (ta bit).
        unc: bool,
        /// Predicate set to the result.
        p1: u8,
        /// Predicate set to the complement.
        p2: u8,
        /// Source.
        f2: u8,
        /// The 9-bit class mask: fclass7c (bits 20..27) above fc2 (bits 33..35).
        fclass9: u16,
    },
    /// F6: reciprocal approximation `frcpa` / `fprcpa` (major 0/1, x = 1, q = 0).
    Frcpa {
        /// `fprcpa` (major 1).
        parallel: bool,
        /// Status field.
        sf: Sf,
        /// Destination.
        f1: u8,
        /// Predicate (set when the result needs no software correction).
        p2: u8,
        /// Dividend.
        f2: u8,
        /// Divisor.
        f3: u8,
    },
    /// F7: reciprocal square-root approximation `frsqrta` / `fprsqrta`
    /// (major 0/1, x = 1, q = 1).
    Frsqrta {
        /// `fprsqrta` (major 1).
        parallel: bool,
        /// Status field.
        sf: Sf,
        /// Destination.
        f1: u8,
        /// Predicate.
        p2: u8,
        /// Source.
        f3: u8,
    },
    /// F8: minimum/maximum `fmin`/`fmax`/`famin`/`famax` and the parallel
    /// `fp...` forms.
    MinMax {
        /// Operation.
        op: MinMaxOp,
        /// Parallel form (major 1).
        parallel: bool,
        /// Status field.
        sf: Sf,
        /// Destination.
        f1: u8,
        /// First source.
        f2: u8,
        /// Second source.
        f3: u8,
    },
    /// F8: parallel compare `fpcmp` (major 1, x6 0x30..0x37).
    Fpcmp {
        /// Relation.
        rel: FpcmpRel,
        /// Status field.
        sf: Sf,
        /// Destination (mask result).
        f1: u8,
        /// First source.
        f2: u8,
        /// Second source.
        f3: u8,
    },
    /// F9: `fmerge` / `fpmerge` (pseudo-ops mov, fneg, fabs, fnegabs,
    /// fpneg, fpabs, fpnegabs).
    Merge {
        /// Merge kind.
        kind: MergeKind,
        /// Parallel form (major 1).
        parallel: bool,
        /// Destination.
        f1: u8,
        /// Sign (and exponent) source.
        f2: u8,
        /// Significand source.
        f3: u8,
    },
    /// F9: `fmix`, `fsxt`, `fpack`, `fswap` (major 0).
    Mix {
        /// Operation.
        op: MixOp,
        /// Destination.
        f1: u8,
        /// First source.
        f2: u8,
        /// Second source.
        f3: u8,
    },
    /// F9: `fand`, `fandcm`, `for`, `fxor` (major 0).
    Logic {
        /// Operation.
        op: LogicOp,
        /// Destination.
        f1: u8,
        /// First source.
        f2: u8,
        /// Second source.
        f3: u8,
    },
    /// F10: convert to integer `fcvt.fx[u][.trunc]` / `fpcvt.fx[u][.trunc]`.
    FcvtFx {
        /// `.fxu`: unsigned result.
        unsigned: bool,
        /// `.trunc`: round toward zero.
        trunc: bool,
        /// `fpcvt` (major 1).
        parallel: bool,
        /// Status field.
        sf: Sf,
        /// Destination.
        f1: u8,
        /// Source.
        f2: u8,
    },
    /// F11: convert from signed integer `fcvt.xf` (major 0, x6 0x1c).
    FcvtXf {
        /// Destination.
        f1: u8,
        /// Source.
        f2: u8,
    },
    /// F12: set controls `fsetc.sf amask7,omask7` (major 0, x6 0x04).
    Fsetc {
        /// Status field.
        sf: Sf,
        /// AND mask (bits 13..20).
        amask: u8,
        /// OR mask (bits 20..27).
        omask: u8,
    },
    /// F13: clear flags `fclrf.sf` (major 0, x6 0x05).
    Fclrf {
        /// Status field.
        sf: Sf,
    },
    /// F14: check flags `fchkf.sf target` (major 0, x6 0x08).
    Fchkf {
        /// Status field.
        sf: Sf,
        /// Absolute recovery target: bundle address + sext(s:imm20a) * 16.
        target: u64,
    },
    /// F15: `break.f imm21` (major 0, x6 0x00).
    Break {
        /// The 21-bit immediate (i bit 36 on top of imm20a).
        imm: u32,
    },
    /// F16: `nop.f imm21` (major 0, x6 0x01, y = 0).
    Nop {
        /// The 21-bit immediate.
        imm: u32,
    },
    /// F16: `hint.f imm21` (major 0, x6 0x01, y = 1).
    Hint {
        /// The 21-bit immediate.
        imm: u32,
    },
}

// ---------------------------------------------------------------------------
// Decoding
// ---------------------------------------------------------------------------

/// Decodes an F slot; `addr` is the bundle address (for `fchkf`).
pub fn decode(raw: u64, addr: u64) -> SlotResult {
    let mut out = Err(DecodeError::reserved(raw));
    decode_into(&mut out, raw, addr);
    out
}

/// [`decode`] writing the slot in place.
pub(crate) fn decode_into(out: &mut SlotResult, raw: u64, addr: u64) {
    match major(raw) {
        0 => op0(out, raw, addr),
        1 => op1(out, raw, addr),
        4 => op4(out, raw, addr),
        5 => op5(out, raw, addr),
        0x8..=0xd => op_fma(out, raw, addr),
        0xe => op_e(out, raw, addr),
        _ => rsv(out, raw),
    }
}

/// Major opcode 0: scalar miscellaneous operations.
pub(crate) fn op0(out: &mut SlotResult, raw: u64, addr: u64) {
    decode_misc(out, raw, addr, false)
}

/// Major opcode 1: parallel miscellaneous operations.
pub(crate) fn op1(out: &mut SlotResult, raw: u64, addr: u64) {
    decode_misc(out, raw, addr, true)
}

/// Major opcode 4: `fcmp` (F4).
pub(crate) fn op4(out: &mut SlotResult, raw: u64, _addr: u64) {
    ok(out, raw, decode_fcmp(raw))
}

/// Major opcode 5: `fclass` (F5).
pub(crate) fn op5(out: &mut SlotResult, raw: u64, _addr: u64) {
    ok(out, raw, decode_fclass(raw))
}

/// Major opcodes 8..0xd: the fma family (F1).
pub(crate) fn op_fma(out: &mut SlotResult, raw: u64, _addr: u64) {
    ok(out, raw, decode_fma(raw, major(raw)))
}

/// Major opcode 0xe: `fselect` and `xma` (F2/F3).
pub(crate) fn op_e(out: &mut SlotResult, raw: u64, _addr: u64) {
    decode_xma_fselect(out, raw)
}

/// Writes an F-unit instruction with the slot's qualifying predicate.
#[inline(always)]
fn ok(out: &mut SlotResult, raw: u64, i: FInsn) {
    *out = Ok(Slot {
        qp: qp(raw),
        insn: Insn::F(i),
    });
}

/// F1: major opcodes 8..0xd (SDM Vol. 3 Table 4-68).  Odd opcodes with
/// x = 1 are the parallel forms; even opcodes with x = 1 are `.s`.
fn decode_fma(raw: u64, op: u8) -> FInsn {
    let fop = match op {
        0x8 | 0x9 => FmaOp::Fma,
        0xa | 0xb => FmaOp::Fms,
        _ => FmaOp::Fnma,
    };
    let x = bit(raw, 36);
    let sf = Sf::from_raw(raw);
    let (f1, f2, f3, f4) = (f1(raw), f2(raw), f3(raw), f4(raw));
    let odd = op & 1 == 1;
    if odd && x {
        return FInsn::Fpma {
            op: fop,
            sf,
            f1,
            f3,
            f4,
            f2,
        };
    }
    let pc = match (odd, x) {
        (true, _) => Pc::Double,
        (false, true) => Pc::Single,
        (false, false) => Pc::Dynamic,
    };
    FInsn::Fma {
        op: fop,
        pc,
        sf,
        f1,
        f3,
        f4,
        f2,
    }
}

/// F2/F3: major opcode 0xe (SDM Vol. 3 Tables 4-69, 4-70).  With x = 0 it is
/// `fselect` (bits 34..36 ignored); with x = 1, x2 selects the `xma` form
/// and x2 = 1 is reserved.
fn decode_xma_fselect(out: &mut SlotResult, raw: u64) {
    let (f1, f2, f3, f4) = (f1(raw), f2(raw), f3(raw), f4(raw));
    if !bit(raw, 36) {
        return ok(out, raw, FInsn::Fselect { f1, f3, f4, f2 });
    }
    let kind = match bits(raw, 34, 2) {
        0 => XmaKind::L,
        2 => XmaKind::Hu,
        3 => XmaKind::H,
        _ => return rsv(out, raw),
    };
    ok(
        out,
        raw,
        FInsn::Xma {
            kind,
            f1,
            f3,
            f4,
            f2,
        },
    )
}

/// F4: major opcode 4, relation from ra (bit 33) and rb (bit 36), `.unc`
/// from ta (bit 12) (SDM Vol. 3 Table 4-71).
fn decode_fcmp(raw: u64) -> FInsn {
    let rel = match (bit(raw, 33), bit(raw, 36)) {
        (false, false) => FcmpRel::Eq,
        (false, true) => FcmpRel::Lt,
        (true, false) => FcmpRel::Le,
        (true, true) => FcmpRel::Unord,
    };
    FInsn::Fcmp {
        rel,
        unc: bit(raw, 12),
        sf: Sf::from_raw(raw),
        p1: bits(raw, 6, 6) as u8,
        p2: bits(raw, 27, 6) as u8,
        f2: f2(raw),
        f3: f3(raw),
    }
}

/// F5: major opcode 5.  fclass9 is fclass7c (bits 20..27) as the high seven
/// bits and fc2 (bits 33..35) as the low two; bits 35..37 are ignored.
fn decode_fclass(raw: u64) -> FInsn {
    let fclass9 = ((bits(raw, 20, 7) << 2) | bits(raw, 33, 2)) as u16;
    FInsn::Fclass {
        unc: bit(raw, 12),
        p1: bits(raw, 6, 6) as u8,
        p2: bits(raw, 27, 6) as u8,
        f2: f2(raw),
        fclass9,
    }
}

/// Major opcodes 0 and 1 (SDM Vol. 3 Tables 4-72..4-75): x (bit 33) = 1
/// selects F6/F7 by q (bit 36); otherwise x6 (bits 27..33) selects the
/// operation.  Fields an operation does not use are ignored, as is bit 36.
fn decode_misc(out: &mut SlotResult, raw: u64, addr: u64, parallel: bool) {
    let sf = Sf::from_raw(raw);
    let (f1, f2, f3) = (f1(raw), f2(raw), f3(raw));
    let p2 = bits(raw, 27, 6) as u8;
    if bit(raw, 33) {
        return ok(
            out,
            raw,
            if bit(raw, 36) {
                FInsn::Frsqrta {
                    parallel,
                    sf,
                    f1,
                    p2,
                    f3,
                }
            } else {
                FInsn::Frcpa {
                    parallel,
                    sf,
                    f1,
                    p2,
                    f2,
                    f3,
                }
            },
        );
    }
    let x6 = bits(raw, 27, 6) as u8;
    // Forms present in both opcode 0 and opcode 1.
    match x6 {
        0x10..=0x12 => {
            let kind = match x6 {
                0x10 => MergeKind::S,
                0x11 => MergeKind::Ns,
                _ => MergeKind::Se,
            };
            return ok(
                out,
                raw,
                FInsn::Merge {
                    kind,
                    parallel,
                    f1,
                    f2,
                    f3,
                },
            );
        }
        0x14..=0x17 => {
            let op = match x6 {
                0x14 => MinMaxOp::Min,
                0x15 => MinMaxOp::Max,
                0x16 => MinMaxOp::Amin,
                _ => MinMaxOp::Amax,
            };
            return ok(
                out,
                raw,
                FInsn::MinMax {
                    op,
                    parallel,
                    sf,
                    f1,
                    f2,
                    f3,
                },
            );
        }
        0x18..=0x1b => {
            return ok(
                out,
                raw,
                FInsn::FcvtFx {
                    unsigned: x6 & 1 == 1,
                    trunc: x6 & 2 == 2,
                    parallel,
                    sf,
                    f1,
                    f2,
                },
            );
        }
        _ => {}
    }
    if parallel {
        decode_parallel_only(out, raw, x6)
    } else {
        decode_scalar_only(out, raw, addr, x6)
    }
}

/// Opcode 1 forms without an opcode 0 counterpart: `fpcmp` (Table 4-73).
fn decode_parallel_only(out: &mut SlotResult, raw: u64, x6: u8) {
    let (sf, f1, f2, f3) = (Sf::from_raw(raw), f1(raw), f2(raw), f3(raw));
    let rel = match x6 {
        0x30 => FpcmpRel::Eq,
        0x31 => FpcmpRel::Lt,
        0x32 => FpcmpRel::Le,
        0x33 => FpcmpRel::Unord,
        0x34 => FpcmpRel::Neq,
        0x35 => FpcmpRel::Nlt,
        0x36 => FpcmpRel::Nle,
        0x37 => FpcmpRel::Ord,
        _ => return rsv(out, raw),
    };
    ok(
        out,
        raw,
        FInsn::Fpcmp {
            rel,
            sf,
            f1,
            f2,
            f3,
        },
    )
}

/// Opcode 0 forms without an opcode 1 counterpart (Table 4-72).
fn decode_scalar_only(out: &mut SlotResult, raw: u64, addr: u64, x6: u8) {
    let (sf, f1, f2, f3) = (Sf::from_raw(raw), f1(raw), f2(raw), f3(raw));
    let mix = |out: &mut SlotResult, op| ok(out, raw, FInsn::Mix { op, f1, f2, f3 });
    let logic = |out: &mut SlotResult, op| ok(out, raw, FInsn::Logic { op, f1, f2, f3 });
    match x6 {
        0x00 => ok(out, raw, FInsn::Break { imm: imm21(raw) }),
        0x01 if bit(raw, 26) => ok(out, raw, FInsn::Hint { imm: imm21(raw) }),
        0x01 => ok(out, raw, FInsn::Nop { imm: imm21(raw) }),
        0x04 => ok(
            out,
            raw,
            FInsn::Fsetc {
                sf,
                amask: f2,
                omask: f3,
            },
        ),
        0x05 => ok(out, raw, FInsn::Fclrf { sf }),
        0x08 => ok(
            out,
            raw,
            FInsn::Fchkf {
                sf,
                target: fchkf_target(raw, addr),
            },
        ),
        0x1c => ok(out, raw, FInsn::FcvtXf { f1, f2 }),
        0x28 => mix(out, MixOp::Pack),
        0x2c => logic(out, LogicOp::And),
        0x2d => logic(out, LogicOp::Andcm),
        0x2e => logic(out, LogicOp::Or),
        0x2f => logic(out, LogicOp::Xor),
        0x34 => mix(out, MixOp::Swap),
        0x35 => mix(out, MixOp::SwapNl),
        0x36 => mix(out, MixOp::SwapNr),
        0x39 => mix(out, MixOp::MixLr),
        0x3a => mix(out, MixOp::MixR),
        0x3b => mix(out, MixOp::MixL),
        0x3c => mix(out, MixOp::SxtR),
        0x3d => mix(out, MixOp::SxtL),
        _ => rsv(out, raw),
    }
}

/// F15/F16 immediate: imm21 = i (bit 36) : imm20a (bits 6..26).
#[inline]
fn imm21(raw: u64) -> u32 {
    ((bits(raw, 36, 1) << 20) | bits(raw, 6, 20)) as u32
}

/// F14 target: the bundle address plus sext(s : imm20a) bundles (×16).
#[inline]
fn fchkf_target(raw: u64, addr: u64) -> u64 {
    let off = sext(u64::from(imm21(raw)), 21) as u64;
    addr.wrapping_add(off.wrapping_shl(4))
}

// ---------------------------------------------------------------------------
// Display
// ---------------------------------------------------------------------------

impl FmaOp {
    fn name(self, parallel: bool) -> &'static str {
        match (self, parallel) {
            (FmaOp::Fma, false) => "fma",
            (FmaOp::Fms, false) => "fms",
            (FmaOp::Fnma, false) => "fnma",
            (FmaOp::Fma, true) => "fpma",
            (FmaOp::Fms, true) => "fpms",
            (FmaOp::Fnma, true) => "fpnma",
        }
    }
}

impl XmaKind {
    fn suffix(self) -> &'static str {
        match self {
            XmaKind::L => ".l",
            XmaKind::Hu => ".hu",
            XmaKind::H => ".h",
        }
    }
}

impl FcmpRel {
    fn suffix(self) -> &'static str {
        match self {
            FcmpRel::Eq => ".eq",
            FcmpRel::Lt => ".lt",
            FcmpRel::Le => ".le",
            FcmpRel::Unord => ".unord",
        }
    }
}

impl FpcmpRel {
    fn suffix(self) -> &'static str {
        match self {
            FpcmpRel::Eq => ".eq",
            FpcmpRel::Lt => ".lt",
            FpcmpRel::Le => ".le",
            FpcmpRel::Unord => ".unord",
            FpcmpRel::Neq => ".neq",
            FpcmpRel::Nlt => ".nlt",
            FpcmpRel::Nle => ".nle",
            FpcmpRel::Ord => ".ord",
        }
    }
}

impl MinMaxOp {
    fn name(self, parallel: bool) -> &'static str {
        match (self, parallel) {
            (MinMaxOp::Min, false) => "fmin",
            (MinMaxOp::Max, false) => "fmax",
            (MinMaxOp::Amin, false) => "famin",
            (MinMaxOp::Amax, false) => "famax",
            (MinMaxOp::Min, true) => "fpmin",
            (MinMaxOp::Max, true) => "fpmax",
            (MinMaxOp::Amin, true) => "fpamin",
            (MinMaxOp::Amax, true) => "fpamax",
        }
    }
}

impl MixOp {
    fn name(self) -> &'static str {
        match self {
            MixOp::MixLr => "fmix.lr",
            MixOp::MixR => "fmix.r",
            MixOp::MixL => "fmix.l",
            MixOp::SxtR => "fsxt.r",
            MixOp::SxtL => "fsxt.l",
            MixOp::Pack => "fpack",
            MixOp::Swap => "fswap",
            MixOp::SwapNl => "fswap.nl",
            MixOp::SwapNr => "fswap.nr",
        }
    }
}

impl LogicOp {
    fn name(self) -> &'static str {
        match self {
            LogicOp::And => "fand",
            LogicOp::Andcm => "fandcm",
            LogicOp::Or => "for",
            LogicOp::Xor => "fxor",
        }
    }
}

/// `.unc` completer text.
fn unc_suffix(unc: bool) -> &'static str {
    if unc {
        ".unc"
    } else {
        ""
    }
}

/// `name f1=fa,fb`, the common two-source form.
fn write_3(w: &mut dyn Write, name: &str, sf: &str, f1: u8, fa: u8, fb: u8) -> fmt::Result {
    write!(w, "{name}{sf} f{f1}=f{fa},f{fb}")
}

/// `name f1=fa`, the common one-source form.
fn write_2(w: &mut dyn Write, name: &str, sf: &str, f1: u8, fa: u8) -> fmt::Result {
    write!(w, "{name}{sf} f{f1}=f{fa}")
}

/// F1 scalar forms with objdump's pseudo-ops: with f2 = f0 an `fma` is
/// `fmpy` (or `fnorm` when f4 = f1, the constant 1.0), otherwise with f4 = f1
/// it is `fadd`; an `fms` with f4 = f1 is `fsub`; an `fnma` with f2 = f0 is
/// `fnmpy`.
fn write_fma(w: &mut dyn Write, op: FmaOp, pc: Pc, sf: Sf, regs: [u8; 4]) -> fmt::Result {
    let [f1, f3, f4, f2] = regs;
    let (pc, sf) = (pc.suffix(), sf.suffix());
    match op {
        FmaOp::Fma if f2 == 0 && f4 == 1 => write!(w, "fnorm{pc}{sf} f{f1}=f{f3}"),
        FmaOp::Fma if f2 == 0 => write!(w, "fmpy{pc}{sf} f{f1}=f{f3},f{f4}"),
        FmaOp::Fma if f4 == 1 => write!(w, "fadd{pc}{sf} f{f1}=f{f3},f{f2}"),
        FmaOp::Fms if f4 == 1 => write!(w, "fsub{pc}{sf} f{f1}=f{f3},f{f2}"),
        FmaOp::Fnma if f2 == 0 => write!(w, "fnmpy{pc}{sf} f{f1}=f{f3},f{f4}"),
        _ => write!(w, "{}{pc}{sf} f{f1}=f{f3},f{f4},f{f2}", op.name(false)),
    }
}

/// F1 parallel forms: `fpmpy` / `fpnmpy` when f2 = f0.
fn write_fpma(w: &mut dyn Write, op: FmaOp, sf: Sf, regs: [u8; 4]) -> fmt::Result {
    let [f1, f3, f4, f2] = regs;
    let sf = sf.suffix();
    match op {
        FmaOp::Fma if f2 == 0 => write!(w, "fpmpy{sf} f{f1}=f{f3},f{f4}"),
        FmaOp::Fnma if f2 == 0 => write!(w, "fpnmpy{sf} f{f1}=f{f3},f{f4}"),
        _ => write!(w, "{}{sf} f{f1}=f{f3},f{f4},f{f2}", op.name(true)),
    }
}

/// F2: `xmpy` when f2 = f0.
fn write_xma(w: &mut dyn Write, kind: XmaKind, regs: [u8; 4]) -> fmt::Result {
    let [f1, f3, f4, f2] = regs;
    let k = kind.suffix();
    if f2 == 0 {
        write!(w, "xmpy{k} f{f1}=f{f3},f{f4}")
    } else {
        write!(w, "xma{k} f{f1}=f{f3},f{f4},f{f2}")
    }
}

/// F9 merges with objdump's pseudo-ops.  Scalar: `mov` (f2 = f3) before
/// `fabs`/`fnegabs` (f2 = f0), `fneg` for `.ns` with f2 = f3.  Parallel:
/// `fpabs` (f2 = f0) for `.s`; for `.ns`, `fpneg` (f2 = f3) before
/// `fpnegabs` (f2 = f0).  There is no parallel `mov`.
fn write_merge(
    w: &mut dyn Write,
    kind: MergeKind,
    parallel: bool,
    f1: u8,
    f2: u8,
    f3: u8,
) -> fmt::Result {
    let pseudo = match (kind, parallel) {
        (MergeKind::S, false) if f2 == f3 => Some("mov"),
        (MergeKind::S, false) if f2 == 0 => Some("fabs"),
        (MergeKind::Ns, false) if f2 == f3 => Some("fneg"),
        (MergeKind::Ns, false) if f2 == 0 => Some("fnegabs"),
        (MergeKind::S, true) if f2 == 0 => Some("fpabs"),
        (MergeKind::Ns, true) if f2 == f3 => Some("fpneg"),
        (MergeKind::Ns, true) if f2 == 0 => Some("fpnegabs"),
        _ => None,
    };
    if let Some(p) = pseudo {
        return write_2(w, p, "", f1, f3);
    }
    let name = match (kind, parallel) {
        (MergeKind::S, false) => "fmerge.s",
        (MergeKind::Ns, false) => "fmerge.ns",
        (MergeKind::Se, false) => "fmerge.se",
        (MergeKind::S, true) => "fpmerge.s",
        (MergeKind::Ns, true) => "fpmerge.ns",
        (MergeKind::Se, true) => "fpmerge.se",
    };
    write_3(w, name, "", f1, f2, f3)
}

/// F10: `fcvt.fx[u][.trunc].sf f1=f2` and the `fpcvt` forms.
fn write_fcvt_fx(
    w: &mut dyn Write,
    unsigned: bool,
    trunc: bool,
    parallel: bool,
    sf: Sf,
    f1: u8,
    f2: u8,
) -> fmt::Result {
    let base = if parallel { "fpcvt" } else { "fcvt" };
    let u = if unsigned { ".fxu" } else { ".fx" };
    let t = if trunc { ".trunc" } else { "" };
    write!(w, "{base}{u}{t}{} f{f1}=f{f2}", sf.suffix())
}

impl FInsn {
    /// Writes objdump's text for the instruction (no predicate, no stop).
    pub fn write(&self, w: &mut dyn Write, cx: &Ctx) -> fmt::Result {
        match *self {
            FInsn::Fma {
                op,
                pc,
                sf,
                f1,
                f3,
                f4,
                f2,
            } => write_fma(w, op, pc, sf, [f1, f3, f4, f2]),
            FInsn::Fpma {
                op,
                sf,
                f1,
                f3,
                f4,
                f2,
            } => write_fpma(w, op, sf, [f1, f3, f4, f2]),
            FInsn::Xma {
                kind,
                f1,
                f3,
                f4,
                f2,
            } => write_xma(w, kind, [f1, f3, f4, f2]),
            FInsn::Fselect { f1, f3, f4, f2 } => write!(w, "fselect f{f1}=f{f3},f{f4},f{f2}"),
            FInsn::Fcmp {
                rel,
                unc,
                sf,
                p1,
                p2,
                f2,
                f3,
            } => write!(
                w,
                "fcmp{}{}{} p{p1},p{p2}=f{f2},f{f3}",
                rel.suffix(),
                unc_suffix(unc),
                sf.suffix()
            ),
            FInsn::Fclass {
                unc,
                p1,
                p2,
                f2,
                fclass9,
            } => write!(
                w,
                "fclass.m{} p{p1},p{p2}=f{f2},0x{fclass9:x}",
                unc_suffix(unc)
            ),
            FInsn::Frcpa {
                parallel,
                sf,
                f1,
                p2,
                f2,
                f3,
            } => {
                let name = if parallel { "fprcpa" } else { "frcpa" };
                write!(w, "{name}{} f{f1},p{p2}=f{f2},f{f3}", sf.suffix())
            }
            FInsn::Frsqrta {
                parallel,
                sf,
                f1,
                p2,
                f3,
            } => {
                let name = if parallel { "fprsqrta" } else { "frsqrta" };
                write!(w, "{name}{} f{f1},p{p2}=f{f3}", sf.suffix())
            }
            FInsn::MinMax {
                op,
                parallel,
                sf,
                f1,
                f2,
                f3,
            } => write_3(w, op.name(parallel), sf.suffix(), f1, f2, f3),
            FInsn::Fpcmp {
                rel,
                sf,
                f1,
                f2,
                f3,
            } => {
                write!(w, "fpcmp{}{} f{f1}=f{f2},f{f3}", rel.suffix(), sf.suffix())
            }
            FInsn::Merge {
                kind,
                parallel,
                f1,
                f2,
                f3,
            } => write_merge(w, kind, parallel, f1, f2, f3),
            FInsn::Mix { op, f1, f2, f3 } => write_3(w, op.name(), "", f1, f2, f3),
            FInsn::Logic { op, f1, f2, f3 } => write_3(w, op.name(), "", f1, f2, f3),
            FInsn::FcvtFx {
                unsigned,
                trunc,
                parallel,
                sf,
                f1,
                f2,
            } => write_fcvt_fx(w, unsigned, trunc, parallel, sf, f1, f2),
            FInsn::FcvtXf { f1, f2 } => write_2(w, "fcvt.xf", "", f1, f2),
            FInsn::Fsetc { sf, amask, omask } => {
                write!(w, "fsetc{} 0x{amask:x},0x{omask:x}", sf.suffix())
            }
            FInsn::Fclrf { sf } => write!(w, "fclrf{}", sf.suffix()),
            FInsn::Fchkf { sf, target } => {
                write!(w, "fchkf{} ", sf.suffix())?;
                cx.target(w, target)
            }
            FInsn::Break { imm } => write!(w, "break.f 0x{imm:x}"),
            FInsn::Nop { imm } => write!(w, "nop.f 0x{imm:x}"),
            FInsn::Hint { imm } => write!(w, "hint.f 0x{imm:x}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::disasm::NoSymbols;

    const ADDR: u64 = 0x4000_0000_0000_0100;

    /// Builds an F slot from (position, value) fields.
    fn slot(op: u64, fields: &[(u32, u64)]) -> u64 {
        fields.iter().fold(op << 37, |r, &(pos, v)| r | (v << pos))
    }

    fn dec(raw: u64) -> FInsn {
        match decode(raw, ADDR) {
            Ok(Slot {
                insn: Insn::F(i), ..
            }) => i,
            other => panic!("{raw:#x} did not decode: {other:?}"),
        }
    }

    fn text(raw: u64) -> String {
        let mut s = String::new();
        let cx = Ctx {
            symbols: &NoSymbols,
        };
        dec(raw).write(&mut s, &cx).expect("write");
        s
    }

    #[test]
    fn enum_is_compact() {
        assert!(
            core::mem::size_of::<FInsn>() <= 24,
            "{}",
            core::mem::size_of::<FInsn>()
        );
    }

    #[test]
    fn fclass9_bit_order() {
        // fclass7c = 0x40 in bits 20..27, fc2 = 0 in bits 33..35 -> 0x100.
        let raw = slot(5, &[(6, 3), (27, 4), (13, 9), (20, 0x40)]);
        assert!(matches!(
            dec(raw),
            FInsn::Fclass {
                fclass9: 0x100,
                p1: 3,
                p2: 4,
                f2: 9,
                unc: false
            }
        ));
        let raw = slot(5, &[(20, 0x7f), (33, 3), (12, 1)]);
        assert!(matches!(
            dec(raw),
            FInsn::Fclass {
                fclass9: 0x1ff,
                unc: true,
                ..
            }
        ));
        let raw = slot(5, &[(33, 2)]);
        assert!(matches!(dec(raw), FInsn::Fclass { fclass9: 2, .. }));
        assert_eq!(
            text(slot(5, &[(6, 3), (27, 4), (13, 9), (20, 0x40)])),
            "fclass.m p3,p4=f9,0x100"
        );
    }

    #[test]
    fn fchkf_target_sign_extension() {
        // imm20a = 1 forward one bundle.
        let raw = slot(0, &[(27, 8), (6, 1)]);
        assert_eq!(
            dec(raw),
            FInsn::Fchkf {
                sf: Sf::S0,
                target: ADDR + 0x10
            }
        );
        // s = 1, imm20a = 0xfffff: -1 bundle.
        let raw = slot(0, &[(27, 8), (6, 0xfffff), (36, 1), (34, 3)]);
        assert_eq!(
            dec(raw),
            FInsn::Fchkf {
                sf: Sf::S3,
                target: ADDR - 0x10
            }
        );
        // s = 1, imm20a = 0: the most negative offset, -2^20 bundles.
        let raw = slot(0, &[(27, 8), (36, 1)]);
        assert_eq!(
            dec(raw),
            FInsn::Fchkf {
                sf: Sf::S0,
                target: ADDR.wrapping_sub(1 << 24)
            }
        );
        // Wrap-around below zero never panics.
        let raw = slot(0, &[(27, 8), (36, 1)]);
        assert!(decode(raw, 0).is_ok());
    }

    #[test]
    fn break_nop_hint_imm21() {
        assert_eq!(dec(slot(0, &[(36, 1)])), FInsn::Break { imm: 0x100000 });
        assert_eq!(
            dec(slot(0, &[(36, 1), (6, 0xfffff)])),
            FInsn::Break { imm: 0x1fffff }
        );
        assert_eq!(
            dec(slot(0, &[(27, 1), (6, 0x3f)])),
            FInsn::Nop { imm: 0x3f }
        );
        assert_eq!(
            dec(slot(0, &[(27, 1), (26, 1), (6, 0xfffff)])),
            FInsn::Hint { imm: 0xfffff }
        );
        assert_eq!(text(slot(0, &[(36, 1), (6, 0xfffff)])), "break.f 0x1fffff");
    }

    #[test]
    fn fsetc_masks() {
        let raw = slot(0, &[(27, 4), (13, 0x7f), (20, 0x10), (34, 2)]);
        assert_eq!(
            dec(raw),
            FInsn::Fsetc {
                sf: Sf::S2,
                amask: 0x7f,
                omask: 0x10
            }
        );
        assert_eq!(text(raw), "fsetc.s2 0x7f,0x10");
    }

    #[test]
    fn xma_x2_table() {
        let r = |x2| slot(0xe, &[(36, 1), (34, x2), (6, 1), (13, 2), (20, 3), (27, 4)]);
        assert!(matches!(
            dec(r(0)),
            FInsn::Xma {
                kind: XmaKind::L,
                f1: 1,
                f2: 2,
                f3: 3,
                f4: 4
            }
        ));
        assert!(matches!(
            dec(r(2)),
            FInsn::Xma {
                kind: XmaKind::Hu,
                ..
            }
        ));
        assert!(matches!(
            dec(r(3)),
            FInsn::Xma {
                kind: XmaKind::H,
                ..
            }
        ));
        assert_eq!(decode(r(1), ADDR), Err(DecodeError::reserved(r(1))));
        // fselect ignores bits 34..36.
        assert!(matches!(dec(slot(0xe, &[(34, 3)])), FInsn::Fselect { .. }));
    }

    #[test]
    fn fcmp_relation_table() {
        let r = |ra, rb| slot(4, &[(33, ra), (36, rb), (6, 1), (27, 2)]);
        let rel = |raw| match dec(raw) {
            FInsn::Fcmp { rel, .. } => rel,
            other => panic!("{other:?}"),
        };
        assert_eq!(rel(r(0, 0)), FcmpRel::Eq);
        assert_eq!(rel(r(0, 1)), FcmpRel::Lt);
        assert_eq!(rel(r(1, 0)), FcmpRel::Le);
        assert_eq!(rel(r(1, 1)), FcmpRel::Unord);
        assert_eq!(text(r(1, 1) | (1 << 12)), "fcmp.unord.unc.s0 p1,p2=f0,f0");
    }

    #[test]
    fn fma_pseudo_ops_keep_real_operation() {
        // fnorm.s.s1 f5=f3 is fma.s.s1 f5=f3,f1,f0.
        let raw = slot(8, &[(36, 1), (34, 1), (6, 5), (20, 3), (27, 1)]);
        assert_eq!(
            dec(raw),
            FInsn::Fma {
                op: FmaOp::Fma,
                pc: Pc::Single,
                sf: Sf::S1,
                f1: 5,
                f3: 3,
                f4: 1,
                f2: 0
            }
        );
        assert_eq!(text(raw), "fnorm.s.s1 f5=f3");
        // fsub.d f5=f3,f0 is fms.d f5=f3,f1,f0.
        let raw = slot(0xb, &[(6, 5), (20, 3), (27, 1)]);
        assert_eq!(text(raw), "fsub.d.s0 f5=f3,f0");
        // fpma with f2 = f0 is fpmpy; fpms has no pseudo-op.
        assert_eq!(
            text(slot(9, &[(36, 1), (6, 5), (20, 3), (27, 1)])),
            "fpmpy.s0 f5=f3,f1"
        );
        assert_eq!(
            text(slot(0xb, &[(36, 1), (6, 5), (20, 3), (27, 1)])),
            "fpms.s0 f5=f3,f1,f0"
        );
    }

    #[test]
    fn merge_pseudo_ops() {
        let m = |op, x6, f2, f3| slot(op, &[(27, x6), (6, 5), (13, f2), (20, f3)]);
        assert_eq!(
            dec(m(0, 0x10, 3, 3)),
            FInsn::Merge {
                kind: MergeKind::S,
                parallel: false,
                f1: 5,
                f2: 3,
                f3: 3
            }
        );
        assert_eq!(text(m(0, 0x10, 3, 3)), "mov f5=f3");
        assert_eq!(text(m(0, 0x10, 0, 0)), "mov f5=f0");
        assert_eq!(text(m(0, 0x10, 0, 3)), "fabs f5=f3");
        assert_eq!(text(m(0, 0x11, 0, 3)), "fnegabs f5=f3");
        assert_eq!(text(m(1, 0x10, 0, 0)), "fpabs f5=f0");
        assert_eq!(text(m(1, 0x10, 3, 3)), "fpmerge.s f5=f3,f3");
        assert_eq!(text(m(1, 0x11, 0, 0)), "fpneg f5=f0");
    }

    #[test]
    fn frcpa_frsqrta_q_bit() {
        let r = slot(0, &[(33, 1), (6, 1), (27, 9), (13, 3), (20, 4), (34, 2)]);
        assert_eq!(
            dec(r),
            FInsn::Frcpa {
                parallel: false,
                sf: Sf::S2,
                f1: 1,
                p2: 9,
                f2: 3,
                f3: 4
            }
        );
        let r = slot(1, &[(33, 1), (36, 1), (6, 1), (27, 9), (13, 3), (20, 4)]);
        assert_eq!(
            dec(r),
            FInsn::Frsqrta {
                parallel: true,
                sf: Sf::S0,
                f1: 1,
                p2: 9,
                f3: 4
            }
        );
        assert_eq!(text(r), "fprsqrta.s0 f1,p9=f4");
    }

    #[test]
    fn reserved_encodings() {
        for raw in [
            slot(2, &[]),
            slot(0xf, &[]),
            slot(0, &[(27, 0x13)]),
            slot(0, &[(27, 0x30)]),
            slot(1, &[(27, 0x00)]),
            slot(1, &[(27, 0x1c)]),
        ] {
            assert_eq!(
                decode(raw, ADDR),
                Err(DecodeError::reserved(raw)),
                "{raw:#x}"
            );
        }
    }

    #[test]
    fn qp_is_kept() {
        let raw = slot(0, &[(0, 0x3f), (36, 1)]);
        assert_eq!(decode(raw, ADDR).map(|s| s.qp), Ok(0x3f));
    }
}
