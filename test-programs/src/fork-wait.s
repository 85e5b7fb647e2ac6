// fork-wait: fork with clone(SIGCHLD), vfork with
// clone(CLONE_VM | CLONE_VFORK | SIGCHLD), and the exact wait4 status words.
//
//   1. clone(SIGCHLD, 0, ...) (Linux/ia64 has no fork system call; glibc's
//      fork is clone with SIGCHLD and no new stack). The child prints its
//      getppid() next to the parent's getpid() (read before the fork and
//      still in a stacked register of the copied frame), checks that two
//      marker values in stacked registers were copied from the parent, and
//      exits with exit_group(7). The parent's wait4(pid, &st, 0, NULL)
//      returns that pid and st = 0x0700: WIFEXITED, WEXITSTATUS = 7.
//   2. A second child sends itself SIGTERM with kill(getpid(), SIGTERM);
//      the default action terminates it before kill returns, so the parent
//      reads st = 0x000f: WIFSIGNALED, WTERMSIG = 15, no core flag.
//   3. vfork: the parent sleeps until the child exits; the child (sharing
//      the address space and, until it exits, the parent's register backing
//      store addresses) stores 0x1234 to a variable, zeroes the two marker
//      registers of its copy of the frame, and exits with status 3. The
//      parent sees the store and still has its own marker values (its
//      stacked registers come back from its own kernel backing store), and
//      wait4 gives 0x0300.
//   4. wait4(-1, ...) with no children left fails with ECHILD (10).
//
// Expected stdout (pids as the guest kernel numbers tasks: the first
// process is 1 and each new task takes the next number):
//   parent: getpid = 1
//   child: getppid = 1, parent's getpid = 1
//   child: stacked registers copied from the parent = 1
//   parent: clone returned 2, wait4 returned the same pid = 1
//   exited child: status = 0x0700
//   exited child: WIFEXITED = 1, WEXITSTATUS = 7
//   killed child: wait4 returned its pid = 1
//   killed child: status = 0x000f
//   killed child: WIFSIGNALED = 1, WTERMSIG = 15
//   vfork: the parent sees the child's store = 4660
//   vfork: the parent's stacked registers are intact = 1
//   vfork: wait4 returned the child's pid = 1
//   vfork child: status = 0x0300
//   wait4 with no children left: failed = 1, errno = 10
// Exit status 0.
//
// Syscalls (1024 + syscall.tbl entry): write = 1027, getpid = 1041,
// getppid = 1042, kill = 1053, wait4 = 1126, clone = 1128,
// exit_group = 1236. clone(flags, stack_base, parent_tidptr, child_tidptr,
// tls) (arch/ia64/kernel/entry.S sys_clone); SIGCHLD = 17, SIGTERM = 15,
// CLONE_VM = 0x100, CLONE_VFORK = 0x4000; ECHILD = 10. wait4 status words
// (include/uapi/linux/wait.h, kernel/exit.c): exit code << 8 for an exit,
// the signal number (| 0x80 for a core dump) for a kill.

	.section .rodata
m_ppid:		.asciz "parent: getpid = "
m_c_ppid:	.asciz "child: getppid = "
m_c_pgp:	.asciz ", parent's getpid = "
m_c_regs:	.asciz "child: stacked registers copied from the parent = "
m_clone:	.asciz "parent: clone returned "
m_same:		.asciz ", wait4 returned the same pid = "
m_ex_st:	.asciz "exited child: status = "
m_ex_if:	.asciz "exited child: WIFEXITED = "
m_ex_es:	.asciz ", WEXITSTATUS = "
m_k_pid:	.asciz "killed child: wait4 returned its pid = "
m_k_st:		.asciz "killed child: status = "
m_k_if:		.asciz "killed child: WIFSIGNALED = "
m_k_ts:		.asciz ", WTERMSIG = "
m_v_sh:		.asciz "vfork: the parent sees the child's store = "
m_v_regs:	.asciz "vfork: the parent's stacked registers are intact = "
m_v_pid:	.asciz "vfork: wait4 returned the child's pid = "
m_v_st:		.asciz "vfork child: status = "
m_none:		.asciz "wait4 with no children left: failed = "
m_errno:	.asciz ", errno = "
m_fail:		.asciz "clone failed, errno = "
m_alive:	.asciz "child survived SIGTERM"

	.bss
	.align 8
status:	.skip 8				// the int wait4 writes
shared:	.skip 8				// written by the vfork child

	.text
	.global _start
	.proc _start
