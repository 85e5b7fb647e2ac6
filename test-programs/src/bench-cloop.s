// bench-cloop: benchmark workload, a long counted loop (br.cloop, ar.lc)
// with a few ALU operations per iteration. 50,000,000 iterations of two
// bundles (6 slots, one of them a nop) = 300,000,000 slots, plus a short
// prologue and the printing.
//
//   acc = 0; i = 0; x = 1
//   repeat 50,000,000 times:
//       acc' = acc + i; i' = i + 1; t = 3 * x      (one instruction group)
//       x = t ^ acc'                               (next group)
//   print acc ^ x in hex
//
// Expected stdout (computed by test-programs/models/expected.py):
//   bench-cloop checksum = 0x7a97965aa3df3b81
// Exit status 0.
//
// Syscalls: write = 1027, exit_group = 1236.

	.section .rodata
msg:	.asciz "bench-cloop checksum = "

	.text
	.global _start
	.proc _start
_start:
	alloc loc0 = ar.pfs, 0, 3, 1, 0
	mov r14 = 0				// acc
	mov r16 = 0				// i
	mov r17 = 1				// x
	movl r19 = 50000000 - 1 ;;
	mov loc2 = ar.lc
	mov ar.lc = r19 ;;
.Lloop:
	{ .mii
	  add r14 = r14, r16
	  adds r16 = 1, r16
	  shladd r18 = r17, 1, r17 ;;
	}
	{ .mib
	  nop.m 0
	  xor r17 = r18, r14
	  br.cloop.sptk.few .Lloop ;;
	}
	xor loc1 = r14, r17
	mov ar.lc = loc2
	movl out0 = msg ;;
	br.call.sptk.many b0 = print_str ;;
	mov out0 = loc1
	br.call.sptk.many b0 = print_hex ;;
	br.call.sptk.many b0 = print_nl ;;
	mov out0 = 0
	mov r15 = 1236 ;;			// __NR_exit_group
	break.m 0x100000 ;;
	.endp _start


// ---------------------------------------------------------------------------
// Output helpers (write_buf, print_str, print_udec, print_hex, print_nl, report),
// shared by every test program: see lib/output.inc.
	.include "output.inc"
