//! Architectural state as plain data (SDM Vol. 1 §3.1 "Application Register State", Vol. 2 Part I
//! §3.3 "System State"), and the register-access rules every instruction class shares.
//!
//! | state | where |
//! |---|---|
//! | GR0–31 (current bank for 16–31) + NaT | [`State::gr`], [`State::nat`] |
//! | the inactive bank of GR16–31 | [`State::banked`], [`State::banked_nat`] |
//! | GR32–127 (stacked) + NaT, CFM, BSP, BSPSTORE, RNAT, RSC, PFS, IFS | [`State::rse`] |
//! | FR0–127 (82-bit) | [`State::fr`] |
//! | PR0–63 | [`State::pr`] (bit n = pn; rotation applied by the accessors) |
//! | BR0–7 | [`State::br`] |
//! | other ARs (k0–7, ccv, unat, fpsr, itc, lc, ec, ...) | [`State::ar`] |
//! | CRs | [`State::cr`] (IFS lives in the RSE) |
//! | PSR, IP, slot | [`State::psr`], [`State::ip`], [`State::slot`] |
//! | indirect files (cpuid, dbr, ibr, pkr, pmc, pmd, rr) | [`State::ind`] |
//! | ALAT | [`State::alat`] |
//!
//! Registers are addressed by the names the program uses; the accessors apply register
//! rotation (SDM Vol. 1 §4.5.1) and the stacked frame (SDM Vol. 2 Part I §6.1).

use crate::alat::{Alat, AlatReg};
use crate::fault::Fault;
use crate::rse::{Rse, RseConfigError, StackedReg};

/// Application register numbers (SDM Vol. 1 Table 3-3).
pub mod ar {
    /// Kernel registers k0–k7 are AR0–AR7.
    pub const K0: u8 = 0;
    /// Register stack configuration.
    pub const RSC: u8 = 16;
    /// Backing-store pointer (read-only).
    pub const BSP: u8 = 17;
    /// Backing-store pointer for memory stores.
    pub const BSPSTORE: u8 = 18;
    /// RSE NaT collection.
    pub const RNAT: u8 = 19;
    /// Floating-point control register (IA-32).
    pub const FCR: u8 = 21;
    /// IA-32 EFLAG.
    pub const EFLAG: u8 = 24;
    /// IA-32 CSD.
    pub const CSD: u8 = 25;
    /// IA-32 SSD.
    pub const SSD: u8 = 26;
    /// IA-32 CFLG.
    pub const CFLG: u8 = 27;
    /// IA-32 FSR.
    pub const FSR: u8 = 28;
    /// IA-32 FIR.
    pub const FIR: u8 = 29;
    /// IA-32 FDR.
    pub const FDR: u8 = 30;
    /// Compare and exchange value.
    pub const CCV: u8 = 32;
    /// User NaT collection.
    pub const UNAT: u8 = 36;
    /// Floating-point status.
    pub const FPSR: u8 = 40;
    /// Interval time counter.
    pub const ITC: u8 = 44;
    /// Resource utilization counter.
    pub const RUC: u8 = 45;
    /// Previous function state.
    pub const PFS: u8 = 64;
    /// Loop count.
    pub const LC: u8 = 65;
    /// Epilog count.
    pub const EC: u8 = 66;
}

