//! Exercise 3.2: a runtime built by hand, and `block_on`.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use coroutines::runtime::{one_paused_second, run, runtime};
use testkit::props::{self, proptest};
use tokio::runtime::{Handle, RuntimeFlavor};
use tokio::time::{Duration, Instant, sleep};

use proptest::prelude::*;

#[test]
fn run_returns_the_futures_output() {
    assert_eq!(
        run(async { 6 * 7 }),
        42,
        "run must return what the future returns, like asyncio.run"
    );
}

#[test]
fn the_future_runs_inside_a_current_thread_runtime() {
    let flavor = run(async { Handle::try_current().map(|handle| handle.runtime_flavor()) });
    assert_eq!(
        flavor.ok(),
        Some(RuntimeFlavor::CurrentThread),
        "inside `run`, the future must run on a tokio runtime built with \
         `Builder::new_current_thread()`"
    );
}

#[test]
fn the_runtime_has_a_timer() {
    // Pausing tokio's clock makes the sleep below cost no real time: the
    // runtime jumps to the next timer as soon as nothing else can run.
    let slept = run(async {
        tokio::time::pause();
        let start = Instant::now();
        sleep(Duration::from_secs(1)).await;
        start.elapsed()
    });
    // Tokio's timer counts in whole milliseconds, and the clock was paused in
    // the middle of one: the sleep may end up to a millisecond late.
    assert!(
        slept >= Duration::from_secs(1) && slept < Duration::from_millis(1_010),
        "sleeping one second on the runtime must take one second of tokio time; it took {slept:?}"
    );
}

#[test]
fn one_runtime_runs_many_futures() {
    let rt = runtime();
    assert_eq!(
        rt.handle().runtime_flavor(),
        RuntimeFlavor::CurrentThread,
        "`runtime()` must build a current-thread runtime"
    );
    // A task spawned on the runtime runs whenever the runtime is driven by
    // a `block_on`, and is still there from one `block_on` to the next.
    let task = rt.spawn(async { "spawned" });
    let first = rt.block_on(async { 1 });
    let spawned = rt.block_on(task).expect("the task did not panic");
    assert_eq!(
        (first, spawned),
        (1, "spawned"),
        "one runtime, two block_on calls: each gives its future's output, and a task \
         spawned on the runtime is still there for the second"
    );
}

#[test]
fn each_run_has_a_runtime_of_its_own() {
    // A task spawned inside one `run` and never awaited: when `run` returns,
    // its runtime is dropped, and the task with it, as asyncio.run closes its
    // loop. It must not run later, inside the next `run`.
    let ran = Arc::new(AtomicBool::new(false));
    let flag = Arc::clone(&ran);
    run(async move {
        tokio::spawn(async move { flag.store(true, Ordering::SeqCst) });
    });
    run(async {
        for _ in 0..10 {
            tokio::task::yield_now().await;
        }
    });
    assert!(
        !ran.load(Ordering::SeqCst),
        "a task spawned inside one `run` ran later, inside the next one: both ran on the \
         same runtime. `run` is `asyncio.run`: a new runtime each time, dropped (with \
         whatever is left on it) when the future is done"
    );
}

#[test]
fn tokio_main_builds_a_paused_runtime() {
    // Called from plain code: `#[tokio::main]` made the async fn an ordinary one.
    let real = std::time::Instant::now();
    let slept = one_paused_second();
    let real = real.elapsed();
    // A real one-second sleep cannot take less than a second, however loaded
    // the machine; a paused one takes a few milliseconds.
    assert!(
        real < Duration::from_millis(900),
        "one_paused_second took {real:?} of real time: with tokio's clock paused \
         (`start_paused = true` in the attribute), a one-second sleep costs none"
    );
    assert!(
        slept >= Duration::from_secs(1) && slept < Duration::from_millis(1_010),
        "one_paused_second must sleep one second of tokio time and return it; it \
         returned {slept:?}"
    );
}

#[test]
fn one_paused_second_blocks_on_a_runtime_of_its_own() {
    // `#[tokio::main]` turns the async fn into a plain one that builds a runtime
    // and blocks on the body, and tokio refuses to block on a runtime from
    // inside another one: called inside `run`, it must panic. One that returns
    // there never built a runtime and blocked on it.
    let inside = run(async { catch_unwind(AssertUnwindSafe(one_paused_second)) });
    assert!(
        inside.is_err(),
        "called inside a running tokio runtime, one_paused_second returned {inside:?} \
         instead of panicking (\"Cannot start a runtime from within a runtime\"): it \
         must be an `async fn` under `#[tokio::main(...)]`, which blocks on a runtime of \
         its own, and return what its sleep measured"
    );
}

proptest! {
    #![proptest_config(props::cases(32))]

    /// `run` gives back whatever the future returns (0, 1, the largest and
    /// smallest values), after the future's own sleeps: with the clock paused
    /// inside, tokio's clock must show exactly the time slept.
    #[test]
    fn run_returns_any_output_after_any_sleep(
        value in prop_oneof![Just(0_i64), Just(1), Just(i64::MAX), Just(i64::MIN), any::<i64>()],
        millis in prop_oneof![Just(0_u64), Just(1), 0_u64..100_000],
    ) {
        let (output, slept) = run(async move {
            tokio::time::pause();
            let start = Instant::now();
            sleep(Duration::from_millis(millis)).await;
            (value, start.elapsed())
        });
        prop_assert_eq!(output, value, "run must return the future's output");
        // Paused in the middle of a millisecond, a sleep may end up to 1 ms late.
        prop_assert!(
            slept >= Duration::from_millis(millis) && slept <= Duration::from_millis(millis + 1),
            "a sleep of {} ms inside `run` took {:?} of tokio time: the future must run on \
             the runtime's own clock, to the end",
            millis,
            slept
        );
    }
}
