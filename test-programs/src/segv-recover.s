// segv-recover: SIGSEGV and SIGILL handlers that repair the interrupted
// context through the sigcontext and let the program continue.
//
//   1. rt_sigaction installs `handler` for SIGSEGV and SIGILL with
//      SA_SIGINFO. _start keeps eight marker values in stacked registers
//      (its frame: sof 22, sol 14, so CFM = 0x716).
//   2. A load from address 0x10 (no mapping: SEGV_MAPERR) in slot 0 of the
//      bundle at segv_load. The handler prints si_signo, si_code, si_addr,
//      checks that sc_ip (= cr.iip + psr.ri, arch/ia64/kernel/signal.c
//      setup_sigcontext) is segv_load, that IA64_SC_FLAG_IN_SYSCALL is clear
//      and prints sc_cfm; then it sets sc_ip to the bundle recover_load and
//      returns. restore_sigcontext takes cr.iip = sc_ip & ~3 and
//      psr.ri = sc_ip & 3, so execution resumes at recover_load, slot 0.
//   3. The same for a store to address 0x18 (segv_store -> recover_store):
//      SIGSEGV is blocked only while its handler runs, so it is delivered
//      again.
//   4. `break.m 0` in slot 1 of the bundle at ill_bundle, between
//      `mov loc11 = 5` (slot 0, before a stop) and `adds loc11 = 1, loc11`
//      (slot 2). Linux (arch/ia64/kernel/traps.c ia64_bad_break) sends
//      SIGILL with si_code ILL_ILLOPC (1), si_addr = cr.iip + psr.ri (the
//      break's own slot: ill_bundle + 1) and si_imm = the break immediate
//      (0). The handler adds 1 to sc_ip, so execution resumes in slot 2 and
//      loc11 ends as 6.
//   After each recovery _start checks its marker registers.
//
// Expected stdout:
//   rt_sigaction SIGSEGV ok = 1, SIGILL ok = 1
//   load from 0x10
//   handler: signo = 11, si_signo = 11
//   handler: si_code = 1
//   handler: si_addr = 0x0000000000000010
//   handler: sc_flags IN_SYSCALL = 0
//   handler: sc_cfm = 0x0716
//   handler: sc_ip is the faulting bundle, slot 0 = 1
//   recovered from the load, stacked registers intact = 1
//   store to 0x18
//   handler: signo = 11, si_signo = 11
//   handler: si_code = 1
//   handler: si_addr = 0x0000000000000018
//   handler: sc_flags IN_SYSCALL = 0
//   handler: sc_cfm = 0x0716
//   handler: sc_ip is the faulting bundle, slot 0 = 1
//   recovered from the store, stacked registers intact = 1
//   break.m 0
//   handler: signo = 4, si_signo = 4
//   handler: si_code = 1
//   handler: si_addr is slot 1 of the break's bundle = 1
//   handler: si_imm = 0
//   handler: sc_flags IN_SYSCALL = 0
//   handler: sc_cfm = 0x0716
//   handler: sc_ip = si_addr = 1
//   after the break: slot 2 ran, loc11 = 6, stacked registers intact = 1
//   handler runs = 3
// Exit status 0.
//
// Syscalls: write = 1027, rt_sigaction = 1177, exit_group = 1236.
// SIGILL = 4, SIGSEGV = 11, SA_SIGINFO = 4, SEGV_MAPERR = 1, ILL_ILLOPC = 1.
// siginfo: si_signo @0, si_code @8, si_addr @16, si_imm @24 (int; ia64
// _sigfault = { si_addr, si_imm, si_flags, si_isr }). sigcontext:
// sc_flags @0, sc_ip @40, sc_cfm @48.

	.section .rodata
m_act:		.asciz "rt_sigaction SIGSEGV ok = "
m_act2:		.asciz ", SIGILL ok = "
m_load:		.asciz "load from 0x10\n"
m_store:	.asciz "store to 0x18\n"
m_break:	.asciz "break.m 0\n"
m_notreached:	.asciz "not reached\n"
m_rec_load:	.asciz "recovered from the load, stacked registers intact = "
m_rec_store:	.asciz "recovered from the store, stacked registers intact = "
m_after_brk:	.asciz "after the break: slot 2 ran, loc11 = "
m_intact:	.asciz ", stacked registers intact = "
m_runs:		.asciz "handler runs = "
m_h_sig:	.asciz "handler: signo = "
m_h_sisig:	.asciz ", si_signo = "
m_h_code:	.asciz "handler: si_code = "
m_h_addr:	.asciz "handler: si_addr = "
m_h_slot1:	.asciz "handler: si_addr is slot 1 of the break's bundle = "
m_h_imm:	.asciz "handler: si_imm = "
m_h_insys:	.asciz "handler: sc_flags IN_SYSCALL = "
m_h_cfm:	.asciz "handler: sc_cfm = "
m_h_ip:		.asciz "handler: sc_ip is the faulting bundle, slot 0 = "
m_h_ipill:	.asciz "handler: sc_ip = si_addr = "

	.data
	.align 8
