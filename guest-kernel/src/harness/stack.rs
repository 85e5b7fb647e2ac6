//! The debugger's view of a stopped task's register stack, as the coherence harness reads it:
//! the frame walk (through saved `ar.pfs` and, across a signal frame, through the sigcontext),
//! the table of stacked registers (user memory against the true values, NaT bits included),
//! the user-memory address of any register of the walk, and the words of the user backing
//! store read through `/proc/<pid>/mem` and through PEEKDATA.
//!
//! # The frame walk
//!
//! A debugger finds the stacked registers of the interrupted frame from `PT_AR_BSP` (the end of
//! the user backing store as if after `cover`) and the CFM (rse-spec.md §7.3, §8.1: gdb reads
//! r32+n at `skip(bsp_end − sof, n)`). A caller's frame starts `sol_caller` registers below its
//! callee's (the callee's inputs are the caller's outputs), and the caller's CFM is the callee's
//! saved `ar.pfs.pfm`. Where the saved `ar.pfs` is comes from prologue analysis in gdb; the
//! guest programs written for the harness (`test-programs/src/coh-*.s`) follow one convention
//! instead: every procedure saves `ar.pfs` with `alloc rL = ar.pfs, …` in its **last local**
//! register `r(32 + sol − 1)`, so the CFM alone says where it is. For the innermost frame, as
//! gdb does before the prologue has run, a frame without locals (sol = 0: stopped before its
//! `alloc`) takes the caller's marker from `ar.pfs` at the kernel entry (`pt.ar_pfs`). The walk
//! follows the true values (so it is the same under every policy) and ends at a frame marker
//! of size 0 or one that is not a valid frame, or at a caller whose registers cannot be read
//! (a program that moved its register stack itself with `mov ar.bspstore` left its older
//! frames where no walk can find them).
//!
//! # Signal frames
//!
//! A handler is called by the gate page's `__kernel_sigtramp`, whose frame has no locals and
//! three outputs: the handler's signal number, `&siginfo` and `&sigcontext`, which it loaded
//! from the first three words of the signal frame (`struct sigframe`: arg0, arg1, arg2). A
//! frame above the innermost with sof 3 and sol 0 whose three registers equal those three
//! words of the frame `&sigcontext` belongs to is taken as the trampoline's (a handler that
//! changed its first three inputs hides it; the walk then ends there, as it ends at any other
//! frame without locals). Beyond it the walk goes on in the interrupted context: its innermost
//! frame is `sc_cfm`, ending at `sc_ar_bsp` (the end of the interrupted frame, as after
//! `cover`), with `sc_ar_pfs` as the entry `ar.pfs`.
//!
//! When the trampoline switched backing stores (`sc_rbs_base ≠ 0`, rse-spec.md §6.2, §7.6), the
//! registers that were dirty at the delivery — the last `m = num_regs(sc_rbs_base,
//! sc_rbs_base + (sc_loadrs >> 16))` registers below `sc_ar_bsp`, from `bspstore0 =
//! skip(sc_ar_bsp, −m)` — live on the alternate store while the handler runs, register `j` of
//! them at `skip(sc_rbs_base, j)`; the original store holds them again only after the
//! trampoline's `restore_rbs`. Older registers stay on the original store, and the NaT bits of
//! the original store's partial group below `bspstore0` are in `sc_ar_rnat`. Every address the
//! walk computes for an interrupted frame is translated this way (through every switch between
//! its context and the task's own), so the table reads each register where it really is.
//!
//! # NaT bits
//!
//! A debugger reads the NaT bit of backing-store slot `a` of the task's own frames from the
//! collection word `mem[rnat_addr(a)]` when that lies below `PT_AR_BSP`, and from the RNAT
//! reported for the partial group otherwise (rse-spec.md §2.3, §9.2): the `rnat_end` the last
//! write-back computed (`$rnat` of gdb; `PT_AR_RNAT` of Linux ≤ 2.6.24 gave the same word, while
//! regset kernels and this kernel's ptrace report `pt.ar_rnat`, the user RNAT at the entry,
//! which holds only the bits of slots below `pt.ar_bspstore`). The true bit is that of the
//! collection word `ia64_peek` synthesizes (`get_rnat`).
//!
//! Each register and word is read twice: as `/proc/<pid>/mem` reads it (plain user memory,
//! `Kernel::access_mm`) and as its true value ([`rbs::peek`] on the stopped task, the
//! `ia64_peek` redirect to the kernel backing store). They differ exactly where user memory is
//! stale.

