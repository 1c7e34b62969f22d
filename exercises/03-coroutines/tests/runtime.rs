//! Exercise 3.2: a runtime built by hand, and `block_on`.

use coroutines::runtime::{one_paused_second, run, runtime};
use tokio::runtime::{Handle, RuntimeFlavor};
use tokio::time::{Duration, Instant, sleep};

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
    assert_eq!((first, spawned), (1, "spawned"));
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
