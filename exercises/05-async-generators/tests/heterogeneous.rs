//! Exercise 5.8: futures of different types boxed into one, and run together
//! with `FuturesUnordered`, their outputs in the order they finish.

use async_generators::heterogeneous::{Probe, as_completed, probe};
use futures::StreamExt;
use testkit::limit::within;
use testkit::model::{self, Event};
use testkit::props::{self, proptest};
use testkit::timeline::Timeline;
use tokio::sync::oneshot;
use tokio::time::{Duration, Instant, sleep};

use proptest::prelude::*;

const LIMIT: Duration = Duration::from_secs(60);

fn ms(n: u64) -> Duration {
    Duration::from_millis(n)
}

fn ping(after_ms: u64) -> Probe {
    Probe::Ping {
        after: ms(after_ms),
    }
}

/// A `Reply` probe whose answer is sent `after_ms` from now.
fn reply(after_ms: u64, text: &'static str) -> Probe {
    let (tx, rx) = oneshot::channel();
    tokio::spawn(async move {
        sleep(ms(after_ms)).await;
        let _ = tx.send(text.to_owned());
    });
    Probe::Reply(rx)
}

/// Ping 300 ms, a reply at 100 ms, a fixed answer, ping 200 ms.
fn probes() -> Vec<Probe> {
    vec![
        ping(300),
        reply(100, "hi"),
        Probe::Fixed("ready".to_owned()),
        ping(200),
    ]
}

/// Each answer of `as_completed(probes())` with the virtual time it came at.
async fn answers_with_times() -> Timeline {
    let timeline = Timeline::start();
    let answers = as_completed(probes());
    let mut answers = std::pin::pin!(answers);
    while let Some(answer) = within(
        LIMIT,
        "as_completed never yielded its next answer, nor ended",
        answers.next(),
    )
    .await
    {
        timeline.record(answer);
    }
    timeline
}

#[tokio::test(start_paused = true)]
async fn a_probe_starts_when_first_polled() {
    let pinging = probe(ping(200));
    sleep(ms(500)).await;
    let started = Instant::now();
    let answer = within(LIMIT, "the ping never answered", pinging).await;
    assert_eq!(
        (answer.as_str(), started.elapsed()),
        ("pong", ms(200)),
        "a Ping of 200 ms answers 200 ms after it is first polled, however long after \
         it was made: a timer made outside the async block starts too early. \
         Futures are lazy; make the sleep inside the block"
    );
}

#[tokio::test(start_paused = true)]
async fn all_probes_run_at_the_same_time() {
    let timeline = answers_with_times().await;
    assert_eq!(
        timeline.elapsed(),
        ms(300),
        "four probes, the longest 300 ms: all of them are polled at the same time, \
         so the last answer comes at 300 ms, not at the sum of their times"
    );
}

#[tokio::test(start_paused = true)]
async fn answers_come_in_the_order_they_finish() {
    let timeline = answers_with_times().await;
    assert_eq!(
        timeline.texts(),
        ["ready", "hi", "pong", "pong"],
        "answers in the order they finish (as asyncio.as_completed gives them): \
         the fixed one at once, the reply at 100 ms, the pings at 200 and 300 ms; \
         not in the order of the list"
    );
    insta::assert_snapshot!("timeline", timeline.render());
}

#[tokio::test(start_paused = true)]
async fn each_kind_of_probe_answers() {
    let fixed = within(
        LIMIT,
        "the Fixed probe never answered",
        probe(Probe::Fixed("ok".into())),
    )
    .await;
    assert_eq!(fixed, "ok", "a Fixed probe answers its text");
    let replied = within(
        LIMIT,
        "the Reply probe never answered",
        probe(reply(50, "hello")),
    )
    .await;
    assert_eq!(
        replied, "hello",
        "a Reply probe answers what arrives on its channel"
    );
    let (tx, rx) = oneshot::channel::<String>();
    drop(tx);
    let unanswered = within(
        LIMIT,
        "the Reply probe never answered, though its sender was dropped",
        tokio::spawn(probe(Probe::Reply(rx))),
    )
    .await
    .unwrap_or_else(|e| {
        panic!("a Reply whose sender was dropped panicked ({e}): it answers \"no answer\"")
    });
    assert_eq!(
        unanswered, "no answer",
        "a Reply whose sender was dropped will never get its answer: it says \"no answer\""
    );
}

