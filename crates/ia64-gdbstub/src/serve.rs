//! The session loop: drives `gdbstub`'s state machine over a connection, runs the backend in
//! budgeted chunks while gdb waits, and turns backend events into stop replies with
//! expedited registers.
//!
//! `gdbstub`'s ready-made blocking loop cannot put registers in a stop reply, so this module
//! drives the state machine itself (the same shape as `GdbStub::run_blocking`): while the
//! guest runs it alternates `Backend::run(budget)` with a non-blocking look at the connection,
//! so a Ctrl-C (0x03) is seen within one budget. Every 'T' stop reply carries ip, psr, cfm,
//! bsp and rnat (rse-spec §10.3), so gdb has the PC and the register-stack geometry of the
//! stopped thread without another round trip. The reply to '?' (sent once, when gdb
//! connects) is written by `gdbstub` itself and carries no registers.

use std::fmt;
use std::io::{self, Read, Write};
use std::net::{TcpListener, TcpStream, ToSocketAddrs};

use gdbstub::common::Signal;
use gdbstub::conn::{Connection, ConnectionExt};
use gdbstub::stub::state_machine::{state, GdbStubStateMachine, GdbStubStateMachineInner};
use gdbstub::stub::{DisconnectReason, GdbStub, GdbStubError, MultiThreadStopReason};

use crate::arch::Ia64RegId;
use crate::backend::{Backend, BackendError, RunEvent, StopReason, WatchKind};
use crate::regs::{regnum, Ia64Regs};
use crate::target::{gdb_tid, StubTarget};

/// Packet buffer size, advertised to gdb as `PacketSize`. A 'G' packet carries 4720 bytes
/// as 9440 hex digits; gdbstub's default (4096) is too small for it.
pub const PACKET_SIZE: usize = 0x4000;

/// Registers sent in every 'T' stop reply, ascending: ip, psr, cfm, bsp, rnat.
pub const EXPEDITED: [usize; 5] = [
    regnum::IP,
    regnum::PSR,
    regnum::CFM,
    regnum::BSP,
    regnum::RNAT,
];

/// Guest instructions per [`Backend::run`] call while gdb waits for a stop.
pub const DEFAULT_BUDGET: u64 = 100_000;

/// How the session ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// gdb detached ('D'); the backend was told to let the program run on.
    Detached,
    /// gdb killed the program ('k' or 'vKill'); the backend was told to end it.
    Killed,
    /// The program exited with this status (reported to gdb as 'W').
    Exited(u8),
    /// The program was killed by this signal (reported to gdb as 'X').
    Terminated(u8),
    /// The connection closed or failed; the backend was told to detach.
    ConnectionLost,
}

/// A session that could not go on.
#[derive(Debug)]
pub enum Error {
    /// The backend returned [`BackendError::Fatal`].
    Backend(String),
    /// gdb sent something the stub cannot handle, or the stub failed internally.
    Protocol(String),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Backend(msg) => write!(f, "gdb stub: {msg}"),
            Error::Protocol(msg) => write!(f, "gdb stub: {msg}"),
        }
    }
}

impl std::error::Error for Error {}

/// Waits on `addr` for one gdb connection and returns it.
pub fn listen(addr: impl ToSocketAddrs) -> io::Result<TcpStream> {
    let listener = TcpListener::bind(addr)?;
    let (stream, _) = listener.accept()?;
    Ok(stream)
}

/// Serves one gdb session on `conn` with the default budget.
pub fn serve<B: Backend>(backend: &mut B, conn: TcpStream) -> Result<Outcome, Error> {
    serve_on(backend, TcpConnection(conn), DEFAULT_BUDGET)
}

/// Serves one gdb session on any `gdbstub` connection, running the guest `budget`
/// instructions at a time between looks at the connection.
pub fn serve_on<B, C>(backend: &mut B, conn: C, budget: u64) -> Result<Outcome, Error>
where
    B: Backend,
    C: ConnectionExt,
    C::Error: fmt::Display,
{
    let stub = GdbStub::<StubTarget<B>, C>::builder(conn)
        .packet_buffer_size(PACKET_SIZE)
        .build()
        .map_err(|e| Error::Protocol(e.to_string()))?;
    let mut target = StubTarget::new(backend);
    let machine = stub.run_state_machine(&mut target);
    let result = machine.and_then(|m| drive(&mut target, m, budget.max(1)));
    match result {
        Ok(outcome) => Ok(outcome),
        Err(e) if e.is_connection_error() => Ok(end(&mut target, None)),
        Err(e) => Err(stub_error(e)),
    }
}

