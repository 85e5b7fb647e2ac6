//! The narrow, fallible memory interface the CPU core uses.
//!
//! The CPU knows nothing about devices, page tables or the guest kernel: every access goes through
//! [`Memory`], which either returns the data or a [`MemFault`] value that says what went wrong and
//! where. The [`Access`] passed with every call tells the implementation *who* is accessing memory,
//! because the architecture reports faults differently for ordinary data references, Register
//! Stack Engine spills/fills (ISR.rs, ISR.ir; SDM Vol. 2 Part I §6.6 "RSE Interruptions") and
//! instruction fetches, and because RSE references use the privilege level in AR.RSC.pl rather
//! than PSR.cpl (SDM Vol. 2 Part I §6.4, "RSE Privilege Level").
//!
//! [`SparseMemory`] is a small word-granular implementation used by unit and property tests (and
//! handy for any test of code built on the CPU crate). It can be told to fault on address ranges.
//!
//! ```
//! use ia64_cpu::mem::{Access, Memory, SparseMemory};
//! let mut m = SparseMemory::new();
//! m.write_u64(0x1000, 42, Access::data(0)).unwrap();
//! assert_eq!(m.read_u64(0x1000, Access::data(0)), Ok(42));
//! assert_eq!(m.read_u64(0x2000, Access::data(0)), Ok(0)); // untouched memory reads as zero
//! ```

use std::collections::BTreeMap;

/// Who performs a memory access (the architecture reports faults differently for each).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum AccessKind {
    /// An ordinary data load or store executed by an instruction.
    Data,
    /// A Register Stack Engine store (spill of a stacked register or of a NaT collection).
    RseSpill,
    /// A Register Stack Engine load (fill of a stacked register or of a NaT collection).
    RseFill,
    /// An instruction fetch.
    Fetch,
    /// A side-effect-free access by a debugger or tracer (never faults on MMIO side effects).
    Debug,
}

/// One access: its kind and the privilege level it is performed at (0 = most privileged).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Access {
    /// Who accesses memory.
    pub kind: AccessKind,
    /// Privilege level of the access (PSR.cpl for data/fetch, AR.RSC.pl for the RSE).
    pub pl: u8,
}

impl Access {
    /// A data access at privilege level `pl`.
    pub fn data(pl: u8) -> Self {
        Self {
            kind: AccessKind::Data,
            pl,
        }
    }
    /// An RSE store at privilege level `pl` (AR.RSC.pl).
    pub fn rse_spill(pl: u8) -> Self {
        Self {
            kind: AccessKind::RseSpill,
            pl,
        }
    }
    /// An RSE load at privilege level `pl` (AR.RSC.pl).
    pub fn rse_fill(pl: u8) -> Self {
        Self {
            kind: AccessKind::RseFill,
            pl,
        }
    }
    /// An instruction fetch at privilege level `pl`.
    pub fn fetch(pl: u8) -> Self {
        Self {
            kind: AccessKind::Fetch,
            pl,
        }
    }
    /// A debugger access (privilege 0).
    pub fn debug() -> Self {
        Self {
            kind: AccessKind::Debug,
            pl: 0,
        }
    }
}

/// Access width in bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Size {
    /// 1 byte.
    B1,
    /// 2 bytes.
    B2,
    /// 4 bytes.
    B4,
    /// 8 bytes.
    B8,
}

impl Size {
    /// Number of bytes.
    pub fn bytes(self) -> u64 {
        match self {
            Size::B1 => 1,
            Size::B2 => 2,
            Size::B4 => 4,
            Size::B8 => 8,
        }
    }
}

/// Why an access failed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum MemFaultKind {
    /// No translation / nothing mapped at the address (TLB miss, page not present).
    NotPresent,
    /// The translation forbids this access (access rights, privilege level).
    Protection,
    /// The address is not naturally aligned for the access size.
    Unaligned,
    /// The address lies outside the implemented address space.
    Unimplemented,
    /// The access hit a NaT page (speculative-only memory).
    NatPage,
}

/// A memory fault as a value: what happened, at which address, for which access.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct MemFault {
    /// Why the access failed.
    pub kind: MemFaultKind,
    /// The faulting address (becomes CR.IFA when delivered).
    pub addr: u64,
    /// The access that faulted.
    pub access: Access,
}

/// The memory interface of the CPU core: little-endian, fallible, side effects allowed (MMIO).
///
/// Implementors provide [`Memory::read`] and [`Memory::write`]; the sized helpers are provided.
pub trait Memory {
    /// Read `size` bytes at `addr` (zero-extended, little-endian).
    fn read(&mut self, addr: u64, size: Size, access: Access) -> Result<u64, MemFault>;
    /// Write the low `size` bytes of `value` at `addr` (little-endian).
    fn write(&mut self, addr: u64, size: Size, value: u64, access: Access) -> Result<(), MemFault>;

