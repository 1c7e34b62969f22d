//! Exercise 4.13: `select!` branches switched off with `, if`, and `else`
//! for when every branch is off.

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

use concurrency::select_guards::{collect_until, drain_both};
use testkit::held::{self, within, within_seen};
use testkit::props::{self, proptest};
use testkit::timeline::Timeline;
use tokio::sync::mpsc;
use tokio::time::{Duration, Instant};

use proptest::prelude::*;

const LIMIT: Duration = Duration::from_secs(60);

/// More wake-ups than these two channels' values and closings could ever
/// cause: a future polled more often is asking something again and again.
const POLLS: usize = 100;

/// Fails the test when `future` is polled more than `POLLS` times. A loop
/// that keeps finding a closed channel ready never waits for anything: tokio
/// makes it yield now and then, it is polled again at once, and the paused
/// clock never moves on. Counting its polls catches it without a hang.
struct CountPolls<F> {
    future: Pin<Box<F>>,
    polls: usize,
}

impl<F: Future> Future for CountPolls<F> {
    type Output = F::Output;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<F::Output> {
        self.polls += 1;
        assert!(
            self.polls <= POLLS,
            "polled more than {POLLS} times for a handful of values: the loop keeps \
             asking a closed channel, whose recv() is ready at once with None. \
             Switch its branch off with `, if` once it has closed"
        );
        self.future.as_mut().poll(cx)
    }
}

fn count_polls<F: Future>(future: F) -> CountPolls<F> {
    CountPolls {
        future: Box::pin(future),
        polls: 0,
    }
}

/// A channel fed by a task: `(ms, value)` sends at those virtual times, then
/// the sender is dropped, closing the channel, at `close_ms` (at once after
/// the last send, if that is when).
fn feed(
    name: &'static str,
    sends: &[(u64, u32)],
    close_ms: u64,
    timeline: &Timeline,
) -> mpsc::Receiver<u32> {
    let (tx, rx) = mpsc::channel(16);
    let sends = sends.to_vec();
    let timeline = timeline.clone();
    tokio::spawn(async move {
        let start = Instant::now();
        let mut now = 0;
        for (ms, value) in sends {
            // Values due at one instant are sent together, without a pause
            // in which the receiver could take the first before the next.
            if ms > now || ms == 0 {
                tokio::time::sleep_until(start + Duration::from_millis(ms)).await;
            }
            timeline.record(format!("{name} sends {value}"));
            let _ = tx.send(value).await;
            now = ms;
        }
        // Closing at the instant of the last send, a sender drops at once,
        // without waiting: its last value is still in the channel when it
        // closes, as when a producer sends its last item and returns.
        if close_ms > now {
            tokio::time::sleep_until(start + Duration::from_millis(close_ms)).await;
        }
        timeline.record(format!("{name} closes"));
    });
    rx
}

/// `a` closes at 300 ms, `b` goes on until 600 ms.
fn two_channels(timeline: &Timeline) -> (mpsc::Receiver<u32>, mpsc::Receiver<u32>) {
    let a = feed("a", &[(100, 1), (300, 3)], 300, timeline);
    let b = feed("b", &[(200, 2), (400, 4), (500, 5)], 600, timeline);
    (a, b)
}

#[tokio::test(start_paused = true)]
async fn drain_both_keeps_reading_the_other_channel_after_one_closes() {
    let timeline = Timeline::start();
    let (a, b) = two_channels(&timeline);
    let values = within_seen(
        LIMIT,
        "drain_both never returned, though both channels closed by 600 ms: \
         when every branch is switched off, the `else` branch should end the loop",
        &timeline,
        count_polls(drain_both(a, b)),
    )
    .await;
    assert_eq!(
        values,
        [1, 2, 3, 4, 5],
        "every value of both channels, in the order they arrived. Channel a \
         closing at 300 ms must not stop the reading of b: switch a's branch \
         off and go on with the other"
    );
}

