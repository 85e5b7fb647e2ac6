// coh-altstack: signal handlers whose register backing store the signal
// trampoline switches to an alternate stack (rse-spec.md sections 6.2 and
// 7.6), and user backing stores that fault (section 6.3), for the RSE
// coherence harness. The register stack runs in enforced lazy mode
// (ar.rsc = 0xc), so registers reach memory only by mandatory spills and
// flushrs.
//
// Usage: coh-altstack MODE (first character of argv[1]; default a)
//
// Every mode first maps the alternate stack: mmap(272 KiB), munmap of its
// first 16 KiB page (a guard: nothing is mapped right below the area), and
// sigaltstack({area, 0, 256 KiB}) with area = the mapping + 16 KiB. The
// kernel then gives a SA_ONSTACK handler sc_rbs_base = area, and the
// trampoline re-homes the registers that were dirty at the delivery there.
//
// rec(depth, kind) is a recursion whose every frame keeps known values in
// its stacked registers and checks them after the call returns:
//   alloc r40 = ar.pfs, 2, 7, 4, 0: r32 = depth, r33 = kind (0 main, 1
//   handler, 2 overflow), r34..r37 = (depth << 8) | (0x11, 0x12, 0x13,
//   0x14) + 0x40 * kind, r38 = saved b0, r39 = the depth expected after the
//   call (counted in memory per kind), r40 = saved ar.pfs.
// A changed register prints "rec K D: rN = 0x<16 hex digits>" (K = kind,
// D = depth) and counts as a mismatch. At depth 0, rec calls bottom(kind).
//
//   a  SIGUSR1 and SIGUSR2 handlers with SA_ONSTACK. rec(12, 0); at its
//      bottom kill(getpid(), SIGUSR1). h1 (on the alternate stack, the
//      backing store switched) runs rec(2, 1), whose bottom calls getpid
//      and kill(getpid(), SIGUSR2): h2 runs nested, on the same alternate
//      backing store (sc_rbs_base = 0: it is already there), and calls
//      getpid. Output:
//        h1: on the alternate backing store = 1
//        h2: nested, no second switch = 1
//        frames checked = 16, mismatches = 0
//   o  The backing store overflows into an unmapped page: mmap(48 KiB), and
//      munmap of its first and last pages leave one mapped page R with
//      nothing around it. A SIGSEGV handler (SA_ONSTACK | SA_SIGINFO) is
//      installed. on_new_rbs moves the register stack to R (flushrs, then
//      mov ar.bspstore = R, the trampoline's way) and runs rec(300, 2):
//      8 registers a frame, so a mandatory spill of an alloc reaches
//      R + 16384 and faults. The handler, on the alternate stack, maps
//      that page (mmap MAP_FIXED at si_addr rounded down to 16 KiB) and
//      returns; the alloc runs again and the recursion completes. Output:
//        segv: si_code = 1, si_addr - R = 16384, on the alternate stack = 1
//        frames checked = 301, mismatches = 0
//   k  As o without the handler: killed by SIGSEGV (exit status 139).
//   l  Bad loadrs: h1 (SA_ONSTACK) adds 16 registers' bytes to its
//      sc_loadrs; the trampoline's restore_rbs then loads from below the
//      area, in the guard page: SIGSEGV in the gate page, killed (139).
//   u  A signal frame whose backing store is unmapped: after sigaltstack,
//      the area's first page (sc_rbs_base) is unmapped too; h1 executes
//      flushrs, whose spills fault: SIGSEGV in the handler, killed (139).
//   f  A frame the backing store cannot supply: h1 (no SA_ONSTACK) sets its
//      sc_cfm to 96 registers (sof 96, sol 0, a valid frame marker) and
//      returns; rt_sigreturn's return to user mode must fill 96 registers
//      while fewer are dirty, from below the backing store's base, where
//      nothing is mapped. Linux/ia64 takes the fill fault after the rfi
//      (an incomplete frame, ISR.ir = 1) and sends SIGSEGV: killed (139).
//   Modes l, u and f first call rec(2, 0), whose bottom raises SIGUSR1.
//
// Frame convention of the coherence harness (as in coh-stack): every
// procedure saves ar.pfs with `alloc rL = ar.pfs, ...` in its LAST local
// register, and b0 (when it calls) in a local.
//
// Syscalls (1024 + arch/ia64/kernel/syscalls/syscall.tbl): write 1027,
// getpid 1041, kill 1053, mmap 1151, munmap 1152, sigaltstack 1176,
// rt_sigaction 1177, exit_group 1236. SIGUSR1 = 10, SIGSEGV = 11,
// SIGUSR2 = 12. SA_ONSTACK = 0x08000000, SA_SIGINFO = 4. PROT_READ |
// PROT_WRITE = 3, MAP_PRIVATE | MAP_ANONYMOUS = 0x22, MAP_FIXED = 0x10.
// siginfo: si_code @8 (int), si_addr @16. sigcontext: sc_cfm @48,
// sc_rbs_base @2512, sc_loadrs @2520. stack_t = {ss_sp @0, ss_flags @8,
// ss_size @16}.

	AREA_SIZE = 262144
	PAGE = 16384

	.section .rodata
