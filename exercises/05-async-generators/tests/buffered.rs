//! Exercise 5.4: `buffered` keeps input order, `buffer_unordered` does not;
//! both keep at most N futures in flight.

use std::future::Future;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use async_generators::buffered::{as_ready, in_order};
use futures::{Stream, StreamExt};
use testkit::limit::within;
use testkit::timeline::Timeline;
use tokio::time::{Duration, Instant, sleep};

const LIMIT: Duration = Duration::from_secs(60);
/// More values than a right answer ever yields: a stream that never ends is cut
/// off here, and fails an assertion, instead of running the test for ever.
const ENOUGH: usize = 100;

/// A fetch that takes `ms` milliseconds for id `ms`, logged on `timeline`.
fn logged_fetch(
    timeline: &Timeline,
) -> impl FnMut(u64) -> std::pin::Pin<Box<dyn Future<Output = u64>>> {
    let timeline = timeline.clone();
    move |ms| {
        let timeline = timeline.clone();
        Box::pin(async move {
            timeline.record(format!("fetch {ms} starts"));
            sleep(Duration::from_millis(ms)).await;
            timeline.record(format!("fetch {ms} ends"));
            ms
        })
    }
}

/// Consumes `stream`, logging each output as it arrives.
async fn consume(timeline: &Timeline, stream: impl Stream<Item = u64>) -> Vec<u64> {
    let mut stream = std::pin::pin!(stream.take(ENOUGH));
    let mut got = Vec::new();
    while let Some(ms) = within(LIMIT, "the stream never ended", stream.next()).await {
        timeline.record(format!("got {ms}"));
        got.push(ms);
    }
    got
}

/// A fetch of 100 ms that counts how many run at once.
fn counted_fetch(
    now: &Arc<AtomicUsize>,
    peak: &Arc<AtomicUsize>,
) -> impl FnMut(u64) -> std::pin::Pin<Box<dyn Future<Output = u64>>> {
    let (now, peak) = (Arc::clone(now), Arc::clone(peak));
    move |id| {
        let (now, peak) = (Arc::clone(&now), Arc::clone(&peak));
        Box::pin(async move {
            let running = now.fetch_add(1, Ordering::SeqCst) + 1;
            peak.fetch_max(running, Ordering::SeqCst);
            sleep(Duration::from_millis(100)).await;
            now.fetch_sub(1, Ordering::SeqCst);
            id
        })
    }
}

#[tokio::test(start_paused = true)]
async fn both_keep_at_most_limit_in_flight() {
    for (name, ordered) in [("in_order", true), ("as_ready", false)] {
        let (now, peak) = (Arc::default(), Arc::default());
        let fetch = counted_fetch(&now, &peak);
        let ids: Vec<u64> = (0..12).collect();
        let started = Instant::now();
        let got: Vec<u64> = if ordered {
            within(
                LIMIT,
                "in_order never ended",
                in_order(ids, 4, fetch).take(ENOUGH).collect(),
            )
            .await
        } else {
            within(
                LIMIT,
                "as_ready never ended",
                as_ready(ids, 4, fetch).take(ENOUGH).collect(),
            )
            .await
        };
        assert_eq!(got.len(), 12, "{name}: one output per id");
        assert_eq!(
            peak.load(Ordering::SeqCst),
            4,
            "{name}: with a limit of 4, 4 fetches must run at once, never more \
             (and no fewer: that is what the limit is for)"
        );
        assert_eq!(
            started.elapsed(),
            Duration::from_millis(300),
            "{name}: 12 fetches of 100 ms, 4 at a time, take 300 ms"
        );
    }
}

#[tokio::test(start_paused = true)]
async fn buffered_keeps_the_input_order() {
    let timeline = Timeline::start();
    let got = consume(
        &timeline,
        in_order(vec![300, 100, 150], 2, logged_fetch(&timeline)),
    )
    .await;
    assert_eq!(
        got,
        [300, 100, 150],
        "`buffered` yields the outputs in input order"
    );
    insta::assert_snapshot!("in_order", timeline.render());
}

#[tokio::test(start_paused = true)]
async fn buffer_unordered_yields_what_is_ready_first() {
    let timeline = Timeline::start();
    let got = consume(
        &timeline,
        as_ready(vec![300, 100, 150], 2, logged_fetch(&timeline)),
    )
    .await;
    assert_eq!(
        got,
        [100, 150, 300],
        "`buffer_unordered` yields each output as soon as it is ready"
    );
    insta::assert_snapshot!("as_ready", timeline.render());
}
