// bench-recursion: benchmark workload, the recursion of `recursion` (depth
// 10,000, 21 stacked registers per frame: 2 inputs, 17 locals, 2 outputs)
// repeated 200 times, each run seeded with the previous result. With the
// default 96 physical stacked registers every call spills and every return
// fills (mandatory RSE traffic on every level).
//
//   s = 0x0123456789abcdef
//   repeat 200 times: s = rec(10000, s)
//   print s in hex
// rec is the recursion of recursion.s (lib/rec.inc, included by both).
//
// Expected stdout (computed by test-programs/models/expected.py):
//   bench-recursion checksum = 0xe02ce4a34724ea84
// Exit status 0.
//
// Syscalls: write = 1027, exit_group = 1236.

	.section .rodata
msg:	.asciz "bench-recursion checksum = "

	.text
	.global _start
	.proc _start
_start:
	alloc loc0 = ar.pfs, 0, 3, 2, 0
	movl loc1 = 0x0123456789abcdef		// s
	mov loc2 = 200 ;;			// runs left
.Lrun:
	mov out0 = 10000
	mov out1 = loc1 ;;
	br.call.sptk.many b0 = rec ;;
	mov loc1 = r8
	adds loc2 = -1, loc2 ;;
	cmp.ne p6, p0 = 0, loc2
(p6)	br.cond.sptk.few .Lrun ;;
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
