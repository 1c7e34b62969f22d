//! # Exercise 7.5 — worker threads and channels
//!
//! The `threading` module's classic design: worker threads take jobs from a
//! shared queue and put results on another.
//!
//! ```python
//! import queue, threading
//!
//! def worker(jobs, results, work):
//!     while True:
//!         try:
//!             job = jobs.get_nowait()
//!         except queue.Empty:
//!             return
//!         results.put((job, work(job)))
//!
//! jobs, results = queue.Queue(), queue.Queue()
//! for job in job_list:
//!     jobs.put(job)
//! for _ in range(workers):
//!     threading.Thread(target=worker, args=(jobs, results, work)).start()
//! ```
//!
//! Rust's `std::sync::mpsc` channel is the queue, split into a `Sender` (which
//! can be cloned, one per producer) and a `Receiver` (only one). The
//! receiver's `recv` returns `Err` once every `Sender` is gone, so the
//! consumer knows when the results are complete: no sentinel needed. Several
//! workers share the one job `Receiver` behind `Arc<Mutex<…>>`.
//!
//! **Task:** queue every job, start `workers` threads (0 counts as 1) that take
//! jobs until the queue is empty and send `(job, work(job))` for each, and
//! return the results' receiver at once. It must end (report disconnection)
//! when every job is done.
//!
//! Read: `book/src/07-capstone.md`, "Worker threads and channels".

use std::sync::mpsc;

/// Starts `workers` threads that take jobs from a shared queue and send
/// `(job, work(job))` for each; returns at once with the results' receiver,
/// which ends when every job is done.
pub fn spawn_workers<F>(jobs: Vec<u64>, workers: usize, work: F) -> mpsc::Receiver<(u64, u64)>
where
    F: Fn(u64) -> u64 + Send + Sync + 'static,
{
    todo!("a job channel behind Arc<Mutex<..>>, a results channel, one thread::spawn per worker")
}
