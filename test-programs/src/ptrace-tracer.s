// ptrace-tracer: a tracer written as a guest program. It forks a child that
// asks to be traced, stops itself, makes a few system calls (one from the
// bottom of a three-deep call chain whose stacked registers hold known
// values) and takes two signals; the parent follows every syscall and signal
// stop with PTRACE_SYSCALL and wait4, and at the stop inside the call chain
// reads the child's registers (PEEKUSER) and stacked registers (through
// /proc/<pid>/mem), peeks and pokes its memory, and changes one stacked
// register the child then prints.
//
//   The child: rt_sigaction(SIGUSR2, handler); PTRACE_TRACEME;
//   kill(getpid(), SIGSTOP); getpid(); write(1, "child: hello\n", 13);
//   child_value = 0x0123456789abcdef; level1() -> level2() -> leaf(), where
//     level2 (sof = 10, sol = 8) has r32..r37 = 0x2200000000000000 + k
//       (r32, r33 are level1's outputs), r38 = ar.pfs, r39 = b0, and
//       out0, out1 = 0x0101010101010101, 0x0202020202020202;
//     leaf (alloc 2, 6, 4: sof = 12, sol = 8) has r(32+k) =
//       (k + 1) * 0x0101010101010101 for k = 0..11 (keeping ar.pfs in ar.pfs
//       and b0 in b0: it calls nothing), stores its ar.bsp (the backing-store
//       address of its r32) in child_bsp and calls gettid with `break.m` in
//       slot 0 of the bundle at leaf_syscall. After it, leaf stores r39 in
//       child_r39 and counts which of r34..r38 changed; level2 adds the
//       changes of its r32..r37 (child_bad);
//   one write each of "child: value = ", "child: r39 after the stop = " and
//   "child: stacked registers changed = " with the value as 0x + 16 hex
//   digits; kill(getpid(), SIGUSR1); kill(getpid(), SIGUSR2) (the handler
//   stores its signal number in `handled`); one write of
//   "child: SIGUSR2 handler signo = " and `handled`; exit_group(3).
//
//   The parent: wait4(child, &st, 0, NULL) in a loop; every stop is printed
//   with its status word. Syscall stops (st = (SIGTRAP | 0x80) << 8 | 0x7f
//   with PTRACE_O_TRACESYSGOOD) alternate entry, exit: at an entry it prints
//   PEEKUSER(PT_R15), at an exit PEEKUSER(PT_R8) and PEEKUSER(PT_R10). At a
//   signal-delivery stop it prints WSTOPSIG and PTRACE_GETSIGINFO's si_signo,
//   si_code and whether si_pid is the child; it suppresses SIGSTOP and
//   SIGUSR1 (resumes with signal 0) and injects any other signal. After the
//   first stop it sets PTRACE_O_TRACESYSGOOD. At the gettid entry stop:
//     PT_CFM (0x40c: sof 12, sol 8); PT_AR_BSP = the end of the leaf frame,
//     i.e. child_bsp (read with PEEKDATA) skipped by sof register slots;
//     PT_CR_IIP - leaf_syscall = 0 and PT_CR_IPSR.ri = 1 (break_fault has
//     advanced past the slot-0 break);
//     openat("/proc/<child>/mem", O_RDWR) and pread64 of the sof words at
//     skip(skip(PT_AR_BSP, -sof), k): the leaf's r32..r43, each compared
//     with PEEKDATA at the same address; PT_AR_PFS.pfm = level2's CFM
//     (0x40a) and the caller's r32..r37 at skip(skip(leaf's bof, -sol), k);
//     PEEKDATA, POKEDATA 0xfedcba9876543210, PEEKDATA of child_value (a
//     "negative" word: r10 stays 0, force_successful_syscall_return);
//     pwrite64 0xfeedfacecafef00d to the leaf's r39.
//   Finally the exit status (0x0300) and the number of stops.
//
// Expected stdout (pids as the guest kernel numbers tasks: the parent is 1,
// the child 2; "<syscall lines>" is the pair
//   stop 0x857f: syscall entry, nr = N
//   stop 0x857f: syscall exit, r8 = R, r10 = 0):
//   ptrace-tracer: the child stops itself with SIGSTOP after PTRACE_TRACEME
//   stop 0x137f: signal, WSTOPSIG = 19
//     GETSIGINFO: si_signo = 19, si_code = 0, si_pid is the child = 1
//     PTRACE_SETOPTIONS(PTRACE_O_TRACESYSGOOD) = 0
//     PTRACE_SYSCALL with signal 0 (suppressed)
//   <getpid 1041 -> 2>
//   stop 0x857f: syscall entry, nr = 1027
//   child: hello
//   stop 0x857f: syscall exit, r8 = 13, r10 = 0
//   stop 0x857f: syscall entry, nr = 1105
//     PT_CFM = 0x000000000000040c: sof = 12, sol = 8
//     PT_AR_BSP = skip(the child's ar.bsp, sof) = 1
//     PT_CR_IIP - leaf_syscall = 0, PT_CR_IPSR.ri = 1
//     openat /proc/<child>/mem O_RDWR: fd = 3
//     r32 = 0x0101010101010101  ...  r43 = 0x0c0c0c0c0c0c0c0c
//     PEEKDATA reads the same 12 words = 1
//     PT_AR_PFS.pfm = 0x000000000000040a: the caller's sof = 10, sol = 8
//     caller r32 = 0x2200000000000000  ...  caller r37 = 0x2200000000000005
//     PEEKDATA child_value = 0x0123456789abcdef
//     POKEDATA child_value = 0xfedcba9876543210: result = 0, r10 = 0
//     PEEKDATA child_value = 0xfedcba9876543210, r10 = 0
//     pwrite64 r39 = 0xfeedfacecafef00d: result = 8
//   stop 0x857f: syscall exit, r8 = 2, r10 = 0
//   then for each child line a write entry, the line, and the exit with its
//   length; <getpid>, <kill 1053 -> 0>, the SIGUSR1 stop (0x0a7f, si_signo
//   10, si_code 0 = SI_USER, suppressed); <getpid>, <kill>, the SIGUSR2 stop
//   (0x0c7f, injected); <rt_sigreturn 1181 -> r8 = 0 (the r8 of the
//   interrupted kill, restored from the sigcontext)>; the handler line;
//   the exit_group entry (1236) and:
//   exit: status = 0x0300, WIFEXITED = 1, WEXITSTATUS = 3
//   syscall stops = 25, signal stops = 3
// test-programs/models/tasks.py writes the whole expected output.
// Exit status 0.
//
// ABI facts (Linux/ia64): syscall numbers 1024 + syscall.tbl: write 1027,
// close 1029, lseek 1040, getpid 1041, ptrace 1048, kill 1053, gettid 1105,
// wait4 1126, clone 1128, pread64 1148, pwrite64 1149, rt_sigaction 1177,
// rt_sigreturn 1181, exit_group 1236, openat 1281. ptrace requests
// (include/uapi/linux/ptrace.h): TRACEME 0, PEEKDATA 2, PEEKUSR 3,
// POKEDATA 5, SYSCALL 24, SETOPTIONS 0x4200, GETSIGINFO 0x4202;
// PTRACE_O_TRACESYSGOOD 1. PEEKDATA/PEEKUSR return the word in r8 with
// r10 = 0 (arch/ia64/kernel/ptrace.c force_successful_syscall_return).
// User-area offsets (arch/ia64/include/uapi/asm/ptrace_offsets.h):
// PT_CR_IPSR 0x830, PT_CR_IIP 0x838, PT_CFM 0x840, PT_AR_PFS 0x850,
// PT_AR_BSP 0x880 (the end of the current frame), PT_R15 0x8b8, PT_R8 0x8c0,
// PT_R10 0x8d0. siginfo: si_signo @0, si_code @8, si_pid @16. The backing
// store: the slot at an address with bits 8:3 all ones holds a NaT
// collection and is skipped (rse-spec.md section 2). SIGUSR1 10, SIGUSR2 12,
// SIGCHLD 17, SIGSTOP 19, SIGTRAP 5; O_RDWR 2, AT_FDCWD -100.

	.section .rodata
