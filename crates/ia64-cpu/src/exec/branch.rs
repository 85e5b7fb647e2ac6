//! B-unit execution (SDM Vol. 3 §4.5 B1–B9 and the `br`, `brp`, `cover`, `clrrrb`, `rfi`,
//! `bsw`, `epc`, `break`/`nop`/`hint` pages).

use ia64_isa::unit_b::BInsn;

use super::{Flow, SlotCtx};
use crate::fault::Fault;
use crate::mem::Memory;
use crate::state::State;

/// `br.wtop`/`br.wexit` use their qualifying predicate as the loop condition.
pub fn consumes_qp(insn: &BInsn) -> bool {
    let _ = insn;
    false
}

/// Execute a B-unit instruction.
pub fn exec<M: Memory + ?Sized>(
    st: &mut State,
    mem: &mut M,
    insn: &BInsn,
    ctx: SlotCtx,
) -> Result<Flow, Fault> {
    let _ = (st, mem, insn, ctx);
    Err(Fault::Unimplemented("B-unit instruction"))
}
