//! Awaiting a learner's future without ever hanging the test.

use std::future::Future;
use std::pin::pin;

use tokio::time::Duration;

/// Awaits `future` for at most `limit` of (virtual) time. If it has not
/// finished by then, the test fails with `what_never_happened`, which should
/// say in a learner's words what was expected and which idea to revisit.
///
/// In a paused-time test the limit costs nothing: time jumps straight to it
/// once every task is idle.
///
/// The limit is checked *before* the future is polled, every time. That is
/// the difference from `tokio::time::timeout`, which polls the inner future
/// once more when its deadline wakes the task: a wrong answer that never
/// registers a waker (it forgot to poll what it waits on) would then be
/// polled at the deadline, could complete there, and the test would fail
/// later with a message about something else. Here it fails with this one.
/// A future must therefore finish strictly before `limit`.
pub async fn within<F: Future>(limit: Duration, what_never_happened: &str, future: F) -> F::Output {
    let mut deadline = pin!(tokio::time::sleep(limit));
    let mut future = pin!(future);
    std::future::poll_fn(|cx| {
        if deadline.as_mut().poll(cx).is_ready() {
            panic!("{what_never_happened} (still waiting after {limit:?} of virtual time)");
        }
        future.as_mut().poll(cx)
    })
    .await
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::task::Poll;

    /// A wrong answer's future: it returns `Pending` without registering a
    /// waker, and finishes on whatever poll comes next. Only the deadline's
    /// wake-up ever polls it again.
    fn forgets_its_waker() -> impl Future<Output = &'static str> {
        let mut polled = false;
        std::future::poll_fn(move |_| {
            if polled {
                Poll::Ready("finished on the poll at the deadline")
            } else {
                polled = true;
                Poll::Pending
            }
        })
    }

    #[tokio::test(start_paused = true)]
    #[should_panic(expected = "the future never woke up (still waiting after 1s of virtual time)")]
    async fn a_future_finishing_on_the_deadline_poll_still_gets_the_message() {
        within(
            Duration::from_secs(1),
            "the future never woke up",
            forgets_its_waker(),
        )
        .await;
    }

    #[tokio::test(start_paused = true)]
    async fn a_future_that_finishes_in_time_gives_its_output() {
        let start = tokio::time::Instant::now();
        let output = within(Duration::from_secs(1), "unused", async {
            tokio::time::sleep(Duration::from_millis(999)).await;
            7
        })
        .await;
        assert_eq!(output, 7);
        assert_eq!(start.elapsed(), Duration::from_millis(999));
    }
}