handler_fd:				// function descriptor: entry, gp
	data8 handler, 0

	.bss
	.align 8
runs:	.skip 8

	.text
	.global _start
	.proc _start
_start:
	alloc loc0 = ar.pfs, 0, 14, 8, 0	// sof 22, sol 14: CFM 0x716
	mov out0 = 11				// SIGSEGV
	movl out1 = handler_fd
	mov out2 = 4 ;;				// SA_SIGINFO
	br.call.sptk.many b0 = sig_install ;;
	cmp.eq p6, p7 = 0, r10 ;;
(p6)	mov loc1 = 1
(p7)	mov loc1 = 0
	mov out0 = 4				// SIGILL
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
	movl loc2 = 0x5a5a2222			// markers: 0x5a5a0000 + k * 0x1111
	movl loc3 = 0x5a5a3333
	movl loc4 = 0x5a5a4444
	movl loc5 = 0x5a5a5555
	movl loc6 = 0x5a5a6666
	movl loc7 = 0x5a5a7777
	movl loc8 = 0x5a5a8888
	movl loc9 = 0x5a5a9999 ;;

	// --- a load fault ----------------------------------------------------
	movl out0 = m_load ;;
	br.call.sptk.many b0 = print_str ;;
	mov r14 = 0x10 ;;
	.global segv_load
segv_load:
	{ .mmi
	  ld8 loc10 = [r14]			// faults: nothing is mapped at 0x10
	  nop.m 0
	  nop.i 0 ;;
	}
	movl out0 = m_notreached ;;
	br.call.sptk.many b0 = print_str ;;
	.global recover_load
recover_load:
	{ .mii
	  nop.m 0
	  nop.i 0
	  nop.i 0 ;;
	}
	mov out0 = loc2
	mov out1 = loc3
	mov out2 = loc4
	mov out3 = loc5
	mov out4 = loc6
	mov out5 = loc7
	mov out6 = loc8
	mov out7 = loc9
	br.call.sptk.many b0 = markers_ok ;;
	mov out1 = r8
	movl out0 = m_rec_load
	mov out2 = 0
	mov out3 = 0 ;;
	br.call.sptk.many b0 = report ;;

	// --- a store fault ---------------------------------------------------
	movl out0 = m_store ;;
	br.call.sptk.many b0 = print_str ;;
	mov r14 = 0x18 ;;
	.global segv_store
segv_store:
	{ .mmi
	  st8 [r14] = loc2			// faults: nothing is mapped at 0x18
	  nop.m 0
	  nop.i 0 ;;
	}
	movl out0 = m_notreached ;;
	br.call.sptk.many b0 = print_str ;;
	.global recover_store
recover_store:
	{ .mii
	  nop.m 0
	  nop.i 0
	  nop.i 0 ;;
	}
	mov out0 = loc2
	mov out1 = loc3
	mov out2 = loc4
	mov out3 = loc5
	mov out4 = loc6
	mov out5 = loc7
	mov out6 = loc8
	mov out7 = loc9
	br.call.sptk.many b0 = markers_ok ;;
	mov out1 = r8
	movl out0 = m_rec_store
	mov out2 = 0
	mov out3 = 0 ;;
	br.call.sptk.many b0 = report ;;

	// --- break.m 0 in slot 1 -----------------------------------------------
	movl out0 = m_break ;;
	br.call.sptk.many b0 = print_str ;;
	.global ill_bundle
ill_bundle:
	{ .mmi
	  mov loc11 = 5 ;;			// slot 0, its own instruction group
	  break.m 0				// slot 1: SIGILL, ILL_ILLOPC
	  adds loc11 = 1, loc11 ;;		// slot 2: where the handler resumes
	}
	mov out0 = loc2
	mov out1 = loc3
	mov out2 = loc4
	mov out3 = loc5
	mov out4 = loc6
	mov out5 = loc7
	mov out6 = loc8
	mov out7 = loc9
	br.call.sptk.many b0 = markers_ok ;;
	mov out3 = r8
	mov out1 = loc11
	movl out0 = m_after_brk
	movl out2 = m_intact ;;
	br.call.sptk.many b0 = report ;;
	movl r14 = runs ;;
	ld8 out1 = [r14]
	movl out0 = m_runs
	mov out2 = 0
	mov out3 = 0 ;;
	br.call.sptk.many b0 = report ;;
	mov out0 = 0
	br.call.sptk.many b0 = exit_group ;;

	.endp _start

// markers_ok(in0..in7) -> r8 = 1 if in_j = 0x5a5a0000 + (j + 2) * 0x1111
	.proc markers_ok
