//! Exercise 6.3: blocking work must not stop the runtime.
//!
//! These tests run on tokio's single-threaded test runtime. The "blocking
//! work" is a closure that waits on a std channel which only the runtime can
//! release: a ticker task, running beside it, ticks three times and then
//! releases it. If the work blocks the runtime's only thread, the ticker cannot
//! run, and the work gives up waiting after a second (it never sleeps).

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;

use best_practices::blocking::off_the_runtime;
use testkit::limit::within;
use testkit::props::{self, proptest};
use tokio::time::Duration;

use proptest::prelude::*;

/// How long the blocking work waits for the ticker before giving up, in real time.
const GIVE_UP: std::time::Duration = std::time::Duration::from_secs(1);

/// What the blocking work saw.
#[derive(Debug, PartialEq, Eq)]
enum Work {
    /// The ticker released it, after ticking this many times.
    Released { ticks: usize },
    /// Nobody released it: the ticker never got to run.
    Starved { ticks: usize },
}

#[tokio::test(start_paused = true)]
async fn returns_what_the_work_returns() {
    let answer = within(
        Duration::from_secs(60),
        "off_the_runtime never returned the work's result",
        off_the_runtime(|| (1..=10_u64).product::<u64>()),
    )
    .await;
    assert_eq!(
        answer, 3_628_800,
        "off_the_runtime must return what the work returns"
    );
}

#[tokio::test(start_paused = true)]
async fn the_runtime_keeps_running_while_the_work_blocks() {
    let ticks = Arc::new(AtomicUsize::new(0));
    let (release, released) = mpsc::channel::<()>();

    let seen = Arc::clone(&ticks);
    let blocking_work = move || match released.recv_timeout(GIVE_UP) {
        Ok(()) => Work::Released {
            ticks: seen.load(Ordering::SeqCst),
        },
        Err(_) => Work::Starved {
            ticks: seen.load(Ordering::SeqCst),
        },
    };
    let ticker = async {
        for _ in 0..3 {
            ticks.fetch_add(1, Ordering::SeqCst);
            tokio::task::yield_now().await;
        }
        let _ = release.send(());
    };

    let (work, ()) = within(
        Duration::from_secs(60),
        "off_the_runtime never returned",
        async { tokio::join!(off_the_runtime(blocking_work), ticker) },
    )
    .await;
    assert_eq!(
        work,
        Work::Released { ticks: 3 },
        "the blocking work waited for a ticker on the same runtime, and the ticker never \
         ran: the work blocked the runtime's only thread. Calling blocking code inside \
         async code (or inside tokio::spawn) stops every task on that thread; hand it to \
         tokio::task::spawn_blocking and await the handle"
    );
}

/// What the work panics with: a payload of its own, not a message, so that
/// only the work's own panic (and not a text that quotes it) can carry it.
#[derive(Debug, PartialEq, Eq)]
struct WorkFailed(u32);

#[tokio::test(start_paused = true)]
async fn a_panic_in_the_work_reaches_the_caller() {
    // The caller runs as a task of its own, so that its panic can be looked at.
    let caller = tokio::spawn(off_the_runtime(|| -> u64 {
        std::panic::panic_any(WorkFailed(7))
    }));
    let outcome = within(
        Duration::from_secs(60),
        "off_the_runtime never returned",
        caller,
    )
    .await;
    let error = outcome.expect_err(
        "the work panicked, yet off_the_runtime returned normally: a panic must not be lost",
    );
    let payload = error.into_panic();
    let seen = payload
        .downcast_ref::<String>()
        .cloned()
        .or_else(|| payload.downcast_ref::<&str>().map(|s| (*s).to_owned()))
        .unwrap_or_else(|| "a payload that is not a message".to_owned());
    assert_eq!(
        payload.downcast_ref::<WorkFailed>(),
        Some(&WorkFailed(7)),
        "the caller panicked with {seen:?}, not with the work's own panic (a WorkFailed(7)). \
         A panic can carry any value, not only a message. The JoinError of spawn_blocking \
         holds the work's panic: into_panic() gets it back, std::panic::resume_unwind \
         continues it; unwrap or a new panic!(...) replace it with a text"
    );
}

proptest! {
    #![proptest_config(props::cases(16))]
    #[test]
    fn any_result_comes_back_from_another_thread(
        value in prop_oneof![Just(0_u64), Just(1), Just(u64::MAX), any::<u64>()]
    ) {
        let caller = std::thread::current().id();
        let (answer, worker) = props::paused(within(
            Duration::from_secs(60),
            "off_the_runtime never returned the work's result",
            off_the_runtime(move || (value, std::thread::current().id())),
        ));
        prop_assert!(
            answer == value,
            "the work returned {value}; off_the_runtime returned {answer}: it must return what the \
             work returns"
        );
        prop_assert!(
            worker != caller,
            "the work ran on the runtime's own thread: hand it to tokio::task::spawn_blocking, \
             which runs it on a thread kept for blocking work"
        );
    }
}
