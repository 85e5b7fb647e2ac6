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

/// Runs `ia64emu run` on `data` written to a temporary file.
fn run_bytes(name: &str, data: &[u8], extra: &[&str]) -> std::process::Output {
    let p = std::env::temp_dir().join(format!("ia64emu-run-{}-{name}", std::process::id()));
    std::fs::write(&p, data).expect("write temp file");
    let out = ia64emu()
        .arg("run")
        .args(extra)
        .arg(&p)
        .output()
        .expect("run ia64emu");
    let _ = std::fs::remove_file(&p);
    out
}

fn hello() -> Vec<u8> {
    std::fs::read(root().join("test-programs/bin/hello")).expect("hello")
}

#[test]
fn run_rejects_bad_elf_files_with_one_line() {
    assert_one_line_error(&run_bytes("empty", b"", &[]), "ELF");
    assert_one_line_error(&run_bytes("text", b"#!/bin/sh\necho hi\n", &[]), "ELF");
    let h = hello();
    assert_one_line_error(&run_bytes("trunc", &h[..100], &[]), "");
    let mut wrong = h.clone();
    wrong[18] = 62; // EM_X86_64
    assert_one_line_error(&run_bytes("machine", &wrong, &[]), "machine");
    let mut class32 = h.clone();
    class32[4] = 1; // ELFCLASS32
    assert_one_line_error(&run_bytes("class", &class32, &[]), "");
}

#[test]
fn run_rejects_bad_options_with_one_line() {
    let out = run_bytes("regs", &hello(), &["--stacked-regs", "100"]);
    assert_one_line_error(&out, "stacked-regs");
    let out = ia64emu()
        .args(["run", "/nonexistent/program"])
        .output()
        .expect("run");
    assert_one_line_error(&out, "cannot read");
}

#[test]
fn run_larger_physical_files_give_the_same_output() {
    for n in ["96", "128", "512"] {
        let out = run_bytes("phys", &hello(), &["--stacked-regs", n]);
        assert!(out.status.success(), "{n}");
        assert_eq!(out.stdout, b"Hello from IA-64!\n");
    }
}

#[test]
fn run_instruction_limit_kills_with_sigxcpu() {
    let prog = root().join("test-programs/bin/loop-sum");
    let out = ia64emu()
        .args(["run", "--max-insns", "100"])
        .arg(&prog)
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(128 + 24));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("SIGXCPU"), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
}

#[test]
fn run_trace_has_one_symbolized_line_per_slot() {
    let dir = std::env::temp_dir().join(format!("ia64emu-trace-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("dir");
    let trace = dir.join("trace.txt");
    let stats = dir.join("stats.json");
    let out = ia64emu()
        .arg("run")
        .arg("--trace")
        .arg(&trace)
        .arg("--stats-json")
        .arg(&stats)
        .arg(root().join("test-programs/bin/hello"))
        .output()
        .expect("run");
    assert!(out.status.success());
    let text = std::fs::read_to_string(&trace).expect("trace");
    let stats = std::fs::read_to_string(&stats).expect("stats");
    let _ = std::fs::remove_dir_all(&dir);
    let lines: Vec<&str> = text.lines().collect();
    let counter = |key: &str| -> usize {
        stats
            .lines()
            .find(|l| l.contains(&format!("\"{key}\"")))
            .and_then(|l| l.split(':').nth(1))
            .and_then(|v| v.trim().trim_end_matches(',').parse().ok())
            .expect("counter in stats")
    };
    // Every retired slot, plus the two syscall `break`s, which enter the kernel instead of
    // retiring (a faulting instruction does not retire).
    assert_eq!(
        lines.len(),
        counter("instructions") + counter("kernel_entries"),
        "one line per slot"
    );
    assert!(lines[0].starts_with("0x4000000000000"), "{}", lines[0]);
    assert!(lines[0].contains("alloc r32=ar.pfs,"), "{}", lines[0]);
    assert!(lines[0].contains("_start (hello.s:"), "{}", lines[0]);
    assert!(text.contains("break.m 0x100000"), "{text}");
}
