//! The test programs run on CPU + RAM alone (no kernel): loaded by the ELF loader, started in
//! the Linux initial state, each runs until its first system call `break`, and the registers at
//! that point are what the program computed.

use ia64_cpu::exec::Exit;
use ia64_cpu::fault::Fault;
use ia64_cpu::rse::AllocArgs;
use ia64_cpu::state::ar;
use ia64_cpu::Cpu;
use ia64_machine::loader::{exec, ProcessSpec};
use ia64_machine::mmu::MemView;
use ia64_machine::phys::PhysMem;
use ia64_machine::space::{AddressSpace, SpaceKind};
use ia64_machine::tlb::Tlb;

fn root() -> std::path::PathBuf {
    std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../..")).to_path_buf()
}

/// Run `name` until its first syscall; returns the CPU.
fn run_to_first_syscall(name: &str) -> Cpu {
    let elf = std::fs::read(root().join("test-programs/bin").join(name)).expect("program");
    let mut phys = PhysMem::new();
    let mut user = AddressSpace::new(SpaceKind::User);
    let kernel = AddressSpace::new(SpaceKind::Kernel);
    let image = exec(&elf, &ProcessSpec::new([name]), &mut phys, &mut user).expect("load");
    let mut tlb = Tlb::new();
    let mut mem = MemView::new(&mut phys, &user, &kernel, &mut tlb);
    let mut cpu = Cpu::new(96).expect("cpu");
    let st = &mut cpu.state;
    let empty = AllocArgs {
        sof: 0,
        sol: 0,
        sor: 0,
    };
    st.rse.alloc(&mut mem, empty, 1).expect("empty frame");
    st.rse
        .mov_to_bspstore(image.bspstore, false)
        .expect("bspstore");
    st.rse.mov_to_rsc(image.rsc, false, 3).expect("rsc");
    st.write_psr(image.psr);
    st.ar[usize::from(ar::FPSR)] = image.fpsr;
    st.gr[12] = image.r12;
    st.ip = image.entry;
    let exit = cpu.run(&mut mem, 50_000_000);
    assert_eq!(
        exit,
        Exit::Fault(Fault::Break { imm: 0x100000 }),
        "{name}: runs to its first syscall"
    );
    cpu
}

#[test]
fn exit_status_reaches_exit_group_with_42() {
    let cpu = run_to_first_syscall("exit-status");
    let st = &cpu.state;
    assert_eq!(st.gr[15], 1236, "__NR_exit_group");
    let sol = u32::from(st.rse.cfm().sol);
    assert_eq!(st.read_gr(32 + sol as u8).0, 42, "out0 = 42");
}

#[test]
fn hello_reaches_write_with_its_buffer() {
    let cpu = run_to_first_syscall("hello");
    let st = &cpu.state;
    assert_eq!(st.gr[15], 1027, "__NR_write");
    assert_eq!(st.read_gr(33).0, 1, "fd 1");
    assert_eq!(st.read_gr(35).0, 18, "length of the greeting");
}

#[test]
fn every_program_reaches_a_syscall_with_a_linux_number() {
    let known = [
        1025, 1026, 1027, 1029, 1041, 1060, 1105, 1130, 1147, 1151, 1236,
    ];
    for name in [
        "echo-args",
        "loop-sum",
        "recursion",
        "strings",
        "predication",
        "modsched",
        "speculation",
        "spillfill",
        "brkmmap",
        "fault",
    ] {
        let cpu = run_to_first_syscall(name);
        let nr = cpu.state.gr[15];
        assert!(known.contains(&nr), "{name}: syscall {nr}");
        assert!(cpu.state.retired > 0, "{name}");
    }
}

#[test]
fn recursion_computes_before_printing() {
    // recursion.s prints only after the whole recursion: by its first syscall it has retired
    // over a million instructions and the RSE has spilled and filled the deep stack.
    let cpu = run_to_first_syscall("recursion");
    let c = cpu.state.rse.counters().total();
    assert!(cpu.state.retired > 1_000_000, "{}", cpu.state.retired);
    assert!(c.spills > 100_000 && c.fills > 100_000, "{c:?}");
}
