//! Signals: numbers, actions and their defaults, queued signal information, and which signal a
//! fault sends, as Linux/ia64's `ia64_fault`, `ia64_bad_break` and `ia64_do_page_fault` decide
//! it (arch/ia64/kernel/traps.c, arch/ia64/mm/fault.c).

use ia64_cpu::fault::Fault;
use ia64_cpu::mem::MemFaultKind;

/// Highest signal number.
pub const NSIG: usize = 64;

/// Signal numbers (Linux generic values, which ia64 uses): the ABI list of [`crate::sigframe`].
pub use crate::sigframe::sig;

/// The name of signal `s` ("signal" outside 1..=64).
pub fn name(s: u32) -> &'static str {
    crate::sigframe::signal_name(s).unwrap_or("signal")
}

/// The bit of signal `s` in a signal set (0 outside 1..=64).
pub fn bit(s: u32) -> u64 {
    crate::sigframe::sigmask(s)
}

/// Signals that can be neither caught, blocked nor ignored.
pub const UNBLOCKABLE: u64 = (1 << (sig::SIGKILL - 1)) | (1 << (sig::SIGSTOP - 1));

/// What a signal does when its action is `SIG_DFL` (Linux `sig_kernel_*` sets,
/// include/linux/signal.h).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DefaultAction {
    /// Terminate the thread group.
    Terminate,
    /// Terminate with a core dump (status bit 0x80).
    Core,
    /// Stop the thread group.
    Stop,
    /// Continue a stopped thread group.
    Continue,
    /// Nothing.
    Ignore,
}

/// The default action of signal `s`.
pub fn default_action(s: u32) -> DefaultAction {
    use sig::*;
    match s {
        SIGQUIT | SIGILL | SIGTRAP | SIGABRT | SIGBUS | SIGFPE | SIGSEGV | SIGXCPU | SIGXFSZ
        | SIGSYS => DefaultAction::Core,
        SIGSTOP | SIGTSTP | SIGTTIN | SIGTTOU => DefaultAction::Stop,
        SIGCONT => DefaultAction::Continue,
        SIGCHLD | SIGURG | SIGWINCH => DefaultAction::Ignore,
        _ => DefaultAction::Terminate,
    }
}

pub use crate::sigframe::{SIG_DFL, SIG_IGN};

/// One signal's action: the `struct sigaction` of rt_sigaction (on ia64 the handler is the
/// address of a function descriptor).
pub use crate::sigframe::SigAction;

/// A queued signal and what its `siginfo` says.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct SigInfo {
    /// Signal number.
    pub signo: u32,
    /// `si_code`.
    pub code: i32,
    /// `si_errno`.
    pub errno: i32,
    /// Sender pid (kill) or child pid (SIGCHLD).
    pub pid: u64,
    /// Sender uid.
    pub uid: u32,
    /// Faulting address (SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGTRAP).
    pub addr: u64,
    /// Child status (SIGCHLD).
    pub status: i32,
    /// ia64 `si_imm` (break immediate) for SIGILL/SIGTRAP/SIGFPE from `break`.
    pub imm: u32,
    /// ia64 `si_isr` (the ISR of the fault).
    pub isr: u64,
    /// ia64 `si_flags` & `__ISR_VALID`: `isr` is meaningful (page faults, NaT consumption).
    pub isr_valid: bool,
    /// The fault that raised it (kept for the kill report, not visible to the guest).
    pub fault: Option<Fault>,
}

impl SigInfo {
    /// A signal sent by a process (`SI_USER`, `si_pid` = `pid`).
    pub fn user(signo: u32, pid: u64) -> Self {
        SigInfo {
            signo,
            code: code::SI_USER,
            pid,
            ..SigInfo::default()
        }
    }

    /// A signal the kernel sends on its own behalf (`SEND_SIG_PRIV`, include/linux/sched/
    /// signal.h): `SI_KERNEL` with `si_pid` and `si_uid` 0 — e.g. the SIGSTOP of
    /// `PTRACE_ATTACH` (kernel/ptrace.c `ptrace_attach`).
    pub fn kernel(signo: u32) -> Self {
        SigInfo {
            signo,
            code: code::SI_KERNEL,
            ..SigInfo::default()
        }
    }
}

/// `si_code` values: the ABI constants of [`crate::sigframe`] (asm-generic and ia64
/// siginfo.h).
pub use crate::sigframe::si_code as code;

/// `ia64_bad_break` (arch/ia64/kernel/traps.c): the signal and `si_code` of a `break` whose
/// immediate is not the syscall one.
pub fn break_action(imm: u64) -> (u32, i32) {
    use code::*;
    match imm {
        0 => (sig::SIGILL, ILL_ILLOPC),
        1 => (sig::SIGFPE, FPE_INTDIV),
        2 => (sig::SIGFPE, FPE_INTOVF),
        3 => (sig::SIGFPE, FPE_FLTSUB),
        4 => (sig::SIGSEGV, SEGV_MAPERR),
        // "misaligned data": Linux sends SIGSEGV with the BUS_ADRALN code.
        5 => (sig::SIGSEGV, BUS_ADRALN),
        6 => (sig::SIGFPE, FPE_DECOVF),
        7 => (sig::SIGFPE, FPE_DECDIV),
        8 => (sig::SIGFPE, FPE_DECERR),
        9 => (sig::SIGFPE, FPE_INVASC),
        10 => (sig::SIGFPE, FPE_INVDEC),
        11 => (sig::SIGSEGV, SEGV_PSTKOVF),
        0x3f000..=0x3ffff => (sig::SIGILL, ILL_BNDMOD),
        12..=0x7ffff => (sig::SIGILL, ILL_BREAK),
        _ => (sig::SIGTRAP, TRAP_BRKPT),
    }
}

