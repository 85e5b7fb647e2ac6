// coh-nat: NaT bits of stacked registers on both sides of NaT collection
// slots, and system calls that write the user register backing store, for
// the RSE coherence harness (rse-spec.md sections 2.1, 9.2 and 9.4, points
// 4 and 5). The register stack runs in enforced lazy mode (ar.rsc = 0xc),
// so registers reach memory only by mandatory spills and `flushrs`, and
// every address below is fixed by the frame sizes (the backing store starts
// at rbs = 0x6000080000000000, slot 0, for the first process).
//
// Usage: coh-nat MODE (first character of argv[1]; default n)
//
//   n  NaT round trip. Two system calls (getpid), each the first of its
//      layout; the results are printed only after both, so the stops at
//      the two calls are the first two syscall stops of the run.
//
//      Layout 1 (_start -> fb -> fp -> sysn -> getpid):
//        _start  alloc 0,8,8   bof rbs          (slots 0..7 of group 0)
//        fb      alloc 0,60,8  bof rbs + 0x40   (r32 at slot 8)
//        fp      alloc 0,70,8  bof rbs + 0x228  (r32 at slot 5 of group 1)
//        sysn    alloc 7,3,6   bof rbs + 0x460  (r32 at slot 12 of group 2)
//      fp executes flushrs first, so at the syscall everything below
//      rbs + 0x228 is in memory (the collection word of group 0, at
//      rbs + 0x1f8, included) and fp's 70 locals are the dirty partition:
//      pt.ar_bspstore = rbs + 0x228, PT_AR_BSP = rbs + 0x4e0 (sysn's frame,
//      16 registers, ends at slot 28 of group 2).
//        B  = fb r82   rbs + 0x1d0  NaT (ld8.s [0])   collection rbs + 0x1f8 (memory)
//        B2 = fb r83   rbs + 0x1d8  0xb2b2b2b2b2b2b2b2
//        A  = fp r82   rbs + 0x3b8  NaT               collection rbs + 0x3f8 (< PT_AR_BSP)
//        A2 = fp r83   rbs + 0x3c0  0xa2a2a2a2a2a2a2a2
//        D  = fp r92   rbs + 0x410  NaT               partial group: collection rbs + 0x5f8
//        E  = sysn r40 rbs + 0x4a0  NaT               partial group (the syscall's own frame)
//      A's frame crosses the collection slot rbs + 0x3f8.
//
//      Layout 2 (_start -> fr -> sysf -> getpid):
//        fr      alloc 0,10,8  bof rbs + 0x40
//        sysf    alloc 1,7,6   bof rbs + 0x90   (executes flushrs first)
//      pt.ar_bspstore = rbs + 0x90, PT_AR_BSP = rbs + 0x100: the partial
//      group is group 0, and the NaT bits of its slots below rbs + 0x90 are
//      in the user's RNAT at the entry (pt.ar_rnat, PT_AR_RNAT).
//        C  = fr r37   rbs + 0x68   NaT
//        C2 = fr r38   rbs + 0x70   0xc2c2c2c2c2c2c2c2
//
//      Output: one line per register as its procedure sees it after the
//      system call returned, tested with tnat: "NAME = NaT" or
//      "NAME = 0x<16 hex digits>", in the order B, B2, A, A2, D, E, C, C2:
//        B = NaT
//        B2 = 0xb2b2b2b2b2b2b2b2
//        A = NaT
//        A2 = 0xa2a2a2a2a2a2a2a2
//        D = NaT
//        E = NaT
//        C = NaT
//        C2 = 0xc2c2c2c2c2c2c2c2
//
//   r  Stop, reload, stop: system calls that write the user backing store.
//      _start -> fh -> fp2. fh keeps Y = 0x1111111111111111 in r33 and
//      passes its address (rse_skip(bof(fh), 1)) to fp2, which keeps
//      X = 0x2222222222222222 in r34, computes X's address
//      (rse_skip(bof(fp2), 2)), executes flushrs (fh is then in memory,
//      below pt.ar_bspstore; fp2's own frame is the syscall frame, in the
//      kernel backing store during its system calls) and calls, from its own
//      frame:
//        1. rt_sigprocmask(SIG_SETMASK, &m1, NULL, 8)       m1 = 0xa01
//        2. rt_sigprocmask(SIG_SETMASK, &m2, &X's home, 8)  writes m1 there
//        3. rt_sigprocmask(SIG_SETMASK, &m0, &Y's home, 8)  writes m2 there
//      (m2 = 0x5004, m0 = 0). Call 2 writes user memory that is not X's
//      true copy: X keeps its value. Call 3 writes Y's only copy: Y
//      becomes m2, as fh sees it when fp2 returns. Output:
//        X = 0x2222222222222222
//        Y = 0x0000000000005004
//
// Exit status 0 in both modes.
//
// Frame convention of the coherence harness (as in coh-stack): every
// procedure saves ar.pfs with `alloc rL = ar.pfs, ...` in its LAST local
// register, and b0 (when it calls) in its first local after the inputs.
//
// Syscalls (1024 + arch/ia64/kernel/syscalls/syscall.tbl): write 1027,
// getpid 1041, rt_sigprocmask 1179, exit_group 1236. SIG_SETMASK = 2.
// ld8.s from address 0 (unmapped) defers its fault: the target is NaT.

	.section .rodata
