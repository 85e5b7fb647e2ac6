//! B-unit instructions (SDM Vol. 3 §4.5, formats B1–B9): IP-relative and
//! indirect branches and calls, branch predicts (`brp`), the miscellaneous
//! branch-unit operations (`cover`, `clrrrb`, `rfi`, `bsw`, `epc`, `vmsw`)
//! and `break.b` / `nop.b` / `hint.b`.
//!
//! This module owns the decoding of B slots into [`BInsn`] values holding
//! architectural operands (absolute branch and tag addresses, the full
//! 21-bit immediates) and their objdump text.
//!
//! Major opcodes (SDM Vol. 3 §4.5; table numbers below are those of rev. 2.3):
//! 0 indirect branch / miscellaneous, 1 indirect call, 2 indirect predict /
//! nop / hint, 4 IP-relative branch, 5 IP-relative call, 7 IP-relative
//! predict; 3, 6 and 8–15 are reserved.
//!
//! Validity follows objdump (binutils 2.40) exactly, as checked by
//! differential testing: the qp field is ignored (decoded as p0) by B2, B6,
//! B7 and B8; B1–B5 and B9 keep it.  Unused fields (for example bits 9..12 of
//! B1, bits 16..27 and 36 of B4, bits 16..32 of B5, bits 0..3 of B6/B7) are
//! ignored, not reserved.  B5 only defines the odd 3-bit `wh` values, B7 only
//! `sptk`/`dptk`, `br.ret` needs btype 4 and indirect `br` btype 0 or 1.

use crate::disasm::Ctx;
use crate::fields::{bit, bits, qp, sext};
use crate::insn::{rsv, DecodeError, Insn, Slot, SlotResult};
use core::fmt::{self, Write};

/// Branch whether hint `bwh` (SDM Vol. 3 Table 4-52 "Branch Whether Hint
/// Completer").
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Bwh {
    /// Static taken.
    Sptk,
    /// Static not taken.
    Spnt,
    /// Dynamic, predicted taken.
    Dptk,
    /// Dynamic, predicted not taken.
    Dpnt,
}

/// Sequential prefetch hint `ph` (SDM Vol. 3 Table 4-51).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ph {
    /// Prefetch few lines at the target.
    Few,
    /// Prefetch many lines at the target.
    Many,
}

/// Branch cache deallocation hint `dh` (SDM Vol. 3 Table 4-54).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dh {
    /// No deallocation hint.
    Keep,
    /// `.clr`: deallocate the branch information.
    Clr,
}

/// The three hint completers of a branch (`.bwh.ph.dh`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Hints {
    /// Whether hint.
    pub wh: Bwh,
    /// Prefetch hint.
    pub ph: Ph,
    /// Deallocation hint.
    pub dh: Dh,
}

/// Branch type of an IP-relative branch (SDM Vol. 3 Table 4-47 "IP-Relative
/// Branch Types").
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IpBr {
    /// `br.cond` (B1).
    Cond,
    /// `br.wexit`: modulo-scheduled while-loop exit (B1).
    Wexit,
    /// `br.wtop`: modulo-scheduled while-loop top (B1).
    Wtop,
    /// `br.cloop`: counted loop (B2, no qualifying predicate).
    Cloop,
    /// `br.cexit`: modulo-scheduled counted-loop exit (B2).
    Cexit,
    /// `br.ctop`: modulo-scheduled counted-loop top (B2).
    Ctop,
}

/// Branch type of an indirect branch (SDM Vol. 3 Tables 4-49, 4-50).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IndBr {
    /// `br.cond b2`.
    Cond,
    /// `br.ia b2`: switch to the IA-32 instruction set.
    Ia,
    /// `br.ret b2`: return.
    Ret,
}

/// Branch-predict whether hint `ipwh` / `indwh` (SDM Vol. 3 §4.5.2, the
/// IP-relative and indirect predict whether hint completer tables).  Indirect predicts (B7) only have `Sptk` and `Dptk`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ipwh {
    /// Static taken.
    Sptk,
    /// Loop branch (IP-relative only).
    Loop,
    /// Dynamic.
    Dptk,
    /// Loop exit (IP-relative only).
    Exit,
}

