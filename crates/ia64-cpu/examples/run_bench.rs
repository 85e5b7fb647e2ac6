//! Run one benchmark program of `test-programs/bin` on CPU + RAM alone, as `benches/exec.rs`
//! does, and print the instructions retired and the rate: a single run, for profilers
//! (`valgrind --tool=callgrind target/release/examples/run_bench bench-alu 2000000`).
//!
//! Usage: `run_bench NAME [MAX_INSNS]`.

#[path = "../benches/common/mod.rs"]
mod common;

fn main() {
    let mut args = std::env::args().skip(1);
    let name = args.next().unwrap_or_else(|| "bench-alu".to_string());
    let max = args.next().and_then(|s| s.parse().ok()).unwrap_or(u64::MAX);
    let dir = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../test-programs/bin");
    let img = common::load(&dir.join(&name));
    let t = std::time::Instant::now();
    let retired = common::run(&img, max);
    let s = t.elapsed().as_secs_f64();
    println!(
        "{name}: {retired} instructions, {s:.3} s, {:.1} M insn/s",
        retired as f64 / s / 1e6
    );
}
