//! The Advanced Load Address Table (SDM Vol. 1 §4.4.5.2 "Data Speculation and Instructions",
//! Vol. 2 Part I §4.4.5.3 "ALAT").
//!
//! Entries are tagged by *physical* register (the architecture indexes the ALAT by physical
//! register number, so a frame change does not confuse them) and hold the address and size of
//! the advanced load. Stores, semaphores and `ld.c.clr`/`chk.a.clr` remove entries; `invala`
//! empties the table. The table has [`ALAT_ENTRIES`] entries, fully associative; when full, the
//! oldest entry is replaced (a legal, deterministic policy: the architecture allows the ALAT to
//! forget entries at any time, which only costs a recovery).

/// Number of entries (Itanium 2 has 32).
pub const ALAT_ENTRIES: usize = 32;

/// Which register file an entry belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum AlatReg {
    /// A general register by physical number (0..=31 static, 32+ = 32 + physical stacked index).
    Gr(u32),
    /// A floating-point register by physical number.
    Fr(u32),
}

/// One ALAT entry.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct AlatEntry {
    /// Target register.
    pub reg: AlatReg,
    /// Address of the advanced load.
    pub addr: u64,
    /// Size in bytes.
    pub size: u8,
}

/// The table (a small vector in insertion order).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Alat {
    entries: Vec<AlatEntry>,
}

impl Alat {
    /// Allocate an entry for `reg` (advanced load), replacing any entry for the same register.
    pub fn insert(&mut self, reg: AlatReg, addr: u64, size: u8) {
        self.remove(reg);
        if self.entries.len() >= ALAT_ENTRIES {
            self.entries.remove(0);
        }
        self.entries.push(AlatEntry { reg, addr, size });
    }

    /// Is there a valid entry for `reg`? (`ld.c`, `chk.a`.)
    pub fn contains(&self, reg: AlatReg) -> bool {
        self.entries.iter().any(|e| e.reg == reg)
    }

    /// Remove the entry of `reg` (`invala.e`, `.clr` completers).
    pub fn remove(&mut self, reg: AlatReg) {
        self.entries.retain(|e| e.reg != reg);
    }

    /// A store of `size` bytes at `addr` invalidates every overlapping entry.
    #[inline]
    pub fn store(&mut self, addr: u64, size: u64) {
        if self.entries.is_empty() {
            return;
        }
        let end = addr.wrapping_add(size);
        self.entries.retain(|e| {
            let e_end = e.addr.wrapping_add(u64::from(e.size));
            !(e.addr < end && addr < e_end)
        });
    }

    /// `invala`: remove everything.
    pub fn clear(&mut self) {
        self.entries.clear();
    }

    /// The entries, oldest first.
    pub fn entries(&self) -> &[AlatEntry] {
        &self.entries
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overlapping_store_invalidates() {
        let mut a = Alat::default();
        a.insert(AlatReg::Gr(5), 0x100, 8);
        a.insert(AlatReg::Fr(6), 0x200, 8);
        a.store(0x107, 1);
        assert!(!a.contains(AlatReg::Gr(5)));
        assert!(a.contains(AlatReg::Fr(6)));
        a.store(0x1f8, 8);
        assert!(a.contains(AlatReg::Fr(6)));
    }

    #[test]
    fn full_table_forgets_the_oldest() {
        let mut a = Alat::default();
        for r in 0..=ALAT_ENTRIES as u32 {
            a.insert(AlatReg::Gr(r), u64::from(r) * 8, 8);
        }
        assert!(!a.contains(AlatReg::Gr(0)));
        assert!(a.contains(AlatReg::Gr(ALAT_ENTRIES as u32)));
        assert_eq!(a.entries().len(), ALAT_ENTRIES);
    }
}
