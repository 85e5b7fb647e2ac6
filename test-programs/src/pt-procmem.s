// pt-procmem: /proc/<pid>/mem opened by a tracer (the may-access rules that
// deny it to others are in pt-errors): what pread64, read, lseek, pwrite64
// and write see and do, against PTRACE_PEEKDATA. Output lines "label = N"
// (hex: "label = 0x%08x" or 16 digits); the host test
// guest-kernel/tests/ptrace.rs (proc_pid_mem) checks them.
//
//   C: PTRACE_TRACEME; var = 0x1122334455667788 (a store at run time);
//   kill(getpid(), SIGSTOP); after the parent resumes it, prints var and
//   exits 0.
//   The parent at the stop: open("/proc/<C>/mem", O_RDWR) (fd 3);
//   pread64 of var (8 bytes, the value, the same as PEEKDATA) and of the
//   first word of _start (the same as PEEKTEXT); lseek SEEK_SET to &var
//   (returns the address), read (8, the same as PEEKDATA), lseek SEEK_CUR 0
//   (&var + 8), SEEK_END (EINVAL: fs/proc/base.c mem_lseek); lseek to
//   0xa000000000000000 (returned in r8 with r10 = 0: an address, not an
//   error); pwrite64 0x99aabbccddeeff00 to var (8; PEEKDATA then sees it);
//   write 0x0102030405060708 at &var through the file position (8);
//   pread64 at address 0 (EIO), into a NULL buffer (EFAULT), pwrite64 from
//   a NULL buffer (EFAULT), of 0 bytes (0); /proc/self/mem reads the
//   parent's own var2 (0x5566778899aabbcc); /proc/999/mem: ENOENT. CONT;
//   C prints var = 0x0102030405060708; exit 0; pread64 on the fd after C is
//   gone reads nothing (0); close (0).
// Exit status 0.
//
// Numbers: syscalls read 1026, write 1027, close 1029, lseek 1040, openat
// 1281, pread64 1148, pwrite64 1149; SEEK_SET 0, SEEK_CUR 1, SEEK_END 2;
// O_RDWR 2; ptrace PEEKTEXT 1, PEEKDATA 2, CONT 7; ENOENT 2, EIO 5,
// EFAULT 14, EINVAL 22.

	.include "ptrace-macros.inc"

	.section .rodata
self_mem:	.asciz "/proc/self/mem"

	.data
	.align 8
var2:		data8 0x5566778899aabbcc

	.bss
	.align 8
var:		.skip 8
word:		.skip 8

	.text
	.global _start
	.proc _start
_start:
	alloc loc0 = ar.pfs, 0, 12, 6, 0 ;;
	movl loc5 = var
	movl loc6 = word ;;
	br.call.sptk.many b0 = fork ;;
	cmp.eq p6, p0 = 0, r8
(p6)	br.cond.spnt .Lchild ;;
	mov loc2 = r8
	mov out0 = r8
	mov out1 = 0
	br.call.sptk.many b0 = wstat ;;
	HEX "stop", r8
	mov out0 = loc2
	mov out1 = 2				// O_RDWR
	br.call.sptk.many b0 = open_proc_mem ;;
	mov loc3 = r8
	RES "open_tracee"

	// pread64 against PEEKDATA / PEEKTEXT
	SYS 1148, loc3, loc6, 8, loc5		// pread64(fd, &word, 8, &var)
	RES "pread_var"
	ld8 loc7 = [loc6] ;;
	HEX16 "pread_var_value", loc7
	PTRACE 2, loc2, loc5, 0
	cmp.eq p6, p7 = r8, loc7 ;;
(p6)	mov r14 = 1
(p7)	mov r14 = 0 ;;
	DEC "pread_equals_peekdata", r14
	movl loc8 = _start ;;
	SYS 1148, loc3, loc6, 8, loc8
	RES "pread_text"
	ld8 loc7 = [loc6]
	PTRACE 1, loc2, loc8, 0
	cmp.eq p6, p7 = r8, loc7 ;;
