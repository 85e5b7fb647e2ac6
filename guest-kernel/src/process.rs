//! Process and thread syscalls: `clone`/`clone2` (fork, vfork, threads), `exit`,
//! `exit_group`, `wait4`/`waitid`, `execve`, `futex`, `set_tid_address`, the scheduler calls
//! (`sched_yield`, affinity, `getcpu`), and task death with its notifications.
//!
//! Linux/ia64 facts used (arch/ia64/kernel/process.c `copy_thread`, entry.S `sys_clone`/
//! `sys_clone2`, kernel/fork.c, kernel/exit.c, kernel/futex): the child of a clone gets a copy
//! of the parent's kernel register backing store and returns from the syscall with r8 = 0; with
//! a new stack (`clone2(flags, base, size, …)`) its r12 is `base + size − 16`, its user
//! backing store starts at `base` with RNAT 0 and loadrs 0 (only its current frame comes
//! back), and CLONE_SETTLS puts the thread pointer in r13. `clone(flags, stack, ptid, ctid,
//! tls)` is `clone2` with a 16-byte stack size.
//!
//! A group exit (`exit_group`, a fatal signal, SIGKILL) kills every thread (`do_group_exit`,
//! `zap_other_threads`): a thread an engine watches at exit runs its own `do_exit` — its exit
//! report, where a tracer may stop it (PTRACE_EVENT_EXIT) — woken from any sleep or stop, or
//! interrupted on another vCPU; the other threads are released at once, which nothing can
//! observe. The group is dead when its last thread is gone.
//!
//! Documented simplifications: process groups and sessions are not modelled (`wait4(0)` and
//! negative pids mean "any child"); CLONE_FILES and CLONE_SIGHAND without CLONE_THREAD copy the
//! tables instead of sharing them; futexes are keyed by (address space, address), so futexes in
//! memory shared between processes are not supported; the thread that calls `execve` keeps its
//! own tid, and the other threads it ends are released at once (no exit reports for them).

use ia64_cpu::mem::Access;
use ia64_cpu::state::State;
use ia64_machine::loader::{self, ProcessSpec};
use ia64_machine::space::{AddressSpace, SpaceKind};

use crate::entry::SysResult;
use crate::kernel::{Kernel, KernelError, Outcome, RunResult, INIT_PID};
use crate::sched::SwitchStack;
use crate::signal::{self, sig, SigAction, SigInfo, NSIG};
use crate::syscall::{err, errno, le_u64, ok, Action};
use crate::task::{ChildEvent, Group, Mm, Resume, RunState, Tid, Wait, SS_DISABLE};

/// Syscall numbers handled here (1024 + arch/ia64/kernel/syscalls/syscall.tbl).
pub mod nr {
    /// execve
    pub const EXECVE: u64 = 1033;
    /// getppid
    pub const GETPPID: u64 = 1042;
    /// kill
    pub const KILL: u64 = 1053;
    /// getuid
    pub const GETUID: u64 = 1046;
    /// geteuid
    pub const GETEUID: u64 = 1047;
    /// getgid
    pub const GETGID: u64 = 1062;
    /// getegid
    pub const GETEGID: u64 = 1063;
    /// wait4
    pub const WAIT4: u64 = 1126;
    /// clone
    pub const CLONE: u64 = 1128;
    /// sched_yield
    pub const SCHED_YIELD: u64 = 1164;
    /// sigaltstack
    pub const SIGALTSTACK: u64 = 1176;
    /// rt_sigaction
    pub const RT_SIGACTION: u64 = 1177;
    /// rt_sigpending
    pub const RT_SIGPENDING: u64 = 1178;
    /// rt_sigprocmask
    pub const RT_SIGPROCMASK: u64 = 1179;
    /// rt_sigreturn
    pub const RT_SIGRETURN: u64 = 1181;
    /// rt_sigsuspend
    pub const RT_SIGSUSPEND: u64 = 1182;
    /// clone2
    pub const CLONE2: u64 = 1213;
    /// tkill
    pub const TKILL: u64 = 1229;
    /// futex
    pub const FUTEX: u64 = 1230;
    /// sched_setaffinity
    pub const SCHED_SETAFFINITY: u64 = 1231;
    /// sched_getaffinity
    pub const SCHED_GETAFFINITY: u64 = 1232;
    /// set_tid_address
    pub const SET_TID_ADDRESS: u64 = 1233;
    /// tgkill
    pub const TGKILL: u64 = 1235;
    /// waitid
    pub const WAITID: u64 = 1270;
    /// getcpu
    pub const GETCPU: u64 = 1304;
    /// prctl
    pub const PRCTL: u64 = 1170;
}

/// Kernel-internal "restart" errnos (include/linux/errno.h): never seen by user mode.
pub mod restart {
    /// Restart if SA_RESTART, else EINTR.
    pub const ERESTARTSYS: u64 = 512;
    /// Always restart.
    pub const ERESTARTNOINTR: u64 = 513;
    /// Restart if no handler ran, else EINTR.
    pub const ERESTARTNOHAND: u64 = 514;
    /// Like ERESTARTNOHAND (this kernel keeps no restart block).
    pub const ERESTART_RESTARTBLOCK: u64 = 516;
}

/// The errno a blocking syscall `nr` returns when a signal interrupts it.
pub fn restart_errno(nr: u64) -> u64 {
    match nr {
        crate::syscall::nr::NANOSLEEP | nr::RT_SIGSUSPEND => restart::ERESTARTNOHAND,
        _ => restart::ERESTARTSYS,
    }
}

/// clone flags (include/uapi/linux/sched.h).
pub mod clone {
    /// Share the address space.
    pub const VM: u64 = 0x100;
    /// Share the file descriptor table.
    pub const FILES: u64 = 0x400;
    /// Share signal handlers.
    pub const SIGHAND: u64 = 0x800;
    /// The parent sleeps until the child execs or exits.
    pub const VFORK: u64 = 0x4000;
    /// Same parent as the caller.
    pub const PARENT: u64 = 0x8000;
    /// Same thread group.
    pub const THREAD: u64 = 0x10000;
    /// Set the thread pointer (r13).
    pub const SETTLS: u64 = 0x80000;
    /// Store the child tid in the parent.
    pub const PARENT_SETTID: u64 = 0x100000;
    /// Clear the child tid and wake a futex at exit.
    pub const CHILD_CLEARTID: u64 = 0x200000;
    /// Store the child tid in the child.
    pub const CHILD_SETTID: u64 = 0x1000000;
}

