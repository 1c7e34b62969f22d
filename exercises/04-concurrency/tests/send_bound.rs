//! Exercise 4.6: a spawned future must be `Send`; a `LocalSet` runs one that is not.

use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, Mutex};

use concurrency::send_bound::{count_locally, spawn_counter};
use testkit::limit::within;
use tokio::time::{Duration, Instant, sleep};

const LIMIT: Duration = Duration::from_secs(60);

fn lines() -> Vec<String> {
    ["to be or", "not to be", "be quick"]
        .map(String::from)
        .to_vec()
}

fn expected() -> BTreeMap<String, usize> {
    [("be", 3), ("not", 1), ("or", 1), ("quick", 1), ("to", 2)]
        .map(|(w, n)| (w.to_string(), n))
        .into()
}

fn sorted(counts: &Mutex<HashMap<String, usize>>) -> BTreeMap<String, usize> {
    counts
        .lock()
        .expect("not poisoned")
        .clone()
        .into_iter()
        .collect()
}

#[tokio::test(start_paused = true)]
async fn the_spawned_counter_counts_every_word() {
    let counts = Arc::new(Mutex::new(HashMap::new()));
    let started = Instant::now();
    within(
        LIMIT,
        "the counting task never finished",
        spawn_counter(Arc::clone(&counts), lines()),
    )
    .await
    .expect("the counting task does not panic");
    assert_eq!(
        sorted(&counts),
        expected(),
        "every word of every line, counted"
    );
    assert_eq!(
        started.elapsed(),
        Duration::from_millis(300),
        "three lines, one every 100 ms (LINE_DELAY), take 300 ms"
    );
}

#[tokio::test(start_paused = true)]
async fn the_counter_works_while_the_caller_goes_on() {
    let counts = Arc::new(Mutex::new(HashMap::new()));
    let task = spawn_counter(Arc::clone(&counts), lines());
    sleep(Duration::from_millis(150)).await;
    assert_eq!(
        sorted(&counts),
        [("be", 1), ("or", 1), ("to", 1)]
            .map(|(w, n)| (w.to_string(), n))
            .into(),
        "150 ms in, the first line (it arrives after 100 ms) must be counted and \
         the second (200 ms) not yet; and the lock must be free between lines"
    );
    within(LIMIT, "the counting task never finished", task)
        .await
        .expect("the counting task does not panic");
}

#[tokio::test(start_paused = true)]
async fn count_locally_counts_every_word() {
    let started = Instant::now();
    let counts = within(
        LIMIT,
        "count_locally never finished",
        count_locally(lines()),
    )
    .await;
    assert_eq!(counts, expected(), "every word of every line, counted");
    assert_eq!(
        started.elapsed(),
        Duration::from_millis(300),
        "three lines, one every 100 ms (LINE_DELAY), take 300 ms"
    );
}

/// The caller looks at the shared map every 100 ms, half way between two lines.
#[tokio::test(start_paused = true)]
async fn timeline_of_the_caller_and_the_counter() {
    let timeline = testkit::timeline::Timeline::start();
    let counts = Arc::new(Mutex::new(HashMap::new()));
    let task = spawn_counter(Arc::clone(&counts), lines());
    sleep(Duration::from_millis(50)).await;
    for _ in 0..4 {
        let words: usize = counts.lock().expect("not poisoned").values().sum();
        timeline.record(format!("caller sees {words} words"));
        sleep(Duration::from_millis(100)).await;
    }
    within(LIMIT, "the counting task never finished", task)
        .await
        .expect("the counting task does not panic");
    insta::assert_snapshot!("timeline", timeline.render());
}