n_b:		.asciz "B"
n_b2:		.asciz "B2"
n_a:		.asciz "A"
n_a2:		.asciz "A2"
n_d:		.asciz "D"
n_e:		.asciz "E"
n_c:		.asciz "C"
n_c2:		.asciz "C2"
n_x:		.asciz "X"
n_y:		.asciz "Y"
m_eq:		.asciz " = "
m_nat:		.asciz "NaT"
m_nl:		.asciz "\n"
hexdig:		.ascii "0123456789abcdef"

	.data
	.align 8
mask0:		data8 0
mask1:		data8 0xa01
mask2:		data8 0x5004
// {name, record} pairs; a record is {nat flag, value (0 when NaT)}.
show_n:		data8 n_b, res_b, n_b2, res_b2, n_a, res_a, n_a2, res_a2
		data8 n_d, res_d, n_e, res_e, n_c, res_c, n_c2, res_c2
show_r:		data8 n_x, res_x, n_y, res_y

	.bss
	.align 8
res_b:		.skip 16
res_b2:		.skip 16
res_a:		.skip 16
res_a2:		.skip 16
res_d:		.skip 16
res_e:		.skip 16
res_c:		.skip 16
res_c2:		.skip 16
res_x:		.skip 16
res_y:		.skip 16
numbuf:		.skip 32

// record REG, ADDR: store {tnat(REG), REG or 0} at ADDR (r14, r16, r17,
// p6, p7 clobbered). A NaT register is never stored (that would consume it).
	.macro record reg, addr
	movl r14 = \addr
	tnat.nz p6, p7 = \reg ;;
(p6)	mov r16 = 1
(p7)	mov r16 = 0
(p6)	mov r17 = 0
(p7)	mov r17 = \reg ;;
	st8 [r14] = r16, 8 ;;
	st8 [r14] = r17
	.endm

	.text
	.global _start
	.proc _start
_start:
	alloc r39 = ar.pfs, 0, 8, 8, 0		// sol 8: r32..r39, out r40..r47
	adds r14 = 16, r12
	adds r33 = 24, r12			// &argv[0]
	mov r34 = 0x6e ;;			// mode: 'n' by default
	ld8 r32 = [r14]				// argc
	adds r15 = 8, r33 ;;
	cmp.lt p6, p0 = 1, r32 ;;
(p6)	ld8 r15 = [r15] ;;
(p6)	ld1 r34 = [r15]
	mov r16 = 0xc ;;
	mov ar.rsc = r16			// enforced lazy, pl 3
	cmp.eq p6, p0 = 0x72, r34 ;;		// 'r'
(p6)	br.cond.dpnt .Lmode_r ;;
	br.call.sptk.many b0 = fb ;;		// layout 1
	br.call.sptk.many b0 = fr ;;		// layout 2
	movl r40 = show_n
	mov r41 = 8
	br.call.sptk.many b0 = show ;;
	br.cond.sptk .Lexit ;;
.Lmode_r:
	br.call.sptk.many b0 = fh ;;
	movl r40 = show_r
	mov r41 = 2
	br.call.sptk.many b0 = show ;;
.Lexit:
	mov r40 = 0
	mov r15 = 1236 ;;			// exit_group(0)
	break.m 0x100000 ;;
	.endp _start

// Layout 1.
	.proc fb
fb:
	alloc r91 = ar.pfs, 0, 60, 8, 0 ;;	// sol 60: r32..r91, out r92..r99
	mov r32 = b0
	ld8.s r82 = [r0]			// B: NaT
	movl r83 = 0xb2b2b2b2b2b2b2b2 ;;	// B2
	br.call.sptk.many b0 = fp ;;
	record r82, res_b ;;
	record r83, res_b2 ;;
	mov ar.pfs = r91
	mov b0 = r32 ;;
	br.ret.sptk.many b0 ;;
	.endp fb

	.proc fp
fp:
	alloc r101 = ar.pfs, 0, 70, 8, 0 ;;	// sol 70: r32..r101, out r102..r109
	flushrs ;;				// everything below this frame to memory
	mov r32 = b0
	ld8.s r82 = [r0]			// A: NaT
	movl r83 = 0xa2a2a2a2a2a2a2a2		// A2
	ld8.s r92 = [r0]			// D: NaT
	mov r102 = 1041 ;;			// getpid
	br.call.sptk.many b0 = sysn ;;
	record r82, res_a ;;
	record r83, res_a2 ;;
	record r92, res_d ;;
	mov ar.pfs = r101
	mov b0 = r32 ;;
	br.ret.sptk.many b0 ;;
	.endp fp

