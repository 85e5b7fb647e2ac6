//! gdb's raw ia64 register file: numbering, sizes, 'g'-packet offsets and [`Ia64Regs`].
//!
//! gdb's ia64 support has no target description: the layout is fixed in gdb
//! (`gdb/ia64-tdep.c`, `ia64_register_names`, `NUM_IA64_RAW_REGS = 462`; `gdb/ia64-tdep.h`
//! for the `IA64_*_REGNUM` numbers). This module owns that layout and nothing else. The raw
//! order, which is the order of the 'g' and 'G' packets, is:
//!
//! | regnum | registers | bytes each |
//! |---|---|---|
//! | 0–127 | r0–r127 (gdb names only r0–r31; r32–r127 are gdb pseudo-registers read from memory) | 8 |
//! | 128–255 | f0–f127, the 82-bit register value in the `stf.spill` memory image | 16 |
//! | 256–319 | unnamed raw p0–p63 (gdb never shows them) | 8 |
//! | 320–327 | b0–b7 | 8 |
//! | 328, 329 | vfp, vrap | 8 |
//! | 330–333 | pr, ip, psr, cfm | 8 |
//! | 334–461 | ar0–ar127 | 8 |
//!
//! 462 registers, 4720 bytes. `maint print raw-registers` in gdb-multiarch 13.1 (after
//! `set architecture ia64-elf64`) prints exactly these numbers, sizes and offsets; the crate's
//! tests compare against it.
//!
//! The floating-point registers have gdb type `_ia64_ext`: 16 bytes in which gdb's
//! `floatformat_ia64_ext` uses bits 0–63 for the significand (explicit integer bit 63),
//! bits 64–80 for the biased exponent and bit 81 for the sign, little-endian — the layout
//! `stf.spill` writes (SDM Vol. 1 §5.1, Figure 5-9). gdb prints f1 = 1.0 from
//! `00 00 00 00 00 00 00 80 ff ff 00 …`.
//!
//! What gdb expects in some of these registers (rse-spec §10.3): `bsp` is the *end* of the
//! current frame (architectural AR.BSP plus CFM.sof slots, NaT collections included), as
//! Linux's PT_AR_BSP; `ip` is the bundle address and the slot is psr.ri (bits 42:41), gdb's PC
//! being `ip | ri`; `rnat` is the NaT collection of the partial group below that `bsp`.

use std::fmt;

/// Number of raw registers (`NUM_IA64_RAW_REGS`).
pub const NUM_RAW_REGS: usize = 462;
/// Size in bytes of a full 'g' reply or 'G' request.
pub const G_PACKET_BYTES: usize = 4720;

/// gdb register numbers (`gdb/ia64-tdep.h`, `IA64_*_REGNUM`).
pub mod regnum {
    /// r0; rN is `GR0 + N`.
    pub const GR0: usize = 0;
    /// r12, the memory stack pointer.
    pub const SP: usize = 12;
    /// First raw stacked register slot (r32); gdb never reads raw r32–r127.
    pub const GR32: usize = 32;
    /// f0; fN is `FR0 + N`.
    pub const FR0: usize = 128;
    /// First unnamed raw predicate slot (p0); gdb never shows the 64 of them.
    pub const PR0_RAW: usize = 256;
    /// b0; bN is `BR0 + N`.
    pub const BR0: usize = 320;
    /// Virtual frame pointer.
    pub const VFP: usize = 328;
    /// Virtual return-address pointer.
    pub const VRAP: usize = 329;
    /// All 64 predicates as one word.
    pub const PR: usize = 330;
    /// Bundle address of the next instruction.
    pub const IP: usize = 331;
    /// PSR; bits 42:41 are the slot (ri).
    pub const PSR: usize = 332;
    /// Current frame marker.
    pub const CFM: usize = 333;
    /// ar0 (kr0); arN is `AR0 + N`.
    pub const AR0: usize = 334;
    /// ar.rsc (ar16).
    pub const RSC: usize = AR0 + 16;
    /// ar.bsp (ar17), reported as the end of the current frame.
    pub const BSP: usize = AR0 + 17;
    /// ar.bspstore (ar18).
    pub const BSPSTORE: usize = AR0 + 18;
    /// ar.rnat (ar19).
    pub const RNAT: usize = AR0 + 19;
    /// ar.ccv (ar32).
    pub const CCV: usize = AR0 + 32;
    /// ar.unat (ar36).
    pub const UNAT: usize = AR0 + 36;
    /// ar.fpsr (ar40).
    pub const FPSR: usize = AR0 + 40;
    /// ar.itc (ar44).
    pub const ITC: usize = AR0 + 44;
    /// ar.pfs (ar64).
    pub const PFS: usize = AR0 + 64;
    /// ar.lc (ar65).
    pub const LC: usize = AR0 + 65;
    /// ar.ec (ar66).
    pub const EC: usize = AR0 + 66;
}

