//! CPU core: architectural state, Register Stack Engine, executor (see docs/architecture.md).
//!
//! * [`mem`]: the narrow fallible memory trait the CPU uses ([`mem::Memory`]).
//! * [`rse`]: the Register Stack Engine ([`rse::Rse`]) and its pure address helpers.
//! * [`state`]: the architectural state as plain data ([`state::State`]).
//! * [`fault`]: faults and traps as values ([`fault::Fault`]).
//! * [`interrupt`]: interruption delivery and `rfi`.
//! * [`alat`]: the advanced load address table.
//! * [`cache`]: the decoded-bundle cache.
//! * [`debug`]: debugger breakpoints and watches kept outside guest memory ([`debug::DebugHooks`]).
//! * [`exec`]: the executor ([`exec::Cpu`]), one file per instruction class.
//! * [`testing`]: state-transition table harness shared by the tests.

pub mod alat;
pub mod cache;
pub mod debug;
pub mod exec;
pub mod fault;
pub mod fr_format;
pub mod interrupt;
pub mod mem;
pub mod rse;
pub mod state;
pub mod testing;

pub use debug::{DebugEvent, DebugHooks, Watch, WatchKind};
pub use exec::{Cpu, Exit};
pub use fault::Fault;
pub use state::State;
