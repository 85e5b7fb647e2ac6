//! The gdb stub over the real guest kernel: [`KernelBackend`] driven directly (no gdb needed),
//! then gdb-multiarch in batch mode (or interactively, for Ctrl-C) against guest programs whose
//! construction makes the true register values known: `test-programs/src/gdb-recurse.s`
//! (frame at depth D holds D, D*0x100+1, D*0x100+2, D*0x100+3 in r32..r35) and
//! `gdb-threads.s` (two threads, each with known locals).
//!
//! The gdb tests are skipped (with a message) when gdb-multiarch is missing and fail instead
//! when IA64EMU_REQUIRE_ORACLES=1.

mod common;

use common::gdb::*;
use common::guest::*;
use ia64_gdbstub::regs::{ar, Ia64Regs};
use ia64_gdbstub::{
    Backend, KernelBackend, Outcome, ResumeHow, RunEvent, StopReason, ThreadAction,
};
use ia64_guest_kernel::coherence::RseSync;

const RECURSE: &str = "gdb-recurse";
const THREADS: &str = "gdb-threads";
/// rec's frame: sof 7, sol 6.
const REC_CFM: u64 = (6 << 7) | 7;
/// _start's frame before it calls rec: sof 3, sol 2.
const START_SOL: i64 = 2;
const DEPTH: u64 = 30;

fn elf(name: &str) -> Vec<u8> {
    std::fs::read(program(name)).unwrap()
}

fn regs(b: &mut KernelBackend, tid: u64) -> Ia64Regs {
    let mut r = Ia64Regs::default();
    b.read_regs(tid, &mut r).expect("registers");
    r
}

fn word(b: &mut KernelBackend, tid: u64, addr: u64) -> u64 {
    let mut buf = [0u8; 8];
    assert_eq!(b.read_mem(tid, addr, &mut buf), Ok(8), "read {addr:#x}");
    u64::from_le_bytes(buf)
}

fn go(b: &mut KernelBackend, tid: u64, action: ThreadAction) -> RunEvent {
    let how = ResumeHow {
        actions: vec![(tid, action, None)],
        others_continue: true,
    };
    b.resume(&how).unwrap();
    loop {
        match b.run(1_000_000) {
            RunEvent::Budget => continue,
            e => return e,
        }
    }
}

/// The start of rec(d)'s frame: `_start`'s two locals, then 6 (rec's sol) per level.
fn rec_bof(base: u64, d: u64) -> u64 {
    skip(base, START_SOL + 6 * (d as i64 - 1))
}

/// The backend without gdb: the program stops before its first instruction, steps one slot,
/// stops at a breakpoint at the bottom of the recursion with every frame's stacked registers
/// readable at gdb's addresses, and a write to rec(30)'s r34 in the backing store reaches the
/// program (lazy, eager) or is lost (none: the registers were never written back).
fn backend_bottom_edit(policy: RseSync) -> (Vec<u64>, String) {
    let e = elf(RECURSE);
    let mut b = KernelBackend::new(kernel(RECURSE, &[], policy, 1), None).unwrap();
    assert_eq!(b.threads(), vec![1]);
    let r = regs(&mut b, 1);
    assert_eq!((r.pc(), r.cfm), (entry(&e), 0));
    let base = r.ar[ar::BSP];
    assert_eq!(
        r.ar[ar::BSPSTORE],
        base,
        "empty register stack at the start"
    );
    assert_eq!(
        go(&mut b, 1, ThreadAction::Step),
        RunEvent::Stopped {
            tid: 1,
            reason: StopReason::Step
        }
    );
    let r = regs(&mut b, 1);
    assert_eq!(
        (r.pc(), r.cfm),
        (entry(&e) + 1, (2 << 7) | 3),
        "after the alloc"
    );
    // The bottom: leaf's first instruction (its frame is rec(30)'s one output).
    let leaf = symbol(&e, "leaf");
    b.add_breakpoint(leaf).unwrap();
    assert_eq!(
        go(&mut b, 1, ThreadAction::Continue),
        RunEvent::Stopped {
            tid: 1,
            reason: StopReason::Breakpoint { addr: leaf }
        }
    );
    b.remove_breakpoint(leaf).unwrap();
    let r = regs(&mut b, 1);
    assert_eq!((r.pc(), r.cfm), (leaf, 1));
    let bof30 = rec_bof(base, DEPTH);
    assert_eq!(
        r.ar[ar::BSP],
        skip(bof30, 7),
        "bsp = end of leaf's 1-register frame"
    );
    // Every stacked register of every frame, as gdb would read them.
    let mut seen = Vec::new();
    for d in 1..=DEPTH {
        for k in 0..4 {
            seen.push(word(&mut b, 1, skip(rec_bof(base, d), k)));
        }
    }
    seen.push(word(&mut b, 1, skip(bof30, 6))); // leaf's r32 = rec(30)'s out0
    b.write_mem(1, skip(bof30, 2), &99u64.to_le_bytes())
        .unwrap();
    assert!(matches!(
        go(&mut b, 1, ThreadAction::Continue),
        RunEvent::Exited(0)
    ));
    let (out, _) = b.kernel.console.take();
    (seen, String::from_utf8_lossy(&out).into_owned())
}