/// Application register numbers used inside [`Ia64Regs::ar`] (SDM Vol. 1 §3.1.8).
pub mod ar {
    /// ar.rsc.
    pub const RSC: usize = 16;
    /// ar.bsp.
    pub const BSP: usize = 17;
    /// ar.bspstore.
    pub const BSPSTORE: usize = 18;
    /// ar.rnat.
    pub const RNAT: usize = 19;
    /// ar.ccv.
    pub const CCV: usize = 32;
    /// ar.unat.
    pub const UNAT: usize = 36;
    /// ar.fpsr.
    pub const FPSR: usize = 40;
    /// ar.itc.
    pub const ITC: usize = 44;
    /// ar.pfs.
    pub const PFS: usize = 64;
    /// ar.lc.
    pub const LC: usize = 65;
    /// ar.ec.
    pub const EC: usize = 66;
}

/// Size in bytes of raw register `regnum`, or `None` past the last one.
pub fn size(regnum: usize) -> Option<usize> {
    match regnum {
        128..=255 => Some(16),
        0..NUM_RAW_REGS => Some(8),
        _ => None,
    }
}

/// Byte offset of raw register `regnum` in the 'g' packet, or `None` past the last one.
pub fn offset(regnum: usize) -> Option<usize> {
    match regnum {
        0..128 => Some(regnum * 8),
        128..256 => Some(1024 + (regnum - 128) * 16),
        256..NUM_RAW_REGS => Some(3072 + (regnum - 256) * 8),
        _ => None,
    }
}

/// Why a raw register value was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RegError {
    /// No raw register has this number.
    NoSuchRegister(usize),
    /// The value does not have the register's size.
    BadLength {
        /// The register.
        regnum: usize,
        /// Bytes given.
        len: usize,
    },
}

impl fmt::Display for RegError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RegError::NoSuchRegister(n) => write!(f, "no raw ia64 register {n}"),
            RegError::BadLength { regnum, len } => {
                write!(
                    f,
                    "register {regnum} takes {:?} bytes, not {len}",
                    size(*regnum)
                )
            }
        }
    }
}

impl std::error::Error for RegError {}

/// The 462 raw registers of one thread as gdb sees them, with an availability bit per
/// register (an unavailable register goes out as `xx…`, which gdb shows as `<unavailable>`).
///
/// Fields are the register values; `fr` holds each FR's 16-byte spill image as a
/// little-endian `u128` (exactly what `ia64_cpu::fr_format::fr_to_spill` returns).
#[derive(Clone, PartialEq, Eq)]
pub struct Ia64Regs {
    /// r0–r127. gdb reads r32–r127 from the backing store, never from here.
    pub gr: [u64; 128],
    /// f0–f127 as spill images (significand 63:0, exponent 80:64, sign 81).
    pub fr: [u128; 128],
    /// The 64 unnamed raw predicate slots (one predicate each, 0 or 1).
    pub pr_raw: [u64; 64],
    /// b0–b7.
    pub br: [u64; 8],
    /// Virtual frame pointer.
    pub vfp: u64,
    /// Virtual return-address pointer.
    pub vrap: u64,
    /// All 64 predicates.
    pub pr: u64,
    /// Bundle address (16-byte aligned).
    pub ip: u64,
    /// PSR with the slot in bits 42:41.
    pub psr: u64,
    /// Current frame marker.
    pub cfm: u64,
    /// ar0–ar127; index with [`ar`].
    pub ar: [u64; 128],
    /// Bit `n` set: raw register `n` is unavailable.
    unavailable: [u64; 8],
}

impl Default for Ia64Regs {
    /// All zero; raw r32–r127, the raw predicate slots, vfp and vrap unavailable (the
    /// registers Linux's native ia64 target also reports as unavailable, rse-spec §10.2).
    fn default() -> Self {
        let mut regs = Ia64Regs {
            gr: [0; 128],
            fr: [0; 128],
            pr_raw: [0; 64],
            br: [0; 8],
            vfp: 0,
            vrap: 0,
            pr: 0,
            ip: 0,
            psr: 0,
            cfm: 0,
            ar: [0; 128],
            unavailable: [0; 8],
        };
        for n in (regnum::GR32..regnum::FR0).chain(regnum::PR0_RAW..regnum::BR0) {
            regs.set_available(n, false);
        }
        regs.set_available(regnum::VFP, false);
        regs.set_available(regnum::VRAP, false);
        regs
    }
}

