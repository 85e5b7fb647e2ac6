//! The Register Stack Engine (RSE): the stacked general registers r32–r127, their circular
//! physical file, the backing store in memory, and every RSE instruction primitive.
//!
//! Specification: `rse-spec.md` §1–§6 and §9.1, restating SDM Vol. 2 Part I ch. 6 "Register Stack
//! Engine" and the Vol. 3 pages of `alloc`, `br.call`, `br.ret`, `cover`, `flushrs`, `loadrs`,
//! `rfi` and mov-to/from-AR.
//!
//! # Model
//!
//! The physical file is a ring of `N` registers (`N` a multiple of 8, ≥ 96, default 96), each a
//! value and a NaT bit. Going up the ring from the oldest resident register:
//!
//! ```text
//!   ... invalid | dirty (ndirty)          | current frame (CFM.sof) | invalid ...
//!               ^ BSPSTORE (RSE.StoreReg)  ^ BSP = home of r32 (RSE.BOF)
//!   invariants: sof + ndirty + ninvalid == N;  rse_num_regs(BSPSTORE, BSP) == ndirty;
//!               BSP is never a NaT-collection slot
//! ```
//!
//! The model is **hyperlazy** (rse-spec.md §1.3, §9.1; Ski's `HYPERLAZY`): a spilled register
//! becomes invalid at once, so there is no clean partition, `RSE.BspLoad == BSPSTORE`, and memory
//! below BSPSTORE is the only copy of every non-resident register. The SDM leaves spill/fill
//! timing to the implementation (Vol. 2 Part I §6.1), so this is a legal implementation.
//!
//! Mandatory traffic is done exactly when the architecture requires it (alloc growing into
//! dirty registers, br.ret/rfi returning to a frame not in the file, flushrs, loadrs). Eager
//! traffic is done only by [`Rse::background_step`], which the executor calls at points it
//! defines, so the emulator stays deterministic.
//!
//! Operations that may fault follow *compute, then commit*: a fill sequence is read completely
//! before anything changes; spills are committed one register at a time, each leaving a
//! consistent state, so an instruction interrupted by a spill fault can simply be re-executed
//! (SDM Vol. 2 Part I §6.6: "the alloc is re-executed").
//!
//! ```
//! use ia64_cpu::mem::SparseMemory;
//! use ia64_cpu::rse::{Rse, AllocArgs};
//! let mut mem = SparseMemory::new();
//! let mut rse = Rse::new(96).unwrap();
//! rse.mov_to_bspstore(0x6000_0000_0001_0000, false).unwrap();
//! rse.alloc(&mut mem, AllocArgs { sof: 10, sol: 8, sor: 0 }, 33).unwrap();
//! rse.write_gr(40, 0x1234, false).unwrap();   // out0
//! rse.br_call(0, 3);                           // callee's r32 is the caller's out0
//! assert_eq!(rse.read_gr(32).unwrap().value, 0x1234);
//! rse.br_ret(&mut mem).unwrap();
//! assert_eq!(rse.read_gr(40).unwrap().value, 0x1234);
//! ```

pub mod addr;
mod fault;
mod fields;
mod view;

#[cfg(test)]
mod tests;

pub use fault::{Cause, IllegalOp, RseCounters, RseFault, Traffic};
pub use fields::{Cfm, Ifs, Pfs, Rsc, FRAME_MARKER_MASK, MAX_FRAME};
pub use view::FlushView;

use crate::mem::{Access, Memory};
use addr::{rse_is_rnat_slot, rse_num_regs, rse_skip_regs, rse_slot_num};

/// Smallest legal physical stacked file (SDM Vol. 2 Part I §6.1: at least 96).
pub const MIN_STACKED_PHYS: usize = 96;
/// Largest physical stacked file this model accepts.
pub const MAX_STACKED_PHYS: usize = 1 << 16;

/// Bit 63 of AR.RNAT and of NaT-collection words is unused (reads 0, writes ignored).
const RNAT_MASK: u64 = !(1u64 << 63);

/// One physical stacked register.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct StackedReg {
    /// 64-bit value.
    pub value: u64,
    /// NaT bit.
    pub nat: bool,
}

/// Operands of `alloc r1 = ar.pfs, i, l, o, r` in architectural terms.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct AllocArgs {
    /// Size of frame (i + l + o).
    pub sof: u32,
    /// Size of locals (i + l).
    pub sol: u32,
    /// Number of rotating registers (r; must be a multiple of 8).
    pub sor: u32,
}

/// What `br.ret` hands back to the executor (which owns EC and PSR).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct RetInfo {
    /// PFS.pec: the new AR.EC.
    pub pec: u8,
    /// PFS.ppl: the executor demotes PSR.cpl to it if it is numerically larger.
    pub ppl: u8,
    /// The frame could not be formed (SDM `rse_restore_frame`): CFM was set to zero.
    pub frame_too_big: bool,
}

/// Result of [`Rse::background_step`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct BackgroundReport {
    /// Registers spilled eagerly.
    pub spilled: u32,
    /// Registers filled eagerly (always 0 in the hyperlazy model).
    pub filled: u32,
    /// A fault that stopped eager traffic (eager traffic is optional, so it is not delivered).
    pub stopped_by: Option<crate::mem::MemFault>,
}

/// A bad physical file size.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct RseConfigError {
    /// The rejected size.
    pub n_phys: usize,
}

/// The RSE state: physical stacked file plus every RSE register and the internal state of
/// SDM Vol. 2 Part I §6.2 (BOF, ndirty; StoreReg/LoadReg/BspLoad/RNATBitIndex are derived).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rse {
    regs: Vec<StackedReg>,
    bof: usize,
    ndirty: usize,
    cfm: Cfm,
    bsp: u64,
    bspstore: u64,
    rnat: u64,
    rsc: Rsc,
    pfs: Pfs,
    ifs: Ifs,
    counters: RseCounters,
    scratch: Scratch,
    /// Frame-geometry cache: stacked registers r32..r32+lin live at physical `bof + (r - 32)`
    /// (no rotation, no ring wrap). Derived from BOF, CFM and N by [`Rse::refresh_window`]
    /// after every change of BOF or CFM, so the hot register accessors are one compare.
    lin: usize,
}

impl Default for Rse {
    fn default() -> Self {
        Self::reset(MIN_STACKED_PHYS)
    }
}