use ia64_cpu::mem::MemFault;
use ia64_cpu::rse::addr::{rse_num_regs, rse_rnat_addr, rse_skip_regs, rse_slot_num};
use ia64_cpu::rse::{Cfm, FRAME_MARKER_MASK};
use ia64_machine::mmu::MemView;

use crate::kernel::Kernel;
use crate::ptrace::UReg;
use crate::rbs::{self, UserRbs};
use crate::sigframe as frame;
use crate::task::Tid;

/// The most words of the user backing store one memory view reads.
const MAX_VIEW_WORDS: u64 = 1 << 16;

/// One frame of a stop's table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FrameInfo {
    /// The frame's CFM (its frame marker).
    pub cfm: u64,
    /// The address of its r32 in the backing-store layout of its context (for a frame of an
    /// interrupted context whose registers were re-homed on an alternate store, the address it
    /// had on the original store; [`reg_addr`] gives where it is).
    pub bof: u64,
    /// Its context: 0 for the task's own frames, `n` for a frame beyond the `n`-th signal
    /// frame of the walk (`contexts[n − 1]` of the stop).
    pub context: usize,
}

impl FrameInfo {
    /// Its size and size of locals.
    pub fn sizes(&self) -> (u8, u8) {
        let c = Cfm::decode(self.cfm);
        (c.sof, c.sol)
    }
}

/// A signal frame the walk went through: the interrupted context as its sigcontext records it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SignalContext {
    /// The signal number (the trampoline's first output).
    pub signo: u64,
    /// The address of the `struct sigcontext`.
    pub sc: u64,
    /// `sc_ar_bsp`: the end of the interrupted frame on the original store.
    pub bsp_end: u64,
    /// `sc_cfm`: the interrupted frame marker.
    pub cfm: u64,
    /// `sc_ar_pfs`: `ar.pfs` of the interrupted context.
    pub pfs: u64,
    /// `sc_rbs_base`: 0, or the alternate store the trampoline switched to.
    pub rbs_base: u64,
    /// `sc_loadrs`: the re-homed dirty partition's size in bytes, shifted left by 16.
    pub loadrs: u64,
    /// `sc_ar_rnat`: NaT bits of the original store's partial group below `bspstore0`.
    pub ar_rnat: u64,
    /// With a switch: `bspstore0`, the first original-store address of the re-homed registers.
    pub bspstore0: Option<u64>,
}

impl SignalContext {
    /// The number of registers re-homed on the alternate store.
    pub fn rehomed(&self) -> u64 {
        if self.rbs_base == 0 {
            return 0;
        }
        rse_num_regs(self.rbs_base, self.rbs_base.wrapping_add(self.loadrs >> 16))
    }

    /// Where original-store slot `a` of the interrupted context is while the handler runs,
    /// in the layout of the context the handler runs in.
    pub fn relocate(&self, a: u64) -> u64 {
        match self.bspstore0 {
            Some(b0) if a >= b0 && a < self.bsp_end => {
                rse_skip_regs(self.rbs_base, rse_num_regs(b0, a) as i64)
            }
            _ => a,
        }
    }
}

/// The user backing store of the stopped task as a debugger sees it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RbsInfo {
    /// `PT_AR_BSPSTORE` (`pt.ar_bspstore`).
    pub bspstore: u64,
    /// `PT_AR_BSP`: the end of the user backing store.
    pub bsp_end: u64,
    /// `PT_AR_RNAT` as this kernel's ptrace reports it (`pt.ar_rnat`).
    pub pt_ar_rnat: u64,
    /// The RNAT of the partial group below `bsp_end` as the last write-back computed it (what
    /// a debugger reads as `$rnat`).
    pub rnat_end: u64,
    /// Its true value (`get_rnat` of `rnat_addr(bsp_end)`, Linux ≤ 2.6.24's `PT_AR_RNAT`).
    pub rnat_true: Option<u64>,
}

/// The words of `[PT_AR_BSPSTORE, PT_AR_BSP)` read through `/proc/<pid>/mem` and PEEKDATA.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct MemoryView {
    /// Words read (collection words included).
    pub words: u64,
    /// Words where the two reads differ (or one failed).
    pub differ: u64,
    /// Words where `/proc/<pid>/mem` differs from the true value.
    pub stale: u64,
    /// Words where PEEKDATA differs from the true value.
    pub peekdata_stale: u64,
    /// The first address where the two reads differ.
    pub first_differ: Option<u64>,
}

