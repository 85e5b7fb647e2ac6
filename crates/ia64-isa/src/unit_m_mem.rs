//! M-unit memory access: major opcodes 4..7 of M slots.
//!
//! This module owns the integer and floating-point loads and stores, the
//! semaphores, the FR/GR transfers and `lfetch` (SDM Vol. 3 §4.4 "M-Unit
//! Instruction Encodings", formats M1..M19):
//!
//! | major | `m` (bit 36) | `x` (bit 27) | contents                                            |
//! |-------|--------------|--------------|-----------------------------------------------------|
//! | 4     | 0            | 0            | integer load/store, no base update (M1, M4)         |
//! | 4     | 1            | 0            | integer load, register base update (M2)             |
//! | 4     | 0            | 1            | semaphores, `getf`, `ld16`/`st16` (M16..M19)        |
//! | 5     | imm          | imm          | integer load/store, imm9 base update (M3, M5)       |
//! | 6     | 0            | 0            | FP load/store, `lfetch` (M6, M9, M13)               |
//! | 6     | 1            | 0            | FP load, `lfetch`, register update (M7, M14)        |
//! | 6     | 0            | 1            | FP load pair, `setf` (M11, M18)                     |
//! | 6     | 1            | 1            | FP load pair, implied immediate update (M12)        |
//! | 7     | imm          | imm          | FP load/store, `lfetch`, imm9 update (M8, M10, M15) |
//!
//! (SDM Vol. 3 §4.4.1 "Loads and Stores": the "Integer Load/Store/Semaphore/
//! Get FR 1-bit Opcode Extensions" table and the per-row "Opcode Extensions"
//! tables that follow it.)  In each row the 6-bit `x6` field (bits 30..36)
//! selects the operation; for the sized families its low two bits are the
//! access size and its high four bits the completer.  The 2-bit `hint` field
//! (bits 28..30) is the locality hint ("Load/Store Hint Completers").
//!
//! Validity follows GNU objdump (binutils 2.40), which knows the Itanium 9500
//! ("Poulson") additions: forms without a base update accept all four hint
//! values, plus a third hint bit in an unused register field (`.d4`..`.d7`);
//! forms with an update reject hint 2, and stores with an immediate update
//! also reject hint 1; `lfetch` accepts every hint in every form, and its
//! plain no-update form doubles as `lfetch.count`; `getf`/`setf` ignore the
//! hint field.  Unused register fields are otherwise ignored.

use crate::disasm::Ctx;
use crate::fields::{bit, bits, f1, f2, f3, major, qp, sext};
use crate::insn::{DecodeError, Slot};
use core::fmt::{self, Write};

/// Integer access size (the low two bits of `x6`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MemSize {
    /// One byte.
    B1,
    /// Two bytes.
    B2,
    /// Four bytes.
    B4,
    /// Eight bytes.
    B8,
}

impl MemSize {
    /// Size in bytes.
    pub const fn bytes(self) -> u8 {
        match self {
            MemSize::B1 => 1,
            MemSize::B2 => 2,
            MemSize::B4 => 4,
            MemSize::B8 => 8,
        }
    }

    const fn from_bits(v: u64) -> MemSize {
        match v & 3 {
            0 => MemSize::B1,
            1 => MemSize::B2,
            2 => MemSize::B4,
            _ => MemSize::B8,
        }
    }
}

/// Integer load type completer (rows of the SDM Vol. 3 "Integer Load/Store
/// Opcode Extensions" table; semantics in Vol. 1 §4.4).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LdKind {
    /// Plain load.
    Normal,
    /// `.s`: speculative.
    S,
    /// `.a`: advanced.
    A,
    /// `.sa`: speculative advanced.
    Sa,
    /// `.bias`: acquire ownership (exclusive) hint.
    Bias,
    /// `.acq`: ordered (acquire).
    Acq,
    /// `.fill`: `ld8.fill`, restores the NaT bit from ar.unat.
    Fill,
    /// `.c.clr`: check load, clears the ALAT entry.
    CClr,
    /// `.c.nc`: check load, keeps the ALAT entry.
    CNc,
    /// `.c.clr.acq`: ordered check load.
    CClrAcq,
}

impl LdKind {
    const fn suffix(self) -> &'static str {
        match self {
            LdKind::Normal => "",
            LdKind::S => ".s",
            LdKind::A => ".a",
            LdKind::Sa => ".sa",
            LdKind::Bias => ".bias",
            LdKind::Acq => ".acq",
            LdKind::Fill => ".fill",
            LdKind::CClr => ".c.clr",
            LdKind::CNc => ".c.nc",
            LdKind::CClrAcq => ".c.clr.acq",
        }
    }
}

/// Integer store type completer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StKind {
    /// Plain store.
    Normal,
    /// `.rel`: ordered (release).
    Rel,
    /// `.spill`: `st8.spill`, saves the NaT bit into ar.unat.
    Spill,
}

/// Ordering completer of the semaphores.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sem {
    /// `.acq`: acquire.
    Acq,
    /// `.rel`: release.
    Rel,
}

impl Sem {
    const fn suffix(self) -> &'static str {
        match self {
            Sem::Acq => ".acq",
            Sem::Rel => ".rel",
        }
    }
}

