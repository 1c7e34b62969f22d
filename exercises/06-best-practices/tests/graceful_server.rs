//! Exercise 6.9: a graceful stop. The tests' handler echoes lines and, once
//! told to stop, closes its connection at the next line boundary; the
//! tests cancel the token while clients are idle, half way through a line,
//! or still arriving, and watch what each of them gets.

use std::io;
use std::net::SocketAddr;

use best_practices::graceful_server::serve_until;
use testkit::limit::within;
use testkit::model;
use testkit::net::Client;
use testkit::props::{self, proptest};
use testkit::timeline::Timeline;
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::{TcpListener, TcpStream};
use tokio::task::JoinHandle;
use tokio::time::{Duration, sleep};
use tokio_util::sync::CancellationToken;

use proptest::prelude::*;

const LIMIT: Duration = Duration::from_secs(60);

/// Echoes lines until the client hangs up or, once `shutdown` is
/// cancelled, until the line in hand (if any) has been answered.
async fn echo_until_shutdown(stream: TcpStream, shutdown: CancellationToken) -> io::Result<()> {
    let (reading, mut writing) = stream.into_split();
    let mut reading = BufReader::new(reading);
    let mut line = Vec::new();
    loop {
        line.clear();
        tokio::select! {
            read = reading.read_until(b'\n', &mut line) => {
                read?;
            }
            () = shutdown.cancelled() => {
                // Between two lines: close. Half way through one (read_until
                // keeps what it had read): finish it first.
                if line.is_empty() {
                    return Ok(());
                }
                reading.read_until(b'\n', &mut line).await?;
            }
        }
        if line.is_empty() {
            return Ok(()); // the client hung up
        }
        writing.write_all(&line).await?;
        if shutdown.is_cancelled() {
            return Ok(());
        }
    }
}

/// A running server: its address, its token, and `serve_until`'s task,
/// which records on `timeline` when it returns.
struct Server {
    address: SocketAddr,
    shutdown: CancellationToken,
    task: JoinHandle<io::Result<usize>>,
}

async fn start(timeline: &Timeline) -> Server {
    let listener = TcpListener::bind("127.0.0.1:0")
        .await
        .expect("loopback is available");
    let address = listener.local_addr().expect("bound");
    let shutdown = CancellationToken::new();
    let token = shutdown.clone();
    let timeline = timeline.clone();
    let task = tokio::spawn(async move {
        let served = serve_until(listener, echo_until_shutdown, token).await;
        timeline.record(format!("serve_until returned {served:?}"));
        served
    });
    Server {
        address,
        shutdown,
        task,
    }
}

/// The number of connections served, once `serve_until` has returned.
async fn served(server: Server, what_never_happened: &str) -> usize {
    within(LIMIT, what_never_happened, server.task)
        .await
        .expect("serve_until does not panic")
        .expect("serve_until does not fail")
}

/// Sleeps until `ms` after the timeline's start.
async fn until(timeline: &Timeline, ms: u64) {
    sleep(Duration::from_millis(ms).saturating_sub(timeline.elapsed())).await;
}

const NOT_TOLD: &str = "after the shutdown signal, a connection stayed open: give each \
                        handler a clone of the shutdown token, so that it can stop at the \
                        end of the line in hand";

#[tokio::test(start_paused = true)]
async fn a_new_connection_is_refused_after_the_signal() {
    let timeline = Timeline::start();
    let server = start(&timeline).await;
    let mut busy = Client::connect(server.address).await;
    busy.send("hal").await; // keeps serve_until waiting for this connection
    until(&timeline, 10).await;
    server.shutdown.cancel();
    until(&timeline, 20).await;
    let late = TcpStream::connect(server.address).await;
    assert!(
        late.is_err(),
        "a client that connected after the shutdown signal was let in (a connection that \
         waits in the listener's queue is never served): race accept() against \
         shutdown.cancelled() with select!, and drop the listener as soon as the signal \
         comes, before waiting for the open connections"
    );
}

#[tokio::test(start_paused = true)]
async fn an_open_connection_finishes_its_line_before_serve_until_returns() {
    let timeline = Timeline::start();
    let server = start(&timeline).await;
    let mut busy = Client::connect(server.address).await;
    busy.send("hal").await;
    until(&timeline, 10).await;
    server.shutdown.cancel();
    until(&timeline, 100).await;
    busy.send("f a line\n").await;
    let answer = busy
        .line("the line begun before the signal was never answered")
        .await;
    assert_eq!(
        answer, "half a line\n",
        "the connection was cut off at the shutdown signal, half way through a line: let \
         the connections' tasks finish (dropping a JoinSet, or returning from a runtime, \
         aborts them)"
    );
    assert_eq!(busy.line(NOT_TOLD).await, "", "{NOT_TOLD}");
    let served = served(server, "serve_until never returned").await;
    assert_eq!(
        served, 1,
        "one connection came, so serve_until returns 1: count each connection accepted"
    );
    let returned = timeline.events();
    assert_eq!(
        returned[0].0,
        Duration::from_millis(100),
        "serve_until returned at {:?}, while a connection was still open half way through a \
         line until 100 ms: wait for the connections' tasks (TaskTracker: close, then wait) \
         before returning",
        returned[0].0
    );
}

#[tokio::test(start_paused = true)]
async fn idle_connections_are_told_to_close() {
    let timeline = Timeline::start();
    let server = start(&timeline).await;
    let mut idle = Client::connect(server.address).await;
    until(&timeline, 10).await;
    server.shutdown.cancel();
    assert_eq!(idle.line(NOT_TOLD).await, "", "{NOT_TOLD}");
    assert_eq!(
        served(
            server,
            "serve_until never returned after its one connection closed"
        )
        .await,
        1,
        "one connection came, so serve_until returns 1: count each connection accepted"
    );
}

