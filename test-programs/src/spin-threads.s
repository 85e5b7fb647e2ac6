// spin-threads: two threads spinning on two vCPUs, preempted by the timer
// and moved between CPUs with sched_setaffinity, checking their stacked
// registers on every iteration.
//
// Run with two vCPUs: `ia64emu run --cpus 2 test-programs/bin/spin-threads`
// (the expected output assumes CPUs 0 and 1 exist; with one CPU the
// affinity calls naming CPU 1 fail with EINVAL).
//
//   main creates two threads with clone2 (CLONE_VM | CLONE_FS |
//   CLONE_FILES | CLONE_SIGHAND | CLONE_THREAD | CLONE_SYSVSEM |
//   CLONE_PARENT_SETTID | CLONE_CHILD_CLEARTID, each on its own mmap'ed
//   256 KiB stack: the register backing store grows up from the base) and
//   joins them with FUTEX_WAIT on their tid words.
//   Thread i runs three steps; step j:
//     sched_setaffinity(0, 8, &mask[i][j]) and sched_getaffinity(0, 8, &m)
//     (ok when both succeed, the latter returns 8 and m = mask[i][j]);
//     getcpu(&cpu, NULL, NULL), recorded;
//     r = vrec(12, seed_i + j, spin_loop) (lib/vrec.inc: 13 frames of 24
//     stacked registers, so the outer frames are partly spilled and partly
//     dirty while the bottom spins); acc_i = rotl64(acc_i, 3) ^ r.
//   mask[0] = {cpu0}, {cpu0}, {cpu1}; mask[1] = {cpu1}, {cpu0}, {cpu0}:
//   in step 0 the threads spin in parallel on the two vCPUs, in step 1
//   both are on CPU 0 (thread 1 migrates; only timer preemption switches
//   between them, nothing yields), in step 2 thread 0 migrates to CPU 1.
//   Linux's sched_setaffinity returns only once the caller runs on an
//   allowed CPU, so getcpu right after it is deterministic.
//   seed_0 = 0x1111111111111111, seed_1 = 0x2222222222222222.
//
//   spin_loop(s): 16 counters c[k] in stacked registers (loc2..loc17),
//   c[k] = s + 100 * k, and i = 0 (loc18); ITERS = 60000 times:
//   c[k] += k + 1, i += 1, then check c[0] - s == i and
//   c[k] - c[k-1] - i == 100 for k = 1..15 (a failed check adds 1 to
//   spin_errors). Returns t = i, then t = rotl64(t, 1) ^ c[k] for k = 0..15.
//   About 75 instruction slots per iteration: 4.5 million per step per
//   thread, longer than the 4-million-instruction timer tick.
//
// Expected stdout (checksums computed by test-programs/models/tasks.py):
//   spin-threads: 2 threads, 3 steps of 60000 iterations
//   thread 0: cpus = 0 0 1, affinity calls ok = 3
//   thread 0: checksum = 0x...
//   thread 1: cpus = 1 0 0, affinity calls ok = 3
//   thread 1: checksum = 0x...
//   spin errors = 0
//   vrec errors = 0, frames = 78
// Exit status 0.
//
// Syscalls: write = 1027, mmap = 1151, clone2 = 1213, futex = 1230,
// sched_setaffinity = 1231, sched_getaffinity = 1232, getcpu = 1304,
// exit = 1025, exit_group = 1236. cpu masks are 8-byte bitmaps.

	THREAD_FLAGS = 0x350f00
	STACK_SIZE = 0x40000
	ITERS = 60000

	.section .rodata
m_title:	.asciz "spin-threads: 2 threads, 3 steps of 60000 iterations\n"
m_thread:	.asciz "thread "
m_cpus:		.asciz ": cpus = "
m_space:	.asciz " "
m_aff:		.asciz ", affinity calls ok = "
m_sum:		.asciz ": checksum = "
m_spinerr:	.asciz "spin errors = "
m_errs:		.asciz "vrec errors = "
m_frames:	.asciz ", frames = "
m_fail:		.asciz "mmap or clone2 failed, errno = "
	.align 8
masks:		data8 1, 1, 2		// thread 0, steps 0..2
		data8 2, 1, 1		// thread 1
seeds:		data8 0x1111111111111111, 0x2222222222222222

	.bss
	.align 8
