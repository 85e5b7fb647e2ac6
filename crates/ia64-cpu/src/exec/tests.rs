//! Run-loop tests: real encoded bundles executed through [`Cpu::run`] on a [`SparseMemory`].
//!
//! The bundles were assembled once with `ia64-linux-gnu-as -xexplicit` (binutils) and are
//! pasted here as bytes, each constant preceded by its source and each bundle by objdump's
//! disassembly, so the tests need no cross toolchain. The code runs at a low physical address
//! (PSR = 0 after reset: physical addressing, cpl 0).
//!
//! Covered: predicated-off slots and MLX bundles, a counted `br.cloop` loop, `br.ctop` with
//! rotating registers and predicates, `br.wtop` whose last iteration runs with a false
//! predicate, a deep call/return recursion that forces mandatory spills and fills in
//! enforced-lazy mode (backing store and counters checked), the budget exit in the middle of
//! a bundle, single-step and taken-branch traps, a fault leaving IP/slot at the faulting slot,
//! and the decoded-bundle cache invalidation (`Cpu::flush_code`, `fc`, `sync.i`).
//!
//! These need the A, I and M classes as well as B and X.

use super::{Cpu, Exit};
use crate::fault::Fault;
use crate::mem::SparseMemory;
use crate::rse::{AllocArgs, Cfm};
use crate::state::{ar, psr};

/// Where the code is loaded.
const CODE: u64 = 0x10_0000;
/// AR.BSPSTORE (512-byte aligned: slot 0 of a NaT-collection group).
const RBS: u64 = 0x80_0000;

/// ```text
/// { .mlx
///     nop.m 0
///     movl r8 = 0x123456789abcdef0 ;;
/// }
/// { .mii
///     cmp.eq p6, p7 = r0, r0
///     nop.i 0
///     nop.i 0 ;;
/// }
/// { .mmi
///     (p7) adds r9 = 1, r0
///     (p6) adds r10 = 2, r0
///     nop.i 0 ;;
/// }
/// { .mib
///     nop.m 0
///     nop.i 0
///     break.b 0x1234 ;;
/// }
/// ```
const MLX_PRED: [[u8; 16]; 4] = [
    // [MLX]       nop.m 0x0 | movl r8=0x123456789abcdef0;;
    [
        0x05, 0x00, 0x00, 0x00, 0x01, 0x80, 0x9a, 0x78, 0x56, 0x34, 0x12, 0x00, 0x01, 0x97, 0xf7,
        0x66,
    ],
    // [MII]       cmp.eq p6,p7=r0,r0 | nop.i 0x0 | nop.i 0x0;;
    [
        0x01, 0x30, 0x00, 0x00, 0x07, 0x38, 0x00, 0x00, 0x00, 0x02, 0x00, 0x00, 0x00, 0x00, 0x04,
        0x00,
    ],
    // [MMI] (p07) adds r9=1,r0 | (p06) adds r10=2,r0 | nop.i 0x0;;
    [
        0xe9, 0x48, 0x04, 0x00, 0x00, 0xa1, 0xa1, 0x10, 0x00, 0x00, 0x42, 0x00, 0x00, 0x00, 0x04,
        0x00,
    ],
    // [MIB]       nop.m 0x0 | nop.i 0x0 | break.b 0x1234;;
    [
        0x11, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x02, 0x00, 0x80, 0x46, 0x02, 0x00,
        0x00,
    ],
];

/// ```text
/// { .mii
///     nop.m 0
///     mov.i ar.lc = 9
///     mov r8 = r0 ;;
/// }
/// loop:
/// { .mib
///     nop.m 0
///     adds r8 = 1, r8
///     br.cloop.sptk.few loop ;;
/// }
/// { .mib
///     nop.m 0
///     nop.i 0
///     break.b 0x1 ;;
/// }
/// ```
const CLOOP: [[u8; 16]; 3] = [
    // [MII]       nop.m 0x0 | mov.i ar.lc=9 | mov r8=r0;;
    [
        0x01, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x48, 0x04, 0x15, 0x00, 0x00, 0x01, 0x00, 0x00,
        0x84,
    ],
    // [MIB]       nop.m 0x0 | adds r8=1,r8 | br.cloop.sptk.few 10 <loop>;;
    [
        0x11, 0x00, 0x00, 0x00, 0x01, 0x00, 0x80, 0x08, 0x20, 0x00, 0x42, 0xa0, 0x00, 0x00, 0x00,
        0x40,
    ],
    // [MIB]       nop.m 0x0 | nop.i 0x0 | break.b 0x1;;
    [
        0x11, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x02, 0x00, 0x20, 0x00, 0x00, 0x00,
        0x00,
    ],
];