/// The registers read by a fill sequence, before they are committed.
struct FillPlan {
    /// Filled registers in the order the walk read them: descending addresses (highest first).
    regs: Vec<StackedReg>,
    /// AR.RNAT after the fills.
    rnat: u64,
    /// Collection words read.
    nat_read: u64,
    /// BSPSTORE after the fills.
    new_bspstore: u64,
}

/// A reusable buffer for fill plans, so that returns and `rfi` never allocate once warm. It is
/// scratch space, not state: it compares equal to any other and clones empty.
#[derive(Default)]
struct Scratch(Vec<StackedReg>);

impl Clone for Scratch {
    fn clone(&self) -> Self {
        Scratch(Vec::new())
    }
}

impl PartialEq for Scratch {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl Eq for Scratch {}

impl std::fmt::Debug for Scratch {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Scratch")
    }
}

impl Rse {
    /// A reset RSE with an `n_phys`-register physical file (multiple of 8, 96 ≤ n ≤ 65536).
    ///
    /// Reset state (SDM Vol. 2 Part I §6.12, rse-spec.md §4.10): RSC = 0 (enforced lazy, pl 0),
    /// CFM = {sof 96}, BOF = physical 0, nothing dirty, BSP = BSPSTORE = RNAT = 0 (software must
    /// set BSPSTORE before the first spill), all registers zero.
    pub fn new(n_phys: usize) -> Result<Self, RseConfigError> {
        if !(MIN_STACKED_PHYS..=MAX_STACKED_PHYS).contains(&n_phys) || n_phys & 7 != 0 {
            return Err(RseConfigError { n_phys });
        }
        Ok(Self::reset(n_phys))
    }

    fn reset(n_phys: usize) -> Self {
        Self {
            regs: vec![StackedReg::default(); n_phys],
            bof: 0,
            ndirty: 0,
            cfm: Cfm::frame(MAX_FRAME as u8, 0),
            bsp: 0,
            bspstore: 0,
            rnat: 0,
            rsc: Rsc::default(),
            pfs: Pfs::default(),
            ifs: Ifs::default(),
            counters: RseCounters::default(),
            scratch: Scratch::default(),
            lin: 0,
        }
        .with_window()
    }

    fn with_window(mut self) -> Self {
        self.refresh_window();
        self
    }

    /// Recompute [`Rse::lin`] from BOF, CFM and N (call after every change of BOF or CFM).
    #[inline]
    fn refresh_window(&mut self) {
        self.lin = if self.cfm.rrb_gr == 0 {
            usize::from(self.cfm.sof).min(self.regs.len().saturating_sub(self.bof))
        } else {
            0
        };
    }

    // ----------------------------------------------------------------------------------------
    // Observers
    // ----------------------------------------------------------------------------------------

    /// Number of physical stacked registers `N`.
    pub fn n_phys(&self) -> usize {
        self.regs.len()
    }
    /// Current frame marker.
    pub fn cfm(&self) -> Cfm {
        self.cfm
    }
    /// RSE.BOF: physical index of r32 of the current frame.
    pub fn bof(&self) -> usize {
        self.bof
    }
    /// Dirty registers (outer frames not yet spilled).
    pub fn ndirty(&self) -> usize {
        self.ndirty
    }
    /// Clean registers: always 0 (hyperlazy model).
    pub fn nclean(&self) -> usize {
        0
    }
    /// Invalid (free) physical registers.
    pub fn ninvalid(&self) -> usize {
        self.n_phys()
            .saturating_sub(self.ndirty)
            .saturating_sub(usize::from(self.cfm.sof))
    }
    /// AR.BSP: backing-store address of r32 of the current frame.
    pub fn bsp(&self) -> u64 {
        self.bsp
    }
    /// AR.BSPSTORE: next RSE store address (no mode check; see [`Rse::mov_from_bspstore`]).
    pub fn bspstore(&self) -> u64 {
        self.bspstore
    }
    /// RSE.BspLoad: next RSE load address (equal to BSPSTORE, no clean partition).
    pub fn bsp_load(&self) -> u64 {
        self.bspstore
    }
    /// AR.RNAT (no mode check; see [`Rse::mov_from_rnat`]).
    pub fn rnat(&self) -> u64 {
        self.rnat
    }
    /// RSE.RNATBitIndex: the RNAT bit of the next spill (`slot_num(BSPSTORE)`).
    pub fn rnat_bit_index(&self) -> u32 {
        rse_slot_num(self.bspstore)
    }
    /// RSE.StoreReg: physical index of the next register to spill (the oldest dirty one).
    pub fn store_reg(&self) -> usize {
        self.phys(-(self.ndirty as i64))
    }
    /// RSE.LoadReg: `(BOF - ndirty - nclean) mod N`; the next fill goes to `LoadReg - 1`
    /// (rse-spec.md §1.3). Equal to RSE.StoreReg here, as there is no clean partition.
    pub fn load_reg(&self) -> usize {
        self.store_reg()
    }
    /// RSE.CFLE: false, fills complete or fault before the instruction commits.
    pub fn cfle(&self) -> bool {
        false
    }
    /// AR.RSC.
    pub fn rsc(&self) -> Rsc {
        self.rsc
    }
    /// AR.PFS.
    pub fn pfs(&self) -> Pfs {
        self.pfs
    }
    /// CR.IFS.
    pub fn ifs(&self) -> Ifs {
        self.ifs
    }
    /// Traffic counters.
    pub fn counters(&self) -> &RseCounters {
        &self.counters
    }
    /// Address one past the current frame: `skip(BSP, sof)` (Linux PT_AR_BSP / gdb `$bsp`).
    pub fn bsp_end(&self) -> u64 {
        rse_skip_regs(self.bsp, i64::from(self.cfm.sof))
    }
    /// Raw physical register `i` (for tests and debuggers; `None` if `i >= N`).
    pub fn phys_reg(&self, i: usize) -> Option<StackedReg> {
        self.regs.get(i).copied()
    }

