//! IA-64 instruction decoding and disassembly.
//!
//! This crate owns the instruction set: it turns 16-byte bundles into typed
//! instructions ([`Bundle`], [`Slot`], [`Insn`]) whose operands hold
//! architectural values (sign-extended and scaled immediates, absolute branch
//! targets, real register numbers, completers as enums), and it prints them
//! exactly as GNU objdump does.  It is pure: no CPU state, no memory, no I/O.
//!
//! Layout (Intel Itanium SDM Vol. 3, "Instruction Formats"):
//! - [`bundle`]: templates, stop bits and slot extraction (SDM Vol. 1 §3.3);
//! - [`insn`]: the slot types and the dispatch, one table of decoders per
//!   unit type indexed by the major opcode; every decoder writes its slot in
//!   place, so [`decode_bundle_into`] builds no value it then copies;
//! - [`fields`]: bit-field and immediate helpers shared by the unit decoders;
//! - [`regs`]: register operand types and the names of application/control registers;
//! - one module per execution-unit instruction class: [`unit_a`], [`unit_i`],
//!   [`unit_m_mem`], [`unit_m_sys`], [`unit_b`], [`unit_f`], [`unit_x`];
//! - [`disasm`]: objdump-compatible text for slots and bundles.
//!
//! ```
//! use ia64_isa::{decode_bundle, disasm};
//! // { .mii; nop.m 0; nop.i 0; nop.i 0 ;; } as assembled by GNU as.
//! let bytes = [0x01, 0, 0, 0, 1, 0, 0, 0, 0, 2, 0, 0, 0, 0, 4, 0];
//! let b = decode_bundle(&bytes, 0x4000_0000_0000_0000);
//! let lines = disasm::bundle_lines(&b, &disasm::NoSymbols);
//! assert_eq!(lines[0].as_deref(), Some("[MII]       nop.m 0x0"));
//! assert_eq!(lines[2].as_deref(), Some("            nop.i 0x0;;"));
//! ```

#![forbid(unsafe_code)]

pub mod bundle;
pub mod disasm;
pub mod fields;
pub mod insn;
pub mod listing;
pub mod regs;
pub mod unit_a;
pub mod unit_b;
pub mod unit_f;
pub mod unit_i;
pub mod unit_m_mem;
pub mod unit_m_sys;
pub mod unit_x;

pub use bundle::{decode_bundle, decode_bundle_into, Bundle, Template, Unit};
pub use insn::{DecodeError, Insn, Slot};
