//! ELF files: symbols and objdump-style listings of executable sections.
//!
//! Uses the `object` crate for parsing.  Every malformed input is an
//! [`ElfError`], never a panic.

use ia64_isa::disasm::Symbolize;
use ia64_isa::listing::{self, Section, Symbol, SymbolTable};
use object::{Object, ObjectSection, ObjectSymbol, SectionIndex, SymbolKind};

/// Why an ELF file could not be used.
#[derive(Debug, thiserror::Error)]
pub enum ElfError {
    /// The bytes are not a parseable object file.
    #[error("not a valid ELF file: {0}")]
    Parse(String),
    /// A parseable file for another machine.
    #[error("not an IA-64 ELF file (machine {0})")]
    WrongMachine(String),
    /// A section's contents lie outside the file.
    #[error("section {0} is truncated")]
    Truncated(String),
}

fn open(data: &[u8]) -> Result<object::File<'_>, ElfError> {
    let file = object::File::parse(data).map_err(|e| ElfError::Parse(e.to_string()))?;
    if file.architecture() != object::Architecture::Ia64 {
        return Err(ElfError::WrongMachine(format!("{:?}", file.architecture())));
    }
    Ok(file)
}

/// Code and data symbols of the file, with their section index.
fn symbols(file: &object::File<'_>) -> Vec<(Option<SectionIndex>, Symbol)> {
    file.symbols()
        .filter(|s| !matches!(s.kind(), SymbolKind::Section | SymbolKind::File))
        .filter_map(|s| {
            let name = s.name().ok()?;
            if name.is_empty() {
                return None;
            }
            Some((
                s.section_index(),
                Symbol {
                    addr: s.address(),
                    name: name.to_string(),
                    global: s.is_global(),
                },
            ))
        })
        .collect()
}

/// Looks branch targets up in the section's own symbols first, then in all.
struct SectionFirst<'a> {
    own: &'a SymbolTable,
    all: &'a SymbolTable,
    lo: u64,
    hi: u64,
}

impl Symbolize for SectionFirst<'_> {
    fn lookup(&self, addr: u64) -> Option<(&str, u64)> {
        if addr >= self.lo && addr < self.hi {
            if let Some(r) = self.own.lookup(addr) {
                return Some(r);
            }
        }
        self.all.lookup(addr)
    }
}

/// An objdump `-d` listing of every executable section of `data`;
/// `file_name` is printed in the header as objdump prints its argument.
pub fn disassemble(data: &[u8], file_name: &str) -> Result<String, ElfError> {
    let file = open(data)?;
    let syms = symbols(&file);
    let all = SymbolTable::new(syms.iter().map(|(_, s)| s.clone()).collect());
    let mut out = String::new();
    listing::write_header(&mut out, file_name);
    for sec in file.sections() {
        // object classifies SHF_EXECINSTR sections with contents as Text.
        if sec.kind() != object::SectionKind::Text {
            continue;
        }
        let name = sec.name().unwrap_or("?").to_string();
        let bytes = sec.data().map_err(|_| ElfError::Truncated(name.clone()))?;
        if bytes.is_empty() {
            continue;
        }
        let own = SymbolTable::new(
            syms.iter()
                .filter(|(i, _)| *i == Some(sec.index()))
                .map(|(_, s)| s.clone())
                .collect(),
        );
        let lo = sec.address();
        let section = Section {
            name: &name,
            vma: lo,
            bytes,
        };
        let lookup = SectionFirst {
            own: &own,
            all: &all,
            lo,
            hi: lo.wrapping_add(bytes.len() as u64),
        };
        listing::write_section_with(&mut out, &section, &own, &lookup);
    }
    Ok(out)
}
