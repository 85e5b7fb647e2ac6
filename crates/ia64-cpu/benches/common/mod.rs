//! Shared by `exec.rs` and `examples/run_bench.rs`: load a benchmark program of
//! `test-programs/bin` into a [`FlatMemory`] from its ELF PT_LOAD segments, start it with the
//! state Linux gives a new process (guest-kernel `start_thread`, ia64-machine `loader.rs`), and
//! run it until its first `break` (its first system call).

use std::hint::black_box;
use std::path::Path;

use ia64_cpu::exec::{Cpu, Exit};
use ia64_cpu::mem::FlatMemory;
use ia64_cpu::rse::AllocArgs;
use ia64_cpu::state::ar;

/// User PSR of a new Linux/ia64 process: ic, i, dt, dfh, sp, di, rt, cpl 3, it, bn.
const USER_PSR: u64 = (1 << 13)
    | (1 << 14)
    | (1 << 17)
    | (1 << 19)
    | (1 << 20)
    | (1 << 22)
    | (1 << 27)
    | (3 << 32)
    | (1 << 36)
    | (1 << 44);
/// `ar.rsc` for user mode: eager, pl 3.
const USER_RSC: u64 = 0xf;
/// FPSR default of Linux (`FPSR_DEFAULT`).
const FPSR_DEFAULT: u64 = 0x0009_804c_0270_033f;
/// Memory stack: the 1 MiB below Linux's STACK_TOP.
const STACK_TOP: u64 = 0x6000_0fff_ffff_c000;
const STACK_LEN: u64 = 1 << 20;
/// Register backing store: 8 MiB growing up.
const RBS_BASE: u64 = 0x6000_0800_0000_0000;
const RBS_LEN: u64 = 8 << 20;

fn u16_at(b: &[u8], o: usize) -> u16 {
    u16::from_le_bytes([b[o], b[o + 1]])
}
fn u32_at(b: &[u8], o: usize) -> u32 {
    u32::from_le_bytes(b[o..o + 4].try_into().unwrap())
}
fn u64_at(b: &[u8], o: usize) -> u64 {
    u64::from_le_bytes(b[o..o + 8].try_into().unwrap())
}

/// A loaded program: its memory and entry point.
pub struct Image {
    mem: FlatMemory,
    entry: u64,
}

/// Load the PT_LOAD segments of an ELF64 little-endian executable (a minimal parser: the
/// bench cannot depend on ia64-machine, which depends on this crate).
pub fn load(path: &Path) -> Image {
    let b = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    assert_eq!(&b[..4], b"\x7fELF", "not an ELF file");
    assert_eq!(b[4], 2, "not ELF64");
    let entry = u64_at(&b, 24);
    let phoff = u64_at(&b, 32) as usize;
    let phentsize = usize::from(u16_at(&b, 54));
    let phnum = usize::from(u16_at(&b, 56));
    let mut mem = FlatMemory::new();
    for i in 0..phnum {
        let ph = phoff + i * phentsize;
        if u32_at(&b, ph) != 1 {
            continue; // not PT_LOAD
        }
        let off = u64_at(&b, ph + 8) as usize;
        let vaddr = u64_at(&b, ph + 16);
        let filesz = u64_at(&b, ph + 32) as usize;
        let memsz = u64_at(&b, ph + 40);
        let base = vaddr & !0xffff;
        let end = (vaddr + memsz + 0xffff) & !0xffff;
        mem.add_region(base, (end - base) as usize);
        mem.load(vaddr, &b[off..off + filesz]).unwrap();
    }
    mem.add_region(STACK_TOP - STACK_LEN, STACK_LEN as usize);
    mem.add_region(RBS_BASE, RBS_LEN as usize);
    Image { mem, entry }
}

/// A CPU in the state `start_thread` leaves a new process in.
fn start(entry: u64, mem: &mut FlatMemory) -> Cpu {
    let mut cpu = Cpu::new(96).unwrap();
    let st = &mut cpu.state;
    st.rse
        .alloc(
            mem,
            AllocArgs {
                sof: 0,
                sol: 0,
                sor: 0,
            },
            1,
        )
        .unwrap();
    st.rse.mov_to_bspstore(RBS_BASE, false).unwrap();
    st.rse.mov_to_rnat(0, false).unwrap();
    st.rse.mov_to_rsc(USER_RSC, false, 3).unwrap();
    st.write_psr(USER_PSR);
    st.ar[usize::from(ar::FPSR)] = FPSR_DEFAULT;
    st.gr[12] = STACK_TOP - 0x1000;
    st.ip = entry;
    st.slot = 0;
    cpu
}

/// A fresh memory image of `img` and a CPU at its entry point.
pub fn boot(img: &Image) -> (Cpu, FlatMemory) {
    let mut mem = img.mem.clone();
    let cpu = start(img.entry, &mut mem);
    (cpu, mem)
}

/// Run to the first `break` (or the cap); the instructions retired.
pub fn run(img: &Image, max: u64) -> u64 {
    let (mut cpu, mut mem) = boot(img);
    match cpu.run(&mut mem, max) {
        Exit::Fault(_) | Exit::Budget => {}
        e => panic!("unexpected exit {e:?} at {:#x}", cpu.state.ip),
    }
    black_box(&cpu.state);
    cpu.state.retired
}
