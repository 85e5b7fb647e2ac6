//! Property test: the RSE against a reference model with an *unbounded* register stack.
//!
//! The reference ([`RefRse`]) is the architecture with an infinite physical file: it spills only
//! on `flushrs`, fills only when a return or `loadrs` reaches below BSPSTORE, and computes every
//! backing-store address with a brute-force slot walker instead of the `asm/rse.h` formulas.
//! Random programs of alloc / br.call / br.ret / cover / flushrs / loadrs / rfi / stack switches /
//! RSC mode changes / eager background steps / register writes (NaT included) / debugger pokes
//! run on both over random physical-file sizes. After every step the test compares what software
//! can observe and what the architecture defines:
//!
//! * CFM, PFS, IFS, RSC and BSP, and every stacked register r32..r127 (value, NaT, in/out of frame);
//! * BSPSTORE(real) ≥ BSPSTORE(ref) always, equal after flushrs / loadrs / stack switches, and then
//!   the defined bits of RNAT (those below RNATBitIndex) equal;
//! * the backing-store image as a `cover; flushrs` would leave it (memory overlaid with the
//!   side-effect-free virtual flush), word by word over the current stack region, collection
//!   words included, plus the defined bits of the final RNAT;
//! * the partition invariants of the real model.
//!
//! Programs only use sequences whose outcome the architecture makes implementation-independent
//! (e.g. `mov ar.bspstore` after `flushrs`, `loadrs` that does not discard unspilled registers,
//! `br.ret` whose frame fits), since the two models legitimately differ otherwise.

use ia64_cpu::mem::{Access, SparseMemory};
use ia64_cpu::rse::{AllocArgs, Cfm, Ifs, Pfs, Rsc, Rse, RseFault, StackedReg};
use proptest::prelude::*;
use std::collections::BTreeMap;

// ---------------------------------------------------------------------------------------------
// Reference model
// ---------------------------------------------------------------------------------------------

fn is_coll(a: u64) -> bool {
    (a >> 3) & 63 == 63
}

/// Brute-force walk of `k` registers from `a`, one slot at a time, skipping collection slots.
fn walk(mut a: u64, k: i64) -> u64 {
    if k >= 0 {
        if is_coll(a) {
            a += 8;
        }
        for _ in 0..k {
            a += 8;
            if is_coll(a) {
                a += 8;
            }
        }
    } else {
        for _ in 0..(-k) {
            a -= 8;
            if is_coll(a) {
                a -= 8;
            }
        }
    }
    a
}

/// Registers (non-collection slots) in `[lo, hi)`, counted one by one.
fn count_regs(lo: u64, hi: u64) -> u64 {
    (lo..hi).step_by(8).filter(|a| !is_coll(*a)).count() as u64
}

#[derive(Clone, Debug)]
struct RefRse {
    n_phys: usize,
    mem: BTreeMap<u64, u64>,
    /// Resident registers from BSPSTORE upward: `ndirty` dirty ones, then the current frame.
    stack: Vec<StackedReg>,
    ndirty: usize,
    cfm: Cfm,
    bsp: u64,
    bspstore: u64,
    rnat: u64,
    rsc: Rsc,
    pfs: Pfs,
    ifs: Ifs,
}

const RNAT_MASK: u64 = !(1 << 63);

impl RefRse {
    fn new(n_phys: usize) -> Self {
        Self {
            n_phys,
            mem: BTreeMap::new(),
            stack: vec![StackedReg::default(); 96],
            ndirty: 0,
            cfm: Cfm::frame(96, 0),
            bsp: 0,
            bspstore: 0,
            rnat: 0,
            rsc: Rsc::default(),
            pfs: Pfs::default(),
            ifs: Ifs::default(),
        }
    }

    fn rd(&self, a: u64) -> u64 {
        self.mem.get(&a).copied().unwrap_or(0)
    }

    fn index(&self, r: u8) -> Option<usize> {
        if !(32..128).contains(&r) {
            return None;
        }
        let k = u32::from(r - 32);
        if k >= u32::from(self.cfm.sof) {
            return None;
        }
        let rot = u32::from(self.cfm.sor) * 8;
        let k = if k < rot {
            (k + u32::from(self.cfm.rrb_gr)) % rot
        } else {
            k
        };
        Some(self.ndirty + k as usize)
    }

