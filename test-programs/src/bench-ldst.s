// bench-ldst: benchmark workload, a load/store loop over a 4096-word
// (32 KiB) array, 6144 passes: a[i] += v; v += 1 for every element, with
// post-increment addressing and br.cloop. Three bundles (9 slots) per
// element, 25,165,824 elements (~226,000,000 slots).
//
//   a[0..4095] = 0 (.bss); v = 0
//   repeat 6144 times: for i in 0..4095: a[i] += v; v += 1
//   print the sum of a[] (mod 2^64) in decimal and a[4095] in decimal
//   (a[i] = 4096 * R*(R-1)/2 + R*i with R = 6144)
//
// Expected stdout (computed by test-programs/models/expected.py):
//   bench-ldst sum = 316659336216576
//   bench-ldst a[4095] = 77321988096
// Exit status 0.
//
// Syscalls: write = 1027, exit_group = 1236.

	.section .rodata
msg_s:	.asciz "bench-ldst sum = "
msg_l:	.asciz "bench-ldst a[4095] = "

	.bss
	.align 16
arr:	.skip 4096 * 8

	.text
	.global _start
	.proc _start
_start:
	alloc loc0 = ar.pfs, 0, 4, 4, 0
	movl loc1 = arr
	mov loc2 = ar.lc
	mov r22 = 6144				// passes left
	mov r21 = 0 ;;				// v
.Lpass:
	mov r14 = loc1				// load pointer
	mov r15 = loc1				// store pointer
	mov r19 = 4095 ;;
	mov ar.lc = r19 ;;
.Lelem:
	{ .mmi
	  ld8 r20 = [r14], 8
	  nop.m 0
	  nop.i 0 ;;
	}
	{ .mii
	  nop.m 0
	  add r20 = r20, r21
	  adds r21 = 1, r21 ;;
	}
	{ .mib
	  st8 [r15] = r20, 8
	  nop.i 0
	  br.cloop.sptk.few .Lelem ;;
	}
	adds r22 = -1, r22 ;;
	cmp.ne p6, p0 = 0, r22
(p6)	br.cond.sptk.few .Lpass ;;
	mov ar.lc = loc2
	// sum of the array
	mov r14 = loc1
	mov r8 = 0
	mov r19 = 4095 ;;
	mov ar.lc = r19 ;;
.Lsum:
	ld8 r20 = [r14], 8 ;;
	add r8 = r8, r20
	br.cloop.sptk.few .Lsum ;;
	mov ar.lc = loc2
	mov loc3 = r8
	movl out0 = msg_s ;;
	mov out1 = loc3
	mov out2 = 0
	mov out3 = 0
	br.call.sptk.many b0 = report ;;
	movl r14 = arr + 4095 * 8 ;;
	ld8 out1 = [r14]
	movl out0 = msg_l
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
