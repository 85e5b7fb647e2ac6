//! A stopped task's user register backing store (guest-kernel/src/rbs.rs; rse-spec.md §7.3–§7.5,
//! §8.3, §8.5).
//!
//! Every test builds a real situation on a bare CPU state: a user call chain whose stacked
//! registers hold known values and NaT bits (the expected values are what the test wrote), a
//! kernel entry through `entry::enter` (syscall or interruption), a context switch through
//! `sched::switch_out`, and — for the tests that check what the task sees — `sched::switch_in`
//! and `entry::leave` back to user mode, after which the test walks the call chain back with
//! `br.ret` and reads every register.

use ia64_cpu::mem::SparseMemory;
use ia64_cpu::rse::addr::{
    rse_is_rnat_slot, rse_num_regs, rse_rnat_addr, rse_skip_regs, rse_slot_num,
};
use ia64_cpu::rse::{frame_index, AllocArgs, Cfm};
use ia64_cpu::state::psr;
use ia64_cpu::{Fault, State};
use ia64_guest_kernel::entry::{self, EntryKind, PtRegs, SysResult};
use ia64_guest_kernel::rbs::{self, UserRbs};
use ia64_guest_kernel::sched::{self, SwitchStack};
use proptest::prelude::*;

/// The task's KRBS base: backing-store slot 16, as the kernel's `KRBS_OFFSET` puts it.
const KRBS: u64 = 0xa000_0000_0100_0e80;
/// A 512-byte-aligned user backing-store area; scenarios start at a slot inside its group.
const URBS: u64 = 0x6000_0000_0020_0000;
const USER_IP: u64 = 0x4000_0000_0000_1000;

// ---------------------------------------------------------------------------------------------
// Building a stopped task
// ---------------------------------------------------------------------------------------------

/// A user call chain: the callers' frames `(sof, sol)` and the current frame.
#[derive(Clone, Debug)]
struct Scenario {
    n_phys: usize,
    /// Slot of the initial user BSPSTORE in its group (63: a collection slot).
    start_slot: u64,
    callers: Vec<(u32, u32)>,
    /// Current frame: sof, sol, rotating registers, number of rotations.
    frame: (u32, u32, u32, u32),
    kind: EntryKind,
}

/// One user stacked register: where its home is in the user backing store and what it holds.
#[derive(Clone, Copy, Debug)]
struct Reg {
    addr: u64,
    value: u64,
    nat: bool,
    /// Frame number (0 = outermost caller; `callers.len()` = the current frame).
    frame: usize,
    /// Register name in that frame (r32 + …).
    name: u8,
}

/// The task right after its kernel entry and switch-out.
struct Stopped {
    st: State,
    mem: SparseMemory,
    pt: PtRegs,
    sw: SwitchStack,
    /// AR.PFS right after each caller's `br.call` (what a real caller saves and restores).
    pfs: Vec<u64>,
    /// Every user register, in backing-store order, as the task must see it after the entry
    /// (Linux replaced NaT syscall arguments by −1).
    regs: Vec<Reg>,
    /// Where the register stack ends: skip(initial BSP, every register of the chain).
    end: u64,
    /// User registers dirty in the KRBS before the user frame (the RSE's ndirty at entry, plus
    /// the covered frame for an interruption).
    ndirty: u64,
    sc: Scenario,
}

fn value(frame: usize, k: u32) -> u64 {
    0x5a00_0000_0000_0000 | ((frame as u64) << 24) | (u64::from(k) << 8) | 0x11
}

fn nat(frame: usize, k: u32) -> bool {
    (frame * 7 + k as usize * 3).is_multiple_of(11)
}

fn entry_fault(kind: EntryKind) -> Fault {
    match kind {
        EntryKind::Syscall => Fault::Break { imm: 0x100000 },
        EntryKind::Interruption => Fault::IllegalOperation,
    }
}

