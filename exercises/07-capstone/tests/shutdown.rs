//! Exercise 7.3: graceful shutdown — when asked to stop, start no new job,
//! let the jobs in flight finish, and report.

use std::pin::Pin;
use std::sync::{Arc, Mutex};

use capstone::pipeline::{Config, Report};
use capstone::retry::Policy;
use capstone::shutdown::run_until;
use futures::StreamExt;
use testkit::compare;
use testkit::compare::within_showing;
use testkit::on_drop::OnDrop;
use testkit::props::{self, proptest};
use testkit::timeline::Timeline;
use tokio::sync::oneshot;
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
            attempts: 1,
            per_try: ms(5_000),
            backoff: ms(0),
        },
    }
}

/// A shutdown signal that a separate task raises after `after`, recording it.
fn shutdown_after(after: Duration, timeline: &Timeline) -> impl Future<Output = ()> {
    let (raise, raised) = oneshot::channel::<()>();
    let timeline = timeline.clone();
    tokio::spawn(async move {
        sleep(after).await;
        timeline.record("shutdown requested");
        let _ = raise.send(());
    });
    async move {
        let _ = raised.await;
    }
}

/// The job ids in the order they started and finished.
#[derive(Debug, Clone, Default)]
struct Seen {
    started: Arc<Mutex<Vec<u32>>>,
    finished: Arc<Mutex<Vec<u32>>>,
}

/// A job that takes `millis`, recorded in `seen` and on the timeline.
fn job(id: u32, millis: u64, seen: &Seen, timeline: &Timeline) -> Job {
    let (seen, timeline) = (seen.clone(), timeline.clone());
    Box::pin(async move {
        seen.started.lock().expect("not poisoned").push(id);
        timeline.record(format!("job {id} starts"));
        sleep(ms(millis)).await;
        timeline.record(format!("job {id} done"));
        seen.finished.lock().expect("not poisoned").push(id);
        Ok(format!("result {id}"))
    })
}

fn ids(report: &Report) -> Vec<u32> {
    report.done.iter().map(|(id, _)| *id).collect()
}

#[tokio::test(start_paused = true)]
async fn without_a_shutdown_it_runs_to_the_end() {
    let (seen, timeline) = (Seen::default(), Timeline::start());
    let report = within_showing(
        LIMIT,
        "run_until never finished, though its source ended",
        &timeline,
        run_until(
            futures::stream::iter(1..=5),
            config(2),
            |id, _| job(id, 100, &seen, &timeline),
            std::future::pending(),
        ),
    )
    .await;
    assert_eq!(
        ids(&report),
        [1, 2, 3, 4, 5],
        "with no shutdown, run_until is the pipeline of exercise 7.2"
    );
}

#[tokio::test(start_paused = true)]
async fn an_endless_source_stops_at_the_shutdown() {
    let (seen, timeline) = (Seen::default(), Timeline::start());
    let start = Instant::now();
    let report = within_showing(
        LIMIT,
        "run_until never returned after the shutdown: once it is requested, stop pulling \
         jobs, finish the ones in flight, and return",
        &timeline,
        run_until(
            futures::stream::iter(1..),
            config(2),
            |id, _| job(id, 100, &seen, &timeline),
            shutdown_after(ms(250), &timeline),
        ),
    )
    .await;
    let started = seen.started.lock().expect("not poisoned").clone();
    assert_eq!(
        started,
        [1, 2, 3, 4, 5, 6],
        "jobs start two at a time at 0, 100 and 200 ms; after the shutdown at 250 ms no \
         job may start"
    );
    assert_eq!(
        ids(&report),
        [1, 2, 3, 4, 5, 6],
        "the report covers every job that started, including those that were in flight \
         at the shutdown"
    );
    assert_eq!(
        start.elapsed(),
        ms(300),
        "jobs 5 and 6 were in flight at the shutdown and finish at 300 ms; then run_until \
         returns"
    );
}

#[tokio::test(start_paused = true)]
async fn jobs_in_flight_are_finished_not_cancelled() {
    let (seen, timeline) = (Seen::default(), Timeline::start());
    let report = within_showing(
        LIMIT,
        "run_until never returned after the shutdown",
        &timeline,
        run_until(
            futures::stream::iter(1..),
            config(3),
            |id, _| job(id, 1_000, &seen, &timeline),
            shutdown_after(ms(100), &timeline),
        ),
    )
    .await;
    let finished = seen.finished.lock().expect("not poisoned").clone();
    assert_eq!(
        finished.len(),
        3,
        "three jobs of 1 s were in flight at the shutdown; a graceful shutdown lets them \
         finish ({finished:?} did)"
    );
    assert_eq!(
        ids(&report),
        [1, 2, 3],
        "the report covers the three jobs that started before the shutdown, and no other"
    );
}

