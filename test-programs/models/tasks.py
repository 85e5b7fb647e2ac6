#!/usr/bin/env python3
"""Models of the process, thread, signal and tracing test programs
(fork-wait, threads-futex, sig-recursion, sig-altstack, segv-recover,
spin-threads, stop-cont, exec-hello, waitid-faults, ptrace-tracer): writes
test-programs/expected/<name>.stdout and <name>.status (and
spin-threads.flags, the emulator options its expected output assumes).

The checksums repeat the programs' computations with 64-bit wrapping
arithmetic (vrec of src/lib/vrec.inc, spin_loop of spin-threads.s). The
rest of each output is fixed text whose values come from the Linux/ia64
ABI (status words, signal numbers, si_code values, sigcontext contents)
and from three choices of the guest kernel, named where they are used:

  PID_FIRST  the first process has pid 1, and every new task (process or
             thread) takes the next number; tids share the numbering.
  CPUS       spin-threads runs with two vCPUs numbered 0 and 1.

Usage: python3 test-programs/models/tasks.py [--check] [NAME...]
  --check  compare with the committed files instead of writing them
"""
import os
import sys

M = (1 << 64) - 1
HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "expected")

PID_FIRST = 1          # the guest kernel's first pid (kernel choice)


def rotl(x, k):
    return ((x << k) | (x >> (64 - k))) & M


def hex16(x):
    return "0x%016x" % (x & M)


def hex4(x):
    return "0x%04x" % x


def vrec(n, s, bottom):
    """vrec of lib/vrec.inc, iteratively: returns (checksum, frames)."""
    frames = []
    while True:
        frames.append([((((n << (k + 2)) & M) ^ s) + 0x111 * (k + 1)) & M
                       for k in range(16)])
        if n == 0:
            break
        s = rotl(s, 7) ^ n
        n -= 1
    t = bottom(s)
    count = len(frames)
    while frames:
        for v in frames.pop():
            t = rotl(t, 1) ^ v
    return t, count


def identity(s):
    return s


def fork_wait():
    parent = PID_FIRST
    child1 = PID_FIRST + 1            # next task number (kernel choice)
    out = [
        "parent: getpid = %d" % parent,
        "child: getppid = %d, parent's getpid = %d" % (parent, parent),
        "child: stacked registers copied from the parent = 1",
        "parent: clone returned %d, wait4 returned the same pid = 1" % child1,
        "exited child: status = " + hex4(7 << 8),
        "exited child: WIFEXITED = 1, WEXITSTATUS = 7",
        "killed child: wait4 returned its pid = 1",
        "killed child: status = " + hex4(15),
        "killed child: WIFSIGNALED = 1, WTERMSIG = 15",
        "vfork: the parent sees the child's store = %d" % 0x1234,
        "vfork: the parent's stacked registers are intact = 1",
        "vfork: wait4 returned the child's pid = 1",
        "vfork child: status = " + hex4(3 << 8),
        "wait4 with no children left: failed = 1, errno = 10",
    ]
    return "".join(l + "\n" for l in out), 0


def threads_futex():
    tid0, tid1 = PID_FIRST + 1, PID_FIRST + 2   # kernel choice
    out = [
        "main: set_tid_address returned gettid = 1, getpid = gettid = 1",
        "main: clone2 returned tids %d and %d" % (tid0, tid1),
        "main: CLONE_PARENT_SETTID stored both tids = 1",
    ]
    frames = 0
    for i, seed in enumerate([0x0123456789abcdef, 0xfedcba9876543210]):
        t, f = vrec(300, seed, identity)
        frames += f
        out.append("thread %d: gettid = its tid = 1, gettid != getpid = 1, "
                   "getpid = main's = 1" % i)
        out.append("thread %d: vrec(300) checksum = %s" % (i, hex16(t)))
    out.append("counter = %d" % (2000000 * 1 + 1000000 * 2))
    out.append("vrec errors = 0, frames = %d" % frames)
    return "".join(l + "\n" for l in out), 0


SYS_AT_CFM = 12 | (8 << 7)      # sys_at: alloc 5, 3, 4 -> sof 12, sol 8


def sig_handler_lines(signo, si_code, frames):
    t, f = vrec(200, 0x0123456789abcdef ^ signo, identity)
    frames.append(f)
    return [
        "handler: signo = %d, si_signo = %d" % (signo, signo),
        "handler: si_code = %d" % si_code,
        "handler: si_pid is our pid = 1",
        "handler: blocked signals = " + hex4(1 << (signo - 1)),
        "handler: sc_flags IN_SYSCALL = 1",
        "handler: sc_ip is the slot after the break = 1",
        "handler: sc_cfm = " + hex4(SYS_AT_CFM),
        "handler: sc_ar_bsp is the end of the interrupted frame = 1",
        "handler: its ar.bsp = sc_ar_bsp = 1",
        "handler: vrec(200) checksum = " + hex16(t),
    ]


