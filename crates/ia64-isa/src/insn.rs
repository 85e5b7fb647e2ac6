//! Decoded instructions: the per-slot result type and the dispatch from a
//! slot's unit type and major opcode to the unit decoders (one table of
//! decoders per unit type, indexed by the major opcode).
//!
//! SDM Vol. 3 §4.1 "Format Summary": the major opcode (bits 37..41) is
//! interpreted according to the slot's unit type.  In M and I slots, major
//! opcodes 8..15 hold the A-unit (integer ALU) instructions, which either
//! unit can execute.
//!
//! Decoders write in place: each takes the caller's `&mut SlotResult` and
//! stores the fields of the one variant it decodes.  A slot returned as a
//! value from many branches would instead be gathered in a temporary and
//! copied, field by field, and the copy would read back bytes just stored,
//! which stalls store-to-load forwarding; that copy was most of the cost of
//! decoding.  The value-returning functions ([`decode_slot`], each unit's
//! `decode`) wrap the in-place ones.

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

/// What decoding one slot gives: the instruction, or why there is none.
pub type SlotResult = Result<Slot, DecodeError>;

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

/// Writes the reserved-encoding error for `raw` into `out`.
#[inline(always)]
pub(crate) fn rsv(out: &mut SlotResult, raw: u64) {
    *out = Err(DecodeError::reserved(raw));
}

/// Decodes one slot of the given unit type; `addr` is the bundle address.
pub fn decode_slot(unit: Unit, raw: u64, addr: u64) -> SlotResult {
    let mut out = Err(DecodeError::reserved(raw));
    decode_slot_into(&mut out, unit, raw, addr);
    out
}

/// [`decode_slot`] writing the slot in place: one table load and one call.
#[inline(always)]
pub(crate) fn decode_slot_into(out: &mut SlotResult, unit: Unit, raw: u64, addr: u64) {
    match unit {
        Unit::M => M_SLOT[usize::from(major(raw))](out, raw, addr),
        Unit::I => I_SLOT[usize::from(major(raw))](out, raw, addr),
        Unit::F => F_SLOT[usize::from(major(raw))](out, raw, addr),
        Unit::B => B_SLOT[usize::from(major(raw))](out, raw, addr),
        Unit::L | Unit::X => rsv(out, raw),
    }
}

/// A slot decoder writing in place: `(out, raw slot, bundle address)`.
pub(crate) type SlotFn = fn(&mut SlotResult, u64, u64);

/// The reserved major opcodes of a unit.
fn rsv_slot(out: &mut SlotResult, raw: u64, _addr: u64) {
    rsv(out, raw)
}

/// M-unit decoders by major opcode (SDM Vol. 3 Table 4-1 and §4.4): 0..1
/// system/memory management, 4..7 memory access, 8..15 the A unit.
pub(crate) static M_SLOT: [SlotFn; 16] = [
    unit_m_sys::op0,
    unit_m_sys::op1,
    rsv_slot,
    rsv_slot,
    unit_m_mem::op4_7,
    unit_m_mem::op4_7,
    unit_m_mem::op4_7,
    unit_m_mem::op4_7,
    unit_a::op8,
    unit_a::op9,
    rsv_slot,
    rsv_slot,
    unit_a::op_cmp,
    unit_a::op_cmp,
    unit_a::op_cmp,
    rsv_slot,
];

/// I-unit decoders by major opcode (SDM Vol. 3 §4.3): 0, 4, 5, 7 are the I
/// unit's own, 8..15 the A unit.
pub(crate) static I_SLOT: [SlotFn; 16] = [
    unit_i::op0,
    rsv_slot,
    rsv_slot,
    rsv_slot,
    unit_i::op4,
    unit_i::op5,
    rsv_slot,
    unit_i::op7,
    unit_a::op8,
    unit_a::op9,
    rsv_slot,
    rsv_slot,
    unit_a::op_cmp,
    unit_a::op_cmp,
    unit_a::op_cmp,
    rsv_slot,
];

