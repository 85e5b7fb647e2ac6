//! gdb-multiarch in batch mode against the stub and the mock backend: the raw register
//! layout as gdb itself describes it, stacked registers read from and written to the mock's
//! backing store, threads, stepi, breakpoints, watchpoints, kill and detach.
//!
//! Skipped (with a message) when gdb-multiarch is missing; failing instead when
//! IA64EMU_REQUIRE_ORACLES=1.

mod common;

use common::gdb::*;
use common::*;
use ia64_gdbstub::regs;
use ia64_gdbstub::Outcome;

/// gdb's own description of the raw registers matches `regs::size`/`regs::offset` for all
/// 462 of them.
#[test]
fn gdb_raw_register_layout_matches() {
    if !have_gdb() {
        return;
    }
    let out = run_gdb("set architecture ia64-elf64\nmaint print raw-registers\n");
    let mut seen = 0;
    for line in out.lines() {
        let f: Vec<&str> = line.split_whitespace().collect();
        // " Name Nr Rel Offset Size Type Raw value"; unnamed registers print as ''.
        if f.len() < 5 {
            continue;
        }
        let (Ok(nr), Ok(off), Ok(size)) = (
            f[1].parse::<usize>(),
            f[3].parse::<usize>(),
            f[4].parse::<usize>(),
        ) else {
            continue;
        };
        if nr >= regs::NUM_RAW_REGS {
            // Pseudo-registers (nat0.., bof, r32.., p0..) follow, marked <cooked>.
            assert!(line.contains("<cooked>"), "{line}");
            continue;
        }
        assert_eq!(regs::offset(nr), Some(off), "offset of {nr}: {line}");
        assert_eq!(regs::size(nr), Some(size), "size of {nr}: {line}");
        seen += 1;
    }
    assert_eq!(seen, regs::NUM_RAW_REGS, "{out}");
}

fn connect_script(port: u16) -> String {
    format!(
        "set architecture ia64-elf64\nset pagination off\nset confirm off\n\
         target remote 127.0.0.1:{port}\n"
    )
}

#[test]
fn gdb_reads_and_writes_stacked_registers_threads_step_break_watch_detach() {
    if !have_gdb() {
        return;
    }
    let (port, handle) = spawn_stub(Mock::new());
    let bp = CODE + 0x82;
    let script = format!(
        "{connect}\
         p/x $bsp\n\
         p/x $cfm\n\
         p/x $bof\n\
         p/x $r32\n\
         p/x $r35\n\
         p/x $r40\n\
         p/x $r41\n\
         p/x $r42\n\
         p/x $pc\n\
         p $f1\n\
         p $f2\n\
         p/x $rnat\n\
         p/x $pfs\n\
         set $f3 = 2.0\n\
         set $r40 = 0x5555\n\
         p/x $r40\n\
         info threads\n\
         thread 2\n\
         p/x $r33\n\
         p/x $pc\n\
         stepi\n\
         p/x $pc\n\
         thread 1\n\
         break *{bp:#x}\n\
         continue\n\
         p/x $pc\n\
         delete\n\
         watch *(long*){DATA:#x}\n\
         continue\n\
         p/x $pc\n\
         delete\n\
         detach\n",
        connect = connect_script(port)
    );
    let out = run_gdb(&script);
    let (mock, outcome) = handle.join().unwrap();
    let values = printed(&out);
    let want = [
        "0x6000000000000238", // $bsp: the end of the frame (rse-spec §10.6)
        "0x30a",              // $cfm
        "0x60000000000001e0", // $bof = bsp - 10 slots, skipping the collection at 0x1f8
        "0x1000",             // $r32 at 0x…1e0
        "0x1003",             // $r35 at 0x…200 (after the collection slot)
        "0x1008",             // $r40 at 0x…228
        "0x1009",             // $r41 at 0x…230
        "0x0",                // $r42: outside the frame
        "0x4000000000000010", // $pc = ip | slot 0
        "1",                  // $f1
        "-2.5",               // $f2
        "0x21",               // $rnat
        "0xc000000000000185", // $pfs
        "0x5555",             // $r40 after the write
        "0x2001",             // thread 2's $r33
        "0x4000000000000200", // thread 2's $pc
        "0x4000000000000201", // after stepi: slot 1 of the same bundle
        "0x4000000000000082", // at the breakpoint (slot 2)
        "0x4000000000000041", // after the store at 0x…40 slot 0
    ];
    assert_eq!(values, want, "gdb output:\n{out}");
    assert!(
        out.contains("Thread 1.1") && out.contains("Thread 1.2"),
        "{out}"
    );
    // Thread 1 went through the store once on its way to the breakpoint (DATA = 1); the
    // watchpoint catches the next one.
    assert!(
        out.contains("Old value = 1") && out.contains("New value = 2"),
        "{out}"
    );
    // f3 = 2.0 arrived as a spill image: exponent 0x10000, significand 1.0.
    assert_eq!(mock.regs(1).fr[3], (0x10000u128 << 64) | (1u128 << 63));
    // gdb wrote r40 through memory at 0x6000000000000228.
    assert_eq!(mock.peek(0x6000_0000_0000_0228), Some(0x5555));
    assert!(
        mock.log
            .iter()
            .any(|l| l == "write_mem 0x6000000000000228 8"),
        "{:?}",
        mock.log
    );
    assert_eq!(outcome, Ok(Outcome::Detached), "{out}");
    assert!(mock.detached && mock.breakpoints.is_empty() && mock.watches.is_empty());
}

