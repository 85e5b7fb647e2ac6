// gdb-threads: two threads for the gdb stub tests (thread list, thread
// switching, Ctrl-C; crates/ia64-gdbstub/tests/kernel_gdb.rs).
//
// Usage: gdb-threads [N] (decimal, default 1000).
//   main creates one thread with clone2 (CLONE_VM | CLONE_FS | CLONE_FILES |
//   CLONE_SIGHAND | CLONE_THREAD | CLONE_SYSVSEM | CLONE_PARENT_SETTID |
//   CLONE_CHILD_CLEARTID, on a 256 KiB mmap'ed stack; tid 2), then runs
//   main_loop(N): N iterations of `m_count += 1` in memory, with
//   r32 = N (in0), r33 = 0x1111, r34 = the iteration count in its frame
//   (alloc r36 = ar.pfs, 1, 4, 0, 0: CFM 0x285).
//   The thread runs worker(0x2222): alloc r36 = ar.pfs, 1, 4, 0, 0;
//   r33 = 0x3333, r34 counts iterations, and it loops `t_count += 1` until
//   main sets `stop`; then it exits (exit, this thread only), which clears
//   its tid word and wakes main.
//   main then sets stop = 1, joins the thread (futex_join), prints
//   "main: iterations = N", "thread: stopped = 1" and exits with status 0.
//   With a very large N the program runs until it is interrupted.
//
// Expected stdout (no arguments):
//   main: iterations = 1000
//   thread: stopped = 1
// Exit status 0.
//
// Syscalls: mmap = 1151, clone2 = 1213, futex = 1230, exit = 1025,
// exit_group = 1236.

	THREAD_FLAGS = 0x350f00
	STACK_SIZE = 0x40000

	.section .rodata
m_iter:		.asciz "main: iterations = "
m_stopped:	.asciz "thread: stopped = "
m_fail:		.asciz "mmap or clone2 failed, errno = "

	.data
	.align 8
	.global m_count, t_count, stop
m_count:	data8 0
t_count:	data8 0
stop:		data8 0
tidw:		data8 0

	.text
	.global _start
	.proc _start
_start:
	alloc loc0 = ar.pfs, 0, 4, 6, 0 ;;
	mov loc1 = 1000
	adds r14 = 16, r12 ;;
	ld8 r15 = [r14] ;;			// argc
	cmp.lt p6, p0 = 1, r15
	adds r14 = 32, r12 ;;			// &argv[1]
(p6)	ld8 out0 = [r14]
(p6)	br.call.sptk.many b0 = atou ;;
(p6)	mov loc1 = r8
	movl out0 = STACK_SIZE ;;
	br.call.sptk.many b0 = mmap_anon ;;
	cmp.ne p6, p0 = 0, r10
(p6)	br.cond.spnt .Lfail ;;
	mov out0 = r8				// stack base
	movl out1 = STACK_SIZE
	movl out2 = tidw ;;
	br.call.sptk.many b0 = spawn ;;
	cmp.ne p6, p0 = 0, r10
(p6)	br.cond.spnt .Lfail ;;
	mov out0 = loc1
	br.call.sptk.many b0 = main_loop ;;
	movl r14 = stop
	mov r15 = 1 ;;
	st8.rel [r14] = r15
	movl out0 = tidw ;;
	br.call.sptk.many b0 = futex_join ;;
	movl out0 = m_iter
	movl r14 = m_count ;;
	ld8 out1 = [r14]
	movl out2 = m_stopped
	movl r14 = tidw ;;
	ld4 r15 = [r14] ;;
	cmp.eq p6, p7 = 0, r15 ;;
(p6)	mov out3 = 1
(p7)	mov out3 = 0
	br.call.sptk.many b0 = report2 ;;
	mov out0 = 0
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

// report2(in0 = str1, in1 = num1, in2 = str2, in3 = num2): two lines.
	.proc report2
