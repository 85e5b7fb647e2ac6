//! RSE coherence beyond plain register values (rse-spec.md §9.4 points 4–7), through the
//! host-side harness (`ia64_guest_kernel::harness`):
//!
//! * NaT round trip (point 5, `test-programs/bin/coh-nat n`): NaT registers on both sides of
//!   NaT-collection slots, read by a debugger from `mem[rnat_addr(a)]` below `PT_AR_BSP` and
//!   from the reported RNAT at or above it, against the true bits; NaT bits set and cleared
//!   through the collection word (`/proc/<pid>/mem`, POKEDATA) and through `PT_AR_RNAT`, as
//!   the thread sees them when it runs again (it tests each register with `tnat`);
//! * stop, reload, stop (point 4, `coh-nat r`): a system call between two stops of one kernel
//!   entry writes the user backing store; the second stop's memory shows the true registers
//!   (the register the call really changed, and not the stale words it wrote over a register
//!   the kernel holds), which only a cleared RESTORE_RSE flag gives;
//! * memory view (point 6): at every stop of every program, the words of
//!   `[PT_AR_BSPSTORE, PT_AR_BSP)` read through `/proc/<pid>/mem` and through PEEKDATA;
//! * signal handlers on an alternate stack (point 7, `coh-altstack`): the tables of the
//!   handler frames and of the interrupted frames across the backing-store switch, edits of
//!   both, and bad user backing stores turned into SIGSEGV.
//!
//! Expected addresses and values come from the guest programs' construction (their headers),
//! not from the code under test.

use ia64_cpu::fault::Fault;
use ia64_guest_kernel::coherence::RseSync;
use ia64_guest_kernel::harness::{
    self, Edit, EditPath, HarnessConfig, HarnessReport, NatEdit, NatPath, RegEntry, StopKind,
    StopRecord,
};
use ia64_guest_kernel::{Config, Outcome};

const POLICIES: [RseSync; 3] = [RseSync::None, RseSync::Eager, RseSync::Lazy];

/// The first process's user backing store (rse-spec.md §3; `rbs_bot` of the initial stack).
const RBS: u64 = 0x6000_0800_0000_0000;

struct Program {
    elf: &'static [u8],
    /// argv[0], relative to this package (the tests' working directory).
    path: &'static str,
}

const COH_NAT: Program = Program {
    elf: include_bytes!("../../test-programs/bin/coh-nat"),
    path: "../test-programs/bin/coh-nat",
};

const COH_ALTSTACK: Program = Program {
    elf: include_bytes!("../../test-programs/bin/coh-altstack"),
    path: "../test-programs/bin/coh-altstack",
};

const COH_STACK: Program = Program {
    elf: include_bytes!("../../test-programs/bin/coh-stack"),
    path: "../test-programs/bin/coh-stack",
};

fn run(p: &Program, args: &[&str], policy: RseSync, h: HarnessConfig) -> HarnessReport {
    let mut argv = vec![p.path];
    argv.extend_from_slice(args);
    let config = Config {
        rse_sync: policy,
        ..Config::default()
    };
    harness::run(p.elf, &argv, config, h).expect("harness run")
}

fn stdout(r: &HarnessReport) -> String {
    String::from_utf8_lossy(&r.stdout).into_owned()
}

/// How a run ended, addresses in hex.
fn outcome(o: &Outcome) -> String {
    match o {
        Outcome::Exited(s) => format!("exited {s}"),
        Outcome::Killed {
            signal,
            fault,
            ip,
            slot,
        } => {
            let why = match fault {
                Some(Fault::Rse {
                    fault,
                    incomplete_frame,
                }) => format!(
                    ": RSE {:?} {:?} at {:#x}{}",
                    fault.access.kind,
                    fault.kind,
                    fault.addr,
                    if *incomplete_frame {
                        " (incomplete frame)"
                    } else {
                        ""
                    }
                ),
                Some(f) => format!(": {f:?}"),
                None => String::new(),
            };
            format!("killed by signal {signal} at {ip:#x} slot {slot}{why}")
        }
    }
}

/// The snapshot of a run: how it ended, its output, then the tables of the stops `which`.
fn snapshot(r: &HarnessReport, which: impl Fn(&StopRecord) -> bool) -> String {
    let tables: String = r
        .stops
        .iter()
        .filter(|s| which(s))
        .map(harness::render_stop)
        .collect();
    format!(
        "--- {}\n--- stdout\n{}--- stops\n{tables}",
        outcome(&r.outcome),
        stdout(r)
    )
}

fn entry_stops() -> HarnessConfig {
    HarnessConfig {
        memory_view: true,
        ..HarnessConfig::stops(&[StopKind::SyscallEntry])
    }
}

fn reg(s: &StopRecord, frame: usize, reg: u8) -> &RegEntry {
    s.reg(frame, reg)
        .unwrap_or_else(|| panic!("stop #{}: no f{frame} r{reg}", s.index))
}

// ---------------------------------------------------------------------------------------------
// NaT round trip (coh-nat n)
// ---------------------------------------------------------------------------------------------

/// A register of coh-nat's mode n: its stop, frame and number there, address, whether it
/// starts as NaT, and the value the guest prints for it when it is not.
struct NatReg {
    name: &'static str,
    stop: usize,
    frame: usize,
    reg: u8,
    addr: u64,
    nat: bool,
    value: u64,
}