/// The vector of the interprocessor interrupt that makes another vCPU's thread enter the
/// kernel (arch/ia64/include/asm/hw_irq.h `IA64_IPI_RESCHEDULE`, what `kick_process` sends).
const IPI_RESCHEDULE: u8 = 0xfd;

const WNOHANG: u64 = 1;
const WUNTRACED: u64 = 2;
const WEXITED: u64 = 4;
const WCONTINUED: u64 = 8;
const WNOWAIT: u64 = 0x0100_0000;

/// Arguments of a clone.
#[derive(Clone, Copy, Debug)]
struct CloneArgs {
    flags: u64,
    stack_base: u64,
    stack_size: u64,
    ptid: u64,
    ctid: u64,
    tls: u64,
}

impl Kernel {
    /// Dispatch the process, signal and scheduler syscalls.
    pub(crate) fn process_syscall(&mut self, n: u64, a: [u64; 8]) -> Action {
        match n {
            nr::CLONE => self.sys_clone(CloneArgs {
                flags: a[0],
                stack_base: a[1],
                stack_size: if a[1] != 0 { 16 } else { 0 },
                ptid: a[2],
                ctid: a[3],
                tls: a[4],
            }),
            nr::CLONE2 => self.sys_clone(CloneArgs {
                flags: a[0],
                stack_base: a[1],
                stack_size: a[2],
                ptid: a[3],
                ctid: a[4],
                tls: a[5],
            }),
            nr::WAIT4 => self.sys_wait4(a[0], a[1], a[2], a[3]),
            nr::WAITID => self.sys_waitid(a[0], a[1], a[2], a[3]),
            nr::EXECVE => self.sys_execve(a[0], a[1], a[2]),
            nr::GETPPID => {
                let tgid = self.cur_tgid();
                ok(self.groups.get(&tgid).map_or(0, |g| g.ppid))
            }
            nr::GETUID | nr::GETEUID | nr::GETGID | nr::GETEGID => ok(0),
            nr::FUTEX => self.sys_futex(a[0], a[1], a[2], a[3], a[4], a[5]),
            nr::SET_TID_ADDRESS => {
                let tid = self.cur;
                if let Some(t) = self.tasks.get_mut(&tid) {
                    t.clear_child_tid = a[0];
                }
                ok(tid)
            }
            nr::SCHED_YIELD => {
                if let Some(t) = self.tasks.get_mut(&self.cur) {
                    t.work.flags.set(crate::work::Tif::NeedResched);
                }
                ok(0)
            }
            nr::SCHED_SETAFFINITY => self.sys_sched_setaffinity(a[0], a[1], a[2]),
            nr::SCHED_GETAFFINITY => self.sys_sched_getaffinity(a[0], a[1], a[2]),
            nr::GETCPU => self.sys_getcpu(a[0], a[1]),
            nr::PRCTL => self.sys_prctl(a[0], a[1]),
            nr::KILL => self.sys_kill(a[0] as i64, a[1]),
            nr::TKILL => self.sys_tkill(None, a[0], a[1]),
            nr::TGKILL => self.sys_tkill(Some(a[0]), a[1], a[2]),
            nr::RT_SIGACTION => self.sys_rt_sigaction(a[0], a[1], a[2], a[3]),
            nr::RT_SIGPROCMASK => self.sys_rt_sigprocmask(a[0], a[1], a[2], a[3]),
            nr::RT_SIGPENDING => self.sys_rt_sigpending(a[0], a[1]),
            nr::RT_SIGSUSPEND => self.sys_rt_sigsuspend(a[0], a[1]),
            nr::SIGALTSTACK => self.sys_sigaltstack(a[0], a[1]),
            nr::RT_SIGRETURN => self.sys_rt_sigreturn(),
            _ => self.enosys(n),
        }
    }

    fn write_u32(&mut self, addr: u64, v: u32) -> Result<(), u64> {
        self.copy_to_user(addr, &v.to_le_bytes())
    }

    fn read_u32(&mut self, addr: u64) -> Result<u32, u64> {
        let b = self.copy_from_user(addr, 4)?;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }

    // ----- clone -----

    fn sys_clone(&mut self, c: CloneArgs) -> Action {
        let f = c.flags;
        if (f & clone::THREAD != 0 && f & clone::SIGHAND == 0)
            || (f & clone::SIGHAND != 0 && f & clone::VM == 0)
        {
            return err(errno::EINVAL);
        }
        match self.do_clone(c) {
            Ok(child) => {
                if f & clone::VFORK != 0 {
                    Action::BlockThen(Wait::VforkDone { child }, SysResult::Ok(child))
                } else {
                    ok(child)
                }
            }
            Err(e) => err(e),
        }
    }

