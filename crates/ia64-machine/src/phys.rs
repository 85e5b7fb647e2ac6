//! Guest physical memory: 16 KiB frames, storage allocated on first write.
//!
//! Physical memory is a dense vector of optional frames indexed by frame number (physical address
//! `>> 14`). A frame's storage is allocated the first time it is written; reading an untouched
//! frame yields zeros without allocating. The physical address space is limited to
//! [`PhysMem::limit`] bytes (default [`DEFAULT_PHYS_LIMIT`], 4 GiB); accesses beyond it are
//! [`PhysError::OutOfRange`].
//!
//! Besides storage, `PhysMem` is the frame allocator used by address spaces (fresh zero frames on
//! map, reference counts for shared frames, a free list) and keeps the per-frame *code* mark used
//! by the CPU's decoded-bundle cache: a write to a frame marked as code is recorded (see
//! [`PhysMem::drain_code_writes`]) and bumps [`PhysMem::code_write_count`].
//!
//! ```
//! use ia64_machine::phys::PhysMem;
//! let mut p = PhysMem::new();
//! p.write_u64(0x4008, 0x1122_3344_5566_7788).unwrap();
//! assert_eq!(p.read_u32(0x400c).unwrap(), 0x1122_3344);
//! assert_eq!(p.read_u64(0x8000).unwrap(), 0); // untouched memory reads as zero
//! ```

/// log2 of the page (frame) size.
pub const PAGE_SHIFT: u32 = 14;
/// Page (frame) size in bytes: 16 KiB, the Linux/ia64 default.
pub const PAGE_SIZE: u64 = 1 << PAGE_SHIFT;
/// Mask of the offset inside a page.
pub const PAGE_MASK: u64 = PAGE_SIZE - 1;
/// Default size of the guest physical address space (4 GiB).
pub const DEFAULT_PHYS_LIMIT: u64 = 1 << 32;

/// The bytes of one frame.
pub type Frame = [u8; PAGE_SIZE as usize];

/// Why a physical access or allocation failed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum PhysError {
    /// The physical address lies beyond the configured physical memory size.
    #[error("physical address {0:#x} is outside guest physical memory")]
    OutOfRange(u64),
    /// Every frame is in use.
    #[error("guest physical memory exhausted")]
    OutOfMemory,
}

/// Guest physical memory plus its frame allocator.
#[derive(Debug)]
pub struct PhysMem {
    frames: Vec<Option<Box<Frame>>>,
    refs: Vec<u32>,
    code: Vec<bool>,
    free: Vec<u64>,
    next_frame: u64,
    max_frames: u64,
    code_writes: Vec<u64>,
    drained: Vec<u64>,
    code_write_count: u64,
    code_mark_epoch: u64,
    allocated_frames: u64,
}

impl Default for PhysMem {
    fn default() -> Self {
        Self::new()
    }
}

fn zero_frame() -> Box<Frame> {
    // Built on the heap directly (no 16 KiB stack temporary).
    let v = vec![0u8; PAGE_SIZE as usize].into_boxed_slice();
    match v.try_into() {
        Ok(b) => b,
        Err(_) => Box::new([0u8; PAGE_SIZE as usize]),
    }
}

impl PhysMem {
    /// Empty physical memory of [`DEFAULT_PHYS_LIMIT`] bytes.
    pub fn new() -> Self {
        Self::with_limit(DEFAULT_PHYS_LIMIT)
    }

    /// Empty physical memory of `limit` bytes (rounded down to whole frames, at least 2 frames).
    pub fn with_limit(limit: u64) -> Self {
        Self {
            frames: Vec::new(),
            refs: Vec::new(),
            code: Vec::new(),
            free: Vec::new(),
            // Frame 0 is never handed out, so physical address 0 is never a mapped page.
            next_frame: 1,
            max_frames: (limit >> PAGE_SHIFT).max(2),
            code_writes: Vec::new(),
            drained: Vec::new(),
            code_write_count: 0,
            code_mark_epoch: 0,
            allocated_frames: 0,
        }
    }

