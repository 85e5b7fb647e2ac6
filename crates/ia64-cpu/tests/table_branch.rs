//! State-transition tables for every B-unit and X-unit instruction (SDM Vol. 3 `br`, `brl`,
//! `brp`, `cover`, `clrrrb`, `rfi`, `bsw`, `epc`, `vmsw`, `break`, `nop`, `hint`, `movl`).
//!
//! Expected states are written by hand: register values, PFS encodings, BSP moves and rename
//! bases are computed in the test from the SDM formulas and asserted, and where the expected
//! RSE internals can only be built through an RSE primitive the closure also asserts the
//! architectural values that primitive must give.

use ia64_cpu::cache::Op;
use ia64_cpu::exec::fast::{self, Step};
use ia64_cpu::exec::Flow;
use ia64_cpu::fault::Fault;
use ia64_cpu::mem::{Access, MemFault, MemFaultKind, Memory, Size, SparseMemory};
use ia64_cpu::rse::{AllocArgs, Cfm, Ifs};
use ia64_cpu::state::{ar, cr, psr, State};
use ia64_cpu::testing::{base_state, diff_states, run_table, Case, CODE_BASE, RBS_BASE};
use ia64_isa::insn::{Insn, Slot};
use ia64_isa::unit_b::{BInsn, Bwh, Dh, Hints, Ih, IndBr, IpBr, Ipwh, Ph};
use ia64_isa::unit_x::{BrPh, BrWh, BrlHints, XInsn};

// ---------------------------------------------------------------------------------------------
// Instruction builders
// ---------------------------------------------------------------------------------------------

const HINTS: Hints = Hints {
    wh: Bwh::Sptk,
    ph: Ph::Few,
    dh: Dh::Keep,
};

const XHINTS: BrlHints = BrlHints {
    wh: BrWh::Sptk,
    ph: BrPh::Few,
    clr: false,
};

fn br(kind: IpBr, target: u64) -> Insn {
    Insn::B(BInsn::Br {
        kind,
        hints: HINTS,
        p0: true,
        target,
    })
}

fn br_ind(kind: IndBr, b2: u8) -> Insn {
    Insn::B(BInsn::BrInd {
        kind,
        hints: HINTS,
        p0: true,
        b2,
    })
}

fn call_rel(b1: u8, target: u64) -> Insn {
    Insn::B(BInsn::CallRel {
        b1,
        hints: HINTS,
        target,
    })
}

fn call_ind(b1: u8, b2: u8) -> Insn {
    Insn::B(BInsn::CallInd {
        b1,
        b2,
        hints: HINTS,
    })
}

fn nop_b() -> Insn {
    Insn::B(BInsn::Nop { imm: 0 })
}

fn b(i: BInsn) -> Insn {
    Insn::B(i)
}

fn x(i: XInsn) -> Insn {
    Insn::X(i)
}

fn slot(qp: u8, insn: Insn) -> Slot {
    Slot { qp, insn }
}

/// A loop branch in slot 2 (two `nop.b` first).
fn in_slot2(qp: u8, insn: Insn) -> Vec<Slot> {
    vec![slot(0, nop_b()), slot(0, nop_b()), slot(qp, insn)]
}

const TARGET: u64 = CODE_BASE - 0x100;
const PR63: u64 = 1 << 63;

/// PFS encoding (SDM Vol. 1 §3.1.8.10): pfm 37:0 (sof 6:0, sol 13:7, sor 17:14, rrb.gr 24:18,
/// rrb.fr 31:25, rrb.pr 37:32), pec 57:52, ppl 63:62.
fn pfs_value(sof: u64, sol: u64, sor8: u64, pec: u64, ppl: u64) -> u64 {
    sof | (sol << 7) | (sor8 << 14) | (pec << 52) | (ppl << 62)
}

fn set_ec(st: &mut State, v: u64) {
    st.ar[usize::from(ar::EC)] = v;
}

fn set_lc(st: &mut State, v: u64) {
    st.ar[usize::from(ar::LC)] = v;
}

/// The base state of the harness (to rebuild an expectation from scratch).
fn fresh() -> State {
    base_state().0
}

// ---------------------------------------------------------------------------------------------
// Plain branches
// ---------------------------------------------------------------------------------------------

#[test]
fn br_cond() {
    run_table(&[
        Case::new("br.cond p0 is taken", [br(IpBr::Cond, TARGET)]).expect(|st, _| st.ip = TARGET),
        Case::slots(
            "br.cond qp false falls through",
            [slot(5, br(IpBr::Cond, TARGET))],
        ),
        Case::slots(
            "br.cond qp true is taken",
            [slot(5, br(IpBr::Cond, TARGET))],
        )
        .setup(|st, _| st.write_pr(5, true))
        .expect(|st, _| st.ip = TARGET),
        Case::slots(
            "br.cond in slot 1 after a not-taken branch",
            [
                slot(6, br(IpBr::Cond, 0x1230)),
                slot(0, br(IpBr::Cond, TARGET)),
            ],
        )
        .expect(|st, _| st.ip = TARGET),
        Case::new("br.cond b3 masks the low 4 bits", [br_ind(IndBr::Cond, 3)])
            .setup(|st, _| st.br[3] = 0x4000_0000_0002_000f)
            .expect(|st, _| st.ip = 0x4000_0000_0002_0000),
        Case::slots("br.cond b3 qp false", [slot(7, br_ind(IndBr::Cond, 3))])
            .setup(|st, _| st.br[3] = 0x4000_0000_0002_0000),
        // Canonical: bits 60:50 all ones (IMPL_VA_MSB = 50).
        Case::new(
            "br.cond to a sign-extended implemented address",
            [br(IpBr::Cond, 0x1ffc_0000_0000_1230)],
        )
        .expect(|st, _| st.ip = 0x1ffc_0000_0000_1230),
        Case::new(
            "br.cond to an unimplemented virtual address",
            [br(IpBr::Cond, 0x0010_0000_0000_0000)],
        )
        .traps(
            Fault::UnimplementedInstructionAddress {
                target: 0x0010_0000_0000_0000,
            },
            |st, _| st.ip = 0x0010_0000_0000_0000,
        ),
        Case::new(
            "br.cond b1 to an unimplemented virtual address",
            [br_ind(IndBr::Cond, 1)],
        )
        .setup(|st, _| st.br[1] = 0xa100_0000_0000_0000)
        .traps(
            Fault::UnimplementedInstructionAddress {
                target: 0xa100_0000_0000_0000,
            },
            |st, _| st.ip = 0xa100_0000_0000_0000,
        ),
        // PSR.vm = 1 makes bit 50 unimplemented too: bits 60:49 must agree.
        Case::new(
            "br.cond with PSR.vm: bit 50 is unimplemented",
            [br(IpBr::Cond, 0x1ffc_0000_0000_1230)],
        )
        .setup(|st, _| st.psr |= 1 << psr::VM)
        .traps(
            Fault::UnimplementedInstructionAddress {
                target: 0x1ffc_0000_0000_1230,
            },
            |st, _| st.ip = 0x1ffc_0000_0000_1230,
        ),
        // PSR.it = 0: physical addresses, bits 62:50 must be zero, bit 63 is free.
        Case::new(
            "br.cond physical with bit 63 is implemented",
            [br(IpBr::Cond, 0x8000_0000_0001_0000)],
        )
        .setup(|st, _| st.psr &= !(1 << psr::IT))
        .expect(|st, _| st.ip = 0x8000_0000_0001_0000),
        Case::new(
            "br.cond physical above IMPL_PA_MSB",
            [br(IpBr::Cond, 0x0004_0000_0000_0000)],
        )
        .setup(|st, _| st.psr &= !(1 << psr::IT))
        .traps(
            Fault::UnimplementedInstructionAddress {
                target: 0x0004_0000_0000_0000,
            },
            |st, _| st.ip = 0x0004_0000_0000_0000,
        ),
    ]);
}

