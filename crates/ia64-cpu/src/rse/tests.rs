//! Unit tests: the worked examples of rse-spec.md §3 and the traces of §6, plus fault and
//! corner cases.

use super::addr::*;
use super::*;
use crate::mem::{Access, MemFaultKind, SparseMemory};

fn setup(n: usize, bspstore: u64) -> (Rse, SparseMemory) {
    let mut rse = Rse::new(n).unwrap();
    rse.mov_to_bspstore(bspstore, false).unwrap();
    let mut mem = SparseMemory::new();
    rse.alloc(&mut mem, AllocArgs::default(), 1).unwrap();
    (rse, mem)
}

fn alloc(rse: &mut Rse, mem: &mut SparseMemory, sof: u32, sol: u32, sor: u32) -> u64 {
    rse.alloc(mem, AllocArgs { sof, sol, sor }, 1).unwrap()
}

#[test]
fn spec_3_1_address_of_r40() {
    let bsp_end = 0x6000_0fff_ffff_c238u64;
    let (mut rse, mut mem) = setup(96, rse_skip_regs(bsp_end, -12));
    alloc(&mut rse, &mut mem, 12, 8, 0);
    assert_eq!(rse.cfm().encode(), 0x40c);
    assert_eq!(rse.bsp(), 0x6000_0fff_ffff_c1d0);
    assert_eq!(rse_slot_num(rse.bsp()), 58);
    assert_eq!(rse.bsp_end(), bsp_end);
    assert_eq!(rse.home_addr(32), Some(0x6000_0fff_ffff_c1d0));
    assert_eq!(rse.home_addr(36), Some(0x6000_0fff_ffff_c1f0));
    assert_eq!(rse.home_addr(37), Some(0x6000_0fff_ffff_c200));
    assert_eq!(rse.home_addr(40), Some(0x6000_0fff_ffff_c218));
    assert_eq!(rse.home_addr(43), Some(0x6000_0fff_ffff_c230));
    assert_eq!(rse.home_addr(44), None);
    assert_eq!(rse.home_addr(40), Some(rse_skip_regs(rse.bsp(), 8)));
    // NaT(r40): its collection slot is at or above bsp_end, so it is reported through RNAT.
    assert!(rse_rnat_addr(0x6000_0fff_ffff_c218) >= bsp_end);

    // sor = 2 (16 rotating registers), rrb.gr = 3: r40 sits at frame index 11.
    alloc(&mut rse, &mut mem, 16, 8, 16);
    for _ in 0..13 {
        rse.rotate_regs();
    }
    assert_eq!(rse.cfm().rrb_gr, 3);
    assert_eq!(rse.frame_index(40), Some(11));
    assert_eq!(rse.home_addr(40), Some(0x6000_0fff_ffff_c230));
    // Values follow the rotation: writing r40 writes frame index 11.
    rse.write_gr(40, 0xabc, false).unwrap();
    rse.clrrrb();
    assert_eq!(rse.read_gr(43).unwrap().value, 0xabc);
}

/// Make `count` dirty registers below an empty frame, values `base + i`, NaT on `nat(i)`.
fn make_dirty(
    rse: &mut Rse,
    mem: &mut SparseMemory,
    count: u32,
    base: u64,
    nat: impl Fn(u32) -> bool,
) {
    let mut done = 0;
    while done < count {
        let k = (count - done).min(96);
        alloc(rse, mem, k, k, 0);
        for j in 0..k {
            rse.write_gr(32 + j as u8, base + u64::from(done + j), nat(done + j))
                .unwrap();
        }
        rse.cover(true);
        done += k;
    }
}