/// The user call chain, not yet in the kernel.
fn user_chain(sc: &Scenario) -> (State, SparseMemory, Vec<u64>, Vec<Reg>, u64) {
    let mut mem = SparseMemory::new();
    let mut st = State::new(sc.n_phys).unwrap();
    st.rse
        .mov_to_bspstore(URBS + 8 * sc.start_slot, false)
        .unwrap();
    let base = st.rse.bsp();
    let (mut regs, mut pfs, mut off) = (Vec::new(), Vec::new(), 0i64);
    for (i, &(sof, sol)) in sc.callers.iter().enumerate() {
        let args = AllocArgs { sof, sol, sor: 0 };
        st.rse.alloc(&mut mem, args, 32).unwrap();
        for k in 0..sof {
            st.write_gr(32 + k as u8, value(i, k), nat(i, k)).unwrap();
        }
        for k in 0..sol {
            regs.push(Reg {
                addr: rse_skip_regs(base, off + i64::from(k)),
                value: value(i, k),
                nat: nat(i, k),
                frame: i,
                name: 32 + k as u8,
            });
        }
        off += i64::from(sol);
        st.rse.br_call(0, 3);
        pfs.push(st.rse.mov_from_pfs());
    }
    let d = sc.callers.len();
    let (sof, sol, sor, rotations) = sc.frame;
    st.rse
        .alloc(&mut mem, AllocArgs { sof, sol, sor }, 32)
        .unwrap();
    for _ in 0..rotations {
        st.rse.rotate_regs();
    }
    for k in 0..sof {
        st.write_gr(32 + k as u8, value(d, k), nat(d, k)).unwrap();
    }
    let cfm = st.rse.cfm();
    for k in 0..sof {
        let name = 32 + k as u8;
        let (v, n) = st.read_gr(name);
        let idx = frame_index(cfm, name).unwrap();
        regs.push(Reg {
            addr: rse_skip_regs(base, off + i64::from(idx)),
            value: v,
            nat: n,
            frame: d,
            name,
        });
    }
    regs.sort_by_key(|r| r.addr);
    let end = rse_skip_regs(base, off + i64::from(sof));
    st.rse.mov_to_rsc(3 << 2, false, 0).unwrap(); // enforced lazy, pl 3
    st.psr = (1 << psr::IC) | (1 << psr::I) | (1 << psr::BN) | (1 << psr::DT) | (1 << psr::RT);
    st.set_cpl(3);
    st.ip = USER_IP;
    st.gr[15] = 1024;
    (st, mem, pfs, regs, end)
}

/// Frame index of a current-frame register (rotation applied).
fn index_in_frame(sc: &Scenario, cfm: Cfm, r: &Reg) -> Option<u32> {
    (r.frame == sc.callers.len()).then(|| frame_index(cfm, r.name).unwrap())
}

/// Enter the kernel from the user chain; `regs` becomes what the task must see afterwards
/// (Linux replaced NaT syscall arguments by −1). Returns pt_regs and the number of user
/// registers that are dirty in the KRBS before the user frame.
fn enter_kernel(
    sc: &Scenario,
    st: &mut State,
    mem: &mut SparseMemory,
    regs: &mut [Reg],
) -> (PtRegs, u64) {
    let cfm = st.rse.cfm();
    let covered = match sc.kind {
        EntryKind::Syscall => 0,
        EntryKind::Interruption => u64::from(cfm.sof),
    };
    let ndirty = st.rse.ndirty() as u64 + covered;
    let pt = entry::enter(st, mem, sc.kind, &entry_fault(sc.kind), USER_IP, 0, KRBS).unwrap();
    if sc.kind == EntryKind::Syscall {
        // ia64_syscall_setup: a NaT in out0..out7 becomes -1 (rse-spec.md §7.1).
        let sol = sc.frame.1;
        for r in regs.iter_mut() {
            let idx = index_in_frame(sc, cfm, r);
            if idx.is_some_and(|k| k >= sol && k < sol + 8) && r.nat {
                r.value = u64::MAX;
                r.nat = false;
            }
        }
    }
    (pt, ndirty)
}

/// Enter the kernel, then switch out (as a task that stops does).
fn stop(sc: &Scenario) -> Stopped {
    let (mut st, mut mem, pfs, mut regs, end) = user_chain(sc);
    let (pt, ndirty) = enter_kernel(sc, &mut st, &mut mem, &mut regs);
    let (sw, _) = sched::switch_out(&mut st, &mut mem).unwrap();
    Stopped {
        st,
        mem,
        pt,
        sw,
        pfs,
        regs,
        end,
        ndirty,
        sc: sc.clone(),
    }
}

/// Back to user mode (switch in, leave the handler for a syscall, `entry::leave`), then walk
/// the call chain back and return what each register of `regs` holds now, in the same order.
fn resume_and_read(t: &mut Stopped) -> Vec<(u64, bool)> {
    sched::switch_in(&mut t.st, &mut t.mem, t.sw).unwrap();
    if t.sc.kind == EntryKind::Syscall {
        entry::finish_syscall(&mut t.st, &mut t.mem, SysResult::Ok(0)).unwrap();
    }
    entry::leave(&mut t.st, &mut t.mem, &t.pt).unwrap();
    assert_eq!(t.st.cpl(), 3);
    read_chain(t)
}

/// Read the current frame, then `br.ret` into each caller and read its locals.
fn read_chain(t: &mut Stopped) -> Vec<(u64, bool)> {
    let mut seen = std::collections::BTreeMap::new();
    let d = t.sc.callers.len();
    for k in 0..t.sc.frame.0 {
        seen.insert((d, 32 + k as u8), t.st.read_gr(32 + k as u8));
    }
    for i in (0..d).rev() {
        t.st.rse.mov_to_pfs(t.pfs[i], false).unwrap();
        t.st.rse.br_ret(&mut t.mem).unwrap();
        for k in 0..t.sc.callers[i].1 {
            seen.insert((i, 32 + k as u8), t.st.read_gr(32 + k as u8));
        }
    }
    t.regs.iter().map(|r| seen[&(r.frame, r.name)]).collect()
}

