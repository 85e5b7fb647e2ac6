// speculation: control speculation (ld8.s / chk.s) and data speculation
// (ld8.a / chk.a / ld8.c with the ALAT).
//
//  1. ld8.s from address 0 (unmapped) does not fault: the fault is deferred
//     and the target gets a NaT (tnat.nz -> 1). Under Linux the kernel
//     defers it (a speculative load's fault sets psr.ed and the load is
//     re-executed); the result is the same as hardware deferral.
//  2. adds on a NaT source propagates the NaT.
//  3. ld8.s [0] then chk.s: the NaT makes chk.s branch to recovery code,
//     which loads a fallback value (7) non-speculatively and branches back.
//  4. ld8.s from a valid address (value 1234): no NaT, chk.s falls through.
//  5. ld8.a x (x = 1); st8 to a different address y; chk.a.clr: the ALAT
//     entry survives, no recovery, value 1.
//  6. ld8.a x; st8 x = 2; chk.a.clr: the store to the same address removed
//     the ALAT entry, chk.a.clr branches to recovery which reloads: 2.
//  7. ld8.a x; st8 x = 3; ld8.c.clr: no valid entry, so ld8.c reloads: 3.
//  8. ld8.a x; invala; chk.a.clr: invala empties the ALAT, recovery: 3.
// (Assumes an ALAT that keeps entries until a conflicting store or
// invalidation; the architecture would allow spurious misses, which a
// deterministic model does not produce.)
//
// Expected stdout:
//   ld8.s [0]: nat = 1
//   adds on NaT source: nat = 1
//   chk.s after ld8.s [0]: recovered = 1 value = 7
//   ld8.s [valid]: nat = 0
//   chk.s after ld8.s [valid]: recovered = 0 value = 1234
//   chk.a.clr, store elsewhere: recovered = 0 value = 1
//   chk.a.clr, store to same address: recovered = 1 value = 2
//   ld8.c.clr after store to same address: value = 3
//   chk.a.clr after invala: recovered = 1 value = 3
// Exit status 0.
//
// Syscalls: write = 1027, exit_group = 1236.

	.section .rodata
m1:	.asciz "ld8.s [0]: nat = "
m2:	.asciz "adds on NaT source: nat = "
m3:	.asciz "chk.s after ld8.s [0]: recovered = "
m4:	.asciz "ld8.s [valid]: nat = "
m5:	.asciz "chk.s after ld8.s [valid]: recovered = "
m6:	.asciz "chk.a.clr, store elsewhere: recovered = "
m7:	.asciz "chk.a.clr, store to same address: recovered = "
m8:	.asciz "ld8.c.clr after store to same address: value = "
m9:	.asciz "chk.a.clr after invala: recovered = "
mval:	.asciz " value = "

	.data
	.align 8
specval:	data8 1234
fallback:	data8 7
xvar:		data8 1
yvar:		data8 0

	.text
	.global _start
	.proc _start
_start:
	alloc loc0 = ar.pfs, 0, 7, 4, 0
	movl loc5 = xvar
	movl loc6 = yvar ;;

	// 1. deferred fault -> NaT
	ld8.s loc1 = [r0] ;;
	tnat.nz p6, p7 = loc1 ;;
(p6)	mov out1 = 1
(p7)	mov out1 = 0
	movl out0 = m1
	mov out2 = 0
	mov out3 = 0 ;;
	br.call.sptk.many b0 = report ;;

	// 2. NaT propagation (loc1 still holds the NaT: locals survive calls)
	adds loc2 = 1, loc1 ;;
	tnat.nz p6, p7 = loc2 ;;
(p6)	mov out1 = 1
(p7)	mov out1 = 0
	movl out0 = m2
	mov out2 = 0
	mov out3 = 0 ;;
	br.call.sptk.many b0 = report ;;

	// 3. chk.s with recovery
	mov loc4 = 0				// recovered flag
	ld8.s loc1 = [r0] ;;
	chk.s loc1, .Lrec3 ;;
.Lback3:
	movl out0 = m3
	mov out1 = loc4
	movl out2 = mval
	mov out3 = loc1 ;;
	br.call.sptk.many b0 = report ;;

	// 4./5. ld8.s of a valid address, chk.s not taken
	mov loc4 = 0
	movl loc3 = specval ;;
	ld8.s loc1 = [loc3] ;;
	tnat.nz p6, p7 = loc1 ;;
(p6)	mov out1 = 1
(p7)	mov out1 = 0
	movl out0 = m4
	mov out2 = 0
	mov out3 = 0 ;;
	br.call.sptk.many b0 = report ;;
	chk.s loc1, .Lrec5 ;;
.Lback5:
	movl out0 = m5
	mov out1 = loc4
	movl out2 = mval
	mov out3 = loc1 ;;
	br.call.sptk.many b0 = report ;;

	// 6. advanced load, store to another address, check: entry survives
	mov loc4 = 0
	ld8.a loc1 = [loc5] ;;			// 1
	mov r14 = 99 ;;
	st8 [loc6] = r14 ;;			// y = 99: no overlap with x
	chk.a.clr loc1, .Lrec6 ;;
.Lback6:
	movl out0 = m6
	mov out1 = loc4
	movl out2 = mval
	mov out3 = loc1 ;;
	br.call.sptk.many b0 = report ;;

	// 7. advanced load, store to the same address, check: recovery
	mov loc4 = 0
	ld8.a loc1 = [loc5] ;;			// 1
	mov r14 = 2 ;;
	st8 [loc5] = r14 ;;			// x = 2: invalidates the entry
	chk.a.clr loc1, .Lrec7 ;;
.Lback7:
	movl out0 = m7
	mov out1 = loc4
	movl out2 = mval
	mov out3 = loc1 ;;
	br.call.sptk.many b0 = report ;;

	// 8. ld8.c.clr reloads after a conflicting store
	ld8.a loc1 = [loc5] ;;			// 2
	mov r14 = 3 ;;
	st8 [loc5] = r14 ;;			// x = 3
	ld8.c.clr loc1 = [loc5] ;;		// entry gone: reload, 3
	movl out0 = m8
	mov out1 = loc1
	mov out2 = 0
	mov out3 = 0 ;;
	br.call.sptk.many b0 = report ;;

	// 9. invala empties the ALAT
	mov loc4 = 0
	ld8.a loc1 = [loc5] ;;			// 3
	invala ;;
	chk.a.clr loc1, .Lrec9 ;;
.Lback9:
	movl out0 = m9
	mov out1 = loc4
	movl out2 = mval
	mov out3 = loc1 ;;
	br.call.sptk.many b0 = report ;;

	mov out0 = 0
	mov r15 = 1236 ;;			// __NR_exit_group
	break.m 0x100000 ;;

	// Recovery code: redo the load non-speculatively, note it, go back.
.Lrec3:
	movl r14 = fallback ;;
	ld8 loc1 = [r14]
	mov loc4 = 1
	br.cond.sptk.few .Lback3 ;;
.Lrec5:
	ld8 loc1 = [loc3]
	mov loc4 = 1
	br.cond.sptk.few .Lback5 ;;
.Lrec6:
	ld8 loc1 = [loc5]
	mov loc4 = 1
	br.cond.sptk.few .Lback6 ;;
.Lrec7:
	ld8 loc1 = [loc5]
	mov loc4 = 1
	br.cond.sptk.few .Lback7 ;;
.Lrec9:
	ld8 loc1 = [loc5]
	mov loc4 = 1
	br.cond.sptk.few .Lback9 ;;
	.endp _start


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
