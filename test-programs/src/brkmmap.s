// brkmmap: grow the heap with brk, use anonymous mmap/mprotect/munmap, and
// write and read the memory obtained.
//
//   cur = brk(0)                       current break (value not printed)
//   brk(cur + 65536) == cur + 65536    grow by 64 KiB
//   store 8-byte words w[i] = i, i = 0..8191, over [cur, cur + 65536);
//   read them back and sum: 33550336
//   brk(cur) == cur                    shrink back
//   p = mmap(0, 1 MiB, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS, -1, 0)
//       r10 == 0 and p is 16 KiB aligned
//   sum of the 131072 words of the fresh mapping: 0 (zero-filled)
//   store w[i] = i ^ 0x5a5a, read back and sum: 8589869056
//   mprotect(p, 16384, PROT_READ) == 0; the first word still reads back
//   munmap(p, 1 MiB) == 0
//
// Expected stdout:
//   brk grow ok = 1
//   brk sum = 33550336
//   brk shrink ok = 1
//   mmap ok = 1 aligned = 1
//   mmap zero sum = 0
//   mmap sum = 8589869056
//   mprotect ok = 1 first word = 23130
//   munmap ok = 1
// Exit status 0.
//
// Syscalls: write = 1027, brk = 1060, mmap = 1151, munmap = 1152,
// mprotect = 1155, exit_group = 1236. PROT_READ = 1, PROT_WRITE = 2,
// MAP_PRIVATE = 0x02, MAP_ANONYMOUS = 0x20.

	.section .rodata
m1:	.asciz "brk grow ok = "
m2:	.asciz "brk sum = "
m3:	.asciz "brk shrink ok = "
m4:	.asciz "mmap ok = "
m4b:	.asciz " aligned = "
m5:	.asciz "mmap zero sum = "
m6:	.asciz "mmap sum = "
m7:	.asciz "mprotect ok = "
m7b:	.asciz " first word = "
m8:	.asciz "munmap ok = "

	.text
	.global _start
	.proc _start
_start:
	alloc loc0 = ar.pfs, 0, 8, 6, 0
	// cur = brk(0)
	mov out0 = 0
	mov r15 = 1060 ;;			// __NR_brk
	break.m 0x100000 ;;
	mov loc1 = r8				// cur
	// brk(cur + 64 KiB)
	movl r14 = 65536 ;;
	add loc2 = r8, r14 ;;			// wanted end
	mov out0 = loc2
	mov r15 = 1060 ;;
	break.m 0x100000 ;;
	cmp.eq p6, p7 = r8, loc2 ;;
(p6)	mov out1 = 1
(p7)	mov out1 = 0
	movl out0 = m1
	mov out2 = 0
	mov out3 = 0 ;;
	br.call.sptk.many b0 = report ;;
	// fill and sum the new heap
	mov out0 = loc1
	mov out1 = 8192
	mov out2 = 0 ;;
	br.call.sptk.many b0 = fill_words ;;
	mov out0 = loc1
	mov out1 = 8192 ;;
	br.call.sptk.many b0 = sum_words ;;
	movl out0 = m2
	mov out1 = r8
	mov out2 = 0
	mov out3 = 0 ;;
	br.call.sptk.many b0 = report ;;
	// brk(cur): shrink back
	mov out0 = loc1
	mov r15 = 1060 ;;
	break.m 0x100000 ;;
	cmp.eq p6, p7 = r8, loc1 ;;
(p6)	mov out1 = 1
(p7)	mov out1 = 0
	movl out0 = m3
	mov out2 = 0
	mov out3 = 0 ;;
	br.call.sptk.many b0 = report ;;
	// p = mmap(0, 1 MiB, 3, 0x22, -1, 0)
	mov out0 = 0
	movl out1 = 0x100000
	mov out2 = 3				// PROT_READ | PROT_WRITE
	mov out3 = 0x22				// MAP_PRIVATE | MAP_ANONYMOUS
	mov out4 = -1
	mov out5 = 0
	mov r15 = 1151 ;;			// __NR_mmap
	break.m 0x100000 ;;
	mov loc3 = r8				// p
	cmp.eq p6, p7 = 0, r10 ;;
