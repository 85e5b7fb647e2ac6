//! RSE coherence at every kind of debugger stop (rse-spec.md §8.4, §9.4), through the host-side
//! harness (`ia64_guest_kernel::harness`) running `test-programs/bin/coh-stack`:
//!
//! * tables: for each stop kind × policy, the stacked registers of every frame read from user
//!   memory (as `/proc/<pid>/mem` reads them) against their true values (insta snapshots);
//!   `none` shows stale values, `eager` and `lazy` none;
//! * edits through `/proc/<pid>/mem` or POKEDATA at a stop are what the thread sees when it
//!   runs again (the guest prints every register of its frames that changed), syscall
//!   arguments included, and edits between two stops of one kernel entry;
//! * counting: stops in one kernel entry, the filtered engine, attach, the sampler;
//! * the syscall-exit stop of `rt_sigreturn` (mode g): the table of the restored, interrupted
//!   context and an edit there that reaches it;
//! * a register stack deeper than the 96 physical registers at each stop.
//!
//! Expected values come from the guest program's construction (its header): `rec` frame at
//! depth D keeps `D`, saved b0, `D<<8 | 0x11`, `0x22`, `0x33`, `0x44` in r32, r33, r34..r37.

use ia64_guest_kernel::coherence::RseSync;
use ia64_guest_kernel::harness::{
    self, Edit, EditPath, EngineMode, HarnessConfig, HarnessReport, StopKind, StopRecord,
};
use ia64_guest_kernel::{Config, Outcome};

const ELF: &[u8] = include_bytes!("../../test-programs/bin/coh-stack");
/// argv[0], relative to this package (the tests' working directory): `execve` opens it.
const PATH: &str = "../test-programs/bin/coh-stack";
const POLICIES: [RseSync; 3] = [RseSync::None, RseSync::Eager, RseSync::Lazy];

fn run(args: &[&str], policy: RseSync, h: HarnessConfig) -> HarnessReport {
    let mut argv = vec![PATH];
    argv.extend_from_slice(args);
    let config = Config {
        rse_sync: policy,
        ..Config::default()
    };
    harness::run(ELF, &argv, config, h).expect("harness run")
}

fn stdout(r: &HarnessReport) -> String {
    String::from_utf8_lossy(&r.stdout).into_owned()
}

fn of_kind(r: &HarnessReport, kind: StopKind) -> Vec<&StopRecord> {
    r.stops.iter().filter(|s| s.kind == kind).collect()
}

/// Run `args` under every policy with stops `kinds`; snapshot each table; check that the
/// asked-for kind happened, that `none` shows stale values somewhere and the others nowhere.
fn tables(name: &str, args: &[&str], h: HarnessConfig, kind: StopKind) {
    for policy in POLICIES {
        let r = run(args, policy, h.clone());
        assert_eq!(
            r.outcome,
            Outcome::Exited(0),
            "{name} {policy:?}: {}",
            stdout(&r)
        );
        assert!(
            !of_kind(&r, kind).is_empty(),
            "{name} {policy:?}: no {kind:?} stop"
        );
        assert!(
            r.stops.iter().all(|s| s.kind != StopKind::Other),
            "{name} {policy:?}: unclassified stop"
        );
        let stale: usize = r.stops.iter().map(StopRecord::stale).sum();
        match policy {
            RseSync::None => assert!(stale > 0, "{name}: none shows no stale value"),
            _ => assert_eq!(stale, 0, "{name} {policy:?}: stale values\n{}", r.render()),
        }
        let snap = format!("--- stdout\n{}--- stops\n{}", stdout(&r), r.render());
        insta::assert_snapshot!(format!("{name}-{}", policy.name()), snap);
    }
}

#[test]
fn syscall_entry_tables() {
    let h = HarnessConfig::stops(&[StopKind::SyscallEntry]);
    tables("syscall-entry", &["s", "e", "3"], h, StopKind::SyscallEntry);
}

#[test]
fn syscall_exit_tables() {
    let h = HarnessConfig::stops(&[StopKind::SyscallExit]);
    tables("syscall-exit", &["s", "e", "3"], h, StopKind::SyscallExit);
}

