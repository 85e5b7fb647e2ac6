// strings: strlen, memset, memcpy and a reversing copy written as byte loops
// with post-increment (and post-decrement) addressing, then the results are
// printed.
//
// Exercises: ld1 r = [r], 1 / st1 [r] = r, 1 (post-increment by immediate),
// ld1 r = [r], -1 (post-decrement), counted loops with ar.lc/br.cloop
// (ar.lc saved and restored, as it is a preserved register), a while loop
// with cmp + predicated branch.
//
//   strlen(src)                          -> 43
//   memset(buf, '-', 60); buf[60] = '\n'
//   memcpy(buf + 4, src, 43)             (strlen's result)
//   write(1, buf, 61)
//   revcopy(rev, src + 42, 43)           (reads backwards with [r], -1)
//   rev[43] = '\n'; write(1, rev, 44)
//
// Expected stdout:
//   strlen = 43
//   ----The quick brown fox jumps over the lazy dog-------------
//   god yzal eht revo spmuj xof nworb kciuq ehT
// Exit status 0.
//
// Syscalls: write = 1027, exit_group = 1236.

	.section .rodata
src:		.asciz "The quick brown fox jumps over the lazy dog"
msg_len:	.asciz "strlen = "

	.bss
	.align 16
buf:	.skip 64
rev:	.skip 64

	.text
	.global _start
	.proc _start
_start:
	alloc loc0 = ar.pfs, 0, 4, 4, 0
	movl out0 = src ;;
	br.call.sptk.many b0 = strlen ;;
	mov loc1 = r8				// loc1 = length of src
	movl out0 = msg_len ;;
	mov out1 = r8
	mov out2 = 0
	mov out3 = 0
	br.call.sptk.many b0 = report ;;
	movl out0 = buf
	mov out1 = 45				// '-'
	mov out2 = 60 ;;
	br.call.sptk.many b0 = memset ;;
	movl loc2 = buf ;;
	adds r14 = 60, loc2
	mov r15 = 10 ;;				// '\n'
	st1 [r14] = r15
	adds out0 = 4, loc2
	movl out1 = src
	mov out2 = loc1 ;;
	br.call.sptk.many b0 = memcpy ;;
	mov out0 = loc2
	mov out1 = 61
	br.call.sptk.many b0 = write_buf ;;
	movl loc3 = rev
	movl r14 = src ;;
	add r14 = r14, loc1 ;;
	mov out0 = loc3
	adds out1 = -1, r14			// last character of src
	mov out2 = loc1
	br.call.sptk.many b0 = revcopy ;;
	add r14 = loc3, loc1
	mov r15 = 10 ;;
	st1 [r14] = r15
	mov out0 = loc3
	adds out1 = 1, loc1
	br.call.sptk.many b0 = write_buf ;;
	mov out0 = 0
	mov r15 = 1236 ;;			// __NR_exit_group
	break.m 0x100000 ;;
	.endp _start

// strlen(in0 = s) -> r8: while loop with post-increment loads.
	.proc strlen
strlen:
	alloc r2 = ar.pfs, 1, 0, 0, 0
	mov r14 = in0 ;;
.Lsl_loop:
	ld1 r15 = [r14], 1 ;;
	cmp.ne p6, p0 = 0, r15
(p6)	br.cond.dptk .Lsl_loop ;;
	sub r8 = r14, in0 ;;
	adds r8 = -1, r8			// do not count the NUL
	br.ret.sptk.many b0 ;;
	.endp strlen

// memset(in0 = dst, in1 = byte, in2 = n): counted loop, st1 post-increment.
	.proc memset
memset:
	alloc r2 = ar.pfs, 3, 0, 0, 0
	mov r3 = ar.lc				// preserved register
	cmp.eq p6, p0 = 0, in2
	mov r14 = in0
	adds r15 = -1, in2 ;;
(p6)	br.ret.spnt.many b0 ;;			// n == 0: nothing to do
	mov ar.lc = r15 ;;
.Lms_loop:
	st1 [r14] = in1, 1
	br.cloop.sptk.few .Lms_loop ;;
	mov ar.lc = r3 ;;
	br.ret.sptk.many b0 ;;
	.endp memset

// memcpy(in0 = dst, in1 = src, in2 = n): counted loop, ld1/st1 post-increment.
	.proc memcpy
memcpy:
	alloc r2 = ar.pfs, 3, 0, 0, 0
	mov r3 = ar.lc
	cmp.eq p6, p0 = 0, in2
	mov r14 = in0
	mov r15 = in1
	adds r16 = -1, in2 ;;
(p6)	br.ret.spnt.many b0 ;;
	mov ar.lc = r16 ;;
.Lmc_loop:
	ld1 r17 = [r15], 1 ;;
	st1 [r14] = r17, 1
	br.cloop.sptk.few .Lmc_loop ;;
	mov ar.lc = r3 ;;
	br.ret.sptk.many b0 ;;
	.endp memcpy

// revcopy(in0 = dst, in1 = last source byte, in2 = n): reads backwards with
// post-decrement, writes forwards with post-increment.
	.proc revcopy
revcopy:
	alloc r2 = ar.pfs, 3, 0, 0, 0
	mov r3 = ar.lc
	cmp.eq p6, p0 = 0, in2
	mov r14 = in0
	mov r15 = in1
	adds r16 = -1, in2 ;;
(p6)	br.ret.spnt.many b0 ;;
	mov ar.lc = r16 ;;
.Lrc_loop:
	ld1 r17 = [r15], -1 ;;
	st1 [r14] = r17, 1
	br.cloop.sptk.few .Lrc_loop ;;
	mov ar.lc = r3 ;;
	br.ret.sptk.many b0 ;;
	.endp revcopy


// ---------------------------------------------------------------------------
// Output helpers (write_buf, print_str, print_udec, print_hex, print_nl, report),
// shared by every test program: see lib/output.inc.
	.include "output.inc"