def sig_recursion():
    frames = []
    out = ["rt_sigaction SIGUSR1 ok = 1, SIGUSR2 ok = 1"]
    out += sig_handler_lines(10, 0, frames)          # SI_USER
    t, f = vrec(300, 0x0123456789abcdef, identity)   # raise_usr1 returns s
    frames.append(f)
    out.append("main: vrec(300) checksum = " + hex16(t))
    out.append("main: handler runs = 1")
    out.append("SIGUSR2 sent while blocked: handler runs = 1")
    out.append("pending signals = " + hex4(1 << 11))
    out += sig_handler_lines(12, -6, frames)         # SI_TKILL
    out.append("after unblocking: handler runs = 2")
    out.append("blocked signals now = " + hex4(0))
    out.append("vrec errors = 0, frames = %d" % sum(frames))
    return "".join(l + "\n" for l in out), 0


def sig_altstack():
    th, fh = vrec(200, 0x0123456789abcdef ^ 10, identity)
    tm, fm = vrec(100, 0x0123456789abcdef, identity)
    out = [
        "sigaltstack ok = 1",
        "before: ss_flags = 0",
        "rt_sigaction ok = 1",
        "handler: signo = 10",
        "handler: sc_flags ONSTACK = 1, IN_SYSCALL = 1",
        "handler: sc_rbs_base = ss_sp = 1",
        "handler: its ar.bsp is in the alternate stack = 1",
        "handler: its sp is in the alternate stack = 1",
        "handler: sc_ar_bsp is in the alternate stack = 0",
        "handler: sc_ar_bsp is the end of the interrupted frame = 1",
        "handler: its ar.bsp = sc_rbs_base + (sc_loadrs >> 16) = 1",
        "handler: ss_flags = 1, ss_size = 262144",
        "handler: ss_sp = the area = 1",
        "handler: vrec(200) checksum = " + hex16(th),
        "main: vrec(100) checksum = " + hex16(tm),
        "main: handler runs = 1",
        "after: ss_flags = 0",
        "vrec errors = 0, frames = %d" % (fh + fm),
    ]
    return "".join(l + "\n" for l in out), 0


def segv_recover():
    cfm = hex4(22 | (14 << 7))      # _start: alloc 0, 14, 8 -> sof 22, sol 14
    out = ["rt_sigaction SIGSEGV ok = 1, SIGILL ok = 1"]
    for what, addr in (("load", 0x10), ("store", 0x18)):
        out += [
            ("load from 0x10" if what == "load" else "store to 0x18"),
            "handler: signo = 11, si_signo = 11",
            "handler: si_code = 1",                  # SEGV_MAPERR
            "handler: si_addr = " + hex16(addr),
            "handler: sc_flags IN_SYSCALL = 0",
            "handler: sc_cfm = " + cfm,
            "handler: sc_ip is the faulting bundle, slot 0 = 1",
            "recovered from the %s, stacked registers intact = 1" % what,
        ]
    out += [
        "break.m 0",
        "handler: signo = 4, si_signo = 4",
        "handler: si_code = 1",                      # ILL_ILLOPC
        "handler: si_addr is slot 1 of the break's bundle = 1",
        "handler: si_imm = 0",
        "handler: sc_flags IN_SYSCALL = 0",
        "handler: sc_cfm = " + cfm,
        "handler: sc_ip = si_addr = 1",
        "after the break: slot 2 ran, loc11 = 6, stacked registers intact = 1",
        "handler runs = 3",
    ]
    return "".join(l + "\n" for l in out), 0


SPIN_ITERS = 60000


def spin_loop(s):
    c = [(s + 100 * k + (k + 1) * SPIN_ITERS) & M for k in range(16)]
    t = SPIN_ITERS
    for v in c:
        t = rotl(t, 1) ^ v
    return t


