//! State-transition tables for the A unit (SDM Vol. 3 §4.2, A1–A10): every instruction, its
//! NaT propagation, the predicate-writing rules of every compare type, predicated-off slots and
//! faulting slots. Expected values are worked out by hand or by simple reference formulas.

use ia64_cpu::testing::{run_table, Case};
use ia64_cpu::{Fault, State};
use ia64_isa::insn::{Insn, Slot};
use ia64_isa::unit_a::{
    AInsn, AddImmKind, AluImmOp, AluOp, CmpRel, CmpSize, CmpType, PSize, PcmpRel, Sat,
};

fn g(st: &mut State, r: u8, v: u64) {
    st.write_gr(r, v, false).unwrap();
}
fn gn(st: &mut State, r: u8, v: u64, nat: bool) {
    st.write_gr(r, v, nat).unwrap();
}
fn a(i: AInsn) -> Insn {
    Insn::A(i)
}
fn alu(op: AluOp, r1: u8, r2: u8, r3: u8) -> Insn {
    a(AInsn::Alu { op, r1, r2, r3 })
}
fn alu_imm(op: AluImmOp, r1: u8, imm: i64, r3: u8) -> Insn {
    a(AInsn::AluImm { op, r1, imm, r3 })
}
fn add_imm(kind: AddImmKind, r1: u8, imm: i64, r3: u8) -> Insn {
    a(AInsn::AddImm { kind, r1, imm, r3 })
}
#[allow(clippy::too_many_arguments)]
fn cmp(size: CmpSize, rel: CmpRel, ctype: CmpType, p1: u8, p2: u8, r2: u8, r3: u8) -> Insn {
    a(AInsn::Cmp {
        size,
        rel,
        ctype,
        p1,
        p2,
        r2,
        r3,
    })
}
fn cmpi(size: CmpSize, rel: CmpRel, ctype: CmpType, p1: u8, p2: u8, imm: i64, r3: u8) -> Insn {
    a(AInsn::CmpImm {
        size,
        rel,
        ctype,
        p1,
        p2,
        imm,
        r3,
    })
}

/// A two-register ALU case: r2 = x, r3 = y, expect r1 = want with NaT clear.
fn alu_case(name: &str, op: AluOp, x: u64, y: u64, want: u64) -> Case {
    Case::new(name, [alu(op, 8, 2, 3)])
        .setup(move |st, _| {
            g(st, 2, x);
            g(st, 3, y);
        })
        .expect(move |st, _| g(st, 8, want))
}

