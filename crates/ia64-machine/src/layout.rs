//! The guest virtual memory map: regions, implemented address bits, and where Linux/ia64 puts
//! the stack, the register backing store, mmap and the kernel-only per-task areas.
//!
//! Values follow Linux/ia64 with 16 KiB pages and 3-level page tables (see `docs/memory-map.md`
//! for the full map and the Linux sources each value comes from).
//!
//! ```
//! use ia64_machine::layout::*;
//! assert_eq!(region_of(STACK_TOP - 1), 3);
//! assert_eq!(STACK_TOP, 0x6000_0fff_ffff_c000);
//! assert!(is_implemented(0x6000_0fff_ffff_c000));
//! assert!(!is_implemented(0x0008_0000_0000_0000)); // bit 51 set, bit 50 clear
//! ```

use crate::phys::PAGE_SIZE;

/// Virtual address bits 63:61 select one of eight regions.
pub const REGION_SHIFT: u32 = 61;
/// Mask of the offset inside a region (bits 60:0).
pub const REGION_OFFSET_MASK: u64 = (1 << REGION_SHIFT) - 1;
/// Most significant implemented virtual address bit (IMPL_VA_MSB), as on Itanium 2.
///
/// In every region, offset bits 60:51 must be copies of bit 50; otherwise the address is an
/// *unimplemented data address* (SDM Vol. 2 §4.1.1.1, "Unimplemented Address Bits").
pub const IMPL_VA_MSB: u32 = 50;

/// Per-region user mapping limit of Linux/ia64 (`RGN_MAP_LIMIT` in
/// `arch/ia64/include/asm/pgtable.h`): `(1 << RGN_MAP_SHIFT) - PAGE_SIZE` with
/// `RGN_MAP_SHIFT = PGDIR_SHIFT + PTRS_PER_PGD_SHIFT - 3 = 36 + 11 - 3 = 44` for 16 KiB pages
/// and 3-level page tables.
pub const RGN_MAP_LIMIT: u64 = (1 << 44) - PAGE_SIZE;

/// First user region (Linux: regions 0-4 are user regions, `USER_PTRS_PER_PGD`).
pub const FIRST_USER_REGION: u8 = 0;
/// Last user region.
pub const LAST_USER_REGION: u8 = 4;

/// Base of the mmap area (`DEFAULT_MAP_BASE`, region 1, `asm/processor.h`).
pub const MMAP_BASE: u64 = 0x2000_0000_0000_0000;
/// Top of the user memory stack (`STACK_TOP = 0x6000000000000000 + RGN_MAP_LIMIT`,
/// `asm/ustack.h`). The stack grows down from here.
pub const STACK_TOP: u64 = 0x6000_0000_0000_0000 + RGN_MAP_LIMIT;
/// `MAX_USER_STACK_SIZE = RGN_MAP_LIMIT / 2` (`asm/ustack.h`); with an unlimited hard
/// `RLIMIT_STACK` Linux places the register backing store this far below the stack.
pub const MAX_USER_STACK_SIZE: u64 = RGN_MAP_LIMIT / 2;
/// Size of the memory stack mapping made at exec (the default 8 MiB soft `RLIMIT_STACK`).
pub const DEFAULT_STACK_SIZE: u64 = 8 << 20;
/// Size of the register backing store mapping made at exec (grows up from `rbs_bot`).
pub const DEFAULT_RBS_SIZE: u64 = 8 << 20;

/// The gate page(s) (signal trampoline, syscall stub): `GATE_ADDR = RGN_BASE(RGN_GATE)`,
/// region 5. Mapped by the kernel, user-readable and executable.
pub const GATE_ADDR: u64 = 0xa000_0000_0000_0000;

/// Base of the kernel-only per-task areas in region 7 (Linux keeps `task_struct`, the kernel
/// register backing store and the kernel memory stack together in identity-mapped region-7
/// memory; ours start at this address).
pub const KTASK_AREA_BASE: u64 = 0xe000_0001_0000_0000;
/// Size of one per-task kernel area: 32 KiB, Linux's `IA64_STK_OFFSET`
/// (`KERNEL_STACK_SIZE_ORDER` 1 with 16 KiB pages).
pub const KTASK_STRIDE: u64 = 2 * PAGE_SIZE;
/// Offset of the kernel RBS base (`krbs`) in a per-task area, like Linux's `IA64_RBS_OFFSET`
/// (task_struct + thread_info, rounded to 32). `0xe80` is backing-store slot 16, so the kernel
/// layout's NaT-collection slots differ from the user layout's, as on real kernels
/// (rse-spec.md §3.3).
pub const KRBS_OFFSET: u64 = 0xe80;
/// Maximum number of per-task kernel areas.
pub const MAX_KTASKS: u64 = 1 << 20;

