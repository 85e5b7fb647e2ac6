//! M-unit system and memory-management instructions: major opcodes 0 and 1
//! of M slots.
//!
//! This module owns the decoding and the objdump text of everything GNU
//! objdump 2.40 recognises in those two opcodes (SDM Vol. 3 §4.4, Tables
//! 4-42 to 4-46 "Opcode 0/1 System/Memory Management Opcode Extensions"):
//! `break.m`/`nop.m`/`hint.m`, the Itanium 9500 `mov dahr=imm16`, the
//! serialisation and fence group (`invala`, `fwb`, `mf`, `srlz`, `sync.i`),
//! the RSE control instructions (`flushrs`, `loadrs`, `alloc`), speculation
//! checks (`chk.a`, `chk.s.m`, `chk.s`), moves to and from application,
//! control, processor-status and indirect registers, `sum`/`rum`/`ssm`/`rsm`,
//! and the TLB, probe and cache-flush instructions.
//!
//! Field layout of opcodes 0/1 (bit 0 = qp): x3 is bits 33..36, x4 bits
//! 27..31, x2 bits 31..33 (opcode 0, x3 = 0), x6 bits 27..33 (opcode 1,
//! x3 = 0).  Fields that a format does not use are ignored, as objdump
//! ignores them.

use crate::disasm::Ctx;
use crate::fields::{bit, bits, f1, f2, f3, qp, sext};
use crate::insn::{rsv, DecodeError, Insn, Slot, SlotResult};
use crate::regs::write_ar;
use crate::regs::write_cr;
use core::fmt::{self, Write};

/// Memory-ordering and serialisation operations without operands (M24).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SyncOp {
    /// `invala`: invalidate the whole ALAT.
    Invala,
    /// `fwb`: flush write buffers.
    Fwb,
    /// `mf`: memory fence.
    Mf,
    /// `mf.a`: acceptance fence.
    MfA,
    /// `srlz.d`: data serialisation.
    SrlzD,
    /// `srlz.i`: instruction serialisation.
    SrlzI,
    /// `sync.i`: instruction-cache synchronisation.
    SyncI,
}

/// Register stack engine control without operands (M25).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RseOp {
    /// `loadrs`: load the register stack from the backing store.
    Loadrs,
    /// `flushrs`: flush the dirty stacked registers to the backing store.
    Flushrs,
}

/// The four PSR mask operations of M44.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PsrMaskOp {
    /// `sum`: set user mask bits.
    Sum,
    /// `rum`: reset user mask bits.
    Rum,
    /// `ssm`: set system mask bits.
    Ssm,
    /// `rsm`: reset system mask bits.
    Rsm,
}

/// Which part of the PSR a move reads or writes (M35/M36).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PsrPart {
    /// The whole PSR (`mov r1=psr`, read only).
    Psr,
    /// The lower half, bits 0..32 (`mov psr.l=r2`, write only).
    L,
    /// The user mask, bits 0..6 (`psr.um`).
    Um,
}

/// Indirect register files of M42/M43 (`file[r3]`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IndFile {
    /// Region registers.
    Rr,
    /// Data breakpoint registers.
    Dbr,
    /// Instruction breakpoint registers.
    Ibr,
    /// Protection key registers.
    Pkr,
    /// Performance monitor configuration registers.
    Pmc,
    /// Performance monitor data registers.
    Pmd,
    /// Model-specific registers (Itanium 2 and later).
    Msr,
    /// Processor identification registers (read only).
    Cpuid,
    /// Data access hint registers (Itanium 9500, read only here).
    Dahr,
}

impl IndFile {
    fn name(self) -> &'static str {
        match self {
            IndFile::Rr => "rr",
            IndFile::Dbr => "dbr",
            IndFile::Ibr => "ibr",
            IndFile::Pkr => "pkr",
            IndFile::Pmc => "pmc",
            IndFile::Pmd => "pmd",
            IndFile::Msr => "msr",
            IndFile::Cpuid => "cpuid",
            IndFile::Dahr => "dahr",
        }
    }
}

/// Instruction or data side of a TLB operation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TlbSide {
    /// Instruction TLB / translation registers (`.i`).
    I,
    /// Data TLB / translation registers (`.d`).
    D,
}

impl TlbSide {
    fn suffix(self) -> &'static str {
        match self {
            TlbSide::I => "i",
            TlbSide::D => "d",
        }
    }
}

/// TLB purges taking an address and a size register (M45).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PurgeOp {
    /// `ptc.l`: purge the local translation cache.
    PtcL,
    /// `ptc.g`: global purge.
    PtcG,
    /// `ptc.ga`: global purge, ALAT too.
    PtcGa,
    /// `ptr.d`: purge data translation registers.
    PtrD,
    /// `ptr.i`: purge instruction translation registers.
    PtrI,
}

/// Translation queries `r1=r3` (M46).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TransOp {
    /// `thash`: VHPT hash address.
    Thash,
    /// `ttag`: VHPT tag.
    Ttag,
    /// `tpa`: translate to physical address.
    Tpa,
    /// `tak`: translation access key.
    Tak,
}

/// Access kind tested by `probe` (M38..M40).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ProbeKind {
    /// `.r`: read access.
    R,
    /// `.w`: write access.
    W,
    /// `.rw`: read and write access (only the `.fault` form).
    Rw,
}