#[test]
fn spec_3_2_spill_of_130_registers_across_collections() {
    let start = 0x6000_0000_0001_01f0u64;
    let (mut rse, mut mem) = setup(160, start);
    make_dirty(&mut rse, &mut mem, 130, 0x1000, |i| i == 0 || i >= 127);
    assert_eq!(rse.ndirty(), 130);
    assert_eq!(rse.bsp(), 0x6000_0000_0001_0618);
    rse.flushrs(&mut mem).unwrap();
    assert_eq!(rse.bspstore(), 0x6000_0000_0001_0618);
    assert_eq!(rse.bsp(), rse.bspstore());
    assert_eq!(rse_num_regs(start, 0x6000_0000_0001_0618), 130);
    let w = |a: u64| mem.peek_u64(a);
    assert_eq!(w(0x6000_0000_0001_01f0), 0x1000);
    assert_eq!(w(0x6000_0000_0001_01f8), 1 << 62); // reg #0 NaT at bit 62
    assert_eq!(w(0x6000_0000_0001_0200), 0x1001);
    assert_eq!(w(0x6000_0000_0001_03f0), 0x1000 + 63);
    assert_eq!(w(0x6000_0000_0001_03f8), 0);
    assert_eq!(w(0x6000_0000_0001_0400), 0x1000 + 64);
    assert_eq!(w(0x6000_0000_0001_05f0), 0x1000 + 126);
    assert_eq!(w(0x6000_0000_0001_05f8), 0);
    assert_eq!(w(0x6000_0000_0001_0600), 0x1000 + 127);
    assert_eq!(w(0x6000_0000_0001_0610), 0x1000 + 129);
    // RNAT holds the NaT bits of regs #127..129, not in memory yet.
    assert_eq!(rse.mov_from_rnat(), Ok(0b111));
    let t = rse.counters().flushrs;
    assert_eq!((t.spills, t.nat_written, t.bytes_stored), (130, 3, 133 * 8));
    rse.check_invariants().unwrap();
}

#[test]
fn spec_3_3_user_kernel_split() {
    let ubspstore = 0x6000_0fff_ffff_0e88u64;
    let krbs = 0x6000_0fff_ffff_0e80u64;
    assert_eq!((rse_slot_num(ubspstore), rse_slot_num(krbs)), (17, 16));
    let (mut rse, mut mem) = setup(128, ubspstore);
    make_dirty(&mut rse, &mut mem, 100, 0x5000, |i| i % 7 == 0);
    // Kernel entry: rsc = 0, save bspstore/rnat, switch to krbs, compute loadrs.
    rse.mov_to_rsc(0, false, 0).unwrap();
    let saved_rnat = rse.mov_from_rnat().unwrap();
    rse.mov_to_bspstore(krbs, false).unwrap();
    let loadrs = (rse.bsp() - krbs) << 16;
    assert_eq!(loadrs, 0x328_0000);
    assert_eq!(rse_num_regs(krbs, krbs + (loadrs >> 19) * 8), 100);
    // User reg #k lives at skip(krbs, k) in kernel layout.
    let user45 = rse_skip_regs(ubspstore, 45);
    let user46 = rse_skip_regs(ubspstore, 46);
    assert_eq!((rse_slot_num(user45), rse_slot_num(user46)), (62, 0));
    let k45 = rse_skip_regs(krbs, rse_num_regs(ubspstore, user45) as i64);
    let k46 = rse_skip_regs(krbs, rse_num_regs(ubspstore, user46) as i64);
    assert_eq!((rse_slot_num(k45), rse_slot_num(k46)), (61, 62));
    rse.flushrs(&mut mem).unwrap();
    assert_eq!(mem.peek_u64(k45), 0x5000 + 45);
    assert_eq!(mem.peek_u64(k46), 0x5000 + 46);
    // Kernel exit: loadrs brings the registers back, then re-home them on the user RBS.
    rse.mov_to_rsc(loadrs, false, 0).unwrap();
    rse.loadrs(&mut mem).unwrap();
    assert_eq!(rse.ndirty(), 100);
    rse.mov_to_bspstore(ubspstore, false).unwrap();
    rse.mov_to_rnat(saved_rnat, false).unwrap();
    rse.flushrs(&mut mem).unwrap();
    for k in 0..100u32 {
        assert_eq!(
            mem.peek_u64(rse_skip_regs(ubspstore, i64::from(k))),
            0x5000 + u64::from(k)
        );
    }
    rse.check_invariants().unwrap();
}

