//! Placeholder: the unit decoder is being written.

use crate::disasm::Ctx;
use crate::insn::{DecodeError, Slot};
use core::fmt::{self, Write};

/// Instructions of this class.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum XInsn {
    /// Not yet decoded.
    Unknown,
}

impl XInsn {
    /// Writes objdump's text for the instruction.
    pub fn write(&self, w: &mut dyn Write, _cx: &Ctx) -> fmt::Result {
        w.write_str("?")
    }
}

/// Decodes an L+X slot pair.
pub fn decode(l: u64, x: u64, _addr: u64) -> Result<Slot, DecodeError> {
    let _ = l;
    Err(DecodeError::reserved(x))
}