    /// Size of the physical address space in bytes.
    pub fn limit(&self) -> u64 {
        self.max_frames << PAGE_SHIFT
    }

    /// Number of frames whose storage has been allocated (touched by a write).
    pub fn resident_frames(&self) -> usize {
        self.frames.iter().filter(|f| f.is_some()).count()
    }

    /// Number of frames currently handed out by [`PhysMem::alloc_frame`].
    pub fn allocated_frames(&self) -> u64 {
        self.allocated_frames
    }

    fn ensure_index(&mut self, frame: u64) -> Result<usize, PhysError> {
        if frame >= self.max_frames {
            return Err(PhysError::OutOfRange(frame << PAGE_SHIFT));
        }
        let i = frame as usize;
        if i >= self.frames.len() {
            self.frames.resize_with(i + 1, || None);
            self.refs.resize(i + 1, 0);
            self.code.resize(i + 1, false);
        }
        Ok(i)
    }

    /// Allocate a fresh, zero-filled frame with reference count 1; returns its frame number.
    pub fn alloc_frame(&mut self) -> Result<u64, PhysError> {
        let frame = match self.free.pop() {
            Some(f) => f,
            None => {
                if self.next_frame >= self.max_frames {
                    return Err(PhysError::OutOfMemory);
                }
                self.next_frame += 1;
                self.next_frame - 1
            }
        };
        let i = self.ensure_index(frame)?;
        self.frames[i] = None; // zero, storage allocated on first write
        self.refs[i] = 1;
        self.allocated_frames += 1;
        Ok(frame)
    }

    /// Add a reference to an allocated frame (a second mapping of it).
    pub fn share_frame(&mut self, frame: u64) {
        if let Some(r) = self.refs.get_mut(frame as usize) {
            *r = r.saturating_add(1);
        }
    }

    /// Drop one reference; the last one frees the frame (its contents are discarded). Freeing a
    /// frame marked as code reports it as a code write, so decoded bundles of it are dropped.
    pub fn release_frame(&mut self, frame: u64) {
        let i = frame as usize;
        let Some(r) = self.refs.get_mut(i) else {
            return;
        };
        if *r == 0 {
            return;
        }
        *r -= 1;
        if *r == 0 {
            self.frames[i] = None;
            if self.code[i] {
                self.code[i] = false;
                self.note_code_write(frame);
            }
            self.free.push(frame);
            self.allocated_frames -= 1;
        }
    }

    /// Reference count of a frame (0 = free).
    pub fn frame_refs(&self, frame: u64) -> u32 {
        self.refs.get(frame as usize).copied().unwrap_or(0)
    }

    /// The bytes of a frame if it has storage (untouched frames read as zero and return `None`).
    #[inline(always)]
    pub fn frame(&self, frame: u64) -> Option<&Frame> {
        match self.frames.get(frame as usize) {
            Some(Some(b)) => Some(b),
            _ => None,
        }
    }

    /// The bytes of a frame for writing if it already has storage (the fast path).
    #[inline(always)]
    pub fn frame_mut_existing(&mut self, frame: u64) -> Option<&mut Frame> {
        match self.frames.get_mut(frame as usize) {
            Some(Some(b)) => Some(b),
            _ => None,
        }
    }

    /// The bytes of a frame for writing, allocating its storage on first touch.
    #[inline]
    pub fn frame_mut(&mut self, frame: u64) -> Result<&mut Frame, PhysError> {
        let i = self.ensure_index(frame)?;
        Ok(self.frames[i].get_or_insert_with(zero_frame))
    }

    /// Whether the frame is marked as holding decoded code.
    #[inline(always)]
    pub fn is_code(&self, frame: u64) -> bool {
        self.code.get(frame as usize).copied().unwrap_or(false)
    }

    /// Mark the frame containing physical address `pa` as code: later writes to it are recorded.
    pub fn mark_code(&mut self, pa: u64) {
        if let Ok(i) = self.ensure_index(pa >> PAGE_SHIFT) {
            if !self.code[i] {
                self.code[i] = true;
                self.code_mark_epoch += 1;
            }
        }
    }

