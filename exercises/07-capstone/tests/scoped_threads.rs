//! Exercise 7.4: a thread pool's `map` with `std::thread::scope`. Real threads,
//! no sleeps: the tests find out which threads ran the work, and whether they
//! ran at the same time, with a rendezvous that gives up after a second.

use std::thread;

use capstone::scoped_threads::parallel_map;
use testkit::threads::Rendezvous;

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
    assert_eq!(doubled, (0..40).map(|n| n * 2).collect::<Vec<_>>());
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
    assert_eq!(upper, ["A", "B", "C"]);
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
    assert_eq!(labels, ["item 1", "item 2", "item 3", "item 4", "item 5"]);
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
