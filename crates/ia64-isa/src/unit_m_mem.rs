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
use crate::insn::{rsv, DecodeError, Slot, SlotResult};
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

impl Hint {}

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
// Decoding: one dense table indexed by major opcode, m, x and x6
// ---------------------------------------------------------------------------
//
// Every operation of major opcodes 4..7 is selected by the low two bits of
// the major opcode, `m` (bit 36), `x` (bit 27) and `x6` (bits 30..36): ten
// bits.  `MEM_ROWS` holds one pre-decoded `Row` per combination, built at
// compile time by `classify` from the SDM Vol. 3 §4.4.1 opcode-extension
// tables (and, for majors 5 and 7, where `m` and `x` are immediate bits,
// repeated across them).  Decoding a slot is then one table load, one hint
// check and one field extraction per operation class.

/// The operation class of a table row; `Rsv` marks a reserved encoding.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Op {
    Rsv,
    Ld,
    Ld16,
    St,
    St16,
    Cmpxchg,
    Cmp8xchg16,
    Xchg,
    Fetchadd,
    Getf,
    Setf,
    Ldf,
    Stf,
    Ldfp,
    Lfetch,
}

/// How the base register is updated, by format.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum PostKind {
    /// No update (M1, M4, M6, M9, M11, M13, M16..M19).
    None,
    /// `r3 += r2` (M2, M7, M14).
    Reg,
    /// `r3 += imm9` with imm7b in the r2 field (M3, M8, M15).
    ImmB,
    /// `r3 += imm9` with imm7a in the r1 field (M5, M10).
    ImmA,
    /// The implied `r3 += 8/16` of the M12 load pairs.
    Pair,
}

/// One pre-decoded opcode-table entry.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Row {
    /// Index into `BUILDERS`: `op * POSTS + post`.
    builder: u8,
    /// Completer index: `LdKind`/`LdfKind`/`StKind`/`Sem` position, or a
    /// flag (`acq`, `rel`, `spill`); for `lfetch` whether `.count` applies.
    sub: u8,
    /// Size index: `MemSize`/`FpSize`/`PairSize`/`FpXfer` position.
    size: u8,
    /// Bit `h` set when the 3-bit hint value `h` (extension bit above the
    /// 2-bit field) is accepted; the extension bit never changes validity.
    hints: u8,
    /// Position of the Itanium 9500 hint-extension bit; `NO_EXT` (above the
    /// 41 slot bits, so always read as 0) when the form has none.
    ext: u8,
    /// Pads the row to eight bytes, so that indexing is one scaled load.
    _pad: [u8; 3],
}

/// Number of `PostKind` values.
const POSTS: usize = 5;
/// Extension-bit position for forms without one: bit 41 of a slot is 0.
const NO_EXT: u8 = 41;

const RSV: Row = row(Op::Rsv, PostKind::None, 0, 0, 0, 0);

/// Hint sets: every hint; no `.nt2` (update forms, read-modify-write);
/// neither `.nt1` nor `.nt2` (stores with an immediate update).
const H_ALL: u8 = 0b1111;
const H_NO2: u8 = 0b1011;
const H_NO12: u8 = 0b1001;
/// Extension-bit positions: the unused `r2` field's top bit (loads without
/// update) and the unused `r1` field's top bit (stores, `lfetch`).
const EXT_LOAD: u8 = 19;
const EXT_STORE: u8 = 12;

const fn row(op: Op, post: PostKind, sub: u8, size: u8, hints: u8, ext: u8) -> Row {
    Row {
        builder: (op as usize * POSTS + post as usize) as u8,
        sub,
        size,
        hints: hints | (hints << 4),
        ext: if ext == 0 { NO_EXT } else { ext },
        _pad: [0; 3],
    }
}

/// Integer load kind index by the high four bits of `x6` (SDM Vol. 3
/// "Integer Load/Store Opcode Extensions"), `LD_KINDS` order.
const fn ld_kind(x6: u8) -> Option<u8> {
    match x6 >> 2 {
        0..=5 => Some(x6 >> 2),
        6 if x6 == 0x1b => Some(6),
        8 => Some(7),
        9 => Some(8),
        10 => Some(9),
        _ => None,
    }
}

