//! The decoded-bundle cache (design.md "Decode once").
//!
//! Bundles are decoded once per physical code page and kept until the page is written
//! (the memory reports stores to pages registered with [`Memory::mark_code_page`]) or `fc` /
//! `sync.i` flush it. A page is decoded lazily, bundle by bundle. Because IP-relative branch
//! targets are decoded as absolute addresses, a page also remembers the virtual page it was
//! decoded for; reaching the same physical page through another virtual address re-decodes it.

use std::cell::{Cell, OnceCell};
use std::collections::HashMap;

use ia64_isa::bundle::{decode_bundle, Bundle};
use ia64_isa::insn::{ErrorKind, Insn, Slot};
use ia64_isa::{unit_b::BInsn, unit_i::IInsn, unit_m_sys::MSysInsn, unit_x::XInsn};

use crate::exec::block::Block;
use crate::exec::fast::Fast;
use crate::mem::{MemFault, Memory};

/// What the executor does with one slot (pre-classified at decode time).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OpClass {
    /// `nop`/`hint` of the M, I, B or X unit: retires and does nothing, whatever its predicate.
    Nop,
    /// An instruction to predicate and execute.
    Exec,
    /// A reserved encoding or template: Illegal Operation when reached.
    Illegal,
}

/// One executable slot of a pre-decoded bundle (the second half of an L+X pair has none).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Op {
    /// The instruction and its qualifying predicate (a `nop.m 0` for [`OpClass::Illegal`]).
    pub slot: Slot,
    /// Slot number 0..=2.
    pub index: u8,
    /// How to run it.
    pub class: OpClass,
    /// The pre-decoded micro-op the run loop dispatches on.
    pub fast: Fast,
}

impl Op {
    /// The pre-decoded form of executable slot `slot` at slot number `index`.
    pub fn new(slot: Slot, index: u8) -> Self {
        let nop = is_nop(&slot.insn);
        Op {
            slot,
            index,
            class: if nop { OpClass::Nop } else { OpClass::Exec },
            fast: if nop {
                Fast::Nop
            } else {
                crate::exec::fast::lower(&slot, index)
            },
        }
    }
}

/// A bundle in the form the run loop consumes (design.md "Decode once ... Dispatch by match"):
/// its executable slots in order, nops pre-classified.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Decoded {
    /// The executable slots; only the first [`Decoded::len`] are valid.
    pub ops: [Op; 3],
    /// Number of executable slots (2 for MLX bundles, 3 otherwise).
    pub len: u8,
    /// Template value (for debugging and tests).
    pub template_value: u8,
    /// Some slot goes to the generic executor ([`Fast::Generic`]): it may change what the run
    /// loop derived from the fetch (privilege level, translations, IP), so the run loop
    /// re-checks the fetch after the bundle.
    pub generic: bool,
    /// Positions in [`Decoded::ops`] of the slots that are not `nop`s, in order (only the
    /// first [`Decoded::nrun`] are valid): a whole bundle retires its `nop`s without visiting
    /// them.
    pub run: [u8; 3],
    /// Number of valid entries of [`Decoded::run`].
    pub nrun: u8,
    /// Whether the run loop reached this bundle at slot 0 before (the block starting here is
    /// built at the second such visit, when the bundles after it are decoded).
    visited: Cell<bool>,
    /// The block of micro-ops starting here, once built (`None`: none can start here).
    block: OnceCell<Option<Box<Block>>>,
}

impl Decoded {
    /// Pre-decode a bundle.
    pub fn from_bundle(b: &Bundle) -> Self {
        let filler = Op {
            slot: Slot {
                qp: 0,
                insn: Insn::MSys(MSysInsn::Nop { imm: 0 }),
            },
            index: 0,
            class: OpClass::Illegal,
            fast: Fast::Illegal,
        };
        let mut ops = [filler; 3];
        let mut len = 0;
        for (i, s) in b.slots.iter().enumerate() {
            let op = match s {
                Ok(s) => Op::new(*s, i as u8),
                Err(e) if e.kind == ErrorKind::LongSecondHalf => continue,
                Err(_) => Op {
                    index: i as u8,
                    ..filler
                },
            };
            ops[len] = op;
            len += 1;
        }
        let generic = ops[..len].iter().any(|o| matches!(o.fast, Fast::Generic));
        let mut run = [0u8; 3];
        let mut nrun = 0;
        for (pos, op) in ops[..len].iter().enumerate() {
            if !matches!(op.fast, Fast::Nop) {
                run[nrun] = pos as u8;
                nrun += 1;
            }
        }
        Self {
            ops,
            len: len as u8,
            template_value: b.template_value,
            generic,
            run,
            nrun: nrun as u8,
            visited: Cell::new(false),
            block: OnceCell::new(),
        }
    }

