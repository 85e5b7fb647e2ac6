//! I-unit instructions: major opcodes 0..7 in I slots (SDM Vol. 3 formats
//! I1..I30).
//!
//! This module owns the decoding of the I-unit opcode space and its
//! objdump-compatible text:
//! - opcode 0: miscellaneous (break/nop/hint, chk.s.i, moves to and from
//!   branch, predicate and application registers, zxt/sxt/czx), SDM Vol. 3
//!   Tables 4-24 and 4-25;
//! - opcode 4: deposit with register source (I15);
//! - opcode 5: test bit/NaT/feature, extract, deposit, shift right pair,
//!   SDM Vol. 3 Tables 4-21..4-23;
//! - opcode 7: multimedia multiply and shift, variable shifts, popcnt/clz,
//!   SDM Vol. 3 Tables 4-16..4-20.
//!
//! Opcodes 1, 2, 3 and 6 are reserved in I slots.  Immediates are returned
//! as architectural values: positions already converted from the encoded
//! complement (`63 - cpos`), lengths already `+1`, masks and rotating
//! predicate immediates shifted and sign-extended, branch/check targets
//! absolute.  Pseudo-op spellings that objdump prefers (`shl`, `shr`,
//! `shr.u`, `mov b=r`) exist only in [`IInsn::write`].

use crate::disasm::Ctx;
use crate::fields::{bit, bits, f1, f2, f3, qp, sext};
use crate::insn::{rsv, DecodeError, Slot, SlotResult};
use crate::regs::ar_name;
use core::fmt::{self, Write};

/// Element size of a parallel (multimedia) operation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MmSize {
    /// 1-byte elements.
    B1,
    /// 2-byte elements.
    H2,
    /// 4-byte elements.
    W4,
}

impl MmSize {
    fn digit(self) -> char {
        match self {
            MmSize::B1 => '1',
            MmSize::H2 => '2',
            MmSize::W4 => '4',
        }
    }
}

/// Operand size of a shift: parallel 2- or 4-byte elements (`pshr2`,
/// `pshl4`, ...) or the whole 8-byte register (`shr`, `shl`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ShiftSize {
    /// Parallel 2-byte elements (`pshl2`, `pshr2`).
    P2,
    /// Parallel 4-byte elements (`pshl4`, `pshr4`).
    P4,
    /// The full 64-bit register (`shl`, `shr`).
    Full,
}

impl ShiftSize {
    fn prefix(self) -> &'static str {
        match self {
            ShiftSize::P2 => "p",
            ShiftSize::P4 => "p",
            ShiftSize::Full => "",
        }
    }

    fn suffix(self) -> &'static str {
        match self {
            ShiftSize::P2 => "2",
            ShiftSize::P4 => "4",
            ShiftSize::Full => "",
        }
    }
}

/// Which half of the operands `mix`, `unpack` and `pmpy2` take.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Side {
    /// `.l`: the left (odd-numbered) / low elements.
    L,
    /// `.r`: the right (even-numbered) elements.
    R,
}

/// `unpack` half completer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Half {
    /// `.h`: high halves.
    H,
    /// `.l`: low halves.
    L,
}

/// `pack` saturation completer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sat {
    /// `.sss`: signed sources, signed saturation.
    Sss,
    /// `.uss`: signed sources, unsigned saturation.
    Uss,
}

/// The two-source multimedia operations of format I2 (SDM Vol. 3
/// Tables 4-17 and 4-18), plus the Itanium 9500 `mpy4`/`mpyshl4`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MmOp {
    /// `mix{1,2,4}.{l,r}`.
    Mix(MmSize, Side),
    /// `pack{2,4}.{sss,uss}` (pack4 has only `.sss`).
    Pack(MmSize, Sat),
    /// `unpack{1,2,4}.{h,l}`.
    Unpack(MmSize, Half),
    /// `pmin1.u` (B1, unsigned) or `pmin2` (H2, signed).
    Pmin(MmSize),
    /// `pmax1.u` (B1, unsigned) or `pmax2` (H2, signed).
    Pmax(MmSize),
    /// `psad1`: parallel sum of absolute differences.
    Psad1,
    /// `pmpy2.{l,r}`: parallel 2-byte multiply.
    Pmpy2(Side),
    /// `mpy4`: 32×32 multiply (Itanium 9500).
    Mpy4,
    /// `mpyshl4`: 32×32 multiply, shift left 32 (Itanium 9500).
    Mpyshl4,
}

/// `mux1` permutation type (SDM Vol. 3 Table 4-20, mbtype4).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mux1Type {
    /// `@brcst` (0).
    Brcst,
    /// `@mix` (8).
    Mix,
    /// `@shuf` (9).
    Shuf,
    /// `@alt` (0xa).
    Alt,
    /// `@rev` (0xb).
    Rev,
    /// Any other 4-bit value (reserved in the SDM; objdump prints it in hex).
    Other(u8),
}

/// Extend/compute-zero-index operations of format I29 (SDM Vol. 3 Table 4-25).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExtOp {
    /// `zxt{1,2,4}`: zero-extend from 1, 2 or 4 bytes.
    Zxt(u8),
    /// `sxt{1,2,4}`: sign-extend from 1, 2 or 4 bytes.
    Sxt(u8),
    /// `czx{1,2}.l`: index of the first zero element from the left.
    CzxL(u8),
    /// `czx{1,2}.r`: index of the first zero element from the right.
    CzxR(u8),
}

/// Compare type of the test instructions (SDM Vol. 3 Table 4-23).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TestCtype {
    /// Normal: p1 = result, p2 = complement.
    None,
    /// `.unc`: unconditional (both targets cleared when qp is false).
    Unc,
    /// `.and`.
    And,
    /// `.or`.
    Or,
    /// `.or.andcm`.
    OrAndcm,
}

/// Relation of the test instructions: `.z` (bit is zero) or `.nz`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TestRel {
    /// `.z`.
    Z,
    /// `.nz`.
    Nz,
}

/// What a test instruction examines.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TestWhat {
    /// I16 `tbit`: bit `pos` of `r3`.
    Bit {
        /// Source register.
        r3: u8,
        /// Bit position 0..63.
        pos: u8,
    },
    /// I17 `tnat`: the NaT bit of `r3`.
    Nat {
        /// Source register.
        r3: u8,
    },
    /// I30 `tf`: processor feature bit `imm` (32..63).
    Feature {
        /// Feature number, already `imm5 + 32`.
        imm: u8,
    },
}

/// Whether-hint of `mov b=r` (SDM Vol. 3 Table 4-29, the mwh field).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MovWh {
    /// `.sptk`.
    Sptk,
    /// No hint.
    None,
    /// `.dptk`.
    Dptk,
}

