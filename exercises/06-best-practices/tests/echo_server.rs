//! Exercise 6.7: an echo server on a real socket, on 127.0.0.1, and its
//! client. The tests talk to `echo` through a client of their own, byte by
//! byte when it matters, and give `ask` a server of their own.

use std::io;
use std::net::SocketAddr;

use best_practices::echo_server::{ask, bind, echo};
use testkit::limit::within;
use testkit::net::{Client, finishes_soon};
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpListener;
use tokio::task::JoinHandle;
use tokio::time::Duration;

const LIMIT: Duration = Duration::from_secs(60);

/// A listener of the test's own, on loopback.
async fn listener() -> TcpListener {
    TcpListener::bind("127.0.0.1:0")
        .await
        .expect("loopback is available")
}

/// `echo` serving the one connection that `client` makes, on a task.
async fn echo_for_one_client() -> (Client, JoinHandle<io::Result<()>>) {
    let listener = listener().await;
    let client = Client::connect(listener.local_addr().expect("bound")).await;
    let (stream, _) = listener.accept().await.expect("the client connected");
    (client, tokio::spawn(echo(stream)))
}

/// A correct echo server of the test's own, for `ask`: each line back.
async fn reference_server() -> SocketAddr {
    let listener = listener().await;
    let address = listener.local_addr().expect("bound");
    tokio::spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            tokio::spawn(async move {
                let (reading, mut writing) = stream.into_split();
                let mut lines = BufReader::new(reading).lines();
                while let Ok(Some(line)) = lines.next_line().await {
                    let _ = writing.write_all(format!("{line}\n").as_bytes()).await;
                }
            });
        }
    });
    address
}

#[tokio::test(start_paused = true)]
async fn a_line_comes_back_while_the_client_is_still_connected() {
    let (mut client, _echo) = echo_for_one_client().await;
    client.send("one\n").await;
    let answer = client
        .line(
            "echo never sent back \"one\" while the client stayed connected: answer each \
             line as soon as it is complete; reading to the end of the input waits until \
             the client hangs up",
        )
        .await;
    assert_eq!(answer, "one\n", "the line comes back as it was sent");
}

#[tokio::test(start_paused = true)]
async fn ask_sends_each_line_and_reads_its_answer() {
    let server = reference_server().await;
    let answers = within(
        LIMIT,
        "ask never returned: the server answers each line and keeps the connection open, \
         so read one line back for each line sent (reading to the end waits for ever)",
        ask(server, &["hello", "wide world", ""]),
    )
    .await
    .expect("ask does not fail");
    assert_eq!(
        answers,
        ["hello", "wide world", ""],
        "each answer, in order, without its newline"
    );
}

#[tokio::test(start_paused = true)]
async fn bind_listens_on_loopback_on_a_port_of_its_own() {
    let listener = within(LIMIT, "bind never returned", bind())
        .await
        .expect("bind does not fail");
    let address = listener.local_addr().expect("bound");
    assert!(
        address.ip().is_loopback(),
        "the server listens on {}: a server for tests listens on 127.0.0.1 only, out of \
         reach of any other machine",
        address.ip()
    );
    assert_ne!(address.port(), 0, "the system chose a port");
    let other = within(LIMIT, "bind never returned", bind())
        .await
        .expect("a second bind does not fail: bind on port 0, and each gets a port of its own");
    assert_ne!(
        other.local_addr().expect("bound").port(),
        address.port(),
        "two listeners, two ports"
    );
}

#[tokio::test(start_paused = true)]
async fn each_line_comes_back_in_order() {
    let (mut client, _echo) = echo_for_one_client().await;
    client.send("first\nsecond\n").await;
    for expected in ["first\n", "second\n"] {
        let answer = client
            .line(&format!(
                "echo never sent back {expected:?}, though the client sent it and stayed \
                 connected: answer each line as it is complete"
            ))
            .await;
        assert_eq!(answer, expected, "one answer per line, in order");
    }
}

#[tokio::test(start_paused = true)]
async fn echo_returns_when_the_client_hangs_up() {
    let (mut client, echo) = echo_for_one_client().await;
    client.send("bye\n").await;
    client.line("echo never sent back \"bye\"").await;
    let _client = client.hang_up().await;
    assert!(
        finishes_soon(&echo).await,
        "the client hung up, and echo is still running: a read of 0 bytes means the other \
         side has closed; return then (a loop that goes on reading 0 bytes spins for ever)"
    );
    echo.await
        .expect("echo does not panic")
        .expect("echo returns Ok when the client hangs up");
}

#[tokio::test(start_paused = true)]
async fn half_a_line_is_not_sent_back_yet() {
    let (mut client, _echo) = echo_for_one_client().await;
    client.send("hel").await;
    let early = client.anything_within(Duration::from_millis(100)).await;
    assert_eq!(
        early, None,
        "echo sent back {early:?} before the line was complete: a socket delivers bytes in \
         pieces of any size, and a line is answered whole; read with a BufReader's read_line \
         or read_until"
    );
    client.send("lo\n").await;
    let answer = client.line("echo never answered the completed line").await;
    assert_eq!(answer, "hello\n", "the two pieces come back as one line");
}
