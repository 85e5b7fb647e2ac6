//! Address spaces: page tables from 16 KiB virtual pages to physical frames with R/W/X
//! permissions and a privilege level, plus the region IDs of the eight IA-64 regions.
//!
//! Linux/ia64 splits the 64-bit space into eight regions (VA bits 63:61); regions 0-4 belong to
//! the process, regions 5-7 to the kernel. Accordingly a machine has one
//! [`SpaceKind::Kernel`] space (regions 5-7: the gate page, kernel-only per-task areas), shared by
//! every task, and one [`SpaceKind::User`] space per process (regions 0-4). Mapping outside the
//! space's regions, or at an unimplemented address ([`crate::layout::IMPL_VA_MSB`]), is an error.
//!
//! Every change (map, unmap, protect) bumps [`AddressSpace::version`]; software TLBs compare it
//! to know when to flush (see [`crate::tlb`]).
//!
//! A page can also be an *execute-promote* page ([`Pte::promote`], set with
//! [`AddressSpace::set_promote`]): the architecture's TLB.ar = 7 ("X_RX"; SDM Vol. 2 Part I
//! §4.1.1.6 Table 4-3), on which `epc` raises PSR.cpl to the page's privilege level (SDM Vol. 3
//! `epc`), as Linux/ia64 maps its gate page for `__kernel_syscall_via_epc`. In this model who may
//! fetch or read the page is still given by its [`Perm`] and [`PageLevel`] (map it
//! `PageLevel::User` with X so that every level can execute it, as TLB.ar = 7 allows), and the
//! level `epc` promotes to is [`Pte::promote`]. Pages are not promote pages unless marked.
//!
//! ```
//! use ia64_machine::phys::PhysMem;
//! use ia64_machine::space::{AddressSpace, Perm, PageLevel, SpaceKind};
//! let mut phys = PhysMem::new();
//! let mut s = AddressSpace::new(SpaceKind::User);
//! s.map(&mut phys, 0x4000_0000_0000_0000, 0x8000, Perm::RX, PageLevel::User).unwrap();
//! assert!(s.lookup(0x4000_0000_0000_7fff).is_some());
//! assert!(s.lookup(0x4000_0000_0000_8000).is_none());
//! ```

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicU64, Ordering};

use crate::layout::{is_implemented, region_of, LAST_USER_REGION};
use crate::phys::{PhysError, PhysMem, PAGE_MASK, PAGE_SHIFT, PAGE_SIZE};

/// Page access rights (a subset of R, W, X).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub struct Perm(pub u8);

impl Perm {
    /// No access.
    pub const NONE: Perm = Perm(0);
    /// Read.
    pub const R: Perm = Perm(1);
    /// Write.
    pub const W: Perm = Perm(2);
    /// Execute.
    pub const X: Perm = Perm(4);
    /// Read + write.
    pub const RW: Perm = Perm(3);
    /// Read + execute.
    pub const RX: Perm = Perm(5);
    /// Read + write + execute.
    pub const RWX: Perm = Perm(7);

    /// Readable.
    pub const fn read(self) -> bool {
        self.0 & 1 != 0
    }
    /// Writable.
    pub const fn write(self) -> bool {
        self.0 & 2 != 0
    }
    /// Executable.
    pub const fn exec(self) -> bool {
        self.0 & 4 != 0
    }
    /// Union of two permission sets.
    pub const fn union(self, o: Perm) -> Perm {
        Perm((self.0 | o.0) & 7)
    }
    /// From ELF `p_flags` (PF_X = 1, PF_W = 2, PF_R = 4).
    pub const fn from_elf_flags(f: u32) -> Perm {
        let mut p = 0;
        if f & 4 != 0 {
            p |= 1;
        }
        if f & 2 != 0 {
            p |= 2;
        }
        if f & 1 != 0 {
            p |= 4;
        }
        Perm(p)
    }
    /// From mmap `PROT_*` bits (PROT_READ = 1, PROT_WRITE = 2, PROT_EXEC = 4).
    pub const fn from_prot(prot: u32) -> Perm {
        Perm((prot & 7) as u8)
    }
}

impl std::fmt::Display for Perm {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let c = |b: bool, ch: char| if b { ch } else { '-' };
        write!(
            f,
            "{}{}{}",
            c(self.read(), 'r'),
            c(self.write(), 'w'),
            c(self.exec(), 'x')
        )
    }
}

