//! Exercise 4.17: a flusher woken through a `Notify`. The tests ask for
//! flushes at chosen moments, and read when the flushes ran.

use std::time::Duration;

use concurrency::notify::Flusher;
use testkit::held::{self, render, two_timelines, within_seen};
use testkit::props::{self, proptest};
use testkit::timeline::Timeline;
use tokio::time::sleep;

use proptest::prelude::*;

/// The generated cases' bound: far beyond their last flush.
const LIMIT: Duration = Duration::from_secs(60);

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

// Generated request times: none, one, several at one instant, bursts during
// a flush, gaps longer than a flush. The model is `asyncio.Event`: a request
// while idle starts a flush at once; requests during a flush, however many,
// make one more flush right after it.
proptest! {
    #![proptest_config(props::cases(48))]
    #[test]
    fn flushes_for_generated_requests(
        mut moments in prop::collection::vec(prop_oneof![Just(0_u64), 0_u64..600], 0..7)
    ) {
        moments.sort_unstable();
        let flush_ms = FLUSH_TIME.as_millis() as u64;
        // The flush running (its start and end), and whether one more is wanted.
        let (mut running, mut pending): (Option<(u64, u64)>, bool) = (None, false);
        let mut events: Vec<(u128, String)> = Vec::new();
        let flush_at = |at: u64, events: &mut Vec<(u128, String)>| {
            events.push((at.into(), "flush starts".to_string()));
            events.push(((at + flush_ms).into(), "flush ends".to_string()));
            Some((at, at + flush_ms))
        };
        for &at in &moments {
            // A request at the instant a flush ends may come before or after
            // the flusher takes its next turn: not what this test is about.
            prop_assume!(running.is_none_or(|(_, end)| end != at));
            // Flushes that ended before this request, and those they chain.
            while let Some((_, end)) = running.filter(|(_, end)| *end < at) {
                running = if pending { flush_at(end, &mut events) } else { None };
                pending = false;
            }
            match running {
                None => running = flush_at(at, &mut events),
                // Asked again at the instant it was asked: the flusher has
                // not woken yet, and one wake-up covers both.
                Some((start, _)) if start == at => {}
                Some(_) => pending = true,
            }
        }
        while let (Some((_, end)), true) = (running, pending) {
            running = flush_at(end, &mut events);
            pending = false;
        }
        let expected = render(&events);
        let rendered = held::paused(async {
            let timeline = Timeline::start();
            let flusher = flusher(&timeline);
            within_seen(LIMIT, "the requests were never made", &timeline, request_at(&flusher, &timeline, &moments)).await;
            timeline.render()
        });
        prop_assert!(
            rendered == expected,
            "requests at {moments:?} ms, flushes of {flush_ms} ms: a request while the flusher \
             waits starts a flush at once; any number of requests during a flush make one \
             more flush right after it\n{}",
            two_timelines(&expected, &rendered)
        );
    }
}
