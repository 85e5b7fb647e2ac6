//! State-transition tables for the M-unit system instructions (exec/system.rs): every
//! `MSysInsn` variant, predicated-off slots and faulting slots. Expected values are worked out
//! by hand from the SDM (Vol. 3 instruction pages) in the comments next to them.

use ia64_cpu::alat::AlatReg;
use ia64_cpu::exec::{execute, Flow, SlotCtx};
use ia64_cpu::fault::{Fault, RefKind};
use ia64_cpu::mem::{Access, MemFault, MemFaultKind, Memory, Size, TranslationOp};
use ia64_cpu::rse::{AllocArgs, Cfm, Ifs};
use ia64_cpu::state::{ar, cr, psr, Fr, State};
use ia64_cpu::testing::{base_state, run_table, Case, CODE_BASE, RBS_BASE};
use ia64_isa::insn::{Insn, Slot};
use ia64_isa::unit_m_sys::{
    ChkAKind, IndFile, MSysInsn as S, ProbeKind, PsrMaskOp, PsrPart, PurgeOp, RseOp, SyncOp,
    TlbSide, TransOp,
};

fn m(i: S) -> Insn {
    Insn::MSys(i)
}

/// A slot predicated on p6, which is false in the base state.
fn off(i: S) -> Slot {
    Slot { qp: 6, insn: m(i) }
}

fn set(st: &mut State, r: u8, v: u64) {
    st.write_gr(r, v, false).unwrap();
}

fn set_nat(st: &mut State, r: u8) {
    st.write_gr(r, 0, true).unwrap();
}

fn kernel(st: &mut State) {
    st.set_cpl(0);
}

/// Kernel mode with PSR.ic = 0 (the interruption CRs and TLB inserts need it).
fn kernel_noic(st: &mut State) {
    st.set_cpl(0);
    st.set_psr_bit(psr::IC, false);
}

const TARGET: u64 = CODE_BASE + 0x40;

fn mov_to_ar(a: u8, r2: u8) -> Insn {
    m(S::MovToAr { ar: a, r2 })
}

fn mov_from_ar(r1: u8, a: u8) -> Insn {
    m(S::MovFromAr { r1, ar: a })
}

fn mov_to_cr(c: u8, r2: u8) -> Insn {
    m(S::MovToCr { cr: c, r2 })
}

fn mov_from_cr(r1: u8, c: u8) -> Insn {
    m(S::MovFromCr { r1, cr: c })
}

// -------------------------------------------------------------------------------------------
// break, nop, hint, ordering, ALAT
// -------------------------------------------------------------------------------------------

#[test]
fn hints_breaks_and_ordering() {
    run_table(&[
        Case::new("break.m", [m(S::Break { imm: 0x12345 })]).faults(Fault::Break { imm: 0x12345 }),
        Case::slots("break.m predicated off", [off(S::Break { imm: 1 })]),
        Case::new("nop.m", [m(S::Nop { imm: 0x100000 })]),
        Case::new("hint.m", [m(S::Hint { imm: 0x7ffff })]),
        Case::new(
            "mov dahr is a hint",
            [m(S::MovToDahr {
                dahr: 7,
                imm: 0xffff,
            })],
        ),
        Case::new(
            "fences and serialisation",
            [
                m(S::Sync { op: SyncOp::Fwb }),
                m(S::Sync { op: SyncOp::Mf }),
                m(S::Sync { op: SyncOp::MfA }),
                m(S::Sync { op: SyncOp::SrlzD }),
                m(S::Sync { op: SyncOp::SrlzI }),
                m(S::Sync { op: SyncOp::SyncI }),
            ],
        ),
        Case::new(
            "invala empties the ALAT",
            [m(S::Sync { op: SyncOp::Invala })],
        )
        .setup(|st, _| {
            st.alat.insert(AlatReg::Gr(5), 0x100, 8);
            st.alat.insert(AlatReg::Fr(40), 0x200, 8);
        })
        .expect(|st, _| st.alat.clear()),
        Case::slots(
            "invala predicated off",
            [off(S::Sync { op: SyncOp::Invala })],
        )
        .setup(|st, _| st.alat.insert(AlatReg::Gr(5), 0x100, 8)),
    ]);
}

#[test]
fn sync_i_and_fc_flush_decoded_code() {
    let (mut st, mut mem) = base_state();
    let ctx = SlotCtx {
        ip: CODE_BASE,
        slot: 0,
        qp: 0,
    };
    let r = execute(&mut st, &mut mem, &m(S::Sync { op: SyncOp::SyncI }), ctx);
    assert_eq!(r, Ok(Flow::FlushAllCode));
    set(&mut st, 9, 0x4000_0000_0002_0010);
    let before = st.clone();
    let r = execute(&mut st, &mut mem, &m(S::Fc { inst: true, r3: 9 }), ctx);
    assert_eq!(r, Ok(Flow::FlushCode(0x4000_0000_0002_0010)));
    let r = execute(&mut st, &mut mem, &m(S::Fc { inst: false, r3: 9 }), ctx);
    assert_eq!(r, Ok(Flow::FlushCode(0x4000_0000_0002_0010)));
    assert_eq!(st, before);
}

#[test]
fn invala_e_and_chk_a() {
    run_table(&[
        Case::new("invala.e r5 removes only r5", [m(S::InvalaEGr { r1: 5 })])
            .setup(|st, _| {
                st.alat.insert(AlatReg::Gr(5), 0x100, 8);
                st.alat.insert(AlatReg::Gr(6), 0x108, 8);
                st.alat.insert(AlatReg::Fr(5), 0x110, 8);
            })
            .expect(|st, _| st.alat.remove(AlatReg::Gr(5))),
        // Base frame: BOF = physical 0, so r33 is physical stacked register 1 → tag 32 + 1.
        Case::new("invala.e r33 (stacked)", [m(S::InvalaEGr { r1: 33 })])
            .setup(|st, _| st.alat.insert(AlatReg::Gr(33), 0x100, 8))
            .expect(|st, _| st.alat.remove(AlatReg::Gr(33))),
        Case::new(
            "invala.e r60 outside the frame does nothing",
            [m(S::InvalaEGr { r1: 60 })],
        )
        .setup(|st, _| st.alat.insert(AlatReg::Gr(60), 0x100, 8)),
        // One rotation: rrb.fr = 95, so f40 names physical 32 + (8 + 95) mod 96 = 39.
        Case::new("invala.e f40 after rotation", [m(S::InvalaEFr { f1: 40 })])
            .setup(|st, _| {
                st.rse.rotate_regs();
                st.alat.insert(AlatReg::Fr(39), 0x100, 8);
                st.alat.insert(AlatReg::Fr(40), 0x200, 8);
            })
            .expect(|st, _| st.alat.remove(AlatReg::Fr(39))),
        Case::slots("invala.e predicated off", [off(S::InvalaEGr { r1: 5 })])
            .setup(|st, _| st.alat.insert(AlatReg::Gr(5), 0x100, 8)),
        Case::new(
            "chk.a.nc r5 with an entry falls through",
            [m(S::ChkAGr {
                kind: ChkAKind::Nc,
                r1: 5,
                target: TARGET,
            })],
        )
        .setup(|st, _| st.alat.insert(AlatReg::Gr(5), 0x100, 8)),
        Case::new(
            "chk.a.nc r5 without an entry branches",
            [m(S::ChkAGr {
                kind: ChkAKind::Nc,
                r1: 5,
                target: TARGET,
            })],
        )
        .setup(|st, _| st.alat.insert(AlatReg::Gr(6), 0x100, 8))
        .expect(|st, _| st.ip = TARGET),
        Case::new(
            "chk.a.clr r34 with an entry removes it",
            [m(S::ChkAGr {
                kind: ChkAKind::Clr,
                r1: 34,
                target: TARGET,
            })],
        )
        .setup(|st, _| st.alat.insert(AlatReg::Gr(34), 0x100, 8))
        .expect(|st, _| st.alat.remove(AlatReg::Gr(34))),
        Case::new(
            "chk.a.clr f6 without an entry branches",
            [m(S::ChkAFr {
                kind: ChkAKind::Clr,
                f1: 6,
                target: TARGET,
            })],
        )
        .expect(|st, _| st.ip = TARGET),
        Case::new(
            "chk.a.nc f6 with an entry falls through",
            [m(S::ChkAFr {
                kind: ChkAKind::Nc,
                f1: 6,
                target: TARGET,
            })],
        )
        .setup(|st, _| st.alat.insert(AlatReg::Fr(6), 0x100, 8)),
        Case::new(
            "chk.a r50 outside the frame",
            [m(S::ChkAGr {
                kind: ChkAKind::Nc,
                r1: 50,
                target: TARGET,
            })],
        )
        .faults(Fault::IllegalOperation),
        Case::slots(
            "chk.a predicated off",
            [off(S::ChkAGr {
                kind: ChkAKind::Nc,
                r1: 5,
                target: TARGET,
            })],
        ),
    ]);
}

