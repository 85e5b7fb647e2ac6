//! Symbolizing the committed test ELF.

use ia64_machine::symbols::Symbolizer;

fn hello() -> Vec<u8> {
    std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../test-programs/bin/hello"
    ))
    .expect("test-programs/bin/hello")
}

#[test]
fn hello_symbols_and_lines() {
    let s = Symbolizer::from_elf(&hello()).unwrap();
    let names: Vec<&str> = s.symbols().iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["_start"], "data labels are not code symbols");
    let t = 0x4000_0000_0000_0080u64;
    assert_eq!(s.symbolize(t).as_deref(), Some("_start (hello.s:18)"));
    assert_eq!(
        s.symbolize(t + 1).as_deref(),
        Some("_start+0x1 (hello.s:19)")
    );
    // slot 2 of the first bundle is the second half of movl (no row): still line 19
    assert_eq!(
        s.symbolize(t + 2).as_deref(),
        Some("_start+0x2 (hello.s:19)")
    );
    assert_eq!(
        s.symbolize(t + 0x12).as_deref(),
        Some("_start+0x12 (hello.s:24)")
    );
    assert_eq!(
        s.symbolize(t + 0x20).as_deref(),
        Some("_start+0x20 (hello.s:27)")
    );
    assert_eq!(
        s.symbolize(t + 0x42).as_deref(),
        Some("_start+0x42 (hello.s:39)")
    );
    // past the end of _start (size 80) and of the line sequence
    assert_eq!(s.symbolize(t + 0x50), None);
    assert_eq!(s.symbolize(0x1234), None);
    assert_eq!(s.lookup_symbol(t + 0x4f), Some(("_start", 0x4f)));
}

#[test]
fn garbage_is_an_error_not_a_panic() {
    assert!(Symbolizer::from_elf(b"not an elf").is_err());
}
