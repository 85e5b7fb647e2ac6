//! Golden differential: our listing of every committed corpus object equals
//! the committed GNU objdump listing of it, line for line.  Needs no
//! toolchain; `tools/rebuild.sh` regenerates the objects and listings.

use std::path::{Path, PathBuf};

fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus")
}

/// (object, listing) pairs of the corpus.
fn corpus() -> Vec<(PathBuf, PathBuf)> {
    let mut v: Vec<_> = std::fs::read_dir(corpus_dir())
        .expect("corpus directory")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "o"))
        .map(|o| (o.clone(), o.with_extension("dis")))
        .collect();
    v.sort();
    v
}

#[test]
fn corpus_covers_every_unit() {
    let names: Vec<String> = corpus()
        .iter()
        .filter_map(|(o, _)| o.file_stem().map(|s| s.to_string_lossy().into_owned()))
        .collect();
    for unit in ["a", "i", "mmem", "msys", "b", "f", "x"] {
        assert!(
            names.iter().any(|n| n == unit),
            "corpus/{unit}.o missing (have {names:?})"
        );
    }
}

#[test]
fn every_corpus_listing_matches_objdump_golden() {
    let mut total_lines = 0;
    let mut bad = Vec::new();
    for (obj, dis) in corpus() {
        let data = std::fs::read(&obj).expect("read object");
        let expected =
            std::fs::read_to_string(&dis).unwrap_or_else(|e| panic!("{}: {e}", dis.display()));
        let name = obj
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let ours = ia64_machine::elf::disassemble(&data, &name).expect("our listing");
        total_lines += expected.lines().count();
        for (i, (e, o)) in expected.lines().zip(ours.lines()).enumerate() {
            if e != o {
                bad.push(format!(
                    "{}:{}\n  objdump: {e}\n  ours:    {o}",
                    dis.display(),
                    i + 1
                ));
            }
        }
        if expected.lines().count() != ours.lines().count() {
            bad.push(format!(
                "{}: objdump has {} lines, ours {}",
                dis.display(),
                expected.lines().count(),
                ours.lines().count()
            ));
        }
    }
    assert!(
        total_lines > 1000,
        "the corpus is too small ({total_lines} lines)"
    );
    assert!(
        bad.is_empty(),
        "{} mismatching lines:\n{}",
        bad.len(),
        bad.iter().take(40).cloned().collect::<Vec<_>>().join("\n")
    );
}
