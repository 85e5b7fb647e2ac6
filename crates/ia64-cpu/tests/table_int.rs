//! State-transition tables for the I unit (SDM Vol. 3 §4.3, I1–I30): every instruction, NaT
//! propagation and consumption, the test instructions with every compare type, moves to and
//! from BR/PR/AR/IP, `chk.s.i`, predicated-off and faulting slots. Expected values are worked
//! out by hand or by simple reference formulas.

use ia64_cpu::state::ar;
use ia64_cpu::testing::{run_table, Case, CODE_BASE};
use ia64_cpu::{Fault, State};
use ia64_isa::insn::{Insn, Slot};
use ia64_isa::unit_i::{
    ExtOp, Half, IInsn, MmOp, MmSize, MovWh, Mux1Type, Sat, ShiftSize, Side, TestCtype, TestRel,
    TestWhat,
};

fn g(st: &mut State, r: u8, v: u64) {
    st.write_gr(r, v, false).unwrap();
}
fn gn(st: &mut State, r: u8, v: u64, nat: bool) {
    st.write_gr(r, v, nat).unwrap();
}
fn i(insn: IInsn) -> Insn {
    Insn::I(insn)
}
/// One-source case: r3 (or r2) = x → r8 = want.
fn one(name: impl Into<String>, insn: IInsn, src: u8, x: u64, want: u64) -> Case {
    Case::new(name, [i(insn)])
        .setup(move |st, _| g(st, src, x))
        .expect(move |st, _| g(st, 8, want))
}
/// Two-source case: r2 = x, r3 = y → r8 = want.
fn two(name: impl Into<String>, insn: IInsn, x: u64, y: u64, want: u64) -> Case {
    Case::new(name, [i(insn)])
        .setup(move |st, _| {
            g(st, 2, x);
            g(st, 3, y);
        })
        .expect(move |st, _| g(st, 8, want))
}
fn mm(op: MmOp) -> IInsn {
    IInsn::Mm {
        op,
        r1: 8,
        r2: 2,
        r3: 3,
    }
}

#[test]
fn shifts_full_width() {
    let shl = IInsn::ShlVar {
        size: ShiftSize::Full,
        r1: 8,
        r2: 2,
        r3: 3,
    };
    let shr = |unsigned| IInsn::ShrVar {
        size: ShiftSize::Full,
        unsigned,
        r1: 8,
        r3: 3,
        r2: 2,
    };
    let neg = 0x8000_0000_0000_0010u64;
    run_table(&[
        two("shl 4", shl, 0x0f0f, 4, 0xf0f0),
        two("shl 63", shl, 3, 63, 1 << 63),
        two("shl 64 → 0", shl, 3, 64, 0),
        two("shl huge count → 0", shl, 3, u64::MAX, 0),
        // shr r1 = r3, r2: value in r3, count in r2.
        two("shr.u 4", shr(true), 4, neg, 0x0800_0000_0000_0001),
        two("shr.u 64 → 0", shr(true), 64, neg, 0),
        two("shr 4", shr(false), 4, neg, 0xf800_0000_0000_0001),
        two("shr 200 → sign", shr(false), 200, neg, u64::MAX),
        two("shr positive 200 → 0", shr(false), 200, 0x7fff, 0),
        Case::new("shl NaT count", [i(shl)])
            .setup(|st, _| {
                g(st, 2, 1);
                gn(st, 3, 1, true);
            })
            .expect(|st, _| gn(st, 8, 2, true)),
        Case::new(
            "shl to r0",
            [i(IInsn::ShlVar {
                size: ShiftSize::Full,
                r1: 0,
                r2: 2,
                r3: 3,
            })],
        )
        .faults(Fault::IllegalOperation),
    ]);
}