impl ProbeKind {
    fn suffix(self) -> &'static str {
        match self {
            ProbeKind::R => "r",
            ProbeKind::W => "w",
            ProbeKind::Rw => "rw",
        }
    }
}

/// Completer of `chk.a` (M22/M23).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ChkAKind {
    /// `.nc`: leave the ALAT entry alone.
    Nc,
    /// `.clr`: clear the matching ALAT entry.
    Clr,
}

impl ChkAKind {
    fn suffix(self) -> &'static str {
        match self {
            ChkAKind::Nc => "nc",
            ChkAKind::Clr => "clr",
        }
    }
}

/// M-unit system and memory-management instructions (major opcodes 0..1).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MSysInsn {
    /// M37: `break.m imm21`.
    Break {
        /// The 21-bit immediate (`i` is bit 20).
        imm: u64,
    },
    /// M48: `nop.m imm21` (y = 0).
    Nop {
        /// The 21-bit immediate (`i` is bit 20).
        imm: u64,
    },
    /// M48: `hint.m imm` (y = 1, bits 10..12 zero).  objdump 2.40 carves the
    /// Itanium 9500 `mov dahr` encodings out of bits 10..12, so the hint
    /// number is bits 6..10, 12..26 and `i`: 19 bits.
    Hint {
        /// The hint number.
        imm: u64,
    },
    /// M48 space, Itanium 9500: `mov dahrN=imm16` (y = 1, bits 10..12 = 1).
    MovToDahr {
        /// The data access hint register, 0..7.
        dahr: u8,
        /// The 16-bit hint value.
        imm: u64,
    },
    /// M24: `invala`, `fwb`, `mf`, `mf.a`, `srlz.d`, `srlz.i`, `sync.i`.
    Sync {
        /// The operation.
        op: SyncOp,
    },
    /// M25: `loadrs`, `flushrs` (no qualifying predicate).
    Rse {
        /// The operation.
        op: RseOp,
    },
    /// M26: `invala.e r1`.
    InvalaEGr {
        /// The general register whose ALAT entry is invalidated.
        r1: u8,
    },
    /// M27: `invala.e f1`.
    InvalaEFr {
        /// The floating-point register whose ALAT entry is invalidated.
        f1: u8,
    },
    /// M44: `sum`/`rum`/`ssm`/`rsm imm24`.
    PsrMask {
        /// The operation.
        op: PsrMaskOp,
        /// The 24-bit PSR bit mask.
        imm: u64,
    },
    /// M29: `mov.m ar3=r2`.
    MovToAr {
        /// Application register number.
        ar: u8,
        /// Source general register.
        r2: u8,
    },
    /// M30: `mov.m ar3=imm8`.
    MovToArImm {
        /// Application register number.
        ar: u8,
        /// The sign-extended 8-bit immediate.
        imm: i64,
    },
    /// M31: `mov.m r1=ar3`.
    MovFromAr {
        /// Destination general register.
        r1: u8,
        /// Application register number.
        ar: u8,
    },
    /// M32: `mov cr3=r2`.
    MovToCr {
        /// Control register number.
        cr: u8,
        /// Source general register.
        r2: u8,
    },
    /// M33: `mov r1=cr3`.
    MovFromCr {
        /// Destination general register.
        r1: u8,
        /// Control register number.
        cr: u8,
    },
    /// M35: `mov psr.l=r2` / `mov psr.um=r2`.
    MovToPsr {
        /// [`PsrPart::L`] or [`PsrPart::Um`].
        part: PsrPart,
        /// Source general register.
        r2: u8,
    },
    /// M36: `mov r1=psr` / `mov r1=psr.um`.
    MovFromPsr {
        /// Destination general register.
        r1: u8,
        /// [`PsrPart::Psr`] or [`PsrPart::Um`].
        part: PsrPart,
    },
    /// M42: `mov file[r3]=r2` (rr, dbr, ibr, pkr, pmc, pmd, msr).
    MovToInd {
        /// The register file.
        file: IndFile,
        /// Index register.
        r3: u8,
        /// Source general register.
        r2: u8,
    },
    /// M43: `mov r1=file[r3]` (also cpuid and dahr).
    MovFromInd {
        /// The register file.
        file: IndFile,
        /// Destination general register.
        r1: u8,
        /// Index register.
        r3: u8,
    },
    /// M42: `itr.d dtr[r3]=r2` / `itr.i itr[r3]=r2`.
    Itr {
        /// Instruction or data translation registers.
        side: TlbSide,
        /// Slot index register.
        r3: u8,
        /// Translation (page entry) register.
        r2: u8,
    },
    /// M41: `itc.d r2` / `itc.i r2`.
    Itc {
        /// Instruction or data translation cache.
        side: TlbSide,
        /// Translation (page entry) register.
        r2: u8,
    },
    /// M45: `ptc.l`/`ptc.g`/`ptc.ga`/`ptr.d`/`ptr.i r3,r2`.
    Purge {
        /// The purge operation.
        op: PurgeOp,
        /// Virtual address register.
        r3: u8,
        /// Page size register.
        r2: u8,
    },
    /// M47: `ptc.e r3`.
    PtcE {
        /// Purge entry register.
        r3: u8,
    },
    /// M46: `thash`/`ttag`/`tpa`/`tak r1=r3`.
    Translate {
        /// The query.
        op: TransOp,
        /// Destination general register.
        r1: u8,
        /// Virtual address register.
        r3: u8,
    },
    /// M38: `probe.r`/`probe.w r1=r3,r2`.
    ProbeReg {
        /// Read or write.
        kind: ProbeKind,
        /// Destination general register.
        r1: u8,
        /// Virtual address register.
        r3: u8,
        /// Privilege level register.
        r2: u8,
    },
    /// M39: `probe.r`/`probe.w r1=r3,imm2`.
    ProbeImm {
        /// Read or write.
        kind: ProbeKind,
        /// Destination general register.
        r1: u8,
        /// Virtual address register.
        r3: u8,
        /// Privilege level, 0..3.
        imm: u8,
    },
    /// M40: `probe.r.fault`/`probe.w.fault`/`probe.rw.fault r3,imm2`.
    ProbeFault {
        /// Access kind.
        kind: ProbeKind,
        /// Virtual address register.
        r3: u8,
        /// Privilege level, 0..3.
        imm: u8,
    },
    /// M28: `fc r3` / `fc.i r3`.
    Fc {
        /// `fc.i` (instruction-cache coherent flush) when true.
        inst: bool,
        /// Address register.
        r3: u8,
    },
    /// M22: `chk.a.nc`/`chk.a.clr r1,target25`.
    ChkAGr {
        /// The completer.
        kind: ChkAKind,
        /// The checked general register.
        r1: u8,
        /// Absolute recovery address.
        target: u64,
    },
    /// M23: `chk.a.nc`/`chk.a.clr f1,target25`.
    ChkAFr {
        /// The completer.
        kind: ChkAKind,
        /// The checked floating-point register.
        f1: u8,
        /// Absolute recovery address.
        target: u64,
    },
    /// M20: `chk.s.m r2,target25`.
    ChkSGr {
        /// The checked general register.
        r2: u8,
        /// Absolute recovery address.
        target: u64,
    },
    /// M21: `chk.s f2,target25`.
    ChkSFr {
        /// The checked floating-point register.
        f2: u8,
        /// Absolute recovery address.
        target: u64,
    },
    /// M34: `alloc r1=ar.pfs,sof,sol,sor` (no qualifying predicate).
    Alloc {
        /// Destination of the previous function state.
        r1: u8,
        /// Size of frame.
        sof: u8,
        /// Size of locals.
        sol: u8,
        /// Size of rotating region (the field × 8).
        sor: u8,
    },
}

