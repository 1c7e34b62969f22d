//! Exercise 5.4: `buffered` keeps input order, `buffer_unordered` does not;
//! both keep at most N futures in flight.

use std::future::Future;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use async_generators::buffered::{as_ready, in_order};
use futures::{Stream, StreamExt};
use testkit::limit::within;
use testkit::model::{self, Event};
use testkit::props::{self, proptest};
use testkit::timeline::Timeline;
use tokio::time::{Duration, Instant, sleep};

use proptest::prelude::*;

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

/// Fetch `id` takes `durations[id]` ms; logged on `timeline` as it starts and ends.
fn timed_fetch(
    timeline: &Timeline,
    durations: &[u64],
) -> impl FnMut(u64) -> std::pin::Pin<Box<dyn Future<Output = u64>>> {
    let (timeline, durations) = (timeline.clone(), durations.to_vec());
    move |id| {
        let (timeline, ms) = (timeline.clone(), durations[id as usize]);
        Box::pin(async move {
            // "begins" sorts before "ends" at one instant, so the timelines read in order.
            timeline.record(format!("fetch {id} begins"));
            sleep(Duration::from_millis(ms)).await;
            timeline.record(format!("fetch {id} ends"));
            id
        })
    }
}

/// The model of `buffered(limit)` with a consumer that takes each output at
/// once: fetch i starts when the output `limit` places before it has been
/// handed on (a window of `limit` that slides by one), and outputs go in
/// input order.
fn sliding_window_in_order(durations: &[u64], limit: usize) -> Vec<Event> {
    let mut events = Vec::new();
    let mut handed: Vec<u64> = Vec::new();
    for (id, ms) in durations.iter().enumerate() {
        let starts = if id < limit { 0 } else { handed[id - limit] };
        let ends = starts + ms;
        let got = ends.max(handed.last().copied().unwrap_or(0));
        handed.push(got);
        events.push((starts, format!("fetch {id} begins")));
        events.push((ends, format!("fetch {id} ends")));
        events.push((got, format!("got {id}")));
    }
    events
}

/// Batches of `limit`, each waiting for its slowest: what a sliding window is not.
fn batches_in_order(durations: &[u64], limit: usize) -> Vec<Event> {
    let mut events = Vec::new();
    let mut starts = 0;
    for (batch, chunk) in durations.chunks(limit).enumerate() {
        let slowest = starts + chunk.iter().max().copied().unwrap_or(0);
        for (k, ms) in chunk.iter().enumerate() {
            let id = batch * limit + k;
            events.push((starts, format!("fetch {id} begins")));
            events.push((starts + ms, format!("fetch {id} ends")));
            events.push((slowest, format!("got {id}")));
        }
        starts = slowest;
    }
    events
}

/// The model of `buffer_unordered(limit)` with a consumer that takes each
/// output at once: each fetch that ends hands its output on and frees its
/// slot, and the next id starts in it at that instant.
fn sliding_window_as_ready(durations: &[u64], limit: usize) -> Vec<Event> {
    let mut events = Vec::new();
    let mut running: Vec<(u64, usize)> = Vec::new();
    let mut next = 0;
    let mut now = 0;
    loop {
        while next < durations.len() && running.len() < limit {
            events.push((now, format!("fetch {next} begins")));
            running.push((now + durations[next], next));
            next += 1;
        }
        let Some(&(ends, _)) = running.iter().min() else {
            return events;
        };
        now = ends;
        for &(_, id) in running.iter().filter(|(at, _)| *at == ends) {
            events.push((ends, format!("fetch {id} ends")));
            events.push((ends, format!("got {id}")));
        }
        running.retain(|(at, _)| *at != ends);
    }
}

/// Runs `in_order` (or `as_ready`) over fetches of `durations`; the timeline.
fn run(durations: &[u64], limit: usize, ordered: bool) -> Vec<Event> {
    props::paused(async {
        let timeline = Timeline::start();
        let ids: Vec<u64> = (0..durations.len() as u64).collect();
        let fetch = timed_fetch(&timeline, durations);
        if ordered {
            consume(&timeline, in_order(ids, limit, fetch)).await;
        } else {
            consume(&timeline, as_ready(ids, limit, fetch)).await;
        }
        model::events_of(&timeline)
    })
}

