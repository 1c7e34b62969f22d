//! Exercise 4.6: a spawned future must be `Send`; a `LocalSet` runs one that is not.

use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, Mutex};

use concurrency::send_bound::{LINE_DELAY, count_locally, spawn_counter};
use testkit::held::{self, within};
use testkit::props::{self, proptest};
use tokio::time::{Duration, Instant, sleep};

use proptest::prelude::*;

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

/// A generated line: words (some capitalised, one not ASCII) between runs of
/// spaces and tabs, maybe a `\r` left by a `\r\n` ending, maybe blank.
fn generated_line() -> impl Strategy<Value = String> {
    let word = prop::sample::select(vec!["to", "be", "To", "BE", "or", "not", "café"]);
    let gap = prop::sample::select(vec![" ", "  ", "\t", " \t "]);
    let edge = prop::sample::select(vec!["", " ", "\t", "\r", " \r"]);
    (edge.clone(), prop::collection::vec((word, gap), 0..4), edge).prop_map(
        |(lead, words, trail)| {
            let body: Vec<String> = words.iter().map(|(w, g)| format!("{w}{g}")).collect();
            format!(
                "{lead}{}{trail}",
                body.concat().trim_end_matches([' ', '\t'])
            )
        },
    )
}

/// The model: each word is what `split_whitespace` gives, counted as it is.
fn model_counts(lines: &[String]) -> BTreeMap<String, usize> {
    let mut counts = BTreeMap::new();
    for word in lines.iter().flat_map(|line| line.split_whitespace()) {
        *counts.entry(word.to_string()).or_default() += 1;
    }
    counts
}

// Generated lines with the edges of text: runs of spaces and tabs, leading
// and trailing ones, `\r`, blank lines, no lines at all. The model counts the
// words `split_whitespace` gives, exactly as written, and the caller samples
// the map half way between two lines: after k lines have arrived, exactly
// their words are counted.
proptest! {
    #![proptest_config(props::cases(32))]
    #[test]
    fn both_counters_on_generated_lines(lines in prop::collection::vec(generated_line(), 0..5)) {
        let (samples, local, local_elapsed) = held::paused(async {
            let counts = Arc::new(Mutex::new(HashMap::new()));
            let task = spawn_counter(Arc::clone(&counts), lines.clone());
            let samples = within(LIMIT, "the counting task never finished", async {
                let mut samples = Vec::new();
                sleep(Duration::from_millis(50)).await;
                for _ in 0..=lines.len() {
                    samples.push(sorted(&counts));
                    sleep(Duration::from_millis(100)).await;
                }
                task.await.expect("the counting task does not panic");
                samples
            })
            .await;
            let started = Instant::now();
            let local = within(LIMIT, "count_locally never finished", count_locally(lines.clone())).await;
            (samples, local, started.elapsed())
        });
        for (k, sample) in samples.iter().enumerate() {
            let expected = model_counts(&lines[..k]);
            prop_assert!(
                *sample == expected,
                "spawn_counter on lines {lines:?}: at {} ms, {k} line(s) had arrived\n  \
                 expected: {expected:?}\n  yours:    {sample:?}\nwords are what \
                 split_whitespace gives (spaces, tabs and \\r all separate words, and \
                 none is empty), counted as written; a line is counted once it has arrived",
                50 + 100 * k
            );
        }
        let expected = model_counts(&lines);
        prop_assert!(
            local == expected,
            "count_locally on lines {lines:?}\n  expected: {expected:?}\n  yours:    {local:?}"
        );
        prop_assert!(
            local_elapsed == LINE_DELAY * lines.len() as u32,
            "count_locally on {} line(s) must take {} ms (LINE_DELAY each); yours took {} ms",
            lines.len(),
            (LINE_DELAY * lines.len() as u32).as_millis(),
            local_elapsed.as_millis()
        );
    }
}
