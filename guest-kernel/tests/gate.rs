//! The gate page (`firmware/gate.s`, `firmware/gate.bin`).
//!
//! * The offsets exported by `sigframe.rs` name the instructions the gate page contract talks
//!   about (decoded from the committed bytes, no toolchain needed), and match the assembled
//!   object's symbol table (oracle: binutils for ia64, skipped when missing unless
//!   `IA64EMU_REQUIRE_ORACLES=1`). That `tools/rebuild.sh` reproduces `gate.bin` byte for byte
//!   is checked by `tools/objdiff/tests/rebuild.rs` with the other artifacts.
//! * `__kernel_sigtramp` runs on the bare CPU over a signal frame built the way Linux/ia64's
//!   `setup_frame` builds it (entered and left through the kernel's real entry/exit paths of
//!   `entry.rs`), calls a handler that recurses deeply, and stops at the `break` of
//!   `rt_sigreturn`. The checks follow rse-spec.md §7.6: `sc_ar_bsp`, the alternate backing
//!   store (`sc_rbs_base`, `sc_loadrs`, `sc_ar_rnat`), the handler's arguments, f6–f15, the
//!   backing store pointers after the return, and — after an `rt_sigreturn` done as the kernel
//!   does it — every stacked register of the interrupted call chain, NaT bits included.

use std::path::{Path, PathBuf};
use std::process::Command;

use ia64_cpu::fr_format::fr_to_spill;
use ia64_cpu::mem::{Access, Memory, SparseMemory};
use ia64_cpu::rse::addr::{
    rse_is_rnat_slot, rse_num_regs, rse_rnat_addr, rse_skip_regs, rse_slot_num,
};
use ia64_cpu::rse::AllocArgs;
use ia64_cpu::state::{ar, psr, Fr};
use ia64_cpu::{Cpu, Exit, Fault, State};
use ia64_guest_kernel::entry::{self, EntryKind, PtRegs};
use ia64_guest_kernel::sigframe::*;
use ia64_isa::decode_bundle;
use ia64_isa::disasm::{slot_text, NoSymbols};
use ia64_machine::layout::GATE_ADDR;
use ia64_machine::loader::{psr as user_psr, FPSR_DEFAULT};

// ---------------------------------------------------------------------------------------------
// The committed bytes, decoded
// ---------------------------------------------------------------------------------------------

/// The three instruction texts (objdump syntax) of the gate bundle at `offset`.
fn gate_bundle(offset: u64) -> [String; 3] {
    let off = offset as usize;
    let bytes: [u8; 16] = GATE_IMAGE[off..off + 16]
        .try_into()
        .expect("inside the image");
    let b = decode_bundle(&bytes, GATE_ADDR + offset);
    b.slots.map(|s| match s {
        Ok(s) => slot_text(&s, &NoSymbols),
        Err(e) => format!("invalid {e:?}"),
    })
}

#[test]
fn gate_image_is_whole_bundles_that_all_decode() {
    assert_eq!(GATE_IMAGE.len() % 16, 0);
    assert!(GATE_IMAGE.len() as u64 > GATE_SIGTRAMP_SIGRETURN_OFFSET);
    for off in (0..GATE_IMAGE.len() as u64).step_by(16) {
        for text in gate_bundle(off) {
            assert!(!text.starts_with("invalid"), "{off:#x}: {text}");
        }
    }
}

#[test]
fn syscall_stub_is_break_then_return_through_b6() {
    assert_eq!(
        gate_bundle(GATE_SYSCALL_VIA_BREAK_OFFSET),
        ["break.m 0x100000", "nop.i 0x0", "br.ret.sptk.many b6"].map(String::from)
    );
}

#[test]
fn sigtramp_offsets_name_the_contract_instructions() {
    // Entry: the frame is at sp + 16; handler pointer at +24, sc_rbs_base at +160 + 2512.
    let first = gate_bundle(GATE_SIGTRAMP_OFFSET);
    assert_eq!(first[0], "adds r2=40,r12");
    assert_eq!(first[1], "adds r3=2688,r12");
    let second = gate_bundle(GATE_SIGTRAMP_OFFSET + 16);
    assert_eq!(second[2], "cover");
    // The handler is called from the bundle just before the return point.
    let call = gate_bundle(GATE_SIGTRAMP_RET_OFFSET - 16);
    assert_eq!(call[2], "br.call.sptk.many b0=b6");
    // rt_sigreturn: r15 = 1024 + 157, then the syscall break in slot 0.
    let before = gate_bundle(GATE_SIGTRAMP_SIGRETURN_OFFSET - 16);
    assert_eq!(before[2], "mov r15=1181");
    assert_eq!(NR_RT_SIGRETURN, 1181);
    let brk = gate_bundle(GATE_SIGTRAMP_SIGRETURN_OFFSET);
    assert_eq!(brk[0], "break.m 0x100000");
}

/// The `x / 63` of the trampoline's restore path, `(x + (x >> 6) + 1) >> 6`, over every
/// value it can see (x ≤ 2110) and up to the bound firmware/gate.s claims.
#[test]
fn division_by_63_identity_used_by_the_trampoline() {
    for x in 0u64..=4094 {
        assert_eq!((x + (x >> 6) + 1) >> 6, x / 63, "x = {x}");
    }
}

// ---------------------------------------------------------------------------------------------
// Oracles (binutils for ia64)
// ---------------------------------------------------------------------------------------------

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// The tool, or `None` after printing why the test is skipped (a failure when
/// `IA64EMU_REQUIRE_ORACLES=1`).
fn oracle(tool: &str, test: &str) -> Option<String> {
    if Command::new(tool).arg("--version").output().is_ok() {
        return Some(tool.to_string());
    }
    if std::env::var("IA64EMU_REQUIRE_ORACLES").is_ok_and(|v| v == "1") {
        panic!("{test}: {tool} not found but IA64EMU_REQUIRE_ORACLES=1");
    }
    eprintln!("skipping {test}: {tool} is not installed (apt-get install binutils-ia64-linux-gnu)");
    None
}

