//! Straight-line blocks of micro-ops: the run loop's fastest path.
//!
//! A [`Block`] is the flat list of the non-`nop` micro-ops of a run of bundles that fall through
//! into each other inside one cached page, up to and including the first bundle whose branch is
//! always taken (an unpredicated `br.cond`). A conditional branch inside a block is a side exit:
//! taken, it ends the block at its bundle; not taken, the block runs on. No slot of a block goes to
//! the generic executor (those are the only slots that can change the privilege level, PSR,
//! translations, the RSE's dirty partition or RSC), none is a reserved encoding, and none has a
//! rotating qualifying predicate (so each micro-op's predicate is one fixed bit of `State::pr`).
//! The conditions the run loop checks after every bundle (fetch context, single step, eager RSE
//! work, budget) can therefore be checked once for the whole block:
//!
//! * the run loop enters a block only at slot 0, without single step or taken-branch traps
//!   (PSR.ss, PSR.tb), tracer or debugger hooks, when the whole block fits the budget and when the
//!   eager RSE has nothing to do (no dirty registers, or an RSC mode without eager stores:
//!   [`crate::rse::Rse::eager_idle`]); no micro-op changes any of these, so the per-bundle
//!   background step of the bundle path would have done nothing either;
//! * a store that moves the memory's fetch generation (a write to a code page) ends the block
//!   at the end of its bundle, where the bundle path would also have re-fetched;
//! * a taken branch ends the block with its bundle;
//! * a branch whose static target is unimplemented in the current mode (the only micro-op
//!   that asks for the generic executor) leaves the block with IP and slot naming it, and the
//!   bundle path runs it.
//!
//! An unpredicated static compare followed in its bundle by a `br.cond` becomes one fused
//! micro-op ([`fast::fuse_cmp_branch`]) that retires as the two slots; a taken branch to a
//! target unimplemented in the current mode leaves it with the compare retired and the branch
//! slot handed back to the bundle path.
//!
//! Every micro-op runs through [`super::fast::step_op`], the same dispatch as the bundle path;
//! `State::retired` and the bundle count are made exact wherever the block ends. Blocks are
//! built on the second visit of their first bundle (when the bundles of a loop are decoded),
//! live in that bundle's cache entry and die with it.

use super::fast::{self, Fast, Step};
use super::ExecStats;
use crate::cache::{Decoded, Op, PAGE_SHIFT};
use crate::fault::Fault;
use crate::mem::Memory;
use crate::state::State;

/// Most bundles in one block.
const MAX_BUNDLES: usize = 64;

/// One micro-op of a block.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BlockOp {
    /// The micro-op.
    pub fast: Fast,
    /// The bit of the qualifying predicate in `State::pr`, 0 for p0. Blocks hold no
    /// micro-op with a rotating qualifying predicate, so this is also its physical bit.
    pub qmask: u16,
    /// Position of this micro-op in [`Block::ops`].
    pub pos: u8,
    /// Bundle number within the block (0 = the first).
    pub bundle: u8,
    /// Slot number within its bundle.
    pub index: u8,
    /// Slots of the block before this one (`nop`s and the second half of `movl` included).
    pub before: u16,
}

/// A straight-line block (see the module documentation).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Block {
    /// The micro-ops in program order.
    pub ops: Box<[BlockOp]>,
    /// For each bundle, the slots of the block up to its end.
    pub ends: Box<[u16]>,
    /// Slots retired when the whole block runs.
    slots: u64,
}

impl Block {
    /// Slots retired when the whole block runs.
    #[inline(always)]
    pub fn slots(&self) -> u64 {
        self.slots
    }

    /// Bundles in the block.
    #[inline(always)]
    pub fn bundles(&self) -> usize {
        self.ends.len()
    }