#[test]
fn chk_s() {
    let chk_gr = |r2| m(S::ChkSGr { r2, target: TARGET });
    let chk_fr = |f2| m(S::ChkSFr { f2, target: TARGET });
    run_table(&[
        Case::new("chk.s.m r4 NaT branches", [chk_gr(4)])
            .setup(|st, _| set_nat(st, 4))
            .expect(|st, _| st.ip = TARGET),
        Case::new("chk.s.m r35 NaT branches", [chk_gr(35)])
            .setup(|st, _| set_nat(st, 35))
            .expect(|st, _| st.ip = TARGET),
        Case::new("chk.s.m r4 valid falls through", [chk_gr(4)]).setup(|st, _| set(st, 4, 7)),
        Case::new("chk.s f6 NaTVal branches", [chk_fr(6)])
            .setup(|st, _| st.fr[6] = Fr::NATVAL)
            .expect(|st, _| st.ip = TARGET),
        Case::new("chk.s f6 value falls through", [chk_fr(6)])
            .setup(|st, _| st.fr[6] = Fr::from_sig(5)),
        Case::new("chk.s f6 with PSR.dfl", [chk_fr(6)])
            .setup(|st, _| {
                st.fr[6] = Fr::NATVAL;
                st.set_psr_bit(psr::DFL, true);
            })
            .faults(Fault::DisabledFpRegister {
                low: true,
                high: false,
            }),
        Case::new("chk.s f40 with PSR.dfh", [chk_fr(40)])
            .setup(|st, _| st.set_psr_bit(psr::DFH, true))
            .faults(Fault::DisabledFpRegister {
                low: false,
                high: true,
            }),
        Case::slots(
            "chk.s predicated off",
            [off(S::ChkSGr {
                r2: 4,
                target: TARGET,
            })],
        )
        .setup(|st, _| set_nat(st, 4)),
    ]);
}

// -------------------------------------------------------------------------------------------
// alloc, flushrs, loadrs
// -------------------------------------------------------------------------------------------

/// AR.PFS = {pfm = (sof 5, sol 3), pec 0x2a, ppl 3}: 0x185 | 0x2a << 52 | 3 << 62.
const PFS: u64 = 0x185 | (0x2a << 52) | (3 << 62);

fn alloc(r1: u8, sof: u8, sol: u8, sor: u8) -> Insn {
    m(S::Alloc { r1, sof, sol, sor })
}

/// A caller frame of 16 (8 locals holding 0x100 + i) and a `br.call`: 8 dirty registers, and
/// a callee frame of 8 (r32–r39 = the caller's outputs).
fn called(st: &mut State) {
    for i in 0..16u8 {
        set(st, 32 + i, 0x100 + u64::from(i));
    }
    st.rse.br_call(0, 3);
}

#[test]
fn alloc_table() {
    run_table(&[
        Case::new(
            "alloc grows the frame, r34 = old pfs",
            [alloc(34, 20, 10, 0)],
        )
        .setup(|st, _| st.rse.mov_to_pfs(PFS, false).unwrap())
        .expect(|st, mem| {
            st.rse
                .alloc(
                    mem,
                    AllocArgs {
                        sof: 20,
                        sol: 10,
                        sor: 0,
                    },
                    34,
                )
                .unwrap();
            assert_eq!(st.rse.cfm(), Cfm::frame(20, 10));
            set(st, 34, PFS);
        }),
        Case::new(
            "alloc r8 shrinks the frame with rotation",
            [alloc(8, 8, 8, 8)],
        )
        .setup(|st, _| set(st, 8, 99))
        .expect(|st, mem| {
            st.rse
                .alloc(
                    mem,
                    AllocArgs {
                        sof: 8,
                        sol: 8,
                        sor: 8,
                    },
                    8,
                )
                .unwrap();
            assert_eq!(
                st.rse.cfm(),
                Cfm {
                    sor: 1,
                    ..Cfm::frame(8, 8)
                }
            );
            set(st, 8, 0); // the old PFS is 0 in the base state
        }),
        // 8 dirty + 8 in frame: growing to 96 leaves 80 free for 88 new registers, so the 8
        // dirty ones are spilled to RBS_BASE.. (no collection slot before 0x1f8).
        Case::new("alloc with mandatory spills", [alloc(33, 96, 4, 0)])
            .setup(|st, _| called(st))
            .expect(|st, mem| {
                let pfs = st.rse.pfs().encode();
                st.rse
                    .alloc(
                        mem,
                        AllocArgs {
                            sof: 96,
                            sol: 4,
                            sor: 0,
                        },
                        33,
                    )
                    .unwrap();
                for i in 0..8u64 {
                    assert_eq!(mem.peek_u64(RBS_BASE + 8 * i), 0x100 + i);
                }
                assert_eq!(st.rse.ndirty(), 0);
                set(st, 33, pfs);
            }),
        Case::new("alloc spill fault", [alloc(33, 96, 4, 0)])
            .setup(|st, mem| {
                called(st);
                mem.add_fault_range(RBS_BASE, RBS_BASE + 8, MemFaultKind::NotPresent);
            })
            .faults(Fault::Rse {
                fault: MemFault {
                    kind: MemFaultKind::NotPresent,
                    addr: RBS_BASE,
                    access: Access::rse_spill(0),
                },
                incomplete_frame: false,
            }),
        Case::new("alloc target outside the new frame", [alloc(40, 8, 8, 0)])
            .faults(Fault::IllegalOperation),
        Case::new("alloc r0", [alloc(0, 8, 8, 0)]).faults(Fault::IllegalOperation),
        Case::new("alloc sol > sof", [alloc(8, 4, 5, 0)]).faults(Fault::IllegalOperation),
        Case::new("alloc sof > 96", [alloc(8, 97, 5, 0)]).faults(Fault::IllegalOperation),
        Case::new("alloc rotating > sof", [alloc(8, 4, 4, 8)]).faults(Fault::IllegalOperation),
        Case::new(
            "alloc changing sor with a rotated frame",
            [alloc(8, 16, 8, 8)],
        )
        .setup(|st, _| st.rse.rotate_regs())
        .faults(Fault::ReservedRegisterField),
    ]);
}

#[test]
fn flushrs_loadrs_table() {
    let flushrs = || m(S::Rse { op: RseOp::Flushrs });
    let loadrs = || m(S::Rse { op: RseOp::Loadrs });
    run_table(&[
        Case::new("flushrs writes the dirty registers", [flushrs()])
            .setup(|st, _| called(st))
            .expect(|st, mem| {
                st.rse.flushrs(mem).unwrap();
                for i in 0..8u64 {
                    assert_eq!(mem.peek_u64(RBS_BASE + 8 * i), 0x100 + i);
                }
                assert_eq!(st.rse.bspstore(), RBS_BASE + 64);
                assert_eq!(st.rse.bsp(), RBS_BASE + 64);
            }),
        Case::new("flushrs with nothing dirty", [flushrs()]),
        Case::new("flushrs fault", [flushrs()])
            .setup(|st, mem| {
                called(st);
                mem.add_fault_range(RBS_BASE, RBS_BASE + 8, MemFaultKind::Protection);
            })
            .faults(Fault::Rse {
                fault: MemFault {
                    kind: MemFaultKind::Protection,
                    addr: RBS_BASE,
                    access: Access::rse_spill(0),
                },
                incomplete_frame: false,
            }),
        Case::new("loadrs needs enforced-lazy mode", [loadrs()])
            .setup(|st, _| {
                st.rse.cover(true);
                st.rse.mov_to_rsc(1, false, 0).unwrap();
            })
            .faults(Fault::IllegalOperation),
        Case::new("loadrs with a frame and RSC.loadrs != 0", [loadrs()])
            .setup(|st, _| st.rse.mov_to_rsc(16 << 16, false, 0).unwrap())
            .faults(Fault::IllegalOperation),
        // cover: the 16-register frame becomes dirty (BSP = RBS_BASE + 128); flushrs stores
        // it; loadrs of 128 bytes fills the 16 registers back: 16 dirty, BSPSTORE = RBS_BASE.
        Case::new("loadrs fills from the backing store", [flushrs(), loadrs()])
            .setup(|st, _| {
                set(st, 32, 0x55);
                st.rse.cover(true);
                st.rse.mov_to_rsc(128 << 16, false, 0).unwrap();
            })
            .expect(|st, mem| {
                st.rse.flushrs(mem).unwrap();
                st.rse.loadrs(mem).unwrap();
                assert_eq!(st.rse.ndirty(), 16);
                assert_eq!(st.rse.bspstore(), RBS_BASE);
                assert_eq!(mem.peek_u64(RBS_BASE), 0x55);
            }),
        // loadrs of 0 bytes invalidates every dirty register: BSPSTORE = BSP.
        Case::new("loadrs 0 drops the dirty registers", [loadrs()])
            .setup(|st, _| {
                called(st);
                st.rse.cover(true);
            })
            .expect(|st, mem| {
                st.rse.loadrs(mem).unwrap();
                assert_eq!(st.rse.ndirty(), 0);
                assert_eq!(st.rse.bspstore(), st.rse.bsp());
            }),
    ]);
}

