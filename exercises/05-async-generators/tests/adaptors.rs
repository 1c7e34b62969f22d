//! Exercise 5.3: `StreamExt` adaptors, lazy like iterator adaptors.

use std::cell::Cell;
use std::rc::Rc;

use async_generators::adaptors::first_even_users;
use futures::{Stream, StreamExt, stream};
use testkit::limit::within;
use tokio::time::{Duration, Instant};

const LIMIT: Duration = Duration::from_secs(60);
/// More values than a right answer ever yields: a stream that never ends is cut
/// off here, and fails an assertion, instead of running the test for ever.
const ENOUGH: usize = 100;

/// The ids 1, 2, 3, … counting how many were pulled. Far more than a right
/// answer pulls, yet finite: a filter that keeps no id ends, and fails an
/// assertion, where an endless source would keep it in one poll for ever.
fn ids() -> (impl Stream<Item = u64>, Rc<Cell<u64>>) {
    let pulled = Rc::new(Cell::new(0));
    let counter = Rc::clone(&pulled);
    let ids = stream::iter(1..=100_000).inspect(move |_| counter.set(counter.get() + 1));
    (ids, pulled)
}

#[tokio::test(start_paused = true)]
async fn the_first_even_users_in_capitals() {
    let (ids, _) = ids();
    let names: Vec<String> = within(
        LIMIT,
        "the stream never ended",
        first_even_users(ids, 3).take(ENOUGH).collect(),
    )
    .await;
    assert_eq!(
        names,
        ["USER2", "USER4", "USER6"],
        "keep the even ids (filter), look each up (then), capitalise (map), stop after n (take)"
    );
}

#[tokio::test(start_paused = true)]
async fn pulls_only_what_it_needs() {
    let (ids, pulled) = ids();
    let names = first_even_users(ids, 2);
    assert_eq!(pulled.get(), 0, "building the stream must pull nothing");
    let names: Vec<String> = within(
        LIMIT,
        "the stream never ended",
        names.take(ENOUGH).collect(),
    )
    .await;
    assert_eq!(names.len(), 2);
    assert_eq!(
        pulled.get(),
        4,
        "two even ids are found among 1 to 4: `take(2)` must stop the pipeline \
         there, and no more ids may be pulled"
    );
}

#[tokio::test(start_paused = true)]
async fn lookups_happen_only_for_the_kept_ids() {
    let (ids, _) = ids();
    let started = Instant::now();
    let names: Vec<String> = within(
        LIMIT,
        "the stream never ended",
        first_even_users(ids, 3).take(ENOUGH).collect(),
    )
    .await;
    assert_eq!(
        names.len(),
        3,
        "first_even_users(ids, 3) must give 3 names: `take(n)` counts names, so \
         it comes after the filter"
    );
    assert_eq!(
        started.elapsed(),
        Duration::from_millis(300),
        "three lookups of 100 ms, one after the other: 300 ms. Filter before \
         `then`, so that odd ids are never looked up"
    );
}

#[tokio::test(start_paused = true)]
async fn zero_users_pull_nothing() {
    let (ids, pulled) = ids();
    let names: Vec<String> = within(
        LIMIT,
        "the stream never ended",
        first_even_users(ids, 0).take(ENOUGH).collect(),
    )
    .await;
    assert!(names.is_empty());
    assert_eq!(
        pulled.get(),
        0,
        "take(0) ends at once, without pulling anything"
    );
}
