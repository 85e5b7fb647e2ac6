// pt-errors: the error returns of ptrace, each printed as "label = N"
// (N = the result, or -errno; statuses as "label = 0x%08x"). The host test
// guest-kernel/tests/ptrace.rs (ptrace_error_returns) checks every line.
//
//   C1 (a child): PTRACE_TRACEME (0) and again (EPERM, LTP ptrace03); ATTACH
//   its parent (EPERM: Yama ptrace_scope 1, not a descendant), ATTACH and
//   SEIZE itself (EPERM: its own thread group), ATTACH/SEIZE pid 999
//   (ESRCH); PEEKDATA of its parent and of pid 999 (ESRCH: not a tracee);
//   open("/proc/<parent>/mem") (EACCES). It exits 0.
//   C2 (a child) calls sched_yield forever; C3 (its sibling) ATTACHes it
//   and opens its /proc/<pid>/mem (EPERM, EACCES).
//   The parent, on C2: PEEKDATA and INTERRUPT before tracing (ESRCH); SEIZE
//   (0); PEEKDATA while it runs (ESRCH); ATTACH/SEIZE again (EPERM); SEIZE
//   with addr != 0 or an unknown option (EIO, checked before the others);
//   INTERRUPT (0) and its stop (0x80057f, si_signo SIGTRAP, si_code
//   SIGTRAP | PTRACE_EVENT_STOP << 8 = 32773); PEEKUSR PT_R15 (1164:
//   sched_yield); PEEKUSR in the holes of the user area, past PT_AR_SSD,
//   unaligned, at -8 (EIO: arch/ia64/kernel/ptrace.c access_uarea);
//   PEEK/POKE at 0..3 and -1..-4 and in region 5 (EIO, LTP ptrace06);
//   GETREGS/SETREGS from NULL or an unaligned buffer (EIO: ia64
//   ptrace_getregs/ptrace_setregs); GETSIGINFO/SETSIGINFO/GETEVENTMSG with
//   a NULL buffer (EFAULT); SETOPTIONS with an unknown bit (EINVAL); an
//   unknown request (EIO); CONT/DETACH with signal 65 (EIO: not a valid
//   signal); LISTEN at the INTERRUPT stop (0: kernel/ptrace.c allows it at
//   any PTRACE_EVENT_STOP), then PEEKDATA (ESRCH: listening) and INTERRUPT
//   (0), which re-traps it (0x80057f); KILL (0), its status (0x9), PEEKDATA
//   of the reaped pid (ESRCH).
// Exit status 0.
//
// Numbers: ptrace requests TRACEME 0, PEEKTEXT 1, PEEKDATA 2, PEEKUSR 3,
// POKETEXT 4, POKEDATA 5, CONT 7, KILL 8, ATTACH 16, DETACH 17, GETREGS 18,
// SETREGS 19, SETOPTIONS 0x4200, GETEVENTMSG 0x4201, GETSIGINFO 0x4202,
// SETSIGINFO 0x4203, SEIZE 0x4206, INTERRUPT 0x4207, LISTEN 0x4208;
// syscalls getpid 1041, getppid 1042, sched_yield 1164; errno EPERM 1,
// ESRCH 3, EIO 5, EACCES 13, EFAULT 14, EINVAL 22.

	.include "ptrace-macros.inc"

	.bss
	.align 8
var:		.skip 8
siginfo:	.skip 128
regsbuf:	.skip 3456

	.text
	.global _start
	.proc _start
_start:
	alloc loc0 = ar.pfs, 0, 8, 6, 0 ;;
	movl loc5 = var
	movl loc6 = siginfo ;;

	// 1. a child that asked to be traced tries the requests a tracee may not
	br.call.sptk.many b0 = fork ;;
	cmp.eq p6, p0 = 0, r8
(p6)	br.cond.spnt .Lc1 ;;
	mov loc2 = r8
	mov out0 = r8
	mov out1 = 0
	br.call.sptk.many b0 = wstat ;;
	HEX "c1_exit", r8

	// 2. a running child (C2) and a sibling (C3) that tries to trace it
	br.call.sptk.many b0 = fork ;;
	cmp.eq p6, p0 = 0, r8
