//! Bit-field extraction and immediate helpers for 41-bit instruction slots.
//!
//! Field positions follow the SDM Vol. 3 format diagrams, bit 0 being the
//! least significant bit of the slot (the qualifying predicate field).

/// Extracts `len` bits of `raw` starting at bit `lo`.
#[inline(always)]
pub const fn bits(raw: u64, lo: u32, len: u32) -> u64 {
    (raw >> lo) & ((1u64 << len) - 1)
}

/// Extracts a single bit as a bool.
#[inline(always)]
pub const fn bit(raw: u64, pos: u32) -> bool {
    (raw >> pos) & 1 != 0
}

/// Sign-extends the low `width` bits of `v`.
#[inline(always)]
pub const fn sext(v: u64, width: u32) -> i64 {
    ((v << (64 - width)) as i64) >> (64 - width)
}

/// The qualifying predicate, bits 0..6 of every slot.
#[inline(always)]
pub const fn qp(raw: u64) -> u8 {
    bits(raw, 0, 6) as u8
}

/// The major opcode, bits 37..41 of every slot.
#[inline(always)]
pub const fn major(raw: u64) -> u8 {
    bits(raw, 37, 4) as u8
}

/// The common `r1`/`f1`/`p1`-position field, bits 6..13.
#[inline(always)]
pub const fn f1(raw: u64) -> u8 {
    bits(raw, 6, 7) as u8
}

/// The common `r2`/`f2`-position field, bits 13..20.
#[inline(always)]
pub const fn f2(raw: u64) -> u8 {
    bits(raw, 13, 7) as u8
}

/// The common `r3`/`f3`-position field, bits 20..27.
#[inline(always)]
pub const fn f3(raw: u64) -> u8 {
    bits(raw, 20, 7) as u8
}

/// The `f4` field of F-unit formats, bits 27..34.
#[inline(always)]
pub const fn f4(raw: u64) -> u8 {
    bits(raw, 27, 7) as u8
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sign_extension() {
        assert_eq!(sext(0x1ff, 9), -1);
        assert_eq!(sext(0x0ff, 9), 255);
        assert_eq!(sext(0x100, 9), -256);
        assert_eq!(sext(1, 1), -1);
    }

    #[test]
    fn fields() {
        let raw = (0xbu64 << 37) | (5 << 20) | (4 << 13) | (3 << 6) | 7;
        assert_eq!(major(raw), 0xb);
        assert_eq!(f3(raw), 5);
        assert_eq!(f2(raw), 4);
        assert_eq!(f1(raw), 3);
        assert_eq!(qp(raw), 7);
        assert_eq!(bits(raw, 37, 4), 0xb);
        assert!(bit(raw, 0));
    }
}
