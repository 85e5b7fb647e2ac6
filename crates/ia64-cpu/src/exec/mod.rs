//! The executor: fetch through the decoded-bundle cache, predicate, dispatch by `match` to one
//! file per instruction class, and return events as values.
//!
//! * [`alu`]: A-unit integer and multimedia ALU (A1–A10).
//! * [`int`]: I-unit (shifts, deposits, multimedia, tests, moves to/from BR/PR/AR, `chk.s.i`).
//! * [`memory`]: M-unit loads, stores, semaphores, FP loads/stores, `getf`/`setf`, `lfetch`,
//!   with speculation, the ALAT and spill/fill.
//! * [`system`]: M-unit system instructions (opcodes 0–1): `alloc`, RSE, AR/CR/PSR moves,
//!   indirect registers, TLB and cache operations, checks, `break`/`nop`.
//! * [`branch`]: B-unit branches, calls, returns, loop branches, `cover`, `rfi`, `bsw`, ...
//! * [`long`]: X-unit `movl`, `brl`, `break.x`, `nop.x`.
//! * [`fp`]: F-unit (issue #9: reported as unimplemented for now).
//! * [`fast`]: the pre-decoded micro-op form of a slot and its flat dispatch
//!   ([`fast::step`]): the hot instructions run from unpacked operands through the same
//!   semantic functions as the generic path; the rest go to [`execute`].
//!
//! * [`block`]: straight-line blocks of micro-ops spanning several bundles, run and chained
//!   with the run loop's per-bundle checks lifted to block exits.
//!
//! The run loop ([`Cpu::run_traced`]) translates the fetch address once, then chains through
//! the decoded bundles of that page (fall-through or branch inside the page) for as long as the
//! fetch context provably holds: no generic slot ran (only those can change the privilege
//! level or translations) and the memory's fetch generation did not move (code writes). A
//! bundle that runs whole (from slot 0, within the budget, no single step, no tracer) retires
//! its `nop`s without dispatch and updates `State::retired` once, except before a generic slot
//! and at a fault, where the count is made exact; otherwise the bundle runs slot by slot.
//! Where a [`block`] starts and its entry conditions hold (slot 0, no single step or
//! taken-branch trap, tracer or debugger hooks, the block fits the budget, the eager RSE is
//! idle), the run loop runs the block, and the blocks it leads to in the same page, instead.
//! The flags derived from PSR (single step, the branch-target mode of [`fast::branch_mode`])
//! are refreshed only after generic slots, the only ones that can write PSR.
//!
//! Every class follows *compute, then commit*: sources are read and every fault is detected
//! before the first state write, so a faulting slot leaves the state untouched (SDM Vol. 2
//! Part I §5.5, faults are precise).
//!
//! Instruction groups are executed slot by slot in program order. This is exact for code that
//! obeys the dependency rules of SDM Vol. 1 §3.4 (GNU as checks them, `-xexplicit`); code that
//! violates them has architecturally undefined results anyway.

pub mod alu;
pub mod block;
pub mod branch;
pub mod fast;
pub mod fp;
pub mod int;
pub mod long;
pub mod memory;
pub mod system;

#[cfg(test)]
mod tests;

use ia64_isa::insn::{Insn, Slot};

use std::cell::Cell;

use crate::cache::BundleCache;
use crate::debug::{DebugEvent, DebugHooks, DebugRun, WatchLog, WatchMem};
use crate::fault::Fault;
use crate::mem::Memory;
use crate::state::{psr, Completed, State};
use block::{BlockEnd, ChainCtx};
use fast::Fast;

/// Where execution goes after a slot.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Flow {
    /// The next slot.
    Next,
    /// A taken branch to the bundle at the given address (low 4 bits ignored), slot 0.
    Branch(u64),
    /// `rfi` (or another instruction) set `State::ip` and `State::slot` itself.
    Resume,
    /// A taken branch that has committed and then raises a trap the SDM reports after the
    /// branch (Unimplemented Instruction Address, Lower-Privilege Transfer): the branch retires,
    /// IP ← `target` (low 4 bits ignored), slot 0, and the run loop returns `trap` (so IIP is
    /// the target).
    BranchTrap {
        /// The branch target.
        target: u64,
        /// The trap to raise.
        trap: Fault,
    },
    /// `fc`: the decoded bundles of the page holding this (virtual) address may be stale.
    FlushCode(u64),
    /// `sync.i`: every decoded bundle may be stale.
    FlushAllCode,
}

/// The context of the slot being executed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SlotCtx {
    /// Bundle address.
    pub ip: u64,
    /// Slot number (0..=2).
    pub slot: u8,
    /// Qualifying predicate register number (its value is true, except for the instructions
    /// that consume it themselves: `br.wtop`/`br.wexit` and the `.unc` compares).
    pub qp: u8,
}