(p6)	br.cond.spnt .Lc2 ;;
	mov loc3 = r8
	br.call.sptk.many b0 = fork ;;
	cmp.eq p6, p0 = 0, r8
(p6)	br.cond.spnt .Lc3 ;;
	mov out0 = r8
	mov out1 = 0
	br.call.sptk.many b0 = wstat ;;
	HEX "c3_exit", r8

	// 3. the parent and C2
	PTRACE 2, loc3, loc5, 0			// PEEKDATA, not traced
	RES "peek_untraced"
	PTRACE 0x4207, loc3, 0, 0		// INTERRUPT, not traced
	RES "interrupt_untraced"
	PTRACE 0x4206, loc3, 0, 0		// SEIZE
	RES "seize"
	PTRACE 2, loc3, loc5, 0			// PEEKDATA while it runs
	RES "peek_running"
	PTRACE 16, loc3, 0, 0			// ATTACH, already traced
	RES "attach_traced"
	PTRACE 0x4206, loc3, 0, 0		// SEIZE, already traced
	RES "seize_traced"
	PTRACE 0x4206, loc3, 8, 0		// SEIZE with addr != 0
	RES "seize_addr"
	movl r14 = 0x80000000 ;;
	PTRACE 0x4206, loc3, 0, r14		// SEIZE with an unknown option
	RES "seize_bad_options"
	PTRACE 0x4207, loc3, 0, 0		// INTERRUPT
	RES "interrupt"
	mov out0 = loc3
	mov out1 = 0
	br.call.sptk.many b0 = wstat ;;
	HEX "interrupt_status", r8
	PTRACE 0x4202, loc3, 0, loc6		// GETSIGINFO
	RES "getsiginfo"
	ld4 r14 = [loc6] ;;			// si_signo
	DEC "interrupt_si_signo", r14
	adds r14 = 8, loc6 ;;
	ld4 r14 = [r14] ;;			// si_code
	sxt4 r14 = r14 ;;
	DEC "interrupt_si_code", r14
	PTRACE 3, loc3, 0x8b8, 0		// PEEKUSR PT_R15
	RES "peekusr_r15"
	PTRACE 3, loc3, 0x608, 0		// PT_NAT_BITS + 8 (a hole)
	RES "peekusr_nat_hole"
	PTRACE 3, loc3, 0x7d0, 0		// PT_R7 + 8 (a hole)
	RES "peekusr_r7_hole"
	PTRACE 3, loc3, 0x810, 0		// PT_AR_LC + 8 (a hole)
	RES "peekusr_lc_hole"
	PTRACE 3, loc3, 0x9d0, 0		// PT_AR_SSD + 8
	RES "peekusr_past_ssd"
	PTRACE 3, loc3, 0x841, 0		// unaligned
	RES "peekusr_unaligned"
	PTRACE 3, loc3, -8, 0
	RES "peekusr_minus8"
	PTRACE 2, loc3, 0, 0			// LTP ptrace06: addresses 0..3, -1..-4
	RES "peekdata_0"
	PTRACE 2, loc3, 1, 0
	RES "peekdata_1"
	PTRACE 2, loc3, 2, 0
	RES "peekdata_2"
	PTRACE 2, loc3, 3, 0
	RES "peekdata_3"
	PTRACE 2, loc3, -1, 0
	RES "peekdata_m1"
	PTRACE 2, loc3, -2, 0
	RES "peekdata_m2"
	PTRACE 2, loc3, -3, 0
	RES "peekdata_m3"
	PTRACE 2, loc3, -4, 0
	RES "peekdata_m4"
	PTRACE 1, loc3, 0, 0			// PEEKTEXT
	RES "peektext_0"
	movl r14 = 0xa000000000000000 ;;	// region 5 (kernel)
	PTRACE 2, loc3, r14, 0
	RES "peekdata_region5"
	PTRACE 5, loc3, 0, 0			// POKEDATA
	RES "pokedata_0"
	PTRACE 5, loc3, -1, 0
	RES "pokedata_m1"
	PTRACE 4, loc3, 0, 0			// POKETEXT
	RES "poketext_0"
	PTRACE 18, loc3, 0, 0			// GETREGS to NULL
	RES "getregs_null"
	movl r14 = regsbuf + 1 ;;
	PTRACE 18, loc3, 0, r14			// GETREGS to an unaligned buffer
	RES "getregs_unaligned"
	PTRACE 19, loc3, 0, 0			// SETREGS from NULL
	RES "setregs_null"
	PTRACE 0x4202, loc3, 0, 0		// GETSIGINFO to NULL
	RES "getsiginfo_null"
	PTRACE 0x4203, loc3, 0, 0		// SETSIGINFO from NULL
	RES "setsiginfo_null"
	PTRACE 0x4201, loc3, 0, 0		// GETEVENTMSG to NULL
	RES "geteventmsg_null"
	movl r14 = 0x80000000 ;;
	PTRACE 0x4200, loc3, 0, r14		// SETOPTIONS, unknown option
	RES "setoptions_bad"
	PTRACE 0x1234, loc3, 0, 0		// no such request
	RES "request_unknown"
	PTRACE 7, loc3, 0, 65			// CONT with signal 65 > _NSIG
	RES "cont_bad_signal"
	PTRACE 17, loc3, 0, 65			// DETACH with signal 65
	RES "detach_bad_signal"
	PTRACE 3, loc3, 0x8b8, 0
	RES "still_stopped_r15"
	PTRACE 0x4208, loc3, 0, 0		// LISTEN at the INTERRUPT stop
	mov loc7 = r10
	RES "listen_at_interrupt"
	cmp.ne p6, p0 = 0, loc7			// it failed: nothing to re-trap
