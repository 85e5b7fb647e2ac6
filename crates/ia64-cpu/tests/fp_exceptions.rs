//! F-unit exception behaviour, bit for bit: FPSR flags, ISR.code of Floating-point Exception
//! faults and traps, the trap-enabled results, parallel (two-single) lanes, `fcvt.fx`,
//! compare/min exception rules and the status-field controls. Every expectation is worked out
//! by hand from the SDM text cited on its group (Rev. 2.3):
//!
//! * Vol. 1 §5.4.1.3 "Floating-point Exception Trap": o/u/i flags are set in the FPSR *and*,
//!   when enabled, a trap is taken with ISR.code and ISR.fpa; faults (v, d, z) write nothing.
//! * Vol. 1 §8.1.2.4/§8.1.2.5 (Overflow/Underflow Exception (Trap)): the exception-enabled
//!   response delivers the first, exponent-unbounded, rounded result (17-bit exponent).
//! * Vol. 1 §5.4.3: tininess after rounding; underflow with the trap enabled is signaled on
//!   tininess alone; ftz applies only with the underflow trap disabled.
//! * Vol. 3 §3.3 `fp_decode_fault` / `fp_decode_trap`: fault code v=0x1, d=0x2, z=0x4,
//!   swa=0x8; for parallel operations the high single (bits 63:32) in ISR.code{3:0} and the
//!   low single in {7:4}; traps o=bit 11, u=12, i=13, fpa=14 (scalar and high single), the
//!   low single in bits 7..10; ISR.code{0} is the FP trap's trap-code bit (Vol. 2 Part I).
//! * Vol. 3 `fcmp`/`fpcmp`/`fmin`/`fcvt.fx` pages (`*_exception_fault_check`).

use ia64_cpu::state::{ar, Fr};
use ia64_cpu::testing::{run_table, Case};
use ia64_cpu::Fault;
use ia64_isa::insn::Insn;
use ia64_isa::unit_f::{FInsn, FcmpRel, FmaOp, FpcmpRel, MinMaxOp, Pc, Sf};

/// Linux's default FPSR (all traps disabled; sf0 rc=nearest, pc=extended).
const FPSR_DEFAULT: u64 = 0x0009_804c_0270_033f;

/// FPSR flag bits (status field order): v d z o u i.
const FV: u64 = 1;
const FD: u64 = 2;
const FO: u64 = 8;
const FU: u64 = 16;
const FI: u64 = 32;
/// FPSR.traps disable bits, same order; all set = every trap disabled.
const ALL: u64 = 0x3f;

/// ISR.code bits (Vol. 3 `fp_decode_trap`).
const T_FP: u16 = 1;
const T_O: u16 = 1 << 11;
const T_U: u16 = 1 << 12;
const T_I: u16 = 1 << 13;
const T_FPA: u16 = 1 << 14;
const T_LO_O: u16 = 1 << 7;
const T_LO_I: u16 = 1 << 9;
const T_LO_FPA: u16 = 1 << 10;

