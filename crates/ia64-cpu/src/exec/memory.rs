//! M-unit memory instructions (major opcodes 4–7; SDM Vol. 3 §4.4 M1–M19 and the `ld`, `ld16`,
//! `st`, `st16`, `cmpxchg`, `cmp8xchg16`, `xchg`, `fetchadd`, `getf`, `setf`, `ldf`, `ldfp`,
//! `stf`, `lfetch` pages).
//!
//! This module owns every data access an instruction makes, and with it:
//!
//! * **Faults.** Memory goes through [`Memory`] with `Access::data(PSR.cpl)`; a [`MemFault`]
//!   becomes [`Fault::data`] with the reference kind (read, write, or read-write for the
//!   semaphores). A NaT base register raises Register NaT Consumption with ISR.r/w
//!   ([`Fault::NatAddress`]); so does a non-spill store of a NaT GR or a NaTVal FR: the SDM
//!   pseudo-code raises `register_nat_consumption_fault(WRITE)` for both, so the ISR carries
//!   ISR.w in both cases. Alignment is left to the memory (it returns `Unaligned`), except for
//!   what the memory cannot see: the 16-byte container of the 10- and 16-byte accesses
//!   (`ldfe`/`stfe`, `ldf.fill`/`stf.spill`, `ld16`/`st16`, `ldfpd`/`ldfp8`), and the
//!   semaphores, which must be naturally aligned whatever PSR.ac says (SDM Vol. 1 §4.4.7).
//! * **Compute, then commit.** Targets, NaTs and the access itself are checked first; state
//!   (target register, ALAT, AR.UNAT, the base register's post-increment) is written only once
//!   the access succeeded. Stores of 10/16 bytes are two memory writes inside one 16-byte
//!   aligned block, hence one page: if the first succeeds the second cannot fault on
//!   translation or rights.
//! * **Control speculation** (SDM Vol. 1 §4.4.4, Vol. 2 Part I §5.5.5 "Deferral of Speculative
//!   Load Faults"): `ld.s`/`ld.sa`/`ldf.s`/`ldfp.s` defer *every* fault of the access (as an OS
//!   that sets up "always defer" would have the hardware do), and also defer when the base
//!   register is NaT or PSR.ed is set: the target gets NaT (GR: value 0, NaT 1; FR: NaTVal).
//! * **Data speculation and the ALAT** (SDM Vol. 1 §4.4.5): `.a`/`.sa` allocate an entry for
//!   the target's *physical* register ([`AlatReg`]: static GRs by number, stacked GRs as
//!   32 + physical index, FRs by physical number after rotation); `.c.nc` reloads only on a
//!   miss (and then allocates), `.c.clr` reloads on a miss and removes the entry either way;
//!   every store and semaphore removes the entries it overlaps. Entries hold virtual
//!   addresses (the CPU does not see physical ones), so aliases through different virtual
//!   mappings are not detected; the architecture allows an ALAT to miss, not to hit wrongly,
//!   and such aliasing is outside what the guest kernel does.
//! * **Spill/fill**: `st8.spill` stores the value whatever its NaT and copies the NaT into
//!   AR.UNAT bit (address{8:3}); `ld8.fill` restores it from there.
//! * **Byte order**: PSR.be swaps the bytes of every element (the 16-byte and pair forms put
//!   the element at the lower address in r1 / f1 in both byte orders).
//! * `lfetch` has no architectural effect except its base update; only `lfetch.fault` can
//!   fault: on a NaT base, and on the translation, which is asked of the memory through
//!   [`TranslationOp::Tpa`] (side-effect free; access rights are not checked). `lfetch.count`
//!   does nothing.
//!
//! `ld.bias`, `.acq`, `.rel` and the locality hints only order or hint accesses; this
//! processor executes in program order, so they behave as the plain forms.

use ia64_isa::unit_m_mem::{
    FpSize, FpXfer, LdKind, LdfKind, MemInsn, MemSize, PairSize, Post, StKind,
};

use super::SlotCtx;
use crate::alat::AlatReg;
use crate::fault::{Fault, RefKind};
use crate::fr_format as fmt;
use crate::mem::{Access, MemFault, MemFaultKind, Memory, Size, TranslationOp};
use crate::state::{ar, psr, Fr, State};