/// The true values of [`backend_bottom_edit`]'s registers.
fn true_values() -> Vec<u64> {
    let mut v = Vec::new();
    for d in 1..=DEPTH {
        v.extend([d, d * 0x100 + 1, d * 0x100 + 2, d * 0x100 + 3]);
    }
    v.push(0xbeef);
    v
}

#[test]
fn backend_serves_true_stacked_registers_and_edits_under_lazy_and_eager() {
    for policy in [RseSync::Lazy, RseSync::Eager] {
        let (seen, out) = backend_bottom_edit(policy);
        assert_eq!(seen, true_values(), "{policy:?}");
        assert!(
            out.starts_with("rec 30: r34 = 99\nrec 29: r34 = 7426\n"),
            "{policy:?}: {out}"
        );
    }
}

#[test]
fn backend_under_none_shows_stale_registers_and_loses_edits() {
    let (seen, out) = backend_bottom_edit(RseSync::None);
    let truth = true_values();
    // The outer frames were spilled by the RSE itself (96 physical registers): true. The inner
    // ones were still in registers at the kernel entry: stale in memory.
    let stale: Vec<usize> = (0..truth.len()).filter(|&i| seen[i] != truth[i]).collect();
    assert!(
        !stale.is_empty() && stale.contains(&(truth.len() - 1)),
        "{seen:x?}"
    );
    assert_eq!(seen[..4], truth[..4], "rec(1) was spilled long ago");
    assert!(
        out.starts_with("rec 30: r34 = 7682\n"),
        "the edit is lost: {out}"
    );
}

// ---------------------------------------------------------------------------------------------
// gdb-multiarch
// ---------------------------------------------------------------------------------------------

/// Runs `script` (after the connection commands) on `name`; returns gdb's output and the end.
fn session(name: &str, args: &[&str], policy: RseSync, script: &str) -> (String, End) {
    let (port, server) = serve(name, args, policy, 1);
    let out = run_gdb(&format!("{}{script}", connect(name, port)));
    let end = server.join().unwrap();
    (out, end)
}

/// The breakpoint at the bottom of the recursion (rec(30)'s call of leaf).
fn bottom() -> String {
    format!("break {RECURSE}.s:{}\n", line_of(RECURSE, "gdb: bottom"))
}

fn hex(v: u64) -> String {
    format!("{v:#x}")
}

/// The registers of the stop at the bottom, and of rec(29) through gdb's unwinder.
const BOTTOM_SCRIPT: &str = "continue\n\
    p/x $r32\np/x $r33\np/x $r34\np/x $r35\np/x $cfm\np/x $bsp\np/x $bof\n\
    frame 1\np/x $r32\np/x $r33\np/x $r34\np/x $r35\np/x $cfm\n\
    frame 0\ninfo registers r32 r33 r34 r35\n";

#[test]
fn gdb_breaks_deep_in_the_recursion_and_shows_every_frame() {
    if !have_gdb() {
        return;
    }
    let script = format!("p/x $bsp\n{}{BOTTOM_SCRIPT}kill\n", bottom());
    let (out, end) = session(RECURSE, &[], RseSync::Lazy, &script);
    let v = printed(&out);
    let base = u64::from_str_radix(v[0].trim_start_matches("0x"), 16).expect(&out);
    let bof30 = rec_bof(base, 30);
    let want = [
        hex(base),
        "0x1e".into(),
        "0x1e01".into(),
        "0x1e02".into(),
        "0x1e03".into(),
        hex(REC_CFM),
        hex(skip(bof30, 7)),
        hex(bof30),
        "0x1d".into(),
        "0x1d01".into(),
        "0x1d02".into(),
        "0x1d03".into(),
        // gdb's frame-1 CFM is the ar.pfs rec(30) saved (pfs.ppl = 3 in bits 63:62).
        hex(3 << 62 | REC_CFM),
    ];
    assert_eq!(v, want, "{out}");
    assert!(
        out.contains("r34            0x1e02              7682"),
        "{out}"
    );
    assert_eq!(end.outcome, Ok(Outcome::Killed), "{out}");
    assert_eq!(end.status, Some(128 + 9));
}

