//! Exercise 4.14: cleanup runs when a future is cancelled: in a `Drop`, in a
//! task that is asked to stop, or in a task spawned from a `Drop`.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use concurrency::cleanup::{SAVE_TIME, guarded, spawn_collector, with_goodbye};
use testkit::held::{self, render, two_timelines, within, within_seen};
use testkit::props::{self, proptest};
use testkit::timeline::Timeline;
use tokio::sync::{mpsc, oneshot};
use tokio::time::{Duration, Instant, sleep, timeout};
use tokio_util::sync::CancellationToken;

use proptest::prelude::*;

const LIMIT: Duration = Duration::from_secs(60);

fn ms(n: u64) -> Duration {
    Duration::from_millis(n)
}

#[tokio::test(start_paused = true)]
async fn guarded_counts_while_its_work_runs() {
    let open = Arc::new(AtomicUsize::new(0));
    let samples = async {
        let mut seen = Vec::new();
        for _ in 0..3 {
            sleep(ms(50)).await;
            seen.push(open.load(Ordering::SeqCst));
            sleep(ms(50)).await;
        }
        seen
    };
    let (_, _, seen) = within(
        LIMIT,
        "guarded never returned, though its work takes 200 ms",
        async {
            tokio::join!(
                guarded(open.clone(), sleep(ms(100))),
                guarded(open.clone(), sleep(ms(200))),
                samples,
            )
        },
    )
    .await;
    assert_eq!(
        seen,
        [2, 1, 0],
        "works of 100 and 200 ms, counted at 50, 150 and 250 ms: 2 open, then 1, then 0. \
         A guard bound to `_` is dropped at once; bind it to a name such as `_guard` \
         so that it lives until the end of the function"
    );
}

#[tokio::test(start_paused = true)]
async fn guarded_uncounts_when_cancelled() {
    let open = Arc::new(AtomicUsize::new(0));
    let cancelled = within(
        LIMIT,
        "guarded, with a timeout of 50 ms, never returned",
        timeout(
            ms(50),
            guarded(open.clone(), sleep(Duration::from_secs(10))),
        ),
    )
    .await;
    assert!(
        cancelled.is_err(),
        "the work takes 10 s; the timeout drops it at 50 ms"
    );
    assert_eq!(
        open.load(Ordering::SeqCst),
        0,
        "guarded was cancelled (dropped by a timeout), and still counts as open: the code \
         after an `.await` never runs when a future is dropped. Count down in a Drop"
    );
}

/// Jobs 1, 2, 3 at 100, 200, 300 ms; the sender stays alive for a long time,
/// so only the stop signal ends the collector.
fn jobs(timeline: &Timeline) -> mpsc::Receiver<u32> {
    let (tx, rx) = mpsc::channel(8);
    let timeline = timeline.clone();
    tokio::spawn(async move {
        for job in 1..=3 {
            sleep(ms(100)).await;
            timeline.record(format!("job {job} sent"));
            let _ = tx.send(job).await;
        }
        sleep(Duration::from_secs(3600)).await;
    });
    rx
}

const NEVER_STOPPED: &str = "the collector never stopped, long after `stop` was cancelled at \
     500 ms: wait for `stop.cancelled()` beside `jobs.recv()` in a select!, so that the \
     signal is seen while the task waits for a job";

const NOT_SAVED: &str = "the collector ended without sending what it collected: when asked \
     to stop, it leaves its loop and saves (sleep SAVE_TIME, then send), like Python's finally";

/// Cancels `stop` at 500 ms.
fn stop_at_500(timeline: &Timeline) -> CancellationToken {
    let stop = CancellationToken::new();
    let (token, timeline) = (stop.clone(), timeline.clone());
    tokio::spawn(async move {
        sleep(ms(500)).await;
        timeline.record("stop cancelled");
        token.cancel();
    });
    stop
}