    /// Create the child of the current task; returns its tid.
    fn do_clone(&mut self, c: CloneArgs) -> Result<Tid, u64> {
        let parent = self.cur;
        let cpu = self.cur_cpu;
        let Some(p) = self.tasks.get(&parent) else {
            return Err(errno::ESRCH);
        };
        let (p_mm, p_tgid, p_krbs, p_affinity, p_blocked, p_alt, p_unalign) = (
            p.mm,
            p.tgid,
            p.karea.krbs,
            p.affinity,
            p.blocked,
            p.altstack,
            p.unalign,
        );
        let mut pt = p.pt;
        // The child's memory.
        let mm = if c.flags & clone::VM != 0 {
            p_mm
        } else {
            let Some(m) = self.mms.get(p_mm) else {
                return Err(errno::ENOMEM);
            };
            let space = m
                .space
                .duplicate(&mut self.machine.phys)
                .map_err(|_| errno::ENOMEM)?;
            let (brk_start, brk, mmap_base) = (m.brk_start, m.brk, m.mmap_base);
            self.mms.add(Mm {
                space,
                brk_start,
                brk,
                mmap_base,
                users: 0,
                serial: 0,
            })
        };
        let tgid = (c.flags & clone::THREAD != 0).then_some(p_tgid);
        let child = match self.new_task(mm, tgid) {
            Ok(t) => {
                self.utrace.task_created(t);
                t
            }
            Err(_) => {
                if c.flags & clone::VM == 0 {
                    self.drop_mm(mm);
                }
                return Err(errno::EAGAIN);
            }
        };
        // The parent's register stack, flushed to its KRBS as the clone entry's switch stack
        // save does, then copied to the child's KRBS.
        let (c_krbs, child_state, sw) = match self.snapshot_for_child(cpu, child, p_krbs) {
            Ok(x) => x,
            Err(_) => {
                self.reap_task(child);
                return Err(errno::ENOMEM);
            }
        };
        pt.krbs = c_krbs;
        let mut st = child_state;
        if c.stack_base != 0 {
            st.gr[12] = c.stack_base.wrapping_add(c.stack_size).wrapping_sub(16);
            pt.ar_bspstore = c.stack_base;
            pt.ar_rnat = 0;
            pt.loadrs = 0;
        }
        if c.flags & clone::SETTLS != 0 {
            st.gr[13] = c.tls;
        }
        if let Some(t) = self.tasks.get_mut(&child) {
            *t.ctx = st;
            t.sw = sw;
            t.pt = pt;
            t.resume = Resume::ForkChild;
            t.cpu = cpu;
            t.affinity = p_affinity;
            t.blocked = p_blocked;
            t.unalign = p_unalign;
            t.altstack = if c.flags & (clone::VM | clone::VFORK) == clone::VM {
                crate::task::AltStack {
                    flags: SS_DISABLE,
                    ..Default::default()
                }
            } else {
                p_alt
            };
            if c.flags & clone::CHILD_CLEARTID != 0 {
                t.clear_child_tid = c.ctid;
            }
            if c.flags & clone::VFORK != 0 {
                t.vfork_parent = Some(parent);
            }
        }
        self.join_group(child, parent, c.flags);
        // Engines see the child before it can run; the creator's engines may attach to it.
        self.as_current(parent, |k| {
            crate::utrace::report_clone(k, parent, c.flags, child);
        });
        if c.flags & clone::PARENT_SETTID != 0 {
            let _ = self.write_u32(c.ptid, child as u32);
        }
        if c.flags & clone::CHILD_SETTID != 0 {
            let saved = self.cur;
            self.cur = child;
            let _ = self.write_u32(c.ctid, child as u32);
            self.cur = saved;
        }
        self.enqueue(child);
        Ok(child)
    }

    /// Flush the parent's register stack into its KRBS (`br.call` + `flushrs`, then `br.ret`
    /// back: the parent's frame stays in its physical registers), copy the KRBS to `child`'s,
    /// and return the child's KRBS base, register state and switch stack.
    fn snapshot_for_child(
        &mut self,
        cpu: usize,
        child: Tid,
        p_krbs: u64,
    ) -> Result<(u64, State, SwitchStack), KernelError> {
        let c_krbs = self.tasks.get(&child).map_or(0, |t| t.karea.krbs);
        let (c, mut view) = self.cpu_view(cpu);
        let st = &mut c.state;
        let (sw, _) = crate::sched::switch_out(st, &mut view)?;
        let snapshot = st.clone();
        let back = st
            .rse
            .br_ret(&mut view)
            .and_then(|_| st.rse.mov_to_pfs(sw.ar_pfs, false));
        back.map_err(|f| {
            KernelError::Entry(crate::entry::EntryError {
                during: "br.ret after clone flush",
                fault: f.into(),
            })
        })?;
        let len = sw.ar_bspstore.wrapping_sub(p_krbs);
        let mut buf = vec![0u8; len as usize];
        let _ = view.read_bytes(p_krbs, &mut buf, Access::data(0));
        let _ = view.write_bytes(c_krbs, &buf, Access::data(0));
        let child_sw = SwitchStack {
            ar_bspstore: c_krbs + len,
            ..sw
        };
        Ok((c_krbs, snapshot, child_sw))
    }

    /// Attach new task `child` of `parent` to a thread group per the clone flags.
    fn join_group(&mut self, child: Tid, parent: Tid, flags: u64) {
        let p_tgid = self.tasks.get(&parent).map_or(0, |t| t.tgid);
        if flags & clone::THREAD != 0 {
            if let Some(g) = self.groups.get_mut(&p_tgid) {
                g.threads.push(child);
            }
            return;
        }
        let Some(pg) = self.groups.get(&p_tgid) else {
            return;
        };
        let ppid = if flags & clone::PARENT != 0 {
            pg.ppid
        } else {
            p_tgid
        };
        let g = Group {
            tgid: child,
            ppid,
            threads: vec![child],
            fds: pg.fds.clone(),
            actions: pg.actions,
            shared_pending: Default::default(),
            exit_signal: (flags & 0xff) as u32,
            exit_status: None,
            zombie: false,
            stopped: None,
            event: None,
            cld_continued: false,
            exit: None,
        };
        self.groups.insert(child, g);
    }

    // ----- exit -----

    /// `exit` with wait status `wstatus`: the calling thread ends; the last thread ends the
    /// group.
    pub(crate) fn exit_thread(&mut self, tid: Tid, wstatus: i32) -> Result<(), KernelError> {
        let tgid = self.tasks.get(&tid).map_or(0, |t| t.tgid);
        let last = self.groups.get(&tgid).is_some_and(|g| g.threads.len() <= 1);
        if let Some(t) = self.tasks.get_mut(&tid) {
            t.exit_status = Some(wstatus as u32);
        }
        if last {
            self.exit_group(tid, wstatus, None);
        } else {
            self.release_task(tid);
        }
        Ok(())
    }