// ---------------------------------------------------------------------------
// Decoding
// ---------------------------------------------------------------------------

/// Wraps an instruction that has a qualifying predicate.
#[inline(always)]
fn pred(out: &mut SlotResult, raw: u64, i: MSysInsn) {
    *out = Ok(Slot {
        qp: qp(raw),
        insn: Insn::MSys(i),
    });
}

/// Wraps an instruction that takes no qualifying predicate (the qp field is
/// ignored, as objdump ignores it).
#[inline(always)]
fn nopred(out: &mut SlotResult, i: MSysInsn) {
    *out = Ok(Slot {
        qp: 0,
        insn: Insn::MSys(i),
    });
}

/// The `i` sign/high bit, bit 36.
#[inline]
fn i_bit(raw: u64) -> u64 {
    bits(raw, 36, 1)
}

/// imm21 of M37/M48: imm20a (bits 6..26) and `i` (SDM Vol. 3 §4.4.11).
#[inline]
fn imm21(raw: u64) -> u64 {
    bits(raw, 6, 20) | (i_bit(raw) << 20)
}

/// imm24 of M44: imm21a (bits 6..27), i2 (bits 31..33), `i` (bit 36).
#[inline]
fn imm24(raw: u64) -> u64 {
    bits(raw, 6, 21) | (bits(raw, 31, 2) << 21) | (i_bit(raw) << 23)
}

/// Target of M22/M23: imm20b (bits 13..33) and `s` (bit 36), a signed count
/// of bundles relative to the bundle address.
#[inline]
fn chk_a_target(raw: u64, addr: u64) -> u64 {
    let imm = bits(raw, 13, 20) | (i_bit(raw) << 20);
    addr.wrapping_add((sext(imm, 21) as u64).wrapping_shl(4))
}

/// Target of M20/M21: imm7a (bits 6..13), imm13c (bits 20..33) and `s`.
#[inline]
fn chk_s_target(raw: u64, addr: u64) -> u64 {
    let imm = bits(raw, 6, 7) | (bits(raw, 20, 13) << 7) | (i_bit(raw) << 20);
    addr.wrapping_add((sext(imm, 21) as u64).wrapping_shl(4))
}

/// Decodes a slot with major opcode 0 or 1 of an M slot; `addr` is the
/// bundle address.
pub fn decode(raw: u64, addr: u64) -> SlotResult {
    let mut out = Err(DecodeError::reserved(raw));
    decode_into(&mut out, raw, addr);
    out
}