#[test]
fn integer_alu() {
    use AluOp::*;
    run_table(&[
        alu_case("add", Add, 5, 7, 12),
        alu_case("add wraps", Add, u64::MAX, 2, 1),
        alu_case("add,1", AddPlus1, 5, 7, 13),
        alu_case("add,1 wraps", AddPlus1, u64::MAX, 0, 0),
        alu_case("sub", Sub, 5, 7, (-2i64) as u64),
        alu_case("sub,1", SubMinus1, 10, 3, 6),
        alu_case("sub,1 wraps", SubMinus1, 0, 0, u64::MAX),
        // addp4: low 32 bits of the sum, bits 62:61 from r3{31:30}.
        alu_case(
            "addp4",
            Addp4,
            0xffff_ffff_0000_0010,
            0xc000_0000,
            0x6000_0000_c000_0010,
        ),
        alu_case(
            "addp4 carry dropped",
            Addp4,
            0x1,
            0x4fff_ffff,
            0x2000_0000_5000_0000,
        ),
        alu_case("and", And, 0xff00_ff00, 0x0ff0_0ff0, 0x0f00_0f00),
        alu_case("andcm", Andcm, 0xff00_ff00, 0x0ff0_0ff0, 0xf000_f000),
        alu_case("or", Or, 0xff00_0000, 0x0000_00ff, 0xff00_00ff),
        alu_case("xor", Xor, 0xffff, 0x0ff0, 0xf00f),
        Case::new("stacked registers", [alu(Add, 40, 32, 47)])
            .setup(|st, _| {
                g(st, 32, 100);
                g(st, 47, 23);
            })
            .expect(|st, _| g(st, 40, 123)),
        Case::new("NaT of r2 propagates", [alu(Add, 8, 2, 3)])
            .setup(|st, _| {
                gn(st, 2, 1, true);
                g(st, 3, 2);
            })
            .expect(|st, _| gn(st, 8, 3, true)),
        Case::new("NaT of r3 propagates through and", [alu(And, 8, 2, 3)])
            .setup(|st, _| {
                g(st, 2, 0xf);
                gn(st, 3, 0x3, true);
            })
            .expect(|st, _| gn(st, 8, 0x3, true)),
        Case::new("result clears a stale NaT", [alu(Or, 8, 2, 3)])
            .setup(|st, _| {
                gn(st, 8, 9, true);
                g(st, 2, 1);
            })
            .expect(|st, _| g(st, 8, 1)),
        Case::new("write to r0", [alu(Add, 0, 2, 3)]).faults(Fault::IllegalOperation),
        Case::new("write out of frame", [alu(Add, 48, 2, 3)]).faults(Fault::IllegalOperation),
        Case::slots(
            "predicated off",
            [Slot {
                qp: 5,
                insn: alu(Add, 8, 2, 3),
            }],
        )
        .setup(|st, _| g(st, 2, 1)),
        Case::slots(
            "predicated on",
            [Slot {
                qp: 5,
                insn: alu(Add, 8, 2, 3),
            }],
        )
        .setup(|st, _| {
            st.write_pr(5, true);
            g(st, 2, 1);
        })
        .expect(|st, _| g(st, 8, 1)),
    ]);
}

#[test]
fn shladd() {
    let sh = |p4, count| {
        a(AInsn::Shladd {
            p4,
            r1: 8,
            r2: 2,
            count,
            r3: 3,
        })
    };
    let mut cases = Vec::new();
    for count in 1..=4u8 {
        cases.push(
            Case::new(format!("shladd {count}"), [sh(false, count)])
                .setup(|st, _| {
                    g(st, 2, 0x8000_0000_0000_0003);
                    g(st, 3, 10);
                })
                .expect(move |st, _| g(st, 8, (3u64 << count) + 10)),
        );
    }
    cases.push(
        Case::new("shladdp4", [sh(true, 2)])
            .setup(|st, _| {
                g(st, 2, 0x4000_0001);
                g(st, 3, 0xffff_ffff_8000_0000);
            })
            // (0x4000_0001 << 2) + r3 = 0x1_0000_0004 + 0xffff_ffff_8000_0000: low 32 bits
            // 0x8000_0004; r3{31:30} = 0b10 → bit 62.
            .expect(|st, _| g(st, 8, 0x4000_0000_8000_0004)),
    );
    cases.push(
        Case::new("shladd NaT", [sh(false, 1)])
            .setup(|st, _| gn(st, 3, 1, true))
            .expect(|st, _| gn(st, 8, 1, true)),
    );
    cases.push(
        Case::new(
            "shladd to r0",
            [a(AInsn::Shladd {
                p4: false,
                r1: 0,
                r2: 2,
                count: 1,
                r3: 3,
            })],
        )
        .faults(Fault::IllegalOperation),
    );
    run_table(&cases);
}

