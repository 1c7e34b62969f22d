//! Mistake: The coroutine may report first and wait afterwards; the wait is what matters.
//! Expect: each sleeps (with tokio's sleep) before it logs
//! Exercise 4.1, solved: `join!` and `join_all`.

use tokio::time::{Duration, sleep};

/// Waits 2 s, then reports "Coroutine One".
pub async fn coroutine_one(log: &impl Fn(&str)) {
    log("Coroutine One");
    sleep(Duration::from_secs(2)).await;
}

/// Waits 1 s, then reports "Coroutine Two".
pub async fn coroutine_two(log: &impl Fn(&str)) {
    sleep(Duration::from_secs(1)).await;
    log("Coroutine Two");
}

/// `asyncio.gather(coroutine_one(), coroutine_two())`: both at once.
pub async fn gather(log: &impl Fn(&str)) {
    // join! polls both on this task, in turn, so the two sleeps overlap:
    // awaiting one and then the other would take the sum of the waits.
    tokio::join!(coroutine_one(log), coroutine_two(log));
}

/// One coroutine per delay, all waiting at once; the delays back, in input order.
pub async fn gather_all(delays_ms: &[u64]) -> Vec<u64> {
    let waits = delays_ms.iter().map(|&ms| async move {
        sleep(Duration::from_millis(ms)).await;
        ms
    });
    // Every wait is handed to join_all before any is awaited, and join_all
    // gives the outputs back in the order of its input, not of finishing.
    futures::future::join_all(waits).await
}
