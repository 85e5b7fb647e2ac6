// loop-sum: sum the integers 1..1000 with a counted loop (br.cloop driven by
// ar.lc), print the sum in decimal, then print ar.lc after the loop.
//
// Exercises: mov to/from ar.lc, br.cloop (taken while LC != 0, decrementing
// it; falls through when LC == 0, leaving it 0), and the decimal printer.
//
// Expected stdout:
//   sum(1..1000) = 500500
//   ar.lc after loop = 0
// Exit status 0.
//
// Syscalls: write = 1027, exit_group = 1236.

	.section .rodata
msg_sum:	.asciz "sum(1..1000) = "
msg_lc:		.asciz "ar.lc after loop = "

	.text
	.global _start
	.proc _start
_start:
	alloc loc0 = ar.pfs, 0, 4, 4, 0
	mov loc1 = ar.lc			// ar.lc is preserved: keep it
	mov r14 = 0				// sum
	mov r16 = 1				// i
	mov r17 = 999 ;;			// 1000 iterations: LC = 999
	mov ar.lc = r17 ;;
.Lsum:
	add r14 = r14, r16			// sum += i
	adds r16 = 1, r16			// i += 1 (WAR in the same group: fine)
	br.cloop.sptk.few .Lsum ;;
	mov loc2 = r14
	mov loc3 = ar.lc ;;
	mov ar.lc = loc1
	movl out0 = msg_sum
	mov out1 = loc2
	mov out2 = 0
	mov out3 = 0 ;;
	br.call.sptk.many b0 = report ;;
	movl out0 = msg_lc
	mov out1 = loc3
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
