//! Kernel entry/exit moves the register stack as Linux/ia64 does (rse-spec.md §7).

use ia64_cpu::fault::Fault;
use ia64_cpu::mem::SparseMemory;
use ia64_cpu::rse::AllocArgs;
use ia64_cpu::state::{psr, State};
use ia64_guest_kernel::entry::{self, EntryKind, SysResult};

const URBS: u64 = 0x6000_0000_0020_0000;
const KRBS: u64 = 0xa000_0000_0100_0000;

/// A user thread three calls deep, each frame with values, the RSE in enforced-lazy mode so that
/// nothing has reached the user backing store yet.
fn user_state(mem: &mut SparseMemory) -> State {
    let mut st = State::new(96).unwrap();
    st.rse.mov_to_bspstore(URBS, false).unwrap();
    for depth in 0..3u64 {
        st.rse
            .alloc(
                mem,
                AllocArgs {
                    sof: 10,
                    sol: 6,
                    sor: 0,
                },
                32,
            )
            .unwrap();
        for r in 32..42u8 {
            st.write_gr(r, depth * 100 + u64::from(r), false).unwrap();
        }
        if depth < 2 {
            st.rse.br_call(0, 3);
        }
    }
    st.rse.mov_to_rsc(3 << 2, false, 0).unwrap(); // lazy, pl 3
    st.psr = (1 << psr::IC) | (1 << psr::I) | (1 << psr::BN) | (1 << psr::DT) | (1 << psr::RT);
    st.set_cpl(3);
    st.ip = 0x4000_0000_0000_1000;
    st.gr[15] = 1004;
    st
}

#[test]
fn syscall_round_trip_relocates_dirty_registers_to_the_krbs_and_back() {
    let mut mem = SparseMemory::new();
    let mut st = user_state(&mut mem);
    let before = st.clone();
    let ndirty = st.rse.ndirty();
    assert_eq!(ndirty, 12, "two callers' 6 locals each are dirty");
    let ip = st.ip;
    let pt = entry::enter(
        &mut st,
        &mut mem,
        EntryKind::Syscall,
        &Fault::Break { imm: 0x100000 },
        ip,
        0,
        KRBS,
    )
    .unwrap();
    assert!(pt.in_syscall());
    assert_eq!(pt.ar_bspstore, URBS);
    assert_eq!(
        pt.loadrs >> 16,
        12 * 8,
        "12 dirty registers, no collection slot yet"
    );
    assert_eq!(st.cpl(), 0);
    // The user's out0..out3 (r38..r41 of the last frame) are the handler's in0..in3.
    let (nr, args) = entry::syscall_args(&st, &pt).unwrap();
    assert_eq!(nr, 1004);
    assert_eq!(&args[..4], &[238, 239, 240, 241]);
    // Nothing was written to the user backing store.
    assert!(mem.words().keys().all(|a| *a < URBS || *a >= URBS + 0x1000));
    entry::leave_syscall(&mut st, &mut mem, &pt, SysResult::Ok(7)).unwrap();
    assert_eq!(st.gr[8], 7);
    assert_eq!(st.gr[10], 0);
    assert_eq!(st.cpl(), 3);
    assert_eq!(st.slot, 1, "IP advanced past the break in slot 0");
    assert_eq!(st.rse.cfm(), before.rse.cfm());
    assert_eq!(st.rse.bspstore(), URBS);
    assert_eq!(st.rse.bsp(), before.rse.bsp());
    assert_eq!(st.rse.ndirty(), 12);
    for r in 32..42u8 {
        assert_eq!(st.read_gr(r), before.read_gr(r), "r{r}");
    }
}

