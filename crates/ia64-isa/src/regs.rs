//! Register names as GNU objdump prints them.
//!
//! Application registers: SDM Vol. 1 §3.1.8, Table 3-3.  Control registers:
//! SDM Vol. 2 §3.3, Table 3-3.  Registers without an architected name print
//! as `ar<N>` / `cr<N>`.  The `write_*` functions format without allocating;
//! [`ar_name`] and [`cr_name`] are the allocating conveniences.

use core::fmt::{self, Write};

/// The architected name of application register `n` (complete text, e.g.
/// `ar.pfs`), or `None` when objdump prints it as `ar<N>`.
pub const fn ar_static_name(n: u8) -> Option<&'static str> {
    // SDM Vol. 1 Table 3-3 "Application Registers" (plus ar.ruc, AR 45,
    // added for the Itanium 9500 series).
    Some(match n {
        0 => "ar.k0",
        1 => "ar.k1",
        2 => "ar.k2",
        3 => "ar.k3",
        4 => "ar.k4",
        5 => "ar.k5",
        6 => "ar.k6",
        7 => "ar.k7",
        16 => "ar.rsc",
        17 => "ar.bsp",
        18 => "ar.bspstore",
        19 => "ar.rnat",
        21 => "ar.fcr",
        24 => "ar.eflag",
        25 => "ar.csd",
        26 => "ar.ssd",
        27 => "ar.cflg",
        28 => "ar.fsr",
        29 => "ar.fir",
        30 => "ar.fdr",
        32 => "ar.ccv",
        36 => "ar.unat",
        40 => "ar.fpsr",
        44 => "ar.itc",
        45 => "ar.ruc",
        64 => "ar.pfs",
        65 => "ar.lc",
        66 => "ar.ec",
        _ => return None,
    })
}

/// The architected name of control register `n` (complete text, e.g.
/// `cr.iva`), or `None` when objdump prints it as `cr<N>`.
pub const fn cr_static_name(n: u8) -> Option<&'static str> {
    // SDM Vol. 2 Table 3-3 "Control Registers" (cr.iib0/cr.iib1 are the
    // Itanium 9500 interruption instruction bundle registers).
    Some(match n {
        0 => "cr.dcr",
        1 => "cr.itm",
        2 => "cr.iva",
        8 => "cr.pta",
        16 => "cr.ipsr",
        17 => "cr.isr",
        19 => "cr.iip",
        20 => "cr.ifa",
        21 => "cr.itir",
        22 => "cr.iipa",
        23 => "cr.ifs",
        24 => "cr.iim",
        25 => "cr.iha",
        26 => "cr.iib0",
        27 => "cr.iib1",
        64 => "cr.lid",
        65 => "cr.ivr",
        66 => "cr.tpr",
        67 => "cr.eoi",
        68 => "cr.irr0",
        69 => "cr.irr1",
        70 => "cr.irr2",
        71 => "cr.irr3",
        72 => "cr.itv",
        73 => "cr.pmv",
        74 => "cr.cmcv",
        80 => "cr.lrr0",
        81 => "cr.lrr1",
        _ => return None,
    })
}

/// Writes objdump's name of application register `n` without allocating.
pub fn write_ar(w: &mut dyn Write, n: u8) -> fmt::Result {
    match ar_static_name(n) {
        Some(s) => w.write_str(s),
        None => write!(w, "ar{n}"),
    }
}

/// Writes objdump's name of control register `n` without allocating.
pub fn write_cr(w: &mut dyn Write, n: u8) -> fmt::Result {
    match cr_static_name(n) {
        Some(s) => w.write_str(s),
        None => write!(w, "cr{n}"),
    }
}

/// objdump's name of application register `n` (the returned text is
/// complete, e.g. `ar.pfs` or `ar8`).
pub fn ar_name(n: u8) -> String {
    let mut s = String::with_capacity(12);
    let _ = write_ar(&mut s, n);
    s
}

/// objdump's name of control register `n` (e.g. `cr.iva` or `cr3`).
pub fn cr_name(n: u8) -> String {
    let mut s = String::with_capacity(8);
    let _ = write_cr(&mut s, n);
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        assert_eq!(ar_name(0), "ar.k0");
        assert_eq!(ar_name(8), "ar8");
        assert_eq!(ar_name(64), "ar.pfs");
        assert_eq!(ar_name(127), "ar127");
        assert_eq!(cr_name(26), "cr.iib0");
        assert_eq!(cr_name(3), "cr3");
        assert_eq!(cr_name(81), "cr.lrr1");
        assert_eq!(cr_name(255), "cr255");
    }
}
