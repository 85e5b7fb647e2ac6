//! State-transition tables: the harness the executor's tests share.
//!
//! A [`Case`] is *(initial state, code, expected state)*. The initial state is a reset
//! [`State`] (user mode, cpl 3, with a small stacked frame: see [`base_state`]) changed by the
//! case's `setup`; the code is a list of decoded slots executed in order, slot after slot, at
//! [`CODE_BASE`]; the expectation is either
//!
//! * [`Expect::State`]: a function applied to a *copy of the initial state and memory*; after
//!   running, the whole [`State`] and every memory word must equal that copy (so any unexpected
//!   change fails), or
//! * [`Expect::Fault`]: the last instruction raises this fault, and state and memory must equal
//!   the state just before it (faulting slots commit nothing), or
//! * [`Expect::Trap`]: the last instruction is a branch that commits and then raises this trap
//!   ([`Flow::BranchTrap`]: Unimplemented Instruction Address, Lower-Privilege Transfer); the
//!   state must equal the expectation (IP = the target, slot 0).
//!
//! A taken branch ends the code; the harness then sets `State::ip` to the target (slot 0), so
//! expectations of branches set `ip` themselves. Non-branch instructions leave `ip` unchanged.
//! `State::retired` is not compared.

use ia64_isa::insn::{Insn, Slot};

use crate::cache::Op;
use crate::exec::fast::{self, Step};
use crate::exec::Flow;
use crate::fault::Fault;
use crate::mem::SparseMemory;
use crate::rse::AllocArgs;
use crate::state::State;

/// Address of the first bundle of a case's code.
pub const CODE_BASE: u64 = 0x4000_0000_0001_0000;
/// AR.BSPSTORE of [`base_state`].
pub const RBS_BASE: u64 = 0x6000_0000_0010_0000;

/// A setup or expectation function.
pub type Mutator = Box<dyn Fn(&mut State, &mut SparseMemory)>;

/// What a case expects.
pub enum Expect {
    /// The state after the code equals the initial state changed by this function.
    State(Mutator),
    /// The last instruction raises this fault and commits nothing.
    Fault(Fault),
    /// The code ends with a branch that commits, then raises this trap; the state after it
    /// equals the initial state changed by the function.
    Trap(Fault, Mutator),
}

/// One row of a state-transition table.
pub struct Case {
    /// Name shown on failure.
    pub name: String,
    /// Initial-state changes.
    pub setup: Mutator,
    /// The code.
    pub code: Vec<Slot>,
    /// The expectation.
    pub expect: Expect,
}

impl Case {
    /// A case running `code` (qualifying predicate 0) with no setup, expecting no change.
    pub fn new(name: impl Into<String>, code: impl IntoIterator<Item = Insn>) -> Self {
        Self {
            name: name.into(),
            setup: Box::new(|_, _| {}),
            code: code.into_iter().map(|insn| Slot { qp: 0, insn }).collect(),
            expect: Expect::State(Box::new(|_, _| {})),
        }
    }

    /// A case running already-predicated slots.
    pub fn slots(name: impl Into<String>, code: impl IntoIterator<Item = Slot>) -> Self {
        Self {
            name: name.into(),
            setup: Box::new(|_, _| {}),
            code: code.into_iter().collect(),
            expect: Expect::State(Box::new(|_, _| {})),
        }
    }

    /// Set the initial-state changes.
    pub fn setup(mut self, f: impl Fn(&mut State, &mut SparseMemory) + 'static) -> Self {
        self.setup = Box::new(f);
        self
    }

    /// Expect the initial state changed by `f`.
    pub fn expect(mut self, f: impl Fn(&mut State, &mut SparseMemory) + 'static) -> Self {
        self.expect = Expect::State(Box::new(f));
        self
    }

    /// Expect the last instruction to raise `fault`.
    pub fn faults(mut self, fault: Fault) -> Self {
        self.expect = Expect::Fault(fault);
        self
    }

    /// Expect the code to end with a branch that commits (the initial state changed by `f`,
    /// IP = the target) and then raises the trap `trap`.
    pub fn traps(
        mut self,
        trap: Fault,
        f: impl Fn(&mut State, &mut SparseMemory) + 'static,
    ) -> Self {
        self.expect = Expect::Trap(trap, Box::new(f));
        self
    }
}