/// Execute an M-unit memory instruction whose qualifying predicate is true.
#[inline(never)]
pub fn exec<M: Memory + ?Sized>(
    st: &mut State,
    mem: &mut M,
    insn: &MemInsn,
    ctx: SlotCtx,
) -> Result<(), Fault> {
    let _ = ctx;
    match *insn {
        MemInsn::Ld {
            size,
            kind,
            r1,
            r3,
            post,
            ..
        } => ld(st, mem, size, kind, r1, r3, post),
        MemInsn::Ld16 { r1, r3, .. } => ld16(st, mem, r1, r3),
        MemInsn::St {
            size,
            kind,
            r2,
            r3,
            post,
            ..
        } => store(st, mem, size, kind, r2, r3, post),
        MemInsn::St16 { r2, r3, .. } => st16(st, mem, r2, r3),
        MemInsn::Cmpxchg {
            size, r1, r2, r3, ..
        } => cmpxchg(st, mem, size, r1, r2, r3),
        MemInsn::Cmp8xchg16 { r1, r2, r3, .. } => cmp8xchg16(st, mem, r1, r2, r3),
        MemInsn::Xchg {
            size, r1, r2, r3, ..
        } => xchg(st, mem, size, r1, r2, r3),
        MemInsn::Fetchadd {
            size, r1, r3, inc, ..
        } => fetchadd(st, mem, size, r1, r3, inc),
        MemInsn::Getf { kind, r1, f2 } => getf(st, kind, r1, f2),
        MemInsn::Setf { kind, f1, r2 } => setf(st, kind, f1, r2),
        MemInsn::Ldf {
            size,
            kind,
            f1,
            r3,
            post,
            ..
        } => ldf(st, mem, size, kind, f1, r3, post),
        MemInsn::Stf {
            size,
            spill,
            f2,
            r3,
            post,
            ..
        } => stf(st, mem, size, spill, f2, r3, post),
        MemInsn::Ldfp {
            size,
            kind,
            f1,
            f2,
            r3,
            post,
            ..
        } => ldfp(st, mem, size, kind, f1, f2, r3, post),
        MemInsn::Lfetch {
            fault, r3, post, ..
        } => lfetch(st, mem, fault, r3, post),
        // Itanium 9500 counted prefetch: a hint only, no base update, no fault.
        MemInsn::LfetchCount { .. } => Ok(()),
    }
}

// -------------------------------------------------------------------------------------------
// Memory helpers: data byte order (PSR.be), widths the memory interface does not have
// -------------------------------------------------------------------------------------------

#[inline(always)]
fn access(st: &State) -> Access {
    Access::data(st.cpl())
}

#[inline(always)]
fn big_endian(st: &State) -> bool {
    st.psr_bit(psr::BE)
}

#[inline(always)]
fn host_size(size: MemSize) -> Size {
    match size {
        MemSize::B1 => Size::B1,
        MemSize::B2 => Size::B2,
        MemSize::B4 => Size::B4,
        MemSize::B8 => Size::B8,
    }
}

/// Reverse the low `n` (1..=8) bytes of `v`.
#[inline(always)]
fn swap(v: u64, n: u8) -> u64 {
    v.swap_bytes() >> (64 - 8 * u32::from(n))
}

/// Reverse the low `n` (1..=16) bytes of `v`.
#[inline(always)]
fn swap128(v: u128, n: u32) -> u128 {
    v.swap_bytes() >> (128 - 8 * n)
}

/// Read `size` bytes in the data byte order (SDM Vol. 1 §4.4.6 "Memory Access Ordering" /
/// PSR.be: big-endian accesses reverse the bytes of the element).
#[inline(always)]
fn read_int<M: Memory + ?Sized>(
    st: &State,
    mem: &mut M,
    addr: u64,
    size: MemSize,
) -> Result<u64, MemFault> {
    let v = mem.read(addr, host_size(size), access(st))?;
    Ok(if big_endian(st) {
        swap(v, size.bytes())
    } else {
        v
    })
}

/// Write the low `size` bytes of `v` in the data byte order.
#[inline(always)]
fn write_int<M: Memory + ?Sized>(
    st: &State,
    mem: &mut M,
    addr: u64,
    size: MemSize,
    v: u64,
) -> Result<(), MemFault> {
    let v = if big_endian(st) {
        swap(v, size.bytes())
    } else {
        v
    };
    mem.write(addr, host_size(size), v, access(st))
}

fn unaligned(st: &State, addr: u64) -> MemFault {
    MemFault {
        kind: MemFaultKind::Unaligned,
        addr,
        access: access(st),
    }
}

/// Read the raw byte image (little-endian integer) of `n` = 10 or 16 bytes at a 16-byte
/// aligned address (the natural alignment of 10- and 16-byte accesses, SDM Vol. 1 §4.5).
fn read_raw_wide<M: Memory + ?Sized>(
    st: &State,
    mem: &mut M,
    addr: u64,
    n: u32,
) -> Result<u128, MemFault> {
    if addr & 15 != 0 {
        return Err(unaligned(st, addr));
    }
    let a = access(st);
    let lo = mem.read(addr, Size::B8, a)?;
    let hi_size = if n == 16 { Size::B8 } else { Size::B2 };
    let hi = mem.read(addr.wrapping_add(8), hi_size, a)?;
    Ok(u128::from(lo) | (u128::from(hi) << 64))
}

/// Write the raw byte image of `n` = 10 or 16 bytes at a 16-byte aligned address.
fn write_raw_wide<M: Memory + ?Sized>(
    st: &State,
    mem: &mut M,
    addr: u64,
    n: u32,
    raw: u128,
) -> Result<(), MemFault> {
    if addr & 15 != 0 {
        return Err(unaligned(st, addr));
    }
    let a = access(st);
    mem.write(addr, Size::B8, raw as u64, a)?;
    let hi_size = if n == 16 { Size::B8 } else { Size::B2 };
    mem.write(addr.wrapping_add(8), hi_size, (raw >> 64) as u64, a)
}

/// One `n`-byte element (10 or 16 bytes) in the data byte order.
fn read_wide<M: Memory + ?Sized>(
    st: &State,
    mem: &mut M,
    addr: u64,
    n: u32,
) -> Result<u128, MemFault> {
    let raw = read_raw_wide(st, mem, addr, n)?;
    Ok(if big_endian(st) { swap128(raw, n) } else { raw })
}