// ---------------------------------------------------------------------------------------------
// Calls and returns
// ---------------------------------------------------------------------------------------------

/// The state after a taken call from the base frame (sof 16, sol 8) at privilege 3 with EC =
/// `ec`: checks the architectural values by hand.
fn expect_called(st: &mut State, link_b: u8, link: u64, target: u64, ec: u64) {
    st.br[usize::from(link_b)] = link;
    st.rse.br_call(ec as u8, 3);
    st.ip = target;
    assert_eq!(st.rse.mov_from_pfs(), pfs_value(16, 8, 0, ec, 3));
    assert_eq!(st.rse.cfm(), Cfm::frame(8, 0));
    // BSP moves up by the 8 locals (no NaT collection slot in between).
    assert_eq!(st.rse.bsp(), RBS_BASE + 8 * 8);
    assert_eq!(st.rse.ndirty(), 8);
}

#[test]
fn br_call() {
    run_table(&[
        Case::new("br.call b0 = target", [call_rel(0, TARGET)])
            .setup(|st, _| set_ec(st, 5))
            .expect(|st, _| expect_called(st, 0, CODE_BASE + 16, TARGET, 5)),
        Case::new(
            "br.call in the second bundle links to the third",
            [nop_b(), nop_b(), nop_b(), call_rel(6, TARGET)],
        )
        .expect(|st, _| expect_called(st, 6, CODE_BASE + 32, TARGET, 0)),
        Case::new("br.call b1 = b2 (masked)", [call_ind(1, 2)])
            .setup(|st, _| {
                st.br[2] = 0x4000_0000_0005_0009;
                set_ec(st, 1);
            })
            .expect(|st, _| expect_called(st, 1, CODE_BASE + 16, 0x4000_0000_0005_0000, 1)),
        Case::new(
            "br.call the outputs become the callee's inputs",
            [call_rel(0, TARGET)],
        )
        .setup(|st, _| {
            st.write_gr(40, 0x4040, false).unwrap();
            st.write_gr(41, 0x4141, true).unwrap();
        })
        .expect(|st, _| {
            expect_called(st, 0, CODE_BASE + 16, TARGET, 0);
            assert_eq!(st.read_gr(32), (0x4040, false));
            assert_eq!(st.read_gr(33), (0x4141, true));
        }),
        Case::slots("br.call qp false", [slot(9, call_rel(0, TARGET))]),
        Case::slots("br.call b1 = b2 qp false", [slot(9, call_ind(0, 2))]),
        Case::new(
            "br.call to an unimplemented address",
            [call_rel(0, 1 << 59)],
        )
        .traps(
            Fault::UnimplementedInstructionAddress { target: 1 << 59 },
            |st, _| expect_called(st, 0, CODE_BASE + 16, 1 << 59, 0),
        ),
        Case::new("br.call b2 unimplemented", [call_ind(0, 2)])
            .setup(|st, _| st.br[2] = 0x0800_0000_0000_0000)
            .traps(
                Fault::UnimplementedInstructionAddress {
                    target: 0x0800_0000_0000_0000,
                },
                |st, _| expect_called(st, 0, CODE_BASE + 16, 0x0800_0000_0000_0000, 0),
            ),
    ]);
}

/// Setup for a return: a call from the base frame with EC = 7 at privilege `call_pl`, then
/// EC = 2, cpl = `cpl`, b0 = the return address.
fn after_call(st: &mut State, call_pl: u8, cpl: u8) {
    st.write_gr(33, 0x3333, false).unwrap();
    st.rse.br_call(7, call_pl);
    st.set_cpl(cpl);
    set_ec(st, 2);
    st.br[0] = CODE_BASE + 0x40;
    st.write_gr(32, 0x5555, false).unwrap(); // callee's r32 = caller's r40
}

/// The base state after the return: the caller's frame, PFS as the call left it, EC = 7.
fn returned(ppl: u64, cpl: u8) -> State {
    let mut w = fresh();
    w.rse
        .mov_to_pfs(pfs_value(16, 8, 0, 7, ppl), false)
        .unwrap();
    w.write_gr(33, 0x3333, false).unwrap();
    w.write_gr(40, 0x5555, false).unwrap();
    set_ec(&mut w, 7);
    w.set_cpl(cpl);
    w.br[0] = CODE_BASE + 0x40;
    w.ip = CODE_BASE + 0x40;
    w
}

