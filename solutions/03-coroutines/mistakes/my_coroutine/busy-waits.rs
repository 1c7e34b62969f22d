//! Mistake: Waiting is checking the clock until a second has passed, yielding in between.
//! Expect: without the clock moving
//! Exercise 3.1, solved: `my_coroutine` with tokio's non-blocking sleep.

use tokio::time::Duration;

/// `my_coroutine()`, printing through `print`.
pub async fn my_coroutine(mut print: impl FnMut(&str)) {
    print("Start Coroutine");
    let end = tokio::time::Instant::now() + Duration::from_secs(1);
    while tokio::time::Instant::now() < end {
        tokio::task::yield_now().await;
    }
    print("End Coroutine");
}
