//! System calls: Linux/ia64 numbers (1024 + the entry of arch/ia64/kernel/syscalls/syscall.tbl)
//! and their implementations on the machine's memory and console.
//!
//! Arguments arrive as the handler frame's in0–in7 (see [`crate::entry`]); results go back as
//! [`SysResult`] (r8 = value or positive errno, r10 = 0 or −1). User buffers are accessed with
//! user privilege, so a bad pointer is `EFAULT`, never a host error. Time is deterministic:
//! one retired instruction is one nanosecond, plus the time slept by `nanosleep`.

use ia64_cpu::mem::Access;
use ia64_machine::console::Stream;
use ia64_machine::layout::page_align_up;
use ia64_machine::mmu::MemView;
use ia64_machine::phys::{PhysMem, PAGE_SIZE};
use ia64_machine::space::{PageLevel, Perm};

use crate::entry::SysResult;
use crate::kernel::Kernel;
use crate::task::{Group, Mm, Wait};

/// Syscall numbers used here.
pub mod nr {
    /// exit
    pub const EXIT: u64 = 1025;
    /// read
    pub const READ: u64 = 1026;
    /// write
    pub const WRITE: u64 = 1027;
    /// close
    pub const CLOSE: u64 = 1029;
    /// getpid
    pub const GETPID: u64 = 1041;
    /// brk
    pub const BRK: u64 = 1060;
    /// gettid
    pub const GETTID: u64 = 1105;
    /// uname
    pub const UNAME: u64 = 1130;
    /// writev
    pub const WRITEV: u64 = 1147;
    /// mmap
    pub const MMAP: u64 = 1151;
    /// munmap
    pub const MUNMAP: u64 = 1152;
    /// mprotect
    pub const MPROTECT: u64 = 1155;
    /// nanosleep
    pub const NANOSLEEP: u64 = 1168;
    /// exit_group
    pub const EXIT_GROUP: u64 = 1236;
    /// clock_gettime
    pub const CLOCK_GETTIME: u64 = 1254;
    /// openat
    pub const OPENAT: u64 = 1281;
    /// lseek
    pub const LSEEK: u64 = 1040;
    /// ptrace
    pub const PTRACE: u64 = 1048;
    /// pread64
    pub const PREAD64: u64 = 1148;
    /// pwrite64
    pub const PWRITE64: u64 = 1149;
}

/// errno values (Linux generic).
pub mod errno {
    /// Operation not permitted.
    pub const EPERM: u64 = 1;
    /// No such file or directory.
    pub const ENOENT: u64 = 2;
    /// No such process.
    pub const ESRCH: u64 = 3;
    /// Interrupted system call.
    pub const EINTR: u64 = 4;
    /// Argument list too long.
    pub const E2BIG: u64 = 7;
    /// Exec format error.
    pub const ENOEXEC: u64 = 8;
    /// No child processes.
    pub const ECHILD: u64 = 10;
    /// Try again.
    pub const EAGAIN: u64 = 11;
    /// Permission denied.
    pub const EACCES: u64 = 13;
    /// Timed out.
    pub const ETIMEDOUT: u64 = 110;
    /// Bad file descriptor.
    pub const EBADF: u64 = 9;
    /// Out of memory.
    pub const ENOMEM: u64 = 12;
    /// Bad address.
    pub const EFAULT: u64 = 14;
    /// No such device.
    pub const ENODEV: u64 = 19;
    /// Invalid argument.
    pub const EINVAL: u64 = 22;
    /// Too many open files.
    pub const EMFILE: u64 = 24;
    /// Function not implemented.
    pub const ENOSYS: u64 = 38;
    /// I/O error.
    pub const EIO: u64 = 5;
    /// Illegal seek.
    pub const ESPIPE: u64 = 29;
}

/// What a syscall asks the kernel to do next.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    /// Return to user mode with this result.
    Return(SysResult),
    /// Sleep until woken, then run the syscall again.
    Block(Wait),
    /// The calling thread exits (`exit`) with this status.
    Exit(i32),
    /// The whole thread group exits (`exit_group`) with this status.
    ExitGroup(i32),
    /// Sleep until woken, then finish with this result (vfork).
    BlockThen(Wait, SysResult),
    /// The syscall has restored the user state itself (`rt_sigreturn`): go straight to the
    /// return-to-user work.
    Resumed,
    /// The registers are a fresh user state (`execve`): run it.
    UserReady,
}

