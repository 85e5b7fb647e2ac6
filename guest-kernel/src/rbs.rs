//! The user register backing store of a task that is inside the kernel and switched out: where
//! each of its stacked registers really is, and the word-level primitives that read, write,
//! write back and reload it. This is the memory side of Linux/ia64's register-stack handling
//! for debuggers (arch/ia64/kernel/ptrace.c: `ia64_get_user_rbs_end`, `get_rnat`, `put_rnat`,
//! `ia64_peek`, `ia64_poke`, `ia64_sync_user_rbs`, `ia64_sync_kernel_rbs`; rse-spec.md §7.3–§7.5,
//! §8.3, §8.5 points 6–7, §9.2), restated in our own code. Policies (when to write back, the
//! RESTORE_RSE flag, counters) live with the tracing code; this module only owns the geometry
//! and the copies.
//!
//! # Where the user's registers are
//!
//! While the task is switched out (sched.rs `switch_out` has executed `flushrs`), its user
//! register stack is split in three (rse-spec.md §8.1):
//!
//! * user memory below `pt.ar_bspstore`: what the user RSE had spilled before the entry, with the
//!   NaT bits of the group at `pt.ar_bspstore` still in `pt.ar_rnat`;
//! * the kernel register backing store `[krbs, sw.ar_bspstore)`, in kernel-only memory: first
//!   the `ndirty` registers that were dirty at entry (`pt.loadrs >> 16` bytes of KRBS layout),
//!   then — for a syscall, whose frame was not covered — the user frame's `sof` registers
//!   (locals, then the outputs that are the kernel frame's inputs), then kernel frames; the NaT
//!   bits of the last, partial KRBS group are in `sw.ar_rnat`;
//! * `pt_regs` (`ar_bspstore`, `ar_rnat`, `loadrs`, `cr_ifs`).
//!
//! A debugger computes addresses in the *user* layout, up to `urbs_end` (`PT_AR_BSP`, the end of
//! the interrupted frame). User and kernel layouts put their NaT-collection slots at different
//! places (the KRBS starts at slot 16), so a user collection word is assembled from
//! `pt.ar_rnat` and up to two kernel collection words ([`get_rnat`], [`put_rnat`]).
//!
//! # Memory accesses
//!
//! Every function takes the tracee's memory: its user address space plus the kernel-only region
//! holding the KRBS (in the kernel, an `ia64_machine::mmu::MemView` of the tracee's mm). Two
//! kinds of access are used, never mixed:
//!
//! * the KRBS is read and written with `Access::data(0)`: a privilege-0 data access, what
//!   Linux's own `*kaddr` loads and stores are; the KRBS is ordinary kernel memory;
//! * user memory is read and written with `Access::debug()`: Linux reaches it through
//!   `access_process_vm(..., FOLL_FORCE [| FOLL_WRITE])`, which ignores the page protections (a
//!   tracer may write a read-only page) but still needs a mapping; `Access::debug()` is exactly
//!   that in `MemView` (no privilege or rights check, mapping required).
//!
//! A KRBS address is only ever formed from a user register's position and is used only inside
//! `[krbs, sw.ar_bspstore)` (or `sw.ar_rnat` for the partial group); a user register whose KRBS
//! home would fall outside that range (see [`UserRbs::krbs_holds_user_stack`]) reads as 0 with
//! NaT clear and its writes are dropped — kernel memory past the flushed KRBS is never read.

use ia64_cpu::mem::{Access, MemFault, Memory};
use ia64_cpu::rse::addr::{
    rse_is_rnat_slot, rse_num_regs, rse_rnat_addr, rse_skip_regs, rse_slot_num,
};
use ia64_cpu::rse::{frame_index, Cfm, FRAME_MARKER_MASK};
use ia64_cpu::state::State;

use crate::entry::{EntryError, PtRegs};
use crate::sched::{self, SwitchStack};

/// The 63 NaT bits of a collection word (bit 63 is unused and always 0).
const RNAT_BITS: u64 = (1 << 63) - 1;

/// Bytes from slot 0 of a 512-byte group to its collection slot (63 slots).
const GROUP_REGS_BYTES: u64 = 63 * 8;