/// Branch-predict importance hint `ih` (SDM Vol. 3 §4.5.2, "Branch Importance
/// Hint Completer").
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ih {
    /// Not important.
    Plain,
    /// `.imp`: important.
    Imp,
}

/// B-unit instructions.  Addresses are absolute (bundle address plus the
/// sign-extended, scaled offset); branch registers are numbers 0..=7.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BInsn {
    /// B1: IP-relative branch (`br.cond`, `br.wexit`, `br.wtop`);
    /// B2: counted branch (`br.cloop`, `br.cexit`, `br.ctop`, no qp).
    Br {
        /// Branch type.
        kind: IpBr,
        /// `.bwh.ph.dh` completers.
        hints: Hints,
        /// The qualifying predicate is p0, so the branch is unconditional
        /// (always true for B2).  objdump then prints `br.cond.sptk` as the
        /// `br` pseudo-op.
        p0: bool,
        /// Branch target: bundle address + sext(imm21) * 16.
        target: u64,
    },
    /// B3: IP-relative call `br.call b1=target`.
    CallRel {
        /// Branch register receiving the return link.
        b1: u8,
        /// `.bwh.ph.dh` completers.
        hints: Hints,
        /// Call target: bundle address + sext(imm21) * 16.
        target: u64,
    },
    /// B4: indirect branch (`br.cond`, `br.ia`, `br.ret` to `b2`).
    BrInd {
        /// Branch type.
        kind: IndBr,
        /// `.bwh.ph.dh` completers.
        hints: Hints,
        /// The qualifying predicate is p0 (see [`BInsn::Br`]).
        p0: bool,
        /// Branch register holding the target.
        b2: u8,
    },
    /// B5: indirect call `br.call b1=b2`.
    CallInd {
        /// Branch register receiving the return link.
        b1: u8,
        /// Branch register holding the target.
        b2: u8,
        /// `.bwh.ph.dh` completers (B5 encodes `bwh` in 3 bits).
        hints: Hints,
    },
    /// B6: IP-relative predict `brp.ipwh.ih target,tag` (no qp).
    BrpRel {
        /// `ipwh` completer.
        wh: Ipwh,
        /// `ih` completer.
        ih: Ih,
        /// Predicted branch target: bundle address + sext(imm21) * 16.
        target: u64,
        /// Address of the bundle holding the predicted branch: bundle
        /// address + sext(t2e:timm7a) * 16.
        tag: u64,
    },
    /// B7: indirect predict `brp[.ret].indwh.ih b2,tag` (no qp).
    BrpInd {
        /// `.ret`: the predicted branch is a return.
        ret: bool,
        /// `indwh` completer (`Sptk` or `Dptk` only).
        wh: Ipwh,
        /// `ih` completer.
        ih: Ih,
        /// Branch register holding the predicted target.
        b2: u8,
        /// Address of the bundle holding the predicted branch.
        tag: u64,
    },
    /// B8: `cover` (no qp).
    Cover,
    /// B8: `clrrrb`: clear all register rename bases (no qp).
    Clrrrb,
    /// B8: `clrrrb.pr`: clear the predicate rename base (no qp).
    ClrrrbPr,
    /// B8: `rfi`: return from interruption (no qp).
    Rfi,
    /// B8: `bsw.0`: switch to register bank 0 (no qp).
    Bsw0,
    /// B8: `bsw.1`: switch to register bank 1 (no qp).
    Bsw1,
    /// B8: `epc`: enter privileged code (no qp).
    Epc,
    /// B8: `vmsw.0`: virtual machine switch off (no qp).
    Vmsw0,
    /// B8: `vmsw.1`: virtual machine switch on (no qp).
    Vmsw1,
    /// B9: `break.b imm21`.
    Break {
        /// imm21 = i:imm20a.
        imm: u32,
    },
    /// B9: `nop.b imm21`.
    Nop {
        /// imm21 = i:imm20a.
        imm: u32,
    },
    /// B9: `hint.b imm21`.
    Hint {
        /// imm21 = i:imm20a.
        imm: u32,
    },
}

// ---------------------------------------------------------------------------
// Field extraction (SDM Vol. 3 §4.5 format diagrams).