/// Read the NaT bit of the backing-store slot `a` in the debugger's view (rse-spec.md §2.3).
fn debug_nat(mem: &SparseMemory, a: u64, end: u64, rnat: u64) -> bool {
    let word = if rse_rnat_addr(a) < end {
        mem.peek_u64(rse_rnat_addr(a))
    } else {
        rnat
    };
    (word >> rse_slot_num(a)) & 1 != 0
}

#[test]
fn spec_6_1_deep_recursion_debugger_edit() {
    let start = 0x6000_0000_0002_0000u64 + 60 * 8;
    let (mut rse, mut mem) = setup(96, start);
    let value = |depth: u64, j: u64| (depth << 16) | j;
    // main: alloc 0,10,2 ; callees: alloc 2,8,2 (sof 12, sol 10).
    let mut pfs_stack = Vec::new();
    let mut frames = Vec::new();
    for depth in 0..=30u64 {
        let pfs = alloc(&mut rse, &mut mem, 12, 10, 0);
        pfs_stack.push(pfs);
        let first = if depth == 0 { 0 } else { 2 };
        for j in first..10u64 {
            rse.write_gr(32 + j as u8, value(depth, j), j == 5).unwrap();
        }
        frames.push(rse.cfm());
        if depth < 30 {
            rse.write_gr(42, value(depth, 100), false).unwrap();
            rse.write_gr(43, value(depth, 101), false).unwrap();
            rse.br_call(0, 3);
        }
    }
    assert!(rse.counters().mandatory.spills > 0);
    // Debugger sync: cover + flushrs.
    rse.mov_to_rsc(0, false, 0).unwrap();
    rse.cover(false);
    rse.flushrs(&mut mem).unwrap();
    let end = rse.bsp();
    let rnat = rse.mov_from_rnat().unwrap();
    // gdb-style walk.
    let mut bof = rse_skip_regs(end, -12);
    for depth in (0..=30u64).rev() {
        let first = if depth == 0 { 0 } else { 2 };
        for j in first..10u64 {
            let a = rse_skip_regs(bof, j as i64);
            assert_eq!(
                mem.peek_u64(a),
                value(depth, j),
                "depth {depth} r{}",
                32 + j
            );
            assert_eq!(
                debug_nat(&mem, a, end, rnat),
                j == 5,
                "nat depth {depth} j {j}"
            );
        }
        bof = rse_skip_regs(bof, -10);
    }
    // The debugger changes r36 of depth 3.
    let mut bof3 = rse_skip_regs(end, -12);
    for _ in 0..(30 - 3) {
        bof3 = rse_skip_regs(bof3, -10);
    }
    mem.poke_u64(rse_skip_regs(bof3, 4), 0xdead_beef);
    // rfi then 30 returns.
    rse.rfi_restore(&mut mem).unwrap();
    assert_eq!(rse.cfm(), frames[30]);
    for depth in (0..30u64).rev() {
        rse.mov_to_pfs(pfs_stack[depth as usize + 1], false)
            .unwrap();
        let info = rse.br_ret(&mut mem).unwrap();
        assert!(!info.frame_too_big);
        assert_eq!(rse.cfm(), frames[depth as usize]);
        let first = if depth == 0 { 0 } else { 2 };
        for j in first..10u64 {
            let r = rse.read_gr(32 + j as u8).unwrap();
            let want = if depth == 3 && j == 4 {
                0xdead_beef
            } else {
                value(depth, j)
            };
            assert_eq!((r.value, r.nat), (want, j == 5), "depth {depth} j {j}");
        }
        rse.check_invariants().unwrap();
    }
    assert!(rse.counters().mandatory.fills > 0);
}

