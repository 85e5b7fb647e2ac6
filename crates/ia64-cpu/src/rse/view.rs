//! Side-effect-free "virtual flushrs" view for debuggers, and the write-back / reload
//! primitives the guest kernel builds its debugger-coherence policies on (rse-spec.md §9.2).

use super::addr::{rse_is_rnat_slot, rse_rnat_addr, rse_slot_num};
use super::{Rse, StackedReg, RNAT_MASK};
use crate::mem::{Access, Memory};

/// What memory would hold in `[start, end)` after a `flushrs` (optionally preceded by a
/// `cover`), without changing any state.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FlushView {
    /// First address: AR.BSPSTORE.
    pub start: u64,
    /// One past the last word: BSP, or `skip(BSP, sof)` when the current frame is included.
    pub end: u64,
    /// The words of `[start, end)`, one per 8-byte slot, collection words included, in the byte
    /// order the RSE would store them (AR.RSC.be).
    pub words: Vec<u64>,
    /// AR.RNAT afterwards: the NaT bits of the partial group below `end` (gdb's `$rnat`).
    pub rnat: u64,
}

impl FlushView {
    /// The word the view holds at `addr` (8-byte aligned), if inside `[start, end)`.
    pub fn word_at(&self, addr: u64) -> Option<u64> {
        if addr < self.start || addr >= self.end || addr & 7 != 0 {
            return None;
        }
        let i = usize::try_from((addr - self.start) / 8).ok()?;
        self.words.get(i).copied()
    }

    /// `(address, word)` pairs in ascending address order.
    pub fn iter(&self) -> impl Iterator<Item = (u64, u64)> + '_ {
        self.words
            .iter()
            .enumerate()
            .map(move |(i, w)| (self.start.wrapping_add(8 * i as u64), *w))
    }
}

impl Rse {
    /// The resident registers in backing-store order: the dirty partition (oldest first), then
    /// the current frame when `include_frame`.
    fn resident(&self, include_frame: bool) -> Vec<StackedReg> {
        let top = if include_frame {
            usize::from(self.cfm.sof)
        } else {
            0
        };
        let lo = -(self.ndirty as i64);
        (lo..top as i64)
            .map(|off| self.reg_at(self.phys(off)))
            .collect()
    }

    /// What a `flushrs` (preceded by a `cover` when `include_frame`) would write to memory, and
    /// the resulting RNAT, without changing anything (rse-spec.md §9.2 `on_debug_stop`).
    pub fn virtual_flushrs(&self, include_frame: bool) -> FlushView {
        let mut view = FlushView {
            start: self.bspstore,
            ..FlushView::default()
        };
        let mut a = self.bspstore;
        let mut rn = self.rnat;
        let emit_collection = |a: &mut u64, rn: &mut u64, words: &mut Vec<u64>| {
            if rse_is_rnat_slot(*a) {
                words.push(self.order(*rn & RNAT_MASK));
                *rn = 0;
                *a = a.wrapping_add(8);
            }
        };
        for r in self.resident(include_frame) {
            emit_collection(&mut a, &mut rn, &mut view.words);
            view.words.push(self.order(r.value));
            let bit = 1u64 << rse_slot_num(a);
            rn = if r.nat { rn | bit } else { rn & !bit };
            a = a.wrapping_add(8);
        }
        emit_collection(&mut a, &mut rn, &mut view.words);
        view.end = a;
        view.rnat = rn & RNAT_MASK;
        view
    }

    /// Write a view's words to memory with `access` (the kernel's write-back of §9.2). The RSE
    /// state does not change.
    pub fn write_view<M: Memory + ?Sized>(
        mem: &mut M,
        view: &FlushView,
        access: Access,
    ) -> Result<(), crate::mem::MemFault> {
        for (a, w) in view.iter() {
            mem.write_u64(a, w, access)?;
        }
        Ok(())
    }

    /// Reload every resident register (dirty partition, plus the current frame when
    /// `include_frame`) from its home in memory, as a debugger may have edited it after a
    /// write-back of `[BSPSTORE, end)`. A register at `a` takes its NaT from the collection
    /// word at `rnat_addr(a)` when that lies below `end`, else from `rnat_end` (the RNAT reported
    /// to the debugger). AR.RNAT's bits below BSPSTORE are refreshed the same way.
    /// Reads everything first; a fault changes nothing (rse-spec.md §9.2
    /// `before_guest_consumes_stacked_state`).
    pub fn reload_resident<M: Memory + ?Sized>(
        &mut self,
        mem: &mut M,
        end: u64,
        rnat_end: u64,
        include_frame: bool,
        access: Access,
    ) -> Result<(), crate::mem::MemFault> {
        let top = if include_frame {
            usize::from(self.cfm.sof)
        } else {
            0
        };
        let nat_word = |mem: &mut M, a: u64| -> Result<u64, crate::mem::MemFault> {
            let c = rse_rnat_addr(a);
            if c < end {
                Ok(self.order(mem.read_u64(c, access)?))
            } else {
                Ok(rnat_end)
            }
        };
        let mut loaded = Vec::new();
        let mut a = self.bspstore;
        for off in -(self.ndirty as i64)..top as i64 {
            if rse_is_rnat_slot(a) {
                a = a.wrapping_add(8);
            }
            let value = self.order(mem.read_u64(a, access)?);
            let nat = (nat_word(mem, a)? >> rse_slot_num(a)) & 1 != 0;
            loaded.push((self.phys(off), StackedReg { value, nat }));
            a = a.wrapping_add(8);
        }
        let below = (1u64 << rse_slot_num(self.bspstore)) - 1;
        let group = nat_word(mem, self.bspstore)?;
        // Commit.
        for (p, r) in loaded {
            self.set_reg_at(p, r);
        }
        self.rnat = ((self.rnat & !below) | (group & below)) & RNAT_MASK;
        Ok(())
    }
}
