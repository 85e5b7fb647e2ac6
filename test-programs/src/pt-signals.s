// pt-signals: signals to traced tasks. Output lines "label = N" (statuses
// "label = 0x%08x"); the host test guest-kernel/tests/ptrace.rs
// (ptrace_signals) checks them, repeated labels in order.
//
//   1. (LTP ptrace05) C: PTRACE_TRACEME, then kill(getpid(), s) for s = 1, 2,
//      10, 11, 13, 15, 17, 18, 19, 20, 21, 28, 32, 40, 64 and finally SIGKILL.
//      Every signal but SIGKILL stops it, even those whose default action is
//      to ignore them (a traced task's signals are never ignored: kernel/
//      signal.c sig_ignored): one "signal_stop = s" line each, the parent
//      resumes with signal 0; SIGKILL kills it (0x9).
//   2. (LTP ptrace01) C: SIGUSR2 ignored (SIG_IGN), then handled: it stops on
//      SIGUSR2 all the same (0xc7f), and PTRACE_KILL kills it (0x9).
//   3. Injection: C (handler for SIGUSR2, SA_SIGINFO) sends itself SIGUSR1
//      (the parent suppresses it: the default action would kill), SIGUSR2
//      (injected unchanged: the handler sees si_code SI_USER and si_pid = C)
//      and SIGTERM (the parent injects SIGUSR2 instead: the handler sees a
//      new siginfo, si_code SI_USER, si_pid = the tracer: kernel/signal.c
//      ptrace_signal), prints what its handler saw and exits with the
//      handler count (2 << 8). Another C sends itself SIGUSR1 and the parent
//      injects it: the default action kills it (0xa).
// Exit status 0.
//
// Numbers: ptrace requests TRACEME 0, CONT 7, KILL 8; syscalls getpid
// 1041, kill 1053, rt_sigaction 1177; SA_SIGINFO 4, SIG_IGN 1; SIGUSR1 10,
// SIGUSR2 12, SIGTERM 15, SIGKILL 9.

	.include "ptrace-macros.inc"

	.data
	.align 16
usr2_fd:	data8 usr2_handler, 0		// function descriptor
	.align 8
sigtable:	data8 1, 2, 10, 11, 13, 15, 17, 18, 19, 20, 21, 28, 32, 40, 64, 9, 0

	.bss
	.align 8
h_count:	.skip 8
h1_code:	.skip 8
h1_pid:		.skip 8
h2_signo:	.skip 8
h2_code:	.skip 8
h2_pid:		.skip 8

	.text
	.global _start
	.proc _start
_start:
	alloc loc0 = ar.pfs, 0, 10, 6, 0 ;;
	SYS 1041				// getpid
	mov loc7 = r8

	// 1. every signal stops a traced task, except SIGKILL
	br.call.sptk.many b0 = fork ;;
	cmp.eq p6, p0 = 0, r8
(p6)	br.cond.spnt .Lc1 ;;
	mov loc2 = r8 ;;
.Lp1_loop:
	mov out0 = loc2
	mov out1 = 0
	br.call.sptk.many b0 = wstat ;;
	mov loc3 = r8
	extr.u r14 = r8, 0, 8 ;;
	cmp.ne p6, p0 = 0x7f, r14		// not a stop: the end
(p6)	br.cond.spnt .Lp1_end ;;
	extr.u r14 = loc3, 8, 8 ;;
	DEC "signal_stop", r14
	PTRACE 7, loc2, 0, 0			// suppress it
	br.cond.sptk .Lp1_loop ;;
.Lp1_end:
	HEX "ptrace05_end", loc3

	// 2. LTP ptrace01: ignored, then handled
	mov loc4 = 1				// SIG_IGN
	mov loc5 = 0 ;;
.Lp2_again:
	br.call.sptk.many b0 = fork ;;
	cmp.eq p6, p0 = 0, r8
(p6)	br.cond.spnt .Lc2 ;;
	mov loc2 = r8
	mov out0 = r8
	mov out1 = 0
	br.call.sptk.many b0 = wstat ;;
	HEX "ptrace01_stop", r8
	PTRACE 8, loc2, 0, 0			// KILL
	RES "ptrace01_kill"
	mov out0 = loc2
	mov out1 = 0
	br.call.sptk.many b0 = wstat ;;
	HEX "ptrace01_status", r8
	cmp.ne p6, p0 = 0, loc5
	movl loc4 = usr2_fd
	mov loc5 = 1
(p6)	br.cond.spnt .Lp3 ;;
	br.cond.sptk .Lp2_again ;;

	// 3. suppress, inject unchanged, inject another signal
.Lp3:
	br.call.sptk.many b0 = fork ;;
	cmp.eq p6, p0 = 0, r8