fn assemble(src: &Path, test: &str) -> Option<PathBuf> {
    let as_ = oracle("ia64-linux-gnu-as", test)?;
    let obj = std::env::temp_dir().join(format!("ia64emu-{test}-{}.o", std::process::id()));
    let st = Command::new(as_)
        .arg("-xexplicit")
        .arg("-o")
        .arg(&obj)
        .arg(src)
        .status()
        .expect("run the assembler");
    assert!(st.success(), "{test}: assembling {} failed", src.display());
    Some(obj)
}

#[test]
fn gate_symbols_match_the_exported_offsets() {
    let test = "gate_symbols_match_the_exported_offsets";
    let Some(obj) = assemble(&root().join("firmware/gate.s"), test) else {
        return;
    };
    let Some(nm) = oracle("ia64-linux-gnu-nm", test) else {
        return;
    };
    let out = Command::new(nm).arg(&obj).output().expect("run nm");
    let _ = std::fs::remove_file(&obj);
    let text = String::from_utf8_lossy(&out.stdout);
    let sym = |name: &str| -> u64 {
        let line = text
            .lines()
            .find(|l| l.ends_with(&format!(" T {name}")))
            .unwrap_or_else(|| panic!("{name} is not a global text symbol:\n{text}"));
        u64::from_str_radix(&line[..16], 16).expect("nm value")
    };
    assert_eq!(
        sym("__kernel_syscall_via_break"),
        GATE_SYSCALL_VIA_BREAK_OFFSET
    );
    assert_eq!(sym("__kernel_sigtramp"), GATE_SIGTRAMP_OFFSET);
    assert_eq!(sym("__kernel_sigtramp_ret"), GATE_SIGTRAMP_RET_OFFSET);
    assert_eq!(
        sym("__kernel_sigtramp_sigreturn"),
        GATE_SIGTRAMP_SIGRETURN_OFFSET
    );
}

#[test]
fn handler_bytes_are_the_assembled_handler_source() {
    let test = "handler_bytes_are_the_assembled_handler_source";
    let src = std::env::temp_dir().join(format!("ia64emu-gate-handler-{}.s", std::process::id()));
    std::fs::write(&src, HANDLER_SRC).expect("write the handler source");
    let Some(obj) = assemble(&src, test) else {
        let _ = std::fs::remove_file(&src);
        return;
    };
    let _ = std::fs::remove_file(&src);
    let Some(objcopy) = oracle("ia64-linux-gnu-objcopy", test) else {
        return;
    };
    let bin = obj.with_extension("bin");
    let st = Command::new(objcopy)
        .args(["-O", "binary", "-j", ".text"])
        .arg(&obj)
        .arg(&bin)
        .status()
        .expect("run objcopy");
    assert!(st.success());
    let bytes = std::fs::read(&bin).expect("objcopy output");
    let _ = std::fs::remove_file(&obj);
    let _ = std::fs::remove_file(&bin);
    assert_eq!(bytes, HANDLER_BYTES.to_vec());
}

// ---------------------------------------------------------------------------------------------
// The test handler
// ---------------------------------------------------------------------------------------------

/// Source of [`HANDLER_BYTES`] (`handler` at offset 0). Position independent.
const HANDLER_SRC: &str = r#"// Signal handler for the gate tests: records its arguments, recurses deeply
// (mandatory RSE spills and fills), clobbers f6-f15.  gp = result block:
// +0 signo, +8 &siginfo, +16 &sigcontext, +24 ar.bsp at entry, +32 sp at entry,
// +40 what deep() returned (0 when every stacked local survived).
	.text
	.global handler
handler:
	alloc r35 = ar.pfs, 3, 3, 1, 0	// in0-2 = r32-34; r35 pfs, r36 b0, r37 bsp; out0 = r38
	mov r36 = b0
	mov r2 = gp ;;
	st8 [r2] = r32, 8
	mov r37 = ar.bsp
	mov r38 = 10 ;;			// deep(10): 11 frames of 48 registers
	st8 [r2] = r33, 8 ;;
	st8 [r2] = r34, 8 ;;
	st8 [r2] = r37, 8 ;;
	st8 [r2] = r12
	br.call.sptk.many b0 = deep ;;
	adds r2 = 40, gp
	mov f6 = f1
	mov f7 = f1
	mov f8 = f1 ;;
	st8 [r2] = r8
	mov f9 = f1
	mov f10 = f1
	mov f11 = f1
	mov f12 = f1
	mov f13 = f1
	mov f14 = f1
	mov f15 = f1
	mov ar.pfs = r35
	mov b0 = r36 ;;
	br.ret.sptk.many b0 ;;

// deep(n): a 48-register frame whose locals r35, r41, ..., r77 hold (n << 8) + regnum;
// calls deep(n - 1) when n != 0, then returns in r8 the OR of (local - expected) over
// its frame and every callee.
deep:
	alloc r33 = ar.pfs, 1, 46, 1, 0	// in0 = r32; r33 pfs, r34 b0; out0 = r79
	mov r34 = b0
	shl r2 = r32, 8 ;;
	adds r35 = 35, r2
	adds r41 = 41, r2
	adds r47 = 47, r2
	adds r53 = 53, r2
	adds r59 = 59, r2
	adds r65 = 65, r2
	adds r71 = 71, r2
	adds r77 = 77, r2
	cmp.ne p6, p0 = 0, r32
	adds r79 = -1, r32
	mov r8 = 0 ;;
(p6)	br.call.sptk.many b0 = deep ;;
	shl r2 = r32, 8 ;;
	sub r3 = r35, r2 ;;
	adds r3 = -35, r3 ;;
	or r8 = r8, r3 ;;
	sub r3 = r41, r2 ;;
	adds r3 = -41, r3 ;;
	or r8 = r8, r3 ;;
	sub r3 = r47, r2 ;;
	adds r3 = -47, r3 ;;
	or r8 = r8, r3 ;;
	sub r3 = r53, r2 ;;
	adds r3 = -53, r3 ;;
	or r8 = r8, r3 ;;
	sub r3 = r59, r2 ;;
	adds r3 = -59, r3 ;;
	or r8 = r8, r3 ;;
	sub r3 = r65, r2 ;;
	adds r3 = -65, r3 ;;
	or r8 = r8, r3 ;;
	sub r3 = r71, r2 ;;
	adds r3 = -71, r3 ;;
	or r8 = r8, r3 ;;
	sub r3 = r77, r2 ;;
	adds r3 = -77, r3 ;;
	or r8 = r8, r3 ;;
	mov ar.pfs = r33
	mov b0 = r34 ;;
	br.ret.sptk.many b0 ;;
