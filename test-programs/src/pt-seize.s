// pt-seize: PTRACE_SEIZE, INTERRUPT and LISTEN, group stops under SEIZE and
// after ATTACH, DETACH, and the first stop of a child auto-attached under
// SEIZE. Output lines "label = N" (statuses "label = 0x%08x"); the host test
// guest-kernel/tests/ptrace.rs (ptrace_seize_and_group_stops) checks them.
//
//   C (a child) calls sched_yield forever. The parent: SEIZE (0); INTERRUPT
//   (0): 0x80057f, si_code 0x8005 (SIGTRAP | PTRACE_EVENT_STOP << 8); CONT;
//   kill(C, SIGSTOP): the signal-delivery stop 0x137f (si_code SI_USER,
//   si_pid the parent); CONT with SIGSTOP: the group stop, under SEIZE
//   0x80137f, with a siginfo (si_signo 19, si_code 0x8013); LISTEN (0),
//   PEEKDATA while listening (ESRCH), wait4 WNOHANG (0: nothing to report);
//   kill(C, SIGCONT): the listening tracee traps (0x80057f: the group is no
//   longer stopped, so SIGTRAP); CONT: the SIGCONT signal-delivery stop
//   (0x127f); CONT; INTERRUPT (0x80057f); DETACH (0); PEEKDATA (ESRCH).
//   ATTACH (0): the SIGSTOP it sends is reported as a signal-delivery stop
//   (0x137f) whose si_code is SI_KERNEL (128: send_sig_info(SIGSTOP,
//   SEND_SIG_PRIV)); CONT with SIGSTOP: the group stop after ATTACH (0x137f)
//   has no siginfo (GETSIGINFO: EINVAL); INTERRUPT and LISTEN on an attached
//   (not seized) tracee (EIO); KILL: 0x9.
//   D (a child) sleeps 10 ms, forks G (which exits 9) and exits 0; the
//   parent SEIZEs D at once with PTRACE_O_TRACEFORK: D's FORK event
//   (0x1057f), G's first stop (0x80057f, si_code 0x8005: a child attached
//   under SEIZE starts with a PTRACE_EVENT_STOP trap, not SIGSTOP); G is
//   resumed and reaped (0x900) before D, so D then reports the SIGCHLD of
//   G's reaping (0x117f), and exits (0x0).
// Exit status 0.
//
// Numbers: ptrace requests PEEKDATA 2, CONT 7, KILL 8, ATTACH 16, DETACH 17,
// GETEVENTMSG 0x4201, GETSIGINFO 0x4202, SEIZE 0x4206, INTERRUPT 0x4207,
// LISTEN 0x4208; PTRACE_O_TRACEFORK 2; syscalls getpid 1041, kill 1053,
// wait4 1126 (WNOHANG 1), nanosleep 1168, sched_yield 1164; SIGCONT 18,
// SIGSTOP 19; ESRCH 3, EIO 5, EINVAL 22.

	.include "ptrace-macros.inc"

	.data
	.align 8
ten_ms:		data8 0, 10000000		// struct timespec

	.bss
	.align 8
siginfo:	.skip 128
msg:		.skip 8
st:		.skip 8

	.text
	.global _start
	.proc _start
_start:
	alloc loc0 = ar.pfs, 0, 10, 6, 0 ;;
	movl loc6 = siginfo ;;
	br.call.sptk.many b0 = fork ;;
	cmp.eq p6, p0 = 0, r8
(p6)	br.cond.spnt .Lc ;;
	mov loc2 = r8
	SYS 1041				// getpid
	mov loc7 = r8
	PTRACE 0x4206, loc2, 0, 0		// SEIZE
	RES "seize"
	PTRACE 0x4207, loc2, 0, 0		// INTERRUPT
	RES "interrupt"
	mov out0 = loc2
	mov out1 = 0
	br.call.sptk.many b0 = wstat ;;
	HEX "interrupt_status", r8
	mov out0 = loc2
	br.call.sptk.many b0 = si_code ;;
	DEC "interrupt_si_code", r8
	PTRACE 7, loc2, 0, 0
	RES "cont"
	SYS 1053, loc2, 19			// kill(C, SIGSTOP)
	RES "kill_sigstop"
	mov out0 = loc2
	mov out1 = 0
	br.call.sptk.many b0 = wstat ;;
	HEX "sigstop_delivery_status", r8
	mov out0 = loc2
	br.call.sptk.many b0 = si_code ;;
	DEC "sigstop_si_code", r8
	adds r14 = 16, loc6 ;;
	ld4 r14 = [r14] ;;			// si_pid
	cmp.eq p6, p7 = r14, loc7 ;;