// -------------------------------------------------------------------------------------------
// Application registers
// -------------------------------------------------------------------------------------------

/// Linux's FPSR_DEFAULT: every status field valid.
const FPSR_DEFAULT: u64 = 0x0009_804c_0270_033f;

#[test]
fn ar_moves_plain() {
    run_table(&[
        Case::new("mov.m ar.ccv = r9", [mov_to_ar(ar::CCV, 9)])
            .setup(|st, _| set(st, 9, 0xdead_beef))
            .expect(|st, _| st.ar[32] = 0xdead_beef),
        Case::new(
            "mov.m ar.unat = -1",
            [m(S::MovToArImm {
                ar: ar::UNAT,
                imm: -1,
            })],
        )
        .expect(|st, _| st.ar[36] = u64::MAX),
        Case::new("mov.m r40 = ar.ccv", [mov_from_ar(40, ar::CCV)])
            .setup(|st, _| {
                st.ar[32] = 77;
                set_nat(st, 40);
            })
            .expect(|st, _| set(st, 40, 77)),
        Case::new(
            "mov.m ar.csd, ar.ssd, ar.fcr",
            [
                mov_to_ar(ar::CSD, 9),
                mov_to_ar(ar::SSD, 10),
                mov_to_ar(ar::FCR, 9),
            ],
        )
        .setup(|st, _| {
            set(st, 9, 1);
            set(st, 10, 2);
        })
        .expect(|st, _| {
            st.ar[25] = 1;
            st.ar[26] = 2;
            st.ar[21] = 1;
        }),
        Case::new("mov.m ar.fpsr = default", [mov_to_ar(ar::FPSR, 9)])
            .setup(|st, _| set(st, 9, FPSR_DEFAULT))
            .expect(|st, _| st.ar[40] = FPSR_DEFAULT),
        Case::new("mov.m ar.fpsr sf0.td is reserved", [mov_to_ar(ar::FPSR, 9)])
            .setup(|st, _| set(st, 9, FPSR_DEFAULT | (1 << 12)))
            .faults(Fault::ReservedRegisterField),
        // sf1.pc (bits 22:21) = 01.
        Case::new(
            "mov.m ar.fpsr pc = 01 is reserved",
            [mov_to_ar(ar::FPSR, 9)],
        )
        .setup(|st, _| set(st, 9, (FPSR_DEFAULT & !(3 << 21)) | (1 << 21)))
        .faults(Fault::ReservedRegisterField),
        Case::new("mov.m ar.fpsr bits 63:58", [mov_to_ar(ar::FPSR, 9)])
            .setup(|st, _| set(st, 9, FPSR_DEFAULT | (1 << 60)))
            .faults(Fault::ReservedRegisterField),
        Case::new("mov.m ar.ccv = NaT", [mov_to_ar(ar::CCV, 9)])
            .setup(|st, _| set_nat(st, 9))
            .faults(Fault::RegisterNatConsumption),
        Case::new(
            "mov.m r50 = ar.ccv outside the frame",
            [mov_from_ar(50, ar::CCV)],
        )
        .faults(Fault::IllegalOperation),
        Case::new("mov.m r0 = ar.ccv", [mov_from_ar(0, ar::CCV)]).faults(Fault::IllegalOperation),
        Case::new(
            "mov.m ar.pfs is an I-unit register",
            [mov_to_ar(ar::PFS, 9)],
        )
        .faults(Fault::IllegalOperation),
        Case::new(
            "mov.m r8 = ar.lc is an I-unit register",
            [mov_from_ar(8, ar::LC)],
        )
        .faults(Fault::IllegalOperation),
        Case::new("mov.m r8 = ar.ec", [mov_from_ar(8, ar::EC)]).faults(Fault::IllegalOperation),
        Case::new("mov.m ar8 is reserved", [mov_to_ar(8, 9)]).faults(Fault::IllegalOperation),
        Case::new("mov.m r8 = ar45 is reserved", [mov_from_ar(8, 45)])
            .faults(Fault::IllegalOperation),
        Case::new("mov.m r8 = ar111 is reserved", [mov_from_ar(8, 111)])
            .faults(Fault::IllegalOperation),
        Case::new(
            "mov.m ar50 (ignored) = r9",
            [mov_to_ar(50, 9), mov_to_ar(120, 9)],
        )
        .setup(|st, _| set(st, 9, 5)),
        Case::new("mov.m r8 = ar50 (ignored) reads 0", [mov_from_ar(8, 50)])
            .setup(|st, _| {
                st.ar[50] = 5;
                set(st, 8, 3);
            })
            .expect(|st, _| set(st, 8, 0)),
        Case::slots(
            "mov.m ar.ccv predicated off",
            [off(S::MovToAr { ar: ar::CCV, r2: 9 })],
        )
        .setup(|st, _| set(st, 9, 1)),
    ]);
}

#[test]
fn ar_moves_privileged() {
    run_table(&[
        Case::new("mov.m ar.k3 = r9 at cpl 3", [mov_to_ar(3, 9)])
            .setup(|st, _| set(st, 9, 1))
            .faults(Fault::PrivilegedRegister),
        Case::new("mov.m ar.k3 = r9 at cpl 0", [mov_to_ar(3, 9)])
            .setup(|st, _| {
                kernel(st);
                set(st, 9, 0x1234);
            })
            .expect(|st, _| st.ar[3] = 0x1234),
        Case::new("mov.m r8 = ar.k7 at cpl 3", [mov_from_ar(8, 7)])
            .setup(|st, _| st.ar[7] = 0x77)
            .expect(|st, _| set(st, 8, 0x77)),
        Case::new("mov.m ar.itc = r9 at cpl 3", [mov_to_ar(ar::ITC, 9)])
            .faults(Fault::PrivilegedRegister),
        // ITC = offset + retired: 100 instructions retired, writing 1000 makes the offset 900.
        Case::new("mov.m ar.itc = r9 at cpl 0", [mov_to_ar(ar::ITC, 9)])
            .setup(|st, _| {
                kernel(st);
                st.retired = 100;
                set(st, 9, 1000);
            })
            .expect(|st, _| st.itc_offset = 900),
        Case::new("mov.m r8 = ar.itc", [mov_from_ar(8, ar::ITC)])
            .setup(|st, _| {
                st.retired = 50;
                st.itc_offset = 1000;
            })
            .expect(|st, _| set(st, 8, 1050)),
        Case::new(
            "mov.m r8 = ar.itc with PSR.si at cpl 3",
            [mov_from_ar(8, ar::ITC)],
        )
        .setup(|st, _| st.set_psr_bit(psr::SI, true))
        .faults(Fault::PrivilegedRegister),
        Case::new(
            "mov.m r8 = ar.itc with PSR.si at cpl 0",
            [mov_from_ar(8, ar::ITC)],
        )
        .setup(|st, _| {
            kernel(st);
            st.set_psr_bit(psr::SI, true);
            st.itc_offset = 5;
        })
        .expect(|st, _| set(st, 8, 5)),
        Case::new("mov.m ar.k0 = NaT at cpl 3 (NaT first)", [mov_to_ar(0, 9)])
            .setup(|st, _| set_nat(st, 9))
            .faults(Fault::RegisterNatConsumption),
    ]);
}