#[test]
fn signal_tables() {
    let h = HarnessConfig::stops(&[StopKind::Signal]);
    tables("signal", &["g", "e", "2"], h, StopKind::Signal);
}

#[test]
fn group_stop_tables() {
    let h = HarnessConfig::stops(&[StopKind::GroupStop]);
    tables("group-stop", &["t", "e", "2"], h, StopKind::GroupStop);
}

#[test]
fn fork_and_exit_tables() {
    let h = HarnessConfig::stops(&[StopKind::Fork, StopKind::Exit]);
    tables("fork-exit", &["f", "e", "2"], h, StopKind::Fork);
}

#[test]
fn vfork_tables() {
    let h = HarnessConfig::stops(&[StopKind::Vfork, StopKind::VforkDone]);
    tables("vfork", &["v", "e", "2"], h.clone(), StopKind::VforkDone);
}

#[test]
fn exec_tables() {
    let h = HarnessConfig::stops(&[StopKind::SyscallEntry, StopKind::Exec]);
    tables("exec", &["x", "e", "2"], h, StopKind::Exec);
}

#[test]
fn exit_tables() {
    let h = HarnessConfig::stops(&[StopKind::Exit]);
    tables("exit", &["e", "e", "2"], h, StopKind::Exit);
}

#[test]
fn single_step_tables() {
    let h = HarnessConfig {
        single_steps: 6,
        ..HarnessConfig::stops(&[StopKind::SyscallEntry])
    };
    tables("single-step", &["s", "e", "2"], h, StopKind::SingleStep);
}

#[test]
fn attach_tables() {
    let h = HarnessConfig {
        follow_children: false,
        ..HarnessConfig::stops(&[StopKind::Attach])
    };
    tables("attach", &["t", "e", "2"], h, StopKind::Attach);
}

#[test]
fn deep_recursion_tables() {
    let h = HarnessConfig::stops(&[StopKind::SyscallEntry]);
    tables("deep", &["s", "l", "40"], h, StopKind::SyscallEntry);
}

// ---------------------------------------------------------------------------------------------
// Edits
// ---------------------------------------------------------------------------------------------

/// Frame index of `rec` at depth `d` at a stop in `syscall6` called from an `act_*` function:
/// syscall6, act_*, bottom, rec(0), rec(1), …
fn rec_frame(d: usize) -> usize {
    3 + d
}

fn edit(stop: usize, frame: usize, reg: u8, value: u64, via: EditPath) -> Edit {
    Edit {
        stop,
        frame,
        reg,
        value,
        via,
    }
}

/// The line the guest prints for a changed register of `rec` at depth `d`.
fn changed(d: usize, reg: u8, value: u64) -> String {
    format!("rec {d}: r{reg} = {value:#018x}\n")
}

#[test]
fn edit_through_proc_mem_reaches_the_thread() {
    // Stop 0: the syscall entry of the first write; rec(1)'s r35 (0x122) becomes 0x5eed. With
    // the RSE in enforced lazy mode (RSC l) and 4 frames, every rec register is still in the
    // dirty partition, so under `none` user memory there is stale and the write is lost
    // (rse-spec.md §7.5).
    for policy in POLICIES {
        let e = edit(0, rec_frame(1), 35, 0x5eed, EditPath::ProcMem);
        let h = HarnessConfig {
            edits: vec![e],
            ..HarnessConfig::stops(&[StopKind::SyscallEntry])
        };
        let r = run(&["s", "l", "3"], policy, h);
        assert!(r.stops[0].edits[0].ok);
        let reg = r.stops[0]
            .regs
            .iter()
            .find(|x| x.frame == rec_frame(1) && x.reg == 35)
            .copied();
        assert_eq!(reg.map(|x| x.truth), Some(Some(0x122)));
        let out = stdout(&r);
        match policy {
            RseSync::None => {
                assert!(reg.is_some_and(|x| x.stale()), "none: not stale");
                assert!(out.contains("mismatches = 0"), "{out}");
            }
            _ => {
                assert!(out.contains(&changed(1, 35, 0x5eed)), "{policy:?}: {out}");
                assert!(out.contains("mismatches = 1"), "{policy:?}: {out}");
            }
        }
    }
}