#[test]
fn spec_6_2_alternate_signal_stack() {
    let main_rbs = 0x6000_0000_0003_0000u64 + 13 * 8;
    let alt_rbs = 0x6000_0000_0009_0000u64;
    let (mut rse, mut mem) = setup(96, main_rbs);
    make_dirty(&mut rse, &mut mem, 70, 0x7000, |i| i % 5 == 1);
    let pfs = alloc(&mut rse, &mut mem, 9, 6, 0);
    for j in 0..9u8 {
        rse.write_gr(32 + j, 0x9000 + u64::from(j), j == 3).unwrap();
    }
    let before = rse.clone();
    let frame = rse.cfm();
    // __kernel_sigtramp: cover; sc_ar_bsp = bsp.
    rse.cover(false);
    let bsp0 = rse.bsp();
    rse.mov_to_rsc(0, false, 0).unwrap();
    let sc_rnat = rse.mov_from_rnat().unwrap();
    rse.mov_to_bspstore(alt_rbs, false).unwrap();
    let sc_loadrs = (rse.bsp() - alt_rbs) << 16;
    rse.mov_to_rsc(0xf, false, 3).unwrap();
    // The handler runs: flushes (here through eager background stores) and calls a function.
    alloc(&mut rse, &mut mem, 4, 2, 0);
    rse.br_call(0, 3);
    alloc(&mut rse, &mut mem, 30, 30, 0);
    rse.background_step(&mut mem, 1000);
    rse.mov_to_pfs(
        Pfs {
            pfm: Cfm::frame(4, 2),
            ..Pfs::default()
        }
        .encode(),
        false,
    )
    .unwrap();
    rse.br_ret(&mut mem).unwrap();
    rse.mov_to_pfs(0, false).unwrap();
    rse.br_ret(&mut mem).unwrap(); // back to the empty (covered) frame
                                   // restore_rbs
    let bsp1 = rse.bsp();
    assert_ne!(bsp1, bsp0);
    rse.mov_to_rsc(0, false, 3).unwrap();
    alloc(&mut rse, &mut mem, 0, 0, 0);
    rse.mov_to_rsc(sc_loadrs, false, 3).unwrap();
    rse.loadrs(&mut mem).unwrap();
    let bspstore0 = rse_skip_regs(bsp0, -(rse_num_regs(bsp1 - (sc_loadrs >> 16), bsp1) as i64));
    rse.mov_to_bspstore(bspstore0, false).unwrap();
    rse.mov_to_rnat(sc_rnat, false).unwrap();
    assert_eq!(rse.bsp(), bsp0);
    // rt_sigreturn → rfi restores the covered frame.
    rse.rfi_restore(&mut mem).unwrap();
    assert_eq!(rse.cfm(), frame);
    assert_eq!(rse.bsp(), before.bsp());
    for j in 0..9u8 {
        let r = rse.read_gr(32 + j).unwrap();
        assert_eq!((r.value, r.nat), (0x9000 + u64::from(j), j == 3));
    }
    // Every outer register comes back too.
    rse.mov_to_pfs(pfs, false).unwrap();
    rse.flushrs(&mut mem).unwrap();
    for k in 0..70u32 {
        let a = rse_skip_regs(main_rbs, i64::from(k));
        assert_eq!(mem.peek_u64(a), 0x7000 + u64::from(k));
        assert_eq!(
            debug_nat(&mem, a, rse.bsp(), rse.rnat()),
            k % 5 == 1,
            "k {k}"
        );
    }
    rse.check_invariants().unwrap();
}

