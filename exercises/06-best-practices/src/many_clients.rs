//! # Exercise 6.8 — many clients on one thread
//!
//! An echo server that serves one client at a time is useless: while it
//! waits for that client's next line, every other client waits too. A
//! thread per client is the old answer. The asyncio answer is a task per
//! client, all on one thread: `start_server` creates one for each
//! connection by itself. Written out by hand, its accept loop is:
//!
//! ```python
//! async def serve(listener, handle):
//!     loop = asyncio.get_running_loop()
//!     while True:
//!         sock, _ = await loop.sock_accept(listener)
//!         reader, writer = await asyncio.open_connection(sock=sock)
//!         asyncio.create_task(handle(reader, writer))   # not: await handle(...)
//! ```
//!
//! In tokio the loop is the same: `accept().await` the next connection,
//! hand it to `tokio::spawn`, and go straight back to `accept`, without
//! waiting for the task. Each task waits for its own client's bytes; while
//! it waits, the thread runs the others. A current-thread runtime (the one
//! `#[tokio::test]` gives) serves them all on one thread.
//!
//! **Task:** `serve` accepts connections for ever, and runs
//! `handle(connection)` for each on a task of its own. A connection whose
//! handler fails does not stop the server.
//!
//! Read: `book/src/06-best-practices.md`, "Many clients on one thread".

use std::future::Future;
use std::io;

use tokio::net::{TcpListener, TcpStream};

/// Accepts connections for ever, each served by `handle` on a task of its
/// own. Returns only if accepting fails.
pub async fn serve<H, F>(listener: TcpListener, handle: H) -> io::Result<()>
where
    H: Fn(TcpStream) -> F,
    F: Future<Output = io::Result<()>> + Send + 'static,
{
    todo!("loop: accept, then tokio::spawn the handler's future, and accept again")
}
