// pt-events: syscall stops without PTRACE_O_TRACESYSGOOD and the event
// stops, with their exact wait statuses and PTRACE_GETEVENTMSG; argv[1] is
// the path of a program to exec (the host test passes
// test-programs/bin/exit-status, which exits with status 42). Output lines
// "label = N" (statuses "label = 0x%08x"); the host test
// guest-kernel/tests/ptrace.rs (ptrace_event_stops) checks every line.
//
//   C (a child): PTRACE_TRACEME, kill(getpid(), SIGSTOP); getpid(); a fork
//   child that exits 5; a vfork child that exits 6; a clone child (exit
//   signal 0) that exits 7; execve(argv[1]).
//   The parent: the SIGSTOP stop (0x137f); SETOPTIONS(TRACEFORK | TRACEVFORK
//   | TRACECLONE | TRACEEXEC | TRACEVFORKDONE | TRACEEXIT = 0x7e);
//   PTRACE_SYSCALL: the getpid entry and exit stops (0x057f: SIGTRAP without
//   0x80; si_code SIGTRAP); then PTRACE_CONT and the events, status
//   (SIGTRAP | event << 8) << 8 | 0x7f and si_code SIGTRAP | event << 8:
//   FORK 1 (0x1057f, message = the new pid), VFORK 2 (0x2057f), VFORK_DONE 5
//   (0x5057f, message = the vfork child's pid), CLONE 3 (0x3057f), EXEC 4
//   (0x4057f, message = the pid before exec, C's), EXIT 6 (0x6057f, message =
//   the exit code 42 << 8); then the exit (0x2a00). Each new child is
//   traced from its start with SIGSTOP pending (0x137f) and the same
//   options, so it stops again at its EXIT event (message 5 << 8, ...)
//   before the parent, as its tracer, reaps it (0x500, 0x600, 0x700).
//   Reaping the fork and vfork children sends C, their real parent, SIGCHLD
//   (kernel/exit.c: the tracer's wait hands the zombie back), which C's
//   tracer sees as a signal-delivery stop (0x117f: a traced task's signals
//   are never ignored) when C returns from clone; the parent suppresses it.
//   The clone child's exit signal is 0: no SIGCHLD.
//   D (a child): PTRACE_TRACEME and execve(argv[1]) without TRACEEXEC: the
//   legacy SIGTRAP (0x057f, si_code SI_USER = 0, si_pid = D: send_sig from
//   the exec'ing task), then its exit (0x2a00).
// Pids as the guest kernel numbers tasks: the parent 1, C 2, the fork
// child 3, the vfork child 4, the clone child 5, D 6.
// Exit status 0.
//
// Numbers: ptrace requests TRACEME 0, PEEKUSR 3, CONT 7, SYSCALL 24,
// SETOPTIONS 0x4200, GETEVENTMSG 0x4201, GETSIGINFO 0x4202; PT_R15 0x8b8,
// PT_R8 0x8c0; syscalls getpid 1041, kill 1053, clone 1128, execve 1033;
// clone flags CLONE_VM 0x100, CLONE_VFORK 0x4000, SIGCHLD 17;
// wait4 __WALL 0x40000000.

	.include "ptrace-macros.inc"

	.bss
	.align 8
siginfo:	.skip 128
msg:		.skip 8
argvec:		.skip 16

	.text
	.global _start
	.proc _start
_start:
	alloc loc0 = ar.pfs, 0, 10, 6, 0 ;;
	adds r14 = 32, r12 ;;			// argv[1]
	ld8 loc9 = [r14]
	movl loc6 = siginfo
	movl loc7 = msg ;;

	br.call.sptk.many b0 = fork ;;
	cmp.eq p6, p0 = 0, r8
