// pt-regs: the register view of a stopped tracee: PEEKUSER at the
// Linux/ia64 user-area offsets against PTRACE_GETREGS (struct
// pt_all_user_regs), both poisoned with 0xff and with 0x00 first (LTP
// ptrace04), known values the child put in preserved registers, POKEUSER
// and SETREGS changes the child then sees, and the PT_AR_RSC and
// PT_CR_IPSR rules. Output lines "label = N" (hex: "label = 0x%08x" or 16
// digits); the host test guest-kernel/tests/ptrace.rs (ptrace_registers)
// checks them.
//
//   C: PTRACE_TRACEME; r4..r7 = 0x4444444444444444 .. 0x7777777777777777,
//   f2 = setf.sig 0x0123456789abcdef, f16 = setf.sig 0xfedcba9876543210,
//   ar.lc = 0x1234, b1 = 0x1111222233334444 (all preserved across system
//   calls); kill(getpid(), SIGSTOP); after the parent resumes it, prints r5
//   and r6 and exits 0.
//   The parent at the SIGSTOP stop: PEEKUSER of those registers (a
//   floating-point register is 16 bytes, the stf.spill format: significand,
//   then sign and 17-bit exponent, 0x1003e for setf.sig); PT_CR_IPSR
//   outside IPSR_MASK (0: arch/ia64/kernel/ptrace.c returns cr_ipsr &
//   IPSR_MASK = be up ac mfl mfh db is id dd ri); GETREGS into a buffer
//   filled with 0xff: the number of PEEKUSER/GETREGS pairs compared
//   (pairs table below), how many differ and the first PEEKUSER offset that
//   does, the words GETREGS put at gr[4], fr[2] (offset 1392: struct
//   ia64_fpreg is 16-byte aligned, so fr[] follows ar[] after 8 bytes of
//   padding and the struct is 3440 bytes), ar[65] (lc), br[1], and that the
//   word at 3440 is untouched; the same with 0x00 poison; POKEUSER r5 =
//   0x5a5a5a5a5a5a5a5a; SETREGS with gr[6] = 0x6b6b6b6b6b6b6b6b (the rest
//   as GETREGS gave it); POKEUSER PT_AR_RSC 0 reads back 0xc (privilege
//   level forced to 3), then the old value is restored; CONT; exit 0.
// Exit status 0.
//
// Offsets (arch/ia64/include/uapi/asm/ptrace_offsets.h; struct
// pt_all_user_regs in arch/ia64/include/uapi/asm/ptrace.h: nat 0, cr_iip 8,
// cfm 16, cr_ipsr 24, pr 32, gr[32] 40, br[8] 296, ar[128] 360, fr[128]
// 1392): see the table `pairs`. Requests PEEKUSR 3, POKEUSR 6, CONT 7,
// GETREGS 18, SETREGS 19.

	.include "ptrace-macros.inc"

	.data
	.align 8
// (PEEKUSER offset, GETREGS byte offset) pairs, ended by -1
pairs:
	data8 0x600, 0				// PT_NAT_BITS  nat
	data8 0x838, 8				// PT_CR_IIP    cr_iip
	data8 0x840, 16				// PT_CFM       cfm
	data8 0x830, 24				// PT_CR_IPSR   cr_ipsr
	data8 0x870, 32				// PT_PR        pr
	data8 0x888, 48, 0x890, 56, 0x898, 64	// PT_R1..R3    gr[1..3]
	data8 0x7b0, 72, 0x7b8, 80, 0x7c0, 88, 0x7c8, 96	// PT_R4..R7
	data8 0x8c0, 104, 0x8c8, 112, 0x8d0, 120, 0x8d8, 128	// PT_R8..R11
	data8 0x8a0, 136, 0x8a8, 144, 0x8b0, 152, 0x8b8, 160	// PT_R12..R15
	data8 0x8e0, 168, 0x8e8, 176, 0x8f0, 184, 0x8f8, 192	// PT_R16..R19
	data8 0x900, 200, 0x908, 208, 0x910, 216, 0x918, 224	// PT_R20..R23
	data8 0x920, 232, 0x928, 240, 0x930, 248, 0x938, 256	// PT_R24..R27
	data8 0x940, 264, 0x948, 272, 0x950, 280, 0x958, 288	// PT_R28..R31
	data8 0x970, 296			// PT_B0        br[0]
	data8 0x7d8, 304, 0x7e0, 312, 0x7e8, 320, 0x7f0, 328, 0x7f8, 336	// PT_B1..B5
	data8 0x878, 344			// PT_B6
	data8 0x978, 352			// PT_B7
	data8 0x858, 488			// PT_AR_RSC      ar[16]
	data8 0x880, 496			// PT_AR_BSP      ar[17]
	data8 0x868, 504			// PT_AR_BSPSTORE ar[18]
	data8 0x860, 512			// PT_AR_RNAT     ar[19]
	data8 0x9c0, 560			// PT_AR_CSD      ar[25]
	data8 0x9c8, 568			// PT_AR_SSD      ar[26]
	data8 0x960, 616			// PT_AR_CCV      ar[32]
	data8 0x848, 648			// PT_AR_UNAT     ar[36]
	data8 0x968, 680			// PT_AR_FPSR     ar[40]
	data8 0x850, 872			// PT_AR_PFS      ar[64]
	data8 0x808, 880			// PT_AR_LC       ar[65]
	data8 0x800, 888			// PT_AR_EC       ar[66]
	data8 0x610, 1424, 0x618, 1432		// PT_F2          fr[2]
	data8 0x640, 1472, 0x648, 1480		// PT_F5          fr[5]
	data8 0x980, 1488, 0x988, 1496		// PT_F6          fr[6]
	data8 0x9b0, 1536, 0x9b8, 1544		// PT_F9          fr[9]
	data8 0x650, 1552, 0x658, 1560		// PT_F10         fr[10]
	data8 0x6b0, 1648, 0x6b8, 1656		// PT_F16         fr[16]
	data8 0x7a0, 1888, 0x7a8, 1896		// PT_F31         fr[31]
	data8 0x000, 1904, 0x008, 1912		// PT_F32         fr[32]
	data8 0x5f0, 3424, 0x5f8, 3432		// PT_F127        fr[127]
	data8 -1

	.bss
	.align 16
