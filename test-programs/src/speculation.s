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
// Output helpers (write_buf, print_str, print_udec, print_hex, print_nl, report),
// shared by every test program: see lib/output.inc.
	.include "output.inc"
