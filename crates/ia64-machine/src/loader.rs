//! ELF loading and the Linux/ia64 initial process image.
//!
//! [`parse`] validates a static `EM_IA_64` ELF64 little-endian executable and returns its
//! loadable segments; [`load_segments`] maps them into a user [`AddressSpace`] with the
//! permissions of their `p_flags` (file bytes copied, the rest zero — bss); [`exec`] does both and
//! then builds the initial stack, register backing store and register values exactly where and
//! how Linux/ia64 does, returning a [`ProcessImage`] for the kernel/CPU to apply.
//!
//! Every malformed input is a [`LoadError`] with a one-line message, never a panic.
//!
//! Facts used, from the Linux sources (read for facts only, nothing copied):
//!
//! * `fs/exec.c` (`__bprm_mm_init`, `copy_strings`): the stack starts one pointer below
//!   `STACK_TOP`; the file name, then the environment strings, then the argument strings are
//!   copied downwards (each list from last to first, so `argv[0]` is lowest); `AT_EXECFN` points
//!   at the file name.
//! * `fs/binfmt_elf.c` (`create_elf_tables`, `load_elf_binary`): 16 `AT_RANDOM` bytes below the
//!   strings; the auxiliary vector order (`ARCH_DLINFO`, then `AT_HWCAP`, `AT_PAGESZ`,
//!   `AT_CLKTCK`, `AT_PHDR`, `AT_PHENT`, `AT_PHNUM`, `AT_BASE`, `AT_FLAGS`, `AT_ENTRY`,
//!   `AT_UID`, `AT_EUID`, `AT_GID`, `AT_EGID`, `AT_SECURE`, `AT_RANDOM`, `AT_EXECFN`,
//!   `AT_NULL`); `sp = STACK_ROUND(p - auxv words, argc + envc + 3)` rounds down to 16 bytes and
//!   holds `argc`, then the argv pointers, NULL, the envp pointers, NULL, the auxv pairs;
//!   `mm->start_stack` is that `sp`; `start_brk = brk = ELF_PAGEALIGN(max(p_vaddr + p_memsz))`;
//!   `ELF_PLAT_INIT` runs after the tables are built, then `start_thread`.
//! * `arch/ia64/include/asm/elf.h`: `ELF_PLAT_INIT` is `ia64_init_addr_space()`; `ELF_HWCAP` 0;
//!   `ELF_PLATFORM` NULL; `ARCH_DLINFO` adds `AT_SYSINFO` and `AT_SYSINFO_EHDR` (the gate page).
//! * `arch/ia64/mm/init.c` (`ia64_set_rbs_bot`, `ia64_init_addr_space`): the user RBS base is
//!   `PAGE_ALIGN(mm->start_stack - min(rlimit_max(RLIMIT_STACK) & -16, MAX_USER_STACK_SIZE))`,
//!   and the RBS grows up from there.
//! * `arch/ia64/include/asm/processor.h` (`start_thread`): `cr_ipsr |= IA64_PSR_BITS_TO_SET |
//!   IA64_PSR_CPL` and `&= ~(IA64_PSR_BITS_TO_CLEAR | IA64_PSR_RI | IA64_PSR_IS)`;
//!   `ar.rsc = 0xf` ("eager mode, privilege level 3"); `ar.rnat = 0`; `ar.bspstore = rbs_bot`;
//!   `ar.fpsr = FPSR_DEFAULT`; `loadrs = 0`; `r8 = get_dumpable()` (1); `r12 = sp - 16` ("allocate
//!   16 byte scratch area"). `asm/kregs.h`: `IA64_PSR_BITS_TO_SET = DFH | SP`. The PSR inherited
//!   by init comes from the kernel's PSR (`arch/ia64/kernel/head.S`: IT, IC, I, DT, RT, DFH, BN,
//!   DI; `copy_thread` reads it with `mov psr` and ors in BN). The ia64 `execve` return path
//!   leaves an empty register frame (CFM = 0).
//! * `arch/ia64/include/asm/fpu.h`: `FPSR_DEFAULT` = all traps disabled, sf0 = PC 3 / RN, sf1 =
//!   sf0 + TD + WRE, sf2 = sf3 = sf0 + TD (0x0009804c0270033f).
//!
//! ```
//! use ia64_machine::loader::{exec, ProcessSpec};
//! use ia64_machine::phys::PhysMem;
//! use ia64_machine::space::{AddressSpace, SpaceKind};
//! let elf = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/../../test-programs/bin/hello")).unwrap();
//! let mut phys = PhysMem::new();
//! let mut space = AddressSpace::new(SpaceKind::User);
//! let img = exec(&elf, &ProcessSpec::new(["hello"]), &mut phys, &mut space).unwrap();
//! assert_eq!(img.entry, 0x4000_0000_0000_0080);
//! assert_eq!(img.r12, img.start_stack - 16);
//! assert_eq!(img.bsp, img.bspstore);
//! ```

