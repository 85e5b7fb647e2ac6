//! Driving gdb-multiarch: in batch mode on a script, or interactively line by line.

use std::io::Read;
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

pub const GDB: &str = "gdb-multiarch";

/// Is gdb-multiarch runnable? Without it the test is skipped, unless oracles are required.
pub fn have_gdb() -> bool {
    let found = Command::new(GDB)
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !found {
        assert!(
            std::env::var("IA64EMU_REQUIRE_ORACLES").as_deref() != Ok("1"),
            "{GDB} is required (IA64EMU_REQUIRE_ORACLES=1) but not found"
        );
        eprintln!("skipping: {GDB} not found");
    }
    found
}

/// Runs gdb in batch mode on `commands` (one per line); kills it after 60 s. Returns
/// stdout and stderr together.
pub fn run_gdb(commands: &str) -> String {
    let dir = std::env::temp_dir().join(format!("ia64-gdbstub-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    let script = dir.join(format!("{}.gdb", NEXT.fetch_add(1, Ordering::Relaxed)));
    std::fs::write(&script, commands).unwrap();
    let mut child = Command::new(GDB)
        .args(["-nx", "-batch", "-x"])
        .arg(&script)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(60);
    while child.try_wait().unwrap().is_none() {
        if Instant::now() > deadline {
            child.kill().unwrap();
            break;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let mut out = String::new();
    child
        .stdout
        .take()
        .unwrap()
        .read_to_string(&mut out)
        .unwrap();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut out)
        .unwrap();
    let _ = std::fs::remove_file(&script);
    out
}

/// Runs gdb with `lines` fed on its standard input, as a user would type them (gdb handles
/// asynchronous stops between input lines, which `-batch` scripts do not). A line
/// `#sleep MS` pauses; `#wait TEXT` waits until gdb's output contains TEXT (at most 30 s).
/// Kills gdb after 60 s. Returns stdout and stderr together.
pub fn run_gdb_interactive(lines: &[&str]) -> String {
    use std::io::Write;
    use std::sync::{Arc, Mutex};
    let mut child = Command::new(GDB)
        .args(["-nx", "-q"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let seen = Arc::new(Mutex::new(String::new()));
    let reader = {
        let seen = Arc::clone(&seen);
        let mut stdout = child.stdout.take().unwrap();
        std::thread::spawn(move || {
            let mut buf = [0u8; 4096];
            while let Ok(n) = stdout.read(&mut buf) {
                if n == 0 {
                    break;
                }
                seen.lock()
                    .unwrap()
                    .push_str(&String::from_utf8_lossy(&buf[..n]));
            }
        })
    };
    let mut stdin = child.stdin.take().unwrap();
    for line in lines {
        if let Some(ms) = line.strip_prefix("#sleep ") {
            std::thread::sleep(Duration::from_millis(ms.parse().unwrap()));
        } else if let Some(text) = line.strip_prefix("#wait ") {
            let deadline = Instant::now() + Duration::from_secs(30);
            while !seen.lock().unwrap().contains(text) && Instant::now() < deadline {
                std::thread::sleep(Duration::from_millis(10));
            }
        } else {
            writeln!(stdin, "{line}").unwrap();
        }
    }
    drop(stdin);
    let deadline = Instant::now() + Duration::from_secs(60);
    while child.try_wait().unwrap().is_none() {
        if Instant::now() > deadline {
            child.kill().unwrap();
            break;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    reader.join().unwrap();
    let mut out = seen.lock().unwrap().clone();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut out)
        .unwrap();
    out
}

/// The value printed for `$N = …` lines, in order.
pub fn printed(out: &str) -> Vec<String> {
    out.lines()
        .map(|l| l.trim_start_matches("(gdb) "))
        .filter(|l| l.starts_with('$'))
        .filter_map(|l| l.split_once(" = ").map(|(_, v)| v.trim().to_string()))
        .collect()
}
