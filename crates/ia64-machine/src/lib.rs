//! The machine: guest physical memory, address spaces and the software TLB behind the CPU's
//! `Memory` trait, the console, the interval timer, ELF loading with the Linux/ia64 initial
//! process image, symbols and source lines, and objdump-style listings.
//!
//! Modules, one concern each:
//!
//! * [`phys`]: sparse guest physical memory in 16 KiB frames, the frame allocator;
//! * [`layout`]: the guest virtual memory map (regions, stack, RBS, mmap base, kernel areas);
//! * [`space`]: address spaces (page tables with R/W/X and user/kernel level);
//! * [`tlb`]: the software TLB and its generation counter;
//! * [`mmu`]: [`mmu::MemView`], the implementation of `ia64_cpu::mem::Memory`;
//! * [`console`]: guest stdout/stderr;
//! * [`timer`]: the interval timer (ITC/ITM) counting retired instructions;
//! * [`machine`]: N vCPUs (CPU, TLB, timer each) over shared physical memory;
//! * [`loader`]: static ELF loading and the initial process image (argv, envp, auxv, RBS);
//! * [`symbols`]: function symbols and DWARF line info for traces and fault reports;
//! * [`elf`]: objdump `-d` listings.

pub mod console;
pub mod elf;
pub mod layout;
pub mod loader;
pub mod machine;
pub mod mmu;
pub mod phys;
pub mod space;
pub mod symbols;
pub mod timer;
pub mod tlb;
