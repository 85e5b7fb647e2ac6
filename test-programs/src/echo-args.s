// echo-args: print the command-line arguments argv[1..argc-1] separated by
// single spaces and followed by a newline, then exit_group(0).
//
// Exercises: the Linux/ia64 initial process stack and a predicated br.call.
// At _start, r12 (sp) = the address of argc minus 16 (Linux's start_thread
// sets r12 = new_sp - 16 to leave a 16-byte scratch area), so argc is at
// [sp + 16], argv[0] at [sp + 24], argv[i] at [sp + 24 + 8*i], then NULL,
// envp..., NULL, auxv. CFM is empty, so `alloc` comes first.
//
// Expected: for `echo-args hello IA-64 world` stdout is "hello IA-64 world\n"
// (test-programs/expected/echo-args.args lists those arguments, one per
// line); with no arguments stdout is "\n". An empty argument prints as
// nothing between its two separators. Exit status 0.
//
// Syscalls: write = 1027, exit_group = 1236.

	.section .rodata
space:	.asciz " "

	.text
	.global _start
	.proc _start
_start:
	alloc loc0 = ar.pfs, 0, 3, 2, 0
	adds r14 = 16, sp ;;			// r14 -> argc
	ld8 loc1 = [r14], 8 ;;			// loc1 = argc; r14 -> argv[0]
	adds loc2 = 8, r14			// loc2 -> argv[1]
	adds loc1 = -1, loc1 ;;			// loc1 = arguments still to print
.Larg:
	cmp.lt p6, p7 = 0, loc1
(p7)	br.cond.dpnt .Ldone ;;
	ld8 out0 = [loc2], 8 ;;			// out0 = argv[i]
	br.call.sptk.many b0 = print_str ;;
	adds loc1 = -1, loc1 ;;
	cmp.lt p6, p0 = 0, loc1			// another argument follows?
	movl out0 = space ;;
(p6)	br.call.sptk.many b0 = print_str ;;	// predicated call: separator
	br.cond.sptk.few .Larg ;;
.Ldone:
	br.call.sptk.many b0 = print_nl ;;
	mov out0 = 0
	mov r15 = 1236 ;;			// __NR_exit_group
	break.m 0x100000 ;;
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
