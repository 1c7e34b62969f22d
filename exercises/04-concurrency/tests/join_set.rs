//! Exercise 4.7: a `JoinSet` hands results back in the order tasks finish.

use concurrency::join_set::collect_as_finished;
use testkit::limit::within;
use testkit::timeline::Timeline;
use tokio::time::{Duration, Instant};

const LIMIT: Duration = Duration::from_secs(60);

fn jobs() -> Vec<(&'static str, u64)> {
    vec![("slow", 300), ("quick", 100), ("medium", 200)]
}

/// Collects `jobs()`, and returns the timeline of what was collected when.
async fn collect_the_jobs() -> Timeline {
    let timeline = Timeline::start();
    let log = |event: &str| timeline.record(event);
    within(
        LIMIT,
        "collect_as_finished never finished",
        collect_as_finished(jobs(), &log),
    )
    .await;
    timeline
}

#[tokio::test(start_paused = true)]
async fn the_tasks_run_at_the_same_time() {
    let timeline = Timeline::start();
    let log = |event: &str| timeline.record(event);
    let started = Instant::now();
    let many: Vec<(&'static str, u64)> = (0..50).map(|_| ("job", 1000)).collect();
    let finished = within(
        LIMIT,
        "collect_as_finished never finished",
        collect_as_finished(many, &log),
    )
    .await;
    assert_eq!(finished.len(), 50, "one result per job");
    assert_eq!(
        started.elapsed(),
        Duration::from_secs(1),
        "fifty jobs of 1 s each, spawned together, take 1 s: spawn them all \
         before joining any"
    );
}

#[tokio::test(start_paused = true)]
async fn results_come_in_the_order_the_tasks_finish() {
    let timeline = Timeline::start();
    let log = |event: &str| timeline.record(event);
    let finished = within(
        LIMIT,
        "collect_as_finished never finished",
        collect_as_finished(jobs(), &log),
    )
    .await;
    assert_eq!(
        finished,
        ["quick", "medium", "slow"],
        "join_next yields each task's result as soon as it finishes, not in \
         the order the tasks were spawned"
    );
}

#[tokio::test(start_paused = true)]
async fn each_result_is_collected_the_moment_it_is_ready() {
    let timeline = collect_the_jobs().await;
    assert_eq!(
        timeline.events().first(),
        Some(&(Duration::from_millis(100), "collected quick".to_string())),
        "the three jobs start together and the quick one finishes at 100 ms: \
         its result must be collected then, before the slower ones' (join_next \
         gives whichever task finishes first)"
    );
}

#[tokio::test(start_paused = true)]
async fn timeline_of_collecting() {
    let timeline = collect_the_jobs().await;
    insta::assert_snapshot!("timeline", timeline.render());
}
