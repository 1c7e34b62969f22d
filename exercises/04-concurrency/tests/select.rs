//! Exercise 4.9: `select!` and `timeout` race futures; the losers are dropped.

use concurrency::select::{Winner, first_answer, race};
use testkit::drops::drop_guard;
use testkit::limit::within;
use testkit::on_drop::OnDrop;
use tokio::time::{Duration, Instant, sleep};

const LIMIT: Duration = Duration::from_secs(60);

async fn after<T>(ms: u64, value: T) -> T {
    sleep(Duration::from_millis(ms)).await;
    value
}

#[tokio::test(start_paused = true)]
async fn the_first_to_finish_wins() {
    let started = Instant::now();
    let winner = within(
        LIMIT,
        "race never finished",
        race(after(2000, "one"), after(1000, 2)),
    )
    .await;
    assert_eq!(
        winner,
        Winner::Second(2),
        "the second future finished first, after 1 s"
    );
    assert_eq!(
        started.elapsed(),
        Duration::from_secs(1),
        "the race ends when the winner finishes"
    );
    let winner = within(
        LIMIT,
        "race never finished",
        race(after(10, 'a'), after(20, 'b')),
    )
    .await;
    assert_eq!(winner, Winner::First('a'));
}

#[tokio::test(start_paused = true)]
async fn the_loser_is_dropped() {
    let (guard, dropped) = drop_guard();
    let loser = async move {
        let _guard = guard;
        after(5000, ()).await
    };
    within(LIMIT, "race never finished", race(loser, after(100, ()))).await;
    assert!(
        dropped.is_set(),
        "when race returns, the future that lost must have been dropped: \
         select! cancels the branches that did not complete"
    );
}

#[tokio::test(start_paused = true)]
async fn a_slow_server_is_given_up_on() {
    let (guard, dropped) = drop_guard();
    let hanging = Box::pin(async move {
        let _guard = guard;
        after(3_600_000, "hanging").await
    }) as std::pin::Pin<Box<dyn std::future::Future<Output = &str>>>;
    let servers = vec![
        hanging,
        Box::pin(after(500, "mirror")),
        Box::pin(after(10, "third")),
    ];
    let started = Instant::now();
    let answer = within(
        LIMIT,
        "first_answer never returned while the first server hung: give each \
         server at most `patience`, then drop it and ask the next",
        first_answer(servers, Duration::from_secs(1)),
    )
    .await;
    assert_eq!(
        answer,
        Some("mirror"),
        "the first server hangs; after 1 s of patience, ask the next: the second \
         server answers in time"
    );
    assert_eq!(
        started.elapsed(),
        Duration::from_millis(1500),
        "1 s of patience for the first server, then 500 ms for the second"
    );
    assert!(
        dropped.is_set(),
        "the server given up on must have been dropped"
    );
}

#[tokio::test(start_paused = true)]
async fn no_answer_in_time_is_none() {
    let servers = vec![after(2000, 1), after(3000, 2)];
    let started = Instant::now();
    let answer = within(
        LIMIT,
        "first_answer never returned",
        first_answer(servers, Duration::from_secs(1)),
    )
    .await;
    assert_eq!(answer, None, "no server answered within 1 s");
    assert_eq!(
        started.elapsed(),
        Duration::from_secs(2),
        "two servers, 1 s of patience each: 2 s in all"
    );
}

#[tokio::test(start_paused = true)]
async fn timeline_of_a_race() {
    let timeline = testkit::timeline::Timeline::start();
    let runner = |name: &'static str, on_drop: Option<&'static str>, ms: u64| {
        let timeline = timeline.clone();
        async move {
            let _dropped = on_drop.map(|event| OnDrop::new(&timeline, event));
            sleep(Duration::from_millis(ms)).await;
            timeline.record(format!("{name} finishes"));
            name
        }
    };
    let winner = within(
        LIMIT,
        "race never finished",
        race(
            runner("tortoise", Some("tortoise dropped"), 2000),
            runner("hare", None, 1000),
        ),
    )
    .await;
    timeline.record(format!("race returned {winner:?}"));
    insta::assert_snapshot!("timeline", timeline.render());
}
