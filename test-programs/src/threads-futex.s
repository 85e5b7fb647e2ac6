// threads-futex: two threads created with clone2, sharing memory, released
// together through a futex gate and joined through their
// CLONE_CHILD_CLEARTID words.
//
//   main: set_tid_address(&main_tid) returns the caller's tid (= gettid =
//   getpid for the first thread of a process). For each thread i = 0, 1 it
//   mmaps a 256 KiB stack and calls
//     clone2(CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND |
//            CLONE_THREAD | CLONE_SYSVSEM | CLONE_PARENT_SETTID |
//            CLONE_CHILD_CLEARTID, base, 256 KiB, &tid[i], &tid[i], 0)
//   (Linux/ia64 copy_thread: the child's register backing store starts
//   empty at `base` and grows up, its memory stack pointer is
//   base + size - 16 and grows down; the child resumes in the caller's
//   frame, so it finds its arguments in the frame's stacked registers and
//   never returns from that frame.) CLONE_PARENT_SETTID has stored the tid
//   in tid[i] before clone2 returns. main then stores 1 to the gate word and
//   FUTEX_WAKEs the threads, and joins each thread with
//   `while (tid[i] != 0) futex(&tid[i], FUTEX_WAIT, tid[i], NULL)`.
//   thread i: records gettid() and getpid(), sleeps in FUTEX_WAIT until the
//   gate opens, then adds to the shared counter: thread 0 adds 1 two million
//   times with fetchadd8.acq, thread 1 adds 2 one million times with an
//   ld8 / ar.ccv / cmpxchg8.acq retry loop; then it runs
//   vrec(300, seed_i, vrec_identity) (lib/vrec.inc: 301 frames of 24 stacked
//   registers, every frame checked) and records the checksum; then it calls
//   exit (not exit_group), which clears tid[i] and wakes the joiner.
//   seed_0 = 0x0123456789abcdef, seed_1 = 0xfedcba9876543210.
//
// Expected stdout (computed by test-programs/models/tasks.py; tids as the
// guest kernel numbers tasks: the process is 1, the threads 2 and 3):
//   main: set_tid_address returned gettid = 1, getpid = gettid = 1
//   main: clone2 returned tids 2 and 3
//   main: CLONE_PARENT_SETTID stored both tids = 1
//   thread 0: gettid = its tid = 1, gettid != getpid = 1, getpid = main's = 1
//   thread 0: vrec(300) checksum = 0x...
//   thread 1: gettid = its tid = 1, gettid != getpid = 1, getpid = main's = 1
//   thread 1: vrec(300) checksum = 0x...
//   counter = 4000000
//   vrec errors = 0, frames = 602
// Exit status 0.
//
// Syscalls: write = 1027, getpid = 1041, gettid = 1105, mmap = 1151,
// clone2 = 1213, futex = 1230, set_tid_address = 1233, exit = 1025,
// exit_group = 1236. FUTEX_WAIT = 0, FUTEX_WAKE = 1. clone flags
// (include/uapi/linux/sched.h): CLONE_VM 0x100, CLONE_FS 0x200,
// CLONE_FILES 0x400, CLONE_SIGHAND 0x800, CLONE_THREAD 0x10000,
// CLONE_SYSVSEM 0x40000, CLONE_PARENT_SETTID 0x100000,
// CLONE_CHILD_CLEARTID 0x200000; exit signal 0.

	THREAD_FLAGS = 0x350f00
	STACK_SIZE = 0x40000

	.section .rodata
m_stid:		.asciz "main: set_tid_address returned gettid = "
m_pidtid:	.asciz ", getpid = gettid = "
m_tids:		.asciz "main: clone2 returned tids "
m_and:		.asciz " and "
m_settid:	.asciz "main: CLONE_PARENT_SETTID stored both tids = "
m_thread:	.asciz "thread "
m_t_tid:	.asciz ": gettid = its tid = "
m_t_ne:		.asciz ", gettid != getpid = "
m_t_pid:	.asciz ", getpid = main's = "
m_t_sum:	.asciz ": vrec(300) checksum = "
m_counter:	.asciz "counter = "
m_errs:		.asciz "vrec errors = "
m_frames:	.asciz ", frames = "
m_fail:		.asciz "mmap or clone2 failed, errno = "

	.bss
	.align 8
counter:	.skip 8			// the shared counter
gate:		.skip 8			// 32-bit futex word: 0 closed, 1 open
main_tid:	.skip 8			// set_tid_address target
tidw:		.skip 16		// thread i's 32-bit tid word at tidw + 8 * i
results:	.skip 64		// thread i at results + 32 * i: tid, pid, checksum

	.text
	.global _start
	.proc _start
_start:
	alloc loc0 = ar.pfs, 0, 12, 6, 0
	movl out0 = main_tid
	mov r15 = 1233 ;;			// __NR_set_tid_address
	break.m 0x100000 ;;
	mov loc1 = r8
	mov r15 = 1105 ;;			// __NR_gettid
	break.m 0x100000 ;;
	mov loc2 = r8				// main's tid
	mov r15 = 1041 ;;			// __NR_getpid
	break.m 0x100000 ;;
	mov loc3 = r8				// the process id
	cmp.eq p6, p7 = loc1, loc2
	cmp.eq p8, p9 = r8, loc2 ;;
