// waitid-faults: waitid and its siginfo, fault signals caught with SA_SIGINFO
// handlers (SIGBUS, SIGFPE, SIGTRAP, SIGILL from break), tkill, SA_RESETHAND,
// and wait4 interrupted by a handler with and without SA_RESTART.
//
//   Every system call goes through `sys`, which returns the result, or
//   -errno when r10 = -1; "result = X" prints that number.
//
//   1. waitid(idtype, id, &info, options, NULL) (kernel/exit.c
//      SYSCALL_DEFINE5(waitid)): it writes exactly six fields of the
//      siginfo: si_signo @0, si_errno @4, si_code @8, si_pid @16, si_uid @20,
//      si_status @24 (CLD_EXITED: the exit code; CLD_KILLED: the signal),
//      and returns 0. Before each call `info` is filled with 0xa5 bytes;
//      bytes 12..15 (padding) and 28..127 (si_utime, si_stime, the rest)
//      must still hold them afterwards.
//      a. A child exits with status 5: waitid(P_PID = 1, pid, WEXITED = 4)
//         gives SIGCHLD (17), CLD_EXITED (1), the child's pid, status 5.
//      b. A second child spins on sched_yield. waitid(P_PID, pid,
//         WEXITED | WNOHANG) returns 0 and zeroes the six fields (si_pid 0,
//         si_signo 0). Then kill(pid, SIGTERM); waitid(P_PID, pid,
//         WEXITED | WNOWAIT (0x01000000)) reports CLD_KILLED (2), status 15
//         and leaves the zombie, so waitid(P_ALL = 0, 0, WEXITED) reports it
//         again and reaps it. A last waitid(P_ALL, 0, WEXITED) fails with
//         ECHILD (10).
//   2. Fault signals, one SA_SIGINFO handler for SIGBUS, SIGFPE, SIGTRAP and
//      SIGILL. It prints si_signo, si_code, si_addr minus a base _start
//      stores in exp_base, si_imm @24 (int), si_flags @28 (int), si_isr @32
//      (ia64 _sigfault = { si_addr, si_imm, si_flags, si_isr }), and sc_ip
//      (sigcontext @40, = cr.iip + psr.ri) minus the faulting bundle; then it
//      moves sc_ip to the next slot (the next bundle after slot 2) and
//      returns, and _start checks what ran.
//      a. prctl(PR_SET_UNALIGN = 6, PR_UNALIGN_SIGBUS = 2) first: Linux/ia64
//         emulates unaligned user loads in the kernel
//         (arch/ia64/kernel/unaligned.c ia64_handle_unaligned) unless the
//         thread asked for SIGBUS; prctl(PR_GET_UNALIGN = 5, &v) then reads
//         back v = 2 (arch/ia64/include/asm/processor.h GET_UNALIGN_CTL).
//      b. ld8 from buffer + 60 (buffer 64-byte aligned: 4 mod 8, crossing
//         an 8-, a 16- and a 64-byte boundary; with psr.ac = 0 whether a
//         misaligned access faults is implementation-specific, and one
//         crossing these boundaries is left to software: Unaligned Data
//         Reference fault), slot 0 of bus_bundle: SIGBUS, BUS_ADRALN (1),
//         si_addr = the data address (base = buffer: 60), si_imm 0,
//         si_flags 0, si_isr 0 (force_sig_fault(SIGBUS, BUS_ADRALN, ifa, 0,
//         0, 0)). The load's target keeps its old value; slot 1 runs.
//      c. break.m 1 in slot 1 of fpe_bundle: SIGFPE, FPE_INTDIV (1)
//         (arch/ia64/kernel/traps.c ia64_bad_break: si_addr = cr.iip +
//         psr.ri, si_imm = the immediate, si_flags and si_isr 0).
//      d. break.i 0x80000 in slot 2 of trap_bundle: SIGTRAP, TRAP_BRKPT (1),
//         si_imm 524288; the handler resumes at the next bundle.
//      e. break.m 0x40000 in slot 0 of ill_bundle: 0x40000..0x7ffff is
//         SIGILL with __ILL_BREAK (10) in ia64_bad_break (0x80000 and above:
//         SIGTRAP).
//   3. tkill(gettid(), SIGUSR2) (SIGUSR2 = 12, SA_SIGINFO): the handler sees
//      si_code SI_TKILL (-6) and si_pid = getpid().
//   4. SIGUSR1 (10) with SA_SIGINFO | SA_RESETHAND (0x80000004):
//      kill(getpid(), SIGUSR1) runs the handler once (SI_USER, 0) and the
//      handler becomes SIG_DFL (kernel/signal.c get_signal: SA_ONESHOT
//      resets sa_handler only; sa_flags and sa_mask stay), as
//      rt_sigaction(SIGUSR1, NULL, &old, 8) shows; a forked child (which
//      inherits SIG_DFL) then raises SIGUSR1 and dies of it: wait4 status
//      0x000a.
//   5. SIGUSR2 with SA_SIGINFO only. A child sleeps 10 ms (so the parent
//      is asleep in wait4), sends SIGUSR2 to getppid(), sleeps 1 ms and
//      exits with 6. The parent's wait4(pid, &st, 0, NULL) is interrupted:
//      -ERESTARTSYS becomes EINTR (4) when the handler has no SA_RESTART
//      (arch/ia64/kernel/signal.c ia64_do_signal); wait4 again reaps the
//      child (0x0600). With SA_SIGINFO | SA_RESTART (0x10000004) the same
//      child (exit 7) makes the handler run but wait4 is restarted and
//      returns the pid (0x0700).
//   The children never print (except on a failure the output shows).
//
// Expected stdout: see expected/waitid-faults.stdout (written by
// models/tasks.py); the handler's lines appear where the signal is
// delivered:
//   waitid-faults
//   -- waitid
//   waitid(P_PID, child, WEXITED): result = 0
//     si_signo = 17, si_code = 1
//     si_pid is the child = 1, si_status = 5
//     si_errno = 0, bytes 12..15 and 28..127 untouched = 1
//   waitid(P_PID, child, WEXITED | WNOHANG) while it runs: result = 0
//     si_signo = 0, si_code = 0
//     si_pid is the child = 0, si_status = 0
//     si_errno = 0, bytes 12..15 and 28..127 untouched = 1
//     si_pid = 0
//   kill(child, SIGTERM): result = 0
//   waitid(P_PID, child, WEXITED | WNOWAIT): result = 0
//     si_signo = 17, si_code = 2
//     si_pid is the child = 1, si_status = 15
//     si_errno = 0, bytes 12..15 and 28..127 untouched = 1
//   waitid(P_ALL, 0, WEXITED): result = 0
//     si_signo = 17, si_code = 2
//     si_pid is the child = 1, si_status = 15
//     si_errno = 0, bytes 12..15 and 28..127 untouched = 1
//   waitid(P_ALL, 0, WEXITED) with no children: result = -10
//   -- fault signals
//   prctl(PR_SET_UNALIGN, PR_UNALIGN_SIGBUS): result = 0
//   prctl(PR_GET_UNALIGN): result = 0, value = 2
//   rt_sigaction SIGBUS, SIGFPE, SIGTRAP, SIGILL: failures = 0
//   ld8 from buffer + 60
//   handler: signo = 7, si_signo = 7
//   handler: si_code = 1
//   handler: si_addr - base = 60
//   handler: si_imm = 0, si_flags = 0
//   handler: si_isr = 0
//   handler: sc_ip - faulting bundle = 0
//   after SIGBUS: the load's target unchanged = 1, slot 1 ran: counter = 41
//   break.m 1 in slot 1
//   handler: signo = 8, si_signo = 8
//   handler: si_code = 1
//   handler: si_addr - base = 1
//   handler: si_imm = 1, si_flags = 0
//   handler: si_isr = 0
//   handler: sc_ip - faulting bundle = 1
//   after SIGFPE: slot 2 ran: counter = 6
//   break.i 0x80000 in slot 2
//   handler: signo = 5, si_signo = 5
//   handler: si_code = 1
//   handler: si_addr - base = 2
//   handler: si_imm = 524288, si_flags = 0
//   handler: si_isr = 0
//   handler: sc_ip - faulting bundle = 2
//   after SIGTRAP: the next bundle ran: counter = 11
//   break.m 0x40000 in slot 0
//   handler: signo = 4, si_signo = 4
//   handler: si_code = 10
//   handler: si_addr - base = 0
//   handler: si_imm = 262144, si_flags = 0
//   handler: si_isr = 0
//   handler: sc_ip - faulting bundle = 0
//   after SIGILL: slot 1 ran: counter = 21
//   fault handler runs = 4
//   -- tkill
//   rt_sigaction SIGUSR2, SA_SIGINFO: result = 0
//   handler: signo = 12, si_code = -6
//   handler: si_pid is the sender = 1
//   tkill(gettid(), SIGUSR2): result = 0
//   -- SA_RESETHAND
//   rt_sigaction SIGUSR1, SA_SIGINFO | SA_RESETHAND: result = 0
//   handler: signo = 10, si_code = 0
//   handler: si_pid is the sender = 1
//   kill(getpid(), SIGUSR1): result = 0
//   rt_sigaction(SIGUSR1, NULL, &old): result = 0, sa_handler is SIG_DFL = 1
//     sa_flags = 0x80000004
//   SIGUSR1 in a forked child: wait4 returned the child = 1, status = 0x000a
//   -- SA_RESTART
//   rt_sigaction SIGUSR2, SA_SIGINFO: result = 0
//   handler: signo = 12, si_code = 0
//   handler: si_pid is the sender = 1
//   wait4 without SA_RESTART: result = -4
//   wait4 again: returned the child = 1, status = 0x0600
//   rt_sigaction SIGUSR2, SA_SIGINFO | SA_RESTART: result = 0
//   handler: signo = 12, si_code = 0
//   handler: si_pid is the sender = 1
//   wait4 with SA_RESTART: returned the child = 1, status = 0x0700
//   signal handler runs = 4
// Exit status 0.
//
// Syscalls (1024 + syscall.tbl entry): exit_group = 1236, getpid = 1041,
// getppid = 1042, kill = 1053, gettid = 1105, wait4 = 1126, clone = 1128,
// sched_yield = 1164, nanosleep = 1168, prctl = 1170, rt_sigaction = 1177,
// tkill = 1229, waitid = 1270. fork = clone(SIGCHLD, 0, 0, 0, 0).
// SIGILL 4, SIGTRAP 5, SIGBUS 7, SIGFPE 8, SIGUSR1 10, SIGUSR2 12,
// SIGTERM 15, SIGCHLD 17; SA_SIGINFO 4, SA_RESTART 0x10000000,
// SA_RESETHAND 0x80000000; WNOHANG 1, WEXITED 4, WNOWAIT 0x01000000;
// P_ALL 0, P_PID 1; EINTR 4, ECHILD 10.

	.section .rodata
