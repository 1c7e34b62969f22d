//! Mistake: An async function lets other tasks run between its statements.
//! Expect: a loop of CPU work with no .await starves every other task
//! Exercise 6.4, solved: long work that lets other tasks run.

/// Runs `work(0)`, `work(1)`, … `work(chunks - 1)` and sums the results,
/// yielding to the runtime after each chunk.
pub async fn crunch(chunks: usize, mut work: impl FnMut(usize) -> u64) -> u64 {
    let mut total = 0;
    for chunk in 0..chunks {
        total += work(chunk);
    }
    total
}