(p6)	mov out1 = 1
(p7)	mov out1 = 0
(p8)	mov out3 = 1
(p9)	mov out3 = 0
	movl out0 = m_stid
	movl out2 = m_pidtid ;;
	br.call.sptk.many b0 = report ;;

	// thread 0
	movl out0 = STACK_SIZE ;;
	br.call.sptk.many b0 = mmap_anon ;;
	cmp.ne p6, p0 = 0, r10
(p6)	br.cond.spnt .Lfail ;;
	mov out0 = 0				// index
	mov out1 = r8				// stack base
	movl out2 = STACK_SIZE
	movl out3 = tidw
	movl out4 = results ;;
	br.call.sptk.many b0 = spawn ;;
	cmp.ne p6, p0 = 0, r10
(p6)	br.cond.spnt .Lfail ;;
	mov loc4 = r8				// tid of thread 0
	movl r14 = tidw ;;
	ld4 loc6 = [r14]			// CLONE_PARENT_SETTID's store

	// thread 1
	movl out0 = STACK_SIZE ;;
	br.call.sptk.many b0 = mmap_anon ;;
	cmp.ne p6, p0 = 0, r10
(p6)	br.cond.spnt .Lfail ;;
	mov out0 = 1
	mov out1 = r8
	movl out2 = STACK_SIZE
	movl out3 = tidw + 8
	movl out4 = results + 32 ;;
	br.call.sptk.many b0 = spawn ;;
	cmp.ne p6, p0 = 0, r10
(p6)	br.cond.spnt .Lfail ;;
	mov loc5 = r8				// tid of thread 1
	movl r14 = tidw + 8 ;;
	ld4 loc7 = [r14]

	// open the gate: both threads are blocked on it or about to look at it
	movl out0 = gate
	mov r14 = 1 ;;
	st4.rel [out0] = r14
	mov out1 = 1				// FUTEX_WAKE
	mov out2 = 2				// at most two waiters
	mov out3 = 0
	mov out4 = 0
	mov out5 = 0
	mov r15 = 1230 ;;			// __NR_futex (the woken count is not used)
	break.m 0x100000 ;;

	// join
	movl out0 = tidw ;;
	br.call.sptk.many b0 = futex_join ;;
	movl out0 = tidw + 8 ;;
	br.call.sptk.many b0 = futex_join ;;

	// report
	movl out0 = m_tids
	mov out1 = loc4
	movl out2 = m_and
	mov out3 = loc5 ;;
	br.call.sptk.many b0 = report ;;
	cmp.eq p6, p7 = loc4, loc6 ;;
(p6)	cmp.eq p6, p7 = loc5, loc7 ;;
(p6)	mov out1 = 1
(p7)	mov out1 = 0
	movl out0 = m_settid
	mov out2 = 0
	mov out3 = 0 ;;
	br.call.sptk.many b0 = report ;;
	mov out0 = 0
	mov out1 = loc4
	mov out2 = loc3 ;;
	br.call.sptk.many b0 = report_thread ;;
	mov out0 = 1
	mov out1 = loc5
	mov out2 = loc3 ;;
	br.call.sptk.many b0 = report_thread ;;
	movl r14 = counter ;;
	ld8 out1 = [r14]
	movl out0 = m_counter
	mov out2 = 0
	mov out3 = 0 ;;
	br.call.sptk.many b0 = report ;;
	movl r14 = vrec_errors
	movl r15 = vrec_frames ;;
	ld8 out1 = [r14]
	ld8 out3 = [r15]
	movl out0 = m_errs
	movl out2 = m_frames ;;
	br.call.sptk.many b0 = report ;;
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

// report_thread(in0 = index, in1 = tid from clone2, in2 = main's pid)
	.proc report_thread
report_thread:
	alloc loc0 = ar.pfs, 3, 5, 4, 0
	mov loc1 = b0
	movl loc2 = results
	shl r14 = in0, 5 ;;
	add loc2 = loc2, r14 ;;
	ld8 loc3 = [loc2], 8 ;;			// the thread's gettid
	ld8 loc4 = [loc2], 8			// its getpid; loc2 -> its checksum
	movl out0 = m_thread ;;
	br.call.sptk.many b0 = print_str ;;
	mov out0 = in0
	br.call.sptk.many b0 = print_udec ;;
	movl out0 = m_t_tid ;;
	br.call.sptk.many b0 = print_str ;;
	cmp.eq p6, p7 = loc3, in1 ;;
(p6)	mov out0 = 1
(p7)	mov out0 = 0
	br.call.sptk.many b0 = print_udec ;;
	cmp.ne p6, p7 = loc3, loc4
	cmp.eq p8, p9 = loc4, in2 ;;
