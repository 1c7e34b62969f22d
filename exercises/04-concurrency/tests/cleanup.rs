//! Exercise 4.14: cleanup runs when a future is cancelled: in a `Drop`, in a
//! task that is asked to stop, or in a task spawned from a `Drop`.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use concurrency::cleanup::{SAVE_TIME, guarded, spawn_collector, with_goodbye};
use testkit::limit::within;
use testkit::timeline::Timeline;
use tokio::sync::{mpsc, oneshot};
use tokio::time::{Duration, Instant, sleep, timeout};
use tokio_util::sync::CancellationToken;

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
    let cancelled = timeout(
        ms(50),
        guarded(open.clone(), sleep(Duration::from_secs(10))),
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
    let saved = within(LIMIT, NEVER_STOPPED, saved_rx).await;
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
    within(LIMIT, NEVER_STOPPED, collector)
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
    assert_eq!(saved, [7]);
    assert_eq!(
        started.elapsed(),
        SAVE_TIME,
        "the save starts when the jobs close"
    );
    assert!(!stop.is_cancelled());
}

#[tokio::test(start_paused = true)]
async fn goodbye_after_a_cancellation() {
    let (goodbyes, mut said) = mpsc::unbounded_channel();
    let started = Instant::now();
    let cancelled = timeout(
        ms(50),
        with_goodbye(goodbyes, "alice", sleep(Duration::from_secs(10))),
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
    assert_eq!(goodbye.as_deref(), Some("goodbye from bob"));
    assert_eq!(started.elapsed(), ms(300) + SAVE_TIME);
}

#[tokio::test(start_paused = true)]
async fn timeline_of_a_stopped_collector() {
    let timeline = Timeline::start();
    let (saved_tx, saved_rx) = oneshot::channel();
    let collector = spawn_collector(stop_at_500(&timeline), jobs(&timeline), saved_tx);
    let saved = within(LIMIT, "nothing was saved", saved_rx).await;
    timeline.record(format!("saved {:?}", saved.unwrap_or_default()));
    within(LIMIT, "the collector task never ended", collector)
        .await
        .expect("the collector task panicked");
    timeline.record("collector task ended");
    insta::assert_snapshot!("timeline", timeline.render());
}