    fn read(&self, r: u8) -> Option<StackedReg> {
        self.index(r).map(|i| self.stack[i])
    }

    fn write(&mut self, r: u8, value: u64, nat: bool) -> Result<(), ()> {
        let i = self.index(r).ok_or(())?;
        self.stack[i] = StackedReg { value, nat };
        Ok(())
    }

    fn set_frame(&mut self, sof: usize) {
        self.stack.truncate(self.ndirty + sof);
        self.stack.resize(self.ndirty + sof, StackedReg::default());
    }

    fn alloc(&mut self, a: AllocArgs, target: u8) -> Result<u64, RseFault> {
        use ia64_cpu::rse::IllegalOp::*;
        let ill = |w| Err(RseFault::IllegalOperation(w));
        if a.sof > 96 {
            return ill(AllocFrameTooLarge);
        }
        if a.sol > a.sof {
            return ill(AllocSolGreaterThanSof);
        }
        if a.sor & 7 != 0 {
            return ill(AllocSorNotMultipleOf8);
        }
        if a.sor > a.sof {
            return ill(AllocSorGreaterThanSof);
        }
        if target == 0 || u32::from(target) >= 32 + a.sof {
            return ill(AllocTargetOutOfFrame);
        }
        let sor = (a.sor / 8) as u8;
        if sor != self.cfm.sor
            && (self.cfm.rrb_gr != 0 || self.cfm.rrb_fr != 0 || self.cfm.rrb_pr != 0)
        {
            return Err(RseFault::ReservedRegisterField);
        }
        self.set_frame(a.sof as usize);
        self.cfm.sof = a.sof as u8;
        self.cfm.sol = a.sol as u8;
        self.cfm.sor = sor;
        Ok(self.pfs.encode())
    }

    fn call(&mut self, ec: u8, cpl: u8) {
        self.pfs = Pfs {
            pfm: self.cfm,
            pec: ec,
            ppl: cpl,
        };
        let sol = usize::from(self.cfm.sol);
        self.ndirty += sol;
        self.bsp = walk(self.bsp, sol as i64);
        self.cfm = Cfm::frame(self.cfm.sof - self.cfm.sol, 0);
    }

    /// Load the registers of `[lo, BSPSTORE)` in front of the stack; NaT from the collection word
    /// if it lies below the old BSPSTORE, else from RNAT; RNAT then takes the word of `lo`'s group
    /// if that was crossed.
    fn fill_down_to(&mut self, lo: u64) {
        let old = self.bspstore;
        let nat_word = |s: &Self, a: u64| {
            let c = a | 0x1f8;
            if c < old {
                s.rd(c) & RNAT_MASK
            } else {
                s.rnat
            }
        };
        let mut filled = Vec::new();
        let mut a = lo;
        while a < old {
            if !is_coll(a) {
                let nat = (nat_word(self, a) >> ((a >> 3) & 63)) & 1 != 0;
                filled.push(StackedReg {
                    value: self.rd(a),
                    nat,
                });
            }
            a += 8;
        }
        self.rnat = nat_word(self, lo);
        self.ndirty += filled.len();
        filled.append(&mut self.stack);
        self.stack = filled;
        self.bspstore = lo;
    }

    /// `br.ret` whose frame fits (the harness never asks for one that does not).
    fn ret(&mut self) {
        let pfm = self.pfs.pfm;
        let sol = usize::from(pfm.sol);
        let old_sof = usize::from(self.cfm.sof);
        let new_bsp = walk(self.bsp, -(sol as i64));
        if self.ndirty < sol {
            self.fill_down_to(new_bsp);
        }
        self.ndirty -= sol;
        self.bsp = new_bsp;
        let keep = sol + old_sof.min(usize::from(pfm.sof).saturating_sub(sol));
        self.stack.truncate(self.ndirty + keep);
        self.cfm = pfm;
        self.set_frame(usize::from(pfm.sof));
    }

    fn cover(&mut self, ic: bool) {
        if !ic {
            self.ifs = Ifs {
                ifm: self.cfm,
                v: true,
            };
        }
        self.ndirty += usize::from(self.cfm.sof);
        self.bsp = walk(self.bsp, i64::from(self.cfm.sof));
        self.cfm = Cfm::default();
    }