#[tokio::test(start_paused = true)]
async fn drain_both_returns_when_the_last_channel_closes() {
    let timeline = Timeline::start();
    let (a, b) = two_channels(&timeline);
    let started = Instant::now();
    within_seen(
        LIMIT,
        "drain_both never returned, though both channels closed by 600 ms",
        &timeline,
        count_polls(drain_both(a, b)),
    )
    .await;
    assert_eq!(
        started.elapsed(),
        Duration::from_millis(600),
        "drain_both returns when its last channel closes, at 600 ms, not before"
    );
}

#[tokio::test(start_paused = true)]
async fn drain_both_when_both_are_closed_from_the_start() {
    let (tx_a, a) = mpsc::channel::<u32>(1);
    let (tx_b, b) = mpsc::channel::<u32>(1);
    drop((tx_a, tx_b));
    let values = within(
        LIMIT,
        "drain_both never returned, though both channels were closed",
        count_polls(drain_both(a, b)),
    )
    .await;
    assert!(values.is_empty(), "two closed channels give no values");
}

#[tokio::test(start_paused = true)]
async fn timeline_of_drain_both() {
    let timeline = Timeline::start();
    let (a, b) = two_channels(&timeline);
    let values = within_seen(
        LIMIT,
        "drain_both never returned",
        &timeline,
        count_polls(drain_both(a, b)),
    )
    .await;
    timeline.record(format!("drain_both returned {values:?}"));
    insta::assert_snapshot!("timeline", timeline.render());
}

/// One value every 100 ms, from 100 to 1000 ms; the channel closes at 1000 ms.
fn steady(timeline: &Timeline) -> mpsc::Receiver<u32> {
    let sends: Vec<(u64, u32)> = (1..=10).map(|i| (100 * u64::from(i), i)).collect();
    feed("steady", &sends, 1000, timeline)
}

#[tokio::test(start_paused = true)]
async fn collect_until_stops_at_the_deadline() {
    let timeline = Timeline::start();
    let started = Instant::now();
    let values = within_seen(
        LIMIT,
        "collect_until never returned, though its deadline was 350 ms",
        &timeline,
        count_polls(collect_until(
            steady(&timeline),
            Some(Duration::from_millis(350)),
        )),
    )
    .await;
    assert_eq!(
        (values, started.elapsed()),
        (vec![1, 2, 3], Duration::from_millis(350)),
        "values arrive every 100 ms; a deadline of 350 ms counts from the call, \
         so it ends the collection at 350 ms, after three. A timer created inside \
         the loop starts again with every value, and is never reached"
    );
}

#[tokio::test(start_paused = true)]
async fn collect_until_without_a_deadline_waits_for_the_close() {
    let timeline = Timeline::start();
    let started = Instant::now();
    let values = within_seen(
        LIMIT,
        "collect_until never returned, though the channel closed at 1000 ms",
        &timeline,
        count_polls(collect_until(steady(&timeline), None)),
    )
    .await;
    assert_eq!(
        (values.len(), started.elapsed()),
        (10, Duration::from_millis(1000)),
        "with no deadline, collect_until reads until the channel closes at 1000 ms. \
         A timer branch that must not run is switched off with `, if`, not given \
         a zero duration"
    );
}

#[tokio::test(start_paused = true)]
async fn collect_until_returns_at_the_close_before_a_later_deadline() {
    let timeline = Timeline::start();
    let started = Instant::now();
    let values = within_seen(
        LIMIT,
        "collect_until never returned, though the channel closed at 1000 ms",
        &timeline,
        count_polls(collect_until(
            steady(&timeline),
            Some(Duration::from_secs(5)),
        )),
    )
    .await;
    assert_eq!(
        (values.len(), started.elapsed()),
        (10, Duration::from_millis(1000)),
        "the channel closes at 1000 ms, before the 5 s deadline: its `None` ends the \
         collection then, without waiting for the timer"
    );
}