/// The locality hint (SDM Vol. 3 "Load/Store Hint Completers"): the 2-bit `hint` field (bits
/// 28..30), extended on the Itanium 9500 by a third bit taken from an
/// otherwise unused register field (bit 19 for loads, bit 12 for stores and
/// `lfetch`) to give `.d4`..`.d7`.  objdump names the low values per family:
/// loads `none/.nt1/.d2/.nta`, stores `none/.d1/.d2/.nta`, `lfetch`
/// `none/.nt1/.nt2/.nta`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Hint {
    /// 0: temporal locality, level 1.
    None,
    /// 1: no temporal locality, level 1 (`.d1` on stores).
    Nt1,
    /// 2: no temporal locality, level 2 (`.d2` on loads and stores).
    Nt2,
    /// 3: no temporal locality, all levels.
    Nta,
    /// 4: Itanium 9500 hint `.d4`.
    D4,
    /// 5: Itanium 9500 hint `.d5`.
    D5,
    /// 6: Itanium 9500 hint `.d6`.
    D6,
    /// 7: Itanium 9500 hint `.d7`.
    D7,
}

impl Hint {
    /// The hint from the 2-bit field and the 9500 extension bit.
    const fn from_bits(v: u64, ext: bool) -> Hint {
        match (v & 3, ext) {
            (0, false) => Hint::None,
            (1, false) => Hint::Nt1,
            (2, false) => Hint::Nt2,
            (_, false) => Hint::Nta,
            (0, true) => Hint::D4,
            (1, true) => Hint::D5,
            (2, true) => Hint::D6,
            (_, true) => Hint::D7,
        }
    }
}

/// How objdump spells a hint: depends on the instruction family.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum HintStyle {
    Load,
    Store,
    Lfetch,
}

fn hint_suffix(h: Hint, style: HintStyle) -> &'static str {
    match (h, style) {
        (Hint::None, _) => "",
        (Hint::Nt1, HintStyle::Store) => ".d1",
        (Hint::Nt1, _) => ".nt1",
        (Hint::Nt2, HintStyle::Lfetch) => ".nt2",
        (Hint::Nt2, _) => ".d2",
        (Hint::Nta, _) => ".nta",
        (Hint::D4, _) => ".d4",
        (Hint::D5, _) => ".d5",
        (Hint::D6, _) => ".d6",
        (Hint::D7, _) => ".d7",
    }
}

/// The hint of a slot; `ext_bit` is the position of the 9500 extension bit
/// (`None` where the form has no free register field for it).
fn hint_of(raw: u64, ext_bit: Option<u32>) -> Hint {
    let ext = match ext_bit {
        Some(b) => bit(raw, b),
        None => false,
    };
    Hint::from_bits(bits(raw, 28, 2), ext)
}

/// Extension-bit position for loads without base update (the unused `r2`
/// field's top bit).
const LOAD_EXT: Option<u32> = Some(19);
/// Extension-bit position for stores without base update and for `lfetch`
/// (the unused `r1` field's top bit).
const STORE_EXT: Option<u32> = Some(12);

/// Base-register update after the access.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Post {
    /// No update.
    None,
    /// `r3 += rN` (M2, M7, M14).
    Reg(u8),
    /// `r3 += imm` (imm9 of M3/M5/M8/M10/M15, or the implied 8/16 of M12).
    Imm(i16),
}

/// The FR/GR transfer kinds of `getf`/`setf` (the low two bits of `x6` in the
/// SDM Vol. 3 "Semaphore/Get FR/16-Byte" and "Load Pair/Set FR" tables).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FpXfer {
    /// `.sig`: significand.
    Sig,
    /// `.exp`: sign and exponent.
    Exp,
    /// `.s`: single precision.
    S,
    /// `.d`: double precision.
    D,
}

impl FpXfer {
    const fn from_bits(v: u64) -> FpXfer {
        match v & 3 {
            0 => FpXfer::Sig,
            1 => FpXfer::Exp,
            2 => FpXfer::S,
            _ => FpXfer::D,
        }
    }

    const fn suffix(self) -> &'static str {
        match self {
            FpXfer::Sig => ".sig",
            FpXfer::Exp => ".exp",
            FpXfer::S => ".s",
            FpXfer::D => ".d",
        }
    }
}

/// Floating-point memory format (low two bits of `x6` in the SDM Vol. 3
/// "Floating-point Load/Store/Lfetch Opcode Extensions" table).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FpSize {
    /// `e`: 10-byte double-extended (`ldfe`/`stfe`; also the fill/spill forms).
    Ext,
    /// `8`: 8-byte integer significand (`ldf8`/`stf8`).
    Int,
    /// `s`: single precision.
    Single,
    /// `d`: double precision.
    Double,
}

impl FpSize {
    const fn from_bits(v: u64) -> FpSize {
        match v & 3 {
            0 => FpSize::Ext,
            1 => FpSize::Int,
            2 => FpSize::Single,
            _ => FpSize::Double,
        }
    }

    const fn letter(self) -> &'static str {
        match self {
            FpSize::Ext => "e",
            FpSize::Int => "8",
            FpSize::Single => "s",
            FpSize::Double => "d",
        }
    }
}