#[test]
fn ar_moves_rse() {
    run_table(&[
        Case::new("mov.m r8 = ar.bsp", [mov_from_ar(8, ar::BSP)])
            .expect(|st, _| set(st, 8, RBS_BASE)),
        Case::new("mov.m ar.bsp = r9", [mov_to_ar(ar::BSP, 9)]).faults(Fault::IllegalOperation),
        Case::new("mov.m r8 = ar.bspstore", [mov_from_ar(8, ar::BSPSTORE)])
            .expect(|st, _| set(st, 8, RBS_BASE)),
        Case::new(
            "mov.m ar.bspstore = r9 (low bits dropped)",
            [mov_to_ar(ar::BSPSTORE, 9)],
        )
        .setup(|st, _| set(st, 9, RBS_BASE + 0x1007))
        .expect(|st, _| {
            st.rse.mov_to_bspstore(RBS_BASE + 0x1000, false).unwrap();
            assert_eq!(st.rse.bsp(), RBS_BASE + 0x1000);
        }),
        Case::new("mov.m ar.bspstore = NaT", [mov_to_ar(ar::BSPSTORE, 9)])
            .setup(|st, _| set_nat(st, 9))
            .faults(Fault::RegisterNatConsumption),
        Case::new(
            "mov.m ar.bspstore in eager mode",
            [mov_to_ar(ar::BSPSTORE, 9)],
        )
        .setup(|st, _| st.rse.mov_to_rsc(3, false, 0).unwrap())
        .faults(Fault::IllegalOperation),
        Case::new(
            "mov.m r8 = ar.bspstore in eager mode",
            [mov_from_ar(8, ar::BSPSTORE)],
        )
        .setup(|st, _| st.rse.mov_to_rsc(2, false, 0).unwrap())
        .faults(Fault::IllegalOperation),
        Case::new(
            "mov.m ar.rnat = r9 drops bit 63",
            [mov_to_ar(ar::RNAT, 9), mov_from_ar(8, ar::RNAT)],
        )
        .setup(|st, _| set(st, 9, u64::MAX))
        .expect(|st, _| {
            st.rse.mov_to_rnat(u64::MAX >> 1, false).unwrap();
            set(st, 8, u64::MAX >> 1);
        }),
        Case::new(
            "mov.m r8 = ar.rnat in load-intensive mode",
            [mov_from_ar(8, ar::RNAT)],
        )
        .setup(|st, _| st.rse.mov_to_rsc(1, false, 0).unwrap())
        .faults(Fault::IllegalOperation),
        // RSC = mode 3, pl 0 at cpl 3: pl is raised to 3, so RSC reads 3 | 3 << 2 = 0xf.
        Case::new(
            "mov.m ar.rsc clamps pl to cpl",
            [mov_to_ar(ar::RSC, 9), mov_from_ar(8, ar::RSC)],
        )
        .setup(|st, _| set(st, 9, 3))
        .expect(|st, _| {
            st.rse.mov_to_rsc(0xf, false, 0).unwrap();
            set(st, 8, 0xf);
        }),
        Case::new(
            "mov.m ar.rsc = imm at cpl 0",
            [m(S::MovToArImm {
                ar: ar::RSC,
                imm: 0x13,
            })],
        )
        .setup(|st, _| kernel(st))
        .expect(|st, _| st.rse.mov_to_rsc(0x13, false, 0).unwrap()),
        Case::new("mov.m ar.rsc reserved bit 5", [mov_to_ar(ar::RSC, 9)])
            .setup(|st, _| set(st, 9, 1 << 5))
            .faults(Fault::ReservedRegisterField),
        Case::new("mov.m ar.rsc = NaT", [mov_to_ar(ar::RSC, 9)])
            .setup(|st, _| set_nat(st, 9))
            .faults(Fault::RegisterNatConsumption),
    ]);
}

// -------------------------------------------------------------------------------------------
// Control registers
// -------------------------------------------------------------------------------------------

#[test]
fn cr_moves() {
    run_table(&[
        Case::new("mov cr.dcr at cpl 3", [mov_to_cr(cr::DCR, 9)])
            .faults(Fault::PrivilegedOperation),
        Case::new("mov r8 = cr.pta at cpl 3", [mov_from_cr(8, cr::PTA)])
            .faults(Fault::PrivilegedOperation),
        Case::new("mov cr.dcr = r9", [mov_to_cr(cr::DCR, 9)])
            .setup(|st, _| {
                kernel(st);
                set(st, 9, 0x7f07);
            })
            .expect(|st, _| st.cr[0] = 0x7f07),
        Case::new("mov cr.dcr reserved bit 3", [mov_to_cr(cr::DCR, 9)])
            .setup(|st, _| {
                kernel(st);
                set(st, 9, 8);
            })
            .faults(Fault::ReservedRegisterField),
        Case::new("mov cr.dcr = NaT", [mov_to_cr(cr::DCR, 9)])
            .setup(|st, _| {
                kernel(st);
                set_nat(st, 9);
            })
            .faults(Fault::RegisterNatConsumption),
        Case::new(
            "mov cr.iva ignores bits 14:0",
            [mov_to_cr(cr::IVA, 9), mov_from_cr(8, cr::IVA)],
        )
        .setup(|st, _| {
            kernel(st);
            set(st, 9, 0xa000_0001_0001_ffff);
        })
        .expect(|st, _| {
            st.cr[2] = 0xa000_0001_0001_8000;
            set(st, 8, 0xa000_0001_0001_8000);
        }),
        Case::new("mov cr.pta = r9", [mov_to_cr(cr::PTA, 9)])
            .setup(|st, _| {
                kernel(st);
                set(st, 9, 0x1_0000_0051);
            })
            .expect(|st, _| st.cr[8] = 0x1_0000_0051),
        Case::new("mov cr.pta size 14 is reserved", [mov_to_cr(cr::PTA, 9)])
            .setup(|st, _| {
                kernel(st);
                set(st, 9, 0x1_0000_0000 | (14 << 2));
            })
            .faults(Fault::ReservedRegisterField),
        Case::new("mov cr.ipsr with PSR.ic = 1", [mov_to_cr(cr::IPSR, 9)])
            .setup(|st, _| kernel(st))
            .faults(Fault::IllegalOperation),
        Case::new("mov r8 = cr.iip with PSR.ic = 1", [mov_from_cr(8, cr::IIP)])
            .setup(|st, _| kernel(st))
            .faults(Fault::IllegalOperation),
        Case::new("mov cr.ipsr = r9 with PSR.ic = 0", [mov_to_cr(cr::IPSR, 9)])
            .setup(|st, _| {
                kernel_noic(st);
                set(st, 9, (1 << psr::BN) | (3 << psr::CPL) | (2 << psr::RI));
            })
            .expect(|st, _| st.cr[16] = (1 << psr::BN) | (3 << psr::CPL) | (2 << psr::RI)),
        Case::new("mov cr.ipsr ri = 3 is reserved", [mov_to_cr(cr::IPSR, 9)])
            .setup(|st, _| {
                kernel_noic(st);
                set(st, 9, 3 << psr::RI);
            })
            .faults(Fault::ReservedRegisterField),
        Case::new("mov cr.isr bits 31:24 reserved", [mov_to_cr(cr::ISR, 9)])
            .setup(|st, _| {
                kernel_noic(st);
                set(st, 9, 1 << 24);
            })
            .faults(Fault::ReservedRegisterField),
        Case::new("mov cr.iha ignores bits 1:0", [mov_to_cr(cr::IHA, 9)])
            .setup(|st, _| {
                kernel_noic(st);
                set(st, 9, 0x1003);
            })
            .expect(|st, _| st.cr[25] = 0x1000),
        // IFS = v | {sof 12, sol 8} (CFM encoding 0x40c).
        Case::new(
            "mov cr.ifs = r9",
            [mov_to_cr(cr::IFS, 9), mov_from_cr(8, cr::IFS)],
        )
        .setup(|st, _| {
            kernel_noic(st);
            set(st, 9, (1 << 63) | 0x40c);
        })
        .expect(|st, _| {
            st.rse.set_ifs(Ifs {
                ifm: Cfm::frame(12, 8),
                v: true,
            });
            set(st, 8, (1 << 63) | 0x40c);
        }),
        Case::new("mov cr.ifs with sof 100 and v", [mov_to_cr(cr::IFS, 9)])
            .setup(|st, _| {
                kernel_noic(st);
                set(st, 9, (1 << 63) | 100);
            })
            .faults(Fault::ReservedRegisterField),
        Case::new("mov cr.ifs bits 62:38", [mov_to_cr(cr::IFS, 9)])
            .setup(|st, _| {
                kernel_noic(st);
                set(st, 9, 1 << 40);
            })
            .faults(Fault::ReservedRegisterField),
        Case::new("mov cr.ivr is read-only", [mov_to_cr(cr::IVR, 9)])
            .setup(|st, _| kernel(st))
            .faults(Fault::IllegalOperation),
        Case::new("mov cr.irr2 is read-only", [mov_to_cr(cr::IRR0 + 2, 9)])
            .setup(|st, _| kernel(st))
            .faults(Fault::IllegalOperation),
        Case::new("mov r8 = cr.irr1", [mov_from_cr(8, cr::IRR0 + 1)])
            .setup(|st, _| {
                kernel(st);
                st.cr[69] = 0x8000;
            })
            .expect(|st, _| set(st, 8, 0x8000)),
        Case::new("mov cr5 is reserved (before privilege)", [mov_to_cr(5, 9)])
            .faults(Fault::IllegalOperation),
        Case::new("mov r8 = cr9 is reserved", [mov_from_cr(8, 9)])
            .setup(|st, _| kernel(st))
            .faults(Fault::IllegalOperation),
        Case::new("mov r8 = cr90 is reserved", [mov_from_cr(8, 90)])
            .setup(|st, _| kernel(st))
            .faults(Fault::IllegalOperation),
        Case::new(
            "mov r50 = cr.dcr outside the frame",
            [mov_from_cr(50, cr::DCR)],
        )
        .setup(|st, _| kernel(st))
        .faults(Fault::IllegalOperation),
        Case::new("mov cr.tpr keeps mic and mmi", [mov_to_cr(cr::TPR, 9)])
            .setup(|st, _| {
                kernel(st);
                set(st, 9, 0xffff_0000_0001_00f5);
            })
            .expect(|st, _| st.cr[66] = 0x100f0),
        Case::new("mov cr.tpr bits 15:8 reserved", [mov_to_cr(cr::TPR, 9)])
            .setup(|st, _| {
                kernel(st);
                set(st, 9, 0x100);
            })
            .faults(Fault::ReservedRegisterField),
        Case::new("mov cr.eoi reads back 0", [mov_to_cr(cr::EOI, 9)])
            .setup(|st, _| {
                kernel(st);
                st.cr[67] = 4;
                set(st, 9, 0x55);
            })
            .expect(|st, _| st.cr[67] = 0),
        Case::new("mov cr.lid = r9", [mov_to_cr(cr::LID, 9)])
            .setup(|st, _| {
                kernel(st);
                set(st, 9, 0x1234_ffff);
            })
            .expect(|st, _| st.cr[64] = 0x1234_0000),
        Case::new("mov cr.lid bits 63:32 reserved", [mov_to_cr(cr::LID, 9)])
            .setup(|st, _| {
                kernel(st);
                set(st, 9, 1 << 40);
            })
            .faults(Fault::ReservedRegisterField),
        Case::new("mov cr.itv masks ignored bits", [mov_to_cr(cr::ITV, 9)])
            .setup(|st, _| {
                kernel(st);
                set(st, 9, 0xffff_0000_0001_10ef);
            })
            .expect(|st, _| st.cr[72] = 0x100ef),
        Case::new("mov cr.itv bits 11:8 reserved", [mov_to_cr(cr::ITV, 9)])
            .setup(|st, _| {
                kernel(st);
                set(st, 9, 0x200);
            })
            .faults(Fault::ReservedRegisterField),
        Case::new("mov cr.lrr0 dm = 1 is reserved", [mov_to_cr(cr::LRR0, 9)])
            .setup(|st, _| {
                kernel(st);
                set(st, 9, 1 << 8);
            })
            .faults(Fault::ReservedRegisterField),
        Case::new(
            "mov cr.itm, cr.ifa, cr.itir",
            [
                mov_to_cr(cr::ITM, 9),
                mov_to_cr(cr::IFA, 9),
                mov_to_cr(cr::ITIR, 9),
            ],
        )
        .setup(|st, _| {
            kernel_noic(st);
            set(st, 9, 0x1234_5678_9abc_def0);
        })
        .expect(|st, _| {
            st.cr[1] = 0x1234_5678_9abc_def0;
            st.cr[20] = 0x1234_5678_9abc_def0;
            st.cr[21] = 0x1234_5678_9abc_def0;
        }),
        Case::slots(
            "mov cr predicated off",
            [off(S::MovToCr { cr: cr::DCR, r2: 9 })],
        ),
    ]);
}