"#;

/// `ia64-linux-gnu-as -xexplicit` + `objcopy -O binary -j .text` of [`HANDLER_SRC`]
/// (checked by `handler_bytes_are_the_assembled_handler_source`).
#[rustfmt::skip]
const HANDLER_BYTES: [u8; 608] = [
    0x01, 0x18, 0x1d, 0x0c, 0x80, 0x05, 0x40, 0x02, 0x00, 0x62, 0x00, 0x40, 0x00, 0x08, 0x00, 0x84,
    0x09, 0x40, 0x80, 0x04, 0x98, 0x15, 0x50, 0x02, 0x44, 0x44, 0x08, 0xc0, 0xa4, 0x00, 0x00, 0x90,
    0x0b, 0x40, 0x84, 0x04, 0x98, 0x15, 0x80, 0x10, 0x09, 0x30, 0x2b, 0x00, 0x00, 0x00, 0x04, 0x00,
    0x0a, 0x40, 0x94, 0x04, 0x98, 0x15, 0x00, 0x60, 0x08, 0x30, 0x23, 0x00, 0x00, 0x00, 0x04, 0x00,
    0x11, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x02, 0x00, 0x00, 0xd8, 0x00, 0x00, 0x50,
    0x0c, 0x10, 0xa0, 0x02, 0x00, 0x21, 0x60, 0x08, 0x04, 0x20, 0x00, 0x00, 0x00, 0x00, 0x04, 0x00,
    0x0c, 0x00, 0x00, 0x00, 0x01, 0x00, 0x70, 0x08, 0x04, 0x20, 0x00, 0x00, 0x00, 0x00, 0x04, 0x00,
    0x0d, 0x00, 0x00, 0x00, 0x01, 0x00, 0x80, 0x08, 0x04, 0x20, 0x00, 0x00, 0x00, 0x00, 0x04, 0x00,
    0x0c, 0x00, 0x20, 0x04, 0x98, 0x11, 0x90, 0x08, 0x04, 0x20, 0x00, 0x00, 0x00, 0x00, 0x04, 0x00,
    0x0c, 0x00, 0x00, 0x00, 0x01, 0x00, 0xa0, 0x08, 0x04, 0x20, 0x00, 0x00, 0x00, 0x00, 0x04, 0x00,
    0x0c, 0x00, 0x00, 0x00, 0x01, 0x00, 0xb0, 0x08, 0x04, 0x20, 0x00, 0x00, 0x00, 0x00, 0x04, 0x00,
    0x0c, 0x00, 0x00, 0x00, 0x01, 0x00, 0xc0, 0x08, 0x04, 0x20, 0x00, 0x00, 0x00, 0x00, 0x04, 0x00,
    0x0c, 0x00, 0x00, 0x00, 0x01, 0x00, 0xd0, 0x08, 0x04, 0x20, 0x00, 0x00, 0x00, 0x00, 0x04, 0x00,
    0x0c, 0x00, 0x00, 0x00, 0x01, 0x00, 0xe0, 0x08, 0x04, 0x20, 0x00, 0x00, 0x00, 0x00, 0x04, 0x00,
    0x0c, 0x00, 0x00, 0x00, 0x01, 0x00, 0xf0, 0x08, 0x04, 0x20, 0x00, 0x00, 0x30, 0x02, 0xaa, 0x00,
    0x02, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x20, 0x05, 0x80, 0x03, 0x00, 0x00, 0x00, 0x04, 0x00,
    0x11, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x02, 0x00, 0x80, 0x08, 0x00, 0x84, 0x00,
    0x01, 0x08, 0xc1, 0x5e, 0x80, 0x05, 0x20, 0x02, 0x00, 0x62, 0x00, 0x40, 0x00, 0xba, 0xdd, 0x53,
    0x00, 0x18, 0x8d, 0x04, 0x00, 0x21, 0x90, 0x4a, 0x09, 0x00, 0x42, 0xe0, 0xf5, 0x12, 0x00, 0x84,
    0x00, 0xa8, 0xd5, 0x04, 0x00, 0x21, 0xb0, 0xdb, 0x09, 0x00, 0x42, 0x20, 0x18, 0x14, 0x00, 0x84,
    0x00, 0x38, 0x1e, 0x05, 0x00, 0x21, 0xd0, 0x6c, 0x0a, 0x00, 0x42, 0x00, 0x00, 0x00, 0x19, 0xe4,
    0x02, 0x78, 0xfe, 0x41, 0x3f, 0x23, 0x80, 0x00, 0x00, 0x00, 0x48, 0x00, 0x00, 0x00, 0x04, 0x00,
    0x11, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x02, 0x00, 0x03, 0xb8, 0xff, 0xff, 0x58,
    0x03, 0x00, 0x00, 0x00, 0x01, 0x00, 0x20, 0x00, 0xdd, 0xee, 0x29, 0x60, 0x30, 0x12, 0x14, 0x80,
    0x0b, 0x18, 0x74, 0x07, 0x3f, 0x23, 0x80, 0x40, 0x0c, 0x1c, 0x40, 0x00, 0x00, 0x00, 0x04, 0x00,
    0x0b, 0x18, 0xa4, 0x04, 0x05, 0x20, 0x30, 0xb8, 0x0e, 0x7e, 0x46, 0x00, 0x00, 0x00, 0x04, 0x00,
    0x0b, 0x40, 0x20, 0x06, 0x0e, 0x20, 0x30, 0x78, 0x09, 0x0a, 0x40, 0x00, 0x00, 0x00, 0x04, 0x00,
    0x0b, 0x18, 0x44, 0x07, 0x3f, 0x23, 0x80, 0x40, 0x0c, 0x1c, 0x40, 0x00, 0x00, 0x00, 0x04, 0x00,
    0x0b, 0x18, 0xd4, 0x04, 0x05, 0x20, 0x30, 0x58, 0x0e, 0x7e, 0x46, 0x00, 0x00, 0x00, 0x04, 0x00,
    0x0b, 0x40, 0x20, 0x06, 0x0e, 0x20, 0x30, 0xd8, 0x09, 0x0a, 0x40, 0x00, 0x00, 0x00, 0x04, 0x00,
    0x0b, 0x18, 0x14, 0x07, 0x3f, 0x23, 0x80, 0x40, 0x0c, 0x1c, 0x40, 0x00, 0x00, 0x00, 0x04, 0x00,
    0x0b, 0x18, 0x04, 0x05, 0x05, 0x20, 0x30, 0xf8, 0x0d, 0x7e, 0x46, 0x00, 0x00, 0x00, 0x04, 0x00,
    0x0b, 0x40, 0x20, 0x06, 0x0e, 0x20, 0x30, 0x38, 0x0a, 0x0a, 0x40, 0x00, 0x00, 0x00, 0x04, 0x00,
    0x0b, 0x18, 0xe4, 0x06, 0x3f, 0x23, 0x80, 0x40, 0x0c, 0x1c, 0x40, 0x00, 0x00, 0x00, 0x04, 0x00,
    0x0b, 0x18, 0x34, 0x05, 0x05, 0x20, 0x30, 0x98, 0x0d, 0x7e, 0x46, 0x00, 0x00, 0x00, 0x04, 0x00,
    0x0a, 0x40, 0x20, 0x06, 0x0e, 0x20, 0x00, 0x00, 0x00, 0x02, 0x00, 0x00, 0x10, 0x02, 0xaa, 0x00,
    0x02, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x10, 0x05, 0x80, 0x03, 0x00, 0x00, 0x00, 0x04, 0x00,
    0x11, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x02, 0x00, 0x80, 0x08, 0x00, 0x84, 0x00,
];
/// Depth argument the handler passes to `deep`, and its frame size (sof).
const DEEP_CALLS: u64 = 11;
const DEEP_SOF: u64 = 48;