/// ```text
/// _start:
/// { .mii
///     alloc r16 = ar.pfs, 0, 0, 0, 0
///     adds r14 = 20, r0
///     mov r15 = r0 ;;
/// }
/// { .mib
///     nop.m 0
///     nop.i 0
///     br.call.sptk.many b0 = rec ;;
/// }
/// { .mib
///     nop.m 0
///     nop.i 0
///     break.b 0x2 ;;
/// }
/// rec:
/// { .mii
///     alloc r32 = ar.pfs, 0, 17, 1, 0
///     mov r33 = b0
///     adds r14 = -1, r14 ;;
/// }
/// { .mii
///     adds r34 = 0, r14
///     cmp.eq p6, p7 = 0, r14
///     nop.i 0 ;;
/// }
/// { .mib
///     nop.m 0
///     nop.i 0
///     (p7) br.call.sptk.many b0 = rec ;;
/// }
/// { .mii
///     add r15 = r15, r34
///     mov.i ar.pfs = r32
///     mov b0 = r33 ;;
/// }
/// { .mib
///     nop.m 0
///     nop.i 0
///     br.ret.sptk.many b0 ;;
/// }
/// ```
const RECURSION: [[u8; 16]; 8] = [
    // [MII]       alloc r16=ar.pfs,0,0,0 | adds r14=20,r0 | mov r15=r0;;
    [
        0x01, 0x80, 0x00, 0x00, 0x80, 0x05, 0xe0, 0xa0, 0x00, 0x00, 0x42, 0xe0, 0x01, 0x00, 0x00,
        0x84,
    ],
    // [MIB]       nop.m 0x0 | nop.i 0x0 | br.call.sptk.many b0=30 <rec>;;
    [
        0x11, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x02, 0x00, 0x00, 0x28, 0x00, 0x00,
        0x50,
    ],
    // [MIB]       nop.m 0x0 | nop.i 0x0 | break.b 0x2;;
    [
        0x11, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x02, 0x00, 0x40, 0x00, 0x00, 0x00,
        0x00,
    ],
    // [MII]       alloc r32=ar.pfs,18,17,0 | mov r33=b0 | adds r14=-1,r14;;
    [
        0x01, 0x00, 0x49, 0x22, 0x80, 0x05, 0x10, 0x02, 0x00, 0x62, 0x00, 0xc0, 0xf1, 0x77, 0xfc,
        0x8c,
    ],
    // [MII]       mov r34=r14 | cmp.eq p6,p7=0,r14 | nop.i 0x0;;
    [
        0x01, 0x10, 0x01, 0x1c, 0x00, 0x21, 0x60, 0x00, 0x38, 0x0e, 0x72, 0x00, 0x00, 0x00, 0x04,
        0x00,
    ],
    // [MIB]       nop.m 0x0 | nop.i 0x0 | (p07) br.call.sptk.many b0=30 <rec>;;
    [
        0x11, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x02, 0x80, 0x03, 0xe8, 0xff, 0xff,
        0x58,
    ],
    // [MII]       add r15=r15,r34 | mov.i ar.pfs=r32 | mov b0=r33;;
    [
        0x01, 0x78, 0x3c, 0x44, 0x00, 0x20, 0x00, 0x00, 0x01, 0x55, 0x00, 0x00, 0x10, 0x0a, 0x00,
        0x07,
    ],
    // [MIB]       nop.m 0x0 | nop.i 0x0 | br.ret.sptk.many b0;;
    [
        0x11, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x02, 0x00, 0x80, 0x08, 0x00, 0x84,
        0x00,
    ],
];

/// ```text
/// { .mii
///     alloc r16 = ar.pfs, 0, 8, 0, 8
///     mov.i ar.lc = 4
///     mov.i ar.ec = 2 ;;
/// }
/// { .mii
///     adds r20 = 1, r0
///     mov r9 = r0
///     mov pr.rot = 0x10000 ;;
/// }
/// loop:
/// { .mii
///     (p16) adds r32 = 0, r20
///     (p16) adds r20 = 1, r20
///     (p17) add r9 = r9, r33
/// }
/// { .mib
///     nop.m 0
///     nop.i 0
///     br.ctop.sptk.few loop ;;
/// }
/// { .mib
///     nop.m 0
///     nop.i 0
///     break.b 0x3 ;;
/// }
/// ```
const CTOP: [[u8; 16]; 5] = [
    // [MII]       alloc r16=ar.pfs,8,8,8 | mov.i ar.lc=4 | mov.i ar.ec=2;;
    [
        0x01, 0x80, 0x20, 0x10, 0x81, 0x05, 0x00, 0x20, 0x04, 0x15, 0x00, 0x00, 0x20, 0x10, 0x2a,
        0x00,
    ],
    // [MII]       adds r20=1,r0 | mov r9=r0 | mov pr.rot=0x10000;;
    [
        0x01, 0xa0, 0x04, 0x00, 0x00, 0x21, 0x90, 0x00, 0x00, 0x00, 0x42, 0x20, 0x00, 0x00, 0x00,
        0x02,
    ],
    // [MII] (p16) mov r32=r20 | (p16) adds r20=1,r20 | (p17) add r9=r9,r33
    [
        0x00, 0x02, 0x01, 0x28, 0x00, 0x21, 0x44, 0x09, 0x50, 0x00, 0xc2, 0x28, 0x91, 0x08, 0x01,
        0x80,
    ],
    // [MIB]       nop.m 0x0 | nop.i 0x0 | br.ctop.sptk.few 20 <loop>;;
    [
        0x11, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x02, 0x00, 0xe0, 0xf0, 0xff, 0xff,
        0x48,
    ],
    // [MIB]       nop.m 0x0 | nop.i 0x0 | break.b 0x3;;
    [
        0x11, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x02, 0x00, 0x60, 0x00, 0x00, 0x00,
        0x00,
    ],
];

/// ```text
/// { .mii
///     adds r8 = 1, r0
///     adds r9 = 2, r0
///     adds r10 = 3, r0 ;;
/// }
/// { .mii
///     adds r8 = 4, r0
///     adds r40 = 5, r0
///     adds r9 = 6, r0 ;;
/// }
/// { .mib
///     nop.m 0
///     nop.i 0
///     break.b 0x5 ;;
/// }
/// ```
const STRAIGHT: [[u8; 16]; 3] = [
    // [MII]       adds r8=1,r0 | adds r9=2,r0 | adds r10=3,r0;;
    [
        0x01, 0x40, 0x04, 0x00, 0x00, 0x21, 0x90, 0x10, 0x00, 0x00, 0x42, 0x40, 0x31, 0x00, 0x00,
        0x84,
    ],
    // [MII]       adds r8=4,r0 | adds r40=5,r0 | adds r9=6,r0;;
    [
        0x01, 0x40, 0x10, 0x00, 0x00, 0x21, 0x80, 0x2a, 0x00, 0x00, 0x42, 0x20, 0x61, 0x00, 0x00,
        0x84,
    ],
    // [MIB]       nop.m 0x0 | nop.i 0x0 | break.b 0x5;;
    [
        0x11, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x02, 0x00, 0xa0, 0x00, 0x00, 0x00,
        0x00,
    ],
];

