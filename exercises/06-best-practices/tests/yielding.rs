//! Exercise 6.4: long work on a single-threaded runtime must yield, or it
//! starves every other task. A ticker task records when it gets to run.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use best_practices::yielding::crunch;
use testkit::limit::within;
use testkit::props::{self, proptest};
use tokio::time::Duration;

use proptest::prelude::*;

/// A shared log of what ran, in order.
#[derive(Debug, Clone, Default)]
struct Log(Arc<Mutex<Vec<String>>>);

impl Log {
    fn push(&self, event: String) {
        self.0.lock().expect("not poisoned").push(event);
    }
    fn events(&self) -> Vec<String> {
        self.0.lock().expect("not poisoned").clone()
    }
}

/// Runs `crunch(chunks, …)` beside a ticker task; returns the total and the log.
async fn crunch_beside_a_ticker(chunks: usize) -> (u64, Vec<String>) {
    let log = Log::default();
    let done = Arc::new(AtomicBool::new(false));
    let ticker = tokio::spawn({
        let (log, done) = (log.clone(), Arc::clone(&done));
        async move {
            while !done.load(Ordering::SeqCst) {
                log.push("tick".to_owned());
                tokio::task::yield_now().await;
            }
        }
    });
    let work_log = log.clone();
    let total = within(
        Duration::from_secs(60),
        "crunch never finished",
        crunch(chunks, move |chunk| {
            work_log.push(format!("chunk {chunk}"));
            // Stands in for a slice of CPU-heavy work.
            (0..10_000_u64).map(|i| i % (chunk as u64 + 2)).sum::<u64>()
        }),
    )
    .await;
    done.store(true, Ordering::SeqCst);
    ticker.await.expect("the ticker ends");
    (total, log.events())
}

fn expected_total(chunks: usize) -> u64 {
    (0..chunks)
        .map(|chunk| (0..10_000_u64).map(|i| i % (chunk as u64 + 2)).sum::<u64>())
        .sum()
}

#[tokio::test(start_paused = true)]
async fn runs_every_chunk_once_in_order() {
    let (total, log) = crunch_beside_a_ticker(5).await;
    let chunks: Vec<&str> = log
        .iter()
        .map(String::as_str)
        .filter(|e| e.starts_with("chunk"))
        .collect();
    assert_eq!(
        chunks,
        ["chunk 0", "chunk 1", "chunk 2", "chunk 3", "chunk 4"],
        "crunch(5, work) must call work(0) … work(4), once each, in order"
    );
    assert_eq!(
        total,
        expected_total(5),
        "crunch returns the sum of the chunks' results"
    );
}

#[tokio::test(start_paused = true)]
async fn the_ticker_runs_between_every_two_chunks() {
    let (_, log) = crunch_beside_a_ticker(6).await;
    let positions: Vec<usize> = log
        .iter()
        .enumerate()
        .filter(|(_, e)| e.starts_with("chunk"))
        .map(|(i, _)| i)
        .collect();
    for pair in positions.windows(2) {
        let between = &log[pair[0] + 1..pair[1]];
        assert!(
            between.iter().any(|e| e == "tick"),
            "the ticker did not run between `{}` and `{}`: the log was {log:?}. On a \
             single-threaded runtime a task runs until it awaits something that is not \
             ready; a loop of CPU work with no .await starves every other task. Give the \
             runtime a turn after each chunk with tokio::task::yield_now().await",
            log[pair[0]],
            log[pair[1]],
        );
    }
}

#[tokio::test(start_paused = true)]
async fn no_chunks_no_work() {
    let (total, log) = crunch_beside_a_ticker(0).await;
    assert_eq!(total, 0, "crunch(0, work) sums no chunks: 0");
    assert!(
        !log.iter().any(|e| e.starts_with("chunk")),
        "crunch(0, work) must not call work"
    );
}

proptest! {
    #![proptest_config(props::cases(32))]
    #[test]
    fn any_number_of_chunks_summed_in_order_with_a_turn_for_others_after_each(
        results in prop::collection::vec(
            prop_oneof![Just(0_u64), Just(1), Just(u64::from(u32::MAX)), any::<u32>().prop_map(u64::from)],
            0..8,
        )
    ) {
        // The model: work(0) … work(n - 1), each once, in order; their sum;
        // and the ticker's turn between every two of them.
        let (total, log) = props::paused(async {
            let log = Log::default();
            let done = Arc::new(AtomicBool::new(false));
            let ticker = tokio::spawn({
                let (log, done) = (log.clone(), Arc::clone(&done));
                async move {
                    while !done.load(Ordering::SeqCst) {
                        log.push("tick".to_owned());
                        tokio::task::yield_now().await;
                    }
                }
            });
            let (work_log, chunk_results) = (log.clone(), results.clone());
            let total = within(
                Duration::from_secs(60),
                "crunch never finished",
                crunch(results.len(), move |chunk| {
                    work_log.push(format!("chunk {chunk}"));
                    chunk_results.get(chunk).copied().unwrap_or(0)
                }),
            )
            .await;
            done.store(true, Ordering::SeqCst);
            ticker.await.expect("the ticker ends");
            (total, log.events())
        });
        let chunks: Vec<&String> = log.iter().filter(|e| e.starts_with("chunk")).collect();
        let expected_chunks: Vec<String> = (0..results.len()).map(|c| format!("chunk {c}")).collect();
        prop_assert!(
            chunks == expected_chunks.iter().collect::<Vec<_>>(),
            "crunch({}, work) must call work(0) … work({}), once each, in order; it called {chunks:?}",
            results.len(),
            results.len().saturating_sub(1)
        );
        prop_assert!(
            total == results.iter().sum::<u64>(),
            "work returned {results:?}: crunch must return their sum, {}, but returned {total}",
            results.iter().sum::<u64>()
        );
        let starved = log
            .windows(2)
            .find(|pair| pair[0].starts_with("chunk") && pair[1].starts_with("chunk"));
        prop_assert!(
            starved.is_none(),
            "the ticker did not run between {:?}: after each chunk, give the runtime a turn \
             (tokio::task::yield_now().await). The log was {log:?}",
            starved.unwrap_or_default()
        );
    }
}