/// An I-unit instruction.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IInsn {
    // --- multimedia multiply and shift (opcode 7) ---
    /// I1: `pmpyshr2[.u] r1=r2,r3,count`, count in {0, 7, 15, 16}.
    Pmpyshr2 {
        /// `.u`: unsigned multiply.
        unsigned: bool,
        /// Destination.
        r1: u8,
        /// First source.
        r2: u8,
        /// Second source.
        r3: u8,
        /// Right-shift count, already decoded from the 2-bit code.
        count: u8,
    },
    /// I2: two-source multimedia operation `op r1=r2,r3`.
    Mm {
        /// The operation.
        op: MmOp,
        /// Destination.
        r1: u8,
        /// First source.
        r2: u8,
        /// Second source.
        r3: u8,
    },
    /// I3: `mux1 r1=r2,mbtype`.
    Mux1 {
        /// Destination.
        r1: u8,
        /// Source.
        r2: u8,
        /// Permutation type.
        mbtype: Mux1Type,
    },
    /// I4: `mux2 r1=r2,mhtype` (8-bit permutation, four 2-bit selectors).
    Mux2 {
        /// Destination.
        r1: u8,
        /// Source.
        r2: u8,
        /// The 8-bit permutation.
        mht: u8,
    },
    /// I5: variable shift right `[p]shr[2|4][.u] r1=r3,r2`.
    ShrVar {
        /// Element size.
        size: ShiftSize,
        /// `.u`: logical (unsigned) shift.
        unsigned: bool,
        /// Destination.
        r1: u8,
        /// Value shifted.
        r3: u8,
        /// Shift count register.
        r2: u8,
    },
    /// I6: fixed parallel shift right `pshr{2,4}[.u] r1=r3,count5`.
    ShrImm {
        /// Element size (P2 or P4).
        size: ShiftSize,
        /// `.u`: logical (unsigned) shift.
        unsigned: bool,
        /// Destination.
        r1: u8,
        /// Value shifted.
        r3: u8,
        /// Shift count 0..31.
        count: u8,
    },
    /// I7: variable shift left `[p]shl[2|4] r1=r2,r3`.
    ShlVar {
        /// Element size.
        size: ShiftSize,
        /// Destination.
        r1: u8,
        /// Value shifted.
        r2: u8,
        /// Shift count register.
        r3: u8,
    },
    /// I8: fixed parallel shift left `pshl{2,4} r1=r2,count5`.
    ShlImm {
        /// Element size (P2 or P4).
        size: ShiftSize,
        /// Destination.
        r1: u8,
        /// Value shifted.
        r2: u8,
        /// Shift count 0..31 (already `31 - ccount5c`).
        count: u8,
    },
    /// I9: `popcnt r1=r3`.
    Popcnt {
        /// Destination.
        r1: u8,
        /// Source.
        r3: u8,
    },
    /// I9: `clz r1=r3` (count leading zeros).
    Clz {
        /// Destination.
        r1: u8,
        /// Source.
        r3: u8,
    },
    // --- shift right pair, extract, deposit (opcodes 4 and 5) ---
    /// I10: `shrp r1=r2,r3,count6`.
    Shrp {
        /// Destination.
        r1: u8,
        /// High half of the pair.
        r2: u8,
        /// Low half of the pair.
        r3: u8,
        /// Shift count 0..63.
        count: u8,
    },
    /// I11: `extr[.u] r1=r3,pos6,len6` (objdump: `shr`/`shr.u` when pos+len = 64).
    Extr {
        /// Sign-extending (`extr`) rather than zero-extending (`extr.u`).
        signed: bool,
        /// Destination.
        r1: u8,
        /// Source.
        r3: u8,
        /// Bit position 0..63.
        pos: u8,
        /// Field length 1..64.
        len: u8,
    },
    /// I12: `dep.z r1=r2,pos6,len6` (objdump: `shl` when pos+len = 64).
    DepZ {
        /// Destination.
        r1: u8,
        /// Source.
        r2: u8,
        /// Bit position 0..63.
        pos: u8,
        /// Field length 1..64.
        len: u8,
    },
    /// I13: `dep.z r1=imm8,pos6,len6`.
    DepZImm {
        /// Destination.
        r1: u8,
        /// Sign-extended 8-bit immediate.
        imm: i8,
        /// Bit position 0..63.
        pos: u8,
        /// Field length 1..64.
        len: u8,
    },
    /// I14: `dep r1=imm1,r3,pos6,len6`; imm1 is sign-extended (0 or -1).
    DepImm {
        /// Destination.
        r1: u8,
        /// The deposited value, 0 or -1.
        imm: i8,
        /// Target register.
        r3: u8,
        /// Bit position 0..63.
        pos: u8,
        /// Field length 1..64.
        len: u8,
    },
    /// I15: `dep r1=r2,r3,pos6,len4`.
    Dep {
        /// Destination.
        r1: u8,
        /// Deposited value.
        r2: u8,
        /// Target register.
        r3: u8,
        /// Bit position 0..63.
        pos: u8,
        /// Field length 1..16.
        len: u8,
    },
    // --- test bit / NaT / feature (opcode 5) ---
    /// I16 `tbit`, I17 `tnat`, I30 `tf`: `t*.rel.ctype p1,p2=...`.
    Test {
        /// What is tested.
        what: TestWhat,
        /// Relation.
        rel: TestRel,
        /// Compare type.
        ctype: TestCtype,
        /// First predicate target.
        p1: u8,
        /// Second predicate target.
        p2: u8,
    },
    // --- miscellaneous (opcode 0) ---
    /// I19: `break.i imm21`.
    Break {
        /// The 21-bit immediate.
        imm: u32,
    },
    /// I18: `nop.i imm21`.
    Nop {
        /// The 21-bit immediate.
        imm: u32,
    },
    /// I18: `hint.i imm21`.
    Hint {
        /// The 21-bit immediate.
        imm: u32,
    },
    /// I20: `chk.s.i r2,target`.
    ChkS {
        /// Register checked for NaT.
        r2: u8,
        /// Absolute recovery address (bundle address + sext(imm21)·16).
        target: u64,
    },
    /// I21: `mov[.ret][.wh][.imp] b1=r2,tag`.
    MovToBr {
        /// Destination branch register.
        b1: u8,
        /// Source.
        r2: u8,
        /// Whether hint.
        wh: MovWh,
        /// `.ret`: the target is a return.
        ret: bool,
        /// `.imp`: importance hint.
        imp: bool,
        /// Absolute address of the tagged branch (bundle + sext(timm9)·16).
        tag: u64,
    },
    /// I22: `mov r1=b2`.
    MovFromBr {
        /// Destination.
        r1: u8,
        /// Source branch register.
        b2: u8,
    },
    /// I23: `mov pr=r2,mask`; the mask is `sext(s:mask8c:mask7a) << 1`.
    MovToPr {
        /// Source.
        r2: u8,
        /// Mask of the predicates written (bit 0 always clear).
        mask: u64,
    },
    /// I24: `mov pr.rot=imm44`; the value is `sext(imm28) << 16`.
    MovToPrRot {
        /// The value written to the rotating predicates.
        imm: u64,
    },
    /// I25: `mov r1=ip`.
    MovFromIp {
        /// Destination.
        r1: u8,
    },
    /// I25: `mov r1=pr`.
    MovFromPr {
        /// Destination.
        r1: u8,
    },
    /// I26: `mov.i ar3=r2`.
    MovToAr {
        /// Application register number.
        ar3: u8,
        /// Source.
        r2: u8,
    },
    /// I27: `mov.i ar3=imm8`.
    MovToArImm {
        /// Application register number.
        ar3: u8,
        /// Sign-extended 8-bit immediate.
        imm: i8,
    },
    /// I28: `mov.i r1=ar3`.
    MovFromAr {
        /// Destination.
        r1: u8,
        /// Application register number.
        ar3: u8,
    },
    /// I29: `zxt`/`sxt`/`czx` `r1=r3`.
    Ext {
        /// The operation.
        op: ExtOp,
        /// Destination.
        r1: u8,
        /// Source.
        r3: u8,
    },
}