const LD_KINDS: [LdKind; 16] = {
    use LdKind::*;
    [
        Normal, S, A, Sa, Bias, Acq, Fill, CClr, CNc, CClrAcq, Normal, Normal, Normal, Normal,
        Normal, Normal,
    ]
};

/// FP load kind index (SDM Vol. 3 "Floating-point Load/Store/Lfetch Opcode
/// Extensions"), `LDF_KINDS` order; the fill form is `x6 = 0x1b` only.
const fn ldf_kind(x6: u8) -> Option<u8> {
    match x6 >> 2 {
        0..=3 => Some(x6 >> 2),
        6 if x6 == 0x1b => Some(4),
        8 => Some(5),
        9 => Some(6),
        _ => None,
    }
}

const LDF_KINDS: [LdfKind; 8] = {
    use LdfKind::*;
    [Normal, S, A, Sa, Fill, CClr, CNc, Normal]
};

const MEM_SIZES: [MemSize; 4] = [MemSize::B1, MemSize::B2, MemSize::B4, MemSize::B8];
const FP_SIZES: [FpSize; 4] = [FpSize::Ext, FpSize::Int, FpSize::Single, FpSize::Double];
const PAIR_SIZES: [PairSize; 4] = [
    PairSize::Int,
    PairSize::Int,
    PairSize::Single,
    PairSize::Double,
];
const XFERS: [FpXfer; 4] = [FpXfer::Sig, FpXfer::Exp, FpXfer::S, FpXfer::D];
const HINTS: [Hint; 8] = {
    use Hint::*;
    [None, Nt1, Nt2, Nta, D4, D5, D6, D7]
};

/// Integer loads and stores, M1..M5 (majors 4 and 5, `x` = 0).  `post` is
/// the load update; stores have no register-update form.
const fn int_ldst_row(x6: u8, post: PostKind) -> Row {
    let size = x6 & 3;
    if let Some(k) = ld_kind(x6) {
        let (hints, ext) = match post {
            PostKind::None => (H_ALL, EXT_LOAD),
            _ => (H_NO2, 0),
        };
        return row(Op::Ld, post, k, size, hints, ext);
    }
    let sub = match x6 {
        0x30..=0x33 => 0,
        0x34..=0x37 => 1,
        0x3b => 2,
        _ => return RSV,
    };
    match post {
        PostKind::None => row(Op::St, post, sub, size, H_ALL, EXT_STORE),
        PostKind::ImmB => row(Op::St, PostKind::ImmA, sub, size, H_NO12, 0),
        _ => RSV,
    }
}

/// Semaphores, `getf`, `ld16`/`st16`: major 4, m = 0, x = 1 (SDM Vol. 3
/// "Semaphore/Get FR/16-Byte Opcode Extensions"; M16..M19).  `getf`
/// ignores the hint; the 16-byte forms accept every hint; the
/// read-modify-write forms reject `.nt2`.  `sub` is the `Sem` (bit 2 of x6).
const fn semaphore_row(x6: u8) -> Row {
    let (size, sem) = (x6 & 3, (x6 >> 2) & 1);
    let n = PostKind::None;
    match x6 {
        0x1c..=0x1f => row(Op::Getf, n, 0, size, H_ALL, 0),
        0x28 | 0x2c => row(Op::Ld16, n, (x6 == 0x2c) as u8, 0, H_ALL, EXT_LOAD),
        0x30 | 0x34 => row(Op::St16, n, (x6 == 0x34) as u8, 0, H_ALL, EXT_STORE),
        0x00..=0x07 => row(Op::Cmpxchg, n, sem, size, H_NO2, 0),
        0x08..=0x0b => row(Op::Xchg, n, 0, size, H_NO2, 0),
        0x12 | 0x13 | 0x16 | 0x17 => row(Op::Fetchadd, n, sem, size, H_NO2, 0),
        0x20 | 0x24 => row(Op::Cmp8xchg16, n, sem, 0, H_NO2, 0),
        _ => RSV,
    }
}

