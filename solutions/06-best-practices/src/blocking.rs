//! Exercise 6.3, solved: blocking work goes to the blocking pool.

/// Runs `work` on tokio's blocking thread pool and returns its result.
/// A panic in `work` is resumed in the caller.
pub async fn off_the_runtime<T, F>(work: F) -> T
where
    F: FnOnce() -> T + Send + 'static,
    T: Send + 'static,
{
    // spawn_blocking: the work gets a thread of its own, and the runtime's
    // thread stays free for the other tasks while it blocks.
    match tokio::task::spawn_blocking(work).await {
        Ok(value) => value,
        // Resume the work's own panic, whatever its payload: `unwrap` would
        // replace it with a text about a JoinError.
        Err(error) => std::panic::resume_unwind(error.into_panic()),
    }
}