#[test]
fn spec_6_3_faults() {
    let (mut rse, mut mem) = setup(96, 0x10000);
    let a = |sof, sol, sor| AllocArgs { sof, sol, sor };
    fn ill<T>(w: IllegalOp) -> Result<T, RseFault> {
        Err(RseFault::IllegalOperation(w))
    }
    assert_eq!(
        rse.alloc(&mut mem, a(97, 0, 0), 1),
        ill(IllegalOp::AllocFrameTooLarge)
    );
    assert_eq!(
        rse.alloc(&mut mem, a(8, 9, 0), 1),
        ill(IllegalOp::AllocSolGreaterThanSof)
    );
    assert_eq!(
        rse.alloc(&mut mem, a(8, 0, 16), 1),
        ill(IllegalOp::AllocSorGreaterThanSof)
    );
    assert_eq!(
        rse.alloc(&mut mem, a(16, 0, 4), 1),
        ill(IllegalOp::AllocSorNotMultipleOf8)
    );
    assert_eq!(
        rse.alloc(&mut mem, a(4, 0, 0), 36),
        ill(IllegalOp::AllocTargetOutOfFrame)
    );
    assert_eq!(
        rse.alloc(&mut mem, a(4, 0, 0), 0),
        ill(IllegalOp::AllocTargetOutOfFrame)
    );
    assert!(rse.alloc(&mut mem, a(4, 0, 0), 35).is_ok());
    // sor change with rrb.gr != 0.
    alloc(&mut rse, &mut mem, 16, 0, 16);
    rse.rotate_regs();
    assert_eq!(
        rse.alloc(&mut mem, a(16, 0, 8), 1),
        Err(RseFault::ReservedRegisterField)
    );
    assert!(rse.alloc(&mut mem, a(20, 0, 16), 1).is_ok()); // same sor: fine
    rse.clrrrb();
    assert!(rse.alloc(&mut mem, a(16, 0, 8), 1).is_ok());
    // loadrs with sof != 0 and loadrs != 0.
    rse.mov_to_rsc(8 << 16, false, 0).unwrap();
    assert_eq!(rse.loadrs(&mut mem), ill(IllegalOp::LoadrsWithFrame));
    // loadrs = 0 with sof != 0 is allowed: invalidates everything outside the frame.
    rse.mov_to_rsc(0, false, 0).unwrap();
    assert!(rse.loadrs(&mut mem).is_ok());
    assert_eq!(rse.ndirty(), 0);
    // Mode checks.
    rse.mov_to_rsc(3, false, 0).unwrap();
    assert_eq!(rse.loadrs(&mut mem), ill(IllegalOp::ModeNotEnforcedLazy));
    assert_eq!(
        rse.mov_to_bspstore(0, false),
        ill(IllegalOp::ModeNotEnforcedLazy)
    );
    assert_eq!(
        rse.mov_to_rnat(0, false),
        ill(IllegalOp::ModeNotEnforcedLazy)
    );
    assert_eq!(rse.mov_from_bspstore(), ill(IllegalOp::ModeNotEnforcedLazy));
    assert_eq!(rse.mov_from_rnat(), ill(IllegalOp::ModeNotEnforcedLazy));
    assert_eq!(rse.mov_from_bsp(), rse.bsp());
    assert_eq!(rse.mov_to_bsp(), ill(IllegalOp::ReadOnlyRegister));
    // Reserved fields, NaT sources, pl clamp.
    assert_eq!(
        rse.mov_to_rsc(1 << 5, false, 0),
        Err(RseFault::ReservedRegisterField)
    );
    assert_eq!(
        rse.mov_to_rsc(1 << 30, false, 0),
        Err(RseFault::ReservedRegisterField)
    );
    assert_eq!(
        rse.mov_to_rsc(0, true, 0),
        Err(RseFault::RegisterNatConsumption)
    );
    rse.mov_to_rsc(0, false, 3).unwrap();
    assert_eq!(rse.rsc().pl, 3);
    assert_eq!(
        rse.mov_to_pfs(1 << 40, false),
        Err(RseFault::ReservedRegisterField)
    );
    assert_eq!(
        rse.mov_to_bspstore(0x1000, true),
        Err(RseFault::RegisterNatConsumption)
    );
    // Out-of-frame writes and reads.
    alloc(&mut rse, &mut mem, 4, 4, 0);
    assert_eq!(rse.write_gr(36, 1, false), ill(IllegalOp::OutOfFrameWrite));
    assert_eq!(rse.write_gr(31, 1, false), ill(IllegalOp::OutOfFrameWrite));
    assert_eq!(rse.read_gr(36), None);
    assert_eq!(rse.read_gr_or_undefined(200), StackedReg::default());
}

