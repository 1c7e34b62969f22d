//! Exercise 4.10: in a `select!` loop, a losing branch is dropped, so what it
//! had half done must be kept outside it; `biased;` fixes which branch goes first.

use concurrency::cancel_safety::{Messages, receive};
use testkit::limit::within;
use testkit::timeline::Timeline;
use tokio::sync::{mpsc, oneshot};
use tokio::time::{Duration, sleep, timeout};

const LIMIT: Duration = Duration::from_secs(60);

/// Sends each part at its time (ms from now), then closes the channel.
fn send_parts(parts: &[(u64, &'static str)]) -> mpsc::Receiver<String> {
    let (tx, rx) = mpsc::channel(16);
    let parts = parts.to_vec();
    tokio::spawn(async move {
        let start = tokio::time::Instant::now();
        for (at, part) in parts {
            tokio::time::sleep_until(start + Duration::from_millis(at)).await;
            tx.send(part.to_string())
                .await
                .expect("the receiver is alive");
        }
    });
    rx
}

#[tokio::test(start_paused = true)]
async fn next_joins_header_and_body() {
    let mut messages = Messages::new(send_parts(&[
        (0, "to:ann"),
        (0, "hello"),
        (0, "to:bob"),
        (0, "bye"),
    ]));
    assert_eq!(
        within(LIMIT, "no first message", messages.next())
            .await
            .as_deref(),
        Some("to:ann hello")
    );
    assert_eq!(
        within(LIMIT, "no second message", messages.next())
            .await
            .as_deref(),
        Some("to:bob bye")
    );
    assert_eq!(
        within(LIMIT, "next never saw the channel close", messages.next()).await,
        None,
        "once the channel is closed, next returns None"
    );
}

#[tokio::test(start_paused = true)]
async fn next_loses_nothing_when_it_is_cancelled() {
    // The header arrives at 100 ms, the body at 900 ms.
    let mut messages = Messages::new(send_parts(&[(100, "to:ann"), (900, "hello")]));
    let cancelled = timeout(Duration::from_millis(500), messages.next()).await;
    assert!(
        cancelled.is_err(),
        "at 500 ms the body has not arrived: no message yet"
    );
    let message = within(LIMIT, "the message never arrived", messages.next()).await;
    assert_eq!(
        message.as_deref(),
        Some("to:ann hello"),
        "`next` was dropped after the header arrived; the next call must still \
         return the whole message. Keep the header in `self`, not in a local \
         variable of the future that gets dropped"
    );
}

#[tokio::test(start_paused = true)]
async fn ticks_between_the_parts_lose_nothing() {
    let timeline = Timeline::start();
    let log = |event: &str| timeline.record(event);
    let parts = send_parts(&[
        (800, "to:ann"),
        (1200, "hello"),
        (1900, "to:bob"),
        (2600, "bye"),
    ]);
    let (_stop, shutdown) = oneshot::channel();
    let received = within(
        LIMIT,
        "receive never returned after the channel closed",
        receive(Messages::new(parts), shutdown, &log),
    )
    .await;
    assert_eq!(
        received,
        ["to:ann hello", "to:bob bye"],
        "a tick came between a header and its body: the message must arrive whole"
    );
    insta::assert_snapshot!("timeline", timeline.render());
}

#[tokio::test(start_paused = true)]
async fn shutdown_stops_the_loop_promptly() {
    let timeline = Timeline::start();
    let log = |event: &str| timeline.record(event);
    let (tx, rx) = mpsc::channel(16);
    let (stop, shutdown) = oneshot::channel();
    tokio::spawn(async move {
        sleep(Duration::from_millis(1500)).await;
        let _ = stop.send(());
        sleep(Duration::from_secs(10)).await;
        drop(tx);
    });
    within(
        LIMIT,
        "receive did not stop at the shutdown signal",
        receive(Messages::new(rx), shutdown, &log),
    )
    .await;
    assert_eq!(
        timeline.elapsed(),
        Duration::from_millis(1500),
        "the shutdown signal came at 1.5 s: receive must return then, even though \
         the channel is still open"
    );
    assert_eq!(
        timeline.texts(),
        ["tick"],
        "one tick, at 1 s, before the shutdown"
    );
}

#[tokio::test(start_paused = true)]
async fn biased_checks_shutdown_before_ready_messages() {
    // Random branch order would handle some messages in some runs: run many.
    for run in 0..32 {
        let (tx, rx) = mpsc::channel(64);
        for i in 0..20 {
            tx.send(format!("part{i}")).await.expect("open");
        }
        let (stop, shutdown) = oneshot::channel();
        stop.send(()).expect("the receiver is alive");
        let log = |_: &str| {};
        let received = within(
            LIMIT,
            "receive never returned",
            receive(Messages::new(rx), shutdown, &log),
        )
        .await;
        assert!(
            received.is_empty(),
            "run {run}: shutdown had already been signalled and messages were \
             waiting; with `biased;` and the shutdown branch first, receive must \
             return before taking any, but it took {received:?}"
        );
        drop(tx);
    }
}
