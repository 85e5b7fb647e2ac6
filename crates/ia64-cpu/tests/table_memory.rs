//! State-transition tables for the M-unit memory instructions (exec/memory.rs): integer
//! loads and stores of every size with their base updates, spill/fill and AR.UNAT, control
//! speculation (deferral), data speculation (the ALAT), semaphores with AR.CCV/AR.CSD,
//! `getf`/`setf`, the floating-point loads, pairs and stores in every memory format, `lfetch`,
//! big-endian accesses, predicated-off slots and faulting slots (which must commit nothing).
//!
//! Expected values are written out by hand (byte images, IEEE bit patterns, register-format
//! triples), never computed by the code under test.

use ia64_cpu::alat::AlatReg;
use ia64_cpu::fault::{Fault, RefKind};
use ia64_cpu::mem::{Access, MemFault, MemFaultKind, SparseMemory};
use ia64_cpu::state::{ar, psr, Fr, State};
use ia64_cpu::testing::{run_table, Case};
use ia64_isa::insn::{Insn, Slot};
use ia64_isa::unit_m_mem::{
    FpSize, FpXfer, Hint, LdKind, LdfKind, MemInsn, MemSize, PairSize, Post, Sem, StKind,
};

/// Data address used by most cases (16-byte aligned).
const A: u64 = 0x2000;
/// The word stored at `A` by [`with_word`].
const W: u64 = 0x8877_6655_4433_2211;

fn m(i: MemInsn) -> Insn {
    Insn::Mem(i)
}

fn ld(size: MemSize, kind: LdKind, r1: u8, r3: u8, post: Post) -> Insn {
    m(MemInsn::Ld {
        size,
        kind,
        hint: Hint::None,
        r1,
        r3,
        post,
    })
}

fn ld8(kind: LdKind, r1: u8, r3: u8) -> Insn {
    ld(MemSize::B8, kind, r1, r3, Post::None)
}

fn st(size: MemSize, kind: StKind, r3: u8, r2: u8, post: Post) -> Insn {
    m(MemInsn::St {
        size,
        kind,
        hint: Hint::None,
        r2,
        r3,
        post,
    })
}

fn ldf(size: FpSize, kind: LdfKind, f1: u8, r3: u8, post: Post) -> Insn {
    m(MemInsn::Ldf {
        size,
        kind,
        hint: Hint::None,
        f1,
        r3,
        post,
    })
}

fn stf(size: FpSize, spill: bool, r3: u8, f2: u8, post: Post) -> Insn {
    m(MemInsn::Stf {
        size,
        spill,
        hint: Hint::None,
        f2,
        r3,
        post,
    })
}

fn ldfp(size: PairSize, kind: LdfKind, f1: u8, f2: u8, r3: u8, post: Post) -> Insn {
    m(MemInsn::Ldfp {
        size,
        kind,
        hint: Hint::None,
        f1,
        f2,
        r3,
        post,
    })
}

fn gr(s: &mut State, r: u8, v: u64, nat: bool) {
    s.write_gr(r, v, nat).unwrap();
}

/// r2 = A and the word W at A.
fn with_word(s: &mut State, mem: &mut SparseMemory) {
    gr(s, 2, A, false);
    mem.poke_u64(A, W);
}

fn data_fault(kind: MemFaultKind, addr: u64, rk: RefKind) -> Fault {
    Fault::data(
        MemFault {
            kind,
            addr,
            access: Access::data(3),
        },
        rk,
    )
}

fn fr(sign: bool, exp: u32, significand: u64) -> Fr {
    Fr {
        sign,
        exp,
        significand,
    }
}

fn set_be(s: &mut State) {
    s.set_psr_bit(psr::BE, true);
}

// -------------------------------------------------------------------------------------------