def spin_threads():
    masks = [[1, 1, 2], [2, 1, 1]]          # CPUS: cpu0 = bit 0, cpu1 = bit 1
    seeds = [0x1111111111111111, 0x2222222222222222]
    out = ["spin-threads: 2 threads, 3 steps of %d iterations" % SPIN_ITERS]
    frames = 0
    for i in range(2):
        acc = 0
        for step in range(3):
            t, f = vrec(12, (seeds[i] + step) & M, spin_loop)
            frames += f
            acc = rotl(acc, 3) ^ t
        cpus = [m.bit_length() - 1 for m in masks[i]]
        out.append("thread %d: cpus = %s, affinity calls ok = 3"
                   % (i, " ".join(str(c) for c in cpus)))
        out.append("thread %d: checksum = %s" % (i, hex16(acc)))
    out.append("spin errors = 0")
    out.append("vrec errors = 0, frames = %d" % frames)
    return "".join(l + "\n" for l in out), 0, ["--cpus", "2"]


def stop_cont():
    out = [
        "running: wait4 WNOHANG returned 0",
        "stopped: wait4 returned the child = 1, status = " + hex4(19 << 8 | 0x7f),
        "stopped: WIFSTOPPED = 1, WSTOPSIG = 19",
        "continued: wait4 returned the child = 1, status = " + hex4(0xffff),
        "continued: WIFCONTINUED = 1",
        "running again: wait4 WNOHANG returned 0",
        "killed: wait4 returned the child = 1, status = " + hex4(9),
        "killed: WIFSIGNALED = 1, WTERMSIG = 9",
    ]
    return "".join(l + "\n" for l in out), 0


def exec_hello():
    hello = "Hello from IA-64!"
    out = [
        "exec-hello: fork and execve in the child",
        hello,
        "exec-hello: the child exited, status = " + hex4(0),
        "exec-hello: execve in the process itself",
        hello,
    ]
    return "".join(l + "\n" for l in out), 0


def waitid_faults():
    """Everything is fixed by the ABI (kernel/exit.c waitid, ia64 siginfo
    layout, arch/ia64/kernel/{traps.c,unaligned.c}, kernel/signal.c); pids
    are only compared."""
    sigchld, cld_exited, cld_killed = 17, 1, 2
    eintr, echild = 4, 10

    def info(signo, code, is_child, status):
        # waitid writes six fields only; the 0xa5 fill elsewhere survives
        return [
            "  si_signo = %d, si_code = %d" % (signo, code),
            "  si_pid is the child = %d, si_status = %d" % (is_child, status),
            "  si_errno = 0, bytes 12..15 and 28..127 untouched = 1",
        ]

    def fault(signo, code, addr_off, imm, ip_off):
        # force_sig_fault(sig, code, addr, imm, flags = 0, isr = 0)
        return [
            "handler: signo = %d, si_signo = %d" % (signo, signo),
            "handler: si_code = %d" % code,
            "handler: si_addr - base = %d" % addr_off,
            "handler: si_imm = %d, si_flags = 0" % imm,
            "handler: si_isr = 0",
            "handler: sc_ip - faulting bundle = %d" % ip_off,
        ]

    def usr(signo, code):
        return [
            "handler: signo = %d, si_code = %d" % (signo, code),
            "handler: si_pid is the sender = 1",
        ]

    out = ["waitid-faults", "-- waitid",
           "waitid(P_PID, child, WEXITED): result = 0"]
    out += info(sigchld, cld_exited, 1, 5)
    out.append("waitid(P_PID, child, WEXITED | WNOHANG) while it runs: "
               "result = 0")
    out += info(0, 0, 0, 0)
    out.append("  si_pid = 0")
    out.append("kill(child, SIGTERM): result = 0")
    out.append("waitid(P_PID, child, WEXITED | WNOWAIT): result = 0")
    out += info(sigchld, cld_killed, 1, 15)
    out.append("waitid(P_ALL, 0, WEXITED): result = 0")
    out += info(sigchld, cld_killed, 1, 15)
    out.append("waitid(P_ALL, 0, WEXITED) with no children: result = %d"
               % -echild)
    out += [
        "-- fault signals",
        "prctl(PR_SET_UNALIGN, PR_UNALIGN_SIGBUS): result = 0",
        "prctl(PR_GET_UNALIGN): result = 0, value = 2",
        "rt_sigaction SIGBUS, SIGFPE, SIGTRAP, SIGILL: failures = 0",
        "ld8 from buffer + 60",
    ]
    out += fault(7, 1, 60, 0, 0)                   # SIGBUS, BUS_ADRALN
    out.append("after SIGBUS: the load's target unchanged = 1, "
               "slot 1 ran: counter = %d" % (40 + 1))
    out.append("break.m 1 in slot 1")
    out += fault(8, 1, 1, 1, 1)                    # SIGFPE, FPE_INTDIV
    out.append("after SIGFPE: slot 2 ran: counter = %d" % (5 + 1))
    out.append("break.i 0x80000 in slot 2")
    out += fault(5, 1, 2, 0x80000, 2)              # SIGTRAP, TRAP_BRKPT
    out.append("after SIGTRAP: the next bundle ran: counter = %d" % (10 + 1))
    out.append("break.m 0x40000 in slot 0")
    out += fault(4, 10, 0, 0x40000, 0)             # SIGILL, __ILL_BREAK (10)
    out.append("after SIGILL: slot 1 ran: counter = %d" % (20 + 1))
    out.append("fault handler runs = 4")
    out += ["-- tkill", "rt_sigaction SIGUSR2, SA_SIGINFO: result = 0"]
    out += usr(12, -6)                             # SI_TKILL
    out.append("tkill(gettid(), SIGUSR2): result = 0")
    out += ["-- SA_RESETHAND",
            "rt_sigaction SIGUSR1, SA_SIGINFO | SA_RESETHAND: result = 0"]
    out += usr(10, 0)                              # SI_USER
    out += [
        "kill(getpid(), SIGUSR1): result = 0",
        "rt_sigaction(SIGUSR1, NULL, &old): result = 0, "
        "sa_handler is SIG_DFL = 1",
        "  sa_flags = 0x%08x" % (0x80000000 | 4),
        "SIGUSR1 in a forked child: wait4 returned the child = 1, "
        "status = " + hex4(10),
        "-- SA_RESTART",
        "rt_sigaction SIGUSR2, SA_SIGINFO: result = 0",
    ]
    out += usr(12, 0)
    out += [
        "wait4 without SA_RESTART: result = %d" % -eintr,
        "wait4 again: returned the child = 1, status = " + hex4(6 << 8),
        "rt_sigaction SIGUSR2, SA_SIGINFO | SA_RESTART: result = 0",
    ]
    out += usr(12, 0)
    out += [
        "wait4 with SA_RESTART: returned the child = 1, status = "
        + hex4(7 << 8),
        "signal handler runs = 4",
    ]
    return "".join(l + "\n" for l in out), 0


