//! The pre-decoded micro-op form of a slot ([`Fast`]), built once when a bundle enters the
//! decoded-bundle cache (design.md "Decode once").
//!
//! The run loop dispatches on [`Fast`] with one flat `match`: the hot instructions (integer
//! ALU, add immediate, shift-left-add, compares, extract/deposit, integer loads and stores,
//! `br.cond`, `br.cloop`) have their operands unpacked and their decode-time-checkable
//! conditions (static registers, slot 2 for `br.cloop`, implemented branch targets) resolved;
//! everything else is [`Fast::Generic`] and goes through [`super::execute`]. Each variant runs
//! exactly the same semantic function as the generic path (the `alu`, `int`, `memory`,
//! `branch` modules), so there is no second implementation of an instruction, except the
//! static-register ALU forms below, which are the SDM operations written out for r1–r31 (the
//! result NaT is the OR of the sources' NaTs; r1 ≠ 0 is checked at decode time, so the write
//! cannot fault).

use ia64_isa::insn::{Insn, Slot};
use ia64_isa::unit_a::{AInsn, AddImmKind, AluImmOp, AluOp, CmpRel, CmpSize, CmpType};
use ia64_isa::unit_b::{BInsn, IpBr};
use ia64_isa::unit_i::IInsn;
use ia64_isa::unit_m_mem::{LdKind, MemInsn, MemSize, Post, StKind};

use super::branch::unimplemented_address_in;
use super::{alu, int, memory, Flow, SlotCtx};
use crate::cache::Op;
use crate::fault::Fault;
use crate::mem::Memory;
use crate::state::{ar, psr, State};

