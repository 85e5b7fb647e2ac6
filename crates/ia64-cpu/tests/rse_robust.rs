//! Robustness: arbitrary guest-controlled values (any AR/CR contents, any alloc operands, any
//! mode, faulting memory, addresses that wrap) never make the RSE panic or loop forever, and the
//! physical-file bookkeeping stays consistent (sof + ndirty ≤ N, BOF < N, CFM a legal frame).

use ia64_cpu::mem::{Access, MemFaultKind, SparseMemory};
use ia64_cpu::rse::{AllocArgs, Ifs, Rse};
use proptest::prelude::*;

#[derive(Clone, Debug)]
enum Op {
    MovBspstore(u64, bool),
    MovRnat(u64),
    MovRsc(u64, u8),
    MovPfs(u64),
    SetIfs(u64),
    Alloc(u32, u32, u32, u8),
    Call,
    Ret,
    Cover(bool),
    Flushrs,
    Loadrs,
    Rfi,
    Background(u32),
    Rotate,
    Write(u8, u64, bool),
    ViewAndReload(bool),
}

fn addr() -> impl Strategy<Value = u64> {
    prop_oneof![
        any::<u64>(),
        (0u64..0x4000).prop_map(|a| a * 8),
        (0u64..0x4000).prop_map(|a| u64::MAX - a * 8),
        (0u64..0x4000).prop_map(|a| 0x6000_0000_0000_0000 + a * 8),
    ]
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        (addr(), prop::bool::weighted(0.05)).prop_map(|(a, n)| Op::MovBspstore(a, n)),
        any::<u64>().prop_map(Op::MovRnat),
        (
            prop_oneof![any::<u64>(), (0u64..0x4000).prop_map(|l| l << 16), 0u64..32],
            0u8..4
        )
            .prop_map(|(v, c)| Op::MovRsc(v, c)),
        prop_oneof![any::<u64>(), 0u64..(1 << 38)].prop_map(Op::MovPfs),
        any::<u64>().prop_map(Op::SetIfs),
        (0u32..130, 0u32..130, 0u32..130, any::<u8>())
            .prop_map(|(a, b, c, t)| Op::Alloc(a, b, c, t)),
        Just(Op::Call),
        Just(Op::Ret),
        any::<bool>().prop_map(Op::Cover),
        Just(Op::Flushrs),
        Just(Op::Loadrs),
        Just(Op::Rfi),
        any::<u32>().prop_map(|b| Op::Background(b % 500)),
        Just(Op::Rotate),
        (any::<u8>(), any::<u64>(), any::<bool>()).prop_map(|(r, v, n)| Op::Write(r, v, n)),
        any::<bool>().prop_map(Op::ViewAndReload),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig {
        rng_algorithm: proptest::test_runner::RngAlgorithm::XorShift,
        ..ProptestConfig::with_cases(3_000)
    })]

    #[test]
    fn arbitrary_guest_values_never_panic(
        n_sel in 0usize..3,
        faults in prop::collection::vec((addr(), 0u64..0x2000), 0..3),
        ops in prop::collection::vec(op(), 1..60),
    ) {
        let n = [96, 104, 256][n_sel];
        let mut rse = Rse::new(n).unwrap();
        let mut mem = SparseMemory::new();
        for (lo, len) in faults {
            mem.add_fault_range(lo, lo.saturating_add(len), MemFaultKind::NotPresent);
        }
        for op in ops {
            match op {
                Op::MovBspstore(a, nat) => { let _ = rse.mov_to_bspstore(a, nat); }
                Op::MovRnat(v) => { let _ = rse.mov_to_rnat(v, false); }
                Op::MovRsc(v, cpl) => { let _ = rse.mov_to_rsc(v, false, cpl); }
                Op::MovPfs(v) => { let _ = rse.mov_to_pfs(v, false); }
                Op::SetIfs(v) => rse.set_ifs(Ifs::decode(v)),
                Op::Alloc(sof, sol, sor, t) => {
                    let _ = rse.alloc(&mut mem, AllocArgs { sof, sol, sor }, t);
                }
                Op::Call => rse.br_call(5, 3),
                Op::Ret => { let _ = rse.br_ret(&mut mem); }
                Op::Cover(ic) => { rse.cover(ic); }
                Op::Flushrs => { let _ = rse.flushrs(&mut mem); }
                Op::Loadrs => { let _ = rse.loadrs(&mut mem); }
                Op::Rfi => { let _ = rse.rfi_restore(&mut mem); }
                Op::Background(b) => { let _ = rse.background_step(&mut mem, b); }
                Op::Rotate => rse.rotate_regs(),
                Op::Write(r, v, nat) => {
                    let _ = rse.write_gr(r, v, nat);
                    let _ = rse.read_gr(r);
                    let _ = rse.home_addr(r);
                }
                Op::ViewAndReload(frame) => {
                    let view = rse.virtual_flushrs(frame);
                    let _ = Rse::write_view(&mut mem, &view, Access::debug());
                    let _ = rse.reload_resident(&mut mem, view.end, view.rnat, frame, Access::debug());
                }
            }
            let sof = usize::from(rse.cfm().sof);
            prop_assert!(sof + rse.ndirty() <= rse.n_phys());
            prop_assert!(rse.bof() < rse.n_phys());
            prop_assert!(rse.cfm().is_valid());
            prop_assert_eq!(rse.ninvalid(), rse.n_phys() - sof - rse.ndirty());
            prop_assert_eq!(rse.rnat() >> 63, 0);
        }
    }
}