#[test]
fn br_ret() {
    run_table(&[
        Case::new("br.ret restores the frame and EC", [br_ind(IndBr::Ret, 0)])
            .setup(|st, _| after_call(st, 3, 3))
            .expect(|st, _| {
                *st = returned(3, 3);
                assert_eq!(st.rse.bsp(), RBS_BASE);
                assert_eq!(st.rse.cfm(), Cfm::frame(16, 8));
            }),
        Case::new("br.ret demotes cpl 0 to PFS.ppl 3", [br_ind(IndBr::Ret, 0)])
            .setup(|st, _| after_call(st, 3, 0))
            .expect(|st, _| *st = returned(3, 3)),
        Case::new(
            "br.ret never promotes (ppl 0, cpl 3)",
            [br_ind(IndBr::Ret, 0)],
        )
        .setup(|st, _| after_call(st, 0, 3))
        .expect(|st, _| *st = returned(0, 3)),
        Case::new("br.ret demotion with PSR.lp traps", [br_ind(IndBr::Ret, 0)])
            .setup(|st, _| {
                after_call(st, 3, 0);
                st.psr |= 1 << psr::LP;
            })
            .traps(Fault::LowerPrivilegeTransfer, |st, _| {
                // The return commits (demoted to cpl 3), then traps with IIP = the target.
                *st = returned(3, 3);
                st.psr |= 1 << psr::LP;
            }),
        Case::new(
            "br.ret without demotion ignores PSR.lp",
            [br_ind(IndBr::Ret, 0)],
        )
        .setup(|st, _| {
            after_call(st, 3, 3);
            st.psr |= 1 << psr::LP;
        })
        .expect(|st, _| {
            *st = returned(3, 3);
            st.psr |= 1 << psr::LP;
        }),
        Case::slots("br.ret qp false", [slot(4, br_ind(IndBr::Ret, 0))])
            .setup(|st, _| after_call(st, 3, 3)),
        Case::new(
            "br.ret to an unimplemented address",
            [br_ind(IndBr::Ret, 0)],
        )
        .setup(|st, _| {
            after_call(st, 3, 3);
            st.br[0] = 0x0200_0000_0000_0000;
        })
        .traps(
            Fault::UnimplementedInstructionAddress {
                target: 0x0200_0000_0000_0000,
            },
            |st, _| {
                *st = returned(3, 3);
                st.br[0] = 0x0200_0000_0000_0000;
                st.ip = 0x0200_0000_0000_0000;
            },
        ),
        Case::new("br.ret fill fault commits nothing", [br_ind(IndBr::Ret, 0)])
            .setup(|st, mem| {
                after_call(st, 3, 3);
                st.rse.flushrs(mem).unwrap();
                mem.add_fault_range(RBS_BASE, RBS_BASE + 0x1000, MemFaultKind::NotPresent);
            })
            .faults(Fault::Rse {
                fault: MemFault {
                    kind: MemFaultKind::NotPresent,
                    // Fills walk down from BSPSTORE = RBS_BASE + 64.
                    addr: RBS_BASE + 56,
                    access: Access::rse_fill(0),
                },
                incomplete_frame: true,
            }),
    ]);
}

// ---------------------------------------------------------------------------------------------
// Loop branches
// ---------------------------------------------------------------------------------------------

/// Expected rename bases after `n` rotations from 0 with `sor8` rotating groups.
fn assert_rrb(st: &State, n: u32, sor8: u32) {
    let c = st.rse.cfm();
    assert_eq!(u32::from(c.rrb_pr), (48 - n % 48) % 48);
    assert_eq!(u32::from(c.rrb_fr), (96 - n % 96) % 96);
    let g = if sor8 == 0 {
        0
    } else {
        (sor8 * 8 - n % (sor8 * 8)) % (sor8 * 8)
    };
    assert_eq!(u32::from(c.rrb_gr), g);
}

#[test]
fn br_cloop() {
    run_table(&[
        Case::slots("cloop LC=5 taken", in_slot2(0, br(IpBr::Cloop, TARGET)))
            .setup(|st, _| set_lc(st, 5))
            .expect(|st, _| {
                set_lc(st, 4);
                st.ip = TARGET;
            }),
        Case::slots("cloop LC=1 taken", in_slot2(0, br(IpBr::Cloop, TARGET)))
            .setup(|st, _| set_lc(st, 1))
            .expect(|st, _| {
                set_lc(st, 0);
                st.ip = TARGET;
            }),
        Case::slots(
            "cloop LC=0 falls through",
            in_slot2(0, br(IpBr::Cloop, TARGET)),
        ),
        Case::slots("cloop LC=2^64-1", in_slot2(0, br(IpBr::Cloop, TARGET)))
            .setup(|st, _| set_lc(st, u64::MAX))
            .expect(|st, _| {
                set_lc(st, u64::MAX - 1);
                st.ip = TARGET;
            }),
        Case::new("cloop in slot 0", [br(IpBr::Cloop, TARGET)])
            .setup(|st, _| set_lc(st, 5))
            .faults(Fault::IllegalOperation),
        Case::slots(
            "cloop not taken ignores an unimplemented target",
            in_slot2(0, br(IpBr::Cloop, 1 << 55)),
        ),
    ]);
}

/// ctop/cexit expectation: LC/EC values after, PR[63] (program name, before rotation), whether
/// it rotates and whether it is taken.
fn counted(st: &mut State, lc: u64, ec: u64, p63: bool, rotate: bool, taken: bool) {
    set_lc(st, lc);
    set_ec(st, ec);
    // p63 is physical 63 while rrb.pr = 0.
    st.pr = (st.pr & !PR63) | (u64::from(p63) << 63);
    if rotate {
        st.rse.rotate_regs();
        assert_rrb(st, 1, 0);
        // The value written to p63 is now named p16.
        assert_eq!(st.read_pr(16), p63);
    }
    if taken {
        st.ip = TARGET;
    }
}

