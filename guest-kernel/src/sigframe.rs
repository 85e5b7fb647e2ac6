//! The Linux/ia64 user-visible signal ABI as plain data: signal numbers, `sa_flags`,
//! `si_code` values, and the exact byte layouts of `struct sigcontext`, `siginfo_t`,
//! `struct sigframe`, `struct sigaction` and `stack_t`, each with an encoder and a decoder
//! that never panic on guest bytes; plus the offsets of the gate page (`firmware/gate.s`).
//!
//! This module owns *what the bytes are*; when to write them (signal delivery,
//! `rt_sigreturn`, `sigaltstack`) belongs to the kernel proper.
//!
//! Sources (Linux 6.6, the last tree with ia64; read for facts, see rse-spec.md §7.6):
//! * `arch/ia64/include/uapi/asm/sigcontext.h` — `struct sigcontext`, `IA64_SC_FLAG_*`;
//! * `arch/ia64/include/uapi/asm/signal.h` — signal numbers, `SA_*`, `MINSIGSTKSZ`,
//!   `SIGSTKSZ`, `stack_t`;
//! * `arch/ia64/include/uapi/asm/siginfo.h` + `include/uapi/asm-generic/siginfo.h` —
//!   `siginfo_t` (with ia64's `_imm`, `_flags`, `_isr` in `_sigfault`) and the `si_code`s;
//! * `arch/ia64/kernel/sigframe.h`, `signal.c` (`setup_frame`, `setup_sigcontext`,
//!   `restore_sigcontext`) — `struct sigframe` and how it is placed;
//! * `arch/ia64/include/asm/signal.h` + `include/linux/signal_types.h` — `struct sigaction`
//!   (ia64 has no `sa_restorer` member);
//! * `arch/ia64/kernel/syscalls/syscall.tbl` — system call numbers (1024 + entry).
//!
//! Offsets were cross-checked with gdb's `ia64-linux-tdep.c` (`sigcontext_register_address`)
//! and libunwind's `src/ia64/offsets.h` (`LINUX_SC_*_OFF`).
//!
//! On ia64 a function pointer is the address of a *function descriptor* (entry, gp), so
//! `sa_handler` and `sigframe.handler` hold descriptor addresses ([`FunctionDescriptor`]).
//! The third argument of an `SA_SIGINFO` handler, a `ucontext_t *`, is the sigcontext
//! itself: glibc's ia64 `ucontext_t` overlays `struct sigcontext` (`uc_link` = `sc_gr[0]`,
//! `uc_sigmask` = `sc_mask`, `uc_stack` = `sc_stack`).

// ---------------------------------------------------------------------------------------------
// Gate page (firmware/gate.s, firmware/README.md)
// ---------------------------------------------------------------------------------------------

/// The gate page image the kernel maps at `GATE_ADDR` (`firmware/gate.bin`, assembled from
/// `firmware/gate.s` by `tools/rebuild.sh`).
pub const GATE_IMAGE: &[u8] = include_bytes!("../../firmware/gate.bin");
/// Offset of `__kernel_syscall_via_break` in the gate page (firmware/gate.s).
pub const GATE_SYSCALL_VIA_BREAK_OFFSET: u64 = 0x000;
/// Offset of `__kernel_sigtramp`, where signal delivery sends the thread (firmware/gate.s).
pub const GATE_SIGTRAMP_OFFSET: u64 = 0x100;
/// Offset of `__kernel_sigtramp_ret`: the bundle the handler returns to (its `b0`);
/// firmware/gate.s.
pub const GATE_SIGTRAMP_RET_OFFSET: u64 = 0x230;
/// Offset of `__kernel_sigtramp_sigreturn`: the bundle whose slot 0 is the
/// `break 0x100000` of `rt_sigreturn` (firmware/gate.s).
pub const GATE_SIGTRAMP_SIGRETURN_OFFSET: u64 = 0x2c0;
/// `rt_sigreturn` as the trampoline issues it in r15: 1024 + 157 (syscall.tbl).
pub const NR_RT_SIGRETURN: u64 = 1181;

// ---------------------------------------------------------------------------------------------
// Signal numbers (arch/ia64/include/uapi/asm/signal.h: the Linux generic numbering)
// ---------------------------------------------------------------------------------------------

/// Signal numbers (arch/ia64/include/uapi/asm/signal.h).
pub mod sig {
    /// Hangup.
    pub const SIGHUP: u32 = 1;
    /// Interrupt.
    pub const SIGINT: u32 = 2;
    /// Quit.
    pub const SIGQUIT: u32 = 3;
    /// Illegal instruction.
    pub const SIGILL: u32 = 4;
    /// Trace/breakpoint trap.
    pub const SIGTRAP: u32 = 5;
    /// Abort (also SIGIOT).
    pub const SIGABRT: u32 = 6;
    /// Bus error.
    pub const SIGBUS: u32 = 7;
    /// Floating-point exception.
    pub const SIGFPE: u32 = 8;
    /// Kill (cannot be caught).
    pub const SIGKILL: u32 = 9;
    /// User signal 1.
    pub const SIGUSR1: u32 = 10;
    /// Segmentation violation.
    pub const SIGSEGV: u32 = 11;
    /// User signal 2.
    pub const SIGUSR2: u32 = 12;
    /// Broken pipe.
    pub const SIGPIPE: u32 = 13;
    /// Alarm clock.
    pub const SIGALRM: u32 = 14;
    /// Termination.
    pub const SIGTERM: u32 = 15;
    /// Coprocessor stack fault (unused).
    pub const SIGSTKFLT: u32 = 16;
    /// Child stopped or exited.
    pub const SIGCHLD: u32 = 17;
    /// Continue.
    pub const SIGCONT: u32 = 18;
    /// Stop (cannot be caught).
    pub const SIGSTOP: u32 = 19;
    /// Terminal stop.
    pub const SIGTSTP: u32 = 20;
    /// Background read from the terminal.
    pub const SIGTTIN: u32 = 21;
    /// Background write to the terminal.
    pub const SIGTTOU: u32 = 22;
    /// Urgent socket condition.
    pub const SIGURG: u32 = 23;
    /// CPU time limit exceeded.
    pub const SIGXCPU: u32 = 24;
    /// File size limit exceeded.
    pub const SIGXFSZ: u32 = 25;
    /// Virtual timer.
    pub const SIGVTALRM: u32 = 26;
    /// Profiling timer.
    pub const SIGPROF: u32 = 27;
    /// Window size change.
    pub const SIGWINCH: u32 = 28;
    /// I/O possible (also SIGPOLL).
    pub const SIGIO: u32 = 29;
    /// Power failure.
    pub const SIGPWR: u32 = 30;
    /// Bad system call.
    pub const SIGSYS: u32 = 31;
    /// First real-time signal (the kernel's value; glibc reserves 32 and 33).
    pub const SIGRTMIN: u32 = 32;
    /// Last real-time signal (`_NSIG`).
    pub const SIGRTMAX: u32 = 64;
}

/// `_NSIG` (arch/ia64/include/asm/signal.h): signals are 1..=64.
pub const NSIG: u32 = 64;
/// `sizeof(sigset_t)`: one 64-bit word, bit `n-1` for signal `n` (arch/ia64/include/asm/signal.h).
pub const SIGSET_SIZE: u64 = 8;

/// Names of signals 1..=64, index `n - 1` (uapi signal.h; 32..=64 named from SIGRTMIN).
#[rustfmt::skip]
const SIGNAL_NAMES: [&str; 64] = [
    "SIGHUP", "SIGINT", "SIGQUIT", "SIGILL", "SIGTRAP", "SIGABRT", "SIGBUS", "SIGFPE",
    "SIGKILL", "SIGUSR1", "SIGSEGV", "SIGUSR2", "SIGPIPE", "SIGALRM", "SIGTERM", "SIGSTKFLT",
    "SIGCHLD", "SIGCONT", "SIGSTOP", "SIGTSTP", "SIGTTIN", "SIGTTOU", "SIGURG", "SIGXCPU",
    "SIGXFSZ", "SIGVTALRM", "SIGPROF", "SIGWINCH", "SIGIO", "SIGPWR", "SIGSYS", "SIGRTMIN",
    "SIGRTMIN+1", "SIGRTMIN+2", "SIGRTMIN+3", "SIGRTMIN+4", "SIGRTMIN+5", "SIGRTMIN+6",
    "SIGRTMIN+7", "SIGRTMIN+8", "SIGRTMIN+9", "SIGRTMIN+10", "SIGRTMIN+11", "SIGRTMIN+12",
    "SIGRTMIN+13", "SIGRTMIN+14", "SIGRTMIN+15", "SIGRTMIN+16", "SIGRTMAX-15", "SIGRTMAX-14",
    "SIGRTMAX-13", "SIGRTMAX-12", "SIGRTMAX-11", "SIGRTMAX-10", "SIGRTMAX-9", "SIGRTMAX-8",
    "SIGRTMAX-7", "SIGRTMAX-6", "SIGRTMAX-5", "SIGRTMAX-4", "SIGRTMAX-3", "SIGRTMAX-2",
    "SIGRTMAX-1", "SIGRTMAX",
];