/// The low `n` bits (`n` ≤ 63 in every use; saturates at 64).
fn low_bits(n: u64) -> u64 {
    if n >= 64 {
        u64::MAX
    } else {
        (1u64 << n) - 1
    }
}

/// KRBS accesses: privilege-0 data loads and stores (Linux dereferences the kernel address).
fn kernel() -> Access {
    Access::data(0)
}

/// User-memory accesses: `access_process_vm` with `FOLL_FORCE` (protections ignored, mapping
/// required) — a debugger access.
fn user() -> Access {
    Access::debug()
}

/// Geometry of a stopped task's user register stack (rse-spec.md §7.3, Linux
/// `ia64_get_user_rbs_end`), and the two RNAT values [`put_rnat`] may change.
///
/// Built from the task's `pt_regs` and switch stack by [`UserRbs::new`]; after a [`poke`],
/// [`put_rnat`] or [`sync_kernel_rbs`], [`UserRbs::commit`] stores `urnat`/`krnat` back.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct UserRbs {
    /// Base of the task's kernel register backing store.
    pub krbs: u64,
    /// User AR.BSPSTORE at entry (`pt.ar_bspstore`): the first user address held in the KRBS.
    pub ubspstore: u64,
    /// User AR.RNAT at entry (`pt.ar_rnat`): NaT bits of the user slots below `ubspstore` in its
    /// group.
    pub urnat: u64,
    /// End of the user backing store (`PT_AR_BSP`): the address after the interrupted frame,
    /// as if the user had executed `cover`.
    pub urbs_end: u64,
    /// Kernel AR.BSPSTORE after the switch's `flushrs` (`sw.ar_bspstore`): the end of the
    /// flushed KRBS.
    pub kbspstore: u64,
    /// Kernel AR.RNAT after the `flushrs` (`sw.ar_rnat`): NaT bits of the partial KRBS group.
    pub krnat: u64,
    /// The entry was a syscall (`pt.cr_ifs` bit 63 clear): the user frame was not covered.
    pub in_syscall: bool,
    /// The user's CFM at entry (`pt.cr_ifs & (2^38 − 1)`).
    pub cfm: u64,
    /// User registers that were dirty at entry (in the KRBS before the user frame):
    /// `num_regs(krbs, krbs + (pt.loadrs >> 19) * 8)`; for an interruption the covered frame is
    /// among them.
    pub ndirty: u64,
}

/// User registers that were dirty at the entry that saved `pt` (in the KRBS before the user
/// frame): `num_regs(krbs, krbs + (pt.loadrs >> 19) * 8)`.
fn dirty_at_entry(pt: &PtRegs) -> u64 {
    // BSPSTORE ignores bits 2:0 (SDM Vol. 3 `mov ar.bspstore`); keep every address aligned.
    let krbs = pt.krbs & !7;
    // pt.loadrs = (bsp − krbs) << 16: bits 63:19 are the KRBS slot count (Linux: loadrs >> 19).
    rse_num_regs(krbs, krbs.wrapping_add((pt.loadrs >> 19) << 3))
}

/// `ia64_get_user_rbs_end` (rse-spec.md §7.3): the end of the user register stack of the
/// entry that saved `pt` — `skip(pt.ar_bspstore, ndirty + (in_syscall ? CFM.sof : 0))`, what
/// PT_AR_BSP, `sc_ar_bsp` and gdb's `$bsp` report.
pub fn user_rbs_end(pt: &PtRegs) -> u64 {
    let frame = if pt.in_syscall() {
        u64::from(Cfm::decode(pt.cr_ifs & FRAME_MARKER_MASK).sof)
    } else {
        0
    };
    let regs = dirty_at_entry(pt).wrapping_add(frame);
    rse_skip_regs(pt.ar_bspstore & !7, regs as i64)
}

impl UserRbs {
    /// The geometry of the task whose entry saved `pt` and whose switch-out saved `sw`.
    pub fn new(pt: &PtRegs, sw: &SwitchStack) -> Self {
        let krbs = pt.krbs & !7;
        let ubspstore = pt.ar_bspstore & !7;
        let ndirty = dirty_at_entry(pt);
        let in_syscall = pt.in_syscall();
        let cfm = pt.cr_ifs & FRAME_MARKER_MASK;
        let urbs_end = user_rbs_end(pt);
        Self {
            krbs,
            ubspstore,
            urnat: pt.ar_rnat & RNAT_BITS,
            urbs_end,
            kbspstore: sw.ar_bspstore & !7,
            krnat: sw.ar_rnat & RNAT_BITS,
            in_syscall,
            cfm,
            ndirty,
        }
    }

