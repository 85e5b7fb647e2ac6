//! A-unit (integer ALU) instructions: SDM Vol. 3 §4.2, formats A1–A10.
//!
//! This module owns major opcodes 8..15 in M and I slots: integer add,
//! subtract and logical operations (register and imm8 forms), `shladd` /
//! `shladdp4`, `adds` / `addp4` / `addl` (imm14 and imm22), the integer
//! compares `cmp` / `cmp4` (register, zero-register and imm8 forms, all
//! compare types) and the multimedia ALU (`padd`, `psub`, `pavg`,
//! `pavgsub`, `pcmp`, `pshladd2`, `pshradd2`).
//!
//! Field layout (SDM Vol. 3 Figure 4-1 and §4.2): `op` 37..41, bit 36 (`s`,
//! `tb` or `za`), `x2a`/`x2` 34..36, `ve`/`ta`/`zb` 33, `x4` 29..33, `x2b`
//! 27..29, `r3` 20..27, `r2`/`imm7b` 13..20, `r1` 6..13 (`c` 12 and `p1`
//! 6..12 in compares), `qp` 0..6.  Reserved encodings are exactly those GNU
//! objdump prints as `data8`.

use crate::disasm::Ctx;
use crate::fields::{bit, bits, f1, f2, f3, major, qp, sext};
use crate::insn::{rsv, DecodeError, Insn, Slot, SlotResult};
use core::fmt::{self, Write};

/// Register-register integer ALU operations (A1, SDM Vol. 3 Table 4-9).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AluOp {
    /// `add r1=r2,r3`.
    Add,
    /// `add r1=r2,r3,1`: r2 + r3 + 1.
    AddPlus1,
    /// `sub r1=r2,r3`.
    Sub,
    /// `sub r1=r2,r3,1`: r2 - r3 - 1.
    SubMinus1,
    /// `addp4 r1=r2,r3`: 32-bit pointer add.
    Addp4,
    /// `and`.
    And,
    /// `andcm`: r2 & !r3.
    Andcm,
    /// `or`.
    Or,
    /// `xor`.
    Xor,
}

/// Immediate-register integer ALU operations (A3, SDM Vol. 3 Table 4-9).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AluImmOp {
    /// `sub r1=imm8,r3`.
    Sub,
    /// `and r1=imm8,r3`.
    And,
    /// `andcm r1=imm8,r3`: imm8 & !r3.
    Andcm,
    /// `or r1=imm8,r3`.
    Or,
    /// `xor r1=imm8,r3`.
    Xor,
}

/// The add-immediate forms (A4, A5).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AddImmKind {
    /// `adds r1=imm14,r3` (A4).
    Adds,
    /// `addp4 r1=imm14,r3` (A4).
    Addp4,
    /// `addl r1=imm22,r3` with r3 in r0..r3 (A5).
    Addl,
}

/// Compare operand width (SDM Vol. 3 Table 4-10: the `x2` field).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CmpSize {
    /// `cmp`: 64-bit compare.
    Cmp8,
    /// `cmp4`: compare of the low 32 bits.
    Cmp4,
}

/// Compare relation, as encoded (SDM Vol. 3 Tables 4-10, 4-11).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CmpRel {
    /// `eq`.
    Eq,
    /// `ne` (only with the parallel compare types).
    Ne,
    /// `lt` (signed).
    Lt,
    /// `le` (signed, A7 only).
    Le,
    /// `gt` (signed, A7 only).
    Gt,
    /// `ge` (signed, A7 only).
    Ge,
    /// `ltu` (unsigned).
    Ltu,
}

/// Compare type: how the predicate targets are written (SDM Vol. 3, `cmp`
/// instruction page, "Comparison Types" table).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CmpType {
    /// Normal: p1 = result, p2 = !result.
    Normal,
    /// `.unc`: both cleared first, even when qp is false.
    Unc,
    /// `.and`: both cleared when the result is false.
    And,
    /// `.or`: both set when the result is true.
    Or,
    /// `.or.andcm`: p1 set and p2 cleared when the result is true.
    OrAndcm,
}