/// Control register numbers (SDM Vol. 2 Part I Table 3-3).
pub mod cr {
    /// Default control register.
    pub const DCR: u8 = 0;
    /// Interval timer match.
    pub const ITM: u8 = 1;
    /// Interruption vector address.
    pub const IVA: u8 = 2;
    /// Page table address.
    pub const PTA: u8 = 8;
    /// Interruption processor status register.
    pub const IPSR: u8 = 16;
    /// Interruption status register.
    pub const ISR: u8 = 17;
    /// Interruption instruction bundle pointer.
    pub const IIP: u8 = 19;
    /// Interruption faulting address.
    pub const IFA: u8 = 20;
    /// Interruption TLB insertion register.
    pub const ITIR: u8 = 21;
    /// Interruption instruction previous address.
    pub const IIPA: u8 = 22;
    /// Interruption function state (held by the RSE).
    pub const IFS: u8 = 23;
    /// Interruption immediate.
    pub const IIM: u8 = 24;
    /// Interruption hash address.
    pub const IHA: u8 = 25;
    /// Local interrupt ID.
    pub const LID: u8 = 64;
    /// External interrupt vector (read-only).
    pub const IVR: u8 = 65;
    /// Task priority.
    pub const TPR: u8 = 66;
    /// End of external interrupt.
    pub const EOI: u8 = 67;
    /// External interrupt request registers 0–3 (read-only).
    pub const IRR0: u8 = 68;
    /// Interval timer vector.
    pub const ITV: u8 = 72;
    /// Performance monitoring vector.
    pub const PMV: u8 = 73;
    /// Corrected machine check vector 0.
    pub const CMCV: u8 = 74;
    /// Local redirection register 0.
    pub const LRR0: u8 = 80;
    /// Local redirection register 1.
    pub const LRR1: u8 = 81;
}

/// PSR bit positions (SDM Vol. 2 Part I §3.3.2, Table 3-2).
pub mod psr {
    /// Big-endian data accesses.
    pub const BE: u32 = 1;
    /// User performance monitor enable.
    pub const UP: u32 = 2;
    /// Alignment check.
    pub const AC: u32 = 3;
    /// Lower (f2–f31) floating-point registers written.
    pub const MFL: u32 = 4;
    /// Upper (f32–f127) floating-point registers written.
    pub const MFH: u32 = 5;
    /// Interruption collection.
    pub const IC: u32 = 13;
    /// Interrupt enable.
    pub const I: u32 = 14;
    /// Protection key enable.
    pub const PK: u32 = 15;
    /// Data address translation.
    pub const DT: u32 = 17;
    /// Disabled lower floating-point register set.
    pub const DFL: u32 = 18;
    /// Disabled upper floating-point register set.
    pub const DFH: u32 = 19;
    /// Secure performance monitors.
    pub const SP: u32 = 20;
    /// Privileged performance monitor enable.
    pub const PP: u32 = 21;
    /// Disable instruction set transition.
    pub const DI: u32 = 22;
    /// Secure interval timer.
    pub const SI: u32 = 23;
    /// Debug breakpoint fault enable.
    pub const DB: u32 = 24;
    /// Lower-privilege transfer trap.
    pub const LP: u32 = 25;
    /// Taken-branch trap.
    pub const TB: u32 = 26;
    /// Register stack translation.
    pub const RT: u32 = 27;
    /// Current privilege level (2 bits).
    pub const CPL: u32 = 32;
    /// Instruction set (IA-32).
    pub const IS: u32 = 34;
    /// Machine check abort mask.
    pub const MC: u32 = 35;
    /// Instruction address translation.
    pub const IT: u32 = 36;
    /// Instruction debug fault disable.
    pub const ID: u32 = 37;
    /// Data debug fault disable.
    pub const DA: u32 = 38;
    /// Data debug fault disable.
    pub const DD: u32 = 39;
    /// Single-step enable.
    pub const SS: u32 = 40;
    /// Restart instruction (slot, 2 bits).
    pub const RI: u32 = 41;
    /// Exception deferral.
    pub const ED: u32 = 43;
    /// Register bank.
    pub const BN: u32 = 44;
    /// Disable instruction access-bit faults.
    pub const IA: u32 = 45;
    /// Processor virtualization.
    pub const VM: u32 = 46;
    /// Bits a user-level `mov psr.um` / `sum` / `rum` may touch (PSR{5:0}).
    pub const UM_MASK: u64 = 0x3f;
    /// Reserved PSR bits (must be written as zero).
    pub const RESERVED: u64 = 1 | 0x1fc0 | (1 << 16) | (0xf << 28) | (!0u64 << 47);
}