    /// Thread `tid` of a group exiting with wait status `wstatus` (`exit_group`, a fatal
    /// signal, or its last thread's `exit`; `info` is the killing signal's information) is
    /// done: the group's other threads are killed (if that has not happened yet) and `tid`
    /// leaves. The group is dead when its last thread has left.
    pub(crate) fn exit_group(&mut self, tid: Tid, wstatus: i32, info: Option<SigInfo>) {
        let tgid = self.tasks.get(&tid).map_or(tid, |t| t.tgid);
        self.zap_group(tgid, wstatus, info, Some(tid), tid);
        self.release_task(tid);
    }

    /// A SIGKILL for thread `target` from anywhere (`kill`, `tkill`, `PTRACE_KILL`): its group
    /// exits; every thread is killed (kernel/signal.c `complete_signal` on a fatal signal).
    pub(crate) fn kill_group(&mut self, target: Tid, info: SigInfo) {
        let tgid = self.tasks.get(&target).map_or(target, |t| t.tgid);
        self.zap_group(tgid, sig::SIGKILL as i32, Some(info), None, target);
    }

    /// A fatal signal `info` ends the group of `tid`, the thread that dequeued it: the group's
    /// status and killing signal are set and the other threads killed; `tid`'s own `do_exit`
    /// follows.
    pub(crate) fn exit_group_by_signal(&mut self, tid: Tid, info: SigInfo) {
        let tgid = self.tasks.get(&tid).map_or(tid, |t| t.tgid);
        self.zap_group(tgid, info.signo as i32, Some(info), Some(tid), tid);
    }

    /// The start of `do_exit` for `tid` (`PF_EXITING`): a pending kill is consumed (as
    /// `get_signal` dequeues the SIGKILL of a group exit); for a group exit (`do_group_exit`),
    /// the other threads are killed before the exit report.
    pub(crate) fn exit_begins(&mut self, tid: Tid, group: bool, wstatus: i32) {
        let Some(t) = self.tasks.get_mut(&tid) else {
            return;
        };
        t.exit = crate::task::ExitProgress {
            killed: false,
            exiting: true,
        };
        let tgid = t.tgid;
        if group {
            self.zap_group(tgid, wstatus, None, Some(tid), tid);
        }
    }

    /// `fatal_signal_pending` as the engine layer sees it: the task is gone, or its group is
    /// exiting and its own exit has not begun (a thread in `do_exit` may still stop in its exit
    /// report, as Linux's `ptrace_event(PTRACE_EVENT_EXIT)` does after `get_signal` dequeued
    /// the group exit's SIGKILL).
    pub(crate) fn kill_pending(&self, tid: Tid) -> bool {
        let Some(t) = self.tasks.get(&tid) else {
            return true;
        };
        if t.exit.killed {
            return true;
        }
        !t.exit.exiting
            && self
                .groups
                .get(&t.tgid)
                .is_none_or(|g| g.exit_status.is_some())
    }

    /// `do_group_exit` / `zap_other_threads`, once per group: group `tgid` exits with
    /// `wstatus` (with `info` and, for the first process, the user state of `ender` as the
    /// run's final state). Every thread but `caller` (the thread running its own exit) is
    /// killed: a thread some engine watches at exit (`report_exit`, e.g.
    /// PTRACE_O_TRACEEXIT) runs its own `do_exit` — Linux: every thread does, each with its
    /// PTRACE_EVENT_EXIT stop — and the others leave at once.
    fn zap_group(
        &mut self,
        tgid: Tid,
        wstatus: i32,
        info: Option<SigInfo>,
        caller: Option<Tid>,
        ender: Tid,
    ) {
        let Some(g) = self.groups.get(&tgid) else {
            return;
        };
        if g.exit_status.is_some() {
            // Already exiting: the threads were killed then (`SIGNAL_GROUP_EXIT`).
            return;
        }
        let threads = g.threads.clone();
        let state = if tgid == INIT_PID {
            self.user_state_of(ender).map(Box::new)
        } else {
            None
        };
        if let Some(g) = self.groups.get_mut(&tgid) {
            g.exit_status = Some(wstatus as u32);
            g.exit = Some(crate::task::GroupExit { info, state });
        }
        for t in threads.into_iter().filter(|&t| Some(t) != caller) {
            self.zap_thread(t);
        }
    }

    /// Kill thread `t` of an exiting group (SIGKILL + `signal_wake_up(t, 1)`): without an
    /// engine watching its exit it leaves now; otherwise it is woken from any sleep or stop
    /// (SIGKILL breaks a tracing stop, kernel-facilities.md §1.6) — one running user code on
    /// another vCPU is interrupted — and runs its own `do_exit` from `get_signal`. A thread
    /// already in `do_exit` is only woken from its exit stop.
    fn zap_thread(&mut self, t: Tid) {
        let Some(task) = self.tasks.get(&t) else {
            return;
        };
        let exiting = task.exit.exiting;
        if !exiting && !self.utrace.wants(t, crate::utrace::Event::Exit) {
            self.release_task(t);
            return;
        }
        if let Some(task) = self.tasks.get_mut(&t) {
            task.exit.killed = !exiting;
            task.work.flags.set(crate::work::Tif::SigPending);
        }
        let broke_stop = self.utrace.wake_killed(t);
        let Some(task) = self.tasks.get_mut(&t) else {
            return;
        };
        let (state, on_cpu) = (task.state, task.on_cpu);
        match state {
            RunState::Traced | RunState::Stopped if broke_stop || !exiting => {
                task.state = RunState::Runnable;
                self.enqueue(t);
            }
            RunState::Blocked(_) if !exiting => self.wake(t),
            _ => {}
        }
        if let Some(c) = on_cpu.filter(|&c| c != self.cur_cpu || t != self.cur) {
            if let Err(e) = self.kick(c, t) {
                tracing::error!(target: "kernel::exit", t, %e, "kicking a killed thread failed");
            }
        }
    }

    /// `kick_process` for thread `t` running user code on vCPU `c`: an interprocessor
    /// interrupt (`IA64_IPI_RESCHEDULE`) enters the kernel for it now, and it leaves the vCPU;
    /// its return-to-user work (here: its exit) runs when it is next dispatched.
    fn kick(&mut self, c: usize, t: Tid) -> Result<(), KernelError> {
        if self.sched.current[c] != Some(t) {
            return Ok(());
        }
        let f = ia64_cpu::fault::Fault::ExternalInterrupt {
            vector: IPI_RESCHEDULE,
        };
        if self.enter_interruption(c, &f)?.is_none() {
            return Ok(());
        }
        if let Some(task) = self.tasks.get_mut(&t) {
            task.resume = Resume::ExitWork;
        }
        self.switch_away(c, t)?;
        self.enqueue(t);
        Ok(())
    }