m_title:	.asciz "waitid-faults\n"
m_sec_wait:	.asciz "-- waitid\n"
m_w1:		.asciz "waitid(P_PID, child, WEXITED): result = "
m_w2:		.asciz "waitid(P_PID, child, WEXITED | WNOHANG) while it runs: result = "
m_w2pid:	.asciz "  si_pid = "
m_kill_c:	.asciz "kill(child, SIGTERM): result = "
m_w3:		.asciz "waitid(P_PID, child, WEXITED | WNOWAIT): result = "
m_w4:		.asciz "waitid(P_ALL, 0, WEXITED): result = "
m_w5:		.asciz "waitid(P_ALL, 0, WEXITED) with no children: result = "
m_i_signo:	.asciz "  si_signo = "
m_i_code:	.asciz ", si_code = "
m_i_pid:	.asciz "  si_pid is the child = "
m_i_status:	.asciz ", si_status = "
m_i_errno:	.asciz "  si_errno = "
m_i_rest:	.asciz ", bytes 12..15 and 28..127 untouched = "
m_sec_flt:	.asciz "-- fault signals\n"
m_prctl_set:	.asciz "prctl(PR_SET_UNALIGN, PR_UNALIGN_SIGBUS): result = "
m_prctl_get:	.asciz "prctl(PR_GET_UNALIGN): result = "
m_value:	.asciz ", value = "
m_inst_flt:	.asciz "rt_sigaction SIGBUS, SIGFPE, SIGTRAP, SIGILL: failures = "
m_bus:		.asciz "ld8 from buffer + 60\n"
m_after_bus:	.asciz "after SIGBUS: the load's target unchanged = "
m_slot1_ran:	.asciz ", slot 1 ran: counter = "
m_fpe:		.asciz "break.m 1 in slot 1\n"
m_after_fpe:	.asciz "after SIGFPE: slot 2 ran: counter = "
m_trap:		.asciz "break.i 0x80000 in slot 2\n"
m_after_trap:	.asciz "after SIGTRAP: the next bundle ran: counter = "
m_ill:		.asciz "break.m 0x40000 in slot 0\n"
m_after_ill:	.asciz "after SIGILL: slot 1 ran: counter = "
m_flt_runs:	.asciz "fault handler runs = "
m_sec_tkill:	.asciz "-- tkill\n"
m_inst_usr2:	.asciz "rt_sigaction SIGUSR2, SA_SIGINFO: result = "
m_tkill:	.asciz "tkill(gettid(), SIGUSR2): result = "
m_sec_reset:	.asciz "-- SA_RESETHAND\n"
m_inst_usr1:	.asciz "rt_sigaction SIGUSR1, SA_SIGINFO | SA_RESETHAND: result = "
m_kill_self:	.asciz "kill(getpid(), SIGUSR1): result = "
m_oldact:	.asciz "rt_sigaction(SIGUSR1, NULL, &old): result = "
m_is_dfl:	.asciz ", sa_handler is SIG_DFL = "
m_old_flags:	.asciz "  sa_flags = "
m_usr1_child:	.asciz "SIGUSR1 in a forked child: wait4 returned the child = "
m_sec_rest:	.asciz "-- SA_RESTART\n"
m_eintr:	.asciz "wait4 without SA_RESTART: result = "
m_again:	.asciz "wait4 again: returned the child = "
m_inst_rest:	.asciz "rt_sigaction SIGUSR2, SA_SIGINFO | SA_RESTART: result = "
m_restarted:	.asciz "wait4 with SA_RESTART: returned the child = "
m_sig_runs:	.asciz "signal handler runs = "
m_status:	.asciz ", status = "
m_h_sig:	.asciz "handler: signo = "
m_h_sisig:	.asciz ", si_signo = "
m_h_code:	.asciz "handler: si_code = "
m_h_addr:	.asciz "handler: si_addr - base = "
m_h_imm:	.asciz "handler: si_imm = "
m_h_flags:	.asciz ", si_flags = "
m_h_isr:	.asciz "handler: si_isr = "
m_h_ip:		.asciz "handler: sc_ip - faulting bundle = "
m_h_code2:	.asciz ", si_code = "
m_h_pid:	.asciz "handler: si_pid is the sender = "
m_fail:		.asciz "fork failed: result = "
m_survived:	.asciz "child survived SIGUSR1\n"

	.data
	.align 8