/// Floating-point load type completer (rows of the same SDM table).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LdfKind {
    /// Plain load.
    Normal,
    /// `.s`: speculative.
    S,
    /// `.a`: advanced.
    A,
    /// `.sa`: speculative advanced.
    Sa,
    /// `.fill`: `ldf.fill` (spill format, 16 bytes).
    Fill,
    /// `.c.clr`: check load, clears the ALAT entry.
    CClr,
    /// `.c.nc`: check load, keeps the ALAT entry.
    CNc,
}

impl LdfKind {
    const fn suffix(self) -> &'static str {
        match self {
            LdfKind::Normal => "",
            LdfKind::S => ".s",
            LdfKind::A => ".a",
            LdfKind::Sa => ".sa",
            LdfKind::Fill => ".fill",
            LdfKind::CClr => ".c.clr",
            LdfKind::CNc => ".c.nc",
        }
    }
}

/// Element format of the FP load pairs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PairSize {
    /// `ldfp8`: two 8-byte integers.
    Int,
    /// `ldfps`: two singles.
    Single,
    /// `ldfpd`: two doubles.
    Double,
}

impl PairSize {
    const fn letter(self) -> &'static str {
        match self {
            PairSize::Int => "8",
            PairSize::Single => "s",
            PairSize::Double => "d",
        }
    }

    /// Bytes transferred, which is also the implied post-increment of M12.
    pub const fn bytes(self) -> i16 {
        match self {
            PairSize::Single => 8,
            PairSize::Int | PairSize::Double => 16,
        }
    }
}

/// M-unit memory-access instructions (major opcodes 4..7).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MemInsn {
    /// M1/M2/M3: integer load `ldSZ r1=[r3]` with optional base update.
    Ld {
        size: MemSize,
        kind: LdKind,
        hint: Hint,
        r1: u8,
        r3: u8,
        post: Post,
    },
    /// M1 (x=1): 16-byte load `ld16 r1,ar.csd=[r3]` (implicit ar.csd).
    Ld16 {
        acq: bool,
        hint: Hint,
        r1: u8,
        r3: u8,
    },
    /// M4/M5: integer store `stSZ [r3]=r2` with optional immediate update.
    St {
        size: MemSize,
        kind: StKind,
        hint: Hint,
        r2: u8,
        r3: u8,
        post: Post,
    },
    /// M4 (x=1): 16-byte store `st16 [r3]=r2,ar.csd` (implicit ar.csd).
    St16 {
        rel: bool,
        hint: Hint,
        r2: u8,
        r3: u8,
    },
    /// M16: compare and exchange with the implicit ar.ccv.
    Cmpxchg {
        size: MemSize,
        sem: Sem,
        hint: Hint,
        r1: u8,
        r2: u8,
        r3: u8,
    },
    /// M16: 16-byte compare and exchange (implicit ar.csd and ar.ccv).
    Cmp8xchg16 {
        sem: Sem,
        hint: Hint,
        r1: u8,
        r2: u8,
        r3: u8,
    },
    /// M16: exchange.
    Xchg {
        size: MemSize,
        hint: Hint,
        r1: u8,
        r2: u8,
        r3: u8,
    },
    /// M17: fetch and add; `inc` is the decoded inc3 value, ±{1, 4, 8, 16}.
    Fetchadd {
        size: MemSize,
        sem: Sem,
        hint: Hint,
        r1: u8,
        r3: u8,
        inc: i8,
    },
    /// M19: move from floating-point register `getf.K r1=f2`.
    Getf { kind: FpXfer, r1: u8, f2: u8 },
    /// M18: move to floating-point register `setf.K f1=r2`.
    Setf { kind: FpXfer, f1: u8, r2: u8 },
    /// M6/M7/M8: floating-point load `ldfSZ f1=[r3]` with optional update.
    Ldf {
        size: FpSize,
        kind: LdfKind,
        hint: Hint,
        f1: u8,
        r3: u8,
        post: Post,
    },
    /// M9/M10: floating-point store `stfSZ [r3]=f2` (`stf.spill` when
    /// `spill`) with optional immediate update.
    Stf {
        size: FpSize,
        spill: bool,
        hint: Hint,
        f2: u8,
        r3: u8,
        post: Post,
    },
    /// M11/M12: floating-point load pair `ldfpSZ f1,f2=[r3]`; the M12 update
    /// is the implied `Post::Imm(8 or 16)`.
    Ldfp {
        size: PairSize,
        kind: LdfKind,
        hint: Hint,
        f1: u8,
        f2: u8,
        r3: u8,
        post: Post,
    },
    /// Itanium 9500 counted prefetch `lfetch.count [r3],count,stride` (in
    /// the M13 space; not in SDM Vol. 3 rev. 2.3): prefetches `count` lines
    /// (1..=64) `stride` bytes apart (a multiple of 64, -1024..=960).
    LfetchCount {
        hint: Hint,
        r3: u8,
        count: u8,
        stride: i16,
    },
    /// M13/M14/M15: line prefetch `lfetch[.fault][.excl] [r3]`.
    Lfetch {
        excl: bool,
        fault: bool,
        hint: Hint,
        r3: u8,
        post: Post,
    },
}

// ---------------------------------------------------------------------------
// Decoding
// ---------------------------------------------------------------------------