#[test]
fn edit_of_a_register_the_user_rse_already_spilled_works_under_every_policy() {
    // RSC e (eager): the user RSE has spilled rec(1) before the kernel entry, so its user
    // memory is the only copy and /proc/pid/mem edits it even under `none`.
    for policy in POLICIES {
        let e = edit(0, rec_frame(1), 35, 0x5eed, EditPath::ProcMem);
        let h = HarnessConfig {
            edits: vec![e],
            ..HarnessConfig::stops(&[StopKind::SyscallEntry])
        };
        let r = run(&["s", "e", "3"], policy, h);
        let out = stdout(&r);
        assert!(out.contains(&changed(1, 35, 0x5eed)), "{policy:?}: {out}");
    }
}

#[test]
fn edit_through_pokedata_reaches_the_thread_under_every_policy() {
    // POKEDATA redirects to the kernel backing store under `none` (Linux ≤ 2.6.24).
    for policy in POLICIES {
        let e = edit(0, rec_frame(2), 36, 0xabc, EditPath::PokeData);
        let h = HarnessConfig {
            edits: vec![e],
            ..HarnessConfig::stops(&[StopKind::SyscallEntry])
        };
        let r = run(&["s", "e", "3"], policy, h);
        let out = stdout(&r);
        assert!(out.contains(&changed(2, 36, 0xabc)), "{policy:?}: {out}");
        assert!(out.contains("mismatches = 1"), "{policy:?}: {out}");
    }
}

#[test]
fn syscall_argument_edited_at_the_entry_stop_is_what_the_syscall_gets() {
    // write(1, "coherence ok\n", 13): its count is out2 of syscall6's frame (r42). `lazy`
    // reloads before the arguments are read (rse-spec.md §8.6, §9.2 point 1).
    let policy = RseSync::Lazy;
    let e = edit(0, 0, 42, 5, EditPath::ProcMem);
    let h = HarnessConfig {
        edits: vec![e],
        ..HarnessConfig::stops(&[StopKind::SyscallEntry])
    };
    let r = run(&["s", "e", "3"], policy, h);
    let out = stdout(&r);
    assert!(
        out.starts_with("coherwrite returned 5\n"),
        "{policy:?}: {out}"
    );
}

#[test]
fn deep_edit_reaches_a_spilled_frame() {
    // Depth 40: rec(30) is far below the physical register file, in user memory already.
    for policy in [RseSync::Eager, RseSync::Lazy] {
        let e = edit(0, rec_frame(30), 34, 0x7777, EditPath::ProcMem);
        let h = HarnessConfig {
            edits: vec![e],
            ..HarnessConfig::stops(&[StopKind::SyscallEntry])
        };
        let r = run(&["s", "l", "40"], policy, h);
        let out = stdout(&r);
        assert!(out.contains(&changed(30, 34, 0x7777)), "{policy:?}: {out}");
    }
}

/// Mode g with syscall-exit and signal stops: the stops of `kill(self, SIGUSR1)`'s kernel
/// entry are its syscall-exit stop (#3) and the signal stop (#4); see the snapshot.
fn signal_entry_stops() -> HarnessConfig {
    HarnessConfig::stops(&[StopKind::SyscallExit, StopKind::Signal])
}

#[test]
fn syscall_exit_then_signal_stop_in_one_kernel_entry() {
    for policy in POLICIES {
        let r = run(&["g", "e", "2"], policy, signal_entry_stops());
        let (a, b) = (&r.stops[3], &r.stops[4]);
        assert_eq!((a.kind, a.detail), (StopKind::SyscallExit, Some(1053)));
        assert_eq!((b.kind, b.detail), (StopKind::Signal, Some(10)));
        let wb = (a.coherence.writebacks, b.coherence.writebacks);
        match policy {
            RseSync::None => assert_eq!(wb, (0, 0)),
            // eager writes back at each of the k = 2 stops, lazy once.
            RseSync::Eager => assert_eq!(wb, (1, 1)),
            RseSync::Lazy => {
                assert_eq!(wb, (1, 0));
                assert_eq!(b.coherence.avoided, 1);
            }
        }
    }
}