// -------------------------------------------------------------------------------------------
// PSR
// -------------------------------------------------------------------------------------------

fn psr_mask(op: PsrMaskOp, imm: u64) -> Insn {
    m(S::PsrMask { op, imm })
}

#[test]
fn psr_masks_and_moves() {
    run_table(&[
        Case::new("sum 0x3e", [psr_mask(PsrMaskOp::Sum, 0x3e)]).expect(|st, _| st.psr |= 0x3e),
        Case::new(
            "sum with PSR.sp leaves up",
            [psr_mask(PsrMaskOp::Sum, 0x3e)],
        )
        .setup(|st, _| st.set_psr_bit(psr::SP, true))
        .expect(|st, _| st.psr |= 0x3a),
        Case::new("rum 0x2 clears be", [psr_mask(PsrMaskOp::Rum, 0x2)])
            .setup(|st, _| st.psr |= 0x3e)
            .expect(|st, _| st.psr &= !2),
        Case::new("sum bit 0 is reserved", [psr_mask(PsrMaskOp::Sum, 1)])
            .faults(Fault::ReservedRegisterField),
        Case::new(
            "rum bit 6 is outside the user mask",
            [psr_mask(PsrMaskOp::Rum, 0x40)],
        )
        .faults(Fault::ReservedRegisterField),
        Case::new("ssm at cpl 3", [psr_mask(PsrMaskOp::Ssm, 0x4000)])
            .faults(Fault::PrivilegedOperation),
        Case::new("rsm at cpl 3", [psr_mask(PsrMaskOp::Rsm, 0x4000)])
            .faults(Fault::PrivilegedOperation),
        Case::new(
            "ssm psr.pp|psr.up",
            [psr_mask(PsrMaskOp::Ssm, (1 << 21) | 4)],
        )
        .setup(|st, _| kernel(st))
        .expect(|st, _| st.psr |= (1 << 21) | 4),
        Case::new("rsm psr.ic|psr.i", [psr_mask(PsrMaskOp::Rsm, 0x6000)])
            .setup(|st, _| kernel(st))
            .expect(|st, _| st.psr &= !0x6000),
        Case::new(
            "ssm bit 16 is reserved",
            [psr_mask(PsrMaskOp::Ssm, 1 << 16)],
        )
        .setup(|st, _| kernel(st))
        .faults(Fault::ReservedRegisterField),
        Case::new("ssm bit 7 is reserved", [psr_mask(PsrMaskOp::Ssm, 1 << 7)])
            .setup(|st, _| kernel(st))
            .faults(Fault::ReservedRegisterField),
        Case::slots(
            "ssm predicated off",
            [off(S::PsrMask {
                op: PsrMaskOp::Ssm,
                imm: 0x4000,
            })],
        ),
        // Low half 0x0802_6008: ac (3), ic (13), i (14), dt (17), rt (27); the high half of r9
        // is ignored.
        Case::new(
            "mov psr.l = r9",
            [m(S::MovToPsr {
                part: PsrPart::L,
                r2: 9,
            })],
        )
        .setup(|st, _| {
            kernel(st);
            set(st, 9, 0xdead_beef_0802_6008);
        })
        .expect(|st, _| st.psr = (st.psr & !0xffff_ffff) | 0x0802_6008),
        Case::new(
            "mov psr.l bit 28 is reserved",
            [m(S::MovToPsr {
                part: PsrPart::L,
                r2: 9,
            })],
        )
        .setup(|st, _| {
            kernel(st);
            set(st, 9, 1 << 28);
        })
        .faults(Fault::ReservedRegisterField),
        Case::new(
            "mov psr.l at cpl 3",
            [m(S::MovToPsr {
                part: PsrPart::L,
                r2: 9,
            })],
        )
        .faults(Fault::PrivilegedOperation),
        Case::new(
            "mov psr.l = NaT",
            [m(S::MovToPsr {
                part: PsrPart::L,
                r2: 9,
            })],
        )
        .setup(|st, _| {
            kernel(st);
            set_nat(st, 9);
        })
        .faults(Fault::RegisterNatConsumption),
        Case::new(
            "mov psr.um = r9",
            [m(S::MovToPsr {
                part: PsrPart::Um,
                r2: 9,
            })],
        )
        .setup(|st, _| {
            st.psr |= 0x22;
            set(st, 9, 0x1c);
        })
        .expect(|st, _| st.psr = (st.psr & !0x3f) | 0x1c),
        Case::new(
            "mov psr.um bit 6 is reserved",
            [m(S::MovToPsr {
                part: PsrPart::Um,
                r2: 9,
            })],
        )
        .setup(|st, _| set(st, 9, 0x40))
        .faults(Fault::ReservedRegisterField),
        Case::new(
            "mov r8 = psr.um",
            [m(S::MovFromPsr {
                r1: 8,
                part: PsrPart::Um,
            })],
        )
        .setup(|st, _| st.psr |= 0x2a)
        .expect(|st, _| set(st, 8, 0x2a)),
        // PSR{31:0} and PSR{36:35}: ic, i, dt, rt (low half), mc, it; bn (44) is not read.
        Case::new(
            "mov r8 = psr",
            [m(S::MovFromPsr {
                r1: 8,
                part: PsrPart::Psr,
            })],
        )
        .setup(|st, _| {
            kernel(st);
            st.set_psr_bit(psr::MC, true);
        })
        .expect(|st, _| {
            set(
                st,
                8,
                (1 << 13) | (1 << 14) | (1 << 17) | (1 << 27) | (1 << 35) | (1 << 36),
            )
        }),
        Case::new(
            "mov r8 = psr at cpl 3",
            [m(S::MovFromPsr {
                r1: 8,
                part: PsrPart::Psr,
            })],
        )
        .faults(Fault::PrivilegedOperation),
    ]);
}