    /// The block starting at bundle `start` of a cached page (`None` when its first bundle
    /// cannot be part of one). Only bundles already decoded are taken.
    pub fn build(page: &[Option<Decoded>], start: usize) -> Option<Box<Block>> {
        let mut ops = Vec::new();
        let mut ends = Vec::new();
        let mut slots: u16 = 0;
        for (k, entry) in page.iter().skip(start).take(MAX_BUNDLES).enumerate() {
            let Some(d) = entry.as_ref() else { break };
            let blockable = d
                .ops()
                .iter()
                .all(|o| !matches!(o.fast, Fast::Generic | Fast::Illegal) && o.slot.qp < 16);
            if !blockable {
                break;
            }
            // A conditional branch leaves the block only when taken (a side exit); the block
            // ends after a bundle whose branch is always taken.
            let mut always = false;
            let first = ops.len();
            for (pos, op) in d.ops().iter().enumerate() {
                always |= matches!(op.fast, Fast::BrCond { .. }) && op.slot.qp == 0;
                if matches!(op.fast, Fast::Nop) {
                    continue;
                }
                let before = slots + pos as u16;
                if let Some(fused) = fuse(ops.get(first..).unwrap_or_default(), op) {
                    // The compare becomes the pair, which retires and branches as the
                    // branch slot.
                    if let Some(last) = ops.last_mut() {
                        *last = BlockOp {
                            fast: fused,
                            index: op.index,
                            before,
                            ..*last
                        };
                    }
                    continue;
                }
                ops.push(BlockOp {
                    fast: op.fast,
                    qmask: (1 << (op.slot.qp & 15)) & !1,
                    pos: ops.len() as u8,
                    bundle: k as u8,
                    index: op.index,
                    before,
                });
            }
            slots += u16::from(d.len);
            ends.push(slots);
            if always {
                break;
            }
        }
        if ends.is_empty() {
            return None;
        }
        Some(Box::new(Block {
            ops: ops.into_boxed_slice(),
            ends: ends.into_boxed_slice(),
            slots: u64::from(slots),
        }))
    }
}

/// The fused micro-op of the block's last micro-op and `op` when they are a static compare
/// and a `br.cond` of the same bundle (`bundle_ops` are the micro-ops of that bundle so far):
/// the compare is unpredicated (a predicated-off compare must still leave the branch to run).
/// The pair cannot fault; it stops between its halves only to hand a taken branch to an
/// unimplemented target back to the bundle path, with the compare retired (the micro-op's
/// slot and `before` are the branch's). A code write ends a block only at a bundle's end.
fn fuse(bundle_ops: &[BlockOp], op: &Op) -> Option<Fast> {
    let last = bundle_ops.last()?;
    match op.fast {
        Fast::BrCond { target, bad } if last.qmask == 0 => {
            fast::fuse_cmp_branch(&last.fast, op.slot.qp, target, bad)
        }
        _ => None,
    }
}

/// How a block ended.
#[derive(Clone, Copy, Debug)]
pub enum BlockEnd {
    /// Its first `n` bundles retired and execution falls through to the bundle after them.
    Next(usize),
    /// A branch in bundle `n - 1` (the last one run) was taken to this bundle address.
    Branch(u64, usize),
    /// A micro-op of bundle `n - 1` (at `ip + 16·(n - 1)`, slot `index`) faulted.
    Fault(Fault, usize, u8),
    /// IP and slot name a slot of bundle `n` that the bundle path must run; `n` bundles
    /// retired whole before it.
    Bail(usize),
}

const PAGE_MASK: u64 = (1 << PAGE_SHIFT) - 1;

/// The fixed context of a chain of blocks ([`chain`]).
#[derive(Clone, Copy, Debug)]
pub struct ChainCtx {
    /// Branch mode of PSR ([`fast::branch_mode`]).
    pub mode: u8,
    /// The memory's fetch generation at the fetch of the first block.
    pub generation: u64,
    /// `State::retired` must not pass this.
    pub limit: u64,
}