tidw:		.skip 16		// thread i's 32-bit tid word at tidw + 8 * i
// thread i's record at results + 64 * i: cpu of steps 0..2 (+0, +8, +16),
// checksum (+24), affinity calls ok (+32), set mask (+40), read-back mask
// (+48), getcpu's cpu (+56, 32 bits)
results:	.skip 128
spin_errors:	.skip 8

	.text
	.global _start
	.proc _start
_start:
	alloc loc0 = ar.pfs, 0, 4, 5, 0
	movl out0 = m_title ;;
	br.call.sptk.many b0 = print_str ;;
	mov loc1 = 0 ;;				// thread index
.Lspawn:
	movl out0 = STACK_SIZE ;;
	br.call.sptk.many b0 = mmap_anon ;;
	cmp.ne p6, p0 = 0, r10
(p6)	br.cond.spnt .Lfail ;;
	mov out1 = r8
	mov out0 = loc1
	movl out2 = STACK_SIZE
	movl r14 = tidw
	movl r15 = results
	shl r16 = loc1, 3
	shl r17 = loc1, 6 ;;
	add out3 = r14, r16
	add out4 = r15, r17
	br.call.sptk.many b0 = spawn ;;
	cmp.ne p6, p0 = 0, r10
(p6)	br.cond.spnt .Lfail ;;
	adds loc1 = 1, loc1 ;;
	cmp.ne p6, p0 = 2, loc1
(p6)	br.cond.sptk .Lspawn ;;
	movl out0 = tidw ;;
	br.call.sptk.many b0 = futex_join ;;
	movl out0 = tidw + 8 ;;
	br.call.sptk.many b0 = futex_join ;;
	mov out0 = 0
	br.call.sptk.many b0 = report_thread ;;
	mov out0 = 1
	br.call.sptk.many b0 = report_thread ;;
	movl r14 = spin_errors ;;
	ld8 out1 = [r14]
	movl out0 = m_spinerr
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

// report_thread(in0 = index)
	.proc report_thread
report_thread:
	alloc loc0 = ar.pfs, 1, 4, 4, 0
	mov loc1 = b0
	movl loc2 = results
	shl r14 = in0, 6 ;;
	add loc2 = loc2, r14
	mov loc3 = 3 ;;				// cpus left to print
	movl out0 = m_thread ;;
	br.call.sptk.many b0 = print_str ;;
	mov out0 = in0
	br.call.sptk.many b0 = print_udec ;;
	movl out0 = m_cpus ;;
	br.call.sptk.many b0 = print_str ;;
.Lrt_cpu:
	ld8 out0 = [loc2], 8
	adds loc3 = -1, loc3 ;;
	br.call.sptk.many b0 = print_udec ;;
	cmp.eq p6, p0 = 0, loc3
(p6)	br.cond.dpnt .Lrt_cpus_done ;;
	movl out0 = m_space ;;
	br.call.sptk.many b0 = print_str ;;
	br.cond.sptk.few .Lrt_cpu ;;
.Lrt_cpus_done:					// loc2 -> checksum
	adds r14 = 8, loc2 ;;
	ld8 out1 = [r14]			// affinity calls ok
	movl out0 = m_aff
	mov out2 = 0
	mov out3 = 0 ;;
	br.call.sptk.many b0 = report ;;
	movl out0 = m_thread ;;
	br.call.sptk.many b0 = print_str ;;
	mov out0 = in0
	br.call.sptk.many b0 = print_udec ;;
	ld8 out1 = [loc2]
	movl out0 = m_sum
	mov out2 = 16 ;;
	br.call.sptk.many b0 = report_hex ;;
	mov ar.pfs = loc0
	mov b0 = loc1 ;;
	br.ret.sptk.many b0 ;;
	.endp report_thread

// spawn(in0 = index, in1 = stack base, in2 = stack size, in3 = tid word,
//       in4 = results record) -> r8 = tid (r10 = 0) or errno (r10 = -1).
// The child resumes in this frame on its new, empty backing store and never
// returns from it: it calls thread_main, which ends with exit.
	.proc spawn
spawn:
	alloc loc0 = ar.pfs, 5, 2, 6, 0
	mov loc1 = b0
	movl out0 = THREAD_FLAGS
	mov out1 = in1				// stack_base
	mov out2 = in2				// stack_size
	mov out3 = in3				// parent_tidptr
	mov out4 = in3				// child_tidptr
	mov out5 = 0				// tls
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

// thread_main(in0 = index, in1 = results record): does not return.
	.proc thread_main