#[test]
fn gdb_set_var_r34_then_continue_prints_99() {
    if !have_gdb() {
        return;
    }
    // The breakpoint goes before continuing: the bottom's call is predicated off in every
    // other frame, and a breakpoint stops there whatever the predicate.
    let script = format!(
        "{}continue\nset var $r34 = 99\np $r34\ndelete\ncontinue\n",
        bottom()
    );
    let (out, end) = session(RECURSE, &[], RseSync::Lazy, &script);
    assert_eq!(printed(&out), ["99"], "{out}");
    assert!(
        end.stdout
            .starts_with("rec 30: r34 = 99\nrec 29: r34 = 7426\n"),
        "{end:?}"
    );
    assert!(out.contains("exited normally"), "{out}");
    assert_eq!(end.status, Some(0));
}

#[test]
fn gdb_writes_a_stacked_register_through_its_backing_store_address() {
    if !have_gdb() {
        return;
    }
    // rec(30)'s r35 lives at bof + 3 slots; gdb computes $bof from $bsp and $cfm.
    let script = format!(
        "{}continue\nset var $a = $bof\nset *(long*)($a + 8*3 + (((($a >> 3) & 63) + 3 >= 63) ? 8 : 0)) = 4242\n\
         p $r35\ndelete\ncontinue\n",
        bottom()
    );
    let (out, end) = session(RECURSE, &[], RseSync::Lazy, &script);
    assert_eq!(printed(&out), ["4242"], "{out}");
    assert!(end.stdout.starts_with("rec 30: r34 = 7682\n"), "{end:?}");
    assert_eq!(end.status, Some(0));
}

#[test]
fn gdb_stepi_over_call_alloc_and_return_keeps_stacked_registers() {
    if !have_gdb() {
        return;
    }
    let script = format!(
        "{}continue\n\
         stepi\np/x $cfm\np/x $r32\n\
         stepi\np/x $cfm\np/x $r32\n\
         stepi\np/x $r33\n\
         while $cfm != {REC_CFM:#x}\nstepi\nend\n\
         p/x $r32\np/x $r33\np/x $r34\np/x $r35\nkill\n",
        bottom()
    );
    let (out, _) = session(RECURSE, &[], RseSync::Lazy, &script);
    let want = [
        "0x1", "0xbeef", // br.call: leaf's frame is rec(30)'s output
        "0x204", "0xbeef", // alloc 1, 3, 0, 0: sof 4, sol 4
        "0xbef0", // r33 = in0 + 1
        "0x1e", "0x1e01", "0x1e02", "0x1e03", // br.ret: rec(30)'s frame again
    ];
    assert_eq!(printed(&out), want, "{out}");
}

