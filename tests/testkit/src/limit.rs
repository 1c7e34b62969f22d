//! Awaiting a learner's future without ever hanging the test.

use std::future::Future;
use std::pin::pin;
use std::task::Poll;

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
///
/// A future that is polled [`BUSY_POLLS`] times without the virtual clock
/// moving is busy polling (a loop that yields, or wakes itself, instead of
/// waiting for time or a wake-up): the clock then never reaches the limit, so
/// the test fails at once, with the same message and a note saying so.
///
/// A single poll of `future` that holds the thread for longer than
/// [`BLOCKING_BUDGET`] of wall-clock time fails the test at once, with a
/// message about blocking that comes before anything else the test checks:
/// under a paused clock a blocking call (`std::thread::sleep`, a `std::sync`
/// lock held through work, a busy loop) does not move virtual time, so every
/// other observation would explain some other error.
pub async fn within<F: Future>(limit: Duration, what_never_happened: &str, future: F) -> F::Output {
    let mut output = None;
    bounded(
        limit,
        what_never_happened,
        pin!(Slot::new(future, &mut output)),
    )
    .await;
    output.expect("a future's output is kept once it is ready")
}

/// `future`, whose output goes to a place of the caller's, as a future of
/// `()`: what [`within`] and [`held`](crate::held) await through `dyn
/// Future`.
///
/// Why: a generic function is compiled again in every test executable, for
/// every future type it awaits (hundreds in a section's tests). The watch
/// itself ([`bounded`], `held::Watched`) is not generic, and so is compiled
/// once, here; what remains generic is this small shim. Building a class's
/// submissions, where every section's tests are compiled again, costs that
/// much less. `future` is dropped with the slot, where it was dropped before.
pub(crate) struct Slot<'a, F: Future> {
    future: std::pin::Pin<Box<F>>,
    output: &'a mut Option<F::Output>,
}

impl<'a, F: Future> Slot<'a, F> {
    pub(crate) fn new(future: F, output: &'a mut Option<F::Output>) -> Self {
        Slot {
            future: Box::pin(future),
            output,
        }
    }
}

impl<F: Future> Future for Slot<'_, F> {
    type Output = ();

    fn poll(self: std::pin::Pin<&mut Self>, cx: &mut std::task::Context<'_>) -> Poll<()> {
        let slot = self.get_mut();
        match slot.future.as_mut().poll(cx) {
            Poll::Ready(output) => {
                *slot.output = Some(output);
                Poll::Ready(())
            }
            Poll::Pending => Poll::Pending,
        }
    }
}

