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
//! [`within`] here is `limit::within` plus a watch on those gaps, and on
//! the drop of the future (where a cancelled future's cleanup runs): under a
//! paused clock nothing legitimate holds the thread while the clock stands
//! still (virtual waits are jumped over at once, and a probe every 50 ms of
//! virtual time marks the clock's moving), so a gap longer than
//! [`BLOCKING_BUDGET`] is something that held the thread, and the test fails
//! at once with a message that says so, before anything else it checks.
//! Gaps are timed with [`limit::Held`](crate::limit::Held): time the
//! thread spent waiting for a core (a loaded machine) is not blamed on the
//! code.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::task::{Context, Poll, Wake, Waker};

use tokio::time::Duration;

pub use crate::limit::BLOCKING_BUDGET;
use crate::limit::{Held, Slot};

/// [`limit::within`](crate::limit::within), which also fails with a message
/// about blocking when the thread was held for longer than
/// [`BLOCKING_BUDGET`] between two polls of `future` (by a task it spawned,
/// say), or while `future` is dropped.
///
/// It is [`limit::within`](crate::limit::within) (the limit checked before
/// every poll, busy polling caught, each poll timed) around a watcher that
/// also times the gaps between polls, and the drop.
pub async fn within<F: Future>(limit: Duration, what_never_happened: &str, future: F) -> F::Output {
    let mut output = None;
    watched(
        limit,
        what_never_happened,
        Box::pin(Slot::new(future, &mut output)),
    )
    .await;
    output.expect("a future's output is kept once it is ready")
}

/// [`within`], compiled once (not for every future type: see [`Slot`]).
async fn watched(
    limit: Duration,
    what_never_happened: &str,
    future: Pin<Box<dyn Future<Output = ()> + '_>>,
) {
    let watched = std::pin::pin!(Watched::new(future));
    crate::limit::bounded(limit, what_never_happened, watched).await
}

/// [`within`], whose message, when the limit is reached, goes on with what
/// had happened by then: `timeline`, rendered. A test that hits its limit
/// shows its evidence (the events so far; what is missing is what was still
/// pending) rather than a guess at the cause.
pub async fn within_seen<F: Future>(
    limit: Duration,
    what_never_happened: &str,
    timeline: &crate::timeline::Timeline,
    future: F,
) -> F::Output {
    let mut output = None;
    let future = Box::pin(Slot::new(future, &mut output));
    seen(limit, what_never_happened, timeline, future).await;
    output.expect("a future's output is kept once it is ready")
}

/// [`within_seen`], compiled once (not for every future type: see [`Slot`]).
async fn seen(
    limit: Duration,
    what_never_happened: &str,
    timeline: &crate::timeline::Timeline,
    future: Pin<Box<dyn Future<Output = ()> + '_>>,
) {
    let mut bounded = std::pin::pin!(watched(limit, what_never_happened, future));
    std::future::poll_fn(|cx| {
        // The limit's own panic is kept quiet here, and raised again with
        // the timeline; any other panic is raised again as it was.
        let quiet_before = QUIET.with(|quiet| quiet.replace(true));
        let poll =
            std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| bounded.as_mut().poll(cx)));
        QUIET.with(|quiet| quiet.set(quiet_before));
        match poll {
            Ok(poll) => poll,
            Err(payload) => {
                let text = payload
                    .downcast_ref::<String>()
                    .cloned()
                    .or_else(|| payload.downcast_ref::<&str>().map(|text| text.to_string()));
                match text {
                    Some(text) if text.starts_with(what_never_happened) => {
                        let seen = timeline.render();
                        let seen = if seen.is_empty() {
                            "    (nothing)\n".to_string()
                        } else {
                            seen.lines().map(|line| format!("    {line}\n")).collect()
                        };
                        panic!("{text}\nwhat had happened by then:\n{seen}")
                    }
                    Some(text) => panic!("{text}"),
                    None => std::panic::resume_unwind(payload),
                }
            }
        }
    })
    .await
}

/// What [`within`] says when the thread was held outside the polls.
pub fn held_message(held: std::time::Duration, at: Duration) -> String {
    format!(
        "a blocking call inside async code held the thread for {} ms (at {at:?} of \
         virtual time), in a task or a `Drop` that ran outside the polls of the code \
         under test: `std::thread::sleep`, a `std::sync` lock held across work, or a \
         busy loop. Async code waits with `.await` (`tokio::time::sleep`, `tokio::sync`), \
         so that the runtime can run other tasks meanwhile",
        held.as_millis()
    )
}

/// How often, in virtual time, [`Watched`] looks at the wall clock while
/// the future it watches waits: a run that simulates a lot of virtual time
/// (a worker finishing thirty thousand units of 1 ms while the test waits
/// for it) takes wall-clock time too, but the clock moves all along; a
/// blocking call holds the thread with the clock still.
const PROBE: Duration = Duration::from_millis(50);

/// `future`, timing the wall-clock gaps between its polls, and its drop.
///
/// While `future` waits, a probe (a timer every [`PROBE`] of virtual time)
/// wakes the watcher, which then looks at the clock without polling
/// `future`: the code under test sees exactly the polls it would see
/// without the watcher, and a gap is only ever as long as the thread was
/// held, or as [`PROBE`] of virtual time took.
///
/// A gap in which this thread panicked is not judged: a task that panics on
/// purpose (exercise 4.4's jobs) takes wall-clock time to report it, a lot
/// of it when `RUST_BACKTRACE` is set, and that is not blocking.
struct Watched<'a> {
    future: Option<Pin<Box<dyn Future<Output = ()> + 'a>>>,
    probe: Pin<Box<tokio::time::Sleep>>,
    /// Raised when `future`'s own waker is woken: only then is it polled.
    woken: Arc<Woken>,
    started: tokio::time::Instant,
    /// When the last poll returned, and how many panics there had been.
    last: Option<(Held, u64)>,
}