#[test]
fn integer_loads() {
    use MemSize::*;
    run_table(&[
        Case::new(
            "ld1 zero-extends the byte",
            [ld(B1, LdKind::Normal, 1, 2, Post::None)],
        )
        .setup(|s, mm| {
            gr(s, 2, A + 7, false);
            mm.poke_u64(A, W);
        })
        .expect(|s, _| gr(s, 1, 0x88, false)),
        Case::new("ld2", [ld(B2, LdKind::Normal, 1, 2, Post::None)])
            .setup(|s, mm| {
                gr(s, 2, A + 2, false);
                mm.poke_u64(A, W);
            })
            .expect(|s, _| gr(s, 1, 0x4433, false)),
        Case::new("ld4", [ld(B4, LdKind::Normal, 1, 2, Post::None)])
            .setup(|s, mm| {
                gr(s, 2, A + 4, false);
                mm.poke_u64(A, W);
            })
            .expect(|s, _| gr(s, 1, 0x8877_6655, false)),
        Case::new("ld8 clears an old NaT of r1", [ld8(LdKind::Normal, 1, 2)])
            .setup(|s, mm| {
                with_word(s, mm);
                gr(s, 1, 5, true);
            })
            .expect(|s, _| gr(s, 1, W, false)),
        Case::new(
            "ld8.bias / ld8.acq behave as ld8",
            [ld8(LdKind::Bias, 1, 2), ld8(LdKind::Acq, 3, 2)],
        )
        .setup(with_word)
        .expect(|s, _| {
            gr(s, 1, W, false);
            gr(s, 3, W, false);
        }),
        Case::new(
            "ld8 r2 = [r2] (no update) is legal",
            [ld8(LdKind::Normal, 2, 2)],
        )
        .setup(with_word)
        .expect(|s, _| gr(s, 2, W, false)),
        Case::new("ld8 into a stacked register", [ld8(LdKind::Normal, 40, 2)])
            .setup(with_word)
            .expect(|s, _| gr(s, 40, W, false)),
        Case::new(
            "ld8 post-increment by imm",
            [ld(B8, LdKind::Normal, 1, 2, Post::Imm(16))],
        )
        .setup(with_word)
        .expect(|s, _| {
            gr(s, 1, W, false);
            gr(s, 2, A + 16, false);
        }),
        Case::new(
            "ld4 post-increment by a negative imm",
            [ld(B4, LdKind::Normal, 1, 2, Post::Imm(-256))],
        )
        .setup(with_word)
        .expect(|s, _| {
            gr(s, 1, 0x4433_2211, false);
            gr(s, 2, A - 256, false);
        }),
        Case::new(
            "ld2 post-increment by a register",
            [ld(B2, LdKind::Normal, 1, 2, Post::Reg(3))],
        )
        .setup(|s, mm| {
            with_word(s, mm);
            gr(s, 3, 0x24, false);
        })
        .expect(|s, _| {
            gr(s, 1, 0x2211, false);
            gr(s, 2, A + 0x24, false);
        }),
        Case::new(
            "post-increment by a NaT register makes the base NaT",
            [ld(B1, LdKind::Normal, 1, 2, Post::Reg(3))],
        )
        .setup(|s, mm| {
            with_word(s, mm);
            gr(s, 3, 1, true);
        })
        .expect(|s, _| {
            gr(s, 1, 0x11, false);
            gr(s, 2, A + 1, true);
        }),
        Case::new(
            "big-endian ld4 and ld2",
            [
                ld(B4, LdKind::Normal, 1, 2, Post::None),
                ld(B2, LdKind::Normal, 3, 4, Post::None),
            ],
        )
        .setup(|s, mm| {
            with_word(s, mm);
            gr(s, 4, A + 6, false);
            set_be(s);
        })
        .expect(|s, _| {
            gr(s, 1, 0x1122_3344, false);
            gr(s, 3, 0x7788, false);
        }),
        Case::slots(
            "predicated off: no access, no fault",
            [Slot {
                qp: 5,
                insn: ld8(LdKind::Normal, 1, 2),
            }],
        )
        .setup(|s, _| gr(s, 2, 0x1234, true)),
        Case::slots(
            "predicated on",
            [Slot {
                qp: 5,
                insn: ld8(LdKind::Normal, 1, 2),
            }],
        )
        .setup(|s, mm| {
            with_word(s, mm);
            s.write_pr(5, true);
        })
        .expect(|s, _| gr(s, 1, W, false)),
        // Faults: nothing committed (the harness compares the whole state and memory).
        Case::new(
            "base update with r1 == r3",
            [ld(B8, LdKind::Normal, 2, 2, Post::Imm(8))],
        )
        .setup(with_word)
        .faults(Fault::IllegalOperation),
        Case::new("target r0", [ld8(LdKind::Normal, 0, 2)])
            .setup(with_word)
            .faults(Fault::IllegalOperation),
        Case::new("target outside the frame", [ld8(LdKind::Normal, 48, 2)])
            .setup(with_word)
            .faults(Fault::IllegalOperation),
        Case::new(
            "update base outside the frame",
            [ld(B8, LdKind::Normal, 1, 50, Post::Imm(8))],
        )
        .faults(Fault::IllegalOperation),
        Case::new("NaT address", [ld(B8, LdKind::Normal, 1, 2, Post::Imm(8))])
            .setup(|s, _| gr(s, 2, A, true))
            .faults(Fault::NatAddress {
                kind: RefKind::Read,
            }),
        Case::new(
            "unaligned ld8",
            [ld(B8, LdKind::Normal, 1, 2, Post::Imm(8))],
        )
        .setup(|s, _| gr(s, 2, A + 4, false))
        .faults(data_fault(MemFaultKind::Unaligned, A + 4, RefKind::Read)),
        Case::new(
            "page not present, base not updated",
            [ld(B4, LdKind::Normal, 1, 2, Post::Reg(3))],
        )
        .setup(|s, mm| {
            gr(s, 2, 0x9000, false);
            gr(s, 3, 4, false);
            mm.add_fault_range(0x9000, 0xa000, MemFaultKind::NotPresent);
        })
        .faults(data_fault(MemFaultKind::NotPresent, 0x9000, RefKind::Read)),
        Case::new("NaT page", [ld8(LdKind::Normal, 1, 2)])
            .setup(|s, mm| {
                gr(s, 2, 0x9000, false);
                mm.add_fault_range(0x9000, 0xa000, MemFaultKind::NatPage);
            })
            .faults(Fault::NatPage {
                addr: 0x9000,
                kind: RefKind::Read,
            }),
    ]);
}

#[test]
fn control_speculation() {
    run_table(&[
        Case::new("ld8.s that succeeds", [ld8(LdKind::S, 1, 2)])
            .setup(with_word)
            .expect(|s, _| gr(s, 1, W, false)),
        Case::new(
            "ld8.s defers a page fault, base still updated",
            [ld(MemSize::B8, LdKind::S, 1, 2, Post::Imm(8))],
        )
        .setup(|s, mm| {
            gr(s, 1, 77, false);
            gr(s, 2, 0x9000, false);
            mm.add_fault_range(0x9000, 0xa000, MemFaultKind::NotPresent);
        })
        .expect(|s, _| {
            gr(s, 1, 0, true);
            gr(s, 2, 0x9008, false);
        }),
        Case::new(
            "ld4.s defers an unaligned reference",
            [ld(MemSize::B4, LdKind::S, 1, 2, Post::None)],
        )
        .setup(|s, _| gr(s, 2, A + 2, false))
        .expect(|s, _| gr(s, 1, 0, true)),
        Case::new("ld8.s defers a NaT page", [ld8(LdKind::S, 1, 2)])
            .setup(|s, mm| {
                gr(s, 2, 0x9000, false);
                mm.add_fault_range(0x9000, 0xa000, MemFaultKind::NatPage);
            })
            .expect(|s, _| gr(s, 1, 0, true)),
        Case::new(
            "ld8.s through a NaT base: NaT result, NaT base stays NaT",
            [ld(MemSize::B8, LdKind::S, 1, 2, Post::Reg(3))],
        )
        .setup(|s, mm| {
            mm.poke_u64(A, W);
            gr(s, 2, A, true);
            gr(s, 3, 8, false);
        })
        .expect(|s, _| {
            gr(s, 1, 0, true);
            gr(s, 2, A + 8, true);
        }),
        Case::new(
            "ld8.s with PSR.ed defers without accessing",
            [ld8(LdKind::S, 1, 2)],
        )
        .setup(|s, mm| {
            with_word(s, mm);
            s.set_psr_bit(psr::ED, true);
        })
        .expect(|s, _| gr(s, 1, 0, true)),
        Case::new("ld8.s to r0 is still illegal", [ld8(LdKind::S, 0, 2)])
            .setup(|s, _| gr(s, 2, A, true))
            .faults(Fault::IllegalOperation),
    ]);
}