#[tokio::test(start_paused = true)]
async fn serve_until_serves_until_the_signal() {
    let timeline = Timeline::start();
    let server = start(&timeline).await;
    for i in 0..3 {
        let mut client = Client::connect(server.address).await;
        client.send(&format!("line {i}\n")).await;
        assert_eq!(
            client.line("a client was never answered").await,
            format!("line {i}\n"),
            "the test's handler echoes each line, before the signal"
        );
        client.hang_up().await;
    }
    until(&timeline, 50).await;
    server.shutdown.cancel();
    let served = served(
        server,
        "serve_until never returned after the shutdown signal, with no connection open: \
         race accept() against shutdown.cancelled() with select!; a check between two \
         accepts waits for a client that never comes",
    )
    .await;
    assert_eq!(served, 3, "three clients came and went before the signal");
    assert_eq!(
        timeline.events()[0].0,
        Duration::from_millis(50),
        "with no connection open, serve_until returns the moment the signal comes"
    );
}

/// One client comes and goes, one is half way through a line at the
/// signal, and one comes too late.
#[tokio::test(start_paused = true)]
async fn timeline_of_a_graceful_stop() {
    let timeline = Timeline::start();
    // The server's task records its return on a timeline of its own: at
    // 100 ms it and the test's client would record in no set order.
    let server = start(&Timeline::start()).await;
    let mut first = Client::connect(server.address).await;
    first.send("one\n").await;
    let answer = first.line("the first client was never answered").await;
    timeline.record(format!(
        "first client hears {:?}, hangs up",
        answer.trim_end()
    ));
    first.hang_up().await;
    until(&timeline, 10).await;
    let mut busy = Client::connect(server.address).await;
    busy.send("hal").await;
    timeline.record("busy client sends \"hal\"");
    until(&timeline, 50).await;
    timeline.record("shutdown signal");
    server.shutdown.cancel();
    until(&timeline, 60).await;
    let late = TcpStream::connect(server.address).await;
    timeline.record(if late.is_err() {
        "late client is refused"
    } else {
        "late client is let in"
    });
    until(&timeline, 100).await;
    busy.send("f\n").await;
    let answer = busy.line("the busy client was never answered").await;
    timeline.record(format!("busy client hears {:?}", answer.trim_end()));
    let closed = busy.line(NOT_TOLD).await;
    timeline.record(if closed.is_empty() {
        "busy client's connection is closed"
    } else {
        "busy client's connection stays open"
    });
    let served = served(server, "serve_until never returned").await;
    timeline.record(format!("serve_until has returned: {served} served"));
    insta::assert_snapshot!("timeline", timeline.render());
}

/// When the signal comes in the generated cases, in ms.
const SIGNAL: u64 = 50;

proptest! {
    #![proptest_config(props::cases(32))]
    #[test]
    fn any_clients_open_at_the_signal_finish_and_are_counted(
        clients in prop::collection::vec(
            (
                prop::sample::select(vec![0_u64, 10, 30]),
                prop::option::of(prop::sample::select(vec![60_u64, 100, 200, 5_000])),
            ),
            0..4,
        )
    ) {
        // Each client connects at its time; one with a time to finish has
        // sent half a line before the signal and sends the rest then. The
        // model: every client is served (counted); an idle one is closed at
        // the signal; a busy one hears its line, then is closed; serve_until
        // returns once the signal has come and the last busy client is done.
        let mut clients = clients;
        clients.sort();
        let returns = clients.iter().filter_map(|(_, finish)| *finish).fold(SIGNAL, u64::max);
        let expected = (clients.len(), returns, vec!["closed".to_owned(); clients.len()]);

        let actual = props::paused(model::quietly(async {
            let timeline = Timeline::start();
            let server = start(&timeline).await;
            let mut open = Vec::new();
            for (at, finish) in &clients {
                until(&timeline, *at).await;
                let mut client = Client::connect(server.address).await;
                if finish.is_some() {
                    client.send("hal").await;
                }
                open.push((client, *finish));
            }
            until(&timeline, SIGNAL).await;
            server.shutdown.cancel();
            let mut endings = vec![String::new(); open.len()];
            let mut order: Vec<usize> = (0..open.len()).collect();
            order.sort_by_key(|&i| open[i].1.unwrap_or(SIGNAL));
            for i in order {
                let (client, finish) = &mut open[i];
                if let Some(finish) = finish {
                    until(&timeline, *finish).await;
                    client.send("f\n").await;
                    let answer = client.line("a busy client's line was never answered").await;
                    if answer != "half\n" {
                        endings[i] = format!("heard {answer:?} for its line");
                        continue;
                    }
                }
                let last = client.line(NOT_TOLD).await;
                endings[i] = if last.is_empty() { "closed".to_owned() } else { format!("heard {last:?}") };
            }
            let served = served(server, "serve_until never returned").await;
            let returned = timeline.events()[0].0.as_millis() as u64;
            (served, returned, endings)
        }));
        prop_assert!(
            actual.as_ref() == Ok(&expected),
            "Clients (connect at ms, finish their half line at ms) {clients:?}; the signal at \
             {SIGNAL} ms.\nThe course expects (served, serve_until returns at ms, each client's \
             end) {expected:?};\nyours: {actual:?}.\nEvery client accepted before the signal \
             is counted and told to stop; serve_until waits for the busy ones to finish their \
             line,\nhowever long that takes, and no longer"
        );
    }
}