/// Multimedia element size (the `za`/`zb` fields of A9/A10).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PSize {
    /// 8 × 1-byte elements.
    B1,
    /// 4 × 2-byte elements.
    B2,
    /// 2 × 4-byte elements.
    B4,
}

/// Saturation completer of `padd`/`psub` (the `x2b` field).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sat {
    /// Modulo (wrap-around) arithmetic: no completer.
    Modulo,
    /// `.sss`: signed result, signed operands.
    Sss,
    /// `.uuu`: unsigned result and operands.
    Uuu,
    /// `.uus`: unsigned result and r2, signed r3.
    Uus,
}

/// Relation of `pcmp`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PcmpRel {
    /// `.eq`.
    Eq,
    /// `.gt` (signed).
    Gt,
}

/// A-unit instructions (SDM Vol. 3 §4.2).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AInsn {
    /// A1: integer ALU, register-register.
    Alu { op: AluOp, r1: u8, r2: u8, r3: u8 },
    /// A2: shift left and add, `shladd`/`shladdp4 r1=r2,count,r3`;
    /// `count` is 1..=4.
    Shladd {
        p4: bool,
        r1: u8,
        r2: u8,
        count: u8,
        r3: u8,
    },
    /// A3: integer ALU, immediate-register; `imm` is the sign-extended imm8.
    AluImm {
        op: AluImmOp,
        r1: u8,
        imm: i64,
        r3: u8,
    },
    /// A4 (`adds`, `addp4`: sign-extended imm14) and A5 (`addl`:
    /// sign-extended imm22, r3 in r0..r3).
    AddImm {
        kind: AddImmKind,
        r1: u8,
        imm: i64,
        r3: u8,
    },
    /// A6: integer compare, register-register; and A7: integer compare to
    /// zero (r2 is then 0: the A7 r2 field is ignored, as objdump does).
    Cmp {
        size: CmpSize,
        rel: CmpRel,
        ctype: CmpType,
        p1: u8,
        p2: u8,
        r2: u8,
        r3: u8,
    },
    /// A8: integer compare, immediate-register; `imm` is the sign-extended imm8.
    CmpImm {
        size: CmpSize,
        rel: CmpRel,
        ctype: CmpType,
        p1: u8,
        p2: u8,
        imm: i64,
        r3: u8,
    },
    /// A9: parallel add.
    Padd {
        size: PSize,
        sat: Sat,
        r1: u8,
        r2: u8,
        r3: u8,
    },
    /// A9: parallel subtract.
    Psub {
        size: PSize,
        sat: Sat,
        r1: u8,
        r2: u8,
        r3: u8,
    },
    /// A9: parallel average (`.raz`: round away from zero); sizes 1 and 2.
    Pavg {
        size: PSize,
        raz: bool,
        r1: u8,
        r2: u8,
        r3: u8,
    },
    /// A9: parallel average of a difference; sizes 1 and 2.
    Pavgsub { size: PSize, r1: u8, r2: u8, r3: u8 },
    /// A9: parallel compare.
    Pcmp {
        size: PSize,
        rel: PcmpRel,
        r1: u8,
        r2: u8,
        r3: u8,
    },
    /// A10: parallel shift left and add, `pshladd2 r1=r2,count,r3`
    /// (`right`: `pshradd2`, shift right); `count` is 1..=4.
    PshAdd2 {
        right: bool,
        r1: u8,
        r2: u8,
        count: u8,
        r3: u8,
    },
}

/// Decodes an A-unit slot (major opcode 8..15).
pub fn decode(raw: u64) -> SlotResult {
    let mut out = Err(DecodeError::reserved(raw));
    decode_into(&mut out, raw);
    out
}

