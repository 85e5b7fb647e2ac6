// coh-stack: a deep register stack for the RSE coherence harness and
// benchmark: every frame keeps known values in its stacked registers,
// reaches a chosen kind of kernel event at the bottom, and checks its
// registers after the event, printing every register whose value changed
// (so a debugger's edit made at a stop is seen as the thread sees it).
//
// Usage: coh-stack MODE RSC DEPTH REPS (every argument optional):
//   MODE (first character; default s) what the bottom of the recursion does:
//     s  write(1, "coherence ok\n", 13), prints "write returned N", then
//        REPS getpid calls;
//     g  signals: SIGUSR1 and SIGUSR2 handlers; REPS times: kill(self,
//        SIGUSR1), then both blocked, sent, and unblocked by one
//        rt_sigprocmask (two signals delivered on its way out); prints
//        "signals handled = 3*REPS";
//     f  REPS forks (clone(SIGCHLD)): the child calls exit_group(3) at the
//        bottom; the parent waits and prints "child status = 0x...0300";
//     v  REPS vforks (clone(CLONE_VM | CLONE_VFORK | SIGCHLD)): the child
//        calls exit(0) in the clone's own frame; the parent waits and prints
//        "child status = 0x...0000";
//     x  execve(argv[0], {argv[0], "s", RSC, "2", "1"}, {}): the new image
//        runs mode s at depth 2;
//     e  prints "exit at the bottom" and calls exit_group(0) there;
//     t  fork; the child sends itself SIGSTOP at the bottom (group stop),
//        and when continued returns through its frames and prints its own
//        summary; the parent waits with WUNTRACED, prints
//        "child stopped: status = 0x...137f", sends SIGCONT, waits and
//        prints "child exit: status = 0x...0000".
//   RSC (first character; default e): l sets ar.rsc = 0xc (enforced lazy,
//     pl 3); anything else keeps the initial 0xf (eager, pl 3).
//   DEPTH (decimal; default 3): frames of `rec` above the bottom; each has
//     8 stacked locals and inputs (sol = 8, sof = 11), so 12 frames already
//     exceed the 96 physical stacked registers.
//   REPS (decimal; default 1).
//
// At the end (modes s, g, f, v, t and the continued child of t) it prints
//   frames checked = DEPTH+1, mismatches = M
// and exits with status 0. M counts the registers found changed; for each
// one a line "rec D: rN = 0x<16 hex digits>" is printed first, D being the
// frame's depth (0 at the bottom).
//
// Frame convention (for unwinders and the harness): every procedure saves
// ar.pfs with `alloc rL = ar.pfs, ...` where rL is its LAST local register
// (r32 + sol - 1), and saves b0 (when it calls) in its first local after the
// inputs. So the caller's frame marker of any frame is found from that
// frame's own CFM alone. In `rec` (alloc r39 = ar.pfs, 1, 7, 3, 0):
//   r32 = in0 = depth, r33 = saved b0, r34..r37 = (depth << 8) | 0x11, 0x22,
//   0x33, 0x44, r38 = the depth expected after the call, r39 = saved ar.pfs.
// The depth expected after the call is counted in memory (g_cur), not taken
// from a register, so an edit of in0 is detected too.
//
// Syscalls (1024 + arch/ia64/kernel/syscalls/syscall.tbl): exit 1025,
// write 1027, execve 1033, getpid 1041, kill 1053, wait4 1126, clone 1128,
// rt_sigaction 1177, rt_sigprocmask 1179, exit_group 1236. SIGUSR1 = 10,
// SIGUSR2 = 12, SIGCHLD = 17, SIGCONT = 18, SIGSTOP = 19; SIG_BLOCK = 0,
// SIG_UNBLOCK = 1; WUNTRACED = 2; CLONE_VM = 0x100, CLONE_VFORK = 0x4000.
// sigset bit of signal s is s - 1: {SIGUSR1, SIGUSR2} = 0xa00.
// struct sigaction = {handler descriptor, flags, mask}; the handler is the
// address of a function descriptor {entry, gp}.

	.section .rodata