m_title:	.asciz "ptrace-tracer: the child stops itself with SIGSTOP after PTRACE_TRACEME\n"
m_stop:		.asciz "stop "
m_entry:	.asciz ": syscall entry, nr = "
m_exit:		.asciz ": syscall exit, r8 = "
m_r10:		.asciz ", r10 = "
m_signal:	.asciz ": signal, WSTOPSIG = "
m_si:		.asciz "  GETSIGINFO: si_signo = "
m_si_code:	.asciz ", si_code = "
m_si_pid:	.asciz ", si_pid is the child = "
m_setopt:	.asciz "  PTRACE_SETOPTIONS(PTRACE_O_TRACESYSGOOD) = "
m_resume:	.asciz "  PTRACE_SYSCALL with signal "
m_supp:		.asciz " (suppressed)\n"
m_inj:		.asciz " (injected)\n"
m_cfm:		.asciz "  PT_CFM = "
m_sof:		.asciz ": sof = "
m_sol:		.asciz ", sol = "
m_bsp:		.asciz "  PT_AR_BSP = skip(the child's ar.bsp, sof) = "
m_iip:		.asciz "  PT_CR_IIP - leaf_syscall = "
m_ri:		.asciz ", PT_CR_IPSR.ri = "
m_open:		.asciz "  openat /proc/<child>/mem O_RDWR: fd = "
m_reg:		.asciz "  r"
m_creg:		.asciz "  caller r"
m_eq:		.asciz " = "
m_same1:	.asciz "  PEEKDATA reads the same "
m_same2:	.asciz " words = "
m_pfm:		.asciz "  PT_AR_PFS.pfm = "
m_csof:		.asciz ": the caller's sof = "
m_peek:		.asciz "  PEEKDATA child_value = "
m_poke:		.asciz "  POKEDATA child_value = 0xfedcba9876543210: result = "
m_pwrite:	.asciz "  pwrite64 r39 = 0xfeedfacecafef00d: result = "
m_exited:	.asciz "exit: status = "
m_wif:		.asciz ", WIFEXITED = "
m_wes:		.asciz ", WEXITSTATUS = "
m_killed:	.asciz "killed: status = "
m_nsys:		.asciz "syscall stops = "
m_nsig:		.asciz ", signal stops = "
m_fail_clone:	.asciz "clone failed, errno = "
m_fail_wait:	.asciz "wait4 failed, errno = "
m_fail_pid:	.asciz "wait4 returned another pid: "
m_fail_peek:	.asciz "PEEKUSER/PEEKDATA failed, errno = "
m_fail_open:	.asciz "openat failed, errno = "
m_fail_pread:	.asciz "pread64 did not read 8 bytes: "
m_fail_ptrace:	.asciz "ptrace failed, errno = "
m_hello:	.ascii "child: hello\n"
m_c_value:	.asciz "child: value = "
m_c_r39:	.asciz "child: r39 after the stop = "
m_c_bad:	.asciz "child: stacked registers changed = "
m_c_handler:	.asciz "child: SIGUSR2 handler signo = "
m_proc:		.asciz "/proc/"
m_mem:		.asciz "/mem"

	.data
	.align 16
usr2_fd:				// function descriptor: entry, gp
	data8 usr2_handler, 0
child_value:
	data8 0x1111111111111111		// the child overwrites it before the stop

	.bss
	.align 8
status:		.skip 8			// the int wait4 writes
siginfo:	.skip 128
word:		.skip 8			// pread64 / pwrite64 buffer
child_bsp:	.skip 8			// the leaf's ar.bsp
child_r39:	.skip 8			// the leaf's r39 after the stop
child_bad:	.skip 8			// stacked registers that changed
handled:	.skip 8			// the SIGUSR2 handler's signo
pathbuf:	.skip 32
linebuf:	.skip 80

	.text
	.global _start
	.proc _start
_start:
	alloc loc0 = ar.pfs, 0, 2, 6, 0
	movl out0 = m_title ;;
	br.call.sptk.many b0 = print_str ;;
	mov out0 = 1128				// clone(SIGCHLD, 0, 0, 0, 0): fork
	mov out1 = 17
	mov out2 = 0
	mov out3 = 0
	mov out4 = 0
	mov out5 = 0
	br.call.sptk.many b0 = sys ;;
	cmp.ne p6, p0 = 0, r10
(p6)	br.cond.spnt .Lst_fail ;;
	cmp.eq p6, p0 = 0, r8
(p6)	br.cond.spnt .Lst_child ;;
	mov out0 = r8
	br.call.sptk.many b0 = tracer ;;
	mov out0 = 0
	br.call.sptk.many b0 = exit_group ;;
