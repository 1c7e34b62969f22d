//! Exercise 7.4: a thread pool's `map` with `std::thread::scope`. Real threads,
//! no sleeps: the tests find out which threads ran the work, and whether they
//! ran at the same time, with a rendezvous that gives up after a second.

use std::collections::HashSet;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::Mutex;
use std::thread::{self, ThreadId};

use capstone::scoped_threads::parallel_map;
use testkit::props::{self, proptest};
use testkit::threads::Rendezvous;

use proptest::prelude::*;

#[test]
fn gives_the_same_results_as_map_in_the_same_order() {
    let words: Vec<String> = (0..100).map(|i| format!("word{i}")).collect();
    let lengths = parallel_map(&words, 4, |word| word.len());
    let expected: Vec<usize> = words.iter().map(|word| word.len()).collect();
    assert_eq!(
        lengths, expected,
        "parallel_map must return f(item) for every item, in the order of the items, \
         like ThreadPoolExecutor.map"
    );
}

#[test]
fn runs_on_that_many_threads_at_once_and_not_the_callers() {
    let items: Vec<u32> = (0..40).collect();
    let rendezvous = Rendezvous::new(4);
    let doubled = parallel_map(&items, 4, |&n| {
        rendezvous.arrive();
        n * 2
    });
    assert_eq!(
        doubled,
        (0..40).map(|n| n * 2).collect::<Vec<_>>(),
        "parallel_map must return f(item) for every item, in the order of the items"
    );
    let threads = rendezvous.threads();
    assert!(
        !threads.contains(&thread::current().id()),
        "some items were processed on the calling thread: spawn the workers with \
         thread::scope and let them do all the work"
    );
    assert_eq!(
        threads.len(),
        4,
        "with 4 workers, the work must run on 4 threads; it ran on {}",
        threads.len()
    );
    assert!(
        !rendezvous.someone_gave_up(),
        "the 4 workers did not all run at the same time: one waited a second for the \
         others. Spawn every worker first, then join them (joining each right after \
         spawning it runs them one after the other)"
    );
}

#[test]
fn never_more_threads_than_items() {
    let items = ["a", "b", "c"];
    let rendezvous = Rendezvous::new(3);
    let upper = parallel_map(&items, 8, |s| {
        rendezvous.arrive();
        s.to_uppercase()
    });
    assert_eq!(
        upper,
        ["A", "B", "C"],
        "parallel_map must return f(item) for every item, in the order of the items"
    );
    assert_eq!(
        rendezvous.threads().len(),
        3,
        "3 items and 8 workers: 3 threads have work, the others need not exist"
    );
}

#[test]
fn borrows_local_data_without_arc() {
    // Neither the items nor what `f` uses are 'static: scoped threads may
    // borrow them, because the scope joins every thread before it returns.
    let prefix = String::from("item ");
    let items: Vec<u8> = vec![1, 2, 3, 4, 5];
    let labels = parallel_map(&items, 2, |n| format!("{prefix}{n}"));
    assert_eq!(
        labels,
        ["item 1", "item 2", "item 3", "item 4", "item 5"],
        "parallel_map must return f(item) for every item, in the order of the items"
    );
}

#[test]
fn no_items_give_no_results() {
    let items: [u8; 0] = [];
    // Caught, so that a panic inside parallel_map is explained rather than shown bare.
    let results = std::panic::catch_unwind(|| parallel_map(&items, 2, |n| n * 2));
    assert!(
        matches!(&results, Ok(none) if none.is_empty()),
        "parallel_map of no items must return an empty Vec, not panic: an empty slice \
         divides into chunks of 0 items, and `chunks(0)` panics"
    );
}

/// Runs `parallel_map` and notes the threads that ran `f`; a panic inside it
/// becomes the test's message, with what was asked.
fn map_on_threads(items: &[u32], workers: usize) -> (Vec<u64>, HashSet<ThreadId>) {
    let threads = Mutex::new(HashSet::new());
    let results = catch_unwind(AssertUnwindSafe(|| {
        parallel_map(items, workers, |&n| {
            threads
                .lock()
                .expect("not poisoned")
                .insert(thread::current().id());
            u64::from(n) * 3
        })
    }))
    .unwrap_or_else(|_| {
        panic!(
            "parallel_map of {} items on {workers} workers panicked (see the message \
             above): every number of workers is allowed, 0 (counted as 1) and the \
             largest usize included",
            items.len()
        )
    });
    (results, threads.into_inner().expect("not poisoned"))
}

#[test]
fn zero_workers_count_as_one() {
    let items = [1, 2, 3];
    let (results, threads) = map_on_threads(&items, 0);
    assert_eq!(
        (results, threads.len()),
        (vec![3, 6, 9], 1),
        "`workers: 0` counts as 1: one thread does all the work"
    );
}

#[test]
fn never_more_threads_than_workers() {
    // 10 items on 4 workers: chunks of 2 (rounded down) would make 5 chunks,
    // and 5 threads.
    let items: Vec<u32> = (0..10).collect();
    let (results, threads) = map_on_threads(&items, 4);
    assert_eq!(
        results,
        items.iter().map(|&n| u64::from(n) * 3).collect::<Vec<_>>(),
        "parallel_map must return f(item) for every item, in the order of the items"
    );
    assert!(
        threads.len() <= 4,
        "10 items on 4 workers ran on {} threads: at most `workers` chunks, so a chunk \
         size of 10 / 4 rounded up (3), not down (2)",
        threads.len()
    );
}

#[test]
fn the_largest_number_of_workers_is_allowed() {
    let items = [7, 8];
    let (results, threads) = map_on_threads(&items, usize::MAX);
    assert_eq!(
        (results, threads.len()),
        (vec![21, 24], 2),
        "2 items on usize::MAX workers: one thread per item, the results in order"
    );
}

proptest! {
    #![proptest_config(props::cases(32))]

    /// Any items (none, one, many; 0 and u32::MAX among them) on any number
    /// of workers (0, 1, more than items, usize::MAX). The model: `map`, in
    /// order; at least one thread and at most min(max(workers, 1), items),
    /// never the caller's.
    #[test]
    fn any_items_on_any_workers(
        items in prop::collection::vec(prop_oneof![Just(0_u32), Just(u32::MAX), any::<u32>()], 0..24),
        workers in prop_oneof![Just(0_usize), Just(1), Just(usize::MAX), 1_usize..30],
    ) {
        let (results, threads) = map_on_threads(&items, workers);
        let expected: Vec<u64> = items.iter().map(|&n| u64::from(n) * 3).collect();
        prop_assert!(
            results == expected,
            "parallel_map must return f(item) for every item, in the order of the items.\n{} \
             items on {} workers: expected {:?}\nyours {:?}",
            items.len(), workers, expected, results
        );
        let most = workers.max(1).min(items.len());
        prop_assert!(
            threads.len() <= most && (items.is_empty() || !threads.is_empty()),
            "{} items on {} workers ran on {} threads; expected between 1 and {}: at most \
             `workers` chunks (0 counts as 1), at most one thread per item",
            items.len(), workers, threads.len(), most
        );
        prop_assert!(
            !threads.contains(&thread::current().id()),
            "some items were processed on the calling thread: the workers do all the work"
        );
    }
}