    /// The user state of `tid` at its last exit or fault entry, else its current state.
    fn user_state_of(&self, tid: Tid) -> Option<State> {
        let t = self.tasks.get(&tid)?;
        t.last_user
            .as_deref()
            .cloned()
            .or_else(|| self.task_state(tid).cloned())
    }

    fn end_init(&mut self, status: u32, info: Option<SigInfo>, st: Option<State>) {
        let st = st.unwrap_or_else(|| self.cpu().state.clone());
        let outcome = if status & 0x7f == 0 {
            Outcome::Exited(((status >> 8) & 0xff) as i32)
        } else {
            Outcome::Killed {
                signal: status & 0x7f,
                fault: info.and_then(|i| i.fault),
                ip: st.ip,
                slot: st.slot,
            }
        };
        self.end_with(RunResult {
            outcome,
            final_state: st,
        });
    }

    /// A thread leaves: clear_child_tid, wake a vfork parent, remove it; the last thread of a
    /// group makes the group a zombie and tells the parent.
    pub(crate) fn release_task(&mut self, tid: Tid) {
        let Some(t) = self.tasks.get(&tid) else {
            return;
        };
        let (ctid, vfork_parent, mm, tgid) = (t.clear_child_tid, t.vfork_parent, t.mm, t.tgid);
        if ctid != 0 {
            let saved = self.cur;
            self.cur = tid;
            if self.write_u32(ctid, 0).is_ok() {
                self.futex_wake(mm, ctid, 1);
            }
            self.cur = saved;
        }
        if let Some(p) = vfork_parent {
            self.wake(p);
        }
        self.trace_death(tid);
        self.reap_task(tid);
        let empty = self.groups.get(&tgid).is_some_and(|g| g.threads.is_empty());
        if empty {
            self.group_dead(tgid);
        }
    }

    /// The engines' death and reap reports of thread `tid`, which is about to be released;
    /// its tracees are let go.
    fn trace_death(&mut self, tid: Tid) {
        let group_dead = self
            .tasks
            .get(&tid)
            .and_then(|t| self.groups.get(&t.tgid))
            .is_some_and(|g| g.threads.len() <= 1);
        if let Some(t) = self.tasks.get_mut(&tid) {
            t.state = RunState::Dead;
        }
        if group_dead {
            let tgid = self.tasks.get(&tid).map_or(tid, |t| t.tgid);
            if let Some(g) = self.groups.get_mut(&tgid) {
                g.exit_status.get_or_insert(0);
            }
        }
        self.as_current(tid, |k| {
            crate::utrace::report_death(k, tid, group_dead, sig::SIGCHLD as i32);
            crate::utrace::report_reap(k, tid);
        });
        self.ptrace_tracer_gone(tid);
    }

    /// Every thread of `tgid` is gone: zombie, SIGCHLD to the parent, children to init.
    fn group_dead(&mut self, tgid: Tid) {
        let (ppid, exit_signal, status) = match self.groups.get_mut(&tgid) {
            Some(g) => {
                g.zombie = true;
                let status = *g.exit_status.get_or_insert(0);
                (g.ppid, g.exit_signal, status)
            }
            None => return,
        };
        let orphans: Vec<Tid> = self
            .groups
            .values()
            .filter(|g| g.ppid == tgid)
            .map(|g| g.tgid)
            .collect();
        for o in orphans {
            if let Some(g) = self.groups.get_mut(&o) {
                g.ppid = INIT_PID;
            }
        }
        if tgid == INIT_PID {
            // The first process is gone: the run ends with its status.
            let exit = self.groups.get_mut(&tgid).and_then(|g| g.exit.take());
            let (info, state) = exit.map_or((None, None), |e| (e.info, e.state.map(|b| *b)));
            self.end_init(status, info, state);
            return;
        }
        let parent_alive = self.groups.get(&ppid).is_some_and(|g| !g.zombie);
        let autoreap = !parent_alive
            || self.groups.get(&ppid).is_some_and(|g| {
                let a = g.actions[sig::SIGCHLD as usize];
                a.handler == signal::SIG_IGN || a.flags & crate::sigkernel::sa::NOCLDWAIT != 0
            });
        if exit_signal != 0 && parent_alive {
            let code = if status & 0x7f == 0 {
                signal::code::CLD_EXITED
            } else {
                signal::code::CLD_KILLED
            };
            let info = SigInfo {
                signo: exit_signal,
                code,
                pid: tgid,
                status: if status & 0x7f == 0 {
                    ((status >> 8) & 0xff) as i32
                } else {
                    (status & 0x7f) as i32
                },
                ..SigInfo::default()
            };
            self.send_group(ppid, info);
        }
        if autoreap {
            self.groups.remove(&tgid);
        }
        self.wake_waiters(ppid);
    }

    /// Wake the threads of `tgid` blocked in wait4/waitid.
    pub(crate) fn wake_waiters(&mut self, tgid: Tid) {
        let threads = self
            .groups
            .get(&tgid)
            .map(|g| g.threads.clone())
            .unwrap_or_default();
        for t in threads {
            if self
                .tasks
                .get(&t)
                .is_some_and(|x| x.state == RunState::Blocked(Wait::Child))
            {
                self.wake(t);
            }
        }
    }

    // ----- wait -----

    /// The children of the caller matching `pid` (−1/0/negative: any).
    fn children(&self, pid: i64) -> Vec<Tid> {
        let me = self.cur_tgid();
        self.groups
            .values()
            .filter(|g| g.ppid == me && g.tgid != me && (pid <= 0 || g.tgid == pid as u64))
            .map(|g| g.tgid)
            .collect()
    }