#[test]
fn immediate_forms() {
    use AddImmKind::*;
    use AluImmOp::*;
    let c = |name: &str, insn: Insn, y: u64, want: u64| {
        Case::new(name, [insn])
            .setup(move |st, _| g(st, 3, y))
            .expect(move |st, _| g(st, 8, want))
    };
    run_table(&[
        c("sub imm", alu_imm(Sub, 8, 5, 3), 7, (-2i64) as u64),
        c("sub -128", alu_imm(Sub, 8, -128, 3), 1, (-129i64) as u64),
        c("and imm", alu_imm(And, 8, -2, 3), 0xff, 0xfe),
        c("andcm imm", alu_imm(Andcm, 8, 0x7f, 3), 0x0f, 0x70),
        c("or imm", alu_imm(Or, 8, 0x40, 3), 0x01, 0x41),
        c("xor imm -1", alu_imm(Xor, 8, -1, 3), 0x1234, !0x1234u64),
        c("adds", add_imm(Adds, 8, -8192, 3), 10000, 1808),
        c("adds mov", add_imm(Adds, 8, 0, 3), 0xdead, 0xdead),
        c(
            "addl",
            add_imm(Addl, 8, -2_097_152, 3),
            0,
            (-2_097_152i64) as u64,
        ),
        c(
            "addp4 imm",
            add_imm(Addp4, 8, -1, 3),
            0x4000_0000,
            0x2000_0000_3fff_ffff,
        ),
        Case::new("adds NaT", [add_imm(Adds, 8, 1, 3)])
            .setup(|st, _| gn(st, 3, 4, true))
            .expect(|st, _| gn(st, 8, 5, true)),
        Case::new("imm NaT", [alu_imm(And, 8, 0, 3)])
            .setup(|st, _| gn(st, 3, 4, true))
            .expect(|st, _| gn(st, 8, 0, true)),
        Case::new("addl from r1", [add_imm(Addl, 8, 16, 1)])
            .setup(|st, _| g(st, 1, 0x1000))
            .expect(|st, _| g(st, 8, 0x1010)),
        Case::new("adds to out of frame", [add_imm(Adds, 100, 1, 3)])
            .faults(Fault::IllegalOperation),
    ]);
}

/// Reference relation, written independently of the executor.
fn reference(size: CmpSize, rel: CmpRel, x: u64, y: u64) -> bool {
    let (sx, sy, ux, uy) = match size {
        CmpSize::Cmp8 => (x as i64 as i128, y as i64 as i128, x as u128, y as u128),
        CmpSize::Cmp4 => (
            x as u32 as i32 as i128,
            y as u32 as i32 as i128,
            x as u32 as u128,
            y as u32 as u128,
        ),
    };
    match rel {
        CmpRel::Eq => ux == uy,
        CmpRel::Ne => ux != uy,
        CmpRel::Lt => sx < sy,
        CmpRel::Le => sx <= sy,
        CmpRel::Gt => sx > sy,
        CmpRel::Ge => sx >= sy,
        CmpRel::Ltu => ux < uy,
    }
}

const RELS: [CmpRel; 7] = [
    CmpRel::Eq,
    CmpRel::Ne,
    CmpRel::Lt,
    CmpRel::Le,
    CmpRel::Gt,
    CmpRel::Ge,
    CmpRel::Ltu,
];
const TYPES: [CmpType; 5] = [
    CmpType::Normal,
    CmpType::Unc,
    CmpType::And,
    CmpType::Or,
    CmpType::OrAndcm,
];
const VALUES: [(u64, u64); 6] = [
    (5, 5),
    (1, 2),
    (2, 1),
    (u64::MAX, 1),                  // -1 vs 1: signed less, unsigned greater
    (0x1_0000_0005, 0x2_0000_0005), // equal in the low 32 bits
    (0x8000_0000, 0x7fff_ffff),     // cmp4: negative vs positive
];

/// Expected (p6, p7) given their initial values, per the SDM `cmp` "Comparison Types" table.
fn expect_pair(ct: CmpType, rel: bool, nat: bool, init: (bool, bool)) -> (bool, bool) {
    match ct {
        CmpType::Normal | CmpType::Unc => {
            if nat {
                (false, false)
            } else {
                (rel, !rel)
            }
        }
        CmpType::And => {
            if nat || !rel {
                (false, false)
            } else {
                init
            }
        }
        CmpType::Or => {
            if !nat && rel {
                (true, true)
            } else {
                init
            }
        }
        CmpType::OrAndcm => {
            if !nat && rel {
                (true, false)
            } else {
                init
            }
        }
    }
}