/// Decodes an I-unit slot (major opcode 0..7); `addr` is the bundle address.
pub fn decode(raw: u64, addr: u64) -> SlotResult {
    let mut out = Err(DecodeError::reserved(raw));
    decode_into(&mut out, raw, addr);
    out
}

/// [`decode`] writing the slot in place.
pub(crate) fn decode_into(out: &mut SlotResult, raw: u64, addr: u64) {
    match crate::fields::major(raw) {
        0 => op0(out, raw, addr),
        4 => op4(out, raw, addr),
        5 => op5(out, raw, addr),
        7 => op7(out, raw, addr),
        _ => rsv(out, raw),
    }
}

/// Major opcode 0 of an I slot.  `nop.i`, a third of the I slots of real
/// code, is matched first (same encoding as `nop.m`).
pub(crate) fn op0(out: &mut SlotResult, raw: u64, addr: u64) {
    if raw & crate::unit_m_sys::NOP_MASK == crate::unit_m_sys::NOP_BITS {
        return ok(out, raw, IInsn::Nop { imm: imm21(raw) });
    }
    decode_misc(out, raw, addr)
}

/// Major opcode 4 of an I slot: `dep` (I15).
pub(crate) fn op4(out: &mut SlotResult, raw: u64, _addr: u64) {
    ok(out, raw, decode_dep(raw))
}

/// Major opcode 5 of an I slot.
pub(crate) fn op5(out: &mut SlotResult, raw: u64, _addr: u64) {
    decode_op5(out, raw)
}

/// Major opcode 7 of an I slot.
pub(crate) fn op7(out: &mut SlotResult, raw: u64, _addr: u64) {
    decode_mm(out, raw)
}

/// Wraps an I-unit instruction with the slot's qualifying predicate.
#[inline(always)]
fn ok(out: &mut SlotResult, raw: u64, i: IInsn) {
    *out = Ok(Slot {
        qp: qp(raw),
        insn: crate::insn::Insn::I(i),
    });
}

// ---------------------------------------------------------------------------
// Opcode 0: miscellaneous (SDM Vol. 3 Tables 4-24, 4-25)
// ---------------------------------------------------------------------------

/// The 21-bit immediate of I18/I19: `i` (bit 36) above imm20a (bits 6..25).
#[inline]
fn imm21(raw: u64) -> u32 {
    ((u64::from(bit(raw, 36)) << 20) | bits(raw, 6, 20)) as u32
}

/// Opcode 0, dispatched on x3 (bits 33..35), SDM Vol. 3 Table 4-24.
fn decode_misc(out: &mut SlotResult, raw: u64, addr: u64) {
    match bits(raw, 33, 3) {
        0 => decode_misc_x6(out, raw),
        1 => ok(out, raw, chk_s(raw, addr)),
        2 => ok(out, raw, mov_pr_rot(raw)),
        3 => ok(out, raw, mov_pr(raw)),
        7 => mov_to_br(out, raw, addr),
        _ => rsv(out, raw),
    }
}

/// Opcode 0, x3 = 0, dispatched on x6 (bits 27..32), SDM Vol. 3 Table 4-25.
fn decode_misc_x6(out: &mut SlotResult, raw: u64) {
    let (r1, r2, r3) = (f1(raw), f2(raw), f3(raw));
    let ext = |out: &mut SlotResult, op| ok(out, raw, IInsn::Ext { op, r1, r3 });
    match bits(raw, 27, 6) {
        0x00 => ok(out, raw, IInsn::Break { imm: imm21(raw) }),
        // I18: bit 26 (y) selects hint.i over nop.i.
        0x01 if bit(raw, 26) => ok(out, raw, IInsn::Hint { imm: imm21(raw) }),
        0x01 => ok(out, raw, IInsn::Nop { imm: imm21(raw) }),
        0x0a => ok(
            out,
            raw,
            IInsn::MovToArImm {
                ar3: r3,
                imm: sext((u64::from(bit(raw, 36)) << 7) | u64::from(r2), 8) as i8,
            },
        ),
        0x10 => ext(out, ExtOp::Zxt(1)),
        0x11 => ext(out, ExtOp::Zxt(2)),
        0x12 => ext(out, ExtOp::Zxt(4)),
        0x14 => ext(out, ExtOp::Sxt(1)),
        0x15 => ext(out, ExtOp::Sxt(2)),
        0x16 => ext(out, ExtOp::Sxt(4)),
        0x18 => ext(out, ExtOp::CzxL(1)),
        0x19 => ext(out, ExtOp::CzxL(2)),
        0x1c => ext(out, ExtOp::CzxR(1)),
        0x1d => ext(out, ExtOp::CzxR(2)),
        0x2a => ok(out, raw, IInsn::MovToAr { ar3: r3, r2 }),
        0x30 => ok(out, raw, IInsn::MovFromIp { r1 }),
        0x31 => ok(
            out,
            raw,
            IInsn::MovFromBr {
                r1,
                b2: bits(raw, 13, 3) as u8,
            },
        ),
        0x32 => ok(out, raw, IInsn::MovFromAr { r1, ar3: r3 }),
        0x33 => ok(out, raw, IInsn::MovFromPr { r1 }),
        _ => rsv(out, raw),
    }
}

/// I20 `chk.s.i`: imm21 = s (bit 36) : imm13c (bits 20..32) : imm7a
/// (bits 6..12), a signed count of bundles.
fn chk_s(raw: u64, addr: u64) -> IInsn {
    let imm = (u64::from(bit(raw, 36)) << 20) | (bits(raw, 20, 13) << 7) | bits(raw, 6, 7);
    IInsn::ChkS {
        r2: f2(raw),
        target: addr.wrapping_add((sext(imm, 21) as u64) << 4),
    }
}

/// I24 `mov pr.rot=imm44`: s (bit 36) : imm27a (bits 6..32), shifted left 16.
fn mov_pr_rot(raw: u64) -> IInsn {
    let imm = (u64::from(bit(raw, 36)) << 27) | bits(raw, 6, 27);
    IInsn::MovToPrRot {
        imm: (sext(imm, 28) as u64) << 16,
    }
}

