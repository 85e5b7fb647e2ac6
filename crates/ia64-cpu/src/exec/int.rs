//! I-unit execution (SDM Vol. 3 §4.3 "I-Unit Instruction Encodings"): multimedia multiplies,
//! mix/mux/pack/unpack, shifts, `shrp`, `extr`, `dep`, `tbit`/`tnat`/`tf`, `popcnt`, `clz`,
//! moves to/from BR, PR, AR (I-side: pfs, lc, ec) and IP, `chk.s.i`, `zxt`/`sxt`/`czx`,
//! `break.i`/`nop.i`/`hint.i`.

use ia64_isa::unit_i::IInsn;

use super::{Flow, SlotCtx};
use crate::fault::Fault;
use crate::state::State;

/// True for the `.unc` tests (`tbit`, `tnat`, `tf` with ctype `.unc`).
pub fn consumes_qp(insn: &IInsn) -> bool {
    let _ = insn;
    false
}

/// Execute an I-unit instruction whose qualifying predicate is true.
pub fn exec(st: &mut State, insn: &IInsn, ctx: SlotCtx) -> Result<Flow, Fault> {
    let _ = (st, insn, ctx);
    Err(Fault::Unimplemented("I-unit"))
}

/// The effect of a `.unc` test whose qualifying predicate is false: both targets ← 0.
pub fn exec_qp_false(st: &mut State, insn: &IInsn) -> Result<(), Fault> {
    let _ = (st, insn);
    Ok(())
}