/// The name of signal `sig` (1..=64), `None` outside that range.
pub fn signal_name(sig: u32) -> Option<&'static str> {
    let i = usize::try_from(sig).ok()?.checked_sub(1)?;
    SIGNAL_NAMES.get(i).copied()
}

/// The `sigset_t` bit of signal `sig` (0 for numbers outside 1..=64).
pub fn sigmask(sig: u32) -> u64 {
    match sig {
        1..=NSIG => 1u64 << (sig - 1),
        _ => 0,
    }
}

// ---------------------------------------------------------------------------------------------
// sigaction, sigprocmask, sigaltstack constants
// ---------------------------------------------------------------------------------------------

/// `sa_flags` bits (arch/ia64/include/uapi/asm/signal.h).
pub mod sa {
    /// SIGCHLD: no notification when children stop.
    pub const NOCLDSTOP: u64 = 0x0000_0001;
    /// SIGCHLD: children do not become zombies.
    pub const NOCLDWAIT: u64 = 0x0000_0002;
    /// Three-argument handler (signo, siginfo, ucontext).
    pub const SIGINFO: u64 = 0x0000_0004;
    /// Defined by the ia64 header but not used by its kernel (no `sa_restorer` member).
    pub const RESTORER: u64 = 0x0400_0000;
    /// Run the handler on the `sigaltstack` (memory stack and register backing store).
    pub const ONSTACK: u64 = 0x0800_0000;
    /// Restart interrupted system calls.
    pub const RESTART: u64 = 0x1000_0000;
    /// Do not block the signal while its handler runs (SA_NOMASK).
    pub const NODEFER: u64 = 0x4000_0000;
    /// Reset the action to SIG_DFL on delivery (SA_ONESHOT).
    pub const RESETHAND: u64 = 0x8000_0000;
}

/// `SIG_DFL` handler value (include/uapi/asm-generic/signal-defs.h).
pub const SIG_DFL: u64 = 0;
/// `SIG_IGN` handler value (include/uapi/asm-generic/signal-defs.h).
pub const SIG_IGN: u64 = 1;
/// `rt_sigprocmask` `how`: add to the mask (include/uapi/asm-generic/signal-defs.h).
pub const SIG_BLOCK: u64 = 0;
/// `rt_sigprocmask` `how`: remove from the mask.
pub const SIG_UNBLOCK: u64 = 1;
/// `rt_sigprocmask` `how`: replace the mask.
pub const SIG_SETMASK: u64 = 2;

/// `ss_flags`: the thread is running on the alternate stack (include/uapi/linux/signal.h).
pub const SS_ONSTACK: i32 = 1;
/// `ss_flags`: the alternate stack is disabled (include/uapi/linux/signal.h).
pub const SS_DISABLE: i32 = 2;
/// `ss_flags`: disarm the stack while a handler runs on it (include/uapi/linux/signal.h).
pub const SS_AUTODISARM: i32 = i32::MIN; // 1U << 31
/// `MINSIGSTKSZ` of the ia64 kernel: 131027 (arch/ia64/include/uapi/asm/signal.h keeps this
/// historical typo for 131072 on purpose; glibc uses the corrected value).
pub const MINSIGSTKSZ: u64 = 131_027;
/// `SIGSTKSZ` (arch/ia64/include/uapi/asm/signal.h).
pub const SIGSTKSZ: u64 = 262_144;

/// `sc_flags` bits (arch/ia64/include/uapi/asm/sigcontext.h).
pub mod sc_flag {
    /// The handler runs on the signal stack (`IA64_SC_FLAG_ONSTACK`).
    pub const ONSTACK: u64 = 1 << 0;
    /// The signal interrupted a system call (`IA64_SC_FLAG_IN_SYSCALL`: cr_ifs bit 63 clear).
    pub const IN_SYSCALL: u64 = 1 << 1;
    /// `sc_fr[32..128]` hold the high FP partition (`IA64_SC_FLAG_FPH_VALID`).
    pub const FPH_VALID: u64 = 1 << 2;
}

/// `si_flags` bit: `si_isr` is valid (`__ISR_VALID`, arch/ia64/include/uapi/asm/siginfo.h).
pub const ISR_VALID: u32 = 1;

// ---------------------------------------------------------------------------------------------
// si_code values (include/uapi/asm-generic/siginfo.h; ia64 ones marked)
// ---------------------------------------------------------------------------------------------

/// `si_code` values (include/uapi/asm-generic/siginfo.h).
pub mod si_code {
    /// Sent by kill, sigsend, raise.
    pub const SI_USER: i32 = 0;
    /// Sent by the kernel.
    pub const SI_KERNEL: i32 = 0x80;
    /// Sent by sigqueue.
    pub const SI_QUEUE: i32 = -1;
    /// Sent by timer expiration.
    pub const SI_TIMER: i32 = -2;
    /// Sent by a message queue state change.
    pub const SI_MESGQ: i32 = -3;
    /// Sent by AIO completion.
    pub const SI_ASYNCIO: i32 = -4;
    /// Sent by queued SIGIO.
    pub const SI_SIGIO: i32 = -5;
    /// Sent by tkill/tgkill.
    pub const SI_TKILL: i32 = -6;
    /// Sent by execve killing subsidiary threads.
    pub const SI_DETHREAD: i32 = -7;

    /// SIGILL: illegal opcode.
    pub const ILL_ILLOPC: i32 = 1;
    /// SIGILL: illegal operand.
    pub const ILL_ILLOPN: i32 = 2;
    /// SIGILL: illegal addressing mode.
    pub const ILL_ILLADR: i32 = 3;
    /// SIGILL: illegal trap.
    pub const ILL_ILLTRP: i32 = 4;
    /// SIGILL: privileged opcode.
    pub const ILL_PRVOPC: i32 = 5;
    /// SIGILL: privileged register.
    pub const ILL_PRVREG: i32 = 6;
    /// SIGILL: coprocessor error.
    pub const ILL_COPROC: i32 = 7;
    /// SIGILL: internal stack error.
    pub const ILL_BADSTK: i32 = 8;
    /// SIGILL (ia64): unimplemented instruction address.
    pub const ILL_BADIADDR: i32 = 9;
    /// SIGILL (ia64): illegal break (`__ILL_BREAK`).
    pub const ILL_BREAK: i32 = 10;
    /// SIGILL (ia64): bundle update in progress (`__ILL_BNDMOD`).
    pub const ILL_BNDMOD: i32 = 11;

    /// SIGFPE: integer divide by zero.
    pub const FPE_INTDIV: i32 = 1;
    /// SIGFPE: integer overflow.
    pub const FPE_INTOVF: i32 = 2;
    /// SIGFPE: floating-point divide by zero.
    pub const FPE_FLTDIV: i32 = 3;
    /// SIGFPE: floating-point overflow.
    pub const FPE_FLTOVF: i32 = 4;
    /// SIGFPE: floating-point underflow.
    pub const FPE_FLTUND: i32 = 5;
    /// SIGFPE: floating-point inexact result.
    pub const FPE_FLTRES: i32 = 6;
    /// SIGFPE: floating-point invalid operation.
    pub const FPE_FLTINV: i32 = 7;
    /// SIGFPE: subscript out of range.
    pub const FPE_FLTSUB: i32 = 8;
    /// SIGFPE (ia64): decimal overflow (`__FPE_DECOVF`).
    pub const FPE_DECOVF: i32 = 9;
    /// SIGFPE (ia64): decimal division by zero (`__FPE_DECDIV`).
    pub const FPE_DECDIV: i32 = 10;
    /// SIGFPE (ia64): packed decimal error (`__FPE_DECERR`).
    pub const FPE_DECERR: i32 = 11;
    /// SIGFPE (ia64): invalid ASCII digit (`__FPE_INVASC`).
    pub const FPE_INVASC: i32 = 12;
    /// SIGFPE (ia64): invalid decimal digit (`__FPE_INVDEC`).
    pub const FPE_INVDEC: i32 = 13;
    /// SIGFPE: undiagnosed floating-point exception.
    pub const FPE_FLTUNK: i32 = 14;
    /// SIGFPE: trap on condition.
    pub const FPE_CONDTRAP: i32 = 15;