type Machine<'m, 'b, B, C> = GdbStubStateMachine<'m, StubTarget<'b, B>, C>;
type Running<'m, 'b, B, C> = GdbStubStateMachineInner<'m, state::Running, StubTarget<'b, B>, C>;
type StubResult<T, C> = Result<T, GdbStubError<BackendError, <C as Connection>::Error>>;

/// The state-machine loop; returns when gdb or the program ends the session.
fn drive<'m, 'b, B, C>(
    target: &mut StubTarget<'b, B>,
    mut gdb: Machine<'m, 'b, B, C>,
    budget: u64,
) -> StubResult<Outcome, C>
where
    B: Backend,
    C: ConnectionExt,
{
    // Was the guest running when the last byte from gdb arrived? A Ctrl-C while it is
    // stopped means nothing.
    let mut running = false;
    let mut interrupt = false;
    loop {
        gdb = match gdb {
            GdbStubStateMachine::Idle(mut g) => {
                running = false;
                let byte = match g.borrow_conn().read() {
                    Ok(b) => b,
                    Err(_) => return Ok(end(target, None)),
                };
                g.incoming_data(target, byte)?
            }
            GdbStubStateMachine::Disconnected(g) => return Ok(end(target, Some(g.get_reason()))),
            GdbStubStateMachine::CtrlCInterrupt(g) => {
                interrupt = running;
                g.interrupt_handled(target, None::<MultiThreadStopReason<u64>>)?
            }
            GdbStubStateMachine::Running(g) if interrupt => {
                interrupt = false;
                let tid = target.backend.interrupt();
                let event = RunEvent::Stopped {
                    tid,
                    reason: StopReason::Signal(Signal::SIGINT.0),
                };
                report(target, g, event)?
            }
            // A resumed guest runs one budget before the connection is looked at, so it makes
            // progress even when gdb's Ctrl-C follows its resume request at once.
            GdbStubStateMachine::Running(g) if !running => {
                running = true;
                match target.backend.run(budget) {
                    RunEvent::Budget => g.into(),
                    event => report(target, g, event)?,
                }
            }
            GdbStubStateMachine::Running(mut g) => match g.borrow_conn().peek() {
                Ok(Some(_)) => match g.borrow_conn().read() {
                    Ok(byte) => g.incoming_data(target, byte)?,
                    Err(_) => return Ok(end(target, None)),
                },
                Ok(None) => match target.backend.run(budget) {
                    RunEvent::Budget => g.into(),
                    event => report(target, g, event)?,
                },
                Err(_) => return Ok(end(target, None)),
            },
        }
    }
}

/// Sends the stop reply for `event`, with the expedited registers of the stopped thread.
fn report<'m, 'b, B, C>(
    target: &mut StubTarget<'b, B>,
    g: Running<'m, 'b, B, C>,
    event: RunEvent,
) -> StubResult<Machine<'m, 'b, B, C>, C>
where
    B: Backend,
    C: ConnectionExt,
{
    let (tid, reason) = match event {
        RunEvent::Budget => return Ok(g.into()),
        RunEvent::Exited(code) => {
            return g.report_stop(target, MultiThreadStopReason::Exited(code))
        }
        RunEvent::Killed(sig) => {
            return g.report_stop(target, MultiThreadStopReason::Terminated(Signal(sig)))
        }
        RunEvent::Stopped { tid, reason } => (tid, reason),
    };
    let stop = stop_reason(target, tid, reason);
    let mut regs = Ia64Regs::default();
    if target.backend.read_regs(tid, &mut regs).is_err() {
        return g.report_stop(target, stop);
    }
    let values: Vec<(Ia64RegId, Vec<u8>)> = EXPEDITED
        .iter()
        .filter(|&&n| regs.is_available(n))
        .filter_map(|&n| regs.raw_bytes(n).map(|b| (Ia64RegId(n), b)))
        .collect();
    let mut iter = values.iter().map(|(id, b)| (*id, b.as_slice()));
    g.report_stop_with_regs(target, stop, &mut iter)
}