/// One 82-bit floating-point register (SDM Vol. 1 §5.1.1 "Floating-point register format"):
/// sign, 17-bit biased exponent, 64-bit significand with explicit integer bit.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Fr {
    /// Sign bit.
    pub sign: bool,
    /// 17-bit biased exponent (bias 0xffff).
    pub exp: u32,
    /// 64-bit significand (bit 63 is the explicit integer bit).
    pub significand: u64,
}

impl Fr {
    /// +0.0 (FR0).
    pub const ZERO: Fr = Fr {
        sign: false,
        exp: 0,
        significand: 0,
    };
    /// +1.0 (FR1): exponent 0xffff, significand 1.0.
    pub const ONE: Fr = Fr {
        sign: false,
        exp: 0xffff,
        significand: 1 << 63,
    };
    /// NaTVal: sign 0, exponent 0x1fffe, significand 0 (SDM Vol. 1 §5.1.2).
    pub const NATVAL: Fr = Fr {
        sign: false,
        exp: 0x1fffe,
        significand: 0,
    };
    /// Exponent of the integer format (`setf.sig`, `ldf8`): 0x1003e (SDM Vol. 1 §5.1.3).
    pub const INT_EXP: u32 = 0x1003e;

    /// True for NaTVal.
    pub fn is_natval(self) -> bool {
        self == Self::NATVAL
    }

    /// The integer (significand) form of a 64-bit value, as `setf.sig` makes it.
    pub fn from_sig(v: u64) -> Fr {
        Fr {
            sign: false,
            exp: Self::INT_EXP,
            significand: v,
        }
    }
}

/// The indirect register files (SDM Vol. 2 Part I §3.3.6–§3.3.8, Vol. 1 §3.1.11): sizes are
/// this implementation's choice; an index beyond them raises Reserved Register/Field.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IndirectRegs {
    /// Processor identification registers (read-only).
    pub cpuid: [u64; 5],
    /// Data breakpoint registers.
    pub dbr: [u64; 8],
    /// Instruction breakpoint registers.
    pub ibr: [u64; 8],
    /// Protection key registers.
    pub pkr: [u64; 16],
    /// Performance monitor configuration registers.
    pub pmc: [u64; 32],
    /// Performance monitor data registers.
    pub pmd: [u64; 32],
    /// Region registers.
    pub rr: [u64; 8],
}

impl Default for IndirectRegs {
    fn default() -> Self {
        // CPUID[0..1]: vendor "ia64emu\0" then zeros; CPUID[3]: number = 4 (registers 0..4),
        // revision/model/family chosen to read as an Itanium 2 (family 0x1f).
        let vendor = u64::from_le_bytes(*b"ia64emu\0");
        Self {
            cpuid: [vendor, 0, 0, (0x1f << 24) | 4, 0],
            dbr: [0; 8],
            ibr: [0; 8],
            pkr: [0; 16],
            pmc: [0; 32],
            pmd: [0; 32],
            rr: [0; 8],
        }
    }
}