    /// SIGSEGV: address not mapped.
    pub const SEGV_MAPERR: i32 = 1;
    /// SIGSEGV: invalid permissions for the mapping.
    pub const SEGV_ACCERR: i32 = 2;
    /// SIGSEGV: failed address bound checks.
    pub const SEGV_BNDERR: i32 = 3;
    /// SIGSEGV (ia64): paragraph stack overflow (`__SEGV_PSTKOVF`).
    pub const SEGV_PSTKOVF: i32 = 4;

    /// SIGBUS: invalid address alignment.
    pub const BUS_ADRALN: i32 = 1;
    /// SIGBUS: non-existent physical address.
    pub const BUS_ADRERR: i32 = 2;
    /// SIGBUS: object-specific hardware error.
    pub const BUS_OBJERR: i32 = 3;

    /// SIGTRAP: process breakpoint.
    pub const TRAP_BRKPT: i32 = 1;
    /// SIGTRAP: process trace trap (single step).
    pub const TRAP_TRACE: i32 = 2;
    /// SIGTRAP: taken-branch trap.
    pub const TRAP_BRANCH: i32 = 3;
    /// SIGTRAP: hardware breakpoint/watchpoint.
    pub const TRAP_HWBKPT: i32 = 4;

    /// SIGCHLD: child has exited.
    pub const CLD_EXITED: i32 = 1;
    /// SIGCHLD: child was killed.
    pub const CLD_KILLED: i32 = 2;
    /// SIGCHLD: child terminated abnormally (core dump).
    pub const CLD_DUMPED: i32 = 3;
    /// SIGCHLD: traced child has trapped.
    pub const CLD_TRAPPED: i32 = 4;
    /// SIGCHLD: child has stopped.
    pub const CLD_STOPPED: i32 = 5;
    /// SIGCHLD: stopped child has continued.
    pub const CLD_CONTINUED: i32 = 6;

    /// SIGPOLL: data input available.
    pub const POLL_IN: i32 = 1;
    /// SIGPOLL: device disconnected (last SIGPOLL code, `NSIGPOLL`).
    pub const POLL_HUP: i32 = 6;
    /// SIGSYS: seccomp triggered.
    pub const SYS_SECCOMP: i32 = 1;
}

// ---------------------------------------------------------------------------------------------
// Byte helpers: bounds-checked, never panic
// ---------------------------------------------------------------------------------------------

fn get_u64(b: &[u8], off: usize) -> Option<u64> {
    let bytes: [u8; 8] = b.get(off..off.checked_add(8)?)?.try_into().ok()?;
    Some(u64::from_le_bytes(bytes))
}

fn get_u32(b: &[u8], off: usize) -> Option<u32> {
    let bytes: [u8; 4] = b.get(off..off.checked_add(4)?)?.try_into().ok()?;
    Some(u32::from_le_bytes(bytes))
}

fn get_u128(b: &[u8], off: usize) -> Option<u128> {
    let bytes: [u8; 16] = b.get(off..off.checked_add(16)?)?.try_into().ok()?;
    Some(u128::from_le_bytes(bytes))
}

/// Writes into a buffer the encoder sized itself, so offsets are always in range.
fn put(b: &mut [u8], off: usize, bytes: &[u8]) {
    if let Some(dst) = b.get_mut(off..off + bytes.len()) {
        dst.copy_from_slice(bytes);
    }
}

// ---------------------------------------------------------------------------------------------
// stack_t (arch/ia64/include/uapi/asm/signal.h)
// ---------------------------------------------------------------------------------------------

/// Offset of `ss_sp` in `stack_t`.
pub const SS_SP_OFFSET: usize = 0;
/// Offset of `ss_flags` (an `int`, followed by 4 bytes of padding).
pub const SS_FLAGS_OFFSET: usize = 8;
/// Offset of `ss_size`.
pub const SS_SIZE_OFFSET: usize = 16;
/// `sizeof(stack_t)`.
pub const STACK_T_SIZE: usize = 24;

/// `stack_t`, the `sigaltstack` description.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct StackT {
    /// Base (lowest address) of the stack area.
    pub sp: u64,
    /// `SS_ONSTACK`, `SS_DISABLE`, `SS_AUTODISARM`.
    pub flags: i32,
    /// Size in bytes.
    pub size: u64,
}

impl StackT {
    /// The 24 bytes of the structure (padding zero).
    pub fn encode(&self) -> [u8; STACK_T_SIZE] {
        let mut b = [0u8; STACK_T_SIZE];
        put(&mut b, SS_SP_OFFSET, &self.sp.to_le_bytes());
        put(&mut b, SS_FLAGS_OFFSET, &self.flags.to_le_bytes());
        put(&mut b, SS_SIZE_OFFSET, &self.size.to_le_bytes());
        b
    }

    /// Read a `stack_t` from the first 24 bytes of `b`.
    pub fn decode(b: &[u8]) -> Option<Self> {
        Some(Self {
            sp: get_u64(b, SS_SP_OFFSET)?,
            flags: get_u32(b, SS_FLAGS_OFFSET)? as i32,
            size: get_u64(b, SS_SIZE_OFFSET)?,
        })
    }
}

// ---------------------------------------------------------------------------------------------
// struct sigaction for rt_sigaction, and function descriptors
// ---------------------------------------------------------------------------------------------

/// Offset of `sa_handler` (a function descriptor address, or SIG_DFL/SIG_IGN).
pub const SA_HANDLER_OFFSET: usize = 0;
/// Offset of `sa_flags` (`unsigned long`).
pub const SA_FLAGS_OFFSET: usize = 8;
/// Offset of `sa_mask` (`sigset_t`, 8 bytes); ia64 has no `sa_restorer`
/// (arch/ia64/include/asm/signal.h does not define `__ARCH_HAS_SA_RESTORER`).
pub const SA_MASK_OFFSET: usize = 16;
/// `sizeof(struct sigaction)` as `rt_sigaction` reads and writes it (`sigsetsize` = 8).
pub const SIGACTION_SIZE: usize = 24;

/// The `struct sigaction` of `rt_sigaction`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct SigAction {
    /// Address of the handler's function descriptor, or [`SIG_DFL`] / [`SIG_IGN`].
    pub handler: u64,
    /// `SA_*` flags ([`sa`]).
    pub flags: u64,
    /// Signals blocked while the handler runs.
    pub mask: u64,
}

impl SigAction {
    /// The 24 bytes of the structure.
    pub fn encode(&self) -> [u8; SIGACTION_SIZE] {
        let mut b = [0u8; SIGACTION_SIZE];
        put(&mut b, SA_HANDLER_OFFSET, &self.handler.to_le_bytes());
        put(&mut b, SA_FLAGS_OFFSET, &self.flags.to_le_bytes());
        put(&mut b, SA_MASK_OFFSET, &self.mask.to_le_bytes());
        b
    }

    /// Read a `struct sigaction` from the first 24 bytes of `b`.
    pub fn decode(b: &[u8]) -> Option<Self> {
        Some(Self {
            handler: get_u64(b, SA_HANDLER_OFFSET)?,
            flags: get_u64(b, SA_FLAGS_OFFSET)?,
            mask: get_u64(b, SA_MASK_OFFSET)?,
        })
    }
}

/// An ia64 function descriptor ("plabel"): what a function pointer points at.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct FunctionDescriptor {
    /// Entry point (bundle address).
    pub entry: u64,
    /// The function's global pointer (r1).
    pub gp: u64,
}

