//! Register formats used by the RSE: CFM, AR.PFS, AR.RSC, CR.IFS (rse-spec.md §1.1).
//!
//! Bit positions (LSB = 0) follow SDM Vol. 1 §3.1.7 (CFM, "Frame Marker Format"),
//! §3.1.8.4 (RSC), §3.1.8.10 (PFS) and Vol. 2 Part I §3.3.5.9 (IFS). Every `decode` is total
//! (fields are masked to their widths); validity is checked separately, because the architecture
//! checks it at specific points (alloc, mov-to-AR) and reports it as a fault value.

/// Maximum size of a register frame (SDM Vol. 3 `alloc`: "sof > 96" is an Illegal Operation).
pub const MAX_FRAME: u32 = 96;

/// Mask of a 38-bit frame marker (CFM, PFS.pfm, IFS.ifm).
pub const FRAME_MARKER_MASK: u64 = (1 << 38) - 1;

/// Current frame marker (also the format of PFS.pfm and IFS.ifm).
///
/// | field | bits |
/// |---|---|
/// | sof | 6:0 |
/// | sol | 13:7 |
/// | sor (units of 8 registers) | 17:14 |
/// | rrb.gr | 24:18 |
/// | rrb.fr | 31:25 |
/// | rrb.pr | 37:32 |
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Cfm {
    /// Size of frame.
    pub sof: u8,
    /// Size of locals (inputs + locals).
    pub sol: u8,
    /// Size of the rotating region in units of 8 registers.
    pub sor: u8,
    /// General-register rename base.
    pub rrb_gr: u8,
    /// Floating-point-register rename base.
    pub rrb_fr: u8,
    /// Predicate-register rename base.
    pub rrb_pr: u8,
}

impl Cfm {
    /// Decode the low 38 bits of `raw` (higher bits are ignored).
    pub fn decode(raw: u64) -> Self {
        let f = |shift: u32, bits: u32| ((raw >> shift) & ((1u64 << bits) - 1)) as u8;
        Self {
            sof: f(0, 7),
            sol: f(7, 7),
            sor: f(14, 4),
            rrb_gr: f(18, 7),
            rrb_fr: f(25, 7),
            rrb_pr: f(32, 6),
        }
    }

    /// Encode into 38 bits (each field masked to its width).
    pub fn encode(self) -> u64 {
        let f = |v: u8, shift: u32, bits: u32| (u64::from(v) & ((1u64 << bits) - 1)) << shift;
        f(self.sof, 0, 7)
            | f(self.sol, 7, 7)
            | f(self.sor, 14, 4)
            | f(self.rrb_gr, 18, 7)
            | f(self.rrb_fr, 25, 7)
            | f(self.rrb_pr, 32, 6)
    }

    /// A frame of `sof` registers with `sol` locals and no rotation.
    pub fn frame(sof: u8, sol: u8) -> Self {
        Self {
            sof,
            sol,
            ..Self::default()
        }
    }

    /// Number of rotating general registers (`8 * sor`).
    pub fn rotating(self) -> u32 {
        u32::from(self.sor) * 8
    }

    /// Size of the output area (`sof - sol`, 0 if the marker is inconsistent).
    pub fn outputs(self) -> u32 {
        u32::from(self.sof).saturating_sub(u32::from(self.sol))
    }

    /// True when the marker describes a frame the architecture can form:
    /// sof ≤ 96, sol ≤ sof, 8·sor ≤ sof (the `alloc` checks, SDM Vol. 3 `alloc`).
    pub fn is_valid(self) -> bool {
        u32::from(self.sof) <= MAX_FRAME
            && self.sol <= self.sof
            && self.rotating() <= u32::from(self.sof)
    }

    /// True when any rename base is nonzero.
    pub fn any_rrb(self) -> bool {
        self.rrb_gr != 0 || self.rrb_fr != 0 || self.rrb_pr != 0
    }
}

/// AR.PFS (AR64): previous frame marker, previous epilog count, previous privilege level.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Pfs {
    /// Previous frame marker (bits 37:0).
    pub pfm: Cfm,
    /// Previous epilog count (bits 57:52).
    pub pec: u8,
    /// Previous privilege level (bits 63:62).
    pub ppl: u8,
}

impl Pfs {
    /// Reserved bits of AR.PFS: 51:38 and 61:58.
    pub const RESERVED: u64 = (((1u64 << 14) - 1) << 38) | (0xf << 58);

    /// Decode, ignoring reserved bits.
    pub fn decode(raw: u64) -> Self {
        Self {
            pfm: Cfm::decode(raw),
            pec: ((raw >> 52) & 0x3f) as u8,
            ppl: ((raw >> 62) & 3) as u8,
        }
    }

    /// Encode (reserved bits zero).
    pub fn encode(self) -> u64 {
        self.pfm.encode() | ((u64::from(self.pec) & 0x3f) << 52) | ((u64::from(self.ppl) & 3) << 62)
    }
}

/// AR.RSC (AR16): RSE configuration.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Rsc {
    /// Mode (bits 1:0): bit 0 = eager loads, bit 1 = eager stores; 0 = enforced lazy.
    pub mode: u8,
    /// Privilege level of RSE accesses (bits 3:2).
    pub pl: u8,
    /// RSE byte order (bit 4): true = big-endian spills and fills.
    pub be: bool,
    /// Byte count for `loadrs` (bits 29:16, 14 bits; bits 18:16 are ignored by `loadrs`).
    pub loadrs: u16,
}

