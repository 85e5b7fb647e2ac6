//! Faults and traps as values (SDM Vol. 2 Part I ch. 5 "Interruptions").
//!
//! An instruction that cannot complete returns a [`Fault`]; nothing of its effect is committed
//! (compute, then commit). [`Fault::info`] says what the architecture would record when the
//! interruption is delivered: the IVT vector (SDM Vol. 2 Part I Table 5-7, "Interruption Vector
//! Table"), ISR (§3.3.5.3: code 15:0, vector 23:16, x 32, w 33, r 34, na 35,
//! sp 36, rs 37, ir 38, ni 39, ei 42:41, ed 43), IFA and IIM, and whether it is a trap (IIP
//! then points after the instruction) or a fault (IIP = the faulting bundle, ISR.ei = its slot).
//! [`crate::interrupt`] delivers it into the control registers.

use crate::mem::{AccessKind, MemFault, MemFaultKind};
use crate::rse::RseFault;

/// IVT offsets (SDM Vol. 2 Part I §5.7, Table 5-7).
pub mod vector {
    /// Data TLB vector.
    pub const DATA_TLB: u16 = 0x0800;
    /// Instruction TLB vector.
    pub const INSTRUCTION_TLB: u16 = 0x0400;
    /// Break Instruction vector.
    pub const BREAK: u16 = 0x2c00;
    /// External Interrupt vector.
    pub const EXTERNAL_INTERRUPT: u16 = 0x3000;
    /// Page Not Present vector.
    pub const PAGE_NOT_PRESENT: u16 = 0x5000;
    /// Instruction Access Rights vector.
    pub const INSTRUCTION_ACCESS_RIGHTS: u16 = 0x5200;
    /// Data Access Rights vector.
    pub const DATA_ACCESS_RIGHTS: u16 = 0x5300;
    /// General Exception vector (Illegal Operation, Privileged Operation/Register,
    /// Reserved Register/Field, Unimplemented Data Address, ...).
    pub const GENERAL_EXCEPTION: u16 = 0x5400;
    /// Disabled Floating-Point Register vector.
    pub const DISABLED_FP_REGISTER: u16 = 0x5500;
    /// NaT Consumption vector.
    pub const NAT_CONSUMPTION: u16 = 0x5600;
    /// Speculation vector.
    pub const SPECULATION: u16 = 0x5700;
    /// Debug vector.
    pub const DEBUG: u16 = 0x5900;
    /// Unaligned Reference vector.
    pub const UNALIGNED_REFERENCE: u16 = 0x5a00;
    /// Floating-point Fault vector.
    pub const FP_FAULT: u16 = 0x5c00;
    /// Floating-point Trap vector.
    pub const FP_TRAP: u16 = 0x5d00;
    /// Lower-Privilege Transfer Trap vector (also Unimplemented Instruction Address trap).
    pub const LOWER_PRIVILEGE_TRANSFER: u16 = 0x5e00;
    /// Taken Branch Trap vector.
    pub const TAKEN_BRANCH: u16 = 0x5f00;
    /// Single Step Trap vector.
    pub const SINGLE_STEP: u16 = 0x6000;
}

/// ISR bit positions (SDM Vol. 2 Part I §3.3.5.3).
/// The trap code in ISR.code{4:0}: one bit per trap raised by the just-executed instruction
/// (SDM Vol. 2 Part I, the trap vector pages of Chapter 8).
pub mod trap_code {
    /// Floating-point trap.
    pub const FP: u64 = 1 << 0;
    /// Lower-privilege transfer trap.
    pub const LP: u64 = 1 << 1;
    /// Taken branch trap.
    pub const TB: u64 = 1 << 2;
    /// Single step trap.
    pub const SS: u64 = 1 << 3;
    /// Unimplemented instruction address trap.
    pub const UI: u64 = 1 << 4;
}