/// Which base-update form a slot has, derived from the major opcode and the
/// `m`/`x` bits.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Form {
    /// No update (M1, M4, M6, M9, M11, M13).
    Base,
    /// Register update (M2, M7, M14).
    Reg,
    /// Immediate update (M3, M5, M8, M10, M12, M15).
    Imm,
}

impl Form {
    /// Whether hint `h` is accepted for a load-like (`store == false`) or
    /// store access in this form.
    const fn hint_ok(self, h: Hint, store: bool) -> bool {
        match (self, h) {
            (Form::Base, _) => true,
            (_, Hint::Nt2) => false,
            (Form::Imm, Hint::Nt1) => !store,
            _ => true,
        }
    }

    /// Position of the 9500 hint-extension bit of a load in this form.
    const fn load_ext(self) -> Option<u32> {
        match self {
            Form::Base => LOAD_EXT,
            _ => None,
        }
    }

    /// The base update of a load in this form.
    fn load_post(self, raw: u64) -> Post {
        match self {
            Form::Base => Post::None,
            Form::Reg => Post::Reg(f2(raw)),
            Form::Imm => Post::Imm(imm9_b(raw)),
        }
    }

    /// The base update of a store in this form (stores have no register
    /// update form).
    fn store_post(self, raw: u64) -> Post {
        match self {
            Form::Imm => Post::Imm(imm9_a(raw)),
            _ => Post::None,
        }
    }
}

/// imm9 of M3/M8/M15: `s` (bit 36), `i` (bit 27), `imm7b` (bits 13..20).
fn imm9_b(raw: u64) -> i16 {
    let v = (u64::from(bit(raw, 36)) << 8) | (u64::from(bit(raw, 27)) << 7) | bits(raw, 13, 7);
    sext(v, 9) as i16
}

/// imm9 of M5/M10: `s` (bit 36), `i` (bit 27), `imm7a` (bits 6..13).
fn imm9_a(raw: u64) -> i16 {
    let v = (u64::from(bit(raw, 36)) << 8) | (u64::from(bit(raw, 27)) << 7) | bits(raw, 6, 7);
    sext(v, 9) as i16
}

/// The fetchadd increment: `s` (bit 15) and `i2b` (bits 13..15) select
/// ±{16, 8, 4, 1} (SDM Vol. 3 §4.4.3, M17 "inc3").
fn inc3(raw: u64) -> i8 {
    let mag: i8 = match bits(raw, 13, 2) {
        0 => 16,
        1 => 8,
        2 => 4,
        _ => 1,
    };
    if bit(raw, 15) {
        mag.wrapping_neg()
    } else {
        mag
    }
}

/// Decodes a slot whose major opcode is 4..7.
pub fn decode(raw: u64) -> Result<Slot, DecodeError> {
    let insn = match major(raw) {
        4 => match (bit(raw, 36), bit(raw, 27)) {
            (false, false) => int_ldst(raw, Form::Base),
            (true, false) => int_ldst(raw, Form::Reg),
            (false, true) => semaphore(raw),
            (true, true) => None,
        },
        5 => int_ldst(raw, Form::Imm),
        6 => match (bit(raw, 36), bit(raw, 27)) {
            (false, false) => fp_ldst(raw, Form::Base),
            (true, false) => fp_ldst(raw, Form::Reg),
            (false, true) => fp_pair_setf(raw, false),
            (true, true) => fp_pair_setf(raw, true),
        },
        7 => fp_ldst(raw, Form::Imm),
        _ => None,
    };
    match insn {
        Some(insn) => Ok(Slot {
            qp: qp(raw),
            insn: crate::insn::Insn::Mem(insn),
        }),
        None => Err(DecodeError::reserved(raw)),
    }
}

/// Integer load kind by the high four bits of `x6` (SDM Vol. 3
/// "Integer Load/Store Opcode Extensions").
fn ld_kind(x6: u64) -> Option<LdKind> {
    Some(match x6 >> 2 {
        0 => LdKind::Normal,
        1 => LdKind::S,
        2 => LdKind::A,
        3 => LdKind::Sa,
        4 => LdKind::Bias,
        5 => LdKind::Acq,
        6 if x6 == 0x1b => LdKind::Fill,
        8 => LdKind::CClr,
        9 => LdKind::CNc,
        10 => LdKind::CClrAcq,
        _ => return None,
    })
}

/// Integer store kind by `x6` (same SDM table, rows 0x30..0x3b).
fn st_kind(x6: u64) -> Option<StKind> {
    match x6 >> 2 {
        12 => Some(StKind::Normal),
        13 => Some(StKind::Rel),
        14 if x6 == 0x3b => Some(StKind::Spill),
        _ => None,
    }
}

/// Integer loads and stores: M1..M5.
fn int_ldst(raw: u64, form: Form) -> Option<MemInsn> {
    let x6 = bits(raw, 30, 6);
    let size = MemSize::from_bits(x6);
    if let Some(kind) = ld_kind(x6) {
        let hint = hint_of(raw, form.load_ext());
        if !form.hint_ok(hint, false) {
            return None;
        }
        return Some(MemInsn::Ld {
            size,
            kind,
            hint,
            r1: f1(raw),
            r3: f3(raw),
            post: form.load_post(raw),
        });
    }
    let kind = st_kind(x6)?;
    let hint = hint_of(raw, if form == Form::Base { STORE_EXT } else { None });
    if form == Form::Reg || !form.hint_ok(hint, true) {
        return None;
    }
    Some(MemInsn::St {
        size,
        kind,
        hint,
        r2: f2(raw),
        r3: f3(raw),
        post: form.store_post(raw),
    })
}

