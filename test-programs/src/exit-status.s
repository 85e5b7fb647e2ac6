// exit-status: exit_group(42) without printing anything.
//
// Exercises: the exit_group system call and propagation of the guest's exit
// status to the host process.
//
// Expected: empty stdout, exit status 42.
//
// Syscall: exit_group = 1236 (syscall.tbl entry 212 + 1024).

	.text
	.global _start
	.proc _start
_start:
	{ .mii
	  alloc r32 = ar.pfs, 0, 1, 1, 0	// r32 local; out0 = r33
	  mov r33 = 42				// out0: status
	  mov r15 = 1236 ;;			// __NR_exit_group
	}
	{ .mii
	  break.m 0x100000			// does not return
	  nop.i 0
	  nop.i 0 ;;
	}
	.endp _start
