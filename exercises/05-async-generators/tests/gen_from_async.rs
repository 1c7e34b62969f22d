//! Exercise 5.9: a `yield`-style generator made of an `async` body that
//! pauses at each yield, driven as an `Iterator` and as a `Stream`.

use std::cell::Cell;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::rc::Rc;

use async_generators::gen_from_async::generator;
use testkit::limit::within;
use testkit::model::{self, Event};
use testkit::props::{self, proptest};
use testkit::timeline::Timeline;
use tokio::time::{Duration, sleep};

use proptest::prelude::*;

const LIMIT: Duration = Duration::from_secs(60);

#[test]
fn a_body_runs_only_as_far_as_asked() {
    let steps = Rc::new(Cell::new(0));
    let seen = Rc::clone(&steps);
    let mut numbers = generator(move |co| async move {
        // Long enough to stand for an endless body, short enough that a yield
        // that does not pause ends it rather than looping for ever.
        for i in 1..=1000 {
            seen.set(i);
            co.yield_(i).await;
        }
    });
    assert_eq!(
        steps.get(),
        0,
        "making the generator runs none of its body: generators, like futures, \
         are lazy, and only a `next` runs the body"
    );
    assert_eq!(
        numbers.next(),
        Some(1),
        "the first `next` gives the first value yielded. Each yield must pause the body \
         (a future that is Pending once), or the body runs on to its end"
    );
    assert_eq!(
        steps.get(),
        1,
        "the first `next` runs the body up to its first yield, and no further"
    );
    let more: Vec<u64> = numbers.by_ref().take(4).collect();
    assert_eq!(
        more,
        [2, 3, 4, 5],
        "an endless body, taken from as far as asked"
    );
    assert_eq!(
        steps.get(),
        5,
        "five values asked for, the body ran to its fifth yield"
    );
}

#[test]
fn an_iterator_yields_what_the_body_yields() {
    let numbers = generator(|co| async move {
        for i in 1..=3 {
            co.yield_(i).await;
        }
    });
    let numbers: Vec<u32> = numbers.take(10).collect();
    assert_eq!(
        numbers,
        [1, 2, 3],
        "the body yields 1, 2 and 3, then ends. Each yield must pause the body \
         (a future that is Pending once), so that the consumer takes each value \
         before the next one is put in the slot"
    );
}

#[test]
fn a_finished_generator_stays_finished() {
    let mut words = generator(|co| async move {
        co.yield_(String::from("only")).await;
    });
    assert_eq!(
        words.next().as_deref(),
        Some("only"),
        "the body yields \"only\" before it ends. Each yield must pause the body"
    );
    assert_eq!(words.next(), None, "the body ended after one yield");
    let again = catch_unwind(AssertUnwindSafe(|| words.next()));
    assert!(
        matches!(again, Ok(None)),
        "next after the end must give None again, without polling the body: a \
         finished async block panics if it is polled. Remember that it has ended"
    );
}

#[tokio::test(start_paused = true)]
async fn as_a_stream_the_body_may_await() {
    // Here only: a Generator is both an Iterator and a Stream, and both have `next`.
    use futures::StreamExt;

    let timeline = Timeline::start();
    let ticks = generator(|co| async move {
        for i in 1..=3 {
            sleep(Duration::from_millis(100)).await;
            co.yield_(i).await;
        }
    });
    let mut ticks = std::pin::pin!(ticks);
    loop {
        // What came so far is part of the message: a test that hits its
        // limit says what had happened by then.
        let waiting = format!(
            "the stream never gave its next tick, though the body only sleeps 100 ms before \
             each; the ticks so far:\n{}The sleep's wake-up reaches the consumer only if the \
             body is polled with the consumer's waker: poll the body with the stream's own \
             Context, so that the sleep it awaits can wake the consumer",
            match timeline.render() {
                so_far if so_far.is_empty() => "    (none yet)\n".to_owned(),
                so_far => so_far,
            }
        );
        match within(LIMIT, &waiting, ticks.next()).await {
            Some(tick) => timeline.record(format!("tick {tick}")),
            None => break,
        }
    }
    timeline.record("end");
    assert_eq!(
        timeline.texts(),
        ["tick 1", "tick 2", "tick 3", "end"],
        "the body yields three ticks, each after a sleep. A body that is waiting (Pending, \
         with nothing in the slot) has not ended: the stream is Pending too, not finished"
    );
    assert_eq!(
        timeline.millis(),
        [100, 200, 300, 300],
        "each tick comes as soon as its 100 ms sleep is over. Late ticks mean the sleep's \
         wake-up never reached the consumer (only a time limit polled it again): poll \
         the body with the stream's own Context, so that the sleep it awaits can wake \
         the consumer"
    );
    insta::assert_snapshot!("timeline", timeline.render());
}

