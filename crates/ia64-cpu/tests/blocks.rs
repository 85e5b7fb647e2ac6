//! The straight-line blocks of the run loop ([`ia64_cpu::exec::block`]) change nothing a
//! guest or a host can see: the same state, memory, retired count, bundle and taken-branch
//! counts as the slot-by-slot path (which an active tracer forces), for whole programs run in
//! budget slices of every size, and at the places where a block must end early: a store that
//! rewrites a later bundle of the block, a fault in its middle, and a conditional branch
//! taken out of it (one not taken does not end it).
//!
//! The hand-written program's bundles were assembled once with `ia64-linux-gnu-as -xexplicit`
//! (binutils) and are pasted as bytes below their objdump listing, so the tests need no cross
//! toolchain.

#[allow(dead_code)]
#[path = "../benches/common/mod.rs"]
mod common;

use std::collections::HashSet;
use std::path::PathBuf;

use ia64_cpu::exec::{Cpu, Exit, Tracer};
use ia64_cpu::fault::Fault;
use ia64_cpu::mem::{Access, MemFault, Memory, Size, SparseMemory};
use ia64_cpu::state::State;
use ia64_isa::insn::Slot;

/// A tracer that watches every slot: the run loop then runs slot by slot, never in blocks.
struct SlotBySlot;

impl Tracer for SlotBySlot {
    const ACTIVE: bool = true;
    fn slot(&mut self, _: &State, _: &Slot, _: bool) {}
}

/// Budget slices: small ones end inside blocks and bundles, large ones let blocks chain.
const SLICES: [u64; 9] = [1, 2, 3, 5, 7, 11, 64, 1000, 4099];

fn program(name: &str) -> common::Image {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../test-programs/bin");
    common::load(&dir.join(name))
}

/// Run `name` to its first `break` (or `max` instructions) twice, in the same budget slices:
/// with blocks, and slot by slot. Everything must agree after every slice; returns the blocks
/// run.
fn same_with_and_without_blocks(name: &str, max: u64) -> u64 {
    let img = program(name);
    let (mut fast, mut fast_mem) = common::boot(&img);
    let (mut slow, mut slow_mem) = common::boot(&img);
    let mut i = 0;
    loop {
        let n = SLICES[i % SLICES.len()];
        i += 1;
        let a = fast.run(&mut fast_mem, n);
        let b = slow.run_traced(&mut slow_mem, n, &mut SlotBySlot);
        assert_eq!(
            a, b,
            "{name}: exits differ after {} slots",
            slow.state.retired
        );
        assert_eq!(fast.state, slow.state, "{name}: states differ at slice {i}");
        if a != Exit::Budget || fast.state.retired >= max {
            break;
        }
    }
    assert!(fast_mem == slow_mem, "{name}: memories differ");
    assert_eq!(fast.stats.bundles, slow.stats.bundles, "{name}: bundles");
    assert_eq!(
        fast.stats.taken_branches, slow.stats.taken_branches,
        "{name}: taken branches"
    );
    assert_eq!(slow.stats.blocks, 0, "{name}: a tracer rules out blocks");
    fast.stats.blocks
}

#[test]
fn benchmark_loops_run_the_same_in_blocks() {
    for (name, max) in [
        ("bench-cloop", 60_000),
        ("bench-alu", 60_000),
        ("bench-ldst", 60_000),
        ("bench-recursion", 200_000),
    ] {
        let blocks = same_with_and_without_blocks(name, max);
        assert!(blocks > 1000, "{name}: only {blocks} blocks ran");
    }
}

#[test]
fn one_budget_for_everything_gives_the_same_counts() {
    let img = program("bench-alu");
    let (mut fast, mut fast_mem) = common::boot(&img);
    let (mut slow, mut slow_mem) = common::boot(&img);
    assert_eq!(fast.run(&mut fast_mem, 100_003), Exit::Budget);
    assert_eq!(
        slow.run_traced(&mut slow_mem, 100_003, &mut SlotBySlot),
        Exit::Budget
    );
    assert_eq!(fast.state, slow.state);
    assert_eq!(fast.state.retired, 100_003);
    assert_eq!(
        (fast.stats.bundles, fast.stats.taken_branches),
        (slow.stats.bundles, slow.stats.taken_branches)
    );
    assert!(fast.stats.blocks > 0);
}

