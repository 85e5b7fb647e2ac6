//! `/proc/<pid>/mem`: a file whose offsets are the target's user addresses (kernel-facilities.md
//! §4.7, fs/proc/base.c `mem_open`/`mem_rw`).
//!
//! This module owns opening it (the access check happens once, at open: `ptrace_may_access`
//! in ATTACH mode with the caller's credentials; the file then names the target's memory
//! descriptor of that moment, so after the target execs it no longer reaches the new image)
//! and reading and writing it (`access_remote_vm` with FOLL_FORCE, the proc_mem default
//! "always" since Linux 6.12: read-only pages are written too).
//!
//! It reads and writes plain user memory, with no register-stack redirection: the user
//! register backing store shows what user memory holds, which is stale for registers the
//! kernel has not written back — the coherence problem the RSE policies address.

use crate::kernel::Kernel;
use crate::syscall::{err, errno, ok, Action, File};
use crate::task::Tid;

/// The most bytes one read or write moves.
const MAX_RW: u64 = 1 << 20;

/// `SEEK_SET`, `SEEK_CUR`.
const SEEK_SET: u64 = 0;
const SEEK_CUR: u64 = 1;

/// The task a `/proc/<pid>/mem` or `/proc/self/mem` path names, if the path is one.
fn proc_mem_target(k: &Kernel, path: &[u8]) -> Option<Option<Tid>> {
    let rest = path.strip_prefix(b"/proc/")?;
    let who = rest.strip_suffix(b"/mem")?;
    if who == b"self" {
        return Some(Some(k.cur_tgid()));
    }
    let s = std::str::from_utf8(who).ok()?;
    let pid: Tid = s.parse().ok()?;
    Some(k.tasks.contains_key(&pid).then_some(pid))
}

impl Kernel {
    /// Open `/proc/<pid>/mem` (ENOENT for other paths and dead pids, EACCES when the caller
    /// may not access the target).
    pub(crate) fn open_proc_mem(&mut self, path: &[u8]) -> Result<File, u64> {
        let target = proc_mem_target(self, path)
            .ok_or(errno::ENOENT)?
            .ok_or(errno::ENOENT)?;
        if !crate::ptrace::may_access(self, self.cur, target) {
            return Err(errno::EACCES);
        }
        let mm = self.tasks.get(&target).ok_or(errno::ENOENT)?.mm;
        let serial = self.mms.get(mm).ok_or(errno::ENOENT)?.serial;
        self.stats.proc_mem_opens += 1;
        Ok(File::ProcMem { mm, serial, pos: 0 })
    }

    /// Read (or write) `count` bytes of `/proc/<pid>/mem` open on `fd` at `pos`, to (from) the
    /// caller's `buf`; `advance` moves the file position (read/write, not pread/pwrite).
    pub(crate) fn proc_mem_rw(
        &mut self,
        fd: u64,
        buf: u64,
        count: u64,
        pos: u64,
        write: bool,
        advance: bool,
    ) -> Action {
        let Some(File::ProcMem { mm, serial, .. }) = self.file(fd) else {
            return err(errno::EBADF);
        };
        let count = count.min(MAX_RW);
        // The descriptor is gone (the target exited or exec'd): nothing more to read.
        if self.mms.get(mm).is_none_or(|m| m.serial != serial) {
            return ok(0);
        }
        let done = if write {
            let data = match self.copy_from_user(buf, count) {
                Ok(d) => d,
                Err(e) => return err(e),
            };
            let mut data = data;
            self.access_mm(mm, pos, &mut data, true)
        } else {
            let mut data = vec![0u8; count as usize];
            let n = self.access_mm(mm, pos, &mut data, false);
            if let Err(e) = self.copy_to_user(buf, &data[..n]) {
                return err(e);
            }
            n
        };
        if done == 0 && count > 0 {
            return err(errno::EIO);
        }
        if advance {
            self.set_proc_mem_pos(fd, pos.wrapping_add(done as u64));
        }
        self.stats.proc_mem_bytes += done as u64;
        ok(done as u64)
    }

    fn set_proc_mem_pos(&mut self, fd: u64, new: u64) {
        let Some(g) = self.cur_group() else {
            return;
        };
        if let Some(Some(File::ProcMem { pos, .. })) =
            usize::try_from(fd).ok().and_then(|i| g.fds.get_mut(i))
        {
            *pos = new;
        }
    }

    /// `pread64` / `pwrite64`: only `/proc/<pid>/mem` is seekable here.
    pub(crate) fn sys_pread(
        &mut self,
        fd: u64,
        buf: u64,
        count: u64,
        off: u64,
        write: bool,
    ) -> Action {
        match self.file(fd) {
            None => err(errno::EBADF),
            Some(File::ProcMem { .. }) => self.proc_mem_rw(fd, buf, count, off, write, false),
            Some(_) => err(errno::ESPIPE),
        }
    }

    /// `lseek` (SEEK_SET, SEEK_CUR; offsets are addresses, so any 64-bit value is valid).
    pub(crate) fn sys_lseek(&mut self, fd: u64, off: u64, whence: u64) -> Action {
        let Some(f) = self.file(fd) else {
            return err(errno::EBADF);
        };
        let File::ProcMem { pos, .. } = f else {
            return err(errno::ESPIPE);
        };
        let new = match whence {
            SEEK_SET => off,
            SEEK_CUR => pos.wrapping_add(off),
            _ => return err(errno::EINVAL),
        };
        self.set_proc_mem_pos(fd, new);
        // Linux's mem_lseek sets force_successful_syscall_return: "negative" offsets are
        // valid addresses.
        ok(new)
    }
}