    /// Check the partition invariants (rse-spec.md §1.3, §9.1).
    pub fn check_invariants(&self) -> Result<(), String> {
        let n = self.n_phys();
        let sof = usize::from(self.cfm.sof);
        if sof + self.ndirty > n {
            return Err(format!("sof {sof} + ndirty {} > N {n}", self.ndirty));
        }
        if self.bof >= n {
            return Err(format!("bof {} >= N {n}", self.bof));
        }
        if !self.cfm.is_valid() {
            return Err(format!("invalid CFM {:?}", self.cfm));
        }
        if self.bspstore > self.bsp {
            return Err(format!(
                "BSPSTORE {:#x} > BSP {:#x}",
                self.bspstore, self.bsp
            ));
        }
        if rse_num_regs(self.bspstore, self.bsp) != self.ndirty as u64 {
            return Err(format!(
                "num_regs(BSPSTORE {:#x}, BSP {:#x}) != ndirty {}",
                self.bspstore, self.bsp, self.ndirty
            ));
        }
        if rse_is_rnat_slot(self.bsp) {
            return Err(format!("BSP {:#x} is a NaT collection slot", self.bsp));
        }
        if self.rnat >> 63 != 0 {
            return Err("RNAT bit 63 set".to_string());
        }
        Ok(())
    }

    // ----------------------------------------------------------------------------------------
    // Physical file and register naming
    // ----------------------------------------------------------------------------------------

    /// Physical index of the register `off` places above BOF (negative: below), modulo N.
    #[inline(always)]
    fn phys(&self, off: i64) -> usize {
        let n = self.n_phys() as i64;
        let p = (self.bof as i64).wrapping_add(off);
        // The usual cases (|off| <= N, as BOF < N and every partition fits the file) are one
        // conditional add or subtract; the division is only for out-of-range offsets.
        if (0..n).contains(&p) {
            p as usize
        } else if p < 0 && p.wrapping_add(n) >= 0 {
            p.wrapping_add(n) as usize
        } else if p >= n && p.wrapping_sub(n) < n {
            p.wrapping_sub(n) as usize
        } else {
            p.rem_euclid(n.max(1)) as usize
        }
    }

    fn reg_at(&self, p: usize) -> StackedReg {
        self.regs.get(p).copied().unwrap_or_default()
    }

    fn set_reg_at(&mut self, p: usize, r: StackedReg) {
        if let Some(slot) = self.regs.get_mut(p) {
            *slot = r;
        }
    }

    /// Frame index of stacked register `r` after rotation, or `None` if `r` is not in the frame
    /// (rse-spec.md §2.3; SDM Vol. 1 §4.5.1 "Register Rotation").
    pub fn frame_index(&self, r: u8) -> Option<u32> {
        frame_index(self.cfm, r)
    }

    /// Physical index of stacked register `r` of the current frame.
    pub fn phys_index(&self, r: u8) -> Option<usize> {
        self.frame_index(r).map(|k| self.phys(i64::from(k)))
    }

    /// Backing-store home address of stacked register `r` of the current frame.
    pub fn home_addr(&self, r: u8) -> Option<u64> {
        self.frame_index(r)
            .map(|k| rse_skip_regs(self.bsp, i64::from(k)))
    }

    /// Physical index of stacked register `r` without divisions (the executor's hot path):
    /// rotation and the ring wrap are single conditional subtractions because `rrb.gr <
    /// 8·sor` and `bof < N` always hold (rse-spec.md §2.3).
    #[inline(always)]
    fn phys_index_fast(&self, r: u8) -> Option<usize> {
        let k = usize::from(r).wrapping_sub(32);
        if k < self.lin {
            return Some(self.bof + k);
        }
        self.phys_index_general(r)
    }

    /// [`Rse::phys_index_fast`] outside the frame-geometry cache (rotating registers with a
    /// non-zero rename base, the part of a frame that wraps around the ring, out of frame).
    #[inline(never)]
    fn phys_index_general(&self, r: u8) -> Option<usize> {
        let mut k = usize::from(r).wrapping_sub(32);
        if k >= usize::from(self.cfm.sof) {
            return None;
        }
        let rot = usize::from(self.cfm.sor) * 8;
        if k < rot {
            k += usize::from(self.cfm.rrb_gr);
            if k >= rot {
                k -= rot;
            }
        }
        let mut p = self.bof + k;
        let n = self.regs.len();
        if p >= n {
            p -= n;
        }
        Some(p)
    }

    /// [`Rse::read_gr_or_undefined`] on the executor's hot path.
    #[inline(always)]
    pub fn read_gr_fast(&self, r: u8) -> StackedReg {
        match self.phys_index_fast(r).and_then(|p| self.regs.get(p)) {
            Some(reg) => *reg,
            None => StackedReg::default(),
        }
    }

    /// [`Rse::write_gr`] on the executor's hot path: false when `r` is outside the frame.
    #[inline(always)]
    pub fn write_gr_fast(&mut self, r: u8, value: u64, nat: bool) -> bool {
        match self.phys_index_fast(r) {
            Some(p) => match self.regs.get_mut(p) {
                Some(slot) => {
                    *slot = StackedReg { value, nat };
                    true
                }
                None => false,
            },
            None => false,
        }
    }

    /// Read stacked register `r` (32..=127); `None` when it is outside the current frame.
    pub fn read_gr(&self, r: u8) -> Option<StackedReg> {
        self.phys_index(r).map(|p| self.reg_at(p))
    }

    /// Read stacked register `r`; an out-of-frame read gives the architecturally undefined value,
    /// which this model defines as 0 with NaT clear (SDM Vol. 2 Part I §6.1).
    pub fn read_gr_or_undefined(&self, r: u8) -> StackedReg {
        self.read_gr(r).unwrap_or_default()
    }

    /// Write stacked register `r`; Illegal Operation when outside the current frame.
    /// (r0–r31 are not stacked: the caller routes them elsewhere; passing one here is reported
    /// as an out-of-frame write.)
    pub fn write_gr(&mut self, r: u8, value: u64, nat: bool) -> Result<(), RseFault> {
        let p = self
            .phys_index(r)
            .ok_or(RseFault::IllegalOperation(IllegalOp::OutOfFrameWrite))?;
        self.set_reg_at(p, StackedReg { value, nat });
        Ok(())
    }

    // ----------------------------------------------------------------------------------------
    // Spills and fills
    // ----------------------------------------------------------------------------------------

    fn spill_access(&self) -> Access {
        Access::rse_spill(self.rsc.pl)
    }

    fn fill_access(&self) -> Access {
        Access::rse_fill(self.rsc.pl)
    }

