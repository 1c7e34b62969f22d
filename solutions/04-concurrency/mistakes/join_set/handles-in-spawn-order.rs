//! Mistake: Spawning every job and awaiting the handles in turn gives the results as they finish.
//! Expect: not in the order the tasks were spawned
//! Exercise 4.7, solved: a `JoinSet` hands results back as tasks finish.

use tokio::task::JoinSet;
use tokio::time::{Duration, sleep};

/// Spawns one task per job (it waits `ms`, then returns `name`), and collects
/// the names in the order the tasks finish, logging "collected <name>".
pub async fn collect_as_finished(
    jobs: Vec<(&'static str, u64)>,
    log: &impl Fn(&str),
) -> Vec<&'static str> {
    let handles: Vec<_> = jobs
        .into_iter()
        .map(|(name, ms)| {
            tokio::spawn(async move {
                sleep(Duration::from_millis(ms)).await;
                name
            })
        })
        .collect();
    let _ = JoinSet::<()>::new;
    let mut finished = Vec::new();
    for handle in handles {
        let name = handle.await.expect("the jobs do not panic");
        log(&format!("collected {name}"));
        finished.push(name);
    }
    finished
}