#[tokio::test(start_paused = true)]
async fn collector_saves_what_it_collected_when_stopped() {
    let timeline = Timeline::start();
    let (saved_tx, saved_rx) = oneshot::channel();
    let _collector = spawn_collector(stop_at_500(&timeline), jobs(&timeline), saved_tx);
    let saved = within_seen(LIMIT, NEVER_STOPPED, &timeline, saved_rx).await;
    let saved = saved.expect(NOT_SAVED);
    assert_eq!(
        saved,
        [1, 2, 3],
        "the three jobs sent before the stop are saved"
    );
    assert_eq!(
        timeline.elapsed(),
        ms(500) + SAVE_TIME,
        "the save starts when stop is cancelled, at 500 ms, and takes SAVE_TIME"
    );
}

#[tokio::test(start_paused = true)]
async fn collector_ends_only_after_saving() {
    let timeline = Timeline::start();
    let (saved_tx, mut saved_rx) = oneshot::channel();
    let collector = spawn_collector(stop_at_500(&timeline), jobs(&timeline), saved_tx);
    within_seen(LIMIT, NEVER_STOPPED, &timeline, collector)
        .await
        .expect("the collector task panicked");
    match saved_rx.try_recv() {
        Ok(_) => {}
        Err(oneshot::error::TryRecvError::Closed) => panic!("{NOT_SAVED}"),
        Err(oneshot::error::TryRecvError::Empty) => panic!(
            "the collector's task ended before its save was done: whoever awaits the \
             task must be able to count on the save being complete. Await the save in \
             the task; do not spawn it"
        ),
    }
    assert_eq!(
        timeline.elapsed(),
        ms(500) + SAVE_TIME,
        "the collector's task ends once its cleanup is done: stop at 500 ms, then SAVE_TIME"
    );
}

#[tokio::test(start_paused = true)]
async fn collector_saves_when_the_jobs_close() {
    let (tx, rx) = mpsc::channel(8);
    let (saved_tx, saved_rx) = oneshot::channel();
    let stop = CancellationToken::new();
    let _collector = spawn_collector(stop.clone(), rx, saved_tx);
    tx.send(7).await.expect("the collector is receiving");
    sleep(ms(200)).await;
    drop(tx);
    let started = Instant::now();
    let saved = within(
        LIMIT,
        "nothing was saved after the jobs channel closed: its `None` ends the collection",
        saved_rx,
    )
    .await
    .expect("the collector ended without saving when its jobs closed");
    assert_eq!(
        saved,
        [7],
        "one job was sent before the jobs closed: the save holds it"
    );
    assert_eq!(
        started.elapsed(),
        SAVE_TIME,
        "the save starts when the jobs close"
    );
    assert!(
        !stop.is_cancelled(),
        "the collector must not cancel the token it was given: only the caller stops it"
    );
}

#[tokio::test(start_paused = true)]
async fn goodbye_after_a_cancellation() {
    let (goodbyes, mut said) = mpsc::unbounded_channel();
    let started = Instant::now();
    let cancelled = within(
        LIMIT,
        "with_goodbye, with a timeout of 50 ms, never returned",
        timeout(
            ms(50),
            with_goodbye(goodbyes, "alice", sleep(Duration::from_secs(10))),
        ),
    )
    .await;
    assert!(
        cancelled.is_err(),
        "the work takes 10 s; the timeout drops it at 50 ms"
    );
    let goodbye = within(
        LIMIT,
        "no goodbye, long after with_goodbye was cancelled",
        said.recv(),
    )
    .await;
    assert_eq!(
        goodbye.as_deref(),
        Some("goodbye from alice"),
        "with_goodbye was cancelled at 50 ms, and no goodbye came: the code after an \
         `.await` never runs when a future is dropped, and `drop` cannot await. \
         Spawn the waiting part of the cleanup from a Drop"
    );
    assert_eq!(
        started.elapsed(),
        ms(50) + SAVE_TIME,
        "the goodbye takes SAVE_TIME, from the moment of the cancellation"
    );
}