/// `btype`, bits 6..9 (B1, B2, B4).
#[inline(always)]
fn btype(raw: u64) -> u64 {
    bits(raw, 6, 3)
}

/// `x6`, bits 27..33 (B4, B7, B8, B9).
#[inline(always)]
fn x6(raw: u64) -> u64 {
    bits(raw, 27, 6)
}

/// `b1`, bits 6..9 (B3, B5).
#[inline(always)]
fn b1(raw: u64) -> u8 {
    bits(raw, 6, 3) as u8
}

/// `b2`, bits 13..16 (B4, B5, B7).
#[inline(always)]
fn b2(raw: u64) -> u8 {
    bits(raw, 13, 3) as u8
}

/// Whether hint of B1/B2/B3/B4: `wh` bits 33..35 (SDM Vol. 3 Table 4-52).
#[inline(always)]
fn bwh2(raw: u64) -> Bwh {
    match bits(raw, 33, 2) {
        0 => Bwh::Sptk,
        1 => Bwh::Spnt,
        2 => Bwh::Dptk,
        _ => Bwh::Dpnt,
    }
}

/// Whether hint of B5: 3-bit `wh` at bits 32..35, only the odd values are
/// defined (SDM Vol. 3 Table 4-53 "Indirect Call Whether Hint Completer").
#[inline(always)]
fn bwh3(raw: u64) -> Option<Bwh> {
    match bits(raw, 32, 3) {
        1 => Some(Bwh::Sptk),
        3 => Some(Bwh::Spnt),
        5 => Some(Bwh::Dptk),
        7 => Some(Bwh::Dpnt),
        _ => None,
    }
}

/// `ph` (bit 12) and `d` (bit 35) with the given whether hint.
#[inline(always)]
fn hints(raw: u64, wh: Bwh) -> Hints {
    Hints {
        wh,
        ph: if bit(raw, 12) { Ph::Many } else { Ph::Few },
        dh: if bit(raw, 35) { Dh::Clr } else { Dh::Keep },
    }
}

/// IP-relative target: `s:imm20b` (bit 36, bits 13..33) is a signed count of
/// bundles, sign-extended from 21 bits and scaled by 16 (B1, B3, B6).
#[inline(always)]
fn ip_target(raw: u64, addr: u64) -> u64 {
    let imm21 = (u64::from(bit(raw, 36)) << 20) | bits(raw, 13, 20);
    addr.wrapping_add((sext(imm21, 21) as u64).wrapping_shl(4))
}

/// Predict tag address: `t2e:timm7a` (bits 33..35, 6..13) is a signed
/// 9-bit count of bundles relative to the bundle (B6, B7).
#[inline(always)]
fn tag(raw: u64, addr: u64) -> u64 {
    let tag9 = (bits(raw, 33, 2) << 7) | bits(raw, 6, 7);
    addr.wrapping_add((sext(tag9, 9) as u64).wrapping_shl(4))
}

/// The `ih` bit 35 of B6/B7.
#[inline(always)]
fn ih(raw: u64) -> Ih {
    if bit(raw, 35) {
        Ih::Imp
    } else {
        Ih::Plain
    }
}

/// `imm21` of B9: `imm20a` (bits 6..26) with the `i` bit (36) as bit 20.
#[inline(always)]
fn imm21(raw: u64) -> u32 {
    ((u64::from(bit(raw, 36)) << 20) | bits(raw, 6, 20)) as u32
}

// ---------------------------------------------------------------------------
// Decoding.

/// Writes a B-unit instruction with qualifying predicate `qp`.
#[inline(always)]
fn ok(out: &mut SlotResult, qp: u8, i: BInsn) {
    *out = Ok(Slot {
        qp,
        insn: Insn::B(i),
    });
}

/// Decodes a B slot; `addr` is the bundle address.
pub fn decode(raw: u64, addr: u64) -> SlotResult {
    let mut out = Err(DecodeError::reserved(raw));
    decode_into(&mut out, raw, addr);
    out
}