// ---------------------------------------------------------------------------------------------
// A loop whose block is cut by a code write, or left by a fault
// ---------------------------------------------------------------------------------------------

/// Where the code is loaded (physical addressing, cpl 0: the reset PSR).
const CODE: u64 = 0x10_0000;
/// Data the loop may touch.
const DATA: u64 = 0x20_0000;
/// AR.BSPSTORE.
const RBS: u64 = 0x80_0000;

/// ```text
/// start:
/// { .mii
///     mov r8 = 0
///     mov.i ar.lc = 5
///     nop.i 0 ;;
/// }
/// loop:                               // one block: loop, target and the br.cloop bundle
/// { .mmi
///     cmp.eq p6, p0 = 3, r8 ;;        // p6 in the fourth iteration only
///     (p6) st8 [r2] = r3
///     adds r8 = 1, r8
/// }
/// target:
/// { .mii
///     (p6) ld8 r10 = [r11]
///     nop.i 0
///     adds r9 = 1, r9                 // `adds r9 = 16, r9` once r3 is stored at target + 8
/// }
/// { .mib
///     nop.m 0
///     adds r12 = 1, r12
///     br.cloop.sptk.few loop ;;
/// }
/// { .mib
///     nop.m 0
///     nop.i 0
///     break.b 2 ;;
/// }
/// ```
const LOOP: [u8; 80] = [
    // [MII]       mov r8=0 | mov.i ar.lc=5 | nop.i 0x0;;
    0x01, 0x40, 0x00, 0x00, 0x00, 0x24, 0x00, 0x28, 0x04, 0x15, 0x00, 0x00, 0x00, 0x00, 0x04, 0x00,
    // [MMI]       cmp.eq p6,p0=3,r8;; | (p06) st8 [r2]=r3 | adds r8=1,r8
    0x0a, 0x30, 0x0c, 0x10, 0x00, 0xb9, 0x01, 0x18, 0x08, 0x30, 0x23, 0x00, 0x11, 0x40, 0x00, 0x84,
    // [MII] (p06) ld8 r10=[r11] | nop.i 0x0 | adds r9=1,r9
    0xc0, 0x50, 0x00, 0x16, 0x18, 0x10, 0x00, 0x00, 0x00, 0x02, 0x00, 0x20, 0x11, 0x48, 0x00, 0x84,
    // [MIB]       nop.m 0x0 | adds r12=1,r12 | br.cloop.sptk.few loop;;
    0x11, 0x00, 0x00, 0x00, 0x01, 0x00, 0xc0, 0x08, 0x30, 0x00, 0x42, 0xa0, 0xe0, 0xff, 0xff, 0x48,
    // [MIB]       nop.m 0x0 | nop.i 0x0 | break.b 0x2;;
    0x11, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x02, 0x00, 0x40, 0x00, 0x00, 0x00, 0x00,
];

/// The high word (bytes 8 to 15) of `{ .mii (p6) ld8 r10 = [r11]; nop.i 0; adds r9 = 16, r9 }`
/// (objdump: `c0 50 00 16 18 10 | 00 00 00 02 00 20 | 01 49 00 84`, the same first 12 bytes
/// as `target`): stored at `target + 8` it turns the bundle's slot 2 into `adds r9 = 16, r9`.
const TARGET_HI_16: u64 = u64::from_le_bytes([0x00, 0x02, 0x00, 0x20, 0x01, 0x49, 0x00, 0x84]);

/// A [`SparseMemory`] that tracks code pages as the machine does: a store to a page registered
/// by the decoded-bundle cache moves the fetch generation and is reported.
#[derive(Default)]
struct CodeMem {
    inner: SparseMemory,
    code: HashSet<u64>,
    generation: u64,
    written: Vec<u64>,
}

const PAGE: u64 = 1 << 14;

impl Memory for CodeMem {
    fn read(&mut self, addr: u64, size: Size, access: Access) -> Result<u64, MemFault> {
        self.inner.read(addr, size, access)
    }

    fn write(&mut self, addr: u64, size: Size, value: u64, access: Access) -> Result<(), MemFault> {
        self.inner.write(addr, size, value, access)?;
        let page = addr & !(PAGE - 1);
        if self.code.contains(&page) {
            self.generation += 1;
            self.written.push(page);
        }
        Ok(())
    }

    fn fetch_generation(&self) -> u64 {
        self.generation
    }