/// One slot in pre-decoded form.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fast {
    /// `nop`/`hint` (M, I, B, X units): retires, whatever its predicate.
    Nop,
    /// A reserved encoding: Illegal Operation when reached, whatever its predicate.
    Illegal,
    /// Everything else: [`super::execute`] / [`super::predicated_off`].
    Generic,
    /// `add r1 = r2, r3` with static registers ([`R3`]); one variant per operation so
    /// that the run loop's dispatch is a single jump.
    AddS(R3),
    /// `sub r1 = r2, r3` with static registers ([`R3`]).
    SubS(R3),
    /// `and r1 = r2, r3` with static registers ([`R3`]).
    AndS(R3),
    /// `or r1 = r2, r3` with static registers ([`R3`]).
    OrS(R3),
    /// `xor r1 = r2, r3` with static registers ([`R3`]).
    XorS(R3),
    /// `andcm r1 = r2, r3` with static registers ([`R3`]).
    AndcmS(R3),
    /// `adds`/`addl r1 = imm, r3` with r1 in 1..=31, r3 in 0..=31.
    AddImmS {
        /// Target.
        r1: u8,
        /// Source.
        r3: u8,
        /// Immediate (sign-extended).
        imm: u64,
    },
    /// A1 with any registers.
    Alu {
        /// Operation.
        op: AluOp,
        /// Target.
        r1: u8,
        /// First source.
        r2: u8,
        /// Second source.
        r3: u8,
    },
    /// A4/A5 with any registers.
    AddImm {
        /// Kind.
        kind: AddImmKind,
        /// Target.
        r1: u8,
        /// Source.
        r3: u8,
        /// Immediate.
        imm: u64,
    },
    /// `shladd r1 = r2, count, r3` with r1 in 1..=31, r2, r3 in 0..=31.
    ShladdS {
        /// Target.
        r1: u8,
        /// Shifted source.
        r2: u8,
        /// Count 1..=4.
        count: u8,
        /// Added source.
        r3: u8,
    },
    /// A3 `sub r1 = imm8, r3` with static registers ([`RImm`]); one variant per operation,
    /// as for the A1 forms.
    SubImmS(RImm),
    /// A3 `and r1 = imm8, r3` with static registers ([`RImm`]).
    AndImmS(RImm),
    /// A3 `andcm r1 = imm8, r3` with static registers ([`RImm`]).
    AndcmImmS(RImm),
    /// A3 `or r1 = imm8, r3` with static registers ([`RImm`]).
    OrImmS(RImm),
    /// A3 `xor r1 = imm8, r3` with static registers ([`RImm`]).
    XorImmS(RImm),
    /// `extr.u r1 = r3, pos, len` (and `shr.u` by an immediate) with r1 in 1..=31, r3 in
    /// 0..=31: r1 ← (r3 >> pos) & mask, the mask of the field's length cut at bit 63.
    ExtrUS {
        /// Target.
        r1: u8,
        /// Source.
        r3: u8,
        /// Position 0..=63.
        pos: u8,
        /// The field mask.
        mask: u64,
    },
    /// A2 `shladd`/`shladdp4`.
    Shladd {
        /// p4 form.
        p4: bool,
        /// Target.
        r1: u8,
        /// Shifted source.
        r2: u8,
        /// Count 1..=4.
        count: u8,
        /// Added source.
        r3: u8,
    },
    /// A3.
    AluImm {
        /// Operation.
        op: AluImmOp,
        /// Target.
        r1: u8,
        /// Source.
        r3: u8,
        /// Immediate.
        imm: u64,
    },
    /// `cmp.eq p1, p2 = a, r3` (8-byte, normal type) with static operands ([`CmpRegs`]);
    /// one variant per relation so that the dispatch is a single jump.
    CmpEqS(CmpRegs),
    /// `cmp.lt p1, p2 = a, r3` with static operands ([`CmpRegs`]).
    CmpLtS(CmpRegs),
    /// `cmp.ltu p1, p2 = a, r3` with static operands ([`CmpRegs`]).
    CmpLtuS(CmpRegs),
    /// A `cmp.eq` as [`Fast::CmpEqS`] followed in the same bundle by a `br.cond` ([`FusedBr`]):
    /// only [`super::block::Block::build`] makes these (from an unpredicated compare), so
    /// they run only inside blocks, where the pair retires as the two slots it replaces. A
    /// taken branch to a target unimplemented in the current mode asks for the generic
    /// executor after the compare, which retired: the block hands the branch slot back.
    CmpEqBr(CmpRegs, FusedBr, u64),
    /// `cmp.lt` then `br.cond` ([`Fast::CmpEqBr`]).
    CmpLtBr(CmpRegs, FusedBr, u64),
    /// `cmp.ltu` then `br.cond` ([`Fast::CmpEqBr`]).
    CmpLtuBr(CmpRegs, FusedBr, u64),
    /// A6/A7 register compares other than `.unc`.
    Cmp {
        /// cmp or cmp4.
        size: CmpSize,
        /// Relation.
        rel: CmpRel,
        /// Type (never `.unc`).
        ctype: CmpType,
        /// First predicate target.
        p1: u8,
        /// Second predicate target.
        p2: u8,
        /// First source.
        r2: u8,
        /// Second source.
        r3: u8,
    },
    /// A8 immediate compares other than `.unc`.
    CmpImm {
        /// cmp or cmp4.
        size: CmpSize,
        /// Relation.
        rel: CmpRel,
        /// Type (never `.unc`).
        ctype: CmpType,
        /// First predicate target.
        p1: u8,
        /// Second predicate target.
        p2: u8,
        /// Second source.
        r3: u8,
        /// Immediate (first operand).
        imm: u64,
    },
    /// I11 `extr`/`extr.u` (and the `shr`/`shr.u` immediate pseudo-ops).
    Extr {
        /// Sign-extending.
        signed: bool,
        /// Target.
        r1: u8,
        /// Source.
        r3: u8,
        /// Position.
        pos: u8,
        /// Length.
        len: u8,
    },
    /// I12 `dep.z` (and the `shl` immediate pseudo-op).
    DepZ {
        /// Target.
        r1: u8,
        /// Source.
        r2: u8,
        /// Position.
        pos: u8,
        /// Length.
        len: u8,
    },
    /// I10 `shrp r1 = r2, r3, count`.
    Shrp {
        /// Target.
        r1: u8,
        /// High half of the pair.
        r2: u8,
        /// Low half of the pair.
        r3: u8,
        /// Count 0..=63.
        count: u8,
    },
    /// I21 `mov b1 = r2` (the hints have no architectural effect).
    MovToBr {
        /// Target branch register.
        b1: u8,
        /// Source.
        r2: u8,
    },
    /// I22 `mov r1 = b2`.
    MovFromBr {
        /// Target.
        r1: u8,
        /// Source branch register.
        b2: u8,
    },
    /// [`Fast::LdPlain`] with static registers: r1 in 1..=31, r3 in 0..=31; with a base
    /// update r3 in 1..=31 and r3 ≠ r1.
    LdS {
        /// Width.
        size: MemSize,
        /// Target.
        r1: u8,
        /// Address.
        r3: u8,
        /// Base increment, if any.
        inc: Option<u64>,
    },
    /// [`Fast::StPlain`] with static registers: r2, r3 in 0..=31; with a base update r3 in
    /// 1..=31.
    StS {
        /// Width.
        size: MemSize,
        /// Value.
        r2: u8,
        /// Address.
        r3: u8,
        /// Base increment, if any.
        inc: Option<u64>,
    },
    /// Plain integer loads (`ld`, `.bias`, `.acq`) with no or an immediate base update.
    LdPlain {
        /// Width.
        size: MemSize,
        /// Target.
        r1: u8,
        /// Address.
        r3: u8,
        /// Base increment, if any.
        inc: Option<u64>,
    },
    /// Plain integer stores (`st`, `st.rel`) with no or an immediate base update.
    StPlain {
        /// Width.
        size: MemSize,
        /// Value.
        r2: u8,
        /// Address.
        r3: u8,
        /// Base increment, if any.
        inc: Option<u64>,
    },
    /// M1–M3 integer loads.
    Ld {
        /// Width.
        size: MemSize,
        /// Kind.
        kind: LdKind,
        /// Target.
        r1: u8,
        /// Address.
        r3: u8,
        /// Base update.
        post: Post,
    },
    /// M4/M5 integer stores.
    St {
        /// Width.
        size: MemSize,
        /// Kind.
        kind: StKind,
        /// Value.
        r2: u8,
        /// Address.
        r3: u8,
        /// Base update.
        post: Post,
    },
    /// B1 `br.cond` to a static target.
    BrCond {
        /// Target bundle address.
        target: u64,
        /// Bit `mode` set when the target is unimplemented in that PSR.it/vm mode
        /// (see [`branch_mode`]).
        bad: u8,
    },
    /// B2 `br.cloop` in slot 2.
    BrCloop {
        /// Target bundle address.
        target: u64,
        /// As for [`Fast::BrCond`].
        bad: u8,
    },
}