use object::elf::{
    FileHeader64, ProgramHeader64, EM_IA_64, ET_EXEC, PT_DYNAMIC, PT_INTERP, PT_LOAD, PT_PHDR,
};
use object::read::elf::{FileHeader, ProgramHeader};
use object::LittleEndian as LE;

use crate::layout::{
    self, is_implemented, page_align_down, page_align_up, region_of, LAST_USER_REGION,
    RGN_MAP_LIMIT, STACK_TOP,
};
use crate::phys::{PhysMem, PAGE_SIZE};
use crate::space::{AddressSpace, MapError, PageLevel, Perm};

/// Processor status register bits (SDM Vol. 2 §3.3.2; Linux `asm/kregs.h`).
pub mod psr {
    /// Interruption collection.
    pub const IC: u64 = 1 << 13;
    /// Interrupt enable.
    pub const I: u64 = 1 << 14;
    /// Data address translation.
    pub const DT: u64 = 1 << 17;
    /// Disabled floating-point high (f32-f127).
    pub const DFH: u64 = 1 << 19;
    /// Secure performance monitors.
    pub const SP: u64 = 1 << 20;
    /// Disable instruction set transition.
    pub const DI: u64 = 1 << 22;
    /// Register stack translation.
    pub const RT: u64 = 1 << 27;
    /// Current privilege level, bits 33:32 (3 = user).
    pub const CPL_USER: u64 = 3 << 32;
    /// Instruction address translation.
    pub const IT: u64 = 1 << 36;
    /// Register bank 1.
    pub const BN: u64 = 1 << 44;
    /// The PSR of a freshly exec'd Linux/ia64 process: the kernel's PSR (IT, IC, I, DT, RT,
    /// DFH, DI) plus BN (`copy_thread`), plus `IA64_PSR_BITS_TO_SET` (DFH, SP) and CPL 3
    /// (`start_thread`); RI and IS clear. DFH set means the first use of f32-f127 raises a
    /// Disabled FP-Register fault, which Linux handles by enabling the high partition.
    pub const USER: u64 = IC | I | DT | DFH | SP | DI | RT | CPL_USER | IT | BN;
}

/// `FPSR_DEFAULT` of Linux/ia64 (`asm/fpu.h`).
pub const FPSR_DEFAULT: u64 = {
    let traps = 0x3f; // vd dd zd od ud id: all FP traps disabled
    let sf_default = 0x3 << 2; // PC = 3 (extended), RC = nearest
    let td = 1 << 6;
    let wre = 1 << 1;
    traps
        | (sf_default << 6)
        | ((sf_default | td | wre) << 19)
        | ((sf_default | td) << 32)
        | ((sf_default | td) << 45)
};

/// The `ar.rsc` Linux sets for user mode: mode 3 (eager), pl 3.
pub const USER_RSC: u64 = 0xf;