thread_main:
	alloc loc0 = ar.pfs, 2, 8, 3, 0
	mov loc2 = 0				// step
	mov loc3 = 0				// acc
	mov loc4 = 0				// affinity calls ok
	movl r14 = masks
	shl r15 = in0, 4
	shl r16 = in0, 3 ;;
	add r14 = r14, r15 ;;
	add loc5 = r14, r16			// &masks[i][0] (24 bytes per thread)
	movl r17 = seeds ;;
	add r17 = r17, r16 ;;
	ld8 loc6 = [r17]			// seed_i
	adds loc7 = 40, in1 ;;			// &record.set_mask
.Ltm_step:
	ld8 r14 = [loc5], 8 ;;
	st8 [loc7] = r14
	mov out0 = 0				// this thread
	mov out1 = 8
	mov out2 = loc7
	mov r15 = 1231 ;;			// __NR_sched_setaffinity
	break.m 0x100000 ;;
	cmp.eq p6, p7 = 0, r10 ;;
(p6)	adds r14 = 8, loc7			// &record.got_mask
(p6)	mov out0 = 0
(p6)	mov out1 = 8 ;;
(p6)	st8 [r14] = r0
(p6)	mov out2 = r14
(p6)	mov r15 = 1232 ;;			// __NR_sched_getaffinity
(p6)	break.m 0x100000 ;;
(p6)	cmp.eq p6, p7 = 0, r10 ;;
(p6)	cmp.eq p6, p7 = 8, r8 ;;
(p6)	ld8 r14 = [loc7], 8 ;;
(p6)	ld8 r15 = [loc7], -8 ;;
(p6)	cmp.eq p6, p7 = r14, r15 ;;
(p6)	adds loc4 = 1, loc4
	adds out0 = 56, in1			// &record.cpu
	mov out1 = 0				// no node
	mov out2 = 0				// no cache
	mov r15 = 1304 ;;			// __NR_getcpu
	break.m 0x100000 ;;
	adds r14 = 56, in1
	shl r15 = loc2, 3 ;;
	ld4 r14 = [r14]
	add r15 = r15, in1 ;;
	st8 [r15] = r14				// record.cpus[step]
	mov out0 = 12
	add out1 = loc6, loc2
	movl out2 = spin_loop ;;
	br.call.sptk.many b0 = vrec ;;
	shrp loc3 = loc3, loc3, 61 ;;		// rotl64(acc, 3)
	xor loc3 = loc3, r8
	adds loc2 = 1, loc2 ;;
	cmp.ne p6, p0 = 3, loc2
(p6)	br.cond.sptk .Ltm_step ;;
	adds r14 = 24, in1
	adds r15 = 32, in1 ;;
	st8 [r14] = loc3
	st8.rel [r15] = loc4
	mov out0 = 0
	br.call.sptk.many b0 = thread_exit ;;
	.endp thread_main

// spin_loop(in0 = s) -> r8, see the header. A leaf: no calls, no system
// calls; only the timer interrupts it.
	.proc spin_loop
spin_loop:
	alloc loc0 = ar.pfs, 1, 19, 0, 0
	movl loc1 = ITERS
	mov loc18 = 0				// i
	adds loc2 = 0, in0
	adds loc3 = 100, in0
	adds loc4 = 200, in0
	adds loc5 = 300, in0
	adds loc6 = 400, in0
	adds loc7 = 500, in0
	adds loc8 = 600, in0
	adds loc9 = 700, in0
	adds loc10 = 800, in0
	adds loc11 = 900, in0
	adds loc12 = 1000, in0
	adds loc13 = 1100, in0
	adds loc14 = 1200, in0
	adds loc15 = 1300, in0
	adds loc16 = 1400, in0
	adds loc17 = 1500, in0
	cmp.ne p8, p0 = r0, r0 ;;		// p8: a check failed