#[test]
fn loadrs_too_large() {
    let (mut rse, mut mem) = setup(96, 0x10000);
    alloc(&mut rse, &mut mem, 0, 0, 0);
    // 96 registers need 97 slots from 0x10000 (one collection): fits exactly.
    rse.mov_to_bspstore(0x20000, false).unwrap();
    let fits = (rse_skip_regs(0x20000, 96) - 0x20000) << 16;
    rse.mov_to_bspstore(rse_skip_regs(0x20000, 96), false)
        .unwrap();
    rse.mov_to_rsc(fits, false, 0).unwrap();
    rse.loadrs(&mut mem).unwrap();
    assert_eq!(rse.ndirty(), 96);
    assert_eq!(rse.bspstore(), 0x20000);
    rse.mov_to_rsc(0, false, 0).unwrap();
    rse.loadrs(&mut mem).unwrap(); // drop everything
    let too_many = (rse_skip_regs(0x20000, 97) - 0x20000) << 16;
    rse.mov_to_bspstore(rse_skip_regs(0x20000, 97), false)
        .unwrap();
    rse.mov_to_rsc(too_many, false, 0).unwrap();
    assert_eq!(
        rse.loadrs(&mut mem),
        Err(RseFault::IllegalOperation(IllegalOp::LoadrsTooLarge))
    );
}

#[test]
fn br_ret_frame_too_big_zeroes_cfm() {
    let (mut rse, mut mem) = setup(96, 0x10000);
    make_dirty(&mut rse, &mut mem, 90, 0, |_| false);
    // Return to a frame with 10 outputs: 10 > 96 - 90 + ... (outputs 10 > N - ndirty = 6).
    rse.mov_to_pfs(
        Pfs {
            pfm: Cfm::frame(12, 2),
            pec: 5,
            ppl: 3,
        }
        .encode(),
        false,
    )
    .unwrap();
    let bsp = rse.bsp();
    let info = rse.br_ret(&mut mem).unwrap();
    assert!(info.frame_too_big);
    assert_eq!((info.pec, info.ppl), (5, 3));
    assert_eq!(rse.cfm(), Cfm::default());
    assert_eq!(rse.bsp(), rse_skip_regs(bsp, -2));
    assert_eq!(rse.ndirty(), 88);
    rse.check_invariants().unwrap();
}