/// Why [`Cpu::run`] returned.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Exit {
    /// The instruction budget is used up.
    Budget,
    /// An instruction raised a fault or trap; nothing has been delivered yet (the caller, the
    /// kernel or a test, decides: see [`crate::interrupt::deliver`]). For faults
    /// `State::ip`/`State::slot` name the faulting instruction and nothing of it was committed;
    /// for traps they name the next instruction and `State::completed` the trapping one.
    Fault(Fault),
    /// The emulator does not implement an instruction (a host-side limitation, not a guest
    /// fault); `State::ip`/`State::slot` name it.
    Unsupported(&'static str),
    /// A debugger hook of [`Cpu::debug`] stopped the run (see [`crate::debug`]): before a
    /// breakpoint's instruction, or after an instruction that touched a watched range.
    Debug(DebugEvent),
}

/// Executor counters.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ExecStats {
    /// Bundles fetched.
    pub bundles: u64,
    /// Taken branches.
    pub taken_branches: u64,
    /// Straight-line blocks run ([`block`]); their bundles count in `bundles` too.
    pub blocks: u64,
}

/// Something that watches every slot (the `--trace` sink). [`NoTrace`] compiles to nothing.
pub trait Tracer {
    /// Whether to call [`Tracer::slot`] at all.
    const ACTIVE: bool;
    /// Called before a slot executes (also for predicated-off slots, with `executed` false).
    fn slot(&mut self, st: &State, slot: &Slot, executed: bool);
}

/// The tracer that does nothing.
pub struct NoTrace;

impl Tracer for NoTrace {
    const ACTIVE: bool = false;
    #[inline(always)]
    fn slot(&mut self, _: &State, _: &Slot, _: bool) {}
}

/// A processor: architectural state plus its decoded-bundle cache.
#[derive(Clone, Debug)]
pub struct Cpu {
    /// Architectural state.
    pub state: State,
    /// Decoded bundles.
    pub cache: BundleCache,
    /// Counters.
    pub stats: ExecStats,
    /// Debugger breakpoints and watches (none: the run loop's fast path is unchanged).
    pub debug: DebugHooks,
    /// Fetch fast path: virtual page, physical page, slab index, memory generation.
    fast: Option<FastPage>,
    code_writes: Vec<u64>,
}

#[derive(Clone, Copy, Debug)]
struct FastPage {
    vpage: u64,
    ppage: u64,
    slab: usize,
    generation: u64,
    cpl: u8,
}

const PAGE_MASK: u64 = (1 << crate::cache::PAGE_SHIFT) - 1;

impl Cpu {
    /// A processor in reset state with an `n_phys`-register stacked file.
    pub fn new(n_phys: usize) -> Result<Self, crate::rse::RseConfigError> {
        Ok(Self {
            state: State::new(n_phys)?,
            cache: BundleCache::default(),
            stats: ExecStats::default(),
            debug: DebugHooks::default(),
            fast: None,
            code_writes: Vec::new(),
        })
    }

    /// Execute one instruction (slot).
    pub fn step<M: Memory + ?Sized>(&mut self, mem: &mut M) -> Exit {
        self.run(mem, 1)
    }

    /// Execute until `budget` instructions have retired or an event occurs.
    pub fn run<M: Memory + ?Sized>(&mut self, mem: &mut M, budget: u64) -> Exit {
        self.run_traced(mem, budget, &mut NoTrace)
    }

    /// Forget every decoded bundle (e.g. after the kernel rewrote code behind our back).
    pub fn flush_code(&mut self) {
        self.cache.invalidate_all();
        self.fast = None;
    }

    /// The fetch fast path: the slab page and physical address of the bundle at `st.ip`, when
    /// the memory generation, the virtual page and the privilege level are those of the last
    /// fetch.
    #[inline(always)]
    fn fast_fetch(&self, generation: u64) -> Option<(usize, u64)> {
        let f = self.fast.as_ref()?;
        let ip = self.state.ip & !15;
        if f.generation == generation && f.vpage == ip & !PAGE_MASK && f.cpl == self.state.cpl() {
            Some((f.slab, f.ppage | (ip & PAGE_MASK)))
        } else {
            None
        }
    }