m_ok:		.asciz "coherence ok\n"
m_wr:		.asciz "write returned "
m_sigs:		.asciz "signals handled = "
m_child:	.asciz "child status = "
m_stopped:	.asciz "child stopped: status = "
m_cexit:	.asciz "child exit: status = "
m_exit:		.asciz "exit at the bottom\n"
m_execf:	.asciz "execve failed, errno = "
m_sum:		.asciz "frames checked = "
m_sum2:		.asciz ", mismatches = "
m_rec:		.asciz "rec "
m_r:		.asciz ": r"
m_eq:		.asciz " = "
m_nl:		.asciz "\n"
s_mode:		.asciz "s"
s_depth:	.asciz "2"
s_reps:		.asciz "1"
s_rsc:		.asciz "e"
hexdig:		.ascii "0123456789abcdef"
	.align 8
pow10:	data8 10000000000000000000, 1000000000000000000, 100000000000000000
	data8 10000000000000000, 1000000000000000, 100000000000000
	data8 10000000000000, 1000000000000, 100000000000, 10000000000
	data8 1000000000, 100000000, 10000000, 1000000, 100000, 10000
	data8 1000, 100, 10, 0

	.data
	.align 8
g_mode:		data8 0x73		// 's'
g_depth:	data8 3
g_reps:		data8 1
g_cur:		data8 0
g_frames:	data8 0
g_errors:	data8 0
g_sig:		data8 0
sigset:		data8 0xa00
sigact:		data8 handler_fd, 0, 0
handler_fd:	data8 handler, 0
exec_argv:	data8 0, s_mode, s_rsc, s_depth, s_reps, 0
exec_envp:	data8 0

	.bss
	.align 8
status:		.skip 8
numbuf:		.skip 32

	.text
	.global _start
	.proc _start
_start:
	alloc r37 = ar.pfs, 0, 6, 7, 0		// r37: saved ar.pfs (last local)
	adds r14 = 16, r12
	adds r33 = 24, r12 ;;			// r33 = &argv[0]
	ld8 r32 = [r14]				// r32 = argc
	ld8 r14 = [r33] ;;
	movl r15 = exec_argv ;;
	st8 [r15] = r14				// execve's argv[0] = ours
	cmp.lt p6, p0 = 1, r32
(p6)	br.cond.sptk .Lmode ;;
	br.cond.sptk .Ldone_args ;;
.Lmode:
	adds r14 = 8, r33 ;;
	ld8 r14 = [r14] ;;
	ld1 r15 = [r14]
	movl r16 = g_mode ;;
	st8 [r16] = r15
	cmp.lt p6, p0 = 2, r32
(p6)	br.cond.sptk .Lrsc ;;
	br.cond.sptk .Ldone_args ;;
.Lrsc:
	adds r14 = 16, r33 ;;
	ld8 r14 = [r14] ;;
	movl r16 = exec_argv + 16 ;;
	st8 [r16] = r14				// execve's RSC = ours
	ld1 r15 = [r14] ;;
	cmp.eq p6, p0 = 0x6c, r15 ;;		// 'l': enforced lazy, pl 3
	mov r16 = 0xc ;;
(p6)	mov ar.rsc = r16 ;;
	cmp.lt p6, p0 = 3, r32
(p6)	br.cond.sptk .Ldepth ;;
	br.cond.sptk .Ldone_args ;;
.Ldepth:
	adds r14 = 24, r33 ;;
	ld8 out0 = [r14]
	br.call.sptk.many b0 = atoi ;;
	movl r14 = g_depth ;;
	st8 [r14] = r8
	cmp.lt p6, p0 = 4, r32
(p6)	br.cond.sptk .Lreps ;;
	br.cond.sptk .Ldone_args ;;
.Lreps:
	adds r14 = 32, r33 ;;
	ld8 out0 = [r14]
	br.call.sptk.many b0 = atoi ;;
	movl r14 = g_reps ;;
	st8 [r14] = r8 ;;