m_h1:		.asciz "h1: on the alternate backing store = "
m_h2:		.asciz "h2: nested, no second switch = "
m_segv:		.asciz "segv: si_code = "
m_segv2:	.asciz ", si_addr - R = "
m_segv3:	.asciz ", on the alternate stack = "
m_sum:		.asciz "frames checked = "
m_sum2:		.asciz ", mismatches = "
m_rec:		.asciz "rec "
m_sp:		.asciz " "
m_r:		.asciz ": r"
m_eq:		.asciz " = "
m_nl:		.asciz "\n"
m_fail:		.asciz "setup failed\n"
hexdig:		.ascii "0123456789abcdef"
	.align 8
pow10:	data8 10000000000000000000, 1000000000000000000, 100000000000000000
	data8 10000000000000000, 1000000000000000, 100000000000000
	data8 10000000000000, 1000000000000, 100000000000, 10000000000
	data8 1000000000, 100000000, 10000000, 1000000, 100000, 10000
	data8 1000, 100, 10, 0

	.data
	.align 8
h1_fd:		data8 h1, 0			// function descriptors: entry, gp
h2_fd:		data8 h2, 0
hsegv_fd:	data8 hsegv, 0
sigact:		data8 0, 0, 0			// {handler, flags, mask}

	.bss
	.align 8
g_mode:		.skip 8
g_pid:		.skip 8
g_area:		.skip 8				// the alternate stack
g_r:		.skip 8				// mode o: the one-page store R
g_cur:		.skip 24			// per kind: depth counter
g_frames:	.skip 8
g_errors:	.skip 8
h1_ok:		.skip 8
h2_ok:		.skip 8
segv_code:	.skip 8
segv_addr:	.skip 8
segv_alt:	.skip 8
stack_t:	.skip 24
numbuf:		.skip 32

	.text
	.global _start
	.proc _start
_start:
	alloc r39 = ar.pfs, 0, 8, 6, 0		// sol 8: r32..r39, out r40..r45
	adds r14 = 16, r12
	adds r33 = 24, r12			// &argv[0]
	mov r34 = 0x61 ;;			// mode: 'a' by default
	ld8 r32 = [r14]				// argc
	adds r15 = 8, r33 ;;
	cmp.lt p6, p0 = 1, r32 ;;
(p6)	ld8 r15 = [r15] ;;
(p6)	ld1 r34 = [r15]
	mov r16 = 0xc ;;
	mov ar.rsc = r16			// enforced lazy, pl 3
	movl r14 = g_mode ;;
	st8 [r14] = r34
	mov r15 = 1041 ;;			// getpid
	break.m 0x100000 ;;
	movl r14 = g_pid ;;
	st8 [r14] = r8
	// The alternate stack, with a guard page below it.
	movl r40 = AREA_SIZE + PAGE
	br.call.sptk.many b0 = map_anon ;;
	cmp.ne p6, p0 = 0, r10
(p6)	br.cond.spnt .Lfail ;;
	mov r35 = r8				// the mapping
	mov r40 = r8
	mov r41 = PAGE
	br.call.sptk.many b0 = unmap ;;
	movl r36 = PAGE ;;
	add r36 = r35, r36 ;;			// area
	movl r14 = g_area
	movl r15 = stack_t ;;
	st8 [r14] = r36
	st8 [r15] = r36, 8 ;;			// ss_sp
	st4 [r15] = r0, 8 ;;			// ss_flags
	movl r16 = AREA_SIZE ;;
	st8 [r15] = r16				// ss_size
	movl r40 = stack_t
	mov r41 = 0
	mov r15 = 1176 ;;			// sigaltstack
	break.m 0x100000 ;;
	cmp.ne p6, p0 = 0, r10