/// The base state of every case: user mode (cpl 3, PSR.ic/i/dt/rt/it/bn set as Linux runs user
/// code), AR.BSPSTORE = [`RBS_BASE`], RSC = 0 (enforced lazy, so the RSE moves that need that
/// mode work), and a frame of 16 registers with 8 locals (r32–r47, outputs r40–r47).
pub fn base_state() -> (State, SparseMemory) {
    use crate::state::psr;
    let mut st = match State::new(96) {
        Ok(s) => s,
        Err(e) => panic!("96 is a valid physical file size: {e:?}"),
    };
    let mut mem = SparseMemory::new();
    if let Err(e) = st.rse.mov_to_bspstore(RBS_BASE, false) {
        panic!("enforced-lazy reset RSE accepts a bspstore: {e:?}");
    }
    if let Err(e) = st.rse.alloc(
        &mut mem,
        AllocArgs {
            sof: 16,
            sol: 8,
            sor: 0,
        },
        32,
    ) {
        panic!("the base frame fits: {e:?}");
    }
    st.psr = (1 << psr::IC)
        | (1 << psr::I)
        | (1 << psr::DT)
        | (1 << psr::RT)
        | (1 << psr::IT)
        | (1 << psr::BN);
    st.set_cpl(3);
    st.ip = CODE_BASE;
    (st, mem)
}

/// Run `code` on `st`/`mem` as the harness does; returns the fault of the faulting slot, if any.
/// A branch that commits and then traps ([`Flow::BranchTrap`]) leaves IP at its target and
/// returns the trap.
pub fn run_slots(st: &mut State, mem: &mut SparseMemory, code: &[Slot]) -> Result<(), Fault> {
    run_slots_from(st, mem, code, 0)
}

/// [`run_slots`] for code whose first slot is slot number `first` of the case (its bundle
/// address and slot number follow from that position).
pub fn run_slots_from(
    st: &mut State,
    mem: &mut SparseMemory,
    code: &[Slot],
    first: usize,
) -> Result<(), Fault> {
    // Every slot goes through the run loop's dispatch (`exec::fast::step`, then the generic
    // executor for what it leaves), so the tables check the micro-ops too.
    for (k, s) in code.iter().enumerate() {
        let i = first + k;
        let ip = CODE_BASE + (i as u64 / 3) * 16;
        let op = Op::new(*s, (i % 3) as u8);
        let enabled = s.qp == 0 || st.read_pr(s.qp);
        let mode = fast::branch_mode(st.psr);
        let mut fault = None;
        let r = match fast::step(st, mem, &op, enabled, mode, &mut fault) {
            Step::Next | Step::Stored => continue,
            Step::Branch(t) => Flow::Branch(t),
            Step::Illegal => return Err(Fault::IllegalOperation),
            Step::Fault => return Err(fault.unwrap_or(Fault::IllegalOperation)),
            Step::Generic => fast::generic(st, mem, &op, ip, enabled)?,
        };
        match r {
            Flow::Branch(t) => {
                st.ip = t & !15;
                st.slot = 0;
                return Ok(());
            }
            Flow::BranchTrap { target, trap } => {
                st.ip = target & !15;
                st.slot = 0;
                return Err(trap);
            }
            Flow::Resume => return Ok(()),
            Flow::Next | Flow::FlushCode(_) | Flow::FlushAllCode => {}
        }
    }
    Ok(())
}

/// Run one case; `Err` describes the mismatch.
pub fn run_case(c: &Case) -> Result<(), String> {
    let (mut st, mut mem) = base_state();
    (c.setup)(&mut st, &mut mem);
    let (init_st, init_mem) = (st.clone(), mem.clone());
    match &c.expect {
        Expect::State(f) => {
            let (mut want_st, mut want_mem) = (init_st, init_mem);
            f(&mut want_st, &mut want_mem);
            if let Err(fault) = run_slots(&mut st, &mut mem, &c.code) {
                return Err(format!("{}: unexpected fault {fault:?}", c.name));
            }
            compare(&c.name, &st, &mem, &want_st, &want_mem)
        }
        Expect::Fault(want) => {
            let (prefix, last) = c.code.split_at(c.code.len().saturating_sub(1));
            if let Err(fault) = run_slots(&mut st, &mut mem, prefix) {
                return Err(format!("{}: fault {fault:?} before the last slot", c.name));
            }
            let (before_st, before_mem) = (st.clone(), mem.clone());
            let got = run_slots_from(&mut st, &mut mem, last, prefix.len());
            if got != Err(*want) {
                return Err(format!("{}: expected {want:?}, got {got:?}", c.name));
            }
            compare(&c.name, &st, &mem, &before_st, &before_mem)
        }
        Expect::Trap(want, f) => {
            let (mut want_st, mut want_mem) = (init_st, init_mem);
            f(&mut want_st, &mut want_mem);
            let got = run_slots(&mut st, &mut mem, &c.code);
            if got != Err(*want) {
                return Err(format!("{}: expected trap {want:?}, got {got:?}", c.name));
            }
            compare(&c.name, &st, &mem, &want_st, &want_mem)
        }
    }
}