markers_ok:
	alloc r2 = ar.pfs, 8, 0, 0, 0
	movl r14 = 0x5a5a2222
	movl r15 = 0x5a5a3333
	movl r16 = 0x5a5a4444
	movl r17 = 0x5a5a5555 ;;
	xor r14 = r14, in0
	xor r15 = r15, in1
	xor r16 = r16, in2
	xor r17 = r17, in3 ;;
	or r14 = r14, r15
	or r16 = r16, r17 ;;
	or r18 = r14, r16
	movl r14 = 0x5a5a6666
	movl r15 = 0x5a5a7777
	movl r16 = 0x5a5a8888
	movl r17 = 0x5a5a9999 ;;
	xor r14 = r14, in4
	xor r15 = r15, in5
	xor r16 = r16, in6
	xor r17 = r17, in7 ;;
	or r14 = r14, r15
	or r16 = r16, r17 ;;
	or r14 = r14, r16 ;;
	or r18 = r18, r14 ;;
	cmp.eq p6, p7 = 0, r18 ;;
(p6)	mov r8 = 1
(p7)	mov r8 = 0
	br.ret.sptk.many b0 ;;
	.endp markers_ok

// handler(in0 = signo, in1 = siginfo *, in2 = sigcontext *)
	.proc handler
handler:
	alloc loc0 = ar.pfs, 3, 4, 4, 0
	mov loc1 = b0
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
	adds r14 = 16, in1 ;;
	ld8 loc2 = [r14]			// si_addr
	cmp.eq p6, p0 = 4, in0
(p6)	br.cond.dpnt .Lh_ill ;;

	// SIGSEGV: si_addr is the data address
	mov out1 = loc2
	movl out0 = m_h_addr
	mov out2 = 16 ;;
	br.call.sptk.many b0 = report_hex ;;
	mov out0 = in2
	br.call.sptk.many b0 = sc_common ;;
	adds loc3 = 40, in2 ;;			// &sc_ip
	ld8 r14 = [loc3]
	movl r15 = segv_load
	movl r16 = segv_store ;;
	cmp.eq p6, p0 = r14, r15		// sc_ip -> where to resume
	cmp.eq p7, p0 = r14, r16
	mov out1 = 0 ;;
(p6)	movl r14 = recover_load
(p6)	mov out1 = 1 ;;
(p7)	movl r14 = recover_store
(p7)	mov out1 = 1 ;;
	st8 [loc3] = r14			// the new sc_ip: slot 0 of a recovery bundle
	movl out0 = m_h_ip
	mov out2 = 0
	mov out3 = 0 ;;
	br.call.sptk.many b0 = report ;;
	br.cond.sptk.few .Lh_done ;;

.Lh_ill:					// SIGILL from break.m 0: si_addr is the slot
	movl r14 = ill_bundle + 1 ;;
	cmp.eq p6, p7 = r14, loc2 ;;
(p6)	mov out1 = 1
(p7)	mov out1 = 0
	movl out0 = m_h_slot1
	mov out2 = 0
	mov out3 = 0 ;;
	br.call.sptk.many b0 = report ;;
	adds r14 = 24, in1 ;;
	ld4 out1 = [r14]			// si_imm
	movl out0 = m_h_imm
	mov out2 = 0
	mov out3 = 0 ;;
	br.call.sptk.many b0 = report ;;
	mov out0 = in2
	br.call.sptk.many b0 = sc_common ;;
	adds loc3 = 40, in2 ;;			// &sc_ip
	ld8 r14 = [loc3] ;;
	cmp.eq p6, p7 = r14, loc2
	adds r14 = 1, r14 ;;			// the next slot (the break is in slot 1)
	st8 [loc3] = r14
(p6)	mov out1 = 1
(p7)	mov out1 = 0
	movl out0 = m_h_ipill
	mov out2 = 0
	mov out3 = 0 ;;
	br.call.sptk.many b0 = report ;;
.Lh_done:
	movl r14 = runs ;;
	ld8 r15 = [r14] ;;
	adds r15 = 1, r15 ;;
	st8 [r14] = r15
	mov ar.pfs = loc0
	mov b0 = loc1 ;;
	br.ret.sptk.many b0 ;;
	.endp handler

// sc_common(in0 = sigcontext *): prints IA64_SC_FLAG_IN_SYSCALL and sc_cfm
	.proc sc_common
sc_common:
	alloc loc0 = ar.pfs, 1, 2, 4, 0
	mov loc1 = b0
	ld8 r14 = [in0] ;;			// sc_flags
	extr.u out1 = r14, 1, 1
	movl out0 = m_h_insys
	mov out2 = 0
	mov out3 = 0 ;;
	br.call.sptk.many b0 = report ;;
	adds r14 = 48, in0 ;;			// sc_cfm
	ld8 out1 = [r14]
	movl out0 = m_h_cfm
	mov out2 = 4 ;;
	br.call.sptk.many b0 = report_hex ;;
	mov ar.pfs = loc0
	mov b0 = loc1 ;;
	br.ret.sptk.many b0 ;;
	.endp sc_common

	.include "output.inc"
	.include "task.inc"
