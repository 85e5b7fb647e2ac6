// sig-recursion: a SA_SIGINFO handler that recurses deeply, invoked at the
// bottom of a deep recursion whose every frame checks its stacked registers
// after the handler has returned.
//
//   1. rt_sigaction installs `handler` (through its function descriptor) for
//      SIGUSR1 and SIGUSR2 with SA_SIGINFO and an empty sa_mask.
//   2. main runs vrec(300, 0x0123456789abcdef, raise_usr1) (lib/vrec.inc:
//      301 frames of 24 stacked registers, so most of them are in the
//      backing store and the frames nearest the bottom are dirty in the
//      physical file when the signal comes). At the bottom raise_usr1 calls
//      kill(getpid(), SIGUSR1) through sys_at, a procedure of known frame
//      size (sof 12, sol 8: CFM 0x40c) that records where its frame ends in
//      the backing store (rse_skip(ar.bsp, 12)) before it executes `break`.
//      The signal is delivered on the way out of kill.
//   3. The handler (arguments: signo, siginfo *, sigcontext *) prints signo,
//      si_signo, si_code (SI_USER = 0), whether si_pid is the process's pid,
//      the blocked mask while it runs (the signal itself: 1 << (signo - 1)),
//      IA64_SC_FLAG_IN_SYSCALL of sc_flags, whether sc_ip is the slot after
//      sys_at's break (the kernel advanced ri past it; sc_ip = iip + ri),
//      sc_cfm, whether sc_ar_bsp is the end of sys_at's frame (the
//      trampoline stores ar.bsp after `cover`), and whether the handler's
//      own ar.bsp equals sc_ar_bsp (no alternate stack: the handler's frame
//      starts where the covered frame ends). Then it runs
//      vrec(200, 0x0123456789abcdef ^ signo, vrec_identity) - spills and
//      fills inside the handler on top of main's dirty registers - prints
//      its checksum, counts the run and returns with br.ret (the gate page
//      trampoline does rt_sigreturn).
//   4. main's 301 frames unwind, each comparing its 16 values.
//   5. SIGUSR2 blocked with rt_sigprocmask(SIG_BLOCK), sent with
//      tgkill(getpid(), gettid(), SIGUSR2) (stays pending: no handler run),
//      rt_sigpending shows it, and rt_sigprocmask(SIG_UNBLOCK) through sys_at
//      delivers it on the way out of that call (si_code SI_TKILL = -6).
//
// Expected stdout (checksums computed by test-programs/models/tasks.py):
//   rt_sigaction SIGUSR1 ok = 1, SIGUSR2 ok = 1
//   handler: signo = 10, si_signo = 10
//   handler: si_code = 0
//   handler: si_pid is our pid = 1
//   handler: blocked signals = 0x0200
//   handler: sc_flags IN_SYSCALL = 1
//   handler: sc_ip is the slot after the break = 1
//   handler: sc_cfm = 0x040c
//   handler: sc_ar_bsp is the end of the interrupted frame = 1
//   handler: its ar.bsp = sc_ar_bsp = 1
//   handler: vrec(200) checksum = 0x... (seed ^ 10)
//   main: vrec(300) checksum = 0x...
//   main: handler runs = 1
//   SIGUSR2 sent while blocked: handler runs = 1
//   pending signals = 0x0800
//   handler: ... the same ten lines for signo 12, si_code = -6, blocked
//            signals = 0x0800 ...
//   after unblocking: handler runs = 2
//   blocked signals now = 0x0000
//   vrec errors = 0, frames = 703
// Exit status 0.
//
// Syscalls: write = 1027, getpid = 1041, kill = 1053, gettid = 1105,
// rt_sigaction = 1177, rt_sigpending = 1178, rt_sigprocmask = 1179,
// tgkill = 1235, exit_group = 1236. SIGUSR1 = 10, SIGUSR2 = 12,
// SA_SIGINFO = 4, SIG_BLOCK = 0, SIG_UNBLOCK = 1; sigsetsize 8.
// siginfo (include/uapi/asm-generic/siginfo.h, 64-bit): si_signo @0,
// si_errno @4, si_code @8, si_pid @16, si_uid @20. struct sigcontext
// (arch/ia64/include/uapi/asm/sigcontext.h): sc_flags @0, sc_ip @40,
// sc_cfm @48, sc_ar_bsp @72, sc_rbs_base @2512, sc_loadrs @2520;
// IA64_SC_FLAG_IN_SYSCALL = 2.

	.section .rodata