/// One stacked register at a stop.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RegEntry {
    /// The frame (0 = innermost).
    pub frame: usize,
    /// The register (32..).
    pub reg: u8,
    /// Its address in user memory.
    pub addr: u64,
    /// What `/proc/<pid>/mem` reads there (`None`: unreadable).
    pub mem: Option<u64>,
    /// The true value (`ia64_peek`; `None`: unreadable).
    pub truth: Option<u64>,
    /// Its NaT bit as a debugger reads it (module documentation; `None`: unreadable).
    pub nat_mem: Option<bool>,
    /// Its true NaT bit.
    pub nat_truth: Option<bool>,
}

impl RegEntry {
    /// User memory disagrees with the true value (the value or the NaT bit).
    pub fn stale(&self) -> bool {
        self.mem != self.truth || self.nat_stale()
    }

    /// The debugger's NaT bit disagrees with the true one.
    pub fn nat_stale(&self) -> bool {
        self.nat_mem != self.nat_truth
    }

    /// A NaT bit is set in either view.
    pub fn any_nat(&self) -> bool {
        self.nat_mem == Some(true) || self.nat_truth == Some(true)
    }
}

/// A read of the user backing store of `tid` that must be switched out (`None`: no such task,
/// running on a vCPU, or the read faulted).
fn stopped_read(
    k: &mut Kernel,
    tid: Tid,
    read: impl FnOnce(&mut MemView<'_>, &mut UserRbs) -> Result<u64, MemFault>,
) -> Option<u64> {
    if k.tasks.get(&tid)?.on_cpu.is_some() {
        return None;
    }
    k.with_stopped_rbs(tid, |m, r| read(m, r).ok())?
}

/// The true value of the user backing-store word at `addr` of stopped `tid`.
pub(super) fn true_word(k: &mut Kernel, tid: Tid, addr: u64) -> Option<u64> {
    stopped_read(k, tid, |m, r| rbs::peek(m, r, addr))
}

/// The true NaT-collection word of the group holding `addr` of stopped `tid`.
fn true_rnat(k: &mut Kernel, tid: Tid, addr: u64) -> Option<u64> {
    stopped_read(k, tid, |m, r| rbs::get_rnat(m, r, addr))
}

/// The word at user address `addr` as `/proc/<pid>/mem` reads it.
pub(super) fn mem_word(k: &mut Kernel, tid: Tid, addr: u64) -> Option<u64> {
    let mm = k.tasks.get(&tid)?.mm;
    let mut b = [0u8; 8];
    (k.access_mm(mm, addr, &mut b, false) == 8).then(|| u64::from_le_bytes(b))
}

/// The word at user address `addr` as `PTRACE_PEEKDATA` reads it.
pub(super) fn peekdata_word(k: &mut Kernel, tid: Tid, addr: u64) -> Option<u64> {
    k.peek_data(tid, addr)
}

/// Write `v` at user address `addr` as `/proc/<pid>/mem` writes it.
pub(super) fn write_mem(k: &mut Kernel, tid: Tid, addr: u64, v: u64) -> bool {
    match k.tasks.get(&tid).map(|t| t.mm) {
        Some(mm) => k.access_mm(mm, addr, &mut v.to_le_bytes(), true) == 8,
        None => false,
    }
}

/// Write `v` at user address `addr` as `PTRACE_POKEDATA` writes it.
pub(super) fn pokedata(k: &mut Kernel, tid: Tid, addr: u64, v: u64) -> bool {
    k.poke_data(tid, addr, v)
}

/// The user backing store of stopped `tid` as a debugger sees it.
pub(super) fn rbs_info(k: &mut Kernel, tid: Tid) -> Option<RbsInfo> {
    let rnat_end = k.tasks.get(&tid)?.rnat_end;
    // PT_AR_BSPSTORE, PT_AR_BSP and PT_AR_RNAT as PTRACE_PEEKUSR reads them.
    let bspstore = k.read_ureg(tid, UReg::Bspstore)?;
    let bsp_end = k.read_ureg(tid, UReg::Bsp)?;
    let pt_ar_rnat = k.read_ureg(tid, UReg::Rnat)?;
    Some(RbsInfo {
        bspstore,
        bsp_end,
        pt_ar_rnat,
        rnat_end,
        rnat_true: true_rnat(k, tid, rse_rnat_addr(bsp_end)),
    })
}

/// A frame marker that can describe a frame (rse-spec.md §1.1: sol ≤ sof ≤ 96, sor·8 ≤ sof).
pub(super) fn valid_frame(c: Cfm) -> bool {
    c.sof > 0 && c.is_valid()
}

/// Where slot `a` of a frame in context `ctx` is in user memory: translated through every
/// backing-store switch between that context and the task's own.
fn locate(contexts: &[SignalContext], ctx: usize, a: u64) -> u64 {
    contexts
        .iter()
        .take(ctx)
        .rev()
        .fold(a, |a, s| s.relocate(a))
}

/// The user-memory address of register `reg` of frame `frame` of a walk (`None`: no such
/// frame or register).
pub fn reg_addr(
    frames: &[FrameInfo],
    contexts: &[SignalContext],
    frame: usize,
    reg: u8,
) -> Option<u64> {
    let f = frames.get(frame)?;
    let (sof, _) = f.sizes();
    let j = reg.checked_sub(32).filter(|&j| j < sof)?;
    Some(locate(
        contexts,
        f.context,
        rse_skip_regs(f.bof, i64::from(j)),
    ))
}

/// The frames of stopped `tid`, innermost first, and the signal frames the walk went through
/// (see the module documentation).
pub(super) fn walk(k: &mut Kernel, tid: Tid, max: usize) -> (Vec<FrameInfo>, Vec<SignalContext>) {
    let mut frames = Vec::new();
    let mut contexts: Vec<SignalContext> = Vec::new();
    let Some(t) = k.tasks.get(&tid) else {
        return (frames, contexts);
    };
    let rbs = UserRbs::new(&t.pt, &t.sw);
    let mut entry_pfs = t.pt.ar_pfs;
    let mut cfm = rbs.cfm;
    let mut bof = rse_skip_regs(rbs.urbs_end, -i64::from(Cfm::decode(cfm).sof));
    // The first frame of a context may be anything (even empty); callers must be valid.
    let mut first = true;
    while frames.len() < max {
        let c = Cfm::decode(cfm);
        if !first && !valid_frame(c) {
            break;
        }
        let context = contexts.len();
        frames.push(FrameInfo { cfm, bof, context });
        let pfs = if c.sol == 0 && first {
            Some(entry_pfs)
        } else if c.sol == 0 {
            // A caller without locals: the signal trampoline's frame, or the end.
            let Some(s) = signal_context(k, tid, &frames, &contexts) else {
                break;
            };
            cfm = s.cfm;
            bof = rse_skip_regs(s.bsp_end, -i64::from(Cfm::decode(cfm).sof));
            entry_pfs = s.pfs;
            first = true;
            contexts.push(s);
            continue;
        } else {
            let at = rse_skip_regs(bof, i64::from(c.sol) - 1);
            true_word(k, tid, locate(&contexts, context, at))
        };
        first = false;
        let Some(pfs) = pfs else {
            break;
        };
        let caller = pfs & FRAME_MARKER_MASK;
        let cc = Cfm::decode(caller);
        if !valid_frame(cc) {
            break;
        }
        bof = rse_skip_regs(bof, -i64::from(cc.sol));
        cfm = caller;
        // A caller whose registers cannot be read (a program that moved its register stack
        // itself, as `mov ar.bspstore` allows, leaves its old frames where no walk finds them).
        if true_word(k, tid, locate(&contexts, context, bof)).is_none() {
            break;
        }
    }
    (frames, contexts)
}

/// If the last frame of `frames` is the signal trampoline's (see the module documentation),
/// the interrupted context its sigcontext records.
fn signal_context(
    k: &mut Kernel,
    tid: Tid,
    frames: &[FrameInfo],
    contexts: &[SignalContext],
) -> Option<SignalContext> {
    let last = frames.len().checked_sub(1)?;
    let f = frames[last];
    if f.sizes() != (3, 0) {
        return None;
    }
    let mut out = [0u64; 3];
    for (j, o) in out.iter_mut().enumerate() {
        *o = true_word(k, tid, reg_addr(frames, contexts, last, 32 + j as u8)?)?;
    }
    let [signo, info, sc] = out;
    let base = sc.wrapping_sub(frame::SIGFRAME_SC_OFFSET as u64);
    let arg = |off: usize| base.wrapping_add(off as u64);
    let matches = info == arg(frame::SIGFRAME_INFO_OFFSET)
        && mem_word(k, tid, arg(frame::SIGFRAME_ARG0_OFFSET)) == Some(signo)
        && mem_word(k, tid, arg(frame::SIGFRAME_ARG1_OFFSET)) == Some(info)
        && mem_word(k, tid, arg(frame::SIGFRAME_ARG2_OFFSET)) == Some(sc);
    if !matches {
        return None;
    }
    let mm = k.tasks.get(&tid)?.mm;
    let mut b = vec![0u8; frame::SIGCONTEXT_SIZE];
    if k.access_mm(mm, sc, &mut b, false) != b.len() {
        return None;
    }
    let s = frame::SigContext::decode(&b)?;
    let cfm = s.cfm & FRAME_MARKER_MASK;
    if !Cfm::decode(cfm).is_valid() {
        return None;
    }
    let mut ctx = SignalContext {
        signo,
        sc,
        bsp_end: s.ar_bsp,
        cfm,
        pfs: s.ar_pfs,
        rbs_base: s.rbs_base,
        loadrs: s.loadrs,
        ar_rnat: s.ar_rnat,
        bspstore0: None,
    };
    if ctx.rbs_base != 0 {
        let m = ctx.rehomed() as i64;
        ctx.bspstore0 = Some(rse_skip_regs(ctx.bsp_end, m.wrapping_neg()));
    }
    Some(ctx)
}

/// The registers shown for frame `i`: the whole innermost frame of each context; inputs and
/// locals of a caller (its outputs are its callee's inputs, already shown).
pub(super) fn shown(frames: &[FrameInfo], i: usize) -> u8 {
    let (sof, sol) = frames[i].sizes();
    let first_of_context = i == 0 || frames[i - 1].context != frames[i].context;
    if first_of_context {
        sof
    } else {
        sol
    }
}

/// Bit `slot_num(a)` of a collection word.
fn nat_bit(word: Option<u64>, a: u64) -> Option<bool> {
    word.map(|w| (w >> rse_slot_num(a)) & 1 != 0)
}

/// The NaT bit of slot `a` (in the layout of context `ctx`) as a debugger reads it, and the
/// true one (see the module documentation).
fn nat(
    k: &mut Kernel,
    tid: Tid,
    contexts: &[SignalContext],
    rbs: &RbsInfo,
    ctx: usize,
    a: u64,
) -> (Option<bool>, Option<bool>) {
    let Some(s) = ctx.checked_sub(1).and_then(|i| contexts.get(i)) else {
        let w = rse_rnat_addr(a);
        let shown = if w < rbs.bsp_end {
            nat_bit(mem_word(k, tid, w), a)
        } else {
            nat_bit(Some(rbs.rnat_end), a)
        };
        return (shown, nat_bit(true_rnat(k, tid, a), a));
    };
    match s.bspstore0 {
        // Re-homed on the store of the inner context.
        Some(b0) if a >= b0 => nat(k, tid, contexts, rbs, ctx - 1, s.relocate(a)),
        // Spilled on the original store before the signal: in memory, or in sc_ar_rnat.
        Some(b0) => {
            let w = rse_rnat_addr(a);
            if w < b0 {
                let at = locate(contexts, ctx - 1, w);
                let m = nat_bit(mem_word(k, tid, at), a);
                (m, nat_bit(true_word(k, tid, at), a))
            } else {
                let b = nat_bit(Some(s.ar_rnat), a);
                (b, b)
            }
        }
        None => nat(k, tid, contexts, rbs, ctx - 1, a),
    }
}

/// Every register of every frame (see [`shown`]), read from user memory and as it truly is.
pub(super) fn read_table(
    k: &mut Kernel,
    tid: Tid,
    frames: &[FrameInfo],
    contexts: &[SignalContext],
    rbs: &RbsInfo,
) -> Vec<RegEntry> {
    let mut regs = Vec::new();
    for (i, f) in frames.iter().enumerate() {
        for j in 0..shown(frames, i) {
            let own = rse_skip_regs(f.bof, i64::from(j));
            let addr = locate(contexts, f.context, own);
            let (nat_mem, nat_truth) = nat(k, tid, contexts, rbs, f.context, own);
            regs.push(RegEntry {
                frame: i,
                reg: 32 + j,
                addr,
                mem: mem_word(k, tid, addr),
                truth: true_word(k, tid, addr),
                nat_mem,
                nat_truth,
            });
        }
    }
    regs
}

/// Read every word of `[PT_AR_BSPSTORE, PT_AR_BSP)` through `/proc/<pid>/mem` and through
/// PEEKDATA (rse-spec.md §9.4 point 6).
pub(super) fn memory_view(k: &mut Kernel, tid: Tid, rbs: &RbsInfo) -> MemoryView {
    let mut v = MemoryView::default();
    let mut a = rbs.bspstore & !7;
    while a < rbs.bsp_end && v.words < MAX_VIEW_WORDS {
        let m = mem_word(k, tid, a);
        let p = peekdata_word(k, tid, a);
        v.words += 1;
        if m != p {
            v.differ += 1;
            v.first_differ.get_or_insert(a);
        }
        let t = true_word(k, tid, a);
        if m != t {
            v.stale += 1;
        }
        if p != t {
            v.peekdata_stale += 1;
        }
        a = a.wrapping_add(8);
    }
    v
}