fn write_wide<M: Memory + ?Sized>(
    st: &State,
    mem: &mut M,
    addr: u64,
    n: u32,
    v: u128,
) -> Result<(), MemFault> {
    let raw = if big_endian(st) { swap128(v, n) } else { v };
    write_raw_wide(st, mem, addr, n, raw)
}

/// Two 8-byte elements at a 16-byte aligned address, lower address first, each in the data
/// byte order (`ld16`, `ldfpd`, `ldfp8`).
fn read_pair8<M: Memory + ?Sized>(
    st: &State,
    mem: &mut M,
    addr: u64,
) -> Result<(u64, u64), MemFault> {
    let raw = read_raw_wide(st, mem, addr, 16)?;
    let (lo, hi) = (raw as u64, (raw >> 64) as u64);
    Ok(if big_endian(st) {
        (lo.swap_bytes(), hi.swap_bytes())
    } else {
        (lo, hi)
    })
}

fn write_pair8<M: Memory + ?Sized>(
    st: &State,
    mem: &mut M,
    addr: u64,
    lo: u64,
    hi: u64,
) -> Result<(), MemFault> {
    let (lo, hi) = if big_endian(st) {
        (lo.swap_bytes(), hi.swap_bytes())
    } else {
        (lo, hi)
    };
    write_raw_wide(st, mem, addr, 16, u128::from(lo) | (u128::from(hi) << 64))
}

/// The semaphores must be naturally aligned (Unaligned Data Reference otherwise, whatever
/// PSR.ac says: SDM Vol. 3 `cmpxchg`/`xchg`/`fetchadd`).
fn check_sem_aligned(st: &State, addr: u64, bytes: u8) -> Result<(), Fault> {
    if addr & (u64::from(bytes) - 1) != 0 {
        Err(Fault::data(unaligned(st, addr), RefKind::ReadWrite))
    } else {
        Ok(())
    }
}

// -------------------------------------------------------------------------------------------
// Register helpers
// -------------------------------------------------------------------------------------------

/// The ALAT tag of GR `r` ([`State::alat_gr`]; out-of-frame targets fault before this is used).
#[inline]
fn gr_tag(st: &State, r: u8) -> AlatReg {
    st.alat_gr(r).unwrap_or(AlatReg::Gr(32))
}

/// Physical FR number of FR `f` ([`State::fr_phys`]).
#[inline]
fn fr_phys(st: &State, f: u8) -> u32 {
    st.fr_phys(f) as u32
}

#[inline]
fn fr_tag(st: &State, f: u8) -> AlatReg {
    st.alat_fr(f)
}

/// The base register after the post-increment (SDM Vol. 3 `ld`: `GR[r3] = GR[r3] + imm`,
/// NaT unchanged; `GR[r3] = GR[r3] + GR[r2]`, NaT = NaT(r3) | NaT(r2)). Read before any write.
#[inline(always)]
fn post_update(st: &State, base: u64, base_nat: bool, post: Post) -> Option<(u64, bool)> {
    match post {
        Post::None => None,
        Post::Imm(i) => Some((base.wrapping_add(i64::from(i) as u64), base_nat)),
        Post::Reg(r2) => {
            let (v, nat) = st.read_gr(r2);
            Some((base.wrapping_add(v), base_nat | nat))
        }
    }
}

#[inline(always)]
fn commit_post(st: &mut State, r3: u8, upd: Option<(u64, bool)>) -> Result<(), Fault> {
    match upd {
        Some((v, nat)) => st.write_gr(r3, v, nat),
        None => Ok(()),
    }
}

/// AR.UNAT bit of an 8-byte spill/fill at `addr` (address bits 8:3).
#[inline]
fn unat_bit(addr: u64) -> u32 {
    ((addr >> 3) & 63) as u32
}

/// Disabled Floating-Point Register fault for any of `regs` (ISR.code bit 0: a disabled
/// f2–f31, bit 1: a disabled f32–f127; SDM Vol. 2 Part I §5.8).
fn check_frs_enabled(st: &State, regs: &[u8]) -> Result<(), Fault> {
    let dfl = st.psr_bit(psr::DFL);
    let dfh = st.psr_bit(psr::DFH);
    let low = dfl && regs.iter().any(|&f| (2..32).contains(&f));
    let high = dfh && regs.iter().any(|&f| f >= 32);
    if low || high {
        Err(Fault::DisabledFpRegister { low, high })
    } else {
        Ok(())
    }
}

// -------------------------------------------------------------------------------------------
// The load skeleton shared by ld, ldf and ldfp (SDM Vol. 3 `ld` / `ldf` / `ldfp` pseudo-code)
// -------------------------------------------------------------------------------------------

/// The speculation completers of a load.
#[derive(Clone, Copy, Default)]
struct LoadForm {
    /// `.s` / `.sa`.
    speculative: bool,
    /// `.a` / `.sa`.
    advanced: bool,
    /// `.c.nc` / `.c.clr` / `.c.clr.acq`.
    check: bool,
    /// `.c.clr` / `.c.clr.acq`.
    clear: bool,
}

impl LoadForm {
    const PLAIN: LoadForm = LoadForm {
        speculative: false,
        advanced: false,
        check: false,
        clear: false,
    };