const fn nr(name: &'static str, at: (usize, usize, u8), off: u64, nat: bool, value: u64) -> NatReg {
    NatReg {
        name,
        stop: at.0,
        frame: at.1,
        reg: at.2,
        addr: RBS + off,
        nat,
        value,
    }
}

/// Layout 1 (stop 0: sysn f0 @rbs+0x460, fp f1 @rbs+0x228, fb f2 @rbs+0x40, _start f3) and
/// layout 2 (stop 1: sysf f0 @rbs+0x90, fr f1 @rbs+0x40); see coh-nat.s.
const NAT_REGS: [NatReg; 8] = [
    nr("B", (0, 2, 82), 0x1d0, true, 0),
    nr("B2", (0, 2, 83), 0x1d8, false, 0xb2b2_b2b2_b2b2_b2b2),
    nr("A", (0, 1, 82), 0x3b8, true, 0),
    nr("A2", (0, 1, 83), 0x3c0, false, 0xa2a2_a2a2_a2a2_a2a2),
    nr("D", (0, 1, 92), 0x410, true, 0),
    nr("E", (0, 0, 40), 0x4a0, true, 0),
    nr("C", (1, 1, 37), 0x68, true, 0),
    nr("C2", (1, 1, 38), 0x70, false, 0xc2c2_c2c2_c2c2_c2c2),
];

fn nat_reg(name: &str) -> &'static NatReg {
    NAT_REGS
        .iter()
        .find(|r| r.name == name)
        .expect("a register of coh-nat")
}

/// The guest's line for a register: `NAME = NaT` or `NAME = 0x<16 digits>`.
fn line(name: &str, nat: bool, value: u64) -> String {
    if nat {
        format!("{name} = NaT\n")
    } else {
        format!("{name} = {value:#018x}\n")
    }
}

/// `[PT_AR_BSPSTORE, PT_AR_BSP)` at the stops of the two layouts.
const LAYOUTS: [(u64, u64); 2] = [(RBS + 0x228, RBS + 0x4e0), (RBS + 0x90, RBS + 0x100)];

#[test]
fn coh_nat_prints_its_registers_unchanged_without_edits() {
    for policy in POLICIES {
        let r = run(&COH_NAT, &[], policy, entry_stops());
        assert_eq!(r.outcome, Outcome::Exited(0), "{policy:?}");
        let want: String = NAT_REGS
            .iter()
            .map(|x| line(x.name, x.nat, x.value))
            .collect();
        assert_eq!(stdout(&r), want, "{policy:?}");
    }
}

#[test]
fn nat_bits_read_from_collection_words_and_the_reported_rnat() {
    for policy in POLICIES {
        let r = run(&COH_NAT, &[], policy, entry_stops());
        for (i, (bspstore, end)) in LAYOUTS.iter().enumerate() {
            let s = &r.stops[i];
            assert_eq!((s.kind, s.detail), (StopKind::SyscallEntry, Some(1041)));
            let rbs = s.rbs.expect("rbs");
            assert_eq!(
                (rbs.bspstore, rbs.bsp_end),
                (*bspstore, *end),
                "{policy:?} #{i}"
            );
        }
        // The true partial-group RNAT: D (slot 2) and E (slot 20) at stop 0, C (slot 13) at
        // stop 1; it is what Linux <= 2.6.24 reported as PT_AR_RNAT.
        assert_eq!(
            r.stops[0].rbs.and_then(|x| x.rnat_true),
            Some(1 << 2 | 1 << 20)
        );
        assert_eq!(r.stops[1].rbs.and_then(|x| x.rnat_true), Some(1 << 13));
        // PT_AR_RNAT here is the user RNAT at the entry: after sysf's flushrs it holds C's bit
        // (slot 13, below PT_AR_BSPSTORE), under every policy.
        let pt_rnat = r.stops[1].rbs.map_or(0, |x| x.pt_ar_rnat);
        assert_eq!(pt_rnat >> 13 & 1, 1, "{policy:?}");
        for x in &NAT_REGS {
            let e = reg(&r.stops[x.stop], x.frame, x.reg);
            assert_eq!(e.addr, x.addr, "{policy:?} {}", x.name);
            assert_eq!(e.nat_truth, Some(x.nat), "{policy:?} {}", x.name);
            // A NaT register's data reads 0 (ia64_peek hides it, rse-spec.md §8.5 point 7).
            let value = if x.nat { 0 } else { x.value };
            assert_eq!(e.truth, Some(value), "{policy:?} {}", x.name);
            let (bspstore, _) = LAYOUTS[x.stop];
            let fresh = match policy {
                RseSync::Eager | RseSync::Lazy => true,
                // Nothing is written back: only what the user RSE had spilled, collection word
                // included, is right (B, B2), and $rnat is never computed.
                RseSync::None => (x.addr | 0x1f8) < bspstore,
            };
            if fresh {
                assert!(!e.stale(), "{policy:?} {}: {e:?}", x.name);
            }
            if policy == RseSync::None && x.nat && !fresh {
                assert_eq!(e.nat_mem, Some(false), "{policy:?} {}: stale NaT", x.name);
            }
        }
        if policy != RseSync::None {
            assert_eq!(r.stops[0].stale() + r.stops[1].stale(), 0, "{policy:?}");
        }
        insta::assert_snapshot!(
            format!("nat-read-{}", policy.name()),
            snapshot(&r, |s| s.index < 2)
        );
    }
}

