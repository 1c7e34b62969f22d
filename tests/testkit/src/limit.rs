//! Awaiting a learner's future without ever hanging the test.

use std::future::Future;

use tokio::time::Duration;

/// Awaits `future` for at most `limit` of (virtual) time. If it has not
/// finished by then, the test fails with `what_never_happened`, which should
/// say in a learner's words what was expected and which idea to revisit.
///
/// In a paused-time test the limit costs nothing: time jumps straight to it
/// once every task is idle.
pub async fn within<F: Future>(limit: Duration, what_never_happened: &str, future: F) -> F::Output {
    match tokio::time::timeout(limit, future).await {
        Ok(output) => output,
        Err(_) => panic!("{what_never_happened} (still waiting after {limit:?} of virtual time)"),
    }
}
