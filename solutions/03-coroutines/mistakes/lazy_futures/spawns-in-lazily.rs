//! Mistake: Every future needs a task to run on, so `lazily` spawns one and awaits it.
//! Expect: the future ran before it was awaited
//! Exercise 3.3, solved: a lazy future, and a task that starts on its own.

use std::sync::{Arc, Mutex};

use tokio::task::JoinHandle;

/// A log that several futures can write to.
pub type Log = Arc<Mutex<Vec<String>>>;

/// Pushes `message` to `log`, when the future is polled.
pub fn lazily(log: Log, message: &'static str) -> impl std::future::Future<Output = ()> {
    let task = tokio::spawn(async move {
        log.lock()
            .expect("no one panicked holding the log")
            .push(message.to_owned());
    });
    async move { task.await.expect("the task did not panic") }
}

/// The same work, started now as a task of its own.
pub fn eagerly(log: Log, message: &'static str) -> JoinHandle<()> {
    tokio::spawn(lazily(log, message))
}