#[tokio::test(start_paused = true)]
async fn timeline_and_summary_of_a_shutdown() {
    let (seen, timeline) = (Seen::default(), Timeline::start());
    let source = {
        let timeline = timeline.clone();
        futures::stream::iter(1..).inspect(move |id| timeline.record(format!("pull job {id}")))
    };
    let report = within_showing(
        LIMIT,
        "run_until never returned after the shutdown",
        &timeline,
        run_until(
            source,
            config(2),
            |id, _| job(id, 100 + 50 * u64::from(id % 2), &seen, &timeline),
            shutdown_after(ms(320), &timeline),
        ),
    )
    .await;
    timeline.record("report");
    // The events of one instant sorted, so that any correct order of
    // simultaneous events draws the same picture: endings, pulls, then starts.
    let rank = |event: &str| match event {
        e if e.ends_with("done") || e.starts_with("shutdown") => 0,
        e if e.starts_with("pull") => 1,
        e if e.ends_with("starts") => 2,
        _ => 3,
    };
    let mut events = timeline.events();
    events.sort_by_key(|(at, event)| (*at, rank(event), event.clone()));
    let rendered: String = events
        .iter()
        .map(|(at, event)| format!("{:>3} ms  {event}\n", at.as_millis()))
        .collect();
    insta::assert_snapshot!("timeline", rendered);
    insta::assert_snapshot!("summary", report.summary());
}

/// When the generated shutdown comes.
#[derive(Debug, Clone, Copy)]
enum Signal {
    /// Never: the source must end on its own.
    Never,
    /// Already complete at the first poll.
    Already,
    /// At this many ms, never at the instant a job starts or ends (those are
    /// whole tens of ms; which of the two comes first would not be promised).
    At(u64),
}

/// One generated job: how long the source takes to hand it over once asked,
/// and how long its one try takes (over 300 ms, it times out).
type JobSpec = (u64, u64);

/// The policy of these cases: one try of at most 300 ms.
fn one_try(concurrency: usize) -> Config {
    Config {
        concurrency,
        retry: Policy {
            attempts: 1,
            per_try: ms(300),
            backoff: ms(0),
        },
    }
}

/// Jobs of an endless source, after the generated ones: at once, 50 ms each.
const FILLER: JobSpec = (0, 50);

fn spec(specs: &[JobSpec], endless: bool, index: usize) -> Option<JobSpec> {
    specs
        .get(index)
        .copied()
        .or(if endless { Some(FILLER) } else { None })
}

/// The model: the pipeline's sliding window of 7.2, whose source ends when
/// the shutdown comes: a job handed over before it starts, none after; the
/// jobs in flight finish; `run_until` returns once they have, and the source
/// has ended (its last job handed over, or the shutdown).
fn model(
    specs: &[JobSpec],
    endless: bool,
    concurrency: usize,
    signal: Signal,
) -> (Vec<(u128, String)>, Vec<u32>) {
    let stop = match signal {
        Signal::Never => u64::MAX,
        Signal::Already => 0,
        Signal::At(at) => at,
    };
    let room = concurrency.max(1);
    let (mut now, mut next, mut asked_until) = (0_u64, 0, None::<u64>);
    let (mut events, mut running, mut done) = (Vec::new(), Vec::<u64>::new(), Vec::new());
    let mut source_ended = None;
    loop {
        running.retain(|&end| end > now);
        while running.len() < room && source_ended.is_none() {
            if now >= stop {
                source_ended = Some(now.max(stop));
                break;
            }
            let Some((gap, millis)) = spec(specs, endless, next) else {
                source_ended = Some(now);
                break;
            };
            let id = next as u32 + 1;
            let arrives = *asked_until.get_or_insert_with(|| {
                events.push((u128::from(now), format!("ask for job {id}")));
                now + gap
            });
            if arrives > now {
                break;
            }
            events.push((u128::from(now), format!("job {id} starts")));
            let end = now + millis.min(300);
            let outcome = if millis > 300 { "timed out" } else { "done" };
            events.push((u128::from(end), format!("job {id} {outcome}")));
            if millis <= 300 {
                done.push(id);
            }
            running.push(end);
            next += 1;
            asked_until = None;
        }
        // The source ends at the shutdown even while it is handing over a job.
        let pending_stop =
            (source_ended.is_none() && stop > now && stop != u64::MAX).then_some(stop);
        let Some(then) = running
            .iter()
            .copied()
            .chain(asked_until.filter(|_| source_ended.is_none()))
            .chain(pending_stop)
            .min()
        else {
            break;
        };
        now = then;
    }
    let returned = running_end(&events).max(source_ended.unwrap_or(0));
    events.push((u128::from(returned), "returned".to_owned()));
    // The signal's task is recorded only if it ran before the end of the case.
    match signal {
        Signal::At(at) if at <= returned => {
            events.push((u128::from(at), "shutdown requested".to_owned()));
        }
        _ => {}
    }
    canonical(&mut events);
    done.sort_unstable();
    (events, done)
}