/// Semaphores, `getf`, `ld16`/`st16`: major 4, m=0, x=1 (SDM Vol. 3
/// "Semaphore/Get FR/16-Byte Opcode Extensions"; M16..M19).
fn semaphore(raw: u64) -> Option<MemInsn> {
    let x6 = bits(raw, 30, 6);
    let hint = hint_of(raw, None);
    let (r1, r2, r3) = (f1(raw), f2(raw), f3(raw));
    let sem = if x6 & 4 != 0 { Sem::Rel } else { Sem::Acq };
    // getf ignores the hint field; 16-byte loads/stores accept every hint;
    // the read-modify-write forms reject hint 2.
    match x6 {
        0x1c..=0x1f => {
            return Some(MemInsn::Getf {
                kind: FpXfer::from_bits(x6),
                r1,
                f2: r2,
            })
        }
        0x28 | 0x2c => {
            return Some(MemInsn::Ld16 {
                acq: x6 == 0x2c,
                hint: hint_of(raw, LOAD_EXT),
                r1,
                r3,
            })
        }
        0x30 | 0x34 => {
            return Some(MemInsn::St16 {
                rel: x6 == 0x34,
                hint: hint_of(raw, STORE_EXT),
                r2,
                r3,
            })
        }
        _ => {}
    }
    if hint == Hint::Nt2 {
        return None;
    }
    let size = MemSize::from_bits(x6);
    Some(match x6 {
        0x00..=0x07 => MemInsn::Cmpxchg {
            size,
            sem,
            hint,
            r1,
            r2,
            r3,
        },
        0x08..=0x0b => MemInsn::Xchg {
            size,
            hint,
            r1,
            r2,
            r3,
        },
        0x12 | 0x13 | 0x16 | 0x17 => MemInsn::Fetchadd {
            size,
            sem,
            hint,
            r1,
            r3,
            inc: inc3(raw),
        },
        0x20 | 0x24 => MemInsn::Cmp8xchg16 {
            sem,
            hint,
            r1,
            r2,
            r3,
        },
        _ => return None,
    })
}

/// FP load kind by the high four bits of `x6` (SDM Vol. 3 "Floating-point
/// Load/Store/Lfetch Opcode Extensions"); the
/// fill form is `x6 = 0x1b` only.
fn ldf_kind(x6: u64) -> Option<LdfKind> {
    Some(match x6 >> 2 {
        0 => LdfKind::Normal,
        1 => LdfKind::S,
        2 => LdfKind::A,
        3 => LdfKind::Sa,
        6 if x6 == 0x1b => LdfKind::Fill,
        8 => LdfKind::CClr,
        9 => LdfKind::CNc,
        _ => return None,
    })
}

/// FP loads and stores and `lfetch`: M6..M10, M13..M15.
fn fp_ldst(raw: u64, form: Form) -> Option<MemInsn> {
    let x6 = bits(raw, 30, 6);
    let r3 = f3(raw);
    if let Some(kind) = ldf_kind(x6) {
        let hint = hint_of(raw, form.load_ext());
        if !form.hint_ok(hint, false) {
            return None;
        }
        let size = if kind == LdfKind::Fill {
            FpSize::Ext
        } else {
            FpSize::from_bits(x6)
        };
        return Some(MemInsn::Ldf {
            size,
            kind,
            hint,
            f1: f1(raw),
            r3,
            post: form.load_post(raw),
        });
    }
    match x6 {
        0x2c..=0x2f => Some(lfetch(raw, form, x6)),
        0x30..=0x33 | 0x3b => {
            let hint = hint_of(raw, if form == Form::Base { STORE_EXT } else { None });
            if form == Form::Reg || !form.hint_ok(hint, true) {
                return None;
            }
            let spill = x6 == 0x3b;
            Some(MemInsn::Stf {
                size: if spill {
                    FpSize::Ext
                } else {
                    FpSize::from_bits(x6)
                },
                spill,
                hint,
                f2: f2(raw),
                r3,
                post: form.store_post(raw),
            })
        }
        _ => None,
    }
}

/// `lfetch` (M13/M14/M15): every form accepts all eight hints, the
/// extension bit being bit 12.  The Itanium 9500 `lfetch.count` is the
/// plain no-update `lfetch` (x6 = 0x2c) with bit 19 set: count-1 in bits
/// 6..12 (6 bits) and a signed stride in units of 64 bytes in bits 13..18
/// (5 bits); bit 18 is ignored.
fn lfetch(raw: u64, form: Form, x6: u64) -> MemInsn {
    let hint = hint_of(raw, STORE_EXT);
    let r3 = f3(raw);
    if form == Form::Base && x6 == 0x2c && bit(raw, 19) {
        return MemInsn::LfetchCount {
            hint,
            r3,
            count: (bits(raw, 6, 6) as u8).wrapping_add(1),
            stride: (sext(bits(raw, 13, 5), 5) as i16).wrapping_mul(64),
        };
    }
    MemInsn::Lfetch {
        excl: x6 & 1 != 0,
        fault: x6 & 2 != 0,
        hint,
        r3,
        post: form.load_post(raw),
    }
}