    /// The block starting at this bundle, which is entry `idx` of `page` (see
    /// [`crate::exec::block`]): built at the second call, `None` before and when no block can
    /// start here.
    #[inline(always)]
    pub fn block(&self, page: &[Option<Decoded>], idx: usize) -> Option<&Block> {
        match self.block.get() {
            Some(b) => b.as_deref(),
            None => self.build_block(page, idx),
        }
    }

    #[cold]
    #[inline(never)]
    fn build_block(&self, page: &[Option<Decoded>], idx: usize) -> Option<&Block> {
        if !self.visited.replace(true) {
            return None;
        }
        self.block
            .get_or_init(|| Block::build(page, idx))
            .as_deref()
    }

    /// The executable slots.
    #[inline(always)]
    pub fn ops(&self) -> &[Op] {
        &self.ops[..usize::from(self.len).min(3)]
    }

    /// The slot number of the bundle's last instruction: 2, or 1 in an MLX bundle (whose L+X
    /// instruction is slot 1; slot 2 holds its second half). An interruption on the L+X
    /// instruction reports IPSR.ri = 1: Linux's `brl` emulation (arch/ia64/kernel/brl_emu.c)
    /// expects exactly that for the `brl` of an MLX bundle.
    #[inline(always)]
    pub fn last_index(&self) -> u8 {
        // Slot numbers are positions in `ops`: the L+X instruction is the last of the two.
        self.len.saturating_sub(1)
    }

    /// The positions in [`Decoded::ops`] of the slots that are not `nop`s.
    #[inline(always)]
    pub fn run(&self) -> &[u8] {
        &self.run[..usize::from(self.nrun).min(3)]
    }
}

/// `nop`/`hint` on the M, I, B and X units: no effect whatever the predicate (SDM Vol. 3 `nop`,
/// `hint`). (F-unit nops go through the F unit, which reports itself unimplemented.)
fn is_nop(insn: &Insn) -> bool {
    matches!(
        insn,
        Insn::MSys(MSysInsn::Nop { .. } | MSysInsn::Hint { .. })
            | Insn::I(IInsn::Nop { .. } | IInsn::Hint { .. })
            | Insn::B(BInsn::Nop { .. } | BInsn::Hint { .. })
            | Insn::X(XInsn::Nop { .. } | XInsn::Hint { .. })
    )
}

/// log2 of the cache page size: 16 KiB, the machine's page size.
pub const PAGE_SHIFT: u32 = 14;
/// Bundles per cache page.
pub const BUNDLES_PER_PAGE: usize = 1 << (PAGE_SHIFT - 4);
const PAGE_MASK: u64 = (1 << PAGE_SHIFT) - 1;

/// One cached page of decoded bundles.
#[derive(Clone, Debug)]
pub struct CachedPage {
    /// Physical page base.
    pub phys: u64,
    /// Virtual page base the bundles were decoded for.
    pub virt: u64,
    bundles: Vec<Option<Decoded>>,
}

/// Statistics of the cache.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct CacheStats {
    /// Bundles decoded.
    pub decoded: u64,
    /// Pages invalidated (code writes, `fc`, `sync.i`, aliasing).
    pub invalidations: u64,
}

/// The cache: pages in a slab, indexed by physical page.
#[derive(Clone, Debug, Default)]
pub struct BundleCache {
    pages: Vec<CachedPage>,
    index: HashMap<u64, usize>,
    /// Counters.
    pub stats: CacheStats,
}

impl BundleCache {
    /// Slab index of the page for physical address `phys`, decoded for virtual address `virt`,
    /// creating (and registering with the memory as code) if needed.
    pub fn page_for<M: Memory + ?Sized>(&mut self, mem: &mut M, phys: u64, virt: u64) -> usize {
        let pbase = phys & !PAGE_MASK;
        let vbase = virt & !PAGE_MASK;
        if let Some(&i) = self.index.get(&pbase) {
            if let Some(p) = self.pages.get_mut(i) {
                if p.virt != vbase {
                    p.virt = vbase;
                    p.bundles.iter_mut().for_each(|b| *b = None);
                    self.stats.invalidations += 1;
                }
                return i;
            }
        }
        mem.mark_code_page(pbase);
        let i = self.pages.len();
        self.pages.push(CachedPage {
            phys: pbase,
            virt: vbase,
            bundles: vec![None; BUNDLES_PER_PAGE],
        });
        self.index.insert(pbase, i);
        i
    }

