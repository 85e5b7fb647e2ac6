//! Loading the committed test ELF and malformed variants of it.

use ia64_cpu::mem::{Access, MemFaultKind, Memory};
use ia64_machine::layout::{self, STACK_TOP};
use ia64_machine::loader::{self, auxv::*, exec, parse, LoadError, ProcessSpec, FPSR_DEFAULT};
use ia64_machine::mmu::MemView;
use ia64_machine::phys::{PhysMem, PAGE_SIZE};
use ia64_machine::space::{AddressSpace, PageLevel, Perm, SpaceKind};
use ia64_machine::tlb::Tlb;

fn hello() -> Vec<u8> {
    std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../test-programs/bin/hello"
    ))
    .expect("test-programs/bin/hello")
}

struct Loaded {
    phys: PhysMem,
    user: AddressSpace,
    kernel: AddressSpace,
    tlb: Tlb,
    img: loader::ProcessImage,
}

fn load(spec: &ProcessSpec) -> Loaded {
    let mut phys = PhysMem::new();
    let mut user = AddressSpace::new(SpaceKind::User);
    let img = exec(&hello(), spec, &mut phys, &mut user).unwrap();
    Loaded {
        phys,
        user,
        kernel: AddressSpace::new(SpaceKind::Kernel),
        tlb: Tlb::new(),
        img,
    }
}

fn cstr(m: &mut MemView<'_>, va: u64) -> String {
    let b = m.read_cstr(va, 4096, Access::data(3)).unwrap().unwrap();
    String::from_utf8(b).unwrap()
}

#[test]
fn hello_segments_and_entry() {
    let data = hello();
    let elf = parse(&data).unwrap();
    assert_eq!(elf.entry, 0x4000_0000_0000_0080);
    assert_eq!(elf.segments.len(), 1);
    let s = elf.segments[0];
    assert_eq!(
        (s.vaddr, s.memsz, s.offset, s.filesz),
        (0x4000_0000_0000_0000, 0xe2, 0, 0xe2)
    );
    assert_eq!(s.perm, Perm::RX);
    assert_eq!(elf.phdr_addr, 0x4000_0000_0000_0040);
    assert_eq!((elf.phent, elf.phnum), (56, 1));
    assert_eq!(elf.brk_start, 0x4000_0000_0000_4000);

    let mut l = load(&ProcessSpec::new(["hello"]));
    let pte = *l.user.lookup(0x4000_0000_0000_0000).unwrap();
    assert_eq!((pte.perm, pte.level), (Perm::RX, PageLevel::User));
    let mut m = MemView::new(&mut l.phys, &l.user, &l.kernel, &mut l.tlb);
    // the first bundle of _start is the file's bytes at 0x80
    let pa = m.translate_fetch(0x4000_0000_0000_0080, 3).unwrap();
    assert_eq!(m.read_bundle_phys(pa).unwrap()[..], data[0x80..0x90]);
    // .rodata: the message
    let mut msg = [0u8; 18];
    m.read_bytes(0x4000_0000_0000_00d0, &mut msg, Access::data(3))
        .unwrap();
    assert_eq!(&msg, b"Hello from IA-64!\n");
    // the rest of the page past the segment is zero, writes fault (R-X)
    assert_eq!(m.read_u64(0x4000_0000_0000_00e8, Access::data(3)), Ok(0));
    let e = m
        .write_u8(0x4000_0000_0000_00d0, 0, Access::data(3))
        .unwrap_err();
    assert_eq!(e.kind, MemFaultKind::Protection);
    assert_eq!(
        m.read_u64(0x4000_0000_0000_4000, Access::data(3))
            .unwrap_err()
            .kind,
        MemFaultKind::NotPresent
    );
}