    /// Byte order of RSE accesses (AR.RSC.be).
    fn order(&self, v: u64) -> u64 {
        if self.rsc.be {
            v.swap_bytes()
        } else {
            v
        }
    }

    fn mem_fault(fault: crate::mem::MemFault, cause: Cause, incomplete_frame: bool) -> RseFault {
        RseFault::Memory {
            fault,
            cause,
            incomplete_frame,
        }
    }

    /// If BSPSTORE sits on a NaT-collection slot, store AR.RNAT there and step over it.
    /// The collection word's bit 63 is written as 0; RNAT restarts at 0 for the next group.
    #[inline(always)]
    fn store_pending_collection<M: Memory + ?Sized>(
        &mut self,
        mem: &mut M,
        cause: Cause,
    ) -> Result<(), RseFault> {
        if !rse_is_rnat_slot(self.bspstore) {
            return Ok(());
        }
        self.store_collection(mem, cause)
    }

    /// [`Rse::store_pending_collection`] when BSPSTORE is on a collection slot (one register
    /// spill in 64).
    #[cold]
    #[inline(never)]
    fn store_collection<M: Memory + ?Sized>(
        &mut self,
        mem: &mut M,
        cause: Cause,
    ) -> Result<(), RseFault> {
        let word = self.order(self.rnat & RNAT_MASK);
        mem.write_u64(self.bspstore, word, self.spill_access())
            .map_err(|f| Self::mem_fault(f, cause, false))?;
        self.bspstore = self.bspstore.wrapping_add(8);
        self.rnat = 0;
        let t = self.counters.get_mut(cause);
        t.nat_written += 1;
        t.bytes_stored += 8;
        Ok(())
    }

    /// Spill the oldest dirty register (RSE.StoreReg) to BSPSTORE, recording its NaT in
    /// RNAT{RNATBitIndex}, and store a collection word whenever BSPSTORE reaches one
    /// (SDM Vol. 2 Part I §6.3; rse-spec.md §9.1). Each step leaves a consistent state.
    fn spill_one<M: Memory + ?Sized>(&mut self, mem: &mut M, cause: Cause) -> Result<(), RseFault> {
        self.store_pending_collection(mem, cause)?;
        if self.ndirty == 0 {
            return Ok(());
        }
        let reg = self.reg_at(self.store_reg());
        mem.write_u64(self.bspstore, self.order(reg.value), self.spill_access())
            .map_err(|f| Self::mem_fault(f, cause, false))?;
        let bit = 1u64 << rse_slot_num(self.bspstore);
        self.rnat = if reg.nat {
            self.rnat | bit
        } else {
            self.rnat & !bit
        };
        self.bspstore = self.bspstore.wrapping_add(8);
        self.ndirty -= 1;
        let t = self.counters.get_mut(cause);
        t.spills += 1;
        t.bytes_stored += 8;
        self.store_pending_collection(mem, cause)
    }

    /// Read (without committing) the `count` registers below BSPSTORE, walking down one slot at
    /// a time as the RSE loads them (SDM Vol. 2 Part I §6.3; rse-spec.md §4.3, §9.1).
    ///
    /// Crossing a NaT-collection slot downward loads that word into the NaT dispersal register
    /// (AR.RNAT); each register takes its NaT bit from it. So a register at `a` gets its NaT from
    /// the collection word at `rnat_addr(a)` when that lies below the pre-fill BSPSTORE, else
    /// from the pre-fill RNAT. When `land_on_collection` is set and the walk ends just above a
    /// collection slot, that slot is loaded too and becomes the new BSPSTORE (a `loadrs` tear
    /// point on a collection slot). Only the walk's length depends on guest values, and it is
    /// bounded by `count`, so wrapping addresses cannot make it run away.
    #[inline]
    fn plan_fills<M: Memory + ?Sized>(
        &self,
        mem: &mut M,
        count: usize,
        land_on_collection: bool,
        cause: Cause,
        incomplete_frame: bool,
        buf: Vec<StackedReg>,
    ) -> Result<FillPlan, RseFault> {
        // One walk per byte order (AR.RSC.be), so the usual little-endian walk does not test
        // it per word.
        if self.rsc.be {
            self.plan_walk::<M, true>(mem, count, land_on_collection, cause, incomplete_frame, buf)
        } else {
            self.plan_walk::<M, false>(mem, count, land_on_collection, cause, incomplete_frame, buf)
        }
    }

    /// [`Rse::plan_fills`] for byte order `BE` (AR.RSC.be).
    fn plan_walk<M: Memory + ?Sized, const BE: bool>(
        &self,
        mem: &mut M,
        count: usize,
        land_on_collection: bool,
        cause: Cause,
        incomplete_frame: bool,
        buf: Vec<StackedReg>,
    ) -> Result<FillPlan, RseFault> {
        let acc = self.fill_access();
        let err = |f| Self::mem_fault(f, cause, incomplete_frame);
        let order = |v: u64| if BE { v.swap_bytes() } else { v };
        let mut rnat = self.rnat;
        let mut nat_read = 0;
        let mut regs = buf;
        regs.clear();
        regs.reserve(count.min(self.n_phys()));
        let mut a = self.bspstore;
        for _ in 0..count {
            a = a.wrapping_sub(8);
            if rse_is_rnat_slot(a) {
                rnat = order(mem.read_u64(a, acc).map_err(err)?) & RNAT_MASK;
                nat_read += 1;
                a = a.wrapping_sub(8);
            }
            let value = order(mem.read_u64(a, acc).map_err(err)?);
            let nat = (rnat >> rse_slot_num(a)) & 1 != 0;
            regs.push(StackedReg { value, nat });
        }
        if land_on_collection && rse_is_rnat_slot(a.wrapping_sub(8)) {
            a = a.wrapping_sub(8);
            rnat = order(mem.read_u64(a, acc).map_err(err)?) & RNAT_MASK;
            nat_read += 1;
        }
        Ok(FillPlan {
            regs,
            rnat,
            nat_read,
            new_bspstore: a,
        })
    }

