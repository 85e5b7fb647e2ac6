// hello: write a greeting to stdout with the Linux/ia64 write syscall,
// then exit_group(0).
//
// Linux/ia64 system calls: r15 holds the number (write = 1027,
// exit_group = 1236), the arguments are the caller's output registers
// (seen by the kernel as in0..in7), `break 0x100000` enters the kernel,
// r8 returns the result and r10 is 0 on success or -1 on error.

	.section .rodata
msg:	.ascii "Hello from IA-64!\n"
msg_end:

	.text
	.global _start
	.proc _start
_start:
	{ .mlx
	  alloc r32 = ar.pfs, 0, 1, 3, 0	// r32 local; out0..out2 = r33..r35
	  movl r34 = msg ;;			// out1: buffer
	}
	{ .mii
	  mov r33 = 1				// out0: fd 1 (stdout)
	  mov r35 = msg_end - msg		// out2: length
	  mov r15 = 1027 ;;			// __NR_write
	}
	{ .mii
	  break.m 0x100000			// system call
	  nop.i 0
	  nop.i 0 ;;
	}
	{ .mii
	  mov r33 = 0				// out0: status 0
	  mov r15 = 1236			// __NR_exit_group
	  nop.i 0 ;;
	}
	{ .mii
	  break.m 0x100000			// does not return
	  nop.i 0
	  nop.i 0 ;;
	}
	.endp _start