(p6)	br.cond.spnt .Lfail ;;
	cmp.eq p6, p0 = 0x6f, r34		// 'o'
	cmp.eq p7, p0 = 0x6b, r34		// 'k'
(p6)	br.cond.dpnt .Loverflow
(p7)	br.cond.dpnt .Loverflow ;;
	cmp.eq p6, p0 = 0x75, r34 ;;		// 'u': unmap the handler's store
(p6)	mov r40 = r36
(p6)	mov r41 = PAGE
(p6)	br.call.sptk.many b0 = unmap ;;
	// SIGUSR1: SA_ONSTACK except in mode f; SIGUSR2: SA_ONSTACK.
	movl r42 = 0x08000000
	mov r40 = 10
	movl r41 = h1_fd ;;
	cmp.eq p6, p0 = 0x66, r34 ;;		// 'f'
(p6)	mov r42 = 0
	br.call.sptk.many b0 = sig_install ;;
	movl r42 = 0x08000000
	mov r40 = 12
	movl r41 = h2_fd
	br.call.sptk.many b0 = sig_install ;;
	mov r40 = 12				// rec(12, 0) in mode a, rec(2, 0) otherwise
	mov r41 = 0
	cmp.ne p6, p0 = 0x61, r34 ;;
(p6)	mov r40 = 2
	br.call.sptk.many b0 = rec ;;
	movl r14 = h1_ok ;;
	ld8 r41 = [r14]
	movl r40 = m_h1
	br.call.sptk.many b0 = report ;;
	movl r14 = h2_ok ;;
	ld8 r41 = [r14]
	movl r40 = m_h2
	br.call.sptk.many b0 = report ;;
	br.cond.sptk .Lsummary ;;
.Loverflow:
	// R: the middle page of three, alone.
	movl r40 = 3 * PAGE
	br.call.sptk.many b0 = map_anon ;;
	cmp.ne p6, p0 = 0, r10
(p6)	br.cond.spnt .Lfail ;;
	mov r35 = r8
	mov r40 = r8
	mov r41 = PAGE
	br.call.sptk.many b0 = unmap ;;
	movl r14 = PAGE ;;
	add r37 = r35, r14			// R
	shladd r40 = r14, 1, r35		// R + PAGE
	mov r41 = r14
	br.call.sptk.many b0 = unmap ;;
	movl r14 = g_r ;;
	st8 [r14] = r37
	cmp.eq p6, p0 = 0x6f, r34 ;;		// 'o': the SIGSEGV handler
(p6)	mov r40 = 11
(p6)	movl r41 = hsegv_fd
(p6)	movl r42 = 0x08000004 ;;
(p6)	br.call.sptk.many b0 = sig_install ;;
	mov r40 = r37
	mov r41 = 300
	br.call.sptk.many b0 = on_new_rbs ;;
	movl r40 = m_segv
	br.call.sptk.many b0 = emit_str ;;
	movl r14 = segv_code ;;
	ld8 r40 = [r14]
	br.call.sptk.many b0 = emit_dec ;;
	movl r40 = m_segv2
	br.call.sptk.many b0 = emit_str ;;
	movl r14 = segv_addr
	movl r15 = g_r ;;
	ld8 r16 = [r14]
	ld8 r17 = [r15] ;;
	sub r40 = r16, r17
	br.call.sptk.many b0 = emit_dec ;;
	movl r14 = segv_alt ;;
	ld8 r41 = [r14]
	movl r40 = m_segv3
	br.call.sptk.many b0 = report ;;
.Lsummary:
	movl r40 = m_sum
	br.call.sptk.many b0 = emit_str ;;
	movl r14 = g_frames ;;
	ld8 r40 = [r14]
	br.call.sptk.many b0 = emit_dec ;;
	movl r14 = g_errors ;;
	ld8 r41 = [r14]
	movl r40 = m_sum2
	br.call.sptk.many b0 = report ;;
	mov r40 = 0
	mov r15 = 1236 ;;			// exit_group(0)
	break.m 0x100000 ;;