#[test]
fn data_speculation_and_alat() {
    run_table(&[
        Case::new("ld8.a allocates an entry", [ld8(LdKind::A, 1, 2)])
            .setup(with_word)
            .expect(|s, _| {
                gr(s, 1, W, false);
                s.alat.insert(AlatReg::Gr(1), A, 8);
            }),
        Case::new(
            "ld4.a to a stacked register is tagged by physical register",
            [ld(MemSize::B4, LdKind::A, 33, 2, Post::None)],
        )
        .setup(with_word)
        .expect(|s, _| {
            gr(s, 33, 0x4433_2211, false);
            let p = s.rse.phys_index(33).unwrap() as u32;
            s.alat.insert(AlatReg::Gr(32 + p), A, 4);
        }),
        Case::new(
            "ld8.a replaces the old entry of its register",
            [ld8(LdKind::A, 1, 2)],
        )
        .setup(|s, mm| {
            with_word(s, mm);
            s.alat.insert(AlatReg::Gr(1), 0x5000, 8);
        })
        .expect(|s, _| {
            gr(s, 1, W, false);
            s.alat.remove(AlatReg::Gr(1));
            s.alat.insert(AlatReg::Gr(1), A, 8);
        }),
        Case::new("ld8.a through a NaT base faults", [ld8(LdKind::A, 1, 2)])
            .setup(|s, _| gr(s, 2, A, true))
            .faults(Fault::NatAddress {
                kind: RefKind::Read,
            }),
        Case::new("ld8.a page fault is not deferred", [ld8(LdKind::A, 1, 2)])
            .setup(|s, mm| {
                gr(s, 2, 0x9000, false);
                mm.add_fault_range(0x9000, 0xa000, MemFaultKind::NotPresent);
            })
            .faults(data_fault(MemFaultKind::NotPresent, 0x9000, RefKind::Read)),
        Case::new("ld8.sa that succeeds allocates", [ld8(LdKind::Sa, 1, 2)])
            .setup(with_word)
            .expect(|s, _| {
                gr(s, 1, W, false);
                s.alat.insert(AlatReg::Gr(1), A, 8);
            }),
        Case::new(
            "ld8.sa deferred: NaT and the old entry is gone",
            [ld8(LdKind::Sa, 1, 2)],
        )
        .setup(|s, mm| {
            gr(s, 2, 0x9000, false);
            mm.add_fault_range(0x9000, 0xa000, MemFaultKind::NotPresent);
            s.alat.insert(AlatReg::Gr(1), 0x9000, 8);
        })
        .expect(|s, _| {
            gr(s, 1, 0, true);
            s.alat.clear();
        }),
        Case::new(
            "ld8.c.nc hit: no reload, entry kept",
            [ld8(LdKind::CNc, 1, 2)],
        )
        .setup(|s, mm| {
            with_word(s, mm);
            gr(s, 1, 5, false);
            s.alat.insert(AlatReg::Gr(1), A, 8);
        }),
        Case::new(
            "ld8.c.nc miss: reload and allocate",
            [ld8(LdKind::CNc, 1, 2)],
        )
        .setup(|s, mm| {
            with_word(s, mm);
            gr(s, 1, 5, false);
        })
        .expect(|s, _| {
            gr(s, 1, W, false);
            s.alat.insert(AlatReg::Gr(1), A, 8);
        }),
        Case::new(
            "ld8.c.clr hit: no reload, entry removed",
            [ld8(LdKind::CClr, 1, 2)],
        )
        .setup(|s, mm| {
            with_word(s, mm);
            gr(s, 1, 5, false);
            s.alat.insert(AlatReg::Gr(1), A, 8);
        })
        .expect(|s, _| s.alat.clear()),
        Case::new("ld8.c.clr.acq hit", [ld8(LdKind::CClrAcq, 1, 2)])
            .setup(|s, mm| {
                with_word(s, mm);
                gr(s, 1, 5, false);
                s.alat.insert(AlatReg::Gr(1), A, 8);
            })
            .expect(|s, _| s.alat.clear()),
        Case::new(
            "ld8.c.clr miss: reload, no entry",
            [ld8(LdKind::CClr, 1, 2)],
        )
        .setup(|s, mm| {
            with_word(s, mm);
            s.alat.insert(AlatReg::Gr(3), A, 8);
        })
        .expect(|s, _| gr(s, 1, W, false)),
        Case::new(
            "ld.c through a NaT base faults even on a hit",
            [ld8(LdKind::CNc, 1, 2)],
        )
        .setup(|s, _| {
            gr(s, 2, A, true);
            s.alat.insert(AlatReg::Gr(1), A, 8);
        })
        .faults(Fault::NatAddress {
            kind: RefKind::Read,
        }),
        Case::new(
            "overlapping store invalidates, disjoint store does not",
            [
                ld8(LdKind::A, 1, 2),
                ld8(LdKind::A, 3, 4),
                st(MemSize::B1, StKind::Normal, 5, 0, Post::None),
            ],
        )
        .setup(|s, mm| {
            with_word(s, mm);
            gr(s, 4, A + 8, false);
            gr(s, 5, A + 15, false);
            mm.poke_u64(A + 8, 0xff00_0000_0000_0001);
        })
        .expect(|s, mm| {
            gr(s, 1, W, false);
            gr(s, 3, 0xff00_0000_0000_0001, false);
            s.alat.insert(AlatReg::Gr(1), A, 8);
            mm.poke_u64(A + 8, 1);
        }),
    ]);
}

