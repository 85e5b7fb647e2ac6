//! Decoded instructions: the per-slot result type and the dispatch from a
//! slot's unit type and major opcode to the unit decoders.
//!
//! SDM Vol. 3 §4.1 "Format Summary": the major opcode (bits 37..41) is
//! interpreted according to the slot's unit type.  In M and I slots, major
//! opcodes 8..15 hold the A-unit (integer ALU) instructions, which either
//! unit can execute.

use crate::bundle::Unit;
use crate::fields::major;
use crate::{unit_a, unit_b, unit_f, unit_i, unit_m_mem, unit_m_sys, unit_x};

/// One decoded instruction with its qualifying predicate.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Slot {
    /// Qualifying predicate register (0 for instructions that have none).
    pub qp: u8,
    /// The instruction.
    pub insn: Insn,
}

/// A typed instruction, by instruction class.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Insn {
    /// Integer ALU (A1..A10), from an M or I slot.
    A(unit_a::AInsn),
    /// I-unit instructions (I1..I30).
    I(unit_i::IInsn),
    /// M-unit memory access, major opcodes 4..7 (M1..M19 and friends).
    Mem(unit_m_mem::MemInsn),
    /// M-unit system and memory management, major opcodes 0..1.
    MSys(unit_m_sys::MSysInsn),
    /// B-unit instructions (B1..B9).
    B(unit_b::BInsn),
    /// F-unit instructions (F1..F16).
    F(unit_f::FInsn),
    /// L+X long instructions (X1..X5).
    X(unit_x::XInsn),
}

/// Why a slot did not decode.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DecodeError {
    /// The raw 41-bit slot.
    pub raw: u64,
    /// The reason.
    pub kind: ErrorKind,
}

/// Reasons a slot has no instruction.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ErrorKind {
    /// The bundle's template is one of the eight reserved values.
    ReservedTemplate,
    /// The opcode/extension combination is reserved or otherwise invalid
    /// (an Illegal Operation fault when executed).
    Reserved,
    /// Slot 2 of an MLX bundle: part of the instruction in slot 1.
    LongSecondHalf,
}

impl DecodeError {
    /// A reserved-encoding error for `raw`.
    #[inline]
    pub const fn reserved(raw: u64) -> Self {
        DecodeError {
            raw,
            kind: ErrorKind::Reserved,
        }
    }
}

/// Decodes one slot of the given unit type; `addr` is the bundle address.
#[inline(always)]
pub fn decode_slot(unit: Unit, raw: u64, addr: u64) -> Result<Slot, DecodeError> {
    // Fast path: `nop.m`/`nop.i` are a third of the slots of real code.
    if matches!(unit, Unit::M | Unit::I) && is_nop_mi(raw) {
        return Ok(nop_mi(unit, raw));
    }
    let op = major(raw);
    match unit {
        Unit::M => match op {
            0 | 1 => unit_m_sys::decode(raw, addr),
            4..=7 => unit_m_mem::decode_4_7(raw),
            8..=15 => unit_a::decode(raw),
            _ => Err(DecodeError::reserved(raw)),
        },
        Unit::I => match op {
            0..=7 => unit_i::decode(raw, addr),
            _ => unit_a::decode(raw),
        },
        Unit::F => unit_f::decode(raw, addr),
        Unit::B => unit_b::decode(raw, addr),
        Unit::L | Unit::X => Err(DecodeError::reserved(raw)),
    }
}

/// Bits that identify `nop.m` (M48) and `nop.i` (I18), which share one
/// encoding: major opcode 0 (bits 37..41), x3 = 0 (bits 33..36), x6 = 0x01
/// (bits 27..33) and y = 0 (bit 26); SDM Vol. 3 Tables 4-24/4-25 (I unit)
/// and 4-42/4-43 (M unit).  Bit 36 and bits 6..26 are the imm21 operand.
const NOP_MI_MASK: u64 = (0xf << 37) | (0x3ff << 26);
const NOP_MI_BITS: u64 = 1 << 27;

/// Whether an M or I slot is `nop.m`/`nop.i`.
#[inline(always)]
fn is_nop_mi(raw: u64) -> bool {
    raw & NOP_MI_MASK == NOP_MI_BITS
}

/// The `nop.m`/`nop.i` of an M or I slot matched by [`is_nop_mi`]: imm21 is
/// `i` (bit 36) above imm20a (bits 6..26).
#[inline(always)]
fn nop_mi(unit: Unit, raw: u64) -> Slot {
    let imm = ((raw >> 16) & (1 << 20)) | ((raw >> 6) & 0xf_ffff);
    let insn = match unit {
        Unit::M => Insn::MSys(unit_m_sys::MSysInsn::Nop { imm }),
        _ => Insn::I(unit_i::IInsn::Nop { imm: imm as u32 }),
    };
    Slot {
        qp: crate::fields::qp(raw),
        insn,
    }
}

/// Decodes the L+X pair of an MLX bundle.
#[inline]
pub fn decode_long(l: u64, x: u64, addr: u64) -> Result<Slot, DecodeError> {
    unit_x::decode(l, x, addr)
}
