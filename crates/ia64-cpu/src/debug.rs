//! Debugger hooks kept outside guest memory: instruction breakpoints and data watchpoints
//! (issue #8, the gdb stub). The run loop ([`crate::exec::Cpu::run_traced`]) consults
//! [`DebugHooks`] and stops with [`crate::exec::Exit::Debug`].
//!
//! * **Breakpoints** are instruction addresses `ip | slot` (`ip` 16-byte aligned, slot 0..=2;
//!   the L+X instruction of an MLX bundle is at slot 1, its second half has no address). The
//!   run stops *before* the instruction: it has not executed, `State::ip`/`State::slot` name
//!   it and nothing of it is retired. A breakpoint triggers whatever the qualifying predicate
//!   (gdb expects a stop at the address), at any privilege level, before the tracer sees the
//!   slot, and also at the first slot of a run: resuming at a breakpoint address stops at once
//!   unless [`DebugHooks::set_skip`] names that address (the stub's "continue from a
//!   breakpoint").
//! * **Watches** match *data* accesses only ([`AccessKind::Data`]: loads, stores, semaphores,
//!   spills/fills, check loads that actually read memory), never RSE spills/fills, instruction
//!   fetches or debugger accesses: a watch on a stacked register's backing-store slot does not
//!   fire when the RSE moves it (gdb watches program variables; the RSE is invisible to it).
//!   The stop comes *after* the instruction retires (gdb's ia64 watchpoints are continuable,
//!   `have_nonsteppable_watchpoint` = 0): `State::ip`/`State::slot` name the next instruction,
//!   as after a trap. This differs from the hardware data breakpoint registers (DBRs, SDM
//!   Vol. 2 Part I §7.1 "Debugging", Data Debug fault), which fault *before* the access; this
//!   facility is the debugger's, not the guest's. An instruction that faults reports its fault
//!   and its accesses are forgotten (a faulting store leaves no stale hit).
//! * **Kinds**: a read matches [`WatchKind::Read`] and [`WatchKind::Access`] watches, a write
//!   matches [`WatchKind::Write`] and [`WatchKind::Access`]. A semaphore (`xchg`, `cmpxchg`,
//!   `fetchadd`, `cmp8xchg16`: a read and a write of the same bytes) reports `Write` when it
//!   hits a `Write` watch, else `Read`. The reported address is the lowest accessed byte
//!   inside a matching watched range.
//! * **Single step**: when a watch hit and a single-step (PSR.ss) trap happen on the same
//!   instruction, the watch is reported (the trap is not raised; the debugger is stepping
//!   anyway). A taken branch never makes data accesses, so the taken-branch trap and the
//!   branch traps keep their rules unchanged.
//!
//! Cost: when no hook is set the run loop is the unchanged fast path (one check per
//! [`crate::exec::Cpu::run_traced`] call). With hooks it runs slot by slot; with watches the
//! memory is wrapped in `WatchMem`, which records matching data accesses of the current
//! slot.

use std::cell::Cell;

use crate::mem::{Access, AccessKind, MemFault, Memory, Size, TranslationOp};

/// Kinds of data watch.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum WatchKind {
    /// Stop after a write touching the range.
    Write,
    /// Stop after a read touching the range.
    Read,
    /// Stop after any read or write touching the range.
    Access,
}

/// A watched address range `[addr, addr + len)` (a zero `len` never matches).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Watch {
    /// First byte.
    pub addr: u64,
    /// Length in bytes.
    pub len: u64,
    /// Which accesses stop.
    pub kind: WatchKind,
}

/// What stopped the run.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DebugEvent {
    /// About to execute the instruction at `addr` = ip | slot (it has not executed;
    /// `State::ip`/`State::slot` name it).
    Breakpoint {
        /// `ip | slot`.
        addr: u64,
    },
    /// The instruction that just retired made a data access of `kind` touching a watched
    /// range; `addr` = the lowest accessed byte address inside the watched range;
    /// `State::ip`/`State::slot` name the NEXT instruction (as after a trap). `kind` is
    /// `Read` or `Write` (the kind of access that happened; an `Access` watch reports the
    /// access's own kind).
    Watch {
        /// `Read` or `Write`.
        kind: WatchKind,
        /// Lowest accessed byte inside the watched range.
        addr: u64,
    },
}

