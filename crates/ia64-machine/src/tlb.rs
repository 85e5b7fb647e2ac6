//! A software TLB: the fast path of every guest memory access.
//!
//! A direct-mapped array of [`TLB_ENTRIES`] entries indexed by the low bits of the virtual page
//! number. Each entry caches one translation: its tag is the full virtual page number (region
//! bits included), and instead of the page's permissions it stores a 16-bit *allow mask* with one
//! bit per (privilege level, operation) pair, so a hit is one compare and one bit test whatever
//! the access kind. Writes to frames marked as code are never allowed by a cached entry: they
//! take the slow path, which records them.
//!
//! The TLB is flushed whenever what it caches may be stale: a different user address space, a
//! new version of the user or kernel space (any map/unmap/protect), a new code-frame mark, or an
//! explicit purge. [`Tlb::generation`] is bumped on every flush caused by a translation change,
//! and feeds `Memory::fetch_generation`.
//!
//! ```
//! use ia64_machine::tlb::Tlb;
//! let mut t = Tlb::new();
//! let g = t.generation();
//! t.flush_all();
//! assert_eq!(t.generation(), g + 1);
//! ```

use crate::space::{PageLevel, Perm, Pte};

/// Number of entries (a power of two).
pub const TLB_ENTRIES: usize = 1024;

/// Operation index: read (data read, RSE fill).
pub const OP_READ: u32 = 0;
/// Operation index: write (data write, RSE spill).
pub const OP_WRITE: u32 = 1;
/// Operation index: execute (instruction fetch).
pub const OP_EXEC: u32 = 2;

/// The allow-mask bit for `op` at privilege level `pl`.
#[inline(always)]
pub const fn allow_bit(op: u32, pl: u8) -> u16 {
    1 << ((pl as u32 & 3) * 4 + op)
}

/// The allow mask of a page: every (pl, op) with `pl <= page pl` and `op` in its permissions.
/// `writable_cached = false` drops the write bits (code frames).
pub fn allow_mask(perm: Perm, level: PageLevel, writable_cached: bool) -> u16 {
    let mut m = 0u16;
    for pl in 0..=level.pl() {
        if perm.read() {
            m |= allow_bit(OP_READ, pl);
        }
        if perm.write() && writable_cached {
            m |= allow_bit(OP_WRITE, pl);
        }
        if perm.exec() {
            m |= allow_bit(OP_EXEC, pl);
        }
    }
    m
}

/// One cached translation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TlbEntry {
    /// Virtual page number (`va >> 14`), or `u64::MAX` when invalid.
    pub vpn: u64,
    /// Physical frame number.
    pub frame: u64,
    /// Allowed (privilege level, operation) pairs, see [`allow_bit`].
    pub allow: u16,
}

impl TlbEntry {
    /// An entry that never hits.
    pub const INVALID: TlbEntry = TlbEntry {
        vpn: u64::MAX,
        frame: 0,
        allow: 0,
    };
}

/// What the TLB's contents were derived from (see [`Tlb::sync`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct TlbBasis {
    /// User space ID.
    pub user_id: u64,
    /// User space version.
    pub user_version: u64,
    /// Kernel space ID.
    pub kernel_id: u64,
    /// Kernel space version.
    pub kernel_version: u64,
    /// Physical memory's code-mark epoch.
    pub code_mark_epoch: u64,
}

/// A software TLB with its generation counter and statistics.
#[derive(Clone, Debug)]
pub struct Tlb {
    entries: Box<[TlbEntry]>,
    generation: u64,
    basis: Option<TlbBasis>,
    /// Slow-path lookups (misses, permission faults, debug accesses).
    pub misses: u64,
    /// Number of flushes.
    pub flushes: u64,
}

impl Default for Tlb {
    fn default() -> Self {
        Self::new()
    }
}

impl Tlb {
    /// An empty TLB, generation 0.
    pub fn new() -> Self {
        Self {
            entries: vec![TlbEntry::INVALID; TLB_ENTRIES].into_boxed_slice(),
            generation: 0,
            basis: None,
            misses: 0,
            flushes: 0,
        }
    }

