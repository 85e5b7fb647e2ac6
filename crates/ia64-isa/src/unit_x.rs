//! X-unit (long) instructions: SDM Vol. 3 §4.7, formats X1–X5.
//!
//! This module owns the L+X slot pair of MLX bundles: `break.x`, `nop.x`,
//! `hint.x` (62-bit immediates), `movl` (64-bit immediate) and the long
//! branches `brl.cond` / `brl.call` (IP-relative, 60-bit bundle offsets).
//! The L slot (slot 1) holds the high immediate bits; the X slot (slot 2)
//! holds the opcode.  An invalid pair is reported with the X slot's raw
//! value, which is what GNU objdump prints as `data8` on the L-slot line.

use crate::disasm::Ctx;
use crate::fields::{bit, bits, major, qp};
use crate::insn::{rsv, DecodeError, Insn, Slot, SlotResult};
use core::fmt::{self, Write};

/// Branch whether hint, the `wh` field (SDM Vol. 3 §4.5, "Branch Whether
/// Hint Completer" table; X3/X4 use the B1 encoding).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BrWh {
    /// `.sptk`: statically predicted taken.
    Sptk,
    /// `.spnt`: statically predicted not taken.
    Spnt,
    /// `.dptk`: dynamically predicted, taken.
    Dptk,
    /// `.dpnt`: dynamically predicted, not taken.
    Dpnt,
}

/// Sequential prefetch hint, the `p` field (SDM Vol. 3 §4.5, "Sequential
/// Prefetch Hint Completer" table).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BrPh {
    /// `.few`.
    Few,
    /// `.many`.
    Many,
}

/// Long branch completers shared by X3 and X4.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BrlHints {
    /// Whether hint.
    pub wh: BrWh,
    /// Sequential prefetch hint.
    pub ph: BrPh,
    /// `.clr`: cache deallocation hint (the `d` field, SDM Vol. 3 §4.5,
    /// "Branch Cache Deallocation Hint Completer" table).
    pub clr: bool,
}

/// X-unit instructions.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum XInsn {
    /// X1: `break.x imm62`.
    Break { imm: u64 },
    /// X5: `nop.x imm62`.
    Nop { imm: u64 },
    /// X5: `hint.x imm62`.
    Hint { imm: u64 },
    /// X2: `movl r1=imm64`.
    Movl { r1: u8, imm: u64 },
    /// X3: `brl.cond target` (absolute target address).  `no_qp` records
    /// that the qualifying predicate is p0: objdump then prints the `brl`
    /// pseudo-op when the whether hint is `.sptk`.
    BrlCond {
        hints: BrlHints,
        target: u64,
        no_qp: bool,
    },
    /// X4: `brl.call b1=target` (absolute target address).
    BrlCall {
        b1: u8,
        hints: BrlHints,
        target: u64,
    },
}

/// Decodes an L+X slot pair; `addr` is the bundle address.
pub fn decode(l: u64, x: u64, addr: u64) -> SlotResult {
    let mut out = Err(DecodeError::reserved(x));
    decode_into(&mut out, l, x, addr);
    out
}

/// [`decode`] writing the slot in place.
#[inline(never)]
pub(crate) fn decode_into(out: &mut SlotResult, l: u64, x: u64, addr: u64) {
    match major(x) {
        0 => put(out, x, decode_misc(l, x)),
        6 => put(out, x, decode_movl(l, x)),
        0xc => put(out, x, decode_brl(l, x, addr, false)),
        0xd => put(out, x, decode_brl(l, x, addr, true)),
        _ => rsv(out, x),
    }
}

/// Writes `insn` with the X slot's qualifying predicate, or the reserved
/// error when there is none.
#[inline(always)]
fn put(out: &mut SlotResult, x: u64, insn: Option<XInsn>) {
    match insn {
        Some(i) => {
            *out = Ok(Slot {
                qp: qp(x),
                insn: Insn::X(i),
            })
        }
        None => rsv(out, x),
    }
}

/// X1/X5 immediate: imm62 = imm41 (L slot) : i (bit 36) : imm20a (bits 6..26).
#[inline]
fn imm62(l: u64, x: u64) -> u64 {
    (bits(l, 0, 41) << 21) | (bits(x, 36, 1) << 20) | bits(x, 6, 20)
}

/// Major opcode 0: SDM Vol. 3 §4.7, the Misc X-Unit 3-bit (`x3` 33..36),
/// 6-bit (`x6` 27..33) and 1-bit (`y`, bit 26: nop.x / hint.x) opcode
/// extension tables.  Bit 26 is ignored by `break.x`.
fn decode_misc(l: u64, x: u64) -> Option<XInsn> {
    if bits(x, 33, 3) != 0 {
        return None;
    }
    let imm = imm62(l, x);
    match bits(x, 27, 6) {
        0 => Some(XInsn::Break { imm }),
        1 if bit(x, 26) => Some(XInsn::Hint { imm }),
        1 => Some(XInsn::Nop { imm }),
        _ => None,
    }
}