(p6)	br.cond.spnt .Lchild ;;
	mov loc2 = r8
	mov out0 = r8
	mov out1 = 0
	br.call.sptk.many b0 = wstat ;;
	HEX "first_stop", r8
	PTRACE 0x4200, loc2, 0, 0x7e		// SETOPTIONS
	RES "setoptions"
	PTRACE 24, loc2, 0, 0			// SYSCALL
	mov out0 = loc2
	mov out1 = 0
	br.call.sptk.many b0 = wstat ;;
	HEX "sys_entry_status", r8
	PTRACE 3, loc2, 0x8b8, 0
	RES "sys_entry_nr"
	mov out0 = loc2
	br.call.sptk.many b0 = si_code ;;
	DEC "sys_entry_si_code", r8
	PTRACE 24, loc2, 0, 0
	mov out0 = loc2
	mov out1 = 0
	br.call.sptk.many b0 = wstat ;;
	HEX "sys_exit_status", r8
	PTRACE 3, loc2, 0x8c0, 0
	RES "sys_exit_r8"
	PTRACE 7, loc2, 0, 0			// CONT: no more syscall stops

	// FORK
	mov out0 = loc2
	mov out1 = 0
	br.call.sptk.many b0 = wstat ;;
	HEX "fork_status", r8
	mov out0 = loc2
	br.call.sptk.many b0 = eventmsg ;;
	mov loc3 = r8
	DEC "fork_msg", r8
	mov out0 = loc2
	br.call.sptk.many b0 = si_code ;;
	DEC "fork_si_code", r8
	mov out0 = loc3
	mov out1 = 0
	br.call.sptk.many b0 = wstat ;;
	HEX "fork_child_stop", r8
	PTRACE 7, loc3, 0, 0
	mov out0 = loc3
	mov out1 = 0
	br.call.sptk.many b0 = wstat ;;
	HEX "fork_child_exit_event", r8
	mov out0 = loc3
	br.call.sptk.many b0 = eventmsg ;;
	DEC "fork_child_exit_msg", r8
	PTRACE 7, loc3, 0, 0
	mov out0 = loc3
	mov out1 = 0
	br.call.sptk.many b0 = wstat ;;
	HEX "fork_child_exit", r8
	PTRACE 7, loc2, 0, 0
	mov out0 = loc2				// reaping it sent C SIGCHLD
	mov out1 = 0
	br.call.sptk.many b0 = wstat ;;
	HEX "fork_sigchld_status", r8
	PTRACE 7, loc2, 0, 0

	// VFORK, then VFORK_DONE
	mov out0 = loc2
	mov out1 = 0
	br.call.sptk.many b0 = wstat ;;
	HEX "vfork_status", r8
	mov out0 = loc2
	br.call.sptk.many b0 = eventmsg ;;
	mov loc3 = r8
	DEC "vfork_msg", r8
	mov out0 = loc3
	mov out1 = 0
	br.call.sptk.many b0 = wstat ;;
	HEX "vfork_child_stop", r8
	PTRACE 7, loc3, 0, 0
	mov out0 = loc3
	mov out1 = 0
	br.call.sptk.many b0 = wstat ;;
	HEX "vfork_child_exit_event", r8
	mov out0 = loc3
	br.call.sptk.many b0 = eventmsg ;;
	DEC "vfork_child_exit_msg", r8
	PTRACE 7, loc3, 0, 0
	mov out0 = loc3
	mov out1 = 0
	br.call.sptk.many b0 = wstat ;;
	HEX "vfork_child_exit", r8
	PTRACE 7, loc2, 0, 0
	mov out0 = loc2
	mov out1 = 0
	br.call.sptk.many b0 = wstat ;;
	HEX "vfork_done_status", r8
	mov out0 = loc2
	br.call.sptk.many b0 = eventmsg ;;
	DEC "vfork_done_msg", r8
	PTRACE 7, loc2, 0, 0
	mov out0 = loc2
	mov out1 = 0
	br.call.sptk.many b0 = wstat ;;
	HEX "vfork_sigchld_status", r8
	PTRACE 7, loc2, 0, 0

	// CLONE
	mov out0 = loc2
	mov out1 = 0
	br.call.sptk.many b0 = wstat ;;
	HEX "clone_status", r8
	mov out0 = loc2
	br.call.sptk.many b0 = eventmsg ;;
	mov loc3 = r8
	DEC "clone_msg", r8
	mov out0 = loc3
	movl out1 = 0x40000000 ;;		// __WALL (a clone child)
	br.call.sptk.many b0 = wstat ;;
	HEX "clone_child_stop", r8
	PTRACE 7, loc3, 0, 0
	mov out0 = loc3
	movl out1 = 0x40000000 ;;
	br.call.sptk.many b0 = wstat ;;
	HEX "clone_child_exit_event", r8
	mov out0 = loc3
	br.call.sptk.many b0 = eventmsg ;;
	DEC "clone_child_exit_msg", r8
	PTRACE 7, loc3, 0, 0
	mov out0 = loc3
	movl out1 = 0x40000000 ;;
	br.call.sptk.many b0 = wstat ;;
	HEX "clone_child_exit", r8
	PTRACE 7, loc2, 0, 0

	// EXEC, EXIT, the exit
	mov out0 = loc2
	mov out1 = 0
	br.call.sptk.many b0 = wstat ;;
	HEX "exec_status", r8
	mov out0 = loc2
	br.call.sptk.many b0 = eventmsg ;;
	DEC "exec_msg", r8
	PTRACE 7, loc2, 0, 0
	mov out0 = loc2
	mov out1 = 0
	br.call.sptk.many b0 = wstat ;;
	HEX "exit_event_status", r8
	mov out0 = loc2
	br.call.sptk.many b0 = eventmsg ;;
	DEC "exit_msg", r8
	PTRACE 7, loc2, 0, 0
	mov out0 = loc2
	mov out1 = 0
	br.call.sptk.many b0 = wstat ;;
	HEX "final_status", r8

	// D: exec without TRACEEXEC
	br.call.sptk.many b0 = fork ;;
	cmp.eq p6, p0 = 0, r8