/// ```text
/// { .mib
///     adds r8 = 1, r0
///     nop.i 0
///     break.b 0x6 ;;
/// }
/// ```
const PATCH_OLD: [[u8; 16]; 1] = [
    // [MIB]       adds r8=1,r0 | nop.i 0x0 | break.b 0x6;;
    [
        0x11, 0x40, 0x04, 0x00, 0x00, 0x21, 0x00, 0x00, 0x00, 0x02, 0x00, 0xc0, 0x00, 0x00, 0x00,
        0x00,
    ],
];

/// ```text
/// { .mib
///     adds r8 = 2, r0
///     nop.i 0
///     break.b 0x6 ;;
/// }
/// ```
const PATCH_NEW: [[u8; 16]; 1] = [
    // [MIB]       adds r8=2,r0 | nop.i 0x0 | break.b 0x6;;
    [
        0x11, 0x40, 0x08, 0x00, 0x00, 0x21, 0x00, 0x00, 0x00, 0x02, 0x00, 0xc0, 0x00, 0x00, 0x00,
        0x00,
    ],
];

/// ```text
/// { .mmi
///     st8 [r11] = r12
///     st8 [r14] = r13
///     nop.i 0 ;;
/// }
/// { .mmi
///     fc r11
///     nop.m 0
///     nop.i 0 ;;
/// }
/// { .mib
///     nop.m 0
///     nop.i 0
///     br.cond.sptk.few b6 ;;
/// }
/// ```
const PATCHER_FC: [[u8; 16]; 3] = [
    // [MMI]       st8 [r11]=r12 | st8 [r14]=r13 | nop.i 0x0;;
    [
        0x09, 0x00, 0x30, 0x16, 0x98, 0x11, 0x00, 0x68, 0x38, 0x30, 0x23, 0x00, 0x00, 0x00, 0x04,
        0x00,
    ],
    // [MMI]       fc r11 | nop.m 0x0 | nop.i 0x0;;
    [
        0x09, 0x00, 0x00, 0x16, 0x30, 0x04, 0x00, 0x00, 0x00, 0x02, 0x00, 0x00, 0x00, 0x00, 0x04,
        0x00,
    ],
    // [MIB]       nop.m 0x0 | nop.i 0x0 | br.few b6;;
    [
        0x11, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x02, 0x00, 0x00, 0x60, 0x00, 0x80,
        0x00,
    ],
];

/// ```text
/// { .mmi
///     st8 [r11] = r12
///     st8 [r14] = r13
///     nop.i 0 ;;
/// }
/// { .mmi
///     sync.i
///     nop.m 0
///     nop.i 0 ;;
/// }
/// { .mmi
///     srlz.i
///     nop.m 0
///     nop.i 0 ;;
/// }
/// { .mib
///     nop.m 0
///     nop.i 0
///     br.cond.sptk.few b6 ;;
/// }
/// ```
const PATCHER_SYNC: [[u8; 16]; 4] = [
    // [MMI]       st8 [r11]=r12 | st8 [r14]=r13 | nop.i 0x0;;
    [
        0x09, 0x00, 0x30, 0x16, 0x98, 0x11, 0x00, 0x68, 0x38, 0x30, 0x23, 0x00, 0x00, 0x00, 0x04,
        0x00,
    ],
    // [MMI]       sync.i | nop.m 0x0 | nop.i 0x0;;
    [
        0x09, 0x00, 0x00, 0x00, 0x33, 0x00, 0x00, 0x00, 0x00, 0x02, 0x00, 0x00, 0x00, 0x00, 0x04,
        0x00,
    ],
    // [MMI]       srlz.i | nop.m 0x0 | nop.i 0x0;;
    [
        0x09, 0x00, 0x00, 0x00, 0x31, 0x00, 0x00, 0x00, 0x00, 0x02, 0x00, 0x00, 0x00, 0x00, 0x04,
        0x00,
    ],
    // [MIB]       nop.m 0x0 | nop.i 0x0 | br.few b6;;
    [
        0x11, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x02, 0x00, 0x00, 0x60, 0x00, 0x80,
        0x00,
    ],
];

/// ```text
/// { .mii
///     nop.m 0
///     mov.i ar.ec = 1
///     adds r8 = 3, r0 ;;
/// }
/// loop:
/// { .mii
///     adds r8 = -1, r8
///     adds r9 = 1, r9
///     nop.i 0 ;;
/// }
/// { .mib
///     cmp.ne p6, p0 = 0, r8
///     nop.i 0
///     (p6) br.wtop.sptk.few loop ;;
/// }
/// { .mib
///     nop.m 0
///     nop.i 0
///     break.b 0x7 ;;
/// }
/// ```
const WTOP: [[u8; 16]; 4] = [
    // [MII]       nop.m 0x0 | mov.i ar.ec=1 | adds r8=3,r0;;
    [
        0x01, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x08, 0x08, 0x15, 0x00, 0x00, 0x31, 0x00, 0x00,
        0x84,
    ],
    // [MII]       adds r8=-1,r8 | adds r9=1,r9 | nop.i 0x0;;
    [
        0x01, 0x40, 0xfc, 0x11, 0x3f, 0x23, 0x90, 0x08, 0x24, 0x00, 0x42, 0x00, 0x00, 0x00, 0x04,
        0x00,
    ],
    // [MIB]       cmp.eq p0,p6=0,r8 | nop.i 0x0 | (p06) br.wtop.sptk.few 10 <loop>;;
    [
        0x11, 0x00, 0x00, 0x10, 0x06, 0x39, 0x00, 0x00, 0x00, 0x02, 0x00, 0x63, 0xf0, 0xff, 0xff,
        0x48,
    ],
    // [MIB]       nop.m 0x0 | nop.i 0x0 | break.b 0x7;;
    [
        0x11, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x02, 0x00, 0xe0, 0x00, 0x00, 0x00,
        0x00,
    ],
];