/// The register's word as a debugger must see it: 0 for a NaT (rse-spec.md §8.5 point 7).
fn shown(r: &Reg) -> u64 {
    if r.nat {
        0
    } else {
        r.value
    }
}

/// n_phys, start slot, callers, current frame (as in [`Scenario`]).
type Shape = (usize, u64, Vec<(u32, u32)>, (u32, u32, u32, u32));

fn scenarios() -> Vec<Scenario> {
    let mut v = Vec::new();
    let shapes: Vec<Shape> = vec![
        // A few dirty registers, no collection slot crossed.
        (96, 0, vec![(10, 6), (10, 6)], (10, 6, 0, 0)),
        // More than 63 dirty registers, from slot 17 (the user/KRBS offset of rse-spec §3.3).
        (256, 17, vec![(40, 30), (40, 30), (40, 30)], (20, 12, 0, 0)),
        // A chain deeper than the physical file: the oldest registers were spilled by the user
        // RSE before the entry, the user BSPSTORE is inside a group.
        (96, 60, vec![(30, 24); 5], (16, 8, 0, 0)),
        // The user BSPSTORE on a collection slot.
        (96, 63, vec![(12, 9)], (9, 4, 0, 0)),
        // A rotating current frame, and a caller of 63 locals.
        (128, 62, vec![(20, 20), (70, 63)], (24, 16, 16, 3)),
        // Nothing dirty: only the current frame.
        (96, 55, vec![], (8, 2, 0, 0)),
        // Hundreds of dirty registers across many groups.
        (512, 5, vec![(80, 70); 6], (30, 22, 0, 0)),
    ];
    for (n_phys, start_slot, callers, frame) in shapes {
        for kind in [EntryKind::Syscall, EntryKind::Interruption] {
            v.push(Scenario {
                n_phys,
                start_slot,
                callers: callers.clone(),
                frame,
                kind,
            });
        }
    }
    v
}

// ---------------------------------------------------------------------------------------------
// Geometry and peek
// ---------------------------------------------------------------------------------------------

/// urbs_end, ndirty, peek of every register and of every collection word covering one.
fn check_view(t: &mut Stopped) {
    let rbs = UserRbs::new(&t.pt, &t.sw);
    let sof = u64::from(t.sc.frame.0);
    let label = format!("{:?}", t.sc);
    assert_eq!(rbs.urbs_end, t.end, "PT_AR_BSP = end of the frame: {label}");
    assert_eq!(rbs.ndirty, t.ndirty, "{label}");
    assert_eq!(
        rse_num_regs(rbs.ubspstore, rbs.urbs_end),
        rbs.user_regs(),
        "{label}"
    );
    assert_eq!(rbs.in_syscall, t.sc.kind == EntryKind::Syscall);
    assert!(rbs.krbs_holds_user_stack(), "{label}");
    assert_eq!(rbs.cfm & 0x7f, sof);
    for r in &t.regs {
        let got = rbs::peek(&mut t.mem, &rbs, r.addr).unwrap();
        if r.addr >= rbs.ubspstore {
            assert_eq!(got, shown(r), "{r:x?} {label}");
        } else if !r.nat {
            // Spilled by the user RSE before the entry: plain user memory.
            assert_eq!(got, r.value, "{r:x?} {label}");
        }
        let word = rbs::peek(&mut t.mem, &rbs, rse_rnat_addr(r.addr)).unwrap();
        assert_eq!(
            (word >> rse_slot_num(r.addr)) & 1 != 0,
            r.nat,
            "NaT of {r:x?} {label}"
        );
        assert_eq!(word >> 63, 0);
    }
    // The registers of the current frame by name.
    let d = t.sc.callers.len();
    for r in t.regs.iter().filter(|r| r.frame == d) {
        assert_eq!(rbs::user_reg_addr(&rbs, r.name), Some(r.addr), "{label}");
    }
    assert_eq!(rbs::user_reg_addr(&rbs, 32 + sof as u8), None);
    assert_eq!(rbs::user_reg_addr(&rbs, 31), None);
}

#[test]
fn peek_shows_every_stacked_register_and_nat_bit() {
    for sc in scenarios() {
        let mut t = stop(&sc);
        check_view(&mut t);
    }
}

// ---------------------------------------------------------------------------------------------
// Write-back (K→U) and reload (U→K)
// ---------------------------------------------------------------------------------------------