#[test]
fn br_ctop_cexit() {
    let ctop = || in_slot2(0, br(IpBr::Ctop, TARGET));
    let cexit = || in_slot2(0, br(IpBr::Cexit, TARGET));
    run_table(&[
        // Kernel phase: LC != 0.
        Case::slots("ctop LC=3 EC=1", ctop())
            .setup(|st, _| {
                set_lc(st, 3);
                set_ec(st, 1);
            })
            .expect(|st, _| counted(st, 2, 1, true, true, true)),
        Case::slots("cexit LC=3 EC=1 falls through", cexit())
            .setup(|st, _| {
                set_lc(st, 3);
                set_ec(st, 1);
            })
            .expect(|st, _| counted(st, 2, 1, true, true, false)),
        // Epilog: LC == 0, EC > 1.
        Case::slots("ctop LC=0 EC=3", ctop())
            .setup(|st, _| {
                set_ec(st, 3);
                st.pr |= PR63;
            })
            .expect(|st, _| counted(st, 0, 2, false, true, true)),
        Case::slots("cexit LC=0 EC=3 falls through", cexit())
            .setup(|st, _| set_ec(st, 3))
            .expect(|st, _| counted(st, 0, 2, false, true, false)),
        // Last epilog stage: EC == 1.
        Case::slots("ctop LC=0 EC=1 falls through", ctop())
            .setup(|st, _| set_ec(st, 1))
            .expect(|st, _| counted(st, 0, 0, false, true, false)),
        Case::slots("cexit LC=0 EC=1 taken", cexit())
            .setup(|st, _| set_ec(st, 1))
            .expect(|st, _| counted(st, 0, 0, false, true, true)),
        // Loop done: LC == EC == 0: only PR[63] <- 0.
        Case::slots("ctop LC=0 EC=0", ctop())
            .setup(|st, _| st.pr |= PR63)
            .expect(|st, _| counted(st, 0, 0, false, false, false)),
        Case::slots("cexit LC=0 EC=0 taken", cexit())
            .setup(|st, _| st.pr |= PR63)
            .expect(|st, _| counted(st, 0, 0, false, false, true)),
        Case::new("ctop in slot 0", [br(IpBr::Ctop, TARGET)]).faults(Fault::IllegalOperation),
        // Rotating GRs: with sor = 8 (one group), rrb.gr becomes 7 and the value named r32
        // before is named r33 after.
        Case::slots("ctop rotates r32..r39", ctop())
            .setup(|st, mem| {
                st.rse
                    .alloc(
                        mem,
                        AllocArgs {
                            sof: 16,
                            sol: 8,
                            sor: 8,
                        },
                        32,
                    )
                    .unwrap();
                st.write_gr(32, 0x32, false).unwrap();
                st.write_gr(39, 0x39, true).unwrap();
                set_lc(st, 9);
            })
            .expect(|st, _| {
                set_lc(st, 8);
                st.pr |= PR63;
                st.rse.rotate_regs();
                assert_rrb(st, 1, 1);
                assert_eq!(st.read_gr(33), (0x32, false));
                assert_eq!(st.read_gr(32), (0x39, true));
                st.ip = TARGET;
            }),
    ]);
}

/// wtop/wexit expectation.
fn whiled(st: &mut State, ec: u64, rotate: bool, taken: bool) {
    set_ec(st, ec);
    st.pr &= !PR63;
    if rotate {
        st.rse.rotate_regs();
        assert_rrb(st, 1, 0);
        assert!(!st.read_pr(16));
    }
    if taken {
        st.ip = TARGET;
    }
}

#[test]
fn br_wtop_wexit() {
    let wtop = || in_slot2(5, br(IpBr::Wtop, TARGET));
    let wexit = || in_slot2(5, br(IpBr::Wexit, TARGET));
    let p5 = |st: &mut State, ec: u64| {
        st.write_pr(5, true);
        st.pr |= PR63;
        set_ec(st, ec);
    };
    run_table(&[
        Case::slots("wtop p5=1 EC=1", wtop())
            .setup(move |st, _| p5(st, 1))
            .expect(|st, _| whiled(st, 1, true, true)),
        Case::slots("wexit p5=1 EC=1 falls through", wexit())
            .setup(move |st, _| p5(st, 1))
            .expect(|st, _| whiled(st, 1, true, false)),
        Case::slots("wtop p5=0 EC=2", wtop())
            .setup(|st, _| set_ec(st, 2))
            .expect(|st, _| whiled(st, 1, true, true)),
        Case::slots("wexit p5=0 EC=2 falls through", wexit())
            .setup(|st, _| set_ec(st, 2))
            .expect(|st, _| whiled(st, 1, true, false)),
        Case::slots("wtop p5=0 EC=1 falls through", wtop())
            .setup(|st, _| set_ec(st, 1))
            .expect(|st, _| whiled(st, 0, true, false)),
        Case::slots("wexit p5=0 EC=1 taken", wexit())
            .setup(|st, _| set_ec(st, 1))
            .expect(|st, _| whiled(st, 0, true, true)),
        Case::slots("wtop p5=0 EC=0", wtop())
            .setup(|st, _| st.pr |= PR63)
            .expect(|st, _| whiled(st, 0, false, false)),
        Case::slots("wexit p5=0 EC=0 taken", wexit())
            .setup(|st, _| st.pr |= PR63)
            .expect(|st, _| whiled(st, 0, false, true)),
        Case::slots(
            "wtop p0 is always true",
            in_slot2(0, br(IpBr::Wtop, TARGET)),
        )
        .expect(|st, _| whiled(st, 0, true, true)),
        Case::slots(
            "wexit qp true in slot 0",
            [slot(5, br(IpBr::Wexit, TARGET))],
        )
        .setup(|st, _| st.write_pr(5, true))
        .faults(Fault::IllegalOperation),
    ]);
}

// ---------------------------------------------------------------------------------------------
// br.ia
// ---------------------------------------------------------------------------------------------