#[test]
fn parallel_shifts() {
    let x = 0x8001_7ffe_00ff_f00fu64;
    let mut cases = Vec::new();
    for (size, w) in [(ShiftSize::P2, 16u32), (ShiftSize::P4, 32)] {
        for count in [0u64, 1, 5, 15, 16, 31, 32, 1000] {
            let elems = |f: &dyn Fn(u64) -> u64| {
                (0..64 / w).fold(0u64, |acc, k| {
                    let e = (x >> (k * w)) & ((1u64 << w) - 1);
                    acc | ((f(e) & ((1u64 << w) - 1)) << (k * w))
                })
            };
            let shl_want = elems(&|e| if count >= w as u64 { 0 } else { e << count });
            let shru_want = elems(&|e| if count >= w as u64 { 0 } else { e >> count });
            let shr_want = elems(&|e| {
                let signed = ((e << (64 - w)) as i64) >> (64 - w);
                (signed >> count.min(63)) as u64
            });
            let tag = format!("{size:?} count {count}");
            cases.push(two(
                format!("pshl var {tag}"),
                IInsn::ShlVar {
                    size,
                    r1: 8,
                    r2: 2,
                    r3: 3,
                },
                x,
                count,
                shl_want,
            ));
            cases.push(two(
                format!("pshr.u var {tag}"),
                IInsn::ShrVar {
                    size,
                    unsigned: true,
                    r1: 8,
                    r3: 3,
                    r2: 2,
                },
                count,
                x,
                shru_want,
            ));
            cases.push(two(
                format!("pshr var {tag}"),
                IInsn::ShrVar {
                    size,
                    unsigned: false,
                    r1: 8,
                    r3: 3,
                    r2: 2,
                },
                count,
                x,
                shr_want,
            ));
            if count < 32 {
                let c = count as u8;
                cases.push(one(
                    format!("pshl imm {tag}"),
                    IInsn::ShlImm {
                        size,
                        r1: 8,
                        r2: 2,
                        count: c,
                    },
                    2,
                    x,
                    shl_want,
                ));
                cases.push(one(
                    format!("pshr.u imm {tag}"),
                    IInsn::ShrImm {
                        size,
                        unsigned: true,
                        r1: 8,
                        r3: 3,
                        count: c,
                    },
                    3,
                    x,
                    shru_want,
                ));
                cases.push(one(
                    format!("pshr imm {tag}"),
                    IInsn::ShrImm {
                        size,
                        unsigned: false,
                        r1: 8,
                        r3: 3,
                        count: c,
                    },
                    3,
                    x,
                    shr_want,
                ));
            }
        }
    }
    // By hand.
    cases.push(one(
        "pshr2 imm 4 by hand",
        IInsn::ShrImm {
            size: ShiftSize::P2,
            unsigned: false,
            r1: 8,
            r3: 3,
            count: 4,
        },
        3,
        0x8000_0010_fff0_7fff,
        0xf800_0001_ffff_07ff,
    ));
    cases.push(
        Case::new(
            "pshl imm NaT",
            [i(IInsn::ShlImm {
                size: ShiftSize::P4,
                r1: 8,
                r2: 2,
                count: 1,
            })],
        )
        .setup(|st, _| gn(st, 2, 1, true))
        .expect(|st, _| gn(st, 8, 2, true)),
    );
    run_table(&cases);
}

#[test]
fn shrp_extr_dep() {
    let extr = |signed, pos, len| IInsn::Extr {
        signed,
        r1: 8,
        r3: 3,
        pos,
        len,
    };
    let v = 0xfedc_ba98_7654_3210u64;
    run_table(&[
        two(
            "shrp 0",
            IInsn::Shrp {
                r1: 8,
                r2: 2,
                r3: 3,
                count: 0,
            },
            1,
            2,
            2,
        ),
        two(
            "shrp 8",
            IInsn::Shrp {
                r1: 8,
                r2: 2,
                r3: 3,
                count: 8,
            },
            0xab,
            0x1122_3344_5566_7788,
            0xab11_2233_4455_6677,
        ),
        two(
            "shrp 63",
            IInsn::Shrp {
                r1: 8,
                r2: 2,
                r3: 3,
                count: 63,
            },
            0x1,
            0x8000_0000_0000_0000,
            0x3,
        ),
        one("extr.u 8,8", extr(false, 8, 8), 3, v, 0x32),
        one(
            "extr 60,4 (negative)",
            extr(true, 60, 4),
            3,
            v,
            (-1i64) as u64,
        ),
        one("extr 4,8 positive", extr(true, 4, 8), 3, v, 0x21),
        one("extr 4,4 (0x1 ... sign bit 0)", extr(true, 4, 4), 3, v, 0x1),
        one("extr 8,4 (0x2)", extr(true, 8, 4), 3, 0xa00, (-6i64) as u64),
        // Field past bit 63: cut at 63, which gives the sign (shr/shr.u by imm).
        one(
            "extr 60,16 → shr 60",
            extr(true, 60, 16),
            3,
            v,
            (-1i64) as u64,
        ),
        one("extr.u 60,16 → shr.u 60", extr(false, 60, 16), 3, v, 0xf),
        one("extr.u 0,64", extr(false, 0, 64), 3, v, v),
        one("extr 0,64", extr(true, 0, 64), 3, v, v),
        one(
            "dep.z 4,8",
            IInsn::DepZ {
                r1: 8,
                r2: 2,
                pos: 4,
                len: 8,
            },
            2,
            0x1ff,
            0xff0,
        ),
        one(
            "dep.z shl 60",
            IInsn::DepZ {
                r1: 8,
                r2: 2,
                pos: 60,
                len: 4,
            },
            2,
            0x1f,
            0xf000_0000_0000_0000,
        ),
        one(
            "dep.z truncated",
            IInsn::DepZ {
                r1: 8,
                r2: 2,
                pos: 60,
                len: 16,
            },
            2,
            0xabcd,
            0xd000_0000_0000_0000,
        ),
        Case::new(
            "dep.z imm",
            [i(IInsn::DepZImm {
                r1: 8,
                imm: -2,
                pos: 8,
                len: 4,
            })],
        )
        .expect(|st, _| g(st, 8, 0xe00)),
        Case::new(
            "dep.z imm NaT-free",
            [i(IInsn::DepZImm {
                r1: 8,
                imm: 5,
                pos: 0,
                len: 64,
            })],
        )
        .setup(|st, _| gn(st, 8, 0, true))
        .expect(|st, _| g(st, 8, 5)),
        one(
            "dep imm1 -1",
            IInsn::DepImm {
                r1: 8,
                imm: -1,
                r3: 3,
                pos: 4,
                len: 8,
            },
            3,
            0,
            0xff0,
        ),
        one(
            "dep imm1 0",
            IInsn::DepImm {
                r1: 8,
                imm: 0,
                r3: 3,
                pos: 56,
                len: 16,
            },
            3,
            u64::MAX,
            0x00ff_ffff_ffff_ffff,
        ),
        two(
            "dep",
            IInsn::Dep {
                r1: 8,
                r2: 2,
                r3: 3,
                pos: 16,
                len: 16,
            },
            0x1_abcd,
            0x1111_2222_3333_4444,
            0x1111_2222_abcd_4444,
        ),
        two(
            "dep past 63",
            IInsn::Dep {
                r1: 8,
                r2: 2,
                r3: 3,
                pos: 60,
                len: 8,
            },
            0xff,
            0,
            0xf000_0000_0000_0000,
        ),
        Case::new(
            "dep NaT",
            [i(IInsn::Dep {
                r1: 8,
                r2: 2,
                r3: 3,
                pos: 0,
                len: 1,
            })],
        )
        .setup(|st, _| gn(st, 2, 1, true))
        .expect(|st, _| gn(st, 8, 1, true)),
        Case::new("extr NaT", [i(extr(false, 0, 8))])
            .setup(|st, _| gn(st, 3, 0x1ff, true))
            .expect(|st, _| gn(st, 8, 0xff, true)),
        Case::new(
            "extr out of frame",
            [i(IInsn::Extr {
                signed: false,
                r1: 60,
                r3: 3,
                pos: 0,
                len: 8,
            })],
        )
        .faults(Fault::IllegalOperation),
    ]);
}

