//! Exercise 5.6: a stream fed by a channel, and two streams merged.

use async_generators::channels::{merge, receiver_stream};
use futures::{Stream, StreamExt};
use testkit::limit::within;
use testkit::model::{self, Event};
use testkit::props::{self, proptest};
use testkit::timeline::Timeline;
use tokio::sync::mpsc;
use tokio::time::{Duration, Instant, sleep, sleep_until};

use proptest::prelude::*;

const LIMIT: Duration = Duration::from_secs(60);
/// More values than a right answer ever yields: a stream that never ends is cut
/// off here, and fails an assertion, instead of running the test for ever.
const ENOUGH: usize = 100;

/// A producer task that sends each value at its time (ms from now), then hangs up.
fn produce(values: &[(u64, &'static str)]) -> mpsc::Receiver<&'static str> {
    let (tx, rx) = mpsc::channel(8);
    let values = values.to_vec();
    tokio::spawn(async move {
        let start = tokio::time::Instant::now();
        for (at, value) in values {
            tokio::time::sleep_until(start + Duration::from_millis(at)).await;
            tx.send(value).await.expect("the consumer is listening");
        }
    });
    rx
}

async fn consume(timeline: &Timeline, stream: impl Stream<Item = &'static str>) {
    let mut stream = std::pin::pin!(stream.take(ENOUGH));
    while let Some(value) = within(LIMIT, "the stream never ended", stream.next()).await {
        timeline.record(value);
    }
    timeline.record("end");
}

#[tokio::test(start_paused = true)]
async fn a_receiver_stream_yields_each_value_when_it_is_sent() {
    let timeline = Timeline::start();
    let rx = produce(&[(100, "a"), (250, "b"), (600, "c")]);
    consume(&timeline, receiver_stream(rx)).await;
    assert_eq!(
        timeline.render(),
        "100 ms  a\n250 ms  b\n600 ms  c\n600 ms  end\n",
        "each value must come out of the stream as soon as it is sent, and the \
         stream must end when the sender is dropped (recv returns None)"
    );
}

#[tokio::test(start_paused = true)]
async fn a_merge_ends_only_when_both_have_ended() {
    let timeline = Timeline::start();
    let quick = futures::stream::iter(["now"]);
    let slow = futures::stream::once(async {
        sleep(Duration::from_millis(1000)).await;
        "later"
    });
    consume(&timeline, merge(quick, slow)).await;
    assert_eq!(
        timeline.texts(),
        ["now", "later", "end"],
        "the first stream ended at once, but the merge must go on until the \
         second has ended too"
    );
}

#[tokio::test(start_paused = true)]
async fn the_merge_yields_each_value_when_it_comes() {
    let timeline = Timeline::start();
    let left = receiver_stream(produce(&[(100, "left 1"), (300, "left 2")]));
    let right = receiver_stream(produce(&[(200, "right 1")]));
    consume(&timeline, merge(left, right)).await;
    assert_eq!(
        timeline.texts(),
        ["left 1", "right 1", "left 2", "end"],
        "merge must yield each value as soon as either stream has one; `chain` \
         would give all of the first stream before any of the second"
    );
}

#[tokio::test(start_paused = true)]
async fn timeline_of_a_merge() {
    let timeline = Timeline::start();
    let left = receiver_stream(produce(&[
        (100, "left 1"),
        (300, "left 2"),
        (900, "left 3"),
    ]));
    let right = receiver_stream(produce(&[(200, "right 1"), (500, "right 2")]));
    consume(&timeline, merge(left, right)).await;
    insta::assert_snapshot!("merge", timeline.render());
}

#[tokio::test(start_paused = true)]
async fn a_stream_over_a_channel_with_no_values_just_ends() {
    let (tx, rx) = mpsc::channel::<&'static str>(1);
    tokio::spawn(async move {
        sleep(Duration::from_millis(300)).await;
        drop(tx);
    });
    let timeline = Timeline::start();
    consume(&timeline, receiver_stream(rx)).await;
    assert_eq!(
        timeline.render(),
        "300 ms  end\n",
        "the sender was dropped at 300 ms"
    );
}

/// A stream of the test's own: `"{name} 1"`, `"{name} 2"`, … each at its
/// time (ms from the first poll), and its end at `end` ms (or at its last value).
fn timed(name: &'static str, times: Vec<u64>, end: u64) -> impl Stream<Item = &'static str> {
    async_stream::stream! {
        let start = Instant::now();
        for (i, at) in times.into_iter().enumerate() {
            sleep_until(start + Duration::from_millis(at)).await;
            yield &*format!("{name} {}", i + 1).leak();
        }
        sleep_until(start + Duration::from_millis(end)).await;
    }
}

/// Sorted times of arrival, in ms; then how long after the last the stream ends.
fn schedule() -> impl Strategy<Value = (Vec<u64>, u64)> {
    (
        prop::collection::vec(
            prop::sample::select(vec![0_u64, 100, 200, 250, 300, 500]),
            0..4,
        ),
        prop::sample::select(vec![0_u64, 50, 400]),
    )
        .prop_map(|(mut times, after)| {
            times.sort_unstable();
            (times, after)
        })
}

/// What a merge of `left` and `right` yields: every value at its time, and
/// the end when both have ended.
fn merged(left: &(Vec<u64>, u64), right: &(Vec<u64>, u64)) -> Vec<Event> {
    let mut events = Vec::new();
    let mut end = 0;
    for (name, (times, after)) in [("left", left), ("right", right)] {
        for (i, at) in times.iter().enumerate() {
            events.push((*at, format!("{name} {}", i + 1)));
        }
        end = end.max(times.last().copied().unwrap_or(0) + after);
    }
    events.push((end, "end".to_owned()));
    events
}

proptest! {
    #![proptest_config(props::cases(32))]
    #[test]
    fn a_merge_yields_every_value_when_it_comes(left in schedule(), right in schedule()) {
        let expected = merged(&left, &right);
        let actual = props::paused(async {
            let timeline = Timeline::start();
            let (l, r) = (left.clone(), right.clone());
            let l_end = l.0.last().copied().unwrap_or(0) + l.1;
            let r_end = r.0.last().copied().unwrap_or(0) + r.1;
            consume(&timeline, merge(timed("left", l.0, l_end), timed("right", r.0, r_end))).await;
            model::events_of(&timeline)
        });
        let verdict = model::same_events_any_order_within_instants(
            &format!(
                "Two streams: left yields at {:?} ms and ends {} ms after its last value; right \
                 yields at {:?} ms and ends {} ms after its last.",
                left.0, left.1, right.0, right.1
            ),
            &expected,
            &actual,
            "A merge yields each value the moment either stream has one, whichever it is \
             (not one from each in turn), and ends when both streams have ended.",
        );
        prop_assert!(verdict.is_ok(), "{}", verdict.unwrap_err());
    }

    #[test]
    fn a_receiver_stream_follows_any_schedule_of_sends(sends in schedule()) {
        // The model: each value comes out at the time it is sent; the end
        // when the sender is dropped.
        let (times, after) = sends.clone();
        let drop_at = times.last().copied().unwrap_or(0) + after;
        let mut expected = merged(&sends, &(Vec::new(), 0));
        expected.last_mut().expect("the end").0 = drop_at;
        let actual = props::paused(async move {
            let timeline = Timeline::start();
            let (tx, rx) = mpsc::channel(8);
            tokio::spawn(async move {
                let start = Instant::now();
                for (i, at) in times.iter().enumerate() {
                    sleep_until(start + Duration::from_millis(*at)).await;
                    let value: &'static str = format!("left {}", i + 1).leak();
                    tx.send(value).await.expect("the consumer is listening");
                }
                sleep_until(start + Duration::from_millis(drop_at)).await;
                drop(tx);
            });
            consume(&timeline, receiver_stream(rx)).await;
            model::events_of(&timeline)
        });
        let verdict = model::same_events_any_order_within_instants(
            &format!("Values sent at {:?} ms; the sender dropped at {drop_at} ms.", sends.0),
            &expected,
            &actual,
            "Each value comes out of the stream as soon as it is sent, and the stream ends \
             when the sender is dropped (recv returns None), not before.",
        );
        prop_assert!(verdict.is_ok(), "{}", verdict.unwrap_err());
    }
}
