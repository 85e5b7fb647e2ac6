//! `epc` through the machine's memory: a page marked execute-promote in an address space
//! ([`AddressSpace::set_promote`], the architecture's TLB.ar = 7) makes `epc` with PSR.it = 1
//! raise PSR.cpl to the page's promote level (SDM Vol. 3 `epc`); on an ordinary page `epc`
//! changes nothing; PFS.ppl more privileged than PSR.cpl is an Illegal Operation fault.
//!
//! The code is hand-encoded: bundle `{ nop.m 0; nop.i 0; epc ;; }` (template 0x11, MIB with a
//! final stop; M48 `nop.m`: x4 = 1; I18 `nop.i`: x6 = 0x01; B8 `epc`: x6 = 0x10, all major
//! opcode 0), checked against the decoder before it runs.

use ia64_cpu::exec::Exit;
use ia64_cpu::fault::Fault;
use ia64_cpu::mem::Memory;
use ia64_cpu::rse::AllocArgs;
use ia64_cpu::state::psr;
use ia64_cpu::Cpu;
use ia64_isa::bundle::decode_bundle;
use ia64_isa::insn::Insn;
use ia64_isa::unit_b::BInsn;
use ia64_isa::unit_i::IInsn;
use ia64_isa::unit_m_sys::MSysInsn;
use ia64_machine::mmu::MemView;
use ia64_machine::phys::{PhysMem, PAGE_SIZE};
use ia64_machine::space::{AddressSpace, PageLevel, Perm, SpaceKind};
use ia64_machine::tlb::Tlb;

/// A user-region page for the code (region 2, like Linux/ia64 text).
const CODE: u64 = 0x4000_0000_0010_0000;

/// `{ nop.m 0; nop.i 0; epc ;; }` as 16 little-endian bytes.
fn epc_bundle() -> [u8; 16] {
    let template: u128 = 0x11;
    let nop_m: u128 = 1 << 27;
    let nop_i: u128 = 1 << 27;
    let epc: u128 = 0x10 << 27;
    (template | (nop_m << 5) | (nop_i << 46) | (epc << 87)).to_le_bytes()
}

#[test]
fn the_hand_encoded_bundle_decodes_as_nop_nop_epc() {
    let b = decode_bundle(&epc_bundle(), CODE);
    assert_eq!(b.template_value, 0x11);
    let insn = |i: usize| b.slots[i].as_ref().map(|s| (s.qp, s.insn));
    assert_eq!(insn(0), Ok((0, Insn::MSys(MSysInsn::Nop { imm: 0 }))));
    assert_eq!(insn(1), Ok((0, Insn::I(IInsn::Nop { imm: 0 }))));
    assert_eq!(insn(2), Ok((0, Insn::B(BInsn::Epc))));
}

/// The machine pieces: physical memory, a user and a kernel space, a TLB.
struct Machine {
    phys: PhysMem,
    user: AddressSpace,
    kernel: AddressSpace,
    tlb: Tlb,
}

/// Code page at [`CODE`] (user level, `perm`) holding the `epc` bundle, promote level `promote`;
/// a second, ordinary page after it.
fn machine(perm: Perm, promote: Option<PageLevel>) -> Machine {
    let mut phys = PhysMem::new();
    let mut user = AddressSpace::new(SpaceKind::User);
    let kernel = AddressSpace::new(SpaceKind::Kernel);
    user.map(&mut phys, CODE, 2 * PAGE_SIZE, perm, PageLevel::User)
        .expect("map code");
    user.write_bytes(&mut phys, CODE, &epc_bundle())
        .expect("write bundle");
    user.write_bytes(&mut phys, CODE + PAGE_SIZE, &epc_bundle())
        .expect("write bundle");
    user.set_promote(CODE, PAGE_SIZE, promote)
        .expect("mark promote page");
    Machine {
        phys,
        user,
        kernel,
        tlb: Tlb::new(),
    }
}

