//! Exercise 5.2: an error in the middle of a stream, and what the consumer sees.

use async_generators::try_stream::{parse_numbers, sum_all};
use futures::StreamExt;
use testkit::limit::within;
use testkit::timeline::Timeline;
use tokio::time::{Duration, Instant, sleep};

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
    assert_eq!(total, Ok(6));
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