.Lst_child:
	br.call.sptk.many b0 = child ;;		// does not return
.Lst_fail:
	movl out0 = m_fail_clone
	mov out1 = r8 ;;
	br.call.sptk.many b0 = fail ;;
	.endp _start

// ---------------------------------------------------------------------------
// The parent
// ---------------------------------------------------------------------------

// tracer(in0 = the child's pid): the wait loop.
	.proc tracer
tracer:
	alloc loc0 = ar.pfs, 1, 8, 4, 0
	mov loc1 = b0
	mov loc2 = 0				// 1: between an entry and its exit
	mov loc3 = 0				// syscall stops
	mov loc4 = 0 ;;				// signal stops
.Ltr_loop:
	mov out0 = in0
	br.call.sptk.many b0 = wait_child ;;
	mov loc5 = r8				// the status word
	and r14 = 0x7f, r8 ;;
	cmp.eq p6, p0 = 0, r14			// WIFEXITED
(p6)	br.cond.spnt .Ltr_exited ;;
	extr.u r14 = loc5, 0, 8 ;;
	cmp.ne p6, p0 = 0x7f, r14		// not stopped: killed
(p6)	br.cond.spnt .Ltr_killed ;;
	extr.u loc6 = loc5, 8, 8		// WSTOPSIG
	mov r14 = 0x85 ;;
	cmp.eq p6, p0 = r14, loc6		// SIGTRAP | 0x80: a syscall stop
(p6)	br.cond.sptk .Ltr_sys ;;
	adds loc4 = 1, loc4
	mov out0 = in0
	mov out1 = loc5
	br.call.sptk.many b0 = signal_stop ;;
	mov loc7 = r8 ;;			// the signal to resume with
	cmp.ne p6, p0 = 1, loc4
(p6)	br.cond.sptk .Ltr_say ;;
	mov out0 = 0x4200			// PTRACE_SETOPTIONS
	mov out1 = in0
	mov out2 = 0
	mov out3 = 1				// PTRACE_O_TRACESYSGOOD
	br.call.sptk.many b0 = ptrace_ok ;;
	movl out0 = m_setopt
	mov out1 = r8
	mov out2 = 0
	mov out3 = 0 ;;
	br.call.sptk.many b0 = report ;;
.Ltr_say:
	movl out0 = m_resume ;;
	br.call.sptk.many b0 = print_str ;;
	mov out0 = loc7
	br.call.sptk.many b0 = print_udec ;;
	cmp.eq p6, p7 = 0, loc7 ;;
(p6)	movl out0 = m_supp
(p7)	movl out0 = m_inj ;;
	br.call.sptk.many b0 = print_str ;;
	br.cond.sptk .Ltr_resume ;;
.Ltr_sys:
	adds loc3 = 1, loc3
	mov out0 = in0
	mov out1 = loc2
	mov out2 = loc5
	br.call.sptk.many b0 = syscall_stop ;;
	xor loc2 = 1, loc2
	mov loc7 = 0 ;;
.Ltr_resume:
	mov out0 = 24				// PTRACE_SYSCALL
	mov out1 = in0
	mov out2 = 0
	mov out3 = loc7
	br.call.sptk.many b0 = ptrace_ok ;;
	br.cond.sptk .Ltr_loop ;;

.Ltr_exited:
	movl out0 = m_exited ;;
	br.call.sptk.many b0 = print_str ;;
	mov out0 = loc5
	mov out1 = 4
	br.call.sptk.many b0 = print_hexn ;;
	movl out0 = m_wif
	mov out1 = 1
	movl out2 = m_wes
	extr.u out3 = loc5, 8, 8 ;;
	br.call.sptk.many b0 = report ;;
	br.cond.sptk .Ltr_counts ;;
.Ltr_killed:
	movl out0 = m_killed
	mov out1 = loc5
	mov out2 = 4 ;;
	br.call.sptk.many b0 = report_hex ;;
.Ltr_counts:
	movl out0 = m_nsys
	mov out1 = loc3
	movl out2 = m_nsig
	mov out3 = loc4 ;;
	br.call.sptk.many b0 = report ;;
	mov ar.pfs = loc0
	mov b0 = loc1 ;;
	br.ret.sptk.many b0 ;;
	.endp tracer

// wait_child(in0 = pid) -> r8 = the status word of the next stop or exit.
	.proc wait_child
wait_child:
	alloc loc0 = ar.pfs, 1, 2, 6, 0
	mov loc1 = b0
	mov out0 = 1126				// wait4(pid, &status, 0, NULL)
	mov out1 = in0
	movl out2 = status
	mov out3 = 0
	mov out4 = 0
	mov out5 = 0 ;;
	br.call.sptk.many b0 = sys ;;
	cmp.ne p6, p0 = 0, r10
(p6)	br.cond.spnt .Lwc_err ;;
	cmp.ne p6, p0 = r8, in0
(p6)	br.cond.spnt .Lwc_pid ;;
	movl r14 = status ;;
	ld4 r8 = [r14]
	mov ar.pfs = loc0
	mov b0 = loc1 ;;
	br.ret.sptk.many b0 ;;
.Lwc_err:
	movl out0 = m_fail_wait
	mov out1 = r8 ;;
	br.call.sptk.many b0 = fail ;;
.Lwc_pid:
	movl out0 = m_fail_pid
	mov out1 = r8 ;;
	br.call.sptk.many b0 = fail ;;
	.endp wait_child

// print_stop(in0 = status): "stop 0x" and the status in 4 hex digits.
	.proc print_stop
print_stop:
	alloc loc0 = ar.pfs, 1, 2, 2, 0
	mov loc1 = b0
	movl out0 = m_stop ;;
	br.call.sptk.many b0 = print_str ;;
	mov out0 = in0
	mov out1 = 4
	br.call.sptk.many b0 = print_hexn ;;
	mov ar.pfs = loc0
	mov b0 = loc1 ;;
	br.ret.sptk.many b0 ;;
	.endp print_stop

// signal_stop(in0 = pid, in1 = status) -> r8 = the signal to resume with:
// prints the stop and GETSIGINFO; 0 for SIGSTOP and SIGUSR1, else WSTOPSIG.
	.proc signal_stop
