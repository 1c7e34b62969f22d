//! Mistake: There is always at least one worker: divide the items by `workers` as it is.
//! Expect: parallel_map of 3 items on 0 workers panicked
//! Exercise 7.4, solved: a pool's `map` with scoped threads.

use std::thread;

/// `f` applied to every item, on `workers` threads at once (at most one per
/// item), the results in the order of `items`.
pub fn parallel_map<T, R, F>(items: &[T], workers: usize, f: F) -> Vec<R>
where
    T: Sync,
    R: Send,
    F: Fn(&T) -> R + Sync,
{
    // `chunks(0)` panics, and an empty slice would give a chunk size of 0.
    if items.is_empty() {
        return Vec::new();
    }
    // Rounded up, so there are at most `workers` chunks (and threads).
    let chunk_size = items.len().div_ceil(workers);
    let f = &f;
    thread::scope(|scope| {
        // Spawn every thread before joining any: joining each right after
        // spawning it would run them one after the other.
        let handles: Vec<_> = items
            .chunks(chunk_size)
            .map(|chunk| scope.spawn(move || chunk.iter().map(f).collect::<Vec<R>>()))
            .collect();
        handles
            .into_iter()
            .flat_map(|handle| handle.join().expect("a worker thread panicked"))
            .collect()
    })
}