fault_fd:				// function descriptors: entry, gp
	data8 fault_handler, 0
sig_fd:
	data8 sig_handler, 0
ts_10ms:				// struct timespec { tv_sec, tv_nsec }
	data8 0, 10000000
ts_1ms:
	data8 0, 1000000

	.bss
	.align 64
buffer:	.skip 128			// the unaligned load reads buffer + 60
	.align 8
info:	.skip 128			// the siginfo waitid fills
status:	.skip 8				// the int wait4 writes
unalign: .skip 8			// the int PR_GET_UNALIGN writes
oldact:	.skip 24			// struct sigaction { handler, flags, mask }
exp_base: .skip 8			// what the fault handler subtracts from si_addr
exp_bundle: .skip 8			// ... and from sc_ip
exp_pid: .skip 8			// the si_pid the signal handler expects
fault_runs: .skip 8
sig_runs: .skip 8

// SYS nr, args...: r8 = sys(nr, args) (registers or imm22 values)
	.macro	SYS nr, a0=r0, a1=r0, a2=r0, a3=r0, a4=r0, a5=r0
	mov out0 = \nr
	mov out1 = \a0
	mov out2 = \a1
	mov out3 = \a2
	mov out4 = \a3
	mov out5 = \a4
	mov out6 = \a5
	br.call.sptk.many b0 = sys ;;
	.endm