signal_stop:
	alloc loc0 = ar.pfs, 2, 4, 4, 0
	mov loc1 = b0 ;;
	extr.u loc2 = in1, 8, 8			// WSTOPSIG
	mov out0 = in1
	br.call.sptk.many b0 = print_stop ;;
	movl out0 = m_signal
	mov out1 = loc2
	mov out2 = 0
	mov out3 = 0 ;;
	br.call.sptk.many b0 = report ;;
	mov out0 = 0x4202			// PTRACE_GETSIGINFO
	mov out1 = in0
	mov out2 = 0
	movl out3 = siginfo ;;
	br.call.sptk.many b0 = ptrace_ok ;;
	movl out0 = m_si ;;
	br.call.sptk.many b0 = print_str ;;
	movl r14 = siginfo ;;
	ld4 out0 = [r14]			// si_signo
	br.call.sptk.many b0 = print_udec ;;
	movl out0 = m_si_code ;;
	br.call.sptk.many b0 = print_str ;;
	movl r14 = siginfo + 8 ;;
	ld4 r14 = [r14] ;;			// si_code (an int)
	sxt4 out0 = r14
	br.call.sptk.many b0 = print_sdec ;;
	movl out0 = m_si_pid ;;
	br.call.sptk.many b0 = print_str ;;
	movl r14 = siginfo + 16 ;;
	ld4 r14 = [r14] ;;			// si_pid
	cmp.eq p6, p7 = r14, in0 ;;
(p6)	mov out0 = 1
(p7)	mov out0 = 0
	br.call.sptk.many b0 = print_udec ;;
	br.call.sptk.many b0 = print_nl ;;
	mov r8 = loc2
	cmp.eq p6, p0 = 19, loc2		// SIGSTOP: suppressed
	cmp.eq p7, p0 = 10, loc2 ;;		// SIGUSR1: suppressed
(p6)	mov r8 = 0 ;;
(p7)	mov r8 = 0
	mov ar.pfs = loc0
	mov b0 = loc1 ;;
	br.ret.sptk.many b0 ;;
	.endp signal_stop

// syscall_stop(in0 = pid, in1 = 1 at an exit stop, in2 = status)
	.proc syscall_stop
syscall_stop:
	alloc loc0 = ar.pfs, 3, 4, 4, 0
	mov loc1 = b0 ;;
	mov out0 = in2
	br.call.sptk.many b0 = print_stop ;;
	cmp.ne p6, p0 = 0, in1
(p6)	br.cond.spnt .Lss_exit ;;
	mov out0 = in0
	mov out1 = 0x8b8			// PT_R15
	br.call.sptk.many b0 = peekusr ;;
	mov loc2 = r8
	movl out0 = m_entry
	mov out1 = r8
	mov out2 = 0
	mov out3 = 0 ;;
	br.call.sptk.many b0 = report ;;
	mov r14 = 1105 ;;			// gettid: the stop inside the leaf
	cmp.ne p6, p0 = r14, loc2
(p6)	br.cond.sptk .Lss_done ;;
	mov out0 = in0
	br.call.sptk.many b0 = inspect ;;
	br.cond.sptk .Lss_done ;;
.Lss_exit:
	mov out0 = in0
	mov out1 = 0x8c0			// PT_R8
	br.call.sptk.many b0 = peekusr ;;
	mov loc2 = r8
	mov out0 = in0
	mov out1 = 0x8d0			// PT_R10
	br.call.sptk.many b0 = peekusr ;;
	mov loc3 = r8
	movl out0 = m_exit ;;
	br.call.sptk.many b0 = print_str ;;
	mov out0 = loc2
	br.call.sptk.many b0 = print_udec ;;
	movl out0 = m_r10
	mov out1 = loc3 ;;
	br.call.sptk.many b0 = report_sdec ;;
.Lss_done:
	mov ar.pfs = loc0
	mov b0 = loc1 ;;
	br.ret.sptk.many b0 ;;
	.endp syscall_stop

// inspect(in0 = pid): the gettid entry stop of the leaf (see the header).
// loc2 cfm, loc3 sof, loc4 sol, loc5 bsp end, loc6 fd, loc7 bof,
// loc8 k, loc9 agreements, loc10 address, loc11 word, loc12 pfm,
// loc13 caller's sol, loc14 caller's bof.
	.proc inspect
inspect:
	alloc loc0 = ar.pfs, 1, 15, 6, 0
	mov loc1 = b0 ;;
	mov out0 = in0
	mov out1 = 0x840			// PT_CFM
	br.call.sptk.many b0 = peekusr ;;
	mov loc2 = r8 ;;
	and loc3 = 0x7f, loc2			// sof
	extr.u loc4 = loc2, 7, 7		// sol
	movl out0 = m_cfm ;;
	br.call.sptk.many b0 = print_str ;;
	mov out0 = loc2
	br.call.sptk.many b0 = print_hex ;;
	movl out0 = m_sof
	mov out1 = loc3
	movl out2 = m_sol
	mov out3 = loc4 ;;
	br.call.sptk.many b0 = report ;;

	// PT_AR_BSP against the child's own ar.bsp
	mov out0 = in0
	mov out1 = 0x880			// PT_AR_BSP
	br.call.sptk.many b0 = peekusr ;;
	mov loc5 = r8
	mov out0 = in0
	movl out1 = child_bsp ;;
	br.call.sptk.many b0 = peekdata ;;
	mov out0 = r8
	mov out1 = loc3
	br.call.sptk.many b0 = rse_fwd ;;
	cmp.eq p6, p7 = r8, loc5 ;;
(p6)	mov out1 = 1
(p7)	mov out1 = 0
	movl out0 = m_bsp
	mov out2 = 0
	mov out3 = 0 ;;
	br.call.sptk.many b0 = report ;;

	// PT_CR_IIP, PT_CR_IPSR.ri
	mov out0 = in0
	mov out1 = 0x838			// PT_CR_IIP
	br.call.sptk.many b0 = peekusr ;;
	movl r14 = leaf_syscall ;;
	sub loc10 = r8, r14
	mov out0 = in0
	mov out1 = 0x830			// PT_CR_IPSR
	br.call.sptk.many b0 = peekusr ;;
	extr.u loc11 = r8, 41, 2		// ri
	movl out0 = m_iip ;;
	br.call.sptk.many b0 = print_str ;;
	mov out0 = loc10
	br.call.sptk.many b0 = print_sdec ;;
	movl out0 = m_ri ;;
	br.call.sptk.many b0 = print_str ;;
	mov out0 = loc11
	br.call.sptk.many b0 = print_udec ;;
	br.call.sptk.many b0 = print_nl ;;

	// openat(AT_FDCWD, "/proc/<pid>/mem", O_RDWR)
	mov out0 = in0
	br.call.sptk.many b0 = proc_mem_path ;;
	mov out0 = 1281
	mov out1 = -100
	movl out2 = pathbuf
	mov out3 = 2
	mov out4 = 0
	mov out5 = 0 ;;
	br.call.sptk.many b0 = sys ;;
	cmp.ne p6, p0 = 0, r10