_start:
	alloc loc0 = ar.pfs, 0, 12, 4, 0
	movl loc3 = status
	movl loc5 = 0x0f1e2d3c4b5a6978		// marker values, see steps 1 and 3
	movl loc6 = 0x1122334455667788
	mov r15 = 1041 ;;			// __NR_getpid
	break.m 0x100000 ;;
	mov loc1 = r8				// the parent's pid
	movl out0 = m_ppid
	mov out1 = r8
	mov out2 = 0
	mov out3 = 0 ;;
	br.call.sptk.many b0 = report ;;

	// --- 1. fork, child exits with 7 ---------------------------------
	mov out0 = 17				// SIGCHLD
	br.call.sptk.many b0 = clone_call ;;
	cmp.ne p6, p0 = 0, r10
(p6)	br.cond.spnt .Lfail ;;
	cmp.eq p6, p0 = 0, r8
(p6)	br.cond.spnt .Lchild1 ;;
	mov loc2 = r8
	mov out0 = r8
	br.call.sptk.many b0 = wait_for ;;	// r8 = wait4's result
	cmp.eq p6, p7 = r8, loc2 ;;
(p6)	mov out3 = 1
(p7)	mov out3 = 0
	movl out0 = m_clone
	mov out1 = loc2
	movl out2 = m_same ;;
	br.call.sptk.many b0 = report ;;
	ld4 loc4 = [loc3]
	movl out0 = m_ex_st ;;
	mov out1 = loc4
	mov out2 = 4
	br.call.sptk.many b0 = report_hex ;;
	and r14 = 0x7f, loc4			// WIFEXITED: (st & 0x7f) == 0
	extr.u out3 = loc4, 8, 8 ;;		// WEXITSTATUS: (st >> 8) & 0xff
	cmp.eq p6, p7 = 0, r14 ;;
(p6)	mov out1 = 1
(p7)	mov out1 = 0
	movl out0 = m_ex_if
	movl out2 = m_ex_es ;;
	br.call.sptk.many b0 = report ;;

	// --- 2. a child killed by SIGTERM ---------------------------------
	mov out0 = 17				// SIGCHLD
	br.call.sptk.many b0 = clone_call ;;
	cmp.ne p6, p0 = 0, r10
(p6)	br.cond.spnt .Lfail ;;
	cmp.eq p6, p0 = 0, r8
(p6)	br.cond.spnt .Lchild2 ;;
	mov loc2 = r8
	mov out0 = r8
	br.call.sptk.many b0 = wait_for ;;
	cmp.eq p6, p7 = r8, loc2 ;;
(p6)	mov out1 = 1
(p7)	mov out1 = 0
	movl out0 = m_k_pid
	mov out2 = 0
	mov out3 = 0 ;;
	br.call.sptk.many b0 = report ;;
	ld4 loc4 = [loc3]
	movl out0 = m_k_st ;;
	mov out1 = loc4
	mov out2 = 4
	br.call.sptk.many b0 = report_hex ;;
	and out3 = 0x7f, loc4 ;;		// WTERMSIG: st & 0x7f
	cmp.ne p6, p7 = 0, out3 ;;		// WIFSIGNALED: 0 < (st & 0x7f) < 0x7f
(p6)	cmp.ne p6, p7 = 0x7f, out3 ;;
(p6)	mov out1 = 1
(p7)	mov out1 = 0
	movl out0 = m_k_if
	movl out2 = m_k_ts ;;
	br.call.sptk.many b0 = report ;;

	// --- 3. vfork ------------------------------------------------------
	mov out0 = 0x4111			// CLONE_VM | CLONE_VFORK | SIGCHLD
	br.call.sptk.many b0 = clone_call ;;
	cmp.ne p6, p0 = 0, r10
(p6)	br.cond.spnt .Lfail ;;
	cmp.eq p6, p0 = 0, r8
(p6)	br.cond.spnt .Lvchild ;;
	mov loc2 = r8				// the child has exited by now
	movl r14 = shared ;;
	ld8 out1 = [r14]
	movl out0 = m_v_sh
	mov out2 = 0
	mov out3 = 0 ;;
	br.call.sptk.many b0 = report ;;
	mov out0 = loc5
	mov out1 = loc6
	br.call.sptk.many b0 = markers_ok ;;
	mov out1 = r8
	movl out0 = m_v_regs
	mov out2 = 0
	mov out3 = 0 ;;
	br.call.sptk.many b0 = report ;;
	mov out0 = loc2
	br.call.sptk.many b0 = wait_for ;;
	cmp.eq p6, p7 = r8, loc2 ;;
