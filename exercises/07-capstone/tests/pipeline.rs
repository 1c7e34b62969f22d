//! Exercise 7.2: the pipeline — a lazy source, at most N jobs in flight, each
//! job retried with a time limit, and every outcome collected in a report.

use std::collections::HashMap;
use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use capstone::pipeline::{Config, Report, run};
use capstone::retry::{Failure, GaveUp, Policy};
use futures::StreamExt;
use testkit::compare;
use testkit::compare::within_showing;
use testkit::limit::within;
use testkit::on_drop::OnDrop;
use testkit::props::{self, proptest};
use testkit::timeline::Timeline;
use tokio::time::{Duration, Instant, sleep};

use proptest::prelude::*;

const LIMIT: Duration = Duration::from_secs(60);

type Job = Pin<Box<dyn Future<Output = Result<String, String>> + Send>>;

fn ms(millis: u64) -> Duration {
    Duration::from_millis(millis)
}

fn config(concurrency: usize) -> Config {
    Config {
        concurrency,
        retry: Policy {
            attempts: 2,
            per_try: ms(300),
            backoff: ms(100),
        },
    }
}

/// A job that takes `millis` and succeeds.
fn quick(id: u32, millis: u64) -> Job {
    Box::pin(async move {
        sleep(ms(millis)).await;
        Ok(format!("result {id}"))
    })
}

/// Where an event goes among those of the same instant: endings, then pulls,
/// then starts, in the order that causes them.
fn rank(event: &str) -> u8 {
    if event.contains(" ok") || event.contains("error") || event.contains("timed out") {
        0
    } else if event.starts_with("pull") {
        1
    } else if event.contains("try") {
        2
    } else {
        3
    }
}

/// Renders a timeline with the events of one instant sorted, so that any
/// correct order of simultaneous events draws the same picture.
fn render_sorted(timeline: &Timeline) -> String {
    let mut events = timeline.events();
    events.sort_by_key(|(at, event)| (*at, rank(event), event.clone()));
    let width = events
        .iter()
        .map(|(at, _)| at.as_millis().to_string().len())
        .max()
        .unwrap_or(1);
    events
        .iter()
        .map(|(at, event)| format!("{:>width$} ms  {event}\n", at.as_millis()))
        .collect()
}

#[tokio::test(start_paused = true)]
async fn every_job_is_done_and_reported_in_order() {
    let report = within(
        LIMIT,
        "run never finished",
        run(futures::stream::iter([3, 1, 2]), config(3), |id, _| {
            quick(id, 100 * u64::from(id))
        }),
    )
    .await;
    assert_eq!(
        report,
        Report {
            done: vec![
                (1, "result 1".to_owned()),
                (2, "result 2".to_owned()),
                (3, "result 3".to_owned())
            ],
            failed: vec![],
        },
        "every job succeeded: the report lists them all in `done`, sorted by id"
    );
}

#[tokio::test(start_paused = true)]
async fn a_failing_job_is_reported_and_the_others_go_on() {
    let report = within(
        LIMIT,
        "run never finished",
        run(futures::stream::iter(1..=4), config(2), |id, attempt| {
            if id == 2 {
                Box::pin(async move { Err(format!("bad input on try {attempt}")) }) as Job
            } else {
                quick(id, 100)
            }
        }),
    )
    .await;
    let done: Vec<u32> = report.done.iter().map(|(id, _)| *id).collect();
    assert_eq!(
        done,
        [1, 3, 4],
        "one job that fails must not stop the others: collect its error and go on"
    );
    assert_eq!(
        report.failed,
        [(
            2,
            GaveUp {
                attempts: 2,
                last: Failure::Failed("bad input on try 2".to_owned())
            }
        )],
        "job 2 failed both tries: the report has the GaveUp that retry returned"
    );
}

#[tokio::test(start_paused = true)]
async fn a_concurrency_of_zero_runs_one_at_a_time() {
    let start = Instant::now();
    let report = within(
        LIMIT,
        "run never finished with concurrency 0: a limit of 0 jobs in flight runs nothing, \
         for ever. Take a concurrency of 0 as 1",
        run(futures::stream::iter(1..=3), config(0), |id, _| {
            quick(id, 100)
        }),
    )
    .await;
    assert_eq!(
        report.done.len(),
        3,
        "three jobs that succeed: every one is done, and in the report"
    );
    assert_eq!(
        start.elapsed(),
        ms(300),
        "concurrency 0, taken as 1: three jobs of 100 ms one after the other"
    );
}