/// [`within`], for a future whose output is kept elsewhere ([`Slot`]).
pub(crate) async fn bounded(
    limit: Duration,
    what_never_happened: &str,
    mut future: std::pin::Pin<&mut (dyn Future<Output = ()> + '_)>,
) {
    let mut deadline = pin!(tokio::time::sleep(limit));
    let started = tokio::time::Instant::now();
    let (mut instant, mut polls_at_instant) = (started, 0_u32);
    std::future::poll_fn(|cx| {
        if deadline.as_mut().poll(cx).is_ready() {
            panic!("{what_never_happened} (still waiting after {limit:?} of virtual time)");
        }
        let now = tokio::time::Instant::now();
        if now == instant {
            polls_at_instant += 1;
        } else {
            (instant, polls_at_instant) = (now, 1);
        }
        if polls_at_instant > BUSY_POLLS {
            panic!(
                "{what_never_happened} (polled {BUSY_POLLS} times at {:?} of virtual time \
                 without the clock moving: something polls in a loop instead of waiting \
                 to be woken)",
                now - started
            );
        }
        let poll_started = Held::start();
        let poll = future.as_mut().poll(cx);
        let held = poll_started.elapsed();
        if held > BLOCKING_BUDGET {
            panic!(
                "{}",
                blocking_message(held, tokio::time::Instant::now() - started)
            );
        }
        poll
    })
    .await
}

/// The wall-clock time one poll may hold the thread. A poll of async code
/// that waits properly takes microseconds; this leaves room for a loaded
/// machine (a test process can be preempted) and still catches a
/// `std::thread::sleep` of a tenth of a second.
pub const BLOCKING_BUDGET: std::time::Duration = std::time::Duration::from_millis(100);

// Time that testkit's own tests say a thread was held, without holding it:
// their wrong answers call `hold_thread_for` where a learner's would call
// `std::thread::sleep`, so those tests take no wall-clock time and the
// duration each one reports is the one it chose.
#[cfg(test)]
thread_local! {
    static HELD_ON_PURPOSE: std::cell::Cell<std::time::Duration> =
        const { std::cell::Cell::new(std::time::Duration::ZERO) };
}

/// Counts `duration` as time this thread held on to its work, as a
/// `std::thread::sleep` of it would, without sleeping: for testkit's own
/// tests of the blocking detector.
#[cfg(test)]
pub(crate) fn hold_thread_for(duration: std::time::Duration) {
    HELD_ON_PURPOSE.with(|held| held.set(held.get() + duration));
}

/// The time [`hold_thread_for`] has counted on this thread (none outside
/// testkit's own tests).
fn held_on_purpose() -> std::time::Duration {
    #[cfg(test)]
    return HELD_ON_PURPOSE.with(std::cell::Cell::get);
    #[cfg(not(test))]
    std::time::Duration::ZERO
}

/// A stopwatch for how long a thread held on to its work: the wall-clock
/// time since [`Held::start`], less the time the thread was ready to run but
/// waited for a core.
///
/// Why not the wall clock alone: on a machine with more busy threads than
/// cores (a class graded two tests at a time beside a build, CI), the
/// scheduler alone can stretch a poll of a few microseconds to hundreds of
/// milliseconds, and a correct answer would be blamed for blocking. Linux
/// counts each thread's time in the run queue (`/proc/thread-self/schedstat`,
/// its second field); a `std::thread::sleep`, a lock waited on or a busy
/// loop is not in it, preemption is. Where that count cannot be read (other
/// systems, a `/proc` that is not mounted) the wall clock is all there is: a
/// learner's own machine is seldom that loaded.
#[derive(Debug, Clone, Copy)]
pub struct Held {
    wall: std::time::Instant,
    queued: Option<std::time::Duration>,
    on_purpose: std::time::Duration,
}

impl Held {
    /// Starts the stopwatch now, on this thread.
    pub fn start() -> Self {
        Held {
            wall: std::time::Instant::now(),
            queued: queued_so_far(),
            on_purpose: held_on_purpose(),
        }
    }

    /// How long the thread held on to its work since [`Held::start`]. Read
    /// it on the thread that started it.
    pub fn elapsed(&self) -> std::time::Duration {
        let wall = self.wall.elapsed() + (held_on_purpose() - self.on_purpose);
        held_of(wall, self.queued, queued_so_far)
    }
}

/// `wall`, less the time the thread waited for a core since the run-queue
/// count was `then` (`queued_now` reads it again): the time it held on to
/// its work. Apart from the clocks, so that testkit's own tests give it
/// their own numbers rather than wait on the wall clock.
fn held_of(
    wall: std::time::Duration,
    then: Option<std::time::Duration>,
    queued_now: impl FnOnce() -> Option<std::time::Duration>,
) -> std::time::Duration {
    if wall <= BLOCKING_BUDGET {
        // Only a long span is worth the second read.
        return wall;
    }
    match (then, queued_now()) {
        (Some(then), Some(now)) => wall.saturating_sub(now.saturating_sub(then)),
        _ => wall,
    }
}

/// The time this thread has spent waiting for a core since it started.
#[cfg(target_os = "linux")]
fn queued_so_far() -> Option<std::time::Duration> {
    use std::io::Read;
    // Opened once per thread: a poll reads it, and an open per poll would
    // cost more than the poll.
    thread_local! {
        static SCHEDSTAT: std::cell::RefCell<Option<std::fs::File>> =
            std::cell::RefCell::new(std::fs::File::open("/proc/thread-self/schedstat").ok());
    }
    SCHEDSTAT.with(|file| {
        let mut file = file.borrow_mut();
        let file = file.as_mut()?;
        use std::io::Seek;
        file.rewind().ok()?;
        let mut text = String::with_capacity(64);
        file.read_to_string(&mut text).ok()?;
        let nanos = text.split_whitespace().nth(1)?.parse().ok()?;
        Some(std::time::Duration::from_nanos(nanos))
    })
}

#[cfg(not(target_os = "linux"))]
fn queued_so_far() -> Option<std::time::Duration> {
    None
}

/// What [`within`] says when one poll held the thread: what was measured,
/// when, and the three usual causes.
pub fn blocking_message(held: std::time::Duration, at: Duration) -> String {
    format!(
        "a blocking call inside async code held the thread for {} ms in one poll \
         (at {at:?} of virtual time): `std::thread::sleep`, a `std::sync` lock held \
         across work, or a busy loop. Async code waits with `.await` (`tokio::time::sleep`, \
         `tokio::sync`), so that the runtime can run other tasks meanwhile",
        held.as_millis()
    )
}

/// How many polls at one instant of virtual time [`within`] takes for busy
/// polling. A future that waits on timers or wake-ups is polled a handful of
/// times per instant.
pub const BUSY_POLLS: u32 = 10_000;

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
    #[should_panic(expected = "the loop never ended (polled 10000 times at 0ns of virtual time")]
    async fn a_busy_loop_that_keeps_the_clock_still_gets_the_message() {
        within(Duration::from_secs(1), "the loop never ended", async {
            loop {
                tokio::task::yield_now().await;
            }
        })
        .await;
    }

    /// A learner's `time.sleep(0.15)` in async code, 5 ms into the test: it
    /// is named as blocking, with the time it held the thread and the
    /// instant of virtual time it did so.
    #[test]
    fn a_blocking_sleep_is_named_as_blocking() {
        let message = crate::model::quietly_call(|| {
            crate::props::paused(within(
                Duration::from_secs(1),
                "the sleep never ended",
                async {
                    tokio::time::sleep(Duration::from_millis(5)).await;
                    hold_thread_for(std::time::Duration::from_millis(150));
                },
            ))
        })
        .expect_err("the blocking poll fails");
        assert!(
            message.starts_with(
                "a blocking call inside async code held the thread for 150 ms in one poll \
                 (at 5ms of virtual time)"
            ),
            "{message}"
        );
    }

    /// Just under the budget is not blocking: the budget is what it says.
    #[tokio::test(start_paused = true)]
    async fn a_poll_within_the_budget_is_not_blocking() {
        let start = tokio::time::Instant::now();
        within(Duration::from_secs(1), "the sleep never ended", async {
            tokio::time::sleep(Duration::from_millis(5)).await;
            hold_thread_for(BLOCKING_BUDGET - std::time::Duration::from_millis(10));
        })
        .await;
        assert_eq!(start.elapsed(), Duration::from_millis(5));
    }

    /// A thread that waits for a core is not holding it: a poll that the
    /// scheduler stretched to 300 ms, 240 of them in the run queue (sharing
    /// a core with four busy threads), held the thread for 60; a sleep,
    /// which the kernel does not count as queued, held it for all 300.
    #[test]
    fn time_spent_waiting_for_a_core_is_not_blocking() {
        let ms = std::time::Duration::from_millis;
        let queued_then = Some(ms(1_000));
        assert_eq!(held_of(ms(300), queued_then, || Some(ms(1_240))), ms(60));
        assert_eq!(held_of(ms(300), queued_then, || Some(ms(1_000))), ms(300));
        // Where the count cannot be read, the wall clock is all there is.
        assert_eq!(held_of(ms(300), None, || None), ms(300));
        assert_eq!(held_of(ms(300), queued_then, || None), ms(300));
        // A span within the budget is not worth a second read.
        assert_eq!(
            held_of(ms(50), queued_then, || unreachable!("read again")),
            ms(50)
        );
    }

    /// The run-queue count is there to read on Linux, and never goes back.
    #[cfg(target_os = "linux")]
    #[test]
    fn the_run_queue_count_is_read_from_the_kernel() {
        if !std::path::Path::new("/proc/thread-self/schedstat").exists() {
            return; // no /proc here: the wall clock is all there is
        }
        let first = queued_so_far().expect("schedstat's second field");
        let again = queued_so_far().expect("read again");
        assert!(again >= first, "{again:?} after {first:?}");
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
