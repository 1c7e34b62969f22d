//! # Exercise 6.9 — a server that stops gracefully
//!
//! Stopping a server by killing it cuts every open connection wherever it
//! is, half way through a request. A graceful stop has three steps: stop
//! accepting, tell the open connections to finish what they are doing, and
//! wait for them. Python 3.12's `asyncio` server does the first and the
//! last; the handlers watch an `Event` for the middle one:
//!
//! ```python
//! async def serve_until(listener, handle, stop: asyncio.Event):
//!     server = await asyncio.start_server(
//!         lambda reader, writer: handle(reader, writer, stop), sock=listener)
//!     await stop.wait()
//!     server.close()               # no new connections
//!     await server.wait_closed()   # the open ones finish (Python 3.12)
//! ```
//!
//! In tokio, the signal is a `tokio_util::sync::CancellationToken`:
//! `cancel()` on one clone is seen by every clone, and `cancelled().await`
//! waits for it. The accept loop races `accept()` against `cancelled()`
//! with `select!`. Dropping the `TcpListener` closes the port: from then on
//! a new connection is refused. A `tokio_util::task::TaskTracker` spawns
//! the connections' tasks and, after `close()`, `wait().await` returns once
//! all of them have finished (a `JoinSet` would do too).
//!
//! **Task:** serve each connection with `handle(connection, token)` on a
//! tracked task, giving each handler a clone of `shutdown`, until
//! `shutdown` is cancelled; then drop the listener at once, wait for the
//! open connections to finish, and return how many connections were served.
//!
//! Read: `book/src/06-best-practices.md`, "A server that stops gracefully".

use std::future::Future;
use std::io;

use tokio::net::{TcpListener, TcpStream};
use tokio_util::sync::CancellationToken;

/// Serves connections until `shutdown` is cancelled, then lets the open
/// ones finish; the number of connections served.
pub async fn serve_until<H, F>(
    listener: TcpListener,
    handle: H,
    shutdown: CancellationToken,
) -> io::Result<usize>
where
    H: Fn(TcpStream, CancellationToken) -> F,
    F: Future<Output = io::Result<()>> + Send + 'static,
{
    todo!("select! between accept and shutdown.cancelled(); then drop the listener and wait")
}
