//! Test support: a mock backend with two threads, flat fake memory holding their register
//! backing stores (rse-spec §10.6), and a minimal gdb remote protocol client.
#![allow(dead_code)]

pub mod gdb;
pub mod guest;

use std::collections::BTreeSet;
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::thread::JoinHandle;
use std::time::Duration;

use ia64_gdbstub::regs::{ar, Ia64Regs};
use ia64_gdbstub::{
    Backend, BackendError, Outcome, ResumeHow, RunEvent, StopReason, ThreadAction, WatchKind,
};

/// Code: 64 bundles of `[MII] nop.m 0; nop.i 0; nop.i 0;;` (bytes from ia64-linux-gnu-as).
pub const CODE: u64 = 0x4000_0000_0000_0000;
pub const CODE_LEN: usize = 0x400;
pub const NOP_BUNDLE: [u8; 16] = [
    0x01, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x02, 0x00, 0x00, 0x00, 0x00, 0x04, 0x00,
];
/// Register backing stores of both threads.
pub const RBS: u64 = 0x6000_0000_0000_0000;
pub const RBS_LEN: usize = 0x1000;
/// Data word thread 1 stores to at `STORE_PC`.
pub const DATA: u64 = 0x6000_0000_0001_0000;
pub const DATA_LEN: usize = 0x100;
/// Thread 1 loops over CODE..CODE+0x200 and "executes" `st8 [DATA] = counter` at this slot.
pub const STORE_PC: u64 = CODE + 0x40;

/// Thread 1's frame (rse-spec §10.6): sof 10, sol 6, end of frame 0x6000000000000238.
pub const T1_BSP_END: u64 = 0x6000_0000_0000_0238;
pub const T1_CFM: u64 = 0x30a;
pub const T1_IP: u64 = CODE + 0x10;
/// Thread 2's frame: sof 3, sol 2, end of frame RBS + 0x818; r32.. = 0x2000..
pub const T2_BSP_END: u64 = 0x6000_0000_0000_0818;
pub const T2_CFM: u64 = (2 << 7) | 3;
pub const T2_IP: u64 = CODE + 0x200;
/// Thread 1's rnat and pfs.
pub const T1_RNAT: u64 = 0x0000_0000_0000_0021;
pub const T1_PFS: u64 = 0xc000_0000_0000_0185;

/// Address of the stacked register `k` slots (k ≥ 0) above `bof`, walking slot by slot
/// and skipping NaT collection slots (address bits 8:3 all ones) — independent of any
/// closed-form formula.
pub fn slot_addr(bof: u64, k: u64) -> u64 {
    let mut a = bof;
    let mut left = k;
    while left > 0 || (a >> 3) & 0x3f == 0x3f {
        if (a >> 3) & 0x3f != 0x3f {
            left -= 1;
        }
        a += 8;
    }
    a
}

/// The start of the frame that ends at `end` and holds `sof` registers, walking down slot
/// by slot.
pub fn bof_of(end: u64, sof: u64) -> u64 {
    let mut a = end;
    let mut left = sof;
    while left > 0 {
        a -= 8;
        if (a >> 3) & 0x3f != 0x3f {
            left -= 1;
        }
    }
    a
}

pub struct Region {
    pub base: u64,
    pub bytes: Vec<u8>,
}

pub struct Mock {
    pub threads: Vec<(u64, Ia64Regs)>,
    pub mem: Vec<Region>,
    pub breakpoints: BTreeSet<u64>,
    pub watches: Vec<(u64, u64, WatchKind)>,
    pub how: ResumeHow,
    pub counter: u64,
    /// Exit with status 5 after this many executed slots, if set.
    pub exit_after: Option<u64>,
    pub executed: u64,
    pub log: Vec<String>,
    pub killed: bool,
    pub detached: bool,
    pub exec_file: Option<String>,
}

fn base_regs(ip: u64, cfm: u64, bsp_end: u64, bspstore: u64) -> Ia64Regs {
    let mut r = Ia64Regs::default();
    r.ip = ip;
    r.psr = (1 << 44) | (1 << 36) | (3 << 32) | (1 << 13); // bn, it, cpl 3, ic
    r.cfm = cfm;
    r.pr = 1;
    r.gr[1] = 0x6000_0000_0002_0000;
    r.gr[12] = 0x6000_0fff_ffff_f000;
    r.br[0] = CODE + 0x3f0;
    r.ar[ar::RSC] = 3;
    r.ar[ar::BSP] = bsp_end;
    r.ar[ar::BSPSTORE] = bspstore;
    r.ar[ar::FPSR] = 0x0009_804c_0270_033f;
    r.fr[1] = (0xffffu128 << 64) | (1u128 << 63); // 1.0
    r.fr[2] = (1u128 << 81) | (0x10000u128 << 64) | 0xa000_0000_0000_0000; // -2.5
    r
}

