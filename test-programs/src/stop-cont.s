// stop-cont: job control of a child: SIGSTOP, SIGCONT and SIGKILL, observed
// through the exact wait4 status words.
//
//   The child (clone(SIGCHLD), no new stack) loops forever calling
//   sched_yield and counting. The parent:
//   1. wait4(pid, &st, WNOHANG | WUNTRACED) while the child runs: returns 0.
//   2. kill(pid, SIGSTOP); wait4(pid, &st, WUNTRACED): returns pid,
//      st = 0x137f (SIGSTOP << 8 | 0x7f): WIFSTOPPED, WSTOPSIG = 19.
//   3. kill(pid, SIGCONT); wait4(pid, &st, WCONTINUED): returns pid,
//      st = 0xffff: WIFCONTINUED.
//   4. wait4(pid, &st, WNOHANG | WUNTRACED | WCONTINUED) once the continue
//      has been reported and the child runs again: returns 0.
//   5. kill(pid, SIGKILL); wait4(pid, &st, 0): returns pid, st = 0x0009:
//      WIFSIGNALED, WTERMSIG = 9.
//   The child never prints, so the output does not depend on how the
//   scheduler interleaves the two.
//
// Expected stdout:
//   running: wait4 WNOHANG returned 0
//   stopped: wait4 returned the child = 1, status = 0x137f
//   stopped: WIFSTOPPED = 1, WSTOPSIG = 19
//   continued: wait4 returned the child = 1, status = 0xffff
//   continued: WIFCONTINUED = 1
//   running again: wait4 WNOHANG returned 0
//   killed: wait4 returned the child = 1, status = 0x0009
//   killed: WIFSIGNALED = 1, WTERMSIG = 9
// Exit status 0.
//
// Syscalls: write = 1027, kill = 1053, wait4 = 1126, clone = 1128,
// sched_yield = 1164, exit_group = 1236. SIGKILL = 9, SIGCHLD = 17,
// SIGCONT = 18, SIGSTOP = 19; WNOHANG = 1, WUNTRACED = 2, WCONTINUED = 8
// (include/uapi/linux/wait.h). Status words (kernel/exit.c
// wait_task_stopped, wait_task_continued, wait_task_zombie):
// stopped = sig << 8 | 0x7f, continued = 0xffff, killed = sig.

	.section .rodata
m_run:		.asciz "running: wait4 WNOHANG returned "
m_run2:		.asciz "running again: wait4 WNOHANG returned "
m_stop:		.asciz "stopped: wait4 returned the child = "
m_stop2:	.asciz "stopped: WIFSTOPPED = "
m_stopsig:	.asciz ", WSTOPSIG = "
m_cont:		.asciz "continued: wait4 returned the child = "
m_cont2:	.asciz "continued: WIFCONTINUED = "
m_kill:		.asciz "killed: wait4 returned the child = "
m_kill2:	.asciz "killed: WIFSIGNALED = "
m_termsig:	.asciz ", WTERMSIG = "
m_status:	.asciz ", status = "
m_fail:		.asciz "clone failed, errno = "

	.bss
	.align 8
status:	.skip 8

	.text
	.global _start
	.proc _start
_start:
	alloc loc0 = ar.pfs, 0, 6, 5, 0
	mov out0 = 17				// SIGCHLD
	mov out1 = 0				// no new stack
	mov out2 = 0
	mov out3 = 0
	mov out4 = 0
	mov r15 = 1128 ;;			// __NR_clone
	break.m 0x100000 ;;
	cmp.ne p6, p0 = 0, r10
(p6)	br.cond.spnt .Lfail ;;
	cmp.eq p6, p0 = 0, r8
(p6)	br.cond.spnt .Lchild ;;
	mov loc1 = r8 ;;			// the child's pid

	// 1. nothing to report yet
	mov out0 = loc1
	mov out1 = 3				// WNOHANG | WUNTRACED
	br.call.sptk.many b0 = wait_for ;;
	mov out1 = r8
	movl out0 = m_run
	mov out2 = 0
	mov out3 = 0 ;;
	br.call.sptk.many b0 = report ;;

	// 2. SIGSTOP
	mov out0 = loc1
	mov out1 = 19				// SIGSTOP
	br.call.sptk.many b0 = send ;;
	mov out0 = loc1
	mov out1 = 2				// WUNTRACED
	br.call.sptk.many b0 = wait_for ;;
	movl out0 = m_stop
	mov out1 = r8
	mov out2 = loc1 ;;
	br.call.sptk.many b0 = report_pid_status ;;
	mov loc2 = r8 ;;
	extr.u r14 = loc2, 0, 8			// WIFSTOPPED: (st & 0xff) == 0x7f
	extr.u out3 = loc2, 8, 8 ;;		// WSTOPSIG: (st >> 8) & 0xff
	cmp.eq p6, p7 = 0x7f, r14 ;;