/// Privilege level of a page (the TLB's `pl` field): who may touch it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PageLevel {
    /// pl 0: kernel only.
    Kernel,
    /// pl 3: accessible at every privilege level.
    User,
}

impl PageLevel {
    /// The architectural page privilege level (0 or 3). An access at level `cpl` is allowed
    /// when `cpl <= pl`.
    pub const fn pl(self) -> u8 {
        match self {
            PageLevel::Kernel => 0,
            PageLevel::User => 3,
        }
    }
}

/// One page-table entry.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Pte {
    /// Physical frame number.
    pub frame: u64,
    /// Access rights.
    pub perm: Perm,
    /// Privilege level of the page.
    pub level: PageLevel,
    /// Present: a non-present entry faults with `NotPresent` (reserved but not populated).
    pub present: bool,
    /// NaT page (memory attribute NaTPage): non-speculative accesses fault with `NatPage`.
    pub nat_page: bool,
    /// Execute-promote page (TLB.ar = 7): the level `epc` on this page promotes PSR.cpl to
    /// (when numerically lower). `None` (every page unless marked): `epc` changes nothing.
    pub promote: Option<PageLevel>,
}

/// Which regions a space covers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SpaceKind {
    /// Regions 0-4 (a process).
    User,
    /// Regions 5-7 (the kernel, shared by all tasks).
    Kernel,
}

/// Why a mapping operation failed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum MapError {
    /// The range is not page aligned or wraps around.
    #[error("range {addr:#x}+{len:#x} is not page aligned")]
    Unaligned {
        /// Start.
        addr: u64,
        /// Length.
        len: u64,
    },
    /// The range leaves the space's regions (user 0-4, kernel 5-7) or a region.
    #[error("address {0:#x} is outside this address space's regions")]
    WrongRegion(u64),
    /// The range contains an unimplemented virtual address.
    #[error("address {0:#x} is not an implemented virtual address")]
    Unimplemented(u64),
    /// Mapping over an existing page.
    #[error("page {0:#x} is already mapped")]
    AlreadyMapped(u64),
    /// Protecting or copying a range with a hole.
    #[error("page {0:#x} is not mapped")]
    NotMapped(u64),
    /// Physical memory exhausted.
    #[error("{0}")]
    Phys(#[from] PhysError),
}

static NEXT_SPACE_ID: AtomicU64 = AtomicU64::new(1);

/// An address space: a page table plus region IDs.
#[derive(Debug)]
pub struct AddressSpace {
    id: u64,
    kind: SpaceKind,
    version: u64,
    /// Region IDs of the eight regions (`rr0`..`rr7` RID fields).
    pub rids: [u32; 8],
    pages: BTreeMap<u64, Pte>,
}

impl AddressSpace {
    /// An empty space. Its ID is unique in the process; region IDs are derived from it.
    pub fn new(kind: SpaceKind) -> Self {
        let id = NEXT_SPACE_ID.fetch_add(1, Ordering::Relaxed);
        let mut rids = [0u32; 8];
        for (r, rid) in rids.iter_mut().enumerate() {
            // Linux gives each mm a context and uses rid = context * 8 + region.
            *rid = ((id as u32) << 3) | r as u32;
        }
        Self {
            id,
            kind,
            version: 0,
            rids,
            pages: BTreeMap::new(),
        }
    }

    /// Unique identity (compared by TLBs to detect a switch).
    pub fn id(&self) -> u64 {
        self.id
    }
    /// User or kernel.
    pub fn kind(&self) -> SpaceKind {
        self.kind
    }
    /// Bumped on every change of a mapping or permission.
    pub fn version(&self) -> u64 {
        self.version
    }
    /// Number of mapped pages.
    pub fn page_count(&self) -> usize {
        self.pages.len()
    }

    fn covers_region(&self, r: u8) -> bool {
        match self.kind {
            SpaceKind::User => r <= LAST_USER_REGION,
            SpaceKind::Kernel => r > LAST_USER_REGION,
        }
    }