// ---------------------------------------------------------------------------------------------
// The interrupted thread and the kernel side of delivery / rt_sigreturn
// ---------------------------------------------------------------------------------------------

const HANDLER_CODE: u64 = 0x4000_0000_0010_0000;
const DESCRIPTOR: u64 = 0x6000_0000_0001_0000;
const RESULTS: u64 = 0x6000_0000_0002_0000;
const USER_GP: u64 = 0x6000_0000_0000_8000;
const USER_SP: u64 = 0x6000_0000_00f0_0000;
const USER_IP: u64 = 0x4000_0000_0000_2340;
const RBS_AREA: u64 = 0x6000_0000_0200_0000;
const ALT_SS_SP: u64 = 0x6000_0000_0300_0004; // deliberately not 8-aligned
const KRBS: u64 = 0xe000_0001_0000_0e80;
const BREAK_SYSCALL: u64 = 0x100000;

/// Frames of the interrupted call chain: (sof, sol). The last one is the current frame.
const DEEP_CHAIN: [(u32, u32); 6] = [(20, 14), (24, 16), (30, 20), (28, 22), (26, 20), (18, 10)];
/// A chain that fits in the 96 physical registers (nothing spilled before the signal).
const SHORT_CHAIN: [(u32, u32); 3] = [(20, 14), (24, 16), (18, 10)];

/// One frame of the interrupted chain: its shape, the values it holds, and the AR.PFS that
/// returns from it to its caller.
struct Frame {
    sof: u32,
    sol: u32,
    regs: Vec<(u64, bool)>,
    pfs: u64,
}

fn reg_value(depth: usize, i: u32) -> (u64, bool) {
    let v = ((depth as u64 + 1) << 40) | (0xbeef << 8) | u64::from(i);
    (v, (depth as u32 * 7 + i) % 5 == 3)
}

/// The registers of the chain in backing-store order: every caller's locals, then the
/// whole current frame.
fn stack_order(frames: &[Frame]) -> Vec<(u64, bool)> {
    let last = frames.len() - 1;
    frames
        .iter()
        .enumerate()
        .flat_map(|(d, f)| {
            let n = if d == last { f.sof } else { f.sol } as usize;
            f.regs[..n].to_vec()
        })
        .collect()
}

struct Thread {
    st: State,
    mem: SparseMemory,
    frames: Vec<Frame>,
}

/// A user thread whose register stack starts at `urbs` (whose RNAT holds `rnat0` for the
/// group below), `chain` calls deep, RSC = `rsc`, f6–f15 set to distinctive values.
fn interrupted_thread(urbs: u64, rnat0: u64, chain: &[(u32, u32)], rsc: u64) -> Thread {
    let mut st = State::new(96).unwrap();
    let mut mem = SparseMemory::new();
    st.rse.mov_to_bspstore(urbs, false).unwrap();
    st.rse.mov_to_rnat(rnat0, false).unwrap();
    let mut frames = Vec::new();
    for (d, &(sof, sol)) in chain.iter().enumerate() {
        if d > 0 {
            st.rse.br_call(0, 3);
        }
        let args = AllocArgs { sof, sol, sor: 0 };
        st.rse.alloc(&mut mem, args, 32).unwrap();
        let regs: Vec<_> = (0..sof).map(|i| reg_value(d, i)).collect();
        for (i, &(v, nat)) in regs.iter().enumerate() {
            st.write_gr(32 + i as u8, v, nat).unwrap();
        }
        let pfs = st.rse.mov_from_pfs();
        frames.push(Frame {
            sof,
            sol,
            regs,
            pfs,
        });
    }
    st.rse.mov_to_rsc(rsc, false, 0).unwrap();
    st.psr = user_psr::USER;
    st.ip = USER_IP;
    st.slot = 1;
    st.gr[1] = USER_GP;
    st.gr[12] = USER_SP;
    st.ar[usize::from(ar::FPSR)] = FPSR_DEFAULT ^ 0x3f; // traps enabled: not the default
    for f in 6..16u8 {
        st.write_fr(f, fr_value(f));
    }
    load(&mut mem, HANDLER_CODE, &HANDLER_BYTES);
    load(&mut mem, GATE_ADDR, GATE_IMAGE);
    let desc = FunctionDescriptor {
        entry: HANDLER_CODE,
        gp: RESULTS,
    };
    load(&mut mem, DESCRIPTOR, &desc.encode());
    Thread { st, mem, frames }
}