/// The registers of a static-register A1 form: r1 in 1..=31, r2 and r3 in 0..=31.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct R3 {
    /// Target.
    pub r1: u8,
    /// First source.
    pub r2: u8,
    /// Second source.
    pub r3: u8,
}

/// The operands of a static-register A3 form: r1 in 1..=31, r3 in 0..=31.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RImm {
    /// Target.
    pub r1: u8,
    /// Source.
    pub r3: u8,
    /// Immediate (first operand).
    pub imm: u64,
}

/// The operands of a static compare (8-byte, normal type): `a` is the immediate when `r2`
/// is `None`, else GR `r2`; r2, r3 in 0..=31; p1 ≠ p2, both in 0..=15 (no rotation).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CmpRegs {
    /// First predicate target as a mask of `State::pr` (0 for p0).
    pub m1: u16,
    /// Second predicate target as a mask (0 for p0).
    pub m2: u16,
    /// First source register, or `None` for the immediate.
    pub r2: Option<u8>,
    /// Second source.
    pub r3: u8,
    /// The 8-bit immediate of A8 (first operand when `r2` is `None`), sign-extended when
    /// used.
    pub imm: i8,
}

/// The branch half of a fused compare-and-branch micro-op ([`Fast::CmpEqBr`]), whose target
/// bundle address is a separate field (so that the micro-op stays as small as the others).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FusedBr {
    /// The branch's qualifying predicate as a mask of `State::pr` (bit 0 for p0).
    pub qmask: u16,
    /// As for [`Fast::BrCond`].
    pub bad: u8,
}

/// The translation mode a static branch target is checked in: bit (PSR.it + 2·PSR.vm).
#[inline(always)]
pub fn branch_mode(psr_value: u64) -> u8 {
    let it = (psr_value >> psr::IT) & 1;
    let vm = (psr_value >> psr::VM) & 1;
    1 << (it | (vm << 1))
}

/// The modes in which `target` is an unimplemented instruction address.
fn bad_modes(target: u64) -> u8 {
    (0..4u8).fold(0, |acc, m| {
        acc | (u8::from(unimplemented_address_in(m & 1 != 0, m & 2 != 0, target)) << m)
    })
}

/// The micro-op of an executable slot `slot` (slot number `index`).
pub fn lower(slot: &Slot, index: u8) -> Fast {
    match slot.insn {
        Insn::A(a) => lower_a(a),
        Insn::I(i) => lower_i(i),
        Insn::Mem(m) => lower_m(m),
        Insn::B(b) => lower_b(b, index),
        _ => Fast::Generic,
    }
}

fn is_static(r: u8) -> bool {
    r < 32
}

/// The static compare micro-op of relation `rel` (Eq, Lt or Ltu, see [`cmp_static`]).
fn cmp_s(rel: CmpRel, c: CmpRegs) -> Fast {
    match rel {
        CmpRel::Lt => Fast::CmpLtS(c),
        CmpRel::Ltu => Fast::CmpLtuS(c),
        _ => Fast::CmpEqS(c),
    }
}

