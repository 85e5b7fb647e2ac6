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

/// The snapshot of a run: its output, then the tables of the stops `which`.
fn snapshot(r: &HarnessReport, which: impl Fn(&StopRecord) -> bool) -> String {
    let tables: String = r
        .stops
        .iter()
        .filter(|s| which(s))
        .map(harness::render_stop)
        .collect();
    format!(
        "--- outcome {:?}\n--- stdout\n{}--- stops\n{tables}",
        r.outcome,
        stdout(r)
    )
}

fn entry_stops() -> HarnessConfig {
    HarnessConfig {
        memory_view: true,
        ..HarnessConfig::stops(&[StopKind::SyscallEntry])
    }
}

fn reg<'a>(s: &'a StopRecord, frame: usize, reg: u8) -> &'a RegEntry {
    s.reg(frame, reg)
        .unwrap_or_else(|| panic!("stop #{}: no f{frame} r{reg}", s.index))
}

// ---------------------------------------------------------------------------------------------
// NaT round trip (coh-nat n)
// ---------------------------------------------------------------------------------------------

/// A register of coh-nat's mode n: its stop, frame and number there, address, whether it
/// starts as NaT, and the line the guest prints for its starting value.
struct NatReg {
    name: &'static str,
    stop: usize,
    frame: usize,
    reg: u8,
    addr: u64,
    nat: bool,
    value: u64,
}

/// Layout 1 (stop 0: sysn f0 @rbs+0x460, fp f1 @rbs+0x228, fb f2 @rbs+0x40, _start f3) and
/// layout 2 (stop 1: sysf f0 @rbs+0x90, fr f1 @rbs+0x40); see coh-nat.s.
const NAT_REGS: [NatReg; 8] = [
    NatReg {
        name: "B",
        stop: 0,
        frame: 2,
        reg: 82,
        addr: RBS + 0x1d0,
        nat: true,
        value: 0,
    },
    NatReg {
        name: "B2",
        stop: 0,
        frame: 2,
        reg: 83,
        addr: RBS + 0x1d8,
        nat: false,
        value: 0xb2b2_b2b2_b2b2_b2b2,
    },
    NatReg {
        name: "A",
        stop: 0,
        frame: 1,
        reg: 82,
        addr: RBS + 0x3b8,
        nat: true,
        value: 0,
    },
    NatReg {
        name: "A2",
        stop: 0,
        frame: 1,
        reg: 83,
        addr: RBS + 0x3c0,
        nat: false,
        value: 0xa2a2_a2a2_a2a2_a2a2,
    },
    NatReg {
        name: "D",
        stop: 0,
        frame: 1,
        reg: 92,
        addr: RBS + 0x410,
        nat: true,
        value: 0,
    },
    NatReg {
        name: "E",
        stop: 0,
        frame: 0,
        reg: 40,
        addr: RBS + 0x4a0,
        nat: true,
        value: 0,
    },
    NatReg {
        name: "C",
        stop: 1,
        frame: 1,
        reg: 37,
        addr: RBS + 0x68,
        nat: true,
        value: 0,
    },
    NatReg {
        name: "C2",
        stop: 1,
        frame: 1,
        reg: 38,
        addr: RBS + 0x70,
        nat: false,
        value: 0xc2c2_c2c2_c2c2_c2c2,
    },
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

/// The (backing store, end) of the stops of the two layouts, and where the NaT bits of each
/// register are: below `PT_AR_BSP` in a collection word, or in the partial group.
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
            // Where its NaT bit is: a collection word below PT_AR_BSP, or the reported RNAT.
            let (bspstore, end) = LAYOUTS[x.stop];
            let in_memory = (x.addr | 0x1f8) < end;
            let fresh = match policy {
                RseSync::Eager | RseSync::Lazy => true,
                // Nothing is written back: what the user RSE had spilled is right (B, B2, and
                // the data of C, C2), the rest is not, and $rnat is never computed.
                RseSync::None => in_memory && (x.addr | 0x1f8) < bspstore,
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
/// true words unless `shared` (a vfork child ran on the same backing store, see
/// [`vfork_parent_takes_its_childs_words`]); under `none` PEEKDATA (the ia64_peek redirect)
/// is true and `/proc/pid/mem` is stale somewhere. Returns the stops seen.
fn check_memory_view(name: &str, r: &HarnessReport, policy: RseSync, shared: bool) -> usize {
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
                if !shared {
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
    let runs: [(&Program, &[&str]); 9] = [
        (&COH_STACK, &["s", "l", "3"]),
        (&COH_STACK, &["g", "e", "2"]),
        (&COH_STACK, &["f", "l", "2"]),
        (&COH_STACK, &["v", "e", "2"]),
        (&COH_STACK, &["x", "l", "2"]),
        (&COH_STACK, &["t", "e", "2"]),
        (&COH_STACK, &["s", "l", "40"]),
        (&COH_NAT, &["n"]),
        (&COH_NAT, &["r"]),
    ];
    for policy in POLICIES {
        let mut kinds = std::collections::BTreeSet::new();
        for (p, args) in runs {
            let r = run(p, args, policy, every_stop());
            let name = format!("{} {args:?}", p.path);
            assert_eq!(r.outcome, Outcome::Exited(0), "{name} {policy:?}");
            let shared = policy == RseSync::Lazy && args[0] == "v";
            assert!(
                check_memory_view(&name, &r, policy, shared) > 0,
                "{name}: no stop"
            );
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
