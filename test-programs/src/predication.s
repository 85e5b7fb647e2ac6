// predication: the compare types and predicated-off instructions.
//
// Each test sets p6..p13 (and for "unc" p14/p15) to a known state with
// `mov pr = r, mask`, runs compares on a = 5, b = 7, c = 5, reads the
// predicates back with `mov r = pr` and prints p6..p13 as eight 0/1
// characters, p6 first. The last line prints eight flag bits from the
// predicated-off slots test, bit 0 first.
//
//   normal     init 0:  cmp.eq p6,p7=a,c; cmp.eq p8,p9=a,b;
//                       cmp.lt p10,p11=a,b; cmp.ltu p12,p13=b,a
//   unc        init p6..p13=1, p14=0, p15=1:
//                       (p14) cmp.eq p6,p7=a,c        (off: unchanged)
//                       (p14) cmp.eq.unc p8,p9=a,c    (off + unc: both 0)
//                       (p15) cmp.eq.unc p10,p11=a,b; (p15) cmp.ne p12,p13=a,b
//   and        init 1:  cmp.eq.and p6,p7=a,c; cmp.eq.and p8,p9=a,b;
//                       cmp.ne.and p10,p11=a,b; cmp.ne.and p12,p13=a,c
//   or         init 0:  cmp.eq.or p6,p7=a,b; cmp.eq.or p8,p9=a,c;
//                       cmp.ne.or p10,p11=a,c; cmp.ne.or p12,p13=b,c
//   or.andcm   init 1:  cmp.eq.or.andcm p6,p7=a,c; ... p8,p9=a,b;
//                       cmp.ne.or.andcm p10,p11=a,b; ... p12,p13=a,c
//   and.orcm   init 0:  cmp.eq.and.orcm p6,p7=a,c; ... p8,p9=a,b;
//                       cmp.ne.and.orcm p10,p11=a,c; ... p12,p13=a,b
//   multi      init 0, then p6=1,p7=0 / p8=1,p9=0 / p10=0,p11=1 and, in ONE
//              instruction group, two parallel compares on the same target:
//                       cmp.eq.and p6,p7=5,a; cmp.eq.and p6,p7=7,b;
//                       cmp.eq.and p8,p9=5,a; cmp.eq.and p8,p9=5,b;
//                       cmp.eq.or p10,p11=9,a; cmp.eq.or p10,p11=7,b
//   offslots   p6 = 0, p7 = 1 (cmp.eq p6,p7 = a,b), flag bits:
//              0: (p6) or   executed?              1: (p7) or executed?
//              2: (p6) st8 changed memory?         3: (p6) br fell through?
//              4: (p7) br taken?                   5: survived (p6) ld8 [r0]?
//              6: tbit.nz on b bit 1 true?         7: tnat.nz on a true?
//
// Semantics used: unc: qp false clears both targets. and: relation false
// clears both. or: relation true sets both. or.andcm: relation true sets
// the first and clears the second. and.orcm: relation false clears the
// first and sets the second. Otherwise parallel compares leave the targets
// unchanged.
//
// Expected stdout:
//   normal:   10011001
//   unc:      11000110
//   and:      11001100
//   or:       00110011
//   or.andcm: 10111011
//   and.orcm: 00010100
//   multi:    10001100
//   offslots: 01011110
// Exit status 0.
//
// Syscalls: write = 1027, exit_group = 1236.

	.section .rodata
l_normal:	.asciz "normal:   "
l_unc:		.asciz "unc:      "
l_and:		.asciz "and:      "
l_or:		.asciz "or:       "
l_orandcm:	.asciz "or.andcm: "
l_andorcm:	.asciz "and.orcm: "
l_multi:	.asciz "multi:    "
l_off:		.asciz "offslots: "

	.data
	.align 8
offslot_word:	data8 0

	.text
	.global _start
	.proc _start
