//! A test's side of a TCP connection on loopback: a client that sends text
//! and reads lines, never waiting longer than a limit of virtual time.
//!
//! Sockets on 127.0.0.1 work under tokio's paused clock. When every task is
//! waiting, the runtime first asks the system, without waiting, whether a
//! socket is ready, and only if none is lets virtual time jump to the next
//! timer. Bytes written on loopback are normally in the other socket by the
//! time `write` returns, so a test sees them before any jump. (The kernel may
//! defer that delivery under very heavy load, and time could then jump
//! early; a thousand runs of these tests on a loaded machine showed no such
//! race.)

use std::net::SocketAddr;

use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpStream;
use tokio::net::tcp::{OwnedReadHalf, OwnedWriteHalf};
use tokio::task::JoinHandle;
use tokio::time::{Duration, timeout};

use crate::limit::within;

/// How long a test waits for an answer before it says what never happened.
const LIMIT: Duration = Duration::from_secs(60);

/// One connection, seen from the test.
#[derive(Debug)]
pub struct Client {
    reading: BufReader<OwnedReadHalf>,
    writing: OwnedWriteHalf,
}

impl Client {
    /// Connects to `server`; fails the test, saying why, if it cannot.
    pub async fn connect(server: SocketAddr) -> Client {
        let stream = within(
            LIMIT,
            "the server never accepted the connection",
            TcpStream::connect(server),
        )
        .await
        .unwrap_or_else(|error| {
            panic!(
                "cannot connect to the server at {server}: {error}. Is the server still \
                 running? When its task ends or panics, its listener is closed"
            )
        });
        let (reading, writing) = stream.into_split();
        Client {
            reading: BufReader::new(reading),
            writing,
        }
    }

    /// Sends `text` as it is (add the `\n` to end a line).
    pub async fn send(&mut self, text: &str) {
        self.writing
            .write_all(text.as_bytes())
            .await
            .expect("the server's end is open");
    }

    /// The next line from the server, newline included; `""` if it closed
    /// the connection. Fails with `what_never_happened` if none comes.
    pub async fn line(&mut self, what_never_happened: &str) -> String {
        let mut line = String::new();
        within(
            LIMIT,
            what_never_happened,
            self.reading.read_line(&mut line),
        )
        .await
        .expect("the connection does not fail");
        line
    }

    /// What the server has sent within `window` of virtual time, if
    /// anything, without taking it: a later [`line`](Client::line) reads it.
    pub async fn anything_within(&mut self, window: Duration) -> Option<String> {
        // `fill_buf` waits for bytes and leaves them in the buffer, so a
        // window that closes takes nothing away.
        match timeout(window, self.reading.fill_buf()).await {
            Ok(bytes) => Some(
                String::from_utf8_lossy(bytes.expect("the connection does not fail")).into_owned(),
            ),
            Err(_) => None,
        }
    }

    /// Closes the sending half: the server reads 0 bytes, the end of input.
    pub async fn hang_up(mut self) -> Client {
        self.writing
            .shutdown()
            .await
            .expect("the connection does not fail");
        self
    }
}

/// Whether `task` finishes while the test yields to it a thousand times.
/// Unlike a time limit, this also catches a task that never stops running
/// (a loop that spins on a closed connection): time cannot pass while some
/// task is always ready, but yielding lets the spinning task run.
pub async fn finishes_soon<T>(task: &JoinHandle<T>) -> bool {
    for _ in 0..1_000 {
        if task.is_finished() {
            return true;
        }
        tokio::task::yield_now().await;
    }
    task.is_finished()
}
