//! Exercise 6.8: one server, many clients, one thread. The tests give
//! `serve` a line-echoing handler and connect clients that stall, fail, or
//! come in numbers, on 127.0.0.1.

use std::collections::HashSet;
use std::io;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::thread::{self, ThreadId};

use best_practices::many_clients::serve;
use testkit::model;
use testkit::net::Client;
use testkit::props::{self, proptest};
use testkit::timeline::Timeline;
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::{TcpListener, TcpStream};
use tokio::time::{Duration, advance};

use proptest::prelude::*;

/// Sends back each line of one connection, until the client hangs up.
async fn echo_lines(stream: TcpStream) -> io::Result<()> {
    let (reading, mut writing) = stream.into_split();
    let mut lines = BufReader::new(reading).lines();
    while let Some(line) = lines.next_line().await? {
        writing.write_all(format!("{line}\n").as_bytes()).await?;
    }
    Ok(())
}

/// `serve` with `handle`, on a task, on a listener on 127.0.0.1; its address.
async fn start<H, F>(handle: H) -> SocketAddr
where
    H: Fn(TcpStream) -> F + Send + 'static,
    F: Future<Output = io::Result<()>> + Send + 'static,
{
    let listener = TcpListener::bind("127.0.0.1:0")
        .await
        .expect("loopback is available");
    let address = listener.local_addr().expect("bound");
    tokio::spawn(serve(listener, handle));
    address
}

#[tokio::test(start_paused = true)]
async fn a_client_that_stalls_does_not_stall_the_others() {
    let server = start(echo_lines).await;
    let mut slow = Client::connect(server).await;
    slow.send("hal").await; // half a line, and then nothing
    for i in 0..3 {
        let mut quick = Client::connect(server).await;
        quick.send(&format!("quick {i}\n")).await;
        let answer = quick
            .line(&format!(
                "quick client {i} never got its answer while another client had sent half a \
                 line and stalled: serve each connection on a task of its own (tokio::spawn), \
                 without waiting for it, so that the loop goes straight back to accept"
            ))
            .await;
        assert_eq!(
            answer,
            format!("quick {i}\n"),
            "the handler echoes each line"
        );
    }
    slow.send("f a line\n").await;
    assert_eq!(
        slow.line("the slow client never got its answer").await,
        "half a line\n",
        "the slow client's two pieces come back as one line"
    );
}

#[tokio::test(start_paused = true)]
async fn a_connection_that_fails_does_not_stop_the_server() {
    let failed_once = Arc::new(Mutex::new(false));
    let server = start(move |stream: TcpStream| {
        let first = !std::mem::replace(&mut *failed_once.lock().expect("not poisoned"), true);
        async move {
            if first {
                return Err(io::Error::other("the first client's handler fails"));
            }
            echo_lines(stream).await
        }
    })
    .await;
    let _first = Client::connect(server).await;
    let mut second = Client::connect(server).await;
    second.send("still there?\n").await;
    let stopped = "the server stopped serving after one connection's handler failed: a \
                   failure belongs to its own connection, and the accept loop goes on";
    let answer = second.line(stopped).await;
    assert_eq!(answer, "still there?\n", "{stopped}");
}

#[tokio::test(start_paused = true)]
async fn fifty_clients_are_served_on_the_one_thread() {
    let threads: Arc<Mutex<HashSet<ThreadId>>> = Arc::default();
    let seen = Arc::clone(&threads);
    let server = start(move |stream: TcpStream| {
        let seen = Arc::clone(&seen);
        async move {
            seen.lock()
                .expect("not poisoned")
                .insert(thread::current().id());
            echo_lines(stream).await
        }
    })
    .await;
    let mut clients = Vec::new();
    for _ in 0..50 {
        clients.push(Client::connect(server).await);
    }
    for (i, client) in clients.iter_mut().enumerate() {
        client.send(&format!("client {i}\n")).await;
    }
    for (i, client) in clients.iter_mut().enumerate() {
        let answer = client
            .line(&format!(
                "client {i} of 50, all connected at once, never got its answer"
            ))
            .await;
        assert_eq!(
            answer,
            format!("client {i}\n"),
            "each client hears its own line back"
        );
    }
    let threads = threads.lock().expect("not poisoned").clone();
    assert_eq!(
        threads,
        HashSet::from([thread::current().id()]),
        "the connections were served on {} thread(s), not only on the runtime's own: one \
         thread serves them all, each connection a task (tokio::spawn), not a thread",
        threads.len()
    );
}

/// A slow client sends half a line; two quick ones come and go meanwhile.
///
/// The clock is moved on by hand (`advance`), not by `sleep`: a paused clock
/// does not move on its own while a `spawn_blocking` task runs, so a server
/// that hands its connections to blocking threads would hang this test
/// instead of failing it.
#[tokio::test(start_paused = true)]
async fn timeline_of_a_slow_client_and_two_quick_ones() {
    let timeline = Timeline::start();
    let server = start(echo_lines).await;
    let mut slow = Client::connect(server).await;
    slow.send("hel").await;
    timeline.record("slow client sends \"hel\"");
    for (name, at) in [("quick 1", 10), ("quick 2", 20)] {
        advance(Duration::from_millis(at) - timeline.elapsed()).await;
        let mut quick = Client::connect(server).await;
        quick.send(&format!("{name}\n")).await;
        timeline.record(format!("{name} sends a line"));
        let answer = quick.line(&format!("{name} never got its answer")).await;
        timeline.record(format!("{name} hears {:?}", answer.trim_end()));
    }
    advance(Duration::from_millis(100) - timeline.elapsed()).await;
    slow.send("lo\n").await;
    timeline.record("slow client sends \"lo\\n\"");
    let answer = slow.line("the slow client never got its answer").await;
    timeline.record(format!("slow client hears {:?}", answer.trim_end()));
    insta::assert_snapshot!("timeline", timeline.render());
}

proptest! {
    #![proptest_config(props::cases(16))]
    #[test]
    fn any_mix_of_stalled_and_quick_clients_is_served(stalls in prop::collection::vec(any::<bool>(), 1..6)) {
        // The model: a client that sends a whole line hears it back at once,
        // whatever the clients before it are doing; a client that stalled
        // half way through its line hears it once it finishes the line.
        let mut expected: Vec<String> = Vec::new();
        for (i, stalled) in stalls.iter().enumerate() {
            if !stalled {
                expected.push(format!("quick {i}"));
            }
        }
        for (i, stalled) in stalls.iter().enumerate() {
            if *stalled {
                expected.push(format!("half {i}"));
            }
        }
        let heard = props::paused(model::quietly(async {
            let server = start(echo_lines).await;
            let mut waiting = Vec::new();
            let mut heard = Vec::new();
            for (i, stalled) in stalls.iter().enumerate() {
                let mut client = Client::connect(server).await;
                if *stalled {
                    client.send(&format!("half {i}")).await;
                    waiting.push(client);
                } else {
                    client.send(&format!("quick {i}\n")).await;
                    heard.push(client.line("a client was never answered").await.trim_end().to_owned());
                }
            }
            for mut client in waiting {
                client.send("\n").await;
                heard.push(client.line("a client was never answered").await.trim_end().to_owned());
            }
            heard
        }));
        prop_assert!(
            heard.as_ref() == Ok(&expected),
            "Clients connect one after another; those marked true stall half way through their \
             line: {stalls:?}.\nThe course expects them to hear {expected:?}; yours: {heard:?}.\n\
             Each connection is served on a task of its own, so that a client that stalls \
             holds up no other"
        );
    }
}
