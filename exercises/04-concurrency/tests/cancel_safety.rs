//! Exercise 4.10: in a `select!` loop, a losing branch is dropped, so what it
//! had half done must be kept outside it; `biased;` fixes which branch goes first.

use concurrency::cancel_safety::{Messages, receive};
use testkit::held::{self, render, two_timelines, within, within_seen};
use testkit::props::{self, proptest};
use testkit::timeline::Timeline;
use tokio::sync::{mpsc, oneshot};
use tokio::time::{Duration, Instant, sleep, timeout};

use proptest::prelude::*;

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
        Some("to:ann hello"),
        "the parts \"to:ann\" and \"hello\" came first: next joins a header and its \
         body with one space"
    );
    assert_eq!(
        within(LIMIT, "no second message", messages.next())
            .await
            .as_deref(),
        Some("to:bob bye"),
        "after the first message, the next two parts make the second one"
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
    within_seen(
        LIMIT,
        "receive did not stop at the shutdown signal",
        &timeline,
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
    within_seen(
        LIMIT,
        "receive never returned after the channel closed",
        &timeline,
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
    let received = within_seen(
        LIMIT,
        "receive never returned after the channel closed",
        &timeline,
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

/// A generated schedule for `receive`: whole messages (a header, then its
/// body), maybe a header whose body never comes, when the channel closes, and
/// when shutdown is signalled, if ever. No two things happen at one instant,
/// and none on a tick's instant (a whole second): who goes first there is
/// not what this test is about.
#[derive(Debug, Clone)]
struct Schedule {
    /// `(ms, part)`, in time order.
    parts: Vec<(u64, String)>,
    close_ms: u64,
    shutdown_ms: Option<u64>,
}

fn schedule() -> impl Strategy<Value = Schedule> {
    (
        prop::collection::vec(1_u64..900, 0..9),
        1_u64..900,
        prop::option::of(0_u64..5000),
    )
        .prop_map(|(gaps, close_gap, shutdown_ms)| {
            let mut at = 0;
            let parts = gaps
                .iter()
                .enumerate()
                .map(|(i, gap)| {
                    at += gap;
                    let part = if i % 2 == 0 {
                        format!("to:{}", i / 2)
                    } else {
                        format!("m{}", i / 2)
                    };
                    (at, part)
                })
                .collect();
            Schedule {
                parts,
                close_ms: at + close_gap,
                shutdown_ms,
            }
        })
        .prop_filter("nothing at one instant, nothing on a tick", |s| {
            let mut times: Vec<u64> = s.parts.iter().map(|(at, _)| *at).collect();
            times.push(s.close_ms);
            times.extend(s.shutdown_ms);
            let count = times.len();
            times.sort_unstable();
            times.dedup();
            times.len() == count && times.iter().all(|t| t % 1000 != 0)
        })
}

// Generated schedules of parts, closes and shutdowns, against a model:
// `receive` takes every whole message the moment its body arrives, ticks
// every second from 1 s, and returns at the shutdown or at the close,
// whichever comes first. A tick that comes between a header and its body
// cancels `next` there: the message must still arrive whole.
proptest! {
    #![proptest_config(props::cases(48))]
    #[test]
    fn receive_on_generated_schedules(s in schedule()) {
        let (received, rendered) = held::paused(async {
            let timeline = Timeline::start();
            let log = |event: &str| timeline.record(event);
            let (tx, rx) = mpsc::channel(16);
            let (parts, close_ms) = (s.parts.clone(), s.close_ms);
            tokio::spawn(async move {
                let start = Instant::now();
                for (at, part) in parts {
                    tokio::time::sleep_until(start + Duration::from_millis(at)).await;
                    let _ = tx.send(part).await;
                }
                tokio::time::sleep_until(start + Duration::from_millis(close_ms)).await;
                drop(tx);
            });
            let (stop, shutdown) = oneshot::channel();
            let stop = match s.shutdown_ms {
                Some(ms) => {
                    tokio::spawn(async move {
                        sleep(Duration::from_millis(ms)).await;
                        let _ = stop.send(());
                    });
                    None
                }
                None => Some(stop),
            };
            let received = within_seen(LIMIT, "receive did not return after the close or the shutdown", &timeline,
                receive(Messages::new(rx), shutdown, &log),
            )
            .await;
            timeline.record("receive returns");
            drop(stop);
            (received, timeline.render())
        });
        let end = s.shutdown_ms.map_or(s.close_ms, |ms| ms.min(s.close_ms));
        let mut events: Vec<(u128, String)> = Vec::new();
        let mut expected_received = Vec::new();
        for pair in s.parts.chunks(2) {
            // A header and its body, the body sent before the end.
            let Some([(_, header), (at, body)]) = pair.first_chunk::<2>() else { continue };
            if *at < end {
                let message = format!("{header} {body}");
                events.push(((*at).into(), format!("got {message}")));
                expected_received.push(message);
            }
        }
        events.extend((1..).map(|n| 1000 * n).take_while(|t| *t < end).map(|t| (u128::from(t), "tick".to_string())));
        events.sort();
        events.push((end.into(), "receive returns".to_string()));
        let expected = render(&events);
        prop_assert!(
            received == expected_received && rendered == expected,
            "receive: every whole message when its body arrives, a tick every second, and \
             the end at the shutdown or when next() returns None (the channel closed), \
             whichever comes first\n  parts (ms, part): {:?}\n  the channel closes at {} \
             ms; shutdown at {:?} ms\n{}",
            s.parts,
            s.close_ms,
            s.shutdown_ms,
            two_timelines(&expected, &rendered)
        );
    }
}
