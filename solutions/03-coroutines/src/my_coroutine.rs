//! Exercise 3.1, solved: `my_coroutine` with tokio's non-blocking sleep.

use tokio::time::{Duration, sleep};

/// `my_coroutine()`, printing through `print`.
pub async fn my_coroutine(mut print: impl FnMut(&str)) {
    print("Start Coroutine");
    // Tokio's sleep, awaited: this task pauses and the thread is free for
    // others; `std::thread::sleep` would block the thread and every task on it.
    sleep(Duration::from_secs(1)).await; // Non-blocking sleep
    print("End Coroutine");
}