    /// Read one byte.
    fn read_u8(&mut self, addr: u64, access: Access) -> Result<u8, MemFault> {
        self.read(addr, Size::B1, access).map(|v| (v & 0xff) as u8)
    }
    /// Read two bytes.
    fn read_u16(&mut self, addr: u64, access: Access) -> Result<u16, MemFault> {
        self.read(addr, Size::B2, access)
            .map(|v| (v & 0xffff) as u16)
    }
    /// Read four bytes.
    fn read_u32(&mut self, addr: u64, access: Access) -> Result<u32, MemFault> {
        self.read(addr, Size::B4, access)
            .map(|v| (v & 0xffff_ffff) as u32)
    }
    /// Read eight bytes.
    fn read_u64(&mut self, addr: u64, access: Access) -> Result<u64, MemFault> {
        self.read(addr, Size::B8, access)
    }
    /// Write one byte.
    fn write_u8(&mut self, addr: u64, v: u8, access: Access) -> Result<(), MemFault> {
        self.write(addr, Size::B1, u64::from(v), access)
    }
    /// Write two bytes.
    fn write_u16(&mut self, addr: u64, v: u16, access: Access) -> Result<(), MemFault> {
        self.write(addr, Size::B2, u64::from(v), access)
    }
    /// Write four bytes.
    fn write_u32(&mut self, addr: u64, v: u32, access: Access) -> Result<(), MemFault> {
        self.write(addr, Size::B4, u64::from(v), access)
    }
    /// Write eight bytes.
    fn write_u64(&mut self, addr: u64, v: u64, access: Access) -> Result<(), MemFault> {
        self.write(addr, Size::B8, v, access)
    }

    /// Translate an instruction fetch of the bundle at virtual `addr` (16-byte aligned) at
    /// privilege `pl` and return the physical address, the decoded-bundle cache key.
    /// Default: identity mapping, no permission checks.
    fn translate_fetch(&mut self, addr: u64, pl: u8) -> Result<u64, MemFault> {
        let _ = pl;
        Ok(addr)
    }

    /// Read the 16 bytes of the bundle at *physical* address `phys` (returned by
    /// [`Memory::translate_fetch`]).
    fn read_bundle_phys(&mut self, phys: u64) -> Result<[u8; 16], MemFault> {
        let lo = self.read_u64(phys, Access::fetch(0))?;
        let hi = self.read_u64(phys.wrapping_add(8), Access::fetch(0))?;
        let mut b = [0u8; 16];
        b[..8].copy_from_slice(&lo.to_le_bytes());
        b[8..].copy_from_slice(&hi.to_le_bytes());
        Ok(b)
    }

    /// A counter the memory bumps whenever a cached fetch may have become wrong: a translation
    /// changed (mapping, protection, address-space switch) or a store hit a physical page
    /// registered with [`Memory::mark_code_page`]. The CPU compares it before trusting its
    /// fetch fast path. Default: never changes.
    fn fetch_generation(&self) -> u64 {
        0
    }

    /// Register the physical page containing `phys` as holding decoded code: stores to it must
    /// bump [`Memory::fetch_generation`] and be reported by [`Memory::drain_code_writes`].
    fn mark_code_page(&mut self, phys: u64) {
        let _ = phys;
    }

    /// Move the physical addresses (any address inside the page) of code pages written since
    /// the last call into `out`.
    fn drain_code_writes(&mut self, out: &mut Vec<u64>) {
        let _ = out;
    }

    /// `epc` with PSR.it = 1 (SDM Vol. 3 `epc`, "tlb_enter_privileged_code"): if the page holding
    /// the bundle at virtual `ip` is an execute-promote page (TLB.ar = 7, "X_RX"; SDM Vol. 2
    /// Part I §4.1.1.6 Table 4-3), the privilege level of its translation (TLB.pl, 0..=3);
    /// `None` for any other page. The CPU promotes PSR.cpl to that level when it is numerically
    /// lower. Default: no promote pages.
    fn epc_promotion(&mut self, ip: u64) -> Option<u8> {
        let _ = ip;
        None
    }

    /// The translation-dependent instructions (`tpa`, `probe`, `tak`, TLB inserts and purges)
    /// ask the memory system; the default has no TLB (identity map, everything allowed).
    fn translation_op(&mut self, op: TranslationOp) -> Result<u64, MemFault> {
        match op {
            TranslationOp::Tpa { addr } => Ok(addr),
            TranslationOp::Probe { .. } => Ok(1),
            TranslationOp::Tak { .. } => Ok(0),
            _ => Ok(0),
        }
    }
}

