// bench-alu: benchmark workload, an ALU compare-and-branch loop: a 64-bit
// Galois LFSR (taps 0xd800000000000000) stepped 20,000,000 times, with a
// compare + predicated branch around the tap and a compare + predicated
// branch closing the loop (cmp and br in the same instruction group, which
// the architecture allows for a predicate written by a compare and read by a
// branch). About 9-12 slots per iteration (~210,000,000 in total).
//
//   x = 0x0123456789abcdef; taps = 0; n = 20,000,000
//   do { lsb = x & 1; x >>= 1; n -= 1;
//        if (lsb) { x ^= 0xd800000000000000; taps += 1; }
//   } while (n != 0)
//   print x in hex, taps in decimal
//
// Expected stdout (computed by test-programs/models/expected.py):
//   bench-alu lfsr = 0xf8d115b0d0fe3255
//   bench-alu taps = 10000962
// Exit status 0.
//
// Syscalls: write = 1027, exit_group = 1236.

	.section .rodata
msg_x:	.asciz "bench-alu lfsr = "
msg_t:	.asciz "bench-alu taps = "

	.text
	.global _start
	.proc _start
_start:
	alloc loc0 = ar.pfs, 0, 3, 4, 0
	movl r14 = 0x0123456789abcdef		// x
	movl r17 = 0xd800000000000000 ;;	// taps polynomial
	movl r16 = 20000000			// n
	mov r15 = 0 ;;				// taps taken
.Lloop:
	{ .mii
	  and r18 = 1, r14
	  shr.u r14 = r14, 1
	  adds r16 = -1, r16 ;;
	}
	{ .mib
	  cmp.eq p6, p0 = 0, r18
	  nop.i 0
	(p6) br.cond.dpnt.few .Lnotap ;;
	}
	{ .mii
	  xor r14 = r14, r17
	  adds r15 = 1, r15
	  nop.i 0 ;;
	}
.Lnotap:
	{ .mib
	  cmp.ne p7, p0 = 0, r16
	  nop.i 0
	(p7) br.cond.sptk.few .Lloop ;;
	}
	mov loc1 = r14
	mov loc2 = r15
	movl out0 = msg_x ;;
	br.call.sptk.many b0 = print_str ;;
	mov out0 = loc1
	br.call.sptk.many b0 = print_hex ;;
	br.call.sptk.many b0 = print_nl ;;
	movl out0 = msg_t
	mov out1 = loc2
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