/// The breakpoints and watches of one processor, and the breakpoint to step over.
#[derive(Clone, Debug, Default)]
pub struct DebugHooks {
    /// Sorted, no duplicates.
    breakpoints: Vec<u64>,
    watches: Vec<Watch>,
    skip: Option<u64>,
}

impl DebugHooks {
    /// Add a breakpoint at `addr` = ip | slot; false if already present.
    pub fn add_breakpoint(&mut self, addr: u64) -> bool {
        match self.breakpoints.binary_search(&addr) {
            Ok(_) => false,
            Err(i) => {
                self.breakpoints.insert(i, addr);
                true
            }
        }
    }

    /// Remove the breakpoint at `addr`; false if absent.
    pub fn remove_breakpoint(&mut self, addr: u64) -> bool {
        match self.breakpoints.binary_search(&addr) {
            Ok(i) => {
                self.breakpoints.remove(i);
                true
            }
            Err(_) => false,
        }
    }

    /// The breakpoints, sorted.
    pub fn breakpoints(&self) -> &[u64] {
        &self.breakpoints
    }

    /// Add a watch; false if the same watch (address, length, kind) is already present.
    pub fn add_watch(&mut self, w: Watch) -> bool {
        if self.watches.contains(&w) {
            return false;
        }
        self.watches.push(w);
        true
    }

    /// Remove a watch; false if absent.
    pub fn remove_watch(&mut self, w: Watch) -> bool {
        match self.watches.iter().position(|x| *x == w) {
            Some(i) => {
                self.watches.remove(i);
                true
            }
            None => false,
        }
    }

    /// The watches, in the order they were added.
    pub fn watches(&self) -> &[Watch] {
        &self.watches
    }

    /// Do not stop at a breakpoint at `addr` for the next instruction executed (resuming
    /// from a breakpoint stop: the instruction must run). Cleared when any instruction
    /// retires or faults, or the run returns for another reason at a different ip|slot.
    pub fn set_skip(&mut self, addr: Option<u64>) {
        self.skip = addr;
    }

    /// The breakpoint address to step over, if any.
    pub fn skip(&self) -> Option<u64> {
        self.skip
    }

    /// Whether any breakpoint or watch is set.
    #[inline(always)]
    pub fn is_active(&self) -> bool {
        !self.breakpoints.is_empty() || !self.watches.is_empty()
    }

    /// Remove every breakpoint and watch, and the skip.
    pub fn clear(&mut self) {
        self.breakpoints.clear();
        self.watches.clear();
        self.skip = None;
    }
}

/// The hits of the current slot, by what decides the reported kind.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct WatchLog {
    /// Lowest byte of a write inside a `Write` watch.
    write_w: Option<u64>,
    /// Lowest byte of a read inside a `Read` or `Access` watch.
    read: Option<u64>,
    /// Lowest byte of a write inside an `Access` watch.
    write_a: Option<u64>,
}

fn lower(slot: &mut Option<u64>, a: u64) {
    *slot = Some(slot.map_or(a, |b| b.min(a)));
}

impl WatchLog {
    /// The event to report: a write into a `Write` watch first (semaphores report `Write` to
    /// `Write` watches), then a read, then a write into an `Access` watch.
    pub(crate) fn event(&self) -> Option<DebugEvent> {
        let (kind, addr) = match (self.write_w, self.read, self.write_a) {
            (Some(a), _, _) => (WatchKind::Write, a),
            (None, Some(a), _) => (WatchKind::Read, a),
            (None, None, Some(a)) => (WatchKind::Write, a),
            (None, None, None) => return None,
        };
        Some(DebugEvent::Watch { kind, addr })
    }