/// [`decode`] writing the slot in place.
pub(crate) fn decode_into(out: &mut SlotResult, raw: u64, addr: u64) {
    match bits(raw, 37, 4) {
        0 => op0(out, raw, addr),
        1 => op1(out, raw, addr),
        _ => rsv(out, raw),
    }
}

/// Bits that identify `nop.m` (M48): major opcode 0 (bits 37..41), x3 = 0
/// (bits 33..36), x4 = 1 and x2 = 0 (bits 27..33), y = 0 (bit 26); SDM
/// Vol. 3 Tables 4-42/4-44.  Bit 36 and bits 6..26 are the imm21 operand.
/// `nop.i` (I18) has the same encoding in an I slot.
pub(crate) const NOP_MASK: u64 = (0xf << 37) | (0x3ff << 26);
/// The value of the [`NOP_MASK`] bits in `nop.m`/`nop.i`.
pub(crate) const NOP_BITS: u64 = 1 << 27;

/// Major opcode 0 of an M slot, by x3 (SDM Vol. 3 Table 4-42).  `nop.m`,
/// a fifth of the slots of real code, is matched first.
pub(crate) fn op0(out: &mut SlotResult, raw: u64, addr: u64) {
    if raw & NOP_MASK == NOP_BITS {
        return pred(out, raw, MSysInsn::Nop { imm: imm21(raw) });
    }
    let x3 = bits(raw, 33, 3);
    match x3 {
        0 => decode_op0_x3_0(out, raw),
        4..=7 => decode_chk_a(out, raw, x3, addr),
        _ => rsv(out, raw),
    }
}

/// Major opcode 1 of an M slot, by x3 (SDM Vol. 3 Table 4-43).
pub(crate) fn op1(out: &mut SlotResult, raw: u64, addr: u64) {
    match bits(raw, 33, 3) {
        0 => decode_op1_x6(out, raw),
        1 => pred(
            out,
            raw,
            MSysInsn::ChkSGr {
                r2: f2(raw),
                target: chk_s_target(raw, addr),
            },
        ),
        3 => pred(
            out,
            raw,
            MSysInsn::ChkSFr {
                f2: f2(raw),
                target: chk_s_target(raw, addr),
            },
        ),
        6 => decode_alloc(out, raw),
        _ => rsv(out, raw),
    }
}

/// M22/M23, opcode 0 x3 = 4..7 (SDM Vol. 3 Table 4-42).
fn decode_chk_a(out: &mut SlotResult, raw: u64, x3: u64, addr: u64) {
    let kind = if x3 & 1 == 0 {
        ChkAKind::Nc
    } else {
        ChkAKind::Clr
    };
    let target = chk_a_target(raw, addr);
    let i = if x3 & 2 == 0 {
        MSysInsn::ChkAGr {
            kind,
            r1: f1(raw),
            target,
        }
    } else {
        MSysInsn::ChkAFr {
            kind,
            f1: f1(raw),
            target,
        }
    };
    pred(out, raw, i)
}

/// M34 `alloc`: sof bits 13..20, sol bits 20..27, sor/8 bits 27..31.
fn decode_alloc(out: &mut SlotResult, raw: u64) {
    nopred(
        out,
        MSysInsn::Alloc {
            r1: f1(raw),
            sof: f2(raw),
            sol: f3(raw),
            sor: (bits(raw, 27, 4) as u8).wrapping_mul(8),
        },
    )
}

/// Opcode 0, x3 = 0: the 4-bit x4 (bits 27..31) + 2-bit x2 (bits 31..33)
/// table (SDM Vol. 3 Table 4-44).
fn decode_op0_x3_0(out: &mut SlotResult, raw: u64) {
    let x4 = bits(raw, 27, 4);
    let x2 = bits(raw, 31, 2);
    let sync = |out: &mut SlotResult, op| pred(out, raw, MSysInsn::Sync { op });
    match (x2, x4) {
        (_, 4..=7) => {
            // M44: x2 is the i2 part of imm24 here.
            let op = match x4 {
                4 => PsrMaskOp::Sum,
                5 => PsrMaskOp::Rum,
                6 => PsrMaskOp::Ssm,
                _ => PsrMaskOp::Rsm,
            };
            pred(
                out,
                raw,
                MSysInsn::PsrMask {
                    op,
                    imm: imm24(raw),
                },
            )
        }
        (0, 0) => pred(out, raw, MSysInsn::Break { imm: imm21(raw) }),
        (0, 1) => decode_nop_hint(out, raw),
        (0, 0xa) => nopred(out, MSysInsn::Rse { op: RseOp::Loadrs }),
        (0, 0xc) => nopred(out, MSysInsn::Rse { op: RseOp::Flushrs }),
        (1, 0) => sync(out, SyncOp::Invala),
        (1, 2) => pred(out, raw, MSysInsn::InvalaEGr { r1: f1(raw) }),
        (1, 3) => pred(out, raw, MSysInsn::InvalaEFr { f1: f1(raw) }),
        (2, 0) => sync(out, SyncOp::Fwb),
        (2, 2) => sync(out, SyncOp::Mf),
        (2, 3) => sync(out, SyncOp::MfA),
        (2, 8) => pred(
            out,
            raw,
            MSysInsn::MovToArImm {
                ar: f3(raw),
                // M30: imm7b (bits 13..20) and s (bit 36).
                imm: sext(bits(raw, 13, 7) | (i_bit(raw) << 7), 8),
            },
        ),
        (3, 0) => sync(out, SyncOp::SrlzD),
        (3, 1) => sync(out, SyncOp::SrlzI),
        (3, 3) => sync(out, SyncOp::SyncI),
        _ => rsv(out, raw),
    }
}