fn values() -> impl Strategy<Value = Vec<u32>> {
    prop::collection::vec(
        prop_oneof![Just(0_u32), Just(1), Just(u32::MAX), any::<u32>()],
        0..5,
    )
}

proptest! {
    #![proptest_config(props::cases(32))]
    #[test]
    fn an_iterator_gives_what_the_body_yields_then_none_for_ever(values in values()) {
        // The model: the values, in order, then None at every ask after.
        let asks = values.len() + 3;
        let mut expected: Vec<String> = values.iter().map(|v| format!("Some({v})")).collect();
        expected.resize(asks, "None".to_owned());

        let body_values = values.clone();
        let mut numbers = generator(move |co| async move {
            for value in body_values {
                co.yield_(value).await;
            }
        });
        let mut actual = Vec::new();
        for _ in 0..asks {
            match model::quietly_call(|| numbers.next()) {
                Ok(item) => actual.push(format!("{item:?}")),
                Err(panic) => {
                    actual.push(format!("next panicked: {panic}"));
                    break;
                }
            }
        }
        prop_assert!(
            actual == expected,
            "A body that yields {values:?} and ends, asked {asks} times:\n\
             the course expects {expected:?};\nyours gave {actual:?}.\n\
             Each next runs the body to its next yield; once the body has finished, next gives \
             None without polling it again (a finished async block panics if polled)"
        );
    }

    #[test]
    fn a_stream_gives_each_value_when_the_body_yields_it_then_none_for_ever(
        steps in prop::collection::vec(
            (prop::sample::select(vec![0_u64, 50, 100]), any::<u32>()),
            0..4,
        ),
    ) {
        // The model: the body sleeps, then yields, step after step; each
        // value comes when its sleep is over; after the end, every poll is
        // answered None at once.
        let mut expected: Vec<Event> = Vec::new();
        let mut at = 0;
        for (sleeps, value) in &steps {
            at += sleeps;
            expected.push((at, format!("Some({value})")));
        }
        for _ in 0..3 {
            expected.push((at, "None".to_owned()));
        }

        let body_steps = steps.clone();
        let actual = props::paused(async move {
            use futures::StreamExt;
            let timeline = Timeline::start();
            let stream = generator(move |co| async move {
                for (sleeps, value) in body_steps {
                    sleep(Duration::from_millis(sleeps)).await;
                    co.yield_(value).await;
                }
            });
            let mut stream = std::pin::pin!(stream);
            let mut ends = 0;
            while ends < 3 {
                let asked = within(LIMIT, "the stream never answered", stream.next());
                match model::quietly(asked).await {
                    Ok(item) => {
                        ends += usize::from(item.is_none());
                        timeline.record(format!("{item:?}"));
                    }
                    Err(panic) => {
                        timeline.record(format!("poll_next panicked: {panic}"));
                        break;
                    }
                }
            }
            model::events_of(&timeline)
        });
        let verdict = model::same_events(
            &format!("A body that sleeps and then yields, step after step: {steps:?} (ms, value); \
                      the stream asked for items until it had answered None three times."),
            &expected,
            &actual,
            "Each value comes the moment the body yields it; once the body has finished, \
             poll_next answers None, every time it is asked, without polling the body again \
             (a finished async block panics if polled: remember that it has ended).",
        );
        prop_assert!(verdict.is_ok(), "{}", verdict.unwrap_err());
    }
}