    /// Commit a fill plan: the filled registers go just below the dirty partition (the lowest at
    /// physical `BOF - ndirty - len`), become dirty, and BSPSTORE moves down to the plan's end.
    fn commit_fills(&mut self, plan: FillPlan, cause: Cause) {
        let regs = &plan.regs;
        let len = regs.len();
        let n = self.n_phys();
        // The plan is in descending address order; the file ascends from the lowest: copy
        // reversed, in at most two contiguous runs of the ring.
        let start = self.phys(-((self.ndirty + len) as i64)).min(n);
        let first = len.min(n - start);
        for (slot, r) in self.regs[start..start + first]
            .iter_mut()
            .zip(regs.iter().rev())
        {
            *slot = *r;
        }
        for (slot, r) in self.regs.iter_mut().zip(regs.iter().rev().skip(first)) {
            *slot = *r;
        }
        self.ndirty += len;
        self.bspstore = plan.new_bspstore;
        self.rnat = plan.rnat;
        let t = self.counters.get_mut(cause);
        t.fills += len as u64;
        t.nat_read += plan.nat_read;
        t.bytes_loaded += 8 * (len as u64 + plan.nat_read);
        self.scratch.0 = plan.regs;
    }

    /// Zero the physical registers of frame indices `[from, to)` (newly exposed registers; the
    /// architecture leaves them undefined, zeroing is deterministic: rse-spec.md §4.1).
    fn zero_frame_range(&mut self, from: u32, to: u32) {
        if from >= to {
            return;
        }
        // The ring from phys(from), wrapping once at N: at most two contiguous runs.
        let start = self.phys(i64::from(from));
        self.fill_ring(start, (to - from) as usize, StackedReg::default());
    }

    /// Set `count` physical registers from `start` (walking up, wrapping once at N) to `r`:
    /// at most two slice fills. Counts beyond N are clamped (they cannot occur: frames and
    /// partitions fit the file).
    #[inline]
    fn fill_ring(&mut self, start: usize, count: usize, r: StackedReg) {
        let n = self.regs.len();
        let start = start.min(n);
        let count = count.min(n);
        let first = count.min(n - start);
        self.regs[start..start + first].fill(r);
        self.regs[..count - first].fill(r);
    }

    // ----------------------------------------------------------------------------------------
    // Instructions
    // ----------------------------------------------------------------------------------------

    /// `alloc r1 = ar.pfs, i, l, o, r` (SDM Vol. 3 `alloc`; rse-spec.md §4.1).
    ///
    /// Checks the operands and `target` (r1: must be 1..=31 or inside the *new* frame), grows the
    /// frame with mandatory spills of the oldest dirty registers when the invalid partition is
    /// too small, and returns the old AR.PFS, which the caller writes to r1 (NaT clear).
    /// On a spill fault the spills already done stay done and the frame is unchanged, so
    /// re-executing the `alloc` completes it.
    pub fn alloc<M: Memory + ?Sized>(
        &mut self,
        mem: &mut M,
        args: AllocArgs,
        target: u8,
    ) -> Result<u64, RseFault> {
        let new = self.check_alloc(args, target)?;
        let old_sof = u32::from(self.cfm.sof);
        let new_sof = u32::from(new.sof);
        if new_sof > old_sof {
            let growth = (new_sof - old_sof) as usize;
            while self.ninvalid() < growth && self.ndirty > 0 {
                self.spill_one(mem, Cause::Mandatory)?;
            }
            self.zero_frame_range(old_sof, new_sof);
        }
        self.cfm = new;
        self.refresh_window();
        Ok(self.pfs.encode())
    }

    /// The `alloc` operand checks; returns the new CFM (rename bases unchanged).
    fn check_alloc(&self, args: AllocArgs, target: u8) -> Result<Cfm, RseFault> {
        let ill = |why| Err(RseFault::IllegalOperation(why));
        if args.sof > MAX_FRAME {
            return ill(IllegalOp::AllocFrameTooLarge);
        }
        if args.sol > args.sof {
            return ill(IllegalOp::AllocSolGreaterThanSof);
        }
        if args.sor & 7 != 0 {
            return ill(IllegalOp::AllocSorNotMultipleOf8);
        }
        if args.sor > args.sof {
            return ill(IllegalOp::AllocSorGreaterThanSof);
        }
        if target == 0 || u32::from(target) >= 32 + args.sof {
            return ill(IllegalOp::AllocTargetOutOfFrame);
        }
        let sor8 = (args.sor / 8) as u8;
        if sor8 != self.cfm.sor && self.cfm.any_rrb() {
            return Err(RseFault::ReservedRegisterField);
        }
        Ok(Cfm {
            sof: args.sof as u8,
            sol: args.sol as u8,
            sor: sor8,
            ..self.cfm
        })
    }

    /// `br.call` / `brl.call` (taken): save CFM/EC/cpl in AR.PFS and make the caller's output
    /// area the callee's frame (SDM Vol. 3 `br`; rse-spec.md §4.2). No memory traffic.
    pub fn br_call(&mut self, ec: u8, cpl: u8) {
        self.pfs = Pfs {
            pfm: self.cfm,
            pec: ec & 0x3f,
            ppl: cpl & 3,
        };
        let sol = self.cfm.sol.min(self.cfm.sof);
        self.bof = self.phys(i64::from(sol));
        self.bsp = rse_skip_regs(self.bsp, i64::from(sol));
        self.ndirty += usize::from(sol);
        self.cfm = Cfm::frame(self.cfm.sof - sol, 0);
        self.refresh_window();
    }

    /// `br.ret` (taken): restore CFM from AR.PFS.pfm, pulling the caller's `sol` registers from
    /// the dirty partition or, failing that, from memory by mandatory fills (SDM Vol. 3 `br`,
    /// helper `rse_restore_frame`; rse-spec.md §4.3).
    ///
    /// When `pfm.sof - pfm.sol > N - ndirty` the frame cannot be formed: BSP still moves down by
    /// `sol`, the preserved and returned-from registers become invalid and CFM becomes zero
    /// ([`RetInfo::frame_too_big`]). A fill fault returns [`RseFault::Memory`] with
    /// `incomplete_frame` and changes nothing (see module docs).
    pub fn br_ret<M: Memory + ?Sized>(&mut self, mem: &mut M) -> Result<RetInfo, RseFault> {
        let pfm = self.pfs.pfm;
        let mut info = RetInfo {
            pec: self.pfs.pec,
            ppl: self.pfs.ppl,
            frame_too_big: false,
        };
        if !pfm.is_valid() {
            // Not reachable through alloc/br.call; a guest can write such a PFS. Choice: treat
            // it as a frame that cannot be formed, without moving BSP.
            self.cfm = Cfm::default();
            self.refresh_window();
            info.frame_too_big = true;
            return Ok(info);
        }
        let sol = usize::from(pfm.sol);
        if pfm.outputs() as usize > self.n_phys().saturating_sub(self.ndirty) {
            self.bof = self.phys(-(sol as i64));
            self.bsp = rse_skip_regs(self.bsp, -(sol as i64));
            self.ndirty = self.ndirty.saturating_sub(sol);
            self.cfm = Cfm::default();
            self.refresh_window();
            info.frame_too_big = true;
            return Ok(info);
        }
        self.restore_frame(mem, pfm, sol, Cause::Mandatory)?;
        Ok(info)
    }

