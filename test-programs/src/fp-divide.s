// fp-divide: 64-bit integer division and remainder by the frcpa sequences
// (the ones libgcc's __udivdi3/__divdi3/__umoddi3/__moddi3 use on IA-64),
// unsigned and signed, over a table of operand pairs. For each pair prints
//   a b a/b a%b (unsigned) a/b a%b (signed)
// as hex, one line per pair. The remainder is a - q*b by xma.l.
//
// Exercises: setf.sig/getf.sig, fcvt.xuf (fma.s1 f=f,f1,f0), fcvt.xf,
// frcpa with its predicate, the predicated fma/fnma Newton-Raphson steps in
// status field 1 (wre, 64-bit precision), fcvt.fx(u).trunc, xma.l.
// Expected stdout: computed by models/expected.py (fp_divide). Exit status 0.
//
// Syscalls: write = 1027, exit_group = 1236.

	.section .rodata
	.align 8
pairs:
	data8 100, 7
	data8 0xffffffffffffffff, 1
	data8 0xffffffffffffffff, 0xffffffffffffffff
	data8 0x8000000000000000, 3
	data8 0x8000000000000000, 0xffffffffffffffff
	data8 0x7fffffffffffffff, 0xfffffffffffffffe
	data8 0x123456789abcdef0, 0x12345
	data8 0xfedcba9876543210, 0x100000001
	data8 0, 5
	data8 12345, 0x10000000000
	data8 0xfffffffffffffff9, 2
	data8 0x0000000100000000, 0xffffffff
npairs = 12
spc:	.asciz " "

	.text
	.global _start
	.proc _start
_start:
	alloc loc0 = ar.pfs, 0, 8, 4, 0
	movl loc1 = pairs
	mov loc2 = npairs ;;
.Lnext:
	ld8 loc3 = [loc1], 8 ;;			// a
	ld8 loc4 = [loc1], 8 ;;			// b
	mov out0 = loc3 ;;
	br.call.sptk.many b0 = print_hex_sp ;;
	mov out0 = loc4 ;;
	br.call.sptk.many b0 = print_hex_sp ;;
	mov out0 = loc3
	mov out1 = loc4 ;;
	br.call.sptk.many b0 = udivmod ;;
	mov loc5 = r9
	mov out0 = r8 ;;
	br.call.sptk.many b0 = print_hex_sp ;;
	mov out0 = loc5 ;;
	br.call.sptk.many b0 = print_hex_sp ;;
	mov out0 = loc3
	mov out1 = loc4 ;;
	br.call.sptk.many b0 = sdivmod ;;
	mov loc5 = r9
	mov out0 = r8 ;;
	br.call.sptk.many b0 = print_hex_sp ;;
	mov out0 = loc5 ;;
	br.call.sptk.many b0 = print_hex ;;
	br.call.sptk.many b0 = print_nl ;;
	adds loc2 = -1, loc2 ;;
	cmp.ne p9, p0 = 0, loc2
(p9)	br.cond.sptk.few .Lnext ;;
	mov out0 = 0
	mov r15 = 1236 ;;			// __NR_exit_group
	break.m 0x100000 ;;
	.endp _start

// udivmod(in0 = a, in1 = b): r8 = a / b, r9 = a % b (unsigned).
	.proc udivmod
udivmod:
	setf.sig f8 = r32
	setf.sig f9 = r33
	sub r14 = r0, r33 ;;
	setf.sig f14 = r32
	setf.sig f15 = r14
	fcvt.xuf.s1 f8 = f8
	fcvt.xuf.s1 f9 = f9 ;;
	frcpa.s1 f10, p6 = f8, f9 ;;
(p6)	fma.s1 f11 = f8, f10, f0		// q0 = a * y0
(p6)	fnma.s1 f12 = f9, f10, f1 ;;		// e0 = 1 - b * y0
(p6)	fma.s1 f11 = f12, f11, f11		// q1 = q0 + e0 * q0
(p6)	fma.s1 f13 = f12, f12, f0		// e1 = e0 * e0
(p6)	fma.s1 f10 = f12, f10, f10 ;;		// y1 = y0 + e0 * y0
(p6)	fma.s1 f11 = f13, f11, f11		// q2 = q1 + e1 * q1
(p6)	fma.s1 f10 = f13, f10, f10 ;;		// y2 = y1 + e1 * y1
(p6)	fnma.s1 f12 = f9, f11, f8 ;;		// r2 = a - b * q2
(p6)	fma.s1 f10 = f12, f10, f11 ;;		// q3 = q2 + r2 * y2
	fcvt.fxu.trunc.s1 f10 = f10 ;;
	xma.l f11 = f10, f15, f14 ;;		// a + q * (-b)
	getf.sig r8 = f10
	getf.sig r9 = f11
	br.ret.sptk.many b0 ;;
	.endp udivmod

// sdivmod(in0 = a, in1 = b): r8 = a / b, r9 = a % b (signed, truncating).
	.proc sdivmod
sdivmod:
	setf.sig f8 = r32
	setf.sig f9 = r33
	sub r14 = r0, r33 ;;
	setf.sig f14 = r32
	setf.sig f15 = r14
	fcvt.xf f8 = f8
	fcvt.xf f9 = f9 ;;
	frcpa.s1 f10, p6 = f8, f9 ;;
(p6)	fma.s1 f11 = f8, f10, f0
(p6)	fnma.s1 f12 = f9, f10, f1 ;;
(p6)	fma.s1 f11 = f12, f11, f11
(p6)	fma.s1 f13 = f12, f12, f0
(p6)	fma.s1 f10 = f12, f10, f10 ;;
(p6)	fma.s1 f11 = f13, f11, f11
(p6)	fma.s1 f10 = f13, f10, f10 ;;
(p6)	fnma.s1 f12 = f9, f11, f8 ;;
(p6)	fma.s1 f10 = f12, f10, f11 ;;
	fcvt.fx.trunc.s1 f10 = f10 ;;
	xma.l f11 = f10, f15, f14 ;;
	getf.sig r8 = f10
	getf.sig r9 = f11
	br.ret.sptk.many b0 ;;
	.endp sdivmod

// print_hex_sp(in0 = value): print_hex then a space.
	.proc print_hex_sp
print_hex_sp:
	alloc loc0 = ar.pfs, 1, 2, 1, 0
	mov loc1 = b0
	mov out0 = in0 ;;
	br.call.sptk.many b0 = print_hex ;;
	movl out0 = spc ;;
	br.call.sptk.many b0 = print_str ;;
	mov b0 = loc1
	mov ar.pfs = loc0
	br.ret.sptk.many b0 ;;
	.endp print_hex_sp


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