/// sync_user_rbs writes exactly what peek shows into [ubspstore, urbs_end), leaves the final
/// partial collection word alone and reports its bits.
fn check_write_back(t: &mut Stopped) -> UserRbs {
    let rbs = UserRbs::new(&t.pt, &t.sw);
    let label = format!("{:?}", t.sc);
    let last = rse_rnat_addr(rbs.urbs_end);
    const SENTINEL: u64 = 0xdead_beef_0bad_f00d;
    t.mem.poke_u64(last, SENTINEL);
    let mut views = Vec::new();
    let mut a = rbs.ubspstore;
    while a < rbs.urbs_end {
        views.push((a, rbs::peek(&mut t.mem, &rbs, a).unwrap()));
        a += 8;
    }
    let res = rbs::sync_user_rbs(&mut t.mem, &rbs).unwrap();
    assert_eq!(res.bytes, rbs.urbs_end - rbs.ubspstore, "{label}");
    for (a, v) in views {
        assert_eq!(t.mem.peek_u64(a), v, "word {a:#x} {label}");
    }
    assert_eq!(
        t.mem.peek_u64(last),
        SENTINEL,
        "partial collection word not written"
    );
    for r in t.regs.iter().filter(|r| r.addr >= rbs.ubspstore) {
        assert_eq!(t.mem.peek_u64(r.addr), shown(r), "{r:x?} {label}");
    }
    for r in &t.regs {
        let c = rse_rnat_addr(r.addr);
        let word = if c < rbs.urbs_end {
            t.mem.peek_u64(c)
        } else {
            res.rnat_end
        };
        assert_eq!(
            (word >> rse_slot_num(r.addr)) & 1 != 0,
            r.nat,
            "{r:x?} {label}"
        );
    }
    // rnat_end has no bit at or above the end of the stack.
    assert_eq!(res.rnat_end >> rse_slot_num(rbs.urbs_end), 0, "{label}");
    rbs
}

#[test]
fn write_back_makes_user_memory_what_peek_shows() {
    for sc in scenarios() {
        let mut t = stop(&sc);
        check_write_back(&mut t);
        // Without edits, the task comes back with every register intact (NaT data reads 0).
        let seen = resume_and_read(&mut t);
        for (r, got) in t.regs.iter().zip(seen) {
            assert_eq!(got.1, r.nat, "{r:x?} {sc:?}");
            if !r.nat {
                assert_eq!(got.0, r.value, "{r:x?} {sc:?}");
            }
        }
    }
}

