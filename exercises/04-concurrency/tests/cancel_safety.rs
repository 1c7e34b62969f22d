//! Exercise 4.10: in a `select!` loop, a losing branch is dropped, so what it
//! had half done must be kept outside it; `biased;` fixes which branch goes first.

use concurrency::cancel_safety::{Messages, receive};
use testkit::limit::within;
use testkit::timeline::Timeline;
use tokio::sync::{mpsc, oneshot};
use tokio::time::{Duration, Instant, sleep, timeout};

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

/// Whole messages every 600 ms, more often than the tick.
#[tokio::test(start_paused = true)]
async fn the_ticks_keep_time_while_messages_arrive() {
    let timeline = Timeline::start();
    let log = |event: &str| timeline.record(event);
    let parts = send_parts(&[
        (600, "to:ann"),
        (600, "a"),
        (1200, "to:bob"),
        (1200, "b"),
        (1800, "to:cy"),
        (1800, "c"),
        (2400, "to:di"),
        (2400, "d"),
    ]);
    let (_stop, shutdown) = oneshot::channel();
    within(
        LIMIT,
        "receive never returned after the channel closed",
        receive(Messages::new(parts), shutdown, &log),
    )
    .await;
    let ticks: Vec<u128> = timeline
        .events()
        .iter()
        .filter(|(_, event)| event == "tick")
        .map(|(at, _)| at.as_millis())
        .collect();
    assert_eq!(
        ticks,
        [1000, 2000],
        "a tick every second, whatever else arrives: make the interval once, \
         before the loop. A `sleep(TICK)` in the select! starts again on every \
         turn, so messages that come more often than a tick put it off for ever"
    );
}

#[tokio::test(start_paused = true)]
async fn a_dropped_shutdown_sender_stops_the_loop_too() {
    let (parts, rx) = mpsc::channel::<String>(16);
    let (stop, shutdown) = oneshot::channel::<()>();
    let started = Instant::now();
    tokio::spawn(async move {
        sleep(Duration::from_millis(1500)).await;
        drop(stop);
    });
    // On a task of its own, so that a panic in receive comes back as a result
    // this test can explain, rather than as the bare panic.
    let receiving = tokio::spawn(async move {
        // Kept though never read: a loop that never waits fails in `record`.
        let timeline = Timeline::start();
        let log = |event: &str| timeline.record(event);
        receive(Messages::new(rx), shutdown, &log).await
    });
    let outcome = within(
        LIMIT,
        "receive did not stop when the shutdown sender was dropped",
        receiving,
    )
    .await;
    if let Err(error) = outcome {
        let payload = error.into_panic();
        let text = payload
            .downcast_ref::<&str>()
            .copied()
            .or_else(|| payload.downcast_ref::<String>().map(String::as_str))
            .unwrap_or("a panic");
        panic!(
            "receive panicked ({text:?}) after the shutdown sender was dropped: \
             a dropped sender is a shutdown too. A branch `Ok(()) = &mut shutdown` \
             is disabled when the receiver gives Err, and the next turn of the \
             loop polls a oneshot that has already completed; `_ = &mut shutdown` \
             matches both"
        );
    }
    assert_eq!(
        started.elapsed(),
        Duration::from_millis(1500),
        "the shutdown sender was dropped at 1.5 s: receive must return then, even \
         though the channel is still open"
    );
    drop(parts);
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
