//! Exercise 4.9: `select!` and `timeout` race futures; the losers are dropped.

use concurrency::select::{Winner, first_answer, race};
use testkit::drops::drop_guard;
use testkit::held::within;
use testkit::held::{self, render, two_timelines, within_seen};
use testkit::on_drop::OnDrop;
use testkit::props::{self, proptest};
use testkit::timeline::Timeline;
use tokio::time::{Duration, Instant, sleep};

use proptest::prelude::*;

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
    assert_eq!(
        winner,
        Winner::First('a'),
        "the first future finished first (10 ms against 20 ms): Winner::First"
    );
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
    let timeline = Timeline::start();
    let runner = |name: &'static str, on_drop: Option<&'static str>, ms: u64| {
        let timeline = timeline.clone();
        async move {
            let _dropped = on_drop.map(|event| OnDrop::new(&timeline, event));
            sleep(Duration::from_millis(ms)).await;
            timeline.record(format!("{name} finishes"));
            name
        }
    };
    let winner = within_seen(
        LIMIT,
        "race never finished",
        &timeline,
        race(
            runner("tortoise", Some("tortoise dropped"), 2000),
            runner("hare", None, 1000),
        ),
    )
    .await;
    timeline.record(format!("race returned {winner:?}"));
    insta::assert_snapshot!("timeline", timeline.render());
}

/// A generated contestant: answers `name` after `ms`, or records that it was
/// dropped first. `None` hangs for an hour.
fn contestant(timeline: &Timeline, name: String, ms: Option<u64>) -> impl Future<Output = String> {
    let timeline = timeline.clone();
    async move {
        let dropped = OnDrop::new(&timeline, format!("{name} dropped"));
        sleep(Duration::from_millis(ms.unwrap_or(3_600_000))).await;
        dropped.disarm();
        timeline.record(format!("{name} answers"));
        name
    }
}

// Two generated durations, never equal. The model: the quicker one wins when
// it finishes, and the other is dropped right then.
proptest! {
    #![proptest_config(props::cases(32))]
    #[test]
    fn race_on_generated_durations(
        (a, b) in (0_u64..3000, 0_u64..3000).prop_filter("no tie", |(a, b)| a != b)
    ) {
        let (winner, rendered) = held::paused(async {
            let timeline = Timeline::start();
            let winner = within_seen(LIMIT, "race never finished", &timeline,
                race(
                    contestant(&timeline, "a".into(), Some(a)),
                    contestant(&timeline, "b".into(), Some(b)),
                ),
            )
            .await;
            timeline.record("race returns");
            (winner, timeline.render())
        });
        let (expected_winner, end, loser) = if a < b {
            (Winner::First("a".to_string()), a, "b")
        } else {
            (Winner::Second("b".to_string()), b, "a")
        };
        let winner_name = if a < b { "a" } else { "b" };
        let expected = render(&[
            (end.into(), format!("{winner_name} answers")),
            (end.into(), format!("{loser} dropped")),
            (end.into(), "race returns".to_string()),
        ]);
        prop_assert!(
            winner == expected_winner && rendered == expected,
            "race(a after {a} ms, b after {b} ms)\n  expected: {expected_winner:?}\n  yours:    \
             {winner:?}\n{}",
            two_timelines(&expected, &rendered)
        );
    }

    // Generated servers (an answer after some ms, or none at all) and
    // patience (0 ms included), no answer ever due at the very instant the
    // patience runs out. The model asks them in turn: each gets the patience
    // from the moment it is asked; one that has not answered by then is
    // dropped, and the next is asked.
    #[test]
    fn first_answer_on_generated_servers(
        (servers, patience) in (
            prop::collection::vec(prop::option::weighted(0.7, 0_u64..1500), 0..4),
            prop_oneof![Just(0_u64), 1_u64..1200],
        )
            .prop_filter("no answer due at the instant the patience runs out", |(servers, patience)| {
                servers.iter().all(|s| *s != Some(*patience))
            })
    ) {
        let (answer, rendered) = held::paused(async {
            let timeline = Timeline::start();
            let contestants = servers
                .iter()
                .enumerate()
                .map(|(i, ms)| Box::pin(contestant(&timeline, format!("server {i}"), *ms)))
                .collect();
            let answer = within_seen(LIMIT, "first_answer never returned", &timeline,
                first_answer(contestants, Duration::from_millis(patience)),
            )
            .await;
            timeline.record("first_answer returns");
            (answer, timeline.render())
        });
        let (mut events, mut now, mut expected_answer) = (Vec::new(), 0_u64, None);
        for (i, ms) in servers.iter().enumerate() {
            match ms {
                Some(ms) if *ms < patience => {
                    now += ms;
                    events.push((u128::from(now), format!("server {i} answers")));
                    expected_answer = Some(format!("server {i}"));
                    break;
                }
                _ => {
                    now += patience;
                    events.push((u128::from(now), format!("server {i} dropped")));
                }
            }
        }
        events.push((u128::from(now), "first_answer returns".to_string()));
        let expected = render(&events);
        prop_assert!(
            answer == expected_answer && rendered == expected,
            "first_answer(servers answering after {servers:?} ms, patience {patience} ms)\n  \
             expected: {expected_answer:?}\n  yours:    {answer:?}\n{}",
            two_timelines(&expected, &rendered)
        );
    }
}