    /// Bumped whenever a frame becomes marked as code (software TLBs that cache write permission
    /// for that frame must be flushed).
    pub fn code_mark_epoch(&self) -> u64 {
        self.code_mark_epoch
    }

    /// Number of writes to code frames so far (monotonic).
    pub fn code_write_count(&self) -> u64 {
        self.code_write_count
    }

    /// Record a write to a code frame: the frame stays marked until drained.
    fn note_code_write(&mut self, frame: u64) {
        self.code_write_count += 1;
        let pa = frame << PAGE_SHIFT;
        if self.code_writes.last() != Some(&pa) {
            self.code_writes.push(pa);
        }
    }

    /// Move the physical page addresses of code frames written since the last call into `out`
    /// and unmark them (the decoded-bundle cache drops them and re-marks on the next decode).
    /// Every drained page is also kept for [`PhysMem::take_drained`], so that the machine can
    /// pass it on to the other vCPUs' caches.
    pub fn drain_code_writes(&mut self, out: &mut Vec<u64>) {
        for pa in self.code_writes.drain(..) {
            if !self.drained.contains(&pa) {
                self.drained.push(pa);
            }
            if let Some(c) = self.code.get_mut((pa >> PAGE_SHIFT) as usize) {
                *c = false;
            }
            if !out.contains(&pa) {
                out.push(pa);
            }
        }
    }

    /// Code pages drained by some vCPU since the last call (see [`PhysMem::drain_code_writes`]).
    pub fn take_drained(&mut self) -> Vec<u64> {
        std::mem::take(&mut self.drained)
    }

    #[inline]
    fn check_write(&mut self, frame: u64) {
        if self.is_code(frame) {
            self.note_code_write(frame);
        }
    }

    /// Read `n` (1, 2, 4 or 8) little-endian bytes at `pa`; an access must not cross a frame.
    fn read_n(&self, pa: u64, n: usize) -> Result<u64, PhysError> {
        let frame = pa >> PAGE_SHIFT;
        if frame >= self.max_frames {
            return Err(PhysError::OutOfRange(pa));
        }
        let off = (pa & PAGE_MASK) as usize;
        if off + n > PAGE_SIZE as usize {
            return Err(PhysError::OutOfRange(pa));
        }
        Ok(match self.frame(frame) {
            Some(f) => load_le(f, off, n),
            None => 0,
        })
    }

    fn write_n(&mut self, pa: u64, n: usize, v: u64) -> Result<(), PhysError> {
        let off = (pa & PAGE_MASK) as usize;
        if off + n > PAGE_SIZE as usize {
            return Err(PhysError::OutOfRange(pa));
        }
        let frame = pa >> PAGE_SHIFT;
        let f = self.frame_mut(frame)?;
        store_le(f, off, n, v);
        self.check_write(frame);
        Ok(())
    }

    /// Read one byte.
    pub fn read_u8(&self, pa: u64) -> Result<u8, PhysError> {
        self.read_n(pa, 1).map(|v| v as u8)
    }
    /// Read two bytes (must not cross a frame).
    pub fn read_u16(&self, pa: u64) -> Result<u16, PhysError> {
        self.read_n(pa, 2).map(|v| v as u16)
    }
    /// Read four bytes (must not cross a frame).
    pub fn read_u32(&self, pa: u64) -> Result<u32, PhysError> {
        self.read_n(pa, 4).map(|v| v as u32)
    }
    /// Read eight bytes (must not cross a frame).
    pub fn read_u64(&self, pa: u64) -> Result<u64, PhysError> {
        self.read_n(pa, 8)
    }
    /// Write one byte.
    pub fn write_u8(&mut self, pa: u64, v: u8) -> Result<(), PhysError> {
        self.write_n(pa, 1, u64::from(v))
    }
    /// Write two bytes (must not cross a frame).
    pub fn write_u16(&mut self, pa: u64, v: u16) -> Result<(), PhysError> {
        self.write_n(pa, 2, u64::from(v))
    }
    /// Write four bytes (must not cross a frame).
    pub fn write_u32(&mut self, pa: u64, v: u32) -> Result<(), PhysError> {
        self.write_n(pa, 4, u64::from(v))
    }
    /// Write eight bytes (must not cross a frame).
    pub fn write_u64(&mut self, pa: u64, v: u64) -> Result<(), PhysError> {
        self.write_n(pa, 8, v)
    }

