// fp-misc: floating-point sum and product in double precision, conversions
// and parallel single-precision arithmetic. Prints, one per line, as hex:
//   sum(i * 0.1, i = 1..20)       (fmpy.d then fadd.d, getf.d bits)
//   prod(1 + i/64, i = 1..20)     (fmpy.d, getf.d bits)
//   fcvt.fx(-2.5)  fcvt.fx.trunc(-2.7)  fcvt.fxu.trunc(1e19)
//   fcvt.xf(-123456789) as double bits, fnorm.s(0.1) as single bits
//   fpma (1.5, 2.5) * (2.0, -4.0) + (0.25, 0.5)
//   fpmax, fpcmp.lt, fpcvt.fx.trunc of the fpma result and (3.0, -10.0)
// Expected stdout: models/expected.py (fp_misc). Exit status 0.
// Syscalls: write = 1027, exit_group = 1236.

	.section .rodata
	.align 8
c_tenth:	data8 0x3fb999999999999a	// 0.1
c_64th:		data8 0x3f90000000000000	// 1/64
c_m25:		data8 0xc004000000000000	// -2.5
c_m27:		data8 0xc00599999999999a	// -2.7
c_1e19:		data8 0x43e158e460913d00	// 1e19
p_a:		data4 0x3fc00000, 0x40200000	// (lo 1.5, hi 2.5)
p_b:		data4 0x40000000, 0xc0800000	// (2.0, -4.0)
p_c:		data4 0x3e800000, 0x3f000000	// (0.25, 0.5)
p_d:		data4 0x40400000, 0xc1200000	// (3.0, -10.0)

	.text
	.global _start
	.proc _start
_start:
	alloc loc0 = ar.pfs, 0, 4, 1, 0
	movl r14 = c_tenth ;;
	ldfd f6 = [r14]				// 0.1
	mov f7 = f0				// sum
	mov loc1 = 1 ;;
.Lsum:
	setf.sig f8 = loc1 ;;
	fcvt.xf f8 = f8 ;;
	fmpy.d f8 = f8, f6 ;;
	fadd.d f7 = f7, f8
	adds loc1 = 1, loc1 ;;
	cmp.ge p6, p0 = 20, loc1
(p6)	br.cond.sptk.few .Lsum ;;
	getf.d out0 = f7 ;;
	br.call.sptk.many b0 = print_hex_nl ;;

	movl r14 = c_64th ;;
	ldfd f6 = [r14]
	mov f7 = f1
	mov loc1 = 1 ;;
.Lprod:
	adds r15 = 64, loc1 ;;
	setf.sig f8 = r15 ;;
	fcvt.xf f8 = f8 ;;
	fmpy.d f8 = f8, f6 ;;			// 1 + i/64, exact
	fmpy.d f7 = f7, f8
	adds loc1 = 1, loc1 ;;
	cmp.ge p6, p0 = 20, loc1
(p6)	br.cond.sptk.few .Lprod ;;
	getf.d out0 = f7 ;;
	br.call.sptk.many b0 = print_hex_nl ;;

	movl r14 = c_m25 ;;
	ldfd f8 = [r14] ;;
	fcvt.fx f9 = f8 ;;
	getf.sig out0 = f9 ;;
	br.call.sptk.many b0 = print_hex_nl ;;
	movl r14 = c_m27 ;;
	ldfd f8 = [r14] ;;
	fcvt.fx.trunc f9 = f8 ;;
	getf.sig out0 = f9 ;;
	br.call.sptk.many b0 = print_hex_nl ;;
	movl r14 = c_1e19 ;;
	ldfd f8 = [r14] ;;
	fcvt.fxu.trunc f9 = f8 ;;
	getf.sig out0 = f9 ;;
	br.call.sptk.many b0 = print_hex_nl ;;
	movl r14 = -123456789 ;;
	setf.sig f8 = r14 ;;
	fcvt.xf f8 = f8 ;;
	fnorm.d f8 = f8 ;;
	getf.d out0 = f8 ;;
	br.call.sptk.many b0 = print_hex_nl ;;
	movl r14 = c_tenth ;;
	ldfd f8 = [r14] ;;
	fnorm.s f8 = f8 ;;
	getf.s out0 = f8 ;;
	br.call.sptk.many b0 = print_hex_nl ;;

	movl r14 = p_a ;;
	ldf8 f10 = [r14], 8 ;;
	ldf8 f11 = [r14], 8 ;;
	ldf8 f12 = [r14], 8 ;;
	ldf8 f13 = [r14] ;;
	fpma f14 = f10, f11, f12 ;;
	getf.sig out0 = f14 ;;
	br.call.sptk.many b0 = print_hex_nl ;;
	fpmax f15 = f14, f13 ;;
	getf.sig out0 = f15 ;;
	br.call.sptk.many b0 = print_hex_nl ;;
	fpcmp.lt f15 = f14, f13 ;;
	getf.sig out0 = f15 ;;
	br.call.sptk.many b0 = print_hex_nl ;;
	fpcvt.fx.trunc f15 = f14 ;;
	getf.sig out0 = f15 ;;
	br.call.sptk.many b0 = print_hex_nl ;;

	mov out0 = 0
	mov r15 = 1236 ;;			// __NR_exit_group
	break.m 0x100000 ;;
	.endp _start

// print_hex_nl(in0 = value): print_hex then a newline.
	.proc print_hex_nl
print_hex_nl:
	alloc loc0 = ar.pfs, 1, 2, 1, 0
	mov loc1 = b0
	mov out0 = in0 ;;
	br.call.sptk.many b0 = print_hex ;;
	br.call.sptk.many b0 = print_nl ;;
	mov b0 = loc1
	mov ar.pfs = loc0
	br.ret.sptk.many b0 ;;
	.endp print_hex_nl


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
