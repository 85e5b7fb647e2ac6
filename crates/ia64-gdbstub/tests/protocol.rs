//! The stub over raw remote-protocol packets against the mock backend: register layout on
//! the wire, unavailable registers, single and full register writes, breakpoint
//! bookkeeping, stepping, expedited registers, Ctrl-C, watchpoints, detach and exit.

mod common;

use common::*;
use ia64_gdbstub::{Outcome, WatchKind};

/// Handshake in no-ack mode, thread 1 selected for register and memory access.
fn start(mock: Mock) -> (Client, Session) {
    let (port, handle) = spawn_stub(mock);
    let mut c = Client::connect(port);
    c.s.write_all_plus();
    let sup = c.ask("qSupported:multiprocess+;swbreak+;hwbreak+;vContSupported+");
    assert!(sup.contains("PacketSize=4000"), "{sup}");
    assert!(
        sup.contains("swbreak+") && sup.contains("hwbreak+"),
        "{sup}"
    );
    assert!(
        !sup.contains("qXfer:features:read"),
        "no target description: {sup}"
    );
    assert_eq!(c.ask("QStartNoAckMode"), "OK");
    c.acks = false;
    assert_eq!(c.ask("Hgp1.1"), "OK");
    (c, handle)
}

trait Plus {
    fn write_all_plus(&mut self);
}

impl Plus for std::net::TcpStream {
    fn write_all_plus(&mut self) {
        use std::io::Write;
        self.write_all(b"+").unwrap();
    }
}

/// The value of register `reg` (hex number) in a stop reply (`None` if absent). Register
/// numbers are hex, possibly with leading zeros.
fn expedited(reply: &str, reg: &str) -> Option<String> {
    let want = usize::from_str_radix(reg, 16).unwrap();
    reply.split(';').find_map(|f| {
        let (key, value) = f.split_once(':')?;
        let key = key
            .strip_prefix("T05")
            .or(key.strip_prefix("T02"))
            .unwrap_or(key);
        (usize::from_str_radix(key, 16).ok()? == want).then(|| value.to_string())
    })
}

/// The expedited psr of a stop reply (little-endian hex).
fn psr_of(reply: &str) -> u64 {
    let hex = expedited(reply, "14c").expect("psr expedited");
    u64::from_str_radix(&hex, 16).unwrap().swap_bytes()
}

#[test]
fn g_reply_has_gdbs_raw_layout() {
    let (mut c, handle) = start(Mock::new());
    let g = c.ask("g");
    assert_eq!(g.len(), 9440, "4720 bytes as hex");
    // Offsets from rse-spec §10.1.
    assert_eq!(g_word(&g, 3832), Some(T1_BSP_END), "bsp");
    assert_eq!(g_word(&g, 3688), Some(T1_CFM), "cfm");
    assert_eq!(g_word(&g, 3672), Some(T1_IP), "ip");
    assert_eq!(g_word(&g, 3848), Some(T1_RNAT), "rnat");
    assert_eq!(g_word(&g, 4208), Some(T1_PFS), "pfs");
    assert_eq!(g_word(&g, 3824), Some(3), "rsc");
    assert_eq!(g_word(&g, 3664), Some(1), "pr");
    assert_eq!(g_word(&g, 96), Some(0x6000_0fff_ffff_f000), "r12");
    // Raw r32..r127, raw p0..p63, vfp and vrap are unavailable.
    assert!(g[512..2048].bytes().all(|b| b == b'x'));
    assert!(g[6144..7168].bytes().all(|b| b == b'x'));
    assert!(g[7296..7328].bytes().all(|b| b == b'x'));
    // f1 = 1.0 in the spill image.
    assert_eq!(&g[2080..2112], "0000000000000080ffff000000000000");
    c.ask("D");
    let (mock, outcome) = handle.join().unwrap();
    assert_eq!(outcome, Ok(Outcome::Detached));
    assert!(mock.detached && !mock.killed);
}