    /// Record a successful data access of `n` bytes at `addr` against `watches`.
    fn record(&mut self, watches: &[Watch], addr: u64, n: u64, write: bool) {
        let a = u128::from(addr);
        let a_end = a + u128::from(n);
        for w in watches {
            let w_lo = u128::from(w.addr);
            let w_end = w_lo + u128::from(w.len);
            if a >= w_end || w_lo >= a_end {
                continue;
            }
            // The larger of two u64 values: fits.
            let lo = addr.max(w.addr);
            match (write, w.kind) {
                (true, WatchKind::Write) => lower(&mut self.write_w, lo),
                (true, WatchKind::Access) => lower(&mut self.write_a, lo),
                (false, WatchKind::Read | WatchKind::Access) => lower(&mut self.read, lo),
                (true, WatchKind::Read) | (false, WatchKind::Write) => {}
            }
        }
    }
}

/// What the run loop needs of the hooks during one debug run.
pub(crate) struct DebugRun<'a> {
    /// Sorted breakpoint addresses.
    pub(crate) breakpoints: &'a [u64],
    /// The breakpoint to step over (consumed by the first slot that passes the check).
    pub(crate) skip: Option<u64>,
    /// Whether a slot passed the breakpoint check (executed or faulted).
    pub(crate) attempted: bool,
    /// The hits recorded by [`WatchMem`] (`None`: no watches).
    pub(crate) log: Option<&'a Cell<WatchLog>>,
    /// A watch hit of a slot that ended its bundle by a branch or `rfi`: reported by the
    /// run loop once IP is set.
    pub(crate) pending: Option<DebugEvent>,
}

impl DebugRun<'_> {
    /// The run without hooks (for the fast path; never consulted there).
    pub(crate) const NONE: DebugRun<'static> = DebugRun {
        breakpoints: &[],
        skip: None,
        attempted: false,
        log: None,
        pending: None,
    };

    /// Whether the slot at `addr` stops at a breakpoint; consumes the skip.
    #[inline]
    pub(crate) fn breakpoint(&mut self, addr: u64) -> bool {
        let hit = self.breakpoints.binary_search(&addr).is_ok() && self.skip != Some(addr);
        if !hit {
            self.skip = None;
            self.attempted = true;
        }
        hit
    }
}

/// A memory that records the data accesses touching watched ranges (only used while watches
/// exist). Everything is forwarded to the wrapped memory unchanged; only successful
/// [`AccessKind::Data`] accesses are recorded.
pub(crate) struct WatchMem<'a, M: Memory + ?Sized> {
    pub(crate) inner: &'a mut M,
    pub(crate) watches: &'a [Watch],
    pub(crate) log: &'a Cell<WatchLog>,
}

impl<M: Memory + ?Sized> WatchMem<'_, M> {
    #[inline]
    fn note<T>(&self, r: &Result<T, MemFault>, addr: u64, n: u64, access: Access, write: bool) {
        if r.is_ok() && access.kind == AccessKind::Data {
            let mut l = self.log.get();
            l.record(self.watches, addr, n, write);
            self.log.set(l);
        }
    }
}