// FORK: r8 = clone(SIGCHLD, 0, 0, 0, 0); to .Lfail on an error
	.macro	FORK
	SYS 1128, 17				// __NR_clone, SIGCHLD
	cmp.gt p6, p0 = r0, r8
(p6)	br.cond.spnt .Lfail ;;
	.endm

	.text
	.global _start
	.proc _start
_start:
	alloc loc0 = ar.pfs, 0, 16, 8, 0
	movl out0 = m_title ;;
	br.call.sptk.many b0 = print_str ;;
	SYS 1041				// __NR_getpid
	mov loc3 = r8				// our pid

	// ===== 1. waitid ======================================================
	movl out0 = m_sec_wait ;;
	br.call.sptk.many b0 = print_str ;;
	// a. a child that exits with 5
	FORK
	cmp.eq p6, p0 = 0, r8
(p6)	br.cond.spnt .Lc_exit5 ;;
	mov loc1 = r8
	br.call.sptk.many b0 = fill_info ;;
	movl loc5 = info ;;
	SYS 1270, 1, loc1, loc5, 4		// waitid(P_PID, pid, &info, WEXITED)
	mov out1 = r8
	movl out0 = m_w1 ;;
	br.call.sptk.many b0 = report_sdec ;;
	mov out0 = loc1
	br.call.sptk.many b0 = print_info ;;

	// b. a child that spins until it is killed
	FORK
	cmp.eq p6, p0 = 0, r8
(p6)	br.cond.spnt .Lc_spin ;;
	mov loc1 = r8
	br.call.sptk.many b0 = fill_info ;;
	SYS 1270, 1, loc1, loc5, 5		// WEXITED | WNOHANG
	mov out1 = r8
	movl out0 = m_w2 ;;
	br.call.sptk.many b0 = report_sdec ;;
	mov out0 = loc1
	br.call.sptk.many b0 = print_info ;;
	adds r14 = 16, loc5 ;;
	ld4 out1 = [r14]			// si_pid itself
	movl out0 = m_w2pid
	mov out2 = 0
	mov out3 = 0 ;;
	br.call.sptk.many b0 = report ;;
	SYS 1053, loc1, 15			// kill(pid, SIGTERM)
	mov out1 = r8
	movl out0 = m_kill_c ;;
	br.call.sptk.many b0 = report_sdec ;;
	br.call.sptk.many b0 = fill_info ;;
	movl loc6 = 0x01000004 ;;		// WNOWAIT | WEXITED
	SYS 1270, 1, loc1, loc5, loc6
	mov out1 = r8
	movl out0 = m_w3 ;;
	br.call.sptk.many b0 = report_sdec ;;
	mov out0 = loc1
	br.call.sptk.many b0 = print_info ;;
	br.call.sptk.many b0 = fill_info ;;
	SYS 1270, 0, 0, loc5, 4			// waitid(P_ALL, 0, &info, WEXITED)
	mov out1 = r8
	movl out0 = m_w4 ;;
	br.call.sptk.many b0 = report_sdec ;;
	mov out0 = loc1
	br.call.sptk.many b0 = print_info ;;
	br.call.sptk.many b0 = fill_info ;;
	SYS 1270, 0, 0, loc5, 4			// no children left: ECHILD
	mov out1 = r8
	movl out0 = m_w5 ;;
	br.call.sptk.many b0 = report_sdec ;;

	// ===== 2. fault signals ==============================================
	movl out0 = m_sec_flt ;;
	br.call.sptk.many b0 = print_str ;;
	SYS 1170, 6, 2				// prctl(PR_SET_UNALIGN, PR_UNALIGN_SIGBUS)
	mov out1 = r8
	movl out0 = m_prctl_set ;;
	br.call.sptk.many b0 = report_sdec ;;
	movl loc5 = unalign ;;
	st4 [loc5] = r0
	SYS 1170, 5, loc5			// prctl(PR_GET_UNALIGN, &unalign)
	ld4 out3 = [loc5]
	mov out1 = r8
	movl out0 = m_prctl_get
	movl out2 = m_value ;;
	br.call.sptk.many b0 = report_ss ;;
	mov loc2 = 0				// rt_sigaction failures
	mov out0 = 7				// SIGBUS
	br.call.sptk.many b0 = install_fault ;;
	add loc2 = loc2, r8
	mov out0 = 8				// SIGFPE
	br.call.sptk.many b0 = install_fault ;;
	add loc2 = loc2, r8
	mov out0 = 5				// SIGTRAP
	br.call.sptk.many b0 = install_fault ;;
	add loc2 = loc2, r8
	mov out0 = 4				// SIGILL
	br.call.sptk.many b0 = install_fault ;;
	add out1 = loc2, r8
	movl out0 = m_inst_flt
	mov out2 = 0
	mov out3 = 0 ;;
	br.call.sptk.many b0 = report ;;

	// b. an unaligned ld8 in slot 0
	movl out0 = m_bus ;;
	br.call.sptk.many b0 = print_str ;;
	movl r14 = buffer
	movl r15 = exp_base
	movl r16 = bus_bundle
	movl r17 = exp_bundle ;;
	st8 [r15] = r14
	st8 [r17] = r16
	adds loc9 = 60, r14
	movl loc10 = 0x5a5a5a5a5a5a5a5a
	mov loc11 = 40 ;;
	.global bus_bundle