#[test]
fn compares_every_relation_type_and_size() {
    let mut cases = Vec::new();
    for size in [CmpSize::Cmp8, CmpSize::Cmp4] {
        for rel in RELS {
            for ct in TYPES {
                for (i, &(x, y)) in VALUES.iter().enumerate() {
                    for init in [(false, true), (true, false), (true, true), (false, false)] {
                        for nat in [false, true] {
                            let want = expect_pair(ct, reference(size, rel, x, y), nat, init);
                            let name =
                                format!("{size:?} {rel:?} {ct:?} v{i} init{init:?} nat{nat}");
                            cases.push(
                                Case::new(name, [cmp(size, rel, ct, 6, 7, 2, 3)])
                                    .setup(move |st, _| {
                                        g(st, 2, x);
                                        gn(st, 3, y, nat);
                                        st.write_pr(6, init.0);
                                        st.write_pr(7, init.1);
                                    })
                                    .expect(move |st, _| {
                                        st.write_pr(6, want.0);
                                        st.write_pr(7, want.1);
                                    }),
                            );
                        }
                    }
                }
            }
        }
    }
    run_table(&cases);
}

#[test]
fn compare_forms() {
    use CmpRel::*;
    use CmpSize::*;
    use CmpType::*;
    run_table(&[
        // imm8 form: imm is the first operand.
        Case::new("cmp.lt imm", [cmpi(Cmp8, Lt, Normal, 6, 7, -5, 3)])
            .setup(|st, _| g(st, 3, (-4i64) as u64))
            .expect(|st, _| {
                st.write_pr(6, true);
                st.write_pr(7, false);
            }),
        Case::new(
            "cmp.ltu imm -1 (huge)",
            [cmpi(Cmp8, Ltu, Normal, 6, 7, -1, 3)],
        )
        .setup(|st, _| g(st, 3, 5))
        .expect(|st, _| st.write_pr(7, true)),
        Case::new("cmp4.eq imm", [cmpi(Cmp4, Eq, Normal, 6, 7, -1, 3)])
            .setup(|st, _| g(st, 3, 0x1234_5678_ffff_ffff))
            .expect(|st, _| st.write_pr(6, true)),
        Case::new("cmp imm NaT", [cmpi(Cmp8, Eq, Normal, 6, 7, 0, 3)])
            .setup(|st, _| {
                gn(st, 3, 0, true);
                st.write_pr(6, true);
                st.write_pr(7, true);
            })
            .expect(|st, _| {
                st.write_pr(6, false);
                st.write_pr(7, false);
            }),
        // A7: r0 compared with r3 (gt: 0 > r3).
        Case::new("cmp.gt.and r0", [cmp(Cmp8, Gt, And, 6, 7, 0, 3)])
            .setup(|st, _| {
                g(st, 3, 1);
                st.write_pr(6, true);
                st.write_pr(7, true);
            })
            .expect(|st, _| {
                st.write_pr(6, false);
                st.write_pr(7, false);
            }),
        Case::new("cmp.gt.or r0 true", [cmp(Cmp8, Gt, Or, 6, 7, 0, 3)])
            .setup(|st, _| g(st, 3, u64::MAX))
            .expect(|st, _| {
                st.write_pr(6, true);
                st.write_pr(7, true);
            }),
        // Targets p0 are discarded.
        Case::new("cmp p0 target", [cmp(Cmp8, Eq, Normal, 0, 7, 2, 3)])
            .expect(|st, _| st.write_pr(7, false)),
        Case::new("cmp p1 == p2", [cmp(Cmp8, Eq, Normal, 6, 6, 2, 3)])
            .faults(Fault::IllegalOperation),
        Case::new("cmp.or p1 == p2", [cmp(Cmp8, Eq, Or, 6, 6, 2, 3)])
            .faults(Fault::IllegalOperation),
        Case::new("cmp imm p1 == p2", [cmpi(Cmp8, Eq, Unc, 9, 9, 0, 3)])
            .faults(Fault::IllegalOperation),
        // Rotating predicate targets follow rrb.pr.
        Case::new(
            "cmp rotating targets",
            [cmp(Cmp8, Eq, Normal, 16, 17, 2, 3)],
        )
        .setup(|st, _| st.rse.rotate_regs())
        .expect(|st, _| {
            st.write_pr(16, true);
            st.write_pr(17, false);
        }),
    ]);
}