/// The value of register `reg` of frame `frame` in user memory at stop `stop`.
fn mem_at(r: &HarnessReport, stop: usize, frame: usize, reg: u8) -> Option<Option<u64>> {
    r.stops[stop]
        .regs
        .iter()
        .find(|x| x.frame == frame && x.reg == reg)
        .map(|x| x.mem)
}

#[test]
fn edit_between_syscall_exit_and_signal_stops() {
    // Edit rec(1)'s r36 (0x133) at the syscall-exit stop (#3); the signal stop (#4) follows
    // in the same kernel entry. lazy keeps it because #4 finds RESTORE_RSE set and writes
    // nothing. eager, as defined here (write back at every stop and reload at every resume),
    // keeps it too: the resume after #3 reloads the edit before #4 writes back — at the price
    // of a second write-back and a reload (Linux's 2005 eager proposal had no reload at resume
    // and lost the edit, rse-spec.md §8.5 point 1).
    let line = changed(1, 36, 0xed17);
    for policy in [RseSync::Eager, RseSync::Lazy] {
        let h = HarnessConfig {
            edits: vec![edit(3, rec_frame(1), 36, 0xed17, EditPath::ProcMem)],
            ..signal_entry_stops()
        };
        let r = run(&["g", "e", "2"], policy, h);
        let out = stdout(&r);
        let at_b = mem_at(&r, 4, rec_frame(1), 36);
        assert!(out.contains(&line), "{policy:?}: {out}");
        assert_eq!(
            at_b,
            Some(Some(0xed17)),
            "{policy:?}: memory at the second stop"
        );
        let d = r.stops[4].coherence;
        if policy == RseSync::Lazy {
            assert_eq!(
                (d.writebacks, d.avoided),
                (0, 1),
                "lazy: no second write-back"
            );
        } else {
            assert_eq!(
                (d.writebacks, d.reloads),
                (1, 1),
                "eager: reload, then write back"
            );
        }
    }
}

#[test]
fn edit_between_syscall_entry_and_exit_stops() {
    // The edit at the entry stop of the first getpid (#8) is in memory again at its exit stop
    // (#9) (stop, reload, stop: rse-spec.md §9.4 point 4) and reaches the thread, under lazy
    // (reloaded before the arguments are read) and eager (reloaded at the resume).
    let line = changed(0, 37, 0x4444);
    for policy in [RseSync::Eager, RseSync::Lazy] {
        let h = HarnessConfig {
            edits: vec![edit(8, rec_frame(0), 37, 0x4444, EditPath::ProcMem)],
            ..HarnessConfig::stops(&[StopKind::SyscallEntry, StopKind::SyscallExit])
        };
        let r = run(&["s", "e", "3"], policy, h);
        assert_eq!(r.stops[8].detail, Some(1041));
        assert_eq!(r.stops[9].kind, StopKind::SyscallExit);
        let at_exit = mem_at(&r, 9, rec_frame(0), 37);
        assert_eq!(at_exit, Some(Some(0x4444)), "{policy:?}");
        assert!(stdout(&r).contains(&line), "{policy:?}");
    }
}

#[test]
fn filtered_engine_alone_writes_nothing_back() {
    for policy in POLICIES {
        let h = HarnessConfig {
            mode: EngineMode::Filtered,
            ..HarnessConfig::default()
        };
        let r = run(&["s", "e", "3", "20"], policy, h);
        assert_eq!(r.outcome, Outcome::Exited(0));
        let c = r.coherence();
        assert_eq!((c.stops, c.writebacks, c.reloads), (0, 0, 0), "{policy:?}");
        assert!(r.stats.engine_callbacks >= 2 * 20, "{policy:?}");
    }
}

#[test]
fn attach_to_a_group_stopped_task_writes_back_once() {
    for policy in POLICIES {
        let h = HarnessConfig {
            follow_children: false,
            ..HarnessConfig::stops(&[StopKind::Attach])
        };
        let r = run(&["t", "e", "2"], policy, h);
        let a = of_kind(&r, StopKind::Attach);
        assert_eq!(a.len(), 1, "{policy:?}");
        let want = u64::from(policy != RseSync::None);
        assert_eq!(a[0].coherence.writebacks, want, "{policy:?}");
        assert_eq!(r.coherence().writebacks, want, "{policy:?}");
    }
}