/// A translation-related request made by an instruction (SDM Vol. 3 `tpa`, `probe`, `tak`,
/// `itc`, `itr`, `ptc.*`, `ptr`). The memory answers with a value (or a fault for `tpa`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TranslationOp {
    /// `tpa`: physical address of virtual `addr` (faults like a data reference).
    Tpa {
        /// Virtual address.
        addr: u64,
    },
    /// `probe.r`/`probe.w`/`probe.rw`: 1 if an access at privilege `pl` would be allowed.
    Probe {
        /// Virtual address.
        addr: u64,
        /// Privilege level to test.
        pl: u8,
        /// Test read permission.
        read: bool,
        /// Test write permission.
        write: bool,
    },
    /// `tak`: protection key of the translation of `addr` (1 if none).
    Tak {
        /// Virtual address.
        addr: u64,
    },
    /// `itc.i`/`itc.d`: insert a translation cache entry (IFA, ITIR from CR; `pte` from GR).
    InsertCache {
        /// Instruction (true) or data (false) TLB.
        instruction: bool,
        /// CR.IFA.
        ifa: u64,
        /// CR.ITIR.
        itir: u64,
        /// The PTE operand.
        pte: u64,
    },
    /// `itr.i`/`itr.d`: insert a translation register.
    InsertRegister {
        /// Instruction (true) or data (false) TLB.
        instruction: bool,
        /// Translation register slot.
        slot: u64,
        /// CR.IFA.
        ifa: u64,
        /// CR.ITIR.
        itir: u64,
        /// The PTE operand.
        pte: u64,
    },
    /// `ptc.l`/`ptc.g`/`ptc.ga`/`ptr.i`/`ptr.d`: purge translations of `[addr, addr+2^ps)`.
    Purge {
        /// Virtual address.
        addr: u64,
        /// log2 of the purge size (bits 7:2 of the size operand).
        ps: u8,
        /// Purge instruction translations.
        instruction: bool,
        /// Purge data translations.
        data: bool,
        /// Also purge translation registers (`ptr`).
        registers: bool,
    },
    /// `ptc.e`: purge the whole local translation cache.
    PurgeAll,
}

/// A sparse, word-granular test memory: untouched memory reads as zero.
///
/// Accesses must be naturally aligned (else [`MemFaultKind::Unaligned`]); address ranges added with
/// [`SparseMemory::add_fault_range`] fault with the given kind (for fault-injection tests).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SparseMemory {
    words: BTreeMap<u64, u64>,
    faults: Vec<(u64, u64, MemFaultKind)>,
    /// Number of successful reads (all sizes, all kinds).
    pub reads: u64,
    /// Number of successful writes (all sizes, all kinds).
    pub writes: u64,
}

impl SparseMemory {
    /// Empty memory (all zero).
    pub fn new() -> Self {
        Self::default()
    }

    /// Make every access to `[lo, hi)` fault with `kind`.
    pub fn add_fault_range(&mut self, lo: u64, hi: u64, kind: MemFaultKind) {
        self.faults.push((lo, hi, kind));
    }

    /// Remove every fault range.
    pub fn clear_fault_ranges(&mut self) {
        self.faults.clear();
    }

    /// The stored 8-byte words (address → value), zero words included if they were written.
    pub fn words(&self) -> &BTreeMap<u64, u64> {
        &self.words
    }

    /// Side-effect-free read of the aligned word containing `addr`.
    pub fn peek_u64(&self, addr: u64) -> u64 {
        self.words.get(&(addr & !7)).copied().unwrap_or(0)
    }

    /// Side-effect-free write of the aligned word containing `addr`.
    pub fn poke_u64(&mut self, addr: u64, v: u64) {
        self.words.insert(addr & !7, v);
    }

    fn check(&self, addr: u64, size: Size, access: Access) -> Result<(), MemFault> {
        if addr & (size.bytes() - 1) != 0 {
            return Err(MemFault {
                kind: MemFaultKind::Unaligned,
                addr,
                access,
            });
        }
        match self
            .faults
            .iter()
            .find(|(lo, hi, _)| addr >= *lo && addr < *hi)
        {
            Some((_, _, kind)) => Err(MemFault {
                kind: *kind,
                addr,
                access,
            }),
            None => Ok(()),
        }
    }
}

/// Mask of the low `size` bytes.
fn size_mask(size: Size) -> u64 {
    match size {
        Size::B8 => u64::MAX,
        other => (1u64 << (other.bytes() * 8)) - 1,
    }
}

impl Memory for SparseMemory {
    fn read(&mut self, addr: u64, size: Size, access: Access) -> Result<u64, MemFault> {
        self.check(addr, size, access)?;
        let shift = (addr & 7) * 8;
        self.reads = self.reads.wrapping_add(1);
        Ok((self.peek_u64(addr) >> shift) & size_mask(size))
    }

