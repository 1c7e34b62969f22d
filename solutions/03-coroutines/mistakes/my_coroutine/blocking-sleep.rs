//! Mistake: Any sleep will do: `std::thread::sleep` waits one second as well.
//! Expect: a blocking call inside async code held the thread
//! Exercise 3.1, solved: `my_coroutine` with tokio's non-blocking sleep.

use tokio::time::Duration;

/// `my_coroutine()`, printing through `print`.
pub async fn my_coroutine(mut print: impl FnMut(&str)) {
    print("Start Coroutine");
    std::thread::sleep(Duration::from_secs(1));
    print("End Coroutine");
}