/// The waker given to the watched future: it notes the wake, and passes it on.
struct Woken {
    flag: AtomicBool,
    task: std::sync::Mutex<Option<Waker>>,
}

impl Wake for Woken {
    fn wake(self: Arc<Self>) {
        self.wake_by_ref();
    }

    fn wake_by_ref(self: &Arc<Self>) {
        self.flag.store(true, Ordering::SeqCst);
        if let Some(task) = self.task.lock().expect("never poisoned").as_ref() {
            task.wake_by_ref();
        }
    }
}

impl<'a> Watched<'a> {
    fn new(future: Pin<Box<dyn Future<Output = ()> + 'a>>) -> Self {
        install_hook();
        Watched {
            future: Some(future),
            probe: Box::pin(tokio::time::sleep(PROBE)),
            woken: Arc::new(Woken {
                // The first poll always polls the future.
                flag: AtomicBool::new(true),
                task: std::sync::Mutex::new(None),
            }),
            started: tokio::time::Instant::now(),
            last: None,
        }
    }

    /// Fails the test if the thread was held since `since`, with no panic.
    fn judge(&self, since: Held, panics_then: u64) {
        let away = since.elapsed();
        if away > crate::limit::BLOCKING_BUDGET && PANICS.with(std::cell::Cell::get) == panics_then
        {
            panic!(
                "{}",
                held_message(away, tokio::time::Instant::now() - self.started)
            );
        }
    }
}

impl Future for Watched<'_> {
    type Output = ();

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if let Some((last, panics_then)) = self.last {
            self.judge(last, panics_then);
        }
        *self.woken.task.lock().expect("never poisoned") = Some(cx.waker().clone());
        let mut poll = Poll::Pending;
        if self.woken.flag.swap(false, Ordering::SeqCst) {
            let waker = Waker::from(Arc::clone(&self.woken));
            let (polling, panics_then) = (Held::start(), PANICS.with(std::cell::Cell::get));
            let future = self.future.as_mut().expect("not polled after it finished");
            poll = future.as_mut().poll(&mut Context::from_waker(&waker));
            let held = polling.elapsed();
            if held > crate::limit::BLOCKING_BUDGET
                && PANICS.with(std::cell::Cell::get) == panics_then
            {
                panic!(
                    "{}",
                    crate::limit::blocking_message(
                        held,
                        tokio::time::Instant::now() - self.started
                    )
                );
            }
        }
        while self.probe.as_mut().poll(cx).is_ready() {
            let next = tokio::time::Instant::now() + PROBE;
            self.probe.as_mut().reset(next);
        }
        self.last = Some((Held::start(), PANICS.with(std::cell::Cell::get)));
        poll
    }
}

impl Drop for Watched<'_> {
    /// Times the drop of the future: a `Drop` in the code under test (a
    /// cancelled future's cleanup) runs here, and may block too.
    fn drop(&mut self) {
        let (dropping, panics_then) = (Held::start(), PANICS.with(std::cell::Cell::get));
        drop(self.future.take());
        let held = dropping.elapsed();
        if held > crate::limit::BLOCKING_BUDGET
            && PANICS.with(std::cell::Cell::get) == panics_then
            && !std::thread::panicking()
        {
            panic!(
                "{}",
                held_message(held, tokio::time::Instant::now() - self.started)
            );
        }
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
    install_hook();
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
    /// How many panics this thread has seen: see [`Watched`].
    static PANICS: std::cell::Cell<u64> = const { std::cell::Cell::new(0) };
}

/// Wraps the panic hook, once per process: it counts each thread's panics,
/// and prints nothing for a thread that is [`QUIET`].
fn install_hook() {
    static HOOK: std::sync::Once = std::sync::Once::new();
    HOOK.call_once(|| {
        let loud = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            PANICS.with(|panics| panics.set(panics.get() + 1));
            if !QUIET.with(std::cell::Cell::get) {
                loud(info);
            }
        }));
    });
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

    /// A spawned task that blocks for 150 ms, 5 ms into the test, between two
    /// polls of the future under watch: named as blocking, with both times.
    #[test]
    fn a_blocking_task_between_two_polls_is_named_as_blocking() {
        let message = crate::model::quietly_call(|| {
            crate::props::paused(async {
                let task = tokio::spawn(async {
                    tokio::time::sleep(Duration::from_millis(5)).await;
                    crate::limit::hold_thread_for(std::time::Duration::from_millis(150));
                });
                within(Duration::from_secs(1), "the task never ended", task)
                    .await
                    .expect("no panic");
            })
        })
        .expect_err("the blocking task fails");
        assert!(
            message.starts_with(
                "a blocking call inside async code held the thread for 150 ms \
                 (at 5ms of virtual time), in a task"
            ),
            "{message}"
        );
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

    #[tokio::test(start_paused = true)]
    #[should_panic(
        expected = "the bell never rang (still waiting after 1s of virtual time)\n\
                               what had happened by then:\n    200 ms  knock"
    )]
    async fn a_limit_reached_shows_the_timeline_so_far() {
        let timeline = crate::timeline::Timeline::start();
        within_seen(
            Duration::from_secs(1),
            "the bell never rang",
            &timeline,
            async {
                tokio::time::sleep(Duration::from_millis(200)).await;
                timeline.record("knock");
                std::future::pending::<()>().await;
            },
        )
        .await;
    }
}