/// FP load pairs and `setf`: major 6, x=1 (SDM Vol. 3 "Floating-point Load
/// Pair/Set FR" and "Load Pair +Imm" tables;
/// M11, M12, M18).  `update` is the `m` bit (M12's implied increment).
fn fp_pair_setf(raw: u64, update: bool) -> Option<MemInsn> {
    let x6 = bits(raw, 30, 6);
    let hint = hint_of(raw, None);
    if (0x1c..=0x1f).contains(&x6) {
        // setf ignores the hint field; there is no update form.
        return if update {
            None
        } else {
            Some(MemInsn::Setf {
                kind: FpXfer::from_bits(x6),
                f1: f1(raw),
                r2: f2(raw),
            })
        };
    }
    let size = match x6 & 3 {
        1 => PairSize::Int,
        2 => PairSize::Single,
        3 => PairSize::Double,
        _ => return None,
    };
    let kind = ldf_kind(x6)?;
    if kind == LdfKind::Fill || hint == Hint::Nt2 {
        return None;
    }
    Some(MemInsn::Ldfp {
        size,
        kind,
        hint,
        f1: f1(raw),
        f2: f2(raw),
        r3: f3(raw),
        post: if update {
            Post::Imm(size.bytes())
        } else {
            Post::None
        },
    })
}

// ---------------------------------------------------------------------------
// Display
// ---------------------------------------------------------------------------

/// Writes the `,r2` / `,imm` update operand.
fn write_post(w: &mut dyn Write, post: Post) -> fmt::Result {
    match post {
        Post::None => Ok(()),
        Post::Reg(r) => write!(w, ",r{r}"),
        Post::Imm(i) => write!(w, ",{i}"),
    }
}