#[test]
fn vfork_chain_writes_back_once_under_lazy() {
    // clone (vfork) stop, then vfork-done stop: one kernel entry, no reload between.
    for policy in POLICIES {
        let h = HarnessConfig::stops(&[StopKind::Vfork, StopKind::VforkDone]);
        let r = run(&["v", "e", "2"], policy, h);
        let kinds: Vec<StopKind> = r.stops.iter().map(|s| s.kind).collect();
        assert_eq!(kinds, [StopKind::Vfork, StopKind::VforkDone], "{policy:?}");
        let wb: Vec<u64> = r.stops.iter().map(|s| s.coherence.writebacks).collect();
        let want: &[u64] = match policy {
            RseSync::None => &[0, 0],
            RseSync::Eager => &[1, 1],
            RseSync::Lazy => &[1, 0],
        };
        assert_eq!(wb, want, "{policy:?}");
    }
}

#[test]
fn sampler_reads_every_frames_first_input() {
    for policy in POLICIES {
        let h = HarnessConfig {
            mode: EngineMode::Sampler,
            ..HarnessConfig::default()
        };
        let r = run(&["s", "e", "3"], policy, h);
        assert_eq!(r.coherence().stops, 0);
        // The first sample is the write at the bottom: syscall6's in0 is the number, then
        // act_sys and bottom (their r32 is the saved b0), rec(0..=3): in0 = depth.
        let s = &r.samples[0];
        assert_eq!(s.nr, 1027);
        let depths: Vec<Option<u64>> = s.in0.iter().skip(3).take(4).copied().collect();
        let want = [Some(0), Some(1), Some(2), Some(3)];
        match policy {
            RseSync::None => assert_ne!(s.in0.first(), Some(&Some(1027)), "none is stale"),
            _ => {
                assert_eq!(s.in0.first(), Some(&Some(1027)), "{policy:?}");
                assert_eq!(depths, want, "{policy:?}: {:?}", s.in0);
            }
        }
        insta::assert_debug_snapshot!(format!("sampler-{}", policy.name()), r.samples);
    }
}

// ---------------------------------------------------------------------------------------------
// The syscall-exit stop of rt_sigreturn
// ---------------------------------------------------------------------------------------------

/// Mode g, RSC l (enforced lazy), depth 1, one repetition, with syscall-exit stops. The
/// syscalls in program order (coh-stack.s `act_sig`): rt_sigaction ×2, getpid, kill(SIGUSR1)
/// (the handler runs on its way out, then rt_sigreturn), rt_sigprocmask(SIG_BLOCK), kill ×2
/// (both signals stay pending), rt_sigprocmask(SIG_UNBLOCK) (one handler on its way out, its
/// rt_sigreturn, the other handler on that syscall's way out, its rt_sigreturn). The exit
/// stop of rt_sigreturn shows the restored registers: r15 is the interrupted syscall's
/// number, so its detail is that syscall's.
const SIGRETURN_ARGS: [&str; 4] = ["g", "l", "1", "1"];
const EXIT_DETAILS: [u64; 11] = [
    1177, 1177, 1041, 1053, 1053, 1179, 1053, 1053, 1179, 1179, 1179,
];
/// The stops of rt_sigreturn's exits in [`EXIT_DETAILS`].
const SIGRETURN_STOPS: [usize; 3] = [4, 9, 10];

/// The value `rec` at depth `d` keeps in `reg` (r32, r34..r37; the module header).
fn rec_value(d: u64, reg: u8) -> Option<u64> {
    match reg {
        32 => Some(d),
        34..=37 => Some((d << 8) | (0x11 * u64::from(reg - 33))),
        _ => None,
    }
}