#[test]
fn bit_counts_and_extensions() {
    let ext = |op| IInsn::Ext { op, r1: 8, r3: 3 };
    let v = 0x8000_0000_0000_8081u64;
    run_table(&[
        one(
            "popcnt",
            IInsn::Popcnt { r1: 8, r3: 3 },
            3,
            0xf0f0_0000_0000_0001,
            9,
        ),
        one("popcnt 0", IInsn::Popcnt { r1: 8, r3: 3 }, 3, 0, 0),
        one(
            "clz",
            IInsn::Clz { r1: 8, r3: 3 },
            3,
            0x0000_1000_0000_0000,
            19,
        ),
        one("clz 0 → 64", IInsn::Clz { r1: 8, r3: 3 }, 3, 0, 64),
        one("zxt1", ext(ExtOp::Zxt(1)), 3, v, 0x81),
        one("zxt2", ext(ExtOp::Zxt(2)), 3, v, 0x8081),
        one("zxt4", ext(ExtOp::Zxt(4)), 3, v, 0x8081),
        one("sxt1", ext(ExtOp::Sxt(1)), 3, v, 0xffff_ffff_ffff_ff81),
        one("sxt2", ext(ExtOp::Sxt(2)), 3, v, 0xffff_ffff_ffff_8081),
        one("sxt4", ext(ExtOp::Sxt(4)), 3, v, 0x8081),
        one(
            "sxt4 negative",
            ext(ExtOp::Sxt(4)),
            3,
            0x8000_0000,
            0xffff_ffff_8000_0000,
        ),
        one("czx1.l", ext(ExtOp::CzxL(1)), 3, 0x0102_0003_0405_0607, 2),
        one(
            "czx1.l first",
            ext(ExtOp::CzxL(1)),
            3,
            0x0001_0101_0101_0101,
            0,
        ),
        one("czx1.l none", ext(ExtOp::CzxL(1)), 3, u64::MAX, 8),
        one("czx1.r", ext(ExtOp::CzxR(1)), 3, 0x0102_0003_0405_0607, 5),
        one(
            "czx1.r none",
            ext(ExtOp::CzxR(1)),
            3,
            0x0101_0101_0101_0101,
            8,
        ),
        one("czx2.l", ext(ExtOp::CzxL(2)), 3, 0x0001_0000_0100_0001, 1),
        one("czx2.r", ext(ExtOp::CzxR(2)), 3, 0x0000_0001_0100_0001, 3),
        one(
            "czx2.r none",
            ext(ExtOp::CzxR(2)),
            3,
            0x0100_0001_0100_0001,
            4,
        ),
        Case::new("sxt NaT", [i(ext(ExtOp::Sxt(1)))])
            .setup(|st, _| gn(st, 3, 0x80, true))
            .expect(|st, _| gn(st, 8, 0xffff_ffff_ffff_ff80, true)),
        Case::new("popcnt NaT", [i(IInsn::Popcnt { r1: 8, r3: 3 })])
            .setup(|st, _| gn(st, 3, 3, true))
            .expect(|st, _| gn(st, 8, 2, true)),
    ]);
}

