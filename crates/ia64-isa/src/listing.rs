//! objdump `-d`-style listings of code sections.
//!
//! Reproduces the layout GNU objdump uses for ia64: a label line before each
//! symbol, three lines per bundle (address, the bundle bytes split 6/6/4, the
//! slot text), addresses trimmed of leading zeros in groups of four the way
//! objdump does for sections that end below 2^48.  ELF parsing is not done
//! here (this crate is pure); callers pass section bytes and symbols.

use crate::bundle::decode_bundle;
use crate::disasm::{bundle_lines, Symbolize};
use core::fmt::Write;

/// A code symbol.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Symbol {
    /// Its address.
    pub addr: u64,
    /// Its name.
    pub name: String,
    /// Global symbols win ties over local ones for labels and targets.
    pub global: bool,
}

/// Symbols sorted by address, used for labels and branch-target names.
#[derive(Clone, Debug, Default)]
pub struct SymbolTable {
    syms: Vec<Symbol>,
}

impl SymbolTable {
    /// Builds a table; for equal addresses the first global symbol (in the
    /// given order) is preferred, then the first local one.
    pub fn new(mut syms: Vec<Symbol>) -> Self {
        // Stable sort keeps the caller's order among equals.
        syms.sort_by_key(|s| (s.addr, !s.global));
        syms.dedup_by_key(|s| s.addr);
        SymbolTable { syms }
    }

    /// The preferred symbol exactly at `addr`.
    pub fn at(&self, addr: u64) -> Option<&Symbol> {
        self.syms
            .binary_search_by_key(&addr, |s| s.addr)
            .ok()
            .and_then(|i| self.syms.get(i))
    }

    /// The nearest symbol at or below `addr` within `[lo, hi)`.
    fn below_in(&self, addr: u64, lo: u64, hi: u64) -> Option<&Symbol> {
        let idx = self.syms.partition_point(|s| s.addr <= addr);
        idx.checked_sub(1)
            .and_then(|i| self.syms.get(i))
            .filter(|s| s.addr >= lo && s.addr < hi)
    }

    /// The nearest symbol above `addr` within `[lo, hi)`.
    fn above_in(&self, addr: u64, lo: u64, hi: u64) -> Option<&Symbol> {
        let idx = self.syms.partition_point(|s| s.addr <= addr);
        self.syms.get(idx).filter(|s| s.addr >= lo && s.addr < hi)
    }

    /// All symbols.
    pub fn symbols(&self) -> &[Symbol] {
        &self.syms
    }
}

impl Symbolize for SymbolTable {
    fn lookup(&self, addr: u64) -> Option<(&str, u64)> {
        let idx = self.syms.partition_point(|s| s.addr <= addr);
        let s = self.syms.get(idx.checked_sub(1)?)?;
        Some((s.name.as_str(), addr.wrapping_sub(s.addr)))
    }
}

/// A code section to list.
pub struct Section<'a> {
    /// Section name, e.g. `.text`.
    pub name: &'a str,
    /// Address of its first byte.
    pub vma: u64,
    /// Its contents.
    pub bytes: &'a [u8],
}

/// How many leading address characters objdump drops for a section ending
/// at `end`: leading zeros in groups of four, always leaving one zero.
fn skip_addr_chars(vma: u64, end: u64) -> usize {
    let zeros = format!("{end:016x}")
        .bytes()
        .take_while(|&c| c == b'0')
        .count();
    if zeros == 16 && vma != 0 {
        return 0;
    }
    if zeros == 0 {
        0
    } else {
        (zeros - 1) & !3
    }
}

fn write_addr(out: &mut String, addr: u64, skip: usize) {
    let full = format!("{addr:016x}");
    let tail = full.get(skip..).unwrap_or("");
    let digits = tail.trim_start_matches('0');
    let shown = if digits.is_empty() { "0" } else { digits };
    let _ = write!(out, "{shown:>width$}:\t", width = tail.len());
}