/// The `gdbstub` stop reason for a backend stop.
fn stop_reason<B: Backend>(
    target: &StubTarget<'_, B>,
    tid: u64,
    reason: StopReason,
) -> MultiThreadStopReason<u64> {
    let signal = match reason {
        StopReason::Signal(n) => Signal(n),
        _ => Signal::SIGTRAP,
    };
    let Some(t) = gdb_tid(tid) else {
        return MultiThreadStopReason::Signal(signal);
    };
    match reason {
        StopReason::Breakpoint { addr } if target.is_sw_breakpoint(addr) => {
            MultiThreadStopReason::SwBreak(t)
        }
        StopReason::Breakpoint { addr } if target.is_hw_breakpoint(addr) => {
            MultiThreadStopReason::HwBreak(t)
        }
        StopReason::Watch { kind, addr } => MultiThreadStopReason::Watch {
            tid: t,
            kind: watch_kind(kind),
            addr,
        },
        _ => MultiThreadStopReason::SignalWithThread { tid: t, signal },
    }
}

fn watch_kind(kind: WatchKind) -> gdbstub::target::ext::breakpoints::WatchKind {
    use gdbstub::target::ext::breakpoints::WatchKind as G;
    match kind {
        WatchKind::Write => G::Write,
        WatchKind::Read => G::Read,
        WatchKind::Access => G::ReadWrite,
    }
}

/// Ends the session: clears breakpoints and watchpoints, then kills or detaches as gdb asked
/// (a lost connection detaches).
fn end<B: Backend>(target: &mut StubTarget<'_, B>, reason: Option<DisconnectReason>) -> Outcome {
    match reason {
        Some(DisconnectReason::TargetExited(code)) => Outcome::Exited(code),
        Some(DisconnectReason::TargetTerminated(sig)) => Outcome::Terminated(sig.0),
        Some(DisconnectReason::Kill) => {
            target.clear_all();
            target.backend.kill();
            Outcome::Killed
        }
        Some(DisconnectReason::Disconnect) => {
            target.clear_all();
            target.backend.detach();
            Outcome::Detached
        }
        None => {
            target.clear_all();
            target.backend.detach();
            Outcome::ConnectionLost
        }
    }
}

fn stub_error<C: fmt::Display>(e: GdbStubError<BackendError, C>) -> Error {
    let msg = e.to_string();
    match e.into_target_error() {
        Some(fatal) => Error::Backend(fatal.to_string()),
        None => Error::Protocol(msg),
    }
}

/// A TCP connection whose `peek` is non-blocking without leaving the socket non-blocking
/// (`gdbstub`'s own `TcpStream` connection leaves it so, and a later large write could then
/// fail with `WouldBlock`).
pub struct TcpConnection(pub TcpStream);

impl Connection for TcpConnection {
    type Error = io::Error;

    fn write(&mut self, byte: u8) -> io::Result<()> {
        Write::write_all(&mut self.0, &[byte])
    }

    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        Write::write_all(&mut self.0, buf)
    }

    fn flush(&mut self) -> io::Result<()> {
        Write::flush(&mut self.0)
    }

    fn on_session_start(&mut self) -> io::Result<()> {
        self.0.set_nodelay(true)
    }
}

impl ConnectionExt for TcpConnection {
    fn read(&mut self) -> io::Result<u8> {
        let mut buf = [0u8];
        Read::read_exact(&mut self.0, &mut buf)?;
        Ok(buf[0])
    }

    fn peek(&mut self) -> io::Result<Option<u8>> {
        self.0.set_nonblocking(true)?;
        let mut buf = [0u8];
        let result = self.0.peek(&mut buf);
        self.0.set_nonblocking(false)?;
        match result {
            // A closed connection peeks 0 bytes: let the next read report it.
            Ok(_) => Ok(Some(buf[0])),
            Err(e) if e.kind() == io::ErrorKind::WouldBlock => Ok(None),
            Err(e) => Err(e),
        }
    }
}