#[test]
fn multimedia() {
    let x = 0x8877_6655_4433_2211u64;
    let y = 0xffee_ddcc_bbaa_9988u64;
    run_table(&[
        // mix: result element 2i+1 from r2, 2i from r3; .l odd elements, .r even ones.
        two(
            "mix1.l",
            mm(MmOp::Mix(MmSize::B1, Side::L)),
            x,
            y,
            0x88ff_66dd_44bb_2299,
        ),
        two(
            "mix1.r",
            mm(MmOp::Mix(MmSize::B1, Side::R)),
            x,
            y,
            0x77ee_55cc_33aa_1188,
        ),
        two(
            "mix2.l",
            mm(MmOp::Mix(MmSize::H2, Side::L)),
            x,
            y,
            0x8877_ffee_4433_bbaa,
        ),
        two(
            "mix2.r",
            mm(MmOp::Mix(MmSize::H2, Side::R)),
            x,
            y,
            0x6655_ddcc_2211_9988,
        ),
        two(
            "mix4.l",
            mm(MmOp::Mix(MmSize::W4, Side::L)),
            x,
            y,
            0x8877_6655_ffee_ddcc,
        ),
        two(
            "mix4.r",
            mm(MmOp::Mix(MmSize::W4, Side::R)),
            x,
            y,
            0x4433_2211_bbaa_9988,
        ),
        // unpack: .h interleaves the high halves, .l the low halves; r2 elements odd.
        two(
            "unpack1.h",
            mm(MmOp::Unpack(MmSize::B1, Half::H)),
            x,
            y,
            0x88ff_77ee_66dd_55cc,
        ),
        two(
            "unpack1.l",
            mm(MmOp::Unpack(MmSize::B1, Half::L)),
            x,
            y,
            0x44bb_33aa_2299_1188,
        ),
        two(
            "unpack2.h",
            mm(MmOp::Unpack(MmSize::H2, Half::H)),
            x,
            y,
            0x8877_ffee_6655_ddcc,
        ),
        two(
            "unpack2.l",
            mm(MmOp::Unpack(MmSize::H2, Half::L)),
            x,
            y,
            0x4433_bbaa_2211_9988,
        ),
        two(
            "unpack4.h",
            mm(MmOp::Unpack(MmSize::W4, Half::H)),
            x,
            y,
            0x8877_6655_ffee_ddcc,
        ),
        two(
            "unpack4.l",
            mm(MmOp::Unpack(MmSize::W4, Half::L)),
            x,
            y,
            0x4433_2211_bbaa_9988,
        ),
        // pack: r2 elements to the low half of the result, r3 to the high half.
        two(
            "pack2.sss",
            mm(MmOp::Pack(MmSize::H2, Sat::Sss)),
            0x0080_ff7f_ff80_0001,
            0x7fff_8000_fffe_0010,
            0x7f80_fe10_7f80_8001,
        ),
        two(
            "pack2.uss",
            mm(MmOp::Pack(MmSize::H2, Sat::Uss)),
            0x0080_ff7f_ff80_0001,
            0x7fff_8000_00fe_0100,
            0xff00_feff_8000_0001,
        ),
        two(
            "pack4.sss",
            mm(MmOp::Pack(MmSize::W4, Sat::Sss)),
            0x0001_0000_ffff_8000,
            0xffff_fffe_0000_1234,
            0xfffe_1234_7fff_8000,
        ),
        two(
            "pmin1.u",
            mm(MmOp::Pmin(MmSize::B1)),
            0x00ff_8010,
            0x0170_7f20,
            0x0070_7f10,
        ),
        two(
            "pmax1.u",
            mm(MmOp::Pmax(MmSize::B1)),
            0x00ff_8010,
            0x0170_7f20,
            0x01ff_8020,
        ),
        two(
            "pmin2",
            mm(MmOp::Pmin(MmSize::H2)),
            0x8000_0005,
            0x7fff_fffb,
            0x8000_fffb,
        ),
        two(
            "pmax2",
            mm(MmOp::Pmax(MmSize::H2)),
            0x8000_0005,
            0x7fff_fffb,
            0x7fff_0005,
        ),
        two(
            "psad1",
            mm(MmOp::Psad1),
            0x00ff_0010_0000_0000,
            0xff00_1000_0000_0001,
            0xff + 0xff + 0x10 + 0x10 + 1,
        ),
        // pmpy2: 32-bit signed products of halfwords 0, 2 (.r) or 1, 3 (.l).
        two(
            "pmpy2.r",
            mm(MmOp::Pmpy2(Side::R)),
            0x0000_ffff_0000_0003,
            0x0000_0002_0000_fffe,
            0xffff_fffe_ffff_fffa, // 3·−2, −1·2
        ),
        two(
            "pmpy2.l",
            mm(MmOp::Pmpy2(Side::L)),
            0x8000_0000_0100_0000,
            0x8000_0000_0100_0000,
            0x4000_0000_0001_0000,
        ),
        two(
            "pmpyshr2 16",
            IInsn::Pmpyshr2 {
                unsigned: false,
                r1: 8,
                r2: 2,
                r3: 3,
                count: 16,
            },
            0x8000_ffff_4000_0003,
            0x8000_ffff_0004_0002,
            0x4000_0000_0001_0000,
        ),
        two(
            "pmpyshr2 0",
            IInsn::Pmpyshr2 {
                unsigned: false,
                r1: 8,
                r2: 2,
                r3: 3,
                count: 0,
            },
            0x0000_0000_ffff_0003,
            0x0000_0000_0003_0005,
            0x0000_0000_fffd_000f,
        ),
        two(
            "pmpyshr2 7",
            IInsn::Pmpyshr2 {
                unsigned: false,
                r1: 8,
                r2: 2,
                r3: 3,
                count: 7,
            },
            0x0000_0000_0000_ff00,
            0x0000_0000_0000_0100,
            0xfe00,
        ),
        two(
            "pmpyshr2.u 15",
            IInsn::Pmpyshr2 {
                unsigned: true,
                r1: 8,
                r2: 2,
                r3: 3,
                count: 15,
            },
            0xffff_0000_0000_8000,
            0xffff_0000_0000_0004,
            0xfffc_0000_0000_0004, // 0xfffe_0001 >> 15 = 0x1_fffc
        ),
        two(
            "pmpyshr2.u 16",
            IInsn::Pmpyshr2 {
                unsigned: true,
                r1: 8,
                r2: 2,
                r3: 3,
                count: 16,
            },
            0xffff_0000_0000_8000,
            0xffff_0000_0000_0004,
            0xfffe_0000_0000_0002,
        ),
        Case::new("mix NaT", [i(mm(MmOp::Mix(MmSize::B1, Side::L)))])
            .setup(|st, _| gn(st, 3, 0, true))
            .expect(|st, _| gn(st, 8, 0, true)),
    ]);
}