    /// The bundles of slab page `page`, indexed by `(phys & PAGE_MASK) >> 4` (`None`: not
    /// decoded yet); empty for an unknown page.
    #[inline(always)]
    pub fn page_bundles(&self, page: usize) -> &[Option<Decoded>] {
        self.pages.get(page).map_or(&[], |p| &p.bundles)
    }

    /// The pre-decoded bundle at offset `phys & PAGE_MASK` of slab page `page`, if decoded.
    #[inline(always)]
    pub fn get(&self, page: usize, phys: u64) -> Option<&Decoded> {
        let idx = ((phys & PAGE_MASK) >> 4) as usize;
        self.pages.get(page)?.bundles.get(idx)?.as_ref()
    }

    /// The pre-decoded bundle at offset `phys & PAGE_MASK` of slab page `page`, decoding it on
    /// first use. A read failure is returned as the memory fault.
    #[inline]
    pub fn bundle<M: Memory + ?Sized>(
        &mut self,
        mem: &mut M,
        page: usize,
        phys: u64,
    ) -> Result<&Decoded, MemFault> {
        if self.get(page, phys).is_none() {
            self.decode(mem, page, phys)?;
        }
        match self.get(page, phys) {
            Some(b) => Ok(b),
            // Unreachable with a valid slab index; report it as a fetch failure.
            None => Err(MemFault {
                kind: crate::mem::MemFaultKind::NotPresent,
                addr: phys,
                access: crate::mem::Access::fetch(0),
            }),
        }
    }

    #[cold]
    #[inline(never)]
    fn decode<M: Memory + ?Sized>(
        &mut self,
        mem: &mut M,
        page: usize,
        phys: u64,
    ) -> Result<(), MemFault> {
        let idx = ((phys & PAGE_MASK) >> 4) as usize;
        let bytes = mem.read_bundle_phys(phys & !15)?;
        if let Some(p) = self.pages.get_mut(page) {
            let vaddr = p.virt | (phys & PAGE_MASK & !15);
            if let Some(b) = p.bundles.get_mut(idx) {
                *b = Some(Decoded::from_bundle(&decode_bundle(&bytes, vaddr)));
                self.stats.decoded += 1;
            }
        }
        Ok(())
    }

    /// Forget the decoded bundles of the physical page containing `phys`.
    pub fn invalidate_phys(&mut self, phys: u64) {
        if let Some(&i) = self.index.get(&(phys & !PAGE_MASK)) {
            if let Some(p) = self.pages.get_mut(i) {
                p.bundles.iter_mut().for_each(|b| *b = None);
                self.stats.invalidations += 1;
            }
        }
    }

    /// Forget everything (`sync.i` after unknown writes, address-space teardown).
    pub fn invalidate_all(&mut self) {
        for p in &mut self.pages {
            p.bundles.iter_mut().for_each(|b| *b = None);
        }
        self.stats.invalidations += 1;
    }

    /// Number of cached pages.
    pub fn pages(&self) -> usize {
        self.pages.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mem::{Access, SparseMemory};

    fn nop_mii() -> (u64, u64) {
        // { .mii nop.m 0; nop.i 0; nop.i 0 } : template 0, slot0 = nop.m (0x0008000000)
        (0x0000_0100_0000_0000, 0x0004_0000_0000_0200)
    }

    #[test]
    fn decodes_once_and_invalidates() {
        let mut m = SparseMemory::new();
        let (lo, hi) = nop_mii();
        m.write_u64(0x4000, lo, Access::data(0)).unwrap();
        m.write_u64(0x4008, hi, Access::data(0)).unwrap();
        let mut c = BundleCache::default();
        let p = c.page_for(&mut m, 0x4000, 0x4000);
        let t = c.bundle(&mut m, p, 0x4000).unwrap().template_value;
        assert_eq!(t, 0);
        c.bundle(&mut m, p, 0x4000).unwrap();
        assert_eq!(c.stats.decoded, 1);
        c.invalidate_phys(0x4010);
        c.bundle(&mut m, p, 0x4000).unwrap();
        assert_eq!(c.stats.decoded, 2);
        // Another virtual alias re-decodes.
        let p2 = c.page_for(&mut m, 0x4000, 0x8000);
        assert_eq!(p, p2);
        c.bundle(&mut m, p, 0x4000).unwrap();
        assert_eq!(c.stats.decoded, 3);
    }
}