/// The edits of the NaT round trip: at stop 0, A and B get a value and lose their NaT bit,
/// A2 and B2 become NaT, through `path`; at stop 1, C gets a value through memory and C and
/// C2 change NaT bits through PT_AR_RNAT.
fn nat_round_trip(path: EditPath, nat_path: NatPath) -> HarnessConfig {
    let r = |n: &str| nat_reg(n);
    let value = |n: &str, v: u64, via: EditPath| Edit {
        stop: r(n).stop,
        frame: r(n).frame,
        reg: r(n).reg,
        value: v,
        via,
    };
    let nat = |n: &str, nat: bool, via: NatPath| NatEdit {
        stop: r(n).stop,
        frame: r(n).frame,
        reg: r(n).reg,
        nat,
        via,
    };
    HarnessConfig {
        edits: vec![
            value("A", 0xa1, path),
            value("B", 0xb1, path),
            value("C", 0xc1, path),
        ],
        nat_edits: vec![
            nat("A", false, nat_path),
            nat("A2", true, nat_path),
            nat("B", false, nat_path),
            nat("B2", true, nat_path),
            nat("C", false, NatPath::PtArRnat),
            nat("C2", true, NatPath::PtArRnat),
        ],
        ..entry_stops()
    }
}

/// The output when every edit took effect.
fn all_edits_seen() -> String {
    [
        line("B", false, 0xb1),
        line("B2", true, 0),
        line("A", false, 0xa1),
        line("A2", true, 0),
        line("D", true, 0),
        line("E", true, 0),
        line("C", false, 0xc1),
        line("C2", true, 0),
    ]
    .concat()
}

#[test]
fn nat_edits_through_proc_mem_reach_the_thread() {
    for policy in POLICIES {
        let h = nat_round_trip(EditPath::ProcMem, NatPath::ProcMem);
        let r = run(&COH_NAT, &[], policy, h);
        assert_eq!(r.outcome, Outcome::Exited(0), "{policy:?}");
        let edits = r.stops[0].nat_edits.iter().chain(&r.stops[1].nat_edits);
        assert!(edits.clone().count() == 6 && edits.clone().all(|e| e.ok));
        // A's collection word (rbs + 0x3f8) holds A's NaT bit (slot 55) and A2's (56).
        let a = &r.stops[0].nat_edits[0];
        assert_eq!(a.addr, Some(RBS + 0x3b8));
        let out = stdout(&r);
        match policy {
            RseSync::Eager | RseSync::Lazy => {
                assert_eq!(a.word.map(|(w, _)| w >> 55 & 3), Some(0b01), "{policy:?}");
                assert_eq!(out, all_edits_seen(), "{policy:?}");
            }
            // A's registers are in the kernel backing store and user memory is never read back
            // (rse-spec.md §7.5): A's edits are lost. B's are in memory already, C's NaT bits
            // in pt.ar_rnat.
            RseSync::None => {
                let want = all_edits_seen()
                    .replace(&line("A", false, 0xa1), &line("A", true, 0))
                    .replace(
                        &line("A2", true, 0),
                        &line("A2", false, nat_reg("A2").value),
                    );
                assert_eq!(out, want);
            }
        }
        insta::assert_snapshot!(
            format!("nat-edit-procmem-{}", policy.name()),
            snapshot(&r, |s| s.index < 2)
        );
    }
}

#[test]
fn nat_edits_through_pokedata_reach_the_thread_under_every_policy() {
    // Under `none` POKEDATA goes to the kernel backing store (ia64_poke, put_rnat).
    for policy in POLICIES {
        let h = nat_round_trip(EditPath::PokeData, NatPath::PokeData);
        let r = run(&COH_NAT, &[], policy, h);
        assert_eq!(r.outcome, Outcome::Exited(0), "{policy:?}");
        assert_eq!(stdout(&r), all_edits_seen(), "{policy:?}");
    }
}