    /// Copy `buf.len()` bytes starting at `pa` into `buf` (may cross frames).
    pub fn read_bytes(&self, pa: u64, buf: &mut [u8]) -> Result<(), PhysError> {
        let mut done = 0usize;
        while done < buf.len() {
            let a = pa
                .checked_add(done as u64)
                .ok_or(PhysError::OutOfRange(pa))?;
            let frame = a >> PAGE_SHIFT;
            if frame >= self.max_frames {
                return Err(PhysError::OutOfRange(a));
            }
            let off = (a & PAGE_MASK) as usize;
            let n = (PAGE_SIZE as usize - off).min(buf.len() - done);
            match self.frame(frame) {
                Some(f) => buf[done..done + n].copy_from_slice(&f[off..off + n]),
                None => buf[done..done + n].fill(0),
            }
            done += n;
        }
        Ok(())
    }

    /// Copy `data` to physical memory starting at `pa` (may cross frames).
    pub fn write_bytes(&mut self, pa: u64, data: &[u8]) -> Result<(), PhysError> {
        let mut done = 0usize;
        while done < data.len() {
            let a = pa
                .checked_add(done as u64)
                .ok_or(PhysError::OutOfRange(pa))?;
            let frame = a >> PAGE_SHIFT;
            let off = (a & PAGE_MASK) as usize;
            let n = (PAGE_SIZE as usize - off).min(data.len() - done);
            let f = self.frame_mut(frame)?;
            f[off..off + n].copy_from_slice(&data[done..done + n]);
            self.check_write(frame);
            done += n;
        }
        Ok(())
    }

    /// Fill `len` bytes at `pa` with zero (may cross frames).
    pub fn zero(&mut self, pa: u64, len: u64) -> Result<(), PhysError> {
        let mut done = 0u64;
        while done < len {
            let a = pa.checked_add(done).ok_or(PhysError::OutOfRange(pa))?;
            let frame = a >> PAGE_SHIFT;
            let off = (a & PAGE_MASK) as usize;
            let n = (PAGE_SIZE - off as u64).min(len - done) as usize;
            // An untouched frame is already zero: do not allocate it.
            if self.frame(frame).is_some() {
                let f = self.frame_mut(frame)?;
                f[off..off + n].fill(0);
                self.check_write(frame);
            } else if frame >= self.max_frames {
                return Err(PhysError::OutOfRange(a));
            }
            done += n as u64;
        }
        Ok(())
    }

    /// Copy the contents of frame `src` into frame `dst` (used to duplicate address spaces).
    pub fn copy_frame(&mut self, src: u64, dst: u64) -> Result<(), PhysError> {
        match self.frame(src) {
            Some(f) => {
                let copy: Box<Frame> = Box::new(*f);
                let i = self.ensure_index(dst)?;
                self.frames[i] = Some(copy);
                self.check_write(dst);
            }
            None => {
                let i = self.ensure_index(dst)?;
                self.frames[i] = None;
            }
        }
        Ok(())
    }
}

/// Little-endian load of `n` bytes at `off` of a frame (`off + n` must fit; else 0).
#[inline(always)]
pub(crate) fn load_le(f: &Frame, off: usize, n: usize) -> u64 {
    match n {
        1 => f.get(off).map_or(0, |b| u64::from(*b)),
        2 => f
            .get(off..)
            .and_then(|s| s.first_chunk::<2>())
            .map_or(0, |b| u64::from(u16::from_le_bytes(*b))),
        4 => f
            .get(off..)
            .and_then(|s| s.first_chunk::<4>())
            .map_or(0, |b| u64::from(u32::from_le_bytes(*b))),
        _ => f
            .get(off..)
            .and_then(|s| s.first_chunk::<8>())
            .map_or(0, |b| u64::from_le_bytes(*b)),
    }
}