bus_bundle:
	{ .mmi
	  ld8 loc10 = [loc9] ;;			// slot 0: SIGBUS, BUS_ADRALN
	  adds loc11 = 1, loc11			// slot 1: where the handler resumes
	  nop.i 0 ;;
	}
	movl r14 = 0x5a5a5a5a5a5a5a5a ;;
	cmp.eq p6, p7 = r14, loc10 ;;
(p6)	mov out1 = 1
(p7)	mov out1 = 0
	movl out0 = m_after_bus
	movl out2 = m_slot1_ran
	mov out3 = loc11 ;;
	br.call.sptk.many b0 = report ;;

	// c. break.m 1 in slot 1
	movl out0 = m_fpe ;;
	br.call.sptk.many b0 = print_str ;;
	movl r16 = fpe_bundle ;;
	mov out0 = r16
	br.call.sptk.many b0 = set_bases ;;
	.global fpe_bundle
fpe_bundle:
	{ .mmi
	  mov loc11 = 5 ;;			// slot 0
	  break.m 1				// slot 1: SIGFPE, FPE_INTDIV
	  adds loc11 = 1, loc11 ;;		// slot 2: where the handler resumes
	}
	mov out1 = loc11
	movl out0 = m_after_fpe
	mov out2 = 0
	mov out3 = 0 ;;
	br.call.sptk.many b0 = report ;;

	// d. break.i 0x80000 in slot 2
	movl out0 = m_trap ;;
	br.call.sptk.many b0 = print_str ;;
	movl r16 = trap_bundle ;;
	mov out0 = r16
	br.call.sptk.many b0 = set_bases ;;
	.global trap_bundle
trap_bundle:
	{ .mii
	  mov loc11 = 10			// slot 0
	  nop.i 0 ;;
	  break.i 0x80000 ;;			// slot 2: SIGTRAP, TRAP_BRKPT
	}
	{ .mii
	  adds loc11 = 1, loc11			// where the handler resumes
	  nop.i 0
	  nop.i 0 ;;
	}
	mov out1 = loc11
	movl out0 = m_after_trap
	mov out2 = 0
	mov out3 = 0 ;;
	br.call.sptk.many b0 = report ;;

	// e. break.m 0x40000 in slot 0
	movl out0 = m_ill ;;
	br.call.sptk.many b0 = print_str ;;
	movl r16 = ill_bundle ;;
	mov out0 = r16
	br.call.sptk.many b0 = set_bases ;;
	mov loc11 = 20 ;;
	.global ill_bundle
ill_bundle:
	{ .mmi
	  break.m 0x40000 ;;			// slot 0: SIGILL, __ILL_BREAK
	  adds loc11 = 1, loc11			// slot 1: where the handler resumes
	  nop.i 0 ;;
	}
	mov out1 = loc11
	movl out0 = m_after_ill
	mov out2 = 0
	mov out3 = 0 ;;
	br.call.sptk.many b0 = report ;;
	movl r14 = fault_runs ;;
	ld8 out1 = [r14]
	movl out0 = m_flt_runs
	mov out2 = 0
	mov out3 = 0 ;;
	br.call.sptk.many b0 = report ;;

	// ===== 3. tkill =====================================================
	movl out0 = m_sec_tkill ;;
	br.call.sptk.many b0 = print_str ;;
	movl r14 = exp_pid ;;
	st8 [r14] = loc3
	mov out0 = 12				// SIGUSR2
	mov out1 = 4				// SA_SIGINFO
	br.call.sptk.many b0 = install_sig ;;
	mov out1 = r8
	movl out0 = m_inst_usr2 ;;
	br.call.sptk.many b0 = report_sdec ;;
	SYS 1105				// __NR_gettid
	mov loc5 = r8 ;;
	SYS 1229, loc5, 12			// tkill(tid, SIGUSR2)
	mov out1 = r8
	movl out0 = m_tkill ;;
	br.call.sptk.many b0 = report_sdec ;;

	// ===== 4. SA_RESETHAND ===============================================
	movl out0 = m_sec_reset ;;
	br.call.sptk.many b0 = print_str ;;
	mov out0 = 10				// SIGUSR1
	movl out1 = 0x80000004 ;;		// SA_SIGINFO | SA_RESETHAND
	br.call.sptk.many b0 = install_sig ;;
	mov out1 = r8
	movl out0 = m_inst_usr1 ;;
	br.call.sptk.many b0 = report_sdec ;;
	SYS 1053, loc3, 10			// kill(getpid(), SIGUSR1): handled
	mov out1 = r8
	movl out0 = m_kill_self ;;
	br.call.sptk.many b0 = report_sdec ;;
	movl loc5 = oldact ;;
	mov r14 = 1 ;;
	st8 [loc5] = r14			// anything but SIG_DFL
	SYS 1177, 10, 0, loc5, 8		// rt_sigaction(SIGUSR1, NULL, &old, 8)
	ld8 r14 = [loc5]
	mov out1 = r8 ;;
	cmp.eq p6, p7 = 0, r14 ;;		// SIG_DFL = 0
