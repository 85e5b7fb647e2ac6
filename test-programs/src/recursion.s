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

// rec(n = in0, s = in1) -> r8
//   if n == 0: return s
//   l[k] = s + (n << k) + k              for k = 2..16 (15 locals, loc2..loc16)
//   t = rec(n - 1, rotl(s, 7) ^ n)
//   for k = 2..16: t = rotl(t, 1) ^ l[k]
//   return t
// Frame: 2 inputs + 17 locals (loc0 = ar.pfs, loc1 = b0, loc2..loc16) +
// 2 outputs = 21 stacked registers (sof 21, sol 19).
	.text
	.proc rec
rec:
	alloc loc0 = ar.pfs, 2, 17, 2, 0
	mov loc1 = b0
	cmp.eq p6, p0 = 0, in0 ;;
(p6)	mov r8 = in1
(p6)	br.ret.sptk.many b0 ;;			// n == 0: return s
	shl loc2 = in0, 2
	shl loc3 = in0, 3
	shl loc4 = in0, 4
	shl loc5 = in0, 5
	shl loc6 = in0, 6
	shl loc7 = in0, 7
	shl loc8 = in0, 8
	shl loc9 = in0, 9
	shl loc10 = in0, 10
	shl loc11 = in0, 11
	shl loc12 = in0, 12
	shl loc13 = in0, 13
	shl loc14 = in0, 14
	shl loc15 = in0, 15
	shl loc16 = in0, 16 ;;
	add loc2 = loc2, in1
	add loc3 = loc3, in1
	add loc4 = loc4, in1
	add loc5 = loc5, in1
	add loc6 = loc6, in1
	add loc7 = loc7, in1
	add loc8 = loc8, in1
	add loc9 = loc9, in1
	add loc10 = loc10, in1
	add loc11 = loc11, in1
	add loc12 = loc12, in1
	add loc13 = loc13, in1
	add loc14 = loc14, in1
	add loc15 = loc15, in1
	add loc16 = loc16, in1 ;;
	adds loc2 = 2, loc2
	adds loc3 = 3, loc3
	adds loc4 = 4, loc4
	adds loc5 = 5, loc5
	adds loc6 = 6, loc6
	adds loc7 = 7, loc7
	adds loc8 = 8, loc8
	adds loc9 = 9, loc9
	adds loc10 = 10, loc10
	adds loc11 = 11, loc11
	adds loc12 = 12, loc12
	adds loc13 = 13, loc13
	adds loc14 = 14, loc14
	adds loc15 = 15, loc15
	adds loc16 = 16, loc16
	shrp r14 = in1, in1, 57			// rotl(s, 7)
	adds out0 = -1, in0 ;;
	xor out1 = r14, in0 ;;
	br.call.sptk.many b0 = rec ;;
	shrp r8 = r8, r8, 63 ;;			// rotl(t, 1)
	xor r8 = r8, loc2 ;;
	shrp r8 = r8, r8, 63 ;;
	xor r8 = r8, loc3 ;;
	shrp r8 = r8, r8, 63 ;;
	xor r8 = r8, loc4 ;;
	shrp r8 = r8, r8, 63 ;;
	xor r8 = r8, loc5 ;;
	shrp r8 = r8, r8, 63 ;;
	xor r8 = r8, loc6 ;;
	shrp r8 = r8, r8, 63 ;;
	xor r8 = r8, loc7 ;;
	shrp r8 = r8, r8, 63 ;;
	xor r8 = r8, loc8 ;;
	shrp r8 = r8, r8, 63 ;;
	xor r8 = r8, loc9 ;;
	shrp r8 = r8, r8, 63 ;;
	xor r8 = r8, loc10 ;;
	shrp r8 = r8, r8, 63 ;;
	xor r8 = r8, loc11 ;;
	shrp r8 = r8, r8, 63 ;;
	xor r8 = r8, loc12 ;;
	shrp r8 = r8, r8, 63 ;;
	xor r8 = r8, loc13 ;;
	shrp r8 = r8, r8, 63 ;;
	xor r8 = r8, loc14 ;;
	shrp r8 = r8, r8, 63 ;;
	xor r8 = r8, loc15 ;;
	shrp r8 = r8, r8, 63 ;;
	xor r8 = r8, loc16 ;;
	mov ar.pfs = loc0
	mov b0 = loc1 ;;
	br.ret.sptk.many b0 ;;
	.endp rec

// ---------------------------------------------------------------------------
// Output helpers (write_buf, print_str, print_udec, print_hex, print_nl, report),
// shared by every test program: see lib/output.inc.
	.include "output.inc"