impl FunctionDescriptor {
    /// Size in bytes.
    pub const SIZE: usize = 16;

    /// The 16 bytes: entry, then gp.
    pub fn encode(&self) -> [u8; Self::SIZE] {
        let mut b = [0u8; Self::SIZE];
        put(&mut b, 0, &self.entry.to_le_bytes());
        put(&mut b, 8, &self.gp.to_le_bytes());
        b
    }

    /// Read a descriptor from the first 16 bytes of `b`.
    pub fn decode(b: &[u8]) -> Option<Self> {
        Some(Self {
            entry: get_u64(b, 0)?,
            gp: get_u64(b, 8)?,
        })
    }
}

// ---------------------------------------------------------------------------------------------
// siginfo_t (include/uapi/asm-generic/siginfo.h with ia64's additions)
// ---------------------------------------------------------------------------------------------

/// `sizeof(siginfo_t)` (`SI_MAX_SIZE`).
pub const SIGINFO_SIZE: usize = 128;
/// Offset of `si_signo`.
pub const SI_SIGNO_OFFSET: usize = 0;
/// Offset of `si_errno`.
pub const SI_ERRNO_OFFSET: usize = 4;
/// Offset of `si_code`.
pub const SI_CODE_OFFSET: usize = 8;
/// Offset of the `_sifields` union (8-byte aligned: it holds pointers and longs).
pub const SI_FIELDS_OFFSET: usize = 16;
/// `_kill._pid`, `_rt._pid`, `_sigchld._pid` (also `_timer._tid`).
pub const SI_PID_OFFSET: usize = 16;
/// `_kill._uid`, `_rt._uid`, `_sigchld._uid` (also `_timer._overrun`).
pub const SI_UID_OFFSET: usize = 20;
/// `_timer._sigval`, `_rt._sigval` (8 bytes, aligned).
pub const SI_VALUE_OFFSET: usize = 24;
/// `_timer._sys_private` (not copied to user space by the kernel; kept here as data).
pub const SI_SYS_PRIVATE_OFFSET: usize = 32;
/// `_sigchld._status`.
pub const SI_STATUS_OFFSET: usize = 24;
/// `_sigchld._utime` (`__kernel_clock_t` = long).
pub const SI_UTIME_OFFSET: usize = 32;
/// `_sigchld._stime`.
pub const SI_STIME_OFFSET: usize = 40;
/// `_sigfault._addr`.
pub const SI_ADDR_OFFSET: usize = 16;
/// `_sigfault._imm` (ia64: the `break` immediate).
pub const SI_IMM_OFFSET: usize = 24;
/// `_sigfault._flags` (ia64: [`ISR_VALID`]).
pub const SI_FLAGS_OFFSET: usize = 28;
/// `_sigfault._isr` (ia64: CR.ISR of the fault).
pub const SI_ISR_OFFSET: usize = 32;
/// `_sigpoll._band` (long).
pub const SI_BAND_OFFSET: usize = 16;
/// `_sigpoll._fd`.
pub const SI_FD_OFFSET: usize = 24;
/// `_sigsys._call_addr`.
pub const SI_CALL_ADDR_OFFSET: usize = 16;
/// `_sigsys._syscall`.
pub const SI_SYSCALL_OFFSET: usize = 24;
/// `_sigsys._arch`.
pub const SI_ARCH_OFFSET: usize = 28;

/// Which member of the `_sifields` union a `siginfo_t` uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SigFields {
    /// `_kill`: `kill`, `tkill`, `SI_KERNEL`, and every code without a specific layout.
    Kill {
        /// Sender's pid.
        pid: i32,
        /// Sender's uid.
        uid: u32,
    },
    /// `_timer`: POSIX timers (`SI_TIMER`).
    Timer {
        /// Timer id.
        tid: i32,
        /// Overrun count.
        overrun: i32,
        /// `sigval` (int or pointer, 8 bytes).
        value: u64,
        /// `_sys_private`.
        sys_private: i32,
    },
    /// `_rt`: `sigqueue` and other negative codes.
    Rt {
        /// Sender's pid.
        pid: i32,
        /// Sender's uid.
        uid: u32,
        /// `sigval`.
        value: u64,
    },
    /// `_sigchld`.
    Chld {
        /// The child.
        pid: i32,
        /// Its uid.
        uid: u32,
        /// Exit code or signal.
        status: i32,
        /// User time (clock ticks).
        utime: i64,
        /// System time (clock ticks).
        stime: i64,
    },
    /// `_sigfault`: SIGILL, SIGFPE, SIGSEGV, SIGBUS, SIGTRAP raised by a fault.
    Fault {
        /// Faulting instruction or data address.
        addr: u64,
        /// ia64: the `break` immediate.
        imm: i32,
        /// ia64: `si_flags` ([`ISR_VALID`]).
        flags: u32,
        /// ia64: CR.ISR.
        isr: u64,
    },
    /// `_sigpoll`.
    Poll {
        /// `POLL_*` band.
        band: i64,
        /// File descriptor.
        fd: i32,
    },
    /// `_sigsys`.
    Sys {
        /// Calling instruction.
        call_addr: u64,
        /// System call number.
        syscall: i32,
        /// `AUDIT_ARCH_*`.
        arch: u32,
    },
}

/// Which `_sifields` member the kernel uses for `(signo, code)`: the rule of
/// kernel/signal.c `siginfo_layout` (the MCE/BND/PKU sub-layouts share `_sigfault`).
pub fn siginfo_layout(signo: u32, code: i32) -> SigLayout {
    use si_code::*;
    if code > SI_USER && code < SI_KERNEL {
        // (layout, NSIG* limit) from `sig_sicodes[]`; the limits of Linux 6.6's
        // asm-generic/siginfo.h: NSIGILL 11, NSIGFPE 15, NSIGSEGV 9, NSIGBUS 5, NSIGTRAP 6,
        // NSIGCHLD 6, NSIGPOLL 6, NSIGSYS 2.
        let specific = match signo {
            sig::SIGILL => Some((SigLayout::Fault, 11)),
            sig::SIGFPE => Some((SigLayout::Fault, 15)),
            sig::SIGSEGV => Some((SigLayout::Fault, 9)),
            sig::SIGBUS => Some((SigLayout::Fault, 5)),
            sig::SIGTRAP => Some((SigLayout::Fault, 6)),
            sig::SIGCHLD => Some((SigLayout::Chld, 6)),
            sig::SIGIO => Some((SigLayout::Poll, 6)),
            sig::SIGSYS => Some((SigLayout::Sys, 2)),
            _ => None,
        };
        match specific {
            Some((layout, limit)) if code <= limit => layout,
            _ if code <= POLL_HUP => SigLayout::Poll,
            _ => SigLayout::Kill,
        }
    } else if code == SI_TIMER {
        SigLayout::Timer
    } else if code == SI_SIGIO {
        SigLayout::Poll
    } else if code < 0 {
        SigLayout::Rt
    } else {
        SigLayout::Kill
    }
}

/// The member names of [`SigFields`] without data (kernel/signal.c `enum siginfo_layout`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SigLayout {
    /// `_kill`.
    Kill,
    /// `_timer`.
    Timer,
    /// `_rt`.
    Rt,
    /// `_sigchld`.
    Chld,
    /// `_sigfault`.
    Fault,
    /// `_sigpoll`.
    Poll,
    /// `_sigsys`.
    Sys,
}

/// A `siginfo_t`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SigInfo {
    /// Signal number.
    pub signo: i32,
    /// Error number (usually 0).
    pub errno: i32,
    /// `si_code` ([`si_code`]).
    pub code: i32,
    /// The union member.
    pub fields: SigFields,
}

impl SigInfo {
    /// A `kill`-style siginfo (`SI_USER`, `SI_TKILL`, `SI_KERNEL`).
    pub fn kill(signo: u32, code: i32, pid: i32, uid: u32) -> Self {
        Self::with(signo, code, SigFields::Kill { pid, uid })
    }

    /// A fault siginfo with ia64's extra fields.
    pub fn fault(signo: u32, code: i32, addr: u64, imm: i32, flags: u32, isr: u64) -> Self {
        Self::with(
            signo,
            code,
            SigFields::Fault {
                addr,
                imm,
                flags,
                isr,
            },
        )
    }