.Ldone_args:
	movl r14 = g_depth ;;
	ld8 out0 = [r14]
	br.call.sptk.many b0 = rec ;;
	movl out0 = m_sum
	br.call.sptk.many b0 = emit_str ;;
	movl r14 = g_frames ;;
	ld8 out0 = [r14]
	br.call.sptk.many b0 = emit_dec ;;
	movl out0 = m_sum2
	br.call.sptk.many b0 = emit_str ;;
	movl r14 = g_errors ;;
	ld8 out0 = [r14]
	br.call.sptk.many b0 = emit_dec ;;
	movl out0 = m_nl
	br.call.sptk.many b0 = emit_str ;;
	mov out0 = 1236				// exit_group(0)
	mov out1 = 0
	br.call.sptk.many b0 = syscall6 ;;
	.endp _start

// rec(in0 = depth): see the header for the registers.
	.proc rec
rec:
	alloc r39 = ar.pfs, 1, 7, 3, 0 ;;
	mov r33 = b0
	shl r14 = r32, 8
	mov r38 = 0 ;;
	or r34 = 0x11, r14
	or r35 = 0x22, r14
	or r36 = 0x33, r14
	or r37 = 0x44, r14
	cmp.eq p6, p0 = 0, r32 ;;
(p6)	br.cond.spnt .Lbottom ;;
	adds r40 = -1, r32
	br.call.sptk.many b0 = rec ;;
	br.cond.sptk .Lcheck ;;
.Lbottom:
	movl r14 = g_cur
	mov r15 = -1 ;;
	st8 [r14] = r15				// the bottom's depth will be 0
	br.call.sptk.many b0 = bottom ;;
.Lcheck:
	movl r14 = g_cur ;;
	ld8 r38 = [r14] ;;
	adds r38 = 1, r38 ;;
	st8 [r14] = r38				// r38 = this frame's depth
	cmp.eq p6, p0 = r32, r38
(p6)	br.cond.sptk .Lc34 ;;
	mov r40 = r38
	mov r41 = 32
	mov r42 = r32
	br.call.sptk.many b0 = bad ;;
.Lc34:
	shl r14 = r38, 8 ;;
	or r15 = 0x11, r14 ;;
	cmp.eq p6, p0 = r34, r15
(p6)	br.cond.sptk .Lc35 ;;
	mov r40 = r38
	mov r41 = 34
	mov r42 = r34
	br.call.sptk.many b0 = bad ;;
.Lc35:
	shl r14 = r38, 8 ;;
	or r15 = 0x22, r14 ;;
	cmp.eq p6, p0 = r35, r15
(p6)	br.cond.sptk .Lc36 ;;
	mov r40 = r38
	mov r41 = 35
	mov r42 = r35
	br.call.sptk.many b0 = bad ;;
.Lc36:
	shl r14 = r38, 8 ;;
	or r15 = 0x33, r14 ;;
	cmp.eq p6, p0 = r36, r15
(p6)	br.cond.sptk .Lc37 ;;
	mov r40 = r38
	mov r41 = 36
	mov r42 = r36
	br.call.sptk.many b0 = bad ;;
.Lc37:
	shl r14 = r38, 8 ;;
	or r15 = 0x44, r14 ;;
	cmp.eq p6, p0 = r37, r15
(p6)	br.cond.sptk .Lcdone ;;
	mov r40 = r38
	mov r41 = 37
	mov r42 = r37
	br.call.sptk.many b0 = bad ;;
.Lcdone:
	movl r14 = g_frames ;;
	ld8 r15 = [r14] ;;
	adds r15 = 1, r15 ;;
	st8 [r14] = r15
	mov ar.pfs = r39
	mov b0 = r33 ;;
	br.ret.sptk.many b0 ;;
	.endp rec

// bad(in0 = depth, in1 = register number, in2 = value it holds):
// "rec D: rN = 0x...\n", and one more mismatch.
	.proc bad
