//! objdump-compatible disassembly text.
//!
//! The text of a slot is what GNU objdump prints in its third column: for the
//! first slot of a bundle the template marker (`[MII]`; `[-d-]`, the template
//! value halved, for reserved templates) padded to 6 columns, for later slots 6 spaces; then
//! the qualifying predicate as `(pNN) ` or six spaces; then the instruction;
//! then `;;` when a stop follows a decoded slot.  Undecodable slots print as
//! `data8 0x<raw slot>` (high word, then the low word in 8 digits).

use crate::bundle::Bundle;
use crate::insn::{Insn, Slot};
use core::fmt::{self, Write};

/// Resolves addresses to symbols for branch-target operands.
pub trait Symbolize {
    /// The symbol containing `addr` and the offset from its start.
    fn lookup(&self, addr: u64) -> Option<(&str, u64)>;
}

/// A symbolizer that knows no symbols (targets print as `0x…`).
pub struct NoSymbols;

impl Symbolize for NoSymbols {
    fn lookup(&self, _addr: u64) -> Option<(&str, u64)> {
        None
    }
}

/// Output context handed to the per-unit formatters.
pub struct Ctx<'a> {
    /// Symbol lookup for branch targets.
    pub symbols: &'a dyn Symbolize,
}

impl Ctx<'_> {
    /// Writes a code address operand the way objdump does: `0x1230` when no
    /// symbol is known, else `1230 <sym>` or `1230 <sym+0x10>`.
    pub fn target(&self, w: &mut dyn Write, addr: u64) -> fmt::Result {
        match self.symbols.lookup(addr) {
            None => write!(w, "0x{addr:x}"),
            Some((name, 0)) => write!(w, "{addr:x} <{name}>"),
            Some((name, off)) => write!(w, "{addr:x} <{name}+0x{off:x}>"),
        }
    }
}

/// Writes the instruction text of a slot (no predicate, template or stop).
pub fn write_insn(w: &mut dyn Write, insn: &Insn, cx: &Ctx) -> fmt::Result {
    match insn {
        Insn::A(i) => i.write(w, cx),
        Insn::I(i) => i.write(w, cx),
        Insn::Mem(i) => i.write(w, cx),
        Insn::MSys(i) => i.write(w, cx),
        Insn::B(i) => i.write(w, cx),
        Insn::F(i) => i.write(w, cx),
        Insn::X(i) => i.write(w, cx),
    }
}

/// The instruction text with its predicate prefix, e.g. `(p06) add r3=r4,r5`.
pub fn slot_text(slot: &Slot, symbols: &dyn Symbolize) -> String {
    let mut s = String::with_capacity(48);
    let cx = Ctx { symbols };
    if slot.qp != 0 {
        let _ = write!(s, "(p{:02}) ", slot.qp);
    }
    let _ = write_insn(&mut s, &slot.insn, &cx);
    s
}

/// objdump's template marker: `[MII]`, or `[-d-]` style for reserved values.
pub fn template_marker(b: &Bundle) -> String {
    match b.template {
        Some(t) => format!("[{}]", t.name()),
        // Reserved templates come in pairs; objdump names the pair.
        None => format!("[-{:x}-]", b.template_value >> 1),
    }
}

/// The text column of the three lines objdump prints for a bundle.  The
/// third entry is `None` for MLX bundles (objdump prints only bytes there).
pub fn bundle_lines(b: &Bundle, symbols: &dyn Symbolize) -> [Option<String>; 3] {
    let mut out: [Option<String>; 3] = [None, None, None];
    let cx = Ctx { symbols };
    let count = if b.template.is_some_and(|t| t.is_mlx()) {
        2
    } else {
        3
    };
    for (i, slot) in out.iter_mut().enumerate().take(count) {
        let mut line = String::with_capacity(64);
        if i == 0 {
            let _ = write!(line, "{:<6}", template_marker(b));
        } else {
            line.push_str("      ");
        }
        match &b.slots[i] {
            Ok(s) => {
                if s.qp != 0 {
                    let _ = write!(line, "({}) ", PredName(s.qp));
                } else {
                    line.push_str("      ");
                }
                let _ = write_insn(&mut line, &s.insn, &cx);
            }
            Err(e) => {
                line.push_str("      ");
                // objdump formats the slot with C's `%#011llx`: zero-padded to
                // 11 characters including `0x` (0x10000000 is `0x010000000`),
                // and zero has no `0x` at all.
                if e.raw == 0 {
                    line.push_str("data8 00000000000");
                } else {
                    let _ = write!(line, "data8 {:#011x}", e.raw);
                }
            }
        }
        // objdump prints no stop after an undecodable slot.
        if b.slots[i].is_ok() && (b.stop_after(i) || (count == 2 && i == 1 && b.stop_after(2))) {
            line.push_str(";;");
        }
        *slot = Some(line);
    }
    out
}

/// objdump's spelling of a qualifying predicate: two digits, `p06`.
struct PredName(u8);

impl fmt::Display for PredName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "p{:02}", self.0)
    }
}