    /// Store the RNAT values [`put_rnat`] may have changed back into `pt` and `sw`.
    pub fn commit(&self, pt: &mut PtRegs, sw: &mut SwitchStack) {
        pt.ar_rnat = self.urnat;
        sw.ar_rnat = self.krnat;
    }

    /// Size of the user frame (`CFM.sof`).
    pub fn sof(&self) -> u64 {
        u64::from(Cfm::decode(self.cfm).sof)
    }

    /// Number of user registers in `[ubspstore, urbs_end)`: the dirty ones, plus the frame for
    /// a syscall.
    pub fn user_regs(&self) -> u64 {
        let frame = if self.in_syscall { self.sof() } else { 0 };
        self.ndirty.wrapping_add(frame)
    }

    /// Linux `on_kernel_rbs`: whether the user address `addr` is redirected to the KRBS, i.e.
    /// `ubspstore ≤ addr ≤ rnat_addr(urbs_end)` (the collection word of the last, partial group
    /// included).
    pub fn on_kernel_rbs(&self, addr: u64) -> bool {
        addr >= self.ubspstore && addr <= rse_rnat_addr(self.urbs_end)
    }

    /// Whether every user register of `[ubspstore, urbs_end)` has its KRBS home inside the
    /// flushed KRBS `[krbs, kbspstore)`. False when the task was switched out while the user
    /// frame's outputs were not part of any kernel frame (they stayed in the physical current
    /// frame), or for a syscall whose frame has more than 8 outputs (the kernel frame's 8
    /// inputs cover only the first 8); those registers read as 0.
    pub fn krbs_holds_user_stack(&self) -> bool {
        self.kbspstore >= self.krbs && rse_num_regs(self.krbs, self.kbspstore) >= self.user_regs()
    }

    /// The KRBS address holding the user register at `addr` (8-byte aligned, in
    /// `[ubspstore, urbs_end)`, not a collection slot): `skip(krbs, num_regs(ubspstore, addr))`,
    /// or `None` when that lies outside `[krbs, kbspstore)`.
    pub fn kernel_addr(&self, addr: u64) -> Option<u64> {
        if addr < self.ubspstore || addr >= self.urbs_end || addr & 7 != 0 || rse_is_rnat_slot(addr)
        {
            return None;
        }
        let k = rse_skip_regs(self.krbs, rse_num_regs(self.ubspstore, addr) as i64);
        (k >= self.krbs && k < self.kbspstore).then_some(k)
    }

    /// The KRBS collection slot that follows the flushed KRBS: its bits are still in `krnat`.
    fn kernel_top_collection(&self) -> u64 {
        rse_rnat_addr(self.kbspstore)
    }

    /// Whether the KRBS collection word at `kaddr` belongs to the flushed KRBS and is in
    /// memory (strictly above `krbs`, as Linux's `rnat_kaddr > krbs`, and below the partial
    /// group).
    fn kernel_collection_in_memory(&self, kaddr: u64) -> bool {
        self.kbspstore >= self.krbs && kaddr > self.krbs && kaddr < self.kernel_top_collection()
    }

    /// Valid NaT bits of `krnat`: the slots of the partial group below `kbspstore`.
    fn krnat_valid(&self) -> u64 {
        if self.kbspstore < self.krbs {
            return 0;
        }
        low_bits(u64::from(rse_slot_num(self.kbspstore)))
    }
}

/// How the 63 slots of the user group whose collection word is at `urnat_addr` map onto the
/// KRBS: user slot `i` is kernel slot `shift + i` of the group collected at `k0` for
/// `i < 63 − shift`, else kernel slot `i − (63 − shift)` of the group collected at `k1`.
struct GroupMap {
    shift: u32,
    k0: u64,
    k1: u64,
}