    /// A SIGCHLD siginfo.
    pub fn chld(code: i32, pid: i32, uid: u32, status: i32, utime: i64, stime: i64) -> Self {
        Self::with(
            sig::SIGCHLD,
            code,
            SigFields::Chld {
                pid,
                uid,
                status,
                utime,
                stime,
            },
        )
    }

    fn with(signo: u32, code: i32, fields: SigFields) -> Self {
        Self {
            signo: signo as i32,
            errno: 0,
            code,
            fields,
        }
    }

    /// The 128 bytes of the structure (everything not in the member is zero, as the kernel's
    /// cleared `kernel_siginfo` copied whole).
    pub fn encode(&self) -> [u8; SIGINFO_SIZE] {
        let mut b = [0u8; SIGINFO_SIZE];
        put(&mut b, SI_SIGNO_OFFSET, &self.signo.to_le_bytes());
        put(&mut b, SI_ERRNO_OFFSET, &self.errno.to_le_bytes());
        put(&mut b, SI_CODE_OFFSET, &self.code.to_le_bytes());
        self.encode_fields(&mut b);
        b
    }

    fn encode_fields(&self, b: &mut [u8]) {
        match self.fields {
            SigFields::Kill { pid, uid } => {
                put(b, SI_PID_OFFSET, &pid.to_le_bytes());
                put(b, SI_UID_OFFSET, &uid.to_le_bytes());
            }
            SigFields::Timer {
                tid,
                overrun,
                value,
                sys_private,
            } => {
                put(b, SI_PID_OFFSET, &tid.to_le_bytes());
                put(b, SI_UID_OFFSET, &overrun.to_le_bytes());
                put(b, SI_VALUE_OFFSET, &value.to_le_bytes());
                put(b, SI_SYS_PRIVATE_OFFSET, &sys_private.to_le_bytes());
            }
            SigFields::Rt { pid, uid, value } => {
                put(b, SI_PID_OFFSET, &pid.to_le_bytes());
                put(b, SI_UID_OFFSET, &uid.to_le_bytes());
                put(b, SI_VALUE_OFFSET, &value.to_le_bytes());
            }
            SigFields::Chld {
                pid,
                uid,
                status,
                utime,
                stime,
            } => {
                put(b, SI_PID_OFFSET, &pid.to_le_bytes());
                put(b, SI_UID_OFFSET, &uid.to_le_bytes());
                put(b, SI_STATUS_OFFSET, &status.to_le_bytes());
                put(b, SI_UTIME_OFFSET, &utime.to_le_bytes());
                put(b, SI_STIME_OFFSET, &stime.to_le_bytes());
            }
            SigFields::Fault {
                addr,
                imm,
                flags,
                isr,
            } => {
                put(b, SI_ADDR_OFFSET, &addr.to_le_bytes());
                put(b, SI_IMM_OFFSET, &imm.to_le_bytes());
                put(b, SI_FLAGS_OFFSET, &flags.to_le_bytes());
                put(b, SI_ISR_OFFSET, &isr.to_le_bytes());
            }
            SigFields::Poll { band, fd } => {
                put(b, SI_BAND_OFFSET, &band.to_le_bytes());
                put(b, SI_FD_OFFSET, &fd.to_le_bytes());
            }
            SigFields::Sys {
                call_addr,
                syscall,
                arch,
            } => {
                put(b, SI_CALL_ADDR_OFFSET, &call_addr.to_le_bytes());
                put(b, SI_SYSCALL_OFFSET, &syscall.to_le_bytes());
                put(b, SI_ARCH_OFFSET, &arch.to_le_bytes());
            }
        }
    }

    /// Read a `siginfo_t` from the first 128 bytes of `b`, choosing the union member by
    /// [`siginfo_layout`] of its signal number and code.
    pub fn decode(b: &[u8]) -> Option<Self> {
        if b.len() < SIGINFO_SIZE {
            return None;
        }
        let signo = get_u32(b, SI_SIGNO_OFFSET)? as i32;
        let code = get_u32(b, SI_CODE_OFFSET)? as i32;
        let i32_at = |off| get_u32(b, off).map(|v| v as i32);
        let fields = match siginfo_layout(signo as u32, code) {
            SigLayout::Kill => SigFields::Kill {
                pid: i32_at(SI_PID_OFFSET)?,
                uid: get_u32(b, SI_UID_OFFSET)?,
            },
            SigLayout::Timer => SigFields::Timer {
                tid: i32_at(SI_PID_OFFSET)?,
                overrun: i32_at(SI_UID_OFFSET)?,
                value: get_u64(b, SI_VALUE_OFFSET)?,
                sys_private: i32_at(SI_SYS_PRIVATE_OFFSET)?,
            },
            SigLayout::Rt => SigFields::Rt {
                pid: i32_at(SI_PID_OFFSET)?,
                uid: get_u32(b, SI_UID_OFFSET)?,
                value: get_u64(b, SI_VALUE_OFFSET)?,
            },
            SigLayout::Chld => SigFields::Chld {
                pid: i32_at(SI_PID_OFFSET)?,
                uid: get_u32(b, SI_UID_OFFSET)?,
                status: i32_at(SI_STATUS_OFFSET)?,
                utime: get_u64(b, SI_UTIME_OFFSET)? as i64,
                stime: get_u64(b, SI_STIME_OFFSET)? as i64,
            },
            SigLayout::Fault => SigFields::Fault {
                addr: get_u64(b, SI_ADDR_OFFSET)?,
                imm: i32_at(SI_IMM_OFFSET)?,
                flags: get_u32(b, SI_FLAGS_OFFSET)?,
                isr: get_u64(b, SI_ISR_OFFSET)?,
            },
            SigLayout::Poll => SigFields::Poll {
                band: get_u64(b, SI_BAND_OFFSET)? as i64,
                fd: i32_at(SI_FD_OFFSET)?,
            },
            SigLayout::Sys => SigFields::Sys {
                call_addr: get_u64(b, SI_CALL_ADDR_OFFSET)?,
                syscall: i32_at(SI_SYSCALL_OFFSET)?,
                arch: get_u32(b, SI_ARCH_OFFSET)?,
            },
        };
        Some(Self {
            signo,
            errno: i32_at(SI_ERRNO_OFFSET)?,
            code,
            fields,
        })
    }
}

// ---------------------------------------------------------------------------------------------
// struct sigcontext (arch/ia64/include/uapi/asm/sigcontext.h)
// ---------------------------------------------------------------------------------------------

/// Offset of `sc_flags`.
pub const SC_FLAGS_OFFSET: usize = 0;
/// Offset of `sc_nat` (bit i: scratch register gr\[i\] is a NaT).
pub const SC_NAT_OFFSET: usize = 8;
/// Offset of `sc_stack` (a [`StackT`], 24 bytes).
pub const SC_STACK_OFFSET: usize = 16;
/// Offset of `sc_ip` (bundle address + slot number in bits 1:0).
pub const SC_IP_OFFSET: usize = 40;
/// Offset of `sc_cfm`.
pub const SC_CFM_OFFSET: usize = 48;
/// Offset of `sc_um` (the PSR user mask bits).
pub const SC_UM_OFFSET: usize = 56;
/// Offset of `sc_ar_rsc`.
pub const SC_AR_RSC_OFFSET: usize = 64;
/// Offset of `sc_ar_bsp`.
pub const SC_AR_BSP_OFFSET: usize = 72;
/// Offset of `sc_ar_rnat`.
pub const SC_AR_RNAT_OFFSET: usize = 80;
/// Offset of `sc_ar_ccv`.
pub const SC_AR_CCV_OFFSET: usize = 88;
/// Offset of `sc_ar_unat`.
pub const SC_AR_UNAT_OFFSET: usize = 96;
/// Offset of `sc_ar_fpsr`.
pub const SC_AR_FPSR_OFFSET: usize = 104;
/// Offset of `sc_ar_pfs`.
pub const SC_AR_PFS_OFFSET: usize = 112;
/// Offset of `sc_ar_lc`.
pub const SC_AR_LC_OFFSET: usize = 120;
/// Offset of `sc_pr`.
pub const SC_PR_OFFSET: usize = 128;
/// Offset of `sc_br[0]` (8 entries).
pub const SC_BR_OFFSET: usize = 136;
/// Offset of `sc_gr[0]` (32 entries; `sc_gr[0]` doubles as `uc_link`).
pub const SC_GR_OFFSET: usize = 200;
/// Offset of `sc_fr[0]` (128 16-byte spill images; `struct ia64_fpreg` is 16-byte aligned,
/// so 8 bytes of padding follow `sc_gr`).
pub const SC_FR_OFFSET: usize = 464;
/// Offset of `sc_rbs_base`.
pub const SC_RBS_BASE_OFFSET: usize = 2512;
/// Offset of `sc_loadrs`.
pub const SC_LOADRS_OFFSET: usize = 2520;
/// Offset of `sc_ar25` (ar.csd).
pub const SC_AR25_OFFSET: usize = 2528;
/// Offset of `sc_ar26` (ar.ssd).
pub const SC_AR26_OFFSET: usize = 2536;
/// Offset of `sc_rsvd[0]` (12 entries).
pub const SC_RSVD_OFFSET: usize = 2544;
/// Offset of `sc_mask` (`sigset_t`, last so `_NSIG_WORDS` could grow).
pub const SC_MASK_OFFSET: usize = 2640;
/// `sizeof(struct sigcontext)`: 2648 bytes of members rounded up to its 16-byte alignment.
pub const SIGCONTEXT_SIZE: usize = 2656;
/// Alignment of `struct sigcontext` (from `struct ia64_fpreg`).
pub const SIGCONTEXT_ALIGN: usize = 16;