.Lfail:
	movl r40 = m_fail
	br.call.sptk.many b0 = emit_str ;;
	mov r40 = 1
	mov r15 = 1236 ;;			// exit_group(1)
	break.m 0x100000 ;;
	.endp _start

// rec(in0 = depth, in1 = kind): see the header.
	.proc rec
rec:
	alloc r40 = ar.pfs, 2, 7, 4, 0 ;;
	mov r38 = b0
	shl r14 = r32, 8
	shl r15 = r33, 6 ;;			// 0x40 * kind
	add r14 = r14, r15
	mov r39 = 0 ;;
	adds r34 = 0x11, r14
	adds r35 = 0x12, r14
	adds r36 = 0x13, r14
	adds r37 = 0x14, r14
	cmp.eq p6, p0 = 0, r32 ;;
(p6)	br.cond.spnt .Lbottom ;;
	adds r41 = -1, r32
	mov r42 = r33
	br.call.sptk.many b0 = rec ;;
	br.cond.sptk .Lcheck ;;
.Lbottom:
	movl r14 = g_cur ;;
	shladd r14 = r33, 3, r14
	mov r15 = -1 ;;
	st8 [r14] = r15				// the bottom's depth will be 0
	mov r41 = r33
	br.call.sptk.many b0 = bottom ;;
.Lcheck:
	movl r14 = g_cur ;;
	shladd r14 = r33, 3, r14 ;;
	ld8 r39 = [r14] ;;
	adds r39 = 1, r39 ;;
	st8 [r14] = r39				// r39 = this frame's depth
	shl r16 = r39, 8
	shl r15 = r33, 6 ;;
	add r16 = r16, r15 ;;			// the value base of this frame
	cmp.eq p6, p0 = r32, r39
(p6)	br.cond.sptk .Lc34 ;;
	mov r41 = r33
	mov r42 = r39
	mov r43 = 32
	mov r44 = r32
	br.call.sptk.many b0 = bad ;;
	shl r16 = r39, 8
	shl r15 = r33, 6 ;;
	add r16 = r16, r15 ;;
.Lc34:
	adds r15 = 0x11, r16 ;;
	cmp.eq p6, p0 = r34, r15
(p6)	br.cond.sptk .Lc35 ;;
	mov r41 = r33
	mov r42 = r39
	mov r43 = 34
	mov r44 = r34
	br.call.sptk.many b0 = bad ;;
	shl r16 = r39, 8
	shl r15 = r33, 6 ;;
	add r16 = r16, r15 ;;
.Lc35:
	adds r15 = 0x12, r16 ;;
	cmp.eq p6, p0 = r35, r15
(p6)	br.cond.sptk .Lc36 ;;
	mov r41 = r33
	mov r42 = r39
	mov r43 = 35
	mov r44 = r35
	br.call.sptk.many b0 = bad ;;
	shl r16 = r39, 8
	shl r15 = r33, 6 ;;
	add r16 = r16, r15 ;;
.Lc36:
	adds r15 = 0x13, r16 ;;
	cmp.eq p6, p0 = r36, r15
(p6)	br.cond.sptk .Lc37 ;;
	mov r41 = r33
	mov r42 = r39
	mov r43 = 36
	mov r44 = r36
	br.call.sptk.many b0 = bad ;;
	shl r16 = r39, 8
	shl r15 = r33, 6 ;;
	add r16 = r16, r15 ;;
.Lc37:
	adds r15 = 0x14, r16 ;;
	cmp.eq p6, p0 = r37, r15
(p6)	br.cond.sptk .Lcdone ;;
	mov r41 = r33
	mov r42 = r39
	mov r43 = 37
	mov r44 = r37
	br.call.sptk.many b0 = bad ;;
.Lcdone:
	movl r14 = g_frames ;;
	ld8 r15 = [r14] ;;
	adds r15 = 1, r15 ;;
	st8 [r14] = r15
	mov ar.pfs = r40
	mov b0 = r38 ;;
	br.ret.sptk.many b0 ;;
	.endp rec

// bad(in0 = kind, in1 = depth, in2 = register number, in3 = value):
// prints "rec K D: rN = 0x..." and counts a mismatch.
	.proc bad