    fn mark_code_page(&mut self, phys: u64) {
        self.code.insert(phys & !(PAGE - 1));
    }

    fn drain_code_writes(&mut self, out: &mut Vec<u64>) {
        out.append(&mut self.written);
    }
}

/// `code` at [`CODE`], IP there, an RSE backing store at [`RBS`].
fn setup_code(code: &[u8]) -> (Cpu, CodeMem) {
    let mut mem = CodeMem::default();
    for (i, chunk) in code.chunks(8).enumerate() {
        let mut w = [0u8; 8];
        w.copy_from_slice(chunk);
        mem.inner
            .poke_u64(CODE + 8 * i as u64, u64::from_le_bytes(w));
    }
    let mut cpu = Cpu::new(96).unwrap();
    cpu.state.rse.mov_to_bspstore(RBS, false).unwrap();
    cpu.state.ip = CODE;
    (cpu, mem)
}

/// [`LOOP`] at [`CODE`] with r2/r3 (the store), r11 and its NaT bit (the load) set.
fn setup_loop(r2: u64, r3: u64, r11: (u64, bool)) -> (Cpu, CodeMem) {
    let (mut cpu, mem) = setup_code(&LOOP);
    cpu.state.write_gr(2, r2, false).unwrap();
    cpu.state.write_gr(3, r3, false).unwrap();
    cpu.state.write_gr(11, r11.0, r11.1).unwrap();
    (cpu, mem)
}

fn gr(cpu: &Cpu, r: u8) -> u64 {
    cpu.state.read_gr(r).0
}

/// The same loop run with blocks and slot by slot: same exit, state and counts.
fn loop_both_ways(r2: u64, r3: u64, r11: (u64, bool)) -> (Exit, Cpu) {
    both_ways(|| setup_loop(r2, r3, r11))
}

/// The machine `setup` makes, run with blocks and slot by slot: same exit, state and counts.
fn both_ways(setup: impl Fn() -> (Cpu, CodeMem)) -> (Exit, Cpu) {
    let (mut fast, mut fast_mem) = setup();
    let (mut slow, mut slow_mem) = setup();
    let a = fast.run(&mut fast_mem, 1000);
    let b = slow.run_traced(&mut slow_mem, 1000, &mut SlotBySlot);
    assert_eq!(a, b);
    assert_eq!(fast.state, slow.state);
    assert_eq!(fast.stats.bundles, slow.stats.bundles);
    assert_eq!(fast.stats.taken_branches, slow.stats.taken_branches);
    assert!(fast.stats.blocks >= 2, "the loop ran in blocks");
    (a, fast)
}

/// The fourth iteration's store rewrites `target`, the next bundle of the running block: the
/// block ends after the storing bundle and `target` runs as rewritten, from that iteration
/// on (as when every bundle is fetched anew). A block that ran on would add 1 once more.
#[test]
fn a_code_write_ends_the_block_after_its_bundle() {
    let (exit, cpu) = loop_both_ways(CODE + 0x28, TARGET_HI_16, (DATA, false));
    assert_eq!(exit, Exit::Fault(Fault::Break { imm: 2 }));
    // Six iterations: r9 = 1 + 1 + 1 + 16 + 16 + 16.
    assert_eq!((gr(&cpu, 8), gr(&cpu, 9), gr(&cpu, 12)), (6, 51, 6));
    // 3 + 6 × 9 slots, then the two nops before `break.b`.
    assert_eq!(cpu.state.retired, 3 + 6 * 9 + 2);
    assert_eq!((cpu.state.ip, cpu.state.slot), (CODE + 0x40, 2));
}

/// The fourth iteration's load has a NaT address: the NaT Consumption fault (SDM Vol. 2 Part I
/// §5.8, the load's address register) names that slot, with the slots before it (and only
/// those) retired.
#[test]
fn a_fault_inside_a_block_is_exact() {
    let (exit, cpu) = loop_both_ways(DATA, 0, (DATA, true));
    assert_eq!(
        exit,
        Exit::Fault(Fault::NatAddress {
            kind: ia64_cpu::fault::RefKind::Read
        })
    );
    assert_eq!((cpu.state.ip, cpu.state.slot), (CODE + 0x20, 0));
    assert_eq!(cpu.state.retired, 3 + 3 * 9 + 3);
    assert_eq!((gr(&cpu, 8), gr(&cpu, 9), gr(&cpu, 12)), (4, 3, 3));
}