(p6)	mov out3 = 1
(p7)	mov out3 = 0
	movl out0 = m_oldact
	movl out2 = m_is_dfl ;;
	br.call.sptk.many b0 = report_ss ;;
	adds r14 = 8, loc5 ;;
	ld8 out1 = [r14]			// sa_flags: kept
	movl out0 = m_old_flags
	mov out2 = 8 ;;
	br.call.sptk.many b0 = report_hex ;;
	FORK
	cmp.eq p6, p0 = 0, r8
(p6)	br.cond.spnt .Lc_usr1 ;;
	mov loc1 = r8
	movl loc5 = status ;;
	SYS 1126, loc1, loc5			// wait4(pid, &status, 0, NULL)
	movl out0 = m_usr1_child
	mov out1 = r8
	mov out2 = loc1 ;;
	br.call.sptk.many b0 = report_pid_status ;;

	// ===== 5. SA_RESTART =================================================
	movl out0 = m_sec_rest ;;
	br.call.sptk.many b0 = print_str ;;
	mov out0 = 12				// SIGUSR2
	mov out1 = 4				// SA_SIGINFO, no SA_RESTART
	br.call.sptk.many b0 = install_sig ;;
	mov out1 = r8
	movl out0 = m_inst_usr2 ;;
	br.call.sptk.many b0 = report_sdec ;;
	mov loc12 = 6				// the child's exit status
	FORK
	cmp.eq p6, p0 = 0, r8
(p6)	br.cond.spnt .Lc_usr2 ;;
	mov loc1 = r8
	movl r14 = exp_pid ;;
	st8 [r14] = loc1
	movl loc5 = status ;;
	SYS 1126, loc1, loc5			// interrupted by SIGUSR2: EINTR
	mov out1 = r8
	movl out0 = m_eintr ;;
	br.call.sptk.many b0 = report_sdec ;;
	SYS 1126, loc1, loc5			// reaps the child
	movl out0 = m_again
	mov out1 = r8
	mov out2 = loc1 ;;
	br.call.sptk.many b0 = report_pid_status ;;
	mov out0 = 12				// SIGUSR2
	movl out1 = 0x10000004 ;;		// SA_SIGINFO | SA_RESTART
	br.call.sptk.many b0 = install_sig ;;
	mov out1 = r8
	movl out0 = m_inst_rest ;;
	br.call.sptk.many b0 = report_sdec ;;
	mov loc12 = 7
	FORK
	cmp.eq p6, p0 = 0, r8
(p6)	br.cond.spnt .Lc_usr2 ;;
	mov loc1 = r8
	movl r14 = exp_pid ;;
	st8 [r14] = loc1
	movl loc5 = status ;;
	SYS 1126, loc1, loc5			// restarted after the handler
	movl out0 = m_restarted
	mov out1 = r8
	mov out2 = loc1 ;;
	br.call.sptk.many b0 = report_pid_status ;;
	movl r14 = sig_runs ;;
	ld8 out1 = [r14]
	movl out0 = m_sig_runs
	mov out2 = 0
	mov out3 = 0 ;;
	br.call.sptk.many b0 = report ;;
	mov out0 = 0
	br.call.sptk.many b0 = exit_group ;;

	// ----- children --------------------------------------------------------
.Lc_exit5:
	mov out0 = 5
	br.call.sptk.many b0 = exit_group ;;

.Lc_spin:					// sched_yield until killed
	SYS 1164				// __NR_sched_yield
	br.cond.sptk.few .Lc_spin ;;

.Lc_usr1:					// SIGUSR1 is SIG_DFL now: terminates
	SYS 1041				// __NR_getpid
	mov loc5 = r8 ;;
	SYS 1053, loc5, 10			// kill(getpid(), SIGUSR1)
	movl out0 = m_survived ;;
	br.call.sptk.many b0 = print_str ;;
	mov out0 = 99
	br.call.sptk.many b0 = exit_group ;;

.Lc_usr2:					// sleep, signal the parent, sleep, exit
	movl loc5 = ts_10ms ;;
	SYS 1168, loc5				// nanosleep(10 ms, NULL)
	SYS 1042				// __NR_getppid
	mov loc5 = r8 ;;
	SYS 1053, loc5, 12			// kill(getppid(), SIGUSR2)
	movl loc5 = ts_1ms ;;
	SYS 1168, loc5				// nanosleep(1 ms, NULL)
	mov out0 = loc12
	br.call.sptk.many b0 = exit_group ;;

.Lfail:
	mov out1 = r8
	movl out0 = m_fail ;;
	br.call.sptk.many b0 = report_sdec ;;
	mov out0 = 1
	br.call.sptk.many b0 = exit_group ;;
	.endp _start

// sys(in0 = number, in1..in6 = arguments) -> r8 = the result, or -errno
// when the kernel reports an error (r10 = -1)
	.proc sys
sys:
	alloc loc0 = ar.pfs, 7, 2, 6, 0
	mov loc1 = b0
	mov out0 = in1
	mov out1 = in2
	mov out2 = in3
	mov out3 = in4
	mov out4 = in5
	mov out5 = in6
	mov r15 = in0 ;;
	break.m 0x100000 ;;
	cmp.eq p6, p0 = -1, r10 ;;