#[test]
fn br_ia() {
    let ia_qp = |qp: u8| {
        slot(
            qp,
            b(BInsn::BrInd {
                kind: IndBr::Ia,
                hints: HINTS,
                p0: qp == 0,
                b2: 1,
            }),
        )
    };
    run_table(&[
        Case::new("br.ia with PSR.di", [br_ind(IndBr::Ia, 1)])
            .setup(|st, _| st.psr |= 1 << psr::DI)
            .faults(Fault::DisabledIsaTransition),
        Case::new("br.ia without IA-32 support", [br_ind(IndBr::Ia, 1)]).faults(
            Fault::Unimplemented("br.ia: the IA-32 instruction set is not supported"),
        ),
        Case::slots("br.ia with a false qp", [ia_qp(3)]).faults(Fault::IllegalOperation),
        Case::slots("br.ia with a true qp", [ia_qp(3)])
            .setup(|st, _| st.write_pr(3, true))
            .faults(Fault::IllegalOperation),
        Case::new("br.ia with dirty registers", [br_ind(IndBr::Ia, 1)])
            .setup(|st, _| st.rse.br_call(0, 3))
            .faults(Fault::IllegalOperation),
    ]);
}

// ---------------------------------------------------------------------------------------------
// B8: cover, clrrrb, rfi, bsw, epc, vmsw
// ---------------------------------------------------------------------------------------------

#[test]
fn cover() {
    run_table(&[
        Case::new("cover with PSR.ic=1", [b(BInsn::Cover)]).expect(|st, _| {
            st.rse.cover(true);
            assert_eq!(st.rse.cfm(), Cfm::default());
            assert_eq!(st.rse.bsp(), RBS_BASE + 16 * 8);
            assert_eq!(st.rse.ndirty(), 16);
            assert!(!st.rse.ifs().v);
        }),
        Case::new("cover with PSR.ic=0 writes IFS", [b(BInsn::Cover)])
            .setup(|st, _| st.psr &= !(1 << psr::IC))
            .expect(|st, _| {
                st.rse.cover(false);
                assert_eq!(
                    st.rse.ifs(),
                    Ifs {
                        ifm: Cfm::frame(16, 8),
                        v: true
                    }
                );
                assert_eq!(st.rse.bsp(), RBS_BASE + 16 * 8);
            }),
    ]);
}

fn rotating_frame(st: &mut State, mem: &mut ia64_cpu::mem::SparseMemory, turns: u32) {
    st.rse
        .alloc(
            mem,
            AllocArgs {
                sof: 24,
                sol: 16,
                sor: 16,
            },
            32,
        )
        .unwrap();
    for _ in 0..turns {
        st.rse.rotate_regs();
    }
}

#[test]
fn clrrrb() {
    run_table(&[
        Case::new("clrrrb", [b(BInsn::Clrrrb)])
            .setup(|st, mem| rotating_frame(st, mem, 3))
            .expect(|st, mem| {
                let mut w = fresh();
                rotating_frame(&mut w, mem, 0);
                *st = w;
                assert_rrb(st, 0, 2);
            }),
        Case::new("clrrrb.pr", [b(BInsn::ClrrrbPr)])
            .setup(|st, mem| rotating_frame(st, mem, 3))
            .expect(|st, _| {
                st.rse.clrrrb_pr();
                let c = st.rse.cfm();
                assert_eq!((c.rrb_gr, c.rrb_fr, c.rrb_pr), (13, 93, 0));
            }),
    ]);
}

const IIP: u64 = 0x4000_0000_0003_0000;

/// Kernel state about to `rfi` to user mode at IIP, slot 1.
fn rfi_setup(st: &mut State) -> u64 {
    let user = fresh().psr;
    st.psr = (1 << psr::DT) | (1 << psr::RT) | (1 << psr::IT) | (1 << psr::BN);
    st.cr[usize::from(cr::IPSR)] = user | (1 << psr::RI);
    st.cr[usize::from(cr::IIP)] = IIP;
    user
}

#[test]
fn rfi() {
    run_table(&[
        Case::new("rfi to user mode, slot 1", [b(BInsn::Rfi)])
            .setup(|st, _| {
                rfi_setup(st);
            })
            .expect(|st, _| {
                let user = fresh().psr;
                st.psr = user;
                assert_eq!(st.cpl(), 3);
                st.ip = IIP;
                st.slot = 1;
            }),
        Case::new("rfi restores the covered frame", [b(BInsn::Rfi)])
            .setup(|st, _| {
                st.write_gr(45, 0x45, false).unwrap();
                st.psr &= !(1 << psr::IC);
                st.rse.cover(false);
                rfi_setup(st);
            })
            .expect(|st, _| {
                let mut w = fresh();
                w.write_gr(45, 0x45, false).unwrap();
                w.rse.set_ifs(Ifs {
                    ifm: Cfm::frame(16, 8),
                    v: true,
                });
                w.cr = st.cr;
                w.ip = IIP;
                w.slot = 1;
                *st = w;
                assert_eq!(st.read_gr(45), (0x45, false));
            }),
        Case::new("rfi at cpl 3", [b(BInsn::Rfi)]).faults(Fault::PrivilegedOperation),
    ]);
}

/// Swap GR16–31 with the inactive bank by hand.
fn swap_by_hand(st: &mut State) {
    for i in 0..16 {
        let (v, nat) = st.read_gr(16 + i as u8);
        let (bv, bnat) = (st.banked[i], (st.banked_nat >> i) & 1 != 0);
        st.banked[i] = v;
        st.banked_nat = (st.banked_nat & !(1 << i)) | (u16::from(nat) << i);
        st.write_gr(16 + i as u8, bv, bnat).unwrap();
    }
}