fn load(mem: &mut SparseMemory, base: u64, code: &[[u8; 16]]) {
    for (i, b) in code.iter().enumerate() {
        let a = base + 16 * i as u64;
        let (lo, hi) = bundle_words(b);
        mem.poke_u64(a, lo);
        mem.poke_u64(a + 8, hi);
    }
}

fn bundle_words(b: &[u8; 16]) -> (u64, u64) {
    let mut lo = [0u8; 8];
    let mut hi = [0u8; 8];
    lo.copy_from_slice(&b[..8]);
    hi.copy_from_slice(&b[8..]);
    (u64::from_le_bytes(lo), u64::from_le_bytes(hi))
}

/// A reset processor (96 stacked registers) about to run `code` at [`CODE`].
fn setup(code: &[[u8; 16]]) -> (Cpu, SparseMemory) {
    let mut cpu = Cpu::new(96).unwrap();
    let mut mem = SparseMemory::new();
    load(&mut mem, CODE, code);
    cpu.state.rse.mov_to_bspstore(RBS, false).unwrap();
    cpu.state.ip = CODE;
    (cpu, mem)
}

fn gr(cpu: &Cpu, r: u8) -> u64 {
    cpu.state.read_gr(r).0
}

#[test]
fn mlx_bundle_and_predicated_off_slots() {
    let (mut cpu, mut mem) = setup(&MLX_PRED);
    assert_eq!(
        cpu.run(&mut mem, 100),
        Exit::Fault(Fault::Break { imm: 0x1234 })
    );
    let st = &cpu.state;
    assert_eq!((st.ip, st.slot), (CODE + 0x30, 2));
    assert_eq!(gr(&cpu, 8), 0x1234_5678_9abc_def0);
    assert_eq!(gr(&cpu, 9), 0, "(p7) adds must not execute");
    assert_eq!(gr(&cpu, 10), 2);
    assert!(st.read_pr(6) && !st.read_pr(7));
    // movl counts once; the predicated-off slot counts; the faulting break does not.
    assert_eq!(st.retired, 2 + 3 + 3 + 2);
}

#[test]
fn cloop_counts_lc_plus_one_iterations() {
    let (mut cpu, mut mem) = setup(&CLOOP);
    assert_eq!(
        cpu.run(&mut mem, 1000),
        Exit::Fault(Fault::Break { imm: 1 })
    );
    assert_eq!(gr(&cpu, 8), 10);
    assert_eq!(cpu.state.lc(), 0);
    assert_eq!((cpu.state.ip, cpu.state.slot), (CODE + 0x20, 2));
    assert_eq!(cpu.stats.taken_branches, 9);
}

#[test]
fn ctop_pipeline_with_rotating_registers() {
    let (mut cpu, mut mem) = setup(&CTOP);
    assert_eq!(
        cpu.run(&mut mem, 1000),
        Exit::Fault(Fault::Break { imm: 3 })
    );
    // Stage 1 (p16) produces 1..=5 into r32, stage 2 (p17) adds the previous one (now r33):
    // 5 kernel iterations (LC = 4) plus 1 epilog iteration (EC = 2).
    assert_eq!(gr(&cpu, 9), 1 + 2 + 3 + 4 + 5);
    assert_eq!(gr(&cpu, 20), 6);
    assert_eq!((cpu.state.lc(), cpu.state.ec()), (0, 0));
    // Six rotations: rrb.gr = -6 mod 8, rrb.fr = -6 mod 96, rrb.pr = -6 mod 48.
    let c = cpu.state.rse.cfm();
    assert_eq!((c.rrb_gr, c.rrb_fr, c.rrb_pr), (2, 90, 42));
    // The last ctop wrote PR[63] = 0 before rotating: p16 is 0.
    assert!(!cpu.state.read_pr(16));
}

#[test]
fn wtop_runs_with_a_false_predicate() {
    let (mut cpu, mut mem) = setup(&WTOP);
    assert_eq!(
        cpu.run(&mut mem, 1000),
        Exit::Fault(Fault::Break { imm: 7 })
    );
    assert_eq!(gr(&cpu, 9), 3);
    assert_eq!(gr(&cpu, 8), 0);
    // The last br.wtop ran with p6 = 0 and EC = 1: not taken, EC-- and a rotation.
    assert_eq!(cpu.state.ec(), 0);
    assert_eq!(cpu.state.rse.cfm().rrb_pr, 48 - 3);
    assert_eq!(cpu.stats.taken_branches, 2);
}

#[test]
fn deep_recursion_spills_and_fills_in_enforced_lazy_mode() {
    let (mut cpu, mut mem) = setup(&RECURSION);
    assert!(cpu.state.rse.rsc().is_enforced_lazy());
    assert_eq!(
        cpu.run(&mut mem, 100_000),
        Exit::Fault(Fault::Break { imm: 2 })
    );
    let st = &cpu.state;
    // 20 levels; level k records depth 20 - k in r34 and adds it on the way back.
    assert_eq!(gr(&cpu, 15), (0..20).sum::<u64>());
    assert_eq!(gr(&cpu, 14), 0);
    // Back in _start: empty frame, nothing dirty, everything back at RBS.
    assert_eq!(st.rse.cfm(), Cfm::default());
    assert_eq!(
        (st.rse.bsp(), st.rse.bspstore(), st.rse.ndirty()),
        (RBS, RBS, 0)
    );
    // Deepest point: 19 callers × 17 locals dirty + the 18-register frame = 341 registers in a
    // 96-register file: 245 mandatory spills (the file is exactly full), all filled back.
    // Spills fill slots 0..=247 from RBS, crossing the collection slots 63, 127 and 191.
    let m = st.rse.counters().mandatory;
    assert_eq!((m.spills, m.fills), (245, 245));
    assert_eq!((m.nat_written, m.nat_read), (3, 3));
    assert_eq!(st.rse.counters().eager, Default::default());
    // The backing store holds each level's locals: r32 = ar.pfs, r33 = b0, r34 = depth.
    let rec = CODE + 0x30;
    let level = |k: u64| RBS + 17 * 8 * (k - 1);
    assert_eq!(
        mem.peek_u64(level(1)),
        0,
        "PFS from _start: empty frame, pec 0, ppl 0"
    );
    assert_eq!(mem.peek_u64(level(1) + 8), CODE + 0x20);
    assert_eq!(mem.peek_u64(level(1) + 16), 19);
    for k in 2..=3 {
        // PFS of a call from rec: pfm {sof 18, sol 17}, pec 0, ppl 0.
        assert_eq!(mem.peek_u64(level(k)), 18 | (17 << 7));
        assert_eq!(mem.peek_u64(level(k) + 8), rec + 0x30);
        assert_eq!(mem.peek_u64(level(k) + 16), 20 - k);
    }
    // Every slot: 3 + 2 (break not retired) in _start, 15 per level and 1 cmp-false call.
    assert_eq!(st.retired, 3 + 3 + 2 + 20 * 15);
}

