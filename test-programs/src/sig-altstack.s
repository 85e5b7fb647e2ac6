// sig-altstack: a SA_ONSTACK handler on a sigaltstack area: the kernel puts
// the signal frame (and the handler's memory stack) at the top of the area
// and asks the trampoline, through sc_rbs_base, to switch the register
// backing store to the bottom of the area; the switch is visible in the
// sigcontext.
//
//   1. p = mmap(256 KiB); sigaltstack(&{p, 0, 262144}, NULL);
//      sigaltstack(NULL, &old) outside the handler: ss_flags = 0.
//   2. rt_sigaction(SIGUSR1, {handler, SA_SIGINFO | SA_ONSTACK, 0}).
//   3. main runs vrec(100, 0x0123456789abcdef, raise_usr1) (lib/vrec.inc);
//      at the bottom, kill(getpid(), SIGUSR1) from sys_at (a frame with
//      sof 12 that records the end of its frame, rse_skip(ar.bsp, 12)).
//   4. The handler checks, from its sigcontext (arch/ia64/kernel/signal.c
//      setup_frame, gate.S __kernel_sigtramp):
//        sc_flags: IA64_SC_FLAG_ONSTACK (1) and IA64_SC_FLAG_IN_SYSCALL (2);
//        sc_rbs_base = ss_sp (the area is page aligned, so rounding ss_sp
//          up to 8 changes nothing): the backing store was switched;
//        its own ar.bsp and sp (r12) lie inside the area;
//        sc_ar_bsp does not: it is the end of the interrupted frame on the
//          main backing store (the trampoline reads ar.bsp after `cover`,
//          before switching);
//        its own ar.bsp = sc_rbs_base + (sc_loadrs >> 16): the dirty
//          partition re-homed on the area is sc_loadrs >> 16 bytes long,
//          and the handler's frame starts right after it;
//        sigaltstack(NULL, &old) inside the handler: ss_flags = SS_ONSTACK
//          (1), ss_sp = p, ss_size = 262144.
//      Then it runs vrec(200, 0x0123456789abcdef ^ 10, vrec_identity) on the
//      alternate backing store, prints the checksum and returns.
//   5. main's 101 frames unwind, each checking its 16 stacked values (the
//      trampoline's restore_rbs put the dirty partition back on the main
//      backing store); sigaltstack(NULL, &old) again reports ss_flags = 0.
//
// Expected stdout (checksums computed by test-programs/models/tasks.py):
//   sigaltstack ok = 1
//   before: ss_flags = 0
//   rt_sigaction ok = 1
//   handler: signo = 10
//   handler: sc_flags ONSTACK = 1, IN_SYSCALL = 1
//   handler: sc_rbs_base = ss_sp = 1
//   handler: its ar.bsp is in the alternate stack = 1
//   handler: its sp is in the alternate stack = 1
//   handler: sc_ar_bsp is in the alternate stack = 0
//   handler: sc_ar_bsp is the end of the interrupted frame = 1
//   handler: its ar.bsp = sc_rbs_base + (sc_loadrs >> 16) = 1
//   handler: ss_flags = 1, ss_size = 262144
//   handler: ss_sp = the area = 1
//   handler: vrec(200) checksum = 0x...
//   main: vrec(100) checksum = 0x...
//   main: handler runs = 1
//   after: ss_flags = 0
//   vrec errors = 0, frames = 302
// Exit status 0.
//
// Syscalls: write = 1027, getpid = 1041, kill = 1053, mmap = 1151,
// sigaltstack = 1176, rt_sigaction = 1177, exit_group = 1236.
// stack_t (arch/ia64/include/uapi/asm/signal.h) = { ss_sp @0, int ss_flags
// @8, ss_size @16 }; SS_ONSTACK = 1; SA_ONSTACK = 0x08000000,
// SA_SIGINFO = 4. sigcontext: sc_flags @0, sc_ar_bsp @72,
// sc_rbs_base @2512, sc_loadrs @2520.

	AREA_SIZE = 262144

	.section .rodata