(p6)	mov r14 = 1
(p7)	mov r14 = 0 ;;
	DEC "pread_text_equals_peektext", r14

	// lseek and read
	SYS 1040, loc3, loc5, 0			// SEEK_SET
	cmp.eq p6, p7 = r8, loc5 ;;
(p6)	mov r14 = 1
(p7)	mov r14 = 0 ;;
	DEC "lseek_set_is_addr", r14
	SYS 1026, loc3, loc6, 8			// read
	RES "read_var"
	ld8 loc7 = [loc6]
	PTRACE 2, loc2, loc5, 0
	cmp.eq p6, p7 = r8, loc7 ;;
(p6)	mov r14 = 1
(p7)	mov r14 = 0 ;;
	DEC "read_equals_peekdata", r14
	SYS 1040, loc3, 0, 1			// SEEK_CUR
	adds r14 = 8, loc5 ;;
	cmp.eq p6, p7 = r8, r14 ;;
(p6)	mov r14 = 1
(p7)	mov r14 = 0 ;;
	DEC "lseek_cur_advanced", r14
	SYS 1040, loc3, 0, 2			// SEEK_END
	RES "lseek_end"
	movl loc9 = 0xa000000000000000 ;;
	SYS 1040, loc3, loc9, 0
	mov loc10 = r10
	HEX16 "lseek_high_r8", r8
	DEC "lseek_high_r10", loc10

	// pwrite64 and write
	movl r14 = 0x99aabbccddeeff00 ;;
	st8 [loc6] = r14
	SYS 1149, loc3, loc6, 8, loc5		// pwrite64
	RES "pwrite_var"
	PTRACE 2, loc2, loc5, 0
	HEX16 "peek_after_pwrite", r8
	SYS 1040, loc3, loc5, 0
	movl r14 = 0x0102030405060708 ;;
	st8 [loc6] = r14
	SYS 1027, loc3, loc6, 8			// write
	RES "write_var"
	PTRACE 2, loc2, loc5, 0
	HEX16 "peek_after_write", r8

	// errors
	SYS 1148, loc3, loc6, 8, 0		// at address 0
	RES "pread_unmapped"
	SYS 1148, loc3, 0, 8, loc5		// into NULL
	RES "pread_bad_buffer"
	SYS 1149, loc3, 0, 8, loc5		// from NULL
	RES "pwrite_bad_buffer"
	SYS 1148, loc3, loc6, 0, loc5		// 0 bytes
	RES "pread_zero"

	// /proc/self/mem, /proc/999/mem
	movl r14 = self_mem ;;
	SYS 1281, -100, r14, 0, 0		// openat
	mov loc4 = r8
	RES "open_self"
	movl r14 = var2 ;;
	SYS 1148, loc4, loc6, 8, r14
	ld8 r14 = [loc6] ;;
	HEX16 "self_pread_var2", r14
	SYS 1029, loc4				// close
	mov out0 = 999
	mov out1 = 0
	br.call.sptk.many b0 = open_proc_mem ;;
	RES "open_nonexistent"

	PTRACE 7, loc2, 0, 0
	mov out0 = loc2
	mov out1 = 0
	br.call.sptk.many b0 = wstat ;;
	HEX "exit", r8
	SYS 1148, loc3, loc6, 8, loc5
	RES "pread_after_exit"
	SYS 1029, loc3
	RES "close"
	mov out0 = 0
	br.call.sptk.many b0 = exit_group ;;

.Lchild:
	PTRACE 0, 0, 0, 0
	movl r14 = 0x1122334455667788 ;;
	st8 [loc5] = r14
	SYS 1041
	SYS 1053, r8, 19			// kill(getpid(), SIGSTOP)
	ld8 r14 = [loc5] ;;
	HEX16 "child_var", r14
	mov out0 = 0
	br.call.sptk.many b0 = exit_group ;;
	.endp _start

	.include "ptrace.inc"
	.include "output.inc"
	.include "task.inc"