(p6)	br.cond.spnt .Lc3 ;;
	mov loc2 = r8
	mov out0 = r8
	mov out1 = 0
	br.call.sptk.many b0 = wstat ;;
	HEX "inject_stop", r8
	PTRACE 7, loc2, 0, 0			// SIGUSR1: suppressed
	mov out0 = loc2
	mov out1 = 0
	br.call.sptk.many b0 = wstat ;;
	HEX "inject_stop", r8
	PTRACE 7, loc2, 0, 12			// SIGUSR2: injected as it is
	mov out0 = loc2
	mov out1 = 0
	br.call.sptk.many b0 = wstat ;;
	HEX "inject_stop", r8
	PTRACE 7, loc2, 0, 12			// SIGTERM: SIGUSR2 instead
	mov out0 = loc2
	mov out1 = 0
	br.call.sptk.many b0 = wstat ;;
	HEX "inject_exit", r8
	br.call.sptk.many b0 = fork ;;
	cmp.eq p6, p0 = 0, r8
(p6)	br.cond.spnt .Lc4 ;;
	mov loc2 = r8
	mov out0 = r8
	mov out1 = 0
	br.call.sptk.many b0 = wstat ;;
	HEX "default_stop", r8
	PTRACE 7, loc2, 0, 10			// inject SIGUSR1: its default kills
	mov out0 = loc2
	mov out1 = 0
	br.call.sptk.many b0 = wstat ;;
	HEX "default_status", r8
	mov out0 = 0
	br.call.sptk.many b0 = exit_group ;;

.Lc1:
	PTRACE 0, 0, 0, 0
	movl loc3 = sigtable ;;
.Lc1_loop:
	ld8 loc4 = [loc3], 8 ;;
	cmp.eq p6, p0 = 0, loc4
(p6)	br.cond.spnt .Lc1_done ;;
	SYS 1041
	SYS 1053, r8, loc4
	br.cond.sptk .Lc1_loop ;;
.Lc1_done:
	mov out0 = 99				// SIGKILL did not kill it
	br.call.sptk.many b0 = exit_group ;;

.Lc2:						// SIGUSR2 -> loc4 (SIG_IGN or the handler)
	PTRACE 0, 0, 0, 0
	mov out0 = 12
	mov out1 = loc4
	mov out2 = 0
	br.call.sptk.many b0 = sig_install ;;
	SYS 1041
	SYS 1053, r8, 12
	mov out0 = 98				// survived PTRACE_KILL
	br.call.sptk.many b0 = exit_group ;;

.Lc3:
	PTRACE 0, 0, 0, 0
	mov out0 = 12
	movl out1 = usr2_fd
	mov out2 = 4				// SA_SIGINFO
	br.call.sptk.many b0 = sig_install ;;
	SYS 1041
	mov loc8 = r8 ;;
	SYS 1053, loc8, 10
	SYS 1053, loc8, 12
	SYS 1053, loc8, 15
	movl r14 = h_count ;;
	ld8 r14 = [r14] ;;
	DEC "handler_count", r14
	movl r14 = h1_code ;;
	ld8 r14 = [r14] ;;
	DEC "h1_si_code", r14
	movl r14 = h1_pid ;;
	ld8 r14 = [r14] ;;
	cmp.eq p6, p7 = r14, loc8 ;;
(p6)	mov r15 = 1
(p7)	mov r15 = 0 ;;
	DEC "h1_si_pid_is_self", r15
	movl r14 = h2_signo ;;
	ld8 r14 = [r14] ;;
	DEC "h2_si_signo", r14
	movl r14 = h2_code ;;
	ld8 r14 = [r14] ;;
	DEC "h2_si_code", r14
	movl r14 = h2_pid ;;
	ld8 r14 = [r14] ;;
	cmp.eq p6, p7 = r14, loc7 ;;
(p6)	mov r15 = 1
(p7)	mov r15 = 0 ;;
	DEC "h2_si_pid_is_tracer", r15
	movl r14 = h_count ;;
	ld8 out0 = [r14]
	br.call.sptk.many b0 = exit_group ;;

.Lc4:
	PTRACE 0, 0, 0, 0
	SYS 1041
	SYS 1053, r8, 10
	mov out0 = 97				// survived SIGUSR1
	br.call.sptk.many b0 = exit_group ;;
	.endp _start

// usr2_handler(signo, siginfo, sigcontext): the first call records si_code
// and si_pid in h1_*, the second si_signo, si_code and si_pid in h2_*.
	.proc usr2_handler
usr2_handler:
	alloc r2 = ar.pfs, 3, 0, 0, 0
	movl r14 = h_count ;;
	ld8 r15 = [r14] ;;
	adds r16 = 1, r15
	adds r17 = 8, in1			// &si_code
	adds r18 = 16, in1 ;;			// &si_pid
	st8 [r14] = r16
	ld4 r17 = [r17]
	ld4 r18 = [r18]
	cmp.eq p6, p7 = 0, r15 ;;
	sxt4 r17 = r17
(p6)	movl r19 = h1_code
(p7)	movl r19 = h2_code ;;
	st8 [r19] = r17, 8 ;;			// h1_code/h1_pid, h2_code/h2_pid
	st8 [r19] = r18
(p7)	movl r19 = h2_signo ;;
(p7)	st8 [r19] = in0
	br.ret.sptk.many b0 ;;
	.endp usr2_handler

	.include "ptrace.inc"
	.include "output.inc"
	.include "task.inc"
