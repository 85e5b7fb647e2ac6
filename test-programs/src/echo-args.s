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
// Output helpers (write_buf, print_str, print_udec, print_hex, print_nl, report),
// shared by every test program: see lib/output.inc.
	.include "output.inc"