    fn of_ld(kind: LdKind) -> Self {
        let f = Self::PLAIN;
        match kind {
            LdKind::S => LoadForm {
                speculative: true,
                ..f
            },
            LdKind::A => LoadForm {
                advanced: true,
                ..f
            },
            LdKind::Sa => LoadForm {
                speculative: true,
                advanced: true,
                ..f
            },
            LdKind::CNc => LoadForm { check: true, ..f },
            LdKind::CClr | LdKind::CClrAcq => LoadForm {
                check: true,
                clear: true,
                ..f
            },
            LdKind::Normal | LdKind::Bias | LdKind::Acq | LdKind::Fill => f,
        }
    }

    fn of_ldf(kind: LdfKind) -> Self {
        Self::of_ld(match kind {
            LdfKind::Normal | LdfKind::Fill => LdKind::Normal,
            LdfKind::S => LdKind::S,
            LdfKind::A => LdKind::A,
            LdfKind::Sa => LdKind::Sa,
            LdfKind::CClr => LdKind::CClr,
            LdfKind::CNc => LdKind::CNc,
        })
    }

    /// Touches the ALAT at all.
    #[inline(always)]
    fn uses_alat(self) -> bool {
        self.advanced || self.check
    }
}

/// What the access produced.
enum Loaded<T> {
    /// A check load found its ALAT entry: no access, the target keeps its value.
    Hit,
    /// A speculative load deferred: the target gets NaT / NaTVal.
    Deferred,
    /// The value read.
    Value(T),
}

/// The access part of a load: NaT-address check, ALAT check, deferral, the read.
#[inline(always)]
fn load_access<M: Memory + ?Sized, T>(
    st: &State,
    mem: &mut M,
    form: LoadForm,
    addr_nat: bool,
    tag: AlatReg,
    read: impl FnOnce(&State, &mut M) -> Result<T, MemFault>,
) -> Result<Loaded<T>, Fault> {
    if addr_nat && !form.speculative {
        return Err(Fault::NatAddress {
            kind: RefKind::Read,
        });
    }
    if form.check && st.alat.contains(tag) {
        return Ok(Loaded::Hit);
    }
    if form.speculative && (addr_nat || st.psr_bit(psr::ED)) {
        return Ok(Loaded::Deferred);
    }
    match read(st, mem) {
        Ok(v) => Ok(Loaded::Value(v)),
        // Every fault of a speculative load is deferred (module docs).
        Err(_) if form.speculative => Ok(Loaded::Deferred),
        Err(f) => Err(Fault::data(f, RefKind::Read)),
    }
}

/// The ALAT part of a load, after the target was written.
fn load_alat<T>(
    st: &mut State,
    form: LoadForm,
    tag: AlatReg,
    loaded: &Loaded<T>,
    addr: u64,
    n: u8,
) {
    if !form.uses_alat() {
        return;
    }
    match loaded {
        Loaded::Hit => {
            if form.clear {
                st.alat.remove(tag);
            }
        }
        Loaded::Deferred => st.alat.remove(tag),
        Loaded::Value(_) => {
            if form.clear {
                st.alat.remove(tag);
            } else {
                // `.a`, `.sa` and a missing `.c.nc` allocate (replacing any older entry).
                st.alat.insert(tag, addr, n);
            }
        }
    }
}

// -------------------------------------------------------------------------------------------
// Integer loads and stores
// -------------------------------------------------------------------------------------------

/// `ldSZ[.ldtype] r1 = [r3][, r2 | imm9]` (SDM Vol. 3 `ld`).
#[inline]
pub(crate) fn ld<M: Memory + ?Sized>(
    st: &mut State,
    mem: &mut M,
    size: MemSize,
    kind: LdKind,
    r1: u8,
    r3: u8,
    post: Post,
) -> Result<(), Fault> {
    let update = post != Post::None;
    // "For the base update forms, specifying the same register address in r1 and r3 will
    // cause an Illegal Operation fault."
    if update && r1 == r3 {
        return Err(Fault::IllegalOperation);
    }
    st.check_gr_target(r1)?;
    if update {
        st.check_gr_target(r3)?;
    }
    let (addr, addr_nat) = st.read_gr(r3);
    let upd = post_update(st, addr, addr_nat, post);
    let form = LoadForm::of_ld(kind);
    let tag = if form.uses_alat() {
        gr_tag(st, r1)
    } else {
        AlatReg::Gr(0)
    };
    let loaded = load_access(st, mem, form, addr_nat, tag, |st, mem| {
        read_int(st, mem, addr, size)
    })?;
    match loaded {
        Loaded::Hit => {}
        Loaded::Deferred => st.write_gr(r1, 0, true)?,
        Loaded::Value(v) => {
            // ld8.fill: NaT from AR.UNAT{addr{8:3}}.
            let nat =
                kind == LdKind::Fill && (st.ar[usize::from(ar::UNAT)] >> unat_bit(addr)) & 1 != 0;
            st.write_gr(r1, v, nat)?;
        }
    }
    load_alat(st, form, tag, &loaded, addr, size.bytes());
    commit_post(st, r3, upd)
}