    /// Validate `[addr, addr+len)`: page aligned, one covered region, implemented.
    fn check_range(&self, addr: u64, len: u64) -> Result<u64, MapError> {
        if addr & PAGE_MASK != 0 || len & PAGE_MASK != 0 {
            return Err(MapError::Unaligned { addr, len });
        }
        if len == 0 {
            return Ok(addr);
        }
        let last = addr
            .checked_add(len - 1)
            .ok_or(MapError::Unaligned { addr, len })?;
        let r = region_of(addr);
        if !self.covers_region(r) {
            return Err(MapError::WrongRegion(addr));
        }
        if region_of(last) != r {
            return Err(MapError::WrongRegion(last));
        }
        if !is_implemented(addr) {
            return Err(MapError::Unimplemented(addr));
        }
        if !is_implemented(last) {
            return Err(MapError::Unimplemented(last));
        }
        // Both ends implemented but the range straddles the unimplemented hole.
        if (addr ^ last) & (1 << crate::layout::IMPL_VA_MSB) != 0 {
            return Err(MapError::Unimplemented(last));
        }
        Ok(last)
    }

    /// Map `[addr, addr+len)` to fresh zero frames. Fails (changing nothing) if any page is
    /// already mapped.
    pub fn map(
        &mut self,
        phys: &mut PhysMem,
        addr: u64,
        len: u64,
        perm: Perm,
        level: PageLevel,
    ) -> Result<(), MapError> {
        self.check_range(addr, len)?;
        let first = addr >> PAGE_SHIFT;
        let n = len >> PAGE_SHIFT;
        if let Some((&vpn, _)) = self.pages.range(first..first + n).next() {
            return Err(MapError::AlreadyMapped(vpn << PAGE_SHIFT));
        }
        for i in 0..n {
            let frame = match phys.alloc_frame() {
                Ok(f) => f,
                Err(e) => {
                    // Roll back what this call mapped.
                    for j in 0..i {
                        if let Some(p) = self.pages.remove(&(first + j)) {
                            phys.release_frame(p.frame);
                        }
                    }
                    return Err(e.into());
                }
            };
            self.pages.insert(
                first + i,
                Pte {
                    frame,
                    perm,
                    level,
                    present: true,
                    nat_page: false,
                    promote: None,
                },
            );
        }
        self.version += 1;
        Ok(())
    }

    /// Map one page at `addr` to an existing frame (shared mapping; takes a frame reference).
    pub fn map_frame(
        &mut self,
        phys: &mut PhysMem,
        addr: u64,
        frame: u64,
        perm: Perm,
        level: PageLevel,
    ) -> Result<(), MapError> {
        self.check_range(addr, PAGE_SIZE)?;
        let vpn = addr >> PAGE_SHIFT;
        if self.pages.contains_key(&vpn) {
            return Err(MapError::AlreadyMapped(addr));
        }
        phys.share_frame(frame);
        self.pages.insert(
            vpn,
            Pte {
                frame,
                perm,
                level,
                present: true,
                nat_page: false,
                promote: None,
            },
        );
        self.version += 1;
        Ok(())
    }

    /// Unmap every mapped page of `[addr, addr+len)` (holes are fine, like `munmap`), releasing
    /// their frames. Returns the number of pages unmapped.
    pub fn unmap(&mut self, phys: &mut PhysMem, addr: u64, len: u64) -> Result<u64, MapError> {
        self.check_range(addr, len)?;
        let first = addr >> PAGE_SHIFT;
        let keys: Vec<u64> = self
            .pages
            .range(first..first + (len >> PAGE_SHIFT))
            .map(|(k, _)| *k)
            .collect();
        for k in &keys {
            if let Some(p) = self.pages.remove(k) {
                phys.release_frame(p.frame);
            }
        }
        if !keys.is_empty() {
            self.version += 1;
        }
        Ok(keys.len() as u64)
    }

    /// Change the permissions of every page of `[addr, addr+len)`; fails (changing nothing) if
    /// a page is not mapped (`mprotect`'s ENOMEM).
    pub fn protect(&mut self, addr: u64, len: u64, perm: Perm) -> Result<(), MapError> {
        self.check_range(addr, len)?;
        let first = addr >> PAGE_SHIFT;
        let n = len >> PAGE_SHIFT;
        if let Some(hole) = (first..first + n).find(|v| !self.pages.contains_key(v)) {
            return Err(MapError::NotMapped(hole << PAGE_SHIFT));
        }
        for (_, p) in self.pages.range_mut(first..first + n) {
            p.perm = perm;
        }
        self.version += 1;
        Ok(())
    }

