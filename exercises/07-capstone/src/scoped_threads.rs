//! # Exercise 7.4 — a pool's `map` with scoped threads
//!
//! The post's last advice is to explore `concurrent.futures` and `threading`.
//! Their most used tool is the pool's `map`: CPU-bound work over a list, on
//! several threads, results in order.
//!
//! ```python
//! from concurrent.futures import ThreadPoolExecutor
//!
//! with ThreadPoolExecutor(max_workers=4) as pool:
//!     lengths = list(pool.map(len, words))
//! ```
//!
//! In CPython the GIL lets only one thread run Python code at a time, so this
//! pays off for I/O, not for computation. Rust threads run in parallel. And
//! `std::thread::scope` gives the `with` block's guarantee in the type system:
//! every thread spawned in the scope is joined before the scope returns, so the
//! threads may borrow the caller's data (`&[T]`, `&f`) with no `Arc` and no
//! `'static`.
//!
//! **Task:** split `items` into at most `workers` chunks (0 counts as 1, and
//! `usize::MAX` is allowed), spawn one scoped thread per chunk, and return `f`
//! of every item in the order of `items`.
//!
//! Read: `book/src/07-capstone.md`, "A pool's map with scoped threads".

/// `f` applied to every item, on `workers` threads at once (at most one per
/// item), the results in the order of `items`.
pub fn parallel_map<T, R, F>(items: &[T], workers: usize, f: F) -> Vec<R>
where
    T: Sync,
    R: Send,
    F: Fn(&T) -> R + Sync,
{
    todo!("items.chunks(...), thread::scope, spawn a thread per chunk, join them in order")
}
