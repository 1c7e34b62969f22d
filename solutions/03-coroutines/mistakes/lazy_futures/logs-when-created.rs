//! Mistake: A future's work happens when it is created; awaiting only collects the result.
//! Expect: the future ran before it was awaited
//! Exercise 3.3, solved: a lazy future, and a task that starts on its own.

use std::sync::{Arc, Mutex};

use tokio::task::JoinHandle;

/// A log that several futures can write to.
pub type Log = Arc<Mutex<Vec<String>>>;

/// Pushes `message` to `log`, when the future is polled.
pub fn lazily(log: Log, message: &'static str) -> impl std::future::Future<Output = ()> {
    log.lock()
        .expect("no one panicked holding the log")
        .push(message.to_owned());
    async {}
}

/// The same work, started now as a task of its own.
pub fn eagerly(log: Log, message: &'static str) -> JoinHandle<()> {
    tokio::spawn(lazily(log, message))
}
