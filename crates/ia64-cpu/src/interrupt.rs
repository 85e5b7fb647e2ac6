//! Interruption delivery and `rfi` (SDM Vol. 2 Part I §5.5 "IVA-based Interruption Handling",
//! Vol. 3 `rfi`; rse-spec.md §5).
//!
//! [`deliver`] performs what the hardware does when it takes a fault or trap: it records the
//! interrupted state in the interruption control registers (when PSR.ic = 1), writes ISR (always),
//! switches to bank 0 at privilege 0 with interruptions off, and sets IP to the IVT entry. CFM and
//! the RSE are untouched (the handler runs in the interrupted frame; it must `cover`).
//! [`rfi`] undoes it: PSR ← IPSR, IP ← IIP + IPSR.ri, and with IFS.v the frame comes back.

use crate::fault::{isr, Fault};
use crate::mem::Memory;
use crate::state::{cr, psr, State};

/// PSR bits cleared when an interruption is taken (SDM Vol. 2 Part I Table 3-2, "interruption"
/// column): ic, i, bn (bank 0), cpl (0), is, ss, tb, lp, db, ri, id, da, dd, ed, ia, mc is kept.
/// `be` and `pp` are loaded from DCR. Every other bit is unchanged (rse-spec.md §5.1 marks the
/// full table as medium confidence; this is the set Ski clears).
const CLEARED_ON_INTERRUPTION: u64 = (1 << psr::IC)
    | (1 << psr::I)
    | (1 << psr::BN)
    | (3 << psr::CPL)
    | (1 << psr::IS)
    | (1 << psr::SS)
    | (1 << psr::TB)
    | (1 << psr::LP)
    | (1 << psr::DB)
    | (3 << psr::RI)
    | (1 << psr::ID)
    | (1 << psr::DA)
    | (1 << psr::DD)
    | (1 << psr::ED)
    | (1 << psr::IA)
    | (1 << psr::BE)
    | (1 << psr::PP);

/// DCR bits copied into the new PSR: DCR.be (bit 1) → PSR.be, DCR.pp (bit 0) → PSR.pp.
fn dcr_bits(dcr: u64) -> u64 {
    (((dcr >> 1) & 1) << psr::BE) | ((dcr & 1) << psr::PP)
}

/// Deliver `fault` with IIP and IPSR.ri naming bundle `ip`, slot `slot`: the faulting
/// instruction for a fault, the next one for a trap (as [`crate::exec::Exit`] reports them),
/// the interrupted one for an external interrupt.
///
/// Writes IPSR, IIP, IIPA, IFS.v ← 0 (only when PSR.ic = 1), ISR (always; ni = 1 when PSR.ic
/// was 0), IFA and IIM when the fault defines them, then the new PSR, and sets IP to
/// `IVA + vector`. ISR.ei is `slot` for a fault or interrupt and the trapping instruction's
/// slot for a trap; IIPA is the bundle of the last instruction that completed, which for a
/// trap is the trapping one (SDM Vol. 2 Part I §3.3.5.3 ISR.ei, §3.3.5.6 IIPA; both come from
/// [`State::completed`], kept by the run loop).
pub fn deliver(st: &mut State, fault: &Fault, ip: u64, slot: u8) {
    let info = fault.info();
    let ic = st.psr_bit(psr::IC);
    let ei = if info.trap {
        st.completed.trap_slot
    } else {
        slot
    };
    let mut isr_v = info.isr | u64::from(ei & 3) << isr::EI_SHIFT;
    if ic {
        let ipsr = (st.psr & !(3 << psr::RI)) | (u64::from(slot & 3) << psr::RI);
        st.cr[usize::from(cr::IPSR)] = ipsr;
        st.cr[usize::from(cr::IIP)] = ip & !15;
        st.cr[usize::from(cr::IIPA)] = st.completed.bundle & !15;
        st.rse.interruption(true);
    } else {
        isr_v |= isr::NI;
    }
    st.cr[usize::from(cr::ISR)] = isr_v;
    if let Some(ifa) = info.ifa {
        st.cr[usize::from(cr::IFA)] = ifa;
    }
    if let Some(iim) = info.iim {
        st.cr[usize::from(cr::IIM)] = iim;
    }
    let dcr = st.cr[usize::from(cr::DCR)];
    let new_psr = (st.psr & !CLEARED_ON_INTERRUPTION) | dcr_bits(dcr);
    st.write_psr(new_psr);
    st.ip = (st.cr[usize::from(cr::IVA)] & !0x7fff).wrapping_add(u64::from(info.vector));
    st.slot = 0;
}