#[test]
fn mux() {
    let v = 0x0706_0504_0302_0100u64; // byte i holds i
    let m1 = |mbtype| IInsn::Mux1 {
        r1: 8,
        r2: 2,
        mbtype,
    };
    let m2 = |mht| IInsn::Mux2 { r1: 8, r2: 2, mht };
    let w = 0x3333_2222_1111_0000u64;
    run_table(&[
        one(
            "mux1 @brcst",
            m1(Mux1Type::Brcst),
            2,
            0x1122_3344_5566_77ab,
            0xabab_abab_abab_abab,
        ),
        one("mux1 @rev", m1(Mux1Type::Rev), 2, v, 0x0001_0203_0405_0607),
        one("mux1 @mix", m1(Mux1Type::Mix), 2, v, 0x0703_0501_0602_0400),
        one(
            "mux1 @shuf",
            m1(Mux1Type::Shuf),
            2,
            v,
            0x0703_0602_0501_0400,
        ),
        one("mux1 @alt", m1(Mux1Type::Alt), 2, v, 0x0705_0301_0604_0200),
        Case::new("mux1 reserved type", [i(m1(Mux1Type::Other(3)))])
            .faults(Fault::IllegalOperation),
        one("mux2 0x1b reverse", m2(0x1b), 2, w, 0x0000_1111_2222_3333),
        one("mux2 0x44", m2(0x44), 2, w, 0x1111_0000_1111_0000),
        one("mux2 0x00 brcst", m2(0x00), 2, w, 0),
        one("mux2 0xe4 identity", m2(0xe4), 2, w, w),
        one("mux2 0xd8", m2(0xd8), 2, w, 0x3333_1111_2222_0000),
        Case::new("mux1 NaT", [i(m1(Mux1Type::Rev))])
            .setup(|st, _| gn(st, 2, 1, true))
            .expect(|st, _| gn(st, 8, 1 << 56, true)),
    ]);
}

fn test_insn(what: TestWhat, rel: TestRel, ctype: TestCtype, p1: u8, p2: u8) -> IInsn {
    IInsn::Test {
        what,
        rel,
        ctype,
        p1,
        p2,
    }
}

/// Expected (p6, p7) for a test of `bit` (NaT `nat`), per the SDM `tbit` compare types.
fn expect_test(ct: TestCtype, rel: bool, nat: bool, init: (bool, bool)) -> (bool, bool) {
    match ct {
        TestCtype::None | TestCtype::Unc => {
            if nat {
                (false, false)
            } else {
                (rel, !rel)
            }
        }
        TestCtype::And => {
            if nat || !rel {
                (false, false)
            } else {
                init
            }
        }
        TestCtype::Or => {
            if !nat && rel {
                (true, true)
            } else {
                init
            }
        }
        TestCtype::OrAndcm => {
            if !nat && rel {
                (true, false)
            } else {
                init
            }
        }
    }
}