m_act:		.asciz "rt_sigaction SIGUSR1 ok = "
m_act2:		.asciz ", SIGUSR2 ok = "
m_h_sig:	.asciz "handler: signo = "
m_h_sisig:	.asciz ", si_signo = "
m_h_code:	.asciz "handler: si_code = "
m_h_pid:	.asciz "handler: si_pid is our pid = "
m_h_mask:	.asciz "handler: blocked signals = "
m_h_insys:	.asciz "handler: sc_flags IN_SYSCALL = "
m_h_ip:		.asciz "handler: sc_ip is the slot after the break = "
m_h_cfm:	.asciz "handler: sc_cfm = "
m_h_bsp:	.asciz "handler: sc_ar_bsp is the end of the interrupted frame = "
m_h_own:	.asciz "handler: its ar.bsp = sc_ar_bsp = "
m_h_sum:	.asciz "handler: vrec(200) checksum = "
m_main_sum:	.asciz "main: vrec(300) checksum = "
m_main_runs:	.asciz "main: handler runs = "
m_blocked:	.asciz "SIGUSR2 sent while blocked: handler runs = "
m_pending:	.asciz "pending signals = "
m_unblock:	.asciz "after unblocking: handler runs = "
m_mask_now:	.asciz "blocked signals now = "
m_errs:		.asciz "vrec errors = "
m_frames:	.asciz ", frames = "

	.data
	.align 8
handler_fd:				// function descriptor: entry, gp
	data8 handler, 0
usr2_set:
	data8 0x800			// sigset with SIGUSR2 (bit 12 - 1)

	.bss
	.align 8
mypid:		.skip 8
runs:		.skip 8			// handler invocations
expect_bsp:	.skip 8			// end of sys_at's frame, recorded by sys_at
sigset_buf:	.skip 8

	.text
	.global _start
	.proc _start
_start:
	alloc loc0 = ar.pfs, 0, 6, 5, 0
	mov r15 = 1041 ;;			// __NR_getpid
	break.m 0x100000 ;;
	movl r14 = mypid ;;
	st8 [r14] = r8
	mov out0 = 10				// SIGUSR1
	movl out1 = handler_fd
	mov out2 = 4 ;;				// SA_SIGINFO
	br.call.sptk.many b0 = sig_install ;;
	cmp.eq p6, p7 = 0, r10 ;;
(p6)	mov loc1 = 1
(p7)	mov loc1 = 0
	mov out0 = 12				// SIGUSR2
	movl out1 = handler_fd
	mov out2 = 4 ;;
	br.call.sptk.many b0 = sig_install ;;
	cmp.eq p6, p7 = 0, r10 ;;
