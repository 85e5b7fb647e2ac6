fn main() {
    let args: Vec<String> = std::env::args().collect();
    let data = std::fs::read(&args[1]).unwrap();
    let n: usize = args[2].parse().unwrap();
    let bundles: Vec<[u8; 16]> = data
        .chunks_exact(16)
        .map(|c| c.try_into().unwrap())
        .collect();
    let t = std::time::Instant::now();
    let mut ok = 0usize;
    for r in 0..n {
        for (i, b) in bundles.iter().enumerate() {
            let d = ia64_isa::decode_bundle(std::hint::black_box(b), (r * 16 + i * 16) as u64);
            ok += d.slots.iter().filter(|s| s.is_ok()).count();
        }
    }
    let e = t.elapsed();
    println!(
        "{} bundles in {:?}: {:.1} M/s ({ok})",
        n * bundles.len(),
        e,
        (n * bundles.len()) as f64 / e.as_secs_f64() / 1e6
    );
}