(p6)	br.cond.spnt .Lkill ;;
	PTRACE 2, loc3, loc5, 0
	RES "peek_listening"
	PTRACE 0x4207, loc3, 0, 0
	RES "interrupt_listening"
	mov out0 = loc3
	mov out1 = 0
	br.call.sptk.many b0 = wstat ;;
	HEX "relisten_status", r8
.Lkill:
	PTRACE 8, loc3, 0, 0			// KILL
	RES "kill"
	mov out0 = loc3
	mov out1 = 0
	br.call.sptk.many b0 = wstat ;;
	HEX "kill_status", r8
	PTRACE 2, loc3, loc5, 0
	RES "peek_reaped"
	mov out0 = 0
	br.call.sptk.many b0 = exit_group ;;

.Lc1:						// C1
	PTRACE 0, 0, 0, 0			// TRACEME
	RES "traceme_1"
	PTRACE 0, 0, 0, 0			// TRACEME again (LTP ptrace03)
	RES "traceme_2"
	SYS 1042				// getppid
	mov loc7 = r8
	SYS 1041				// getpid
	mov loc4 = r8
	PTRACE 16, loc7, 0, 0			// ATTACH the parent (Yama scope 1)
	RES "attach_parent"
	PTRACE 16, loc4, 0, 0			// ATTACH itself
	RES "attach_self"
	PTRACE 0x4206, loc4, 0, 0		// SEIZE itself
	RES "seize_self"
	PTRACE 16, 999, 0, 0
	RES "attach_nonexistent"
	PTRACE 0x4206, 999, 0, 0
	RES "seize_nonexistent"
	PTRACE 2, loc7, loc5, 0			// PEEKDATA of a task it does not trace
	RES "peek_not_tracee"
	PTRACE 2, 999, loc5, 0
	RES "peek_nonexistent"
	mov out0 = loc7
	mov out1 = 0				// O_RDONLY
	br.call.sptk.many b0 = open_proc_mem ;;
	RES "open_parent_mem"
	mov out0 = 0
	br.call.sptk.many b0 = exit_group ;;

.Lc2:						// C2: sched_yield forever
	mov r15 = 1164 ;;
.Lc2_loop:
	mov r15 = 1164 ;;			// __NR_sched_yield
	break.m 0x100000 ;;
	br.cond.sptk.few .Lc2_loop ;;

.Lc3:						// C3, a sibling of C2
	PTRACE 16, loc3, 0, 0
	RES "attach_sibling"
	mov out0 = loc3
	mov out1 = 0
	br.call.sptk.many b0 = open_proc_mem ;;
	RES "open_sibling_mem"
	mov out0 = 0
	br.call.sptk.many b0 = exit_group ;;
	.endp _start

	.include "ptrace.inc"
	.include "output.inc"
	.include "task.inc"