/// Auxiliary vector tags (`include/uapi/linux/auxvec.h`, `asm/auxvec.h`).
pub mod auxv {
    /// End of vector.
    pub const AT_NULL: u64 = 0;
    /// Program headers address.
    pub const AT_PHDR: u64 = 3;
    /// Size of a program header.
    pub const AT_PHENT: u64 = 4;
    /// Number of program headers.
    pub const AT_PHNUM: u64 = 5;
    /// Page size.
    pub const AT_PAGESZ: u64 = 6;
    /// Interpreter base (0: static).
    pub const AT_BASE: u64 = 7;
    /// Flags.
    pub const AT_FLAGS: u64 = 8;
    /// Entry point.
    pub const AT_ENTRY: u64 = 9;
    /// Real uid.
    pub const AT_UID: u64 = 11;
    /// Effective uid.
    pub const AT_EUID: u64 = 12;
    /// Real gid.
    pub const AT_GID: u64 = 13;
    /// Effective gid.
    pub const AT_EGID: u64 = 14;
    /// Hardware capabilities.
    pub const AT_HWCAP: u64 = 16;
    /// Clock ticks per second (`times()`).
    pub const AT_CLKTCK: u64 = 17;
    /// Secure mode.
    pub const AT_SECURE: u64 = 23;
    /// Address of 16 random bytes.
    pub const AT_RANDOM: u64 = 25;
    /// File name of the program.
    pub const AT_EXECFN: u64 = 31;
    /// ia64: address of `__kernel_syscall_via_epc` in the gate page.
    pub const AT_SYSINFO: u64 = 32;
    /// ia64: address of the gate page's ELF header.
    pub const AT_SYSINFO_EHDR: u64 = 33;
}

/// Why an ELF file could not be loaded (one line each).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LoadError {
    /// No ELF magic.
    #[error("not an ELF file")]
    NotElf,
    /// Shorter than the ELF header.
    #[error("truncated ELF file: {0}")]
    Truncated(String),
    /// Not ELFCLASS64.
    #[error("unsupported ELF class {0} (need ELFCLASS64)")]
    WrongClass(u8),
    /// Not little-endian.
    #[error("unsupported ELF data encoding {0} (need little-endian)")]
    WrongEndian(u8),
    /// Not EM_IA_64.
    #[error("not an IA-64 executable (ELF machine {0}, need EM_IA_64 = 50)")]
    WrongMachine(u16),
    /// Not ET_EXEC.
    #[error("not a static executable (ELF type {0}, need ET_EXEC = 2)")]
    NotExecutable(u16),
    /// Has an interpreter or dynamic section.
    #[error("dynamically linked executables are not supported (has {0})")]
    Dynamic(&'static str),
    /// Program header table problems.
    #[error("bad program headers: {0}")]
    BadProgramHeaders(String),
    /// A segment's file bytes lie outside the file.
    #[error(
        "segment {index}: file bytes {offset:#x}+{size:#x} lie outside the file ({file_len} bytes)"
    )]
    SegmentOutsideFile {
        /// Program header index.
        index: usize,
        /// p_offset.
        offset: u64,
        /// p_filesz.
        size: u64,
        /// File length.
        file_len: usize,
    },
    /// p_filesz > p_memsz.
    #[error("segment {index}: file size {filesz:#x} exceeds memory size {memsz:#x}")]
    FileszExceedsMemsz {
        /// Program header index.
        index: usize,
        /// p_filesz.
        filesz: u64,
        /// p_memsz.
        memsz: u64,
    },
    /// Two PT_LOAD segments overlap.
    #[error("segments {0} and {1} overlap")]
    Overlap(usize, usize),
    /// No PT_LOAD segment.
    #[error("no loadable (PT_LOAD) segment")]
    NoLoad,
    /// Segment in a kernel region, across regions, or at an unimplemented address.
    #[error("segment {index} at {vaddr:#x}+{memsz:#x}: {reason}")]
    SegmentAddress {
        /// Program header index.
        index: usize,
        /// p_vaddr.
        vaddr: u64,
        /// p_memsz.
        memsz: u64,
        /// What is wrong.
        reason: &'static str,
    },
    /// More memory than the guest has.
    #[error("segments need {0} pages, more than guest physical memory")]
    TooLarge(u64),
    /// Entry point outside executable segments.
    #[error("entry point {0:#x} is not in an executable segment")]
    EntryNotExecutable(u64),
    /// Entry point not bundle aligned.
    #[error("entry point {0:#x} is not 16-byte (bundle) aligned")]
    EntryUnaligned(u64),
    /// Arguments and environment do not fit the stack.
    #[error("arguments and environment too large ({0} bytes)")]
    ArgsTooLarge(u64),
    /// Mapping failed.
    #[error("mapping failed: {0}")]
    Map(#[from] MapError),
}