    /// Find a reportable child event: (pid, wait status, si_code, si_status).
    fn find_child_event(
        &mut self,
        pid: i64,
        options: u64,
        reap: bool,
    ) -> Option<(Tid, u32, i32, i32)> {
        for c in self.children(pid) {
            let g = self.groups.get(&c)?;
            if g.zombie && options & WEXITED != 0 {
                let st = g.exit_status.unwrap_or(0);
                let (code, sst) = if st & 0x7f == 0 {
                    (signal::code::CLD_EXITED, ((st >> 8) & 0xff) as i32)
                } else {
                    (signal::code::CLD_KILLED, (st & 0x7f) as i32)
                };
                if reap {
                    self.groups.remove(&c);
                }
                return Some((c, st, code, sst));
            }
            match g.event {
                Some(ChildEvent::Stopped(s)) if options & WUNTRACED != 0 => {
                    if reap {
                        if let Some(g) = self.groups.get_mut(&c) {
                            g.event = None;
                        }
                    }
                    return Some((c, (s << 8) | 0x7f, signal::code::CLD_STOPPED, s as i32));
                }
                Some(ChildEvent::Continued) if options & WCONTINUED != 0 => {
                    if reap {
                        if let Some(g) = self.groups.get_mut(&c) {
                            g.event = None;
                        }
                    }
                    return Some((c, 0xffff, signal::code::CLD_CONTINUED, sig::SIGCONT as i32));
                }
                _ => {}
            }
        }
        None
    }

    fn sys_wait4(&mut self, pid: u64, status: u64, options: u64, rusage: u64) -> Action {
        let pid = pid as i64;
        if options & !(WNOHANG | WUNTRACED | WCONTINUED | 0x4000_0000 | 0x8000_0000 | 0x2000_0000)
            != 0
        {
            return err(errno::EINVAL);
        }
        if self.children(pid).is_empty() && !self.has_tracees(pid) {
            return err(errno::ECHILD);
        }
        let event = match self.ptrace_wait_event(pid, true) {
            Some((t, st)) => Some((t, st, 0, 0)),
            None => self.find_child_event(pid, options | WEXITED, true),
        };
        match event {
            Some((c, st, _, _)) => {
                if status != 0 && self.write_u32(status, st).is_err() {
                    return err(errno::EFAULT);
                }
                if rusage != 0 && self.copy_to_user(rusage, &[0u8; 144]).is_err() {
                    return err(errno::EFAULT);
                }
                ok(c)
            }
            None if options & WNOHANG != 0 => ok(0),
            None => Action::Block(Wait::Child),
        }
    }

    /// `waitid`: Linux (kernel/exit.c) writes only si_signo, si_errno, si_code, si_pid,
    /// si_uid and si_status; with WNOHANG and nothing to report it zeroes those fields.
    fn sys_waitid(&mut self, idtype: u64, id: u64, infop: u64, options: u64) -> Action {
        let pid = match idtype {
            0 => -1,
            1 if id as i64 > 0 => id as i64,
            2 => -1,
            _ => return err(errno::EINVAL),
        };
        let known = WNOHANG | WUNTRACED | WEXITED | WCONTINUED | WNOWAIT | 0xe000_0000;
        let opt = options & (WEXITED | WUNTRACED | WCONTINUED);
        if opt == 0 || options & !known != 0 {
            return err(errno::EINVAL);
        }
        if self.children(pid).is_empty() && !self.has_tracees(pid) {
            return err(errno::ECHILD);
        }
        let reap = options & WNOWAIT == 0;
        let traced = self.ptrace_wait_event(pid, reap).map(|(t, st)| {
            let (code, status) = if st & 0x7f == 0x7f {
                (signal::code::CLD_TRAPPED, ((st >> 8) & 0xff) as i32)
            } else if st & 0x7f == 0 {
                (signal::code::CLD_EXITED, ((st >> 8) & 0xff) as i32)
            } else {
                (signal::code::CLD_KILLED, (st & 0x7f) as i32)
            };
            (t, st, code, status)
        });
        let fields = match traced.or_else(|| self.find_child_event(pid, opt, reap)) {
            Some((c, _, code, st)) => [sig::SIGCHLD as i32, 0, code, c as i32, 0, st],
            None if options & WNOHANG != 0 => [0; 6],
            None => return Action::Block(Wait::Child),
        };
        if infop != 0 {
            for (off, v) in [0u64, 4, 8, 16, 20, 24].into_iter().zip(fields) {
                if self.write_u32(infop.wrapping_add(off), v as u32).is_err() {
                    return err(errno::EFAULT);
                }
            }
        }
        ok(0)
    }

    // ----- execve -----

    fn read_str_array(&mut self, mut p: u64) -> Result<Vec<Vec<u8>>, u64> {
        let mut out = Vec::new();
        if p == 0 {
            return Ok(out);
        }
        let mut total = 0usize;
        loop {
            let w = self.copy_from_user(p, 8)?;
            let ptr = le_u64(&w, 0);
            if ptr == 0 {
                return Ok(out);
            }
            let s = self.read_user_str(ptr)?;
            total += s.len() + 1;
            if out.len() >= 4096 || total > 1 << 20 {
                return Err(errno::E2BIG);
            }
            out.push(s);
            p = p.wrapping_add(8);
        }
    }

    fn read_user_str(&mut self, p: u64) -> Result<Vec<u8>, u64> {
        match self.view().read_cstr(p, 1 << 17, Access::data(3)) {
            Ok(Some(s)) => Ok(s),
            Ok(None) => Err(errno::E2BIG),
            Err(_) => Err(errno::EFAULT),
        }
    }

