//! Differential testing of `ia64-isa` against GNU objdump for ia64.
//!
//! This crate owns the oracle plumbing: finding the binutils tools, running
//! `ia64-linux-gnu-objdump` on raw bundles, parsing its listing, generating
//! seeded random and mutated bundles, and comparing our text with objdump's
//! slot by slot.  Tests that need the oracle call [`oracle_or_skip`], which
//! skips with a printed reason when the tool is missing and fails instead
//! when `IA64EMU_REQUIRE_ORACLES=1`.

use ia64_isa::{decode_bundle, disasm};
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::Command;

/// Name of the objdump binary from Debian's `binutils-ia64-linux-gnu`.
pub const OBJDUMP: &str = "ia64-linux-gnu-objdump";
/// Name of the assembler.
pub const AS: &str = "ia64-linux-gnu-as";
/// Name of the linker.
pub const LD: &str = "ia64-linux-gnu-ld";

/// Finds `tool` on `PATH`.
pub fn find_tool(tool: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|d| d.join(tool))
        .find(|p| p.is_file())
}

/// True when `IA64EMU_REQUIRE_ORACLES=1`: missing oracles are failures.
pub fn oracles_required() -> bool {
    std::env::var("IA64EMU_REQUIRE_ORACLES").is_ok_and(|v| v == "1")
}

/// Returns the path of `tool`, or prints why the calling test skips and
/// returns `None`.  Panics when the oracle is required but missing.
pub fn oracle_or_skip(tool: &str, test: &str) -> Option<PathBuf> {
    match find_tool(tool) {
        Some(p) => Some(p),
        None if oracles_required() => {
            panic!("{test}: {tool} not found but IA64EMU_REQUIRE_ORACLES=1")
        }
        None => {
            eprintln!("skipping {test}: {tool} is not installed (apt-get install binutils-ia64-linux-gnu)");
            None
        }
    }
}

/// objdump's text column for each line of each bundle (`None` where objdump
/// printed only bytes, i.e. the X slot of MLX bundles).
pub type Lines = [Option<String>; 3];