/// One PT_LOAD segment.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Segment {
    /// Program header index.
    pub index: usize,
    /// p_vaddr.
    pub vaddr: u64,
    /// p_memsz.
    pub memsz: u64,
    /// p_offset.
    pub offset: u64,
    /// p_filesz.
    pub filesz: u64,
    /// Permissions from p_flags.
    pub perm: Perm,
}

/// A validated executable.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ElfImage {
    /// e_entry.
    pub entry: u64,
    /// PT_LOAD segments in file order (non-empty).
    pub segments: Vec<Segment>,
    /// Virtual address of the program headers if they are loaded (PT_PHDR or inside a segment).
    pub phdr_addr: u64,
    /// e_phentsize (56).
    pub phent: u64,
    /// e_phnum.
    pub phnum: u64,
    /// e_flags.
    pub flags: u32,
    /// First byte after the highest segment, page aligned (Linux `start_brk`).
    pub brk_start: u64,
}

fn seg_err(s: &Segment, reason: &'static str) -> LoadError {
    LoadError::SegmentAddress {
        index: s.index,
        vaddr: s.vaddr,
        memsz: s.memsz,
        reason,
    }
}

/// Validate `data` as a static IA-64 executable.
pub fn parse(data: &[u8]) -> Result<ElfImage, LoadError> {
    if data.len() < 4 || data[..4] != [0x7f, b'E', b'L', b'F'] {
        return Err(LoadError::NotElf);
    }
    if data.len() < 64 {
        return Err(LoadError::Truncated(format!(
            "{} bytes, shorter than the 64-byte ELF header",
            data.len()
        )));
    }
    if data[4] != 2 {
        return Err(LoadError::WrongClass(data[4]));
    }
    if data[5] != 1 {
        return Err(LoadError::WrongEndian(data[5]));
    }
    let hdr = FileHeader64::<LE>::parse(data).map_err(|e| LoadError::Truncated(e.to_string()))?;
    let e = LE;
    let machine = hdr.e_machine(e);
    if machine != EM_IA_64 {
        return Err(LoadError::WrongMachine(machine.0));
    }
    let ty = hdr.e_type(e);
    if ty != ET_EXEC {
        return Err(LoadError::NotExecutable(ty.0));
    }
    let phdrs: &[ProgramHeader64<LE>] = hdr
        .program_headers(e, data)
        .map_err(|err| LoadError::BadProgramHeaders(err.to_string()))?;
    let mut segments = Vec::new();
    let mut phdr_vaddr = None;
    for (index, ph) in phdrs.iter().enumerate() {
        match ph.p_type(e) {
            PT_INTERP => return Err(LoadError::Dynamic("PT_INTERP")),
            PT_DYNAMIC => return Err(LoadError::Dynamic("PT_DYNAMIC")),
            PT_PHDR => phdr_vaddr = Some(ph.p_vaddr(e)),
            PT_LOAD => {
                let s = Segment {
                    index,
                    vaddr: ph.p_vaddr(e),
                    memsz: ph.p_memsz(e),
                    offset: ph.p_offset(e),
                    filesz: ph.p_filesz(e),
                    perm: Perm::from_elf_flags(ph.p_flags(e).0),
                };
                check_segment(&s, data.len())?;
                if s.memsz > 0 {
                    segments.push(s);
                }
            }
            _ => {}
        }
    }
    if segments.is_empty() {
        return Err(LoadError::NoLoad);
    }
    let mut sorted = segments.clone();
    sorted.sort_by_key(|s| s.vaddr);
    for w in sorted.windows(2) {
        if w[0].vaddr + w[0].memsz > w[1].vaddr {
            let (a, b) = (w[0].index.min(w[1].index), w[0].index.max(w[1].index));
            return Err(LoadError::Overlap(a, b));
        }
    }
    let entry = hdr.e_entry(e);
    let in_exec = segments
        .iter()
        .any(|s| s.perm.exec() && entry >= s.vaddr && entry - s.vaddr < s.memsz);
    if !in_exec {
        return Err(LoadError::EntryNotExecutable(entry));
    }
    if entry & 15 != 0 {
        return Err(LoadError::EntryUnaligned(entry));
    }
    let phoff = hdr.e_phoff(e);
    let phdr_addr = phdr_vaddr.unwrap_or_else(|| {
        // Linux: the segment whose file bytes contain e_phoff.
        segments
            .iter()
            .find(|s| phoff >= s.offset && phoff - s.offset < s.filesz)
            .map_or(0, |s| s.vaddr + (phoff - s.offset))
    });
    let brk_end = segments
        .iter()
        .map(|s| s.vaddr + s.memsz)
        .max()
        .unwrap_or(0);
    Ok(ElfImage {
        entry,
        phdr_addr,
        phent: u64::from(hdr.e_phentsize(e)),
        phnum: phdrs.len() as u64,
        flags: hdr.e_flags(e).0,
        brk_start: page_align_up(brk_end),
        segments,
    })
}