.Lsl_iter:
	adds loc2 = 1, loc2
	adds loc3 = 2, loc3
	adds loc4 = 3, loc4
	adds loc5 = 4, loc5
	adds loc6 = 5, loc6
	adds loc7 = 6, loc7
	adds loc8 = 7, loc8
	adds loc9 = 8, loc9
	adds loc10 = 9, loc10
	adds loc11 = 10, loc11
	adds loc12 = 11, loc12
	adds loc13 = 12, loc13
	adds loc14 = 13, loc14
	adds loc15 = 14, loc15
	adds loc16 = 15, loc16
	adds loc17 = 16, loc17
	adds loc18 = 1, loc18 ;;
	sub r14 = loc3, loc2
	sub r15 = loc4, loc3
	sub r16 = loc5, loc4
	sub r17 = loc6, loc5
	sub r18 = loc7, loc6
	sub r19 = loc8, loc7
	sub r20 = loc9, loc8
	sub r21 = loc10, loc9
	sub r22 = loc11, loc10
	sub r23 = loc12, loc11
	sub r24 = loc13, loc12
	sub r25 = loc14, loc13
	sub r26 = loc15, loc14
	sub r27 = loc16, loc15
	sub r28 = loc17, loc16
	sub r29 = loc2, in0 ;;
	sub r14 = r14, loc18
	sub r15 = r15, loc18
	sub r16 = r16, loc18
	sub r17 = r17, loc18
	sub r18 = r18, loc18
	sub r19 = r19, loc18
	sub r20 = r20, loc18
	sub r21 = r21, loc18
	sub r22 = r22, loc18
	sub r23 = r23, loc18
	sub r24 = r24, loc18
	sub r25 = r25, loc18
	sub r26 = r26, loc18
	sub r27 = r27, loc18
	sub r28 = r28, loc18 ;;
	cmp.ne.or p8, p0 = 100, r14
	cmp.ne.or p8, p0 = 100, r15
	cmp.ne.or p8, p0 = 100, r16
	cmp.ne.or p8, p0 = 100, r17
	cmp.ne.or p8, p0 = 100, r18
	cmp.ne.or p8, p0 = 100, r19
	cmp.ne.or p8, p0 = 100, r20
	cmp.ne.or p8, p0 = 100, r21
	cmp.ne.or p8, p0 = 100, r22
	cmp.ne.or p8, p0 = 100, r23
	cmp.ne.or p8, p0 = 100, r24
	cmp.ne.or p8, p0 = 100, r25
	cmp.ne.or p8, p0 = 100, r26
	cmp.ne.or p8, p0 = 100, r27
	cmp.ne.or p8, p0 = 100, r28
	cmp.ne.or p8, p0 = r29, loc18 ;;
(p8)	br.cond.spnt .Lsl_error ;;
.Lsl_next:
	cmp.ltu p9, p0 = loc18, loc1
(p9)	br.cond.sptk .Lsl_iter ;;
	mov r8 = loc18 ;;
	shrp r8 = r8, r8, 63 ;;
	xor r8 = r8, loc2 ;;
	shrp r8 = r8, r8, 63 ;;
	xor r8 = r8, loc3 ;;
	shrp r8 = r8, r8, 63 ;;
	xor r8 = r8, loc4 ;;
	shrp r8 = r8, r8, 63 ;;
	xor r8 = r8, loc5 ;;
	shrp r8 = r8, r8, 63 ;;
	xor r8 = r8, loc6 ;;
	shrp r8 = r8, r8, 63 ;;
	xor r8 = r8, loc7 ;;
	shrp r8 = r8, r8, 63 ;;
	xor r8 = r8, loc8 ;;
	shrp r8 = r8, r8, 63 ;;
	xor r8 = r8, loc9 ;;
	shrp r8 = r8, r8, 63 ;;
	xor r8 = r8, loc10 ;;
	shrp r8 = r8, r8, 63 ;;
	xor r8 = r8, loc11 ;;
	shrp r8 = r8, r8, 63 ;;
	xor r8 = r8, loc12 ;;
	shrp r8 = r8, r8, 63 ;;
	xor r8 = r8, loc13 ;;
	shrp r8 = r8, r8, 63 ;;
	xor r8 = r8, loc14 ;;
	shrp r8 = r8, r8, 63 ;;
	xor r8 = r8, loc15 ;;
	shrp r8 = r8, r8, 63 ;;
	xor r8 = r8, loc16 ;;
	shrp r8 = r8, r8, 63 ;;
	xor r8 = r8, loc17 ;;
	mov ar.pfs = loc0 ;;
	br.ret.sptk.many b0 ;;
.Lsl_error:
	movl r14 = spin_errors ;;
	fetchadd8.rel r15 = [r14], 1
	cmp.ne p8, p0 = r0, r0			// clear p8
	br.cond.sptk.few .Lsl_next ;;
	.endp spin_loop

	.include "output.inc"
	.include "task.inc"
	.include "vrec.inc"
