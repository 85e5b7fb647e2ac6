// gate.s: the gate page that the guest kernel maps into every process at
// GATE_ADDR (0xa000000000000000, user-executable).  Its raw bytes are
// firmware/gate.bin (tools/rebuild.sh: .text only, so offsets below are
// offsets into the page).  Layout and register contracts: firmware/README.md;
// the offsets are exported as constants by guest-kernel/src/sigframe.rs
// (GATE_*_OFFSET) and checked against this file by guest-kernel/tests/gate.rs.
//
//   0x000  __kernel_syscall_via_break   system call stub (AT_SYSINFO-style)
//   0x100  __kernel_sigtramp            signal trampoline
//
// Written for ia64emu from the behaviour described in rse-spec.md section 7.6
// (which restates Linux/ia64's arch/ia64/kernel/gate.S, signal.c and
// sigcontext.h); the structure offsets come from sigframe.rs.
//
// Assembled with ia64-linux-gnu-as -xexplicit: every stop (;;) is written here.

// ---------------------------------------------------------------------------
// struct sigframe as setup_frame writes it (guest-kernel/src/sigframe.rs).
// On entry to the trampoline sp (r12) = &frame - 16: the 16-byte scratch area
// of the software conventions lies below the frame.  All offsets are from sp.
// ---------------------------------------------------------------------------
FRAME		= 16			// the frame itself
ARG0		= FRAME + 0		// signal number
ARG1		= FRAME + 8		// &frame->info
ARG2		= FRAME + 16		// &frame->sc
HANDLER		= FRAME + 24		// address of the handler's function descriptor
SC		= FRAME + 160		// struct sigcontext (16-byte aligned)
SC_AR_BSP	= SC + 72		// sc_ar_bsp
SC_AR_RNAT	= SC + 80		// sc_ar_rnat
SC_FR6		= SC + 464 + 6 * 16	// sc_fr[6] (16-byte spill images)
SC_RBS_BASE	= SC + 2512		// sc_rbs_base: 0, or the alternate backing store
SC_LOADRS	= SC + 2520		// sc_loadrs

NR_RT_SIGRETURN	= 1181			// 1024 + 157 (syscall.tbl)
BREAK_SYSCALL	= 0x100000

	.text

// ---------------------------------------------------------------------------
// __kernel_syscall_via_break: r15 = system call number, arguments in the
// caller's out0..out7, called with br.call b6 = <this address>.  The stub does
// not allocate a frame, so the kernel's syscall entry sees the caller's
// outputs as its in0..in7.  Returns to b6 with the result in r8 and r10
// (0, or -1 with r8 = errno).  The break is slot 0 of the bundle at the entry
// address, so a syscall restart (IP moved back one slot from slot 1) lands on
// it again.
// ---------------------------------------------------------------------------
	.global __kernel_syscall_via_break
	.type __kernel_syscall_via_break, @function
__kernel_syscall_via_break:
{ .mib
	break BREAK_SYSCALL
	nop.i 0
	br.ret.sptk.many b6 ;;
}
	.size __kernel_syscall_via_break, . - __kernel_syscall_via_break

// ---------------------------------------------------------------------------
// __kernel_sigtramp: entered by the kernel's return to user mode after it
// wrote a struct sigframe at sp + 16.  See README.md for the entry contract.
//
// Register use: r2, r3, r8, r14-r25, p6-p8, b0, b6 (all restored from the
// sigcontext by rt_sigreturn, or scratch in a syscall); f6-f15 are saved in
// sc_fr[6..15] before the handler runs and reloaded from there before
// rt_sigreturn, so a handler may change them through the sigcontext.
// ---------------------------------------------------------------------------
	.org 0x100
	.global __kernel_sigtramp
	.type __kernel_sigtramp, @function
