//! The host-side RSE coherence harness (issue #7): an engine that stops a task at chosen
//! events and, at each stop, compares the stacked registers a debugger reads from user memory
//! with the true values.
//!
//! (Being written: see the issue. Until then the engine never attaches and these hooks do
//! nothing.)

use crate::engines::EngineKind;
use crate::kernel::{Kernel, KernelError};
use crate::task::Tid;
use crate::utrace::{Callee, Report, ResumeAction};

/// One callback to the harness engine.
pub(crate) fn report(
    _k: &mut Kernel,
    _c: Callee<Tid, EngineKind, u64>,
    _action: u32,
    _r: &mut Report<'_, Tid>,
) -> u32 {
    ResumeAction::Detach.bits()
}

/// `tid` entered a tracing stop (after the write-back of the policy).
pub(crate) fn on_stopped(_k: &mut Kernel, _tid: Tid) -> Result<(), KernelError> {
    Ok(())
}