#[test]
fn budget_exit_in_the_middle_of_a_bundle() {
    let (mut cpu, mut mem) = setup(&STRAIGHT);
    assert_eq!(cpu.run(&mut mem, 2), Exit::Budget);
    assert_eq!((cpu.state.ip, cpu.state.slot), (CODE, 2));
    assert_eq!((gr(&cpu, 8), gr(&cpu, 9), gr(&cpu, 10)), (1, 2, 0));
    assert_eq!(cpu.run(&mut mem, 1), Exit::Budget);
    assert_eq!((cpu.state.ip, cpu.state.slot), (CODE + 16, 0));
    assert_eq!(gr(&cpu, 10), 3);
    assert_eq!(cpu.state.retired, 3);
}

#[test]
fn fault_leaves_ip_and_slot_at_the_faulting_slot() {
    let (mut cpu, mut mem) = setup(&STRAIGHT);
    let args = AllocArgs {
        sof: 8,
        sol: 8,
        sor: 0,
    };
    cpu.state.rse.alloc(&mut mem, args, 32).unwrap();
    // r40 is outside the 8-register frame: Illegal Operation at bundle 1, slot 1.
    assert_eq!(cpu.run(&mut mem, 100), Exit::Fault(Fault::IllegalOperation));
    assert_eq!((cpu.state.ip, cpu.state.slot), (CODE + 16, 1));
    assert_eq!((gr(&cpu, 8), gr(&cpu, 9), gr(&cpu, 10)), (4, 2, 3));
    assert_eq!(cpu.state.retired, 4);
    // Resuming re-executes the faulting slot.
    assert_eq!(cpu.run(&mut mem, 100), Exit::Fault(Fault::IllegalOperation));
    assert_eq!((cpu.state.ip, cpu.state.slot), (CODE + 16, 1));
}

#[test]
fn single_step_traps_after_every_slot() {
    let (mut cpu, mut mem) = setup(&STRAIGHT);
    cpu.state.psr |= 1 << psr::SS;
    let mut stops = Vec::new();
    for _ in 0..4 {
        assert_eq!(cpu.run(&mut mem, 100), Exit::Fault(Fault::SingleStep));
        stops.push((cpu.state.ip - CODE, cpu.state.slot, cpu.state.retired));
    }
    assert_eq!(stops, [(0, 1, 1), (0, 2, 2), (16, 0, 3), (16, 1, 4)]);
    assert_eq!(gr(&cpu, 8), 4);
}

#[test]
fn taken_branch_trap_names_the_target() {
    let (mut cpu, mut mem) = setup(&CLOOP);
    cpu.state.psr |= 1 << psr::TB;
    assert_eq!(
        cpu.run(&mut mem, 100),
        Exit::Fault(Fault::TakenBranch { ss: false })
    );
    // The first cloop (LC 9 -> 8) was taken back to its own bundle.
    assert_eq!((cpu.state.ip, cpu.state.slot), (CODE + 16, 0));
    assert_eq!(cpu.state.ar[usize::from(ar::LC)], 8);
    assert_eq!(gr(&cpu, 8), 1);
}

#[test]
fn taken_branch_and_single_step_together_take_the_taken_branch_vector() {
    // PSR.ss and PSR.tb: the slots before the branch single-step; the taken br.cloop raises
    // both traps, reported once on the Taken Branch vector with tb and ss in ISR.code (SDM
    // Vol. 2 Part I Table 5-6 and the Taken Branch vector page).
    let (mut cpu, mut mem) = setup(&CLOOP);
    cpu.state.psr |= (1 << psr::SS) | (1 << psr::TB);
    let mut stops = Vec::new();
    let exit = loop {
        match cpu.run(&mut mem, 100) {
            Exit::Fault(Fault::SingleStep) => stops.push((cpu.state.ip - CODE, cpu.state.slot)),
            e => break e,
        }
        assert!(stops.len() < 10, "runaway");
    };
    assert_eq!(exit, Exit::Fault(Fault::TakenBranch { ss: true }));
    assert_eq!(stops, [(0, 1), (0, 2), (16, 0), (16, 1), (16, 2)]);
    assert_eq!((cpu.state.ip, cpu.state.slot), (CODE + 16, 0));
    assert_eq!(cpu.state.ar[usize::from(ar::LC)], 8);
    let code = Fault::TakenBranch { ss: true }.info().isr & 0x1f;
    assert_eq!(code, (1 << 2) | (1 << 3));
    assert_eq!(
        Fault::TakenBranch { ss: true }.info().vector,
        crate::fault::vector::TAKEN_BRANCH
    );
}