/// FPSR with the given trap-disable bits and sf0 controls (ftz 0, wre 1, pc 3:2, rc 5:4,
/// td 6); sf1..sf3 as Linux sets them.
fn fpsr(disabled: u64, sf0: u64) -> u64 {
    (FPSR_DEFAULT & !(0x7f << 6) & !0x3f) | disabled | (sf0 << 6)
}
/// sf0 controls: pc = extended, rc as given.
fn rc(r: u64) -> u64 {
    (r << 4) | (3 << 2)
}
fn f(i: FInsn) -> Insn {
    Insn::F(i)
}
/// `2^e` (times `1 + m * 2^-63` of the significand) as a register value.
fn pow2(sign: bool, e: i32, low: u64) -> Fr {
    Fr {
        sign,
        exp: (0xffff + e) as u32,
        significand: (1 << 63) | low,
    }
}
/// Two singles as a parallel register value.
fn par(lo: u32, hi: u32) -> Fr {
    Fr::from_sig(u64::from(lo) | (u64::from(hi) << 32))
}
fn fma_d(sf: Sf) -> FInsn {
    FInsn::Fma {
        op: FmaOp::Fma,
        pc: Pc::Double,
        sf,
        f1: 8,
        f3: 2,
        f4: 3,
        f2: 0,
    }
}
fn fpma() -> FInsn {
    FInsn::Fpma {
        op: FmaOp::Fma,
        sf: Sf::S0,
        f1: 8,
        f3: 2,
        f4: 3,
        f2: 0,
    }
}
/// A case running `i` with f2/f3 = `x`/`y` and FPSR = `fp`.
fn case(name: &str, i: FInsn, fp: u64, x: Fr, y: Fr) -> Case {
    Case::new(name, [f(i)]).setup(move |st, _| {
        st.ar[usize::from(ar::FPSR)] = fp;
        st.write_fr(2, x);
        st.write_fr(3, y);
    })
}
/// Expected state: FPSR = `fp` with sf0 flags `flags`, f8 = `r`.
fn wrote(
    fp: u64,
    flags: u64,
    r: Fr,
) -> impl Fn(&mut ia64_cpu::State, &mut ia64_cpu::mem::SparseMemory) {
    move |st, _| {
        st.ar[usize::from(ar::FPSR)] = fp | (flags << 13);
        st.write_fr(8, r);
    }
}

/// Vol. 1 §5.4.1.3, §8.1.2.4: overflow.
fn overflow_cases() -> Vec<Case> {
    let o_on = fpsr(ALL & !FO, rc(0));
    let big = pow2(false, 1000, 0);
    // (1 + 2^-52) * 2^1000: the square is 2^2000 (1 + 2^-51 + 2^-104).
    let big1 = pow2(false, 1000, 1 << 11);
    vec![
        // Exact 2^2000, o enabled: unbounded result (register exponent 0xffff + 2000), o flag
        // and ISR o; no i.
        case(
            "fma.d overflow exact, o trap",
            fma_d(Sf::S0),
            o_on,
            big,
            big,
        )
        .traps(
            Fault::FpTrap { code: T_FP | T_O },
            wrote(o_on, FO, pow2(false, 2000, 0)),
        ),
        // Inexact, rounded down to 1 + 2^-51 (the 2^-104 tail is below half an ulp): o and i
        // flags, ISR o and i although the i trap is disabled, fpa 0.
        case(
            "fma.d overflow inexact, o trap",
            fma_d(Sf::S0),
            o_on,
            big1,
            big1,
        )
        .traps(
            Fault::FpTrap {
                code: T_FP | T_O | T_I,
            },
            wrote(o_on, FO | FI, pow2(false, 2000, 1 << 12)),
        ),
        // Same toward +inf: 1 + 2^-51 + 2^-52 (significand incremented): fpa.
        {
            let fp = fpsr(ALL & !FO, rc(2));
            case(
                "fma.d overflow rounded up, o trap",
                fma_d(Sf::S0),
                fp,
                big1,
                big1,
            )
            .traps(
                Fault::FpTrap {
                    code: T_FP | T_O | T_I | T_FPA,
                },
                wrote(fp, FO | FI, pow2(false, 2000, (1 << 12) | (1 << 11))),
            )
        },
        // o disabled, i enabled, nearest: +inf (larger than the exact value: fpa), o and i
        // flags, ISR i only.
        {
            let fp = fpsr(ALL & !FI, rc(0));
            case("fma.d overflow to inf, i trap", fma_d(Sf::S0), fp, big, big).traps(
                Fault::FpTrap {
                    code: T_FP | T_I | T_FPA,
                },
                wrote(
                    fp,
                    FO | FI,
                    Fr {
                        sign: false,
                        exp: 0x1ffff,
                        significand: 1 << 63,
                    },
                ),
            )
        },
        // Toward zero: the largest double (smaller than the exact value: no fpa).
        {
            let fp = fpsr(ALL & !FI, rc(3));
            case("fma.d overflow to max, i trap", fma_d(Sf::S0), fp, big, big).traps(
                Fault::FpTrap { code: T_FP | T_I },
                wrote(
                    fp,
                    FO | FI,
                    Fr {
                        sign: false,
                        exp: 0xffff + 1023,
                        significand: u64::MAX << 11,
                    },
                ),
            )
        },
        // All traps disabled: +inf and the o, i flags only.
        {
            let fp = fpsr(ALL, rc(0));
            case(
                "fma.d overflow, traps disabled",
                fma_d(Sf::S0),
                fp,
                big,
                big,
            )
            .expect(wrote(
                fp,
                FO | FI,
                Fr {
                    sign: false,
                    exp: 0x1ffff,
                    significand: 1 << 63,
                },
            ))
        },
        // sf1 with td: the FPSR.traps enables are ignored (Vol. 1 Table 5-5), flags in sf1.
        {
            let fp = fpsr(0, rc(0)) & !(0x7f << 19) | (0x4c << 19);
            case("fma.d.s1 overflow, td", fma_d(Sf::S1), fp, big, big).expect(move |st, _| {
                st.ar[usize::from(ar::FPSR)] = fp | ((FO | FI) << 26);
                st.write_fr(
                    8,
                    Fr {
                        sign: false,
                        exp: 0x1ffff,
                        significand: 1 << 63,
                    },
                );
            })
        },
    ]
}

