//! `--regs-json`: the final architectural state as JSON, in the layout design.md fixes
//! (registers named as the program names them in its final frame, after rotation).

use std::fmt::Write;

use ia64_cpu::state::{ar, State};

/// Render `st` as the `--regs-json` document (keys in the documented order, one line per key).
pub fn render(st: &State) -> String {
    let sof = u32::from(st.rse.cfm().sof);
    let mut gr = Vec::with_capacity(128);
    let mut nat: u128 = 0;
    for r in 0..128u8 {
        if r >= 32 && u32::from(r) >= 32 + sof {
            gr.push("null".to_string());
            continue;
        }
        let (v, n) = st.read_gr(r);
        gr.push(format!("\"{v:#x}\""));
        nat |= u128::from(n) << r;
    }
    let br: Vec<String> = st.br.iter().map(|b| format!("\"{b:#x}\"")).collect();
    let ars: [(&str, u64); 16] = [
        ("k0", st.ar[usize::from(ar::K0)]),
        ("k1", st.ar[1]),
        ("k2", st.ar[2]),
        ("k3", st.ar[3]),
        ("k4", st.ar[4]),
        ("k5", st.ar[5]),
        ("k6", st.ar[6]),
        ("k7", st.ar[7]),
        ("rsc", st.rse.mov_from_rsc()),
        ("bsp", st.rse.bsp()),
        ("bspstore", st.rse.bspstore()),
        ("rnat", st.rse.rnat()),
        ("pfs", st.rse.mov_from_pfs()),
        ("lc", st.ar[usize::from(ar::LC)]),
        ("ec", st.ar[usize::from(ar::EC)]),
        ("unat", st.ar[usize::from(ar::UNAT)]),
    ];
    let more: [(&str, u64); 5] = [
        ("ccv", st.ar[usize::from(ar::CCV)]),
        ("fpsr", st.ar[usize::from(ar::FPSR)]),
        ("itc", st.itc()),
        ("csd", st.ar[usize::from(ar::CSD)]),
        ("ssd", st.ar[usize::from(ar::SSD)]),
    ];
    let ar_items: Vec<String> = ars
        .iter()
        .chain(more.iter())
        .map(|(n, v)| format!("\"{n}\": \"{v:#x}\""))
        .collect();
    let fr: Vec<String> = (0..128u8)
        .map(|f| {
            let v = st.read_fr(f);
            format!(
                "{{\"sign\": {}, \"exp\": \"{:#x}\", \"significand\": \"{:#x}\", \"natval\": {}}}",
                u8::from(v.sign),
                v.exp,
                v.significand,
                v.is_natval()
            )
        })
        .collect();
    let mut out = String::new();
    let _ = writeln!(out, "{{");
    let _ = writeln!(out, "  \"gr\": [{}],", gr.join(", "));
    let _ = writeln!(out, "  \"nat\": \"{nat:#x}\",");
    let _ = writeln!(out, "  \"pr\": \"{:#x}\",", st.read_pr_all());
    let _ = writeln!(out, "  \"br\": [{}],", br.join(", "));
    let _ = writeln!(out, "  \"ar\": {{{}}},", ar_items.join(", "));
    let _ = writeln!(out, "  \"fr\": [{}],", fr.join(", "));
    let _ = writeln!(out, "  \"cfm\": \"{:#x}\",", st.rse.cfm().encode());
    let _ = writeln!(out, "  \"psr\": \"{:#x}\",", st.psr);
    let _ = writeln!(out, "  \"ip\": \"{:#x}\",", st.ip);
    let _ = writeln!(out, "  \"slot\": {}", st.slot);
    let _ = writeln!(out, "}}");
    out
}
