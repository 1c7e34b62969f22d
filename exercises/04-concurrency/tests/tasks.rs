//! Exercise 4.5: a spawned task runs on its own; a dropped future does not.

use concurrency::tasks::{detach, give_up, start, task_example};
use testkit::held;
use testkit::held::{render, two_timelines, within_seen};
use testkit::props::{self, proptest};
use testkit::timeline::Timeline;
use tokio::time::{Duration, sleep};

use proptest::prelude::*;

const LIMIT: Duration = Duration::from_secs(60);

fn logger(timeline: &Timeline) -> impl Fn(&str) + Send + 'static {
    let timeline = timeline.clone();
    move |event: &str| timeline.record(event)
}

#[tokio::test(start_paused = true)]
async fn task_example_completes_after_two_seconds() {
    let timeline = Timeline::start();
    within_seen(
        LIMIT,
        "task_example never finished",
        &timeline,
        task_example(logger(&timeline)),
    )
    .await;
    assert_eq!(
        timeline.render(),
        "2000 ms  Task Completed\n",
        "task_example must sleep 2 s, then log \"Task Completed\""
    );
}

/// The post's `task = asyncio.create_task(...)`, then `await task`.
#[tokio::test(start_paused = true)]
async fn a_started_task_runs_before_anyone_awaits_it() {
    let timeline = Timeline::start();
    let task = start(logger(&timeline));
    sleep(Duration::from_millis(2500)).await;
    timeline.record("main awaits the task");
    within_seen(LIMIT, "the task never finished", &timeline, task)
        .await
        .expect("the task does not fail");
    insta::assert_snapshot!("start", timeline.render());
}

#[tokio::test(start_paused = true)]
async fn a_detached_task_still_runs() {
    let timeline = Timeline::start();
    detach(logger(&timeline));
    sleep(Duration::from_secs(3)).await;
    assert_eq!(
        timeline.texts(),
        ["Task Completed"],
        "dropping a JoinHandle does not stop its task: the task is detached \
         and must still complete after 2 s"
    );
}

#[tokio::test(start_paused = true)]
async fn a_dropped_future_never_completes() {
    let timeline = Timeline::start();
    within_seen(
        LIMIT,
        "give_up never returned",
        &timeline,
        give_up(logger(&timeline), Duration::from_secs(1)),
    )
    .await;
    timeline.record("gave up");
    sleep(Duration::from_secs(5)).await;
    assert_eq!(
        timeline.render(),
        "1000 ms  gave up\n",
        "give_up must stop waiting after 1 s, and the future it dropped must \
         never log: a future that is not spawned runs only while it is polled"
    );
}

// Generated patience, shorter and longer than the task's 2 s. The model:
// with less patience, give_up returns when it runs out and nothing is ever
// logged; with more, the work completes at 2 s and give_up returns then,
// without waiting out the rest of its patience.
proptest! {
    #![proptest_config(props::cases(32))]
    #[test]
    fn give_up_with_generated_patience(
        patience in prop_oneof![Just(0_u64), 0_u64..6000]
            .prop_filter("not the instant the work completes", |ms| *ms != 2000)
    ) {
        let rendered = held::paused(async {
            let timeline = Timeline::start();
            within_seen(LIMIT, "give_up never returned", &timeline,
                give_up(logger(&timeline), Duration::from_millis(patience)),
            )
            .await;
            timeline.record("gave up");
            sleep(Duration::from_secs(10)).await;
            timeline.render()
        });
        let expected = if patience < 2000 {
            render(&[(patience.into(), "gave up".to_string())])
        } else {
            render(&[
                (2000, "Task Completed".to_string()),
                (2000, "gave up".to_string()),
            ])
        };
        prop_assert!(
            rendered == expected,
            "give_up with {patience} ms of patience, for a task of 2 s: the task must be \
             polled while give_up waits (it completes if the patience is longer), and \
             dropped when the patience runs out\n{}",
            two_timelines(&expected, &rendered)
        );
    }
}