/// [`ld`] for the plain forms (`ld`, `.bias`, `.acq`: no speculation, no ALAT, no fill) with
/// no base update (`inc` = `None`) or an immediate one, `r1 != r3` (the run loop's micro-op;
/// the same steps as [`ld`] with the form-dependent ones dropped).
#[inline(always)]
pub(crate) fn ld_plain<M: Memory + ?Sized>(
    st: &mut State,
    mem: &mut M,
    size: MemSize,
    r1: u8,
    r3: u8,
    inc: Option<u64>,
) -> Result<(), Fault> {
    st.check_gr_target(r1)?;
    if inc.is_some() {
        st.check_gr_target(r3)?;
    }
    let (addr, addr_nat) = st.read_gr(r3);
    if addr_nat {
        return Err(Fault::NatAddress {
            kind: RefKind::Read,
        });
    }
    let v = read_int(st, mem, addr, size).map_err(|f| Fault::data(f, RefKind::Read))?;
    st.write_gr(r1, v, false)?;
    match inc {
        Some(i) => st.write_gr(r3, addr.wrapping_add(i), false),
        None => Ok(()),
    }
}

/// [`store`] for the plain forms (`st`, `st.rel`: not `st8.spill`) with no base update or an
/// immediate one (the run loop's micro-op).
#[inline(always)]
pub(crate) fn st_plain<M: Memory + ?Sized>(
    st: &mut State,
    mem: &mut M,
    size: MemSize,
    r2: u8,
    r3: u8,
    inc: Option<u64>,
) -> Result<(), Fault> {
    if inc.is_some() {
        st.check_gr_target(r3)?;
    }
    let (addr, addr_nat) = st.read_gr(r3);
    let (val, val_nat) = st.read_gr(r2);
    if addr_nat || val_nat {
        return Err(Fault::NatAddress {
            kind: RefKind::Write,
        });
    }
    write_int(st, mem, addr, size, val).map_err(|f| Fault::data(f, RefKind::Write))?;
    st.alat.store(addr, u64::from(size.bytes()));
    match inc {
        Some(i) => st.write_gr(r3, addr.wrapping_add(i), false),
        None => Ok(()),
    }
}

/// [`ld_plain`] with static registers: r1 in 1..=31, r3 in 0..=31, and with a base update
/// r3 in 1..=31 and r3 ≠ r1 (checked by the lowering, so no target check can fail). The same
/// SDM Vol. 3 `ld` semantics on `State::gr`/`State::nat` directly: a NaT address register
/// faults; r1 gets the value with its NaT clear; the base update writes r3 (whose NaT is
/// clear, or the load would have faulted).
#[inline(always)]
pub(crate) fn ld_static<M: Memory + ?Sized>(
    st: &mut State,
    mem: &mut M,
    size: MemSize,
    r1: u8,
    r3: u8,
    inc: Option<u64>,
) -> Result<(), Fault> {
    let (r1, r3) = (r1 & 31, r3 & 31);
    let addr = st.gr[usize::from(r3)];
    if st.nat & (1 << r3) != 0 {
        return Err(Fault::NatAddress {
            kind: RefKind::Read,
        });
    }
    let v = read_int(st, mem, addr, size).map_err(|f| Fault::data(f, RefKind::Read))?;
    st.gr[usize::from(r1)] = v;
    st.nat &= !(1 << r1);
    if let Some(i) = inc {
        st.gr[usize::from(r3)] = addr.wrapping_add(i);
    }
    Ok(())
}

/// [`st_plain`] with static registers: r2, r3 in 0..=31, and with a base update r3 in 1..=31
/// (checked by the lowering). The same SDM Vol. 3 `st` semantics on `State::gr`/`State::nat`
/// directly (a NaT in the address or the value register faults as in [`st_plain`]).
#[inline(always)]
pub(crate) fn st_static<M: Memory + ?Sized>(
    st: &mut State,
    mem: &mut M,
    size: MemSize,
    r2: u8,
    r3: u8,
    inc: Option<u64>,
) -> Result<(), Fault> {
    let (r2, r3) = (r2 & 31, r3 & 31);
    let addr = st.gr[usize::from(r3)];
    let val = st.gr[usize::from(r2)];
    if st.nat & ((1 << r3) | (1 << r2)) != 0 {
        return Err(Fault::NatAddress {
            kind: RefKind::Write,
        });
    }
    write_int(st, mem, addr, size, val).map_err(|f| Fault::data(f, RefKind::Write))?;
    st.alat.store(addr, u64::from(size.bytes()));
    if let Some(i) = inc {
        st.gr[usize::from(r3)] = addr.wrapping_add(i);
    }
    Ok(())
}

/// `stSZ[.sttype] [r3] = r2[, imm9]` (SDM Vol. 3 `st`).
#[inline]
pub(crate) fn store<M: Memory + ?Sized>(
    st: &mut State,
    mem: &mut M,
    size: MemSize,
    kind: StKind,
    r2: u8,
    r3: u8,
    post: Post,
) -> Result<(), Fault> {
    if post != Post::None {
        st.check_gr_target(r3)?;
    }
    let (addr, addr_nat) = st.read_gr(r3);
    let (val, val_nat) = st.read_gr(r2);
    let spill = kind == StKind::Spill;
    if addr_nat || (val_nat && !spill) {
        return Err(Fault::NatAddress {
            kind: RefKind::Write,
        });
    }
    let upd = post_update(st, addr, false, post);
    write_int(st, mem, addr, size, val).map_err(|f| Fault::data(f, RefKind::Write))?;
    if spill {
        // st8.spill: AR.UNAT{addr{8:3}} = NaT(r2).
        let b = unat_bit(addr);
        let unat = &mut st.ar[usize::from(ar::UNAT)];
        *unat = (*unat & !(1 << b)) | (u64::from(val_nat) << b);
    }
    st.alat.store(addr, u64::from(size.bytes()));
    commit_post(st, r3, upd)
}

