//! # Exercise 6.7 — an echo server and its client
//!
//! The post says coroutines shine in network servers. Here is the smallest
//! one: it reads lines and sends each one back. In Python, `asyncio` hands
//! each connection to a coroutine as a reader and a writer:
//!
//! ```python
//! async def echo(reader, writer):
//!     while line := await reader.readline():   # b"" once the client hangs up
//!         writer.write(line)
//!         await writer.drain()
//!     writer.close()
//!
//! async def ask(port, lines):
//!     reader, writer = await asyncio.open_connection("127.0.0.1", port)
//!     answers = []
//!     for line in lines:
//!         writer.write(line.encode() + b"\n")
//!         await writer.drain()
//!         answers.append((await reader.readline()).decode().rstrip("\n"))
//!     writer.close()
//!     return answers
//!
//! server = await asyncio.start_server(echo, "127.0.0.1", 0)   # port 0: any free port
//! ```
//!
//! In tokio, `TcpListener::bind` and `accept` give a `TcpStream`, which is
//! both ends at once; `into_split` (or `split`) separates them. A stream
//! delivers bytes, in pieces of any size, not lines: wrapping the reading
//! half in a `tokio::io::BufReader` gives `read_line` and `read_until`,
//! which wait for a whole line. The writing half has `write_all`, from
//! `tokio::io::AsyncWriteExt`. A read that returns 0 bytes means the other
//! side has closed its end.
//!
//! **Task:** `bind` listens on 127.0.0.1, on a port the system chooses;
//! `echo` serves one connection, sending back each line as soon as it is
//! complete, until the client hangs up: byte for byte, so a `\r` before the
//! newline, bytes that are not UTF-8, and a last line without a newline all
//! come back as they came. `ask` connects, sends each line and reads its
//! answer, and returns the answers without their newline: only the `\n` is
//! taken off, and spaces or a `\r` at the end of an answer are part of it.
//!
//! Read: `book/src/06-best-practices.md`, "An echo server and its client".

use std::io;
use std::net::SocketAddr;

use tokio::net::{TcpListener, TcpStream};

/// A listener on 127.0.0.1, on a free port chosen by the system.
pub async fn bind() -> io::Result<TcpListener> {
    todo!("TcpListener::bind with port 0")
}

/// Serves one connection: each line back as soon as it is complete, until
/// the client closes its end.
pub async fn echo(stream: TcpStream) -> io::Result<()> {
    todo!("a BufReader on the reading half; read a line, write it back, until 0 bytes")
}

/// Connects to `server`, sends each line and reads its echo; the echoes,
/// without their newlines.
pub async fn ask(server: SocketAddr, lines: &[&str]) -> io::Result<Vec<String>> {
    todo!("TcpStream::connect; for each line, write it with a newline, read one line back")
}