#[tokio::test(start_paused = true)]
async fn goodbye_after_a_normal_end() {
    let (goodbyes, mut said) = mpsc::unbounded_channel();
    let started = Instant::now();
    let work = async {
        sleep(ms(300)).await;
        42
    };
    let answer = within(
        LIMIT,
        "with_goodbye never returned",
        with_goodbye(goodbyes, "bob", work),
    )
    .await;
    assert_eq!(
        (answer, started.elapsed()),
        (42, ms(300)),
        "with_goodbye returns its work's output as soon as the work is done; \
         the goodbye happens afterwards, in a task of its own"
    );
    let goodbye = within(LIMIT, "no goodbye after with_goodbye returned", said.recv()).await;
    assert_eq!(
        goodbye.as_deref(),
        Some("goodbye from bob"),
        "with_goodbye ended normally: it says goodbye too, with its name"
    );
    assert_eq!(
        started.elapsed(),
        ms(300) + SAVE_TIME,
        "the work ended at 300 ms; the goodbye takes SAVE_TIME after that"
    );
}

#[tokio::test(start_paused = true)]
async fn timeline_of_a_stopped_collector() {
    let timeline = Timeline::start();
    let (saved_tx, saved_rx) = oneshot::channel();
    let collector = spawn_collector(stop_at_500(&timeline), jobs(&timeline), saved_tx);
    let saved = within_seen(LIMIT, "nothing was saved", &timeline, saved_rx).await;
    timeline.record(format!("saved {:?}", saved.unwrap_or_default()));
    within_seen(
        LIMIT,
        "the collector task never ended",
        &timeline,
        collector,
    )
    .await
    .expect("the collector task panicked");
    timeline.record("collector task ended");
    insta::assert_snapshot!("timeline", timeline.render());
}