/// Whether a compare can use a static compare micro-op ([`cmp_s`]).
fn cmp_static(size: CmpSize, rel: CmpRel, ctype: CmpType, p1: u8, p2: u8, r3: u8) -> bool {
    size == CmpSize::Cmp8
        && matches!(rel, CmpRel::Eq | CmpRel::Lt | CmpRel::Ltu)
        && ctype == CmpType::Normal
        && p1 != p2
        && p1 < 16
        && p2 < 16
        && is_static(r3)
}

fn lower_a(a: AInsn) -> Fast {
    match a {
        AInsn::Cmp {
            size,
            rel,
            ctype,
            p1,
            p2,
            r2,
            r3,
        } if is_static(r2) && cmp_static(size, rel, ctype, p1, p2, r3) => cmp_s(
            rel,
            CmpRegs {
                m1: pr_mask(p1),
                m2: pr_mask(p2),
                r2: Some(r2),
                r3,
                imm: 0,
            },
        ),
        AInsn::CmpImm {
            size,
            rel,
            ctype,
            p1,
            p2,
            imm,
            r3,
        } if cmp_static(size, rel, ctype, p1, p2, r3) && i8::try_from(imm).is_ok() => cmp_s(
            rel,
            CmpRegs {
                m1: pr_mask(p1),
                m2: pr_mask(p2),
                r2: None,
                r3,
                imm: i8::try_from(imm).unwrap_or(0),
            },
        ),
        AInsn::Alu { op, r1, r2, r3 } => {
            let regs = R3 { r1, r2, r3 };
            let stat = r1 != 0 && is_static(r1) && is_static(r2) && is_static(r3);
            match op {
                AluOp::Add if stat => Fast::AddS(regs),
                AluOp::Sub if stat => Fast::SubS(regs),
                AluOp::And if stat => Fast::AndS(regs),
                AluOp::Or if stat => Fast::OrS(regs),
                AluOp::Xor if stat => Fast::XorS(regs),
                AluOp::Andcm if stat => Fast::AndcmS(regs),
                _ => Fast::Alu { op, r1, r2, r3 },
            }
        }
        AInsn::AddImm { kind, r1, imm, r3 } => {
            let imm = imm as u64;
            if kind != AddImmKind::Addp4 && r1 != 0 && is_static(r1) && is_static(r3) {
                Fast::AddImmS { r1, r3, imm }
            } else {
                Fast::AddImm { kind, r1, r3, imm }
            }
        }
        AInsn::Shladd {
            p4: false,
            r1,
            r2,
            count,
            r3,
        } if r1 != 0 && is_static(r1) && is_static(r2) && is_static(r3) => {
            Fast::ShladdS { r1, r2, count, r3 }
        }
        AInsn::AluImm { op, r1, imm, r3 } if r1 != 0 && is_static(r1) && is_static(r3) => {
            let r = RImm {
                r1,
                r3,
                imm: imm as u64,
            };
            match op {
                AluImmOp::Sub => Fast::SubImmS(r),
                AluImmOp::And => Fast::AndImmS(r),
                AluImmOp::Andcm => Fast::AndcmImmS(r),
                AluImmOp::Or => Fast::OrImmS(r),
                AluImmOp::Xor => Fast::XorImmS(r),
            }
        }
        AInsn::Shladd {
            p4,
            r1,
            r2,
            count,
            r3,
        } => Fast::Shladd {
            p4,
            r1,
            r2,
            count,
            r3,
        },
        AInsn::AluImm { op, r1, imm, r3 } => Fast::AluImm {
            op,
            r1,
            r3,
            imm: imm as u64,
        },
        AInsn::Cmp {
            size,
            rel,
            ctype,
            p1,
            p2,
            r2,
            r3,
        } if ctype != CmpType::Unc => Fast::Cmp {
            size,
            rel,
            ctype,
            p1,
            p2,
            r2,
            r3,
        },
        AInsn::CmpImm {
            size,
            rel,
            ctype,
            p1,
            p2,
            imm,
            r3,
        } if ctype != CmpType::Unc => Fast::CmpImm {
            size,
            rel,
            ctype,
            p1,
            p2,
            r3,
            imm: imm as u64,
        },
        _ => Fast::Generic,
    }
}

fn lower_i(i: IInsn) -> Fast {
    match i {
        IInsn::Extr {
            signed: false,
            r1,
            r3,
            pos,
            len,
        } if r1 != 0 && is_static(r1) && is_static(r3) => Fast::ExtrUS {
            r1,
            r3,
            pos: pos & 63,
            mask: int::extr(false, u64::MAX, pos, len) << (pos & 63),
        },
        IInsn::Extr {
            signed,
            r1,
            r3,
            pos,
            len,
        } => Fast::Extr {
            signed,
            r1,
            r3,
            pos,
            len,
        },
        IInsn::DepZ { r1, r2, pos, len } => Fast::DepZ { r1, r2, pos, len },
        IInsn::Shrp { r1, r2, r3, count } => Fast::Shrp { r1, r2, r3, count },
        IInsn::MovToBr { b1, r2, .. } => Fast::MovToBr { b1, r2 },
        IInsn::MovFromBr { r1, b2 } => Fast::MovFromBr { r1, b2 },
        _ => Fast::Generic,
    }
}