_start:
	alloc loc0 = ar.pfs, 0, 6, 2, 0
	mov loc2 = 5				// a
	mov loc3 = 7				// b
	mov loc4 = 5 ;;				// c

	// normal
	mov r14 = 0 ;;
	mov pr = r14, 0x3fc0 ;;			// p6..p13 = 0
	cmp.eq p6, p7 = loc2, loc4
	cmp.eq p8, p9 = loc2, loc3
	cmp.lt p10, p11 = loc2, loc3
	cmp.ltu p12, p13 = loc3, loc2 ;;
	mov r14 = pr ;;
	extr.u loc5 = r14, 6, 8
	movl out0 = l_normal ;;
	br.call.sptk.many b0 = print_str ;;
	mov out0 = loc5
	br.call.sptk.many b0 = print_bits8 ;;

	// unc
	mov r14 = 0xbfc0 ;;
	mov pr = r14, 0xffc0 ;;			// p6..p13 = 1, p14 = 0, p15 = 1
(p14)	cmp.eq p6, p7 = loc2, loc4
(p14)	cmp.eq.unc p8, p9 = loc2, loc4
(p15)	cmp.eq.unc p10, p11 = loc2, loc3
(p15)	cmp.ne p12, p13 = loc2, loc3 ;;
	mov r14 = pr ;;
	extr.u loc5 = r14, 6, 8
	movl out0 = l_unc ;;
	br.call.sptk.many b0 = print_str ;;
	mov out0 = loc5
	br.call.sptk.many b0 = print_bits8 ;;

	// and
	mov r14 = 0x3fc0 ;;
	mov pr = r14, 0x3fc0 ;;			// p6..p13 = 1
	cmp.eq.and p6, p7 = loc2, loc4
	cmp.eq.and p8, p9 = loc2, loc3
	cmp.ne.and p10, p11 = loc2, loc3
	cmp.ne.and p12, p13 = loc2, loc4 ;;
	mov r14 = pr ;;
	extr.u loc5 = r14, 6, 8
	movl out0 = l_and ;;
	br.call.sptk.many b0 = print_str ;;
	mov out0 = loc5
	br.call.sptk.many b0 = print_bits8 ;;

	// or
	mov r14 = 0 ;;
	mov pr = r14, 0x3fc0 ;;			// p6..p13 = 0
	cmp.eq.or p6, p7 = loc2, loc3
	cmp.eq.or p8, p9 = loc2, loc4
	cmp.ne.or p10, p11 = loc2, loc4
	cmp.ne.or p12, p13 = loc3, loc4 ;;
	mov r14 = pr ;;
	extr.u loc5 = r14, 6, 8
	movl out0 = l_or ;;
	br.call.sptk.many b0 = print_str ;;
	mov out0 = loc5
	br.call.sptk.many b0 = print_bits8 ;;

	// or.andcm
	mov r14 = 0x3fc0 ;;
	mov pr = r14, 0x3fc0 ;;			// p6..p13 = 1
	cmp.eq.or.andcm p6, p7 = loc2, loc4
	cmp.eq.or.andcm p8, p9 = loc2, loc3
	cmp.ne.or.andcm p10, p11 = loc2, loc3
	cmp.ne.or.andcm p12, p13 = loc2, loc4 ;;
	mov r14 = pr ;;
	extr.u loc5 = r14, 6, 8
	movl out0 = l_orandcm ;;
	br.call.sptk.many b0 = print_str ;;
	mov out0 = loc5
	br.call.sptk.many b0 = print_bits8 ;;

	// and.orcm
	mov r14 = 0 ;;
	mov pr = r14, 0x3fc0 ;;			// p6..p13 = 0
	cmp.eq.and.orcm p6, p7 = loc2, loc4
	cmp.eq.and.orcm p8, p9 = loc2, loc3
	cmp.ne.and.orcm p10, p11 = loc2, loc4
	cmp.ne.and.orcm p12, p13 = loc2, loc3 ;;
	mov r14 = pr ;;
	extr.u loc5 = r14, 6, 8
	movl out0 = l_andorcm ;;
	br.call.sptk.many b0 = print_str ;;
	mov out0 = loc5
	br.call.sptk.many b0 = print_bits8 ;;

	// multi: several parallel compares of one type on the same target in
	// one instruction group (allowed for and/or types)
	mov r14 = 0 ;;
	mov pr = r14, 0x3fc0 ;;			// p6..p13 = 0
	cmp.eq p6, p7 = r0, r0			// p6 = 1, p7 = 0
	cmp.eq p8, p9 = r0, r0			// p8 = 1, p9 = 0
	cmp.ne p10, p11 = r0, r0 ;;		// p10 = 0, p11 = 1
	cmp.eq.and p6, p7 = 5, loc2		// true
	cmp.eq.and p6, p7 = 7, loc3		// true
	cmp.eq.and p8, p9 = 5, loc2		// true
	cmp.eq.and p8, p9 = 5, loc3		// false: p8 = p9 = 0
	cmp.eq.or p10, p11 = 9, loc2		// false
	cmp.eq.or p10, p11 = 7, loc3 ;;		// true: p10 = p11 = 1
	mov r14 = pr ;;
	extr.u loc5 = r14, 6, 8
	movl out0 = l_multi ;;
	br.call.sptk.many b0 = print_str ;;
	mov out0 = loc5
	br.call.sptk.many b0 = print_bits8 ;;

	// offslots
	mov loc5 = 0
	cmp.eq p6, p7 = loc2, loc3 ;;		// p6 = 0, p7 = 1