#[test]
fn predicated_off_compares() {
    use CmpRel::*;
    use CmpSize::*;
    use CmpType::*;
    let off = |insn| Slot { qp: 5, insn };
    let set67 = |st: &mut State, _: &mut _| {
        st.write_pr(6, true);
        st.write_pr(7, true);
    };
    run_table(&[
        Case::slots("unc off clears both", [off(cmp(Cmp8, Eq, Unc, 6, 7, 2, 3))])
            .setup(set67)
            .expect(|st, _| {
                st.write_pr(6, false);
                st.write_pr(7, false);
            }),
        Case::slots(
            "unc imm off clears both",
            [off(cmpi(Cmp4, Lt, Unc, 6, 7, 1, 3))],
        )
        .setup(set67)
        .expect(|st, _| {
            st.write_pr(6, false);
            st.write_pr(7, false);
        }),
        Case::slots(
            "unc off, NaT source, still clears",
            [off(cmp(Cmp8, Eq, Unc, 6, 7, 2, 3))],
        )
        .setup(move |st, m| {
            set67(st, m);
            gn(st, 2, 0, true);
        })
        .expect(|st, _| {
            st.write_pr(6, false);
            st.write_pr(7, false);
        }),
        Case::slots("unc off p1 == p2", [off(cmp(Cmp8, Eq, Unc, 6, 6, 2, 3))])
            .faults(Fault::IllegalOperation),
        Case::slots(
            "normal off writes nothing",
            [off(cmp(Cmp8, Eq, Normal, 6, 7, 2, 3))],
        )
        .setup(set67),
        Case::slots(
            "and off writes nothing",
            [off(cmp(Cmp8, Ne, And, 6, 7, 2, 3))],
        )
        .setup(set67),
        Case::slots(
            "or off writes nothing",
            [off(cmp(Cmp8, Eq, Or, 8, 9, 2, 3))],
        ),
        Case::slots(
            "normal off p1 == p2 is no fault",
            [off(cmp(Cmp8, Eq, Normal, 6, 6, 2, 3))],
        ),
        Case::slots("unc on", [off(cmp(Cmp8, Eq, Unc, 6, 7, 2, 3))])
            .setup(|st, _| st.write_pr(5, true))
            .expect(|st, _| {
                st.write_pr(6, true);
                st.write_pr(7, false);
            }),
    ]);
}

/// Split into `w`-bit elements.
fn el(v: u64, w: u32) -> Vec<u64> {
    (0..64 / w)
        .map(|i| (v >> (i * w)) & ((1u64 << w) - 1))
        .collect()
}
/// Join `w`-bit elements.
fn join(e: &[i64], w: u32) -> u64 {
    e.iter().enumerate().fold(0, |acc, (i, &x)| {
        acc | ((x as u64 & ((1u64 << w) - 1)) << (i as u32 * w))
    })
}
fn s(v: u64, w: u32) -> i64 {
    let m = 1u64 << (w - 1);
    (v ^ m).wrapping_sub(m) as i64
}

fn mm_case(name: String, insn: Insn, x: u64, y: u64, want: u64) -> Case {
    Case::new(name, [insn])
        .setup(move |st, _| {
            g(st, 2, x);
            g(st, 3, y);
        })
        .expect(move |st, _| g(st, 8, want))
}

const MM_VALUES: [(u64, u64); 4] = [
    (0x7f80_01ff_8000_7fff, 0x0180_ff01_8000_0001),
    (0x0102_0304_0506_0708, 0x1020_3040_5060_7080),
    (0xffff_ffff_0000_0000, 0x0000_0001_ffff_ffff),
    (0x8000_7fff_fff0_0010, 0x8000_0001_0020_fff0),
];