/// I23 `mov pr=r2,mask17`: the 16 encoded bits s (bit 36) : mask8c (bits
/// 24..31) : mask7a (bits 6..12) are shifted left 1 to form mask17 (pr0 is
/// never written), which is sign-extended.
fn mov_pr(raw: u64) -> IInsn {
    let m = (u64::from(bit(raw, 36)) << 15) | (bits(raw, 24, 8) << 7) | bits(raw, 6, 7);
    IInsn::MovToPr {
        r2: f2(raw),
        mask: (sext(m, 16) as u64) << 1,
    }
}

/// I21 `mov b1=r2,tag`: mwh (bits 20..21, value 3 reserved), x (bit 22,
/// `.ret`), ih (bit 23, `.imp`), timm9c (bits 24..32), b1 (bits 6..8).
fn mov_to_br(out: &mut SlotResult, raw: u64, addr: u64) {
    let wh = match bits(raw, 20, 2) {
        0 => MovWh::Sptk,
        1 => MovWh::None,
        2 => MovWh::Dptk,
        _ => return rsv(out, raw),
    };
    ok(
        out,
        raw,
        IInsn::MovToBr {
            b1: bits(raw, 6, 3) as u8,
            r2: f2(raw),
            wh,
            ret: bit(raw, 22),
            imp: bit(raw, 23),
            tag: addr.wrapping_add((sext(bits(raw, 24, 9), 9) as u64) << 4),
        },
    )
}

// ---------------------------------------------------------------------------
// Opcodes 4 and 5: deposit, extract, shift right pair, test
// (SDM Vol. 3 Tables 4-21, 4-22, 4-23)
// ---------------------------------------------------------------------------

/// Field length encoded as len - 1 in bits 27..32 (len6d).
#[inline]
fn len6(raw: u64) -> u8 {
    bits(raw, 27, 6) as u8 + 1
}

/// A bit position encoded as its complement `63 - pos` (cpos fields).
#[inline]
fn cpos(v: u64) -> u8 {
    63 - (v & 0x3f) as u8
}

/// I15 `dep r1=r2,r3,pos6,len4`: cpos6d in bits 31..36, len4d in 27..30.
fn decode_dep(raw: u64) -> IInsn {
    IInsn::Dep {
        r1: f1(raw),
        r2: f2(raw),
        r3: f3(raw),
        pos: cpos(bits(raw, 31, 6)),
        len: bits(raw, 27, 4) as u8 + 1,
    }
}

/// Opcode 5, dispatched on x2 (bits 34..35) and x/ta (bit 33).
fn decode_op5(out: &mut SlotResult, raw: u64) {
    let (r1, r2, r3) = (f1(raw), f2(raw), f3(raw));
    match (bits(raw, 34, 2), bit(raw, 33)) {
        (0, _) => ok(out, raw, decode_test(raw)),
        // I11: y (bit 13) selects the signed form; pos6b in bits 14..19.
        (1, false) => ok(
            out,
            raw,
            IInsn::Extr {
                signed: bit(raw, 13),
                r1,
                r3,
                pos: bits(raw, 14, 6) as u8,
                len: len6(raw),
            },
        ),
        // I12/I13: y (bit 26) selects the immediate form; cpos6c in 20..25.
        (1, true) if bit(raw, 26) => ok(
            out,
            raw,
            IInsn::DepZImm {
                r1,
                imm: sext((u64::from(bit(raw, 36)) << 7) | u64::from(r2), 8) as i8,
                pos: cpos(bits(raw, 20, 6)),
                len: len6(raw),
            },
        ),
        (1, true) => ok(
            out,
            raw,
            IInsn::DepZ {
                r1,
                r2,
                pos: cpos(bits(raw, 20, 6)),
                len: len6(raw),
            },
        ),
        // I10: count6d in bits 27..32.
        (3, false) => ok(
            out,
            raw,
            IInsn::Shrp {
                r1,
                r2,
                r3,
                count: bits(raw, 27, 6) as u8,
            },
        ),
        // I14: imm1 = s (bit 36) sign-extended; cpos6b in bits 14..19.
        (3, true) => ok(
            out,
            raw,
            IInsn::DepImm {
                r1,
                imm: if bit(raw, 36) { -1 } else { 0 },
                r3,
                pos: cpos(bits(raw, 14, 6)),
                len: len6(raw),
            },
        ),
        _ => rsv(out, raw),
    }
}

/// I16/I17/I30: tb (bit 36), ta (bit 33), c (bit 12) give the relation and
/// compare type (SDM Vol. 3 Table 4-23); y (bit 13) selects tnat/tf over
/// tbit, and bit 19 tf over tnat.
fn decode_test(raw: u64) -> IInsn {
    let c = bit(raw, 12);
    let (ctype, rel) = match (bit(raw, 36), bit(raw, 33)) {
        (false, false) if c => (TestCtype::Unc, TestRel::Z),
        (false, false) => (TestCtype::None, TestRel::Z),
        (true, false) => (TestCtype::And, if c { TestRel::Nz } else { TestRel::Z }),
        (false, true) => (TestCtype::Or, if c { TestRel::Nz } else { TestRel::Z }),
        (true, true) => (TestCtype::OrAndcm, if c { TestRel::Nz } else { TestRel::Z }),
    };
    let what = if !bit(raw, 13) {
        TestWhat::Bit {
            r3: f3(raw),
            pos: bits(raw, 14, 6) as u8,
        }
    } else if bit(raw, 19) {
        TestWhat::Feature {
            imm: bits(raw, 14, 5) as u8 + 32,
        }
    } else {
        TestWhat::Nat { r3: f3(raw) }
    };
    IInsn::Test {
        what,
        rel,
        ctype,
        p1: bits(raw, 6, 6) as u8,
        p2: bits(raw, 27, 6) as u8,
    }
}

// ---------------------------------------------------------------------------
// Opcode 7: multimedia and variable shifts (SDM Vol. 3 Tables 4-16..4-19)
// ---------------------------------------------------------------------------

/// Opcode 7: za (bit 36) and zb (bit 33) give the element size, x2a (bits
/// 34..35) the group, x2b (28..29) and x2c (30..31) the operation; ve (bit
/// 32) must be zero.
fn decode_mm(out: &mut SlotResult, raw: u64) {
    if bit(raw, 32) {
        return rsv(out, raw);
    }
    let size = match (bit(raw, 36), bit(raw, 33)) {
        (false, false) => MmSize::B1,
        (false, true) => MmSize::H2,
        (true, false) => MmSize::W4,
        // za = zb = 1: the full-register variable shifts.
        (true, true) => return decode_mm_full(out, raw),
    };
    let (x2b, x2c) = (bits(raw, 28, 2), bits(raw, 30, 2));
    match bits(raw, 34, 2) {
        0 => mm_x2a0(out, raw, size, x2b, x2c),
        1 => mm_x2a1(out, raw, size, x2b, x2c),
        2 => mm_x2a2(out, raw, size, x2b, x2c),
        _ => mm_x2a3(out, raw, size, x2b, x2c),
    }
}