/// An open file description (only the standard streams and /dev/null exist).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum File {
    /// Host standard input.
    Stdin,
    /// Console stdout.
    Stdout,
    /// Console stderr.
    Stderr,
    /// /dev/null.
    Null,
    /// `/proc/<pid>/mem` of memory descriptor `mm` (the one it had at open, told apart from a
    /// later descriptor in the same slot by `serial`), with the file position.
    ProcMem {
        /// Memory descriptor.
        mm: usize,
        /// Its serial number at open.
        serial: u64,
        /// File position (a user address).
        pos: u64,
    },
}

const MAX_FDS: usize = 64;
const MAX_IO: u64 = 1 << 24;
const MAP_SHARED: u64 = 0x01;
const MAP_PRIVATE: u64 = 0x02;
const MAP_FIXED: u64 = 0x10;
const MAP_ANONYMOUS: u64 = 0x20;

/// The little-endian u64 at `at` in `b` (0 where `b` is too short; callers copy whole structs).
pub(crate) fn le_u64(b: &[u8], at: usize) -> u64 {
    let mut w = [0u8; 8];
    if let Some(src) = b.get(at..at + 8) {
        w.copy_from_slice(src);
    }
    u64::from_le_bytes(w)
}

/// A syscall's successful return.
pub(crate) fn ok(v: u64) -> Action {
    Action::Return(SysResult::Ok(v))
}

/// A syscall's error return.
pub(crate) fn err(e: u64) -> Action {
    Action::Return(SysResult::Err(e))
}

impl Kernel {
    /// Dispatch syscall `nr` with arguments `a`.
    pub(crate) fn syscall(&mut self, nr: u64, a: [u64; 8]) -> Action {
        match nr {
            nr::EXIT => Action::Exit((a[0] & 0xff) as i32),
            nr::EXIT_GROUP => Action::ExitGroup((a[0] & 0xff) as i32),
            nr::READ => self.sys_read(a[0], a[1], a[2]),
            nr::WRITE => self.sys_write(a[0], a[1], a[2]),
            nr::WRITEV => self.sys_writev(a[0], a[1], a[2]),
            nr::OPENAT => self.sys_openat(a[1], a[2]),
            nr::CLOSE => self.sys_close(a[0]),
            nr::GETPID => ok(self.cur_tgid()),
            nr::GETTID => ok(self.cur),
            nr::BRK => self.sys_brk(a[0]),
            nr::MMAP => self.sys_mmap(a[0], a[1], a[2], a[3], a[4]),
            nr::MUNMAP => self.sys_munmap(a[0], a[1]),
            nr::MPROTECT => self.sys_mprotect(a[0], a[1], a[2]),
            nr::UNAME => self.sys_uname(a[0]),
            nr::CLOCK_GETTIME => self.sys_clock_gettime(a[0], a[1]),
            nr::NANOSLEEP => self.sys_nanosleep(a[0]),
            nr::PREAD64 => self.sys_pread(a[0], a[1], a[2], a[3], false),
            nr::PWRITE64 => self.sys_pread(a[0], a[1], a[2], a[3], true),
            nr::LSEEK => self.sys_lseek(a[0], a[1], a[2]),
            nr::PTRACE => self.sys_ptrace(a[0], a[1], a[2], a[3]),
            _ => self.process_syscall(nr, a),
        }
    }

    /// Syscalls nobody implements: ENOSYS, logged once per number.
    pub(crate) fn enosys(&mut self, nr: u64) -> Action {
        {
            {
                if self.unknown_syscalls.insert(nr) {
                    tracing::warn!(target: "kernel::syscall", nr, "unknown syscall: ENOSYS");
                }
                err(errno::ENOSYS)
            }
        }
    }