/// FP loads and stores and `lfetch`: M6..M10, M13..M15 (major 6 with x = 0,
/// major 7).  `lfetch` accepts every hint in every form, its extension bit
/// being bit 12; its plain no-update form doubles as `lfetch.count`.
const fn fp_ldst_row(x6: u8, post: PostKind) -> Row {
    if let Some(k) = ldf_kind(x6) {
        let size = if x6 == 0x1b { 0 } else { x6 & 3 };
        let (hints, ext) = match post {
            PostKind::None => (H_ALL, EXT_LOAD),
            _ => (H_NO2, 0),
        };
        return row(Op::Ldf, post, k, size, hints, ext);
    }
    match x6 {
        0x2c..=0x2f => {
            let count = (x6 == 0x2c && matches!(post, PostKind::None)) as u8;
            row(Op::Lfetch, post, count, 0, H_ALL, EXT_STORE)
        }
        0x30..=0x33 | 0x3b => {
            let (spill, size) = if x6 == 0x3b { (1, 0) } else { (0, x6 & 3) };
            match post {
                PostKind::None => row(Op::Stf, post, spill, size, H_ALL, EXT_STORE),
                PostKind::ImmB => row(Op::Stf, PostKind::ImmA, spill, size, H_NO12, 0),
                _ => RSV,
            }
        }
        _ => RSV,
    }
}

/// FP load pairs and `setf`: major 6, x = 1 (SDM Vol. 3 "Floating-point
/// Load Pair/Set FR" and "Load Pair +Imm" tables; M11, M12, M18).  `m`
/// selects M12's implied increment; `setf` ignores the hint and has no
/// update form.
const fn fp_pair_setf_row(x6: u8, m: bool) -> Row {
    let n = PostKind::None;
    if x6 >= 0x1c && x6 <= 0x1f {
        return if m {
            RSV
        } else {
            row(Op::Setf, n, 0, x6 & 3, H_ALL, 0)
        };
    }
    match (x6 & 3, ldf_kind(x6)) {
        (0, _) | (_, None) | (_, Some(4)) => RSV,
        (size, Some(k)) => {
            let post = if m { PostKind::Pair } else { n };
            row(Op::Ldfp, post, k, size, H_NO2, 0)
        }
    }
}

/// The row for table index `i` (see [`mem_index`]).
const fn classify(i: usize) -> Row {
    let (major, m, x, x6) = (
        4 + (i >> 8),
        (i >> 7) & 1 == 1,
        i & 1 == 1,
        ((i >> 1) & 0x3f) as u8,
    );
    match (major, m, x) {
        (4, false, false) => int_ldst_row(x6, PostKind::None),
        (4, true, false) => int_ldst_row(x6, PostKind::Reg),
        (4, false, true) => semaphore_row(x6),
        (5, _, _) => int_ldst_row(x6, PostKind::ImmB),
        (6, false, false) => fp_ldst_row(x6, PostKind::None),
        (6, true, false) => fp_ldst_row(x6, PostKind::Reg),
        (6, _, true) => fp_pair_setf_row(x6, m),
        (7, _, _) => fp_ldst_row(x6, PostKind::ImmB),
        _ => RSV,
    }
}

/// Table index of a slot: major & 3 (bits 8..9), m and x6 (bits 1..7, from
/// slot bits 30..36), x (bit 0).
#[inline(always)]
const fn mem_index(raw: u64) -> usize {
    ((((raw >> 37) & 3) << 8) | ((raw >> 29) & 0xfe) | ((raw >> 27) & 1)) as usize
}

static MEM_ROWS: [Row; 1024] = {
    let mut t = [RSV; 1024];
    let mut i = 0;
    while i < 1024 {
        t[i] = classify(i);
        i += 1;
    }
    t
};

/// imm9 of M3/M8/M15: `s` (bit 36), `i` (bit 27), `imm7b` (bits 13..20).
#[inline(always)]
fn imm9_b(raw: u64) -> i16 {
    let v = (u64::from(bit(raw, 36)) << 8) | (u64::from(bit(raw, 27)) << 7) | bits(raw, 13, 7);
    sext(v, 9) as i16
}

/// imm9 of M5/M10: `s` (bit 36), `i` (bit 27), `imm7a` (bits 6..13).
#[inline(always)]
fn imm9_a(raw: u64) -> i16 {
    let v = (u64::from(bit(raw, 36)) << 8) | (u64::from(bit(raw, 27)) << 7) | bits(raw, 6, 7);
    sext(v, 9) as i16
}

