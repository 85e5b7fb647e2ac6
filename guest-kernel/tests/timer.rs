//! Timer interrupts enter and leave the kernel through the interruption path (`cover`, kernel
//! backing store, `loadrs`, `rfi`) between arbitrary instructions; the program cannot tell.

use ia64_cpu::exec::NoTrace;
use ia64_guest_kernel::kernel::{Config, Kernel, Outcome};
use ia64_machine::console::Console;
use ia64_machine::loader::ProcessSpec;

fn run(name: &str, tick: u64) -> (Kernel, ia64_guest_kernel::RunResult) {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../test-programs/bin/");
    let elf = std::fs::read(format!("{path}{name}")).expect("program");
    let config = Config {
        tick,
        ..Config::default()
    };
    let mut k =
        Kernel::new(&elf, &ProcessSpec::new([name]), config, Console::capture()).expect("load");
    let r = k.run(&mut NoTrace).expect("run");
    (k, r)
}

#[test]
fn frequent_timer_interrupts_are_invisible_to_the_program() {
    for name in ["recursion", "loop-sum", "spillfill", "modsched"] {
        let (quiet, rq) = run(name, u64::MAX / 2);
        let (busy, rb) = run(name, 97);
        assert_eq!(rq.outcome, Outcome::Exited(0), "{name}");
        assert_eq!(rb.outcome, rq.outcome, "{name}");
        assert_eq!(busy.console.stdout(), quiet.console.stdout(), "{name}");
        assert_eq!(quiet.stats.timer_interrupts, 0);
        let retired = rb.final_state.retired;
        assert!(
            busy.stats.timer_interrupts >= retired / 97 - 2,
            "{name}: {} interrupts for {retired} instructions",
            busy.stats.timer_interrupts
        );
        let (a, b) = (&rq.final_state, &rb.final_state);
        for r in 0..128u8 {
            assert_eq!(a.read_gr(r), b.read_gr(r), "{name}: r{r}");
        }
        assert_eq!(a.read_pr_all(), b.read_pr_all(), "{name}");
        assert_eq!(a.br, b.br, "{name}");
        assert_eq!(a.rse.cfm(), b.rse.cfm(), "{name}");
        assert_eq!(a.rse.bsp(), b.rse.bsp(), "{name}");
        assert_eq!((a.ip, a.slot), (b.ip, b.slot), "{name}");
        assert_eq!(
            busy.stats.entries,
            quiet.stats.entries + busy.stats.timer_interrupts,
            "{name}: every interrupt is one kernel entry"
        );
    }
}