/// Patch the bundle at `at` through the guest: r11/r14 = its two words' addresses, r12/r13 =
/// the new words, b6 = where to go afterwards.
fn guest_patch(cpu: &mut Cpu, at: u64, new: &[u8; 16]) {
    let (lo, hi) = bundle_words(new);
    let st = &mut cpu.state;
    st.write_gr(11, at, false).unwrap();
    st.write_gr(14, at + 8, false).unwrap();
    st.write_gr(12, lo, false).unwrap();
    st.write_gr(13, hi, false).unwrap();
    st.br[6] = at;
    st.ip = CODE;
    st.slot = 0;
}

#[test]
fn decoded_bundle_cache_is_invalidated() {
    let patch = CODE + 0x100;
    let run_patch = |cpu: &mut Cpu, mem: &mut SparseMemory| {
        cpu.state.ip = patch;
        cpu.state.slot = 0;
        assert_eq!(cpu.run(mem, 100), Exit::Fault(Fault::Break { imm: 6 }));
        gr(cpu, 8)
    };
    let (mut cpu, mut mem) = setup(&PATCHER_FC);
    load(&mut mem, patch, &PATCH_OLD);
    assert_eq!(run_patch(&mut cpu, &mut mem), 1);

    // A host-side write that the memory does not report: the cache keeps the old decode until
    // the owner of the memory calls `flush_code`.
    load(&mut mem, patch, &PATCH_NEW);
    assert_eq!(
        run_patch(&mut cpu, &mut mem),
        1,
        "the decoded bundle is cached"
    );
    cpu.flush_code();
    assert_eq!(run_patch(&mut cpu, &mut mem), 2);

    // The guest patches the bundle back with two st8, `fc` and branches to it.
    guest_patch(&mut cpu, patch, &PATCH_OLD[0]);
    assert_eq!(cpu.run(&mut mem, 100), Exit::Fault(Fault::Break { imm: 6 }));
    assert_eq!(cpu.state.ip, patch);
    assert_eq!(gr(&cpu, 8), 1, "fc invalidated the page");

    // The same with `sync.i` (everything invalidated).
    let (mut cpu, mut mem) = setup(&PATCHER_SYNC);
    load(&mut mem, patch, &PATCH_OLD);
    assert_eq!(run_patch(&mut cpu, &mut mem), 1);
    guest_patch(&mut cpu, patch, &PATCH_NEW[0]);
    assert_eq!(cpu.run(&mut mem, 100), Exit::Fault(Fault::Break { imm: 6 }));
    assert_eq!(gr(&cpu, 8), 2, "sync.i invalidated the cache");
}

/// `{ .mib nop.m 0; nop.i 0; rfi ;; }`: the last bundle of [`WTOP`] (`break.b 7` in slot 2)
/// with slot 2 replaced by `rfi` (B8: opcode 0, x6 = 0x08 at bits 32:27, SDM Vol. 3 §4.5.3).
fn rfi_bundle() -> [u8; 16] {
    let (lo, hi) = bundle_words(&WTOP[3]);
    // Slot 2 is bundle bits 127:87, i.e. bits 63:23 of the high word.
    let hi = (hi & ((1 << 23) - 1)) | ((0x08u64 << 27) << 23);
    let mut b = [0u8; 16];
    b[..8].copy_from_slice(&lo.to_le_bytes());
    b[8..].copy_from_slice(&hi.to_le_bytes());
    b
}

#[test]
fn rfi_raises_no_taken_branch_trap() {
    // Bundle 0: rfi to bundle 1 (`break.b 7`) with IPSR.tb set; PSR.tb is set before too.
    let (mut cpu, mut mem) = setup(&[rfi_bundle(), WTOP[3]]);
    cpu.state.psr |= 1 << psr::TB;
    cpu.state.cr[usize::from(crate::state::cr::IPSR)] = 1 << psr::TB;
    cpu.state.cr[usize::from(crate::state::cr::IIP)] = CODE + 16;
    assert_eq!(cpu.run(&mut mem, 100), Exit::Fault(Fault::Break { imm: 7 }));
    assert_eq!((cpu.state.ip, cpu.state.slot), (CODE + 16, 2));
    assert!(cpu.state.psr_bit(psr::TB));
    assert_eq!(cpu.stats.taken_branches, 1);
}

#[test]
fn branch_trap_commits_the_branch_and_names_the_target() {
    // The CLOOP code placed above IMPL_PA_MSB with PSR.it = 0 (reset): the taken br.cloop's
    // target (its own bundle) is an unimplemented address, so it commits, then traps.
    let base = 1u64 << 55;
    let mut cpu = Cpu::new(96).unwrap();
    let mut mem = SparseMemory::new();
    load(&mut mem, base, &CLOOP);
    cpu.state.rse.mov_to_bspstore(RBS, false).unwrap();
    cpu.state.ip = base;
    let target = base + 16;
    assert_eq!(
        cpu.run(&mut mem, 100),
        Exit::Fault(Fault::UnimplementedInstructionAddress { target })
    );
    assert_eq!(cpu.state.retired, 6);
    assert_eq!(gr(&cpu, 8), 1);
    // The cloop committed (LC 9 -> 8), retired, and IP names the target, slot 0.
    assert_eq!(cpu.state.ar[usize::from(ar::LC)], 8);
    assert_eq!((cpu.state.ip, cpu.state.slot), (target, 0));
    assert_eq!(cpu.stats.taken_branches, 1);
}

/// ```text
/// { .mfi
///     nop.m 0
///     fma.s.s0 f8 = f6, f7, f0        (objdump: fmpy.s.s0 f8=f6,f7)
///     nop.i 0 ;;
/// }
/// { .mib
///     nop.m 0
///     nop.i 0
///     break.b 0x1234 ;;
/// }
/// ```
const FP_TRAP: [[u8; 16]; 2] = [
    // [MFI]       nop.m 0x0 | fmpy.s.s0 f8=f6,f7 | nop.i 0x0;;
    [
        0x0d, 0x00, 0x00, 0x00, 0x01, 0x00, 0x80, 0x00, 0x18, 0x0e, 0x44, 0x00, 0x00, 0x00, 0x04,
        0x00,
    ],
    // [MIB]       nop.m 0x0 | nop.i 0x0 | break.b 0x1234;;
    [
        0x11, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x02, 0x00, 0x80, 0x46, 0x02, 0x00,
        0x00,
    ],
];

