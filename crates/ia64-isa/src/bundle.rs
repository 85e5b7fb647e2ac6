//! Bundles: the 128-bit container of three 41-bit slots and a 5-bit template.
//!
//! SDM Vol. 1 §3.3 "Instruction Encoding Overview" and Table 3-10 "Template
//! Field Encoding and Instruction Slot Mapping": bits 0..5 hold the template,
//! slot 0 is bits 5..46, slot 1 bits 46..87 and slot 2 bits 87..128.  The
//! template names the execution-unit type of each slot and where the
//! instruction-group stops fall.  Eight of the 32 template values are reserved.

use crate::insn::{decode_slot_into, DecodeError, ErrorKind, Slot, SlotFn, SlotResult};
use crate::unit_x;

/// Execution-unit type of a slot, as a template assigns it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Unit {
    /// Memory unit (M-type; also runs A-type instructions).
    M,
    /// Integer unit (I-type; also runs A-type instructions).
    I,
    /// Floating-point unit.
    F,
    /// Branch unit.
    B,
    /// The L slot of an MLX bundle (holds immediate bits for the X slot).
    L,
    /// The X slot of an MLX bundle.
    X,
}

/// A defined template: unit types of the three slots and the stop bits.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Template {
    /// The 5-bit encoded value.
    pub value: u8,
    /// Unit type of each slot.
    pub units: [Unit; 3],
    /// `stops[i]` is true when an instruction-group stop follows slot `i`.
    pub stops: [bool; 3],
}

use Unit::{B, F, I, L, M, X};

const fn t(value: u8, units: [Unit; 3], stops: [bool; 3]) -> Option<Template> {
    Some(Template {
        value,
        units,
        stops,
    })
}

const N: bool = false;
const S: bool = true;

/// SDM Vol. 1 Table 3-10, indexed by template value; `None` is reserved.
#[rustfmt::skip]
pub const TEMPLATES: [Option<Template>; 32] = [
    t(0x00, [M, I, I], [N, N, N]), t(0x01, [M, I, I], [N, N, S]),
    t(0x02, [M, I, I], [N, S, N]), t(0x03, [M, I, I], [N, S, S]),
    t(0x04, [M, L, X], [N, N, N]), t(0x05, [M, L, X], [N, N, S]),
    None, None,
    t(0x08, [M, M, I], [N, N, N]), t(0x09, [M, M, I], [N, N, S]),
    t(0x0a, [M, M, I], [S, N, N]), t(0x0b, [M, M, I], [S, N, S]),
    t(0x0c, [M, F, I], [N, N, N]), t(0x0d, [M, F, I], [N, N, S]),
    t(0x0e, [M, M, F], [N, N, N]), t(0x0f, [M, M, F], [N, N, S]),
    t(0x10, [M, I, B], [N, N, N]), t(0x11, [M, I, B], [N, N, S]),
    t(0x12, [M, B, B], [N, N, N]), t(0x13, [M, B, B], [N, N, S]),
    None, None,
    t(0x16, [B, B, B], [N, N, N]), t(0x17, [B, B, B], [N, N, S]),
    t(0x18, [M, M, B], [N, N, N]), t(0x19, [M, M, B], [N, N, S]),
    None, None,
    t(0x1c, [M, F, B], [N, N, N]), t(0x1d, [M, F, B], [N, N, S]),
    None, None,
];

impl Template {
    /// Looks up a template value (only the low five bits are used).
    #[inline]
    pub fn from_value(v: u8) -> Option<Template> {
        TEMPLATES[(v & 0x1f) as usize]
    }

    /// The objdump marker text, such as `MII` or `MLX`.
    pub fn name(&self) -> String {
        self.units
            .iter()
            .map(|u| match u {
                M => 'M',
                I => 'I',
                F => 'F',
                B => 'B',
                L => 'L',
                X => 'X',
            })
            .collect()
    }

    /// True for the MLX templates, whose slots 1 and 2 form one instruction.
    #[inline]
    pub fn is_mlx(&self) -> bool {
        self.units[1] == L
    }
}

/// A decoded bundle.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Bundle {
    /// Virtual address of the bundle (branch targets are absolute from it).
    pub addr: u64,
    /// The raw template value.
    pub template_value: u8,
    /// The template, `None` when reserved.
    pub template: Option<Template>,
    /// Raw 41-bit slot values.
    pub raw: [u64; 3],
    /// Decoded slots.  For MLX bundles `slots[1]` holds the L+X instruction
    /// and `slots[2]` is `Err` with [`ErrorKind::LongSecondHalf`].
    pub slots: [Result<Slot, DecodeError>; 3],
}

impl Bundle {
    /// Number of instructions in the bundle: 2 for MLX, otherwise 3 (0 when
    /// the template is reserved).
    pub fn insn_count(&self) -> usize {
        match self.template {
            None => 0,
            Some(t) if t.is_mlx() => 2,
            Some(_) => 3,
        }
    }

    /// Whether an instruction-group stop follows slot `i`.
    pub fn stop_after(&self, i: usize) -> bool {
        self.template.is_some_and(|t| t.stops[i])
    }
}

/// Splits 16 little-endian bytes into the template value and three slots.
#[inline(always)]
pub fn split(bytes: &[u8; 16]) -> (u8, [u64; 3]) {
    let v = u128::from_le_bytes(*bytes);
    let mask = (1u128 << 41) - 1;
    (
        (v & 0x1f) as u8,
        [
            ((v >> 5) & mask) as u64,
            ((v >> 46) & mask) as u64,
            ((v >> 87) & mask) as u64,
        ],
    )
}