// Generated work and cancellation times, never equal. The models: `guarded`
// counts one while its work runs, until the work ends or is cancelled;
// `with_goodbye` returns the work's output if it ends first, and says
// goodbye SAVE_TIME after whichever comes first; the collector keeps the
// jobs that arrive before the stop or the close, and saves SAVE_TIME after.
proptest! {
    #![proptest_config(props::cases(48))]
    #[test]
    fn guarded_and_with_goodbye_on_generated_cancellations(
        (work_ms, cancel_ms) in (0_u64..600, 0_u64..600).prop_filter("not at once", |(w, c)| w != c)
    ) {
        let (open_samples, output, goodbye) = held::paused(async {
            let open = Arc::new(AtomicUsize::new(0));
            let sampler = async {
                let mut seen = Vec::new();
                sleep(ms(5)).await;
                for _ in 0..7 {
                    seen.push(open.load(Ordering::SeqCst));
                    sleep(ms(100)).await;
                }
                seen
            };
            let guarded = timeout(ms(cancel_ms), guarded(open.clone(), async {
                sleep(ms(work_ms)).await;
                work_ms
            }));
            let (_, samples) = within(LIMIT, "guarded never returned", async {
                tokio::join!(guarded, sampler)
            })
            .await;
            let (goodbyes, mut said) = mpsc::unbounded_channel();
            let started = Instant::now();
            let work = async {
                sleep(ms(work_ms)).await;
                work_ms
            };
            let output = within(
                LIMIT,
                "with_goodbye never returned",
                timeout(ms(cancel_ms), with_goodbye(goodbyes, "cy", work)),
            )
            .await
            .ok();
            let goodbye = within(LIMIT, "no goodbye came", said.recv())
                .await
                .map(|text| (started.elapsed().as_millis(), text));
            (samples, output, goodbye)
        });
        let end = work_ms.min(cancel_ms);
        let expected: Vec<usize> = (0..7).map(|i| usize::from(5 + 100 * i < end)).collect();
        prop_assert!(
            open_samples == expected,
            "guarded around work of {work_ms} ms, cancelled at {cancel_ms} ms, its count read at \
             5, 105, 205, ... ms\n  expected: {expected:?}\n  yours:    {open_samples:?}\none \
             counted from the start until the work ends or is cancelled, whichever comes first"
        );
        let expected_output = (work_ms < cancel_ms).then_some(work_ms);
        let expected_goodbye = Some((u128::from(end) + SAVE_TIME.as_millis(), "goodbye from cy".to_string()));
        prop_assert!(
            output == expected_output && goodbye == expected_goodbye,
            "with_goodbye around work of {work_ms} ms, cancelled at {cancel_ms} ms\n  expected: \
             output {expected_output:?}, then {expected_goodbye:?} (ms, goodbye)\n  yours:    \
             output {output:?}, then {goodbye:?}"
        );
    }

    #[test]
    fn collector_on_generated_schedules(
        (job_times, stop_ms, close_ms) in (
            prop::collection::vec(0_u64..800, 0..5),
            prop::option::of(0_u64..900),
            prop::option::of(0_u64..900),
        )
            .prop_filter("nothing at one instant", |(jobs, stop, close)| {
                let mut times: Vec<u64> = jobs.clone();
                times.extend(stop.iter().chain(close));
                let count = times.len();
                times.sort_unstable();
                times.dedup();
                let save_time = SAVE_TIME.as_millis() as u64;
                let close_at_save = matches!((stop, close), (Some(s), Some(c)) if *c == s + save_time);
                times.len() == count && (stop.is_some() || close.is_some()) && !close_at_save
            })
    ) {
        let rendered = held::paused(async {
            let timeline = Timeline::start();
            let (tx, rx) = mpsc::channel(8);
            let mut job_times = job_times.clone();
            job_times.sort_unstable();
            let (jobs_timeline, times) = (timeline.clone(), job_times.clone());
            tokio::spawn(async move {
                let start = Instant::now();
                // Jobs due after the close are never sent.
                let due = times.into_iter().filter(|at| close_ms.is_none_or(|close| *at < close));
                for (job, at) in due.enumerate() {
                    tokio::time::sleep_until(start + ms(at)).await;
                    let _ = tx.send(job as u32).await;
                }
                match close_ms {
                    Some(at) => {
                        tokio::time::sleep_until(start + ms(at)).await;
                        jobs_timeline.record("jobs close");
                    }
                    None => sleep(Duration::from_secs(3600)).await,
                }
            });
            let stop = CancellationToken::new();
            if let Some(at) = stop_ms {
                let (token, timeline) = (stop.clone(), timeline.clone());
                tokio::spawn(async move {
                    sleep(ms(at)).await;
                    timeline.record("stop cancelled");
                    token.cancel();
                });
            }
            let (saved_tx, saved_rx) = oneshot::channel();
            let collector = spawn_collector(stop, rx, saved_tx);
            let saved = within_seen(LIMIT, "the collector never saved", &timeline, saved_rx).await;
            timeline.record(format!("saved {:?}", saved.unwrap_or_default()));
            within_seen(LIMIT, "the collector task never ended", &timeline, collector)
                .await
                .expect("the collector task panicked");
            timeline.record("collector task ended");
            timeline.render()
        });
        let mut times = job_times.clone();
        times.sort_unstable();
        let end = stop_ms.into_iter().chain(close_ms).min().expect("one of them");
        let kept: Vec<u32> = (0..).zip(&times).filter(|(_, at)| **at < end).map(|(job, _)| job).collect();
        let mut events: Vec<(u128, String)> = Vec::new();
        if let Some(at) = stop_ms {
            events.push((at.into(), "stop cancelled".to_string()));
        }
        if let Some(at) = close_ms {
            events.push((at.into(), "jobs close".to_string()));
        }
        let saved_at = u128::from(end) + SAVE_TIME.as_millis();
        events.sort();
        events.retain(|(at, _)| *at < saved_at);
        events.push((saved_at, format!("saved {kept:?}")));
        events.push((saved_at, "collector task ended".to_string()));
        let expected = render(&events);
        prop_assert!(
            rendered == expected,
            "the collector, with jobs at {times:?} ms, stop at {stop_ms:?} ms and the jobs \
             closing at {close_ms:?} ms: it keeps the jobs that arrive before the first of \
             the two, then saves (SAVE_TIME), then its task ends\n{}",
            two_timelines(&expected, &rendered)
        );
    }
}