/// The fetchadd increment: `s` (bit 15) and `i2b` (bits 13..15) select
/// ±{16, 8, 4, 1} (SDM Vol. 3 §4.4.3, M17 "inc3").
#[inline(always)]
fn inc3(raw: u64) -> i8 {
    const MAG: [i8; 8] = [16, 8, 4, 1, -16, -8, -4, -1];
    MAG[bits(raw, 13, 3) as usize]
}

/// The base update `P` (a `PostKind` value) of a row.
#[inline(always)]
fn post_of<const P: u8>(raw: u64, r: &Row) -> Post {
    const NONE: u8 = PostKind::None as u8;
    const REG: u8 = PostKind::Reg as u8;
    const IMM_B: u8 = PostKind::ImmB as u8;
    const IMM_A: u8 = PostKind::ImmA as u8;
    match P {
        NONE => Post::None,
        REG => Post::Reg(f2(raw)),
        IMM_B => Post::Imm(imm9_b(raw)),
        IMM_A => Post::Imm(imm9_a(raw)),
        _ => Post::Imm(PAIR_SIZES[r.size as usize & 3].bytes()),
    }
}

/// Decodes a slot whose major opcode is 4..7.
pub fn decode(raw: u64) -> SlotResult {
    let mut out = Err(DecodeError::reserved(raw));
    if major(raw) >> 2 == 1 {
        decode_4_7(&mut out, raw);
    }
    out
}

/// Major opcodes 4..7 of an M slot, in place.
pub(crate) fn op4_7(out: &mut SlotResult, raw: u64, _addr: u64) {
    decode_4_7(out, raw)
}

/// [`decode`] in place, for a slot already known to have major opcode 4..7.
#[inline(always)]
pub(crate) fn decode_4_7(out: &mut SlotResult, raw: u64) {
    let r = &MEM_ROWS[mem_index(raw)];
    let ext = ((raw & SLOT_BITS) >> r.ext) & 1;
    let h = (bits(raw, 28, 2) | (ext << 2)) as usize;
    if (r.hints >> h) & 1 == 0 {
        return rsv(out, raw);
    }
    // One out-of-line builder per operation class and update form: each
    // writes its own variant, so no arm pays for the register shuffling of
    // a merged tail.
    BUILDERS[r.builder as usize](out, raw, r, HINTS[h & 7])
}

/// The 41 bits of a slot.
const SLOT_BITS: u64 = (1 << 41) - 1;

type Builder = fn(&mut SlotResult, u64, &Row, Hint);

/// The builder of an operation class and update form (`b_rsv` for the
/// combinations no row uses).
const fn builder(op: Op, post: u8) -> Builder {
    const N: u8 = PostKind::None as u8;
    const R: u8 = PostKind::Reg as u8;
    const B: u8 = PostKind::ImmB as u8;
    const A: u8 = PostKind::ImmA as u8;
    const P: u8 = PostKind::Pair as u8;
    match (op, post) {
        (Op::Ld, N) => b_ld::<N>,
        (Op::Ld, R) => b_ld::<R>,
        (Op::Ld, B) => b_ld::<B>,
        (Op::St, N) => b_st::<N>,
        (Op::St, A) => b_st::<A>,
        (Op::Ldf, N) => b_ldf::<N>,
        (Op::Ldf, R) => b_ldf::<R>,
        (Op::Ldf, B) => b_ldf::<B>,
        (Op::Stf, N) => b_stf::<N>,
        (Op::Stf, A) => b_stf::<A>,
        (Op::Ldfp, N) => b_ldfp::<N>,
        (Op::Ldfp, P) => b_ldfp::<P>,
        (Op::Lfetch, N) => b_lfetch::<N>,
        (Op::Lfetch, R) => b_lfetch::<R>,
        (Op::Lfetch, B) => b_lfetch::<B>,
        (Op::Ld16, _) => b_ld16,
        (Op::St16, _) => b_st16,
        (Op::Cmpxchg, _) => b_cmpxchg,
        (Op::Cmp8xchg16, _) => b_cmp8xchg16,
        (Op::Xchg, _) => b_xchg,
        (Op::Fetchadd, _) => b_fetchadd,
        (Op::Getf, _) => b_getf,
        (Op::Setf, _) => b_setf,
        _ => b_rsv,
    }
}