// -------------------------------------------------------------------------------------------
// Indirect register files
// -------------------------------------------------------------------------------------------

fn to_ind(file: IndFile, r3: u8, r2: u8) -> Insn {
    m(S::MovToInd { file, r3, r2 })
}

fn from_ind(file: IndFile, r1: u8, r3: u8) -> Insn {
    m(S::MovFromInd { file, r1, r3 })
}

#[test]
fn indirect_registers() {
    // RR value: rid 0x123, ps 14 (16K), ve.
    const RR: u64 = (0x123 << 8) | (14 << 2) | 1;
    run_table(&[
        Case::new(
            "mov r8 = cpuid[r9] at cpl 3",
            [from_ind(IndFile::Cpuid, 8, 9)],
        )
        .setup(|st, _| set(st, 9, 3))
        .expect(|st, _| set(st, 8, (0x1f << 24) | 4)),
        Case::new("mov r8 = cpuid[0]", [from_ind(IndFile::Cpuid, 8, 9)])
            .expect(|st, _| set(st, 8, u64::from_le_bytes(*b"ia64emu\0"))),
        Case::new(
            "mov r8 = cpuid[5] is reserved",
            [from_ind(IndFile::Cpuid, 8, 9)],
        )
        .setup(|st, _| set(st, 9, 5))
        .faults(Fault::ReservedRegisterField),
        Case::new("mov r8 = cpuid[NaT]", [from_ind(IndFile::Cpuid, 8, 9)])
            .setup(|st, _| set_nat(st, 9))
            .faults(Fault::RegisterNatConsumption),
        Case::new("mov rr[r9] = r10 at cpl 3", [to_ind(IndFile::Rr, 9, 10)])
            .faults(Fault::PrivilegedOperation),
        Case::new("mov rr[r9] = r10 (region 3)", [to_ind(IndFile::Rr, 9, 10)])
            .setup(|st, _| {
                kernel(st);
                set(st, 9, 0x6000_0000_0000_1234);
                set(st, 10, RR);
            })
            .expect(|st, _| st.ind.rr[3] = RR),
        Case::new("mov r8 = rr[r9]", [from_ind(IndFile::Rr, 8, 9)])
            .setup(|st, _| {
                kernel(st);
                st.ind.rr[7] = RR;
                set(st, 9, 0xe000_0000_0000_0000);
            })
            .expect(|st, _| set(st, 8, RR)),
        Case::new(
            "mov rr: ps 15 is not implemented",
            [to_ind(IndFile::Rr, 9, 10)],
        )
        .setup(|st, _| {
            kernel(st);
            set(st, 10, (15 << 2) | 1);
        })
        .faults(Fault::ReservedRegisterField),
        Case::new("mov rr: bit 1 is reserved", [to_ind(IndFile::Rr, 9, 10)])
            .setup(|st, _| {
                kernel(st);
                set(st, 10, RR | 2);
            })
            .faults(Fault::ReservedRegisterField),
        Case::new("mov rr[NaT]", [to_ind(IndFile::Rr, 9, 10)])
            .setup(|st, _| {
                kernel(st);
                set_nat(st, 9);
                set(st, 10, RR);
            })
            .faults(Fault::RegisterNatConsumption),
        Case::new(
            "mov dbr[1], ibr[3] clear ignored bits",
            [to_ind(IndFile::Dbr, 9, 11), to_ind(IndFile::Ibr, 10, 11)],
        )
        .setup(|st, _| {
            kernel(st);
            set(st, 9, 1);
            set(st, 10, 3);
            set(st, 11, u64::MAX);
        })
        .expect(|st, _| {
            st.ind.dbr[1] = !(3u64 << 60);
            st.ind.ibr[3] = !(7u64 << 60);
        }),
        Case::new("mov dbr[2] keeps every bit", [to_ind(IndFile::Dbr, 9, 11)])
            .setup(|st, _| {
                kernel(st);
                set(st, 9, 2);
                set(st, 11, u64::MAX);
            })
            .expect(|st, _| st.ind.dbr[2] = u64::MAX),
        Case::new("mov dbr[8] is reserved", [to_ind(IndFile::Dbr, 9, 11)])
            .setup(|st, _| {
                kernel(st);
                set(st, 9, 8);
            })
            .faults(Fault::ReservedRegisterField),
        Case::new("mov r8 = ibr[r9]", [from_ind(IndFile::Ibr, 8, 9)])
            .setup(|st, _| {
                kernel(st);
                st.ind.ibr[5] = 0x42;
                set(st, 9, 0x105); // index = r9{7:0} = 5
            })
            .expect(|st, _| set(st, 8, 0x42)),
        // A valid key 0x55 in pkr[0]; writing it valid into pkr[2] invalidates pkr[0].
        Case::new(
            "mov pkr[2]: one valid copy of a key",
            [to_ind(IndFile::Pkr, 9, 10)],
        )
        .setup(|st, _| {
            kernel(st);
            st.ind.pkr[0] = (0x55 << 8) | 1;
            st.ind.pkr[1] = (0x66 << 8) | 1;
            set(st, 9, 2);
            set(st, 10, (0x55 << 8) | 3);
        })
        .expect(|st, _| {
            st.ind.pkr[0] = 0x55 << 8;
            st.ind.pkr[2] = (0x55 << 8) | 3;
        }),
        Case::new("mov pkr bits 7:4 reserved", [to_ind(IndFile::Pkr, 9, 10)])
            .setup(|st, _| {
                kernel(st);
                set(st, 10, 0x10);
            })
            .faults(Fault::ReservedRegisterField),
        Case::new(
            "mov r8 = pkr[16] is reserved",
            [from_ind(IndFile::Pkr, 8, 9)],
        )
        .setup(|st, _| {
            kernel(st);
            set(st, 9, 16);
        })
        .faults(Fault::ReservedRegisterField),
        Case::new("mov pmc[r9] = r10", [to_ind(IndFile::Pmc, 9, 10)])
            .setup(|st, _| {
                kernel(st);
                set(st, 9, 31);
                set(st, 10, 0xabc);
            })
            .expect(|st, _| st.ind.pmc[31] = 0xabc),
        Case::new("mov pmc[32] is reserved", [to_ind(IndFile::Pmc, 9, 10)])
            .setup(|st, _| {
                kernel(st);
                set(st, 9, 32);
            })
            .faults(Fault::ReservedRegisterField),
        Case::new("mov r8 = pmc[r9] at cpl 3", [from_ind(IndFile::Pmc, 8, 9)])
            .faults(Fault::PrivilegedOperation),
        Case::new("mov pmd[r9] = r10 at cpl 3", [to_ind(IndFile::Pmd, 9, 10)])
            .faults(Fault::PrivilegedOperation),
        Case::new("mov pmd[4] = r10", [to_ind(IndFile::Pmd, 9, 10)])
            .setup(|st, _| {
                kernel(st);
                set(st, 9, 4);
                set(st, 10, 1234);
            })
            .expect(|st, _| st.ind.pmd[4] = 1234),
        Case::new("mov r8 = pmd[2] at cpl 3", [from_ind(IndFile::Pmd, 8, 9)])
            .setup(|st, _| {
                st.ind.pmd[2] = 77;
                set(st, 9, 2);
            })
            .expect(|st, _| set(st, 8, 77)),
        Case::new(
            "mov r8 = pmd[2] at cpl 3 with PSR.sp",
            [from_ind(IndFile::Pmd, 8, 9)],
        )
        .setup(|st, _| {
            st.ind.pmd[2] = 77;
            st.set_psr_bit(psr::SP, true);
            set(st, 9, 2);
            set(st, 8, 1);
        })
        .expect(|st, _| set(st, 8, 0)),
        Case::new(
            "mov r8 = pmd[5] at cpl 3, PMC5.pm",
            [from_ind(IndFile::Pmd, 8, 9)],
        )
        .setup(|st, _| {
            st.ind.pmd[5] = 77;
            st.ind.pmc[5] = 1 << 6;
            set(st, 9, 5);
            set(st, 8, 1);
        })
        .expect(|st, _| set(st, 8, 0)),
        Case::new(
            "mov r8 = pmd[5] at cpl 0, PMC5.pm",
            [from_ind(IndFile::Pmd, 8, 9)],
        )
        .setup(|st, _| {
            kernel(st);
            st.ind.pmd[5] = 77;
            st.ind.pmc[5] = 1 << 6;
            set(st, 9, 5);
        })
        .expect(|st, _| set(st, 8, 77)),
        Case::new(
            "mov r8 = msr[r9] has no registers",
            [from_ind(IndFile::Msr, 8, 9)],
        )
        .setup(|st, _| kernel(st))
        .faults(Fault::ReservedRegisterField),
        Case::new("mov msr[r9] at cpl 3", [to_ind(IndFile::Msr, 9, 10)])
            .faults(Fault::PrivilegedOperation),
        Case::new(
            "mov r8 = dahr[r9] is reserved here",
            [from_ind(IndFile::Dahr, 8, 9)],
        )
        .faults(Fault::IllegalOperation),
        Case::new(
            "mov r50 = cpuid[r9] outside the frame",
            [from_ind(IndFile::Cpuid, 50, 9)],
        )
        .faults(Fault::IllegalOperation),
        Case::slots(
            "mov rr predicated off",
            [off(S::MovToInd {
                file: IndFile::Rr,
                r3: 9,
                r2: 10,
            })],
        ),
    ]);
}