#[test]
fn single_registers_by_gdb_number() {
    let (mut c, handle) = start(Mock::new());
    assert_eq!(c.ask("p15f"), le_hex(T1_BSP_END));
    assert_eq!(c.ask("p14d"), le_hex(T1_CFM));
    assert_eq!(c.ask("p161"), le_hex(T1_RNAT));
    assert_eq!(c.ask("p20"), "x".repeat(16), "raw r32 unavailable");
    assert_eq!(c.ask("p81"), "0000000000000080ffff000000000000", "f1");
    assert_eq!(c.ask("Hgp1.2"), "OK");
    assert_eq!(c.ask("p15f"), le_hex(T2_BSP_END), "thread 2's bsp");
    // 'P' goes to the backend as it is.
    assert_eq!(c.ask("P14d=0b03000000000000"), "OK");
    assert_eq!(c.ask("p14d"), le_hex(0x30b));
    c.ask("D");
    let (mock, _) = handle.join().unwrap();
    assert!(mock
        .log
        .contains(&"write_reg 2 333 [0b, 03, 00, 00, 00, 00, 00, 00]".to_string()));
    assert_eq!(mock.regs(2).cfm, 0x30b);
}

#[test]
fn full_register_write_writes_only_changed_registers() {
    let (mut c, handle) = start(Mock::new());
    let g = c.ask("g");
    // Unavailable bytes as zeros (what gdb sends for them), pfs (offset 4208) changed.
    let mut hex: String = g.replace('x', "0");
    hex.replace_range(4208 * 2..4208 * 2 + 16, &le_hex(0x1234));
    assert_eq!(c.ask(&format!("G{hex}")), "OK");
    c.ask("D");
    let (mock, _) = handle.join().unwrap();
    let writes: Vec<&String> = mock
        .log
        .iter()
        .filter(|l| l.starts_with("write_reg"))
        .collect();
    assert_eq!(writes, ["write_reg 1 398 [34, 12, 00, 00, 00, 00, 00, 00]"]);
    assert_eq!(mock.regs(1).ar[64], 0x1234);
}

#[test]
fn memory_reads_reach_the_backing_store() {
    let (mut c, handle) = start(Mock::new());
    // r40 of §10.6 lives at 0x6000000000000228.
    assert_eq!(c.ask("m6000000000000228,8"), le_hex(0x1008));
    assert!(c.ask("m1000,8").starts_with('E'), "unmapped");
    assert_eq!(c.ask("M6000000000000228,8:5555000000000000"), "OK");
    c.ask("D");
    let (mock, _) = handle.join().unwrap();
    assert_eq!(mock.peek(0x6000_0000_0000_0228), Some(0x5555));
}

#[test]
fn breakpoints_are_kept_by_the_stub() {
    let (mut c, handle) = start(Mock::new());
    let bp = CODE + 0x82;
    assert_eq!(c.ask(&format!("Z0,{bp:x},0")), "OK");
    assert_eq!(c.ask(&format!("Z0,{bp:x},0")), "OK", "idempotent");
    assert_eq!(c.ask(&format!("Z1,{bp:x},0")), "OK");
    assert_eq!(c.ask(&format!("z0,{bp:x},0")), "OK");
    assert!(
        c.ask(&format!("Z0,{:x},0", CODE + 3)).starts_with('E'),
        "slot 3"
    );
    assert_eq!(c.ask("vCont?"), "vCont;c;C;s;S");
    // Continue: thread 1 runs into the (hardware) breakpoint.
    c.send_packet("vCont;c");
    let stop = c.read_packet();
    assert!(stop.starts_with("T05"), "{stop}");
    assert!(
        stop.contains("thread:p01.01;") || stop.contains("thread:p1.1;"),
        "{stop}"
    );
    assert!(stop.contains("hwbreak:;"), "{stop}");
    assert_eq!(expedited(&stop, "14b"), Some(le_hex(CODE + 0x80)), "ip");
    assert_eq!((psr_of(&stop) >> 41) & 3, 2, "slot 2");
    assert_eq!(expedited(&stop, "14d"), Some(le_hex(T1_CFM)));
    assert_eq!(expedited(&stop, "15f"), Some(le_hex(T1_BSP_END)));
    assert_eq!(expedited(&stop, "161"), Some(le_hex(T1_RNAT)));
    assert_eq!(c.ask(&format!("z1,{bp:x},0")), "OK");
    c.ask("D");
    let (mock, _) = handle.join().unwrap();
    let adds = mock
        .log
        .iter()
        .filter(|l| l.starts_with("add_breakpoint"))
        .count();
    let removes: Vec<&String> = mock
        .log
        .iter()
        .filter(|l| l.starts_with("remove_breakpoint"))
        .collect();
    assert_eq!(adds, 1, "{:?}", mock.log);
    assert_eq!(removes, [&format!("remove_breakpoint {bp:#x}")]);
    assert!(mock.breakpoints.is_empty());
}