/// Vol. 1 §5.4.3, §8.1.2.5: underflow.
fn underflow_cases() -> Vec<Case> {
    let tiny_a = pow2(false, -1000, 0);
    let tiny_b = pow2(false, -50, 0);
    let u_on = fpsr(ALL & !FU, rc(0));
    let off = fpsr(ALL, rc(0));
    let ftz = fpsr(ALL, rc(0) | 1);
    vec![
        // 2^-1050 is an exact double denormal: u disabled -> no flag, the denormal (register
        // exponent of the double emin, 0xffff - 1022, significand 2^-28 -> bit 35).
        case(
            "fma.d exact denormal, traps disabled",
            fma_d(Sf::S0),
            off,
            tiny_a,
            tiny_b,
        )
        .expect(wrote(
            off,
            0,
            Fr {
                sign: false,
                exp: 0xffff - 1022,
                significand: 1 << 35,
            },
        )),
        // u enabled: tiny alone signals: unbounded 2^-1050, u flag, ISR u, no i.
        case(
            "fma.d exact tiny, u trap",
            fma_d(Sf::S0),
            u_on,
            tiny_a,
            tiny_b,
        )
        .traps(
            Fault::FpTrap { code: T_FP | T_U },
            wrote(u_on, FU, pow2(false, -1050, 0)),
        ),
        // ftz with u disabled: +0, u and i flags.
        case("fma.d ftz", fma_d(Sf::S0), ftz, tiny_a, tiny_b).expect(wrote(ftz, FU | FI, Fr::ZERO)),
        // ftz is ignored when the u trap is enabled.
        {
            let fp = fpsr(ALL & !FU, rc(0) | 1);
            case("fma.d ftz with u trap", fma_d(Sf::S0), fp, tiny_a, tiny_b).traps(
                Fault::FpTrap { code: T_FP | T_U },
                wrote(fp, FU, pow2(false, -1050, 0)),
            )
        },
        // 2^-1100 is below half the smallest denormal (2^-1074): +0, u and i flags.
        {
            let t = pow2(false, -100, 0);
            case("fma.d underflow to zero", fma_d(Sf::S0), off, tiny_a, t).expect(wrote(
                off,
                FU | FI,
                Fr::ZERO,
            ))
        },
    ]
}