#[test]
fn hello_initial_stack_follows_linux() {
    let spec = ProcessSpec::new(["hello", "a b", ""]).with_env(["HOME=/", "X=1"]);
    let mut l = load(&spec);
    let img = l.img.clone();
    let mut m = MemView::new(&mut l.phys, &l.user, &l.kernel, &mut l.tlb);
    let rd = |m: &mut MemView<'_>, a: u64| m.read_u64(a, Access::data(3)).unwrap();

    assert_eq!(img.start_stack % 16, 0);
    assert_eq!(img.r12, img.start_stack - 16);
    assert_eq!(rd(&mut m, img.start_stack), 3);
    assert_eq!(img.argc, 3);
    assert_eq!(img.argv_addr, img.start_stack + 8);
    let args: Vec<String> = (0..3)
        .map(|i| {
            let p = rd(&mut m, img.argv_addr + 8 * i);
            cstr(&mut m, p)
        })
        .collect();
    assert_eq!(args, ["hello", "a b", ""]);
    assert_eq!(rd(&mut m, img.argv_addr + 24), 0);
    assert_eq!(img.envp_addr, img.argv_addr + 32);
    let p0 = rd(&mut m, img.envp_addr);
    let p1 = rd(&mut m, img.envp_addr + 8);
    assert_eq!(
        (cstr(&mut m, p0), cstr(&mut m, p1)),
        ("HOME=/".into(), "X=1".into())
    );
    assert_eq!(rd(&mut m, img.envp_addr + 16), 0);
    assert_eq!(img.auxv_addr, img.envp_addr + 24);

    // strings: argv[0] lowest, then the others, env, execfn, and a zero word at the top
    assert_eq!(rd(&mut m, img.argv_addr), img.arg_start);
    assert_eq!(img.arg_end, img.env_start);
    assert_eq!(p0, img.env_start);
    assert_eq!(cstr(&mut m, img.execfn_addr), "hello");
    assert_eq!(img.execfn_addr, STACK_TOP - 8 - 6);
    assert_eq!(rd(&mut m, STACK_TOP - 8), 0);
    assert_eq!(img.random_addr, img.arg_start - 16);

    // auxv as written in memory equals img.auxv
    let mut a = img.auxv_addr;
    let mut got = vec![];
    loop {
        let (k, v) = (rd(&mut m, a), rd(&mut m, a + 8));
        got.push((k, v));
        a += 16;
        if k == AT_NULL {
            break;
        }
    }
    assert_eq!(got, img.auxv);
    let get = |t| got.iter().find(|(k, _)| *k == t).map(|(_, v)| *v);
    assert_eq!(get(AT_PAGESZ), Some(16384));
    assert_eq!(get(AT_PHDR), Some(0x4000_0000_0000_0040));
    assert_eq!(get(AT_PHENT), Some(56));
    assert_eq!(get(AT_PHNUM), Some(1));
    assert_eq!(get(AT_ENTRY), Some(img.entry));
    assert_eq!(get(AT_HWCAP), Some(0));
    assert_eq!(get(AT_SECURE), Some(0));
    assert_eq!(get(AT_UID), Some(1000));
    assert_eq!(get(AT_CLKTCK), Some(250));
    assert_eq!(get(AT_EXECFN), Some(img.execfn_addr));
    assert_eq!(get(AT_RANDOM), Some(img.random_addr));
    assert_eq!(get(AT_SYSINFO_EHDR), None);
    let mut rnd = [0u8; 16];
    m.read_bytes(img.random_addr, &mut rnd, Access::data(3))
        .unwrap();
    assert_eq!(rnd, spec.random);
    assert_eq!(rnd, loader::deterministic_random(0x1a64));
    // the AT_PHDR address really holds the program header (p_type = PT_LOAD = 1)
    assert_eq!(m.read_u32(0x4000_0000_0000_0040, Access::data(3)), Ok(1));
    // auxv ends below the random bytes, with less than 16 bytes of padding
    assert!(a <= img.random_addr && img.random_addr - a < 16);
    // the scratch area below sp is writable user memory
    m.write_u64(img.r12, 1, Access::data(3)).unwrap();
    m.write_u64(img.r12 + 8, 1, Access::data(3)).unwrap();
}