/// za = zb = 1, x2a = 0: `shr.u`, `shl`, `shr` (I5/I7 on 64 bits).
fn decode_mm_full(out: &mut SlotResult, raw: u64) {
    let (r1, r2, r3) = (f1(raw), f2(raw), f3(raw));
    let size = ShiftSize::Full;
    match (bits(raw, 34, 2), bits(raw, 28, 2), bits(raw, 30, 2)) {
        (0, 0, 0) => ok(
            out,
            raw,
            IInsn::ShrVar {
                size,
                unsigned: true,
                r1,
                r3,
                r2,
            },
        ),
        (0, 2, 0) => ok(
            out,
            raw,
            IInsn::ShrVar {
                size,
                unsigned: false,
                r1,
                r3,
                r2,
            },
        ),
        (0, 0, 1) => ok(out, raw, IInsn::ShlVar { size, r1, r2, r3 }),
        _ => rsv(out, raw),
    }
}

/// The parallel shift size for 2- and 4-byte elements.
#[inline]
fn pshift(size: MmSize) -> Option<ShiftSize> {
    match size {
        MmSize::B1 => None,
        MmSize::H2 => Some(ShiftSize::P2),
        MmSize::W4 => Some(ShiftSize::P4),
    }
}

/// The parallel shift size of a size already known to be 2 or 4 bytes.
#[inline]
fn pshift_hw(size: MmSize) -> ShiftSize {
    if size == MmSize::H2 {
        ShiftSize::P2
    } else {
        ShiftSize::P4
    }
}

/// x2a = 0: I5/I7 variable parallel shifts, I1 pmpyshr2, mpy4/mpyshl4.
fn mm_x2a0(out: &mut SlotResult, raw: u64, size: MmSize, x2b: u64, x2c: u64) {
    let (r1, r2, r3) = (f1(raw), f2(raw), f3(raw));
    let Some(sh) = pshift(size) else {
        return rsv(out, raw);
    };
    match (size, x2b, x2c) {
        (_, 0, 0) => ok(
            out,
            raw,
            IInsn::ShrVar {
                size: sh,
                unsigned: true,
                r1,
                r3,
                r2,
            },
        ),
        (_, 2, 0) => ok(
            out,
            raw,
            IInsn::ShrVar {
                size: sh,
                unsigned: false,
                r1,
                r3,
                r2,
            },
        ),
        (_, 0, 1) => ok(
            out,
            raw,
            IInsn::ShlVar {
                size: sh,
                r1,
                r2,
                r3,
            },
        ),
        // I1: ct2d (x2c) selects the shift count, SDM Vol. 3 Table 4-17.
        (MmSize::H2, 1 | 3, _) => ok(
            out,
            raw,
            IInsn::Pmpyshr2 {
                unsigned: x2b == 1,
                r1,
                r2,
                r3,
                count: match x2c {
                    0 => 0,
                    1 => 7,
                    2 => 15,
                    _ => 16,
                },
            },
        ),
        (MmSize::W4, 1, 3) => ok(
            out,
            raw,
            IInsn::Mm {
                op: MmOp::Mpy4,
                r1,
                r2,
                r3,
            },
        ),
        (MmSize::W4, 3, 3) => ok(
            out,
            raw,
            IInsn::Mm {
                op: MmOp::Mpyshl4,
                r1,
                r2,
                r3,
            },
        ),
        _ => rsv(out, raw),
    }
}

/// x2a = 1: I6 fixed parallel shift right (count5b in bits 14..18), I9
/// popcnt/clz.
fn mm_x2a1(out: &mut SlotResult, raw: u64, size: MmSize, x2b: u64, x2c: u64) {
    let (r1, r3) = (f1(raw), f3(raw));
    let count = bits(raw, 14, 5) as u8;
    match (size, x2b, x2c) {
        (MmSize::H2 | MmSize::W4, 1 | 3, 0) => ok(
            out,
            raw,
            IInsn::ShrImm {
                size: pshift_hw(size),
                unsigned: x2b == 1,
                r1,
                r3,
                count,
            },
        ),
        (MmSize::H2, 1, 2) => ok(out, raw, IInsn::Popcnt { r1, r3 }),
        (MmSize::H2, 1, 3) => ok(out, raw, IInsn::Clz { r1, r3 }),
        _ => rsv(out, raw),
    }
}

/// x2a = 2: the I2 two-source operations, SDM Vol. 3 Table 4-18.
fn mm_x2a2(out: &mut SlotResult, raw: u64, size: MmSize, x2b: u64, x2c: u64) {
    use MmSize::{B1, H2, W4};
    let op = match (size, x2b, x2c) {
        (_, 0, 1) => MmOp::Unpack(size, Half::H),
        (_, 2, 1) => MmOp::Unpack(size, Half::L),
        (_, 0, 2) => MmOp::Mix(size, Side::R),
        (_, 2, 2) => MmOp::Mix(size, Side::L),
        (H2 | W4, 2, 0) => MmOp::Pack(size, Sat::Sss),
        (H2, 0, 0) => MmOp::Pack(size, Sat::Uss),
        (B1, 1, 0) | (H2, 3, 0) => MmOp::Pmin(size),
        (B1, 1, 1) | (H2, 3, 1) => MmOp::Pmax(size),
        (B1, 3, 2) => MmOp::Psad1,
        (H2, 1, 3) => MmOp::Pmpy2(Side::R),
        (H2, 3, 3) => MmOp::Pmpy2(Side::L),
        _ => return rsv(out, raw),
    };
    ok(
        out,
        raw,
        IInsn::Mm {
            op,
            r1: f1(raw),
            r2: f2(raw),
            r3: f3(raw),
        },
    )
}

/// x2a = 3: I3 mux1 (mbtype4 in bits 20..23), I4 mux2 (mht8c in bits
/// 20..27), I8 fixed parallel shift left (ccount5c in bits 20..24).
fn mm_x2a3(out: &mut SlotResult, raw: u64, size: MmSize, x2b: u64, x2c: u64) {
    let (r1, r2) = (f1(raw), f2(raw));
    match (size, x2b, x2c) {
        (MmSize::B1, 2, 2) => ok(
            out,
            raw,
            IInsn::Mux1 {
                r1,
                r2,
                mbtype: match bits(raw, 20, 4) as u8 {
                    0x0 => Mux1Type::Brcst,
                    0x8 => Mux1Type::Mix,
                    0x9 => Mux1Type::Shuf,
                    0xa => Mux1Type::Alt,
                    0xb => Mux1Type::Rev,
                    v => Mux1Type::Other(v),
                },
            },
        ),
        (MmSize::H2, 2, 2) => ok(
            out,
            raw,
            IInsn::Mux2 {
                r1,
                r2,
                mht: bits(raw, 20, 8) as u8,
            },
        ),
        (MmSize::H2 | MmSize::W4, 1, 1) => ok(
            out,
            raw,
            IInsn::ShlImm {
                size: pshift_hw(size),
                r1,
                r2,
                count: 31 - bits(raw, 20, 5) as u8,
            },
        ),
        _ => rsv(out, raw),
    }
}

// ---------------------------------------------------------------------------
// Display (objdump syntax)
// ---------------------------------------------------------------------------