#[test]
fn nat_arguments_become_minus_one() {
    let mut mem = SparseMemory::new();
    let mut st = user_state(&mut mem);
    st.write_gr(39, 5, true).unwrap(); // out1 of the current frame
    let ip = st.ip;
    let pt = entry::enter(
        &mut st,
        &mut mem,
        EntryKind::Syscall,
        &Fault::Break { imm: 0x100000 },
        ip,
        2,
        KRBS,
    )
    .unwrap();
    let (_, args) = entry::syscall_args(&st, &pt).unwrap();
    assert_eq!(args[1], u64::MAX);
    entry::leave_syscall(&mut st, &mut mem, &pt, SysResult::Err(22)).unwrap();
    assert_eq!(
        st.read_gr(39),
        (u64::MAX, false),
        "Linux writes -1 into the NaT argument"
    );
    assert_eq!((st.gr[8], st.gr[10]), (22, u64::MAX));
    assert_eq!((st.slot, st.ip), (0, 0x4000_0000_0000_1010));
}

#[test]
fn interruption_entry_covers_the_frame() {
    let mut mem = SparseMemory::new();
    let mut st = user_state(&mut mem);
    let before = st.clone();
    let ip = st.ip;
    let pt = entry::enter(
        &mut st,
        &mut mem,
        EntryKind::Interruption,
        &Fault::IllegalOperation,
        ip,
        1,
        KRBS,
    )
    .unwrap();
    assert!(!pt.in_syscall());
    assert_eq!(pt.cr_ifs & 0x7f, 10, "IFS.ifm = the user frame (sof 10)");
    assert_eq!(pt.loadrs >> 16, 22 * 8, "the covered frame is dirty too");
    // A context switch flushes everything to the KRBS.
    st.rse.flushrs(&mut mem).unwrap();
    assert!(mem.words().keys().any(|a| *a >= KRBS));
    entry::leave(&mut st, &mut mem, &pt).unwrap();
    assert_eq!((st.ip, st.slot), (before.ip, 1));
    for r in 32..42u8 {
        assert_eq!(st.read_gr(r), before.read_gr(r), "r{r}");
    }
    assert_eq!(st.rse.bspstore(), URBS);
}

/// `ia64_increment_ip` / `ia64_decrement_ip` (arch/ia64/kernel/ptrace.c): the L+X instruction
/// of an MLX bundle is slot 1 and that bundle has no slot 2 (an `rfi` there is an Illegal
/// Operation fault), so a `break.x` syscall returns to the next bundle and restarting a
/// syscall from slot 0 goes back to slot 1 of a preceding MLX bundle.
#[test]
fn syscall_ip_steps_over_the_second_half_of_an_mlx_bundle() {
    use ia64_cpu::state::psr::RI;
    const MLX: u64 = 0x4000_0000_0000_2000;
    const MII: u64 = MLX + 16;
    let mut mem = SparseMemory::new();
    // Template 0x05 (MLX with a stop) and 0x01 (MII with a stop) in each bundle's low bits.
    mem.poke_u64(MLX, 0x05);
    mem.poke_u64(MII, 0x01);
    let at = |iip: u64, ri: u64| entry::PtRegs {
        cr_iip: iip,
        cr_ipsr: (1 << psr::IC) | (ri << RI),
        ..entry::PtRegs::default()
    };
    let ri = |pt: &entry::PtRegs| (pt.cr_ipsr >> RI) & 3;
    let step = |mem: &mut SparseMemory, iip: u64, r: u64, up: bool| {
        let mut pt = at(iip, r);
        if up {
            entry::increment_ip(mem, &mut pt);
        } else {
            entry::decrement_ip(mem, &mut pt);
        }
        assert_eq!(pt.cr_ipsr & !(3 << RI), 1 << psr::IC, "only ri changes");
        (pt.cr_iip, ri(&pt))
    };
    assert_eq!(step(&mut mem, MLX, 0, true), (MLX, 1));
    assert_eq!(step(&mut mem, MLX, 1, true), (MII, 0));
    assert_eq!(step(&mut mem, MII, 1, true), (MII, 2));
    assert_eq!(step(&mut mem, MII, 2, true), (MII + 16, 0));
    assert_eq!(step(&mut mem, MII, 0, false), (MLX, 1));
    assert_eq!(step(&mut mem, MII + 16, 0, false), (MII, 2));
    assert_eq!(step(&mut mem, MII, 2, false), (MII, 1));
}