    fn rfi(&mut self) {
        if !self.ifs.v {
            return;
        }
        let ifm = self.ifs.ifm;
        let sof = usize::from(ifm.sof);
        self.set_frame(0);
        self.cfm = Cfm::default();
        let new_bsp = walk(self.bsp, -(sof as i64));
        if self.ndirty < sof {
            self.fill_down_to(new_bsp);
        }
        self.ndirty -= sof;
        self.bsp = new_bsp;
        self.cfm = ifm;
    }

    /// The words and final RNAT a `flushrs` of the first `count` resident registers would
    /// produce, starting at BSPSTORE.
    fn flush_image(&self, count: usize) -> (Vec<(u64, u64)>, u64, u64) {
        let mut out = Vec::new();
        let mut a = self.bspstore;
        let mut rn = self.rnat;
        for r in self.stack.iter().take(count) {
            if is_coll(a) {
                out.push((a, rn & RNAT_MASK));
                rn = 0;
                a += 8;
            }
            out.push((a, r.value));
            let bit = 1u64 << ((a >> 3) & 63);
            rn = if r.nat { rn | bit } else { rn & !bit };
            a += 8;
        }
        if is_coll(a) {
            out.push((a, rn & RNAT_MASK));
            rn = 0;
            a += 8;
        }
        (out, a, rn)
    }

    fn flushrs(&mut self) {
        let (words, end, rn) = self.flush_image(self.ndirty);
        for (a, w) in words {
            self.mem.insert(a, w);
        }
        self.stack.drain(..self.ndirty);
        self.ndirty = 0;
        self.bspstore = end;
        self.rnat = rn;
    }

    fn loadrs(&mut self) -> Result<(), RseFault> {
        use ia64_cpu::rse::IllegalOp::*;
        if self.rsc.mode != 0 {
            return Err(RseFault::IllegalOperation(ModeNotEnforcedLazy));
        }
        if self.cfm.sof != 0 && self.rsc.loadrs != 0 {
            return Err(RseFault::IllegalOperation(LoadrsWithFrame));
        }
        let tear = self.bsp - (u64::from(self.rsc.loadrs) & !7);
        let nregs = count_regs(tear, self.bsp) as usize;
        if nregs > self.n_phys - usize::from(self.cfm.sof) {
            return Err(RseFault::IllegalOperation(LoadrsTooLarge));
        }
        if tear >= self.bspstore {
            self.stack.drain(..self.ndirty - nregs);
            self.ndirty = nregs;
            self.bspstore = tear;
        } else {
            self.fill_down_to(tear);
        }
        Ok(())
    }

    fn mov_bspstore(&mut self, v: u64) -> Result<(), RseFault> {
        if self.rsc.mode != 0 {
            return Err(RseFault::IllegalOperation(
                ia64_cpu::rse::IllegalOp::ModeNotEnforcedLazy,
            ));
        }
        self.bspstore = v & !7;
        self.bsp = walk(self.bspstore, self.ndirty as i64);
        Ok(())
    }

    fn rotate(&mut self) {
        let rot = u32::from(self.cfm.sor) * 8;
        if rot != 0 {
            self.cfm.rrb_gr = ((u32::from(self.cfm.rrb_gr) + rot - 1) % rot) as u8;
        }
        self.cfm.rrb_fr = ((u32::from(self.cfm.rrb_fr) + 95) % 96) as u8;
        self.cfm.rrb_pr = ((u32::from(self.cfm.rrb_pr) + 47) % 48) as u8;
    }
}

// ---------------------------------------------------------------------------------------------
// Programs
// ---------------------------------------------------------------------------------------------

#[derive(Clone, Debug)]
enum Op {
    Alloc {
        i: u8,
        l: u8,
        o: u8,
        rot: u8,
        target: u8,
        bad: u8,
    },
    Call,
    Ret {
        pop: bool,
        sof: u8,
        sol: u8,
    },
    Write {
        r: u8,
        value: u64,
        nat: bool,
    },
    Cover {
        ic: bool,
    },
    Flushrs,
    Loadrs {
        back: u16,
        alloc0: bool,
    },
    Switch {
        slot: u8,
        rnat: u64,
        try_eager: bool,
    },
    SetMode {
        mode: u8,
    },
    Background {
        budget: u8,
    },
    Rotate,
    Clrrrb,
    Poke {
        back: u16,
        value: u64,
    },
    Rfi {
        cover_flush: bool,
    },
}