#[tokio::test(start_paused = true)]
async fn a_slow_job_does_not_hold_up_the_others() {
    let start = Instant::now();
    let report = within(
        LIMIT,
        "run never finished",
        run(futures::stream::iter(0..5), config(2), |id, _| {
            quick(id, if id == 0 { 250 } else { 50 })
        }),
    )
    .await;
    assert_eq!(
        report.done.len(),
        5,
        "five jobs that succeed: every one is done, and in the report"
    );
    let elapsed = start.elapsed();
    assert_eq!(
        elapsed,
        ms(250),
        "job 0 takes 250 ms; meanwhile the other slot runs jobs 1 to 4, 50 ms each, so all \
         are done by 250 ms; they took {elapsed:?}. The report is sorted at the end, so \
         the jobs may finish in any order: a finished job must free its slot at once"
    );
}

#[tokio::test(start_paused = true)]
async fn at_most_concurrency_jobs_in_flight() {
    let (now, most) = (Arc::new(AtomicUsize::new(0)), Arc::new(AtomicUsize::new(0)));
    let start = Instant::now();
    let report = within(
        LIMIT,
        "run never finished",
        run(futures::stream::iter(0..12), config(4), |id, _| {
            let (now, most) = (Arc::clone(&now), Arc::clone(&most));
            Box::pin(async move {
                most.fetch_max(now.fetch_add(1, Ordering::SeqCst) + 1, Ordering::SeqCst);
                sleep(ms(100)).await;
                now.fetch_sub(1, Ordering::SeqCst);
                Ok(format!("result {id}"))
            }) as Job
        }),
    )
    .await;
    assert_eq!(
        report.done.len(),
        12,
        "twelve jobs that succeed: every one is done, and in the report"
    );
    let most = most.load(Ordering::SeqCst);
    assert_eq!(
        most, 4,
        "with concurrency 4, {most} jobs were in flight at the most; it must be 4, never more"
    );
    assert_eq!(
        start.elapsed(),
        ms(300),
        "twelve jobs of 100 ms, four at a time, take 300 ms"
    );
}

#[tokio::test(start_paused = true)]
async fn the_source_is_pulled_only_when_there_is_room() {
    let (pulled, finished) = (Arc::new(AtomicUsize::new(0)), Arc::new(AtomicUsize::new(0)));
    let source = {
        let (pulled, finished) = (Arc::clone(&pulled), Arc::clone(&finished));
        futures::stream::iter(0..10).inspect(move |id| {
            let pulled = pulled.fetch_add(1, Ordering::SeqCst) + 1;
            let finished = finished.load(Ordering::SeqCst);
            assert!(
                pulled - finished <= 2,
                "job {id} was pulled from the source while {} jobs were unfinished, with \
                 concurrency 2: the source is lazy, pull a job only when there is room for \
                 it (did you collect the source first?)",
                pulled - 1 - finished
            );
        })
    };
    let report = within(
        LIMIT,
        "run never finished",
        run(source, config(2), |id, _| {
            let finished = Arc::clone(&finished);
            Box::pin(async move {
                sleep(ms(100)).await;
                finished.fetch_add(1, Ordering::SeqCst);
                Ok(format!("result {id}"))
            }) as Job
        }),
    )
    .await;
    assert_eq!(
        report.done.len(),
        10,
        "ten jobs that succeed: every one is done, and in the report"
    );
}