regsbuf:	.skip 3456

	.text
	.global _start
	.proc _start
_start:
	alloc loc0 = ar.pfs, 0, 16, 6, 0 ;;
	movl loc6 = regsbuf ;;
	br.call.sptk.many b0 = fork ;;
	cmp.eq p6, p0 = 0, r8
(p6)	br.cond.spnt .Lchild ;;
	mov loc2 = r8
	mov out0 = r8
	mov out1 = 0
	br.call.sptk.many b0 = wstat ;;
	HEX "stop", r8
	PTRACE 3, loc2, 0x7b0, 0
	HEX16 "peek_r4", r8
	PTRACE 3, loc2, 0x7b8, 0
	HEX16 "peek_r5", r8
	PTRACE 3, loc2, 0x7c0, 0
	HEX16 "peek_r6", r8
	PTRACE 3, loc2, 0x7c8, 0
	HEX16 "peek_r7", r8
	PTRACE 3, loc2, 0x610, 0
	HEX16 "peek_f2_lo", r8
	PTRACE 3, loc2, 0x618, 0
	HEX16 "peek_f2_hi", r8
	PTRACE 3, loc2, 0x6b0, 0
	HEX16 "peek_f16_lo", r8
	PTRACE 3, loc2, 0x6b8, 0
	HEX16 "peek_f16_hi", r8
	PTRACE 3, loc2, 0x808, 0
	HEX16 "peek_lc", r8
	PTRACE 3, loc2, 0x7d8, 0
	HEX16 "peek_b1", r8
	PTRACE 3, loc2, 0x830, 0
	movl r14 = ~((0x3f << 1) | (1 << 24) | (1 << 34) | (1 << 37) | (1 << 39) | (3 << 41)) ;;
	and r14 = r8, r14 ;;
	HEX16 "ipsr_outside_mask", r14

	// GETREGS over 0xff, then over 0x00
	mov loc3 = -1
	mov loc4 = 0 ;;
.Lpoison:
	mov r14 = loc6
	mov r15 = 432 ;;			// 3456 / 8 words
.Lfill:
	st8 [r14] = loc3, 8
	adds r15 = -1, r15 ;;
	cmp.ne p6, p0 = 0, r15
(p6)	br.cond.dptk .Lfill ;;
	PTRACE 18, loc2, 0, loc6
	RES "getregs"
	mov out0 = loc2
	br.call.sptk.many b0 = compare ;;
	mov loc5 = r9
	DEC "compared", r8
	DEC "mismatches", loc5
	movl r14 = first_mismatch ;;
	ld8 r14 = [r14] ;;
	HEX "first_mismatch", r14
	adds r14 = 72, loc6 ;;
	ld8 r14 = [r14] ;;
	HEX16 "getregs_r4", r14
	adds r14 = 1424, loc6 ;;
	ld8 r14 = [r14] ;;
	HEX16 "getregs_f2_lo", r14
	adds r14 = 1432, loc6 ;;
	ld8 r14 = [r14] ;;
	HEX16 "getregs_f2_hi", r14
	adds r14 = 880, loc6 ;;
	ld8 r14 = [r14] ;;
	HEX16 "getregs_lc", r14
	adds r14 = 304, loc6 ;;
	ld8 r14 = [r14] ;;
	HEX16 "getregs_b1", r14
	movl r14 = regsbuf + 3440 ;;
	ld8 r14 = [r14] ;;
	HEX16 "past_3440", r14
	cmp.ne p6, p0 = 0, loc4
	mov loc3 = 0
	mov loc4 = 1