// -------------------------------------------------------------------------------------------
// Translation instructions
// -------------------------------------------------------------------------------------------

#[test]
fn tlb_inserts_and_purges() {
    let itc_d = || {
        m(S::Itc {
            side: TlbSide::D,
            r2: 10,
        })
    };
    let itr_i = || {
        m(S::Itr {
            side: TlbSide::I,
            r3: 9,
            r2: 10,
        })
    };
    let purge = |op| m(S::Purge { op, r3: 9, r2: 10 });
    run_table(&[
        Case::new("itc.d with PSR.ic = 1", [itc_d()])
            .setup(|st, _| kernel(st))
            .faults(Fault::IllegalOperation),
        Case::new("itc.d at cpl 3", [itc_d()])
            .setup(|st, _| st.set_psr_bit(psr::IC, false))
            .faults(Fault::PrivilegedOperation),
        Case::new(
            "itc.d",
            [
                itc_d(),
                m(S::Itc {
                    side: TlbSide::I,
                    r2: 10,
                }),
            ],
        )
        .setup(|st, _| {
            kernel_noic(st);
            set(st, 10, 0x661);
        }),
        Case::new("itc.d = NaT", [itc_d()])
            .setup(|st, _| {
                kernel_noic(st);
                set_nat(st, 10);
            })
            .faults(Fault::RegisterNatConsumption),
        Case::new(
            "itr.i",
            [
                itr_i(),
                m(S::Itr {
                    side: TlbSide::D,
                    r3: 9,
                    r2: 10,
                }),
            ],
        )
        .setup(|st, _| {
            kernel_noic(st);
            set(st, 9, 1);
            set(st, 10, 0x661);
        }),
        Case::new("itr.i slot NaT", [itr_i()])
            .setup(|st, _| {
                kernel_noic(st);
                set_nat(st, 9);
            })
            .faults(Fault::RegisterNatConsumption),
        Case::new("itr.i at cpl 3", [itr_i()])
            .setup(|st, _| st.set_psr_bit(psr::IC, false))
            .faults(Fault::PrivilegedOperation),
        Case::new("ptc.l at cpl 3", [purge(PurgeOp::PtcL)]).faults(Fault::PrivilegedOperation),
        Case::new("ptr.d at cpl 3", [purge(PurgeOp::PtrD)]).faults(Fault::PrivilegedOperation),
        Case::new(
            "ptc.l, ptc.g, ptr.d, ptr.i",
            [
                purge(PurgeOp::PtcL),
                purge(PurgeOp::PtcG),
                purge(PurgeOp::PtrD),
                purge(PurgeOp::PtrI),
            ],
        )
        .setup(|st, _| {
            kernel(st);
            st.alat.insert(AlatReg::Gr(5), 0x1000, 8);
            set(st, 9, 0x1000);
            set(st, 10, 12 << 2);
        }),
        // ptc.ga of the 4K page at 0x1000 removes the ALAT entry inside it only.
        Case::new("ptc.ga purges the ALAT range", [purge(PurgeOp::PtcGa)])
            .setup(|st, _| {
                kernel(st);
                st.alat.insert(AlatReg::Gr(5), 0x1ff8, 8);
                st.alat.insert(AlatReg::Gr(6), 0x2000, 8);
                set(st, 9, 0x1000);
                set(st, 10, 12 << 2);
            })
            .expect(|st, _| st.alat.remove(AlatReg::Gr(5))),
        Case::new("ptc.l size NaT", [purge(PurgeOp::PtcL)])
            .setup(|st, _| {
                kernel(st);
                set_nat(st, 10);
            })
            .faults(Fault::RegisterNatConsumption),
        Case::new("ptc.e at cpl 3", [m(S::PtcE { r3: 9 })]).faults(Fault::PrivilegedOperation),
        Case::new("ptc.e", [m(S::PtcE { r3: 9 })]).setup(|st, _| kernel(st)),
        Case::new("ptc.e NaT", [m(S::PtcE { r3: 9 })])
            .setup(|st, _| {
                kernel(st);
                set_nat(st, 9);
            })
            .faults(Fault::RegisterNatConsumption),
        Case::slots("ptc.e predicated off", [off(S::PtcE { r3: 9 })]),
    ]);
}

fn trans(op: TransOp) -> Insn {
    m(S::Translate { op, r1: 8, r3: 9 })
}

/// Region 1 with rid 0x100 and 16K pages; PTA: base 0x1_0000_0000, 1M table (size 20), ve.
fn vhpt_setup(st: &mut State) {
    st.ind.rr[1] = (0x100 << 8) | (14 << 2) | 1;
    st.cr[8] = 0x1_0000_0000 | (20 << 2) | 1;
    set(st, 9, (1 << 61) | 0x1234_5678);
}

#[test]
fn tpa_tak_thash_ttag() {
    run_table(&[
        // The default memory translates identically and reports key 0.
        Case::new("tpa", [trans(TransOp::Tpa)])
            .setup(|st, _| {
                kernel(st);
                set(st, 9, 0x6000_0000_0000_4000);
            })
            .expect(|st, _| set(st, 8, 0x6000_0000_0000_4000)),
        Case::new("tpa at cpl 3", [trans(TransOp::Tpa)]).faults(Fault::PrivilegedOperation),
        Case::new("tpa NaT", [trans(TransOp::Tpa)])
            .setup(|st, _| {
                kernel(st);
                set_nat(st, 9);
            })
            .faults(Fault::NatAddress {
                kind: RefKind::NonAccess,
            }),
        Case::new("tak", [trans(TransOp::Tak)])
            .setup(|st, _| {
                kernel(st);
                set(st, 8, 5);
            })
            .expect(|st, _| set(st, 8, 0)),
        Case::new("tak at cpl 3", [trans(TransOp::Tak)]).faults(Fault::PrivilegedOperation),
        // vpn = 0x1234_5678 >> 14 = 0x48d1; offset = vpn << 3 = 0x24688 (inside the 1M table):
        // hash = region 1 | base 0x1_0000_0000 | 0x24688.
        Case::new("thash short format at cpl 3", [trans(TransOp::Thash)])
            .setup(|st, _| vhpt_setup(st))
            .expect(|st, _| set(st, 8, 0x2000_0001_0002_4688)),
        // A 32K table (size 15): the offset wraps inside it: 0x24688 & 0x7fff = 0x4688.
        Case::new("thash short format, small table", [trans(TransOp::Thash)])
            .setup(|st, _| {
                vhpt_setup(st);
                st.cr[8] = 0x1_0000_0000 | (15 << 2) | 1;
            })
            .expect(|st, _| set(st, 8, 0x2000_0001_0000_4688)),
        // Long format: offset = (0x48d1 ^ 0x100) << 5 = 0x93a20 in the region of PTA.base (5).
        Case::new("thash long format", [trans(TransOp::Thash)])
            .setup(|st, _| {
                vhpt_setup(st);
                st.cr[8] = (5 << 61) | 0x1_0000_0000 | (1 << 8) | (20 << 2) | 1;
            })
            .expect(|st, _| set(st, 8, 0xa000_0001_0009_3a20)),
        // tag = vpn ^ rid << 39 = 0x48d1 ^ 0x8000_0000_0000.
        Case::new("ttag", [trans(TransOp::Ttag)])
            .setup(|st, _| vhpt_setup(st))
            .expect(|st, _| set(st, 8, 0x8000_0000_48d1)),
        Case::new("thash of NaT is NaT", [trans(TransOp::Thash)])
            .setup(|st, _| {
                vhpt_setup(st);
                set_nat(st, 9);
                set(st, 8, 3);
            })
            .expect(|st, _| set_nat(st, 8)),
        Case::new("ttag of NaT is NaT", [trans(TransOp::Ttag)])
            .setup(|st, _| set_nat(st, 9))
            .expect(|st, _| set_nat(st, 8)),
        Case::new(
            "thash r50 outside the frame",
            [m(S::Translate {
                op: TransOp::Thash,
                r1: 50,
                r3: 9,
            })],
        )
        .faults(Fault::IllegalOperation),
        Case::slots(
            "tpa predicated off",
            [off(S::Translate {
                op: TransOp::Tpa,
                r1: 8,
                r3: 9,
            })],
        ),
    ]);
}