/// Region number (bits 63:61) of a virtual address.
#[inline(always)]
pub const fn region_of(va: u64) -> u8 {
    (va >> REGION_SHIFT) as u8
}

/// Base address of region `r` (0..=7).
#[inline(always)]
pub const fn region_base(r: u8) -> u64 {
    ((r & 7) as u64) << REGION_SHIFT
}

/// Whether `va` is an implemented virtual address (offset bits 60:IMPL_VA_MSB+1 copy bit
/// IMPL_VA_MSB).
#[inline(always)]
pub const fn is_implemented(va: u64) -> bool {
    let hi = (va & REGION_OFFSET_MASK) >> IMPL_VA_MSB;
    hi == 0 || hi == (1 << (REGION_SHIFT - IMPL_VA_MSB)) - 1
}

/// Whether `va` is in a user region (0-4).
#[inline(always)]
pub const fn is_user_region(va: u64) -> bool {
    region_of(va) <= LAST_USER_REGION
}

/// Round `x` up to a page boundary (saturating at the last page).
pub const fn page_align_up(x: u64) -> u64 {
    match x.checked_add(PAGE_SIZE - 1) {
        Some(v) => v & !(PAGE_SIZE - 1),
        None => !(PAGE_SIZE - 1),
    }
}

/// Round `x` down to a page boundary.
pub const fn page_align_down(x: u64) -> u64 {
    x & !(PAGE_SIZE - 1)
}

/// Addresses of one task's kernel-only area (region 7).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct KernelTaskArea {
    /// First byte of the area (page aligned).
    pub base: u64,
    /// Kernel register backing store base (`krbs`); it grows up.
    pub krbs: u64,
    /// Top of the kernel memory stack (grows down; the host-side kernel may leave it unused).
    pub kstack_top: u64,
    /// One past the last byte of the area.
    pub end: u64,
}

/// The kernel-only area of task slot `slot` (`None` if `slot >= MAX_KTASKS`).
pub fn kernel_task_area(slot: u64) -> Option<KernelTaskArea> {
    if slot >= MAX_KTASKS {
        return None;
    }
    let base = KTASK_AREA_BASE + slot * KTASK_STRIDE;
    Some(KernelTaskArea {
        base,
        krbs: base + KRBS_OFFSET,
        kstack_top: base + KTASK_STRIDE - 16,
        end: base + KTASK_STRIDE,
    })
}

/// Linux's `ia64_set_rbs_bot()` (`arch/ia64/mm/init.c`): the user RBS base for a process whose
/// initial stack pointer (`mm->start_stack`, the address of `argc`) is `start_stack`, given the
/// hard `RLIMIT_STACK` (`None` = unlimited):
/// `PAGE_ALIGN(start_stack - min(rlimit & -16, MAX_USER_STACK_SIZE))`.
pub fn rbs_bot(start_stack: u64, rlimit_stack_max: Option<u64>) -> u64 {
    let size = match rlimit_stack_max {
        Some(l) => (l & !15).min(MAX_USER_STACK_SIZE),
        None => MAX_USER_STACK_SIZE,
    };
    page_align_up(start_stack.saturating_sub(size))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn implemented_bits() {
        assert!(is_implemented(0));
        assert!(is_implemented(0x0003_ffff_ffff_ffff | region_base(3)));
        assert!(!is_implemented(0x0004_0000_0000_0000 | region_base(3)));
        // the negative half of each region is implemented too
        assert!(is_implemented(0x1ffc_0000_0000_0000 | region_base(7)));
        assert!(!is_implemented(0x1ff8_0000_0000_0000));
    }

    #[test]
    fn linux_values() {
        assert_eq!(RGN_MAP_LIMIT, 0x0000_0fff_ffff_c000);
        assert_eq!(MAX_USER_STACK_SIZE, 0x0000_07ff_ffff_e000);
        assert_eq!(rbs_bot(0x6000_0fff_ffff_bf00, None), 0x6000_0800_0000_0000);
        assert_eq!(rbs_bot(STACK_TOP, Some(8 << 20)), STACK_TOP - (8 << 20));
        let a = kernel_task_area(2).unwrap();
        assert_eq!(a.base, KTASK_AREA_BASE + 0x10000);
        assert_eq!(a.krbs & 0x1f8, 16 * 8);
        assert_eq!(region_of(a.krbs), 7);
        assert!(kernel_task_area(MAX_KTASKS).is_none());
        assert!(is_implemented(
            kernel_task_area(MAX_KTASKS - 1).unwrap().end - 1
        ));
    }
}
