//! Exercise 4.5, solved: tasks run on their own.

use tokio::task::JoinHandle;
use tokio::time::{Duration, sleep};

/// The post's coroutine: waits 2 s, then reports "Task Completed".
pub async fn task_example(log: impl Fn(&str)) {
    sleep(Duration::from_secs(2)).await;
    log("Task Completed");
}

/// `asyncio.create_task(task_example())`: starts it now, returns its handle.
pub fn start(log: impl Fn(&str) + Send + 'static) -> JoinHandle<()> {
    tokio::spawn(task_example(log))
}

/// Starts `task_example` and lets go of its handle: the task runs on.
pub fn detach(log: impl Fn(&str) + Send + 'static) {
    // A JoinHandle is not the task: dropping it detaches the task, which runs
    // on. (Dropping the future itself, unspawned, would cancel it.)
    drop(tokio::spawn(task_example(log)));
}

/// Polls `task_example` for at most `patience`: returns when it completes,
/// or drops it when the patience runs out first, and then it never completes.
pub async fn give_up(log: impl Fn(&str), patience: Duration) {
    let work = task_example(log);
    // The branch that loses is dropped: a future runs only while it is polled,
    // so `work` never gets to log.
    tokio::select! {
        () = work => {}
        () = sleep(patience) => {}
    }
}