impl MmOp {
    fn write(self, w: &mut dyn Write) -> fmt::Result {
        match self {
            MmOp::Mix(s, side) => write!(w, "mix{}.{}", s.digit(), side_name(side)),
            MmOp::Pack(s, Sat::Sss) => write!(w, "pack{}.sss", s.digit()),
            MmOp::Pack(s, Sat::Uss) => write!(w, "pack{}.uss", s.digit()),
            MmOp::Unpack(s, Half::H) => write!(w, "unpack{}.h", s.digit()),
            MmOp::Unpack(s, Half::L) => write!(w, "unpack{}.l", s.digit()),
            MmOp::Pmin(MmSize::B1) => w.write_str("pmin1.u"),
            MmOp::Pmin(s) => write!(w, "pmin{}", s.digit()),
            MmOp::Pmax(MmSize::B1) => w.write_str("pmax1.u"),
            MmOp::Pmax(s) => write!(w, "pmax{}", s.digit()),
            MmOp::Psad1 => w.write_str("psad1"),
            MmOp::Pmpy2(side) => write!(w, "pmpy2.{}", side_name(side)),
            MmOp::Mpy4 => w.write_str("mpy4"),
            MmOp::Mpyshl4 => w.write_str("mpyshl4"),
        }
    }
}

fn side_name(s: Side) -> &'static str {
    match s {
        Side::L => "l",
        Side::R => "r",
    }
}

fn u_suffix(unsigned: bool) -> &'static str {
    if unsigned {
        ".u"
    } else {
        ""
    }
}

impl ExtOp {
    fn write(self, w: &mut dyn Write) -> fmt::Result {
        match self {
            ExtOp::Zxt(n) => write!(w, "zxt{n}"),
            ExtOp::Sxt(n) => write!(w, "sxt{n}"),
            ExtOp::CzxL(n) => write!(w, "czx{n}.l"),
            ExtOp::CzxR(n) => write!(w, "czx{n}.r"),
        }
    }
}

fn write_test(
    w: &mut dyn Write,
    what: TestWhat,
    rel: TestRel,
    ctype: TestCtype,
    p1: u8,
    p2: u8,
) -> fmt::Result {
    w.write_str(match what {
        TestWhat::Bit { .. } => "tbit",
        TestWhat::Nat { .. } => "tnat",
        TestWhat::Feature { .. } => "tf",
    })?;
    w.write_str(match rel {
        TestRel::Z => ".z",
        TestRel::Nz => ".nz",
    })?;
    w.write_str(match ctype {
        TestCtype::None => "",
        TestCtype::Unc => ".unc",
        TestCtype::And => ".and",
        TestCtype::Or => ".or",
        TestCtype::OrAndcm => ".or.andcm",
    })?;
    write!(w, " p{p1},p{p2}=")?;
    match what {
        TestWhat::Bit { r3, pos } => write!(w, "r{r3},{pos}"),
        TestWhat::Nat { r3 } => write!(w, "r{r3}"),
        TestWhat::Feature { imm } => write!(w, "{imm}"),
    }
}

#[allow(clippy::too_many_arguments)]
fn write_mov_br(
    w: &mut dyn Write,
    cx: &Ctx,
    b1: u8,
    r2: u8,
    wh: MovWh,
    ret: bool,
    imp: bool,
    tag: u64,
) -> fmt::Result {
    // objdump prints the plain pseudo-op `mov b1=r2` (no tag) when no
    // completer is present.
    if wh == MovWh::None && !ret && !imp {
        return write!(w, "mov b{b1}=r{r2}");
    }
    w.write_str("mov")?;
    if ret {
        w.write_str(".ret")?;
    }
    w.write_str(match wh {
        MovWh::Sptk => ".sptk",
        MovWh::None => "",
        MovWh::Dptk => ".dptk",
    })?;
    if imp {
        w.write_str(".imp")?;
    }
    write!(w, " b{b1}=r{r2},")?;
    cx.target(w, tag)
}

