//! Exercise 3.3: a future does nothing until it is awaited; a task starts on
//! its own.

use coroutines::lazy_futures::{Log, eagerly, lazily};
use testkit::limit::within;
use testkit::props::{self, proptest};
use tokio::time::{Duration, sleep};

use proptest::prelude::*;

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

/// One step of a generated program that makes notes and awaits or drops them.
#[derive(Debug, Clone, Copy)]
enum Step {
    /// `lazily(log, "lazy N")`, kept for later.
    MakeLazy,
    /// `eagerly(log, "eager N")`, its handle kept.
    MakeEager,
    /// Await the oldest lazy note still kept.
    AwaitLazy,
    /// Drop the oldest lazy note still kept, never awaited.
    DropLazy,
    /// Drop the oldest handle still kept: the task goes on.
    DropHandle,
    /// Let the runtime run other tasks, and time pass.
    Pass,
}

const MESSAGES: [&str; 12] = [
    "note 0", "note 1", "note 2", "note 3", "note 4", "note 5", "note 6", "note 7", "note 8",
    "note 9", "note 10", "note 11",
];

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        Just(Step::MakeLazy),
        Just(Step::MakeEager),
        Just(Step::AwaitLazy),
        Just(Step::DropLazy),
        Just(Step::DropHandle),
        Just(Step::Pass),
    ]
}

/// The model: an awaited lazy note logs then and there; a dropped one never
/// logs; an eager note logs when the test next lets the runtime run (a
/// `Pass`, or the end), in the order the tasks were spawned, whether or not
/// its handle was kept.
fn model(steps: &[Step]) -> Vec<String> {
    let (mut log, mut lazy, mut eager, mut made) = (Vec::new(), Vec::new(), Vec::new(), 0);
    for step in steps {
        match step {
            Step::MakeLazy | Step::MakeEager if made == MESSAGES.len() => {}
            Step::MakeLazy => {
                lazy.push(MESSAGES[made]);
                made += 1;
            }
            Step::MakeEager => {
                eager.push(MESSAGES[made]);
                made += 1;
            }
            Step::AwaitLazy if !lazy.is_empty() => log.push(lazy.remove(0).to_owned()),
            Step::DropLazy if !lazy.is_empty() => {
                lazy.remove(0);
            }
            Step::Pass => log.extend(eager.drain(..).map(str::to_owned)),
            Step::AwaitLazy | Step::DropLazy | Step::DropHandle => {}
        }
    }
    log.extend(eager.drain(..).map(str::to_owned));
    log
}

proptest! {
    #![proptest_config(props::cases(48))]

    /// Any program of lazy notes, tasks, awaits, drops and pauses, compared
    /// with the model above.
    #[test]
    fn any_mix_of_futures_and_tasks(steps in prop::collection::vec(step(), 0..12)) {
        let observed = props::paused(async {
            let log = Log::default();
            let (mut lazy, mut handles, mut made) = (Vec::new(), Vec::new(), 0);
            for step in &steps {
                match step {
                    Step::MakeLazy | Step::MakeEager if made == MESSAGES.len() => {}
                    Step::MakeLazy => {
                        lazy.push(Box::pin(lazily(log.clone(), MESSAGES[made])));
                        made += 1;
                    }
                    Step::MakeEager => {
                        handles.push(eagerly(log.clone(), MESSAGES[made]));
                        made += 1;
                    }
                    Step::AwaitLazy if !lazy.is_empty() => {
                        within(LIMIT, "awaiting a lazy future never finished", lazy.remove(0)).await;
                    }
                    Step::DropLazy if !lazy.is_empty() => drop(lazy.remove(0)),
                    Step::DropHandle if !handles.is_empty() => drop(handles.remove(0)),
                    Step::Pass => let_time_pass().await,
                    Step::AwaitLazy | Step::DropLazy | Step::DropHandle => {}
                }
            }
            let_time_pass().await;
            logged(&log)
        });
        let expected = model(&steps);
        prop_assert!(
            observed == expected,
            "a lazy future logs when it is awaited, never if it is dropped first; a task \
             logs as soon as the runtime runs it, its handle kept or not.\nAfter the steps \
             {:?}, the log is {:?}; expected {:?}",
            steps, observed, expected
        );
    }
}
