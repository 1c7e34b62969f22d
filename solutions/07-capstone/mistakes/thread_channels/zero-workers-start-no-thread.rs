//! Mistake: `workers` threads are `0..workers`: the caller asks for at least one.
//! Expect: one worker still takes every job
//! Exercise 7.5, solved: worker threads, a job queue and a results channel.

use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::thread;

/// Starts `workers` threads that take jobs from a shared queue and send
/// `(job, work(job))` for each; returns at once with the results' receiver,
/// which ends when every job is done.
pub fn spawn_workers<F>(jobs: Vec<u64>, workers: usize, work: F) -> mpsc::Receiver<(u64, u64)>
where
    F: Fn(u64) -> u64 + Send + Sync + 'static,
{
    let (job_sender, job_receiver) = mpsc::channel();
    for job in jobs {
        job_sender
            .send(job)
            .expect("the queue's receiver is still here");
    }
    // With its sender gone, the queue ends once it is empty: that is how a
    // worker's `recv` learns that there is no more work.
    drop(job_sender);
    // One queue shared by every worker: a job is taken by exactly one of them.
    let job_receiver = Arc::new(Mutex::new(job_receiver));
    let work = Arc::new(work);
    let (result_sender, result_receiver) = mpsc::channel();
    for _ in 0..workers {
        let (jobs, results, work) = (
            Arc::clone(&job_receiver),
            result_sender.clone(),
            Arc::clone(&work),
        );
        thread::spawn(move || {
            loop {
                let next = jobs.lock().expect("no worker panicked").recv();
                let Ok(job) = next else { break };
                if results.send((job, work(job))).is_err() {
                    break;
                }
            }
        });
    }
    // No join: the caller gets the receiver at once, and it ends when the last
    // worker drops its clone of `result_sender` (the original is dropped here).
    result_receiver
}