#[test]
fn hello_registers_and_rbs() {
    let mut l = load(&ProcessSpec::new(["hello"]));
    let img = l.img.clone();
    assert_eq!(img.rsc, 0xf);
    assert_eq!(img.bsp, img.bspstore);
    assert_eq!(img.rnat, 0);
    assert_eq!(img.cfm, 0);
    assert_eq!(img.r8, 1);
    assert_eq!(FPSR_DEFAULT, 0x0009_804c_0270_033f);
    assert_eq!(img.fpsr, FPSR_DEFAULT);
    // cpl 3, ic, i, dt, rt, it, bn set; ri, is clear
    assert_eq!((img.psr >> 32) & 3, 3);
    for bit in [13, 14, 17, 27, 36, 44] {
        assert_ne!(img.psr & (1 << bit), 0, "psr bit {bit}");
    }
    for bit in [34, 41, 42] {
        assert_eq!(img.psr & (1 << bit), 0, "psr bit {bit}");
    }
    assert_eq!(img.psr, 0x0000_1013_085a_6000);
    // ia64_set_rbs_bot with an unlimited RLIMIT_STACK
    assert_eq!(
        img.bsp,
        layout::page_align_up(img.start_stack - layout::MAX_USER_STACK_SIZE)
    );
    assert_eq!(img.bsp % PAGE_SIZE, 0);
    assert_eq!(layout::region_of(img.bsp), 3);
    assert_eq!(img.rbs_end, img.bsp + layout::DEFAULT_RBS_SIZE);
    // the RBS is user RW memory; the RSE at pl 3 can spill into it
    let mut m = MemView::new(&mut l.phys, &l.user, &l.kernel, &mut l.tlb);
    m.write_u64(img.bsp, 42, Access::rse_spill(3)).unwrap();
    assert_eq!(m.read_u64(img.bsp, Access::rse_fill(3)), Ok(42));
    assert_eq!(
        m.read_u64(img.bsp - 8, Access::rse_fill(3))
            .unwrap_err()
            .kind,
        MemFaultKind::NotPresent
    );
    assert_eq!(img.stack_low, STACK_TOP - layout::DEFAULT_STACK_SIZE);
    assert_eq!(img.brk_start, 0x4000_0000_0000_4000);
    assert_eq!(img.mmap_base, 0x2000_0000_0000_0000);
}

#[test]
fn limited_stack_rlimit_keeps_rbs_below_stack() {
    let mut spec = ProcessSpec::new(["hello"]);
    spec.rlimit_stack_max = Some(16 << 20);
    let l = load(&spec);
    assert_eq!(
        l.img.bsp,
        layout::page_align_up(l.img.start_stack - (16 << 20))
    );
    assert!(l.img.rbs_end <= l.img.stack_low);
}

#[test]
fn gate_entries_come_first() {
    let mut spec = ProcessSpec::new(["hello"]);
    spec.gate = Some(loader::GateInfo {
        sysinfo: 0xa000_0000_0000_0300,
        sysinfo_ehdr: 0xa000_0000_0000_0000,
    });
    let l = load(&spec);
    assert_eq!(l.img.auxv[0], (AT_SYSINFO, 0xa000_0000_0000_0300));
    assert_eq!(l.img.auxv[1], (AT_SYSINFO_EHDR, 0xa000_0000_0000_0000));
    assert_eq!(l.img.auxv[2].0, AT_HWCAP);
}

#[test]
fn huge_arguments_are_an_error() {
    let big = vec![b'x'; 9 << 20];
    let mut phys = PhysMem::new();
    let mut user = AddressSpace::new(SpaceKind::User);
    let e = exec(&hello(), &ProcessSpec::new([big]), &mut phys, &mut user).unwrap_err();
    assert!(matches!(e, LoadError::ArgsTooLarge(_)), "{e}");
}

// ---- malformed files -------------------------------------------------------------------------

fn put16(d: &mut [u8], off: usize, v: u16) {
    d[off..off + 2].copy_from_slice(&v.to_le_bytes());
}
fn put32(d: &mut [u8], off: usize, v: u32) {
    d[off..off + 4].copy_from_slice(&v.to_le_bytes());
}
fn put64(d: &mut [u8], off: usize, v: u64) {
    d[off..off + 8].copy_from_slice(&v.to_le_bytes());
}

const PH: usize = 64; // hello's only program header
const P_TYPE: usize = PH;
const P_FLAGS: usize = PH + 4;
const P_OFFSET: usize = PH + 8;
const P_VADDR: usize = PH + 16;
const P_FILESZ: usize = PH + 32;
const P_MEMSZ: usize = PH + 40;

