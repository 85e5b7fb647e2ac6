//! Executor throughput on CPU + RAM alone: each benchmark program of `test-programs/bin`
//! (`bench-*`) is loaded into a [`FlatMemory`] from its ELF PT_LOAD segments, started with the
//! state Linux gives a new process (guest-kernel `start_thread`, ia64-machine `loader.rs`), and
//! run until its first `break` (its first system call). Throughput is in guest instructions.
//!
//! `IA64_BENCH_MAX_INSNS=N` caps each run at N instructions (quick runs).

mod common;

use std::path::PathBuf;

use common::{load, run};
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};

fn bench(c: &mut Criterion) {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../test-programs/bin");
    let max = std::env::var("IA64_BENCH_MAX_INSNS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(u64::MAX);
    let mut g = c.benchmark_group("exec");
    g.sample_size(10);
    for name in ["bench-cloop", "bench-alu", "bench-ldst", "bench-recursion"] {
        let img = load(&dir.join(name));
        let retired = run(&img, max);
        g.throughput(Throughput::Elements(retired));
        g.bench_with_input(BenchmarkId::from_parameter(name), &img, |b, img| {
            b.iter(|| run(img, max))
        });
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
