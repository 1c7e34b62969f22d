//! Exercise 6.7: an echo server on a real socket, on 127.0.0.1, and its
//! client. The tests talk to `echo` through a client of their own, byte by
//! byte when it matters, and give `ask` a server of their own.

use std::io;
use std::net::SocketAddr;

use best_practices::echo_server::{ask, bind, echo};
use testkit::limit::within;
use testkit::narrow::{narrow_connection, read_up_to};
use testkit::net::{Client, finishes_soon};
use testkit::props::{self, proptest};
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::{TcpListener, TcpStream};
use tokio::task::JoinHandle;
use tokio::time::Duration;

use proptest::prelude::*;

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

/// A correct echo server of the test's own, for `ask`: each line back,
/// byte for byte (a `\r` before the newline included).
async fn reference_server() -> SocketAddr {
    let listener = listener().await;
    let address = listener.local_addr().expect("bound");
    tokio::spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            tokio::spawn(async move {
                let (reading, mut writing) = stream.into_split();
                let mut reading = BufReader::new(reading);
                let mut line = Vec::new();
                while reading
                    .read_until(b'\n', &mut line)
                    .await
                    .is_ok_and(|read| read > 0)
                {
                    let _ = writing.write_all(&line).await;
                    line.clear();
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

/// A line as a client may send it: words, spaces, tabs, `\r`, bytes that are
/// not UTF-8, or nothing; never a newline, which ends it.
fn some_bytes() -> impl Strategy<Value = Vec<u8>> {
    prop::collection::vec(
        prop::sample::select(vec![
            &b"hello"[..],
            b" ",
            b"\t",
            b"\r",
            b"wide world",
            "\u{e9}".as_bytes(),
            b"\xff\xfe",
        ]),
        0..4,
    )
    .prop_map(|pieces| pieces.concat())
}

proptest! {
    #![proptest_config(props::cases(24))]
    #[test]
    fn every_byte_comes_back_as_it_was_sent(
        lines in prop::collection::vec((some_bytes(), prop::sample::select(vec![&b"\n"[..], b"\r\n"])), 0..4),
        last_line_ends in any::<bool>(),
    ) {
        // What the client sends before it hangs up: each line and its
        // ending, the last one without its ending, sometimes.
        let mut sent = Vec::new();
        for (i, (line, ending)) in lines.iter().enumerate() {
            sent.extend_from_slice(line);
            if last_line_ends || i + 1 < lines.len() {
                sent.extend_from_slice(ending);
            }
        }
        let (back, served) = props::paused(async {
            let listener = listener().await;
            let mut client = TcpStream::connect(listener.local_addr().expect("bound"))
                .await
                .expect("the client connects");
            let (stream, _) = listener.accept().await.expect("the client connected");
            let serving = tokio::spawn(echo(stream));
            client.write_all(&sent).await.expect("sent");
            client.shutdown().await.expect("hung up");
            let mut back = Vec::new();
            // A right echo closes its end soon after the client's; one that
            // spins on the closed connection keeps the clock from moving, so
            // the test counts its own turns instead of waiting for a time limit.
            tokio::select! {
                biased;
                read = client.read_to_end(&mut back) => {
                    read.expect("the connection does not fail");
                }
                () = async {
                    for _ in 0..1_000 {
                        tokio::task::yield_now().await;
                    }
                } => panic!(
                    "the client sent {:?} and hung up, and the connection stayed open: echo \
                     did not return. A read of 0 bytes means the other side has closed: return then",
                    sent.escape_ascii().to_string()
                ),
            }
            let served = within(LIMIT, "echo never returned after the client hung up", serving).await;
            (back, served.map(|result| result.map_err(|error| error.to_string())))
        });
        prop_assert!(
            back == sent && matches!(served, Ok(Ok(()))),
            "The client sent \"{}\" and hung up.\n\
             The course expects every byte back as it came, and echo to return Ok(());\n\
             yours sent back \"{}\", and echo {}.\n\
             An echo sends back the bytes of each line as they came, `\\r` and all, whether \
             they are text or not,\nand a last line without a newline too, as it is",
            sent.escape_ascii(),
            back.escape_ascii(),
            match served {
                Ok(Ok(())) => "returned Ok(())".to_owned(),
                Ok(Err(error)) => format!("returned Err({error})"),
                Err(panic) => format!("panicked: {panic}"),
            },
        );
    }

    #[test]
    fn ask_returns_each_answer_as_the_server_sent_it(
        texts in prop::collection::vec(
            prop::collection::vec(prop::sample::select(vec!["hello", " ", "\t", "\r", "", "é"]), 0..4)
                .prop_map(|pieces| pieces.concat()),
            0..4,
        )
    ) {
        let answers = props::paused(async {
            let server = reference_server().await;
            let lines: Vec<&str> = texts.iter().map(String::as_str).collect();
            within(LIMIT, "ask never returned", ask(server, &lines)).await
        })
        .map_err(|error| error.to_string());
        prop_assert!(
            answers.as_ref() == Ok(&texts),
            "ask sent the lines {texts:?} to a server that sends each line back byte for byte.\n\
             The course expects the answers {texts:?}; yours returned {answers:?}.\n\
             An answer is the line as it came back without its newline: only the `\\n` is taken \
             off;\nspaces, tabs and `\\r` at its end are part of the line"
        );
    }
}

/// A line far longer than a socket's buffer, and a client that reads only
/// once it has sent it: the server's `write` then takes part of the line.
#[tokio::test(start_paused = true)]
async fn a_long_line_comes_back_whole() {
    const LONG: usize = 256 * 1024;
    let (mut client, server) = narrow_connection().await;
    let _echo = tokio::spawn(echo(server));
    let mut line = vec![b'a'; LONG];
    line.push(b'\n');
    within(
        LIMIT,
        "echo never read the long line",
        client.write_all(&line),
    )
    .await
    .expect("sent");
    let back = read_up_to(&mut client, line.len(), Duration::from_secs(1)).await;
    assert!(
        back.len() == line.len(),
        "a line of {} bytes was sent; {} bytes of it came back, and then nothing for a second.\n\
         A socket's `write` may take only part of what it is given, and returns how many bytes \
         it took; `write_all` goes on until every byte is sent",
        line.len(),
        back.len()
    );
    assert!(back == line, "the long line came back changed");
}
