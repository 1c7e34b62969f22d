//! Mistake: write sends what I give it, so one write per line sends the whole line.
//! Expect: `write_all` goes on until every byte is sent
//! Exercise 6.7, solved: an echo server on `TcpListener`, framed by lines,
//! and its client.

use std::io;
use std::net::{Ipv4Addr, SocketAddr};

use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::{TcpListener, TcpStream};

/// A listener on 127.0.0.1, on a free port chosen by the system.
pub async fn bind() -> io::Result<TcpListener> {
    // Port 0: the system picks a free one (`local_addr` tells which), so
    // that two servers, or two tests, never fight over a port.
    TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).await
}

/// Serves one connection: each line back as soon as it is complete, until
/// the client closes its end.
pub async fn echo(stream: TcpStream) -> io::Result<()> {
    let (reading, mut writing) = stream.into_split();
    // Bytes arrive in pieces of any size; the BufReader gathers them until
    // a newline, so a line is answered whole, and only once it is whole.
    let mut reading = BufReader::new(reading);
    let mut line = Vec::new();
    loop {
        line.clear();
        // 0 bytes: the client has hung up. Stop, or this loop would spin.
        if reading.read_until(b'\n', &mut line).await? == 0 {
            return Ok(());
        }
        writing.write(&line).await?;
    }
}

/// Connects to `server`, sends each line and reads its echo; the echoes,
/// without their newlines.
pub async fn ask(server: SocketAddr, lines: &[&str]) -> io::Result<Vec<String>> {
    let (reading, mut writing) = TcpStream::connect(server).await?.into_split();
    let mut reading = BufReader::new(reading);
    let mut answers = Vec::new();
    for line in lines {
        writing.write_all(format!("{line}\n").as_bytes()).await?;
        // One line back per line sent: the server keeps the connection
        // open, so reading "to the end" would wait for ever.
        let mut answer = String::new();
        reading.read_line(&mut answer).await?;
        answers.push(answer.trim_end_matches('\n').to_string());
    }
    Ok(answers)
}