/// `ld16[.acq] r1, ar.csd = [r3]` (SDM Vol. 3 `ld`, sixteen_byte_form): the 8 bytes at the
/// lower address go to r1, the other 8 to AR.CSD.
fn ld16<M: Memory + ?Sized>(st: &mut State, mem: &mut M, r1: u8, r3: u8) -> Result<(), Fault> {
    st.check_gr_target(r1)?;
    let (addr, addr_nat) = st.read_gr(r3);
    if addr_nat {
        return Err(Fault::NatAddress {
            kind: RefKind::Read,
        });
    }
    let (lo, hi) = read_pair8(st, mem, addr).map_err(|f| Fault::data(f, RefKind::Read))?;
    st.write_gr(r1, lo, false)?;
    st.ar[usize::from(ar::CSD)] = hi;
    Ok(())
}

/// `st16[.rel] [r3] = r2, ar.csd` (SDM Vol. 3 `st`, sixteen_byte_form).
fn st16<M: Memory + ?Sized>(st: &mut State, mem: &mut M, r2: u8, r3: u8) -> Result<(), Fault> {
    let (addr, addr_nat) = st.read_gr(r3);
    let (val, val_nat) = st.read_gr(r2);
    if addr_nat || val_nat {
        return Err(Fault::NatAddress {
            kind: RefKind::Write,
        });
    }
    let csd = st.ar[usize::from(ar::CSD)];
    write_pair8(st, mem, addr, val, csd).map_err(|f| Fault::data(f, RefKind::Write))?;
    st.alat.store(addr, 16);
    Ok(())
}

// -------------------------------------------------------------------------------------------
// Semaphores (SDM Vol. 3 `cmpxchg`, `cmp8xchg16`, `xchg`, `fetchadd`; Vol. 1 §4.4.7)
// -------------------------------------------------------------------------------------------

/// The common read-modify-write: check r1 and the NaTs, read, compute the stored value,
/// write, invalidate the ALAT, return the old value in r1. `new` maps the old value to the
/// value written back (a failing compare writes the old value back, which checks write
/// permission as the semaphore translation does and changes nothing).
#[inline]
fn rmw<M: Memory + ?Sized>(
    st: &mut State,
    mem: &mut M,
    size: MemSize,
    r1: u8,
    r3: u8,
    src_nat: bool,
    new: impl FnOnce(u64) -> u64,
) -> Result<(), Fault> {
    st.check_gr_target(r1)?;
    let (addr, addr_nat) = st.read_gr(r3);
    if addr_nat || src_nat {
        return Err(Fault::NatAddress {
            kind: RefKind::ReadWrite,
        });
    }
    check_sem_aligned(st, addr, size.bytes())?;
    let rw = |f| Fault::data(f, RefKind::ReadWrite);
    let old = read_int(st, mem, addr, size).map_err(rw)?;
    write_int(st, mem, addr, size, new(old)).map_err(rw)?;
    st.alat.store(addr, u64::from(size.bytes()));
    st.write_gr(r1, old, false)
}

/// `cmpxchgSZ.sem r1 = [r3], r2, ar.ccv`: the zero-extended memory value is compared with
/// the whole of AR.CCV; if equal, r2's low bytes are stored.
fn cmpxchg<M: Memory + ?Sized>(
    st: &mut State,
    mem: &mut M,
    size: MemSize,
    r1: u8,
    r2: u8,
    r3: u8,
) -> Result<(), Fault> {
    let (val, nat) = st.read_gr(r2);
    let ccv = st.ar[usize::from(ar::CCV)];
    rmw(st, mem, size, r1, r3, nat, |old| {
        if old == ccv {
            val
        } else {
            old
        }
    })
}

/// `xchgSZ r1 = [r3], r2`.
fn xchg<M: Memory + ?Sized>(
    st: &mut State,
    mem: &mut M,
    size: MemSize,
    r1: u8,
    r2: u8,
    r3: u8,
) -> Result<(), Fault> {
    let (val, nat) = st.read_gr(r2);
    rmw(st, mem, size, r1, r3, nat, |_| val)
}

/// `fetchaddSZ.sem r1 = [r3], inc` (inc ∈ ±{1, 4, 8, 16}).
fn fetchadd<M: Memory + ?Sized>(
    st: &mut State,
    mem: &mut M,
    size: MemSize,
    r1: u8,
    r3: u8,
    inc: i8,
) -> Result<(), Fault> {
    let inc = i64::from(inc) as u64;
    rmw(st, mem, size, r1, r3, false, |old| old.wrapping_add(inc))
}