(p6)	mov r15 = 1
(p7)	mov r15 = 0 ;;
	DEC "sigstop_si_pid_is_parent", r15
	PTRACE 7, loc2, 0, 19			// CONT, injecting SIGSTOP
	RES "cont_inject_sigstop"
	mov out0 = loc2
	mov out1 = 0
	br.call.sptk.many b0 = wstat ;;
	HEX "group_stop_status", r8
	mov out0 = loc2
	br.call.sptk.many b0 = si_code ;;
	DEC "group_stop_si_code", r8
	ld4 r14 = [loc6] ;;
	DEC "group_stop_si_signo", r14
	PTRACE 0x4208, loc2, 0, 0		// LISTEN
	RES "listen"
	PTRACE 2, loc2, loc6, 0
	RES "peek_listening"
	movl r14 = st ;;
	SYS 1126, loc2, r14, 1			// wait4(C, &st, WNOHANG, NULL)
	RES "listening_wnohang"
	SYS 1053, loc2, 18			// kill(C, SIGCONT)
	RES "kill_sigcont"
	mov out0 = loc2
	mov out1 = 0
	br.call.sptk.many b0 = wstat ;;
	HEX "continued_status", r8
	PTRACE 7, loc2, 0, 0
	mov out0 = loc2
	mov out1 = 0
	br.call.sptk.many b0 = wstat ;;
	HEX "sigcont_delivery_status", r8
	PTRACE 7, loc2, 0, 0
	PTRACE 0x4207, loc2, 0, 0
	mov out0 = loc2
	mov out1 = 0
	br.call.sptk.many b0 = wstat ;;
	HEX "interrupt2_status", r8
	PTRACE 17, loc2, 0, 0			// DETACH
	RES "detach"
	PTRACE 2, loc2, loc6, 0
	RES "peek_detached"
	PTRACE 16, loc2, 0, 0			// ATTACH
	RES "attach"
	mov out0 = loc2
	mov out1 = 0
	br.call.sptk.many b0 = wstat ;;
	HEX "attach_stop_status", r8
	mov out0 = loc2
	br.call.sptk.many b0 = si_code ;;
	DEC "attach_si_code", r8
	PTRACE 7, loc2, 0, 19			// CONT with SIGSTOP: a group stop
	mov out0 = loc2
	mov out1 = 0
	br.call.sptk.many b0 = wstat ;;
	HEX "attach_group_stop_status", r8
	mov out0 = loc2
	br.call.sptk.many b0 = si_code ;;
	DEC "attach_group_stop_getsiginfo", r8
	PTRACE 0x4207, loc2, 0, 0
	RES "interrupt_attached"
	PTRACE 0x4208, loc2, 0, 0
	RES "listen_attached"
	PTRACE 8, loc2, 0, 0			// KILL
	mov out0 = loc2
	mov out1 = 0
	br.call.sptk.many b0 = wstat ;;
	HEX "kill_status", r8

	// D: seized with TRACEFORK before it forks
	br.call.sptk.many b0 = fork ;;
	cmp.eq p6, p0 = 0, r8
(p6)	br.cond.spnt .Ld ;;
	mov loc3 = r8
	PTRACE 0x4206, r8, 0, 2			// SEIZE with PTRACE_O_TRACEFORK
	RES "seize_tracefork"
	mov out0 = loc3
	mov out1 = 0
	br.call.sptk.many b0 = wstat ;;
	HEX "d_fork_status", r8
	movl r14 = msg ;;
	PTRACE 0x4201, loc3, 0, r14		// GETEVENTMSG: G
	movl r14 = msg ;;
	ld8 loc4 = [r14] ;;
	mov out0 = loc4
	mov out1 = 0
	br.call.sptk.many b0 = wstat ;;
	HEX "g_first_status", r8
	mov out0 = loc4
	br.call.sptk.many b0 = si_code ;;
	DEC "g_first_si_code", r8
	PTRACE 7, loc4, 0, 0
	mov out0 = loc4
	mov out1 = 0
	br.call.sptk.many b0 = wstat ;;
	HEX "g_exit", r8
	PTRACE 7, loc3, 0, 0			// D: SIGCHLD for G first
	mov out0 = loc3
	mov out1 = 0
	br.call.sptk.many b0 = wstat ;;
	HEX "d_sigchld_status", r8
	PTRACE 7, loc3, 0, 0
	mov out0 = loc3
	mov out1 = 0
	br.call.sptk.many b0 = wstat ;;
	HEX "d_exit", r8
	mov out0 = 0
	br.call.sptk.many b0 = exit_group ;;

.Lc:						// C: sched_yield forever
	mov r15 = 1164 ;;
.Lc_loop:
	mov r15 = 1164 ;;
	break.m 0x100000 ;;
	br.cond.sptk.few .Lc_loop ;;

.Ld:						// D
	movl r14 = ten_ms ;;
	SYS 1168, r14, 0			// nanosleep
	br.call.sptk.many b0 = fork ;;
	cmp.eq p6, p7 = 0, r8 ;;
(p6)	mov out0 = 9
(p7)	mov out0 = 0
	br.call.sptk.many b0 = exit_group ;;
	.endp _start

// si_code(in0 = pid) -> r8: PTRACE_GETSIGINFO's si_code (or -errno)
	.proc si_code
si_code:
	alloc loc0 = ar.pfs, 1, 2, 4, 0
	mov loc1 = b0 ;;
	movl r14 = siginfo ;;
	PTRACE 0x4202, in0, 0, r14
	cmp.ne p6, p0 = 0, r10 ;;
(p6)	sub r8 = r0, r8
(p6)	br.cond.spnt .Lsc_done ;;
	movl r14 = siginfo + 8 ;;
	ld4 r14 = [r14] ;;
	sxt4 r8 = r14
.Lsc_done:
	mov ar.pfs = loc0
	mov b0 = loc1 ;;
	br.ret.sptk.many b0 ;;
	.endp si_code

	.include "ptrace.inc"
	.include "output.inc"
	.include "task.inc"