    /// The fetch slow path: apply the code writes the memory reported if its generation moved,
    /// translate `st.ip` and find (or create) its cache page.
    #[cold]
    #[inline(never)]
    fn slow_fetch<M: Memory + ?Sized>(&mut self, mem: &mut M) -> Result<(usize, u64), Fault> {
        let generation = mem.fetch_generation();
        if self.fast.map(|f| f.generation) != Some(generation) {
            self.fast = None;
            self.code_writes.clear();
            mem.drain_code_writes(&mut self.code_writes);
            for &p in &self.code_writes {
                self.cache.invalidate_phys(p);
            }
            self.code_writes.clear();
        }
        let ip = self.state.ip & !15;
        let cpl = self.state.cpl();
        let phys = mem.translate_fetch(ip, cpl).map_err(Fault::Fetch)?;
        let slab = self.cache.page_for(mem, phys, ip);
        self.fast = Some(FastPage {
            vpage: ip & !PAGE_MASK,
            ppage: phys & !PAGE_MASK,
            slab,
            generation: mem.fetch_generation(),
            cpl,
        });
        Ok((slab, phys))
    }

    /// [`Cpu::run`] with a tracer watching every slot.
    ///
    /// Per bundle: one generation/page check (the fetch fast path), one lookup of the
    /// pre-decoded bundle ([`crate::cache::Decoded`]), then its slots in order: by
    /// `run_bundle` when the whole bundle runs from slot 0 within the budget, without
    /// single-step and without a tracer (the common case), else slot by slot by
    /// `run_slots`. After the bundle, the eager RSE gets one background spill when there are
    /// dirty registers (the policy below), and pending code flushes and the single-step /
    /// taken-branch traps are handled.
    ///
    /// With debugger hooks set ([`Cpu::debug`]) every bundle runs slot by slot, breakpoints
    /// are checked before each slot and, when watches exist, the memory is wrapped to record
    /// the data accesses of each slot ([`crate::debug`]); otherwise the hooks cost one check
    /// per call.
    pub fn run_traced<M: Memory + ?Sized, T: Tracer>(
        &mut self,
        mem: &mut M,
        budget: u64,
        tracer: &mut T,
    ) -> Exit {
        if self.debug.is_active() {
            return self.run_debug(mem, budget, tracer);
        }
        let mut none = DebugRun::NONE;
        self.run_loop::<M, T, false>(mem, budget, tracer, &mut none)
    }

    /// [`Cpu::run_traced`] with debugger hooks: the slot-by-slot loop, through a
    /// [`WatchMem`] when watches exist. Afterwards the skip survives only if no slot was
    /// attempted, nothing faulted and the processor still stands at the skipped address.
    /// Cold and out of line: it keeps the fast loop of [`Cpu::run_traced`] laid out as if
    /// there were no hooks (measured: without `cold` the fast path ran 3–4% more host
    /// instructions on the speed bench).
    #[cold]
    #[inline(never)]
    fn run_debug<M: Memory + ?Sized, T: Tracer>(
        &mut self,
        mem: &mut M,
        budget: u64,
        tracer: &mut T,
    ) -> Exit {
        let hooks = std::mem::take(&mut self.debug);
        let log = Cell::new(WatchLog::default());
        let mut run = DebugRun {
            breakpoints: hooks.breakpoints(),
            skip: hooks.skip(),
            attempted: false,
            log: None,
            pending: None,
        };
        let exit = if hooks.watches().is_empty() {
            self.run_loop::<M, T, true>(mem, budget, tracer, &mut run)
        } else {
            run.log = Some(&log);
            let mut watched = WatchMem {
                inner: mem,
                watches: hooks.watches(),
                log: &log,
            };
            self.run_loop::<WatchMem<'_, M>, T, true>(&mut watched, budget, tracer, &mut run)
        };
        let here = (self.state.ip & !15) | u64::from(self.state.slot);
        let skip = match run.skip {
            Some(a) if !run.attempted && a == here && !matches!(exit, Exit::Fault(_)) => Some(a),
            _ => None,
        };
        self.debug = hooks;
        self.debug.set_skip(skip);
        exit
    }

