//! Backing-store address arithmetic (rse-spec.md §2; Linux `asm/rse.h` semantics, restated).
//!
//! The backing store is an array of 8-byte slots growing upward. Every slot whose address bits
//! 8:3 are all ones is a NaT-collection slot holding the NaT bits of the 63 register slots below it
//! in the same 512-byte group (SDM Vol. 2 Part I §6.3 "RSE Backing Store", Figure 6-2).
//! All functions are pure and total: addresses are guest-controlled, so arithmetic wraps.
//!
//! ```
//! use ia64_cpu::rse::addr::{rse_skip_regs, rse_num_regs, rse_is_rnat_slot};
//! let bof = rse_skip_regs(0x60000fffffffc238, -12);
//! assert_eq!(bof, 0x60000fffffffc1d0);
//! assert_eq!(rse_num_regs(bof, 0x60000fffffffc238), 12);
//! assert!(rse_is_rnat_slot(0x60000fffffffc1f8));
//! ```

/// Slot number of `addr` inside its 512-byte group: `(addr >> 3) & 63`.
pub fn rse_slot_num(addr: u64) -> u32 {
    ((addr >> 3) & 0x3f) as u32
}

/// True when `addr` is a NaT-collection slot (slot number 63).
pub fn rse_is_rnat_slot(addr: u64) -> bool {
    rse_slot_num(addr) == 0x3f
}

/// Address of the NaT-collection slot that covers `addr` (`addr | 0x1f8`).
pub fn rse_rnat_addr(addr: u64) -> u64 {
    addr | 0x1f8
}

/// Number of registers (not counting NaT-collection slots) in `[bspstore, bsp)`.
///
/// Meaningful only for `bspstore <= bsp`; the result wraps otherwise (never panics).
pub fn rse_num_regs(bspstore: u64, bsp: u64) -> u64 {
    let nslots = bsp.wrapping_sub(bspstore) >> 3;
    nslots.wrapping_sub((u64::from(rse_slot_num(bspstore)).wrapping_add(nslots)) / 64)
}

/// The address `num_regs` registers away from `addr`, skipping NaT-collection slots
/// (negative `num_regs` walks downward). Valid from any start address, collection slots included.
pub fn rse_skip_regs(addr: u64, num_regs: i64) -> u64 {
    let mut delta = i64::from(rse_slot_num(addr)).wrapping_add(num_regs);
    if num_regs < 0 {
        delta = delta.wrapping_sub(0x3e);
    }
    // C division truncates toward zero, as Rust's `/` on i64 does.
    let slots = num_regs.wrapping_add(delta / 0x3f);
    addr.wrapping_add((slots as u64).wrapping_mul(8))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Brute-force slot walker: step one slot at a time, never stopping on a collection slot.
    fn walk(mut a: u64, k: i64) -> u64 {
        if k >= 0 {
            if rse_is_rnat_slot(a) {
                a += 8;
            }
            for _ in 0..k {
                a += 8;
                if rse_is_rnat_slot(a) {
                    a += 8;
                }
            }
        } else {
            for _ in 0..(-k) {
                a -= 8;
                if rse_is_rnat_slot(a) {
                    a -= 8;
                }
            }
        }
        a
    }

    #[test]
    fn skip_agrees_with_walker_for_every_start_slot() {
        let base = 0x6000_0000_0010_0000u64;
        for slot in 0..64u64 {
            let a = base + slot * 8;
            for k in -300i64..=300 {
                let got = rse_skip_regs(a, k);
                // From a collection slot, walking down by k registers is well defined; walking up
                // starts at the next slot.
                assert_eq!(got, walk(a, k), "slot {slot} k {k}");
                if k >= 0 {
                    assert_eq!(rse_num_regs(a, got), k as u64, "num_regs slot {slot} k {k}");
                }
            }
        }
    }

    #[test]
    fn helpers_on_edges() {
        assert_eq!(rse_rnat_addr(0x1000), 0x11f8);
        assert_eq!(rse_num_regs(0x11f8, 0x1200), 0);
        assert_eq!(rse_skip_regs(0x11f8, 0), 0x1200);
        assert_eq!(
            rse_skip_regs(u64::MAX - 7, 5),
            rse_skip_regs(u64::MAX - 7, 5)
        ); // no panic
        let _ = rse_num_regs(0x2000, 0x1000); // wraps, no panic
        let _ = rse_skip_regs(0, i64::MIN);
        let _ = rse_skip_regs(0, i64::MAX);
    }
}
