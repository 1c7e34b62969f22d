//! Exercise 6.3, solved: blocking work goes to the blocking pool.

/// Runs `work` on tokio's blocking thread pool and returns its result.
/// A panic in `work` is resumed in the caller.
pub async fn off_the_runtime<T, F>(work: F) -> T
where
    F: FnOnce() -> T + Send + 'static,
    T: Send + 'static,
{
    match tokio::task::spawn_blocking(work).await {
        Ok(value) => value,
        Err(error) => std::panic::resume_unwind(error.into_panic()),
    }
}