/// Vol. 3 `fp_decode_fault`/`fp_decode_trap`, `fp_ieee_round_sp`: parallel lanes.
fn parallel_cases() -> Vec<Case> {
    const ONE: u32 = 0x3f80_0000;
    const INF: u32 = 0x7f80_0000;
    const P100: u32 = (127 + 100) << 23;
    const M100: u32 = (127 - 100) << 23;
    let v_on = fpsr(ALL & !FV, rc(0));
    let o_on = fpsr(ALL & !FO, rc(0));
    let u_on = fpsr(ALL & !FU, rc(0));
    let i_on = fpsr(ALL & !FI, rc(0));
    let i_up = fpsr(ALL & !FI, rc(2));
    vec![
        // inf * 0 in the high single: v fault in ISR.code{3:0}; nothing written.
        case(
            "fpma high-lane invalid",
            fpma(),
            v_on,
            par(ONE, INF),
            par(ONE, 0),
        )
        .faults(Fault::FpFault { code: 0x01 }),
        // ... in the low single: ISR.code{7:4}.
        case(
            "fpma low-lane invalid",
            fpma(),
            v_on,
            par(INF, ONE),
            par(0, ONE),
        )
        .faults(Fault::FpFault { code: 0x10 }),
        case(
            "fpma both lanes invalid",
            fpma(),
            v_on,
            par(INF, INF),
            par(0, 0),
        )
        .faults(Fault::FpFault { code: 0x11 }),
        // High single 2^200 with o enabled: exponent (200 + 127) mod 256 = 71, o flag; ISR o
        // at bit 11 (high single).
        case(
            "fpma high-lane overflow, o trap",
            fpma(),
            o_on,
            par(ONE, P100),
            par(ONE, P100),
        )
        .traps(
            Fault::FpTrap { code: T_FP | T_O },
            wrote(o_on, FO, par(ONE, 71 << 23)),
        ),
        // Low single: ISR o at bit 7.
        case(
            "fpma low-lane overflow, o trap",
            fpma(),
            o_on,
            par(P100, ONE),
            par(P100, ONE),
        )
        .traps(
            Fault::FpTrap {
                code: T_FP | T_LO_O,
            },
            wrote(o_on, FO, par(71 << 23, ONE)),
        ),
        // 2^-200 with u enabled: (-200 + 127) mod 256 = 183.
        case(
            "fpma high-lane underflow, u trap",
            fpma(),
            u_on,
            par(ONE, M100),
            par(ONE, M100),
        )
        .traps(
            Fault::FpTrap { code: T_FP | T_U },
            wrote(u_on, FU, par(ONE, 183 << 23)),
        ),
        // (1 + 2^-23)^2 = 1 + 2^-22 + 2^-46 in the low single, i enabled: nearest keeps
        // 1 + 2^-22 (no fpa); ISR i at bit 9.
        case(
            "fpma low-lane inexact, i trap",
            fpma(),
            i_on,
            par(ONE + 1, ONE),
            par(ONE + 1, ONE),
        )
        .traps(
            Fault::FpTrap {
                code: T_FP | T_LO_I,
            },
            wrote(i_on, FI, par(ONE + 2, ONE)),
        ),
        // Toward +inf: 1 + 2^-22 + 2^-23, fpa of the low single at bit 10.
        case(
            "fpma low-lane rounded up, i trap",
            fpma(),
            i_up,
            par(ONE + 1, ONE),
            par(ONE + 1, ONE),
        )
        .traps(
            Fault::FpTrap {
                code: T_FP | T_LO_I | T_LO_FPA,
            },
            wrote(i_up, FI, par(ONE + 3, ONE)),
        ),
        // Both lanes inexact.
        case(
            "fpma both lanes inexact, i trap",
            fpma(),
            i_up,
            par(ONE + 1, ONE + 1),
            par(ONE + 1, ONE + 1),
        )
        .traps(
            Fault::FpTrap {
                code: T_FP | T_I | T_FPA | T_LO_I | T_LO_FPA,
            },
            wrote(i_up, FI, par(ONE + 3, ONE + 3)),
        ),
    ]
}

