//! Decode throughput over real code: the bundles of the committed decoder
//! corpus and test programs (assembled by GNU as), repeated to 64 Ki bundles.
//!
//! The reported measures materialize every decoded field: each decoded
//! bundle is handed whole to `black_box`, as a decoded-bundle cache keeps
//! it, so the compiler cannot skip building operands it would otherwise
//! never read.
//!
//! - `kept` (the throughput figure): `decode_bundle_into` one reused
//!   `Bundle`, as a decoded-bundle cache does, whole bundle kept;
//! - `kept_by_value`: `decode_bundle` returning a `Bundle`, whole bundle
//!   kept (the same decode plus one move of the 136-byte result);
//! - `validity_only` (secondary, not the throughput figure): `decode_bundle`
//!   with only whether each slot decoded read.
//!
//! Instruction counts: with `DECODE_BENCH_PASSES=N` set the bench skips
//! criterion and runs every measure N times over the bundles, each in its
//! own `pass_*` function, so that
//! `valgrind --tool=callgrind --toggle-collect=decode::pass_kept <bench binary>`
//! counts the instructions of one measure (divide by N × 65536 bundles).

use criterion::{Criterion, Throughput};
use ia64_isa::{decode_bundle, decode_bundle_into, Bundle};
use std::hint::black_box;
use std::path::Path;

/// Bundles per pass.
const PASS_BUNDLES: usize = 65_536;

/// Executable bundles of every committed ELF object/program we can find.
fn real_bundles() -> Vec<[u8; 16]> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut out = Vec::new();
    for dir in ["tools/objdiff/corpus", "test-programs/bin"] {
        let Ok(rd) = std::fs::read_dir(root.join(dir)) else {
            continue;
        };
        let mut paths: Vec<_> = rd.flatten().map(|e| e.path()).collect();
        paths.sort();
        for p in paths {
            if p.extension().is_some_and(|x| x == "s" || x == "dis") {
                continue;
            }
            let Ok(data) = std::fs::read(&p) else {
                continue;
            };
            out.extend(text_bundles(&data));
        }
    }
    out
}

/// Bundles of SHF_EXECINSTR sections, read straight from ELF64 headers.
fn text_bundles(d: &[u8]) -> Vec<[u8; 16]> {
    let rd = |o: usize, n: usize| -> u64 {
        d.get(o..o + n)
            .map_or(0, |b| b.iter().rev().fold(0, |a, &x| (a << 8) | x as u64))
    };
    if d.get(..4) != Some(b"\x7fELF") {
        return Vec::new();
    }
    let (shoff, shentsize, shnum) = (
        rd(0x28, 8) as usize,
        rd(0x3a, 2) as usize,
        rd(0x3c, 2) as usize,
    );
    let mut out = Vec::new();
    for i in 0..shnum {
        let h = shoff + i * shentsize;
        let (flags, off, size) = (
            rd(h + 8, 8),
            rd(h + 0x18, 8) as usize,
            rd(h + 0x20, 8) as usize,
        );
        if flags & 4 == 0 {
            continue;
        }
        if let Some(sec) = d.get(off..off + size) {
            out.extend(
                sec.chunks_exact(16)
                    .filter_map(|c| <[u8; 16]>::try_from(c).ok()),
            );
        }
    }
    out
}

/// The virtual address of bundle `i` of a pass.
#[inline(always)]
fn addr_of(i: usize) -> u64 {
    0x4000_0000_0000_0000 + 16 * i as u64
}

/// Headline measure: every bundle decoded in place into one reused
/// `Bundle` and kept whole.
#[inline(never)]
fn pass_kept(bundles: &[[u8; 16]], d: &mut Bundle) {
    for (i, bytes) in bundles.iter().enumerate() {
        decode_bundle_into(black_box(bytes), addr_of(i), d);
        black_box(&*d);
    }
}

/// Every bundle decoded by value and kept whole.
#[inline(never)]
fn pass_kept_by_value(bundles: &[[u8; 16]]) {
    for (i, bytes) in bundles.iter().enumerate() {
        let d = decode_bundle(black_box(bytes), addr_of(i));
        black_box(&d);
    }
}

/// Secondary measure: only slot validity is read (operands may be skipped).
#[inline(never)]
fn pass_validity_only(bundles: &[[u8; 16]]) -> usize {
    let mut valid = 0usize;
    for (i, bytes) in bundles.iter().enumerate() {
        let d = decode_bundle(black_box(bytes), addr_of(i));
        valid += d.slots.iter().filter(|s| s.is_ok()).count();
    }
    valid
}

fn bench(c: &mut Criterion, bundles: &[[u8; 16]]) {
    let mut g = c.benchmark_group("decode");
    g.throughput(Throughput::Elements(bundles.len() as u64));
    g.bench_function("kept", |b| {
        let mut d = decode_bundle(&bundles[0], 0);
        b.iter(|| pass_kept(bundles, &mut d))
    });
    g.bench_function("kept_by_value", |b| b.iter(|| pass_kept_by_value(bundles)));
    g.bench_function("validity_only", |b| {
        b.iter(|| black_box(pass_validity_only(bundles)))
    });
    g.finish();
}

/// `DECODE_BENCH_PASSES` mode: every measure `passes` times, no criterion.
fn count_passes(bundles: &[[u8; 16]], passes: usize) {
    let mut d = decode_bundle(&bundles[0], 0);
    let mut valid = 0;
    for _ in 0..passes {
        pass_kept(bundles, &mut d);
        pass_kept_by_value(bundles);
        valid += pass_validity_only(bundles);
    }
    println!(
        "{passes} passes of {} bundles per measure ({valid} valid slots)",
        bundles.len()
    );
}

fn main() {
    let base = real_bundles();
    assert!(!base.is_empty(), "no committed code to decode");
    let bundles: Vec<[u8; 16]> = base.iter().cycle().take(PASS_BUNDLES).copied().collect();
    if let Some(n) = std::env::var("DECODE_BENCH_PASSES")
        .ok()
        .and_then(|v| v.parse().ok())
    {
        count_passes(&bundles, n);
        return;
    }
    let mut c = Criterion::default().configure_from_args();
    bench(&mut c, &bundles);
    c.final_summary();
}