#[test]
fn alloc_spill_fault_is_restartable() {
    let (mut rse, mut mem) = setup(96, 0x10000);
    make_dirty(&mut rse, &mut mem, 90, 0x100, |i| i == 3);
    mem.add_fault_range(0x10000 + 8 * 3, 0x10000 + 8 * 4, MemFaultKind::NotPresent);
    let r = rse.alloc(
        &mut mem,
        AllocArgs {
            sof: 20,
            sol: 20,
            sor: 0,
        },
        1,
    );
    match r {
        Err(RseFault::Memory {
            fault,
            cause: Cause::Mandatory,
            incomplete_frame: false,
        }) => {
            assert_eq!(fault.addr, 0x10018);
            assert_eq!(fault.access.kind, crate::mem::AccessKind::RseSpill);
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(rse.cfm().sof, 0);
    assert_eq!(rse.ndirty(), 87); // three spills done
    rse.check_invariants().unwrap();
    mem.clear_fault_ranges();
    rse.alloc(
        &mut mem,
        AllocArgs {
            sof: 20,
            sol: 20,
            sor: 0,
        },
        1,
    )
    .unwrap();
    assert_eq!(rse.ndirty(), 76);
    assert_eq!(rse.counters().mandatory.spills, 14);
}

#[test]
fn br_ret_fill_fault_changes_nothing() {
    let (mut rse, mut mem) = setup(96, 0x10000);
    alloc(&mut rse, &mut mem, 10, 10, 0);
    let pfs0 = rse.pfs();
    rse.write_gr(32, 77, true).unwrap();
    rse.br_call(0, 0);
    for _ in 0..20 {
        alloc(&mut rse, &mut mem, 90, 90, 0);
        rse.br_call(0, 0);
    }
    rse.mov_to_pfs(
        Pfs {
            pfm: Cfm::frame(90, 90),
            ..pfs0
        }
        .encode(),
        false,
    )
    .unwrap();
    // Unwind 20 frames, then one more return into the first frame, whose home is 0x10000.
    for _ in 0..20 {
        rse.br_ret(&mut mem).unwrap();
    }
    rse.mov_to_pfs(
        Pfs {
            pfm: Cfm::frame(10, 10),
            ..pfs0
        }
        .encode(),
        false,
    )
    .unwrap();
    mem.add_fault_range(0x10000, 0x10008, MemFaultKind::Protection);
    let before = rse.clone();
    let r = rse.br_ret(&mut mem);
    assert!(matches!(
        r,
        Err(RseFault::Memory {
            incomplete_frame: true,
            ..
        })
    ));
    assert_eq!(rse, before);
    mem.clear_fault_ranges();
    rse.br_ret(&mut mem).unwrap();
    assert_eq!(
        rse.read_gr(32),
        Some(StackedReg {
            value: 77,
            nat: true
        })
    );
}

#[test]
fn background_step_policy() {
    let (mut rse, mut mem) = setup(96, 0x10000 + 60 * 8);
    make_dirty(&mut rse, &mut mem, 10, 0, |_| false);
    assert_eq!(rse.background_step(&mut mem, 5).spilled, 0); // enforced lazy: nothing
    rse.mov_to_rsc(1, false, 0).unwrap();
    assert_eq!(rse.background_step(&mut mem, 5).spilled, 0); // load-intensive: nothing
    rse.mov_to_rsc(2, false, 0).unwrap();
    let r = rse.background_step(&mut mem, 5);
    assert_eq!(r.spilled, 5);
    assert_eq!(rse.ndirty(), 5);
    assert_eq!(rse.counters().eager.nat_written, 1); // crossed the collection at slot 63
    rse.mov_to_rsc(3, false, 0).unwrap();
    assert_eq!(rse.background_step(&mut mem, 100).spilled, 5);
    assert_eq!(rse.bspstore(), rse.bsp());
    mem.add_fault_range(0, u64::MAX, MemFaultKind::NotPresent);
    make_dirty(&mut rse, &mut mem, 3, 0, |_| false);
    let r = rse.background_step(&mut mem, 100);
    assert_eq!(r.spilled, 0);
    assert!(r.stopped_by.is_some());
    rse.check_invariants().unwrap();
}

#[test]
fn big_endian_rse_round_trip() {
    let (mut rse, mut mem) = setup(96, 0x10000);
    rse.mov_to_rsc(0x10, false, 0).unwrap();
    make_dirty(&mut rse, &mut mem, 3, 0x0102_0304_0506_0708, |i| i == 1);
    rse.flushrs(&mut mem).unwrap();
    assert_eq!(mem.peek_u64(0x10000), 0x0807_0605_0403_0201);
    rse.mov_to_rsc(0x10 | (rse.bsp() - 0x10000) << 16, false, 0)
        .unwrap();
    rse.loadrs(&mut mem).unwrap();
    rse.set_ifs(Ifs {
        ifm: Cfm::frame(3, 3),
        v: true,
    });
    rse.rfi_restore(&mut mem).unwrap();
    assert_eq!(rse.cfm().sof, 3);
    let r = rse.read_gr(33).unwrap();
    assert_eq!((r.value, r.nat), (0x0102_0304_0506_0709, true));
}

#[test]
fn virtual_flushrs_matches_real_flushrs_and_reload() {
    let (mut rse, mut mem) = setup(96, 0x10000 + 50 * 8);
    make_dirty(&mut rse, &mut mem, 40, 0x300, |i| i % 3 == 0);
    alloc(&mut rse, &mut mem, 20, 20, 0);
    for j in 0..20u8 {
        rse.write_gr(32 + j, 0x900 + u64::from(j), j % 4 == 1)
            .unwrap();
    }
    let view = rse.virtual_flushrs(true);
    assert_eq!(view.end, rse.bsp_end());
    let frozen = rse.clone();
    // Write back, let a "debugger" edit r35 and one dirty NaT, reload.
    Rse::write_view(&mut mem, &view, Access::debug()).unwrap();
    mem.poke_u64(rse.home_addr(35).unwrap(), 0x5555);
    let dirty0 = rse.bspstore();
    let c = rse_rnat_addr(dirty0);
    mem.poke_u64(c, mem.peek_u64(c) | 1 << rse_slot_num(dirty0)); // dirty reg #0 becomes NaT
    rse.reload_resident(&mut mem, view.end, view.rnat, true, Access::debug())
        .unwrap();
    assert_eq!(rse.read_gr(35).unwrap().value, 0x5555);
    // A real cover + flushrs of the unedited state gives the same image as the view.
    let mut real = frozen.clone();
    let mut mem2 = SparseMemory::new();
    real.cover(true);
    real.flushrs(&mut mem2).unwrap();
    for (a, w) in view.iter() {
        assert_eq!(mem2.peek_u64(a), w, "{a:#x}");
    }
    assert_eq!(real.rnat(), view.rnat);
    // The edited NaT reached dirty register #0.
    let mut edited = rse.clone();
    let mut mem3 = SparseMemory::new();
    edited.flushrs(&mut mem3).unwrap();
    assert_eq!((mem3.peek_u64(c) >> rse_slot_num(dirty0)) & 1, 1);
}

#[test]
fn counters_by_cause() {
    let (mut rse, mut mem) = setup(96, 0x10000);
    make_dirty(&mut rse, &mut mem, 96, 1, |_| false);
    alloc(&mut rse, &mut mem, 10, 10, 0); // 10 mandatory spills
    assert_eq!(rse.counters().mandatory.spills, 10);
    rse.cover(true);
    rse.flushrs(&mut mem).unwrap();
    assert_eq!(rse.counters().flushrs.spills, 96);
    rse.mov_to_rsc((rse.bsp() - rse_skip_regs(rse.bsp(), -50)) << 16, false, 0)
        .unwrap();
    rse.loadrs(&mut mem).unwrap();
    assert_eq!(rse.counters().loadrs.fills, 50);
    let total = rse.counters().total();
    assert_eq!(total.spills, 106);
    assert_eq!(total.bytes_stored, 8 * (106 + total.nat_written));
}

/// The executor's division-free register naming agrees with the reference naming for every
/// register, frame shape, rename base and BOF position.
#[test]
fn fast_register_naming_matches_the_reference() {
    for n in [96usize, 104, 128] {
        for bof_steps in [0i64, 5, 90, 95] {
            for (sof, sol, sor) in [(0u32, 0u32, 0u32), (16, 8, 0), (24, 24, 16), (96, 40, 96)] {
                for rrb in [0u8, 1, 7, 15, 95] {
                    let (mut rse, mut mem) = setup(n, 0x1_0000);
                    // Move BOF around the ring with call/alloc pairs.
                    for _ in 0..bof_steps {
                        alloc(&mut rse, &mut mem, 1, 1, 0);
                        rse.br_call(0, 0);
                    }
                    alloc(&mut rse, &mut mem, sof, sol, sor);
                    let rot = 8 * (sor / 8);
                    if rot > 0 {
                        rse.cfm.rrb_gr = rrb % rot as u8;
                        rse.refresh_window();
                    }
                    for r in 32..=127u8 {
                        let want = rse.phys_index(r);
                        assert_eq!(rse.phys_index_fast(r), want, "r{r} n{n} bof{bof_steps}");
                        let v = rse.read_gr_or_undefined(r);
                        assert_eq!(rse.read_gr_fast(r), v);
                    }
                }
            }
        }
    }
}
