//! Debugger hooks ([`ia64_cpu::debug`]): breakpoints and data watches kept outside guest
//! memory, run through [`Cpu::run`] on real encoded bundles in a [`SparseMemory`].
//!
//! The bundles were assembled once with `ia64-linux-gnu-as -xexplicit` (binutils) and are
//! pasted here as bytes, each constant preceded by its source and each bundle by objdump's
//! disassembly, so the tests need no cross toolchain. The code runs at a low physical address
//! (PSR = 0 after reset: physical addressing, cpl 0) unless a test says otherwise.
//!
//! Every expected stop (address, kind, IP/slot, retired count) is worked out by hand from the
//! listings below: slot positions are written as (bundle offset from [`CODE`], slot), data
//! addresses as offsets from [`DATA`].

use ia64_cpu::debug::{DebugEvent, Watch, WatchKind};
use ia64_cpu::exec::{Cpu, Exit, Tracer};
use ia64_cpu::fault::Fault;
use ia64_cpu::mem::{MemFaultKind, SparseMemory};
use ia64_cpu::state::{cr, psr, State};
use ia64_isa::insn::Slot;

/// Where the code is loaded.
const CODE: u64 = 0x10_0000;
/// The data the memory program accesses.
const DATA: u64 = 0x20_0000;
/// AR.BSPSTORE.
const RBS: u64 = 0x80_0000;

/// ```text
/// loop_prog:
/// { .mii
///     mov r8 = 0
///     mov.i ar.lc = 4
///     nop.i 0 ;;
/// }
/// loop:
/// { .mlx
///     adds r8 = 1, r8
///     movl r9 = 0x1122334455667788 ;;
/// }
/// { .mmi
///     cmp.eq p6, p7 = r0, r0 ;;
///     (p7) adds r10 = 1, r10
///     (p6) adds r11 = 1, r11 ;;
/// }
/// { .mib
///     nop.m 0
///     nop.i 0
///     br.cloop.sptk.few loop ;;
/// }
/// { .mib
///     nop.m 0
///     nop.i 0
///     break.b 2 ;;
/// }
/// ```
const LOOP: [[u8; 16]; 5] = [
    // [MII]       mov r8=0 | mov.i ar.lc=4 | nop.i 0x0;;
    [
        0x01, 0x40, 0x00, 0x00, 0x00, 0x24, 0x00, 0x20, 0x04, 0x15, 0x00, 0x00, 0x00, 0x00, 0x04,
        0x00,
    ],
    // [MLX]       adds r8=1,r8 | movl r9=0x1122334455667788;;
    [
        0x05, 0x40, 0x04, 0x10, 0x00, 0x61, 0x55, 0x44, 0x33, 0x22, 0x11, 0x20, 0x81, 0xd0, 0xbc,
        0x63,
    ],
    // [MMI]       cmp.eq p6,p7=r0,r0;; | (p07) adds r10=1,r10 | (p06) adds r11=1,r11;;
    [
        0x0b, 0x30, 0x00, 0x00, 0x07, 0xf8, 0xa1, 0x08, 0x28, 0x00, 0x42, 0x63, 0x11, 0x58, 0x00,
        0x84,
    ],
    // [MIB]       nop.m 0x0 | nop.i 0x0 | br.cloop.sptk.few 10 <loop>;;
    [
        0x11, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x02, 0x00, 0xa0, 0xe0, 0xff, 0xff,
        0x48,
    ],
    // [MIB]       nop.m 0x0 | nop.i 0x0 | break.b 0x2;;
    [
        0x11, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x02, 0x00, 0x40, 0x00, 0x00, 0x00,
        0x00,
    ],
];