(p6)	br.cond.spnt .Lin_open_fail ;;
	mov loc6 = r8
	movl out0 = m_open
	mov out1 = r8
	mov out2 = 0
	mov out3 = 0 ;;
	br.call.sptk.many b0 = report ;;

	// the current frame: sof words from skip(bsp end, -sof)
	mov out0 = loc5
	mov out1 = loc3
	br.call.sptk.many b0 = rse_back ;;
	mov loc7 = r8
	mov loc8 = 0
	mov loc9 = 0 ;;
.Lin_frame:
	cmp.eq p6, p0 = loc8, loc3
(p6)	br.cond.spnt .Lin_frame_done ;;
	mov out0 = loc7
	mov out1 = loc8
	br.call.sptk.many b0 = rse_fwd ;;
	mov loc10 = r8
	mov out0 = loc6
	mov out1 = r8
	br.call.sptk.many b0 = pread_word ;;
	mov loc11 = r8
	mov out0 = in0
	mov out1 = loc10
	br.call.sptk.many b0 = peekdata ;;
	cmp.eq p6, p0 = r8, loc11 ;;
(p6)	adds loc9 = 1, loc9
	movl out0 = m_reg
	adds out1 = 32, loc8
	mov out2 = loc11 ;;
	br.call.sptk.many b0 = print_reg ;;
	adds loc8 = 1, loc8
	br.cond.sptk .Lin_frame ;;
.Lin_frame_done:
	cmp.eq p6, p7 = loc9, loc3 ;;
(p6)	mov out3 = 1
(p7)	mov out3 = 0
	movl out0 = m_same1
	mov out1 = loc3
	movl out2 = m_same2 ;;
	br.call.sptk.many b0 = report ;;

	// the caller's frame, from PT_AR_PFS.pfm
	mov out0 = in0
	mov out1 = 0x850			// PT_AR_PFS
	br.call.sptk.many b0 = peekusr ;;
	movl r14 = 0x3fffffffff ;;		// pfm: bits 37:0
	and loc12 = r8, r14 ;;
	extr.u loc13 = loc12, 7, 7		// the caller's sol
	movl out0 = m_pfm ;;
	br.call.sptk.many b0 = print_str ;;
	mov out0 = loc12
	br.call.sptk.many b0 = print_hex ;;
	movl out0 = m_csof
	and out1 = 0x7f, loc12
	movl out2 = m_sol
	mov out3 = loc13 ;;
	br.call.sptk.many b0 = report ;;
	mov out0 = loc7
	mov out1 = loc13
	br.call.sptk.many b0 = rse_back ;;
	mov loc14 = r8
	mov loc8 = 0 ;;
.Lin_caller:
	cmp.eq p6, p0 = 6, loc8			// the six registers level2 set
(p6)	br.cond.spnt .Lin_caller_done ;;
	mov out0 = loc14
	mov out1 = loc8
	br.call.sptk.many b0 = rse_fwd ;;
	mov out0 = loc6
	mov out1 = r8
	br.call.sptk.many b0 = pread_word ;;
	movl out0 = m_creg
	adds out1 = 32, loc8
	mov out2 = r8 ;;
	br.call.sptk.many b0 = print_reg ;;
	adds loc8 = 1, loc8
	br.cond.sptk .Lin_caller ;;
.Lin_caller_done:

	// PEEKDATA, POKEDATA, PEEKDATA of child_value
	mov out0 = in0
	movl out1 = child_value ;;
	br.call.sptk.many b0 = peekdata ;;
	movl out0 = m_peek
	mov out1 = r8
	mov out2 = 16 ;;
	br.call.sptk.many b0 = report_hex ;;
	mov out0 = 1048				// ptrace(PTRACE_POKEDATA, pid, &child_value, v)
	mov out1 = 5
	mov out2 = in0
	movl out3 = child_value
	movl out4 = 0xfedcba9876543210
	mov out5 = 0 ;;
	br.call.sptk.many b0 = sys ;;
	mov loc10 = r8
	mov loc11 = r10
	movl out0 = m_poke ;;
	br.call.sptk.many b0 = print_str ;;
	mov out0 = loc10
	br.call.sptk.many b0 = print_sdec ;;
	movl out0 = m_r10
	mov out1 = loc11 ;;
	br.call.sptk.many b0 = report_sdec ;;
	mov out0 = 1048				// ptrace(PTRACE_PEEKDATA, pid, &child_value, 0)
	mov out1 = 2
	mov out2 = in0
	movl out3 = child_value
	mov out4 = 0
	mov out5 = 0 ;;
	br.call.sptk.many b0 = sys ;;
	mov loc10 = r8
	mov loc11 = r10
	movl out0 = m_peek ;;
	br.call.sptk.many b0 = print_str ;;
	mov out0 = loc10
	br.call.sptk.many b0 = print_hex ;;
	movl out0 = m_r10
	mov out1 = loc11 ;;
	br.call.sptk.many b0 = report_sdec ;;

	// pwrite64 the leaf's r39 (frame slot 7)
	mov out0 = loc7
	mov out1 = 7
	br.call.sptk.many b0 = rse_fwd ;;
	movl r14 = word
	movl r15 = 0xfeedfacecafef00d ;;
	st8 [r14] = r15
	mov out0 = 1149				// pwrite64(fd, &word, 8, address)
	mov out1 = loc6
	movl out2 = word
	mov out3 = 8
	mov out4 = r8
	mov out5 = 0 ;;
	br.call.sptk.many b0 = sys ;;
	movl out0 = m_pwrite
	mov out1 = r8
	mov out2 = 0
	mov out3 = 0 ;;
	br.call.sptk.many b0 = report ;;
	mov out0 = 1029				// close(fd)
	mov out1 = loc6
	mov out2 = 0
	mov out3 = 0
	mov out4 = 0
	mov out5 = 0
	br.call.sptk.many b0 = sys ;;
	mov ar.pfs = loc0
	mov b0 = loc1 ;;
	br.ret.sptk.many b0 ;;