/// The whole architectural state of one processor.
#[derive(Clone, Debug, PartialEq)]
pub struct State {
    /// GR0–GR31 (GR16–31 of the bank selected by PSR.bn).
    pub gr: [u64; 32],
    /// NaT bits of GR0–GR31 (bit n = GRn).
    pub nat: u32,
    /// The inactive bank of GR16–GR31 (index 0 = GR16).
    pub banked: [u64; 16],
    /// NaT bits of the inactive bank.
    pub banked_nat: u16,
    /// The stacked registers and the RSE (CFM, BSP, BSPSTORE, RNAT, RSC, PFS, IFS).
    pub rse: Rse,
    /// FR0–FR127 by physical number (rotation applied by the accessors).
    pub fr: [Fr; 128],
    /// PR0–PR63 by physical number (bit n; bit 0 always 1).
    pub pr: u64,
    /// BR0–BR7.
    pub br: [u64; 8],
    /// Application registers except the RSE ones (RSC, BSP, BSPSTORE, RNAT, PFS live in
    /// [`State::rse`]) and ITC (see [`State::itc`]).
    pub ar: [u64; 128],
    /// Control registers except IFS (in [`State::rse`]).
    pub cr: [u64; 128],
    /// Processor status register.
    pub psr: u64,
    /// Address of the current bundle.
    pub ip: u64,
    /// Slot (0..=2) of the next instruction to execute in the current bundle.
    pub slot: u8,
    /// Indirect register files.
    pub ind: IndirectRegs,
    /// Advanced load address table.
    pub alat: Alat,
    /// Instructions retired (every slot issued, including predicated-off ones; an L+X pair is
    /// one). AR.ITC reads `itc_offset + retired` (the interval timer counts instructions,
    /// so runs are deterministic).
    pub retired: u64,
    /// Offset making AR.ITC writable.
    pub itc_offset: u64,
    /// What the run loop records about completed instructions for the next interruption.
    pub completed: Completed,
}

/// The run loop's record of completed instructions, from which
/// [`crate::interrupt::deliver`] loads IIPA and a trap's ISR.ei. Not architectural state: the
/// processor keeps it implicitly (SDM Vol. 2 Part I §3.3.5.6 "Interruption Instruction
/// Previous Address", §3.3.5.3 ISR.ei).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Completed {
    /// The bundle of the last instruction that completed (retired, predicated off or not).
    /// IIPA receives it: for a trap that is the trapping instruction's bundle, for a fault or
    /// an external interrupt the last successfully executed bundle (§3.3.5.6).
    pub bundle: u64,
    /// The slot of the instruction whose trap the run loop reported last: ISR.ei of that
    /// trap (§3.3.5.3: for traps ei names the trapping instruction, while IIP and IPSR.ri
    /// name the next one). Written only when a trap is reported.
    pub trap_slot: u8,
}

/// Result of reading a general register.
pub type GrValue = (u64, bool);

impl State {
    /// Reset state with an `n_phys`-register stacked file (SDM Vol. 2 Part I §3.4 "Processor
    /// Reset": PSR = 0 except bits the firmware sets; FR1 = 1.0, PR0 = 1; everything else 0).
    pub fn new(n_phys: usize) -> Result<Self, RseConfigError> {
        let mut fr = [Fr::ZERO; 128];
        fr[1] = Fr::ONE;
        Ok(Self {
            gr: [0; 32],
            nat: 0,
            banked: [0; 16],
            banked_nat: 0,
            rse: Rse::new(n_phys)?,
            fr,
            pr: 1,
            br: [0; 8],
            ar: [0; 128],
            cr: [0; 128],
            psr: 0,
            ip: 0,
            slot: 0,
            ind: IndirectRegs::default(),
            alat: Alat::default(),
            retired: 0,
            itc_offset: 0,
            completed: Completed::default(),
        })
    }

    // ---------------------------------------------------------------------------------------
    // PSR helpers
    // ---------------------------------------------------------------------------------------

    /// PSR bit `b`.
    #[inline(always)]
    pub fn psr_bit(&self, b: u32) -> bool {
        (self.psr >> b) & 1 != 0
    }

    /// Set PSR bit `b` to `v`.
    #[inline]
    pub fn set_psr_bit(&mut self, b: u32, v: bool) {
        self.psr = (self.psr & !(1 << b)) | (u64::from(v) << b);
    }

    /// Current privilege level (PSR.cpl).
    #[inline(always)]
    pub fn cpl(&self) -> u8 {
        ((self.psr >> psr::CPL) & 3) as u8
    }

