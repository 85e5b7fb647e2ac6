//! [`MemView`]: the machine's implementation of the CPU's [`Memory`] trait.
//!
//! A `MemView` borrows physical memory, the current task's user address space, the shared kernel
//! address space and the vCPU's software TLB. It is a handful of pointers, built once per run
//! slice ([`MemView::new`] only compares a few counters to decide whether the TLB must be
//! flushed). A TLB hit costs one tag compare, one allow-mask bit test and the load or store.
//!
//! Semantics of an access (`read`, `write`, `translate_fetch`), checked in the architecture's
//! priority order (SDM Vol. 2 §5.6, interruption priorities):
//!
//! 1. an address whose region offset bits 60:51 do not copy bit 50 (`IMPL_VA_MSB` = 50) →
//!    [`MemFaultKind::Unimplemented`];
//! 2. no mapping, or a non-present entry → [`MemFaultKind::NotPresent`];
//! 3. a NaT page → [`MemFaultKind::NatPage`];
//! 4. privilege: an access at level `pl` may touch a page of level `p` only if `pl <= p` (user
//!    pages are level 3, kernel-only pages level 0); then the page rights: data reads and RSE
//!    fills need R, data writes and RSE spills need W, fetches need X → [`MemFaultKind::Protection`];
//! 5. alignment: every access must be naturally aligned → [`MemFaultKind::Unaligned`]. Linux/ia64
//!    user programs are aligned (the kernel emulates unaligned accesses only as a slow fallback,
//!    which this machine does not model; the guest kernel may turn the fault into SIGBUS).
//!
//! [`AccessKind::Debug`] accesses (debuggers, tracers) skip steps 3-5 (any privilege, any
//! rights, unaligned allowed) but still need a present mapping.
//!
//! `epc_promotion` answers `epc` with PSR.it = 1: the promote level of the page holding the
//! bundle ([`crate::space::Pte::promote`]), `None` for an ordinary, unmapped or non-present page.
//!
//! Stores to frames marked with `mark_code_page` are recorded for `drain_code_writes` and bump
//! `fetch_generation` (= TLB generation + number of code writes, both monotonic).
//!
//! `translation_op`: `tpa` translates like a data access without rights checks; `probe` returns
//! 1/0 for allowed/denied (and faults like a data access when nothing is mapped); `tak` returns
//! key 0 for a mapped page and 1 otherwise (no protection keys). TLB inserts and purges (`itc`,
//! `itr`, `ptc.*`, `ptr`) only flush the software TLB and return 0: translations come from the
//! page tables the guest kernel maintains on the host side.
//!
//! ```
//! use ia64_cpu::mem::{Access, Memory, MemFaultKind};
//! use ia64_machine::mmu::MemView;
//! use ia64_machine::phys::PhysMem;
//! use ia64_machine::space::{AddressSpace, PageLevel, Perm, SpaceKind};
//! use ia64_machine::tlb::Tlb;
//! let (mut phys, mut tlb) = (PhysMem::new(), Tlb::new());
//! let mut user = AddressSpace::new(SpaceKind::User);
//! let kernel = AddressSpace::new(SpaceKind::Kernel);
//! user.map(&mut phys, 0x6000_0000_0000_0000, 0x4000, Perm::RW, PageLevel::User).unwrap();
//! let mut m = MemView::new(&mut phys, &user, &kernel, &mut tlb);
//! m.write_u64(0x6000_0000_0000_0008, 7, Access::data(3)).unwrap();
//! assert_eq!(m.read_u64(0x6000_0000_0000_0008, Access::data(3)), Ok(7));
//! let e = m.read_u64(0x6000_0000_0000_4000, Access::data(3)).unwrap_err();
//! assert_eq!(e.kind, MemFaultKind::NotPresent);
//! ```

use ia64_cpu::mem::{Access, AccessKind, MemFault, MemFaultKind, Memory, Size, TranslationOp};