const OPS: [Op; 15] = [
    Op::Rsv,
    Op::Ld,
    Op::Ld16,
    Op::St,
    Op::St16,
    Op::Cmpxchg,
    Op::Cmp8xchg16,
    Op::Xchg,
    Op::Fetchadd,
    Op::Getf,
    Op::Setf,
    Op::Ldf,
    Op::Stf,
    Op::Ldfp,
    Op::Lfetch,
];

// `OPS` lists the classes in declaration order.
const _: () = {
    let mut i = 0;
    while i < OPS.len() {
        assert!(OPS[i] as usize == i);
        i += 1;
    }
};

/// Builders indexed by `Row::builder`.
static BUILDERS: [Builder; 15 * POSTS] = {
    let mut t: [Builder; 15 * POSTS] = [b_rsv; 15 * POSTS];
    let mut i = 0;
    while i < t.len() {
        t[i] = builder(OPS[i / POSTS], (i % POSTS) as u8);
        i += 1;
    }
    t
};

/// Wraps a memory instruction with the slot's qualifying predicate.
#[inline(always)]
fn ok(out: &mut SlotResult, raw: u64, i: MemInsn) {
    *out = Ok(Slot {
        qp: qp(raw),
        insn: crate::insn::Insn::Mem(i),
    });
}

#[inline(always)]
fn size_of_row(r: &Row) -> MemSize {
    MEM_SIZES[r.size as usize & 3]
}

#[inline(always)]
fn sem_of_row(r: &Row) -> Sem {
    if r.sub & 1 != 0 {
        Sem::Rel
    } else {
        Sem::Acq
    }
}

fn b_rsv(out: &mut SlotResult, raw: u64, _: &Row, _: Hint) {
    rsv(out, raw);
}

/// M1/M2/M3 integer load.
fn b_ld<const P: u8>(out: &mut SlotResult, raw: u64, r: &Row, hint: Hint) {
    let i = MemInsn::Ld {
        size: size_of_row(r),
        kind: LD_KINDS[r.sub as usize & 15],
        hint,
        r1: f1(raw),
        r3: f3(raw),
        post: post_of::<P>(raw, r),
    };
    ok(out, raw, i);
}

/// M1 `ld16`.
fn b_ld16(out: &mut SlotResult, raw: u64, r: &Row, hint: Hint) {
    let i = MemInsn::Ld16 {
        acq: r.sub != 0,
        hint,
        r1: f1(raw),
        r3: f3(raw),
    };
    ok(out, raw, i);
}

/// M4/M5 integer store.
fn b_st<const P: u8>(out: &mut SlotResult, raw: u64, r: &Row, hint: Hint) {
    let i = MemInsn::St {
        size: size_of_row(r),
        kind: match r.sub {
            0 => StKind::Normal,
            1 => StKind::Rel,
            _ => StKind::Spill,
        },
        hint,
        r2: f2(raw),
        r3: f3(raw),
        post: post_of::<P>(raw, r),
    };
    ok(out, raw, i);
}

/// M4 `st16`.
fn b_st16(out: &mut SlotResult, raw: u64, r: &Row, hint: Hint) {
    let i = MemInsn::St16 {
        rel: r.sub != 0,
        hint,
        r2: f2(raw),
        r3: f3(raw),
    };
    ok(out, raw, i);
}

/// M16 `cmpxchg`.
fn b_cmpxchg(out: &mut SlotResult, raw: u64, r: &Row, hint: Hint) {
    let i = MemInsn::Cmpxchg {
        size: size_of_row(r),
        sem: sem_of_row(r),
        hint,
        r1: f1(raw),
        r2: f2(raw),
        r3: f3(raw),
    };
    ok(out, raw, i);
}

/// M16 `cmp8xchg16`.
fn b_cmp8xchg16(out: &mut SlotResult, raw: u64, r: &Row, hint: Hint) {
    let i = MemInsn::Cmp8xchg16 {
        sem: sem_of_row(r),
        hint,
        r1: f1(raw),
        r2: f2(raw),
        r3: f3(raw),
    };
    ok(out, raw, i);
}