(p6)	mov out3 = 1
(p7)	mov out3 = 0
	mov out1 = loc1
	movl out0 = m_act
	movl out2 = m_act2 ;;
	br.call.sptk.many b0 = report ;;

	// the deep recursion with SIGUSR1 at its bottom
	mov out0 = 300
	movl out1 = 0x0123456789abcdef
	movl out2 = raise_usr1 ;;
	br.call.sptk.many b0 = vrec ;;
	mov out1 = r8
	movl out0 = m_main_sum
	mov out2 = 16 ;;
	br.call.sptk.many b0 = report_hex ;;
	movl r14 = runs ;;
	ld8 out1 = [r14]
	movl out0 = m_main_runs
	mov out2 = 0
	mov out3 = 0 ;;
	br.call.sptk.many b0 = report ;;

	// SIGUSR2: block, send, look at the pending set, unblock
	mov out0 = 0				// SIG_BLOCK
	movl out1 = usr2_set
	mov out2 = 0
	mov out3 = 8
	mov r15 = 1179 ;;			// __NR_rt_sigprocmask
	break.m 0x100000 ;;
	mov r15 = 1105 ;;			// __NR_gettid
	break.m 0x100000 ;;
	mov out1 = r8
	movl r14 = mypid ;;
	ld8 out0 = [r14]
	mov out2 = 12				// SIGUSR2
	mov r15 = 1235 ;;			// __NR_tgkill
	break.m 0x100000 ;;
	movl r14 = runs ;;
	ld8 out1 = [r14]
	movl out0 = m_blocked
	mov out2 = 0
	mov out3 = 0 ;;
	br.call.sptk.many b0 = report ;;
	movl out0 = sigset_buf
	mov out1 = 8
	mov r15 = 1178 ;;			// __NR_rt_sigpending
	break.m 0x100000 ;;
	movl r14 = sigset_buf ;;
	ld8 out1 = [r14]
	movl out0 = m_pending
	mov out2 = 4 ;;
	br.call.sptk.many b0 = report_hex ;;
	mov out0 = 1179				// rt_sigprocmask(SIG_UNBLOCK, &usr2_set, NULL, 8)
	mov out1 = 1				// SIG_UNBLOCK
	movl out2 = usr2_set
	mov out3 = 0
	mov out4 = 8 ;;
	br.call.sptk.many b0 = sys_at ;;	// SIGUSR2 is delivered on the way out
	movl r14 = runs ;;
	ld8 out1 = [r14]
	movl out0 = m_unblock
	mov out2 = 0
	mov out3 = 0 ;;
	br.call.sptk.many b0 = report ;;
	br.call.sptk.many b0 = blocked_mask ;;
	mov out1 = r8
	movl out0 = m_mask_now
	mov out2 = 4 ;;
	br.call.sptk.many b0 = report_hex ;;
	movl r14 = vrec_errors
	movl r15 = vrec_frames ;;
	ld8 out1 = [r14]
	ld8 out3 = [r15]
	movl out0 = m_errs
	movl out2 = m_frames ;;
	br.call.sptk.many b0 = report ;;
	mov out0 = 0
	br.call.sptk.many b0 = exit_group ;;
	.endp _start

// raise_usr1(in0 = s) -> r8 = s: vrec's bottom; kill(getpid(), SIGUSR1)
	.proc raise_usr1
raise_usr1:
	alloc loc0 = ar.pfs, 1, 2, 5, 0
	mov loc1 = b0
	movl r14 = mypid ;;
	ld8 out1 = [r14]
	mov out0 = 1053				// __NR_kill
	mov out2 = 10 ;;			// SIGUSR1
	br.call.sptk.many b0 = sys_at ;;
	mov r8 = in0
	mov ar.pfs = loc0
	mov b0 = loc1 ;;
	br.ret.sptk.many b0 ;;
	.endp raise_usr1

// sys_at(in0 = number, in1..in4 = arguments) -> r8, r10: a system call from
// a frame of known shape (sof 12, sol 8), whose `break` is in slot 0 of the
// bundle at sys_at_break; before it, the end of this frame in the backing
// store, rse_skip(ar.bsp, 12), is stored to expect_bsp.
	.proc sys_at
sys_at:
	alloc loc0 = ar.pfs, 5, 3, 4, 0
	mov loc1 = b0 ;;
	mov loc2 = ar.bsp ;;			// where this frame's r32 lives
	mov out0 = loc2
	mov out1 = 12				// sof
	br.call.sptk.many b0 = rse_skip ;;
	movl r14 = expect_bsp ;;
	st8 [r14] = r8
	mov out0 = in1
	mov out1 = in2
	mov out2 = in3
	mov out3 = in4
	mov r15 = in0 ;;
	.global sys_at_break
sys_at_break:
	{ .mii
	  break.m 0x100000
	  nop.i 0
	  nop.i 0 ;;
	}
	mov ar.pfs = loc0
	mov b0 = loc1 ;;
	br.ret.sptk.many b0 ;;
	.endp sys_at

// blocked_mask() -> r8 = the current blocked set
// (rt_sigprocmask(SIG_BLOCK, NULL, &old, 8) changes nothing)
	.proc blocked_mask