/// Run the three slots of the bundle at `ip` at privilege `cpl` with PFS.ppl = `ppl` and
/// PSR.it = 1; returns the exit and the CPU.
fn run_epc(m: &mut Machine, ip: u64, cpl: u8, ppl: u8) -> (Exit, Cpu) {
    let mut mem = MemView::new(&mut m.phys, &m.user, &m.kernel, &mut m.tlb);
    let mut cpu = Cpu::new(96).expect("cpu");
    let st = &mut cpu.state;
    let empty = AllocArgs {
        sof: 0,
        sol: 0,
        sor: 0,
    };
    st.rse.alloc(&mut mem, empty, 1).expect("empty frame");
    st.write_psr((1 << psr::IC) | (1 << psr::DT) | (1 << psr::RT) | (1 << psr::IT));
    st.set_cpl(cpl);
    st.rse.mov_to_pfs(u64::from(ppl) << 62, false).expect("pfs");
    st.ip = ip;
    let exit = cpu.run(&mut mem, 3);
    (exit, cpu)
}

#[test]
fn memview_reports_the_promote_level_of_the_page() {
    let mut m = machine(Perm::X, Some(PageLevel::Kernel));
    let mut mem = MemView::new(&mut m.phys, &m.user, &m.kernel, &mut m.tlb);
    assert_eq!(mem.epc_promotion(CODE), Some(0));
    assert_eq!(mem.epc_promotion(CODE + PAGE_SIZE - 16), Some(0));
    assert_eq!(mem.epc_promotion(CODE + PAGE_SIZE), None, "ordinary page");
    assert_eq!(mem.epc_promotion(CODE + 2 * PAGE_SIZE), None, "unmapped");
    assert_eq!(
        mem.epc_promotion(0x2000_0000_0000_0000 | (1 << 55)),
        None,
        "unimplemented address"
    );
    assert_eq!(
        mem.epc_promotion(0xa000_0000_0000_0000),
        None,
        "nothing mapped in the kernel space"
    );
}

#[test]
fn epc_on_a_promote_page_enters_level_0() {
    let mut m = machine(Perm::X, Some(PageLevel::Kernel));
    let (exit, cpu) = run_epc(&mut m, CODE, 3, 3);
    assert_eq!(exit, Exit::Budget);
    assert_eq!(cpu.state.cpl(), 0, "promoted to the page's level");
    assert_eq!(cpu.state.ip, CODE + 16, "next bundle");
}

#[test]
fn epc_on_an_ordinary_page_changes_nothing() {
    let mut m = machine(Perm::RX, Some(PageLevel::Kernel));
    let (exit, cpu) = run_epc(&mut m, CODE + PAGE_SIZE, 3, 3);
    assert_eq!(exit, Exit::Budget);
    assert_eq!(cpu.state.cpl(), 3);
    assert_eq!(cpu.state.ip, CODE + PAGE_SIZE + 16);

    let mut m = machine(Perm::RX, None);
    let (exit, cpu) = run_epc(&mut m, CODE, 3, 3);
    assert_eq!(exit, Exit::Budget);
    assert_eq!(cpu.state.cpl(), 3);
}

#[test]
fn epc_on_a_level_3_promote_page_does_not_promote() {
    let mut m = machine(Perm::X, Some(PageLevel::User));
    let (exit, cpu) = run_epc(&mut m, CODE, 3, 3);
    assert_eq!(exit, Exit::Budget);
    assert_eq!(cpu.state.cpl(), 3);
}

#[test]
fn epc_with_pfs_ppl_below_cpl_is_an_illegal_operation() {
    let mut m = machine(Perm::X, Some(PageLevel::Kernel));
    let (exit, cpu) = run_epc(&mut m, CODE, 3, 0);
    assert_eq!(exit, Exit::Fault(Fault::IllegalOperation));
    assert_eq!(cpu.state.cpl(), 3, "nothing committed");
    assert_eq!((cpu.state.ip, cpu.state.slot), (CODE, 2), "the epc slot");
}