bad:
	alloc r37 = ar.pfs, 4, 2, 1, 0 ;;	// r36 b0, r37 ar.pfs, out r38
	mov r36 = b0
	movl r14 = g_errors ;;
	ld8 r15 = [r14] ;;
	adds r15 = 1, r15 ;;
	st8 [r14] = r15
	movl r38 = m_rec
	br.call.sptk.many b0 = emit_str ;;
	mov r38 = r32
	br.call.sptk.many b0 = emit_dec ;;
	movl r38 = m_sp
	br.call.sptk.many b0 = emit_str ;;
	mov r38 = r33
	br.call.sptk.many b0 = emit_dec ;;
	movl r38 = m_r
	br.call.sptk.many b0 = emit_str ;;
	mov r38 = r34
	br.call.sptk.many b0 = emit_dec ;;
	movl r38 = m_eq
	br.call.sptk.many b0 = emit_str ;;
	mov r38 = r35
	br.call.sptk.many b0 = emit_hex ;;
	movl r38 = m_nl
	br.call.sptk.many b0 = emit_str ;;
	mov ar.pfs = r37
	mov b0 = r36 ;;
	br.ret.sptk.many b0 ;;
	.endp bad

// bottom(in0 = kind): main (0): kill(getpid(), SIGUSR1), or in modes o and
// k nothing (rec is not used there); handler (1): getpid, then
// kill(getpid(), SIGUSR2); overflow (2): nothing.
	.proc bottom
bottom:
	alloc r34 = ar.pfs, 1, 2, 7, 0 ;;	// r33 b0, r34 ar.pfs, out r35..r41
	mov r33 = b0
	cmp.eq p6, p0 = 2, r32
(p6)	br.cond.spnt .Lbt_done ;;
	cmp.eq p6, p0 = 1, r32
(p6)	br.cond.spnt .Lbt_handler ;;
	mov r35 = 1053				// kill(pid, SIGUSR1)
	movl r14 = g_pid ;;
	ld8 r36 = [r14]
	mov r37 = 10
	br.call.sptk.many b0 = sys ;;
	br.cond.sptk .Lbt_done ;;
.Lbt_handler:
	mov r35 = 1041				// getpid: a system call in the handler
	br.call.sptk.many b0 = sys ;;
	mov r35 = 1053				// kill(pid, SIGUSR2)
	movl r14 = g_pid ;;
	ld8 r36 = [r14]
	mov r37 = 12
	br.call.sptk.many b0 = sys ;;
.Lbt_done:
	mov ar.pfs = r34
	mov b0 = r33 ;;
	br.ret.sptk.many b0 ;;
	.endp bottom

// h1(signo, siginfo, sigcontext): the SIGUSR1 handler of modes a, l, u, f.
	.proc h1
h1:
	alloc r38 = ar.pfs, 3, 4, 2, 0 ;;	// r35 b0, r36 ar.bsp, r37 mode, r38 ar.pfs, out r39, r40
	mov r35 = b0
	mov r36 = ar.bsp
	movl r14 = g_mode ;;
	ld8 r37 = [r14] ;;
	cmp.eq p6, p0 = 0x75, r37		// 'u': spill to the unmapped store
(p6)	br.cond.spnt .Lh1_flush ;;
	cmp.eq p6, p0 = 0x6c, r37		// 'l': a sc_loadrs 16 registers too large
(p6)	br.cond.spnt .Lh1_loadrs ;;
	cmp.eq p6, p0 = 0x66, r37		// 'f': a 96-register frame to return to
(p6)	br.cond.spnt .Lh1_cfm ;;
	// Mode a: switched to the alternate store? (ar.bsp in the area and
	// sc_rbs_base = the area)
	mov r39 = r36
	br.call.sptk.many b0 = in_area ;;
	movl r14 = g_area
	movl r15 = 2512 ;;
	ld8 r14 = [r14]
	add r15 = r34, r15 ;;
	ld8 r15 = [r15] ;;			// sc_rbs_base
	cmp.eq p6, p7 = r14, r15 ;;
(p7)	mov r8 = 0
	movl r14 = h1_ok ;;
	st8 [r14] = r8
	mov r39 = 2
	mov r40 = 1
	br.call.sptk.many b0 = rec ;;		// rec(2, 1)
	br.cond.sptk .Lh1_done ;;
