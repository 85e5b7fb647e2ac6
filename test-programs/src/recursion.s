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
