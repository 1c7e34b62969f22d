//! Mistake: One yield_now at the start lets the other tasks have their turn.
//! Expect: the ticker did not run between `chunk 0` and `chunk 1`
//! Exercise 6.4, solved: long work that lets other tasks run.

/// Runs `work(0)`, `work(1)`, … `work(chunks - 1)` and sums the results,
/// yielding to the runtime after each chunk.
pub async fn crunch(chunks: usize, mut work: impl FnMut(usize) -> u64) -> u64 {
    let mut total = 0;
    tokio::task::yield_now().await;
    for chunk in 0..chunks {
        total += work(chunk);
    }
    total
}