    /// The run loop; `DBG` selects the debugger checks (then no bundle runs whole).
    #[inline(always)]
    fn run_loop<M: Memory + ?Sized, T: Tracer, const DBG: bool>(
        &mut self,
        mem: &mut M,
        budget: u64,
        tracer: &mut T,
        dbg: &mut DebugRun<'_>,
    ) -> Exit {
        let limit = self.state.retired.saturating_add(budget);
        // PSR-derived flags of the micro-ops, refreshed whenever PSR may have changed.
        let mut flags = PsrFlags::of(self.state.psr);
        while self.state.retired < limit {
            let generation = mem.fetch_generation();
            let (slab, phys) = match self.fast_fetch(generation) {
                Some(x) => x,
                None => match self.slow_fetch(mem) {
                    Ok(x) => x,
                    Err(f) => return Exit::Fault(f),
                },
            };
            if self.cache.get(slab, phys).is_none() {
                if let Err(mf) = self.cache.bundle(mem, slab, phys) {
                    return Exit::Fault(Fault::Fetch(mf));
                }
            }
            // Chain through the bundles of this page while the fetch context (memory
            // generation, privilege level, virtual page) provably holds: the next bundle is the
            // next decoded entry of the page, or a branch target inside the page.
            let page = self.cache.page_bundles(slab);
            let vpage = self.state.ip & !PAGE_MASK;
            let mut idx = ((phys & PAGE_MASK) >> 4) as usize;
            let exit = loop {
                let Some(bundle) = page.get(idx).and_then(Option::as_ref) else {
                    break None;
                };
                let st = &mut self.state;
                let mut ip = st.ip & !15;
                // PSR.ss and PSR.tb run slot by slot: their traps name the slot that raised
                // them (ISR.ei, see `Completed`).
                let plain = !DBG && !T::ACTIVE && !flags.ss && !flags.tb && st.slot == 0;
                // A block of micro-ops (block.rs) when its entry conditions hold, else this
                // bundle; `n` bundles were fetched.
                let block = if plain && st.rse.eager_idle() {
                    bundle
                        .block(page, idx)
                        .filter(|b| st.retired.saturating_add(b.slots()) <= limit)
                } else {
                    None
                };
                let (end, n) = match block {
                    Some(b) => {
                        let cx = ChainCtx {
                            mode: flags.mode,
                            generation,
                            limit,
                        };
                        self.stats.blocks += 1;
                        let (last, e) = block::chain(st, mem, page, b, ip, cx, &mut self.stats);
                        ip = last;
                        block_end(st, ip, e)
                    }
                    None => {
                        let whole =
                            plain && st.retired.saturating_add(u64::from(bundle.len)) <= limit;
                        let end = if whole {
                            run_bundle(st, mem, bundle, &mut flags, &mut self.code_writes)
                        } else if DBG {
                            run_slots::<M, T, true>(
                                st,
                                mem,
                                bundle,
                                limit,
                                &mut flags,
                                &mut self.code_writes,
                                tracer,
                                dbg,
                            )
                        } else {
                            // A fresh empty context: `dbg` stays dead in the fast loop.
                            let mut none = DebugRun::NONE;
                            run_slots::<M, T, false>(
                                st,
                                mem,
                                bundle,
                                limit,
                                &mut flags,
                                &mut self.code_writes,
                                tracer,
                                &mut none,
                            )
                        };
                        (end, 1)
                    }
                };
                self.stats.bundles += n;
                // The last bundle run, whose last slot completed (unless the block bailed).
                let last = ip.wrapping_add(16 * n.saturating_sub(1));
                let redirected = match end {
                    End::Next => {
                        st.completed.bundle = last;
                        st.ip = ip.wrapping_add(16 * n);
                        st.slot = 0;
                        false
                    }
                    // A block left IP and slot at a slot for the bundle path, after `n`
                    // whole bundles and the slots before it in its own.
                    End::Bail => {
                        if st.slot > 0 {
                            st.completed.bundle = st.ip;
                        } else if n > 0 {
                            st.completed.bundle = last;
                        }
                        false
                    }
                    End::Branch(target) => {
                        st.completed.bundle = last;
                        st.ip = target & !15;
                        st.slot = 0;
                        self.stats.taken_branches += 1;
                        true
                    }
                    End::Resume => {
                        // rfi set IP, slot and maybe the privilege level: refetch from scratch.
                        // It counts as a taken branch in the statistics but raises no Taken
                        // Branch trap (SDM Vol. 2 Part I §5.6: the trap is for taken branches;
                        // `rfi` is an interruption return).
                        st.completed.bundle = last;
                        self.stats.taken_branches += 1;
                        self.fast = None;
                        false
                    }
                    End::BranchTrap(trap) => {
                        self.stats.taken_branches += 1;
                        return Exit::Fault(trap);
                    }
                    End::Exit(e) => return e,
                };
                // A watch hit of a branch or `rfi` slot, reported now that IP is set.
                if DBG {
                    if let Some(ev) = dbg.pending.take() {
                        break Some(Exit::Debug(ev));
                    }
                }
                // Eager RSE mode: one background spill per bundle (deterministic; rse.rs
                // `background_step` documents the policy; `eager_step` is
                // `background_step(mem, 1)` with an inline fast path).
                st.rse.eager_step(mem);
                // The traps of SDM Vol. 2 Part I §5.6 (PSR.ss, PSR.tb), from the flags: they
                // are those of the current PSR (refreshed after every generic slot). After
                // `rfi` the flags are those of the PSR it loaded, which govern the instructions
                // at IIP: the first of them runs before a single-step trap (a debugger steps
                // the interrupted code by `rfi` with IPSR.ss = 1), and the rfi itself raises
                // none.
                let resumed = matches!(end, End::Resume);
                if (flags.ss && !resumed) || (redirected && flags.tb) {
                    // A taken branch under PSR.tb takes the Taken Branch vector, with the ss
                    // bit when single step traps too (SDM Vol. 2 Part I Table 5-6 priorities,
                    // Taken Branch vector ISR.code).
                    let f = if redirected && flags.tb {
                        Fault::TakenBranch { ss: flags.ss }
                    } else {
                        Fault::SingleStep
                    };
                    break Some(Exit::Fault(f));
                }
                let same_page = st.ip & !PAGE_MASK == vpage;
                if !same_page
                    || bundle.generic
                    || matches!(end, End::Resume)
                    || !self.code_writes.is_empty()
                    || st.retired >= limit
                    || mem.fetch_generation() != generation
                {
                    break None;
                }
                idx = ((st.ip & PAGE_MASK) >> 4) as usize;
            };
            if !self.code_writes.is_empty() {
                self.apply_flushes();
            }
            if let Some(e) = exit {
                return e;
            }
        }
        Exit::Budget
    }

