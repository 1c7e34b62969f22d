//! Mistake: The coroutine prints its two lines, then sleeps: the total time is the same.
//! Expect: Snapshot: timeline
//! Exercise 3.1, solved: `my_coroutine` with tokio's non-blocking sleep.

use tokio::time::{Duration, sleep};

/// `my_coroutine()`, printing through `print`.
pub async fn my_coroutine(mut print: impl FnMut(&str)) {
    print("Start Coroutine");
    print("End Coroutine");
    sleep(Duration::from_secs(1)).await;
}
