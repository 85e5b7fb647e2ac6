//! Decode throughput over real code: the bundles of the committed decoder
//! corpus and test programs (assembled by GNU as), repeated to 1 MiB.

use criterion::{black_box, criterion_group, criterion_main, Criterion, Throughput};
use ia64_isa::{decode_bundle, decode_bundle_into};
use std::path::Path;

/// Executable bundles of every committed ELF object/program we can find.
fn real_bundles() -> Vec<[u8; 16]> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut out = Vec::new();
    for dir in ["tools/objdiff/corpus", "test-programs/bin"] {
        let Ok(rd) = std::fs::read_dir(root.join(dir)) else {
            continue;
        };
        for e in rd.flatten() {
            let p = e.path();
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

fn bench(c: &mut Criterion) {
    let base = real_bundles();
    assert!(!base.is_empty(), "no committed code to decode");
    let bundles: Vec<[u8; 16]> = base.iter().cycle().take(65_536).copied().collect();
    let mut g = c.benchmark_group("decode");
    g.throughput(Throughput::Elements(bundles.len() as u64));
    g.bench_function("real_code_bundles", |b| {
        b.iter(|| {
            let mut valid = 0usize;
            for (i, bytes) in bundles.iter().enumerate() {
                let d = decode_bundle(black_box(bytes), 0x4000_0000_0000_0000 + 16 * i as u64);
                valid += d.slots.iter().filter(|s| s.is_ok()).count();
            }
            black_box(valid)
        })
    });
    // The in-place form a decoded-bundle cache uses: one Bundle reused.
    g.bench_function("real_code_bundles_into", |b| {
        let mut d = decode_bundle(&bundles[0], 0);
        b.iter(|| {
            let mut valid = 0usize;
            for (i, bytes) in bundles.iter().enumerate() {
                let addr = 0x4000_0000_0000_0000 + 16 * i as u64;
                decode_bundle_into(black_box(bytes), addr, &mut d);
                valid += d.slots.iter().filter(|s| s.is_ok()).count();
            }
            black_box(valid)
        })
    });
    // The honest measure: every decoded field is kept (black_box on the whole bundle), as a
    // decoded-bundle cache keeps it, so the compiler cannot skip building operands.
    g.bench_function("real_code_bundles_kept", |b| {
        let mut d = decode_bundle(&bundles[0], 0);
        b.iter(|| {
            for (i, bytes) in bundles.iter().enumerate() {
                let addr = 0x4000_0000_0000_0000 + 16 * i as u64;
                decode_bundle_into(black_box(bytes), addr, &mut d);
                black_box(&d);
            }
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