impl Rsc {
    /// Reserved bits of AR.RSC: 15:5 and 63:30.
    pub const RESERVED: u64 = (((1u64 << 11) - 1) << 5) | !((1u64 << 30) - 1);

    /// Decode, ignoring reserved bits.
    pub fn decode(raw: u64) -> Self {
        Self {
            mode: (raw & 3) as u8,
            pl: ((raw >> 2) & 3) as u8,
            be: (raw >> 4) & 1 != 0,
            loadrs: ((raw >> 16) & 0x3fff) as u16,
        }
    }

    /// Encode (reserved bits zero).
    pub fn encode(self) -> u64 {
        (u64::from(self.mode) & 3)
            | ((u64::from(self.pl) & 3) << 2)
            | (u64::from(self.be) << 4)
            | ((u64::from(self.loadrs) & 0x3fff) << 16)
    }

    /// True in enforced-lazy mode (mode 0).
    pub fn is_enforced_lazy(self) -> bool {
        self.mode & 3 == 0
    }

    /// True when eager stores are allowed (store-intensive or eager mode).
    pub fn eager_stores(self) -> bool {
        self.mode & 2 != 0
    }

    /// True when eager loads are allowed (load-intensive or eager mode).
    pub fn eager_loads(self) -> bool {
        self.mode & 1 != 0
    }

    /// The `loadrs` byte count with bits 2:0 ignored (SDM Vol. 3 `loadrs`).
    pub fn loadrs_bytes(self) -> u64 {
        u64::from(self.loadrs) & 0x3ff8
    }
}

/// CR.IFS (CR23): interruption frame state.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Ifs {
    /// Interruption frame marker (bits 37:0).
    pub ifm: Cfm,
    /// Valid bit (bit 63).
    pub v: bool,
}

impl Ifs {
    /// Reserved bits of CR.IFS: 62:38.
    pub const RESERVED: u64 = ((1u64 << 25) - 1) << 38;

    /// Decode, ignoring reserved bits.
    pub fn decode(raw: u64) -> Self {
        Self {
            ifm: Cfm::decode(raw),
            v: raw >> 63 != 0,
        }
    }

    /// Encode (reserved bits zero).
    pub fn encode(self) -> u64 {
        self.ifm.encode() | (u64::from(self.v) << 63)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cfm_round_trip_and_layout() {
        // rse-spec.md §3.1: CFM = 0x40c is sof 12, sol 8.
        let c = Cfm::decode(0x40c);
        assert_eq!((c.sof, c.sol, c.sor), (12, 8, 0));
        assert_eq!(c.encode(), 0x40c);
        // §10.6: cfm 0x30a is sof 10, sol 6.
        assert_eq!(Cfm::decode(0x30a), Cfm::frame(10, 6));
        let all = Cfm {
            sof: 0x7f,
            sol: 0x7f,
            sor: 0xf,
            rrb_gr: 0x7f,
            rrb_fr: 0x7f,
            rrb_pr: 0x3f,
        };
        assert_eq!(all.encode(), FRAME_MARKER_MASK);
        assert_eq!(Cfm::decode(u64::MAX), all);
        let c = Cfm {
            sor: 2,
            rrb_gr: 3,
            ..Cfm::frame(20, 4)
        };
        assert_eq!(Cfm::decode(c.encode()), c);
        assert_eq!(c.encode() >> 14 & 0xf, 2);
        assert_eq!(c.encode() >> 18 & 0x7f, 3);
    }

    #[test]
    fn pfs_rsc_ifs_layouts() {
        let p = Pfs {
            pfm: Cfm::frame(5, 3),
            pec: 0x2a,
            ppl: 3,
        };
        assert_eq!(p.encode(), 0x185 | (0x2a << 52) | (3 << 62));
        assert_eq!(Pfs::decode(p.encode()), p);
        assert_eq!(Pfs::RESERVED & p.encode(), 0);
        let r = Rsc {
            mode: 3,
            pl: 2,
            be: true,
            loadrs: 0x3fff,
        };
        assert_eq!(r.encode(), 3 | (2 << 2) | (1 << 4) | (0x3fff << 16));
        assert_eq!(Rsc::RESERVED & r.encode(), 0);
        let full = Rsc {
            mode: 3,
            pl: 3,
            be: true,
            loadrs: 0x3fff,
        };
        assert_eq!(Rsc::RESERVED | full.encode(), u64::MAX);
        assert_eq!(r.loadrs_bytes(), 0x3ff8);
        let i = Ifs {
            ifm: Cfm::frame(7, 2),
            v: true,
        };
        assert_eq!(i.encode(), (1 << 63) | 0x107);
        assert_eq!(Ifs::decode(i.encode()), i);
        assert_eq!(Ifs::RESERVED & i.encode(), 0);
        assert_eq!(Ifs::RESERVED | FRAME_MARKER_MASK | (1 << 63), u64::MAX);
    }

    #[test]
    fn validity() {
        assert!(Cfm::frame(96, 96).is_valid());
        assert!(!Cfm::frame(97, 0).is_valid());
        assert!(!Cfm::frame(4, 5).is_valid());
        assert!(!Cfm {
            sor: 2,
            ..Cfm::frame(15, 0)
        }
        .is_valid());
        assert!(Cfm {
            sor: 2,
            ..Cfm::frame(16, 0)
        }
        .is_valid());
    }
}