/// The immediate base increment of a plain access (`None` for no update), or `Err` for a
/// register update.
fn imm_inc(post: Post) -> Result<Option<u64>, ()> {
    match post {
        Post::None => Ok(None),
        Post::Imm(i) => Ok(Some(i64::from(i) as u64)),
        Post::Reg(_) => Err(()),
    }
}

fn lower_m(m: MemInsn) -> Fast {
    match m {
        MemInsn::Ld {
            size,
            kind: LdKind::Normal | LdKind::Bias | LdKind::Acq,
            r1,
            r3,
            post,
            ..
        } if !(post != Post::None && r1 == r3) && imm_inc(post).is_ok() => {
            let inc = imm_inc(post).unwrap_or(None);
            let base_ok = inc.is_none() || r3 != 0;
            if r1 != 0 && is_static(r1) && is_static(r3) && base_ok {
                Fast::LdS { size, r1, r3, inc }
            } else {
                Fast::LdPlain { size, r1, r3, inc }
            }
        }
        MemInsn::St {
            size,
            kind: StKind::Normal | StKind::Rel,
            r2,
            r3,
            post,
            ..
        } if imm_inc(post).is_ok() => {
            let inc = imm_inc(post).unwrap_or(None);
            let base_ok = inc.is_none() || r3 != 0;
            if is_static(r2) && is_static(r3) && base_ok {
                Fast::StS { size, r2, r3, inc }
            } else {
                Fast::StPlain { size, r2, r3, inc }
            }
        }
        MemInsn::Ld {
            size,
            kind,
            r1,
            r3,
            post,
            ..
        } => Fast::Ld {
            size,
            kind,
            r1,
            r3,
            post,
        },
        MemInsn::St {
            size,
            kind,
            r2,
            r3,
            post,
            ..
        } => Fast::St {
            size,
            kind,
            r2,
            r3,
            post,
        },
        _ => Fast::Generic,
    }
}

fn lower_b(b: BInsn, index: u8) -> Fast {
    match b {
        BInsn::Br {
            kind: IpBr::Cond,
            target,
            ..
        } => {
            let target = target & !15;
            Fast::BrCond {
                target,
                bad: bad_modes(target),
            }
        }
        BInsn::Br {
            kind: IpBr::Cloop,
            target,
            ..
        } if index == 2 => {
            let target = target & !15;
            Fast::BrCloop {
                target,
                bad: bad_modes(target),
            }
        }
        _ => Fast::Generic,
    }
}

/// What [`step`] did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    /// Retired; go on with the next slot.
    Next,
    /// A store retired (it may have written code: a block checks the fetch generation).
    Stored,
    /// Retired as a taken branch to this bundle address.
    Branch(u64),
    /// A reserved encoding: Illegal Operation.
    Illegal,
    /// A micro-op faulted (nothing committed); the fault is in the `fault` argument.
    Fault,
    /// Not a micro-op: run it with [`generic`].
    Generic,
}

/// Execute one pre-decoded slot whose qualifying predicate is `enabled` (the run loop's
/// dispatch; the table harness runs every case through it too). `mode` is [`branch_mode`] of
/// the current PSR. Micro-ops never write PSR.
#[inline(always)]
pub fn step<M: Memory + ?Sized>(
    st: &mut State,
    mem: &mut M,
    op: &Op,
    enabled: bool,
    mode: u8,
    fault: &mut Option<Fault>,
) -> Step {
    step_op(st, mem, &op.fast, enabled, mode, fault)
}

