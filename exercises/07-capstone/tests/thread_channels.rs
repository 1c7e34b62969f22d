//! Exercise 7.5: worker threads fed by a job queue, sending results down a
//! channel. Real threads, no sleeps: every wait gives up after a few seconds.

use std::sync::mpsc::{self, RecvTimeoutError};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::Duration;

use capstone::thread_channels::spawn_workers;
use testkit::threads::Rendezvous;

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
    assert_eq!(receive_all(&results).len(), 12);
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
