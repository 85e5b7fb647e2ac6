// pt-step: PTRACE_SINGLESTEP (one instruction slot per step), PTRACE_SINGLEBLOCK
// (to the next taken branch), PTRACE_POKETEXT through a read-only page, and
// PTRACE_SETSIGINFO before injecting a signal. Output lines "label = N"
// (hex: "label = 0x%08x" or 16 digits); the host test
// guest-kernel/tests/ptrace.rs (ptrace_step_poketext_setsiginfo) checks
// them.
//
//   C: PTRACE_TRACEME; a SA_SIGINFO handler for SIGUSR2; kill(getpid(),
//   SIGSTOP) with its `break.m` in slot 0 of the bundle at step_base, whose
//   slots 1 and 2 and the next bundle's slot 0 are `adds`; then nops and a
//   taken `br.cond` to block_target (the bundle after the next is skipped);
//   kill(getpid(), SIGUSR2); prints the si_code its handler saw and the
//   first word of the read-only string ro_word; exits 0.
//   The parent: the SIGSTOP stop: PT_CR_IIP - step_base = 0, ri = 1 (the
//   syscall returned past the break); three SINGLESTEPs: each a SIGTRAP
//   signal-delivery stop (0x057f) with si_code TRAP_TRACE (2) one slot
//   further: (0, 2), (16, 0), (16, 1); SINGLEBLOCK: a SIGTRAP stop with
//   si_code TRAP_BRANCH (3) at the branch target (PT_CR_IIP = block_target,
//   ri 0) (arch/ia64/kernel/traps.c: vectors 35 and 36). Each of these
//   siginfos has si_addr 0, si_flags __ISR_VALID (1) and the trap's ISR:
//   ISR.ei names the slot that trapped (1, 2, 0, then the branch's 2) and
//   ISR.code the trap (ss 0x8, tb 0x4); POKETEXT
//   "AAAAAAAA" over ro_word in .rodata (FOLL_FORCE writes a read-only page;
//   PEEKTEXT reads it back); CONT; the SIGUSR2 stop (0x0c7f): GETSIGINFO,
//   si_code set to SI_QUEUE (-1), SETSIGINFO, CONT with SIGUSR2: the
//   handler sees si_code -1; C prints ro_word as 0x4141414141414141; exit 0.
// Exit status 0.
//
// Numbers: ptrace requests TRACEME 0, PEEKTEXT 1, PEEKUSR 3, POKETEXT 4,
// CONT 7, SINGLESTEP 9, SINGLEBLOCK 12, GETSIGINFO 0x4202, SETSIGINFO
// 0x4203; PT_CR_IPSR 0x830 (ri: bits 42:41), PT_CR_IIP 0x838; SA_SIGINFO 4.

	.include "ptrace-macros.inc"

	.section .rodata
	.align 8
ro_word:	.ascii "ro-data!"

	.data
	.align 16
usr2_fd:	data8 usr2_handler, 0

	.bss
	.align 8
siginfo:	.skip 128
h_code:		.skip 8

	.text
	.global _start
	.proc _start
_start:
	alloc loc0 = ar.pfs, 0, 10, 6, 0 ;;
	br.call.sptk.many b0 = fork ;;
	cmp.eq p6, p0 = 0, r8
(p6)	br.cond.spnt .Lchild ;;
	mov loc2 = r8
	mov out0 = r8
	mov out1 = 0
	br.call.sptk.many b0 = wstat ;;
	HEX "stop", r8
	movl loc3 = step_base ;;
	mov out0 = loc2
	mov out1 = loc3
	br.call.sptk.many b0 = where ;;
	mov loc4 = 3 ;;
.Lstep:
	PTRACE 9, loc2, 0, 0			// SINGLESTEP
	mov out0 = loc2
	mov out1 = 0
	br.call.sptk.many b0 = wstat ;;
	HEX "step_status", r8
	mov out0 = loc2
	br.call.sptk.many b0 = si_code ;;
	DEC "step_si_code", r8
	br.call.sptk.many b0 = fault_fields ;;
	mov out0 = loc2
	mov out1 = loc3
	br.call.sptk.many b0 = where ;;
	adds loc4 = -1, loc4 ;;
	cmp.ne p6, p0 = 0, loc4
(p6)	br.cond.sptk .Lstep ;;
	PTRACE 12, loc2, 0, 0			// SINGLEBLOCK
	mov out0 = loc2
	mov out1 = 0
	br.call.sptk.many b0 = wstat ;;
	HEX "block_status", r8
	mov out0 = loc2
	br.call.sptk.many b0 = si_code ;;
	DEC "block_si_code", r8
	br.call.sptk.many b0 = fault_fields ;;
	mov out0 = loc2
	movl out1 = block_target ;;
	br.call.sptk.many b0 = where ;;

	movl loc5 = ro_word
	movl r14 = 0x4141414141414141 ;;
	PTRACE 4, loc2, loc5, r14		// POKETEXT
	RES "poketext"
	PTRACE 1, loc2, loc5, 0			// PEEKTEXT
	HEX16 "peektext_after", r8
	PTRACE 7, loc2, 0, 0
	mov out0 = loc2
	mov out1 = 0
	br.call.sptk.many b0 = wstat ;;
	HEX "usr2_stop", r8
	movl loc6 = siginfo ;;
	PTRACE 0x4202, loc2, 0, loc6		// GETSIGINFO
	adds r14 = 8, loc6
	mov r15 = -1 ;;
	st4 [r14] = r15				// si_code = SI_QUEUE
	PTRACE 0x4203, loc2, 0, loc6		// SETSIGINFO
	RES "setsiginfo"
	PTRACE 7, loc2, 0, 12
	mov out0 = loc2
	mov out1 = 0
	br.call.sptk.many b0 = wstat ;;
	HEX "exit", r8
	mov out0 = 0
	br.call.sptk.many b0 = exit_group ;;

