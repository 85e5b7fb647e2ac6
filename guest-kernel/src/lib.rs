//! Guest kernel: tasks, syscalls, signals, tracing engines, RSE coherence (see docs/architecture.md).
//!
//! * [`entry`]: kernel entry and exit, moving the register stack as Linux/ia64 does.

pub mod entry;