def ptrace_tracer():
    """ptrace-tracer.s: the tracer's whole output, from the program's own
    constants and the Linux/ia64 ABI. Status words: a stop is
    sig << 8 | 0x7f (kernel/exit.c wait_task_stopped), a syscall stop with
    PTRACE_O_TRACESYSGOOD reports SIGTRAP | 0x80; an exit is code << 8.
    si_code of kill() is SI_USER = 0. Syscall numbers are 1024 +
    syscall.tbl. CFM = sof | sol << 7 (sor = rrb = 0). PEEKDATA/PEEKUSR
    return the word in r8 with r10 = 0 (force_successful_syscall_return).
    The leaf's r(32 + k) = (k + 1) * 0x0101010101010101, level2's
    r(32 + k) = 0x2200000000000000 + k. Pids: the tracer is PID_FIRST, the
    child the next task (kernel choice); the single-threaded child's getpid
    and gettid both return it. rt_sigreturn makes a syscall-exit stop:
    ia64_rt_sigreturn (arch/ia64/kernel/signal.c) leaves through
    ia64_strace_leave_kernel when the task is syscall-traced, and the stop
    shows r8/r10 of the interrupted kill (0, 0) as restore_sigcontext put
    them back. exit_group makes an entry stop only."""
    sigusr1, sigusr2, sigstop = 10, 12, 19
    child = PID_FIRST + 1             # next task number (kernel choice)
    sys_status = (5 | 0x80) << 8 | 0x7f     # (SIGTRAP | 0x80) << 8 | 0x7f
    nr = {"write": 1027, "getpid": 1041, "kill": 1053, "gettid": 1105,
          "rt_sigreturn": 1181, "exit_group": 1236}
    out = ["ptrace-tracer: the child stops itself with SIGSTOP after "
           "PTRACE_TRACEME"]
    stops = {"syscall": 0, "signal": 0}

    def entry(name):
        stops["syscall"] += 1
        out.append("stop %s: syscall entry, nr = %d" % (hex4(sys_status), nr[name]))

    def exit_stop(r8):
        stops["syscall"] += 1
        out.append("stop %s: syscall exit, r8 = %d, r10 = 0" % (hex4(sys_status), r8))

    def syscall(name, r8):
        entry(name)
        exit_stop(r8)

    def child_line(text):             # the child's one-write lines
        entry("write")
        out.append(text)
        exit_stop(len(text) + 1)

    def signal_stop(sig, first=False):
        stops["signal"] += 1
        out.append("stop %s: signal, WSTOPSIG = %d" % (hex4(sig << 8 | 0x7f), sig))
        # kill(getpid(), sig): SI_USER from the child itself.
        out.append("  GETSIGINFO: si_signo = %d, si_code = 0, "
                   "si_pid is the child = 1" % sig)
        if first:
            out.append("  PTRACE_SETOPTIONS(PTRACE_O_TRACESYSGOOD) = 0")
        if sig in (sigstop, sigusr1):
            out.append("  PTRACE_SYSCALL with signal 0 (suppressed)")
        else:
            out.append("  PTRACE_SYSCALL with signal %d (injected)" % sig)

    def raise_signal(sig):            # getpid, then kill(pid, sig)
        syscall("getpid", child)
        syscall("kill", 0)
        signal_stop(sig)

    leaf = [(k + 1) * 0x0101010101010101 for k in range(12)]
    caller = [0x2200000000000000 + k for k in range(6)]
    leaf_sof, leaf_sol, caller_sof, caller_sol = 12, 8, 10, 8
    poked, r39 = 0xfedcba9876543210, 0xfeedfacecafef00d

    signal_stop(sigstop, first=True)  # its kill ran before the tracer's first wait
    syscall("getpid", child)
    child_line("child: hello")
    entry("gettid")
    out.append("  PT_CFM = %s: sof = %d, sol = %d"
               % (hex16(leaf_sof | leaf_sol << 7), leaf_sof, leaf_sol))
    out.append("  PT_AR_BSP = skip(the child's ar.bsp, sof) = 1")
    out.append("  PT_CR_IIP - leaf_syscall = 0, PT_CR_IPSR.ri = 1")
    out.append("  openat /proc/<child>/mem O_RDWR: fd = 3")   # lowest free fd
    out += ["  r%d = %s" % (32 + k, hex16(v)) for k, v in enumerate(leaf)]
    out.append("  PEEKDATA reads the same %d words = 1" % leaf_sof)
    out.append("  PT_AR_PFS.pfm = %s: the caller's sof = %d, sol = %d"
               % (hex16(caller_sof | caller_sol << 7), caller_sof, caller_sol))
    out += ["  caller r%d = %s" % (32 + k, hex16(v)) for k, v in enumerate(caller)]
    out.append("  PEEKDATA child_value = " + hex16(0x0123456789abcdef))
    out.append("  POKEDATA child_value = %s: result = 0, r10 = 0" % hex16(poked))
    out.append("  PEEKDATA child_value = %s, r10 = 0" % hex16(poked))
    out.append("  pwrite64 r39 = %s: result = 8" % hex16(r39))
    exit_stop(child)                  # gettid
    child_line("child: value = " + hex16(poked))
    child_line("child: r39 after the stop = " + hex16(r39))
    child_line("child: stacked registers changed = " + hex16(0))
    raise_signal(sigusr1)
    raise_signal(sigusr2)
    syscall("rt_sigreturn", 0)
    child_line("child: SIGUSR2 handler signo = " + hex16(sigusr2))
    entry("exit_group")
    out.append("exit: status = %s, WIFEXITED = 1, WEXITSTATUS = 3" % hex4(3 << 8))
    out.append("syscall stops = %d, signal stops = %d"
               % (stops["syscall"], stops["signal"]))
    return "".join(l + "\n" for l in out), 0


PROGRAMS = {
    "fork-wait": fork_wait,
    "threads-futex": threads_futex,
    "sig-recursion": sig_recursion,
    "sig-altstack": sig_altstack,
    "segv-recover": segv_recover,
    "spin-threads": spin_threads,
    "stop-cont": stop_cont,
    "exec-hello": exec_hello,
    "waitid-faults": waitid_faults,
    "ptrace-tracer": ptrace_tracer,
}


def main():
    check = "--check" in sys.argv[1:]
    names = [a for a in sys.argv[1:] if not a.startswith("--")] or list(PROGRAMS)
    bad = 0
    for name in names:
        res = PROGRAMS[name]()
        files = {name + ".stdout": res[0], name + ".status": "%d\n" % res[1]}
        if len(res) > 2:
            files[name + ".flags"] = "".join(a + "\n" for a in res[2])
        for fname, text in files.items():
            path = os.path.join(OUT, fname)
            if check:
                with open(path, "rb") as f:
                    if f.read() != text.encode():
                        print("MISMATCH", fname)
                        bad = 1
            else:
                os.makedirs(OUT, exist_ok=True)
                with open(path, "wb") as f:
                    f.write(text.encode())
    sys.exit(bad)


if __name__ == "__main__":
    main()