/// `struct sigcontext`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SigContext {
    /// [`sc_flag`] bits.
    pub flags: u64,
    /// NaT bits of the scratch general registers (bit i = gr\[i\]).
    pub nat: u64,
    /// The alternate stack as it was (restored by `rt_sigreturn`).
    pub stack: StackT,
    /// Interrupted IP: bundle address | slot.
    pub ip: u64,
    /// Interrupted CFM (`cr_ifs` bits 37:0).
    pub cfm: u64,
    /// PSR user mask bits.
    pub um: u64,
    /// ar.rsc.
    pub ar_rsc: u64,
    /// BSP after an imaginary `cover` of the interrupted frame (written by the trampoline).
    pub ar_bsp: u64,
    /// RNAT of the original backing store when the trampoline switched stores.
    pub ar_rnat: u64,
    /// ar.ccv.
    pub ar_ccv: u64,
    /// ar.unat.
    pub ar_unat: u64,
    /// ar.fpsr.
    pub ar_fpsr: u64,
    /// ar.pfs.
    pub ar_pfs: u64,
    /// ar.lc.
    pub ar_lc: u64,
    /// Predicates.
    pub pr: u64,
    /// b0..b7.
    pub br: [u64; 8],
    /// r0..r31 (scratch ones filled by the kernel; r0 slot = `uc_link`).
    pub gr: [u64; 32],
    /// f0..f127 as 16-byte spill images (`stf.spill` format, little-endian u128).
    pub fr: [u128; 128],
    /// 0, or the base of the handler's register backing store (the alternate stack).
    pub rbs_base: u64,
    /// `(bsp - rbs_base) << 16` of the switched dirty partition (written by the trampoline).
    pub loadrs: u64,
    /// ar.csd (ar25).
    pub ar25: u64,
    /// ar.ssd (ar26).
    pub ar26: u64,
    /// Reserved words.
    pub rsvd: [u64; 12],
    /// Signal mask to restore.
    pub mask: u64,
}

impl Default for SigContext {
    fn default() -> Self {
        Self {
            flags: 0,
            nat: 0,
            stack: StackT::default(),
            ip: 0,
            cfm: 0,
            um: 0,
            ar_rsc: 0,
            ar_bsp: 0,
            ar_rnat: 0,
            ar_ccv: 0,
            ar_unat: 0,
            ar_fpsr: 0,
            ar_pfs: 0,
            ar_lc: 0,
            pr: 0,
            br: [0; 8],
            gr: [0; 32],
            fr: [0; 128],
            rbs_base: 0,
            loadrs: 0,
            ar25: 0,
            ar26: 0,
            rsvd: [0; 12],
            mask: 0,
        }
    }
}

impl SigContext {
    /// The single 8-byte fields, by offset, in declaration order.
    fn words(&self) -> [(usize, u64); 19] {
        [
            (SC_FLAGS_OFFSET, self.flags),
            (SC_NAT_OFFSET, self.nat),
            (SC_IP_OFFSET, self.ip),
            (SC_CFM_OFFSET, self.cfm),
            (SC_UM_OFFSET, self.um),
            (SC_AR_RSC_OFFSET, self.ar_rsc),
            (SC_AR_BSP_OFFSET, self.ar_bsp),
            (SC_AR_RNAT_OFFSET, self.ar_rnat),
            (SC_AR_CCV_OFFSET, self.ar_ccv),
            (SC_AR_UNAT_OFFSET, self.ar_unat),
            (SC_AR_FPSR_OFFSET, self.ar_fpsr),
            (SC_AR_PFS_OFFSET, self.ar_pfs),
            (SC_AR_LC_OFFSET, self.ar_lc),
            (SC_PR_OFFSET, self.pr),
            (SC_RBS_BASE_OFFSET, self.rbs_base),
            (SC_LOADRS_OFFSET, self.loadrs),
            (SC_AR25_OFFSET, self.ar25),
            (SC_AR26_OFFSET, self.ar26),
            (SC_MASK_OFFSET, self.mask),
        ]
    }

    /// The [`SIGCONTEXT_SIZE`] bytes of the structure (padding zero).
    pub fn encode(&self) -> Vec<u8> {
        let mut b = vec![0u8; SIGCONTEXT_SIZE];
        for (off, v) in self.words() {
            put(&mut b, off, &v.to_le_bytes());
        }
        put(&mut b, SC_STACK_OFFSET, &self.stack.encode());
        for (i, v) in self.br.iter().enumerate() {
            put(&mut b, SC_BR_OFFSET + 8 * i, &v.to_le_bytes());
        }
        for (i, v) in self.gr.iter().enumerate() {
            put(&mut b, SC_GR_OFFSET + 8 * i, &v.to_le_bytes());
        }
        for (i, v) in self.fr.iter().enumerate() {
            put(&mut b, SC_FR_OFFSET + 16 * i, &v.to_le_bytes());
        }
        for (i, v) in self.rsvd.iter().enumerate() {
            put(&mut b, SC_RSVD_OFFSET + 8 * i, &v.to_le_bytes());
        }
        b
    }

    /// Read a sigcontext from the first [`SIGCONTEXT_SIZE`] bytes of `b`.
    pub fn decode(b: &[u8]) -> Option<Self> {
        if b.len() < SIGCONTEXT_SIZE {
            return None;
        }
        let w = |off| get_u64(b, off);
        let mut sc = Self {
            flags: w(SC_FLAGS_OFFSET)?,
            nat: w(SC_NAT_OFFSET)?,
            stack: StackT::decode(b.get(SC_STACK_OFFSET..)?)?,
            ip: w(SC_IP_OFFSET)?,
            cfm: w(SC_CFM_OFFSET)?,
            um: w(SC_UM_OFFSET)?,
            ar_rsc: w(SC_AR_RSC_OFFSET)?,
            ar_bsp: w(SC_AR_BSP_OFFSET)?,
            ar_rnat: w(SC_AR_RNAT_OFFSET)?,
            ar_ccv: w(SC_AR_CCV_OFFSET)?,
            ar_unat: w(SC_AR_UNAT_OFFSET)?,
            ar_fpsr: w(SC_AR_FPSR_OFFSET)?,
            ar_pfs: w(SC_AR_PFS_OFFSET)?,
            ar_lc: w(SC_AR_LC_OFFSET)?,
            pr: w(SC_PR_OFFSET)?,
            rbs_base: w(SC_RBS_BASE_OFFSET)?,
            loadrs: w(SC_LOADRS_OFFSET)?,
            ar25: w(SC_AR25_OFFSET)?,
            ar26: w(SC_AR26_OFFSET)?,
            mask: w(SC_MASK_OFFSET)?,
            ..Self::default()
        };
        for (i, v) in sc.br.iter_mut().enumerate() {
            *v = w(SC_BR_OFFSET + 8 * i)?;
        }
        for (i, v) in sc.gr.iter_mut().enumerate() {
            *v = w(SC_GR_OFFSET + 8 * i)?;
        }
        for (i, v) in sc.fr.iter_mut().enumerate() {
            *v = get_u128(b, SC_FR_OFFSET + 16 * i)?;
        }
        for (i, v) in sc.rsvd.iter_mut().enumerate() {
            *v = w(SC_RSVD_OFFSET + 8 * i)?;
        }
        Some(sc)
    }
}

