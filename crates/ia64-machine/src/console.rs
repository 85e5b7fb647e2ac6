//! The console: where guest writes to file descriptors 1 and 2 go.
//!
//! In [`ConsoleMode::Host`] bytes go straight to the host's stdout/stderr (flushed per write, so
//! the interleaving of the two streams is preserved); in [`ConsoleMode::Capture`] they are kept
//! in buffers (tests, snapshots). Either way the console counts bytes per stream.
//!
//! ```
//! use ia64_machine::console::{Console, Stream};
//! let mut c = Console::capture();
//! c.write(Stream::Stdout, b"hi\n").unwrap();
//! c.write(Stream::Stderr, b"oops\n").unwrap();
//! assert_eq!(c.stdout(), b"hi\n");
//! assert_eq!(c.stderr(), b"oops\n");
//! ```

use std::io::Write;

/// A guest output stream.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stream {
    /// File descriptor 1.
    Stdout,
    /// File descriptor 2.
    Stderr,
}

/// Where console output goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ConsoleMode {
    /// To the host's stdout/stderr.
    Host,
    /// Into in-memory buffers.
    Capture,
}

/// Guest console state.
#[derive(Clone, Debug)]
pub struct Console {
    mode: ConsoleMode,
    out: Vec<u8>,
    err: Vec<u8>,
    /// Bytes written to stdout so far.
    pub stdout_bytes: u64,
    /// Bytes written to stderr so far.
    pub stderr_bytes: u64,
}

impl Console {
    /// A console in `mode`.
    pub fn new(mode: ConsoleMode) -> Self {
        Self {
            mode,
            out: Vec::new(),
            err: Vec::new(),
            stdout_bytes: 0,
            stderr_bytes: 0,
        }
    }
    /// A console writing to the host.
    pub fn host() -> Self {
        Self::new(ConsoleMode::Host)
    }
    /// A capturing console.
    pub fn capture() -> Self {
        Self::new(ConsoleMode::Capture)
    }
    /// The mode.
    pub fn mode(&self) -> ConsoleMode {
        self.mode
    }

    /// Write guest bytes; returns the number written (all of them unless the host fails).
    pub fn write(&mut self, stream: Stream, bytes: &[u8]) -> std::io::Result<usize> {
        match (self.mode, stream) {
            (ConsoleMode::Capture, Stream::Stdout) => self.out.extend_from_slice(bytes),
            (ConsoleMode::Capture, Stream::Stderr) => self.err.extend_from_slice(bytes),
            (ConsoleMode::Host, Stream::Stdout) => {
                let mut o = std::io::stdout().lock();
                o.write_all(bytes)?;
                o.flush()?;
            }
            (ConsoleMode::Host, Stream::Stderr) => {
                let mut e = std::io::stderr().lock();
                e.write_all(bytes)?;
                e.flush()?;
            }
        }
        match stream {
            Stream::Stdout => self.stdout_bytes += bytes.len() as u64,
            Stream::Stderr => self.stderr_bytes += bytes.len() as u64,
        }
        Ok(bytes.len())
    }

    /// Captured stdout (empty in host mode).
    pub fn stdout(&self) -> &[u8] {
        &self.out
    }
    /// Captured stderr (empty in host mode).
    pub fn stderr(&self) -> &[u8] {
        &self.err
    }
    /// Take the captured buffers, leaving them empty.
    pub fn take(&mut self) -> (Vec<u8>, Vec<u8>) {
        (std::mem::take(&mut self.out), std::mem::take(&mut self.err))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn capture_and_counts() {
        let mut c = Console::capture();
        assert_eq!(c.write(Stream::Stdout, b"ab").unwrap(), 2);
        c.write(Stream::Stdout, b"c").unwrap();
        c.write(Stream::Stderr, b"").unwrap();
        assert_eq!(c.stdout(), b"abc");
        assert_eq!((c.stdout_bytes, c.stderr_bytes), (3, 0));
        let (o, e) = c.take();
        assert_eq!((o.as_slice(), e.as_slice()), (&b"abc"[..], &b""[..]));
        assert!(c.stdout().is_empty());
        assert_eq!(c.stdout_bytes, 3, "counts survive take");
    }
}