#[test]
fn integer_stores_spill_fill() {
    use MemSize::*;
    run_table(&[
        Case::new(
            "st1 st2 st4 st8",
            [
                st(B1, StKind::Normal, 2, 3, Post::None),
                st(B2, StKind::Normal, 4, 3, Post::None),
                st(B4, StKind::Normal, 5, 3, Post::None),
                st(B8, StKind::Rel, 6, 3, Post::None),
            ],
        )
        .setup(|s, _| {
            gr(s, 2, A + 1, false);
            gr(s, 3, 0x1122_3344_5566_7788, false);
            gr(s, 4, A + 2, false);
            gr(s, 5, A + 4, false);
            gr(s, 6, A + 8, false);
        })
        .expect(|_, mm| {
            mm.poke_u64(A, 0x5566_7788_7788_8800);
            mm.poke_u64(A + 8, 0x1122_3344_5566_7788);
        }),
        Case::new(
            "st4 post-increment; store invalidates overlapping ALAT entries",
            [st(B4, StKind::Normal, 2, 3, Post::Imm(-4))],
        )
        .setup(|s, _| {
            gr(s, 2, A, false);
            gr(s, 3, 0xdead_beef, false);
            s.alat.insert(AlatReg::Gr(9), A + 2, 2);
            s.alat.insert(AlatReg::Fr(9), A + 4, 4);
        })
        .expect(|s, mm| {
            mm.poke_u64(A, 0xdead_beef);
            gr(s, 2, A - 4, false);
            s.alat.remove(AlatReg::Gr(9));
        }),
        Case::new("big-endian st4", [st(B4, StKind::Normal, 2, 3, Post::None)])
            .setup(|s, _| {
                gr(s, 2, A + 4, false);
                gr(s, 3, 0x1122_3344, false);
                set_be(s);
            })
            .expect(|_, mm| mm.poke_u64(A, 0x4433_2211_0000_0000)),
        Case::new(
            "store of a NaT value",
            [st(B8, StKind::Normal, 2, 3, Post::Imm(8))],
        )
        .setup(|s, _| {
            gr(s, 2, A, false);
            gr(s, 3, 1, true);
        })
        .faults(Fault::NatAddress {
            kind: RefKind::Write,
        }),
        Case::new(
            "store through a NaT address",
            [st(B8, StKind::Spill, 2, 3, Post::None)],
        )
        .setup(|s, _| {
            gr(s, 2, A, true);
            gr(s, 3, 1, false);
        })
        .faults(Fault::NatAddress {
            kind: RefKind::Write,
        }),
        Case::new(
            "store to a protected page, base not updated",
            [st(B8, StKind::Normal, 2, 3, Post::Imm(8))],
        )
        .setup(|s, mm| {
            gr(s, 2, 0x9000, false);
            mm.add_fault_range(0x9000, 0xa000, MemFaultKind::Protection);
        })
        .faults(data_fault(MemFaultKind::Protection, 0x9000, RefKind::Write)),
        Case::new(
            "store update base out of frame",
            [st(B8, StKind::Normal, 60, 3, Post::Imm(8))],
        )
        .faults(Fault::IllegalOperation),
        Case::slots(
            "predicated-off store of a NaT",
            [Slot {
                qp: 7,
                insn: st(B8, StKind::Normal, 2, 3, Post::None),
            }],
        )
        .setup(|s, _| gr(s, 3, 0, true)),
        Case::new(
            "st8.spill of a NaT register sets the UNAT bit",
            [st(B8, StKind::Spill, 2, 3, Post::Imm(8))],
        )
        .setup(|s, _| {
            gr(s, 2, A + 5 * 8, false);
            gr(s, 3, 0x1234, true);
        })
        .expect(|s, mm| {
            mm.poke_u64(A + 40, 0x1234);
            // (0x2028 >> 3) & 63 = 5.
            s.ar[usize::from(ar::UNAT)] = 1 << 5;
            gr(s, 2, A + 48, false);
        }),
        Case::new(
            "st8.spill of a non-NaT register clears the UNAT bit",
            [st(B8, StKind::Spill, 2, 3, Post::None)],
        )
        .setup(|s, _| {
            gr(s, 2, A + 8, false);
            gr(s, 3, 7, false);
            s.ar[usize::from(ar::UNAT)] = u64::MAX;
        })
        .expect(|s, mm| {
            mm.poke_u64(A + 8, 7);
            // (0x2008 >> 3) & 63 = 1.
            s.ar[usize::from(ar::UNAT)] = !2;
        }),
        Case::new(
            "ld8.fill restores NaT from UNAT",
            [ld8(LdKind::Fill, 1, 2), ld8(LdKind::Fill, 3, 4)],
        )
        .setup(|s, mm| {
            with_word(s, mm);
            gr(s, 4, A + 8, false);
            mm.poke_u64(A + 8, 42);
            // A = 0x2000: bit 0; A + 8: bit 1.
            s.ar[usize::from(ar::UNAT)] = 1;
        })
        .expect(|s, _| {
            gr(s, 1, W, true);
            gr(s, 3, 42, false);
        }),
        Case::new(
            "spill then fill round-trips a NaT",
            [
                st(B8, StKind::Spill, 2, 3, Post::None),
                ld8(LdKind::Fill, 4, 2),
            ],
        )
        .setup(|s, _| {
            gr(s, 2, A + 0x1f8, false);
            gr(s, 3, 99, true);
        })
        .expect(|s, mm| {
            mm.poke_u64(A + 0x1f8, 99);
            s.ar[usize::from(ar::UNAT)] = 1 << 63;
            gr(s, 4, 99, true);
        }),
        Case::new(
            "st16 and ld16 with ar.csd",
            [
                m(MemInsn::St16 {
                    rel: false,
                    hint: Hint::None,
                    r2: 3,
                    r3: 2,
                }),
                m(MemInsn::Ld16 {
                    acq: true,
                    hint: Hint::None,
                    r1: 4,
                    r3: 2,
                }),
            ],
        )
        .setup(|s, _| {
            gr(s, 2, A, false);
            gr(s, 3, 0xaaaa, false);
            s.ar[usize::from(ar::CSD)] = 0xbbbb;
        })
        .expect(|s, mm| {
            mm.poke_u64(A, 0xaaaa);
            mm.poke_u64(A + 8, 0xbbbb);
            gr(s, 4, 0xaaaa, false);
        }),
        Case::new(
            "ld16 loads r1 from the lower address",
            [m(MemInsn::Ld16 {
                acq: false,
                hint: Hint::None,
                r1: 4,
                r3: 2,
            })],
        )
        .setup(|s, mm| {
            gr(s, 2, A, false);
            mm.poke_u64(A, 1);
            mm.poke_u64(A + 8, 2);
        })
        .expect(|s, _| {
            gr(s, 4, 1, false);
            s.ar[usize::from(ar::CSD)] = 2;
        }),
        Case::new(
            "st16 misaligned",
            [m(MemInsn::St16 {
                rel: true,
                hint: Hint::None,
                r2: 3,
                r3: 2,
            })],
        )
        .setup(|s, _| gr(s, 2, A + 8, false))
        .faults(data_fault(MemFaultKind::Unaligned, A + 8, RefKind::Write)),
        Case::new(
            "ld16 through a NaT base",
            [m(MemInsn::Ld16 {
                acq: false,
                hint: Hint::None,
                r1: 4,
                r3: 2,
            })],
        )
        .setup(|s, _| gr(s, 2, A, true))
        .faults(Fault::NatAddress {
            kind: RefKind::Read,
        }),
    ]);
}

fn cmpxchg(size: MemSize, sem: Sem, r1: u8, r3: u8, r2: u8) -> Insn {
    m(MemInsn::Cmpxchg {
        size,
        sem,
        hint: Hint::None,
        r1,
        r2,
        r3,
    })
}

fn fetchadd(size: MemSize, sem: Sem, r1: u8, r3: u8, inc: i8) -> Insn {
    m(MemInsn::Fetchadd {
        size,
        sem,
        hint: Hint::None,
        r1,
        r3,
        inc,
    })
}