fn durations() -> impl Strategy<Value = Vec<u64>> {
    prop::collection::vec(prop::sample::select(vec![0_u64, 50, 100, 150, 300]), 0..8)
}

proptest! {
    #![proptest_config(props::cases(32))]
    #[test]
    fn buffered_is_a_window_that_slides_in_input_order(durations in durations(), limit in 1_usize..5) {
        let expected = sliding_window_in_order(&durations, limit);
        let actual = run(&durations, limit, true);
        // A window that starts each fetch no later than `buffered` does,
        // hands the outputs on in input order, no later than `buffered`
        // does, and never runs more than `limit` at once, is right; the
        // timeline of `buffered` itself is the one shown.
        let when = |events: &[Event], text: &str| {
            events.iter().find(|(_, event)| event == text).map(|(at, _)| *at)
        };
        let outputs: Vec<String> = actual
            .iter()
            .filter(|(_, event)| event.starts_with("got"))
            .map(|(_, event)| event.clone())
            .collect();
        let in_order: Vec<String> = (0..durations.len()).map(|id| format!("got {id}")).collect();
        let mut in_flight = 0_usize;
        let mut most = 0;
        // In the order recorded: a fetch begins only after the one whose slot it takes ended.
        for (_, event) in &actual {
            if event.ends_with("begins") {
                in_flight += 1;
            } else if event.ends_with("ends") {
                in_flight = in_flight.saturating_sub(1);
            }
            most = most.max(in_flight);
        }
        let late = expected.iter().find(|(at, event)| {
            !event.ends_with("ends") && when(&actual, event).is_none_or(|seen| seen > *at)
        });
        let finding = if outputs != in_order {
            Some(format!("The outputs came as {outputs:?}, not in input order."))
        } else if most > limit {
            Some(format!("{most} fetches ran at once, with a limit of {limit}."))
        } else {
            late.map(|(at, event)| format!("\"{event}\" should happen by {at} ms, and came later."))
        };
        if let Some(finding) = finding {
            let batches = batches_in_order(&durations, limit);
            let seen_batches = model::sorted_within_instants(&actual)
                == model::sorted_within_instants(&batches);
            let verdict = model::same_events_any_order_within_instants(
                &format!(
                    "in_order over fetches of {durations:?} ms (fetch i takes durations[i]), \
                     limit {limit}. {finding}"
                ),
                &expected,
                &actual,
                if seen_batches {
                    "Yours is exactly the timeline of batches: each group of `limit` fetches starts \
                     together, hands its outputs on only once its slowest has ended, and only then \
                     does the next group start. `buffered` is a window that slides: each output is \
                     handed on as soon as it and those before it are ready, and the next fetch \
                     starts at once."
                } else {
                    "`buffered(limit)` keeps `limit` fetches in its window and starts the next one \
                     as soon as the oldest output is handed on; outputs come in input order."
                },
            );
            prop_assert!(verdict.is_ok(), "{}", verdict.unwrap_err());
        }
    }

    #[test]
    fn buffer_unordered_refills_each_slot_as_it_frees(durations in durations(), limit in 1_usize..5) {
        let expected = sliding_window_as_ready(&durations, limit);
        let actual = run(&durations, limit, false);
        let verdict = model::same_events_any_order_within_instants(
            &format!("as_ready over fetches of {durations:?} ms (fetch i takes durations[i]), limit {limit}."),
            &expected,
            &actual,
            "`buffer_unordered(limit)` hands on each output the moment its fetch ends, and \
             starts the next id in the slot it frees: never more than `limit` at once, and \
             never a slot left idle while ids wait.",
        );
        prop_assert!(verdict.is_ok(), "{}", verdict.unwrap_err());
    }
}