#[test]
fn tbit_tnat_tf_every_type() {
    let ctypes = [
        TestCtype::None,
        TestCtype::Unc,
        TestCtype::And,
        TestCtype::Or,
        TestCtype::OrAndcm,
    ];
    let mut cases = Vec::new();
    for ct in ctypes {
        for rel in [TestRel::Z, TestRel::Nz] {
            for init in [(false, false), (true, true), (true, false)] {
                for (bitval, nat) in [(false, false), (true, false), (true, true), (false, true)] {
                    let pos = 37u8;
                    let val = u64::from(bitval) << pos | 0x5;
                    let r = if rel == TestRel::Nz { bitval } else { !bitval };
                    let want = expect_test(ct, r, nat, init);
                    cases.push(
                        Case::new(
                            format!("tbit {rel:?} {ct:?} bit{bitval} nat{nat} init{init:?}"),
                            [i(test_insn(TestWhat::Bit { r3: 3, pos }, rel, ct, 6, 7))],
                        )
                        .setup(move |st, _| {
                            gn(st, 3, val, nat);
                            st.write_pr(6, init.0);
                            st.write_pr(7, init.1);
                        })
                        .expect(move |st, _| {
                            st.write_pr(6, want.0);
                            st.write_pr(7, want.1);
                        }),
                    );
                    // tnat: the relation is on the NaT bit itself; no NaT short-circuit.
                    let r = if rel == TestRel::Nz { nat } else { !nat };
                    let want = expect_test(ct, r, false, init);
                    cases.push(
                        Case::new(
                            format!("tnat {rel:?} {ct:?} nat{nat} init{init:?}"),
                            [i(test_insn(TestWhat::Nat { r3: 3 }, rel, ct, 6, 7))],
                        )
                        .setup(move |st, _| {
                            gn(st, 3, val, nat);
                            st.write_pr(6, init.0);
                            st.write_pr(7, init.1);
                        })
                        .expect(move |st, _| {
                            st.write_pr(6, want.0);
                            st.write_pr(7, want.1);
                        }),
                    );
                }
                // tf @clz (32) is implemented, 33 is not.
                for (imm, avail) in [(32u8, true), (33, false)] {
                    let r = if rel == TestRel::Nz { avail } else { !avail };
                    let want = expect_test(ct, r, false, init);
                    cases.push(
                        Case::new(
                            format!("tf {imm} {rel:?} {ct:?} init{init:?}"),
                            [i(test_insn(TestWhat::Feature { imm }, rel, ct, 6, 7))],
                        )
                        .setup(move |st, _| {
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
    run_table(&cases);
}

#[test]
fn tests_predication_and_faults() {
    let bit = TestWhat::Bit { r3: 3, pos: 0 };
    let off = |insn| Slot {
        qp: 9,
        insn: i(insn),
    };
    let set67 = |st: &mut State, _: &mut _| {
        st.write_pr(6, true);
        st.write_pr(7, true);
    };
    run_table(&[
        Case::new(
            "tbit p1 == p2",
            [i(test_insn(bit, TestRel::Z, TestCtype::None, 6, 6))],
        )
        .faults(Fault::IllegalOperation),
        Case::new(
            "tnat.or p1 == p2",
            [i(test_insn(
                TestWhat::Nat { r3: 3 },
                TestRel::Z,
                TestCtype::Or,
                6,
                6,
            ))],
        )
        .faults(Fault::IllegalOperation),
        Case::slots(
            "tbit.unc off clears",
            [off(test_insn(bit, TestRel::Z, TestCtype::Unc, 6, 7))],
        )
        .setup(set67)
        .expect(|st, _| {
            st.write_pr(6, false);
            st.write_pr(7, false);
        }),
        Case::slots(
            "tnat.unc off clears",
            [off(test_insn(
                TestWhat::Nat { r3: 3 },
                TestRel::Z,
                TestCtype::Unc,
                6,
                7,
            ))],
        )
        .setup(set67)
        .expect(|st, _| {
            st.write_pr(6, false);
            st.write_pr(7, false);
        }),
        Case::slots(
            "tbit.unc off p1 == p2",
            [off(test_insn(bit, TestRel::Z, TestCtype::Unc, 6, 6))],
        )
        .faults(Fault::IllegalOperation),
        Case::slots(
            "tbit off",
            [off(test_insn(bit, TestRel::Z, TestCtype::None, 6, 7))],
        )
        .setup(set67),
        Case::slots(
            "tbit.and off",
            [off(test_insn(bit, TestRel::Nz, TestCtype::And, 6, 7))],
        )
        .setup(set67),
        Case::slots(
            "tbit.unc on",
            [off(test_insn(bit, TestRel::Z, TestCtype::Unc, 6, 7))],
        )
        .setup(|st, _| st.write_pr(9, true))
        .expect(|st, _| st.write_pr(6, true)),
        Case::slots(
            "extr off",
            [off(IInsn::Extr {
                signed: false,
                r1: 8,
                r3: 3,
                pos: 0,
                len: 8,
            })],
        )
        .setup(|st, _| g(st, 3, 0xff)),
        Case::slots(
            "mov b off",
            [off(IInsn::MovToBr {
                b1: 1,
                r2: 2,
                wh: MovWh::None,
                ret: false,
                imp: false,
                tag: 0,
            })],
        )
        .setup(|st, _| g(st, 2, 0x1230)),
    ]);
}

#[test]
fn chk_s_and_break() {
    let target = CODE_BASE + 0x100;
    run_table(&[
        Case::new("chk.s.i no NaT", [i(IInsn::ChkS { r2: 2, target })]).setup(|st, _| g(st, 2, 5)),
        Case::new("chk.s.i NaT branches", [i(IInsn::ChkS { r2: 2, target })])
            .setup(|st, _| gn(st, 2, 5, true))
            .expect(move |st, _| st.ip = target),
        Case::new(
            "chk.s.i on a stacked NaT",
            [i(IInsn::ChkS { r2: 33, target })],
        )
        .setup(|st, _| gn(st, 33, 0, true))
        .expect(move |st, _| st.ip = target),
        Case::slots(
            "chk.s.i off",
            [Slot {
                qp: 9,
                insn: i(IInsn::ChkS { r2: 2, target }),
            }],
        )
        .setup(|st, _| gn(st, 2, 5, true)),
        Case::new("break.i", [i(IInsn::Break { imm: 0x1_2345 })])
            .faults(Fault::Break { imm: 0x1_2345 }),
        Case::new("nop.i", [i(IInsn::Nop { imm: 7 })]),
        Case::new("hint.i", [i(IInsn::Hint { imm: 0 })]),
        Case::slots(
            "break.i off",
            [Slot {
                qp: 9,
                insn: i(IInsn::Break { imm: 1 }),
            }],
        ),
    ]);
}

#[test]
fn branch_predicate_ip_moves() {
    let to_br = |b1, ret| IInsn::MovToBr {
        b1,
        r2: 2,
        wh: MovWh::Sptk,
        ret,
        imp: true,
        tag: CODE_BASE,
    };
    run_table(&[
        Case::new("mov b6 = r2", [i(to_br(6, false))])
            .setup(|st, _| g(st, 2, 0xa000_0000_0000_1234))
            .expect(|st, _| st.br[6] = 0xa000_0000_0000_1234),
        Case::new("mov.ret b0 = r2", [i(to_br(0, true))])
            .setup(|st, _| g(st, 2, 0x4000))
            .expect(|st, _| st.br[0] = 0x4000),
        Case::new("mov b = NaT", [i(to_br(1, false))])
            .setup(|st, _| gn(st, 2, 1, true))
            .faults(Fault::RegisterNatConsumption),
        Case::new("mov r = b", [i(IInsn::MovFromBr { r1: 8, b2: 3 })])
            .setup(|st, _| {
                st.br[3] = 0x55;
                gn(st, 8, 0, true);
            })
            .expect(|st, _| g(st, 8, 0x55)),
        Case::new("mov r0 = b", [i(IInsn::MovFromBr { r1: 0, b2: 3 })])
            .faults(Fault::IllegalOperation),
        Case::new(
            "mov r = ip",
            [i(IInsn::Nop { imm: 0 }), i(IInsn::MovFromIp { r1: 8 })],
        )
        .expect(|st, _| g(st, 8, CODE_BASE)),
        Case::new(
            "mov r = ip in the second bundle",
            [
                i(IInsn::Nop { imm: 0 }),
                i(IInsn::Nop { imm: 0 }),
                i(IInsn::Nop { imm: 0 }),
                i(IInsn::MovFromIp { r1: 8 }),
            ],
        )
        .expect(|st, _| g(st, 8, CODE_BASE + 16)),
        Case::new("mov r = pr", [i(IInsn::MovFromPr { r1: 8 })])
            .setup(|st, _| {
                st.write_pr(5, true);
                st.write_pr(63, true);
            })
            .expect(|st, _| g(st, 8, 1 | 1 << 5 | 1 << 63)),
        Case::new("mov r = pr rotated", [i(IInsn::MovFromPr { r1: 8 })])
            .setup(|st, _| {
                st.write_pr(16, true);
                st.rse.rotate_regs(); // physical p16 is now named p17
            })
            .expect(|st, _| g(st, 8, 1 | 1 << 17)),
        // mask = 0x1_0006 << 1 … sign-extended: bits 1, 2 and 16..63.
        Case::new(
            "mov pr = r2, mask",
            [i(IInsn::MovToPr {
                r2: 2,
                mask: 0xffff_ffff_ffff_0006,
            })],
        )
        .setup(|st, _| {
            st.write_pr(3, true);
            st.write_pr(1, true);
            g(st, 2, 0x8000_0000_0001_0005);
        })
        // p1 ← 0, p2 ← 1, p3 kept (1), p16 ← 1, p63 ← 1, others 16..62 ← 0.
        .expect(|st, _| {
            st.write_pr(1, false);
            st.write_pr(2, true);
            st.write_pr(16, true);
            st.write_pr(63, true);
        }),
        Case::new(
            "mov pr = r2 keeps p0",
            [i(IInsn::MovToPr { r2: 2, mask: !1 })],
        )
        .setup(|st, _| g(st, 2, 0))
        .expect(|st, _| st.pr = 1),
        Case::new(
            "mov pr = r2 rotated",
            [i(IInsn::MovToPr {
                r2: 2,
                mask: 1 << 17,
            })],
        )
        .setup(|st, _| {
            st.rse.rotate_regs();
            g(st, 2, 1 << 17);
        })
        .expect(|st, _| st.write_pr(17, true)),
        Case::new("mov pr = NaT", [i(IInsn::MovToPr { r2: 2, mask: !1 })])
            .setup(|st, _| gn(st, 2, 0, true))
            .faults(Fault::RegisterNatConsumption),
        Case::new(
            "mov pr.rot = imm",
            [i(IInsn::MovToPrRot {
                imm: 0xffff_ffff_fffe_0000,
            })],
        )
        .setup(|st, _| {
            st.write_pr(16, true);
            st.write_pr(15, true);
        })
        .expect(|st, _| {
            st.write_pr(16, false);
            for p in 17..64 {
                st.write_pr(p, true);
            }
        }),
    ]);
}

#[test]
fn application_register_moves() {
    let to = |ar3| IInsn::MovToAr { ar3, r2: 2 };
    let from = |ar3| IInsn::MovFromAr { r1: 8, ar3 };
    // A PFS value with no reserved bits: pfm = 0x1234 (sof 0x34, sol 0x24?), pec 5, ppl 3.
    let pfs = 0x1234 | (5 << 52) | (3 << 62);
    run_table(&[
        Case::new("mov.i ar.lc = r2", [i(to(ar::LC))])
            .setup(|st, _| g(st, 2, 0xdead_beef_0000_0001))
            .expect(|st, _| st.ar[ar::LC as usize] = 0xdead_beef_0000_0001),
        Case::new("mov.i ar.ec = r2 keeps 6 bits", [i(to(ar::EC))])
            .setup(|st, _| g(st, 2, 0xffc5))
            .expect(|st, _| st.ar[ar::EC as usize] = 0x05),
        Case::new(
            "mov.i ar.lc = imm8",
            [i(IInsn::MovToArImm {
                ar3: ar::LC,
                imm: -3,
            })],
        )
        .expect(|st, _| st.ar[ar::LC as usize] = (-3i64) as u64),
        Case::new("mov.i ar.pfs = r2", [i(to(ar::PFS)), i(from(ar::PFS))])
            .setup(move |st, _| g(st, 2, pfs))
            .expect(move |st, _| {
                st.rse.mov_to_pfs(pfs, false).unwrap();
                g(st, 8, pfs);
            }),
        Case::new("mov.i ar.pfs reserved bits", [i(to(ar::PFS))])
            .setup(|st, _| g(st, 2, 1 << 40))
            .faults(Fault::ReservedRegisterField),
        Case::new("mov.i ar.lc = NaT", [i(to(ar::LC))])
            .setup(|st, _| gn(st, 2, 1, true))
            .faults(Fault::RegisterNatConsumption),
        Case::new("mov.i ar.pfs = NaT", [i(to(ar::PFS))])
            .setup(|st, _| gn(st, 2, 0, true))
            .faults(Fault::RegisterNatConsumption),
        Case::new("mov.i to an M-unit AR (ccv)", [i(to(ar::CCV))]).faults(Fault::IllegalOperation),
        Case::new("mov.i to k0", [i(to(ar::K0))]).faults(Fault::IllegalOperation),
        Case::new("mov.i to a reserved I AR (70)", [i(to(70))]).faults(Fault::IllegalOperation),
        Case::new("mov.i NaT to M-unit AR: illegal first", [i(to(ar::UNAT))])
            .setup(|st, _| gn(st, 2, 0, true))
            .faults(Fault::IllegalOperation),
        Case::new("mov.i to ignored AR 120", [i(to(120))]).setup(|st, _| g(st, 2, 9)),
        Case::new(
            "mov.i to ignored AR 50",
            [i(IInsn::MovToArImm { ar3: 50, imm: 1 })],
        ),
        Case::new("mov.i r = ar.lc", [i(from(ar::LC))])
            .setup(|st, _| st.ar[ar::LC as usize] = 77)
            .expect(|st, _| g(st, 8, 77)),
        Case::new("mov.i r = ar.ec", [i(from(ar::EC))])
            .setup(|st, _| {
                st.ar[ar::EC as usize] = 3;
                gn(st, 8, 0, true);
            })
            .expect(|st, _| g(st, 8, 3)),
        Case::new("mov.i r = ignored AR", [i(from(127))])
            .setup(|st, _| g(st, 8, 5))
            .expect(|st, _| g(st, 8, 0)),
        Case::new("mov.i r = ar.bsp (M-unit)", [i(from(ar::BSP))]).faults(Fault::IllegalOperation),
        Case::new(
            "mov.i r0 = ar.lc",
            [i(IInsn::MovFromAr { r1: 0, ar3: ar::LC })],
        )
        .faults(Fault::IllegalOperation),
        Case::slots(
            "mov.i ar.lc off",
            [Slot {
                qp: 9,
                insn: i(to(ar::LC)),
            }],
        )
        .setup(|st, _| g(st, 2, 4)),
    ]);
}

/// `mpy4` / `mpyshl4` (Itanium 9500): decoded but refused, since no public description of their
/// operation could be consulted (see `exec/int.rs`). A refused slot commits nothing; with a
/// false predicate it is a no-op like any other I-unit instruction.
#[test]
fn mpy4_and_mpyshl4_are_refused() {
    let setup = |st: &mut State, _: &mut _| {
        g(st, 2, 3);
        g(st, 3, 5);
        g(st, 8, 0x77);
    };
    run_table(&[
        Case::new("mpy4", [i(mm(MmOp::Mpy4))])
            .setup(setup)
            .faults(Fault::Unimplemented("mpy4")),
        Case::new("mpyshl4", [i(mm(MmOp::Mpyshl4))])
            .setup(setup)
            .faults(Fault::Unimplemented("mpyshl4")),
        Case::slots(
            "mpy4 predicated off",
            [Slot {
                qp: 6,
                insn: i(mm(MmOp::Mpy4)),
            }],
        )
        .setup(setup),
        Case::slots(
            "mpyshl4 predicated off",
            [Slot {
                qp: 6,
                insn: i(mm(MmOp::Mpyshl4)),
            }],
        )
        .setup(setup),
    ]);
}
