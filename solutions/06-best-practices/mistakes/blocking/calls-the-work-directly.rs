//! Mistake: An async function may call a blocking function: it is inside async code, so it does not block.
//! Expect: a blocking call inside async code held the thread
//! Exercise 6.3, solved: blocking work goes to the blocking pool.

/// Runs `work` on tokio's blocking thread pool and returns its result.
/// A panic in `work` is resumed in the caller.
pub async fn off_the_runtime<T, F>(work: F) -> T
where
    F: FnOnce() -> T + Send + 'static,
    T: Send + 'static,
{
    work()
}