fn err(d: &[u8]) -> String {
    parse(d).unwrap_err().to_string()
}

#[test]
fn malformed_headers() {
    assert_eq!(err(b"hello"), "not an ELF file");
    assert_eq!(err(b""), "not an ELF file");
    let h = hello();
    assert!(err(&h[..40]).starts_with("truncated ELF file"));
    let mut d = h.clone();
    d[4] = 1;
    assert_eq!(err(&d), "unsupported ELF class 1 (need ELFCLASS64)");
    let mut d = h.clone();
    d[5] = 2;
    assert_eq!(
        err(&d),
        "unsupported ELF data encoding 2 (need little-endian)"
    );
    let mut d = h.clone();
    put16(&mut d, 18, 62);
    assert_eq!(
        err(&d),
        "not an IA-64 executable (ELF machine 62, need EM_IA_64 = 50)"
    );
    let mut d = h.clone();
    put16(&mut d, 16, 3);
    assert_eq!(
        err(&d),
        "not a static executable (ELF type 3, need ET_EXEC = 2)"
    );
    let mut d = h.clone();
    put64(&mut d, 32, 0x1_0000); // e_phoff beyond the file
    assert!(err(&d).starts_with("bad program headers"), "{}", err(&d));
}

#[test]
fn malformed_segments() {
    let h = hello();
    let mut d = h.clone();
    put32(&mut d, P_TYPE, 3); // PT_INTERP
    assert_eq!(
        err(&d),
        "dynamically linked executables are not supported (has PT_INTERP)"
    );
    let mut d = h.clone();
    put32(&mut d, P_TYPE, 2); // PT_DYNAMIC
    assert!(err(&d).contains("PT_DYNAMIC"));
    let mut d = h.clone();
    put32(&mut d, P_TYPE, 4); // PT_NOTE: nothing loadable
    assert_eq!(err(&d), "no loadable (PT_LOAD) segment");
    let mut d = h.clone();
    put64(&mut d, P_FILESZ, 0x10_0000);
    put64(&mut d, P_MEMSZ, 0x10_0000);
    assert_eq!(
        err(&d),
        format!(
            "segment 0: file bytes 0x0+0x100000 lie outside the file ({} bytes)",
            h.len()
        )
    );
    let mut d = h.clone();
    put64(&mut d, P_OFFSET, u64::MAX - 4);
    assert!(err(&d).contains("lie outside the file"));
    let mut d = h.clone();
    put64(&mut d, P_MEMSZ, 0x10);
    assert_eq!(
        err(&d),
        "segment 0: file size 0xe2 exceeds memory size 0x10"
    );
    let mut d = h.clone();
    put32(&mut d, P_FLAGS, 4 | 2); // RW, no X
    assert_eq!(
        err(&d),
        "entry point 0x4000000000000080 is not in an executable segment"
    );
    let mut d = h.clone();
    put64(&mut d, 24, 0x4000_0000_0000_0084);
    assert_eq!(
        err(&d),
        "entry point 0x4000000000000084 is not 16-byte (bundle) aligned"
    );
    let mut d = h.clone();
    put64(&mut d, P_VADDR, 0xa000_0000_0000_0000);
    assert!(
        err(&d).ends_with("lies in a kernel region (5-7)"),
        "{}",
        err(&d)
    );
    let mut d = h.clone();
    put64(&mut d, P_VADDR, 0x4010_0000_0000_0000);
    assert!(
        err(&d).ends_with("unimplemented virtual address"),
        "{}",
        err(&d)
    );
    let mut d = h.clone();
    put64(&mut d, P_VADDR, 0x4000_1000_0000_0000);
    assert!(err(&d).ends_with("(RGN_MAP_LIMIT)"), "{}", err(&d));
    let mut d = h.clone();
    put64(&mut d, P_VADDR, 0x3fff_ffff_ffff_ff80);
    assert!(
        err(&d).ends_with("crosses a region boundary"),
        "{}",
        err(&d)
    );
    let mut d = h.clone();
    put64(&mut d, P_VADDR, u64::MAX - 0x10);
    assert!(err(&d).contains("wraps around"), "{}", err(&d));
}

