// fault: print a line, then load from address 0x10 (unmapped) on purpose.
//
// Exercises: a data access fault in user mode (no translation for the
// address; on Linux the page fault handler finds no VMA) killing the
// process with SIGSEGV like Linux does. Nothing after the faulting load
// runs.
//
// Expected stdout: "about to fault\n" (the line "after fault" must NOT
// appear). Exit status 139 (128 + SIGSEGV 11). The emulator also prints one
// line on stderr naming the fault, the IP and the symbol `faulting_load`.
//
// Syscalls: write = 1027, exit_group = 1236.

	.section .rodata
m_before:	.asciz "about to fault\n"
m_after:	.asciz "after fault\n"

	.text
	.global _start
	.proc _start
_start:
	alloc loc0 = ar.pfs, 0, 2, 1, 0
	movl out0 = m_before ;;
	br.call.sptk.many b0 = print_str ;;
	mov r14 = 0x10 ;;
	.global faulting_load
faulting_load:
	ld8 loc1 = [r14] ;;			// faults: address 0x10 is not mapped
	movl out0 = m_after ;;
	br.call.sptk.many b0 = print_str ;;
	mov out0 = 0
	mov r15 = 1236 ;;			// __NR_exit_group
	break.m 0x100000 ;;
	.endp _start


// ---------------------------------------------------------------------------
// Output helpers (write_buf, print_str, print_udec, print_hex, print_nl, report),
// shared by every test program: see lib/output.inc.
	.include "output.inc"
