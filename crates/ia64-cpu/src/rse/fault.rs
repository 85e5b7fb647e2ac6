//! RSE faults as values, and traffic counters.
//!
//! Faults carry what the architecture reports: the fault class (SDM Vol. 2 Part I §5.6,
//! "Interruption Priorities"; Vol. 3 instruction pages), and for memory faults the [`MemFault`]
//! (address → IFA, access kind → ISR.rs/ISR.ir) plus whether the current frame was left
//! incomplete (ISR.ir, SDM Vol. 2 Part I §6.6).

use crate::mem::MemFault;

/// Why an Illegal Operation fault is raised (diagnostic detail; the architecture reports only
/// the fault class).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum IllegalOp {
    /// `alloc` with sof > 96.
    AllocFrameTooLarge,
    /// `alloc` with sol > sof.
    AllocSolGreaterThanSof,
    /// `alloc` with a rotating size that is not a multiple of 8.
    AllocSorNotMultipleOf8,
    /// `alloc` with 8·sor > sof.
    AllocSorGreaterThanSof,
    /// `alloc` whose target register is r0 or outside the new frame.
    AllocTargetOutOfFrame,
    /// `loadrs`, `mov ar.bspstore`, `mov ar.rnat` or a read of BSPSTORE/RNAT while
    /// AR.RSC.mode ≠ 0.
    ModeNotEnforcedLazy,
    /// `loadrs` with CFM.sof ≠ 0 and AR.RSC.loadrs ≠ 0.
    LoadrsWithFrame,
    /// `loadrs` asking for more registers than the physical file can hold.
    LoadrsTooLarge,
    /// A write to AR.BSP (read-only).
    ReadOnlyRegister,
    /// A write to a stacked register outside the current frame (SDM Vol. 2 Part I §6.1).
    OutOfFrameWrite,
    /// `rfi` with CR.IFS.v = 1 and an IFS.ifm that describes no legal frame.
    InvalidFrameMarker,
}

/// Who caused RSE memory traffic.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Cause {
    /// Mandatory spills/fills (alloc growing into dirty space, br.ret / rfi into a frame that is
    /// not in the physical file).
    Mandatory,
    /// Background (eager-mode) traffic done by [`super::Rse::background_step`].
    Eager,
    /// `flushrs`.
    Flushrs,
    /// `loadrs`.
    Loadrs,
}

/// An architectural fault raised by an RSE operation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum RseFault {
    /// Illegal Operation fault.
    IllegalOperation(IllegalOp),
    /// Reserved Register/Field fault (reserved bits written, or `alloc` changing sor while a
    /// rename base is nonzero).
    ReservedRegisterField,
    /// Register NaT Consumption fault (a NaT source of a move to an RSE application register).
    RegisterNatConsumption,
    /// A spill or fill faulted.
    Memory {
        /// The memory fault (address, kind, access).
        fault: MemFault,
        /// What the RSE was doing.
        cause: Cause,
        /// True when the fault hit a mandatory load of the current frame (ISR.ir = 1).
        incomplete_frame: bool,
    },
}

/// Counts of RSE memory traffic for one [`Cause`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Traffic {
    /// Registers stored.
    pub spills: u64,
    /// Registers loaded.
    pub fills: u64,
    /// NaT collection words stored.
    pub nat_written: u64,
    /// NaT collection words loaded.
    pub nat_read: u64,
    /// Bytes stored (registers and collections).
    pub bytes_stored: u64,
    /// Bytes loaded (registers and collections).
    pub bytes_loaded: u64,
}

impl Traffic {
    /// Field-wise sum.
    pub fn plus(self, o: Traffic) -> Traffic {
        Traffic {
            spills: self.spills.wrapping_add(o.spills),
            fills: self.fills.wrapping_add(o.fills),
            nat_written: self.nat_written.wrapping_add(o.nat_written),
            nat_read: self.nat_read.wrapping_add(o.nat_read),
            bytes_stored: self.bytes_stored.wrapping_add(o.bytes_stored),
            bytes_loaded: self.bytes_loaded.wrapping_add(o.bytes_loaded),
        }
    }
}

/// RSE traffic split by cause.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct RseCounters {
    /// Mandatory spills and fills.
    pub mandatory: Traffic,
    /// Eager (background) traffic.
    pub eager: Traffic,
    /// `flushrs` traffic.
    pub flushrs: Traffic,
    /// `loadrs` traffic.
    pub loadrs: Traffic,
}

impl RseCounters {
    /// The counters of one cause.
    pub fn get(&self, cause: Cause) -> &Traffic {
        match cause {
            Cause::Mandatory => &self.mandatory,
            Cause::Eager => &self.eager,
            Cause::Flushrs => &self.flushrs,
            Cause::Loadrs => &self.loadrs,
        }
    }

    /// The counters of one cause, mutable.
    pub fn get_mut(&mut self, cause: Cause) -> &mut Traffic {
        match cause {
            Cause::Mandatory => &mut self.mandatory,
            Cause::Eager => &mut self.eager,
            Cause::Flushrs => &mut self.flushrs,
            Cause::Loadrs => &mut self.loadrs,
        }
    }

    /// Sum over all causes.
    pub fn total(&self) -> Traffic {
        self.mandatory
            .plus(self.eager)
            .plus(self.flushrs)
            .plus(self.loadrs)
    }
}
