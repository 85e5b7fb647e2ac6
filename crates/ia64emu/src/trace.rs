//! `--trace FILE`: one line per slot, symbolized with ELF symbols and DWARF lines.
//!
//! Format: `<bundle address>.<slot>  <instruction as objdump prints it>  [<symbol> (<file>:<line>)]`,
//! with ` (nullified)` after instructions whose qualifying predicate was false.

use std::fmt::Write as _;
use std::io::Write;

use ia64_cpu::exec::Tracer;
use ia64_cpu::state::State;
use ia64_isa::disasm::{slot_text, NoSymbols};
use ia64_isa::insn::Slot;
use ia64_machine::symbols::Symbolizer;

/// The trace sink.
pub struct TraceSink<W: Write> {
    out: W,
    symbols: Symbolizer,
    line: String,
    /// First write error (the trace stops being written after it).
    pub error: Option<std::io::Error>,
}

impl<W: Write> TraceSink<W> {
    /// A sink writing to `out`.
    pub fn new(out: W, symbols: Symbolizer) -> Self {
        Self {
            out,
            symbols,
            line: String::new(),
            error: None,
        }
    }

    /// Flush and return the first error, if any.
    pub fn finish(mut self) -> std::io::Result<()> {
        if let Some(e) = self.error.take() {
            return Err(e);
        }
        self.out.flush()
    }
}

impl<W: Write> Tracer for TraceSink<W> {
    const ACTIVE: bool = true;

    fn slot(&mut self, st: &State, slot: &Slot, executed: bool) {
        if self.error.is_some() {
            return;
        }
        self.line.clear();
        let text = slot_text(slot, &NoSymbols);
        let _ = write!(
            self.line,
            "{:#018x}.{}  {:<40}",
            st.ip,
            st.slot,
            text.trim()
        );
        if let Some(s) = self.symbols.symbolize(st.ip + u64::from(st.slot)) {
            let _ = write!(self.line, "  {s}");
        }
        if !executed {
            self.line.push_str(" (nullified)");
        }
        self.line.push('\n');
        if let Err(e) = self.out.write_all(self.line.as_bytes()) {
            self.error = Some(e);
        }
    }
}