.Lh1_flush:
	flushrs ;;
	br.cond.sptk .Lh1_done ;;
.Lh1_loadrs:
	movl r14 = 2520 ;;
	add r14 = r34, r14 ;;
	ld8 r15 = [r14]
	movl r16 = 16 * 8 << 16 ;;
	add r15 = r15, r16 ;;
	st8 [r14] = r15
	br.cond.sptk .Lh1_done ;;
.Lh1_cfm:
	adds r14 = 48, r34
	mov r15 = 96 ;;
	st8 [r14] = r15
.Lh1_done:
	mov ar.pfs = r38
	mov b0 = r35 ;;
	br.ret.sptk.many b0 ;;
	.endp h1

// h2(signo, siginfo, sigcontext): the nested SIGUSR2 handler of mode a:
// still on the alternate store, with no second switch (sc_rbs_base = 0).
	.proc h2
h2:
	alloc r37 = ar.pfs, 3, 3, 1, 0 ;;	// r35 b0, r36 ar.bsp, r37 ar.pfs, out r38
	mov r35 = b0
	mov r36 = ar.bsp
	mov r38 = 1041 ;;			// getpid: a system call in the nested handler
	br.call.sptk.many b0 = sys ;;
	mov r38 = r36
	br.call.sptk.many b0 = in_area ;;
	movl r15 = 2512 ;;
	add r15 = r34, r15 ;;
	ld8 r15 = [r15] ;;			// sc_rbs_base
	cmp.eq p6, p7 = 0, r15 ;;
(p7)	mov r8 = 0
	movl r14 = h2_ok ;;
	st8 [r14] = r8
	mov ar.pfs = r37
	mov b0 = r35 ;;
	br.ret.sptk.many b0 ;;
	.endp h2

// hsegv(signo, siginfo, sigcontext): mode o's SIGSEGV handler: record the
// fault, map the page, return (the faulting alloc runs again).
	.proc hsegv
hsegv:
	alloc r37 = ar.pfs, 3, 3, 6, 0 ;;	// r35 b0, r36 ar.bsp, r37 ar.pfs, out r38..r43
	mov r35 = b0
	mov r36 = ar.bsp
	adds r14 = 8, r33
	adds r15 = 16, r33 ;;
	ld4 r16 = [r14]				// si_code
	ld8 r17 = [r15] ;;			// si_addr
	movl r14 = segv_code
	movl r15 = segv_addr ;;
	st8 [r14] = r16
	st8 [r15] = r17
	mov r38 = r36
	br.call.sptk.many b0 = in_area ;;
	movl r14 = segv_alt ;;
	st8 [r14] = r8
	movl r14 = segv_addr ;;
	ld8 r38 = [r14]
	movl r39 = PAGE ;;
	adds r39 = -1, r39 ;;
	andcm r38 = r38, r39			// the page of si_addr
	movl r39 = PAGE
	mov r40 = 3
	mov r41 = 0x32				// MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED
	mov r42 = -1
	mov r43 = 0
	mov r15 = 1151 ;;			// mmap
	break.m 0x100000 ;;
	mov ar.pfs = r37
	mov b0 = r35 ;;
	br.ret.sptk.many b0 ;;
	.endp hsegv

// on_new_rbs(in0 = store base, in1 = depth): rec(depth, 2) with the register
// stack moved to the store at in0, then moved back (the trampoline's
// switch: flushrs, mov ar.bspstore; back: mov ar.bspstore, mov ar.rnat).
	.proc on_new_rbs
on_new_rbs:
	alloc r38 = ar.pfs, 2, 5, 2, 0 ;;	// r34 b0, r35 old bof, r36 old rnat, r38 ar.pfs, out r39, r40
	mov r34 = b0
	mov r35 = ar.bsp ;;			// this frame's place on the original store
	flushrs ;;				// every older frame to memory
	mov r36 = ar.rnat ;;			// NaT bits of the original partial group
	mov ar.bspstore = r32 ;;		// this frame now starts at the new store
	mov r39 = r33
	mov r40 = 2
	br.call.sptk.many b0 = rec ;;
	flushrs ;;
	mov ar.bspstore = r35 ;;		// back to the original store
	mov ar.rnat = r36
	mov ar.pfs = r38
	mov b0 = r34 ;;
	br.ret.sptk.many b0 ;;
	.endp on_new_rbs