__kernel_sigtramp:
{ .mii
	adds r2 = HANDLER, sp
	adds r3 = SC_RBS_BASE, sp
	nop.i 0 ;;
}
{ .mmb
	ld8 r14 = [r2]			// r14 = handler descriptor address
	ld8 r15 = [r3]			// r15 = sc_rbs_base
	cover ;;			// the interrupted frame (a syscall's, or none) becomes dirty
}
{ .mmi
	mov r16 = ar.bsp		// bsp0: the end of the interrupted register stack
	adds r3 = SC_AR_BSP, sp
	cmp.ne p6, p0 = r15, r0 ;;	// p6: run the handler on the alternate backing store
}
{ .mmi
	st8 [r3] = r16			// sc_ar_bsp = bsp0
(p6)	mov ar.rsc = 0			// enforced lazy: bspstore and rnat may now be moved
	nop.i 0 ;;
}
// Switch the backing store (p6).  The dirty registers stay in the register
// file; mov ar.bspstore re-homes them on the alternate area, where the RSE
// spills them from now on.
{ .mmi
(p6)	mov r17 = ar.rnat		// NaT bits of the partial group below the old bspstore
(p6)	mov r18 = ar.bspstore		// the old bspstore
(p6)	adds r3 = SC_AR_RNAT, sp ;;
}
{ .mmi
(p6)	st8 [r3] = r17			// sc_ar_rnat
(p6)	mov ar.bspstore = r15		// re-home the dirty partition at sc_rbs_base
(p6)	extr.u r19 = r18, 3, 6 ;;	// slot number of the old bspstore
}
{ .mmi
(p6)	mov r20 = ar.bsp		// bsp in the alternate layout
(p6)	adds r3 = SC_LOADRS, sp
(p6)	cmp.eq.unc p7, p0 = 63, r19 ;;	// old bspstore at a NaT collection slot?
}
{ .mmi
(p7)	st8 [r18] = r17			// then its collection word is complete: write it now
(p6)	sub r20 = r20, r15		// bytes of the dirty partition on the alternate area
	nop.i 0 ;;
}
{ .mii
(p6)	invala				// as Linux's trampoline does when it switches stores
(p6)	shl r20 = r20, 16		// ... in the RSC.loadrs position
	nop.i 0 ;;
}
{ .mmi
(p6)	st8 [r3] = r20			// sc_loadrs
(p6)	mov ar.rsc = 0xf		// eager, pl 3
	nop.i 0 ;;
}
// Call the handler: out0 = signal number, out1 = &siginfo, out2 = &sigcontext,
// gp = the descriptor's gp, sp unchanged (its 16-byte scratch area is ours).
{ .mii
	alloc r8 = ar.pfs, 0, 0, 3, 0	// out0..out2 = r32..r34
	adds r2 = ARG0, sp
	adds r3 = ARG1, sp ;;
}
{ .mmi
	ld8 r32 = [r2], ARG2 - ARG0	// out0 = signal number
	ld8 r33 = [r3]			// out1 = &siginfo
	nop.i 0 ;;
}
{ .mmi
	ld8 r34 = [r2]			// out2 = &sigcontext
	ld8 r15 = [r14], 8		// handler entry point
	adds r2 = SC_FR6, sp ;;
}
{ .mmi
	ld8 gp = [r14]			// handler gp
	adds r3 = SC_FR6 + 16, sp
	nop.i 0 ;;
}
{ .mmi
	stf.spill [r2] = f6, 32		// sc_fr[6]
	stf.spill [r3] = f7, 32		// sc_fr[7]
	mov b6 = r15 ;;
}
{ .mmi
	stf.spill [r2] = f8, 32
	stf.spill [r3] = f9, 32
	nop.i 0 ;;
}
{ .mmi
	stf.spill [r2] = f10, 32
	stf.spill [r3] = f11, 32
	nop.i 0 ;;
}
{ .mmi
	stf.spill [r2] = f12, 32
	stf.spill [r3] = f13, 32
	nop.i 0 ;;
}
{ .mmb
	stf.spill [r2] = f14		// sc_fr[14]
	stf.spill [r3] = f15		// sc_fr[15]
	br.call.sptk.many b0 = b6 ;;	// the handler
}
// The handler returns here (b0).
	.global __kernel_sigtramp_ret
__kernel_sigtramp_ret:
{ .mii
	alloc r8 = ar.pfs, 0, 0, 0, 0	// drop our frame: loadrs needs an empty one
	adds r2 = SC_AR_BSP, sp
	nop.i 0 ;;
}
{ .mmi
	ld8 r14 = [r2]			// bsp0
	mov r15 = ar.bsp		// bsp1
	nop.i 0 ;;
}
{ .mib
	nop.m 0
	cmp.ne p6, p0 = r14, r15	// a different backing store: restore the original
(p6)	br.cond.spnt.few .Lrestore_rbs ;;
}
.Lrbs_restored:
{ .mmi
	adds r2 = SC_FR6, sp
	adds r3 = SC_FR6 + 16, sp
	nop.i 0 ;;
}
{ .mmi
	ldf.fill f6 = [r2], 32
	ldf.fill f7 = [r3], 32
	nop.i 0 ;;
}
{ .mmi
	ldf.fill f8 = [r2], 32
	ldf.fill f9 = [r3], 32
	nop.i 0 ;;
}
{ .mmi
	ldf.fill f10 = [r2], 32
	ldf.fill f11 = [r3], 32
	nop.i 0 ;;
}
{ .mmi
	ldf.fill f12 = [r2], 32
	ldf.fill f13 = [r3], 32
	nop.i 0 ;;
}
{ .mmi
	ldf.fill f14 = [r2]
	ldf.fill f15 = [r3]
	mov r15 = NR_RT_SIGRETURN ;;
}
	.global __kernel_sigtramp_sigreturn