impl Mock {
    pub fn new() -> Mock {
        let mut code = Vec::with_capacity(CODE_LEN);
        while code.len() < CODE_LEN {
            code.extend_from_slice(&NOP_BUNDLE);
        }
        let mut t1 = base_regs(T1_IP, T1_CFM, T1_BSP_END, RBS + 0x100);
        t1.ar[ar::RNAT] = T1_RNAT;
        t1.ar[ar::PFS] = T1_PFS;
        let t2 = base_regs(T2_IP, T2_CFM, T2_BSP_END, RBS + 0x800);
        let mut mock = Mock {
            threads: vec![(1, t1), (2, t2)],
            mem: vec![
                Region {
                    base: CODE,
                    bytes: code,
                },
                Region {
                    base: RBS,
                    bytes: vec![0; RBS_LEN],
                },
                Region {
                    base: DATA,
                    bytes: vec![0; DATA_LEN],
                },
            ],
            breakpoints: BTreeSet::new(),
            watches: Vec::new(),
            how: ResumeHow::default(),
            counter: 0,
            exit_after: None,
            executed: 0,
            log: Vec::new(),
            killed: false,
            detached: false,
            exec_file: None,
        };
        // r32..r41 of thread 1 = 0x1000.., r32..r34 of thread 2 = 0x2000..
        let bof1 = bof_of(T1_BSP_END, 10);
        for k in 0..10 {
            mock.poke(slot_addr(bof1, k), 0x1000 + k);
        }
        let bof2 = bof_of(T2_BSP_END, 3);
        for k in 0..3 {
            mock.poke(slot_addr(bof2, k), 0x2000 + k);
        }
        // A NaT collection word in thread 1's frame (slot 63 at 0x1f8).
        mock.poke(RBS + 0x1f8, 1 << 61);
        mock
    }

    pub fn peek(&self, addr: u64) -> Option<u64> {
        let mut b = [0u8; 8];
        self.copy_out(addr, &mut b).filter(|&n| n == 8)?;
        Some(u64::from_le_bytes(b))
    }

    pub fn poke(&mut self, addr: u64, v: u64) {
        self.copy_in(addr, &v.to_le_bytes()).unwrap();
    }

    fn region(&self, addr: u64) -> Option<(usize, usize)> {
        self.mem.iter().enumerate().find_map(|(i, r)| {
            let off = addr.checked_sub(r.base)?;
            ((off as usize) < r.bytes.len()).then_some((i, off as usize))
        })
    }

    fn copy_out(&self, addr: u64, buf: &mut [u8]) -> Option<usize> {
        let (i, off) = self.region(addr)?;
        let src = &self.mem[i].bytes[off..];
        let n = src.len().min(buf.len());
        buf[..n].copy_from_slice(&src[..n]);
        Some(n)
    }

    fn copy_in(&mut self, addr: u64, data: &[u8]) -> Option<()> {
        if data.is_empty() {
            return Some(());
        }
        let (i, off) = self.region(addr)?;
        let dst = self.mem[i].bytes.get_mut(off..off + data.len())?;
        dst.copy_from_slice(data);
        Some(())
    }

    pub fn regs(&self, tid: u64) -> &Ia64Regs {
        &self.threads.iter().find(|(t, _)| *t == tid).unwrap().1
    }

    fn regs_mut(&mut self, tid: u64) -> Option<&mut Ia64Regs> {
        self.threads
            .iter_mut()
            .find(|(t, _)| *t == tid)
            .map(|(_, r)| r)
    }

    /// Executes one slot of thread `idx`; returns a watch hit, if any.
    fn exec_slot(&mut self, idx: usize) -> Option<StopReason> {
        self.executed += 1;
        let (tid, regs) = &mut self.threads[idx];
        let pc = regs.pc();
        let (lo, hi) = if *tid == 1 {
            (CODE, CODE + 0x200)
        } else {
            (CODE + 0x200, CODE + 0x400)
        };
        let slot = regs.slot();
        if slot < 2 {
            regs.psr = (regs.psr & !(3 << 41)) | ((slot + 1) << 41);
        } else {
            regs.psr &= !(3 << 41);
            regs.ip = if regs.ip + 16 >= hi { lo } else { regs.ip + 16 };
        }
        if pc != STORE_PC {
            return None;
        }
        self.counter += 1;
        let v = self.counter;
        self.poke(DATA, v);
        let hit = self
            .watches
            .iter()
            .any(|&(a, l, k)| k != WatchKind::Read && a < DATA + 8 && DATA < a + l);
        hit.then_some(StopReason::Watch {
            kind: WatchKind::Write,
            addr: DATA,
        })
    }
}

