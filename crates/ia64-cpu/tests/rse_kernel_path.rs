//! Property test: the Linux/ia64 kernel entry and exit sequences (rse-spec.md §7.1–§7.2), built
//! only from the public RSE primitives, give the user program back exactly the register stack it
//! had, whatever the physical-file size, the user's dirty partition, the kernel's own frames and
//! eager spills to the kernel backing store, and whatever the entry kind (interruption: `cover`
//! at entry; system call: the user frame stays current and is covered on exit).

use ia64_cpu::mem::SparseMemory;
use ia64_cpu::rse::{AllocArgs, Rse};
use proptest::prelude::*;

const UBASE: u64 = 0x6000_0000_0010_0000;
const KRBS: u64 = 0xa000_0000_0200_0000;

#[derive(Clone, Debug)]
enum KOp {
    Alloc(u8, u8),
    Call,
    Ret,
    Write(u8, u64, bool),
    Background(u8),
    Flushrs,
}

fn kop() -> impl Strategy<Value = KOp> {
    prop_oneof![
        3 => (0u8..60, 0u8..60).prop_map(|(a, b)| KOp::Alloc(a.max(b), a.min(b))),
        3 => Just(KOp::Call),
        2 => Just(KOp::Ret),
        3 => (any::<u8>(), any::<u64>(), any::<bool>()).prop_map(|(r, v, n)| KOp::Write(r, v, n)),
        2 => (0u8..50).prop_map(KOp::Background),
        1 => Just(KOp::Flushrs),
    ]
}

/// Build a user register stack: `frames` nested frames of (sof, sol) with distinct values.
fn build_user(rse: &mut Rse, mem: &mut SparseMemory, frames: &[(u8, u8)], seed: u64) {
    for (d, &(sof, sol)) in frames.iter().enumerate() {
        let (sof, sol) = (sof.max(sol), sof.min(sol));
        rse.alloc(
            mem,
            AllocArgs {
                sof: u32::from(sof),
                sol: u32::from(sol),
                sor: 0,
            },
            1,
        )
        .unwrap();
        for j in 0..sof {
            let v = seed ^ ((d as u64) << 32 | u64::from(j));
            rse.write_gr(32 + j, v, v % 11 < 1).unwrap();
        }
        if d + 1 < frames.len() {
            rse.br_call(0, 3);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig {
        rng_algorithm: proptest::test_runner::RngAlgorithm::XorShift,
        ..ProptestConfig::with_cases(5_000)
    })]

    #[test]
    fn kernel_entry_exit_restores_user_stack(
        n_sel in 0usize..3,
        uslot in 0u64..64,
        kslot in 0u64..63,
        frames in prop::collection::vec((0u8..40, 0u8..40), 1..12),
        user_eager in 0u32..200,
        syscall in any::<bool>(),
        kops in prop::collection::vec(kop(), 0..40),
        seed in any::<u64>(),
    ) {
        let n = [96, 104, 160][n_sel];
        let mut rse = Rse::new(n).unwrap();
        let mut mem = SparseMemory::new();
        rse.mov_to_bspstore(UBASE + uslot * 8, false).unwrap();
        build_user(&mut rse, &mut mem, &frames, seed);
        rse.mov_to_rsc(3, false, 3).unwrap();
        rse.background_step(&mut mem, user_eager);
        rse.mov_to_rsc(0xf, false, 3).unwrap(); // eager, pl 3
        let before = rse.clone();

        // ---- entry (SAVE_MIN / ia64_syscall_setup)
        if !syscall {
            rse.cover(false);
        }
        rse.mov_to_rsc(0, false, 0).unwrap();
        let saved_rnat = rse.mov_from_rnat().unwrap();
        let saved_bspstore = rse.mov_from_bspstore().unwrap();
        let krbs = KRBS + kslot * 8;
        rse.mov_to_bspstore(krbs, false).unwrap();
        let mut loadrs = (rse.bsp() - krbs) << 16;
        rse.mov_to_rsc(3, false, 0).unwrap();

        // ---- kernel work: its own frames, eager spills to the kernel RBS
        // ia64_syscall_setup-like: the callee keeps the caller's outputs as its inputs (they are
        // the syscall arguments and stay untouched), then calls the kernel proper.
        rse.br_call(0, 0);
        let outs = u32::from(rse.cfm().sof);
        rse.alloc(&mut mem, AllocArgs { sof: outs, sol: outs, sor: 0 }, 1).unwrap();
        let mut pfs_stack = vec![rse.mov_from_pfs()];
        rse.br_call(0, 0);
        for op in &kops {
            match *op {
                KOp::Alloc(sof, sol) => {
                    rse.alloc(&mut mem, AllocArgs { sof: u32::from(sof), sol: u32::from(sol), sor: 0 }, 1).unwrap();
                }
                KOp::Call => {
                    pfs_stack.push(rse.mov_from_pfs());
                    rse.br_call(0, 0);
                }
                KOp::Ret => {
                    if pfs_stack.len() > 1 {
                        let p = pfs_stack.pop().unwrap_or_default();
                        prop_assert!(!rse.br_ret(&mut mem).unwrap().frame_too_big);
                        rse.mov_to_pfs(p, false).unwrap();
                    }
                }
                KOp::Write(r, v, nat) => {
                    let _ = rse.write_gr(32 + r % 96, v, nat);
                }
                KOp::Background(b) => {
                    rse.background_step(&mut mem, u32::from(b));
                }
                KOp::Flushrs => rse.flushrs(&mut mem).unwrap(),
            }
        }
        while let Some(p) = pfs_stack.pop() {
            prop_assert!(!rse.br_ret(&mut mem).unwrap().frame_too_big);
            rse.mov_to_pfs(p, false).unwrap();
        }
        prop_assert!(!rse.br_ret(&mut mem).unwrap().frame_too_big); // back to the entry frame

        // ---- exit (ia64_leave_kernel / ia64_leave_syscall)
        if syscall {
            rse.cover(false);
            loadrs = (rse.bsp() - krbs) << 16;
        }
        rse.mov_to_rsc(0, false, 0).unwrap();
        rse.alloc(&mut mem, AllocArgs::default(), 1).unwrap();
        rse.mov_to_rsc(loadrs, false, 0).unwrap();
        rse.loadrs(&mut mem).unwrap();
        rse.mov_to_bspstore(saved_bspstore, false).unwrap();
        rse.mov_to_rnat(saved_rnat, false).unwrap();
        rse.mov_to_rsc(0xf, false, 3).unwrap();
        rse.rfi_restore(&mut mem).unwrap();

        // ---- the user sees the same stack
        prop_assert_eq!(rse.cfm(), before.cfm());
        prop_assert_eq!(rse.bsp(), before.bsp());
        for r in 32..128u8 {
            prop_assert_eq!(rse.read_gr(r), before.read_gr(r), "r{}", r);
        }
        let (mut a, mut b) = (rse.clone(), before.clone());
        let mut mem_b = mem.clone();
        a.cover(true);
        b.cover(true);
        a.flushrs(&mut mem).unwrap();
        b.flushrs(&mut mem_b).unwrap();
        prop_assert_eq!(a.bsp(), b.bsp());
        let m = (1u64 << ((a.bsp() >> 3) & 63)) - 1;
        prop_assert_eq!(a.rnat() & m, b.rnat() & m);
        let mut addr = UBASE;
        while addr < a.bsp() {
            prop_assert_eq!(mem.peek_u64(addr), mem_b.peek_u64(addr), "user word {:#x}", addr);
            addr += 8;
        }
    }
}