use crate::layout::{is_implemented, LAST_USER_REGION, REGION_SHIFT};
use crate::phys::{load_le, PhysMem, PAGE_MASK, PAGE_SHIFT, PAGE_SIZE};
use crate::space::{AddressSpace, PageLevel, Pte};
use crate::tlb::{allow_bit, Tlb, TlbBasis, OP_EXEC, OP_READ, OP_WRITE};

/// The CPU's view of guest memory for one run slice.
#[derive(Debug)]
pub struct MemView<'a> {
    phys: &'a mut PhysMem,
    user: &'a AddressSpace,
    kernel: &'a AddressSpace,
    tlb: &'a mut Tlb,
}

#[inline(always)]
fn fault(kind: MemFaultKind, addr: u64, access: Access) -> MemFault {
    MemFault { kind, addr, access }
}

/// The operation an access needs permission for.
#[inline(always)]
fn op_of(kind: AccessKind, write: bool) -> u32 {
    match kind {
        AccessKind::Fetch => OP_EXEC,
        _ if write => OP_WRITE,
        _ => OP_READ,
    }
}

impl<'a> MemView<'a> {
    /// A view of `user` (regions 0-4) and `kernel` (regions 5-7) through `tlb`. Flushes the TLB
    /// (bumping its generation) if it was filled for other spaces or older versions of them.
    pub fn new(
        phys: &'a mut PhysMem,
        user: &'a AddressSpace,
        kernel: &'a AddressSpace,
        tlb: &'a mut Tlb,
    ) -> Self {
        tlb.sync(TlbBasis {
            user_id: user.id(),
            user_version: user.version(),
            kernel_id: kernel.id(),
            kernel_version: kernel.version(),
            code_mark_epoch: phys.code_mark_epoch(),
        });
        Self {
            phys,
            user,
            kernel,
            tlb,
        }
    }

    /// Physical memory (for host-side copies while the view is alive).
    pub fn phys(&mut self) -> &mut PhysMem {
        self.phys
    }

    fn space_for(&self, va: u64) -> &AddressSpace {
        if (va >> REGION_SHIFT) as u8 <= LAST_USER_REGION {
            self.user
        } else {
            self.kernel
        }
    }

    /// Find the entry of `va`: Unimplemented, NotPresent faults.
    fn walk(&self, va: u64, access: Access) -> Result<Pte, MemFault> {
        if !is_implemented(va) {
            return Err(fault(MemFaultKind::Unimplemented, va, access));
        }
        match self.space_for(va).lookup(va) {
            Some(p) if p.present => Ok(*p),
            _ => Err(fault(MemFaultKind::NotPresent, va, access)),
        }
    }

    /// Slow path: full translation and checks for operation `op`; fills the TLB on success.
    /// Returns the frame number. Debug accesses skip the NaT-page, privilege and rights checks.
    #[cold]
    #[inline(never)]
    fn translate_slow(&mut self, va: u64, op: u32, access: Access) -> Result<u64, MemFault> {
        self.tlb.misses += 1;
        let pte = self.walk(va, access)?;
        if access.kind == AccessKind::Debug {
            return Ok(pte.frame);
        }
        if pte.nat_page {
            return Err(fault(MemFaultKind::NatPage, va, access));
        }
        let code = self.phys.is_code(pte.frame);
        let mask = crate::tlb::allow_mask(pte.perm, pte.level, true);
        if mask & allow_bit(op, access.pl) == 0 {
            return Err(fault(MemFaultKind::Protection, va, access));
        }
        self.tlb.insert(va >> PAGE_SHIFT, &pte, code);
        Ok(pte.frame)
    }

    /// Translate `va` for `op` (TLB first), returning the physical address.
    #[inline(always)]
    fn translate(&mut self, va: u64, op: u32, access: Access) -> Result<u64, MemFault> {
        let vpn = va >> PAGE_SHIFT;
        let e = self.tlb.entry(vpn);
        let frame = if e.vpn == vpn
            && e.allow & allow_bit(op, access.pl) != 0
            && access.kind != AccessKind::Debug
        {
            e.frame
        } else {
            self.translate_slow(va, op, access)?
        };
        Ok((frame << PAGE_SHIFT) | (va & PAGE_MASK))
    }

