//! Mutated copies of a valid ELF never make the loader or the symbolizer panic.

use ia64_machine::loader::{exec, ProcessSpec};
use ia64_machine::phys::PhysMem;
use ia64_machine::space::{AddressSpace, SpaceKind};
use ia64_machine::symbols::Symbolizer;
use proptest::prelude::*;

fn hello() -> Vec<u8> {
    std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../test-programs/bin/hello"
    ))
    .expect("test-programs/bin/hello")
}

fn try_everything(data: &[u8]) {
    let mut phys = PhysMem::with_limit(64 << 20);
    let mut space = AddressSpace::new(SpaceKind::User);
    let _ = exec(data, &ProcessSpec::new(["x"]), &mut phys, &mut space);
    if let Ok(s) = Symbolizer::from_elf(data) {
        for ip in [0, 0x4000_0000_0000_0080, 0x4000_0000_0000_0091, u64::MAX] {
            let _ = s.symbolize(ip);
        }
    }
    let _ = ia64_machine::elf::disassemble(data, "x");
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    #[test]
    fn byte_mutations(muts in prop::collection::vec((0usize..1500, any::<u8>()), 1..8)) {
        let mut d = hello();
        for (i, b) in muts {
            let n = d.len();
            d[i % n] = b;
        }
        try_everything(&d);
    }

    #[test]
    fn header_word_mutations(off in 0usize..(64 + 56), v in prop_oneof![
        any::<u64>(), 0u64..0x2000, Just(u64::MAX), Just(1u64 << 63)]) {
        // aim at the ELF header and the program header with whole 64-bit words
        let mut d = hello();
        let end = (off + 8).min(d.len());
        let bytes = v.to_le_bytes();
        d[off..end].copy_from_slice(&bytes[..end - off]);
        try_everything(&d);
    }

    #[test]
    fn truncations(len in 0usize..1600) {
        let d = hello();
        try_everything(&d[..len.min(d.len())]);
    }
}
