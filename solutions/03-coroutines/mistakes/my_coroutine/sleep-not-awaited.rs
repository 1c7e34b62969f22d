//! Mistake: Calling `sleep` is what makes the coroutine sleep, as `time.sleep` does.
//! Expect: a time of 0 means it did not await
//! Exercise 3.1, solved: `my_coroutine` with tokio's non-blocking sleep.

use tokio::time::{Duration, sleep};

/// `my_coroutine()`, printing through `print`.
pub async fn my_coroutine(mut print: impl FnMut(&str)) {
    print("Start Coroutine");
    let _ = sleep(Duration::from_secs(1));
    print("End Coroutine");
}