impl IInsn {
    /// Writes objdump's text for the instruction (no predicate, no stop).
    pub fn write(&self, w: &mut dyn Write, cx: &Ctx) -> fmt::Result {
        match *self {
            IInsn::Pmpyshr2 {
                unsigned,
                r1,
                r2,
                r3,
                count,
            } => {
                write!(
                    w,
                    "pmpyshr2{} r{r1}=r{r2},r{r3},{count}",
                    u_suffix(unsigned)
                )
            }
            IInsn::Mm { op, r1, r2, r3 } => {
                op.write(w)?;
                write!(w, " r{r1}=r{r2},r{r3}")
            }
            IInsn::Mux1 { r1, r2, mbtype } => {
                write!(w, "mux1 r{r1}=r{r2},")?;
                match mbtype {
                    Mux1Type::Brcst => w.write_str("@brcst"),
                    Mux1Type::Mix => w.write_str("@mix"),
                    Mux1Type::Shuf => w.write_str("@shuf"),
                    Mux1Type::Alt => w.write_str("@alt"),
                    Mux1Type::Rev => w.write_str("@rev"),
                    Mux1Type::Other(v) => write!(w, "0x{v:x}"),
                }
            }
            IInsn::Mux2 { r1, r2, mht } => write!(w, "mux2 r{r1}=r{r2},0x{mht:x}"),
            IInsn::ShrVar {
                size,
                unsigned,
                r1,
                r3,
                r2,
            } => write!(
                w,
                "{}shr{}{} r{r1}=r{r3},r{r2}",
                size.prefix(),
                size.suffix(),
                u_suffix(unsigned)
            ),
            IInsn::ShrImm {
                size,
                unsigned,
                r1,
                r3,
                count,
            } => write!(
                w,
                "{}shr{}{} r{r1}=r{r3},{count}",
                size.prefix(),
                size.suffix(),
                u_suffix(unsigned)
            ),
            IInsn::ShlVar { size, r1, r2, r3 } => {
                write!(w, "{}shl{} r{r1}=r{r2},r{r3}", size.prefix(), size.suffix())
            }
            IInsn::ShlImm {
                size,
                r1,
                r2,
                count,
            } => {
                write!(
                    w,
                    "{}shl{} r{r1}=r{r2},{count}",
                    size.prefix(),
                    size.suffix()
                )
            }
            IInsn::Popcnt { r1, r3 } => write!(w, "popcnt r{r1}=r{r3}"),
            IInsn::Clz { r1, r3 } => write!(w, "clz r{r1}=r{r3}"),
            IInsn::Shrp { r1, r2, r3, count } => write!(w, "shrp r{r1}=r{r2},r{r3},{count}"),
            IInsn::Extr {
                signed,
                r1,
                r3,
                pos,
                len,
            } => {
                let u = u_suffix(!signed);
                if u16::from(pos) + u16::from(len) == 64 {
                    write!(w, "shr{u} r{r1}=r{r3},{pos}")
                } else {
                    write!(w, "extr{u} r{r1}=r{r3},{pos},{len}")
                }
            }
            IInsn::DepZ { r1, r2, pos, len } => {
                if u16::from(pos) + u16::from(len) == 64 {
                    write!(w, "shl r{r1}=r{r2},{pos}")
                } else {
                    write!(w, "dep.z r{r1}=r{r2},{pos},{len}")
                }
            }
            IInsn::DepZImm { r1, imm, pos, len } => write!(w, "dep.z r{r1}={imm},{pos},{len}"),
            IInsn::DepImm {
                r1,
                imm,
                r3,
                pos,
                len,
            } => write!(w, "dep r{r1}={imm},r{r3},{pos},{len}"),
            IInsn::Dep {
                r1,
                r2,
                r3,
                pos,
                len,
            } => write!(w, "dep r{r1}=r{r2},r{r3},{pos},{len}"),
            IInsn::Test {
                what,
                rel,
                ctype,
                p1,
                p2,
            } => write_test(w, what, rel, ctype, p1, p2),
            IInsn::Break { imm } => write!(w, "break.i 0x{imm:x}"),
            IInsn::Nop { imm } => write!(w, "nop.i 0x{imm:x}"),
            IInsn::Hint { imm } => write!(w, "hint.i 0x{imm:x}"),
            IInsn::ChkS { r2, target } => {
                write!(w, "chk.s.i r{r2},")?;
                cx.target(w, target)
            }
            IInsn::MovToBr {
                b1,
                r2,
                wh,
                ret,
                imp,
                tag,
            } => write_mov_br(w, cx, b1, r2, wh, ret, imp, tag),
            IInsn::MovFromBr { r1, b2 } => write!(w, "mov r{r1}=b{b2}"),
            IInsn::MovToPr { r2, mask } => write!(w, "mov pr=r{r2},0x{mask:x}"),
            IInsn::MovToPrRot { imm } => write!(w, "mov pr.rot=0x{imm:x}"),
            IInsn::MovFromIp { r1 } => write!(w, "mov r{r1}=ip"),
            IInsn::MovFromPr { r1 } => write!(w, "mov r{r1}=pr"),
            IInsn::MovToAr { ar3, r2 } => write!(w, "mov.i {}=r{r2}", ar_name(ar3)),
            IInsn::MovToArImm { ar3, imm } => write!(w, "mov.i {}={imm}", ar_name(ar3)),
            IInsn::MovFromAr { r1, ar3 } => write!(w, "mov.i r{r1}={}", ar_name(ar3)),
            IInsn::Ext { op, r1, r3 } => {
                op.write(w)?;
                write!(w, " r{r1}=r{r3}")
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::disasm::NoSymbols;
    use crate::insn::Insn;

    const ADDR: u64 = 0x4000_0000_0000_1000;

    fn dec(raw: u64) -> IInsn {
        match decode(raw, ADDR) {
            Ok(Slot {
                insn: Insn::I(i), ..
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

    /// The `nop.i` fast path of [`op0`] gives what the x3/x6 decode gives
    /// (the general I18 path) for every immediate and predicate bit.
    #[test]
    fn nop_fast_path_matches_general_decode() {
        for i in 0..=20 {
            for qp in [0u64, 1, 63] {
                // nop.i: x6 = 1 (bit 27); imm20a bits 6..26, `i` bit 36.
                let imm_bit = if i == 20 { 1 << 36 } else { 1 << (6 + i) };
                let raw = (1 << 27) | imm_bit | qp;
                let mut fast = Err(DecodeError::reserved(0));
                op0(&mut fast, raw, ADDR);
                let mut general = Err(DecodeError::reserved(0));
                decode_misc(&mut general, raw, ADDR);
                assert_eq!(fast, general, "{raw:#x}");
                assert_eq!(
                    fast,
                    Ok(Slot {
                        qp: qp as u8,
                        insn: Insn::I(IInsn::Nop { imm: 1 << i }),
                    })
                );
            }
        }
    }

    /// Opcode `op` in bits 37..40.
    fn op(o: u64) -> u64 {
        o << 37
    }

    #[test]
    fn enum_is_compact() {
        assert!(
            core::mem::size_of::<IInsn>() <= 24,
            "{}",
            core::mem::size_of::<IInsn>()
        );
        assert!(core::mem::size_of::<Slot>() <= 32);
    }

    #[test]
    fn mov_pr_mask_is_shifted_and_sign_extended() {
        // I23, all mask bits set: `mov pr=r5,-1` writes every predicate but pr0.
        let raw = (1 << 36) | (3 << 33) | (0xff << 24) | (5 << 13) | (0x7f << 6);
        assert_eq!(
            dec(raw),
            IInsn::MovToPr {
                r2: 5,
                mask: 0xffff_ffff_ffff_fffe
            }
        );
        // 0x1234 = 0x91a << 1: mask7a = 0x1a, mask8c = 0x12.
        let raw = (3 << 33) | (0x12 << 24) | (4 << 13) | (0x1a << 6);
        assert_eq!(
            dec(raw),
            IInsn::MovToPr {
                r2: 4,
                mask: 0x1234
            }
        );
        // Only the sign bit: bit 16 and everything above it.
        let raw = (1 << 36) | (3 << 33) | (4 << 13);
        assert_eq!(
            dec(raw),
            IInsn::MovToPr {
                r2: 4,
                mask: 0xffff_ffff_ffff_0000
            }
        );
    }

    #[test]
    fn mov_pr_rot_is_shifted_by_16_and_sign_extended() {
        // imm27a = 0x3ff.
        assert_eq!(
            dec((2 << 33) | (0x3ff << 6)),
            IInsn::MovToPrRot { imm: 0x3ff_0000 }
        );
        // s = 1, imm27a all ones: -1 << 16.
        let raw = (1 << 36) | (2 << 33) | (0x7ff_ffff << 6);
        assert_eq!(
            dec(raw),
            IInsn::MovToPrRot {
                imm: 0xffff_ffff_ffff_0000
            }
        );
        // s = 1 alone: the most negative value, -2^43.
        assert_eq!(
            dec((1 << 36) | (2 << 33)),
            IInsn::MovToPrRot {
                imm: 0xffff_f800_0000_0000
            }
        );
    }

    #[test]
    fn tf_feature_number_is_imm5_plus_32() {
        // I30: y = 1, bit 19 = 1, imm5b = 7, c = 1 (unc), p1 = 2, p2 = 3.
        let raw = op(5) | (3 << 27) | (1 << 19) | (7 << 14) | (1 << 13) | (1 << 12) | (2 << 6);
        assert_eq!(
            dec(raw),
            IInsn::Test {
                what: TestWhat::Feature { imm: 39 },
                rel: TestRel::Z,
                ctype: TestCtype::Unc,
                p1: 2,
                p2: 3
            }
        );
        assert_eq!(text(raw), "tf.z.unc p2,p3=39");
    }

    #[test]
    fn dep_imm1_is_sign_extended() {
        // I14 with s = 1: the deposited value is -1; cpos6b = 4 gives pos 59.
        let raw = op(5)
            | (1 << 36)
            | (3 << 34)
            | (1 << 33)
            | (7 << 27)
            | (5 << 20)
            | (4 << 14)
            | (3 << 6);
        assert_eq!(
            dec(raw),
            IInsn::DepImm {
                r1: 3,
                imm: -1,
                r3: 5,
                pos: 59,
                len: 8
            }
        );
        assert_eq!(text(raw), "dep r3=-1,r5,59,8");
    }

    #[test]
    fn dep_z_imm8_is_sign_extended() {
        // I13: s = 1, imm7b = 0 is -128; cpos6c = 0 is pos 63; len6d = 0 is len 1.
        let raw = op(5) | (1 << 36) | (1 << 34) | (1 << 33) | (1 << 26) | (31 << 6);
        assert_eq!(
            dec(raw),
            IInsn::DepZImm {
                r1: 31,
                imm: -128,
                pos: 63,
                len: 1
            }
        );
        assert_eq!(text(raw), "dep.z r31=-128,63,1");
    }

    #[test]
    fn pmpyshr2_count_table() {
        for (code, count) in [(0u64, 0u8), (1, 7), (2, 15), (3, 16)] {
            let raw =
                op(7) | (1 << 33) | (code << 30) | (3 << 28) | (3 << 20) | (2 << 13) | (1 << 6);
            assert_eq!(
                dec(raw),
                IInsn::Pmpyshr2 {
                    unsigned: false,
                    r1: 1,
                    r2: 2,
                    r3: 3,
                    count
                }
            );
        }
    }

    #[test]
    fn chk_s_i_target_is_signed_bundle_count() {
        // imm21 = all ones: one bundle back.
        let raw = (1 << 36) | (1 << 33) | (0x1fff << 20) | (5 << 13) | (0x7f << 6);
        assert_eq!(
            dec(raw),
            IInsn::ChkS {
                r2: 5,
                target: ADDR - 16
            }
        );
        // imm21 = 0x40 (imm13c bit 0 above imm7a): 64 bundles forward.
        let raw = (1 << 33) | (1 << 20) | (5 << 13);
        assert_eq!(
            dec(raw),
            IInsn::ChkS {
                r2: 5,
                target: ADDR + 128 * 16
            }
        );
    }

    #[test]
    fn mov_to_br_tag_is_signed_9_bits() {
        // timm9c = 0x1ff: -1 bundle; wh = 2 (.dptk), x = 1 (.ret), ih = 1 (.imp).
        let raw =
            (7 << 33) | (0x1ff << 24) | (1 << 23) | (1 << 22) | (2 << 20) | (4 << 13) | (3 << 6);
        let want = IInsn::MovToBr {
            b1: 3,
            r2: 4,
            wh: MovWh::Dptk,
            ret: true,
            imp: true,
            tag: ADDR - 16,
        };
        assert_eq!(dec(raw), want);
        assert_eq!(
            text(raw),
            format!("mov.ret.dptk.imp b3=r4,0x{:x}", ADDR - 16)
        );
        // No completers: objdump's pseudo-op hides the tag, the value keeps it.
        let raw = (7 << 33) | (0x100 << 24) | (1 << 20) | (4 << 13) | (3 << 6);
        assert_eq!(text(raw), "mov b3=r4");
        assert!(matches!(dec(raw), IInsn::MovToBr { tag, .. } if tag == ADDR - 256 * 16));
    }

    #[test]
    fn shift_counts_and_positions() {
        // I8 pshl2: ccount5c = 5 means count 26.
        let raw = op(7)
            | (3 << 34)
            | (1 << 33)
            | (1 << 30)
            | (1 << 28)
            | (5 << 20)
            | (4 << 13)
            | (3 << 6);
        assert_eq!(
            dec(raw),
            IInsn::ShlImm {
                size: ShiftSize::P2,
                r1: 3,
                r2: 4,
                count: 26
            }
        );
        // I12 dep.z with pos + len = 64 prints as `shl`; cpos6c = 58 means pos 5.
        let raw = op(5) | (1 << 34) | (1 << 33) | (58 << 27) | (58 << 20) | (4 << 13) | (3 << 6);
        assert_eq!(
            dec(raw),
            IInsn::DepZ {
                r1: 3,
                r2: 4,
                pos: 5,
                len: 59
            }
        );
        assert_eq!(text(raw), "shl r3=r4,5");
        // I11 extr.u with pos + len = 64 prints as `shr.u`.
        let raw = op(5) | (1 << 34) | (63 << 27) | (4 << 20) | (3 << 6);
        assert_eq!(
            dec(raw),
            IInsn::Extr {
                signed: false,
                r1: 3,
                r3: 4,
                pos: 0,
                len: 64
            }
        );
        assert_eq!(text(raw), "shr.u r3=r4,0");
        // I15: cpos6d = 53 means pos 10, len4d = 15 means len 16.
        let raw = op(4) | (53 << 31) | (15 << 27) | (5 << 20) | (4 << 13) | (3 << 6);
        assert_eq!(
            dec(raw),
            IInsn::Dep {
                r1: 3,
                r2: 4,
                r3: 5,
                pos: 10,
                len: 16
            }
        );
    }

    #[test]
    fn misc_immediates() {
        // I27: s = 1, imm7b = 0 is -128.
        let raw = (1 << 36) | (0xa << 27) | (65 << 20);
        assert_eq!(dec(raw), IInsn::MovToArImm { ar3: 65, imm: -128 });
        assert_eq!(text(raw), "mov.i ar.lc=-128");
        // I19: the i bit (36) is bit 20 of imm21.
        assert_eq!(dec(1 << 36), IInsn::Break { imm: 0x10_0000 });
        let raw = (1 << 36) | (1 << 27) | (1 << 26) | (0xf_ffff << 6);
        assert_eq!(dec(raw), IInsn::Hint { imm: 0x1f_ffff });
    }

    #[test]
    fn reserved_encodings() {
        let reserved = [
            op(1),
            op(2),
            op(3),
            op(6) | 0x1234,
            4 << 33,                                   // opcode 0 x3 = 4
            2 << 27,                                   // opcode 0 x6 = 2
            (7 << 33) | (3 << 20),                     // mov b=r with mwh = 3
            op(5) | (2 << 34),                         // opcode 5 x2 = 2
            op(7) | (1 << 33) | (1 << 32),             // ve = 1
            op(7),                                     // 1-byte variable shift
            op(7) | (1 << 36) | (1 << 33) | (1 << 34), // shr with x2a = 1
        ];
        for raw in reserved {
            assert_eq!(
                decode(raw, ADDR),
                Err(DecodeError::reserved(raw)),
                "{raw:#x}"
            );
        }
    }

    #[test]
    fn never_panics_on_any_field_pattern() {
        let mut x = 0x1234_5678_9abc_def0u64;
        let cx = Ctx {
            symbols: &NoSymbols,
        };
        for _ in 0..100_000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let raw = x & ((1 << 41) - 1) & !(1 << 40);
            if let Ok(Slot {
                insn: Insn::I(i), ..
            }) = decode(raw, u64::MAX - 8)
            {
                let mut s = String::new();
                i.write(&mut s, &cx).unwrap();
            }
        }
    }
}