/// hello with a second program header (appended at the end of the file).
fn two_segments(vaddr2: u64, memsz2: u64, ptype2: u32) -> Vec<u8> {
    let mut d = hello();
    let phoff = d.len();
    let ph0 = d[PH..PH + 56].to_vec();
    d.extend_from_slice(&ph0);
    d.extend_from_slice(&ph0);
    put64(&mut d, 32, phoff as u64);
    put16(&mut d, 56, 2);
    let p2 = phoff + 56;
    put32(&mut d, p2, ptype2);
    put32(&mut d, p2 + 4, 4 | 2);
    put64(&mut d, p2 + 8, 0);
    put64(&mut d, p2 + 16, vaddr2);
    put64(&mut d, p2 + 32, 0);
    put64(&mut d, p2 + 40, memsz2);
    d
}

#[test]
fn overlapping_and_extra_segments() {
    let d = two_segments(0x4000_0000_0000_00e0, 0x100, 1);
    assert_eq!(err(&d), "segments 0 and 1 overlap");
    // sharing a page (not bytes) is fine: the page gets the union of permissions
    let d = two_segments(0x4000_0000_0000_0100, 0x100, 1);
    let elf = parse(&d).unwrap();
    assert_eq!(elf.brk_start, 0x4000_0000_0000_4000);
    let mut phys = PhysMem::new();
    let mut user = AddressSpace::new(SpaceKind::User);
    loader::load_segments(&elf, &d, &mut phys, &mut user).unwrap();
    assert_eq!(user.lookup(0x4000_0000_0000_0000).unwrap().perm, Perm::RWX);
    // bss-only data segment in region 3: zero filled, RW, brk after it
    let d = two_segments(0x6000_0000_0000_0000, 3 * PAGE_SIZE + 1, 1);
    let elf = parse(&d).unwrap();
    assert_eq!(elf.brk_start, 0x6000_0000_0001_0000);
    let mut phys = PhysMem::new();
    let mut user = AddressSpace::new(SpaceKind::User);
    loader::load_segments(&elf, &d, &mut phys, &mut user).unwrap();
    assert_eq!(user.page_count(), 5);
    assert_eq!(user.lookup(0x6000_0000_0000_c000).unwrap().perm, Perm::RW);
    // PT_PHDR gives AT_PHDR directly
    let d = two_segments(0x4000_0000_0000_0040, 0x70, 6);
    assert_eq!(parse(&d).unwrap().phdr_addr, 0x4000_0000_0000_0040);
    // more memory than the guest has
    let d = two_segments(0x6000_0000_0000_0000, 1 << 40, 1);
    let elf = parse(&d).unwrap();
    let mut phys = PhysMem::with_limit(64 << 20);
    let mut user = AddressSpace::new(SpaceKind::User);
    let e = loader::load_segments(&elf, &d, &mut phys, &mut user).unwrap_err();
    assert!(matches!(e, LoadError::TooLarge(_)), "{e}");
}

#[test]
fn every_committed_test_program_loads() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../test-programs/bin");
    let mut n = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let data = std::fs::read(&path).unwrap();
        let mut phys = PhysMem::new();
        let mut user = AddressSpace::new(SpaceKind::User);
        let img = exec(&data, &ProcessSpec::new(["p"]), &mut phys, &mut user)
            .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        // data segments (region 3) are RW and initialised from the file
        for s in img.segments.iter().filter(|s| s.perm == Perm::RW) {
            let mut got = vec![0u8; s.filesz as usize];
            user.read_bytes(&phys, s.vaddr, &mut got).unwrap();
            assert_eq!(got, data[s.offset as usize..(s.offset + s.filesz) as usize]);
            assert!(img.brk_start >= s.vaddr + s.memsz);
        }
        let sym = ia64_machine::symbols::Symbolizer::from_elf(&data).unwrap();
        let at_entry = sym.symbolize(img.entry).unwrap_or_default();
        assert!(
            at_entry.starts_with("_start"),
            "{}: {at_entry}",
            path.display()
        );
        n += 1;
    }
    assert!(n >= 1);
}