    /// Form frame `new` whose lowest `preserved` registers lie below BOF; the rest of the new
    /// frame overlaps the old frame from its bottom (zeroed where it extends beyond it).
    fn restore_frame<M: Memory + ?Sized>(
        &mut self,
        mem: &mut M,
        new: Cfm,
        preserved: usize,
        cause: Cause,
    ) -> Result<(), RseFault> {
        let new_bsp = rse_skip_regs(self.bsp, -(preserved as i64));
        let plan = if preserved > self.ndirty {
            let buf = std::mem::take(&mut self.scratch.0);
            Some(self.plan_fills(mem, preserved - self.ndirty, false, cause, true, buf)?)
        } else {
            None
        };
        // Commit.
        let old_sof = u32::from(self.cfm.sof);
        if let Some(plan) = plan {
            self.commit_fills(plan, cause);
        }
        self.bof = self.phys(-(preserved as i64));
        self.bsp = new_bsp;
        self.ndirty = self.ndirty.saturating_sub(preserved);
        self.cfm = new;
        self.refresh_window();
        let keep_top = preserved as u32 + old_sof;
        if u32::from(new.sof) > keep_top {
            self.zero_frame_range(keep_top, u32::from(new.sof));
        }
        Ok(())
    }

    /// `cover`: the current frame joins the dirty partition and CFM becomes empty; when
    /// `psr_ic` is 0, CR.IFS ← {ifm = CFM, v = 1} (SDM Vol. 3 `cover`; rse-spec.md §4.4).
    /// Returns the covered frame marker.
    pub fn cover(&mut self, psr_ic: bool) -> Cfm {
        let old = self.cfm;
        if !psr_ic {
            self.ifs = Ifs { ifm: old, v: true };
        }
        let sof = old.sof;
        self.bof = self.phys(i64::from(sof));
        self.bsp = rse_skip_regs(self.bsp, i64::from(sof));
        self.ndirty += usize::from(sof);
        self.cfm = Cfm::default();
        self.refresh_window();
        old
    }

    /// The interruption-handler form of `cover` (executed with PSR.ic = 0): always records the
    /// covered frame in CR.IFS with v = 1 (rse-spec.md §5.1, Linux `SAVE_MIN_WITH_COVER`).
    pub fn cover_into_ifs(&mut self) -> Cfm {
        self.cover(false)
    }

    /// What an interruption does to CR.IFS: with PSR.ic = 1, IFS.v ← 0 (rse-spec.md §5.1).
    /// CFM and the RSE state are untouched.
    pub fn interruption(&mut self, psr_ic: bool) {
        if psr_ic {
            self.ifs = Ifs::default();
        }
    }

    /// Write CR.IFS (`mov cr.ifs = r`; privileged, checked by the executor).
    pub fn set_ifs(&mut self, ifs: Ifs) {
        self.ifs = ifs;
    }

    /// The RSE part of `rfi`: if IFS.v, CFM ← IFS.ifm and the `ifm.sof` registers below BOF
    /// become the frame (from dirty, then by mandatory fills); the returned-from frame becomes
    /// invalid. With IFS.v = 0 nothing changes (SDM Vol. 3 `rfi`; rse-spec.md §5.2).
    pub fn rfi_restore<M: Memory + ?Sized>(&mut self, mem: &mut M) -> Result<(), RseFault> {
        if !self.ifs.v {
            return Ok(());
        }
        let ifm = self.ifs.ifm;
        if !ifm.is_valid() {
            return Err(RseFault::IllegalOperation(IllegalOp::InvalidFrameMarker));
        }
        self.restore_frame(mem, ifm, usize::from(ifm.sof), Cause::Mandatory)
    }

    /// Debugger-initiated geometry change (rse-spec.md §9.3, §10.5; Linux's PT_AR_BSP / PT_CFM
    /// writes): forget the resident stack (its write-back must already be in memory), take
    /// `bsp_end` as the end of a frame described by `cfm`, and fill that frame from memory as
    /// `rfi` with IFS = {cfm, v} would; `rnat_end` supplies the NaT bits of the partial group
    /// below `bsp_end` (gdb's `$rnat`). Afterwards BSPSTORE = BSP = `skip(bsp_end, -sof)` and
    /// nothing is dirty. Compute, then commit: a fault changes nothing.
    pub fn reload_frame_from_memory<M: Memory + ?Sized>(
        &mut self,
        mem: &mut M,
        bsp_end: u64,
        cfm: Cfm,
        rnat_end: u64,
    ) -> Result<(), RseFault> {
        if !cfm.is_valid() {
            return Err(RseFault::IllegalOperation(IllegalOp::InvalidFrameMarker));
        }
        let mut next = self.clone();
        next.ndirty = 0;
        next.cfm = Cfm::default();
        next.bspstore = bsp_end & !7;
        next.bsp = rse_skip_regs(next.bspstore, 0);
        next.rnat = rnat_end & RNAT_MASK;
        next.restore_frame(mem, cfm, usize::from(cfm.sof), Cause::Mandatory)?;
        *self = next;
        Ok(())
    }

    /// `flushrs`: spill every dirty register and pending collection word; afterwards
    /// BSPSTORE == BSP and RNAT holds the NaT bits of the partial group below BSP
    /// (SDM Vol. 2 Part I §6.5.4; rse-spec.md §4.5). A fault leaves the spills done so far.
    pub fn flushrs<M: Memory + ?Sized>(&mut self, mem: &mut M) -> Result<(), RseFault> {
        while self.ndirty > 0 || self.bspstore != self.bsp {
            let before = (self.ndirty, self.bspstore);
            self.spill_one(mem, Cause::Flushrs)?;
            if before == (self.ndirty, self.bspstore) {
                break; // cannot happen with the invariants; never loop forever
            }
        }
        Ok(())
    }