    fn apply_flushes(&mut self) {
        let writes = std::mem::take(&mut self.code_writes);
        for p in &writes {
            if *p == u64::MAX {
                self.cache.invalidate_all();
            } else {
                self.cache.invalidate_phys(*p);
            }
        }
        self.fast = None;
    }
}

/// The flags the run loop derives from PSR: the branch-target mode of the micro-ops
/// ([`fast::branch_mode`]), single step and taken-branch trap. Only generic slots can write PSR
/// (`ssm`, `rsm`, `mov psr.l`, `rfi`), so they are refreshed only after those.
#[derive(Clone, Copy, Debug)]
struct PsrFlags {
    mode: u8,
    ss: bool,
    tb: bool,
}

impl PsrFlags {
    #[inline(always)]
    fn of(psr_value: u64) -> Self {
        Self {
            mode: fast::branch_mode(psr_value),
            ss: psr_value & (1 << psr::SS) != 0,
            tb: psr_value & (1 << psr::TB) != 0,
        }
    }
}

/// How a bundle ended.
#[derive(Clone, Copy, Debug)]
enum End {
    /// Fell through to the next bundle.
    Next,
    /// A taken branch to this bundle address.
    Branch(u64),
    /// `rfi` (or another instruction) set IP and slot itself.
    Resume,
    /// A taken branch that retired and then trapped (IP and slot already set).
    BranchTrap(Fault),
    /// Leave the run loop (faults, traps, budget).
    Exit(Exit),
    /// A block stopped before a slot the bundle path must run (IP and slot name it).
    Bail,
}

/// The [`End`] of a block whose first bundle is at `ip`, and the bundles it fetched.
#[inline(always)]
fn block_end(st: &mut State, ip: u64, end: BlockEnd) -> (End, u64) {
    match end {
        BlockEnd::Next(n) => (End::Next, n as u64),
        BlockEnd::Branch(target, n) => (End::Branch(target), n as u64),
        BlockEnd::Fault(f, n, index) => {
            let at = ip.wrapping_add(16 * (n as u64).saturating_sub(1));
            // Every bundle of a block starts at slot 0, so a slot before `index` completed
            // when `index` > 0; else the bundle before it did, if it is in this block.
            if index == 0 && n > 1 {
                st.completed.bundle = at.wrapping_sub(16);
            }
            let here = Here {
                ip: at,
                index,
                done: index > 0,
                last: false,
            };
            (End::Exit(fault_exit(st, here, f)), n as u64)
        }
        BlockEnd::Bail(n) => (End::Bail, n as u64),
    }
}