/// `cmp8xchg16.sem r1 = [r3], r2, ar.csd, ar.ccv`: the 8 bytes at r3 (8-byte aligned) are
/// compared with AR.CCV; if equal, the 16-byte block containing them receives r2 at its lower
/// and AR.CSD at its upper half. r1 gets the compared 8 bytes.
fn cmp8xchg16<M: Memory + ?Sized>(
    st: &mut State,
    mem: &mut M,
    r1: u8,
    r2: u8,
    r3: u8,
) -> Result<(), Fault> {
    st.check_gr_target(r1)?;
    let (addr, addr_nat) = st.read_gr(r3);
    let (val, val_nat) = st.read_gr(r2);
    if addr_nat || val_nat {
        return Err(Fault::NatAddress {
            kind: RefKind::ReadWrite,
        });
    }
    check_sem_aligned(st, addr, 8)?;
    let rw = |f| Fault::data(f, RefKind::ReadWrite);
    let old = read_int(st, mem, addr, MemSize::B8).map_err(rw)?;
    let block = addr & !15;
    if old == st.ar[usize::from(ar::CCV)] {
        let csd = st.ar[usize::from(ar::CSD)];
        write_pair8(st, mem, block, val, csd).map_err(rw)?;
    } else {
        write_int(st, mem, addr, MemSize::B8, old).map_err(rw)?;
    }
    st.alat.store(block, 16);
    st.write_gr(r1, old, false)
}

// -------------------------------------------------------------------------------------------
// FR ↔ GR transfers (SDM Vol. 3 `getf`, `setf`)
// -------------------------------------------------------------------------------------------

/// `getf.K r1 = f2`: NaTVal gives r1 = 0 with NaT set.
fn getf(st: &mut State, kind: FpXfer, r1: u8, f2: u8) -> Result<(), Fault> {
    st.check_gr_target(r1)?;
    st.check_fr_enabled(f2)?;
    let f = st.read_fr(f2);
    if f.is_natval() {
        return st.write_gr(r1, 0, true);
    }
    let v = match kind {
        FpXfer::Sig => fmt::fr_to_int(f),
        FpXfer::Exp => fmt::fr_to_exp(f),
        FpXfer::S => u64::from(fmt::fr_to_single(f)),
        FpXfer::D => fmt::fr_to_double(f),
    };
    st.write_gr(r1, v, false)
}

/// `setf.K f1 = r2`: a NaT r2 gives NaTVal.
fn setf(st: &mut State, kind: FpXfer, f1: u8, r2: u8) -> Result<(), Fault> {
    st.check_fr_target(f1)?;
    let (v, nat) = st.read_gr(r2);
    let f = if nat {
        Fr::NATVAL
    } else {
        match kind {
            FpXfer::Sig => fmt::int_to_fr(v),
            FpXfer::Exp => fmt::exp_to_fr(v),
            FpXfer::S => fmt::single_to_fr(v as u32),
            FpXfer::D => fmt::double_to_fr(v),
        }
    };
    st.write_fr(f1, f);
    Ok(())
}

// -------------------------------------------------------------------------------------------
// Floating-point loads and stores (SDM Vol. 3 `ldf`, `ldfp`, `stf`)
// -------------------------------------------------------------------------------------------

/// Bytes accessed by `ldf`/`stf` of `size` (`fill`: the 16-byte spill format).
fn fp_bytes(size: FpSize, fill: bool) -> u8 {
    match (fill, size) {
        (true, _) => 16,
        (false, FpSize::Ext) => 10,
        (false, FpSize::Int | FpSize::Double) => 8,
        (false, FpSize::Single) => 4,
    }
}

fn read_fp<M: Memory + ?Sized>(
    st: &State,
    mem: &mut M,
    addr: u64,
    size: FpSize,
    fill: bool,
) -> Result<Fr, MemFault> {
    Ok(match (fill, size) {
        (true, _) => fmt::spill_to_fr(read_wide(st, mem, addr, 16)?),
        (false, FpSize::Ext) => fmt::ext_to_fr(read_wide(st, mem, addr, 10)?),
        (false, FpSize::Int) => fmt::int_to_fr(read_int(st, mem, addr, MemSize::B8)?),
        (false, FpSize::Double) => fmt::double_to_fr(read_int(st, mem, addr, MemSize::B8)?),
        (false, FpSize::Single) => fmt::single_to_fr(read_int(st, mem, addr, MemSize::B4)? as u32),
    })
}

fn write_fp<M: Memory + ?Sized>(
    st: &State,
    mem: &mut M,
    addr: u64,
    size: FpSize,
    spill: bool,
    f: Fr,
) -> Result<(), MemFault> {
    match (spill, size) {
        (true, _) => write_wide(st, mem, addr, 16, fmt::fr_to_spill(f)),
        (false, FpSize::Ext) => write_wide(st, mem, addr, 10, fmt::fr_to_ext(f)),
        (false, FpSize::Int) => write_int(st, mem, addr, MemSize::B8, fmt::fr_to_int(f)),
        (false, FpSize::Double) => write_int(st, mem, addr, MemSize::B8, fmt::fr_to_double(f)),
        (false, FpSize::Single) => {
            write_int(st, mem, addr, MemSize::B4, u64::from(fmt::fr_to_single(f)))
        }
    }
}

/// `ldfSZ[.fldtype] f1 = [r3][, r2 | imm9]`, `ldf.fill` (SDM Vol. 3 `ldf`). A speculative
/// deferral gives NaTVal; PSR.mfl/mfh are set even on an ALAT hit (`fp_update_psr`).
fn ldf<M: Memory + ?Sized>(
    st: &mut State,
    mem: &mut M,
    size: FpSize,
    kind: LdfKind,
    f1: u8,
    r3: u8,
    post: Post,
) -> Result<(), Fault> {
    if post != Post::None {
        st.check_gr_target(r3)?;
    }
    st.check_fr_target(f1)?;
    let (addr, addr_nat) = st.read_gr(r3);
    let upd = post_update(st, addr, addr_nat, post);
    let form = LoadForm::of_ldf(kind);
    let fill = kind == LdfKind::Fill;
    let tag = fr_tag(st, f1);
    let loaded = load_access(st, mem, form, addr_nat, tag, |st, mem| {
        read_fp(st, mem, addr, size, fill)
    })?;
    let value = match loaded {
        Loaded::Hit => st.read_fr(f1),
        Loaded::Deferred => Fr::NATVAL,
        Loaded::Value(f) => f,
    };
    st.write_fr(f1, value);
    load_alat(st, form, tag, &loaded, addr, fp_bytes(size, fill));
    commit_post(st, r3, upd)
}