/// Vol. 3 `fcvt.fx` (`fcvt_exception_fault_check`, `fp_ieee_rnd_to_int`), Vol. 1 §5.4.1.3.
fn fcvt_cases() -> Vec<Case> {
    let cvt = |parallel| FInsn::FcvtFx {
        unsigned: false,
        trunc: false,
        parallel,
        sf: Sf::S0,
        f1: 8,
        f2: 2,
    };
    let i_on = fpsr(ALL & !FI, rc(0));
    let v_on = fpsr(ALL & !FV, rc(0));
    let d_on = fpsr(ALL & !FD, rc(0));
    let two_five = pow2(false, 1, 1 << 61); // 2.5
    let three_five = pow2(false, 1, 3 << 61); // 3.5
                                              // Unnormals: 0.5 * 2^3 = 4 and 0.5 * 2^80 = 2^79 (integer bit clear).
    let un4 = Fr {
        sign: false,
        exp: 0xffff + 3,
        significand: 1 << 62,
    };
    let un79 = Fr {
        sign: false,
        exp: 0xffff + 80,
        significand: 1 << 62,
    };
    const NAN: u32 = 0x7fc0_0000;
    const TWO: u32 = 0x4000_0000;
    vec![
        // 2.5 -> 2 (ties to even, rounded down): i flag and ISR i, no fpa.
        case(
            "fcvt.fx 2.5 inexact, i trap",
            cvt(false),
            i_on,
            two_five,
            Fr::ZERO,
        )
        .traps(
            Fault::FpTrap { code: T_FP | T_I },
            wrote(i_on, FI, Fr::from_sig(2)),
        ),
        // 3.5 -> 4: magnitude rounded up: fpa.
        case(
            "fcvt.fx 3.5 inexact, i trap",
            cvt(false),
            i_on,
            three_five,
            Fr::ZERO,
        )
        .traps(
            Fault::FpTrap {
                code: T_FP | T_I | T_FPA,
            },
            wrote(i_on, FI, Fr::from_sig(4)),
        ),
        // An unnormal in range with d enabled: d fault.
        case("fcvt.fx unnormal, d fault", cvt(false), d_on, un4, Fr::ZERO)
            .faults(Fault::FpFault { code: 0x2 }),
        // An unnormal out of range: invalid only (v and d are exclusive), indefinite.
        case(
            "fcvt.fx unnormal out of range",
            cvt(false),
            d_on,
            un79,
            Fr::ZERO,
        )
        .expect(wrote(d_on, FV, Fr::from_sig(1 << 63))),
        // fpcvt.fx: a NaN in the high single -> ISR.code{3:0}, in the low -> {7:4}.
        case(
            "fpcvt.fx high-lane NaN",
            cvt(true),
            v_on,
            par(TWO, NAN),
            Fr::ZERO,
        )
        .faults(Fault::FpFault { code: 0x01 }),
        case(
            "fpcvt.fx low-lane NaN",
            cvt(true),
            v_on,
            par(NAN, TWO),
            Fr::ZERO,
        )
        .faults(Fault::FpFault { code: 0x10 }),
    ]
}