/// Run a whole bundle from slot 0 (the run loop checked that it fits the budget, that
/// single step is off and that no tracer watches). `nop`s retire without being visited
/// ([`crate::cache::Decoded::run`] lists the others), and
/// `State::retired` is brought up to date only where it can be observed: before a generic
/// slot (`mov r = ar.itc` reads it), at a fault or trap, and at the end of the bundle.
#[inline(always)]
fn run_bundle<M: Memory + ?Sized>(
    st: &mut State,
    mem: &mut M,
    bundle: &crate::cache::Decoded,
    flags: &mut PsrFlags,
    code_writes: &mut Vec<u64>,
) -> End {
    let ip = st.ip & !15;
    let base = st.retired;
    for &pos in bundle.run() {
        let Some(op) = bundle.ops.get(usize::from(pos)) else {
            break;
        };
        let qp = op.slot.qp;
        let enabled = qp == 0 || st.read_pr(qp);
        let mut fault = None;
        match fast::step(st, mem, op, enabled, flags.mode, &mut fault) {
            fast::Step::Next | fast::Step::Stored => {}
            fast::Step::Branch(target) => {
                st.retired = base + pos as u64 + 1;
                return End::Branch(target);
            }
            fast::Step::Illegal => {
                st.retired = base + pos as u64;
                return End::Exit(illegal_exit(st, Here::of(ip, 0, bundle, op)));
            }
            fast::Step::Fault => {
                st.retired = base + pos as u64;
                let f = fault.unwrap_or(Fault::IllegalOperation);
                return End::Exit(fault_exit(st, Here::of(ip, 0, bundle, op), f));
            }
            fast::Step::Generic => {
                st.retired = base + pos as u64;
                let r = fast::generic(st, mem, op, ip, enabled);
                *flags = PsrFlags::of(st.psr);
                let here = Here::of(ip, 0, bundle, op);
                match after_generic(st, mem, here, r, flags.ss, code_writes) {
                    End::Next => {}
                    end => return end,
                }
            }
        }
    }
    st.retired = base + u64::from(bundle.len);
    End::Next
}

/// Run the slots of a bundle one at a time from `State::slot`: with a tracer, under single
/// step, when resuming inside a bundle, when the budget ends inside it, or (`DBG`) with
/// debugger hooks: a breakpoint stops before the slot (whatever its predicate, before the
/// tracer sees it), a watch hit after the slot retires.
#[allow(clippy::too_many_arguments)]
#[inline(never)]
fn run_slots<M: Memory + ?Sized, T: Tracer, const DBG: bool>(
    st: &mut State,
    mem: &mut M,
    bundle: &crate::cache::Decoded,
    limit: u64,
    flags: &mut PsrFlags,
    code_writes: &mut Vec<u64>,
    tracer: &mut T,
    dbg: &mut DebugRun<'_>,
) -> End {
    let ip = st.ip & !15;
    let start = st.slot.min(2);
    if !bundle.ops().iter().any(|o| o.index == start) {
        // Slot 2 of an MLX bundle is the second half of its L+X instruction: resuming there
        // (an `rfi` with IPSR.ri = 2) is an Illegal Operation fault (rse-spec.md §5.2; Linux's
        // `ia64_increment_ip` steps over it for that reason).
        let here = Here {
            ip,
            index: start,
            done: false,
            last: true,
        };
        return End::Exit(illegal_exit(st, here));
    }
    for op in bundle.ops().iter().filter(|o| o.index >= start) {
        let here = Here::of(ip, start, bundle, op);
        if st.retired >= limit {
            stop_before(st, here);
            return End::Exit(Exit::Budget);
        }
        if DBG {
            let addr = ip | u64::from(op.index);
            if dbg.breakpoint(addr) {
                stop_before(st, here);
                return End::Exit(Exit::Debug(DebugEvent::Breakpoint { addr }));
            }
            if let Some(log) = dbg.log {
                log.set(WatchLog::default());
            }
        }
        let before = st.retired;
        let s = &op.slot;
        let enabled = s.qp == 0 || st.read_pr(s.qp);
        if T::ACTIVE && !matches!(op.fast, Fast::Illegal) {
            st.ip = ip;
            st.slot = op.index;
            let shown = enabled || (!matches!(op.fast, Fast::Nop) && consumes_qp(&s.insn));
            tracer.slot(st, s, shown);
        }
        let mut fault = None;
        let end = match fast::step(st, mem, op, enabled, flags.mode, &mut fault) {
            fast::Step::Next | fast::Step::Stored => {
                st.retired += 1;
                single_step(st, here, flags.ss)
            }
            fast::Step::Branch(target) => {
                st.retired += 1;
                End::Branch(target)
            }
            fast::Step::Illegal => End::Exit(illegal_exit(st, here)),
            fast::Step::Fault => {
                let f = fault.unwrap_or(Fault::IllegalOperation);
                End::Exit(fault_exit(st, here, f))
            }
            fast::Step::Generic => {
                let r = fast::generic(st, mem, op, ip, enabled);
                *flags = PsrFlags::of(st.psr);
                after_generic(st, mem, here, r, flags.ss, code_writes)
            }
        };
        // A taken branch under PSR.ss or PSR.tb traps after the bundle (the run loop raises
        // it): ISR.ei will name the branch.
        if matches!(end, End::Branch(_)) && (flags.ss || flags.tb) {
            st.completed.trap_slot = op.index;
        }
        // A watch hit counts only for a slot that retired (a faulting slot reports its fault).
        let end = match dbg.log {
            Some(log) if DBG => match log.take().event() {
                Some(ev) if st.retired != before => {
                    watch_end(st, bundle, ip, op.index, end, ev, dbg)
                }
                _ => end,
            },
            _ => end,
        };
        if !matches!(end, End::Next) {
            return end;
        }
    }
    End::Next
}

