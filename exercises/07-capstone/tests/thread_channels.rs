//! Exercise 7.5: worker threads fed by a job queue, sending results down a
//! channel. Real threads, no sleeps: every wait gives up after a few seconds.

use std::sync::mpsc::{self, RecvTimeoutError};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::Duration;

use capstone::thread_channels::spawn_workers;
use testkit::props::{self, proptest};
use testkit::threads::Rendezvous;

use proptest::prelude::*;

/// Receives until the channel closes; fails if it stays open with nothing in it.
fn receive_all(results: &mpsc::Receiver<(u64, u64)>) -> Vec<(u64, u64)> {
    let mut all = Vec::new();
    loop {
        match results.recv_timeout(Duration::from_secs(5)) {
            Ok(result) => all.push(result),
            Err(RecvTimeoutError::Disconnected) => return all,
            Err(RecvTimeoutError::Timeout) => panic!(
                "no result came for 5 s and the channel is still open; received so far: \
                 {all:?}. The receiver's loop ends when every Sender is dropped: each \
                 worker's clone when it finishes, and the original one too"
            ),
        }
    }
}

#[test]
fn every_job_comes_back_once() {
    let results = spawn_workers((1..=20).collect(), 3, |n| n * n);
    let mut all = receive_all(&results);
    all.sort_unstable();
    assert_eq!(
        all,
        (1..=20).map(|n| (n, n * n)).collect::<Vec<_>>(),
        "each job must come back once, as (job, work(job)); the order may vary"
    );
}

#[test]
fn the_workers_run_at_the_same_time() {
    let rendezvous = Arc::new(Rendezvous::new(3));
    let meeting = Arc::clone(&rendezvous);
    let results = spawn_workers((0..12).collect(), 3, move |n| {
        meeting.arrive();
        n + 1
    });
    assert_eq!(
        receive_all(&results).len(),
        12,
        "12 jobs, 12 results: each job comes back once"
    );
    let threads = rendezvous.threads();
    assert!(
        !threads.contains(&thread::current().id()),
        "some jobs ran on the calling thread: the workers do the work"
    );
    assert_eq!(
        threads.len(),
        3,
        "3 workers must share the jobs; {} threads ran them. Does every worker take jobs \
         from the one shared queue?",
        threads.len()
    );
    assert!(
        !rendezvous.someone_gave_up(),
        "the 3 workers did not all run at the same time: one waited a second for the others"
    );
}

#[test]
fn returns_before_the_work_is_done() {
    // Every job waits until the test, which called spawn_workers, lets it go.
    let (go, wait_for_go) = mpsc::channel::<()>();
    let wait_for_go = Arc::new(Mutex::new(wait_for_go));
    let results = spawn_workers(vec![1, 2], 2, move |n| {
        let released = wait_for_go
            .lock()
            .expect("not poisoned")
            .recv_timeout(Duration::from_secs(1))
            .is_ok();
        if released { n } else { 0 }
    });
    let _ = go.send(());
    let _ = go.send(());
    let mut all = receive_all(&results);
    all.sort_unstable();
    assert_eq!(
        all,
        [(1, 1), (2, 2)],
        "the jobs waited for a signal that the caller sends after spawn_workers returns, \
         and it never came in time: spawn_workers must return the receiver at once, \
         not wait for the workers (no join before returning)"
    );
}

#[test]
fn zero_workers_count_as_one() {
    let results = spawn_workers(vec![5, 6], 0, |n| n + 1);
    let mut all = receive_all(&results);
    all.sort_unstable();
    assert_eq!(
        all,
        [(5, 6), (6, 7)],
        "`workers: 0` counts as 1: one worker still takes every job"
    );
}

proptest! {
    #![proptest_config(props::cases(16))]

    /// Any jobs (none, one, many, repeated; 0 and u64::MAX among them) on any
    /// number of workers (0 counts as 1). The model: each job comes back once,
    /// as (job, work(job)), in some order, and then the channel ends.
    #[test]
    fn any_jobs_on_any_workers(
        jobs in prop::collection::vec(prop_oneof![Just(0_u64), Just(u64::MAX), 0_u64..10], 0..20),
        workers in prop_oneof![Just(0_usize), Just(1), 1_usize..5],
    ) {
        let work = |n: u64| n.wrapping_mul(3) ^ 1;
        let results = spawn_workers(jobs.clone(), workers, work);
        let mut all = receive_all(&results);
        all.sort_unstable();
        let mut expected: Vec<(u64, u64)> = jobs.iter().map(|&n| (n, work(n))).collect();
        expected.sort_unstable();
        prop_assert!(
            all == expected,
            "each job must come back once, as (job, work(job)), and then the channel end \
             (0 workers count as 1).\nJobs {:?} on {} workers: expected (sorted) {:?}\nyours \
             (sorted) {:?}",
            jobs, workers, expected, all
        );
    }
}