/// X2: imm64 = i (36) : imm41 (L) : ic (21) : imm5c (22..27) :
/// imm9d (27..36) : imm7b (13..20).  `vc` (bit 20) must be 0.
fn decode_movl(l: u64, x: u64) -> Option<XInsn> {
    if bit(x, 20) {
        return None;
    }
    let imm = (bits(x, 36, 1) << 63)
        | (bits(l, 0, 41) << 22)
        | (bits(x, 21, 1) << 21)
        | (bits(x, 22, 5) << 16)
        | (bits(x, 27, 9) << 7)
        | bits(x, 13, 7);
    Some(XInsn::Movl {
        r1: bits(x, 6, 7) as u8,
        imm,
    })
}

/// X3/X4: target = IP + sign_ext(i (36) : imm39 (L bits 2..41) :
/// imm20b (13..33), 60) × 16.  `btype` (bits 6..9) must be 0 for X3;
/// bits 9..12 are ignored.
fn decode_brl(l: u64, x: u64, addr: u64, call: bool) -> Option<XInsn> {
    let b1 = bits(x, 6, 3) as u8;
    if !call && b1 != 0 {
        return None;
    }
    // Bundle offset as a 60-bit two's-complement count placed at bit 4:
    // i lands on bit 63, imm39 on bits 24..63, imm20b on bits 4..24.
    let off = (bits(x, 36, 1) << 63) | (bits(l, 2, 39) << 24) | (bits(x, 13, 20) << 4);
    let target = addr.wrapping_add(off);
    let hints = BrlHints {
        wh: match bits(x, 33, 2) {
            0 => BrWh::Sptk,
            1 => BrWh::Spnt,
            2 => BrWh::Dptk,
            _ => BrWh::Dpnt,
        },
        ph: if bit(x, 12) { BrPh::Many } else { BrPh::Few },
        clr: bit(x, 35),
    };
    Some(if call {
        XInsn::BrlCall { b1, hints, target }
    } else {
        XInsn::BrlCond {
            hints,
            target,
            no_qp: qp(x) == 0,
        }
    })
}

impl BrWh {
    fn suffix(self) -> &'static str {
        match self {
            BrWh::Sptk => ".sptk",
            BrWh::Spnt => ".spnt",
            BrWh::Dptk => ".dptk",
            BrWh::Dpnt => ".dpnt",
        }
    }
}

impl BrlHints {
    /// Writes `.ph` then `.clr` (the whether hint is written by the caller).
    fn write_tail(&self, w: &mut dyn Write) -> fmt::Result {
        w.write_str(match self.ph {
            BrPh::Few => ".few",
            BrPh::Many => ".many",
        })?;
        if self.clr {
            w.write_str(".clr")?;
        }
        Ok(())
    }
}