pub mod isr {
    /// Execute access.
    pub const X: u64 = 1 << 32;
    /// Write access.
    pub const W: u64 = 1 << 33;
    /// Read access.
    pub const R: u64 = 1 << 34;
    /// Non-access instruction (probe, tpa, fc, lfetch, ...).
    pub const NA: u64 = 1 << 35;
    /// Speculative load.
    pub const SP: u64 = 1 << 36;
    /// Register stack (RSE) reference.
    pub const RS: u64 = 1 << 37;
    /// Incomplete register frame.
    pub const IR: u64 = 1 << 38;
    /// Nested interruption.
    pub const NI: u64 = 1 << 39;
    /// Shift of the excepting-instruction slot (ei, 2 bits).
    pub const EI_SHIFT: u32 = 41;
    /// General Exception codes (ISR.code{7:4}).
    pub const GE_ILLEGAL_OPERATION: u64 = 0x00;
    /// Privileged Operation.
    pub const GE_PRIVILEGED_OPERATION: u64 = 0x10;
    /// Privileged Register.
    pub const GE_PRIVILEGED_REGISTER: u64 = 0x20;
    /// Reserved Register/Field.
    pub const GE_RESERVED_REGISTER_FIELD: u64 = 0x30;
    /// Disabled Instruction Set Transition.
    pub const GE_DISABLED_ISA: u64 = 0x40;
    /// Unimplemented data address (General Exception code 0x0 with ISR.r/w; we use the
    /// Linux-visible distinction through [`crate::fault::Fault`] itself).
    pub const NAT_REGISTER: u64 = 1;
    /// NaT page consumption code.
    pub const NAT_PAGE: u64 = 2;
}

/// Who performed the faulting memory reference.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum RefKind {
    /// A load (or the read half of a semaphore).
    Read,
    /// A store.
    Write,
    /// A semaphore (read and write).
    ReadWrite,
    /// A non-access reference (`probe.fault`, `fc`, `lfetch.fault`, `tpa`).
    NonAccess,
}

/// An architectural fault or trap raised by an instruction.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Fault {
    /// Illegal Operation (reserved encoding, write to r0/f0/f1, out-of-frame register, ...).
    IllegalOperation,
    /// Privileged Operation (a privileged instruction at cpl ≠ 0).
    PrivilegedOperation,
    /// Privileged Register (access to a privileged register at cpl ≠ 0).
    PrivilegedRegister,
    /// Reserved Register/Field (reserved register number or reserved bits written).
    ReservedRegisterField,
    /// Disabled Instruction Set Transition (`br.ia` with PSR.di set).
    DisabledIsaTransition,
    /// `break` with the given 21-bit (or 62-bit for `break.x`) immediate; IIM ← imm.
    Break {
        /// The immediate (CR.IIM).
        imm: u64,
    },
    /// Register NaT Consumption: a non-speculative use of a NaT register.
    RegisterNatConsumption,
    /// A data reference through a NaT address register (Register NaT Consumption with ISR.r/w).
    NatAddress {
        /// Kind of reference.
        kind: RefKind,
    },
    /// A reference to a NaT page (NaT Page Consumption).
    NatPage {
        /// Faulting address.
        addr: u64,
        /// Kind of reference.
        kind: RefKind,
    },
    /// Disabled Floating-Point Register (PSR.dfl / PSR.dfh).
    DisabledFpRegister {
        /// f2–f31 disabled.
        low: bool,
        /// f32–f127 disabled.
        high: bool,
    },
    /// A data reference failed in the memory system (translation, rights, alignment,
    /// unimplemented address).
    Data {
        /// The memory fault.
        fault: MemFault,
        /// Kind of reference.
        kind: RefKind,
        /// Speculative load (ISR.sp) — only when the fault is not deferred.
        speculative: bool,
    },
    /// An instruction fetch failed.
    Fetch(MemFault),
    /// An RSE spill or fill failed (ISR.rs = 1; ISR.ir for the current frame's fills).
    Rse {
        /// The memory fault.
        fault: MemFault,
        /// The fault came while loading the current frame (ISR.ir).
        incomplete_frame: bool,
    },
    /// Floating-point Exception fault (an enabled v, d or z, or a Software Assist request):
    /// nothing of the instruction is written, FPSR flags included (SDM Vol. 1 §5.4.1.2).
    FpFault {
        /// ISR.code (SDM Vol. 3 §3.3 `fp_decode_fault`): one of v (bit 0), d (1), z (2),
        /// swa (3); a parallel operation's high single in bits 3:0, its low single in 7:4.
        code: u16,
    },
    /// Floating-point Exception trap (an enabled o, u or i), taken after the result and the
    /// FPSR flags are written (SDM Vol. 1 §5.4.1.3).
    FpTrap {
        /// ISR.code (SDM Vol. 3 §3.3 `fp_decode_trap`): bit 0 = the FP trap code; o (11),
        /// u (12), i (13), fpa (14) of a scalar operation or a parallel operation's high
        /// single; the low single's o, u, i, fpa in bits 7..10.
        code: u16,
    },
    /// Unimplemented Instruction Address trap: a branch to an unimplemented address.
    UnimplementedInstructionAddress {
        /// The branch target.
        target: u64,
    },
    /// Lower-Privilege Transfer trap (PSR.lp set and a branch lowered the privilege).
    LowerPrivilegeTransfer,
    /// Taken Branch trap (PSR.tb). `ss`: PSR.ss was set too, so the branch also raised a
    /// Single Step trap; the Taken Branch vector is the one taken (it has the higher priority,
    /// SDM Vol. 2 Part I Table 5-6) and reports both in ISR.code (its vector page: tb and ss
    /// bits; the Single Step vector has no tb bit).
    TakenBranch {
        /// A concurrent Single Step trap.
        ss: bool,
    },
    /// Single Step trap (PSR.ss).
    SingleStep,
    /// An external interrupt (the interval timer, an IPI) taken between instructions: like a
    /// trap, IIP/IPSR.ri name the next instruction (SDM Vol. 2 Part I §5.8.3).
    ExternalInterrupt {
        /// The interrupt vector (what CR.IVR would return).
        vector: u8,
    },
    /// Not an architectural fault: the emulator does not implement this instruction yet.
    /// The run loop turns it into a host-side error, never into a guest interruption.
    Unimplemented(&'static str),
}