impl GroupMap {
    /// Linux derives it from the kernel home of the user register just past the group.
    fn new(rbs: &UserRbs, urnat_addr: u64) -> Self {
        let past = rse_num_regs(rbs.ubspstore, urnat_addr.wrapping_add(8));
        let slot0_kaddr = rse_skip_regs(rbs.krbs, past as i64);
        let k1 = rse_rnat_addr(slot0_kaddr);
        Self {
            shift: rse_slot_num(slot0_kaddr),
            k0: k1.wrapping_sub(512),
            k1,
        }
    }

    /// User bits held in the `k0` group.
    fn low_part(&self) -> u64 {
        low_bits(u64::from(63 - self.shift))
    }
}

/// Slot 0 of the group whose collection slot is `urnat_addr`.
fn group_start(urnat_addr: u64) -> u64 {
    urnat_addr.wrapping_sub(GROUP_REGS_BYTES)
}

/// Number of user slots of the group at `urnat_addr` below `limit` (63 for a full group).
fn slots_below(urnat_addr: u64, limit: u64) -> u64 {
    let start = group_start(urnat_addr);
    if limit >= urnat_addr {
        63
    } else if limit <= start {
        0
    } else {
        rse_num_regs(start, limit)
    }
}

/// Read the KRBS collection word at `kaddr` as Linux's `get_rnat` does: from `krnat` for the
/// partial group, from memory for a group of the flushed KRBS, 0 otherwise.
fn kernel_collection<M: Memory + ?Sized>(
    mem: &mut M,
    rbs: &UserRbs,
    kaddr: u64,
) -> Result<u64, MemFault> {
    if kaddr == rbs.kernel_top_collection() && rbs.kbspstore >= rbs.krbs {
        return Ok(rbs.krnat & rbs.krnat_valid());
    }
    if rbs.kernel_collection_in_memory(kaddr) {
        return Ok(mem.read_u64(kaddr, kernel())? & RNAT_BITS);
    }
    Ok(0)
}

/// Replace the bits `m` of the KRBS collection word at `kaddr` with those of `bits`.
fn store_kernel_collection<M: Memory + ?Sized>(
    mem: &mut M,
    rbs: &mut UserRbs,
    kaddr: u64,
    bits: u64,
    m: u64,
) -> Result<(), MemFault> {
    if kaddr == rbs.kernel_top_collection() && rbs.kbspstore >= rbs.krbs {
        let m = m & rbs.krnat_valid();
        rbs.krnat = (rbs.krnat & !m) | (bits & m);
    } else if rbs.kernel_collection_in_memory(kaddr) {
        let old = mem.read_u64(kaddr, kernel())?;
        mem.write_u64(kaddr, ((old & !m) | (bits & m)) & RNAT_BITS, kernel())?;
    }
    Ok(())
}

/// Linux `get_rnat`: the user NaT-collection word of the group containing `addr` (any address
/// of the group; normally its collection slot), as the user RSE would have written it.
///
/// For a group on the kernel RBS ([`UserRbs::on_kernel_rbs`]) it is assembled from `urnat`
/// (user slots below `ubspstore`) and up to two KRBS collection words; only the slots below
/// `urbs_end` are valid, the others read 0. Any other collection word is read from user memory.
pub fn get_rnat<M: Memory + ?Sized>(
    mem: &mut M,
    rbs: &UserRbs,
    addr: u64,
) -> Result<u64, MemFault> {
    let urnat_addr = rse_rnat_addr(addr & !7);
    if !rbs.on_kernel_rbs(urnat_addr) {
        return mem.read_u64(urnat_addr, user());
    }
    let mut valid = low_bits(slots_below(urnat_addr, rbs.urbs_end));
    let mut urnat = 0;
    if rbs.ubspstore > group_start(urnat_addr) {
        // The group was partly spilled by the user RSE: those bits are still in the user RNAT.
        let umask = low_bits(u64::from(rse_slot_num(rbs.ubspstore))) & valid;
        urnat = rbs.urnat & umask;
        valid &= !umask;
    }
    if valid == 0 {
        return Ok(urnat);
    }
    let map = GroupMap::new(rbs, urnat_addr);
    if valid & map.low_part() != 0 {
        urnat |= (kernel_collection(mem, rbs, map.k0)? >> map.shift) & valid;
    }
    if valid >> (63 - map.shift) != 0 {
        urnat |= (kernel_collection(mem, rbs, map.k1)? << (63 - map.shift)) & valid;
    }
    Ok(urnat)
}