(p6)	mov out1 = 1
(p7)	mov out1 = 0
	movl out0 = m_stop2
	movl out2 = m_stopsig ;;
	br.call.sptk.many b0 = report ;;

	// 3. SIGCONT
	mov out0 = loc1
	mov out1 = 18				// SIGCONT
	br.call.sptk.many b0 = send ;;
	mov out0 = loc1
	mov out1 = 8				// WCONTINUED
	br.call.sptk.many b0 = wait_for ;;
	movl out0 = m_cont
	mov out1 = r8
	mov out2 = loc1 ;;
	br.call.sptk.many b0 = report_pid_status ;;
	mov loc2 = r8 ;;
	movl r14 = 0xffff ;;			// WIFCONTINUED: st == 0xffff
	cmp.eq p6, p7 = r14, loc2 ;;
(p6)	mov out1 = 1
(p7)	mov out1 = 0
	movl out0 = m_cont2
	mov out2 = 0
	mov out3 = 0 ;;
	br.call.sptk.many b0 = report ;;

	// 4. running again, nothing new to report
	mov out0 = loc1
	mov out1 = 11				// WNOHANG | WUNTRACED | WCONTINUED
	br.call.sptk.many b0 = wait_for ;;
	mov out1 = r8
	movl out0 = m_run2
	mov out2 = 0
	mov out3 = 0 ;;
	br.call.sptk.many b0 = report ;;

	// 5. SIGKILL
	mov out0 = loc1
	mov out1 = 9				// SIGKILL
	br.call.sptk.many b0 = send ;;
	mov out0 = loc1
	mov out1 = 0
	br.call.sptk.many b0 = wait_for ;;
	movl out0 = m_kill
	mov out1 = r8
	mov out2 = loc1 ;;
	br.call.sptk.many b0 = report_pid_status ;;
	mov loc2 = r8 ;;
	and out3 = 0x7f, loc2 ;;		// WTERMSIG: st & 0x7f
	cmp.ne p6, p7 = 0, out3 ;;		// WIFSIGNALED: 0 < (st & 0x7f) < 0x7f
(p6)	cmp.ne p6, p7 = 0x7f, out3 ;;
(p6)	mov out1 = 1
(p7)	mov out1 = 0
	movl out0 = m_kill2
	movl out2 = m_termsig ;;
	br.call.sptk.many b0 = report ;;
	mov out0 = 0
	br.call.sptk.many b0 = exit_group ;;

.Lchild:					// sched_yield forever
	mov loc3 = 0 ;;
.Lchild_loop:
	mov r15 = 1164 ;;			// __NR_sched_yield
	break.m 0x100000 ;;
	adds loc3 = 1, loc3
	br.cond.sptk.few .Lchild_loop ;;

.Lfail:
	mov out1 = r8
	movl out0 = m_fail
	mov out2 = 0
	mov out3 = 0 ;;
	br.call.sptk.many b0 = report ;;
	mov out0 = 1
	br.call.sptk.many b0 = exit_group ;;

	.endp _start

// report_pid_status(in0 = message, in1 = wait4's result, in2 = the child's
// pid) -> r8 = the status word: prints message, (in1 == in2),
// ", status = " and the status in 4 hex digits.
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
	mov r8 = loc2
	mov ar.pfs = loc0
	mov b0 = loc1 ;;
	br.ret.sptk.many b0 ;;
	.endp report_pid_status

// send(in0 = pid, in1 = signal): kill(pid, signal)
	.proc send
send:
	alloc loc0 = ar.pfs, 2, 2, 2, 0
	mov loc1 = b0
	mov out0 = in0
	mov out1 = in1
	mov r15 = 1053 ;;			// __NR_kill
	break.m 0x100000 ;;
	mov ar.pfs = loc0
	mov b0 = loc1 ;;
	br.ret.sptk.many b0 ;;
	.endp send

// wait_for(in0 = pid, in1 = options) -> r8: wait4(pid, &status, options, NULL)
	.proc wait_for
wait_for:
	alloc loc0 = ar.pfs, 2, 2, 4, 0
	mov loc1 = b0
	mov out0 = in0
	movl out1 = status
	mov out2 = in1
	mov out3 = 0
	mov r15 = 1126 ;;			// __NR_wait4
	break.m 0x100000 ;;
	mov ar.pfs = loc0
	mov b0 = loc1 ;;
	br.ret.sptk.many b0 ;;
	.endp wait_for

	.include "output.inc"
	.include "task.inc"