/// [`decode`] writing the slot in place (the decoder's hot path: no slot
/// value is built elsewhere and copied).
pub(crate) fn decode_into(out: &mut SlotResult, raw: u64) {
    match major(raw) {
        8 => op8(out, raw, 0),
        9 => op9(out, raw, 0),
        0xc..=0xe => op_cmp(out, raw, 0),
        _ => rsv(out, raw),
    }
}

/// Major opcode 8 (integer and multimedia ALU, `adds`, `addp4`).
pub(crate) fn op8(out: &mut SlotResult, raw: u64, _addr: u64) {
    decode_op8(out, raw)
}

/// Major opcode 9: `addl` (A5).
pub(crate) fn op9(out: &mut SlotResult, raw: u64, _addr: u64) {
    ok(out, raw, decode_addl(raw))
}

/// Major opcodes 0xc..0xe: integer compares (A6..A8).
pub(crate) fn op_cmp(out: &mut SlotResult, raw: u64, _addr: u64) {
    ok(out, raw, decode_cmp(raw))
}

/// Wraps an A-unit instruction with the slot's qualifying predicate.
#[inline(always)]
fn ok(out: &mut SlotResult, raw: u64, i: AInsn) {
    *out = Ok(Slot {
        qp: qp(raw),
        insn: Insn::A(i),
    });
}

/// Sign-extended imm8 from `s` (bit 36) and `imm7b` (bits 13..20): A3, A8.
#[inline]
fn imm8(raw: u64) -> i64 {
    sext((bits(raw, 36, 1) << 7) | bits(raw, 13, 7), 8)
}

/// Major opcode 8: SDM Vol. 3 Table 4-8 (`x2a`, `ve`).
fn decode_op8(out: &mut SlotResult, raw: u64) {
    let ve = bit(raw, 33);
    match bits(raw, 34, 2) {
        0 if !ve => decode_int_alu(out, raw),
        1 => decode_mm_alu(out, raw),
        2 if !ve => ok(out, raw, add_imm14(raw, AddImmKind::Adds)),
        3 if !ve => ok(out, raw, add_imm14(raw, AddImmKind::Addp4)),
        _ => rsv(out, raw),
    }
}

/// A4: imm14 = sign_ext(s(36) : imm6d(27..33) : imm7b(13..20), 14).
fn add_imm14(raw: u64, kind: AddImmKind) -> AInsn {
    let v = (bits(raw, 36, 1) << 13) | (bits(raw, 27, 6) << 7) | bits(raw, 13, 7);
    AInsn::AddImm {
        kind,
        r1: f1(raw),
        imm: sext(v, 14),
        r3: f3(raw),
    }
}

/// A5: imm22 = sign_ext(s(36) : imm5c(22..27) : imm9d(27..36) : imm7b(13..20), 22).
fn decode_addl(raw: u64) -> AInsn {
    let v = (bits(raw, 36, 1) << 21)
        | (bits(raw, 22, 5) << 16)
        | (bits(raw, 27, 9) << 7)
        | bits(raw, 13, 7);
    AInsn::AddImm {
        kind: AddImmKind::Addl,
        r1: f1(raw),
        imm: sext(v, 22),
        r3: bits(raw, 20, 2) as u8,
    }
}