report2:
	alloc loc0 = ar.pfs, 4, 2, 4, 0
	mov loc1 = b0
	mov out0 = in0
	mov out1 = in1
	mov out2 = 0
	mov out3 = 0 ;;
	br.call.sptk.many b0 = report ;;
	mov out0 = in2
	mov out1 = in3
	mov out2 = 0
	mov out3 = 0 ;;
	br.call.sptk.many b0 = report ;;
	mov ar.pfs = loc0
	mov b0 = loc1 ;;
	br.ret.sptk.many b0 ;;
	.endp report2

// main_loop(n): n times m_count += 1.
	.global main_loop
	.proc main_loop
main_loop:
	alloc r36 = ar.pfs, 1, 4, 0, 0
	mov r33 = 0x1111
	mov r34 = 0
	movl r35 = m_count ;;
.Lml:
	cmp.ltu p6, p0 = r34, r32 ;;
(p6)	ld8 r14 = [r35] ;;
(p6)	adds r14 = 1, r14
(p6)	adds r34 = 1, r34 ;;
(p6)	st8 [r35] = r14
(p6)	br.cond.sptk.few .Lml ;;
	mov ar.pfs = r36 ;;
	br.ret.sptk.many b0 ;;
	.endp main_loop

// spawn(in0 = stack base, in1 = stack size, in2 = tid word) -> r8 = tid
// (r10 = 0) or errno (r10 = -1). The child runs worker and never returns
// here.
	.proc spawn
spawn:
	alloc loc0 = ar.pfs, 3, 2, 6, 0
	mov loc1 = b0
	movl out0 = THREAD_FLAGS
	mov out1 = in0
	mov out2 = in1
	mov out3 = in2				// parent_tidptr
	mov out4 = in2				// child_tidptr
	mov out5 = 0
	mov r15 = 1213 ;;			// __NR_clone2
	break.m 0x100000 ;;
	cmp.ne p6, p0 = 0, r10
(p6)	br.cond.spnt .Lsp_ret ;;
	cmp.eq p6, p0 = 0, r8
(p6)	br.cond.spnt .Lsp_child ;;
.Lsp_ret:
	mov ar.pfs = loc0
	mov b0 = loc1 ;;
	br.ret.sptk.many b0 ;;
.Lsp_child:
	mov out0 = 0x2222
	br.call.sptk.many b0 = worker ;;
	break.m 0 ;;				// not reached
	.endp spawn

// worker(x): t_count += 1 until stop != 0, then exit(0).
	.global worker
	.proc worker
worker:
	alloc r36 = ar.pfs, 1, 4, 1, 0
	mov r33 = 0x3333
	mov r34 = 0
	movl r35 = t_count ;;
.Lwk:
	movl r14 = stop ;;
	ld8.acq r14 = [r14] ;;
	cmp.eq p6, p0 = 0, r14 ;;
(p6)	ld8 r15 = [r35] ;;
(p6)	adds r15 = 1, r15
(p6)	adds r34 = 1, r34 ;;
(p6)	st8 [r35] = r15
(p6)	br.cond.sptk.few .Lwk ;;
	mov out0 = 0
	br.call.sptk.many b0 = thread_exit ;;
	.endp worker

// atou(in0 = string) -> r8: unsigned decimal value of the leading digits.
	.proc atou
atou:
	alloc r2 = ar.pfs, 1, 0, 0, 0
	mov r8 = 0 ;;
.Lat:
	ld1 r14 = [in0], 1 ;;
	adds r14 = -48, r14 ;;
	cmp.ltu p6, p0 = 9, r14 ;;
(p6)	br.ret.sptk.many b0 ;;
	shladd r15 = r8, 2, r8 ;;		// 5 * r8
	shladd r8 = r15, 1, r14 ;;		// 10 * r8 + digit
	br.cond.sptk.few .Lat ;;
	.endp atou

	.include "output.inc"
	.include "task.inc"
