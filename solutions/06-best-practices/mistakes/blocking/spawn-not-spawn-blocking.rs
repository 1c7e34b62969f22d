//! Mistake: tokio::spawn runs the work on a task of its own, so it cannot block the others.
//! Expect: the work blocked the runtime's only thread
//! Exercise 6.3, solved: blocking work goes to the blocking pool.

/// Runs `work` on tokio's blocking thread pool and returns its result.
/// A panic in `work` is resumed in the caller.
pub async fn off_the_runtime<T, F>(work: F) -> T
where
    F: FnOnce() -> T + Send + 'static,
    T: Send + 'static,
{
    match tokio::spawn(async move { work() }).await {
        Ok(value) => value,
        // Resume the work's own panic, whatever its payload: `unwrap` would
        // replace it with a text about a JoinError.
        Err(error) => std::panic::resume_unwind(error.into_panic()),
    }
}
