//! No 16-byte input makes the decoder or the disassembler panic, and decoding
//! is deterministic, consistent with the template, and the same in place.

use ia64_isa::{decode_bundle, decode_bundle_into, disasm, Template};
use proptest::prelude::*;

proptest! {
    #![proptest_config(ProptestConfig::with_cases(20_000))]

    #[test]
    fn any_bundle_decodes_and_prints(bytes in any::<[u8; 16]>(), addr in any::<u64>()) {
        let addr = addr & !0xf;
        let b = decode_bundle(&bytes, addr);
        let lines = disasm::bundle_lines(&b, &disasm::NoSymbols);
        prop_assert!(lines[0].is_some());
        prop_assert_eq!(b.template, Template::from_value(bytes[0] & 0x1f));
        prop_assert_eq!(lines[2].is_none(), b.template.is_some_and(|t| t.is_mlx()));
        prop_assert_eq!(&decode_bundle(&bytes, addr), &b);
        for slot in b.slots.iter().flatten() {
            let _ = disasm::slot_text(slot, &disasm::NoSymbols);
        }
    }

    #[test]
    fn decode_into_matches_decode(a in any::<[u8; 16]>(), b in any::<[u8; 16]>(), addr in any::<u64>()) {
        // Reusing a bundle that held another decode leaves nothing behind.
        let mut out = decode_bundle(&a, 0);
        decode_bundle_into(&b, addr & !0xf, &mut out);
        prop_assert_eq!(out, decode_bundle(&b, addr & !0xf));
    }

    #[test]
    fn extreme_addresses(bytes in any::<[u8; 16]>()) {
        for addr in [0u64, 0xffff_ffff_ffff_fff0, 0x8000_0000_0000_0000] {
            let b = decode_bundle(&bytes, addr);
            let _ = disasm::bundle_lines(&b, &disasm::NoSymbols);
        }
    }
}