#[test]
fn pt_ar_rnat_holds_only_the_bits_below_pt_ar_bspstore() {
    // D (fp r92, slot 2 of the partial group at stop 0) is above PT_AR_BSPSTORE: its NaT bit
    // is in the kernel backing store, not in pt.ar_rnat; a POKEUSR of PT_AR_RNAT cannot clear
    // it (the regset-era semantics this kernel follows), while $rnat shows it.
    for policy in POLICIES {
        let d = nat_reg("D");
        let h = HarnessConfig {
            nat_edits: vec![NatEdit {
                stop: 0,
                frame: d.frame,
                reg: d.reg,
                nat: false,
                via: NatPath::PtArRnat,
            }],
            ..entry_stops()
        };
        let r = run(&COH_NAT, &[], policy, h);
        let rbs = r.stops[0].rbs.expect("rbs");
        assert_eq!(rbs.pt_ar_rnat >> 2 & 1, 0, "{policy:?}");
        assert!(stdout(&r).contains(&line("D", true, 0)), "{policy:?}");
        if policy != RseSync::None {
            assert_eq!(rbs.rnat_end >> 2 & 1, 1, "{policy:?}: $rnat");
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Stop, reload, stop (coh-nat r)
// ---------------------------------------------------------------------------------------------

const X: u64 = 0x2222_2222_2222_2222;
const Y: u64 = 0x1111_1111_1111_1111;
const M1: u64 = 0xa01;
const M2: u64 = 0x5004;

fn reload_stops() -> HarnessConfig {
    HarnessConfig {
        memory_view: true,
        ..HarnessConfig::stops(&[StopKind::SyscallEntry, StopKind::SyscallExit])
    }
}

/// X = fp2 r34 (frame 0 at fp2's system calls), Y = fh r33 (frame 1).
fn x_at(r: &HarnessReport, stop: usize) -> &RegEntry {
    reg(&r.stops[stop], 0, 34)
}

fn y_at(r: &HarnessReport, stop: usize) -> &RegEntry {
    reg(&r.stops[stop], 1, 33)
}

#[test]
fn a_syscall_between_two_stops_writes_memory_the_next_stop_replaces() {
    // Stops #2/#3: entry and exit of rt_sigprocmask(SIG_SETMASK, &m2, &X's home, 8), which
    // writes m1 over X's home in user memory while X is in the kernel backing store.
    for policy in POLICIES {
        let r = run(&COH_NAT, &["r"], policy, reload_stops());
        assert_eq!(r.outcome, Outcome::Exited(0), "{policy:?}");
        let kinds: Vec<_> = r.stops.iter().take(6).map(|s| (s.kind, s.detail)).collect();
        let want: Vec<_> = (0..3)
            .flat_map(|_| {
                [
                    (StopKind::SyscallEntry, Some(1179)),
                    (StopKind::SyscallExit, Some(1179)),
                ]
            })
            .collect();
        assert_eq!(kinds, want, "{policy:?}");
        let (before, after) = (x_at(&r, 2), x_at(&r, 3));
        assert_eq!(
            (before.truth, after.truth),
            (Some(X), Some(X)),
            "{policy:?}"
        );
        let d = r.stops[3].coherence;
        match policy {
            // The reload before the arguments cleared RESTORE_RSE, so the exit stop writes
            // back again: X's home holds X, not the m1 the call wrote.
            RseSync::Lazy | RseSync::Eager => {
                assert_eq!(after.mem, Some(X), "{policy:?}");
                assert_eq!((d.writebacks, d.reloads), (1, 1), "{policy:?}");
            }
            RseSync::None => {
                assert_eq!(before.mem, Some(0), "none: never written back");
                assert_eq!(after.mem, Some(M1), "none: what the call wrote");
            }
        }
        // Stops #4/#5: call 3 writes m2 into Y's home, Y's only copy (fh was flushed): the
        // register changed, and both views show it at the next stop.
        let (before, after) = (y_at(&r, 4), y_at(&r, 5));
        assert_eq!((before.mem, before.truth), (Some(Y), Some(Y)), "{policy:?}");
        assert_eq!((after.mem, after.truth), (Some(M2), Some(M2)), "{policy:?}");
        assert_eq!(
            stdout(&r),
            format!("X = {X:#018x}\nY = {M2:#018x}\n"),
            "{policy:?}"
        );
        insta::assert_snapshot!(
            format!("reload-{}", policy.name()),
            snapshot(&r, |s| s.index < 6)
        );
    }
}

#[test]
fn an_edit_at_the_entry_stop_survives_the_syscalls_memory_write() {
    // X edited at the entry stop (#2) through /proc/pid/mem: the reload takes it into the
    // kernel backing store before the call runs; the call writes m1 over X's home; the exit
    // stop (#3) writes the edited X back over it, and the thread sees the edit.
    for policy in POLICIES {
        let h = HarnessConfig {
            edits: vec![Edit {
                stop: 2,
                frame: 0,
                reg: 34,
                value: 0x5eed,
                via: EditPath::ProcMem,
            }],
            ..reload_stops()
        };
        let r = run(&COH_NAT, &["r"], policy, h);
        assert!(r.stops[2].edits[0].ok);
        let after = x_at(&r, 3);
        let out = stdout(&r);
        match policy {
            RseSync::Lazy | RseSync::Eager => {
                assert_eq!((after.mem, after.truth), (Some(0x5eed), Some(0x5eed)));
                assert!(out.starts_with(&format!("X = {:#018x}\n", 0x5eed)), "{out}");
            }
            RseSync::None => {
                assert_eq!((after.mem, after.truth), (Some(M1), Some(X)));
                assert!(out.starts_with(&format!("X = {X:#018x}\n")), "{out}");
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Memory view: /proc/pid/mem and PEEKDATA at every stop
// ---------------------------------------------------------------------------------------------

/// Every stop kind the harness has (attach only where the program group-stops).
fn every_stop() -> HarnessConfig {
    HarnessConfig {
        memory_view: true,
        single_steps: 3,
        ..HarnessConfig::stops(&StopKind::ALL)
    }
}

/// Check the memory view of every stop of a run: identical reads under `eager`/`lazy`, and
/// true words unless `stale_allowed` (a vfork child ran on the same backing store, see
/// [`vfork_parent_takes_its_childs_words`], or the backing store is not mapped); under `none`
/// PEEKDATA (the ia64_peek redirect) is true and `/proc/pid/mem` is stale somewhere. Returns
/// the stops seen.
fn check_memory_view(name: &str, r: &HarnessReport, policy: RseSync, stale_allowed: bool) -> usize {
    let mut differ = 0;
    for s in &r.stops {
        let m = s
            .memory
            .unwrap_or_else(|| panic!("{name} #{}: no view", s.index));
        differ += m.differ;
        match policy {
            RseSync::None => assert_eq!(m.peekdata_stale, 0, "{name} #{}", s.index),
            _ => {
                assert_eq!(m.differ, 0, "{name} {policy:?} #{}", s.index);
                if !stale_allowed {
                    assert_eq!(m.stale, 0, "{name} {policy:?} #{}", s.index);
                }
            }
        }
    }
    if policy == RseSync::None {
        assert!(differ > 0, "{name}: none shows no stale word");
    }
    r.stops.len()
}

#[test]
fn proc_mem_and_peekdata_agree_at_every_stop() {
    let runs: [(&Program, &[&str]); 11] = [
        (&COH_STACK, &["s", "l", "3"]),
        (&COH_STACK, &["g", "e", "2"]),
        (&COH_STACK, &["f", "l", "2"]),
        (&COH_STACK, &["v", "e", "2"]),
        (&COH_STACK, &["x", "l", "2"]),
        (&COH_STACK, &["t", "e", "2"]),
        (&COH_STACK, &["s", "l", "40"]),
        (&COH_NAT, &["n"]),
        (&COH_NAT, &["r"]),
        (&COH_ALTSTACK, &["a"]),
        (&COH_ALTSTACK, &["o"]),
    ];
    for policy in POLICIES {
        let mut kinds = std::collections::BTreeSet::new();
        for (p, args) in runs {
            let r = run(p, args, policy, every_stop());
            let name = format!("{} {args:?}", p.path);
            assert_eq!(r.outcome, Outcome::Exited(0), "{name} {policy:?}");
            // A vfork child on the parent's store (lazy), a store that overflows into an
            // unmapped page.
            let stale_allowed = (policy == RseSync::Lazy && args[0] == "v") || args[0] == "o";
            let seen = check_memory_view(&name, &r, policy, stale_allowed);
            assert!(seen > 0, "{name}: no stop");
            kinds.extend(r.stops.iter().map(|s| s.kind));
        }
        // Every kind but attach (the harness follows children, so it never finds one stopped)
        // and a plain clone (the programs only fork and vfork).
        let want: std::collections::BTreeSet<_> = StopKind::ALL
            .into_iter()
            .filter(|k| !matches!(k, StopKind::Attach | StopKind::Clone))
            .collect();
        assert_eq!(kinds, want, "{policy:?}");
    }
}

#[test]
fn vfork_parent_takes_its_childs_words() {
    // The vfork hazard of rse-spec.md §8.6, reproduced: the vfork child runs on its parent's
    // user backing store, and its own stops write its registers there — here r38 of
    // act_vfork, which the child sets to 0 for exit(0) while the parent's holds the clone
    // flags 0x4111. `lazy`: the parent's vfork stop wrote back and set RESTORE_RSE, its
    // vfork-done stop finds the flag set (no write-back), and its kernel copy still says
    // 0x4111 while the reload will take the child's 0. `eager`: the parent reloaded when it
    // ran again after the vfork wait, after the child's write-back, so its kernel copy
    // already is the child's 0. (§9.2's refinement — reload only the words that differ from
    // what was written back — would keep the parent's word.)
    for policy in [RseSync::Eager, RseSync::Lazy] {
        let h =
            HarnessConfig::stops(&[StopKind::Vfork, StopKind::VforkDone, StopKind::SyscallEntry]);
        let r = run(&COH_STACK, &["v", "e", "1"], policy, h);
        let at = |kind: StopKind| {
            let s = r.stops.iter().find(|s| s.kind == kind && s.tid == 1);
            let e = s.map(|s| reg(s, 0, 38));
            e.map(|e| (e.mem, e.truth))
        };
        let flags = Some((Some(0x4111), Some(0x4111)));
        assert_eq!(at(StopKind::Vfork), flags, "{policy:?}: the vfork stop");
        let child = r
            .stops
            .iter()
            .find(|s| s.tid == 2)
            .map(|s| reg(s, 0, 38).truth);
        assert_eq!(child, Some(Some(0)), "{policy:?}: the child's r38");
        let done = match policy {
            RseSync::Lazy => Some((Some(0), Some(0x4111))),
            _ => Some((Some(0), Some(0))),
        };
        assert_eq!(
            at(StopKind::VforkDone),
            done,
            "{policy:?}: the vfork-done stop"
        );
    }
}

#[test]
fn proc_mem_and_peekdata_agree_at_an_attach() {
    for policy in POLICIES {
        let h = HarnessConfig {
            follow_children: false,
            memory_view: true,
            ..HarnessConfig::stops(&[StopKind::Attach])
        };
        let r = run(&COH_STACK, &["t", "e", "2"], policy, h);
        assert_eq!(r.stops.len(), 1);
        let m = r.stops[0].memory.expect("view");
        assert_eq!(m.peekdata_stale, 0, "{policy:?}");
        if policy != RseSync::None {
            assert_eq!((m.differ, m.stale), (0, 0), "{policy:?}");
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Signal handlers on an alternate backing store (coh-altstack)
// ---------------------------------------------------------------------------------------------

/// sigaltstack's ss_size in coh-altstack.
const AREA_SIZE: u64 = 256 << 10;
const PAGE: u64 = 16 << 10;

/// `num_regs(lo, hi)` of rse-spec.md §2.2: registers in `[lo, hi)`, collection slots skipped.
fn num_regs(lo: u64, hi: u64) -> u64 {
    let n = (hi - lo) / 8;
    n - ((lo >> 3) % 64 + n) / 64
}

/// The `rec` frames of `kind` in a stop's walk, innermost first: (frame index, depth).
/// A rec frame has sof 13, sol 9 and its kind in r33.
fn rec_frames(s: &StopRecord, kind: u64) -> Vec<(usize, u64)> {
    (0..s.frames.len())
        .filter(|&i| s.frames[i].sizes() == (13, 9))
        .filter(|&i| s.reg(i, 33).and_then(|e| e.truth) == Some(kind))
        .map(|i| (i, s.reg(i, 32).and_then(|e| e.truth).unwrap_or(u64::MAX)))
        .collect()
}

/// Check that the walk found `rec` frames of `kind` at depths 0..=max, innermost first, each
/// with the values coh-altstack gives it: r32 = depth, r34..r37 = depth << 8 | (0x11..0x14 +
/// 0x40 * kind). With `fresh`, user memory must agree.
fn check_rec_frames(s: &StopRecord, kind: u64, max: u64, fresh: bool) {
    let frames = rec_frames(s, kind);
    let depths: Vec<u64> = frames.iter().map(|f| f.1).collect();
    assert_eq!(
        depths,
        (0..=max).collect::<Vec<_>>(),
        "#{} kind {kind}",
        s.index
    );
    for (i, d) in frames {
        for (n, low) in [(34u8, 0x11u64), (35, 0x12), (36, 0x13), (37, 0x14)] {
            let e = reg(s, i, n);
            let want = d << 8 | (low + 0x40 * kind);
            assert_eq!(
                e.truth,
                Some(want),
                "#{} kind {kind} depth {d} r{n}",
                s.index
            );
            if fresh {
                assert_eq!(e.mem, Some(want), "#{} kind {kind} depth {d} r{n}", s.index);
            }
        }
    }
}

fn find<'a>(r: &'a HarnessReport, what: &str, f: impl Fn(&StopRecord) -> bool) -> &'a StopRecord {
    r.stops
        .iter()
        .find(|s| f(s))
        .unwrap_or_else(|| panic!("no {what} stop"))
}

/// The stops of mode a: SIGUSR1's delivery, getpid in h1 (one signal frame on the walk),
/// SIGUSR2's delivery inside h1, getpid in h2 (two signal frames).
fn altstack_stops(r: &HarnessReport) -> [&StopRecord; 4] {
    let syscall = |n: usize| {
        move |s: &StopRecord| {
            s.kind == StopKind::SyscallEntry && s.detail == Some(1041) && s.contexts.len() == n
        }
    };
    let signal =
        |signo: u64| move |s: &StopRecord| s.kind == StopKind::Signal && s.detail == Some(signo);
    [
        find(r, "SIGUSR1", signal(10)),
        find(r, "h1 getpid", syscall(1)),
        find(r, "SIGUSR2", signal(12)),
        find(r, "h2 getpid", syscall(2)),
    ]
}

fn signal_and_entry_stops() -> HarnessConfig {
    HarnessConfig {
        memory_view: true,
        ..HarnessConfig::stops(&[StopKind::SyscallEntry, StopKind::Signal])
    }
}

#[test]
fn handler_and_interrupted_frames_across_the_backing_store_switch() {
    for policy in POLICIES {
        let r = run(&COH_ALTSTACK, &["a"], policy, signal_and_entry_stops());
        assert_eq!(r.outcome, Outcome::Exited(0), "{policy:?}");
        assert_eq!(
            stdout(&r),
            "h1: on the alternate backing store = 1\nh2: nested, no second switch = 1\n\
             frames checked = 16, mismatches = 0\n",
            "{policy:?}"
        );
        let fresh = policy != RseSync::None;
        let [s1, h1, s2, h2] = altstack_stops(&r);
        // At SIGUSR1's delivery the main recursion is the task's own stack.
        assert!(s1.contexts.is_empty());
        check_rec_frames(s1, 0, 12, fresh);
        // In h1: the handler's rec(2, 1) on the alternate store, then the signal frame, then
        // the main recursion: the registers dirty at the delivery re-homed at sc_rbs_base,
        // the older ones on the original store.
        let c = h1.contexts[0];
        let at_delivery = s1.rbs.expect("rbs");
        assert_eq!(c.signo, 10);
        assert_eq!(
            c.bsp_end, at_delivery.bsp_end,
            "sc_ar_bsp = PT_AR_BSP at the delivery"
        );
        assert!(c.rbs_base != 0 && c.rbs_base % PAGE == 0, "{c:?}");
        assert_eq!(c.bspstore0, Some(at_delivery.bspstore), "{c:?}");
        assert_eq!(
            c.rehomed(),
            num_regs(at_delivery.bspstore, at_delivery.bsp_end)
        );
        check_rec_frames(h1, 1, 2, fresh);
        check_rec_frames(h1, 0, 12, fresh);
        // Each main frame is where it was at the delivery, or — if it was dirty then — in
        // the area at the same register distance from sc_rbs_base.
        let alt = |a: u64| a >= c.rbs_base && a < c.rbs_base + AREA_SIZE;
        let (before, now) = (rec_frames(s1, 0), rec_frames(h1, 0));
        let mut rehomed = 0;
        for ((i0, d0), (i1, d1)) in before.iter().zip(&now) {
            assert_eq!(d0, d1);
            let (was, is) = (reg(s1, *i0, 32).addr, reg(h1, *i1, 32).addr);
            if was >= at_delivery.bspstore {
                let j = num_regs(at_delivery.bspstore, was);
                assert!(alt(is), "depth {d0}: {is:#x}");
                assert_eq!(num_regs(c.rbs_base, is), j, "depth {d0}");
                rehomed += 1;
            } else {
                assert_eq!(is, was, "depth {d0}");
            }
        }
        assert!(
            rehomed > 0 && rehomed < now.len(),
            "{rehomed} of {}",
            now.len()
        );
        // The walk ends at _start (sof 14, sol 8; r34 = the mode, 'a'), not beyond.
        let last = h1.frames.len() - 1;
        assert_eq!(h1.frames[last].sizes(), (14, 8));
        assert_eq!(reg(h1, last, 34).truth, Some(0x61));
        // In h2: two signal frames; the nested one did not switch stores.
        assert_eq!(h2.contexts.len(), 2);
        assert_eq!((h2.contexts[0].signo, h2.contexts[0].rbs_base), (12, 0));
        assert_eq!(h2.contexts[1], c);
        check_rec_frames(h2, 1, 2, fresh);
        check_rec_frames(h2, 0, 12, fresh);
        assert_eq!(s2.contexts.len(), 1);
        if fresh {
            for s in [s1, h1, s2, h2] {
                assert_eq!(s.stale(), 0, "{policy:?} #{}", s.index);
            }
        } else {
            assert!(h1.stale() > 0, "none: the handler's frames are stale");
        }
        let keep = [s1.index, h1.index, s2.index, h2.index];
        insta::assert_snapshot!(
            format!("altstack-{}", policy.name()),
            snapshot(&r, |s| keep.contains(&s.index))
        );
    }
}

#[test]
fn edits_of_handler_and_interrupted_frames_reach_both() {
    for policy in POLICIES {
        // Where the registers are at h1's getpid stop (the same in every run).
        let dry = run(&COH_ALTSTACK, &["a"], policy, signal_and_entry_stops());
        let h1 = altstack_stops(&dry)[1];
        let frame_of = |kind: u64, depth: u64| {
            rec_frames(h1, kind)
                .into_iter()
                .find(|f| f.1 == depth)
                .map(|f| f.0)
                .expect("rec frame")
        };
        let (h_d1, m_d0, m_d12) = (frame_of(1, 1), frame_of(0, 0), frame_of(0, 12));
        let base = h1.contexts[0].rbs_base;
        let alt = |a: u64| a >= base && a < base + AREA_SIZE;
        assert!(alt(reg(h1, m_d0, 36).addr), "main depth 0 is re-homed");
        assert!(
            !alt(reg(h1, m_d12, 34).addr),
            "main depth 12 is on the original store"
        );
        let edit = |frame: usize, reg: u8, value: u64| Edit {
            stop: h1.index,
            frame,
            reg,
            value,
            via: EditPath::ProcMem,
        };
        let h = HarnessConfig {
            edits: vec![
                edit(h_d1, 35, 0x7001),
                edit(m_d0, 36, 0x7002),
                edit(m_d12, 34, 0x7003),
            ],
            ..signal_and_entry_stops()
        };
        let r = run(&COH_ALTSTACK, &["a"], policy, h);
        let lines = [
            "rec 1 1: r35 = 0x0000000000007001\n",
            "rec 0 0: r36 = 0x0000000000007002\n",
            "rec 0 12: r34 = 0x0000000000007003\n",
        ];
        let out = stdout(&r);
        let seen: Vec<bool> = lines.iter().map(|l| out.contains(l)).collect();
        match policy {
            RseSync::Eager | RseSync::Lazy => {
                assert_eq!(seen, [true, true, true], "{policy:?}: {out}");
                assert!(
                    out.ends_with("frames checked = 16, mismatches = 3\n"),
                    "{out}"
                );
            }
            // The handler's frame and main's depth 0 were in the kernel backing store
            // (stale at the stop, see the table): lost. Depth 12 was in memory only: kept.
            RseSync::None => {
                assert!(reg(h1, h_d1, 35).stale() && reg(h1, m_d0, 36).stale());
                assert_eq!(seen, [false, false, true], "{out}");
            }
        }
    }
}

#[test]
fn a_backing_store_overflow_is_sigsegv_and_a_handler_on_the_alternate_store_recovers() {
    for policy in POLICIES {
        let r = run(&COH_ALTSTACK, &["o"], policy, signal_and_entry_stops());
        assert_eq!(r.outcome, Outcome::Exited(0), "{policy:?}");
        assert_eq!(
            stdout(&r),
            "segv: si_code = 1, si_addr - R = 16384, on the alternate stack = 1\n\
             frames checked = 301, mismatches = 0\n",
            "{policy:?}"
        );
        // The SIGSEGV delivery stop: the faulting spill's address is PT_AR_BSPSTORE, R's
        // successor page; every register homed there is unreadable, its true value in the
        // kernel backing store.
        let segv = find(&r, "SIGSEGV", |s| {
            s.kind == StopKind::Signal && s.detail == Some(11)
        });
        let rbs = segv.rbs.expect("rbs");
        assert_eq!(rbs.bspstore % PAGE, 0);
        let r_page = rbs.bspstore - PAGE;
        for e in &segv.regs {
            if e.addr >= rbs.bspstore {
                assert!(e.mem.is_none() && e.truth.is_some(), "{policy:?} {e:?}");
            } else {
                assert_eq!(e.mem, e.truth, "{policy:?} {e:?}");
            }
        }
        if policy != RseSync::None {
            assert_eq!(
                segv.coherence.bytes_written, 0,
                "the write-back faults at once"
            );
        }
        // The handler's mmap: beyond its signal frame, the recursion (re-homed on the
        // alternate store), then on_new_rbs at R, where the walk ends.
        let mmap = find(&r, "mmap in the handler", |s| {
            s.detail == Some(1151) && s.contexts.len() == 1
        });
        let c = mmap.contexts[0];
        assert_eq!(
            (c.signo, c.bsp_end, c.bspstore0),
            (11, rbs.bsp_end, Some(rbs.bspstore))
        );
        let recs = rec_frames(mmap, 2);
        let deepest = recs.first().map_or(0, |f| f.1);
        check_rec_frames_from(mmap, 2, deepest, 300, policy != RseSync::None);
        let last = mmap.frames.len() - 1;
        assert_eq!(mmap.frames[last].sizes(), (9, 7), "on_new_rbs");
        assert_eq!(reg(mmap, last, 32).addr, r_page, "on_new_rbs starts at R");
        let small = HarnessConfig {
            max_frames: 6,
            ..signal_and_entry_stops()
        };
        let r = run(&COH_ALTSTACK, &["o"], policy, small);
        insta::assert_snapshot!(
            format!("overflow-{}", policy.name()),
            snapshot(&r, |s| s.detail == Some(11) || s.contexts.len() == 1)
        );
    }
}

/// [`check_rec_frames`] for a recursion stopped at depth `from` (the frames below it were
/// not called yet): depths `from..=to`, innermost first.
fn check_rec_frames_from(s: &StopRecord, kind: u64, from: u64, to: u64, fresh: bool) {
    let frames = rec_frames(s, kind);
    let depths: Vec<u64> = frames.iter().map(|f| f.1).collect();
    assert_eq!(depths, (from..=to).collect::<Vec<_>>(), "#{}", s.index);
    for (i, d) in frames {
        let e = reg(s, i, 37);
        let want = d << 8 | (0x14 + 0x40 * kind);
        assert_eq!(e.truth, Some(want), "#{} depth {d}", s.index);
        if fresh {
            assert_eq!(e.mem, Some(want), "#{} depth {d}", s.index);
        }
    }
}

/// The fault of a run that ended by SIGSEGV from the RSE.
fn rse_fault(r: &HarnessReport) -> (u64, u64) {
    match r.outcome {
        Outcome::Killed {
            signal: 11,
            fault: Some(Fault::Rse { fault, .. }),
            ip,
            ..
        } => (ip, fault.addr),
        ref o => panic!("not killed by an RSE SIGSEGV: {o:?}"),
    }
}

#[test]
fn bad_user_backing_stores_become_sigsegv() {
    // k: spill into an unmapped page, no handler; l: the trampoline's loadrs below the
    // alternate store (sc_loadrs made larger by the handler); u: the handler's flushrs into an
    // unmapped alternate store. Each is SIGSEGV from the RSE (the default action kills),
    // never a host error; the debugger sees the SIGSEGV delivery stop first.
    const GATE: u64 = 0xa000_0000_0000_0000;
    let mut snap = String::new();
    for policy in POLICIES {
        for mode in ["k", "l", "u"] {
            let h = HarnessConfig {
                max_frames: 4,
                ..signal_and_entry_stops()
            };
            let r = run(&COH_ALTSTACK, &[mode], policy, h);
            let (ip, addr) = rse_fault(&r);
            let segv = find(&r, "SIGSEGV", |s| {
                s.kind == StopKind::Signal && s.detail == Some(11)
            });
            match mode {
                "k" => assert_eq!(addr, segv.rbs.expect("rbs").bspstore, "the next spill"),
                "l" => {
                    assert!(
                        (GATE..GATE + 0x400).contains(&ip),
                        "in the trampoline: {ip:#x}"
                    );
                    assert_eq!(addr % PAGE, PAGE - 8, "just below the alternate store");
                }
                _ => assert_eq!(
                    addr % PAGE,
                    0,
                    "sc_rbs_base, the area's unmapped first page"
                ),
            }
            snap += &format!("=== {mode} {}\n", policy.name());
            snap += &snapshot(&r, |s| s.detail == Some(11));
        }
    }
    insta::assert_snapshot!("bad-backing-stores", snap);
}

#[test]
fn a_frame_the_backing_store_cannot_supply_is_sigsegv() {
    // coh-altstack f: rt_sigreturn to a 96-register frame with fewer dirty registers and
    // nothing mapped below the backing store. Linux takes the fill fault after the rfi
    // (incomplete frame) and sends SIGSEGV.
    for policy in POLICIES {
        let config = Config {
            rse_sync: policy,
            ..Config::default()
        };
        let argv = [COH_ALTSTACK.path, "f"];
        let r = harness::run(COH_ALTSTACK.elf, &argv, config, entry_stops());
        let r = r.expect("a guest fault, not a host error");
        rse_fault(&r);
    }
}
