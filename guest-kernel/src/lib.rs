//! Guest kernel: tasks, syscalls, signals, tracing engines, RSE coherence (see docs/architecture.md).
//!
//! * [`entry`]: kernel entry and exit, moving the register stack as Linux/ia64 does.
//! * [`kernel`]: the kernel proper: loading, the run loop, kernel statistics.
//! * [`syscall`]: system calls.
//! * [`signal`]: the signal a fault sends.

pub mod entry;
pub mod kernel;
pub mod signal;
pub mod syscall;

pub use kernel::{Config, Kernel, KernelError, Outcome, RunResult};
