// exec-hello: execve of another test program, first in a forked child, then
// in the process itself.
//
//   1. clone(SIGCHLD) (fork); the child calls
//      execve("test-programs/bin/hello", ["test-programs/bin/hello", NULL],
//      [NULL]); the path is relative to the working directory (the test
//      runner runs the emulator from the repository root). hello prints its
//      greeting and exits with status 0; the parent's wait4 reports 0x0000.
//   2. The process itself calls the same execve: on success nothing after
//      the call runs, hello prints its greeting again, and the exit status
//      of the whole run is hello's, 0.
//   If an execve fails, the program prints the errno and exits with 1.
//
// Expected stdout:
//   exec-hello: fork and execve in the child
//   Hello from IA-64!
//   exec-hello: the child exited, status = 0x0000
//   exec-hello: execve in the process itself
//   Hello from IA-64!
// Exit status 0.
//
// Syscalls: write = 1027, execve = 1033, wait4 = 1126, clone = 1128,
// exit_group = 1236. execve(filename, argv, envp) (arch/ia64 ia64_execve:
// on success the new image starts like a fresh process: start_thread,
// empty CFM, new stacks).

	.section .rodata
m_fork:		.asciz "exec-hello: fork and execve in the child\n"
m_child:	.asciz "exec-hello: the child exited, status = "
m_self:		.asciz "exec-hello: execve in the process itself\n"
m_fail:		.asciz "exec-hello: failed, errno = "
path:		.asciz "test-programs/bin/hello"

	.data
	.align 8
argv:	data8 path, 0
envp:	data8 0

	.bss
	.align 8
status:	.skip 8

	.text
	.global _start
	.proc _start
_start:
	alloc loc0 = ar.pfs, 0, 3, 5, 0
	movl out0 = m_fork ;;
	br.call.sptk.many b0 = print_str ;;
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
	mov out0 = r8
	movl out1 = status
	mov out2 = 0
	mov out3 = 0
	mov r15 = 1126 ;;			// __NR_wait4
	break.m 0x100000 ;;
	cmp.ne p6, p0 = 0, r10
(p6)	br.cond.spnt .Lfail ;;
	movl r14 = status ;;
	ld4 out1 = [r14]
	movl out0 = m_child
	mov out2 = 4 ;;
	br.call.sptk.many b0 = report_hex ;;
	movl out0 = m_self ;;
	br.call.sptk.many b0 = print_str ;;
	br.call.sptk.many b0 = exec_hello ;;	// returns only on failure
	br.cond.sptk.few .Lfail ;;

.Lchild:
	br.call.sptk.many b0 = exec_hello ;;	// returns only on failure
	br.cond.sptk.few .Lfail ;;

.Lfail:
	mov out1 = r8
	movl out0 = m_fail
	mov out2 = 0
	mov out3 = 0 ;;
	br.call.sptk.many b0 = report ;;
	mov out0 = 1
	br.call.sptk.many b0 = exit_group ;;
	.endp _start

// exec_hello() -> r8 = errno (returns only if execve fails)
	.proc exec_hello
exec_hello:
	alloc loc0 = ar.pfs, 0, 2, 3, 0
	mov loc1 = b0
	movl out0 = path
	movl out1 = argv
	movl out2 = envp
	mov r15 = 1033 ;;			// __NR_execve
	break.m 0x100000 ;;
	mov ar.pfs = loc0
	mov b0 = loc1 ;;
	br.ret.sptk.many b0 ;;
	.endp exec_hello

	.include "output.inc"
	.include "task.inc"