    /// Set PSR.cpl.
    pub fn set_cpl(&mut self, pl: u8) {
        self.psr = (self.psr & !(3 << psr::CPL)) | (u64::from(pl & 3) << psr::CPL);
    }

    /// Privileged operations need cpl 0 (SDM Vol. 2 Part I §3.3.2 "Privilege levels").
    #[inline]
    pub fn require_pl0(&self) -> Result<(), Fault> {
        if self.cpl() == 0 {
            Ok(())
        } else {
            Err(Fault::PrivilegedOperation)
        }
    }

    /// Write the whole PSR, swapping register banks if PSR.bn changes.
    pub fn write_psr(&mut self, v: u64) {
        let old_bn = self.psr_bit(psr::BN);
        self.psr = v;
        if self.psr_bit(psr::BN) != old_bn {
            self.swap_banks();
        }
    }

    /// Exchange the active and inactive GR16–31 banks (`bsw`, interruptions, `rfi`).
    pub fn swap_banks(&mut self) {
        for i in 0..16 {
            std::mem::swap(&mut self.gr[16 + i], &mut self.banked[i]);
        }
        let active = ((self.nat >> 16) & 0xffff) as u16;
        self.nat = (self.nat & 0xffff) | (u32::from(self.banked_nat) << 16);
        self.banked_nat = active;
    }

    // ---------------------------------------------------------------------------------------
    // General registers
    // ---------------------------------------------------------------------------------------

    /// Read GR `r` (value, NaT) as the program names it. r0 reads 0; an out-of-frame stacked
    /// register reads as the undefined value, defined here as 0 with NaT clear.
    #[inline(always)]
    pub fn read_gr(&self, r: u8) -> GrValue {
        if r < 32 {
            (self.gr[usize::from(r)], (self.nat >> r) & 1 != 0)
        } else {
            let StackedReg { value, nat } = self.rse.read_gr_fast(r);
            (value, nat)
        }
    }

    /// Read GR `r`, raising Register NaT Consumption if its NaT bit is set (SDM Vol. 2 Part I
    /// §5.8 "NaT consumption"; non-speculative uses of a NaT source).
    #[inline(always)]
    pub fn read_gr_checked(&self, r: u8) -> Result<u64, Fault> {
        let (v, nat) = self.read_gr(r);
        if nat {
            Err(Fault::RegisterNatConsumption)
        } else {
            Ok(v)
        }
    }

    /// Check that GR `r` may be written: r0 and out-of-frame stacked registers raise Illegal
    /// Operation (SDM Vol. 3 §2.2 "Register File Transfers"; Vol. 2 Part I §6.1). Used by
    /// instructions to validate targets before committing anything.
    #[inline(always)]
    pub fn check_gr_target(&self, r: u8) -> Result<(), Fault> {
        if r == 0 || (r >= 32 && u32::from(r) >= 32 + u32::from(self.rse.cfm().sof)) {
            Err(Fault::IllegalOperation)
        } else {
            Ok(())
        }
    }

    /// Write GR `r` (value and NaT). Illegal Operation for r0 and out-of-frame registers.
    #[inline(always)]
    pub fn write_gr(&mut self, r: u8, value: u64, nat: bool) -> Result<(), Fault> {
        if r < 32 {
            if r == 0 {
                return Err(Fault::IllegalOperation);
            }
            self.gr[usize::from(r)] = value;
            self.nat = (self.nat & !(1 << r)) | (u32::from(nat) << r);
            Ok(())
        } else if self.rse.write_gr_fast(r, value, nat) {
            Ok(())
        } else {
            Err(Fault::IllegalOperation)
        }
    }

    // ---------------------------------------------------------------------------------------
    // Predicates (SDM Vol. 1 §3.1.2, rotation §4.5.1: p16–p63 rotate by CFM.rrb.pr)
    // ---------------------------------------------------------------------------------------