    /// Bumped on every translation change this TLB has seen.
    #[inline(always)]
    pub fn generation(&self) -> u64 {
        self.generation
    }

    /// Drop every entry and bump the generation.
    pub fn flush_all(&mut self) {
        self.entries.fill(TlbEntry::INVALID);
        self.generation += 1;
        self.flushes += 1;
    }

    /// Flush (and bump the generation) unless the TLB was filled from exactly `basis`.
    /// A change of only the code-mark epoch flushes without bumping the generation (no
    /// translation changed; only cached write permission did).
    pub fn sync(&mut self, basis: TlbBasis) {
        match self.basis {
            Some(b) if b == basis => {}
            Some(b)
                if TlbBasis {
                    code_mark_epoch: basis.code_mark_epoch,
                    ..b
                } == basis =>
            {
                self.entries.fill(TlbEntry::INVALID);
                self.flushes += 1;
                self.basis = Some(basis);
            }
            _ => {
                self.flush_all();
                self.basis = Some(basis);
            }
        }
    }

    /// Drop entries caching write permission of `frame` (it just became a code frame).
    pub fn drop_frame_writes(&mut self, frame: u64) {
        let w = (0..4).fold(0u16, |m, pl| m | allow_bit(OP_WRITE, pl));
        for e in self.entries.iter_mut().filter(|e| e.frame == frame) {
            e.allow &= !w;
        }
    }

    /// The entry slot of virtual page `vpn`.
    #[inline(always)]
    pub fn entry(&self, vpn: u64) -> &TlbEntry {
        // TLB_ENTRIES is a power of two; the mask keeps the index in bounds.
        &self.entries[(vpn as usize) & (TLB_ENTRIES - 1)]
    }

    /// Install the translation of `vpn`.
    pub fn insert(&mut self, vpn: u64, pte: &Pte, code_frame: bool) {
        self.entries[(vpn as usize) & (TLB_ENTRIES - 1)] = TlbEntry {
            vpn,
            frame: pte.frame,
            allow: allow_mask(pte.perm, pte.level, !code_frame),
        };
    }

    /// Drop the entry of `vpn` if cached.
    pub fn purge(&mut self, vpn: u64) {
        let e = &mut self.entries[(vpn as usize) & (TLB_ENTRIES - 1)];
        if e.vpn == vpn {
            *e = TlbEntry::INVALID;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn allow_masks() {
        let user_rx = allow_mask(Perm::RX, PageLevel::User, true);
        for pl in 0..4 {
            assert_ne!(user_rx & allow_bit(OP_READ, pl), 0);
            assert_ne!(user_rx & allow_bit(OP_EXEC, pl), 0);
            assert_eq!(user_rx & allow_bit(OP_WRITE, pl), 0);
        }
        let kern_rw = allow_mask(Perm::RW, PageLevel::Kernel, true);
        assert_ne!(kern_rw & allow_bit(OP_WRITE, 0), 0);
        assert_eq!(kern_rw & allow_bit(OP_WRITE, 3), 0);
        assert_eq!(kern_rw & allow_bit(OP_READ, 1), 0);
        let code = allow_mask(Perm::RWX, PageLevel::User, false);
        assert_eq!(code & allow_bit(OP_WRITE, 0), 0);
    }

    #[test]
    fn sync_flushes_on_change_only() {
        let mut t = Tlb::new();
        let b = TlbBasis {
            user_id: 1,
            user_version: 3,
            kernel_id: 2,
            kernel_version: 0,
            code_mark_epoch: 0,
        };
        t.sync(b);
        let g = t.generation();
        t.sync(b);
        assert_eq!(t.generation(), g);
        t.sync(TlbBasis {
            code_mark_epoch: 1,
            ..b
        });
        assert_eq!(
            t.generation(),
            g,
            "code marks flush without a new generation"
        );
        t.sync(TlbBasis {
            user_version: 4,
            code_mark_epoch: 1,
            ..b
        });
        assert_eq!(t.generation(), g + 1);
        t.sync(TlbBasis {
            user_id: 9,
            user_version: 4,
            code_mark_epoch: 1,
            ..b
        });
        assert_eq!(t.generation(), g + 2);
    }
}