#[test]
fn semaphores() {
    use MemSize::*;
    run_table(&[
        Case::new("cmpxchg8.acq succeeds", [cmpxchg(B8, Sem::Acq, 1, 2, 3)])
            .setup(|s, mm| {
                with_word(s, mm);
                gr(s, 3, 0x55, false);
                s.ar[usize::from(ar::CCV)] = W;
                s.alat.insert(AlatReg::Gr(7), A + 4, 4);
            })
            .expect(|s, mm| {
                mm.poke_u64(A, 0x55);
                gr(s, 1, W, false);
                s.alat.clear();
            }),
        Case::new(
            "cmpxchg8.rel fails: memory unchanged, old value returned",
            [cmpxchg(B8, Sem::Rel, 1, 2, 3)],
        )
        .setup(|s, mm| {
            with_word(s, mm);
            gr(s, 3, 0x55, false);
            s.ar[usize::from(ar::CCV)] = W + 1;
        })
        .expect(|s, _| gr(s, 1, W, false)),
        Case::new(
            "cmpxchg1 compares the zero-extended byte with all of ccv",
            [
                cmpxchg(B1, Sem::Acq, 1, 4, 3),
                cmpxchg(B1, Sem::Acq, 5, 6, 3),
            ],
        )
        .setup(|s, mm| {
            with_word(s, mm);
            gr(s, 4, A + 7, false); // byte 0x88
            gr(s, 6, A + 6, false); // byte 0x77
            gr(s, 3, 0x1ee, false);
            s.ar[usize::from(ar::CCV)] = 0x88;
        })
        .expect(|s, mm| {
            mm.poke_u64(A, 0xee77_6655_4433_2211);
            gr(s, 1, 0x88, false);
            gr(s, 5, 0x77, false);
        }),
        Case::new(
            "cmpxchg1 with sign bits in ccv fails",
            [cmpxchg(B1, Sem::Acq, 1, 4, 3)],
        )
        .setup(|s, mm| {
            with_word(s, mm);
            gr(s, 4, A + 7, false);
            s.ar[usize::from(ar::CCV)] = 0xffff_ffff_ffff_ff88;
        })
        .expect(|s, _| gr(s, 1, 0x88, false)),
        Case::new("cmpxchg2 big-endian", [cmpxchg(B2, Sem::Acq, 1, 2, 3)])
            .setup(|s, mm| {
                with_word(s, mm);
                set_be(s);
                gr(s, 3, 0xabcd, false);
                s.ar[usize::from(ar::CCV)] = 0x1122;
            })
            .expect(|s, mm| {
                mm.poke_u64(A, 0x8877_6655_4433_cdab);
                gr(s, 1, 0x1122, false);
            }),
        Case::new("cmpxchg4 unaligned", [cmpxchg(B4, Sem::Acq, 1, 2, 3)])
            .setup(|s, _| gr(s, 2, A + 2, false))
            .faults(data_fault(
                MemFaultKind::Unaligned,
                A + 2,
                RefKind::ReadWrite,
            )),
        Case::new(
            "cmpxchg to a protected page",
            [cmpxchg(B8, Sem::Acq, 1, 2, 3)],
        )
        .setup(|s, mm| {
            gr(s, 2, 0x9000, false);
            s.ar[usize::from(ar::CCV)] = 1;
            mm.add_fault_range(0x9000, 0xa000, MemFaultKind::Protection);
        })
        .faults(data_fault(
            MemFaultKind::Protection,
            0x9000,
            RefKind::ReadWrite,
        )),
        Case::new("cmpxchg with a NaT r2", [cmpxchg(B8, Sem::Acq, 1, 2, 3)])
            .setup(|s, mm| {
                with_word(s, mm);
                gr(s, 3, 0, true);
            })
            .faults(Fault::NatAddress {
                kind: RefKind::ReadWrite,
            }),
        Case::new("cmpxchg to r0", [cmpxchg(B8, Sem::Acq, 0, 2, 3)])
            .setup(with_word)
            .faults(Fault::IllegalOperation),
        Case::new(
            "xchg4",
            [m(MemInsn::Xchg {
                size: B4,
                hint: Hint::None,
                r1: 1,
                r2: 3,
                r3: 2,
            })],
        )
        .setup(|s, mm| {
            with_word(s, mm);
            gr(s, 2, A + 4, false);
            gr(s, 3, 0x1_0000_0001, false);
        })
        .expect(|s, mm| {
            mm.poke_u64(A, 0x0000_0001_4433_2211);
            gr(s, 1, 0x8877_6655, false);
        }),
        Case::new(
            "xchg8 through a NaT address",
            [m(MemInsn::Xchg {
                size: B8,
                hint: Hint::None,
                r1: 1,
                r2: 3,
                r3: 2,
            })],
        )
        .setup(|s, _| gr(s, 2, A, true))
        .faults(Fault::NatAddress {
            kind: RefKind::ReadWrite,
        }),
        Case::new(
            "fetchadd4.acq -1 wraps within 4 bytes",
            [fetchadd(B4, Sem::Acq, 1, 2, -1)],
        )
        .setup(|s, mm| {
            gr(s, 2, A, false);
            mm.poke_u64(A, 0x7_0000_0000);
        })
        .expect(|s, mm| {
            mm.poke_u64(A, 0x7_ffff_ffff);
            gr(s, 1, 0, false);
        }),
        Case::new("fetchadd8.rel +16", [fetchadd(B8, Sem::Rel, 1, 2, 16)])
            .setup(with_word)
            .expect(|s, mm| {
                mm.poke_u64(A, W + 16);
                gr(s, 1, W, false);
            }),
        Case::new("fetchadd8 unaligned", [fetchadd(B8, Sem::Rel, 1, 2, 1)])
            .setup(|s, _| gr(s, 2, A + 4, false))
            .faults(data_fault(
                MemFaultKind::Unaligned,
                A + 4,
                RefKind::ReadWrite,
            )),
        Case::new(
            "cmp8xchg16 at the upper half succeeds",
            [m(MemInsn::Cmp8xchg16 {
                sem: Sem::Acq,
                hint: Hint::None,
                r1: 1,
                r2: 3,
                r3: 2,
            })],
        )
        .setup(|s, mm| {
            gr(s, 2, A + 8, false);
            gr(s, 3, 0x33, false);
            mm.poke_u64(A, 0x10);
            mm.poke_u64(A + 8, 0x20);
            s.ar[usize::from(ar::CCV)] = 0x20;
            s.ar[usize::from(ar::CSD)] = 0x44;
        })
        .expect(|s, mm| {
            mm.poke_u64(A, 0x33);
            mm.poke_u64(A + 8, 0x44);
            gr(s, 1, 0x20, false);
        }),
        Case::new(
            "cmp8xchg16 fails",
            [m(MemInsn::Cmp8xchg16 {
                sem: Sem::Rel,
                hint: Hint::None,
                r1: 1,
                r2: 3,
                r3: 2,
            })],
        )
        .setup(|s, mm| {
            gr(s, 2, A, false);
            mm.poke_u64(A, 0x10);
            s.ar[usize::from(ar::CCV)] = 0x20;
        })
        .expect(|s, _| gr(s, 1, 0x10, false)),
        Case::slots(
            "predicated-off semaphore",
            [Slot {
                qp: 9,
                insn: fetchadd(B8, Sem::Acq, 1, 2, 1),
            }],
        )
        .setup(with_word),
    ]);
}