/// Linux `put_rnat`: store `urnat` as the user NaT-collection word of the group containing
/// `addr`, into `rbs.urnat` and the KRBS collection words (or `rbs.krnat`).
///
/// Only slots below `urbs_end` change. For a task that entered through a syscall the user
/// frame's NaT bits are left alone (Linux: "don't allow user to set rnat bits for syscall
/// args"; the entry replaced NaT arguments by −1 and the kernel must never consume a NaT):
/// the limit is then the frame's start, `skip(urbs_end, −sof)` (rse-spec.md §8.5 point 6).
/// A collection word off the kernel RBS is written to user memory, as [`poke`] would.
pub fn put_rnat<M: Memory + ?Sized>(
    mem: &mut M,
    rbs: &mut UserRbs,
    addr: u64,
    urnat: u64,
) -> Result<(), MemFault> {
    let urnat_addr = rse_rnat_addr(addr & !7);
    if !rbs.on_kernel_rbs(urnat_addr) {
        return mem.write_u64(urnat_addr, urnat, user());
    }
    let limit = if rbs.in_syscall {
        rse_skip_regs(rbs.urbs_end, -(rbs.sof() as i64))
    } else {
        rbs.urbs_end
    };
    let mut valid = low_bits(slots_below(urnat_addr, limit));
    if rbs.ubspstore > group_start(urnat_addr) {
        let umask = low_bits(u64::from(rse_slot_num(rbs.ubspstore))) & valid;
        rbs.urnat = (rbs.urnat & !umask) | (urnat & umask);
        valid &= !umask;
    }
    if valid == 0 {
        return Ok(());
    }
    let map = GroupMap::new(rbs, urnat_addr);
    let m0 = (valid & map.low_part()) << map.shift;
    if m0 != 0 {
        store_kernel_collection(mem, rbs, map.k0, urnat << map.shift, m0)?;
    }
    let m1 = valid >> (63 - map.shift);
    if m1 != 0 {
        store_kernel_collection(mem, rbs, map.k1, urnat >> (63 - map.shift), m1)?;
    }
    Ok(())
}

/// Linux `ia64_peek`: the word a debugger should see at user address `addr` of the stopped
/// task.
///
/// On the kernel RBS (`ubspstore ≤ addr ≤ rnat_addr(urbs_end)`; an unaligned address means its
/// word, as Linux's word-pointer arithmetic does): a collection slot gives [`get_rnat`]; a
/// register whose NaT bit is set gives 0 (its spilled data is implementation-defined,
/// rse-spec.md §8.5 point 7); a register below `urbs_end` gives its KRBS word. Everything else,
/// including the slots between `urbs_end` and its collection slot, is read from user memory.
pub fn peek<M: Memory + ?Sized>(mem: &mut M, rbs: &UserRbs, addr: u64) -> Result<u64, MemFault> {
    if !rbs.on_kernel_rbs(addr) {
        return mem.read_u64(addr, user());
    }
    let addr = addr & !7;
    let urnat_addr = rse_rnat_addr(addr);
    let nats = get_rnat(mem, rbs, urnat_addr)?;
    if addr == urnat_addr {
        return Ok(nats);
    }
    if (nats >> rse_slot_num(addr)) & 1 != 0 {
        return Ok(0);
    }
    if addr < rbs.urbs_end {
        return match rbs.kernel_addr(addr) {
            Some(k) => mem.read_u64(k, kernel()),
            None => Ok(0),
        };
    }
    mem.read_u64(addr, user())
}

/// Linux `ia64_poke`: a debugger's write of `val` at user address `addr` of the stopped task.
///
/// On the kernel RBS a collection slot goes to [`put_rnat`], a register below `urbs_end` to its
/// KRBS word (its NaT bit is not changed), and — as in Linux — a write to a slot between
/// `urbs_end` and its collection slot is dropped. Elsewhere user memory is written. Call
/// [`UserRbs::commit`] afterwards.
pub fn poke<M: Memory + ?Sized>(
    mem: &mut M,
    rbs: &mut UserRbs,
    addr: u64,
    val: u64,
) -> Result<(), MemFault> {
    if !rbs.on_kernel_rbs(addr) {
        return mem.write_u64(addr, val, user());
    }
    let addr = addr & !7;
    if rse_is_rnat_slot(addr) {
        return put_rnat(mem, rbs, addr, val);
    }
    if let Some(k) = rbs.kernel_addr(addr) {
        mem.write_u64(k, val, kernel())?;
    }
    Ok(())
}

