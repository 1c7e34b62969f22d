//! Mistake: A panic's payload is always a String, so downcasting to String is enough.
//! Expect: whether the payload is a
//! Exercise 4.4, solved: a panicking task comes back as a `JoinError`.

use std::future::Future;

/// Spawns every job, then collects each one's result in input order: its
/// output, or the message it panicked with.
pub async fn run_all<F>(jobs: Vec<F>) -> Vec<Result<F::Output, String>>
where
    F: Future + Send + 'static,
    F::Output: Send + 'static,
{
    // Spawn every job before awaiting any handle: spawning and awaiting in
    // one loop would run the jobs one at a time.
    let handles: Vec<_> = jobs.into_iter().map(tokio::spawn).collect();
    let mut results = Vec::with_capacity(handles.len());
    for handle in handles {
        results.push(match handle.await {
            Ok(output) => Ok(output),
            Err(error) if error.is_panic() => Err(panic_message(error.into_panic())),
            Err(error) => Err(error.to_string()),
        });
    }
    results
}

/// The text a panic was raised with (`panic!("...")` carries a `&str` or a `String`).
fn panic_message(payload: Box<dyn std::any::Any + Send>) -> String {
    // `panic!("literal")` carries a &str, `panic!("{x}")` a String: try both.
    match payload.downcast::<String>() {
        Ok(text) => *text,
        Err(_) => "a panic".to_string(),
    }
}