// sysn(in0 = number, in1..in6 = arguments): the system call with the
// arguments in out0..out5 = r42..r47; r40 is a NaT local (E).
	.proc sysn
sysn:
	alloc r41 = ar.pfs, 7, 3, 6, 0 ;;	// in r32..r38, locals r39..r41, out r42..r47
	ld8.s r40 = [r0]			// E: NaT
	mov r15 = r32
	mov r42 = r33
	mov r43 = r34
	mov r44 = r35
	mov r45 = r36
	mov r46 = r37
	mov r47 = r38 ;;
	break.m 0x100000 ;;
	record r40, res_e ;;
	mov ar.pfs = r41 ;;
	br.ret.sptk.many b0 ;;
	.endp sysn

// Layout 2.
	.proc fr
fr:
	alloc r41 = ar.pfs, 0, 10, 8, 0 ;;	// sol 10: r32..r41, out r42..r49
	mov r32 = b0
	ld8.s r37 = [r0]			// C: NaT
	movl r38 = 0xc2c2c2c2c2c2c2c2		// C2
	mov r42 = 1041 ;;			// getpid
	br.call.sptk.many b0 = sysf ;;
	record r37, res_c ;;
	record r38, res_c2 ;;
	mov ar.pfs = r41
	mov b0 = r32 ;;
	br.ret.sptk.many b0 ;;
	.endp fr

// sysf(in0 = number): flushrs, then the system call from this frame.
	.proc sysf
sysf:
	alloc r39 = ar.pfs, 1, 7, 6, 0 ;;	// sol 8: r32..r39, out r40..r45
	flushrs ;;
	mov r15 = r32 ;;
	break.m 0x100000 ;;
	mov ar.pfs = r39 ;;
	br.ret.sptk.many b0 ;;
	.endp sysf

// Mode r.
	.proc fh
fh:
	alloc r37 = ar.pfs, 0, 6, 2, 0 ;;	// sol 6: r32..r37, out r38, r39
	mov r32 = b0
	movl r33 = 0x1111111111111111		// Y
	mov r38 = ar.bsp			// bof(fh)
	mov r39 = 1 ;;				// Y = r33: index 1
	br.call.sptk.many b0 = rse_skip ;;
	mov r34 = r8
	mov r38 = r8				// fp2(&Y's home)
	br.call.sptk.many b0 = fp2 ;;
	record r33, res_y ;;
	mov ar.pfs = r37
	mov b0 = r32 ;;
	br.ret.sptk.many b0 ;;
	.endp fh

	.proc fp2
fp2:
	alloc r41 = ar.pfs, 1, 9, 6, 0 ;;	// in r32 = &Y's home; locals r33..r41; out r42..r47
	mov r33 = b0
	movl r34 = 0x2222222222222222		// X
	mov r42 = ar.bsp			// bof(fp2)
	mov r43 = 2 ;;				// X = r34: index 2
	br.call.sptk.many b0 = rse_skip ;;
	mov r35 = r8 ;;				// &X's home
	flushrs ;;				// fh and _start to memory
	mov r15 = 1179				// 1. rt_sigprocmask(SIG_SETMASK, &m1, NULL, 8)
	mov r42 = 2
	movl r43 = mask1
	mov r44 = 0
	mov r45 = 8 ;;
	break.m 0x100000 ;;
	mov r15 = 1179				// 2. rt_sigprocmask(SIG_SETMASK, &m2, &X's home, 8)
	mov r42 = 2
	movl r43 = mask2
	mov r44 = r35
	mov r45 = 8 ;;
	break.m 0x100000 ;;
	mov r15 = 1179				// 3. rt_sigprocmask(SIG_SETMASK, &m0, &Y's home, 8)
	mov r42 = 2
	movl r43 = mask0
	mov r44 = r32
	mov r45 = 8 ;;
	break.m 0x100000 ;;
	record r34, res_x ;;
	mov ar.pfs = r41
	mov b0 = r33 ;;
	br.ret.sptk.many b0 ;;
	.endp fp2

// rse_skip(in0 = backing-store address, in1 = k >= 0) -> r8: Linux
// ia64_rse_skip_regs, a + 8 * (k + (slot(a) + k) / 63) (the quotient by
// repeated subtraction).
	.proc rse_skip
rse_skip:
	alloc r34 = ar.pfs, 2, 1, 0, 0 ;;
	extr.u r14 = r32, 3, 6 ;;		// slot number of a
	add r14 = r14, r33			// slot(a) + k
	mov r15 = r33 ;;			// k + quotient, so far