    /// `loadrs`: make exactly the registers in `[BSP - RSC.loadrs, BSP)` present and dirty,
    /// loading the missing ones, invalidating every other register outside the current frame,
    /// and setting BSPSTORE (and RSE.BspLoad) to the tear point (SDM Vol. 3 `loadrs`;
    /// rse-spec.md §4.6).
    ///
    /// Faults: Illegal Operation if RSC.mode ≠ 0, if CFM.sof ≠ 0 and RSC.loadrs ≠ 0, or if the
    /// registers do not fit in `N - sof`. A fill fault changes nothing.
    /// RNAT: architecturally undefined afterwards; this model leaves it holding the collection
    /// word of the tear point's group when a fill crossed it, else unchanged.
    pub fn loadrs<M: Memory + ?Sized>(&mut self, mem: &mut M) -> Result<(), RseFault> {
        if !self.rsc.is_enforced_lazy() {
            return Err(RseFault::IllegalOperation(IllegalOp::ModeNotEnforcedLazy));
        }
        if self.cfm.sof != 0 && self.rsc.loadrs != 0 {
            return Err(RseFault::IllegalOperation(IllegalOp::LoadrsWithFrame));
        }
        let tear = self.bsp.wrapping_sub(self.rsc.loadrs_bytes());
        let nregs = rse_num_regs(tear, self.bsp);
        let room = self.n_phys().saturating_sub(usize::from(self.cfm.sof)) as u64;
        if nregs > room {
            return Err(RseFault::IllegalOperation(IllegalOp::LoadrsTooLarge));
        }
        let nregs = nregs as usize;
        if nregs <= self.ndirty {
            // Keep the youngest `nregs` dirty registers; the older ones become invalid unstored.
            self.ndirty = nregs;
            self.bspstore = tear;
        } else {
            let missing = nregs - self.ndirty;
            let buf = std::mem::take(&mut self.scratch.0);
            let plan = self.plan_fills(
                mem,
                missing,
                rse_is_rnat_slot(tear),
                Cause::Loadrs,
                false,
                buf,
            )?;
            self.commit_fills(plan, Cause::Loadrs);
        }
        Ok(())
    }

    // ----------------------------------------------------------------------------------------
    // Moves to and from the RSE application registers (SDM Vol. 3 `mov ar`; rse-spec.md §4.7)
    // ----------------------------------------------------------------------------------------

    fn require_lazy(&self) -> Result<(), RseFault> {
        if self.rsc.is_enforced_lazy() {
            Ok(())
        } else {
            Err(RseFault::IllegalOperation(IllegalOp::ModeNotEnforcedLazy))
        }
    }

    /// `mov r = ar.bsp`: always allowed.
    pub fn mov_from_bsp(&self) -> u64 {
        self.bsp
    }

    /// `mov ar.bsp = r`: AR.BSP is read-only, always an Illegal Operation.
    pub fn mov_to_bsp(&self) -> Result<(), RseFault> {
        Err(RseFault::IllegalOperation(IllegalOp::ReadOnlyRegister))
    }

    /// `mov r = ar.bspstore`: Illegal Operation unless RSC.mode = 0.
    pub fn mov_from_bspstore(&self) -> Result<u64, RseFault> {
        self.require_lazy()?;
        Ok(self.bspstore)
    }

    /// `mov r = ar.rnat`: Illegal Operation unless RSC.mode = 0; bit 63 reads 0.
    pub fn mov_from_rnat(&self) -> Result<u64, RseFault> {
        self.require_lazy()?;
        Ok(self.rnat & RNAT_MASK)
    }

    /// `mov ar.bspstore = r`: Illegal Operation unless RSC.mode = 0; NaT source → Register NaT
    /// Consumption. BSPSTORE ← value & ~7; the dirty registers are kept and re-homed:
    /// BSP ← skip(BSPSTORE, ndirty). RNAT is architecturally undefined afterwards; this model
    /// leaves it unchanged (software writes it next, SDM Vol. 2 Part I §6.11).
    pub fn mov_to_bspstore(&mut self, value: u64, nat: bool) -> Result<(), RseFault> {
        self.require_lazy()?;
        if nat {
            return Err(RseFault::RegisterNatConsumption);
        }
        self.bspstore = value & !7;
        self.bsp = rse_skip_regs(self.bspstore, self.ndirty as i64);
        Ok(())
    }

    /// `mov ar.rnat = r`: Illegal Operation unless RSC.mode = 0; bit 63 is dropped.
    pub fn mov_to_rnat(&mut self, value: u64, nat: bool) -> Result<(), RseFault> {
        self.require_lazy()?;
        if nat {
            return Err(RseFault::RegisterNatConsumption);
        }
        self.rnat = value & RNAT_MASK;
        Ok(())
    }

    /// `mov r = ar.rsc`.
    pub fn mov_from_rsc(&self) -> u64 {
        self.rsc.encode()
    }

    /// `mov ar.rsc = r`: Reserved Register/Field on reserved bits; RSC.pl is clamped so it is
    /// never more privileged than `cpl` (Ski `movtoarmEx`; rse-spec.md §1.1).
    pub fn mov_to_rsc(&mut self, value: u64, nat: bool, cpl: u8) -> Result<(), RseFault> {
        if nat {
            return Err(RseFault::RegisterNatConsumption);
        }
        if value & Rsc::RESERVED != 0 {
            return Err(RseFault::ReservedRegisterField);
        }
        let mut rsc = Rsc::decode(value);
        rsc.pl = rsc.pl.max(cpl & 3);
        self.rsc = rsc;
        Ok(())
    }

    /// `mov r = ar.pfs`.
    pub fn mov_from_pfs(&self) -> u64 {
        self.pfs.encode()
    }

    /// `mov ar.pfs = r`: Reserved Register/Field on reserved bits (51:38, 61:58).
    pub fn mov_to_pfs(&mut self, value: u64, nat: bool) -> Result<(), RseFault> {
        if nat {
            return Err(RseFault::RegisterNatConsumption);
        }
        if value & Pfs::RESERVED != 0 {
            return Err(RseFault::ReservedRegisterField);
        }
        self.pfs = Pfs::decode(value);
        Ok(())
    }

