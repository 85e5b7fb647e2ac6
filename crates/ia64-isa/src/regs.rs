//! Register names as GNU objdump prints them.
//!
//! Application registers: SDM Vol. 1 §3.1.8, Table 3-3.  Control registers:
//! SDM Vol. 2 §3.3, Table 3-3.  Registers without an architected name print
//! as `ar<N>` / `cr<N>`.

/// objdump's name of application register `n` (without the `ar.` prefix
/// handling: the returned text is complete, e.g. `ar.pfs`).
pub fn ar_name(n: u8) -> String {
    let name = match n {
        0..=7 => return format!("ar.k{n}"),
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
        _ => return format!("ar{n}"),
    };
    name.to_string()
}

/// objdump's name of control register `n`.
pub fn cr_name(n: u8) -> String {
    let name = match n {
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
        _ => return format!("cr{n}"),
    };
    name.to_string()
}