/// `ldfpSZ[.fldtype] f1, f2 = [r3][, 8 | 16]` (SDM Vol. 3 `ldfp`): f1 gets the element at the
/// lower address. The two targets must be one odd and one even physical register (Illegal
/// Operation otherwise). The ALAT entry is tagged by f1 and covers both elements.
#[allow(clippy::too_many_arguments)]
fn ldfp<M: Memory + ?Sized>(
    st: &mut State,
    mem: &mut M,
    size: PairSize,
    kind: LdfKind,
    f1: u8,
    f2: u8,
    r3: u8,
    post: Post,
) -> Result<(), Fault> {
    if post != Post::None {
        st.check_gr_target(r3)?;
    }
    if f1 < 2 || f2 < 2 || (fr_phys(st, f1) ^ fr_phys(st, f2)) & 1 == 0 {
        return Err(Fault::IllegalOperation);
    }
    check_frs_enabled(st, &[f1, f2])?;
    let (addr, addr_nat) = st.read_gr(r3);
    let upd = post_update(st, addr, addr_nat, post);
    let form = LoadForm::of_ldf(kind);
    let tag = fr_tag(st, f1);
    let loaded = load_access(st, mem, form, addr_nat, tag, |st, mem| {
        read_fp_pair(st, mem, addr, size)
    })?;
    let (v1, v2) = match loaded {
        Loaded::Hit => (st.read_fr(f1), st.read_fr(f2)),
        Loaded::Deferred => (Fr::NATVAL, Fr::NATVAL),
        Loaded::Value(p) => p,
    };
    st.write_fr(f1, v1);
    st.write_fr(f2, v2);
    load_alat(st, form, tag, &loaded, addr, size.bytes() as u8);
    commit_post(st, r3, upd)
}

fn read_fp_pair<M: Memory + ?Sized>(
    st: &State,
    mem: &mut M,
    addr: u64,
    size: PairSize,
) -> Result<(Fr, Fr), MemFault> {
    match size {
        PairSize::Single => {
            let raw = mem.read(addr, Size::B8, access(st))?;
            let (a, b) = (raw as u32, (raw >> 32) as u32);
            let (a, b) = if big_endian(st) {
                (a.swap_bytes(), b.swap_bytes())
            } else {
                (a, b)
            };
            Ok((fmt::single_to_fr(a), fmt::single_to_fr(b)))
        }
        PairSize::Double => {
            let (a, b) = read_pair8(st, mem, addr)?;
            Ok((fmt::double_to_fr(a), fmt::double_to_fr(b)))
        }
        PairSize::Int => {
            let (a, b) = read_pair8(st, mem, addr)?;
            Ok((fmt::int_to_fr(a), fmt::int_to_fr(b)))
        }
    }
}

/// `stfSZ [r3] = f2[, imm9]`, `stf.spill` (SDM Vol. 3 `stf`): a non-spill store of NaTVal
/// raises Register NaT Consumption.
fn stf<M: Memory + ?Sized>(
    st: &mut State,
    mem: &mut M,
    size: FpSize,
    spill: bool,
    f2: u8,
    r3: u8,
    post: Post,
) -> Result<(), Fault> {
    if post != Post::None {
        st.check_gr_target(r3)?;
    }
    st.check_fr_enabled(f2)?;
    let (addr, addr_nat) = st.read_gr(r3);
    let f = st.read_fr(f2);
    if addr_nat || (!spill && f.is_natval()) {
        return Err(Fault::NatAddress {
            kind: RefKind::Write,
        });
    }
    let upd = post_update(st, addr, false, post);
    write_fp(st, mem, addr, size, spill, f).map_err(|e| Fault::data(e, RefKind::Write))?;
    st.alat.store(addr, u64::from(fp_bytes(size, spill)));
    commit_post(st, r3, upd)
}

/// `lfetch[.fault][.excl] [r3][, r2 | imm9]` (SDM Vol. 3 `lfetch`): a hint; only the
/// `.fault` form faults (NaT base, translation), all forms update the base.
fn lfetch<M: Memory + ?Sized>(
    st: &mut State,
    mem: &mut M,
    fault: bool,
    r3: u8,
    post: Post,
) -> Result<(), Fault> {
    if post != Post::None {
        st.check_gr_target(r3)?;
    }
    let (addr, addr_nat) = st.read_gr(r3);
    if fault {
        if addr_nat {
            return Err(Fault::NatAddress {
                kind: RefKind::NonAccess,
            });
        }
        mem.translation_op(TranslationOp::Tpa { addr })
            .map_err(|f| Fault::data(f, RefKind::NonAccess))?;
    }
    let upd = post_update(st, addr, addr_nat, post);
    commit_post(st, r3, upd)
}