/// Run `first`, whose first bundle is at `ip` in the cached `page`, then the blocks it leads to,
/// for as long as nothing the run loop checks between bundles can differ from the state at the
/// entry to `first`: the next block starts in the same page, fits the budget, the fetch generation
/// did not move. Single step, taken-branch traps, eager RSE state, privilege level and PSR cannot
/// change inside blocks, so the run loop's checks after each chained block would all have passed.
/// Returns the last block's address and end, which the run loop completes (IP and slot included);
/// the bundle and taken-branch counters of the blocks before it are counted here.
#[inline(never)]
pub fn chain<M: Memory + ?Sized>(
    st: &mut State,
    mem: &mut M,
    page: &[Option<Decoded>],
    first: &Block,
    ip: u64,
    cx: ChainCtx,
    stats: &mut ExecStats,
) -> (u64, BlockEnd) {
    let mut block = first;
    let mut ip = ip;
    // Counted locally and added to `stats` once.
    let (mut bundles, mut taken_branches, mut blocks) = (0u64, 0u64, 0u64);
    let last = loop {
        let end = run(st, mem, block, ip, cx.mode, cx.generation);
        let (next, n, taken) = match end {
            BlockEnd::Next(n) => (ip.wrapping_add(16 * n as u64), n, 0),
            BlockEnd::Branch(target, n) => (target & !15, n, 1),
            _ => break (ip, end),
        };
        if next & !PAGE_MASK != ip & !PAGE_MASK || mem.fetch_generation() != cx.generation {
            break (ip, end);
        }
        // A loop that is one block branches back to itself: no lookup.
        let b = if next == ip {
            block
        } else {
            let idx = ((next & PAGE_MASK) >> 4) as usize;
            match page
                .get(idx)
                .and_then(Option::as_ref)
                .and_then(|d| d.block(page, idx))
            {
                Some(b) => b,
                None => break (ip, end),
            }
        };
        if st.retired.saturating_add(b.slots()) > cx.limit {
            break (ip, end);
        }
        bundles += n as u64;
        taken_branches += taken;
        blocks += 1;
        // The block's last bundle completed: IIPA if the next block faults in its first slot.
        st.completed.bundle = ip.wrapping_add(16 * (n as u64 - 1));
        // IP and slot are left to the run loop (and to a fault or bail, which set them):
        // no micro-op reads them.
        ip = next;
        block = b;
    };
    stats.bundles += bundles;
    stats.taken_branches += taken_branches;
    stats.blocks += blocks;
    last
}

/// Run `block`, whose first bundle is at `ip`, from slot 0 (the run loop checked the entry
/// conditions of the module documentation). `mode` is the branch mode of PSR and
/// `generation` the memory's fetch generation at the fetch of the first bundle.
#[inline(always)]
pub fn run<M: Memory + ?Sized>(
    st: &mut State,
    mem: &mut M,
    block: &Block,
    ip: u64,
    mode: u8,
    generation: u64,
) -> BlockEnd {
    let base = st.retired;
    run_ops::<M, false>(st, mem, block, ip, mode, generation, base, 0, 0)
}

/// The micro-ops of `block` from position `start`; `State::retired` was `base` at the block's
/// start. With `CUT` a store of bundle `cut` moved the fetch generation: the block ends with
/// that bundle (the non-`CUT` instance continues in the `CUT` one when that happens).
#[allow(clippy::too_many_arguments)]
#[inline(always)]
fn run_ops<M: Memory + ?Sized, const CUT: bool>(
    st: &mut State,
    mem: &mut M,
    block: &Block,
    ip: u64,
    mode: u8,
    generation: u64,
    base: u64,
    start: usize,
    cut: u8,
) -> BlockEnd {
    for op in block.ops.get(start..).unwrap_or_default() {
        if CUT && op.bundle != cut {
            return end_at(st, block, base, cut);
        }
        if op.qmask != 0 && st.pr as u16 & op.qmask == 0 {
            // No micro-op of a block consumes its qualifying predicate.
            continue;
        }
        let mut fault = None;
        match fast::step_op(st, mem, &op.fast, true, mode, &mut fault) {
            Step::Next => {}
            Step::Stored => {
                if !CUT && mem.fetch_generation() != generation {
                    return cut_after::<M>(
                        st,
                        mem,
                        block,
                        ip,
                        mode,
                        generation,
                        base,
                        usize::from(op.pos),
                        op.bundle,
                    );
                }
            }
            Step::Branch(target) => {
                st.retired = base + u64::from(op.before) + 1;
                return BlockEnd::Branch(target, usize::from(op.bundle) + 1);
            }
            Step::Fault => {
                st.retired = base + u64::from(op.before);
                let f = fault.unwrap_or(Fault::IllegalOperation);
                return BlockEnd::Fault(f, usize::from(op.bundle) + 1, op.index);
            }
            Step::Generic | Step::Illegal => {
                st.retired = base + u64::from(op.before);
                st.ip = ip.wrapping_add(16 * u64::from(op.bundle));
                st.slot = op.index;
                return BlockEnd::Bail(usize::from(op.bundle));
            }
        }
    }
    if CUT {
        return end_at(st, block, base, cut);
    }
    st.retired = base + block.slots();
    BlockEnd::Next(block.bundles())
}