fn check_segment(s: &Segment, file_len: usize) -> Result<(), LoadError> {
    match s.offset.checked_add(s.filesz) {
        Some(end) if end <= file_len as u64 => {}
        _ => {
            return Err(LoadError::SegmentOutsideFile {
                index: s.index,
                offset: s.offset,
                size: s.filesz,
                file_len,
            })
        }
    }
    if s.filesz > s.memsz {
        return Err(LoadError::FileszExceedsMemsz {
            index: s.index,
            filesz: s.filesz,
            memsz: s.memsz,
        });
    }
    if s.memsz == 0 {
        return Ok(());
    }
    let Some(last) = s.vaddr.checked_add(s.memsz - 1) else {
        return Err(seg_err(s, "wraps around the address space"));
    };
    let r = region_of(s.vaddr);
    if r > LAST_USER_REGION {
        return Err(seg_err(s, "lies in a kernel region (5-7)"));
    }
    if region_of(last) != r {
        return Err(seg_err(s, "crosses a region boundary"));
    }
    if !is_implemented(s.vaddr) || !is_implemented(last) {
        return Err(seg_err(s, "unimplemented virtual address"));
    }
    if last - layout::region_base(r) >= RGN_MAP_LIMIT {
        return Err(seg_err(
            s,
            "beyond the per-region user limit (RGN_MAP_LIMIT)",
        ));
    }
    Ok(())
}

/// Map and fill the segments of `elf` into `space`. Pages shared by two segments get the union
/// of their permissions.
pub fn load_segments(
    elf: &ElfImage,
    data: &[u8],
    phys: &mut PhysMem,
    space: &mut AddressSpace,
) -> Result<(), LoadError> {
    let mut pages: std::collections::BTreeMap<u64, Perm> = Default::default();
    for s in &elf.segments {
        let lo = page_align_down(s.vaddr);
        let hi = page_align_up(s.vaddr + s.memsz);
        let n = (hi - lo) / PAGE_SIZE;
        if n + pages.len() as u64 > phys.limit() / PAGE_SIZE {
            return Err(LoadError::TooLarge(n + pages.len() as u64));
        }
        for i in 0..n {
            let p = pages.entry(lo + i * PAGE_SIZE).or_insert(Perm::NONE);
            *p = p.union(s.perm);
        }
    }
    for (&va, &perm) in &pages {
        space.map(phys, va, PAGE_SIZE, perm, PageLevel::User)?;
    }
    for s in &elf.segments {
        // check_segment proved offset + filesz <= data.len().
        let bytes = data
            .get(s.offset as usize..(s.offset + s.filesz) as usize)
            .unwrap_or(&[]);
        space.write_bytes(phys, s.vaddr, bytes)?;
    }
    Ok(())
}