fn op_strategy() -> impl Strategy<Value = Op> {
    prop_oneof![
        8 => (0u8..12, 0u8..40, 0u8..12, 0u8..3, any::<u8>(), any::<u8>())
            .prop_map(|(i, l, o, rot, target, bad)| Op::Alloc { i, l, o, rot, target, bad }),
        6 => Just(Op::Call),
        6 => (any::<bool>(), 0u8..40, 0u8..40).prop_map(|(pop, sof, sol)| Op::Ret { pop, sof, sol }),
        8 => (any::<u8>(), any::<u64>(), prop::bool::weighted(0.2))
            .prop_map(|(r, value, nat)| Op::Write { r, value, nat }),
        2 => any::<bool>().prop_map(|ic| Op::Cover { ic }),
        2 => Just(Op::Flushrs),
        2 => (any::<u16>(), any::<bool>()).prop_map(|(back, alloc0)| Op::Loadrs { back, alloc0 }),
        1 => (0u8..64, any::<u64>(), any::<bool>())
            .prop_map(|(slot, rnat, try_eager)| Op::Switch { slot, rnat, try_eager }),
        2 => (0u8..4).prop_map(|mode| Op::SetMode { mode }),
        2 => any::<u8>().prop_map(|budget| Op::Background { budget }),
        1 => Just(Op::Rotate),
        1 => Just(Op::Clrrrb),
        1 => (any::<u16>(), any::<u64>()).prop_map(|(back, value)| Op::Poke { back, value }),
        1 => any::<bool>().prop_map(|cover_flush| Op::Rfi { cover_flush }),
    ]
}

struct Harness {
    real: Rse,
    mem: SparseMemory,
    rf: RefRse,
    pfs_stack: Vec<u64>,
    region: u64,
    region_lo: u64,
}

const REGION_STRIDE: u64 = 0x100_0000;
const REGION_BASE: u64 = 0x6000_0000_0000_0000;

impl Harness {
    fn new(n: usize, slot: u8) -> Self {
        let mut h = Self {
            real: Rse::new(n).unwrap(),
            mem: SparseMemory::new(),
            rf: RefRse::new(n),
            pfs_stack: Vec::new(),
            region: 0,
            region_lo: 0,
        };
        h.enter_region(slot);
        h
    }

    fn enter_region(&mut self, slot: u8) {
        self.region += 1;
        let base = REGION_BASE + self.region * REGION_STRIDE + u64::from(slot) * 8;
        self.region_lo = base - REGION_STRIDE / 2;
        self.real.mov_to_bspstore(base, false).unwrap();
        self.rf.mov_bspstore(base).unwrap();
    }

    fn set_rsc(&mut self, v: u64) {
        let a = self.real.mov_to_rsc(v, false, 0);
        assert_eq!(a, Ok(()));
        self.rf.rsc = Rsc::decode(v);
    }

    fn both_flushrs(&mut self) {
        self.real.flushrs(&mut self.mem).unwrap();
        self.rf.flushrs();
    }

