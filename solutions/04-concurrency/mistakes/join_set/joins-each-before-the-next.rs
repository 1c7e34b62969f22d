//! Mistake: Joining each task right after spawning it still uses a JoinSet.
//! Expect: spawn them all before joining any
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
    let mut finished = Vec::new();
    for (name, ms) in jobs {
        set.spawn(async move {
            sleep(Duration::from_millis(ms)).await;
            name
        });
        while let Some(result) = set.join_next().await {
            let name = result.expect("the jobs do not panic");
            log(&format!("collected {name}"));
            finished.push(name);
        }
    }
    finished
}
