//! Exercise 3.1: `my_coroutine`, observed on a timeline in virtual time.

use coroutines::my_coroutine::my_coroutine;
use testkit::limit::within;
use testkit::timeline::Timeline;
use tokio::time::{Duration, sleep};

const LIMIT: Duration = Duration::from_secs(10);
const NEVER_ENDED: &str = "my_coroutine never finished: it should end one second after it starts";

#[tokio::test(start_paused = true)]
async fn takes_exactly_one_second() {
    let timeline = Timeline::start();
    within(LIMIT, NEVER_ENDED, my_coroutine(|_| {})).await;
    assert_eq!(
        timeline.elapsed(),
        Duration::from_secs(1),
        "my_coroutine must take one second of tokio time; a time of 0 means it did not \
         await `tokio::time::sleep` (the standard library's `thread::sleep` blocks, and \
         tokio's clock never sees it)"
    );
}

/// The seed's output, with the time of each line.
#[tokio::test(start_paused = true)]
async fn prints_start_then_end_one_second_later() {
    let timeline = Timeline::start();
    let printer = timeline.clone();
    within(
        LIMIT,
        NEVER_ENDED,
        my_coroutine(move |line| printer.record(line)),
    )
    .await;
    insta::assert_snapshot!("timeline", timeline.render());
}

#[tokio::test(start_paused = true)]
async fn other_work_runs_while_it_sleeps() {
    let timeline = Timeline::start();
    let printer = timeline.clone();
    let ticker = async {
        for _ in 0..3 {
            sleep(Duration::from_millis(250)).await;
            timeline.record("tick");
        }
    };
    let coroutine = within(
        LIMIT,
        NEVER_ENDED,
        my_coroutine(move |line| printer.record(line)),
    );
    tokio::join!(coroutine, ticker);
    insta::assert_snapshot!("with_ticker", timeline.render());
}