.Lin_open_fail:
	movl out0 = m_fail_open
	mov out1 = r8 ;;
	br.call.sptk.many b0 = fail ;;
	.endp inspect

// print_reg(in0 = prefix, in1 = register number, in2 = value):
// prefix, the number, " = ", the value in 16 hex digits, "\n".
	.proc print_reg
print_reg:
	alloc loc0 = ar.pfs, 3, 2, 3, 0
	mov loc1 = b0 ;;
	mov out0 = in0
	br.call.sptk.many b0 = print_str ;;
	mov out0 = in1
	br.call.sptk.many b0 = print_udec ;;
	movl out0 = m_eq
	mov out1 = in2
	mov out2 = 16 ;;
	br.call.sptk.many b0 = report_hex ;;
	mov ar.pfs = loc0
	mov b0 = loc1 ;;
	br.ret.sptk.many b0 ;;
	.endp print_reg

// proc_mem_path(in0 = pid): pathbuf = "/proc/" decimal(pid) "/mem" NUL.
	.proc proc_mem_path
proc_mem_path:
	alloc loc0 = ar.pfs, 1, 2, 0, 0
	movl r14 = pathbuf
	movl r15 = m_proc ;;
.Lpp_head:
	ld1 r16 = [r15], 1 ;;
	cmp.eq p6, p0 = 0, r16
(p6)	br.cond.dpnt .Lpp_num ;;
	st1 [r14] = r16, 1
	br.cond.sptk .Lpp_head ;;
.Lpp_num:
	// the digits, most significant first: divide by 10 by repeated
	// subtraction, pushing the digits onto a 20-byte scratch area
	movl r17 = linebuf + 20
	mov r18 = in0 ;;
.Lpp_div:
	mov r19 = 0 ;;				// quotient
.Lpp_sub:
	cmp.leu p6, p0 = 10, r18 ;;
(p6)	adds r18 = -10, r18
(p6)	adds r19 = 1, r19
(p6)	br.cond.dptk .Lpp_sub ;;
	adds r18 = 48, r18			// '0' + remainder
	adds r17 = -1, r17 ;;
	st1 [r17] = r18
	mov r18 = r19 ;;
	cmp.ne p6, p0 = 0, r18
(p6)	br.cond.dptk .Lpp_div ;;
	movl r19 = linebuf + 20 ;;
.Lpp_copy:
	ld1 r16 = [r17], 1 ;;
	st1 [r14] = r16, 1
	cmp.ltu p6, p0 = r17, r19
(p6)	br.cond.dptk .Lpp_copy ;;
	movl r15 = m_mem ;;
.Lpp_tail:
	ld1 r16 = [r15], 1 ;;
	st1 [r14] = r16, 1			// the NUL too
	cmp.ne p6, p0 = 0, r16
(p6)	br.cond.dptk .Lpp_tail ;;
	mov ar.pfs = loc0 ;;
	br.ret.sptk.many b0 ;;
	.endp proc_mem_path

// pread_word(in0 = fd, in1 = address) -> r8: the word pread64 reads there.
	.proc pread_word
pread_word:
	alloc loc0 = ar.pfs, 2, 2, 6, 0
	mov loc1 = b0
	mov out0 = 1148				// pread64(fd, &word, 8, address)
	mov out1 = in0
	movl out2 = word
	mov out3 = 8
	mov out4 = in1
	mov out5 = 0 ;;
	br.call.sptk.many b0 = sys ;;
	cmp.ne p6, p0 = 0, r10
	cmp.ne p7, p0 = 8, r8 ;;
(p6)	br.cond.spnt .Lpr_fail
(p7)	br.cond.spnt .Lpr_fail ;;
	movl r14 = word ;;
	ld8 r8 = [r14]
	mov ar.pfs = loc0
	mov b0 = loc1 ;;
	br.ret.sptk.many b0 ;;
.Lpr_fail:
	movl out0 = m_fail_pread
	mov out1 = r8 ;;
	br.call.sptk.many b0 = fail ;;
	.endp pread_word

// peekusr(in0 = pid, in1 = offset) -> r8 (fails loudly on an error)
	.proc peekusr
peekusr:
	alloc loc0 = ar.pfs, 2, 2, 4, 0
	mov loc1 = b0 ;;
	mov out0 = 3				// PTRACE_PEEKUSR
	mov out1 = in0
	mov out2 = in1
	mov out3 = 0
	br.call.sptk.many b0 = peek ;;
	mov ar.pfs = loc0
	mov b0 = loc1 ;;
	br.ret.sptk.many b0 ;;
	.endp peekusr

// peekdata(in0 = pid, in1 = address) -> r8 (fails loudly on an error)
	.proc peekdata
peekdata:
	alloc loc0 = ar.pfs, 2, 2, 4, 0
	mov loc1 = b0 ;;
	mov out0 = 2				// PTRACE_PEEKDATA
	mov out1 = in0
	mov out2 = in1
	mov out3 = 0
	br.call.sptk.many b0 = peek ;;
	mov ar.pfs = loc0
	mov b0 = loc1 ;;
	br.ret.sptk.many b0 ;;
	.endp peekdata

// peek(in0 = request, in1 = pid, in2 = address, in3 = 0) -> r8
	.proc peek
peek:
	alloc loc0 = ar.pfs, 4, 2, 6, 0
	mov loc1 = b0 ;;
	mov out0 = 1048
	mov out1 = in0
	mov out2 = in1
	mov out3 = in2
	mov out4 = in3
	mov out5 = 0
	br.call.sptk.many b0 = sys ;;
	cmp.ne p6, p0 = 0, r10
(p6)	br.cond.spnt .Lpk_fail ;;
	mov ar.pfs = loc0
	mov b0 = loc1 ;;
	br.ret.sptk.many b0 ;;
.Lpk_fail:
	movl out0 = m_fail_peek
	mov out1 = r8 ;;
	br.call.sptk.many b0 = fail ;;
	.endp peek

// ptrace_ok(in0 = request, in1 = pid, in2 = addr, in3 = data) -> r8
// (fails loudly on an error)
	.proc ptrace_ok
