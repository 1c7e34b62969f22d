//! Mistake: Waiting for every task and then going through the results is collecting them as they finish.
//! Expect: its result must be collected then
//! Exercise 4.7, solved: a `JoinSet` hands results back as tasks finish.

use tokio::task::JoinSet;
use tokio::time::{Duration, sleep};

/// Spawns one task per job (it waits `ms`, then returns `name`), and collects
/// the names in the order the tasks finish, logging "collected <name>".
pub async fn collect_as_finished(
    jobs: Vec<(&'static str, u64)>,
    log: &impl Fn(&str),
) -> Vec<&'static str> {
    let mut set = JoinSet::new();
    for (name, ms) in jobs {
        set.spawn(async move {
            sleep(Duration::from_millis(ms)).await;
            name
        });
    }
    let mut finished = Vec::new();
    for name in set.join_all().await {
        log(&format!("collected {name}"));
        finished.push(name);
    }
    finished
}