impl Backend for Mock {
    fn threads(&mut self) -> Vec<u64> {
        self.threads.iter().map(|(t, _)| *t).collect()
    }

    fn read_regs(&mut self, tid: u64, regs: &mut Ia64Regs) -> Result<(), BackendError> {
        *regs = self
            .threads
            .iter()
            .find(|(t, _)| *t == tid)
            .ok_or(BackendError::NoThread)?
            .1
            .clone();
        Ok(())
    }

    fn write_reg(&mut self, tid: u64, regnum: usize, bytes: &[u8]) -> Result<(), BackendError> {
        self.log
            .push(format!("write_reg {tid} {regnum} {bytes:02x?}"));
        let regs = self.regs_mut(tid).ok_or(BackendError::NoThread)?;
        regs.set_raw(regnum, bytes)
            .map_err(|_| BackendError::Invalid)
    }

    fn read_mem(&mut self, _tid: u64, addr: u64, buf: &mut [u8]) -> Result<usize, BackendError> {
        self.copy_out(addr, buf).ok_or(BackendError::Fault)
    }

    fn write_mem(&mut self, _tid: u64, addr: u64, data: &[u8]) -> Result<(), BackendError> {
        if !data.is_empty() {
            self.log.push(format!("write_mem {addr:#x} {}", data.len()));
        }
        self.copy_in(addr, data).ok_or(BackendError::Fault)
    }

    fn resume(&mut self, how: &ResumeHow) -> Result<(), BackendError> {
        self.log.push(format!("resume {how:?}"));
        self.how = how.clone();
        Ok(())
    }

    fn run(&mut self, budget: u64) -> RunEvent {
        if let Some(tid) = self.how.stepping() {
            let Some(idx) = self.threads.iter().position(|(t, _)| *t == tid) else {
                return RunEvent::Stopped {
                    tid,
                    reason: StopReason::Signal(5),
                };
            };
            let reason = self.exec_slot(idx).unwrap_or(StopReason::Step);
            return RunEvent::Stopped { tid, reason };
        }
        for _ in 0..budget {
            for idx in 0..self.threads.len() {
                let (tid, regs) = &self.threads[idx];
                let (tid, pc) = (*tid, regs.pc());
                if self.how.action(tid) != Some(ThreadAction::Continue) {
                    continue;
                }
                if self.exit_after.is_some_and(|n| self.executed >= n) {
                    return RunEvent::Exited(5);
                }
                if self.breakpoints.contains(&pc) {
                    return RunEvent::Stopped {
                        tid,
                        reason: StopReason::Breakpoint { addr: pc },
                    };
                }
                if let Some(reason) = self.exec_slot(idx) {
                    return RunEvent::Stopped { tid, reason };
                }
            }
        }
        RunEvent::Budget
    }

    fn interrupt(&mut self) -> u64 {
        self.log.push("interrupt".into());
        1
    }

    fn add_breakpoint(&mut self, addr: u64) -> Result<(), BackendError> {
        self.log.push(format!("add_breakpoint {addr:#x}"));
        self.breakpoints.insert(addr);
        Ok(())
    }

    fn remove_breakpoint(&mut self, addr: u64) -> Result<(), BackendError> {
        self.log.push(format!("remove_breakpoint {addr:#x}"));
        self.breakpoints.remove(&addr);
        Ok(())
    }

    fn add_watchpoint(&mut self, addr: u64, len: u64, kind: WatchKind) -> Result<(), BackendError> {
        self.log
            .push(format!("add_watchpoint {addr:#x} {len} {kind:?}"));
        self.watches.push((addr, len, kind));
        Ok(())
    }

    fn remove_watchpoint(
        &mut self,
        addr: u64,
        len: u64,
        kind: WatchKind,
    ) -> Result<(), BackendError> {
        self.log
            .push(format!("remove_watchpoint {addr:#x} {len} {kind:?}"));
        self.watches.retain(|w| *w != (addr, len, kind));
        Ok(())
    }

    fn exec_file(&mut self) -> Option<String> {
        self.exec_file.clone()
    }