    pub(crate) fn view(&mut self) -> MemView<'_> {
        let cpu = self.cur_cpu;
        self.cpu_view(cpu).1
    }

    /// The calling task's thread group id.
    pub(crate) fn cur_tgid(&self) -> u64 {
        self.tasks.get(&self.cur).map_or(0, |t| t.tgid)
    }

    /// The calling task's thread group.
    pub(crate) fn cur_group(&mut self) -> Option<&mut Group> {
        let tgid = self.cur_tgid();
        self.groups.get_mut(&tgid)
    }

    pub(crate) fn file(&self, fd: u64) -> Option<File> {
        self.groups
            .get(&self.cur_tgid())?
            .fds
            .get(usize::try_from(fd).ok()?)
            .copied()
            .flatten()
    }

    pub(crate) fn copy_from_user(&mut self, addr: u64, len: u64) -> Result<Vec<u8>, u64> {
        if len > MAX_IO {
            return Err(errno::EINVAL);
        }
        let mut buf = vec![0u8; len as usize];
        self.view()
            .read_bytes(addr, &mut buf, Access::data(3))
            .map_err(|_| errno::EFAULT)?;
        Ok(buf)
    }

    pub(crate) fn copy_to_user(&mut self, addr: u64, data: &[u8]) -> Result<(), u64> {
        self.view()
            .write_bytes(addr, data, Access::data(3))
            .map_err(|_| errno::EFAULT)
    }

    fn output(&mut self, file: File, data: &[u8]) -> Result<u64, u64> {
        match file {
            File::Stdout | File::Stderr => {
                let stream = if file == File::Stdout {
                    Stream::Stdout
                } else {
                    Stream::Stderr
                };
                // A closed host pipe is not the guest's problem: report success like /dev/null.
                let _ = self.console.write(stream, data);
                Ok(data.len() as u64)
            }
            File::Null => Ok(data.len() as u64),
            File::Stdin => Err(errno::EBADF),
            File::ProcMem { .. } => Err(errno::EINVAL),
        }
    }

    fn sys_write(&mut self, fd: u64, buf: u64, count: u64) -> Action {
        let Some(file) = self.file(fd) else {
            return err(errno::EBADF);
        };
        if let File::ProcMem { pos, .. } = file {
            return self.proc_mem_rw(fd, buf, count, pos, true, true);
        }
        match self
            .copy_from_user(buf, count)
            .and_then(|d| self.output(file, &d))
        {
            Ok(n) => ok(n),
            Err(e) => err(e),
        }
    }

    fn sys_writev(&mut self, fd: u64, iov: u64, iovcnt: u64) -> Action {
        let Some(file) = self.file(fd) else {
            return err(errno::EBADF);
        };
        if iovcnt > 1024 {
            return err(errno::EINVAL);
        }
        let vecs = match self.copy_from_user(iov, iovcnt * 16) {
            Ok(v) => v,
            Err(e) => return err(e),
        };
        let mut data = Vec::new();
        for chunk in vecs.chunks_exact(16) {
            match self.copy_from_user(le_u64(chunk, 0), le_u64(chunk, 8)) {
                Ok(d) => data.extend_from_slice(&d),
                Err(e) => return err(e),
            }
        }
        match self.output(file, &data) {
            Ok(n) => ok(n),
            Err(e) => err(e),
        }
    }

    fn sys_read(&mut self, fd: u64, buf: u64, count: u64) -> Action {
        let Some(file) = self.file(fd) else {
            return err(errno::EBADF);
        };
        let data = match file {
            File::Null => Vec::new(),
            File::Stdin => {
                let n = count.min(MAX_IO) as usize;
                let mut b = vec![0u8; n];
                let got = self.stdin.read(&mut b).unwrap_or(0);
                b.truncate(got);
                b
            }
            File::Stdout | File::Stderr => return err(errno::EBADF),
            File::ProcMem { pos, .. } => return self.proc_mem_rw(fd, buf, count, pos, false, true),
        };
        match self.copy_to_user(buf, &data) {
            Ok(()) => ok(data.len() as u64),
            Err(e) => err(e),
        }
    }

    fn sys_openat(&mut self, path: u64, _flags: u64) -> Action {
        let name = match self.view().read_cstr(path, 4096, Access::data(3)) {
            Ok(Some(n)) => n,
            Ok(None) => return err(errno::ENOENT),
            Err(_) => return err(errno::EFAULT),
        };
        let file = match name.as_slice() {
            b"/dev/null" => File::Null,
            b"/dev/stdin" => File::Stdin,
            b"/dev/stdout" => File::Stdout,
            b"/dev/stderr" => File::Stderr,
            _ => match self.open_proc_mem(&name) {
                Ok(f) => f,
                Err(e) => return err(e),
            },
        };
        let Some(g) = self.cur_group() else {
            return err(errno::EBADF);
        };
        let fds = &mut g.fds;
        match fds.iter().position(Option::is_none) {
            Some(i) => {
                fds[i] = Some(file);
                ok(i as u64)
            }
            None if fds.len() < MAX_FDS => {
                fds.push(Some(file));
                ok(fds.len() as u64 - 1)
            }
            None => err(errno::EMFILE),
        }
    }

    fn sys_close(&mut self, fd: u64) -> Action {
        let Some(g) = self.cur_group() else {
            return err(errno::EBADF);
        };
        match usize::try_from(fd).ok().and_then(|i| g.fds.get_mut(i)) {
            Some(slot @ Some(_)) => {
                *slot = None;
                ok(0)
            }
            _ => err(errno::EBADF),
        }
    }

    /// A kernel view of memory descriptor `mm` (its user regions and the kernel region)
    /// through the scratch TLB: how the kernel reaches another task's memory.
    pub(crate) fn mm_view(&mut self, mm: usize) -> Option<MemView<'_>> {
        let m = self.mms.0.get(mm)?.as_ref()?;
        Some(MemView::new(
            &mut self.machine.phys,
            &m.space,
            &self.machine.kspace,
            &mut self.scratch_tlb,
        ))
    }

    /// Run `f` on the calling task's memory descriptor and the physical memory.
    pub(crate) fn with_mm<R>(&mut self, f: impl FnOnce(&mut Mm, &mut PhysMem) -> R) -> Option<R> {
        let mm = self.tasks.get(&self.cur)?.mm;
        let m = self.mms.0.get_mut(mm)?.as_mut()?;
        Some(f(m, &mut self.machine.phys))
    }

    /// `brk`: grow or shrink the heap after the program's last segment; on failure (or with 0)
    /// return the current break, as Linux does.
    fn sys_brk(&mut self, want: u64) -> Action {
        let r = self.with_mm(|m, phys| {
            let (cur, start) = (m.brk, m.brk_start);
            if want < start || want > start.saturating_add(1 << 40) {
                return cur;
            }
            let (old_end, new_end) = (page_align_up(cur), page_align_up(want));
            let result = if new_end > old_end {
                m.space
                    .map(phys, old_end, new_end - old_end, Perm::RW, PageLevel::User)
            } else if new_end < old_end {
                m.space.unmap(phys, new_end, old_end - new_end).map(|_| ())
            } else {
                Ok(())
            };
            match result {
                Ok(()) => {
                    m.brk = want;
                    want
                }
                Err(_) => cur,
            }
        });
        ok(r.unwrap_or(0))
    }

    fn sys_mmap(&mut self, addr: u64, len: u64, prot: u64, flags: u64, fd: u64) -> Action {
        if len == 0 || flags & (MAP_SHARED | MAP_PRIVATE) == 0 {
            return err(errno::EINVAL);
        }
        if flags & MAP_ANONYMOUS == 0 {
            return err(if self.file(fd).is_some() {
                errno::ENODEV
            } else {
                errno::EBADF
            });
        }
        let len = page_align_up(len);
        if len == 0 || len > 1 << 40 {
            return err(errno::ENOMEM);
        }
        let perm = Perm::from_prot((prot & 7) as u32);
        let fixed = flags & MAP_FIXED != 0;
        if fixed && addr & (PAGE_SIZE - 1) != 0 {
            return err(errno::EINVAL);
        }
        let r = self.with_mm(|m, phys| {
            let at = if fixed {
                m.space.unmap(phys, addr, len).map_err(|_| errno::EINVAL)?;
                addr
            } else {
                let limit = m.mmap_base.saturating_add(1 << 42);
                m.space
                    .find_free(m.mmap_base, len, limit)
                    .ok_or(errno::ENOMEM)?
            };
            m.space
                .map(phys, at, len, perm, PageLevel::User)
                .map_err(|_| errno::ENOMEM)?;
            Ok(at)
        });
        match r {
            Some(Ok(at)) => ok(at),
            Some(Err(e)) => err(e),
            None => err(errno::ENOMEM),
        }
    }

    fn sys_munmap(&mut self, addr: u64, len: u64) -> Action {
        if addr & (PAGE_SIZE - 1) != 0 || len == 0 {
            return err(errno::EINVAL);
        }
        match self.with_mm(|m, phys| m.space.unmap(phys, addr, page_align_up(len))) {
            Some(Ok(_)) => ok(0),
            _ => err(errno::EINVAL),
        }
    }

    fn sys_mprotect(&mut self, addr: u64, len: u64, prot: u64) -> Action {
        if addr & (PAGE_SIZE - 1) != 0 {
            return err(errno::EINVAL);
        }
        if len == 0 {
            return ok(0);
        }
        let perm = Perm::from_prot((prot & 7) as u32);
        match self.with_mm(|m, _| m.space.protect(addr, page_align_up(len), perm)) {
            Some(Ok(())) => ok(0),
            _ => err(errno::ENOMEM),
        }
    }

    fn sys_uname(&mut self, buf: u64) -> Action {
        let fields: [&[u8]; 6] = [
            b"Linux",
            b"ia64emu",
            b"6.1.0-ia64emu",
            b"#1 SMP",
            b"ia64",
            b"(none)",
        ];
        let mut out = vec![0u8; 65 * 6];
        for (i, f) in fields.iter().enumerate() {
            out[i * 65..i * 65 + f.len()].copy_from_slice(f);
        }
        match self.copy_to_user(buf, &out) {
            Ok(()) => ok(0),
            Err(e) => err(e),
        }
    }

    fn sys_clock_gettime(&mut self, clock: u64, ts: u64) -> Action {
        // CLOCK_REALTIME(_COARSE) start at 2000-01-01T00:00:00Z; the others at boot.
        let base = match clock {
            0 | 5 => 946_684_800,
            1..=4 | 6 | 7 => 0,
            _ => return err(errno::EINVAL),
        };
        let now = self.now_ns();
        let mut out = [0u8; 16];
        out[..8].copy_from_slice(&(base + now / 1_000_000_000).to_le_bytes());
        out[8..].copy_from_slice(&(now % 1_000_000_000).to_le_bytes());
        match self.copy_to_user(ts, &out) {
            Ok(()) => ok(0),
            Err(e) => err(e),
        }
    }

    /// `nanosleep`: block until the clock passes the deadline (computed at the first call;
    /// a restart after a signal sleeps the whole duration again: this kernel keeps no
    /// restart block).
    fn sys_nanosleep(&mut self, req: u64) -> Action {
        let now = self.now_ns();
        if let Some(until) = self.tasks.get(&self.cur).and_then(|t| t.wake_at) {
            if self.resumed && now < until {
                return Action::Block(Wait::Sleep { until });
            }
            if let Some(t) = self.tasks.get_mut(&self.cur) {
                t.wake_at = None;
            }
            if self.resumed {
                return ok(0);
            }
        }
        let d = match self.copy_from_user(req, 16) {
            Ok(d) => d,
            Err(e) => return err(e),
        };
        let (sec, nsec) = (le_u64(&d, 0), le_u64(&d, 8));
        if (sec as i64) < 0 || nsec >= 1_000_000_000 {
            return err(errno::EINVAL);
        }
        let dur = sec.saturating_mul(1_000_000_000).saturating_add(nsec);
        if dur == 0 {
            return ok(0);
        }
        let until = now.saturating_add(dur);
        if let Some(t) = self.tasks.get_mut(&self.cur) {
            t.wake_at = Some(until);
        }
        Action::Block(Wait::Sleep { until })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kernel::Config;
    use ia64_machine::console::Console;
    use ia64_machine::loader::ProcessSpec;

    fn kernel() -> Kernel {
        let elf = include_bytes!("../../test-programs/bin/hello");
        match Kernel::new(
            elf,
            &ProcessSpec::new(["hello"]),
            Config::default(),
            Console::capture(),
        ) {
            Ok(k) => k,
            Err(e) => panic!("hello loads: {e}"),
        }
    }

    fn mapped(k: &Kernel, addr: u64, len: u64) -> bool {
        k.mms.get(0).is_some_and(|m| m.space.is_mapped(addr, len))
    }

    fn call(k: &mut Kernel, nr: u64, args: &[u64]) -> Action {
        let mut a = [0u64; 8];
        a[..args.len()].copy_from_slice(args);
        k.syscall(nr, a)
    }

    #[test]
    fn unknown_syscalls_are_enosys_and_recorded_once() {
        let mut k = kernel();
        assert_eq!(call(&mut k, 1999, &[]), err(errno::ENOSYS));
        assert_eq!(call(&mut k, 1999, &[]), err(errno::ENOSYS));
        assert_eq!(k.unknown_syscalls.len(), 1);
    }

    #[test]
    fn write_checks_descriptors_and_pointers() {
        let mut k = kernel();
        assert_eq!(call(&mut k, nr::WRITE, &[7, 0, 1]), err(errno::EBADF));
        assert_eq!(call(&mut k, nr::WRITE, &[1, 0x10, 4]), err(errno::EFAULT));
        let msg = k.image.argv_addr; // points at a valid user word
        assert_eq!(call(&mut k, nr::WRITE, &[1, msg, 0]), ok(0));
        assert_eq!(call(&mut k, nr::WRITE, &[0, msg, 1]), err(errno::EBADF));
    }

    #[test]
    fn brk_grows_shrinks_and_refuses_nonsense() {
        let mut k = kernel();
        let start = k.image.brk_start;
        assert_eq!(call(&mut k, nr::BRK, &[0]), ok(start));
        assert_eq!(
            call(&mut k, nr::BRK, &[start + 100_000]),
            ok(start + 100_000)
        );
        assert!(mapped(&k, start, 100_000));
        assert_eq!(call(&mut k, nr::BRK, &[start + 10]), ok(start + 10));
        assert!(!mapped(&k, start + PAGE_SIZE, PAGE_SIZE));
        assert_eq!(call(&mut k, nr::BRK, &[1]), ok(start + 10));
    }

    #[test]
    fn mmap_anonymous_only() {
        let mut k = kernel();
        assert_eq!(
            call(&mut k, nr::MMAP, &[0, 0, 3, 0x22, u64::MAX]),
            err(errno::EINVAL)
        );
        assert_eq!(
            call(&mut k, nr::MMAP, &[0, 4096, 3, 0x02, 1]),
            err(errno::ENODEV)
        );
        assert_eq!(
            call(&mut k, nr::MMAP, &[0, 4096, 3, 0x02, 9]),
            err(errno::EBADF)
        );
        let Action::Return(SysResult::Ok(a)) =
            call(&mut k, nr::MMAP, &[0, 5000, 3, 0x22, u64::MAX])
        else {
            panic!("anonymous mmap succeeds");
        };
        assert_eq!(a & (PAGE_SIZE - 1), 0);
        assert!(mapped(&k, a, PAGE_SIZE));
        assert_eq!(call(&mut k, nr::MPROTECT, &[a, PAGE_SIZE, 1]), ok(0));
        assert_eq!(
            call(&mut k, nr::MUNMAP, &[a + 1, PAGE_SIZE]),
            err(errno::EINVAL)
        );
        assert_eq!(call(&mut k, nr::MUNMAP, &[a, PAGE_SIZE]), ok(0));
        assert_eq!(
            call(&mut k, nr::MPROTECT, &[a, PAGE_SIZE, 1]),
            err(errno::ENOMEM)
        );
    }

    #[test]
    fn clock_is_deterministic_and_nanosleep_blocks_until_the_deadline() {
        let mut k = kernel();
        let ts = k.image.start_stack; // a writable user address
        assert_eq!(
            call(&mut k, nr::CLOCK_GETTIME, &[99, ts]),
            err(errno::EINVAL)
        );
        assert_eq!(call(&mut k, nr::CLOCK_GETTIME, &[1, ts]), ok(0));
        let before = k.now_ns();
        let req = [2u64.to_le_bytes(), 5u64.to_le_bytes()].concat();
        k.copy_to_user(ts, &req)
            .unwrap_or_else(|e| panic!("errno {e}"));
        assert_eq!(
            call(&mut k, nr::NANOSLEEP, &[ts, 0]),
            Action::Block(Wait::Sleep {
                until: before + 2_000_000_005
            })
        );
        k.resumed = true;
        assert_eq!(
            call(&mut k, nr::NANOSLEEP, &[ts, 0]),
            Action::Block(Wait::Sleep {
                until: before + 2_000_000_005
            }),
            "woken early: sleeps on"
        );
        k.resumed = false;
        let bad = [0u64.to_le_bytes(), 1_000_000_000u64.to_le_bytes()].concat();
        k.copy_to_user(ts, &bad)
            .unwrap_or_else(|e| panic!("errno {e}"));
        assert_eq!(call(&mut k, nr::NANOSLEEP, &[ts, 0]), err(errno::EINVAL));
    }

    #[test]
    fn openat_knows_only_the_device_files() {
        let mut k = kernel();
        let p = k.image.start_stack;
        k.copy_to_user(p, b"/dev/null\0")
            .unwrap_or_else(|e| panic!("errno {e}"));
        assert_eq!(call(&mut k, nr::OPENAT, &[u64::MAX - 99, p, 0]), ok(3));
        assert_eq!(call(&mut k, nr::WRITE, &[3, p, 4]), ok(4));
        assert_eq!(call(&mut k, nr::CLOSE, &[3]), ok(0));
        assert_eq!(call(&mut k, nr::CLOSE, &[3]), err(errno::EBADF));
        k.copy_to_user(p, b"/etc/passwd\0")
            .unwrap_or_else(|e| panic!("errno {e}"));
        assert_eq!(call(&mut k, nr::OPENAT, &[0, p, 0]), err(errno::ENOENT));
    }
}