#[test]
fn bsw() {
    let kernel = |st: &mut State| {
        st.set_cpl(0);
        st.write_gr(16, 0x1616, true).unwrap();
        st.write_gr(31, 0x3131, false).unwrap();
        st.banked[0] = 0xb0;
        st.banked[15] = 0xbf;
        st.banked_nat = 1 << 15;
    };
    run_table(&[
        Case::new("bsw.0 from bank 1", [b(BInsn::Bsw0)])
            .setup(move |st, _| kernel(st))
            .expect(|st, _| {
                swap_by_hand(st);
                st.psr &= !(1 << psr::BN);
                assert_eq!(st.read_gr(16), (0xb0, false));
                assert_eq!(st.read_gr(31), (0xbf, true));
            }),
        Case::new("bsw.1 in bank 1 changes nothing", [b(BInsn::Bsw1)])
            .setup(move |st, _| kernel(st)),
        Case::new("bsw.1 from bank 0", [b(BInsn::Bsw1)])
            .setup(move |st, _| {
                kernel(st);
                st.psr &= !(1 << psr::BN);
            })
            .expect(|st, _| {
                swap_by_hand(st);
                st.psr |= 1 << psr::BN;
                assert_eq!(st.banked[0], 0x1616);
            }),
        Case::new("bsw.0 at cpl 3", [b(BInsn::Bsw0)]).faults(Fault::PrivilegedOperation),
        Case::new("bsw.1 at cpl 1", [b(BInsn::Bsw1)])
            .setup(|st, _| st.set_cpl(1))
            .faults(Fault::PrivilegedOperation),
    ]);
}

#[test]
fn epc() {
    let it0 = |st: &mut State| st.psr &= !(1 << psr::IT);
    let ppl = |st: &mut State, pl: u64| st.rse.mov_to_pfs(pl << 62, false).unwrap();
    run_table(&[
        Case::new("epc with PSR.it=0 promotes to 0", [b(BInsn::Epc)])
            .setup(move |st, _| {
                it0(st);
                ppl(st, 3);
            })
            .expect(|st, _| st.set_cpl(0)),
        Case::new("epc with PSR.it=0 at cpl 0 stays at 0", [b(BInsn::Epc)]).setup(move |st, _| {
            it0(st);
            st.set_cpl(0);
            ppl(st, 0);
        }),
        Case::new("epc with PFS.ppl < cpl", [b(BInsn::Epc)])
            .setup(move |st, _| it0(st))
            .faults(Fault::IllegalOperation),
        Case::new("epc with PSR.it=1, PFS.ppl < cpl", [b(BInsn::Epc)])
            .setup(move |st, _| ppl(st, 2))
            .faults(Fault::IllegalOperation),
        // The table memory has no execute-promote pages: "no action is taken".
        Case::new(
            "epc with PSR.it=1 on a page that is not execute-promote",
            [b(BInsn::Epc)],
        )
        .setup(move |st, _| ppl(st, 3)),
        // B8 has no qualifying predicate (the decoder gives p0), so there is no
        // predicated-off row.
    ]);
}

/// A table memory whose bundles in `[lo, hi)` are on an execute-promote page (TLB.ar = 7) of
/// privilege level `pl`; it records every address `epc` asks about.
struct PromoteMem {
    inner: SparseMemory,
    lo: u64,
    hi: u64,
    pl: u8,
    asked: Vec<u64>,
}

impl Memory for PromoteMem {
    fn read(&mut self, addr: u64, size: Size, access: Access) -> Result<u64, MemFault> {
        self.inner.read(addr, size, access)
    }
    fn write(&mut self, addr: u64, size: Size, v: u64, access: Access) -> Result<(), MemFault> {
        self.inner.write(addr, size, v, access)
    }
    fn epc_promotion(&mut self, ip: u64) -> Option<u8> {
        self.asked.push(ip);
        (self.lo..self.hi).contains(&ip).then_some(self.pl)
    }
}

/// One `epc` row on a [`PromoteMem`]: the promote page is the 16 KiB page at [`CODE_BASE`] with
/// level `page_pl`; the `epc` sits in slot `slot` of bundle `bundle` of the code; the initial
/// state is [`base_state`] at `cpl` with PFS.ppl = `ppl` and PSR.it = `it`.
struct EpcRow {
    name: &'static str,
    it: bool,
    cpl: u8,
    ppl: u8,
    page_pl: u8,
    bundle: u64,
    want: Result<u8, Fault>,
    asks: bool,
}

fn run_epc_row(r: &EpcRow) {
    let (mut st, inner) = base_state();
    st.set_cpl(r.cpl);
    st.rse.mov_to_pfs(u64::from(r.ppl) << 62, false).unwrap();
    if !r.it {
        st.psr &= !(1 << psr::IT);
    }
    let before = st.clone();
    let mut mem = PromoteMem {
        inner,
        lo: CODE_BASE,
        hi: CODE_BASE + 0x4000,
        pl: r.page_pl,
        asked: Vec::new(),
    };
    let ip = CODE_BASE + 16 * r.bundle;
    let op = Op::new(
        Slot {
            qp: 0,
            insn: b(BInsn::Epc),
        },
        2,
    );
    let mut fault = None;
    let mode = fast::branch_mode(st.psr);
    let step = fast::step(&mut st, &mut mem, &op, true, mode, &mut fault);
    assert!(
        matches!(step, Step::Generic),
        "{}: epc is not a micro-op",
        r.name
    );
    let got = fast::generic(&mut st, &mut mem, &op, ip, true);
    let mut want = before.clone();
    match r.want {
        Ok(cpl) => {
            assert_eq!(got, Ok(Flow::Next), "{}", r.name);
            want.set_cpl(cpl);
        }
        Err(f) => assert_eq!(got, Err(f), "{}", r.name),
    }
    assert!(st == want, "{}: {}", r.name, diff_states(&st, &want));
    let asked: &[u64] = if r.asks { &[ip] } else { &[] };
    assert_eq!(mem.asked, asked, "{}: pages asked about", r.name);
    assert_eq!(
        mem.inner.words(),
        before_words(),
        "{}: memory untouched",
        r.name
    );
}

/// The memory words of [`base_state`] (the rows never write memory).
fn before_words() -> &'static std::collections::BTreeMap<u64, u64> {
    static W: std::sync::OnceLock<std::collections::BTreeMap<u64, u64>> =
        std::sync::OnceLock::new();
    W.get_or_init(|| base_state().1.words().clone())
}