/// `rfi` (SDM Vol. 3 `rfi`; rse-spec.md §5.2): privileged; PSR ← IPSR (switching banks if
/// IPSR.bn differs), IP ← IIP, slot ← IPSR.ri, and the RSE restores the covered frame when
/// IFS.v is set. A return to slot 2 of an MLX bundle is caught when that bundle executes
/// (its slot 2 is the second half of the long instruction: Illegal Operation).
///
/// Compute, then commit: a fill fault of the frame restore leaves everything as it was.
pub fn rfi<M: Memory + ?Sized>(st: &mut State, mem: &mut M) -> Result<(), Fault> {
    st.require_pl0()?;
    st.rse.rfi_restore(mem)?;
    let ipsr = st.cr[usize::from(cr::IPSR)];
    let slot = ((ipsr >> psr::RI) & 3) as u8;
    st.write_psr(ipsr & !(3 << psr::RI));
    st.ip = st.cr[usize::from(cr::IIP)] & !15;
    st.slot = slot.min(2);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fault::vector;
    use crate::mem::SparseMemory;

    #[test]
    fn break_from_user_mode_and_back() {
        let mut st = State::new(96).unwrap();
        let mut mem = SparseMemory::new();
        st.cr[usize::from(cr::IVA)] = 0xa000_0000_0001_0000;
        st.psr = (1 << psr::IC) | (1 << psr::I) | (1 << psr::BN) | (3 << psr::CPL);
        st.swap_banks(); // state was built in bank 0; pretend bank 1 is active
        st.write_gr(16, 0x1616, false).unwrap();
        deliver(&mut st, &Fault::Break { imm: 0x100000 }, 0x4000_0010, 2);
        assert_eq!(st.ip, 0xa000_0000_0001_0000 + u64::from(vector::BREAK));
        assert_eq!(st.cpl(), 0);
        assert!(!st.psr_bit(psr::IC) && !st.psr_bit(psr::BN));
        assert_eq!(st.cr[usize::from(cr::IIM)], 0x100000);
        assert_eq!(st.cr[usize::from(cr::IIP)], 0x4000_0010);
        assert_eq!((st.cr[usize::from(cr::ISR)] >> isr::EI_SHIFT) & 3, 2);
        assert_ne!(st.read_gr(16).0, 0x1616, "bank 0 is active in the handler");
        rfi(&mut st, &mut mem).unwrap();
        assert_eq!(st.ip, 0x4000_0010);
        assert_eq!(st.slot, 2);
        assert_eq!(st.cpl(), 3);
        assert_eq!(st.read_gr(16).0, 0x1616);
    }

    #[test]
    fn nested_interruption_keeps_iip_and_sets_ni() {
        let mut st = State::new(96).unwrap();
        st.cr[usize::from(cr::IIP)] = 0x0001_2340;
        deliver(&mut st, &Fault::IllegalOperation, 0x5000, 1);
        assert_eq!(st.cr[usize::from(cr::IIP)], 0x0001_2340);
        assert_ne!(st.cr[usize::from(cr::ISR)] & isr::NI, 0);
    }

    #[test]
    fn rfi_needs_privilege() {
        let mut st = State::new(96).unwrap();
        let mut mem = SparseMemory::new();
        st.set_cpl(3);
        assert_eq!(rfi(&mut st, &mut mem), Err(Fault::PrivilegedOperation));
    }
}