    /// Run one op; returns true when it is a point where both BSPSTOREs must be equal.
    fn step(&mut self, op: &Op) -> Result<bool, TestCaseError> {
        match *op {
            Op::Alloc {
                i,
                l,
                o,
                rot,
                target,
                bad,
            } => {
                let sof = u32::from(i) + u32::from(l) + u32::from(o);
                let mut args = AllocArgs {
                    sof,
                    sol: u32::from(i) + u32::from(l),
                    sor: u32::from(rot) * 8,
                };
                if args.sor > sof {
                    args.sor = 0;
                }
                match bad % 32 {
                    0 => args.sof += 50,
                    1 => args.sor = 4,
                    2 => args.sol = args.sof + 1,
                    _ => {}
                }
                let t = if target % 4 == 0 {
                    1 + target % 31
                } else {
                    32 + target % (sof as u8 + 2)
                };
                let a = self.real.alloc(&mut self.mem, args, t);
                let b = self.rf.alloc(args, t);
                prop_assert_eq!(a, b);
            }
            Op::Call => {
                self.real.br_call(3, 2);
                self.rf.call(3, 2);
                self.pfs_stack.push(self.real.pfs().encode());
            }
            Op::Ret { pop, sof, sol } => {
                let pfs = match self.pfs_stack.pop() {
                    Some(p) if pop => p,
                    _ => {
                        let sof = sof.min(96);
                        Pfs {
                            pfm: Cfm::frame(sof, sol.min(sof)),
                            pec: 1,
                            ppl: 3,
                        }
                        .encode()
                    }
                };
                prop_assert_eq!(self.real.mov_to_pfs(pfs, false), Ok(()));
                self.rf.pfs = Pfs::decode(pfs);
                let pfm = self.real.pfs().pfm;
                if pfm.outputs() as usize > self.real.n_phys() - self.real.ndirty() {
                    return Ok(false); // frame too big: implementation-dependent (N)
                }
                let info = self.real.br_ret(&mut self.mem).unwrap();
                prop_assert!(!info.frame_too_big);
                self.rf.ret();
            }
            Op::Write { r, value, nat } => {
                let r = 32 + r % (self.real.cfm().sof + 3).min(96);
                let a = self.real.write_gr(r, value, nat).is_ok();
                let b = self.rf.write(r, value, nat).is_ok();
                prop_assert_eq!(a, b);
            }
            Op::Cover { ic } => {
                self.real.cover(ic);
                self.rf.cover(ic);
            }
            Op::Flushrs => {
                self.both_flushrs();
                return Ok(true);
            }
            Op::Loadrs { back, alloc0 } => {
                self.set_rsc(0);
                if alloc0 {
                    let z = AllocArgs::default();
                    prop_assert_eq!(self.real.alloc(&mut self.mem, z, 1), self.rf.alloc(z, 1));
                }
                // Only tear points at or below the reference BSPSTORE: never discard registers
                // that the unbounded model has not spilled.
                let tear = walk(self.rf.bspstore, -i64::from(back % 160));
                let bytes = self.rf.bsp - tear;
                if bytes > 0x3ff8 {
                    return Ok(false);
                }
                self.set_rsc(bytes << 16);
                let a = self.real.loadrs(&mut self.mem);
                let b = self.rf.loadrs();
                prop_assert_eq!(a, b);
                return Ok(a.is_ok());
            }
            Op::Switch {
                slot,
                rnat,
                try_eager,
            } => {
                if try_eager && self.real.rsc().mode != 0 {
                    prop_assert_eq!(self.real.mov_to_bspstore(0, false), self.rf.mov_bspstore(0));
                    prop_assert!(self.real.mov_from_bspstore().is_err());
                }
                self.set_rsc(0);
                self.both_flushrs();
                self.enter_region(slot);
                self.real.mov_to_rnat(rnat, false).unwrap();
                self.rf.rnat = rnat & RNAT_MASK;
                return Ok(true);
            }
            Op::SetMode { mode } => self.set_rsc(u64::from(mode)),
            Op::Background { budget } => {
                let _ = self
                    .real
                    .background_step(&mut self.mem, u32::from(budget % 40));
            }
            Op::Rotate => {
                self.real.rotate_regs();
                self.rf.rotate();
            }
            Op::Clrrrb => {
                self.real.clrrrb();
                self.rf.cfm.rrb_gr = 0;
                self.rf.cfm.rrb_fr = 0;
                self.rf.cfm.rrb_pr = 0;
            }
            Op::Poke { back, value } => {
                let a = self
                    .rf
                    .bspstore
                    .wrapping_sub(8 * (1 + u64::from(back % 400)));
                if a >= self.region_lo && a < self.rf.bspstore {
                    self.mem.poke_u64(a, value);
                    self.rf.mem.insert(a, value);
                }
            }
            Op::Rfi { cover_flush } => {
                if cover_flush {
                    self.real.cover(false);
                    self.rf.cover(false);
                    self.set_rsc(0);
                    self.both_flushrs();
                }
                self.real.rfi_restore(&mut self.mem).unwrap();
                self.rf.rfi();
                return Ok(cover_flush);
            }
        }
        Ok(false)
    }