/// [`step`] on the micro-op alone (the blocks of [`super::block`] keep no [`Op`]).
#[inline(always)]
pub fn step_op<M: Memory + ?Sized>(
    st: &mut State,
    mem: &mut M,
    fast: &Fast,
    enabled: bool,
    mode: u8,
    fault: &mut Option<Fault>,
) -> Step {
    macro_rules! done {
        ($r:expr) => {
            match $r {
                Ok(_) => Step::Next,
                Err(f) => {
                    *fault = Some(f);
                    Step::Fault
                }
            }
        };
    }
    macro_rules! stored {
        ($r:expr) => {
            match $r {
                Ok(_) => Step::Stored,
                Err(f) => {
                    *fault = Some(f);
                    Step::Fault
                }
            }
        };
    }
    if !enabled {
        // A predicated-off `br.cond`/`br.cloop` does nothing (neither consumes its qualifying
        // predicate, see `branch::consumes_qp`).
        return match *fast {
            Fast::Generic => Step::Generic,
            Fast::Illegal => Step::Illegal,
            _ => Step::Next,
        };
    }
    match *fast {
        Fast::Nop => Step::Next,
        Fast::Illegal => Step::Illegal,
        Fast::AddS(r) => {
            alu_static(st, AluOp::Add, r);
            Step::Next
        }
        Fast::SubS(r) => {
            alu_static(st, AluOp::Sub, r);
            Step::Next
        }
        Fast::AndS(r) => {
            alu_static(st, AluOp::And, r);
            Step::Next
        }
        Fast::OrS(r) => {
            alu_static(st, AluOp::Or, r);
            Step::Next
        }
        Fast::XorS(r) => {
            alu_static(st, AluOp::Xor, r);
            Step::Next
        }
        Fast::AndcmS(r) => {
            alu_static(st, AluOp::Andcm, r);
            Step::Next
        }
        Fast::AddImmS { r1, r3, imm } => {
            add_imm_static(st, r1, r3, imm);
            Step::Next
        }
        Fast::CmpEqS(c) => {
            cmp_static_exec(st, CmpRel::Eq, c);
            Step::Next
        }
        Fast::CmpLtS(c) => {
            cmp_static_exec(st, CmpRel::Lt, c);
            Step::Next
        }
        Fast::CmpLtuS(c) => {
            cmp_static_exec(st, CmpRel::Ltu, c);
            Step::Next
        }
        Fast::CmpEqBr(c, b, target) => cmp_branch(st, CmpRel::Eq, c, b, target, mode),
        Fast::CmpLtBr(c, b, target) => cmp_branch(st, CmpRel::Lt, c, b, target, mode),
        Fast::CmpLtuBr(c, b, target) => cmp_branch(st, CmpRel::Ltu, c, b, target, mode),
        Fast::ShladdS { r1, r2, count, r3 } => {
            shladd_static(st, r1, r2, count, r3);
            Step::Next
        }
        Fast::SubImmS(r) => {
            alu_imm_static(st, AluImmOp::Sub, r);
            Step::Next
        }
        Fast::AndImmS(r) => {
            alu_imm_static(st, AluImmOp::And, r);
            Step::Next
        }
        Fast::AndcmImmS(r) => {
            alu_imm_static(st, AluImmOp::Andcm, r);
            Step::Next
        }
        Fast::OrImmS(r) => {
            alu_imm_static(st, AluImmOp::Or, r);
            Step::Next
        }
        Fast::XorImmS(r) => {
            alu_imm_static(st, AluImmOp::Xor, r);
            Step::Next
        }
        Fast::ExtrUS { r1, r3, pos, mask } => {
            extr_u_static(st, r1, r3, pos, mask);
            Step::Next
        }
        Fast::Alu { op, r1, r2, r3 } => done!(alu::alu(st, op, r1, r2, r3)),
        Fast::AddImm { kind, r1, r3, imm } => done!(alu::add_imm(st, kind, r1, imm, r3)),
        Fast::Shladd {
            p4,
            r1,
            r2,
            count,
            r3,
        } => done!(alu::shladd(st, p4, r1, r2, count, r3)),
        Fast::AluImm { op, r1, r3, imm } => done!(alu::alu_imm(st, op, r1, imm, r3)),
        Fast::Cmp {
            size,
            rel,
            ctype,
            p1,
            p2,
            r2,
            r3,
        } => {
            let a = st.read_gr(r2);
            done!(alu::cmp(st, size, rel, ctype, p1, p2, a, r3))
        }
        Fast::CmpImm {
            size,
            rel,
            ctype,
            p1,
            p2,
            r3,
            imm,
        } => done!(alu::cmp(st, size, rel, ctype, p1, p2, (imm, false), r3)),
        Fast::Extr {
            signed,
            r1,
            r3,
            pos,
            len,
        } => done!(int::un(st, r1, r3, |v| int::extr(signed, v, pos, len))),
        Fast::DepZ { r1, r2, pos, len } => done!(int::un(st, r1, r2, |v| int::dep(v, 0, pos, len))),
        Fast::Shrp { r1, r2, r3, count } => {
            done!(int::bin(st, r1, r2, r3, |hi, lo| int::shrp(hi, lo, count)))
        }
        Fast::MovToBr { b1, r2 } => done!(int::mov_to_br(st, b1, r2)),
        Fast::MovFromBr { r1, b2 } => done!(int::put(st, r1, st.br[usize::from(b2 & 7)], false)),
        Fast::LdS { size, r1, r3, inc } => done!(memory::ld_static(st, mem, size, r1, r3, inc)),
        Fast::StS { size, r2, r3, inc } => stored!(memory::st_static(st, mem, size, r2, r3, inc)),
        Fast::LdPlain { size, r1, r3, inc } => done!(memory::ld_plain(st, mem, size, r1, r3, inc)),
        Fast::StPlain { size, r2, r3, inc } => {
            stored!(memory::st_plain(st, mem, size, r2, r3, inc))
        }
        Fast::Ld {
            size,
            kind,
            r1,
            r3,
            post,
        } => done!(memory::ld(st, mem, size, kind, r1, r3, post)),
        Fast::St {
            size,
            kind,
            r2,
            r3,
            post,
        } => stored!(memory::store(st, mem, size, kind, r2, r3, post)),
        // SDM Vol. 3 `br` (B1, cond): taken; the target was checked for this mode at decode.
        Fast::BrCond { target, bad } if bad & mode == 0 => Step::Branch(target),
        // SDM Vol. 3 `br` (B2, cloop): LC != 0: LC--, taken; else fall through.
        Fast::BrCloop { target, bad } if bad & mode == 0 => {
            let lc = st.ar[usize::from(ar::LC)];
            if lc == 0 {
                Step::Next
            } else {
                st.ar[usize::from(ar::LC)] = lc - 1;
                Step::Branch(target)
            }
        }
        _ => Step::Generic,
    }
}

