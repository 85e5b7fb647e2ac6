//! The machine: guest physical memory, address spaces, vCPUs, console,
//! timer, and ELF files (loading, symbols, listings).
//!
//! So far this crate owns ELF inspection: [`elf::disassemble`] produces an
//! objdump `-d` listing of an ia64 ELF file's executable sections.

pub mod elf;