(p6)	or loc5 = 1, loc5 ;;			// bit 0: stays 0
(p7)	or loc5 = 2, loc5 ;;			// bit 1: set
	movl r14 = offslot_word ;;
(p6)	st8 [r14] = loc3 ;;			// suppressed: memory stays 0
	ld8 r15 = [r14] ;;
	cmp.ne p8, p0 = 0, r15 ;;
(p8)	or loc5 = 4, loc5			// bit 2: stays 0
(p6)	br.cond.dpnt .Loff_skip ;;		// not taken
	or loc5 = 8, loc5 ;;			// bit 3: set
.Loff_skip:
(p7)	br.cond.dptk .Loff_taken ;;		// taken
	br.cond.sptk.few .Loff_after ;;
.Loff_taken:
	or loc5 = 16, loc5 ;;			// bit 4: set
.Loff_after:
(p6)	ld8 r15 = [r0] ;;			// suppressed: must not fault
	or loc5 = 32, loc5			// bit 5: set
	tbit.nz p8, p9 = loc3, 1 ;;		// 7 has bit 1 set: p8 = 1
(p8)	or loc5 = 64, loc5
	tnat.nz p10, p11 = loc2 ;;		// a is not NaT: p10 = 0
(p10)	adds loc5 = 128, loc5 ;;		// bit 7: stays 0
	movl out0 = l_off ;;
	br.call.sptk.many b0 = print_str ;;
	mov out0 = loc5
	br.call.sptk.many b0 = print_bits8 ;;

	mov out0 = 0
	mov r15 = 1236 ;;			// __NR_exit_group
	break.m 0x100000 ;;
	.endp _start

// print_bits8(in0 = value): prints bits 0..7 of value as '0'/'1', bit 0
// first, then "\n".
	.proc print_bits8
print_bits8:
	alloc loc0 = ar.pfs, 1, 3, 2, 0
	mov loc1 = b0
	movl loc2 = bitsbuf ;;
	mov r14 = loc2
	mov r15 = 0 ;;				// bit number
.Lpb_loop:
	shr.u r16 = in0, r15 ;;
	and r16 = 1, r16 ;;
	adds r16 = 48, r16 ;;
	st1 [r14] = r16, 1
	adds r15 = 1, r15 ;;
	cmp.ltu p6, p0 = 7, r15			// p6: r15 > 7 -> done
(p6)	br.cond.dpnt .Lpb_done ;;
	br.cond.sptk.few .Lpb_loop ;;
.Lpb_done:
	mov r16 = 10 ;;
	st1 [r14] = r16
	mov out0 = loc2
	mov out1 = 9
	br.call.sptk.many b0 = write_buf ;;
	mov ar.pfs = loc0
	mov b0 = loc1 ;;
	br.ret.sptk.many b0 ;;
	.endp print_bits8

	.bss
bitsbuf:	.skip 16


// ---------------------------------------------------------------------------
// Output helpers (write_buf, print_str, print_udec, print_hex, print_nl, report),
// shared by every test program: see lib/output.inc.
	.include "output.inc"