bad:
	alloc r36 = ar.pfs, 3, 2, 1, 0 ;;
	mov r35 = b0
	movl r14 = g_errors ;;
	ld8 r15 = [r14] ;;
	adds r15 = 1, r15 ;;
	st8 [r14] = r15
	movl r37 = m_rec
	br.call.sptk.many b0 = emit_str ;;
	mov r37 = r32
	br.call.sptk.many b0 = emit_dec ;;
	movl r37 = m_r
	br.call.sptk.many b0 = emit_str ;;
	mov r37 = r33
	br.call.sptk.many b0 = emit_dec ;;
	movl r37 = m_eq
	br.call.sptk.many b0 = emit_str ;;
	mov r37 = r34
	br.call.sptk.many b0 = emit_hex ;;
	movl r37 = m_nl
	br.call.sptk.many b0 = emit_str ;;
	mov ar.pfs = r36
	mov b0 = r35 ;;
	br.ret.sptk.many b0 ;;
	.endp bad

// bottom(): the event of the mode (g_mode).
	.proc bottom
bottom:
	alloc r36 = ar.pfs, 0, 5, 1, 0 ;;
	mov r32 = b0
	movl r14 = g_mode ;;
	ld8 r33 = [r14] ;;
	cmp.eq p6, p0 = 0x73, r33		// 's'
(p6)	br.call.sptk.many b0 = act_sys ;;
	cmp.eq p6, p0 = 0x67, r33		// 'g'
(p6)	br.call.sptk.many b0 = act_sig ;;
	cmp.eq p6, p0 = 0x66, r33		// 'f'
(p6)	br.call.sptk.many b0 = act_fork ;;
	cmp.eq p6, p0 = 0x76, r33		// 'v'
(p6)	br.call.sptk.many b0 = act_vfork ;;
	cmp.eq p6, p0 = 0x78, r33		// 'x'
(p6)	br.call.sptk.many b0 = act_exec ;;
	cmp.eq p6, p0 = 0x65, r33		// 'e'
(p6)	br.call.sptk.many b0 = act_exit ;;
	cmp.eq p6, p0 = 0x74, r33		// 't'
(p6)	br.call.sptk.many b0 = act_stop ;;
	mov ar.pfs = r36
	mov b0 = r32 ;;
	br.ret.sptk.many b0 ;;
	.endp bottom

// Mode s.
	.proc act_sys
act_sys:
	alloc r37 = ar.pfs, 0, 6, 7, 0 ;;
	mov r32 = b0
	mov r38 = 1027				// write(1, m_ok, 13)
	mov r39 = 1
	movl r40 = m_ok
	mov r41 = 13
	mov r42 = 0
	mov r43 = 0
	mov r44 = 0
	br.call.sptk.many b0 = syscall6 ;;
	mov r33 = r8
	movl r38 = m_wr
	br.call.sptk.many b0 = emit_str ;;
	mov r38 = r33
	br.call.sptk.many b0 = emit_dec ;;
	movl r38 = m_nl
	br.call.sptk.many b0 = emit_str ;;
	movl r14 = g_reps ;;
	ld8 r34 = [r14] ;;
.Lgp_loop:
	cmp.eq p6, p0 = 0, r34
(p6)	br.cond.spnt .Lgp_done ;;
	mov r38 = 1041				// getpid
	br.call.sptk.many b0 = syscall6 ;;
	adds r34 = -1, r34
	br.cond.sptk .Lgp_loop ;;
.Lgp_done:
	mov ar.pfs = r37
	mov b0 = r32 ;;
	br.ret.sptk.many b0 ;;
	.endp act_sys

// Mode g.
	.proc act_sig