/// ```text
/// mem_prog:
/// { .mmi
///     ld1 r8 = [r2]
///     ld2 r9 = [r3]
///     nop.i 0 ;;
/// }
/// { .mmi
///     ld4 r10 = [r4]
///     ld8 r11 = [r5]
///     nop.i 0 ;;
/// }
/// { .mmi
///     st1 [r2] = r20
///     st2 [r3] = r20
///     nop.i 0 ;;
/// }
/// { .mmi
///     st4 [r4] = r20
///     st8 [r5] = r20
///     nop.i 0 ;;
/// }
/// { .mmi
///     ld16 r12, ar.csd = [r6]
///     nop.m 0
///     nop.i 0 ;;
/// }
/// { .mmi
///     st16 [r6] = r20, ar.csd
///     nop.m 0
///     nop.i 0 ;;
/// }
/// { .mmi
///     ldfp8 f6, f7 = [r6]
///     nop.m 0
///     nop.i 0 ;;
/// }
/// { .mmi
///     stf.spill [r6] = f6
///     nop.m 0
///     nop.i 0 ;;
/// }
/// { .mmi
///     xchg8 r13 = [r7], r20
///     nop.m 0
///     nop.i 0 ;;
/// }
/// { .mmi
///     cmpxchg8.acq r14 = [r7], r20, ar.ccv
///     nop.m 0
///     nop.i 0 ;;
/// }
/// { .mmi
///     fetchadd8.acq r15 = [r7], 1
///     nop.m 0
///     nop.i 0 ;;
/// }
/// { .mmi
///     st8.spill [r5] = r20
///     nop.m 0
///     nop.i 0 ;;
/// }
/// { .mmi
///     ld8.fill r16 = [r5]
///     nop.m 0
///     nop.i 0 ;;
/// }
/// { .mmi
///     ld8.a r17 = [r5]
///     nop.m 0
///     nop.i 0 ;;
/// }
/// { .mmi
///     ld8.c.nc r17 = [r5]
///     (p1) ld8 r18 = [r5]
///     nop.i 0 ;;
/// }
/// { .mmi
///     lfetch [r5]
///     ld8.c.clr r19 = [r6]
///     nop.i 0 ;;
/// }
/// { .mmi
///     ldfps f8, f9 = [r5]
///     nop.m 0
///     nop.i 0 ;;
/// }
/// { .mmi
///     ldfpd f10, f11 = [r6]
///     nop.m 0
///     nop.i 0 ;;
/// }
/// { .mib
///     nop.m 0
///     nop.i 0
///     break.b 1 ;;
/// }
/// ```
const MEM: [[u8; 16]; 19] = [
    // [MMI]       ld1 r8=[r2] | ld2 r9=[r3] | nop.i 0x0;;
    [
        0x09, 0x40, 0x00, 0x04, 0x00, 0x10, 0x90, 0x00, 0x0c, 0x10, 0x20, 0x00, 0x00, 0x00, 0x04,
        0x00,
    ],
    // [MMI]       ld4 r10=[r4] | ld8 r11=[r5] | nop.i 0x0;;
    [
        0x09, 0x50, 0x00, 0x08, 0x10, 0x10, 0xb0, 0x00, 0x14, 0x30, 0x20, 0x00, 0x00, 0x00, 0x04,
        0x00,
    ],
    // [MMI]       st1 [r2]=r20 | st2 [r3]=r20 | nop.i 0x0;;
    [
        0x09, 0x00, 0x50, 0x04, 0x80, 0x11, 0x00, 0xa0, 0x0c, 0x10, 0x23, 0x00, 0x00, 0x00, 0x04,
        0x00,
    ],
    // [MMI]       st4 [r4]=r20 | st8 [r5]=r20 | nop.i 0x0;;
    [
        0x09, 0x00, 0x50, 0x08, 0x90, 0x11, 0x00, 0xa0, 0x14, 0x30, 0x23, 0x00, 0x00, 0x00, 0x04,
        0x00,
    ],
    // [MMI]       ld16 r12,ar.csd=[r6] | nop.m 0x0 | nop.i 0x0;;
    [
        0x09, 0x60, 0x00, 0x0c, 0x41, 0x11, 0x00, 0x00, 0x00, 0x02, 0x00, 0x00, 0x00, 0x00, 0x04,
        0x00,
    ],
    // [MMI]       st16 [r6]=r20,ar.csd | nop.m 0x0 | nop.i 0x0;;
    [
        0x09, 0x00, 0x50, 0x0c, 0x81, 0x11, 0x00, 0x00, 0x00, 0x02, 0x00, 0x00, 0x00, 0x00, 0x04,
        0x00,
    ],
    // [MMI]       ldfp8 f6,f7=[r6] | nop.m 0x0 | nop.i 0x0;;
    [
        0x09, 0x30, 0x1c, 0x0c, 0x09, 0x18, 0x00, 0x00, 0x00, 0x02, 0x00, 0x00, 0x00, 0x00, 0x04,
        0x00,
    ],
    // [MMI]       stf.spill [r6]=f6 | nop.m 0x0 | nop.i 0x0;;
    [
        0x09, 0x00, 0x18, 0x0c, 0xd8, 0x19, 0x00, 0x00, 0x00, 0x02, 0x00, 0x00, 0x00, 0x00, 0x04,
        0x00,
    ],
    // [MMI]       xchg8 r13=[r7],r20 | nop.m 0x0 | nop.i 0x0;;
    [
        0x09, 0x68, 0x50, 0x0e, 0x59, 0x10, 0x00, 0x00, 0x00, 0x02, 0x00, 0x00, 0x00, 0x00, 0x04,
        0x00,
    ],
    // [MMI]       cmpxchg8.acq r14=[r7],r20,ar.ccv | nop.m 0x0 | nop.i 0x0;;
    [
        0x09, 0x70, 0x50, 0x0e, 0x19, 0x10, 0x00, 0x00, 0x00, 0x02, 0x00, 0x00, 0x00, 0x00, 0x04,
        0x00,
    ],
    // [MMI]       fetchadd8.acq r15=[r7],1 | nop.m 0x0 | nop.i 0x0;;
    [
        0x09, 0x78, 0x0c, 0x0e, 0x99, 0x10, 0x00, 0x00, 0x00, 0x02, 0x00, 0x00, 0x00, 0x00, 0x04,
        0x00,
    ],
    // [MMI]       st8.spill [r5]=r20 | nop.m 0x0 | nop.i 0x0;;
    [
        0x09, 0x00, 0x50, 0x0a, 0xd8, 0x11, 0x00, 0x00, 0x00, 0x02, 0x00, 0x00, 0x00, 0x00, 0x04,
        0x00,
    ],
    // [MMI]       ld8.fill r16=[r5] | nop.m 0x0 | nop.i 0x0;;
    [
        0x09, 0x80, 0x00, 0x0a, 0xd8, 0x10, 0x00, 0x00, 0x00, 0x02, 0x00, 0x00, 0x00, 0x00, 0x04,
        0x00,
    ],
    // [MMI]       ld8.a r17=[r5] | nop.m 0x0 | nop.i 0x0;;
    [
        0x09, 0x88, 0x00, 0x0a, 0x58, 0x10, 0x00, 0x00, 0x00, 0x02, 0x00, 0x00, 0x00, 0x00, 0x04,
        0x00,
    ],
    // [MMI]       ld8.c.nc r17=[r5] | (p01) ld8 r18=[r5] | nop.i 0x0;;
    [
        0x09, 0x88, 0x00, 0x0a, 0x38, 0x51, 0x20, 0x01, 0x14, 0x30, 0x20, 0x00, 0x00, 0x00, 0x04,
        0x00,
    ],
    // [MMI]       lfetch [r5] | ld8.c.clr r19=[r6] | nop.i 0x0;;
    [
        0x09, 0x00, 0x00, 0x0a, 0x60, 0x19, 0x30, 0x01, 0x18, 0x30, 0x22, 0x00, 0x00, 0x00, 0x04,
        0x00,
    ],
    // [MMI]       ldfps f8,f9=[r5] | nop.m 0x0 | nop.i 0x0;;
    [
        0x09, 0x40, 0x24, 0x0a, 0x11, 0x18, 0x00, 0x00, 0x00, 0x02, 0x00, 0x00, 0x00, 0x00, 0x04,
        0x00,
    ],
    // [MMI]       ldfpd f10,f11=[r6] | nop.m 0x0 | nop.i 0x0;;
    [
        0x09, 0x50, 0x2c, 0x0c, 0x19, 0x18, 0x00, 0x00, 0x00, 0x02, 0x00, 0x00, 0x00, 0x00, 0x04,
        0x00,
    ],
    // [MIB]       nop.m 0x0 | nop.i 0x0 | break.b 0x1;;
    [
        0x11, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x02, 0x00, 0x20, 0x00, 0x00, 0x00,
        0x00,
    ],
];