/// Integer ALU, `x2a` = 0, `ve` = 0: SDM Vol. 3 Table 4-9 (`x4`, `x2b`).
/// Bit 36 is ignored in the register forms and is the imm8 sign in A3.
fn decode_int_alu(out: &mut SlotResult, raw: u64) {
    let (r1, r2, r3) = (f1(raw), f2(raw), f3(raw));
    let x2b = bits(raw, 27, 2);
    let alu = |out: &mut SlotResult, op| ok(out, raw, AInsn::Alu { op, r1, r2, r3 });
    let imm = |out: &mut SlotResult, op| {
        ok(
            out,
            raw,
            AInsn::AluImm {
                op,
                r1,
                imm: imm8(raw),
                r3,
            },
        )
    };
    match (bits(raw, 29, 4), x2b) {
        (0, 0) => alu(out, AluOp::Add),
        (0, 1) => alu(out, AluOp::AddPlus1),
        (1, 0) => alu(out, AluOp::SubMinus1),
        (1, 1) => alu(out, AluOp::Sub),
        (2, 0) => alu(out, AluOp::Addp4),
        (3, 0) => alu(out, AluOp::And),
        (3, 1) => alu(out, AluOp::Andcm),
        (3, 2) => alu(out, AluOp::Or),
        (3, _) => alu(out, AluOp::Xor),
        (x4 @ (4 | 6), ct) => ok(
            out,
            raw,
            AInsn::Shladd {
                p4: x4 == 6,
                r1,
                r2,
                count: ct as u8 + 1,
                r3,
            },
        ),
        (9, 1) => imm(out, AluImmOp::Sub),
        (0xb, 0) => imm(out, AluImmOp::And),
        (0xb, 1) => imm(out, AluImmOp::Andcm),
        (0xb, 2) => imm(out, AluImmOp::Or),
        (0xb, _) => imm(out, AluImmOp::Xor),
        _ => rsv(out, raw),
    }
}

/// Multimedia ALU, `x2a` = 1: SDM Vol. 3 Tables 4-12 to 4-15 (`za`, `zb`
/// select the element size; `x4`, `x2b` the operation).
fn decode_mm_alu(out: &mut SlotResult, raw: u64) {
    let (r1, r2, r3) = (f1(raw), f2(raw), f3(raw));
    let size = match (bit(raw, 36), bit(raw, 33)) {
        (false, false) => PSize::B1,
        (false, true) => PSize::B2,
        (true, false) => PSize::B4,
        (true, true) => return rsv(out, raw),
    };
    let x2b = bits(raw, 27, 2);
    let sat = match x2b {
        0 => Sat::Modulo,
        1 => Sat::Sss,
        2 => Sat::Uuu,
        _ => Sat::Uus,
    };
    // Saturating, averaging and shift-add forms exist only for 1- and
    // 2-byte (shift-add: 2-byte) elements.
    let small = size != PSize::B4;
    match (bits(raw, 29, 4), x2b) {
        (0, _) if small || sat == Sat::Modulo => ok(
            out,
            raw,
            AInsn::Padd {
                size,
                sat,
                r1,
                r2,
                r3,
            },
        ),
        (1, _) if small || sat == Sat::Modulo => ok(
            out,
            raw,
            AInsn::Psub {
                size,
                sat,
                r1,
                r2,
                r3,
            },
        ),
        (2, 2 | 3) if small => ok(
            out,
            raw,
            AInsn::Pavg {
                size,
                raz: x2b == 3,
                r1,
                r2,
                r3,
            },
        ),
        (3, 2) if small => ok(out, raw, AInsn::Pavgsub { size, r1, r2, r3 }),
        (x4 @ (4 | 6), ct) if size == PSize::B2 => ok(
            out,
            raw,
            AInsn::PshAdd2 {
                right: x4 == 6,
                r1,
                r2,
                count: ct as u8 + 1,
                r3,
            },
        ),
        (9, 0) => ok(
            out,
            raw,
            AInsn::Pcmp {
                size,
                rel: PcmpRel::Eq,
                r1,
                r2,
                r3,
            },
        ),
        (9, 1) => ok(
            out,
            raw,
            AInsn::Pcmp {
                size,
                rel: PcmpRel::Gt,
                r1,
                r2,
                r3,
            },
        ),
        _ => rsv(out, raw),
    }
}

