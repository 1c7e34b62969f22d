//! Mistake: Eager means running the work right away, in the call, and handing back a finished task.
//! Expect: the task ran inside `eagerly` itself
//! Exercise 3.3, solved: a lazy future, and a task that starts on its own.

use std::sync::{Arc, Mutex};

use tokio::task::JoinHandle;

/// A log that several futures can write to.
pub type Log = Arc<Mutex<Vec<String>>>;

/// Pushes `message` to `log`, when the future is polled.
pub async fn lazily(log: Log, message: &'static str) {
    log.lock()
        .expect("no one panicked holding the log")
        .push(message.to_owned());
}

/// The same work, started now as a task of its own.
pub fn eagerly(log: Log, message: &'static str) -> JoinHandle<()> {
    futures::executor::block_on(lazily(log, message));
    tokio::spawn(async {})
}