impl XInsn {
    /// Writes objdump's text for the instruction.  An unpredicated
    /// `brl.cond.sptk` prints as the `brl` pseudo-op.
    pub fn write(&self, w: &mut dyn Write, cx: &Ctx) -> fmt::Result {
        match *self {
            XInsn::Break { imm } => write!(w, "break.x 0x{imm:x}"),
            XInsn::Nop { imm } => write!(w, "nop.x 0x{imm:x}"),
            XInsn::Hint { imm } => write!(w, "hint.x 0x{imm:x}"),
            XInsn::Movl { r1, imm } => write!(w, "movl r{r1}=0x{imm:x}"),
            XInsn::BrlCond {
                hints,
                target,
                no_qp,
            } => {
                if no_qp && hints.wh == BrWh::Sptk {
                    w.write_str("brl")?;
                } else {
                    write!(w, "brl.cond{}", hints.wh.suffix())?;
                }
                hints.write_tail(w)?;
                w.write_char(' ')?;
                cx.target(w, target)
            }
            XInsn::BrlCall { b1, hints, target } => {
                write!(w, "brl.call{}", hints.wh.suffix())?;
                hints.write_tail(w)?;
                write!(w, " b{b1}=")?;
                cx.target(w, target)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::disasm::NoSymbols;

    fn dec(l: u64, x: u64, addr: u64) -> XInsn {
        match decode(l, x, addr) {
            Ok(Slot {
                insn: Insn::X(i), ..
            }) => i,
            other => panic!("{l:#x} {x:#x}: {other:?}"),
        }
    }

    fn text(l: u64, x: u64, addr: u64) -> String {
        let mut s = String::new();
        let cx = Ctx {
            symbols: &NoSymbols,
        };
        dec(l, x, addr)
            .write(&mut s, &cx)
            .map(|_| s)
            .unwrap_or_default()
    }

    const MOVL: u64 = 6 << 37;
    const BRL: u64 = 0xc << 37;
    const CALL: u64 = 0xd << 37;

    #[test]
    fn compact() {
        assert!(core::mem::size_of::<XInsn>() <= 24);
    }

    #[test]
    fn movl_imm64_assembly() {
        let m = |l, x| match dec(l, MOVL | x, 0) {
            XInsn::Movl { imm, .. } => imm,
            other => panic!("{other:?}"),
        };
        assert_eq!(m(1, 0), 0x40_0000); // imm41 at bit 22
        assert_eq!(m(0, 1 << 36), 0x8000_0000_0000_0000); // i at bit 63
        assert_eq!(m(0, 1 << 21), 0x20_0000); // ic at bit 21
        assert_eq!(m(0, 1 << 22), 0x1_0000); // imm5c at bit 16
        assert_eq!(m(0, 1 << 27), 0x80); // imm9d at bit 7
        assert_eq!(m(2, 0x7f << 13), 0x80_007f); // imm7b at bit 0
        assert_eq!(
            m(
                (1 << 41) - 1,
                (1 << 36) | (0x1ff << 27) | (0x1f << 22) | (1 << 21) | (0x7f << 13)
            ),
            u64::MAX
        );
        assert_eq!(
            dec(0, MOVL | (127 << 6) | 7, 0),
            XInsn::Movl { r1: 127, imm: 0 }
        );
        assert_eq!(decode(0, MOVL | 7, 0).map(|s| s.qp), Ok(7));
    }

    #[test]
    fn imm62_assembly() {
        // imm62 = imm41 : i : imm20a (objdump: L << 21, i at bit 20).
        assert_eq!(dec(1, 0, 0), XInsn::Break { imm: 0x20_0000 });
        assert_eq!(dec(0, 1 << 36, 0), XInsn::Break { imm: 0x10_0000 });
        assert_eq!(dec(0, 0xfffff << 6, 0), XInsn::Break { imm: 0xfffff });
        assert_eq!(
            dec((1 << 41) - 1, (1 << 36) | (0xfffff << 6), 0),
            XInsn::Break { imm: (1 << 62) - 1 }
        );
        // y (bit 26) selects hint.x over nop.x, and is ignored by break.x.
        assert_eq!(
            dec(0x1ab_cdef_0123, 1 << 27, 0),
            XInsn::Nop {
                imm: 0x3579_bde0_2460_0000
            }
        );
        assert_eq!(
            dec(0, (1 << 27) | (1 << 26) | (3 << 6), 0),
            XInsn::Hint { imm: 3 }
        );
        assert_eq!(dec(0, 1 << 26, 0), XInsn::Break { imm: 0 });
        assert_eq!(
            text(0x1ab_cdef_0123, (1 << 27) | (1 << 26), 0),
            "hint.x 0x3579bde024600000"
        );
    }

    #[test]
    fn brl_target_assembly() {
        let base = 0x4000_0000_0000_0080;
        let t = |l, x| match dec(l, BRL | x, base) {
            XInsn::BrlCond { target, .. } => target,
            other => panic!("{other:?}"),
        };
        assert_eq!(t(3, 0), base); // L bits 0..2 are not part of imm39
        assert_eq!(t(4, 0), base + 0x100_0000); // imm39 bit 0 = bundle 2^20
        assert_eq!(t(1 << 40, 0), base.wrapping_add(1 << 62));
        assert_eq!(t(0, 1 << 13), base + 16); // imm20b bit 0
        assert_eq!(t(0, 1 << 36), base.wrapping_add(1 << 63)); // i: sign bit
                                                               // All offset bits set: -1 bundle.
        assert_eq!(t((1 << 41) - 1, (1 << 36) | (0xfffff << 13)), base - 16);
    }

    #[test]
    fn brl_completers_and_text() {
        let h = BrlHints {
            wh: BrWh::Dpnt,
            ph: BrPh::Many,
            clr: true,
        };
        let x = CALL | (1 << 35) | (3 << 33) | (1 << 12) | (7 << 6);
        assert_eq!(
            dec(0, x, 0x190),
            XInsn::BrlCall {
                b1: 7,
                hints: h,
                target: 0x190
            }
        );
        assert_eq!(text(0, x, 0x190), "brl.call.dpnt.many.clr b7=0x190");
        // Unpredicated brl.cond.sptk prints as the `brl` pseudo-op.
        assert_eq!(text(0, BRL, 0x80), "brl.few 0x80");
        assert_eq!(
            text(0, BRL | (1 << 35) | (1 << 12), 0x80),
            "brl.many.clr 0x80"
        );
        assert_eq!(text(0, BRL | 3, 0x80), "brl.cond.sptk.few 0x80");
        assert_eq!(text(0, BRL | (1 << 33), 0x80), "brl.cond.spnt.few 0x80");
    }

    #[test]
    fn invalid_pairs_report_the_x_slot() {
        let l = 0x1ab_cdef_0123;
        for x in [
            MOVL | (1 << 20),     // movl: vc = 1
            BRL | (1 << 6),       // brl.cond: btype != 0
            1 << 33,              // op 0: x3 != 0
            2 << 27,              // op 0: x6 = 2
            (1 << 37) | 0x304040, // unused major opcodes
            (0xe << 37) | 1,
        ] {
            assert_eq!(decode(l, x, 0), Err(DecodeError::reserved(x)), "{x:#x}");
        }
    }
}