(p6)	mov out1 = 1
(p7)	mov out1 = 0
	extr.u r14 = r8, 0, 14 ;;		// p mod 16 KiB
	cmp.eq p8, p9 = 0, r14 ;;
(p8)	mov out3 = 1
(p9)	mov out3 = 0
	movl out0 = m4
	movl out2 = m4b ;;
	br.call.sptk.many b0 = report ;;
	// zero-filled?
	mov out0 = loc3
	movl out1 = 131072 ;;
	br.call.sptk.many b0 = sum_words ;;
	movl out0 = m5
	mov out1 = r8
	mov out2 = 0
	mov out3 = 0 ;;
	br.call.sptk.many b0 = report ;;
	// fill with i ^ 0x5a5a and sum
	mov out0 = loc3
	movl out1 = 131072
	mov out2 = 0x5a5a ;;
	br.call.sptk.many b0 = fill_words ;;
	mov out0 = loc3
	movl out1 = 131072 ;;
	br.call.sptk.many b0 = sum_words ;;
	movl out0 = m6
	mov out1 = r8
	mov out2 = 0
	mov out3 = 0 ;;
	br.call.sptk.many b0 = report ;;
	// mprotect(p, 16 KiB, PROT_READ), then read the first word
	mov out0 = loc3
	mov out1 = 16384
	mov out2 = 1				// PROT_READ
	mov r15 = 1155 ;;			// __NR_mprotect
	break.m 0x100000 ;;
	cmp.eq p6, p7 = 0, r10
	ld8 out3 = [loc3] ;;			// still readable
	cmp.eq.and p6, p7 = 0, r8 ;;		// ok = r10 == 0 && r8 == 0
(p6)	mov out1 = 1
(p7)	mov out1 = 0
	movl out0 = m7
	movl out2 = m7b ;;
	br.call.sptk.many b0 = report ;;
	// munmap(p, 1 MiB)
	mov out0 = loc3
	movl out1 = 0x100000
	mov r15 = 1152 ;;			// __NR_munmap
	break.m 0x100000 ;;
	cmp.eq p6, p7 = 0, r10 ;;
	cmp.eq.and p6, p7 = 0, r8 ;;
(p6)	mov out1 = 1
(p7)	mov out1 = 0
	movl out0 = m8
	mov out2 = 0
	mov out3 = 0 ;;
	br.call.sptk.many b0 = report ;;
	mov out0 = 0
	mov r15 = 1236 ;;			// __NR_exit_group
	break.m 0x100000 ;;
	.endp _start

// fill_words(in0 = base, in1 = count >= 1, in2 = key): word i = i ^ key.
	.proc fill_words
fill_words:
	alloc r2 = ar.pfs, 3, 0, 0, 0
	mov r3 = ar.lc
	mov r14 = in0
	mov r15 = 0				// i
	adds r16 = -1, in1 ;;
	mov ar.lc = r16 ;;
.Lfw_loop:
	xor r17 = r15, in2 ;;
	st8 [r14] = r17, 8
	adds r15 = 1, r15
	br.cloop.sptk.few .Lfw_loop ;;
	mov ar.lc = r3 ;;
	br.ret.sptk.many b0 ;;
	.endp fill_words

// sum_words(in0 = base, in1 = count >= 1) -> r8 = sum of the words.
	.proc sum_words
sum_words:
	alloc r2 = ar.pfs, 2, 0, 0, 0
	mov r3 = ar.lc
	mov r14 = in0
	mov r8 = 0
	adds r16 = -1, in1 ;;
	mov ar.lc = r16 ;;
.Lsw_loop:
	ld8 r17 = [r14], 8 ;;
	add r8 = r8, r17
	br.cloop.sptk.few .Lsw_loop ;;
	mov ar.lc = r3 ;;
	br.ret.sptk.many b0 ;;
	.endp sum_words


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
