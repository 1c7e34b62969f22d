//! Mistake: `.await.unwrap()` passes the work's panic on to the caller.
//! Expect: not with the work's own panic
//! Exercise 6.3, solved: blocking work goes to the blocking pool.

/// Runs `work` on tokio's blocking thread pool and returns its result.
/// A panic in `work` is resumed in the caller.
pub async fn off_the_runtime<T, F>(work: F) -> T
where
    F: FnOnce() -> T + Send + 'static,
    T: Send + 'static,
{
    tokio::task::spawn_blocking(work).await.unwrap()
}