fn write_bytes(out: &mut String, bytes: &[u8], pad: bool) {
    for b in bytes {
        let _ = write!(out, "{b:02x} ");
    }
    if pad {
        for _ in bytes.len()..6 {
            out.push_str("   ");
        }
    }
}

fn write_label(out: &mut String, sec: &Section, addr: u64, syms: &SymbolTable) {
    let end = sec.vma.wrapping_add(sec.bytes.len() as u64);
    let label = if let Some(s) = syms.at(addr).filter(|s| s.addr >= sec.vma && s.addr < end) {
        s.name.clone()
    } else if let Some(s) = syms.below_in(addr, sec.vma, end) {
        format!("{}+0x{:x}", s.name, addr - s.addr)
    } else if let Some(s) = syms.above_in(addr, sec.vma, end) {
        format!("{}-0x{:x}", s.name, s.addr - addr)
    } else {
        sec.name.to_string()
    };
    let _ = write!(out, "\n{addr:016x} <{label}>:\n");
}

/// Appends objdump's listing of one section (from `Disassembly of section`
/// on) to `out`, with `syms` for both labels and branch targets.
pub fn write_section(out: &mut String, sec: &Section, syms: &SymbolTable) {
    write_section_with(out, sec, syms, syms)
}

/// Like [`write_section`], with separate label symbols (`syms`) and
/// branch-target lookup (`targets`).
pub fn write_section_with(
    out: &mut String,
    sec: &Section,
    syms: &SymbolTable,
    targets: &dyn Symbolize,
) {
    let _ = write!(out, "\nDisassembly of section {}:\n", sec.name);
    let end = sec.vma.wrapping_add(sec.bytes.len() as u64);
    let skip = skip_addr_chars(sec.vma, end);
    for (i, chunk) in sec.bytes.chunks(16).enumerate() {
        let addr = sec.vma.wrapping_add(16 * i as u64);
        if i == 0
            || syms
                .at(addr)
                .is_some_and(|s| s.addr >= sec.vma && s.addr < end)
        {
            write_label(out, sec, addr, syms);
        }
        let Ok(bytes) = <[u8; 16]>::try_from(chunk) else {
            write_addr(out, addr, skip);
            write_bytes(out, chunk, false);
            out.push('\n');
            continue;
        };
        let b = decode_bundle(&bytes, addr);
        let lines = bundle_lines(&b, targets);
        for (j, (lo, hi)) in [(0usize, 6usize), (6, 12), (12, 16)]
            .into_iter()
            .enumerate()
        {
            write_addr(out, addr.wrapping_add(lo as u64), skip);
            match &lines[j] {
                Some(text) => {
                    write_bytes(out, &bytes[lo..hi], true);
                    let _ = writeln!(out, "\t{text}");
                }
                None => {
                    write_bytes(out, &bytes[lo..hi], false);
                    out.push('\n');
                }
            }
        }
    }
}

/// objdump's header line block for a file.
pub fn write_header(out: &mut String, file_name: &str) {
    let _ = write!(out, "\n{file_name}:     file format elf64-ia64-little\n\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn address_trimming() {
        assert_eq!(skip_addr_chars(0, 0x40), 12);
        assert_eq!(
            skip_addr_chars(0x4000_0000_0000_0080, 0x4000_0000_0000_0100),
            0
        );
        let mut s = String::new();
        write_addr(&mut s, 0, 12);
        write_addr(&mut s, 0x1c, 12);
        assert_eq!(s, "   0:\t  1c:\t");
    }

    #[test]
    fn labels_before_first_symbol() {
        let syms = SymbolTable::new(vec![Symbol {
            addr: 0x10,
            name: "zed".into(),
            global: false,
        }]);
        let sec = Section {
            name: ".text",
            vma: 0,
            bytes: &[0; 32],
        };
        let mut out = String::new();
        write_section(&mut out, &sec, &syms);
        assert!(out.contains("0000000000000000 <zed-0x10>:\n"));
        assert!(out.contains("0000000000000010 <zed>:\n"));
    }
}