fn fr_value(f: u8) -> Fr {
    Fr::from_sig(0x0f0f_0000_0000_0000 | u64::from(f))
}

fn load(mem: &mut SparseMemory, addr: u64, bytes: &[u8]) {
    for (i, w) in bytes.chunks(8).enumerate() {
        let mut b = [0u8; 8];
        b[..w.len()].copy_from_slice(w);
        mem.poke_u64(addr + 8 * i as u64, u64::from_le_bytes(b));
    }
}

fn read(mem: &SparseMemory, addr: u64, len: usize) -> Vec<u8> {
    (0..len.div_ceil(8))
        .flat_map(|i| mem.peek_u64(addr + 8 * i as u64).to_le_bytes())
        .take(len)
        .collect()
}

/// How the signal arrives.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Arrival {
    /// A fault (Illegal Operation) at the current instruction: the interruption path.
    Fault,
    /// During a system call (`break 0x100000` at the current instruction).
    Syscall,
}

/// What `deliver` did, for the checks.
struct Delivered {
    frame: u64,
    /// The interrupted frame marker.
    cfm: u64,
    /// BSP at the end of the interrupted frame (the value `sc_ar_bsp` must get).
    bsp0: u64,
    /// User BSPSTORE and RNAT when the trampoline starts.
    bspstore: u64,
    rnat: u64,
}

/// The kernel side of signal delivery, as Linux/ia64 `setup_frame` + `setup_sigcontext` and
/// the exit path do it (rse-spec.md §7.1, §7.2, §7.6), with SA_ONSTACK when `alt`.
fn deliver(t: &mut Thread, arrival: Arrival, alt: bool) -> Delivered {
    let st = &mut t.st;
    let mem = &mut t.mem;
    let cfm_sof = u64::from(st.rse.cfm().sof);
    let bsp0 = rse_skip_regs(st.rse.bsp(), cfm_sof as i64);
    let (ip, slot) = (st.ip, st.slot);
    let (kind, fault) = match arrival {
        Arrival::Fault => (EntryKind::Interruption, Fault::IllegalOperation),
        Arrival::Syscall => (EntryKind::Syscall, Fault::Break { imm: BREAK_SYSCALL }),
    };
    st.gr[15] = 1039; // a syscall number (getpid)
    let mut pt = entry::enter(st, mem, kind, &fault, ip, slot, KRBS).unwrap();
    if arrival == Arrival::Syscall {
        // The syscall finished: leave its handler frame; the user frame is current again.
        st.rse.br_ret(mem).unwrap();
    }
    let in_syscall = pt.in_syscall();
    let (sp_top, rbs_base, stack) = if alt {
        let ss = StackT {
            sp: ALT_SS_SP,
            flags: 0,
            size: SIGSTKSZ,
        };
        assert!(!rbs_on_sig_stack(pt.ar_bspstore, ss.sp, ss.size));
        (ss.sp + ss.size, alt_rbs_base(ss.sp), ss)
    } else {
        (
            USER_SP,
            0,
            StackT {
                sp: 0,
                flags: SS_DISABLE,
                size: 0,
            },
        )
    };
    let frame = sigframe_addr(sp_top);
    let ri = (pt.cr_ipsr >> psr::RI) & 3;
    let mut sc = SigContext {
        flags: if in_syscall { sc_flag::IN_SYSCALL } else { 0 },
        stack,
        ip: pt.cr_iip + ri,
        cfm: sc_cfm_from_ifs(pt.cr_ifs),
        ar_rsc: pt.ar_rsc,
        ar_unat: st.ar[usize::from(ar::UNAT)],
        ar_fpsr: st.ar[usize::from(ar::FPSR)],
        ar_pfs: if in_syscall {
            pt.ar_pfs
        } else {
            st.rse.mov_from_pfs()
        },
        pr: st.read_pr_all(),
        br: st.br,
        rbs_base,
        loadrs: 0,
        ..SigContext::default()
    };
    sc.gr[1] = USER_GP;
    sc.gr[12] = USER_SP;
    let info = SigInfo::fault(sig::SIGILL, si_code::ILL_ILLOPC, ip, 0, 0, 0);
    let cfm = sc.cfm;
    let f = SigFrame::new(frame, sig::SIGILL, DESCRIPTOR, info, sc);
    load(mem, frame, &f.encode());
    // The new user context: IP = the trampoline, slot 0, empty frame (a syscall's exit covers
    // the syscall frame anyway), sp below the frame, default FPSR.
    pt.cr_iip = GATE_ADDR + GATE_SIGTRAMP_OFFSET;
    pt.cr_ipsr &= !((3 << psr::RI) | (1 << psr::BE));
    if !in_syscall {
        pt.cr_ifs = 1 << 63;
    }
    st.gr[12] = frame - SIGFRAME_SP_BIAS;
    st.ar[usize::from(ar::FPSR)] = FPSR_DEFAULT;
    entry::leave(st, mem, &pt).unwrap();
    assert_eq!(st.ip, GATE_ADDR + GATE_SIGTRAMP_OFFSET);
    assert_eq!(st.cpl(), 3);
    Delivered {
        frame,
        cfm,
        bsp0,
        bspstore: st.rse.bspstore(),
        rnat: st.rse.rnat(),
    }
}

/// The RSE pointers at one moment.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct RsePointers {
    bsp: u64,
    bspstore: u64,
    rnat: u64,
    ndirty: u64,
}