/// [`decode`] writing the slot in place.
pub(crate) fn decode_into(out: &mut SlotResult, raw: u64, addr: u64) {
    match crate::fields::major(raw) {
        0 => op0(out, raw, addr),
        1 => op1(out, raw, addr),
        2 => op2(out, raw, addr),
        4 => op4(out, raw, addr),
        5 => op5(out, raw, addr),
        7 => op7(out, raw, addr),
        _ => rsv(out, raw),
    }
}

/// Major opcode 0: indirect branches, miscellaneous, `break.b`.
pub(crate) fn op0(out: &mut SlotResult, raw: u64, _addr: u64) {
    decode_op0(out, raw)
}

/// Major opcode 1: indirect call.
pub(crate) fn op1(out: &mut SlotResult, raw: u64, _addr: u64) {
    decode_call_ind(out, raw)
}

/// Major opcode 2: `nop.b`, `hint.b`, indirect predict.
pub(crate) fn op2(out: &mut SlotResult, raw: u64, addr: u64) {
    decode_op2(out, raw, addr)
}

/// Major opcode 4: IP-relative branches.
pub(crate) fn op4(out: &mut SlotResult, raw: u64, addr: u64) {
    decode_br_rel(out, raw, addr)
}

/// Major opcode 5: IP-relative call.
pub(crate) fn op5(out: &mut SlotResult, raw: u64, addr: u64) {
    decode_call_rel(out, raw, addr)
}

/// Major opcode 7: IP-relative predict.
pub(crate) fn op7(out: &mut SlotResult, raw: u64, addr: u64) {
    decode_brp_rel(out, raw, addr)
}

/// Major opcode 0: indirect branches (B4), miscellaneous (B8) and
/// `break.b` (B9), by `x6` (SDM Vol. 3 Table 4-48 "Indirect/Miscellaneous
/// Branch Opcode Extensions").
fn decode_op0(out: &mut SlotResult, raw: u64) {
    let misc = |out: &mut SlotResult, i: BInsn| ok(out, 0, i);
    match x6(raw) {
        0x00 => ok(out, qp(raw), BInsn::Break { imm: imm21(raw) }),
        0x02 => misc(out, BInsn::Cover),
        0x04 => misc(out, BInsn::Clrrrb),
        0x05 => misc(out, BInsn::ClrrrbPr),
        0x08 => misc(out, BInsn::Rfi),
        0x0c => misc(out, BInsn::Bsw0),
        0x0d => misc(out, BInsn::Bsw1),
        0x10 => misc(out, BInsn::Epc),
        0x18 => misc(out, BInsn::Vmsw0),
        0x19 => misc(out, BInsn::Vmsw1),
        // SDM Vol. 3 Table 4-49 "Indirect Branch Types".
        0x20 => match btype(raw) {
            0 => br_ind(out, raw, IndBr::Cond),
            1 => br_ind(out, raw, IndBr::Ia),
            _ => rsv(out, raw),
        },
        // SDM Vol. 3 Table 4-50 "Indirect Return Branch Types".
        0x21 => match btype(raw) {
            4 => br_ind(out, raw, IndBr::Ret),
            _ => rsv(out, raw),
        },
        _ => rsv(out, raw),
    }
}

/// B4: indirect branch.
fn br_ind(out: &mut SlotResult, raw: u64, kind: IndBr) {
    let q = qp(raw);
    ok(
        out,
        q,
        BInsn::BrInd {
            kind,
            hints: hints(raw, bwh2(raw)),
            p0: q == 0,
            b2: b2(raw),
        },
    )
}

/// B5: indirect call.
fn decode_call_ind(out: &mut SlotResult, raw: u64) {
    let Some(wh) = bwh3(raw) else {
        return rsv(out, raw);
    };
    ok(
        out,
        qp(raw),
        BInsn::CallInd {
            b1: b1(raw),
            b2: b2(raw),
            hints: hints(raw, wh),
        },
    )
}

/// Major opcode 2: `nop.b` / `hint.b` (B9) and indirect predict (B7), by
/// `x6` (SDM Vol. 3 §4.5.2 "Indirect Predict/Nop/Hint Opcode Extensions").
fn decode_op2(out: &mut SlotResult, raw: u64, addr: u64) {
    match x6(raw) {
        0x00 => ok(out, qp(raw), BInsn::Nop { imm: imm21(raw) }),
        0x01 => ok(out, qp(raw), BInsn::Hint { imm: imm21(raw) }),
        0x10 => brp_ind(out, raw, addr, false),
        0x11 => brp_ind(out, raw, addr, true),
        _ => rsv(out, raw),
    }
}

