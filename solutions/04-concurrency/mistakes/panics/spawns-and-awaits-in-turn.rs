//! Mistake: Spawning a job and awaiting its handle, one job after another, still runs them on tasks.
//! Expect: spawn them all before awaiting any handle
//! Exercise 4.4, solved: a panicking task comes back as a `JoinError`.

use std::future::Future;

/// Spawns every job, then collects each one's result in input order: its
/// output, or the message it panicked with.
pub async fn run_all<F>(jobs: Vec<F>) -> Vec<Result<F::Output, String>>
where
    F: Future + Send + 'static,
    F::Output: Send + 'static,
{
    let mut results = Vec::with_capacity(jobs.len());
    for job in jobs {
        let handle = tokio::spawn(job);
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
        Err(payload) => payload
            .downcast_ref::<&str>()
            .map_or_else(|| "a panic".to_string(), |text| text.to_string()),
    }
}