// ---------------------------------------------------------------------------------------------
// struct sigframe (arch/ia64/kernel/sigframe.h) and its placement (signal.c setup_frame)
// ---------------------------------------------------------------------------------------------

/// Offset of `arg0` (signal number): "part of the IA-64 Linux ABI" (sigframe.h).
pub const SIGFRAME_ARG0_OFFSET: usize = 0;
/// Offset of `arg1` (the `siginfo_t *`).
pub const SIGFRAME_ARG1_OFFSET: usize = 8;
/// Offset of `arg2` (the `struct sigcontext *`).
pub const SIGFRAME_ARG2_OFFSET: usize = 16;
/// Offset of `handler` (the address of the handler's function descriptor).
pub const SIGFRAME_HANDLER_OFFSET: usize = 24;
/// Offset of `info` (`siginfo_t`).
pub const SIGFRAME_INFO_OFFSET: usize = 32;
/// Offset of `sc` (`struct sigcontext`, 16-byte aligned: 32 + 128 = 160 already is).
pub const SIGFRAME_SC_OFFSET: usize = 160;
/// `sizeof(struct sigframe)`: 160 + 2656.
pub const SIGFRAME_SIZE: usize = 2816;
/// `STACK_ALIGN` of signal.c: the frame address is a multiple of 16.
pub const SIGFRAME_ALIGN: u64 = 16;
/// The trampoline's sp is the frame address minus this (the 16-byte scratch area of the
/// software conventions; signal.c `scr->pt.r12 = frame - 16`, `ia64_rt_sigreturn` reads the
/// frame at `r12 + 16`).
pub const SIGFRAME_SP_BIAS: u64 = 16;

/// `struct sigframe` as `setup_frame` writes it on the user memory stack.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SigFrame {
    /// Signal number.
    pub arg0: u64,
    /// Address of [`SigFrame::info`] in guest memory.
    pub arg1: u64,
    /// Address of [`SigFrame::sc`] in guest memory.
    pub arg2: u64,
    /// Address of the handler's function descriptor.
    pub handler: u64,
    /// The siginfo.
    pub info: SigInfo,
    /// The sigcontext.
    pub sc: SigContext,
}

impl SigFrame {
    /// A frame to be written at guest address `frame`: `arg1`/`arg2` point into it.
    pub fn new(frame: u64, signo: u32, handler: u64, info: SigInfo, sc: SigContext) -> Self {
        Self {
            arg0: u64::from(signo),
            arg1: frame.wrapping_add(SIGFRAME_INFO_OFFSET as u64),
            arg2: frame.wrapping_add(SIGFRAME_SC_OFFSET as u64),
            handler,
            info,
            sc,
        }
    }

    /// The [`SIGFRAME_SIZE`] bytes of the frame.
    pub fn encode(&self) -> Vec<u8> {
        let mut b = vec![0u8; SIGFRAME_SIZE];
        put(&mut b, SIGFRAME_ARG0_OFFSET, &self.arg0.to_le_bytes());
        put(&mut b, SIGFRAME_ARG1_OFFSET, &self.arg1.to_le_bytes());
        put(&mut b, SIGFRAME_ARG2_OFFSET, &self.arg2.to_le_bytes());
        put(&mut b, SIGFRAME_HANDLER_OFFSET, &self.handler.to_le_bytes());
        put(&mut b, SIGFRAME_INFO_OFFSET, &self.info.encode());
        put(&mut b, SIGFRAME_SC_OFFSET, &self.sc.encode());
        b
    }

    /// Read a frame from the first [`SIGFRAME_SIZE`] bytes of `b`.
    pub fn decode(b: &[u8]) -> Option<Self> {
        if b.len() < SIGFRAME_SIZE {
            return None;
        }
        Some(Self {
            arg0: get_u64(b, SIGFRAME_ARG0_OFFSET)?,
            arg1: get_u64(b, SIGFRAME_ARG1_OFFSET)?,
            arg2: get_u64(b, SIGFRAME_ARG2_OFFSET)?,
            handler: get_u64(b, SIGFRAME_HANDLER_OFFSET)?,
            info: SigInfo::decode(b.get(SIGFRAME_INFO_OFFSET..)?)?,
            sc: SigContext::decode(b.get(SIGFRAME_SC_OFFSET..)?)?,
        })
    }
}

/// Where `setup_frame` puts the frame below the memory-stack top `sp` (the interrupted r12,
/// or `ss_sp + ss_size` on the alternate stack): `(sp - sizeof(frame)) & -16`.
pub fn sigframe_addr(sp: u64) -> u64 {
    sp.wrapping_sub(SIGFRAME_SIZE as u64) & !(SIGFRAME_ALIGN - 1)
}

/// signal.c `rbs_on_sig_stack`: the backing store address `bsp` already lies in the
/// alternate stack `[ss_sp, ss_sp + ss_size)` (unsigned wrap-around compare, as in C).
pub fn rbs_on_sig_stack(bsp: u64, ss_sp: u64, ss_size: u64) -> bool {
    bsp.wrapping_sub(ss_sp) < ss_size
}

/// signal.c `setup_frame`: the handler's register backing store base on the alternate stack,
/// `ss_sp` rounded up to 8 bytes (the memory stack takes the top of the same area).
pub fn alt_rbs_base(ss_sp: u64) -> u64 {
    ss_sp.wrapping_add(7) & !7
}

