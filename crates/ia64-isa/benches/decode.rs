//! Decode throughput placeholder, replaced with the real-code benchmark.
fn main() {}