/// The end of a slot that retired with the watch hit `ev`: stop with IP/slot naming the next
/// instruction. The hit replaces a single-step trap of the same slot (see [`crate::debug`]);
/// after a branch or `rfi` the run loop reports it once IP is set; a branch that traps
/// ([`End::BranchTrap`], no data access in practice) keeps its trap.
#[cold]
#[inline(never)]
fn watch_end(
    st: &mut State,
    bundle: &crate::cache::Decoded,
    ip: u64,
    index: u8,
    end: End,
    ev: DebugEvent,
    dbg: &mut DebugRun<'_>,
) -> End {
    match end {
        End::Next => {
            st.completed.bundle = ip;
            match bundle.ops().iter().find(|o| o.index > index) {
                Some(next) => {
                    st.ip = ip;
                    st.slot = next.index;
                }
                None => {
                    st.ip = ip.wrapping_add(16);
                    st.slot = 0;
                }
            }
            End::Exit(Exit::Debug(ev))
        }
        End::Exit(Exit::Fault(Fault::SingleStep)) => End::Exit(Exit::Debug(ev)),
        End::Branch(_) | End::Resume => {
            dbg.pending = Some(ev);
            end
        }
        other => other,
    }
}

/// A slot of the bundle path: slot `index` of the bundle at `ip`.
#[derive(Clone, Copy, Debug)]
struct Here {
    ip: u64,
    index: u8,
    /// A slot of this bundle completed before this one in this pass (so IIPA names this
    /// bundle if this slot faults).
    done: bool,
    /// This is the bundle's last instruction (slot 2, or the L+X slot 1 of an MLX bundle).
    last: bool,
}

impl Here {
    /// `op` of `bundle` at `ip`, the bundle having been entered at slot `start`.
    #[inline(always)]
    fn of(ip: u64, start: u8, bundle: &crate::cache::Decoded, op: &crate::cache::Op) -> Self {
        Self {
            ip,
            index: op.index,
            done: op.index > start,
            last: op.index >= bundle.last_index(),
        }
    }
}

/// The run stops before slot `here` (budget, breakpoint): IP and slot name it, and the slots
/// of its bundle that completed make IIPA this bundle.
fn stop_before(st: &mut State, here: Here) {
    st.ip = here.ip;
    st.slot = here.index;
    if here.done {
        st.completed.bundle = here.ip;
    }
}

/// After a slot that went on to the next one, under PSR.ss: the Single Step trap (SDM Vol. 2
/// Part I §5.6, the Single Step vector page), IIP and IPSR.ri naming the next instruction and
/// ISR.ei this one. After the bundle's last instruction the run loop raises it, once IP is
/// the next bundle or a branch target.
#[inline(always)]
fn single_step(st: &mut State, here: Here, ss: bool) -> End {
    if !ss {
        return End::Next;
    }
    st.completed.trap_slot = here.index;
    if here.last {
        return End::Next;
    }
    st.completed.bundle = here.ip;
    st.ip = here.ip;
    st.slot = here.index + 1;
    End::Exit(Exit::Fault(Fault::SingleStep))
}

/// Retire a generic slot (`here`) by its result; `State::retired` counts the slots before it.
#[inline(always)]
fn after_generic<M: Memory + ?Sized>(
    st: &mut State,
    mem: &mut M,
    here: Here,
    r: Result<Flow, Fault>,
    ss: bool,
    code_writes: &mut Vec<u64>,
) -> End {
    match r {
        Ok(Flow::Next) => {}
        Ok(Flow::Branch(target)) => {
            st.retired += 1;
            return End::Branch(target);
        }
        Ok(Flow::Resume) => {
            st.retired += 1;
            return End::Resume;
        }
        Ok(Flow::BranchTrap { target, trap }) => {
            st.retired += 1;
            st.completed = Completed {
                bundle: here.ip,
                trap_slot: here.index,
            };
            st.ip = target & !15;
            st.slot = 0;
            return End::BranchTrap(trap);
        }
        Ok(Flow::FlushCode(addr)) => {
            if let Ok(p) = mem.translate_fetch(addr & !15, st.cpl()) {
                code_writes.push(p);
            }
        }
        Ok(Flow::FlushAllCode) => code_writes.push(u64::MAX),
        Err(Fault::FpTrap { code }) => return fp_trap_exit(st, here, code, ss),
        Err(f) => return End::Exit(fault_exit(st, here, f)),
    }
    st.retired += 1;
    single_step(st, here, ss)
}