// sys(in0 = number, in1..in6 = arguments) -> r8, r10: the system call with
// the arguments in out0..out5 = r40..r45.
	.proc sys
sys:
	alloc r39 = ar.pfs, 7, 1, 6, 0 ;;
	mov r15 = r32
	mov r40 = r33
	mov r41 = r34
	mov r42 = r35
	mov r43 = r36
	mov r44 = r37
	mov r45 = r38 ;;
	break.m 0x100000 ;;
	mov ar.pfs = r39 ;;
	br.ret.sptk.many b0 ;;
	.endp sys

// map_anon(in0 = length) -> r8 = address, r10 = 0 (or -1, r8 = errno).
	.proc map_anon
map_anon:
	alloc r34 = ar.pfs, 1, 2, 6, 0 ;;	// r33 b0, r34 ar.pfs, out r35..r40
	mov r33 = b0
	mov r35 = 0
	mov r36 = r32
	mov r37 = 3				// PROT_READ | PROT_WRITE
	mov r38 = 0x22				// MAP_PRIVATE | MAP_ANONYMOUS
	mov r39 = -1
	mov r40 = 0
	mov r15 = 1151 ;;			// mmap
	break.m 0x100000 ;;
	mov ar.pfs = r34
	mov b0 = r33 ;;
	br.ret.sptk.many b0 ;;
	.endp map_anon

// unmap(in0 = address, in1 = length).
	.proc unmap
unmap:
	alloc r34 = ar.pfs, 2, 1, 2, 0 ;;	// out r35, r36
	mov r35 = r32
	mov r36 = r33
	mov r15 = 1152 ;;			// munmap
	break.m 0x100000 ;;
	mov ar.pfs = r34 ;;
	br.ret.sptk.many b0 ;;
	.endp unmap

// sig_install(in0 = signo, in1 = handler descriptor, in2 = sa_flags).
	.proc sig_install
sig_install:
	alloc r35 = ar.pfs, 3, 1, 4, 0 ;;	// out r36..r39
	movl r14 = sigact ;;
	st8 [r14] = r33, 8 ;;
	st8 [r14] = r34, 8 ;;
	st8 [r14] = r0
	mov r36 = r32
	movl r37 = sigact
	mov r38 = 0
	mov r39 = 8
	mov r15 = 1177 ;;			// rt_sigaction
	break.m 0x100000 ;;
	mov ar.pfs = r35 ;;
	br.ret.sptk.many b0 ;;
	.endp sig_install

// in_area(in0 = address) -> r8 = 1 if area <= address < area + AREA_SIZE.
	.proc in_area
in_area:
	alloc r33 = ar.pfs, 1, 1, 0, 0 ;;
	movl r14 = g_area
	movl r15 = AREA_SIZE ;;
	ld8 r14 = [r14] ;;
	sub r16 = r32, r14 ;;
	cmp.ltu p6, p7 = r16, r15 ;;
(p6)	mov r8 = 1
(p7)	mov r8 = 0
	mov ar.pfs = r33 ;;
	br.ret.sptk.many b0 ;;
	.endp in_area

// report(in0 = string, in1 = value): string, decimal value, newline.
	.proc report
report:
	alloc r35 = ar.pfs, 2, 2, 1, 0 ;;	// r34 b0, r35 ar.pfs, out r36
	mov r34 = b0
	mov r36 = r32
	br.call.sptk.many b0 = emit_str ;;
	mov r36 = r33
	br.call.sptk.many b0 = emit_dec ;;
	movl r36 = m_nl
	br.call.sptk.many b0 = emit_str ;;
	mov ar.pfs = r35
	mov b0 = r34 ;;
	br.ret.sptk.many b0 ;;
	.endp report

// emit(in0 = address, in1 = length): write(1, address, length).
	.proc emit
emit:
	alloc r34 = ar.pfs, 2, 1, 3, 0 ;;	// out r35..r37
	mov r35 = 1
	mov r36 = r32
	mov r37 = r33
	mov r15 = 1027 ;;
	break.m 0x100000 ;;
	mov ar.pfs = r34 ;;
	br.ret.sptk.many b0 ;;
	.endp emit

	.include "emit.inc"