/// A store at position `i` of bundle `cut` wrote code: the rest of that bundle, then the end.
#[allow(clippy::too_many_arguments)]
#[cold]
#[inline(never)]
fn cut_after<M: Memory + ?Sized>(
    st: &mut State,
    mem: &mut M,
    block: &Block,
    ip: u64,
    mode: u8,
    generation: u64,
    base: u64,
    i: usize,
    cut: u8,
) -> BlockEnd {
    run_ops::<M, true>(st, mem, block, ip, mode, generation, base, i + 1, cut)
}

/// End the block after its bundle `c` (a code write in that bundle).
#[cold]
fn end_at(st: &mut State, block: &Block, base: u64, c: u8) -> BlockEnd {
    let done = block.ends.get(usize::from(c)).copied().unwrap_or(0);
    st.retired = base + u64::from(done);
    BlockEnd::Next(usize::from(c) + 1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use ia64_isa::bundle::decode_bundle;

    /// Assembled with `ia64-linux-gnu-as -xexplicit` (binutils); objdump:
    ///
    /// ```text
    ///  0: [MIB]       cmp.eq p6,p0=0,r18 | nop.i 0x0 | (p06) br.cond.dpnt.few 0x30;;
    /// 10: [MIB] (p07) cmp.eq p6,p0=0,r18 | nop.i 0x0 | (p06) br.cond.dpnt.few 0x30;;
    /// 20: [MIB]       cmp.ltu p6,p0=r2,r18 | adds r9=1,r9 | (p06) br.cond.dpnt.few 0x30;;
    /// 30: [MIB]       nop.m 0x0 | nop.i 0x0 | br.few 0x30;;
    /// ```
    const CODE: [[u8; 16]; 4] = [
        [
            0x11, 0x30, 0x00, 0x24, 0x00, 0x39, 0x00, 0x00, 0x00, 0x02, 0x00, 0x03, 0x30, 0x00,
            0x00, 0x43,
        ],
        [
            0xf1, 0x30, 0x00, 0x24, 0x00, 0x39, 0x00, 0x00, 0x00, 0x02, 0x00, 0x03, 0x20, 0x00,
            0x00, 0x43,
        ],
        [
            0x11, 0x30, 0x08, 0x24, 0x00, 0x34, 0x90, 0x08, 0x24, 0x00, 0x42, 0x03, 0x10, 0x00,
            0x00, 0x43,
        ],
        [
            0x11, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x02, 0x00, 0x00, 0x00, 0x00,
            0x00, 0x40,
        ],
    ];

    fn page() -> Vec<Option<Decoded>> {
        CODE.iter()
            .enumerate()
            .map(|(i, b)| Some(Decoded::from_bundle(&decode_bundle(b, 16 * i as u64))))
            .collect()
    }

    fn kind(f: &Fast) -> &'static str {
        match f {
            Fast::CmpEqBr(..) => "cmp.eq+br",
            Fast::CmpEqS(_) => "cmp.eq",
            Fast::CmpLtuS(_) => "cmp.ltu",
            Fast::AddImmS { .. } => "adds",
            Fast::BrCond { .. } => "br",
            _ => "other",
        }
    }

    /// Conditional branches do not end a block, the always-taken `br` does; only an
    /// unpredicated compare directly before a `br.cond` of its bundle is fused with it, and
    /// the pair takes the branch's slot and retirement position.
    #[test]
    fn blocks_span_conditional_branches_and_fuse_compare_and_branch() {
        let page = page();
        let b = Block::build(&page, 0).expect("a block starts at bundle 0");
        assert_eq!(&b.ends[..], &[3, 6, 9, 12]);
        assert_eq!(b.slots(), 12);
        let shape: Vec<(&str, u8, u8, u16, u16)> = b
            .ops
            .iter()
            .map(|o| (kind(&o.fast), o.bundle, o.index, o.before, o.qmask))
            .collect();
        assert_eq!(
            shape,
            [
                ("cmp.eq+br", 0, 2, 2, 0),
                ("cmp.eq", 1, 0, 3, 1 << 7),
                ("br", 1, 2, 5, 1 << 6),
                ("cmp.ltu", 2, 0, 6, 0),
                ("adds", 2, 1, 7, 0),
                ("br", 2, 2, 8, 1 << 6),
                ("br", 3, 2, 11, 0),
            ]
        );
        let Fast::CmpEqBr(_, br, target) = b.ops[0].fast else {
            panic!("not fused: {:?}", b.ops[0].fast);
        };
        assert_eq!((br.qmask, br.bad, target), (1 << 6, 0, 0x30));
    }
}