    // ----------------------------------------------------------------------------------------
    // Rotation (SDM Vol. 3 `br.ctop` etc., `clrrrb`; rse-spec.md §4.8)
    // ----------------------------------------------------------------------------------------

    /// Rotate the register files once (the effect of a taken `br.ctop`/`br.cexit`/`br.wtop`/
    /// `br.wexit`): rrb.gr −1 mod 8·sor (if sor ≠ 0), rrb.fr −1 mod 96, rrb.pr −1 mod 48.
    pub fn rotate_regs(&mut self) {
        let dec = |v: u8, m: u32| -> u8 {
            if m == 0 {
                v
            } else {
                ((u32::from(v) + m - 1) % m) as u8
            }
        };
        self.cfm.rrb_gr = dec(self.cfm.rrb_gr, self.cfm.rotating());
        self.cfm.rrb_fr = dec(self.cfm.rrb_fr, 96);
        self.cfm.rrb_pr = dec(self.cfm.rrb_pr, 48);
        self.refresh_window();
    }

    /// `clrrrb`: all rename bases ← 0.
    pub fn clrrrb(&mut self) {
        self.cfm.rrb_gr = 0;
        self.cfm.rrb_fr = 0;
        self.cfm.rrb_pr = 0;
        self.refresh_window();
    }

    /// `clrrrb.pr`: rrb.pr ← 0.
    pub fn clrrrb_pr(&mut self) {
        self.cfm.rrb_pr = 0;
    }

    // ----------------------------------------------------------------------------------------
    // Eager mode
    // ----------------------------------------------------------------------------------------

    /// Whether [`Rse::eager_step`] would do nothing: no dirty registers, or an RSC mode
    /// without eager stores. Only `alloc`, calls, returns, `cover`, `flushrs`, `loadrs` and
    /// moves to RSE application registers change this.
    #[inline(always)]
    pub fn eager_idle(&self) -> bool {
        self.ndirty == 0 || !self.rsc.eager_stores()
    }

    /// Exactly `background_step(mem, 1)` with its result dropped (what the run loop does after
    /// every bundle), with a fast path for the common case: eager stores enabled, a dirty
    /// register, BSPSTORE not on a collection slot. Then one register is spilled inline; the
    /// collection word that may follow it, faults and every other case take
    /// [`Rse::background_step`]'s code. Same policy, same state afterwards.
    #[inline(always)]
    pub fn eager_step<M: Memory + ?Sized>(&mut self, mem: &mut M) {
        if self.ndirty == 0 || !self.rsc.eager_stores() {
            return;
        }
        if rse_is_rnat_slot(self.bspstore) {
            self.background_step(mem, 1);
            return;
        }
        // spill_one without its leading (no-op) collection check.
        let reg = self.reg_at(self.store_reg());
        if mem
            .write_u64(self.bspstore, self.order(reg.value), self.spill_access())
            .is_err()
        {
            // Nothing committed; background_step would report the fault and stop.
            return;
        }
        let bit = 1u64 << rse_slot_num(self.bspstore);
        self.rnat = if reg.nat {
            self.rnat | bit
        } else {
            self.rnat & !bit
        };
        self.bspstore = self.bspstore.wrapping_add(8);
        self.ndirty -= 1;
        let t = &mut self.counters.eager;
        t.spills += 1;
        t.bytes_stored += 8;
        if rse_is_rnat_slot(self.bspstore) {
            self.eager_step_tail(mem);
        }
    }

    /// The end of `spill_one` + `background_step` after an inline eager spill that reached a
    /// collection slot: store the collection word, then (if no register is left dirty) the
    /// final pending-collection check. Faults stop it, as they stop `background_step`.
    #[cold]
    #[inline(never)]
    fn eager_step_tail<M: Memory + ?Sized>(&mut self, mem: &mut M) {
        if self.store_pending_collection(mem, Cause::Eager).is_err() {
            return;
        }
        if self.ndirty == 0 {
            let _ = self.store_pending_collection(mem, Cause::Eager);
        }
    }

    /// Background RSE traffic for the eager modes, performed only when the executor calls this.
    ///
    /// Policy (deterministic; any policy is legal, SDM Vol. 2 Part I §6.1, rse-spec.md §4.11):
    /// * when RSC.mode allows eager stores (mode 2 or 3), spill up to `budget` of the oldest
    ///   dirty registers (collection words are written as they are reached and do not count
    ///   against the budget), then complete a pending collection word;
    /// * eager loads (mode 1 or 3) do nothing: a fill would create a clean register, and this
    ///   hyperlazy model keeps none;
    /// * in enforced-lazy mode nothing happens;
    /// * a memory fault stops the step and is reported, not raised (eager traffic is optional).
    ///
    /// The executor is expected to call it at instruction-group boundaries (e.g. budget 1 per
    /// retired group); that choice is the executor's and is documented there.
    pub fn background_step<M: Memory + ?Sized>(
        &mut self,
        mem: &mut M,
        budget: u32,
    ) -> BackgroundReport {
        let mut report = BackgroundReport::default();
        if !self.rsc.eager_stores() {
            return report;
        }
        while report.spilled < budget && self.ndirty > 0 {
            match self.spill_one(mem, Cause::Eager) {
                Ok(()) => report.spilled += 1,
                Err(RseFault::Memory { fault, .. }) => {
                    report.stopped_by = Some(fault);
                    return report;
                }
                Err(_) => return report,
            }
        }
        if self.ndirty == 0 {
            if let Err(RseFault::Memory { fault, .. }) =
                self.store_pending_collection(mem, Cause::Eager)
            {
                report.stopped_by = Some(fault);
            }
        }
        report
    }
}

/// Frame index of stacked register `r` under `cfm` (rotation applied), `None` if out of frame.
pub fn frame_index(cfm: Cfm, r: u8) -> Option<u32> {
    let k = u32::from(r).checked_sub(32)?;
    if r > 127 || k >= u32::from(cfm.sof) {
        return None;
    }
    let rot = cfm.rotating();
    if k < rot {
        Some((k + u32::from(cfm.rrb_gr)) % rot)
    } else {
        Some(k)
    }
}