m_ss:		.asciz "sigaltstack ok = "
m_before:	.asciz "before: ss_flags = "
m_act:		.asciz "rt_sigaction ok = "
m_h_sig:	.asciz "handler: signo = "
m_h_fl:		.asciz "handler: sc_flags ONSTACK = "
m_h_fl2:	.asciz ", IN_SYSCALL = "
m_h_base:	.asciz "handler: sc_rbs_base = ss_sp = "
m_h_bsp:	.asciz "handler: its ar.bsp is in the alternate stack = "
m_h_sp:		.asciz "handler: its sp is in the alternate stack = "
m_h_scbsp:	.asciz "handler: sc_ar_bsp is in the alternate stack = "
m_h_end:	.asciz "handler: sc_ar_bsp is the end of the interrupted frame = "
m_h_ldrs:	.asciz "handler: its ar.bsp = sc_rbs_base + (sc_loadrs >> 16) = "
m_h_ssfl:	.asciz "handler: ss_flags = "
m_h_sssz:	.asciz ", ss_size = "
m_h_sssp:	.asciz "handler: ss_sp = the area = "
m_h_sum:	.asciz "handler: vrec(200) checksum = "
m_main_sum:	.asciz "main: vrec(100) checksum = "
m_main_runs:	.asciz "main: handler runs = "
m_after:	.asciz "after: ss_flags = "
m_errs:		.asciz "vrec errors = "
m_frames:	.asciz ", frames = "
m_fail:		.asciz "mmap failed, errno = "

	.data
	.align 8
handler_fd:				// function descriptor: entry, gp
	data8 handler, 0

	.bss
	.align 8
mypid:		.skip 8
runs:		.skip 8
area:		.skip 8			// the alternate stack's base
expect_bsp:	.skip 8			// end of sys_at's frame
ss_new:		.skip 24		// stack_t
ss_old:		.skip 24		// stack_t

	.text
	.global _start
	.proc _start
_start:
	alloc loc0 = ar.pfs, 0, 6, 5, 0
	mov r15 = 1041 ;;			// __NR_getpid
	break.m 0x100000 ;;
	movl r14 = mypid ;;
	st8 [r14] = r8
	movl out0 = AREA_SIZE ;;
	br.call.sptk.many b0 = mmap_anon ;;
	cmp.ne p6, p0 = 0, r10
(p6)	br.cond.spnt .Lfail ;;
	movl r14 = area ;;
	st8 [r14] = r8
	movl r14 = ss_new ;;
	st8 [r14] = r8, 8			// ss_sp
	movl r15 = AREA_SIZE ;;
	st4 [r14] = r0, 8			// ss_flags = 0
	;;
	st8 [r14] = r15				// ss_size
	movl out0 = ss_new
	mov out1 = 0
	mov r15 = 1176 ;;			// __NR_sigaltstack
	break.m 0x100000 ;;
	cmp.eq p6, p7 = 0, r10 ;;
(p6)	mov out1 = 1
(p7)	mov out1 = 0
	movl out0 = m_ss
	mov out2 = 0
	mov out3 = 0 ;;
	br.call.sptk.many b0 = report ;;
	br.call.sptk.many b0 = query_altstack ;;
	mov out1 = r8
	movl out0 = m_before
	mov out2 = 0
	mov out3 = 0 ;;
	br.call.sptk.many b0 = report ;;
	mov out0 = 10				// SIGUSR1
	movl out1 = handler_fd
	movl out2 = 0x08000004 ;;		// SA_ONSTACK | SA_SIGINFO
	br.call.sptk.many b0 = sig_install ;;
	cmp.eq p6, p7 = 0, r10 ;;
(p6)	mov out1 = 1
(p7)	mov out1 = 0
	movl out0 = m_act
	mov out2 = 0
	mov out3 = 0 ;;
	br.call.sptk.many b0 = report ;;

	mov out0 = 100
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
	br.call.sptk.many b0 = query_altstack ;;
	mov out1 = r8
	movl out0 = m_after
	mov out2 = 0
	mov out3 = 0 ;;
	br.call.sptk.many b0 = report ;;
	movl r14 = vrec_errors
	movl r15 = vrec_frames ;;
	ld8 out1 = [r14]
	ld8 out3 = [r15]
	movl out0 = m_errs
	movl out2 = m_frames ;;
	br.call.sptk.many b0 = report ;;
	mov out0 = 0
	br.call.sptk.many b0 = exit_group ;;
.Lfail:
	mov out1 = r8
	movl out0 = m_fail
	mov out2 = 0
	mov out3 = 0 ;;
	br.call.sptk.many b0 = report ;;
	mov out0 = 1
	br.call.sptk.many b0 = exit_group ;;
	.endp _start

// query_altstack() -> r8 = ss_flags of sigaltstack(NULL, &ss_old)
	.proc query_altstack
query_altstack:
	alloc loc0 = ar.pfs, 0, 2, 2, 0
	mov loc1 = b0
	mov out0 = 0
	movl out1 = ss_old
	mov r15 = 1176 ;;			// __NR_sigaltstack
	break.m 0x100000 ;;
	movl r14 = ss_old + 8 ;;
	ld4 r8 = [r14]
	mov ar.pfs = loc0
	mov b0 = loc1 ;;
	br.ret.sptk.many b0 ;;
	.endp query_altstack

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
// a frame with sof 12; rse_skip(ar.bsp, 12) is stored to expect_bsp first.
	.proc sys_at
