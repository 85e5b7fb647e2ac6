//! A-unit execution (SDM Vol. 3 §4.2 "A-Unit Instruction Encodings" and the instruction pages):
//! integer ALU, shift-left-add, add immediate, compares (all types, including `.unc` and the
//! parallel `and`/`or`/`andcm`/`orcm`/`and.orcm`/`or.andcm` forms) and the A9/A10 multimedia ALU.

use ia64_isa::unit_a::AInsn;

use super::SlotCtx;
use crate::fault::Fault;
use crate::state::State;

/// True for the compares whose type is `.unc` (they clear both targets when the qualifying
/// predicate is false).
pub fn consumes_qp(insn: &AInsn) -> bool {
    let _ = insn;
    false
}

/// Execute an A-unit instruction whose qualifying predicate is true.
pub fn exec(st: &mut State, insn: &AInsn, ctx: SlotCtx) -> Result<(), Fault> {
    let _ = (st, insn, ctx);
    Err(Fault::Unimplemented("A-unit"))
}

/// The effect of a `.unc` compare whose qualifying predicate is false: both targets ← 0.
pub fn exec_qp_false(st: &mut State, insn: &AInsn) -> Result<(), Fault> {
    let _ = (st, insn);
    Ok(())
}
