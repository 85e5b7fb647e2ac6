//! Live differential against GNU objdump: seeded random bundles over every
//! template, random bundles focused on each instruction class, and
//! bit-flipped mutations of the real bundles of the corpus.  Our decoder and
//! objdump must agree on which slots are valid and on their exact text.
//! Skips without binutils for ia64 unless `IA64EMU_REQUIRE_ORACLES=1`.

use ia64_objdiff::*;
use object::{Object, ObjectSection};
use std::path::Path;

const VMA: u64 = 0x4000_0000_0000_0000;

fn check(name: &str, bundles: &[[u8; 16]]) -> usize {
    let Some(objdump) = oracle_or_skip(OBJDUMP, name) else {
        return 0;
    };
    let mm = compare(&objdump, bundles, VMA).expect("objdump runs");
    let shown: Vec<String> = mm.iter().take(25).map(|m| m.to_string()).collect();
    assert!(
        mm.is_empty(),
        "{name}: {} of {} slots differ from objdump:\n{}",
        mm.len(),
        bundles.len() * 3,
        shown.join("\n")
    );
    bundles.len()
}

#[test]
fn random_bundles_any_template() {
    let mut rng = Rng(0x1a64_0001);
    let bundles: Vec<_> = (0..200_000)
        .map(|_| random_bundle(&mut rng, Focus::Any, None))
        .collect();
    check("random_bundles_any_template", &bundles);
}

#[test]
fn random_bundles_per_class() {
    for (i, focus) in [
        Focus::A,
        Focus::I,
        Focus::MMem,
        Focus::MSys,
        Focus::B,
        Focus::F,
        Focus::X,
    ]
    .into_iter()
    .enumerate()
    {
        let mut rng = Rng(0x5eed_0000 + i as u64);
        let bundles: Vec<_> = (0..40_000)
            .map(|_| random_bundle(&mut rng, focus, None))
            .collect();
        check(&format!("random_bundles_per_class({focus:?})"), &bundles);
    }
}

fn corpus_bundles() -> Vec<[u8; 16]> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let mut out = Vec::new();
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .expect("corpus")
        .flatten()
        .map(|e| e.path())
        .collect();
    files.sort();
    for p in files
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "o"))
    {
        let data = std::fs::read(&p).expect("read corpus object");
        let file = object::File::parse(&*data).expect("corpus object parses");
        for sec in file
            .sections()
            .filter(|s| s.kind() == object::SectionKind::Text)
        {
            let bytes = sec.data().expect("section data");
            out.extend(
                bytes
                    .chunks_exact(16)
                    .filter_map(|c| <[u8; 16]>::try_from(c).ok()),
            );
        }
    }
    out
}

#[test]
fn mutated_corpus_bundles() {
    let base = corpus_bundles();
    assert!(base.len() > 500, "corpus too small: {} bundles", base.len());
    let mut rng = Rng(0xf1_1b17_u64);
    let mut bundles: Vec<_> = (0..120_000)
        .map(|i| mutate(&mut rng, &base[i % base.len()], true))
        .collect();
    bundles.extend((0..20_000).map(|i| mutate(&mut rng, &base[i % base.len()], false)));
    check("mutated_corpus_bundles", &bundles);
}
