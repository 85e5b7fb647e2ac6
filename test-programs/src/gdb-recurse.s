// gdb-recurse: a deep recursion whose frames hold known values in their
// stacked registers, for the gdb stub tests
// (crates/ia64-gdbstub/tests/kernel_gdb.rs).
//
//   rec(d) for d = 1 .. DEPTH = 30, each frame made by
//     alloc r37 = ar.pfs, 1, 5, 1, 0      (sof 7, sol 6: CFM 0x307)
//   r32 = d (in0), r33 = d*0x100 + 1, r34 = d*0x100 + 2, r35 = d*0x100 + 3,
//   r36 = saved b0, r37 = saved ar.pfs, r38 = out0. 30 frames of 7
//   registers exceed the 96 physical stacked registers, so the outer frames
//   are spilled to the backing store while the inner ones are not.
//   While d < DEPTH rec calls rec(d + 1); at d = DEPTH it calls
//   leaf(0xbeef) on the line marked "gdb: bottom". After its callee returns
//   each frame prints "rec D: r34 = V" (V in decimal), innermost first.
//
//   leaf(x): alloc r35 = ar.pfs, 1, 3, 0, 0 (CFM 0x204); r33 = x + 1,
//   r34 = x + 2 (in two instruction groups), stores r33 to g_word, loads
//   g_word back into r14, returns.
//
//   Then _start calls mlx_fn (an MLX bundle: nop.m; movl r14 = ...) and
//   predoff_fn (a `(p6) mov r15 = 1` with p6 false), prints
//   "g_word = 0x000000000000bef0" and exits with status 0.
//
// Expected stdout:
//   rec 30: r34 = 7682
//   rec 29: r34 = 7426
//   ...        (rec D: r34 = D*256 + 2)
//   rec 1: r34 = 258
//   g_word = 0x000000000000bef0
// Exit status 0.
//
// Syscalls: write = 1027, exit_group = 1236.

	DEPTH = 30

	.section .rodata
m_rec:		.asciz "rec "
m_r34:		.asciz ": r34 = "
m_word:		.asciz "g_word = "

	.data
	.align 8
	.global g_word
g_word:		data8 0

	.text
	.global _start
	.proc _start
_start:
	alloc r33 = ar.pfs, 0, 2, 1, 0 ;;
	mov out0 = 1
	br.call.sptk.many b0 = rec ;;
	br.call.sptk.many b0 = mlx_fn ;;
	br.call.sptk.many b0 = predoff_fn ;;
	movl out0 = m_word ;;
	br.call.sptk.many b0 = print_str ;;
	movl r14 = g_word ;;
	ld8 out0 = [r14]
	br.call.sptk.many b0 = print_hex ;;
	br.call.sptk.many b0 = print_nl ;;
	mov out0 = 0
	mov r15 = 1236 ;;			// __NR_exit_group
	break.m 0x100000 ;;
	.endp _start

	.global rec
	.proc rec
rec:
	alloc r37 = ar.pfs, 1, 5, 1, 0
	mov r36 = b0
	shl r14 = r32, 8 ;;
	adds r33 = 1, r14
	adds r34 = 2, r14
	adds r35 = 3, r14
	cmp.lt p6, p7 = DEPTH - 1, r32 ;;	// p6: d = DEPTH (the bottom)
(p7)	adds out0 = 1, r32
(p7)	br.call.sptk.many b0 = rec ;;
(p6)	mov out0 = 0xbeef ;;
(p6)	br.call.sptk.many b0 = leaf ;;	// gdb: bottom
	movl out0 = m_rec ;;
	br.call.sptk.many b0 = print_str ;;
	mov out0 = r32
	br.call.sptk.many b0 = print_udec ;;
	movl out0 = m_r34 ;;
	br.call.sptk.many b0 = print_str ;;
	mov out0 = r34
	br.call.sptk.many b0 = print_udec ;;
	br.call.sptk.many b0 = print_nl ;;
	mov ar.pfs = r37
	mov b0 = r36 ;;
	br.ret.sptk.many b0 ;;
	.endp rec

	.global leaf
	.proc leaf
leaf:
	alloc r35 = ar.pfs, 1, 3, 0, 0
	adds r33 = 1, r32 ;;
	adds r34 = 2, r32
	movl r14 = g_word ;;
	st8 [r14] = r33 ;;			// gdb: store
	ld8 r15 = [r14] ;;			// gdb: load
	mov ar.pfs = r35 ;;
	br.ret.sptk.many b0 ;;
	.endp leaf

	.global mlx_fn
	.proc mlx_fn
mlx_fn:
	{ .mlx
	nop.m 0
	movl r14 = 0x123456789abcdef0 ;;
	}
	br.ret.sptk.many b0 ;;
	.endp mlx_fn

	.global predoff_fn
	.proc predoff_fn
predoff_fn:
	{ .mii
	cmp.ne p6, p0 = r0, r0
	nop.i 0
	nop.i 0 ;;
	}
	{ .mii
(p6)	mov r15 = 1
	nop.i 0
	nop.i 0 ;;
	}
	br.ret.sptk.many b0 ;;
	.endp predoff_fn

	.include "output.inc"