    /// Make every page of `[addr, addr+len)` an execute-promote page whose `epc` promotes to
    /// `to` (`Some`), or an ordinary page again (`None`); fails (changing nothing) if a page is
    /// not mapped. Permissions and levels are unchanged.
    pub fn set_promote(
        &mut self,
        addr: u64,
        len: u64,
        to: Option<PageLevel>,
    ) -> Result<(), MapError> {
        self.check_range(addr, len)?;
        let first = addr >> PAGE_SHIFT;
        let n = len >> PAGE_SHIFT;
        if let Some(hole) = (first..first + n).find(|v| !self.pages.contains_key(v)) {
            return Err(MapError::NotMapped(hole << PAGE_SHIFT));
        }
        for (_, p) in self.pages.range_mut(first..first + n) {
            p.promote = to;
        }
        self.version += 1;
        Ok(())
    }

    /// Replace the whole entry of a mapped page (present, NaT page, level, permissions).
    pub fn set_pte(&mut self, addr: u64, pte: Pte) -> Result<(), MapError> {
        let vpn = addr >> PAGE_SHIFT;
        match self.pages.get_mut(&vpn) {
            Some(p) => {
                *p = pte;
                self.version += 1;
                Ok(())
            }
            None => Err(MapError::NotMapped(addr & !PAGE_MASK)),
        }
    }

    /// The entry of the page containing `va`, if mapped.
    #[inline]
    pub fn lookup(&self, va: u64) -> Option<&Pte> {
        self.pages.get(&(va >> PAGE_SHIFT))
    }

    /// Whether every page of `[addr, addr+len)` is mapped.
    pub fn is_mapped(&self, addr: u64, len: u64) -> bool {
        if len == 0 {
            return true;
        }
        let Some(last) = addr.checked_add(len - 1) else {
            return false;
        };
        (addr >> PAGE_SHIFT..=last >> PAGE_SHIFT).all(|v| self.pages.contains_key(&v))
    }

    /// The lowest page-aligned address `>= from` where `len` bytes are unmapped, ending at or
    /// below `limit` (for `mmap` without a fixed address).
    pub fn find_free(&self, from: u64, len: u64, limit: u64) -> Option<u64> {
        if len == 0 || len & PAGE_MASK != 0 {
            return None;
        }
        let mut cand = crate::layout::page_align_up(from);
        for (&vpn, _) in self.pages.range(cand >> PAGE_SHIFT..) {
            let page = vpn << PAGE_SHIFT;
            if page >= cand.checked_add(len)? {
                break;
            }
            cand = page + PAGE_SIZE;
        }
        let end = cand.checked_add(len)?;
        (end <= limit && self.check_range(cand, len).is_ok()).then_some(cand)
    }