    /// Physical predicate number of program predicate `p`.
    #[inline(always)]
    fn pr_phys(&self, p: u8) -> u32 {
        let p = u32::from(p & 63);
        if p < 16 {
            p
        } else {
            let k = p - 16 + u32::from(self.rse.cfm().rrb_pr);
            16 + if k >= 48 { k - 48 } else { k }
        }
    }

    /// Read predicate `p`.
    #[inline(always)]
    pub fn read_pr(&self, p: u8) -> bool {
        if p == 0 {
            return true;
        }
        (self.pr >> self.pr_phys(p)) & 1 != 0
    }

    /// Write predicate `p` (writes to p0 are ignored, SDM Vol. 1 §3.1.2).
    #[inline(always)]
    pub fn write_pr(&mut self, p: u8, v: bool) {
        if p == 0 {
            return;
        }
        let b = self.pr_phys(p);
        self.pr = (self.pr & !(1 << b)) | (u64::from(v) << b);
    }

    /// All 64 predicates as the program names them (bit n = pn), as `mov r = pr` reads them.
    pub fn read_pr_all(&self) -> u64 {
        (0..64u8).fold(0, |acc, p| acc | (u64::from(self.read_pr(p)) << p))
    }

    /// `mov pr = r, mask17`-style write: predicates whose bit is set in `mask` take the bit of
    /// `value` (program names; p0 stays 1).
    pub fn write_pr_masked(&mut self, value: u64, mask: u64) {
        for p in 1..64u8 {
            if (mask >> p) & 1 != 0 {
                self.write_pr(p, (value >> p) & 1 != 0);
            }
        }
    }

    // ---------------------------------------------------------------------------------------
    // Floating-point registers (rotation: f32–f127 by CFM.rrb.fr)
    // ---------------------------------------------------------------------------------------

    /// Physical FR number of program FR `f`.
    #[inline(always)]
    pub fn fr_phys(&self, f: u8) -> usize {
        let f = usize::from(f & 127);
        if f < 32 {
            f
        } else {
            let k = f - 32 + usize::from(self.rse.cfm().rrb_fr);
            32 + if k >= 96 { k - 96 } else { k }
        }
    }

    /// ALAT tag of GR `r` (the ALAT is indexed by physical register, `alat.rs`): r0–r31 by
    /// number, stacked registers as 32 + physical index; `None` outside the current frame.
    #[inline]
    pub fn alat_gr(&self, r: u8) -> Option<AlatReg> {
        if r < 32 {
            Some(AlatReg::Gr(u32::from(r)))
        } else {
            self.rse.phys_index(r).map(|p| AlatReg::Gr(32 + p as u32))
        }
    }

    /// ALAT tag of FR `f`: its physical (rotated) number.
    #[inline]
    pub fn alat_fr(&self, f: u8) -> AlatReg {
        AlatReg::Fr(self.fr_phys(f) as u32)
    }

    /// Read FR `f`.
    #[inline(always)]
    pub fn read_fr(&self, f: u8) -> Fr {
        self.fr[self.fr_phys(f)]
    }

    /// Check a floating-point register access against PSR.dfl/dfh (Disabled FP Register fault,
    /// SDM Vol. 2 Part I §3.3.2) — f2–f31 need dfl clear, f32–f127 need dfh clear.
    pub fn check_fr_enabled(&self, f: u8) -> Result<(), Fault> {
        let (bit, low) = if f >= 32 {
            (psr::DFH, false)
        } else {
            (psr::DFL, true)
        };
        if f >= 2 && self.psr_bit(bit) {
            Err(Fault::DisabledFpRegister { low, high: !low })
        } else {
            Ok(())
        }
    }

    /// Check that FR `f` may be written (f0 and f1 are read-only: Illegal Operation).
    pub fn check_fr_target(&self, f: u8) -> Result<(), Fault> {
        if f < 2 {
            return Err(Fault::IllegalOperation);
        }
        self.check_fr_enabled(f)
    }

