//! Exercise 4.7: a `JoinSet` hands results back in the order tasks finish.

use concurrency::join_set::collect_as_finished;
use testkit::held::{self, render, two_timelines, within_seen};
use testkit::props::{self, proptest};
use testkit::timeline::Timeline;
use tokio::time::{Duration, Instant};

use proptest::prelude::*;

const LIMIT: Duration = Duration::from_secs(60);

fn jobs() -> Vec<(&'static str, u64)> {
    vec![("slow", 300), ("quick", 100), ("medium", 200)]
}

/// Collects `jobs()`, and returns the timeline of what was collected when.
async fn collect_the_jobs() -> Timeline {
    let timeline = Timeline::start();
    let log = |event: &str| timeline.record(event);
    within_seen(
        LIMIT,
        "collect_as_finished never finished",
        &timeline,
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
    let finished = within_seen(
        LIMIT,
        "collect_as_finished never finished",
        &timeline,
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
    let finished = within_seen(
        LIMIT,
        "collect_as_finished never finished",
        &timeline,
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

const NAMES: [&str; 6] = ["j0", "j1", "j2", "j3", "j4", "j5"];

// Generated durations, equal ones included, in any order. The model: each
// job is collected the moment it ends. Jobs that end at the same instant may
// come in either order, so both timelines are compared sorted within each
// instant.
proptest! {
    #![proptest_config(props::cases(32))]
    #[test]
    fn collect_as_finished_on_generated_jobs(
        durations in prop::collection::vec(prop_oneof![Just(0_u64), 0_u64..400], 0..6)
    ) {
        let jobs: Vec<(&'static str, u64)> = NAMES.iter().copied().zip(durations.iter().copied()).collect();
        let (finished, events) = held::paused(async {
            let timeline = Timeline::start();
            let log = |event: &str| timeline.record(event);
            let finished = within_seen(LIMIT, "collect_as_finished never finished", &timeline,
                collect_as_finished(jobs.clone(), &log),
            )
            .await;
            (finished, timeline.events())
        });
        let mut yours: Vec<(u128, String)> = events.into_iter().map(|(at, e)| (at.as_millis(), e)).collect();
        yours.sort();
        let mut expected: Vec<(u128, String)> =
            jobs.iter().map(|(name, ms)| (u128::from(*ms), format!("collected {name}"))).collect();
        expected.sort();
        let logged: Vec<&str> = yours.iter().map(|(_, e)| e.trim_start_matches("collected ")).collect();
        prop_assert!(
            yours == expected && finished.len() == jobs.len() && finished.iter().all(|n| logged.contains(n)),
            "collect_as_finished({jobs:?}): each job collected the moment its task ends\n{}\
             returned: {finished:?}",
            two_timelines(&render(&expected), &render(&yours))
        );
        let ends: Vec<u64> = finished
            .iter()
            .map(|name| jobs.iter().find(|(n, _)| n == name).map_or(u64::MAX, |(_, ms)| *ms))
            .collect();
        prop_assert!(
            ends.is_sorted(),
            "collect_as_finished({jobs:?}) returned {finished:?}: the names come back in the \
             order the tasks finished"
        );
    }
}
