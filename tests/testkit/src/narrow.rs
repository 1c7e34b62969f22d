//! A loopback connection that takes few bytes at a time: the writer that
//! accepts fewer bytes than it is offered.
//!
//! `AsyncWriteExt::write` hands the system what fits in the socket's buffer
//! and returns how many bytes that was; only `write_all` goes on until every
//! byte is sent. On loopback with the usual buffers (hundreds of kilobytes)
//! a short line always fits, so code that ignores `write`'s count looks
//! right. Here the server's side of the connection has a small send buffer
//! and the test's side a small receive buffer, and the test does not read
//! until the line is written: a `write` of a long line then takes only its
//! first few kilobytes.
//!
//! Where a system grows or ignores the sizes asked for, a `write` may still
//! take everything: the test then passes for `write` too, and never fails a
//! right answer.

use std::net::SocketAddr;

use tokio::io::AsyncReadExt;
use tokio::net::{TcpSocket, TcpStream};
use tokio::time::{Duration, timeout};

/// The buffer size asked for on both narrow ends (systems round it up: Linux
/// doubles it).
pub const NARROW_BUFFER: u32 = 4 * 1024;

/// A connected pair on 127.0.0.1: the test's end (small receive buffer) and
/// the server's end (small send buffer), for the learner's server to serve.
pub async fn narrow_connection() -> (TcpStream, TcpStream) {
    let listening = TcpSocket::new_v4().expect("a socket");
    // An accepted socket takes its buffer sizes from the listening one.
    listening
        .set_send_buffer_size(NARROW_BUFFER)
        .expect("the send buffer can be sized");
    listening
        .bind(SocketAddr::from(([127, 0, 0, 1], 0)))
        .expect("loopback is available");
    let listener = listening.listen(1).expect("it listens");
    let address = listener.local_addr().expect("bound");
    let connecting = TcpSocket::new_v4().expect("a socket");
    connecting
        .set_recv_buffer_size(NARROW_BUFFER)
        .expect("the receive buffer can be sized");
    let (client, accepted) = tokio::join!(connecting.connect(address), listener.accept());
    let client = client.expect("the test's end connects");
    let (server, _) = accepted.expect("the server's end is accepted");
    (client, server)
}

/// Reads from `stream` until it has `wanted` bytes, the other side closes,
/// or nothing more arrives for `quiet` of virtual time: whatever came.
pub async fn read_up_to(stream: &mut TcpStream, wanted: usize, quiet: Duration) -> Vec<u8> {
    let mut got = Vec::with_capacity(wanted);
    let mut buffer = vec![0; 64 * 1024];
    while got.len() < wanted {
        match timeout(quiet, stream.read(&mut buffer)).await {
            Ok(Ok(0)) | Ok(Err(_)) | Err(_) => break,
            Ok(Ok(read)) => got.extend_from_slice(&buffer[..read]),
        }
    }
    got
}