    fn write(&mut self, addr: u64, size: Size, value: u64, access: Access) -> Result<(), MemFault> {
        self.check(addr, size, access)?;
        let shift = (addr & 7) * 8;
        let mask = size_mask(size) << shift;
        let old = self.peek_u64(addr);
        self.poke_u64(addr, (old & !mask) | ((value << shift) & mask));
        self.writes = self.writes.wrapping_add(1);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sub_word_accesses_are_little_endian() {
        let mut m = SparseMemory::new();
        m.write_u64(0x100, 0x1122_3344_5566_7788, Access::data(0))
            .unwrap();
        assert_eq!(m.read_u8(0x100, Access::data(0)), Ok(0x88));
        assert_eq!(m.read_u16(0x106, Access::data(0)), Ok(0x1122));
        assert_eq!(m.read_u32(0x104, Access::data(0)), Ok(0x1122_3344));
        m.write_u8(0x101, 0xAB, Access::data(0)).unwrap();
        assert_eq!(m.peek_u64(0x100), 0x1122_3344_5566_AB88);
    }

    #[test]
    fn faults_are_values() {
        let mut m = SparseMemory::new();
        m.add_fault_range(0x2000, 0x3000, MemFaultKind::NotPresent);
        let e = m.read_u64(0x2008, Access::rse_fill(3)).unwrap_err();
        assert_eq!(e.kind, MemFaultKind::NotPresent);
        assert_eq!(e.addr, 0x2008);
        assert_eq!(e.access.kind, AccessKind::RseFill);
        let e = m.read_u32(0x1002, Access::data(0)).unwrap_err();
        assert_eq!(e.kind, MemFaultKind::Unaligned);
    }
}

/// A fast memory of a few contiguous regions (byte vectors), for benchmarks and tests that run
/// guest code on CPU + RAM alone. Accesses outside every region fault with `NotPresent`;
/// unaligned accesses fault with `Unaligned`. No permissions, no translation, and no code-write
/// tracking (the default [`Memory::fetch_generation`] never changes).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FlatMemory {
    regions: Vec<(u64, Vec<u8>)>,
    last: usize,
}

impl FlatMemory {
    /// No regions.
    pub fn new() -> Self {
        Self::default()
    }

    /// Add a zero-filled region `[base, base + len)`.
    pub fn add_region(&mut self, base: u64, len: usize) {
        self.regions.push((base, vec![0; len]));
    }

    /// Copy `data` to `addr` (must lie inside one region).
    pub fn load(&mut self, addr: u64, data: &[u8]) -> Result<(), MemFault> {
        let (r, off) = self.locate(addr, data.len() as u64, Access::debug())?;
        self.regions[r].1[off..off + data.len()].copy_from_slice(data);
        Ok(())
    }

    #[inline(always)]
    fn locate(&mut self, addr: u64, len: u64, access: Access) -> Result<(usize, usize), MemFault> {
        let hit = |(base, v): &(u64, Vec<u8>)| {
            addr.checked_sub(*base)
                .filter(|off| off.checked_add(len).is_some_and(|e| e <= v.len() as u64))
        };
        if let Some(off) = self.regions.get(self.last).and_then(hit) {
            return Ok((self.last, off as usize));
        }
        for (i, r) in self.regions.iter().enumerate() {
            if let Some(off) = hit(r) {
                self.last = i;
                return Ok((i, off as usize));
            }
        }
        Err(MemFault {
            kind: MemFaultKind::NotPresent,
            addr,
            access,
        })
    }
}

impl Memory for FlatMemory {
    #[inline]
    fn read(&mut self, addr: u64, size: Size, access: Access) -> Result<u64, MemFault> {
        let n = size.bytes();
        if addr & (n - 1) != 0 {
            return Err(MemFault {
                kind: MemFaultKind::Unaligned,
                addr,
                access,
            });
        }
        let (r, off) = self.locate(addr, n, access)?;
        let mut b = [0u8; 8];
        b[..n as usize].copy_from_slice(&self.regions[r].1[off..off + n as usize]);
        Ok(u64::from_le_bytes(b))
    }

    #[inline]
    fn write(&mut self, addr: u64, size: Size, value: u64, access: Access) -> Result<(), MemFault> {
        let n = size.bytes();
        if addr & (n - 1) != 0 {
            return Err(MemFault {
                kind: MemFaultKind::Unaligned,
                addr,
                access,
            });
        }
        let (r, off) = self.locate(addr, n, access)?;
        self.regions[r].1[off..off + n as usize]
            .copy_from_slice(&value.to_le_bytes()[..n as usize]);
        Ok(())
    }
}