/// Run from the trampoline to the `rt_sigreturn` break, one slot at a time. Returns the CPU
/// and the RSE pointers at the last moment the RSE was in enforced-lazy mode (with a lazy
/// user RSC: just before the trampoline's final `mov ar.rsc = 0xf`, i.e. right after it
/// restored the original backing store; later eager spills would move BSPSTORE).
fn run_trampoline(t: &mut Thread) -> (Cpu, Option<RsePointers>) {
    let mut cpu = Cpu::new(96).unwrap();
    cpu.state = t.st.clone();
    let mut last_lazy = None;
    let exit = loop {
        let r = &cpu.state.rse;
        if r.rsc().is_enforced_lazy() {
            last_lazy = Some(RsePointers {
                bsp: r.bsp(),
                bspstore: r.bspstore(),
                rnat: r.rnat(),
                ndirty: r.ndirty() as u64,
            });
        }
        match cpu.step(&mut t.mem) {
            Exit::Budget => continue,
            other => break other,
        }
    };
    assert_eq!(exit, Exit::Fault(Fault::Break { imm: BREAK_SYSCALL }));
    assert_eq!(cpu.state.ip, GATE_ADDR + GATE_SIGTRAMP_SIGRETURN_OFFSET);
    assert_eq!(cpu.state.slot, 0);
    assert_eq!(cpu.state.read_gr(15), (NR_RT_SIGRETURN, false));
    assert_eq!(
        cpu.state.rse.cfm().sof,
        0,
        "the trampoline leaves with an empty frame"
    );
    assert!(
        cpu.state.retired < 100_000,
        "the trampoline and handler terminate"
    );
    (cpu, last_lazy)
}

/// Linux/ia64 `ia64_rt_sigreturn` + `restore_sigcontext` + `ia64_leave_kernel`, RSE-wise.
fn kernel_rt_sigreturn(st: &mut State, mem: &mut SparseMemory) -> SigContext {
    let (ip, slot) = (st.ip, st.slot);
    let fault = Fault::Break { imm: BREAK_SYSCALL };
    let mut pt: PtRegs = entry::enter(st, mem, EntryKind::Syscall, &fault, ip, slot, KRBS).unwrap();
    let (nr, _) = entry::syscall_args(st, &pt).unwrap();
    assert_eq!(nr, NR_RT_SIGRETURN);
    let sc_addr = st.gr[12] + SIGFRAME_SP_BIAS + SIGFRAME_SC_OFFSET as u64;
    let sc = SigContext::decode(&read(mem, sc_addr, SIGCONTEXT_SIZE)).unwrap();
    st.rse.br_ret(mem).unwrap(); // out of the syscall handler frame
    pt.cr_ifs = sc.cfm | (1 << 63);
    pt.cr_iip = sc.ip & !3;
    pt.cr_ipsr = (pt.cr_ipsr & !(3 << psr::RI)) | ((sc.ip & 3) << psr::RI);
    pt.ar_rsc = sc.ar_rsc | (3 << 2);
    st.gr[1] = sc.gr[1];
    st.gr[12] = sc.gr[12];
    st.ar[usize::from(ar::FPSR)] = sc.ar_fpsr;
    entry::leave(st, mem, &pt).unwrap();
    st.rse.mov_to_pfs(sc.ar_pfs, false).unwrap();
    sc
}

/// After `rt_sigreturn`: the interrupted frame is current with its values, and returning
/// through every caller (restoring each one's AR.PFS as its code would) finds their locals.
fn assert_chain_intact(st: &mut State, mem: &mut SparseMemory, frames: &[Frame]) {
    let last = frames.len() - 1;
    for d in (0..=last).rev() {
        let f = &frames[d];
        assert_eq!(u32::from(st.rse.cfm().sof), f.sof, "frame {d} size");
        let n = if d == last { f.sof } else { f.sol };
        for i in 0..n {
            assert_eq!(
                st.read_gr(32 + i as u8),
                f.regs[i as usize],
                "frame {d} r{}",
                32 + i
            );
        }
        if d > 0 {
            st.rse.mov_to_pfs(f.pfs, false).unwrap();
            st.rse.br_ret(mem).unwrap();
        }
    }
}

/// The handler's result block: signo, &siginfo, &sigcontext, ar.bsp, sp, deep() result.
fn results(mem: &SparseMemory) -> [u64; 6] {
    std::array::from_fn(|i| mem.peek_u64(RESULTS + 8 * i as u64))
}

fn sc_of(mem: &SparseMemory, d: &Delivered) -> SigContext {
    SigContext::decode(&read(
        mem,
        d.frame + SIGFRAME_SC_OFFSET as u64,
        SIGCONTEXT_SIZE,
    ))
    .unwrap()
}

fn assert_handler_ran(mem: &SparseMemory, d: &Delivered, handler_bsp: u64) {
    let r = results(mem);
    assert_eq!(r[0], u64::from(sig::SIGILL), "out0 = signal number");
    assert_eq!(r[1], d.frame + 32, "out1 = &frame->info");
    assert_eq!(r[2], d.frame + 160, "out2 = &frame->sc");
    assert_eq!(
        r[3], handler_bsp,
        "the handler's frame starts where the trampoline's did"
    );
    assert_eq!(r[4], d.frame - 16, "sp");
    assert_eq!(
        r[5], 0,
        "every local of the 11 deep frames survived the spills and fills"
    );
}

fn assert_fp_scratch_restored(cpu: &Cpu, mem: &SparseMemory, d: &Delivered) {
    for f in 6..16u8 {
        assert_eq!(cpu.state.read_fr(f), fr_value(f), "f{f} after the handler");
        let at = d.frame + 160 + 464 + 16 * u64::from(f);
        let spill = u128::from(mem.peek_u64(at)) | (u128::from(mem.peek_u64(at + 8)) << 64);
        assert_eq!(spill, fr_to_spill(fr_value(f)), "sc_fr[{f}]");
    }
}

fn rbs_words(mem: &SparseMemory) -> Vec<(u64, u64)> {
    mem.words()
        .range(RBS_AREA..RBS_AREA + 0x10_0000)
        .map(|(a, v)| (*a, *v))
        .collect()
}

// ---------------------------------------------------------------------------------------------
// The trampoline on the bare CPU
// ---------------------------------------------------------------------------------------------

