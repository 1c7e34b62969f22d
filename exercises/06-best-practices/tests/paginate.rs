//! Exercise 6.5: a paginated source as a stream of items. The tests count the
//! pages fetched, and time them in virtual time (a page takes 100 ms).

use std::cell::Cell;
use std::pin::{Pin, pin};
use std::rc::Rc;

use best_practices::paginate::{Page, items};
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
const PAGE_TIME: Duration = Duration::from_millis(100);

/// A page on its way, boxed so that the test's source has a type it can name.
type Fetching = Pin<Box<dyn Future<Output = Page>>>;

/// A source of `pages` pages of `per_page` items each (page p holds
/// p * 100, p * 100 + 1, …), counting its fetches.
fn source(pages: u32, per_page: u32) -> (impl FnMut(u32) -> Fetching, Rc<Cell<u32>>) {
    let fetches = Rc::new(Cell::new(0));
    let counter = Rc::clone(&fetches);
    let fetch = move |page: u32| {
        counter.set(counter.get() + 1);
        assert!(
            page < pages,
            "page {page} was fetched, but the last page ({}) said there is no next page",
            pages - 1
        );
        Box::pin(async move {
            sleep(PAGE_TIME).await;
            Page {
                items: (0..per_page).map(|i| page * 100 + i).collect(),
                next: (page + 1 < pages).then_some(page + 1),
            }
        }) as Fetching
    };
    (fetch, fetches)
}

#[tokio::test(start_paused = true)]
async fn yields_every_item_of_every_page_in_order() {
    let (fetch, fetches) = source(3, 4);
    let all: Vec<u32> = within(
        LIMIT,
        "the stream never ended",
        items(fetch).take(ENOUGH).collect(),
    )
    .await;
    assert_eq!(
        all,
        [0, 1, 2, 3, 100, 101, 102, 103, 200, 201, 202, 203],
        "the stream must yield the items of page 0, then page 1, then page 2, and end \
         after the page whose `next` is None"
    );
    assert_eq!(fetches.get(), 3, "three pages, three fetches");
}

#[tokio::test(start_paused = true)]
async fn creating_the_stream_fetches_nothing() {
    let (fetch, fetches) = source(5, 10);
    let stream = items(fetch);
    sleep(Duration::from_secs(1)).await;
    assert_eq!(
        fetches.get(),
        0,
        "creating the stream fetched a page: like an async generator, it must do nothing \
         until the consumer asks for an item"
    );
    let mut stream = pin!(stream);
    let first = within(LIMIT, "the stream never yielded an item", stream.next()).await;
    assert_eq!(first, Some(0), "the first item is the first of page 0");
}

#[tokio::test(start_paused = true)]
async fn fetches_a_page_only_when_the_consumer_needs_it() {
    let (fetch, fetches) = source(5, 10);
    let start = Instant::now();
    let mut stream = pin!(items(fetch));
    let first_three: Vec<u32> = within(
        LIMIT,
        "the stream never yielded three items",
        stream.by_ref().take(3).collect(),
    )
    .await;
    assert_eq!(first_three, [0, 1, 2], "the first three items of page 0");
    assert_eq!(
        (fetches.get(), start.elapsed()),
        (1, PAGE_TIME),
        "three items of page 0 need one fetch, 100 ms: did the stream fetch every page \
         before yielding the first item?"
    );
    let next_eight: Vec<u32> = within(
        LIMIT,
        "the stream never yielded eleven items",
        stream.take(8).collect(),
    )
    .await;
    assert_eq!(
        next_eight,
        [3, 4, 5, 6, 7, 8, 9, 100],
        "the rest of page 0, then the first item of page 1"
    );
    assert_eq!(
        fetches.get(),
        2,
        "eleven items need pages 0 and 1 only: fetch the next page when the consumer has \
         used up the current one, not sooner"
    );
}

#[tokio::test(start_paused = true)]
async fn an_empty_page_is_not_the_end() {
    let fetch = |page: u32| async move {
        match page {
            0 => Page {
                items: vec![1],
                next: Some(1),
            },
            1 => Page {
                items: vec![],
                next: Some(2),
            },
            _ => Page {
                items: vec![3],
                next: None,
            },
        }
    };
    let all: Vec<u32> = within(
        LIMIT,
        "the stream never ended",
        items(fetch).take(ENOUGH).collect(),
    )
    .await;
    assert_eq!(
        all,
        [1, 3],
        "a page with no items but a `next` must not end the stream: the end is `next: None`"
    );
}