fn sizes() -> [(PSize, u32); 3] {
    [(PSize::B1, 8), (PSize::B2, 16), (PSize::B4, 32)]
}

#[test]
fn padd_psub_all_saturations() {
    let mut cases = Vec::new();
    for (size, w) in sizes() {
        let max_s = (1i64 << (w - 1)) - 1;
        let min_s = -max_s - 1;
        let max_u = (1i64 << w) - 1;
        for sat in [Sat::Modulo, Sat::Sss, Sat::Uuu, Sat::Uus] {
            if size == PSize::B4 && sat != Sat::Modulo {
                continue;
            }
            for (k, &(x, y)) in MM_VALUES.iter().enumerate() {
                for sub in [false, true] {
                    let res: Vec<i64> = el(x, w)
                        .iter()
                        .zip(el(y, w))
                        .map(|(&p, q)| {
                            let (a, b) = match sat {
                                Sat::Modulo | Sat::Uuu => (p as i64, q as i64),
                                Sat::Sss => (s(p, w), s(q, w)),
                                Sat::Uus => (p as i64, s(q, w)),
                            };
                            let r = if sub { a - b } else { a + b };
                            match sat {
                                Sat::Modulo => r,
                                Sat::Sss => r.max(min_s).min(max_s),
                                Sat::Uuu | Sat::Uus => r.max(0).min(max_u),
                            }
                        })
                        .collect();
                    let (r1, r2, r3) = (8, 2, 3);
                    let insn = if sub {
                        a(AInsn::Psub {
                            size,
                            sat,
                            r1,
                            r2,
                            r3,
                        })
                    } else {
                        a(AInsn::Padd {
                            size,
                            sat,
                            r1,
                            r2,
                            r3,
                        })
                    };
                    let name = format!(
                        "{} {size:?} {sat:?} v{k}",
                        if sub { "psub" } else { "padd" }
                    );
                    cases.push(mm_case(name, insn, x, y, join(&res, w)));
                }
            }
        }
    }
    // Hand-checked rows.
    cases.push(mm_case(
        "padd1.sss by hand".into(),
        a(AInsn::Padd {
            size: PSize::B1,
            sat: Sat::Sss,
            r1: 8,
            r2: 2,
            r3: 3,
        }),
        0x7f80,
        0x0180,
        0x7f80, // 0x7f+1 → 0x7f, 0x80+0x80 → -256 → 0x80
    ));
    cases.push(mm_case(
        "psub2.uus by hand".into(),
        a(AInsn::Psub {
            size: PSize::B2,
            sat: Sat::Uus,
            r1: 8,
            r2: 2,
            r3: 3,
        }),
        0x0005_0005,
        0xffff_0006, // 5 - (-1) = 6 ; 5 - 6 → 0
        0x0006_0000,
    ));
    cases.push(
        Case::new(
            "padd NaT",
            [a(AInsn::Padd {
                size: PSize::B2,
                sat: Sat::Modulo,
                r1: 8,
                r2: 2,
                r3: 3,
            })],
        )
        .setup(|st, _| gn(st, 2, 1, true))
        .expect(|st, _| gn(st, 8, 1, true)),
    );
    run_table(&cases);
}