/// M48 space: `nop.m` (y = 0) or, with y = 1, `hint.m` / `mov dahr=imm16`
/// selected by bits 10..12 as objdump 2.40 does (values 2 and 3 reserved).
fn decode_nop_hint(out: &mut SlotResult, raw: u64) {
    if !bit(raw, 26) {
        return pred(out, raw, MSysInsn::Nop { imm: imm21(raw) });
    }
    let low = bits(raw, 6, 4);
    match bits(raw, 10, 2) {
        0 => pred(
            out,
            raw,
            MSysInsn::Hint {
                imm: low | (bits(raw, 12, 14) << 4) | (i_bit(raw) << 18),
            },
        ),
        1 => pred(
            out,
            raw,
            MSysInsn::MovToDahr {
                dahr: bits(raw, 23, 3) as u8,
                imm: low | (bits(raw, 12, 11) << 4) | (i_bit(raw) << 15),
            },
        ),
        _ => rsv(out, raw),
    }
}

/// Opcode 1, x3 = 0: the 6-bit x6 table (SDM Vol. 3 Table 4-46).
fn decode_op1_x6(out: &mut SlotResult, raw: u64) {
    let x6 = bits(raw, 27, 6);
    let (r1, r2, r3) = (f1(raw), f2(raw), f3(raw));
    let i = match x6 {
        0x00..=0x06 => MSysInsn::MovToInd {
            file: ind_file(x6 & 7),
            r3,
            r2,
        },
        0x09 => purge(PurgeOp::PtcL, r3, r2),
        0x0a => purge(PurgeOp::PtcG, r3, r2),
        0x0b => purge(PurgeOp::PtcGa, r3, r2),
        0x0c => purge(PurgeOp::PtrD, r3, r2),
        0x0d => purge(PurgeOp::PtrI, r3, r2),
        0x0e => MSysInsn::Itr {
            side: TlbSide::D,
            r3,
            r2,
        },
        0x0f => MSysInsn::Itr {
            side: TlbSide::I,
            r3,
            r2,
        },
        0x10..=0x17 => MSysInsn::MovFromInd {
            file: ind_file(x6 & 7),
            r1,
            r3,
        },
        0x18 | 0x19 => MSysInsn::ProbeImm {
            kind: rw(x6),
            r1,
            r3,
            imm: bits(raw, 13, 2) as u8,
        },
        0x1a => trans(TransOp::Thash, r1, r3),
        0x1b => trans(TransOp::Ttag, r1, r3),
        0x1e => trans(TransOp::Tpa, r1, r3),
        0x1f => trans(TransOp::Tak, r1, r3),
        0x20 => MSysInsn::MovFromInd {
            file: IndFile::Dahr,
            r1,
            r3,
        },
        0x21 => MSysInsn::MovFromPsr {
            r1,
            part: PsrPart::Um,
        },
        0x22 => MSysInsn::MovFromAr { r1, ar: r3 },
        0x24 => MSysInsn::MovFromCr { r1, cr: r3 },
        0x25 => MSysInsn::MovFromPsr {
            r1,
            part: PsrPart::Psr,
        },
        0x29 => MSysInsn::MovToPsr {
            part: PsrPart::Um,
            r2,
        },
        0x2a => MSysInsn::MovToAr { ar: r3, r2 },
        0x2c => MSysInsn::MovToCr { cr: r3, r2 },
        0x2d => MSysInsn::MovToPsr {
            part: PsrPart::L,
            r2,
        },
        0x2e => MSysInsn::Itc {
            side: TlbSide::D,
            r2,
        },
        0x2f => MSysInsn::Itc {
            side: TlbSide::I,
            r2,
        },
        0x30 => MSysInsn::Fc {
            inst: bit(raw, 36),
            r3,
        },
        0x31..=0x33 => MSysInsn::ProbeFault {
            kind: match x6 {
                0x31 => ProbeKind::Rw,
                0x32 => ProbeKind::R,
                _ => ProbeKind::W,
            },
            r3,
            imm: bits(raw, 13, 2) as u8,
        },
        0x34 => MSysInsn::PtcE { r3 },
        0x38 | 0x39 => MSysInsn::ProbeReg {
            kind: rw(x6),
            r1,
            r3,
            r2,
        },
        _ => return rsv(out, raw),
    };
    pred(out, raw, i)
}

/// Read (even x6) or write (odd x6) probe.
#[inline]
fn rw(x6: u64) -> ProbeKind {
    if x6 & 1 == 0 {
        ProbeKind::R
    } else {
        ProbeKind::W
    }
}

#[inline]
fn purge(op: PurgeOp, r3: u8, r2: u8) -> MSysInsn {
    MSysInsn::Purge { op, r3, r2 }
}

#[inline]
fn trans(op: TransOp, r1: u8, r3: u8) -> MSysInsn {
    MSysInsn::Translate { op, r1, r3 }
}