blocked_mask:
	alloc loc0 = ar.pfs, 0, 2, 4, 0
	mov loc1 = b0
	mov out0 = 0				// SIG_BLOCK with no set: a query
	mov out1 = 0
	movl out2 = sigset_buf
	mov out3 = 8
	mov r15 = 1179 ;;			// __NR_rt_sigprocmask
	break.m 0x100000 ;;
	movl r14 = sigset_buf ;;
	ld8 r8 = [r14]
	mov ar.pfs = loc0
	mov b0 = loc1 ;;
	br.ret.sptk.many b0 ;;
	.endp blocked_mask

// handler(in0 = signo, in1 = siginfo *, in2 = sigcontext *)
	.proc handler
handler:
	alloc loc0 = ar.pfs, 3, 5, 4, 0
	mov loc1 = b0 ;;
	mov loc2 = ar.bsp			// this frame's start in the backing store
	movl out0 = m_h_sig
	mov out1 = in0
	movl out2 = m_h_sisig ;;
	ld4 out3 = [in1]			// si_signo
	br.call.sptk.many b0 = report ;;
	adds r14 = 8, in1 ;;
	ld4 r14 = [r14] ;;			// si_code (an int)
	sxt4 out1 = r14
	movl out0 = m_h_code ;;
	br.call.sptk.many b0 = report_sdec ;;
	adds r14 = 16, in1
	movl r15 = mypid ;;
	ld4 r14 = [r14]				// si_pid
	ld8 r15 = [r15] ;;
	cmp.eq p6, p7 = r14, r15 ;;
(p6)	mov out1 = 1
(p7)	mov out1 = 0
	movl out0 = m_h_pid
	mov out2 = 0
	mov out3 = 0 ;;
	br.call.sptk.many b0 = report ;;
	br.call.sptk.many b0 = blocked_mask ;;
	mov out1 = r8
	movl out0 = m_h_mask
	mov out2 = 4 ;;
	br.call.sptk.many b0 = report_hex ;;
	ld8 r14 = [in2] ;;			// sc_flags
	extr.u out1 = r14, 1, 1			// IA64_SC_FLAG_IN_SYSCALL
	movl out0 = m_h_insys
	mov out2 = 0
	mov out3 = 0 ;;
	br.call.sptk.many b0 = report ;;
	adds r14 = 40, in2			// sc_ip
	movl r15 = sys_at_break + 1 ;;		// slot 1 of the break's bundle
	ld8 r14 = [r14] ;;
	cmp.eq p6, p7 = r14, r15 ;;
(p6)	mov out1 = 1
(p7)	mov out1 = 0
	movl out0 = m_h_ip
	mov out2 = 0
	mov out3 = 0 ;;
	br.call.sptk.many b0 = report ;;
	adds r14 = 48, in2 ;;			// sc_cfm
	ld8 out1 = [r14]
	movl out0 = m_h_cfm
	mov out2 = 4 ;;
	br.call.sptk.many b0 = report_hex ;;
	adds r14 = 72, in2			// sc_ar_bsp
	movl r15 = expect_bsp ;;
	ld8 loc3 = [r14]
	ld8 r15 = [r15] ;;
	cmp.eq p6, p7 = loc3, r15 ;;
(p6)	mov out1 = 1
(p7)	mov out1 = 0
	movl out0 = m_h_bsp
	mov out2 = 0
	mov out3 = 0 ;;
	br.call.sptk.many b0 = report ;;
	cmp.eq p6, p7 = loc2, loc3 ;;
(p6)	mov out1 = 1
(p7)	mov out1 = 0
	movl out0 = m_h_own
	mov out2 = 0
	mov out3 = 0 ;;
	br.call.sptk.many b0 = report ;;
	mov out0 = 200
	movl r14 = 0x0123456789abcdef ;;
	xor out1 = r14, in0
	movl out2 = vrec_identity ;;
	br.call.sptk.many b0 = vrec ;;
	mov out1 = r8
	movl out0 = m_h_sum
	mov out2 = 16 ;;
	br.call.sptk.many b0 = report_hex ;;
	movl r14 = runs ;;
	ld8 r15 = [r14] ;;
	adds r15 = 1, r15 ;;
	st8 [r14] = r15
	mov ar.pfs = loc0
	mov b0 = loc1 ;;
	br.ret.sptk.many b0 ;;
	.endp handler

	.include "output.inc"
	.include "task.inc"
	.include "vrec.inc"