#[test]
fn getf_setf() {
    let setf = |kind, f1, r2| m(MemInsn::Setf { kind, f1, r2 });
    let getf = |kind, r1, f2| m(MemInsn::Getf { kind, r1, f2 });
    run_table(&[
        Case::new("setf.sig", [setf(FpXfer::Sig, 10, 2)])
            .setup(|s, _| gr(s, 2, 0x1234, false))
            .expect(|s, _| s.write_fr(10, fr(false, 0x1003e, 0x1234))),
        Case::new("setf.exp", [setf(FpXfer::Exp, 40, 2)])
            .setup(|s, _| gr(s, 2, 0x2_ffff, false))
            .expect(|s, _| s.write_fr(40, fr(true, 0xffff, 1 << 63))),
        Case::new(
            "setf.s 1.0 and setf.d -2.0",
            [setf(FpXfer::S, 6, 2), setf(FpXfer::D, 7, 3)],
        )
        .setup(|s, _| {
            gr(s, 2, 0x3f80_0000, false);
            gr(s, 3, 0xc000_0000_0000_0000, false);
        })
        .expect(|s, _| {
            s.write_fr(6, fr(false, 0xffff, 1 << 63));
            s.write_fr(7, fr(true, 0x10000, 1 << 63));
        }),
        Case::new(
            "setf of a NaT register gives NaTVal",
            [setf(FpXfer::Sig, 6, 2)],
        )
        .setup(|s, _| gr(s, 2, 5, true))
        .expect(|s, _| s.write_fr(6, fr(false, 0x1fffe, 0))),
        Case::new("setf to f1", [setf(FpXfer::Sig, 1, 2)]).faults(Fault::IllegalOperation),
        Case::new(
            "setf to a disabled high register",
            [setf(FpXfer::Sig, 33, 2)],
        )
        .setup(|s, _| s.set_psr_bit(psr::DFH, true))
        .faults(Fault::DisabledFpRegister {
            low: false,
            high: true,
        }),
        Case::new(
            "getf.sig getf.exp getf.s getf.d",
            [
                getf(FpXfer::Sig, 1, 6),
                getf(FpXfer::Exp, 3, 6),
                getf(FpXfer::S, 4, 1),
                getf(FpXfer::D, 5, 7),
            ],
        )
        .setup(|s, _| {
            s.write_fr(6, fr(true, 0x1003e, 0xabcd));
            s.write_fr(7, fr(false, 0x10001, 0xc000_0000_0000_0000)); // 6.0
        })
        .expect(|s, _| {
            gr(s, 1, 0xabcd, false);
            gr(s, 3, 0x3_003e, false);
            gr(s, 4, 0x3f80_0000, false);
            gr(s, 5, 0x4018_0000_0000_0000, false);
        }),
        Case::new(
            "getf of NaTVal gives a NaT register",
            [getf(FpXfer::D, 1, 6)],
        )
        .setup(|s, _| s.write_fr(6, Fr::NATVAL))
        .expect(|s, _| gr(s, 1, 0, true)),
        Case::new("getf to r0", [getf(FpXfer::Sig, 0, 6)]).faults(Fault::IllegalOperation),
        Case::new(
            "getf from a disabled low register",
            [getf(FpXfer::Sig, 1, 6)],
        )
        .setup(|s, _| s.set_psr_bit(psr::DFL, true))
        .faults(Fault::DisabledFpRegister {
            low: true,
            high: false,
        }),
    ]);
}

#[test]
fn fp_loads() {
    run_table(&[
        Case::new(
            "ldfs 1.0",
            [ldf(FpSize::Single, LdfKind::Normal, 6, 2, Post::None)],
        )
        .setup(|s, mm| {
            gr(s, 2, A + 4, false);
            mm.poke_u64(A, 0x3f80_0000_0000_0000);
        })
        .expect(|s, _| s.write_fr(6, Fr::ONE)),
        Case::new(
            "ldfs denormal",
            [ldf(FpSize::Single, LdfKind::Normal, 6, 2, Post::None)],
        )
        .setup(|s, mm| {
            gr(s, 2, A, false);
            mm.poke_u64(A, 0x8000_0001);
        })
        .expect(|s, _| s.write_fr(6, fr(true, 0xff81, 1 << 40))),
        Case::new(
            "ldfd -1.5 with post-increment",
            [ldf(FpSize::Double, LdfKind::Normal, 40, 2, Post::Imm(8))],
        )
        .setup(|s, mm| {
            gr(s, 2, A, false);
            mm.poke_u64(A, 0xbff8_0000_0000_0000);
        })
        .expect(|s, _| {
            s.write_fr(40, fr(true, 0xffff, 0xc000_0000_0000_0000));
            gr(s, 2, A + 8, false);
        }),
        Case::new(
            "ldfd infinity",
            [ldf(FpSize::Double, LdfKind::Normal, 6, 2, Post::None)],
        )
        .setup(|s, mm| {
            gr(s, 2, A, false);
            mm.poke_u64(A, 0x7ff0_0000_0000_0000);
        })
        .expect(|s, _| s.write_fr(6, fr(false, 0x1ffff, 1 << 63))),
        Case::new(
            "ldf8 integer",
            [ldf(FpSize::Int, LdfKind::Normal, 6, 2, Post::Reg(3))],
        )
        .setup(|s, mm| {
            with_word(s, mm);
            gr(s, 3, 16, false);
        })
        .expect(|s, _| {
            s.write_fr(6, fr(false, 0x1003e, W));
            gr(s, 2, A + 16, false);
        }),
        Case::new(
            "ldfe 80-bit",
            [ldf(FpSize::Ext, LdfKind::Normal, 6, 2, Post::None)],
        )
        .setup(|s, mm| {
            gr(s, 2, A, false);
            mm.poke_u64(A, 0xc000_0000_0000_0000);
            mm.poke_u64(A + 8, 0xffff_ffff_ffff_c000); // only 2 bytes belong to it
        })
        .expect(|s, _| s.write_fr(6, fr(true, 0x10000, 0xc000_0000_0000_0000))), // -3.0
        Case::new(
            "ldfe big-endian",
            [ldf(FpSize::Ext, LdfKind::Normal, 6, 2, Post::None)],
        )
        .setup(|s, mm| {
            gr(s, 2, A, false);
            set_be(s);
            // bytes: 3f ff 80 00 .. 00 (1.0 in big-endian double-extended)
            mm.poke_u64(A, 0x0000_0000_0080_ff3f);
        })
        .expect(|s, _| s.write_fr(6, Fr::ONE)),
        Case::new(
            "ldfe misaligned",
            [ldf(FpSize::Ext, LdfKind::Normal, 6, 2, Post::None)],
        )
        .setup(|s, _| gr(s, 2, A + 8, false))
        .faults(data_fault(MemFaultKind::Unaligned, A + 8, RefKind::Read)),
        Case::new(
            "ldf.fill restores NaTVal",
            [ldf(FpSize::Ext, LdfKind::Fill, 6, 2, Post::Imm(16))],
        )
        .setup(|s, mm| {
            gr(s, 2, A, false);
            mm.poke_u64(A + 8, 0x1fffe);
            s.write_fr(6, Fr::ONE);
        })
        .expect(|s, _| {
            s.write_fr(6, Fr::NATVAL);
            gr(s, 2, A + 16, false);
        }),
        Case::new(
            "ldf.fill of a negative register value",
            [ldf(FpSize::Ext, LdfKind::Fill, 6, 2, Post::None)],
        )
        .setup(|s, mm| {
            gr(s, 2, A, false);
            mm.poke_u64(A, 5);
            mm.poke_u64(A + 8, 0x3_0001);
        })
        .expect(|s, _| s.write_fr(6, fr(true, 0x10001, 5))),
        Case::new(
            "ldfs.s defers to NaTVal",
            [ldf(FpSize::Single, LdfKind::S, 6, 2, Post::None)],
        )
        .setup(|s, mm| {
            gr(s, 2, 0x9000, false);
            mm.add_fault_range(0x9000, 0xa000, MemFaultKind::NotPresent);
        })
        .expect(|s, _| s.write_fr(6, Fr::NATVAL)),
        Case::new(
            "ldfd.a allocates an FR entry (physical register after rotation)",
            [ldf(FpSize::Double, LdfKind::A, 33, 2, Post::None)],
        )
        .setup(|s, mm| {
            gr(s, 2, A, false);
            mm.poke_u64(A, 0x3ff0_0000_0000_0000);
            s.rse.rotate_regs(); // rrb.fr = 95: f33 is physical f32
        })
        .expect(|s, _| {
            s.write_fr(33, Fr::ONE);
            s.alat.insert(AlatReg::Fr(32), A, 8);
        }),
        Case::new(
            "ldf8.c.nc hit keeps the register (and marks PSR.mfl)",
            [ldf(FpSize::Int, LdfKind::CNc, 6, 2, Post::None)],
        )
        .setup(|s, mm| {
            with_word(s, mm);
            s.alat.insert(AlatReg::Fr(6), A, 8);
        })
        .expect(|s, _| s.set_psr_bit(psr::MFL, true)),
        Case::new(
            "ldf8.c.clr miss reloads",
            [ldf(FpSize::Int, LdfKind::CClr, 6, 2, Post::None)],
        )
        .setup(with_word)
        .expect(|s, _| s.write_fr(6, fr(false, 0x1003e, W))),
        Case::new(
            "ldfs.sa succeeds and allocates",
            [ldf(FpSize::Single, LdfKind::Sa, 6, 2, Post::None)],
        )
        .setup(|s, mm| {
            gr(s, 2, A, false);
            mm.poke_u64(A, 0x3f80_0000);
        })
        .expect(|s, _| {
            s.write_fr(6, Fr::ONE);
            s.alat.insert(AlatReg::Fr(6), A, 4);
        }),
        Case::new(
            "ldf to f1",
            [ldf(FpSize::Double, LdfKind::Normal, 1, 2, Post::None)],
        )
        .setup(with_word)
        .faults(Fault::IllegalOperation),
        Case::new(
            "ldf to a disabled register",
            [ldf(FpSize::Double, LdfKind::Normal, 6, 2, Post::None)],
        )
        .setup(|s, mm| {
            with_word(s, mm);
            s.set_psr_bit(psr::DFL, true);
        })
        .faults(Fault::DisabledFpRegister {
            low: true,
            high: false,
        }),
        Case::new(
            "ldf through a NaT base",
            [ldf(FpSize::Double, LdfKind::Normal, 6, 2, Post::None)],
        )
        .setup(|s, _| gr(s, 2, A, true))
        .faults(Fault::NatAddress {
            kind: RefKind::Read,
        }),
        Case::slots(
            "predicated-off ldf",
            [Slot {
                qp: 3,
                insn: ldf(FpSize::Double, LdfKind::Normal, 1, 2, Post::None),
            }],
        ),
    ]);
}

