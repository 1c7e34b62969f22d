//! Exercise 4.17: a flusher woken through a `Notify`. The tests ask for
//! flushes at chosen moments, and read when the flushes ran.

use std::time::Duration;

use concurrency::notify::Flusher;
use testkit::timeline::Timeline;
use tokio::time::sleep;

/// How long the tests' flush takes.
const FLUSH_TIME: Duration = Duration::from_millis(100);

/// A flusher whose flush records its start and end on `timeline`.
fn flusher(timeline: &Timeline) -> Flusher {
    let timeline = timeline.clone();
    Flusher::spawn(move || {
        let timeline = timeline.clone();
        async move {
            timeline.record("flush starts");
            sleep(FLUSH_TIME).await;
            timeline.record("flush ends");
        }
    })
}

/// When the flushes started, in ms.
fn starts(timeline: &Timeline) -> Vec<u128> {
    timeline
        .events()
        .into_iter()
        .filter(|(_, event)| event == "flush starts")
        .map(|(at, _)| at.as_millis())
        .collect()
}

/// Requests a flush at each of `moments` (ms from the start), then waits a second.
async fn request_at(flusher: &Flusher, timeline: &Timeline, moments: &[u64]) {
    for &ms in moments {
        let wait = Duration::from_millis(ms).saturating_sub(timeline.elapsed());
        sleep(wait).await;
        flusher.request();
    }
    sleep(Duration::from_secs(1)).await;
}

#[tokio::test(start_paused = true)]
async fn a_flush_starts_the_moment_it_is_requested() {
    let timeline = Timeline::start();
    let flusher = flusher(&timeline);
    request_at(&flusher, &timeline, &[25]).await;
    assert_eq!(
        starts(&timeline),
        [25],
        "one request at 25 ms: one flush, starting at 25 ms. A flusher that wakes up now \
         and then to look for work starts late: wait in notified().await, which returns \
         when request() calls notify_one"
    );
}

#[tokio::test(start_paused = true)]
async fn a_request_while_the_flusher_is_busy_is_not_lost() {
    let timeline = Timeline::start();
    let flusher = flusher(&timeline);
    request_at(&flusher, &timeline, &[0, 50]).await;
    assert_eq!(
        starts(&timeline),
        [0, 100],
        "requests at 0 ms (before the flusher first waits) and at 50 ms (during the first \
         flush) must give flushes at 0 and 100 ms. Nobody waits at those moments: \
         notify_one stores a permit for the next notified().await, notify_waiters wakes \
         only those already waiting, and the request is lost"
    );
}

#[tokio::test(start_paused = true)]
async fn nothing_is_flushed_until_asked() {
    let timeline = Timeline::start();
    let _flusher = flusher(&timeline);
    sleep(Duration::from_secs(10)).await;
    assert_eq!(
        starts(&timeline),
        [] as [u128; 0],
        "nobody asked for a flush in 10 s: the flusher must only wait"
    );
}

#[tokio::test(start_paused = true)]
async fn requests_during_a_flush_make_one_more_flush() {
    let timeline = Timeline::start();
    let flusher = flusher(&timeline);
    request_at(&flusher, &timeline, &[0, 30, 40, 50, 60]).await;
    assert_eq!(
        starts(&timeline),
        [0, 100],
        "a request at 0 ms, then four during that flush: one more flush covers all four, \
         as an asyncio.Event set four times is set once. A Notify stores at most one \
         permit; a queue of requests (a channel) would flush four more times"
    );
}

#[tokio::test(start_paused = true)]
async fn timeline_of_requests_and_flushes() {
    let timeline = Timeline::start();
    let flusher = flusher(&timeline);
    let log = timeline.clone();
    let requests = async {
        for ms in [0, 50, 60, 300] {
            sleep(Duration::from_millis(ms).saturating_sub(log.elapsed())).await;
            log.record("request");
            flusher.request();
        }
        sleep(Duration::from_secs(1)).await;
    };
    requests.await;
    insta::assert_snapshot!("timeline", timeline.render());
}