#[test]
fn rt_sigreturn_exit_stop_tables() {
    // The stop is after the restore: the walk starts in the interrupted context (syscall6 of
    // the interrupted syscall, act_sig, bottom, rec(0), rec(1), _start). Under RSC l the user
    // RSE spills nothing on its own and the deepest stack (_start 13 + 2 × rec 11 + bottom 6
    // + act_sig 13 + syscall6 14 + trampoline 3 + handler 4 = 75 registers) fits in the 96
    // physical ones, so no register of the program has ever reached user memory: under
    // `none` user memory holds the zeros of the fresh backing store where the registers hold
    // anything else; eager and lazy wrote the registers back at the stop.
    for policy in POLICIES {
        let h = HarnessConfig::stops(&[StopKind::SyscallExit]);
        let r = run(&SIGRETURN_ARGS, policy, h);
        let out = stdout(&r);
        assert_eq!(r.outcome, Outcome::Exited(0), "{policy:?}: {out}");
        assert!(out.contains("signals handled = 3\n"), "{policy:?}: {out}");
        let details: Vec<Option<u64>> = r.stops.iter().take(11).map(|s| s.detail).collect();
        let want: Vec<Option<u64>> = EXIT_DETAILS.iter().map(|&d| Some(d)).collect();
        assert_eq!(details, want, "{policy:?}");
        let mut shown = String::new();
        for i in SIGRETURN_STOPS {
            let s = &r.stops[i];
            assert_eq!(s.kind, StopKind::SyscallExit, "{policy:?} #{i}");
            assert_eq!(s.frames.len(), 6, "{policy:?} #{i}");
            // syscall6's in0: the interrupted syscall's number.
            assert_eq!(
                s.reg(0, 32).map(|x| x.truth),
                Some(s.detail),
                "{policy:?} #{i}"
            );
            for d in 0..2u64 {
                for reg in [32, 34, 35, 36, 37] {
                    let e = s.reg(rec_frame(d as usize), reg).copied();
                    let want = rec_value(d, reg);
                    assert_eq!(
                        e.map(|x| x.truth),
                        Some(want),
                        "{policy:?} #{i} rec {d} r{reg}"
                    );
                    let mem = e.and_then(|x| x.mem);
                    match policy {
                        RseSync::None if want != Some(0) => {
                            assert_eq!(mem, Some(0), "{policy:?} #{i} rec {d} r{reg}")
                        }
                        _ => assert_eq!(mem, want, "{policy:?} #{i} rec {d} r{reg}"),
                    }
                }
            }
            match policy {
                RseSync::None => assert!(s.stale() > 0, "none #{i}"),
                _ => assert_eq!(s.stale(), 0, "{policy:?} #{i}\n{}", harness::render_stop(s)),
            }
            shown.push_str(&harness::render_stop(s));
        }
        let snap = format!("--- stdout\n{out}--- rt_sigreturn exit stops\n{shown}");
        insta::assert_snapshot!(format!("sigreturn-exit-{}", policy.name()), snap);
    }
}

#[test]
fn edit_at_the_rt_sigreturn_exit_stop_reaches_the_interrupted_context() {
    // rec(1)'s r36 (0x133) becomes 0xed17 through /proc/pid/mem at the exit stop of the first
    // rt_sigreturn; the thread returns to the interrupted kill and up through rec(1), which
    // reports the change. Under `none` the register lives only in the kernel backing store
    // (see above): the write lands in stale user memory and is lost.
    let line = changed(1, 36, 0xed17);
    for policy in POLICIES {
        let e = edit(
            SIGRETURN_STOPS[0],
            rec_frame(1),
            36,
            0xed17,
            EditPath::ProcMem,
        );
        let h = HarnessConfig {
            edits: vec![e],
            ..HarnessConfig::stops(&[StopKind::SyscallExit])
        };
        let r = run(&SIGRETURN_ARGS, policy, h);
        let out = stdout(&r);
        let done = r.stops[SIGRETURN_STOPS[0]].edits.first().copied();
        assert!(done.is_some_and(|d| d.ok), "{policy:?}: {done:?}");
        match policy {
            RseSync::None => {
                assert!(!out.contains(&line), "none: {out}");
                assert!(out.contains("mismatches = 0"), "none: {out}");
            }
            _ => {
                assert!(out.contains(&line), "{policy:?}: {out}");
                assert!(out.contains("mismatches = 1"), "{policy:?}: {out}");
                // The next stop (rt_sigprocmask's exit) reads the edit back from user memory.
                let next = mem_at(&r, SIGRETURN_STOPS[0] + 1, rec_frame(1), 36);
                assert_eq!(next, Some(Some(0xed17)), "{policy:?}");
            }
        }
    }
}