__kernel_sigtramp_sigreturn:
{ .mii
	break BREAK_SYSCALL		// rt_sigreturn: never returns here
	nop.i 0
	nop.i 0 ;;
}

// Restore the original backing store.  In: r14 = bsp0 (sc_ar_bsp), r15 = bsp1
// (ar.bsp now, on the alternate area).  The dirty partition that was re-homed
// at sc_rbs_base is sc_loadrs >> 16 bytes below bsp1; loadrs makes exactly
// those registers dirty again, and moving bspstore back to
//	bspstore0 = bsp0 - 8 * (m + q),
//	m = number of registers in [bsp1 - (sc_loadrs >> 16), bsp1)
//	  = s - ((slot(bsp1 - (sc_loadrs >> 16)) + s) >> 6),  s = sc_loadrs >> 19
//	q = NaT collection slots crossed going m registers down from bsp0
//	  = floor((m + 62 - slot(bsp0)) / 63)
// re-homes them below bsp0, where they were before the switch (the usual
// rse_skip_regs(bsp0, -m)).  With x = m + 62 - slot(bsp0), 0 <= x <= 2110
// (RSC.loadrs has 14 bits, so m <= 2048), and floor(x / 63) = (x + (x >> 6)
// + 1) >> 6 holds for every 0 <= x <= 4094, so no division is needed.
.Lrestore_rbs:
{ .mii
	adds r16 = SC_LOADRS, sp
	adds r17 = SC_AR_RNAT, sp
	extr.u r18 = r14, 3, 6 ;;	// slot(bsp0)
}
{ .mmi
	ld8 r16 = [r16]			// sc_loadrs
	ld8 r17 = [r17]			// sc_ar_rnat
	sub r18 = 62, r18 ;;		// 62 - slot(bsp0)
}
{ .mii
	mov ar.rsc = r16		// enforced lazy, pl 0 (raised to 3), loadrs = the dirty bytes
	shr.u r19 = r16, 16		// bytes
	shr.u r20 = r16, 19 ;;		// s: slots
}
{ .mii
	loadrs				// the re-homed registers are the dirty partition again
	sub r19 = r15, r19 ;;		// bspstore1 = bsp1 - bytes
	extr.u r19 = r19, 3, 6 ;;	// slot(bspstore1)
}
{ .mii
	nop.m 0
	add r19 = r19, r20 ;;		// slot(bspstore1) + s
	shr.u r19 = r19, 6 ;;		// collection slots in [bspstore1, bsp1)
}
{ .mii
	nop.m 0
	sub r19 = r20, r19 ;;		// m
	add r18 = r18, r19 ;;		// x = m + 62 - slot(bsp0)
}
{ .mii
	nop.m 0
	shr.u r21 = r18, 6 ;;		// x >> 6
	add r21 = r21, r18 ;;		// x + (x >> 6)
}
{ .mii
	nop.m 0
	adds r21 = 1, r21 ;;
	shr.u r21 = r21, 6 ;;		// q
}
{ .mii
	nop.m 0
	add r21 = r21, r19 ;;		// m + q
	shl r21 = r21, 3 ;;		// bytes
}
{ .mmi
	nop.m 0
	sub r21 = r14, r21		// bspstore0
	nop.i 0 ;;
}
{ .mmi
	mov ar.bspstore = r21 ;;	// back on the original backing store: bsp = bsp0
	mov ar.rnat = r17		// with the NaT bits of its partial group
	nop.i 0 ;;
}
{ .mib
	mov ar.rsc = 0xf		// eager, pl 3 (rt_sigreturn restores sc_ar_rsc)
	nop.i 0
	br.sptk.few .Lrbs_restored ;;
}
	.size __kernel_sigtramp, . - __kernel_sigtramp
