//! gdb remote protocol target for IA-64 guests, built on the `gdbstub` crate.
//!
//! A stock `gdb-multiarch` (ia64 support included) debugs a guest through this crate: the
//! stub speaks the protocol and keeps the debugger's state (breakpoints, watchpoints, resume
//! actions); the debugged system implements [`Backend`] (threads, registers, memory, running
//! in budgeted chunks). The protocol side (`regs`, `arch`, `backend`, `target`, `serve`) depends
//! only on `gdbstub`; [`kernel`] adds [`KernelBackend`], the backend of a program on the guest
//! kernel (`ia64-guest-kernel`'s gdb engine), which `ia64emu gdb` serves.
//!
//! - [`regs`]: gdb's raw ia64 register file (462 registers, 4720 bytes) and [`Ia64Regs`].
//! - [`arch`]: the `gdbstub` architecture [`Ia64`] and [`Ia64RegId`].
//! - [`backend`]: [`Backend`] and the values it exchanges with the stub.
//! - `target` (private): the `gdbstub` target over a backend; breakpoint bookkeeping.
//! - [`serve`](mod@serve): the session loop, [`serve()`](fn@serve), [`serve_on`], [`listen`].
//! - [`kernel`]: [`KernelBackend`] over `ia64_guest_kernel::Kernel` (stops, resumes, registers
//!   and memory through the kernel's gdb engine and its `--rse-sync` coherence policy).
//!
//! # Features
//!
//! Multi-threaded all-stop target (`qfThreadInfo`, `Hg`, `vCont` with per-thread `c`/`C`/`s`/`S`
//! and scheduler locking), single registers ('p'/'P', unavailable ones as `xx…`), full
//! register reads and writes ('g'/'G', packet size [`PACKET_SIZE`]), memory ('m', 'M', 'X'),
//! software and hardware breakpoints ('Z0'/'Z1', kept by the stub, never written into guest
//! code), watchpoints ('Z2'–'Z4'), Ctrl-C, kill, detach, and the program's path
//! (`qXfer:exec-file:read`) when the backend knows it. Stop replies expedite ip, psr, cfm,
//! bsp and rnat ([`EXPEDITED`]). The extended-mode hooks are present only so that 'vKill'
//! gets its "OK" and 'qAttached' answers 0 (the program was started for the debugger, so
//! gdb kills it when it quits, as with gdbserver); 'vRun' and 'vAttach' are refused.
//!
//! # What gdb does with an ia64 target (gdb-multiarch 13.1, the crate's tests run it)
//!
//! These are the behaviours the design relies on; facts from `gdb/ia64-tdep.c` and rse-spec
//! §10, checked against gdb-multiarch 13.1 by `tests/gdb_session.rs`:
//!
//! - **No target description.** gdb's ia64 layout is fixed, so the stub offers no XML and gdb
//!   takes the architecture from the program file or `set architecture ia64-elf64`.
//! - **PC = `ip | slot`.** gdb reads `ip` and `psr` and puts psr.ri (bits 42:41) in the low
//!   bits (`ia64_read_pc`); writing the PC writes both. Breakpoint addresses in 'Z' packets
//!   use the same form, slot 0..=2, with kind 0; an L+X instruction is at slot 1 (gdb
//!   disassembles `movl` at `…1` and refuses a breakpoint at slot 2 of an MLX bundle: "Can't
//!   insert breakpoint for non-existing slot X"). gdb does not adjust the PC after a
//!   breakpoint (`decr_pc_after_break` = 0): a breakpoint stop reports the thread *before*
//!   the instruction at the address.
//! - **Stacked registers come from memory.** gdb computes r32..r127 (pseudo-registers) from
//!   `bsp` and `cfm`: `bof = bsp − sof` slots (NaT collection slots skipped), rN at slot
//!   N−32 from `bof`, read with 'm' and written with 'X'/'M'. So `bsp` must be the end of
//!   the current frame, not AR.BSP, and the backing store in memory must hold the live
//!   stacked registers while the guest is stopped. gdb ignores register rotation (rrb.gr)
//!   here. gdb never uses the raw registers r32–r127 ('g' carries them);
//!   [`Ia64Regs::default`] marks them unavailable.
//! - **Floating-point registers** are 16 bytes in the `stf.spill` image (significand 63:0,
//!   exponent 80:64, sign 81); `ia64_cpu::fr_format::fr_to_spill` gives exactly that.
//! - **Watchpoints are continuable**: gdb's ia64 architecture has
//!   `have_nonsteppable_watchpoint` = 0, so it expects the stop *after* the access, and for
//!   `watch` it reports only when the value changed.
//! - **Register writes** come one at a time as 'P' (the stub also accepts 'G' and writes
//!   the registers that changed, in number order). Inferior calls write `bsp` (growing the
//!   frame), `pfs` and `cfm` (rse-spec §10.5) and later restore every raw register.
//! - **PC writes**: `$pc` is not an lvalue on ia64 ("Left operand of assignment is not an
//!   lvalue"); `set $ip = …` writes ip alone, and `jump *ADDR` writes psr (the slot) then ip.
//!   After each 'P', gdb reads all registers again with 'g'.
//! - **Resuming**: `stepi` sends `vCont;s:p1.TID;c:p1.-1` (the other threads may run);
//!   `continue` from a breakpoint removes it ('z0'), steps over it with `vCont;s:p1.TID`
//!   alone (scheduler locking: the others stay stopped), puts it back ('Z0') and sends
//!   `vCont;c:p1.-1`. One step is one slot. With the registers expedited in the stop reply,
//!   gdb reports a breakpoint hit without fetching 'g'.
//! - **Ctrl-C** (or `interrupt` after `continue &`) is the byte 0x03 while the guest runs;
//!   gdb prints "Thread N received signal SIGINT".
//! - **Exec file**: without a program on its command line gdb asks for the exec file; with
//!   `set sysroot target:` (the default) it then prints "remote target does not support
//!   file transfer, attempting to access files from local filesystem" and loads the host
//!   file, which also sets the architecture.
//!
//! # Example
//!
//! ```no_run
//! # fn demo<B: ia64_gdbstub::Backend>(backend: &mut B) -> Result<(), Box<dyn std::error::Error>> {
//! let conn = ia64_gdbstub::listen("127.0.0.1:1234")?;
//! let outcome = ia64_gdbstub::serve(backend, conn)?;
//! println!("gdb session ended: {outcome:?}");
//! # Ok(()) }
//! ```

pub mod arch;
pub mod backend;
pub mod kernel;
pub mod regs;
pub mod serve;
mod target;

pub use arch::{Ia64, Ia64RegId};
pub use backend::{
    Backend, BackendError, ResumeHow, RunEvent, StopReason, ThreadAction, WatchKind,
};
pub use kernel::KernelBackend;
pub use regs::Ia64Regs;
pub use serve::{
    listen, serve, serve_on, Error, Outcome, TcpConnection, DEFAULT_BUDGET, EXPEDITED, PACKET_SIZE,
};