/// The indirect register file selected by the low three bits of x6
/// (M42/M43).
#[inline]
fn ind_file(v: u64) -> IndFile {
    match v {
        0 => IndFile::Rr,
        1 => IndFile::Dbr,
        2 => IndFile::Ibr,
        3 => IndFile::Pkr,
        4 => IndFile::Pmc,
        5 => IndFile::Pmd,
        6 => IndFile::Msr,
        _ => IndFile::Cpuid,
    }
}

// ---------------------------------------------------------------------------
// Display
// ---------------------------------------------------------------------------

impl SyncOp {
    fn mnemonic(self) -> &'static str {
        match self {
            SyncOp::Invala => "invala",
            SyncOp::Fwb => "fwb",
            SyncOp::Mf => "mf",
            SyncOp::MfA => "mf.a",
            SyncOp::SrlzD => "srlz.d",
            SyncOp::SrlzI => "srlz.i",
            SyncOp::SyncI => "sync.i",
        }
    }
}

impl PsrMaskOp {
    fn mnemonic(self) -> &'static str {
        match self {
            PsrMaskOp::Sum => "sum",
            PsrMaskOp::Rum => "rum",
            PsrMaskOp::Ssm => "ssm",
            PsrMaskOp::Rsm => "rsm",
        }
    }
}

impl PsrPart {
    fn name(self) -> &'static str {
        match self {
            PsrPart::Psr => "psr",
            PsrPart::L => "psr.l",
            PsrPart::Um => "psr.um",
        }
    }
}

impl PurgeOp {
    fn mnemonic(self) -> &'static str {
        match self {
            PurgeOp::PtcL => "ptc.l",
            PurgeOp::PtcG => "ptc.g",
            PurgeOp::PtcGa => "ptc.ga",
            PurgeOp::PtrD => "ptr.d",
            PurgeOp::PtrI => "ptr.i",
        }
    }
}

impl TransOp {
    fn mnemonic(self) -> &'static str {
        match self {
            TransOp::Thash => "thash",
            TransOp::Ttag => "ttag",
            TransOp::Tpa => "tpa",
            TransOp::Tak => "tak",
        }
    }
}