/// M16 `xchg`.
fn b_xchg(out: &mut SlotResult, raw: u64, r: &Row, hint: Hint) {
    let i = MemInsn::Xchg {
        size: size_of_row(r),
        hint,
        r1: f1(raw),
        r2: f2(raw),
        r3: f3(raw),
    };
    ok(out, raw, i);
}

/// M17 `fetchadd`.
fn b_fetchadd(out: &mut SlotResult, raw: u64, r: &Row, hint: Hint) {
    let i = MemInsn::Fetchadd {
        size: size_of_row(r),
        sem: sem_of_row(r),
        hint,
        r1: f1(raw),
        r3: f3(raw),
        inc: inc3(raw),
    };
    ok(out, raw, i);
}

/// M19 `getf`.
fn b_getf(out: &mut SlotResult, raw: u64, r: &Row, _: Hint) {
    let i = MemInsn::Getf {
        kind: XFERS[r.size as usize & 3],
        r1: f1(raw),
        f2: f2(raw),
    };
    ok(out, raw, i);
}

/// M18 `setf`.
fn b_setf(out: &mut SlotResult, raw: u64, r: &Row, _: Hint) {
    let i = MemInsn::Setf {
        kind: XFERS[r.size as usize & 3],
        f1: f1(raw),
        r2: f2(raw),
    };
    ok(out, raw, i);
}

/// M6/M7/M8 FP load.
fn b_ldf<const P: u8>(out: &mut SlotResult, raw: u64, r: &Row, hint: Hint) {
    let i = MemInsn::Ldf {
        size: FP_SIZES[r.size as usize & 3],
        kind: LDF_KINDS[r.sub as usize & 7],
        hint,
        f1: f1(raw),
        r3: f3(raw),
        post: post_of::<P>(raw, r),
    };
    ok(out, raw, i);
}

/// M9/M10 FP store.
fn b_stf<const P: u8>(out: &mut SlotResult, raw: u64, r: &Row, hint: Hint) {
    let i = MemInsn::Stf {
        size: FP_SIZES[r.size as usize & 3],
        spill: r.sub != 0,
        hint,
        f2: f2(raw),
        r3: f3(raw),
        post: post_of::<P>(raw, r),
    };
    ok(out, raw, i);
}

/// M11/M12 FP load pair.
fn b_ldfp<const P: u8>(out: &mut SlotResult, raw: u64, r: &Row, hint: Hint) {
    let i = MemInsn::Ldfp {
        size: PAIR_SIZES[r.size as usize & 3],
        kind: LDF_KINDS[r.sub as usize & 7],
        hint,
        f1: f1(raw),
        f2: f2(raw),
        r3: f3(raw),
        post: post_of::<P>(raw, r),
    };
    ok(out, raw, i);
}

/// M13/M14/M15 `lfetch`.
fn b_lfetch<const P: u8>(out: &mut SlotResult, raw: u64, r: &Row, hint: Hint) {
    ok(out, raw, lfetch::<P>(raw, r, hint));
}

/// `lfetch` (M13/M14/M15).  The Itanium 9500 `lfetch.count` is the plain
/// no-update `lfetch` (x6 = 0x2c, `sub` = 1) with bit 19 set: count-1 in
/// bits 6..12 (6 bits) and a signed stride in units of 64 bytes in bits
/// 13..18 (5 bits); bit 18 is ignored.
#[inline(always)]
fn lfetch<const P: u8>(raw: u64, r: &Row, hint: Hint) -> MemInsn {
    let r3 = f3(raw);
    if r.sub != 0 && bit(raw, 19) {
        return MemInsn::LfetchCount {
            hint,
            r3,
            count: (bits(raw, 6, 6) as u8).wrapping_add(1),
            stride: (sext(bits(raw, 13, 5), 5) as i16).wrapping_mul(64),
        };
    }
    let x6 = bits(raw, 30, 6);
    MemInsn::Lfetch {
        excl: x6 & 1 != 0,
        fault: x6 & 2 != 0,
        hint,
        r3,
        post: post_of::<P>(raw, r),
    }
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