/// An FP trap of slot `here` (SDM Vol. 2 Part I §5.6, Vol. 1 §5.4.1.3): the instruction has
/// completed (its result and flags are written), so it retires and the trap names the next
/// instruction, as for every trap (IIP, IPSR.ri), with ISR.ei naming this one. A concurrent
/// single-step trap adds its bit to the trap code (the FP Exception trap vector's ISR.code).
/// F-unit slots are never the L+X slot of an MLX bundle, so the next instruction is the next
/// slot or bundle.
#[cold]
#[inline(never)]
fn fp_trap_exit(st: &mut State, here: Here, code: u16, ss: bool) -> End {
    st.retired += 1;
    st.completed = Completed {
        bundle: here.ip,
        trap_slot: here.index,
    };
    if here.index < 2 {
        st.ip = here.ip;
        st.slot = here.index + 1;
    } else {
        st.ip = here.ip.wrapping_add(16);
        st.slot = 0;
    }
    let ss_bit = if ss {
        crate::fault::trap_code::SS as u16
    } else {
        0
    };
    End::Exit(Exit::Fault(Fault::FpTrap {
        code: code | ss_bit,
    }))
}

/// A reserved encoding reached (whatever its predicate): Illegal Operation.
#[cold]
#[inline(never)]
fn illegal_exit(st: &mut State, here: Here) -> Exit {
    fault_exit(st, here, Fault::IllegalOperation)
}

/// Leave the run loop for a fault of slot `here` (a host-side [`Fault::Unimplemented`]
/// becomes [`Exit::Unsupported`]). IIPA will name this bundle if a slot of it completed
/// before, else the bundle that ran before it (SDM Vol. 2 Part I §3.3.5.6).
#[cold]
#[inline(never)]
fn fault_exit(st: &mut State, here: Here, f: Fault) -> Exit {
    stop_before(st, here);
    match f {
        Fault::Unimplemented(what) => Exit::Unsupported(what),
        f => Exit::Fault(f),
    }
}

/// Instructions that read their own qualifying predicate and so do something even when it is
/// false (`br.wtop`/`br.wexit`, SDM Vol. 3 `br`; the `.unc` compares, SDM Vol. 3 `cmp`).
fn consumes_qp(insn: &Insn) -> bool {
    match insn {
        Insn::B(b) => branch::consumes_qp(b),
        Insn::A(a) => alu::consumes_qp(a),
        Insn::I(i) => int::consumes_qp(i),
        Insn::F(f) => fp::consumes_qp(f),
        _ => false,
    }
}

/// Execute one instruction whose qualifying predicate is true.
#[inline(always)]
pub fn execute<M: Memory + ?Sized>(
    st: &mut State,
    mem: &mut M,
    insn: &Insn,
    ctx: SlotCtx,
) -> Result<Flow, Fault> {
    match insn {
        Insn::A(a) => alu::exec(st, a, ctx).map(|()| Flow::Next),
        Insn::I(i) => int::exec(st, i, ctx),
        Insn::Mem(m) => memory::exec(st, mem, m, ctx).map(|()| Flow::Next),
        Insn::MSys(m) => system::exec(st, mem, m, ctx),
        Insn::B(b) => branch::exec(st, mem, b, ctx),
        Insn::X(x) => long::exec(st, mem, x, ctx),
        Insn::F(f) => fp::exec(st, mem, f, ctx),
    }
}

/// The effect of an instruction whose qualifying predicate is false: nothing, except for the
/// instructions that consume their predicate (see `consumes_qp`).
#[inline]
pub fn predicated_off<M: Memory + ?Sized>(
    st: &mut State,
    mem: &mut M,
    insn: &Insn,
    ctx: SlotCtx,
) -> Result<Flow, Fault> {
    match insn {
        Insn::A(a) if alu::consumes_qp(a) => alu::exec_qp_false(st, a).map(|()| Flow::Next),
        Insn::I(i) if int::consumes_qp(i) => int::exec_qp_false(st, i).map(|()| Flow::Next),
        Insn::F(f) if fp::consumes_qp(f) => fp::exec_qp_false(st, f).map(|()| Flow::Next),
        Insn::B(b) if branch::consumes_qp(b) => branch::exec(st, mem, b, ctx),
        _ => Ok(Flow::Next),
    }
}
