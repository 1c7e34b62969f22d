//! Blocking that [`limit::within`](crate::limit::within) cannot see on its
//! own: a thread held *between* two polls of the awaited future.
//!
//! `limit::within` times each poll of the future it awaits. But the code
//! under test often spawns tasks (a worker, a bank, a reader) or runs a
//! `Drop` that the awaited future never polls itself: on tokio's
//! current-thread runtime they run on the same thread, between two polls of
//! the test's future. A `std::thread::sleep` or a `std::sync` lock held
//! through work in one of them does not move the paused clock, so the test's
//! other observations would explain some other error.
//!
//! [`within`] here is `limit::within` plus a watch on those gaps: under a
//! paused clock nothing legitimate takes wall-clock time between two polls
//! (virtual waits are jumped over at once), so a gap longer than
//! [`BLOCKING_BUDGET`] is something that held the thread, and the test fails
//! at once with a message that says so, before anything else it checks.

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

use tokio::time::Duration;

pub use crate::limit::BLOCKING_BUDGET;

/// [`limit::within`](crate::limit::within), which also fails with a message
/// about blocking when the thread was held for longer than
/// [`BLOCKING_BUDGET`] between two polls of `future` (by a task it spawned,
/// say).
pub async fn within<F: Future>(limit: Duration, what_never_happened: &str, future: F) -> F::Output {
    crate::limit::within(limit, what_never_happened, Watched::new(future)).await
}

/// What [`within`] says when the thread was held between two polls.
pub fn held_message(held: std::time::Duration, at: Duration) -> String {
    format!(
        "a blocking call inside async code held the thread for {} ms (at {at:?} of \
         virtual time), in a task or a `Drop` that ran between two polls of the code \
         under test: `std::thread::sleep`, a `std::sync` lock held across work, or a \
         busy loop. Async code waits with `.await` (`tokio::time::sleep`, `tokio::sync`), \
         so that the runtime can run other tasks meanwhile",
        held.as_millis()
    )
}

/// `future`, timing the wall-clock gaps between its polls.
struct Watched<F> {
    future: Pin<Box<F>>,
    started: tokio::time::Instant,
    /// When the last poll returned.
    last: Option<std::time::Instant>,
}

impl<F: Future> Watched<F> {
    fn new(future: F) -> Self {
        Watched {
            future: Box::pin(future),
            started: tokio::time::Instant::now(),
            last: None,
        }
    }
}

impl<F: Future> Future for Watched<F> {
    type Output = F::Output;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<F::Output> {
        if let Some(last) = self.last {
            let away = last.elapsed();
            if away > BLOCKING_BUDGET {
                panic!(
                    "{}",
                    held_message(away, tokio::time::Instant::now() - self.started)
                );
            }
        }
        let poll = self.future.as_mut().poll(cx);
        self.last = Some(std::time::Instant::now());
        poll
    }
}

/// [`props::paused`](crate::props::paused) for one generated case, with the
/// panic messages of the case kept quiet.
///
/// A case that fails is run again and again while proptest shrinks it, and
/// tasks that panic on purpose (a job that breaks) print their message each
/// time: the failure the learner must read would come after pages of them.
/// proptest keeps the message of a case's panic anyway, and prints it in its
/// own failure, with the smallest input; so panics on this thread print
/// nothing while the case runs. (The runtime is current-thread: the case's
/// tasks run on this thread too. Other threads' panics print as usual.)
pub fn paused<F: Future>(future: F) -> F::Output {
    static QUIET_HOOK: std::sync::Once = std::sync::Once::new();
    QUIET_HOOK.call_once(|| {
        let loud = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !QUIET.with(std::cell::Cell::get) {
                loud(info);
            }
        }));
    });
    /// Sets the flag for the case, and clears it however the case ends.
    struct Quiet;
    impl Drop for Quiet {
        fn drop(&mut self) {
            QUIET.with(|quiet| quiet.set(false));
        }
    }
    QUIET.with(|quiet| quiet.set(true));
    let _quiet = Quiet;
    crate::props::paused(future)
}

thread_local! {
    /// Whether panics on this thread print nothing: see [`paused`].
    static QUIET: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// A model's timeline, `(ms, event)` in order, rendered as
/// [`Timeline::render`](crate::timeline::Timeline::render) renders a real one,
/// so that the two can be compared as text.
pub fn render(events: &[(u128, String)]) -> String {
    let width = events
        .iter()
        .map(|(at, _)| at.to_string().len())
        .max()
        .unwrap_or(1);
    events
        .iter()
        .map(|(at, event)| format!("{at:>width$} ms  {event}\n"))
        .collect()
}

/// Two timelines, one under the other: what the course expects, and what the
/// code under test did. Each is `render`ed text, one event per line.
pub fn two_timelines(expected: &str, yours: &str) -> String {
    let indent = |text: &str| {
        if text.trim().is_empty() {
            "    (nothing)\n".to_string()
        } else {
            text.lines().map(|line| format!("    {line}\n")).collect()
        }
    };
    format!("expected:\n{}yours:\n{}", indent(expected), indent(yours))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(start_paused = true)]
    #[should_panic(expected = "held the thread for")]
    async fn a_blocking_task_between_two_polls_is_named_as_blocking() {
        let task = tokio::spawn(async {
            tokio::time::sleep(Duration::from_millis(5)).await;
            std::thread::sleep(BLOCKING_BUDGET + std::time::Duration::from_millis(20));
        });
        within(Duration::from_secs(1), "the task never ended", task)
            .await
            .expect("no panic");
    }

    #[tokio::test(start_paused = true)]
    async fn tasks_that_wait_properly_pass() {
        let task = tokio::spawn(async {
            for _ in 0..100 {
                tokio::time::sleep(Duration::from_millis(5)).await;
            }
            7
        });
        let out = within(Duration::from_secs(1), "the task never ended", task).await;
        assert_eq!(out.expect("no panic"), 7);
    }
}