/// What delivering a fault writes (SDM Vol. 2 Part I §5.5).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct FaultInfo {
    /// IVT offset.
    pub vector: u16,
    /// ISR without ei/ni (the delivery adds them).
    pub isr: u64,
    /// CR.IFA, when the fault writes it.
    pub ifa: Option<u64>,
    /// CR.IIM, when the fault writes it.
    pub iim: Option<u64>,
    /// A trap: IIP/IPSR.ri name the *next* instruction.
    pub trap: bool,
}

impl From<RseFault> for Fault {
    fn from(f: RseFault) -> Self {
        match f {
            RseFault::IllegalOperation(_) => Fault::IllegalOperation,
            RseFault::ReservedRegisterField => Fault::ReservedRegisterField,
            RseFault::RegisterNatConsumption => Fault::RegisterNatConsumption,
            RseFault::Memory {
                fault,
                incomplete_frame,
                ..
            } => Fault::Rse {
                fault,
                incomplete_frame,
            },
        }
    }
}

fn ref_bits(kind: RefKind) -> u64 {
    match kind {
        RefKind::Read => isr::R,
        RefKind::Write => isr::W,
        RefKind::ReadWrite => isr::R | isr::W,
        RefKind::NonAccess => isr::NA,
    }
}

/// Vector and ISR code of a memory-system fault.
fn mem_vector(fault: &MemFault, fetch: bool) -> (u16, u64) {
    match fault.kind {
        MemFaultKind::NotPresent => (vector::PAGE_NOT_PRESENT, 0),
        MemFaultKind::Protection if fetch => (vector::INSTRUCTION_ACCESS_RIGHTS, 0),
        MemFaultKind::Protection => (vector::DATA_ACCESS_RIGHTS, 0),
        MemFaultKind::Unaligned => (vector::UNALIGNED_REFERENCE, 0),
        // Unimplemented Data Address fault: General Exception vector (SDM Vol. 2 Part I
        // §5.6 lists it with the General Exception faults).
        MemFaultKind::Unimplemented => (vector::GENERAL_EXCEPTION, 0),
        MemFaultKind::NatPage => (vector::NAT_CONSUMPTION, isr::NAT_PAGE),
    }
}