#[test]
fn fp_pairs() {
    run_table(&[
        Case::new(
            "ldfps with implied +8",
            [ldfp(
                PairSize::Single,
                LdfKind::Normal,
                6,
                7,
                2,
                Post::Imm(8),
            )],
        )
        .setup(|s, mm| {
            gr(s, 2, A, false);
            mm.poke_u64(A, 0x4000_0000_3f80_0000); // 1.0 at A, 2.0 at A+4
        })
        .expect(|s, _| {
            s.write_fr(6, Fr::ONE);
            s.write_fr(7, fr(false, 0x10000, 1 << 63));
            gr(s, 2, A + 8, false);
        }),
        Case::new(
            "ldfpd",
            [ldfp(PairSize::Double, LdfKind::Normal, 8, 7, 2, Post::None)],
        )
        .setup(|s, mm| {
            gr(s, 2, A, false);
            mm.poke_u64(A, 0x3ff0_0000_0000_0000);
            mm.poke_u64(A + 8, 0x8000_0000_0000_0000);
        })
        .expect(|s, _| {
            s.write_fr(8, Fr::ONE);
            s.write_fr(7, fr(true, 0, 0));
        }),
        Case::new(
            "ldfp8 big-endian with +16",
            [ldfp(PairSize::Int, LdfKind::Normal, 6, 7, 2, Post::Imm(16))],
        )
        .setup(|s, mm| {
            gr(s, 2, A, false);
            set_be(s);
            mm.poke_u64(A, 0x0100_0000_0000_0000);
            mm.poke_u64(A + 8, 0x0200_0000_0000_0000);
        })
        .expect(|s, _| {
            s.write_fr(6, fr(false, 0x1003e, 1));
            s.write_fr(7, fr(false, 0x1003e, 2));
            gr(s, 2, A + 16, false);
        }),
        Case::new(
            "ldfp8.s deferred: both NaTVal",
            [ldfp(PairSize::Int, LdfKind::S, 6, 7, 2, Post::None)],
        )
        .setup(|s, _| gr(s, 2, A, true))
        .expect(|s, _| {
            s.write_fr(6, Fr::NATVAL);
            s.write_fr(7, Fr::NATVAL);
        }),
        Case::new(
            "ldfpd.a tags f1 with the pair size",
            [ldfp(PairSize::Double, LdfKind::A, 6, 7, 2, Post::None)],
        )
        .setup(|s, _| gr(s, 2, A, false))
        .expect(|s, _| {
            s.write_fr(6, Fr::ZERO);
            s.write_fr(7, Fr::ZERO);
            s.alat.insert(AlatReg::Fr(6), A, 16);
        }),
        Case::new(
            "ldfp with two even registers",
            [ldfp(PairSize::Double, LdfKind::Normal, 6, 8, 2, Post::None)],
        )
        .setup(|s, _| gr(s, 2, A, false))
        .faults(Fault::IllegalOperation),
        Case::new(
            "ldfp into f0",
            [ldfp(PairSize::Double, LdfKind::Normal, 0, 7, 2, Post::None)],
        )
        .setup(|s, _| gr(s, 2, A, false))
        .faults(Fault::IllegalOperation),
        Case::new(
            "ldfpd misaligned",
            [ldfp(PairSize::Double, LdfKind::Normal, 6, 7, 2, Post::None)],
        )
        .setup(|s, _| gr(s, 2, A + 8, false))
        .faults(data_fault(MemFaultKind::Unaligned, A + 8, RefKind::Read)),
        Case::new(
            "ldfp with both partitions disabled",
            [ldfp(
                PairSize::Double,
                LdfKind::Normal,
                6,
                33,
                2,
                Post::None,
            )],
        )
        .setup(|s, _| {
            gr(s, 2, A, false);
            s.set_psr_bit(psr::DFL, true);
            s.set_psr_bit(psr::DFH, true);
        })
        .faults(Fault::DisabledFpRegister {
            low: true,
            high: true,
        }),
    ]);
}