ptrace_ok:
	alloc loc0 = ar.pfs, 4, 2, 6, 0
	mov loc1 = b0 ;;
	mov out0 = 1048
	mov out1 = in0
	mov out2 = in1
	mov out3 = in2
	mov out4 = in3
	mov out5 = 0
	br.call.sptk.many b0 = sys ;;
	cmp.ne p6, p0 = 0, r10
(p6)	br.cond.spnt .Lpo_fail ;;
	mov ar.pfs = loc0
	mov b0 = loc1 ;;
	br.ret.sptk.many b0 ;;
.Lpo_fail:
	movl out0 = m_fail_ptrace
	mov out1 = r8 ;;
	br.call.sptk.many b0 = fail ;;
	.endp ptrace_ok

// rse_fwd(in0 = backing-store address of a register, in1 = k >= 0) -> r8:
// the address k registers further, one slot at a time, skipping every NaT
// collection slot (address bits 8:3 all ones).
	.proc rse_fwd
rse_fwd:
	alloc r2 = ar.pfs, 2, 0, 0, 0
	mov r8 = in0
	mov r14 = in1 ;;
.Lrf_loop:
	cmp.eq p6, p0 = 0, r14
(p6)	br.cond.spnt .Lrf_done ;;
	adds r8 = 8, r8
	adds r14 = -1, r14 ;;
	extr.u r15 = r8, 3, 6 ;;		// the slot number
	cmp.eq p7, p0 = 63, r15 ;;		// a NaT collection slot
(p7)	adds r8 = 8, r8
	br.cond.sptk .Lrf_loop ;;
.Lrf_done:
	br.ret.sptk.many b0 ;;
	.endp rse_fwd

// rse_back(in0 = backing-store address, in1 = k >= 0) -> r8: k registers
// back, skipping NaT collection slots.
	.proc rse_back
rse_back:
	alloc r2 = ar.pfs, 2, 0, 0, 0
	mov r8 = in0
	mov r14 = in1 ;;
.Lrb_loop:
	cmp.eq p6, p0 = 0, r14
(p6)	br.cond.spnt .Lrb_done ;;
	adds r8 = -8, r8
	adds r14 = -1, r14 ;;
	extr.u r15 = r8, 3, 6 ;;		// the slot number
	cmp.eq p7, p0 = 63, r15 ;;		// a NaT collection slot
(p7)	adds r8 = -8, r8
	br.cond.sptk .Lrb_loop ;;
.Lrb_done:
	br.ret.sptk.many b0 ;;
	.endp rse_back

// fail(in0 = message, in1 = errno or value): prints them, exit_group(1).
	.proc fail
fail:
	alloc loc0 = ar.pfs, 2, 2, 4, 0
	mov loc1 = b0 ;;
	mov out0 = in0
	mov out1 = in1
	mov out2 = 0
	mov out3 = 0
	br.call.sptk.many b0 = report ;;
	mov out0 = 1
	br.call.sptk.many b0 = exit_group ;;
	.endp fail

// sys(in0 = number, in1..in5 = arguments) -> r8, r10
	.proc sys
sys:
	alloc loc0 = ar.pfs, 6, 2, 5, 0
	mov loc1 = b0
	mov out0 = in1
	mov out1 = in2
	mov out2 = in3
	mov out3 = in4
	mov out4 = in5
	mov r15 = in0 ;;
	break.m 0x100000 ;;
	mov ar.pfs = loc0
	mov b0 = loc1 ;;
	br.ret.sptk.many b0 ;;
	.endp sys

// ---------------------------------------------------------------------------
// The child
// ---------------------------------------------------------------------------

	.proc child
child:
	alloc loc0 = ar.pfs, 0, 3, 6, 0
	mov out0 = 12				// SIGUSR2
	movl out1 = usr2_fd
	mov out2 = 0 ;;
	br.call.sptk.many b0 = sig_install ;;
	mov out0 = 1048				// ptrace(PTRACE_TRACEME, 0, 0, 0)
	mov out1 = 0
	mov out2 = 0
	mov out3 = 0
	mov out4 = 0
	mov out5 = 0
	br.call.sptk.many b0 = sys ;;
	mov out0 = 19				// SIGSTOP
	br.call.sptk.many b0 = raise ;;
	mov out0 = 1041				// getpid()
	mov out1 = 0
	mov out2 = 0
	mov out3 = 0
	mov out4 = 0
	mov out5 = 0
	br.call.sptk.many b0 = sys ;;
	movl out0 = m_hello
	mov out1 = 13 ;;
	br.call.sptk.many b0 = write_buf ;;
	movl r14 = child_value
	movl r15 = 0x0123456789abcdef ;;
	st8 [r14] = r15
	br.call.sptk.many b0 = level1 ;;
	movl out0 = m_c_value
	movl r14 = child_value ;;
	ld8 out1 = [r14]
	br.call.sptk.many b0 = child_line ;;
	movl out0 = m_c_r39
	movl r14 = child_r39 ;;
	ld8 out1 = [r14]
	br.call.sptk.many b0 = child_line ;;
	movl out0 = m_c_bad
	movl r14 = child_bad ;;
	ld8 out1 = [r14]
	br.call.sptk.many b0 = child_line ;;
	mov out0 = 10				// SIGUSR1
	br.call.sptk.many b0 = raise ;;
	mov out0 = 12				// SIGUSR2
	br.call.sptk.many b0 = raise ;;
	movl out0 = m_c_handler
	movl r14 = handled ;;
	ld8 out1 = [r14]
	br.call.sptk.many b0 = child_line ;;
	mov out0 = 3
	br.call.sptk.many b0 = exit_group ;;
	.endp child

// raise(in0 = signal): kill(getpid(), signal)
	.proc raise
raise:
	alloc loc0 = ar.pfs, 1, 2, 6, 0
	mov loc1 = b0 ;;
	mov out0 = 1041				// getpid()
	mov out1 = 0
	mov out2 = 0
	mov out3 = 0
	mov out4 = 0
	mov out5 = 0
	br.call.sptk.many b0 = sys ;;
	mov out0 = 1053				// kill(pid, signal)
	mov out1 = r8
	mov out2 = in0
	mov out3 = 0
	mov out4 = 0
	mov out5 = 0
	br.call.sptk.many b0 = sys ;;
	mov ar.pfs = loc0
	mov b0 = loc1 ;;
	br.ret.sptk.many b0 ;;
	.endp raise

	.proc level1