impl MemInsn {
    /// Writes objdump's text for the instruction.
    pub fn write(&self, w: &mut dyn Write, _cx: &Ctx) -> fmt::Result {
        use HintStyle::{Lfetch, Load, Store};
        match *self {
            MemInsn::Ld {
                size,
                kind,
                hint,
                r1,
                r3,
                post,
            } => {
                let h = hint_suffix(hint, Load);
                write!(w, "ld{}{}{h} r{r1}=[r{r3}]", size.bytes(), kind.suffix())?;
                write_post(w, post)
            }
            MemInsn::Ld16 { acq, hint, r1, r3 } => {
                let a = if acq { ".acq" } else { "" };
                let h = hint_suffix(hint, Load);
                write!(w, "ld16{a}{h} r{r1},ar.csd=[r{r3}]")
            }
            MemInsn::St {
                size,
                kind,
                hint,
                r2,
                r3,
                post,
            } => {
                let k = match kind {
                    StKind::Normal => "",
                    StKind::Rel => ".rel",
                    StKind::Spill => ".spill",
                };
                let h = hint_suffix(hint, Store);
                write!(w, "st{}{k}{h} [r{r3}]=r{r2}", size.bytes())?;
                write_post(w, post)
            }
            MemInsn::St16 { rel, hint, r2, r3 } => {
                let r = if rel { ".rel" } else { "" };
                let h = hint_suffix(hint, Store);
                write!(w, "st16{r}{h} [r{r3}]=r{r2},ar.csd")
            }
            MemInsn::Cmpxchg {
                size,
                sem,
                hint,
                r1,
                r2,
                r3,
            } => {
                let (s, h) = (sem.suffix(), hint_suffix(hint, Load));
                write!(
                    w,
                    "cmpxchg{}{s}{h} r{r1}=[r{r3}],r{r2},ar.ccv",
                    size.bytes()
                )
            }
            MemInsn::Cmp8xchg16 {
                sem,
                hint,
                r1,
                r2,
                r3,
            } => {
                let (s, h) = (sem.suffix(), hint_suffix(hint, Load));
                write!(w, "cmp8xchg16{s}{h} r{r1}=[r{r3}],r{r2},ar.csd,ar.ccv")
            }
            MemInsn::Xchg {
                size,
                hint,
                r1,
                r2,
                r3,
            } => {
                let h = hint_suffix(hint, Load);
                write!(w, "xchg{}{h} r{r1}=[r{r3}],r{r2}", size.bytes())
            }
            MemInsn::Fetchadd {
                size,
                sem,
                hint,
                r1,
                r3,
                inc,
            } => {
                let (s, h) = (sem.suffix(), hint_suffix(hint, Load));
                write!(w, "fetchadd{}{s}{h} r{r1}=[r{r3}],{inc}", size.bytes())
            }
            MemInsn::Getf { kind, r1, f2 } => write!(w, "getf{} r{r1}=f{f2}", kind.suffix()),
            MemInsn::Setf { kind, f1, r2 } => write!(w, "setf{} f{f1}=r{r2}", kind.suffix()),
            MemInsn::Ldf {
                size,
                kind,
                hint,
                f1,
                r3,
                post,
            } => {
                let h = hint_suffix(hint, Load);
                if kind == LdfKind::Fill {
                    write!(w, "ldf.fill{h} f{f1}=[r{r3}]")?;
                } else {
                    write!(w, "ldf{}{}{h} f{f1}=[r{r3}]", size.letter(), kind.suffix())?;
                }
                write_post(w, post)
            }
            MemInsn::Stf {
                size,
                spill,
                hint,
                f2,
                r3,
                post,
            } => {
                let h = hint_suffix(hint, Store);
                if spill {
                    write!(w, "stf.spill{h} [r{r3}]=f{f2}")?;
                } else {
                    write!(w, "stf{}{h} [r{r3}]=f{f2}", size.letter())?;
                }
                write_post(w, post)
            }
            MemInsn::Ldfp {
                size,
                kind,
                hint,
                f1,
                f2,
                r3,
                post,
            } => {
                let h = hint_suffix(hint, Load);
                write!(
                    w,
                    "ldfp{}{}{h} f{f1},f{f2}=[r{r3}]",
                    size.letter(),
                    kind.suffix()
                )?;
                write_post(w, post)
            }
            MemInsn::Lfetch {
                excl,
                fault,
                hint,
                r3,
                post,
            } => {
                let f = if fault { ".fault" } else { "" };
                let e = if excl { ".excl" } else { "" };
                let h = hint_suffix(hint, Lfetch);
                write!(w, "lfetch{f}{e}{h} [r{r3}]")?;
                write_post(w, post)
            }
            MemInsn::LfetchCount {
                hint,
                r3,
                count,
                stride,
            } => {
                let h = hint_suffix(hint, Lfetch);
                write!(w, "lfetch.count{h} [r{r3}],{count},{stride}")
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::insn::Insn;

    /// Builds a slot from its fields.
    #[allow(clippy::too_many_arguments)]
    fn slot(
        op: u64,
        m: u64,
        x6: u64,
        hint: u64,
        x: u64,
        r3: u64,
        r2: u64,
        r1: u64,
        qp: u64,
    ) -> u64 {
        (op << 37)
            | (m << 36)
            | (x6 << 30)
            | (hint << 28)
            | (x << 27)
            | (r3 << 20)
            | (r2 << 13)
            | (r1 << 6)
            | qp
    }

    fn mem(raw: u64) -> MemInsn {
        match decode(raw) {
            Ok(Slot {
                insn: Insn::Mem(i), ..
            }) => i,
            other => panic!("{raw:#x}: {other:?}"),
        }
    }

    fn text(raw: u64) -> String {
        let mut s = String::new();
        let cx = Ctx {
            symbols: &crate::disasm::NoSymbols,
        };
        mem(raw).write(&mut s, &cx).unwrap();
        s
    }

    #[test]
    fn size_is_compact() {
        assert!(core::mem::size_of::<MemInsn>() <= 12);
    }

    #[test]
    fn load_imm9_sign_extended() {
        // ld8 r1=[r3],-256: s=1, i=0, imm7b=0.
        let i = mem(slot(5, 1, 0x03, 0, 0, 3, 0, 1, 0));
        assert!(matches!(
            i,
            MemInsn::Ld {
                post: Post::Imm(-256),
                size: MemSize::B8,
                ..
            }
        ));
        // s=1, i=1, imm7b=0x7f: -1.
        let i = mem(slot(5, 1, 0x00, 0, 1, 3, 0x7f, 1, 0));
        assert!(matches!(
            i,
            MemInsn::Ld {
                post: Post::Imm(-1),
                ..
            }
        ));
        // s=0, i=1, imm7b=0x7f: 255.
        let i = mem(slot(5, 0, 0x00, 0, 1, 3, 0x7f, 1, 0));
        assert!(matches!(
            i,
            MemInsn::Ld {
                post: Post::Imm(255),
                ..
            }
        ));
    }

    #[test]
    fn store_imm9_uses_r1_field() {
        // st4 [r3]=r2,-127: s=1, i=1, imm7a=1.
        let i = mem(slot(5, 1, 0x32, 0, 1, 3, 2, 1, 0));
        assert_eq!(
            i,
            MemInsn::St {
                size: MemSize::B4,
                kind: StKind::Normal,
                hint: Hint::None,
                r2: 2,
                r3: 3,
                post: Post::Imm(-127)
            }
        );
        assert_eq!(text(slot(5, 1, 0x32, 0, 1, 3, 2, 1, 0)), "st4 [r3]=r2,-127");
    }

    #[test]
    fn fetchadd_inc3_table() {
        let expect = [
            (0, 16),
            (1, 8),
            (2, 4),
            (3, 1),
            (4, -16),
            (5, -8),
            (6, -4),
            (7, -1),
        ];
        for (field, inc) in expect {
            let i = mem(slot(4, 0, 0x12, 0, 1, 3, field, 1, 0));
            assert!(
                matches!(i, MemInsn::Fetchadd { inc: v, sem: Sem::Acq, size: MemSize::B4, .. } if v == inc)
            );
        }
        assert_eq!(
            text(slot(4, 0, 0x17, 3, 1, 3, 4, 1, 0)),
            "fetchadd8.rel.nta r1=[r3],-16"
        );
    }

    #[test]
    fn fp_pair_implied_increment() {
        let i = mem(slot(6, 1, 0x02, 0, 1, 3, 2, 1, 0));
        assert!(matches!(
            i,
            MemInsn::Ldfp {
                size: PairSize::Single,
                post: Post::Imm(8),
                ..
            }
        ));
        let i = mem(slot(6, 1, 0x03, 0, 1, 3, 2, 1, 0));
        assert!(matches!(
            i,
            MemInsn::Ldfp {
                size: PairSize::Double,
                post: Post::Imm(16),
                ..
            }
        ));
        assert_eq!(
            text(slot(6, 1, 0x01, 1, 1, 3, 2, 1, 0)),
            "ldfp8.nt1 f1,f2=[r3],16"
        );
    }

    #[test]
    fn lfetch_negative_imm() {
        // lfetch [r3],-34: imm9 = 0x1de -> s=1, i=1, imm7b=0x5e.
        let raw = slot(7, 1, 0x2c, 0, 1, 3, 0x5e, 0, 0);
        assert!(matches!(
            mem(raw),
            MemInsn::Lfetch {
                post: Post::Imm(-34),
                excl: false,
                fault: false,
                ..
            }
        ));
        assert_eq!(text(raw), "lfetch [r3],-34");
    }

    #[test]
    fn hint_spellings_and_validity() {
        assert_eq!(text(slot(4, 0, 0x00, 2, 0, 3, 0, 1, 0)), "ld1.d2 r1=[r3]");
        assert_eq!(text(slot(4, 0, 0x33, 1, 0, 3, 2, 0, 0)), "st8.d1 [r3]=r2");
        assert_eq!(
            text(slot(6, 0, 0x2f, 2, 0, 3, 0, 0, 0)),
            "lfetch.fault.excl.nt2 [r3]"
        );
        // hint 2 on a register-update load, hint 1 on an imm-update store.
        assert!(decode(slot(4, 1, 0x00, 2, 0, 3, 2, 1, 0)).is_err());
        assert!(decode(slot(5, 0, 0x30, 1, 0, 3, 2, 1, 0)).is_err());
    }

    #[test]
    fn itanium_9500_hints_and_lfetch_count() {
        // Loads take the extension from bit 19, stores and lfetch from bit 12.
        let ld = slot(4, 0, 0x03, 1, 0, 3, 0x40, 1, 0);
        assert!(matches!(mem(ld), MemInsn::Ld { hint: Hint::D5, .. }));
        assert_eq!(
            text(slot(4, 0, 0x33, 3, 0, 3, 2, 0x40, 0)),
            "st8.d7 [r3]=r2"
        );
        // With a register update the bit belongs to r2: no extension.
        assert_eq!(
            text(slot(4, 1, 0x03, 0, 0, 3, 0x40, 1, 0)),
            "ld8 r1=[r3],r64"
        );
        // lfetch.count [r3],64,-64: count-1 = 63, stride field = -1.
        let raw = slot(6, 0, 0x2c, 0, 0, 3, 0x40 | 0x1f, 63, 0);
        assert_eq!(
            mem(raw),
            MemInsn::LfetchCount {
                hint: Hint::None,
                r3: 3,
                count: 64,
                stride: -64
            }
        );
        assert_eq!(text(raw), "lfetch.count [r3],64,-64");
        let raw = slot(6, 0, 0x2c, 3, 0, 3, 0x40 | 0x0f, 0x40, 0);
        assert_eq!(text(raw), "lfetch.count.d7 [r3],1,960");
    }

    #[test]
    fn implicit_operands() {
        assert_eq!(
            text(slot(4, 0, 0x06, 0, 1, 3, 2, 1, 0)),
            "cmpxchg4.rel r1=[r3],r2,ar.ccv"
        );
        assert_eq!(
            text(slot(4, 0, 0x20, 0, 1, 3, 2, 1, 0)),
            "cmp8xchg16.acq r1=[r3],r2,ar.csd,ar.ccv"
        );
        assert_eq!(
            text(slot(4, 0, 0x2c, 0, 1, 3, 2, 1, 0)),
            "ld16.acq r1,ar.csd=[r3]"
        );
        assert_eq!(
            text(slot(4, 0, 0x34, 0, 1, 3, 2, 1, 0)),
            "st16.rel [r3]=r2,ar.csd"
        );
    }

    #[test]
    fn getf_setf_and_fill() {
        assert_eq!(
            mem(slot(4, 0, 0x1e, 3, 1, 0, 9, 8, 5)),
            MemInsn::Getf {
                kind: FpXfer::S,
                r1: 8,
                f2: 9
            }
        );
        assert_eq!(
            decode(slot(4, 0, 0x1e, 3, 1, 0, 9, 8, 5)).map(|s| s.qp),
            Ok(5)
        );
        assert_eq!(text(slot(6, 0, 0x1d, 0, 1, 0, 9, 8, 0)), "setf.exp f8=r9");
        assert_eq!(text(slot(6, 0, 0x1b, 0, 0, 3, 0, 8, 0)), "ldf.fill f8=[r3]");
        assert_eq!(text(slot(4, 0, 0x1b, 0, 0, 3, 0, 8, 0)), "ld8.fill r8=[r3]");
        assert!(decode(slot(4, 0, 0x1a, 0, 0, 3, 0, 8, 0)).is_err());
        assert!(decode(slot(4, 1, 0x00, 0, 1, 3, 0, 8, 0)).is_err());
    }
}
