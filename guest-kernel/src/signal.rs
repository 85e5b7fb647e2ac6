//! Which signal a fault sends, as Linux/ia64's `ia64_fault`, `ia64_bad_break` and
//! `ia64_do_page_fault` decide it (arch/ia64/kernel/traps.c, arch/ia64/mm/fault.c).

use ia64_cpu::fault::Fault;
use ia64_cpu::mem::MemFaultKind;

/// Signal numbers (Linux generic values, which ia64 uses).
pub mod sig {
    /// Illegal instruction.
    pub const SIGILL: u32 = 4;
    /// Trace/breakpoint trap.
    pub const SIGTRAP: u32 = 5;
    /// Bus error.
    pub const SIGBUS: u32 = 7;
    /// Floating-point exception.
    pub const SIGFPE: u32 = 8;
    /// Kill.
    pub const SIGKILL: u32 = 9;
    /// Segmentation violation.
    pub const SIGSEGV: u32 = 11;
    /// CPU time limit exceeded.
    pub const SIGXCPU: u32 = 24;
}

/// The name of signal `s`.
pub fn name(s: u32) -> &'static str {
    match s {
        sig::SIGILL => "SIGILL",
        sig::SIGTRAP => "SIGTRAP",
        sig::SIGBUS => "SIGBUS",
        sig::SIGFPE => "SIGFPE",
        sig::SIGKILL => "SIGKILL",
        sig::SIGSEGV => "SIGSEGV",
        sig::SIGXCPU => "SIGXCPU",
        _ => "signal",
    }
}

/// `ia64_bad_break`: break immediates other than the syscall one. 0 is GCC's
/// `__builtin_trap` (SIGILL); 1–3 are the divide-by-zero / overflow / range checks (SIGFPE);
/// the debugger range 0x40000–0xfffff (and the kernel-reserved values above it) is SIGTRAP;
/// anything else SIGILL.
fn break_signal(imm: u64) -> u32 {
    match imm {
        0 => sig::SIGILL,
        1..=3 => sig::SIGFPE,
        0x40000..=0x100000 => sig::SIGTRAP,
        _ => sig::SIGILL,
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
        Fault::Break { imm } => break_signal(*imm),
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
        Fault::TakenBranch | Fault::SingleStep => sig::SIGTRAP,
        // Interrupts are handled by the kernel, never turned into signals.
        Fault::ExternalInterrupt { .. } => sig::SIGKILL,
    }
}