impl fmt::Debug for Ia64Regs {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Ia64Regs")
            .field("ip", &format_args!("{:#x}", self.ip))
            .field("slot", &self.slot())
            .field("cfm", &format_args!("{:#x}", self.cfm))
            .field("bsp", &format_args!("{:#x}", self.ar[ar::BSP]))
            .field("sp", &format_args!("{:#x}", self.gr[12]))
            .finish_non_exhaustive()
    }
}

impl Ia64Regs {
    /// The slot of the next instruction (psr.ri, bits 42:41).
    pub fn slot(&self) -> u64 {
        (self.psr >> 41) & 3
    }

    /// gdb's PC: `ip | slot` (`ia64_read_pc`).
    pub fn pc(&self) -> u64 {
        self.ip | self.slot()
    }

    /// Is raw register `regnum` available? Numbers past the last register are not.
    pub fn is_available(&self, regnum: usize) -> bool {
        regnum < NUM_RAW_REGS && self.unavailable[regnum / 64] & (1 << (regnum % 64)) == 0
    }

    /// Marks raw register `regnum` available or not; numbers past the last one are ignored.
    pub fn set_available(&mut self, regnum: usize, available: bool) {
        if regnum >= NUM_RAW_REGS {
            return;
        }
        let bit = 1u64 << (regnum % 64);
        if available {
            self.unavailable[regnum / 64] &= !bit;
        } else {
            self.unavailable[regnum / 64] |= bit;
        }
    }

    /// The little-endian bytes of raw register `regnum` (8 or 16), whether or not it is
    /// available; `None` past the last register.
    pub fn raw_bytes(&self, regnum: usize) -> Option<Vec<u8>> {
        let n = regnum;
        let word = match n {
            0..128 => self.gr[n],
            128..256 => return Some(self.fr[n - 128].to_le_bytes().to_vec()),
            256..320 => self.pr_raw[n - 256],
            320..328 => self.br[n - 320],
            regnum::VFP => self.vfp,
            regnum::VRAP => self.vrap,
            regnum::PR => self.pr,
            regnum::IP => self.ip,
            regnum::PSR => self.psr,
            regnum::CFM => self.cfm,
            334..NUM_RAW_REGS => self.ar[n - regnum::AR0],
            _ => return None,
        };
        Some(word.to_le_bytes().to_vec())
    }

    /// Sets raw register `regnum` from its little-endian bytes and marks it available.
    pub fn set_raw(&mut self, regnum: usize, bytes: &[u8]) -> Result<(), RegError> {
        let want = size(regnum).ok_or(RegError::NoSuchRegister(regnum))?;
        if bytes.len() != want {
            return Err(RegError::BadLength {
                regnum,
                len: bytes.len(),
            });
        }
        if want == 16 {
            let mut b = [0u8; 16];
            b.copy_from_slice(bytes);
            self.fr[regnum - regnum::FR0] = u128::from_le_bytes(b);
        } else {
            let mut b = [0u8; 8];
            b.copy_from_slice(bytes);
            *self.word_mut(regnum) = u64::from_le_bytes(b);
        }
        self.set_available(regnum, true);
        Ok(())
    }

    /// The 8-byte register `regnum` (not an FR, which `set_raw` handles).
    fn word_mut(&mut self, n: usize) -> &mut u64 {
        match n {
            0..128 => &mut self.gr[n],
            256..320 => &mut self.pr_raw[n - 256],
            320..328 => &mut self.br[n - 320],
            regnum::VFP => &mut self.vfp,
            regnum::VRAP => &mut self.vrap,
            regnum::PR => &mut self.pr,
            regnum::IP => &mut self.ip,
            regnum::PSR => &mut self.psr,
            regnum::CFM => &mut self.cfm,
            _ => &mut self.ar[n - regnum::AR0],
        }
    }

    /// The whole 'g' image: `G_PACKET_BYTES` entries, `None` for each byte of an
    /// unavailable register.
    pub fn to_g_bytes(&self) -> Vec<Option<u8>> {
        let mut out = Vec::with_capacity(G_PACKET_BYTES);
        for n in 0..NUM_RAW_REGS {
            let avail = self.is_available(n);
            for b in self.raw_bytes(n).unwrap_or_default() {
                out.push(avail.then_some(b));
            }
        }
        out
    }

