//! `ia64emu gdb --listen` and `ia64emu run --gdb` as a user starts them: the "listening on"
//! line (port 0 picks a free port), a session over TCP, the exit status and stdout.
//!
//! Two sessions need nothing but the emulator (the remote protocol spoken by hand: kill, and
//! detach that lets the program run to its end); one drives `gdb-multiarch` (skipped with a
//! printed reason when it is missing, failing instead under `IA64EMU_REQUIRE_ORACLES=1`).

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStderr, Command, Output, Stdio};
use std::time::Duration;

fn root() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
}

fn program(name: &str) -> PathBuf {
    root().join("test-programs/bin").join(name)
}

/// The expected stdout of `gdb-recurse` (its source header): `rec D: r34 = D*256 + 2` for D =
/// 30 down to 1, then the word the leaf stored.
fn recurse_stdout() -> String {
    let mut s = String::new();
    for d in (1..=30u64).rev() {
        s += &format!("rec {d}: r34 = {}\n", d * 256 + 2);
    }
    s + "g_word = 0x000000000000bef0\n"
}

/// Starts `ia64emu ARGS`, waits for its "listening on ADDR" line and returns the process, the
/// address and the rest of stderr.
fn start(args: &[&str]) -> (Child, String, BufReader<ChildStderr>) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_ia64emu"))
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start ia64emu");
    let mut err = BufReader::new(child.stderr.take().expect("stderr"));
    let mut line = String::new();
    err.read_line(&mut line).expect("read stderr");
    let addr = line
        .trim()
        .strip_prefix("listening on ")
        .unwrap_or_else(|| panic!("first stderr line: {line:?}"))
        .to_string();
    assert!(
        !addr.ends_with(":0"),
        "the real port is printed, not 0: {addr}"
    );
    (child, addr, err)
}

/// Waits for the process (at most 60 s) and returns its output.
fn finish(mut child: Child, mut err: BufReader<ChildStderr>) -> (Output, String) {
    let mut rest = String::new();
    let _ = err.read_to_string(&mut rest);
    for _ in 0..600 {
        if child.try_wait().expect("wait").is_some() {
            break;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    if child.try_wait().expect("wait").is_none() {
        let _ = child.kill();
        panic!("ia64emu did not end; stderr: {rest}");
    }
    (child.wait_with_output().expect("output"), rest)
}

/// One remote-protocol packet with its checksum.
fn packet(body: &str) -> Vec<u8> {
    let sum = body.bytes().fold(0u8, |a, b| a.wrapping_add(b));
    format!("${body}#{sum:02x}").into_bytes()
}

/// Sends `body` and returns the reply's body (acks skipped, reply acknowledged).
fn exchange(conn: &mut TcpStream, body: &str) -> String {
    conn.write_all(&packet(body)).expect("send");
    let mut reply = Vec::new();
    let mut byte = [0u8; 1];
    let mut in_packet = false;
    loop {
        conn.read_exact(&mut byte).expect("reply");
        match byte[0] {
            b'$' if !in_packet => in_packet = true,
            b'#' if in_packet => {
                let mut sum = [0u8; 2];
                conn.read_exact(&mut sum).expect("checksum");
                conn.write_all(b"+").expect("ack");
                return String::from_utf8_lossy(&reply).into_owned();
            }
            b if in_packet => reply.push(b),
            _ => {}
        }
    }
}

fn connect(addr: &str) -> TcpStream {
    let conn = TcpStream::connect(addr).expect("connect to the stub");
    conn.set_read_timeout(Some(Duration::from_secs(60)))
        .expect("timeout");
    conn
}

#[test]
fn gdb_listen_on_port_0_then_kill_ends_with_sigkill_status() {
    let prog = program("gdb-recurse");
    let (child, addr, err) = start(&["gdb", "--listen", "127.0.0.1:0", prog.to_str().unwrap()]);
    let mut conn = connect(&addr);
    // The program is stopped at its first instruction: the entry point, slot 0.
    let stop = exchange(&mut conn, "?");
    assert!(stop.starts_with('T'), "stop reply: {stop}");
    assert_eq!(exchange(&mut conn, "vKill;1"), "OK");
    drop(conn);
    let (out, rest) = finish(child, err);
    assert_eq!(out.status.code(), Some(128 + 9), "stderr: {rest}");
    assert!(out.stdout.is_empty(), "killed before printing anything");
}

#[test]
fn run_gdb_detach_lets_the_program_finish_with_its_output() {
    let prog = program("gdb-recurse");
    let (child, addr, err) = start(&[
        "run",
        "--gdb",
        "127.0.0.1:0",
        "--rse-sync",
        "eager",
        prog.to_str().unwrap(),
    ]);
    let mut conn = connect(&addr);
    assert!(exchange(&mut conn, "?").starts_with('T'));
    assert_eq!(exchange(&mut conn, "D"), "OK");
    drop(conn);
    let (out, rest) = finish(child, err);
    assert_eq!(out.status.code(), Some(0), "stderr: {rest}");
    assert_eq!(String::from_utf8_lossy(&out.stdout), recurse_stdout());
}

/// Is gdb-multiarch runnable? Without it the test is skipped, unless oracles are required.
fn have_gdb() -> bool {
    let found = Command::new("gdb-multiarch")
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !found {
        assert!(
            std::env::var("IA64EMU_REQUIRE_ORACLES").as_deref() != Ok("1"),
            "gdb-multiarch is required (IA64EMU_REQUIRE_ORACLES=1) but not found"
        );
        eprintln!("skipping: gdb-multiarch not found");
    }
    found
}

#[test]
fn gdb_multiarch_against_the_command_line_stub() {
    if !have_gdb() {
        return;
    }
    let prog = program("gdb-recurse");
    let prog = prog.to_str().unwrap();
    let (child, addr, err) = start(&["gdb", "--listen", "127.0.0.1:0", prog]);
    // Break on the bottom frame's call of leaf (d = 30), read its stacked registers, change
    // r34 and let the program print it.
    let gdb = Command::new("gdb-multiarch")
        .args(["-nx", "-batch", prog])
        .args(["-ex", &format!("target remote {addr}")])
        .args(["-ex", "break leaf", "-ex", "continue", "-ex", "up"])
        .args(["-ex", "p $r32", "-ex", "p/x $r33", "-ex", "p/x $cfm"])
        .args(["-ex", "set var $r34 = 99", "-ex", "delete"])
        .args(["-ex", "continue"])
        .stdin(Stdio::null())
        .output()
        .expect("run gdb-multiarch");
    let text =
        String::from_utf8_lossy(&gdb.stdout).into_owned() + &String::from_utf8_lossy(&gdb.stderr);
    let (out, rest) = finish(child, err);
    // Frame 1 is rec(30): r32 = 30, r33 = 30*0x100 + 1. gdb shows a caller's CFM as the
    // ar.pfs its callee saved: sof 7, sol 6 (0x307) with pfs.ppl = 3 (user mode) in bits 63:62.
    assert!(text.contains("= 30\n"), "r32 of rec(30):\n{text}");
    assert!(text.contains("= 0x1e01\n"), "r33 of rec(30):\n{text}");
    assert!(
        text.contains("= 0xc000000000000307\n"),
        "cfm of rec(30):\n{text}"
    );
    assert_eq!(out.status.code(), Some(0), "stderr: {rest}\ngdb:\n{text}");
    let expected = recurse_stdout().replace("rec 30: r34 = 7682", "rec 30: r34 = 99");
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        expected,
        "gdb:\n{text}"
    );
}