/// A generated channel: `(ms, value)` sends in time order (several in a row,
/// several at one instant, or none), then the close, maybe at the very
/// instant of the last send, so that values still wait in the channel when
/// it closes.
fn generated_feed(first_value: u32) -> impl Strategy<Value = (Vec<(u64, u32)>, u64)> {
    let gap = prop_oneof![Just(0_u64), 1_u64..200];
    (
        prop::collection::vec(gap, 0..5),
        prop_oneof![Just(0_u64), 0_u64..200],
    )
        .prop_map(move |(gaps, close_gap)| {
            let mut at = 0;
            let sends: Vec<(u64, u32)> = gaps
                .iter()
                .zip(first_value..)
                .map(|(gap, value)| {
                    at += gap;
                    (at, value)
                })
                .collect();
            (sends, at + close_gap)
        })
}

/// The lines of a timeline that say what was sent, and when, for a message.
fn sends_of(timeline: &Timeline) -> String {
    timeline
        .events()
        .into_iter()
        .filter(|(_, event)| event.contains("sends") || event.contains("closes"))
        .map(|(at, event)| format!("    {} ms  {event}\n", at.as_millis()))
        .collect()
}

// Generated arrivals on two channels (runs from one channel, values waiting
// when a channel closes, channels with nothing) and deadlines (none, 0 ms,
// before or after the close). No two values arrive at one instant, and no
// value or close at the deadline's instant: which goes first there is not
// what these tests are about.
proptest! {
    #![proptest_config(props::cases(48))]
    #[test]
    fn drain_both_on_generated_arrivals(
        ((a_sends, a_close), (b_sends, b_close)) in (generated_feed(100), generated_feed(200))
            .prop_filter("no two values at one instant", |((a, _), (b, _))| {
                a.iter().all(|(at, _)| b.iter().all(|(bt, _)| bt != at))
            })
    ) {
        let (values, elapsed, sends) = held::paused(async {
            let timeline = Timeline::start();
            let a = feed("a", &a_sends, a_close, &timeline);
            let b = feed("b", &b_sends, b_close, &timeline);
            let started = Instant::now();
            let values = within(
                LIMIT,
                "drain_both never returned, though both channels closed",
                count_polls(drain_both(a, b)),
            )
            .await;
            (values, started.elapsed(), sends_of(&timeline))
        });
        let mut arrivals: Vec<(u64, u32)> = a_sends.iter().chain(&b_sends).copied().collect();
        arrivals.sort();
        let expected: Vec<u32> = arrivals.iter().map(|(_, value)| *value).collect();
        let end = a_close.max(b_close);
        prop_assert!(
            values == expected && elapsed == Duration::from_millis(end),
            "drain_both, with these arrivals:\n{sends}  expected: {expected:?} at {end} ms (every \
             value in the order it arrived, also one still waiting in a channel when it \
             closed, until the last channel says None)\n  yours:    {values:?} at {} ms",
            elapsed.as_millis()
        );
    }

    #[test]
    fn collect_until_on_generated_deadlines(
        ((sends, close), deadline) in (
            generated_feed(1),
            prop::option::of(prop_oneof![Just(0_u64), 0_u64..1200]),
        )
            .prop_filter("nothing at the deadline's instant", |((sends, close), deadline)| {
                deadline.is_none_or(|d| d != *close && sends.iter().all(|(at, _)| *at != d))
            })
    ) {
        let (values, elapsed, sends_seen) = held::paused(async {
            let timeline = Timeline::start();
            let rx = feed("rx", &sends, close, &timeline);
            let started = Instant::now();
            let values = within(
                LIMIT,
                "collect_until never returned",
                count_polls(collect_until(rx, deadline.map(Duration::from_millis))),
            )
            .await;
            (values, started.elapsed(), sends_of(&timeline))
        });
        let end = deadline.map_or(close, |d| d.min(close));
        let expected: Vec<u32> = sends.iter().filter(|(at, _)| *at < end || (*at == end && end == close)).map(|(_, v)| *v).collect();
        prop_assert!(
            values == expected && elapsed == Duration::from_millis(end),
            "collect_until(deadline {deadline:?} ms), with these arrivals:\n{sends_seen}  \
             expected: {expected:?} at {end} ms (the values before the deadline, counted from \
             the call, or all of them if the channel closes first)\n  yours:    {values:?} \
             at {} ms",
            elapsed.as_millis()
        );
    }
}
