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
    // `spawn` schedules the future as a task: it runs when the runtime next
    // gets control, whether or not anyone awaits the handle.
    tokio::spawn(lazily(log, message))
}