    /// Parses a full 'G' image (exactly `G_PACKET_BYTES` bytes); every register becomes
    /// available.
    pub fn from_g_bytes(bytes: &[u8]) -> Option<Ia64Regs> {
        if bytes.len() != G_PACKET_BYTES {
            return None;
        }
        let mut regs = Ia64Regs::default();
        for n in 0..NUM_RAW_REGS {
            let (off, len) = (offset(n)?, size(n)?);
            regs.set_raw(n, bytes.get(off..off + len)?).ok()?;
        }
        Some(regs)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Registers with a distinct value in every 8-byte register: `0x1100_0000_0000_0000 | n`.
    fn numbered() -> Ia64Regs {
        let mut r = Ia64Regs::default();
        for n in 0..NUM_RAW_REGS {
            let v = 0x1100_0000_0000_0000u64 | n as u64;
            let bytes = if size(n) == Some(16) {
                (u128::from(v) << 64 | u128::from(v)).to_le_bytes().to_vec()
            } else {
                v.to_le_bytes().to_vec()
            };
            r.set_raw(n, &bytes).unwrap();
        }
        r
    }

    fn word_at(g: &[Option<u8>], off: usize) -> u64 {
        let b: Vec<u8> = g[off..off + 8].iter().map(|b| b.unwrap()).collect();
        u64::from_le_bytes(b.try_into().unwrap())
    }

    #[test]
    fn g_image_is_4720_bytes() {
        assert_eq!(Ia64Regs::default().to_g_bytes().len(), 4720);
        assert_eq!(numbered().to_g_bytes().len(), 4720);
    }

    /// Offsets from rse-spec §10.1's table (gdb's `maint print raw-registers`).
    #[test]
    fn named_registers_sit_at_the_table_offsets() {
        let mut r = Ia64Regs::default();
        r.ar[ar::BSP] = 0x6000_0000_0000_0238;
        r.cfm = 0x30a;
        r.ip = 0x4000_0000_0000_0080;
        r.psr = 2 << 41;
        r.pr = 0xdead_beef;
        r.ar[ar::RNAT] = 0x55;
        r.ar[ar::PFS] = 0x8000_0000_0000_0208;
        r.ar[ar::RSC] = 3;
        r.ar[ar::BSPSTORE] = 0x6000_0000_0000_0100;
        r.ar[ar::CCV] = 0xcc;
        r.ar[ar::UNAT] = 0x11;
        r.ar[ar::FPSR] = 0x0009_804c_0270_033f;
        r.ar[ar::ITC] = 12345;
        r.ar[ar::LC] = 7;
        r.ar[ar::EC] = 1;
        r.br[0] = 0x4000_0000_0000_1230;
        r.br[7] = 0x4000_0000_0000_7770;
        r.gr[1] = 0x6000_0000_0001_0000;
        r.gr[12] = 0x6000_0fff_ffff_f000;
        let g = r.to_g_bytes();
        let table: [(usize, u64); 19] = [
            (3832, 0x6000_0000_0000_0238), // bsp
            (3688, 0x30a),                 // cfm
            (3672, 0x4000_0000_0000_0080), // ip
            (3680, 2 << 41),               // psr
            (3664, 0xdead_beef),           // pr
            (3848, 0x55),                  // rnat
            (4208, 0x8000_0000_0000_0208), // pfs
            (3824, 3),                     // rsc
            (3840, 0x6000_0000_0000_0100), // bspstore
            (3952, 0xcc),                  // ccv
            (3984, 0x11),                  // unat
            (4016, 0x0009_804c_0270_033f), // fpsr
            (4048, 12345),                 // itc
            (4216, 7),                     // lc
            (4224, 1),                     // ec
            (3584, 0x4000_0000_0000_1230), // b0
            (3640, 0x4000_0000_0000_7770), // b7
            (8, 0x6000_0000_0001_0000),    // r1
            (96, 0x6000_0fff_ffff_f000),   // r12
        ];
        for (off, want) in table {
            assert_eq!(word_at(&g, off), want, "offset {off}");
        }
    }

    #[test]
    fn every_register_lands_at_its_numbered_place() {
        let g = numbered().to_g_bytes();
        // r0..r127 from byte 0, f0..f127 (16 bytes) from 1024, then 8-byte registers from 3072.
        for n in 0..128usize {
            assert_eq!(word_at(&g, n * 8), 0x1100_0000_0000_0000 | n as u64);
        }
        for k in 0..128usize {
            let n = 128 + k;
            assert_eq!(word_at(&g, 1024 + 16 * k), 0x1100_0000_0000_0000 | n as u64);
            assert_eq!(
                word_at(&g, 1024 + 16 * k + 8),
                0x1100_0000_0000_0000 | n as u64
            );
        }
        for n in 256..462usize {
            assert_eq!(
                word_at(&g, 3072 + 8 * (n - 256)),
                0x1100_0000_0000_0000 | n as u64
            );
        }
    }

    #[test]
    fn fr_spill_image_layout() {
        // 1.0: significand 0x8000000000000000, exponent 0xffff, sign 0 →
        // bytes 00 00 00 00 00 00 00 80 ff ff 00 00 00 00 00 00 (rse-spec §10.1).
        let mut r = Ia64Regs::default();
        r.fr[1] = (0xffffu128 << 64) | (1u128 << 63);
        // -2.5: sign 1, exponent 0x10000, significand 0xa000000000000000.
        r.fr[2] = (1u128 << 81) | (0x10000u128 << 64) | (0xa000_0000_0000_0000u128);
        let g = r.to_g_bytes();
        let f1: Vec<u8> = g[1040..1056].iter().map(|b| b.unwrap()).collect();
        assert_eq!(
            f1,
            [0, 0, 0, 0, 0, 0, 0, 0x80, 0xff, 0xff, 0, 0, 0, 0, 0, 0]
        );
        let f2: Vec<u8> = g[1056..1072].iter().map(|b| b.unwrap()).collect();
        assert_eq!(
            f2,
            [0, 0, 0, 0, 0, 0, 0, 0xa0, 0x00, 0x00, 0x03, 0, 0, 0, 0, 0]
        );
    }

    #[test]
    fn unavailable_registers_go_out_as_none() {
        let r = Ia64Regs::default();
        let g = r.to_g_bytes();
        assert!(g[256..1024].iter().all(Option::is_none), "raw r32..r127");
        assert!(g[3072..3584].iter().all(Option::is_none), "raw p0..p63");
        assert!(g[3648..3664].iter().all(Option::is_none), "vfp, vrap");
        assert!(g[..256].iter().all(Option::is_some), "r0..r31");
        assert!(g[3664..].iter().all(Option::is_some), "pr .. ar127");
    }

    #[test]
    fn g_round_trip_and_bad_lengths() {
        let r = numbered();
        let bytes: Vec<u8> = r.to_g_bytes().into_iter().map(|b| b.unwrap()).collect();
        assert_eq!(Ia64Regs::from_g_bytes(&bytes), Some(r));
        assert_eq!(Ia64Regs::from_g_bytes(&bytes[..4719]), None);
        let mut long = bytes.clone();
        long.push(0);
        assert_eq!(Ia64Regs::from_g_bytes(&long), None);
    }

    #[test]
    fn set_raw_checks_number_and_size() {
        let mut r = Ia64Regs::default();
        assert_eq!(r.set_raw(462, &[0; 8]), Err(RegError::NoSuchRegister(462)));
        assert_eq!(
            r.set_raw(128, &[0; 8]),
            Err(RegError::BadLength {
                regnum: 128,
                len: 8
            })
        );
        assert!(r.set_raw(0x15f, &0x1234u64.to_le_bytes()).is_ok());
        assert_eq!(r.ar[17], 0x1234);
        assert!(!r.is_available(40));
        r.set_raw(40, &[1, 0, 0, 0, 0, 0, 0, 0]).unwrap();
        assert!(r.is_available(40));
        assert_eq!(r.gr[40], 1);
    }

    #[test]
    fn pc_is_ip_or_slot() {
        let r = Ia64Regs {
            ip: 0x4000_0000_0000_0010,
            psr: (1 << 41) | (1 << 13),
            ..Ia64Regs::default()
        };
        assert_eq!(r.pc(), 0x4000_0000_0000_0011);
    }

    #[test]
    fn sizes_and_offsets_at_the_edges() {
        assert_eq!(
            (size(127), size(128), size(255), size(256)),
            (Some(8), Some(16), Some(16), Some(8))
        );
        assert_eq!((size(461), size(462)), (Some(8), None));
        assert_eq!(
            (offset(0), offset(128), offset(256), offset(461)),
            (Some(0), Some(1024), Some(3072), Some(4712))
        );
        assert_eq!(offset(462), None);
    }
}