impl<M: Memory + ?Sized> Memory for WatchMem<'_, M> {
    fn read(&mut self, addr: u64, size: Size, access: Access) -> Result<u64, MemFault> {
        let r = self.inner.read(addr, size, access);
        self.note(&r, addr, size.bytes(), access, false);
        r
    }
    fn write(&mut self, addr: u64, size: Size, value: u64, access: Access) -> Result<(), MemFault> {
        let r = self.inner.write(addr, size, value, access);
        self.note(&r, addr, size.bytes(), access, true);
        r
    }
    fn read_u8(&mut self, addr: u64, access: Access) -> Result<u8, MemFault> {
        let r = self.inner.read_u8(addr, access);
        self.note(&r, addr, 1, access, false);
        r
    }
    fn read_u16(&mut self, addr: u64, access: Access) -> Result<u16, MemFault> {
        let r = self.inner.read_u16(addr, access);
        self.note(&r, addr, 2, access, false);
        r
    }
    fn read_u32(&mut self, addr: u64, access: Access) -> Result<u32, MemFault> {
        let r = self.inner.read_u32(addr, access);
        self.note(&r, addr, 4, access, false);
        r
    }
    fn read_u64(&mut self, addr: u64, access: Access) -> Result<u64, MemFault> {
        let r = self.inner.read_u64(addr, access);
        self.note(&r, addr, 8, access, false);
        r
    }
    fn write_u8(&mut self, addr: u64, v: u8, access: Access) -> Result<(), MemFault> {
        let r = self.inner.write_u8(addr, v, access);
        self.note(&r, addr, 1, access, true);
        r
    }
    fn write_u16(&mut self, addr: u64, v: u16, access: Access) -> Result<(), MemFault> {
        let r = self.inner.write_u16(addr, v, access);
        self.note(&r, addr, 2, access, true);
        r
    }
    fn write_u32(&mut self, addr: u64, v: u32, access: Access) -> Result<(), MemFault> {
        let r = self.inner.write_u32(addr, v, access);
        self.note(&r, addr, 4, access, true);
        r
    }
    fn write_u64(&mut self, addr: u64, v: u64, access: Access) -> Result<(), MemFault> {
        let r = self.inner.write_u64(addr, v, access);
        self.note(&r, addr, 8, access, true);
        r
    }
    fn translate_fetch(&mut self, addr: u64, pl: u8) -> Result<u64, MemFault> {
        self.inner.translate_fetch(addr, pl)
    }
    fn read_bundle_phys(&mut self, phys: u64) -> Result<[u8; 16], MemFault> {
        self.inner.read_bundle_phys(phys)
    }
    fn fetch_generation(&self) -> u64 {
        self.inner.fetch_generation()
    }
    fn mark_code_page(&mut self, phys: u64) {
        self.inner.mark_code_page(phys)
    }
    fn drain_code_writes(&mut self, out: &mut Vec<u64>) {
        self.inner.drain_code_writes(out)
    }
    fn epc_promotion(&mut self, ip: u64) -> Option<u8> {
        self.inner.epc_promotion(ip)
    }
    fn translation_op(&mut self, op: TranslationOp) -> Result<u64, MemFault> {
        self.inner.translation_op(op)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn breakpoints_stay_sorted_and_unique() {
        let mut h = DebugHooks::default();
        assert!(!h.is_active());
        assert!(h.add_breakpoint(0x20 | 1));
        assert!(h.add_breakpoint(0x10));
        assert!(!h.add_breakpoint(0x10));
        assert_eq!(h.breakpoints(), &[0x10, 0x21]);
        assert!(h.is_active());
        assert!(h.remove_breakpoint(0x10));
        assert!(!h.remove_breakpoint(0x10));
        let w = Watch {
            addr: 8,
            len: 8,
            kind: WatchKind::Read,
        };
        assert!(h.add_watch(w));
        assert!(!h.add_watch(w));
        h.set_skip(Some(0x21));
        h.clear();
        assert!(!h.is_active());
        assert_eq!(h.skip(), None);
    }

    #[test]
    fn log_priorities_and_edges() {
        let ws = [
            Watch {
                addr: 0x100,
                len: 3,
                kind: WatchKind::Write,
            },
            Watch {
                addr: 0x103,
                len: 1,
                kind: WatchKind::Access,
            },
        ];
        let mut l = WatchLog::default();
        l.record(&ws, 0xf8, 8, false); // [0xf8, 0x100): touches nothing
        assert_eq!(l.event(), None);
        l.record(&ws, 0x104, 4, true); // just past both
        assert_eq!(l.event(), None);
        l.record(&ws, 0x100, 8, false); // read: only the Access watch at 0x103
        assert_eq!(
            l.event(),
            Some(DebugEvent::Watch {
                kind: WatchKind::Read,
                addr: 0x103
            })
        );
        l.record(&ws, 0x100, 8, true); // the semaphore's write: Write watch wins
        assert_eq!(
            l.event(),
            Some(DebugEvent::Watch {
                kind: WatchKind::Write,
                addr: 0x100
            })
        );
        let mut top = WatchLog::default();
        let edge = [Watch {
            addr: u64::MAX,
            len: 1,
            kind: WatchKind::Access,
        }];
        top.record(&edge, u64::MAX - 7, 8, true);
        assert_eq!(
            top.event(),
            Some(DebugEvent::Watch {
                kind: WatchKind::Write,
                addr: u64::MAX
            })
        );
    }
}