/// Little-endian store of the low `n` bytes of `v` at `off` of a frame (ignored if it does not fit).
#[inline(always)]
pub(crate) fn store_le(f: &mut Frame, off: usize, n: usize, v: u64) {
    if let Some(dst) = f.get_mut(off..off.saturating_add(n)) {
        dst.copy_from_slice(&v.to_le_bytes()[..n]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn untouched_reads_zero_and_does_not_allocate() {
        let p = PhysMem::new();
        assert_eq!(p.read_u64(0x12_3450), Ok(0));
        assert_eq!(p.resident_frames(), 0);
    }

    #[test]
    fn little_endian_sub_word() {
        let mut p = PhysMem::new();
        p.write_u64(0x8000, 0x1122_3344_5566_7788).unwrap();
        assert_eq!(p.read_u8(0x8000), Ok(0x88));
        assert_eq!(p.read_u16(0x8006), Ok(0x1122));
        assert_eq!(p.read_u32(0x8004), Ok(0x1122_3344));
        p.write_u16(0x8002, 0xabcd).unwrap();
        assert_eq!(p.read_u64(0x8000), Ok(0x1122_3344_abcd_7788));
        assert_eq!(p.resident_frames(), 1);
    }

    #[test]
    fn bulk_copies_cross_frames() {
        let mut p = PhysMem::new();
        let data: Vec<u8> = (0..40_000u32).map(|i| (i * 7) as u8).collect();
        p.write_bytes(PAGE_SIZE - 5, &data).unwrap();
        let mut back = vec![0u8; data.len()];
        p.read_bytes(PAGE_SIZE - 5, &mut back).unwrap();
        assert_eq!(back, data);
        assert_eq!(p.resident_frames(), 4);
        p.zero(PAGE_SIZE, 10).unwrap();
        assert_eq!(p.read_u64(PAGE_SIZE), Ok(0));
        assert_eq!(p.read_u8(PAGE_SIZE - 1), Ok(data[4]));
    }

    #[test]
    fn limits_are_errors() {
        let mut p = PhysMem::with_limit(4 * PAGE_SIZE);
        assert_eq!(
            p.write_u8(4 * PAGE_SIZE, 1),
            Err(PhysError::OutOfRange(4 * PAGE_SIZE))
        );
        assert!(p.read_u64(PAGE_SIZE - 4).is_err()); // crosses a frame
        let mut got = vec![];
        while let Ok(f) = p.alloc_frame() {
            got.push(f);
        }
        assert_eq!(got, vec![1, 2, 3]);
        p.release_frame(2);
        assert_eq!(p.alloc_frame(), Ok(2));
    }

    #[test]
    fn freed_frames_come_back_zeroed() {
        let mut p = PhysMem::new();
        let f = p.alloc_frame().unwrap();
        p.write_u64(f << PAGE_SHIFT, 5).unwrap();
        p.share_frame(f);
        p.release_frame(f);
        assert_eq!(p.read_u64(f << PAGE_SHIFT), Ok(5), "still referenced");
        p.release_frame(f);
        assert_eq!(p.frame_refs(f), 0);
        let g = p.alloc_frame().unwrap();
        assert_eq!(g, f);
        assert_eq!(p.read_u64(g << PAGE_SHIFT), Ok(0));
    }

    #[test]
    fn code_writes_are_recorded_once_and_drained() {
        let mut p = PhysMem::new();
        p.write_u64(0x4000, 1).unwrap();
        assert_eq!(p.code_write_count(), 0);
        p.mark_code(0x4010);
        p.write_u64(0x4008, 2).unwrap();
        p.write_u8(0x4009, 2).unwrap();
        assert_eq!(p.code_write_count(), 2);
        let mut out = vec![];
        p.drain_code_writes(&mut out);
        assert_eq!(out, vec![0x4000]);
        assert!(!p.is_code(1));
        p.write_u64(0x4008, 3).unwrap();
        out.clear();
        p.drain_code_writes(&mut out);
        assert!(out.is_empty());
    }
}
