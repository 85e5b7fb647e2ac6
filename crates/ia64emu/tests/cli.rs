//! The `ia64emu` command line: listings, and one-line errors for bad input.

use std::path::Path;
use std::process::Command;

fn ia64emu() -> Command {
    Command::new(env!("CARGO_BIN_EXE_ia64emu"))
}

fn root() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
}

/// Runs `ia64emu disasm` on `data` written to a temporary file.
fn disasm_bytes(name: &str, data: &[u8]) -> std::process::Output {
    let p = std::env::temp_dir().join(format!("ia64emu-cli-{}-{name}", std::process::id()));
    std::fs::write(&p, data).expect("write temp file");
    let out = ia64emu()
        .arg("disasm")
        .arg(&p)
        .output()
        .expect("run ia64emu");
    let _ = std::fs::remove_file(&p);
    out
}

fn assert_one_line_error(out: &std::process::Output, needle: &str) {
    assert!(!out.status.success(), "expected failure");
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.lines().count(), 1, "one line on stderr, got: {err}");
    assert!(err.starts_with("ia64emu: "), "{err}");
    assert!(err.contains(needle), "expected {needle:?} in {err}");
    assert!(!err.contains("panicked"), "{err}");
}

#[test]
fn disasm_lists_hello_with_symbol_label() {
    let out = ia64emu()
        .arg("disasm")
        .arg(root().join("test-programs/bin/hello"))
        .output()
        .expect("run ia64emu");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("Disassembly of section .text:"));
    assert!(text.contains("4000000000000080 <_start>:"), "{text}");
    assert!(text.contains("break.m 0x100000"), "{text}");
}

#[test]
fn disasm_missing_file_is_one_line() {
    let out = ia64emu()
        .args(["disasm", "/nonexistent/prog"])
        .output()
        .expect("run");
    assert_one_line_error(&out, "cannot read /nonexistent/prog");
}

#[test]
fn disasm_non_elf_is_one_line() {
    assert_one_line_error(
        &disasm_bytes("text", b"just some text\n"),
        "not a valid ELF file",
    );
}

#[test]
fn disasm_truncated_elf_is_one_line() {
    let data = std::fs::read(root().join("test-programs/bin/hello")).expect("hello");
    for cut in [20usize, 64, 100, data.len() / 2, data.len() - 1] {
        let out = disasm_bytes(&format!("cut{cut}"), &data[..cut]);
        // A cut that removes only trailing non-code data may still list; it must never panic.
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(!err.contains("panicked"), "cut at {cut}: {err}");
        if !out.status.success() {
            assert_eq!(err.lines().count(), 1, "cut at {cut}: {err}");
        }
    }
}

#[test]
fn disasm_wrong_machine_is_one_line() {
    // A minimal ELF64 header for x86-64 (e_machine = 62) with no sections.
    let mut h = vec![0u8; 64];
    h[..4].copy_from_slice(b"\x7fELF");
    h[4] = 2; // ELFCLASS64
    h[5] = 1; // little endian
    h[6] = 1; // EV_CURRENT
    h[16] = 2; // ET_EXEC
    h[18] = 62; // EM_X86_64
    h[20] = 1;
    h[52] = 64; // e_ehsize
    assert_one_line_error(&disasm_bytes("x86", &h), "not an IA-64 ELF file");
}