sys_at:
	alloc loc0 = ar.pfs, 5, 3, 4, 0
	mov loc1 = b0 ;;
	mov loc2 = ar.bsp ;;
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
	break.m 0x100000 ;;
	mov ar.pfs = loc0
	mov b0 = loc1 ;;
	br.ret.sptk.many b0 ;;
	.endp sys_at

// in_area(in0 = address) -> r8 = 1 if area <= address < area + AREA_SIZE
	.proc in_area
in_area:
	alloc r2 = ar.pfs, 1, 0, 0, 0
	movl r14 = area
	movl r15 = AREA_SIZE ;;
	ld8 r14 = [r14] ;;
	sub r14 = in0, r14 ;;
	cmp.ltu p6, p7 = r14, r15 ;;		// unsigned: below the area wraps high
(p6)	mov r8 = 1
(p7)	mov r8 = 0
	br.ret.sptk.many b0 ;;
	.endp in_area

// handler(in0 = signo, in1 = siginfo *, in2 = sigcontext *)
	.proc handler
handler:
	alloc loc0 = ar.pfs, 3, 6, 4, 0
	mov loc1 = b0 ;;
	mov loc2 = ar.bsp			// this frame's start in the backing store
	mov loc3 = sp
	adds r14 = 72, in2 ;;
	ld8 loc4 = [r14]			// sc_ar_bsp
	movl out0 = m_h_sig
	mov out1 = in0
	mov out2 = 0
	mov out3 = 0 ;;
	br.call.sptk.many b0 = report ;;
	ld8 r14 = [in2] ;;			// sc_flags
	extr.u out1 = r14, 0, 1			// IA64_SC_FLAG_ONSTACK
	extr.u out3 = r14, 1, 1			// IA64_SC_FLAG_IN_SYSCALL
	movl out0 = m_h_fl
	movl out2 = m_h_fl2 ;;
	br.call.sptk.many b0 = report ;;
	movl r14 = 2512				// sc_rbs_base
	movl r15 = area ;;
	add r14 = r14, in2
	ld8 r15 = [r15] ;;
	ld8 r14 = [r14] ;;
	cmp.eq p6, p7 = r14, r15 ;;
(p6)	mov out1 = 1
(p7)	mov out1 = 0
	movl out0 = m_h_base
	mov out2 = 0
	mov out3 = 0 ;;
	br.call.sptk.many b0 = report ;;
	mov out0 = loc2
	br.call.sptk.many b0 = in_area ;;
	mov out1 = r8
	movl out0 = m_h_bsp
	mov out2 = 0
	mov out3 = 0 ;;
	br.call.sptk.many b0 = report ;;
	mov out0 = loc3
	br.call.sptk.many b0 = in_area ;;
	mov out1 = r8
	movl out0 = m_h_sp
	mov out2 = 0
	mov out3 = 0 ;;
	br.call.sptk.many b0 = report ;;
	mov out0 = loc4
	br.call.sptk.many b0 = in_area ;;
	mov out1 = r8
	movl out0 = m_h_scbsp
	mov out2 = 0
	mov out3 = 0 ;;
	br.call.sptk.many b0 = report ;;
	movl r14 = expect_bsp ;;
	ld8 r14 = [r14] ;;
	cmp.eq p6, p7 = r14, loc4 ;;
(p6)	mov out1 = 1
(p7)	mov out1 = 0
	movl out0 = m_h_end
	mov out2 = 0
	mov out3 = 0 ;;
	br.call.sptk.many b0 = report ;;
	movl r14 = 2512				// sc_rbs_base, then sc_loadrs
	;;
	add r14 = r14, in2 ;;
	ld8 r15 = [r14], 8 ;;
	ld8 r16 = [r14] ;;
	shr.u r16 = r16, 16 ;;
	add r15 = r15, r16 ;;
	cmp.eq p6, p7 = r15, loc2 ;;
(p6)	mov out1 = 1
(p7)	mov out1 = 0
	movl out0 = m_h_ldrs
	mov out2 = 0
	mov out3 = 0 ;;
	br.call.sptk.many b0 = report ;;
	br.call.sptk.many b0 = query_altstack ;;
	mov out1 = r8
	movl r14 = ss_old + 16 ;;
	ld8 out3 = [r14]
	movl out0 = m_h_ssfl
	movl out2 = m_h_sssz ;;
	br.call.sptk.many b0 = report ;;
	movl r14 = ss_old
	movl r15 = area ;;
	ld8 r14 = [r14]
	ld8 r15 = [r15] ;;
	cmp.eq p6, p7 = r14, r15 ;;
(p6)	mov out1 = 1
(p7)	mov out1 = 0
	movl out0 = m_h_sssp
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