#[test]
fn sigtramp_on_the_same_backing_store() {
    let mut t = interrupted_thread(RBS_AREA + 20 * 8, 0x5_5555, &DEEP_CHAIN, 0xf);
    let d = deliver(&mut t, Arrival::Fault, false);
    assert_eq!(d.cfm, 18 | (10 << 7), "sof 18, sol 10");
    let (mut cpu, lazy) = run_trampoline(&mut t);
    assert_eq!(lazy, None, "no store switch: RSC was never touched");
    let sc = sc_of(&t.mem, &d);
    assert_eq!(
        sc.ar_bsp, d.bsp0,
        "sc_ar_bsp: BSP after covering the interrupted frame"
    );
    assert_eq!((sc.rbs_base, sc.loadrs, sc.ar_rnat), (0, 0, 0), "no switch");
    assert_handler_ran(&t.mem, &d, d.bsp0);
    assert_fp_scratch_restored(&cpu, &t.mem, &d);
    assert_eq!(cpu.state.rse.bsp(), d.bsp0);
    let sc2 = kernel_rt_sigreturn(&mut cpu.state, &mut t.mem);
    assert_eq!(sc2.ip, USER_IP + 1);
    assert_eq!((cpu.state.ip, cpu.state.slot), (USER_IP, 1));
    assert_chain_intact(&mut cpu.state, &mut t.mem, &t.frames);
}

/// The exact pointer bookkeeping of the switch: the user RSE is enforced-lazy, so nothing
/// moves between the kernel's return and the trampoline's `mov ar.bspstore`.
#[test]
fn sigtramp_switches_to_the_alternate_backing_store_and_back() {
    let urbs = RBS_AREA + 20 * 8; // mid-group, so the saved RNAT matters
    let mut t = interrupted_thread(urbs, 0x5_5555, &DEEP_CHAIN, 0xc);
    let d = deliver(&mut t, Arrival::Fault, true);
    // 14 registers went to memory when the chain was built (110 > 96): bspstore moved.
    assert_eq!(d.bspstore, rse_skip_regs(urbs, 14));
    assert_ne!(
        d.rnat & !0xf_ffff,
        0,
        "NaT bits of spilled registers are in RNAT"
    );
    let before = rbs_words(&t.mem);
    assert!(before.iter().all(|(a, _)| *a < d.bspstore));
    let stack = stack_order(&t.frames);
    let (mut cpu, lazy) = run_trampoline(&mut t);
    let sc = sc_of(&t.mem, &d);
    let base = alt_rbs_base(ALT_SS_SP);
    assert_eq!(base, 0x6000_0000_0300_0008);
    assert_eq!(sc.ar_bsp, d.bsp0);
    assert_eq!(sc.rbs_base, base);
    assert_eq!(sc.ar_rnat, d.rnat, "sc_ar_rnat: RNAT before the switch");
    let ndirty = rse_num_regs(d.bspstore, d.bsp0);
    assert_eq!(ndirty, stack.len() as u64 - 14);
    let bsp_alt = rse_skip_regs(base, ndirty as i64);
    assert_eq!(sc.loadrs, (bsp_alt - base) << 16, "sc_loadrs");
    assert_handler_ran(&t.mem, &d, bsp_alt);
    // The re-homed dirty registers were spilled on the alternate area, NaT bits included
    // (the handler's recursion pushed everything out), ...
    for (j, &(v, nat)) in stack[14..].iter().enumerate() {
        let a = rse_skip_regs(base, j as i64);
        let coll = t.mem.peek_u64(rse_rnat_addr(a));
        assert_eq!(
            (coll >> rse_slot_num(a)) & 1 == 1,
            nat,
            "NaT of dirty register {j}"
        );
        if !nat {
            assert_eq!(t.mem.peek_u64(a), v, "dirty register {j} at {a:#x}");
        }
    }
    // ... the handler's own frames too (deep(3)'s r35 = (3 << 8) + 35) ...
    let deep_top = rse_skip_regs(bsp_alt, (3 + 3 + 1 + DEEP_CALLS * DEEP_SOF) as i64);
    assert!(t
        .mem
        .words()
        .range(bsp_alt..deep_top)
        .any(|(_, v)| *v == (3 << 8) + 35));
    // ... and the original backing store kept what it had below the old BSPSTORE; above it,
    // only the eager spills after the restore wrote, each register at its original home.
    let after = rbs_words(&t.mem);
    let old: Vec<_> = after
        .iter()
        .filter(|(a, _)| *a < d.bspstore)
        .copied()
        .collect();
    assert_eq!(old, before, "registers spilled before the signal untouched");
    for &(a, v) in after.iter().filter(|(a, _)| *a >= d.bspstore) {
        if rse_is_rnat_slot(a) {
            continue;
        }
        let i = rse_num_regs(urbs, a) as usize;
        if !stack[i].1 {
            assert_eq!(
                v, stack[i].0,
                "register {i} spilled at {a:#x} after the restore"
            );
        }
    }
    // After the restore: back on the original store exactly as it was.
    let back = RsePointers {
        bsp: d.bsp0,
        bspstore: d.bspstore,
        rnat: d.rnat,
        ndirty,
    };
    assert_eq!(lazy, Some(back));
    assert_eq!(cpu.state.rse.bsp(), d.bsp0);
    assert_fp_scratch_restored(&cpu, &t.mem, &d);
    kernel_rt_sigreturn(&mut cpu.state, &mut t.mem);
    assert_chain_intact(&mut cpu.state, &mut t.mem, &t.frames);
}

/// The restore arithmetic (`skip(bsp0, -m)` without a divide) for every position of the
/// interrupted stack in its 512-byte group, with and without registers already spilled.
#[test]
fn sigtramp_restore_is_exact_at_every_group_alignment() {
    for chain in [&SHORT_CHAIN[..], &DEEP_CHAIN[..]] {
        for k in 0..64u64 {
            let urbs = RBS_AREA + 8 * k;
            let mut t = interrupted_thread(urbs, 0x1234_5678, chain, 0xc);
            let d = deliver(&mut t, Arrival::Fault, true);
            let (mut cpu, lazy) = run_trampoline(&mut t);
            let ndirty = rse_num_regs(d.bspstore, d.bsp0);
            // A BSPSTORE on a collection slot comes back one slot higher (the case above).
            let bspstore = d.bspstore + if rse_is_rnat_slot(d.bspstore) { 8 } else { 0 };
            let back = RsePointers {
                bsp: d.bsp0,
                bspstore,
                rnat: d.rnat,
                ndirty,
            };
            assert_eq!(lazy, Some(back), "slot {k}, {} frames", chain.len());
            kernel_rt_sigreturn(&mut cpu.state, &mut t.mem);
            assert_chain_intact(&mut cpu.state, &mut t.mem, &t.frames);
        }
    }
}