impl Fault {
    /// A data fault from a memory-system failure.
    pub fn data(fault: MemFault, kind: RefKind) -> Self {
        if fault.kind == MemFaultKind::NatPage {
            return Fault::NatPage {
                addr: fault.addr,
                kind,
            };
        }
        Fault::Data {
            fault,
            kind,
            speculative: false,
        }
    }

    /// What delivery records for this fault.
    pub fn info(&self) -> FaultInfo {
        let f = |vector, isr| FaultInfo {
            vector,
            isr,
            ifa: None,
            iim: None,
            trap: false,
        };
        match *self {
            Fault::IllegalOperation => f(vector::GENERAL_EXCEPTION, isr::GE_ILLEGAL_OPERATION),
            Fault::PrivilegedOperation => {
                f(vector::GENERAL_EXCEPTION, isr::GE_PRIVILEGED_OPERATION)
            }
            Fault::PrivilegedRegister => f(vector::GENERAL_EXCEPTION, isr::GE_PRIVILEGED_REGISTER),
            Fault::ReservedRegisterField => {
                f(vector::GENERAL_EXCEPTION, isr::GE_RESERVED_REGISTER_FIELD)
            }
            Fault::DisabledIsaTransition => f(vector::GENERAL_EXCEPTION, isr::GE_DISABLED_ISA),
            Fault::Unimplemented(_) => f(vector::GENERAL_EXCEPTION, isr::GE_ILLEGAL_OPERATION),
            Fault::Break { imm } => FaultInfo {
                iim: Some(imm),
                ..f(vector::BREAK, 0)
            },
            Fault::RegisterNatConsumption => f(vector::NAT_CONSUMPTION, isr::NAT_REGISTER),
            Fault::NatAddress { kind } => {
                f(vector::NAT_CONSUMPTION, isr::NAT_REGISTER | ref_bits(kind))
            }
            Fault::NatPage { addr, kind } => FaultInfo {
                ifa: Some(addr),
                ..f(vector::NAT_CONSUMPTION, isr::NAT_PAGE | ref_bits(kind))
            },
            Fault::DisabledFpRegister { low, high } => f(
                vector::DISABLED_FP_REGISTER,
                u64::from(low) | (u64::from(high) << 1),
            ),
            Fault::Data {
                fault,
                kind,
                speculative,
            } => {
                let (v, code) = mem_vector(&fault, false);
                let sp = if speculative { isr::SP } else { 0 };
                FaultInfo {
                    ifa: Some(fault.addr),
                    ..f(v, code | ref_bits(kind) | sp)
                }
            }
            Fault::Fetch(fault) => {
                let (v, code) = mem_vector(&fault, true);
                FaultInfo {
                    ifa: Some(fault.addr),
                    ..f(v, code | isr::X)
                }
            }
            Fault::Rse {
                fault,
                incomplete_frame,
            } => {
                let (v, code) = mem_vector(&fault, false);
                let rw = if fault.access.kind == AccessKind::RseSpill {
                    isr::W
                } else {
                    isr::R
                };
                let ir = if incomplete_frame { isr::IR } else { 0 };
                FaultInfo {
                    ifa: Some(fault.addr),
                    ..f(v, code | rw | isr::RS | ir)
                }
            }
            Fault::FpFault { code } => f(vector::FP_FAULT, u64::from(code)),
            Fault::FpTrap { code } => FaultInfo {
                trap: true,
                ..f(vector::FP_TRAP, u64::from(code))
            },
            // Traps put their bit of the trap code in ISR.code (SDM Vol. 2 Part I, the
            // Lower-Privilege Transfer, Taken Branch and Single Step trap vector pages: fp 0,
            // lp 1, tb 2, ss 3, ui 4).
            Fault::UnimplementedInstructionAddress { target } => FaultInfo {
                trap: true,
                ifa: Some(target),
                ..f(vector::LOWER_PRIVILEGE_TRANSFER, trap_code::UI)
            },
            Fault::LowerPrivilegeTransfer => FaultInfo {
                trap: true,
                ..f(vector::LOWER_PRIVILEGE_TRANSFER, trap_code::LP)
            },
            Fault::TakenBranch { ss } => FaultInfo {
                trap: true,
                ..f(
                    vector::TAKEN_BRANCH,
                    trap_code::TB | if ss { trap_code::SS } else { 0 },
                )
            },
            Fault::SingleStep => FaultInfo {
                trap: true,
                ..f(vector::SINGLE_STEP, trap_code::SS)
            },
            Fault::ExternalInterrupt { .. } => FaultInfo {
                trap: true,
                ..f(vector::EXTERNAL_INTERRUPT, 0)
            },
        }
    }

