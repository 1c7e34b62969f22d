//! Mistake: A short sleep after each chunk lets the other tasks run, as time.sleep lets other threads run.
//! Expect: blocking
//! Exercise 6.4, solved: long work that lets other tasks run.

/// Runs `work(0)`, `work(1)`, … `work(chunks - 1)` and sums the results,
/// yielding to the runtime after each chunk.
pub async fn crunch(chunks: usize, mut work: impl FnMut(usize) -> u64) -> u64 {
    let mut total = 0;
    for chunk in 0..chunks {
        total += work(chunk);
        // Without an .await that is not ready, this task would keep the thread
        // until the loop ends: yield_now gives every other task a turn.
        std::thread::sleep(std::time::Duration::from_millis(150));
    }
    total
}