(p6)	br.cond.spnt .Ld ;;
	mov loc4 = r8
	mov out0 = r8
	mov out1 = 0
	br.call.sptk.many b0 = wstat ;;
	HEX "legacy_exec_status", r8
	mov out0 = loc4
	br.call.sptk.many b0 = si_code ;;
	DEC "legacy_exec_si_code", r8
	adds r14 = 16, loc6 ;;
	ld4 r14 = [r14] ;;			// si_pid
	cmp.eq p6, p7 = r14, loc4 ;;
(p6)	mov r15 = 1
(p7)	mov r15 = 0 ;;
	DEC "legacy_exec_si_pid_is_child", r15
	PTRACE 7, loc4, 0, 0
	mov out0 = loc4
	mov out1 = 0
	br.call.sptk.many b0 = wstat ;;
	HEX "legacy_exit", r8
	mov out0 = 0
	br.call.sptk.many b0 = exit_group ;;

.Lchild:					// C
	PTRACE 0, 0, 0, 0			// TRACEME
	SYS 1041				// getpid
	SYS 1053, r8, 19			// kill(getpid(), SIGSTOP)
	SYS 1041
	br.call.sptk.many b0 = fork ;;
	cmp.eq p6, p0 = 0, r8 ;;
(p6)	mov out0 = 5
(p6)	br.call.spnt.many b0 = exit_group ;;
	movl r14 = 0x4111 ;;			// CLONE_VM | CLONE_VFORK | SIGCHLD
	SYS 1128, r14
	cmp.eq p6, p0 = 0, r8 ;;
(p6)	mov out0 = 6
(p6)	br.call.spnt.many b0 = exit_group ;;
	SYS 1128, 0				// exit signal 0: a "clone" child
	cmp.eq p6, p0 = 0, r8 ;;
(p6)	mov out0 = 7
(p6)	br.call.spnt.many b0 = exit_group ;;
	br.call.sptk.many b0 = exec_arg ;;
	mov out0 = 99				// execve failed
	br.call.sptk.many b0 = exit_group ;;

.Ld:						// D
	PTRACE 0, 0, 0, 0
	br.call.sptk.many b0 = exec_arg ;;
	mov out0 = 99
	br.call.sptk.many b0 = exit_group ;;
	.endp _start

// exec_arg(): execve(argv[1], [argv[1], NULL], NULL); loc9 of _start holds
// argv[1] (the caller's frame is _start's).
	.proc exec_arg
exec_arg:
	alloc loc0 = ar.pfs, 0, 2, 6, 0
	mov loc1 = b0 ;;
	adds r14 = 32, r12 ;;
	ld8 r15 = [r14]
	movl r16 = argvec ;;
	st8 [r16] = r15, 8 ;;
	st8 [r16] = r0
	movl r16 = argvec ;;
	SYS 1033, r15, r16, 0			// execve
	mov ar.pfs = loc0
	mov b0 = loc1 ;;
	br.ret.sptk.many b0 ;;
	.endp exec_arg

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

// eventmsg(in0 = pid) -> r8: PTRACE_GETEVENTMSG's message (or -errno)
	.proc eventmsg
eventmsg:
	alloc loc0 = ar.pfs, 1, 2, 4, 0
	mov loc1 = b0 ;;
	movl r14 = msg ;;
	st8 [r14] = r0
	PTRACE 0x4201, in0, 0, r14
	cmp.ne p6, p0 = 0, r10 ;;
(p6)	sub r8 = r0, r8
(p6)	br.cond.spnt .Lem_done ;;
	movl r14 = msg ;;
	ld8 r8 = [r14]
.Lem_done:
	mov ar.pfs = loc0
	mov b0 = loc1 ;;
	br.ret.sptk.many b0 ;;
	.endp eventmsg

	.include "ptrace.inc"
	.include "output.inc"
	.include "task.inc"