#[test]
fn step_one_thread_at_slot_granularity() {
    let (mut c, handle) = start(Mock::new());
    c.send_packet("vCont;s:p1.2");
    let stop = c.read_packet();
    assert!(stop.starts_with("T05"), "{stop}");
    assert!(
        stop.contains(".02;") || stop.contains(".2;"),
        "thread 2: {stop}"
    );
    assert_eq!(expedited(&stop, "14b"), Some(le_hex(T2_IP)));
    assert_eq!((psr_of(&stop) >> 41) & 3, 1, "slot 1");
    c.ask("D");
    let (mock, _) = handle.join().unwrap();
    assert_eq!(mock.regs(1).pc(), T1_IP, "thread 1 did not move");
    assert!(
        mock.log.iter().any(|l| l.contains("Step")),
        "{:?}",
        mock.log
    );
}

#[test]
fn ctrl_c_stops_with_sigint_and_expedites() {
    let (mut c, handle) = start(Mock::new());
    c.send_packet("vCont;c");
    std::thread::sleep(std::time::Duration::from_millis(50));
    {
        use std::io::Write;
        c.s.write_all(&[0x03]).unwrap();
    }
    let stop = c.read_packet();
    assert!(stop.starts_with("T02"), "{stop}");
    assert!(expedited(&stop, "15f").is_some(), "{stop}");
    c.ask("D");
    let (mock, _) = handle.join().unwrap();
    assert!(mock.log.contains(&"interrupt".to_string()));
    assert!(mock.executed > 0);
}

#[test]
fn write_watchpoint_reports_the_address() {
    let (mut c, handle) = start(Mock::new());
    assert_eq!(c.ask(&format!("Z2,{DATA:x},8")), "OK");
    c.send_packet("vCont;c");
    let stop = c.read_packet();
    assert!(stop.starts_with("T05"), "{stop}");
    assert!(stop.contains(&format!("watch:{DATA:x};")), "{stop}");
    // The store at STORE_PC (slot 0) has executed: thread 1 is at slot 1.
    assert_eq!(expedited(&stop, "14b"), Some(le_hex(STORE_PC)));
    c.ask("D");
    let (mock, _) = handle.join().unwrap();
    assert!(mock.log.contains(&format!(
        "add_watchpoint {DATA:#x} 8 {:?}",
        WatchKind::Write
    )));
    assert!(mock.log.contains(&format!(
        "remove_watchpoint {DATA:#x} 8 {:?}",
        WatchKind::Write
    )));
    assert!(mock.watches.is_empty(), "cleared at detach");
    assert_eq!(mock.peek(DATA), Some(1));
}

#[test]
fn kill_ends_the_program() {
    let (mut c, handle) = start(Mock::new());
    assert_eq!(c.ask(&format!("Z0,{:x},0", CODE + 0x90)), "OK");
    c.send_packet("k");
    let (mock, outcome) = handle.join().unwrap();
    assert_eq!(outcome, Ok(Outcome::Killed));
    assert!(mock.killed && !mock.detached);
    assert!(mock.breakpoints.is_empty());
}

#[test]
fn exit_is_reported_and_ends_the_session() {
    let mut mock = Mock::new();
    mock.exit_after = Some(20);
    let (mut c, handle) = start(mock);
    c.send_packet("vCont;c");
    assert_eq!(c.read_packet(), "W05");
    let (_, outcome) = handle.join().unwrap();
    assert_eq!(outcome, Ok(Outcome::Exited(5)));
}

#[test]
fn lost_connection_detaches() {
    let (c, handle) = start(Mock::new());
    drop(c);
    let (mock, outcome) = handle.join().unwrap();
    assert_eq!(outcome, Ok(Outcome::ConnectionLost));
    assert!(mock.detached);
}
