//! Exercise 5.3: `StreamExt` adaptors, lazy like iterator adaptors.

use std::cell::Cell;
use std::rc::Rc;

use async_generators::adaptors::first_even_users;
use futures::{Stream, StreamExt, stream};
use testkit::limit::within;
use testkit::props::{self, proptest};
use tokio::time::{Duration, Instant};

use proptest::prelude::*;

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
    assert_eq!(
        names.len(),
        2,
        "first_even_users(ids, 2) must give two names: `take(n)` counts names, so it comes \
         after the filter"
    );
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
    assert!(
        names.is_empty(),
        "first_even_users(ids, 0) must give no names, but gave {names:?}"
    );
    assert_eq!(
        pulled.get(),
        0,
        "take(0) ends at once, without pulling anything"
    );
}

proptest! {
    #![proptest_config(props::cases(32))]
    #[test]
    fn the_first_n_even_ids_of_any_list(
        ids in prop::collection::vec(
            prop_oneof![Just(0_u64), Just(1), Just(u64::MAX - 1), Just(u64::MAX), 0_u64..50],
            0..10,
        ),
        n in 0_usize..5,
    ) {
        // The model: the even ids, the first n of them, named in capitals;
        // the ids pulled are those up to the n-th even one (all of them if
        // there are fewer); one lookup of 100 ms per name, one after another.
        let evens: Vec<usize> = (0..ids.len()).filter(|&i| ids[i] % 2 == 0).collect();
        let names: Vec<String> = evens.iter().take(n).map(|&i| format!("USER{}", ids[i])).collect();
        let pulled = match n {
            0 => 0,
            n if evens.len() >= n => evens[n - 1] + 1,
            _ => ids.len(),
        };
        let expected = (names.clone(), pulled as u64, 100 * names.len() as u64);

        let source = ids.clone();
        let actual = props::paused(async move {
            let pulled = Rc::new(Cell::new(0));
            let counter = Rc::clone(&pulled);
            let ids = stream::iter(source).inspect(move |_| counter.set(counter.get() + 1));
            let started = Instant::now();
            let got: Vec<String> = within(
                LIMIT,
                "the stream never ended",
                first_even_users(ids, n).take(ENOUGH).collect(),
            )
            .await;
            (got, pulled.get(), started.elapsed().as_millis() as u64)
        });
        prop_assert!(
            actual == expected,
            "first_even_users({ids:?}, {n}):\n\
             the course expects the names {:?}, {} ids pulled, {} ms of lookups;\n\
             yours gave {:?}, pulled {}, took {} ms.\n\
             Keep the even ids (0 is even), look each one up, capitalise, and stop after n \
             names without pulling another id",
            expected.0, expected.1, expected.2, actual.0, actual.1, actual.2
        );
    }
}