/// The slots [`step`] leaves to the generic executor: [`super::execute`] or
/// [`super::predicated_off`].
#[inline(always)]
pub fn generic<M: Memory + ?Sized>(
    st: &mut State,
    mem: &mut M,
    op: &Op,
    ip: u64,
    enabled: bool,
) -> Result<Flow, Fault> {
    let ctx = SlotCtx {
        ip,
        slot: op.index,
        qp: op.slot.qp,
    };
    if enabled {
        super::execute(st, mem, &op.slot.insn, ctx)
    } else {
        super::predicated_off(st, mem, &op.slot.insn, ctx)
    }
}

/// The static-register ALU forms (SDM Vol. 3 `add`, `sub`, `and`, `or`, `xor`, `andcm`):
/// r1 ← r2 op r3, NaT(r1) ← NaT(r2) | NaT(r3). `r1` is 1..=31 and `r2`, `r3` are 0..=31
/// (checked by [`lower`]).
#[inline(always)]
pub fn alu_static(st: &mut State, op: AluOp, r: R3) {
    let a = st.gr[usize::from(r.r2 & 31)];
    let b = st.gr[usize::from(r.r3 & 31)];
    write_static(st, r.r1, alu::alu_value(op, a, b), [r.r2, r.r3]);
}

/// `adds`/`addl r1 = imm, r3` with static registers (SDM Vol. 3 `add`): r1 ← imm + r3,
/// NaT(r1) ← NaT(r3).
#[inline(always)]
pub fn add_imm_static(st: &mut State, r1: u8, r3: u8, imm: u64) {
    let b = st.gr[usize::from(r3 & 31)];
    write_static(st, r1, imm.wrapping_add(b), [r3, r3]);
}

/// `shladd r1 = r2, count, r3` with static registers (SDM Vol. 3 `shladd`):
/// r1 ← (r2 << count) + r3, NaT(r1) ← NaT(r2) | NaT(r3).
#[inline(always)]
pub fn shladd_static(st: &mut State, r1: u8, r2: u8, count: u8, r3: u8) {
    let a = st.gr[usize::from(r2 & 31)];
    let b = st.gr[usize::from(r3 & 31)];
    write_static(st, r1, (a << (count & 63)).wrapping_add(b), [r2, r3]);
}

/// A3 with static registers (SDM Vol. 3 `sub`, `and`, `andcm`, `or`, `xor` with an 8-bit
/// immediate first operand): r1 ← imm op r3, NaT(r1) ← NaT(r3).
#[inline(always)]
pub fn alu_imm_static(st: &mut State, op: AluImmOp, r: RImm) {
    let b = st.gr[usize::from(r.r3 & 31)];
    write_static(st, r.r1, alu::alu_imm_value(op, r.imm, b), [r.r3, r.r3]);
}

/// `extr.u` with static registers (SDM Vol. 3 `extr`): r1 ← the field of r3 at `pos` under
/// `mask` (precomputed by [`lower`] with `int::extr`), NaT(r1) ← NaT(r3).
#[inline(always)]
pub fn extr_u_static(st: &mut State, r1: u8, r3: u8, pos: u8, mask: u64) {
    let b = st.gr[usize::from(r3 & 31)];
    write_static(st, r1, (b & mask) >> (pos & 63), [r3, r3]);
}