    fn check(&self, sync_point: bool) -> Result<(), TestCaseError> {
        let (real, rf) = (&self.real, &self.rf);
        if let Err(e) = real.check_invariants() {
            return Err(TestCaseError::fail(e));
        }
        prop_assert_eq!(real.cfm(), rf.cfm);
        prop_assert_eq!(real.pfs(), rf.pfs);
        prop_assert_eq!(real.ifs(), rf.ifs);
        prop_assert_eq!(real.rsc(), rf.rsc);
        prop_assert_eq!(real.bsp(), rf.bsp);
        prop_assert_eq!(real.mov_from_bsp(), rf.bsp);
        prop_assert!(real.bspstore() >= rf.bspstore);
        for r in 32..128u8 {
            prop_assert_eq!(real.read_gr(r), rf.read(r), "r{}", r);
        }
        let defined_bits = |bs: u64| (1u64 << ((bs >> 3) & 63)) - 1;
        if sync_point {
            prop_assert_eq!(real.bspstore(), rf.bspstore);
            let m = defined_bits(rf.bspstore);
            prop_assert_eq!(real.rnat() & m, rf.rnat & m);
            if real.rsc().mode == 0 {
                prop_assert_eq!(real.mov_from_bspstore(), Ok(rf.bspstore));
            }
        }
        // Backing-store image after a virtual cover + flushrs.
        let view = real.virtual_flushrs(true);
        let (ref_words, ref_end, ref_rnat) = rf.flush_image(rf.stack.len());
        prop_assert_eq!(view.end, ref_end);
        prop_assert_eq!(view.end, real.bsp_end());
        let m = defined_bits(view.end);
        prop_assert_eq!(view.rnat & m, ref_rnat & m);
        // Word of each image at `a`: resident part from the flush view, the rest from memory.
        let real_at = |a: u64| match view.word_at(a) {
            Some(w) => w,
            None => self.mem.peek_u64(a),
        };
        let ref_at = |a: u64| {
            if a >= rf.bspstore && a < ref_end {
                ref_words
                    .get(((a - rf.bspstore) / 8) as usize)
                    .map_or(0, |x| x.1)
            } else {
                rf.rd(a)
            }
        };
        let below_real = self
            .mem
            .words()
            .range(self.region_lo..view.start)
            .map(|(a, _)| *a);
        let below_ref = rf.mem.range(self.region_lo..rf.bspstore).map(|(a, _)| *a);
        let resident = (rf.bspstore..ref_end).step_by(8);
        for a in below_real.chain(below_ref).chain(resident) {
            prop_assert_eq!(real_at(a), ref_at(a), "backing store word at {:#x}", a);
        }
        Ok(())
    }
}

proptest! {
    // 10,000 programs in the default run; XorShift because ChaCha dominates the debug-mode
    // run time otherwise.
    #![proptest_config(ProptestConfig {
        rng_algorithm: proptest::test_runner::RngAlgorithm::XorShift,
        ..ProptestConfig::with_cases(10_000)
    })]

    #[test]
    fn rse_matches_unbounded_reference(
        n_sel in 0usize..5,
        slot in 0u8..64,
        ops in prop::collection::vec(op_strategy(), 1..40),
    ) {
        let n = [96, 96, 104, 128, 200][n_sel];
        let mut h = Harness::new(n, slot);
        h.check(true)?;
        for op in &ops {
            let sync = h.step(op)?;
            h.check(sync)?;
        }
        // Debugger write-back / edit / reload round trip at the end of every program.
        let view = h.real.virtual_flushrs(true);
        Rse::write_view(&mut h.mem, &view, Access::debug()).unwrap();
        let before = h.real.clone();
        h.real.reload_resident(&mut h.mem, view.end, view.rnat, true, Access::debug()).unwrap();
        prop_assert_eq!(&h.real, &before);
        // A debugger-style rebase (§9.3) from the written-back memory shows the same frame.
        let mut rebased = h.real.clone();
        rebased
            .reload_frame_from_memory(&mut h.mem, view.end, h.real.cfm(), view.rnat)
            .unwrap();
        prop_assert_eq!(rebased.bsp(), h.real.bsp());
        prop_assert_eq!(rebased.ndirty(), 0);
        for r in 32..128u8 {
            prop_assert_eq!(rebased.read_gr(r), h.real.read_gr(r));
        }
    }
}
