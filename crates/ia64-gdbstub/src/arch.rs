//! The `gdbstub` architecture definition for ia64: [`Ia64`], its register file
//! ([`Ia64Regs`] in the raw layout of [`crate::regs`]) and [`Ia64RegId`] for the 'p'/'P'
//! packets, which name raw registers by gdb number.
//!
//! No target description XML is offered: gdb's ia64 architecture never calls
//! `tdesc_use_registers`, so its layout is fixed and `qXfer:features:read` is not advertised.
//! gdb therefore needs the architecture from the program (`file prog`, an ia64 ELF) or from
//! `set architecture ia64-elf64` before `target remote`.

use crate::regs::{self, Ia64Regs};
use core::num::NonZeroUsize;
use gdbstub::arch::{Arch, RegId, Registers};

/// The ia64 architecture (a type-level marker, never instantiated).
pub enum Ia64 {}

impl Arch for Ia64 {
    type Usize = u64;
    type Registers = Ia64Regs;
    /// gdb sends kind 0 in every ia64 'Z' packet (`ia64_breakpoint_kind_from_pc`).
    type BreakpointKind = usize;
    type RegId = Ia64RegId;
}

/// A raw register by gdb number (0..462).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Ia64RegId(pub usize);

impl RegId for Ia64RegId {
    fn from_raw_id(id: usize) -> Option<(Self, Option<NonZeroUsize>)> {
        let size = regs::size(id)?;
        Some((Ia64RegId(id), NonZeroUsize::new(size)))
    }

    fn to_raw_id(&self) -> Option<usize> {
        regs::size(self.0).map(|_| self.0)
    }
}

impl Registers for Ia64Regs {
    type ProgramCounter = u64;

    fn pc(&self) -> u64 {
        Ia64Regs::pc(self)
    }

    fn gdb_serialize(&self, mut write_byte: impl FnMut(Option<u8>)) {
        for b in self.to_g_bytes() {
            write_byte(b);
        }
    }

    fn gdb_deserialize(&mut self, bytes: &[u8]) -> Result<(), ()> {
        *self = Ia64Regs::from_g_bytes(bytes).ok_or(())?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reg_ids_cover_the_raw_registers_only() {
        assert_eq!(
            Ia64RegId::from_raw_id(0x15f).map(|(r, s)| (r, s.map(NonZeroUsize::get))),
            Some((Ia64RegId(351), Some(8)))
        );
        assert_eq!(
            Ia64RegId::from_raw_id(129).map(|(_, s)| s.map(NonZeroUsize::get)),
            Some(Some(16))
        );
        assert!(Ia64RegId::from_raw_id(462).is_none());
        assert_eq!(Ia64RegId(0x14d).to_raw_id(), Some(333));
        assert_eq!(Ia64RegId(999).to_raw_id(), None);
    }
}