/// `epc` with PSR.it = 1 on execute-promote pages (SDM Vol. 3 `epc`: the new level is the
/// page's TLB.pl when it is numerically lower than PSR.cpl, else PSR.cpl is unchanged; the
/// Illegal Operation check on PFS.ppl comes first) and with PSR.it = 0 (cpl ← 0, the page is
/// not consulted).
#[test]
fn epc_on_promote_pages() {
    let row = |name, it, cpl, ppl, page_pl, bundle, want, asks| EpcRow {
        name,
        it,
        cpl,
        ppl,
        page_pl,
        bundle,
        want,
        asks,
    };
    for r in [
        row(
            "pl 0 page promotes cpl 3 to 0",
            true,
            3,
            3,
            0,
            0,
            Ok(0),
            true,
        ),
        row(
            "pl 2 page promotes cpl 3 to 2",
            true,
            3,
            3,
            2,
            0,
            Ok(2),
            true,
        ),
        row(
            "pl 1 page promotes cpl 2 to 1",
            true,
            2,
            3,
            1,
            0,
            Ok(1),
            true,
        ),
        row(
            "pl 0 page, epc in the page's last bundle",
            true,
            3,
            3,
            0,
            1023,
            Ok(0),
            true,
        ),
        row("equal level: unchanged", true, 2, 2, 2, 0, Ok(2), true),
        row("pl 3 page never promotes", true, 3, 3, 3, 0, Ok(3), true),
        row(
            "no demotion: pl 2 page at cpl 1",
            true,
            1,
            1,
            2,
            0,
            Ok(1),
            true,
        ),
        row(
            "no demotion: pl 3 page at cpl 0",
            true,
            0,
            0,
            3,
            0,
            Ok(0),
            true,
        ),
        row(
            "epc outside the promote page",
            true,
            3,
            3,
            0,
            1024,
            Ok(3),
            true,
        ),
        row(
            "PFS.ppl < cpl faults first",
            true,
            3,
            2,
            0,
            0,
            Err(Fault::IllegalOperation),
            false,
        ),
        row(
            "PFS.ppl 0 < cpl 1 faults",
            true,
            1,
            0,
            0,
            0,
            Err(Fault::IllegalOperation),
            false,
        ),
        row(
            "PSR.it=0: cpl 0, page ignored",
            false,
            3,
            3,
            2,
            0,
            Ok(0),
            false,
        ),
        row(
            "PSR.it=0 outside the page",
            false,
            2,
            3,
            0,
            1024,
            Ok(0),
            false,
        ),
        row(
            "PSR.it=0, PFS.ppl < cpl",
            false,
            3,
            1,
            0,
            0,
            Err(Fault::IllegalOperation),
            false,
        ),
    ] {
        run_epc_row(&r);
    }
}

#[test]
fn vmsw() {
    run_table(&[
        Case::new("vmsw.0: PSR.vm not implemented", [b(BInsn::Vmsw0)])
            .setup(|st, _| st.set_cpl(0))
            .faults(Fault::IllegalOperation),
        Case::new("vmsw.1: PSR.vm not implemented", [b(BInsn::Vmsw1)])
            .faults(Fault::IllegalOperation),
    ]);
}

// ---------------------------------------------------------------------------------------------
// brp, break.b, nop.b, hint.b
// ---------------------------------------------------------------------------------------------

#[test]
fn hints_and_break() {
    run_table(&[
        Case::new(
            "brp target, tag",
            [b(BInsn::BrpRel {
                wh: Ipwh::Loop,
                ih: Ih::Imp,
                target: TARGET,
                tag: CODE_BASE + 0x30,
            })],
        ),
        Case::new(
            "brp.ret b0, tag",
            [b(BInsn::BrpInd {
                ret: true,
                wh: Ipwh::Sptk,
                ih: Ih::Plain,
                b2: 0,
                tag: CODE_BASE + 0x30,
            })],
        )
        .setup(|st, _| st.br[0] = 1 << 58),
        Case::new("nop.b", [b(BInsn::Nop { imm: 0x1fffff })]),
        Case::new("hint.b @pause", [b(BInsn::Hint { imm: 0 })]),
        Case::new("break.b 0x100000", [b(BInsn::Break { imm: 0x100000 })])
            .faults(Fault::Break { imm: 0x100000 }),
        Case::slots(
            "break.b qp false",
            [slot(2, b(BInsn::Break { imm: 0x100000 }))],
        ),
        Case::slots("break.b qp true", [slot(2, b(BInsn::Break { imm: 7 }))])
            .setup(|st, _| st.write_pr(2, true))
            .faults(Fault::Break { imm: 7 }),
    ]);
}

// ---------------------------------------------------------------------------------------------
// X unit
// ---------------------------------------------------------------------------------------------

#[test]
fn movl() {
    let movl = |r1, imm| x(XInsn::Movl { r1, imm });
    run_table(&[
        Case::new("movl r5", [movl(5, 0x8765_4321_0fed_cba9)])
            .expect(|st, _| st.gr[5] = 0x8765_4321_0fed_cba9),
        Case::new("movl clears NaT", [movl(5, 1)])
            .setup(|st, _| st.write_gr(5, 9, true).unwrap())
            .expect(|st, _| {
                st.gr[5] = 1;
                st.nat &= !(1 << 5);
            }),
        Case::new("movl r47 (last in frame)", [movl(47, u64::MAX)]).expect(|st, _| {
            st.write_gr(47, u64::MAX, false).unwrap();
            assert_eq!(st.read_gr(47), (u64::MAX, false));
        }),
        Case::new("movl r16 writes the active bank", [movl(16, 0x16)])
            .expect(|st, _| st.gr[16] = 0x16),
        Case::new("movl r48 out of frame", [movl(48, 1)]).faults(Fault::IllegalOperation),
        Case::new("movl r0", [movl(0, 1)]).faults(Fault::IllegalOperation),
        Case::slots("movl qp false", [slot(8, movl(5, 1))]),
        Case::slots("movl qp true", [slot(8, movl(5, 3))])
            .setup(|st, _| st.write_pr(8, true))
            .expect(|st, _| st.gr[5] = 3),
    ]);
}