/// B7: indirect predict; `indwh` (bits 3..5) has only sptk and dptk.
fn brp_ind(out: &mut SlotResult, raw: u64, addr: u64, ret: bool) {
    let wh = match bits(raw, 3, 2) {
        0 => Ipwh::Sptk,
        2 => Ipwh::Dptk,
        _ => return rsv(out, raw),
    };
    ok(
        out,
        0,
        BInsn::BrpInd {
            ret,
            wh,
            ih: ih(raw),
            b2: b2(raw),
            tag: tag(raw, addr),
        },
    )
}

/// Major opcode 4: IP-relative branches B1 / B2 (SDM Vol. 3 Table 4-47).
fn decode_br_rel(out: &mut SlotResult, raw: u64, addr: u64) {
    let (kind, q) = match btype(raw) {
        0 => (IpBr::Cond, qp(raw)),
        2 => (IpBr::Wexit, qp(raw)),
        3 => (IpBr::Wtop, qp(raw)),
        5 => (IpBr::Cloop, 0),
        6 => (IpBr::Cexit, 0),
        7 => (IpBr::Ctop, 0),
        _ => return rsv(out, raw),
    };
    ok(
        out,
        q,
        BInsn::Br {
            kind,
            hints: hints(raw, bwh2(raw)),
            p0: q == 0,
            target: ip_target(raw, addr),
        },
    )
}

/// B3: IP-relative call.
fn decode_call_rel(out: &mut SlotResult, raw: u64, addr: u64) {
    ok(
        out,
        qp(raw),
        BInsn::CallRel {
            b1: b1(raw),
            hints: hints(raw, bwh2(raw)),
            target: ip_target(raw, addr),
        },
    )
}

/// B6: IP-relative predict; `ipwh` at bits 3..5 (SDM Vol. 3 §4.5.2).
fn decode_brp_rel(out: &mut SlotResult, raw: u64, addr: u64) {
    let wh = match bits(raw, 3, 2) {
        0 => Ipwh::Sptk,
        1 => Ipwh::Loop,
        2 => Ipwh::Dptk,
        _ => Ipwh::Exit,
    };
    ok(
        out,
        0,
        BInsn::BrpRel {
            wh,
            ih: ih(raw),
            target: ip_target(raw, addr),
            tag: tag(raw, addr),
        },
    )
}

// ---------------------------------------------------------------------------
// Display.

impl Bwh {
    fn name(self) -> &'static str {
        match self {
            Bwh::Sptk => ".sptk",
            Bwh::Spnt => ".spnt",
            Bwh::Dptk => ".dptk",
            Bwh::Dpnt => ".dpnt",
        }
    }
}

impl Ipwh {
    fn name(self) -> &'static str {
        match self {
            Ipwh::Sptk => ".sptk",
            Ipwh::Loop => ".loop",
            Ipwh::Dptk => ".dptk",
            Ipwh::Exit => ".exit",
        }
    }
}

impl Ih {
    fn name(self) -> &'static str {
        match self {
            Ih::Plain => "",
            Ih::Imp => ".imp",
        }
    }
}

impl Hints {
    /// `.bwh.ph[.dh]`.
    fn write(self, w: &mut dyn Write) -> fmt::Result {
        w.write_str(self.wh.name())?;
        self.write_ph_dh(w)
    }

    /// `.ph[.dh]` alone (the `br` pseudo-op omits the whether hint).
    fn write_ph_dh(self, w: &mut dyn Write) -> fmt::Result {
        w.write_str(match self.ph {
            Ph::Few => ".few",
            Ph::Many => ".many",
        })?;
        w.write_str(match self.dh {
            Dh::Keep => "",
            Dh::Clr => ".clr",
        })
    }