fn mem_signal(kind: MemFaultKind) -> u32 {
    match kind {
        MemFaultKind::Unaligned => sig::SIGBUS,
        MemFaultKind::NatPage => sig::SIGILL,
        _ => sig::SIGSEGV,
    }
}

/// The signal Linux sends for `fault` taken in user mode.
pub fn for_fault(fault: &Fault) -> u32 {
    match fault {
        Fault::Break { imm } => break_action(*imm).0,
        Fault::IllegalOperation
        | Fault::PrivilegedOperation
        | Fault::PrivilegedRegister
        | Fault::ReservedRegisterField
        | Fault::DisabledIsaTransition
        | Fault::RegisterNatConsumption
        | Fault::NatAddress { .. }
        | Fault::NatPage { .. }
        | Fault::UnimplementedInstructionAddress { .. }
        | Fault::LowerPrivilegeTransfer
        | Fault::Unimplemented(_) => sig::SIGILL,
        Fault::DisabledFpRegister { .. } => sig::SIGILL,
        Fault::Data { fault, .. } | Fault::Rse { fault, .. } => mem_signal(fault.kind),
        Fault::Fetch(_) => sig::SIGSEGV,
        Fault::FpFault { .. } | Fault::FpTrap { .. } => sig::SIGFPE,
        Fault::TakenBranch { .. } | Fault::SingleStep => sig::SIGTRAP,
        // Interrupts are handled by the kernel, never turned into signals.
        Fault::ExternalInterrupt { .. } => sig::SIGKILL,
    }
}

/// The `siginfo` Linux/ia64 builds for `fault` taken in user mode with IIP/IPSR.ri naming
/// bundle `ip`, slot `slot`, and CR.ISR `isr` as delivered (arch/ia64/kernel/traps.c
/// `ia64_fault`/`ia64_bad_break`, arch/ia64/mm/fault.c): si_addr is the data address for
/// memory faults, `ip + slot` for instruction faults and FP traps, 0 for the Taken Branch and
/// Single Step traps and the target for the Unimplemented Instruction Address trap; `break` puts
/// its immediate in si_imm; si_isr is ISR where Linux marks it valid.
pub fn info_for_fault(fault: &Fault, ip: u64, slot: u8, isr: u64) -> SigInfo {
    let signo = for_fault(fault);
    let at_insn = ip.wrapping_add(u64::from(slot));
    let mut info = SigInfo {
        signo,
        addr: at_insn,
        fault: Some(*fault),
        ..SigInfo::default()
    };
    info.code = match fault {
        Fault::Break { imm } => {
            info.imm = *imm as u32;
            break_action(*imm).1
        }
        Fault::PrivilegedOperation => code::ILL_PRVOPC,
        Fault::PrivilegedRegister => code::ILL_PRVREG,
        // ia64_fault, vector 26 (NaT consumption): register NaT consumption is ILL_ILLOPN,
        // NaT page consumption SIGSEGV/SEGV_ACCERR at the data address; si_imm = 26.
        Fault::RegisterNatConsumption | Fault::NatAddress { .. } => {
            info.imm = 26;
            code::ILL_ILLOPN
        }
        Fault::NatPage { addr, .. } => {
            info.imm = 26;
            info.addr = *addr;
            code::SEGV_ACCERR
        }
        Fault::ReservedRegisterField => code::ILL_ILLOPN,
        Fault::Data { fault: m, .. } | Fault::Rse { fault: m, .. } => {
            info.addr = m.addr;
            // Page faults report the ISR (arch/ia64/mm/fault.c); the unaligned handler's
            // SIGBUS does not (arch/ia64/kernel/unaligned.c).
            info.isr_valid = m.kind != MemFaultKind::Unaligned;
            match m.kind {
                MemFaultKind::Unaligned => code::BUS_ADRALN,
                MemFaultKind::Protection => code::SEGV_ACCERR,
                _ => code::SEGV_MAPERR,
            }
        }
        Fault::Fetch(m) => {
            info.addr = m.addr;
            info.isr_valid = true;
            if m.kind == MemFaultKind::Protection {
                code::SEGV_ACCERR
            } else {
                code::SEGV_MAPERR
            }
        }
        Fault::FpFault { .. } | Fault::FpTrap { .. } => {
            info.isr_valid = true;
            code::FPE_FLTINV
        }
        // ia64_fault, vectors 35 and 36: `ifa = 0` is the address.
        Fault::TakenBranch { .. } => {
            info.addr = 0;
            info.isr_valid = true;
            code::TRAP_BRANCH
        }
        Fault::SingleStep => {
            info.addr = 0;
            info.isr_valid = true;
            code::TRAP_TRACE
        }
        // ia64_fault, vector 34 without the lp bit: si_addr is IIP, the branch target.
        Fault::UnimplementedInstructionAddress { .. } => {
            info.addr = ip;
            code::ILL_BADIADDR
        }
        _ => code::ILL_ILLOPC,
    };
    if info.isr_valid || info.imm == 26 {
        info.isr = isr;
        info.isr_valid = true;
    }
    info
}