act_sig:
	alloc r37 = ar.pfs, 0, 6, 7, 0 ;;
	mov r32 = b0
	mov r38 = 1177				// rt_sigaction(SIGUSR1, &sigact, 0, 8)
	mov r39 = 10
	movl r40 = sigact
	mov r41 = 0
	mov r42 = 8
	br.call.sptk.many b0 = syscall6 ;;
	mov r38 = 1177				// rt_sigaction(SIGUSR2, &sigact, 0, 8)
	mov r39 = 12
	movl r40 = sigact
	mov r41 = 0
	mov r42 = 8
	br.call.sptk.many b0 = syscall6 ;;
	mov r38 = 1041				// getpid
	br.call.sptk.many b0 = syscall6 ;;
	mov r33 = r8
	movl r14 = g_reps ;;
	ld8 r34 = [r14] ;;
.Lsg_loop:
	cmp.eq p6, p0 = 0, r34
(p6)	br.cond.spnt .Lsg_done ;;
	mov r38 = 1053				// kill(self, SIGUSR1)
	mov r39 = r33
	mov r40 = 10
	br.call.sptk.many b0 = syscall6 ;;
	mov r38 = 1179				// rt_sigprocmask(SIG_BLOCK, &sigset, 0, 8)
	mov r39 = 0
	movl r40 = sigset
	mov r41 = 0
	mov r42 = 8
	br.call.sptk.many b0 = syscall6 ;;
	mov r38 = 1053				// kill(self, SIGUSR1)
	mov r39 = r33
	mov r40 = 10
	br.call.sptk.many b0 = syscall6 ;;
	mov r38 = 1053				// kill(self, SIGUSR2)
	mov r39 = r33
	mov r40 = 12
	br.call.sptk.many b0 = syscall6 ;;
	mov r38 = 1179				// rt_sigprocmask(SIG_UNBLOCK, &sigset, 0, 8)
	mov r39 = 1
	movl r40 = sigset
	mov r41 = 0
	mov r42 = 8
	br.call.sptk.many b0 = syscall6 ;;
	adds r34 = -1, r34
	br.cond.sptk .Lsg_loop ;;
.Lsg_done:
	movl r38 = m_sigs
	br.call.sptk.many b0 = emit_str ;;
	movl r14 = g_sig ;;
	ld8 r38 = [r14]
	br.call.sptk.many b0 = emit_dec ;;
	movl r38 = m_nl
	br.call.sptk.many b0 = emit_str ;;
	mov ar.pfs = r37
	mov b0 = r32 ;;
	br.ret.sptk.many b0 ;;
	.endp act_sig

// The SIGUSR1/SIGUSR2 handler (signo, siginfo, sigcontext): g_sig += 1.
	.proc handler
handler:
	alloc r35 = ar.pfs, 3, 1, 0, 0 ;;
	movl r14 = g_sig ;;
	ld8 r15 = [r14] ;;
	adds r15 = 1, r15 ;;
	st8 [r14] = r15
	mov ar.pfs = r35 ;;
	br.ret.sptk.many b0 ;;
	.endp handler

// Mode f.
	.proc act_fork
act_fork:
	alloc r37 = ar.pfs, 0, 6, 7, 0 ;;
	mov r32 = b0
	movl r14 = g_reps ;;
	ld8 r34 = [r14] ;;
.Lfk_loop:
	cmp.eq p6, p0 = 0, r34
(p6)	br.cond.spnt .Lfk_done ;;
	mov r38 = 1128				// clone(SIGCHLD, 0, 0, 0, 0)
	mov r39 = 17
	mov r40 = 0
	mov r41 = 0
	mov r42 = 0
	mov r43 = 0
	br.call.sptk.many b0 = syscall6 ;;
	cmp.eq p6, p0 = 0, r8
(p6)	br.cond.spnt .Lfk_child ;;
	mov r33 = r8
	mov r38 = r8
	br.call.sptk.many b0 = reap ;;
	movl r38 = m_child
	mov r39 = r8
	br.call.sptk.many b0 = emit_line_hex ;;
	adds r34 = -1, r34
	br.cond.sptk .Lfk_loop ;;
.Lfk_child:
	mov r38 = 1236				// exit_group(3)
	mov r39 = 3
	br.call.sptk.many b0 = syscall6 ;;
