//! Mistake: Collecting the results with a JoinSet, as the jobs finish, is the same as collecting them in input order.
//! Expect: in the order of the input
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
    let mut set = tokio::task::JoinSet::new();
    for job in jobs {
        set.spawn(job);
    }
    let mut results = Vec::with_capacity(set.len());
    while let Some(joined) = set.join_next().await {
        results.push(match joined {
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