/// The static compares (SDM Vol. 3 `cmp`, normal type): p1 ← rel ∧ ¬nat, p2 ← ¬rel ∧ ¬nat
/// where nat is the OR of the sources' NaT bits (the immediate has none); `m1`, `m2` are the
/// masks of p1 and p2 in `State::pr`, 0 for p0 (whose writes are ignored).
#[inline(always)]
pub fn cmp_static_exec(st: &mut State, rel: CmpRel, c: CmpRegs) {
    let CmpRegs {
        m1,
        m2,
        r2,
        r3,
        imm,
    } = c;
    let a = match r2 {
        Some(r) => st.gr[usize::from(r & 31)],
        None => i64::from(imm) as u64,
    };
    let b = st.gr[usize::from(r3 & 31)];
    let nat = st.nat != 0 && st.nat & nat_mask([r2.unwrap_or(r3), r3]) != 0;
    let set = match (nat, alu::relation(CmpSize::Cmp8, rel, a, b)) {
        (true, _) => 0,
        (false, true) => m1,
        (false, false) => m2,
    };
    st.pr = (st.pr & !u64::from(m1 | m2)) | u64::from(set);
}

/// A fused compare and `br.cond` ([`Fast::CmpEqBr`]): the compare, then the branch on the
/// predicates it left (SDM Vol. 3 `cmp`, `br`; p0 reads as 1).
#[inline(always)]
fn cmp_branch(st: &mut State, rel: CmpRel, c: CmpRegs, b: FusedBr, target: u64, mode: u8) -> Step {
    cmp_static_exec(st, rel, c);
    if (st.pr as u16 | 1) & b.qmask == 0 {
        Step::Next
    } else if b.bad & mode == 0 {
        Step::Branch(target)
    } else {
        Step::Generic
    }
}

/// The fused form of a static compare `cmp` followed by a `br.cond` to `target` (unimplemented
/// in the modes `bad`) whose qualifying predicate is `qp` (0..=15), or `None` when `cmp` is
/// not a static compare.
pub fn fuse_cmp_branch(cmp: &Fast, qp: u8, target: u64, bad: u8) -> Option<Fast> {
    let b = FusedBr {
        qmask: 1 << (qp & 15),
        bad,
    };
    match *cmp {
        Fast::CmpEqS(c) => Some(Fast::CmpEqBr(c, b, target)),
        Fast::CmpLtS(c) => Some(Fast::CmpLtBr(c, b, target)),
        Fast::CmpLtuS(c) => Some(Fast::CmpLtuBr(c, b, target)),
        _ => None,
    }
}

/// The mask of static predicate `p` (0..=15) in `State::pr`; 0 for p0.
fn pr_mask(p: u8) -> u16 {
    (1u16 << (p & 15)) & !1
}

/// The NaT bits of static registers `srcs` as a mask of `State::nat`.
#[inline(always)]
fn nat_mask(srcs: [u8; 2]) -> u32 {
    (1 << (srcs[0] & 31)) | (1 << (srcs[1] & 31))
}

/// r1 ← v with NaT(r1) ← the OR of the NaT bits of `srcs` (static registers). NaT bits are
/// rare: when no static register has one, r1's is already clear and the bit arithmetic is
/// skipped.
#[inline(always)]
fn write_static(st: &mut State, r1: u8, v: u64, srcs: [u8; 2]) {
    let r1 = r1 & 31;
    st.gr[usize::from(r1)] = v;
    if st.nat != 0 {
        let nat = u32::from(st.nat & nat_mask(srcs) != 0);
        st.nat = (st.nat & !(1 << r1)) | (nat << r1);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn micro_ops_stay_small() {
        // The run loop streams micro-ops: a block's are 32 bytes apart (BlockOp), a cached
        // slot's 64 (Op). A wider variant would widen every one of them.
        assert_eq!(std::mem::size_of::<Fast>(), 24);
        assert_eq!(std::mem::size_of::<crate::exec::block::BlockOp>(), 32);
    }

    #[test]
    fn branch_modes() {
        // A region-2 user address: implemented virtually, not physically.
        let t = 0x4000_0000_0000_1000;
        let bad = bad_modes(t);
        // Bad with PSR.it = 0 (modes 0 and 2), fine with PSR.it = 1 (modes 1 and 3).
        assert_eq!(bad, 0b0101);
        assert_eq!(branch_mode(0), 1);
        assert_eq!(branch_mode(1 << psr::IT), 2);
        assert_eq!(branch_mode((1 << psr::IT) | (1 << psr::VM)), 8);
        assert_eq!(bad_modes(0x1000), 0);
    }
}