/// The gate page entries of the auxiliary vector (ia64 `ARCH_DLINFO`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct GateInfo {
    /// `AT_SYSINFO`: address of `__kernel_syscall_via_epc`.
    pub sysinfo: u64,
    /// `AT_SYSINFO_EHDR`: address of the gate DSO's ELF header.
    pub sysinfo_ehdr: u64,
}

/// What to exec: arguments, environment and the values the kernel puts in the aux vector.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProcessSpec {
    /// Argument strings (without NUL).
    pub argv: Vec<Vec<u8>>,
    /// Environment strings `NAME=value` (without NUL).
    pub envp: Vec<Vec<u8>>,
    /// `AT_EXECFN` string (default: `argv[0]`, or empty).
    pub execfn: Option<Vec<u8>>,
    /// The 16 `AT_RANDOM` bytes.
    pub random: [u8; 16],
    /// uid, euid, gid, egid.
    pub ids: [u32; 4],
    /// `AT_CLKTCK` (Linux/ia64: `USER_HZ = HZ = CONFIG_HZ`; 250 is the Kconfig default).
    pub clktck: u64,
    /// Gate page aux entries, if the kernel maps a gate page.
    pub gate: Option<GateInfo>,
    /// Size of the memory stack mapping.
    pub stack_size: u64,
    /// Size of the register backing store mapping.
    pub rbs_size: u64,
    /// Hard `RLIMIT_STACK` (`None` = unlimited, the usual case).
    pub rlimit_stack_max: Option<u64>,
}

/// 16 fixed pseudo-random bytes (splitmix64 of a constant seed): deterministic runs.
pub fn deterministic_random(seed: u64) -> [u8; 16] {
    let mut x = seed;
    let mut next = || {
        x = x.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = x;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    };
    let mut out = [0u8; 16];
    out[..8].copy_from_slice(&next().to_le_bytes());
    out[8..].copy_from_slice(&next().to_le_bytes());
    out
}