.Lchild:
	PTRACE 0, 0, 0, 0
	mov out0 = 12
	movl out1 = usr2_fd
	mov out2 = 4				// SA_SIGINFO
	br.call.sptk.many b0 = sig_install ;;
	SYS 1041
	mov out0 = r8				// kill(getpid(), SIGSTOP)
	mov out1 = 19
	mov r15 = 1053 ;;
step_base:
	{ .mii
	  break.m 0x100000
	  adds r14 = 1, r0
	  adds r15 = 2, r0 ;;
	}
	{ .mii
	  adds r16 = 3, r0
	  nop.i 0
	  nop.i 0 ;;
	}
	{ .mib
	  nop.m 0
	  nop.i 0
	  br.cond.sptk.few block_target ;;
	}
	{ .mii
	  nop.m 0
	  nop.i 0
	  nop.i 0 ;;
	}
block_target:
	{ .mii
	  nop.m 0
	  nop.i 0
	  nop.i 0 ;;
	}
	SYS 1041
	SYS 1053, r8, 12			// kill(getpid(), SIGUSR2)
	movl r14 = h_code ;;
	ld8 r14 = [r14] ;;
	DEC "handler_si_code", r14
	movl r14 = ro_word ;;
	ld8 r14 = [r14] ;;
	HEX16 "child_ro_word", r14
	mov out0 = 0
	br.call.sptk.many b0 = exit_group ;;
	.endp _start

// where(in0 = pid, in1 = base): prints "iip = PT_CR_IIP - base" and
// "ri = PT_CR_IPSR.ri".
	.proc where
where:
	alloc loc0 = ar.pfs, 2, 3, 4, 0
	mov loc1 = b0 ;;
	PTRACE 3, in0, 0x838, 0
	sub loc2 = r8, in1 ;;
	DEC "iip", loc2
	PTRACE 3, in0, 0x830, 0
	extr.u loc2 = r8, 41, 2 ;;
	DEC "ri", loc2
	mov ar.pfs = loc0
	mov b0 = loc1 ;;
	br.ret.sptk.many b0 ;;
	.endp where

// fault_fields(): prints the _sigfault fields of the siginfo si_code last read:
// "si_addr" (16 digits), "si_flags", "isr_ei" (ISR bits 42:41) and "isr_code"
// (ISR bits 15:0, hex).
	.proc fault_fields
fault_fields:
	alloc loc0 = ar.pfs, 0, 3, 4, 0
	mov loc1 = b0 ;;
	movl loc2 = siginfo + 16 ;;
	ld8 r14 = [loc2] ;;
	HEX16 "si_addr", r14
	adds r14 = 12, loc2 ;;
	ld4 r14 = [r14] ;;
	DEC "si_flags", r14
	adds r14 = 16, loc2 ;;
	ld8 r14 = [r14] ;;
	extr.u r14 = r14, 41, 2 ;;
	DEC "isr_ei", r14
	adds r14 = 16, loc2 ;;
	ld8 r14 = [r14] ;;
	extr.u r14 = r14, 0, 16 ;;
	HEX "isr_code", r14
	mov ar.pfs = loc0
	mov b0 = loc1 ;;
	br.ret.sptk.many b0 ;;
	.endp fault_fields

// si_code(in0 = pid) -> r8: PTRACE_GETSIGINFO's si_code (or -errno)
	.proc si_code
si_code:
	alloc loc0 = ar.pfs, 1, 2, 4, 0
	mov loc1 = b0 ;;
	movl r14 = siginfo ;;
	PTRACE 0x4202, in0, 0, r14
	cmp.ne p6, p0 = 0, r10 ;;
(p6)	sub r8 = r0, r8
(p6)	br.cond.spnt .Lsc_done ;;
	movl r14 = siginfo + 8 ;;
	ld4 r14 = [r14] ;;
	sxt4 r8 = r14
.Lsc_done:
	mov ar.pfs = loc0
	mov b0 = loc1 ;;
	br.ret.sptk.many b0 ;;
	.endp si_code

// usr2_handler(signo, siginfo, sigcontext): h_code = si_code
	.proc usr2_handler
usr2_handler:
	alloc r2 = ar.pfs, 3, 0, 0, 0
	adds r14 = 8, in1 ;;
	ld4 r14 = [r14]
	movl r15 = h_code ;;
	sxt4 r14 = r14 ;;
	st8 [r15] = r14
	br.ret.sptk.many b0 ;;
	.endp usr2_handler

	.include "ptrace.inc"
	.include "output.inc"
	.include "task.inc"