(p6)	mov out1 = 1
(p7)	mov out1 = 0
(p8)	mov out3 = 1
(p9)	mov out3 = 0
	movl out0 = m_t_ne
	movl out2 = m_t_pid ;;
	br.call.sptk.many b0 = report ;;
	movl out0 = m_thread ;;
	br.call.sptk.many b0 = print_str ;;
	mov out0 = in0
	br.call.sptk.many b0 = print_udec ;;
	ld8 out1 = [loc2]			// checksum
	movl out0 = m_t_sum
	mov out2 = 16 ;;
	br.call.sptk.many b0 = report_hex ;;
	mov ar.pfs = loc0
	mov b0 = loc1 ;;
	br.ret.sptk.many b0 ;;
	.endp report_thread

// spawn(in0 = index, in1 = stack base, in2 = stack size, in3 = tid word,
//       in4 = results slot) -> r8 = tid (r10 = 0) or errno (r10 = -1)
// The child returns from clone2 in this frame on its new, empty register
// backing store: it must never br.ret from here, so it calls thread_main,
// which ends with exit.
	.proc spawn
spawn:
	alloc loc0 = ar.pfs, 5, 2, 6, 0
	mov loc1 = b0
	movl out0 = THREAD_FLAGS
	mov out1 = in1				// stack_base
	mov out2 = in2				// stack_size
	mov out3 = in3				// parent_tidptr
	mov out4 = in3				// child_tidptr
	mov out5 = 0				// tls (CLONE_SETTLS not set)
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
	mov out0 = in0
	mov out1 = in4
	br.call.sptk.many b0 = thread_main ;;
	break.m 0 ;;				// not reached
	.endp spawn

// thread_main(in0 = index, in1 = results slot): does not return.
	.proc thread_main
thread_main:
	alloc loc0 = ar.pfs, 2, 3, 6, 0
	mov r15 = 1105 ;;			// __NR_gettid
	break.m 0x100000 ;;
	st8 [in1] = r8
	mov r15 = 1041 ;;			// __NR_getpid
	break.m 0x100000 ;;
	adds r14 = 8, in1 ;;
	st8 [r14] = r8
	movl loc2 = gate ;;
.Ltm_gate:					// while (gate == 0) futex_wait(&gate, 0)
	ld4.acq r14 = [loc2] ;;
	cmp.ne p6, p0 = 0, r14
(p6)	br.cond.dptk .Ltm_open ;;
	mov out0 = loc2
	mov out1 = 0				// FUTEX_WAIT
	mov out2 = 0				// while the word is still 0
	mov out3 = 0
	mov out4 = 0
	mov out5 = 0
	mov r15 = 1230 ;;			// __NR_futex
	break.m 0x100000 ;;
	br.cond.sptk.few .Ltm_gate ;;
.Ltm_open:
	cmp.eq p6, p7 = 0, in0 ;;
(p6)	movl out0 = 2000000
(p7)	movl out0 = 1000000 ;;
(p6)	br.call.sptk.many b0 = add_fetchadd ;;
(p7)	br.call.sptk.many b0 = add_cmpxchg ;;
	cmp.eq p6, p7 = 0, in0 ;;
(p6)	movl out1 = 0x0123456789abcdef
(p7)	movl out1 = 0xfedcba9876543210
	mov out0 = 300
	movl out2 = vrec_identity ;;
	br.call.sptk.many b0 = vrec ;;
	adds r14 = 16, in1 ;;
	st8.rel [r14] = r8
	mov out0 = 0
	br.call.sptk.many b0 = thread_exit ;;
	.endp thread_main

// add_fetchadd(in0 = n >= 1): n times fetchadd8.acq [counter], 1
	.proc add_fetchadd
add_fetchadd:
	alloc r2 = ar.pfs, 1, 0, 0, 0
	mov r3 = ar.lc
	movl r14 = counter
	adds r16 = -1, in0 ;;
	mov ar.lc = r16 ;;
.Laf_loop:
	fetchadd8.acq r15 = [r14], 1
	br.cloop.sptk.few .Laf_loop ;;
	mov ar.lc = r3 ;;
	br.ret.sptk.many b0 ;;
	.endp add_fetchadd

// add_cmpxchg(in0 = n >= 1): n times counter += 2 with a compare-and-swap
// loop (ar.ccv holds the value expected in memory)
	.proc add_cmpxchg
add_cmpxchg:
	alloc r2 = ar.pfs, 1, 0, 0, 0
	mov r3 = ar.lc
	movl r14 = counter
	adds r16 = -1, in0 ;;
	mov ar.lc = r16 ;;
.Lac_loop:
	ld8.acq r15 = [r14] ;;
	mov ar.ccv = r15
	adds r17 = 2, r15 ;;
	cmpxchg8.acq r18 = [r14], r17, ar.ccv ;;
	cmp.ne p6, p0 = r18, r15		// another thread got there first:
(p6)	br.cond.spnt .Lac_loop			// retry the same increment
	br.cloop.sptk.few .Lac_loop ;;
	mov ar.lc = r3 ;;
	br.ret.sptk.many b0 ;;
	.endp add_cmpxchg

	.include "output.inc"
	.include "task.inc"
	.include "vrec.inc"