(p6)	sub r8 = r0, r8
	mov ar.pfs = loc0
	mov b0 = loc1 ;;
	br.ret.sptk.many b0 ;;
	.endp sys

// install_fault(in0 = signo) -> r8 = 1 if rt_sigaction failed, else 0
	.proc install_fault
install_fault:
	alloc loc0 = ar.pfs, 1, 2, 3, 0
	mov loc1 = b0
	mov out0 = in0
	movl out1 = fault_fd
	mov out2 = 4 ;;				// SA_SIGINFO
	br.call.sptk.many b0 = sig_install ;;
	cmp.eq p6, p7 = 0, r10 ;;
(p6)	mov r8 = 0
(p7)	mov r8 = 1
	mov ar.pfs = loc0
	mov b0 = loc1 ;;
	br.ret.sptk.many b0 ;;
	.endp install_fault

// install_sig(in0 = signo, in1 = sa_flags) -> r8 = result or -errno:
// rt_sigaction with sig_handler
	.proc install_sig
install_sig:
	alloc loc0 = ar.pfs, 2, 2, 3, 0
	mov loc1 = b0
	mov out0 = in0
	movl out1 = sig_fd
	mov out2 = in1 ;;
	br.call.sptk.many b0 = sig_install ;;
	cmp.eq p6, p0 = -1, r10 ;;
(p6)	sub r8 = r0, r8
	mov ar.pfs = loc0
	mov b0 = loc1 ;;
	br.ret.sptk.many b0 ;;
	.endp install_sig

// set_bases(in0 = address): exp_base = exp_bundle = in0
	.proc set_bases
set_bases:
	alloc r2 = ar.pfs, 1, 0, 0, 0
	movl r14 = exp_base
	movl r15 = exp_bundle ;;
	st8 [r14] = in0
	st8 [r15] = in0
	br.ret.sptk.many b0 ;;
	.endp set_bases

// fill_info(): info[0..128) = 0xa5
	.proc fill_info
fill_info:
	alloc r2 = ar.pfs, 0, 0, 0, 0
	movl r14 = info
	mov r15 = 0xa5
	mov r16 = 128 ;;
.Lfi_loop:
	st1 [r14] = r15, 1
	adds r16 = -1, r16 ;;
	cmp.ne p6, p0 = 0, r16
(p6)	br.cond.dptk .Lfi_loop ;;
	br.ret.sptk.many b0 ;;
	.endp fill_info

// untouched(in0 = from, in1 = to) -> r8 = 1 if info[from..to) all hold 0xa5
	.proc untouched
untouched:
	alloc r2 = ar.pfs, 2, 0, 0, 0
	movl r14 = info
	mov r17 = 0xa5
	mov r8 = 1 ;;
	add r14 = r14, in0
	sub r16 = in1, in0 ;;
.Lut_loop:
	ld1 r15 = [r14], 1
	adds r16 = -1, r16 ;;
	cmp.ne p6, p0 = r17, r15
	cmp.ne p7, p0 = 0, r16 ;;
(p6)	mov r8 = 0
(p7)	br.cond.dptk .Lut_loop ;;
	br.ret.sptk.many b0 ;;
	.endp untouched

// print_info(in0 = the child's pid): the six siginfo fields waitid writes,
// and whether the bytes it must not write still hold the 0xa5 fill
	.proc print_info
print_info:
	alloc loc0 = ar.pfs, 1, 4, 4, 0
	mov loc1 = b0
	movl loc2 = info ;;
	ld4 out1 = [loc2]			// si_signo
	adds r14 = 8, loc2 ;;
	ld4 r14 = [r14] ;;			// si_code
	sxt4 out3 = r14
	movl out0 = m_i_signo
	movl out2 = m_i_code ;;
	br.call.sptk.many b0 = report_ss ;;
	adds r14 = 16, loc2
	adds r15 = 24, loc2 ;;
	ld4 r14 = [r14]				// si_pid
	ld4 r15 = [r15] ;;			// si_status
	sxt4 out3 = r15
	cmp.eq p6, p7 = r14, in0 ;;
(p6)	mov out1 = 1
(p7)	mov out1 = 0
	movl out0 = m_i_pid
	movl out2 = m_i_status ;;
	br.call.sptk.many b0 = report_ss ;;
	mov out0 = 12				// __pad0
	mov out1 = 16
	br.call.sptk.many b0 = untouched ;;
	mov loc3 = r8
	mov out0 = 28				// after si_status
	mov out1 = 128
	br.call.sptk.many b0 = untouched ;;
	and out3 = r8, loc3
	adds r14 = 4, loc2 ;;
	ld4 r14 = [r14] ;;			// si_errno
	sxt4 out1 = r14
	movl out0 = m_i_errno
	movl out2 = m_i_rest ;;
	br.call.sptk.many b0 = report_ss ;;
	mov ar.pfs = loc0
	mov b0 = loc1 ;;
	br.ret.sptk.many b0 ;;
	.endp print_info

// report_ss(in0 = str1, in1 = num1, in2 = str2, in3 = num2): like report,
// with both numbers signed
	.proc report_ss
report_ss:
	alloc loc0 = ar.pfs, 4, 2, 1, 0
	mov loc1 = b0
	mov out0 = in0 ;;
	br.call.sptk.many b0 = print_str ;;
	mov out0 = in1
	br.call.sptk.many b0 = print_sdec ;;
	cmp.eq p6, p0 = 0, in2
