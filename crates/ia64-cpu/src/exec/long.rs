//! X-unit (L+X) execution: `movl`, `brl.cond`, `brl.call`, `break.x`, `nop.x`, `hint.x`
//! (SDM Vol. 3 §4.7 X1–X5 and the `movl`, `brl`, `break`, `nop`, `hint` pages).
//!
//! The long branches share the target checks and the call primitive of [`super::branch`]
//! (same deviations for the traps a taken branch raises; see that module's docs). `brl` is
//! implemented (CPUID\[4\].lb), so `instruction_implemented(BRL)` holds.

use ia64_isa::unit_x::XInsn;

use super::branch::{call, taken};
use super::{Flow, SlotCtx};
use crate::fault::Fault;
use crate::mem::Memory;
use crate::state::State;

/// Execute an L+X instruction (its qualifying predicate is true).
#[inline]
pub fn exec<M: Memory + ?Sized>(
    st: &mut State,
    mem: &mut M,
    insn: &XInsn,
    ctx: SlotCtx,
) -> Result<Flow, Fault> {
    let _ = mem;
    match *insn {
        // SDM Vol. 3 `movl`: GR[r1] ← imm64, NaT cleared.
        XInsn::Movl { r1, imm } => {
            st.write_gr(r1, imm, false)?;
            Ok(Flow::Next)
        }
        // SDM Vol. 3 `brl` "case 'cond'": taken (the predicate is true).
        XInsn::BrlCond { target, .. } => taken(st, target),
        // SDM Vol. 3 `brl` "case 'call'": as `br.call`, BR[b1] ← IP + 16.
        XInsn::BrlCall { b1, target, .. } => call(st, b1, target, ctx),
        // SDM Vol. 3 `break`: Break Instruction fault, CR.IIM ← imm62.
        XInsn::Break { imm } => Err(Fault::Break { imm }),
        XInsn::Nop { .. } | XInsn::Hint { .. } => Ok(Flow::Next),
    }
}