/// Runs objdump on raw bundles placed at `vma` and returns its text columns.
pub fn objdump_bundles(
    objdump: &std::path::Path,
    bundles: &[[u8; 16]],
    vma: u64,
) -> Result<Vec<Lines>, String> {
    let dir = std::env::temp_dir();
    let file = dir.join(format!(
        "ia64-objdiff-{}-{:x}.bin",
        std::process::id(),
        bundles.len() as u64
            ^ vma
            ^ bundles
                .first()
                .map_or(0, |b| u128::from_le_bytes(*b) as u64)
    ));
    let bytes: Vec<u8> = bundles.iter().flatten().copied().collect();
    std::fs::write(&file, &bytes).map_err(|e| format!("writing {}: {e}", file.display()))?;
    let out = Command::new(objdump)
        .args(["-D", "-z", "-b", "binary", "-m", "ia64"])
        .arg(format!("--adjust-vma=0x{vma:x}"))
        .arg(&file)
        .output()
        .map_err(|e| format!("running objdump: {e}"));
    let _ = std::fs::remove_file(&file);
    let out = out?;
    if !out.status.success() {
        return Err(format!(
            "objdump failed: {}",
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    let text = String::from_utf8_lossy(&out.stdout);
    let mut result = vec![[None, None, None]; bundles.len()];
    parse_listing(&text, vma, |idx, line, t| {
        if let Some(r) = result.get_mut(idx) {
            r[line] = t;
        }
    });
    Ok(result)
}

/// Parses an objdump `-d` listing.  For every instruction line calls
/// `sink(bundle_index, line_in_bundle, text_column)` where the bundle index
/// counts from `vma`.
pub fn parse_listing(text: &str, vma: u64, mut sink: impl FnMut(usize, usize, Option<String>)) {
    for l in text.lines() {
        let Some((addr, rest)) = l.split_once(":\t") else {
            continue;
        };
        let Ok(addr) = u64::from_str_radix(addr.trim(), 16) else {
            continue;
        };
        let Some(off) = addr.checked_sub(vma) else {
            continue;
        };
        let line = match off % 16 {
            0 => 0,
            6 => 1,
            12 => 2,
            _ => continue,
        };
        let col = rest.split_once('\t').map(|(_, t)| t.to_string());
        sink((off / 16) as usize, line, col);
    }
}

/// Our text columns for a bundle, in the same shape as objdump's.
pub fn our_lines(bytes: &[u8; 16], addr: u64) -> Lines {
    let b = decode_bundle(bytes, addr);
    disasm::bundle_lines(&b, &disasm::NoSymbols)
}

/// A small deterministic generator (splitmix64), so that runs are repeatable.
#[derive(Clone, Debug)]
pub struct Rng(pub u64);

impl Rng {
    /// Next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A value below `n`.
    pub fn below(&mut self, n: u64) -> u64 {
        self.next_u64() % n
    }
}

/// Which slots the random generator concentrates on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Focus {
    /// Any valid template, all slots random.
    Any,
    /// A-unit opcodes (8..15) in M and I slots.
    A,
    /// I-unit opcodes 0..7 in I slots.
    I,
    /// M-unit memory opcodes 4..7.
    MMem,
    /// M-unit system opcodes 0..1.
    MSys,
    /// B slots.
    B,
    /// F slots.
    F,
    /// MLX bundles.
    X,
}

impl Focus {
    /// Parses a focus name (`any a i mmem msys b f x`).
    pub fn parse(s: &str) -> Option<Focus> {
        Some(match s {
            "any" => Focus::Any,
            "a" => Focus::A,
            "i" => Focus::I,
            "mmem" => Focus::MMem,
            "msys" => Focus::MSys,
            "b" => Focus::B,
            "f" => Focus::F,
            "x" => Focus::X,
            _ => return None,
        })
    }
}

const SLOT_MASK: u64 = (1 << 41) - 1;

fn with_major(raw: u64, op: u64) -> u64 {
    (raw & !(0xf << 37)) | (op << 37)
}

fn assemble(template: u8, s: [u64; 3]) -> [u8; 16] {
    let v = template as u128
        | ((s[0] & SLOT_MASK) as u128) << 5
        | ((s[1] & SLOT_MASK) as u128) << 46
        | ((s[2] & SLOT_MASK) as u128) << 87;
    v.to_le_bytes()
}

/// A random bundle concentrating on `focus`; `major` optionally pins the
/// major opcode of the focused slots.
pub fn random_bundle(rng: &mut Rng, focus: Focus, major: Option<u8>) -> [u8; 16] {
    let mut s = [rng.next_u64(), rng.next_u64(), rng.next_u64()];
    let stop = rng.below(2) as u8;
    let pick = |rng: &mut Rng, opts: &[u64]| opts[rng.below(opts.len() as u64) as usize];
    let pin = |rng: &mut Rng, raw: u64, opts: &[u64]| {
        with_major(raw, major.map_or_else(|| pick(rng, opts), u64::from))
    };
    let template = match focus {
        Focus::Any => loop {
            let t = rng.below(32) as u8;
            if ia64_isa::Template::from_value(t).is_some() {
                break t;
            }
        },
        Focus::A => {
            for x in s.iter_mut().take(3) {
                *x = pin(rng, *x, &[8, 9, 10, 11, 12, 13, 14, 15]);
            }
            [0x00, 0x08, 0x0a, 0x02][rng.below(4) as usize] | stop
        }
        Focus::I => {
            s[1] = pin(rng, s[1], &[0, 1, 2, 3, 4, 5, 6, 7]);
            s[2] = pin(rng, s[2], &[0, 1, 2, 3, 4, 5, 6, 7]);
            stop // MII
        }
        Focus::MMem => {
            s[0] = pin(rng, s[0], &[4, 5, 6, 7]);
            s[1] = pin(rng, s[1], &[4, 5, 6, 7]);
            0x08 | stop
        }
        Focus::MSys => {
            s[0] = pin(rng, s[0], &[0, 1]);
            s[1] = pin(rng, s[1], &[0, 1]);
            0x08 | stop
        }
        Focus::B => {
            if let Some(m) = major {
                for x in s.iter_mut() {
                    *x = with_major(*x, m as u64);
                }
            }
            0x16 | stop
        }
        Focus::F => {
            if let Some(m) = major {
                s[1] = with_major(s[1], m as u64);
            }
            0x0c | stop
        }
        Focus::X => {
            if let Some(m) = major {
                s[2] = with_major(s[2], m as u64);
            } else {
                s[2] = with_major(s[2], pick(rng, &[0, 6, 0xc, 0xd]));
            }
            0x04 | stop
        }
    };
    assemble(template, s)
}

/// Flips 1..=3 random bits of `b` (never the template field when
/// `keep_template`).
pub fn mutate(rng: &mut Rng, b: &[u8; 16], keep_template: bool) -> [u8; 16] {
    let mut v = u128::from_le_bytes(*b);
    for _ in 0..=rng.below(3) {
        let lo = if keep_template { 5 } else { 0 };
        let bit = lo + rng.below(128 - lo);
        v ^= 1u128 << bit;
    }
    v.to_le_bytes()
}

/// One disagreement between our text and objdump's.
#[derive(Clone, Debug)]
pub struct Mismatch {
    /// Bundle address.
    pub addr: u64,
    /// The bundle bytes.
    pub bytes: [u8; 16],
    /// Line within the bundle (0..3).
    pub line: usize,
    /// objdump's text.
    pub objdump: Option<String>,
    /// Our text.
    pub ours: Option<String>,
}

impl Mismatch {
    /// The raw 41-bit slot value of the mismatching line.
    pub fn raw_slot(&self) -> u64 {
        ia64_isa::bundle::split(&self.bytes).1[self.line]
    }
}

impl std::fmt::Display for Mismatch {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let (t, _) = ia64_isa::bundle::split(&self.bytes);
        write!(
            f,
            "{:x} slot {} template {t:#04x} raw {:#013x} major {:x}\n  objdump: {:?}\n  ours:    {:?}",
            self.addr,
            self.line,
            self.raw_slot(),
            self.raw_slot() >> 37,
            self.objdump,
            self.ours
        )
    }
}

/// Compares a batch of bundles placed at `vma` against objdump.
pub fn compare(
    objdump: &std::path::Path,
    bundles: &[[u8; 16]],
    vma: u64,
) -> Result<Vec<Mismatch>, String> {
    let theirs = objdump_bundles(objdump, bundles, vma)?;
    let mut out = Vec::new();
    for (i, (b, t)) in bundles.iter().zip(theirs).enumerate() {
        let addr = vma + 16 * i as u64;
        let ours = our_lines(b, addr);
        for line in 0..3 {
            if ours[line] != t[line] {
                out.push(Mismatch {
                    addr,
                    bytes: *b,
                    line,
                    objdump: t[line].clone(),
                    ours: ours[line].clone(),
                });
            }
        }
    }
    Ok(out)
}

/// Counts slots by validity agreement, for reports.
#[derive(Default, Debug, Clone)]
pub struct Summary {
    /// Slots compared.
    pub slots: usize,
    /// Slots whose text differs.
    pub mismatches: usize,
    /// Mismatches by the major opcode of the raw slot.
    pub by_major: BTreeMap<u64, usize>,
}

/// Summarises mismatches.
pub fn summarize(bundles: usize, mm: &[Mismatch]) -> Summary {
    let mut s = Summary {
        slots: bundles * 3,
        mismatches: mm.len(),
        ..Default::default()
    };
    for m in mm {
        *s.by_major.entry(m.raw_slot() >> 37).or_default() += 1;
    }
    s
}
