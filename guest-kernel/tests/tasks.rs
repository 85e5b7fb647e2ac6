//! Host-side checks of the task machinery: the syscall work flags on the syscall path,
//! preemption of two threads on one vCPU, determinism of the SMP interleaving, deadlock
//! reporting, and the per-task counters.

use ia64_cpu::exec::NoTrace;
use ia64_guest_kernel::kernel::{Config, Kernel, KernelError, Outcome, RunResult, INIT_PID};
use ia64_guest_kernel::work::SyscallWork;
use ia64_machine::console::Console;
use ia64_machine::loader::ProcessSpec;

fn load(name: &str, config: Config) -> Kernel {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../test-programs/bin/");
    let elf = std::fs::read(format!("{path}{name}")).expect("program");
    Kernel::new(&elf, &ProcessSpec::new([name]), config, Console::capture()).expect("load")
}

fn run(k: &mut Kernel) -> RunResult {
    k.run(&mut NoTrace).expect("run")
}

fn set_work(k: &mut Kernel, bit: SyscallWork) {
    let t = k.tasks.get_mut(&INIT_PID).expect("init task");
    t.work.syscall_work.set(bit);
}

#[test]
fn audit_writes_one_record_at_each_syscall_entry_and_exit() {
    let mut k = load("hello", Config::default());
    set_work(&mut k, SyscallWork::Audit);
    let r = run(&mut k);
    assert_eq!(r.outcome, Outcome::Exited(0));
    assert_eq!(k.console.stdout(), b"Hello from IA-64!\n");
    // Every syscall writes an entry and an exit record, except exit_group (entry only: it
    // never returns).
    assert!(k.stats.syscalls >= 2);
    assert_eq!(k.stats.audit_records, 2 * k.stats.syscalls - 1);
}

#[test]
fn sysemu_skips_every_syscall_with_enosys() {
    let config = Config {
        max_insns: Some(20_000),
        ..Config::default()
    };
    let mut k = load("hello", config);
    set_work(&mut k, SyscallWork::Emu);
    let r = run(&mut k);
    assert_eq!(k.console.stdout(), b"", "write was not run");
    assert_eq!(k.stats.syscalls, 0, "no syscall was dispatched");
    assert!(k.stats.entries >= 2, "the program kept trying");
    assert!(
        matches!(
            r.outcome,
            Outcome::Killed { signal: 24, .. }
                | Outcome::Killed { signal: 11, .. }
                | Outcome::Killed { signal: 4, .. }
        ),
        "{:?}",
        r.outcome
    );
}

#[test]
fn single_step_at_syscall_exit_sends_sigtrap() {
    let mut k = load("hello", Config::default());
    set_work(&mut k, SyscallWork::SingleStep);
    let r = run(&mut k);
    assert_eq!(k.console.stdout(), b"Hello from IA-64!\n", "the write ran");
    match r.outcome {
        Outcome::Killed { signal: 5, .. } => {}
        other => panic!("expected SIGTRAP after the first syscall, got {other:?}"),
    }
}

#[test]
fn two_threads_on_one_vcpu_are_preempted_by_the_timer() {
    let config = Config {
        tick: 100_000,
        ..Config::default()
    };
    let mut k = load("threads-futex", config);
    let r = run(&mut k);
    assert_eq!(r.outcome, Outcome::Exited(0));
    let stats = k.task_stats();
    let preempted: u64 = stats.values().map(|t| t.preemptions).sum();
    assert!(preempted > 10, "preemptions {preempted}");
    for (tid, t) in &stats {
        assert!(t.krbs_flushed > 0 || t.switches == 0, "task {tid}: {t:?}");
    }
    let want = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../test-programs/expected/threads-futex.stdout"
    ))
    .expect("expected");
    assert_eq!(k.console.stdout(), want.as_slice());
}

#[test]
fn smp_runs_are_deterministic_and_migrate() {
    let config = || Config {
        cpus: 2,
        ..Config::default()
    };
    let mut a = load("spin-threads", config());
    let mut b = load("spin-threads", config());
    let (ra, rb) = (run(&mut a), run(&mut b));
    assert_eq!(ra.outcome, Outcome::Exited(0));
    assert_eq!(ra.outcome, rb.outcome);
    assert_eq!(a.console.stdout(), b.console.stdout());
    assert_eq!(a.task_stats(), b.task_stats());
    assert_eq!(a.sched.stats, b.sched.stats);
    let migrations: u64 = a.task_stats().values().map(|t| t.migrations).sum();
    assert!(migrations >= 2, "migrations {migrations}");
    assert!(a.sched.stats.iter().all(|c| c.instructions > 1_000_000));
}

#[test]
fn the_same_program_on_one_to_four_vcpus_prints_the_same() {
    let mut outs = Vec::new();
    for cpus in 1..=4 {
        let mut k = load(
            "threads-futex",
            Config {
                cpus,
                ..Config::default()
            },
        );
        let r = run(&mut k);
        assert_eq!(r.outcome, Outcome::Exited(0), "{cpus} vCPUs");
        outs.push(k.console.stdout().to_vec());
    }
    assert!(outs.windows(2).all(|w| w[0] == w[1]));
}

#[test]
fn invalid_cpu_counts_are_a_host_error() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../test-programs/bin/hello");
    let elf = std::fs::read(path).expect("program");
    let e = Kernel::new(
        &elf,
        &ProcessSpec::new(["hello"]),
        Config {
            cpus: 0,
            ..Config::default()
        },
        Console::capture(),
    );
    assert!(matches!(e, Err(KernelError::Config(_))));
}