#[test]
fn probes_and_fc() {
    run_table(&[
        Case::new(
            "probe.r r8 = r9, r10",
            [m(S::ProbeReg {
                kind: ProbeKind::R,
                r1: 8,
                r3: 9,
                r2: 10,
            })],
        )
        .expect(|st, _| set(st, 8, 1)),
        Case::new(
            "probe.w r8 = r9, 2",
            [m(S::ProbeImm {
                kind: ProbeKind::W,
                r1: 8,
                r3: 9,
                imm: 2,
            })],
        )
        .expect(|st, _| set(st, 8, 1)),
        Case::new(
            "probe.r with a NaT privilege level",
            [m(S::ProbeReg {
                kind: ProbeKind::R,
                r1: 8,
                r3: 9,
                r2: 10,
            })],
        )
        .setup(|st, _| set_nat(st, 10))
        .faults(Fault::NatAddress {
            kind: RefKind::NonAccess,
        }),
        Case::new(
            "probe.w r50 outside the frame",
            [m(S::ProbeImm {
                kind: ProbeKind::W,
                r1: 50,
                r3: 9,
                imm: 2,
            })],
        )
        .faults(Fault::IllegalOperation),
        Case::new(
            "probe.rw.fault allowed",
            [m(S::ProbeFault {
                kind: ProbeKind::Rw,
                r3: 9,
                imm: 0,
            })],
        ),
        Case::new(
            "probe.r.fault NaT",
            [m(S::ProbeFault {
                kind: ProbeKind::R,
                r3: 9,
                imm: 0,
            })],
        )
        .setup(|st, _| set_nat(st, 9))
        .faults(Fault::NatAddress {
            kind: RefKind::NonAccess,
        }),
        Case::new("fc NaT", [m(S::Fc { inst: false, r3: 9 })])
            .setup(|st, _| set_nat(st, 9))
            .faults(Fault::NatAddress {
                kind: RefKind::NonAccess,
            }),
        Case::new("fc.i", [m(S::Fc { inst: true, r3: 9 })]),
        Case::slots(
            "probe predicated off",
            [off(S::ProbeImm {
                kind: ProbeKind::R,
                r1: 8,
                r3: 9,
                imm: 0,
            })],
        ),
    ]);
}

/// A memory that records translation requests and refuses probes / faults on demand.
#[derive(Default)]
struct Recorder {
    ops: Vec<TranslationOp>,
    allow: u64,
    fail: Option<MemFaultKind>,
}

impl Memory for Recorder {
    fn read(&mut self, _: u64, _: Size, _: Access) -> Result<u64, MemFault> {
        Ok(0)
    }
    fn write(&mut self, _: u64, _: Size, _: u64, _: Access) -> Result<(), MemFault> {
        Ok(())
    }
    fn translation_op(&mut self, op: TranslationOp) -> Result<u64, MemFault> {
        self.ops.push(op);
        match self.fail {
            Some(kind) => Err(MemFault {
                kind,
                addr: 0x1000,
                access: Access::data(0),
            }),
            None => Ok(self.allow),
        }
    }
}

fn run_rec(st: &mut State, mem: &mut Recorder, i: S) -> Result<Flow, Fault> {
    let ctx = SlotCtx {
        ip: CODE_BASE,
        slot: 0,
        qp: 0,
    };
    execute(st, mem, &m(i), ctx)
}

#[test]
fn translation_requests_reach_the_memory() {
    let (mut st, _) = base_state();
    let mut mem = Recorder::default();
    set(&mut st, 9, 0x2000);
    set(&mut st, 10, 1); // requested privilege level 1 at cpl 3 → probes test pl 3
    let before = st.clone();
    // A refused probe writes 0; a refused probe.fault raises Data Access Rights (non-access).
    let r = run_rec(
        &mut st,
        &mut mem,
        S::ProbeReg {
            kind: ProbeKind::W,
            r1: 8,
            r3: 9,
            r2: 10,
        },
    );
    assert_eq!(r, Ok(Flow::Next));
    assert_eq!(st.read_gr(8), (0, false));
    let r = run_rec(
        &mut st,
        &mut mem,
        S::ProbeFault {
            kind: ProbeKind::Rw,
            r3: 9,
            imm: 0,
        },
    );
    assert_eq!(
        r,
        Err(Fault::Data {
            fault: MemFault {
                kind: MemFaultKind::Protection,
                addr: 0x2000,
                access: Access::data(3),
            },
            kind: RefKind::NonAccess,
            speculative: false,
        })
    );
    let probe = |read, write| TranslationOp::Probe {
        addr: 0x2000,
        pl: 3,
        read,
        write,
    };
    assert_eq!(mem.ops, vec![probe(false, true), probe(true, true)]);

    // Inserts and purges carry IFA, ITIR, the PTE, the slot and the page size.
    st = before.clone();
    st.set_cpl(0);
    st.set_psr_bit(psr::IC, false);
    st.cr[usize::from(cr::IFA)] = 0x4000;
    st.cr[usize::from(cr::ITIR)] = 14 << 2;
    set(&mut st, 10, 0x661);
    set(&mut st, 9, 0x307); // slot = r9{7:0} = 7
    mem.ops.clear();
    mem.allow = 0;
    let itr = S::Itr {
        side: TlbSide::D,
        r3: 9,
        r2: 10,
    };
    assert_eq!(run_rec(&mut st, &mut mem, itr), Ok(Flow::Next));
    let itc = S::Itc {
        side: TlbSide::I,
        r2: 10,
    };
    assert_eq!(run_rec(&mut st, &mut mem, itc), Ok(Flow::Next));
    set(&mut st, 9, 0x8000);
    set(&mut st, 10, (16 << 2) | 3); // ps = r10{7:2} = 16
    let ptr = S::Purge {
        op: PurgeOp::PtrI,
        r3: 9,
        r2: 10,
    };
    assert_eq!(run_rec(&mut st, &mut mem, ptr), Ok(Flow::Next));
    assert_eq!(
        run_rec(&mut st, &mut mem, S::PtcE { r3: 9 }),
        Ok(Flow::Next)
    );
    assert_eq!(
        mem.ops,
        vec![
            TranslationOp::InsertRegister {
                instruction: false,
                slot: 7,
                ifa: 0x4000,
                itir: 14 << 2,
                pte: 0x661,
            },
            TranslationOp::InsertCache {
                instruction: true,
                ifa: 0x4000,
                itir: 14 << 2,
                pte: 0x661,
            },
            TranslationOp::Purge {
                addr: 0x8000,
                ps: 16,
                instruction: true,
                data: false,
                registers: true,
            },
            TranslationOp::PurgeAll,
        ]
    );

    // A translation fault of tpa / fc is a non-access data fault and commits nothing.
    st = before.clone();
    st.set_cpl(0);
    mem.fail = Some(MemFaultKind::NotPresent);
    let snapshot = st.clone();
    let want = Err(Fault::Data {
        fault: MemFault {
            kind: MemFaultKind::NotPresent,
            addr: 0x1000,
            access: Access::data(0),
        },
        kind: RefKind::NonAccess,
        speculative: false,
    });
    let tpa = S::Translate {
        op: TransOp::Tpa,
        r1: 8,
        r3: 9,
    };
    assert_eq!(run_rec(&mut st, &mut mem, tpa), want);
    assert_eq!(
        run_rec(&mut st, &mut mem, S::Fc { inst: false, r3: 9 }),
        want
    );
    assert_eq!(st, snapshot);
}