#[tokio::test(start_paused = true)]
async fn timeline_of_a_consumer_reading_two_pages() {
    let timeline = Timeline::start();
    let fetch = {
        let timeline = timeline.clone();
        move |page: u32| {
            let timeline = timeline.clone();
            async move {
                timeline.record(format!("fetch page {page}"));
                sleep(PAGE_TIME).await;
                Page {
                    items: vec![page * 100, page * 100 + 1],
                    next: (page < 1).then_some(page + 1),
                }
            }
        }
    };
    let mut stream = pin!(items(fetch).take(ENOUGH));
    while let Some(item) = within(LIMIT, "the stream never ended", stream.next()).await {
        timeline.record(format!("got item {item}"));
        // The consumer takes 30 ms over each item.
        sleep(Duration::from_millis(30)).await;
    }
    timeline.record("stream ended");
    insta::assert_snapshot!("timeline", timeline.render());
}

/// A chain of pages: page 0 first, then pages of any number (the largest
/// included) in the order each page's `next` names them; each with 0 to 3 items.
fn chain() -> impl Strategy<Value = Vec<(u32, Vec<u32>)>> {
    (
        prop::collection::vec(prop_oneof![Just(1_u32), Just(u32::MAX), 2_u32..1000], 0..4),
        prop::collection::vec(prop::collection::vec(0_u32..1000, 0..4), 4),
    )
        .prop_map(|(mut numbers, items)| {
            numbers.sort_unstable();
            numbers.dedup();
            numbers.reverse(); // an order of their own, not counting up
            std::iter::once(0).chain(numbers).zip(items).collect()
        })
}

proptest! {
    #![proptest_config(props::cases(32))]
    #[test]
    fn follows_each_next_and_fetches_only_when_the_page_in_hand_is_used_up(
        pages in chain(),
        pauses in prop::collection::vec(prop::sample::select(vec![0_u64, 30, 250]), 12),
    ) {
        // The model: the consumer asks; if the page in hand is used up, the
        // next page is fetched then (100 ms); items come one per ask; after
        // the last page's items the next ask finds the end at once.
        let mut expected: Vec<Event> = Vec::new();
        let mut now = 0;
        let mut pause = pauses.iter().cycle();
        for (number, items) in &pages {
            expected.push((now, format!("fetch page {number}")));
            now += 100;
            for item in items {
                expected.push((now, format!("got item {item}")));
                now += pause.next().expect("endless");
            }
        }
        expected.push((now, "stream ended".to_owned()));

        let (source, consumer_pauses) = (pages.clone(), pauses.clone());
        let actual = props::paused(async move {
            let timeline = Timeline::start();
            let fetch = {
                let timeline = timeline.clone();
                move |number: u32| {
                    let (timeline, pages) = (timeline.clone(), source.clone());
                    async move {
                        timeline.record(format!("fetch page {number}"));
                        sleep(PAGE_TIME).await;
                        // A page that is not in the chain: empty, and the last.
                        let at = pages.iter().position(|(n, _)| *n == number);
                        let items = at.map(|at| pages[at].1.clone()).unwrap_or_default();
                        let next = at.and_then(|at| pages.get(at + 1)).map(|(n, _)| *n);
                        Page { items, next }
                    }
                }
            };
            let mut stream = pin!(items(fetch).take(ENOUGH));
            let mut pause = consumer_pauses.iter().cycle();
            while let Some(item) = within(LIMIT, "the stream never ended", stream.next()).await {
                timeline.record(format!("got item {item}"));
                sleep(Duration::from_millis(*pause.next().expect("endless"))).await;
            }
            timeline.record("stream ended");
            model::events_of(&timeline)
        });
        let verdict = model::same_events(
            &format!(
                "Pages (number, items) in the order their `next` links them: {pages:?}; the \
                 consumer pausing {:?}… ms after each item.",
                &pauses[..4]
            ),
            &expected,
            &actual,
            "Start at page 0 and follow each page's `next`, whatever number it names; fetch a \
             page only when the consumer asks for an item and the page in hand is used up; \
             the end is `next: None`.",
        );
        prop_assert!(verdict.is_ok(), "{}", verdict.unwrap_err());
    }
}