impl MSysInsn {
    /// Writes objdump's text for the instruction (no predicate, no stop).
    pub fn write(&self, w: &mut dyn Write, cx: &Ctx) -> fmt::Result {
        use MSysInsn as S;
        match *self {
            S::Break { imm } => write!(w, "break.m 0x{imm:x}"),
            S::Nop { imm } => write!(w, "nop.m 0x{imm:x}"),
            S::Hint { imm } => write!(w, "hint.m {imm}"),
            S::MovToDahr { dahr, imm } => write!(w, "mov dahr{dahr}={imm}"),
            S::Sync { op } => w.write_str(op.mnemonic()),
            S::Rse { op: RseOp::Loadrs } => w.write_str("loadrs"),
            S::Rse { op: RseOp::Flushrs } => w.write_str("flushrs"),
            S::InvalaEGr { r1 } => write!(w, "invala.e r{r1}"),
            S::InvalaEFr { f1 } => write!(w, "invala.e f{f1}"),
            S::PsrMask { op, imm } => write!(w, "{} 0x{imm:x}", op.mnemonic()),
            S::MovToAr { ar, r2 } => {
                w.write_str("mov.m ")?;
                write_ar(w, ar)?;
                write!(w, "=r{r2}")
            }
            S::MovToArImm { ar, imm } => {
                w.write_str("mov.m ")?;
                write_ar(w, ar)?;
                write!(w, "={imm}")
            }
            S::MovFromAr { r1, ar } => {
                write!(w, "mov.m r{r1}=")?;
                write_ar(w, ar)
            }
            S::MovToCr { cr, r2 } => {
                w.write_str("mov ")?;
                write_cr(w, cr)?;
                write!(w, "=r{r2}")
            }
            S::MovFromCr { r1, cr } => {
                write!(w, "mov r{r1}=")?;
                write_cr(w, cr)
            }
            S::MovToPsr { part, r2 } => write!(w, "mov {}=r{r2}", part.name()),
            S::MovFromPsr { r1, part } => write!(w, "mov r{r1}={}", part.name()),
            S::MovToInd { file, r3, r2 } => write!(w, "mov {}[r{r3}]=r{r2}", file.name()),
            S::MovFromInd { file, r1, r3 } => write!(w, "mov r{r1}={}[r{r3}]", file.name()),
            S::Itr { side, r3, r2 } => {
                let s = side.suffix();
                write!(w, "itr.{s} {s}tr[r{r3}]=r{r2}")
            }
            S::Itc { side, r2 } => write!(w, "itc.{} r{r2}", side.suffix()),
            S::Purge { op, r3, r2 } => write!(w, "{} r{r3},r{r2}", op.mnemonic()),
            S::PtcE { r3 } => write!(w, "ptc.e r{r3}"),
            S::Translate { op, r1, r3 } => write!(w, "{} r{r1}=r{r3}", op.mnemonic()),
            S::ProbeReg { kind, r1, r3, r2 } => {
                write!(w, "probe.{} r{r1}=r{r3},r{r2}", kind.suffix())
            }
            S::ProbeImm { kind, r1, r3, imm } => {
                write!(w, "probe.{} r{r1}=r{r3},{imm}", kind.suffix())
            }
            S::ProbeFault { kind, r3, imm } => {
                write!(w, "probe.{}.fault r{r3},{imm}", kind.suffix())
            }
            S::Fc { inst, r3 } => write!(w, "{} r{r3}", if inst { "fc.i" } else { "fc" }),
            S::ChkAGr { kind, r1, target } => {
                write!(w, "chk.a.{} r{r1},", kind.suffix())?;
                cx.target(w, target)
            }
            S::ChkAFr { kind, f1, target } => {
                write!(w, "chk.a.{} f{f1},", kind.suffix())?;
                cx.target(w, target)
            }
            S::ChkSGr { r2, target } => {
                write!(w, "chk.s.m r{r2},")?;
                cx.target(w, target)
            }
            S::ChkSFr { f2, target } => {
                write!(w, "chk.s f{f2},")?;
                cx.target(w, target)
            }
            S::Alloc { r1, sof, sol, sor } => {
                write!(w, "alloc r{r1}=ar.pfs,{sof},{sol},{sor}")
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::disasm::{Ctx, NoSymbols};

    const ADDR: u64 = 0x4000_0000_0000_1000;

    /// Builds a slot from (value, low bit) fields plus the major opcode.
    fn slot(major: u64, fields: &[(u64, u32)]) -> u64 {
        fields
            .iter()
            .fold(major << 37, |acc, &(v, lo)| acc | (v << lo))
    }

    fn dec(raw: u64) -> MSysInsn {
        match decode(raw, ADDR) {
            Ok(Slot {
                insn: Insn::MSys(i),
                ..
            }) => i,
            other => panic!("{raw:#x} did not decode: {other:?}"),
        }
    }

    fn text(raw: u64) -> String {
        let mut s = String::new();
        let cx = Ctx {
            symbols: &NoSymbols,
        };
        dec(raw).write(&mut s, &cx).unwrap();
        s
    }

    /// The `nop.m` fast path of [`op0`] gives what the x3/x4/x2 decode
    /// gives (the general M48 path) for every immediate and predicate bit.
    #[test]
    fn nop_fast_path_matches_general_decode() {
        for i in 0..=20 {
            for qp in [0u64, 1, 63] {
                // nop.m: x4 = 1 (bit 27); imm20a bits 6..26, `i` bit 36.
                let imm_bit = if i == 20 { 1 << 36 } else { 1 << (6 + i) };
                let raw = (1 << 27) | imm_bit | qp;
                let mut fast = Err(DecodeError::reserved(0));
                op0(&mut fast, raw, ADDR);
                let mut general = Err(DecodeError::reserved(0));
                decode_op0_x3_0(&mut general, raw);
                assert_eq!(fast, general, "{raw:#x}");
                assert_eq!(
                    fast,
                    Ok(Slot {
                        qp: qp as u8,
                        insn: Insn::MSys(MSysInsn::Nop { imm: 1 << i }),
                    })
                );
            }
        }
    }

    #[test]
    fn compact() {
        assert_eq!(core::mem::size_of::<MSysInsn>(), 16);
    }

    #[test]
    fn chk_a_negative_target_sign_extends_and_scales() {
        // chk.a.clr r7: imm20b = all ones, s = 1 -> -1 bundle.
        let raw = slot(0, &[(5, 33), (7, 6), (0xfffff, 13), (1, 36)]);
        assert_eq!(
            dec(raw),
            MSysInsn::ChkAGr {
                kind: ChkAKind::Clr,
                r1: 7,
                target: ADDR - 16
            }
        );
        // Largest forward offset: (2^20 - 1) bundles.
        let raw = slot(0, &[(6, 33), (127, 6), (0xfffff, 13)]);
        assert_eq!(
            dec(raw),
            MSysInsn::ChkAFr {
                kind: ChkAKind::Nc,
                f1: 127,
                target: ADDR + 0xfffff * 16
            }
        );
    }

    #[test]
    fn chk_s_target_assembles_split_immediate() {
        // imm7a = 1, imm13c = 2, s = 1: imm21 = 0x100101 -> sign-extended.
        let raw = slot(1, &[(1, 33), (3, 13), (1, 6), (2, 20), (1, 36)]);
        let imm = sext(0x100101, 21) * 16;
        assert_eq!(
            dec(raw),
            MSysInsn::ChkSGr {
                r2: 3,
                target: ADDR.wrapping_add(imm as u64)
            }
        );
        // Wraps around address zero without overflow.
        match decode(slot(1, &[(3, 33), (1, 36)]), 0) {
            Ok(s) => assert_eq!(
                s.insn,
                Insn::MSys(MSysInsn::ChkSFr {
                    f2: 0,
                    target: 0xffff_ffff_ff00_0000
                })
            ),
            Err(e) => panic!("{e:?}"),
        }
    }

    #[test]
    fn alloc_scales_sor_and_has_no_qp() {
        let raw = slot(1, &[(6, 33), (35, 6), (96, 13), (48, 20), (12, 27), (9, 0)]);
        let s = decode(raw, ADDR).unwrap();
        assert_eq!(s.qp, 0);
        assert_eq!(
            s.insn,
            Insn::MSys(MSysInsn::Alloc {
                r1: 35,
                sof: 96,
                sol: 48,
                sor: 96
            })
        );
        assert_eq!(text(raw), "alloc r35=ar.pfs,96,48,96");
    }

    #[test]
    fn mov_ar_imm8_sign_extends() {
        // imm7b = 0, s = 1 -> -128.
        let raw = slot(0, &[(2, 31), (8, 27), (32, 20), (1, 36)]);
        assert_eq!(dec(raw), MSysInsn::MovToArImm { ar: 32, imm: -128 });
        assert_eq!(text(raw), "mov.m ar.ccv=-128");
        let raw = slot(0, &[(2, 31), (8, 27), (5, 20), (0x7f, 13)]);
        assert_eq!(dec(raw), MSysInsn::MovToArImm { ar: 5, imm: 127 });
    }

    #[test]
    fn psr_mask_imm24_assembles_three_fields() {
        let raw = slot(0, &[(6, 27), (3, 31), (0x1fffff, 6), (1, 36)]);
        assert_eq!(
            dec(raw),
            MSysInsn::PsrMask {
                op: PsrMaskOp::Ssm,
                imm: 0xff_ffff
            }
        );
        let raw = slot(0, &[(7, 27), (2, 31)]);
        assert_eq!(
            dec(raw),
            MSysInsn::PsrMask {
                op: PsrMaskOp::Rsm,
                imm: 0x40_0000
            }
        );
    }

    #[test]
    fn break_nop_imm21_uses_i_as_bit_20() {
        let raw = slot(0, &[(1, 36), (0x12345, 6)]);
        assert_eq!(dec(raw), MSysInsn::Break { imm: 0x112345 });
        assert_eq!(text(raw), "break.m 0x112345");
        let raw = slot(0, &[(1, 27), (1, 36)]);
        assert_eq!(dec(raw), MSysInsn::Nop { imm: 0x100000 });
    }

    #[test]
    fn hint_and_dahr_share_the_m48_space() {
        // y = 1, bits 10..12 = 0: hint number from bits 6..10, 12..26, i.
        let raw = slot(0, &[(1, 27), (1, 26), (0xf, 6), (0x3fff, 12), (1, 36)]);
        assert_eq!(dec(raw), MSysInsn::Hint { imm: 0x7ffff });
        assert_eq!(text(raw), "hint.m 524287");
        // bits 10..12 = 1: mov dahr7=0xffff.
        let raw = slot(
            0,
            &[
                (1, 27),
                (1, 26),
                (1, 10),
                (0xf, 6),
                (0x7ff, 12),
                (7, 23),
                (1, 36),
            ],
        );
        assert_eq!(
            dec(raw),
            MSysInsn::MovToDahr {
                dahr: 7,
                imm: 0xffff
            }
        );
        assert_eq!(text(raw), "mov dahr7=65535");
        // bits 10..12 = 2 or 3: reserved.
        assert!(decode(slot(0, &[(1, 27), (1, 26), (2, 10)]), 0).is_err());
        assert!(decode(slot(0, &[(1, 27), (1, 26), (3, 10)]), 0).is_err());
    }

    #[test]
    fn indirect_files_and_fc_i() {
        let raw = slot(1, &[(0x17, 27), (4, 6), (9, 20)]);
        assert_eq!(
            dec(raw),
            MSysInsn::MovFromInd {
                file: IndFile::Cpuid,
                r1: 4,
                r3: 9
            }
        );
        assert_eq!(text(raw), "mov r4=cpuid[r9]");
        let raw = slot(1, &[(0x30, 27), (1, 36), (126, 20)]);
        assert_eq!(
            dec(raw),
            MSysInsn::Fc {
                inst: true,
                r3: 126
            }
        );
        assert_eq!(
            text(slot(1, &[(0x0e, 27), (2, 20), (3, 13)])),
            "itr.d dtr[r2]=r3"
        );
    }

    #[test]
    fn probe_imm2_and_reserved_space() {
        let raw = slot(1, &[(0x31, 27), (3, 13), (8, 20)]);
        assert_eq!(
            dec(raw),
            MSysInsn::ProbeFault {
                kind: ProbeKind::Rw,
                r3: 8,
                imm: 3
            }
        );
        assert_eq!(text(raw), "probe.rw.fault r8,3");
        for raw in [
            slot(0, &[(1, 33)]),
            slot(0, &[(0xb, 27)]),
            slot(1, &[(0x07, 27)]),
            slot(1, &[(0x3f, 27)]),
            slot(1, &[(7, 33)]),
            (1u64 << 41) - 1,
        ] {
            assert_eq!(decode(raw, 0), Err(DecodeError::reserved(raw)));
        }
    }

    #[test]
    fn loadrs_ignores_qp() {
        let raw = slot(0, &[(0xa, 27), (17, 0)]);
        let s = decode(raw, 0).unwrap();
        assert_eq!(s.qp, 0);
        assert_eq!(s.insn, Insn::MSys(MSysInsn::Rse { op: RseOp::Loadrs }));
        // srlz.d keeps its predicate.
        assert_eq!(decode(slot(0, &[(3, 31), (17, 0)]), 0).unwrap().qp, 17);
    }
}
