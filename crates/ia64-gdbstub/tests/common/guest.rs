//! Guest programs under the real kernel: an in-process `ia64emu gdb` (the kernel, the
//! [`KernelBackend`] and the stub on a loopback port), the ELF facts the tests compute their
//! expectations from (symbols, entry point), and the register-stack address walk.

use std::net::TcpListener;
use std::path::PathBuf;
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use ia64_cpu::exec::NoTrace;
use ia64_gdbstub::{KernelBackend, Outcome};
use ia64_guest_kernel::coherence::RseSync;
use ia64_guest_kernel::kernel::{Config, Kernel};
use ia64_machine::console::Console;
use ia64_machine::loader::ProcessSpec;

/// A committed guest program.
pub fn program(name: &str) -> PathBuf {
    PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../test-programs/bin"
    ))
    .join(name)
}

/// The guest's source file.
pub fn source(name: &str) -> String {
    let p = PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../test-programs/src"
    ))
    .join(format!("{name}.s"));
    std::fs::read_to_string(p).expect("guest source")
}

/// The line of `name`.s whose text contains `marker` (1-based).
pub fn line_of(name: &str, marker: &str) -> usize {
    source(name)
        .lines()
        .position(|l| l.contains(marker) && !l.trim_start().starts_with("//"))
        .expect("marker line")
        + 1
}

fn u16_at(b: &[u8], o: usize) -> usize {
    u16::from_le_bytes([b[o], b[o + 1]]) as usize
}

fn u32_at(b: &[u8], o: usize) -> usize {
    u32::from_le_bytes(b[o..o + 4].try_into().unwrap()) as usize
}

fn u64_at(b: &[u8], o: usize) -> u64 {
    u64::from_le_bytes(b[o..o + 8].try_into().unwrap())
}

/// The value of symbol `sym` in ELF64 little-endian `elf` (read from its .symtab).
pub fn symbol(elf: &[u8], sym: &str) -> u64 {
    let shoff = u64_at(elf, 0x28) as usize;
    let (shentsize, shnum) = (u16_at(elf, 0x3a), u16_at(elf, 0x3c));
    for i in 0..shnum {
        let sh = shoff + i * shentsize;
        if u32_at(elf, sh + 4) != 2 {
            continue; // SHT_SYMTAB
        }
        let (off, size) = (
            u64_at(elf, sh + 0x18) as usize,
            u64_at(elf, sh + 0x20) as usize,
        );
        let strsh = shoff + u32_at(elf, sh + 0x28) * shentsize;
        let stroff = u64_at(elf, strsh + 0x18) as usize;
        for s in (off..off + size).step_by(24) {
            let name = stroff + u32_at(elf, s);
            let end = name + elf[name..].iter().position(|&c| c == 0).unwrap();
            if &elf[name..end] == sym.as_bytes() {
                return u64_at(elf, s + 8);
            }
        }
    }
    panic!("no symbol {sym}");
}

/// The ELF entry point.
pub fn entry(elf: &[u8]) -> u64 {
    u64_at(elf, 0x18)
}

/// The address `k` register slots from `a` (k may be negative), walking slot by slot and
/// skipping NaT collection slots (address bits 8:3 all ones).
pub fn skip(a: u64, k: i64) -> u64 {
    let is_nat = |a: u64| (a >> 3) & 0x3f == 0x3f;
    let mut a = a;
    let mut left = k.unsigned_abs();
    while left > 0 {
        if k > 0 {
            a += 8;
        } else {
            a -= 8;
        }
        if !is_nat(a) {
            left -= 1;
        }
    }
    if k >= 0 && is_nat(a) {
        a += 8;
    }
    a
}

/// A kernel running `name` with `args`.
pub fn kernel(name: &str, args: &[&str], rse_sync: RseSync, cpus: usize) -> Kernel {
    let path = program(name);
    let elf = std::fs::read(&path).expect("guest program");
    let mut argv = vec![path.display().to_string()];
    argv.extend(args.iter().map(|s| s.to_string()));
    let config = Config {
        rse_sync,
        cpus,
        // A runaway guest ends the test instead of hanging it.
        max_insns: Some(4_000_000_000),
        ..Config::default()
    };
    Kernel::new(&elf, &ProcessSpec::new(argv), config, Console::capture()).expect("kernel")
}

/// How a served program ended.
#[derive(Debug)]
pub struct End {
    /// The session's outcome.
    pub outcome: Result<Outcome, String>,
    /// Guest stdout (the program runs to its end after a detach).
    pub stdout: String,
    /// The program's exit status (128 + signal when killed).
    pub status: Option<i32>,
}

/// The thread serving one gdb session for a program.
pub type Server = JoinHandle<End>;

/// Serve `name` to one gdb connection on a free loopback port, as `ia64emu gdb` does.
pub fn serve(name: &str, args: &[&str], rse_sync: RseSync, cpus: usize) -> (u16, Server) {
    let (name, args): (String, Vec<String>) =
        (name.into(), args.iter().map(|s| s.to_string()).collect());
    let exec = program(&name)
        .canonicalize()
        .ok()
        .map(|p| p.display().to_string());
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let handle = std::thread::spawn(move || {
        // The kernel is not `Send` (its standard input): it is built on the serving thread.
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let k = kernel(&name, &args, rse_sync, cpus);
        let mut b = KernelBackend::new(k, exec).expect("gdb attach");
        listener.set_nonblocking(true).unwrap();
        let deadline = Instant::now() + Duration::from_secs(60);
        let conn = loop {
            match listener.accept() {
                Ok((c, _)) => break Some(c),
                Err(_) if Instant::now() < deadline => {
                    std::thread::sleep(Duration::from_millis(10))
                }
                Err(_) => break None,
            }
        };
        let outcome = match conn {
            Some(c) => {
                c.set_nonblocking(false).unwrap();
                c.set_read_timeout(Some(Duration::from_secs(60))).unwrap();
                ia64_gdbstub::serve_on(
                    &mut b,
                    ia64_gdbstub::TcpConnection(c),
                    ia64_gdbstub::DEFAULT_BUDGET,
                )
                .map_err(|e| e.to_string())
            }
            None => Err("no connection within 60 s".into()),
        };
        let status = b.kernel.run(&mut NoTrace).ok().map(|r| r.outcome.status());
        let (out, _) = b.kernel.console.take();
        End {
            outcome,
            stdout: String::from_utf8_lossy(&out).into_owned(),
            status,
        }
    });
    (port, handle)
}

/// gdb's first commands: no pagination or confirmation, the program file, the connection.
pub fn connect(name: &str, port: u16) -> String {
    format!(
        "set pagination off\nset confirm off\ndirectory {}\nfile {}\ntarget remote 127.0.0.1:{port}\n",
        concat!(env!("CARGO_MANIFEST_DIR"), "/../.."),
        program(name).display()
    )
}
