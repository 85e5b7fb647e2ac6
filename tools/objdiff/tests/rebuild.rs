//! Rebuilding every assembled artifact with `tools/rebuild.sh` reproduces
//! the committed bytes (test programs, the decoder corpus and its objdump
//! listings, firmware).  Skips without binutils for ia64 unless
//! `IA64EMU_REQUIRE_ORACLES=1`.

use ia64_objdiff::{oracle_or_skip, AS, LD, OBJDUMP};
use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn files_under(dir: &Path, rel: &str, out: &mut Vec<PathBuf>) {
    let Ok(rd) = std::fs::read_dir(dir.join(rel)) else {
        return;
    };
    for e in rd.flatten() {
        let p = e.path();
        if p.is_file() {
            out.push(Path::new(rel).join(e.file_name()));
        }
    }
}

#[test]
fn rebuild_reproduces_committed_artifacts() {
    for tool in [AS, LD, OBJDUMP] {
        if oracle_or_skip(tool, "rebuild_reproduces_committed_artifacts").is_none() {
            return;
        }
    }
    let out = std::env::temp_dir().join(format!("ia64emu-rebuild-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&out);
    let status = Command::new("bash")
        .arg(root().join("tools/rebuild.sh"))
        .arg("--out")
        .arg(&out)
        .status()
        .expect("run tools/rebuild.sh");
    assert!(status.success(), "tools/rebuild.sh failed");
    let mut built = Vec::new();
    for rel in ["test-programs/bin", "tools/objdiff/corpus", "firmware"] {
        files_under(&out, rel, &mut built);
    }
    assert!(
        built.len() >= 8,
        "rebuild produced too few files: {built:?}"
    );
    let mut differ = Vec::new();
    for rel in &built {
        let new = std::fs::read(out.join(rel)).expect("rebuilt file");
        match std::fs::read(root().join(rel)) {
            Ok(old) if old == new => {}
            Ok(_) => differ.push(format!("{} differs from the committed file", rel.display())),
            Err(_) => differ.push(format!("{} is built but not committed", rel.display())),
        }
    }
    let _ = std::fs::remove_dir_all(&out);
    assert!(differ.is_empty(), "{}", differ.join("\n"));
}
