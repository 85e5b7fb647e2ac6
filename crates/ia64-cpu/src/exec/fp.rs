//! F-unit execution. The floating-point unit is issue #9; until then every F-unit instruction
//! is reported as unimplemented (a host-side limitation, never a guest fault).

use ia64_isa::unit_f::FInsn;

use super::{Flow, SlotCtx};
use crate::fault::Fault;
use crate::mem::Memory;
use crate::state::State;

/// True for the `.unc` floating-point compares and classes.
pub fn consumes_qp(insn: &FInsn) -> bool {
    let _ = insn;
    false
}

/// Execute an F-unit instruction.
pub fn exec<M: Memory + ?Sized>(
    st: &mut State,
    mem: &mut M,
    insn: &FInsn,
    ctx: SlotCtx,
) -> Result<Flow, Fault> {
    let _ = (st, mem, insn, ctx);
    Err(Fault::Unimplemented(
        "F-unit instruction (floating point is issue #9)",
    ))
}

/// The effect of a `.unc` compare whose qualifying predicate is false.
pub fn exec_qp_false(st: &mut State, insn: &FInsn) -> Result<(), Fault> {
    let _ = (st, insn);
    Err(Fault::Unimplemented(
        "F-unit instruction (floating point is issue #9)",
    ))
}
