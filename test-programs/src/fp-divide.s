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
// Output helpers (write_buf, print_str, print_udec, print_hex, print_nl, report),
// shared by every test program: see lib/output.inc.
	.include "output.inc"