/// When the last job ended, from the model's events.
fn running_end(events: &[(u128, String)]) -> u64 {
    events
        .iter()
        .filter(|(_, e)| e.ends_with("done") || e.ends_with("timed out"))
        .map(|(at, _)| *at as u64)
        .max()
        .unwrap_or(0)
}

/// The events of one instant in one order, whatever order the code ran them in.
fn canonical(events: &mut [(u128, String)]) {
    events.sort_by_cached_key(|(at, event)| {
        let words: Vec<&str> = event.split(' ').collect();
        let (id, phase) = match words.as_slice() {
            ["ask", "for", "job", id] => (id.parse::<u32>().ok(), 1),
            ["job", id, "starts"] => (id.parse().ok(), 2),
            ["job", id, ..] => (id.parse().ok(), 3),
            ["shutdown", ..] => (None, 0),
            _ => (Some(u32::MAX), 9),
        };
        (*at, id, phase, event.clone())
    });
}

fn signal() -> impl Strategy<Value = Signal> {
    prop_oneof![
        Just(Signal::Never),
        Just(Signal::Already),
        (0_u64..60).prop_map(|tens| Signal::At(tens * 10 + 5)),
    ]
}

proptest! {
    #![proptest_config(props::config())]

    /// Any jobs from a source that hands each over at once or after a while,
    /// ends or never does, at any concurrency, with a shutdown that never
    /// comes, has already come, or comes at any moment (a job running, the
    /// source handing one over, nothing happening): the timeline, the report
    /// and the moment `run_until` returns, against the model above.
    #[test]
    fn any_shutdown_at_any_moment(
        specs in prop::collection::vec(
            (prop::sample::select(vec![0_u64, 0, 30, 70, 150]), prop::sample::select(vec![0_u64, 20, 60, 140, 220, 1_000])),
            0..6,
        ),
        endless in any::<bool>(),
        concurrency in 0_usize..4,
        signal in signal(),
    ) {
        // An endless source with no shutdown would never end: it gets one.
        let signal = match signal {
            Signal::Never if endless => Signal::At(305),
            signal => signal,
        };
        let plan = Arc::new(specs.clone());
        let (observed, done) = props::paused(async move {
            let timeline = Timeline::start();
            let source = {
                let timeline = timeline.clone();
                let (taken, asked) = (Arc::clone(&plan), Arc::clone(&plan));
                futures::stream::iter(1_u32..)
                    .take_while(move |&id| std::future::ready(spec(&taken, endless, id as usize - 1).is_some()))
                    .then({
                        let plan = asked;
                        move |id| {
                            timeline.record(format!("ask for job {id}"));
                            let (gap, _) = spec(&plan, endless, id as usize - 1).expect("taken while some");
                            async move {
                                sleep(ms(gap)).await;
                                id
                            }
                        }
                    })
            };
            let work = |id: u32, _attempt: u32| {
                let timeline = timeline.clone();
                let (_, millis) = spec(&plan, endless, id as usize - 1).expect("a job of the source");
                Box::pin(async move {
                    timeline.record(format!("job {id} starts"));
                    let unfinished = OnDrop::new(&timeline, format!("job {id} timed out"));
                    sleep(ms(millis)).await;
                    unfinished.disarm();
                    timeline.record(format!("job {id} done"));
                    Ok(format!("result {id}"))
                }) as Job
            };
            let shutdown: Pin<Box<dyn Future<Output = ()>>> = match signal {
                Signal::Never => Box::pin(std::future::pending()),
                Signal::Already => Box::pin(std::future::ready(())),
                Signal::At(at) => Box::pin(shutdown_after(ms(at), &timeline)),
            };
            let report = within_showing(LIMIT, "run_until never returned", &timeline,
                run_until(source, one_try(concurrency), work, shutdown),
            )
            .await;
            timeline.record("returned");
            let mut events: Vec<_> =
                timeline.events().into_iter().map(|(at, e)| (at.as_millis(), e)).collect();
            canonical(&mut events);
            (events, ids(&report))
        });
        let (expected, expected_done) = model(&specs, endless, concurrency, signal);
        prop_assert!(
            observed == expected && done == expected_done,
            "after the shutdown no job may start; the jobs in flight finish, then \
             run_until returns.\nConcurrency {}, shutdown {:?}, jobs (ms to hand it over, \
             ms of its one try; over 300 it times out) {:?}{}; done: expected {:?}, yours \
             {:?}\n{}",
            concurrency, signal, specs,
            if endless { ", then endless jobs of 50 ms" } else { ", then the source ends" },
            expected_done, done, compare::timelines(&expected, &observed)
        );
    }
}
