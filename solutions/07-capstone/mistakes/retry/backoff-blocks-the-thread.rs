//! Mistake: The pause between two tries is only a wait: `std::thread::sleep` waits as well.
//! Expect: a blocking call inside async code held the thread
//! Exercise 7.1, solved: one job, with a time limit per try and retries.

use std::future::Future;

use tokio::time::{Duration, timeout};

/// How many tries a job gets, how long each may take, and the pause between two.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Policy {
    pub attempts: u32,
    pub per_try: Duration,
    pub backoff: Duration,
}

/// Why one try did not succeed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Failure<E> {
    TimedOut,
    Failed(E),
}

/// A job that used up its tries: how many it made, and why the last one failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GaveUp<E> {
    pub attempts: u32,
    pub last: Failure<E>,
}

/// Calls `op(1)`, `op(2)`, … until one succeeds within `policy.per_try`, at
/// most `policy.attempts` times, pausing `policy.backoff` between two tries.
pub async fn retry<T, E, F, Fut>(policy: Policy, mut op: F) -> Result<T, GaveUp<E>>
where
    F: FnMut(u32) -> Fut,
    Fut: Future<Output = Result<T, E>>,
{
    let mut attempt = 1;
    loop {
        // timeout drops a try that runs out of time, which cancels it.
        let last = match timeout(policy.per_try, op(attempt)).await {
            Ok(Ok(value)) => return Ok(value),
            Ok(Err(error)) => Failure::Failed(error),
            Err(_elapsed) => Failure::TimedOut,
        };
        // Checked before the pause: there is no point in pausing after the last try.
        if attempt >= policy.attempts {
            return Err(GaveUp {
                attempts: attempt,
                last,
            });
        }
        std::thread::sleep(policy.backoff);
        attempt += 1;
    }
}