// ---------------------------------------------------------------------------------------------
// A block that runs past a conditional branch (a side exit when it is taken)
// ---------------------------------------------------------------------------------------------

/// ```text
/// start:
/// { .mii
///     mov r8 = 0
///     mov.i ar.lc = 7
///     nop.i 0 ;;
/// }
/// loop:                               // one block: loop to the br.cloop bundle
/// { .mmi
///     cmp.ltu p6, p7 = 3, r8          // p6 from the fifth iteration on
///     nop.m 0
///     adds r8 = 1, r8 ;;
/// }
/// { .mib
///     nop.m 0
///     adds r9 = 1, r9
///     (p6) br.cond.dpnt.few skip ;;   // not taken: the block runs on; taken: it leaves here
/// }
/// { .mii
///     nop.m 0
///     adds r10 = 1, r10
///     nop.i 0 ;;
/// }
/// skip:                               // a block of its own, entered by the taken branch
/// { .mib
///     nop.m 0
///     adds r12 = 1, r12
///     br.cloop.sptk.few loop ;;
/// }
/// { .mib
///     nop.m 0
///     nop.i 0
///     break.b 2 ;;
/// }
/// ```
const SIDE_EXIT: [u8; 96] = [
    // [MII]       mov r8=0 | mov.i ar.lc=7 | nop.i 0x0;;
    0x01, 0x40, 0x00, 0x00, 0x00, 0x24, 0x00, 0x38, 0x04, 0x15, 0x00, 0x00, 0x00, 0x00, 0x04, 0x00,
    // [MMI]       cmp.ltu p6,p7=3,r8 | nop.m 0x0 | adds r8=1,r8;;
    0x09, 0x30, 0x0c, 0x10, 0x07, 0x35, 0x00, 0x00, 0x00, 0x02, 0x00, 0x00, 0x11, 0x40, 0x00, 0x84,
    // [MIB]       nop.m 0x0 | adds r9=1,r9 | (p06) br.cond.dpnt.few skip;;
    0x11, 0x00, 0x00, 0x00, 0x01, 0x00, 0x90, 0x08, 0x24, 0x00, 0x42, 0x03, 0x20, 0x00, 0x00, 0x43,
    // [MII]       nop.m 0x0 | adds r10=1,r10 | nop.i 0x0;;
    0x01, 0x00, 0x00, 0x00, 0x01, 0x00, 0xa0, 0x08, 0x28, 0x00, 0x42, 0x00, 0x00, 0x00, 0x04, 0x00,
    // [MIB]       nop.m 0x0 | adds r12=1,r12 | br.cloop.sptk.few loop;;
    0x11, 0x00, 0x00, 0x00, 0x01, 0x00, 0xc0, 0x08, 0x30, 0x00, 0x42, 0xa0, 0xd0, 0xff, 0xff, 0x48,
    // [MIB]       nop.m 0x0 | nop.i 0x0 | break.b 0x2;;
    0x11, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x02, 0x00, 0x40, 0x00, 0x00, 0x00, 0x00,
];

/// The loop's block holds all four of its bundles: a conditional branch that is not taken
/// does not end it. Eight iterations: the first runs bundle by bundle (blocks are built at
/// a bundle's second visit), the next three run the whole block and chain it to itself, and
/// the last four leave it at the taken `(p6) br.cond` and run the `skip` block: 3 + 4 × 2 =
/// 11 blocks. Blocks that ended at every branch would run two per iteration (14).
#[test]
fn a_block_runs_past_a_branch_not_taken_and_leaves_where_one_is_taken() {
    let (a, fast) = both_ways(|| setup_code(&SIDE_EXIT));
    assert_eq!(a, Exit::Fault(Fault::Break { imm: 2 }));
    // r10 counts the iterations that did not take the branch (r8 = 0 to 3 before the adds).
    let regs: Vec<u64> = [8, 9, 10, 12].iter().map(|&r| gr(&fast, r)).collect();
    assert_eq!(regs, [8, 8, 4, 8]);
    // 3 + 4 × 12 + 4 × 9 slots (the taken branch skips a bundle), then two nops.
    assert_eq!(fast.state.retired, 3 + 4 * 12 + 4 * 9 + 2);
    assert_eq!(fast.stats.blocks, 11);
}