/// ```text
/// rse_prog:
/// { .mii
///     alloc r34 = ar.pfs, 0, 4, 0, 0
///     nop.i 0
///     nop.i 0 ;;
/// }
/// { .mii
///     nop.m 0
///     mov r32 = r20
///     mov r33 = r20 ;;
/// }
/// { .mib
///     nop.m 0
///     nop.i 0
///     cover ;;
/// }
/// { .mmi
///     flushrs
///     nop.m 0
///     nop.i 0 ;;
/// }
/// { .mmi
///     st8 [r21] = r20
///     nop.m 0
///     nop.i 0 ;;
/// }
/// { .mib
///     nop.m 0
///     nop.i 0
///     break.b 3 ;;
/// }
/// ```
const RSE: [[u8; 16]; 6] = [
    // [MII]       alloc r34=ar.pfs,4,4,0 | nop.i 0x0 | nop.i 0x0;;
    [
        0x01, 0x10, 0x11, 0x08, 0x80, 0x05, 0x00, 0x00, 0x00, 0x02, 0x00, 0x00, 0x00, 0x00, 0x04,
        0x00,
    ],
    // [MII]       nop.m 0x0 | mov r32=r20 | mov r33=r20;;
    [
        0x01, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x02, 0x50, 0x00, 0x42, 0x20, 0x04, 0xa0, 0x00,
        0x84,
    ],
    // [MIB]       nop.m 0x0 | nop.i 0x0 | cover;;
    [
        0x11, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x02, 0x00, 0x00, 0x00, 0x00, 0x08,
        0x00,
    ],
    // [MMI]       flushrs | nop.m 0x0 | nop.i 0x0;;
    [
        0x09, 0x00, 0x00, 0x00, 0x0c, 0x00, 0x00, 0x00, 0x00, 0x02, 0x00, 0x00, 0x00, 0x00, 0x04,
        0x00,
    ],
    // [MMI]       st8 [r21]=r20 | nop.m 0x0 | nop.i 0x0;;
    [
        0x09, 0x00, 0x50, 0x2a, 0x98, 0x11, 0x00, 0x00, 0x00, 0x02, 0x00, 0x00, 0x00, 0x00, 0x04,
        0x00,
    ],
    // [MIB]       nop.m 0x0 | nop.i 0x0 | break.b 0x3;;
    [
        0x11, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x02, 0x00, 0x60, 0x00, 0x00, 0x00,
        0x00,
    ],
];

