//! M-unit memory instructions (major opcodes 4–7; SDM Vol. 3 §4.4 M1–M19 and the `ld`, `st`,
//! `cmpxchg`, `xchg`, `fetchadd`, `ldf`, `stf`, `ldfp`, `getf`, `setf`, `lfetch` pages).

use ia64_isa::unit_m_mem::MemInsn;

use super::SlotCtx;
use crate::fault::Fault;
use crate::mem::Memory;
use crate::state::State;

/// Execute an M-unit memory instruction.
pub fn exec<M: Memory + ?Sized>(
    st: &mut State,
    mem: &mut M,
    insn: &MemInsn,
    ctx: SlotCtx,
) -> Result<(), Fault> {
    let _ = (st, mem, insn, ctx);
    Err(Fault::Unimplemented("M-unit memory instruction"))
}
