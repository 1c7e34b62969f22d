//! Exercise 4.11: a semaphore keeps at most N jobs in flight.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use concurrency::semaphore::run_bounded;
use testkit::limit::within;
use testkit::timeline::Timeline;
use tokio::time::{Duration, Instant, sleep};

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
    assert_eq!(started.elapsed(), Duration::from_millis(200));
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
    within(LIMIT, "run_bounded never finished", run_bounded(jobs, 2)).await;
    insta::assert_snapshot!("timeline", timeline.render());
}