/// Decodes the bundle at virtual address `addr`.  Never panics: reserved
/// templates and invalid slots come back as `Err` slot values.
#[inline(always)]
pub fn decode_bundle(bytes: &[u8; 16], addr: u64) -> Bundle {
    let (tv, raw) = split(bytes);
    let mut b = Bundle {
        addr,
        template_value: tv,
        template: Template::from_value(tv),
        raw,
        // Overwritten by `decode_slots`.
        slots: [Err(DecodeError::reserved(0)); 3],
    };
    let [r0, r1, r2] = raw;
    decode_slots(&mut b.slots, tv, r0, r1, r2, addr);
    b
}

/// Decodes the bundle at `addr` into `out`, overwriting every field: the
/// same result as [`decode_bundle`] without moving a whole [`Bundle`], for
/// callers that keep bundles in place (a decoded-bundle cache).
#[inline(always)]
pub fn decode_bundle_into(bytes: &[u8; 16], addr: u64, out: &mut Bundle) {
    let (tv, raw) = split(bytes);
    out.addr = addr;
    out.template_value = tv;
    out.template = Template::from_value(tv);
    out.raw = raw;
    let [r0, r1, r2] = raw;
    decode_slots(&mut out.slots, tv, r0, r1, r2, addr);
}

/// Decodes the three slots of a bundle with template value `tv` in place.
///
/// The template is matched once and each slot goes straight to its unit's
/// dispatcher (no per-slot unit lookup): this is the decoder's hot path.
#[inline(always)]
fn decode_slots(out: &mut [SlotResult; 3], tv: u8, r0: u64, r1: u64, r2: u64, addr: u64) {
    let (m, i, f, b): (SlotFn, SlotFn, SlotFn, SlotFn) = (slot_m, slot_i, slot_f, slot_b);
    let [s0, s1, s2] = out;
    let mut put = |u0: SlotFn, u1: SlotFn, u2: SlotFn| {
        u0(s0, r0, addr);
        u1(s1, r1, addr);
        u2(s2, r2, addr);
    };
    // SDM Vol. 1 Table 3-10: templates come in pairs differing only in the
    // final stop bit, so `tv >> 1` selects the unit types.
    match tv >> 1 {
        0 | 1 => put(m, i, i),
        2 => {
            m(s0, r0, addr);
            unit_x::decode_into(s1, r1, r2, addr);
            *s2 = Err(DecodeError {
                raw: r2,
                kind: ErrorKind::LongSecondHalf,
            });
        }
        4 | 5 => put(m, m, i),
        6 => put(m, f, i),
        7 => put(m, m, f),
        8 => put(m, i, b),
        9 => put(m, b, b),
        11 => put(b, b, b),
        12 => put(m, m, b),
        14 => put(m, f, b),
        _ => reserved_template(out, [r0, r1, r2]),
    }
}

/// The slots of a bundle whose template is reserved.
#[cold]
#[inline(never)]
fn reserved_template(out: &mut [SlotResult; 3], raw: [u64; 3]) {
    for (s, r) in out.iter_mut().zip(raw) {
        *s = Err(DecodeError {
            raw: r,
            kind: ErrorKind::ReservedTemplate,
        });
    }
}

#[inline(always)]
fn slot_m(out: &mut SlotResult, raw: u64, addr: u64) {
    decode_slot_into(out, M, raw, addr);
}

#[inline(always)]
fn slot_i(out: &mut SlotResult, raw: u64, addr: u64) {
    decode_slot_into(out, I, raw, addr);
}

#[inline(always)]
fn slot_f(out: &mut SlotResult, raw: u64, addr: u64) {
    decode_slot_into(out, F, raw, addr);
}

#[inline(always)]
fn slot_b(out: &mut SlotResult, raw: u64, addr: u64) {
    decode_slot_into(out, B, raw, addr);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn twenty_four_templates_defined() {
        assert_eq!(TEMPLATES.iter().filter(|t| t.is_some()).count(), 24);
        for (i, t) in TEMPLATES.iter().enumerate() {
            if let Some(t) = t {
                assert_eq!(t.value as usize, i);
                assert_eq!(t.stops[2], i & 1 == 1, "odd templates end with a stop");
            }
        }
    }

    #[test]
    fn split_slots() {
        let v: u128 = 0x1d | (0x1_2345_6789u128 << 5) | (0x1ff_ffff_ffffu128 << 46) | (7u128 << 87);
        let (t, s) = split(&v.to_le_bytes());
        assert_eq!(t, 0x1d);
        assert_eq!(s, [0x1_2345_6789, 0x1ff_ffff_ffff, 7]);
    }
}

#[cfg(test)]
mod dispatch_tests {
    use super::*;
    use crate::insn::{decode_long, decode_slot};

    /// The specialised dispatch agrees with the template table for every
    /// template value.
    #[test]
    fn dispatch_matches_template_table() {
        for tv in 0u8..32 {
            let v: u128 = tv as u128
                | (0x1_2345_6789u128 << 5)
                | (0x0ab_cdef_0123u128 << 46)
                | (0x155_5555_5555u128 << 87);
            let b = decode_bundle(&v.to_le_bytes(), 0x1000);
            let (_, raw) = split(&v.to_le_bytes());
            match Template::from_value(tv) {
                None => assert!(b
                    .slots
                    .iter()
                    .all(|s| s.map_err(|e| e.kind) == Err(ErrorKind::ReservedTemplate))),
                Some(t) if t.is_mlx() => {
                    assert_eq!(b.slots[1], decode_long(raw[1], raw[2], 0x1000))
                }
                Some(t) => {
                    for (k, (&unit, &r)) in t.units.iter().zip(raw.iter()).enumerate() {
                        assert_eq!(
                            b.slots[k],
                            decode_slot(unit, r, 0x1000),
                            "template {tv:#x} slot {k}"
                        );
                    }
                }
            }
        }
    }
}