#[tokio::test(start_paused = true)]
async fn timeline_and_summary_of_six_jobs() {
    let timeline = Timeline::start();
    let source = {
        let timeline = timeline.clone();
        futures::stream::iter(1..=6).inspect(move |id| timeline.record(format!("pull job {id}")))
    };
    let work = |id: u32, attempt: u32| {
        let timeline = timeline.clone();
        Box::pin(async move {
            timeline.record(format!("job {id} try {attempt}"));
            let (millis, outcome) = match (id, attempt) {
                (2, 1) => (100, Err("busy".to_owned())),
                (3, _) => (200, Ok(())),
                (4, _) => (10_000, Ok(())),
                (5, _) => (50, Err("bad input".to_owned())),
                _ => (100, Ok(())),
            };
            // A timeout that gives up on this try drops it here: the mark shows when.
            let unfinished = OnDrop::new(&timeline, format!("job {id} try {attempt} timed out"));
            sleep(ms(millis)).await;
            unfinished.disarm();
            match outcome {
                Ok(()) => {
                    timeline.record(format!("job {id} ok"));
                    Ok(format!("result {id}"))
                }
                Err(error) => {
                    timeline.record(format!("job {id} error: {error}"));
                    Err(error)
                }
            }
        }) as Job
    };
    let report = within_showing(
        LIMIT,
        "run never finished",
        &timeline,
        run(source, config(3), work),
    )
    .await;
    timeline.record("report");
    insta::assert_snapshot!("timeline", render_sorted(&timeline));
    insta::assert_snapshot!("summary", report.summary());
}

/// One generated job: its id, how long the source takes to hand it over
/// once asked, and its two tries (ms, succeeds?).
type JobSpec = (u32, u64, [(u64, bool); 2]);

/// The policy of these cases: two tries of at most 300 ms, 100 ms apart.
/// Generated tries never take exactly 300 ms (which of the two ends first at
/// one instant is not promised).
fn job_try() -> impl Strategy<Value = (u64, bool)> {
    (
        prop::sample::select(vec![0_u64, 20, 60, 140, 220, 1_000]),
        any::<bool>(),
    )
}

fn jobs() -> impl Strategy<Value = Vec<JobSpec>> {
    let ids =
        prop::collection::btree_set(prop_oneof![Just(0_u32), Just(u32::MAX), any::<u32>()], 0..7);
    ids.prop_flat_map(|ids| {
        let n = ids.len();
        let ids: Vec<u32> = ids.into_iter().collect();
        (
            Just(ids).prop_shuffle(),
            prop::collection::vec(prop::sample::select(vec![0_u64, 0, 30, 70, 150]), n),
            prop::collection::vec([job_try(), job_try()], n),
        )
    })
    .prop_map(|(ids, gaps, tries)| {
        ids.into_iter()
            .zip(gaps)
            .zip(tries)
            .map(|((id, gap), tries)| (id, gap, tries))
            .collect()
    })
}

/// The model of one job started at `start` under `config(_).retry`: its
/// events, when it ends, and its outcome.
fn model_job(
    id: u32,
    start: u64,
    tries: [(u64, bool); 2],
    events: &mut Vec<(u128, String)>,
) -> (u64, Result<String, GaveUp<String>>) {
    let mut now = start;
    for (attempt, (millis, succeeds)) in (1_u32..).zip(tries) {
        events.push((u128::from(now), format!("job {id} try {attempt}")));
        let last = if millis > 300 {
            now += 300;
            events.push((u128::from(now), format!("job {id} try {attempt} timed out")));
            Failure::TimedOut
        } else if succeeds {
            now += millis;
            events.push((u128::from(now), format!("job {id} try {attempt} ok")));
            return (now, Ok(format!("result {id}")));
        } else {
            now += millis;
            events.push((u128::from(now), format!("job {id} try {attempt} error")));
            Failure::Failed(format!("error {id}/{attempt}"))
        };
        if attempt == 2 {
            return (now, Err(GaveUp { attempts: 2, last }));
        }
        now += 100;
    }
    unreachable!("two tries")
}

/// The model of the pipeline: a sliding window of `max(concurrency, 1)`
/// jobs; the source is asked for the next job whenever there is room, and
/// hands it over `gap` ms later; a job ending frees its slot at once.
fn model(specs: &[JobSpec], concurrency: usize) -> (Vec<(u128, String)>, Report) {
    let room = concurrency.max(1);
    let (mut now, mut next, mut asked_until) = (0_u64, 0, None::<u64>);
    let (mut events, mut running, mut report) = (Vec::new(), Vec::<u64>::new(), Report::default());
    loop {
        running.retain(|&end| end > now);
        while running.len() < room && next < specs.len() {
            let (id, gap, tries) = specs[next];
            let arrives = *asked_until.get_or_insert_with(|| {
                events.push((u128::from(now), format!("ask for job {id}")));
                now + gap
            });
            if arrives > now {
                break;
            }
            let (end, outcome) = model_job(id, now, tries, &mut events);
            match outcome {
                Ok(value) => report.done.push((id, value)),
                Err(gave_up) => report.failed.push((id, gave_up)),
            }
            running.push(end);
            next += 1;
            asked_until = None;
        }
        let Some(then) = running.iter().copied().chain(asked_until).min() else {
            break;
        };
        now = then;
    }
    canonical(&mut events);
    report.done.sort_by_key(|(id, _)| *id);
    report.failed.sort_by_key(|(id, _)| *id);
    (events, report)
}

