// spillfill: st8.spill / ld8.fill of NaT and non-NaT registers with ar.unat.
//
// A NaT is created with ld8.s from address 0 (deferred fault). spillbuf is
// 512-byte aligned, so the UNAT bit of slot k (address spillbuf + 8k) is
// bit k (UNAT bit index = address bits 8:3).
//
//   ar.unat = 0
//   st8.spill [buf+0]  = NaT register            -> UNAT bit 0 = 1
//   st8.spill [buf+8]  = 0x1122334455667788      -> UNAT bit 1 = 0
//   st8.spill [buf+16] = NaT register            -> UNAT bit 2 = 1
//   print ar.unat                                 -> 5
//   ld8.fill from buf+0 / buf+8 / buf+16          -> NaT 1 / 0 / 1
//   plain ld8 from buf+8                          -> 0x1122334455667788, no NaT
//   value of the fill from buf+8                  -> 0x1122334455667788
//   ar.unat = 0;   ld8.fill from buf+16           -> NaT 0 (NaT comes from UNAT,
//                                                    not from memory)
//   ar.unat = 2;   ld8.fill from buf+8            -> NaT 1
//   st8.spill [buf+8] = non-NaT register again    -> clears UNAT bit 1: ar.unat = 0
//
// Expected stdout:
//   ld8.s [0]: nat = 1
//   ar.unat after 3 spills = 5
//   fill slot 0: nat = 1
//   fill slot 1: nat = 0
//   fill slot 2: nat = 1
//   ld8 slot 1 = 0x1122334455667788
//   fill slot 1 value = 0x1122334455667788
//   fill slot 2 with ar.unat = 0: nat = 0
//   fill slot 1 with ar.unat = 2: nat = 1
//   ar.unat after re-spilling slot 1 = 0
// Exit status 0.
//
// Syscalls: write = 1027, exit_group = 1236.

	.section .rodata
m1:	.asciz "ld8.s [0]: nat = "
m2:	.asciz "ar.unat after 3 spills = "
m3:	.asciz "fill slot 0: nat = "
m4:	.asciz "fill slot 1: nat = "
m5:	.asciz "fill slot 2: nat = "
m6:	.asciz "ld8 slot 1 = "
m7:	.asciz "fill slot 1 value = "
m8:	.asciz "fill slot 2 with ar.unat = 0: nat = "
m9:	.asciz "fill slot 1 with ar.unat = 2: nat = "
m10:	.asciz "ar.unat after re-spilling slot 1 = "

	.bss
	.align 512
spillbuf:	.skip 64

	.text
	.global _start
	.proc _start
_start:
	alloc loc0 = ar.pfs, 0, 14, 4, 0
	ld8.s loc1 = [r0]			// NaT
	movl loc2 = 0x1122334455667788
	movl loc3 = spillbuf ;;
	mov ar.unat = r0
	adds loc4 = 8, loc3
	adds loc5 = 16, loc3 ;;
	st8.spill [loc3] = loc1 ;;		// slot 0: NaT
	st8.spill [loc4] = loc2 ;;		// slot 1: value
	st8.spill [loc5] = loc1 ;;		// slot 2: NaT
	mov loc6 = ar.unat ;;
	ld8.fill loc7 = [loc3]
	ld8.fill loc8 = [loc4]
	ld8.fill loc9 = [loc5]
	ld8 loc10 = [loc4] ;;
	mov ar.unat = r0 ;;
	ld8.fill loc11 = [loc5] ;;		// UNAT bit 2 now 0: no NaT
	mov r14 = 2 ;;
	mov ar.unat = r14 ;;
	ld8.fill r14 = [loc4] ;;		// UNAT bit 1 now 1: NaT
	tnat.nz p6, p0 = r14 ;;
	mov r15 = 0 ;;
(p6)	mov r15 = 1 ;;
	st8.spill [loc4] = loc2 ;;		// non-NaT: clears UNAT bit 1
	mov loc12 = r15				// NaT of the fill with ar.unat = 2
	mov loc13 = ar.unat ;;			// ar.unat after re-spilling slot 1
	mov ar.unat = r0			// leave UNAT clean
	// Print. loc1 and loc7..loc11 keep their NaT bits across the calls
	// (the RSE spills them with their NaT bits collected in RNAT).
	tnat.nz p6, p7 = loc1 ;;
(p6)	mov out1 = 1
(p7)	mov out1 = 0
	movl out0 = m1
	mov out2 = 0
	mov out3 = 0 ;;
	br.call.sptk.many b0 = report ;;
	movl out0 = m2
	mov out1 = loc6
	mov out2 = 0
	mov out3 = 0 ;;
	br.call.sptk.many b0 = report ;;
	tnat.nz p6, p7 = loc7 ;;
(p6)	mov out1 = 1
(p7)	mov out1 = 0
	movl out0 = m3
	mov out2 = 0
	mov out3 = 0 ;;
	br.call.sptk.many b0 = report ;;
	tnat.nz p6, p7 = loc8 ;;
(p6)	mov out1 = 1
(p7)	mov out1 = 0
	movl out0 = m4
	mov out2 = 0
	mov out3 = 0 ;;
	br.call.sptk.many b0 = report ;;
	tnat.nz p6, p7 = loc9 ;;
(p6)	mov out1 = 1
(p7)	mov out1 = 0
	movl out0 = m5
	mov out2 = 0
	mov out3 = 0 ;;
	br.call.sptk.many b0 = report ;;
	movl out0 = m6 ;;
	br.call.sptk.many b0 = print_str ;;
	mov out0 = loc10
	br.call.sptk.many b0 = print_hex ;;
	br.call.sptk.many b0 = print_nl ;;
	movl out0 = m7 ;;
	br.call.sptk.many b0 = print_str ;;
	mov out0 = loc8
	br.call.sptk.many b0 = print_hex ;;
	br.call.sptk.many b0 = print_nl ;;
	tnat.nz p6, p7 = loc11 ;;
(p6)	mov out1 = 1
(p7)	mov out1 = 0
	movl out0 = m8
	mov out2 = 0
	mov out3 = 0 ;;
	br.call.sptk.many b0 = report ;;
	movl out0 = m9
	mov out1 = loc12
	mov out2 = 0
	mov out3 = 0 ;;
	br.call.sptk.many b0 = report ;;
	movl out0 = m10
	mov out1 = loc13
	mov out2 = 0
	mov out3 = 0 ;;
	br.call.sptk.many b0 = report ;;
	mov out0 = 0
	mov r15 = 1236 ;;			// __NR_exit_group
	break.m 0x100000 ;;
	.endp _start


// ---------------------------------------------------------------------------
// Output helpers (write_buf, print_str, print_udec, print_hex, print_nl, report),
// shared by every test program: see lib/output.inc.
	.include "output.inc"