    /// objdump prints unpredicated `br.cond.sptk` as the `br` pseudo-op.
    fn write_cond(self, w: &mut dyn Write, p0: bool) -> fmt::Result {
        if p0 && self.wh == Bwh::Sptk {
            w.write_str("br")?;
            self.write_ph_dh(w)
        } else {
            w.write_str("br.cond")?;
            self.write(w)
        }
    }
}

impl IpBr {
    fn name(self) -> &'static str {
        match self {
            IpBr::Cond => "br.cond",
            IpBr::Wexit => "br.wexit",
            IpBr::Wtop => "br.wtop",
            IpBr::Cloop => "br.cloop",
            IpBr::Cexit => "br.cexit",
            IpBr::Ctop => "br.ctop",
        }
    }
}

impl BInsn {
    /// Writes objdump's text for the instruction.
    pub fn write(&self, w: &mut dyn Write, cx: &Ctx) -> fmt::Result {
        match *self {
            BInsn::Br {
                kind,
                hints,
                p0,
                target,
            } => {
                if kind == IpBr::Cond {
                    hints.write_cond(w, p0)?;
                } else {
                    w.write_str(kind.name())?;
                    hints.write(w)?;
                }
                w.write_char(' ')?;
                cx.target(w, target)
            }
            BInsn::CallRel { b1, hints, target } => {
                w.write_str("br.call")?;
                hints.write(w)?;
                write!(w, " b{b1}=")?;
                cx.target(w, target)
            }
            BInsn::BrInd {
                kind,
                hints,
                p0,
                b2,
            } => {
                match kind {
                    IndBr::Cond => hints.write_cond(w, p0)?,
                    IndBr::Ia => {
                        w.write_str("br.ia")?;
                        hints.write(w)?;
                    }
                    IndBr::Ret => {
                        w.write_str("br.ret")?;
                        hints.write(w)?;
                    }
                }
                write!(w, " b{b2}")
            }
            BInsn::CallInd { b1, b2, hints } => {
                w.write_str("br.call")?;
                hints.write(w)?;
                write!(w, " b{b1}=b{b2}")
            }
            BInsn::BrpRel {
                wh,
                ih,
                target,
                tag,
            } => {
                write!(w, "brp{}{} ", wh.name(), ih.name())?;
                cx.target(w, target)?;
                w.write_char(',')?;
                cx.target(w, tag)
            }
            BInsn::BrpInd {
                ret,
                wh,
                ih,
                b2,
                tag,
            } => {
                let r = if ret { ".ret" } else { "" };
                write!(w, "brp{r}{}{} b{b2},", wh.name(), ih.name())?;
                cx.target(w, tag)
            }
            BInsn::Cover => w.write_str("cover"),
            BInsn::Clrrrb => w.write_str("clrrrb"),
            BInsn::ClrrrbPr => w.write_str("clrrrb.pr"),
            BInsn::Rfi => w.write_str("rfi"),
            BInsn::Bsw0 => w.write_str("bsw.0"),
            BInsn::Bsw1 => w.write_str("bsw.1"),
            BInsn::Epc => w.write_str("epc"),
            BInsn::Vmsw0 => w.write_str("vmsw.0"),
            BInsn::Vmsw1 => w.write_str("vmsw.1"),
            BInsn::Break { imm } => write!(w, "break.b 0x{imm:x}"),
            BInsn::Nop { imm } => write!(w, "nop.b 0x{imm:x}"),
            BInsn::Hint { imm } => write!(w, "hint.b 0x{imm:x}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::disasm::NoSymbols;

    const ADDR: u64 = 0x4000_0000_0000_1000;

    /// Places `v` at bit `lo` of a slot.
    fn f(v: u64, lo: u32) -> u64 {
        v << lo
    }

    /// An IP-relative slot (B1/B3/B6 layout) with signed bundle count `imm21`.
    fn iprel(op: u64, imm21: i64) -> u64 {
        let v = (imm21 as u64) & 0x1f_ffff;
        f(op, 37) | f(v >> 20, 36) | f(v & 0xf_ffff, 13)
    }

    fn dec(raw: u64) -> Slot {
        match decode(raw, ADDR) {
            Ok(s) => s,
            Err(e) => panic!("{raw:#x} did not decode: {e:?}"),
        }
    }

    fn text(raw: u64) -> String {
        let s = dec(raw);
        let mut out = String::new();
        if s.qp != 0 {
            out.push_str(&format!("(p{:02}) ", s.qp));
        }
        let Insn::B(i) = s.insn else {
            panic!("not a B insn")
        };
        let cx = Ctx {
            symbols: &NoSymbols,
        };
        i.write(&mut out, &cx).unwrap();
        out
    }

    #[test]
    fn enum_is_compact() {
        assert_eq!(core::mem::size_of::<BInsn>(), 24);
        assert_eq!(core::mem::size_of::<Hints>(), 3);
    }

    #[test]
    fn iprel_target_most_negative() {
        // imm21 = -2^20 bundles: s bit set, imm20b zero.
        let s = dec(iprel(4, -(1 << 20)));
        assert_eq!(s.qp, 0);
        match s.insn {
            Insn::B(BInsn::Br {
                kind: IpBr::Cond,
                p0: true,
                target,
                ..
            }) => {
                assert_eq!(target, ADDR.wrapping_sub(0x100_0000));
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn iprel_target_most_positive() {
        let s = dec(iprel(5, (1 << 20) - 1) | f(3, 6) | 7);
        assert_eq!(s.qp, 7);
        match s.insn {
            Insn::B(BInsn::CallRel {
                b1: 3,
                target,
                hints,
            }) => {
                assert_eq!(target, ADDR + 0xff_fff0);
                assert_eq!(hints.wh, Bwh::Sptk);
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn iprel_small_negative() {
        // -1 bundle: all imm20b bits and s set.
        match dec(iprel(4, -1) | f(2, 6) | f(3, 33) | f(1, 35) | f(1, 12)).insn {
            Insn::B(BInsn::Br {
                kind,
                hints,
                target,
                ..
            }) => {
                assert_eq!(kind, IpBr::Wexit);
                assert_eq!(target, ADDR - 16);
                assert_eq!(
                    hints,
                    Hints {
                        wh: Bwh::Dpnt,
                        ph: Ph::Many,
                        dh: Dh::Clr
                    }
                );
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn brp_tag_sign_extended_and_scaled() {
        // t2e = 0b10, timm7a = 0: tag9 = -256 bundles.
        let raw = iprel(7, 1) | f(2, 33) | f(1, 3);
        match dec(raw).insn {
            Insn::B(BInsn::BrpRel {
                wh,
                ih,
                target,
                tag,
            }) => {
                assert_eq!(wh, Ipwh::Loop);
                assert_eq!(ih, Ih::Plain);
                assert_eq!(target, ADDR + 16);
                assert_eq!(tag, ADDR - 0x1000);
            }
            other => panic!("{other:?}"),
        }
        // t2e = 0b01, timm7a = 0x7f: tag9 = +255 bundles; indirect .ret.imp.
        let raw = f(2, 37) | f(0x11, 27) | f(1, 33) | f(0x7f, 6) | f(1, 35) | f(6, 13);
        match dec(raw).insn {
            Insn::B(BInsn::BrpInd {
                ret: true,
                wh: Ipwh::Sptk,
                ih: Ih::Imp,
                b2: 6,
                tag,
            }) => {
                assert_eq!(tag, ADDR + 0xff0);
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn b9_imm21_i_bit_is_bit_20() {
        let raw = f(1, 36) | f(0xf_ffff, 6) | 5;
        let s = dec(raw);
        assert_eq!(s.qp, 5);
        assert_eq!(s.insn, Insn::B(BInsn::Break { imm: 0x1f_ffff }));
        assert_eq!(
            dec(f(2, 37) | f(1, 36)).insn,
            Insn::B(BInsn::Nop { imm: 0x10_0000 })
        );
        assert_eq!(
            dec(f(2, 37) | f(1, 27) | f(0x1ffff, 6)).insn,
            Insn::B(BInsn::Hint { imm: 0x1ffff })
        );
    }

    #[test]
    fn indirect_call_whether_hint_table() {
        // B5: 3-bit wh, odd values only (SDM Vol. 3 Table 4-53).
        let base = f(1, 37) | f(7, 6) | f(5, 13);
        for (wh, want) in [
            (1, Bwh::Sptk),
            (3, Bwh::Spnt),
            (5, Bwh::Dptk),
            (7, Bwh::Dpnt),
        ] {
            match dec(base | f(wh, 32)).insn {
                Insn::B(BInsn::CallInd {
                    b1: 7,
                    b2: 5,
                    hints,
                }) => assert_eq!(hints.wh, want),
                other => panic!("{other:?}"),
            }
        }
        for wh in [0, 2, 4, 6] {
            assert!(decode(base | f(wh, 32), ADDR).is_err());
        }
    }

    #[test]
    fn no_qp_forms_drop_the_predicate() {
        // B2 br.cloop, B8 cover, B6/B7 brp: the qp field is ignored.
        assert_eq!(dec(iprel(4, 0) | f(5, 6) | 0x3f).qp, 0);
        let cover = dec(f(2, 27) | 0x15);
        assert_eq!(
            cover,
            Slot {
                qp: 0,
                insn: Insn::B(BInsn::Cover)
            }
        );
        assert_eq!(dec(f(7, 37) | 0x7).qp, 0);
        // B1 br.wtop keeps it.
        assert_eq!(dec(iprel(4, 0) | f(3, 6) | 9).qp, 9);
    }

    #[test]
    fn reserved_encodings() {
        for op in [3u64, 6, 8, 9, 10, 11, 12, 13, 14, 15] {
            assert!(decode(f(op, 37), ADDR).is_err());
        }
        // btype 1 and 4 of IP-relative branches.
        assert!(decode(f(4, 37) | f(1, 6), ADDR).is_err());
        assert!(decode(f(4, 37) | f(4, 6), ADDR).is_err());
        // br.ret needs btype 4; indirect br only btype 0/1.
        assert!(decode(f(0x21, 27), ADDR).is_err());
        assert!(decode(f(0x20, 27) | f(2, 6), ADDR).is_err());
        // Indirect brp has no loop/exit hints.
        assert!(decode(f(2, 37) | f(0x10, 27) | f(1, 3), ADDR).is_err());
        // Unassigned x6 values.
        assert!(decode(f(1, 27), ADDR).is_err());
        assert!(decode(f(2, 37) | f(2, 27), ADDR).is_err());
    }

    #[test]
    fn display_pseudo_and_completers() {
        assert_eq!(text(iprel(4, 0)), "br.few 0x4000000000001000");
        assert_eq!(
            text(iprel(4, 0) | 1),
            "(p01) br.cond.sptk.few 0x4000000000001000"
        );
        assert_eq!(
            text(iprel(4, 0) | f(1, 33)),
            "br.cond.spnt.few 0x4000000000001000"
        );
        assert_eq!(
            text(f(0x20, 27) | f(1, 35) | f(1, 12) | f(7, 13)),
            "br.many.clr b7"
        );
        assert_eq!(text(f(0x21, 27) | f(4, 6) | f(2, 33)), "br.ret.dptk.few b0");
        assert_eq!(
            text(f(1, 37) | f(7, 32) | f(1, 6) | f(2, 13)),
            "br.call.dpnt.few b1=b2"
        );
        assert_eq!(
            text(iprel(7, -1) | f(3, 3) | f(1, 35) | f(0x7f, 6) | f(3, 33)),
            "brp.exit.imp 0x4000000000000ff0,0x4000000000000ff0"
        );
        assert_eq!(text(f(0x19, 27)), "vmsw.1");
        assert_eq!(text(f(2, 37) | f(1, 27) | f(1, 36)), "hint.b 0x100000");
    }

    #[test]
    fn never_panics() {
        let mut x: u64 = 0x1234_5678_9abc_def0;
        let mut out = String::new();
        let cx = Ctx {
            symbols: &NoSymbols,
        };
        for i in 0..200_000u64 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let raw = x & ((1 << 41) - 1);
            for addr in [0, !15, i << 4] {
                if let Ok(Slot {
                    insn: Insn::B(b), ..
                }) = decode(raw, addr)
                {
                    out.clear();
                    let _ = b.write(&mut out, &cx);
                }
            }
        }
    }
}
