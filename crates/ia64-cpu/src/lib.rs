//! CPU core: architectural state, Register Stack Engine, executor (see docs/architecture.md).
//!
//! * [`mem`]: the narrow fallible memory trait the CPU uses ([`mem::Memory`]).
//! * [`rse`]: the Register Stack Engine ([`rse::Rse`]) and its pure address helpers.

pub mod mem;
pub mod rse;