(p6)	br.cond.spnt .Lpoked ;;
	br.cond.sptk .Lpoison ;;

.Lpoked:
	movl r14 = 0x5a5a5a5a5a5a5a5a ;;
	PTRACE 6, loc2, 0x7b8, r14		// POKEUSR PT_R5
	RES "poke_r5"
	PTRACE 3, loc2, 0x7b8, 0
	HEX16 "peek_r5_after", r8
	PTRACE 18, loc2, 0, loc6
	movl r14 = 0x6b6b6b6b6b6b6b6b
	adds r15 = 88, loc6 ;;			// gr[6]
	st8 [r15] = r14
	PTRACE 19, loc2, 0, loc6		// SETREGS
	RES "setregs"
	PTRACE 3, loc2, 0x7c0, 0
	HEX16 "peek_r6_after", r8
	PTRACE 3, loc2, 0x7c8, 0
	HEX16 "peek_r7_after", r8
	PTRACE 3, loc2, 0x858, 0		// PT_AR_RSC
	mov loc7 = r8
	PTRACE 6, loc2, 0x858, 0
	RES "poke_rsc"
	PTRACE 3, loc2, 0x858, 0
	HEX "rsc_after_poke_0", r8
	PTRACE 6, loc2, 0x858, loc7
	PTRACE 7, loc2, 0, 0
	mov out0 = loc2
	mov out1 = 0
	br.call.sptk.many b0 = wstat ;;
	HEX "exit", r8
	mov out0 = 0
	br.call.sptk.many b0 = exit_group ;;

.Lchild:
	PTRACE 0, 0, 0, 0
	movl r4 = 0x4444444444444444
	movl r5 = 0x5555555555555555 ;;
	movl r6 = 0x6666666666666666
	movl r7 = 0x7777777777777777 ;;
	movl r14 = 0x0123456789abcdef
	movl r15 = 0xfedcba9876543210 ;;
	setf.sig f2 = r14
	setf.sig f16 = r15
	mov r14 = 0x1234 ;;
	mov ar.lc = r14
	movl r14 = 0x1111222233334444 ;;
	mov b1 = r14
	SYS 1041
	SYS 1053, r8, 19			// kill(getpid(), SIGSTOP)
	HEX16 "child_r5", r5
	HEX16 "child_r6", r6
	mov out0 = 0
	br.call.sptk.many b0 = exit_group ;;
	.endp _start

// compare(in0 = pid) -> r8 = pairs compared, r9 = pairs that differ;
// first_mismatch = the first differing PEEKUSER offset (0: none). A failed
// PEEKUSER counts as a difference.
	.proc compare
compare:
	alloc loc0 = ar.pfs, 1, 8, 4, 0
	mov loc1 = b0
	movl loc2 = pairs
	mov loc3 = 0				// compared
	mov loc4 = 0				// differ
	movl r14 = first_mismatch ;;
	st8 [r14] = r0
.Lcm_loop:
	ld8 loc5 = [loc2], 8 ;;			// PEEKUSER offset
	cmp.eq p6, p0 = -1, loc5
(p6)	br.cond.spnt .Lcm_done ;;
	ld8 loc6 = [loc2], 8			// GETREGS offset
	PTRACE 3, in0, loc5, 0
	movl r14 = regsbuf ;;
	add r14 = r14, loc6 ;;
	ld8 r14 = [r14]
	adds loc3 = 1, loc3 ;;
	cmp.ne p6, p0 = r14, r8 ;;
	cmp.ne.or p6, p0 = 0, r10 ;;
(p6)	adds loc4 = 1, loc4
(p6)	movl r15 = first_mismatch ;;
(p6)	ld8 r16 = [r15] ;;
(p6)	cmp.eq.unc p7, p0 = 0, r16 ;;
(p7)	st8 [r15] = loc5
	br.cond.sptk .Lcm_loop ;;
.Lcm_done:
	mov r8 = loc3
	mov r9 = loc4
	mov ar.pfs = loc0
	mov b0 = loc1 ;;
	br.ret.sptk.many b0 ;;
	.endp compare

	.bss
	.align 8
first_mismatch:	.skip 8
	.text

	.include "ptrace.inc"
	.include "output.inc"
	.include "task.inc"
