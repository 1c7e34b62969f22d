//! Exercise 5.6: a stream fed by a channel, and two streams merged.

use async_generators::channels::{merge, receiver_stream};
use futures::{Stream, StreamExt};
use testkit::limit::within;
use testkit::timeline::Timeline;
use tokio::sync::mpsc;
use tokio::time::{Duration, sleep};

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