    /// Write FR `f`, setting PSR.mfl/mfh. The caller has checked [`State::check_fr_target`].
    #[inline]
    pub fn write_fr(&mut self, f: u8, v: Fr) {
        if f < 2 {
            return;
        }
        let p = self.fr_phys(f);
        self.fr[p] = v;
        let bit = if f >= 32 { psr::MFH } else { psr::MFL };
        self.psr |= 1 << bit;
    }

    // ---------------------------------------------------------------------------------------
    // Application registers
    // ---------------------------------------------------------------------------------------

    /// AR.ITC as software reads it.
    pub fn itc(&self) -> u64 {
        self.itc_offset.wrapping_add(self.retired)
    }

    /// AR.LC.
    #[inline(always)]
    pub fn lc(&self) -> u64 {
        self.ar[usize::from(ar::LC)]
    }

    /// AR.EC (6 bits).
    #[inline(always)]
    pub fn ec(&self) -> u8 {
        (self.ar[usize::from(ar::EC)] & 0x3f) as u8
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mem::SparseMemory;
    use crate::rse::AllocArgs;

    #[test]
    fn r0_reads_zero_and_rejects_writes() {
        let mut s = State::new(96).unwrap();
        assert_eq!(s.read_gr(0), (0, false));
        assert_eq!(s.write_gr(0, 5, false), Err(Fault::IllegalOperation));
        s.write_gr(5, 7, true).unwrap();
        assert_eq!(s.read_gr(5), (7, true));
        assert_eq!(s.read_gr_checked(5), Err(Fault::RegisterNatConsumption));
    }

    #[test]
    fn stacked_registers_follow_the_frame() {
        let mut s = State::new(96).unwrap();
        let mut m = SparseMemory::new();
        s.rse.mov_to_bspstore(0x1000, false).unwrap();
        s.rse
            .alloc(
                &mut m,
                AllocArgs {
                    sof: 4,
                    sol: 2,
                    sor: 0,
                },
                32,
            )
            .unwrap();
        s.write_gr(35, 9, false).unwrap();
        assert_eq!(s.read_gr(35), (9, false));
        assert_eq!(s.write_gr(36, 1, false), Err(Fault::IllegalOperation));
        assert_eq!(s.check_gr_target(36), Err(Fault::IllegalOperation));
        assert_eq!(s.read_gr(36), (0, false));
    }

    #[test]
    fn predicates_rotate_and_p0_is_true() {
        let mut s = State::new(96).unwrap();
        s.write_pr(0, false);
        assert!(s.read_pr(0));
        s.write_pr(16, true);
        s.rse.rotate_regs(); // rrb.pr = 47: p17 now names physical p16
        assert!(s.read_pr(17));
        assert!(!s.read_pr(16));
        assert_eq!(s.read_pr_all() & (1 << 17), 1 << 17);
    }

    #[test]
    fn bank_switch_swaps_gr16_to_31_with_nat() {
        let mut s = State::new(96).unwrap();
        s.write_gr(16, 1, true).unwrap();
        s.write_psr(1 << psr::BN);
        assert_eq!(s.read_gr(16), (0, false));
        s.write_gr(16, 2, false).unwrap();
        s.write_psr(0);
        assert_eq!(s.read_gr(16), (1, true));
        assert_eq!(s.banked[0], 2);
    }

    #[test]
    fn fr0_fr1_are_constants() {
        let mut s = State::new(96).unwrap();
        assert_eq!(s.read_fr(1), Fr::ONE);
        assert_eq!(s.check_fr_target(1), Err(Fault::IllegalOperation));
        s.write_fr(1, Fr::ZERO);
        assert_eq!(s.read_fr(1), Fr::ONE);
        s.write_fr(40, Fr::from_sig(3));
        assert!(s.psr_bit(psr::MFH));
    }
}