/// Replaces what depends on the host (the program's path, the port) in a transcript.
fn normalise(out: &str) -> String {
    let dir = program(RECURSE).parent().unwrap().display().to_string();
    out.lines()
        .filter(|l| !l.contains("warning: remote target does not support file transfer"))
        // gdb compares the host mtimes of the listed source and the ELF: after a fresh
        // checkout their order is chance, and says nothing about the session.
        .filter(|l| !l.contains("Source file is more recent than executable"))
        .map(|l| l.replace(&dir, "test-programs/bin"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The same session under `--rse-sync none`: gdb reads the backing store the kernel never
/// wrote back, so the inner frames show stale values (zeros where the RSE never spilled).
#[test]
fn gdb_under_rse_sync_none_shows_stale_values() {
    if !have_gdb() {
        return;
    }
    let script = format!("{}{BOTTOM_SCRIPT}kill\n", bottom());
    let (out, _) = session(RECURSE, &[], RseSync::None, &script);
    let v = printed(&out);
    assert_ne!(v[..4], ["0x1e", "0x1e01", "0x1e02", "0x1e03"], "{out}");
    assert_eq!(v[4], hex(REC_CFM), "cfm is a register, not memory: {out}");
    insta::assert_snapshot!(normalise(&out));
}

#[test]
fn gdb_breakpoints_at_an_lx_slot_and_a_predicated_off_instruction() {
    if !have_gdb() {
        return;
    }
    let e = elf(RECURSE);
    let (mlx, off) = (symbol(&e, "mlx_fn") + 1, symbol(&e, "predoff_fn") + 0x10);
    let script = format!(
        "break *{mlx:#x}\nbreak *{off:#x}\ncontinue\np/x $pc\ncontinue\np/x $pc\np/x $pr & 0x40\ncontinue\n"
    );
    let (out, end) = session(RECURSE, &[], RseSync::Lazy, &script);
    assert_eq!(printed(&out), [hex(mlx), hex(off), "0x0".into()], "{out}");
    assert!(
        out.contains("movl r14=0x123456789abcdef0") || out.contains("Breakpoint 1,"),
        "{out}"
    );
    assert_eq!(end.status, Some(0), "{out}");
}

#[test]
fn gdb_watch_rwatch_awatch() {
    if !have_gdb() {
        return;
    }
    let script = "watch *(long*)&g_word\ncontinue\ndelete\nrwatch *(long*)&g_word\ncontinue\n\
                  delete\nawatch *(long*)&g_word\ncontinue\ndelete\ncontinue\n";
    let (out, end) = session(RECURSE, &[], RseSync::Lazy, script);
    assert!(out.contains("Old value = 0\nNew value = 48880"), "{out}");
    assert!(out.contains("Value = 48880"), "{out}");
    assert!(out.contains("atchpoint 3"), "{out}");
    assert!(
        end.stdout.ends_with("g_word = 0x000000000000bef0\n"),
        "{end:?}"
    );
}

#[test]
fn gdb_detach_lets_the_program_finish() {
    if !have_gdb() {
        return;
    }
    let script = format!("{}continue\ndetach\n", bottom());
    let (out, end) = session(RECURSE, &[], RseSync::Lazy, &script);
    assert_eq!(end.outcome, Ok(Outcome::Detached), "{out}");
    assert!(end.stdout.starts_with("rec 30: r34 = 7682\n"), "{end:?}");
    assert!(
        end.stdout.ends_with("g_word = 0x000000000000bef0\n"),
        "{end:?}"
    );
    assert_eq!(end.status, Some(0));
}

/// Two threads: a breakpoint in the worker, the thread list, switching threads; then a long
/// run interrupted with Ctrl-C (`continue &` + `interrupt`) and killed.
#[test]
fn gdb_threads_break_switch_interrupt_and_kill() {
    if !have_gdb() {
        return;
    }
    let (port, server) = serve(THREADS, &["100000000000"], RseSync::Lazy, 1);
    let file = program(THREADS).display().to_string();
    let target = format!("target remote 127.0.0.1:{port}");
    let out = run_gdb_interactive(&[
        "set pagination off",
        "set confirm off",
        &format!("file {file}"),
        &target,
        "break main_loop",
        "continue",
        "#wait Breakpoint 1,",
        "delete",
        "continue &",
        // Long enough for both threads to get a time slice (4 million instructions each).
        "#sleep 1500",
        "interrupt",
        "#wait received signal SIGINT",
        "info threads",
        "thread 2",
        "p/x $r32",
        "p/x $r33",
        "thread 1",
        "p/x $r32",
        "kill",
    ]);
    let end = server.join().unwrap();
    assert!(out.contains("received signal SIGINT"), "{out}");
    assert!(
        out.contains("Thread 1.1") && out.contains("Thread 1.2"),
        "{out}"
    );
    assert!(
        out.contains("[Switching to thread 2 (Thread 1.2)]"),
        "{out}"
    );
    assert_eq!(printed(&out), ["0x2222", "0x3333", "0x174876e800"], "{out}");
    assert_eq!(end.outcome, Ok(Outcome::Killed), "{out}");
}

/// Two threads through the backend: a breakpoint in main's loop, then a step of thread 1 with
/// thread 2 held (gdb's scheduler locking): thread 2's registers and its counter do not move;
/// an interrupt reports the lowest thread; kill ends the program.
#[test]
fn backend_steps_one_thread_while_the_other_stays_stopped() {
    let e = elf(THREADS);
    let mut b =
        KernelBackend::new(kernel(THREADS, &["100000000000"], RseSync::Lazy, 1), None).unwrap();
    let main_loop = symbol(&e, "main_loop");
    let t_count = symbol(&e, "t_count");
    b.add_breakpoint(main_loop).unwrap();
    assert_eq!(
        go(&mut b, 1, ThreadAction::Continue),
        RunEvent::Stopped {
            tid: 1,
            reason: StopReason::Breakpoint { addr: main_loop }
        }
    );
    b.remove_breakpoint(main_loop).unwrap();
    assert_eq!(b.threads(), vec![1, 2]);
    let before = (regs(&mut b, 2).pc(), word(&mut b, 2, t_count));
    let how = ResumeHow {
        actions: vec![(1, ThreadAction::Step, None)],
        others_continue: false,
    };
    b.resume(&how).unwrap();
    assert_eq!(
        b.run(1_000_000),
        RunEvent::Stopped {
            tid: 1,
            reason: StopReason::Step
        }
    );
    assert_eq!(regs(&mut b, 1).pc(), main_loop + 1);
    assert_eq!((regs(&mut b, 2).pc(), word(&mut b, 2, t_count)), before);
    assert_eq!(b.interrupt(), 1);
    b.kill();
    assert_eq!(b.run(1_000_000), RunEvent::Killed(9));
}