    fn sys_execve(&mut self, path: u64, argv: u64, envp: u64) -> Action {
        let name = match self.read_user_str(path) {
            Ok(n) => n,
            Err(e) => return err(e),
        };
        let (args, env) = match (self.read_str_array(argv), self.read_str_array(envp)) {
            (Ok(a), Ok(e)) => (a, e),
            (Err(e), _) | (_, Err(e)) => return err(e),
        };
        let host = String::from_utf8_lossy(&name).into_owned();
        let data = match std::fs::read(&host) {
            Ok(d) => d,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return err(errno::ENOENT),
            Err(_) => return err(errno::EACCES),
        };
        let mut spec = ProcessSpec::new(args).with_env(env);
        spec.execfn = Some(name);
        let mut space = AddressSpace::new(SpaceKind::User);
        let image = match loader::exec(&data, &spec, &mut self.machine.phys, &mut space) {
            Ok(i) => i,
            Err(_) => {
                space.release_all(&mut self.machine.phys);
                return err(errno::ENOEXEC);
            }
        };
        match self.install_exec(space, &image) {
            Ok(()) => Action::UserReady,
            Err(_) => err(errno::ENOMEM),
        }
    }

    /// The point of no return of `execve`: other threads die, the new memory replaces the old,
    /// handlers are reset, and the calling thread's registers become the new image's.
    fn install_exec(
        &mut self,
        space: AddressSpace,
        image: &loader::ProcessImage,
    ) -> Result<(), KernelError> {
        let tid = self.cur;
        let cpu = self.cur_cpu;
        let tgid = self.cur_tgid();
        let others: Vec<Tid> = self
            .groups
            .get(&tgid)
            .map(|g| g.threads.iter().copied().filter(|&t| t != tid).collect())
            .unwrap_or_default();
        for t in others {
            self.release_task(t);
        }
        let Some(t) = self.tasks.get_mut(&tid) else {
            return Ok(());
        };
        let old_mm = t.mm;
        let vfork_parent = t.vfork_parent.take();
        t.altstack = crate::task::AltStack {
            flags: SS_DISABLE,
            ..Default::default()
        };
        let mm = self.mms.add(Mm {
            space,
            brk_start: image.brk_start,
            brk: image.brk_start,
            mmap_base: image.mmap_base,
            users: 1,
            serial: 0,
        });
        if let Some(t) = self.tasks.get_mut(&tid) {
            t.mm = mm;
        }
        self.drop_mm(old_mm);
        if let Some(p) = vfork_parent {
            self.wake(p);
        }
        if let Some(g) = self.groups.get_mut(&tgid) {
            for a in g.actions.iter_mut().take(NSIG + 1) {
                if a.handler != signal::SIG_IGN {
                    *a = SigAction::default();
                }
            }
        }
        // The new registers: built as for a new process, then put on the vCPU.
        self.start_image(tid, image)?;
        let itc = self.machine.vcpus[cpu].timer.itc();
        if let Some(t) = self.tasks.get_mut(&tid) {
            crate::sched::exchange(&mut self.machine.vcpus[cpu].cpu.state, &mut t.ctx, itc);
            t.resume = Resume::Start;
        }
        self.machine.vcpus[cpu].tlb.flush_all();
        Ok(())
    }

    // ----- futex -----

    #[allow(clippy::too_many_arguments)]
    fn sys_futex(
        &mut self,
        uaddr: u64,
        op: u64,
        val: u64,
        timeout: u64,
        uaddr2: u64,
        val3: u64,
    ) -> Action {
        const WAIT: u64 = 0;
        const WAKE: u64 = 1;
        const REQUEUE: u64 = 3;
        const CMP_REQUEUE: u64 = 4;
        const WAIT_BITSET: u64 = 9;
        const WAKE_BITSET: u64 = 10;
        let mm = self.tasks.get(&self.cur).map_or(0, |t| t.mm);
        if uaddr & 3 != 0 {
            return err(errno::EINVAL);
        }
        match op & 0x7f {
            WAIT | WAIT_BITSET => {
                if op & 0x7f == WAIT_BITSET && val3 as u32 == 0 {
                    return err(errno::EINVAL);
                }
                self.futex_wait(mm, uaddr, val as u32, timeout, op & 0x7f == WAIT_BITSET)
            }
            WAKE | WAKE_BITSET => {
                if op & 0x7f == WAKE_BITSET && val3 as u32 == 0 {
                    return err(errno::EINVAL);
                }
                ok(u64::from(self.futex_wake(
                    mm,
                    uaddr,
                    val.min(u32::MAX as u64) as u32,
                )))
            }
            REQUEUE | CMP_REQUEUE => {
                if op & 0x7f == CMP_REQUEUE {
                    match self.read_u32(uaddr) {
                        Ok(v) if v == val3 as u32 => {}
                        Ok(_) => return err(errno::EAGAIN),
                        Err(e) => return err(e),
                    }
                }
                let woken = self.futex_wake(mm, uaddr, val as u32);
                let moved = self.futex_requeue(mm, uaddr, uaddr2, timeout as u32);
                ok(u64::from(woken + moved))
            }
            _ => self.enosys(crate::process::nr::FUTEX),
        }
    }

    fn futex_wait(
        &mut self,
        mm: usize,
        uaddr: u64,
        val: u32,
        timeout: u64,
        absolute: bool,
    ) -> Action {
        let tid = self.cur;
        if self.resumed {
            let (woken, wake_at) = self
                .tasks
                .get(&tid)
                .map_or((true, None), |t| (t.futex_woken, t.wake_at));
            if woken {
                if let Some(t) = self.tasks.get_mut(&tid) {
                    t.futex_woken = false;
                    t.wake_at = None;
                }
                return ok(0);
            }
            if wake_at.is_some_and(|w| self.now_ns() >= w) {
                if let Some(t) = self.tasks.get_mut(&tid) {
                    t.wake_at = None;
                }
                return err(errno::ETIMEDOUT);
            }
            return Action::Block(Wait::Futex { mm, uaddr });
        }
        match self.read_u32(uaddr) {
            Ok(v) if v == val => {}
            Ok(_) => return err(errno::EAGAIN),
            Err(e) => return err(e),
        }
        let mut wake_at = None;
        if timeout != 0 {
            let d = match self.copy_from_user(timeout, 16) {
                Ok(d) => d,
                Err(e) => return err(e),
            };
            let sec = le_u64(&d, 0);
            let nsec = le_u64(&d, 8);
            if nsec >= 1_000_000_000 || (sec as i64) < 0 {
                return err(errno::EINVAL);
            }
            let dur = sec.saturating_mul(1_000_000_000).saturating_add(nsec);
            wake_at = Some(if absolute {
                dur
            } else {
                self.now_ns().saturating_add(dur)
            });
        }
        self.futex_seq += 1;
        let seq = self.futex_seq;
        if let Some(t) = self.tasks.get_mut(&tid) {
            t.futex_woken = false;
            t.wake_at = wake_at;
            t.wait_seq = seq;
        }
        Action::Block(Wait::Futex { mm, uaddr })
    }

