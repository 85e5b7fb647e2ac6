//! Fuzz target: any byte string, cut into bundles, decodes and prints
//! without panicking.  Run with `cargo +nightly fuzz run decode` from `fuzz/`.
#![no_main]

use ia64_isa::{decode_bundle, disasm};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    for (i, c) in data.chunks_exact(16).enumerate() {
        if let Ok(bytes) = <[u8; 16]>::try_from(c) {
            let b = decode_bundle(&bytes, 0x4000_0000_0000_0000 + 16 * i as u64);
            let _ = disasm::bundle_lines(&b, &disasm::NoSymbols);
        }
    }
});
