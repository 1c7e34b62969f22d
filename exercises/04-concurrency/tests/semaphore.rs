//! Exercise 4.11: a semaphore keeps at most N jobs in flight.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use concurrency::semaphore::run_bounded;
use testkit::held::{self, render, two_timelines, within, within_seen};
use testkit::props::{self, proptest};
use testkit::timeline::Timeline;
use tokio::time::{Duration, Instant, sleep};

use proptest::prelude::*;

const LIMIT: Duration = Duration::from_secs(60);

/// Counts the jobs running now, and the most that ever ran at once.
#[derive(Clone, Default)]
struct InFlight {
    now: Arc<AtomicUsize>,
    peak: Arc<AtomicUsize>,
}

impl InFlight {
    /// A job that takes `ms` and returns `id`, counted while it runs.
    fn job(&self, id: usize, ms: u64) -> impl Future<Output = usize> + Send + 'static {
        let counts = self.clone();
        async move {
            let running = counts.now.fetch_add(1, Ordering::SeqCst) + 1;
            counts.peak.fetch_max(running, Ordering::SeqCst);
            sleep(Duration::from_millis(ms)).await;
            counts.now.fetch_sub(1, Ordering::SeqCst);
            id
        }
    }

    fn peak(&self) -> usize {
        self.peak.load(Ordering::SeqCst)
    }
}

#[tokio::test(start_paused = true)]
async fn never_more_than_the_limit_in_flight() {
    let counts = InFlight::default();
    let jobs: Vec<_> = (0..10).map(|id| counts.job(id, 100)).collect();
    let started = Instant::now();
    let outputs = within(LIMIT, "run_bounded never finished", run_bounded(jobs, 3)).await;
    assert_eq!(
        outputs,
        (0..10).collect::<Vec<_>>(),
        "every output, in input order"
    );
    assert!(
        counts.peak() <= 3,
        "at most 3 jobs may run at once; {} did: each job must hold a permit \
         of the one shared semaphore until it ends",
        counts.peak()
    );
    assert_eq!(
        counts.peak(),
        3,
        "3 jobs may run at once, and should: with a limit of 3, no more than {} ran",
        counts.peak()
    );
    assert_eq!(
        started.elapsed(),
        Duration::from_millis(400),
        "10 jobs of 100 ms, 3 at a time, take 4 rounds: 400 ms"
    );
}

#[tokio::test(start_paused = true)]
async fn a_limit_of_one_runs_them_one_by_one() {
    let counts = InFlight::default();
    let jobs: Vec<_> = (0..4).map(|id| counts.job(id, 50)).collect();
    let started = Instant::now();
    within(LIMIT, "run_bounded never finished", run_bounded(jobs, 1)).await;
    assert_eq!(
        counts.peak(),
        1,
        "a limit of 1 means one job at a time, but {} ran at once: every job \
         must hold a permit of the one shared semaphore until it ends",
        counts.peak()
    );
    assert_eq!(
        started.elapsed(),
        Duration::from_millis(200),
        "4 jobs of 50 ms, one at a time, take 200 ms"
    );
}

#[tokio::test(start_paused = true)]
async fn freed_permits_start_the_next_job_at_once() {
    let counts = InFlight::default();
    let jobs = vec![
        counts.job(0, 300),
        counts.job(1, 100),
        counts.job(2, 100),
        counts.job(3, 150),
    ];
    let started = Instant::now();
    within(LIMIT, "run_bounded never finished", run_bounded(jobs, 2)).await;
    assert_eq!(
        started.elapsed(),
        Duration::from_millis(350),
        "jobs of 300, 100, 100 and 150 ms, 2 at a time: each starts as soon as \
         a permit is freed (at 0, 0, 100 and 200 ms), so all end by 350 ms; \
         batches of 2 would take 450 ms"
    );
}

#[tokio::test(start_paused = true)]
async fn timeline_of_freed_permits() {
    let timeline = Timeline::start();
    let job = |name: &'static str, ms: u64| {
        let timeline = timeline.clone();
        async move {
            timeline.record(format!("{name} starts"));
            sleep(Duration::from_millis(ms)).await;
            timeline.record(format!("{name} ends"));
            name
        }
    };
    let jobs = vec![job("a", 300), job("b", 100), job("c", 100), job("d", 150)];
    within_seen(
        LIMIT,
        "run_bounded never finished",
        &timeline,
        run_bounded(jobs, 2),
    )
    .await;
    insta::assert_snapshot!("timeline", timeline.render());
}

/// The model: `limit` slots; in input order, each job starts in the slot
/// that frees first (a permit is handed on the moment it is given back) and
/// holds it for its duration. Every job's `(start, end)`.
fn model_schedule(durations: &[u64], limit: usize) -> Vec<(u64, u64)> {
    let mut free_at = vec![0_u64; limit];
    durations
        .iter()
        .map(|&ms| {
            let slot = (0..limit).min_by_key(|&s| free_at[s]).expect("limit >= 1");
            let start = free_at[slot];
            free_at[slot] = start + ms;
            (start, start + ms)
        })
        .collect()
}

// Generated durations (0 ms and equal ones included, finishing in any order)
// and limits from 1 to more than the jobs. Compared with the model: when each
// job starts and ends, and the outputs, in input order.
proptest! {
    #![proptest_config(props::cases(48))]
    #[test]
    fn run_bounded_on_generated_jobs(
        (durations, limit) in prop::collection::vec(prop_oneof![Just(0_u64), 0_u64..300], 0..8)
            .prop_flat_map(|durations| {
                let most = durations.len() + 1;
                (Just(durations), 1..=most)
            })
    ) {
        let (outputs, events) = held::paused(async {
            let timeline = Timeline::start();
            let jobs: Vec<_> = durations
                .iter()
                .enumerate()
                .map(|(id, &ms)| {
                    let timeline = timeline.clone();
                    async move {
                        timeline.record(format!("job {id} starts"));
                        sleep(Duration::from_millis(ms)).await;
                        timeline.record(format!("job {id} ends"));
                        id
                    }
                })
                .collect();
            let outputs = within_seen(LIMIT, "run_bounded never finished", &timeline, run_bounded(jobs, limit)).await;
            (outputs, timeline.events())
        });
        let mut expected: Vec<(u128, String)> = model_schedule(&durations, limit)
            .into_iter()
            .enumerate()
            .flat_map(|(id, (start, end))| {
                [(start.into(), format!("job {id} starts")), (end.into(), format!("job {id} ends"))]
            })
            .collect();
        // At one instant, ends before starts (a permit is given back before
        // it is taken again); otherwise in no set order.
        let key = |(at, event): &(u128, String)| (*at, event.ends_with("starts"), event.clone());
        expected.sort_by_key(key);
        let mut yours: Vec<(u128, String)> = events.into_iter().map(|(at, e)| (at.as_millis(), e)).collect();
        yours.sort_by_key(key);
        prop_assert!(
            yours == expected,
            "run_bounded(jobs of {durations:?} ms, limit {limit}): each job starts the moment \
             a permit is free, in input order, and never more than {limit} at once\n{}",
            two_timelines(&render(&expected), &render(&yours))
        );
        let ids: Vec<usize> = (0..durations.len()).collect();
        prop_assert!(
            outputs == ids,
            "run_bounded(jobs of {durations:?} ms, limit {limit})\n  expected: {ids:?}\n  \
             yours:    {outputs:?}\nthe outputs come back in the order of the input, not in \
             the order the jobs finish"
        );
    }
}