    fn kill(&mut self) {
        self.log.push("kill".into());
        self.killed = true;
    }

    fn detach(&mut self) {
        self.log.push("detach".into());
        self.detached = true;
    }
}

/// The thread serving a session: yields the mock and the outcome.
pub type Session = JoinHandle<(Mock, Result<Outcome, String>)>;

/// Starts a stub serving `mock` on a free loopback port; returns the port and the thread
/// that yields the mock and the outcome when the session ends.
pub fn spawn_stub(mut mock: Mock) -> (u16, Session) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let handle = std::thread::spawn(move || {
        listener.set_nonblocking(true).unwrap();
        let deadline = std::time::Instant::now() + Duration::from_secs(60);
        let conn = loop {
            match listener.accept() {
                Ok((c, _)) => break c,
                Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {
                    if std::time::Instant::now() > deadline {
                        return (mock, Err("no connection within 60 s".to_string()));
                    }
                    std::thread::sleep(Duration::from_millis(10));
                }
                Err(e) => return (mock, Err(e.to_string())),
            }
        };
        conn.set_nonblocking(false).unwrap();
        // A stub stuck in a blocking read fails the test instead of hanging it.
        conn.set_read_timeout(Some(Duration::from_secs(60)))
            .unwrap();
        let outcome = ia64_gdbstub::serve_on(&mut mock, ia64_gdbstub::TcpConnection(conn), 1000)
            .map_err(|e| e.to_string());
        (mock, outcome)
    });
    (port, handle)
}

/// A minimal remote protocol client.
pub struct Client {
    pub s: TcpStream,
    pub acks: bool,
}

impl Client {
    pub fn connect(port: u16) -> Client {
        let s = TcpStream::connect(("127.0.0.1", port)).unwrap();
        s.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
        Client { s, acks: true }
    }

    pub fn send_packet(&mut self, body: &str) {
        let sum = body.bytes().fold(0u8, |a, b| a.wrapping_add(b));
        self.s
            .write_all(format!("${body}#{sum:02x}").as_bytes())
            .unwrap();
        if self.acks {
            let mut ack = [0u8];
            self.s.read_exact(&mut ack).unwrap();
            assert_eq!(ack[0], b'+', "ack for {body}");
        }
    }

    /// Reads one packet and returns its body with run-length encoding expanded.
    pub fn read_packet(&mut self) -> String {
        let mut b = [0u8];
        loop {
            self.s.read_exact(&mut b).unwrap();
            if b[0] == b'$' {
                break;
            }
        }
        let mut raw = Vec::new();
        loop {
            self.s.read_exact(&mut b).unwrap();
            if b[0] == b'#' {
                break;
            }
            raw.push(b[0]);
        }
        let mut cs = [0u8; 2];
        self.s.read_exact(&mut cs).unwrap();
        let sum = raw.iter().fold(0u8, |a, b| a.wrapping_add(*b));
        let want = u8::from_str_radix(std::str::from_utf8(&cs).unwrap(), 16).unwrap();
        assert_eq!(sum, want, "checksum");
        if self.acks {
            self.s.write_all(b"+").unwrap();
        }
        expand_rle(&raw)
    }

    pub fn ask(&mut self, body: &str) -> String {
        self.send_packet(body);
        self.read_packet()
    }
}

/// Expands `c*n` (n − 29 more copies of c), the protocol's run-length encoding.
pub fn expand_rle(raw: &[u8]) -> String {
    let mut out = Vec::new();
    let mut i = 0;
    while i < raw.len() {
        if raw[i] == b'*' && i + 1 < raw.len() {
            let prev = *out.last().unwrap();
            for _ in 0..(raw[i + 1] - 29) {
                out.push(prev);
            }
            i += 2;
        } else {
            out.push(raw[i]);
            i += 1;
        }
    }
    String::from_utf8(out).unwrap()
}

/// Little-endian hex of a word, as 'p' and expedited registers carry it.
pub fn le_hex(v: u64) -> String {
    v.to_le_bytes().iter().map(|b| format!("{b:02x}")).collect()
}

/// Parses the 8-byte register at byte offset `off` of a 'g' reply.
pub fn g_word(g: &str, off: usize) -> Option<u64> {
    let hex = g.get(off * 2..off * 2 + 16)?;
    let mut bytes = [0u8; 8];
    for (i, b) in bytes.iter_mut().enumerate() {
        *b = u8::from_str_radix(&hex[i * 2..i * 2 + 2], 16).ok()?;
    }
    Some(u64::from_le_bytes(bytes))
}
