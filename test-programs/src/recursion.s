// recursion: a recursion of depth 10,000 in which every frame allocates
// 21 stacked registers (2 inputs, 17 locals, 2 outputs) and keeps 15 values
// live in locals across the recursive call; the results are folded into a
// checksum printed in hex.
//
// Exercises: alloc/br.call/br.ret with large frames, and therefore the RSE:
// with a 96-register physical stacked file only ~4 frames fit, so the
// descent performs mandatory spills on essentially every call and the
// ascent mandatory fills on every return, with NaT collections (RNAT) every
// 63 slots. The register backing store grows to about 10,001 * 21 * 8 bytes
// plus NaT collections (~1.7 MB). The memory stack (r12) is not used.
//
// rec(n, s):  if n == 0: return s
//             l[k] = s + (n << k) + k   (k = 2..16, 64-bit wrapping)
//             t = rec(n - 1, rotl64(s, 7) ^ n)
//             for k = 2..16: t = rotl64(t, 1) ^ l[k]
//             return t
// The program prints rec(10000, 0x0123456789abcdef).
//
// Expected stdout (computed by test-programs/models/expected.py):
//   rec(10000) checksum = 0x18f76eb0745c26e0
// Exit status 0.
//
// Syscalls: write = 1027, exit_group = 1236.

	.section .rodata
msg:	.asciz "rec(10000) checksum = "

	.text
	.global _start
	.proc _start
_start:
	alloc loc0 = ar.pfs, 0, 2, 2, 0
	mov out0 = 10000
	movl out1 = 0x0123456789abcdef ;;
	br.call.sptk.many b0 = rec ;;
	mov loc1 = r8
	movl out0 = msg ;;
	br.call.sptk.many b0 = print_str ;;
	mov out0 = loc1
	br.call.sptk.many b0 = print_hex ;;
	br.call.sptk.many b0 = print_nl ;;
	mov out0 = 0
	mov r15 = 1236 ;;			// __NR_exit_group
	break.m 0x100000 ;;
	.endp _start

	.include "rec.inc"

// ---------------------------------------------------------------------------
// Output helpers (write_buf, print_str, print_udec, print_hex, print_nl, report),
// shared by every test program: see lib/output.inc.
	.include "output.inc"