#[test]
fn gdb_kill_ends_the_program() {
    if !have_gdb() {
        return;
    }
    let (port, handle) = spawn_stub(Mock::new());
    let script = format!(
        "{connect}break *{bp:#x}\nkill\n",
        connect = connect_script(port),
        bp = CODE + 0x90
    );
    let out = run_gdb(&script);
    let (mock, outcome) = handle.join().unwrap();
    assert_eq!(outcome, Ok(Outcome::Killed), "{out}\n{:?}", mock.log);
    assert!(mock.killed && !mock.detached);
}

/// A committed IA-64 ELF, for the exec-file test.
const PROGRAM: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../test-programs/bin/exit-status"
);

/// With no `set architecture` and no program on gdb's command line, gdb asks the stub for
/// the exec file, loads it from the host and takes the ia64 architecture from it.
#[test]
fn gdb_takes_the_program_and_architecture_from_the_exec_file() {
    if !have_gdb() {
        return;
    }
    if !std::path::Path::new(PROGRAM).exists() {
        eprintln!("skipping: {PROGRAM} missing");
        return;
    }
    let mut mock = Mock::new();
    mock.exec_file = Some(PROGRAM.to_string());
    let (port, handle) = spawn_stub(mock);
    let script = format!(
        "set pagination off\nset confirm off\ntarget remote 127.0.0.1:{port}\n\
         show architecture\np/x $bsp\np/x $r40\ndetach\n"
    );
    let out = run_gdb(&script);
    let (_, outcome) = handle.join().unwrap();
    assert!(out.contains("(currently \"ia64-elf64\")"), "{out}");
    assert_eq!(printed(&out), ["0x6000000000000238", "0x1008"], "{out}");
    assert_eq!(outcome, Ok(Outcome::Detached), "{out}");
}

/// `continue &` then `interrupt` (a Ctrl-C on the wire): the program stops with SIGINT and
/// can be inspected; quitting gdb then kills it (the program was started for the debugger).
#[test]
fn gdb_interrupt_stops_a_running_program_and_quit_kills_it() {
    if !have_gdb() {
        return;
    }
    let (port, handle) = spawn_stub(Mock::new());
    let target = format!("target remote 127.0.0.1:{port}");
    let out = run_gdb_interactive(&[
        "set architecture ia64-elf64",
        "set confirm off",
        &target,
        "continue &",
        "#sleep 300",
        "interrupt",
        "#wait received signal SIGINT",
        "p/x $bsp",
        "quit",
    ]);
    let (mock, outcome) = handle.join().unwrap();
    assert!(out.contains("received signal SIGINT"), "{out}");
    assert_eq!(printed(&out), ["0x6000000000000238"], "{out}");
    assert!(
        mock.log.contains(&"interrupt".to_string()),
        "{:?}",
        mock.log
    );
    assert!(mock.executed > 0);
    assert_eq!(outcome, Ok(Outcome::Killed), "{out}");
}

/// `[MLX] nop.m 0x0; movl r8=0x123456789;;` (bytes from ia64-linux-gnu-as).
const MLX_BUNDLE: [u8; 16] = [
    0x05, 0x00, 0x00, 0x00, 0x01, 0x40, 0x23, 0x01, 0x00, 0x00, 0x00, 0x00, 0x91, 0xa0, 0x3c, 0x63,
];

/// gdb puts an L+X instruction at slot 1: it disassembles `movl` there, sends 'Z0' for
/// `…1`, and refuses a breakpoint at slot 2.
#[test]
fn gdb_breaks_an_lx_instruction_at_slot_1() {
    if !have_gdb() {
        return;
    }
    let mut mock = Mock::new();
    mock.mem[0].bytes[0x20..0x30].copy_from_slice(&MLX_BUNDLE);
    let (port, handle) = spawn_stub(mock);
    let script = format!(
        "{connect}x/2i {movl:#x}\nbreak *{movl:#x}\ncontinue\np/x $pc\nbreak *{x:#x}\ndetach\n",
        connect = connect_script(port),
        movl = CODE + 0x21,
        x = CODE + 0x22,
    );
    let out = run_gdb(&script);
    let (mock, _) = handle.join().unwrap();
    assert!(
        out.contains("0x4000000000000021:\t            movl r8=0x123456789"),
        "{out}"
    );
    assert_eq!(printed(&out), ["0x4000000000000021"], "{out}");
    assert!(
        out.contains("Can't insert breakpoint for non-existing slot X"),
        "{out}"
    );
    assert!(mock
        .log
        .contains(&"add_breakpoint 0x4000000000000021".to_string()));
}