/// ```text
/// rfi_prog:
/// { .mib
///     nop.m 0
///     nop.i 0
///     rfi ;;
/// }
/// ```
const RFI: [[u8; 16]; 1] = [
    // [MIB]       nop.m 0x0 | nop.i 0x0 | rfi;;
    [
        0x11, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x02, 0x00, 0x00, 0x00, 0x00, 0x20,
        0x00,
    ],
];

// ---------------------------------------------------------------------------------------------
// Harness
// ---------------------------------------------------------------------------------------------

fn load(mem: &mut SparseMemory, base: u64, code: &[[u8; 16]]) {
    for (i, b) in code.iter().enumerate() {
        let a = base + 16 * i as u64;
        let mut lo = [0u8; 8];
        let mut hi = [0u8; 8];
        lo.copy_from_slice(&b[..8]);
        hi.copy_from_slice(&b[8..]);
        mem.poke_u64(a, u64::from_le_bytes(lo));
        mem.poke_u64(a + 8, u64::from_le_bytes(hi));
    }
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

/// (bundle offset from CODE, slot).
fn pos(st: &State) -> (u64, u8) {
    (st.ip.wrapping_sub(CODE), st.slot)
}

/// The value the memory program stores.
const VAL: u64 = 0x0102_0304_0506_0708;

/// [`MEM`] with its base registers: r2..r7 = DATA + 0, 2, 4, 8, 16, 32; r20 = [`VAL`].
fn setup_mem() -> (Cpu, SparseMemory) {
    let (mut cpu, mem) = setup(&MEM);
    for (r, off) in [(2, 0), (3, 2), (4, 4), (5, 8), (6, 16), (7, 32)] {
        cpu.state.write_gr(r, DATA + off, false).unwrap();
    }
    cpu.state.write_gr(20, VAL, false).unwrap();
    (cpu, mem)
}

/// Instructions [`MEM`] retires before its `break.b 1`: 18 bundles of 3 + 2.
const MEM_RETIRED: u64 = 18 * 3 + 2;

/// A watch stop: (kind, address - DATA, position after the stop).
type WatchStop = (WatchKind, u64, (u64, u8));

/// Run [`MEM`] with `watches` to its `break.b 1`, continuing after every watch stop.
fn mem_watch_stops(watches: &[Watch]) -> Vec<WatchStop> {
    let (mut cpu, mut mem) = setup_mem();
    for w in watches {
        assert!(cpu.debug.add_watch(*w));
    }
    let mut stops = Vec::new();
    loop {
        let before = cpu.state.retired;
        match cpu.run(&mut mem, 10_000) {
            Exit::Debug(DebugEvent::Watch { kind, addr }) => {
                // The watched instruction retired (and only it up to the stop is new).
                assert!(cpu.state.retired > before);
                stops.push((kind, addr.wrapping_sub(DATA), pos(&cpu.state)));
            }
            Exit::Fault(Fault::Break { imm: 1 }) => break,
            e => panic!("unexpected exit {e:?} at {:?}", pos(&cpu.state)),
        }
        assert!(stops.len() < 100, "runaway");
    }
    assert_eq!(
        cpu.state.retired, MEM_RETIRED,
        "watch stops keep counts exact"
    );
    stops
}

fn watch(addr_off: u64, len: u64, kind: WatchKind) -> Watch {
    Watch {
        addr: DATA + addr_off,
        len,
        kind,
    }
}

use WatchKind::{Access, Read, Write};

/// Run [`LOOP`] with a breakpoint at `bp`, continuing (with the skip) after every stop;
/// returns the retired counts at the stops and the CPU at the final `break.b 2`.
fn bp_stops(bp: u64) -> (Vec<u64>, Cpu) {
    let (mut cpu, mut mem) = setup(&LOOP);
    assert!(cpu.debug.add_breakpoint(bp));
    let mut stops = Vec::new();
    loop {
        match cpu.run(&mut mem, 10_000) {
            Exit::Debug(DebugEvent::Breakpoint { addr }) => {
                assert_eq!(addr, bp);
                assert_eq!((cpu.state.ip | u64::from(cpu.state.slot)), bp);
                stops.push(cpu.state.retired);
                cpu.debug.set_skip(Some(addr));
            }
            Exit::Fault(Fault::Break { imm: 2 }) => break,
            e => panic!("unexpected exit {e:?}"),
        }
        assert!(stops.len() < 100, "runaway");
    }
    (stops, cpu)
}

/// [`LOOP`] run without hooks to its `break.b 2`.
fn loop_reference() -> Cpu {
    let (mut cpu, mut mem) = setup(&LOOP);
    assert_eq!(
        cpu.run(&mut mem, 10_000),
        Exit::Fault(Fault::Break { imm: 2 })
    );
    cpu
}

// ---------------------------------------------------------------------------------------------
// Breakpoints
// ---------------------------------------------------------------------------------------------

#[test]
fn loop_reference_run() {
    let cpu = loop_reference();
    // 3 + 5 iterations × (2 + 3 + 3) + 2 nops of the break bundle.
    assert_eq!(cpu.state.retired, 45);
    assert_eq!(pos(&cpu.state), (0x40, 2));
    assert_eq!((gr(&cpu, 8), gr(&cpu, 9)), (5, 0x1122_3344_5566_7788));
    assert_eq!((gr(&cpu, 10), gr(&cpu, 11)), (0, 5));
}

#[test]
fn breakpoint_at_every_slot_kind() {
    let reference = loop_reference();
    let cases: [(u64, &[u64]); 9] = [
        // M slot 0, first slot of the run: stops before anything retires.
        (CODE, &[0]),
        // I slot (mov.i ar.lc) and a nop.i.
        (CODE | 1, &[1]),
        (CODE | 2, &[2]),
        // MLX slot 0: reached by falling through, then four times as the br.cloop target.
        (CODE + 0x10, &[3, 11, 19, 27, 35]),
        // MLX slot 1: the L+X instruction.
        (CODE + 0x11, &[4, 12, 20, 28, 36]),
        // A predicated-off slot ((p7) adds): stops anyway.
        (CODE + 0x21, &[6, 14, 22, 30, 38]),
        // The branch itself (B slot).
        (CODE + 0x32, &[10, 18, 26, 34, 42]),
        // The second half of an L+X pair is no instruction: never stops.
        (CODE + 0x12, &[]),
        // The faulting break: stops before it (nothing retired for it).
        (CODE + 0x42, &[45]),
    ];
    for (bp, want) in cases {
        let (stops, cpu) = bp_stops(bp);
        assert_eq!(stops, want, "breakpoint {bp:#x}");
        // Stopping and resuming changes nothing: same final state and count as without hooks.
        assert_eq!(cpu.state, reference.state, "breakpoint {bp:#x}");
    }
}

#[test]
fn breakpoint_stops_before_the_instruction() {
    let (mut cpu, mut mem) = setup(&LOOP);
    let bp = CODE + 0x11;
    cpu.debug.add_breakpoint(bp);
    assert_eq!(
        cpu.run(&mut mem, 100),
        Exit::Debug(DebugEvent::Breakpoint { addr: bp })
    );
    // adds r8 ran, movl did not.
    assert_eq!((gr(&cpu, 8), gr(&cpu, 9)), (1, 0));
    assert_eq!((pos(&cpu.state), cpu.state.retired), ((0x10, 1), 4));
    // Resuming without the skip stops at once, again.
    assert_eq!(
        cpu.run(&mut mem, 100),
        Exit::Debug(DebugEvent::Breakpoint { addr: bp })
    );
    assert_eq!(cpu.state.retired, 4);
    // With the skip the movl runs and the next iteration stops at the same place.
    cpu.debug.set_skip(Some(bp));
    assert_eq!(
        cpu.run(&mut mem, 100),
        Exit::Debug(DebugEvent::Breakpoint { addr: bp })
    );
    assert_eq!((gr(&cpu, 8), gr(&cpu, 9)), (2, 0x1122_3344_5566_7788));
    assert_eq!(cpu.state.retired, 12);
    assert_eq!(cpu.debug.skip(), None, "the skip is used up");
}

#[test]
fn skip_is_cleared_by_execution_faults_and_moves() {
    // A skip for another address does not hide this one, and is dropped.
    let (mut cpu, mut mem) = setup(&LOOP);
    cpu.debug.add_breakpoint(CODE);
    cpu.debug.set_skip(Some(CODE + 0x10));
    assert_eq!(
        cpu.run(&mut mem, 100),
        Exit::Debug(DebugEvent::Breakpoint { addr: CODE })
    );
    assert_eq!(cpu.debug.skip(), None);

    // A run that executes nothing (budget 0) keeps the skip; one that executes drops it.
    cpu.debug.set_skip(Some(CODE));
    assert_eq!(cpu.run(&mut mem, 0), Exit::Budget);
    assert_eq!(cpu.debug.skip(), Some(CODE));
    assert_eq!(cpu.run(&mut mem, 1), Exit::Budget);
    assert_eq!((pos(&cpu.state), cpu.state.retired), ((0, 1), 1));
    assert_eq!(cpu.debug.skip(), None);

    // A faulting instruction uses the skip up: the break stops again when re-executed.
    let bp = CODE + 0x42;
    cpu.debug.add_breakpoint(bp);
    cpu.state.ip = CODE + 0x40;
    cpu.state.slot = 2;
    cpu.debug.set_skip(Some(bp));
    assert_eq!(cpu.run(&mut mem, 100), Exit::Fault(Fault::Break { imm: 2 }));
    assert_eq!(cpu.debug.skip(), None);
    assert_eq!(
        cpu.run(&mut mem, 100),
        Exit::Debug(DebugEvent::Breakpoint { addr: bp })
    );
}

#[test]
fn budget_ends_before_a_breakpoint_check() {
    let (mut cpu, mut mem) = setup(&LOOP);
    let bp = CODE + 0x32;
    cpu.debug.add_breakpoint(bp);
    assert_eq!(cpu.run(&mut mem, 5), Exit::Budget);
    assert_eq!((pos(&cpu.state), cpu.state.retired), ((0x20, 0), 5));
    // The budget runs out exactly at the breakpoint: Budget, IP at the branch.
    assert_eq!(cpu.run(&mut mem, 5), Exit::Budget);
    assert_eq!((pos(&cpu.state), cpu.state.retired), ((0x30, 2), 10));
    // The next run stops there before executing anything.
    assert_eq!(
        cpu.run(&mut mem, 100),
        Exit::Debug(DebugEvent::Breakpoint { addr: bp })
    );
    assert_eq!(cpu.state.retired, 10);
    // Stepping off the breakpoint with the skip: one instruction, the taken branch.
    cpu.debug.set_skip(Some(bp));
    assert_eq!(cpu.step(&mut mem), Exit::Budget);
    assert_eq!((pos(&cpu.state), cpu.state.retired), ((0x10, 0), 11));
}

#[test]
fn breakpoint_at_user_privilege() {
    let (mut cpu, mut mem) = setup(&LOOP);
    cpu.state.set_cpl(3);
    cpu.debug.add_breakpoint(CODE + 0x21);
    assert_eq!(
        cpu.run(&mut mem, 100),
        Exit::Debug(DebugEvent::Breakpoint { addr: CODE + 0x21 })
    );
    assert_eq!((cpu.state.cpl(), cpu.state.retired), (3, 6));
}

#[test]
fn breakpoint_at_the_slot_after_rfi() {
    let (mut cpu, mut mem) = setup(&LOOP);
    load(&mut mem, CODE + 0x100, &RFI);
    cpu.state.ip = CODE + 0x100;
    // Return to the movl (slot 1 of the MLX bundle): IPSR.ri = 1.
    cpu.state.cr[usize::from(cr::IIP)] = CODE + 0x10;
    cpu.state.cr[usize::from(cr::IPSR)] = 1 << psr::RI;
    cpu.debug.add_breakpoint(CODE + 0x11);
    assert_eq!(
        cpu.run(&mut mem, 100),
        Exit::Debug(DebugEvent::Breakpoint { addr: CODE + 0x11 })
    );
    assert_eq!((pos(&cpu.state), cpu.state.retired), ((0x10, 1), 3));
    assert_eq!(gr(&cpu, 9), 0);
}

/// Records the positions the tracer is shown.
struct Seen(Vec<(u64, u8)>);

impl Tracer for Seen {
    const ACTIVE: bool = true;
    fn slot(&mut self, st: &State, _: &Slot, _: bool) {
        self.0.push(pos(st));
    }
}

#[test]
fn breakpoint_comes_before_the_tracer() {
    let (mut cpu, mut mem) = setup(&LOOP);
    cpu.debug.add_breakpoint(CODE + 0x11);
    let mut seen = Seen(Vec::new());
    assert_eq!(
        cpu.run_traced(&mut mem, 100, &mut seen),
        Exit::Debug(DebugEvent::Breakpoint { addr: CODE + 0x11 })
    );
    assert_eq!(seen.0, [(0, 0), (0, 1), (0, 2), (0x10, 0)]);
    cpu.debug.set_skip(Some(CODE + 0x11));
    assert_eq!(cpu.run_traced(&mut mem, 1, &mut seen), Exit::Budget);
    assert_eq!(seen.0.last(), Some(&(0x10, 1)));
}

#[test]
fn hooks_that_never_fire_and_removed_hooks_keep_the_fast_path_results() {
    let reference = loop_reference();
    // Active hooks that never fire: slot-by-slot, same state and count.
    let (mut cpu, mut mem) = setup(&LOOP);
    cpu.debug.add_breakpoint(CODE + 0x500);
    cpu.debug.add_watch(Watch {
        addr: DATA,
        len: 64,
        kind: Access,
    });
    assert_eq!(
        cpu.run(&mut mem, 10_000),
        Exit::Fault(Fault::Break { imm: 2 })
    );
    assert_eq!(cpu.state, reference.state);

    // Stop twice, then remove the hooks and finish: same final state.
    let (mut cpu, mut mem) = setup(&LOOP);
    let bp = CODE + 0x21;
    cpu.debug.add_breakpoint(bp);
    for want in [6, 14] {
        assert_eq!(
            cpu.run(&mut mem, 10_000),
            Exit::Debug(DebugEvent::Breakpoint { addr: bp })
        );
        assert_eq!(cpu.state.retired, want);
        cpu.debug.set_skip(Some(bp));
    }
    assert!(cpu.debug.remove_breakpoint(bp));
    assert!(!cpu.debug.is_active());
    assert_eq!(
        cpu.run(&mut mem, 10_000),
        Exit::Fault(Fault::Break { imm: 2 })
    );
    assert_eq!(cpu.state, reference.state);

    // Hooks added and removed before running: the very same run, counters included.
    let (mut cpu, mut mem) = setup(&LOOP);
    cpu.debug.add_breakpoint(bp);
    cpu.debug.clear();
    assert_eq!(
        cpu.run(&mut mem, 10_000),
        Exit::Fault(Fault::Break { imm: 2 })
    );
    assert_eq!(cpu.state, reference.state);
    assert_eq!(cpu.stats, reference.stats);
}

// ---------------------------------------------------------------------------------------------
// Watches
// ---------------------------------------------------------------------------------------------

#[test]
fn mem_reference_run() {
    let (mut cpu, mut mem) = setup_mem();
    assert_eq!(
        cpu.run(&mut mem, 10_000),
        Exit::Fault(Fault::Break { imm: 1 })
    );
    assert_eq!(cpu.state.retired, MEM_RETIRED);
    // The check load with an ALAT hit kept r17; the (p1) load did not run.
    assert_eq!((gr(&cpu, 17), gr(&cpu, 18)), (VAL, 0));
    assert_eq!(
        mem.peek_u64(DATA + 32),
        VAL + 1,
        "xchg, failed cmpxchg, fetchadd"
    );
    assert_eq!(mem_watch_stops(&[]), []);
}

#[test]
fn read_watch_on_an_unaligned_range() {
    // [3, 5): the ld2 at [2, 4) and the ld4 at [4, 8); no store.
    assert_eq!(
        mem_watch_stops(&[watch(3, 2, Read)]),
        [(Read, 3, (0x00, 2)), (Read, 4, (0x10, 1))]
    );
}

#[test]
fn write_watch_across_sizes_8_and_16() {
    // [15, 17): st8 [8, 16), st16 [16, 32), stf.spill [16, 32), st8.spill [8, 16).
    assert_eq!(
        mem_watch_stops(&[watch(15, 2, Write)]),
        [
            (Write, 15, (0x30, 2)),
            (Write, 16, (0x50, 1)),
            (Write, 16, (0x70, 1)),
            (Write, 15, (0xb0, 1)),
        ]
    );
}

#[test]
fn access_watch_over_sizes_1_2_4_8() {
    // Every access inside [0, 16), lowest byte of each.
    assert_eq!(
        mem_watch_stops(&[watch(0, 16, Access)]),
        [
            (Read, 0, (0x00, 1)),  // ld1
            (Read, 2, (0x00, 2)),  // ld2
            (Read, 4, (0x10, 1)),  // ld4
            (Read, 8, (0x10, 2)),  // ld8
            (Write, 0, (0x20, 1)), // st1
            (Write, 2, (0x20, 2)), // st2
            (Write, 4, (0x30, 1)), // st4
            (Write, 8, (0x30, 2)), // st8
            (Write, 8, (0xb0, 1)), // st8.spill
            (Read, 8, (0xc0, 1)),  // ld8.fill
            (Read, 8, (0xd0, 1)),  // ld8.a (the ld8.c.nc hits the ALAT: no access)
            (Read, 8, (0x100, 1)), // ldfps: 4 bytes at 8 and 12
        ]
    );
}

#[test]
fn access_watch_on_one_byte_of_16_byte_accesses() {
    // Byte 24: the upper halves of ld16, st16, ldfp8, stf.spill and ldfpd; the ld8.c.clr at
    // [16, 24) ends just below it.
    assert_eq!(
        mem_watch_stops(&[watch(24, 1, Access)]),
        [
            (Read, 24, (0x40, 1)),
            (Write, 24, (0x50, 1)),
            (Read, 24, (0x60, 1)),
            (Write, 24, (0x70, 1)),
            (Read, 24, (0x110, 1)),
        ]
    );
    // Byte 31, the last byte of ld16 etc.
    assert_eq!(
        mem_watch_stops(&[watch(31, 1, Read)]),
        [
            (Read, 31, (0x40, 1)),
            (Read, 31, (0x60, 1)),
            (Read, 31, (0x110, 1)),
        ]
    );
}

#[test]
fn range_edges_are_exclusive() {
    // Byte 1 lies between the ld1/st1 at 0 and the ld2/st2 at [2, 4); [40, 140) lies past the
    // semaphores at [32, 40); [0xf..] below DATA is never accessed.
    let none = [
        watch(1, 1, Access),
        watch(40, 100, Access),
        Watch {
            addr: DATA - 16,
            len: 16,
            kind: Access,
        },
    ];
    assert_eq!(mem_watch_stops(&none), []);
}

#[test]
fn lowest_address_over_several_watches() {
    // [20, 24) and [28, 32): an access of [16, 32) reports 20; ld8.c.clr [16, 24) too.
    assert_eq!(
        mem_watch_stops(&[watch(28, 4, Read), watch(20, 4, Read)]),
        [
            (Read, 20, (0x40, 1)),
            (Read, 20, (0x60, 1)),
            (Read, 20, (0xf0, 2)),
            (Read, 20, (0x110, 1)),
        ]
    );
}

#[test]
fn semaphores_report_write_to_write_watches_else_read() {
    let sem = |kind| {
        [
            (kind, 32, (0x80, 1)),
            (kind, 32, (0x90, 1)),
            (kind, 32, (0xa0, 1)),
        ]
    };
    // xchg8, cmpxchg8 (compare fails: the old value is written back), fetchadd8.
    assert_eq!(mem_watch_stops(&[watch(32, 8, Write)]), sem(Write));
    assert_eq!(mem_watch_stops(&[watch(32, 8, Access)]), sem(Read));
    assert_eq!(mem_watch_stops(&[watch(32, 8, Read)]), sem(Read));
    assert_eq!(
        mem_watch_stops(&[watch(32, 8, Read), watch(32, 8, Write)]),
        sem(Write)
    );
    // Inside the 8 bytes: the lowest watched byte.
    let at36 = mem_watch_stops(&[watch(36, 2, Access)]);
    assert_eq!(at36.iter().map(|s| s.1).collect::<Vec<_>>(), [36, 36, 36]);
}

#[test]
fn faulting_accesses_report_the_fault_and_no_watch() {
    // st8 [8, 16) into a not-present range: the fault, nothing retired, no watch.
    let (mut cpu, mut mem) = setup_mem();
    cpu.debug.add_watch(watch(8, 8, Write));
    mem.add_fault_range(DATA + 8, DATA + 16, MemFaultKind::NotPresent);
    cpu.state.ip = CODE + 0x30;
    cpu.state.slot = 1;
    assert!(matches!(
        cpu.run(&mut mem, 100),
        Exit::Fault(Fault::Data { .. })
    ));
    assert_eq!((pos(&cpu.state), cpu.state.retired), ((0x30, 1), 0));

    // st16 whose upper half faults after the lower half's write went through: still the fault.
    let (mut cpu, mut mem) = setup_mem();
    cpu.debug.add_watch(watch(16, 16, Write));
    mem.add_fault_range(DATA + 24, DATA + 32, MemFaultKind::NotPresent);
    cpu.state.ip = CODE + 0x50;
    assert!(matches!(
        cpu.run(&mut mem, 100),
        Exit::Fault(Fault::Data { .. })
    ));
    assert_eq!((pos(&cpu.state), cpu.state.retired), ((0x50, 0), 0));
    // Skipping it (as a handler emulating it would): no stale hit on the next instructions;
    // the next stop is the stf.spill's own write.
    mem.clear_fault_ranges();
    cpu.state.slot = 1;
    assert_eq!(
        cpu.run(&mut mem, 100),
        Exit::Debug(DebugEvent::Watch {
            kind: Write,
            addr: DATA + 16
        })
    );
    assert_eq!(pos(&cpu.state), (0x70, 1));
}

#[test]
fn watch_wins_over_single_step_on_the_same_instruction() {
    let (mut cpu, mut mem) = setup_mem();
    cpu.debug.add_watch(watch(8, 8, Read));
    cpu.state.psr |= 1 << psr::SS;
    // ld4 (unwatched): the single-step trap as usual.
    cpu.state.ip = CODE + 0x10;
    assert_eq!(cpu.run(&mut mem, 100), Exit::Fault(Fault::SingleStep));
    assert_eq!((pos(&cpu.state), cpu.state.retired), ((0x10, 1), 1));
    // ld8 (watched): the watch, IP at the next slot, the instruction retired.
    assert_eq!(
        cpu.run(&mut mem, 100),
        Exit::Debug(DebugEvent::Watch {
            kind: Read,
            addr: DATA + 8
        })
    );
    assert_eq!((pos(&cpu.state), cpu.state.retired), ((0x10, 2), 2));
    // Then single step goes on from there.
    assert_eq!(cpu.run(&mut mem, 100), Exit::Fault(Fault::SingleStep));
    assert_eq!((pos(&cpu.state), cpu.state.retired), ((0x20, 0), 3));
}

#[test]
fn rse_spills_into_a_watched_range_do_not_stop() {
    let (mut cpu, mut mem) = setup(&RSE);
    cpu.state.write_gr(20, VAL, false).unwrap();
    cpu.state.write_gr(21, RBS, false).unwrap();
    cpu.debug.add_watch(Watch {
        addr: RBS,
        len: 32,
        kind: Access,
    });
    // cover puts the frame r32..r35 in the dirty partition; flushrs spills it to
    // RBS..RBS+32 without a stop; the st8 to RBS stops.
    assert_eq!(
        cpu.run(&mut mem, 100),
        Exit::Debug(DebugEvent::Watch {
            kind: Write,
            addr: RBS
        })
    );
    assert_eq!((pos(&cpu.state), cpu.state.retired), ((0x40, 1), 13));
    assert_eq!(mem.peek_u64(RBS + 8), VAL, "r33 was spilled by flushrs");
    assert_eq!(cpu.state.rse.bspstore(), RBS + 32);
    assert_eq!(cpu.run(&mut mem, 100), Exit::Fault(Fault::Break { imm: 3 }));
}