    /// The tasks waiting on (`mm`, `uaddr`) and not yet woken, in the order they started.
    fn futex_waiters(&self, mm: usize, uaddr: u64) -> Vec<Tid> {
        let mut w: Vec<(u64, Tid)> = self
            .tasks
            .values()
            .filter(|t| t.state == RunState::Blocked(Wait::Futex { mm, uaddr }) && !t.futex_woken)
            .map(|t| (t.wait_seq, t.tid))
            .collect();
        w.sort_unstable();
        w.into_iter().map(|(_, tid)| tid).collect()
    }

    /// Wake up to `n` waiters on (`mm`, `uaddr`) in the order they started waiting.
    pub(crate) fn futex_wake(&mut self, mm: usize, uaddr: u64, n: u32) -> u32 {
        let waiters = self.futex_waiters(mm, uaddr);
        let mut count = 0;
        for tid in waiters.into_iter().take(n as usize) {
            if let Some(t) = self.tasks.get_mut(&tid) {
                t.futex_woken = true;
            }
            self.wake(tid);
            count += 1;
        }
        count
    }

    /// Move up to `n` waiters from `from` to `to` (they stay asleep).
    fn futex_requeue(&mut self, mm: usize, from: u64, to: u64, n: u32) -> u32 {
        let waiters = self.futex_waiters(mm, from);
        let mut count = 0;
        for tid in waiters.into_iter().take(n as usize) {
            if let Some(t) = self.tasks.get_mut(&tid) {
                t.state = RunState::Blocked(Wait::Futex { mm, uaddr: to });
                if let Resume::Syscall { args, .. } = &mut t.resume {
                    args[0] = to;
                }
            }
            count += 1;
        }
        count
    }

    /// Wake tasks whose sleep or timeout deadline has passed.
    pub(crate) fn wake_sleepers(&mut self) {
        let now = self.now_ns();
        let due: Vec<Tid> = self
            .tasks
            .values()
            .filter(|t| {
                matches!(t.state, RunState::Blocked(_)) && t.wake_at.is_some_and(|w| w <= now)
            })
            .map(|t| t.tid)
            .collect();
        for t in due {
            self.wake(t);
        }
    }

    /// The earliest deadline of a blocked task.
    pub(crate) fn next_deadline(&self) -> Option<u64> {
        self.tasks
            .values()
            .filter(|t| matches!(t.state, RunState::Blocked(_)))
            .filter_map(|t| t.wake_at)
            .min()
    }

    // ----- scheduler calls -----

    fn target(&self, pid: u64) -> Option<Tid> {
        if pid == 0 {
            Some(self.cur)
        } else {
            self.tasks.contains_key(&pid).then_some(pid)
        }
    }

    fn sys_sched_setaffinity(&mut self, pid: u64, len: u64, mask: u64) -> Action {
        let Some(tid) = self.target(pid) else {
            return err(errno::ESRCH);
        };
        let n = len.min(8);
        let b = match self.copy_from_user(mask, n) {
            Ok(b) => b,
            Err(e) => return err(e),
        };
        let mut w = [0u8; 8];
        w[..b.len()].copy_from_slice(&b);
        let all = if self.config.cpus >= 64 {
            u64::MAX
        } else {
            (1u64 << self.config.cpus) - 1
        };
        let m = u64::from_le_bytes(w) & all;
        if m == 0 {
            return err(errno::EINVAL);
        }
        if let Some(t) = self.tasks.get_mut(&tid) {
            t.affinity = m;
            if t.on_cpu.is_some_and(|c| m & (1 << c) == 0) {
                t.work.flags.set(crate::work::Tif::NeedResched);
            }
        }
        if self.sched.is_queued(tid) {
            self.sched.dequeue(tid);
            self.enqueue(tid);
        }
        ok(0)
    }

    fn sys_sched_getaffinity(&mut self, pid: u64, len: u64, mask: u64) -> Action {
        let Some(tid) = self.target(pid) else {
            return err(errno::ESRCH);
        };
        if len < 8 || len & 7 != 0 {
            return err(errno::EINVAL);
        }
        let m = self.tasks.get(&tid).map_or(0, |t| t.affinity);
        match self.copy_to_user(mask, &m.to_le_bytes()) {
            Ok(()) => ok(8),
            Err(e) => err(e),
        }
    }

    /// `prctl`: PR_SET_UNALIGN (6) / PR_GET_UNALIGN (5), the ia64 per-thread unaligned-access
    /// policy (arch/ia64/include/asm/processor.h `SET_UNALIGN_CTL`/`GET_UNALIGN_CTL`); other
    /// options are EINVAL, as Linux answers options it does not know.
    fn sys_prctl(&mut self, option: u64, arg2: u64) -> Action {
        const PR_GET_UNALIGN: u64 = 5;
        const PR_SET_UNALIGN: u64 = 6;
        let tid = self.cur;
        match option {
            PR_SET_UNALIGN => {
                if let Some(t) = self.tasks.get_mut(&tid) {
                    t.unalign = (arg2 & 3) as u32;
                }
                ok(0)
            }
            PR_GET_UNALIGN => {
                let v = self.tasks.get(&tid).map_or(0, |t| t.unalign);
                match self.write_u32(arg2, v) {
                    Ok(()) => ok(0),
                    Err(e) => err(e),
                }
            }
            _ => err(errno::EINVAL),
        }
    }

    fn sys_getcpu(&mut self, cpu: u64, node: u64) -> Action {
        let c = self.cur_cpu as u32;
        if cpu != 0 && self.write_u32(cpu, c).is_err() {
            return err(errno::EFAULT);
        }
        if node != 0 && self.write_u32(node, 0).is_err() {
            return err(errno::EFAULT);
        }
        ok(0)
    }
}
