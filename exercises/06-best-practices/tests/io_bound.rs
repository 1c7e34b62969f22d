//! Exercise 6.2: simulated requests, timed in virtual time. Run together they
//! take as long as the slowest; a limit caps how many are in flight at once.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use best_practices::io_bound::fetch_all;
use testkit::limit::within;
use testkit::props::{self, proptest};
use testkit::timeline::Timeline;
use tokio::time::{Duration, Instant, sleep};

use proptest::prelude::*;

const LIMIT: Duration = Duration::from_secs(60);

/// Counts the requests in flight, and the most there ever were at once.
#[derive(Debug, Clone, Default)]
struct Gauge {
    now: Arc<AtomicUsize>,
    most: Arc<AtomicUsize>,
}

impl Gauge {
    /// A simulated request: waits `millis` of virtual time, then answers.
    async fn request(&self, id: u32, millis: u64) -> String {
        let now = self.now.fetch_add(1, Ordering::SeqCst) + 1;
        self.most.fetch_max(now, Ordering::SeqCst);
        sleep(Duration::from_millis(millis)).await;
        self.now.fetch_sub(1, Ordering::SeqCst);
        format!("response {id}")
    }

    fn most(&self) -> usize {
        self.most.load(Ordering::SeqCst)
    }
}

#[tokio::test(start_paused = true)]
async fn ten_requests_take_as_long_as_the_slowest() {
    let gauge = Gauge::default();
    let start = Instant::now();
    let responses = within(
        LIMIT,
        "fetch_all never finished: is it awaiting something that never completes?",
        // The first id is the slowest: the responses finish in the reverse order.
        fetch_all((1..=10).collect(), 10, |id| {
            gauge.request(id, 100 * u64::from(11 - id))
        }),
    )
    .await;
    let elapsed = start.elapsed();
    assert_eq!(
        responses,
        (1..=10)
            .map(|id| format!("response {id}"))
            .collect::<Vec<_>>(),
        "fetch_all must return one response per id, in the order of the ids, even \
         though the later ids answered first"
    );
    assert_eq!(
        elapsed,
        Duration::from_millis(1000),
        "ten requests of 100 ms to 1000 ms, with room for all ten at once, took {elapsed:?}. \
         Run concurrently they take as long as the slowest (1 s); one after the other they \
         take the sum (5.5 s). Are you awaiting each request before starting the next?"
    );
}

#[tokio::test(start_paused = true)]
async fn never_more_than_the_limit_in_flight() {
    let gauge = Gauge::default();
    let start = Instant::now();
    let responses = within(
        LIMIT,
        "fetch_all never finished with a limit of 3",
        fetch_all((0..9).collect(), 3, |id| gauge.request(id, 100)),
    )
    .await;
    assert_eq!(responses.len(), 9, "one response per id");
    let most = gauge.most();
    assert!(
        most <= 3,
        "with a limit of 3, {most} requests were in flight at once. A limit protects the \
         server (and your sockets): start a new request only when one has finished"
    );
    let elapsed = start.elapsed();
    assert_eq!(
        elapsed,
        Duration::from_millis(300),
        "nine requests of 100 ms, three at a time, should take 300 ms; they took {elapsed:?}. \
         {}",
        if most < 3 {
            "Fewer than 3 ran at once: use the whole limit"
        } else {
            "Start the next request as soon as a slot is free"
        }
    );
}

#[tokio::test(start_paused = true)]
async fn a_limit_of_one_is_one_at_a_time() {
    let gauge = Gauge::default();
    let start = Instant::now();
    let responses = within(
        LIMIT,
        "fetch_all never finished with a limit of 1",
        fetch_all(vec![7, 8, 9], 1, |id| gauge.request(id, 100)),
    )
    .await;
    assert_eq!(
        responses,
        ["response 7", "response 8", "response 9"],
        "one response per id, in the order of the ids"
    );
    assert_eq!(gauge.most(), 1, "a limit of 1 allows one request at a time");
    assert_eq!(
        start.elapsed(),
        Duration::from_millis(300),
        "three requests of 100 ms, one at a time, take 300 ms"
    );
}

