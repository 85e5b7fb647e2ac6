//! Placeholder: the unit decoder is being written.

use crate::disasm::Ctx;
use crate::insn::{DecodeError, Slot};
use core::fmt::{self, Write};

/// Instructions of this class.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MemInsn {
    /// Not yet decoded.
    Unknown,
}

impl MemInsn {
    /// Writes objdump's text for the instruction.
    pub fn write(&self, w: &mut dyn Write, _cx: &Ctx) -> fmt::Result {
        w.write_str("?")
    }
}

/// Decodes a slot of this class.
pub fn decode(raw: u64) -> Result<Slot, DecodeError> {
    Err(DecodeError::reserved(raw))
}