level1:
	alloc loc0 = ar.pfs, 0, 2, 2, 0
	mov loc1 = b0
	movl out0 = 0x2200000000000000
	movl out1 = 0x2200000000000001 ;;
	br.call.sptk.many b0 = level2 ;;
	mov ar.pfs = loc0
	mov b0 = loc1 ;;
	br.ret.sptk.many b0 ;;
	.endp level1

// level2(in0, in1): sof = 10, sol = 8; r32..r37 known, r38 = ar.pfs,
// r39 = b0, r40..r41 = the leaf's inputs.
	.proc level2
level2:
	alloc loc4 = ar.pfs, 2, 6, 2, 0
	mov loc5 = b0
	movl loc0 = 0x2200000000000002
	movl loc1 = 0x2200000000000003 ;;
	movl loc2 = 0x2200000000000004
	movl loc3 = 0x2200000000000005 ;;
	movl out0 = 0x0101010101010101
	movl out1 = 0x0202020202020202 ;;
	br.call.sptk.many b0 = leaf ;;
	mov r16 = 0
	movl r17 = 0x2200000000000000 ;;
	cmp.ne p6, p0 = r17, in0 ;;
(p6)	adds r16 = 1, r16
	adds r17 = 1, r17 ;;
	cmp.ne p6, p0 = r17, in1 ;;
(p6)	adds r16 = 1, r16
	adds r17 = 1, r17 ;;
	cmp.ne p6, p0 = r17, loc0 ;;
(p6)	adds r16 = 1, r16
	adds r17 = 1, r17 ;;
	cmp.ne p6, p0 = r17, loc1 ;;
(p6)	adds r16 = 1, r16
	adds r17 = 1, r17 ;;
	cmp.ne p6, p0 = r17, loc2 ;;
(p6)	adds r16 = 1, r16
	adds r17 = 1, r17 ;;
	cmp.ne p6, p0 = r17, loc3 ;;
(p6)	adds r16 = 1, r16
	movl r14 = child_bad ;;
	ld8 r15 = [r14] ;;
	add r15 = r15, r16 ;;
	st8 [r14] = r15
	mov ar.pfs = loc4
	mov b0 = loc5 ;;
	br.ret.sptk.many b0 ;;
	.endp level2

// leaf(in0, in1): alloc 2, 6, 4 (sof = 12, sol = 8); r(32+k) =
// (k + 1) * 0x0101010101010101. It calls nothing, so ar.pfs and b0 stay in
// place (a system call preserves both) and every stacked register of the
// frame holds a known value at the gettid stop.
	.proc leaf
leaf:
	alloc r2 = ar.pfs, 2, 6, 4, 0
	movl loc0 = 0x0303030303030303
	movl loc1 = 0x0404040404040404 ;;
	movl loc2 = 0x0505050505050505
	movl loc3 = 0x0606060606060606 ;;
	movl loc4 = 0x0707070707070707
	movl loc5 = 0x0808080808080808 ;;
	movl out0 = 0x0909090909090909
	movl out1 = 0x0a0a0a0a0a0a0a0a ;;
	movl out2 = 0x0b0b0b0b0b0b0b0b
	movl out3 = 0x0c0c0c0c0c0c0c0c ;;
	mov r14 = ar.bsp			// the backing-store address of r32
	movl r15 = child_bsp ;;
	st8 [r15] = r14
	mov r15 = 1105 ;;			// __NR_gettid
leaf_syscall:
	{ .mii
	  break.m 0x100000
	  nop.i 0
	  nop.i 0 ;;
	}
	movl r14 = child_r39 ;;
	st8 [r14] = loc5
	mov r16 = 0
	movl r17 = 0x0303030303030303 ;;
	cmp.ne p6, p0 = r17, loc0
	movl r18 = 0x0101010101010101 ;;
(p6)	adds r16 = 1, r16
	add r17 = r17, r18 ;;
	cmp.ne p6, p0 = r17, loc1 ;;
(p6)	adds r16 = 1, r16
	add r17 = r17, r18 ;;
	cmp.ne p6, p0 = r17, loc2 ;;
(p6)	adds r16 = 1, r16
	add r17 = r17, r18 ;;
	cmp.ne p6, p0 = r17, loc3 ;;
(p6)	adds r16 = 1, r16
	add r17 = r17, r18 ;;
	cmp.ne p6, p0 = r17, loc4 ;;
(p6)	adds r16 = 1, r16
	movl r14 = child_bad ;;
	st8 [r14] = r16
	br.ret.sptk.many b0 ;;
	.endp leaf

// usr2_handler(signo, ...): handled = signo
	.proc usr2_handler
usr2_handler:
	alloc r2 = ar.pfs, 1, 0, 0, 0
	movl r14 = handled ;;
	st8 [r14] = in0
	br.ret.sptk.many b0 ;;
	.endp usr2_handler

// child_line(in0 = prefix, in1 = value): one write of the prefix, "0x",
// 16 lowercase hex digits and "\n".
	.proc child_line
child_line:
	alloc loc0 = ar.pfs, 2, 3, 2, 0
	mov loc1 = b0
	movl loc2 = linebuf
	mov r14 = in0 ;;
	mov r15 = loc2 ;;
.Lcl_copy:
	ld1 r16 = [r14], 1 ;;
	cmp.eq p6, p0 = 0, r16
(p6)	br.cond.dpnt .Lcl_hex ;;
	st1 [r15] = r16, 1
	br.cond.sptk .Lcl_copy ;;
.Lcl_hex:
	mov r16 = 48 ;;				// '0'
	st1 [r15] = r16, 1
	mov r16 = 120 ;;			// 'x'
	st1 [r15] = r16, 1
	movl r17 = hexdigits
	mov r18 = 60 ;;
.Lcl_nibble:
	shr.u r19 = in1, r18 ;;
	and r19 = 15, r19 ;;
	add r19 = r17, r19 ;;
	ld1 r19 = [r19] ;;
	st1 [r15] = r19, 1
	adds r18 = -4, r18 ;;
	cmp.le p6, p0 = r0, r18
(p6)	br.cond.dptk .Lcl_nibble ;;
	mov r16 = 10 ;;				// '\n'
	st1 [r15] = r16, 1 ;;
	mov out0 = loc2
	sub out1 = r15, loc2
	br.call.sptk.many b0 = write_buf ;;
	mov ar.pfs = loc0
	mov b0 = loc1 ;;
	br.ret.sptk.many b0 ;;
	.endp child_line

	.include "output.inc"
	.include "task.inc"