(p6)	mov out1 = 1
(p7)	mov out1 = 0
	movl out0 = m_v_pid
	mov out2 = 0
	mov out3 = 0 ;;
	br.call.sptk.many b0 = report ;;
	ld4 loc4 = [loc3]
	movl out0 = m_v_st ;;
	mov out1 = loc4
	mov out2 = 4
	br.call.sptk.many b0 = report_hex ;;

	// --- 4. no children left --------------------------------------------
	mov out0 = -1
	br.call.sptk.many b0 = wait_for ;;
	cmp.eq p6, p7 = -1, r10 ;;
(p6)	mov out1 = 1
(p7)	mov out1 = 0
	mov out3 = r8
	movl out0 = m_none
	movl out2 = m_errno ;;
	br.call.sptk.many b0 = report ;;
	mov out0 = 0
	br.call.sptk.many b0 = exit_group ;;

.Lchild1:					// the first child
	mov r15 = 1042 ;;			// __NR_getppid
	break.m 0x100000 ;;
	mov out1 = r8
	movl out0 = m_c_ppid
	movl out2 = m_c_pgp
	mov out3 = loc1 ;;			// the parent's getpid, copied with the frame
	br.call.sptk.many b0 = report ;;
	mov out0 = loc5
	mov out1 = loc6
	br.call.sptk.many b0 = markers_ok ;;
	mov out1 = r8
	movl out0 = m_c_regs
	mov out2 = 0
	mov out3 = 0 ;;
	br.call.sptk.many b0 = report ;;
	mov out0 = 7
	br.call.sptk.many b0 = exit_group ;;

.Lchild2:					// the second child: kill(getpid(), SIGTERM)
	mov r15 = 1041 ;;			// __NR_getpid
	break.m 0x100000 ;;
	mov out0 = r8
	mov out1 = 15				// SIGTERM, default action: terminate
	mov r15 = 1053 ;;			// __NR_kill
	break.m 0x100000 ;;
	movl out0 = m_alive ;;			// not reached
	br.call.sptk.many b0 = print_str ;;
	mov out0 = 99
	br.call.sptk.many b0 = exit_group ;;

.Lvchild:					// the vfork child
	movl r14 = shared
	mov r15 = 0x1234 ;;
	st8 [r14] = r15
	mov loc5 = 0				// only this task's copy of the frame
	mov loc6 = 0
	mov out0 = 3
	br.call.sptk.many b0 = exit_group ;;

.Lfail:
	mov out1 = r8
	movl out0 = m_fail
	mov out2 = 0
	mov out3 = 0 ;;
	br.call.sptk.many b0 = report ;;
	mov out0 = 1
	br.call.sptk.many b0 = exit_group ;;
	.endp _start

// markers_ok(in0, in1) -> r8 = 1 if they are the two marker values that
// _start keeps in loc5 and loc6, else 0.
	.proc markers_ok
markers_ok:
	alloc r2 = ar.pfs, 2, 0, 0, 0
	movl r14 = 0x0f1e2d3c4b5a6978
	movl r15 = 0x1122334455667788 ;;
	xor r14 = r14, in0
	xor r15 = r15, in1 ;;
	or r14 = r14, r15 ;;
	cmp.eq p6, p7 = 0, r14 ;;
(p6)	mov r8 = 1
(p7)	mov r8 = 0
	br.ret.sptk.many b0 ;;
	.endp markers_ok

// clone_call(in0 = flags) -> r8 = the child's pid in the parent, 0 in the
// child; r10 = 0, or -1 with r8 = errno. No new stack: the child continues
// on a copy (or, with CLONE_VM, on the same addresses) of the caller's
// memory stack and register backing store, and returns from here normally.
	.proc clone_call
clone_call:
	alloc loc0 = ar.pfs, 1, 2, 5, 0
	mov loc1 = b0
	mov out0 = in0				// flags (exit signal in the low byte)
	mov out1 = 0				// stack_base: none
	mov out2 = 0				// parent_tidptr
	mov out3 = 0				// child_tidptr
	mov out4 = 0				// tls
	mov r15 = 1128 ;;			// __NR_clone
	break.m 0x100000 ;;
	mov ar.pfs = loc0
	mov b0 = loc1 ;;
	br.ret.sptk.many b0 ;;
	.endp clone_call

// wait_for(in0 = pid) -> r8, r10: wait4(pid, &status, 0, NULL)
	.proc wait_for
wait_for:
	alloc loc0 = ar.pfs, 1, 2, 4, 0
	mov loc1 = b0
	mov out0 = in0
	movl out1 = status
	mov out2 = 0				// options
	mov out3 = 0				// rusage: none
	mov r15 = 1126 ;;			// __NR_wait4
	break.m 0x100000 ;;
	mov ar.pfs = loc0
	mov b0 = loc1 ;;
	br.ret.sptk.many b0 ;;
	.endp wait_for

	.include "output.inc"
	.include "task.inc"
