//! Exercise 4.4: a panic in a spawned task comes back as a `JoinError`.

use concurrency::panics::run_all;
use testkit::held;
use testkit::held::within;
use testkit::props::{self, proptest};
use tokio::time::{Duration, Instant, sleep};

use proptest::prelude::*;

const LIMIT: Duration = Duration::from_secs(60);

async fn job(ms: u64, fails: bool) -> u64 {
    sleep(Duration::from_millis(ms)).await;
    if fails {
        panic!("job {ms} broke");
    }
    ms
}

/// Panics with a formatted message (a `String`) when `line` is not 0.
async fn parse(line: u32) -> u64 {
    sleep(Duration::from_millis(10)).await;
    if line != 0 {
        panic!("parser failed at line {line}");
    }
    0
}

#[tokio::test(start_paused = true)]
async fn a_formatted_panic_message_is_kept() {
    let results = within(
        LIMIT,
        "run_all never finished",
        run_all(vec![parse(7), parse(0)]),
    )
    .await;
    assert_eq!(
        results,
        vec![Err("parser failed at line 7".to_string()), Ok(0)],
        "run_all must give back the panic's message itself (\"parser failed at \
         line 7\"), not a text around it; a formatted message is a String, not \
         a &str: try downcasting the payload to both"
    );
}

#[tokio::test(start_paused = true)]
async fn a_panic_is_a_result_and_the_others_go_on() {
    let jobs = vec![job(100, false), job(200, true), job(300, false)];
    let results = within(LIMIT, "run_all never finished", run_all(jobs)).await;
    assert_eq!(
        results,
        vec![Ok(100), Err("job 200 broke".to_string()), Ok(300)],
        "the panicking job must come back as Err(its panic message), and the \
         other jobs must still finish: a task's panic stays in its task \
         (JoinError::is_panic, then into_panic)"
    );
}

#[tokio::test(start_paused = true)]
async fn the_jobs_run_at_the_same_time() {
    let started = Instant::now();
    let jobs = vec![job(300, false), job(200, true), job(100, false)];
    within(LIMIT, "run_all never finished", run_all(jobs)).await;
    assert_eq!(
        started.elapsed(),
        Duration::from_millis(300),
        "jobs of 300, 200 and 100 ms on tasks of their own take 300 ms: spawn \
         them all before awaiting any handle"
    );
}

#[tokio::test(start_paused = true)]
async fn timeline_of_a_panic() {
    let timeline = testkit::timeline::Timeline::start();
    let job = |ms: u64, fails: bool| {
        let timeline = timeline.clone();
        async move {
            sleep(Duration::from_millis(ms)).await;
            if fails {
                timeline.record(format!("job {ms} panics"));
                panic!("job {ms} broke");
            }
            timeline.record(format!("job {ms} done"));
            ms
        }
    };
    let results = within(
        LIMIT,
        "run_all never finished",
        run_all(vec![job(100, false), job(200, true), job(300, false)]),
    )
    .await;
    timeline.record(format!("run_all returned {results:?}"));
    insta::assert_snapshot!("timeline", timeline.render());
}

/// How a generated job ends.
#[derive(Debug, Clone, Copy)]
enum End {
    Returns,
    /// `panic!("a literal")`: the payload is a `&'static str`.
    PanicsWithALiteral,
    /// `panic!("... {x}")`: the payload is a `String`.
    PanicsWithAFormat,
}

async fn generated_job(ms: u64, end: End) -> u64 {
    sleep(Duration::from_millis(ms)).await;
    match end {
        End::Returns => ms,
        End::PanicsWithALiteral => panic!("a literal panic"),
        End::PanicsWithAFormat => panic!("job {ms} broke"),
    }
}

// Generated jobs, in an order that is not the order they finish in, panicking
// with either kind of payload. The model: one result per job, in input order,
// each the job's output or its panic message, all by the longest job's time.
proptest! {
    #![proptest_config(props::cases(32))]
    #[test]
    fn run_all_on_generated_jobs(
        jobs in prop::collection::vec(
            (0_u64..500, prop_oneof![
                Just(End::Returns),
                Just(End::PanicsWithALiteral),
                Just(End::PanicsWithAFormat),
            ]),
            0..6,
        )
    ) {
        let (results, elapsed) = held::paused(async {
            let started = Instant::now();
            let futures = jobs.iter().map(|&(ms, end)| generated_job(ms, end)).collect();
            let results = within(LIMIT, "run_all never finished", run_all(futures)).await;
            (results, started.elapsed())
        });
        let expected: Vec<Result<u64, String>> = jobs
            .iter()
            .map(|&(ms, end)| match end {
                End::Returns => Ok(ms),
                End::PanicsWithALiteral => Err("a literal panic".to_string()),
                End::PanicsWithAFormat => Err(format!("job {ms} broke")),
            })
            .collect();
        let longest = jobs.iter().map(|(ms, _)| *ms).max().unwrap_or(0);
        prop_assert!(
            results == expected,
            "run_all of jobs {jobs:?} (duration in ms, how it ends)\n  expected: {expected:?}\n  \
             yours:    {results:?}\none result per job, in the order of the input (not the \
             order they finish), a panic as Err(its message), whether the payload is a \
             &str (a literal message) or a String (a formatted one)"
        );
        prop_assert!(
            elapsed == Duration::from_millis(longest),
            "run_all of jobs {jobs:?}: every job on a task of its own, all at once, takes \
             {longest} ms; yours took {} ms",
            elapsed.as_millis()
        );
    }
}