#[tokio::test(start_paused = true)]
async fn no_probes_no_answers() {
    let answers: Vec<String> = within(
        LIMIT,
        "as_completed of no probes never ended",
        as_completed(Vec::new()).collect(),
    )
    .await;
    assert!(
        answers.is_empty(),
        "no probes, no answers: as_completed(vec![]) must end at once, but it yielded {answers:?}"
    );
}

/// A probe to make: a ping after so many ms, a reply sent (or its sender
/// dropped) so many ms after it is made, or a fixed text.
#[derive(Debug, Clone)]
enum Spec {
    Ping(u64),
    Reply { after: u64, sent: bool },
    Fixed(&'static str),
}

fn spec() -> impl Strategy<Value = Spec> {
    let ms = || prop::sample::select(vec![0_u64, 100, 200, 300]);
    prop_oneof![
        ms().prop_map(Spec::Ping),
        (ms(), any::<bool>()).prop_map(|(after, sent)| Spec::Reply { after, sent }),
        prop::sample::select(vec!["ready", "", " ok "]).prop_map(Spec::Fixed),
    ]
}

proptest! {
    #![proptest_config(props::cases(32))]
    #[test]
    fn every_answer_comes_when_its_probe_finishes(
        specs in prop::collection::vec(spec(), 0..6),
        idle in prop::sample::select(vec![0_u64, 150]),
    ) {
        // The model: nothing runs while the stream is made and left alone for
        // `idle` ms; then every probe runs at once. A ping answers `after` ms
        // from then; a reply when it is sent (its clock started when it was
        // made), or "no answer" when its sender is dropped; a fixed text at once.
        let expected: Vec<Event> = specs
            .iter()
            .enumerate()
            .map(|(i, spec)| match spec {
                Spec::Ping(after) => (idle + after, "pong".to_owned()),
                Spec::Reply { after, sent: true } => ((*after).max(idle), format!("reply {i}")),
                Spec::Reply { after, sent: false } => ((*after).max(idle), "no answer".to_owned()),
                Spec::Fixed(text) => (idle, (*text).to_owned()),
            })
            .collect();

        let actual = props::paused(async {
            let probes = specs
                .iter()
                .enumerate()
                .map(|(i, spec)| match spec {
                    Spec::Ping(after) => ping(*after),
                    Spec::Reply { after, sent } => {
                        let (tx, rx) = oneshot::channel();
                        let (after, sent) = (*after, *sent);
                        tokio::spawn(async move {
                            sleep(ms(after)).await;
                            if sent {
                                let _ = tx.send(format!("reply {i}"));
                            }
                        });
                        Probe::Reply(rx)
                    }
                    Spec::Fixed(text) => Probe::Fixed((*text).to_owned()),
                })
                .collect();
            let timeline = Timeline::start();
            let answers = as_completed(probes);
            sleep(ms(idle)).await;
            let mut answers = std::pin::pin!(answers);
            while let Some(answer) = within(
                LIMIT,
                "as_completed never yielded its next answer, nor ended",
                answers.next(),
            )
            .await
            {
                timeline.record(answer);
            }
            model::events_of(&timeline)
        });
        let verdict = model::same_events_any_order_within_instants(
            &format!("as_completed({specs:?}), first polled {idle} ms after it was made."),
            &expected,
            &actual,
            "Every probe starts when the stream is first polled, all at once, and each answer \
             comes the moment its probe finishes: a ping `after` its start, a reply when it \
             arrives (\"no answer\" when its sender is dropped), a fixed text at once.",
        );
        prop_assert!(verdict.is_ok(), "{}", verdict.unwrap_err());
    }
}