/// Integer compares, major opcodes C, D, E: SDM Vol. 3 Tables 4-10 and
/// 4-11 (`x2` 34..36, `tb` 36, `ta` 33, `c` 12).  Every combination is
/// defined.
fn decode_cmp(raw: u64) -> AInsn {
    let op = major(raw);
    let x2 = bits(raw, 34, 2);
    let size = if x2 & 1 == 1 {
        CmpSize::Cmp4
    } else {
        CmpSize::Cmp8
    };
    let (ta, c) = (bit(raw, 33), bit(raw, 12));
    let p1 = bits(raw, 6, 6) as u8;
    let p2 = bits(raw, 27, 6) as u8;
    let r3 = f3(raw);
    if x2 < 2 && bit(raw, 36) {
        // A7: compare r0 with r3; the r2 field is not decoded.
        let ctype = match op {
            0xc => CmpType::And,
            0xd => CmpType::Or,
            _ => CmpType::OrAndcm,
        };
        let rel = match (ta, c) {
            (false, false) => CmpRel::Gt,
            (false, true) => CmpRel::Le,
            (true, false) => CmpRel::Ge,
            (true, true) => CmpRel::Lt,
        };
        return AInsn::Cmp {
            size,
            rel,
            ctype,
            p1,
            p2,
            r2: 0,
            r3,
        };
    }
    let (rel, ctype) = match (op, ta, c) {
        (0xc, false, false) => (CmpRel::Lt, CmpType::Normal),
        (0xc, false, true) => (CmpRel::Lt, CmpType::Unc),
        (0xc, true, false) => (CmpRel::Eq, CmpType::And),
        (0xc, true, true) => (CmpRel::Ne, CmpType::And),
        (0xd, false, false) => (CmpRel::Ltu, CmpType::Normal),
        (0xd, false, true) => (CmpRel::Ltu, CmpType::Unc),
        (0xd, true, false) => (CmpRel::Eq, CmpType::Or),
        (0xd, true, true) => (CmpRel::Ne, CmpType::Or),
        (_, false, false) => (CmpRel::Eq, CmpType::Normal),
        (_, false, true) => (CmpRel::Eq, CmpType::Unc),
        (_, true, false) => (CmpRel::Eq, CmpType::OrAndcm),
        (_, true, true) => (CmpRel::Ne, CmpType::OrAndcm),
    };
    if x2 < 2 {
        AInsn::Cmp {
            size,
            rel,
            ctype,
            p1,
            p2,
            r2: f2(raw),
            r3,
        }
    } else {
        AInsn::CmpImm {
            size,
            rel,
            ctype,
            p1,
            p2,
            imm: imm8(raw),
            r3,
        }
    }
}

impl AluOp {
    fn name(self) -> &'static str {
        match self {
            AluOp::Add | AluOp::AddPlus1 => "add",
            AluOp::Sub | AluOp::SubMinus1 => "sub",
            AluOp::Addp4 => "addp4",
            AluOp::And => "and",
            AluOp::Andcm => "andcm",
            AluOp::Or => "or",
            AluOp::Xor => "xor",
        }
    }
}

impl AluImmOp {
    fn name(self) -> &'static str {
        match self {
            AluImmOp::Sub => "sub",
            AluImmOp::And => "and",
            AluImmOp::Andcm => "andcm",
            AluImmOp::Or => "or",
            AluImmOp::Xor => "xor",
        }
    }
}

impl CmpRel {
    fn name(self) -> &'static str {
        match self {
            CmpRel::Eq => "eq",
            CmpRel::Ne => "ne",
            CmpRel::Lt => "lt",
            CmpRel::Le => "le",
            CmpRel::Gt => "gt",
            CmpRel::Ge => "ge",
            CmpRel::Ltu => "ltu",
        }
    }
}

impl CmpType {
    fn suffix(self) -> &'static str {
        match self {
            CmpType::Normal => "",
            CmpType::Unc => ".unc",
            CmpType::And => ".and",
            CmpType::Or => ".or",
            CmpType::OrAndcm => ".or.andcm",
        }
    }
}

