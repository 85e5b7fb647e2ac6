//! `objdiff`: compare the decoder with objdump on seeded random bundles.
//!
//! Usage: `objdiff [--focus any|a|i|mmem|msys|b|f|x] [--major N] [--count N]
//! [--seed N] [--show N] [--mutate FILE.bin] [--raw FILE.bin]`
//!
//! `--raw` compares the bundles of a raw file as they are (make one from an
//! object with `ia64-linux-gnu-objcopy -O binary -j .text x.o x.bin`);
//! `--mutate` compares `--count` bit-flipped copies of them.  With a focus,
//! only the focused slots are counted.

use ia64_objdiff::*;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let get = |k: &str| {
        args.iter()
            .position(|a| a == k)
            .and_then(|i| args.get(i + 1))
            .cloned()
    };
    let focus = get("--focus").map_or(Some(Focus::Any), |f| Focus::parse(&f));
    let Some(focus) = focus else {
        eprintln!("objdiff: unknown --focus");
        std::process::exit(2);
    };
    let major =
        get("--major").and_then(|m| u8::from_str_radix(m.trim_start_matches("0x"), 16).ok());
    let count: usize = get("--count")
        .and_then(|c| c.parse().ok())
        .unwrap_or(20_000);
    let seed: u64 = get("--seed").and_then(|c| c.parse().ok()).unwrap_or(1);
    let show: usize = get("--show").and_then(|c| c.parse().ok()).unwrap_or(20);
    let Some(objdump) = find_tool(OBJDUMP) else {
        eprintln!("objdiff: {OBJDUMP} not found");
        std::process::exit(2);
    };
    let mut rng = Rng(seed);
    let file = get("--mutate").or_else(|| get("--raw"));
    let from_file = file.is_some();
    let raw_mode = get("--raw").is_some();
    let bundles: Vec<[u8; 16]> = match file {
        Some(path) => {
            let data = std::fs::read(&path).unwrap_or_else(|e| {
                eprintln!("objdiff: {path}: {e}");
                std::process::exit(2)
            });
            let base: Vec<[u8; 16]> = data
                .chunks_exact(16)
                .map(|c| c.try_into().unwrap_or([0; 16]))
                .collect();
            if base.is_empty() {
                eprintln!("objdiff: {path}: no bundles");
                std::process::exit(2);
            }
            if raw_mode {
                base
            } else {
                (0..count)
                    .map(|i| mutate(&mut rng, &base[i % base.len()], true))
                    .collect()
            }
        }
        None => (0..count)
            .map(|_| random_bundle(&mut rng, focus, major))
            .collect(),
    };
    let vma = 0x4000_0000_0000_0000;
    let lines = focus_lines(focus);
    let mm = match compare(&objdump, &bundles, vma) {
        Ok(m) => m
            .into_iter()
            .filter(|m| from_file || lines.contains(&m.line))
            .collect::<Vec<_>>(),
        Err(e) => {
            eprintln!("objdiff: {e}");
            std::process::exit(2);
        }
    };
    let s = summarize(bundles.len(), &mm);
    for m in mm.iter().take(show) {
        println!("{m}");
    }
    let count = bundles.len();
    println!(
        "{} bundles, {} slots, {} mismatches; by major opcode: {:?}",
        count, s.slots, s.mismatches, s.by_major
    );
    if s.mismatches > 0 {
        std::process::exit(1);
    }
}

/// The bundle lines a focus generates its instructions in.
fn focus_lines(focus: Focus) -> &'static [usize] {
    match focus {
        Focus::Any | Focus::A | Focus::B => &[0, 1, 2],
        Focus::I => &[1, 2],
        Focus::MMem | Focus::MSys => &[0, 1],
        Focus::F | Focus::X => &[1],
    }
}