#[tokio::test(start_paused = true)]
async fn each_free_slot_is_used_at_once() {
    let gauge = Gauge::default();
    let start = Instant::now();
    let millis = [100, 200, 100, 100, 100];
    within(
        LIMIT,
        "fetch_all never finished with a limit of 2",
        fetch_all((0..5).collect(), 2, |id| {
            gauge.request(id, millis[id as usize])
        }),
    )
    .await;
    let elapsed = start.elapsed();
    assert_eq!(
        elapsed,
        Duration::from_millis(300),
        "requests of 100, 200, 100, 100 and 100 ms, two at a time: a new one starts as \
         soon as a slot is free, so all are done by 300 ms; they took {elapsed:?} (in \
         batches of two they would take 400 ms)"
    );
}

#[tokio::test(start_paused = true)]
async fn timeline_of_five_requests_two_at_a_time() {
    let timeline = Timeline::start();
    let request = |id: u32| {
        let timeline = timeline.clone();
        async move {
            timeline.record(format!("start {id}"));
            sleep(Duration::from_millis(100)).await;
            timeline.record(format!("end   {id}"));
            id
        }
    };
    let ids = within(
        LIMIT,
        "fetch_all never finished",
        fetch_all((0..5).collect(), 2, request),
    )
    .await;
    assert_eq!(
        ids,
        [0, 1, 2, 3, 4],
        "one response per id, in the order of the ids"
    );
    // Events at the same instant are sorted, so any correct answer draws the same picture.
    let mut events = timeline.events();
    events.sort_by_key(|(at, event)| (*at, event.starts_with("start"), event.clone()));
    let rendered: String = events
        .iter()
        .map(|(at, event)| format!("{:>3} ms  {event}\n", at.as_millis()))
        .collect();
    insta::assert_snapshot!("timeline", rendered);
}

/// When the last response is in, for a window of `limit` requests that
/// slides in the order of the ids: request i starts once the response
/// `limit` places before it is in and handed on (what `buffered` does; a
/// pool that starts a request in whichever slot frees first is never later).
fn window_finishes(millis: &[u64], limit: usize) -> u64 {
    let mut handed: Vec<u64> = Vec::new();
    for (i, ms) in millis.iter().enumerate() {
        let starts = if i < limit { 0 } else { handed[i - limit] };
        let in_hand = (starts + ms).max(handed.last().copied().unwrap_or(0));
        handed.push(in_hand);
    }
    handed.last().copied().unwrap_or(0)
}

/// When the last response is in, for batches of `limit` that each wait for their slowest.
fn batches_finish(millis: &[u64], limit: usize) -> u64 {
    millis
        .chunks(limit)
        .map(|batch| batch.iter().max().copied().unwrap_or(0))
        .sum()
}

proptest! {
    #![proptest_config(props::cases(32))]
    #[test]
    fn a_window_of_limit_requests_whatever_their_times(
        millis in prop::collection::vec(prop::sample::select(vec![0_u64, 50, 100, 200, 300]), 0..8),
        limit in 1_usize..5,
    ) {
        let ids: Vec<u32> = (0..millis.len() as u32).collect();
        let (responses, most, took) = props::paused(async {
            let gauge = Gauge::default();
            let started = Instant::now();
            let responses = within(
                LIMIT,
                "fetch_all never finished",
                fetch_all(ids.clone(), limit, |id| gauge.request(id, millis[id as usize])),
            )
            .await;
            (responses, gauge.most(), started.elapsed().as_millis() as u64)
        });
        let expected: Vec<String> = ids.iter().map(|id| format!("response {id}")).collect();
        prop_assert!(
            responses == expected,
            "fetch_all over requests of {millis:?} ms with a limit of {limit}:\n\
             the course expects {expected:?}, one response per id in the order of the ids;\n\
             yours gave {responses:?}"
        );
        prop_assert!(
            most <= limit,
            "fetch_all over requests of {millis:?} ms with a limit of {limit}:\n\
             {most} requests were in flight at once. Start a new request only when one has finished"
        );
        let window = window_finishes(&millis, limit);
        let batches = batches_finish(&millis, limit);
        prop_assert!(
            took <= window,
            "fetch_all over requests of {millis:?} ms with a limit of {limit}:\n\
             a window of {limit} requests that slides (a new one as soon as one has finished) is \
             done by {window} ms; yours took {took} ms.{}",
            if took == batches {
                format!(
                    "\nThat is the time of batches: each group of {limit} waits for its slowest \
                     ({batches} ms in all) before the next group starts"
                )
            } else {
                String::new()
            }
        );
    }
}