#[test]
fn fp_stores() {
    run_table(&[
        Case::new(
            "stfs stfd stf8",
            [
                stf(FpSize::Single, false, 2, 1, Post::None),
                stf(FpSize::Double, false, 3, 6, Post::None),
                stf(FpSize::Int, false, 4, 7, Post::Imm(8)),
            ],
        )
        .setup(|s, _| {
            gr(s, 2, A + 4, false);
            gr(s, 3, A + 8, false);
            gr(s, 4, A + 16, false);
            s.write_fr(6, fr(true, 0x10001, 0xc000_0000_0000_0000)); // -6.0
            s.write_fr(7, fr(false, 0x1003e, 0x1234));
        })
        .expect(|s, mm| {
            mm.poke_u64(A, 0x3f80_0000_0000_0000);
            mm.poke_u64(A + 8, 0xc018_0000_0000_0000);
            mm.poke_u64(A + 16, 0x1234);
            gr(s, 4, A + 24, false);
        }),
        Case::new(
            "stfe writes 10 bytes",
            [stf(FpSize::Ext, false, 2, 6, Post::None)],
        )
        .setup(|s, mm| {
            gr(s, 2, A, false);
            mm.poke_u64(A + 8, 0xffff_ffff_ffff_ffff);
            s.write_fr(6, fr(true, 0x10001, 0xc000_0000_0000_0000));
        })
        .expect(|_, mm| {
            mm.poke_u64(A, 0xc000_0000_0000_0000);
            mm.poke_u64(A + 8, 0xffff_ffff_ffff_c001);
        }),
        Case::new(
            "stf.spill of NaTVal",
            [stf(FpSize::Ext, true, 2, 6, Post::Imm(16))],
        )
        .setup(|s, _| {
            gr(s, 2, A, false);
            s.write_fr(6, Fr::NATVAL);
        })
        .expect(|s, mm| {
            mm.poke_u64(A + 8, 0x1fffe);
            gr(s, 2, A + 16, false);
        }),
        Case::new(
            "stf.spill big-endian",
            [stf(FpSize::Ext, true, 2, 1, Post::None)],
        )
        .setup(|s, _| {
            gr(s, 2, A, false);
            set_be(s);
        })
        .expect(|_, mm| {
            // 128-bit value 0x0ffff_8000000000000000 stored most significant byte first.
            // Bytes from A: 00 00 00 00 00 00 ff ff 80 00 ...
            mm.poke_u64(A, 0xffff_0000_0000_0000);
            mm.poke_u64(A + 8, 0x80);
        }),
        Case::new(
            "stfd of NaTVal",
            [stf(FpSize::Double, false, 2, 6, Post::None)],
        )
        .setup(|s, _| {
            gr(s, 2, A, false);
            s.write_fr(6, Fr::NATVAL);
        })
        .faults(Fault::NatAddress {
            kind: RefKind::Write,
        }),
        Case::new(
            "stf through a NaT base",
            [stf(FpSize::Double, false, 2, 6, Post::None)],
        )
        .setup(|s, _| gr(s, 2, A, true))
        .faults(Fault::NatAddress {
            kind: RefKind::Write,
        }),
        Case::new(
            "stf from a disabled register",
            [stf(FpSize::Double, false, 2, 40, Post::None)],
        )
        .setup(|s, _| {
            gr(s, 2, A, false);
            s.set_psr_bit(psr::DFH, true);
        })
        .faults(Fault::DisabledFpRegister {
            low: false,
            high: true,
        }),
        Case::new(
            "stfs unaligned",
            [stf(FpSize::Single, false, 2, 6, Post::Imm(4))],
        )
        .setup(|s, _| gr(s, 2, A + 2, false))
        .faults(data_fault(MemFaultKind::Unaligned, A + 2, RefKind::Write)),
        Case::new(
            "stf invalidates an overlapping FR entry",
            [stf(FpSize::Single, false, 2, 1, Post::None)],
        )
        .setup(|s, _| {
            gr(s, 2, A, false);
            s.alat.insert(AlatReg::Fr(6), A, 8);
        })
        .expect(|s, mm| {
            mm.poke_u64(A, 0x3f80_0000);
            s.alat.clear();
        }),
    ]);
}

#[test]
fn lfetch() {
    let lf = |fault, r3, post| {
        m(MemInsn::Lfetch {
            excl: false,
            fault,
            hint: Hint::None,
            r3,
            post,
        })
    };
    run_table(&[
        Case::new("lfetch with imm update", [lf(false, 2, Post::Imm(64))])
            .setup(|s, _| gr(s, 2, A, false))
            .expect(|s, _| gr(s, 2, A + 64, false)),
        Case::new(
            "lfetch never faults, NaT propagates to the base",
            [lf(false, 2, Post::Reg(3))],
        )
        .setup(|s, mm| {
            gr(s, 2, 0x9000, false);
            gr(s, 3, 8, true);
            mm.add_fault_range(0x9000, 0xa000, MemFaultKind::NotPresent);
        })
        .expect(|s, _| gr(s, 2, 0x9008, true)),
        Case::new("lfetch.fault through a NaT base", [lf(true, 2, Post::None)])
            .setup(|s, _| gr(s, 2, A, true))
            .faults(Fault::NatAddress {
                kind: RefKind::NonAccess,
            }),
        Case::new(
            "lfetch.excl.fault with update",
            [m(MemInsn::Lfetch {
                excl: true,
                fault: true,
                hint: Hint::Nta,
                r3: 2,
                post: Post::Imm(-128),
            })],
        )
        .setup(|s, _| gr(s, 2, A, false))
        .expect(|s, _| gr(s, 2, A - 128, false)),
        Case::new("lfetch base out of frame", [lf(false, 70, Post::Imm(8))])
            .faults(Fault::IllegalOperation),
        Case::new(
            "lfetch.count does nothing",
            [m(MemInsn::LfetchCount {
                hint: Hint::None,
                r3: 2,
                count: 4,
                stride: 64,
            })],
        )
        .setup(|s, _| gr(s, 2, 0, true)),
    ]);
}