.Lfk_done:
	mov ar.pfs = r37
	mov b0 = r32 ;;
	br.ret.sptk.many b0 ;;
	.endp act_fork

// Mode v: the child runs only the exit system call, in this frame, on the
// parent's memory and register backing store (it calls nothing).
	.proc act_vfork
act_vfork:
	alloc r37 = ar.pfs, 0, 6, 7, 0 ;;
	mov r32 = b0
	movl r14 = g_reps ;;
	ld8 r34 = [r14] ;;
.Lvf_loop:
	cmp.eq p6, p0 = 0, r34
(p6)	br.cond.spnt .Lvf_done ;;
	movl r38 = 0x4111			// CLONE_VM | CLONE_VFORK | SIGCHLD
	mov r39 = 0
	mov r40 = 0
	mov r41 = 0
	mov r42 = 0
	mov r15 = 1128 ;;			// clone
	break.m 0x100000 ;;
	cmp.eq p6, p0 = 0, r8 ;;
(p6)	mov r38 = 0
(p6)	mov r15 = 1025 ;;			// the child: exit(0)
(p6)	break.m 0x100000 ;;
	mov r33 = r8
	mov r38 = r8
	br.call.sptk.many b0 = reap ;;
	movl r38 = m_child
	mov r39 = r8
	br.call.sptk.many b0 = emit_line_hex ;;
	adds r34 = -1, r34
	br.cond.sptk .Lvf_loop ;;
.Lvf_done:
	mov ar.pfs = r37
	mov b0 = r32 ;;
	br.ret.sptk.many b0 ;;
	.endp act_vfork

// Mode x.
	.proc act_exec
act_exec:
	alloc r37 = ar.pfs, 0, 6, 7, 0 ;;
	mov r32 = b0
	movl r14 = exec_argv ;;
	ld8 r39 = [r14]				// execve(argv[0], exec_argv, exec_envp)
	mov r38 = 1033
	movl r40 = exec_argv
	movl r41 = exec_envp
	br.call.sptk.many b0 = syscall6 ;;
	mov r33 = r8
	movl r38 = m_execf
	br.call.sptk.many b0 = emit_str ;;
	mov r38 = r33
	br.call.sptk.many b0 = emit_dec ;;
	movl r38 = m_nl
	br.call.sptk.many b0 = emit_str ;;
	mov ar.pfs = r37
	mov b0 = r32 ;;
	br.ret.sptk.many b0 ;;
	.endp act_exec

// Mode e.
	.proc act_exit
act_exit:
	alloc r37 = ar.pfs, 0, 6, 7, 0 ;;
	mov r32 = b0
	movl r38 = m_exit
	br.call.sptk.many b0 = emit_str ;;
	mov r38 = 1236				// exit_group(0)
	mov r39 = 0
	br.call.sptk.many b0 = syscall6 ;;
	mov ar.pfs = r37
	mov b0 = r32 ;;
	br.ret.sptk.many b0 ;;
	.endp act_exit

// Mode t.
	.proc act_stop
act_stop:
	alloc r37 = ar.pfs, 0, 6, 7, 0 ;;
	mov r32 = b0
	mov r38 = 1128				// clone(SIGCHLD, 0, 0, 0, 0)
	mov r39 = 17
	mov r40 = 0
	mov r41 = 0
	mov r42 = 0
	mov r43 = 0
	br.call.sptk.many b0 = syscall6 ;;
	cmp.eq p6, p0 = 0, r8
(p6)	br.cond.spnt .Lst_child ;;
	mov r33 = r8
	mov r38 = 1126				// wait4(child, &status, WUNTRACED, 0)
	mov r39 = r8
	movl r40 = status
	mov r41 = 2
	mov r42 = 0
	br.call.sptk.many b0 = syscall6 ;;
	movl r14 = status ;;
	ld8 r39 = [r14]
	movl r38 = m_stopped
	br.call.sptk.many b0 = emit_line_hex ;;
	mov r38 = 1053				// kill(child, SIGCONT)
	mov r39 = r33
	mov r40 = 18
	br.call.sptk.many b0 = syscall6 ;;
	mov r38 = r33
	br.call.sptk.many b0 = reap ;;
	movl r38 = m_cexit
	mov r39 = r8
	br.call.sptk.many b0 = emit_line_hex ;;
	br.cond.sptk .Lst_done ;;