impl ProcessSpec {
    /// Arguments `argv`, empty environment, deterministic defaults.
    pub fn new<I, S>(argv: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: AsRef<[u8]>,
    {
        Self {
            argv: argv.into_iter().map(|s| s.as_ref().to_vec()).collect(),
            envp: Vec::new(),
            execfn: None,
            random: deterministic_random(0x1a64),
            ids: [1000; 4],
            clktck: 250,
            gate: None,
            stack_size: layout::DEFAULT_STACK_SIZE,
            rbs_size: layout::DEFAULT_RBS_SIZE,
            rlimit_stack_max: None,
        }
    }

    /// Set the environment.
    pub fn with_env<I, S>(mut self, envp: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: AsRef<[u8]>,
    {
        self.envp = envp.into_iter().map(|s| s.as_ref().to_vec()).collect();
        self
    }
}

/// The initial user state of a new process, to be applied to the CPU by the kernel.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProcessImage {
    /// Initial IP (`cr.iip`), a bundle address.
    pub entry: u64,
    /// `r12`: `start_stack - 16` (the 16-byte scratch area below the argument block).
    pub r12: u64,
    /// `r8`: `get_dumpable()` = 1 ("don't zap registers" flag of `start_thread`).
    pub r8: u64,
    /// Address of `argc` (Linux `mm->start_stack`); 16-byte aligned.
    pub start_stack: u64,
    /// argc.
    pub argc: u64,
    /// Address of `argv[0]` pointer.
    pub argv_addr: u64,
    /// Address of `envp[0]` pointer.
    pub envp_addr: u64,
    /// Address of the first auxv pair.
    pub auxv_addr: u64,
    /// The auxiliary vector written (AT_NULL included).
    pub auxv: Vec<(u64, u64)>,
    /// `[arg_start, arg_end)`: the argument strings (`/proc/pid/cmdline`).
    pub arg_start: u64,
    /// End of the argument strings.
    pub arg_end: u64,
    /// `[env_start, env_end)`: the environment strings.
    pub env_start: u64,
    /// End of the environment strings.
    pub env_end: u64,
    /// Address of the `AT_EXECFN` string.
    pub execfn_addr: u64,
    /// Address of the 16 `AT_RANDOM` bytes.
    pub random_addr: u64,
    /// `ar.bsp` (= `ar.bspstore` = Linux `rbs_bot`): the empty user register backing store.
    pub bsp: u64,
    /// `ar.bspstore`.
    pub bspstore: u64,
    /// `ar.rnat` (0).
    pub rnat: u64,
    /// `ar.rsc` (0xf: eager, pl 3).
    pub rsc: u64,
    /// `ar.fpsr` (`FPSR_DEFAULT`).
    pub fpsr: u64,
    /// `psr` (`cr.ipsr` for the return to user mode), see [`psr::USER`].
    pub psr: u64,
    /// CFM: the empty frame (0).
    pub cfm: u64,
    /// `[stack_low, STACK_TOP)` is mapped for the memory stack.
    pub stack_low: u64,
    /// `[bsp, rbs_end)` is mapped for the register backing store.
    pub rbs_end: u64,
    /// Program break start (page after the highest segment).
    pub brk_start: u64,
    /// Base for `mmap` without an address (`TASK_UNMAPPED_BASE`).
    pub mmap_base: u64,
    /// The loaded segments.
    pub segments: Vec<Segment>,
}

/// Load `data` into the (empty) user `space` and build the initial process image.
pub fn exec(
    data: &[u8],
    spec: &ProcessSpec,
    phys: &mut PhysMem,
    space: &mut AddressSpace,
) -> Result<ProcessImage, LoadError> {
    let elf = parse(data)?;
    load_segments(&elf, data, phys, space)?;
    build_stack(&elf, spec, phys, space)
}

/// A downward-growing builder of the initial stack contents (host side, written at the end).
struct StackBuf {
    top: u64,
    bytes: Vec<u8>, // bytes[i] is at top - bytes.len() + i
}

impl StackBuf {
    fn cur(&self) -> u64 {
        self.top - self.bytes.len() as u64
    }
    fn push(&mut self, data: &[u8]) -> u64 {
        let mut v = data.to_vec();
        v.extend_from_slice(&self.bytes);
        self.bytes = v;
        self.cur()
    }
    fn push_str(&mut self, s: &[u8]) -> u64 {
        let mut v = s.to_vec();
        v.push(0);
        self.push(&v)
    }
}

/// Build the stack, map stack and RBS, and compute the initial registers (see module docs).
pub fn build_stack(
    elf: &ElfImage,
    spec: &ProcessSpec,
    phys: &mut PhysMem,
    space: &mut AddressSpace,
) -> Result<ProcessImage, LoadError> {
    use auxv::*;
    let stack_size = page_align_up(spec.stack_size.max(2 * PAGE_SIZE));
    let stack_low = STACK_TOP - stack_size.min(RGN_MAP_LIMIT / 2);
    // Strings: one zero word at the very top, then execfn, envp (last first), argv (last first).
    let mut st = StackBuf {
        top: STACK_TOP,
        bytes: vec![0u8; 8],
    };
    let execfn = spec
        .execfn
        .clone()
        .or_else(|| spec.argv.first().cloned())
        .unwrap_or_default();
    let execfn_addr = st.push_str(&execfn);
    let env_end = st.cur();
    let mut env_ptrs: Vec<u64> = spec.envp.iter().rev().map(|s| st.push_str(s)).collect();
    env_ptrs.reverse();
    let env_start = st.cur();
    let mut arg_ptrs: Vec<u64> = spec.argv.iter().rev().map(|s| st.push_str(s)).collect();
    arg_ptrs.reverse();
    let arg_start = st.cur();
    let random_addr = st.push(&spec.random);

    let mut av: Vec<(u64, u64)> = Vec::new();
    if let Some(g) = spec.gate {
        av.push((AT_SYSINFO, g.sysinfo));
        av.push((AT_SYSINFO_EHDR, g.sysinfo_ehdr));
    }
    let [uid, euid, gid, egid] = spec.ids.map(u64::from);
    av.extend([
        (AT_HWCAP, 0),
        (AT_PAGESZ, PAGE_SIZE),
        (AT_CLKTCK, spec.clktck),
        (AT_PHDR, elf.phdr_addr),
        (AT_PHENT, elf.phent),
        (AT_PHNUM, elf.phnum),
        (AT_BASE, 0),
        (AT_FLAGS, 0),
        (AT_ENTRY, elf.entry),
        (AT_UID, uid),
        (AT_EUID, euid),
        (AT_GID, gid),
        (AT_EGID, egid),
        (AT_SECURE, 0),
        (AT_RANDOM, random_addr),
        (AT_EXECFN, execfn_addr),
        (AT_NULL, 0),
    ]);
    let argc = spec.argv.len() as u64;
    let items = (argc + 1) + (spec.envp.len() as u64 + 1) + 1;
    let ei_words = 2 * av.len() as u64;
    let sp_unrounded = st.cur() - 8 * ei_words;
    let start_stack = (sp_unrounded - 8 * items) & !15;
    // Pad between the auxv end and the random bytes, then the table itself.
    let table_end = start_stack + 8 * (items + ei_words);
    st.push(&vec![0u8; (st.cur() - table_end) as usize]);
    let mut table: Vec<u64> = vec![argc];
    table.extend(&arg_ptrs);
    table.push(0);
    table.extend(&env_ptrs);
    table.push(0);
    for (k, v) in &av {
        table.extend([*k, *v]);
    }
    let tb: Vec<u8> = table.iter().flat_map(|w| w.to_le_bytes()).collect();
    st.push(&tb);
    debug_assert_eq!(st.cur(), start_stack);
    let used = STACK_TOP - (start_stack - 16);
    if used + PAGE_SIZE > STACK_TOP - stack_low {
        return Err(LoadError::ArgsTooLarge(used));
    }
    space.map(
        phys,
        stack_low,
        STACK_TOP - stack_low,
        Perm::RW,
        PageLevel::User,
    )?;
    space.write_bytes(phys, st.cur(), &st.bytes)?;

    // The register backing store (ia64_set_rbs_bot), clipped below the stack mapping.
    let bsp = layout::rbs_bot(start_stack, spec.rlimit_stack_max);
    let rbs_end = page_align_up(bsp.saturating_add(spec.rbs_size.max(PAGE_SIZE))).min(stack_low);
    if rbs_end <= bsp {
        return Err(LoadError::Map(MapError::AlreadyMapped(bsp)));
    }
    space.map(phys, bsp, rbs_end - bsp, Perm::RW, PageLevel::User)?;

    let argv_addr = start_stack + 8;
    let envp_addr = argv_addr + 8 * (argc + 1);
    let auxv_addr = envp_addr + 8 * (spec.envp.len() as u64 + 1);
    Ok(ProcessImage {
        entry: elf.entry,
        r12: start_stack - 16,
        r8: 1,
        start_stack,
        argc,
        argv_addr,
        envp_addr,
        auxv_addr,
        auxv: av,
        arg_start,
        arg_end: env_start,
        env_start,
        env_end,
        execfn_addr,
        random_addr,
        bsp,
        bspstore: bsp,
        rnat: 0,
        rsc: USER_RSC,
        fpsr: FPSR_DEFAULT,
        psr: psr::USER,
        cfm: 0,
        stack_low,
        rbs_end,
        brk_start: elf.brk_start,
        mmap_base: layout::MMAP_BASE,
        segments: elf.segments.clone(),
    })
}