/// F-unit decoders by major opcode (SDM Vol. 3 §4.6).
pub(crate) static F_SLOT: [SlotFn; 16] = [
    unit_f::op0,
    unit_f::op1,
    rsv_slot,
    rsv_slot,
    unit_f::op4,
    unit_f::op5,
    rsv_slot,
    rsv_slot,
    unit_f::op_fma,
    unit_f::op_fma,
    unit_f::op_fma,
    unit_f::op_fma,
    unit_f::op_fma,
    unit_f::op_fma,
    unit_f::op_e,
    rsv_slot,
];

/// B-unit decoders by major opcode (SDM Vol. 3 §4.5).
pub(crate) static B_SLOT: [SlotFn; 16] = [
    unit_b::op0,
    unit_b::op1,
    unit_b::op2,
    rsv_slot,
    unit_b::op4,
    unit_b::op5,
    rsv_slot,
    unit_b::op7,
    rsv_slot,
    rsv_slot,
    rsv_slot,
    rsv_slot,
    rsv_slot,
    rsv_slot,
    rsv_slot,
    rsv_slot,
];

/// Decodes the L+X pair of an MLX bundle.
pub fn decode_long(l: u64, x: u64, addr: u64) -> SlotResult {
    unit_x::decode(l, x, addr)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A deterministic spread of 41-bit slot values (xorshift), with every
    /// major opcode forced in turn by the caller.
    fn slots() -> impl Iterator<Item = u64> {
        let mut x = 0x9e37_79b9_7f4a_7c15u64;
        (0..4096).map(move |_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x & ((1 << 37) - 1)
        })
    }

    /// The per-unit tables send every major opcode to the decoder of the
    /// SDM's opcode map, checked against each unit's own `decode`, which
    /// dispatches on the major opcode with a `match`.
    #[test]
    fn unit_tables_follow_the_opcode_map() {
        const ADDR: u64 = 0x4000_0000_0001_0000;
        for major in 0u64..16 {
            for low in slots() {
                let raw = (major << 37) | low;
                let rsv = Err(DecodeError::reserved(raw));
                let m = match major {
                    0 | 1 => unit_m_sys::decode(raw, ADDR),
                    4..=7 => unit_m_mem::decode(raw),
                    8..=15 => unit_a::decode(raw),
                    _ => rsv,
                };
                let i = match major {
                    0..=7 => unit_i::decode(raw, ADDR),
                    _ => unit_a::decode(raw),
                };
                assert_eq!(decode_slot(Unit::M, raw, ADDR), m, "M {raw:#x}");
                assert_eq!(decode_slot(Unit::I, raw, ADDR), i, "I {raw:#x}");
                assert_eq!(decode_slot(Unit::F, raw, ADDR), unit_f::decode(raw, ADDR));
                assert_eq!(decode_slot(Unit::B, raw, ADDR), unit_b::decode(raw, ADDR));
                assert_eq!(decode_slot(Unit::L, raw, ADDR), rsv);
                assert_eq!(decode_slot(Unit::X, raw, ADDR), rsv);
            }
        }
    }

    /// Majors that no unit defines decode to the reserved error.
    #[test]
    fn reserved_majors() {
        for (unit, majors) in [
            (Unit::M, &[2u64, 3][..]),
            (Unit::I, &[1, 2, 3, 6, 0xa, 0xb, 0xf][..]),
            (Unit::F, &[2, 3, 6, 7, 0xf][..]),
            (Unit::B, &[3, 6, 8, 9, 0xa, 0xb, 0xc, 0xd, 0xe, 0xf][..]),
        ] {
            for &major in majors {
                let raw = (major << 37) | 0x1234_5678;
                assert_eq!(
                    decode_slot(unit, raw, 0),
                    Err(DecodeError::reserved(raw)),
                    "{unit:?} major {major:#x}"
                );
            }
        }
    }
}