.Lst_child:
	mov r38 = 1041				// getpid
	br.call.sptk.many b0 = syscall6 ;;
	mov r39 = r8
	mov r38 = 1053				// kill(self, SIGSTOP)
	mov r40 = 19
	br.call.sptk.many b0 = syscall6 ;;
.Lst_done:
	mov ar.pfs = r37
	mov b0 = r32 ;;
	br.ret.sptk.many b0 ;;
	.endp act_stop

// reap(in0 = pid) -> r8 = the status word of wait4(pid, &status, 0, 0).
	.proc reap
reap:
	alloc r35 = ar.pfs, 1, 3, 7, 0 ;;
	mov r33 = b0
	mov r36 = 1126
	mov r37 = r32
	movl r38 = status
	mov r39 = 0
	mov r40 = 0
	br.call.sptk.many b0 = syscall6 ;;
	movl r14 = status ;;
	ld4 r8 = [r14]
	mov ar.pfs = r35
	mov b0 = r33 ;;
	br.ret.sptk.many b0 ;;
	.endp reap

// syscall6(in0 = number, in1..in6 = arguments) -> r8, r10: the system call
// with the arguments in this frame's outputs out0..out5 = r40..r45.
	.proc syscall6
syscall6:
	alloc r39 = ar.pfs, 7, 1, 6, 0 ;;
	mov r15 = r32
	mov r40 = r33
	mov r41 = r34
	mov r42 = r35
	mov r43 = r36
	mov r44 = r37
	mov r45 = r38 ;;
	break.m 0x100000 ;;
	mov ar.pfs = r39 ;;
	br.ret.sptk.many b0 ;;
	.endp syscall6

// atoi(in0 = NUL-terminated decimal string) -> r8.
	.proc atoi
atoi:
	alloc r33 = ar.pfs, 1, 1, 0, 0 ;;
	mov r8 = 0
	mov r14 = r32 ;;
.Lat_loop:
	ld1 r15 = [r14], 1 ;;
	adds r16 = -48, r15 ;;
	cmp.ltu p6, p0 = 9, r16 ;;		// not a digit (the NUL included)
(p6)	br.cond.spnt .Lat_done ;;
	shladd r17 = r8, 2, r8 ;;		// r8 * 5
	shladd r8 = r17, 1, r16			// r8 * 10 + digit
	br.cond.sptk .Lat_loop ;;
.Lat_done:
	mov ar.pfs = r33 ;;
	br.ret.sptk.many b0 ;;
	.endp atoi

// emit(in0 = address, in1 = length): write(1, address, length).
	.proc emit
emit:
	alloc r35 = ar.pfs, 2, 2, 7, 0 ;;
	mov r34 = b0
	mov r36 = 1027
	mov r37 = 1
	mov r38 = r32
	mov r39 = r33
	br.call.sptk.many b0 = syscall6 ;;
	mov ar.pfs = r35
	mov b0 = r34 ;;
	br.ret.sptk.many b0 ;;
	.endp emit

	.include "emit.inc"

// emit_line_hex(in0 = string, in1 = value): string, emit_hex(value), "\n".
	.proc emit_line_hex
emit_line_hex:
	alloc r35 = ar.pfs, 2, 2, 1, 0 ;;
	mov r34 = b0
	mov r36 = r32
	br.call.sptk.many b0 = emit_str ;;
	mov r36 = r33
	br.call.sptk.many b0 = emit_hex ;;
	movl r36 = m_nl
	br.call.sptk.many b0 = emit_str ;;
	mov ar.pfs = r35
	mov b0 = r34 ;;
	br.ret.sptk.many b0 ;;
	.endp emit_line_hex