(p6)	br.cond.dpnt .Lrs_end ;;
	mov out0 = in2
	br.call.sptk.many b0 = print_str ;;
	mov out0 = in3
	br.call.sptk.many b0 = print_sdec ;;
.Lrs_end:
	br.call.sptk.many b0 = print_nl ;;
	mov ar.pfs = loc0
	mov b0 = loc1 ;;
	br.ret.sptk.many b0 ;;
	.endp report_ss

// report_pid_status(in0 = message, in1 = wait4's result, in2 = the child's
// pid): message, (in1 == in2), ", status = " and the status word in 4 hex
// digits
	.proc report_pid_status
report_pid_status:
	alloc loc0 = ar.pfs, 3, 3, 3, 0
	mov loc1 = b0
	movl r14 = status ;;
	ld4 loc2 = [r14]
	mov out0 = in0
	br.call.sptk.many b0 = print_str ;;
	cmp.eq p6, p7 = in1, in2 ;;
(p6)	mov out0 = 1
(p7)	mov out0 = 0
	br.call.sptk.many b0 = print_udec ;;
	movl out0 = m_status
	mov out1 = loc2
	mov out2 = 4 ;;
	br.call.sptk.many b0 = report_hex ;;
	mov ar.pfs = loc0
	mov b0 = loc1 ;;
	br.ret.sptk.many b0 ;;
	.endp report_pid_status

// fault_handler(in0 = signo, in1 = siginfo *, in2 = sigcontext *)
	.proc fault_handler
fault_handler:
	alloc loc0 = ar.pfs, 3, 4, 4, 0
	mov loc1 = b0
	movl out0 = m_h_sig
	mov out1 = in0
	movl out2 = m_h_sisig ;;
	ld4 out3 = [in1]			// si_signo
	br.call.sptk.many b0 = report ;;
	adds r14 = 8, in1 ;;
	ld4 r14 = [r14] ;;			// si_code (an int)
	sxt4 out1 = r14
	movl out0 = m_h_code ;;
	br.call.sptk.many b0 = report_sdec ;;
	adds r14 = 16, in1
	movl r15 = exp_base ;;
	ld8 r14 = [r14]				// si_addr
	ld8 r15 = [r15] ;;
	sub out1 = r14, r15
	movl out0 = m_h_addr ;;
	br.call.sptk.many b0 = report_sdec ;;
	adds r14 = 24, in1
	adds r15 = 28, in1 ;;
	ld4 out1 = [r14]			// si_imm
	ld4 out3 = [r15]			// si_flags
	movl out0 = m_h_imm
	movl out2 = m_h_flags ;;
	br.call.sptk.many b0 = report ;;
	adds r14 = 32, in1 ;;
	ld8 out1 = [r14]			// si_isr
	movl out0 = m_h_isr
	mov out2 = 0
	mov out3 = 0 ;;
	br.call.sptk.many b0 = report ;;
	adds loc2 = 40, in2			// &sc_ip
	movl r15 = exp_bundle ;;
	ld8 r14 = [loc2]
	ld8 r15 = [r15] ;;
	sub out1 = r14, r15
	movl out0 = m_h_ip ;;
	br.call.sptk.many b0 = report_sdec ;;
	ld8 r14 = [loc2] ;;			// resume after the faulting slot
	and r15 = 3, r14 ;;
	cmp.eq p6, p7 = 2, r15 ;;
(p6)	and r14 = -4, r14 ;;
(p6)	adds r14 = 16, r14			// slot 2: the next bundle, slot 0
(p7)	adds r14 = 1, r14 ;;			// else: the next slot
	st8 [loc2] = r14
	movl r14 = fault_runs ;;
	ld8 r15 = [r14] ;;
	adds r15 = 1, r15 ;;
	st8 [r14] = r15
	mov ar.pfs = loc0
	mov b0 = loc1 ;;
	br.ret.sptk.many b0 ;;
	.endp fault_handler

// sig_handler(in0 = signo, in1 = siginfo *, in2 = sigcontext *): SIGUSR1,
// SIGUSR2
	.proc sig_handler
sig_handler:
	alloc loc0 = ar.pfs, 3, 2, 4, 0
	mov loc1 = b0
	adds r14 = 8, in1 ;;
	ld4 r14 = [r14] ;;			// si_code
	sxt4 out3 = r14
	movl out0 = m_h_sig
	mov out1 = in0
	movl out2 = m_h_code2 ;;
	br.call.sptk.many b0 = report_ss ;;
	adds r14 = 16, in1
	movl r15 = exp_pid ;;
	ld4 r14 = [r14]				// si_pid
	ld8 r15 = [r15] ;;
	cmp.eq p6, p7 = r14, r15 ;;
(p6)	mov out1 = 1
(p7)	mov out1 = 0
	movl out0 = m_h_pid
	mov out2 = 0
	mov out3 = 0 ;;
	br.call.sptk.many b0 = report ;;
	movl r14 = sig_runs ;;
	ld8 r15 = [r14] ;;
	adds r15 = 1, r15 ;;
	st8 [r14] = r15
	mov ar.pfs = loc0
	mov b0 = loc1 ;;
	br.ret.sptk.many b0 ;;
	.endp sig_handler

	.include "output.inc"
	.include "task.inc"