    /// Side-effect-free read of `buf.len()` bytes at `va` with the permissions of `access`
    /// (e.g. `copy_from_user` with `Access::data(3)`, or a debugger with `Access::debug()`).
    pub fn read_bytes(&mut self, va: u64, buf: &mut [u8], access: Access) -> Result<(), MemFault> {
        let mut done = 0usize;
        while done < buf.len() {
            let a = va.wrapping_add(done as u64);
            let pa = self.translate(a, op_of(access.kind, false), access)?;
            let n = ((PAGE_SIZE - (a & PAGE_MASK)) as usize).min(buf.len() - done);
            self.phys
                .read_bytes(pa, &mut buf[done..done + n])
                .map_err(|_| fault(MemFaultKind::Unimplemented, a, access))?;
            done += n;
        }
        Ok(())
    }

    /// Write `data` at `va` with the permissions of `access` (e.g. `copy_to_user`).
    pub fn write_bytes(&mut self, va: u64, data: &[u8], access: Access) -> Result<(), MemFault> {
        let mut done = 0usize;
        while done < data.len() {
            let a = va.wrapping_add(done as u64);
            let pa = self.translate(a, OP_WRITE, access)?;
            let n = ((PAGE_SIZE - (a & PAGE_MASK)) as usize).min(data.len() - done);
            self.phys
                .write_bytes(pa, &data[done..done + n])
                .map_err(|_| fault(MemFaultKind::Unimplemented, a, access))?;
            done += n;
        }
        Ok(())
    }

    /// Read a NUL-terminated string of at most `max` bytes (without the NUL). `Ok(None)` if no
    /// NUL was found within `max` bytes.
    pub fn read_cstr(
        &mut self,
        va: u64,
        max: usize,
        access: Access,
    ) -> Result<Option<Vec<u8>>, MemFault> {
        let mut out = Vec::new();
        for i in 0..max as u64 {
            let a = va.wrapping_add(i);
            let pa = self.translate(a, op_of(access.kind, false), access)?;
            let b = self
                .phys
                .read_u8(pa)
                .map_err(|_| fault(MemFaultKind::Unimplemented, a, access))?;
            if b == 0 {
                return Ok(Some(out));
            }
            out.push(b);
        }
        Ok(None)
    }

    /// Debug read of any size at any alignment (byte by byte when unaligned).
    fn debug_read(&mut self, addr: u64, n: u64, access: Access) -> Result<u64, MemFault> {
        let mut buf = [0u8; 8];
        self.read_bytes(addr, &mut buf[..n as usize], access)?;
        Ok(u64::from_le_bytes(buf))
    }

    fn debug_write(&mut self, addr: u64, n: u64, v: u64, access: Access) -> Result<(), MemFault> {
        self.write_bytes(addr, &v.to_le_bytes()[..n as usize], access)
    }

    /// The answer to `probe`: can `pl` read/write `addr`?
    fn probe(&mut self, addr: u64, pl: u8, read: bool, write: bool) -> Result<u64, MemFault> {
        let access = Access::data(pl);
        let pte = self.walk(addr, access)?;
        let mask = crate::tlb::allow_mask(pte.perm, pte.level, true);
        let ok = (!read || mask & allow_bit(OP_READ, pl) != 0)
            && (!write || mask & allow_bit(OP_WRITE, pl) != 0);
        Ok(u64::from(ok))
    }
}