impl CmpSize {
    fn name(self) -> &'static str {
        match self {
            CmpSize::Cmp8 => "cmp",
            CmpSize::Cmp4 => "cmp4",
        }
    }
}

impl PSize {
    fn digit(self) -> u8 {
        match self {
            PSize::B1 => 1,
            PSize::B2 => 2,
            PSize::B4 => 4,
        }
    }
}

impl Sat {
    fn suffix(self) -> &'static str {
        match self {
            Sat::Modulo => "",
            Sat::Sss => ".sss",
            Sat::Uuu => ".uuu",
            Sat::Uus => ".uus",
        }
    }
}

impl AInsn {
    /// Writes objdump's text for the instruction.  objdump prints the
    /// pseudo-ops `mov r1=r3` for `adds r1=0,r3` and `mov r1=imm` for
    /// `addl r1=imm,r0`; compares always print in their encoded form.
    pub fn write(&self, w: &mut dyn Write, _cx: &Ctx) -> fmt::Result {
        match *self {
            AInsn::Alu { op, r1, r2, r3 } => {
                write!(w, "{} r{r1}=r{r2},r{r3}", op.name())?;
                match op {
                    AluOp::AddPlus1 | AluOp::SubMinus1 => w.write_str(",1"),
                    _ => Ok(()),
                }
            }
            AInsn::Shladd {
                p4,
                r1,
                r2,
                count,
                r3,
            } => {
                let p4 = if p4 { "p4" } else { "" };
                write!(w, "shladd{p4} r{r1}=r{r2},{count},r{r3}")
            }
            AInsn::AluImm { op, r1, imm, r3 } => write!(w, "{} r{r1}={imm},r{r3}", op.name()),
            AInsn::AddImm { kind, r1, imm, r3 } => match kind {
                AddImmKind::Adds if imm == 0 => write!(w, "mov r{r1}=r{r3}"),
                AddImmKind::Adds => write!(w, "adds r{r1}={imm},r{r3}"),
                AddImmKind::Addp4 => write!(w, "addp4 r{r1}={imm},r{r3}"),
                AddImmKind::Addl if r3 == 0 => write!(w, "mov r{r1}={imm}"),
                AddImmKind::Addl => write!(w, "addl r{r1}={imm},r{r3}"),
            },
            AInsn::Cmp {
                size,
                rel,
                ctype,
                p1,
                p2,
                r2,
                r3,
            } => write!(
                w,
                "{}.{}{} p{p1},p{p2}=r{r2},r{r3}",
                size.name(),
                rel.name(),
                ctype.suffix()
            ),
            AInsn::CmpImm {
                size,
                rel,
                ctype,
                p1,
                p2,
                imm,
                r3,
            } => write!(
                w,
                "{}.{}{} p{p1},p{p2}={imm},r{r3}",
                size.name(),
                rel.name(),
                ctype.suffix()
            ),
            AInsn::Padd {
                size,
                sat,
                r1,
                r2,
                r3,
            } => {
                write!(w, "padd{}{} r{r1}=r{r2},r{r3}", size.digit(), sat.suffix())
            }
            AInsn::Psub {
                size,
                sat,
                r1,
                r2,
                r3,
            } => {
                write!(w, "psub{}{} r{r1}=r{r2},r{r3}", size.digit(), sat.suffix())
            }
            AInsn::Pavg {
                size,
                raz,
                r1,
                r2,
                r3,
            } => {
                let raz = if raz { ".raz" } else { "" };
                write!(w, "pavg{}{raz} r{r1}=r{r2},r{r3}", size.digit())
            }
            AInsn::Pavgsub { size, r1, r2, r3 } => {
                write!(w, "pavgsub{} r{r1}=r{r2},r{r3}", size.digit())
            }
            AInsn::Pcmp {
                size,
                rel,
                r1,
                r2,
                r3,
            } => {
                let rel = match rel {
                    PcmpRel::Eq => "eq",
                    PcmpRel::Gt => "gt",
                };
                write!(w, "pcmp{}.{rel} r{r1}=r{r2},r{r3}", size.digit())
            }
            AInsn::PshAdd2 {
                right,
                r1,
                r2,
                count,
                r3,
            } => {
                let dir = if right { 'r' } else { 'l' };
                write!(w, "psh{dir}add2 r{r1}=r{r2},{count},r{r3}")
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::disasm::NoSymbols;

    /// Builds an A-unit slot: `hi` holds bits 27..37 (bit 9 = bit 36,
    /// bits 7..9 = x2a, bit 6 = ve, bits 2..6 = x4, bits 0..2 = x2b).
    fn slot(op: u64, hi: u64, r3: u64, r2: u64, r1: u64) -> u64 {
        (op << 37) | (hi << 27) | (r3 << 20) | (r2 << 13) | (r1 << 6)
    }

    fn dec(raw: u64) -> AInsn {
        match decode(raw) {
            Ok(Slot {
                insn: Insn::A(i), ..
            }) => i,
            other => panic!("{raw:#x}: {other:?}"),
        }
    }

    fn text(raw: u64) -> String {
        let mut s = String::new();
        let cx = Ctx {
            symbols: &NoSymbols,
        };
        dec(raw).write(&mut s, &cx).map(|_| s).unwrap_or_default()
    }

    #[test]
    fn compact() {
        assert!(core::mem::size_of::<AInsn>() <= 24);
    }

    #[test]
    fn adds_imm14_sign_extension() {
        // x2a = 2, s = 1, imm6d = 0, imm7b = 0: the most negative imm14.
        let raw = slot(8, (1 << 9) | (2 << 7), 3, 0, 1);
        assert_eq!(
            dec(raw),
            AInsn::AddImm {
                kind: AddImmKind::Adds,
                r1: 1,
                imm: -8192,
                r3: 3
            }
        );
        // s = 0, imm6d = 0x3f, imm7b = 0x7f: the largest.
        let raw = slot(8, (2 << 7) | 0x3f, 3, 0x7f, 1);
        assert_eq!(
            dec(raw),
            AInsn::AddImm {
                kind: AddImmKind::Adds,
                r1: 1,
                imm: 8191,
                r3: 3
            }
        );
    }

    #[test]
    fn addl_imm22_field_order() {
        // objdump: `(p57) mov r124=1254059` (imm5c sits above imm9d).
        let raw = 0x1222cc57f39;
        assert_eq!(decode(raw).map(|s| s.qp), Ok(57));
        assert_eq!(
            dec(raw),
            AInsn::AddImm {
                kind: AddImmKind::Addl,
                r1: 124,
                imm: 1_254_059,
                r3: 0
            }
        );
        assert_eq!(text(raw), "mov r124=1254059");
        // s alone: -2^21.
        assert_eq!(
            dec((9 << 37) | (1 << 36) | (1 << 6)),
            AInsn::AddImm {
                kind: AddImmKind::Addl,
                r1: 1,
                imm: -2_097_152,
                r3: 0
            }
        );
    }

    #[test]
    fn alu_imm8_sign_extension() {
        // sub r1=imm8,r3 (x4 = 9, x2b = 1) with s = 1, imm7b = 2: -126.
        let raw = (1 << 36) | slot(8, (9 << 2) | 1, 3, 2, 1);
        assert_eq!(
            dec(raw),
            AInsn::AluImm {
                op: AluImmOp::Sub,
                r1: 1,
                imm: -126,
                r3: 3
            }
        );
        assert_eq!(text(raw), "sub r1=-126,r3");
    }

    #[test]
    fn cmp_imm8_and_a7() {
        // cmp4.lt p4,p5=-128,r3: op C, s = 1, x2 = 3.
        let raw = (0xc << 37) | (1 << 36) | (3 << 34) | (5 << 27) | (3 << 20) | (4 << 6);
        let want = AInsn::CmpImm {
            size: CmpSize::Cmp4,
            rel: CmpRel::Lt,
            ctype: CmpType::Normal,
            p1: 4,
            p2: 5,
            imm: -128,
            r3: 3,
        };
        assert_eq!(dec(raw), want);
        // A7 (tb = 1): the r2 field is ignored, the compare is against r0.
        let raw = (0xe << 37)
            | (1 << 36)
            | (1 << 33)
            | (5 << 27)
            | (3 << 20)
            | (2 << 13)
            | (1 << 12)
            | (4 << 6);
        let want = AInsn::Cmp {
            size: CmpSize::Cmp8,
            rel: CmpRel::Lt,
            ctype: CmpType::OrAndcm,
            p1: 4,
            p2: 5,
            r2: 0,
            r3: 3,
        };
        assert_eq!(dec(raw), want);
        assert_eq!(text(raw), "cmp.lt.or.andcm p4,p5=r0,r3");
    }

    #[test]
    fn shift_counts() {
        // shladd with ct2d = 3 shifts by 4; pshradd2 likewise.
        assert_eq!(
            dec(slot(8, (4 << 2) | 3, 3, 2, 1)),
            AInsn::Shladd {
                p4: false,
                r1: 1,
                r2: 2,
                count: 4,
                r3: 3
            }
        );
        let raw = slot(8, (1 << 7) | (1 << 6) | (6 << 2) | 3, 3, 2, 1);
        assert_eq!(
            dec(raw),
            AInsn::PshAdd2 {
                right: true,
                r1: 1,
                r2: 2,
                count: 4,
                r3: 3
            }
        );
        assert_eq!(text(raw), "pshradd2 r1=r2,4,r3");
    }

    #[test]
    fn pseudo_ops_keep_real_operation() {
        let raw = slot(8, 2 << 7, 3, 0, 1);
        assert_eq!(
            dec(raw),
            AInsn::AddImm {
                kind: AddImmKind::Adds,
                r1: 1,
                imm: 0,
                r3: 3
            }
        );
        assert_eq!(text(raw), "mov r1=r3");
        assert_eq!(text(slot(8, 3 << 7, 3, 0, 1)), "addp4 r1=0,r3");
        assert_eq!(text(slot(9, 0, 1, 5, 1)), "addl r1=5,r1");
    }

    #[test]
    fn multimedia_sizes() {
        // za = 1 (bit 36), zb = 0: 4-byte elements; only modulo padd4 exists.
        assert_eq!(
            dec((1 << 36) | slot(8, 1 << 7, 3, 2, 1)),
            AInsn::Padd {
                size: PSize::B4,
                sat: Sat::Modulo,
                r1: 1,
                r2: 2,
                r3: 3
            }
        );
        assert!(decode((1 << 36) | slot(8, (1 << 7) | 1, 3, 2, 1)).is_err());
        // za = zb = 1 is reserved.
        assert!(decode((1 << 36) | slot(8, (1 << 7) | (1 << 6), 3, 2, 1)).is_err());
    }

    #[test]
    fn reserved_encodings() {
        for raw in [
            slot(8, 1 << 6, 3, 2, 1),              // x2a = 0, ve = 1
            slot(8, 5 << 2, 3, 2, 1),              // x4 = 5
            slot(8, 9 << 2, 3, 2, 1),              // x4 = 9, x2b = 0
            slot(8, (2 << 7) | (1 << 6), 3, 2, 1), // adds with ve = 1
            slot(0xa, 0, 0, 0, 0),
            slot(0xb, 0x3ff, 0x7f, 0x7f, 0x7f),
            slot(0xf, 0, 0, 0, 0),
        ] {
            assert_eq!(decode(raw), Err(DecodeError::reserved(raw)), "{raw:#x}");
        }
    }
}
