//! Exercise 3.3: a future does nothing until it is awaited; a task starts on
//! its own.

use coroutines::lazy_futures::{Log, eagerly, lazily};
use testkit::limit::within;
use tokio::time::{Duration, sleep};

const LIMIT: Duration = Duration::from_secs(10);

fn logged(log: &Log) -> Vec<String> {
    log.lock()
        .expect("no test panicked holding the log")
        .clone()
}

/// Lets every other task run, and time pass.
async fn let_time_pass() {
    sleep(Duration::from_secs(1)).await;
}

#[tokio::test(start_paused = true)]
async fn a_future_runs_only_when_awaited() {
    let log = Log::default();
    let note = lazily(log.clone(), "awaited");
    let_time_pass().await;
    assert!(
        logged(&log).is_empty(),
        "the future ran before it was awaited: creating a future must only build it, \
         like calling an `async def` function"
    );
    within(LIMIT, "awaiting the lazy future never finished", note).await;
    assert_eq!(
        logged(&log),
        ["awaited"],
        "awaiting the future must run it: its message must be in the log"
    );
}

#[tokio::test(start_paused = true)]
async fn a_future_dropped_unawaited_never_runs() {
    let log = Log::default();
    drop(lazily(log.clone(), "never"));
    let_time_pass().await;
    within(
        LIMIT,
        "awaiting the lazy future never finished",
        lazily(log.clone(), "once"),
    )
    .await;
    assert_eq!(
        logged(&log),
        ["once"],
        "only the awaited future may log: the one dropped without being awaited \
         must never run"
    );
}

#[tokio::test(start_paused = true)]
async fn a_spawned_task_runs_without_being_awaited() {
    let log = Log::default();
    let task = eagerly(log.clone(), "spawned");
    assert!(
        logged(&log).is_empty(),
        "the task ran inside `eagerly` itself: a spawned task is only scheduled, and \
         the runtime runs it when this task next waits, as asyncio.create_task does"
    );
    let_time_pass().await;
    assert_eq!(
        logged(&log),
        ["spawned"],
        "the task must have run while this test slept, before anyone awaited its \
         JoinHandle: spawn it, as asyncio.create_task does"
    );
    within(LIMIT, "the task never finished", task)
        .await
        .expect("the task did not panic");
}

#[tokio::test(start_paused = true)]
async fn the_task_runs_first_and_the_future_when_awaited() {
    let log = Log::default();
    let note = lazily(log.clone(), "lazy");
    let task = eagerly(log.clone(), "eager");
    let_time_pass().await;
    within(LIMIT, "awaiting the lazy future never finished", note).await;
    within(LIMIT, "the task never finished", task)
        .await
        .expect("the task did not panic");
    assert_eq!(
        logged(&log),
        ["eager", "lazy"],
        "the lazy future was created first but must log last, when it is awaited; \
         the task logs as soon as the runtime runs it"
    );
}