    /// Mapped pages in address order: (virtual page address, entry).
    pub fn pages(&self) -> impl Iterator<Item = (u64, &Pte)> + '_ {
        self.pages.iter().map(|(v, p)| (v << PAGE_SHIFT, p))
    }

    /// Contiguous runs of pages with equal permissions and level (and promote level), like
    /// `/proc/pid/maps`: (start, end, perm, level).
    pub fn ranges(&self) -> Vec<(u64, u64, Perm, PageLevel)> {
        let mut out: Vec<(u64, u64, Perm, PageLevel)> = Vec::new();
        let mut last_promote = None;
        for (va, p) in self.pages() {
            match out.last_mut() {
                Some(last)
                    if last.1 == va
                        && last.2 == p.perm
                        && last.3 == p.level
                        && last_promote == p.promote =>
                {
                    last.1 = va + PAGE_SIZE
                }
                _ => out.push((va, va + PAGE_SIZE, p.perm, p.level)),
            }
            last_promote = p.promote;
        }
        out
    }

    /// A copy of this space with fresh frames holding the same contents (eager `fork`).
    pub fn duplicate(&self, phys: &mut PhysMem) -> Result<AddressSpace, MapError> {
        let mut new = AddressSpace::new(self.kind);
        for (&vpn, p) in &self.pages {
            let frame = match phys.alloc_frame() {
                Ok(f) => f,
                Err(e) => {
                    new.release_all(phys);
                    return Err(e.into());
                }
            };
            phys.copy_frame(p.frame, frame)?;
            new.pages.insert(vpn, Pte { frame, ..*p });
        }
        Ok(new)
    }

    /// Unmap everything (exec, exit), releasing all frames.
    pub fn release_all(&mut self, phys: &mut PhysMem) {
        for (_, p) in std::mem::take(&mut self.pages) {
            phys.release_frame(p.frame);
        }
        self.version += 1;
    }

    /// Translate `va` to a physical address ignoring permissions (mapped and present only).
    pub fn translate(&self, va: u64) -> Option<u64> {
        let p = self.lookup(va)?;
        p.present
            .then_some((p.frame << PAGE_SHIFT) | (va & PAGE_MASK))
    }

    /// Host-side copy into guest virtual memory, ignoring permissions (loader, kernel). Every
    /// page must be mapped and present.
    pub fn write_bytes(&self, phys: &mut PhysMem, va: u64, data: &[u8]) -> Result<(), MapError> {
        self.for_each_chunk(va, data.len() as u64, |pa, off, n| {
            phys.write_bytes(pa, &data[off..off + n])
                .map_err(Into::into)
        })
    }

    /// Host-side copy out of guest virtual memory, ignoring permissions.
    pub fn read_bytes(&self, phys: &PhysMem, va: u64, buf: &mut [u8]) -> Result<(), MapError> {
        let len = buf.len() as u64;
        self.for_each_chunk(va, len, |pa, off, n| {
            phys.read_bytes(pa, &mut buf[off..off + n])
                .map_err(Into::into)
        })
    }

    fn for_each_chunk(
        &self,
        va: u64,
        len: u64,
        mut f: impl FnMut(u64, usize, usize) -> Result<(), MapError>,
    ) -> Result<(), MapError> {
        let mut done = 0u64;
        while done < len {
            let a = va.checked_add(done).ok_or(MapError::NotMapped(va))?;
            let pa = self
                .translate(a)
                .ok_or(MapError::NotMapped(a & !PAGE_MASK))?;
            let n = (PAGE_SIZE - (a & PAGE_MASK)).min(len - done);
            f(pa, done as usize, n as usize)?;
            done += n;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const T: u64 = 0x4000_0000_0000_0000;

    #[test]
    fn map_unmap_protect() {
        let mut phys = PhysMem::new();
        let mut s = AddressSpace::new(SpaceKind::User);
        let v0 = s.version();
        s.map(&mut phys, T, 3 * PAGE_SIZE, Perm::RW, PageLevel::User)
            .unwrap();
        assert!(s.version() > v0);
        assert_eq!(phys.allocated_frames(), 3);
        assert_eq!(
            s.map(
                &mut phys,
                T + PAGE_SIZE,
                PAGE_SIZE,
                Perm::R,
                PageLevel::User
            ),
            Err(MapError::AlreadyMapped(T + PAGE_SIZE))
        );
        s.protect(T, PAGE_SIZE, Perm::R).unwrap();
        assert_eq!(s.lookup(T).unwrap().perm, Perm::R);
        assert_eq!(s.lookup(T + PAGE_SIZE).unwrap().perm, Perm::RW);
        assert_eq!(
            s.protect(T, 4 * PAGE_SIZE, Perm::R),
            Err(MapError::NotMapped(T + 3 * PAGE_SIZE))
        );
        assert_eq!(s.unmap(&mut phys, T + PAGE_SIZE, 10 * PAGE_SIZE), Ok(2));
        assert_eq!(phys.allocated_frames(), 1);
        assert!(s.is_mapped(T, PAGE_SIZE));
        assert!(!s.is_mapped(T, 2 * PAGE_SIZE));
        assert_eq!(
            s.ranges(),
            vec![(T, T + PAGE_SIZE, Perm::R, PageLevel::User)]
        );
    }

    #[test]
    fn range_checks() {
        let mut phys = PhysMem::new();
        let mut u = AddressSpace::new(SpaceKind::User);
        let mut k = AddressSpace::new(SpaceKind::Kernel);
        let r = Perm::R;
        assert!(matches!(
            u.map(&mut phys, T + 1, PAGE_SIZE, r, PageLevel::User),
            Err(MapError::Unaligned { .. })
        ));
        assert_eq!(
            u.map(
                &mut phys,
                0xa000_0000_0000_0000,
                PAGE_SIZE,
                r,
                PageLevel::User
            ),
            Err(MapError::WrongRegion(0xa000_0000_0000_0000))
        );
        assert_eq!(
            k.map(&mut phys, T, PAGE_SIZE, r, PageLevel::Kernel),
            Err(MapError::WrongRegion(T))
        );
        assert_eq!(
            u.map(&mut phys, T | (1 << 55), PAGE_SIZE, r, PageLevel::User),
            Err(MapError::Unimplemented(T | (1 << 55)))
        );
        k.map(
            &mut phys,
            0xe000_0001_0000_0000,
            PAGE_SIZE,
            Perm::RW,
            PageLevel::Kernel,
        )
        .unwrap();
        assert_eq!(phys.allocated_frames(), 1);
    }

    #[test]
    fn copies_and_duplicate() {
        let mut phys = PhysMem::new();
        let mut s = AddressSpace::new(SpaceKind::User);
        s.map(&mut phys, T, 2 * PAGE_SIZE, Perm::R, PageLevel::User)
            .unwrap();
        s.write_bytes(&mut phys, T + PAGE_SIZE - 3, b"hello")
            .unwrap();
        let d = s.duplicate(&mut phys).unwrap();
        s.write_bytes(&mut phys, T + PAGE_SIZE - 3, b"HELLO")
            .unwrap();
        let mut b = [0u8; 5];
        d.read_bytes(&phys, T + PAGE_SIZE - 3, &mut b).unwrap();
        assert_eq!(&b, b"hello");
        assert_ne!(d.id(), s.id());
        assert_eq!(
            s.write_bytes(&mut phys, T + 2 * PAGE_SIZE - 1, b"xy"),
            Err(MapError::NotMapped(T + 2 * PAGE_SIZE))
        );
    }

    #[test]
    fn promote_pages() {
        let mut phys = PhysMem::new();
        let mut s = AddressSpace::new(SpaceKind::User);
        s.map(&mut phys, T, 3 * PAGE_SIZE, Perm::X, PageLevel::User)
            .unwrap();
        assert_eq!(
            s.lookup(T).unwrap().promote,
            None,
            "not a promote page unless marked"
        );
        let v = s.version();
        s.set_promote(T + PAGE_SIZE, PAGE_SIZE, Some(PageLevel::Kernel))
            .unwrap();
        assert!(s.version() > v);
        assert_eq!(s.lookup(T).unwrap().promote, None);
        assert_eq!(
            s.lookup(T + PAGE_SIZE).unwrap().promote,
            Some(PageLevel::Kernel)
        );
        assert_eq!(s.lookup(T + PAGE_SIZE).unwrap().perm, Perm::X);
        assert_eq!(s.lookup(T + 2 * PAGE_SIZE).unwrap().promote, None);
        // Three runs: the promote page is not merged with its neighbours.
        assert_eq!(s.ranges().len(), 3);
        assert_eq!(
            s.set_promote(T + 2 * PAGE_SIZE, 2 * PAGE_SIZE, Some(PageLevel::Kernel)),
            Err(MapError::NotMapped(T + 3 * PAGE_SIZE))
        );
        assert_eq!(s.lookup(T + 2 * PAGE_SIZE).unwrap().promote, None);
        let d = s.duplicate(&mut phys).unwrap();
        assert_eq!(
            d.lookup(T + PAGE_SIZE).unwrap().promote,
            Some(PageLevel::Kernel)
        );
        s.set_promote(T, 3 * PAGE_SIZE, None).unwrap();
        assert_eq!(
            s.ranges(),
            vec![(T, T + 3 * PAGE_SIZE, Perm::X, PageLevel::User)]
        );
    }

    #[test]
    fn find_free_skips_mappings() {
        let mut phys = PhysMem::new();
        let mut s = AddressSpace::new(SpaceKind::User);
        let base = crate::layout::MMAP_BASE;
        s.map(&mut phys, base, PAGE_SIZE, Perm::R, PageLevel::User)
            .unwrap();
        s.map(
            &mut phys,
            base + 2 * PAGE_SIZE,
            PAGE_SIZE,
            Perm::R,
            PageLevel::User,
        )
        .unwrap();
        assert_eq!(
            s.find_free(base, PAGE_SIZE, u64::MAX),
            Some(base + PAGE_SIZE)
        );
        assert_eq!(
            s.find_free(base, 2 * PAGE_SIZE, u64::MAX),
            Some(base + 3 * PAGE_SIZE)
        );
        assert_eq!(s.find_free(base, 2 * PAGE_SIZE, base + 4 * PAGE_SIZE), None);
    }
}
