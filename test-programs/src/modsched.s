// modsched: a software-pipelined (modulo-scheduled) loop with rotating
// registers and stage predicates: y[i] = 5 * x[i] + 3 over 100 elements,
// summed on the way.
//
// Exercises: alloc with a rotating region (sor = 8: r32..r39 rotate),
// mov ar.lc / mov ar.ec / mov pr.rot, br.ctop (prologue, kernel and
// epilogue: 100 + 3 iterations for 4 stages), register rotation (a value
// written to r32 is read as r33 one iteration later) and predicate rotation
// (p16 -> p17 -> p18 -> p19; p16 comes from PR[63] which br.ctop sets to 1
// while LC != 0 and to 0 in the epilogue). Saving/restoring pr, ar.lc and
// ar.pfs in the procedure.
//
//   x[i] = 7*i + 1 (i = 0..99), y[100] = 0xdeadbeef (sentinel)
//   stage 1 (p16): ld8 r32 = [src], 8
//   stage 2 (p17): shladd r34 = r33, 2, r33        (5x)
//   stage 3 (p18): adds r36 = 3, r35               (5x + 3)
//   stage 4 (p19): st8 [dst] = r37, 8; add sum = sum, r37
// After the loop ar.lc = 0 and ar.ec = 0 (the last br.ctop decrements EC
// from 1 to 0 and falls through); these are read inside the procedure,
// before br.ret restores EC from ar.pfs.
//
// Expected stdout:
//   y[0] = 8
//   y[99] = 3473
//   sum = 174050
//   ar.lc = 0 ar.ec = 0
//   sentinel y[100] intact = 1
// Exit status 0.
//
// Syscalls: write = 1027, exit_group = 1236.

	.section .rodata
m_y0:		.asciz "y[0] = "
m_y99:		.asciz "y[99] = "
m_sum:		.asciz "sum = "
m_lc:		.asciz "ar.lc = "
m_ec:		.asciz " ar.ec = "
m_sent:		.asciz "sentinel y[100] intact = "

	.data
	.align 8
yarr:	.skip 800
ysent:	data8 0xdeadbeef

	.bss
	.align 8
xarr:	.skip 800

	.text
	.global _start
	.proc _start
_start:
	alloc loc0 = ar.pfs, 0, 7, 4, 0
	movl loc1 = xarr
	mov r15 = 1				// x value
	mov r16 = 99 ;;
	mov r14 = loc1
	mov ar.lc = r16 ;;			// 100 elements
.Linit:
	st8 [r14] = r15, 8
	adds r15 = 7, r15
	br.cloop.sptk.few .Linit ;;
	mov out0 = loc1
	movl out1 = yarr
	mov out2 = 100 ;;
	br.call.sptk.many b0 = scale_sum ;;
	mov loc2 = r8				// sum
	mov loc3 = r9				// ar.lc after the loop
	mov loc4 = r10				// ar.ec after the loop
	movl loc5 = yarr ;;
	ld8 out1 = [loc5]			// y[0]
	movl out0 = m_y0
	mov out2 = 0
	mov out3 = 0 ;;
	br.call.sptk.many b0 = report ;;
	adds r14 = 99*8, loc5 ;;
	ld8 out1 = [r14]			// y[99]
	movl out0 = m_y99
	mov out2 = 0
	mov out3 = 0 ;;
	br.call.sptk.many b0 = report ;;
	movl out0 = m_sum
	mov out1 = loc2
	mov out2 = 0
	mov out3 = 0 ;;
	br.call.sptk.many b0 = report ;;
	movl out0 = m_lc
	mov out1 = loc3
	movl out2 = m_ec
	mov out3 = loc4 ;;
	br.call.sptk.many b0 = report ;;
	adds r14 = 100*8, loc5
	movl r15 = 0xdeadbeef ;;
	ld8 r16 = [r14] ;;
	cmp.eq p6, p7 = r15, r16 ;;
(p6)	mov out1 = 1
(p7)	mov out1 = 0
	movl out0 = m_sent
	mov out2 = 0
	mov out3 = 0 ;;
	br.call.sptk.many b0 = report ;;
	mov out0 = 0
	mov r15 = 1236 ;;			// __NR_exit_group
	break.m 0x100000 ;;
	.endp _start

// scale_sum(in0 = src, in1 = dst, in2 = n >= 1) -> r8 = sum of y,
// r9 = ar.lc and r10 = ar.ec right after the loop.
// Frame: sof 16 (r32..r47), sol 16, sor 8 (r32..r39 rotate). The inputs
// r32..r34 lie in the rotating region, so they are copied out before the
// first rotation. ar.pfs in r40, pr in r41, ar.lc in r42, sum in r43.
	.proc scale_sum
scale_sum:
	alloc r40 = ar.pfs, 3, 13, 0, 8
	mov r14 = in0				// src pointer
	mov r15 = in1				// dst pointer
	mov r41 = pr				// p16-p63 are preserved: save all
	mov r42 = ar.lc				// ar.lc is preserved
	adds r16 = -1, in2 ;;
	mov ar.lc = r16				// LC = n - 1
	mov ar.ec = 4				// 4 stages
	mov pr.rot = 1 << 16			// p16 = 1, p17..p63 = 0
	mov r43 = 0 ;;				// sum
.Lms_kernel:
(p16)	ld8 r32 = [r14], 8			// stage 1: x
(p17)	shladd r34 = r33, 2, r33		// stage 2: 5x (x rotated r32 -> r33)
(p18)	adds r36 = 3, r35			// stage 3: 5x + 3 (r34 -> r35)
(p19)	st8 [r15] = r37, 8			// stage 4: store (r36 -> r37)
(p19)	add r43 = r43, r37
	br.ctop.sptk.few .Lms_kernel ;;
	mov r8 = r43
	mov r9 = ar.lc
	mov r10 = ar.ec ;;
	mov ar.lc = r42
	mov pr = r41, -1
	mov ar.pfs = r40 ;;
	br.ret.sptk.many b0 ;;
	.endp scale_sum


// ---------------------------------------------------------------------------
// Output helpers (write_buf, print_str, print_udec, print_hex, print_nl, report),
// shared by every test program: see lib/output.inc.
	.include "output.inc"
