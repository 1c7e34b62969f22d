//! Exercise 5.2: an error in the middle of a stream, and what the consumer sees.

use async_generators::try_stream::{parse_numbers, sum_all};
use futures::StreamExt;
use testkit::limit::within;
use testkit::model::{self, Event};
use testkit::props::{self, proptest};
use testkit::timeline::Timeline;
use tokio::time::{Duration, Instant, sleep};

use proptest::prelude::*;

const LIMIT: Duration = Duration::from_secs(60);
/// More values than a right answer ever yields: a stream that never ends is cut
/// off here, and fails an assertion, instead of running the test for ever.
const ENOUGH: usize = 100;

fn lines(texts: &[&str]) -> Vec<String> {
    texts.iter().map(|t| t.to_string()).collect()
}

#[tokio::test(start_paused = true)]
async fn good_lines_become_numbers() {
    let numbers: Vec<_> = within(
        LIMIT,
        "parse_numbers never ended",
        parse_numbers(lines(&["1", " 20 ", "300"]))
            .take(ENOUGH)
            .collect(),
    )
    .await;
    assert_eq!(
        numbers,
        [Ok(1), Ok(20), Ok(300)],
        "each line, trimmed and parsed, in order"
    );
}

#[tokio::test(start_paused = true)]
async fn nothing_comes_after_an_error() {
    let items: Vec<_> = within(
        LIMIT,
        "parse_numbers never ended",
        parse_numbers(lines(&["1", "x", "3", "4"]))
            .take(ENOUGH)
            .collect(),
    )
    .await;
    assert_eq!(
        items.len(),
        2,
        "the second line does not parse: the stream yields 1, then that error, \
         and ends there (`?` in try_stream! yields the error and stops), but it \
         yielded {items:?}"
    );
}

#[tokio::test(start_paused = true)]
async fn sum_all_adds_everything() {
    let total = within(
        LIMIT,
        "sum_all never finished",
        sum_all(parse_numbers(lines(&["1", "2", "3"]))),
    )
    .await;
    assert_eq!(
        total,
        Ok(6),
        "the lines 1, 2 and 3 parse, and sum_all adds them up"
    );
}

#[tokio::test(start_paused = true)]
async fn sum_all_stops_at_the_first_error() {
    // A stream that goes on after its error, one item every 100 ms.
    let items = futures::stream::iter([Ok(1), Err("bad line 2"), Ok(3), Ok(4), Ok(5)]).then(
        |item| async move {
            sleep(Duration::from_millis(100)).await;
            item
        },
    );
    let started = Instant::now();
    let total = within(LIMIT, "sum_all never finished", sum_all(items)).await;
    assert_eq!(
        total,
        Err("bad line 2"),
        "the second item is an error: sum_all must return that error"
    );
    assert_eq!(
        started.elapsed(),
        Duration::from_millis(200),
        "the error arrives with the second item, after 200 ms: return it at once \
         (`try_next().await?`), without waiting for the items after it"
    );
}

#[tokio::test(start_paused = true)]
async fn the_stream_ends_after_its_first_error() {
    let timeline = Timeline::start();
    let mut stream = std::pin::pin!(parse_numbers(lines(&["1", "2", "three", "4"])).take(ENOUGH));
    while let Some(item) = within(LIMIT, "parse_numbers never ended", stream.next()).await {
        match item {
            Ok(number) => timeline.record(format!("got {number}")),
            Err(error) => timeline.record(format!("error: {error}")),
        }
    }
    timeline.record("end of stream");
    insta::assert_snapshot!("consumer", timeline.render());
}

/// A line as it may come: a number (0, 1, the largest `u64`, or any) or
/// text that is not one (a blank line among them), with spaces, tabs, `\r`
/// or `\n` around it, or nothing.
fn a_line() -> impl Strategy<Value = String> {
    let number = prop_oneof![Just(0_u64), Just(1), Just(u64::MAX), any::<u64>()];
    let not_a_number = prop::sample::select(vec!["", "x", "-1", "1 2", "18446744073709551616"]);
    let padding = prop::sample::select(vec!["", "", " ", "\t", "\r", "\r\n", "  \t "]);
    (
        prop_oneof![4 => number.prop_map(|n| n.to_string()), 1 => not_a_number.prop_map(str::to_owned)],
        padding.clone(),
        padding,
    )
        .prop_map(|(core, before, after)| format!("{before}{core}{after}"))
}

proptest! {
    #![proptest_config(props::cases(32))]
    #[test]
    fn every_line_trimmed_and_parsed_until_the_first_that_is_not_a_number(
        texts in prop::collection::vec(a_line(), 0..6)
    ) {
        // The model: one line every 100 ms, trimmed at both ends of every kind
        // of whitespace, parsed; the first that does not parse is the last item.
        let mut expected: Vec<Event> = Vec::new();
        let mut at = 0;
        for text in &texts {
            at += 100;
            match text.trim().parse::<u64>() {
                Ok(number) => expected.push((at, format!("got {number}"))),
                Err(error) => {
                    expected.push((at, format!("error: {error}")));
                    break;
                }
            }
        }
        expected.push((at, "end of stream".to_owned()));

        let actual = props::paused(async {
            let timeline = Timeline::start();
            let mut stream = std::pin::pin!(parse_numbers(texts.clone()).take(ENOUGH));
            while let Some(item) = within(LIMIT, "parse_numbers never ended", stream.next()).await {
                match item {
                    Ok(number) => timeline.record(format!("got {number}")),
                    Err(error) => timeline.record(format!("error: {error}")),
                }
            }
            timeline.record("end of stream");
            model::events_of(&timeline)
        });
        let verdict = model::same_events(
            &format!("The lines {texts:?}."),
            &expected,
            &actual,
            "Each line comes LINE_DELAY after the last; it is trimmed of whitespace at both \
             ends (spaces, tabs, \\r and \\n: `str::trim`) and parsed as a u64. The first \
             line that does not parse, a blank one included, is yielded as an Err and ends \
             the stream.",
        );
        prop_assert!(verdict.is_ok(), "{}", verdict.unwrap_err());
    }

    #[test]
    fn sum_all_adds_until_the_first_error(
        items in prop::collection::vec(
            (
                prop::sample::select(vec![0_u64, 1, 100, 250]),
                prop_oneof![
                    6 => prop_oneof![Just(0_u32), Just(1), Just(u32::MAX), any::<u32>()]
                        .prop_map(|n| Ok(u64::from(n))),
                    1 => Just(Err("a bad line")),
                ],
            ),
            0..6,
        )
    ) {
        // The model: the total of the numbers before the first error, or
        // that error, as soon as it arrives.
        let mut total = Ok(0_u64);
        let mut at = 0;
        for (delay, item) in &items {
            at += delay;
            match item {
                Ok(number) => total = total.map(|sum| sum + number),
                Err(error) => {
                    total = Err(*error);
                    break;
                }
            }
        }
        let stream_items = items.clone();
        let (got, took) = props::paused(async move {
            let stream = futures::stream::iter(stream_items).then(|(delay, item)| async move {
                sleep(Duration::from_millis(delay)).await;
                item
            });
            let started = Instant::now();
            let got = within(LIMIT, "sum_all never finished", sum_all(stream)).await;
            (got, started.elapsed().as_millis() as u64)
        });
        prop_assert!(
            (got, took) == (total, at),
            "The items {items:?} (each after its delay in ms):\n\
             the course expects {total:?} at {at} ms; sum_all returned {got:?} at {took} ms.\n\
             sum_all adds the numbers, and returns the first error as soon as it arrives \
             (`try_next().await?`)"
        );
    }
}
