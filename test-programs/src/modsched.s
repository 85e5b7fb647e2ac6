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
// Output helpers. Every test program carries this same copy, so that each
// program is self-contained. All are ordinary procedures: `alloc` saves
// ar.pfs in loc0, b0 is kept in loc1 across calls and system calls, and
// both are restored before `br.ret`. They clobber the scratch registers
// r8-r11, r14-r19 and p6-p8, nothing else.
//
//   write_buf(in0 = address, in1 = length)  write(1, address, length)
//   print_str(in0 = address of a NUL-terminated string)
//   print_udec(in0 = value)                 unsigned decimal, no newline
//   print_hex(in0 = value)                  "0x" and 16 lowercase hex digits
//   print_nl()                              "\n"
//   report(in0 = str1, in1 = num1, in2 = str2, in3 = num2)
//           prints str1, num1 in decimal, then (only if str2 != 0) str2 and
//           num2 in decimal, then "\n"
//
// Linux/ia64 system calls: r15 = number, arguments in the caller's output
// registers, `break.m 0x100000`, result in r8, r10 = 0 (ok) or -1 (error).
// __NR_write = 1027 (syscall.tbl entry 3 + 1024).
// ---------------------------------------------------------------------------

	.text
	.proc write_buf
write_buf:
	alloc loc0 = ar.pfs, 2, 2, 3, 0
	mov loc1 = b0
	mov out0 = 1				// fd 1: stdout
	mov out1 = in0
	mov out2 = in1
	mov r15 = 1027 ;;			// __NR_write
	break.m 0x100000 ;;
	mov ar.pfs = loc0
	mov b0 = loc1 ;;
	br.ret.sptk.many b0 ;;
	.endp write_buf

	.proc print_str
print_str:
	alloc loc0 = ar.pfs, 1, 3, 2, 0
	mov loc1 = b0
	mov loc2 = in0 ;;
.Lps_scan:
	ld1 r14 = [loc2], 1 ;;			// post-increment scan for the NUL
	cmp.ne p6, p0 = 0, r14
(p6)	br.cond.dptk .Lps_scan ;;
	sub out1 = loc2, in0			// length + 1 (the NUL)
	mov out0 = in0 ;;
	adds out1 = -1, out1
	br.call.sptk.many b0 = write_buf ;;
	mov ar.pfs = loc0
	mov b0 = loc1 ;;
	br.ret.sptk.many b0 ;;
	.endp print_str

// Decimal without multiply or divide: for each power of ten from 10^19
// down to 10^1, count how many times it can be subtracted.
	.proc print_udec
print_udec:
	alloc loc0 = ar.pfs, 1, 5, 2, 0
	mov loc1 = b0
	mov loc2 = in0				// remaining value
	movl loc3 = decbuf ;;			// output pointer
	movl loc4 = pow10_table			// next power of ten
	mov r17 = 19				// powers left
	cmp.ne p7, p0 = r0, r0 ;;		// p7: a non-zero digit was seen
.Lpd_pow:
	ld8 r14 = [loc4], 8
	mov r15 = 0 ;;				// digit
.Lpd_sub:
	cmp.geu p6, p0 = loc2, r14 ;;
(p6)	sub loc2 = loc2, r14
(p6)	adds r15 = 1, r15
(p6)	br.cond.dptk .Lpd_sub ;;
	cmp.ne.or p7, p0 = 0, r15		// parallel compare: p7 |= (digit != 0)
	adds r16 = 48, r15 ;;			// '0' + digit
(p7)	st1 [loc3] = r16, 1			// no leading zeros
	adds r17 = -1, r17 ;;
	cmp.ne p8, p0 = 0, r17
(p8)	br.cond.dptk .Lpd_pow ;;
	adds r16 = 48, loc2 ;;			// units digit, always printed
	st1 [loc3] = r16, 1
	movl out0 = decbuf ;;
	sub out1 = loc3, out0
	br.call.sptk.many b0 = write_buf ;;
	mov ar.pfs = loc0
	mov b0 = loc1 ;;
	br.ret.sptk.many b0 ;;
	.endp print_udec

	.proc print_hex
print_hex:
	alloc loc0 = ar.pfs, 1, 3, 2, 0
	mov loc1 = b0
	movl loc2 = hexbuf ;;
	movl r16 = hexdigits
	mov r15 = 60				// shift of the next nibble
	adds r14 = 2, loc2 ;;			// first digit, after "0x"
.Lph_nibble:
	shr.u r17 = in0, r15 ;;
	and r17 = 15, r17 ;;
	add r18 = r16, r17 ;;
	ld1 r18 = [r18] ;;
	st1 [r14] = r18, 1
	adds r15 = -4, r15 ;;
	cmp.le p6, p0 = r0, r15
(p6)	br.cond.dptk .Lph_nibble ;;
	mov out0 = loc2
	mov out1 = 18
	br.call.sptk.many b0 = write_buf ;;
	mov ar.pfs = loc0
	mov b0 = loc1 ;;
	br.ret.sptk.many b0 ;;
	.endp print_hex

	.proc print_nl
print_nl:
	alloc loc0 = ar.pfs, 0, 2, 2, 0
	mov loc1 = b0
	movl out0 = newline
	mov out1 = 1 ;;
	br.call.sptk.many b0 = write_buf ;;
	mov ar.pfs = loc0
	mov b0 = loc1 ;;
	br.ret.sptk.many b0 ;;
	.endp print_nl

	.proc report
report:
	alloc loc0 = ar.pfs, 4, 2, 1, 0
	mov loc1 = b0
	mov out0 = in0 ;;
	br.call.sptk.many b0 = print_str ;;
	mov out0 = in1
	br.call.sptk.many b0 = print_udec ;;
	cmp.eq p6, p0 = 0, in2
(p6)	br.cond.dpnt .Lrp_end ;;
	mov out0 = in2
	br.call.sptk.many b0 = print_str ;;
	mov out0 = in3
	br.call.sptk.many b0 = print_udec ;;
.Lrp_end:
	br.call.sptk.many b0 = print_nl ;;
	mov ar.pfs = loc0
	mov b0 = loc1 ;;
	br.ret.sptk.many b0 ;;
	.endp report

	.section .rodata
	.align 8
pow10_table:
	data8 10000000000000000000, 1000000000000000000, 100000000000000000
	data8 10000000000000000, 1000000000000000, 100000000000000
	data8 10000000000000, 1000000000000, 100000000000, 10000000000
	data8 1000000000, 100000000, 10000000, 1000000, 100000, 10000
	data8 1000, 100, 10
hexdigits:
	.ascii "0123456789abcdef"
newline:
	.ascii "\n"

	.data
hexbuf:
	.ascii "0x0000000000000000"

	.bss
	.align 8
decbuf:
	.skip 32