#[test]
fn pavg_pavgsub_pcmp() {
    let mut cases = Vec::new();
    for (size, w) in sizes() {
        for (k, &(x, y)) in MM_VALUES.iter().enumerate() {
            let pairs: Vec<(u64, u64)> = el(x, w).into_iter().zip(el(y, w)).collect();
            if size != PSize::B4 {
                for raz in [false, true] {
                    let res: Vec<i64> = pairs
                        .iter()
                        .map(|&(p, q)| {
                            let sum = p + q;
                            if raz {
                                sum.div_ceil(2) as i64
                            } else {
                                ((sum / 2) | (sum % 2)) as i64 // halved, sticky low bit
                            }
                        })
                        .collect();
                    cases.push(mm_case(
                        format!("pavg {size:?} raz{raz} v{k}"),
                        a(AInsn::Pavg {
                            size,
                            raz,
                            r1: 8,
                            r2: 2,
                            r3: 3,
                        }),
                        x,
                        y,
                        join(&res, w),
                    ));
                }
                let res: Vec<i64> = pairs
                    .iter()
                    .map(|&(p, q)| {
                        let d = p as i64 - q as i64;
                        d.div_euclid(2) | d.rem_euclid(2)
                    })
                    .collect();
                cases.push(mm_case(
                    format!("pavgsub {size:?} v{k}"),
                    a(AInsn::Pavgsub {
                        size,
                        r1: 8,
                        r2: 2,
                        r3: 3,
                    }),
                    x,
                    y,
                    join(&res, w),
                ));
            }
            for rel in [PcmpRel::Eq, PcmpRel::Gt] {
                let res: Vec<i64> = pairs
                    .iter()
                    .map(|&(p, q)| {
                        let t = match rel {
                            PcmpRel::Eq => p == q,
                            PcmpRel::Gt => s(p, w) > s(q, w),
                        };
                        if t {
                            -1
                        } else {
                            0
                        }
                    })
                    .collect();
                cases.push(mm_case(
                    format!("pcmp {size:?} {rel:?} v{k}"),
                    a(AInsn::Pcmp {
                        size,
                        rel,
                        r1: 8,
                        r2: 2,
                        r3: 3,
                    }),
                    x,
                    y,
                    join(&res, w),
                ));
            }
        }
    }
    cases.push(mm_case(
        "pavg1 by hand".into(),
        a(AInsn::Pavg {
            size: PSize::B1,
            raz: false,
            r1: 8,
            r2: 2,
            r3: 3,
        }),
        0x0303_ff02,
        0x0004_ff01,
        0x0103_ff01, // 3+0=3→1|1=1 ; 3+4=7→3|1=3 ; 255+255=510→255 ; 2+1=3→1|1=1
    ));
    cases.push(mm_case(
        "pavg1.raz by hand".into(),
        a(AInsn::Pavg {
            size: PSize::B1,
            raz: true,
            r1: 8,
            r2: 2,
            r3: 3,
        }),
        0x0303_ff02,
        0x0004_ff01,
        0x0204_ff02,
    ));
    run_table(&cases);
}

#[test]
fn pshladd2_pshradd2() {
    let mut cases = Vec::new();
    for count in 1..=4u8 {
        for (k, &(x, y)) in MM_VALUES.iter().enumerate() {
            for right in [false, true] {
                let res: Vec<i64> = el(x, 16)
                    .iter()
                    .zip(el(y, 16))
                    .map(|(&p, q)| {
                        let (p, q) = (s(p, 16), s(q, 16));
                        let clamp = |v: i64| v.clamp(-32768, 32767);
                        if right {
                            clamp(p.div_euclid(1 << count) + q)
                        } else {
                            let t = p * (1 << count);
                            if t != clamp(t) {
                                clamp(t)
                            } else {
                                clamp(t + q)
                            }
                        }
                    })
                    .collect();
                cases.push(mm_case(
                    format!("psh{}add2 {count} v{k}", if right { 'r' } else { 'l' }),
                    a(AInsn::PshAdd2 {
                        right,
                        r1: 8,
                        r2: 2,
                        count,
                        r3: 3,
                    }),
                    x,
                    y,
                    join(&res, 16),
                ));
            }
        }
    }
    cases.push(mm_case(
        "pshladd2 by hand".into(),
        a(AInsn::PshAdd2 {
            right: false,
            r1: 8,
            r2: 2,
            count: 2,
            r3: 3,
        }),
        0x4000_0010,
        0x8000_0001, // 0x10<<2 + 1 = 0x41 ; 0x4000<<2 overflows → 0x7fff (addend ignored)
        0x7fff_0041,
    ));
    run_table(&cases);
}
