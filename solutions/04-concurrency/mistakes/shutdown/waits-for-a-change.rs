//! Mistake: The signal is a change of the value, so each worker waits for `changed()`.
//! Expect: even one given before it starts
//! Exercise 4.12, solved: graceful shutdown with a `watch` channel.

use tokio::sync::watch;
use tokio::time::{Duration, sleep};

/// Starts one worker per entry of `units` (worker `i` takes `units[i]` per
/// unit of work) and returns, in worker order, how many units each finished
/// when `shutdown` turned `true`. A unit in progress then is abandoned.
/// Each worker logs "worker <i> stopped, <n> done" as it stops.
pub async fn run_workers(
    units: Vec<Duration>,
    shutdown: watch::Receiver<bool>,
    log: impl Fn(&str) + Send + Sync + 'static,
) -> Vec<usize> {
    let log = std::sync::Arc::new(log);
    let workers: Vec<_> = units
        .into_iter()
        .enumerate()
        .map(|(i, unit)| {
            let mut shutdown = shutdown.clone();
            let log = std::sync::Arc::clone(&log);
            tokio::spawn(async move {
                let mut done = 0;
                loop {
                    // When the signal comes, select! drops the unit's sleep:
                    // the unit in progress is abandoned, not finished.
                    tokio::select! {
                        _ = shutdown.changed() => break,
                        () = sleep(unit) => done += 1,
                    }
                }
                log(&format!("worker {i} stopped, {done} done"));
                done
            })
        })
        .collect();
    let mut finished = Vec::new();
    for worker in workers {
        finished.push(worker.await.expect("the workers do not panic"));
    }
    finished
}