.Lrs_div:
	cmp.leu p6, p0 = 63, r14 ;;
(p6)	adds r14 = -63, r14
(p6)	adds r15 = 1, r15
(p6)	br.cond.dptk .Lrs_div ;;
	shladd r8 = r15, 3, r32
	mov ar.pfs = r34 ;;
	br.ret.sptk.many b0 ;;
	.endp rse_skip

// show(in0 = table of {name, record} pairs, in1 = number of pairs): one
// line per pair.
	.proc show
show:
	alloc r36 = ar.pfs, 2, 3, 3, 0 ;;	// r32 table, r33 count, r34 b0, r35, r36 ar.pfs
	mov r34 = b0 ;;
.Lsh_loop:
	cmp.eq p6, p0 = 0, r33
(p6)	br.cond.spnt .Lsh_done ;;
	ld8 r37 = [r32], 8 ;;			// name
	ld8 r35 = [r32], 8 ;;			// record
	ld8 r38 = [r35], 8 ;;			// nat flag
	ld8 r39 = [r35] ;;			// value
	br.call.sptk.many b0 = line ;;
	adds r33 = -1, r33
	br.cond.sptk .Lsh_loop ;;
.Lsh_done:
	mov ar.pfs = r36
	mov b0 = r34 ;;
	br.ret.sptk.many b0 ;;
	.endp show

// line(in0 = name, in1 = nat flag, in2 = value): "name = NaT" or
// "name = 0x<16 hex digits>", then a newline.
	.proc line
line:
	alloc r36 = ar.pfs, 3, 2, 1, 0 ;;	// r35 b0, r36 ar.pfs, out r37
	mov r35 = b0
	mov r37 = r32
	br.call.sptk.many b0 = emit_str ;;
	movl r37 = m_eq
	br.call.sptk.many b0 = emit_str ;;
	cmp.ne p6, p0 = 0, r33 ;;
(p6)	movl r37 = m_nat
(p6)	br.call.sptk.many b0 = emit_str ;;
	cmp.eq p7, p0 = 0, r33 ;;
(p7)	mov r37 = r34
(p7)	br.call.sptk.many b0 = emit_hex ;;
	movl r37 = m_nl
	br.call.sptk.many b0 = emit_str ;;
	mov ar.pfs = r36
	mov b0 = r35 ;;
	br.ret.sptk.many b0 ;;
	.endp line

// emit(in0 = address, in1 = length): write(1, address, length).
	.proc emit
emit:
	alloc r34 = ar.pfs, 2, 1, 3, 0 ;;	// out r35..r37
	mov r35 = 1
	mov r36 = r32
	mov r37 = r33
	mov r15 = 1027 ;;
	break.m 0x100000 ;;
	mov ar.pfs = r34 ;;
	br.ret.sptk.many b0 ;;
	.endp emit

// emit_str(in0 = NUL-terminated string).
	.proc emit_str
emit_str:
	alloc r34 = ar.pfs, 1, 2, 2, 0 ;;	// r33 b0, r34 ar.pfs, out r35, r36
	mov r33 = b0
	mov r14 = r32 ;;
.Les_loop:
	ld1 r15 = [r14], 1 ;;
	cmp.ne p6, p0 = 0, r15
(p6)	br.cond.sptk .Les_loop ;;
	sub r36 = r14, r32
	mov r35 = r32 ;;
	adds r36 = -1, r36
	br.call.sptk.many b0 = emit ;;
	mov ar.pfs = r34
	mov b0 = r33 ;;
	br.ret.sptk.many b0 ;;
	.endp emit_str

// emit_hex(in0 = value): "0x" and 16 lowercase hex digits.
	.proc emit_hex
emit_hex:
	alloc r34 = ar.pfs, 1, 2, 2, 0 ;;	// r33 b0, r34 ar.pfs, out r35, r36
	mov r33 = b0
	movl r18 = numbuf
	movl r19 = hexdig
	mov r16 = 0x30
	mov r17 = 0x78
	mov r14 = 60 ;;
	st1 [r18] = r16, 1 ;;
	st1 [r18] = r17, 1 ;;
.Leh_loop:
	shr.u r15 = r32, r14 ;;
	and r15 = 15, r15 ;;
	add r15 = r19, r15 ;;
	ld1 r15 = [r15]
	cmp.eq p6, p0 = 0, r14
	adds r14 = -4, r14 ;;
	st1 [r18] = r15, 1
(p6)	br.cond.spnt .Leh_done ;;
	br.cond.sptk .Leh_loop ;;
.Leh_done:
	movl r35 = numbuf
	mov r36 = 18
	br.call.sptk.many b0 = emit ;;
	mov ar.pfs = r34
	mov b0 = r33 ;;
	br.ret.sptk.many b0 ;;
	.endp emit_hex