#[test]
fn brl() {
    let far = 0x2000_0000_0000_1000;
    let brl = |target| {
        x(XInsn::BrlCond {
            hints: XHINTS,
            target,
            no_qp: true,
        })
    };
    let brl_call = |b1, target| {
        x(XInsn::BrlCall {
            b1,
            hints: XHINTS,
            target,
        })
    };
    run_table(&[
        Case::new("brl far", [brl(far)]).expect(move |st, _| st.ip = far),
        Case::slots("brl qp false", [slot(11, brl(far))]),
        Case::new(
            "brl to an unimplemented address",
            [brl(0x0100_0000_0000_0000)],
        )
        .traps(
            Fault::UnimplementedInstructionAddress {
                target: 0x0100_0000_0000_0000,
            },
            |st, _| st.ip = 0x0100_0000_0000_0000,
        ),
        Case::new("brl.call b6", [nop_b(), brl_call(6, far)])
            .setup(|st, _| set_ec(st, 9))
            .expect(move |st, _| expect_called(st, 6, CODE_BASE + 16, far, 9)),
        Case::slots("brl.call qp false", [slot(11, brl_call(6, far))]),
        Case::new("brl.call unimplemented", [brl_call(0, 1 << 60)]).traps(
            Fault::UnimplementedInstructionAddress { target: 1 << 60 },
            |st, _| expect_called(st, 0, CODE_BASE + 16, 1 << 60, 0),
        ),
    ]);
}

#[test]
fn break_nop_hint_x() {
    run_table(&[
        Case::new(
            "break.x imm62",
            [x(XInsn::Break {
                imm: 0x3fff_ffff_ffff_ffff,
            })],
        )
        .faults(Fault::Break {
            imm: 0x3fff_ffff_ffff_ffff,
        }),
        Case::slots("break.x qp false", [slot(1, x(XInsn::Break { imm: 5 }))]),
        Case::new("nop.x", [x(XInsn::Nop { imm: 0x1234 })]),
        Case::new("hint.x", [x(XInsn::Hint { imm: 0 })]),
    ]);
}

/// Loop branches (slot 2) to an unimplemented address: the branch commits everything (LC, EC,
/// PR63, rotation), then raises the Unimplemented Instruction Address trap with IP = the target.
#[test]
fn loop_branch_to_unimplemented_address_commits_then_traps() {
    const T: u64 = 1 << 55;
    let trap = Fault::UnimplementedInstructionAddress { target: T };
    run_table(&[
        // cloop, LC = 3: taken, LC = 2.
        Case::new(
            "br.cloop unimplemented",
            [nop_b(), nop_b(), br(IpBr::Cloop, T)],
        )
        .setup(|st, _| set_lc(st, 3))
        .traps(trap, |st, _| {
            set_lc(st, 2);
            st.ip = T;
        }),
        // ctop, LC = 3: taken, LC = 2, PR63 = 1, rotate.
        Case::new(
            "br.ctop unimplemented",
            [nop_b(), nop_b(), br(IpBr::Ctop, T)],
        )
        .setup(|st, _| set_lc(st, 3))
        .traps(trap, |st, _| {
            set_lc(st, 2);
            st.write_pr(63, true);
            st.rse.rotate_regs();
            st.ip = T;
        }),
        // cexit, LC = 0, EC = 1: taken (the loop ends), EC = 0, PR63 = 0, rotate.
        Case::new(
            "br.cexit unimplemented",
            [nop_b(), nop_b(), br(IpBr::Cexit, T)],
        )
        .setup(|st, _| set_ec(st, 1))
        .traps(trap, |st, _| {
            set_ec(st, 0);
            st.write_pr(63, false);
            st.rse.rotate_regs();
            st.ip = T;
        }),
        // wtop with qp 0 (true): taken, PR63 = 0, rotate.
        Case::new(
            "br.wtop unimplemented",
            [nop_b(), nop_b(), br(IpBr::Wtop, T)],
        )
        .setup(|st, _| st.write_pr(63, true))
        .traps(trap, |st, _| {
            st.write_pr(63, false);
            st.rse.rotate_regs();
            st.ip = T;
        }),
        // wexit with p9 false, EC = 0: taken, PR63 = 0, no rotation.
        Case::slots(
            "br.wexit unimplemented",
            [
                slot(0, nop_b()),
                slot(0, nop_b()),
                slot(9, br(IpBr::Wexit, T)),
            ],
        )
        .setup(|st, _| st.write_pr(63, true))
        .traps(trap, |st, _| {
            st.write_pr(63, false);
            st.ip = T;
        }),
    ]);
}

/// The slot rule of the loop branches ("only allowed in instruction slot 2 ... either slot 0
/// or 1 will cause an Illegal Operation fault, whether the branch would have been taken or
/// not", SDM Vol. 3 `br`), for every slot, taken or not, qp true or false.
#[test]
fn loop_branches_only_in_slot_2() {
    use ia64_cpu::exec::{execute, predicated_off, SlotCtx};
    for kind in [
        IpBr::Cloop,
        IpBr::Ctop,
        IpBr::Cexit,
        IpBr::Wtop,
        IpBr::Wexit,
    ] {
        for lc in [0, 4] {
            for qp in [0u8, 9] {
                for slot in 0..3u8 {
                    let (mut st, mut mem) = base_state();
                    set_lc(&mut st, lc);
                    let before = st.clone();
                    let ctx = SlotCtx {
                        ip: CODE_BASE,
                        slot,
                        qp,
                    };
                    let insn = br(kind, TARGET);
                    let while_kind = matches!(kind, IpBr::Wtop | IpBr::Wexit);
                    let got = if qp == 0 {
                        execute(&mut st, &mut mem, &insn, ctx)
                    } else {
                        predicated_off(&mut st, &mut mem, &insn, ctx)
                    };
                    let what = format!("{kind:?} lc={lc} qp={qp} slot={slot}");
                    if slot != 2 && (qp == 0 || while_kind) {
                        assert_eq!(got, Err(Fault::IllegalOperation), "{what}");
                        assert_eq!(st, before, "{what}");
                    } else {
                        assert!(got.is_ok(), "{what}: {got:?}");
                    }
                }
            }
        }
    }
}