/// signal.c `setup_sigcontext`: `sc_cfm` is `cr_ifs` bits 37:0.
pub fn sc_cfm_from_ifs(cr_ifs: u64) -> u64 {
    cr_ifs & ((1 << 38) - 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Offsets the other readers of the ABI hard-code: gdb `ia64-linux-tdep.c`
    /// (ip 40, cfm 48, um 56, bsp 72, rnat 80, ccv 88, unat 96, fpsr 104, pfs 112, lc 120,
    /// pr 128, br 136, gr 200, fr 464) and libunwind `src/ia64/offsets.h` (flags 0x000,
    /// nat 0x008, stack 0x010, rsc 0x040, rbs_base 0x9d0, loadrs 0x9d8, csd 0x9e0,
    /// ssd 0x9e8, mask 0xa50; sigframe arg2 0x10).
    #[test]
    fn sigcontext_offsets_match_gdb_and_libunwind() {
        let got = [
            SC_FLAGS_OFFSET,
            SC_NAT_OFFSET,
            SC_STACK_OFFSET,
            SC_IP_OFFSET,
            SC_CFM_OFFSET,
            SC_UM_OFFSET,
            SC_AR_RSC_OFFSET,
            SC_AR_BSP_OFFSET,
            SC_AR_RNAT_OFFSET,
            SC_AR_CCV_OFFSET,
            SC_AR_UNAT_OFFSET,
            SC_AR_FPSR_OFFSET,
            SC_AR_PFS_OFFSET,
            SC_AR_LC_OFFSET,
            SC_PR_OFFSET,
            SC_BR_OFFSET,
            SC_GR_OFFSET,
            SC_FR_OFFSET,
            SC_RBS_BASE_OFFSET,
            SC_LOADRS_OFFSET,
            SC_AR25_OFFSET,
            SC_AR26_OFFSET,
            SC_MASK_OFFSET,
            SIGFRAME_ARG2_OFFSET,
        ];
        let want = [
            0x000, 0x008, 0x010, 40, 48, 56, 0x040, 72, 80, 88, 96, 104, 112, 120, 128, 136, 200,
            464, 0x9d0, 0x9d8, 0x9e0, 0x9e8, 0xa50, 0x10,
        ];
        assert_eq!(got, want);
    }

    /// The C layout rules applied by hand: members in order, natural alignment, the fpreg
    /// array aligned to 16, the struct padded to its alignment.
    #[test]
    fn struct_sizes_follow_the_c_layout() {
        // sc_gr ends at 200 + 256 = 456; sc_fr starts at the next multiple of 16.
        assert_eq!(SC_FR_OFFSET, 464);
        assert_eq!(SC_RBS_BASE_OFFSET, 464 + 128 * 16);
        assert_eq!(SC_MASK_OFFSET, SC_RSVD_OFFSET + 12 * 8);
        assert_eq!(SIGCONTEXT_SIZE, 2656); // 2640 + 8 = 2648, rounded up to 16
        assert_eq!(SIGFRAME_SC_OFFSET, 32 + 128);
        assert_eq!(SIGFRAME_SIZE, 2816);
        assert_eq!(STACK_T_SIZE, 24);
        assert_eq!(SIGACTION_SIZE, 24);
    }

    #[test]
    fn sigcontext_bytes_land_at_their_offsets() {
        let mut sc = SigContext {
            flags: 0x11,
            ip: 0x4000_0000_0000_1232,
            ar_bsp: 0x6000_0000_0000_0abc,
            rbs_base: 0x6000_0000_0300_0000,
            loadrs: 0x1230_0000,
            mask: 0x8000_0000_0000_0001,
            ..SigContext::default()
        };
        sc.stack = StackT {
            sp: 0x7777,
            flags: SS_DISABLE,
            size: 0x9999,
        };
        sc.br[6] = 0xb6;
        sc.gr[12] = 0x12;
        sc.fr[6] = 0x0001_003e_8000_0000_0000_0001;
        let b = sc.encode();
        assert_eq!(b.len(), 2656);
        let at = |off: usize| u64::from_le_bytes(b[off..off + 8].try_into().unwrap());
        assert_eq!(at(0), 0x11);
        assert_eq!(at(16), 0x7777);
        assert_eq!(b[24..28], [2, 0, 0, 0]);
        assert_eq!(at(32), 0x9999);
        assert_eq!(at(40), 0x4000_0000_0000_1232);
        assert_eq!(at(72), 0x6000_0000_0000_0abc);
        assert_eq!(at(136 + 6 * 8), 0xb6);
        assert_eq!(at(200 + 12 * 8), 0x12);
        assert_eq!(at(464 + 6 * 16), 0x8000_0000_0000_0001);
        assert_eq!(at(464 + 6 * 16 + 8), 0x0001_003e);
        assert_eq!(at(0x9d0), 0x6000_0000_0300_0000);
        assert_eq!(at(0x9d8), 0x1230_0000);
        assert_eq!(at(0xa50), 0x8000_0000_0000_0001);
        assert_eq!(SigContext::decode(&b), Some(sc));
        assert_eq!(SigContext::decode(&b[..2655]), None);
    }

    #[test]
    fn siginfo_fault_layout_has_ia64_fields() {
        let si = SigInfo::fault(
            sig::SIGSEGV,
            si_code::SEGV_MAPERR,
            0xdead_beef,
            0,
            ISR_VALID,
            0x4_0000_0000,
        );
        let b = si.encode();
        assert_eq!(b[0..4], [11, 0, 0, 0]);
        assert_eq!(b[8..12], [1, 0, 0, 0]);
        assert_eq!(
            u64::from_le_bytes(b[16..24].try_into().unwrap()),
            0xdead_beef
        );
        assert_eq!(b[28..32], [1, 0, 0, 0]);
        assert_eq!(
            u64::from_le_bytes(b[32..40].try_into().unwrap()),
            0x4_0000_0000
        );
        assert_eq!(SigInfo::decode(&b), Some(si));
    }

    #[test]
    fn siginfo_chld_and_kill_layouts() {
        let c = SigInfo::chld(si_code::CLD_EXITED, 42, 1000, 3, 7, 9);
        let b = c.encode();
        assert_eq!(b[16..20], [42, 0, 0, 0]);
        assert_eq!(b[20..24], [0xe8, 3, 0, 0]);
        assert_eq!(b[24..28], [3, 0, 0, 0]);
        assert_eq!(b[32], 7);
        assert_eq!(b[40], 9);
        assert_eq!(SigInfo::decode(&b), Some(c));
        let k = SigInfo::kill(sig::SIGUSR1, si_code::SI_TKILL, 5, 0);
        assert_eq!(
            siginfo_layout(sig::SIGUSR1, si_code::SI_TKILL),
            SigLayout::Rt
        );
        // SI_TKILL decodes as _rt (pid, uid, sigval): same pid/uid bytes, value 0.
        assert_eq!(
            SigInfo::decode(&k.encode()).map(|s| s.fields),
            Some(SigFields::Rt {
                pid: 5,
                uid: 0,
                value: 0
            })
        );
        let u = SigInfo::kill(sig::SIGTERM, si_code::SI_USER, 5, 0);
        assert_eq!(SigInfo::decode(&u.encode()), Some(u));
    }

    #[test]
    fn siginfo_layout_follows_the_kernel_rule() {
        use si_code::*;
        assert_eq!(siginfo_layout(sig::SIGILL, ILL_BREAK), SigLayout::Fault);
        assert_eq!(siginfo_layout(sig::SIGTRAP, TRAP_BRKPT), SigLayout::Fault);
        assert_eq!(siginfo_layout(sig::SIGSEGV, SI_KERNEL), SigLayout::Kill);
        assert_eq!(siginfo_layout(sig::SIGCHLD, CLD_STOPPED), SigLayout::Chld);
        assert_eq!(siginfo_layout(sig::SIGALRM, SI_TIMER), SigLayout::Timer);
        assert_eq!(siginfo_layout(sig::SIGUSR1, SI_QUEUE), SigLayout::Rt);
        assert_eq!(siginfo_layout(sig::SIGUSR1, 3), SigLayout::Poll);
        assert_eq!(siginfo_layout(sig::SIGUSR1, 7), SigLayout::Kill);
    }

    #[test]
    fn sigaction_and_stack_t_bytes() {
        let a = SigAction {
            handler: 0x6000_0000_0000_0100,
            flags: sa::SIGINFO | sa::ONSTACK,
            mask: sigmask(sig::SIGUSR2),
        };
        let b = a.encode();
        assert_eq!(b[8..16], 0x0800_0004u64.to_le_bytes());
        assert_eq!(b[16..24], (1u64 << 11).to_le_bytes());
        assert_eq!(SigAction::decode(&b), Some(a));
        assert_eq!(SigAction::decode(&b[..23]), None);
        let s = StackT::decode(&[0xff; 24]).unwrap();
        assert_eq!((s.sp, s.flags, s.size), (u64::MAX, -1, u64::MAX));
    }

    #[test]
    fn signal_names_cover_all_64() {
        assert_eq!(signal_name(0), None);
        assert_eq!(signal_name(9), Some("SIGKILL"));
        assert_eq!(signal_name(31), Some("SIGSYS"));
        assert_eq!(signal_name(32), Some("SIGRTMIN"));
        assert_eq!(signal_name(48), Some("SIGRTMIN+16"));
        assert_eq!(signal_name(49), Some("SIGRTMAX-15"));
        assert_eq!(signal_name(64), Some("SIGRTMAX"));
        assert_eq!(signal_name(65), None);
        assert_eq!(sigmask(64), 1 << 63);
        assert_eq!(sigmask(0), 0);
    }

    #[test]
    fn frame_placement() {
        // (0x1000 - 2816) = 0x500 → already 16-aligned; 0x1008 - 2816 = 0x508 → 0x500.
        assert_eq!(sigframe_addr(0x1000), 0x500);
        assert_eq!(sigframe_addr(0x1008), 0x500);
        assert!(rbs_on_sig_stack(0x1010, 0x1000, 0x100));
        assert!(!rbs_on_sig_stack(0xff8, 0x1000, 0x100));
        assert_eq!(alt_rbs_base(0x1001), 0x1008);
        assert_eq!(
            sc_cfm_from_ifs((1 << 63) | (1 << 40) | 0x3f_ffff_ffff),
            0x3f_ffff_ffff
        );
        let f = SigFrame::new(
            0x500,
            11,
            0x77,
            SigInfo::kill(11, 0, 1, 2),
            SigContext::default(),
        );
        assert_eq!((f.arg1, f.arg2), (0x520, 0x5a0));
        assert_eq!(SigFrame::decode(&f.encode()), Some(f));
    }
}