/// Puts the events of one instant in one order, whatever order the code ran
/// them in: by job, and within a job in the order they must happen (asked
/// for, a try, its end, the next try, its end).
fn canonical(events: &mut [(u128, String)]) {
    events.sort_by_cached_key(|(at, event)| {
        let words: Vec<&str> = event.split(' ').collect();
        let (id, phase) = match words.as_slice() {
            ["ask", "for", "job", id] => (id.parse::<u32>().ok(), 0),
            ["job", id, "try", n] => (id.parse().ok(), 2 * n.parse::<u32>().unwrap_or(9) - 1),
            ["job", id, "try", n, ..] => (id.parse().ok(), 2 * n.parse::<u32>().unwrap_or(9)),
            _ => (None, 99),
        };
        (*at, id, phase, event.clone())
    });
}

proptest! {
    #![proptest_config(props::config())]

    /// Any jobs (ids 0 and u32::MAX among them, in any order), each with any
    /// two tries, from a source that hands each over at once or after a
    /// while, at any concurrency (0 counts as 1): the timeline and the report
    /// against the model above.
    #[test]
    fn any_jobs_any_source_any_concurrency(specs in jobs(), concurrency in 0_usize..5) {
        let plans: Arc<HashMap<u32, [(u64, bool); 2]>> =
            Arc::new(specs.iter().map(|&(id, _, tries)| (id, tries)).collect());
        let order: Vec<(u32, u64)> = specs.iter().map(|&(id, gap, _)| (id, gap)).collect();
        let (observed, report) = props::paused(async move {
            let timeline = Timeline::start();
            let source = {
                let timeline = timeline.clone();
                futures::stream::iter(order).then(move |(id, gap)| {
                    timeline.record(format!("ask for job {id}"));
                    async move {
                        sleep(ms(gap)).await;
                        id
                    }
                })
            };
            let work = |id: u32, attempt: u32| {
                let (timeline, plans) = (timeline.clone(), Arc::clone(&plans));
                Box::pin(async move {
                    let Some(&(millis, succeeds)) =
                        plans.get(&id).and_then(|tries| tries.get(attempt as usize - 1))
                    else {
                        panic!("work({id}, {attempt}) was called: job {id} gets two tries, 1 and 2");
                    };
                    timeline.record(format!("job {id} try {attempt}"));
                    let unfinished = OnDrop::new(&timeline, format!("job {id} try {attempt} timed out"));
                    sleep(ms(millis)).await;
                    unfinished.disarm();
                    if succeeds {
                        timeline.record(format!("job {id} try {attempt} ok"));
                        Ok(format!("result {id}"))
                    } else {
                        timeline.record(format!("job {id} try {attempt} error"));
                        Err(format!("error {id}/{attempt}"))
                    }
                }) as Job
            };
            let report = within_showing(LIMIT, "run never finished", &timeline, run(source, config(concurrency), work)).await;
            let mut events: Vec<_> =
                timeline.events().into_iter().map(|(at, e)| (at.as_millis(), e)).collect();
            canonical(&mut events);
            (events, report)
        });
        let (expected, expected_report) = model(&specs, concurrency);
        prop_assert!(
            observed == expected,
            "the jobs must run in a sliding window over a lazy source: ask for a job only \
             when there is room, start it as soon as it comes, free its slot as soon as it \
             ends.\nConcurrency {}; the source's jobs (id, ms to hand it over, two tries as \
             (ms, succeeds?)): {:?}; 2 tries of at most 300 ms, 100 ms apart\n{}",
            concurrency, specs, compare::timelines(&expected, &observed)
        );
        prop_assert!(
            report == expected_report,
            "the report must hold every job, done or failed, each list sorted by id: \
             expected {:?}\nyours {:?}",
            expected_report,
            report
        );
    }
}