fn compare(
    name: &str,
    st: &State,
    mem: &SparseMemory,
    want: &State,
    want_mem: &SparseMemory,
) -> Result<(), String> {
    let mut got = st.clone();
    got.retired = want.retired;
    if got != *want {
        return Err(format!(
            "{name}: state differs\n{}",
            diff_states(&got, want)
        ));
    }
    let nonzero = |m: &SparseMemory| -> Vec<(u64, u64)> {
        m.words()
            .iter()
            .filter(|(_, v)| **v != 0)
            .map(|(a, v)| (*a, *v))
            .collect()
    };
    if nonzero(mem) != nonzero(want_mem) {
        return Err(format!(
            "{name}: memory differs\n got  {:x?}\n want {:x?}",
            nonzero(mem),
            nonzero(want_mem)
        ));
    }
    Ok(())
}

/// A readable list of the differing fields of two states.
pub fn diff_states(got: &State, want: &State) -> String {
    let mut out = String::new();
    for r in 0..128u8 {
        if got.read_gr(r) != want.read_gr(r) {
            out += &format!(
                "  r{r}: got {:#x?} want {:#x?}\n",
                got.read_gr(r),
                want.read_gr(r)
            );
        }
    }
    let fields: [(&str, String, String); 9] = [
        (
            "pr",
            format!("{:#x}", got.read_pr_all()),
            format!("{:#x}", want.read_pr_all()),
        ),
        ("br", format!("{:x?}", got.br), format!("{:x?}", want.br)),
        ("psr", format!("{:#x}", got.psr), format!("{:#x}", want.psr)),
        ("ip", format!("{:#x}", got.ip), format!("{:#x}", want.ip)),
        ("slot", got.slot.to_string(), want.slot.to_string()),
        (
            "cfm",
            format!("{:?}", got.rse.cfm()),
            format!("{:?}", want.rse.cfm()),
        ),
        (
            "rse",
            format!(
                "bsp {:#x} bspstore {:#x} rnat {:#x} ndirty {}",
                got.rse.bsp(),
                got.rse.bspstore(),
                got.rse.rnat(),
                got.rse.ndirty()
            ),
            format!(
                "bsp {:#x} bspstore {:#x} rnat {:#x} ndirty {}",
                want.rse.bsp(),
                want.rse.bspstore(),
                want.rse.rnat(),
                want.rse.ndirty()
            ),
        ),
        (
            "alat",
            format!("{:x?}", got.alat.entries()),
            format!("{:x?}", want.alat.entries()),
        ),
        ("ind", format!("{:x?}", got.ind), format!("{:x?}", want.ind)),
    ];
    for (n, g, w) in fields {
        if g != w {
            out += &format!("  {n}: got {g} want {w}\n");
        }
    }
    for i in 0..128 {
        if got.ar[i] != want.ar[i] {
            out += &format!("  ar{i}: got {:#x} want {:#x}\n", got.ar[i], want.ar[i]);
        }
        if got.cr[i] != want.cr[i] {
            out += &format!("  cr{i}: got {:#x} want {:#x}\n", got.cr[i], want.cr[i]);
        }
        if got.fr[i] != want.fr[i] {
            out += &format!("  f{i}: got {:x?} want {:x?}\n", got.fr[i], want.fr[i]);
        }
    }
    if out.is_empty() {
        out = format!("  (other fields) got {got:x?}\n want {want:x?}");
    }
    out
}

/// Run a table; panics listing every failing row.
pub fn run_table(cases: &[Case]) {
    let failures: Vec<String> = cases.iter().filter_map(|c| run_case(c).err()).collect();
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}
