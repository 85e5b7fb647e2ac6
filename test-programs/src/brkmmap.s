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
// Output helpers (write_buf, print_str, print_udec, print_hex, print_nl, report),
// shared by every test program: see lib/output.inc.
	.include "output.inc"