/// Vol. 3 `fcmp`, `fpcmp`, `fmin` pages (`*_exception_fault_check`).
fn compare_cases() -> Vec<Case> {
    let fcmp = |rel| FInsn::Fcmp {
        rel,
        unc: false,
        sf: Sf::S0,
        p1: 6,
        p2: 7,
        f2: 2,
        f3: 3,
    };
    let qnan = Fr {
        sign: false,
        exp: 0x1ffff,
        significand: 0xc000_0000_0000_0000,
    };
    let snan = Fr {
        sign: false,
        exp: 0x1ffff,
        significand: 0xa000_0000_0000_0000,
    };
    let unorm = Fr {
        sign: false,
        exp: 0xffff,
        significand: 1 << 62,
    };
    let off = fpsr(ALL, rc(0));
    let v_on = fpsr(ALL & !FV, rc(0));
    let d_on = fpsr(ALL & !FD, rc(0));
    let preds = |fp: u64, flags: u64, p6: bool| {
        move |st: &mut ia64_cpu::State, _: &mut ia64_cpu::mem::SparseMemory| {
            st.ar[usize::from(ar::FPSR)] = fp | (flags << 13);
            st.write_pr(6, p6);
            st.write_pr(7, !p6);
        }
    };
    let fpcmp = FInsn::Fpcmp {
        rel: FpcmpRel::Lt,
        sf: Sf::S0,
        f1: 8,
        f2: 2,
        f3: 3,
    };
    const ONE: u32 = 0x3f80_0000;
    const QNAN: u32 = 0x7fc0_0000;
    vec![
        // Quiet relations on a QNaN: no v.
        case("fcmp.eq qnan: no v", fcmp(FcmpRel::Eq), off, qnan, Fr::ONE)
            .expect(preds(off, 0, false)),
        case(
            "fcmp.unord qnan: true, no v",
            fcmp(FcmpRel::Unord),
            off,
            qnan,
            Fr::ONE,
        )
        .expect(preds(off, 0, true)),
        // Signaling relations (lt, le) on any NaN: v.
        case(
            "fcmp.lt qnan: v flag",
            fcmp(FcmpRel::Lt),
            off,
            Fr::ONE,
            qnan,
        )
        .expect(preds(off, FV, false)),
        case(
            "fcmp.le qnan, v enabled: fault",
            fcmp(FcmpRel::Le),
            v_on,
            qnan,
            Fr::ONE,
        )
        .faults(Fault::FpFault { code: 0x1 }),
        // Any relation on a SNaN: v.
        case(
            "fcmp.eq snan: v flag",
            fcmp(FcmpRel::Eq),
            off,
            snan,
            Fr::ONE,
        )
        .expect(preds(off, FV, false)),
        // An unnormal (0.5 with exponent 0) compared: d flag; with d enabled a fault.
        case(
            "fcmp.eq unnormal: d flag",
            fcmp(FcmpRel::Eq),
            off,
            unorm,
            pow2(false, -1, 0),
        )
        .expect(preds(off, FD, true)),
        case(
            "fcmp.lt unnormal, d enabled: fault",
            fcmp(FcmpRel::Lt),
            d_on,
            unorm,
            Fr::ONE,
        )
        .faults(Fault::FpFault { code: 0x2 }),
        // NaN and unnormal: v only (exclusive).
        case(
            "fcmp.lt qnan and unnormal: v only",
            fcmp(FcmpRel::Lt),
            off,
            qnan,
            unorm,
        )
        .expect(preds(off, FV, false)),
        // fpcmp.lt with a QNaN in one lane, v enabled: the lane's code position.
        case(
            "fpcmp.lt high-lane qnan: fault",
            fpcmp,
            v_on,
            par(ONE, QNAN),
            par(ONE, ONE),
        )
        .faults(Fault::FpFault { code: 0x01 }),
        case(
            "fpcmp.lt low-lane qnan: fault",
            fpcmp,
            v_on,
            par(QNAN, ONE),
            par(ONE, ONE),
        )
        .faults(Fault::FpFault { code: 0x10 }),
        // fmin: any NaN is invalid, the result is f3.
        case(
            "fmin qnan: v flag, result f3",
            FInsn::MinMax {
                op: MinMaxOp::Min,
                parallel: false,
                sf: Sf::S0,
                f1: 8,
                f2: 2,
                f3: 3,
            },
            off,
            qnan,
            Fr::ONE,
        )
        .expect(wrote(off, FV, Fr::ONE)),
    ]
}

#[test]
fn fp_exception_tables() {
    let mut cases = overflow_cases();
    cases.extend(underflow_cases());
    cases.extend(parallel_cases());
    cases.extend(fcvt_cases());
    cases.extend(compare_cases());
    run_table(&cases);
}

/// The interruption values (SDM Vol. 2 Part I Table 5-7): FP faults on vector 0x5c00 as
/// faults, FP traps on 0x5d00 as traps, ISR.code = the code.
#[test]
fn fp_interruption_info() {
    let i = Fault::FpFault { code: 0x12 }.info();
    assert_eq!((i.vector, i.isr, i.trap), (0x5c00, 0x12, false));
    let i = Fault::FpTrap {
        code: T_FP | T_O | T_I,
    }
    .info();
    assert_eq!((i.vector, i.isr, i.trap), (0x5d00, 0x2801, true));
}