    /// A short human-readable name (used in error lines and traces).
    pub fn name(&self) -> &'static str {
        match self {
            Fault::IllegalOperation => "Illegal Operation fault",
            Fault::PrivilegedOperation => "Privileged Operation fault",
            Fault::PrivilegedRegister => "Privileged Register fault",
            Fault::ReservedRegisterField => "Reserved Register/Field fault",
            Fault::DisabledIsaTransition => "Disabled Instruction Set Transition fault",
            Fault::Break { .. } => "Break Instruction fault",
            Fault::RegisterNatConsumption | Fault::NatAddress { .. } => {
                "Register NaT Consumption fault"
            }
            Fault::NatPage { .. } => "NaT Page Consumption fault",
            Fault::DisabledFpRegister { .. } => "Disabled Floating-Point Register fault",
            Fault::Data { fault, .. } | Fault::Rse { fault, .. } => match fault.kind {
                MemFaultKind::NotPresent => "Data Page Not Present fault",
                MemFaultKind::Protection => "Data Access Rights fault",
                MemFaultKind::Unaligned => "Unaligned Data Reference fault",
                MemFaultKind::Unimplemented => "Unimplemented Data Address fault",
                MemFaultKind::NatPage => "NaT Page Consumption fault",
            },
            Fault::Fetch(fault) => match fault.kind {
                MemFaultKind::Protection => "Instruction Access Rights fault",
                _ => "Instruction Page Not Present fault",
            },
            Fault::FpFault { .. } => "Floating-Point fault",
            Fault::FpTrap { .. } => "Floating-Point trap",
            Fault::UnimplementedInstructionAddress { .. } => {
                "Unimplemented Instruction Address trap"
            }
            Fault::LowerPrivilegeTransfer => "Lower-Privilege Transfer trap",
            Fault::TakenBranch { .. } => "Taken Branch trap",
            Fault::SingleStep => "Single Step trap",
            Fault::ExternalInterrupt { .. } => "External Interrupt",
            Fault::Unimplemented(_) => "unimplemented instruction",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mem::Access;

    #[test]
    fn break_records_iim_at_the_break_vector() {
        let i = Fault::Break { imm: 0x100000 }.info();
        assert_eq!(i.vector, vector::BREAK);
        assert_eq!(i.iim, Some(0x100000));
        assert!(!i.trap);
    }

    #[test]
    fn rse_fill_fault_sets_rs_ir_and_r() {
        let mf = MemFault {
            kind: MemFaultKind::NotPresent,
            addr: 0x1238,
            access: Access::rse_fill(3),
        };
        let i = Fault::Rse {
            fault: mf,
            incomplete_frame: true,
        }
        .info();
        assert_eq!(i.vector, vector::PAGE_NOT_PRESENT);
        assert_eq!(
            i.isr & (isr::RS | isr::IR | isr::R),
            isr::RS | isr::IR | isr::R
        );
        assert_eq!(i.ifa, Some(0x1238));
    }

    #[test]
    fn traps_are_marked() {
        assert!(Fault::SingleStep.info().trap);
        assert!(!Fault::IllegalOperation.info().trap);
    }
}
