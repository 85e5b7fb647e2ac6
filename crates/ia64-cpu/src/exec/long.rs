//! X-unit (L+X) execution: `movl`, `brl.cond`, `brl.call`, `break.x`, `nop.x`, `hint.x`
//! (SDM Vol. 3 §4.7 X1–X5).

use ia64_isa::unit_x::XInsn;

use super::{Flow, SlotCtx};
use crate::fault::Fault;
use crate::mem::Memory;
use crate::state::State;

/// Execute an L+X instruction.
pub fn exec<M: Memory + ?Sized>(
    st: &mut State,
    mem: &mut M,
    insn: &XInsn,
    ctx: SlotCtx,
) -> Result<Flow, Fault> {
    let _ = (st, mem, insn, ctx);
    Err(Fault::Unimplemented("X-unit instruction"))
}