/// The old BSPSTORE points at a NaT collection slot: the trampoline writes the saved RNAT
/// there, and the restored BSPSTORE is the first register slot after it.
#[test]
fn sigtramp_completes_a_pending_collection_word() {
    let urbs = RBS_AREA + 0x1f8;
    assert!(rse_is_rnat_slot(urbs));
    let rnat0 = 0x2aaa_aaaa_aaaa_aaaa;
    let mut t = interrupted_thread(urbs, rnat0, &SHORT_CHAIN, 0xc);
    let d = deliver(&mut t, Arrival::Fault, true);
    assert_eq!((d.bspstore, d.rnat), (urbs, rnat0));
    assert_eq!(t.mem.peek_u64(urbs), 0);
    let (mut cpu, lazy) = run_trampoline(&mut t);
    let sc = sc_of(&t.mem, &d);
    assert_eq!(sc.ar_rnat, rnat0);
    assert_eq!(
        t.mem.peek_u64(urbs),
        rnat0,
        "collection word written at the old bspstore"
    );
    let lazy = lazy.unwrap();
    assert_eq!(lazy.bsp, d.bsp0);
    assert_eq!(
        lazy.bspstore,
        urbs + 8,
        "skip(bsp0, -ndirty) is never a collection slot"
    );
    assert_eq!(lazy.ndirty, rse_num_regs(urbs, d.bsp0));
    assert_eq!(cpu.state.rse.bsp(), d.bsp0);
    kernel_rt_sigreturn(&mut cpu.state, &mut t.mem);
    assert_chain_intact(&mut cpu.state, &mut t.mem, &t.frames);
}

/// A signal taken on the way out of a system call: the exit path covers the syscall frame
/// and returns to the trampoline with that frame current; the trampoline's `cover` makes it
/// part of what `sc_ar_bsp` and the alternate-store switch account for.
#[test]
fn sigtramp_after_a_system_call_covers_the_syscall_frame() {
    let mut t = interrupted_thread(RBS_AREA + 20 * 8, 0x5_5555, &DEEP_CHAIN, 0xf);
    let d = deliver(&mut t, Arrival::Syscall, true);
    assert_eq!(
        u64::from(t.st.rse.cfm().sof),
        18,
        "the syscall frame is current on entry"
    );
    let (mut cpu, lazy) = run_trampoline(&mut t);
    let sc = sc_of(&t.mem, &d);
    assert_eq!(sc.flags, sc_flag::IN_SYSCALL);
    assert_eq!(sc.ar_bsp, d.bsp0);
    assert_eq!(sc.loadrs >> 16, results(&t.mem)[3] - sc.rbs_base);
    assert_eq!(
        lazy.map(|p| p.bsp),
        Some(d.bsp0),
        "restored before eager mode resumed"
    );
    assert_eq!(cpu.state.rse.bsp(), d.bsp0);
    assert_fp_scratch_restored(&cpu, &t.mem, &d);
    let sc2 = kernel_rt_sigreturn(&mut cpu.state, &mut t.mem);
    assert_eq!(sc2.ip & !15, USER_IP);
    assert_eq!(
        (cpu.state.ip, u64::from(cpu.state.slot)),
        (USER_IP, sc2.ip & 3)
    );
    // The syscall entry replaced NaT arguments (the frame's first 8 outputs) by -1.
    let last = t.frames.last_mut().unwrap();
    let (sol, sof) = (last.sol as usize, last.sof as usize);
    for r in &mut last.regs[sol..sof.min(sol + 8)] {
        if r.1 {
            *r = (u64::MAX, false);
        }
    }
    assert_chain_intact(&mut cpu.state, &mut t.mem, &t.frames);
}

/// Eager user RSE (the Linux default, RSC = 0xf): background spills run until the trampoline
/// stops them; the bookkeeping must still bring everything back.
#[test]
fn sigtramp_alternate_store_with_an_eager_rse() {
    let mut t = interrupted_thread(RBS_AREA + 40 * 8, 0, &DEEP_CHAIN, 0xf);
    let d = deliver(&mut t, Arrival::Fault, true);
    let (mut cpu, lazy) = run_trampoline(&mut t);
    let sc = sc_of(&t.mem, &d);
    assert_eq!(sc.ar_bsp, d.bsp0);
    assert_eq!(sc.loadrs >> 16, results(&t.mem)[3] - sc.rbs_base);
    assert_handler_ran(&t.mem, &d, results(&t.mem)[3]);
    assert_eq!(
        lazy.map(|p| p.bsp),
        Some(d.bsp0),
        "restored before eager mode resumed"
    );
    assert_eq!(cpu.state.rse.bsp(), d.bsp0);
    kernel_rt_sigreturn(&mut cpu.state, &mut t.mem);
    assert_chain_intact(&mut cpu.state, &mut t.mem, &t.frames);
}

/// A frame written to guest memory reads back at the ABI offsets (sc_ip at frame + 160 + 40).
#[test]
fn frame_bytes_round_trip_through_guest_memory() {
    let mut mem = SparseMemory::new();
    let sc = SigContext {
        ip: 0x4000_0000_0000_0012,
        ..SigContext::default()
    };
    let f = SigFrame::new(0x6000_0000_0000_1000, 11, 7, SigInfo::kill(11, 0, 1, 0), sc);
    load(&mut mem, 0x6000_0000_0000_1000, &f.encode());
    assert_eq!(
        mem.read_u64(0x6000_0000_0000_1000 + 160 + 40, Access::data(3)),
        Ok(0x4000_0000_0000_0012)
    );
    assert_eq!(
        SigFrame::decode(&read(&mem, 0x6000_0000_0000_1000, SIGFRAME_SIZE)),
        Some(f)
    );
}
