//! Symbolization of instruction addresses: ELF function symbols plus DWARF line information.
//!
//! Addresses are IA-64 *slot addresses* `bundle | slot` (slot 0-2), the convention of GNU as's
//! line tables and of gdb; a bundle address is slot 0. [`Symbolizer::symbolize`] formats
//! `name+0xoff (file:line)`, e.g. `_start+0x20 (hello.s:24)`; the offset is omitted when it is 0
//! and each part is omitted when unknown.
//!
//! ```
//! use ia64_machine::symbols::Symbolizer;
//! let elf = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/../../test-programs/bin/hello")).unwrap();
//! let s = Symbolizer::from_elf(&elf).unwrap();
//! assert_eq!(s.symbolize(0x4000_0000_0000_0080).as_deref(), Some("_start (hello.s:18)"));
//! ```

use std::borrow::Cow;

use object::{Object, ObjectSection, ObjectSymbol, SectionKind, SymbolKind};

use crate::elf::ElfError;

/// A code symbol.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sym {
    /// Start address.
    pub addr: u64,
    /// Size in bytes (0 if unknown: extends to the next symbol or the end of its section).
    pub size: u64,
    /// End of the containing section (bound for size-less symbols).
    pub section_end: u64,
    /// Name.
    pub name: String,
}

/// One row of the line table: addresses `[addr, next row)` come from `file:line`.
#[derive(Clone, Debug, PartialEq, Eq)]
struct LineRow {
    addr: u64,
    file: u32,
    line: u32,
    /// End of sequence marker: no line for addresses from here on.
    end: bool,
}

/// Symbols and line tables of one ELF file.
#[derive(Clone, Debug, Default)]
pub struct Symbolizer {
    syms: Vec<Sym>,
    files: Vec<String>,
    /// Sequences, each sorted by address; rows of all sequences, grouped.
    seqs: Vec<Vec<LineRow>>,
}

impl Symbolizer {
    /// Read the function symbols (and assembly labels in executable sections) and `.debug_line`.
    /// Missing or malformed DWARF only means no line numbers.
    pub fn from_elf(data: &[u8]) -> Result<Self, ElfError> {
        let file = object::File::parse(data).map_err(|e| ElfError::Parse(e.to_string()))?;
        let mut syms = Vec::new();
        for s in file.symbols() {
            let Ok(name) = s.name() else { continue };
            if name.is_empty() {
                continue;
            }
            let Some(idx) = s.section_index() else {
                continue;
            };
            let Ok(sec) = file.section_by_index(idx) else {
                continue;
            };
            // Functions and assembly labels in executable sections.
            let code_section = sec.kind() == SectionKind::Text;
            let code_kind = matches!(
                s.kind(),
                SymbolKind::Text | SymbolKind::Unknown | SymbolKind::Label
            );
            if !code_section || !code_kind {
                continue;
            }
            syms.push(Sym {
                addr: s.address(),
                size: s.size(),
                section_end: sec.address().saturating_add(sec.size()),
                name: name.to_string(),
            });
        }
        syms.sort_by(|a, b| a.addr.cmp(&b.addr).then(b.size.cmp(&a.size)));
        syms.dedup_by(|b, a| a.addr == b.addr && a.name == b.name);
        let mut me = Self {
            syms,
            files: Vec::new(),
            seqs: Vec::new(),
        };
        // DWARF problems are not fatal: symbols still work.
        let _ = me.load_lines(&file);
        Ok(me)
    }

    /// The sorted code symbols.
    pub fn symbols(&self) -> &[Sym] {
        &self.syms
    }

    fn load_lines(&mut self, file: &object::File<'_>) -> Result<(), gimli::Error> {
        let endian = gimli::RunTimeEndian::Little;
        let load = |id: gimli::SectionId| -> Result<Cow<'_, [u8]>, gimli::Error> {
            Ok(file
                .section_by_name(id.name())
                .and_then(|s| s.uncompressed_data().ok())
                .unwrap_or(Cow::Borrowed(&[][..])))
        };
        let sections = gimli::DwarfSections::load(load)?;
        let dwarf = sections.borrow(|s| gimli::EndianSlice::new(s, endian));
        let mut units = dwarf.units();
        while let Some(header) = units.next()? {
            let unit = dwarf.unit(header)?;
            let Some(program) = unit.line_program.clone() else {
                continue;
            };
            let mut rows = program.rows();
            let mut seq: Vec<LineRow> = Vec::new();
            while let Some((header, row)) = rows.next_row()? {
                let file_idx = match row.file(header) {
                    Some(f) => {
                        let name = dwarf
                            .attr_string(&unit, f.path_name())
                            .map(|s| s.to_string_lossy().into_owned())
                            .unwrap_or_else(|_| "?".to_string());
                        self.intern(name)
                    }
                    None => self.intern("?".to_string()),
                };
                let line = row.line().map_or(0, |l| l.get()) as u32;
                seq.push(LineRow {
                    addr: row.address(),
                    file: file_idx,
                    line,
                    end: row.end_sequence(),
                });
                if row.end_sequence() {
                    self.seqs.push(std::mem::take(&mut seq));
                }
            }
            if !seq.is_empty() {
                self.seqs.push(seq);
            }
        }
        for s in &mut self.seqs {
            s.sort_by_key(|r| r.addr);
        }
        Ok(())
    }

    fn intern(&mut self, name: String) -> u32 {
        // Print the file name as it appears in the line table, without directories.
        let short = name.rsplit('/').next().unwrap_or(&name).to_string();
        match self.files.iter().position(|f| *f == short) {
            Some(i) => i as u32,
            None => {
                self.files.push(short);
                (self.files.len() - 1) as u32
            }
        }
    }

    /// The function containing slot address `ip` and the offset into it.
    pub fn lookup_symbol(&self, ip: u64) -> Option<(&str, u64)> {
        let i = self.syms.partition_point(|s| s.addr <= ip).checked_sub(1)?;
        let s = &self.syms[i];
        let end = if s.size > 0 {
            s.addr.saturating_add(s.size)
        } else {
            self.syms
                .get(i + 1)
                .map_or(s.section_end, |n| n.addr.min(s.section_end))
        };
        (ip < end || (s.size == 0 && ip < s.section_end)).then(|| (s.name.as_str(), ip - s.addr))
    }

    /// The source file and line of slot address `ip`.
    pub fn lookup_line(&self, ip: u64) -> Option<(&str, u32)> {
        for seq in &self.seqs {
            let (Some(first), Some(last)) = (seq.first(), seq.last()) else {
                continue;
            };
            if ip < first.addr || ip >= last.addr {
                continue;
            }
            let i = seq.partition_point(|r| r.addr <= ip).checked_sub(1)?;
            let r = &seq[i];
            if r.end || r.line == 0 {
                return None;
            }
            return Some((self.files.get(r.file as usize)?.as_str(), r.line));
        }
        None
    }

    /// `name+0xoff (file:line)` for slot address `ip`, or `None` if nothing is known.
    pub fn symbolize(&self, ip: u64) -> Option<String> {
        let sym = self.lookup_symbol(ip).map(|(n, off)| {
            if off == 0 {
                n.to_string()
            } else {
                format!("{n}+{off:#x}")
            }
        });
        let line = self.lookup_line(ip).map(|(f, l)| format!("{f}:{l}"));
        match (sym, line) {
            (Some(s), Some(l)) => Some(format!("{s} ({l})")),
            (Some(s), None) => Some(s),
            (None, Some(l)) => Some(format!("({l})")),
            (None, None) => None,
        }
    }
}