/// (1 + 2^-30) × 1.0 rounded to single precision is inexact: with the inexact trap enabled
/// (FPSR.traps.id = 0), `fma.s` writes 1.0 and its i flag, then takes the FP trap (SDM Vol. 1
/// §5.4.1.3). A trap names the next instruction (Vol. 2 Part I §5.6: IIP/ri of the next one;
/// the trapping instruction has retired); ISR.code = fp (bit 0) | i (bit 13), plus ss (bit 3)
/// when a single-step trap is raised by the same instruction.
fn fp_trap_case(ss: bool) -> (Cpu, SparseMemory, Exit) {
    use crate::state::Fr;
    let (mut cpu, mut mem) = setup(&FP_TRAP);
    let one = Fr {
        sign: false,
        exp: 0xffff,
        significand: 1 << 63,
    };
    let a = Fr {
        significand: (1 << 63) | (1 << 33),
        ..one
    };
    cpu.state.write_fr(6, a);
    cpu.state.write_fr(7, one);
    // Linux's default FPSR with the inexact trap enabled (bit 5, id, cleared).
    cpu.state.ar[usize::from(ar::FPSR)] = 0x0009_804c_0270_033f & !(1 << 5);
    if ss {
        cpu.state.psr |= 1 << psr::SS;
        // The nop.m of slot 0 traps first.
        assert_eq!(cpu.run(&mut mem, 100), Exit::Fault(Fault::SingleStep));
        assert_eq!((cpu.state.ip, cpu.state.slot), (CODE, 1));
    }
    let exit = cpu.run(&mut mem, 100);
    (cpu, mem, exit)
}

#[test]
fn fp_trap_retires_the_instruction_and_names_the_next() {
    let (cpu, _, exit) = fp_trap_case(false);
    assert_eq!(exit, Exit::Fault(Fault::FpTrap { code: 1 | 1 << 13 }));
    let st = &cpu.state;
    assert_eq!((st.ip, st.slot, st.retired), (CODE, 2, 2));
    let f8 = st.read_fr(8);
    assert_eq!(
        (f8.exp, f8.significand),
        (0xffff, 1 << 63),
        "1.0 was written"
    );
    // sf0.i (FPSR bit 6 + 12) is set although the trap is taken.
    assert_ne!(st.ar[usize::from(ar::FPSR)] & (1 << 18), 0);
}

#[test]
fn fp_trap_with_single_step_reports_both_trap_bits() {
    let (cpu, _, exit) = fp_trap_case(true);
    assert_eq!(
        exit,
        Exit::Fault(Fault::FpTrap {
            code: 1 | 1 << 3 | 1 << 13
        })
    );
    assert_eq!((cpu.state.ip, cpu.state.slot), (CODE, 2));
}

#[test]
fn trap_codes_of_the_trap_vectors() {
    // SDM Vol. 2 Part I, trap vector pages: ISR.code{4:0} has one bit per trap (fp 0, lp 1,
    // tb 2, ss 3, ui 4).
    let code = |f: Fault| f.info().isr & 0x1f;
    assert_eq!(code(Fault::LowerPrivilegeTransfer), 1 << 1);
    assert_eq!(code(Fault::TakenBranch { ss: false }), 1 << 2);
    assert_eq!(code(Fault::SingleStep), 1 << 3);
    assert_eq!(
        code(Fault::UnimplementedInstructionAddress { target: 0 }),
        1 << 4
    );
}

// ---------------------------------------------------------------------------------------------
// Where interruptions point: IIP/IPSR.ri, ISR.ei and IIPA (SDM Vol. 2 Part I §3.3.5)
// ---------------------------------------------------------------------------------------------

/// ```text
/// { .mib
///     nop.m 0
///     nop.i 0
///     br.few target ;;
/// }
/// { .mib
///     nop.m 0
///     nop.i 0
///     break.b 1 ;;
/// }
/// target:
/// { .mii
///     break.m 2
///     nop.i 0
///     nop.i 0 ;;
/// }
/// ```
const BRANCH_THEN_BREAK: [[u8; 16]; 3] = [
    // [MIB]       nop.m 0x0 | nop.i 0x0 | br.few 20 <target>;;
    [
        0x11, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x02, 0x00, 0x00, 0x20, 0x00, 0x00,
        0x40,
    ],
    // [MIB]       nop.m 0x0 | nop.i 0x0 | break.b 0x1;;
    [
        0x11, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x02, 0x00, 0x20, 0x00, 0x00, 0x00,
        0x00,
    ],
    // [MII]       break.m 0x2 | nop.i 0x0 | nop.i 0x0;;
    [
        0x01, 0x10, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x02, 0x00, 0x00, 0x00, 0x00, 0x04,
        0x00,
    ],
];

/// The interruption registers `exit`'s fault or trap gets when delivered with PSR.ic = 1, as
/// offsets from [`CODE`]: (IIP, IPSR.ri, ISR.ei, IIPA).
fn delivered(cpu: &Cpu, exit: Exit) -> (u64, u64, u64, u64) {
    use crate::fault::isr;
    use crate::state::cr;
    let Exit::Fault(f) = exit else {
        panic!("not a fault: {exit:?}");
    };
    let mut st = cpu.state.clone();
    st.psr |= 1 << psr::IC;
    let (ip, slot) = (st.ip, st.slot);
    crate::interrupt::deliver(&mut st, &f, ip, slot);
    let c = |r: u8| st.cr[usize::from(r)];
    (
        c(cr::IIP) - CODE,
        (c(cr::IPSR) >> psr::RI) & 3,
        (c(cr::ISR) >> isr::EI_SHIFT) & 3,
        c(cr::IIPA) - CODE,
    )
}