impl Memory for MemView<'_> {
    #[inline(always)]
    fn read(&mut self, addr: u64, size: Size, access: Access) -> Result<u64, MemFault> {
        // One monomorphic fast path per width: the host access is a single sized load.
        match size {
            Size::B8 => self.read_n::<8>(addr, access),
            Size::B4 => self.read_n::<4>(addr, access),
            Size::B2 => self.read_n::<2>(addr, access),
            Size::B1 => self.read_n::<1>(addr, access),
        }
    }

    #[inline(always)]
    fn write(&mut self, addr: u64, size: Size, value: u64, access: Access) -> Result<(), MemFault> {
        match size {
            Size::B8 => self.write_n::<8>(addr, value, access),
            Size::B4 => self.write_n::<4>(addr, value, access),
            Size::B2 => self.write_n::<2>(addr, value, access),
            Size::B1 => self.write_n::<1>(addr, value, access),
        }
    }

    #[inline(always)]
    fn read_u64(&mut self, addr: u64, access: Access) -> Result<u64, MemFault> {
        self.read_n::<8>(addr, access)
    }

    #[inline(always)]
    fn write_u64(&mut self, addr: u64, v: u64, access: Access) -> Result<(), MemFault> {
        self.write_n::<8>(addr, v, access)
    }

    fn translate_fetch(&mut self, addr: u64, pl: u8) -> Result<u64, MemFault> {
        self.translate(addr, OP_EXEC, Access::fetch(pl))
    }

    fn read_bundle_phys(&mut self, phys: u64) -> Result<[u8; 16], MemFault> {
        let mut b = [0u8; 16];
        self.phys
            .read_bytes(phys, &mut b)
            .map_err(|_| fault(MemFaultKind::Unimplemented, phys, Access::fetch(0)))?;
        Ok(b)
    }

    fn fetch_generation(&self) -> u64 {
        self.tlb
            .generation()
            .wrapping_add(self.phys.code_write_count())
    }

    fn mark_code_page(&mut self, phys: u64) {
        self.phys.mark_code(phys);
        self.tlb.drop_frame_writes(phys >> PAGE_SHIFT);
    }

    fn drain_code_writes(&mut self, out: &mut Vec<u64>) {
        self.phys.drain_code_writes(out);
    }

    fn epc_promotion(&mut self, ip: u64) -> Option<u8> {
        let pte = self.walk(ip, Access::fetch(0)).ok()?;
        pte.promote.map(PageLevel::pl)
    }

    fn translation_op(&mut self, op: TranslationOp) -> Result<u64, MemFault> {
        match op {
            TranslationOp::Tpa { addr } => {
                let pte = self.walk(addr, Access::data(0))?;
                Ok((pte.frame << PAGE_SHIFT) | (addr & PAGE_MASK))
            }
            TranslationOp::Probe {
                addr,
                pl,
                read,
                write,
            } => self.probe(addr, pl, read, write),
            TranslationOp::Tak { addr } => Ok(match self.walk(addr, Access::data(0)) {
                Ok(_) => 0,
                Err(_) => 1,
            }),
            TranslationOp::InsertCache { .. }
            | TranslationOp::InsertRegister { .. }
            | TranslationOp::Purge { .. }
            | TranslationOp::PurgeAll => {
                self.tlb.flush_all();
                Ok(0)
            }
        }
    }
}