/// After a write-back, a debugger edits user memory: register words, and NaT bits in
/// collection words (including bits of registers the user RSE had spilled before the entry,
/// whose NaT bits were in the user RNAT). The reload makes the task see them, except that the
/// NaT bits of a syscall's frame are never changed.
#[test]
fn reload_delivers_debugger_edits_to_user_mode() {
    for sc in scenarios() {
        let mut t = stop(&sc);
        let rbs0 = check_write_back(&mut t);
        let d = sc.callers.len();
        let mut expected: Vec<(u64, bool)> = t.regs.iter().map(|r| (r.value, r.nat)).collect();
        for (i, r) in t.regs.iter().enumerate() {
            let on_krbs = r.addr >= rbs0.ubspstore;
            if on_krbs {
                if r.nat {
                    expected[i].0 = 0; // the write-back stored 0 for a NaT
                }
                if i % 5 == 0 {
                    let new = !r.value ^ 0x1234;
                    t.mem.poke_u64(r.addr, new);
                    expected[i].0 = new;
                }
            }
            let c = rse_rnat_addr(r.addr);
            let in_sync_range = c >= rbs0.ubspstore && c < rbs0.urbs_end;
            if i % 7 == 3 && in_sync_range && (on_krbs || !r.nat) {
                t.mem
                    .poke_u64(c, t.mem.peek_u64(c) ^ (1 << rse_slot_num(r.addr)));
                let refused = sc.kind == EntryKind::Syscall && r.frame == d;
                if !refused {
                    expected[i].1 = !expected[i].1;
                }
            }
        }
        let mut rbs = rbs0;
        let bytes = rbs::sync_kernel_rbs(&mut t.mem, &mut rbs).unwrap();
        assert_eq!(bytes, rbs.urbs_end - rbs.ubspstore);
        rbs.commit(&mut t.pt, &mut t.sw);
        let seen = resume_and_read(&mut t);
        for ((r, want), got) in t.regs.iter().zip(&expected).zip(seen) {
            assert_eq!(got.1, want.1, "NaT of {r:x?} {sc:?}");
            if !want.1 {
                assert_eq!(got.0, want.0, "value of {r:x?} {sc:?}");
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// poke and put_rnat
// ---------------------------------------------------------------------------------------------

/// Pokes of register words and of collection words (NaT flips) reach the task.
#[test]
fn poke_reaches_the_task() {
    for sc in scenarios() {
        let mut t = stop(&sc);
        let mut rbs = UserRbs::new(&t.pt, &t.sw);
        let d = sc.callers.len();
        let mut expected: Vec<(u64, bool)> = t.regs.iter().map(|r| (r.value, r.nat)).collect();
        let regs = t.regs.clone();
        for (i, r) in regs.iter().enumerate() {
            if r.addr < rbs.ubspstore {
                continue;
            }
            if i % 3 == 1 {
                let new = r.value.rotate_left(7) ^ 0x77;
                rbs::poke(&mut t.mem, &mut rbs, r.addr, new).unwrap();
                expected[i].0 = new;
                assert_eq!(
                    rbs::peek(&mut t.mem, &rbs, r.addr).unwrap(),
                    if r.nat { 0 } else { new },
                    "poke keeps the NaT bit: {r:x?}"
                );
            }
            if i % 4 == 2 {
                let c = rse_rnat_addr(r.addr);
                let word = rbs::peek(&mut t.mem, &rbs, c).unwrap();
                rbs::poke(&mut t.mem, &mut rbs, c, word ^ (1 << rse_slot_num(r.addr))).unwrap();
                let refused = sc.kind == EntryKind::Syscall && r.frame == d;
                if !refused {
                    expected[i].1 = !expected[i].1;
                }
                let now = rbs::peek(&mut t.mem, &rbs, c).unwrap();
                assert_eq!(
                    (now >> rse_slot_num(r.addr)) & 1 != 0,
                    expected[i].1,
                    "{r:x?} {sc:?}"
                );
            }
        }
        rbs.commit(&mut t.pt, &mut t.sw);
        let seen = resume_and_read(&mut t);
        for ((r, want), got) in t.regs.iter().zip(&expected).zip(seen) {
            assert_eq!(got.1, want.1, "NaT of {r:x?} {sc:?}");
            if !want.1 {
                assert_eq!(got.0, want.0, "value of {r:x?} {sc:?}");
            }
        }
    }
}

/// The syscall's arguments: values may be changed, NaT bits may not (put_rnat); after an
/// interruption the same registers take a NaT.
#[test]
fn put_rnat_refuses_nat_on_syscall_arguments() {
    let sc = |kind| Scenario {
        n_phys: 96,
        start_slot: 40,
        callers: vec![(20, 14)],
        frame: (12, 4, 0, 0),
        kind,
    };
    for kind in [EntryKind::Syscall, EntryKind::Interruption] {
        let mut t = stop(&sc(kind));
        let mut rbs = UserRbs::new(&t.pt, &t.sw);
        let out0 = rbs::user_reg_addr(&rbs, 36).unwrap();
        let local = rbs::user_reg_addr(&rbs, 33).unwrap();
        let caller = t.regs.iter().find(|r| r.frame == 0 && !r.nat).unwrap().addr;
        for a in [out0, local, caller] {
            let c = rse_rnat_addr(a);
            let word = rbs::get_rnat(&mut t.mem, &rbs, c).unwrap();
            rbs::put_rnat(&mut t.mem, &mut rbs, c, word | (1 << rse_slot_num(a))).unwrap();
        }
        rbs::poke(&mut t.mem, &mut rbs, out0, 0x4242).unwrap();
        let nat_of = |t: &mut Stopped, rbs: &UserRbs, a: u64| {
            let w = rbs::peek(&mut t.mem, rbs, rse_rnat_addr(a)).unwrap();
            (w >> rse_slot_num(a)) & 1 != 0
        };
        let in_frame_nat = kind == EntryKind::Interruption;
        assert_eq!(nat_of(&mut t, &rbs, out0), in_frame_nat, "{kind:?}");
        assert_eq!(nat_of(&mut t, &rbs, local), in_frame_nat, "{kind:?}");
        assert!(
            nat_of(&mut t, &rbs, caller),
            "{kind:?}: below the frame it is allowed"
        );
        rbs.commit(&mut t.pt, &mut t.sw);
        sched::switch_in(&mut t.st, &mut t.mem, t.sw).unwrap();
        if kind == EntryKind::Syscall {
            // The handler's in0 is the user's out0: the poked value, not a NaT.
            assert_eq!(t.st.read_gr(32), (0x4242, false));
            entry::finish_syscall(&mut t.st, &mut t.mem, SysResult::Ok(0)).unwrap();
        }
        entry::leave(&mut t.st, &mut t.mem, &t.pt).unwrap();
        assert_eq!(t.st.read_gr(36).1, in_frame_nat, "{kind:?}");
        assert_eq!(t.st.read_gr(33).1, in_frame_nat, "{kind:?}");
        if !in_frame_nat {
            assert_eq!(t.st.read_gr(36).0, 0x4242);
        }
    }
}

/// Addresses off the kernel RBS are plain user memory; a write between urbs_end and its
/// collection slot is dropped, as Linux's ia64_poke drops it.
#[test]
fn addresses_off_the_kernel_rbs_are_user_memory() {
    let sc = Scenario {
        n_phys: 96,
        start_slot: 3,
        callers: vec![(30, 20)],
        frame: (10, 5, 0, 0),
        kind: EntryKind::Syscall,
    };
    let mut t = stop(&sc);
    let mut rbs = UserRbs::new(&t.pt, &t.sw);
    let below = rbs.ubspstore - 8;
    let above = rse_rnat_addr(rbs.urbs_end) + 8;
    let gap = rbs.urbs_end; // not a collection slot: a BSP never is
    assert!(!rse_is_rnat_slot(gap) && gap < rse_rnat_addr(rbs.urbs_end));
    assert!(!rbs.on_kernel_rbs(below) && !rbs.on_kernel_rbs(above));
    assert!(rbs.on_kernel_rbs(rbs.ubspstore) && rbs.on_kernel_rbs(rse_rnat_addr(rbs.urbs_end)));
    for (a, v) in [(below, 0x1111u64), (above, 0x2222), (gap, 0x3333)] {
        t.mem.poke_u64(a, v);
        assert_eq!(rbs::peek(&mut t.mem, &rbs, a).unwrap(), v, "{a:#x}");
    }
    rbs::poke(&mut t.mem, &mut rbs, below, 0x4444).unwrap();
    rbs::poke(&mut t.mem, &mut rbs, above, 0x5555).unwrap();
    rbs::poke(&mut t.mem, &mut rbs, gap, 0x6666).unwrap();
    assert_eq!(t.mem.peek_u64(below), 0x4444);
    assert_eq!(t.mem.peek_u64(above), 0x5555);
    assert_eq!(t.mem.peek_u64(gap), 0x3333, "dropped, as Linux does");
    // Nothing was written past the flushed KRBS.
    assert!(t.mem.words().keys().all(|&a| a < rbs.kbspstore));
    // An unaligned address on the kernel RBS means its word.
    let r = t
        .regs
        .iter()
        .rev()
        .find(|r| !r.nat && r.addr >= rbs.ubspstore)
        .unwrap();
    assert_eq!(rbs::peek(&mut t.mem, &rbs, r.addr + 3).unwrap(), r.value);
}

// ---------------------------------------------------------------------------------------------
// Registers the KRBS does not hold
// ---------------------------------------------------------------------------------------------

/// A syscall frame with more than 8 outputs: the kernel frame's 8 inputs cover only out0..out7,
/// so the other outputs have no KRBS home. They read as 0 and kernel memory past the flushed
/// KRBS is never read.
#[test]
fn outputs_beyond_the_kernel_frame_read_zero() {
    let sc = Scenario {
        n_phys: 96,
        start_slot: 10,
        callers: vec![(16, 10)],
        frame: (24, 4, 0, 0),
        kind: EntryKind::Syscall,
    };
    let mut t = stop(&sc);
    let rbs = UserRbs::new(&t.pt, &t.sw);
    assert!(!rbs.krbs_holds_user_stack());
    for k in 0..64u64 {
        t.mem.poke_u64(rbs.kbspstore + 8 * k, 0xbad0_0000 + k);
    }
    for n in 32..56u8 {
        let a = rbs::user_reg_addr(&rbs, n).unwrap();
        let got = rbs::peek(&mut t.mem, &rbs, a).unwrap();
        if n < 44 {
            // locals and out0..out7
            let r = t.regs.iter().find(|r| r.addr == a).unwrap();
            assert_eq!(got, shown(r), "r{n}");
            assert!(rbs.kernel_addr(a).is_some());
        } else {
            assert_eq!(got, 0, "r{n} has no KRBS home");
            assert_eq!(rbs.kernel_addr(a), None);
        }
    }
}

/// The syscall-exit stop: after the handler returned, the user frame is current again. If the
/// task is switched out right there, its outputs stay in the physical frame and the KRBS lacks
/// them; Linux runs that work (syscall_trace_leave, notify_resume_user) in a frame of 8 inputs
/// over the user's outputs, which the switch then flushes.
#[test]
fn syscall_exit_stop_needs_a_frame_over_the_outputs() {
    let sc = Scenario {
        n_phys: 96,
        start_slot: 30,
        callers: vec![(40, 33), (20, 12)],
        frame: (14, 7, 0, 0),
        kind: EntryKind::Syscall,
    };
    // Switched out with the user frame current: the outputs are missing.
    let (mut st, mut mem, ..) = user_chain(&sc);
    let fault = entry_fault(sc.kind);
    let pt = entry::enter(&mut st, &mut mem, sc.kind, &fault, USER_IP, 0, KRBS).unwrap();
    entry::finish_syscall(&mut st, &mut mem, SysResult::Ok(9)).unwrap();
    let (sw, _) = sched::switch_out(&mut st, &mut mem).unwrap();
    assert!(!UserRbs::new(&pt, &sw).krbs_holds_user_stack());

    // With a work frame (br.call + alloc 8,8,0,0), every register is in the KRBS.
    let (mut st, mut mem, pfs, mut regs, end) = user_chain(&sc);
    let (pt, ndirty) = enter_kernel(&sc, &mut st, &mut mem, &mut regs);
    let mut t = Stopped {
        st,
        mem,
        pt,
        sw: SwitchStack::default(),
        pfs,
        regs,
        end,
        ndirty,
        sc: sc.clone(),
    };
    entry::finish_syscall(&mut t.st, &mut t.mem, SysResult::Ok(9)).unwrap();
    t.st.rse.br_call(0, 0);
    let work = AllocArgs {
        sof: 8,
        sol: 8,
        sor: 0,
    };
    t.st.rse.alloc(&mut t.mem, work, 32).unwrap();
    let (sw, _) = sched::switch_out(&mut t.st, &mut t.mem).unwrap();
    t.sw = sw;
    check_view(&mut t);
    let mut rbs = UserRbs::new(&t.pt, &t.sw);
    let out1 = rbs::user_reg_addr(&rbs, 40).unwrap();
    let local = rbs::user_reg_addr(&rbs, 34).unwrap();
    rbs::poke(&mut t.mem, &mut rbs, out1, 0xabcd).unwrap();
    rbs::poke(&mut t.mem, &mut rbs, local, 0xef01).unwrap();
    rbs.commit(&mut t.pt, &mut t.sw);
    sched::switch_in(&mut t.st, &mut t.mem, t.sw).unwrap();
    t.st.rse.br_ret(&mut t.mem).unwrap(); // out of the work frame
    entry::leave(&mut t.st, &mut t.mem, &t.pt).unwrap();
    assert_eq!(t.st.read_gr(40), (0xabcd, false));
    assert_eq!(t.st.read_gr(34), (0xef01, false));
    assert_eq!(t.st.gr[8], 9);
}

// ---------------------------------------------------------------------------------------------
// Sync of a running task (unw_init_running)
// ---------------------------------------------------------------------------------------------

/// `with_flushed` on the task current in the kernel: write back, let a debugger edit, reload,
/// and the user sees the edit.
#[test]
fn with_flushed_syncs_a_task_in_the_kernel() {
    for kind in [EntryKind::Syscall, EntryKind::Interruption] {
        let sc = Scenario {
            n_phys: 128,
            start_slot: 50,
            callers: vec![(40, 35), (40, 35)],
            frame: (12, 6, 0, 0),
            kind,
        };
        let (mut st, mut mem, pfs, mut regs, end) = user_chain(&sc);
        let (mut pt, ndirty) = enter_kernel(&sc, &mut st, &mut mem, &mut regs);
        let res = rbs::with_flushed(&mut st, &mut mem, &mut pt, |m, rbs| {
            rbs::sync_user_rbs(m, rbs)
        })
        .unwrap()
        .unwrap();
        assert!(res.bytes > 0);
        let target = *regs.iter().rev().find(|r| r.frame == 1 && !r.nat).unwrap();
        assert_eq!(mem.peek_u64(target.addr), target.value);
        mem.poke_u64(target.addr, 0x600d);
        let bytes = rbs::with_flushed(&mut st, &mut mem, &mut pt, |m, rbs| {
            rbs::sync_kernel_rbs(m, rbs)
        })
        .unwrap()
        .unwrap();
        assert_eq!(bytes, res.bytes);
        if kind == EntryKind::Syscall {
            entry::finish_syscall(&mut st, &mut mem, SysResult::Ok(0)).unwrap();
        }
        entry::leave(&mut st, &mut mem, &pt).unwrap();
        let mut t = Stopped {
            st,
            mem,
            pt,
            sw: SwitchStack::default(),
            pfs,
            regs,
            end,
            ndirty,
            sc: sc.clone(),
        };
        let seen = read_chain(&mut t);
        for (r, got) in t.regs.iter().zip(seen) {
            assert_eq!(got.1, r.nat, "{r:x?}");
            if r.addr == target.addr {
                assert_eq!(got.0, 0x600d);
            } else if !r.nat {
                assert_eq!(got.0, r.value, "{r:x?}");
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Worked examples of rse-spec.md §3
// ---------------------------------------------------------------------------------------------

/// §3.3: user BSPSTORE 0x60000fffffff0e88 (slot 17), krbs …0e80 (slot 16), 100 user registers
/// dirty at an interruption (the covered frame included): loadrs 0x3280000, ndirty 100; user
/// slot 62 (reg #45) is kernel slot 61, user slot 0 of the next group (reg #46) kernel slot 62.
#[test]
fn worked_example_user_kernel_split() {
    const UBSPSTORE: u64 = 0x6000_0fff_ffff_0e88;
    let mut mem = SparseMemory::new();
    let mut st = State::new(128).unwrap();
    st.rse.mov_to_bspstore(UBSPSTORE, false).unwrap();
    let mut truth = Vec::new();
    for (i, &(sof, sol)) in [(34u32, 30u32), (34, 30), (34, 30)].iter().enumerate() {
        st.rse
            .alloc(&mut mem, AllocArgs { sof, sol, sor: 0 }, 32)
            .unwrap();
        for k in 0..sof {
            st.write_gr(32 + k as u8, value(i, k), false).unwrap();
        }
        truth.extend((0..sol).map(|k| value(i, k)));
        st.rse.br_call(0, 3);
    }
    st.rse
        .alloc(
            &mut mem,
            AllocArgs {
                sof: 10,
                sol: 10,
                sor: 0,
            },
            32,
        )
        .unwrap();
    for k in 0..10 {
        st.write_gr(32 + k as u8, value(3, k), false).unwrap();
    }
    truth.extend((0..10).map(|k| value(3, k)));
    st.set_cpl(3);
    let pt = entry::enter(
        &mut st,
        &mut mem,
        EntryKind::Interruption,
        &Fault::IllegalOperation,
        USER_IP,
        0,
        KRBS,
    )
    .unwrap();
    assert_eq!(pt.loadrs, 0x328_0000);
    let (sw, _) = sched::switch_out(&mut st, &mut mem).unwrap();
    let rbs = UserRbs::new(&pt, &sw);
    assert_eq!(rbs.ndirty, 100);
    let reg45 = UBSPSTORE + 45 * 8;
    assert_eq!(reg45, 0x6000_0fff_ffff_0ff0);
    assert_eq!(rse_slot_num(reg45), 62);
    let k45 = rbs.kernel_addr(reg45).unwrap();
    assert_eq!(k45, KRBS + 45 * 8);
    assert_eq!(rse_slot_num(k45), 61);
    let reg46 = 0x6000_0fff_ffff_1000; // the collection slot …0ff8 is skipped
    let k46 = rbs.kernel_addr(reg46).unwrap();
    assert_eq!(rse_slot_num(k46), 62);
    assert_eq!(mem.peek_u64(k45), truth[45]);
    assert_eq!(mem.peek_u64(k46), truth[46]);
    assert_eq!(rbs::peek(&mut mem, &rbs, reg45).unwrap(), truth[45]);
    assert_eq!(rbs::peek(&mut mem, &rbs, reg46).unwrap(), truth[46]);
    assert_eq!(rbs.urbs_end, rse_skip_regs(UBSPSTORE, 100));
}

/// §3.1: bsp_end 0x60000fffffffc238, CFM 0x40c (sof 12, sol 8): r32 at …c1d0, r36 at …c1f0,
/// r37 at …c200, r40 at …c218; with sor = 2 (16 rotating) and rrb.gr = 3, r40 is frame index 11,
/// at …c230.
#[test]
fn worked_example_register_addresses() {
    let rbs = UserRbs {
        urbs_end: 0x6000_0fff_ffff_c238,
        cfm: 0x40c,
        ..UserRbs::default()
    };
    assert_eq!(rbs::user_reg_addr(&rbs, 32), Some(0x6000_0fff_ffff_c1d0));
    assert_eq!(rbs::user_reg_addr(&rbs, 36), Some(0x6000_0fff_ffff_c1f0));
    assert_eq!(rbs::user_reg_addr(&rbs, 37), Some(0x6000_0fff_ffff_c200));
    assert_eq!(rbs::user_reg_addr(&rbs, 40), Some(0x6000_0fff_ffff_c218));
    assert_eq!(rbs::user_reg_addr(&rbs, 43), Some(0x6000_0fff_ffff_c230));
    assert_eq!(rbs::user_reg_addr(&rbs, 44), None);
    let rotated = UserRbs {
        cfm: 0x40c | (2 << 14) | (3 << 18),
        ..rbs
    };
    assert_eq!(
        rbs::user_reg_addr(&rotated, 40),
        Some(0x6000_0fff_ffff_c230)
    );
}

// ---------------------------------------------------------------------------------------------
// Random call chains
// ---------------------------------------------------------------------------------------------

fn arb_scenario() -> impl Strategy<Value = Scenario> {
    (
        prop::sample::select(vec![96usize, 128, 256]),
        0u64..64,
        prop::collection::vec((1u32..=40, 0u32..=40), 0..7),
        (1u32..=30, 0u32..=30),
        any::<bool>(),
    )
        .prop_map(|(n_phys, start_slot, callers, (sof, sol), syscall)| {
            let callers = callers
                .into_iter()
                .map(|(sof, sol)| (sof, sol.min(sof)))
                .collect();
            let sol = sol.min(sof);
            // A syscall frame has at most 8 outputs (else the syscall is EINVAL, §7.1).
            let sol = if syscall {
                sol.max(sof.saturating_sub(8))
            } else {
                sol
            };
            Scenario {
                n_phys,
                start_slot,
                callers,
                frame: (sof, sol, 0, 0),
                kind: if syscall {
                    EntryKind::Syscall
                } else {
                    EntryKind::Interruption
                },
            }
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn random_chains_round_trip(sc in arb_scenario()) {
        let mut t = stop(&sc);
        check_view(&mut t);
        check_write_back(&mut t);
        let mut rbs = UserRbs::new(&t.pt, &t.sw);
        rbs::sync_kernel_rbs(&mut t.mem, &mut rbs).unwrap();
        rbs.commit(&mut t.pt, &mut t.sw);
        let seen = resume_and_read(&mut t);
        for (r, got) in t.regs.iter().zip(seen) {
            prop_assert_eq!(got.1, r.nat);
            if !r.nat {
                prop_assert_eq!(got.0, r.value);
            }
        }
    }
}
