//! M-unit system instructions (major opcodes 0–1; SDM Vol. 3 §4.4 M20–M48).

use ia64_isa::unit_m_sys::MSysInsn;

use super::{Flow, SlotCtx};
use crate::fault::Fault;
use crate::mem::Memory;
use crate::state::State;

/// Execute an M-unit system instruction.
pub fn exec<M: Memory + ?Sized>(
    st: &mut State,
    mem: &mut M,
    insn: &MSysInsn,
    ctx: SlotCtx,
) -> Result<Flow, Fault> {
    let _ = (st, mem, insn, ctx);
    Err(Fault::Unimplemented("M-unit system instruction"))
}