/// A fault names its own slot in IIP/ri and ISR.ei; IIPA is the last bundle that completed an
/// instruction: the faulting bundle when a slot of it came first, else the bundle before it,
/// which after a taken branch is the branch's (SDM Vol. 2 Part I §3.3.5.6).
#[test]
fn a_fault_reports_the_last_completed_bundle_in_iipa() {
    // break.m in slot 0 of the branch target: IIPA is the branch's bundle, not the one before.
    let (mut cpu, mut mem) = setup(&BRANCH_THEN_BREAK);
    let exit = cpu.run(&mut mem, 100);
    assert_eq!(exit, Exit::Fault(Fault::Break { imm: 2 }));
    assert_eq!(delivered(&cpu, exit), (0x20, 0, 0, 0));
    // Slot by slot (a budget of one slot per run) the same.
    let (mut cpu, mut mem) = setup(&BRANCH_THEN_BREAK);
    let exit = loop {
        match cpu.run(&mut mem, 1) {
            Exit::Budget => {}
            e => break e,
        }
    };
    assert_eq!(delivered(&cpu, exit), (0x20, 0, 0, 0));
    // break.b in slot 2 after two slots of its own bundle: IIPA is that bundle.
    let (mut cpu, mut mem) = setup(&MLX_PRED);
    let exit = cpu.run(&mut mem, 100);
    assert_eq!(delivered(&cpu, exit), (0x30, 2, 2, 0x30));
}

/// A trap names the next instruction in IIP/ri, and the trapping one in ISR.ei and IIPA (SDM
/// Vol. 2 Part I §3.3.5.3, §3.3.5.6 and the Single Step and Taken Branch vector pages).
#[test]
fn a_trap_reports_the_trapping_instruction_in_isr_ei_and_iipa() {
    let (mut cpu, mut mem) = setup(&STRAIGHT);
    cpu.state.psr |= 1 << psr::SS;
    let mut got = Vec::new();
    for _ in 0..4 {
        let exit = cpu.run(&mut mem, 100);
        got.push(delivered(&cpu, exit));
    }
    assert_eq!(
        got,
        [
            (0, 1, 0, 0),
            (0, 2, 1, 0),
            (0x10, 0, 2, 0),
            (0x10, 1, 0, 0x10)
        ]
    );
    // The taken br.cloop in slot 2 of bundle 0x10 branches to its own bundle.
    let (mut cpu, mut mem) = setup(&CLOOP);
    cpu.state.psr |= 1 << psr::TB;
    let exit = cpu.run(&mut mem, 100);
    assert_eq!(exit, Exit::Fault(Fault::TakenBranch { ss: false }));
    assert_eq!(delivered(&cpu, exit), (0x10, 0, 2, 0x10));
    // br.few in slot 2 of bundle 0 to 0x20.
    let (mut cpu, mut mem) = setup(&BRANCH_THEN_BREAK);
    cpu.state.psr |= 1 << psr::TB;
    let exit = cpu.run(&mut mem, 100);
    assert_eq!(delivered(&cpu, exit), (0x20, 0, 2, 0));
    // The FP trap of the fma in slot 1.
    let (cpu, _, exit) = fp_trap_case(false);
    assert_eq!(delivered(&cpu, exit), (0, 2, 1, 0));
}

/// The L+X instruction of an MLX bundle is its slot 1 and its last: single step goes from it
/// to the next bundle (never to slot 2), and resuming at slot 2 is an Illegal Operation fault
/// (rse-spec.md §5.2; Linux's `ia64_increment_ip` avoids it).
#[test]
fn single_step_over_movl_and_resuming_inside_it() {
    let (mut cpu, mut mem) = setup(&MLX_PRED);
    cpu.state.psr |= 1 << psr::SS;
    let mut got = Vec::new();
    for _ in 0..3 {
        let exit = cpu.run(&mut mem, 100);
        got.push((delivered(&cpu, exit), cpu.state.retired));
    }
    assert_eq!(
        got,
        [
            ((0, 1, 0, 0), 1),
            ((0x10, 0, 1, 0), 2),
            ((0x10, 1, 0, 0x10), 3)
        ]
    );
    assert_eq!(gr(&cpu, 8), 0x1234_5678_9abc_def0);

    let (mut cpu, mut mem) = setup(&MLX_PRED);
    cpu.state.slot = 2;
    let exit = cpu.run(&mut mem, 100);
    assert_eq!(exit, Exit::Fault(Fault::IllegalOperation));
    assert_eq!(
        (cpu.state.ip, cpu.state.slot, cpu.state.retired),
        (CODE, 2, 0)
    );
    assert_eq!(gr(&cpu, 8), 0, "the movl did not run");
}

/// `rfi` with IPSR.ss = 1 (a debugger's single step of the interrupted code): the rfi itself
/// runs under the handler's PSR (ss clear), the first instruction at IIP under IPSR, and the
/// Single Step trap follows that instruction (SDM Vol. 2 Part I §5.6; Vol. 3 `rfi`).
#[test]
fn rfi_with_ipsr_ss_steps_one_instruction_of_the_target() {
    let (mut cpu, mut mem) = setup(&[rfi_bundle(), STRAIGHT[0], STRAIGHT[1]]);
    cpu.state.cr[usize::from(crate::state::cr::IPSR)] = 1 << psr::SS;
    cpu.state.cr[usize::from(crate::state::cr::IIP)] = CODE + 16;
    assert_eq!(cpu.run(&mut mem, 100), Exit::Fault(Fault::SingleStep));
    // Bundle 0 (3 slots with the rfi), then slot 0 of the target.
    assert_eq!(
        (cpu.state.ip, cpu.state.slot, cpu.state.retired),
        (CODE + 16, 1, 4)
    );
    assert_eq!(
        delivered(&cpu, Exit::Fault(Fault::SingleStep)),
        (0x10, 1, 0, 0x10)
    );
}
