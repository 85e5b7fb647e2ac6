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
// Output helpers (write_buf, print_str, print_udec, print_hex, print_nl, report),
// shared by every test program: see lib/output.inc.
	.include "output.inc"