/// What [`sync_user_rbs`] did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct SyncResult {
    /// Bytes written to user memory (8 per word of `[ubspstore, urbs_end)`).
    pub bytes: u64,
    /// The NaT bits of the partial group below `urbs_end` — the collection word that is not
    /// written (it lies at or above `urbs_end`); what a debugger wants as `$rnat`
    /// (rse-spec.md §9.2 `rnat_end`, §10.3).
    pub rnat_end: u64,
}

/// Linux `ia64_sync_user_rbs` (K→U write-back): every word of `[ubspstore, urbs_end)`,
/// collection words included, is [`peek`]ed and written to user memory. As in Linux, the
/// final partial collection word is not written; its bits are returned as `rnat_end`.
///
/// A fault stops the copy (Linux returns -EIO); the words before it were written.
pub fn sync_user_rbs<M: Memory + ?Sized>(
    mem: &mut M,
    rbs: &UserRbs,
) -> Result<SyncResult, MemFault> {
    let mut bytes = 0;
    let mut a = rbs.ubspstore;
    while a < rbs.urbs_end {
        let v = peek(mem, rbs, a)?;
        mem.write_u64(a, v, user())?;
        bytes += 8;
        a += 8;
    }
    let rnat_end = get_rnat(mem, rbs, rse_rnat_addr(rbs.urbs_end))?;
    Ok(SyncResult { bytes, rnat_end })
}

/// Linux `ia64_sync_kernel_rbs` (U→K reload): every word of `[ubspstore, urbs_end)` is read
/// from user memory and [`poke`]d, so register values go to the KRBS and collection words
/// through [`put_rnat`] (with its syscall-frame protection). Returns the bytes read. Call
/// [`UserRbs::commit`] afterwards.
pub fn sync_kernel_rbs<M: Memory + ?Sized>(
    mem: &mut M,
    rbs: &mut UserRbs,
) -> Result<u64, MemFault> {
    let mut bytes = 0;
    let mut a = rbs.ubspstore;
    while a < rbs.urbs_end {
        let v = mem.read_u64(a, user())?;
        poke(mem, rbs, a, v)?;
        bytes += 8;
        a += 8;
    }
    Ok(bytes)
}

/// The user backing-store address of stacked register `rN` of the interrupted frame:
/// `skip(skip(urbs_end, −sof), k)` where `k` is rN's frame index — `N − 32`, or the rotated
/// index when rN is in the rotating region (rse-spec.md §2.3; gdb ignores rotation, so for a
/// frame with `rrb.gr ≠ 0` gdb's address differs). `None` outside the frame.
pub fn user_reg_addr(rbs: &UserRbs, n: u8) -> Option<u64> {
    let cfm = Cfm::decode(rbs.cfm);
    let k = frame_index(cfm, n)?;
    let bof = rse_skip_regs(rbs.urbs_end, -i64::from(cfm.sof));
    Some(rse_skip_regs(bof, i64::from(k)))
}

/// Run `f` on the user register stack of the task current in `st` (inside the kernel, entered
/// with `pt`), the way Linux's `unw_init_running(do_sync_rbs, fn)` does: flush the KRBS as a
/// context switch does ([`sched::switch_out`]), run `f` on the geometry, store the RNAT values
/// back ([`UserRbs::commit`]) and come back ([`sched::switch_in`]): every frame outside the
/// current one is refilled from the (possibly rewritten) KRBS.
pub fn with_flushed<M: Memory + ?Sized, T>(
    st: &mut State,
    mem: &mut M,
    pt: &mut PtRegs,
    f: impl FnOnce(&mut M, &mut UserRbs) -> T,
) -> Result<T, EntryError> {
    let (mut sw, _) = sched::switch_out(st, mem)?;
    let mut rbs = UserRbs::new(pt, &sw);
    let out = f(mem, &mut rbs);
    rbs.commit(pt, &mut sw);
    sched::switch_in(st, mem, sw)?;
    Ok(out)
}