impl MemView<'_> {
    /// The TLB-hit fast path of an `N`-byte read: one tag compare, one allow-bit test, the
    /// alignment test, one sized load. Everything else (misses, faults, debug accesses) goes
    /// to [`MemView::read_slow`].
    #[inline(always)]
    fn read_n<const N: usize>(&mut self, addr: u64, access: Access) -> Result<u64, MemFault> {
        let vpn = addr >> PAGE_SHIFT;
        let e = self.tlb.entry(vpn);
        let op = op_of(access.kind, false);
        if e.vpn == vpn
            && e.allow & allow_bit(op, access.pl) != 0
            && addr & (N as u64 - 1) == 0
            && access.kind != AccessKind::Debug
        {
            let off = (addr & PAGE_MASK) as usize;
            return Ok(match self.phys.frame(e.frame) {
                Some(f) => match f.get(off..).and_then(|s| s.first_chunk::<N>()) {
                    Some(b) => {
                        let mut buf = [0u8; 8];
                        buf[..N].copy_from_slice(b);
                        u64::from_le_bytes(buf)
                    }
                    None => 0,
                },
                None => 0,
            });
        }
        self.read_slow(addr, N as u64, op, access)
    }

    /// The TLB-hit fast path of an `N`-byte write (code frames are never writable through the
    /// TLB, so their writes take [`MemView::write_slow`], which records them).
    #[inline(always)]
    fn write_n<const N: usize>(
        &mut self,
        addr: u64,
        value: u64,
        access: Access,
    ) -> Result<(), MemFault> {
        let vpn = addr >> PAGE_SHIFT;
        let e = self.tlb.entry(vpn);
        if e.vpn == vpn
            && e.allow & allow_bit(OP_WRITE, access.pl) != 0
            && addr & (N as u64 - 1) == 0
            && access.kind != AccessKind::Debug
        {
            let frame = e.frame;
            if let Some(f) = self.phys.frame_mut_existing(frame) {
                let off = (addr & PAGE_MASK) as usize;
                if let Some(dst) = f.get_mut(off..).and_then(|s| s.first_chunk_mut::<N>()) {
                    dst.copy_from_slice(&value.to_le_bytes()[..N]);
                }
                return Ok(());
            }
        }
        self.write_slow(addr, N as u64, value, access)
    }

    #[cold]
    #[inline(never)]
    fn read_slow(&mut self, addr: u64, n: u64, op: u32, access: Access) -> Result<u64, MemFault> {
        if access.kind == AccessKind::Debug {
            return self.debug_read(addr, n, access);
        }
        let pa = self.translate(addr, op, access)?;
        if addr & (n - 1) != 0 {
            return Err(fault(MemFaultKind::Unaligned, addr, access));
        }
        let f = self.phys.frame(pa >> PAGE_SHIFT);
        Ok(f.map_or(0, |f| load_le(f, (pa & PAGE_MASK) as usize, n as usize)))
    }

    #[cold]
    #[inline(never)]
    fn write_slow(&mut self, addr: u64, n: u64, v: u64, access: Access) -> Result<(), MemFault> {
        if access.kind == AccessKind::Debug {
            return self.debug_write(addr, n, v, access);
        }
        let pa = self.translate_slow(addr, OP_WRITE, access)? << PAGE_SHIFT | (addr & PAGE_MASK);
        if addr & (n - 1) != 0 {
            return Err(fault(MemFaultKind::Unaligned, addr, access));
        }
        // Through PhysMem so that writes to code frames are recorded.
        let r = match n {
            1 => self.phys.write_u8(pa, v as u8),
            2 => self.phys.write_u16(pa, v as u16),
            4 => self.phys.write_u32(pa, v as u32),
            _ => self.phys.write_u64(pa, v),
        };
        r.map_err(|_| fault(MemFaultKind::Unimplemented, addr, access))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::space::{PageLevel, Perm, SpaceKind};

    const D: u64 = 0x6000_0000_0000_0000;
    const T: u64 = 0x4000_0000_0000_0000;
    const K: u64 = 0xe000_0001_0000_0000;

    struct Fx {
        phys: PhysMem,
        user: AddressSpace,
        kernel: AddressSpace,
        tlb: Tlb,
    }

    fn fx() -> Fx {
        let mut phys = PhysMem::new();
        let mut user = AddressSpace::new(SpaceKind::User);
        let mut kernel = AddressSpace::new(SpaceKind::Kernel);
        user.map(&mut phys, D, 2 * PAGE_SIZE, Perm::RW, PageLevel::User)
            .unwrap();
        user.map(&mut phys, T, PAGE_SIZE, Perm::RX, PageLevel::User)
            .unwrap();
        kernel
            .map(&mut phys, K, PAGE_SIZE, Perm::RW, PageLevel::Kernel)
            .unwrap();
        Fx {
            phys,
            user,
            kernel,
            tlb: Tlb::new(),
        }
    }

    impl Fx {
        fn view(&mut self) -> MemView<'_> {
            MemView::new(&mut self.phys, &self.user, &self.kernel, &mut self.tlb)
        }
    }

    fn kind<T: std::fmt::Debug>(r: Result<T, MemFault>) -> MemFaultKind {
        r.unwrap_err().kind
    }

    #[test]
    fn sizes_and_little_endian_through_tlb() {
        let mut f = fx();
        let mut m = f.view();
        m.write_u64(D + 8, 0x1122_3344_5566_7788, Access::data(3))
            .unwrap();
        assert_eq!(m.read_u8(D + 8, Access::data(3)), Ok(0x88));
        assert_eq!(m.read_u16(D + 14, Access::data(3)), Ok(0x1122));
        assert_eq!(m.read_u32(D + 12, Access::data(3)), Ok(0x1122_3344));
        m.write_u16(D + 10, 0xbeef, Access::rse_spill(3)).unwrap();
        assert_eq!(
            m.read_u64(D + 8, Access::rse_fill(3)),
            Ok(0x1122_3344_beef_7788)
        );
        // second page of the mapping, and a kernel access to a user page
        m.write_u32(D + PAGE_SIZE, 5, Access::data(0)).unwrap();
        assert_eq!(m.read_u32(D + PAGE_SIZE, Access::data(3)), Ok(5));
    }

    #[test]
    fn unaligned_faults() {
        let mut f = fx();
        let mut m = f.view();
        assert_eq!(
            kind(m.read_u64(D + 4, Access::data(3))),
            MemFaultKind::Unaligned
        );
        // also after the TLB holds the page
        m.read_u64(D, Access::data(3)).unwrap();
        assert_eq!(
            kind(m.read_u32(D + 2, Access::data(3))),
            MemFaultKind::Unaligned
        );
        let e = m.write_u16(D + 1, 1, Access::data(3)).unwrap_err();
        assert_eq!((e.kind, e.addr), (MemFaultKind::Unaligned, D + 1));
        // byte accesses are always aligned; debug accesses may be unaligned
        m.write_u8(D + 1, 0xaa, Access::data(3)).unwrap();
        assert_eq!(m.read_u16(D + 1, Access::debug()), Ok(0xaa));
        // an unaligned debug read across the end of the mapping still needs a mapping
        assert_eq!(
            kind(m.read_u64(D + 2 * PAGE_SIZE - 4, Access::debug())),
            MemFaultKind::NotPresent
        );
    }

    #[test]
    fn permission_faults() {
        let mut f = fx();
        let mut m = f.view();
        // text is R-X: reads and fetches fine, writes fault
        assert_eq!(m.read_u64(T, Access::data(3)), Ok(0));
        assert_eq!(
            m.translate_fetch(T + 0x10, 3).map(|p| p & PAGE_MASK),
            Ok(0x10)
        );
        let e = m.write_u64(T, 1, Access::data(3)).unwrap_err();
        assert_eq!(
            (e.kind, e.addr, e.access),
            (MemFaultKind::Protection, T, Access::data(3))
        );
        assert_eq!(
            kind(m.write_u64(T, 1, Access::data(0))),
            MemFaultKind::Protection
        );
        assert_eq!(
            kind(m.write_u64(T, 1, Access::rse_spill(3))),
            MemFaultKind::Protection
        );
        // data is RW-: fetch faults
        assert_eq!(
            m.translate_fetch(D, 3).unwrap_err().kind,
            MemFaultKind::Protection
        );
        // kernel-only page: pl 0 fine, pl 3 faults, RSE at pl 3 too
        m.write_u64(K, 9, Access::rse_spill(0)).unwrap();
        assert_eq!(m.read_u64(K, Access::data(0)), Ok(9));
        assert_eq!(
            kind(m.read_u64(K, Access::data(3))),
            MemFaultKind::Protection
        );
        assert_eq!(
            kind(m.read_u64(K, Access::rse_fill(3))),
            MemFaultKind::Protection
        );
        assert_eq!(
            kind(m.read_u64(K, Access::data(1))),
            MemFaultKind::Protection
        );
        // debug ignores permissions
        assert_eq!(m.read_u64(K, Access::debug()), Ok(9));
        m.write_u64(T, 0x77, Access::debug()).unwrap();
        assert_eq!(m.read_u64(T, Access::data(3)), Ok(0x77));
        // unmapped and unimplemented
        assert_eq!(
            kind(m.read_u64(D + 2 * PAGE_SIZE, Access::data(3))),
            MemFaultKind::NotPresent
        );
        assert_eq!(
            kind(m.read_u64(K + PAGE_SIZE, Access::debug())),
            MemFaultKind::NotPresent
        );
        assert_eq!(
            kind(m.read_u64(D | (1 << 52), Access::data(0))),
            MemFaultKind::Unimplemented
        );
        assert_eq!(
            m.translate_fetch(0x0010_0000_0000_0000, 0)
                .unwrap_err()
                .kind,
            MemFaultKind::Unimplemented
        );
    }

    #[test]
    fn nat_page_and_not_present() {
        let mut f = fx();
        let mut pte = *f.user.lookup(D).unwrap();
        pte.nat_page = true;
        f.user.set_pte(D, pte).unwrap();
        pte.nat_page = false;
        pte.present = false;
        f.user.set_pte(D + PAGE_SIZE, pte).unwrap();
        let mut m = f.view();
        assert_eq!(kind(m.read_u64(D, Access::data(3))), MemFaultKind::NatPage);
        assert_eq!(
            kind(m.read_u64(D + PAGE_SIZE, Access::data(3))),
            MemFaultKind::NotPresent
        );
    }

    #[test]
    fn generation_changes_on_mapping_changes_and_switches() {
        let mut f = fx();
        let g0 = f.view().fetch_generation();
        assert_eq!(f.view().fetch_generation(), g0, "no change, no bump");
        f.user.protect(D, PAGE_SIZE, Perm::R).unwrap();
        let mut m = f.view();
        let g1 = m.fetch_generation();
        assert!(g1 > g0);
        // the TLB was flushed: the new protection is enforced
        assert_eq!(
            kind(m.write_u64(D, 1, Access::data(3))),
            MemFaultKind::Protection
        );
        // address-space switch
        let other = AddressSpace::new(SpaceKind::User);
        let m = MemView::new(&mut f.phys, &other, &f.kernel, &mut f.tlb);
        let g2 = m.fetch_generation();
        assert!(g2 > g1);
        // kernel space change
        f.kernel
            .map(
                &mut f.phys,
                K + PAGE_SIZE,
                PAGE_SIZE,
                Perm::RW,
                PageLevel::Kernel,
            )
            .unwrap();
        let g3 = f.view().fetch_generation();
        assert!(g3 > g2);
        // unmap: stale TLB entry must not survive
        let mut m = f.view();
        m.read_u64(D + PAGE_SIZE, Access::data(3)).unwrap();
        f.user.unmap(&mut f.phys, D + PAGE_SIZE, PAGE_SIZE).unwrap();
        let mut m = f.view();
        assert!(m.fetch_generation() > g3);
        assert_eq!(
            kind(m.read_u64(D + PAGE_SIZE, Access::data(3))),
            MemFaultKind::NotPresent
        );
    }

    #[test]
    fn code_page_writes_are_reported() {
        let mut f = fx();
        let mut m = f.view();
        // a write before marking fills the TLB with write permission
        m.write_u64(D, 1, Access::data(3)).unwrap();
        let pa = m.translate(D, OP_READ, Access::data(3)).unwrap();
        m.mark_code_page(pa);
        let g = m.fetch_generation();
        m.write_u64(D + 8, 2, Access::data(3)).unwrap();
        assert!(m.fetch_generation() > g);
        let mut out = vec![];
        m.drain_code_writes(&mut out);
        assert_eq!(out, vec![pa & !PAGE_MASK]);
        // writes to other pages are not reported
        m.write_u64(D + PAGE_SIZE, 2, Access::data(3)).unwrap();
        out.clear();
        m.drain_code_writes(&mut out);
        assert!(out.is_empty());
        assert_eq!(m.read_u64(D + 8, Access::data(3)), Ok(2));
        // a debugger write into code is reported too
        m.mark_code_page(pa);
        m.write_u8(D + 3, 1, Access::debug()).unwrap();
        m.drain_code_writes(&mut out);
        assert_eq!(out, vec![pa & !PAGE_MASK]);
    }

    #[test]
    fn code_mark_from_another_tlb_is_seen() {
        let mut f = fx();
        let mut other_tlb = Tlb::new();
        {
            let mut m = f.view();
            m.write_u64(D, 1, Access::data(3)).unwrap(); // cached writable in f.tlb
        }
        let pa = f.user.translate(D).unwrap();
        {
            let mut m2 = MemView::new(&mut f.phys, &f.user, &f.kernel, &mut other_tlb);
            m2.mark_code_page(pa);
        }
        let mut m = f.view();
        m.write_u64(D, 2, Access::data(3)).unwrap();
        let mut out = vec![];
        m.drain_code_writes(&mut out);
        assert_eq!(out, vec![pa & !PAGE_MASK]);
    }

    #[test]
    fn fetch_and_bundles() {
        let mut f = fx();
        let bytes: Vec<u8> = (0..16).collect();
        f.user.write_bytes(&mut f.phys, T + 0x20, &bytes).unwrap();
        let mut m = f.view();
        let pa = m.translate_fetch(T + 0x20, 3).unwrap();
        assert_eq!(m.read_bundle_phys(pa).unwrap().to_vec(), bytes);
        assert_eq!(
            m.translate_fetch(K, 3).unwrap_err().kind,
            MemFaultKind::Protection
        );
    }

    #[test]
    fn translation_ops() {
        let mut f = fx();
        let mut m = f.view();
        let pa = m
            .translation_op(TranslationOp::Tpa { addr: T + 5 })
            .unwrap();
        assert_eq!(pa & PAGE_MASK, 5);
        assert_eq!(
            m.translation_op(TranslationOp::Tpa {
                addr: T + PAGE_SIZE
            })
            .unwrap_err()
            .kind,
            MemFaultKind::NotPresent
        );
        let probe = |m: &mut MemView<'_>, addr, pl, read, write| {
            m.translation_op(TranslationOp::Probe {
                addr,
                pl,
                read,
                write,
            })
        };
        assert_eq!(probe(&mut m, T, 3, true, false), Ok(1));
        assert_eq!(probe(&mut m, T, 3, false, true), Ok(0));
        assert_eq!(probe(&mut m, K, 3, true, false), Ok(0));
        assert_eq!(probe(&mut m, K, 0, true, true), Ok(1));
        assert_eq!(m.translation_op(TranslationOp::Tak { addr: T }), Ok(0));
        assert_eq!(m.translation_op(TranslationOp::Tak { addr: 0 }), Ok(1));
        let g = m.fetch_generation();
        assert_eq!(m.translation_op(TranslationOp::PurgeAll), Ok(0));
        assert!(m.fetch_generation() > g);
    }

    #[test]
    fn bulk_copies_check_permissions() {
        let mut f = fx();
        let mut m = f.view();
        m.write_bytes(D + PAGE_SIZE - 2, b"abcd", Access::data(3))
            .unwrap();
        let mut b = [0u8; 4];
        m.read_bytes(D + PAGE_SIZE - 2, &mut b, Access::data(3))
            .unwrap();
        assert_eq!(&b, b"abcd");
        assert_eq!(
            m.read_cstr(D + PAGE_SIZE - 2, 100, Access::data(3)),
            Ok(Some(b"abcd".to_vec()))
        );
        assert_eq!(m.read_cstr(D + PAGE_SIZE - 2, 3, Access::data(3)), Ok(None));
        let e = m.write_bytes(T, b"x", Access::data(3)).unwrap_err();
        assert_eq!(e.kind, MemFaultKind::Protection);
        let e = m
            .write_bytes(D + 2 * PAGE_SIZE - 1, b"xy", Access::data(3))
            .unwrap_err();
        assert_eq!(
            (e.kind, e.addr),
            (MemFaultKind::NotPresent, D + 2 * PAGE_SIZE)
        );
    }
}
