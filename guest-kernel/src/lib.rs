//! Guest kernel: tasks, syscalls, signals, tracing engines, RSE coherence (see docs/architecture.md).
//!
//! * [`entry`]: kernel entry and exit, moving the register stack as Linux/ia64 does.
//! * [`kernel`]: the kernel proper: loading, the machine loop, kernel entries, statistics.
//! * [`task`]: tasks, thread groups and memory descriptors.
//! * [`sched`]: run queues, migration and the context switch of the register stack.
//! * [`syscall`]: file and memory system calls and the dispatcher.
//! * [`process`]: clone, exit, wait, execve, futex and the scheduler calls.
//! * [`signal`]: signal numbers, actions, queued information, the signal a fault sends.
//! * [`sigkernel`]: sending, the signal syscalls and `do_signal`.
//! * [`sigframe`]: the Linux/ia64 signal frame and sigcontext layouts, frame setup and return.
//! * [`utrace`]: tracing engines (the utrace engine layer, kernel-independent).
//! * [`engines`]: the engine layer bound to this kernel: hook points, stops, engine kinds.
//! * [`ptrace`]: ptrace as an engine: requests, stops, wait statuses, register access.
//! * [`strace`]: the `--strace` and `--count-syscalls` engines.
//! * [`procmem`]: the `/proc/<pid>/mem` file.
//! * [`rbs`]: a stopped task's user register backing store: peek/poke, write-back, reload.
//! * [`coherence`]: the `--rse-sync none|eager|lazy` policies and their counters.
//! * [`harness`]: the host-side coherence harness engine.
//! * [`gdb`]: the gdb engine: all-stop stops, resumes and the register view of a gdb stub.
//! * [`work`]: thread flags, the return-to-user work loop, notify-resume users, syscall work.

pub mod coherence;
pub mod engines;
pub mod entry;
pub mod gdb;
pub mod harness;
pub mod kernel;
pub mod process;
pub mod procmem;
pub mod ptrace;
pub mod rbs;
pub mod sched;
pub mod sigframe;
pub mod sigkernel;
pub mod signal;
pub mod strace;
pub mod syscall;
pub mod task;
pub mod utrace;
pub mod work;

pub use kernel::{Config, Kernel, KernelError, Outcome, RunResult};
